/*
 * test_sched.c - the scheduler on plans made by hand (no scenario, no
 * sampling): two effort milestones on one person, a chain, a join, role
 * contention in both priority orders, and role capacity as a step function
 * of time (people joining or leaving from a given time). Then the plan
 * levers on built plans: a capacity step at time 0 equals a bigger team,
 * a refused step leaves the plan unchanged, people changes re-derive the
 * priorities, and a snapshot puts everything back bit for bit.
 *
 * Every expected time is worked out by hand in the test's comment.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"
#include "plan_internal.h"
#include "schedule.h"

#define MAX_MS 8

/* A plan made by hand: milestones with their predecessors, one or two roles, no overhead. */
typedef struct hand {
    pb_plan p;
    pb__pm ms[MAX_MS];
    size_t from[2 * MAX_MS], to[2 * MAX_MS], n_edges;
    size_t preds[2 * MAX_MS], succs[2 * MAX_MS];
    int people[2];
    double alloc[2];
    pb__pstep steps[4];
    pb__sched s;
} hand;

/* Milestone t: effort on 'role' (>= 0) with people pmin..pmax, or a duration milestone (-1). */
static void add(hand *h, int role, int pmin, int pmax, double priority)
{
    pb__pm *m = &h->ms[h->p.n_ms++];
    memset(m, 0, sizeof *m);
    m->effort = role >= 0;
    m->role = role;
    m->pmin = pmin;
    m->pmax = pmax;
    m->priority = priority;
    m->group = -1;
    m->growth = -1;
}

/* Milestone 'to' starts after milestone 'from' (from < to: the plan's order is topological). */
static void after(hand *h, size_t from, size_t to)
{
    h->from[h->n_edges] = from;
    h->to[h->n_edges++] = to;
}

/* Lay the edges out as the plan's lists, set the team and allocate the workspace. */
static void finish(hand *h, int people0, int people1, size_t n_roles)
{
    pb_plan *p = &h->p;
    size_t kp = 0, ks = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        h->ms[t].pred0 = kp;
        h->ms[t].succ0 = ks;
        for (size_t e = 0; e < h->n_edges; e++) {
            if (h->to[e] == t)
                h->preds[kp++] = h->from[e];
            if (h->from[e] == t)
                h->succs[ks++] = h->to[e];
        }
        h->ms[t].n_pred = kp - h->ms[t].pred0;
        h->ms[t].n_succ = ks - h->ms[t].succ0;
    }
    p->ms = h->ms;
    p->preds = h->preds;
    p->succs = h->succs;
    p->n_roles = n_roles;
    h->people[0] = people0;
    h->people[1] = people1;
    p->role_people = h->people;
    p->role_alloc = h->alloc;
    p->steps = h->steps;
    p->contention = true;
    for (int j = 1; j < PB_PLAN_SPEEDS; j++)
        p->inv_speed[j] = 1.0 / j;
    cr_assert(pb__sched_alloc(&h->s, p));
}

/* One milestone of a case: role (-1: a duration milestone), people, priority, work or duration. */
typedef struct ms_case {
    int role, pmin, pmax;
    double priority, x;
    double start, fin; /* expected */
    int crit;          /* expected critical flag, -1 when not checked */
} ms_case;

/* A plan made by hand and the schedule worked out by hand (in 'what'). */
typedef struct sched_case {
    const char *what;
    int people0, people1;
    size_t n_roles, n;
    ms_case ms[4];
    size_t n_edges, edge[4][2];
    size_t n_steps;
    pb__pstep steps[2];
    double finish;
} sched_case;

static const sched_case CASES[] = {
    {"one person, A (work 2, priority 2) and B (work 3, priority 3): B 0-3, then A 3-5",
     1,
     0,
     1,
     2,
     {{0, 1, 1, 2, 2, 3, 5, 1}, {0, 1, 1, 3, 3, 0, 3, 1}},
     0,
     {{0}},
     0,
     {{0, 0, 0}},
     5},
    {"a chain of duration milestones A (2) -> B (3) -> C (1): 0-2, 2-5, 5-6",
     0,
     0,
     0,
     3,
     {{-1, 0, 0, 6, 2, 0, 2, 1}, {-1, 0, 0, 4, 3, 2, 5, 1}, {-1, 0, 0, 1, 1, 5, 6, 1}},
     2,
     {{0, 1}, {1, 2}},
     0,
     {{0, 0, 0}},
     6},
    {"a join: A (2) and B (4) in parallel, C (1) after both: C 4-5, A not critical",
     0,
     0,
     0,
     3,
     {{-1, 0, 0, 3, 2, 0, 2, 0}, {-1, 0, 0, 5, 4, 0, 4, 1}, {-1, 0, 0, 1, 1, 4, 5, 1}},
     2,
     {{0, 2}, {1, 2}},
     0,
     {{0, 0, 0}},
     5},
    {"two people, X needs both (work 4) and goes first: X 0-2, then Y (one, work 3) 2-5",
     2,
     0,
     1,
     2,
     {{0, 2, 2, 9, 4, 0, 2, 1}, {0, 1, 1, 1, 3, 2, 5, 1}},
     0,
     {{0}},
     0,
     {{0, 0, 0}},
     5},
    {"two people, Y (one, work 3) goes first: Y 0-3, X waits for both, 3-5",
     2,
     0,
     1,
     2,
     {{0, 2, 2, 1, 4, 3, 5, 1}, {0, 1, 1, 9, 3, 0, 3, 1}},
     0,
     {{0}},
     0,
     {{0, 0, 0}},
     5},
    {"one person in each of two roles: A (role 0, work 2) and B (role 1, work 3) side by side",
     1,
     1,
     2,
     2,
     {{0, 1, 1, 2, 2, 0, 2, 0}, {1, 1, 1, 3, 3, 0, 3, 1}},
     0,
     {{0}},
     0,
     {{0, 0, 0}},
     3},
    {"one person, A and B (work 2 each, A first), one more person from time 1: B 1-3",
     1,
     0,
     1,
     2,
     {{0, 1, 1, 3, 2, 0, 2, -1}, {0, 1, 1, 2, 2, 1, 3, -1}},
     0,
     {{0}},
     1,
     {{1.0, 0, +1}},
     3},
    {"the same without the person joining: B waits for A, 2-4",
     1,
     0,
     1,
     2,
     {{0, 1, 1, 3, 2, 0, 2, -1}, {0, 1, 1, 2, 2, 2, 4, -1}},
     0,
     {{0}},
     0,
     {{0, 0, 0}},
     4},
    {"two people, A (work 4), B (1), C (1) one each in that priority: A 0-4, B 0-1, C 1-2",
     2,
     0,
     1,
     3,
     {{0, 1, 1, 9, 4, 0, 4, -1}, {0, 1, 1, 5, 1, 0, 1, -1}, {0, 1, 1, 1, 1, 1, 2, -1}},
     0,
     {{0}},
     0,
     {{0, 0, 0}},
     4},
    {"the same with one person leaving at 0.5: A and B keep theirs, C waits for A, 4-5",
     2,
     0,
     1,
     3,
     {{0, 1, 1, 9, 4, 0, 4, -1}, {0, 1, 1, 5, 1, 0, 1, -1}, {0, 1, 1, 1, 1, 4, 5, -1}},
     0,
     {{0}},
     1,
     {{0.5, 0, -1}},
     5},
    {"a role that starts empty and gets one person at time 3: A (work 2) runs 3-5",
     0,
     0,
     1,
     1,
     {{0, 1, 1, 2, 2, 3, 5, 1}},
     0,
     {{0}},
     1,
     {{3.0, 0, +1}},
     5},
};

Test(sched, hand_made_plans_finish_when_worked_out_by_hand, .init = test_setup)
{
    for (size_t c = 0; c < sizeof CASES / sizeof *CASES; c++) {
        const sched_case *k = &CASES[c];
        hand h = {0};
        for (size_t t = 0; t < k->n; t++)
            add(&h, k->ms[t].role, k->ms[t].pmin, k->ms[t].pmax, k->ms[t].priority);
        for (size_t e = 0; e < k->n_edges; e++)
            after(&h, k->edge[e][0], k->edge[e][1]);
        finish(&h, k->people0, k->people1, k->n_roles);
        memcpy(h.steps, k->steps, sizeof k->steps);
        h.p.n_steps = k->n_steps;
        for (size_t t = 0; t < k->n; t++) {
            h.s.wk[t] = h.s.dur[t] = k->ms[t].x;
            h.s.delay[t] = 0;
        }
        double F = pb__sched_run(&h.p, &h.s, true);
        cr_expect_float_eq(F, k->finish, 1e-12, "%s: finish %g", k->what, F);
        for (size_t t = 0; t < k->n; t++) {
            const ms_case *m = &k->ms[t];
            cr_expect_float_eq(h.s.start[t], m->start, 1e-12, "%s: %zu starts at %g", k->what, t,
                               h.s.start[t]);
            cr_expect_float_eq(h.s.fin[t], m->fin, 1e-12, "%s: %zu ends at %g", k->what, t,
                               h.s.fin[t]);
            if (m->crit >= 0)
                cr_expect_eq(h.s.crit[t], m->crit, "%s: %zu critical %d", k->what, t, h.s.crit[t]);
        }
        pb__sched_release(&h.s);
    }
}

/* ==== Levers on built plans ==== */

static const char *TEAM = "version = 1;"
                          "team = ( { role = \"dev\"; people = 1; rate = 1.0; } );"
                          "milestones = ("
                          "  { id = \"a\"; role = \"dev\"; effort = [1.0, 2.0, 4.0]; },"
                          "  { id = \"b\"; role = \"dev\"; effort = [2.0, 3.0, 5.0]; },"
                          "  { id = \"c\"; after = [\"a\", \"b\"]; duration = [1.0, 1.5, 2.0]; }"
                          ");"
                          "risks = ( { id = \"r\"; milestone = \"a\"; probability = 0.3;"
                          "            delay = [1.0, 2.0, 3.0]; } );";

static pb_plan *build(const char *text, int people)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "hand.cfg", &s, &e), PB_OK, "%d: %s", e.line, e.msg);
    s->roles[0].people = people;
    pb_plan *p = NULL;
    cr_assert_eq(pb_plan_build(s, &p, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return p;
}

static pb_result *simulate(const pb_plan *p)
{
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = 4096;
    o.seed = 7;
    o.threads = 2;
    pb_error e;
    pb_result *r = NULL;
    cr_assert_eq(pb_sim_run(p, &o, &r, &e), PB_OK, "%s", e.msg);
    return r;
}

static void expect_same_finishes(const pb_result *a, const pb_result *b)
{
    cr_assert_eq(a->iterations, b->iterations);
    cr_expect(
        !memcmp(a->finish_samples, b->finish_samples, a->iterations * sizeof *a->finish_samples),
        "the finishes differ");
}

Test(sched, a_hire_at_time_zero_is_a_bigger_team, .init = test_setup)
{
    pb_plan *one = build(TEAM, 1), *two = build(TEAM, 2);
    pb_error e;
    cr_assert_eq(pb_plan_capacity_step(one, 0, 0.0, +1, &e), PB_OK, "%s", e.msg);
    pb_result *r1 = simulate(one), *r2 = simulate(two);
    expect_same_finishes(r1, r2);
    cr_expect(r1->duration.pct[PB_P50].value < 8.0, "two people finish sooner than one");
    pb_result_free(r1);
    pb_result_free(r2);
    pb_plan_free(one);
    pb_plan_free(two);
}

Test(sched, a_step_that_leaves_the_role_short_is_refused, .init = test_setup)
{
    pb_plan *p = build(TEAM, 1);
    pb_result *before = simulate(p);
    pb_error e;
    cr_expect_eq(pb_plan_capacity_step(p, 0, 2.0, -1, &e), PB_ERR_USAGE);
    cr_expect(strstr(e.msg, "'dev'") != NULL, "%s", e.msg);
    cr_expect_eq(pb_plan_capacity_step(p, 3, 2.0, 1, &e), PB_ERR_USAGE);
    cr_expect_eq(pb_plan_capacity_step(p, 0, NAN, 1, &e), PB_ERR_USAGE);
    cr_expect_eq(pb_plan_capacity_step(p, 0, 1.0, 0, &e), PB_ERR_USAGE);
    pb_result *after_refusals = simulate(p);
    expect_same_finishes(before, after_refusals);
    pb_result_free(before);
    pb_result_free(after_refusals);
    pb_plan_free(p);
}

Test(sched, a_person_leaving_for_good_makes_the_plan_later, .init = test_setup)
{
    pb_plan *p = build(TEAM, 2);
    pb_result *before = simulate(p);
    pb_error e;
    cr_assert_eq(pb_plan_capacity_step(p, 0, 1.0, -1, &e), PB_OK, "%s", e.msg);
    pb_result *after_loss = simulate(p);
    size_t later = 0, sooner = 0;
    for (size_t i = 0; i < before->iterations; i++) {
        later += after_loss->finish_samples[i] > before->finish_samples[i] + 1e-12;
        sooner += after_loss->finish_samples[i] < before->finish_samples[i] - 1e-12;
    }
    cr_expect_eq(sooner, 0, "losing a person never makes an iteration sooner (%zu did)", sooner);
    cr_expect(later > before->iterations / 2, "most iterations end later (%zu)", later);
    pb_result_free(before);
    pb_result_free(after_loss);
    pb_plan_free(p);
}

Test(sched, people_changes_re_derive_priorities_and_a_snapshot_restores, .init = test_setup)
{
    pb_plan *p = build(TEAM, 1), *three = build(TEAM, 3);
    pb_plan_snapshot *snap = NULL;
    pb_error e;
    cr_assert_eq(pb_plan_snapshot_take(p, &snap, &e), PB_OK);
    pb_result *r0 = simulate(p);
    double prio = p->ms[0].priority, hi = p->fin_hi;
    /* three people: the priorities and bounds of a plan built with three */
    cr_assert(pb_plan_set_people(p, 0, 3));
    cr_expect(p->ms[0].priority < prio, "more people, shorter mean durations, lower priority");
    for (size_t t = 0; t < 3; t++) {
        cr_expect_eq(p->ms[t].priority, three->ms[t].priority, "milestone %zu", t);
        cr_expect_eq(p->ms[t].dur_lo, three->ms[t].dur_lo, "milestone %zu", t);
        cr_expect_eq(p->ms[t].fin_hi, three->ms[t].fin_hi, "milestone %zu", t);
    }
    pb_plan_free(three);
    pb_plan_set_risk(p, 0, 1.0);
    pb_plan_scale_work(p, 1, 2.0);
    pb_plan_disable(p, 2);
    cr_expect_eq(p->ms[2].shift_d, 0);
    pb_plan_restore(p, snap);
    cr_expect_eq(p->ms[0].priority, prio);
    cr_expect_eq(p->fin_hi, hi);
    pb_result *r1 = simulate(p);
    expect_same_finishes(r0, r1);
    pb_result_free(r0);
    pb_result_free(r1);
    pb_plan_snapshot_free(snap);
    pb_plan_free(p);
}
