/*
 * test_scenario.c - loading, validating and editing scenarios.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"
#include "sha256.h"

static pb_scenario *parse_ok(const char *text)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static void parse_fails(const char *text, int line, const char *words)
{
    pb_error e;
    pb_scenario *s = (pb_scenario *)1;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_ERR_INVALID, "accepted: %s", text);
    cr_assert_null(s);
    cr_assert_eq(e.code, PB_ERR_INVALID);
    cr_assert_str_eq(e.file, "t.cfg");
    cr_assert_eq(e.line, line, "line %d, wanted %d: %s", e.line, line, e.msg);
    cr_assert(strstr(e.msg, words), "'%s' lacks '%s'", e.msg, words);
}

Test(scenario, bundled_scenarios_load, .init = test_setup)
{
    const char *files[] = {"scenarios/fcw.cfg", "scenarios/triage-assistant.cfg",
                           "scenarios/defect-segmentation.cfg"};
    for (size_t i = 0; i < 3; i++) {
        pb_error e;
        pb_scenario *s;
        cr_assert_eq(pb_scenario_load(files[i], &s, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
        cr_assert_geq(s->n_milestones, 10);
        cr_assert_geq(s->n_options, 3);
        cr_assert(s->has_manager);
        cr_assert_geq(s->n_history, 1);
        cr_assert_eq(strlen(s->sha256), 64);
        for (size_t k = 0; k < s->n_options; k++) {
            pb_scenario *c = pb_scenario_copy(s);
            cr_assert_eq(pb_scenario_apply_option(c, s->options[k].name, &e), PB_OK, "%s", e.msg);
            pb_scenario_free(c);
        }
        pb_scenario_free(s);
    }
}

Test(scenario, sha256_matches_the_standard_vectors)
{
    char hex[65];
    pb__sha256_hex("abc", 3, hex);
    cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    pb__sha256_hex("", 0, hex);
    cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    pb__sha256_hex(m, strlen(m), hex);
    cr_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(scenario, defaults_fill_what_is_not_given, .init = test_setup)
{
    pb_scenario *s = parse_ok("version = 1; milestones = ( { id = \"a\"; duration = 2; } );");
    cr_assert_str_eq(s->unit, "weeks");
    cr_assert_str_eq(s->currency, "USD");
    cr_assert_float_eq(s->ask_confidence, 0.8, 1e-15);
    cr_assert(isnan(s->ask_deadline));
    cr_assert(!s->has_manager);
    cr_assert_eq(s->manager_people, -1);
    cr_assert_str_eq(s->milestones[0].name, "a");
    cr_assert_eq(s->milestones[0].duration.kind, PB_DIST_FIXED);
    cr_assert_float_eq(s->milestones[0].duration.value, 2.0, 1e-15);
    pb_scenario_free(s);
}

Test(scenario, every_estimate_form_is_read, .init = test_setup)
{
    pb_scenario *s = parse_ok(
        "version = 1; milestones = ("
        "{ id = \"a\"; duration = [1.0, 2.5, 4.0]; },"
        "{ id = \"b\"; duration = { dist = \"pert\"; min = 1.0; mode = 2.0; max = 5.0; lambda = 3; }; },"
        "{ id = \"c\"; duration = { dist = \"triangular\"; min = 1.0; mode = 2.0; max = 5.0; }; },"
        "{ id = \"d\"; duration = { dist = \"uniform\"; min = 1.0; max = 5.0; }; },"
        "{ id = \"e\"; duration = { dist = \"lognormal\"; p10 = 1.0; p90 = 5.0; }; },"
        "{ id = \"f\"; duration = { dist = \"normal\"; mean = 3.0; sd = 1.0; }; },"
        "{ id = \"g\"; duration = { dist = \"fixed\"; value = 2.385; }; } );");
    cr_assert_eq(s->milestones[0].duration.kind, PB_DIST_PERT);
    cr_assert_float_eq(s->milestones[0].duration.mode, 2.5, 1e-15);
    cr_assert_float_eq(s->milestones[0].duration.lambda, 4.0, 1e-15);
    cr_assert_float_eq(s->milestones[1].duration.lambda, 3.0, 1e-15);
    cr_assert_eq(s->milestones[2].duration.kind, PB_DIST_TRIANGULAR);
    cr_assert_eq(s->milestones[3].duration.kind, PB_DIST_UNIFORM);
    cr_assert_eq(s->milestones[4].duration.kind, PB_DIST_LOGNORMAL);
    cr_assert_eq(s->milestones[5].duration.kind, PB_DIST_NORMAL);
    cr_assert_float_eq(s->milestones[6].duration.value, 2.385, 1e-15);
    pb_scenario_free(s);
}

Test(scenario, errors_name_the_line_and_what_is_valid, .init = test_setup)
{
    parse_fails("version = 1;\nmilestones = (\n { id = \"a\"; durration = 2; } );", 3,
                "did you mean 'duration'");
    parse_fails("version = 1;\nmilestones = (\n { id = \"a\";\n duration = [3, 2, 4]; } );", 4,
                "'mode'");
    parse_fails("version = 1;\nmilestones = (\n { id = \"a\"; duration = 1; },\n"
                " { id = \"a\"; duration = 1; } );",
                4, "duplicate milestone id 'a'");
    parse_fails("version = 1;\nmilestones = (\n { id = \"a\"; after = [\"b\"]; duration = 1; },\n"
                " { id = \"b\"; after = [\"a\"]; duration = 1; } );",
                4, "cycle");
    parse_fails("version = 1;\nmilestones = ( { id = \"a\"; duration = 1; } );\nrisks = (\n"
                " { id = \"r\"; probability = 1.5; milestone = \"a\"; delay = 1; } );",
                4, "[0, 1]");
    parse_fails("version = 1;\nmilestones = ( { id = \"a\"; duration = ; } );", 2, "syntax error");
    parse_fails("version = 2;\nmilestones = ();", 1, "version");
}

Test(scenario, unreadable_files_are_refused_without_a_line, .init = test_setup)
{
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_load("tests/no-such-file.cfg", &s, &e), PB_ERR_INVALID);
    cr_assert_eq(e.line, 0);
    cr_assert_str_eq(e.file, "tests/no-such-file.cfg");
    cr_assert_eq(pb_scenario_load("tests", &s, &e), PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "directory"));
}

static const char *PLAN =
    "version = 1;\n"
    "team = ( { role = \"ml\"; people = 3; rate = 100.0; } );\n"
    "milestones = (\n"
    "  { id = \"a\"; duration = [1.0, 2.0, 3.0]; },\n"
    "  { id = \"b\"; after = [\"a\"]; role = \"ml\"; effort = 4.0; },\n"
    "  { id = \"c\"; after = [\"b\"]; duration = 1.0; } );\n"
    "risks = ( { id = \"r\"; probability = 0.5; milestone = \"b\"; delay = 1.0; } );\n"
    "ask = { deadline = 10.0; };\n"
    "options = ( { name = \"two\"; team = { ml = 2; }; },\n"
    "  { name = \"vendor\"; patch = ( { milestone = \"b\"; role = \"\"; duration = 2.0; } ); } );\n";

Test(scenario, set_changes_one_value_by_path, .init = test_setup)
{
    pb_scenario *s = parse_ok(PLAN);
    pb_error e;
    cr_assert_eq(pb_scenario_set(s, "team.ml", "5", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(s->roles[0].people, 5);
    cr_assert_eq(pb_scenario_set(s, "ask.deadline", "17.5", &e), PB_OK);
    cr_assert_float_eq(s->ask_deadline, 17.5, 1e-15);
    cr_assert_eq(pb_scenario_set(s, "milestones.b.effort", "[4, 6, 10]", &e), PB_OK);
    cr_assert_eq(s->milestones[1].effort.kind, PB_DIST_PERT);
    cr_assert_float_eq(s->milestones[1].effort.max, 10.0, 1e-15);
    cr_assert_eq(pb_scenario_set(s, "risks.r.probability", "0.25", &e), PB_OK);
    cr_assert_float_eq(s->risks[0].probability, 0.25, 1e-15);
    cr_assert_eq(pb_scenario_set(s, "manager.people", "2", &e), PB_OK);
    cr_assert(s->has_manager);
    /* unknown paths and malformed values are usage errors */
    cr_assert_eq(pb_scenario_set(s, "nosuch.path", "3", &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "cannot set 'nosuch.path'"), "%s", e.msg);
    cr_assert_eq(pb_scenario_set(s, "milestones.zz.effort", "3", &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "unknown milestone 'zz'"));
    cr_assert_eq(pb_scenario_set(s, "team.ml", "[1,", &e), PB_ERR_USAGE);
    cr_assert_eq(pb_scenario_set(s, "milestones.b.effort", "[3, 2, 1]", &e), PB_ERR_USAGE);
    /* a valid value that breaks the plan is a scenario error at the milestone's line */
    cr_assert_eq(pb_scenario_set(s, "team.ml", "0", &e), PB_ERR_INVALID);
    cr_assert_eq(e.line, 5);
    pb_scenario_free(s);
}

Test(scenario, drop_keeps_the_order_of_what_remains, .init = test_setup)
{
    pb_scenario *s = parse_ok(PLAN);
    pb_error e;
    cr_assert_eq(pb_scenario_drop(s, "b", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(s->n_milestones, 2);
    const pb_milestone *c = pb_scenario_milestone(s, "c");
    cr_assert_eq(c->n_after, 1);
    cr_assert_str_eq(c->after[0], "a");
    cr_assert_eq(s->n_risks, 0);
    cr_assert_eq(pb_scenario_drop(s, "nosuch", &e), PB_ERR_USAGE);
    pb_scenario_free(s);
}

Test(scenario, options_apply_their_edits_together, .init = test_setup)
{
    pb_scenario *s = parse_ok(PLAN);
    pb_error e;
    pb_scenario *c = pb_scenario_copy(s);
    cr_assert_eq(pb_scenario_apply_option(c, "two", &e), PB_OK);
    cr_assert_eq(c->roles[0].people, 2);
    cr_assert_eq(s->roles[0].people, 3, "the copy is deep");
    pb_scenario_free(c);
    c = pb_scenario_copy(s);
    cr_assert_eq(pb_scenario_apply_option(c, "vendor", &e), PB_OK, "%s", e.msg);
    const pb_milestone *b = pb_scenario_milestone(c, "b");
    cr_assert(b->has_duration && !b->has_effort && !b->role);
    pb_scenario_free(c);
    c = pb_scenario_copy(s);
    cr_assert_eq(pb_scenario_apply_option(c, "nosuch", &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "'two'"), "lists the options: %s", e.msg);
    pb_scenario_free(c);
    pb_scenario_free(s);
}

Test(scenario, an_option_that_breaks_the_plan_fails_at_load, .init = test_setup)
{
    parse_fails("version = 1;\nteam = ( { role = \"ml\"; people = 2; } );\n"
                "milestones = ( { id = \"a\"; role = \"ml\"; effort = 2; people = [2, 2]; } );\n"
                "options = ( { name = \"solo\";\n team = { ml = 1; }; } );",
                3, "option 'solo'");
    parse_fails(
        "version = 1;\nmilestones = ( { id = \"a\"; duration = 2; } );\n"
        "options = ( { name = \"x\";\n patch = ( { milestone = \"a\"; durationn = 3; } ); } );",
        4, "did you mean 'duration'");
}

Test(scenario, arrays_may_mix_whole_and_real_numbers, .init = test_setup)
{
    /* docs/scenario.md: 4 and 4.0 are both accepted wherever a number is */
    pb_scenario *s = parse_ok("version = 1; name = \"keep [1, 2.5] in text\"; # and [3, 4.5] here\n"
                              "milestones = ( { id = \"a\"; duration = [2, 3.5, 6]; },"
                              "{ id = \"b\"; duration = [1e0, 2, 3]; } );");
    cr_assert_float_eq(s->milestones[0].duration.min, 2.0, 1e-15);
    cr_assert_float_eq(s->milestones[0].duration.mode, 3.5, 1e-15);
    cr_assert_float_eq(s->milestones[0].duration.max, 6.0, 1e-15);
    cr_assert_float_eq(s->milestones[1].duration.mode, 2.0, 1e-15);
    cr_assert_str_eq(s->name, "keep [1, 2.5] in text");
    pb_error e;
    cr_assert_eq(pb_scenario_set(s, "milestones.a.duration", "[1, 1.5, 7]", &e), PB_OK, "%s",
                 e.msg);
    cr_assert_float_eq(s->milestones[0].duration.max, 7.0, 1e-15);
    pb_scenario_free(s);
}

Test(scenario, choices_load_with_declared_kinds, .init = test_setup)
{
    pb_scenario *s = parse_ok(
        "version = 1;\n"
        "team = ( { role = \"ml\"; people = 3; rate = 100.0; } );\n"
        "milestones = ( { id = \"a\"; duration = 2.0; }, { id = \"b\"; role = \"ml\"; effort = 4.0; } );\n"
        "choices = ( { id = \"labels\"; name = \"Who labels\"; alternatives = (\n"
        "    { id = \"outsourced\"; kind = \"vendor\"; },\n"
        "    { id = \"ours\"; kind = \"in-house\"; patch = ( { milestone = \"a\"; duration = 3.0; } ); } ); },\n"
        "  { id = \"size\"; alternatives = ( { id = \"as-is\"; }, { id = \"small\"; team = { ml = 2; }; } ); } );\n"
        "options = ( { name = \"selfish\"; kind = \"buy\"; drop = [\"a\"]; }, { name = \"house\"; } );\n");
    cr_assert_eq(s->n_choices, 3);
    cr_assert_str_eq(s->choices[0].id, "labels");
    cr_assert_str_eq(s->choices[0].name, "Who labels");
    cr_assert_str_eq(s->choices[0].base, "outsourced");
    cr_assert_eq(s->choices[0].base_kind, PB_KIND_VENDOR);
    cr_assert_str_eq(s->choices[1].name, "size");
    cr_assert_eq(s->choices[1].base_kind, PB_KIND_OTHER);
    cr_assert_str_eq(s->choices[2].id, "options");
    cr_assert_str_eq(s->choices[2].base, "base");
    cr_assert_eq(s->n_options, 4);
    const pb_option *o = pb_scenario_option(s, "ours");
    cr_assert_eq(o->kind, PB_KIND_IN_HOUSE);
    cr_assert_eq(o->choice, 0);
    cr_assert_eq(pb_scenario_option(s, "small")->choice, 1);
    /* a name that sounds like a kind is not one */
    cr_assert_eq(pb_scenario_option(s, "house")->kind, PB_KIND_OTHER);
    cr_assert_eq(pb_scenario_option(s, "selfish")->kind, PB_KIND_BUY);
    cr_assert_eq(pb_scenario_option(s, "selfish")->choice, 2);
    cr_assert_str_eq(pb_kind_name(PB_KIND_IN_HOUSE), "in-house");
    pb_scenario *c = pb_scenario_copy(s);
    cr_assert_str_eq(pb_scenario_choice(c, "labels")->base, "outsourced");
    cr_assert_eq(pb_scenario_option(c, "ours")->kind, PB_KIND_IN_HOUSE);
    pb_scenario_free(c);
    pb_scenario_free(s);
}

Test(scenario, bad_choices_are_refused_at_their_line, .init = test_setup)
{
    const char *head = "version = 1;\nmilestones = ( { id = \"a\"; duration = 2.0; } );\n";
    char text[1024];
    snprintf(text, sizeof text,
             "%schoices = ( { id = \"c\"; alternatives = ( { id = \"x\"; },\n"
             "  { id = \"y\"; kind = \"outsourced\"; } ); } );\n",
             head);
    parse_fails(text, 4, "unknown 'kind' \"outsourced\"");
    snprintf(text, sizeof text,
             "%schoices = ( { id = \"c\"; alternatives = (\n"
             "  { id = \"x\"; drop = [\"a\"]; }, { id = \"y\"; } ); } );\n",
             head);
    parse_fails(text, 4, "is the plan as written");
    snprintf(text, sizeof text,
             "%schoices = ( { id = \"c\"; alternatives = ( { id = \"x\"; } ); } );\n", head);
    parse_fails(text, 3, "at least 2 alternatives");
    snprintf(text, sizeof text, "%slabour = \"paid\";\n", head);
    parse_fails(text, 3, "'labour' must be \"allocated\" or \"worked\"");
}
