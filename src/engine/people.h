/*
 * people.h - people joining, ramping up, mentoring and leaving (internal):
 * a role's productivity per person as a piecewise-linear function of time
 * (its "pace"), and the finish of work done at that pace (docs/ml.md,
 * "People joining" and "People leaving").
 *
 * Newcomers are people of their own: a join adds its people to the role at
 * its time (a capacity step), and a milestone that starts takes the role's
 * settled people first, then newcomers, the earliest to arrive first; it
 * keeps them to its end. Its rate of work at time t is
 *
 *     r(t) = o (1 - M(t)) v(t) + sum over its newcomers n_c g_c(t)
 *
 * for o settled people and n_c newcomers of cohort c, where g_c(t) = (t -
 * arrival) / ramp, capped at 1, is a newcomer's productivity; M(t) is the
 * largest mentoring fraction of the role's cohorts ramping at t (the role's
 * settled people mentor whether or not the newcomers share their
 * milestone); v(t) is the share of the role's settled capacity present
 * while a departure's seat is empty or its replacement ramps (see
 * people.c): 1 without attrition. Between the role's events (arrivals,
 * ramps ending, departures) M is constant and g_c, v linear, so r is
 * piecewise linear, and work W done by k people from s ends at the T with
 * (speed(k) / k) x the integral of r from s to T equal to W: a quadratic in
 * each piece, solved exactly.
 */
#ifndef PUSHBACK_PEOPLE_H
#define PUSHBACK_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/error.h>

#include "plan_internal.h"

/* One piece of a role's pace, from t0 to the next piece's t0: mentoring m and v(t) = v0 + vs (t -
 * t0). */
typedef struct pb__pace_seg {
    double t0, m, v0, vs;
} pb__pace_seg;

/* A role's pace: n pieces, the first at 0 (n == 0: r(t) = o, nothing moves); its cohorts are
   p->joins[j0 .. j0 + nj). */
typedef struct pb__pace {
    size_t n, j0, nj;
    pb__pace_seg *seg;
} pb__pace;

/*
 * Compile the scenario's joins and attrition into plan p (pb_plan_build
 * calls it last): each join is a capacity step of +people at its time and,
 * when it ramps, an entry of p->joins; each attrition entry becomes
 * p->leaves with its own streams. Errors: PB_ERR_RUN (memory), else those of
 * pb_plan_capacity_step.
 */
pb_status pb__people_plan(pb_plan *p, pb_error *err);

/* The pieces a pace of plan p can need, over all roles. */
size_t pb__pace_pieces(const pb_plan *p);

/*
 * Build every role's pace into pace[0 .. p->n_roles) (pieces carved from
 * 'pool', 'events' scratch, both sized by pb__pace_pieces) for the
 * departures leave[j] (time, NAN when attrition entry j did not fire) and
 * arrival[j] of their replacement.
 */
void pb__pace_build(const pb_plan *p, pb__pace *pace, pb__pace_seg *pool, double *events,
                    const double *leave, const double *arrival);

/*
 * The time after s that o settled people and newcomers n[0 .. pc->nj) of the
 * role's cohorts take for u units of full-productivity person-time, at role
 * pace pc of plan p (exact).
 */
double pb__pace_time(const pb_plan *p, const pb__pace *pc, double s, double u, int o, const int *n);

/*
 * Schedule one iteration (hash h) of a paced plan: draw whether each
 * attrition entry fires, schedule without departures for the finish F0,
 * then, when one fired, put each departure at a uniform time in [0, F0)
 * (the project without it) or at the entry's stated 'at' (no departure when
 * that is at or past F0), its replacement the drawn delay later, and
 * schedule again. Returns the finish; s->leave[j] holds entry j's departure
 * time and s->lost[j] the finish it cost (NAN when it did not fire).
 */
struct pb__sched;
double pb__people_run(const pb_plan *p, struct pb__sched *s, uint64_t h, bool crit);

/*
 * The allocated labour the team's changes add to a project finishing at F
 * (what the plan's role_people x rate x F leaves out): each capacity step's
 * people x rate from its time to F, less a departed person's rate while
 * the seat is empty (s->leave, s->arrival of the last pb__people_run; NULL
 * s when the plan is not paced). Worked labour needs nothing: it is paid
 * per milestone.
 */
double pb__people_pay(const pb_plan *p, const struct pb__sched *s, double F);

/*
 * The attrition results of n iterations from lv ([2 j * cap + it]: entry j's
 * departure time or NAN, then [(2 j + 1) * cap + it]: the finish it cost)
 * into res->leaves. False when memory runs out.
 */
struct pb_result;
bool pb__people_summary(const pb_plan *p, const double *lv, size_t cap, size_t n,
                        struct pb_result *res);

#endif
