/*
 * offers.c - see offers.h. Each kind picks one candidate of the frontier
 * search (or builds a deal from the move's own) and writes it as a change of
 * the agreed deal: the team, one alternative per choice and the scope of the
 * candidate, with the promise the kind needs. The brief evaluates that
 * change like any move (one evaluation, cached, at the brief's count), so
 * the offer's numbers are those 'pushback deal' gives.
 */
#include "offers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format_interval.h"
#include "scenario_internal.h"

/* Whether choice k's alternative is agreed in the deal so far (a concession stays). */
static bool agreed_choice(const pb__offer_in *in, size_t k)
{
    return in->nego && in->nego->alts && in->nego->alts[k];
}

/* Write candidate p (its team, choices and scope) into out's change; a choice agreed before
   keeps its agreed alternative (NULL: as agreed). */
static void take(const pb__offer_in *in, const pb_deal_result *p, pb__offer_out *out)
{
    for (size_t r = 0; r < in->s->n_roles; r++)
        out->team[r] = r < p->n_roles ? p->team[r] : -1;
    for (size_t k = 0; k < in->s->n_choices && k < p->n_choices; k++)
        out->alts[k] = agreed_choice(in, k) ? NULL : p->alternatives[k];
    for (size_t k = 0; k < p->n_dropped && k < in->s->n_milestones; k++)
        out->drop[k] = p->dropped[k];
    out->change.team = out->team;
    out->change.alts = out->alts;
    out->change.drop = out->drop;
    out->change.n_drop = p->n_dropped < in->s->n_milestones ? p->n_dropped : in->s->n_milestones;
}

/* The agreed deal plus out's change, evaluated; NULL when it makes no plan (or on an error,
   which the caller's own evaluation of its choice then meets again). */
static const pb_deal_result *try_change(const pb__offer_in *in, const pb__offer_out *out)
{
    const pb__nego_entry *e = NULL;
    pb_error err;
    if (pb__nego_evaluate(in->nego, &out->change, &e, &err) || !e->deal->feasible)
        return NULL;
    return e->deal;
}

#define MAX_TRIES 4 /* candidates evaluated against the move's own ask, at most */

const pb_frontier_point *pb__offer_fastest(const pb_frontier *f, int most, double max_cost)
{
    const pb_frontier_point *fast = NULL, *small = NULL;
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (p->people <= most && p->cost <= max_cost &&
            (!fast || p->date < fast->date || (p->date == fast->date && p->cost < fast->cost)))
            fast = p;
    }
    /* more people that gain nothing beyond the noise are not offered */
    for (size_t i = 0; fast && i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (p->people <= most && p->cost <= max_cost && p->deal->date.lo <= fast->deal->date.hi &&
            (!small || p->people < small->people ||
             (p->people == small->people && p->cost < small->cost)))
            small = p;
    }
    return small;
}

/* A time move: within the agreed head count, the cheapest candidate whose deal (the agreed one
   with the candidate's levers, promised at the move's date) holds; else the fastest one within
   that head count, which then misses and says so (with the stage that makes the date, when the
   rule has the words for it). */
static bool meet_date(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_frontier *f = in->frontier;
    const pb_frontier_point *last = NULL; /* tried in order of (cost, index) */
    for (int t = 0; t < MAX_TRIES; t++) {
        const pb_frontier_point *best = NULL;
        for (size_t i = 0; i < f->n_points; i++) {
            const pb_frontier_point *p = &f->points[i];
            bool after = !last || p->cost > last->cost || (p->cost == last->cost && p > last);
            if (p->date <= in->move->deadline && p->people <= in->agreed_people && after &&
                (!best || p->cost < best->cost))
                best = p;
        }
        if (!best)
            break;
        last = best;
        take(in, best->deal, out);
        out->change.deadline = in->move->deadline;
        const pb_deal_result *r = try_change(in, out);
        if (r && !strcmp(r->verdict, "holds"))
            return out->fits = 1, true;
    }
    const pb_frontier_point *fast = pb__offer_fastest(f, in->agreed_people, INFINITY);
    if (!fast) {
        snprintf(out->why, sizeof out->why, "no candidate deal runs with the people agreed");
        return false;
    }
    take(in, fast->deal, out);
    out->change.deadline = in->move->deadline;
    out->fits = 0;
    return true;
}

/* Whether frontier deal d keeps what is agreed: every agreed alternative, and every agreed
   cut of scope. */
static bool keeps_agreed(const pb__offer_in *in, const pb_deal_result *d)
{
    const pb__nego *n = in->nego;
    for (size_t k = 0; n && n->alts && k < in->s->n_choices; k++)
        if (n->alts[k] && (k >= d->n_choices || strcmp(n->alts[k], d->alternatives[k])))
            return false;
    for (size_t k = 0; n && k < n->n_drop; k++) {
        bool kept = false;
        for (size_t j = 0; j < d->n_dropped && !kept; j++)
            kept = !strcmp(d->dropped[j], n->drop[k]);
        if (!kept)
            return false;
    }
    return true;
}

/* A people move: the best allocation of that many people (the move's deal), promised at its
   own date within the agreed budget; the money it saves is the plan's cost minus its. When the
   frontier has a deal with no more people that keeps what is agreed and is sooner beyond the
   noise (its 95% interval ends before the move's begins), the earliest such deal instead,
   with its levers (offer.levers names them). */
static bool people(const pb__offer_in *in, pb__offer_out *out)
{
    if (!in->move->feasible) {
        snprintf(out->why, sizeof out->why, "%s", in->move->reason);
        return false;
    }
    const pb_frontier_point *best = NULL;
    for (size_t i = 0; in->frontier && i < in->frontier->n_points; i++) {
        const pb_frontier_point *p = &in->frontier->points[i];
        if (p->people <= in->move->people && p->deal->feasible && keeps_agreed(in, p->deal) &&
            (!best || p->date < best->date || (p->date == best->date && p->cost < best->cost)))
            best = p;
    }
    if (best && best->deal->date.hi < in->move->date.lo) {
        take(in, best->deal, out);
        out->change.deadline = pb__up_tenth(best->deal->date.hi) + 0.1;
        out->at_joint = true;
        return true;
    }
    out->change.people = in->move->people;
    out->change.deadline = pb__up_tenth(in->move->date.hi) + 0.1;
    out->at_joint = true;
    return true;
}

/* Does r keep the metric's target the plan as asked meets at the confidence? (docs/deals.md) */
static bool keeps_target(const pb__offer_in *in, const pb_deal_result *r)
{
    return !(pb_deal_target(in->plan) >= in->confidence && pb_deal_target(r) < in->confidence);
}

/* Try alternative 'name' of choice k in out's change: kept (and returned) when its deal is
   cheaper at the confidence than 'cur' with no more people than agreed; else undone. */
static const pb_deal_result *cheaper_alt(const pb__offer_in *in, pb__offer_out *out, size_t k,
                                         const char *name, const pb_deal_result *cur)
{
    const char *was = out->alts[k];
    if (!strcmp(name, cur->alternatives[k]))
        return cur;
    out->alts[k] = name;
    const pb_deal_result *r = try_change(in, out);
    if (r && r->money.value < cur->money.value && r->people <= in->agreed_people &&
        keeps_target(in, r))
        return r;
    out->alts[k] = was;
    return cur;
}

/* From the candidate 'cur' (out's change, evaluated), the cheaper levers the frontier's greedy
   search did not combine with it: each alternative of every choice not agreed, then each
   optional milestone dropped, kept one at a time while the cost at the confidence falls. */
static const pb_deal_result *cheapen(const pb__offer_in *in, pb__offer_out *out,
                                     const pb_deal_result *cur)
{
    const pb_scenario *s = in->s;
    for (size_t k = 0; cur && k < s->n_choices && k < cur->n_choices; k++) {
        if (agreed_choice(in, k))
            continue;
        cur = cheaper_alt(in, out, k, s->choices[k].base, cur);
        for (size_t i = 0; i < s->n_options; i++)
            if (s->options[i].choice == k)
                cur = cheaper_alt(in, out, k, s->options[i].name, cur);
    }
    for (size_t m = 0; cur && m < s->n_milestones; m++) {
        bool gone = !s->milestones[m].optional;
        for (size_t j = 0; j < cur->n_dropped && !gone; j++)
            gone = !strcmp(cur->dropped[j], s->milestones[m].id);
        if (gone || out->change.n_drop >= s->n_milestones)
            continue;
        out->drop[out->change.n_drop++] = s->milestones[m].id;
        const pb_deal_result *r = try_change(in, out);
        if (r && r->money.value < cur->money.value && r->people <= in->agreed_people &&
            keeps_target(in, r))
            cur = r;
        else
            out->change.n_drop--;
    }
    return cur;
}

/* A budget move: within the agreed head count, the earliest candidate whose cost at the
   confidence fits the move's budget and whose joint with it reaches the confidence at some
   date, promised at that date within the budget; when none fits, the cheapest one, said as
   such (offer.fits 0). */
static bool within_budget(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_frontier *f = in->frontier;
    int tries = 0;
    for (size_t i = 0; i < f->n_points && tries < MAX_TRIES; i++) { /* sorted by date */
        const pb_frontier_point *p = &f->points[i];
        if (p->cost > in->move->budget || p->people > in->agreed_people)
            continue;
        tries++;
        take(in, p->deal, out);
        out->change.budget = in->move->budget;
        out->change.deadline = pb__up_tenth(p->date);
        const pb_deal_result *r = try_change(in, out);
        if (r && isfinite(r->joint_date)) {
            out->at_joint = true;
            return out->fits = 1, true;
        }
    }
    const pb_frontier_point *best = NULL;
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (p->cost < in->plan->money.value && p->people <= in->agreed_people &&
            (!best || p->cost < best->cost))
            best = p;
    }
    if (!best) {
        snprintf(out->why, sizeof out->why, "no lever makes the plan cheaper");
        return false;
    }
    take(in, best->deal, out);
    out->change.budget = in->move->budget;
    out->change.deadline = pb__up_tenth(best->date) + 0.1;
    out->fits = 0;
    const pb_deal_result *r = cheapen(in, out, try_change(in, out));
    if (r) /* promised at the date of the cheapest deal found */
        out->change.deadline = pb__up_tenth(r->date.value) + 0.1;
    if (r && r->money.value <= in->move->budget) { /* the cheaper levers together fit it */
        out->change.deadline = pb__up_tenth(r->date.value);
        const pb_deal_result *t = try_change(in, out);
        if (t && isfinite(t->joint_date))
            out->at_joint = true, out->fits = 1;
    }
    return true;
}

/* A threat to go elsewhere (or a labelling move): the earliest candidate that needs no more
   people than agreed and no more money than the plan (never more resources), with the fewest
   people that are as early within the noise. */
static bool no_more(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_frontier_point *best =
        pb__offer_fastest(in->frontier, in->agreed_people, in->plan->money.value);
    if (!best) {
        snprintf(out->why, sizeof out->why, "no deal within the team and the money asked");
        return false;
    }
    take(in, best->deal, out);
    return true;
}

/* Try alternative 'name' of choice k over the agreed deal; keep it in *best (and out) when it
   is earlier at the confidence than *best, or as early and cheaper. */
static void try_alt(const pb__offer_in *in, pb__offer_out *out, size_t k, const char *name,
                    const pb_deal_result **best, const char **best_name)
{
    for (size_t j = 0; j < in->s->n_choices; j++)
        out->alts[j] = NULL;
    out->alts[k] = name;
    out->change.alts = out->alts;
    const pb_deal_result *r = try_change(in, out);
    if (r && keeps_target(in, r) &&
        (!*best || r->date.value < (*best)->date.value ||
         (r->date.value == (*best)->date.value && r->money.value < (*best)->money.value)))
        *best = r, *best_name = name;
}

/* A labelling (or any choice) move: the best alternative of the choice the move named, over
   the deal agreed so far (its team, scope and every other choice): the earliest at the
   confidence, then the cheapest. */
static bool best_split(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_option *o = in->change->alt ? pb_scenario_option(in->s, in->change->alt) : NULL;
    if (!o) {
        snprintf(out->why, sizeof out->why, "the move names no alternative");
        return false;
    }
    const pb_deal_result *best = NULL;
    const char *name = NULL;
    try_alt(in, out, o->choice, in->s->choices[o->choice].base, &best, &name);
    for (size_t i = 0; i < in->s->n_options; i++)
        if (in->s->options[i].choice == o->choice)
            try_alt(in, out, o->choice, in->s->options[i].name, &best, &name);
    if (!best) {
        snprintf(out->why, sizeof out->why, "no alternative of that choice runs with the team");
        return false;
    }
    for (size_t j = 0; j < in->s->n_choices; j++)
        out->alts[j] = NULL;
    out->alts[o->choice] = name;
    out->change.alts = out->alts;
    return true;
}

/* A move that adds work (scope added, less of a resource): keep the change and promise it at
   its own date at the confidence, within its own cost when that is more than agreed. */
static bool own_date(const pb__offer_in *in, pb__offer_out *out)
{
    if (!in->move->feasible) {
        snprintf(out->why, sizeof out->why, "%s", in->move->reason);
        return false;
    }
    out->change = *in->change;
    /* the upper end of the cost's interval, and a thousand more, when it is beyond the budget
       agreed; the date is the deal's own within that budget (at_joint) */
    out->change.deadline = pb__up_tenth(in->move->date.hi) + 0.1;
    double cost = ceil(in->move->money.hi / 1000 - 1e-9) * 1000 + 1000;
    if (!isnan(in->move->budget) && cost > in->move->budget)
        out->change.budget = cost;
    out->at_joint = true;
    return true;
}

/* A scope move: its own cut (the optional milestones it drops), promised at that deal's own
   date at the confidence within the budget agreed: what the cut buys, in time. */
static bool scope(const pb__offer_in *in, pb__offer_out *out)
{
    if (!in->move->feasible || !in->change->n_drop) {
        snprintf(out->why, sizeof out->why, "%s",
                 in->move->feasible ? "the move drops nothing" : in->move->reason);
        return false;
    }
    out->change.drop = in->change->drop;
    out->change.n_drop = in->change->n_drop;
    out->change.deadline = in->move->deadline;
    out->at_joint = true;
    return true;
}

static const pb_interval *metric_of(const pb_deal_result *r)
{
    return r->has_curve ? &r->p_curve : r->has_rounds ? &r->p_met : NULL;
}

bool pb__offer_keeps_metric(const pb_deal_result *plan, const pb_deal_result *r)
{
    const pb_interval *a = metric_of(plan), *b = metric_of(r);
    return !a || (b && b->hi >= a->lo);
}

/* A quality move (or interest): the earliest candidate, within the agreed head count, that
   keeps the plan's metric, promised at its own date at the confidence within the budget
   agreed; none when the plan declares no metric. */
static bool keep_metric(const pb__offer_in *in, pb__offer_out *out)
{
    if (!metric_of(in->plan)) {
        snprintf(out->why, sizeof out->why, "the plan declares no metric to keep");
        return false;
    }
    if (metric_of(in->plan)->hi < in->confidence) { /* nothing keeps what the plan misses */
        char p[160];
        snprintf(out->why, sizeof out->why,
                 "as planned the target is met in %s of simulated projects, below %.0f%%; fix "
                 "the data or the target first",
                 pb__pct_said(p, sizeof p, metric_of(in->plan)), 100 * in->confidence);
        return false;
    }
    const pb_frontier *f = in->frontier;
    const pb_frontier_point *first = NULL, *best = NULL;
    for (size_t i = 0; i < f->n_points && !first; i++) /* sorted by date, then cost */
        if (f->points[i].people <= in->agreed_people &&
            pb__offer_keeps_metric(in->plan, f->points[i].deal))
            first = &f->points[i];
    for (size_t i = 0; first && i < f->n_points; i++) { /* the smallest team as early */
        const pb_frontier_point *p = &f->points[i];
        if (p->people <= in->agreed_people && pb__offer_keeps_metric(in->plan, p->deal) &&
            p->deal->date.lo <= first->deal->date.hi &&
            (!best || p->people < best->people ||
             (p->people == best->people && p->cost < best->cost)))
            best = p;
    }
    if (!best) {
        snprintf(out->why, sizeof out->why, "no deal within the team keeps the metric");
        return false;
    }
    take(in, best->deal, out);
    out->change.deadline = pb__up_tenth(best->date);
    /* within its own cost (the upper end of its interval, and a thousand more) when that is
       beyond the budget agreed: the date is then the one its joint holds at */
    double cost = ceil(best->deal->money.hi / 1000 - 1e-9) * 1000 + 1000;
    if (!isnan(in->plan->budget) && cost > in->plan->budget)
        out->change.budget = cost;
    out->at_joint = true;
    return true;
}

/* Whether anything is agreed beyond the plan as asked (a concession that can move the date). */
static bool conceded(const pb__nego *n, const pb_scenario *s)
{
    bool any = n->people > 0 || n->n_drop > 0 || n->n_sets > 0;
    for (size_t k = 0; !any && n->alts && k < s->n_choices; k++)
        any = n->alts[k] != NULL;
    for (size_t r = 0; !any && n->team && r < s->n_roles; r++)
        any = n->team[r] >= 0;
    return any;
}

/* The same question asked again: the agreed deal as it is (the answer does not move when it is
   asked again). With nothing conceded, when it holds at its own date that date is the offer,
   the commitment said again, never a second date beside it; else (a concession made, or it
   misses) the date it holds at jointly with its budget at the confidence (at_joint). The first
   such offer whose date differs from the last said says that the commitment moves
   (offer.moved 1). */
static bool agreed_date(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_deal_result *d = try_change(in, out);
    bool holds = d && !strcmp(d->verdict, "holds");
    out->at_joint = !holds || conceded(in->nego, in->s);
    out->moved = 0;
    if (d && out->at_joint && isfinite(d->joint_date)) {
        double at = pb__up_tenth(d->joint_date);
        double was = !isnan(in->nego->commit_said) ? in->nego->commit_said
                     : !isnan(in->nego->deadline)  ? in->nego->deadline
                                                   : in->plan->deadline;
        out->moved = conceded(in->nego, in->s) && !(fabs(at - was) < 0.05);
        in->nego->commit_said = at;
    }
    return true;
}

bool pb__offer_caveats(const pb__offer_words_in *in, bool *reaches)
{
    (void)in;
    *reaches = false;
    return false;
}

/* The registry: name, the function, whether it needs the frontier. To add a kind, write its
   function above and add its line here; the rulebook loader and its messages follow.
   'cheapest' is the v2 name 'within-budget' had before it looked for a deal that fits. */
#define OFFER_KINDS(X)                      \
    X("meet-date", meet_date, true)         \
    X("people", people, true)               \
    X("within-budget", within_budget, true) \
    X("cheapest", within_budget, true)      \
    X("no-more", no_more, true)             \
    X("best-split", best_split, false)      \
    X("own-date", own_date, false)          \
    X("scope", scope, false)                \
    X("agreed-date", agreed_date, false)    \
    X("keep-metric", keep_metric, true)     \
    X("metric-date", pb__offer_metric_date, false)
/* The worded kinds (offers_v1.c): name, the function, what it needs. The gate's branch has
   two names ('time-box' and 'decision-gate'): one simulation, said the way the rule asks. */
#define WORDED_KINDS(X)                                                       \
    X("drop-optional", pb__offer_drop_optional, PB__OFFER_SEEKS)              \
    X("add-people", pb__offer_add_people, PB__OFFER_SEEKS | PB__OFFER_PEOPLE) \
    X("phase", pb__offer_phase, PB__OFFER_SEEKS)                              \
    X("commit", pb__offer_commit, PB__OFFER_SEEKS)                            \
    X("best-option", pb__offer_best_option, 0)                                \
    X("time-box", pb__offer_gate, PB__OFFER_GATE)                             \
    X("decision-gate", pb__offer_gate, PB__OFFER_GATE)                        \
    X("annotation-split", pb__offer_annotation_split, 0)                      \
    X("caveats", pb__offer_caveats, 0)
#define KIND_ROW(name, fn, frontier)  {name, fn, frontier, NULL, 0},
#define KIND_NAME(name, fn, frontier) name,
#define WORDED_ROW(name, fn, needs)   {name, NULL, false, fn, needs},
#define WORDED_NAME(name, fn, needs)  name,
static const pb__offer_kind KINDS[] = {OFFER_KINDS(KIND_ROW) WORDED_KINDS(WORDED_ROW)};
static const char *const NAMES[] = {OFFER_KINDS(KIND_NAME) NULL};
static const char *const WORDED[] = {WORDED_KINDS(WORDED_NAME) NULL};
#undef KIND_ROW
#undef KIND_NAME
#undef WORDED_ROW
#undef WORDED_NAME

const pb__offer_kind *pb__offer_kind_find(const char *name)
{
    for (size_t i = 0; i < sizeof KINDS / sizeof *KINDS; i++)
        if (!strcmp(KINDS[i].name, name))
            return &KINDS[i];
    return NULL;
}

const char *const *pb__offer_kind_names(void)
{
    return NAMES;
}

const char *const *pb__offer_words_names(void)
{
    return WORDED;
}
