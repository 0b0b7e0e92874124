/*
 * test_offers.c - the counter-offers of the prep sheet: a budget move gets
 * the earliest deal that fits the budget, promised at the date its joint
 * with that budget holds; offers respect a conceded head count; no offer is
 * repeated; a time move that misses offers the stage that makes the date; a
 * near-miss time move outranks a question without a deal.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "facts.h"
#include "helpers.h"
#include "offers.h"

#define RULEBOOK   "scenarios/rulebooks/manager.cfg"
#define ITERATIONS 20000

static pb_brief *brief_of(const pb_scenario *s, pb_rulebook **rb)
{
    pb_error e;
    cr_assert_eq(pb_rulebook_load(RULEBOOK, s, rb, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = ITERATIONS;
    o.threads = 2;
    pb_brief *b;
    cr_assert_eq(pb_brief_run(s, *rb, &o, &b, &e), PB_OK, "%s", e.msg);
    return b;
}

static const pb_argument *find(const pb_brief *b, const char *id)
{
    for (size_t i = 0; i < b->n_arguments; i++)
        if (!strcmp(b->arguments[i].id, id))
            return &b->arguments[i];
    return NULL;
}

/* fcw with the --set changes sets[0..n) */
static pb_scenario *fcw(const char *const (*sets)[2], size_t n)
{
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_load("scenarios/fcw.cfg", &s, &e), PB_OK, "%s", e.msg);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(pb_scenario_set(s, sets[i][0], sets[i][1], &e), PB_OK, "%s", e.msg);
    return s;
}

/* The frontier the brief searched (same seed, count and confidence). */
static pb_frontier *frontier_of(const pb_scenario *s)
{
    pb_frontier_opts fo;
    pb_frontier_opts_init(&fo);
    fo.confidence = s->ask_confidence;
    fo.seed = 1;
    fo.threads = 2;
    fo.iterations = ITERATIONS;
    pb_frontier *f;
    pb_error e;
    cr_assert_eq(pb_frontier_run(s, &fo, &f, &e), PB_OK, "%s", e.msg);
    return f;
}

Test(offers, a_budget_move_gets_the_earliest_deal_that_fits_and_holds, .init = test_setup)
{
    pb_scenario *s = fcw(NULL, 0);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    int plan_people = find(b, "time-cut")->deal->people; /* the first move: nothing agreed */
    const pb_argument *m = find(b, "budget-cut");
    cr_assert(m && m->offer_deal, "the budget move got no offer");
    const pb_deal_result *o = m->offer_deal;
    cr_assert_str_eq(m->offer_kind, "within-budget");
    /* it fits: its cost at the confidence is within the manager's budget, promised within it */
    cr_assert_float_eq(o->budget, b->manager_budget, 1e-9);
    cr_assert_leq(o->money.value, b->manager_budget);
    /* promised at the date its joint with that budget holds, and it does: never "only 80%" */
    cr_assert_str_eq(o->verdict, "holds", "%s", m->offer_text);
    cr_assert_geq(o->joint.lo, b->confidence);
    cr_assert_null(strstr(m->offer_text, "only"), "%s", m->offer_text);
    cr_assert_float_eq(o->deadline, ceil(o->joint_date * 10 - 1e-9) / 10, 1e-9);
    cr_assert_gt(o->deadline, o->date.value, "the joint with the budget is below the date's own");
    /* the earliest that fits: no candidate of the frontier with no more people than the plan
       and a cost within the budget finishes earlier at the confidence */
    pb_frontier *f = frontier_of(s);
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (p->cost <= b->manager_budget && p->people <= plan_people)
            cr_assert_geq(p->date, o->date.value - 1e-9, "candidate %zu: %g < %g", i, p->date,
                          o->date.value);
    }
    /* and earlier than the cheapest deal, which the offer of the last session was */
    double cheapest = INFINITY, cheapest_date = NAN;
    for (size_t i = 0; i < f->n_points; i++)
        if (f->points[i].cost < cheapest)
            cheapest = f->points[i].cost, cheapest_date = f->points[i].date;
    cr_assert_lt(o->date.value, cheapest_date);
    pb_frontier_free(f);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

Test(offers, a_budget_no_deal_fits_gets_the_cheapest_said_as_such, .init = test_setup)
{
    static const char *const sets[][2] = {{"manager.budget", "400000"}};
    pb_scenario *s = fcw(sets, 1);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    int plan_people = find(b, "time-cut")->deal->people; /* the first move: nothing agreed */
    const pb_argument *m = find(b, "budget-cut");
    cr_assert(m && m->offer_deal, "the budget move got no offer");
    cr_assert(strstr(m->offer_text, "No deal we found fits USD 400k"), "%s", m->offer_text);
    pb_frontier *f = frontier_of(s);
    double cheapest = INFINITY;
    for (size_t i = 0; i < f->n_points; i++)
        if (f->points[i].people <= plan_people)
            cheapest = fmin(cheapest, f->points[i].cost);
    cr_assert_gt(cheapest, 400000.0);
    cr_assert_float_eq(m->offer_deal->money.value, cheapest, 1e-6);
    /* offered at the pair it holds at together (never the two marginal P80s, which fail
       jointly): above the manager's budget, at its own date */
    cr_assert_str_eq(m->offer_deal->verdict, "holds");
    cr_assert_gt(m->offer_deal->budget, 400000.0);
    cr_assert_geq(m->offer_deal->budget, m->offer_deal->money.value);
    cr_assert(strstr(m->offer_text, "promised together it needs"), "%s", m->offer_text);
    pb_frontier_free(f);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

Test(offers, offers_respect_a_conceded_head_count, .init = test_setup)
{
    /* our ask at 35.9 weeks within USD 1.05M, inside the noise of the fair ask (an over-ask
       would be conceded up front by the audit, leaving no room): the manager's 6 people hold,
       and are conceded before the moves of lower pressure make their offers */
    static const char *const sets[][2] = {{"ask.deadline", "35.9"},
                                          {"ask.budget", "1050000"},
                                          {"manager.deadline", "30"},
                                          {"manager.people", "6"}};
    pb_scenario *s = fcw(sets, 4);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    int agreed = 0;
    size_t checked = 0;
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *a = &b->arguments[i];
        if (agreed && a->offer_deal && strcmp(a->offer_kind, "people")) {
            cr_assert_leq(a->offer_deal->people, agreed, "%s: %s", a->id, a->offer_text);
            checked++;
        }
        if (a->joins && a->change.people > 0)
            agreed = a->deal->people;
    }
    cr_assert_gt(agreed, 0, "no head count was conceded");
    cr_assert_geq(checked, 2, "no later offer to check");
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

Test(offers, no_offer_is_repeated_on_the_sheet, .init = test_setup)
{
    pb_scenario *s = fcw(NULL, 0);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    /* each move in its own currency */
    cr_assert_str_eq(find(b, "time-cut")->offer_kind, "meet-date");
    cr_assert_str_eq(find(b, "cut-scope")->offer_kind, "scope");
    const pb_argument *again = find(b, "repeat-probe");
    cr_assert_str_eq(again->offer_kind, "agreed-date");
    cr_assert_str_eq(again->offer_deal->verdict, "holds", "%s", again->offer_text);
    /* one offer deal, one text on the sheet: the later one refers back */
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    pb_report_ctx ctx = {0};
    ctx.scenario = s;
    pb_error e;
    cr_assert_eq(pb_report_brief_text(f, &ctx, b, &e), PB_OK, "%s", e.msg);
    fclose(f);
    size_t same = 0;
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *a = &b->arguments[i];
        for (size_t j = 0; j < i && a->offer_deal; j++)
            if (b->arguments[j].offer_deal == a->offer_deal)
                cr_assert(a->offer_same || b->arguments[j].offer_same, "%s and %s", a->id,
                          b->arguments[j].id);
        if (!a->offer_text || a->offer_same) {
            same += a->offer_same > 0;
            continue;
        }
        const char *first = strstr(out, a->offer_text);
        cr_assert(first, "%s", a->offer_text);
        cr_assert_null(strstr(first + 1, a->offer_text), "said twice: %s", a->offer_text);
    }
    if (same)
        cr_assert(strstr(out, "- Our counter-offer: the same as to move "), "%s", out);
    /* a v1 offer too: fcw's padding and promise moves both offer 'commit', said once */
    const char *commit = strstr(out, "- Our counter-offer: commit to ");
    cr_assert(commit, "%s", out);
    cr_assert_null(strstr(commit + 1, "- Our counter-offer: commit to "), "%s", out);
    cr_assert(strstr(out, "- The same as to move "), "%s", out);
    /* the rulebook's words say a v1 offer: its kind is no label on the sheet */
    cr_assert_null(strstr(out, "- commit:"), "%s", out);
    cr_assert_null(strstr(out, "(reaches it)"), "%s", out);
    free(out);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

Test(offers, a_time_move_that_misses_offers_the_stage_that_makes_the_date, .init = test_setup)
{
    /* a demo (triangular 2-3-4 weeks, a deliverable), then the rest (10-12-14): by 6 weeks
       the demo is done at 80% (its P80 is 4 - sqrt(0.2 x 2 x 1) = 3.37), the whole is not */
    const char *text =
        "version = 1;\n"
        "milestones = (\n"
        "  { id = \"demo\"; name = \"Clickable demo\"; duration = [2.0, 3.0, 4.0]; cost = 100.0;\n"
        "    deliverable = true; },\n"
        "  { id = \"rest\"; duration = [10.0, 12.0, 14.0]; cost = 100.0; after = [\"demo\"]; } );\n"
        "ask = { deadline = 20.0; confidence = 0.8; };\n"
        "manager = { deadline = 6.0; };\n";
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(text, "stage.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    const pb_argument *t = find(b, "time-cut");
    cr_assert(t && t->offer_deal, "the time move got no offer");
    cr_assert_str_neq(t->offer_deal->verdict, "holds");
    cr_assert(strstr(t->offer_text, "the deliverable 'Clickable demo' (done by 3.4 weeks"), "%s",
              t->offer_text);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

Test(offers, an_internal_milestone_is_never_offered_as_a_first_delivery, .init = test_setup)
{
    /* the same plan, its first milestone not declared a deliverable: done by 6 weeks at 80%,
       but nothing a user can see, so the move is not staged on it (reading A11) */
    const char *text =
        "version = 1;\n"
        "milestones = (\n"
        "  { id = \"qa\"; name = \"Label QA\"; duration = [2.0, 3.0, 4.0]; cost = 100.0; },\n"
        "  { id = \"rest\"; name = \"Pilot\"; duration = [10.0, 12.0, 14.0]; cost = 100.0;\n"
        "    after = [\"qa\"]; deliverable = true; } );\n"
        "ask = { deadline = 20.0; confidence = 0.8; };\n"
        "manager = { deadline = 6.0; };\n";
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_parse(text, "internal.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    const pb_argument *t = find(b, "time-cut");
    cr_assert(t && t->offer_deal, "the time move got no offer");
    cr_assert_str_neq(t->offer_deal->verdict, "holds");
    cr_assert_null(strstr(t->offer_text, "in stages"), "%s", t->offer_text);
    cr_assert_null(strstr(t->offer_text, "Label QA"), "%s", t->offer_text);
    cr_assert(strstr(t->offer_text, "the plan's one deliverable is not done by 6 weeks"), "%s",
              t->offer_text);
    cr_assert(strstr(t->offer_text, "nothing a user can see exists by then"), "%s", t->offer_text);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

Test(offers, a_near_miss_time_move_outranks_a_question, .init = test_setup)
{
    /* 33 weeks: about 74% of simulated projects, a near miss of 80% */
    static const char *const sets[][2] = {{"manager.deadline", "33"}};
    pb_scenario *s = fcw(sets, 1);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    const pb_argument *t = find(b, "time-cut");
    cr_assert(t && t->deal && !t->conceded);
    cr_assert_lt(fabs(t->deal->joint.value - b->confidence), 0.1, "not a near miss: %g",
                 t->deal->joint.value);
    bool time_top = false, padding_top = false;
    for (size_t k = 0; k < b->n_top; k++) {
        time_top = time_top || !strcmp(b->arguments[b->top[k]].id, "time-cut");
        padding_top = padding_top || !strcmp(b->arguments[b->top[k]].id, "padding");
    }
    cr_assert(time_top && !padding_top);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* The worded 'best-option' offer is in the move's currency: a money move gets the option
   cheapest at the confidence (only when it costs less than the plan), any other move the
   fastest at the confidence; both read off the brief's own comparison. */
Test(offers, best_option_is_in_the_moves_currency, .init = test_setup)
{
    static const char text[] =
        "offer_words = { best-option = \"{offer.option}|{offer.money}|{offer.option_d_cost}\"; };\n"
        "rules = (\n"
        "  { id = \"cash\"; topic = \"money\"; says = \"x\"; rebut = \"y\"; offers = "
        "[\"best-option\"]; },\n"
        "  { id = \"date\"; topic = \"time\"; says = \"x\"; rebut = \"y\"; offers = "
        "[\"best-option\"]; } );\n";
    pb_scenario *s = fcw(NULL, 0);
    pb_rulebook *rb;
    pb_error e;
    cr_assert_eq(pb_rulebook_parse(text, "inline", s, &rb, &e), PB_OK, "%s", e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 4096;
    o.threads = 2;
    pb_brief *b;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    const pb_comparison *c = b->options;
    cr_assert(c && c->n_entries > 2);
    size_t cheap = 1, fast = 1;
    for (size_t i = 2; i < c->n_entries; i++) {
        if (c->entries[i].result->cost.pct[PB_P80].value <
            c->entries[cheap].result->cost.pct[PB_P80].value)
            cheap = i;
        if (c->entries[i].result->duration.pct[PB_P80].value <
            c->entries[fast].result->duration.pct[PB_P80].value)
            fast = i;
    }
    cr_assert_neq(cheap, fast, "fcw's cheapest option is not its fastest");
    cr_assert_lt(c->entries[cheap].result->cost.pct[PB_P80].value,
                 c->entries[0].result->cost.pct[PB_P80].value);
    const pb_argument *cash = find(b, "cash"), *date = find(b, "date");
    cr_assert(cash && date && cash->n_offers == 1 && date->n_offers == 1);
    char want[300], label[200]; /* the option as a manager says it, not its id */
    snprintf(want, sizeof want, "%s|1|-",
             pb_scenario_alternative_label(s, c->entries[cheap].name, label, sizeof label));
    cr_assert(!strncmp(cash->offers[0].text, want, strlen(want)), "money: %s",
              cash->offers[0].text);
    snprintf(want, sizeof want, "%s|0|",
             pb_scenario_alternative_label(s, c->entries[fast].name, label, sizeof label));
    cr_assert(!strncmp(date->offers[0].text, want, strlen(want)), "time: %s", date->offers[0].text);
    cr_assert_str_eq(cash->offers[0].kind, "best-option");
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

static pb_scenario *unseen(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "tests/scenarios/unseen-%s.cfg", name);
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_load(path, &s, &e), PB_OK, "%s", e.msg);
    return s;
}

static const pb_interest_offer *interest(const pb_brief *b, const char *topic)
{
    for (size_t i = 0; i < b->n_interest_offers; i++)
        if (!strcmp(b->interest_offers[i].interest->topic, topic))
            return &b->interest_offers[i];
    cr_assert_fail("no offer for the %s interest", topic);
    return NULL;
}

/* unseen-fraud: the week-20 audit is not met by giving up the metric's target (the offer keeps
   it and says it misses), reproduced by 'pushback deal'; the card scheme's threshold keeps the
   plan's metric and names the sooner deal that loses it. */
Test(offers, interests_are_served_in_their_currency, .init = test_setup)
{
    pb_scenario *s = unseen("fraud");
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    const pb_interest_offer *t = interest(b, "time");
    cr_assert_str_eq(t->kind, "meet-date");
    /* not by the smaller review, which meets the miss-rate target in 68% against the plan's
       97% (s22 reading, A2): no deal that keeps the target makes week 20, said as a miss */
    cr_assert_not(t->fits);
    cr_assert_float_eq(t->deal->deadline, t->interest->at, 1e-9);
    cr_assert_geq(t->deal->p_curve.value, 0.8, "the offer gives up the target");
    const char *alts[8] = {0};
    for (size_t k = 0; k < t->deal->n_choices && k < 8; k++)
        alts[k] = t->deal->alternatives[k];
    pb_deal d = {t->deal->deadline,
                 t->deal->budget,
                 NAN,
                 t->deal->team,
                 0,
                 alts,
                 t->deal->dropped,
                 t->deal->n_dropped,
                 NULL,
                 0};
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = ITERATIONS;
    o.threads = 2;
    o.metric = t->deal->metric;
    pb_deal_result *r;
    pb_error e;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(r->joint.value, t->deal->joint.value);
    pb_deal_result_free(r);
    const pb_interest_offer *q = interest(b, "quality");
    cr_assert_str_eq(q->kind, "keep-metric");
    cr_assert(q->deal && q->plan->has_curve);
    cr_assert_geq(q->deal->p_curve.hi, q->plan->p_curve.lo, "the offer loses the metric");
    cr_assert(isfinite(q->lost_date) && q->lost_date < q->deal->date.value);
    cr_assert_lt(q->lost_metric.hi, q->plan->p_curve.lo);
    cr_assert_not_null(strstr(q->lost, "'"), "%s", q->lost);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* unseen-docs: no deal fits GBP 150k, and the nearest combines the cheaper levers (the
   frontier's team paths from each setting find it too): it costs no more than any deal of the
   frontier, for the budget move and for the money interest alike. */
Test(offers, a_budget_offer_combines_the_cheaper_choices, .init = test_setup)
{
    pb_scenario *s = unseen("docs");
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    pb_frontier *f = frontier_of(s);
    double cheapest = INFINITY;
    for (size_t i = 0; i < f->n_points; i++)
        cheapest = fmin(cheapest, f->points[i].cost);
    const pb_interest_offer *m = interest(b, "money");
    cr_assert_str_eq(m->kind, "within-budget");
    cr_assert(m->deal && !m->fits);
    cr_assert_float_eq(m->deal->budget, m->interest->at, 1e-9);
    cr_assert_leq(m->deal->money.value, cheapest + 1e-6, "%g against %g", m->deal->money.value,
                  cheapest);
    const pb_argument *a = find(b, "budget-cut");
    cr_assert(a && a->offer_deal);
    cr_assert_leq(a->offer_deal->money.value, cheapest + 1e-6);
    pb_frontier_free(f);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* unseen-migration: the people interest gets the manager's head count, the one simulated, and
   the time offer that misses asks for no backend engineer who gains nothing. */
Test(offers, a_people_interest_gets_the_head_count_simulated, .init = test_setup)
{
    pb_scenario *s = unseen("migration");
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    const pb_interest_offer *p = interest(b, "people");
    cr_assert_str_eq(p->kind, "people");
    cr_assert_eq(p->head, b->manager_people);
    cr_assert_leq(p->deal->people, b->manager_people);
    cr_assert(p->fits && !strcmp(p->deal->verdict, "holds"));
    const pb_argument *t = find(b, "time-cut");
    cr_assert(t && t->offer_deal);
    /* the backend engineer who gains nothing is already out of the start (the audit's
       dominating team, which the sheet proposes), and no offer asks for one back */
    cr_assert(b->start_dominating);
    cr_assert_lt(b->start->people, 7, "the plan's 7 people less the idle backend engineer");
    cr_assert_leq(t->offer_deal->people, b->start->people,
                  "the offer keeps people that gain nothing");
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* unseen-offline (reading s24 R11): the people interest searches the levers, from what is
   agreed: within the manager's 3 people it is sooner than the best allocation of 3 people with
   the plan's choices and scope, and it keeps every choice the negotiation agreed. */
Test(offers, a_people_interest_searches_the_levers_from_what_is_agreed, .init = test_setup)
{
    pb_scenario *s = unseen("offline");
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    const pb_interest_offer *p = interest(b, "people");
    cr_assert(p->deal && p->deal->feasible, "%s", p->why);
    cr_assert(p->fits && !strcmp(p->deal->verdict, "holds"));
    cr_assert_leq(p->deal->people, b->manager_people);
    for (size_t k = 0; k < s->n_choices; k++)
        if (b->nego->alts[k])
            cr_assert_str_eq(p->deal->alternatives[k], b->nego->alts[k], "choice %zu", k);
    pb_deal d = {NAN, NAN, NAN, NULL, b->manager_people, NULL, NULL, 0, NULL, 0};
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = b->iterations;
    o.seed = b->seed;
    o.threads = 2;
    pb_deal_result *plan;
    pb_error e;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &plan, &e), PB_OK, "%s", e.msg);
    cr_assert(plan->feasible, "%s", plan->reason);
    cr_assert_lt(p->deal->date.hi, plan->date.lo, "%g against the plan's %g", p->deal->date.value,
                 plan->date.value);
    pb_deal_result_free(plan);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* The fastest candidate: the fewest people whose date's interval reaches the earliest one's;
   a cap on people or cost leaves the others out. */
Test(offers, the_fastest_is_the_smallest_team_within_the_noise)
{
    pb_deal_result r[4] = {{0}};
    double date[4][3] = {
        {21.80, 21.70, 21.90}, {21.75, 21.65, 21.85}, {23.0, 22.9, 23.1}, {21.95, 21.92, 21.98}};
    int people[4] = {7, 9, 5, 6};
    double cost[4] = {679e3, 760e3, 600e3, 650e3};
    pb_frontier_point p[4];
    for (size_t i = 0; i < 4; i++) {
        r[i].date = (pb_interval){date[i][0], date[i][1], date[i][2]};
        p[i] = (pb_frontier_point){&r[i], date[i][0], cost[i], people[i], 0, true};
    }
    pb_frontier f = {0};
    f.points = p;
    f.n_points = 4;
    /* 9 people are earliest (21.75 to 21.85): 7 people reach it (from 21.70), 6 do not (21.92) */
    cr_assert_eq(pb__offer_fastest(&f, 9, INFINITY), &p[0]);
    cr_assert_eq(pb__offer_fastest(&f, 6, INFINITY), &p[3]); /* 6 alone: 21.95 */
    cr_assert_eq(pb__offer_fastest(&f, 9, 660e3), &p[3]);    /* the cost cap */
    cr_assert_eq(pb__offer_fastest(&f, 5, INFINITY), &p[2]);
    cr_assert_null(pb__offer_fastest(&f, 4, INFINITY));
}

/* The noise rule (facts.c), on known answers: a paired difference is a gain only when its
   interval excludes zero and it is at least a thousandth of the amount; two estimates only
   when their intervals are apart. */
Test(offers, a_difference_within_the_noise_or_the_rounding_is_none)
{
    /* USD 55 less on USD 679k, its interval -103 to -7 (apart from 0, but a ten-thousandth) */
    cr_assert_eq(pb__beyond_noise((pb_interval){-55, -103, -7}, 679e3), 0);
    /* USD 9k less on the same, interval apart from 0: a saving */
    cr_assert_eq(pb__beyond_noise((pb_interval){-9e3, -9.5e3, -8.5e3}, 679e3), -9e3);
    /* an interval across zero is no difference, however large the value */
    cr_assert_eq(pb__beyond_noise((pb_interval){-5e3, -11e3, 1e3}, 679e3), 0);
    /* 0.5 weeks sooner on 21.8, interval -0.6 to -0.4 */
    cr_assert_eq(pb__beyond_noise((pb_interval){-0.5, -0.6, -0.4}, 21.8), -0.5);
    /* two costs with their own intervals: overlapping is the same, apart is the difference */
    cr_assert_eq(
        pb__apart((pb_interval){410e3, 409e3, 411e3}, (pb_interval){410.5e3, 410e3, 412e3}, 410e3),
        0);
    cr_assert_eq(
        pb__apart((pb_interval){410e3, 409e3, 411e3}, (pb_interval){334e3, 333e3, 335e3}, 334e3),
        76e3);
}

/* The walk-away is never later than a deal the sheet shows holding (the start, a move's deal, a
   counter-offer, an interest's offer): on unseen-docs the agreed 'crowd-labels' and 'no-alerts'
   hold by 86 days, sooner than the strongest offer's 89.7 found before the moves. A deal that
   dismisses a risk is a question, never a plan. */
Test(offers, the_walk_away_is_no_later_than_any_deal_shown_holding, .init = test_setup)
{
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_load("tests/scenarios/unseen-docs.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    size_t held = 0;
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *a = &b->arguments[i];
        const pb_deal_result *d[2] = {a->deal, a->offer_deal};
        bool risk = false;
        for (size_t k = 0; k < a->n_deal_sets; k++)
            risk = risk || !strncmp(a->deal_sets[k], "risks.", 6);
        for (size_t k = 0; k < 2; k++) {
            if (!d[k] || !d[k]->feasible || strcmp(d[k]->verdict, "holds") || (k == 0 && risk))
                continue;
            held++;
            cr_assert_geq(d[k]->date.value, b->walk_away, "'%s' holds by %g, walk-away %g", a->id,
                          d[k]->date.value, b->walk_away);
        }
    }
    cr_assert_gt(held, 2);
    const pb_argument *cut = find(b, "cut-scope");
    cr_assert(cut && cut->joins && cut->deal->date.value < b->commitment);
    cr_assert_float_eq(b->walk_away, fmin(cut->deal->date.value, b->walk_away), 1e-12);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* unseen-speech (issue 12, W5): once 4 people and the synthetic data are agreed, the
   'agreed-date' offers (push harder, asked again) promise the agreed deal at its own joint date
   at the confidence, not the first commitment, and the sheet says once that the commitment
   moves. */
Test(offers, after_a_concession_the_agreed_date_is_the_agreed_deals_joint_date, .init = test_setup)
{
    pb_scenario *s = unseen("speech");
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    bool joined = false;
    size_t checked = 0, moves = 0;
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *a = &b->arguments[i];
        if (a->offer_text && strstr(a->offer_text, "our commitment moves to"))
            moves++;
        if (joined && a->offer_deal && a->offer_kind && !strcmp(a->offer_kind, "agreed-date") &&
            a->offer_deal->feasible) {
            const pb_deal_result *d = a->offer_deal;
            cr_assert(isfinite(d->joint_date), "%s: %s", a->id, a->offer_text);
            /* promised at its own joint date, to a tenth (one re-evaluation at that date) */
            cr_assert_float_eq(d->deadline, ceil(d->joint_date * 10 - 1e-9) / 10, 0.1 + 1e-9,
                               "%s: offered %.2f, its joint date %.2f: %s", a->id, d->deadline,
                               d->joint_date, a->offer_text);
            cr_assert_lt(d->deadline, b->start->deadline, "%s: %s", a->id, a->offer_text);
            checked++;
        }
        joined = joined || a->joins;
    }
    cr_assert_geq(checked, 1, "no agreed-date offer after a concession");
    cr_assert_eq(moves, 1, "the commitment's move said %zu times", moves);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* unseen-docs (issue 12): a people move's offer is never later beyond the noise than the
   frontier's earliest deal with no more people that keeps the alternatives agreed so far (the
   crowd's labels, from the start): the levers of the frontier count, not only the head count. */
Test(offers, the_people_offer_is_no_later_than_the_frontiers_earliest_with_no_more_people,
     .init = test_setup)
{
    pb_scenario *s = unseen("docs");
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    pb_frontier *f = frontier_of(b->scenario);
    const pb_deal_result *agreed = b->start;
    size_t checked = 0;
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *a = &b->arguments[i];
        if (a->offer_deal && a->offer_kind && !strcmp(a->offer_kind, "people") &&
            a->offer_deal->feasible) {
            const pb_frontier_point *first = NULL;
            for (size_t j = 0; j < f->n_points; j++) {
                const pb_frontier_point *p = &f->points[j];
                bool keeps = p->people <= a->deal->people && p->deal->feasible;
                for (size_t k = 0; keeps && agreed && k < agreed->n_choices; k++)
                    keeps = !strcmp(agreed->alternatives[k], b->scenario->choices[k].base) ||
                            !strcmp(agreed->alternatives[k], p->deal->alternatives[k]);
                if (keeps && (!first || p->date < first->date))
                    first = p;
            }
            cr_assert(first, "%s: no frontier deal with %d people", a->id, a->deal->people);
            cr_assert_leq(a->offer_deal->people, a->deal->people, "%s: %s", a->id, a->offer_text);
            cr_assert_leq(a->offer_deal->date.lo, first->deal->date.hi,
                          "%s: offered %.2f, the frontier has %.2f with %d people: %s", a->id,
                          a->offer_deal->date.value, first->date, first->people, a->offer_text);
            checked++;
        }
        if (a->joins)
            agreed = a->deal;
    }
    cr_assert_geq(checked, 1, "no people offer to check");
    pb_frontier_free(f);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

/* triage-assistant (issue 12, item 3): an answer says a decision gate only when the gate is
   the counter-offer it makes (one counter-offer per move; the gate of 'promise-outcome' is in
   the JSON offers, not in its words). */
Test(offers, an_answer_names_only_the_counter_offer_it_makes, .init = test_setup)
{
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_load("scenarios/triage-assistant.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_rulebook *rb;
    pb_brief *b = brief_of(s, &rb);
    size_t promise = 0;
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *a = &b->arguments[i];
        promise += !strcmp(a->id, "promise-outcome");
        if (!a->answer || !strstr(a->answer, "decision gate"))
            continue;
        cr_assert(a->n_offers && (!strcmp(a->offers[0].kind, "decision-gate") ||
                                  !strcmp(a->offers[0].kind, "time-box")),
                  "%s names a decision gate it does not offer: %s", a->id, a->answer);
    }
    cr_assert_eq(promise, 1, "no promise-outcome move to check");
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}
