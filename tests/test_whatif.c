/*
 * test_whatif.c - paired comparisons on common random numbers.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"
#include "sim_internal.h"

static const char *PLAN =
    "version = 1; team = ( { role = \"ml\"; people = 2; rate = 100.0; } );"
    "milestones = ( { id = \"a\"; duration = [1.0, 2.0, 4.0]; },"
    "{ id = \"b\"; after = [\"a\"]; duration = [1.0, 2.0, 3.0]; },"
    "{ id = \"c\"; after = [\"b\"]; role = \"ml\"; effort = [2.0, 3.0, 6.0]; },"
    "{ id = \"side\"; duration = [0.5, 1.0, 2.0]; } );"
    "risks = ( { id = \"r\"; probability = 0.3; milestone = \"a\"; delay = 1.5; } );"
    "ask = { deadline = 9.0; budget = 2000.0; };"
    "options = ( { name = \"same\"; },"
    "  { name = \"later\"; patch = ( { milestone = \"b\"; duration = [2.0, 3.0, 4.0]; } ); },"
    "  { name = \"solo\"; team = { ml = 1; }; } );";

static pb_comparison *compare(size_t n)
{
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_parse(PLAN, "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = n;
    o.threads = 2;
    pb_comparison *c;
    cr_assert_eq(pb_compare_run(s, &o, false, &c, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return c;
}

static void zero(const pb_interval *v)
{
    cr_assert_eq(v->value, 0.0);
    cr_assert_eq(v->lo, 0.0);
    cr_assert_eq(v->hi, 0.0);
}

Test(whatif, an_option_that_changes_nothing_differs_by_exactly_zero, .init = test_setup)
{
    pb_comparison *c = compare(20000);
    cr_assert_eq(c->n_entries, 4);
    const pb_paired *d = &pb_comparison_entry(c, "same")->vs_base;
    zero(&d->mean);
    zero(&d->p50);
    zero(&d->p80);
    zero(&d->p90);
    zero(&d->p_deadline);
    zero(&d->cost_mean);
    zero(&d->cost_p80);
    /* neither finishes before the other in any iteration */
    cr_assert_eq(d->p_before.value, 0.0);
    cr_assert_eq(d->p_after.value, 0.0);
    pb_comparison_free(c);
}

Test(whatif, a_fixed_week_on_every_path_shifts_every_percentile_by_a_week, .init = test_setup)
{
    /* pert [2, 3, 4] is pert [1, 2, 3] plus one, drawn from the same uniform */
    pb_comparison *c = compare(20000);
    const pb_paired *d = &pb_comparison_entry(c, "later")->vs_base;
    cr_assert_float_eq(d->mean.value, 1.0, 1e-9);
    cr_assert_float_eq(d->mean.lo, 1.0, 1e-9);
    cr_assert_float_eq(d->mean.hi, 1.0, 1e-9);
    cr_assert_float_eq(d->p50.value, 1.0, 1e-9);
    cr_assert_float_eq(d->p80.value, 1.0, 1e-9);
    cr_assert_float_eq(d->p90.value, 1.0, 1e-9);
    cr_assert_float_eq(d->p80.lo, 1.0, 1e-9);
    cr_assert_float_eq(d->p80.hi, 1.0, 1e-9);
    cr_assert_float_eq(d->p_after.value, 1.0, 1e-12);
    cr_assert_float_eq(d->p_before.value, 0.0, 1e-12);
    const pb_result *base = c->entries[0].result, *later = pb_comparison_entry(c, "later")->result;
    for (size_t k = 0; k < PB_N_LEVELS; k++)
        cr_assert_float_eq(later->duration.pct[k].value, base->duration.pct[k].value + 1.0, 1e-9);
    pb_comparison_free(c);
}

Test(whatif, fewer_people_are_slower_on_every_iteration, .init = test_setup)
{
    /* effort e on 2 people takes e / 2; on 1 person e: the difference is c's effort / 2 */
    pb_comparison *c = compare(20000);
    const pb_paired *d = &pb_comparison_entry(c, "solo")->vs_base;
    pb_dist eff = pb_dist_pert(2, 3, 6);
    cr_assert_float_eq(d->mean.value, pb_dist_mean(&eff) / 2,
                       tol_mean(pb_dist_sd(&eff) / 2, 20000));
    cr_assert_float_eq(d->p_after.value, 1.0, 1e-12);
    cr_assert_lt(d->p_deadline.value, 0.0);
    cr_assert(d->p_deadline.lo <= d->p_deadline.value && d->p_deadline.value <= d->p_deadline.hi);
    cr_assert_eq(c->entries[0].result->iterations,
                 pb_comparison_entry(c, "solo")->result->iterations);
    pb_comparison_free(c);
}

Test(whatif, pairs_need_equal_counts_and_seeds, .init = test_setup)
{
    pb_comparison *c = compare(5000);
    pb_paired d;
    pb_error e;
    pb_result fake = *c->entries[1].result;
    fake.seed = 99;
    cr_assert_eq(pb_paired_compute(c->entries[0].result, &fake, NAN, &d, &e), PB_ERR_USAGE);
    fake = *c->entries[1].result;
    fake.iterations = 10;
    cr_assert_eq(pb_paired_compute(c->entries[0].result, &fake, NAN, &d, &e), PB_ERR_USAGE);
    pb_comparison_free(c);
}

/* Every kind of draw (copula group, shared factor, growth, rounds, needs, risk and own costs) and
   options that keep, patch, drop and restaff milestones. */
static const char *RICH =
    "version = 1; team = ( { role = \"ml\"; people = 3; rate = 100.0; } );"
    "growth = [0.0, 0.1, 0.3];"
    "milestones = ( { id = \"a\"; duration = [1.0, 2.0, 4.0]; cost = [10.0, 20.0, 40.0]; },"
    "{ id = \"b\"; after = [\"a\"]; role = \"ml\"; effort = [2.0, 3.0, 6.0]; people = [1, 2];"
    "  needs = { gpu = [1.0, 2.0, 5.0]; }; rounds = { success = [0.5, 0.7]; max = 3; }; },"
    "{ id = \"c\"; after = [\"a\"]; role = \"ml\"; effort = { dist = \"lognormal\"; p10 = 1.0;"
    "  p90 = 3.0; }; people = [1, 2]; },"
    "{ id = \"d\"; after = [\"b\", \"c\"]; duration = [1.0, 1.5, 3.0]; rate = 50.0; },"
    "{ id = \"e\"; after = [\"c\"]; role = \"ml\"; effort = [1.0, 2.0, 3.0]; optional = true; } );"
    "resources = ( { id = \"gpu\"; cost = 3.0; } );"
    "risks = ( { id = \"r\"; probability = 0.3; milestone = \"a\"; delay = [1.0, 1.5, 3.0];"
    "  cost = [5.0, 6.0, 9.0]; },"
    "  { id = \"s\"; probability = 0.2; milestone = \"c\"; delay = 1.0; } );"
    "correlation = { shared = [0.9, 1.0, 1.2];"
    "  groups = ( { milestones = [\"b\", \"c\"]; rho = 0.5; } ); };"
    "ask = { deadline = 12.0; budget = 9000.0; };"
    "options = ( { name = \"patched\"; patch = ( { milestone = \"c\"; effort = [1.0, 2.0, 4.0]; } );"
    "  }, { name = \"dropped\"; drop = [\"e\"]; }, { name = \"more\"; team = { ml = 5; }; } );";

/* Option k (0: the base) of s run alone. */
static pb_result *alone(const pb_scenario *s, size_t k, const pb_sim_opts *o)
{
    pb_error e;
    pb_scenario *c = pb_scenario_copy(s);
    if (k)
        cr_assert_eq(pb_scenario_apply_option(c, s->options[k - 1].name, &e), PB_OK, "%s", e.msg);
    pb_plan *p;
    cr_assert_eq(pb_plan_build(c, &p, &e), PB_OK, "%s", e.msg);
    pb_result *r;
    cr_assert_eq(pb_sim_run(p, o, &r, &e), PB_OK, "%s", e.msg);
    pb_plan_free(p);
    pb_scenario_free(c);
    return r;
}

Test(whatif, options_sharing_the_bases_draws_equal_their_runs_alone, .init = test_setup)
{
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_parse(RICH, "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    size_t counts[] = {10000, 0}; /* fixed, and the automatic mode */
    unsigned threads[] = {1, 3};
    for (size_t ci = 0; ci < 2; ci++) {
        for (size_t ti = 0; ti < 2; ti++) {
            pb_sim_opts o;
            pb_sim_opts_init(&o);
            o.iterations = counts[ci];
            o.min_iterations = 4096;
            o.max_iterations = 20000;
            o.threads = threads[ti];
            o.detail = false;
            pb_comparison *c;
            cr_assert_eq(pb_compare_run(s, &o, false, &c, &e), PB_OK, "%s", e.msg);
            cr_assert_eq(c->n_entries, 4);
            o.iterations = c->iterations;
            for (size_t k = 0; k < c->n_entries; k++) {
                pb_result *r = alone(s, k, &o), *x = c->entries[k].result;
                cr_assert_eq(x->iterations, r->iterations);
                size_t n = r->iterations * sizeof(double);
                cr_assert(!memcmp(x->finish_samples, r->finish_samples, n), "%zu", k);
                cr_assert(!memcmp(x->cost_samples, r->cost_samples, n), "%zu", k);
                cr_assert_eq(x->duration.mean, r->duration.mean);
                cr_assert_eq(x->cost.mean, r->cost.mean);
                pb_result_free(r);
            }
            pb_comparison_free(c);
        }
    }
    pb_scenario_free(s);
}

Test(whatif, an_option_shares_exactly_the_milestones_it_leaves_alone, .init = test_setup)
{
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_parse(RICH, "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_plan *base;
    cr_assert_eq(pb_plan_build(s, &base, &e), PB_OK, "%s", e.msg);
    /* patched: c has a new effort; dropped: e is gone; more: only the team changed */
    const char *names[] = {"patched", "dropped", "more"};
    size_t shared[] = {4, 4, 5}, n_ms[] = {5, 4, 5};
    for (size_t k = 0; k < 3; k++) {
        pb_scenario *c = pb_scenario_copy(s);
        cr_assert_eq(pb_scenario_apply_option(c, names[k], &e), PB_OK, "%s", e.msg);
        pb_plan *p;
        cr_assert_eq(pb_plan_build(c, &p, &e), PB_OK, "%s", e.msg);
        pb__share sh;
        cr_assert(pb__share_build(&sh, base, p));
        cr_assert_eq(sh.n_shared, shared[k], "%s", names[k]);
        cr_assert_eq(p->n_ms, n_ms[k]);
        cr_assert(sh.iterations);
        for (size_t t = 0; t < p->n_ms; t++)
            cr_assert_eq(sh.from[t] == SIZE_MAX, k == 0 && !strcmp(p->ms[t].id, "c"));
        pb__share_release(&sh);
        pb_plan_free(p);
        pb_scenario_free(c);
    }
    pb_plan_free(base);
    pb_scenario_free(s);
}
