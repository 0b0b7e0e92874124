/*
 * test_labels.c - what a manager calls an alternative and a role's people
 * (pb_scenario_alternative_label, pb_scenario_role_people): the scenario's
 * 'name', else a name made from what the alternative declares, never an id
 * where a name exists.
 */
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

static const char *TEXT =
    "version = 1;\n"
    "team = ( { role = \"ml\"; people = 2; rate = 100.0; name = \"ML engineers\"; },\n"
    "         { role = \"ds\"; people = 1; rate = 100.0; } );\n"
    "milestones = ( { id = \"label\"; name = \"Label 40,000 images\"; duration = 2.0; },\n"
    "  { id = \"alerts\"; name = \"Renewal alerts\"; duration = 1.0; optional = true; },\n"
    "  { id = \"train\"; role = \"ml\"; effort = 4.0; } );\n"
    "choices = (\n"
    "  { id = \"volume\"; name = \"How much we label\"; alternatives = (\n"
    "    { id = \"label-40k\"; kind = \"scope\"; },\n"
    "    { id = \"label-15k\"; kind = \"less-data\";\n"
    "      patch = ( { milestone = \"label\"; name = \"Label 15,000 \\\"hard\\\" images\"; } ); } ); },\n"
    "  { id = \"compute\"; name = \"Where the model trains\"; alternatives = (\n"
    "    { id = \"cloud\"; name = \"rented cloud GPUs\"; },\n"
    "    { id = \"on-prem\"; kind = \"local-compute\"; patch = ( { milestone = \"train\"; effort = 5.0; } ); },\n"
    "    { id = \"own-rack\"; name = \"our own rack\"; kind = \"local-compute\";\n"
    "      patch = ( { milestone = \"train\"; effort = 6.0; } ); } ); },\n"
    "  { id = \"alerts\"; alternatives = ( { id = \"with-alerts\"; },\n"
    "    { id = \"no-alerts\"; kind = \"scope\"; drop = [\"alerts\"]; } ); } );\n";

static pb_scenario *load(void)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(TEXT, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static void label_is(const pb_scenario *s, const char *id, const char *want)
{
    char buf[200];
    cr_assert_str_eq(pb_scenario_alternative_label(s, id, buf, sizeof buf), want, "for '%s'", id);
}

Test(labels, the_written_name_comes_first, .init = test_setup)
{
    pb_scenario *s = load();
    label_is(s, "own-rack", "our own rack");
    label_is(s, "cloud", "rented cloud GPUs"); /* the plan as written may carry one too */
    pb_scenario *c = pb_scenario_copy(s);      /* and a copy keeps them */
    label_is(c, "own-rack", "our own rack");
    label_is(c, "cloud", "rented cloud GPUs");
    pb_scenario_free(c);
    pb_scenario_free(s);
}

Test(labels, without_a_name_the_declared_parts_speak, .init = test_setup)
{
    pb_scenario *s = load();
    label_is(s, "label-15k", "Label 15,000 \"hard\" images");  /* the milestone its patch renames */
    label_is(s, "label-40k", "Label 40,000 images");           /* the plan: that milestone as is */
    label_is(s, "no-alerts", "without Renewal alerts");        /* a drop: the milestone's name */
    label_is(s, "on-prem", "Where the model trains: on-prem"); /* the choice's name and the id */
    label_is(s, "with-alerts", "with Renewal alerts"); /* the plan: what the other one drops */
    label_is(s, "nowhere", "nowhere");                 /* nothing declared: the id */
    char small[6];
    cr_assert_str_eq(pb_scenario_alternative_label(s, "own-rack", small, sizeof small), "our o");
    pb_scenario_free(s);
}

Test(labels, role_people_use_the_name_or_say_the_role, .init = test_setup)
{
    pb_scenario *s = load();
    char buf[100];
    cr_assert_str_eq(pb_scenario_role_people(s, "ml", buf, sizeof buf), "ML engineers");
    cr_assert_str_eq(pb_scenario_role_people(s, "ds", buf, sizeof buf), "people in 'ds'");
    pb_scenario *c = pb_scenario_copy(s);
    cr_assert_str_eq(pb_scenario_role_people(c, "ml", buf, sizeof buf), "ML engineers");
    pb_scenario_free(c);
    pb_scenario_free(s);
}
