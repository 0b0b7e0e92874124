/*
 * test_ml_everywhere.c - the ML features outside 'simulate' (docs/ml.md):
 * the per-iteration samples (rounds, metric met, growth) against the run's
 * own numbers, and a deal that promises the metric against the truncated
 * geometric. Tolerances are 5 standard errors of the iteration count.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 20000

/* One person: a fixed effort of 10 that grows, then a loop of one fixed week per round. */
static const char *PLAN =
    "version = 1; unit = \"weeks\"; ask = { deadline = 12.5; confidence = 0.8; };\n"
    "team = ( { role = \"ml\"; people = 1; } );\n"
    "growth = { dist = \"uniform\"; min = 0.0; max = 0.2; };\n"
    "metric = { target = 0.2; items = 2400; curve = { a = { dist = \"uniform\"; min = 4.0; "
    "max = 6.0; }; b = 0.5; c = 0.1; }; };\n"
    "milestones = ( { id = \"build\"; role = \"ml\"; effort = 10.0; },\n"
    "  { id = \"train\"; after = [\"build\"]; duration = 1.0;\n"
    "    rounds = { success = 0.5; max = 3; }; } );\n";

static pb_scenario *load(void)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(PLAN, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static pb_result *run(const pb_scenario *s, unsigned threads)
{
    return test_run(s, N, 5, threads, true);
}

Test(ml_samples, each_iteration_carries_its_rounds_its_metric_and_its_growth, .init = test_setup)
{
    pb_scenario *s = load();
    pb_result *r = run(s, 2);
    cr_assert_not_null(r->round_samples);
    cr_assert_not_null(r->curve_met);
    cr_assert_not_null(r->growth_samples);
    size_t met = 0, curve = 0;
    for (size_t i = 0; i < N; i++) {
        double g = r->growth_samples[i];
        cr_assert(g >= 0 && g <= 0.2);
        /* build: 10 (1 + g); train: one week per round taken */
        cr_assert_float_eq(r->ms_duration[0 * N + i], 10.0 * (1.0 + g), 1e-9);
        int code = r->round_samples[i], taken = code ? code : 3;
        cr_assert_float_eq(r->ms_duration[1 * N + i], (double)taken, 1e-9, "iteration %zu", i);
        cr_assert_float_eq(r->finish_samples[i], 10.0 * (1.0 + g) + taken, 1e-9);
        met += code != 0;
        curve += r->curve_met[i];
    }
    cr_assert_eq(met, (size_t)llround(r->p_met.value * N));
    cr_assert_eq(curve, (size_t)llround(r->p_curve.value * N));
    /* a ~ U(4, 6) at 2,400 items: met iff a <= 4.8984..., P = (sqrt(2400) / 10 - 4) / 2 */
    double pc = (sqrt(2400.0) / 10.0 - 4.0) / 2.0;
    cr_assert_float_eq(r->p_curve.value, pc, tol_mean(sqrt(pc * (1 - pc)), N));
    pb_result *t = run(s, 1);
    cr_assert_eq(memcmp(t->round_samples, r->round_samples, N), 0);
    cr_assert_eq(memcmp(t->curve_met, r->curve_met, N), 0);
    cr_assert_eq(memcmp(t->growth_samples, r->growth_samples, N * sizeof(double)), 0);
    pb_result_free(t);
    pb_result_free(r);
    pb_scenario_free(s);
}

Test(ml_deal, a_deal_that_promises_the_metric_counts_it_in_the_joint, .init = test_setup)
{
    pb_scenario *s = load();
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = 14.0;
    d.budget = d.confidence = NAN;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.threads = 2;
    o.metric = true;
    o.iterations = o.max_iterations = 65536;
    pb_error e;
    pb_deal_result *r = NULL;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    size_t n = r->iterations;
    /* met within 3 rounds: 7/8. Rounds taken k: 1 (P 1/2, met), 2 (1/4, met), 3 (1/4, met in
       half of them); by 14 weeks: build 10 (1 + g) + k <= 14 always for k <= 2, and for k = 3
       when g <= 0.1 (P 1/2). Met and by 14: 1/2 + 1/4 + 1/8 x 1/2; by 14 alone: 1/2 + 1/4 +
       1/4 x 1/2. The learning curve's target, met at 2,400 items with P pc = (sqrt(2400) / 10
       - 4) / 2 on draws of its own (independent of the schedule's), is promised too: the joint
       is their product */
    cr_assert(r->metric && r->has_rounds);
    cr_assert_float_eq(r->p_met.value, 0.875, tol_mean(sqrt(0.875 * 0.125), n));
    double pc = (sqrt(2400.0) / 10.0 - 4.0) / 2.0, dm = 0.5 + 0.25 + 0.125 * 0.5, j = dm * pc;
    cr_assert_float_eq(r->p_deadline_met.value, dm, tol_mean(sqrt(dm * (1 - dm)), n));
    cr_assert_float_eq(r->joint.value, j, tol_mean(sqrt(j * (1 - j)), n));
    cr_assert_leq(r->joint.value, r->p_deadline_met.value);
    cr_assert(r->has_curve);
    cr_assert_float_eq(r->curve_items, 2400.0, 1e-9);
    pb_deal_result_free(r);
    /* without the promise, the joint is the deadline alone */
    o.metric = false;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    cr_assert_not(r->metric);
    cr_assert_float_eq(r->joint.value, 0.875, tol_mean(sqrt(0.875 * 0.125), r->iterations));
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(ml_deal, promising_the_metric_needs_a_loop, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse("version = 1; milestones = ( { id = \"m\"; duration = 1.0; } );",
                                   "t.cfg", &s, &e),
                 PB_OK);
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = 2.0;
    d.budget = d.confidence = NAN;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.metric = true;
    pb_deal_result *r = NULL;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "experiment rounds"), "%s", e.msg);
    pb_scenario_free(s);
}

/* The manager's "10k is enough": the less-data alternative sets the count the curve trains on. */
Test(ml_brief, the_less_data_move_reads_the_curve_at_the_managers_count, .init = test_setup)
{
    const char *text =
        "version = 1; unit = \"weeks\"; ask = { deadline = 10.0; confidence = 0.8; };\n"
        "team = ( { role = \"data\"; people = 1; } );\n"
        "metric = { target = 0.2; items = \"label\"; curve = { a = 5.0; b = 0.5; c = 0.1; }; };\n"
        "milestones = ( { id = \"label\"; role = \"data\"; items = 2600; per_item = 0.001; },\n"
        "  { id = \"m\"; after = [\"label\"]; duration = 1.0; } );\n"
        "choices = ( { id = \"data\"; alternatives = ( { id = \"all\"; kind = \"vendor\"; },\n"
        "  { id = \"less\"; kind = \"less-data\"; patch = ( { milestone = \"label\"; items = 2400; } ); } ); }"
        " );\n";
    const char *rules =
        "rules = ( { id = \"less\"; topic = \"data\"; pressure = 50.0; change = { choice = "
        "\"less-data\"; };\n says = \"Label less.\";\n"
        " rebut = \"{deal.p_target|pct} at {deal.target_items|int}, {deal.date_gained|time} "
        "earlier\"; concede = \"{deal.p_target|pct} at {deal.target_items|int}, "
        "{deal.date_gained|time} earlier\"; } );\n";
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_rulebook *rb = NULL;
    cr_assert_eq(pb_rulebook_parse(rules, "r.cfg", s, &rb, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 4096;
    pb_brief *b = NULL;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(b->n_arguments, 1);
    /* 2,400 items miss the target (it needs 2,500) and label 0.2 weeks less */
    cr_assert(strstr(b->arguments[0].answer, "<0.1% at 2,400, 0.2 weeks earlier"), "%s",
              b->arguments[0].answer);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}
