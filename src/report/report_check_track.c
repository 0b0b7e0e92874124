/*
 * report_check_track.c - the "tracking" member of check's JSON: what the
 * text of 'check' says of a scenario file's tracking data (docs/track.md
 * "check"), the actuals, the calibration history, the estimates' sources
 * and the reference class, each null when the file has none of it.
 */
#include <math.h>
#include <stdio.h>

#include <pushback/deal.h>
#include <pushback/track.h>

#include "report_internal.h"

static json_t *actuals_json(const pb_scenario *s, const pb_track_summary *t)
{
    if (!isfinite(t->as_of))
        return json_null();
    char date[11];
    bool dated = pb_report_date(s, t->as_of, date);
    return json_pack("{s:o, s:o, s:I, s:I, s:I, s:I, s:o}", "as_of", pb__json_num(t->as_of),
                     "as_of_date", dated ? json_string(date) : json_null(), "done",
                     (json_int_t)t->n_done, "active", (json_int_t)t->n_active, "risks_passed",
                     (json_int_t)t->n_passed, "risks_happened", (json_int_t)t->n_happened, "spent",
                     pb__json_num(t->spent));
}

static json_t *calibration_json(const pb_calib_fit *k)
{
    return json_pack("{s:I, s:b, s:o, s:o}", "pairs", (json_int_t)k->n, "too_few", k->few, "bias",
                     pb__json_interval(&k->bias), "coverage", pb__json_prob(&k->coverage));
}

static json_t *outside_json(const pb_outside *o)
{
    return json_pack("{s:I, s:b, s:o, s:o}", "projects", (json_int_t)o->n, "too_few", o->few,
                     "level", pb__json_num(o->level), "uplift", pb__json_num(o->uplift));
}

/* The "tracking" member: null when there is nothing the text would list. */
static json_t *tracking_json(const pb_scenario *s, const pb_track_summary *t)
{
    bool sources = t && (t->n_source[0] || t->n_source[1]);
    if (!t || (!isfinite(t->as_of) && !t->has_fit && !sources && !t->outside.n))
        return json_null();
    json_t *src = sources
                      ? json_pack("{s:I, s:I, s:I}", "data", (json_int_t)t->n_source[0], "expert",
                                  (json_int_t)t->n_source[1], "guess", (json_int_t)t->n_source[2])
                      : json_null();
    return json_pack("{s:o, s:o, s:o, s:o}", "actuals", actuals_json(s, t), "calibration",
                     t->has_fit ? calibration_json(&t->fit) : json_null(), "sources", src,
                     "outside_view", t->outside.n ? outside_json(&t->outside) : json_null());
}

pb_status pb_report_check_json_tracked(FILE *f, const pb_report_ctx *ctx, const char *rulebook,
                                       size_t n_rules, const pb_gap *gaps, size_t n_gaps,
                                       const pb_audit *a, const pb_track_summary *t, pb_error *err)
{
    json_t *doc = pb__json_check(ctx, rulebook, n_rules, gaps, n_gaps, NULL);
    json_object_set_new(doc, "audit", pb__json_audit(a));
    json_object_set_new(doc, "tracking", tracking_json(ctx->scenario, t));
    return pb__json_write(f, doc, err);
}
