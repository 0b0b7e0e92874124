/*
 * whatif.h - comparing plans on the same random draws: paired differences
 * between two runs, and every option of a scenario against its base.
 *
 * Two runs of plans built from the same scenario, with the same seed and
 * iteration count, see the same draws for every milestone, risk and factor
 * they share (common random numbers, see sim.h), so the difference between
 * them is computed iteration by iteration: its noise is that of the
 * difference, usually far below that of either run. An option that changes
 * nothing gives differences of exactly 0 with intervals of zero width.
 */
#ifndef PUSHBACK_WHATIF_H
#define PUSHBACK_WHATIF_H

#include <stddef.h>

#include <pushback/error.h>
#include <pushback/scenario.h>
#include <pushback/sim.h>
#include <pushback/stats.h>

/* B compared with A, iteration by iteration; every interval is 95%. */
typedef struct pb_paired {
    size_t n;
    pb_interval mean;          /* mean of finish(B) - finish(A): normal interval */
    pb_interval p50, p80, p90; /* percentile of B minus percentile of A: batch-means interval;
                                  lo, hi NaN when the batches are too small (see whatif.c) */
    pb_interval p_deadline;    /* P(B meets the deadline) - P(A meets it): paired interval;
                                  zero when there is no deadline */
    pb_interval p_before;      /* P(B finishes strictly before A): Wilson */
    pb_interval p_after;       /* P(B finishes strictly after A): Wilson */
    pb_interval cost_mean;     /* mean of cost(B) - cost(A) */
    pb_interval cost_p80;      /* P80 of cost(B) minus P80 of cost(A); likewise */
} pb_paired;

#define PB_PAIRED_BATCHES 20 /* batches for the intervals of percentile differences */

/*
 * Compare run b with run a. Both must have the same iteration count (and,
 * for the comparison to be paired, the same seed: PB_ERR_USAGE otherwise).
 * 'deadline' may be NAN (no deadline). Allocates scratch of 2 n doubles;
 * PB_ERR_RUN when that fails.
 */
pb_status pb_paired_compute(const pb_result *a, const pb_result *b, double deadline, pb_paired *out,
                            pb_error *err);

typedef struct pb_compare_entry {
    char *name;            /* "base" or the option's name */
    pb_scenario *scenario; /* the scenario with the option applied (owned) */
    pb_plan *plan;         /* its compiled plan (owned; the result points into it) */
    pb_result *result;     /* owned */
    pb_paired vs_base;     /* this entry minus the base; all zero for the base */
} pb_compare_entry;

typedef struct pb_comparison {
    size_t n_entries;
    pb_compare_entry *entries; /* [0] is the base, then the options in file order */
    size_t iterations;
    uint64_t seed;
    double deadline, budget; /* NAN when not asked */
} pb_comparison;

/*
 * Simulate the base plan of 's' and every one of its options with the same
 * seed and iteration count (the automatic mode decides the count on the
 * base; the options then run exactly as many), and compare each option with
 * the base. Milestone detail is left out (opts->detail is ignored) unless
 * 'detail' is true. On success *out owns everything (pb_comparison_free).
 */
pb_status pb_compare_run(const pb_scenario *s, const pb_sim_opts *opts, bool detail,
                         pb_comparison **out, pb_error *err);

/* The entry named 'name', or NULL. */
const pb_compare_entry *pb_comparison_entry(const pb_comparison *c, const char *name);

/* Free a comparison. NULL is a no-op. */
void pb_comparison_free(pb_comparison *c);

#endif
