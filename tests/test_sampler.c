/*
 * test_sampler.c - the fast samplers against the exact distributions: table
 * interpolation error over a dense grid of u (body, both tails, cell and
 * octave boundaries, the exact far tails), sample moments and quantiles of a
 * million draws from a fixed-seed stream, table sharing, degenerate shapes.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <gsl/gsl_sort.h>

#include <pushback/dist.h>

#include "helpers.h"
#include "sampler.h"

/* ==== Helpers ==== */

/* splitmix64: a tiny, fixed, well-mixed stream for deterministic tests. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/*
 * A uniform in (0, 1): 52 random bits plus half a step, so that it is never
 * 0 and never rounds up to 1 (with 53 bits, the top value plus half a step
 * would round to 1).
 */
static double uniform01(uint64_t *state)
{
    return (double)(splitmix64(state) >> 12) * 0x1p-52 + 0x1p-53;
}

/*
 * The grid the tables are checked on: u across [1e-9, 1 - 1e-9] on a log
 * scale at both ends, every main cell boundary and midpoint, every tail grid
 * point and midpoint in both tails, and the points where eval changes path
 * (2^-20 and 2^-5 and their mirrors, with their neighbours).
 */
static double *check_grid(size_t *n)
{
    size_t cap = 4 * (PB_TABLE_CELLS + 1) + 8 * (PB_TAIL_LEN + 1) + 4000 + 64, k = 0;
    double *u = malloc(cap * sizeof *u);
    cr_assert(u);
    for (int i = 0; i <= 1000; i++) {
        double v = pow(10.0, -9.0 + 8.7 * i / 1000.0); /* 1e-9 .. 0.5 */
        u[k++] = v;
        u[k++] = 1.0 - v;
    }
    for (int i = 1; i < PB_TABLE_CELLS; i++) {
        u[k++] = (double)i / PB_TABLE_CELLS;
        u[k++] = (i + 0.5) / PB_TABLE_CELLS;
    }
    for (int i = 0; i <= PB_TAIL_LEN; i++) {
        double v = pb__table_tail_v(i);
        double mid = i < PB_TAIL_LEN ? 0.5 * (v + pb__table_tail_v(i + 1)) : v;
        u[k++] = v;
        u[k++] = 1.0 - v;
        u[k++] = mid;
        u[k++] = 1.0 - mid;
    }
    const double edges[] = {0x1p-20, 0x1p-5};
    for (int i = 0; i < 2; i++) {
        double e = edges[i];
        double near[] = {e, nextafter(e, 0.0), nextafter(e, 1.0)};
        for (int j = 0; j < 3; j++) {
            u[k++] = near[j];
            u[k++] = 1.0 - near[j];
        }
    }
    u[k++] = 1e-9;
    u[k++] = 1.0 - 1e-9;
    cr_assert(k <= cap);
    *n = k;
    return u;
}

/* Largest |draw - exact quantile| / unit over the grid, for u in [lo, 1 - lo]. */
static double max_error(const pb_dist *d, double unit, int relative, double lo)
{
    pb__table_cache tc;
    pb__sampler s;
    pb_error err;
    size_t n;
    double *u = check_grid(&n), worst = 0.0;
    pb__table_cache_init(&tc);
    cr_assert_eq(pb__sampler_init(&s, d, &tc, &err), PB_OK);
    for (size_t i = 0; i < n; i++) {
        if (u[i] < lo || u[i] > 1.0 - lo)
            continue;
        double exact = pb_dist_quantile(d, u[i]), got = pb__sampler_draw(&s, u[i]);
        double e = fabs(got - exact) / (relative ? exact : unit);
        cr_assert(isfinite(got), "u = %.17g gives %g", u[i], got);
        if (e > worst)
            worst = e;
    }
    free(u);
    pb__table_cache_release(&tc);
    return worst;
}

/* ==== Table accuracy ==== */

Test(sampler, table_eval_matches_the_exact_shape_everywhere, .init = test_setup)
{
    pb__table_cache tc;
    pb__sampler s;
    pb_error err;
    pb_dist d = pb_dist_pert(0.5, 3.9, 4.0);
    size_t n;
    double *u = check_grid(&n);
    pb__table_cache_init(&tc);
    cr_assert_eq(pb__sampler_init(&s, &d, &tc, &err), PB_OK);
    const pb__table *normal = pb__table_normal(&tc, &err);
    cr_assert(normal);
    for (size_t i = 0; i < n; i++) {
        double e1 = fabs(pb__table_eval(s.table, u[i]) - pb__table_exact(s.table, u[i]));
        double z = pb__table_exact(normal, u[i]);
        double e2 = fabs(pb__table_eval(normal, u[i]) - z) / fmax(1.0, fabs(z));
        cr_assert(e1 <= 1e-5, "pert shape at u = %.17g: error %g", u[i], e1);
        cr_assert(e2 <= 1e-5, "normal shape at u = %.17g: error %g", u[i], e2);
    }
    /* the ends are exact */
    cr_assert_float_eq(pb__table_eval(s.table, 0.0), 0.0, 0.0);
    cr_assert_float_eq(pb__table_eval(s.table, 1.0), 1.0, 0.0);
    cr_assert(isinf(pb__table_eval(normal, 0.0)) && pb__table_eval(normal, 0.0) < 0);
    cr_assert(isinf(pb__table_eval(normal, 1.0)) && pb__table_eval(normal, 1.0) > 0);
    free(u);
    pb__table_cache_release(&tc);
}

/*
 * Largest |entry - exact quantile| over every entry of a table (main and
 * both tails), divided by max(1, |exact|) when 'relative', and checks on the
 * way that each segment is monotone and that every entry is finite (at
 * u = 0 and 1 an unbounded shape's entry is a finite stand-in).
 */
static double entry_error(const pb__table *t, int relative)
{
    double worst = 0.0;
    for (int seg = 0; seg < 3; seg++) {
        int n = seg == 0 ? PB_TABLE_CELLS : PB_TAIL_LEN;
        const float *e = seg == 0 ? t->main : seg == 1 ? t->lo_tail : t->hi_tail;
        for (int k = 0; k <= n; k++) {
            double v = seg == 0 ? 0.0 : pb__table_tail_v(k);
            double u = seg == 0 ? (double)k / PB_TABLE_CELLS : seg == 1 ? v : 1.0 - v;
            double x = pb__table_exact(t, u);
            cr_assert(isfinite(e[k]), "segment %d entry %d: %g", seg, k, e[k]);
            /* the hi tail runs from u = 1 - 2^-20 down to 1 - 2^-5 */
            if (k > 0)
                cr_assert(seg == 2 ? e[k] <= e[k - 1] : e[k] >= e[k - 1],
                          "segment %d not monotone at entry %d: %.9g after %.9g", seg, k, e[k],
                          e[k - 1]);
            if (!isfinite(x))
                continue;
            double err = fabs(e[k] - x) / (relative ? fmax(1.0, fabs(x)) : 1.0);
            if (err > worst)
                worst = err;
        }
    }
    return worst;
}

/*
 * Tables are built from exact quantiles at some entries and interpolation
 * in between (sampler.c, "Building tables"); every entry must still be the
 * exact quantile up to float rounding (measured: 3e-8 of the range for the
 * beta, 6e-8 relative for the normal, both float's half step).
 */
Test(sampler, built_tables_match_the_exact_quantile_at_every_entry, .init = test_setup)
{
    pb_dist ds[] = {
        pb_dist_pert(2.0, 3.0, 6.0), pb_dist_pert(1.0, 1.0, 4.0), pb_dist_pert(0.5, 3.9, 4.0),
        pb_dist_pert(2.0, 3.0, 6.0), pb_dist_pert(2.0, 3.0, 6.0), pb_dist_pert(0.5, 3.9, 4.0),
        pb_dist_pert(2.0, 3.0, 6.0), pb_dist_normal(1.15, 2.3),   pb_dist_normal(-4.03, 1.3)};
    ds[3].lambda = 2.0;
    ds[4].lambda = 8.0;
    ds[5].lambda = 8.0;
    ds[6].lambda = 3e6; /* alpha + beta above 1e6: tabulated exactly */
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        pb__table_cache tc;
        pb__sampler s;
        pb_error err;
        pb__table_cache_init(&tc);
        cr_assert_eq(pb__sampler_init(&s, &ds[i], &tc, &err), PB_OK);
        cr_assert_eq(s.kind, PB__S_TABLE);
        int beta = ds[i].kind == PB_DIST_PERT;
        double e = entry_error(s.table, !beta), tol = beta ? 2e-6 : 1e-5;
        cr_assert(e <= tol, "%s %zu: max entry error %g", pb_dist_kind_name(ds[i].kind), i, e);
        pb__table_cache_release(&tc);
    }
    pb__table_cache tc;
    pb_error err;
    pb__table_cache_init(&tc);
    const pb__table *normal = pb__table_normal(&tc, &err);
    cr_assert(normal);
    double e = entry_error(normal, 1);
    cr_assert(e <= 1e-5, "standard normal: max relative entry error %g", e);
    pb__table_cache_release(&tc);
}

Test(sampler, table_eval_never_reads_the_entries_it_does_not_need, .init = test_setup)
{
    pb__table_cache tc;
    pb_error err;
    size_t n;
    double *u = check_grid(&n);
    pb__table_cache_init(&tc);
    const pb__table *normal = pb__table_normal(&tc, &err);
    cr_assert(normal);
    /* entries at u = 0 and u = 1 are finite stand-ins for infinities */
    cr_assert(isfinite(normal->main[0]) && isfinite(normal->main[PB_TABLE_CELLS]));
    pb__table *t = malloc(sizeof *t);
    cr_assert(t);
    memcpy(t, normal, sizeof *t);
    /* the body reads main[edge .. cells - edge + 1]; the tails cover the rest */
    int edge = PB_TABLE_CELLS >> PB_TAIL_TOP;
    for (int k = 0; k <= PB_TABLE_CELLS; k++)
        if (k < edge || k > PB_TABLE_CELLS - edge + 1)
            t->main[k] = NAN;
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(pb__table_eval(t, u[i]), pb__table_eval(normal, u[i]), "u = %.17g", u[i]);
    free(t);
    free(u);
    pb__table_cache_release(&tc);
}

Test(sampler, pert_tables_are_accurate_including_tails, .init = test_setup)
{
    pb_dist ds[] = {pb_dist_pert(2.0, 3.0, 6.0),   pb_dist_pert(1.0, 1.0, 4.0),
                    pb_dist_pert(0.5, 3.9, 4.0),   pb_dist_pert(2.0, 3.0, 6.0),
                    pb_dist_pert(2.0, 3.0, 6.0),   pb_dist_pert(0.5, 3.9, 4.0),
                    pb_dist_pert(10.0, 10.0, 11.0)};
    ds[3].lambda = 2.0;
    ds[4].lambda = 8.0;
    ds[5].lambda = 8.0;
    ds[6].lambda = 8.0;
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        double e = max_error(&ds[i], ds[i].max - ds[i].min, 0, 1e-9);
        cr_assert(e <= 1e-5, "pert %zu: max error %g of the range", i, e);
    }
}

Test(sampler, lognormal_tables_are_accurate_in_the_body, .init = test_setup)
{
    pb_dist ds[] = {pb_dist_lognormal(2.3, 9.7), pb_dist_lognormal(1.0, 100.0),
                    pb_dist_lognormal(40.0, 41.0)};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        double e = max_error(&ds[i], 0.0, 1, 1e-6);
        cr_assert(e <= 1e-4, "lognormal %zu: max relative error %g", i, e);
    }
}

Test(sampler, normal_tables_are_accurate_in_the_body, .init = test_setup)
{
    /* relative to sd: the value itself goes to 0 at the truncation point */
    pb_dist ds[] = {pb_dist_normal(10.0, 3.0), pb_dist_normal(0.0, 3.0), pb_dist_normal(-5.0, 1.0),
                    pb_dist_normal(1.2, 1.7), pb_dist_normal(1e4, 2.5)};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        double e = max_error(&ds[i], ds[i].sd, 0, 1e-6);
        cr_assert(e <= 1e-4, "normal %zu: max error %g sd", i, e);
    }
}

/* ==== Statistics of a million draws ==== */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Density at the p-quantile, from the slope of the exact quantile function. */
static double density_at(const pb_dist *d, double p)
{
    const double h = 1e-4;
    return 2.0 * h / (pb_dist_quantile(d, p + h) - pb_dist_quantile(d, p - h));
}

static void check_draws(const pb_dist *d, uint64_t seed)
{
    const size_t n = 1000000;
    pb__table_cache tc;
    pb__sampler s;
    pb_error err;
    double *x = malloc(n * sizeof *x);
    cr_assert(x);
    pb__table_cache_init(&tc);
    cr_assert_eq(pb__sampler_init(&s, d, &tc, &err), PB_OK);
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        x[i] = pb__sampler_draw(&s, uniform01(&seed));
        sum += x[i];
    }
    double mean = sum / n, m2 = 0.0, m4 = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = x[i] - mean;
        m2 += e * e;
        m4 += e * e * e * e;
    }
    m2 /= n - 1;
    m4 /= n;
    double sd = pb_dist_sd(d), var = sd * sd;
    const char *kind = pb_dist_kind_name(d->kind);
    cr_assert_float_eq(mean, pb_dist_mean(d), tol_mean(sd, n), "%s: mean %.6g vs %.6g", kind, mean,
                       pb_dist_mean(d));
    /* the sample variance has variance (m4 - var^2) / n */
    double tol_var = 5.0 * sqrt((m4 - m2 * m2) / n);
    cr_assert_float_eq(m2, var, tol_var, "%s: variance %.6g vs %.6g", kind, m2, var);
    qsort(x, n, sizeof *x, cmp_double);
    const double ps[] = {0.1, 0.5, 0.9};
    for (int i = 0; i < 3; i++) {
        double got = x[(size_t)(ps[i] * n)], want = pb_dist_quantile(d, ps[i]);
        double tol = tol_quantile(ps[i], density_at(d, ps[i]), n);
        cr_assert_float_eq(got, want, tol, "%s: p%g %.6g vs %.6g", kind, 100 * ps[i], got, want);
    }
    cr_assert(x[0] >= pb_dist_lo(d) - 1e-12 * fabs(pb_dist_mean(d)), "%s: draw %g below %g", kind,
              x[0], pb_dist_lo(d));
    cr_assert(x[n - 1] <= pb_dist_hi(d), "%s: draw %g above %g", kind, x[n - 1], pb_dist_hi(d));
    free(x);
    pb__table_cache_release(&tc);
}

Test(sampler, pert_draws_have_the_right_moments_and_quantiles, .init = test_setup)
{
    pb_dist d = pb_dist_pert(2.385, 3.1, 6.7), e = pb_dist_pert(0.5, 3.9, 4.0);
    e.lambda = 8.0;
    check_draws(&d, 0x5eed0001u);
    check_draws(&e, 0x5eed0002u);
}

Test(sampler, closed_form_draws_have_the_right_moments_and_quantiles, .init = test_setup)
{
    pb_dist t = pb_dist_triangular(1.5, 2.2, 4.9), u = pb_dist_uniform(0.75, 3.25);
    check_draws(&t, 0x5eed0003u);
    check_draws(&u, 0x5eed0004u);
}

Test(sampler, lognormal_and_normal_draws_have_the_right_moments_and_quantiles, .init = test_setup)
{
    pb_dist l = pb_dist_lognormal(2.3, 9.7), n1 = pb_dist_normal(1.2, 1.7),
            n2 = pb_dist_normal(-3.1, 1.3);
    check_draws(&l, 0x5eed0005u);
    check_draws(&n1, 0x5eed0006u);
    check_draws(&n2, 0x5eed0007u);
}

/* ==== Sharing and degenerate shapes ==== */

/*
 * The engine's lookup from a hash's 52 bits gives the bits of the lookup of
 * the uniform they stand for: at both sides of every cell boundary (the
 * first and last 52-bit words of each cell), at the ends of the range, in
 * both tails, and at a million random words; for a PERT and the normal.
 */
Test(sampler, table_lookup_from_bits_is_the_lookup_of_the_uniform, .init = test_setup)
{
    pb__table_cache tc;
    pb__sampler s;
    pb_error err;
    pb_dist d = pb_dist_pert(1.0, 2.0, 4.0);
    pb__table_cache_init(&tc);
    cr_assert_eq(pb__sampler_init(&s, &d, &tc, &err), PB_OK);
    const pb__table *tables[] = {s.table, pb__table_normal(&tc, &err)};
    uint64_t state = 7, top = (1ull << 52) - 1;
    size_t checked = 0;
    for (int j = 0; j < 2; j++) {
        const pb__table *t = tables[j];
        cr_assert(t);
        for (uint64_t c = 0; c < PB_TABLE_CELLS; c++) {
            uint64_t words[] = {c << 40, (c << 40) | ((1ull << 40) - 1)};
            for (int w = 0; w < 2; w++, checked++) {
                double u = (double)words[w] * 0x1p-52 + 0x1p-53;
                double a = pb__table_eval_bits(t, words[w]), b = pb__table_eval(t, u);
                cr_assert(memcmp(&a, &b, sizeof a) == 0, "word %llx: %.17g against %.17g",
                          (unsigned long long)words[w], a, b);
            }
        }
        for (int i = 0; i < 1000000; i++, checked++) {
            uint64_t m = i == 0 ? 0 : i == 1 ? top : splitmix64(&state) >> 12;
            double a = pb__table_eval_bits(t, m),
                   b = pb__table_eval(t, (double)m * 0x1p-52 + 0x1p-53);
            cr_assert(memcmp(&a, &b, sizeof a) == 0, "word %llx", (unsigned long long)m);
        }
    }
    cr_assert_eq(checked, 2 * (2 * PB_TABLE_CELLS + 1000000));
    pb__table_cache_release(&tc);
}

Test(sampler, tables_are_shared_by_shape, .init = test_setup)
{
    pb__table_cache tc;
    pb__sampler a, b, c, d, l1, l2, n1, n2;
    pb_error err;
    pb_dist pa = pb_dist_pert(2.0, 3.0, 6.0), pb = pb_dist_pert(4.0, 6.0, 12.0);
    pb_dist pc = pb_dist_pert(2.0, 3.0, 6.0), pd = pb_dist_pert(2.0, 4.0, 6.0);
    pc.lambda = 5.0;
    pb__table_cache_init(&tc);
    cr_assert_eq(pb__sampler_init(&a, &pa, &tc, &err), PB_OK);
    cr_assert_eq(pb__sampler_init(&b, &pb, &tc, &err), PB_OK);
    cr_assert_eq(a.table, b.table);
    cr_assert_eq(tc.n_tables, 1);
    cr_assert_float_eq(pb__sampler_draw(&b, 0.37), 2.0 * pb__sampler_draw(&a, 0.37), 1e-12);
    cr_assert_eq(pb__sampler_init(&c, &pc, &tc, &err), PB_OK);
    cr_assert_eq(pb__sampler_init(&d, &pd, &tc, &err), PB_OK);
    cr_assert_neq(c.table, a.table);
    cr_assert_neq(d.table, a.table);
    cr_assert_neq(d.table, c.table);
    cr_assert_eq(tc.n_tables, 3);

    /* every lognormal and the copulas use the one standard-normal table */
    pb_dist dl1 = pb_dist_lognormal(2.3, 9.7), dl2 = pb_dist_lognormal(1.0, 100.0);
    cr_assert_eq(pb__sampler_init(&l1, &dl1, &tc, &err), PB_OK);
    cr_assert_eq(pb__sampler_init(&l2, &dl2, &tc, &err), PB_OK);
    cr_assert_eq(l1.kind, PB__S_EXPTABLE);
    cr_assert_eq(l1.table, l2.table);
    cr_assert_eq(pb__table_normal(&tc, &err), l1.table);
    cr_assert_eq(tc.n_tables, 4);

    /* truncated normals share by mean / sd */
    pb_dist dn1 = pb_dist_normal(1.5, 1.0), dn2 = pb_dist_normal(3.0, 2.0);
    cr_assert_eq(pb__sampler_init(&n1, &dn1, &tc, &err), PB_OK);
    cr_assert_eq(pb__sampler_init(&n2, &dn2, &tc, &err), PB_OK);
    cr_assert_eq(n1.table, n2.table);
    cr_assert_neq(n1.table, l1.table);
    cr_assert_eq(tc.n_tables, 5);
    pb__table_cache_release(&tc);
    cr_assert_eq(tc.n_tables, 0);
    pb__table_cache_release(&tc);
    pb__table_cache_release(NULL);
}

Test(sampler, degenerate_pert_is_constant, .init = test_setup)
{
    pb__table_cache tc;
    pb__sampler s, t;
    pb_error err;
    pb_dist p = pb_dist_pert(3.75, 3.75, 3.75), tri = pb_dist_triangular(2.5, 2.5, 2.5);
    pb__table_cache_init(&tc);
    cr_assert_eq(pb__sampler_init(&s, &p, &tc, &err), PB_OK);
    cr_assert_eq(pb__sampler_init(&t, &tri, &tc, &err), PB_OK);
    cr_assert_eq(s.kind, PB__S_CONST);
    cr_assert_eq(t.kind, PB__S_CONST);
    cr_assert_eq(tc.n_tables, 0);
    const double us[] = {0x1p-53, 1e-9, 0.25, 0.5, 0.999, 1.0 - 0x1p-53};
    for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
        cr_assert_eq(pb__sampler_draw(&s, us[i]), 3.75);
        cr_assert_eq(pb__sampler_draw(&t, us[i]), 2.5);
    }
    pb__table_cache_release(&tc);
}

Test(sampler, closed_form_kinds_map_their_parameters, .init = test_setup)
{
    pb__table_cache tc;
    pb__sampler s;
    pb_error err;
    pb__table_cache_init(&tc);
    pb_dist f = pb_dist_fixed(2.385), u = pb_dist_uniform(0.75, 3.25),
            t = pb_dist_triangular(1.5, 2.2, 4.9), n = pb_dist_normal(1.2, 1.7);
    cr_assert_eq(pb__sampler_init(&s, &f, &tc, &err), PB_OK);
    cr_assert_eq(s.kind, PB__S_CONST);
    cr_assert_eq(pb__sampler_draw(&s, 0.5), 2.385);
    cr_assert_eq(pb__sampler_init(&s, &u, &tc, &err), PB_OK);
    cr_assert_eq(s.kind, PB__S_UNIFORM);
    cr_assert_float_eq(pb__sampler_draw(&s, 0.3), 1.5, 1e-15);
    cr_assert_eq(pb__sampler_init(&s, &t, &tc, &err), PB_OK);
    cr_assert_eq(s.kind, PB__S_TRIANGLE);
    cr_assert_float_eq(s.c, 0.7 / 3.4, 1e-15);
    for (double p = 0.05; p < 1.0; p += 0.1)
        cr_assert_float_eq(pb__sampler_draw(&s, p), pb_dist_quantile(&t, p), 1e-12);
    cr_assert_eq(pb__sampler_init(&s, &n, &tc, &err), PB_OK);
    cr_assert_eq(s.kind, PB__S_TABLE);
    cr_assert_float_eq(s.off, 1.2, 0.0);
    cr_assert_float_eq(s.scale, 1.7, 0.0);
    pb__table_cache_release(&tc);
}
