/*
 * sim_internal.h - what the engine's run (sim.c) and its summaries
 * (sim_summary.c) share: the accumulators merged in block order, the run's
 * arrays and the 16-bit codes of milestone durations and finishes.
 */
#ifndef PUSHBACK_SIM_INTERNAL_H
#define PUSHBACK_SIM_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/sim.h>

#include "plan_internal.h"

#define CODE_MAX       65535
#define CODE_BINS      ((size_t)CODE_MAX + 1)
#define DETAIL_THREADS 64 /* detail threads at most: each holds 786 KiB of bins */

/* ==== Accumulators ==== */

typedef struct pb__acc_ms {
    double d_sum, d_ss, d_min, d_max; /* duration: sums shifted by shift_d */
    double f_sum, f_ss, f_min, f_max; /* finish: shifted by shift_f */
    uint64_t crit, by_deadline;
} pb__acc_ms;

typedef struct pb__acc {
    pb__acc_ms *ms;
    uint64_t *fired;
    double *fired_fsum; /* sum of (finish - fin shift) over iterations where it fired */
    double *delay_sum;  /* sum of sampled delays when fired */
    double *labour;     /* per role: sum of people x duration */
    double fsum;        /* sum of (finish - fin shift) */
    size_t n;
} pb__acc;

/* ==== The run ==== */

typedef struct pb__run {
    const pb_plan *p;
    const pb_sim_opts *o;
    uint64_t seedk;
    size_t n_total;                /* iterations of this round */
    size_t n_blocks;               /* blocks of this round */
    size_t detail_n;               /* iterations that keep codes */
    double *finish, *cost, *needs; /* needs: [resource][cap] */
    size_t cap;
    uint16_t *dcode, *fcode; /* [t * detail_n + it] for the first detail_n iterations */
    double *sdur, *sfin;     /* keep_samples: [t * cap + it] */
    unsigned char *sfired;   /* keep_samples: [r * cap + it] */
    unsigned char *rounds;   /* [l * cap + it] per looping milestone l: rounds if met, else 0 */
    double *leave;           /* [2 j * cap + it]: attrition j's departure (NAN none), then
                                [(2 j + 1) * cap + it]: the finish it cost */
    double *dscale, *fscale; /* code = (x - lo) * scale */
    double deadline, budget;
    double deadline_lim, budget_lim; /* what meets them: pb_stats_limit */
    /* block hand-out and in-order merging */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next, merged, window;
    pb__acc *slots;
    unsigned char *slot_done;
    pb__acc total;
    bool failed, cancelled;
} pb__run;

/*
 * With keep_samples: every looping milestone's rounds, the learning curve's
 * met (0/1) and the plan's growth share of each of the n iterations into
 * res, the last two redrawn from their own streams exactly as the run drew
 * them (sim_samples.c).
 */
pb_status pb__ml_samples(const pb__run *R, pb_result *res, size_t n, pb_error *err);

/* The 16-bit code of x on a scale starting at lo (NaN and below lo: 0). */
static inline uint16_t pb__encode(double x, double lo, double scale)
{
    double c = (x - lo) * scale;
    c = c > 0 ? c : 0; /* also maps NaN to 0 */
    c = c < CODE_MAX ? c : CODE_MAX;
    return (uint16_t)(int)c;
}

/*
 * Summaries of n iterations of the run into res: milestones (when the run
 * keeps detail), risks, labour, chances, the histogram, the totals, the
 * learning curve and the metric. Frees the codes on the way (sim_summary.c).
 */
pb_status pb__sim_summarize(pb__run *R, pb_result *res, size_t n, pb_error *err);

/* Has the automatic mode converged at n iterations? scratch holds n doubles (sim_summary.c). */
bool pb__sim_converged(pb__run *R, size_t n, double *scratch);

#endif
