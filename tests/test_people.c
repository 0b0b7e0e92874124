/*
 * test_people.c - people joining, ramping up and mentoring (docs/ml.md)
 * against finishes worked out by hand. Fixed estimates make every iteration
 * the same, so the answers are exact (to rounding).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

static pb_result *simulate(const char *text, size_t n, unsigned threads)
{
    return test_run_text(text, n, 4242, threads, true);
}

/* Two ML people, mentoring 0.2 and ramp-up 4 weeks on the role; two join in week 6. */
#define TEAM(extra, join)                                                           \
    "version = 1; name = \"t\"; unit = \"weeks\";" extra "\n"                       \
    "team = ( { role = \"ml\"; people = 2; rate = 0.0; mentor = 0.2; ramp = 4.0;\n" \
    "  joins = ( { people = 2; at = 6.0;" join " } ); } );\n"

static double finish_of(const char *text)
{
    pb_result *r = simulate(text, 64, 1);
    double f = r->duration.mean;
    cr_assert_float_eq(r->duration.max - r->duration.min, 0.0, 1e-12);
    pb_result_free(r);
    return f;
}

/*
 * 40 person-weeks start in week 6 with all four people. In [6, 10] the two
 * settled people work at 0.8 (mentoring) and each newcomer at (t - 6) / 4:
 * the team's rate is 1.6 + 0.5 (t - 6), which does 1.6 x 4 + 0.5 x 16 / 2 =
 * 10.4 person-weeks by week 10. The other 29.6 take 29.6 / 4 = 7.4 weeks at
 * full speed: the finish is 17.4 (26 without the join, 16 with no ramp-up).
 */
Test(people, a_join_ramps_up_and_the_others_mentor, .init = test_setup)
{
    double f = finish_of(TEAM("", "") "milestones = ( { id = \"wait\"; duration = 6.0; },\n"
                                      "  { id = \"build\"; after = [\"wait\"]; role = \"ml\";\n"
                                      "    effort = 40.0; } );\n");
    cr_assert_float_eq(f, 17.4, 1e-9, "finish %.12g", f);
}

/* As above with no ramp-up: a capacity step, 6 + 40 / 4 = 16. */
Test(people, a_join_without_ramp_is_a_step_of_people, .init = test_setup)
{
    double f = finish_of(TEAM(
        "",
        " ramp = 0.0;") "milestones = ( { id = \"wait\"; duration = 6.0; },\n"
                        "  { id = \"build\"; after = [\"wait\"]; role = \"ml\"; effort = 40.0; } );\n");
    cr_assert_float_eq(f, 16.0, 1e-9, "finish %.12g", f);
}

/*
 * Starting in week 8, in the middle of the ramp: in [8, 10] the rate is 1.6
 * + 0.5 (t - 6), 2.6 at week 8, doing 2.6 x 2 + 0.5 x 4 / 2 = 6.2; the other
 * 33.8 take 8.45 weeks: 18.45.
 */
Test(people, work_starting_mid_ramp_gets_the_ramp_so_far, .init = test_setup)
{
    double f = finish_of(TEAM("", "") "milestones = ( { id = \"wait\"; duration = 8.0; },\n"
                                      "  { id = \"build\"; after = [\"wait\"]; role = \"ml\";\n"
                                      "    effort = 40.0; } );\n");
    cr_assert_float_eq(f, 18.45, 1e-9, "finish %.12g", f);
}

/*
 * Brooks: the two settled people started the work at week 0 and keep it; the
 * newcomers find nothing to join, yet need mentoring. 12 person-weeks by
 * week 6, 2 x 0.8 x 4 = 6.4 more by week 10, and 21.6 / 2 = 10.8 weeks for the
 * rest: 20.8, later than the 20 without the join.
 */
Test(people, newcomers_who_cannot_help_cost_the_mentoring, .init = test_setup)
{
    double f = finish_of(TEAM("", "") "milestones = ( { id = \"build\"; role = \"ml\";\n"
                                      "    effort = 40.0; } );\n");
    cr_assert_float_eq(f, 20.8, 1e-9, "finish %.12g", f);
}

/*
 * Overhead 0.1: four people on one milestone work at speed 4 x 0.7 = 2.8, so
 * 40 person-weeks are 40 x 4 / 2.8 = 57.142857... of person-time at the
 * people's rates: 10.4 by week 10, the rest at 4: 6 + 4 + 46.742857 / 4.
 */
Test(people, overhead_applies_to_the_ramping_team, .init = test_setup)
{
    double f = finish_of(
        TEAM(" overhead = 0.1;",
             "") "milestones = ( { id = \"wait\"; duration = 6.0; },\n"
                 "  { id = \"build\"; after = [\"wait\"]; role = \"ml\"; effort = 40.0; } );\n");
    double want = 10 + (40.0 * 4 / 2.8 - 10.4) / 4;
    cr_assert_float_eq(f, want, 1e-9, "finish %.12g, wanted %.12g", f, want);
}

/*
 * A join's own ramp (2) and mentoring (0.5) replace the role's: in [6, 8] the
 * rate is 2 x 0.5 + 2 (t - 6) / 2, doing 1 x 2 + 1 x 4 / 2 = 4 by week 8; the
 * other 36 take 9 weeks: 17.
 */
Test(people, a_joins_own_ramp_and_mentoring_win, .init = test_setup)
{
    double f = finish_of(TEAM(
        "",
        " ramp = 2.0; mentor = 0.5;") "milestones = ( { id = \"wait\"; duration = 6.0; },\n"
                                      "  { id = \"build\"; after = [\"wait\"]; role = \"ml\"; effort = 40.0; } );\n");
    cr_assert_float_eq(f, 17.0, 1e-9, "finish %.12g", f);
}

/*
 * Settled people first: at week 6 one milestone of at most 2 people takes
 * the two settled ones (rate 1.6 then 2 from week 10), a second, started
 * at the same time, the newcomers. a: 1.6 x 4 = 6.4 by 10, 3.6 / 2 more:
 * 11.8. b: (t - 6) / 4 each, 2 x 2 = 4 by week 10 (in 4 weeks), then 2: 6 +
 * 4 + 6 / 2 = 13.
 */
Test(people, settled_people_are_taken_first, .init = test_setup)
{
    pb_result *r = simulate(TEAM("", "") "milestones = ( { id = \"wait\"; duration = 6.0; },\n"
                                         "  { id = \"a\"; after = [\"wait\"]; role = \"ml\";\n"
                                         "    effort = 10.0; people = [1, 2]; },\n"
                                         "  { id = \"b\"; after = [\"wait\"]; role = \"ml\";\n"
                                         "    effort = 10.0; people = [1, 2]; } );\n",
                            16, 1);
    cr_assert_float_eq(r->ms_finish[1 * 16], 11.8, 1e-9, "a ends %.12g", r->ms_finish[16]);
    cr_assert_float_eq(r->ms_finish[2 * 16], 13.0, 1e-9, "b ends %.12g", r->ms_finish[32]);
    pb_result_free(r);
}

/* ==== Attrition ==== */

#define LEAVE(p)                                                             \
    "version = 1; name = \"t\"; unit = \"weeks\";\n"                         \
    "team = ( { role = \"ml\"; people = 2; rate = 100.0; ramp = 2.0; } );\n" \
    "milestones = ( { id = \"build\"; role = \"ml\"; effort = 20.0; } );\n"  \
    "attrition = ( { role = \"ml\"; probability = " p "; replace = 3.0; } );\n"

/*
 * Two people do 20 person-weeks: 10 weeks. One leaves at L, uniform in
 * [0, 10); the seat is empty for 3 weeks (rate 1), then the replacement ramps
 * over 2 (rate 1 + x / 2): 3 + 1 person-weeks lost. With R = 20 - 2L left at
 * L: R >= 6 (L <= 7) loses exactly 4 / 2 = 2 weeks; R < 3 (L > 8.5) ends in
 * the empty seat at L + R, losing 10 - L; between, the ramp's quadratic x +
 * x^2 / 4 = R - 3 gives a loss of L - 9 + 2 sqrt(18 - 2L). The mean loss is
 * (14 + (-1.875 + 14/3) + 1.125) / 10 = 1.7916..., the departure's mean 5.
 */
static double lost_at(double L)
{
    return L <= 7 ? 2.0 : L > 8.5 ? 10 - L : L - 9 + 2 * sqrt(18 - 2 * L);
}

Test(people, a_certain_departure_costs_the_exact_delay, .init = test_setup)
{
    size_t n = 20000;
    pb_result *r = simulate(LEAVE("1.0"), n, 2);
    cr_assert_eq(r->n_leaves, 1);
    const double *at = r->leave_samples, *lost = r->leave_samples + n;
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        cr_assert(at[i] >= 0 && at[i] < 10, "departure %g", at[i]);
        double d = fabs(lost[i] - lost_at(at[i])) + fabs(r->finish_samples[i] - 10 - lost[i]);
        worst = d > worst ? d : worst;
        /* allocated labour: two people to the finish, less the empty seat's 3 weeks (or less) */
        double empty = fmin(at[i] + 3, r->finish_samples[i]) - at[i];
        cr_assert_float_eq(r->cost_samples[i], 100 * (2 * r->finish_samples[i] - empty), 1e-6);
    }
    cr_assert_lt(worst, 1e-9, "largest error %g", worst);
    double want = (14 + (-1.875 + 14.0 / 3) + 1.125) / 10, sd = 0.6; /* loss in [0, 2] */
    cr_assert_float_eq(r->leaves[0].mean_lost, want, 5 * sd / sqrt((double)n), "mean loss %g",
                       r->leaves[0].mean_lost);
    cr_assert_float_eq(r->leaves[0].mean_at, 5.0, tol_mean(10 / sqrt(12.0), n));
    cr_assert_float_eq(r->leaves[0].p_left.value, 1.0, 1e-12);
    pb_result_free(r);
}

/*
 * Common random numbers: attrition draws on streams of its own, so where
 * nobody left the finish is bit-identical to the same plan without
 * attrition, the departures happen in the same iterations whatever else
 * changes, and any thread count gives the same samples.
 */
#define RISKY(effort, attr)                                                                        \
    "version = 1; name = \"t\"; unit = \"weeks\";\n"                                               \
    "team = ( { role = \"ml\"; people = 3; rate = 10.0; ramp = 2.0; mentor = 0.1;\n"               \
    "  joins = ( { people = 1; at = 3.0; } ); } );\n"                                              \
    "milestones = ( { id = \"a\"; role = \"ml\"; effort = [4.0, 6.0, 12.0]; people = [1, 2]; },\n" \
    "  { id = \"b\"; role = \"ml\"; effort = " effort "; people = [1, 2]; },\n"                    \
    "  { id = \"c\"; after = [\"a\", \"b\"]; role = \"ml\"; effort = [2.0, 3.0, 6.0]; } );\n"      \
    "risks = ( { id = \"r\"; probability = 0.3; milestone = \"c\"; delay = [1.0, 2.0, 4.0]; } );\n" attr

#define ATTR "attrition = ( { role = \"ml\"; probability = 0.3; replace = [1.0, 2.0, 5.0]; } );\n"

Test(people, attrition_keeps_every_other_draw, .init = test_setup)
{
    size_t n = 8192;
    pb_result *with = simulate(RISKY("[3.0, 5.0, 9.0]", ATTR), n, 2);
    pb_result *without = simulate(RISKY("[3.0, 5.0, 9.0]", ""), n, 2);
    pb_result *one = simulate(RISKY("[3.0, 5.0, 9.0]", ATTR), n, 1);
    pb_result *other = simulate(RISKY("[6.0, 8.0, 14.0]", ATTR), n, 2);
    size_t left = 0;
    for (size_t i = 0; i < n; i++) {
        bool gone = !isnan(with->leave_samples[i]);
        left += gone;
        if (!gone)
            cr_assert_eq(with->finish_samples[i], without->finish_samples[i], "iteration %zu", i);
        else
            cr_assert_geq(with->finish_samples[i], without->finish_samples[i] - 1e-9);
        cr_assert_eq(isnan(other->leave_samples[i]), !gone, "iteration %zu", i);
        cr_assert_eq(one->finish_samples[i], with->finish_samples[i], "iteration %zu", i);
        cr_assert_eq(memcmp(&one->leave_samples[i], &with->leave_samples[i], sizeof(double)), 0);
    }
    /* 0.3 of n: 5 standard errors */
    cr_assert_float_eq((double)left / n, 0.3, 5 * sqrt(0.3 * 0.7 / n));
    pb_result_free(with);
    pb_result_free(without);
    pb_result_free(one);
    pb_result_free(other);
}

/* Thread invariance with joins: the ramp is part of every iteration, bit for bit. */
Test(people, joins_are_thread_invariant, .init = test_setup)
{
    size_t n = 4096;
    pb_result *a = simulate(RISKY("[3.0, 5.0, 9.0]", ""), n, 1);
    pb_result *b = simulate(RISKY("[3.0, 5.0, 9.0]", ""), n, 2);
    cr_assert_eq(memcmp(a->finish_samples, b->finish_samples, n * sizeof(double)), 0);
    cr_assert_eq(memcmp(a->cost_samples, b->cost_samples, n * sizeof(double)), 0);
    pb_result_free(a);
    pb_result_free(b);
}

/* ==== The add-people-later what-if: --set team.ROLE.joins ==== */

/* A join given by --set acts like one written in the file: 17.4 as above. */
Test(people, a_join_set_from_the_command_line, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse("version = 1; unit = \"weeks\";\n"
                                   "team = ( { role = \"ml\"; people = 2; rate = 0.0; } );\n"
                                   "milestones = ( { id = \"wait\"; duration = 6.0; },\n"
                                   "  { id = \"build\"; after = [\"wait\"]; role = \"ml\";\n"
                                   "    effort = 40.0; } );\n",
                                   "t.cfg", &s, &e),
                 PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_set(s, "team.ml.joins", "( { people = 2; at = 6.0; } )", &e), PB_OK,
                 "%s", e.msg);
    cr_assert_eq(pb_scenario_set(s, "team.ml.ramp", "4", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_set(s, "team.ml.mentor", "0.2", &e), PB_OK, "%s", e.msg);
    pb_scenario *c = pb_scenario_copy(s);
    pb_plan *p = NULL;
    cr_assert_eq(pb_plan_build(c, &p, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(c);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = 64;
    pb_result *r = NULL;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    cr_assert_float_eq(r->duration.mean, 17.4, 1e-9, "finish %.12g", r->duration.mean);
    pb_result_free(r);
    pb_plan_free(p);
    /* errors name the setting (the scenario is not to be used after a failed set) */
    cr_assert_eq(pb_scenario_set(s, "team.ml.mentor", "1.5", &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "'mentor' must be in [0, 1]"), "%s", e.msg);
    cr_assert_eq(pb_scenario_set(s, "attrition",
                                 "( { role = \"qa\"; probability = 0.1; replace = 2; } )", &e),
                 PB_ERR_INVALID); /* validation, as for --set team.ml=0 */
    cr_assert(strstr(e.msg, "unknown role 'qa'"), "%s", e.msg);
    pb_scenario_free(s);
}

/*
 * 'pushback deal --set team.ml.joins=...' answers "will people added later
 * pay back?" against the plan's date on the same draws. Fixed plan: two
 * people, 'wait' 6 weeks, 40 person-weeks: 26 weeks. Two more at week 6 with
 * a 4-week ramp and mentoring 0.2 finish at 17.4 (8.6 earlier); two more at
 * week 30, after the work, change nothing and pay nothing back.
 */
static pb_deal_result *deal_with(const char *set)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse("version = 1; unit = \"weeks\";\n"
                                   "team = ( { role = \"ml\"; people = 2; rate = 0.0; ramp = 4.0;\n"
                                   "  mentor = 0.2; } );\n"
                                   "milestones = ( { id = \"wait\"; duration = 6.0; },\n"
                                   "  { id = \"build\"; after = [\"wait\"]; role = \"ml\";\n"
                                   "    effort = 40.0; } );\n"
                                   "ask = { deadline = 30.0; };\n",
                                   "t.cfg", &s, &e),
                 PB_OK, "%s", e.msg);
    const char *sets[] = {set};
    pb_deal d = {NAN, NAN, NAN, NULL, 0, NULL, NULL, 0, sets, set ? 1 : 0};
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = 256;
    pb_deal_result *r = NULL;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return r;
}

Test(people, a_deal_adding_people_later_says_whether_they_pay_back, .init = test_setup)
{
    pb_deal_result *r = deal_with("team.ml.joins=( { people = 2; at = 6.0; } )");
    cr_assert_float_eq(r->joins_plan_date, 26.0, 1e-9, "plan %.12g", r->joins_plan_date);
    cr_assert_float_eq(r->date.value, 17.4, 1e-9, "deal %.12g", r->date.value);
    pb_deal_result_free(r);
    r = deal_with("team.ml.joins=( { people = 2; at = 30.0; } )");
    cr_assert_float_eq(r->joins_plan_date - r->date.value, 0.0, 1e-12);
    pb_deal_result_free(r);
    r = deal_with(NULL); /* the plan itself: nothing added, nothing to set against */
    cr_assert(isnan(r->joins_plan_date));
    pb_deal_result_free(r);
}
