/*
 * report_outside.c - the outside view beside a simulation (docs/track.md,
 * "The outside view"): the quantile at the confidence asked with the
 * reference-class uplift on the plan's P50 (Flyvbjerg's reference-class
 * forecast) and without it (the plan's own), for 'simulate' in text and
 * JSON. Nothing without a reference class.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/calibrate.h>

#include "report_internal.h"

/* The quantile q of r's finish: from its percentile table when q is one of its levels, else
   from its samples; NAN when neither has it. */
static double finish_at(const pb_result *r, double q)
{
    for (size_t k = 0; k < PB_N_LEVELS; k++)
        if (fabs(pb_stats_levels[k] - q) < 1e-12)
            return r->duration.pct[k].value;
    double *x = r->finish_samples ? malloc(r->iterations * sizeof *x) : NULL;
    if (!x)
        return NAN;
    memcpy(x, r->finish_samples, r->iterations * sizeof *x);
    double v = pb_stats_quantile(x, r->iterations, q).value;
    free(x);
    return v;
}

/* The three numbers: with the uplift, without it, and the P50 it is applied to. */
static bool outside_numbers(const pb_outside *o, const pb_result *r, double *with, double *without,
                            double *p50)
{
    if (!o || !o->n || !isfinite(o->uplift) || !r->iterations)
        return false;
    *p50 = finish_at(r, 0.5);
    *without = finish_at(r, o->level);
    *with = o->uplift * *p50;
    return isfinite(*with) && isfinite(*without);
}

void pb__report_outside_text(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                             const pb_outside *o)
{
    double with, without, p50;
    if (!outside_numbers(o, r, &with, &without, &p50))
        return;
    char a[40], b[40];
    fprintf(f,
            "  outside view: P%.0f %s %s with the uplift of %zu past project%s (%.2fx their "
            "estimate, on the P50), %s without%s\n",
            100 * o->level, pb__fmt_num(a, sizeof a, with, 1), ctx->scenario->unit, o->n,
            o->n == 1 ? "" : "s", o->uplift, pb__fmt_num(b, sizeof b, without, 1),
            o->few ? "; fewer than 5: a weak reference class" : "");
}

json_t *pb__json_outside(const pb_result *r, const pb_outside *o)
{
    double with, without, p50;
    if (!outside_numbers(o, r, &with, &without, &p50))
        return NULL;
    return json_pack("{s:I, s:b, s:o, s:o, s:o, s:o, s:o}", "projects", (json_int_t)o->n, "too_few",
                     o->few, "level", pb__json_num(o->level), "uplift", pb__json_num(o->uplift),
                     "p50", pb__json_num(p50), "with_uplift", pb__json_num(with), "without",
                     pb__json_num(without));
}
