/*
 * dist.h - the distributions an estimate can take, with exact moments,
 * quantiles and CDFs.
 *
 * A pb_dist is a plain value (no heap memory): copy it freely. These exact
 * functions are the reference the engine's fast samplers (src/model/sampler.h) are
 * tested against; they call GSL, which must have its error handler turned off
 * by the program (gsl_set_error_handler_off()). None of them returns NaN for
 * a distribution that pb_dist_validate() accepted and a u in [0, 1].
 */
#ifndef PUSHBACK_DIST_H
#define PUSHBACK_DIST_H

#include <stdbool.h>

#include <pushback/error.h>

/*
 * The distributions, one line each: X(KIND, name, n_required, (keys...)).
 *   KIND        the enum constant PB_DIST_<KIND>, in this order from 0;
 *   name        as written in a scenario: dist = "pert";
 *   n_required  how many of the keys a group must give (the rest are optional);
 *   keys        the settings of a { dist = "..."; ... } group, in the order
 *               they are read and listed in messages (fields of pb_dist).
 *   FIXED       'value'
 *   PERT        'min', 'mode', 'max', 'lambda' (4 unless given)
 *   TRIANGULAR  'min', 'mode', 'max'
 *   UNIFORM     'min', 'max'
 *   LOGNORMAL   fitted to 'p10' and 'p90'
 *   NORMAL      'mean', 'sd', truncated at 0 (left)
 *
 * To add a distribution, touch these 4 places (the compiler's -Wswitch
 * names every switch that lacks the new kind):
 *   1. its line here (enum constant, name, keys, messages; a new parameter
 *      also needs its field in pb_dist and in PARAMS in src/model/scenario_fields.c);
 *   2. its exact check, moments, quantile, CDF, support and stretch
 *      (pb_dist_stretch) in src/model/dist.c;
 *   3. its fast sampler in src/model/sampler.c (pb__sampler_init);
 *   4. its line in docs/scenario.md (the table of estimates).
 */
#define PB_DIST_LIST(X)                                    \
    X(FIXED, "fixed", 1, ("value"))                        \
    X(PERT, "pert", 3, ("min", "mode", "max", "lambda"))   \
    X(TRIANGULAR, "triangular", 3, ("min", "mode", "max")) \
    X(UNIFORM, "uniform", 2, ("min", "max"))               \
    X(LOGNORMAL, "lognormal", 2, ("p10", "p90"))           \
    X(NORMAL, "normal", 2, ("mean", "sd"))

#define PB_DIST_ENUM_(kind, name, n_required, keys) PB_DIST_##kind,
typedef enum pb_dist_kind {
    PB_DIST_LIST(PB_DIST_ENUM_)
} pb_dist_kind;
#undef PB_DIST_ENUM_

/* The number of kinds. */
#define PB_DIST_COUNT_(kind, name, n_required, keys) +1
#define PB_DIST_N_KINDS                              (0 PB_DIST_LIST(PB_DIST_COUNT_))

typedef struct pb_dist {
    pb_dist_kind kind;
    double value;          /* fixed */
    double min, mode, max; /* pert, triangular; uniform uses min and max */
    double lambda;         /* pert shape weight, > 0; 4 is the classic PERT */
    double p10, p90;       /* lognormal: 0 < p10 < p90 */
    double mean, sd;       /* normal before truncation: sd > 0 */
} pb_dist;

/* Constructors for the common forms (no validation; see pb_dist_validate). */
pb_dist pb_dist_fixed(double value);
pb_dist pb_dist_pert(double min, double mode, double max);
pb_dist pb_dist_triangular(double min, double mode, double max);
pb_dist pb_dist_uniform(double min, double max);
pb_dist pb_dist_lognormal(double p10, double p90);
pb_dist pb_dist_normal(double mean, double sd);

/*
 * Check the parameters: finite, non-negative (every estimate in a scenario is
 * a duration, effort, cost, amount or delay), min <= mode <= max, lambda > 0,
 * 0 < p10 < p90, sd > 0 and mean > -8 sd (so the truncated normal keeps
 * mass). On failure fills err->msg (code PB_ERR_INVALID, no file or line:
 * the caller adds those) with what would be valid, e.g.
 * "'mode' must be between 'min' and 'max' (2 <= mode <= 6), got 7".
 */
pb_status pb_dist_validate(const pb_dist *d, pb_error *err);

/* Name of the kind as written in a scenario: "fixed", "pert", ... */
const char *pb_dist_kind_name(pb_dist_kind kind);

/*
 * d scaled by 'b' (> 0) and its spread about its median m widened by 'w'
 * (>= 1): three-point and uniform ends move to max(0, b (m + w (x - m))),
 * fixed values and normal means scale by b, a normal sd by b w, a lognormal
 * keeps its median's ratio to p10 and p90 raised to w (calibration).
 */
pb_dist pb_dist_stretch(const pb_dist *d, double b, double w);

/* Exact mean and standard deviation (truncation included for normal). */
double pb_dist_mean(const pb_dist *d);
double pb_dist_sd(const pb_dist *d);

/*
 * Exact quantile function for u in [0, 1]. For u = 0 it returns the lower
 * end of the support; for u = 1 the upper end, which is +infinity for
 * lognormal and normal (callers that sample never pass exactly 1).
 */
double pb_dist_quantile(const pb_dist *d, double u);

/* Exact CDF: P(X <= x). */
double pb_dist_cdf(const pb_dist *d, double x);

/* Support: lowest value and highest value (+infinity when unbounded). */
double pb_dist_lo(const pb_dist *d);
double pb_dist_hi(const pb_dist *d);

/* Lognormal parameters of the fit: log-mean mu and log-sd sigma. */
void pb_dist_lognormal_params(const pb_dist *d, double *mu, double *sigma);

/* PERT beta shape parameters alpha = 1 + lambda (mode - min) / (max - min) and beta. */
void pb_dist_pert_shape(const pb_dist *d, double *alpha, double *beta);

#endif
