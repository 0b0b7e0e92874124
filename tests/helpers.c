/*
 * helpers.c - see helpers.h.
 */
#include "helpers.h"

#include <math.h>
#include <stdio.h>

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
