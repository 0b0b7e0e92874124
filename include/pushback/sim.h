/*
 * sim.h - the Monte Carlo engine and its results.
 *
 * Per iteration the engine draws every estimate from its own stream (one
 * uniform per draw, inverse-CDF sampling), fires risks, schedules the
 * milestones (precedence, then role contention: a ready milestone starts
 * when at least its minimum people are free and takes up to its maximum;
 * ties go to the longest remaining path), and records the finish, the cost,
 * each need, each milestone's duration and finish, whether it was critical
 * and which risks fired.
 *
 * Random numbers: draw k of stream s in iteration i is a counter-based
 * function of (seed, s, i), where s is derived from the id of the milestone,
 * risk or group it belongs to. Iterations run in blocks of PB_SIM_BLOCK;
 * block b covers iterations [b * PB_SIM_BLOCK, (b + 1) * PB_SIM_BLOCK), so a
 * block's streams are determined by (seed, block, stream id), and block
 * results are merged in block order: results are bit-identical for any
 * thread count.
 */
#ifndef PUSHBACK_SIM_H
#define PUSHBACK_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/error.h>
#include <pushback/plan.h>
#include <pushback/stats.h>

#define PB_SIM_BLOCK  4096
#define PB_SIM_MEMORY ((size_t)4 << 30) /* default memory_limit: 4 GiB */
#define PB_SIM_HIST   40                /* bins of the duration histogram in a result */

typedef struct pb_sim_opts {
    size_t iterations;     /* 0: automatic (see pb_sim_run) */
    size_t max_iterations; /* cap of the automatic mode; default 2,000,000 */
    size_t min_iterations; /* first round of the automatic mode; default 16,384 */
    uint64_t seed;         /* default 1 */
    unsigned threads;      /* worker threads, >= 1; default 1 */
    bool detail;           /* per-milestone statistics, criticality, sensitivity; default true */
    size_t detail_cap;     /* iterations kept for milestone percentiles and sensitivity;
                              default 2^20 (their memory is 2 to 4 bytes per milestone each) */
    size_t memory_limit;   /* bytes a run may hold (pb_sim_memory); 0: no limit; default
                              PB_SIM_MEMORY */
    double deadline;       /* P(duration <= deadline); NAN: the scenario's ask.deadline */
    double budget;         /* P(cost <= budget); NAN: the scenario's ask.budget */
    volatile const int *cancel; /* when not NULL and *cancel != 0, stop within milliseconds:
                                   only whole blocks count ("interrupted") */
    bool keep_samples;          /* keep every milestone's duration and finish, every need and every
                                   risk's firing per iteration in the result (for export): memory
                                   (2 x milestones + needs) x 8 + risks bytes per iteration */
    /* when not NULL, called after each merged block with the iterations done so far and
       the total of this round, from a worker thread, one call at a time */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
} pb_sim_opts;

/* Defaults as documented above. */
void pb_sim_opts_init(pb_sim_opts *o);

typedef struct pb_milestone_result {
    const char *id, *name;     /* owned by the result's plan */
    pb_summary duration;       /* mean/sd/min/max over all iterations; percentiles over the
                                  detail iterations, to 1/65536 of the range */
    pb_summary finish;         /* likewise */
    double criticality;        /* fraction of iterations on a critical path */
    double sensitivity;        /* Spearman rank correlation of duration with the project finish */
    pb_interval p_by_deadline; /* P(this milestone finishes by the deadline), Wilson 95%;
                                  zero when there is no deadline */
} pb_milestone_result;

typedef struct pb_risk_result {
    const char *id, *name;
    double fired;      /* fraction of iterations in which it fired */
    double mean_delay; /* mean finish when fired minus mean finish when not (its average
                          effect on the finish, risks being independent of everything
                          else); when it always or never fires: its mean delay, or 0 */
} pb_risk_result;

/* A milestone with experiment rounds (docs/ml.md). */
typedef struct pb_rounds_result {
    const char *id, *name;       /* owned by the result's plan */
    int max;                     /* rounds.max */
    pb_interval p_met;           /* P(a round succeeded within max rounds), Wilson 95% */
    double mean_rounds;          /* E[rounds taken] (max when the metric is not met) */
    double *p_rounds;            /* [r - 1]: P(exactly r rounds taken), r = 1..max */
    int rounds_pct[PB_N_LEVELS]; /* at pb_stats_levels: the fewest rounds r with
                                    P(rounds taken <= r) >= the level */
} pb_rounds_result;

/* People leaving: one attrition entry (docs/ml.md). */
typedef struct pb_leave_result {
    size_t role;        /* index into the scenario's team */
    pb_interval p_left; /* P(a person of the role left), Wilson 95% */
    double mean_at;     /* mean time of the departure when one happened (NAN when none did) */
    double mean_lost;   /* mean finish it cost when one happened: the finish less the same
                           simulated project's without the departure (NAN when none did) */
} pb_leave_result;

/*
 * Why a run stopped, one line each: X(CONSTANT, name as reports write it).
 * The typed form of pb_result.stopped: the engine (sim.c, seek.c) still
 * sets and reads the name; pb_stop_name() and pb_stop_parse() convert.
 */
#define PB_STOP_LIST(X)                 \
    X(FIXED, "fixed")                   \
    X(CONVERGED, "converged")           \
    X(MAX_ITERATIONS, "max-iterations") \
    X(INTERRUPTED, "interrupted")

#define PB_STOP_ENUM_(kind, name) PB_STOP_##kind,
typedef enum pb_stop {
    PB_STOP_LIST(PB_STOP_ENUM_)
} pb_stop;
#undef PB_STOP_ENUM_

/* The name of a stop reason ("converged"), "unknown" outside the enum. */
const char *pb_stop_name(pb_stop why);
/* The stop reason named 'name' into *out; false when there is none. */
bool pb_stop_parse(const char *name, pb_stop *out);

typedef struct pb_result {
    size_t iterations;
    uint64_t seed;
    unsigned threads;
    const char *stopped; /* "fixed", "converged", "max-iterations" or "interrupted" */
    size_t detail_iterations;
    pb_summary duration, cost;
    size_t n_needs;
    const char **need_ids; /* resource ids, n_needs */
    pb_summary *needs;
    bool has_deadline, has_budget;
    double deadline, budget;
    pb_interval p_deadline, p_budget, p_joint; /* Wilson 95% */
    size_t n_milestones;
    pb_milestone_result *milestones; /* in the plan's order */
    size_t n_risks;
    pb_risk_result *risks;
    size_t n_roles;
    double *labour;             /* per team role: mean person-units worked (people x time) */
    uint32_t hist[PB_SIM_HIST]; /* duration histogram over [hist_lo, hist_hi] */
    double hist_lo, hist_hi;
    const double *finish_samples; /* per iteration, in iteration order (for paired comparisons) */
    const double *cost_samples;
    /* with keep_samples only (else NULL), [k * iterations + i] for iteration i: */
    const double *ms_duration, *ms_finish; /* k: milestone in plan order */
    const double *need_samples;            /* k: need (resource) */
    const unsigned char *risk_fired;       /* k: risk in plan order; 1 when it fired */
    /* the ML samples (docs/ml.md), with keep_samples only, per iteration i: */
    const unsigned char *round_samples; /* [l * iterations + i], looping milestone l: the rounds
                                           it took when met, 0 when not (all max taken) */
    const unsigned char *curve_met;     /* 1 when the learning curve's target is met (NULL
                                           without a curve) */
    const double *growth_samples;       /* the plan's scope growth share (NULL without one) */
    /* experiment rounds: none when n_rounds is 0 */
    size_t n_rounds;
    pb_rounds_result *rounds;   /* looping milestones in plan order */
    pb_interval p_met;          /* P(every looping milestone met its metric), Wilson 95% */
    pb_interval p_deadline_met; /* P(finish <= deadline and every metric met); zero without a
                                   deadline */
    pb_interval p_joint_met;    /* P(finish <= deadline, cost <= budget and every metric met),
                                   each of deadline and budget only when given */
    pb_summary finish_met;      /* the finish over the iterations where every metric was met
                                   (n = 0 when none) */
    /* learning curve ('metric'): has_curve false without one */
    bool has_curve;
    pb_interval p_curve; /* P(error at the planned items <= target), Wilson 95% */
    double curve_items;  /* the items planned */
    double items_needed; /* the fewest items that reach the target at the scenario's
                            confidence (INFINITY when no volume does) */
    double curve_confidence;
    /* attrition: none when n_leaves is 0 */
    size_t n_leaves;
    pb_leave_result *leaves;     /* in the scenario's order */
    const double *leave_samples; /* [2 j * iterations + i]: entry j's departure time in
                                    iteration i (NAN: nobody left); [(2 j + 1) * iterations +
                                    i]: the finish it cost (NAN: nobody left) */
} pb_result;

/*
 * Run the plan. With opts->iterations > 0 exactly that many iterations run
 * ("fixed"). With 0, rounds of doubling size run until the 95% interval of
 * P80 lies within 0.5% of P80 and the Wilson interval of P(deadline) within
 * 0.5 percentage points ("converged"), or max_iterations is reached
 * ("max-iterations"). On success *out owns a new result (pb_result_free).
 * Errors: PB_ERR_RUN (memory, threads); PB_ERR_USAGE for bad options.
 */
pb_status pb_sim_run(const pb_plan *plan, const pb_sim_opts *opts, pb_result **out, pb_error *err);

/*
 * The bytes a run of n iterations of plan 'p' with options 'o' holds at its
 * peak, beyond the plan and the result's summaries: 16 bytes an iteration
 * for the finish and cost (plus 8 for each resource, 8 in the automatic
 * mode, 8 or 16 of scratch for the totals, and 16 for each milestone with
 * keep_samples), the milestone codes (4 bytes a milestone for each of the
 * first min(detail_cap, 2^26 / milestones) iterations: at most 256 MiB),
 * and per thread its rows and accumulators. pb_sim_run refuses with
 * PB_ERR_USAGE, before allocating anything, a run for which this exceeds
 * opts->memory_limit, and names the largest iteration count that fits.
 */
double pb_sim_memory(const pb_plan *p, const pb_sim_opts *opts, size_t n);

/* Free a result. NULL is a no-op. */
void pb_result_free(pb_result *r);

#endif
