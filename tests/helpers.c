/*
 * helpers.c - see helpers.h.
 */
#include "helpers.h"

#include <math.h>
#include <stdio.h>

#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>

const char *test_data(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "tests/data/%s", name);
    return buf[k];
}

void test_setup(void)
{
    gsl_set_error_handler_off();
}

double tol_mean(double sd, size_t n)
{
    return 5.0 * sd / sqrt((double)n);
}

double tol_quantile(double p, double f, size_t n)
{
    return 5.0 * sqrt(p * (1.0 - p) / (double)n) / f;
}

pb_result *test_run(const pb_scenario *s, size_t n, uint64_t seed, unsigned threads, bool keep)
{
    pb_error e;
    pb_plan *p = NULL;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK, "%s", e.msg);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = n;
    o.seed = seed;
    o.threads = threads;
    o.keep_samples = keep;
    pb_result *r = NULL;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    pb_plan_free(p);
    return r;
}

pb_result *test_run_text(const char *text, size_t n, uint64_t seed, unsigned threads, bool keep)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "test.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_result *r = test_run(s, n, seed, threads, keep);
    pb_scenario_free(s);
    return r;
}
