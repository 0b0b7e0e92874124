/*
 * test_seek_rounds.c - the rounds seek against the truncated geometric: the
 * fewest rounds k with 1 - (1 - p)^k >= C, its exact chance, and the
 * schedule with that budget (a fixed week per round: the finish is the
 * rounds taken, whose distribution is exact). Tolerances are 5 standard
 * errors of the trial iteration count.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 40000

/* A fixed week of set-up, then a loop of one fixed week per round. */
static pb_seek_result *seek(const char *rounds, double deadline, unsigned threads)
{
    char text[1024];
    snprintf(text, sizeof text,
             "version = 1; unit = \"weeks\"; ask = { confidence = 0.8; };\n"
             "milestones = ( { id = \"setup\"; duration = 1.0; },\n"
             "  { id = \"train\"; after = [\"setup\"]; duration = 1.0; rounds = %s; } );\n",
             rounds);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_seek_opts o;
    pb_seek_opts_init(&o);
    o.deadline = deadline;
    o.iterations = N;
    o.base_iterations = 4000;
    o.threads = threads;
    o.n_sensitive = 0;
    pb_seek_result *r = NULL;
    cr_assert_eq(pb_seek_run(s, &o, &r, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return r;
}

Test(seek_rounds, the_budget_is_the_fewest_k_of_the_truncated_geometric, .init = test_setup)
{
    /* p = 0.3: 1 - 0.7^4 = 0.7599 < 0.8 <= 1 - 0.7^5 = 0.83193 */
    pb_seek_result *r = seek("{ success = 0.3; max = 3; }", 4.5, 2);
    cr_assert_eq(r->n_rounds, 1);
    const pb_seek_rounds *q = &r->rounds[0];
    cr_assert_str_eq(q->id, "train");
    cr_assert_eq(q->planned, 3);
    cr_assert_float_eq(q->p_planned, 1 - pow(0.7, 3), 1e-12);
    cr_assert(q->feasible);
    cr_assert_eq(q->needed, 5);
    cr_assert_float_eq(q->p_needed, 1 - pow(0.7, 5), 1e-12);
    double p = 1 - pow(0.7, 5);
    cr_assert_float_eq(q->p_met.value, p, tol_mean(sqrt(p * (1 - p)), N));
    /* with 5 rounds P(rounds <= 4) = 0.7599 < 0.8: the P80 finish is 1 + 5 weeks */
    cr_assert_float_eq(q->date, 6.0, 1e-9);
    /* by 4.5 weeks and met: met within 3 rounds */
    double j = 1 - pow(0.7, 3);
    cr_assert_float_eq(q->p_joint.value, j, tol_mean(sqrt(j * (1 - j)), N));
    pb_seek_result *t = seek("{ success = 0.3; max = 3; }", 4.5, 1);
    cr_assert_eq(t->rounds[0].p_met.value, q->p_met.value, "the thread count changed the answer");
    cr_assert_eq(t->rounds[0].p_joint.value, q->p_joint.value);
    pb_seek_free(t);
    pb_seek_free(r);
}

Test(seek_rounds, per_round_chances_and_a_loop_that_never_gets_there, .init = test_setup)
{
    /* 0.2, then 1 - 0.8 x 0.5 = 0.6, then 1 - 0.8 x 0.5 x 0.1 = 0.96 */
    pb_seek_result *r = seek("{ success = [0.2, 0.5, 0.9]; max = 3; }", 10.0, 1);
    cr_assert_eq(r->rounds[0].needed, 3);
    cr_assert_float_eq(r->rounds[0].p_needed, 0.96, 1e-12);
    pb_seek_free(r);
    /* the last value (0) repeats: P(met) never passes 0.5 */
    r = seek("{ success = [0.5, 0.0]; max = 2; }", 10.0, 1);
    cr_assert_not(r->rounds[0].feasible);
    cr_assert_eq(r->rounds[0].needed, PB_MAX_ROUNDS);
    cr_assert_float_eq(r->rounds[0].p_needed, 0.5, 1e-12);
    pb_seek_free(r);
}

Test(seek_rounds, a_plan_without_rounds_has_no_rounds_seek, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse("version = 1; milestones = ( { id = \"m\"; duration = 1.0; } );",
                                   "t.cfg", &s, &e),
                 PB_OK);
    pb_seek_opts o;
    pb_seek_opts_init(&o);
    o.deadline = 2.0;
    o.iterations = 1000;
    o.base_iterations = 1000;
    pb_seek_result *r = NULL;
    cr_assert_eq(pb_seek_run(s, &o, &r, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(r->n_rounds, 0);
    cr_assert_null(r->rounds);
    pb_seek_free(r);
    pb_scenario_free(s);
}

/*
 * A looping gate on a fixed plan: set-up 1 week, then 'train' (a gate, one
 * week a round, p = 0.3); 'report' (0.5 weeks after set-up) does not wait for
 * it, 'docs' (10 weeks after set-up) does not either but is not done by the
 * stop, 'demo' waits for it. With 5 rounds budgeted, no-go has P 0.7^5 and
 * stops the project at exactly 1 + 5 weeks.
 */
Test(seek_rounds, a_looping_gate_says_what_ships_on_no_go, .init = test_setup)
{
    const char *text =
        "version = 1; unit = \"weeks\"; ask = { deadline = 8.0; confidence = 0.8; };\n"
        "milestones = ( { id = \"setup\"; duration = 1.0; },\n"
        "  { id = \"train\"; after = [\"setup\"]; duration = 1.0; gate = true;\n"
        "    rounds = { success = 0.3; max = 3; }; },\n"
        "  { id = \"report\"; after = [\"setup\"]; duration = 0.5; deliverable = true; },\n"
        "  { id = \"docs\"; after = [\"setup\"]; duration = 10.0; deliverable = true; },\n"
        "  { id = \"demo\"; after = [\"train\"]; duration = 1.0; deliverable = true; } );\n";
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_seek_opts o;
    pb_seek_opts_init(&o);
    o.iterations = N;
    o.base_iterations = 4000;
    o.n_sensitive = 0;
    pb_seek_result *r = NULL;
    cr_assert_eq(pb_seek_run(s, &o, &r, &e), PB_OK, "%s", e.msg);
    const pb_seek_rounds *q = &r->rounds[0];
    cr_assert_eq(q->needed, 5);
    cr_assert(q->gate);
    double p = pow(0.7, 5);
    cr_assert_float_eq(q->p_nogo.value, p, tol_mean(sqrt(p * (1 - p)), N));
    cr_assert_float_eq(q->stop_p50, 6.0, 1e-9);
    cr_assert_float_eq(q->stop_p80, 6.0, 1e-9);
    cr_assert_eq(q->n_ships, 2);
    cr_assert_str_eq(q->ships[0].id, "report");
    cr_assert_eq(q->ships[0].p, 1.0);
    cr_assert_str_eq(q->ships[1].id, "docs");
    cr_assert_eq(q->ships[1].p, 0.0);
    pb_seek_free(r);
    pb_scenario_free(s);
}
