/*
 * people.c - people joining, ramping up, mentoring and leaving (see
 * people.h for the model): the plan's joins and attrition, each role's pace
 * per iteration, the exact finish of work at a pace, and the iteration's
 * departures drawn on streams of their own.
 *
 * Streams: an attrition entry of role R draws whether someone leaves
 * ("af", R), when ("aw", R) and the replacement's delay ("ar", R), each one
 * uniform per (seed, iteration) like every engine stream, so options and
 * thread counts never move them, and they never move another draw.
 */
#include "people.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/sim.h>
#include <pushback/stats.h>

#include "base/rng.h"
#include "schedule.h"

/* ==== The plan ==== */

static size_t role_index(const pb_scenario *s, const char *name)
{
    for (size_t r = 0; r < s->n_roles; r++)
        if (!strcmp(s->roles[r].name, name))
            return r;
    return s->n_roles; /* validated: cannot happen */
}

static pb_status plan_joins(pb_plan *p, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    size_t n = 0;
    for (size_t r = 0; r < s->n_roles; r++)
        n += s->roles[r].n_joins;
    if (!n)
        return PB_OK;
    if (!(p->joins = calloc(n, sizeof *p->joins)))
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    for (size_t r = 0; r < s->n_roles; r++) {
        const pb_role *ro = &s->roles[r];
        for (size_t j = 0; j < ro->n_joins; j++) {
            const pb_join *jn = &ro->joins[j];
            pb_status rc = pb_plan_capacity_step(p, r, jn->at, jn->people, err);
            if (rc)
                return rc;
            double ramp = isnan(jn->ramp) ? ro->ramp : jn->ramp;
            double mentor = isnan(jn->mentor) ? ro->mentor : jn->mentor;
            if (!(ramp > 0))
                continue;
            size_t i = p->n_joins++; /* by role, then arrival (stable) */
            while (i > 0 && p->joins[i - 1].role == r && p->joins[i - 1].at > jn->at) {
                p->joins[i] = p->joins[i - 1];
                i--;
            }
            p->joins[i] = (pb__pjoin){r, jn->people, jn->at, ramp, mentor};
        }
    }
    return PB_OK;
}

pb_status pb__people_plan(pb_plan *p, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    pb_status rc = plan_joins(p, err);
    if (rc || !s->n_attrition) {
        p->paced = p->n_joins > 0 && p->contention;
        return rc;
    }
    if (!(p->leaves = calloc(s->n_attrition, sizeof *p->leaves)))
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    for (size_t i = 0; i < s->n_attrition; i++) {
        const pb_attrition *a = &s->attrition[i];
        pb__pleave *l = &p->leaves[i];
        l->role = role_index(s, a->role);
        l->p = a->probability;
        l->ramp = s->roles[l->role].ramp;
        l->mentor = s->roles[l->role].mentor;
        l->at = a->at;
        l->key_fire = pb__stream_key("af", a->role);
        l->key_when = pb__stream_key("aw", a->role);
        l->key_replace = pb__stream_key("ar", a->role);
        if ((rc = pb__sampler_init(&l->replace, &a->replace, &p->tables, err)))
            return rc;
        p->n_leaves = i + 1;
    }
    p->paced = p->contention; /* without effort milestones, nobody's pace matters */
    return PB_OK;
}

/* ==== Paces ==== */

size_t pb__pace_pieces(const pb_plan *p)
{
    return p->n_roles + 2 * p->n_joins + 3 * p->n_leaves + 1;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Role r's event times (0 first, sorted, distinct) into b; returns how many. */
static size_t role_events(const pb_plan *p, size_t r, const double *leave, const double *arrival,
                          double *b)
{
    size_t n = 0;
    b[n++] = 0;
    for (size_t j = 0; j < p->n_joins; j++)
        if (p->joins[j].role == r) {
            b[n++] = p->joins[j].at;
            b[n++] = p->joins[j].at + p->joins[j].ramp;
        }
    for (size_t j = 0; j < p->n_leaves; j++)
        if (p->leaves[j].role == r && !isnan(leave[j])) {
            b[n++] = leave[j];
            b[n++] = arrival[j];
            b[n++] = arrival[j] + p->leaves[j].ramp;
        }
    qsort(b, n, sizeof *b, cmp_double);
    size_t m = 1;
    for (size_t i = 1; i < n; i++)
        if (b[i] > b[m - 1])
            b[m++] = b[i];
    return m;
}

/* Is a cohort arriving at 'at' ramping at tm? */
static bool ramps(double tm, double at, double ramp)
{
    return ramp > 0 && at <= tm && tm < at + ramp;
}

/*
 * The piece of role r's pace from t0 (tm a time inside it). A departure
 * empties one of the role's p->role_people[r] settled seats from its time
 * to its replacement's arrival; the replacement then fills it at (t -
 * arrival) / ramp, and mentors are needed while it ramps.
 */
static pb__pace_seg piece(const pb_plan *p, size_t r, double t0, double tm, const double *leave,
                          const double *arrival)
{
    double m = 0, gone = 0, slope = 0, seats = p->role_people[r];
    for (size_t j = 0; j < p->n_joins; j++)
        if (p->joins[j].role == r && ramps(tm, p->joins[j].at, p->joins[j].ramp))
            m = p->joins[j].mentor > m ? p->joins[j].mentor : m;
    for (size_t j = 0; j < p->n_leaves; j++) {
        const pb__pleave *l = &p->leaves[j];
        if (l->role != r || isnan(leave[j]) || tm < leave[j])
            continue;
        if (tm < arrival[j]) {
            gone += 1;
        } else if (ramps(tm, arrival[j], l->ramp)) {
            gone += 1 - (t0 - arrival[j]) / l->ramp;
            slope += 1 / l->ramp;
            m = l->mentor > m ? l->mentor : m;
        }
    }
    if (seats <= 0)
        return (pb__pace_seg){t0, m, 1.0, 0.0};
    return (pb__pace_seg){t0, m, (seats - gone) / seats, slope / seats};
}

void pb__pace_build(const pb_plan *p, pb__pace *pace, pb__pace_seg *pool, double *b,
                    const double *leave, const double *arrival)
{
    size_t j = 0;
    for (size_t r = 0; r < p->n_roles; r++) {
        size_t j0 = j;
        while (j < p->n_joins && p->joins[j].role == r)
            j++;
        bool moves = j > j0;
        for (size_t k = 0; k < p->n_leaves; k++)
            moves = moves || (p->leaves[k].role == r && !isnan(leave[k]));
        pace[r] = (pb__pace){0, j0, j - j0, pool};
        if (!moves)
            continue;
        size_t n = role_events(p, r, leave, arrival, b);
        for (size_t i = 0; i < n; i++) {
            double tm = i + 1 < n ? 0.5 * (b[i] + b[i + 1]) : b[i] + 1;
            pool[i] = piece(p, r, b[i], tm, leave, arrival);
        }
        pace[r].n = n;
        pool += n;
    }
}

/* The rate at t0 and its slope on piece g (to 'end') of o settled people and newcomers n. */
static void rate(const pb_plan *p, const pb__pace *pc, const pb__pace_seg *g, double end, int o,
                 const int *n, double *f, double *slope)
{
    double tm = end < INFINITY ? 0.5 * (g->t0 + end) : g->t0 + 1;
    *f = o * (1 - g->m) * g->v0;
    *slope = o * (1 - g->m) * g->vs;
    for (size_t c = 0; c < pc->nj; c++) {
        const pb__pjoin *jn = &p->joins[pc->j0 + c];
        if (!n[c] || tm < jn->at)
            continue;
        if (tm >= jn->at + jn->ramp) {
            *f += n[c];
        } else {
            *f += n[c] * (g->t0 - jn->at) / jn->ramp;
            *slope += n[c] / jn->ramp;
        }
    }
}

double pb__pace_time(const pb_plan *p, const pb__pace *pc, double s, double u, int o, const int *n)
{
    size_t i = pc->n - 1;
    while (i > 0 && pc->seg[i].t0 > s)
        i--;
    double t = s;
    for (;;) {
        const pb__pace_seg *g = &pc->seg[i];
        double end = i + 1 < pc->n ? pc->seg[i + 1].t0 : INFINITY, f0, slope;
        rate(p, pc, g, end, o, n, &f0, &slope);
        double f = f0 + slope * (t - g->t0);
        f = f > 0 ? f : 0;
        if (end < INFINITY) {
            double w = end - t, area = f * w + 0.5 * slope * w * w;
            if (area < u) {
                u -= area;
                t = end;
                i++;
                continue;
            }
        }
        double disc = f * f + 2 * slope * u, den = f + sqrt(disc > 0 ? disc : 0);
        return den > 0 ? t + 2 * u / den - s : t + u - s; /* den > 0: the last piece has f > 0 */
    }
}

/* ==== One iteration ==== */

double pb__people_run(const pb_plan *p, pb__sched *s, uint64_t h, bool crit)
{
    bool fired = false;
    for (size_t j = 0; j < p->n_leaves; j++) {
        s->leave[j] = s->arrival[j] = s->lost[j] = NAN;
        fired = fired || pb__unif(p->leaves[j].key_fire, h) < p->leaves[j].p;
    }
    /* without a departure the pace depends on the joins alone: built once per workspace */
    if (!s->pace_plain)
        pb__pace_build(p, s->pace, s->pool, s->events, s->leave, s->arrival);
    s->pace_plain = true;
    double F0 = pb__sched_run(p, s, crit && !fired);
    if (!fired)
        return F0;
    fired = false;
    for (size_t j = 0; j < p->n_leaves; j++) {
        const pb__pleave *l = &p->leaves[j];
        double at = isnan(l->at) ? pb__unif(l->key_when, h) * F0 : l->at;
        if (!(pb__unif(l->key_fire, h) < l->p) || (!isnan(l->at) && !(at < F0)))
            continue; /* did not fire, or a stated time at or past the end */
        s->leave[j] = at;
        s->arrival[j] = at + pb__sampler_draw(&l->replace, pb__unif(l->key_replace, h));
        fired = true;
    }
    if (!fired) /* nobody left within the project: its plain run, with the critical flags */
        return crit ? pb__sched_run(p, s, crit) : F0;
    pb__pace_build(p, s->pace, s->pool, s->events, s->leave, s->arrival);
    s->pace_plain = false;
    double F = pb__sched_run(p, s, crit);
    for (size_t j = 0; j < p->n_leaves; j++)
        if (!isnan(s->leave[j]))
            s->lost[j] = F - F0;
    return F;
}

double pb__people_pay(const pb_plan *p, const pb__sched *s, double F)
{
    double pay = 0;
    for (size_t i = 0; i < p->n_steps && p->steps[i].at < F; i++)
        pay += p->role_alloc[p->steps[i].role] * p->steps[i].delta * (F - p->steps[i].at);
    for (size_t j = 0; s && j < p->n_leaves; j++)
        if (!isnan(s->leave[j]) && s->leave[j] < F) {
            double back = s->arrival[j] < F ? s->arrival[j] : F;
            pay -= p->role_alloc[p->leaves[j].role] * (back - s->leave[j]);
        }
    return pay;
}

bool pb__people_summary(const pb_plan *p, const double *lv, size_t cap, size_t n, pb_result *res)
{
    if (!p->n_leaves)
        return true;
    if (!(res->leaves = calloc(p->n_leaves, sizeof *res->leaves)))
        return false;
    res->n_leaves = p->n_leaves;
    for (size_t j = 0; j < p->n_leaves; j++) {
        const double *at = lv + 2 * j * cap, *lost = lv + (2 * j + 1) * cap;
        size_t left = 0;
        double sum_at = 0, sum_lost = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(at[i])) {
                left++;
                sum_at += at[i];
                sum_lost += lost[i];
            }
        pb_leave_result *r = &res->leaves[j];
        r->role = p->leaves[j].role;
        r->p_left = pb_stats_wilson(left, n);
        r->mean_at = left ? sum_at / (double)left : NAN;
        r->mean_lost = left ? sum_lost / (double)left : NAN;
    }
    return true;
}
