/*
 * test_import.c - task lists into scenarios: column aliases, separator
 * detection, unit conversions (Jira seconds), dependency direction, ids,
 * physical lines of errors, and the written scenario loading and sampling
 * what the input meant (mcprojsim's triangular, not PERT).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/import.h>
#include <pushback/pushback.h>

#include "helpers.h"
#include "import_internal.h"

static pb_import *import_ok(const char *text, pb_import_from from, pb_import_unit unit)
{
    pb_import_opts o = {from, unit};
    pb_import *imp = NULL;
    pb_error e;
    cr_assert_eq(pb_import_parse(text, strlen(text), "t.csv", &o, &imp, &e), PB_OK, "%s:%d: %s",
                 e.file, e.line, e.msg);
    return imp;
}

static void import_fails(const char *text, pb_import_from from, int line, const char *words)
{
    pb_import_opts o = {from, PB_IMPORT_UNIT_DEFAULT};
    pb_import *imp = (pb_import *)1;
    pb_error e;
    cr_assert_eq(pb_import_parse(text, strlen(text), "t.csv", &o, &imp, &e), PB_ERR_INVALID,
                 "accepted: %s", text);
    cr_assert_null(imp);
    cr_assert_str_eq(e.file, "t.csv");
    cr_assert_eq(e.line, line, "line %d, wanted %d: %s", e.line, line, e.msg);
    cr_assert(strstr(e.msg, words), "'%s' lacks '%s'", e.msg, words);
}

static const pb_import_task *task(const pb_import *imp, const char *id)
{
    for (size_t i = 0; i < pb_import_n_tasks(imp); i++)
        if (!strcmp(pb_import_task_at(imp, i)->id, id))
            return pb_import_task_at(imp, i);
    cr_assert_fail("no task '%s'", id);
    return NULL;
}

static bool waits_for(const pb_import_task *t, const char *id)
{
    for (size_t k = 0; k < t->n_after; k++)
        if (!strcmp(t->after[k], id))
            return true;
    return false;
}

/* ==== Column names ==== */

Test(import, column_aliases_are_case_and_space_insensitive)
{
    struct {
        const char *header;
        pb__import_col col;
        double days;
    } cases[] = {
        {"ID", PB__COL_ID, 0},
        {"  Issue Key ", PB__COL_ID, 0},
        {"Summary", PB__COL_NAME, 0},
        {"TITLE", PB__COL_NAME, 0},
        {"Depends On", PB__COL_AFTER, 0},
        {"predecessors", PB__COL_AFTER, 0},
        {"Blocked by", PB__COL_AFTER, 0},
        {"Outward issue link (Blocks)", PB__COL_BLOCKS, 0},
        {"Inward issue link (Blocks)", PB__COL_AFTER, 0},
        {"optimistic", PB__COL_LOW, 0},
        {"Most_Likely", PB__COL_LIKELY, 0},
        {"most-likely", PB__COL_LIKELY, 0},
        {"Worst case", PB__COL_HIGH, 0},
        {"Original Estimate", PB__COL_SECONDS, 0},
        {"Low (days)", PB__COL_LOW, 1.0},
        {"Estimate [h]", PB__COL_ESTIMATE, 1.0 / 8.0},
        {"Effort (person-weeks)", PB__COL_EFFORT, 5.0},
        {"Assignee role", PB__COL_ROLE, 0},
        {"Deliverable", PB__COL_DELIVERABLE, 0},
        {"Notes", PB__COL_NONE, 0},
        {"Low (apples)", PB__COL_LOW, 0},
        {"Optimistic (a)", PB__COL_LOW, 0},
        {"Immediate predecessors", PB__COL_AFTER, 0},
        {"Days", PB__COL_ESTIMATE, 1.0},
        {"hours", PB__COL_ESTIMATE, 1.0 / 8.0},
        {"Original estimate (days)", PB__COL_NONE, 0},
        {"Status (days)", PB__COL_NONE, 0},
        {"Role (days)", PB__COL_ROLE, 0},
        {"Issue id", PB__COL_NONE, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double days = -1.0;
        cr_assert_eq(pb__import_column(cases[i].header, &days), cases[i].col, "'%s'",
                     cases[i].header);
        cr_assert_float_eq(days, cases[i].days, 1e-12, "'%s': unit %g", cases[i].header, days);
    }
}

/* ==== Separators ==== */

Test(import, separator_is_the_one_that_names_most_columns)
{
    const char *semi = "\xEF\xBB\xBFTask;Low;Likely;High\nA, then B;1;2;3\n";
    cr_assert_eq(pb__import_detect_sep(semi, strlen(semi), PB_IMPORT_AUTO), ';');
    const char *comma = "name,after,estimate\n\"a; b\",,2\n";
    cr_assert_eq(pb__import_detect_sep(comma, strlen(comma), PB_IMPORT_AUTO), ',');
    const char *tab = "Name\tLow, days\tEstimate\nx\t1\t2\n";
    cr_assert_eq(pb__import_detect_sep(tab, strlen(tab), PB_IMPORT_AUTO), '\t');
    cr_assert_eq(pb__import_detect_sep(comma, strlen(comma), PB_IMPORT_TSV), '\t');
    /* --from csv never picks a tab */
    cr_assert_neq(pb__import_detect_sep(tab, strlen(tab), PB_IMPORT_CSV), '\t');
}

Test(import, semicolon_file_with_bom_quotes_and_crlf)
{
    const char *text = "\xEF\xBB\xBFid;name;estimate\r\n"
                       "a;\"Plan, then\r\nreview\";2,5\r\n"
                       "b;\"Say \"\"hi\"\"\";1/2/4\r\n";
    pb_import *imp = import_ok(text, PB_IMPORT_AUTO, PB_IMPORT_WEEKS);
    cr_assert_eq(pb_import_n_tasks(imp), 2);
    const pb_import_task *a = task(imp, "a"), *b = task(imp, "b");
    cr_assert_str_eq(a->name, "Plan, then review");
    cr_assert_eq(a->n_est, 1);
    cr_assert_float_eq(a->est[0], 2.5, 1e-12); /* a decimal comma when ';' separates */
    cr_assert_eq(b->line, 4, "the physical line after a quoted newline, got %d", b->line);
    cr_assert_str_eq(b->name, "Say \"hi\"");
    cr_assert_eq(b->n_est, 3);
    cr_assert_float_eq(b->est[2], 4.0, 1e-12);
    pb_import_free(imp);
}

/* ==== Units ==== */

Test(import, jira_seconds_use_8_hour_days_and_5_day_weeks)
{
    cr_assert_float_eq(pb__import_seconds(144000.0, PB_IMPORT_WEEKS), 1.0, 1e-12);
    cr_assert_float_eq(pb__import_seconds(144000.0, PB_IMPORT_DAYS), 5.0, 1e-12);
    cr_assert_float_eq(pb__import_seconds(28800.0, PB_IMPORT_DAYS), 1.0, 1e-12);
    cr_assert_float_eq(pb__import_seconds(3600.0, PB_IMPORT_WEEKS), 0.025, 1e-12);
    cr_assert_float_eq(pb__import_seconds(144000.0 * 52.0 / 12.0, PB_IMPORT_MONTHS), 1.0, 1e-12);
    const char *text = "Issue key,Summary,Original Estimate\nP-1,One,57600\nP-2,Two,7200\n";
    pb_import *imp = import_ok(text, PB_IMPORT_AUTO, PB_IMPORT_DAYS);
    cr_assert_float_eq(task(imp, "P-1")->est[0], 2.0, 1e-12);  /* 16 hours */
    cr_assert_float_eq(task(imp, "P-2")->est[0], 0.25, 1e-12); /* 2 hours */
    pb_import_free(imp);
}

Test(import, cell_units_convert_to_the_scenario_unit)
{
    double v[3];
    cr_assert(pb__import_number("16h", false, 0.0, 5.0, &v[0]));
    cr_assert_float_eq(v[0], 0.4, 1e-12);
    cr_assert(pb__import_number(" 3 days ", false, 0.0, 5.0, &v[0]));
    cr_assert_float_eq(v[0], 0.6, 1e-12);
    cr_assert(pb__import_number("2", false, 1.0, 5.0, &v[0])); /* a "(days)" column */
    cr_assert_float_eq(v[0], 0.4, 1e-12);
    cr_assert(!pb__import_number("two", false, 0.0, 5.0, &v[0]));
    cr_assert(!pb__import_number("-1", false, 0.0, 5.0, &v[0]));
    cr_assert(!pb__import_number("1,200", false, 0.0, 5.0, &v[0]));
    cr_assert_eq(pb__import_numbers("2, 3, 5 weeks", false, 0.0, 1.0, v), 3);
    cr_assert_float_eq(v[1], 15.0, 1e-12);
    cr_assert_eq(pb__import_numbers("2 3", false, 0.0, 1.0, v), 0);
    cr_assert_eq(pb__import_flag(" Yes"), 1);
    cr_assert_eq(pb__import_flag("x"), 1);
    cr_assert_eq(pb__import_flag(""), 0);
    cr_assert_eq(pb__import_flag("FALSE"), 0);
    cr_assert_eq(pb__import_flag("maybe"), -1);
}

/* ==== Dependencies ==== */

Test(import, jira_blocks_means_the_other_task_waits)
{
    /* A blocks B and C; B blocks D: B, C wait for A, D waits for B */
    const char *text = "Issue key,Summary,Outward issue link (Blocks),Outward issue link (Blocks)\n"
                       "A-1,Alpha,A-2,A-3\nA-2,Beta,A-4,\nA-3,Gamma,,\nA-4,Delta,,\n";
    pb_import *imp = import_ok(text, PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    cr_assert_eq(task(imp, "A-1")->n_after, 0);
    cr_assert(waits_for(task(imp, "A-2"), "A-1"));
    cr_assert(waits_for(task(imp, "A-3"), "A-1"));
    cr_assert(waits_for(task(imp, "A-4"), "A-2"));
    cr_assert_eq(task(imp, "A-4")->n_after, 1);
    pb_import_free(imp);
}

Test(import, after_by_name_or_id_split_only_when_needed)
{
    const char *text = "id,name,blocked by,estimate\n"
                       "x,\"Design, review\",,1\n"
                       "y,Build,\"Design, review\",2\n"
                       "z,Ship,x y,1\n"
                       "w,Wrap,\"design, review; Build\",1\n";
    pb_import *imp = import_ok(text, PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    cr_assert_eq(task(imp, "y")->n_after, 1); /* the whole cell is one name */
    cr_assert(waits_for(task(imp, "y"), "x"));
    cr_assert(waits_for(task(imp, "z"), "x") && waits_for(task(imp, "z"), "y"));
    cr_assert(waits_for(task(imp, "w"), "x") && waits_for(task(imp, "w"), "y"));
    pb_import_free(imp);
}

Test(import, ids_are_kept_or_slugged_and_unique)
{
    const char *text = "id,name,after\n,Build UI!,\n,Build UI,\nA.1,Other,build-ui-2\n";
    pb_import *imp = import_ok(text, PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    cr_assert_str_eq(pb_import_task_at(imp, 0)->id, "build-ui");
    cr_assert_str_eq(pb_import_task_at(imp, 1)->id, "build-ui-2");
    cr_assert_str_eq(pb_import_task_at(imp, 2)->id, "a-1");
    cr_assert(waits_for(pb_import_task_at(imp, 2), "build-ui-2"));
    pb_import_free(imp);
}

/* ==== Refusals ==== */

Test(import, bad_task_lists_are_refused_at_their_line)
{
    import_fails("", PB_IMPORT_AUTO, 0, "empty file");
    import_fails("a,b\n1,2\n", PB_IMPORT_AUTO, 1, "no column names the tasks (found 'a', 'b')");
    import_fails("name,estimate\nA,1\nB,2,3\n", PB_IMPORT_AUTO, 3,
                 "has 3 fields, the header has 2");
    import_fails("name,low,likely,high\n\"A\nB\",1,2,3\nC,1,3,2\n", PB_IMPORT_AUTO, 4,
                 "likely 3 is above high 2");
    import_fails("name,estimate\nA,soon\n", PB_IMPORT_AUTO, 2, "'soon' in column 'estimate'");
    import_fails("name,after\nAlpha,\nB,Alpah\n", PB_IMPORT_AUTO, 3, "did you mean 'Alpha'");
    import_fails("name,after\nA,B\nB,A\n", PB_IMPORT_AUTO, 2, "cycle: a -> b -> a");
    import_fails("name,after\nA,A\n", PB_IMPORT_AUTO, 2, "depends on itself");
    import_fails("id,name\nq,A\nq,B\n", PB_IMPORT_AUTO, 3, "duplicate id 'q' (first at line 2)");
    import_fails("name,type,estimate\nA,effort,3\n", PB_IMPORT_AUTO, 2, "effort but has no role");

    import_fails("name,low,high\nA,1,3\n", PB_IMPORT_AUTO, 2, "only part of a three-point");
    import_fails("name,people,role\nA,many,ml\n", PB_IMPORT_AUTO, 2, "people 'many'");
}

Test(import, short_rows_are_padded_and_extra_empty_cells_ignored)
{
    pb_import *imp =
        import_ok("name,estimate,role\nA,2\nB,3,ml,,\n", PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    cr_assert(!task(imp, "a")->effort);
    cr_assert(task(imp, "b")->effort);
    cr_assert_str_eq(task(imp, "b")->role, "ml");
    pb_import_free(imp);
}

/* ==== The written scenario ==== */

static pb_scenario *written(const pb_import *imp)
{
    char *text = NULL;
    pb_error e;
    cr_assert_eq(pb_import_to_string(imp, &text, &e), PB_OK, "%s", e.msg);
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "out.cfg", &s, &e), PB_OK, "%s:%d: %s\n%s", e.file, e.line,
                 e.msg, text);
    cr_assert(strstr(text, "# set this"));
    free(text);
    return s;
}

Test(import, written_scenario_loads_with_placeholders_and_team, .init = test_setup)
{
    const char *text = "name,after,estimate,role,people,optional\n"
                       "Spec,,1,,,\nModel,Spec,,ML Engineer,1-3,\nDocs,Spec,2,,,yes\n";
    pb_import *imp = import_ok(text, PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    pb_scenario *s = written(imp);
    cr_assert_eq(s->n_milestones, 3);
    cr_assert_eq(s->n_roles, 1);
    cr_assert_str_eq(s->roles[0].name, "ml-engineer");
    cr_assert_eq(s->roles[0].people, 3);
    cr_assert_eq(s->milestones[1].people_min, 1);
    cr_assert_eq(s->milestones[1].people_max, 3);
    cr_assert(s->milestones[1].has_effort);
    cr_assert(s->milestones[2].optional);
    pb_scenario_free(s);
    pb_import_free(imp);
}

Test(import, mcprojsim_estimates_stay_triangular, .init = test_setup)
{
    /* hours, 8 a day: 16, 24, 80 hours are 2, 3, 10 days; the triangular mean
       is 5 days where a PERT would give 4 */
    const char *yaml = "project:\n  name: T\n  start_date: \"2027-01-04\"\n"
                       "tasks:\n  - id: a\n    name: A\n"
                       "    estimate: {low: 16, expected: 24, high: 80}\n";
    pb_import_opts o = {PB_IMPORT_MCPROJSIM, PB_IMPORT_UNIT_DEFAULT};
    pb_import *imp = NULL;
    pb_error e;
    cr_assert_eq(pb_import_parse(yaml, strlen(yaml), "p.yaml", &o, &imp, &e), PB_OK, "%s", e.msg);
    pb_scenario *s = written(imp);
    pb_plan *p = NULL;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK, "%s", e.msg);
    pb_sim_opts so;
    pb_sim_opts_init(&so);
    so.iterations = 100000;
    so.seed = 20261207;
    pb_result *r = NULL;
    cr_assert_eq(pb_sim_run(p, &so, &r, &e), PB_OK, "%s", e.msg);
    double sd = sqrt((4.0 + 9.0 + 100.0 - 6.0 - 20.0 - 30.0) / 18.0); /* triangular sd */
    cr_assert(fabs(r->duration.mean - 5.0) < tol_mean(sd, so.iterations), "mean %g",
              r->duration.mean);
    pb_result_free(r);
    pb_plan_free(p);
    pb_scenario_free(s);
    pb_import_free(imp);
}

Test(import, mcprojsim_risks_and_dependencies_map, .init = test_setup)
{
    const char *yaml =
        "project:\n  name: R\n  start_date: \"2027-01-04\"\n  hours_per_day: 6\n"
        "tasks:\n"
        "  - id: a\n    name: A\n    estimate: {low: 1, expected: 2, high: 4, unit: days}\n"
        "    risks:\n      - id: r1\n        name: Late\n        probability: 0.25\n"
        "        impact: 12\n        cost_impact: 300\n"
        "  - id: b\n    name: B\n    dependencies: [a]\n"
        "    estimate: {low: 1, expected: 1, high: 2, unit: weeks}\n"
        "project_risks:\n  - id: p1\n    name: Scope\n    probability: 0.5\n"
        "    impact: {type: absolute, value: 3, unit: days}\n";
    pb_import_opts o = {PB_IMPORT_MCPROJSIM, PB_IMPORT_DAYS};
    pb_import *imp = NULL;
    pb_error e;
    cr_assert_eq(pb_import_parse(yaml, strlen(yaml), "p.yaml", &o, &imp, &e), PB_OK, "%s", e.msg);
    cr_assert(waits_for(task(imp, "b"), "a"));
    cr_assert_float_eq(task(imp, "b")->est[2], 10.0, 1e-12); /* 2 weeks of 5 days */
    cr_assert_eq(pb_import_n_risks(imp), 2);
    const pb_import_risk *r1 = pb_import_risk_at(imp, 0), *p1 = pb_import_risk_at(imp, 1);
    cr_assert_float_eq(r1->delay, 2.0, 1e-12); /* 12 hours of 6-hour days */
    cr_assert(r1->has_cost && r1->cost == 300.0);
    cr_assert_str_eq(p1->milestone, "b"); /* the one task that ends the plan */
    cr_assert_float_eq(p1->delay, 3.0, 1e-12);
    pb_scenario_free(written(imp));
    pb_import_free(imp);
}

Test(import, mcprojsim_errors_name_the_line)
{
    const char *yaml = "project:\n  name: R\ntasks:\n  - id: a\n    name: A\n"
                       "    estimate: {low: 5, expected: 2, high: 4}\n";
    pb_import_opts o = {PB_IMPORT_MCPROJSIM, PB_IMPORT_UNIT_DEFAULT};
    pb_import *imp = NULL;
    pb_error e;
    cr_assert_eq(pb_import_parse(yaml, strlen(yaml), "p.yaml", &o, &imp, &e), PB_ERR_INVALID);
    cr_assert_eq(e.line, 6);
    cr_assert(strstr(e.msg, "out of order"), "%s", e.msg);
    const char *broken = "tasks:\n  - id: a\n   name: [\n";
    cr_assert_eq(pb_import_parse(broken, strlen(broken), "p.yaml", &o, &imp, &e), PB_ERR_INVALID);
    cr_assert_gt(e.line, 0);
    const char *deps = "tasks:\n  - id: a\n    name: A\n    dependencies: [zz]\n";
    cr_assert_eq(pb_import_parse(deps, strlen(deps), "p.yaml", &o, &imp, &e), PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "unknown task 'zz'"), "%s", e.msg);
}

Test(import, project_plan_row_numbers_and_link_types)
{
    const char *text = "Task Name,Duration,Predecessors\nDesign,5 days,\nBuild,10 days,1\n"
                       "Test,3d,2FS+1d\nDocs,2d,\"1,2\"\n";
    pb_import *imp = import_ok(text, PB_IMPORT_AUTO, PB_IMPORT_DAYS);
    cr_assert(waits_for(task(imp, "build"), "design"));
    cr_assert(waits_for(task(imp, "test"), "build"));
    cr_assert(waits_for(task(imp, "docs"), "design") && waits_for(task(imp, "docs"), "build"));
    cr_assert_float_eq(task(imp, "build")->est[0], 10.0, 1e-12);
    pb_import_free(imp);
    /* with an id column, a number is an id, never a row */
    import_fails("id,name,after\n10,A,\n20,B,1\n", PB_IMPORT_AUTO, 3, "unknown task '1'");
    import_fails("name,after\nReview,\nReview,\nShip,Review\n", PB_IMPORT_AUTO, 4,
                 "'Review' is the name of 2 tasks");
}

Test(import, excel_sep_line_utf16_and_headerless_columns)
{
    pb_import *imp =
        import_ok("sep=;\nname;estimate;;\nA;2,5;;\n", PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    cr_assert_float_eq(task(imp, "a")->est[0], 2.5, 1e-12);
    cr_assert_eq(task(imp, "a")->line, 3);
    pb_import_free(imp);
    import_fails("sep=,\nname,estimate\nA,x\n", PB_IMPORT_AUTO, 3, "'x' in column 'estimate'");
    import_fails("\xff\xfen\x00", PB_IMPORT_AUTO, 0, "UTF-16");
}

Test(import, bytes_that_are_not_utf8_are_read_as_latin1, .init = test_setup)
{
    /* F7 BB 9A 95 is beyond U+10FFFF, ED A0 80 a surrogate, E9 a Latin-1 e-acute */
    pb_import *imp = import_ok("name,estimate\nB\xf7\xbb\x9a\x95,1\nC\xed\xa0\x80,2\nCaf\xe9,3\n",
                               PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    pb_scenario *s = written(imp);
    cr_assert_str_eq(s->milestones[2].name, "Caf\xc3\xa9");
    pb_scenario_free(s);
    pb_import_free(imp);
}

Test(import, effort_needs_a_role_and_a_foreign_type_column_is_left_out)
{
    /* 'Type' holds Jira issue types here, so it does not decide; no role: durations */
    pb_import *imp = import_ok("name,type,effort,role\nA,Story,3,\nB,effort,1,qa\n", PB_IMPORT_AUTO,
                               PB_IMPORT_UNIT_DEFAULT);
    cr_assert(!task(imp, "a")->effort);
    cr_assert(task(imp, "b")->effort);
    bool noted = false;
    for (size_t i = 0; i < pb_import_n_notes(imp); i++)
        noted = noted || strstr(pb_import_note(imp, i), "'type' left out");
    cr_assert(noted);
    pb_import_free(imp);
}

Test(import, ids_with_digits_survive_the_mixed_array_rewrite, .init = test_setup)
{
    /* "2-e2e" looks like a real number to a reader that ignores quotes */
    pb_import *imp = import_ok("name,after,estimate\nPhase 2 e2e,,1\nStep 3,,2\n"
                               "Ship,\"Phase 2 e2e; Step 3\",1\n",
                               PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT);
    pb_scenario *s = written(imp);
    cr_assert_eq(s->milestones[2].n_after, 2);
    cr_assert_str_eq(s->milestones[2].after[0], "phase-2-e2e");
    cr_assert_str_eq(s->milestones[2].after[1], "step-3");
    pb_scenario_free(s);
    pb_import_free(imp);
}
