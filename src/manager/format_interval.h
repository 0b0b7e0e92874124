/*
 * format_interval.h - a probability or a value with its 95% interval, in
 * words that never say "95% CI 4.9 to 4.9" (format_interval.c; the public
 * pb_format_interval is in <pushback/expr.h>). Internal: used by the
 * manager's texts and by every report.
 */
#ifndef PUSHBACK_FORMAT_INTERVAL_H
#define PUSHBACK_FORMAT_INTERVAL_H

#include <stddef.h>

#include <pushback/stats.h>

/* A probability with its interval, "84% (95% CI 83%-85%)", through pb_format_interval (which
   says an interval whose ends round alike once: "<0.1% (95% CI below 0.1%)"). */
const char *pb__pct_ci(char *buf, size_t cap, const pb_interval *p);
/* A copy of rendered text s in which every "95% CI A-A" or "95% CI A to A" (both ends the same
   text) is said once, as pb_format_interval says it; NULL when memory runs out. */
char *pb__tidy_intervals(const char *s);

/* Rendered text s without the intervals that round to their value (" (95% CI within 0.5%)",
   " (95% CI below 0.1%)", ", 95% CI within 0.05 weeks"): the prep sheet says once, at its top,
   that a figure without an interval is exact to its last digit (NULL when memory runs out). */
char *pb__drop_rounded_intervals(const char *s);

#endif
