/*
 * test_stats.c - known answers and reference comparisons for stats.h.
 *
 * Summaries are checked against a full qsort of the same data (several sizes,
 * continuous data, heavy ties, all-equal and presorted input); interval ranks
 * against the binomial definition evaluated directly with GSL; Wilson
 * intervals and Spearman correlations against values worked out by hand; the
 * order-statistic interval's coverage by simulation. All random data comes
 * from a local splitmix64 with fixed seeds, so every test is deterministic.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include <pushback/stats.h>

#include "helpers.h"

/* ==== Helpers ==== */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Uniform on [0, 1) with 53 random bits. */
static double uniform(uint64_t *state)
{
    return (double)(splitmix64(state) >> 11) * 0x1.0p-53;
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

static double *alloc_doubles(size_t n)
{
    double *x = malloc((n > 0 ? n : 1) * sizeof *x);
    cr_assert_not_null(x);
    return x;
}

/* Kinds of test data: the shapes that trouble selection algorithms. */
enum {
    CONTINUOUS,
    FEW_VALUES,
    ALL_EQUAL,
    SORTED,
    REVERSED,
    ORGAN_PIPE,
    N_KINDS
};

static const char *const kind_name[N_KINDS] = {"continuous", "few values", "all equal",
                                               "sorted",     "reversed",   "organ pipe"};

static void fill(double *x, size_t n, int kind, uint64_t *state)
{
    for (size_t i = 0; i < n; i++) {
        switch (kind) {
        case CONTINUOUS:
            x[i] = 1.5 + 8.0 * uniform(state) * uniform(state);
            break;
        case FEW_VALUES:
            x[i] = 2.385 * floor(4.0 * uniform(state));
            break;
        case ALL_EQUAL:
            x[i] = 2.385;
            break;
        case SORTED:
            x[i] = 0.25 * (double)i;
            break;
        case REVERSED:
            x[i] = -0.25 * (double)i;
            break;
        default:
            x[i] = (double)(i < n / 2 ? i : n - i);
            break;
        }
    }
}

/* Type-7 quantile of sorted s[0..n), written out independently. */
static double ref_quantile(const double *s, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t j = (size_t)floor(h);
    if (j + 1 >= n)
        return s[n - 1];
    return s[j] + (h - floor(h)) * (s[j + 1] - s[j]);
}

/* P(Binomial(n, p) <= k) straight from GSL. */
static double binom_cdf(size_t k, double p, size_t n)
{
    return gsl_cdf_binomial_P((unsigned)k, p, (unsigned)n);
}

/* ==== Summaries against a sorted reference ==== */

static void check_against_reference(size_t n, int kind, uint64_t seed)
{
    uint64_t state = seed;
    double *x = alloc_doubles(n), *ref = alloc_doubles(n);
    fill(x, n, kind, &state);
    memcpy(ref, x, n * sizeof *x);

    long double sum = 0.0L;
    for (size_t i = 0; i < n; i++)
        sum += ref[i];
    long double mean = sum / (long double)n, ss = 0.0L;
    for (size_t i = 0; i < n; i++)
        ss += (ref[i] - mean) * (ref[i] - mean);
    double sd = n > 1 ? (double)sqrtl(ss / (long double)(n - 1)) : 0.0;
    qsort(ref, n, sizeof *ref, cmp_double);
    double scale = fabs(ref[0]) > fabs(ref[n - 1]) ? fabs(ref[0]) : fabs(ref[n - 1]);

    pb_summary s;
    pb_stats_summarize(x, n, &s);

    cr_assert_eq(s.n, n);
    cr_assert(s.min == ref[0], "%s n=%zu: min %.17g, want %.17g", kind_name[kind], n, s.min,
              ref[0]);
    cr_assert(s.max == ref[n - 1], "%s n=%zu: max", kind_name[kind], n);
    cr_assert_float_eq(s.mean, (double)mean, 1e-14 * (scale + 1.0), "%s n=%zu: mean %.17g",
                       kind_name[kind], n, s.mean);
    cr_assert_float_eq(s.sd, sd, 1e-12 * (scale + 1.0), "%s n=%zu: sd %.17g, want %.17g",
                       kind_name[kind], n, s.sd, sd);
    if (kind == ALL_EQUAL || n == 1) {
        cr_assert(s.sd == 0.0 && s.mean == ref[0], "%s n=%zu: constant data", kind_name[kind], n);
    }

    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        double p = pb_stats_levels[k];
        size_t lo, hi;
        bool backed = pb_stats_order_ci(n, p, &lo, &hi);
        const pb_interval *iv = &s.pct[k];
        cr_assert_float_eq(iv->value, ref_quantile(ref, n, p), 1e-13 * (scale + 1.0),
                           "%s n=%zu p=%g: value %.17g", kind_name[kind], n, p, iv->value);
        if (!backed) {
            cr_assert(isnan(iv->lo) && isnan(iv->hi), "%s n=%zu p=%g: no interval", kind_name[kind],
                      n, p);
            continue;
        }
        cr_assert(iv->lo == ref[lo] && iv->hi == ref[hi], "%s n=%zu p=%g: interval",
                  kind_name[kind], n, p);
        cr_assert(iv->lo <= iv->value && iv->value <= iv->hi, "%s n=%zu p=%g: ordering",
                  kind_name[kind], n, p);
    }

    /* Summarizing only reorders: the same multiset comes back. */
    qsort(x, n, sizeof *x, cmp_double);
    cr_assert(memcmp(x, ref, n * sizeof *x) == 0, "%s n=%zu: values lost", kind_name[kind], n);
    free(x);
    free(ref);
}

Test(stats, summarize_matches_a_full_sort_for_all_sizes_and_shapes, .init = test_setup)
{
    static const size_t sizes[] = {1, 2, 3, 10, 17, 1000, 100001};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        for (int kind = 0; kind < N_KINDS; kind++)
            check_against_reference(sizes[i], kind, 0x5eed0000u + 31u * i + (uint64_t)kind);
}

Test(stats, summarize_is_bit_identical_for_equal_inputs, .init = test_setup)
{
    size_t n = 54321;
    uint64_t state = 7;
    double *a = alloc_doubles(n), *b = alloc_doubles(n);
    fill(a, n, CONTINUOUS, &state);
    memcpy(b, a, n * sizeof *a);
    pb_summary sa, sb;
    pb_stats_summarize(a, n, &sa);
    pb_stats_summarize(b, n, &sb);
    cr_assert(memcmp(&sa, &sb, sizeof sa) == 0);
    free(a);
    free(b);
}

Test(stats, summarize_of_nothing_is_all_zero, .init = test_setup)
{
    pb_summary s, zero;
    memset(&s, 0x5a, sizeof s);
    memset(&zero, 0, sizeof zero);
    pb_stats_summarize(NULL, 0, &s);
    cr_assert(memcmp(&s, &zero, sizeof s) == 0);
}

Test(stats, summarize_of_one_value_is_that_value_everywhere, .init = test_setup)
{
    double x = 2.385;
    pb_summary s;
    pb_stats_summarize(&x, 1, &s);
    cr_assert(s.n == 1 && s.mean == 2.385 && s.sd == 0.0 && s.min == 2.385 && s.max == 2.385);
    /* one value backs no 95% interval at any level */
    for (size_t k = 0; k < PB_N_LEVELS; k++)
        cr_assert(s.pct[k].value == 2.385 && isnan(s.pct[k].lo) && isnan(s.pct[k].hi));
}

Test(stats, summarize_reports_the_eleven_levels, .init = test_setup)
{
    static const double want[PB_N_LEVELS] = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
                                             0.6,  0.7, 0.8, 0.9, 0.95};
    for (size_t k = 0; k < PB_N_LEVELS; k++)
        cr_assert(pb_stats_levels[k] == want[k]);
}

/* ==== Percentiles of 0, 1, ..., n - 1 ==== */

Test(stats, percentiles_of_0_to_n_minus_1_are_exact_type7_values, .init = test_setup)
{
    static const size_t sizes[] = {1, 2, 3, 10, 11, 101, 1000, 12345};
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        size_t n = sizes[t];
        double *x = alloc_doubles(n);
        uint64_t state = 99 + t;
        for (size_t i = 0; i < n; i++)
            x[i] = (double)i;
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)(splitmix64(&state) % i);
            double tmp = x[i - 1];
            x[i - 1] = x[j];
            x[j] = tmp;
        }
        pb_summary s;
        pb_stats_summarize(x, n, &s);
        for (size_t k = 0; k < PB_N_LEVELS; k++) {
            double p = pb_stats_levels[k];
            size_t lo, hi;
            bool backed = pb_stats_order_ci(n, p, &lo, &hi);
            cr_assert(s.pct[k].value == (double)(n - 1) * p, "n=%zu p=%g: %.17g", n, p,
                      s.pct[k].value);
            if (backed)
                cr_assert(s.pct[k].lo == (double)lo && s.pct[k].hi == (double)hi);
            else
                cr_assert(isnan(s.pct[k].lo) && isnan(s.pct[k].hi));
        }
        cr_assert(s.mean == (double)(n - 1) / 2.0, "n=%zu: mean %.17g", n, s.mean);
        free(x);
    }
}

Test(stats, percentiles_of_0_to_10_by_hand, .init = test_setup)
{
    double x[11] = {7, 3, 10, 0, 5, 1, 9, 2, 8, 4, 6};
    pb_summary s;
    pb_stats_summarize(x, 11, &s);
    cr_assert_float_eq(s.pct[0].value, 0.5, 1e-15);  /* p05: h = 0.5 */
    cr_assert_float_eq(s.pct[1].value, 1.0, 1e-15);  /* p10: h = 1 */
    cr_assert_float_eq(s.pct[5].value, 5.0, 1e-15);  /* p50: h = 5 */
    cr_assert_float_eq(s.pct[10].value, 9.5, 1e-15); /* p95: h = 9.5 */
    cr_assert_float_eq(s.sd, sqrt(11.0), 1e-14);     /* sum of squares 110 over 10 */
}

Test(stats, quantile_agrees_with_summarize_and_clamps_its_level, .init = test_setup)
{
    size_t n = 4099;
    uint64_t state = 1234;
    double *x = alloc_doubles(n), *y = alloc_doubles(n);
    fill(x, n, CONTINUOUS, &state);
    memcpy(y, x, n * sizeof *x);
    pb_summary s;
    pb_stats_summarize(y, n, &s);
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        memcpy(y, x, n * sizeof *x);
        pb_interval iv = pb_stats_quantile(y, n, pb_stats_levels[k]);
        cr_assert(iv.value == s.pct[k].value && iv.lo == s.pct[k].lo && iv.hi == s.pct[k].hi);
    }
    memcpy(y, x, n * sizeof *x);
    cr_assert(pb_stats_quantile(y, n, -0.5).value == s.min);
    cr_assert(pb_stats_quantile(y, n, 1.5).value == s.max);
    cr_assert(pb_stats_quantile(y, n, NAN).value == s.min);

    pb_interval none = pb_stats_quantile(NULL, 0, 0.5);
    cr_assert(none.value == 0.0 && none.lo == 0.0 && none.hi == 0.0);
    free(x);
    free(y);
}

/* ==== Order-statistic intervals ==== */

Test(stats, order_ci_follows_the_binomial_definition, .init = test_setup)
{
    static const size_t sizes[] = {1, 2, 5, 7, 20, 30, 57, 60, 72, 200, 1001};
    static const double extra[] = {0.001, 0.37, 0.5, 0.999};
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        size_t n = sizes[t];
        for (size_t k = 0; k < PB_N_LEVELS + 4; k++) {
            double p = k < PB_N_LEVELS ? pb_stats_levels[k] : extra[k - PB_N_LEVELS];
            /* equal tails when both can be cut at 2.5%; else the missing one runs to
               the end and the other is set for 95% coverage; else nothing is backed */
            double f0 = binom_cdf(0, p, n), fn = binom_cdf(n - 1, p, n);
            bool lo_ok = f0 <= 0.025, hi_ok = fn >= 0.975, want_backed = true;
            size_t want_lo = 0, want_hi = n - 1;
            for (size_t r = 0; r < n; r++)
                if (lo_ok ? binom_cdf(r, p, n) <= 0.025 : false)
                    want_lo = r;
            for (size_t r = n; r-- > 0;)
                if (hi_ok ? binom_cdf(r, p, n) >= 0.975 : false)
                    want_hi = r;
            if (!lo_ok && hi_ok) {
                want_backed = false;
                for (size_t r = n; r-- > 0;)
                    if (binom_cdf(r, p, n) - f0 >= 0.95)
                        want_hi = r, want_backed = true;
            } else if (lo_ok && !hi_ok) {
                want_backed = false;
                for (size_t r = 0; r < n; r++)
                    if (fn - binom_cdf(r, p, n) >= 0.95)
                        want_lo = r, want_backed = true;
            } else if (!lo_ok && !hi_ok) {
                want_backed = false;
            }
            if (!want_backed) {
                want_lo = 0;
                want_hi = n - 1;
            } else {
                cr_assert_geq(binom_cdf(want_hi, p, n) - binom_cdf(want_lo, p, n), 0.95 - 1e-12);
            }
            /* nothing is backed exactly when even (X(0), X(n - 1)) covers less than 95% */
            cr_assert_eq(want_backed, fn - f0 >= 0.95, "n=%zu p=%g", n, p);
            /* Widened to contain the ranks the estimate interpolates. */
            double h = (double)(n - 1) * p;
            size_t j = (size_t)floor(h), j1 = (size_t)ceil(h);
            if (want_lo > j)
                want_lo = j;
            if (want_hi < j1)
                want_hi = j1;

            size_t lo, hi;
            bool backed = pb_stats_order_ci(n, p, &lo, &hi);
            cr_assert(lo == want_lo && hi == want_hi && backed == want_backed,
                      "n=%zu p=%g: [%zu, %zu] %d, want [%zu, %zu] %d", n, p, lo, hi, backed,
                      want_lo, want_hi, want_backed);
        }
    }
    /* the 5th percentile needs 59 samples for any 95% interval: 0.95^59 < 0.05 */
    size_t lo, hi;
    cr_assert(!pb_stats_order_ci(58, 0.05, &lo, &hi));
    cr_assert(pb_stats_order_ci(59, 0.05, &lo, &hi));
    cr_assert(!pb_stats_order_ci(58, 0.95, &lo, &hi));
    cr_assert(pb_stats_order_ci(59, 0.95, &lo, &hi));
}

Test(stats, order_ci_known_ranks_and_edges, .init = test_setup)
{
    size_t lo, hi;
    /* n = 10000, P80: F(7920) = 0.0238 < 0.025 < F(7921), F(8077) < 0.975 <= F(8078). */
    pb_stats_order_ci(10000, 0.8, &lo, &hi);
    cr_assert(lo == 7920 && hi == 8078, "[%zu, %zu]", lo, hi);
    cr_assert_geq(binom_cdf(hi, 0.8, 10000) - binom_cdf(lo, 0.8, 10000), 0.95);

    pb_stats_order_ci(0, 0.5, &lo, &hi);
    cr_assert(lo == 0 && hi == 0);
    pb_stats_order_ci(1, 0.5, &lo, &hi);
    cr_assert(lo == 0 && hi == 0);
    pb_stats_order_ci(5, 0.5, &lo, &hi); /* no rank reaches either tail: the full range */
    cr_assert(lo == 0 && hi == 4);
    pb_stats_order_ci(50, 0.0, &lo, &hi);
    cr_assert(lo == 0 && hi == 0);
    pb_stats_order_ci(50, 1.0, &lo, &hi);
    cr_assert(lo == 49 && hi == 49);
    pb_stats_order_ci(50, -3.0, &lo, &hi);
    cr_assert(lo == 0 && hi == 0);
    pb_stats_order_ci(50, NAN, &lo, &hi);
    cr_assert(lo == 0 && hi == 0);
    pb_stats_order_ci(50, 7.0, &lo, &hi);
    cr_assert(lo == 49 && hi == 49);
}

Test(stats, order_ci_beyond_gsl_range_uses_the_normal_approximation, .init = test_setup)
{
#if SIZE_MAX > 0xffffffffu
    size_t n = (size_t)5000000000u, lo, hi;
    pb_stats_order_ci(n, 0.5, &lo, &hi);
    double mu = 0.5 * (double)n, half = 1.959963984540054 * sqrt(0.25 * (double)n);
    cr_assert(fabs((double)lo - (mu - half - 0.5)) <= 1.0, "lo %zu", lo);
    cr_assert(fabs((double)hi - (mu + half - 0.5)) <= 1.0, "hi %zu", hi);
#endif
}

Test(stats, order_ci_covers_the_true_quantile_about_95_percent, .init = test_setup)
{
    size_t n = 1000, reps = 2000, hits[PB_N_LEVELS] = {0};
    double *x = alloc_doubles(n);
    uint64_t state = 20240601;
    for (size_t r = 0; r < reps; r++) {
        for (size_t i = 0; i < n; i++)
            x[i] = uniform(&state);
        pb_summary s;
        pb_stats_summarize(x, n, &s);
        for (size_t k = 0; k < PB_N_LEVELS; k++) {
            double q = pb_stats_levels[k]; /* the true quantile of uniform(0, 1) */
            hits[k] += s.pct[k].lo <= q && q <= s.pct[k].hi;
        }
    }
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        double cover = (double)hits[k] / (double)reps;
        cr_assert(cover >= 0.93 && cover <= 0.97, "p=%g: coverage %.4f", pb_stats_levels[k], cover);
    }
    free(x);
}

/* ==== Wilson intervals and probabilities ==== */

Test(stats, wilson_matches_hand_computed_values, .init = test_setup)
{
    /* centre (k/n + z^2/2n) / (1 + z^2/n) -+ z sqrt(pq/n + z^2/4n^2) / (1 + z^2/n) */
    static const struct {
        size_t k, n;
        double lo, hi;
    } cases[] = {
        {0, 10, 0.0, 0.2775327998628892},
        {5, 10, 0.236593090512564, 0.763406909487436},
        {81, 100, 0.72221154620935624, 0.87485248490231264},
        {1200, 10000, 0.11377634165473128, 0.12651549710698293},
        {0, 1000, 0.0, 0.0038267584855551232},
        {1, 1, 0.20654931437723743, 1.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pb_interval iv = pb_stats_wilson(cases[i].k, cases[i].n);
        cr_assert(iv.value == (double)cases[i].k / (double)cases[i].n);
        cr_assert_float_eq(iv.lo, cases[i].lo, 1e-14, "%zu/%zu lo %.17g", cases[i].k, cases[i].n,
                           iv.lo);
        cr_assert_float_eq(iv.hi, cases[i].hi, 1e-14, "%zu/%zu hi %.17g", cases[i].k, cases[i].n,
                           iv.hi);
    }
}

Test(stats, wilson_edge_cases, .init = test_setup)
{
    pb_interval iv = pb_stats_wilson(3, 0);
    cr_assert(iv.value == 0.0 && iv.lo == 0.0 && iv.hi == 0.0);

    iv = pb_stats_wilson(0, 37);
    cr_assert(iv.value == 0.0 && iv.lo == 0.0 && iv.hi > 0.0);
    iv = pb_stats_wilson(37, 37);
    cr_assert(iv.value == 1.0 && iv.hi == 1.0 && iv.lo < 1.0);
    pb_interval over = pb_stats_wilson(40, 37); /* k > n counts as k = n */
    cr_assert(memcmp(&iv, &over, sizeof iv) == 0);

    for (size_t k = 0; k <= 50; k++) {
        pb_interval a = pb_stats_wilson(k, 50), b = pb_stats_wilson(50 - k, 50);
        cr_assert(0.0 <= a.lo && a.lo <= a.value && a.value <= a.hi && a.hi <= 1.0);
        cr_assert_float_eq(a.lo, 1.0 - b.hi, 1e-15, "k=%zu: not symmetric", k);
    }
}

Test(stats, prob_le_counts_values_at_or_below, .init = test_setup)
{
    double x[10] = {9.5, 0.5, 8.5, 1.5, 7.5, 2.5, 6.5, 3.5, 5.5, 4.5};
    pb_interval iv = pb_stats_prob_le(x, 10, 4.5), want = pb_stats_wilson(5, 10);
    cr_assert(memcmp(&iv, &want, sizeof iv) == 0);
    cr_assert(pb_stats_prob_le(x, 10, 0.0).value == 0.0);
    cr_assert(pb_stats_prob_le(x, 10, 100.0).value == 1.0);
    iv = pb_stats_prob_le(NULL, 0, 1.0);
    cr_assert(iv.value == 0.0 && iv.lo == 0.0 && iv.hi == 0.0);
}

/* ==== Histograms ==== */

Test(stats, histogram_clamps_out_of_range_values_into_end_bins, .init = test_setup)
{
    double x[9] = {-3.0, 0.0, 0.999, 1.0, 2.5, 9.99, 10.0, 11.0, NAN};
    uint32_t counts[5];
    memset(counts, 0xff, sizeof counts); /* stale contents are overwritten */
    pb_stats_histogram(x, 9, 0.0, 10.0, 5, counts);
    static const uint32_t want[5] = {5, 1, 0, 0, 3};
    for (size_t b = 0; b < 5; b++)
        cr_assert_eq(counts[b], want[b], "bin %zu: %u", b, (unsigned)counts[b]);

    pb_stats_histogram(x, 9, 4.0, 4.0, 5, counts); /* hi <= lo: all in bin 0 */
    cr_assert(counts[0] == 9 && counts[1] == 0 && counts[4] == 0);
    pb_stats_histogram(x, 9, 4.0, -1.0, 5, counts);
    cr_assert(counts[0] == 9 && counts[4] == 0);
    pb_stats_histogram(x, 9, 0.0, 10.0, 1, counts);
    cr_assert(counts[0] == 9);
    pb_stats_histogram(x, 9, 0.0, 10.0, 0, NULL); /* no bins: nothing to write */
}

Test(stats, hist_percentiles_agree_with_raw_percentiles_within_a_bin, .init = test_setup)
{
    size_t n = 100000, n_bins = 250;
    double lo = 1.5, hi = 4.0, width = (hi - lo) / (double)n_bins;
    double *x = alloc_doubles(n);
    uint32_t *counts = malloc(n_bins * sizeof *counts);
    cr_assert_not_null(counts);
    uint64_t state = 42;
    for (size_t i = 0; i < n; i++)
        x[i] = lo + (hi - lo) * uniform(&state);
    pb_stats_histogram(x, n, lo, hi, n_bins, counts);
    pb_summary raw, binned;
    pb_stats_summarize(x, n, &raw);
    binned = raw;
    pb_stats_hist_percentiles(counts, n_bins, lo, width, n, &binned);
    cr_assert(binned.n == raw.n && binned.mean == raw.mean && binned.sd == raw.sd);
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        cr_assert_float_eq(binned.pct[k].value, raw.pct[k].value, width, "p=%g: %g vs %g",
                           pb_stats_levels[k], binned.pct[k].value, raw.pct[k].value);
        cr_assert_float_eq(binned.pct[k].lo, raw.pct[k].lo, width);
        cr_assert_float_eq(binned.pct[k].hi, raw.pct[k].hi, width);
    }
    free(x);
    free(counts);
}

Test(stats, hist_percentiles_of_one_value_per_bin_centre_are_exact, .init = test_setup)
{
    enum {
        N_BINS = 101
    };
    uint32_t counts[N_BINS];
    double x[N_BINS], lo = -2.0, width = 0.5;
    for (size_t b = 0; b < N_BINS; b++) {
        counts[b] = 1;
        x[b] = lo + width * ((double)b + 0.5);
    }
    pb_summary raw, binned;
    pb_stats_summarize(x, N_BINS, &raw);
    pb_stats_hist_percentiles(counts, N_BINS, lo, width, N_BINS, &binned);
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        cr_assert_float_eq(binned.pct[k].value, raw.pct[k].value, 1e-12);
        cr_assert(binned.pct[k].lo == raw.pct[k].lo && binned.pct[k].hi == raw.pct[k].hi);
    }
}

Test(stats, hist_percentiles_spread_a_bin_evenly_and_trust_the_counts, .init = test_setup)
{
    /* 4 values in bin [10, 12): at 10.25, 10.75, 11.25, 11.75. */
    uint32_t counts[3] = {0, 4, 0};
    pb_summary s;
    pb_stats_hist_percentiles(counts, 3, 8.0, 2.0, 4, &s);
    cr_assert_float_eq(s.pct[5].value, 11.0, 1e-14);   /* h = 1.5 */
    cr_assert_float_eq(s.pct[0].value, 10.325, 1e-14); /* h = 0.15 */
    /* four values back no 95% interval at any level */
    cr_assert(isnan(s.pct[0].lo) && isnan(s.pct[10].hi) && isnan(s.pct[5].lo));
    /* 100 values in the bin: the interval ends sit where their ranks do */
    uint32_t hundred[3] = {0, 100, 0};
    size_t rlo, rhi;
    cr_assert(pb_stats_order_ci(100, 0.5, &rlo, &rhi));
    pb_summary h;
    pb_stats_hist_percentiles(hundred, 3, 8.0, 2.0, 100, &h);
    cr_assert_float_eq(h.pct[5].lo, 10.0 + 2.0 * ((double)rlo + 0.5) / 100, 1e-14);
    cr_assert_float_eq(h.pct[5].hi, 10.0 + 2.0 * ((double)rhi + 0.5) / 100, 1e-14);

    pb_summary t;
    pb_stats_hist_percentiles(counts, 3, 8.0, 2.0, 99, &t); /* wrong n: counts win */
    cr_assert(memcmp(s.pct, t.pct, sizeof s.pct) == 0);

    uint32_t empty[3] = {0, 0, 0};
    memset(&t, 0x5a, sizeof t);
    pb_stats_hist_percentiles(empty, 3, 8.0, 2.0, 0, &t);
    for (size_t k = 0; k < PB_N_LEVELS; k++)
        cr_assert(t.pct[k].value == 0.0 && t.pct[k].lo == 0.0 && t.pct[k].hi == 0.0);
}

Test(stats, midranks_share_the_mean_rank_within_ties, .init = test_setup)
{
    /* Values in bins: 2, 0, 3, 1 -> ranks {1, 2}, {}, {3, 4, 5}, {6}. */
    uint32_t counts[4] = {2, 0, 3, 1};
    double mid[4], ss;
    pb_stats_midranks(counts, 4, mid, &ss);
    cr_assert(mid[0] == 1.5 && mid[1] == 2.5 && mid[2] == 4.0 && mid[3] == 6.0);
    /* centre 3.5: 2 (-2)^2 + 3 (0.5)^2 + 1 (2.5)^2 = 8 + 0.75 + 6.25 */
    cr_assert(ss == 15.0, "ss %.17g", ss);

    uint32_t tie[3] = {0, 7, 0};
    pb_stats_midranks(tie, 3, mid, &ss);
    cr_assert(mid[1] == 4.0 && ss == 0.0);

    uint32_t ones[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    double mid10[10];
    pb_stats_midranks(ones, 10, mid10, &ss);
    for (size_t b = 0; b < 10; b++)
        cr_assert(mid10[b] == (double)(b + 1));
    cr_assert(ss == 82.5); /* n (n^2 - 1) / 12 without ties */

    pb_stats_midranks(NULL, 0, NULL, &ss);
    cr_assert(ss == 0.0);
}

/* ==== Spearman ==== */

Test(stats, spearman_of_monotone_pairs_is_plus_or_minus_one, .init = test_setup)
{
    size_t n = 500;
    double *x = alloc_doubles(n), *up = alloc_doubles(n), *down = alloc_doubles(n);
    uint64_t state = 3;
    for (size_t i = 0; i < n; i++) {
        x[i] = uniform(&state) - 0.5;
        up[i] = exp(3.0 * x[i]);
        down[i] = -x[i] * x[i] * x[i];
    }
    pb_error err;
    pb_error_clear(&err);
    double rho = 0.0;
    cr_assert_eq(pb_stats_spearman(x, up, n, &rho, &err), PB_OK);
    cr_assert_float_eq(rho, 1.0, 1e-12);
    cr_assert_eq(pb_stats_spearman(x, down, n, &rho, &err), PB_OK);
    cr_assert_float_eq(rho, -1.0, 1e-12);
    cr_assert_eq(err.code, PB_OK);
    free(x);
    free(up);
    free(down);
}

Test(stats, spearman_with_ties_matches_a_hand_computation, .init = test_setup)
{
    /*
     * Ranks of x: 1, 2.5, 2.5, 4, 5. Ranks of y: 2, 1, 3.5, 3.5, 5. With the
     * mean rank 3: sum dx dy = 7.25, sum dx^2 = sum dy^2 = 9.5.
     */
    double x[5] = {1.0, 2.0, 2.0, 3.0, 4.0};
    double y[5] = {2.385, 1.0, 3.5, 3.5, 5.0};
    double rho;
    cr_assert_eq(pb_stats_spearman(x, y, 5, &rho, NULL), PB_OK);
    cr_assert_float_eq(rho, 7.25 / 9.5, 1e-15, "rho %.17g", rho);
}

Test(stats, spearman_agrees_with_gsl_on_tied_data, .init = test_setup)
{
    size_t n = 300;
    double *x = alloc_doubles(n), *y = alloc_doubles(n), *work = alloc_doubles(2 * n);
    uint64_t state = 11;
    for (size_t i = 0; i < n; i++) {
        x[i] = floor(10.0 * uniform(&state));
        y[i] = floor(x[i] + 6.0 * uniform(&state));
    }
    double rho;
    cr_assert_eq(pb_stats_spearman(x, y, n, &rho, NULL), PB_OK);
    cr_assert_float_eq(rho, gsl_stats_spearman(x, 1, y, 1, n, work), 1e-12);
    cr_assert_gt(rho, 0.5);
    free(x);
    free(y);
    free(work);
}

Test(stats, spearman_of_constant_or_short_input_is_zero, .init = test_setup)
{
    double x[4] = {1.0, 2.0, 3.0, 4.0}, c[4] = {2.385, 2.385, 2.385, 2.385};
    double rho = 0.5;
    cr_assert_eq(pb_stats_spearman(x, c, 4, &rho, NULL), PB_OK);
    cr_assert(rho == 0.0);
    rho = 0.5;
    cr_assert_eq(pb_stats_spearman(c, x, 4, &rho, NULL), PB_OK);
    cr_assert(rho == 0.0);
    rho = 0.5;
    cr_assert_eq(pb_stats_spearman(x, x, 1, &rho, NULL), PB_OK);
    cr_assert(rho == 0.0);
    rho = 0.5;
    cr_assert_eq(pb_stats_spearman(NULL, NULL, 0, &rho, NULL), PB_OK);
    cr_assert(rho == 0.0);
}

Test(stats, spearman_reports_scratch_it_cannot_allocate, .init = test_setup)
{
    double x[2] = {1.0, 2.0};
    double rho = 0.5;
    pb_error err;
    pb_error_clear(&err);
    cr_assert_eq(pb_stats_spearman(x, x, SIZE_MAX / 8, &rho, &err), PB_ERR_RUN);
    cr_assert_eq(err.code, PB_ERR_RUN);
    cr_assert_eq(err.line, 0);
    cr_assert(strstr(err.msg, "spearman") != NULL, "msg '%s'", err.msg);
    cr_assert(rho == 0.0);
    cr_assert_eq(pb_stats_spearman(x, x, SIZE_MAX / 8, &rho, NULL), PB_ERR_RUN);
}

/* The level values of pb_stats_level_values are pb_stats_summarize's, bit for bit. */
Test(stats, level_values_are_the_summary_percentiles_bit_for_bit, .init = test_setup)
{
    static const size_t sizes[] = {1, 2, 3, 7, 40, 41, 1000, 5003};
    const int idx[] = {5, 8, 9, 0, 10, 2};
    uint64_t st = 17;
    double *x = malloc(5003 * sizeof *x), *y = malloc(5003 * sizeof *y);
    cr_assert(x && y);
    for (size_t c = 0; c < sizeof sizes / sizeof *sizes; c++) {
        size_t n = sizes[c];
        for (size_t i = 0; i < n; i++) /* heavy ties in every other size */
            x[i] = c % 2 ? floor(uniform(&st) * 5.0) : 10.0 + 3.0 * uniform(&st);
        memcpy(y, x, n * sizeof *y);
        pb_summary s;
        pb_stats_summarize(y, n, &s);
        double v[6];
        pb_stats_level_values(x, n, idx, 6, v);
        for (size_t k = 0; k < 6; k++)
            cr_assert(v[k] == s.pct[idx[k]].value, "n %zu level %d: %.17g, summary %.17g", n,
                      idx[k], v[k], s.pct[idx[k]].value);
    }
    double v[2] = {1, 1};
    pb_stats_level_values(NULL, 0, idx, 2, v);
    cr_assert(v[0] == 0.0 && v[1] == 0.0);
    free(x);
    free(y);
}
