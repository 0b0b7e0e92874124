/*
 * test_svg.c - the SVG writer (escaping, mapping, round ticks, fixed-width
 * numbers, deterministic output) and the HTML brief built on it: scenario
 * text escaped, every chart present, P50/P80 with the JSON brief's digits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"
#include "svg.h"

/* ==== Helpers ==== */

/* A memory stream; fclose() then read *buf (free it). */
static FILE *mem(char **buf, size_t *len)
{
    FILE *f = open_memstream(buf, len);
    cr_assert_not_null(f);
    return f;
}

static char *escaped(const char *s)
{
    char *buf;
    size_t len;
    FILE *f = mem(&buf, &len);
    pb__svg_escape(f, s);
    fclose(f);
    return buf;
}

/* True when v is a multiple of step, within rounding. */
static bool multiple_of(double v, double step)
{
    double q = v / step;
    return fabs(q - round(q)) < 1e-6;
}

/* Is step one of 1, 2, 2.5, 5 times a power of ten? */
static bool round_step(double step)
{
    double e = floor(log10(step)), m = step / pow(10, e);
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9 ||
           fabs(m - 10) < 1e-9;
}

/* A small chart with a bit of everything, written to memory. */
static char *draw(void)
{
    char *buf;
    size_t len;
    FILE *f = mem(&buf, &len);
    pb__svg_chart c;
    pb__svg_ticks t;
    double lo = 0.37, hi = 47.9;
    pb__svg_nice_range(&lo, &hi, &t);
    pb__svg_begin(&c, f, "demo", "A <demo> & more", 400, 250, 50, 20, 30, 40, lo, hi, 0, 1);
    pb__svg_axis_x(&c, &t, NULL, NULL, "weeks");
    double xs[] = {1.13, 7.9, 23.385, 47.2}, ys[] = {0.01, 0.25, 0.5, 0.999};
    pb__svg_polyline(&c, xs, ys, 4, "curve");
    pb__svg_rect(&c, 10.5, 0.1, 3.25, 0.75, "bar");
    pb__svg_line(&c, 17.3, 0, 17.3, 1, "mark p80");
    pb__svg_text(&c, 17.3, 1, 0, -4, "middle", "mark-label", "P80 'x' < 18", "tip \"y\"");
    pb__svg_legend_item items[] = {{"curve", "curve", true}, {"bars", "bar", false}};
    pb__svg_legend(&c, 50, 12, items, 2);
    pb__svg_end(&c);
    fclose(f);
    return buf;
}

/* ==== Text ==== */

Test(svg, escapes_the_five_xml_specials_and_drops_control_characters, .init = test_setup)
{
    char *s = escaped("a<b>&\"c'd\x01\x7f\te\n");
    cr_assert_str_eq(s, "a&lt;b&gt;&amp;&quot;c&#39;d\te\n");
    free(s);
    s = escaped("<script>alert(1)</script>");
    cr_assert_str_eq(s, "&lt;script&gt;alert(1)&lt;/script&gt;");
    free(s);
    s = escaped(NULL);
    cr_assert_str_eq(s, "");
    free(s);
    s = escaped("caf\xc3\xa9 \xe2\x80\x93 ok");
    cr_assert_str_eq(s, "caf\xc3\xa9 \xe2\x80\x93 ok");
    free(s);
}

Test(svg, clips_long_labels_on_code_point_boundaries, .init = test_setup)
{
    char buf[64];
    cr_assert_str_eq(pb__svg_clip("short", 10, buf, sizeof buf), "short");
    cr_assert_str_eq(pb__svg_clip("Training and error-analysis", 9, buf, sizeof buf),
                     "Training\xe2\x80\xa6");
    /* five two-byte letters cut to three characters: two letters and the ellipsis */
    cr_assert_str_eq(pb__svg_clip("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, buf, sizeof buf),
                     "\xc3\xa9\xc3\xa9\xe2\x80\xa6");
    /* a buffer too small for the text keeps whole code points */
    char tiny[8];
    pb__svg_clip("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 10, tiny, sizeof tiny);
    cr_assert_str_eq(tiny, "\xc3\xa9\xc3\xa9\xe2\x80\xa6");
    cr_assert_str_eq(pb__svg_clip(NULL, 5, buf, sizeof buf), "");
}

/* ==== Mapping and numbers ==== */

Test(svg, maps_data_to_the_plot_area, .init = test_setup)
{
    char *buf;
    size_t len;
    FILE *f = mem(&buf, &len);
    pb__svg_chart c;
    /* 200 x 100 pixels, margins left 10, right 20, top 5, bottom 15 */
    pb__svg_begin(&c, f, "map", "map", 200, 100, 10, 20, 5, 15, 2.5, 12.5, -1, 3);
    cr_assert_float_eq(c.plot_w, 170, 1e-12);
    cr_assert_float_eq(c.plot_h, 80, 1e-12);
    cr_assert_float_eq(pb__svg_px(&c, 2.5), 10, 1e-12);
    cr_assert_float_eq(pb__svg_px(&c, 12.5), 180, 1e-12);
    cr_assert_float_eq(pb__svg_px(&c, 6.385), 10 + 3.885 / 10 * 170, 1e-9);
    cr_assert_float_eq(pb__svg_py(&c, -1), 85, 1e-12);
    cr_assert_float_eq(pb__svg_py(&c, 3), 5, 1e-12);
    cr_assert_float_eq(pb__svg_py(&c, 0), 65, 1e-12);
    /* an empty range is widened so that the mapping stays finite */
    pb__svg_begin(&c, f, "flat", "flat", 200, 100, 10, 20, 5, 15, 4, 4, NAN, NAN);
    cr_assert(isfinite(pb__svg_px(&c, 4)));
    cr_assert(isfinite(pb__svg_py(&c, 0.5)));
    fclose(f);
    free(buf);
}

Test(svg, writes_numbers_with_two_decimals_and_never_nan, .init = test_setup)
{
    char *buf;
    size_t len;
    FILE *f = mem(&buf, &len);
    pb__svg_num(f, 3.14159);
    fputc(' ', f);
    pb__svg_num(f, -0.001);
    fputc(' ', f);
    pb__svg_num(f, NAN);
    fputc(' ', f);
    pb__svg_num(f, -INFINITY);
    fputc(' ', f);
    pb__svg_num(f, 1234.5);
    fclose(f);
    cr_assert_str_eq(buf, "3.14 0.00 0.00 0.00 1234.50");
    free(buf);
}

Test(svg, leaves_out_elements_with_non_finite_values, .init = test_setup)
{
    char *buf;
    size_t len;
    FILE *f = mem(&buf, &len);
    pb__svg_chart c;
    pb__svg_begin(&c, f, "guard", "guard", 300, 200, 40, 10, 10, 30, 0, 10, 0, 1);
    long before = ftell(f);
    double xs[] = {1, NAN, 3}, ys[] = {0.1, 0.2, 0.3};
    pb__svg_polyline(&c, xs, ys, 3, "curve");
    pb__svg_line(&c, INFINITY, 0, 1, 1, NULL);
    pb__svg_rect(&c, 0, 0, NAN, 1, NULL);
    pb__svg_text(&c, NAN, 0, 0, 0, "start", NULL, "x", NULL);
    pb__svg_polyline(&c, xs, ys, 1, "curve"); /* one point is no line */
    cr_assert_eq(ftell(f), before);
    fclose(f);
    cr_assert_null(strstr(buf, "nan"));
    cr_assert_null(strstr(buf, "inf"));
    free(buf);
}

Test(svg, writes_the_same_bytes_every_time, .init = test_setup)
{
    char *a = draw(), *b = draw();
    cr_assert_str_eq(a, b);
    cr_assert_not_null(strstr(a, "data-chart=\"demo\""));
    cr_assert_not_null(strstr(a, "<title>A &lt;demo&gt; &amp; more</title>"));
    cr_assert_not_null(strstr(a, "P80 &#39;x&#39; &lt; 18<title>tip &quot;y&quot;</title>"));
    /* the rect's corners come in any order: x from 3.25, 50 + 3.25 / 50 * 330 = 71.45 */
    cr_assert_not_null(strstr(a, "<rect x=\"71.45\""), "%s", a);
    cr_assert_null(strstr(a, "-0.00"));
    cr_assert_null(strstr(a, "nan"));
    /* every number in the polyline has exactly two decimals */
    const char *p = strstr(a, "points=\"");
    cr_assert_not_null(p);
    p += 8;
    int numbers = 0;
    while (*p != '"') {
        char *end;
        strtod(p, &end);
        cr_assert(end > p);
        cr_assert(end - p >= 4 && end[-3] == '.', "'%.*s'", (int)(end - p), p);
        numbers++;
        p = end;
        if (*p == ',' || *p == ' ')
            p++;
    }
    cr_assert_eq(numbers, 8);
    free(a);
    free(b);
}

/* ==== Ticks ==== */

Test(svg, ticks_of_0_to_47_are_tens, .init = test_setup)
{
    pb__svg_ticks t;
    pb__svg_ticks_pick(0, 47, &t);
    cr_assert_eq(t.n, 5);
    for (size_t i = 0; i < 5; i++)
        cr_assert_float_eq(t.v[i], 10.0 * (double)i, 1e-12);
    cr_assert_float_eq(t.step, 10, 1e-12);
    cr_assert_eq(t.decimals, 0);
}

Test(svg, ticks_of_a_fractional_range_are_exact_decimals, .init = test_setup)
{
    pb__svg_ticks t;
    pb__svg_ticks_pick(0.3, 0.87, &t);
    cr_assert_eq(t.n, 6);
    static const double want[] = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(t.v[i], want[i], "tick %zu is %.17g", i, t.v[i]); /* exactly */
    cr_assert_eq(t.decimals, 1);
    /* a 2.5 step needs one more decimal */
    pb__svg_ticks_pick(0.1, 9.9, &t);
    cr_assert_float_eq(t.step, 2, 1e-12);
    pb__svg_ticks_pick(1.2, 12.1, &t);
    cr_assert_float_eq(t.step, 2.5, 1e-12);
    cr_assert_eq(t.decimals, 1);
    cr_assert_eq(t.n, 4);
}

Test(svg, ticks_of_an_empty_range_surround_it, .init = test_setup)
{
    pb__svg_ticks t;
    pb__svg_ticks_pick(5, 5, &t);
    cr_assert(t.n >= 4 && t.n <= 8, "%zu ticks", t.n);
    cr_assert(t.v[0] <= 5 && t.v[t.n - 1] >= 5);
    bool has_five = false;
    for (size_t i = 0; i < t.n; i++)
        has_five = has_five || fabs(t.v[i] - 5) < 1e-12;
    cr_assert(has_five);
    pb__svg_ticks_pick(0, 0, &t);
    cr_assert_eq(t.n, 5);
    cr_assert_float_eq(t.v[0], -1, 1e-12);
    cr_assert_float_eq(t.v[4], 1, 1e-12);
    cr_assert(!signbit(t.v[2]), "zero is written without a sign");
    pb__svg_ticks_pick(NAN, 3, &t);
    cr_assert_eq(t.n, 0);
    pb__svg_ticks_pick(0, INFINITY, &t);
    cr_assert_eq(t.n, 0);
}

Test(svg, ticks_are_four_to_eight_round_steps_inside_any_range, .init = test_setup)
{
    /* deterministic high-entropy ranges over many magnitudes, either order */
    unsigned long long x = 0x9e3779b97f4a7c15ull;
    for (int k = 0; k < 5000; k++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double u = (double)(x >> 11) / 9007199254740992.0;
        double v = (double)((x * 2654435761ull) >> 11) / 9007199254740992.0;
        double scale = pow(10, (double)(k % 17) - 8);
        double lo = (u - 0.3) * scale * 3.7, hi = lo + (v + 1e-6) * scale;
        pb__svg_ticks t;
        pb__svg_ticks_pick(k % 2 ? hi : lo, k % 2 ? lo : hi, &t);
        cr_assert(t.n >= 4 && t.n <= 8, "[%g, %g]: %zu ticks", lo, hi, t.n);
        cr_assert(round_step(t.step), "[%g, %g]: step %g", lo, hi, t.step);
        for (size_t i = 0; i < t.n; i++) {
            cr_assert(t.v[i] >= lo - 1e-9 * (hi - lo) && t.v[i] <= hi + 1e-9 * (hi - lo),
                      "[%g, %g]: tick %g outside", lo, hi, t.v[i]);
            cr_assert(multiple_of(t.v[i], t.step), "[%g, %g]: tick %g", lo, hi, t.v[i]);
            if (i)
                cr_assert(fabs(t.v[i] - t.v[i - 1] - t.step) < 1e-9 * t.step);
        }
    }
}

Test(svg, nice_range_ends_on_ticks, .init = test_setup)
{
    pb__svg_ticks t;
    double lo = 0.37, hi = 47.9;
    pb__svg_nice_range(&lo, &hi, &t);
    cr_assert_float_eq(lo, 0, 1e-12);
    cr_assert_float_eq(hi, 50, 1e-12);
    cr_assert_eq(t.n, 6);
    cr_assert_float_eq(t.v[0], lo, 1e-12);
    cr_assert_float_eq(t.v[t.n - 1], hi, 1e-12);
    lo = 212345.6;
    hi = 498765.4;
    pb__svg_nice_range(&lo, &hi, &t);
    cr_assert_float_eq(lo, 200000, 1e-6);
    cr_assert_float_eq(hi, 500000, 1e-6);
    cr_assert(t.n >= 4 && t.n <= 8);
    cr_assert_float_eq(t.v[0], lo, 1e-6);
    cr_assert_float_eq(t.v[t.n - 1], hi, 1e-6);
}

/* ==== The HTML brief ==== */

/* The digits after "KEY": { "value": in a JSON brief, into buf. */
static void json_value(const char *json, const char *key, char *buf, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": {", key);
    const char *p = strstr(json, pat);
    cr_assert_not_null(p, "no %s in the JSON", key);
    p = strstr(p, "\"value\": ");
    cr_assert_not_null(p);
    p += strlen("\"value\": ");
    size_t n = strcspn(p, ",\n}");
    cr_assert(n > 0 && n < cap);
    memcpy(buf, p, n);
    buf[n] = '\0';
}

/* The value of attribute 'name' on the <html> element, into buf. */
static void root_attr(const char *html, const char *name, char *buf, size_t cap)
{
    const char *root = strstr(html, "<html");
    cr_assert_not_null(root);
    const char *close = strchr(root, '>');
    char pat[64];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *p = strstr(root, pat);
    cr_assert(p && p < close, "no %s on <html>", name);
    p += strlen(pat);
    size_t n = strcspn(p, "\"");
    cr_assert(n > 0 && n < cap);
    memcpy(buf, p, n);
    buf[n] = '\0';
}

Test(svg, html_brief_escapes_names_draws_six_charts_and_matches_the_json, .init = test_setup,
     .timeout = 60)
{
    pb_error e;
    pb_scenario *s;
    pb_rulebook *rb;
    pb_brief *b;
    cr_assert_eq(pb_scenario_load(test_data("small.cfg"), &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_scenario_set(s, "milestones.spec.name", "\"<script>alert(1)</script>\"", &e),
                 PB_OK, "%s", e.msg);
    cr_assert_eq(pb_rulebook_load("scenarios/rulebooks/manager.cfg", s, &rb, &e), PB_OK, "%s",
                 e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 5000;
    o.threads = 2;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    pb_report_ctx ctx = {b->scenario, "base", "pushback brief <x> --seed 1", false};

    char *html, *json;
    size_t hlen, jlen;
    FILE *f = mem(&html, &hlen);
    cr_assert_eq(pb_report_brief_html(f, &ctx, b, &e), PB_OK, "%s", e.msg);
    fclose(f);
    f = mem(&json, &jlen);
    cr_assert_eq(pb_report_brief_json(f, &ctx, b, &e), PB_OK, "%s", e.msg);
    fclose(f);

    cr_assert_null(strstr(html, "<script>alert(1)"));
    cr_assert_null(strstr(html, "<script"), "the page has no script at all");
    cr_assert_not_null(strstr(html, "&lt;script&gt;alert(1)"));
    cr_assert_not_null(strstr(html, "pushback brief &lt;x&gt; --seed 1"));
    static const char *const charts[] = {"s-curve", "histogram", "tornado",
                                         "options", "timeline",  "budget"};
    for (size_t k = 0; k < 6; k++) {
        char attr[64];
        snprintf(attr, sizeof attr, "data-chart=\"%s\"", charts[k]);
        const char *at = strstr(html, attr);
        cr_assert_not_null(at, "no chart '%s'", charts[k]);
        cr_assert_eq(strstr(at + 1, attr), NULL, "chart '%s' twice", charts[k]);
    }
    cr_assert_null(strstr(html, "nan\""));
    cr_assert_null(strstr(html, "inf\""));
    cr_assert_null(strstr(html, "NaN"));
    /* self-contained: nothing to fetch */
    cr_assert_null(strstr(html, "src="));
    cr_assert_null(strstr(html, "href=\"http"));
    cr_assert_null(strstr(html, "url("));

    char p50_json[64], p80_json[64], p50_html[64], p80_html[64];
    json_value(json, "target", p50_json, sizeof p50_json);
    json_value(json, "commitment", p80_json, sizeof p80_json);
    root_attr(html, "data-p50", p50_html, sizeof p50_html);
    root_attr(html, "data-p80", p80_html, sizeof p80_html);
    cr_assert_str_eq(p50_html, p50_json);
    cr_assert_str_eq(p80_html, p80_json);

    /* the same brief renders to the same bytes */
    char *again;
    size_t alen;
    f = mem(&again, &alen);
    cr_assert_eq(pb_report_brief_html(f, &ctx, b, &e), PB_OK, "%s", e.msg);
    fclose(f);
    cr_assert_str_eq(again, html);

    free(again);
    free(html);
    free(json);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}

Test(svg, html_brief_reports_a_stream_it_cannot_write, .init = test_setup, .timeout = 60)
{
    pb_error e;
    pb_scenario *s;
    pb_rulebook *rb;
    pb_brief *b;
    cr_assert_eq(pb_scenario_load(test_data("small.cfg"), &s, &e), PB_OK, "%s", e.msg);
    cr_assert_eq(pb_rulebook_load("scenarios/rulebooks/manager.cfg", s, &rb, &e), PB_OK, "%s",
                 e.msg);
    pb_brief_opts o;
    pb_brief_opts_init(&o);
    o.iterations = 2000;
    cr_assert_eq(pb_brief_run(s, rb, &o, &b, &e), PB_OK, "%s", e.msg);
    pb_report_ctx ctx = {b->scenario, "base", NULL, false};
    FILE *f = fopen("/dev/null", "r"); /* every write fails */
    cr_assert_not_null(f);
    cr_assert_eq(pb_report_brief_html(f, &ctx, b, &e), PB_ERR_RUN);
    cr_assert_str_eq(e.msg, "cannot write the brief");
    fclose(f);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
}
