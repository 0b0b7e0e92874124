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

#include "scenario_internal.h"

/* Write candidate p (its team, choices and scope) into out's change. */
static void take(const pb__offer_in *in, const pb_deal_result *p, pb__offer_out *out)
{
    for (size_t r = 0; r < in->s->n_roles; r++)
        out->team[r] = r < p->n_roles ? p->team[r] : -1;
    for (size_t k = 0; k < in->s->n_choices && k < p->n_choices; k++)
        out->alts[k] = p->alternatives[k];
    for (size_t k = 0; k < p->n_dropped && k < in->s->n_milestones; k++)
        out->drop[k] = p->dropped[k];
    out->change.team = out->team;
    out->change.alts = out->alts;
    out->change.drop = out->drop;
    out->change.n_drop = p->n_dropped < in->s->n_milestones ? p->n_dropped : in->s->n_milestones;
}

/* A time move: the cheapest candidate that meets the move's date at the confidence; else the
   fastest one (which then misses, and says so). */
static bool meet_date(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_frontier *f = in->frontier;
    const pb_frontier_point *best = NULL;
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (p->date <= in->move->deadline && (!best || p->cost < best->cost))
            best = p;
    }
    if (!best && f->n_points)
        best = &f->points[f->walk_away];
    if (!best) {
        snprintf(out->why, sizeof out->why, "no candidate deal can run the plan");
        return false;
    }
    take(in, best->deal, out);
    out->change.deadline = in->move->deadline;
    return true;
}

/* A people move: the best allocation of that many people (the move's deal), promised at its
   own date at the confidence; the money it saves is the plan's cost minus its. */
static bool people(const pb__offer_in *in, pb__offer_out *out)
{
    if (!in->move->feasible) {
        snprintf(out->why, sizeof out->why, "%s", in->move->reason);
        return false;
    }
    out->change.people = in->move->people;
    /* the upper end of the date's interval, and a tenth more: the joint (with the budget) is
       a little below the date's own probability */
    out->change.deadline = ceil(in->move->date.hi * 10 - 1e-9) / 10 + 0.1;
    return true;
}

/* A budget move: the cheapest candidate, if it costs less than the plan at the confidence,
   promised within the move's budget (what it costs in date and scope is quoted). */
static bool cheapest(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_frontier *f = in->frontier;
    const pb_frontier_point *best = NULL;
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (p->cost < in->plan->money.value && (!best || p->cost < best->cost))
            best = p;
    }
    if (!best) {
        snprintf(out->why, sizeof out->why, "no lever makes the plan cheaper");
        return false;
    }
    take(in, best->deal, out);
    out->change.budget = in->move->budget;
    /* what it costs in date: the promise moves to its date at the confidence */
    double date = ceil(best->date * 10 - 1e-9) / 10 + 0.1;
    if (date > in->move->deadline)
        out->change.deadline = date;
    return true;
}

/* A threat to go elsewhere (or a labelling move): the earliest candidate that needs no more
   people than agreed and no more money than the plan: never more resources. */
static bool no_more(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_frontier *f = in->frontier;
    const pb_frontier_point *best = NULL;
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (p->people <= in->agreed_people && p->cost <= in->plan->money.value &&
            (!best || p->date < best->date))
            best = p;
    }
    if (!best) {
        snprintf(out->why, sizeof out->why, "no deal within the team and the money asked");
        return false;
    }
    take(in, best->deal, out);
    return true;
}

/* A labelling move: the best alternative of the choice the move named, with the plan's team
   and scope otherwise (the earliest at the confidence, then the cheapest). */
static bool best_split(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_option *o = in->change->alt ? pb_scenario_option(in->s, in->change->alt) : NULL;
    if (!o) {
        snprintf(out->why, sizeof out->why, "the move names no alternative");
        return false;
    }
    const pb_frontier *f = in->frontier;
    const pb_frontier_point *best = NULL;
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_deal_result *d = f->points[i].deal;
        bool same = d->n_dropped == 0 && d->people == in->plan->people;
        for (size_t r = 0; same && r < d->n_roles; r++)
            same = d->team[r] == in->plan->team[r];
        for (size_t k = 0; same && k < d->n_choices; k++)
            same = k == o->choice || !strcmp(d->alternatives[k], in->plan->alternatives[k]);
        if (same && (!best || f->points[i].date < best->date ||
                     (f->points[i].date == best->date && f->points[i].cost < best->cost)))
            best = &f->points[i];
    }
    if (!best) {
        snprintf(out->why, sizeof out->why, "no alternative of that choice runs with the team");
        return false;
    }
    take(in, best->deal, out);
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
    /* the upper ends of the intervals, and a tenth (a thousand) more: the joint of date and
       cost is a little below either marginal */
    out->change.deadline = ceil(in->move->date.hi * 10 - 1e-9) / 10 + 0.1;
    double cost = ceil(in->move->money.hi / 1000 - 1e-9) * 1000 + 1000;
    if (!isnan(in->move->budget) && cost > in->move->budget)
        out->change.budget = cost;
    return true;
}

/* The registry: name, the function, whether it needs the frontier. To add a kind, write its
   function above and add its line here; the rulebook loader and its messages follow. */
#define OFFER_KINDS(X)                \
    X("meet-date", meet_date, true)   \
    X("people", people, false)        \
    X("cheapest", cheapest, true)     \
    X("no-more", no_more, true)       \
    X("best-split", best_split, true) \
    X("own-date", own_date, false)
#define KIND_ROW(name, fn, frontier)  {name, fn, frontier},
#define KIND_NAME(name, fn, frontier) name,
static const pb__offer_kind KINDS[] = {OFFER_KINDS(KIND_ROW)};
static const char *const NAMES[] = {OFFER_KINDS(KIND_NAME) NULL};
#undef KIND_ROW
#undef KIND_NAME

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
