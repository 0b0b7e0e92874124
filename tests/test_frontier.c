/*
 * test_frontier.c - the frontier of a plan worked out by hand, the
 * walk-away point against every single lever, and the two-of-three table.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

/*
 * Roles a and b (1 each, rate 10, paid for the whole project); 'x' is 4
 * person-weeks of a (or bought: 3 weeks and 100), 'y' 2 person-weeks of b in
 * parallel, then the optional 'z' (1 week, value 1). With teams of 1-2 each
 * the 16 deals are worked out in the comments below; buying 'x' leaves 'a'
 * no work, so the bought deals are also tried with no 'a' (4 more).
 */
static const char *HAND =
    "version = 1;\n"
    "team = ( { role = \"a\"; people = 1; rate = 10.0; }, { role = \"b\"; people = 1; rate = 10.0; } );\n"
    "milestones = ( { id = \"x\"; role = \"a\"; effort = 4.0; people = [1, 2]; },\n"
    "  { id = \"y\"; role = \"b\"; effort = 2.0; people = [1, 2]; },\n"
    "  { id = \"z\"; after = [\"x\", \"y\"]; duration = 1.0; optional = true; value = 1.0; } );\n"
    "choices = ( { id = \"approach\"; alternatives = ( { id = \"build\"; kind = \"build\"; },\n"
    "  { id = \"buy\"; kind = \"buy\"; patch = ( { milestone = \"x\"; role = \"\"; duration = 3.0; "
    "cost = 100.0; } ); } ); } );\n"
    "ask = { deadline = 10.0; };\n"
    "manager = { deadline = 3.0; people = 2; budget = 170.0; };\n";

static pb_scenario *parse(const char *text)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "f.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static pb_frontier *run(const pb_scenario *s, int extra)
{
    pb_frontier_opts o;
    pb_frontier_opts_init(&o);
    o.extra_people = extra;
    o.threads = 2;
    pb_error e;
    pb_frontier *f = NULL;
    cr_assert_eq(pb_frontier_run(s, &o, &f, &e), PB_OK, "%s", e.msg);
    return f;
}

static const pb_frontier_point *find(const pb_frontier *f, double date, double cost, int people)
{
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (fabs(p->date - date) < 1e-9 && fabs(p->cost - cost) < 1e-6 && p->people == people)
            return p;
    }
    return NULL;
}

Test(frontier, a_frontier_worked_out_by_hand_is_found_exactly, .init = test_setup)
{
    pb_scenario *s = parse(HAND);
    pb_frontier *f = run(s, 1);
    cr_assert(f->exact, "%s", f->method);
    cr_assert_eq(f->n_points, 20);
    /* date, cost = (a + b) x 10 x date (+ 100 when bought), people, value kept */
    static const double want[6][4] = {
        {5, 100, 2, 1}, /* build, keep z, (1, 1): max(4, 2) + 1 */
        {3, 90, 3, 1},  /* build, keep z, (2, 1): max(2, 2) + 1 */
        {4, 140, 1, 1}, /* buy, keep z, (0, 1): max(3, 2) + 1, b alone paid */
        {4, 80, 2, 0},  /* build, drop z, (1, 1) */
        {2, 60, 3, 0},  /* build, drop z, (2, 1) */
        {3, 130, 1, 0}, /* buy, drop z, (0, 1) */
    };
    cr_assert_eq(f->n_frontier, 6);
    for (size_t k = 0; k < 6; k++) {
        const pb_frontier_point *p = find(f, want[k][0], want[k][1], (int)want[k][2]);
        cr_assert_not_null(p, "deal %zu missing", k);
        cr_assert(p->frontier, "deal %zu should be on the frontier", k);
        cr_assert_float_eq(p->value_kept, want[k][3], 1e-12);
    }
    /* dominated: build, keep z, (1, 2) is later and dearer than (1, 1) with more people */
    const pb_frontier_point *d = find(f, 5, 150, 3);
    cr_assert(d && !d->frontier);
    /* buy with 'a' kept idle is dominated by buy without it: same date, dearer, one more */
    d = find(f, 4, 180, 2);
    cr_assert(d && !d->frontier);
    /* the walk-away: the earliest date over the levers */
    cr_assert_float_eq(f->points[f->walk_away].date, 2.0, 1e-9);
    cr_assert_eq(f->points[f->walk_away].deal->team[0], 2);
    /* any two of three: the manager's 3 weeks, 2 people, 170 */
    cr_assert_eq(f->n_two, 3);
    cr_assert_str_eq(f->two[0].best, "budget");
    cr_assert(f->two[0].found);
    cr_assert_float_eq(f->two[0].value, 130, 1e-6); /* bought, z dropped, no 'a' */
    cr_assert_str_eq(f->points[f->two[0].point].deal->alternatives[0], "buy");
    cr_assert_str_eq(f->two[1].best, "people");
    cr_assert_float_eq(f->two[1].value, 1, 1e-12); /* the same deal: 'b' alone */
    cr_assert_str_eq(f->two[2].best, "deadline");
    cr_assert_float_eq(f->two[2].value, 3, 1e-9);
    cr_assert_eq(f->two[2].joint.value, 1.0);
    pb_frontier_free(f);
    pb_scenario_free(s);
}

/* The date at the confidence of the deal with one lever moved. */
static double single(const pb_scenario *s, const pb_frontier *f, const char *const *alts,
                     const int *team, const char *drop)
{
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = d.budget = NAN;
    d.confidence = f->confidence;
    d.alternatives = alts;
    d.team = team;
    d.drop = &drop;
    d.n_drop = drop != NULL;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = f->iterations;
    o.seed = f->seed;
    pb_error e;
    pb_deal_result *r = NULL;
    cr_assert_eq(pb_deal_evaluate(s, &d, &o, &r, &e), PB_OK, "%s", e.msg);
    double date = r->feasible ? r->date.value : HUGE_VAL;
    pb_deal_result_free(r);
    return date;
}

Test(frontier, the_walk_away_is_never_later_than_any_single_lever, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_load("scenarios/triage-assistant.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_frontier *f = run(s, 2);
    cr_assert(!f->exact);
    double walk = f->points[f->walk_away].date, best = HUGE_VAL;
    const char *alts[8] = {0};
    int team[8];
    for (size_t r = 0; r < s->n_roles; r++)
        team[r] = -1;
    best = fmin(best, single(s, f, alts, team, NULL));
    for (size_t i = 0; i < s->n_options; i++) {
        alts[s->options[i].choice] = s->options[i].name;
        best = fmin(best, single(s, f, alts, team, NULL));
        alts[s->options[i].choice] = NULL;
    }
    for (size_t r = 0; r < s->n_roles; r++) {
        for (int k = 1; k <= s->roles[r].people + 2; k++) {
            team[r] = k;
            best = fmin(best, single(s, f, alts, team, NULL));
        }
        team[r] = -1;
    }
    best = fmin(best, single(s, f, alts, team, "finetune"));
    cr_assert(isfinite(best));
    cr_assert_leq(walk, best, "walk-away %g later than a single lever's %g", walk, best);
    pb_frontier_free(f);
    pb_scenario_free(s);
}

/* Beyond the exact search, every pair of levers is tried with its team: unseen-docs has 12
   alternative-and-scope combinations (greedy), and crowd labels with the renewal alerts dropped
   (two levers at once) is the earliest deal at 80%, the walk-away, at the date a deal with the
   same settings has on the same draws. */
Test(frontier, the_greedy_search_combines_two_levers, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_load("tests/scenarios/unseen-docs.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_frontier *f = run(s, 2);
    cr_assert(!f->exact);
    cr_assert(strstr(f->method, "every pair of levers"), "%s", f->method);
    const char *alts[8] = {0};
    int team[8];
    for (size_t r = 0; r < s->n_roles; r++)
        team[r] = -1;
    for (size_t k = 0; k < s->n_choices; k++)
        alts[k] = !strcmp(s->choices[k].id, "labelling") ? "crowd-labels"
                  : !strcmp(s->choices[k].id, "alerts")  ? "no-alerts"
                                                         : NULL;
    double both = single(s, f, alts, team, NULL);
    cr_assert(isfinite(both));
    cr_assert_float_eq(f->points[f->walk_away].date, both, 1e-9, "walk-away %g, the pair %g",
                       f->points[f->walk_away].date, both);
    pb_frontier_free(f);
    pb_scenario_free(s);
}

/* A role whose only work an alternative takes over goes to none: unseen-rag's gold answers
   written by a BPO leave the support agent no milestone, and the earliest deal at 80% is the
   one without them, at the date that deal has on the same draws. */
Test(frontier, an_alternative_that_takes_a_roles_work_frees_its_people, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_load("tests/scenarios/unseen-rag.cfg", &s, &e), PB_OK, "%s", e.msg);
    pb_frontier *f = run(s, 2);
    const pb_deal_result *w = f->points[f->walk_away].deal;
    const char *alts[8] = {0};
    int team[8];
    size_t support = s->n_roles;
    for (size_t r = 0; r < s->n_roles; r++) {
        team[r] = w->team[r];
        if (!strcmp(s->roles[r].name, "support"))
            support = r;
    }
    cr_assert_lt(support, s->n_roles);
    cr_assert_eq(w->team[support], 0, "the walk-away keeps %d support", w->team[support]);
    for (size_t k = 0; k < s->n_choices; k++) {
        if (strcmp(w->alternatives[k], s->choices[k].base))
            alts[k] = w->alternatives[k];
        if (!strcmp(s->choices[k].id, "gold"))
            cr_assert_str_eq(w->alternatives[k], "bpo");
    }
    cr_assert_float_eq(f->points[f->walk_away].date, single(s, f, alts, team, NULL), 1e-9);
    pb_frontier_free(f);
    pb_scenario_free(s);
}

/*
 * An optional step of 0.001-0.002 weeks after a 8-12 week one: dropping it is
 * sooner by about 0.0015 weeks, a ten-thousandth of the date, and no
 * cheaper beyond that: the deal that keeps it dominates (docs/deals.md).
 */
static const char *NOISE =
    "version = 1;\n"
    "team = ( { role = \"a\"; people = 1; rate = 10.0; } );\n"
    "milestones = ( { id = \"x\"; role = \"a\"; effort = [8.0, 10.0, 12.0]; },\n"
    "  { id = \"z\"; after = [\"x\"]; duration = [0.001, 0.0015, 0.002]; optional = true; "
    "value = 1.0; } );\n"
    "ask = { deadline = 20.0; };\n";

Test(frontier, a_scope_cut_that_buys_only_noise_is_dominated, .init = test_setup)
{
    pb_scenario *s = parse(NOISE);
    pb_frontier *f = run(s, 0);
    cr_assert(f->exact, "%s", f->method);
    cr_assert_eq(f->n_points, 2);
    const pb_frontier_point *keep = NULL, *cut = NULL;
    for (size_t i = 0; i < f->n_points; i++)
        *(f->points[i].value_kept > 0 ? &keep : &cut) = &f->points[i];
    cr_assert(keep && cut);
    cr_assert_lt(cut->date, keep->date, "the cut is sooner, by %g", keep->date - cut->date);
    cr_assert_lt(keep->date - cut->date, 1e-3 * keep->date);
    cr_assert(keep->frontier);
    cr_assert(!cut->frontier, "a cut buying %g weeks is on the frontier", keep->date - cut->date);
    cr_assert_eq(f->n_frontier, 1);
    /* the walk-away stays the earliest date over the levers */
    cr_assert_eq(&f->points[f->walk_away], cut);
    pb_frontier_free(f);
    pb_scenario_free(s);
}
