/*
 * test_items.c - work that scales with a count ('items' and 'per_item')
 * against exact answers: the effort is items x one draw of the rate, so a
 * fixed rate gives an exact finish and a uniform rate the uniform's mean and
 * percentiles scaled by items; a learning curve whose 'items' names the
 * milestone moves with a what-if on the count. Tolerances are 5 standard
 * errors of the iteration count.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 200000

/* One 'data' person labels 'items' items at 'per_item' person-weeks each, then a fixed week. */
static pb_scenario *load(const char *items, const char *per_item, const char *metric)
{
    char text[2048];
    snprintf(text, sizeof text,
             "version = 1; unit = \"weeks\";\n"
             "team = ( { role = \"data\"; people = 1; rate = 100.0; } );\n%s\n"
             "milestones = ( { id = \"label\"; role = \"data\"; items = %s; per_item = %s; },\n"
             "  { id = \"m\"; after = [\"label\"]; duration = 1.0; } );\n",
             metric, items, per_item);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static pb_result *run(const pb_scenario *s, size_t n, unsigned threads)
{
    return test_run(s, n, 7, threads, false);
}

Test(items, a_fixed_rate_gives_items_times_the_rate_exactly, .init = test_setup)
{
    pb_scenario *s = load("2500", "0.002", "");
    pb_result *r = run(s, 1000, 1);
    /* 2,500 x 0.002 = 5 person-weeks by one person, then 1 week */
    cr_assert_float_eq(r->duration.mean, 6.0, 1e-9);
    cr_assert_float_eq(r->duration.pct[PB_P95].value, 6.0, 1e-9);
    cr_assert_float_eq(r->cost.mean, 600.0, 1e-6);
    pb_result_free(r);
    pb_scenario_free(s);
}

Test(items, a_uniform_rate_is_one_draw_scaled_by_the_count, .init = test_setup)
{
    /* per_item ~ U(0.001, 0.003) x 1,000 items: effort ~ U(1, 3), finish = effort + 1 */
    pb_scenario *s = load("1000", "{ dist = \"uniform\"; min = 0.001; max = 0.003; }", "");
    pb_result *r = run(s, N, 2);
    double sd = 2.0 / sqrt(12.0);
    cr_assert_float_eq(r->duration.mean, 3.0, tol_mean(sd, N));
    cr_assert_float_eq(r->duration.sd, sd, 0.01);
    cr_assert_float_eq(r->duration.pct[PB_P50].value, 3.0, tol_quantile(0.5, 0.5, N));
    cr_assert_float_eq(r->duration.pct[PB_P80].value, 3.6, tol_quantile(0.8, 0.5, N));
    cr_assert_float_eq(r->duration.pct[PB_P10].value, 2.2, tol_quantile(0.1, 0.5, N));
    pb_result *t = run(s, N, 1);
    cr_assert_eq(memcmp(r->finish_samples, t->finish_samples, N * sizeof(double)), 0,
                 "the thread count changed the draws");
    pb_result_free(t);
    /* the same draws as the equivalent effort: items scale the milestone's own stream */
    pb_error e;
    pb_scenario *u = load("1000", "{ dist = \"uniform\"; min = 0.001; max = 0.003; }", "");
    cr_assert_eq(pb_scenario_set(u, "milestones.label.items", "2000", &e), PB_OK, "%s", e.msg);
    t = run(u, N, 1);
    for (size_t i = 0; i < N; i += 997)
        cr_assert_float_eq(t->finish_samples[i] - 1.0, 2.0 * (r->finish_samples[i] - 1.0), 1e-9,
                           "iteration %zu: twice the items is not twice the work", i);
    pb_result_free(t);
    pb_result_free(r);
    pb_scenario_free(u);
    pb_scenario_free(s);
}

Test(items, a_what_if_on_the_count_moves_the_work_and_the_curve, .init = test_setup)
{
    /* 5 m^-0.5 + 0.1 <= 0.2 from m = 2,500 items on */
    const char *metric =
        "metric = { target = 0.2; items = \"label\"; curve = { a = 5.0; b = 0.5; c = 0.1; }; };";
    pb_scenario *s = load("2600", "0.001", metric);
    pb_result *r = run(s, 10000, 1);
    cr_assert_eq(r->p_curve.value, 1.0);
    cr_assert_float_eq(r->curve_items, 2600.0, 1e-9);
    cr_assert_float_eq(r->duration.mean, 3.6, 1e-9);
    cr_assert_float_eq(r->items_needed, 2500.0, 1e-6);
    pb_result_free(r);
    pb_error e;
    cr_assert_eq(pb_scenario_set(s, "milestones.label.items", "2400", &e), PB_OK, "%s", e.msg);
    cr_assert_float_eq(pb_scenario_curve_items(s), 2400.0, 1e-9);
    r = run(s, 10000, 1);
    cr_assert_eq(r->p_curve.value, 0.0);
    cr_assert_float_eq(r->duration.mean, 3.4, 1e-9);
    pb_result_free(r);
    pb_scenario_free(s);
}

static void refused(const char *milestone, const char *metric, int line, const char *words)
{
    char text[1024];
    snprintf(text, sizeof text,
             "version = 1;\nteam = ( { role = \"data\"; people = 1; } );\n%s\n"
             "milestones = (\n%s\n);\n",
             metric, milestone);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_ERR_INVALID, "%s accepted",
                 milestone);
    cr_assert_eq(e.line, line, "%s: line %d (%s)", milestone, e.line, e.msg);
    cr_assert(strstr(e.msg, words), "%s: '%s' lacks '%s'", milestone, e.msg, words);
}

Test(items, bad_counts_are_refused_at_their_line, .init = test_setup)
{
    const char *curve = "metric = { target = 0.2; items = \"label\"; curve = { a = 5.0; b = "
                        "0.5; c = 0.1; }; };";
    refused("{ id = \"label\"; role = \"data\"; per_item = 0.01; }", "", 5, "no 'items'");
    refused("{ id = \"label\"; role = \"data\"; items = 10; effort = 1.0; }", "", 5,
            "no 'per_item'");
    refused("{ id = \"label\"; role = \"data\"; effort = 1.0; items = 10; per_item = 0.1; }", "", 5,
            "'per_item' replaces 'effort'");
    refused("{ id = \"label\"; role = \"data\"; items = 10; per_item = 0.1; effort = 1.0; }", "", 5,
            "set 'per_item' or 'items'");
    refused("{ id = \"label\"; items = 10; per_item = 0.1; }", "", 5,
            "has 'per_item' but no 'role'");
    refused("{ id = \"label\"; role = \"data\"; items = 0.5; per_item = 0.1; }", "", 5,
            "'items' must be a count");
    refused("{ id = \"other\"; duration = 1.0; }", curve, 3, "unknown milestone 'label'");
    refused("{ id = \"label\"; duration = 1.0; }", curve, 3, "which has no 'items'");
}
