/*
 * test_schedule_small.c - the small path of the list schedule
 * (schedule_small.c) against the general path (schedule.c), bit for bit.
 *
 * Random plans from a fixed seed: random DAGs of 1 to 64 milestones on 1 to
 * 3 roles, duration and effort milestones, people ranges, priorities drawn
 * from a few values (so that ties are common), works and durations drawn
 * from a few values and nudged within and just beyond PB_STATS_REL_TOL (so
 * that events group and almost group), risk delays, coordination overhead
 * and capacity steps at times that meet finishes. Each plan is scheduled by
 * both paths from the same inputs: the project finish, every start, finish,
 * duration, head count and critical flag must be the same bits.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/stats.h>

#include "helpers.h"
#include "plan_internal.h"
#include "schedule.h"

#define MAX_MS    PB_SCHED_SMALL
#define MAX_EDGES (MAX_MS * 6)
#define CASES     4000

typedef struct rplan {
    pb_plan p;
    pb__pm ms[MAX_MS + 1];
    size_t from[MAX_EDGES], to[MAX_EDGES], n_edges;
    size_t preds[MAX_EDGES], succs[MAX_EDGES];
    int people[3];
    double alloc[3];
    pb__pstep steps[4];
    double x[MAX_MS + 1], delay[MAX_MS + 1]; /* work or duration, risk delay */
} rplan;

static uint64_t rng_next(uint64_t *s) /* splitmix64 */
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int rng_int(uint64_t *s, int n) /* uniform on 0 .. n - 1 */
{
    return (int)(rng_next(s) % (uint64_t)n);
}

/* A work or duration: a few values, some nudged within or just beyond the event tolerance. */
static double draw_x(uint64_t *s)
{
    static const double base[] = {0.5, 1.0, 1.5, 2.0, 3.0, 0.25, 4.0 / 3.0, 0.0};
    double x = base[rng_int(s, 7 + (rng_int(s, 20) == 0))];
    switch (rng_int(s, 6)) {
    case 0:
        return x * (1 + 0.4 * PB_STATS_REL_TOL);
    case 1:
        return x * (1 + 3 * PB_STATS_REL_TOL);
    case 2:
        return x + (double)rng_int(s, 1000) / 997.0;
    default:
        return x;
    }
}

/* Lay the edges out as the plan's lists (as plan.c does: preds and succs by milestone). */
static void lay_edges(rplan *h)
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
}

/* Capacity steps: people joining and leaving, never below the role's largest minimum. */
static void draw_steps(rplan *h, uint64_t *s, const int *need)
{
    pb_plan *p = &h->p;
    double at = 0;
    int now[3] = {h->people[0], h->people[1], h->people[2]};
    p->n_steps = (size_t)rng_int(s, 5);
    for (size_t i = 0; i < p->n_steps; i++) {
        size_t r = (size_t)rng_int(s, (int)p->n_roles);
        at += rng_int(s, 3) ? (double)rng_int(s, 4) : draw_x(s);
        int d = rng_int(s, 2) ? 1 + rng_int(s, 2) : -1 - rng_int(s, 2);
        if (now[r] + d < need[r])
            d = -d;
        now[r] += d;
        h->steps[i] = (pb__pstep){at, r, d};
    }
}

/* A random plan of n milestones on its workspace, from the stream s. */
static void draw_plan(rplan *h, uint64_t *s, size_t n)
{
    pb_plan *p = &h->p;
    memset(h, 0, sizeof *h);
    p->n_ms = n;
    p->n_roles = (size_t)(1 + rng_int(s, 3));
    int need[3] = {1, 1, 1};
    for (size_t r = 0; r < p->n_roles; r++)
        h->people[r] = 1 + rng_int(s, 5);
    for (size_t t = 0; t < n; t++) {
        pb__pm *m = &h->ms[t];
        m->effort = rng_int(s, 4) != 0;
        m->role = m->effort ? rng_int(s, (int)p->n_roles) : -1;
        m->pmin = m->effort ? 1 + rng_int(s, h->people[m->role]) : 0;
        m->pmax = m->pmin + rng_int(s, 4);
        m->priority = (double)rng_int(s, 6) + (rng_int(s, 8) ? 0 : 0.5);
        m->group = m->growth = -1;
        if (m->effort && m->pmin > need[m->role])
            need[m->role] = m->pmin;
        h->x[t] = draw_x(s);
        h->delay[t] = rng_int(s, 5) ? 0 : draw_x(s);
        for (size_t u = 0; u < t && h->n_edges < MAX_EDGES; u++)
            if (rng_int(s, (int)t + 1) < 2)
                h->from[h->n_edges] = u, h->to[h->n_edges++] = t;
    }
    lay_edges(h);
    p->ms = h->ms;
    p->preds = h->preds;
    p->succs = h->succs;
    p->role_people = h->people;
    p->role_alloc = h->alloc;
    p->steps = h->steps;
    p->contention = true;
    p->overhead = rng_int(s, 2) ? 0 : 0.07;
    for (int k = 1; k < PB_PLAN_SPEEDS; k++)
        p->inv_speed[k] = 1.0 / pb__speed(p, k);
    draw_steps(h, s, need);
}

/* One run of the schedule on the plan's inputs; 'general' picks the path. */
static double run(rplan *h, pb__sched *sc, bool general, bool crit)
{
    for (size_t t = 0; t < h->p.n_ms; t++) {
        sc->wk[t] = sc->dur[t] = h->x[t];
        sc->delay[t] = h->delay[t];
    }
    sc->general = general;
    return pb__sched_run(&h->p, sc, crit);
}

/* Bits of two arrays of n doubles the same. */
static bool same_bits(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

/* Run plan h by both paths and expect the same bits; returns whether they were. */
static bool expect_same(rplan *h, pb__sched *a, pb__sched *b, bool crit, size_t c)
{
    size_t n = h->p.n_ms;
    double Fa = run(h, a, true, crit), Fb = run(h, b, false, crit);
    bool ok = memcmp(&Fa, &Fb, sizeof Fa) == 0 && same_bits(a->start, b->start, n) &&
              same_bits(a->fin, b->fin, n) && same_bits(a->dur, b->dur, n) &&
              memcmp(a->people, b->people, n * sizeof(int)) == 0 &&
              (!crit || memcmp(a->crit, b->crit, n) == 0);
    cr_expect(ok, "case %zu (%zu milestones, %zu roles, %zu steps): general %.17g, small %.17g", c,
              n, h->p.n_roles, h->p.n_steps, Fa, Fb);
    return ok;
}

Test(schedule_small, random_plans_schedule_as_the_general_path_bit_for_bit, .init = test_setup)
{
    static rplan h;
    uint64_t s = 20261207;
    size_t bad = 0, grouped = 0;
    for (size_t c = 0; c < CASES && bad < 5; c++) {
        size_t n = c % 16 == 0 ? MAX_MS : (size_t)(1 + rng_int(&s, c % 2 ? 12 : MAX_MS));
        draw_plan(&h, &s, n);
        pb__sched a, b;
        cr_assert(pb__sched_alloc(&a, &h.p) && pb__sched_alloc(&b, &h.p));
        cr_assert(a.small && b.small, "%zu milestones take the small path", n);
        bad += !expect_same(&h, &a, &b, c % 3 != 0, c);
        for (size_t t = 1; t < n; t++) /* did some milestones start in the same event? */
            grouped += b.start[t] > 0 && b.start[t] == b.start[t - 1];
        pb__sched_release(&a);
        pb__sched_release(&b);
    }
    cr_expect(grouped > CASES / 2, "milestones start together often (%zu)", grouped);
}

Test(schedule_small, a_workspace_reused_across_iterations_gives_the_same_bits, .init = test_setup)
{
    static rplan h;
    uint64_t s = 7;
    draw_plan(&h, &s, 40);
    pb__sched a, b;
    cr_assert(pb__sched_alloc(&a, &h.p) && pb__sched_alloc(&b, &h.p));
    for (size_t i = 0; i < 200; i++) { /* new inputs on the same plan, as iterations do */
        for (size_t t = 0; t < h.p.n_ms; t++) {
            h.x[t] = draw_x(&s);
            h.delay[t] = rng_int(&s, 4) ? 0 : draw_x(&s);
        }
        cr_assert(expect_same(&h, &a, &b, i % 2 == 0, i));
    }
    pb__sched_release(&a);
    pb__sched_release(&b);
}

Test(schedule_small, plans_over_64_milestones_take_the_general_path, .init = test_setup)
{
    static rplan h; /* 64 milestones, then one more milestone on the same arrays */
    uint64_t s = 11;
    draw_plan(&h, &s, MAX_MS);
    h.ms[MAX_MS] = h.ms[0];
    h.ms[MAX_MS].n_pred = h.ms[MAX_MS].n_succ = 0;
    h.p.n_ms = MAX_MS + 1;
    pb__sched a;
    cr_assert(pb__sched_alloc(&a, &h.p));
    cr_expect(!a.small);
    h.x[MAX_MS] = 1;
    double F = run(&h, &a, false, true);
    cr_expect(F > 0 && isfinite(F));
    pb__sched_release(&a);
}
