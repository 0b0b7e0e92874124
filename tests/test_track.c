/*
 * test_track.c - actuals, the re-forecast and the fever chart: known
 * answers (a half-done chain, the conditional remaining work, a fever chart
 * computed by hand), common random numbers, the CSV reader and the errors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 20000

static pb_scenario *parse(const char *text)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "track.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static pb_actuals *actuals(const pb_scenario *s, const char *text)
{
    pb_error e;
    pb_actuals *a = NULL;
    cr_assert_eq(pb_actuals_parse(s, text, "track.cfg", &a, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return a;
}

static pb_sim_opts opts(void)
{
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = N;
    o.seed = 7;
    o.threads = 2;
    return o;
}

static pb_result *simulate(const pb_scenario *s, pb_plan **p)
{
    pb_error e;
    pb_result *r = NULL;
    pb_sim_opts o = opts();
    cr_assert_eq(pb_plan_build(s, p, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_sim_run(*p, &o, &r, &e), PB_OK, "%s", e.msg);
    return r;
}

static pb_track_result *track(const pb_scenario *s, const pb_actuals *a)
{
    pb_error e;
    pb_track_result *r = NULL;
    pb_sim_opts o = opts();
    cr_assert_eq(pb_track_run(s, a, &o, &r, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    return r;
}

#define CHAIN_BC                                                                                     \
    "  { id = \"b\"; after = \"a\"; role = \"ml\"; effort = [4.0, 6.0, 11.0]; },\n"                  \
    "  { id = \"c\"; after = \"b\"; duration = { dist = \"lognormal\"; p10 = 2.0; p90 = 5.0; }; }\n" \
    ");\n"                                                                                           \
    "risks = ( { id = \"r\"; probability = 0.3; milestone = \"c\"; delay = [1.0, 2.0, 4.0]; } );\n"  \
    "correlation = { shared = [0.9, 1.0, 1.3]; };\n"

static const char *HALF_DONE = "version = 1;\n"
                               "team = ( { role = \"ml\"; people = 2; rate = 100.0; } );\n"
                               "milestones = (\n"
                               "  { id = \"a\"; role = \"ml\"; effort = [5.0, 8.0, 14.0]; done = { "
                               "actual = 9.5; }; },\n" CHAIN_BC "status = { as_of = 6.0; };\n";

static const char *DONE_FIXED = "version = 1;\n"
                                "team = ( { role = \"ml\"; people = 2; rate = 100.0; } );\n"
                                "milestones = (\n"
                                "  { id = \"a\"; duration = 0.0; },\n" CHAIN_BC;

/* A half-done chain re-forecasts exactly as the remaining chain with the done part fixed,
   iteration by iteration (the remaining milestones keep their streams). */
Test(track, a_half_done_chain_is_the_remaining_chain_from_as_of, .init = test_setup)
{
    pb_scenario *s = parse(HALF_DONE), *f = parse(DONE_FIXED);
    pb_actuals *a = actuals(s, HALF_DONE);
    cr_assert_float_eq(a->as_of, 6.0, 0);
    pb_track_result *r = track(s, a);
    pb_plan *p = NULL;
    pb_result *want = simulate(f, &p);
    cr_assert_eq(r->after->iterations, want->iterations);
    for (size_t i = 0; i < want->iterations; i++)
        cr_assert_float_eq(r->after->finish_samples[i], want->finish_samples[i], 1e-9,
                           "iteration %zu", i);
    cr_assert_float_eq(r->p80_after, 6.0 + want->duration.pct[8].value, 1e-9);
    cr_assert_float_eq(r->p50_after, 6.0 + want->duration.pct[5].value, 1e-9);
    cr_assert_eq(r->n_slips, 1);
    cr_assert_str_eq(r->slips[0].id, "a");
    cr_assert_float_eq(r->slips[0].now - r->slips[0].planned, 9.5 - (5.0 + 4 * 8.0 + 14.0) / 6,
                       1e-12);
    pb_result_free(want);
    pb_plan_free(p);
    pb_track_result_free(r);
    pb_actuals_free(a);
    pb_scenario_free(s);
    pb_scenario_free(f);
}

Test(track, the_conditional_remaining_work_is_exact_for_fixed_uniform_triangular,
     .init = test_setup)
{
    pb_error e;
    pb_dist out;
    bool exact;
    pb_dist d = pb_dist_uniform(2.0, 6.0);
    cr_assert_eq(pb_track_conditional(&d, 3.0, &out, &exact, &e), PB_OK);
    cr_assert(exact);
    cr_assert_eq(out.kind, PB_DIST_UNIFORM);
    cr_assert_float_eq(out.min, 0.0, 0);
    cr_assert_float_eq(out.max, 3.0, 0);
    cr_assert_eq(pb_track_conditional(&d, 1.0, &out, &exact, &e), PB_OK);
    cr_assert_float_eq(out.min, 1.0, 0);
    cr_assert_float_eq(out.max, 5.0, 0);
    d = pb_dist_fixed(5.0);
    cr_assert_eq(pb_track_conditional(&d, 2.0, &out, &exact, &e), PB_OK);
    cr_assert(exact && out.kind == PB_DIST_FIXED && out.value == 3.0);
    cr_assert_eq(pb_track_conditional(&d, 7.0, &out, &exact, &e), PB_OK);
    cr_assert(exact && out.value == 0.0, "an overrun fixed estimate has nothing left");
    d = pb_dist_triangular(2.0, 4.0, 10.0);
    cr_assert_eq(pb_track_conditional(&d, 6.0, &out, &exact, &e), PB_OK);
    cr_assert(exact && out.kind == PB_DIST_TRIANGULAR);
    cr_assert(out.min == 0.0 && out.mode == 0.0 && out.max == 4.0);
    /* the triangular's conditional CDF from its own CDF: (F(e + x) - F(e)) / (1 - F(e)) */
    pb_dist t = pb_dist_triangular(2.0, 4.0, 10.0);
    for (double x = 0.5; x < 4.0; x += 0.5) {
        double fe = pb_dist_cdf(&t, 6.0);
        cr_assert_float_eq(pb_dist_cdf(&out, x), (pb_dist_cdf(&t, 6.0 + x) - fe) / (1 - fe), 1e-12);
    }
    d = pb_dist_pert(2.0, 4.0, 10.0);
    cr_assert_eq(pb_track_conditional(&d, 10.0, &out, &exact, &e), PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "remaining"), "%s", e.msg);
    /* PERT inside its range: a PERT on [0, max - e] with the conditional's mean, which is
       the integral of its survival (1 - F(e + x)) / (1 - F(e)) over [0, max - e] */
    cr_assert_eq(pb_track_conditional(&d, 5.0, &out, &exact, &e), PB_OK);
    cr_assert(!exact && out.kind == PB_DIST_PERT);
    cr_assert(out.min == 0.0 && out.max == 5.0);
    double f5 = pb_dist_cdf(&d, 5.0), mean = 0;
    for (int k = 0; k < 100000; k++)
        mean += (1 - pb_dist_cdf(&d, 5.0 + 5.0 * (k + 0.5) / 100000)) / (1 - f5) * 5.0 / 100000;
    cr_assert_float_eq(pb_dist_mean(&out), mean, 1e-3 * mean);
    /* the truncated normal stays one: N(6, 2) given X > 5 is N(1, 2) truncated at 0, shifted */
    d = pb_dist_normal(6.0, 2.0);
    cr_assert_eq(pb_track_conditional(&d, 5.0, &out, &exact, &e), PB_OK);
    cr_assert(exact && out.kind == PB_DIST_NORMAL && out.mean == 1.0 && out.sd == 2.0);
    for (double x = 0.5; x < 6.0; x += 1.0) {
        double fe = pb_dist_cdf(&d, 5.0);
        cr_assert_float_eq(pb_dist_cdf(&out, x), (pb_dist_cdf(&d, 5.0 + x) - fe) / (1 - fe), 1e-9);
    }
    /* lognormal: the conditional's P50 and P90 exactly */
    d = pb_dist_lognormal(2.0, 8.0);
    cr_assert_eq(pb_track_conditional(&d, 5.0, &out, &exact, &e), PB_OK);
    cr_assert(!exact && out.kind == PB_DIST_LOGNORMAL);
    f5 = pb_dist_cdf(&d, 5.0);
    cr_assert_float_eq(out.p90, pb_dist_quantile(&d, f5 + 0.9 * (1 - f5)) - 5.0, 1e-9);
    cr_assert_float_eq(pb_dist_quantile(&out, 0.5), pb_dist_quantile(&d, f5 + 0.5 * (1 - f5)) - 5.0,
                       1e-6);
}

/* An active milestone with no 'remaining' is re-forecast from its conditioned estimate:
   uniform [2, 6] with 3 elapsed leaves uniform [0, 3] (P50 1.5, P80 2.4). */
Test(track, an_active_uniform_milestone_reforecasts_its_conditional, .init = test_setup)
{
    static const char *T = "version = 1;\n"
                           "milestones = ( { id = \"a\"; duration = { dist = \"uniform\"; min = "
                           "2.0; max = 6.0; }; active = { elapsed = 3.0; }; } );\n"
                           "status = { as_of = 3.0; };\n";
    pb_scenario *s = parse(T);
    pb_actuals *a = actuals(s, T);
    pb_track_result *r = track(s, a);
    /* the density of uniform [0, 3] is 1/3 */
    cr_assert_float_eq(r->p50_after, 3.0 + 1.5, tol_quantile(0.5, 1.0 / 3, N));
    cr_assert_float_eq(r->p80_after, 3.0 + 2.4, tol_quantile(0.8, 1.0 / 3, N));
    cr_assert_float_eq(r->p50_before, 4.0, tol_quantile(0.5, 1.0 / 4, N));
    pb_track_result_free(r);
    pb_actuals_free(a);
    pb_scenario_free(s);
}

/* An active fixed milestone: 5 weeks with 2 elapsed (it started 2 weeks late: as of 4)
   leaves exactly 3 in every iteration, and the one after it keeps its own draws: the
   re-forecast is 4 + 3 + b against the plan's 5 + b, 2 weeks later draw for draw. */
Test(track, an_active_fixed_milestone_reforecasts_exactly_what_is_left, .init = test_setup)
{
    static const char *T = "version = 1;\n"
                           "milestones = ( { id = \"a\"; duration = 5.0; active = { elapsed = "
                           "2.0; }; },\n"
                           "  { id = \"b\"; after = [\"a\"]; duration = [1.0, 2.0, 4.0]; } );\n"
                           "status = { as_of = 4.0; };\n";
    pb_scenario *s = parse(T);
    pb_actuals *a = actuals(s, T);
    pb_track_result *r = track(s, a);
    /* from as_of the remaining work is 3 + b; the plan as proposed 5 + b on the same b */
    for (size_t i = 0; i < r->after->iterations; i++)
        cr_assert_float_eq(r->after->finish_samples[i] + 2.0, r->before->finish_samples[i], 1e-9,
                           "iteration %zu", i);
    cr_assert_float_eq(r->p80_after, r->p80_before + 2.0, 1e-9);
    cr_assert_float_eq(r->p50_after, r->p50_before + 2.0, 1e-9);
    pb_track_result_free(r);
    pb_actuals_free(a);
    pb_scenario_free(s);
}

/* A made-up project: as of 10, planned P50 20 and P80 26, re-forecast P50 23. The buffer
   is 6 and 3 of it is used (50%); the remaining chain is 13 of 20, 35% done; the yellow
   line at 35% is 0.1 + 0.6 x 0.35 = 0.31 and the red one 0.3 + 0.7 x 0.35 = 0.545. */
Test(track, the_fever_chart_matches_a_hand_computation, .init = test_setup)
{
    pb_track_result r = {.as_of = 10, .p50_before = 20, .p80_before = 26, .p50_after = 23};
    pb_track_fever(&r);
    cr_assert_float_eq(r.buffer, 6.0, 1e-12);
    cr_assert_float_eq(r.used, 3.0, 1e-12);
    cr_assert_float_eq(r.progress, 0.35, 1e-12);
    cr_assert_float_eq(r.consumed, 0.5, 1e-12);
    cr_assert_str_eq(r.zone, "yellow");
    r.p50_after = 20.5; /* 2.5 / 6 = 0.083 consumed at 47.5% done: green */
    pb_track_fever(&r);
    cr_assert_str_eq(r.zone, "green");
    r.p50_after = 27; /* more than the buffer: red */
    pb_track_fever(&r);
    cr_assert_float_eq(r.consumed, 7.0 / 6, 1e-12);
    cr_assert_str_eq(r.zone, "red");
}

/* Risks marked passed never fire, happened always; a date as_of counts from the start. */
Test(track, risk_states_and_dates, .init = test_setup)
{
    static const char *T =
        "version = 1; unit = \"weeks\"; start = \"2027-01-04\";\n"
        "milestones = ( { id = \"a\"; duration = 2.0; done = { actual = 2.0; }; },\n"
        "  { id = \"b\"; after = \"a\"; duration = 3.0; },\n"
        "  { id = \"c\"; after = \"b\"; duration = 1.0; } );\n"
        "risks = ( { id = \"x\"; probability = 0.5; milestone = \"b\"; delay = 2.0; status = "
        "\"happened\"; },\n"
        "  { id = \"y\"; probability = 0.5; milestone = \"c\"; delay = 5.0; passed = true; "
        "} );\n"
        "status = { as_of = \"2027-01-18\"; };\n";
    pb_scenario *s = parse(T);
    pb_actuals *a = actuals(s, T);
    cr_assert_float_eq(a->as_of, 2.0, 1e-12);
    pb_track_result *r = track(s, a);
    cr_assert_float_eq(r->p50_after, 2.0 + 3.0 + 2.0 + 1.0, 1e-12);
    cr_assert_float_eq(r->p80_after, 8.0, 1e-12);
    pb_track_result_free(r);
    pb_actuals_free(a);
    pb_scenario_free(s);
}

static void expect_error(const char *text, int line, const char *words)
{
    pb_scenario *s = parse(text);
    pb_error e;
    pb_actuals *a = NULL;
    cr_assert_eq(pb_actuals_parse(s, text, "track.cfg", &a, &e), PB_ERR_INVALID, "%s", text);
    cr_assert_null(a);
    cr_assert_eq(e.line, line, "%d: %s", e.line, e.msg);
    cr_assert(strstr(e.msg, words), "%s", e.msg);
    pb_scenario_free(s);
}

Test(track, bad_actuals_name_the_line_and_the_fix, .init = test_setup)
{
    expect_error("version = 1;\nmilestones = ( { id = \"a\"; duration = 2.0;\n"
                 "  done = { actual = 1.0; }; } );\n",
                 3, "as_of");
    expect_error("version = 1;\nmilestones = ( { id = \"a\"; duration = 2.0; },\n"
                 "  { id = \"b\"; after = \"a\"; duration = 2.0; done = { actual = 1.0; }; } );\n"
                 "status = { as_of = 3.0; };\n",
                 3, "'a', which it comes after, is not done");
    expect_error("version = 1;\nmilestones = ( { id = \"a\"; duration = [1.0, 2.0, 3.0];\n"
                 "  active = { elapsed = 4.0; }; } );\nstatus = { as_of = 3.0; };\n",
                 3, "give 'remaining'");
    expect_error("version = 1;\nmilestones = ( { id = \"a\"; duration = 2.0;\n"
                 "  done = { actual = -1.0; }; } );\nstatus = { as_of = 3.0; };\n",
                 3, "'actual' must be >= 0");
    expect_error("version = 1;\nmilestones = ( { id = \"a\"; duration = 2.0;\n"
                 "  done = { actul = 1.0; }; } );\nstatus = { as_of = 3.0; };\n",
                 3, "needs 'actual'");
    expect_error("version = 1;\nmilestones = ( { id = \"a\"; duration = 2.0; } );\n"
                 "status = { as_of = \"2027-01-01\"; };\n",
                 3, "no 'start'");
    expect_error("version = 1;\nmilestones = ( { id = \"a\"; duration = 2.0; } );\n"
                 "risks = ( { id = \"r\"; probability = 0.1; milestone = \"a\"; delay = 1.0;\n"
                 "  status = \"gone\"; } );\n",
                 4, "\"passed\"");
}

static const char *write_tmp(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/pushback-test-track-%d-%s", (int)getpid(), name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* The CSV says what the scenario says: the same re-forecast, draw for draw. */
Test(track, actuals_from_csv_match_the_scenario_s, .init = test_setup)
{
    pb_scenario *s = parse(HALF_DONE);
    pb_actuals *a = actuals(s, HALF_DONE), *b = actuals(s, DONE_FIXED);
    pb_error e;
    const char *path = write_tmp("a.csv", "ID,Status,actual,elapsed\n"
                                          "a,done,9.5,\n"
                                          "\"b\",todo,,\n");
    b->as_of = 6.0;
    cr_assert_eq(pb_actuals_read_csv(b, s, path, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    pb_track_result *r = track(s, a), *q = track(s, b);
    for (size_t i = 0; i < r->after->iterations; i++)
        cr_assert_eq(r->after->finish_samples[i], q->after->finish_samples[i]);
    path = write_tmp("bad.csv", "id,status,actual\na,done,9.5\nb,halfway,\n");
    cr_assert_eq(pb_actuals_read_csv(b, s, path, &e), PB_ERR_INVALID);
    cr_assert_eq(e.line, 3);
    cr_assert(strstr(e.msg, "done, active or todo"), "%s", e.msg);
    /* a tracker's words and one 'remaining' cell: "In Progress", "1; 2; 4" */
    path = write_tmp("words.csv", "id,status,actual,elapsed,remaining\n"
                                  "a,Completed,9.5,,\n"
                                  "b,In Progress,,2.0,\"1; 2; 4\"\n");
    cr_assert_eq(pb_actuals_read_csv(b, s, path, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    const pb_track_ms *t = pb_actuals_milestone(b, "b");
    cr_assert(t && t->state == PB_TRACK_ACTIVE && t->has_remaining && t->elapsed == 2.0);
    cr_assert(t->remaining.kind == PB_DIST_PERT && t->remaining.min == 1.0 &&
              t->remaining.mode == 2.0 && t->remaining.max == 4.0);
    path = write_tmp("bad2.csv", "id,staus\n");
    cr_assert_eq(pb_actuals_read_csv(b, s, path, &e), PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "did you mean 'status'"), "%s", e.msg);
    remove(path);
    pb_track_result_free(r);
    pb_track_result_free(q);
    pb_actuals_free(a);
    pb_actuals_free(b);
    pb_scenario_free(s);
}
