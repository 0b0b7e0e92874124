/*
 * test_dist.c - known answers for the exact distributions: moments from
 * probability theory, closed-form quantiles, quantile/CDF round trips for
 * every kind, the precision of the truncated normal far from its mean, and
 * every validation error with its message.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>

#include <pushback/dist.h>

#include "helpers.h"

/* Standard-normal 90% quantile. */
#define Z90 1.2815515655446004

/* Inverse Mills ratio phi(t) / Q(t), computed independently of dist.c. */
static double mills(double t)
{
    return gsl_ran_ugaussian_pdf(t) / gsl_cdf_ugaussian_Q(t);
}

/* Relative difference, for values of any size. */
static double rel(double a, double b)
{
    return fabs(a - b) / fmax(fabs(b), 1e-300);
}

/* ==== Moments and closed forms ==== */

Test(dist, pert_mean_and_variance_match_the_beta, .init = test_setup)
{
    const double lambdas[] = {4.0, 2.0, 8.0, 0.75};
    for (size_t i = 0; i < sizeof lambdas / sizeof lambdas[0]; i++) {
        pb_dist d = pb_dist_pert(2.385, 3.1, 6.7);
        double lam = lambdas[i], r = d.max - d.min;
        d.lambda = lam;
        double a = 1.0 + lam * (d.mode - d.min) / r, b = 1.0 + lam * (d.max - d.mode) / r;
        double var = r * r * a * b / ((a + b) * (a + b) * (a + b + 1.0));
        cr_assert_float_eq(pb_dist_mean(&d), (d.min + lam * d.mode + d.max) / (lam + 2.0), 1e-12);
        cr_assert_float_eq(pb_dist_sd(&d), sqrt(var), 1e-12);
        double alpha, beta;
        pb_dist_pert_shape(&d, &alpha, &beta);
        cr_assert_float_eq(alpha, a, 1e-12);
        cr_assert_float_eq(beta, b, 1e-12);
    }
}

Test(dist, pert_default_lambda_is_four, .init = test_setup)
{
    pb_dist d = pb_dist_pert(2.0, 3.0, 6.0);
    double alpha, beta;
    cr_assert_eq(d.kind, PB_DIST_PERT);
    cr_assert_float_eq(d.lambda, 4.0, 0.0);
    pb_dist_pert_shape(&d, &alpha, &beta);
    cr_assert_float_eq(alpha, 2.0, 1e-15);
    cr_assert_float_eq(beta, 4.0, 1e-15);
    cr_assert_float_eq(pb_dist_mean(&d), 20.0 / 6.0, 1e-14);
}

Test(dist, pert_with_alpha_one_has_closed_form_quantile, .init = test_setup)
{
    /* mode == min: beta(1, 1 + lambda), F(x) = 1 - (1 - x)^b */
    pb_dist d = pb_dist_pert(1.0, 1.0, 4.0);
    for (double u = 0.0125; u < 1.0; u += 0.0625) {
        double x = 1.0 + 3.0 * (1.0 - pow(1.0 - u, 1.0 / 5.0));
        cr_assert_float_eq(pb_dist_quantile(&d, u), x, 1e-13);
        cr_assert_float_eq(pb_dist_cdf(&d, x), u, 1e-13);
    }
}

Test(dist, pert_with_min_equal_max_is_a_point_mass, .init = test_setup)
{
    pb_dist d = pb_dist_pert(3.75, 3.75, 3.75);
    pb_error err;
    cr_assert_eq(pb_dist_validate(&d, &err), PB_OK);
    cr_assert_float_eq(pb_dist_mean(&d), 3.75, 0.0);
    cr_assert_float_eq(pb_dist_sd(&d), 0.0, 0.0);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.0), 3.75, 0.0);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.3), 3.75, 0.0);
    cr_assert_float_eq(pb_dist_quantile(&d, 1.0), 3.75, 0.0);
    cr_assert_float_eq(pb_dist_cdf(&d, 3.7), 0.0, 0.0);
    cr_assert_float_eq(pb_dist_cdf(&d, 3.75), 1.0, 0.0);
}

Test(dist, triangular_moments_and_quantiles_are_closed_form, .init = test_setup)
{
    double a = 1.5, c = 2.2, b = 4.9;
    pb_dist d = pb_dist_triangular(a, c, b);
    double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    cr_assert_float_eq(pb_dist_mean(&d), (a + b + c) / 3.0, 1e-14);
    cr_assert_float_eq(pb_dist_sd(&d), sqrt(var), 1e-14);
    double fc = (c - a) / (b - a);
    cr_assert_float_eq(pb_dist_cdf(&d, c), fc, 1e-14);
    cr_assert_float_eq(pb_dist_quantile(&d, fc), c, 1e-12);
    for (double u = 0.01; u < 1.0; u += 0.049) {
        double x = u < fc ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c));
        cr_assert_float_eq(pb_dist_quantile(&d, u), x, 1e-12);
        cr_assert_float_eq(pb_dist_cdf(&d, x), u, 1e-12);
    }
}

Test(dist, triangular_with_mode_at_an_end_has_no_nan, .init = test_setup)
{
    pb_dist lo = pb_dist_triangular(2.0, 2.0, 5.0), hi = pb_dist_triangular(2.0, 5.0, 5.0);
    cr_assert_float_eq(pb_dist_cdf(&lo, 2.0), 0.0, 1e-15);
    cr_assert_float_eq(pb_dist_cdf(&lo, 3.5), 0.75, 1e-14);
    cr_assert_float_eq(pb_dist_cdf(&hi, 5.0), 1.0, 1e-15);
    cr_assert_float_eq(pb_dist_cdf(&hi, 3.5), 0.25, 1e-14);
    cr_assert_float_eq(pb_dist_quantile(&lo, 0.75), 3.5, 1e-12);
    cr_assert_float_eq(pb_dist_quantile(&hi, 0.25), 3.5, 1e-12);
}

Test(dist, uniform_is_linear, .init = test_setup)
{
    pb_dist d = pb_dist_uniform(0.75, 3.25);
    cr_assert_float_eq(pb_dist_mean(&d), 2.0, 1e-15);
    cr_assert_float_eq(pb_dist_sd(&d), 2.5 / sqrt(12.0), 1e-15);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.3), 1.5, 1e-15);
    cr_assert_float_eq(pb_dist_cdf(&d, 2.5), 0.7, 1e-15);
    cr_assert_float_eq(pb_dist_cdf(&d, 0.5), 0.0, 0.0);
    cr_assert_float_eq(pb_dist_cdf(&d, 4.0), 1.0, 0.0);
}

Test(dist, fixed_is_a_point_mass, .init = test_setup)
{
    pb_dist d = pb_dist_fixed(2.385);
    cr_assert_float_eq(pb_dist_mean(&d), 2.385, 0.0);
    cr_assert_float_eq(pb_dist_sd(&d), 0.0, 0.0);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.0), 2.385, 0.0);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.71), 2.385, 0.0);
    cr_assert_float_eq(pb_dist_quantile(&d, 1.0), 2.385, 0.0);
    cr_assert_float_eq(pb_dist_cdf(&d, 2.384), 0.0, 0.0);
    cr_assert_float_eq(pb_dist_cdf(&d, 2.385), 1.0, 0.0);
    cr_assert_float_eq(pb_dist_lo(&d), 2.385, 0.0);
    cr_assert_float_eq(pb_dist_hi(&d), 2.385, 0.0);
}

Test(dist, lognormal_passes_through_p10_and_p90, .init = test_setup)
{
    pb_dist d = pb_dist_lognormal(2.3, 9.7);
    double mu, sigma;
    pb_dist_lognormal_params(&d, &mu, &sigma);
    cr_assert_float_eq(mu, 0.5 * (log(2.3) + log(9.7)), 1e-14);
    cr_assert_float_eq(sigma, (log(9.7) - log(2.3)) / (2.0 * Z90), 1e-14);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.1), 2.3, 1e-12);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.9), 9.7, 1e-12);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.5), sqrt(2.3 * 9.7), 1e-12);
    cr_assert_float_eq(pb_dist_cdf(&d, 2.3), 0.1, 1e-13);
    cr_assert_float_eq(pb_dist_cdf(&d, 9.7), 0.9, 1e-13);
    double mean = exp(mu + 0.5 * sigma * sigma);
    cr_assert_float_eq(pb_dist_mean(&d), mean, 1e-12);
    cr_assert_float_eq(pb_dist_sd(&d), mean * sqrt(exp(sigma * sigma) - 1.0), 1e-12);
}

Test(dist, lognormal_keeps_precision_for_close_percentiles, .init = test_setup)
{
    pb_dist d = pb_dist_lognormal(100.0, 100.001);
    double sigma;
    pb_dist_lognormal_params(&d, NULL, &sigma);
    /* the difference of two logs near 4.6 would keep only about 10 digits */
    long double width = logl((long double)d.p90) - logl((long double)d.p10);
    cr_assert(rel(sigma, (double)(width / (2.0L * Z90))) < 1e-13, "sigma %.17g", sigma);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.9), 100.001, 1e-10);
}

Test(dist, truncated_normal_mean_uses_the_inverse_mills_ratio, .init = test_setup)
{
    const double means[] = {1.2, 0.0, -0.7, -3.1, 2.385};
    const double sd = 1.7;
    for (size_t i = 0; i < sizeof means / sizeof means[0]; i++) {
        pb_dist d = pb_dist_normal(means[i], sd);
        double t0 = -means[i] / sd, h = mills(t0);
        cr_assert(rel(pb_dist_mean(&d), means[i] + sd * h) < 1e-12, "mean %g", means[i]);
        cr_assert(rel(pb_dist_sd(&d), sd * sqrt(1.0 + t0 * h - h * h)) < 1e-10, "mean %g",
                  means[i]);
    }
}

Test(dist, half_normal_has_known_moments, .init = test_setup)
{
    pb_dist d = pb_dist_normal(0.0, 2.5);
    cr_assert_float_eq(pb_dist_mean(&d), 2.5 * sqrt(2.0 / M_PI), 1e-14);
    cr_assert_float_eq(pb_dist_sd(&d), 2.5 * sqrt(1.0 - 2.0 / M_PI), 1e-14);
    /* median of |Z|: Phi^-1(3/4) */
    cr_assert_float_eq(pb_dist_quantile(&d, 0.5), 2.5 * gsl_cdf_ugaussian_Pinv(0.75), 1e-13);
}

Test(dist, normal_far_above_zero_is_untruncated, .init = test_setup)
{
    pb_dist d = pb_dist_normal(40.0, 1.5);
    cr_assert_float_eq(pb_dist_mean(&d), 40.0, 1e-12);
    cr_assert_float_eq(pb_dist_sd(&d), 1.5, 1e-12);
    cr_assert_float_eq(pb_dist_quantile(&d, 0.975), 40.0 + 1.5 * 1.959963984540054, 1e-12);
    cr_assert_float_eq(pb_dist_quantile(&d, 1e-12), 40.0 - 1.5 * 7.034483825301131, 1e-9);
}

Test(dist, normal_far_below_zero_keeps_precision, .init = test_setup)
{
    /* t0 = 7.5: P(t0) rounds to 1, so only the upper tail can see the shape */
    pb_dist d = pb_dist_normal(-7.5 * 2.0, 2.0);
    double t0 = 7.5, h = mills(t0);
    cr_assert(rel(pb_dist_mean(&d), 2.0 * (h - t0)) < 1e-9);
    cr_assert(rel(pb_dist_sd(&d), 2.0 * sqrt(1.0 + t0 * h - h * h)) < 1e-6);
    /* excess over t0 is nearly exponential with rate t0: median ln 2 / t0 */
    double median = pb_dist_quantile(&d, 0.5);
    cr_assert(rel(median, 2.0 * log(2.0) / t0) < 0.03, "median %g", median);
    double z = gsl_cdf_ugaussian_Qinv(0.5 * gsl_cdf_ugaussian_Q(t0));
    cr_assert(rel(median, 2.0 * (z - t0)) < 1e-9);
    cr_assert_float_eq(pb_dist_cdf(&d, median), 0.5, 1e-9);
    for (double u = 0.05; u < 1.0; u += 0.1)
        cr_assert_float_eq(pb_dist_cdf(&d, pb_dist_quantile(&d, u)), u, 1e-9);
}

Test(dist, support_ends_are_the_quantiles_at_zero_and_one, .init = test_setup)
{
    pb_dist ds[] = {pb_dist_pert(2.0, 3.0, 6.0), pb_dist_triangular(1.5, 2.2, 4.9),
                    pb_dist_uniform(0.75, 3.25), pb_dist_lognormal(2.3, 9.7),
                    pb_dist_normal(1.2, 1.7)};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        cr_assert_eq(pb_dist_quantile(&ds[i], 0.0), pb_dist_lo(&ds[i]));
        cr_assert_eq(pb_dist_quantile(&ds[i], 1.0), pb_dist_hi(&ds[i]));
    }
    cr_assert(isinf(pb_dist_hi(&ds[3])) && isinf(pb_dist_hi(&ds[4])));
    cr_assert_float_eq(pb_dist_lo(&ds[3]), 0.0, 0.0);
    cr_assert_float_eq(pb_dist_lo(&ds[4]), 0.0, 0.0);
}

Test(dist, quantile_and_cdf_round_trip_for_every_kind, .init = test_setup)
{
    pb_dist ds[] = {pb_dist_pert(2.0, 3.0, 6.0),     pb_dist_pert(0.5, 3.9, 4.0),
                    pb_dist_pert(1.0, 1.0, 4.0),     pb_dist_triangular(1.5, 2.2, 4.9),
                    pb_dist_uniform(0.75, 3.25),     pb_dist_lognormal(2.3, 9.7),
                    pb_dist_lognormal(0.01, 1000.0), pb_dist_normal(1.2, 1.7),
                    pb_dist_normal(-13.0, 2.0),      pb_dist_normal(1e6, 3.0)};
    ds[1].lambda = 8.0;
    const double us[] = {1e-9, 1e-6, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1 - 1e-6, 1 - 1e-9};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        pb_error err;
        cr_assert_eq(pb_dist_validate(&ds[i], &err), PB_OK, "%zu: %s", i, err.msg);
        double prev = -1.0;
        for (size_t j = 0; j < sizeof us / sizeof us[0]; j++) {
            double x = pb_dist_quantile(&ds[i], us[j]);
            cr_assert(isfinite(x) && x >= prev, "%zu at %g", i, us[j]);
            cr_assert_float_eq(pb_dist_cdf(&ds[i], x), us[j], 1e-9 + 1e-9 * us[j], "%zu at %g", i,
                               us[j]);
            prev = x;
        }
    }
}

Test(dist, no_nan_for_extreme_valid_parameters, .init = test_setup)
{
    const double lambdas[] = {1e-9, 0.01, 50.0, 1e3, 1e5, 1e7, 1e12};
    const double modes[] = {0.0, 1e-6, 0.3, 0.999, 1.0};
    const double us[] = {0.0, 1e-300, 1e-12, 0.02, 0.5, 0.97, 1 - 1e-12, 1.0};
    for (size_t i = 0; i < sizeof lambdas / sizeof lambdas[0]; i++) {
        for (size_t j = 0; j < sizeof modes / sizeof modes[0]; j++) {
            pb_dist d = pb_dist_pert(2.0, 2.0 + 4.0 * modes[j], 6.0);
            d.lambda = lambdas[i];
            cr_assert(isfinite(pb_dist_mean(&d)) && isfinite(pb_dist_sd(&d)));
            for (size_t k = 0; k < sizeof us / sizeof us[0]; k++) {
                double x = pb_dist_quantile(&d, us[k]);
                cr_assert(x >= 2.0 && x <= 6.0, "lambda %g mode %g u %g: %g", lambdas[i], modes[j],
                          us[k], x);
                cr_assert(!isnan(pb_dist_cdf(&d, x)));
            }
        }
    }
    pb_dist ns[] = {pb_dist_normal(-7.999, 1.0), pb_dist_normal(1e300, 1.0),
                    pb_dist_normal(1e-300, 1e-300), pb_dist_lognormal(1e-300, 1e300)};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        pb_error err;
        cr_assert_eq(pb_dist_validate(&ns[i], &err), PB_OK, "%zu: %s", i, err.msg);
        cr_assert(!isnan(pb_dist_mean(&ns[i])) && !isnan(pb_dist_sd(&ns[i])));
        for (size_t k = 0; k < sizeof us / sizeof us[0]; k++) {
            double x = pb_dist_quantile(&ns[i], us[k]);
            cr_assert(x >= 0.0 && !isnan(pb_dist_cdf(&ns[i], x)), "%zu u %g: %g", i, us[k], x);
        }
    }
}

Test(dist, kinds_have_scenario_names, .init = test_setup)
{
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_FIXED), "fixed");
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_PERT), "pert");
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_TRIANGULAR), "triangular");
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_UNIFORM), "uniform");
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_LOGNORMAL), "lognormal");
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_NORMAL), "normal");
    cr_assert_str_eq(pb_dist_kind_name((pb_dist_kind)42), "unknown");
}

/* ==== Validation ==== */

/* Validate 'd' expecting failure with a message containing 'want'. */
static void expect_invalid(pb_dist d, const char *want)
{
    pb_error err;
    pb_error_clear(&err);
    cr_assert_eq(pb_dist_validate(&d, &err), PB_ERR_INVALID, "accepted, wanted '%s'", want);
    cr_assert_eq(err.code, PB_ERR_INVALID);
    cr_assert_str_eq(err.file, "");
    cr_assert_eq(err.line, 0);
    cr_assert(strstr(err.msg, want), "message '%s' lacks '%s'", err.msg, want);
}

Test(dist, valid_parameters_pass, .init = test_setup)
{
    pb_dist ds[] = {pb_dist_fixed(0.0),          pb_dist_pert(0.0, 0.0, 0.0),
                    pb_dist_pert(2.0, 6.0, 6.0), pb_dist_triangular(1.5, 1.5, 4.9),
                    pb_dist_uniform(3.0, 3.0),   pb_dist_lognormal(1e-3, 2e-3),
                    pb_dist_normal(-15.9, 2.0),  pb_dist_normal(0.0, 0.5)};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        pb_error err;
        cr_assert_eq(pb_dist_validate(&ds[i], &err), PB_OK, "%zu: %s", i, err.msg);
    }
}

Test(dist, mode_outside_the_range_is_rejected, .init = test_setup)
{
    expect_invalid(pb_dist_pert(2.0, 7.0, 6.0),
                   "'mode' must be between 'min' and 'max' (2 <= mode <= 6), got 7");
    expect_invalid(pb_dist_triangular(2.0, 1.5, 6.0),
                   "'mode' must be between 'min' and 'max' (2 <= mode <= 6), got 1.5");
}

Test(dist, min_above_max_is_rejected, .init = test_setup)
{
    expect_invalid(pb_dist_uniform(6.0, 2.0), "'min' must not exceed 'max', got min = 6, max = 2");
    expect_invalid(pb_dist_pert(6.0, 4.0, 2.0), "'min' must not exceed 'max'");
}

Test(dist, negative_or_non_finite_values_are_rejected, .init = test_setup)
{
    expect_invalid(pb_dist_pert(-1.0, 3.0, 6.0), "'min' must be finite and >= 0, got -1");
    expect_invalid(pb_dist_triangular(1.0, NAN, 6.0), "'mode' must be finite and >= 0, got nan");
    expect_invalid(pb_dist_uniform(1.0, INFINITY), "'max' must be finite and >= 0, got inf");
    expect_invalid(pb_dist_fixed(-0.25), "'value' must be finite and >= 0, got -0.25");
}

Test(dist, non_positive_lambda_is_rejected, .init = test_setup)
{
    pb_dist d = pb_dist_pert(2.0, 3.0, 6.0);
    d.lambda = 0.0;
    expect_invalid(d, "'lambda' must be finite and > 0, got 0");
    d.lambda = INFINITY;
    expect_invalid(d, "'lambda' must be finite and > 0, got inf");
}

Test(dist, lognormal_percentiles_must_be_ordered_and_positive, .init = test_setup)
{
    expect_invalid(pb_dist_lognormal(5.0, 3.0), "'p10' must be below 'p90', got p10 = 5, p90 = 3");
    expect_invalid(pb_dist_lognormal(4.0, 4.0), "'p10' must be below 'p90'");
    expect_invalid(pb_dist_lognormal(0.0, 3.0), "'p10' must be finite and > 0, got 0");
    expect_invalid(pb_dist_lognormal(1.0, INFINITY), "'p90' must be finite and > 0, got inf");
}

Test(dist, normal_needs_positive_sd_and_mass_above_zero, .init = test_setup)
{
    expect_invalid(pb_dist_normal(3.0, 0.0), "'sd' must be finite and > 0, got 0");
    expect_invalid(pb_dist_normal(3.0, -1.5), "'sd' must be finite and > 0, got -1.5");
    expect_invalid(pb_dist_normal(NAN, 1.0), "'mean' must be finite, got nan");
    expect_invalid(pb_dist_normal(-20.0, 2.0),
                   "'mean' must be above -8 'sd' (mean > -16), got -20");
    expect_invalid(pb_dist_normal(-16.0, 2.0), "got -16");
}

Test(dist, unknown_kind_is_rejected, .init = test_setup)
{
    pb_dist d = pb_dist_fixed(1.0);
    d.kind = (pb_dist_kind)42;
    expect_invalid(d, "unknown distribution kind 42");
}
