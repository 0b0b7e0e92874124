/*
 * sampler.c - compiling distributions into fast inverse-CDF samplers.
 *
 * A sampler is an affine map of a standardized shape, so that distributions
 * differing only in location and scale share one table: every PERT with the
 * same relative mode and lambda, every truncated normal with the same
 * mean / sd, and every lognormal (through the standard-normal quantile, also
 * used by copulas). Tables are built once per plan from exact quantiles at
 * about 300 of their 8,000 entries and quintic Hermite interpolation in
 * between (see "Building tables": about 4 million instructions for a beta
 * table instead of 100 million), within 1e-9 of the exact quantiles, and
 * rounded to float, which costs at most a few 1e-8 of the shape's spread,
 * far below the interpolation error of pb__table_eval() (measured below
 * 1e-6 of the range for PERT, 5e-6 relative for lognormal). The truncated
 * normal's table is built from pb__trunc_z() (dist.c) rather than from
 * pb_dist_quantile(), because it needs the standardized z itself and not
 * mean + sd z, which would lose z's digits for a large mean / sd.
 */
#include "sampler.h"

#include <stdbool.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

/* ==== Exact shapes ==== */

/*
 * The standardized shapes a table can hold, each a pb_dist compared field by
 * field for sharing:
 *   PERT   min 0, max 1, the relative mode and lambda: beta(alpha, beta) on [0, 1];
 *   NORMAL mean / sd and sd 1: z(u) = Phi^-1(Phi(t0) + u Q(t0)), t0 = -mean / sd,
 *          the standard normal truncated to [t0, inf) (value = mean + sd z);
 *   LOGNORMAL with every parameter 0: the standard-normal quantile (the log of
 *          a standard lognormal), shared by lognormals and copulas.
 */
static pb_dist normal_shape(void)
{
    pb_dist d = {.kind = PB_DIST_LOGNORMAL};
    return d;
}

double pb__table_exact(const pb__table *t, double u)
{
    switch (t->shape.kind) {
    case PB_DIST_LOGNORMAL:
        if (!(u > 0))
            return -INFINITY;
        if (u >= 1)
            return INFINITY;
        return u <= 0.5 ? gsl_cdf_ugaussian_Pinv(u) : gsl_cdf_ugaussian_Qinv(1.0 - u);
    case PB_DIST_NORMAL:
        return pb__trunc_z(-t->shape.mean, u);
    default:
        return pb_dist_quantile(&t->shape, u);
    }
}

/* ==== Building tables ==== */

/*
 * An exact beta quantile costs thousands of instructions (GSL's inverse runs
 * Newton steps on the incomplete beta function), so a table computes exact
 * quantiles only at knots, every KNOT_STEP entries of a segment (the body,
 * each tail), together with the first two derivatives of the quantile, which
 * are cheap once its value is known: Q' = 1 / f(Q) and Q'' = -(f'/f)(Q) Q'^2
 * for the density f. The entries between two knots come from the quintic
 * Hermite polynomial that matches the value and both derivatives at the two
 * knots (error about h^6 |Q^(6)| / 46080 for a knot interval h). Before an
 * interval is filled, the error of the cubic Hermite polynomial (values and
 * first derivatives only) at its middle is measured against the quintic one,
 * which costs two products; when it exceeds SMOOTH_TOL of the shape's scale,
 * or a derivative is not finite (a zero density at an end of the support),
 * the middle entry is computed exactly and each half is handled the same
 * way, down to single entries. The tails are interpolated in v, whose grid
 * is uniform within an octave, and the knots include both ends of every
 * segment, so the body and the tails meet on exact values. Filled entries
 * are clamped to be monotone between their knots. Over PERT shapes with
 * lambda from 0.01 to 1e5 and modes across [0, 1], and truncated normals
 * with mean / sd from -8 to 1e8, the filled values came within 1e-9 of the
 * exact quantiles (of the range for PERT, of max(1, |z|) for normals) from
 * about 300 exact quantiles per table instead of 7,939; the main entries
 * outside the body are copies of tail entries at the same u.
 */

#define KNOT_STEP  32   /* entries from one knot to the next, before refinement */
#define SMOOTH_TOL 1e-7 /* largest cubic error at a middle, in units of the scale */

/*
 * alpha + beta above which dist.c replaces a PERT's beta by a normal (its
 * BETA_NORMAL_ABOVE), whose density the beta's is not: such shapes are
 * tabulated from exact quantiles only.
 */
#define SHARP_BETA 1e6

_Static_assert(PB_TAIL_CELLS % KNOT_STEP == 0, "knots must fall on octave boundaries");
_Static_assert((PB_TABLE_CELLS - 2 * (PB_TABLE_CELLS >> PB_TAIL_TOP)) % KNOT_STEP == 0,
               "knots must fall on both ends of the body");
_Static_assert(PB_TABLE_CELLS <= 1L << (PB_TAIL_TOP + PB_TAIL_OCTAVES) &&
                   2 * PB_TAIL_CELLS >= PB_TABLE_CELLS >> PB_TAIL_TOP,
               "main entries in the tails must be tail grid points");

/* sqrt(2 pi), the standard-normal density's normalisation. */
#define SQRT_2PI 2.5066282746310002

/* What the derivatives of one table's quantile need, computed once per table. */
typedef struct builder {
    const pb__table *t;
    bool smooth;     /* derivatives are available (otherwise every entry is exact) */
    double am1, bm1; /* PERT: alpha - 1 and beta - 1, both >= 0 */
    double lnb;      /* PERT: log B(alpha, beta) */
    double upper;    /* normal: mass of the standard normal above t0 (1: untruncated) */
} builder;

/* Where a segment lies: its abscissa s is u (body) or v = u, 1 - u (tails). */
typedef enum segment_kind {
    SEG_BODY,
    SEG_LO,
    SEG_HI,
} segment_kind;

typedef struct segment {
    const builder *b;
    segment_kind kind;
    float *out; /* entries 0 .. n of the segment */
    int first;  /* body: index in 'main' of entry 0 */
} segment;

/* The quantile at one entry: abscissa, value and derivatives with respect to s. */
typedef struct knot {
    double s, y, d1, d2;
    bool ok; /* d1 and d2 are finite */
} knot;

static builder builder_init(const pb__table *t)
{
    builder b = {.t = t, .smooth = false, .upper = 1.0};
    double a, c;
    gsl_sf_result lnb;
    switch (t->shape.kind) {
    case PB_DIST_PERT:
        pb_dist_pert_shape(&t->shape, &a, &c);
        if (a + c > SHARP_BETA || gsl_sf_lnbeta_e(a, c, &lnb) != GSL_SUCCESS)
            break;
        b.am1 = a - 1.0;
        b.bm1 = c - 1.0;
        b.lnb = lnb.val;
        b.smooth = isfinite(b.lnb) && b.am1 >= 0 && b.bm1 >= 0;
        break;
    case PB_DIST_NORMAL:
        b.upper = gsl_cdf_ugaussian_Q(-t->shape.mean);
        b.smooth = b.upper > 0;
        break;
    default: /* the standard normal */
        b.smooth = true;
        break;
    }
    return b;
}

static double segment_s(const segment *sg, int k)
{
    if (sg->kind == SEG_BODY)
        return (double)(sg->first + k) / PB_TABLE_CELLS;
    return pb__table_tail_v(k);
}

static double segment_u(const segment *sg, double s)
{
    return sg->kind == SEG_HI ? 1.0 - s : s;
}

/* The exact quantile at entry k of a segment, with its derivatives when they exist. */
static knot exact_knot(const segment *sg, int k)
{
    const builder *b = sg->b;
    knot kn = {.s = segment_s(sg, k), .d1 = NAN, .d2 = NAN, .ok = false};
    double x = pb__table_exact(b->t, segment_u(sg, kn.s));
    kn.y = x;
    if (!b->smooth || !isfinite(x))
        return kn;
    if (b->t->shape.kind == PB_DIST_PERT) {
        /* 1 / f(x) for the beta density f; the terms are left out for alpha or beta = 1 */
        double lf = -b->lnb, dlf = 0.0;
        if (b->am1 > 0) {
            lf += b->am1 * log(x);
            dlf += b->am1 / x;
        }
        if (b->bm1 > 0) {
            lf += b->bm1 * log1p(-x);
            dlf -= b->bm1 / (1.0 - x);
        }
        kn.d1 = exp(-lf);
        kn.d2 = -dlf * kn.d1 * kn.d1;
    } else {
        /* the normal density phi(z) / upper, whose log-derivative is -z */
        kn.d1 = b->upper * SQRT_2PI * exp(0.5 * x * x);
        kn.d2 = x * kn.d1 * kn.d1;
    }
    if (sg->kind == SEG_HI)
        kn.d1 = -kn.d1; /* d/dv = -d/du */
    kn.ok = isfinite(kn.d1) && isfinite(kn.d2);
    return kn;
}

/* A table entry: x rounded to float, finite even where x is not. */
static float entry(const pb__table *t, double x, double fallback)
{
    if (!isfinite(x))
        x = fallback;
    float f = (float)x;
    /* a truncated normal never goes below its truncation point, even rounded */
    if (t->shape.kind == PB_DIST_NORMAL && f < -t->shape.mean)
        f = nextafterf(f, INFINITY);
    return f;
}

/*
 * Whether the quintic Hermite interpolant can fill the interval between two
 * knots: both have derivatives, and the cubic interpolant's error at the
 * middle, p5(1/2) - p3(1/2) = h (d1_0 - d1_1) / 32 + h^2 (d2_0 + d2_1) / 64,
 * is within SMOOTH_TOL of the scale (the quintic's own error is about
 * (h^2 / 120) Q^(6) / Q^(4) times smaller).
 */
static bool smooth_between(const builder *b, const knot *k0, const knot *k1)
{
    if (!k0->ok || !k1->ok)
        return false;
    double h = k1->s - k0->s;
    double gap = h * (k0->d1 - k1->d1) / 32.0 + h * h * (k0->d2 + k1->d2) / 64.0;
    double scale = 1.0;
    if (b->t->shape.kind != PB_DIST_PERT)
        scale = fmax(1.0, fmax(fabs(k0->y), fabs(k1->y)));
    return fabs(gap) <= SMOOTH_TOL * scale;
}

/*
 * Entries strictly between knots k0 (entry i0) and k1 (entry i1), from the
 * quintic Hermite polynomial in t = (s - s0) / h written in powers of t. The
 * abscissa is linear in the entry index between two knots (knots fall on
 * octave boundaries), so t = (i - i0) / (i1 - i0).
 */
static void hermite_fill(const segment *sg, const knot *k0, const knot *k1, int i0, int i1)
{
    double h = k1->s - k0->s, dy = k1->y - k0->y;
    double p0 = h * k0->d1, p1 = h * k1->d1, q0 = h * h * k0->d2, q1 = h * h * k1->d2;
    double c3 = 10.0 * dy - 6.0 * p0 - 4.0 * p1 - 1.5 * q0 + 0.5 * q1;
    double c4 = -15.0 * dy + 8.0 * p0 + 7.0 * p1 + 1.5 * q0 - q1;
    double c5 = 6.0 * dy - 3.0 * p0 - 3.0 * p1 - 0.5 * q0 + 0.5 * q1;
    double lo = dy >= 0 ? k0->y : k1->y, hi = dy >= 0 ? k1->y : k0->y, prev = k0->y;
    double step = 1.0 / (i1 - i0);
    for (int i = i0 + 1; i < i1; i++) {
        double t = (i - i0) * step;
        double y = k0->y + t * (p0 + t * (0.5 * q0 + t * (c3 + t * (c4 + t * c5))));
        /* monotone: never behind the previous entry, never beyond the next knot */
        if (dy >= 0 ? y < prev : y > prev)
            y = prev;
        y = y < lo ? lo : y > hi ? hi : y;
        sg->out[i] = entry(sg->b->t, y, 0.0);
        prev = y;
    }
}

/* Fill the entries strictly between knots k0 (entry i0) and k1 (entry i1). */
static void refine(const segment *sg, const knot *k0, const knot *k1, int i0, int i1)
{
    if (i1 - i0 < 2)
        return;
    if (smooth_between(sg->b, k0, k1)) {
        hermite_fill(sg, k0, k1, i0, i1);
        return;
    }
    int im = i0 + (i1 - i0) / 2;
    knot km = exact_knot(sg, im);
    sg->out[im] = entry(sg->b->t, km.y, 0.0);
    refine(sg, k0, &km, i0, im);
    refine(sg, &km, k1, im, i1);
}

/* Fill entries 0 .. n of a segment, n a multiple of KNOT_STEP. */
static void segment_fill(const segment *sg, int n)
{
    if (!sg->b->smooth) {
        for (int i = 0; i <= n; i++)
            sg->out[i] =
                entry(sg->b->t, pb__table_exact(sg->b->t, segment_u(sg, segment_s(sg, i))), 0.0);
        return;
    }
    knot k0 = exact_knot(sg, 0);
    sg->out[0] = entry(sg->b->t, k0.y, 0.0);
    for (int i = KNOT_STEP; i <= n; i += KNOT_STEP) {
        knot k1 = exact_knot(sg, i);
        sg->out[i] = entry(sg->b->t, k1.y, 0.0);
        refine(sg, &k0, &k1, i - KNOT_STEP, i);
        k0 = k1;
    }
}

static void table_fill(pb__table *t)
{
    const int edge = PB_TABLE_CELLS >> PB_TAIL_TOP; /* cells in one tail */
    builder b = builder_init(t);
    segment lo = {&b, SEG_LO, t->lo_tail, 0}, hi = {&b, SEG_HI, t->hi_tail, 0};
    segment body = {&b, SEG_BODY, t->main + edge, edge};
    segment_fill(&lo, PB_TAIL_LEN);
    segment_fill(&hi, PB_TAIL_LEN);
    segment_fill(&body, PB_TABLE_CELLS - 2 * edge);
    /*
     * The main entries below 'edge' and above 'cells - edge' are never read;
     * each of u = k / cells and 1 - k / cells is a tail grid point, whose
     * entry is copied. The ends are infinite for unbounded shapes.
     */
    for (int k = 1; k < edge; k++) {
        int e;
        double m = frexp((double)k / PB_TABLE_CELLS, &e); /* as in pb__table_eval() */
        int j = (e + PB_TAIL_TOP + PB_TAIL_OCTAVES - 1) * PB_TAIL_CELLS +
                (int)((m - 0.5) * (2 * PB_TAIL_CELLS));
        t->main[k] = t->lo_tail[j];
        t->main[PB_TABLE_CELLS - k] = t->hi_tail[j];
    }
    t->main[0] = entry(t, pb__table_exact(t, 0.0), t->lo_tail[0]);
    t->main[PB_TABLE_CELLS] = entry(t, pb__table_exact(t, 1.0), t->hi_tail[0]);
}

/* ==== Tables ==== */

/* Field-by-field equality (a pb_dist has padding, so no memcmp). */
static int same_shape(const pb_dist *a, const pb_dist *b)
{
    return a->kind == b->kind && a->value == b->value && a->min == b->min && a->mode == b->mode &&
           a->max == b->max && a->lambda == b->lambda && a->p10 == b->p10 && a->p90 == b->p90 &&
           a->mean == b->mean && a->sd == b->sd;
}

void pb__table_cache_init(pb__table_cache *tc)
{
    tc->tables = NULL;
    tc->n_tables = tc->cap = 0;
}

void pb__table_cache_release(pb__table_cache *tc)
{
    if (!tc)
        return;
    for (size_t i = 0; i < tc->n_tables; i++)
        free(tc->tables[i]);
    free(tc->tables);
    pb__table_cache_init(tc);
}

/* The table of 'shape' in 'tc', built on first use; NULL with 'err' set when memory runs out. */
static const pb__table *table_get(pb__table_cache *tc, const pb_dist *shape, pb_error *err)
{
    for (size_t i = 0; i < tc->n_tables; i++)
        if (same_shape(&tc->tables[i]->shape, shape))
            return tc->tables[i];
    if (tc->n_tables == tc->cap) {
        size_t cap = tc->cap ? 2 * tc->cap : 8;
        pb__table **tables = realloc(tc->tables, cap * sizeof *tables);
        if (!tables)
            goto oom;
        tc->tables = tables;
        tc->cap = cap;
    }
    pb__table *t = malloc(sizeof *t);
    if (!t)
        goto oom;
    t->shape = *shape;
    table_fill(t);
    tc->tables[tc->n_tables++] = t;
    return t;
oom:
    pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory for a sampling table");
    return NULL;
}

const pb__table *pb__table_normal(pb__table_cache *tc, pb_error *err)
{
    pb_dist shape = normal_shape();
    return table_get(tc, &shape, err);
}

/* ==== Samplers ==== */

int pb__sampler_init(pb__sampler *s, const pb_dist *d, pb__table_cache *tc, pb_error *err)
{
    pb_dist shape = {.kind = d->kind};
    double r = d->max - d->min, mu, sigma;
    s->kind = PB__S_CONST;
    s->off = d->value;
    s->scale = 0.0;
    s->c = 0.0;
    s->table = NULL;
    switch (d->kind) {
    case PB_DIST_FIXED:
        return PB_OK;
    case PB_DIST_UNIFORM:
        s->kind = PB__S_UNIFORM;
        s->off = d->min;
        s->scale = r;
        return PB_OK;
    case PB_DIST_TRIANGULAR:
        s->off = d->min;
        if (r > 0) {
            s->kind = PB__S_TRIANGLE;
            s->scale = r;
            s->c = (d->mode - d->min) / r;
        }
        return PB_OK;
    case PB_DIST_PERT:
        s->off = d->min;
        if (!(r > 0))
            return PB_OK;
        shape.min = 0.0;
        shape.max = 1.0;
        shape.mode = (d->mode - d->min) / r;
        shape.lambda = d->lambda;
        s->kind = PB__S_TABLE;
        s->scale = r;
        break;
    case PB_DIST_LOGNORMAL:
        pb_dist_lognormal_params(d, &mu, &sigma);
        shape = normal_shape();
        s->kind = PB__S_EXPTABLE;
        s->off = exp(mu);
        s->scale = sigma;
        break;
    case PB_DIST_NORMAL:
        shape.mean = d->mean / d->sd;
        shape.sd = 1.0;
        s->kind = PB__S_TABLE;
        s->off = d->mean;
        s->scale = d->sd;
        break;
    }
    s->table = table_get(tc, &shape, err);
    return s->table ? PB_OK : PB_ERR_RUN;
}
