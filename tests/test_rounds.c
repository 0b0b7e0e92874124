/*
 * test_rounds.c - experiment rounds against exact answers: with a fixed time
 * per round the rounds taken are geometric truncated at 'max', so P(metric
 * met), the mean, the distribution and the percentiles of the rounds, and
 * the finish when met are known exactly. Tolerances are 5 standard errors of
 * the iteration count; seeds are fixed.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 200000

static pb_scenario *parse(const char *text)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_status rc = pb_scenario_parse(text, "test.cfg", &s, &e);
    cr_assert_eq(rc, PB_OK, "scenario refused: %s:%d: %s", e.file, e.line, e.msg);
    return s;
}

static pb_result *run_scenario(const pb_scenario *s, size_t n, unsigned threads, bool keep)
{
    return test_run(s, n, 20261207, threads, keep);
}

static pb_result *simulate(const char *text, size_t n, unsigned threads, bool keep)
{
    pb_scenario *s = parse(text);
    pb_result *r = run_scenario(s, n, threads, keep);
    pb_scenario_free(s);
    return r;
}

#define HEAD "version = 1; name = \"t\"; unit = \"weeks\"; ask = { deadline = 6.0; };\n"

/* data 2 weeks, then training at 2 weeks a round, success 0.65, at most 4 rounds */
static const char *const FIXED = HEAD "milestones = ( { id = \"data\"; duration = 2.0; },\n"
                                      "  { id = \"train\"; after = [\"data\"]; duration = 2.0;\n"
                                      "    rounds = { success = 0.65; max = 4; }; } );\n";

Test(rounds, fixed_round_time_gives_the_truncated_geometric, .init = test_setup)
{
    pb_result *r = simulate(FIXED, N, 2, false);
    cr_assert_eq(r->n_rounds, 1);
    const pb_rounds_result *x = &r->rounds[0];
    cr_assert_eq(x->max, 4);
    double q = 0.35, pr[4] = {0.65, q * 0.65, q * q * 0.65, q * q * q};
    double met = 1 - pow(q, 4), mean = 0, m2 = 0;
    for (int k = 0; k < 4; k++) {
        mean += (k + 1) * pr[k];
        m2 += (k + 1) * (k + 1) * pr[k];
        cr_assert_float_eq(x->p_rounds[k], pr[k], tol_mean(sqrt(pr[k] * (1 - pr[k])), N),
                           "P(%d rounds) = %g, wanted %g", k + 1, x->p_rounds[k], pr[k]);
    }
    cr_assert_float_eq(x->p_met.value, met, tol_mean(sqrt(met * (1 - met)), N));
    cr_assert(x->p_met.lo <= x->p_met.value && x->p_met.value <= x->p_met.hi);
    cr_assert_float_eq(x->mean_rounds, mean, tol_mean(sqrt(m2 - mean * mean), N));
    /* CDF 0.65, 0.8775, 0.957125, 1: far from every level at this n */
    static const int want[PB_N_LEVELS] = {1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3};
    for (size_t k = 0; k < PB_N_LEVELS; k++)
        cr_assert_eq(x->rounds_pct[k], want[k], "P%g rounds = %d, wanted %d",
                     100 * pb_stats_levels[k], x->rounds_pct[k], want[k]);
    /* the finish is 2 + 2 rounds, exactly */
    cr_assert_float_eq(r->duration.mean, 2 + 2 * mean, tol_mean(2 * sqrt(m2 - mean * mean), N));
    cr_assert_float_eq(r->duration.max, 10.0, 1e-9);
    /* by 6 weeks and met: at most 2 rounds */
    double dm = pr[0] + pr[1];
    cr_assert_float_eq(r->p_deadline_met.value, dm, tol_mean(sqrt(dm * (1 - dm)), N));
    cr_assert_float_eq(r->p_met.value, x->p_met.value, 1e-12);
    /* when met: rounds 1..4 with pr / met; the median is 1 round, P90 3 rounds (6 + 2) */
    cr_assert_float_eq(r->finish_met.pct[5].value, 4.0, 1e-9);
    cr_assert_float_eq(r->finish_met.pct[9].value, 8.0, 1e-9);
    double cm = (4 * pr[0] + 6 * pr[1] + 8 * pr[2] + 10 * q * q * q * 0.65) / met;
    cr_assert_float_eq(r->finish_met.mean, cm, tol_mean(2.0, N));
    pb_result_free(r);
}

Test(rounds, per_round_success_list_repeats_its_last_value, .init = test_setup)
{
    /* never before round 3, always from it: exactly 3 rounds */
    pb_result *r = simulate(HEAD "milestones = ( { id = \"t\"; duration = 1.5;\n"
                                 "  rounds = { success = [0, 0, 1]; max = 6; }; } );\n",
                            20000, 1, false);
    cr_assert_float_eq(r->rounds[0].p_met.value, 1.0, 1e-12);
    cr_assert_float_eq(r->rounds[0].p_rounds[2], 1.0, 1e-12);
    cr_assert_float_eq(r->duration.min, 4.5, 1e-9);
    cr_assert_float_eq(r->duration.max, 4.5, 1e-9);
    pb_result_free(r);
    /* [0.0] repeating: never met, every round taken, no finish when met */
    r = simulate(HEAD "milestones = ( { id = \"t\"; duration = 1.0;\n"
                      "  rounds = { success = 0.0; max = 3; }; } );\n",
                 20000, 1, false);
    cr_assert_eq(r->p_met.value, 0.0);
    cr_assert_eq(r->p_deadline_met.value, 0.0);
    cr_assert_eq(r->finish_met.n, 0);
    cr_assert_float_eq(r->rounds[0].mean_rounds, 3.0, 1e-12);
    cr_assert_float_eq(r->duration.mean, 3.0, 1e-9);
    pb_result_free(r);
}

Test(rounds, effort_rounds_redraw_the_effort, .init = test_setup)
{
    /* 4 person-weeks by 2 people: 2 weeks a round; success 1/2, max 2 */
    pb_result *r = simulate(HEAD "team = ( { role = \"ml\"; people = 2; rate = 0.0; } );\n"
                                 "milestones = ( { id = \"t\"; effort = 4.0; role = \"ml\";\n"
                                 "  rounds = { success = 0.5; max = 2; }; } );\n",
                            N, 2, false);
    cr_assert_float_eq(r->duration.mean, 3.0, tol_mean(1.0, N));
    cr_assert_float_eq(r->rounds[0].p_met.value, 0.75, tol_mean(sqrt(0.75 * 0.25), N));
    pb_result_free(r);
}

/* uncertain rounds, a risk and a correlated neighbour: every stream at work */
static const char *const MIXED =
    HEAD "milestones = ( { id = \"data\"; duration = [1.0, 2.0, 4.0]; },\n"
         "  { id = \"eval\"; duration = [0.5, 1.0, 3.0]; },\n"
         "  { id = \"train\"; after = [\"data\"]; duration = [1.0, 2.0, 5.0];\n"
         "    rounds = { success = [0.3, 0.6]; max = 5; }; } );\n"
         "risks = ( { id = \"gpu\"; probability = 0.3; milestone = \"train\"; delay = 1.0; } );\n"
         "correlation = { groups = ( { milestones = [\"data\", \"eval\"]; rho = 0.5; } ); };\n";

Test(rounds, results_are_identical_for_any_thread_count, .init = test_setup)
{
    pb_result *a = simulate(MIXED, 50000, 1, false), *b = simulate(MIXED, 50000, 2, false);
    cr_assert_eq(memcmp(a->finish_samples, b->finish_samples, 50000 * sizeof(double)), 0);
    cr_assert_eq(a->rounds[0].mean_rounds, b->rounds[0].mean_rounds);
    cr_assert_eq(a->p_met.value, b->p_met.value);
    cr_assert_eq(a->finish_met.pct[8].value, b->finish_met.pct[8].value);
    for (int k = 0; k < 5; k++)
        cr_assert_eq(a->rounds[0].p_rounds[k], b->rounds[0].p_rounds[k]);
    pb_result_free(a);
    pb_result_free(b);
}

Test(rounds, common_random_numbers_hold_across_changes, .init = test_setup)
{
    /* one round that always succeeds draws exactly what the plain milestone draws */
    pb_scenario *s = parse(MIXED);
    pb_result *a = run_scenario(s, 20000, 1, true);
    pb_error e;
    cr_assert_eq(pb_scenario_set(s, "milestones.train.rounds", "{ success = 1.0; max = 1; }", &e),
                 PB_OK, "%s", e.msg);
    pb_scenario *plain =
        parse(HEAD "milestones = ( { id = \"data\"; duration = [1.0, 2.0, 4.0]; },\n"
                   "  { id = \"eval\"; duration = [0.5, 1.0, 3.0]; },\n"
                   "  { id = \"train\"; after = [\"data\"]; duration = [1.0, 2.0, "
                   "5.0]; } );\n"
                   "risks = ( { id = \"gpu\"; probability = 0.3; milestone = "
                   "\"train\"; delay = 1.0; } );\n"
                   "correlation = { groups = ( { milestones = [\"data\", "
                   "\"eval\"]; rho = 0.5; } ); };\n");
    pb_result *b = run_scenario(s, 20000, 1, false), *c = run_scenario(plain, 20000, 1, false);
    cr_assert_eq(memcmp(b->finish_samples, c->finish_samples, 20000 * sizeof(double)), 0);
    /* a change elsewhere (eval's estimate) leaves train's rounds, iteration by iteration */
    pb_scenario_free(s);
    s = parse(MIXED);
    cr_assert_eq(pb_scenario_set(s, "milestones.data.duration", "[2.0, 3.0, 6.0]", &e), PB_OK);
    pb_result *d = run_scenario(s, 20000, 1, true);
    /* train is last in plan order ([data, eval, train]); its duration row is unchanged */
    cr_assert_eq(
        memcmp(a->ms_duration + 2 * 20000, d->ms_duration + 2 * 20000, 20000 * sizeof(double)), 0);
    cr_assert_eq(a->rounds[0].mean_rounds, d->rounds[0].mean_rounds);
    pb_result_free(a);
    pb_result_free(b);
    pb_result_free(c);
    pb_result_free(d);
    pb_scenario_free(s);
    pb_scenario_free(plain);
}

static void refused(const char *rounds, int line, const char *words)
{
    char text[1024];
    snprintf(text, sizeof text,
             HEAD "milestones = ( { id = \"t\"; duration = 1.0;\n  rounds = %s; } );\n", rounds);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "test.cfg", &s, &e), PB_ERR_INVALID, "%s accepted",
                 rounds);
    cr_assert_eq(e.line, line, "%s: line %d, wanted %d (%s)", rounds, e.line, line, e.msg);
    cr_assert(strstr(e.msg, words), "%s: '%s' does not say '%s'", rounds, e.msg, words);
    cr_assert_null(s);
}

Test(rounds, bad_rounds_are_refused_at_their_line, .init = test_setup)
{
    refused("{ success = 0.5; }", 3, "needs 'success'");
    refused("{ success = 1.5; max = 3; }", 3, "probability in [0, 1]");
    refused("{ success = -0.1; max = 3; }", 3, "must be >= 0");
    refused("{ success = 0.5; max = 0; }", 3, "must be >= 1");
    refused("{ success = 0.5; max = 101; }", 3, "must be <= 100");
    refused("{ success = 0.5; max = 2.5; }", 3, "whole number");
    refused("{ success = [0.1, 0.2, 0.3]; max = 2; }", 3, "1 to 2 values");
    refused("{ success = []; max = 2; }", 3, "1 to 2 values");
    refused("{ success = 0.5; max = 3; tries = 2; }", 3, "unknown setting 'tries'");
    refused("5", 3, "must be a group");
}
