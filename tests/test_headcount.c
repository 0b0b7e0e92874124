/*
 * test_headcount.c - head counts with people who join later (docs/ml.md,
 * "People joining"): a join counts toward a milestone's minimum people from
 * its arrival (the milestone waits for it), and a deal's team is said with
 * its joins ("2 people (2 ml), 1 more joining in week 4").
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "deal_internal.h"
#include "helpers.h"

/* Two ML people, one more from week 4 (ramp 'ramp'); 30 person-weeks needing 'min' people. */
#define WAIT(min, ramp)                                                    \
    "version = 1; name = \"t\"; unit = \"weeks\";\n"                       \
    "team = ( { role = \"ml\"; people = 2; rate = 0.0; ramp = " ramp ";\n" \
    "  joins = ( { people = 1; at = 4.0; } ); } );\n"                      \
    "milestones = ( { id = \"build\"; role = \"ml\"; effort = 30.0; people = [" min ", 3]; } );\n"

/*
 * Three people needed: the work waits for the newcomer in week 4, then three
 * do 30 person-weeks in 10 weeks: 14. With a 2-week ramp the rate in weeks 4
 * to 6 is 2 + (t - 4) / 2, which does 5; the other 25 take 25 / 3 weeks:
 * 14.333.
 */
Test(headcount, a_join_counts_toward_the_minimum_from_its_arrival, .init = test_setup)
{
    pb_result *r = test_run_text(WAIT("3", "0.0"), 64, 3, 1, false);
    cr_assert_float_eq(r->duration.mean, 14.0, 1e-9, "finish %.12g", r->duration.mean);
    pb_result_free(r);
    r = test_run_text(WAIT("3", "2.0"), 64, 3, 1, false);
    cr_assert_float_eq(r->duration.mean, 4.0 + 2.0 + 25.0 / 3.0, 1e-9, "finish %.12g",
                       r->duration.mean);
    pb_result_free(r);
    /* two needed: the settled two start at 0 and the newcomer cannot join running work */
    r = test_run_text(WAIT("2", "0.0"), 64, 3, 1, false);
    cr_assert_float_eq(r->duration.mean, 15.0, 1e-9, "finish %.12g", r->duration.mean);
    pb_result_free(r);
}

Test(headcount, more_than_the_team_and_its_joins_is_refused, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    const char *text = "version = 1; name = \"t\"; unit = \"weeks\";\n"
                       "team = ( { role = \"ml\"; people = 2; joins = ( { people = 1; at = 4.0; "
                       "} ); } );\n"
                       "milestones = ( { id = \"build\"; role = \"ml\"; effort = 30.0; people = "
                       "[4, 4]; } );\n";
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "needs at least 4 'ml' people but the team has 2 and 1 joining"), "%s",
              e.msg);
    cr_assert_eq(e.line, 3);
    pb_scenario_free(s);
}

/* The deal's team text and JSON name the joins after the starting team. */
Test(headcount, a_deal_states_its_joins, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(WAIT("1", "0.0"), "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = 20.0;
    d.budget = d.confidence = NAN;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = 256;
    pb_deal_result *r = NULL;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    char t[200];
    cr_assert_str_eq(pb__deal_team_text(r, t, sizeof t),
                     "2 people (2 ml), 1 more joining in week 4");
    pb_deal_result_free(r);
    cr_assert_eq(pb_scenario_set(s, "team.ml.joins",
                                 "( { people = 1; at = 4.0; }, { people = 2; at = 8.0; } )", &e),
                 PB_OK, "%s", e.msg);
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    cr_assert_str_eq(pb__deal_team_text(r, t, sizeof t),
                     "2 people (2 ml), 3 more joining between week 4 and week 8");
    pb_deal_result_free(r);
    pb_scenario_free(s);
}
