/*
 * test_schedule_derive.c - an option's schedule derived from the base's
 * (schedule_derive.c) against the option scheduled in full, bit for bit.
 *
 * Random plans from a fixed seed: random DAGs of 2 to 64 milestones on 1 to
 * 3 roles, people ranges, priorities from a few values (ties are common),
 * works nudged within and just beyond the event tolerance (so that events
 * group and almost group). The option drops one leaf effort milestone. Over
 * many inputs per plan, wherever pb__derive_run says it may, its schedule
 * must be the option's own: the project finish and every kept milestone's
 * start, finish, duration and head count, the same bits. Both outcomes must
 * occur often (the refusals are not vacuous, nor the derivations rare).
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
#define PLANS     1500
#define INPUTS    12

typedef struct rplan {
    pb_plan p;
    pb__pm ms[MAX_MS + 1];
    size_t from[MAX_EDGES], to[MAX_EDGES], n_edges;
    size_t preds[MAX_EDGES], succs[MAX_EDGES];
    int people[3];
    double alloc[3];
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
    static const double base[] = {0.5, 1.0, 1.5, 2.0, 3.0, 0.25, 4.0 / 3.0};
    double x = base[rng_int(s, 7)];
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

/* Lay the edges out as the plan's lists and point the plan at its arrays. */
static void lay_out(rplan *h)
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
    p->role_people = h->people;
    p->role_alloc = h->alloc;
    p->contention = true;
    for (int k = 1; k < PB_PLAN_SPEEDS; k++)
        p->inv_speed[k] = 1.0 / pb__speed(p, k);
}

/* A random plan of n milestones whose last one is an effort milestone (a leaf: edges go up). */
static void draw_plan(rplan *h, uint64_t *s, size_t n)
{
    pb_plan *p = &h->p;
    memset(h, 0, sizeof *h);
    p->n_ms = n;
    p->n_roles = (size_t)(1 + rng_int(s, 3));
    for (size_t r = 0; r < p->n_roles; r++)
        h->people[r] = 1 + rng_int(s, 5);
    for (size_t t = 0; t < n; t++) {
        pb__pm *m = &h->ms[t];
        m->effort = t == n - 1 || rng_int(s, 4) != 0;
        m->role = m->effort ? rng_int(s, (int)p->n_roles) : -1;
        m->pmin = m->effort ? 1 + rng_int(s, h->people[m->role]) : 0;
        m->pmax = m->pmin + rng_int(s, 4);
        m->priority = (double)rng_int(s, 6) + (rng_int(s, 8) ? 0 : 0.5);
        m->group = m->growth = -1;
        for (size_t u = 0; u < t && h->n_edges < MAX_EDGES; u++)
            if (rng_int(s, (int)t + 1) < 2)
                h->from[h->n_edges] = u, h->to[h->n_edges++] = t;
    }
    p->overhead = rng_int(s, 2) ? 0 : 0.07;
    lay_out(h);
}

/* The option: plan b without its milestone x (a leaf); map[t] is the base milestone of t. */
static void drop_one(rplan *o, const rplan *b, size_t x, size_t *map)
{
    size_t n = b->p.n_ms, at[MAX_MS + 1];
    memset(o, 0, sizeof *o);
    o->p = b->p;
    o->p.n_ms = n - 1;
    memcpy(o->people, b->people, sizeof o->people);
    for (size_t d = 0, t = 0; d < n; d++) {
        if (d == x)
            continue;
        o->ms[t] = b->ms[d];
        at[d] = t;
        map[t++] = d;
    }
    for (size_t e = 0; e < b->n_edges; e++) /* no edge ends at x: it has no successor */
        if (b->to[e] != x) {
            o->from[o->n_edges] = at[b->from[e]];
            o->to[o->n_edges++] = at[b->to[e]];
        }
    lay_out(o);
}

/* Schedule plan h from the inputs x and delay of its milestones (map: where they are). */
static double run(rplan *h, pb__sched *sc, const double *x, const double *delay, const size_t *map)
{
    for (size_t t = 0; t < h->p.n_ms; t++) {
        size_t d = map ? map[t] : t;
        sc->wk[t] = sc->dur[t] = x[d];
        sc->delay[t] = delay[d];
    }
    return pb__sched_run(&h->p, sc, false);
}

/* One plan over INPUTS inputs: counts derivations and refusals; false on a difference. */
static bool check_plan(rplan *b, rplan *o, uint64_t *s, size_t c, size_t *derived, size_t *refused)
{
    size_t map[MAX_MS + 1], n = b->p.n_ms;
    size_t leaves[MAX_MS], nl = 0; /* the effort leaves: the last milestone is one */
    for (size_t t = 0; t < n; t++)
        if (b->ms[t].effort && !b->ms[t].n_succ)
            leaves[nl++] = t;
    drop_one(o, b, leaves[rng_int(s, (int)nl)], map);
    pb__derive dv;
    cr_assert(pb__derive_build(&dv, &b->p, &o->p, map), "case %zu: the option is a drop", c);
    pb__sched sb, so, sd;
    cr_assert(pb__sched_alloc(&sb, &b->p) && pb__sched_alloc(&so, &o->p) &&
              pb__sched_alloc(&sd, &o->p));
    bool ok = true;
    for (size_t i = 0; i < INPUTS && ok; i++) {
        double x[MAX_MS + 1], delay[MAX_MS + 1], Fd = NAN;
        for (size_t t = 0; t < n; t++) {
            x[t] = draw_x(s);
            delay[t] = rng_int(s, 5) ? 0 : draw_x(s);
        }
        run(b, &sb, x, delay, NULL);
        double Fo = run(o, &so, x, delay, map);
        if (!pb__derive_run(&dv, &sb, &sd, &Fd)) {
            ++*refused;
            continue;
        }
        ++*derived;
        size_t m = o->p.n_ms;
        ok = memcmp(&Fo, &Fd, sizeof Fo) == 0 && !memcmp(so.start, sd.start, m * sizeof(double)) &&
             !memcmp(so.fin, sd.fin, m * sizeof(double)) &&
             !memcmp(so.dur, sd.dur, m * sizeof(double)) &&
             !memcmp(so.people, sd.people, m * sizeof(int));
        cr_expect(ok, "case %zu input %zu (%zu milestones): full %.17g, derived %.17g", c, i, m, Fo,
                  Fd);
    }
    pb__sched_release(&sb);
    pb__sched_release(&so);
    pb__sched_release(&sd);
    return ok;
}

Test(schedule_derive, a_dropped_leaf_derived_schedule_is_the_full_one_bit_for_bit,
     .init = test_setup)
{
    static rplan b, o;
    uint64_t s = 20261208;
    size_t bad = 0, derived = 0, refused = 0;
    for (size_t c = 0; c < PLANS && bad < 5; c++) {
        size_t n = c % 16 == 0 ? MAX_MS : (size_t)(2 + rng_int(&s, c % 2 ? 11 : MAX_MS - 1));
        draw_plan(&b, &s, n);
        bad += !check_plan(&b, &o, &s, c, &derived, &refused);
    }
    size_t all = PLANS * INPUTS;
    cr_expect(derived > all / 5, "derived often: %zu of %zu", derived, all);
    cr_expect(refused > all / 20, "refused often: %zu of %zu", refused, all);
}

/* A plan of two effort milestones of one role with one person: a (work 2) and x (work 3). */
static void two_on_one(rplan *h, double prio_a, double prio_x, bool chain)
{
    memset(h, 0, sizeof *h);
    h->p.n_ms = 2;
    h->p.n_roles = 1;
    h->people[0] = 1;
    for (size_t t = 0; t < 2; t++)
        h->ms[t] = (pb__pm){.effort = true,
                            .role = 0,
                            .pmin = 1,
                            .pmax = 1,
                            .group = -1,
                            .growth = -1,
                            .priority = t ? prio_x : prio_a};
    if (chain)
        h->from[0] = 0, h->to[0] = 1, h->n_edges = 1;
    lay_out(h);
}

Test(schedule_derive, known_answers_derive_or_refuse, .init = test_setup)
{
    static rplan b, o;
    size_t map[1];
    double x[2] = {2.0, 3.0}, delay[2] = {0, 0};
    pb__derive dv;
    pb__sched sb, sd;
    /* x runs first on the one person and a waits until 3: refused (alone, a finishes at 2) */
    two_on_one(&b, 1.0, 2.0, false);
    drop_one(&o, &b, 1, map);
    cr_assert(pb__derive_build(&dv, &b.p, &o.p, map) && dv.drop == 1);
    cr_assert(pb__sched_alloc(&sb, &b.p) && pb__sched_alloc(&sd, &o.p));
    double F = NAN;
    cr_expect_eq(run(&b, &sb, x, delay, NULL), 5.0);
    bool refused = !pb__derive_run(&dv, &sb, &sd, &F);
    cr_expect(refused, "a waited for x: refused");
    cr_expect(isnan(F));
    pb__sched_release(&sb);
    pb__sched_release(&sd);
    /* a runs first: x delays nobody; the option finishes when a does, at 2 */
    two_on_one(&b, 3.0, 2.0, false);
    drop_one(&o, &b, 1, map);
    cr_assert(pb__derive_build(&dv, &b.p, &o.p, map));
    cr_assert(pb__sched_alloc(&sb, &b.p) && pb__sched_alloc(&sd, &o.p));
    cr_expect_eq(run(&b, &sb, x, delay, NULL), 5.0);
    bool derived = pb__derive_run(&dv, &sb, &sd, &F);
    cr_expect(derived);
    cr_expect_eq(F, 2.0);
    cr_expect(sd.fin[0] == 2.0 && sd.people[0] == 1 && sd.start[0] == 0.0, "%g %d %g", sd.fin[0],
              sd.people[0], sd.start[0]);
    pb__sched_release(&sb);
    pb__sched_release(&sd);
    /* not a drop of a leaf, or a different team: no derivation */
    two_on_one(&b, 1.0, 2.0, true);
    drop_one(&o, &b, 1, map);
    cr_expect(pb__derive_build(&dv, &b.p, &o.p, map), "x after a is still a leaf");
    size_t first[1] = {1};
    cr_expect(!pb__derive_build(&dv, &b.p, &o.p, first), "a dropped, which x follows");
    cr_expect(!dv.on);
    o.people[0] = 2;
    cr_expect(!pb__derive_build(&dv, &b.p, &o.p, map), "another team");
}
