/*
 * stats.c - percentiles with order-statistic intervals, Wilson intervals,
 * histograms and Spearman rank correlation.
 *
 * A summary touches the samples three times and never sorts them: a pairwise
 * sum for the mean (collecting min and max on the way), a pairwise sum of
 * deviations from it for the sd (a corrected two-pass variance; both sums
 * follow a fixed, index-based order, so equal inputs give bit-identical
 * results), then one multi-select that places every order
 * statistic a summary needs (the two neighbours of each type-7 position and
 * the two interval ranks, at most 4 per level) at its sorted position. The
 * multi-select is a quickselect that partitions a range once and recurses
 * only into the sides that still hold a wanted rank. It uses a median-of-3 or
 * ninther pivot, a branchless partition, and pdqsort's rule for equal values
 * (a pivot equal to the value just left of its range gathers all its copies
 * into one settled block, so an all-equal array takes two passes); past a
 * depth limit it falls back to heapsort, so the worst case is O(n log n). The
 * memory is O(1) besides a stack of O(log n) frames. Interval ranks come
 * from the exact binomial CDF (gsl_cdf_binomial_P), searched outwards from the
 * normal-approximation answer and then bisected; only a
 * sample too large for GSL's unsigned int counts uses the normal
 * approximation with continuity correction. Samples must not contain NaN:
 * every routine stays memory-safe with them, but their results are then
 * meaningless.
 */
#include "pushback/stats.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

const double pb_stats_levels[PB_N_LEVELS] = {0.05, 0.10, 0.20, 0.30, 0.40, 0.50,
                                             0.60, 0.70, 0.80, 0.90, 0.95};
_Static_assert(PB_P95 + 1 == PB_N_LEVELS, "a named level for every percentile level");

#define Z_95          1.959963984540054 /* standard-normal 0.975 quantile */
#define TAIL_LO       0.025             /* P(Binomial <= lo) may not exceed this */
#define TAIL_HI       0.975             /* P(Binomial <= hi) must reach this */
#define MAX_RANKS     (4 * PB_N_LEVELS) /* order statistics one summary needs */
#define SMALL_RANGE   16                /* ranges this short are insertion-sorted */
#define NINTHER_RANGE 64                /* ranges this long use Tukey's ninther */
#define SUM_BLOCK     128               /* pairwise-sum leaf size */

/* ==== Sums ==== */

/*
 * Pairwise sum of x[0..n) (n >= 1): error O(log n) ulps instead of O(n), at
 * the speed of a plain loop. The order depends only on n, never on the
 * values. The same pass lowers *mn and raises *mx to the range of the values.
 */
static double pairwise_sum(const double *x, size_t n, double *mn, double *mx)
{
    if (n <= SUM_BLOCK) {
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double lo = *mn, hi = *mx;
        size_t i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < n; i++)
            s0 += x[i];
        for (i = 0; i < n; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
        *mn = lo;
        *mx = hi;
        return (s0 + s1) + (s2 + s3);
    }
    size_t half = n / 2;
    double left = pairwise_sum(x, half, mn, mx);
    return left + pairwise_sum(x + half, n - half, mn, mx);
}

/*
 * Pairwise sums of d = x[i] - m and of d * d over x[0..n), stored in *s1 and
 * *s2: the two halves of the corrected two-pass variance.
 */
static void pairwise_dev(const double *x, size_t n, double m, double *s1, double *s2)
{
    if (n <= SUM_BLOCK) {
        double a0 = 0.0, a1 = 0.0, q0 = 0.0, q1 = 0.0;
        size_t i = 0;
        for (; i + 2 <= n; i += 2) {
            double d0 = x[i] - m, d1 = x[i + 1] - m;
            a0 += d0;
            a1 += d1;
            q0 += d0 * d0;
            q1 += d1 * d1;
        }
        if (i < n) {
            double d = x[i] - m;
            a0 += d;
            q0 += d * d;
        }
        *s1 = a0 + a1;
        *s2 = q0 + q1;
        return;
    }
    size_t half = n / 2;
    double l1, l2, r1, r2;
    pairwise_dev(x, half, m, &l1, &l2);
    pairwise_dev(x + half, n - half, m, &r1, &r2);
    *s1 = l1 + r1;
    *s2 = l2 + r2;
}

/* ==== Selection ==== */

static void swap(double *a, size_t i, size_t j)
{
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
}

/* Index of the median of a[i], a[j], a[k]. */
static size_t median3(const double *a, size_t i, size_t j, size_t k)
{
    if (a[i] < a[j])
        return a[j] < a[k] ? j : (a[i] < a[k] ? k : i);
    return a[k] < a[j] ? j : (a[k] < a[i] ? k : i);
}

static void insertion_sort(double *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double v = a[i];
        size_t j = i;
        while (j > 0 && v < a[j - 1]) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static void sift_down(double *a, size_t root, size_t n)
{
    double v = a[root];
    for (;;) {
        size_t c = 2 * root + 1;
        if (c >= n)
            break;
        if (c + 1 < n && a[c] < a[c + 1])
            c++;
        if (!(v < a[c]))
            break;
        a[root] = a[c];
        root = c;
    }
    a[root] = v;
}

/* The depth-limit fallback: in place and O(n log n) whatever the input. */
static void heap_sort(double *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(a, i, n);
    for (size_t end = n; end-- > 1;) {
        swap(a, 0, end);
        sift_down(a, 0, end);
    }
}

/*
 * Branchless Lomuto partition of a[0..n) (n >= 2) around v = a[0]: every
 * element is moved with two unconditional stores and the boundary advances
 * by the comparison, so random data costs no branch mispredictions (about
 * three times faster than a Hoare or Bentley-McIlroy scan on doubles). With
 * 'with_equal' false the result is a[0..b) < v, a[b] = v, a[b + 1..n) >= v;
 * with it true the values equal to v go left too: a[0..b] <= v < a[b + 1..n).
 * Returns b. Either way the pivot's block grows by at least one element, so
 * every call makes progress, also when incomparable values such as NaN are
 * present.
 */
static size_t partition(double *a, size_t n, bool with_equal)
{
    const double v = a[0];
    size_t first = 1;
    if (with_equal) {
        for (size_t i = 1; i < n; i++) {
            double t = a[i];
            a[i] = a[first];
            a[first] = t;
            first += t <= v;
        }
    } else {
        for (size_t i = 1; i < n; i++) {
            double t = a[i];
            a[i] = a[first];
            a[first] = t;
            first += t < v;
        }
    }
    swap(a, 0, first - 1);
    return first - 1;
}

/*
 * Rearrange x[lo..hi) so that x[r] holds the r-th smallest value of that
 * range for every r in rank[0..n_rank) (ascending, distinct, inside the
 * range). 'depth' partitions are allowed before falling back to heapsort.
 *
 * Equal values are handled as in pdqsort: x[lo - 1], when it exists, is at
 * most every value of the range (it was left behind by an earlier partition).
 * When the new pivot equals it, no value of the range is below the pivot, so
 * partitioning with "<=" gathers every copy of the pivot into one settled
 * block. An all-equal array thus takes two passes, and k distinct values
 * never cost more than O(n log k).
 */
static void multiselect(double *x, size_t lo, size_t hi, const size_t *rank, size_t n_rank,
                        unsigned depth)
{
    while (n_rank > 0) {
        double *a = x + lo;
        size_t n = hi - lo;
        if (n <= SMALL_RANGE) {
            insertion_sort(a, n);
            return;
        }
        if (depth == 0) {
            heap_sort(a, n);
            return;
        }
        depth--;

        size_t m = n / 2, piv;
        if (n >= NINTHER_RANGE) {
            size_t e = n / 8;
            piv = median3(a, median3(a, 0, e, 2 * e), median3(a, m - e, m, m + e),
                          median3(a, n - 1 - 2 * e, n - 1 - e, n - 1));
        } else {
            piv = median3(a, 0, m, n - 1);
        }
        swap(a, 0, piv);

        /* [eq_lo, eq_hi) becomes a settled block of values equal to the pivot. */
        size_t eq_lo, eq_hi;
        if (lo > 0 && x[lo - 1] == a[0]) {
            eq_lo = lo;
            eq_hi = lo + partition(a, n, true) + 1;
        } else {
            eq_lo = lo + partition(a, n, false);
            eq_hi = eq_lo + 1;
        }

        size_t n_left = 0;
        while (n_left < n_rank && rank[n_left] < eq_lo)
            n_left++;
        size_t skip = n_left;
        while (skip < n_rank && rank[skip] < eq_hi)
            skip++;

        multiselect(x, lo, eq_lo, rank, n_left, depth);
        lo = eq_hi;
        rank += skip;
        n_rank -= skip;
    }
}

/* Partitions allowed before heapsort: twice the depth of a balanced tree. */
static unsigned depth_limit(size_t n)
{
    unsigned d = 8;
    for (; n > 1; n >>= 1)
        d += 2;
    return d;
}

/* Sort rank[0..*n) ascending and drop duplicates (the list is tiny). */
static void sort_unique(size_t *rank, size_t *n)
{
    for (size_t i = 1; i < *n; i++) {
        size_t v = rank[i], j = i;
        while (j > 0 && v < rank[j - 1]) {
            rank[j] = rank[j - 1];
            j--;
        }
        rank[j] = v;
    }
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (k == 0 || rank[i] != rank[k - 1])
            rank[k++] = rank[i];
    *n = k;
}

/* ==== Quantile positions and intervals ==== */

/* 'p' forced into [0, 1]; NaN becomes 0. */
static double clamp_level(double p)
{
    if (!(p > 0.0))
        return 0.0;
    return p < 1.0 ? p : 1.0;
}

/*
 * Where a type-7 quantile sits among n >= 1 sorted values: between ranks
 * *j and *j + 1 (*j + 1 clamped to n - 1 in *j1) at fraction *g.
 */
static void type7_position(size_t n, double p, size_t *j, size_t *j1, double *g)
{
    double h = (double)(n - 1) * p;
    double f = floor(h);
    *j = (size_t)f;
    if (*j > n - 1)
        *j = n - 1;
    *g = h - f;
    *j1 = *j + 1 < n ? *j + 1 : *j;
}

/* a + g (b - a) for a <= b and g in [0, 1), kept inside [a, b]. */
static double lerp(double a, double b, double g)
{
    if (!(g > 0.0) || a == b)
        return a;
    double v = a + g * (b - a);
    if (v < a)
        return a;
    return v > b ? b : v;
}

/* P(Binomial(n, p) <= k) for 0 < p < 1. */
static double binomial_cdf(size_t k, double p, size_t n)
{
    if (k >= n)
        return 1.0;
    if (n <= UINT_MAX) {
        double f = gsl_cdf_binomial_P((unsigned)k, p, (unsigned)n);
        if (f >= 0.0 && f <= 1.0)
            return f;
    }
    /* Too large for GSL (or GSL failed): normal with continuity correction. */
    double mu = (double)n * p;
    double s = sqrt((double)n * p * (1.0 - p));
    double z = (double)k + 0.5 - mu;
    if (!(s > 0.0))
        return z >= 0.0 ? 1.0 : 0.0;
    return gsl_cdf_ugaussian_P(z / s);
}

/*
 * The smallest k in [0, n] with F(k) > t ('strict') or F(k) >= t, where F is
 * the Binomial(n, p) CDF, 0 < p < 1 and t < 1 (so k = n always qualifies).
 * Gallops out from 'guess' (a normal-approximation answer, rarely more than
 * a rank or two off) and then bisects, so it costs a handful of CDF calls
 * whatever n is.
 */
static bool qualifies(size_t k, double t, bool strict, double p, size_t n)
{
    double f = binomial_cdf(k, p, n);
    return strict ? f > t : f >= t;
}

static size_t binomial_first_above(double t, bool strict, double p, size_t n, size_t guess)
{
    size_t a, b, step = 1; /* F(a) fails, F(b) qualifies */
    if (guess > n)
        guess = n;
    if (qualifies(guess, t, strict, p, n)) {
        b = guess;
        for (;;) {
            if (b == 0)
                return 0;
            a = b > step ? b - step : 0;
            if (!qualifies(a, t, strict, p, n))
                break;
            b = a;
            step *= 2;
        }
    } else {
        a = guess;
        for (;;) {
            b = n - a > step ? a + step : n;
            if (b == n || qualifies(b, t, strict, p, n))
                break;
            a = b;
            step *= 2;
        }
    }
    while (b - a > 1) {
        size_t m = a + (b - a) / 2;
        if (qualifies(m, t, strict, p, n))
            b = m;
        else
            a = m;
    }
    return b;
}

/* 'v' rounded down and forced into [0, n]. */
static size_t rank_guess(double v, size_t n)
{
    if (!(v > 0.0))
        return 0;
    return v < (double)n ? (size_t)v : n;
}

/*
 * The interval ranks when one tail cannot be cut at 2.5%: with the lower
 * end at X(0) (covering B >= 1), the smallest u with F(u) - F(0) >= 0.95;
 * with the upper end at X(n - 1), the largest l with F(n - 1) - F(l) >=
 * 0.95. False when no such pair exists: no interval reaches 95%.
 */
static bool one_tail_ci(size_t n, double p, bool lower_missing, size_t *l, size_t *u)
{
    double f0 = binomial_cdf(0, p, n), fn = binomial_cdf(n - 1, p, n);
    if (fn - f0 < 1.0 - 2 * TAIL_LO)
        return false;
    if (lower_missing) {
        *l = 0;
        *u = binomial_first_above(f0 + 1.0 - 2 * TAIL_LO, false, p, n, n - 1);
        return *u <= n - 1;
    }
    *u = n - 1;
    size_t k = binomial_first_above(fn - (1.0 - 2 * TAIL_LO), true, p, n, 0);
    if (k == 0)
        return false;
    *l = k - 1;
    return true;
}

bool pb_stats_order_ci(size_t n, double p, size_t *lo, size_t *hi)
{
    assert(lo && hi);
    *lo = 0;
    *hi = 0;
    if (n == 0)
        return false;
    p = clamp_level(p);
    size_t l, u;
    bool backed = true;
    if (p == 0.0) {
        l = 0; /* every draw is at or above the 0-quantile */
        u = 0;
    } else if (p == 1.0) {
        l = n - 1;
        u = n - 1;
    } else {
        double mu = (double)n * p, half = Z_95 * sqrt(mu * (1.0 - p));
        /* l: the largest k with F(k) <= TAIL_LO; none when F(0) > TAIL_LO. */
        size_t k = binomial_first_above(TAIL_LO, true, p, n, rank_guess(mu - half, n));
        /* u: the smallest k with F(k) >= TAIL_HI; none past n - 1. */
        u = binomial_first_above(TAIL_HI, false, p, n, rank_guess(mu + half, n));
        l = k > 0 ? k - 1 : 0;
        if (k == 0 || u > n - 1)
            backed = !(k == 0 && u > n - 1) && one_tail_ci(n, p, k == 0, &l, &u);
        if (!backed) {
            l = 0;
            u = n - 1;
        }
    }
    /* The interval always contains the ranks the estimate is built from. */
    size_t j, j1;
    double g;
    type7_position(n, p, &j, &j1, &g);
    if (l > j)
        l = j;
    if (g > 0.0 && u < j1)
        u = j1;
    if (u < j)
        u = j;
    *lo = l;
    *hi = u;
    return backed;
}

/* The order statistics one level needs, and how to combine them. */
typedef struct level_pos {
    size_t j, j1, lo, hi; /* ranks: type-7 neighbours and interval ends */
    double g;             /* type-7 fraction between x(j) and x(j1) */
    bool has_ci;          /* the interval reaches 95% */
} level_pos;

static level_pos level_position(size_t n, double p)
{
    level_pos lp;
    p = clamp_level(p);
    type7_position(n, p, &lp.j, &lp.j1, &lp.g);
    lp.has_ci = pb_stats_order_ci(n, p, &lp.lo, &lp.hi);
    return lp;
}

/* The interval of a level whose order statistics x already holds in place. */
static pb_interval level_interval(const double *x, const level_pos *lp)
{
    pb_interval iv;
    iv.value = lerp(x[lp->j], x[lp->j1], lp->g);
    iv.lo = lp->has_ci ? x[lp->lo] : NAN;
    iv.hi = lp->has_ci ? x[lp->hi] : NAN;
    return iv;
}

/* ==== Summaries ==== */

void pb_stats_summarize(double *x, size_t n, pb_summary *out)
{
    assert(out);
    memset(out, 0, sizeof *out);
    if (n == 0)
        return;
    assert(x);
    out->n = n;

    double mn = x[0], mx = x[0];
    double sum = pairwise_sum(x, n, &mn, &mx);
    out->min = mn;
    out->max = mx;

    if (mn == mx) {
        out->mean = mn; /* exact, and sd stays 0 */
    } else {
        double mean = sum / (double)n;
        if (mean < mn)
            mean = mn;
        if (mean > mx)
            mean = mx;
        out->mean = mean;
        double s1, s2;
        pairwise_dev(x, n, mean, &s1, &s2); /* n >= 2 since mn < mx */
        double var = (s2 - s1 * s1 / (double)n) / (double)(n - 1);
        out->sd = var > 0.0 ? sqrt(var) : 0.0;
    }

    level_pos lp[PB_N_LEVELS];
    size_t rank[MAX_RANKS], n_rank = 0;
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        lp[k] = level_position(n, pb_stats_levels[k]);
        rank[n_rank++] = lp[k].j;
        rank[n_rank++] = lp[k].j1;
        rank[n_rank++] = lp[k].lo;
        rank[n_rank++] = lp[k].hi;
    }
    sort_unique(rank, &n_rank);
    multiselect(x, 0, n, rank, n_rank, depth_limit(n));
    for (size_t k = 0; k < PB_N_LEVELS; k++)
        out->pct[k] = level_interval(x, &lp[k]);
}

pb_interval pb_stats_quantile(double *x, size_t n, double p)
{
    pb_interval iv = {0.0, 0.0, 0.0};
    if (n == 0)
        return iv;
    assert(x);
    level_pos lp = level_position(n, p);
    size_t rank[4] = {lp.j, lp.j1, lp.lo, lp.hi};
    size_t n_rank = 4;
    sort_unique(rank, &n_rank);
    multiselect(x, 0, n, rank, n_rank, depth_limit(n));
    return level_interval(x, &lp);
}

void pb_stats_level_values(double *x, size_t n, const int *idx, size_t n_idx, double *out)
{
    size_t j[PB_N_LEVELS], j1[PB_N_LEVELS], rank[MAX_RANKS], n_rank = 0;
    double g[PB_N_LEVELS];
    assert(n_idx <= PB_N_LEVELS);
    for (size_t k = 0; k < n_idx; k++)
        out[k] = 0.0;
    if (n == 0)
        return;
    assert(x);
    for (size_t k = 0; k < n_idx; k++) {
        type7_position(n, clamp_level(pb_stats_levels[idx[k]]), &j[k], &j1[k], &g[k]);
        rank[n_rank++] = j[k];
        rank[n_rank++] = j1[k];
    }
    sort_unique(rank, &n_rank);
    multiselect(x, 0, n, rank, n_rank, depth_limit(n));
    for (size_t k = 0; k < n_idx; k++)
        out[k] = lerp(x[j[k]], x[j1[k]], g[k]);
}

/* ==== Histograms ==== */

static size_t hist_total(const uint32_t *counts, size_t n_bins)
{
    size_t total = 0;
    for (size_t b = 0; b < n_bins; b++)
        total += counts[b];
    return total;
}

void pb_stats_level_ranks(size_t n, pb_level_ranks *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    if (n == 0)
        return;
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        level_pos lp = level_position(n, pb_stats_levels[k]);
        out->j[k] = lp.j;
        out->j1[k] = lp.j1;
        out->g[k] = lp.g;
        out->lo[k] = lp.lo;
        out->hi[k] = lp.hi;
        out->has_ci[k] = lp.has_ci;
    }
}

void pb_stats_hist_percentiles_ranked(const uint32_t *counts, size_t n_bins, double lo,
                                      double width, const pb_level_ranks *r, pb_summary *out)
{
    assert(out && r);
    memset(out->pct, 0, sizeof out->pct);
    if (r->n == 0 || n_bins == 0)
        return;
    /* every rank any level needs, located in one pass over the bins */
    size_t rank[4 * PB_N_LEVELS], n_rank = 0;
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        rank[n_rank++] = r->j[k];
        rank[n_rank++] = r->j1[k];
        rank[n_rank++] = r->lo[k];
        rank[n_rank++] = r->hi[k];
    }
    sort_unique(rank, &n_rank);
    double at[4 * PB_N_LEVELS];
    size_t cum = 0, q = 0;
    for (size_t b = 0; b < n_bins && q < n_rank; b++) {
        size_t c = counts[b];
        while (q < n_rank && rank[q] < cum + c) {
            at[q] = lo + width * ((double)b + ((double)(rank[q] - cum) + 0.5) / (double)c);
            q++;
        }
        cum += c;
    }
    for (; q < n_rank; q++)
        at[q] = lo + width * (double)n_bins;
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        size_t idx[4] = {r->j[k], r->j1[k], r->lo[k], r->hi[k]};
        double v[4];
        for (int i = 0; i < 4; i++) {
            size_t a = 0, z = n_rank; /* binary search in the sorted ranks */
            while (a + 1 < z) {
                size_t m = (a + z) / 2;
                if (rank[m] <= idx[i])
                    a = m;
                else
                    z = m;
            }
            v[i] = at[a];
        }
        pb_interval *iv = &out->pct[k];
        iv->value = lerp(v[0], v[1], r->g[k]);
        iv->lo = r->has_ci[k] ? v[2] : NAN;
        iv->hi = r->has_ci[k] ? v[3] : NAN;
    }
}

void pb_stats_hist_percentiles(const uint32_t *counts, size_t n_bins, double lo, double width,
                               size_t n, pb_summary *out)
{
    assert(out);
    size_t total = n_bins > 0 ? hist_total(counts, n_bins) : 0;
    (void)n; /* the counts are authoritative */
    pb_level_ranks r;
    pb_stats_level_ranks(total, &r);
    pb_stats_hist_percentiles_ranked(counts, n_bins, lo, width, &r, out);
}

void pb_stats_midranks(const uint32_t *counts, size_t n_bins, double *midrank, double *ss)
{
    assert(ss);
    *ss = 0.0;
    if (n_bins == 0)
        return;
    assert(counts && midrank);
    size_t total = hist_total(counts, n_bins);
    double centre = ((double)total + 1.0) / 2.0;
    double before = 0.0, sum = 0.0;
    for (size_t b = 0; b < n_bins; b++) {
        double c = (double)counts[b];
        midrank[b] = before + (c + 1.0) / 2.0;
        double d = midrank[b] - centre;
        sum += c * d * d;
        before += c;
    }
    *ss = sum;
}

void pb_stats_histogram(const double *x, size_t n, double lo, double hi, size_t n_bins,
                        uint32_t *counts)
{
    if (n_bins == 0)
        return;
    assert(counts);
    memset(counts, 0, n_bins * sizeof *counts);
    double span = hi - lo;
    bool flat = !(span > 0.0) || !isfinite(span);
    double scale = flat ? 0.0 : (double)n_bins / span;
    for (size_t i = 0; i < n; i++) {
        size_t b = 0;
        if (!flat) {
            double t = (x[i] - lo) * scale;
            if (!(t > 0.0))
                b = 0;
            else if (t >= (double)n_bins)
                b = n_bins - 1;
            else
                b = (size_t)t;
        }
        if (counts[b] < UINT32_MAX)
            counts[b]++;
    }
}

/* ==== Probabilities ==== */

pb_interval pb_stats_wilson(size_t k, size_t n)
{
    pb_interval iv = {0.0, 0.0, 0.0};
    if (n == 0)
        return iv;
    if (k > n)
        k = n;
    double nn = (double)n;
    double p = (double)k / nn;
    double z2 = Z_95 * Z_95;
    double denom = 1.0 + z2 / nn;
    double centre = (p + z2 / (2.0 * nn)) / denom;
    double half = Z_95 * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
    iv.value = p;
    iv.lo = k == 0 ? 0.0 : centre - half;
    iv.hi = k == n ? 1.0 : centre + half;
    if (iv.lo < 0.0)
        iv.lo = 0.0;
    if (iv.hi > 1.0)
        iv.hi = 1.0;
    if (iv.lo > p)
        iv.lo = p;
    if (iv.hi < p)
        iv.hi = p;
    return iv;
}

double pb_stats_limit(double t)
{
    return isfinite(t) ? t + PB_STATS_REL_TOL * fabs(t) : t;
}

pb_interval pb_stats_prob_le(const double *x, size_t n, double t)
{
    size_t k = 0;
    t = pb_stats_limit(t);
    for (size_t i = 0; i < n; i++)
        k += x[i] <= t;
    return pb_stats_wilson(k, n);
}

/* ==== Rank correlation ==== */

/* Orders pointers by the doubles they point at; NaN sorts last. */
static int cmp_value_ptr(const void *pa, const void *pb)
{
    double a = **(const double *const *)pa;
    double b = **(const double *const *)pb;
    int na = isnan(a), nb = isnan(b);
    if (na || nb)
        return na - nb;
    return (a > b) - (a < b);
}

/* Mid-ranks (1-based) of v[0..n) into rank[], using ord[0..n) as scratch. */
static void mid_ranks(const double *v, size_t n, const double **ord, double *rank)
{
    for (size_t i = 0; i < n; i++)
        ord[i] = v + i;
    qsort(ord, n, sizeof *ord, cmp_value_ptr);
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && cmp_value_ptr(&ord[i], &ord[j]) == 0)
            j++;
        double r = (double)(i + 1 + j) / 2.0; /* mean of ranks i + 1 .. j */
        for (size_t k = i; k < j; k++)
            rank[ord[k] - v] = r;
        i = j;
    }
}

pb_status pb_stats_spearman(const double *x, const double *y, size_t n, double *rho, pb_error *err)
{
    assert(rho);
    *rho = 0.0;
    if (n < 2)
        return PB_OK;
    assert(x && y);
    if (n > SIZE_MAX / (3 * sizeof(double)))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0,
                            "out of memory for spearman scratch of %zu pairs", n);
    pb_status st = PB_OK;
    double *rank = malloc(2 * n * sizeof *rank);
    const double **ord = malloc(n * sizeof *ord);
    if (!rank || !ord) {
        st = pb_error_set(err, PB_ERR_RUN, NULL, 0,
                          "out of memory for spearman scratch of %zu pairs", n);
        goto out;
    }
    double *rx = rank, *ry = rank + n;
    mid_ranks(x, n, ord, rx);
    mid_ranks(y, n, ord, ry);

    double m = ((double)n + 1.0) / 2.0;
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (size_t i = 0; i < n; i++) {
        double dx = rx[i] - m, dy = ry[i] - m;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx > 0.0 && syy > 0.0) {
        double r = sxy / sqrt(sxx * syy);
        *rho = r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r);
    }
out:
    free(rank);
    free(ord);
    return st;
}
