/*
 * test_calibrate.c - the fit of past estimates against actuals: a synthetic
 * history with known bias and spread is recovered within its intervals,
 * ranges that always held need no widening, too little history is flagged,
 * and calibration moves and widens estimates as documented.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <pushback/pushback.h>

#include "helpers.h"

static pb_calibration *history(size_t n)
{
    pb_calibration *c = calloc(1, sizeof *c);
    c->pairs = calloc(n, sizeof *c->pairs);
    c->file = strdup("history");
    c->n_pairs = n;
    return c;
}

/* Actuals drawn as median x 1.3 x exp(0.25 z): the fit finds 1.3 and 0.25 in its intervals,
   and within 5 standard errors (sd / sqrt(n) in logs for the bias, sd / sqrt(2 (n - 1))
   for the spread). */
Test(calibrate, a_synthetic_history_recovers_its_bias_and_spread, .init = test_setup)
{
    const size_t n = 400;
    const double bias = 1.3, sigma = 0.25;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 42);
    pb_calibration *c = history(n);
    for (size_t i = 0; i < n; i++) {
        double m = 2.0 + 20.0 * gsl_rng_uniform(g);
        c->pairs[i].estimate = pb_dist_triangular(0.6 * m, m, 1.4 * m); /* median m */
        c->pairs[i].actual = m * bias * exp(sigma * gsl_ran_gaussian(g, 1.0));
    }
    pb_calib_fit f;
    pb_error e;
    cr_assert_eq(pb_calibration_fit(c, &f, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(f.n, n);
    cr_assert(!f.few);
    cr_assert(f.bias.lo <= bias && bias <= f.bias.hi, "%g not in [%g, %g]", bias, f.bias.lo,
              f.bias.hi);
    cr_assert(f.spread.lo <= sigma && sigma <= f.spread.hi, "%g not in [%g, %g]", sigma,
              f.spread.lo, f.spread.hi);
    cr_assert_float_eq(log(f.bias.value), log(bias), 5 * sigma / sqrt((double)n));
    cr_assert_float_eq(f.spread.value, sigma, 5 * sigma / sqrt(2.0 * (double)(n - 1)));
    /* ranges of +-40% around a median 30% short hold few actuals: widen well beyond 1 */
    cr_assert(f.coverage.value < 0.9 && f.widen > 1.0, "coverage %g widen %g", f.coverage.value,
              f.widen);
    pb_calibration_free(c);
    gsl_rng_free(g);
}

Test(calibrate, ranges_that_always_held_need_no_widening, .init = test_setup)
{
    pb_calibration *c = history(6);
    const double a[] = {4.0, 9.9, 6.0, 5.0, 7.5, 4.1};
    for (size_t i = 0; i < 6; i++) {
        c->pairs[i].estimate = pb_dist_pert(4.0, 6.0, 10.0);
        c->pairs[i].actual = a[i];
    }
    pb_calib_fit f;
    pb_error e;
    cr_assert_eq(pb_calibration_fit(c, &f, &e), PB_OK);
    cr_assert_eq(f.coverage.value, 1.0);
    cr_assert(f.widen <= 1.0, "%g", f.widen);
    /* 4.0 sits on the lower end (needs exactly 1), 9.9 needs (9.9 - m) / (10 - m) < 1 and is
       the next: the 0.9 quantile of the six (h = 4.5) lies halfway between the two */
    double m = pb_dist_quantile(&c->pairs[0].estimate, 0.5), w = (9.9 - m) / (10.0 - m);
    cr_assert_float_eq(f.widen, w + 0.5 * (1.0 - w), 1e-12);
    pb_calibration_free(c);
}

Test(calibrate, too_little_history_is_said_and_shows_in_the_interval, .init = test_setup)
{
    pb_calibration *c = history(3);
    const double a[] = {7.0, 9.0, 8.0};
    for (size_t i = 0; i < 3; i++) {
        c->pairs[i].estimate = pb_dist_fixed(6.0);
        c->pairs[i].actual = a[i];
    }
    pb_calib_fit f;
    pb_error e;
    cr_assert_eq(pb_calibration_fit(c, &f, &e), PB_OK);
    cr_assert(f.few);
    cr_assert_float_eq(f.bias.value, cbrt(7.0 * 9.0 * 8.0) / 6.0, 1e-12);
    cr_assert(f.bias.hi / f.bias.lo > 1.3, "three pairs cannot pin the bias down");
    cr_assert_eq(f.coverage.value, 0.0, "a point estimate holds no actual but itself");
    cr_assert(isnan(f.widen), "no range to widen: %g", f.widen);
    c->n_pairs = 0;
    cr_assert_eq(pb_calibration_fit(c, &f, &e), PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "no calibration pairs"), "%s", e.msg);
    pb_calibration_free(c);
}

/* uniform [2, 6] (median 4) with bias 1.5 and widening 2: 1.5 x (4 + 2 (x - 4)), at least 0. */
Test(calibrate, calibration_moves_the_median_and_widens_the_range, .init = test_setup)
{
    pb_calib_fit f = {.bias = {1.5, 1.4, 1.6}, .widen = 2.0};
    pb_dist d = pb_dist_uniform(2.0, 6.0), o = pb_calibration_apply_dist(&f, &d);
    cr_assert_float_eq(o.min, 0.0, 1e-12);
    cr_assert_float_eq(o.max, 12.0, 1e-12);
    d = pb_dist_lognormal(2.0, 8.0);
    o = pb_calibration_apply_dist(&f, &d);
    cr_assert_float_eq(pb_dist_quantile(&o, 0.5), 1.5 * 4.0, 1e-9);
    cr_assert_float_eq(o.p90 / pb_dist_quantile(&o, 0.5), 4.0, 1e-9, "log-sd doubled");
    f.widen = 0.5; /* never narrowed */
    d = pb_dist_fixed(3.0);
    cr_assert_float_eq(pb_calibration_apply_dist(&f, &d).value, 4.5, 1e-12);
}

static const char *SCEN = "version = 1;\n"
                          "milestones = ( { id = \"a\"; duration = 4.0; source = \"data\"; },\n"
                          "  { id = \"b\"; after = \"a\"; duration = 6.0; source = \"expert\"; },\n"
                          "  { id = \"c\"; after = \"b\"; duration = 2.0; } );\n"
                          "calibration = ( { estimate = [4.0, 6.0, 8.0]; actual = 9.0; },\n"
                          "  { estimate = 2.0; actual = 3.0; } );\n";

/* 'data' estimates are left alone; 'expert' and unsourced ones are calibrated. */
Test(calibrate, data_estimates_are_left_alone, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL, *c = NULL;
    pb_calibration *k = NULL;
    const char **src = NULL;
    cr_assert_eq(pb_scenario_parse(SCEN, "c.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_calibration_parse(SCEN, "c.cfg", &k, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(k->n_pairs, 2);
    cr_assert_eq(pb_calibration_sources(s, SCEN, "c.cfg", &src, &e), PB_OK, "%s", e.msg);
    pb_calib_fit f;
    cr_assert_eq(pb_calibration_fit(k, &f, &e), PB_OK);
    cr_assert_float_eq(f.bias.value, 1.5, 1e-12);
    cr_assert_eq(pb_calibration_apply(s, &f, src, &c, &e), PB_OK, "%s", e.msg);
    cr_assert_float_eq(c->milestones[0].duration.value, 4.0, 0);
    cr_assert_float_eq(c->milestones[1].duration.value, 9.0, 1e-12);
    cr_assert_float_eq(c->milestones[2].duration.value, 3.0, 1e-12);
    free(src);
    pb_scenario_free(c);
    pb_scenario_free(s);
    pb_calibration_free(k);
}

Test(calibrate, bad_pairs_name_the_line, .init = test_setup)
{
    pb_error e;
    pb_calibration *k = NULL;
    cr_assert_eq(pb_calibration_parse("version = 1;\ncalibration = (\n  { estimate = [4.0, 6.0, "
                                      "8.0]; actual = 0.0; } );\n",
                                      "c.cfg", &k, &e),
                 PB_ERR_INVALID);
    cr_assert_eq(e.line, 3);
    cr_assert(strstr(e.msg, "'actual' must be > 0"), "%s", e.msg);
    cr_assert_eq(pb_calibration_parse("version = 1;\ncalibration = (\n  { estimate = [4.0, 6.0, "
                                      "8.0]; } );\n",
                                      "c.cfg", &k, &e),
                 PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "needs 'actual'"), "%s", e.msg);
    char path[128];
    snprintf(path, sizeof path, "/tmp/pushback-test-calib-%d.csv", (int)getpid());
    FILE *fp = fopen(path, "w");
    fputs("low,likely,high,actual\n4,6,8,9\n5,4,8,9\n", fp);
    fclose(fp);
    cr_assert_eq(pb_calibration_parse("version = 1;\n", "c.cfg", &k, &e), PB_OK);
    cr_assert_eq(pb_calibration_read_csv(k, path, &e), PB_ERR_INVALID);
    cr_assert_eq(e.line, 3);
    cr_assert_eq(k->n_pairs, 1);
    remove(path);
    pb_calibration_free(k);
}

/* Five past projects, actual / estimate 22/17, 16/13, 27/20, 13/12, 25/18; sorted, the 0.8
   quantile is at h = 3.2: 27/20 + 0.2 (25/18 - 27/20). Entries without 'estimate' are not in
   the class. */
Test(calibrate, the_outside_view_uplift_is_the_quantile_of_actual_over_estimate, .init = test_setup)
{
    static const char *T = "version = 1;\nmilestones = ( { id = \"a\"; duration = 1.0; } );\n"
                           "history = ( { name = \"a\"; duration = 22.0; estimate = 17.0; },\n"
                           "  { name = \"b\"; duration = 16.0; estimate = 13.0; },\n"
                           "  { name = \"c\"; duration = 27.0; estimate = 20.0; },\n"
                           "  { name = \"d\"; duration = 13.0; estimate = 12.0; },\n"
                           "  { name = \"e\"; duration = 25.0; estimate = 18.0; },\n"
                           "  { name = \"f\"; duration = 30.0; } );\n";
    pb_error e;
    pb_outside o;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(T, "o.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_outside_view(T, "o.cfg", 0.8, &o, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(o.n, 5);
    cr_assert(!o.few);
    cr_assert_float_eq(o.uplift, 27.0 / 20 + 0.2 * (25.0 / 18 - 27.0 / 20), 1e-12);
    cr_assert_eq(pb_outside_view(T, "o.cfg", 0.5, &o, &e), PB_OK);
    cr_assert_float_eq(o.uplift, 22.0 / 17, 1e-12, "the median of the five");
    cr_assert_eq(pb_outside_view("version = 1;\nhistory = ( { name = \"a\"; duration = 2.0;\n"
                                 "  estimate = 0.0; } );\n",
                                 "o.cfg", 0.8, &o, &e),
                 PB_ERR_INVALID);
    cr_assert_eq(e.line, 3);
    cr_assert_eq(pb_outside_view("version = 1;\n", "o.cfg", 0.8, &o, &e), PB_OK);
    cr_assert(o.n == 0 && isnan(o.uplift));
    pb_scenario_free(s);
}
