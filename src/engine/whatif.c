/*
 * whatif.c - paired comparisons of runs that share their random draws, and
 * the comparison of every option of a scenario with its base.
 *
 * Means and probabilities of the paired differences get normal intervals
 * from the per-iteration differences. A difference of percentiles has no
 * per-iteration form, so its interval comes from batch means: the iterations
 * are cut into PB_PAIRED_BATCHES consecutive batches (independent, since
 * iterations are), the difference of percentiles is computed in each, and
 * the spread of those differences gives a Student-t interval around the
 * difference computed on all iterations. Batches too small to back their
 * own percentile give no interval (NaN), never a zero width.
 */
#include "pushback/whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include <pushback/plan.h>

#include "base/parallel.h"
#include "plan_internal.h"
#include "scenario_internal.h"
#include "sim_internal.h"

#define Z95 1.959963984540054

/* Mean of x and its normal 95% interval (two-pass sd). */
static pb_interval mean_interval(const double *x, size_t n)
{
    pb_interval v = {0, 0, 0};
    if (!n)
        return v;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    double m = sum / (double)n, ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - m) * (x[i] - m);
    double half = n > 1 ? Z95 * sqrt(ss / (double)(n - 1) / (double)n) : 0;
    v.value = m;
    v.lo = m - half;
    v.hi = m + half;
    return v;
}

/* Indices into pb_stats_levels of the percentiles compared. */
enum {
    L50 = 5,
    L80 = 8,
    L90 = 9
};

/*
 * Batch-means half-widths for the differences of levels 'idx' (n_idx of
 * them) between samples b and a: each batch summarized once, all levels
 * from the same selection. A level whose batches are too small to back a
 * 95% interval of their own percentile (pb_stats_order_ci: fewer than 6
 * iterations a batch for P50, 14 for P80, 29 for P90) backs no batch-means
 * interval either: its half-width is NaN, and reports say "n/a".
 */
static void batch_halfwidths(const double *a, const double *b, size_t n, const int *idx,
                             size_t n_idx, double *scratch, double *half)
{
    size_t nbatch = PB_PAIRED_BATCHES, m = n / nbatch, rlo, rhi;
    bool any = false;
    for (size_t k = 0; k < n_idx; k++) {
        half[k] = m >= 2 && pb_stats_order_ci(m, pb_stats_levels[idx[k]], &rlo, &rhi) ? 0 : NAN;
        any = any || !isnan(half[k]);
    }
    if (!any)
        return;
    double d[PB_N_LEVELS][PB_PAIRED_BATCHES], va[PB_N_LEVELS], vb[PB_N_LEVELS];
    for (size_t j = 0; j < nbatch; j++) { /* only the levels compared: no summary */
        memcpy(scratch, a + j * m, m * sizeof *scratch);
        pb_stats_level_values(scratch, m, idx, n_idx, va);
        memcpy(scratch, b + j * m, m * sizeof *scratch);
        pb_stats_level_values(scratch, m, idx, n_idx, vb);
        for (size_t k = 0; k < n_idx; k++)
            d[k][j] = vb[k] - va[k];
    }
    double t = gsl_cdf_tdist_Pinv(0.975, (double)(nbatch - 1));
    for (size_t k = 0; k < n_idx; k++) {
        if (isnan(half[k]))
            continue;
        double mean = 0, ss = 0;
        for (size_t j = 0; j < nbatch; j++)
            mean += d[k][j];
        mean /= (double)nbatch;
        for (size_t j = 0; j < nbatch; j++)
            ss += (d[k][j] - mean) * (d[k][j] - mean);
        half[k] = t * sqrt(ss / (double)(nbatch - 1) / (double)nbatch);
    }
}

/* Percentile difference on all iterations, with the batch half-width around it. */
static pb_interval pct_diff(const pb_summary *a, const pb_summary *b, int idx, double half)
{
    double v = b->pct[idx].value - a->pct[idx].value;
    pb_interval r = {v, v - half, v + half};
    return r;
}

pb_status pb_paired_compute(const pb_result *a, const pb_result *b, double deadline, pb_paired *out,
                            pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (a->iterations != b->iterations)
        return pb_error_set(err, PB_ERR_USAGE, "", 0,
                            "paired comparison needs equal iteration counts, got %zu and %zu",
                            a->iterations, b->iterations);
    if (a->seed != b->seed)
        return pb_error_set(err, PB_ERR_USAGE, "", 0,
                            "paired comparison needs the same seed, got %llu and %llu",
                            (unsigned long long)a->seed, (unsigned long long)b->seed);
    size_t n = a->iterations;
    out->n = n;
    if (!n)
        return PB_OK;
    double *d = malloc(n * sizeof *d), *scratch = malloc(n * sizeof *scratch);
    if (!d || !scratch) {
        free(d);
        free(scratch);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    const double *fa = a->finish_samples, *fb = b->finish_samples;
    size_t before = 0, after = 0;
    for (size_t i = 0; i < n; i++) {
        d[i] = fb[i] - fa[i];
        before += fb[i] < fa[i];
        after += fb[i] > fa[i];
    }
    out->mean = mean_interval(d, n);
    out->p_before = pb_stats_wilson(before, n);
    out->p_after = pb_stats_wilson(after, n);
    if (!isnan(deadline)) {
        double lim = pb_stats_limit(deadline);
        for (size_t i = 0; i < n; i++)
            d[i] = (double)(fb[i] <= lim) - (double)(fa[i] <= lim);
        out->p_deadline = mean_interval(d, n);
    }
    for (size_t i = 0; i < n; i++)
        d[i] = b->cost_samples[i] - a->cost_samples[i];
    out->cost_mean = mean_interval(d, n);
    /* the percentiles on all iterations are in the results already */
    static const int idx[3] = {L50, L80, L90};
    double half[3];
    batch_halfwidths(fa, fb, n, idx, 3, scratch, half);
    out->p50 = pct_diff(&a->duration, &b->duration, L50, half[0]);
    out->p80 = pct_diff(&a->duration, &b->duration, L80, half[1]);
    out->p90 = pct_diff(&a->duration, &b->duration, L90, half[2]);
    batch_halfwidths(a->cost_samples, b->cost_samples, n, idx + 1, 1, scratch, half);
    out->cost_p80 = pct_diff(&a->cost, &b->cost, L80, half[0]);
    free(d);
    free(scratch);
    return PB_OK;
}

/* ==== Comparing options ==== */

void pb_comparison_free(pb_comparison *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_entries; i++) {
        pb_compare_entry *e = &c->entries[i];
        free(e->name);
        pb_result_free(e->result);
        pb_plan_free(e->plan);
        pb_scenario_free(e->scenario);
    }
    free(c->entries);
    free(c);
}

const pb_compare_entry *pb_comparison_entry(const pb_comparison *c, const char *name)
{
    for (size_t i = 0; i < c->n_entries; i++)
        if (!strcmp(c->entries[i].name, name))
            return &c->entries[i];
    return NULL;
}

/* Option k against the base (k >= 1). */
static pb_status paired_one(void *arg, size_t k, pb_error *err)
{
    pb_comparison *c = arg;
    pb_compare_entry *en = &c->entries[k];
    return pb_paired_compute(c->entries[0].result, en->result, c->deadline, &en->vs_base, err);
}

/* Every entry's scenario and plan: the base, then each option applied to a copy. */
static pb_status compare_plans(const pb_scenario *s, pb_comparison *c, pb_error *err)
{
    pb_status rc = PB_OK;
    for (size_t k = 0; k <= s->n_options && !rc; k++) {
        pb_compare_entry *e = &c->entries[k];
        c->n_entries = k + 1;
        const char *name = k ? s->options[k - 1].name : "base";
        if (!(e->name = pb__strdup(name)) || !(e->scenario = pb_scenario_copy(s)))
            return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        if (k && (rc = pb_scenario_apply_option(e->scenario, name, err)))
            break;
        rc = pb_plan_build(e->scenario, &e->plan, err);
    }
    return rc;
}

/*
 * Run every entry on the same iterations. The base decides the count (its
 * automatic mode, or the fixed count); the options run exactly as many, and
 * the milestones an option leaves as they are take the base's draws instead
 * of drawing them again (pb__sim_run_shared: the same bits).
 */
static pb_status compare_runs(pb_comparison *c, pb_sim_opts *o, pb_error *err)
{
    size_t n = c->n_entries, first = o->iterations ? 0 : 1;
    const pb_plan *donor = c->entries[0].plan;
    const pb_plan **plans = malloc(n * sizeof *plans);
    pb_result **res = malloc(n * sizeof *res);
    pb_status rc = PB_OK;
    if (!plans || !res)
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if (!rc && first)
        rc = pb_sim_run(donor, o, &c->entries[0].result, err);
    if (!rc && first)
        o->iterations = c->entries[0].result->iterations;
    for (size_t k = first; !rc && k < n; k++)
        plans[k - first] = c->entries[k].plan;
    if (!rc)
        rc = pb__sim_run_shared(donor, plans, n - first, o, res, err);
    for (size_t k = first; !rc && k < n; k++)
        c->entries[k].result = res[k - first];
    if (!rc)
        c->iterations = c->entries[0].result->iterations;
    free(plans);
    free(res);
    return rc;
}

pb_status pb_compare_run(const pb_scenario *s, const pb_sim_opts *opts, bool detail,
                         pb_comparison **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    pb_comparison *c = calloc(1, sizeof *c);
    if (!c || !(c->entries = calloc(s->n_options + 1, sizeof *c->entries))) {
        free(c);
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    }
    pb_sim_opts o = *opts;
    o.detail = detail;
    c->seed = o.seed;
    c->deadline = isnan(o.deadline) ? s->ask_deadline : o.deadline;
    c->budget = isnan(o.budget) ? s->ask_budget : o.budget;
    pb_status rc = compare_plans(s, c, err);
    if (!rc) {
        /* the base's run holds, besides its own, every option's arrays and the
           paired comparisons' scratch: 16 bytes an iteration each, and the needs */
        const pb_plan *base = c->entries[0].plan;
        unsigned pairs = s->n_options < o.threads ? (unsigned)s->n_options : o.threads;
        double others = (16.0 + 8.0 * (double)base->n_resources) * (double)s->n_options +
                        16.0 * (pairs ? pairs : 1);
        rc = pb__sim_check_memory(base, &o, o.iterations ? o.iterations : o.max_iterations, others,
                                  err);
    }
    if (!rc)
        rc = compare_runs(c, &o, err);
    if (!rc)
        rc = pb__par_items(o.threads, 1, c->n_entries, paired_one, c, err);
    if (rc) {
        pb_comparison_free(c);
        return rc;
    }
    *out = c;
    return PB_OK;
}
