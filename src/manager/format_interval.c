/*
 * format_interval.c - a value with its 95% interval, in words that never
 * say "95% CI 4.9 to 4.9" or "12%-12%".
 *
 * Each end is formatted as pb_format_value does. When both ends print the
 * same text the interval is narrower than the rounding, and saying it twice
 * would suggest it is exact: it is said once, with the half unit of the
 * last digit shown ("within 0.05 weeks"), or as the bound it is ("below
 * 0.1%"). Every report that prints an interval goes through here.
 */
#include "format_interval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/expr.h>

#include "base/format.h"

/* Decimals after the point in the number of 'text' (its first run of digits). */
static int decimals(const char *text)
{
    const char *p = strpbrk(text, "0123456789");
    if (!p)
        return 0;
    while (*p && (strchr("0123456789,", *p)))
        p++;
    if (*p != '.')
        return 0;
    int n = 0;
    for (p++; *p >= '0' && *p <= '9'; p++)
        n++;
    return n;
}

/* The interval said once, its two ends printing 'end': into tail. */
static void narrow(const char *end, const char *format, const pb_format_ctx *fmt, char *tail,
                   size_t cap)
{
    bool pct = format && !strcmp(format, "pct");
    if (pct && end[0] == '<') {
        snprintf(tail, cap, "below %s", end + 1);
        return;
    }
    if (pct && end[0] == '>') {
        snprintf(tail, cap, "above %s", end + 1);
        return;
    }
    if (format && !strcmp(format, "money")) {
        snprintf(tail, cap, "within rounding");
        return;
    }
    int d = decimals(end);
    double half = 0.5 * pow(10.0, -d);
    const char *unit =
        !pct && fmt && fmt->unit && format && !strcmp(format, "time") ? fmt->unit : "";
    snprintf(tail, cap, "within %.*f%s%s%s", d + 1, half, pct ? "%" : "", *unit ? " " : "", unit);
}

/* A percentage interval in rendered text whose one end is the other past the limit
   ("99.9%->99.9%", which reads as an arrow, and "<0.1%-0.1%"), said as one bound: "at least
   99.9%", "at most 0.1%". l[0..nl), h[0..nh): the ends. False (tail untouched) for any other
   interval. */
static bool edge(const char *l, size_t nl, const char *h, size_t nh, char *tail, size_t cap)
{
    if (nh == nl + 1 && h[0] == '>' && !strncmp(h + 1, l, nl)) {
        snprintf(tail, cap, "at least %.*s", (int)nl, l);
        return true;
    }
    if (nl == nh + 1 && l[0] == '<' && !strncmp(l + 1, h, nh)) {
        snprintf(tail, cap, "at most %.*s", (int)nh, h);
        return true;
    }
    return false;
}

/* pb_format_interval, or with 'alike_said' false an interval whose ends print alike left out. */
static pb_status format_interval(double v, double lo, double hi, const char *format,
                                 const pb_format_ctx *fmt, bool alike_said, char *buf, size_t cap,
                                 pb_error *err)
{
    char a[128], l[128], h[128], tail[300];
    pb_status rc;
    if (buf && cap)
        buf[0] = '\0';
    if ((rc = pb_format_value(v, format, fmt, a, sizeof a, err)) ||
        (rc = pb_format_value(lo, format, fmt, l, sizeof l, err)) ||
        (rc = pb_format_value(hi, format, fmt, h, sizeof h, err)))
        return rc;
    bool pct = format && !strcmp(format, "pct");
    if (!strcmp(l, h))
        narrow(l, format, fmt, tail, sizeof tail);
    else if (!pct || !edge(l, strlen(l), h, strlen(h), tail, sizeof tail))
        snprintf(tail, sizeof tail, "%s%s%s", l, pct ? "-" : " to ", h);
    int n = !strcmp(l, h) && !alike_said ? snprintf(buf, cap, "%s", a)
                                         : snprintf(buf, cap, "%s (95%% CI %s)", a, tail);
    if (n < 0 || (size_t)n >= cap) {
        buf[0] = '\0';
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "buffer too small: %zu bytes for %d", cap, n);
    }
    return PB_OK;
}

pb_status pb_format_interval(double v, double lo, double hi, const char *format,
                             const pb_format_ctx *fmt, char *buf, size_t cap, pb_error *err)
{
    return format_interval(v, lo, hi, format, fmt, true, buf, cap, err);
}

pb_status pb__format_interval_said(double v, double lo, double hi, const char *format,
                                   const pb_format_ctx *fmt, char *buf, size_t cap, pb_error *err)
{
    return format_interval(v, lo, hi, format, fmt, false, buf, cap, err);
}

const char *pb__pct_said(char *buf, size_t cap, const pb_interval *p)
{
    pb_error e;
    if (pb__format_interval_said(p->value, p->lo, p->hi, "pct", NULL, buf, cap, &e))
        snprintf(buf, cap, "n/a");
    return buf;
}

const char *pb__pct_ci(char *buf, size_t cap, const pb_interval *p)
{
    pb_error e;
    if (pb_format_interval(p->value, p->lo, p->hi, "pct", NULL, buf, cap, &e))
        snprintf(buf, cap, "n/a");
    return buf;
}

/* ==== Intervals in rendered text ==== */

/* One end of an interval in 'p': up to 'stop' (then *next is past it), or to ')' or ';' when
   stop is NULL. Its length, or 0 when it is not there. */
static size_t end_len(const char *p, const char *stop)
{
    if (stop) {
        const char *q = strstr(p, stop);
        const char *close = strchr(p, ')');
        return q && (!close || q < close) ? (size_t)(q - p) : 0;
    }
    return strcspn(p, ");,");
}

/* Whether the interval's first end at 'a' is a percentage ("12%-12%") or a quantity with a
   unit ("4.9 weeks to 4.9 weeks"); its two ends' lengths and the separator's. */
static bool split(const char *a, size_t *la, size_t *sep, size_t *lb, bool *pct)
{
    size_t n = end_len(a, " to ");
    if (n) {
        *pct = false;
        *sep = 4;
    } else {
        n = strcspn(a, "-)");
        if (!n || a[n] != '-' || a[n - 1] != '%')
            return false;
        *pct = true;
        *sep = 1;
    }
    *la = n;
    *lb = end_len(a + n + *sep, NULL);
    return *lb > 0;
}

char *pb__tidy_intervals(const char *s)
{
    static const char KEY[] = "95% CI ";
    size_t cap = strlen(s) * 3 + 64, len = 0; /* a tidied interval grows by less than 3x */
    char *out = malloc(cap);
    if (!out)
        return NULL;
    const char *p = s;
    for (const char *k; (k = strstr(p, KEY));) {
        const char *a = k + sizeof KEY - 1;
        size_t la, sep, lb;
        bool pct;
        memcpy(out + len, p, (size_t)(a - p));
        len += (size_t)(a - p);
        p = a;
        if (!split(a, &la, &sep, &lb, &pct) || lb > 100)
            continue;
        char bound[128];
        if (pct && edge(a, la, a + la + sep, lb, bound, sizeof bound)) {
            size_t n = strlen(bound);
            memcpy(out + len, bound, n);
            len += n;
            p = a + la + sep + lb;
            continue;
        }
        if (lb > la)
            continue;
        /* the first end may carry words before it: "of that date 34 weeks to 34 weeks" */
        size_t pre = la - lb;
        if ((pre && a[pre - 1] != ' ') || strncmp(a + pre, a + la + sep, lb))
            continue;
        /* the interval rounds to its value: " (95% CI A-A)" and ", 95% CI A-A" are not said
           (the prep sheet says once that such a figure is exact to its last digit) */
        const char *after = a + la + sep + lb;
        bool paren = k - s >= 2 && !strncmp(k - 2, " (", 2) && *after == ')';
        bool clause = k - s >= 2 && !strncmp(k - 2, ", ", 2);
        if (!pre && (paren || clause)) {
            len -= (size_t)(a - k) + 2;
            p = after + paren;
            continue;
        }
        memcpy(out + len, a, pre);
        len += pre;
        char end[128], unit[128], tail[300];
        snprintf(end, sizeof end, "%.*s", (int)lb, a + la + sep);
        const char *sp = strchr(end, ' ');
        bool money = !pct && !(end[0] >= '0' && end[0] <= '9');
        snprintf(unit, sizeof unit, "%s", sp && !money ? sp + 1 : "");
        pb_format_ctx fmt = {unit, NULL, NULL};
        narrow(end, pct ? "pct" : money ? "money" : "time", &fmt, tail, sizeof tail);
        size_t n = strlen(tail);
        memcpy(out + len, tail, n);
        len += n;
        p = a + la + sep + lb;
    }
    snprintf(out + len, cap - len, "%s", p);
    return out;
}
