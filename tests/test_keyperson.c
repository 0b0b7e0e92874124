/*
 * test_keyperson.c - one person leaving at a stated time ('attrition' with
 * 'at', docs/ml.md "Key-person loss"), the simulation behind the manager's
 * "what if one of your people leaves?", against finishes worked out by hand.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

/* Two ML people on 20 person-weeks (10 weeks); one leaves at 'at' for sure. */
#define LEAVE_AT(at, mentor)                                                                      \
    "version = 1; name = \"t\"; unit = \"weeks\";\n"                                              \
    "team = ( { role = \"ml\"; people = 2; rate = 100.0; ramp = 2.0; mentor = " mentor "; } );\n" \
    "milestones = ( { id = \"build\"; role = \"ml\"; effort = 20.0; } );\n"                       \
    "attrition = ( { role = \"ml\"; probability = 1.0; replace = 3.0; at = " at "; } );\n"

/* Every iteration's finish (fixed estimates: all equal); P(someone left) into *left. */
static double finish_at(const char *text, double *left)
{
    size_t n = 256;
    pb_result *r = test_run_text(text, n, 7, 2, true);
    double f = r->finish_samples[0];
    for (size_t i = 0; i < n; i++)
        cr_assert_float_eq(r->finish_samples[i], f, 1e-12);
    cr_assert_eq(r->n_leaves, 1);
    *left = r->leaves[0].p_left.value;
    pb_result_free(r);
    return f;
}

/*
 * A departure at week 4: 8 person-weeks done, 12 left. The seat is empty to
 * week 7 (one person's pace: 3 done, 9 left); the replacement ramps over
 * weeks 7 to 9 at (t - 7) / 2 while the role works at 1 - mentor: with
 * mentor 0.25 the rate is 0.75 (1 + (t - 7) / 2), which does 0.75 x 3 =
 * 2.25; the other 6.75 take 3.375 weeks at 2: the finish is 12.375.
 * Without mentoring the ramp does 3, and the other 6 take 3 weeks: 12.
 */
Test(keyperson, a_departure_at_a_stated_week_costs_the_exact_delay, .init = test_setup)
{
    double left;
    cr_assert_float_eq(finish_at(LEAVE_AT("4.0", "0.25"), &left), 12.375, 1e-9);
    cr_assert_float_eq(left, 1.0, 1e-12);
    cr_assert_float_eq(finish_at(LEAVE_AT("4.0", "0.0"), &left), 12.0, 1e-9);
    /* week 8: 4 left; 3 done by 11 in the empty seat; the last 1 in the ramp: x + x^2 / 4 = 1 */
    cr_assert_float_eq(finish_at(LEAVE_AT("8.0", "0.0"), &left), 11.0 + 2 * sqrt(2.0) - 2, 1e-9);
}

/* A stated time at or past the finish without the departure: nobody leaves within it. */
Test(keyperson, a_departure_after_the_finish_changes_nothing, .init = test_setup)
{
    double left;
    cr_assert_float_eq(finish_at(LEAVE_AT("10.0", "0.25"), &left), 10.0, 1e-12);
    cr_assert_float_eq(left, 0.0, 1e-12);
    cr_assert_float_eq(finish_at(LEAVE_AT("0.0", "0.0"), &left), 12.0, 1e-9); /* 3 + 1 lost */
}

/* 'at' is validated with the line; --set attrition=... takes it. */
Test(keyperson, at_is_checked_and_settable, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    const char *bad = LEAVE_AT("-1.0", "0.0");
    cr_assert_neq(pb_scenario_parse(bad, "t.cfg", &s, &e), PB_OK);
    cr_assert(strstr(e.msg, "'at' must be >= 0"), "%s", e.msg);
    cr_assert_eq(e.line, 4);
    pb_scenario_free(s);
    s = NULL;
    cr_assert_eq(pb_scenario_parse(LEAVE_AT("4.0", "0.0"), "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(
        pb_scenario_set(s, "attrition",
                        "( { role = \"ml\"; probability = 1.0; replace = 3.0; at = 8.0; } )", &e),
        PB_OK, "%s", e.msg);
    cr_assert_float_eq(s->attrition[0].at, 8.0, 1e-12);
    pb_scenario_free(s);
}

/* The brief of 'text' with the bundled rulebook, and its move 'id' (asserted present). */
static pb_brief *brief_of(const char *text, const char *id, const pb_argument **a)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_rulebook *rb = NULL;
    cr_assert_eq(pb_rulebook_load("scenarios/rulebooks/manager.cfg", s, &rb, &e), PB_OK, "%s",
                 e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 4096;
    o.seed = 11;
    pb_brief *b = NULL;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    *a = NULL;
    for (size_t k = 0; k < b->n_arguments; k++)
        if (!strcmp(b->arguments[k].id, id))
            *a = &b->arguments[k];
    cr_assert(*a, "no move '%s'", id);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return b;
}

/* The key-person move: one ML person leaves for sure, part-way, as attrition the deal carries. */
Test(keyperson, the_brief_simulates_the_departure, .init = test_setup)
{
    const pb_argument *a;
    pb_brief *b = brief_of(
        "version = 1; unit = \"weeks\"; ask = { deadline = 12.0; confidence = 0.8; };\n"
        "team = ( { role = \"ml\"; people = 2; rate = 100.0; ramp = 2.0; } );\n"
        "milestones = ( { id = \"build\"; role = \"ml\"; effort = [16.0, 20.0, 26.0]; } );\n"
        "attrition = ( { role = \"ml\"; probability = 0.1; replace = 3.0; } );\n",
        "key-person", &a);
    cr_assert(a->has_change);
    cr_assert_eq(a->n_deal_sets, 1);
    cr_assert_str_eq(a->deal_sets[0],
                     "attrition=( { role = \"ml\"; probability = 1.0; replace = 3.0; } )");
    cr_assert(strstr(a->answer, "one of the people in 'ml' leaves"), "%s", a->answer);
    cr_assert(strstr(a->answer, "after 3 weeks on average (the scenario's estimate)"), "%s",
              a->answer);
    cr_assert_null(strstr(a->answer, "whole plan"), "%s", a->answer);
    /* the head count is the plan's: the seat is kept for the replacement */
    cr_assert(strstr(a->answer, "with 2 people"), "%s", a->answer);
    pb_brief_free(b);
}

/*
 * The less-data move quotes P(target met) at the smaller volume. error(m) =
 * a m^-0.5 + 0.1 with a ~ U(4, 6) meets 0.2 when a <= 0.1 sqrt(m): at 2,400
 * items P = (0.1 sqrt(2400) - 4) / 2 = 0.4495, at the plan's 2,600 0.5495.
 */
Test(keyperson, the_less_data_move_quotes_the_target_at_the_smaller_volume, .init = test_setup)
{
    const pb_argument *a;
    pb_brief *b = brief_of(
        "version = 1; unit = \"weeks\"; ask = { deadline = 10.0; confidence = 0.8; };\n"
        "team = ( { role = \"data\"; people = 1; } );\n"
        "metric = { target = 0.2; items = \"label\";\n"
        "  curve = { a = { dist = \"uniform\"; min = 4.0; max = 6.0; }; b = 0.5; c = 0.1; }; };\n"
        "milestones = ( { id = \"label\"; role = \"data\"; items = 2600; per_item = 0.001; },\n"
        "  { id = \"m\"; after = [\"label\"]; duration = 1.0; } );\n"
        "choices = ( { id = \"data\"; alternatives = ( { id = \"all\"; kind = \"vendor\"; },\n"
        "  { id = \"less\"; kind = \"less-data\"; patch = ( { milestone = \"label\"; items = 2400; "
        "} ); } ); } );\n",
        "less-data", &a);
    const pb_deal_result *d = a->deal;
    cr_assert(d && d->has_curve);
    cr_assert_float_eq(d->curve_items, 2400.0, 1e-9);
    double want = (0.1 * sqrt(2400.0) - 4) / 2;
    cr_assert_float_eq(d->p_curve.value, want, tol_mean(sqrt(want * (1 - want)), d->iterations));
    char said[200];
    snprintf(said, sizeof said,
             "At 2,400 items the learning curve's target is met in %.0f%% (95%% CI",
             100 * d->p_curve.value);
    cr_assert(strstr(a->answer, said), "%s\nwants: %s", a->answer, said);
    cr_assert(strstr(a->answer, "(at the plan's 2,600: "), "%s", a->answer);
    pb_brief_free(b);
}
