/*
 * test_deal.c - deals: known answers, the verdict, the --people search,
 * infeasible teams, and agreement with a plain simulation of the same plan.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

static pb_scenario *parse(const char *text)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "deal.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static pb_deal deal_init(void)
{
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = d.budget = d.confidence = NAN;
    return d;
}

static pb_deal_result *evaluate(const pb_scenario *s, const pb_deal *d)
{
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.threads = 2;
    pb_error e;
    pb_deal_result *r = NULL;
    cr_assert_eq(pb_deal_evaluate(s, d, &o, &r, &e), PB_OK, "%s", e.msg);
    return r;
}

/* Fixed estimates: the plan takes exactly 10 weeks and costs 2 x 100 x 10 + 500. */
static const char *FIXED = "version = 1;\n"
                           "team = ( { role = \"ml\"; people = 2; rate = 100.0; } );\n"
                           "milestones = ( { id = \"a\"; duration = 4.0; cost = 500.0; },\n"
                           "  { id = \"b\"; after = [\"a\"]; role = \"ml\"; effort = 12.0; } );\n";

Test(deal, a_fixed_plan_holds_or_fails_exactly, .init = test_setup)
{
    pb_scenario *s = parse(FIXED);
    pb_deal d = deal_init();
    d.deadline = 10.0;
    d.budget = 2500.0;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert(r->feasible);
    cr_assert_str_eq(r->verdict, "holds");
    cr_assert_eq(r->joint.value, 1.0);
    cr_assert_float_eq(r->date.value, 10.0, 1e-9);
    cr_assert_float_eq(r->money.value, 2500.0, 1e-6);
    cr_assert_eq(r->iterations, PB_DEAL_ITERATIONS, "a clear answer needs no more iterations");
    pb_deal_result_free(r);
    d.budget = 2499.0;
    r = evaluate(s, &d);
    cr_assert_str_eq(r->verdict, "fails");
    cr_assert_eq(r->joint.value, 0.0);
    cr_assert_eq(r->p_deadline.value, 1.0);
    pb_deal_result_free(r);
    d.budget = NAN;
    d.deadline = 9.99;
    r = evaluate(s, &d);
    cr_assert_str_eq(r->verdict, "fails");
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

/* A deal that sets the ask with --set promises that ask: 'ask.budget' of 2,499 fails the fixed
   plan exactly as --budget 2499 does (the plan costs exactly 2,500), and 'ask.deadline' of 10
   holds where the scenario's own ask (9) fails. */
Test(deal, a_set_of_the_ask_is_the_deals_promise, .init = test_setup)
{
    char text[600];
    snprintf(text, sizeof text, "%sask = { deadline = 9.0; budget = 3000.0; };\n", FIXED);
    pb_scenario *s = parse(text);
    pb_deal d = deal_init();
    pb_deal_result *r = evaluate(s, &d);
    cr_assert_str_eq(r->verdict, "fails", "the scenario's own ask: 9 weeks for a 10-week plan");
    pb_deal_result_free(r);
    static const char *const sets[] = {"ask.deadline=10", "ask.budget=2499"};
    d.sets = sets;
    d.n_sets = 1;
    r = evaluate(s, &d);
    cr_assert_float_eq(r->deadline, 10.0, 1e-12);
    cr_assert_str_eq(r->verdict, "holds");
    cr_assert_eq(r->joint.value, 1.0);
    pb_deal_result_free(r);
    d.n_sets = 2;
    r = evaluate(s, &d);
    cr_assert_float_eq(r->budget, 2499.0, 1e-12);
    cr_assert_str_eq(r->verdict, "fails");
    cr_assert_eq(r->joint.value, 0.0);
    cr_assert_eq(r->p_deadline.value, 1.0);
    pb_deal_result_free(r);
    d.deadline = 9.5; /* an explicit promise wins over the set */
    r = evaluate(s, &d);
    cr_assert_float_eq(r->deadline, 9.5, 1e-12);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, the_joint_probability_is_below_each_binding_marginal, .init = test_setup)
{
    /* the date and the money vary independently: each marginal near 1/2, joint near 1/4 */
    pb_scenario *s =
        parse("version = 1;\n"
              "milestones = ( { id = \"a\"; duration = [8.0, 10.0, 12.0]; },\n"
              "  { id = \"b\"; duration = 1.0; cost = [1000.0, 2000.0, 3000.0]; } );\n");
    pb_deal d = deal_init();
    d.deadline = 11.0;
    d.budget = 2000.0;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert_lt(r->joint.hi, r->p_deadline.lo);
    cr_assert_lt(r->joint.hi, r->p_budget.lo);
    double n = (double)r->iterations, se = sqrt(0.25 * 0.75 / n);
    cr_assert_float_eq(r->joint.value, r->p_deadline.value * r->p_budget.value, 5 * se * 2);
    cr_assert_str_eq(r->verdict, "fails");
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

/* Two roles working in parallel: 'a' has 6 person-weeks, 'b' has 2; no overhead. */
static const char *TWO_ROLES =
    "version = 1;\n"
    "team = ( { role = \"a\"; people = 1; rate = 10.0; }, { role = \"b\"; people = 1; rate = 10.0; } );\n"
    "milestones = ( { id = \"x\"; role = \"a\"; effort = 6.0; people = [1, 3]; },\n"
    "  { id = \"y\"; role = \"b\"; effort = 2.0; people = [1, 3]; } );\n"
    "ask = { deadline = 20.0; };\n";

Test(deal, people_n_finds_the_allocation_worked_out_by_hand, .init = test_setup)
{
    /* 4 people: (1, 3) finishes at 6, (2, 2) at 3, (3, 1) at max(2, 2) = 2 */
    pb_scenario *s = parse(TWO_ROLES);
    pb_deal d = deal_init();
    d.people = 4;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert(r->feasible, "%s", r->reason);
    cr_assert(r->searched && r->exact);
    cr_assert_eq(r->candidates, 3);
    cr_assert_eq(r->team[0], 3);
    cr_assert_eq(r->team[1], 1);
    cr_assert_eq(r->people, 4);
    cr_assert_float_eq(r->date.value, 2.0, 1e-9);
    cr_assert_float_eq(r->money.value, 4 * 10.0 * 2.0, 1e-9);
    pb_deal_result_free(r);
    /* 1 person cannot run two roles' milestones */
    d.people = 1;
    r = evaluate(s, &d);
    cr_assert(!r->feasible);
    cr_assert_str_eq(r->verdict, "infeasible");
    cr_assert(strstr(r->reason, "1 people cannot run the plan: its milestones need at least 2"),
              "%s", r->reason);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, people_beyond_what_the_roles_can_use_are_not_assigned, .init = test_setup)
{
    /* each role's milestone takes at most 3 people: 9 asked, 6 can work, (3, 3) at 6 / 3 = 2 */
    pb_scenario *s = parse(TWO_ROLES);
    pb_deal d = deal_init();
    d.people = 9;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert(r->feasible, "%s", r->reason);
    cr_assert_eq(r->team[0], 3);
    cr_assert_eq(r->team[1], 3);
    cr_assert_eq(r->people, 6);
    cr_assert_eq(r->unused, 3);
    cr_assert_eq(r->candidates, 1, "only (3, 3) fits under both ceilings");
    cr_assert_float_eq(r->date.value, 2.0, 1e-9);
    cr_assert_float_eq(r->money.value, 6 * 10.0 * 2.0, 1e-9, "the unused are not paid");
    pb_deal_result_free(r);
    /* exactly what they can use: nobody unused */
    d.people = 6;
    r = evaluate(s, &d);
    cr_assert_eq(r->unused, 0);
    cr_assert_eq(r->people, 6);
    pb_deal_result_free(r);
    pb_scenario_free(s);
    /* a milestone with no maximum can use the whole team: nothing is left over */
    s = parse("version = 1;\n"
              "team = ( { role = \"a\"; people = 1; rate = 10.0; } );\n"
              "milestones = ( { id = \"x\"; role = \"a\"; effort = 6.0; } );\n"
              "ask = { deadline = 20.0; };\n");
    d.people = 9;
    r = evaluate(s, &d);
    cr_assert_eq(r->unused, 0);
    cr_assert_eq(r->team[0], 9);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, a_choice_whose_milestones_are_dropped_is_not_shown_as_chosen, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    const char *drop[] = {"dashboard"};
    pb_deal d = deal_init();
    d.drop = drop;
    d.n_drop = 1;
    pb_deal_result *r = evaluate(s, &d);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    pb_report_ctx ctx = {s, "base", "pushback deal fcw.cfg --drop dashboard", false};
    cr_assert_eq(pb_report_deal_text(f, &ctx, r, &e), PB_OK, "%s", e.msg);
    fclose(f);
    cr_assert(strstr(text, "dashboard = none (its milestones are dropped)"), "%s", text);
    cr_assert(!strstr(text, "with-dashboard"), "%s", text);
    cr_assert(strstr(text, "labels = vendor-labels"), "the other choices stay: %s", text);
    free(text);
    pb_deal_result_free(r);
    /* the alternative that does the dropping is named as chosen */
    const char *alts[8] = {NULL};
    for (size_t k = 0; k < s->n_choices; k++)
        if (!strcmp(s->choices[k].id, "dashboard"))
            alts[k] = "no-dashboard";
    d = deal_init();
    d.alternatives = alts;
    r = evaluate(s, &d);
    f = open_memstream(&text, &len);
    cr_assert_eq(pb_report_deal_text(f, &ctx, r, &e), PB_OK, "%s", e.msg);
    fclose(f);
    cr_assert(strstr(text, "dashboard = no-dashboard"), "%s", text);
    cr_assert(!strstr(text, "its milestones are dropped"), "%s", text);
    free(text);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, an_infeasible_team_is_refused_with_its_reason, .init = test_setup)
{
    pb_scenario *s = parse("version = 1;\n"
                           "team = ( { role = \"data\"; people = 3; } );\n"
                           "milestones = ( { id = \"annotate\"; role = \"data\"; effort = 6.0; "
                           "people = [2, 3]; } );\n"
                           "ask = { deadline = 20.0; };\n");
    pb_deal d = deal_init();
    int team[] = {1};
    d.team = team;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert(!r->feasible);
    cr_assert_str_eq(r->reason, "'annotate' needs 2 data people, the deal has 1");
    cr_assert_eq(r->team[0], 1, "the team stated is the team asked, never rounded up");
    cr_assert_eq(r->iterations, 0);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, a_deal_equals_a_simulation_of_the_same_plan, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_deal d = deal_init();
    d.deadline = 36.0;
    d.budget = 950000.0;
    const char *alts[] = {NULL, "in-house-labels", NULL};
    cr_assert_eq(s->n_choices, 3);
    d.alternatives = alts;
    const char *sets[] = {"risks.relabel.probability=0.5"};
    d.sets = sets;
    d.n_sets = 1;
    pb_deal_result *r = evaluate(s, &d);
    /* the same plan by hand: option, set, simulate with the deal's seed and count */
    pb_scenario *c = pb_scenario_copy(s);
    cr_assert_eq(pb_scenario_apply_option(c, "in-house-labels", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_set(c, "risks.relabel.probability", "0.5", &e), PB_OK);
    pb_plan *p;
    cr_assert_eq(pb_plan_build(c, &p, &e), PB_OK);
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = r->iterations;
    o.seed = r->seed;
    o.deadline = 36.0;
    o.budget = 950000.0;
    pb_result *res;
    cr_assert_eq(pb_sim_run(p, &o, &res, &e), PB_OK);
    cr_assert_eq(r->joint.value, res->p_joint.value);
    cr_assert_eq(r->joint.lo, res->p_joint.lo);
    cr_assert_eq(r->p_deadline.value, res->p_deadline.value);
    cr_assert_eq(r->p_budget.value, res->p_budget.value);
    cr_assert_eq(r->duration.mean, res->duration.mean);
    cr_assert_eq(r->cost.pct[8].value, res->cost.pct[8].value);
    cr_assert_eq(r->duration.pct[8].value, res->duration.pct[8].value);
    cr_assert_str_eq(r->alternatives[1], "in-house-labels");
    cr_assert_str_eq(r->alternatives[0], "three-ml");
    pb_result_free(res);
    pb_plan_free(p);
    pb_scenario_free(c);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, a_close_call_gets_more_iterations, .init = test_setup)
{
    /* uniform on [0, 10]: P(finish <= 8) = 0.8 exactly, always too close to call */
    pb_scenario *s =
        parse("version = 1;\n"
              "milestones = ( { id = \"a\"; duration = { dist = \"uniform\"; min = 0.0; max = "
              "10.0; }; } );\n");
    pb_deal d = deal_init();
    d.deadline = 8.0;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert_eq(r->iterations, PB_DEAL_MAX_ITER);
    cr_assert_float_eq(r->joint.value, 0.8, 5 * sqrt(0.16 / PB_DEAL_MAX_ITER));
    pb_deal_result_free(r);
    pb_error e;
    d.deadline = NAN;
    cr_assert_eq(pb_deal_evaluate(s, &d, NULL, &r, &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "needs a deadline or a budget"));
    pb_scenario_free(s);
}

Test(deal, value_prices_the_delay_against_the_plan, .init = test_setup)
{
    /* 365.25 x 100 a year is 100 a day, 700 a week; the FIXED plan takes 10 weeks
       with 2 people; with 1 the 12 person-weeks take 12 weeks: 16 in all, 6 late */
    char text[1024];
    snprintf(text, sizeof text,
             "%sproposal = { value = ( { claim = \"c\"; amount = 36525.0; unit = \"USD/year\"; "
             "source = \"s\"; } ); };\n",
             FIXED);
    pb_scenario *s = parse(text);
    cr_assert_float_eq(s->proposal.value_per_day, 100.0, 1e-9);
    pb_deal d = deal_init();
    d.deadline = 20.0;
    int team[] = {1};
    d.team = team;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert_float_eq(r->date.value, 16.0, 1e-9);
    cr_assert_float_eq(r->value_rate, 700.0, 1e-9);
    cr_assert_float_eq(r->cost_of_delay, 700.0 * (16.0 - 10.0), 1e-6);
    cr_assert_float_eq(r->payback, r->money.value / 700.0, 1e-9);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, alternatives_combine_even_when_both_drop_a_milestone, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_load("scenarios/triage-assistant.cfg", &s, &e), PB_OK, "%s", e.msg);
    const char *alts[] = {NULL, NULL, "no-finetune", "vendor-addon"};
    cr_assert_eq(s->n_choices, 4);
    pb_deal d = deal_init();
    d.alternatives = alts;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert(r->feasible, "%s", r->reason);
    cr_assert_eq(r->n_dropped, 2);
    cr_assert_str_eq(r->alternatives[3], "vendor-addon");
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, a_working_day_is_priced_as_one, .init = test_setup)
{
    /* 36,525 a year is 100 a calendar day; with a mon-fri calendar the scenario's day is a
       working day, 7 / 5 calendar days: 140 of value, and the payback counts working days */
    pb_scenario *s = parse("version = 1; unit = \"days\"; start = \"2027-01-04\";\n"
                           "calendar = { workdays = \"mon-fri\"; };\n"
                           "milestones = ( { id = \"a\"; duration = 10.0; cost = 1400.0; } );\n"
                           "proposal = { value = ( { claim = \"c\"; amount = 36525.0; "
                           "unit = \"USD/year\"; source = \"s\"; } ); };\n");
    pb_deal d = deal_init();
    d.deadline = 20.0;
    pb_deal_result *r = evaluate(s, &d);
    cr_assert_float_eq(r->value_rate, 140.0, 1e-9);
    cr_assert_float_eq(r->payback, 1400.0 / 140.0, 1e-9);
    pb_deal_result_free(r);
    pb_scenario_free(s);
}

Test(deal, the_cost_of_delay_equals_a_separate_run_of_the_plan, .init = test_setup)
{
    /* the deal and the plan as written run together (their shared draws made once): the
       plan's date must be the bits a run of its own gives, after a close call's doublings too */
    pb_scenario *s = NULL;
    pb_error e;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    const double deadlines[] = {30.0, 37.3};
    for (size_t k = 0; k < 2; k++) {
        pb_deal d = deal_init();
        d.deadline = deadlines[k];
        int team[] = {2, -1, -1}; /* ml 2 instead of 3 */
        d.team = team;
        pb_deal_result *r = evaluate(s, &d);
        cr_assert(r->value_rate > 0 && r->cost_of_delay > 0);
        pb_result *plan = test_run(s, r->iterations, r->seed, 2, false);
        double *v = malloc(plan->iterations * sizeof *v);
        cr_assert(v);
        memcpy(v, plan->finish_samples, plan->iterations * sizeof *v);
        double date = pb_stats_quantile(v, plan->iterations, r->confidence).value;
        cr_expect_eq(r->cost_of_delay, r->value_rate * (r->date.value - date),
                     "deadline %g, %zu iterations", deadlines[k], r->iterations);
        free(v);
        pb_result_free(plan);
        pb_deal_result_free(r);
    }
    pb_scenario_free(s);
}

/* FIXED with a learning curve: the target is met from 2,500 items on when a = 5 (5 m^-0.5 + 0.1
   <= 0.2), and in half the iterations at 2,500 items when a ~ U(4, 6). */
static pb_deal_result *curve_deal(const char *a, double items, double deadline, bool metric)
{
    char text[1024];
    snprintf(text, sizeof text,
             "%smetric = { target = 0.2; items = %g; curve = { a = %s; b = 0.5; c = 0.1; }; };\n",
             FIXED, items, a);
    pb_scenario *s = parse(text);
    pb_deal d = deal_init();
    d.deadline = deadline;
    d.budget = 2500.0;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.threads = 2;
    o.metric = metric;
    pb_error e;
    pb_deal_result *r = NULL;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return r;
}

Test(deal, a_promised_metric_puts_the_learning_curve_in_the_joint, .init = test_setup)
{
    /* met at every draw, or at none: the joint is exactly 1 or 0 */
    pb_deal_result *r = curve_deal("5.0", 2600, 10.0, true);
    cr_assert(r->metric);
    cr_assert_eq(r->joint.value, 1.0);
    cr_assert_str_eq(r->verdict, "holds");
    pb_deal_result_free(r);
    r = curve_deal("5.0", 2400, 10.0, true);
    cr_assert_eq(r->joint.value, 0.0);
    cr_assert_str_eq(r->verdict, "fails");
    pb_deal_result_free(r);
    /* not promised: the date and the budget alone */
    r = curve_deal("5.0", 2400, 10.0, false);
    cr_assert_not(r->metric);
    cr_assert_eq(r->joint.value, 1.0);
    cr_assert_eq(r->p_curve.value, 0.0);
    pb_deal_result_free(r);
    /* the date still counts: a 9.9-week deadline is never kept, the target met or not */
    r = curve_deal("5.0", 2600, 9.9, true);
    cr_assert_eq(r->joint.value, 0.0);
    pb_deal_result_free(r);
}

Test(deal, a_promised_curve_met_half_the_time_halves_the_joint, .init = test_setup)
{
    /* date and budget always kept, the target in half: joint = P(curve met) = 0.5, per draw */
    pb_deal_result *r =
        curve_deal("{ dist = \"uniform\"; min = 4.0; max = 6.0; }", 2500, 10.0, true);
    double n = (double)r->iterations;
    cr_assert_float_eq(r->joint.value, 0.5, 5.0 * sqrt(0.25 / n));
    cr_assert_eq(r->joint.value, r->p_curve.value, "the joint is the curve on the same draws");
    cr_assert_str_eq(r->verdict, "fails");
    pb_deal_result_free(r);
}
