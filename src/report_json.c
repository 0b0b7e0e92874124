/*
 * report_json.c - the JSON writer for 'simulate', built with jansson.
 *
 * The document has the shape DESIGN.md gives; every field is built as a
 * jansson value (no hand-written escaping) and every real goes through num(),
 * which turns a non-finite value into null, so no NaN or infinity can reach
 * the output. Nothing that depends on the thread count is written, so the
 * same seed gives byte-identical documents for any --threads.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pushback/report.h"

static json_t *num(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* A string, or a marked replacement when it is not valid UTF-8. */
static json_t *str(const char *s)
{
    json_t *v = json_string(s ? s : "");
    return v ? v : json_string("(not valid UTF-8)");
}

static json_t *interval(const pb_interval *v)
{
    return json_pack("{s:o, s:o, s:o}", "value", num(v->value), "lo", num(v->lo), "hi", num(v->hi));
}

/* A probability with its interval: { "probability", "lo", "hi" }. */
static json_t *interval_p(const pb_interval *v)
{
    return json_pack("{s:o, s:o, s:o}", "probability", num(v->value), "lo", num(v->lo), "hi",
                     num(v->hi));
}

static json_t *summary(const pb_summary *s)
{
    json_t *pct = json_object();
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        char key[8];
        snprintf(key, sizeof key, "p%d", (int)lround(pb_stats_levels[k] * 100));
        json_object_set_new(pct, key, interval(&s->pct[k]));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "mean", num(s->mean), "sd", num(s->sd), "min",
                     num(s->min), "max", num(s->max), "percentiles", pct);
}

static json_t *chance(bool has, double value, const pb_interval *v)
{
    if (!has)
        return json_null();
    return json_pack("{s:o, s:o, s:o, s:o}", "value", num(value), "probability", num(v->value),
                     "lo", num(v->lo), "hi", num(v->hi));
}

pb_status pb_report_simulate_json(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                  pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    json_t *doc = json_object();
    json_object_set_new(doc, "pushback_version", json_string(PB_VERSION));
    json_object_set_new(doc, "scenario", str(s->name));
    json_object_set_new(doc, "scenario_file", str(s->path));
    json_object_set_new(doc, "scenario_sha256", str(s->sha256));
    json_object_set_new(doc, "option", json_string(ctx->option ? ctx->option : "base"));
    json_object_set_new(doc, "unit", str(s->unit));
    json_object_set_new(doc, "currency", str(s->currency));
    json_object_set_new(doc, "start", s->start ? str(s->start) : json_null());
    json_object_set_new(doc, "iterations", json_integer((json_int_t)r->iterations));
    json_object_set_new(doc, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(doc, "generator", json_string("splitmix64-counter"));
    json_object_set_new(doc, "stopped", json_string(r->stopped));
    json_object_set_new(doc, "detail_iterations", json_integer((json_int_t)r->detail_iterations));
    json_object_set_new(doc, "duration", summary(&r->duration));
    json_object_set_new(doc, "cost", summary(&r->cost));
    json_t *needs = json_object();
    for (size_t k = 0; k < r->n_needs; k++)
        json_object_set_new(needs, r->need_ids[k], summary(&r->needs[k]));
    json_object_set_new(doc, "needs", needs);
    json_object_set_new(doc, "deadline", chance(r->has_deadline, r->deadline, &r->p_deadline));
    json_object_set_new(doc, "budget", chance(r->has_budget, r->budget, &r->p_budget));
    json_object_set_new(doc, "joint",
                        r->has_deadline || r->has_budget ? interval_p(&r->p_joint) : json_null());
    json_t *labour = json_object();
    for (size_t k = 0; k < r->n_roles && k < ctx->scenario->n_roles; k++)
        json_object_set_new(labour, ctx->scenario->roles[k].name, num(r->labour[k]));
    json_object_set_new(doc, "labour", labour);
    json_t *ms = json_array();
    for (size_t k = 0; k < r->n_milestones; k++) {
        const pb_milestone_result *m = &r->milestones[k];
        json_array_append_new(
            ms, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", str(m->id), "name",
                          str(m->name), "duration", summary(&m->duration), "finish",
                          summary(&m->finish), "criticality", num(m->criticality), "sensitivity",
                          num(m->sensitivity), "by_deadline",
                          r->has_deadline ? interval_p(&m->p_by_deadline) : json_null()));
    }
    json_object_set_new(doc, "milestones", ms);
    json_t *rs = json_array();
    for (size_t k = 0; k < r->n_risks; k++) {
        const pb_risk_result *x = &r->risks[k];
        json_array_append_new(rs, json_pack("{s:o, s:o, s:o, s:o}", "id", str(x->id), "name",
                                            str(x->name), "fired", num(x->fired), "mean_delay",
                                            num(x->mean_delay)));
    }
    json_object_set_new(doc, "risks", rs);
    json_t *counts = json_array();
    for (size_t k = 0; k < PB_SIM_HIST; k++)
        json_array_append_new(counts, json_integer(r->hist[k]));
    json_object_set_new(doc, "histogram",
                        json_pack("{s:o, s:o, s:o}", "lo", num(r->hist_lo), "hi", num(r->hist_hi),
                                  "counts", counts));
    if (ctx->command)
        json_object_set_new(doc, "command", str(ctx->command));
    /* one string, one write: jansson's stream writer makes a call per token */
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(doc);
    size_t len = text ? strlen(text) : 0;
    bool ok = text && fwrite(text, 1, len, f) == len && fputc('\n', f) != EOF;
    free(text);
    if (!ok)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the JSON report");
    return PB_OK;
}
