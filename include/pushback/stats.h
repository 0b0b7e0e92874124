/*
 * stats.h - estimates with their uncertainty: percentiles with
 * distribution-free confidence intervals, probabilities with Wilson
 * intervals, histograms and rank correlation.
 *
 * Percentiles use the linear-interpolation definition (type 7 of Hyndman and
 * Fan, numpy's default): the p-quantile of n sorted values x(0..n-1) is
 * x(h) interpolated at h = (n - 1) p. Their 95% interval is the pair of order
 * statistics (l, u) with P(X(l) <= true p-quantile <= X(u)) >= 0.95, found
 * from the binomial(n, p) distribution; it needs no assumption about the
 * distribution. All functions are pure; none allocates except where stated.
 * Samples must not contain NaN (the functions stay memory-safe, but the
 * results are then meaningless). Output pointers must not be NULL.
 */
#ifndef PUSHBACK_STATS_H
#define PUSHBACK_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/error.h>

/* The percentile levels every summary reports: 5, 10, 20, ..., 90, 95. */
#define PB_N_LEVELS 11
extern const double pb_stats_levels[PB_N_LEVELS];

/* Named indices into pct[] and pb_stats_levels: s->pct[PB_P80] is the 80th percentile. */
enum {
    PB_P5,
    PB_P10,
    PB_P20,
    PB_P30,
    PB_P40,
    PB_P50,
    PB_P60,
    PB_P70,
    PB_P80,
    PB_P90,
    PB_P95
};

/*
 * A point estimate and its 95% interval [lo, hi]. lo and hi are NaN when no
 * interval reaches 95% (a percentile of a small sample): reports write null
 * or "n/a", never a number.
 */
typedef struct pb_interval {
    double value, lo, hi;
} pb_interval;

/* What every reported quantity carries (docs/json.md, "summary"). */
typedef struct pb_summary {
    size_t n;                     /* samples summarized */
    double mean, sd, min, max;    /* sd is the sample sd (n - 1); 0 when n < 2 */
    pb_interval pct[PB_N_LEVELS]; /* at pb_stats_levels */
} pb_summary;

/*
 * Wilson score interval (95%) for k successes out of n trials. With n = 0
 * every field is 0. value is k / n; k > n counts as k = n. lo is exactly 0
 * when k = 0 and hi exactly 1 when k = n.
 */
pb_interval pb_stats_wilson(size_t k, size_t n);

/*
 * 0-based ranks (lo, hi) of the order statistics bounding the p-quantile at
 * 95% confidence for a sample of n (n >= 1, p in [0, 1]): the largest lo and
 * smallest hi with P(Binomial(n, p) < lo + 1) <= 0.025 and
 * P(Binomial(n, p) <= hi) >= 0.975. When one tail cannot be cut at 2.5% (a
 * small sample: F(0) > 0.025, or F(n - 1) < 0.975), the interval runs to
 * that end, X(0) or X(n - 1), and the other end is chosen so that the
 * coverage F(hi) - F(lo) still reaches 0.95. The interval is then widened
 * where needed so that lo <= floor(h) and hi >= ceil(h), h = (n - 1) p: it
 * always contains the estimate. Returns false when no pair of order
 * statistics covers the p-quantile with 95% probability (for the 5th and
 * 95th percentiles, below 59 samples): then (lo, hi) = (0, n - 1) covers
 * less, and reports say "n/a". p outside [0, 1] is clamped (NaN counts as
 * 0); p = 0 or 1 gives the extreme order statistic and true; n = 0 gives
 * (0, 0) and false. Exact (GSL) up to n = UINT_MAX, normal approximation
 * with continuity correction beyond (within one rank of exact).
 */
bool pb_stats_order_ci(size_t n, double p, size_t *lo, size_t *hi);

/*
 * Summarize x[0..n): mean, sd, min, max and every level's percentile with
 * its interval. REORDERS x (partial selection, O(n) expected, no extra
 * memory). n = 0 gives an all-zero summary. The mean is accumulated in index
 * order before any reordering, so equal inputs give bit-identical output.
 */
void pb_stats_summarize(double *x, size_t n, pb_summary *out);

/*
 * The p-quantile (type 7) of x[0..n) and its interval; REORDERS x like
 * pb_stats_summarize. For a single level use this; for many, summarize.
 */
pb_interval pb_stats_quantile(double *x, size_t n, double p);

/*
 * The type-7 percentiles of x[0..n) at the levels pb_stats_levels[idx[k]]
 * (n_idx of them, at most PB_N_LEVELS), into out[k]: the values
 * pb_stats_summarize gives, bit for bit, without their intervals, mean or
 * spread (a selection of at most 2 n_idx order statistics, so cheaper).
 * REORDERS x. n = 0 gives zeros.
 */
void pb_stats_level_values(double *x, size_t n, const int *idx, size_t n_idx, double *out);

/*
 * Percentiles from a histogram of n_bins equal bins starting at 'lo', each
 * 'width' wide, holding n values in all: value and interval endpoints are
 * located by the same ranks as for raw data and interpolated linearly inside
 * their bin: the c values of a bin are taken to sit at (i + 1/2) / c of its
 * width, i = 0..c-1. Accuracy is a fraction of one bin width. n should be the
 * sum of the counts; when it is not, the counts win. Fills out->pct only (all
 * zero when the counts are); the caller supplies n, mean, sd, min and max.
 */
void pb_stats_hist_percentiles(const uint32_t *counts, size_t n_bins, double lo, double width,
                               size_t n, pb_summary *out);

/* The order-statistic ranks every level needs for a sample of n (see above). */
typedef struct pb_level_ranks {
    size_t n;
    size_t j[PB_N_LEVELS], j1[PB_N_LEVELS];  /* type-7 neighbours, 0-based */
    double g[PB_N_LEVELS];                   /* fraction between them */
    size_t lo[PB_N_LEVELS], hi[PB_N_LEVELS]; /* 95% interval ranks */
    bool has_ci[PB_N_LEVELS];                /* false: no interval reaches 95% */
} pb_level_ranks;

/* Compute the ranks for n >= 1 once, to summarize many samples of that size. */
void pb_stats_level_ranks(size_t n, pb_level_ranks *out);

/*
 * pb_stats_hist_percentiles with ranks computed once by pb_stats_level_ranks
 * for the histogram's total count (which must equal ranks->n).
 */
void pb_stats_hist_percentiles_ranked(const uint32_t *counts, size_t n_bins, double lo,
                                      double width, const pb_level_ranks *ranks, pb_summary *out);

/*
 * Mid-ranks of histogram bins: midrank[b] is the average 1-based rank a value
 * in bin b would get among all n values (ties share their mean rank). Also
 * returns sum over values of (rank - (n + 1) / 2)^2 in *ss (0 when all tie),
 * n being the sum of the counts. An empty bin gets the rank just past the
 * bins before it, minus 1/2. counts and midrank may be NULL when n_bins = 0.
 */
void pb_stats_midranks(const uint32_t *counts, size_t n_bins, double *midrank, double *ss);

/*
 * Spearman rank correlation of x and y (n pairs), mid-ranks for ties.
 * Allocates scratch of 3 n doubles (freed before returning); returns
 * PB_ERR_RUN and fills err (when not NULL) when that fails, and leaves err
 * untouched on success. A constant x or y, or n < 2, gives 0 (also on
 * failure).
 */
pb_status pb_stats_spearman(const double *x, const double *y, size_t n, double *rho, pb_error *err);

/*
 * Count x[0..n) into n_bins equal bins over [lo, hi] (values outside are
 * clamped into the end bins; hi <= lo puts everything in bin 0). counts is
 * overwritten, not added to; a count stops at UINT32_MAX. n_bins = 0 writes
 * nothing.
 */
void pb_stats_histogram(const double *x, size_t n, double lo, double hi, size_t n_bins,
                        uint32_t *counts);

/*
 * The relative tolerance with which a value meets a limit (a deadline, a
 * budget): x meets t when x <= t + PB_STATS_REL_TOL |t|, so that a plan of
 * 1.1 + 2.2 weeks meets a deadline of 3.3 although the sum is 3.3000000000000003
 * in binary. The same tolerance merges simultaneous events in the engine.
 */
#define PB_STATS_REL_TOL 1e-9

/*
 * The largest value that meets the limit t: t + PB_STATS_REL_TOL |t|. NaN and
 * infinities are returned as they are. Compare x <= pb_stats_limit(t).
 */
double pb_stats_limit(double t);

/* Fraction of x[0..n) meeting the limit t (pb_stats_limit), with its Wilson interval. */
pb_interval pb_stats_prob_le(const double *x, size_t n, double t);

#endif
