/*
 * test_edits.c - command-line edits of a loaded scenario: --set errors name
 * the argument at fault, options still apply after a --drop, and emptying
 * the plan names the drop that did it.
 */
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

static const char *PLAN =
    "version = 1; team = ( { role = \"ml\"; people = 2; } );\n"
    "milestones = ( { id = \"a\"; role = \"ml\"; effort = [2.0, 3.0, 6.0]; },\n"
    "  { id = \"b\"; after = [\"a\"]; duration = 1.0; },\n"
    "  { id = \"c\"; after = [\"b\"]; duration = 2.0; } );\n"
    "risks = ( { id = \"r\"; probability = 0.5; milestone = \"b\"; delay = 1.0; } );\n"
    "options = ( { name = \"no-b\"; drop = [\"b\"]; patch = ( { milestone = \"b\"; duration = "
    "3.0; } ); },\n"
    "  { name = \"risky\"; patch = ( { milestone = \"c\"; duration = 5.0; } ); } );\n";

static pb_scenario *plan(void)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(PLAN, "t.cfg", &s, &e), PB_OK, "%d: %s", e.line, e.msg);
    return s;
}

Test(edits, set_errors_name_the_argument, .init = test_setup)
{
    pb_scenario *s = plan();
    pb_error e;
    const char *bad_value[] = {"milestones.a.effort=[5,1,2]"};
    cr_assert_eq(pb_scenario_set_args(s, bad_value, 1, &e), PB_ERR_USAGE);
    cr_assert_str_eq(e.file, "--set milestones.a.effort=[5,1,2]");
    cr_assert_eq(e.line, 0);
    pb_scenario_free(s);

    /* the culprit is the one without which the others validate, wherever it is */
    s = plan();
    const char *sets[] = {"team.ml=0", "team.ml=5", "milestones.c.after=[\"c\"]"};
    cr_assert_eq(pb_scenario_set_args(s, sets, 3, &e), PB_ERR_INVALID);
    cr_assert_str_eq(e.file, "--set milestones.c.after=[\"c\"]");
    cr_assert_eq(e.line, 0);
    cr_assert(strstr(e.msg, "cycle"), "%s", e.msg);
    pb_scenario_free(s);

    s = plan();
    const char *fine[] = {"team.ml=0", "team.ml=3"};
    cr_assert_eq(pb_scenario_set_args(s, fine, 2, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
}

Test(edits, options_apply_after_a_drop, .init = test_setup)
{
    pb_scenario *s = plan();
    pb_error e;
    char what[200];
    cr_assert_eq(pb_scenario_option_skips(s, "no-b", what, sizeof what), 0);
    cr_assert_str_eq(what, "");
    cr_assert_eq(pb_scenario_drop(s, "b", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_option_skips(s, "no-b", what, sizeof what), 2);
    cr_assert_str_eq(what, "patches 'b', drops 'b'");
    cr_assert_eq(pb_scenario_option_skips(s, "risky", what, sizeof what), 0);
    pb_scenario *c = pb_scenario_copy(s);
    cr_assert_eq(pb_scenario_apply_option(c, "no-b", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(c->n_milestones, 2);
    cr_assert_eq(pb_scenario_apply_option(c, "risky", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_dist_mean(&pb_scenario_milestone(c, "c")->duration), 5.0);
    pb_scenario_free(c);
    pb_scenario_free(s);
}

Test(edits, emptying_the_plan_names_the_drop, .init = test_setup)
{
    pb_scenario *s = plan();
    pb_error e;
    cr_assert_eq(pb_scenario_drop(s, "a", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_drop(s, "b", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_drop(s, "c", &e), PB_ERR_USAGE);
    cr_assert_str_eq(e.file, "--drop c");
    cr_assert(strstr(e.msg, "dropping 'c' leaves the plan with no milestones"), "%s", e.msg);
    pb_scenario_free(s);
}

/* --set scale=K multiplies every effort estimate by K, and nothing else: on the same seed each
   iteration's effort milestone takes K times as long (one person, no overhead), the duration
   milestones are as they were, and a second scale replaces the first rather than compounding. */
Test(edits, scale_multiplies_effort_only, .init = test_setup)
{
    pb_scenario *s = plan(), *h = plan();
    pb_error e;
    cr_assert_eq(pb_scenario_set(s, "team.ml", "1", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_set(h, "team.ml", "1", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_set(h, "scale", "2", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_set(h, "scale", "0.5", &e), PB_OK, "%s", e.msg);
    cr_assert_float_eq(h->milestones[0].effort.min, 1.0, 1e-12);
    cr_assert_float_eq(h->milestones[0].effort.mode, 1.5, 1e-12);
    cr_assert_float_eq(h->milestones[0].effort.max, 3.0, 1e-12);
    const size_t n = 20000;
    pb_result *a = test_run(s, n, 7, 2, true), *b = test_run(h, n, 7, 2, true);
    for (size_t i = 0; i < n; i += 97) {
        cr_assert_float_eq(b->ms_duration[i], 0.5 * a->ms_duration[i], 1e-9, "iteration %zu", i);
        cr_assert_eq(b->ms_duration[n + i], a->ms_duration[n + i]);
        cr_assert_eq(b->ms_duration[2 * n + i], a->ms_duration[2 * n + i]);
    }
    cr_assert_eq(pb_scenario_set(h, "scale", "0", &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "(0, 100]"), "%s", e.msg);
    pb_result_free(a);
    pb_result_free(b);
    pb_scenario_free(s);
    pb_scenario_free(h);
}
