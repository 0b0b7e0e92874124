/*
 * report_json.c - the JSON writer for 'simulate', built with jansson.
 *
 * The document has the shape docs/json.md gives; every field is built as a
 * jansson value (no hand-written escaping) and every real goes through pb__json_num(),
 * which turns a non-finite value into null, so no NaN or infinity can reach
 * the output. Nothing that depends on the thread count is written, so the
 * same seed gives byte-identical documents for any --threads.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pushback/calibrate.h"
#include "pushback/report.h"
#include "report_internal.h"

json_t *pb__json_num(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* A string, or a marked replacement when it is not valid UTF-8. */
json_t *pb__json_str(const char *s)
{
    json_t *v = json_string(s ? s : "");
    return v ? v : json_string("(not valid UTF-8)");
}

json_t *pb__json_interval(const pb_interval *v)
{
    return json_pack("{s:o, s:o, s:o}", "value", pb__json_num(v->value), "lo", pb__json_num(v->lo),
                     "hi", pb__json_num(v->hi));
}

/* A probability with its interval: { "probability", "lo", "hi" }. */
json_t *pb__json_prob(const pb_interval *v)
{
    return json_pack("{s:o, s:o, s:o}", "probability", pb__json_num(v->value), "lo",
                     pb__json_num(v->lo), "hi", pb__json_num(v->hi));
}

json_t *pb__json_summary(const pb_summary *s)
{
    json_t *pct = json_object();
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        char key[8];
        snprintf(key, sizeof key, "p%d", (int)lround(pb_stats_levels[k] * 100));
        json_object_set_new(pct, key, pb__json_interval(&s->pct[k]));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "mean", pb__json_num(s->mean), "sd",
                     pb__json_num(s->sd), "min", pb__json_num(s->min), "max", pb__json_num(s->max),
                     "percentiles", pct);
}

static json_t *chance(bool has, double value, const pb_interval *v)
{
    if (!has)
        return json_null();
    return json_pack("{s:o, s:o, s:o, s:o}", "value", pb__json_num(value), "probability",
                     pb__json_num(v->value), "lo", pb__json_num(v->lo), "hi", pb__json_num(v->hi));
}

pb_status pb_report_simulate_json(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                  pb_error *err)
{
    return pb_report_simulate_outside_json(f, ctx, r, NULL, err);
}

pb_status pb_report_simulate_outside_json(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                          const pb_outside *o, pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    json_t *doc = pb__json_header(ctx, r->iterations, r->seed);
    json_object_set_new(doc, "option", json_string(ctx->option ? ctx->option : "base"));
    json_object_set_new(doc, "start", s->start ? pb__json_str(s->start) : json_null());
    json_object_set_new(doc, "stopped", json_string(r->stopped));
    json_object_set_new(doc, "detail_iterations", json_integer((json_int_t)r->detail_iterations));
    json_object_set_new(doc, "duration", pb__json_summary(&r->duration));
    json_object_set_new(doc, "cost", pb__json_summary(&r->cost));
    json_t *outside = pb__json_outside(r, o);
    if (outside)
        json_object_set_new(doc, "outside_view", outside);
    json_t *needs = json_object();
    for (size_t k = 0; k < r->n_needs; k++)
        json_object_set_new(needs, r->need_ids[k], pb__json_summary(&r->needs[k]));
    json_object_set_new(doc, "needs", needs);
    json_object_set_new(doc, "deadline", chance(r->has_deadline, r->deadline, &r->p_deadline));
    json_object_set_new(doc, "budget", chance(r->has_budget, r->budget, &r->p_budget));
    json_object_set_new(
        doc, "joint", r->has_deadline || r->has_budget ? pb__json_prob(&r->p_joint) : json_null());
    json_t *labour = json_object();
    for (size_t k = 0; k < r->n_roles && k < ctx->scenario->n_roles; k++)
        json_object_set_new(labour, ctx->scenario->roles[k].name, pb__json_num(r->labour[k]));
    json_object_set_new(doc, "labour", labour);
    json_t *ms = json_array();
    for (size_t k = 0; k < r->n_milestones; k++) {
        const pb_milestone_result *m = &r->milestones[k];
        json_array_append_new(
            ms,
            json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", pb__json_str(m->id), "name",
                      pb__json_str(m->name), "duration", pb__json_summary(&m->duration), "finish",
                      pb__json_summary(&m->finish), "criticality", pb__json_num(m->criticality),
                      "sensitivity", pb__json_num(m->sensitivity), "by_deadline",
                      r->has_deadline ? pb__json_prob(&m->p_by_deadline) : json_null()));
    }
    json_object_set_new(doc, "milestones", ms);
    json_t *rs = json_array();
    for (size_t k = 0; k < r->n_risks; k++) {
        const pb_risk_result *x = &r->risks[k];
        json_array_append_new(rs,
                              json_pack("{s:o, s:o, s:o, s:o}", "id", pb__json_str(x->id), "name",
                                        pb__json_str(x->name), "fired", pb__json_num(x->fired),
                                        "mean_delay", pb__json_num(x->mean_delay)));
    }
    json_object_set_new(doc, "risks", rs);
    if (r->n_rounds)
        json_object_set_new(doc, "metric", pb__json_metric(r));
    if (r->has_curve)
        json_object_set_new(doc, "learning_curve", pb__json_curve(ctx, r));
    json_t *people = pb__json_people(ctx, r);
    if (people)
        json_object_set_new(doc, "people", people);
    if (s->calendar.present && s->start) {
        /* the finish's percentiles as dates through the working calendar */
        json_t *dates = json_object();
        for (size_t k = 0; k < PB_N_LEVELS; k++) {
            char key[8], date[11];
            snprintf(key, sizeof key, "p%d", (int)lround(pb_stats_levels[k] * 100));
            bool ok = pb_report_date(s, r->duration.pct[k].value, date);
            json_object_set_new(dates, key, ok ? json_string(date) : json_null());
        }
        json_object_set_new(doc, "dates", dates);
    }
    json_t *counts = json_array();
    for (size_t k = 0; k < PB_SIM_HIST; k++)
        json_array_append_new(counts, json_integer(r->hist[k]));
    json_object_set_new(doc, "histogram",
                        json_pack("{s:o, s:o, s:o}", "lo", pb__json_num(r->hist_lo), "hi",
                                  pb__json_num(r->hist_hi), "counts", counts));
    if (ctx->command)
        json_object_set_new(doc, "command", pb__json_str(ctx->command));
    return pb__json_write(f, doc, err);
}

pb_status pb__json_write(FILE *f, json_t *doc, pb_error *err)
{
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

json_t *pb__json_header(const pb_report_ctx *ctx, size_t iterations, uint64_t seed)
{
    const pb_scenario *s = ctx->scenario;
    json_t *doc = json_object();
    json_object_set_new(doc, "pushback_version", json_string(PB_VERSION));
    json_object_set_new(doc, "scenario", pb__json_str(s->name));
    json_object_set_new(doc, "scenario_file", pb__json_str(s->path));
    json_object_set_new(doc, "scenario_sha256", pb__json_str(s->sha256));
    json_object_set_new(doc, "unit", pb__json_str(s->unit));
    json_object_set_new(doc, "currency", pb__json_str(s->currency));
    json_object_set_new(doc, "labour_basis", json_string(pb_scenario_labour_name(s)));
    json_object_set_new(doc, "iterations", json_integer((json_int_t)iterations));
    json_object_set_new(doc, "seed", json_integer((json_int_t)seed));
    json_object_set_new(doc, "generator", json_string("splitmix64-counter"));
    return doc;
}

pb_status pb_report_check_json(FILE *f, const pb_report_ctx *ctx, const char *rulebook,
                               size_t n_rules, const pb_gap *gaps, size_t n_gaps,
                               const pb_error *error, pb_error *err)
{
    json_t *doc = pb__json_check(ctx, rulebook, n_rules, gaps, n_gaps, error);
    return pb__json_write(f, doc, err);
}

json_t *pb__json_check(const pb_report_ctx *ctx, const char *rulebook, size_t n_rules,
                       const pb_gap *gaps, size_t n_gaps, const pb_error *error)
{
    json_t *doc;
    if (error) {
        doc = json_object();
        json_object_set_new(doc, "pushback_version", json_string(PB_VERSION));
        json_object_set_new(doc, "seed", json_integer(0));
        json_object_set_new(doc, "iterations", json_integer(0));
        json_object_set_new(doc, "scenario_sha256", json_null());
        json_object_set_new(doc, "valid", json_false());
        json_object_set_new(doc, "error",
                            json_pack("{s:o, s:i, s:o, s:i}", "file", pb__json_str(error->file),
                                      "line", error->line, "message", pb__json_str(error->msg),
                                      "status", (int)error->code));
        return doc;
    }
    const pb_scenario *s = ctx->scenario;
    /* every JSON document carries the version, seed, iterations and SHA-256 (check
       simulates nothing: 0 iterations) */
    doc = pb__json_header(ctx, 0, 0);
    json_object_set_new(doc, "valid", json_true());
    size_t n_effort = 0;
    for (size_t i = 0; i < s->n_milestones; i++)
        n_effort += s->milestones[i].has_effort;
    json_object_set_new(doc, "milestones", json_integer((json_int_t)s->n_milestones));
    json_object_set_new(doc, "effort_milestones", json_integer((json_int_t)n_effort));
    json_object_set_new(doc, "roles", json_integer((json_int_t)s->n_roles));
    json_object_set_new(doc, "risks", json_integer((json_int_t)s->n_risks));
    json_object_set_new(doc, "options", json_integer((json_int_t)s->n_options));
    json_object_set_new(
        doc, "rulebook",
        json_pack("{s:o, s:i}", "path", pb__json_str(rulebook), "rules", (int)n_rules));
    json_t *g = json_array();
    for (size_t k = 0; k < n_gaps; k++)
        json_array_append_new(g, json_pack("{s:s, s:i, s:o, s:o}", "section", gaps[k].section,
                                           "weight", gaps[k].weight, "question",
                                           pb__json_str(gaps[k].question), "fix",
                                           pb__json_str(gaps[k].fix)));
    json_object_set_new(doc, "gaps", g);
    json_t *people = pb__json_people(ctx, NULL);
    if (people)
        json_object_set_new(doc, "people", people);
    json_t *ml = pb__json_check_ml(s);
    if (ml)
        json_object_set_new(doc, "ml", ml);
    return doc;
}
