/*
 * test_engine.c - the engine against exact answers from probability theory.
 *
 * Each test writes a small scenario, simulates it with a fixed seed and
 * compares the result with a value derived by hand; statistical tolerances
 * come from the iteration count (tests/helpers.h), so a test fails when the
 * engine is wrong, not when it is unlucky.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

#define N 200000

/* Simulate 'text' (a scenario) with n iterations; the caller frees both. */
static pb_result *simulate_n(const char *text, size_t n, unsigned threads, bool keep,
                             pb_plan **plan_out)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_status rc = pb_scenario_parse(text, "test.cfg", &s, &e);
    cr_assert_eq(rc, PB_OK, "scenario refused: %s:%d: %s", e.file, e.line, e.msg);
    pb_plan *p = NULL;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = n;
    o.seed = 20261127;
    o.threads = threads;
    o.keep_samples = keep;
    pb_result *r = NULL;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    *plan_out = p;
    return r;
}

static pb_result *simulate(const char *text, pb_plan **plan_out)
{
    return simulate_n(text, N, 2, false, plan_out);
}

static void done(pb_result *r, pb_plan *p)
{
    pb_result_free(r);
    pb_plan_free(p);
}

static const pb_milestone_result *ms(const pb_result *r, const char *id)
{
    for (size_t k = 0; k < r->n_milestones; k++)
        if (!strcmp(r->milestones[k].id, id))
            return &r->milestones[k];
    cr_assert_fail("no milestone '%s'", id);
    return NULL;
}

#define P50 5
#define P80 8
#define P10 1
#define P90 9

Test(engine, chain_of_independent_milestones_sums_means_and_variances, .init = test_setup)
{
    /* pert [2,3,6]: mean (2 + 4 * 3 + 6) / 6 = 20/6; 2 + 4 Beta(2, 4) with
       alpha = 1 + 4 * 1/4 = 2, beta = 1 + 4 * 3/4 = 4 -> var = 16 * 8 / (36 * 7)
       triangular [1, 2, 4]: mean 7/3, var (1+4+16-2-4-8)/18 = 7/18
       uniform [1, 3]: mean 2, var 4/12 */
    const char *sc = "version = 1; milestones = ("
                     "{ id = \"a\"; duration = [2.0, 3.0, 6.0]; },"
                     "{ id = \"b\"; after = [\"a\"]; duration = { dist = \"triangular\"; min = 1; "
                     "mode = 2; max = 4; }; },"
                     "{ id = \"c\"; after = [\"b\"]; duration = { dist = \"uniform\"; min = 1.0; "
                     "max = 3.0; }; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    double mean = 20.0 / 6 + 7.0 / 3 + 2.0;
    double var = 16.0 * 2 * 4 / (36.0 * 7) + 7.0 / 18 + 4.0 / 12;
    double sd = sqrt(var);
    cr_assert_float_eq(r->duration.mean, mean, tol_mean(sd, N));
    /* a sample SD's standard error is sd sqrt((kurtosis - 1) / 4N); a sum of three
       bounded durations has kurtosis below 3, so sd / sqrt(2N) bounds it: 5 of them */
    cr_assert_float_eq(r->duration.sd, sd, 5 * sd / sqrt(2.0 * N));
    cr_assert_float_eq(ms(r, "b")->duration.mean, 7.0 / 3, tol_mean(sqrt(7.0 / 18), N));
    cr_assert_float_eq(ms(r, "c")->duration.mean, 2.0, tol_mean(sqrt(1.0 / 3), N));
    /* every milestone of a chain is critical in every iteration */
    cr_assert_float_eq(ms(r, "a")->criticality, 1.0, 1e-12);
    cr_assert_float_eq(ms(r, "c")->criticality, 1.0, 1e-12);
    cr_assert(r->duration.min >= 4.0 && r->duration.max <= 13.0);
    done(r, p);
}

Test(engine, maximum_of_parallel_branches_has_the_product_cdf, .init = test_setup)
{
    /* two independent uniform[2, 4]: P(max <= x) = ((x - 2) / 2)^2 */
    const char *sc = "version = 1; milestones = ("
                     "{ id = \"a\"; duration = { dist = \"uniform\"; min = 2; max = 4; }; },"
                     "{ id = \"b\"; duration = { dist = \"uniform\"; min = 2; max = 4; }; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        double q = pb_stats_levels[k], x = 2 + 2 * sqrt(q), f = (x - 2) / 2;
        cr_assert_float_eq(r->duration.pct[k].value, x, tol_quantile(q, f, N), "level %g", q);
        cr_assert(r->duration.pct[k].lo <= r->duration.pct[k].value);
        cr_assert(r->duration.pct[k].hi >= r->duration.pct[k].value);
    }
    cr_assert_float_eq(r->duration.mean, 2 + 4.0 / 3, tol_mean(2 * sqrt(2.0) / 6, N));
    /* each branch is critical when it is the longer: half the time */
    cr_assert_float_eq(ms(r, "a")->criticality, 0.5, tol_mean(0.5, N));
    done(r, p);
}

Test(engine, fixed_milestone_with_one_risk_is_a_two_point_distribution, .init = test_setup)
{
    const char *sc =
        "version = 1; milestones = ( { id = \"m\"; duration = 4.0; } );"
        "risks = ( { id = \"r\"; probability = 0.3; milestone = \"m\"; delay = 2.5; } );"
        "ask = { deadline = 5.0; };";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_float_eq(r->duration.mean, 4.0 + 0.3 * 2.5, tol_mean(2.5 * sqrt(0.21), N));
    cr_assert_float_eq(r->p_deadline.value, 0.7, tol_mean(sqrt(0.21), N));
    cr_assert(r->p_deadline.lo < r->p_deadline.value && r->p_deadline.value < r->p_deadline.hi);
    cr_assert_float_eq(r->risks[0].fired, 0.3, tol_mean(sqrt(0.21), N));
    cr_assert_float_eq(r->risks[0].mean_delay, 2.5, 1e-9);
    cr_assert_float_eq(ms(r, "m")->p_by_deadline.value, r->p_deadline.value, 1e-15);
    cr_assert_float_eq(r->duration.min, 4.0, 1e-12);
    cr_assert_float_eq(r->duration.max, 6.5, 1e-12);
    cr_assert_float_eq(r->duration.pct[P50].value, 4.0, 1e-12);
    cr_assert_float_eq(r->duration.pct[P80].value, 6.5, 1e-12);
    done(r, p);
}

Test(engine, effort_is_split_over_people_with_overhead, .init = test_setup)
{
    /* 3 people, overhead 0.1: speed 3 (1 - 0.2) = 2.4, so 12 person-weeks take 5 weeks */
    const char *sc =
        "version = 1; overhead = 0.1;"
        "team = ( { role = \"ml\"; people = 3; rate = 1000.0; } );"
        "milestones = ( { id = \"m\"; role = \"ml\"; effort = 12.0; people = [1, 3]; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_float_eq(r->duration.mean, 5.0, 1e-9);
    cr_assert_float_eq(r->duration.pct[P90].value, 5.0, 1e-9);
    /* labour: 3 people * 1000 per week * 5 weeks */
    cr_assert_float_eq(r->cost.mean, 15000.0, 1e-6);
    done(r, p);
}

Test(engine, two_milestones_contending_for_one_person_run_in_sequence, .init = test_setup)
{
    const char *sc = "version = 1; team = ( { role = \"ml\"; people = 1; } );"
                     "milestones = ( { id = \"a\"; role = \"ml\"; effort = 2.0; },"
                     "{ id = \"b\"; role = \"ml\"; effort = 3.25; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_float_eq(r->duration.mean, 5.25, 1e-9);
    cr_assert_float_eq(r->duration.max, 5.25, 1e-9);
    /* the longer one goes first (longest remaining path), the other waits */
    cr_assert_float_eq(ms(r, "b")->finish.mean, 3.25, 1e-9);
    cr_assert_float_eq(ms(r, "a")->finish.mean, 5.25, 1e-9);
    cr_assert_float_eq(ms(r, "a")->criticality, 1.0, 1e-12);
    cr_assert_float_eq(ms(r, "b")->criticality, 1.0, 1e-12);
    done(r, p);
}

Test(engine, two_people_let_contending_milestones_run_in_parallel, .init = test_setup)
{
    const char *sc = "version = 1; team = ( { role = \"ml\"; people = 2; } );"
                     "milestones = ( { id = \"a\"; role = \"ml\"; effort = 2.0; people = [1, 1]; },"
                     "{ id = \"b\"; role = \"ml\"; effort = 3.25; people = [1, 1]; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_float_eq(r->duration.mean, 3.25, 1e-9);
    cr_assert_float_eq(ms(r, "a")->criticality, 0.0, 1e-12);
    done(r, p);
}

Test(engine, every_cost_component_adds_up, .init = test_setup)
{
    /* labour 2 people * 500 * 4 weeks = 4000 (effort 8 over 2 people, no overhead);
       burn rate 300 * 3 weeks = 900; fixed cost 1234.5; needs 10 gpu * 2.5 = 25;
       a risk that always fires: delay 1 week on 'run' (burn 300 more) and cost 77 */
    const char *sc =
        "version = 1; labour = \"worked\"; team = ( { role = \"ml\"; people = 2; rate = 500.0; } );"
        "milestones = ( { id = \"work\"; role = \"ml\"; effort = 8.0; people = [2, 2]; },"
        "{ id = \"run\"; after = [\"work\"]; duration = 3.0; rate = 300.0; "
        "cost = 1234.5; needs = { gpu = 10.0; }; } );"
        "resources = ( { id = \"gpu\"; cost = 2.5; } );"
        "risks = ( { id = \"r\"; probability = 1.0; milestone = \"run\"; delay = 1.0; "
        "cost = 77.0; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_float_eq(r->cost.mean, 4000 + 300 * 4 + 1234.5 + 25 + 77, 1e-6);
    cr_assert_float_eq(r->duration.mean, 8.0, 1e-9);
    cr_assert_eq(r->n_needs, 1);
    cr_assert_float_eq(r->needs[0].mean, 10.0, 1e-9);
    /* labour: 2 people for 4 weeks */
    cr_assert_eq(r->n_roles, 1);
    cr_assert_float_eq(r->labour[0], 8.0, 1e-9);
    done(r, p);
}

Test(engine, lognormal_milestone_hits_its_p10_and_p90, .init = test_setup)
{
    const char *sc = "version = 1; milestones = ( { id = \"m\"; "
                     "duration = { dist = \"lognormal\"; p10 = 2.0; p90 = 8.0; }; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    /* p10 and p90 sit 1.2816 sigma either side of the log-median ln 4 */
    double mu = log(4.0), sigma = log(4.0) / (2 * 1.2815515655446004);
    double f10 = exp(-0.5 * 1.2815515655446004 * 1.2815515655446004) /
                 (2.0 * sigma * sqrt(2 * 3.14159265358979323846));
    double f90 = exp(-0.5 * 1.2815515655446004 * 1.2815515655446004) /
                 (8.0 * sigma * sqrt(2 * 3.14159265358979323846));
    cr_assert_float_eq(r->duration.pct[P10].value, 2.0, tol_quantile(0.1, f10, N));
    cr_assert_float_eq(r->duration.pct[P90].value, 8.0, tol_quantile(0.9, f90, N));
    double mean = exp(mu + sigma * sigma / 2);
    double sd = mean * sqrt(exp(sigma * sigma) - 1);
    cr_assert_float_eq(r->duration.mean, mean, tol_mean(sd, N));
    done(r, p);
}

Test(engine, pert_milestone_matches_the_beta_quantiles, .init = test_setup)
{
    /* pert [2, 3, 6] is 2 + 4 Beta(2, 4); its median from the exact quantile */
    pb_dist d = pb_dist_pert(2, 3, 6);
    const char *sc = "version = 1; milestones = ( { id = \"m\"; duration = [2.0, 3.0, 6.0]; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        double q = pb_stats_levels[k], x = pb_dist_quantile(&d, q);
        double h = 1e-4, f = (pb_dist_cdf(&d, x + h) - pb_dist_cdf(&d, x - h)) / (2 * h);
        cr_assert_float_eq(r->duration.pct[k].value, x, tol_quantile(q, f, N), "level %g", q);
    }
    done(r, p);
}

Test(engine, shared_factor_scales_every_duration, .init = test_setup)
{
    /* 10 weeks times uniform[0.9, 1.4]: uniform[9, 14] */
    const char *sc = "version = 1; milestones = ( { id = \"m\"; duration = 10.0; } );"
                     "correlation = { shared = { dist = \"uniform\"; min = 0.9; max = 1.4; }; };";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_float_eq(r->duration.mean, 11.5, tol_mean(5 / sqrt(12.0), N));
    cr_assert_float_eq(r->duration.pct[P80].value, 13.0, tol_quantile(0.8, 0.2, N));
    done(r, p);
}

Test(engine, correlation_groups_keep_each_marginal, .init = test_setup)
{
    const char *sc = "version = 1; milestones = ( { id = \"a\"; duration = [2.0, 3.0, 6.0]; },"
                     "{ id = \"b\"; duration = [2.0, 3.0, 6.0]; } );"
                     "correlation = { groups = ( { milestones = [\"a\", \"b\"]; rho = 0.6; } ); };";
    pb_plan *p;
    pb_result *r = simulate_n(sc, N, 2, true, &p);
    pb_dist d = pb_dist_pert(2, 3, 6);
    double mean = pb_dist_mean(&d), sd = pb_dist_sd(&d);
    cr_assert_float_eq(ms(r, "a")->duration.mean, mean, tol_mean(sd, N));
    cr_assert_float_eq(ms(r, "b")->duration.mean, mean, tol_mean(sd, N));
    /* a sample SD's standard error is sd sqrt((kurtosis - 1) / 4N); Beta(2, 4) has
       kurtosis 2.625, so 0.64 sd / sqrt(N): 5 of them */
    cr_assert_float_eq(ms(r, "b")->duration.sd, sd, 5 * 0.64 * sd / sqrt(N));
    double h = 1e-5, f = 2 * h / (pb_dist_quantile(&d, 0.5 + h) - pb_dist_quantile(&d, 0.5 - h));
    cr_assert_float_eq(ms(r, "a")->duration.pct[P50].value, pb_dist_quantile(&d, 0.5),
                       tol_quantile(0.5, f, N));
    /* and the pair keeps the rank correlation asked: the copula's Pearson r is
       2 sin(pi rho / 6), whose Spearman correlation is rho exactly; the sample
       Spearman's standard error is about (1 - rho^2) sqrt(1.06 / N) */
    double rho;
    pb_error e;
    cr_assert_eq(pb_stats_spearman(r->ms_duration, r->ms_duration + N, N, &rho, &e), PB_OK);
    cr_assert_float_eq(rho, 0.6, 5 * (1 - 0.36) * sqrt(1.06 / N), "Spearman %.4f", rho);
    done(r, p);
}

Test(engine, fully_correlated_parallel_branches_finish_like_one, .init = test_setup)
{
    /* rho = 1: both branches draw the same uniform, so max(a, b) = a */
    const char *sc = "version = 1; milestones = ( { id = \"a\"; duration = [2.0, 3.0, 6.0]; },"
                     "{ id = \"b\"; duration = [2.0, 3.0, 6.0]; } );"
                     "correlation = { groups = ( { milestones = [\"a\", \"b\"]; rho = 1.0; } ); };";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    pb_dist d = pb_dist_pert(2, 3, 6);
    cr_assert_float_eq(r->duration.mean, pb_dist_mean(&d), tol_mean(pb_dist_sd(&d), N));
    cr_assert_float_eq(r->duration.pct[P50].value, pb_dist_quantile(&d, 0.5), 0.02);
    done(r, p);
}

Test(engine, sensitivity_ranks_the_milestone_that_drives_the_date, .init = test_setup)
{
    const char *sc = "version = 1; milestones = ( { id = \"big\"; duration = [1.0, 5.0, 20.0]; },"
                     "{ id = \"small\"; after = [\"big\"]; duration = [1.0, 1.1, 1.2]; },"
                     "{ id = \"fixed\"; after = [\"small\"]; duration = 2.0; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_gt(ms(r, "big")->sensitivity, 0.95);
    cr_assert_lt(ms(r, "small")->sensitivity, 0.2);
    cr_assert_float_eq(ms(r, "fixed")->sensitivity, 0.0, 1e-12);
    done(r, p);
}

static void same_summary(const pb_summary *a, const pb_summary *b)
{
    cr_assert_eq(memcmp(a, b, sizeof *a), 0);
}

Test(engine, results_do_not_depend_on_the_thread_count, .init = test_setup)
{
    const char *sc =
        "version = 1; team = ( { role = \"ml\"; people = 2; rate = 10.0; } );"
        "milestones = ( { id = \"a\"; role = \"ml\"; effort = [2.0, 3.0, 6.0]; },"
        "{ id = \"b\"; role = \"ml\"; effort = [1.0, 3.0, 4.0]; people = [1, 1]; },"
        "{ id = \"c\"; after = [\"a\", \"b\"]; duration = [1.0, 2.0, 3.0]; } );"
        "risks = ( { id = \"r\"; probability = 0.2; milestone = \"c\"; delay = 1.0; } );";
    pb_plan *p1, *p2;
    pb_result *r1 = simulate_n(sc, 50001, 1, false, &p1),
              *r2 = simulate_n(sc, 50001, 3, false, &p2);
    cr_assert_eq(memcmp(r1->finish_samples, r2->finish_samples, 50001 * sizeof(double)), 0);
    same_summary(&r1->duration, &r2->duration);
    same_summary(&r1->cost, &r2->cost);
    for (size_t k = 0; k < r1->n_milestones; k++) {
        same_summary(&r1->milestones[k].duration, &r2->milestones[k].duration);
        same_summary(&r1->milestones[k].finish, &r2->milestones[k].finish);
        cr_assert_eq(r1->milestones[k].sensitivity, r2->milestones[k].sensitivity);
    }
    cr_assert_eq(r1->risks[0].mean_delay, r2->risks[0].mean_delay);
    done(r1, p1);
    done(r2, p2);
}

Test(engine, a_milestone_an_option_leaves_alone_keeps_its_draws, .init = test_setup)
{
    const char *sc =
        "version = 1; milestones = ( { id = \"a\"; duration = [2.0, 3.0, 6.0]; },"
        "{ id = \"b\"; after = [\"a\"]; duration = [1.0, 2.0, 4.0]; },"
        "{ id = \"extra\"; duration = [1.0, 2.0, 3.0]; } );"
        "options = ( { name = \"same\"; }, { name = \"cut\"; drop = [\"extra\"]; },"
        "{ name = \"slower\"; patch = ( { milestone = \"b\"; duration = [2.0, 3.0, 5.0]; } ); } );";
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_parse(sc, "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_result *res[4];
    pb_plan *plans[4];
    const char *names[4] = {NULL, "same", "cut", "slower"};
    for (int k = 0; k < 4; k++) {
        pb_scenario *c = pb_scenario_copy(s);
        if (names[k])
            cr_assert_eq(pb_scenario_apply_option(c, names[k], &e), PB_OK, "%s", e.msg);
        cr_assert_eq(pb_plan_build(c, &plans[k], &e), PB_OK);
        pb_scenario_free(c);
        pb_sim_opts o;
        pb_sim_opts_init(&o);
        o.iterations = 20000;
        cr_assert_eq(pb_sim_run(plans[k], &o, &res[k], &e), PB_OK);
    }
    /* an option identical to the base gives identical results */
    cr_assert_eq(memcmp(res[0]->finish_samples, res[1]->finish_samples, 20000 * sizeof(double)), 0);
    /* 'a' is untouched by every option: identical statistics */
    for (int k = 1; k < 4; k++)
        same_summary(&ms(res[0], "a")->duration, &ms(res[k], "a")->duration);
    /* 'b' is patched: its draws differ only through its new estimate */
    cr_assert_neq(ms(res[0], "b")->duration.mean, ms(res[3], "b")->duration.mean);
    for (int k = 0; k < 4; k++)
        done(res[k], plans[k]);
    pb_scenario_free(s);
}

Test(engine, automatic_mode_stops_when_p80_is_precise, .init = test_setup)
{
    pb_error e;
    pb_scenario *s;
    const char *sc = "version = 1; milestones = ( { id = \"a\"; duration = [2.0, 3.0, 6.0]; } );"
                     "ask = { deadline = 4.0; };";
    cr_assert_eq(pb_scenario_parse(sc, "t.cfg", &s, &e), PB_OK);
    pb_plan *p;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    pb_result *r;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK);
    cr_assert_str_eq(r->stopped, "converged");
    const pb_interval *p80 = &r->duration.pct[P80];
    cr_assert_leq(p80->hi - p80->value, 0.005 * p80->value);
    cr_assert_leq(p80->value - p80->lo, 0.005 * p80->value);
    cr_assert_leq(r->p_deadline.hi - r->p_deadline.value, 0.005);
    cr_assert_geq(r->iterations, 16384);
    pb_result_free(r);
    /* and respects the cap */
    o.max_iterations = 5000;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK);
    cr_assert_str_eq(r->stopped, "max-iterations");
    cr_assert_eq(r->iterations, 5000);
    pb_result_free(r);
    pb_plan_free(p);
    pb_scenario_free(s);
}

Test(engine, kept_samples_agree_with_the_summaries, .init = test_setup)
{
    pb_error e;
    pb_scenario *s;
    pb_plan *p;
    cr_assert_eq(pb_scenario_load("tests/data/small.cfg", &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = 3000;
    o.threads = 2;
    o.keep_samples = true;
    pb_result *r;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    size_t n = r->iterations, m = pb_plan_n_milestones(p);
    for (size_t i = 0; i < n; i++) {
        double last = 0;
        for (size_t t = 0; t < m; t++) {
            cr_assert_geq(r->ms_finish[t * n + i], r->ms_duration[t * n + i] - 1e-12);
            last = fmax(last, r->ms_finish[t * n + i]);
        }
        cr_assert_float_eq(last, r->finish_samples[i], 1e-12);
    }
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += r->ms_duration[0 * n + i];
    cr_assert_float_eq(sum / n, r->milestones[0].duration.mean, 1e-9);
    size_t fired = 0;
    for (size_t i = 0; i < n; i++)
        fired += r->risk_fired[i];
    cr_assert_float_eq((double)fired / n, r->risks[0].fired, 1e-12);
    pb_result_free(r);
    pb_plan_free(p);
    pb_scenario_free(s);
}

Test(engine, allocated_labour_costs_people_times_rate_times_finish, .init = test_setup)
{
    /* 'ml' allocated: 3 people * 500 * finish 8 = 12000, although only 2 of them work and
       only for 4 weeks; 'ops' worked: 1 person * 100 * 3 weeks = 300; burn 300 * 4 = 1200 */
    const char *sc =
        "version = 1; team = ( { role = \"ml\"; people = 3; rate = 500.0; },"
        "{ role = \"ops\"; people = 1; rate = 100.0; labour = \"worked\"; } );"
        "milestones = ( { id = \"work\"; role = \"ml\"; effort = 8.0; people = [2, 2]; },"
        "{ id = \"run\"; after = [\"work\"]; role = \"ops\"; effort = 3.0; },"
        "{ id = \"wait\"; after = [\"run\"]; duration = 1.0; rate = 300.0; } );";
    pb_plan *p;
    pb_result *r = simulate(sc, &p);
    cr_assert_float_eq(r->duration.mean, 8.0, 1e-9);
    cr_assert_float_eq(r->cost.mean, 3 * 500 * 8.0 + 100 * 3.0 + 300 * 1.0, 1e-6);
    cr_assert_float_eq(r->cost.min, r->cost.max, 1e-9);
    cr_assert_str_eq(pb_scenario_labour_name(pb_plan_scenario(p)), "mixed");
    done(r, p);
}
