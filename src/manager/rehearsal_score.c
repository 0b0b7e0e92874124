/*
 * rehearsal_score.c - the rehearsal's rubric, per turn, and the debrief.
 *
 * The rubric (docs/rehearse.md): quoted a number (+1); quoted its interval
 * (+1); the number was right, that is the simulation backs it: a date or a
 * budget at least the lower end of the 95% interval of the deal's date or
 * cost at the confidence, a range that brackets that interval (+1);
 * conceded when the numbers backed the manager (+1; conceding a deal that
 * then fails: -2); lowered the date or the money without changing an input,
 * leaving a deal that does not hold (-2); offered a trade, a change of the
 * team, an alternative or the scope (+1); asked about the interest (+1). A
 * turn earns at most PB_REHEARSAL_TURN_MAX; one that asks about the
 * interest can earn 1, and one not understood nothing. A turn that could
 * earn PB_REHEARSAL_TURN_MAX and earns at most 1 is weak: its advice is the
 * prep sheet's answer to the move, with its counter-offer.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brief_endstate.h"
#include "brief_interests.h"
#include "rehearsal_internal.h"

static const char *const RUBRIC[PB_RUBRIC_N] = {
    "quoted a number",
    "quoted its interval",
    "the number was right (the simulation backs it)",
    "conceded when the numbers backed the manager",
    "lowered the date or the money without changing an input",
    "offered a trade",
    "asked about the interest",
};
static const int MET[PB_RUBRIC_N] = {1, 1, 1, 1, 0, 1, 1};
static const int FAILED[PB_RUBRIC_N] = {0, 0, 0, -2, -2, 0, 0};

const char *pb_rubric_name(size_t i)
{
    return i < PB_RUBRIC_N ? RUBRIC[i] : NULL;
}

int pb_rubric_points(size_t i, bool met)
{
    return i < PB_RUBRIC_N ? (met ? MET[i] : FAILED[i]) : 0;
}

char *pb__reh_deal_line(const pb_scenario *s, const pb_deal_result *d)
{
    char dl[64], bu[64], p[32], lo[32], hi[32], ch[512] = "";
    pb__reh_fmt(s, d->deadline, "time", dl, sizeof dl);
    pb__reh_fmt(s, d->budget, "money", bu, sizeof bu);
    pb__reh_fmt(s, d->joint.value, "pct", p, sizeof p);
    pb__reh_fmt(s, d->joint.lo, "pct", lo, sizeof lo);
    pb__reh_fmt(s, d->joint.hi, "pct", hi, sizeof hi);
    size_t n = 0;
    char label[300];
    /* the alternatives away from the plan as written and the scope dropped, by what a manager
       calls them (the prep sheet's names), never "choice=alternative" ids */
    for (size_t c = 0; c < d->n_choices && c < s->n_choices && n < sizeof ch; c++)
        if (strcmp(d->alternatives[c], s->choices[c].base))
            n += (size_t)snprintf(
                ch + n, sizeof ch - n, ", %s",
                pb_scenario_alternative_label(s, d->alternatives[c], label, sizeof label));
    for (size_t k = 0; k < d->n_dropped && n < sizeof ch; k++) {
        const pb_milestone *m = pb_scenario_milestone(s, d->dropped[k]);
        if (!pb__dropped_by_choice(s, d, d->dropped[k]))
            n += (size_t)snprintf(ch + n, sizeof ch - n, ", without %s",
                                  m && m->name ? m->name : d->dropped[k]);
    }
    if (!d->feasible)
        return pb__reh_printf("%s, %d people, %s%s: infeasible (%s)", dl, d->people, bu, ch,
                              d->reason);
    return pb__reh_printf("%s, %d people, %s%s; P(all) %s (95%% CI %s-%s): %s", dl, d->people, bu,
                          ch, p, lo, hi, d->verdict);
}

static bool holds(const pb_deal_result *d)
{
    return d && d->feasible && !strcmp(d->verdict, "holds");
}

/* The numbers quoted, checked against the deal they describe; -1 none, 0 wrong, 1 right. */
static int numbers_right(const pb_answer *a, const pb_deal_result *d, char *why, size_t cap)
{
    if (!d->feasible)
        return a->has_deadline || a->has_budget || a->has_range ? 0 : -1;
    int right = -1;
    if (a->has_deadline) {
        right = a->deadline >= d->date.lo;
        if (!right)
            snprintf(why, cap, "the date quoted is short of the %.0f%% date", 100 * d->confidence);
    }
    if (a->has_budget && right != 0) {
        right = a->budget >= d->money.lo;
        if (!right)
            snprintf(why, cap, "the money quoted is short of the %.0f%% cost", 100 * d->confidence);
    }
    if (a->has_range && a->range_unit == PB_UNIT_TIME && right != 0) {
        right = a->lo <= d->date.hi && a->hi >= d->date.lo;
        if (!right)
            snprintf(why, cap, "the range quoted misses the %.0f%% date", 100 * d->confidence);
    }
    return right;
}

/* The rubric's items this answer meets and fails (bits of met and failed). */
static void judge(const pb_argument *g, const pb_deal_result *before, pb_turn *t, char *why,
                  size_t cap)
{
    const pb_answer *a = &t->read;
    pb_turn_score *sc = &t->score;
    sc->met |= a->quoted_number ? PB_RUBRIC_NUMBER : 0u;
    sc->met |= a->quoted_interval ? PB_RUBRIC_INTERVAL : 0u;
    int right = numbers_right(a, t->deal, why, cap);
    sc->met |= right == 1 ? PB_RUBRIC_RIGHT : 0u;
    sc->failed |= right == 0 ? PB_RUBRIC_RIGHT : 0u;
    bool input = a->has_people || a->has_role_people || a->has_choice;
    bool lower = (a->has_deadline && a->deadline < before->deadline) ||
                 (a->has_budget && a->budget < before->budget);
    if (a->stance == PB_STANCE_CONCEDE) {
        bool backed = t->changed ? holds(t->deal) : g->conceded;
        sc->met |= backed ? PB_RUBRIC_CONCEDE : 0u;
        sc->failed |= backed ? 0u : PB_RUBRIC_CONCEDE;
    }
    if (lower && !input && !holds(t->deal))
        sc->failed |= PB_RUBRIC_LOWERED;
    if (a->stance == PB_STANCE_COUNTER && input)
        sc->met |= PB_RUBRIC_TRADE;
    if (a->stance == PB_STANCE_ASK_INTEREST)
        sc->met |= PB_RUBRIC_INTEREST;
}

/* The note: the items met and failed, by name. */
static void note(pb_turn_score *sc, const char *why, const char *stance_note)
{
    size_t n = 0;
    for (size_t i = 0; i < PB_RUBRIC_N && n < sizeof sc->note; i++) {
        unsigned bit = 1u << i;
        if (sc->met & bit)
            n += (size_t)snprintf(sc->note + n, sizeof sc->note - n, "%s+ %s", n ? "; " : "",
                                  RUBRIC[i]);
        else if ((sc->failed & bit) && n < sizeof sc->note)
            n += (size_t)snprintf(sc->note + n, sizeof sc->note - n, "%s- %s", n ? "; " : "",
                                  i == 3 ? "conceded a deal the numbers do not back" : RUBRIC[i]);
    }
    if (*why && n < sizeof sc->note)
        snprintf(sc->note + n, sizeof sc->note - n, "%s(%s)", n ? " " : "", why);
    else if (!n)
        snprintf(sc->note, sizeof sc->note, "%s", stance_note);
}

void pb__reh_score(const pb_rehearsal *r, const pb_argument *g, const pb_deal_result *before,
                   pb_turn *t)
{
    (void)r;
    pb_turn_score *sc = &t->score;
    const pb_answer *a = &t->read;
    char why[160] = "";
    sc->max = PB_REHEARSAL_TURN_MAX;
    if (a->ambiguous || a->stance == PB_STANCE_UNCLEAR)
        sc->max = 0;
    else if (a->stance == PB_STANCE_ASK_INTEREST)
        sc->max = 1;
    if (sc->max == 1)
        sc->met |= PB_RUBRIC_INTEREST;
    else if (sc->max)
        judge(g, before, t, why, sizeof why);
    int plus = 0, minus = 0;
    for (size_t i = 0; i < PB_RUBRIC_N; i++) {
        plus += (sc->met >> i) & 1u ? MET[i] : 0;
        minus += (sc->failed >> i) & 1u ? FAILED[i] : 0;
    }
    sc->points = (plus < sc->max ? plus : sc->max) + minus;
    note(sc, why,
         sc->max == 0                      ? "not understood: asked back"
         : a->stance == PB_STANCE_HOLD     ? "held without a number"
         : a->stance == PB_STANCE_ASK_TIME ? "asked for time without a number"
                                           : "no number, no trade, no question");
    if (sc->max == PB_REHEARSAL_TURN_MAX && sc->points <= 1 && g->answer) {
        if (g->offer_text)
            t->advice = pb__reh_printf("%s %s", g->answer, g->offer_text);
        else
            t->advice = pb__reh_printf("%s", g->answer);
    }
}

/* 'pushback deal' flags that give the deal 'd' (the session's drops and sets). */
static char *reproduce(const pb_rehearsal *r, const char *prefix, const pb_deal_result *d)
{
    size_t cap = 256 + strlen(prefix);
    for (size_t i = 0; i < d->n_roles; i++)
        cap += strlen(d->roles[i]) + 16;
    for (size_t c = 0; c < d->n_choices; c++)
        cap += strlen(d->choices[c]) + strlen(d->alternatives[c]) + 16;
    for (size_t i = 0; i < r->n_drop; i++)
        cap += strlen(r->drop[i]) + 16;
    for (size_t i = 0; i < r->n_sets; i++)
        cap += strlen(r->sets[i]) + 16;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    size_t n = (size_t)snprintf(s, cap, "%s", prefix);
    if (isfinite(d->deadline))
        n += (size_t)snprintf(s + n, cap - n, " --deadline %.17g", d->deadline);
    if (isfinite(d->budget))
        n += (size_t)snprintf(s + n, cap - n, " --budget %.17g", d->budget);
    for (size_t i = 0; i < d->n_roles; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s%s=%d", i ? "," : " --team ", d->roles[i],
                              d->team[i]);
    for (size_t c = 0; c < d->n_choices; c++)
        n += (size_t)snprintf(s + n, cap - n, " --choose %s=%s", d->choices[c], d->alternatives[c]);
    for (size_t i = 0; i < r->n_drop; i++)
        n += (size_t)snprintf(s + n, cap - n, " --drop %s", r->drop[i]);
    for (size_t i = 0; i < r->n_sets; i++)
        n += (size_t)snprintf(s + n, cap - n, " --set %s", r->sets[i]);
    snprintf(s + n, cap - n, " -n %zu -s %llu", r->dopts.iterations,
             (unsigned long long)r->dopts.seed);
    return s;
}

/* The final deal in words, set against the ask and the walk-away point. A date and a budget are
   said together only as a pair that holds jointly on the deal's draws (pair_d, pair_m, with its
   joint share pair_p: pb__brief_joint_pair_p), never as the two marginal quantiles, which hold
   together in less than the confidence; without such a pair each is said alone, as such. */
static char *summary(const pb_rehearsal *r, const pb_deal_result *d, double pair_d, double pair_m,
                     const pb_interval *pair_p)
{
    const pb_scenario *s = r->s;
    char p[32], lo[32], hi[32], date[64], cost[64], ap[32], wa[64], need[400];
    pb__reh_fmt(s, d->joint.value, "pct", p, sizeof p);
    pb__reh_fmt(s, d->joint.lo, "pct", lo, sizeof lo);
    pb__reh_fmt(s, d->joint.hi, "pct", hi, sizeof hi);
    pb__reh_fmt(s, r->ask->joint.value, "pct", ap, sizeof ap);
    pb__reh_fmt(s, r->b->walk_away, "time", wa, sizeof wa);
    if (isfinite(pair_d) && isfinite(pair_m)) {
        char pp[32], plo[32], phi[32];
        pb__reh_fmt(s, pair_d, "time", date, sizeof date);
        pb__reh_fmt(s, pair_m, "money", cost, sizeof cost);
        pb__reh_fmt(s, pair_p->value, "pct", pp, sizeof pp);
        pb__reh_fmt(s, pair_p->lo, "pct", plo, sizeof plo);
        pb__reh_fmt(s, pair_p->hi, "pct", phi, sizeof phi);
        snprintf(need, sizeof need,
                 "%.0f%% confidence in both at once needs %s and %s together (%s of simulated "
                 "projects make both, 95%% CI %s-%s)",
                 100 * d->confidence, date, cost, pp, plo, phi);
    } else {
        pb__reh_fmt(s, d->date.value, "time", date, sizeof date);
        pb__reh_fmt(s, d->money.value, "money", cost, sizeof cost);
        snprintf(need, sizeof need,
                 "%.0f%% confidence needs %s for the date alone and %s for the money alone "
                 "(not a pair: together they hold in less)",
                 100 * d->confidence, date, cost);
    }
    char *line = pb__reh_deal_line(s, d), *ask = pb__reh_deal_line(s, r->ask);
    char *out = NULL;
    if (line && ask && d->feasible)
        out = pb__reh_printf("You agreed to %s. %s of simulated projects make all of it (95%% CI "
                             "%s-%s); %s. Your ask was %s. No deal reaches %.0f%% before %s.",
                             line, p, lo, hi, need, ask, 100 * d->confidence, wa);
    else if (line && ask)
        out = pb__reh_printf("You agreed to %s. Your ask was %s.", line, ask);
    free(line);
    free(ask);
    return out;
}

pb_status pb_rehearsal_debrief(const pb_rehearsal *r, const char *prefix, pb_debrief **out,
                               pb_error *err)
{
    *out = NULL;
    pb_debrief *d = calloc(1, sizeof *d);
    if (!d)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    d->deal = r->now;
    d->ask = r->ask;
    d->walk_away = r->b->walk_away;
    for (size_t i = 0; i < r->n_turns; i++) {
        const pb_turn_score *sc = &r->turns[i].score;
        d->score += sc->points;
        d->max_score += sc->max;
        for (size_t k = 0; k < PB_RUBRIC_N; k++) {
            d->counts[k][0] += (sc->met >> k) & 1u;
            d->counts[k][1] += (sc->failed >> k) & 1u;
        }
    }
    double pair_d = NAN, pair_m = NAN;
    pb_interval pair_p = {NAN, NAN, NAN};
    pb_status rc = d->deal->feasible
                       ? pb__brief_joint_pair_p(r->b, d->deal, &pair_d, &pair_m, &pair_p, err)
                       : PB_OK;
    if (rc) {
        pb_debrief_free(d);
        return rc;
    }
    d->summary = summary(r, d->deal, pair_d, pair_m, &pair_p);
    d->reproduce = reproduce(r, prefix ? prefix : "pushback deal", d->deal);
    if (!d->summary || !d->reproduce) {
        pb_debrief_free(d);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    *out = d;
    return PB_OK;
}

void pb_debrief_free(pb_debrief *d)
{
    if (!d)
        return;
    free(d->summary);
    free(d->reproduce);
    free(d);
}
