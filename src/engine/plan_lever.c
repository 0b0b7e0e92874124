/*
 * plan_lever.c - what a compiled plan derives, and the levers that change it
 * (see plan.h).
 *
 * Each milestone keeps what it was built from (its work's mean and bounds
 * times the shared factor, its people range, its risks' probabilities and
 * delays, its rounds and growth); pb__plan_derive turns those into the mean
 * duration, the duration and finish bounds and the priority in the order
 * pb_plan_build always used, so that a plan changed by a lever and set back
 * is bit for bit the plan that was built. A snapshot saves the milestones,
 * the team, the risks' probabilities and the capacity steps.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"
#include "pushback/plan.h"

/* ==== Derived values ==== */

/*
 * The slowest and fastest speed of lo .. hi people (smin HUGE_VAL and smax
 * 0 when the range is empty). Speed k (1 - o (k - 1)) is a parabola opening
 * down for o > 0, so the minimum is at an end and the maximum at an end or
 * at one of the two whole numbers around its peak (1 + o) / (2 o): the same
 * values a scan of the range finds, without the scan.
 */
static void speed_range(const pb_plan *p, int lo, int hi, double *smin, double *smax)
{
    *smin = HUGE_VAL;
    *smax = 0;
    if (hi < lo)
        return;
    int cand[4] = {lo, hi, lo, lo};
    if (p->overhead > 0) {
        double peak = (1.0 + p->overhead) / (2.0 * p->overhead);
        int k = peak < hi ? (peak > lo ? (int)peak : lo) : hi;
        cand[2] = k;
        cand[3] = k < hi ? k + 1 : k;
    }
    for (int c = 0; c < 4; c++) {
        double sp = pb__speed(p, cand[c]);
        *smin = fmin(*smin, sp);
        *smax = fmax(*smax, sp);
    }
    if (p->overhead < 0) /* not a valid scenario's, but scan rather than guess */
        for (int k = lo; k <= hi; k++) {
            *smin = fmin(*smin, pb__speed(p, k));
            *smax = fmax(*smax, pb__speed(p, k));
        }
}

/* Milestone t's mean duration (shift_d) and duration bounds. */
static void derive_duration(pb_plan *p, size_t t)
{
    pb__pm *m = &p->ms[t];
    double mean = m->wmean, lo = m->wlo, hi = m->whi;
    if (m->effort) {
        double smin, smax;
        speed_range(p, m->pmin, m->pmax, &smin, &smax);
        mean = m->wmean / smax;
        lo = m->wlo / smax;
        hi = m->whi / smin;
    }
    for (size_t r = m->risk0; r < m->risk0 + m->n_risk; r++) {
        mean += p->risks[r].p * p->risks[r].mean_delay;
        hi += p->risks[r].delay_hi;
    }
    if (m->rounds_max) {
        mean *= m->rounds_expect;
        hi *= m->rounds_max;
    }
    if (m->growth >= 0) {
        mean *= 1.0 + m->growth_mean;
        hi *= 1.0 + m->growth_hi;
    }
    m->shift_d = mean;
    m->dur_lo = lo;
    m->dur_hi = hi;
}

void pb__plan_derive(pb_plan *p)
{
    size_t n = p->n_ms;
    double sum_hi = 0;
    for (size_t t = 0; t < n; t++) {
        derive_duration(p, t);
        sum_hi += p->ms[t].dur_hi;
    }
    /* people may be missing until the last capacity step: no finish bound before it */
    if (p->n_steps)
        sum_hi += p->steps[p->n_steps - 1].at;
    for (size_t t = n; t-- > 0;) {
        double best = 0;
        for (size_t e = 0; e < p->ms[t].n_succ; e++)
            best = fmax(best, p->ms[p->succs[p->ms[t].succ0 + e]].priority);
        p->ms[t].priority = p->ms[t].shift_d + best;
    }
    p->fin_lo = HUGE_VAL;
    p->fin_hi = 0;
    for (size_t t = 0; t < n; t++) {
        pb__pm *pm = &p->ms[t];
        double lo = 0, hi = 0, mid = 0;
        for (size_t e = pm->pred0; e < pm->pred0 + pm->n_pred; e++) {
            lo = fmax(lo, p->ms[p->preds[e]].fin_lo);
            hi = fmax(hi, p->ms[p->preds[e]].fin_hi);
            mid = fmax(mid, p->ms[p->preds[e]].shift_f);
        }
        pm->shift_f = mid + pm->shift_d;
        pm->fin_lo = lo + pm->dur_lo;
        pm->fin_hi = p->contention ? sum_hi : hi + pm->dur_hi;
        p->fin_lo = fmin(p->fin_lo, pm->fin_lo);
        p->fin_hi = fmax(p->fin_hi, pm->fin_hi);
    }
}

/* ==== Snapshots ==== */

struct pb_plan_snapshot {
    pb__pm *ms;
    int *people;
    double *risk_p;
    pb__pstep *steps;
    size_t n_steps;
};

pb_status pb_plan_snapshot_take(const pb_plan *p, pb_plan_snapshot **out, pb_error *err)
{
    pb_plan_snapshot *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || !(s->ms = malloc((p->n_ms + 1) * sizeof *s->ms)) ||
        !(s->people = malloc((p->n_roles + 1) * sizeof *s->people)) ||
        !(s->risk_p = malloc((p->n_risks + 1) * sizeof *s->risk_p)) ||
        !(s->steps = malloc((p->n_steps + 1) * sizeof *s->steps))) {
        pb_plan_snapshot_free(s);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    memcpy(s->ms, p->ms, p->n_ms * sizeof *s->ms);
    memcpy(s->people, p->role_people, p->n_roles * sizeof *s->people);
    for (size_t r = 0; r < p->n_risks; r++)
        s->risk_p[r] = p->risks[r].p;
    if (p->n_steps) /* p->steps is NULL until the first step */
        memcpy(s->steps, p->steps, p->n_steps * sizeof *s->steps);
    s->n_steps = p->n_steps;
    *out = s;
    return PB_OK;
}

void pb_plan_restore(pb_plan *p, const pb_plan_snapshot *s)
{
    memcpy(p->ms, s->ms, p->n_ms * sizeof *p->ms);
    memcpy(p->role_people, s->people, p->n_roles * sizeof *p->role_people);
    for (size_t r = 0; r < p->n_risks; r++)
        p->risks[r].p = s->risk_p[r];
    if (s->n_steps) /* steps only grow: p has room for the snapshot's */
        memcpy(p->steps, s->steps, s->n_steps * sizeof *s->steps);
    p->n_steps = s->n_steps;
    pb__plan_derive(p);
}

void pb_plan_snapshot_free(pb_plan_snapshot *s)
{
    if (!s)
        return;
    free(s->ms);
    free(s->people);
    free(s->risk_p);
    free(s->steps);
    free(s);
}

/* ==== Levers ==== */

void pb_plan_disable(pb_plan *p, size_t i)
{
    pb__pm *m = &p->ms[i];
    m->work.kind = PB__S_CONST;
    m->work.off = 0;
    m->wmean = m->wlo = m->whi = 0;
    m->effort = false;
    m->has_cost = false;
    m->rate = 0;
    m->n_need = 0;
    m->n_risk = 0;
    pb__plan_derive(p);
}

void pb_plan_scale_work(pb_plan *p, size_t i, double f)
{
    pb__pm *m = &p->ms[i];
    m->work.off *= f;
    if (m->work.kind != PB__S_EXPTABLE)
        m->work.scale *= f;
    m->wmean *= f;
    m->wlo *= f;
    m->whi *= f;
    pb__plan_derive(p);
}

void pb_plan_set_risk(pb_plan *p, size_t r, double x)
{
    p->risks[r].p = x;
    pb__plan_derive(p);
}

/* Role r's fewest and most people over time, at k people before its steps. */
static void role_span(const pb_plan *p, size_t r, int k, int *least, int *most, int *last)
{
    *least = *most = *last = k;
    for (size_t i = 0; i < p->n_steps; i++) {
        if (p->steps[i].role != r)
            continue;
        *last += p->steps[i].delta;
        *least = *last < *least ? *last : *least;
        *most = *last > *most ? *last : *most;
    }
}

/* Re-resolve role r's milestones' people ranges; false when one could never run. */
static bool resolve_role(pb_plan *p, size_t r)
{
    int least, most, last;
    bool ok = true;
    role_span(p, r, p->role_people[r], &least, &most, &last);
    for (size_t t = 0; t < p->n_ms; t++) {
        pb__pm *m = &p->ms[t];
        if (!m->effort || m->role != (int)r)
            continue;
        m->pmax = m->pmax_decl && m->pmax_decl < most ? m->pmax_decl : most;
        ok = ok && m->pmin <= last && pb__speed(p, m->pmax) > 0;
    }
    return ok && least >= 0;
}

bool pb_plan_set_people(pb_plan *p, size_t role, int k)
{
    p->role_people[role] = k;
    bool ok = resolve_role(p, role);
    pb__plan_derive(p);
    return ok;
}

bool pb__plan_set_people(pb_plan *p, size_t r, int k)
{
    return pb_plan_set_people(p, r, k);
}

pb_status pb_plan_capacity_step(pb_plan *p, size_t role, double at, int delta, pb_error *err)
{
    const char *path = p->scenario->path;
    if (role >= p->n_roles)
        return pb_error_set(err, PB_ERR_USAGE, path, 0, "no role %zu: the team has %zu", role,
                            p->n_roles);
    if (!(isfinite(at) && at >= 0) || !delta)
        return pb_error_set(err, PB_ERR_USAGE, path, 0,
                            "a capacity step needs a time >= 0 and a change of people, got %g "
                            "and %d",
                            at, delta);
    if (p->n_steps == p->cap_steps) {
        size_t cap = p->cap_steps ? 2 * p->cap_steps : 4;
        pb__pstep *st = realloc(p->steps, cap * sizeof *st);
        if (!st)
            return pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
        p->steps = st;
        p->cap_steps = cap;
    }
    size_t i = p->n_steps; /* insertion sort: steps at the same time keep their order */
    while (i > 0 && p->steps[i - 1].at > at) {
        p->steps[i] = p->steps[i - 1];
        i--;
    }
    p->steps[i] = (pb__pstep){at, role, delta};
    p->n_steps++;
    if (resolve_role(p, role)) {
        pb__plan_derive(p);
        return PB_OK;
    }
    memmove(p->steps + i, p->steps + i + 1, (p->n_steps - i - 1) * sizeof *p->steps);
    p->n_steps--;
    resolve_role(p, role);
    return pb_error_set(err, PB_ERR_USAGE, path, 0,
                        "role '%s' cannot lose %d people at %g: it would be left with fewer "
                        "than none, or than one of its milestones needs",
                        p->scenario->roles[role].name, -delta, at);
}
