/*
 * schedule_derive.c - an option's list schedule taken from the base's
 * schedule of the same iteration, where that is provably the same schedule.
 *
 * The one case handled: the option is the base without one leaf effort
 * milestone X (an optional milestone dropped), everything else the same for
 * the scheduler (roles, team, overhead, every kept milestone's role, people
 * range, predecessors and its order among its role's milestones) and the
 * same draws (pb__share maps every kept milestone). X then changes the base
 * schedule only through the people it holds over [start X, finish X) and
 * through its finish event:
 *  - the schedule before X starts is the option's: X waiting among the
 *    ready ones starts nobody and stops nobody (the ready ones that fit
 *    start whenever their role's free people change);
 *  - a milestone Y of X's role is unaffected when it started before X, or
 *    became ready after X finished (X's people are free again by then); one
 *    that started at or after X's start having been ready before X finished
 *    may have waited for X or got fewer people: such an iteration is
 *    scheduled in full;
 *  - X's finish is an event of its own when no other finish lies within
 *    twice the event tolerance of it (else it could group with others and
 *    move the time their successors start): such an iteration too is
 *    scheduled in full.
 * Otherwise every kept milestone starts, runs and finishes as in the base,
 * with the same people, and the project finish is the latest of theirs.
 * tests/test_schedule_derive.c checks it against full schedules bit for bit.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/stats.h>

#include "schedule.h"

/* Does u go before t among the ready milestones of plan p: higher priority, then plan order. */
static bool before(const pb_plan *p, size_t u, size_t t)
{
    double pu = p->ms[u].priority, pt = p->ms[t].priority;
    return pu > pt || (pu == pt && u < t);
}

/* The plan-wide things the scheduler reads, the same in both plans? */
static bool same_frame(const pb_plan *b, const pb_plan *p)
{
    if (!b->contention || !p->contention || b->paced || p->paced || b->n_steps || p->n_steps ||
        b->n_leaves || p->n_leaves || b->n_roles != p->n_roles || b->overhead != p->overhead)
        return false;
    for (size_t r = 0; r < b->n_roles; r++)
        if (b->role_people[r] != p->role_people[r])
            return false;
    return memcmp(b->inv_speed, p->inv_speed, sizeof b->inv_speed) == 0;
}

/* Kept milestone t of p (base milestone from[t]) the same for the scheduler? */
static bool same_milestone(const pb_plan *b, const pb_plan *p, const size_t *from, size_t t)
{
    const pb__pm *m = &p->ms[t], *d = &b->ms[from[t]];
    if (m->effort != d->effort || m->role != d->role || m->pmin != d->pmin || m->pmax != d->pmax ||
        m->n_pred != d->n_pred)
        return false;
    for (size_t j = 0; j < m->n_pred; j++) { /* the same set: distinct, and as many */
        size_t u = p->preds[m->pred0 + j], i = 0;
        while (i < d->n_pred && b->preds[d->pred0 + i] != from[u])
            i++;
        if (i == d->n_pred)
            return false;
    }
    for (size_t u = 0; m->effort && u < t; u++) /* the same order among the role's milestones */
        if (p->ms[u].role == m->role && before(p, u, t) != before(b, from[u], from[t]))
            return false;
    return true;
}

bool pb__derive_build(pb__derive *dv, const pb_plan *b, const pb_plan *p, const size_t *from)
{
    memset(dv, 0, sizeof *dv);
    if (!from || p->n_ms + 1 != b->n_ms || b->n_ms > PB_SCHED_SMALL || !same_frame(b, p))
        return false;
    uint64_t kept = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        if (from[t] >= b->n_ms || (t && from[t] <= from[t - 1]))
            return false; /* not shared, or out of order */
        kept |= (uint64_t)1 << from[t];
    }
    size_t x = 0;
    while (kept >> x & 1)
        x++;
    const pb__pm *mx = &b->ms[x];
    if (!mx->effort || mx->n_succ)
        return false;
    for (size_t t = 0; t < p->n_ms; t++)
        if (!same_milestone(b, p, from, t))
            return false;
    dv->on = true;
    dv->drop = x;
    dv->from = from;
    dv->n_base = b->n_ms;
    dv->n = p->n_ms;
    for (size_t d = 0; d < b->n_ms; d++)
        if (d != x && b->ms[d].role == mx->role)
            dv->mates |= (uint64_t)1 << d;
    return true;
}

bool pb__derive_run(const pb__derive *dv, const pb__sched *b, pb__sched *o, double *F)
{
    size_t x = dv->drop;
    double sx = b->start[x], fx = b->fin[x], lim = 2 * PB_STATS_REL_TOL;
    for (size_t d = 0; d < dv->n_base; d++) {
        if (d == x)
            continue;
        double f = b->fin[d], big = f > fx ? f : fx;
        big = big > 1 ? big : 1;
        if (f - fx <= lim * big && fx - f <= lim * big)
            return false; /* X's finish might share an event */
        if ((dv->mates >> d & 1) && b->start[d] >= sx && b->readyt[d] < fx)
            return false; /* it may have waited for X's people */
    }
    double fin = 0;
    for (size_t t = 0; t < dv->n; t++) {
        size_t d = dv->from[t];
        o->dur[t] = b->dur[d];
        o->people[t] = b->people[d];
        o->start[t] = b->start[d];
        o->fin[t] = b->fin[d];
        fin = b->fin[d] > fin ? b->fin[d] : fin;
    }
    *F = fin;
    return true;
}
