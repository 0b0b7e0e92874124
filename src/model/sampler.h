/*
 * sampler.h - fast inverse-CDF sampling for the engine (internal).
 *
 * Every draw is value = off + scale * shape(u) for one uniform u, so that a
 * milestone's value is a monotone function of its own stream (common random
 * numbers and copulas act on u). Shapes without a cheap closed form (beta for
 * PERT, the standard-normal quantile for lognormal and the truncated normal)
 * are tabulated with linear interpolation: PB_TABLE_CELLS equal cells cover
 * the body, 2^-PB_TAIL_TOP <= u <= 1 - 2^-PB_TAIL_TOP. The quantiles of these
 * shapes go like a power of u (beta) or like sqrt(-log u) (normal) at the
 * ends, which equal cells cannot follow, so each tail has its own table on a
 * geometric grid: with v = u (lower tail) or v = 1 - u (upper tail), every
 * octave 2^(e-1) <= v < 2^e from 2^-(PB_TAIL_TOP + PB_TAIL_OCTAVES) up to
 * 2^-PB_TAIL_TOP is cut into PB_TAIL_CELLS equal cells, found from frexp(v).
 * Below the lowest octave (v < 2^-20, about one draw in 500,000) the exact
 * quantile is computed. Tables are shared between samplers of the same shape
 * through a pb__table_cache owned by the plan.
 */
#ifndef PUSHBACK_SAMPLER_H
#define PUSHBACK_SAMPLER_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <pushback/dist.h>

#define PB_TABLE_CELLS  4096 /* equal cells over [0, 1]; the body uses the middle ones */
#define PB_TAIL_TOP     5    /* the tails are v < 2^-5 (v = u or 1 - u) */
#define PB_TAIL_OCTAVES 15   /* down to v = 2^-20; below it, the exact quantile */
#define PB_TAIL_CELLS   128  /* equal cells per octave of a tail */
#define PB_TAIL_LEN     (PB_TAIL_OCTAVES * PB_TAIL_CELLS)

_Static_assert((PB_TABLE_CELLS >> PB_TAIL_TOP) << PB_TAIL_TOP == PB_TABLE_CELLS,
               "the tails must start on a cell boundary");
_Static_assert(PB_TABLE_CELLS == 1 << 12, "pb__table_eval_bits takes the cell from 12 bits");

typedef enum pb__sampler_kind {
    PB__S_CONST = 0, /* off */
    PB__S_UNIFORM,   /* off + scale * u */
    PB__S_TRIANGLE,  /* off + scale * triangular shape on [0, 1] with mode 'c' */
    PB__S_TABLE,     /* off + scale * tabulated shape */
    PB__S_EXPTABLE,  /* off * exp(scale * standard-normal quantile): lognormal */
} pb__sampler_kind;

/*
 * One tabulated shape: a quantile function on [0, 1] and its exact form.
 * Every entry is the exact quantile up to float rounding (sampler.c computes
 * most of them by interpolation between exact ones, within 1e-9).
 */
typedef struct pb__table {
    pb_dist shape;                  /* the standardized distribution tabulated */
    float main[PB_TABLE_CELLS + 1]; /* shape quantile at u = k / cells */
    float lo_tail[PB_TAIL_LEN + 1]; /* at u = pb__table_tail_v(k), k = 0..len */
    float hi_tail[PB_TAIL_LEN + 1]; /* at u = 1 - pb__table_tail_v(k) */
} pb__table;

typedef struct pb__sampler {
    pb__sampler_kind kind;
    double off, scale; /* affine map of the shape (see kinds) */
    double c;          /* triangle: mode position in [0, 1] */
    const pb__table *table;
} pb__sampler;

/* Shared tables, deduplicated by shape. Owned by the plan. */
typedef struct pb__table_cache {
    pb__table **tables;
    size_t n_tables, cap;
} pb__table_cache;

/* Quantile at u in [0, 1] of the standard normal truncated to [t0, inf),
   precise in both tails (dist.c; the exact form behind the tables). */
double pb__trunc_z(double t0, double u);

/* Start an empty cache. */
void pb__table_cache_init(pb__table_cache *tc);

/*
 * Free every table (samplers and pointers from pb__table_normal() that use
 * them become invalid) and leave the cache empty, ready for reuse. NULL is
 * a no-op.
 */
void pb__table_cache_release(pb__table_cache *tc);

/*
 * Compile a validated distribution into a sampler, creating its table in
 * 'tc' if no table of the same shape exists. Returns PB_ERR_RUN when memory
 * runs out (err filled), PB_OK otherwise.
 */
int pb__sampler_init(pb__sampler *s, const pb_dist *d, pb__table_cache *tc, pb_error *err);

/*
 * Exact shape quantile at u in [0, 1], for the far tails of a table (out of
 * line: rare). At u = 0 or 1 it is -inf or +inf for unbounded shapes.
 */
double pb__table_exact(const pb__table *t, double u);

/*
 * Standard-normal quantile table shared by copulas and lognormals (created
 * on demand, owned by 'tc'). NULL with 'err' set when memory runs out.
 */
const pb__table *pb__table_normal(pb__table_cache *tc, pb_error *err);

/*
 * The k-th point of a tail grid, k = 0..PB_TAIL_LEN: v = 2^(e - 1) (1 + j /
 * cells) for octave e = -(top + octaves) + 1 + k / cells and j = k % cells,
 * from 2^-20 (k = 0) to 2^-5 (k = len). Used to build tables and in tests.
 */
static inline double pb__table_tail_v(int k)
{
    int e = -(PB_TAIL_TOP + PB_TAIL_OCTAVES) + 1 + k / PB_TAIL_CELLS;
    return ldexp(1.0 + (double)(k % PB_TAIL_CELLS) / PB_TAIL_CELLS, e - 1);
}

/* Shape quantile at u in [0, 1]: interpolated, exact in the far tails. */
static inline double pb__table_eval(const pb__table *t, double u)
{
    const double edge = PB_TABLE_CELLS >> PB_TAIL_TOP; /* cells in one tail */
    double x = u * PB_TABLE_CELLS;                     /* exact: a power of 2 */
    if (x >= edge && x <= PB_TABLE_CELLS - edge) {
        int i = (int)x;
        double f = x - i;
        return t->main[i] + f * ((double)t->main[i + 1] - t->main[i]);
    }
    /* distance to the nearer end; 1 - u is exact for u >= 1/2 */
    double v = u < 0.5 ? u : 1.0 - u;
    if (!(v >= 1.0 / (double)(1L << (PB_TAIL_TOP + PB_TAIL_OCTAVES))))
        return pb__table_exact(t, u);
    /* v = m 2^e, 1/2 <= m < 1, -19 <= e <= -5 by default: frexp(v) from v's bits (v is a
       normal number here), without the call */
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int e = (int)((bits >> 52) & 0x7ff) - 1022;
    bits = (bits & 0x000fffffffffffffull) | 0x3fe0000000000000ull;
    double m;
    memcpy(&m, &bits, sizeof m);
    double y = (m - 0.5) * (2 * PB_TAIL_CELLS);
    int j = (int)y;
    double g = y - j;
    int k = (e + PB_TAIL_TOP + PB_TAIL_OCTAVES - 1) * PB_TAIL_CELLS + j;
    const float *tail = u < 0.5 ? t->lo_tail : t->hi_tail;
    return tail[k] + g * ((double)tail[k + 1] - tail[k]);
}

/*
 * pb__table_eval(t, u) for the uniform u = (m + 1/2) 2^-52 of the 52-bit
 * integer m (what pb__unif makes of a hash), with the cell and its fraction
 * in the body taken from m's bits: u * cells = (m + 1/2) 2^-40, so the cell
 * is m >> 40 and the fraction ((m mod 2^40) + 1/2) 2^-40, both exactly what
 * the double arithmetic gives; the body holds the cells edge .. cells - edge - 1
 * (u * cells is never a whole number). The tails go through pb__table_eval.
 */
static inline double pb__table_eval_bits(const pb__table *t, uint64_t m)
{
    const uint64_t edge = PB_TABLE_CELLS >> PB_TAIL_TOP; /* cells in one tail */
    uint64_t i = m >> 40;
    if (i - edge < PB_TABLE_CELLS - 2 * edge) {
        double f = ((double)(m & ((1ull << 40) - 1)) + 0.5) * 0x1p-40;
        return t->main[i] + f * ((double)t->main[i + 1] - t->main[i]);
    }
    return pb__table_eval(t, (double)m * 0x1p-52 + 0x1p-53);
}

/* Triangular shape on [0, 1] with its mode at c, closed form. */
static inline double pb__sampler_triangle(double c, double u)
{
    return u < c ? sqrt(u * c) : 1.0 - sqrt((1.0 - u) * (1.0 - c));
}

/* Draw one value for the uniform u in (0, 1). */
static inline double pb__sampler_draw(const pb__sampler *s, double u)
{
    switch (s->kind) {
    case PB__S_CONST:
        return s->off;
    case PB__S_UNIFORM:
        return s->off + s->scale * u;
    case PB__S_TRIANGLE:
        return s->off + s->scale * pb__sampler_triangle(s->c, u);
    case PB__S_TABLE:
        return s->off + s->scale * pb__table_eval(s->table, u);
    case PB__S_EXPTABLE:
        return s->off * exp(s->scale * pb__table_eval(s->table, u));
    }
    return s->off;
}

#endif
