/*
 * calibrate.c - the fit of the team's past estimates against its actuals
 * (calibrate.h): bias and spread of actual / median as a lognormal with
 * Student-t and chi-square intervals, the coverage of past ranges with a
 * Wilson interval, and the widening factor (the PB_CALIB_NOMINAL quantile,
 * type 7, of the factor each pair needed: how far beyond the median its
 * actual fell, relative to that side of its range).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include <pushback/calibrate.h>

void pb_calibration_free(pb_calibration *c)
{
    if (!c)
        return;
    free(c->pairs);
    free(c->file);
    free(c);
}

/* The range a past estimate stood for: its support, P10 to P90 when unbounded. */
static void range_of(const pb_dist *d, double *lo, double *hi)
{
    *lo = pb_dist_lo(d);
    *hi = pb_dist_hi(d);
    if (!isfinite(*hi)) {
        *lo = pb_dist_quantile(d, 0.1);
        *hi = pb_dist_quantile(d, 0.9);
    }
}

/* The factor pair p needed: 0 at the median, 1 at its range's end on that side. */
static double needed(const pb_calib_pair *p)
{
    double m = pb_dist_quantile(&p->estimate, 0.5), lo, hi;
    range_of(&p->estimate, &lo, &hi);
    double x = p->actual;
    if (x == m)
        return 0.0;
    double side = x > m ? hi - m : m - lo;
    if (!(side > 0))
        return NAN; /* no range on that side: widening cannot hold it (left out) */
    return fabs(x - m) / side;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void log_moments(const pb_calibration *c, double *mean, double *sd)
{
    double s = 0, ss = 0;
    size_t n = c->n_pairs;
    for (size_t i = 0; i < n; i++)
        s += log(c->pairs[i].actual / pb_dist_quantile(&c->pairs[i].estimate, 0.5));
    *mean = s / (double)n;
    for (size_t i = 0; i < n; i++) {
        double l = log(c->pairs[i].actual / pb_dist_quantile(&c->pairs[i].estimate, 0.5));
        ss += (l - *mean) * (l - *mean);
    }
    *sd = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN;
}

pb_status pb_calibration_fit(const pb_calibration *c, pb_calib_fit *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = c->n_pairs;
    if (!n)
        return pb_error_set(err, PB_ERR_INVALID, c->file ? c->file : "", 0,
                            "no calibration pairs: add 'calibration = ( { estimate = [4, 6, "
                            "10]; actual = 9.0; } );' or give --calibration FILE.csv");
    double *w = malloc(n * sizeof *w);
    if (!w)
        return pb_error_set(err, PB_ERR_RUN, c->file ? c->file : "", 0, "out of memory");
    out->n = n;
    out->few = n < PB_CALIB_FEW;
    double mean, sd;
    log_moments(c, &mean, &sd);
    out->bias = (pb_interval){exp(mean), NAN, NAN};
    out->spread = (pb_interval){sd, NAN, NAN};
    if (n > 1) {
        double df = (double)(n - 1), t = gsl_cdf_tdist_Pinv(0.975, df);
        out->bias.lo = exp(mean - t * sd / sqrt((double)n));
        out->bias.hi = exp(mean + t * sd / sqrt((double)n));
        out->spread.lo = sd * sqrt(df / gsl_cdf_chisq_Pinv(0.975, df));
        out->spread.hi = sd * sqrt(df / gsl_cdf_chisq_Pinv(0.025, df));
    }
    size_t inside = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        double x = needed(&c->pairs[i]);
        inside += x <= 1.0;
        if (!isnan(x))
            w[m++] = x;
    }
    out->coverage = pb_stats_wilson(inside, n);
    out->widen = NAN;
    out->n_widen = m;
    if (m) {
        qsort(w, m, sizeof *w, by_value);
        double h = (double)(m - 1) * PB_CALIB_NOMINAL;
        size_t k = (size_t)floor(h);
        out->widen = k + 1 < m ? w[k] + (h - (double)k) * (w[k + 1] - w[k]) : w[k];
    }
    free(w);
    return PB_OK;
}

pb_dist pb_calibration_apply_dist(const pb_calib_fit *f, const pb_dist *d)
{
    double b = isfinite(f->bias.value) ? f->bias.value : 1.0, w = f->widen > 1 ? f->widen : 1.0;
    return pb_dist_stretch(d, b, w);
}

pb_status pb_calibration_apply(const pb_scenario *s, const pb_calib_fit *f,
                               const char *const *sources, pb_scenario **out, pb_error *err)
{
    *out = NULL;
    pb_scenario *c = pb_scenario_copy(s);
    if (!c)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    for (size_t i = 0; i < c->n_milestones; i++) {
        pb_milestone *m = &c->milestones[i];
        if (sources && !strcmp(sources[i], "data"))
            continue;
        if (m->has_effort)
            m->effort = pb_calibration_apply_dist(f, &m->effort);
        if (m->has_duration)
            m->duration = pb_calibration_apply_dist(f, &m->duration);
    }
    pb_status rc = pb_scenario_validate(c, err);
    if (rc) {
        pb_scenario_free(c);
        return rc;
    }
    *out = c;
    return PB_OK;
}

void pb_report_calibration_text(FILE *f, const pb_calib_fit *fit)
{
    fprintf(f, "Calibration (%zu past estimates%s)\n", fit->n,
            fit->few ? "; fewer than 5: too little history to lean on" : "");
    if (fit->n > 1)
        fprintf(f, "  bias: actuals are %.2fx the estimate's median (95%%: %.2f - %.2f)\n",
                fit->bias.value, fit->bias.lo, fit->bias.hi);
    else
        fprintf(f, "  bias: actuals are %.2fx the estimate's median (one pair: no interval)\n",
                fit->bias.value);
    if (fit->n > 1)
        fprintf(f, "  spread: log-sd %.2f (95%%: %.2f - %.2f)\n", fit->spread.value, fit->spread.lo,
                fit->spread.hi);
    fprintf(f,
            "  coverage: %.0f%% of actuals fell inside their range (95%%: %.0f%% - %.0f%%), "
            "meant %.0f%%\n",
            100 * fit->coverage.value, 100 * fit->coverage.lo, 100 * fit->coverage.hi,
            100 * PB_CALIB_NOMINAL);
    if (isnan(fit->widen))
        fprintf(f, "  widening: no range to widen (the misses were point estimates)\n");
    else
        fprintf(f, "  widen ranges by %.2fx to hold %.0f%% of them%s", fit->widen,
                100 * PB_CALIB_NOMINAL, fit->widen <= 1 ? " (wide enough as they are)" : "");
    if (!isnan(fit->widen) && fit->n_widen < fit->n)
        fprintf(f, "; %zu point estimate%s left out", fit->n - fit->n_widen,
                fit->n - fit->n_widen == 1 ? "" : "s");
    if (!isnan(fit->widen))
        fputc('\n', f);
}
