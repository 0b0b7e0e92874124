/*
 * helpers.h - shared test helpers: paths to fixtures and statistical
 * tolerances derived from the sample size.
 */
#ifndef PUSHBACK_TEST_HELPERS_H
#define PUSHBACK_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/pushback.h>

/* Path of tests/data/NAME (tests run from the repository root). */
const char *test_data(const char *name);

/* Turns GSL's abort-on-error handler off; used as every suite's .init. */
void test_setup(void);

/*
 * Tolerance for a sample mean of n draws with standard deviation sd:
 * 5 standard errors (a false alarm about once in 1.7 million runs; with
 * fixed seeds the tests are deterministic anyway).
 */
double tol_mean(double sd, size_t n);

/*
 * Tolerance for the p-quantile of n draws from a distribution whose density
 * at that quantile is f: 5 sqrt(p (1 - p) / n) / f.
 */
double tol_quantile(double p, double f, size_t n);

/*
 * Simulate scenario s with n iterations at 'seed' on 'threads' threads,
 * keeping the per-iteration samples when 'keep', asserting that every step
 * succeeds. The compiled plan is freed before returning: the result's
 * milestone ids point into it and must not be read. The caller frees the
 * result.
 */
pb_result *test_run(const pb_scenario *s, size_t n, uint64_t seed, unsigned threads, bool keep);

/* test_run on the scenario parsed from 'text' (asserting that it loads). */
pb_result *test_run_text(const char *text, size_t n, uint64_t seed, unsigned threads, bool keep);

#endif
