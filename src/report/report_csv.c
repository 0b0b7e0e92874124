/*
 * report_csv.c - per-iteration samples as CSV (RFC 4180), for a user's own
 * analysis in a spreadsheet or pandas.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pushback/plan.h"
#include "pushback/report.h"
#include "report_internal.h"

static void named(FILE *f, const char *id, const char *suffix)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", id, suffix);
    fputc(',', f);
    pb__csv_cell(f, buf);
}

/* The ML columns' names (docs/ml.md): ID.rounds and ID.met per loop, metric_met, growth. */
static void ml_header(FILE *f, const pb_result *r)
{
    for (size_t l = 0; r->round_samples && l < r->n_rounds; l++) {
        named(f, r->rounds[l].id, ".rounds");
        named(f, r->rounds[l].id, ".met");
    }
    if (r->curve_met)
        fputs(",metric_met", f);
    if (r->growth_samples)
        fputs(",growth", f);
}

/* Iteration i's ML columns: rounds taken (max when not met) and 0/1 met, ... */
static void ml_row(FILE *f, const pb_result *r, size_t i)
{
    size_t n = r->iterations;
    for (size_t l = 0; r->round_samples && l < r->n_rounds; l++) {
        int code = r->round_samples[l * n + i];
        fprintf(f, ",%d,%d", code ? code : r->rounds[l].max, code != 0);
    }
    if (r->curve_met)
        fprintf(f, ",%d", r->curve_met[i]);
    if (r->growth_samples)
        fprintf(f, ",%.10g", r->growth_samples[i]);
}

pb_status pb_report_samples_csv(FILE *f, const pb_plan *p, const pb_result *r, pb_error *err)
{
    if (!r->ms_duration || !r->ms_finish || !r->risk_fired)
        return pb_error_set(err, PB_ERR_USAGE, "", 0,
                            "the samples were not kept (simulate with keep_samples)");
    size_t n = r->iterations, n_ms = pb_plan_n_milestones(p);
    fputs("iteration,duration,cost", f);
    for (size_t k = 0; k < r->n_needs; k++)
        named(f, r->need_ids[k], "");
    for (size_t t = 0; t < n_ms; t++) {
        named(f, pb_plan_milestone_id(p, t), ".duration");
        named(f, pb_plan_milestone_id(p, t), ".finish");
    }
    for (size_t k = 0; k < r->n_risks; k++)
        named(f, r->risks[k].id, ".fired");
    const pb_scenario *s = pb_plan_scenario(p);
    for (size_t j = 0; j < r->n_leaves; j++) { /* docs/ml.md, "People leaving" */
        const char *role = r->leaves[j].role < s->n_roles ? s->roles[r->leaves[j].role].name : "";
        char col[160];
        snprintf(col, sizeof col, "attrition.%s", role);
        named(f, col, ".left");
        named(f, col, ".at");
        named(f, col, ".lost");
    }
    ml_header(f, r);
    fputs("\r\n", f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%zu,%.10g,%.10g", i + 1, r->finish_samples[i], r->cost_samples[i]);
        for (size_t k = 0; k < r->n_needs; k++)
            fprintf(f, ",%.10g", r->need_samples[k * n + i]);
        for (size_t t = 0; t < n_ms; t++)
            fprintf(f, ",%.10g,%.10g", r->ms_duration[t * n + i], r->ms_finish[t * n + i]);
        for (size_t k = 0; k < r->n_risks; k++)
            fprintf(f, ",%d", r->risk_fired[k * n + i]);
        for (size_t j = 0; j < r->n_leaves; j++) {
            double at = r->leave_samples[2 * j * n + i],
                   lost = r->leave_samples[(2 * j + 1) * n + i];
            if (isnan(at))
                fputs(",0,,", f);
            else
                fprintf(f, ",1,%.10g,%.10g", at, lost);
        }
        ml_row(f, r, i);
        fputs("\r\n", f);
    }
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the samples");
    return PB_OK;
}
