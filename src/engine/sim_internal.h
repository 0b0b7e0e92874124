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
#include "schedule.h"

#define CODE_MAX       65535
#define CODE_BINS      ((size_t)CODE_MAX + 1)
#define DETAIL_THREADS 64 /* detail threads at most: each holds 1.25 MiB of bins */
/* Above this many detail iterations, finish codes past the first CODE_BINS are counted */
#define FHIST_FROM (4 * CODE_BINS)
#define RING_BATCH 32 /* blocks of finish codes counted at a time */

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

/* ==== Rows of a sub-block (sim_sample.c) ==== */

/*
 * A worker's rows for sb consecutive iterations of one plan: row t holds
 * milestone t. Sampling has two phases: the draws (every value that comes
 * from a stream: work, risk firings, delays and costs, own costs, needs,
 * rounds) and their assembly into durations, delays, costs and needs, in
 * plan order. A milestone whose draws are those of another plan's milestone
 * (same streams, same distributions: pb__share) copies that plan's draws
 * instead of drawing, and the assembly, done in the same order, gives the
 * same bits.
 */
typedef struct pb__work {
    size_t sb;
    uint64_t *hs;                    /* per iteration: the hash of its index */
    double *sh, *cst, *F, *tol;      /* per iteration: shared factor, cost, finish, tolerance */
    double *gr;                      /* per iteration: the plan's scope growth */
    double *gz;                      /* [group][sb]: group normals */
    double *DUR, *DEL, *START, *FIN; /* [milestone][sb]; DUR holds the work draw until assembled */
    double *NEED;                    /* [resource][sb] */
    double *RD, *RC;                 /* [risk][sb]: delay and cost draws where fired */
    double *CC, *ND;                 /* [milestone][sb] own cost draws, [need][sb] need draws */
    unsigned char *CR, *FIRED;       /* [milestone][sb], [risk][sb] */
    unsigned char *RND;              /* [looping milestone][sb]: rounds when met, 0 when not */
    double *LV;                      /* [2 attrition][sb]: as R->leave */
    size_t *order;                   /* milestones in the order their work is drawn: by
                                        sampling table, so that each table stays in cache */
    size_t *loop;                    /* per milestone: its index among the looping ones */
    pb__sched sc;                    /* one iteration, for the event-driven scheduler */
    void *mem;                       /* the arena every array above lives in */
} pb__work;

/*
 * Which milestones of a plan take their draws from a donor plan: from[t] is
 * the donor's milestone with the same id, streams and distributions (its
 * risks, needs and rounds too), or SIZE_MAX; loop[d] is the donor milestone
 * d's index among its looping milestones. Plans whose iteration-wide draws
 * differ (shared factor, growth, copula tables) share nothing; plans with
 * the same copula groups too share the per-iteration draws ('iterations').
 */
typedef struct pb__share {
    const pb_plan *donor;
    size_t *from, *loop;
    size_t n_shared;
    bool iterations;
} pb__share;

/* The map of plan p against donor d into sh (sim_share.c). False when memory runs out. */
bool pb__share_build(pb__share *sh, const pb_plan *d, const pb_plan *p);

/* Free what pb__share_build allocated; a zeroed map is fine. */
void pb__share_release(pb__share *sh);

/* Sub-block size for plans of at most n_ms milestones: rows of about 32 KiB. */
size_t pb__work_sb(size_t n_ms);

/* One allocation for a worker's rows of plan p at sub-block size sb. False when memory runs out. */
bool pb__work_alloc(pb__work *w, const pb_plan *p, size_t sb);

/* Free the rows; a zeroed workspace is fine. */
void pb__work_release(pb__work *w);

/* Per iteration of [it0, it0 + k): its hash, shared factor, growth and group normals. */
void pb__sample_iterations(const pb_plan *p, uint64_t seedk, pb__work *w, size_t it0, size_t k);

/* The same from the donor's rows dw of the same sub-block (pb__share.iterations). */
void pb__sample_iterations_from(const pb_plan *p, pb__work *w, const pb__work *dw, size_t k);

/* Every draw of every milestone of p into w's rows, nothing assembled (a donor's sub-block). */
void pb__sample_draw_all(const pb_plan *p, pb__work *w, size_t k);

/*
 * Every estimate of the sub-block into w's rows: the milestones 'share'
 * maps (may be NULL) copy the donor's draws of the same sub-block from dw,
 * the others draw their own; then all are assembled in plan order. Risk
 * counts go into a.
 */
void pb__sample_rows(const pb_plan *p, pb__work *w, const pb__share *share, const pb__work *dw,
                     size_t k, pb__acc *a);

/* ==== The run ==== */

typedef struct pb__run {
    const pb_plan *p;
    const pb_sim_opts *o;
    uint64_t seedk;
    size_t n_total;                /* iterations of this round */
    size_t n_blocks;               /* blocks of this round */
    size_t detail_n;               /* iterations that keep codes */
    size_t fkeep;                  /* of those, the first that keep finish codes one by one */
    double *finish, *cost, *needs; /* needs: [resource][cap] */
    size_t cap;
    uint16_t *dcode;         /* [t * detail_n + it] for the first detail_n iterations */
    uint16_t *fcode;         /* [t * fkeep + it] for the first fkeep iterations */
    uint32_t *fhist;         /* [t * CODE_BINS + code]: counts of the finish codes of the
                                iterations in [fkeep, detail_n) of the counted blocks */
    uint16_t *fring;         /* [((b % ring_n) * n_ms + t) * PB_SIM_BLOCK + i]: the finish
                                codes of block b past fkeep, until counted into fhist */
    size_t ring_n;           /* blocks the ring holds; 0: no run of the team has one */
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
    size_t counted; /* blocks whose finish codes are in fhist (runs[0]: for the team) */
    bool counting;  /* a thread is counting blocks [counted, counted + RING_BATCH) */
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

/*
 * Run n plans through the same iterations (o->iterations, fixed), each into
 * out[e] exactly as pb_sim_run would: the draws of every milestone a plan
 * shares with 'donor' (pb__share) are made once per sub-block for all of
 * them. On failure every out[e] is NULL.
 */
pb_status pb__sim_run_shared(const pb_plan *donor, const pb_plan *const *plans, size_t n,
                             const pb_sim_opts *o, pb_result **out, pb_error *err);

#endif
