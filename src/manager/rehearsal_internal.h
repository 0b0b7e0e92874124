/*
 * rehearsal_internal.h - the rehearsal's state, shared by rehearsal.c (the
 * deal and the manager), rehearsal_score.c (the rubric and the debrief) and
 * report_rehearsal.c (JSON). Internal: never installed.
 */
#ifndef PUSHBACK_REHEARSAL_INTERNAL_H
#define PUSHBACK_REHEARSAL_INTERNAL_H

#include <pushback/rehearsal.h>

#define PB__REH_MAX_SETS 8

/* Settings a move or an answer touches: bits of 'pocketed'. */
enum {
    PB__SET_DEADLINE = 1,
    PB__SET_BUDGET = 2,
    PB__SET_PEOPLE = 4,
    PB__SET_SCOPE = 8,
    PB__SET_RISK = 16,
    PB__SET_CHOICE = 32 /* << k for choice k (k < 26) */
};

struct pb_rehearsal {
    const pb_brief *b;
    const pb_scenario *s;
    pb_rehearsal_opts o;
    pb_deal_opts dopts;
    /* the deal now, as settings */
    double deadline, budget;
    int people;        /* > 0: search this many at the next evaluation */
    int *team;         /* n_roles, as last simulated */
    const char **alts; /* n_choices: borrowed option names, NULL: the plan's */
    char **drop;       /* owned */
    size_t n_drop;
    char *sets[PB__REH_MAX_SETS]; /* owned */
    size_t n_sets;
    pb_deal_result *ask;       /* the engineer's ask, evaluated (owned) */
    const pb_deal_result *now; /* the deal now (the ask or a turn's) */
    /* the parser's context: "choice.alternative" ids and their kinds */
    char **alt_ids;
    pb_kind *alt_kinds;
    char **alt_labels; /* parallel: pb_scenario_alternative_label of each */
    size_t n_alt_ids;
    const char **role_names;
    /* the manager */
    size_t *order; /* moves (argument indices), the opening first */
    size_t n_order, pos;
    int times_asked;    /* of order[pos]: 0 before it is asked */
    bool interest_told; /* of order[pos] */
    bool moved;         /* the last answer settled a move: the next one starts "Now, ..." */
    unsigned pocketed;  /* PB__SET_* conceded: never asked again */
    char *reaction;     /* the reply to the last answer, said before the next move */
    char *words;        /* the last words pb_rehearsal_next() gave */
    bool ended;
    pb_turn *turns;
    size_t n_turns, cap_turns;
};

/*
 * Evaluate the deal the settings describe into *out (owned by the caller);
 * the team simulated becomes the settings' team.
 */
pb_status pb__reh_evaluate(pb_rehearsal *r, pb_deal_result **out, pb_error *err);

/* The settings a move's change touches (PB__SET_*). */
unsigned pb__reh_touches(const pb_rehearsal *r, const pb_argument *g);

/* Score turn 't' (its answer read, the deal before it and after it). */
void pb__reh_score(const pb_rehearsal *r, const pb_argument *g, const pb_deal_result *before,
                   pb_turn *t);

/* printf into a new string; NULL when memory runs out. */
char *pb__reh_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A value formatted as the scenario formats 'kind' ("time", "money", "pct"). */
void pb__reh_fmt(const pb_scenario *s, double v, const char *kind, char *buf, size_t cap);

/* The deal in one line (date, people, budget, choices, P(all) with its interval); owned. */
char *pb__reh_deal_line(const pb_scenario *s, const pb_deal_result *d);

#endif
