/*
 * track_plan.c - actuals checked against the plan, the remaining work of an
 * active milestone, and the remaining scenario the re-forecast simulates.
 *
 * Time 0 of the remaining scenario is 'as_of'. A done milestone keeps its
 * place in the graph but takes no time and no people; an active one takes
 * its remaining work; its successors wait for it as before. The ids are
 * unchanged, so every milestone keeps its random stream.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/format.h"
#include "track_internal.h"

/*
 * The lognormal with the conditional's exact P50 and P90 (the commitment's
 * side of the distribution): Q(F(e) + p (1 - F(e))) - e at p = 0.5 and 0.9;
 * its P10 follows, q50^2 / q90.
 */
static pb_dist conditional_fit(const pb_dist *d, double e)
{
    double f = pb_dist_cdf(d, e);
    double q50 = pb_dist_quantile(d, f + 0.5 * (1 - f)) - e;
    double q90 = pb_dist_quantile(d, f + 0.9 * (1 - f)) - e;
    if (!(q50 > 0))
        q50 = q90 > 0 ? q90 * 1e-3 : 1e-9;
    if (!(q90 > q50))
        q90 = q50 * (1 + 1e-9) + 1e-12;
    return pb_dist_lognormal(q50 * q50 / q90, q90);
}

#define MOMENT_STEPS 4096

/*
 * A bounded estimate conditioned inside its range: the PERT on the exact
 * support [0, max - e] with the conditional's exact mean and variance
 * (method of moments on the beta; midpoint rule on the quantile function,
 * MOMENT_STEPS points). When the beta would need a shape below 1, that
 * shape is 1 (the density of the remaining work is highest at 0, as it is
 * past the mode) and the other keeps the mean.
 */
static pb_dist conditional_pert(const pb_dist *d, double e)
{
    double f = pb_dist_cdf(d, e), w = pb_dist_hi(d) - e, s = 0, ss = 0;
    for (int k = 0; k < MOMENT_STEPS; k++) {
        double x = (pb_dist_quantile(d, f + (k + 0.5) / MOMENT_STEPS * (1 - f)) - e) / w;
        s += x;
        ss += x * x;
    }
    double mu = s / MOMENT_STEPS, var = ss / MOMENT_STEPS - mu * mu;
    double k = var > 0 ? mu * (1 - mu) / var - 1 : 0, a = mu * k, b = (1 - mu) * k;
    if (!(a >= 1) || !(b >= 1)) { /* a shape below 1: keep the mean with that shape at 1 */
        if (!(a >= 1))
            a = 1, b = (1 - mu) / mu;
        else
            b = 1, a = mu / (1 - mu);
    }
    if (!(a >= 1) || !(b >= 1) || !isfinite(a + b))
        return conditional_fit(d, e);
    double lambda = a + b - 2;
    if (!(lambda > 1e-9))
        return pb_dist_uniform(0.0, w);
    pb_dist o = pb_dist_pert(0.0, (a - 1) / lambda * w, w);
    o.lambda = lambda;
    return o;
}

pb_status pb_track_conditional(const pb_dist *d, double e, pb_dist *out, bool *exact, pb_error *err)
{
    *exact = true;
    if (d->kind == PB_DIST_FIXED) {
        *out = pb_dist_fixed(d->value > e ? d->value - e : 0.0);
        return PB_OK;
    }
    double lo = pb_dist_lo(d), hi = pb_dist_hi(d);
    if (!(e < hi) || !(pb_dist_cdf(d, e) < 1.0 - 1e-12))
        return pb_error_set(err, PB_ERR_INVALID, "", 0,
                            "'elapsed' %g is past the estimate's maximum %g; give 'remaining'", e,
                            hi);
    double a = lo > e ? lo - e : 0.0;
    if (d->kind == PB_DIST_UNIFORM) {
        *out = pb_dist_uniform(a, hi - e);
        return PB_OK;
    }
    if (d->kind == PB_DIST_TRIANGULAR && (e <= lo || e >= d->mode)) {
        *out = e <= lo ? pb_dist_triangular(lo - e, d->mode - e, hi - e)
                       : pb_dist_triangular(0.0, 0.0, hi - e);
        return PB_OK;
    }
    if (e <= lo) { /* nothing learnt but the shift */
        pb_dist s = *d;
        switch (d->kind) {
        case PB_DIST_PERT:
        case PB_DIST_TRIANGULAR:
            s.min -= e, s.mode -= e, s.max -= e;
            *out = s;
            return PB_OK;
        default:
            break;
        }
    }
    if (d->kind == PB_DIST_NORMAL && d->mean - e > -8 * d->sd) {
        *out = pb_dist_normal(d->mean - e, d->sd); /* truncated at e, shifted: exact */
        return PB_OK;
    }
    *exact = false;
    *out = isfinite(hi) ? conditional_pert(d, e) : conditional_fit(d, e);
    return PB_OK;
}

static const pb_dist *estimate_of(const pb_milestone *m)
{
    return m->has_effort ? &m->effort : &m->duration;
}

/* The remaining work of active milestone m. */
static pb_status remaining_of(const pb_actuals *a, const pb_milestone *m, const pb_track_ms *t,
                              pb_dist *out, pb_error *err)
{
    bool exact;
    if (t->has_remaining) {
        *out = t->remaining;
        return PB_OK;
    }
    pb_status rc = pb_track_conditional(estimate_of(m), t->elapsed, out, &exact, err);
    if (rc) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        return pb_error_set(err, rc, a->file, t->line, "milestone '%s': %s", m->id, why);
    }
    return PB_OK;
}

static pb_status check_order(const pb_actuals *a, const pb_scenario *s, const pb_track_ms *t,
                             pb_error *err)
{
    const pb_milestone *m = pb_scenario_milestone(s, t->id);
    for (size_t k = 0; k < m->n_after; k++) {
        const pb_track_ms *p = pb_actuals_milestone(a, m->after[k]);
        if (!p || p->state != PB_TRACK_DONE)
            return pb_error_set(err, PB_ERR_INVALID, a->file, t->line,
                                "milestone '%s' is %s but '%s', which it comes after, is not "
                                "done; mark '%s' done or '%s' not started",
                                t->id, t->state == PB_TRACK_DONE ? "done" : "active", m->after[k],
                                m->after[k], t->id);
    }
    return PB_OK;
}

pb_status pb__actuals_check(const pb_actuals *a, const pb_scenario *s, pb_error *err)
{
    int first = 0;
    for (size_t i = 0; i < a->n_ms; i++) {
        const pb_track_ms *t = &a->ms[i];
        const pb_milestone *m = pb_scenario_milestone(s, t->id);
        if (!m)
            return pb_error_set(err, PB_ERR_INVALID, a->file, t->line,
                                "actuals for unknown milestone '%s'", t->id);
        if (t->state == PB_TRACK_TODO)
            continue;
        first = first ? first : t->line ? t->line : -1;
        pb_status rc = check_order(a, s, t, err);
        pb_dist r;
        if (!rc && t->state == PB_TRACK_ACTIVE)
            rc = remaining_of(a, m, t, &r, err);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < a->n_risks; i++) {
        const pb_track_risk *r = &a->risks[i];
        bool known = false;
        for (size_t k = 0; k < s->n_risks && !known; k++)
            known = !strcmp(s->risks[k].id, r->id);
        if (!known)
            return pb_error_set(err, PB_ERR_INVALID, a->file, r->line,
                                "status of unknown risk '%s'", r->id);
        if (r->state != PB_RISK_OPEN)
            first = first ? first : r->line ? r->line : -1;
    }
    if (first && isnan(a->as_of))
        return pb_error_set(err, PB_ERR_INVALID, a->file, first > 0 ? first : 0,
                            "actuals need the date they are as of: add 'status = { as_of = "
                            "\"YYYY-MM-DD\"; };' or give --as-of (a date, or %s since the "
                            "start)",
                            s->unit);
    return PB_OK;
}

/* Done: no time, no people, no role; its needs and cost stay. */
static void make_done(pb_milestone *m)
{
    free(m->role);
    m->role = NULL;
    m->has_effort = false;
    m->has_duration = true;
    m->duration = pb_dist_fixed(0.0);
    m->people_min = m->people_max = 0;
}

/* Move the start date by as_of (whole days) so that dates stay calendar dates. */
static void shift_start(pb_scenario *c, double as_of)
{
    int y, mo, d;
    if (!c->start || sscanf(c->start, "%d-%d-%d", &y, &mo, &d) != 3)
        return;
    double days = as_of * pb__unit_days(c->unit);
    if (!(days < 4e6)) /* past 9999-12-31 from any start */
        return;
    long day = pb__days_from_civil(y, mo, d + lround(days));
    if (day > pb__days_from_civil(9999, 12, 31))
        return;
    pb__date_format(day, c->start);
}

static double less(double x, double by)
{
    return isfinite(x) && isfinite(by) ? (x > by ? x - by : 0.0) : x;
}

static pb_status apply(const pb_actuals *a, pb_scenario *c, pb_error *err)
{
    for (size_t i = 0; i < c->n_milestones; i++) {
        pb_milestone *m = &c->milestones[i];
        const pb_track_ms *t = pb_actuals_milestone(a, m->id);
        if (t && t->state == PB_TRACK_DONE)
            make_done(m);
        if (t && t->state == PB_TRACK_ACTIVE) {
            pb_dist r;
            pb_status rc = remaining_of(a, m, t, &r, err);
            if (rc)
                return rc;
            *(m->has_effort ? &m->effort : &m->duration) = r;
        }
    }
    for (size_t i = 0; i < c->n_risks; i++) {
        pb_risk *r = &c->risks[i];
        const pb_track_ms *t = pb_actuals_milestone(a, r->milestone);
        for (size_t k = 0; k < a->n_risks; k++)
            if (!strcmp(a->risks[k].id, r->id) && a->risks[k].state != PB_RISK_OPEN)
                r->probability = a->risks[k].state == PB_RISK_HAPPENED ? 1.0 : 0.0;
        if (t && t->state == PB_TRACK_DONE)
            r->probability = 0.0;
    }
    double as_of = isnan(a->as_of) ? 0.0 : a->as_of;
    c->ask_deadline = less(c->ask_deadline, as_of);
    c->manager_deadline = less(c->manager_deadline, as_of);
    c->ask_budget = less(c->ask_budget, a->spent);
    c->manager_budget = less(c->manager_budget, a->spent);
    shift_start(c, as_of);
    return PB_OK;
}

pb_status pb_track_remaining(const pb_scenario *s, const pb_actuals *a, pb_scenario **out,
                             pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    pb_status rc = pb__actuals_check(a, s, err);
    if (rc)
        return rc;
    pb_scenario *c = pb_scenario_copy(s);
    if (!c)
        return pb_error_set(err, PB_ERR_RUN, a->file, 0, "out of memory");
    rc = apply(a, c, err);
    if (!rc)
        rc = pb_scenario_validate(c, err);
    if (rc) {
        pb_scenario_free(c);
        return rc;
    }
    *out = c;
    return PB_OK;
}
