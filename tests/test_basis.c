/*
 * test_basis.c - what the confidence rests on, by the estimates' sources
 * (brief_basis.c): each estimate weighs its rank correlation with the finish,
 * squared, so a guess that drives the date outweighs data that barely moves it.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "brief_basis.h"
#include "facts.h"
#include "helpers.h"

/* Two milestones in series: 'measured' (data) uniform on [4, 5], 'tuning' (a guess) uniform on
   [2, 8], and 'review' (no source: counted as a guess) fixed at 1 week. The finish is their sum:
   the guess carries nearly all of its spread (variance 3 against 1/12 for the data: its rank
   correlation with the finish is about 0.99, the data's about 0.16). */
static const char SCENARIO[] =
    "version = 1;\n"
    "milestones = (\n"
    "  { id = \"measured\"; duration = { dist = \"uniform\"; min = 4.0; max = 5.0; }; source = "
    "\"data\"; },\n"
    "  { id = \"tuning\"; name = \"Tune the model\"; after = [\"measured\"]; duration = { dist "
    "= \"uniform\"; min = 2.0; max = 8.0; }; source = \"guess\"; },\n"
    "  { id = \"review\"; after = [\"tuning\"]; duration = 1.0; }\n"
    ");\n"
    "ask = { deadline = 12.0; confidence = 0.8; };\n";

Test(basis, a_guess_that_drives_the_date_outweighs_the_data, .init = test_setup)
{
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(SCENARIO, "basis.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file,
                 e.line, e.msg);
    pb_plan *p;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK, "%s", e.msg);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = 20000;
    o.seed = 3;
    pb_result *r;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    pb__facts f;
    cr_assert(pb__facts_init(&f, s));
    cr_assert_eq(pb__brief_basis(s, SCENARIO, r, &f, &e), PB_OK, "%s", e.msg);
    /* counts are exact: one measured, two guesses (one without a source) */
    cr_assert_eq(pb__facts_get(&f, "source.n_data"), 1.0);
    cr_assert_eq(pb__facts_get(&f, "source.n_expert"), 0.0);
    cr_assert_eq(pb__facts_get(&f, "source.n_guess"), 2.0);
    cr_assert_eq(pb__facts_get(&f, "source.by_count"), 0.0);
    double d = pb__facts_get(&f, "source.var_data"), g = pb__facts_get(&f, "source.var_guess");
    cr_assert_float_eq(d + g + pb__facts_get(&f, "source.var_expert"), 1.0, 1e-12);
    /* rank correlations of about 0.16 and 0.99: shares of about 2.5% and 97.5%; the sampling
       error of a Spearman correlation at n = 20000 is below 0.01, far inside these bounds */
    cr_assert(d > 0.005 && d < 0.06, "data share %g", d);
    cr_assert(g > 0.94, "guess share %g", g);
    pb__facts_release(&f);
    pb_result_free(r);
    pb_plan_free(p);
    pb_scenario_free(s);
}

/* A plan without a spread (every estimate fixed) weighs its estimates by count. */
Test(basis, a_plan_without_spread_is_weighed_by_count, .init = test_setup)
{
    static const char text[] =
        "version = 1;\n"
        "milestones = ( { id = \"a\"; duration = 2.0; source = \"data\"; },\n"
        "  { id = \"b\"; after = [\"a\"]; duration = 3.0; source = \"expert\"; },\n"
        "  { id = \"c\"; after = [\"b\"]; duration = 1.0; source = \"expert\"; },\n"
        "  { id = \"d\"; after = [\"c\"]; duration = 1.0; } );\n";
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(text, "flat.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_plan *p;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK, "%s", e.msg);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = 1000;
    pb_result *r;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    pb__facts f;
    cr_assert(pb__facts_init(&f, s));
    cr_assert_eq(pb__brief_basis(s, text, r, &f, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb__facts_get(&f, "source.by_count"), 1.0);
    cr_assert_float_eq(pb__facts_get(&f, "source.var_data"), 0.25, 1e-12);
    cr_assert_float_eq(pb__facts_get(&f, "source.var_expert"), 0.5, 1e-12);
    cr_assert_float_eq(pb__facts_get(&f, "source.var_guess"), 0.25, 1e-12);
    pb__facts_release(&f);
    pb_result_free(r);
    pb_plan_free(p);
    pb_scenario_free(s);
}
