/*
 * test_seek.c - goal seeks against answers worked out by hand.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

static pb_seek_result *seek(const char *text, double deadline)
{
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_seek_opts o;
    pb_seek_opts_init(&o);
    o.deadline = deadline;
    o.iterations = 4000;
    o.base_iterations = 20000;
    o.threads = 2;
    pb_seek_result *r;
    cr_assert_eq(pb_seek_run(s, &o, &r, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return r;
}

/* 12 person-weeks with no overhead: k people take 12 / k weeks, exactly */
static const char *PEOPLE = "version = 1; team = ( { role = \"ml\"; people = 2; } );"
                            "milestones = ( { id = \"m\"; role = \"ml\"; effort = 12.0; "
                            "people = [1, 8]; } );";

Test(seek, fewest_people_found_by_hand, .init = test_setup)
{
    /* by 4.5 weeks: 12 / k <= 4.5 needs k >= 2.67, so 3 */
    pb_seek_result *r = seek(PEOPLE, 4.5);
    cr_assert_eq(r->n_people, 2);
    cr_assert_str_eq(r->people[0].role, "ml");
    cr_assert(r->people[0].feasible);
    cr_assert_eq(r->people[0].fewest, 3);
    cr_assert_eq(r->people[0].planned, 2);
    cr_assert_float_eq(r->people[0].p.value, 1.0, 1e-12);
    cr_assert_null(r->people[1].role);
    cr_assert_eq(r->people[1].fewest, 3);
    cr_assert(!r->meets);
    pb_seek_free(r);
}

Test(seek, people_beyond_the_cap_do_not_help, .init = test_setup)
{
    /* by 1 week needs 12 people, but at most 8 can work on it */
    pb_seek_result *r = seek(PEOPLE, 1.0);
    cr_assert(!r->people[0].feasible);
    cr_assert_eq(r->people[0].best, 8);
    cr_assert_float_eq(r->people[0].p.value, 0.0, 1e-12);
    pb_seek_free(r);
}

Test(seek, past_the_overhead_peak_fewer_people_are_faster, .init = test_setup)
{
    /* overhead 0.2: k people go at k (1 - 0.2 (k - 1)) = 1, 1.6, 1.8, 1.6, 1, 0 for k = 1..6,
       so 10 person-weeks take 10, 6.25, 5.56, 6.25, 10 weeks and never end with 6 */
    const char *sc = "version = 1; overhead = 0.2; team = ( { role = \"dev\"; people = 4; } );"
                     "milestones = ( { id = \"a\"; role = \"dev\"; effort = 10.0; } );";
    pb_seek_result *r = seek(sc, 6.0);
    cr_assert(r->people[0].feasible, "3 people take 5.56 weeks");
    cr_assert_eq(r->people[0].fewest, 3);
    cr_assert_eq(r->people[0].planned, 4);
    cr_assert_float_eq(r->people[0].p.value, 1.0, 1e-12);
    cr_assert_eq(r->people[1].fewest, 3);
    cr_assert_float_eq(r->people[1].p.value, 1.0, 1e-12);
    pb_seek_free(r);
    /* by 5 weeks no team is enough: the best, at the peak, is 3 */
    r = seek(sc, 5.0);
    cr_assert(!r->people[0].feasible);
    cr_assert_eq(r->people[0].best, 3);
    cr_assert_float_eq(r->people[0].p.value, 0.0, 1e-12);
    pb_seek_free(r);
}

Test(seek, the_smallest_scope_cut_is_found, .init = test_setup)
{
    /* 5 + 3 + 2 + 2 = 12 weeks; by 8 cut 4 weeks: {a, c} loses 2, {b, c} 6, {a, b} 6 */
    const char *sc =
        "version = 1; milestones = ( { id = \"core\"; duration = 5.0; },"
        "{ id = \"a\"; after = [\"core\"]; duration = 3.0; optional = true; value = 1.0; },"
        "{ id = \"b\"; after = [\"a\"]; duration = 2.0; optional = true; value = 5.0; },"
        "{ id = \"c\"; after = [\"b\"]; duration = 2.0; optional = true; value = 1.0; } );";
    pb_seek_result *r = seek(sc, 8.0);
    cr_assert(r->cut.needed);
    cr_assert(r->cut.feasible);
    cr_assert(r->cut.exact);
    cr_assert_eq(r->cut.n_dropped, 2);
    cr_assert_str_eq(r->cut.dropped[0], "a");
    cr_assert_str_eq(r->cut.dropped[1], "c");
    cr_assert_float_eq(r->cut.value_lost, 2.0, 1e-12);
    cr_assert_float_eq(r->cut.p.value, 1.0, 1e-12);
    pb_seek_free(r);
    /* by 4 weeks nothing is enough: the core alone takes 5 */
    r = seek(sc, 4.0);
    cr_assert(r->cut.needed);
    cr_assert(!r->cut.feasible);
    pb_seek_free(r);
}

Test(seek, break_even_of_a_risk_and_an_estimate, .init = test_setup)
{
    /* 4 weeks, plus 2 when the risk fires: by 5 weeks at 80% holds while p <= 0.2;
       the estimate may grow by 5 / 4 before the deadline fails */
    const char *sc =
        "version = 1; milestones = ( { id = \"m\"; duration = 4.0; deliverable = true; } );"
        "risks = ( { id = \"r\"; probability = 0.1; milestone = \"m\"; delay = 2.0; } );"
        "ask = { confidence = 0.8; };";
    pb_seek_result *r = seek(sc, 5.0);
    cr_assert(r->meets);
    cr_assert_geq(r->n_breakeven, 1);
    const pb_seek_breakeven *b = &r->breakeven[0];
    cr_assert_eq(b->kind, 'r');
    cr_assert(b->flips);
    /* the flip is where 1 - p crosses 0.8; the trials' noise at 4000 iterations is ~0.006 */
    cr_assert_float_eq(b->flip, 0.2, 0.02);
    cr_assert_eq(r->n_stages, 1);
    cr_assert(r->stages[0].done);
    cr_assert_float_eq(r->stages[0].p50, 4.0, 1e-3);
    pb_seek_free(r);
}

Test(seek, date_and_curve_come_from_the_base_run, .init = test_setup)
{
    const char *sc = "version = 1; milestones = ( { id = \"m\"; "
                     "duration = { dist = \"uniform\"; min = 2.0; max = 4.0; }; } );";
    pb_seek_result *r = seek(sc, 3.0);
    /* uniform [2, 4]: the 80% date is 3.6 */
    cr_assert_float_eq(r->date.value, 3.6, tol_quantile(0.8, 0.5, 20000));
    cr_assert_float_eq(r->p_deadline.value, 0.5, tol_mean(0.5, 20000));
    cr_assert_geq(r->n_curve, 2);
    for (size_t k = 1; k < r->n_curve; k++)
        cr_assert_geq(r->curve[k].p.value, r->curve[k - 1].p.value);
    pb_seek_free(r);
}

Test(seek, needs_a_deadline, .init = test_setup)
{
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_parse(PEOPLE, "t.cfg", &s, &e), PB_OK);
    pb_seek_opts o;
    pb_seek_opts_init(&o);
    pb_seek_result *r;
    cr_assert_eq(pb_seek_run(s, &o, &r, &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "deadline"));
    pb_scenario_free(s);
}

Test(seek, an_interrupted_seek_answers_nothing, .init = test_setup)
{
    pb_error e;
    pb_scenario *s;
    cr_assert_eq(pb_scenario_parse(PEOPLE, "t.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_seek_opts o;
    pb_seek_opts_init(&o);
    o.deadline = 4.5;
    o.iterations = 4000;
    o.base_iterations = 20000;
    volatile int stop = 1; /* Ctrl-C before the first block */
    o.cancel = &stop;
    pb_seek_result *r = NULL;
    cr_assert_eq(pb_seek_run(s, &o, &r, &e), PB_ERR_RUN);
    cr_assert_null(r);
    cr_assert(strstr(e.msg, "interrupted"), "%s", e.msg);
    pb_scenario_free(s);
}
