/*
 * report_metric.c - the metric a plan must meet, in 'simulate' text and
 * JSON: for each milestone with experiment rounds, the chance its metric is
 * met within 'max' rounds and the distribution of the rounds taken; for the
 * project, the chance every metric is met, met by the deadline, and the
 * finish over the iterations where it was (docs/ml.md). Written only when
 * the scenario has experiment rounds, so other reports are unchanged.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pushback/report.h"
#include "report_internal.h"

/* "  what   12.3%   11.0% - 13.5%" */
static void chance_line(FILE *f, const char *what, const pb_interval *v)
{
    fprintf(f, "  %-28s %6.1f%%   %.1f%% - %.1f%%\n", what, 100 * v->value, 100 * v->lo,
            100 * v->hi);
}

/* The learning curve: the chance at the planned volume, the fewest items at the confidence. */
static void text_curve(FILE *f, const pb_report_ctx *ctx, const pb_result *r)
{
    const pb_curve *cv = &ctx->scenario->curve;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[40], b[40], what[160];
    fprintf(f, "\n%sLearning curve%s: %.63s = a m^-b + c, target <= %g (95%% interval)\n", bold,
            off, cv->name, cv->target);
    snprintf(what, sizeof what, "met at %s items", pb__fmt_num(a, sizeof a, r->curve_items, 0));
    chance_line(f, what, &r->p_curve);
    if (isfinite(r->items_needed))
        fprintf(f, "  fewest items at %.0f%%: %s\n", 100 * r->curve_confidence,
                pb__fmt_num(b, sizeof b, ceil(r->items_needed), 0));
    else
        fprintf(f, "  fewest items at %.0f%%: none (the curve's floor c is above the target)\n",
                100 * r->curve_confidence);
}

void pb__text_metric(FILE *f, const pb_report_ctx *ctx, const pb_result *r)
{
    if (r->has_curve)
        text_curve(f, ctx, r);
    if (!r->n_rounds)
        return;
    const pb_scenario *s = ctx->scenario;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[40], b[40], what[160];
    fprintf(f, "\n%sMetric%s: experiment rounds (95%% interval)\n", bold, off);
    for (size_t l = 0; l < r->n_rounds; l++) {
        const pb_rounds_result *x = &r->rounds[l];
        snprintf(what, sizeof what, "%.24s met in %d round%s", x->id, x->max,
                 x->max == 1 ? "" : "s");
        chance_line(f, what, &x->p_met);
        fprintf(f, "    rounds: mean %.2f, P50 %d, P80 %d, P95 %d; taken", x->mean_rounds,
                x->rounds_pct[PB_P50], x->rounds_pct[PB_P80], x->rounds_pct[PB_P95]);
        for (int k = 0; k < x->max && k < 12; k++)
            fprintf(f, " %d: %.1f%%%s", k + 1, 100 * x->p_rounds[k], k + 1 < x->max ? "," : "");
        fputs(x->max > 12 ? " ...\n" : "\n", f);
    }
    if (r->n_rounds > 1)
        chance_line(f, "every metric met", &r->p_met);
    if (r->has_deadline) {
        snprintf(what, sizeof what, "by %s %s and met", pb__fmt_num(a, sizeof a, r->deadline, 1),
                 s->unit);
        chance_line(f, what, &r->p_deadline_met);
    }
    if (r->finish_met.n) {
        int dec = pb__decimals(r->finish_met.pct[PB_P95].value);
        fprintf(f, "  finish when met: P50 %s, P80 %s %s\n",
                pb__fmt_num(a, sizeof a, r->finish_met.pct[PB_P50].value, dec),
                pb__fmt_num(b, sizeof b, r->finish_met.pct[PB_P80].value, dec), s->unit);
    } else {
        fputs("  finish when met: never met in the simulation\n", f);
    }
}

json_t *pb__json_curve(const pb_report_ctx *ctx, const pb_result *r)
{
    const pb_curve *cv = &ctx->scenario->curve;
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "name", pb__json_str(cv->name), "target",
                     pb__json_num(cv->target), "items", pb__json_num(r->curve_items), "met",
                     pb__json_prob(&r->p_curve), "confidence", pb__json_num(r->curve_confidence),
                     "items_needed",
                     isfinite(r->items_needed) ? pb__json_num(ceil(r->items_needed)) : json_null());
}

json_t *pb__json_metric(const pb_result *r)
{
    json_t *rounds = json_array();
    for (size_t l = 0; l < r->n_rounds; l++) {
        const pb_rounds_result *x = &r->rounds[l];
        json_t *dist = json_array(), *pct = json_object();
        for (int k = 0; k < x->max; k++)
            json_array_append_new(dist, pb__json_num(x->p_rounds[k]));
        for (size_t k = 0; k < PB_N_LEVELS; k++) {
            char key[8];
            snprintf(key, sizeof key, "p%d", (int)lround(pb_stats_levels[k] * 100));
            json_object_set_new(pct, key, json_integer(x->rounds_pct[k]));
        }
        json_array_append_new(rounds, json_pack("{s:o, s:o, s:i, s:o, s:o, s:o, s:o}", "id",
                                                pb__json_str(x->id), "name", pb__json_str(x->name),
                                                "max", x->max, "met", pb__json_prob(&x->p_met),
                                                "mean_rounds", pb__json_num(x->mean_rounds),
                                                "distribution", dist, "percentiles", pct));
    }
    return json_pack(
        "{s:o, s:o, s:o, s:o}", "met", pb__json_prob(&r->p_met), "by_deadline_and_met",
        r->has_deadline ? pb__json_prob(&r->p_deadline_met) : json_null(), "finish_if_met",
        r->finish_met.n ? pb__json_summary(&r->finish_met) : json_null(), "rounds", rounds);
}
