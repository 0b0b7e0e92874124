/*
 * svg.c - a small SVG writer for the HTML brief's charts (internal).
 *
 * Everything here writes straight to the chart's stream with fprintf: no
 * buffers, no allocation, no state outside the pb__svg_chart the caller owns.
 * Coordinates go through one number writer with a fixed number of decimals,
 * which is what makes the output deterministic; elements with a non-finite
 * value are dropped before anything of them is written. Tick picking works
 * on the exact decimal form of the step (m x 10^e, m in {1, 2, 2.5, 5}) and
 * builds each tick by one division by a power of ten, so 0.3 comes out as the
 * double nearest 0.3, not 3 x 0.1.
 */
#include "svg.h"

#include <math.h>
#include <string.h>

/* ==== Text ==== */

void pb__svg_escape(FILE *f, const char *s)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            if ((*p >= 0x20 && *p != 0x7f) || *p == '\t' || *p == '\n' || *p == '\r')
                fputc(*p, f);
        }
    }
}

/* Code points of s (bytes that do not continue a UTF-8 sequence). */
static size_t n_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xc0) != 0x80;
    return n;
}

const char *pb__svg_clip(const char *s, size_t max_chars, char *buf, size_t cap)
{
    static const char ellipsis[] = "\u2026";
    const size_t el = sizeof ellipsis - 1;
    if (!buf || cap == 0)
        return buf;
    buf[0] = '\0';
    if (!s)
        return buf;
    size_t len = strlen(s);
    if (n_chars(s) <= max_chars && len < cap) {
        memcpy(buf, s, len + 1);
        return buf;
    }
    /* keep max_chars - 1 code points and the ellipsis, within cap */
    size_t keep = max_chars ? max_chars - 1 : 0, bytes = 0, chars = 0;
    while (s[bytes]) {
        size_t next = bytes + 1;
        while (s[next] && ((unsigned char)s[next] & 0xc0) == 0x80)
            next++;
        if (chars + 1 > keep || next + el + 1 > cap)
            break;
        bytes = next;
        chars++;
    }
    memcpy(buf, s, bytes);
    if (bytes + el + 1 <= cap) {
        memcpy(buf + bytes, ellipsis, el + 1);
    } else {
        buf[bytes] = '\0';
    }
    return buf;
}

double pb__svg_text_width(const char *text, double size)
{
    return text ? 0.56 * size * (double)n_chars(text) : 0;
}

/* ==== Ticks ==== */

/* 10^e exactly for the small |e| axes need (doubles hold 10^0 .. 10^22 exactly). */
static double pow10i(int e)
{
    double p = 1;
    for (int i = 0; i < (e < 0 ? -e : e) && i < 300; i++)
        p *= 10;
    return p;
}

/* m x 10^e as the double nearest its decimal value. */
static double decimal(double m, int e)
{
    return e >= 0 ? m * pow10i(e) : m / pow10i(-e);
}

/* An empty (or nearly empty) range [lo, hi], lo <= hi, widened around its value. */
static void widen(double *lo, double *hi)
{
    double mag = fmax(fabs(*lo), fabs(*hi));
    if (*hi - *lo <= mag * 1e-9) {
        double d = mag > 0 ? 0.1 * mag : 1;
        *lo -= d;
        *hi += d;
    }
}

void pb__svg_ticks_pick(double lo, double hi, pb__svg_ticks *out)
{
    static const double mult[] = {5, 2.5, 2, 1};
    memset(out, 0, sizeof *out);
    if (!isfinite(lo) || !isfinite(hi))
        return;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    widen(&lo, &hi);
    double mag = fmax(fabs(lo), fabs(hi)), span = hi - lo;
    if (!isfinite(span) || span <= 0 || mag > 1e300)
        return;
    int k = (int)floor(log10(span));
    for (int e = k; e >= k - 2; e--) {
        for (size_t j = 0; j < sizeof mult / sizeof *mult; j++) {
            /* step = mult[j] x 10^e; ticks are i x step for i in [first, last] */
            double step = decimal(mult[j], e);
            double first = ceil(lo / step - 1e-9), last = floor(hi / step + 1e-9);
            if (last - first + 1 < 4)
                continue;
            for (double i = first; i <= last && out->n < PB__SVG_MAX_TICKS; i++)
                out->v[out->n++] = decimal(i * mult[j], e) + 0.0;
            out->step = step;
            int dec = -e + (mult[j] == 2.5);
            out->decimals = dec < 0 ? 0 : dec > 15 ? 15 : dec;
            return;
        }
    }
}

void pb__svg_nice_range(double *lo, double *hi, pb__svg_ticks *out)
{
    memset(out, 0, sizeof *out);
    if (!isfinite(*lo) || !isfinite(*hi))
        return;
    double a = fmin(*lo, *hi), b = fmax(*lo, *hi);
    widen(&a, &b);
    for (int round = 0; round < 4; round++) {
        pb__svg_ticks_pick(a, b, out);
        if (!out->n)
            return;
        double s = out->step;
        double na = floor(a / s + 1e-9) * s + 0.0, nb = ceil(b / s - 1e-9) * s + 0.0;
        if (na == a && nb == b)
            break;
        a = na;
        b = nb;
    }
    pb__svg_ticks_pick(a, b, out);
    *lo = a;
    *hi = b;
}

/* ==== Frame and mapping ==== */

void pb__svg_num(FILE *f, double v)
{
    char buf[48];
    if (!isfinite(v))
        v = 0;
    if (v > 1e9)
        v = 1e9;
    if (v < -1e9)
        v = -1e9;
    snprintf(buf, sizeof buf, "%.*f", PB__SVG_DECIMALS, v);
    if (buf[0] == '-') {
        /* "-0.00" is zero */
        bool zero = true;
        for (const char *p = buf + 1; *p; p++)
            if (*p != '0' && *p != '.')
                zero = false;
        if (zero) {
            fputs(buf + 1, f);
            return;
        }
    }
    fputs(buf, f);
}

void pb__svg_begin(pb__svg_chart *c, FILE *f, const char *name, const char *title, double width,
                   double height, double left, double right, double top, double bottom, double x_lo,
                   double x_hi, double y_lo, double y_hi)
{
    c->f = f;
    c->width = width;
    c->height = height;
    c->left = left;
    c->top = top;
    c->plot_w = width - left - right > 1 ? width - left - right : 1;
    c->plot_h = height - top - bottom > 1 ? height - top - bottom : 1;
    if (!(x_hi > x_lo) || !isfinite(x_hi - x_lo)) {
        x_lo = isfinite(x_lo) ? x_lo : 0;
        x_hi = x_lo + 1;
    }
    if (!(y_hi > y_lo) || !isfinite(y_hi - y_lo)) {
        y_lo = isfinite(y_lo) ? y_lo : 0;
        y_hi = y_lo + 1;
    }
    c->x_lo = x_lo;
    c->x_hi = x_hi;
    c->y_lo = y_lo;
    c->y_hi = y_hi;
    fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ", f);
    pb__svg_num(f, width);
    fputc(' ', f);
    pb__svg_num(f, height);
    fputs("\" width=\"", f);
    pb__svg_num(f, width);
    fputs("\" height=\"", f);
    pb__svg_num(f, height);
    fputs("\" role=\"img\" data-chart=\"", f);
    pb__svg_escape(f, name);
    fputs("\" aria-label=\"", f);
    pb__svg_escape(f, title);
    fputs("\">\n<title>", f);
    pb__svg_escape(f, title);
    fputs("</title>\n", f);
}

void pb__svg_end(pb__svg_chart *c)
{
    fputs("</svg>\n", c->f);
}

double pb__svg_px(const pb__svg_chart *c, double x)
{
    return c->left + (x - c->x_lo) / (c->x_hi - c->x_lo) * c->plot_w;
}

double pb__svg_py(const pb__svg_chart *c, double y)
{
    return c->top + c->plot_h - (y - c->y_lo) / (c->y_hi - c->y_lo) * c->plot_h;
}

/* ==== Elements ==== */

static void attr(FILE *f, const char *name, double v)
{
    fprintf(f, " %s=\"", name);
    pb__svg_num(f, v);
    fputc('"', f);
}

static void cls_attr(FILE *f, const char *cls)
{
    if (cls && *cls) {
        fputs(" class=\"", f);
        pb__svg_escape(f, cls);
        fputc('"', f);
    }
}

static bool finite4(double a, double b, double c, double d)
{
    return isfinite(a) && isfinite(b) && isfinite(c) && isfinite(d);
}

void pb__svg_line_px(const pb__svg_chart *c, double x1, double y1, double x2, double y2,
                     const char *cls)
{
    if (!finite4(x1, y1, x2, y2))
        return;
    fputs("<line", c->f);
    attr(c->f, "x1", x1);
    attr(c->f, "y1", y1);
    attr(c->f, "x2", x2);
    attr(c->f, "y2", y2);
    cls_attr(c->f, cls);
    fputs("/>\n", c->f);
}

void pb__svg_line(const pb__svg_chart *c, double x1, double y1, double x2, double y2,
                  const char *cls)
{
    pb__svg_line_px(c, pb__svg_px(c, x1), pb__svg_py(c, y1), pb__svg_px(c, x2), pb__svg_py(c, y2),
                    cls);
}

void pb__svg_rect(const pb__svg_chart *c, double x1, double y1, double x2, double y2,
                  const char *cls)
{
    double a = pb__svg_px(c, x1), b = pb__svg_py(c, y1), d = pb__svg_px(c, x2),
           e = pb__svg_py(c, y2);
    if (!finite4(a, b, d, e))
        return;
    fputs("<rect", c->f);
    attr(c->f, "x", fmin(a, d));
    attr(c->f, "y", fmin(b, e));
    attr(c->f, "width", fabs(d - a));
    attr(c->f, "height", fabs(e - b));
    cls_attr(c->f, cls);
    fputs("/>\n", c->f);
}

void pb__svg_polyline(const pb__svg_chart *c, const double *x, const double *y, size_t n,
                      const char *cls)
{
    if (n < 2)
        return;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(pb__svg_px(c, x[i])) || !isfinite(pb__svg_py(c, y[i])))
            return;
    fputs("<polyline points=\"", c->f);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(' ', c->f);
        pb__svg_num(c->f, pb__svg_px(c, x[i]));
        fputc(',', c->f);
        pb__svg_num(c->f, pb__svg_py(c, y[i]));
    }
    fputc('"', c->f);
    cls_attr(c->f, cls);
    fputs("/>\n", c->f);
}

void pb__svg_text_px(const pb__svg_chart *c, double px, double py, const char *anchor,
                     const char *cls, const char *text, const char *tip)
{
    if (!isfinite(px) || !isfinite(py) || !text)
        return;
    fputs("<text", c->f);
    attr(c->f, "x", px);
    attr(c->f, "y", py);
    if (anchor && strcmp(anchor, "start")) {
        fputs(" text-anchor=\"", c->f);
        pb__svg_escape(c->f, anchor);
        fputc('"', c->f);
    }
    cls_attr(c->f, cls);
    fputc('>', c->f);
    pb__svg_escape(c->f, text);
    if (tip) {
        fputs("<title>", c->f);
        pb__svg_escape(c->f, tip);
        fputs("</title>", c->f);
    }
    fputs("</text>\n", c->f);
}

void pb__svg_text(const pb__svg_chart *c, double x, double y, double dx, double dy,
                  const char *anchor, const char *cls, const char *text, const char *tip)
{
    pb__svg_text_px(c, pb__svg_px(c, x) + dx, pb__svg_py(c, y) + dy, anchor, cls, text, tip);
}

/* ==== Axes and legend ==== */

/* Is v inside [lo, hi], allowing for rounding? */
static bool inside(double v, double lo, double hi)
{
    double eps = 1e-9 * (hi - lo);
    return v >= lo - eps && v <= hi + eps;
}

void pb__svg_axis_x(const pb__svg_chart *c, const pb__svg_ticks *t, const char *const *labels,
                    const char *const *sub, const char *title)
{
    double base = c->top + c->plot_h;
    for (size_t i = 0; t && i < t->n; i++) {
        if (!inside(t->v[i], c->x_lo, c->x_hi))
            continue;
        double x = pb__svg_px(c, t->v[i]);
        char buf[64];
        pb__svg_line_px(c, x, c->top, x, base, "grid");
        pb__svg_line_px(c, x, base, x, base + 4, "axis");
        if (labels)
            pb__svg_text_px(c, x, base + 16, "middle", "tick", labels[i], NULL);
        else {
            snprintf(buf, sizeof buf, "%.*f", t->decimals, t->v[i] + 0.0);
            pb__svg_text_px(c, x, base + 16, "middle", "tick", buf, NULL);
        }
        if (sub && sub[i])
            pb__svg_text_px(c, x, base + 29, "middle", "tick sub", sub[i], NULL);
    }
    pb__svg_line_px(c, c->left, base, c->left + c->plot_w, base, "axis");
    if (title)
        pb__svg_text_px(c, c->left + c->plot_w / 2, c->height - 6, "middle", "axis-title", title,
                        NULL);
}

void pb__svg_axis_y(const pb__svg_chart *c, const pb__svg_ticks *t, const char *const *labels,
                    const char *title)
{
    for (size_t i = 0; t && i < t->n; i++) {
        if (!inside(t->v[i], c->y_lo, c->y_hi))
            continue;
        double y = pb__svg_py(c, t->v[i]);
        char buf[64];
        pb__svg_line_px(c, c->left, y, c->left + c->plot_w, y, "grid");
        pb__svg_line_px(c, c->left - 4, y, c->left, y, "axis");
        if (labels)
            pb__svg_text_px(c, c->left - 7, y + 4, "end", "tick", labels[i], NULL);
        else {
            snprintf(buf, sizeof buf, "%.*f", t->decimals, t->v[i] + 0.0);
            pb__svg_text_px(c, c->left - 7, y + 4, "end", "tick", buf, NULL);
        }
    }
    pb__svg_line_px(c, c->left, c->top, c->left, c->top + c->plot_h, "axis");
    if (title) {
        double x = 14, y = c->top + c->plot_h / 2;
        fputs("<text", c->f);
        attr(c->f, "x", x);
        attr(c->f, "y", y);
        fputs(" text-anchor=\"middle\" transform=\"rotate(-90 ", c->f);
        pb__svg_num(c->f, x);
        fputc(' ', c->f);
        pb__svg_num(c->f, y);
        fputs(")\" class=\"axis-title\">", c->f);
        pb__svg_escape(c->f, title);
        fputs("</text>\n", c->f);
    }
}

void pb__svg_legend(const pb__svg_chart *c, double px, double py, const pb__svg_legend_item *items,
                    size_t n)
{
    double x = px;
    for (size_t i = 0; i < n; i++) {
        const pb__svg_legend_item *it = &items[i];
        if (it->line) {
            pb__svg_line_px(c, x, py, x + 18, py, it->cls);
        } else {
            fputs("<rect", c->f);
            attr(c->f, "x", x + 3);
            attr(c->f, "y", py - 5);
            attr(c->f, "width", 12);
            attr(c->f, "height", 10);
            cls_attr(c->f, it->cls);
            fputs("/>\n", c->f);
        }
        pb__svg_text_px(c, x + 23, py + 4, "start", "legend", it->label, NULL);
        x += 23 + pb__svg_text_width(it->label, 12) + 16;
    }
}
