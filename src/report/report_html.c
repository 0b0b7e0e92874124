/*
 * report_html.c - the negotiation brief as one self-contained HTML page.
 *
 * The page carries the same content as the text brief (report_brief.c), in
 * the same order and wording, and adds six inline SVG charts drawn with
 * svg.c: the S-curve of finishing by each date, the histogram of the finish,
 * the tornado of sensitivity and criticality, the options side by side, the
 * milestone timeline and the budget S-curve. It needs nothing from the
 * network: the stylesheet is inline, there is no script, and the charts are
 * styled by class from that stylesheet. Every text that comes from the
 * scenario, the rulebook or the brief goes through pb__svg_escape(), whole
 * sentences included (escf() formats, then escapes), so no input can open a
 * tag. Numbers come from the brief as it is; a chart whose data is missing
 * or not finite is replaced by a one-line note, so no NaN or infinity is
 * ever written. The P50 and P80 on the root element are formatted by jansson
 * with the JSON writer's precision, so they match the JSON brief digit for
 * digit. Allocation: one scratch array of the iteration count, for sorting
 * the finish and then the cost samples, plus short-lived buffers for a
 * sentence longer than 512 bytes and for the timeline's row labels.
 */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>
#include <pushback/expr.h>

#include "base/format.h"
#include "brief_interests.h"
#include "pushback/report.h"
#include "report_internal.h"
#include "svg.h"

#define CHART_W      720.0 /* every chart's width, pixels */
#define CURVE_POINTS 241   /* quantile points of an S-curve */
#define TOP_ROWS     10    /* milestones in the tornado */
#define NAME_CHARS   36    /* longest row label in a chart, characters */

/* ==== Text helpers ==== */

static void esc(FILE *f, const char *s)
{
    pb__svg_escape(f, s);
}

/* Format, then escape the result as HTML text. */
static void escf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void escf(FILE *f, const char *fmt, ...)
{
    char small[512], *big;
    va_list ap;
    va_start(ap, fmt);
    esc(f, pb__vformat(small, sizeof small, &big, fmt, ap));
    va_end(ap);
    free(big);
}

#define fv pb__brief_value

/* Money in a few characters for chart labels: "9,500", "358k", "1.2M". */
static const char *money_short(double v, char *buf, size_t cap)
{
    double a = fabs(v);
    if (!isfinite(v))
        snprintf(buf, cap, "n/a");
    else if (a >= 1e6)
        snprintf(buf, cap, "%.1fM", v / 1e6);
    else if (a >= 1e4)
        snprintf(buf, cap, "%.0fk", v / 1e3);
    else
        pb__fmt_num(buf, cap, v, 0);
    return buf;
}

/* v as the JSON writer prints it (jansson, 10 significant digits); "" if not finite. */
static void json_digits(double v, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (!isfinite(v))
        return;
    json_t *j = json_real(v);
    char *s = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_REAL_PRECISION(10)) : NULL;
    if (s)
        snprintf(buf, cap, "%s", s);
    free(s);
    json_decref(j);
}

/* ==== Chart helpers ==== */

enum axis_kind {
    AXIS_TIME,
    AXIS_MONEY,
    AXIS_PCT,
    AXIS_PLAIN
};

typedef struct tick_labels {
    char text[PB__SVG_MAX_TICKS][32];
    char sub[PB__SVG_MAX_TICKS][11];
    const char *tp[PB__SVG_MAX_TICKS];
    const char *sp[PB__SVG_MAX_TICKS];
    bool has_sub;
} tick_labels;

/* Labels for ticks: numbers, money with k/M, percentages; dates below when asked. */
static void make_labels(const pb_scenario *s, const pb__svg_ticks *t, enum axis_kind kind,
                        bool dates, tick_labels *L)
{
    memset(L, 0, sizeof *L);
    double scale = 1, top = 0;
    const char *suffix = "";
    for (size_t i = 0; i < t->n; i++)
        top = fmax(top, fabs(t->v[i]));
    if (kind == AXIS_MONEY && top >= 1e6) {
        scale = 1e6;
        suffix = "M";
    } else if (kind == AXIS_MONEY && top >= 1e4) {
        scale = 1e3;
        suffix = "k";
    } else if (kind == AXIS_PCT) {
        scale = 0.01;
        suffix = "%";
    }
    /* the fewest decimals that write the scaled step exactly */
    int dec = 0;
    for (double x = t->step / scale; dec < 12 && fabs(x - round(x)) > 1e-6 * fmax(1, fabs(x));
         x *= 10)
        dec++;
    for (size_t i = 0; i < t->n; i++) {
        snprintf(L->text[i], sizeof L->text[i], "%.*f%s", dec, t->v[i] / scale + 0.0, suffix);
        L->tp[i] = L->text[i];
        /* dates are wide: on every other tick when there are many */
        if (dates && (t->n <= 6 || i % 2 == 0) && pb_report_date(s, t->v[i], L->sub[i])) {
            L->sp[i] = L->sub[i];
            L->has_sub = true;
        }
    }
}

/* A vertical marker with its label above the plot area. */
typedef struct marker {
    double x;
    const char *cls; /* "p50", "p80", "ask", "manager" */
    char label[80];
    size_t row;     /* label row, 0 nearest the plot */
    double label_x; /* label centre, pixels */
} marker;

/* Widen [lo, hi] to take in every finite marker. */
static void take_markers(const marker *m, size_t n, double *lo, double *hi)
{
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(m[i].x))
            continue;
        *lo = fmin(*lo, m[i].x);
        *hi = fmax(*hi, m[i].x);
    }
}

/*
 * Place marker labels in rows above the plot so that none overlaps another
 * (at most 4 rows; beyond, the row with the most room). Returns the rows used.
 */
static size_t place_markers(marker *m, size_t n, double left, double plot_w, double lo, double hi)
{
    double end[4] = {-1e9, -1e9, -1e9, -1e9};
    size_t used = 0, order[8];
    n = n < 8 ? n : 8;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && m[order[j - 1]].x > m[i].x) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (size_t k = 0; k < n; k++) {
        marker *x = &m[order[k]];
        if (!isfinite(x->x) || x->x < lo || x->x > hi)
            continue;
        double px = left + (x->x - lo) / (hi - lo) * plot_w;
        double w = pb__svg_text_width(x->label, 11) + 4;
        double cx = fmin(fmax(px, w / 2 + 2), CHART_W - w / 2 - 2);
        size_t r = 0, best = 0;
        while (r < 4 && end[r] + 6 > cx - w / 2)
            r++;
        if (r == 4) {
            for (size_t q = 1; q < 4; q++)
                if (end[q] < end[best])
                    best = q;
            r = best;
        }
        end[r] = cx + w / 2;
        x->row = r;
        x->label_x = cx;
        used = r + 1 > used ? r + 1 : used;
    }
    return used;
}

/* Top margin that leaves room for a legend row and 'rows' marker label rows. */
static double top_margin(size_t rows)
{
    return 30 + 12.0 * (double)rows + (rows ? 4 : 0);
}

/* Draw the markers' lines (under) then their labels (over, with a halo). */
static void draw_markers(const pb__svg_chart *c, const marker *m, size_t n)
{
    char cls[64];
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(m[i].x) || m[i].x < c->x_lo || m[i].x > c->x_hi)
            continue;
        double px = pb__svg_px(c, m[i].x), y = c->top - 4 - 12.0 * (double)m[i].row;
        snprintf(cls, sizeof cls, "mark %s", m[i].cls);
        pb__svg_line_px(c, px, y + 2, px, c->top + c->plot_h, cls);
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(m[i].x) || m[i].x < c->x_lo || m[i].x > c->x_hi)
            continue;
        double y = c->top - 4 - 12.0 * (double)m[i].row;
        snprintf(cls, sizeof cls, "mark-label %s", m[i].cls);
        pb__svg_text_px(c, m[i].label_x, y, "middle", cls, m[i].label, NULL);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Fraction of sorted[0..n) meeting x (at or below it, within pb_stats_limit). */
static double frac_le(const double *sorted, size_t n, double x)
{
    size_t lo = 0, hi = n;
    x = pb_stats_limit(x);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return n ? (double)lo / (double)n : 0;
}

static bool all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return false;
    return true;
}

/* A figure around a chart, with its caption. */
static void figure_open(FILE *f, const char *name, const char *title, const char *caption)
{
    fprintf(f, "<figure class=\"fig\" id=\"fig-%s\">\n<figcaption><strong>", name);
    esc(f, title);
    fputs("</strong> ", f);
    esc(f, caption);
    fputs("</figcaption>\n", f);
}

static void figure_missing(FILE *f, const char *what)
{
    fputs("<p class=\"missing\">", f);
    esc(f, what);
    fputs("</p>\n", f);
}

/* ==== Charts ==== */

/*
 * An S-curve: P(x <= d) over d from n sorted samples, with markers. The x
 * range covers the 0.1% to 99.9% quantiles and every marker. False when
 * there is no range to draw (nothing written).
 */
static bool s_curve(FILE *f, const pb_brief *b, const char *name, const char *title,
                    const double *sorted, size_t n, marker *m, size_t n_m, enum axis_kind kind,
                    const char *x_title, const char *curve_label)
{
    const pb_scenario *s = b->scenario;
    double lo = sorted[(size_t)llround(0.001 * (double)(n - 1))];
    double hi = sorted[(size_t)llround(0.999 * (double)(n - 1))];
    take_markers(m, n_m, &lo, &hi);
    pb__svg_ticks xt, yt;
    pb__svg_nice_range(&lo, &hi, &xt);
    pb__svg_ticks_pick(0, 1, &yt);
    if (!xt.n || !(hi > lo))
        return false;
    bool dates = kind == AXIS_TIME && s->start;
    tick_labels xl, yl;
    make_labels(s, &xt, kind, dates, &xl);
    make_labels(s, &yt, AXIS_PCT, false, &yl);
    double left = 60, right = xl.has_sub ? 34 : 24, bottom = xl.has_sub ? 50 : 38;
    size_t rows = place_markers(m, n_m, left, CHART_W - left - right, lo, hi);
    pb__svg_chart c;
    pb__svg_begin(&c, f, name, title, CHART_W, top_margin(rows) + 220 + bottom, left, right,
                  top_margin(rows), bottom, lo, hi, 0, 1);
    pb__svg_axis_x(&c, &xt, xl.tp, xl.has_sub ? xl.sp : NULL, x_title);
    pb__svg_axis_y(&c, &yt, yl.tp, "share of projects");

    /* the empirical distribution at CURVE_POINTS quantiles, from lo to hi */
    double xs[CURVE_POINTS + 2], ys[CURVE_POINTS + 2];
    size_t k = 0;
    xs[k] = lo;
    ys[k++] = frac_le(sorted, n, lo);
    for (size_t j = 0; j < CURVE_POINTS; j++) {
        double p = 0.001 + 0.998 * (double)j / (CURVE_POINTS - 1);
        size_t i = (size_t)llround(p * (double)(n - 1));
        if (sorted[i] < lo || sorted[i] > hi)
            continue;
        xs[k] = sorted[i];
        ys[k] = fmax(ys[k - 1], (double)(i + 1) / (double)n);
        k++;
    }
    xs[k] = hi;
    ys[k] = fmax(ys[k - 1], frac_le(sorted, n, hi));
    k++;
    if (isfinite(b->confidence) && b->confidence > 0 && b->confidence < 1)
        pb__svg_line(&c, lo, b->confidence, hi, b->confidence, "conf");
    pb__svg_polyline(&c, xs, ys, k, "curve");
    draw_markers(&c, m, n_m);
    char conf[64];
    snprintf(conf, sizeof conf, "asked confidence (%.0f%%)", 100 * b->confidence);
    pb__svg_legend_item legend[] = {{curve_label, "curve", true}, {conf, "conf", true}};
    pb__svg_legend(&c, left - 4, 12, legend, 2);
    pb__svg_end(&c);
    return true;
}

/*
 * A marker at x labelled "P50 30.0" (money: "P50 315k"); with 'share', the
 * share of the n sorted samples at or below x follows: "asked 35.0: 85%".
 */
static void time_marker(const pb_brief *b, marker *m, double x, const char *cls, const char *what,
                        const double *sorted, size_t n, bool share, bool money)
{
    char num[48], pct[32];
    m->x = x;
    m->cls = cls;
    m->row = 0;
    m->label_x = 0;
    if (money)
        money_short(x, num, sizeof num);
    else
        pb__fmt_num(num, sizeof num, x, 1);
    if (share && n)
        snprintf(m->label, sizeof m->label, "%s %s: %s", what, num,
                 fv(b, frac_le(sorted, n, x), "pct", pct, sizeof pct));
    else
        snprintf(m->label, sizeof m->label, "%s %s", what, num);
}

static void chart_finish(FILE *f, const pb_brief *b, double *scratch)
{
    const pb_result *r = b->base;
    const pb_scenario *s = b->scenario;
    char cap[256], p[16];
    char num[32];
    snprintf(cap, sizeof cap,
             "Share of the %s simulated projects finished by each point in time (%s%s).",
             pb__fmt_num(num, sizeof num, (double)r->iterations, 0), s->unit,
             s->start ? "; dates below" : "");
    figure_open(f, "s-curve", "Chance of finishing by each date", cap);
    if (!r->finish_samples || !r->iterations || !all_finite(r->finish_samples, r->iterations)) {
        figure_missing(f, "No simulated finishes to draw.");
        fputs("</figure>\n", f);
        return;
    }
    size_t n = r->iterations;
    memcpy(scratch, r->finish_samples, n * sizeof *scratch);
    qsort(scratch, n, sizeof *scratch, cmp_double);
    marker m[4];
    size_t k = 0;
    snprintf(p, sizeof p, "P%.0f", 100 * b->confidence);
    time_marker(b, &m[k++], b->target, "p50", "P50", scratch, n, false, false);
    time_marker(b, &m[k++], b->commitment, "p80", p, scratch, n, false, false);
    if (isfinite(s->ask_deadline))
        time_marker(b, &m[k++], s->ask_deadline, "ask", "asked", scratch, n, true, false);
    if (isfinite(b->manager_deadline))
        time_marker(b, &m[k++], b->manager_deadline, "manager", "manager", scratch, n, true, false);
    char title[96];
    snprintf(title, sizeof title, "finish (%s from the start)", s->unit);
    if (!s_curve(f, b, "s-curve", "Chance of finishing by each date", scratch, n, m, k, AXIS_TIME,
                 title, "finished by then"))
        figure_missing(f, "The finishes span no range to draw.");
    fputs("</figure>\n", f);
}

static void chart_budget(FILE *f, const pb_brief *b, double *scratch)
{
    const pb_result *r = b->base;
    const pb_scenario *s = b->scenario;
    char cap[256];
    snprintf(cap, sizeof cap, "Share of the simulated projects that stay within each budget (%s).",
             s->currency);
    figure_open(f, "budget", "Chance of staying within each budget", cap);
    if (!r->cost_samples || !r->iterations || !all_finite(r->cost_samples, r->iterations)) {
        figure_missing(f, "No simulated costs to draw.");
        fputs("</figure>\n", f);
        return;
    }
    size_t n = r->iterations;
    memcpy(scratch, r->cost_samples, n * sizeof *scratch);
    qsort(scratch, n, sizeof *scratch, cmp_double);
    if (scratch[0] == 0 && scratch[n - 1] == 0) {
        figure_missing(f, "The plan has no costs.");
        fputs("</figure>\n", f);
        return;
    }
    marker m[4];
    size_t k = 0;
    time_marker(b, &m[k++], r->cost.pct[PB_P50].value, "p50", "P50", scratch, n, false, true);
    time_marker(b, &m[k++], r->cost.pct[PB_P80].value, "p80", "P80", scratch, n, false, true);
    double asked = r->has_budget ? r->budget : s->ask_budget;
    if (isfinite(asked))
        time_marker(b, &m[k++], asked, "ask", "asked", scratch, n, true, true);
    if (isfinite(b->manager_budget))
        time_marker(b, &m[k++], b->manager_budget, "manager", "manager", scratch, n, true, true);
    char title[96];
    snprintf(title, sizeof title, "cost (%s)", s->currency);
    if (!s_curve(f, b, "budget", "Chance of staying within each budget", scratch, n, m, k,
                 AXIS_MONEY, title, "within budget"))
        figure_missing(f, "The costs span no range to draw.");
    fputs("</figure>\n", f);
}

static void chart_histogram(FILE *f, const pb_brief *b)
{
    const pb_result *r = b->base;
    const pb_scenario *s = b->scenario;
    char cap[256], p[16];
    double total = 0, top = 0;
    for (size_t k = 0; k < PB_SIM_HIST; k++) {
        total += r->hist[k];
        top = fmax(top, r->hist[k]);
    }
    double w = (r->hist_hi - r->hist_lo) / PB_SIM_HIST;
    if (isfinite(w) && w > 0)
        snprintf(cap, sizeof cap, "Share of simulated projects finishing in each bin of %.2f %s.",
                 w, s->unit);
    else
        snprintf(cap, sizeof cap, "Share of simulated projects finishing at each time.");
    figure_open(f, "histogram", "How the finish is spread", cap);
    if (!(total > 0) || !isfinite(r->hist_lo) || !isfinite(r->hist_hi) ||
        !(r->hist_hi > r->hist_lo)) {
        figure_missing(f, "Every simulated project finishes at the same time: no spread to draw.");
        fputs("</figure>\n", f);
        return;
    }
    marker m[4];
    size_t n_m = 0;
    snprintf(p, sizeof p, "P%.0f", 100 * b->confidence);
    time_marker(b, &m[n_m++], b->target, "p50", "P50", NULL, 0, false, false);
    time_marker(b, &m[n_m++], b->commitment, "p80", p, NULL, 0, false, false);
    if (isfinite(s->ask_deadline))
        time_marker(b, &m[n_m++], s->ask_deadline, "ask", "asked", NULL, 0, false, false);
    if (isfinite(b->manager_deadline))
        time_marker(b, &m[n_m++], b->manager_deadline, "manager", "manager", NULL, 0, false, false);
    double lo = r->hist_lo, hi = r->hist_hi, ylo = 0, yhi = top / total;
    take_markers(m, n_m, &lo, &hi);
    pb__svg_ticks xt, yt;
    pb__svg_nice_range(&lo, &hi, &xt);
    pb__svg_nice_range(&ylo, &yhi, &yt);
    if (!xt.n || !yt.n) {
        fputs("</figure>\n", f);
        return;
    }
    tick_labels xl, yl;
    make_labels(s, &xt, AXIS_PLAIN, false, &xl);
    make_labels(s, &yt, AXIS_PCT, false, &yl);
    double left = 60, right = 24, bottom = 38;
    size_t rows = place_markers(m, n_m, left, CHART_W - left - right, lo, hi);
    pb__svg_chart c;
    pb__svg_begin(&c, f, "histogram", "How the finish is spread", CHART_W,
                  top_margin(rows) + 200 + bottom, left, right, top_margin(rows), bottom, lo, hi,
                  ylo, yhi);
    pb__svg_axis_y(&c, &yt, yl.tp, "share of projects");
    char title[96];
    snprintf(title, sizeof title, "finish (%s from the start)", s->unit);
    pb__svg_axis_x(&c, &xt, xl.tp, NULL, title);
    for (size_t k = 0; k < PB_SIM_HIST; k++) {
        if (!r->hist[k])
            continue;
        pb__svg_rect(&c, r->hist_lo + (double)k * w, 0, r->hist_lo + (double)(k + 1) * w,
                     r->hist[k] / total, "hist");
    }
    draw_markers(&c, m, n_m);
    pb__svg_legend_item legend[] = {{"simulated projects", "hist", false}};
    pb__svg_legend(&c, left - 4, 12, legend, 1);
    pb__svg_end(&c);
    fputs("</figure>\n", f);
}

/* Left margin for row labels of at most NAME_CHARS characters. */
static double label_margin(const char *const *names, size_t n)
{
    double w = 60;
    char buf[4 * NAME_CHARS + 8];
    for (size_t i = 0; i < n; i++)
        w = fmax(w, pb__svg_text_width(pb__svg_clip(names[i], NAME_CHARS, buf, sizeof buf), 12));
    return fmin(w + 14, 260);
}

static void row_label(const pb__svg_chart *c, double y, const char *name)
{
    char buf[4 * NAME_CHARS + 8];
    pb__svg_clip(name, NAME_CHARS, buf, sizeof buf);
    pb__svg_text_px(c, c->left - 8, pb__svg_py(c, y) + 4, "end", "label", buf,
                    strcmp(buf, name ? name : "") ? name : NULL);
}

static void chart_tornado(FILE *f, const pb_brief *b)
{
    const pb_result *r = b->base;
    size_t top[TOP_ROWS], n = 0;
    for (size_t i = 0; i < r->n_milestones; i++) {
        double si = r->milestones[i].sensitivity;
        if (!isfinite(si) || !isfinite(r->milestones[i].criticality))
            continue;
        /*
         * insertion into top[0..n), largest |sensitivity| first, plan order among
         * ties: j starts one past the end (TOP_ROWS when full, dropping the last)
         */
        size_t j = n < TOP_ROWS ? n++ : TOP_ROWS;
        while (j > 0 && fabs(r->milestones[top[j - 1]].sensitivity) < fabs(si)) {
            if (j < TOP_ROWS)
                top[j] = top[j - 1];
            j--;
        }
        if (j < TOP_ROWS)
            top[j] = i;
    }
    figure_open(f, "tornado", "What drives the date",
                "Milestones by sensitivity (rank correlation of their duration with the "
                "finish) and criticality (share of runs on the critical path).");
    if (!n || !r->detail_iterations) {
        figure_missing(f, "No milestone detail in this run.");
        fputs("</figure>\n", f);
        return;
    }
    const char *names[TOP_ROWS];
    double lo = 0, hi = 1;
    for (size_t k = 0; k < n; k++) {
        names[k] = r->milestones[top[k]].name;
        lo = fmin(lo, r->milestones[top[k]].sensitivity);
    }
    pb__svg_ticks xt;
    pb__svg_nice_range(&lo, &hi, &xt);
    double left = label_margin(names, n), right = 40, row = 30, bottom = 38;
    pb__svg_chart c;
    pb__svg_begin(&c, f, "tornado", "What drives the date", CHART_W, 30 + row * (double)n + bottom,
                  left, right, 30, bottom, lo, hi, 0, (double)n);
    pb__svg_axis_x(&c, &xt, NULL, NULL, "sensitivity and criticality (0 to 1)");
    for (size_t k = 0; k < n; k++) {
        const pb_milestone_result *ms = &r->milestones[top[k]];
        double y = (double)(n - k); /* row k spans [y - 1, y] */
        char v[32];
        row_label(&c, y - 0.5, ms->name);
        pb__svg_rect(&c, 0, y - 0.14, ms->sensitivity, y - 0.5, "bar sens");
        pb__svg_rect(&c, 0, y - 0.56, ms->criticality, y - 0.8, "bar crit");
        snprintf(v, sizeof v, "%.2f", ms->sensitivity + 0.0);
        pb__svg_text(&c, fmax(ms->sensitivity, 0), y - 0.32, 4, 3.5, "start", "value", v, NULL);
        snprintf(v, sizeof v, "%.2f", ms->criticality + 0.0);
        pb__svg_text(&c, fmax(ms->criticality, 0), y - 0.68, 4, 3.5, "start", "value", v, NULL);
    }
    pb__svg_line(&c, 0, 0, 0, (double)n, "axis");
    pb__svg_legend_item legend[] = {
        {"sensitivity: correlation with the finish", "bar sens", false},
        {"criticality: share of runs on the critical path", "bar crit", false}};
    pb__svg_legend(&c, 4, 12, legend, 2);
    pb__svg_end(&c);
    fputs("</figure>\n", f);
}

/* A chart of rows against time (the options, the timeline): what its prologue needs. */
typedef struct time_rows {
    const char *name, *title; /* the chart's 'data-chart' name and its title */
    const char *axis;         /* the time axis' title */
    size_t n;                 /* rows */
    double row, left;         /* row height and label margin, pixels */
    double lo, hi;            /* the time range drawn: the data's, then widened */
} time_rows;

/*
 * Opens chart 'c' of the rows 't': adds the ask's and the manager's
 * deadlines to the *n_m markers m (which has room for two more), widens the
 * range to them and to round ticks, places the marker labels and draws the
 * time axis. False, with nothing drawn, when there are no ticks.
 */
static bool time_rows_begin(FILE *f, const pb_brief *b, time_rows *t, marker *m, size_t *n_m,
                            pb__svg_chart *c)
{
    const pb_scenario *s = b->scenario;
    if (isfinite(s->ask_deadline))
        time_marker(b, &m[(*n_m)++], s->ask_deadline, "ask", "asked", NULL, 0, false, false);
    if (isfinite(b->manager_deadline))
        time_marker(b, &m[(*n_m)++], b->manager_deadline, "manager", "manager", NULL, 0, false,
                    false);
    take_markers(m, *n_m, &t->lo, &t->hi);
    pb__svg_ticks xt;
    pb__svg_nice_range(&t->lo, &t->hi, &xt);
    if (!xt.n)
        return false;
    tick_labels xl;
    make_labels(s, &xt, AXIS_TIME, s->start != NULL, &xl);
    double right = xl.has_sub ? 34 : 24, bottom = xl.has_sub ? 50 : 38;
    size_t rows = place_markers(m, *n_m, t->left, CHART_W - t->left - right, t->lo, t->hi);
    double top = top_margin(rows);
    pb__svg_begin(c, f, t->name, t->title, CHART_W, top + t->row * (double)t->n + bottom, t->left,
                  right, top, bottom, t->lo, t->hi, 0, (double)t->n);
    pb__svg_axis_x(c, &xt, xl.tp, xl.has_sub ? xl.sp : NULL, t->axis);
    return true;
}

static void chart_options(FILE *f, const pb_brief *b)
{
    const pb_comparison *cmp = b->options;
    const pb_scenario *s = b->scenario;
    size_t n = cmp ? cmp->n_entries : 1;
    figure_open(f, "options", "The options side by side",
                cmp ? "Each option's finish on the same random draws: P10 to P90 as a bar, P50 and "
                      "P80 marked."
                    : "The scenario has no options: the plan alone, P10 to P90 as a bar, P50 and "
                      "P80 marked.");
    const pb_result *res[64];
    const char *names[64] = {NULL};
    n = n < 64 ? n : 64;
    for (size_t k = 0; k < n; k++) {
        res[k] = cmp ? cmp->entries[k].result : b->base;
        names[k] = cmp ? cmp->entries[k].name : "base";
    }
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        const pb_summary *d = &res[k]->duration;
        if (!isfinite(d->pct[PB_P10].value) || !isfinite(d->pct[PB_P90].value) ||
            !isfinite(d->pct[PB_P50].value) || !isfinite(d->pct[PB_P80].value)) {
            figure_missing(f, "An option has no finite percentiles.");
            fputs("</figure>\n", f);
            return;
        }
        lo = fmin(lo, d->pct[PB_P10].value);
        hi = fmax(hi, d->pct[PB_P90].value);
    }
    marker m[2];
    size_t n_m = 0;
    char axis[96];
    snprintf(axis, sizeof axis, "finish (%s from the start)", s->unit);
    double left = label_margin(names, n);
    time_rows t = {"options", "The options side by side", axis, n, 28, left, lo, hi};
    pb__svg_chart c;
    if (!time_rows_begin(f, b, &t, m, &n_m, &c)) {
        fputs("</figure>\n", f);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const pb_summary *d = &res[k]->duration;
        double y = (double)(n - k);
        row_label(&c, y - 0.5, names[k]);
        pb__svg_rect(&c, d->pct[PB_P10].value, y - 0.28, d->pct[PB_P90].value, y - 0.72,
                     k ? "range" : "range base");
        pb__svg_line(&c, d->pct[PB_P50].value, y - 0.2, d->pct[PB_P50].value, y - 0.8, "tick50");
        pb__svg_line(&c, d->pct[PB_P80].value, y - 0.2, d->pct[PB_P80].value, y - 0.8, "tick80");
    }
    draw_markers(&c, m, n_m);
    pb__svg_legend_item legend[] = {
        {"P10 to P90", "range", false}, {"P50", "tick50", true}, {"P80", "tick80", true}};
    pb__svg_legend(&c, left - 4, 12, legend, 3);
    pb__svg_end(&c);
    fputs("</figure>\n", f);
}

static void chart_timeline(FILE *f, const pb_brief *b)
{
    const pb_result *r = b->base;
    const pb_scenario *s = b->scenario;
    figure_open(f, "timeline", "Milestones over time",
                "Each milestone's median duration ending at its P50 finish, and a whisker on to "
                "its P80 finish.");
    size_t n = r->n_milestones;
    double lo = 0, hi = 0;
    bool ok = n > 0 && r->detail_iterations > 0, optional = false;
    for (size_t k = 0; ok && k < n; k++) {
        const pb_milestone_result *ms = &r->milestones[k];
        ok = isfinite(ms->finish.pct[PB_P50].value) && isfinite(ms->finish.pct[PB_P80].value) &&
             isfinite(ms->duration.pct[PB_P50].value);
        if (ok)
            hi = fmax(hi, ms->finish.pct[PB_P80].value);
        const pb_milestone *sm = pb_scenario_milestone(s, ms->id);
        optional = optional || (sm && sm->optional);
    }
    if (!ok) {
        figure_missing(f, "No milestone detail in this run.");
        fputs("</figure>\n", f);
        return;
    }
    marker m[3];
    size_t n_m = 0;
    char p[16];
    snprintf(p, sizeof p, "P%.0f", 100 * b->confidence);
    time_marker(b, &m[n_m++], b->commitment, "p80", p, NULL, 0, false, false);
    const char **names = malloc(n * sizeof *names);
    double left = 200;
    if (names) {
        for (size_t k = 0; k < n; k++)
            names[k] = r->milestones[k].name;
        left = label_margin(names, n);
        free(names);
    }
    char axis[96];
    snprintf(axis, sizeof axis, "%s from the start%s", s->unit, s->start ? " (dates below)" : "");
    time_rows t = {"timeline", "Milestones over time", axis, n, 20, left, lo, hi};
    pb__svg_chart c;
    if (!time_rows_begin(f, b, &t, m, &n_m, &c)) {
        fputs("</figure>\n", f);
        return;
    }
    lo = t.lo;
    for (size_t k = 0; k < n; k++) {
        const pb_milestone_result *ms = &r->milestones[k];
        const pb_milestone *sm = pb_scenario_milestone(s, ms->id);
        double y = (double)(n - k), p50 = ms->finish.pct[PB_P50].value,
               p80 = ms->finish.pct[PB_P80].value;
        double start = fmax(lo, p50 - ms->duration.pct[PB_P50].value);
        row_label(&c, y - 0.5, ms->name);
        pb__svg_rect(&c, start, y - 0.2, p50, y - 0.8,
                     sm && sm->optional ? "bar span optional" : "bar span");
        if (p80 > p50) {
            pb__svg_line(&c, p50, y - 0.5, p80, y - 0.5, "whisker");
            pb__svg_line(&c, p80, y - 0.3, p80, y - 0.7, "whisker");
        }
    }
    draw_markers(&c, m, n_m);
    pb__svg_legend_item legend[] = {{"median duration to the P50 finish", "bar span", false},
                                    {"on to the P80 finish", "whisker", true},
                                    {"optional scope", "bar span optional", false}};
    pb__svg_legend(&c, 4, 12, legend, optional ? 3 : 2);
    pb__svg_end(&c);
    fputs("</figure>\n", f);
}

/* ==== Page ==== */

static const char CSS[] =
    ":root{--ink:#1d2530;--muted:#5b6675;--line:#d5dbe3;--accent:#1f5fa8;--p50:#56606d;"
    "--p80:#17794a;--ask:#c86f12;--mgr:#c0392b;--crit:#e3a33b}\n"
    "*{box-sizing:border-box}\n"
    "html{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
    "sans-serif;color:var(--ink);background:#eef1f4}\n"
    "body{margin:0}\n"
    "main{max-width:1200px;margin:0 auto;padding:24px 32px 40px;background:#fff}\n"
    "h1{font-size:26px;line-height:1.2;margin:2px 0 8px}\n"
    "h2{font-size:19px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid "
    "var(--line)}\n"
    ".kicker{margin:0;font-size:12px;letter-spacing:.08em;text-transform:uppercase;"
    "color:var(--muted)}\n"
    ".lead{font-size:17px;margin:6px 0 10px}\n"
    ".facts{margin:4px 0;color:var(--ink)}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(165px,1fr));gap:10px;"
    "margin:16px 0}\n"
    ".card{border:1px solid var(--line);border-radius:6px;padding:8px 12px}\n"
    ".card .k{font-size:12px;color:var(--muted)}\n"
    ".card .v{font-size:20px;font-weight:600}\n"
    ".card .d{font-size:12px;color:var(--muted)}\n"
    ".card.commit{border-color:var(--p80)}.card.commit .v{color:var(--p80)}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(520px,100%),1fr));"
    "gap:18px 26px}\n"
    "figure{margin:0;break-inside:avoid;page-break-inside:avoid}\n"
    "figcaption{font-size:13px;color:var(--muted);margin-bottom:4px}\n"
    "figcaption strong{display:block;font-size:15px;color:var(--ink)}\n"
    "svg.chart{display:block;width:100%;height:auto}\n"
    "svg text{font-family:inherit;font-size:12px;fill:var(--ink)}\n"
    "svg .tick{fill:var(--muted);font-size:11.5px}svg .tick.sub{font-size:10px}\n"
    "svg .axis{stroke:#8a94a3;stroke-width:1}svg .grid{stroke:#e9edf1;stroke-width:1}\n"
    "svg .axis-title{fill:var(--muted);font-size:12px}\n"
    "svg .curve{fill:none;stroke:var(--accent);stroke-width:2.2;stroke-linejoin:round}\n"
    "svg .conf{stroke:var(--p80);stroke-width:1;stroke-dasharray:2 3}\n"
    "svg .mark{stroke-width:1.4}svg .mark.p50{stroke:var(--p50);stroke-dasharray:5 3}\n"
    "svg .mark.p80{stroke:var(--p80)}svg .mark.ask{stroke:var(--ask);stroke-dasharray:6 3}\n"
    "svg .mark.manager{stroke:var(--mgr);stroke-dasharray:2 2}\n"
    "svg .mark-label{font-size:11px;font-weight:600;paint-order:stroke;stroke:#fff;"
    "stroke-width:3px;stroke-linejoin:round}\n"
    "svg .mark-label.p50{fill:var(--p50)}svg .mark-label.p80{fill:var(--p80)}\n"
    "svg .mark-label.ask{fill:var(--ask)}svg .mark-label.manager{fill:var(--mgr)}\n"
    "svg .hist{fill:#8fb3dc;stroke:#fff;stroke-width:.6}\n"
    "svg .bar.sens{fill:var(--accent)}svg .bar.crit{fill:var(--crit)}\n"
    "svg .bar.span{fill:#7fa6d3}svg .bar.span.optional{fill:#d3deea}\n"
    "svg .whisker{stroke:var(--ink);stroke-width:1.5}\n"
    "svg .range{fill:#b9cfe7}svg .range.base{fill:#8fb3dc}\n"
    "svg .tick50{stroke:var(--ink);stroke-width:2.5}svg .tick80{stroke:var(--p80);"
    "stroke-width:2.5}\n"
    "svg .value{font-size:10.5px;fill:var(--muted)}svg .label{font-size:12px}\n"
    "table{border-collapse:collapse;font-size:14px;margin:8px 0 4px}\n"
    "th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:right;"
    "vertical-align:top}\n"
    "th:first-child,td:first-child{text-align:left}th{font-weight:600;color:var(--muted)}\n"
    "ol.args{padding-left:22px}ol.args>li{margin:0 0 16px}\n"
    ".says{font-weight:600;margin:0}.topic{color:var(--muted);font-size:13px;margin:0}\n"
    ".answer{margin:4px 0}.agree{color:var(--p80);font-weight:600}\n"
    ".offers{margin:4px 0 0;padding-left:18px}.offers li{margin:2px 0}\n"
    ".missing{color:var(--muted);font-style:italic}\n"
    "pre{white-space:pre-wrap;word-break:break-all;background:#f3f5f8;padding:8px 10px;"
    "border-radius:4px;font-size:13px}\n"
    "code{font-family:ui-monospace,Menlo,Consolas,monospace}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{html{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}"
    ".charts{display:block}figure{margin:0 0 7mm}svg.chart{max-height:120mm}"
    "h2{break-after:avoid;page-break-after:avoid}li,tr{break-inside:avoid}"
    ".cards{grid-template-columns:repeat(3,1fr)}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void card(FILE *f, const char *cls, const char *key, const char *value, const char *detail)
{
    fprintf(f, "<div class=\"card%s%s\"><div class=\"k\">", cls ? " " : "", cls ? cls : "");
    esc(f, key);
    fputs("</div><div class=\"v\">", f);
    esc(f, value);
    fputs("</div>", f);
    if (detail) {
        fputs("<div class=\"d\">", f);
        esc(f, detail);
        fputs("</div>", f);
    }
    fputs("</div>\n", f);
}

/* The header: what to commit to, the team and money, the manager's asks. */
static void write_header(FILE *f, const pb_brief *b)
{
    const pb_scenario *s = b->scenario;
    const pb_result *r = b->base;
    char a[96], c[96], d[96], date[11];
    fputs("<header>\n<p class=\"kicker\">Brief for the planning meeting</p>\n<h1>", f);
    esc(f, s->name);
    fputs("</h1>\n<p class=\"lead\"><strong>", f);
    pb__brief_lead(f, escf, b);
    fputs("</strong></p>\n<p class=\"facts\">", f);
    pb__brief_team(f, escf, b);
    fputs(".<br>\n", f);
    pb__brief_asks(f, escf, b);
    fputs("<br>\n", f);
    escf(f, "%s simulated projects, seed %llu.", pb__fmt_num(a, sizeof a, (double)b->iterations, 0),
         (unsigned long long)b->seed);
    char t[1024];
    for (int k = 0; k < 2; k++)
        if (k ? pb__brief_track_outside(t, sizeof t, b) : pb__brief_track_lead(t, sizeof t, b))
            fputs("<br>\n", f), esc(f, t);
    fputs("</p>\n</header>\n<section class=\"cards\">\n", f);

    char key[64];
    snprintf(key, sizeof key, "Commit to (P%.0f)", 100 * b->confidence);
    card(f, "commit", key, fv(b, b->commitment, "time", a, sizeof a),
         pb_report_date(s, b->commitment, date) ? date : NULL);
    card(f, NULL, "Aim for (P50)", fv(b, b->target, "time", a, sizeof a),
         pb_report_date(s, b->target, date) ? date : NULL);
    card(f, NULL, "Walk away below", fv(b, b->walk_away, "time", a, sizeof a),
         pb_report_date(s, b->walk_away, date) ? date : NULL);
    if (r->has_deadline) {
        snprintf(key, sizeof key, "Done by the asked %s", fv(b, r->deadline, "time", c, sizeof c));
        snprintf(d, sizeof d, "95%% CI %s to %s", fv(b, r->p_deadline.lo, "pct", a, sizeof a),
                 fv(b, r->p_deadline.hi, "pct", c, sizeof c));
        card(f, NULL, key, fv(b, r->p_deadline.value, "pct", a, sizeof a), d);
    }
    card(f, NULL, "Manager's date", fv(b, b->manager_deadline, "time", a, sizeof a),
         pb_report_date(s, b->manager_deadline, date) ? date : NULL);
    if (r->has_budget)
        snprintf(d, sizeof d, "asked %s", fv(b, r->budget, "money", c, sizeof c));
    card(f, NULL, "Cost (P80)", fv(b, r->cost.pct[PB_P80].value, "money", a, sizeof a),
         r->has_budget ? d : NULL);
    fputs("</section>\n", f);
}

/* The percentile table and what drives the date, as in the text brief. */
static void write_summary(FILE *f, const pb_brief *b)
{
    static const int lv[] = {1, 5, 8, 9};
    const pb_scenario *s = b->scenario;
    const pb_result *r = b->base;
    char a[96], date[11];
    bool dates = s->start != NULL;
    fputs("<table class=\"summary\">\n<tr><th></th><th>P10</th><th>P50</th><th>P80</th>"
          "<th>P90</th></tr>\n<tr><td>",
          f);
    escf(f, "finish (%s)", s->unit);
    fputs("</td>", f);
    for (int k = 0; k < 4; k++) {
        fputs("<td>", f);
        esc(f, pb__fmt_num(a, sizeof a, r->duration.pct[lv[k]].value, 1));
        fputs("</td>", f);
    }
    if (dates) {
        fputs("</tr>\n<tr><td>date</td>", f);
        for (int k = 0; k < 4; k++) {
            fputs("<td>", f);
            esc(f, pb_report_date(s, r->duration.pct[lv[k]].value, date) ? date : "n/a");
            fputs("</td>", f);
        }
    }
    fputs("</tr>\n<tr><td>", f);
    escf(f, "cost (%s)", s->currency);
    fputs("</td>", f);
    for (int k = 0; k < 4; k++) {
        fputs("<td>", f);
        esc(f, pb__fmt_num(a, sizeof a, r->cost.pct[lv[k]].value, 0));
        fputs("</td>", f);
    }
    fputs("</tr>\n</table>\n", f);

    if (r->n_milestones) {
        fputs("<p class=\"drivers\">", f);
        pb__brief_drivers(f, escf, b);
        fputs(".</p>\n", f);
    }
}

/* The audit of our own ask, before any pushback (as the text prep sheet has it). */
static void write_audit(FILE *f, const pb_brief *b)
{
    const pb_audit *a = b->audit;
    if (!a || !a->has_ask)
        return;
    fputs("<section id=\"audit\">\n<h2>First, our own ask</h2>\n<p>", f);
    char ci[160];
    escf(f, "Our ask holds jointly in %s of simulated projects.", pb__pct_ci(ci, sizeof ci, &a->p));
    fputs("</p>\n<ul>\n", f);
    static const char *const order[] = {"metric", "dominated", "under-ask", "over-ask"};
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < a->n_findings; i++)
            if (!strcmp(a->findings[i].kind, order[k])) {
                fputs("<li>", f);
                escf(f, "%s: %s.", a->findings[i].kind, a->findings[i].text);
                fputs("</li>\n", f);
            }
    fputs("</ul>\n</section>\n", f);
}

/* The list number of the move before move i with the same v1 offer o (its kind and text), or
   0: an offer made before is not repeated. */
static size_t html_said_before(const pb_brief *b, size_t i, const pb_offer *o)
{
    for (size_t j = 0; j < i; j++) {
        const pb_argument *a = &b->arguments[j];
        for (size_t k = 0; !a->offer_text && k < a->n_offers && k < 1; k++)
            if (!strcmp(a->offers[k].kind, o->kind) && !strcmp(a->offers[k].text, o->text))
                return j + 1;
    }
    return 0;
}

/* The number, in this page's list (the moves in order of pressure), of the first move above
   move i with the same counter-offer deal (0: none). The prep sheet numbers its moves
   otherwise (the top five first), so its offer_same is not this list's. */
static size_t html_same_offer(const pb_brief *b, size_t i)
{
    const pb_argument *g = &b->arguments[i];
    for (size_t j = 0; g->offer_deal && j < i; j++)
        if (b->arguments[j].offer_text && b->arguments[j].offer_deal == g->offer_deal)
            return j + 1;
    return 0;
}

static void write_arguments(FILE *f, const pb_brief *b)
{
    fputs("<section id=\"pushback\">\n<h2>What the manager will say, and what the numbers "
          "say</h2>\n",
          f);
    if (!b->n_arguments) {
        fputs("<p>No rule of the rulebook fires on this plan.</p>\n</section>\n", f);
        return;
    }
    fputs("<ol class=\"args\">\n", f);
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *g = &b->arguments[i];
        fprintf(f, "<li class=\"arg%s\" data-rule=\"", g->conceded ? " conceded" : "");
        esc(f, g->id);
        fputs("\">\n<p class=\"says\">", f);
        escf(f, "\u201c%s\u201d", g->says ? g->says : "");
        fputs("</p>\n<p class=\"topic\">", f);
        esc(f, g->topic);
        if (g->interest) {
            fputs("; ", f);
            esc(f, g->interest);
        }
        fputs("</p>\n<p class=\"answer\">", f);
        if (g->conceded && !g->question) /* a question answered is no agreement */
            fputs("<span class=\"agree\">We agree.</span> ", f);
        esc(f, g->answer);
        fputs("</p>\n", f);
        if (g->offer_text) {
            fputs("<ul class=\"offers\">\n<li class=\"offer\">", f);
            size_t same = html_same_offer(b, i);
            if (same) /* an offer made above is not repeated: this list's own number */
                fprintf(f, "Our counter-offer: the same as to move %zu.", same);
            else
                esc(f, g->offer_text);
            fputs("</li>\n</ul>\n", f);
        }
        if (g->n_offers && !g->offer_text) {
            fputs("<ul class=\"offers\">\n", f);
            /* the rulebook's words say each offer; the kind is the JSON's */
            for (size_t k = 0, last = 0; k < g->n_offers && k < 1; k++) { /* one counter-offer */
                size_t before = html_said_before(b, i, &g->offers[k]);
                if (before && before != last)
                    fprintf(f, "<li class=\"offer\">The same as to move %zu.</li>\n", before);
                if ((last = before))
                    continue;
                fputs("<li class=\"offer\">", f);
                esc(f, g->offers[k].text);
                fputs("</li>\n", f);
            }
            fputs("</ul>\n", f);
        }
        fputs("</li>\n", f);
    }
    fputs("</ol>\n</section>\n", f);
}

static void write_options(FILE *f, const pb_brief *b)
{
    const pb_comparison *cmp = b->options;
    const pb_scenario *s = b->scenario;
    char a[96], c[96], d[96], e[96];
    if (!cmp || cmp->n_entries < 2)
        return;
    fputs("<section id=\"options\">\n<h2>Options side by side (same random draws)</h2>\n"
          "<table class=\"options\">\n<tr><th>option</th><th>P50</th><th>P80</th><th>",
          f);
    escf(f, "P(by %s)", fv(b, s->ask_deadline, "time", a, sizeof a));
    fputs("</th><th>cost P80</th><th>vs base, P80</th></tr>\n", f);
    for (size_t k = 0; k < cmp->n_entries; k++) {
        const pb_compare_entry *en = &cmp->entries[k];
        const pb_result *x = en->result;
        char diff[160] = "-";
        if (k && isfinite(en->vs_base.p80.value) && isfinite(en->vs_base.p80.lo) &&
            isfinite(en->vs_base.p80.hi))
            snprintf(diff, sizeof diff, "%+.2f (%+.2f to %+.2f)", en->vs_base.p80.value,
                     en->vs_base.p80.lo, en->vs_base.p80.hi);
        fv(b, x->p_deadline.value, "pct", a, sizeof a);
        if (!x->has_deadline)
            snprintf(a, sizeof a, "-");
        fputs("<tr><td>", f);
        esc(f, en->name);
        fputs("</td><td>", f);
        esc(f, pb__fmt_num(c, sizeof c, x->duration.pct[PB_P50].value, 1));
        fputs("</td><td>", f);
        esc(f, pb__fmt_num(d, sizeof d, x->duration.pct[PB_P80].value, 1));
        fputs("</td><td>", f);
        esc(f, a);
        fputs("</td><td>", f);
        esc(f, pb__fmt_num(e, sizeof e, x->cost.pct[PB_P80].value, 0));
        fputs("</td><td>", f);
        esc(f, diff);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n</section>\n", f);
}

static void write_gaps(FILE *f, const pb_brief *b)
{
    if (!b->n_gaps)
        return;
    fputs("<section id=\"gaps\">\n<h2>Gaps a manager will find</h2>\n<ol class=\"gaps\">\n", f);
    for (size_t k = 0; k < b->n_gaps; k++) {
        fputs("<li>", f);
        escf(f, "\u201c%s\u201d", b->gaps[k].question);
        fputs("</li>\n", f);
    }
    fputs("</ol>\n<p><code>pushback check</code> says what to add to the scenario for each.</p>\n"
          "</section>\n",
          f);
}

static void write_reproduce(FILE *f, const pb_report_ctx *ctx, const pb_brief *b)
{
    const pb_scenario *s = b->scenario;
    char a[96];
    fputs("<section id=\"reproduce\">\n<h2>Reproduce</h2>\n<p>", f);
    escf(f, "pushback %s, scenario %s (sha256 ", PB_VERSION, s->path ? s->path : s->name);
    fputs("<code>", f);
    esc(f, s->sha256);
    fputs("</code>", f);
    escf(f, "), seed %llu, %s iterations, rulebook %s.", (unsigned long long)b->seed,
         pb__fmt_num(a, sizeof a, (double)b->iterations, 0),
         b->rulebook_path ? b->rulebook_path : "(default)");
    fputs("</p>\n", f);
    if (ctx && ctx->command) {
        fputs("<pre><code>", f);
        esc(f, ctx->command);
        fputs("</code></pre>\n", f);
    }
    if (b->n_skipped) {
        fputs("<p>Rules not raised:</p>\n<ul class=\"skipped\">\n", f);
        for (size_t k = 0; k < b->n_skipped; k++) {
            fputs("<li>", f);
            esc(f, b->skipped[k]);
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    fputs("</section>\n", f);
}

pb_status pb_report_brief_html(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err)
{
    const pb_scenario *s = b->scenario;
    const pb_result *r = b->base;
    double *scratch = malloc((r->iterations ? r->iterations : 1) * sizeof *scratch);
    if (!scratch)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    char p50[64], p80[64];
    json_digits(b->target, p50, sizeof p50);
    json_digits(b->commitment, p80, sizeof p80);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"", f);
    if (*p50)
        fprintf(f, " data-p50=\"%s\"", p50);
    if (*p80)
        fprintf(f, " data-p80=\"%s\"", p80);
    fputs(">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"pushback " PB_VERSION "\">\n"
          "<link rel=\"icon\" href=\"data:,\">\n<title>",
          f);
    esc(f, s->name);
    fputs(": brief for the planning meeting</title>\n<style>\n", f);
    fputs(CSS, f);
    fputs("</style>\n</head>\n<body>\n<main>\n", f);
    write_header(f, b);
    write_audit(f, b);
    write_summary(f, b);
    fputs("<section id=\"charts\">\n<h2>The numbers in pictures</h2>\n<div class=\"charts\">\n", f);
    chart_finish(f, b, scratch);
    chart_histogram(f, b);
    chart_tornado(f, b);
    chart_options(f, b);
    chart_timeline(f, b);
    chart_budget(f, b, scratch);
    fputs("</div>\n</section>\n", f);
    pb__brief_interests_html(f, b);
    write_arguments(f, b);
    write_options(f, b);
    write_gaps(f, b);
    write_reproduce(f, ctx, b);
    fputs("</main>\n</body>\n</html>\n", f);
    free(scratch);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the brief");
    return PB_OK;
}

/* ==== For the proposal page (report_manager_html.c) ==== */

const char *pb__brief_css(void)
{
    return CSS;
}

void pb__brief_charts(FILE *f, const pb_brief *b)
{
    const pb_result *r = b->base;
    double *scratch = malloc((r->iterations ? r->iterations : 1) * sizeof *scratch);
    fputs("<div class=\"charts\">\n", f);
    if (scratch)
        chart_finish(f, b, scratch);
    chart_histogram(f, b);
    chart_tornado(f, b);
    chart_options(f, b);
    chart_timeline(f, b);
    if (scratch)
        chart_budget(f, b, scratch);
    fputs("</div>\n", f);
    free(scratch);
}
