/*
 * report_compare_ml.c - the ML features in 'compare' (docs/ml.md): per
 * option, P(every experiment loop met its metric), P(done by the deadline
 * and met) and P(the learning curve's target met at the option's data
 * volume), in text, JSON and CSV. A scenario without rounds or a curve gets
 * none of it, and its reports are as before.
 */
#include <math.h>
#include <stdio.h>

#include <pushback/whatif.h>

#include "report_internal.h"

/* Does any option have experiment rounds (k = 0) or a learning curve (k = 1)? */
static bool any(const pb_comparison *c, int k)
{
    for (size_t e = 0; e < c->n_entries; e++) {
        const pb_result *r = c->entries[e].result;
        if (k ? r->has_curve : r->n_rounds > 0)
            return true;
    }
    return false;
}

void pb__compare_metric_text(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c, size_t w)
{
    bool loops = any(c, 0), curve = any(c, 1);
    if (!loops && !curve)
        return;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[64], dl[48] = "-";
    if (!isnan(c->deadline))
        snprintf(dl, sizeof dl, "<=%s and met", pb__fmt_num(a, sizeof a, c->deadline, 1));
    fprintf(f, "\n%s%-*s", bold, (int)w, "metric");
    if (loops)
        fprintf(f, " %10s %14s", "met", dl);
    if (curve)
        fprintf(f, " %12s %10s", "items", "target");
    fprintf(f, "%s\n", off);
    for (size_t e = 0; e < c->n_entries; e++) {
        const pb_result *r = c->entries[e].result;
        char met[16] = "-", both[16] = "-", items[32] = "-", target[16] = "-";
        if (r->n_rounds)
            snprintf(met, sizeof met, "%.1f%%", 100 * r->p_met.value);
        if (r->n_rounds && r->has_deadline)
            snprintf(both, sizeof both, "%.1f%%", 100 * r->p_deadline_met.value);
        if (r->has_curve) {
            pb__fmt_num(items, sizeof items, r->curve_items, 0);
            snprintf(target, sizeof target, "%.1f%%", 100 * r->p_curve.value);
        }
        fprintf(f, "%-*.*s", (int)w, (int)w, c->entries[e].name);
        if (loops)
            fprintf(f, " %10s %14s", met, both);
        if (curve)
            fprintf(f, " %12s %10s", items, target);
        fputc('\n', f);
    }
}

void pb__compare_metric_json(json_t *o, const pb_report_ctx *ctx, const pb_result *r)
{
    if (r->n_rounds)
        json_object_set_new(o, "metric", pb__json_metric(r));
    if (r->has_curve)
        json_object_set_new(o, "learning_curve", pb__json_curve(ctx, r));
}

void pb__compare_metric_csv_header(FILE *f, const pb_comparison *c)
{
    if (any(c, 0))
        fputs(",p_met,p_deadline_met", f);
    if (any(c, 1))
        fputs(",items,p_target", f);
}

void pb__compare_metric_csv_row(FILE *f, const pb_comparison *c, const pb_result *r)
{
    if (any(c, 0)) {
        fputc(',', f);
        if (r->n_rounds)
            fprintf(f, "%.10g", r->p_met.value);
        fputc(',', f);
        if (r->n_rounds && r->has_deadline)
            fprintf(f, "%.10g", r->p_deadline_met.value);
    }
    if (any(c, 1)) {
        if (r->has_curve)
            fprintf(f, ",%.10g,%.10g", r->curve_items, r->p_curve.value);
        else
            fputs(",,", f);
    }
}
