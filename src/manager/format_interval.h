/*
 * format_interval.h - a probability or a value with its 95% interval, in
 * words that never say "95% CI 4.9 to 4.9" (format_interval.c; the public
 * pb_format_interval is in <pushback/expr.h>). Internal: used by the
 * manager's texts and by every report.
 */
#ifndef PUSHBACK_FORMAT_INTERVAL_H
#define PUSHBACK_FORMAT_INTERVAL_H

#include <stddef.h>

#include <pushback/expr.h>
#include <pushback/stats.h>

/* A probability with its interval, "84% (95% CI 83%-85%)", through pb_format_interval (which
   says an interval whose ends round alike once: "<0.1% (95% CI below 0.1%)"). */
const char *pb__pct_ci(char *buf, size_t cap, const pb_interval *p);

/* The rule of the prep sheet and the manager page (B3): an interval whose two ends print the
   same text rounds to its value and is not said ("12%", not "12% (95% CI within 0.5%)"); each
   says once that a figure without an interval is exact to its last digit. Else as
   pb_format_interval. */
pb_status pb__format_interval_said(double v, double lo, double hi, const char *format,
                                   const pb_format_ctx *fmt, char *buf, size_t cap, pb_error *err);
/* pb__pct_ci by that rule: "12%", "84% (95% CI 83%-85%)". */
const char *pb__pct_said(char *buf, size_t cap, const pb_interval *p);
/* A copy of rendered text s in which every "95% CI A-A" or "95% CI A to A" (both ends the same
   text) is not said at all when it is the whole interval (" (95% CI A-A)", ", 95% CI A-A"), as
   pb__format_interval_said leaves it out, and else ("95% CI of that date A to A") said once, as
   pb_format_interval says it; NULL when memory runs out. */
char *pb__tidy_intervals(const char *s);

#endif
