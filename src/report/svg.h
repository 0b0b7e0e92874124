/*
 * svg.h - a small SVG writer for the HTML brief's charts (internal).
 *
 * A chart is a frame of fixed pixel size with a plot area inside it and a
 * linear mapping from data coordinates to pixels on each axis. Elements are
 * written straight to the FILE* the chart was begun on, in the order they are
 * drawn; nothing is buffered or allocated. Every number is written with a
 * fixed number of decimals (PB__SVG_DECIMALS), so the same data gives
 * byte-identical output on every platform, and an element with a coordinate
 * that is not finite is left out rather than written as NaN or infinity.
 * Styling is left to CSS: elements carry a 'class' and the page's stylesheet
 * gives them colours, so the writer holds no palette. Every text goes through
 * pb__svg_escape(), which also serves the HTML around the charts.
 */
#ifndef PUSHBACK_SVG_H
#define PUSHBACK_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PB__SVG_DECIMALS  2  /* decimals of every coordinate written */
#define PB__SVG_MAX_TICKS 10 /* room in pb__svg_ticks (the picker gives at most 8) */

/* A chart being written: its stream, pixel frame and data ranges. */
typedef struct pb__svg_chart {
    FILE *f;
    double width, height;  /* whole drawing, pixels */
    double left, top;      /* plot area's top-left corner, pixels */
    double plot_w, plot_h; /* plot area's size, pixels (> 0) */
    double x_lo, x_hi;     /* data range shown across the plot area */
    double y_lo, y_hi;     /* data range shown up the plot area (y_lo at the bottom) */
} pb__svg_chart;

/* Round tick positions: multiples of 'step', written with 'decimals'. */
typedef struct pb__svg_ticks {
    size_t n;
    double v[PB__SVG_MAX_TICKS]; /* increasing */
    double step;                 /* 1, 2, 2.5 or 5 times a power of ten */
    int decimals;                /* enough to tell the ticks apart, 0 .. 15 */
} pb__svg_ticks;

/* One legend entry: a swatch of class 'cls' ("line" draws a stroke, else a box). */
typedef struct pb__svg_legend_item {
    const char *label;
    const char *cls;
    bool line;
} pb__svg_legend_item;

/*
 * Write 's' as XML/HTML text or attribute content: '&', '<', '>', '"' and
 * '\'' become entities; control characters other than tab, newline and
 * carriage return are dropped (XML forbids them). NULL writes nothing.
 */
void pb__svg_escape(FILE *f, const char *s);

/*
 * Copy at most 'max_chars' characters (UTF-8 code points) of 's' into buf
 * (cap bytes), ending it with an ellipsis (U+2026, counted as one of them)
 * when it was cut or did not fit; a cut never splits a code point. Returns
 * buf. NULL gives "".
 */
const char *pb__svg_clip(const char *s, size_t max_chars, char *buf, size_t cap);

/*
 * Pick between 4 and 8 ticks inside [lo, hi] at a round step (1, 2, 2.5 or
 * 5 times a power of ten): the largest such step giving at least 4. The
 * bounds may come in either order; when they are equal (or nearly so) the
 * range is widened around them first (by 10% of |lo|, or by 1 around 0). A
 * bound that is not finite gives n = 0.
 */
void pb__svg_ticks_pick(double lo, double hi, pb__svg_ticks *out);

/*
 * Widen [*lo, *hi] outwards to multiples of the step pb__svg_ticks_pick
 * chooses for it, so that an axis starts and ends on a tick; then fill 'out'
 * with the ticks of the widened range. On return *lo < *hi: an empty range
 * is widened around its value first, as pb__svg_ticks_pick does. Non-finite
 * bounds are left alone (out->n = 0).
 */
void pb__svg_nice_range(double *lo, double *hi, pb__svg_ticks *out);

/*
 * Begin a chart of width x height pixels on 'f', with margins (pixels) left,
 * right, top and bottom around the plot area, mapping [x_lo, x_hi] across and
 * [y_lo, y_hi] up it. Writes the <svg> element with data-chart="name" and a
 * <title> holding 'title' (both escaped). An empty range on an axis is
 * widened by 1 so that the mapping stays finite.
 */
void pb__svg_begin(pb__svg_chart *c, FILE *f, const char *name, const char *title, double width,
                   double height, double left, double right, double top, double bottom, double x_lo,
                   double x_hi, double y_lo, double y_hi);

/* Close the chart's <svg> element. */
void pb__svg_end(pb__svg_chart *c);

/* Data to pixels. */
double pb__svg_px(const pb__svg_chart *c, double x);
double pb__svg_py(const pb__svg_chart *c, double y);

/* Write one number the deterministic way ("%.2f", never "-0.00"; non-finite as 0). */
void pb__svg_num(FILE *f, double v);

/*
 * Primitives in data coordinates. 'cls' may be NULL. A rectangle takes any two
 * opposite corners. A polyline of n < 2 points, or with a point that is not
 * finite, is not written; nor is any other element with a non-finite value.
 */
void pb__svg_line(const pb__svg_chart *c, double x1, double y1, double x2, double y2,
                  const char *cls);
void pb__svg_rect(const pb__svg_chart *c, double x1, double y1, double x2, double y2,
                  const char *cls);
void pb__svg_polyline(const pb__svg_chart *c, const double *x, const double *y, size_t n,
                      const char *cls);

/*
 * Text at data point (x, y) moved by (dx, dy) pixels; 'anchor' is "start",
 * "middle" or "end". 'tip', when not NULL, becomes a tooltip (<title>).
 */
void pb__svg_text(const pb__svg_chart *c, double x, double y, double dx, double dy,
                  const char *anchor, const char *cls, const char *text, const char *tip);

/* Text and a line at pixel positions, for labels outside the plot area. */
void pb__svg_text_px(const pb__svg_chart *c, double px, double py, const char *anchor,
                     const char *cls, const char *text, const char *tip);
void pb__svg_line_px(const pb__svg_chart *c, double x1, double y1, double x2, double y2,
                     const char *cls);

/*
 * The x axis along the bottom of the plot area: a baseline, a tick and a
 * grid line per tick inside the x range, and labels: labels[i] when 'labels'
 * is not NULL (else the value with t->decimals), sub[i] on a second line
 * when 'sub' and sub[i] are not NULL; 'title' (may be NULL) centred below.
 */
void pb__svg_axis_x(const pb__svg_chart *c, const pb__svg_ticks *t, const char *const *labels,
                    const char *const *sub, const char *title);

/* The y axis along the left of the plot area, likewise; 'title' written rotated. */
void pb__svg_axis_y(const pb__svg_chart *c, const pb__svg_ticks *t, const char *const *labels,
                    const char *title);

/*
 * A legend in one row starting at pixel (px, py) (the swatches' vertical
 * centre), entries spaced by their labels' estimated width.
 */
void pb__svg_legend(const pb__svg_chart *c, double px, double py, const pb__svg_legend_item *items,
                    size_t n);

/* Estimated width in pixels of 'text' at a font size of 'size' pixels. */
double pb__svg_text_width(const char *text, double size);

#endif
