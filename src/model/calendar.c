/*
 * calendar.c - working calendars: parse 'calendar = { workdays; holidays;
 * closed; }' and turn working time into calendar dates.
 *
 * Dates are day numbers since 1970-01-01 by the civil-from-days algorithms
 * of Howard Hinnant (proleptic Gregorian, no time zone, no mktime), so a
 * date never depends on the machine's TZ or daylight saving.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/scenario.h>

#include "base/format.h"
#include "scenario_internal.h"

void pb_calendar_format(long z, char buf[11])
{
    pb__date_format(z, buf);
}

bool pb_calendar_day(const char *s, long *out)
{
    return pb__date_parse(s, out);
}

static bool is_holiday(const pb_calendar *c, long day)
{
    size_t lo = 0, hi = c->n_holidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->holidays[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_holidays && c->holidays[lo] == day;
}

static bool works(const pb_calendar *c, long day)
{
    if (!(c->workdays >> pb__weekday(day) & 1u) || is_holiday(c, day))
        return false;
    for (size_t k = 0; k < c->n_closed; k++)
        if (day >= c->closed[k][0] && day <= c->closed[k][1])
            return false;
    return true;
}

bool pb_calendar_date(const pb_calendar *c, const char *start, const char *unit, double value,
                      char buf[11])
{
    long day;
    if (!c || !c->present || !pb_calendar_day(start, &day) || !isfinite(value) || value < 0)
        return false;
    double per = !strcmp(unit, "days")    ? 1.0
                 : !strcmp(unit, "weeks") ? c->n_workdays
                                          : c->n_workdays * 30.4375 / 7.0;
    double n = ceil(value * per - 1e-9);
    if (n > 2.6e6) /* about 10,000 years of working days */
        return false;
    long left = (long)n;
    if (left < 1) {
        pb_calendar_format(day, buf);
        return true;
    }
    long last = pb__days_from_civil(9999, 12, 31);
    for (;; day++) {
        if (day > last)
            return false;
        if (works(c, day) && --left == 0)
            break;
    }
    pb_calendar_format(day, buf);
    return true;
}

/* ==== Parsing ==== */

static const char *const WEEKDAYS[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int weekday_of(const char *s, size_t len)
{
    for (int d = 0; d < 7; d++)
        if (len == 3 && !strncmp(s, WEEKDAYS[d], 3))
            return d;
    return -1;
}

/* "mon-fri", "sun-thu", "mon,wed,fri", "mon-thu,sat": a mask of weekdays, 0 when malformed. */
static unsigned parse_workdays(const char *s)
{
    unsigned mask = 0;
    while (*s) {
        const char *end = s + strcspn(s, ",");
        const char *dash = memchr(s, '-', (size_t)(end - s));
        int a = weekday_of(s, (size_t)((dash ? dash : end) - s));
        int b = dash ? weekday_of(dash + 1, (size_t)(end - dash - 1)) : a;
        if (a < 0 || b < 0)
            return 0;
        for (int d = a;; d = (d + 1) % 7) {
            mask |= 1u << d;
            if (d == b)
                break;
        }
        s = *end ? end + 1 : end;
        if (*end && !*s)
            return 0;
    }
    return mask;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* A date setting: a string "YYYY-MM-DD"; 'what' names it in errors. */
static pb_status date_of(const pb__origin *o, const config_setting_t *st, const char *what,
                         long *out)
{
    const char *v =
        config_setting_type(st) == CONFIG_TYPE_STRING ? config_setting_get_string(st) : NULL;
    if (!v || !pb_calendar_day(v, out))
        return pb__bad(o, st, "'%s' must be a date \"YYYY-MM-DD\"%s%s%s", what, v ? ", got \"" : "",
                       v ? v : "", v ? "\"" : "");
    return PB_OK;
}

static pb_status parse_holidays(const pb__origin *o, pb_calendar *c, const config_setting_t *st)
{
    int t = config_setting_type(st);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
        return pb__bad(o, st, "'calendar.holidays' must be a list of dates like [\"2027-12-24\"]");
    size_t n = (size_t)config_setting_length(st);
    if (n > PB_MAX_HOLIDAYS)
        return pb__bad(o, st, "'calendar.holidays' lists %zu dates; at most %d", n,
                       PB_MAX_HOLIDAYS);
    for (size_t i = 0; i < n; i++) {
        pb_status rc = date_of(o, config_setting_get_elem(st, (unsigned)i), "calendar.holidays",
                               &c->holidays[i]);
        if (rc)
            return rc;
    }
    qsort(c->holidays, n, sizeof *c->holidays, cmp_long);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || c->holidays[i] != c->holidays[k - 1])
            c->holidays[k++] = c->holidays[i];
    c->n_holidays = k;
    return PB_OK;
}

static pb_status parse_closed(const pb__origin *o, pb_calendar *c, const config_setting_t *st)
{
    if (config_setting_type(st) != CONFIG_TYPE_LIST)
        return pb__bad(o, st,
                       "'calendar.closed' must be a list like ( { from = \"2027-12-24\"; to = "
                       "\"2028-01-02\"; } )");
    size_t n = (size_t)config_setting_length(st);
    if (n > PB_MAX_CLOSED)
        return pb__bad(o, st, "'calendar.closed' lists %zu closures; at most %d", n, PB_MAX_CLOSED);
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        const config_setting_t *from = config_setting_type(g) == CONFIG_TYPE_GROUP
                                           ? config_setting_get_member(g, "from")
                                           : NULL;
        const config_setting_t *to = from ? config_setting_get_member(g, "to") : NULL;
        if (!from || !to || config_setting_length(g) != 2)
            return pb__bad(o, g,
                           "a closure must be { from = \"YYYY-MM-DD\"; to = \"YYYY-MM-DD\"; }");
        pb_status rc;
        if ((rc = date_of(o, from, "from", &c->closed[i][0])) ||
            (rc = date_of(o, to, "to", &c->closed[i][1])))
            return rc;
        if (c->closed[i][1] < c->closed[i][0])
            return pb__bad(o, g, "a closure's 'to' (%s) is before its 'from' (%s)",
                           config_setting_get_string(to), config_setting_get_string(from));
    }
    c->n_closed = n;
    return PB_OK;
}

pb_status pb__parse_calendar(const pb__origin *o, pb_calendar *c, const config_setting_t *st)
{
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st, "'calendar' must be a group like { workdays = \"mon-fri\"; }");
    memset(c, 0, sizeof *c);
    c->line = config_setting_source_line(st);
    c->workdays = 0x1f; /* mon-fri */
    for (int i = 0; i < config_setting_length(st); i++) {
        const config_setting_t *f = config_setting_get_elem(st, (unsigned)i);
        const char *key = config_setting_name(f);
        pb_status rc = PB_OK;
        if (!strcmp(key, "workdays")) {
            const char *v =
                config_setting_type(f) == CONFIG_TYPE_STRING ? config_setting_get_string(f) : NULL;
            if (!v || !(c->workdays = parse_workdays(v)))
                rc = pb__bad(o, f,
                             "'calendar.workdays' must name weekdays like \"mon-fri\" or "
                             "\"sun-thu,sat\" (mon tue wed thu fri sat sun)");
        } else if (!strcmp(key, "holidays")) {
            rc = parse_holidays(o, c, f);
        } else if (!strcmp(key, "closed")) {
            rc = parse_closed(o, c, f);
        } else {
            rc = pb__bad(o, f,
                         "unknown setting '%s' in 'calendar' (valid: 'workdays', 'holidays', "
                         "'closed')",
                         key);
        }
        if (rc)
            return rc;
    }
    for (int d = 0; d < 7; d++)
        c->n_workdays += (int)(c->workdays >> d & 1u);
    c->present = true;
    return PB_OK;
}
