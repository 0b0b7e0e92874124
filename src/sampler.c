/*
 * sampler.c - compiling distributions into fast inverse-CDF samplers.
 *
 * A sampler is an affine map of a standardized shape, so that distributions
 * differing only in location and scale share one table: every PERT with the
 * same relative mode and lambda, every truncated normal with the same
 * mean / sd, and every lognormal (through the standard-normal quantile, also
 * used by copulas). Tables are built once per plan from the exact quantiles
 * (about 8,000 of them, some milliseconds for a beta) and rounded to float,
 * which costs at most a few 1e-8 of the shape's spread, far below the
 * interpolation error (measured below 1e-6 of the range for PERT, 5e-6
 * relative for lognormal). The truncated normal's quantile is written here
 * again rather than taken from pb_dist_quantile(), because the table needs
 * the standardized z itself and not mean + sd z, which would lose z's digits
 * for a large mean / sd.
 */
#include "sampler.h"

#include <stdlib.h>

#include <gsl/gsl_cdf.h>

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

/* Standard normal truncated to [t0, inf): its quantile, through the upper tail above 1/2. */
static double trunc_z(double t0, double u)
{
    if (!(u > 0))
        return t0;
    if (u >= 1)
        return INFINITY;
    double lower = gsl_cdf_ugaussian_P(t0), upper = gsl_cdf_ugaussian_Q(t0);
    double p = lower + u * upper;
    double z = p < 0.5 ? gsl_cdf_ugaussian_Pinv(p) : gsl_cdf_ugaussian_Qinv((1.0 - u) * upper);
    return z >= t0 ? z : t0;
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
        return trunc_z(-t->shape.mean, u);
    default:
        return pb_dist_quantile(&t->shape, u);
    }
}

/* ==== Tables ==== */

/* Field-by-field equality (a pb_dist has padding, so no memcmp). */
static int same_shape(const pb_dist *a, const pb_dist *b)
{
    return a->kind == b->kind && a->value == b->value && a->min == b->min && a->mode == b->mode &&
           a->max == b->max && a->lambda == b->lambda && a->p10 == b->p10 && a->p90 == b->p90 &&
           a->mean == b->mean && a->sd == b->sd;
}

/* A table entry: the exact value rounded to float, finite even where the exact value is not. */
static float entry(const pb__table *t, double u, double fallback)
{
    double x = pb__table_exact(t, u);
    if (!isfinite(x))
        x = fallback;
    float f = (float)x;
    /* a truncated normal never goes below its truncation point, even rounded */
    if (t->shape.kind == PB_DIST_NORMAL && f < -t->shape.mean)
        f = nextafterf(f, INFINITY);
    return f;
}

static void table_fill(pb__table *t)
{
    for (int k = 0; k <= PB_TAIL_LEN; k++) {
        double v = pb__table_tail_v(k);
        t->lo_tail[k] = entry(t, v, 0.0);
        t->hi_tail[k] = entry(t, 1.0 - v, 0.0);
    }
    for (int k = 1; k < PB_TABLE_CELLS; k++)
        t->main[k] = entry(t, (double)k / PB_TABLE_CELLS, 0.0);
    /* infinite for unbounded shapes; never read (the tails cover them) */
    t->main[0] = entry(t, 0.0, t->lo_tail[0]);
    t->main[PB_TABLE_CELLS] = entry(t, 1.0, t->hi_tail[0]);
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
