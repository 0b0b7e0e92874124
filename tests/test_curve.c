/*
 * test_curve.c - learning curves against exact answers: with fixed a, b, c
 * the target is met or not at a known volume and the fewest items is
 * (a / (target - c))^(1/b); with a uniform the chance and the quantile are
 * closed forms. Tolerances are 5 standard errors of the iteration count.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 200000

static pb_result *simulate(const char *metric, size_t n, unsigned threads)
{
    char text[1024];
    snprintf(text, sizeof text,
             "version = 1; unit = \"weeks\";\n%s\n"
             "milestones = ( { id = \"m\"; duration = [1.0, 2.0, 4.0]; } );\n",
             metric);
    return test_run_text(text, n, 99, threads, false);
}

Test(curve, fixed_parameters_meet_the_target_at_a_known_volume, .init = test_setup)
{
    /* 5 m^-0.5 + 0.1 <= 0.2 from m = 2500 on */
    pb_result *r = simulate("metric = { target = 0.2; items = 2400; curve = { a = 5.0; b = 0.5; "
                            "c = 0.1; }; };",
                            10000, 1);
    cr_assert(r->has_curve);
    cr_assert_eq(r->p_curve.value, 0.0);
    cr_assert_float_eq(r->items_needed, 2500.0, 1e-6);
    pb_result_free(r);
    r = simulate(
        "metric = { target = 0.2; items = 2600; curve = { a = 5.0; b = 0.5; c = 0.1; }; };", 10000,
        1);
    cr_assert_eq(r->p_curve.value, 1.0);
    pb_result_free(r);
    /* a floor above the target: never */
    r = simulate(
        "metric = { target = 0.05; items = 1e9; curve = { a = 5.0; b = 0.5; c = 0.1; }; };", 1000,
        1);
    cr_assert_eq(r->p_curve.value, 0.0);
    cr_assert(isinf(r->items_needed));
    pb_result_free(r);
}

Test(curve, uncertain_a_gives_the_closed_form_chance_and_quantile, .init = test_setup)
{
    /* a ~ U(4, 6): met at m iff a <= sqrt(m) / 10; m* = 100 a^2 */
    const char *cfg = "metric = { target = 0.2; items = 2500; curve = { a = { dist = \"uniform\"; "
                      "min = 4.0; max = 6.0; }; b = 0.5; c = 0.1; }; };";
    pb_result *r = simulate(cfg, N, 2);
    cr_assert_float_eq(r->p_curve.value, 0.5, tol_mean(0.5, N));
    /* at 80% confidence: a = 5.6, m = 3136; the density of m* there is 1 / (400 a x 0.5) */
    cr_assert_float_eq(r->items_needed, 3136.0, tol_quantile(0.8, 1.0 / 2240.0, N));
    pb_result *t = simulate(cfg, N, 1);
    cr_assert_eq(r->p_curve.value, t->p_curve.value);
    cr_assert_eq(r->items_needed, t->items_needed);
    pb_result *u = simulate("", N, 1);
    cr_assert_eq(memcmp(u->finish_samples, t->finish_samples, N * sizeof(double)), 0,
                 "a learning curve changed the schedule's draws");
    cr_assert_not(u->has_curve);
    pb_result_free(r);
    pb_result_free(t);
    pb_result_free(u);
}

static void refused(const char *metric, int line, const char *words)
{
    char text[1024];
    snprintf(text, sizeof text,
             "version = 1;\nmetric = %s;\nmilestones = ( { id = \"m\"; duration = 1.0; } );\n",
             metric);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_ERR_INVALID, "%s accepted", metric);
    cr_assert_eq(e.line, line, "%s: line %d (%s)", metric, e.line, e.msg);
    cr_assert(strstr(e.msg, words), "%s: '%s' lacks '%s'", metric, e.msg, words);
}

Test(curve, bad_metrics_are_refused_at_their_line, .init = test_setup)
{
    refused("{ target = 0.2; items = 100; }", 2, "needs 'target'");
    refused("{ target = 0.2; items = 100; curve = { a = 1.0; b = 0.5; }; }", 2, "needs 'a', 'b'");
    refused("{ target = 0.2; items = 100; curve = { a = 1.0; b = 0.0; c = 0.1; }; }", 2,
            "'curve.b' must be > 0");
    refused("{ target = 0.2; items = 100; curve = { a = 1.0; b = 0.5; c = 0.1; d = 1.0; }; }", 2,
            "unknown setting 'd'");
    refused("{ target = 0.0; items = 100; curve = { a = 1.0; b = 0.5; c = 0.1; }; }", 2,
            "must be > 0");
    refused("{ target = 0.2; items = 100; goal = 1; curve = { a = 1.0; b = 0.5; c = 0.1; }; }", 2,
            "unknown setting 'goal'");
    refused("3", 2, "must be a group");
}
