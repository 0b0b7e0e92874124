/*
 * test_whatif.c - paired comparisons on common random numbers.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

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
