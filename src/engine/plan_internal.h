/*
 * plan_internal.h - the compiled plan's layout, shared by plan.c (which
 * builds it) and the engine (which reads it in its inner loop). Flat arrays,
 * milestones in topological order, every reference an index.
 */
#ifndef PUSHBACK_PLAN_INTERNAL_H
#define PUSHBACK_PLAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/plan.h>

#include "sampler.h"

#define PB_PLAN_SPEEDS 256
#define PB_PHI_CELLS   4096 /* the normal CDF tabulated over [-PB_PHI_MAX, PB_PHI_MAX] */
#define PB_PHI_MAX     8.5

typedef struct pb__pm {
    const char *id, *name;
    bool effort;      /* effort milestone: duration comes from people */
    int role;         /* index into roles, -1 for duration milestones */
    int pmin, pmax;   /* people range, resolved against the team */
    int pmax_decl;    /* the declared maximum, 0 when none (then the team size) */
    pb__sampler work; /* duration or effort */
    uint64_t key;     /* stream of the work draw */
    bool has_cost;
    pb__sampler cost;
    uint64_t key_cost;
    double rate;            /* own money per unit of time */
    double labour;          /* role rate per person per unit of time */
    size_t risk0, n_risk;   /* its risks: plan->risks[risk0 .. risk0 + n_risk) */
    size_t need0, n_need;   /* its needs: plan->needs[need0 ..) */
    size_t pred0, n_pred;   /* its predecessors: plan->preds[pred0 ..) */
    size_t succ0, n_succ;   /* its successors: plan->succs[succ0 ..) */
    int group;              /* correlation group, -1 if none */
    int rounds_max;         /* experiment rounds: 0 when it does not loop */
    size_t round0;          /* its rounds: plan->round_*[round0 .. + rounds_max) */
    double rounds_expect;   /* rounds taken on average (when it loops) */
    int growth;             /* scope growth: -1 none, 0 the plan's, 1 its own */
    pb__sampler own_growth; /* its own growth, drawn from key_growth */
    uint64_t key_growth;
    double growth_mean, growth_hi; /* its growth's mean and upper bound */
    double wmean, wlo, whi;        /* work (or duration) x shared factor: mean, bounds */
    /* derived by pb__plan_derive from the above, the people range and the risks */
    double priority;                       /* longest remaining path on mean durations */
    double dur_lo, dur_hi, fin_lo, fin_hi; /* bounds of duration and finish, for codes */
    double shift_d, shift_f;               /* mean duration, rough mean finish (subtracted
                                              before summing squares) */
} pb__pm;

typedef struct pb__prisk {
    const char *id, *name;
    size_t milestone;
    double p;
    pb__sampler delay;
    bool has_cost;
    pb__sampler cost;
    uint64_t key_fire, key_delay, key_cost;
    double mean_delay, delay_hi; /* the delay's mean and upper bound */
} pb__prisk;

typedef struct pb__pneed {
    size_t resource;
    pb__sampler amount;
    uint64_t key;
} pb__pneed;

typedef struct pb__pstep {
    double at; /* from this time on */
    size_t role;
    int delta; /* people gained (> 0) or lost (< 0) */
} pb__pstep;

/* People joining a role with a ramp-up (docs/ml.md): a capacity step of +people at 'at' too. */
typedef struct pb__pjoin {
    size_t role;
    int people;
    double at, ramp, mentor; /* ramp > 0: joins with ramp 0 are capacity steps only */
} pb__pjoin;

/* A role's attrition: one person leaves with probability p; a replacement follows. */
typedef struct pb__pleave {
    size_t role;
    double p, ramp, mentor; /* the replacement ramps like a join of the role */
    double at;              /* the departure's time; NAN: uniform on [0, F0) */
    pb__sampler replace;    /* delay from the departure to the replacement's arrival */
    uint64_t key_fire, key_when, key_replace;
} pb__pleave;

typedef struct pb__pgroup {
    uint64_t key;
    double a, b; /* z = a z_group + b z_own, a = sqrt(r), b = sqrt(1 - r) */
} pb__pgroup;

struct pb_plan {
    pb_scenario *scenario; /* owned copy: ids and names point into it */
    pb__table_cache tables;
    const pb__table *normal; /* standard normal quantile, when groups exist */
    double *phi;             /* when groups exist: Phi(z) and phi(z) at PB_PHI_CELLS + 1 points,
                                interleaved, for the copula's way back to a uniform */
    size_t n_ms;
    pb__pm *ms;
    size_t n_risks;
    pb__prisk *risks;
    size_t n_needs;
    pb__pneed *needs;
    size_t *preds, *succs;
    size_t n_groups;
    pb__pgroup *groups;
    size_t n_roles;
    int *role_people;
    double *role_alloc; /* per role: rate when its labour is "allocated" (paid for the whole
                           project: people x rate x finish), else 0 (paid per milestone) */
    double overhead;    /* capacity lost per extra person */
    double inv_speed[PB_PLAN_SPEEDS]; /* 1 / pb__speed(k) for k < PB_PLAN_SPEEDS (0 at k = 0) */
    size_t n_resources;
    double *resource_price;
    const char **resource_ids;
    bool has_shared;
    pb__sampler shared;
    uint64_t key_shared;
    bool contention;      /* some milestone needs people: event-driven scheduling */
    bool has_curve;       /* a learning curve: a, b, c drawn on their own streams */
    pb__sampler curve[3]; /* a, b, c */
    uint64_t key_curve[3];
    bool has_growth; /* 'growth': one draw per iteration for every effort milestone */
    pb__sampler growth;
    uint64_t key_growth;
    size_t n_loops;  /* milestones with experiment rounds */
    size_t *loops;   /* their indices into ms, in plan order */
    double *round_p; /* per round of each looping milestone: P(success), expanded to max */
    uint64_t *round_kw, *round_ks; /* per round: streams of the fresh work draw and of success
                                      (round 1's work draw is the milestone's own 'key') */
    double fin_lo, fin_hi;
    size_t n_steps, cap_steps;
    pb__pstep *steps; /* capacity steps, by time (insertion order breaking ties) */
    size_t n_joins;   /* joins that ramp, in the team's order (people.c) */
    pb__pjoin *joins;
    size_t n_leaves; /* attrition entries (people.c) */
    pb__pleave *leaves;
    bool paced; /* some role's productivity varies in time: joins that ramp, or attrition */
};

/* Speed of k people on one milestone: k (1 - overhead (k - 1)). */
static inline double pb__speed(const pb_plan *p, int k)
{
    return k * (1.0 - p->overhead * (k - 1));
}

/* Calendar time of 'work' person-units done by k >= 1 people (no division for small k). */
static inline double pb__work_time(const pb_plan *p, double work, int k)
{
    return k < PB_PLAN_SPEEDS ? work * p->inv_speed[k] : work / pb__speed(p, k);
}

/* Kept for callers of the old name: pb_plan_set_people (plan.h). */
bool pb__plan_set_people(pb_plan *p, size_t r, int k);

/*
 * Derive every milestone's mean duration, duration bounds, priority (longest
 * remaining path on mean durations) and finish bounds from its work, people
 * range, risks, rounds and growth, and the plan's finish bounds (plan_lever.c).
 * pb_plan_build and every lever end with it, so that nothing derived is stale.
 */
void pb__plan_derive(pb_plan *p);

/*
 * The standard normal CDF by cubic Hermite interpolation of the table (value
 * and density at each point): error below 1e-11, clamped into (0, 1).
 */
static inline double pb__phi(const pb_plan *p, double z)
{
    const double h = 2.0 * PB_PHI_MAX / PB_PHI_CELLS;
    double x = (z + PB_PHI_MAX) / h;
    if (!(x > 0))
        return 0x1p-53;
    if (x >= PB_PHI_CELLS)
        return 1.0 - 0x1p-53;
    int i = (int)x;
    double t = x - i, t2 = t * t, t3 = t2 * t;
    const double *a = p->phi + 2 * i, *b = a + 2;
    double v = (2 * t3 - 3 * t2 + 1) * a[0] + (t3 - 2 * t2 + t) * h * a[1] +
               (-2 * t3 + 3 * t2) * b[0] + (t3 - t2) * h * b[1];
    return v < 0x1p-53 ? 0x1p-53 : v > 1.0 - 0x1p-53 ? 1.0 - 0x1p-53 : v;
}

/* Money per unit of time of every allocated role's people, at the plan's current team. */
static inline double pb__alloc_rate(const pb_plan *p)
{
    double a = 0;
    for (size_t r = 0; r < p->n_roles; r++)
        a += p->role_people[r] * p->role_alloc[r];
    return a;
}

/*
 * PB_OK when a run of n iterations of 'p' with 'o', holding extra_per_it
 * more bytes per iteration (for example other runs' samples), stays within
 * o->memory_limit; else PB_ERR_USAGE naming the largest count that fits
 * (sim.c).
 */
struct pb_sim_opts;
pb_status pb__sim_check_memory(const pb_plan *p, const struct pb_sim_opts *o, size_t n,
                               double extra_per_it, pb_error *err);

/* A learning curve's chance and fewest items over n iterations (curve.c). */
struct pb_result;
pb_status pb__curve_summary(const pb_plan *p, uint64_t seedk, size_t n, struct pb_result *res,
                            pb_error *err);

/* Is the learning curve's target met in the iteration whose hash is h (curve.c)? */
bool pb__curve_met(const pb_plan *p, uint64_t h);

/* The 64-bit stream key of a label such as "m:train" (FNV-1a then mixed). */
uint64_t pb__stream_key(const char *kind, const char *id);

#endif
