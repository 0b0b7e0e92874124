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
 * difference computed on all iterations.
 */
#include "pushback/whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include <pushback/plan.h>

#include "scenario_internal.h"

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

/* Percentile levels p of b minus those of a, with batch-means intervals. */
static void quantile_diffs(const double *a, const double *b, size_t n, const double *levels,
                           size_t n_levels, double *scratch, pb_interval *out)
{
    double qa[PB_N_LEVELS], qb[PB_N_LEVELS];
    for (size_t k = 0; k < n_levels; k++) {
        memcpy(scratch, a, n * sizeof *scratch);
        qa[k] = pb_stats_quantile(scratch, n, levels[k]).value;
        memcpy(scratch, b, n * sizeof *scratch);
        qb[k] = pb_stats_quantile(scratch, n, levels[k]).value;
        out[k].value = out[k].lo = out[k].hi = qb[k] - qa[k];
    }
    size_t nbatch = PB_PAIRED_BATCHES, m = n / nbatch;
    if (m < 2)
        return;
    double d[PB_N_LEVELS][PB_PAIRED_BATCHES];
    for (size_t j = 0; j < nbatch; j++) {
        for (size_t k = 0; k < n_levels; k++) {
            memcpy(scratch, a + j * m, m * sizeof *scratch);
            double x = pb_stats_quantile(scratch, m, levels[k]).value;
            memcpy(scratch, b + j * m, m * sizeof *scratch);
            d[k][j] = pb_stats_quantile(scratch, m, levels[k]).value - x;
        }
    }
    double t = gsl_cdf_tdist_Pinv(0.975, (double)(nbatch - 1));
    for (size_t k = 0; k < n_levels; k++) {
        double mean = 0, ss = 0;
        for (size_t j = 0; j < nbatch; j++)
            mean += d[k][j];
        mean /= (double)nbatch;
        for (size_t j = 0; j < nbatch; j++)
            ss += (d[k][j] - mean) * (d[k][j] - mean);
        double half = t * sqrt(ss / (double)(nbatch - 1) / (double)nbatch);
        out[k].lo = out[k].value - half;
        out[k].hi = out[k].value + half;
    }
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
        for (size_t i = 0; i < n; i++)
            d[i] = (double)(fb[i] <= deadline) - (double)(fa[i] <= deadline);
        out->p_deadline = mean_interval(d, n);
    }
    for (size_t i = 0; i < n; i++)
        d[i] = b->cost_samples[i] - a->cost_samples[i];
    out->cost_mean = mean_interval(d, n);
    static const double levels[3] = {0.5, 0.8, 0.9};
    pb_interval q[3];
    quantile_diffs(fa, fb, n, levels, 3, scratch, q);
    out->p50 = q[0];
    out->p80 = q[1];
    out->p90 = q[2];
    quantile_diffs(a->cost_samples, b->cost_samples, n, levels + 1, 1, scratch, &out->cost_p80);
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
    pb_status rc = PB_OK;
    for (size_t k = 0; k <= s->n_options && !rc; k++) {
        pb_compare_entry *e = &c->entries[k];
        c->n_entries = k + 1;
        const char *name = k ? s->options[k - 1].name : "base";
        if (!(e->name = pb__strdup(name)) || !(e->scenario = pb_scenario_copy(s))) {
            rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
            break;
        }
        if (k && (rc = pb_scenario_apply_option(e->scenario, name, err)))
            break;
        if ((rc = pb_plan_build(e->scenario, &e->plan, err)))
            break;
        if ((rc = pb_sim_run(e->plan, &o, &e->result, err)))
            break;
        if (!k) {
            /* the base decided the count: every option runs exactly as many */
            c->iterations = e->result->iterations;
            o.iterations = c->iterations;
        } else if ((rc = pb_paired_compute(c->entries[0].result, e->result, c->deadline,
                                           &e->vs_base, err))) {
            break;
        }
    }
    if (rc) {
        pb_comparison_free(c);
        return rc;
    }
    *out = c;
    return PB_OK;
}
