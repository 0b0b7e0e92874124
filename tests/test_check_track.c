/*
 * test_check_track.c - the "tracking" member of check's JSON
 * (pb_report_check_json_tracked): on fcw-week12 every number is the
 * summary's (as_of, the date, the counts, the bias and its interval, the
 * sources, the reference class with its uplift worked out by hand), a
 * member is null when its part is missing, and the whole is null without
 * tracking data. No NaN: one calibration pair has no interval, and says so
 * with nulls.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "cfg.h"
#include "helpers.h"

/* check's JSON of the scenario file at 'path' with its tracking summary (NULL: none). */
static json_t *check_json(const char *path, bool tracked)
{
    pb_scenario *s;
    pb_error e;
    cr_assert_eq(pb_scenario_load(path, &s, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    pb_track_summary t;
    cr_assert_eq(pb_track_check(s, path, &t, &e), PB_OK, "%s:%d: %s", e.file, e.line, e.msg);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    pb_report_ctx ctx = {s, NULL, NULL, false};
    cr_assert_eq(pb_report_check_json_tracked(f, &ctx, "rules.cfg", 0, NULL, 0, NULL,
                                              tracked ? &t : NULL, &e),
                 PB_OK, "%s", e.msg);
    fclose(f);
    json_error_t je;
    json_t *doc = json_loads(text, 0, &je);
    cr_assert_not_null(doc, "%s: %s", je.text, text);
    free(text);
    pb_scenario_free(s);
    return doc;
}

static double num(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    cr_assert(json_is_number(v), "'%s' is not a number", key);
    return json_number_value(v);
}

Test(check_track, the_tracking_member_carries_the_summary_s_numbers, .init = test_setup)
{
    json_t *doc = check_json("scenarios/fcw-week12.cfg", true);
    const json_t *t = json_object_get(doc, "tracking");
    cr_assert(json_is_object(t));
    const json_t *a = json_object_get(t, "actuals");
    cr_assert_float_eq(num(a, "as_of"), 12.0, 1e-12);
    cr_assert_str_eq(json_string_value(json_object_get(a, "as_of_date")), "2027-03-29");
    cr_assert_eq(num(a, "done"), 8);
    cr_assert_eq(num(a, "active"), 3);
    cr_assert_eq(num(a, "risks_passed"), 1);
    cr_assert_eq(num(a, "risks_happened"), 1);
    cr_assert_float_eq(num(a, "spent"), 395000.0, 1e-6);
    /* ten pairs: a bias with its interval, 9 of 10 actuals inside their range */
    const json_t *c = json_object_get(t, "calibration");
    cr_assert_eq(num(c, "pairs"), 10);
    cr_assert(json_is_false(json_object_get(c, "too_few")));
    const json_t *bias = json_object_get(c, "bias");
    double b = num(bias, "value");
    cr_assert(num(bias, "lo") < b && b < num(bias, "hi") && num(bias, "lo") > 1.0, "%g", b);
    cr_assert_float_eq(num(json_object_get(c, "coverage"), "probability"), 0.9, 1e-12);
    const json_t *src = json_object_get(t, "sources");
    cr_assert_eq(num(src, "data"), 1);
    cr_assert_eq(num(src, "expert"), 1);
    cr_assert_eq(num(src, "guess"), 16);
    /* five projects at P80: the type-7 quantile of their ratios, 1.35 + 0.2 (25/18 - 1.35) */
    const json_t *o = json_object_get(t, "outside_view");
    cr_assert_eq(num(o, "projects"), 5);
    cr_assert_float_eq(num(o, "level"), 0.8, 1e-12);
    cr_assert_float_eq(num(o, "uplift"), 1.35 + 0.2 * (25.0 / 18 - 1.35), 1e-9);
    json_decref(doc);
}

Test(check_track, without_tracking_data_the_member_is_null, .init = test_setup)
{
    json_t *doc = check_json("scenarios/fcw.cfg", true);
    cr_assert(json_is_null(json_object_get(doc, "tracking")));
    json_decref(doc);
    /* no summary (a scenario from standard input): null as well */
    doc = check_json("scenarios/fcw-week12.cfg", false);
    cr_assert(json_is_null(json_object_get(doc, "tracking")));
    json_decref(doc);
}

Test(check_track, one_pair_has_no_interval_and_the_rest_is_null, .init = test_setup)
{
    char *base;
    pb_error e;
    cr_assert_eq(pb__read_text_file(test_data("small.cfg"), "scenario", &base, &e), PB_OK);
    char path[] = "/tmp/pb-check-track-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f,
            "%s\ncalibration = ( { estimate = { dist = \"uniform\"; min = 4.0; max = 8.0; }; "
            "actual = 9.0; } );\n",
            base);
    fclose(f);
    free(base);
    json_t *doc = check_json(path, true);
    unlink(path);
    const json_t *t = json_object_get(doc, "tracking");
    cr_assert(json_is_object(t));
    cr_assert(json_is_null(json_object_get(t, "actuals")));
    cr_assert(json_is_null(json_object_get(t, "sources")));
    cr_assert(json_is_null(json_object_get(t, "outside_view")));
    const json_t *c = json_object_get(t, "calibration");
    cr_assert_eq(num(c, "pairs"), 1);
    cr_assert(json_is_true(json_object_get(c, "too_few")));
    const json_t *bias = json_object_get(c, "bias");
    cr_assert_float_eq(num(bias, "value"), 9.0 / 6.0, 1e-9); /* actual / the uniform's median */
    cr_assert(json_is_null(json_object_get(bias, "lo")) &&
              json_is_null(json_object_get(bias, "hi")));
    json_decref(doc);
}
