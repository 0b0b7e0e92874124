/*
 * format.h - numbers, units and dates, written once for every module:
 * thousands separators, the calendar days of a time unit, and civil-date
 * arithmetic on day numbers (days from 1970-01-01, proleptic Gregorian) that
 * needs no mktime, no time zone and no environment. Never installed.
 */
#ifndef PUSHBACK_BASE_FORMAT_H
#define PUSHBACK_BASE_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The decimal text 'raw' ("1234567.89": digits, then an optional '.' and
 * fraction) into out (cap bytes, NUL-terminated), with a ',' between the
 * thousands of its whole part when 'group'. Returns the length written.
 */
size_t pb__fmt_digits(char *out, size_t cap, const char *raw, bool group);

/* Calendar days in one time 'unit': "days" 1, "weeks" 7, anything else (months) 30.4375. */
double pb__unit_days(const char *unit);

/*
 * The day number of y-m-d (H. Hinnant's algorithm). Linear in d, so a day
 * past the end of its month counts on into the next (as mktime normalises).
 */
long pb__days_from_civil(long y, long m, long d);
/* The date of day number z into *y, *m, *d. */
void pb__civil_from_days(long z, long *y, long *m, long *d);
/* Weekday of a day number: 0 Monday .. 6 Sunday (1970-01-01 was a Thursday). */
int pb__weekday(long day);
/* A strict "YYYY-MM-DD" between 1900-01-01 and 9999-12-31 into *day; false otherwise. */
bool pb__date_parse(const char *s, long *day);
/* Day number z as "YYYY-MM-DD" into buf. */
void pb__date_format(long z, char buf[11]);

/*
 * printf into 'small' (cap bytes) when the text fits, else into a new
 * buffer stored in *big (the caller frees *big, which is NULL when 'small'
 * was used). Returns the text: 'small', *big, or 'small' truncated when
 * memory runs out (rather than losing the text); "" on a format error.
 */
const char *pb__vformat(char *small, size_t cap, char **big, const char *fmt, va_list ap);

/* From this size on numbers are shown in scientific notation (text, Markdown, HTML alike). */
#define PB__FMT_SCIENTIFIC 1e18

/* x with thousands separators and 'dec' decimals (scientific from
   PB__FMT_SCIENTIFIC on: 1.2346e+18), "n/a" when not finite, into buf. */
const char *pb__fmt_num(char *buf, size_t cap, double x, int dec);

#endif
