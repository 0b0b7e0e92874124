/*
 * test_calendar.c - working calendars against a calendar worked out by hand:
 * Monday 2027-12-20 to Monday 2028-01-03 with a holiday on Friday the 24th
 * and a shutdown from the 27th to the 2nd of January.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

static pb_scenario *parse(const char *unit, const char *calendar)
{
    char text[1024];
    snprintf(text, sizeof text,
             "version = 1; unit = \"%s\"; start = \"2027-12-20\";\n"
             "calendar = %s;\n"
             "milestones = ( { id = \"a\"; duration = 4.2; } );\n",
             unit, calendar);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "c.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

#define XMAS                                                   \
    "{ workdays = \"mon-fri\"; holidays = [\"2027-12-24\"];\n" \
    "  closed = ( { from = \"2027-12-27\"; to = \"2028-01-02\"; } ); }"

static void date_is(const pb_scenario *s, double v, const char *want)
{
    char buf[11];
    cr_assert(pb_report_date(s, v, buf), "no date for %g", v);
    cr_assert_str_eq(buf, want, "%g %s: %s, wanted %s", v, s->unit, buf, want);
}

Test(calendar, working_days_skip_weekends_holidays_and_the_shutdown, .init = test_setup)
{
    pb_scenario *s = parse("days", XMAS);
    cr_assert(s->calendar.present);
    cr_assert_eq(s->calendar.n_workdays, 5);
    date_is(s, 0.0, "2027-12-20");  /* the start */
    date_is(s, 0.5, "2027-12-20");  /* within the first working day */
    date_is(s, 1.0, "2027-12-20");  /* the end of it */
    date_is(s, 4.0, "2027-12-23");  /* Mon-Thu */
    date_is(s, 4.01, "2028-01-03"); /* holiday, weekend, shutdown, then Monday */
    date_is(s, 6.0, "2028-01-04");
    date_is(s, 10.0, "2028-01-10"); /* 5 more after Monday the 3rd: Fri 7th, Mon 10th */
    char buf[11];
    cr_assert_not(pb_report_date(s, -1.0, buf));
    cr_assert_not(pb_report_date(s, NAN, buf));
    pb_scenario_free(s);
    /* a week is five working days */
    s = parse("weeks", XMAS);
    date_is(s, 0.8, "2027-12-23");
    date_is(s, 1.0, "2028-01-03");
    pb_scenario_free(s);
}

Test(calendar, other_workweeks_and_the_civil_arithmetic, .init = test_setup)
{
    /* Sunday to Thursday: from Monday the 20th, Thu 23rd is the 4th day, Sun 26th the 5th */
    pb_scenario *s = parse("days", "{ workdays = \"sun-thu\"; }");
    cr_assert_eq(s->calendar.workdays, 0x4fu); /* mon tue wed thu sun */
    date_is(s, 4.0, "2027-12-23");
    date_is(s, 5.0, "2027-12-26");
    pb_scenario_free(s);
    s = parse("days",
              "{ workdays = \"mon,wed,fri\"; holidays = [\"2027-12-22\", \"2027-12-22\"]; }");
    cr_assert_eq(s->calendar.n_holidays, 1);
    date_is(s, 2.0, "2027-12-24");
    pb_scenario_free(s);
    /* day numbers round-trip across leap years and centuries */
    long d;
    char buf[11];
    static const char *const dates[] = {"1970-01-01", "2000-02-29", "1900-03-01",
                                        "2400-02-29", "9999-12-31", "2028-01-03"};
    for (size_t k = 0; k < sizeof dates / sizeof *dates; k++) {
        cr_assert(pb_calendar_day(dates[k], &d));
        pb_calendar_format(d, buf);
        cr_assert_str_eq(buf, dates[k]);
    }
    cr_assert(pb_calendar_day("1970-01-01", &d) && d == 0);
    cr_assert(pb_calendar_day("2000-03-01", &d) && d == 11017);
    cr_assert_not(pb_calendar_day("2100-02-29", &d));
    cr_assert_not(pb_calendar_day("2027-13-01", &d));
}

Test(calendar, without_a_calendar_dates_are_calendar_days, .init = test_setup)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse("version = 1; unit = \"weeks\"; start = \"2027-12-20\";\n"
                                   "milestones = ( { id = \"a\"; duration = 2.0; } );\n",
                                   "c.cfg", &s, &e),
                 PB_OK);
    date_is(s, 2.0, "2028-01-03");
    date_is(s, 1.5, "2027-12-31");
    pb_scenario_free(s);
}

static void refused(const char *calendar, int line, const char *words)
{
    char text[1024];
    snprintf(text, sizeof text,
             "version = 1; unit = \"days\";\ncalendar = %s;\n"
             "milestones = ( { id = \"a\"; duration = 1.0; } );\n",
             calendar);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "c.cfg", &s, &e), PB_ERR_INVALID, "%s accepted", calendar);
    cr_assert_eq(e.line, line, "%s: line %d (%s)", calendar, e.line, e.msg);
    cr_assert(strstr(e.msg, words), "%s: '%s' lacks '%s'", calendar, e.msg, words);
}

Test(calendar, bad_calendars_are_refused_at_their_line, .init = test_setup)
{
    refused("{ workdays = \"mon-fry\"; }", 2, "'calendar.workdays' must name weekdays");
    refused("{ workdays = \"\"; }", 2, "'calendar.workdays' must name weekdays");
    refused("{ workdays = \"mon,\"; }", 2, "'calendar.workdays' must name weekdays");
    refused("{ holidays = [\"2027-02-30\"]; }", 2, "must be a date");
    refused("{ holidays = \"2027-12-24\"; }", 2, "must be a list of dates");
    refused("{ closed = ( { from = \"2028-01-02\"; to = \"2027-12-24\"; } ); }", 2,
            "is before its 'from'");
    refused("{ closed = ( { from = \"2028-01-02\"; } ); }", 2, "a closure must be");
    refused("{ weekend = \"sat-sun\"; }", 2, "unknown setting 'weekend'");
    refused("5", 2, "must be a group");
}
