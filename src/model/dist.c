/*
 * dist.c - exact moments, quantiles and CDFs of the estimate distributions.
 *
 * These functions are the reference the fast samplers are tested against, so
 * they favour accuracy over speed. GSL's error handler is expected to be off:
 * every GSL call gets arguments inside its domain and its result is checked,
 * and when GSL gives up (its beta inverse does not always converge, even for
 * lambda = 1000) a slower but safe method takes over (Newton steps on the
 * CDF inside a bracket); betas too sharp for GSL altogether (alpha + beta
 * above 1e6) use a normal approximation. No valid distribution yields a NaN. The truncated normal
 * is computed through upper-tail functions (Q and its inverse, the hazard function) so that a mean
 * several standard deviations below zero keeps its relative precision, and so that a mean far above
 * zero loses nothing.
 */
#include "pushback/dist.h"

#include <math.h>
#include <stdbool.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_erf.h>

#include "sampler.h"

/* Standard-normal 90% quantile: a lognormal's p10 and p90 are mu -/+ this sigma. */
#define Z90 1.2815515655446004

/* sqrt(2 pi), the standard-normal density's normalisation. */
#define SQRT_2PI 2.5066282746310002

/* Lowest admissible 'mean' of a normal, in units of its 'sd'. */
#define NORMAL_MEAN_MIN_SD (-8.0)

/* ==== Constructors ==== */

pb_dist pb_dist_fixed(double value)
{
    pb_dist d = {.kind = PB_DIST_FIXED, .value = value};
    return d;
}

pb_dist pb_dist_pert(double min, double mode, double max)
{
    pb_dist d = {.kind = PB_DIST_PERT, .min = min, .mode = mode, .max = max, .lambda = 4.0};
    return d;
}

pb_dist pb_dist_triangular(double min, double mode, double max)
{
    pb_dist d = {.kind = PB_DIST_TRIANGULAR, .min = min, .mode = mode, .max = max};
    return d;
}

pb_dist pb_dist_uniform(double min, double max)
{
    pb_dist d = {.kind = PB_DIST_UNIFORM, .min = min, .max = max};
    return d;
}

pb_dist pb_dist_lognormal(double p10, double p90)
{
    pb_dist d = {.kind = PB_DIST_LOGNORMAL, .p10 = p10, .p90 = p90};
    return d;
}

pb_dist pb_dist_normal(double mean, double sd)
{
    pb_dist d = {.kind = PB_DIST_NORMAL, .mean = mean, .sd = sd};
    return d;
}

/* ==== Validation ==== */

static pb_status check_nonneg(const char *name, double x, pb_error *err)
{
    if (isfinite(x) && x >= 0)
        return PB_OK;
    return pb_error_set(err, PB_ERR_INVALID, "", 0, "'%s' must be finite and >= 0, got %.15g", name,
                        x);
}

static pb_status check_positive(const char *name, double x, pb_error *err)
{
    if (isfinite(x) && x > 0)
        return PB_OK;
    return pb_error_set(err, PB_ERR_INVALID, "", 0, "'%s' must be finite and > 0, got %.15g", name,
                        x);
}

/* min <= max, both finite and >= 0 (uniform, and the ends of pert and triangular). */
static pb_status check_range(const pb_dist *d, pb_error *err)
{
    if (check_nonneg("min", d->min, err) || check_nonneg("max", d->max, err))
        return PB_ERR_INVALID;
    if (d->min > d->max)
        return pb_error_set(err, PB_ERR_INVALID, "", 0,
                            "'min' must not exceed 'max', got min = %.15g, max = %.15g", d->min,
                            d->max);
    return PB_OK;
}

static pb_status check_three_point(const pb_dist *d, pb_error *err)
{
    if (check_nonneg("min", d->min, err) || check_nonneg("mode", d->mode, err) ||
        check_range(d, err))
        return PB_ERR_INVALID;
    if (d->mode < d->min || d->mode > d->max)
        return pb_error_set(err, PB_ERR_INVALID, "", 0,
                            "'mode' must be between 'min' and 'max' (%.15g <= mode <= %.15g), "
                            "got %.15g",
                            d->min, d->max, d->mode);
    return PB_OK;
}

pb_status pb_dist_validate(const pb_dist *d, pb_error *err)
{
    switch (d->kind) {
    case PB_DIST_FIXED:
        return check_nonneg("value", d->value, err);
    case PB_DIST_PERT:
        if (check_three_point(d, err))
            return PB_ERR_INVALID;
        return check_positive("lambda", d->lambda, err);
    case PB_DIST_TRIANGULAR:
        return check_three_point(d, err);
    case PB_DIST_UNIFORM:
        return check_range(d, err);
    case PB_DIST_LOGNORMAL:
        if (check_positive("p10", d->p10, err) || check_positive("p90", d->p90, err))
            return PB_ERR_INVALID;
        if (d->p10 >= d->p90)
            return pb_error_set(err, PB_ERR_INVALID, "", 0,
                                "'p10' must be below 'p90', got p10 = %.15g, p90 = %.15g", d->p10,
                                d->p90);
        return PB_OK;
    case PB_DIST_NORMAL:
        if (!isfinite(d->mean))
            return pb_error_set(err, PB_ERR_INVALID, "", 0, "'mean' must be finite, got %.15g",
                                d->mean);
        if (check_positive("sd", d->sd, err))
            return PB_ERR_INVALID;
        if (!(d->mean > NORMAL_MEAN_MIN_SD * d->sd))
            return pb_error_set(err, PB_ERR_INVALID, "", 0,
                                "'mean' must be above -8 'sd' (mean > %.15g), got %.15g",
                                NORMAL_MEAN_MIN_SD * d->sd, d->mean);
        return PB_OK;
    }
    return pb_error_set(err, PB_ERR_INVALID, "", 0, "unknown distribution kind %d", (int)d->kind);
}

const char *pb_dist_kind_name(pb_dist_kind kind)
{
#define NAME_(kind, name, n_required, keys) name,
    static const char *const names[] = {PB_DIST_LIST(NAME_)};
#undef NAME_
    return (unsigned)kind < PB_DIST_N_KINDS ? names[kind] : "unknown";
}

pb_dist pb_dist_stretch(const pb_dist *d, double b, double w)
{
    pb_dist o = *d;
    double m = pb_dist_quantile(d, 0.5);
#define STRETCH(x) fmax(0.0, b *(m + w * ((x)-m)))
    switch (d->kind) {
    case PB_DIST_FIXED:
        o.value = b * d->value;
        break;
    case PB_DIST_PERT:
    case PB_DIST_TRIANGULAR:
    case PB_DIST_UNIFORM:
        o.min = STRETCH(d->min);
        o.mode = STRETCH(d->mode);
        o.max = STRETCH(d->max);
        break;
    case PB_DIST_LOGNORMAL: /* log-scale: median x b, log-sd x w */
        o.p10 = b * m * pow(d->p10 / m, w);
        o.p90 = b * m * pow(d->p90 / m, w);
        break;
    case PB_DIST_NORMAL:
        o.mean = b * d->mean;
        o.sd = b * w * d->sd;
        break;
    }
#undef STRETCH
    return o;
}

/* ==== Shape parameters ==== */

void pb_dist_lognormal_params(const pb_dist *d, double *mu, double *sigma)
{
    double lo = log(d->p10), hi = log(d->p90);
    double ratio = d->p90 / d->p10;
    /* log1p of the relative gap keeps digits when p10 and p90 are close */
    double width = isfinite(ratio) && ratio < 2.0 ? log1p((d->p90 - d->p10) / d->p10) : hi - lo;
    if (mu)
        *mu = 0.5 * (lo + hi);
    if (sigma)
        *sigma = width / (2.0 * Z90);
}

/* Relative position of the mode in [0, 1] and of the gap above it; 1/2 for a point mass. */
static void pert_position(const pb_dist *d, double *below, double *above)
{
    double r = d->max - d->min;
    if (r > 0) {
        *below = (d->mode - d->min) / r;
        *above = (d->max - d->mode) / r;
    } else {
        *below = *above = 0.5;
    }
}

void pb_dist_pert_shape(const pb_dist *d, double *alpha, double *beta)
{
    double below, above;
    pert_position(d, &below, &above);
    if (alpha)
        *alpha = 1.0 + d->lambda * below;
    if (beta)
        *beta = 1.0 + d->lambda * above;
}

/* ==== Beta (the PERT shape on [0, 1]) ==== */

static double beta_mean(double a, double b)
{
    return a / (a + b);
}

/* Written so that huge shapes (a * b overflowing) still give a finite answer. */
static double beta_sd(double a, double b)
{
    double s = a + b;
    return sqrt((a / s) * (b / s) / (s + 1.0));
}

/*
 * Beyond this alpha + beta (lambda above about a million: a spike at the
 * mode, sd below 1/2000 of the range) GSL's incomplete beta starts failing
 * and its inverse can loop forever, so the beta is replaced by the normal of
 * the same mean and sd, clamped to [0, 1]: off by about 1e-6 of the range.
 */
#define BETA_NORMAL_ABOVE 1e6

static double beta_normal_quantile(double a, double b, double u)
{
    double x = beta_mean(a, b) + beta_sd(a, b) * gsl_cdf_ugaussian_Pinv(u);
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

static double beta_normal_cdf(double a, double b, double x)
{
    return gsl_cdf_ugaussian_P((x - beta_mean(a, b)) / beta_sd(a, b));
}

/*
 * Beta quantile by Newton steps on the CDF, kept inside a shrinking bracket
 * (bisection when a step leaves it), for when GSL's inverse does not
 * converge. Above the median it works on the upper tail so that 1 - u keeps
 * its digits.
 */
static double beta_solve(double a, double b, double u)
{
    int upper = u > 0.5;
    double target = upper ? 1.0 - u : u;
    double lo = 0.0, hi = 1.0, x = beta_mean(a, b);
    for (int i = 0; i < 400; i++) {
        double p = upper ? gsl_cdf_beta_Q(x, a, b) : gsl_cdf_beta_P(x, a, b);
        if (isnan(p))
            return beta_normal_quantile(a, b, u);
        double excess = upper ? target - p : p - target; /* > 0: x is too high */
        if (excess == 0)
            return x;
        if (excess > 0)
            hi = x;
        else
            lo = x;
        double pdf = gsl_ran_beta_pdf(x, a, b);
        double next = pdf > 0 && isfinite(pdf) ? x - excess / pdf : NAN;
        if (!(next > lo && next < hi))
            next = lo + 0.5 * (hi - lo);
        if (fabs(next - x) <= 1e-15 * x || next <= lo || next >= hi)
            return next;
        x = next;
    }
    return x;
}

static double beta_quantile(double a, double b, double u)
{
    if (!(u > 0))
        return 0.0;
    if (u >= 1)
        return 1.0;
    /* closed forms: exact and fast at the ends of the PERT family */
    if (a == 1.0)
        return -expm1(log1p(-u) / b);
    if (b == 1.0)
        return pow(u, 1.0 / a);
    if (a + b > BETA_NORMAL_ABOVE)
        return beta_normal_quantile(a, b, u);
    double x = u <= 0.5 ? gsl_cdf_beta_Pinv(u, a, b) : gsl_cdf_beta_Qinv(1.0 - u, a, b);
    if (x >= 0 && x <= 1)
        return x;
    return beta_solve(a, b, u);
}

static double beta_cdf(double a, double b, double x)
{
    if (!(x > 0))
        return 0.0;
    if (x >= 1)
        return 1.0;
    if (a == 1.0)
        return -expm1(b * log1p(-x));
    if (b == 1.0)
        return pow(x, a);
    if (a + b > BETA_NORMAL_ABOVE)
        return beta_normal_cdf(a, b, x);
    double p = gsl_cdf_beta_P(x, a, b);
    if (p >= 0 && p <= 1)
        return p;
    return beta_normal_cdf(a, b, x);
}

/* ==== Truncated normal ==== */

/*
 * Inverse Mills ratio phi(t) / Q(t), the mean of a standard normal truncated
 * to [t, inf). GSL's hazard function is accurate in both tails.
 */
static double mills(double t)
{
    double h = gsl_sf_hazard(t);
    if (isfinite(h) && h >= 0)
        return h;
    return exp(-0.5 * t * t) / SQRT_2PI / gsl_cdf_ugaussian_Q(t);
}

/* Mean and sd of the standard normal truncated to [t0, inf). */
static void trunc_moments(double t0, double *mean, double *sd)
{
    double h = mills(t0);
    double var = 1.0 - h * (h - t0);
    *mean = h;
    *sd = var > 0 ? sqrt(var) : 0.0;
}

/*
 * Quantile of the standard normal truncated to [t0, inf) for u in [0, 1]:
 * Phi^-1(Phi(t0) + u Q(t0)). Below the median it uses the lower tail, above
 * it the upper tail Q^-1((1 - u) Q(t0)), so both ends keep their relative
 * precision whatever the sign and size of t0. Never below t0.
 */
double pb__trunc_z(double t0, double u)
{
    if (!(u > 0))
        return t0;
    if (u >= 1)
        return INFINITY;
    double lower = gsl_cdf_ugaussian_P(t0), upper = gsl_cdf_ugaussian_Q(t0);
    double p = lower + u * upper;
    double z = p < 0.5 ? gsl_cdf_ugaussian_Pinv(p) : gsl_cdf_ugaussian_Qinv((1.0 - u) * upper);
    return z >= t0 ? z : t0;
}

/* P(Z <= z) for the standard normal truncated to [t0, inf). */
static double trunc_cdf(double t0, double z)
{
    if (!(z > t0))
        return 0.0;
    double upper = gsl_cdf_ugaussian_Q(t0);
    double p;
    if (z <= 0)
        p = (gsl_cdf_ugaussian_P(z) - gsl_cdf_ugaussian_P(t0)) / upper;
    else
        p = 1.0 - gsl_cdf_ugaussian_Q(z) / upper;
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

/* ==== Moments, quantiles, CDFs ==== */

double pb_dist_mean(const pb_dist *d)
{
    double a, b, mu, sigma, m, s;
    switch (d->kind) {
    case PB_DIST_FIXED:
        return d->value;
    case PB_DIST_PERT:
        pb_dist_pert_shape(d, &a, &b);
        return d->min + (d->max - d->min) * beta_mean(a, b);
    case PB_DIST_TRIANGULAR:
        return (d->min + d->mode + d->max) / 3.0;
    case PB_DIST_UNIFORM:
        return 0.5 * (d->min + d->max);
    case PB_DIST_LOGNORMAL:
        pb_dist_lognormal_params(d, &mu, &sigma);
        return exp(mu + 0.5 * sigma * sigma);
    case PB_DIST_NORMAL:
        trunc_moments(-d->mean / d->sd, &m, &s);
        return d->mean + d->sd * m;
    }
    return NAN;
}

double pb_dist_sd(const pb_dist *d)
{
    double a, b, mu, sigma, m, s, lo, md, hi;
    switch (d->kind) {
    case PB_DIST_FIXED:
        return 0.0;
    case PB_DIST_PERT:
        if (d->max == d->min)
            return 0.0;
        pb_dist_pert_shape(d, &a, &b);
        return (d->max - d->min) * beta_sd(a, b);
    case PB_DIST_TRIANGULAR:
        /* shifted to min for precision: variance is translation invariant */
        lo = 0.0;
        md = d->mode - d->min;
        hi = d->max - d->min;
        return sqrt((lo * lo + md * md + hi * hi - lo * md - lo * hi - md * hi) / 18.0);
    case PB_DIST_UNIFORM:
        return (d->max - d->min) / sqrt(12.0);
    case PB_DIST_LOGNORMAL:
        pb_dist_lognormal_params(d, &mu, &sigma);
        return exp(mu + 0.5 * sigma * sigma) * sqrt(expm1(sigma * sigma));
    case PB_DIST_NORMAL:
        trunc_moments(-d->mean / d->sd, &m, &s);
        return d->sd * s;
    }
    return NAN;
}

/* Triangular shape on [0, 1] with mode c: inverse of its CDF. */
static double triangle_quantile(double c, double u)
{
    return u < c ? sqrt(u * c) : 1.0 - sqrt((1.0 - u) * (1.0 - c));
}

/* min + (max - min) * s for a shape value s in [0, 1], kept inside [min, max]. */
static double affine(const pb_dist *d, double s)
{
    double x = d->min + (d->max - d->min) * s;
    return x < d->min ? d->min : x > d->max ? d->max : x;
}

double pb_dist_quantile(const pb_dist *d, double u)
{
    double a, b, mu, sigma, x;
    if (u <= 0)
        return pb_dist_lo(d);
    if (u >= 1)
        return pb_dist_hi(d);
    switch (d->kind) {
    case PB_DIST_FIXED:
        return d->value;
    case PB_DIST_PERT:
        if (d->max == d->min)
            return d->min;
        pb_dist_pert_shape(d, &a, &b);
        return affine(d, beta_quantile(a, b, u));
    case PB_DIST_TRIANGULAR:
        if (d->max == d->min)
            return d->min;
        return affine(d, triangle_quantile((d->mode - d->min) / (d->max - d->min), u));
    case PB_DIST_UNIFORM:
        return affine(d, u);
    case PB_DIST_LOGNORMAL:
        pb_dist_lognormal_params(d, &mu, &sigma);
        return exp(mu + sigma * gsl_cdf_ugaussian_Pinv(u));
    case PB_DIST_NORMAL:
        x = d->mean + d->sd * pb__trunc_z(-d->mean / d->sd, u);
        return x > 0 ? x : 0.0;
    }
    return NAN;
}

double pb_dist_cdf(const pb_dist *d, double x)
{
    double a, b, mu, sigma, r, s;
    if (isnan(x))
        return NAN;
    switch (d->kind) {
    case PB_DIST_FIXED:
        return x >= d->value ? 1.0 : 0.0;
    case PB_DIST_PERT:
    case PB_DIST_TRIANGULAR:
    case PB_DIST_UNIFORM:
        if (x < d->min)
            return 0.0;
        if (x >= d->max)
            return 1.0;
        r = d->max - d->min;
        s = (x - d->min) / r;
        if (d->kind == PB_DIST_UNIFORM)
            return s;
        if (d->kind == PB_DIST_PERT) {
            pb_dist_pert_shape(d, &a, &b);
            return beta_cdf(a, b, s);
        }
        if (x < d->mode)
            return s * ((x - d->min) / (d->mode - d->min));
        return 1.0 - (d->max - x) / r * ((d->max - x) / (d->max - d->mode));
    case PB_DIST_LOGNORMAL:
        if (!(x > 0))
            return 0.0;
        if (isinf(x))
            return 1.0;
        pb_dist_lognormal_params(d, &mu, &sigma);
        return gsl_cdf_ugaussian_P((log(x) - mu) / sigma);
    case PB_DIST_NORMAL:
        if (!(x > 0))
            return 0.0;
        return trunc_cdf(-d->mean / d->sd, (x - d->mean) / d->sd);
    }
    return NAN;
}

/* The lower (upper = false) or upper end of the support: the quantile at 0 or at 1. */
static double support_end(const pb_dist *d, bool upper)
{
    switch (d->kind) {
    case PB_DIST_FIXED:
        return d->value;
    case PB_DIST_PERT:
    case PB_DIST_TRIANGULAR:
    case PB_DIST_UNIFORM:
        return upper ? d->max : d->min;
    case PB_DIST_LOGNORMAL:
    case PB_DIST_NORMAL:
        return upper ? INFINITY : 0.0;
    }
    return NAN;
}

double pb_dist_lo(const pb_dist *d)
{
    return support_end(d, false);
}

double pb_dist_hi(const pb_dist *d)
{
    return support_end(d, true);
}
