/*
 * report_track.c - writers for 'track': the re-forecast beside the original
 * forecast, the milestones behind the slip and the buffer's fever chart
 * (docs/track.md), as text and as JSON (docs/json.md, "track").
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/track.h>

#include "report_internal.h"

static const char *state_name(pb_track_state s)
{
    return s == PB_TRACK_DONE ? "done" : s == PB_TRACK_ACTIVE ? "active" : "todo";
}

/* ==== JSON ==== */

static json_t *fever_json(const pb_track_result *r)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s}", "buffer", pb__json_num(r->buffer), "used",
                     pb__json_num(r->used), "remaining", pb__json_num(r->buffer - r->used),
                     "chain_completed", pb__json_num(r->progress), "buffer_consumed",
                     pb__json_num(r->consumed), "zone", r->zone);
}

static json_t *slips_json(const pb_track_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_slips; i++) {
        const pb_track_slip *s = &r->slips[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", s->id,
                                           "status", state_name(s->state), "estimate",
                                           s->effort ? "effort" : "duration", "planned",
                                           pb__json_num(s->planned), "now", pb__json_num(s->now),
                                           "slip", pb__json_num(s->now - s->planned), "criticality",
                                           pb__json_num(s->criticality)));
    }
    return a;
}

static json_t *num_or_null(double x)
{
    return isfinite(x) ? pb__json_num(x) : json_null();
}

static json_t *interval_json(const pb_interval *v)
{
    return json_pack("{s:o, s:o, s:o}", "value", num_or_null(v->value), "lo", num_or_null(v->lo),
                     "hi", num_or_null(v->hi));
}

static json_t *calibration_json(const pb_calib_fit *c)
{
    return json_pack("{s:i, s:b, s:o, s:o, s:o, s:o, s:o, s:i}", "pairs", (int)c->n, "too_few",
                     c->few, "bias", interval_json(&c->bias), "spread", interval_json(&c->spread),
                     "coverage", pb__json_prob(&c->coverage), "nominal",
                     pb__json_num(PB_CALIB_NOMINAL), "widen", num_or_null(c->widen), "widen_pairs",
                     (int)c->n_widen);
}

static json_t *outside_json(const pb_track_result *r, const pb_outside *o)
{
    return json_pack("{s:i, s:b, s:o, s:o, s:o, s:o, s:o}", "projects", (int)o->n, "too_few",
                     o->few, "level", pb__json_num(o->level), "uplift", pb__json_num(o->uplift),
                     "p50_planned", pb__json_num(r->p50_before), "with_uplift",
                     pb__json_num(o->uplift * r->p50_before), "without",
                     pb__json_num(r->p80_before));
}

static void extra_json(json_t *doc, const pb_track_result *r, const pb_track_extra *x)
{
    if (x && x->outside && x->outside->n)
        json_object_set_new(doc, "outside_view", outside_json(r, x->outside));
    if (x && x->fit)
        json_object_set_new(doc, "calibration", calibration_json(x->fit));
    if (x && x->calibrated)
        json_object_set_new(doc, "calibrated",
                            json_pack("{s:{s:o, s:o}, s:{s:o, s:o}}", "raw", "p50",
                                      pb__json_num(r->p50_after), "p80", pb__json_num(r->p80_after),
                                      "calibrated", "p50", pb__json_num(x->calibrated->p50_after),
                                      "p80", pb__json_num(x->calibrated->p80_after)));
}

pb_status pb_report_track_json(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r,
                               const pb_track_extra *x, pb_error *err)
{
    json_t *doc = pb__json_header(ctx, r->before->iterations, r->before->seed);
    json_object_set_new(doc, "as_of", pb__json_num(r->as_of));
    json_object_set_new(doc, "before",
                        json_pack("{s:o, s:o}", "p50", pb__json_num(r->p50_before), "p80",
                                  pb__json_num(r->p80_before)));
    json_object_set_new(doc, "after",
                        json_pack("{s:o, s:o, s:o}", "p50", pb__json_num(r->p50_after), "p80",
                                  pb__json_num(r->p80_after), "remaining",
                                  pb__json_summary(&r->after->duration)));
    json_object_set_new(doc, "slip",
                        json_pack("{s:o, s:o}", "p50", pb__json_num(r->p50_after - r->p50_before),
                                  "p80", pb__json_num(r->p80_after - r->p80_before)));
    json_object_set_new(doc, "milestones", slips_json(r));
    json_object_set_new(doc, "fever", fever_json(r));
    extra_json(doc, r, x);
    return pb__json_write(f, doc, err);
}

/* ==== Text ==== */

static void when(FILE *f, const pb_scenario *s, double v, int dec)
{
    char a[40], date[11];
    fprintf(f, "%10s", pb__fmt_num(a, sizeof a, v, dec));
    if (s->start && pb_report_date(s, v, date))
        fprintf(f, "  %s", date);
}

static void slip_lines(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r)
{
    const pb_scenario *s = ctx->scenario;
    if (!r->n_slips)
        return;
    fprintf(f, "\nWhere it came from (estimate planned -> actual or elapsed + remaining)\n");
    for (size_t i = 0; i < r->n_slips; i++) {
        const pb_track_slip *sl = &r->slips[i];
        char a[40], b[40], c[40], id[64];
        int dec = pb__decimals(sl->planned);
        fprintf(f, "  %-20s %-6s %8s -> %-8s %s%s %s%s, critical %.0f%%\n",
                pb__text_clean(id, sizeof id, sl->id), state_name(sl->state),
                pb__fmt_num(a, sizeof a, sl->planned, dec), pb__fmt_num(b, sizeof b, sl->now, dec),
                sl->now - sl->planned >= 0 ? "+" : "",
                pb__fmt_num(c, sizeof c, sl->now - sl->planned, dec), sl->effort ? "person-" : "",
                s->unit, 100 * sl->criticality);
    }
}

static void extra_text(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r,
                       const pb_track_extra *x, int dec)
{
    if (x && x->fit) {
        fputc('\n', f);
        pb_report_calibration_text(f, x->fit);
    }
    char a[40], b[40], c[40], d[40];
    const pb_outside *o = x ? x->outside : NULL;
    if (o && o->n) {
        fprintf(f,
                "\nOutside view (%zu past project%s%s): actual / estimate at %.0f%% is %.2fx\n"
                "  P%.0f with it: %.2fx the planned P50 %s = %s %s; without it: %s planned, %s "
                "re-forecast\n",
                o->n, o->n == 1 ? "" : "s", o->few ? ", fewer than 5: a weak reference class" : "",
                100 * o->level, o->uplift, 100 * o->level, o->uplift,
                pb__fmt_num(a, sizeof a, r->p50_before, dec),
                pb__fmt_num(b, sizeof b, o->uplift * r->p50_before, dec), ctx->scenario->unit,
                pb__fmt_num(c, sizeof c, r->p80_before, dec),
                pb__fmt_num(d, sizeof d, r->p80_after, dec));
    }
    if (!x || !x->calibrated)
        return;
    fprintf(f,
            "\nCalibrated re-forecast (%s): P50 %s raw, %s calibrated; P80 %s raw, %s "
            "calibrated\n",
            ctx->scenario->unit, pb__fmt_num(a, sizeof a, r->p50_after, dec),
            pb__fmt_num(b, sizeof b, x->calibrated->p50_after, dec),
            pb__fmt_num(c, sizeof c, r->p80_after, dec),
            pb__fmt_num(d, sizeof d, x->calibrated->p80_after, dec));
}

pb_status pb_report_track_text(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r,
                               const pb_track_extra *x, pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    int dec = pb__decimals(r->p80_after);
    char a[40], b[40], c[40], d[40], name[128];
    char date[11];
    fprintf(f, "%s, as of %s %s", pb__text_clean(name, sizeof name, s->name ? s->name : s->path),
            pb__fmt_num(a, sizeof a, r->as_of, dec), s->unit);
    if (s->start && pb_report_date(s, r->as_of, date))
        fprintf(f, " (%s)", date);
    fprintf(f, ", %zu iterations, seed %llu\n\n", r->before->iterations,
            (unsigned long long)r->before->seed);
    fprintf(f, "  finish (%s)      planned   %*s  re-forecast%*s  slip\n", s->unit,
            s->start ? 10 : 0, "", s->start ? 12 : 0, "");
    for (int k = 0; k < 2; k++) {
        double was = k ? r->p80_before : r->p50_before, now = k ? r->p80_after : r->p50_after;
        fprintf(f, "  P%d           ", k ? 80 : 50);
        when(f, s, was, dec);
        fputs("  ", f);
        when(f, s, now, dec);
        fprintf(f, "  %s%s\n", now - was >= 0 ? "+" : "", pb__fmt_num(b, sizeof b, now - was, dec));
    }
    slip_lines(f, ctx, r);
    fprintf(f, "\nBuffer (P80 - P50 at the start): %s %s; used %s, left %s\n",
            pb__fmt_num(a, sizeof a, r->buffer, dec), s->unit,
            pb__fmt_num(b, sizeof b, r->used, dec),
            pb__fmt_num(c, sizeof c, r->buffer - r->used, dec));
    fprintf(f, "Fever chart: chain %s%% completed, buffer %s%% consumed: %s\n",
            pb__fmt_num(d, sizeof d, 100 * r->progress, 0),
            pb__fmt_num(a, sizeof a, 100 * r->consumed, 0), r->zone);
    extra_text(f, ctx, r, x, dec);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}
