/*
 * test_growth.c - scope growth against exact answers: one draw per iteration
 * multiplies every effort milestone's effort by 1 + growth, so the mean
 * finish of a fixed plan is the plan times 1 + E[growth], and two effort
 * milestones grow by the same share. Tolerances are 5 standard errors.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 200000

static pb_result *simulate(const char *text, size_t n, unsigned threads, bool keep)
{
    return test_run_text(text, n, 4242, threads, keep);
}

#define HEAD                                         \
    "version = 1; name = \"t\"; unit = \"weeks\";\n" \
    "team = ( { role = \"ml\"; people = 1; rate = 0.0; } );\n"

/* PERT(0, 0.1, 0.3), lambda 4: alpha = 7/3, beta = 11/3, range 0.3 */
static const double G_MEAN = (0 + 4 * 0.1 + 0.3) / 6;
static double g_sd(void)
{
    double a = 7.0 / 3, b = 11.0 / 3;
    return 0.3 * sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
}

Test(growth, every_effort_milestone_grows_by_one_shared_draw, .init = test_setup)
{
    pb_result *r =
        simulate(HEAD "growth = [0.0, 0.1, 0.3];\n"
                      "milestones = ( { id = \"a\"; effort = 10.0; role = \"ml\"; },\n"
                      "  { id = \"b\"; after = [\"a\"]; effort = 5.0; role = \"ml\"; },\n"
                      "  { id = \"c\"; after = [\"b\"]; duration = 2.0; } );\n",
                 N, 2, true);
    cr_assert_float_eq(r->duration.mean, 15 * (1 + G_MEAN) + 2, tol_mean(15 * g_sd(), N),
                       "mean %g, wanted %g", r->duration.mean, 15 * (1 + G_MEAN) + 2);
    /* the beta has excess kurtosis < 0, so the sd's standard error is below sd / sqrt(2n) */
    cr_assert_float_eq(r->duration.sd, 15 * g_sd(), 5 * 15 * g_sd() / sqrt(2.0 * N));
    cr_assert(r->duration.min >= 17.0 - 1e-9 && r->duration.max <= 15 * 1.3 + 2 + 1e-9);
    /* the same share for a and b in every iteration; c (a duration) does not grow */
    for (size_t i = 0; i < N; i += 997) {
        cr_assert_float_eq(r->ms_duration[i], 2 * r->ms_duration[N + i], 1e-9);
        cr_assert_float_eq(r->ms_duration[2 * N + i], 2.0, 1e-12);
    }
    pb_result_free(r);
}

Test(growth, a_milestone_of_its_own_overrides_the_plans, .init = test_setup)
{
    pb_result *r = simulate(HEAD "growth = [0.0, 0.1, 0.3];\n"
                                 "milestones = ( { id = \"a\"; effort = 10.0; role = \"ml\";\n"
                                 "  growth = 0.5; },\n"
                                 "  { id = \"d\"; duration = 4.0; growth = 0.25; } );\n",
                            20000, 1, true);
    cr_assert_float_eq(r->ms_duration[0], 15.0, 1e-9);
    cr_assert_float_eq(r->ms_duration[20000], 5.0, 1e-9);
    cr_assert_float_eq(r->duration.max, 15.0, 1e-9);
    pb_result_free(r);
}

static const char *const PLAN = "milestones = ( { id = \"a\"; effort = [4.0, 6.0, 10.0]; role = "
                                "\"ml\"; },\n"
                                "  { id = \"b\"; duration = [1.0, 2.0, 6.0]; } );\n"
                                "risks = ( { id = \"r\"; probability = 0.4; milestone = \"a\"; "
                                "delay = [1.0, 2.0, 3.0]; } );\n";

Test(growth, threads_and_common_random_numbers, .init = test_setup)
{
    char with[2048], without[2048];
    snprintf(with, sizeof with, "%sgrowth = [0.0, 0.1, 0.3];\n%s", HEAD, PLAN);
    snprintf(without, sizeof without, "%s%s", HEAD, PLAN);
    pb_result *a = simulate(with, 30000, 1, true), *b = simulate(with, 30000, 2, true);
    pb_result *c = simulate(without, 30000, 1, true);
    cr_assert_eq(memcmp(a->finish_samples, b->finish_samples, 30000 * sizeof(double)), 0);
    /* growth leaves every other draw alone: b's durations and the risk's firing */
    cr_assert_eq(memcmp(a->ms_duration + 30000, c->ms_duration + 30000, 30000 * sizeof(double)), 0);
    cr_assert_eq(memcmp(a->risk_fired, c->risk_fired, 30000), 0);
    pb_result_free(a);
    pb_result_free(b);
    pb_result_free(c);
}

Test(growth, bad_growth_is_refused_and_set_works, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(HEAD "growth = \"lots\";\nmilestones = ( { id = \"a\"; "
                                        "duration = 1.0; } );\n",
                                   "test.cfg", &s, &e),
                 PB_ERR_INVALID);
    cr_assert_eq(e.line, 3, "%d: %s", e.line, e.msg);
    cr_assert(strstr(e.msg, "growth"), "%s", e.msg);
    cr_assert_eq(pb_scenario_parse(HEAD "milestones = ( { id = \"a\"; duration = 1.0;\n"
                                        "  growth = [0.3, 0.1, 0.0]; } );\n",
                                   "test.cfg", &s, &e),
                 PB_ERR_INVALID);
    cr_assert_eq(e.line, 4, "%d: %s", e.line, e.msg);
    cr_assert_eq(pb_scenario_parse(HEAD "milestones = ( { id = \"a\"; effort = 2.0; role = "
                                        "\"ml\"; } );\n",
                                   "test.cfg", &s, &e),
                 PB_OK);
    cr_assert_eq(pb_scenario_set(s, "growth", "0.5", &e), PB_OK, "%s", e.msg);
    cr_assert(s->has_growth);
    cr_assert_eq(pb_scenario_set(s, "growth", "[1, 2]", &e), PB_ERR_USAGE);
    pb_scenario_free(s);
}
