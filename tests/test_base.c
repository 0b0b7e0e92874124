/*
 * test_base.c - the base layer (src/base): civil dates without mktime,
 * thousands separators, units, the id map, suggestions, and validation
 * through the id map on large scenarios (duplicates named with their first
 * line, unknown references found).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "base/cfg.h"
#include "base/format.h"
#include "base/idmap.h"
#include "helpers.h"

Test(base, days_from_civil_known_answers)
{
    cr_assert_eq(pb__days_from_civil(1970, 1, 1), 0);
    cr_assert_eq(pb__days_from_civil(1969, 12, 31), -1);
    cr_assert_eq(pb__days_from_civil(2000, 3, 1), 11017);
    cr_assert_eq(pb__days_from_civil(2024, 2, 29), 19782);
    cr_assert_eq(pb__days_from_civil(1900, 1, 1), -25567);
    cr_assert_eq(pb__days_from_civil(9999, 12, 31), 2932896);
    /* a day past the end of its month counts on, as mktime normalises */
    cr_assert_eq(pb__days_from_civil(2027, 1, 32), pb__days_from_civil(2027, 2, 1));
    cr_assert_eq(pb__days_from_civil(2027, 12, 31 + 365), pb__days_from_civil(2028, 12, 30));
}

Test(base, civil_round_trip_and_weekdays)
{
    long prev_y = 1899, prev_m = 12, prev_d = 31;
    for (long z = pb__days_from_civil(1900, 1, 1); z <= pb__days_from_civil(2100, 12, 31); z++) {
        long y, m, d;
        pb__civil_from_days(z, &y, &m, &d);
        cr_assert_eq(pb__days_from_civil(y, m, d), z);
        /* consecutive: the next day of the month, or the first of the next */
        bool next = (y == prev_y && m == prev_m && d == prev_d + 1) ||
                    (d == 1 && ((y == prev_y && m == prev_m + 1) ||
                                (y == prev_y + 1 && m == 1 && prev_m == 12)));
        cr_assert(next, "%ld-%ld-%ld after %ld-%ld-%ld", y, m, d, prev_y, prev_m, prev_d);
        prev_y = y, prev_m = m, prev_d = d;
    }
    cr_assert_eq(pb__weekday(0), 3); /* 1970-01-01, a Thursday */
    cr_assert_eq(pb__weekday(-1), 2);
    cr_assert_eq(pb__weekday(pb__days_from_civil(2026, 12, 7)), 0); /* a Monday */
    cr_assert_eq(pb__weekday(pb__days_from_civil(2000, 1, 1)), 5);  /* a Saturday */
}

Test(base, date_parse_and_format)
{
    long day;
    char buf[11];
    cr_assert(pb__date_parse("2024-02-29", &day));
    pb__date_format(day, buf);
    cr_assert_str_eq(buf, "2024-02-29");
    cr_assert(pb__date_parse("1900-01-01", &day));
    cr_assert(pb__date_parse("9999-12-31", &day));
    const char *bad[] = {"2023-02-29",  "1900-02-29", "2027-13-01", "2027-04-31",
                         "1899-12-31",  "2027-1-011", " 2027-1-01", "2027/01/01",
                         "2027-01-01x", "",           NULL};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(pb__date_parse(bad[i], &day), "'%s'", bad[i] ? bad[i] : "NULL");
    cr_assert(pb_date_valid("2000-02-29"));
    cr_assert_not(pb_date_valid(" 2027-1-01"));
}

Test(base, thousands_and_units)
{
    char out[64];
    pb__fmt_digits(out, sizeof out, "1234567.891", true);
    cr_assert_str_eq(out, "1,234,567.891");
    pb__fmt_digits(out, sizeof out, "1234567.891", false);
    cr_assert_str_eq(out, "1234567.891");
    pb__fmt_digits(out, sizeof out, "999", true);
    cr_assert_str_eq(out, "999");
    pb__fmt_digits(out, sizeof out, "1000", true);
    cr_assert_str_eq(out, "1,000");
    cr_assert_eq(pb__fmt_digits(out, 4, "123456", true), 2); /* cut, never overflowed */
    cr_assert_str_eq(out, "12");
    cr_assert_float_eq(pb__unit_days("days"), 1.0, 0);
    cr_assert_float_eq(pb__unit_days("weeks"), 7.0, 0);
    cr_assert_float_eq(pb__unit_days("months"), 30.4375, 0);
}

Test(base, idmap_and_suggest)
{
    pb__idmap m = {0};
    const char *keys[] = {"alpha", "beta", "gamma", "alpha"};
    cr_assert(pb__idmap_init(&m, 4));
    for (size_t i = 0; i < 3; i++)
        cr_assert(pb__idmap_put(&m, keys[i], i));
    cr_assert_not(pb__idmap_put(&m, keys[3], 3));
    size_t v = 99;
    cr_assert(pb__idmap_get(&m, "alpha", &v));
    cr_assert_eq(v, 0);
    cr_assert_not(pb__idmap_get(&m, "delta", &v));
    cr_assert_not(pb__idmap_get(&m, NULL, &v));
    pb__idmap_release(&m);
    const char *names[] = {"milestones", "resources", "risks"};
    cr_assert_str_eq(pb__suggest("resorces", names, 3), "resources");
    cr_assert_null(pb__suggest("budget", names, 3));
}

Test(base, distribution_names_from_the_x_macro)
{
    cr_assert_eq(PB_DIST_N_KINDS, 6);
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_FIXED), "fixed");
    cr_assert_str_eq(pb_dist_kind_name(PB_DIST_NORMAL), "normal");
    cr_assert_str_eq(pb_dist_kind_name((pb_dist_kind)PB_DIST_N_KINDS), "unknown");
}

/* A scenario of n resources and n milestones, each needing its own; 'tail' ends it. */
static char *big_scenario(size_t n, const char *extra_resource, const char *extra_need)
{
    size_t cap = 120 * n + 1000, k = 0;
    char *t = malloc(cap);
    cr_assert_not_null(t);
    k += (size_t)snprintf(t + k, cap - k, "version = 1;\nresources = (\n");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(t + k, cap - k, "{ id = \"r%zu\"; },\n", i);
    k += (size_t)snprintf(t + k, cap - k, "{ id = \"%s\"; }\n);\nmilestones = (\n", extra_resource);
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(
            t + k, cap - k, "{ id = \"m%zu\"; duration = 1.0; needs = { r%zu = 1.0; }; },\n", i, i);
    snprintf(t + k, cap - k, "{ id = \"last\"; duration = 1.0; needs = { %s = 1.0; }; }\n);\n",
             extra_need);
    return t;
}

Test(base, validation_at_scale_finds_duplicates_and_unknowns)
{
    size_t n = 50000;
    pb_error e;
    pb_scenario *s = NULL;
    char *t = big_scenario(n, "extra", "extra");
    cr_assert_eq(pb_scenario_parse(t, "big.cfg", &s, &e), PB_OK, "%d: %s", e.line, e.msg);
    cr_assert_eq(s->n_resources, n + 1);
    pb_scenario_free(s);
    free(t);
    /* the last resource repeats the first: named with the first's line */
    t = big_scenario(n, "r0", "r0");
    cr_assert_eq(pb_scenario_parse(t, "big.cfg", &s, &e), PB_ERR_INVALID);
    cr_assert_null(s);
    cr_assert_str_eq(e.msg, "duplicate resource id 'r0' (first on line 3)");
    cr_assert_eq(e.line, (int)n + 3);
    free(t);
    t = big_scenario(n, "extra", "nowhere");
    cr_assert_eq(pb_scenario_parse(t, "big.cfg", &s, &e), PB_ERR_INVALID);
    cr_assert(strstr(e.msg, "milestone 'last' needs unknown resource 'nowhere'"), "%s", e.msg);
    free(t);
}

Test(base, stop_reasons_from_the_x_macro)
{
    cr_assert_str_eq(pb_stop_name(PB_STOP_FIXED), "fixed");
    cr_assert_str_eq(pb_stop_name(PB_STOP_MAX_ITERATIONS), "max-iterations");
    cr_assert_str_eq(pb_stop_name((pb_stop)99), "unknown");
    pb_stop why = PB_STOP_FIXED;
    cr_assert(pb_stop_parse("interrupted", &why));
    cr_assert_eq(why, PB_STOP_INTERRUPTED);
    cr_assert(pb_stop_parse("converged", &why));
    cr_assert_eq(why, PB_STOP_CONVERGED);
    cr_assert_not(pb_stop_parse("done", &why));
    cr_assert_not(pb_stop_parse(NULL, &why));
}

/* The loader's message for 'file' must be the one --set gives for 'path=value'. */
static void same_rule(const char *file, const char *path, const char *value)
{
    pb_error fe, se;
    pb_scenario *s = NULL;
    char text[400];
    snprintf(text, sizeof text, "version = 1; milestones = ( { id = \"a\"; duration = 1.0; } ); %s",
             file);
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &fe), PB_ERR_INVALID, "%s", file);
    cr_assert_eq(pb_scenario_parse("version = 1; team = ( { role = \"dev\"; people = 2; } ); "
                                   "milestones = ( { id = \"a\"; duration = 1.0; } );",
                                   "t.cfg", &s, &se),
                 PB_OK);
    cr_assert_eq(pb_scenario_set(s, path, value, &se), PB_ERR_USAGE, "%s=%s", path, value);
    cr_assert_str_eq(se.msg, fe.msg);
    pb_scenario_free(s);
}

Test(base, loader_and_set_share_each_range_rule)
{
    same_rule("overhead = 1.5;", "overhead", "1.5");
    same_rule("ask = { confidence = -1.0; };", "ask.confidence", "-1.0");
    same_rule("ask = { confidence = 1.0; };", "ask.confidence", "1.0");
    same_rule("team = ( { role = \"dev\"; people = 200000; } );", "team.dev.people", "200000");
    same_rule("manager = { people = -1; };", "manager.people", "-1");
}

static const char *vformat(char *small, size_t cap, char **big, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = pb__vformat(small, cap, big, fmt, ap);
    va_end(ap);
    return s;
}

Test(base, vformat_small_then_big)
{
    char small[8], *big;
    const char *s = vformat(small, sizeof small, &big, "%d-%s", 42, "ab");
    cr_assert_eq(s, small);
    cr_assert_null(big);
    cr_assert_str_eq(s, "42-ab");
    /* 7 characters fit 8 bytes; 8 do not */
    s = vformat(small, sizeof small, &big, "%s", "1234567");
    cr_assert(s == small && !big);
    s = vformat(small, sizeof small, &big, "%s%d", "a longer text than eight bytes ", 12345);
    cr_assert_not_null(big);
    cr_assert_eq(s, big);
    cr_assert_str_eq(s, "a longer text than eight bytes 12345");
    free(big);
}
