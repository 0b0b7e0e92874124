/*
 * test_interests.c - the manager's interests from the scenario: parsed and
 * validated with the line of the offending setting, copied with the
 * scenario, found by topic, quoted by the prep sheet for a move of the same
 * topic, and served by an offer evaluated as a deal.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define HEAD                                                                                \
    "version = 1;\nname = \"t\";\nunit = \"weeks\";\ncurrency = \"USD\";\n"                 \
    "team = ( { role = \"ml\"; people = 2; rate = 1000.0; } );\n"                           \
    "milestones = ( { id = \"a\"; role = \"ml\"; effort = [1.0, 2.0, 3.0]; },\n"            \
    "  { id = \"b\"; after = [\"a\"]; duration = [1.0, 2.0, 4.0]; deliverable = true; },\n" \
    "  { id = \"c\"; after = [\"b\"]; duration = [2.0, 3.0, 5.0]; optional = true; } );\n"  \
    "ask = { deadline = 10.0; budget = 50000.0; };\n"

TestSuite(interests, .init = test_setup);

Test(interests, are_parsed_copied_and_found_by_topic)
{
    static const char text[] = HEAD "manager = { deadline = 6.0;\n"
                                    "  interests = ( { topic = \"time\"; text = \"the trade show "
                                    "in week 6\"; at = 6.5; },\n"
                                    "                { topic = \"scope\"; text = \"the board "
                                    "demo\"; } ); };\n";
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%d: %s", e.line, e.msg);
    cr_assert_eq(s->n_interests, 2);
    const pb_interest *t = pb_scenario_interest(s, "time");
    cr_assert_not_null(t);
    cr_assert_str_eq(t->text, "the trade show in week 6");
    cr_assert_float_eq(t->at, 6.5, 1e-12);
    cr_assert_eq(t->line, 11);
    cr_assert(isnan(pb_scenario_interest(s, "scope")->at));
    cr_assert_null(pb_scenario_interest(s, "money"));
    cr_assert_null(pb_scenario_interest(NULL, "time"));
    pb_scenario *c = pb_scenario_copy(s);
    cr_assert_not_null(c);
    pb_scenario_free(s);
    cr_assert_str_eq(pb_scenario_interest(c, "scope")->text, "the board demo");
    pb_scenario_free(c);
}

static void refused(const char *manager, int line, const char *words)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", HEAD, manager);
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_ERR_INVALID, "%s", manager);
    cr_assert_null(s);
    cr_assert_eq(e.line, line, "%s: line %d", e.msg, e.line);
    cr_assert_not_null(strstr(e.msg, words), "%s", e.msg);
}

Test(interests, are_refused_at_their_line)
{
    refused("manager = {\n interests = ( { topic = \"fame\"; text = \"x\"; } ); };\n", 11,
            "unknown topic 'fame'");
    refused("manager = {\n interests = ( { topic = \"risk\"; text = \"x\"; at = 3; } ); };\n", 11,
            "'at' goes with topic time");
    refused("manager = {\n interests = ( { topic = \"time\"; text = \"\"; } ); };\n", 11,
            "needs 'text'");
    refused("manager = {\n interests = ( { topic = \"time\";\n text = \"x\"; at = -2; } ); };\n",
            12, "'at' must be >= 0");
    refused("manager = {\n interests = { topic = \"time\"; }; };\n", 11, "must be a list");
    refused("manager = {\n interests = ( { topic = \"time\"; text = \"x\"; when = 3; } ); };\n", 11,
            "unknown setting 'when'");
}

Test(interests, are_quoted_by_the_prep_sheet_and_served_by_an_offer)
{
    static const char text[] = HEAD "manager = { deadline = 6.0;\n"
                                    "  interests = ( { topic = \"time\"; text = \"the trade show "
                                    "in week 9\"; at = 9.0; } ); };\n";
    pb_scenario *s;
    pb_rulebook *rb;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%d: %s", e.line, e.msg);
    cr_assert_eq(pb_rulebook_load("scenarios/rulebooks/manager.cfg", s, &rb, &e), PB_OK, "%s",
                 e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 4096;
    o.seed = 11;
    pb_brief *b;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    size_t quoted = 0;
    for (size_t i = 0; i < b->n_arguments; i++)
        if (!strcmp(b->arguments[i].topic, "time")) {
            cr_assert_str_eq(b->arguments[i].interest, "the trade show in week 9");
            quoted++;
        }
    cr_assert_gt(quoted, 0);
    cr_assert_eq(b->n_interest_offers, 1);
    const pb_interest_offer *io = &b->interest_offers[0];
    /* the offer is the cheapest deal done by week 9: one person without the optional 'c', the
       deal 'pushback deal --deadline 9 --team ml=1 --drop c -n 4096 -s 11' evaluates */
    const char *drop[] = {"c"};
    const int team[] = {1};
    pb_deal d = {9.0, NAN, NAN, team, 0, NULL, drop, 1, NULL, 0};
    pb_deal_opts dopt;
    pb_deal_opts_init(&dopt);
    dopt.iterations = dopt.max_iterations = 4096;
    dopt.seed = 11;
    pb_deal_result *r;
    cr_assert_eq(pb_deal_evaluate(s, &d, &dopt, &r, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(io->deal->joint.value, r->joint.value);
    cr_assert_eq(io->deal->n_dropped, 1);
    cr_assert_eq(io->deal->people, 1);
    cr_assert(io->fits);
    cr_assert_str_eq(io->kind, "meet-date");
    cr_assert_null(io->ships); /* what is done by then is said only when the date is missed */
    pb_deal_result_free(r);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}
