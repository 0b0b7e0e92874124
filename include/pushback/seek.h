/*
 * seek.h - goal seeks: what it takes to meet a deadline at a confidence.
 *
 * A manager's pushback is an inverse question: "what would it take to
 * finish by week 17?". pb_seek_run answers each form of it on one compiled
 * plan, changed in place between trial runs that all use the same seed and
 * iteration count, so every trial sees the same draws (common random
 * numbers) and no trial re-parses or re-tabulates anything:
 *
 *   - the date and the budget reached at the confidence;
 *   - the fewest people per role (others as planned), and in total, that
 *     reach P(finish <= deadline) >= confidence, or the best reachable
 *     probability when more people stop helping;
 *   - the smallest scope cut: the optional milestones whose removal reaches
 *     the deadline at the confidence while losing the least 'value' (exact
 *     search over subsets in order of value lost while there are at most
 *     PB_SEEK_EXACT_CUT optional milestones, greedy beyond);
 *   - staged delivery: each deliverable's P50/P80 finish and whether it is
 *     done by the deadline at the confidence;
 *   - break-even: how far each risk's probability and each of the most
 *     sensitive estimates must move to flip "meets the deadline at the
 *     confidence" (bisection);
 *   - the trade-off curve P(finish <= d) over a grid of d;
 *   - experiment rounds: for each looping milestone, the fewest rounds to
 *     budget so that P(metric met) reaches the confidence, and the date and
 *     P(done by the deadline and met) with that budget (docs/ml.md).
 *
 * Every probability carries its Wilson interval and the iteration count it
 * used; answers whose interval straddles the confidence are flagged 'near'.
 */
#ifndef PUSHBACK_SEEK_H
#define PUSHBACK_SEEK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/error.h>
#include <pushback/scenario.h>
#include <pushback/sim.h>
#include <pushback/stats.h>

#define PB_SEEK_EXACT_CUT 10

typedef struct pb_seek_opts {
    double confidence;      /* NAN: the scenario's ask.confidence */
    double deadline;        /* NAN: ask.deadline (required: from here or the scenario) */
    double budget;          /* NAN: ask.budget (optional) */
    size_t iterations;      /* per trial run; default 10,000 */
    size_t base_iterations; /* the base run (date, budget, stages, curve); default 100,000 */
    uint64_t seed;          /* default 1 */
    unsigned threads;       /* default 1 */
    size_t n_sensitive;     /* break-even for this many most sensitive estimates; default 5 */
    size_t curve_points;    /* default 21 */
    volatile const int *cancel;
} pb_seek_opts;

void pb_seek_opts_init(pb_seek_opts *o);

typedef struct pb_seek_people {
    const char *role; /* a team role, or NULL for the whole team */
    int planned;      /* people in the plan (for NULL: the total) */
    bool feasible;
    int fewest;    /* fewest reaching the confidence (NULL: the total of 'team') */
    int *team;     /* NULL role only: people per role of that answer, n_roles */
    pb_interval p; /* P(finish <= deadline) at 'fewest', or the best reachable */
    int best;      /* infeasible: people at the best probability */
    int cap;       /* the most people tried */
    bool near;
} pb_seek_people;

typedef struct pb_seek_cut {
    bool needed;          /* false: the plan already meets the deadline at the confidence */
    bool feasible;        /* some cut reaches it */
    bool exact;           /* found by exhaustive search (else greedy) */
    const char **dropped; /* milestone ids */
    size_t n_dropped;
    double value_lost;
    pb_interval p; /* with the cut; without any when infeasible: with every optional cut */
    bool near;
} pb_seek_cut;

typedef struct pb_seek_stage {
    const char *id, *name;
    double p50, p80; /* finish */
    pb_interval p;   /* P(done by the deadline) */
    bool done;       /* p >= confidence */
    bool near;
} pb_seek_stage;

typedef struct pb_seek_breakeven {
    char kind; /* 'r': a risk's probability; 'e': a milestone's estimate, as a factor */
    const char *id;
    double sensitivity; /* 'e': the milestone's sensitivity */
    double planned;     /* 'r': its probability; 'e': 1 (the estimate as written) */
    bool meets;         /* does the plan meet the deadline at the confidence as planned? */
    bool flips;         /* false: no value in the searched range flips it */
    double flip;        /* the value at which the answer flips (within 'tolerance') */
    double tolerance;
    pb_interval p_at_flip; /* probability just past the flip */
} pb_seek_breakeven;

typedef struct pb_seek_point {
    double deadline;
    pb_interval p;
} pb_seek_point;

/*
 * The rounds seek of one looping milestone. The chance of meeting the metric
 * within k rounds is exact from the success probabilities, 1 - prod_{r<=k}
 * (1 - p_r); the schedule with that budget is simulated (trial iterations,
 * the same seed: every other draw as in the base run).
 */
/* A deliverable that does not wait for a gate: what ships when the gate says no-go. */
typedef struct pb_seek_ship {
    const char *id, *name;
    double p; /* P(done by the gate's stop | no-go); NAN when no simulated project said no-go */
} pb_seek_ship;

typedef struct pb_seek_rounds {
    const char *id, *name;
    int planned;         /* rounds.max as written */
    double p_planned;    /* exact P(met within 'planned' rounds) */
    bool feasible;       /* some budget up to PB_MAX_ROUNDS reaches the confidence */
    int needed;          /* the fewest rounds with P(met) >= confidence; PB_MAX_ROUNDS when not
                            feasible */
    double p_needed;     /* exact P(met within 'needed' rounds) */
    pb_interval p_met;   /* simulated with max = needed */
    pb_interval p_joint; /* P(finish <= deadline and every metric met) with max = needed */
    double date;         /* the confidence-quantile of the finish with max = needed */
    /* a looping gate (gate = true): with 'needed' rounds budgeted, no-go (the metric not met)
       stops the project at the gate; zero otherwise */
    bool gate;
    pb_interval p_nogo;        /* P(no-go) */
    double stop_p50, stop_p80; /* the gate's finish on no-go (NAN when none said no-go) */
    size_t n_ships;
    pb_seek_ship *ships; /* the deliverables not after the gate, in file order */
} pb_seek_rounds;

typedef struct pb_seek_result {
    size_t iterations, base_iterations, trials;
    uint64_t seed;
    double confidence, deadline, budget; /* budget NAN when none */
    pb_interval date;                    /* the confidence-quantile of the finish */
    pb_interval money;                   /* of the cost */
    pb_interval p_deadline;              /* base plan, base iterations */
    bool meets;
    size_t n_people;
    pb_seek_people *people; /* one per role with effort milestones, then the whole team */
    pb_seek_cut cut;
    size_t n_stages;
    pb_seek_stage *stages;
    size_t n_breakeven;
    pb_seek_breakeven *breakeven;
    size_t n_curve;
    pb_seek_point *curve;
    size_t n_rounds;
    pb_seek_rounds *rounds; /* looping milestones in file order; none without rounds */
    size_t n_leaves;
    pb_leave_result *leaves; /* the base run's attrition results (docs/ml.md); none without */
} pb_seek_result;

/*
 * Run every seek on scenario 's'. Needs a deadline (opts or ask.deadline):
 * PB_ERR_USAGE otherwise. On success *out owns the result (pb_seek_free),
 * whose strings point into a copy of the scenario it keeps.
 */
pb_status pb_seek_run(const pb_scenario *s, const pb_seek_opts *o, pb_seek_result **out,
                      pb_error *err);

void pb_seek_free(pb_seek_result *r);

#endif
