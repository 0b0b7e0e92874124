/*
 * negotiate.h - the deal a negotiation has reached so far, and the deals the
 * manager's moves propose (internal: brief.c uses it).
 *
 * A move proposes a change of the deal (NEGOTIATION.md, section 4). The
 * negotiator evaluates the deal with everything already conceded plus that
 * change; when it holds the change is conceded and joins the agreed deal,
 * so that the next small "yes" is tested with every earlier one. Every deal
 * is evaluated once: the results are cached by the deal they describe and
 * owned by the negotiation, so a probability quoted twice is one number.
 */
#ifndef PUSHBACK_NEGOTIATE_H
#define PUSHBACK_NEGOTIATE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include <pushback/deal.h>

#define PB__NEGO_MAX_SETS 8

/* A change of the deal; NAN, 0, NULL: left as agreed. */
typedef struct pb__change {
    double deadline, budget;
    int people;        /* > 0: the best allocation of this many people */
    const int *team;   /* per role, or NULL; an entry < 0: as agreed */
    const char *alt;   /* an alternative (an option's id) */
    const char **drop; /* optional milestones dropped */
    size_t n_drop;
    const char *set;         /* one "PATH=VALUE" (a risk dismissed), or NULL */
    const char *const *alts; /* per choice (NULL entries: as agreed), or NULL */
} pb__change;

typedef struct pb__nego_entry {
    char *key;            /* the deal, canonical */
    pb_deal_result *deal; /* owned */
    char **sets;          /* the --set changes it was evaluated with (owned) */
    size_t n_sets;
} pb__nego_entry;

typedef struct pb__nego {
    const pb_scenario *s;
    pb_deal_opts opts;
    /* the agreed deal */
    double deadline, budget;
    int people;        /* > 0: the best allocation of this many people ... */
    int *people_team;  /* ... which is this team (n_roles), kept for a later team change */
    int *team;         /* n_roles; -1: as planned */
    const char **alts; /* n_choices; NULL: the plan's */
    const char **drop; /* borrowed strings (the scenario's or the rulebook's) */
    size_t n_drop;
    char *sets[PB__NEGO_MAX_SETS]; /* --set changes agreed (a risk dismissed), owned */
    size_t n_sets;
    pb__nego_entry *cache;
    size_t n_cache;
    double plan_target; /* P(the metric's target met) in the plan as asked (the learning curve's,
                           else every round's); NAN: not yet known, or no metric */
    bool plan_known;    /* plan_target has been looked up */
    double commit_said; /* the date the last 'agreed-date' offer promised (NAN: none yet) */
} pb__nego;

/* Start with nothing conceded. false: out of memory. */
bool pb__nego_init(pb__nego *n, const pb_scenario *s, uint64_t seed, unsigned threads);
void pb__nego_release(pb__nego *n);

/*
 * The agreed deal plus change 'c', evaluated (cached). The metric is part of
 * the deal (docs/deals.md, "The metric"): when the plan as asked meets its
 * target (the learning curve's, else every experiment round's) at the
 * confidence and this deal's plan does not, the deal is evaluated with the
 * metric promised (pb_deal_opts.metric), so that its joint is P(date, budget
 * and target) and it fails on quality. *out is borrowed
 * from the negotiation; *entry (may be NULL) gives its --set changes.
 * Errors as pb_deal_evaluate (PB_ERR_USAGE, PB_ERR_INVALID: the change makes
 * no plan; PB_ERR_RUN).
 */
pb_status pb__nego_evaluate(pb__nego *n, const pb__change *c, const pb__nego_entry **out,
                            pb_error *err);

/*
 * Concede change 'c': it joins the agreed deal, its --set change (a risk
 * dismissed) included. A head count conceded keeps the team the solver gave
 * it (the agreed deal is evaluated for that, from the cache when it was
 * evaluated before), so that a later change of one role's people keeps the
 * others. false: out of memory.
 */
bool pb__nego_agree(pb__nego *n, const pb__change *c);

/* t rounded up to a tenth of the scenario's unit: a date promised is never below the quantile
   it comes from (the 1e-9 keeps a date already on a tenth where it is). */
static inline double pb__up_tenth(double t)
{
    return ceil(t * 10 - 1e-9) / 10;
}

#endif
