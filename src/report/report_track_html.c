/*
 * report_track_html.c - 'track -f html': one self-contained page with the
 * re-forecast beside the plan and the buffer's fever chart (chain completed
 * across, buffer consumed up, the zone lines of docs/track.md and the
 * project's point), drawn with svg.c.
 */
#include <math.h>
#include <stdio.h>

#include <pushback/track.h>

#include "report_internal.h"
#include "svg.h"

static const char CSS[] =
    "body{font-family:system-ui,sans-serif;max-width:860px;margin:2em auto;color:#222}"
    "table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    ".green{fill:#e3f4e1}.yellow{fill:#fdf3d0}.red{fill:#f9dcdc}"
    ".green,.yellow,.red{shape-rendering:crispEdges}"
    ".ylw{stroke:#c9a000;stroke-width:2;fill:none}.rd{stroke:#c0392b;stroke-width:2;fill:none}"
    ".pt{fill:#1f4e99}.axis,.tick,.grid{stroke:#999;stroke-width:1}.grid{stroke:#eee}"
    "text{font-size:12px;fill:#333}";

/* Zone bands as thin columns (svg.c has no polygon): below yellow, between, above red. */
static void bands(const pb__svg_chart *c, double ymax)
{
    for (int k = 0; k < 100; k++) {
        double x0 = k / 100.0, x1 = (k + 1) / 100.0, xm = (x0 + x1) / 2;
        double y1 = 0.1 + 0.6 * xm, y2 = 0.3 + 0.7 * xm;
        pb__svg_rect(c, x0, 0, x1, y1, "green");
        pb__svg_rect(c, x0, y1, x1, y2, "yellow");
        pb__svg_rect(c, x0, y2, x1, ymax, "red");
    }
}

static void fever_chart(FILE *f, const pb_track_result *r)
{
    double ymax = fmax(1.2, ceil((r->consumed + 0.2) * 5) / 5);
    pb__svg_chart c;
    pb__svg_begin(&c, f, "fever", "Fever chart: buffer consumed against chain completed", 640, 400,
                  60, 20, 20, 50, 0, 1, fmin(0, r->consumed - 0.1), ymax);
    bands(&c, ymax);
    double x[2] = {0, 1}, y1[2] = {0.1, 0.7}, y2[2] = {0.3, 1.0};
    pb__svg_polyline(&c, x, y1, 2, "ylw");
    pb__svg_polyline(&c, x, y2, 2, "rd");
    pb__svg_ticks tx, ty;
    pb__svg_ticks_pick(0, 1, &tx);
    pb__svg_ticks_pick(c.y_lo, ymax, &ty);
    pb__svg_axis_x(&c, &tx, NULL, NULL, "chain completed (fraction)");
    pb__svg_axis_y(&c, &ty, NULL, "buffer consumed (fraction)");
    pb__svg_rect(&c, r->progress - 0.01, r->consumed - 0.015 * ymax, r->progress + 0.01,
                 r->consumed + 0.015 * ymax, "pt");
    char tip[80];
    snprintf(tip, sizeof tip, "%.0f%% completed, %.0f%% consumed", 100 * r->progress,
             100 * r->consumed);
    pb__svg_text(&c, r->progress, r->consumed, 8, -8, "start", NULL, "as of now", tip);
    pb__svg_end(&c);
}

static void row(FILE *f, const char *what, double was, double now, int dec)
{
    char a[40], b[40], d[40];
    fprintf(f, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td></tr>\n", what,
            pb__fmt_num(a, sizeof a, was, dec), pb__fmt_num(b, sizeof b, now, dec),
            now >= was ? "+" : "", pb__fmt_num(d, sizeof d, now - was, dec));
}

pb_status pb_report_track_html(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r,
                               const pb_track_extra *x, pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    int dec = pb__decimals(r->p80_after);
    (void)x;
    fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>", f);
    pb__svg_escape(f, s->name ? s->name : s->path);
    fprintf(f, ": track</title><style>%s</style></head><body>\n<h1>", CSS);
    pb__svg_escape(f, s->name ? s->name : s->path);
    fprintf(f, "</h1>\n<p>As of %g %s; %zu iterations, seed %llu.</p>\n", r->as_of, s->unit,
            r->before->iterations, (unsigned long long)r->before->seed);
    fputs("<table><tr><th>finish (", f);
    pb__svg_escape(f, s->unit);
    fputs(")</th><th>planned</th><th>re-forecast</th><th>slip</th></tr>\n", f);
    row(f, "P50", r->p50_before, r->p50_after, dec);
    row(f, "P80", r->p80_before, r->p80_after, dec);
    fprintf(f,
            "</table>\n<p>Buffer (P80 - P50 at the start) %.2f, used %.2f: chain %.0f%% "
            "completed, buffer %.0f%% consumed, <b>%s</b>.</p>\n",
            r->buffer, r->used, 100 * r->progress, 100 * r->consumed, r->zone);
    fever_chart(f, r);
    fputs("\n</body></html>\n", f);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}
