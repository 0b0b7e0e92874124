/*
 * test_addlater.c - people added part-way to the role that drives the date
 * (the manager's "if it's late, we'll add people then", rule
 * 'add-people-late'): the --set the brief writes, and the finishes it gives
 * on a fixed plan, against finishes worked out by hand.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"
#include "manager/brief_addlater.h"

/*
 * Two ML people (ramp 2 weeks, mentoring 'mentor'): 'design' is 8
 * person-weeks (weeks 0 to 4), then 'build' 20 (weeks 4 to 14 without help).
 */
#define PLAN(mentor)                                                                              \
    "version = 1; name = \"t\"; unit = \"weeks\";\n"                                              \
    "ask = { deadline = 15.0; confidence = 0.8; };\n"                                             \
    "team = ( { role = \"ml\"; people = 2; rate = 100.0; ramp = 2.0; mentor = " mentor "; } );\n" \
    "milestones = ( { id = \"design\"; role = \"ml\"; effort = 8.0; },\n"                         \
    "  { id = \"build\"; role = \"ml\"; effort = 20.0; after = [\"design\"]; } );\n"

/* The finish of 'text' with 2 more ML people joining at 'at' (every iteration: all equal). */
static double finish_with(const char *text, double at)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    char set[400], said[200];
    cr_assert_eq(pb__add_later_set(s, "ml", 2, at, set, sizeof set, said, sizeof said, &e), PB_OK,
                 "%s", e.msg);
    cr_assert_str_eq(said, "ramping up over 2 weeks (the role's)");
    const char *eq = strchr(set, '=');
    cr_assert(eq && !strncmp(set, "team.ml.joins", (size_t)(eq - set)), "%s", set);
    cr_assert_eq(pb_scenario_set(s, "team.ml.joins", eq + 1, &e), PB_OK, "%s: %s", set, e.msg);
    pb_plan *p = NULL;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK, "%s", e.msg);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = 64;
    o.seed = 5;
    pb_result *r = NULL;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    double f = r->finish_samples[0];
    for (size_t i = 0; i < r->iterations; i++)
        cr_assert_float_eq(r->finish_samples[i], f, 1e-12);
    pb_result_free(r);
    pb_plan_free(p);
    pb_scenario_free(s);
    return f;
}

/*
 * Joining at week 4, when 'build' starts: its rate is 2 (1 - m) + 2 (t - 4) / 2
 * to week 6, then 4. Without mentoring the ramp does 4 + 2 = 6 person-weeks,
 * the other 14 take 3.5 weeks: 9.5. With m = 0.25 the ramp does 3 + 2 = 5,
 * the other 15 take 3.75: 9.75. Joining at week 6, 'build' already runs
 * (nobody joins work already running): without mentoring the finish is the
 * plan's 14; with m = 0.25 weeks 6 to 8 lose 2 x 0.25 x 2 = 1 person-week,
 * half a week at 2: 14.5.
 */
Test(addlater, people_added_early_gain_and_late_cost, .init = test_setup)
{
    cr_assert_float_eq(finish_with(PLAN("0.0"), 4.0), 9.5, 1e-9);
    cr_assert_float_eq(finish_with(PLAN("0.25"), 4.0), 9.75, 1e-9);
    cr_assert_float_eq(finish_with(PLAN("0.0"), 6.0), 14.0, 1e-9);
    cr_assert_float_eq(finish_with(PLAN("0.25"), 6.0), 14.5, 1e-9);
}

/* The role's own joins are restated; a role without a ramp gets the stated default. */
Test(addlater, the_set_keeps_the_roles_joins_and_states_the_default_ramp, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(
        pb_scenario_parse("version = 1; unit = \"days\";\n"
                          "team = ( { role = \"ml\"; people = 2;\n"
                          "  joins = ( { people = 1; at = 3.0; mentor = 0.5; } ); } );\n"
                          "milestones = ( { id = \"m\"; role = \"ml\"; effort = 9.0; } );\n",
                          "t.cfg", &s, &e),
        PB_OK, "%s", e.msg);
    char set[400], said[200];
    cr_assert_eq(pb__add_later_set(s, "ml", 2, 6.5, set, sizeof set, said, sizeof said, &e), PB_OK);
    cr_assert_str_eq(set, "team.ml.joins=( { people = 1; at = 3.0; mentor = 0.5; }, "
                          "{ people = 2; at = 6.5; ramp = 28.0; } )");
    cr_assert_str_eq(said, "ramping up over 28 days (a default: the role states no ramp)");
    cr_assert_eq(pb__add_later_set(s, "qa", 2, 6.5, set, sizeof set, said, sizeof said, &e),
                 PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "no role 'qa'"), "%s", e.msg);
    pb_scenario_free(s);
}

/*
 * The brief's move on the plan without mentoring: its P50 is 14, so the
 * people come at week 7 (halfway) and change nothing ('build' runs from week
 * 4); at week 3.5 they wait for 'build' and ramp to 5.5: 2 + (t - 3.5) from 4
 * to 5.5 does 3 + 1.875, the other 15.125 take 3.78125 at 4: 9.28125.
 */
Test(addlater, the_brief_simulates_people_added_late, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(PLAN("0.0"), "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_rulebook *rb = NULL;
    cr_assert_eq(pb_rulebook_load("scenarios/rulebooks/manager.cfg", s, &rb, &e), PB_OK, "%s",
                 e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 256;
    pb_brief *b = NULL;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    const pb_argument *a = NULL;
    for (size_t k = 0; k < b->n_arguments; k++)
        if (!strcmp(b->arguments[k].id, "add-people-late"))
            a = &b->arguments[k];
    cr_assert(a && a->has_change && a->n_deal_sets == 1, "no add-people-late move");
    cr_assert_str_eq(a->deal_sets[0], "team.ml.joins=( { people = 2; at = 7.0; } )");
    cr_assert_float_eq(a->deal->duration.pct[PB_P80].value, 14.0, 1e-9);
    cr_assert(strstr(a->answer, "2 more people in 'ml', ramping up over 2 weeks (the role's)"),
              "%s", a->answer);
    cr_assert(strstr(a->answer, "halfway through the median plan, they change nothing"), "%s",
              a->answer);
    cr_assert(strstr(a->answer, "they gain 4.7"), "%s", a->answer);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}
