/*
 * test_cfgtext.c - the text pre-pass before libconfig (base/cfg_text.c) and what
 * it means for loading: exact big numbers, untouched strings and comments,
 * line numbers kept, '@include' refused, syntax errors in plain words.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "base/cfg.h"
#include "helpers.h"

/* The prepared text of 'in' must be 'want'. */
static void prepared(const char *in, const char *want)
{
    pb_error e;
    char *out = NULL;
    cr_assert_eq(pb__cfg_prepare(in, "t.cfg", &out, &e), PB_OK, "%s", e.msg);
    cr_assert_str_eq(out, want);
    free(out);
}

static pb_scenario *parse_ok(const char *text)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    return s;
}

static void parse_fails(const char *text, int line, const char *words)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "t.cfg", &s, &e), PB_ERR_INVALID, "accepted: %s", text);
    cr_assert_eq(e.line, line, "line %d, wanted %d: %s", e.line, line, e.msg);
    cr_assert(strstr(e.msg, words), "'%s' lacks '%s'", e.msg, words);
}

Test(cfgtext, mixed_arrays_become_reals_and_nothing_else_changes)
{
    prepared("a = [2, 3.5, 6];", "a = [2.0, 3.5, 6.0];");
    prepared("a = [2, 3, 6];", "a = [2, 3, 6];");
    prepared("a = [-2, 1e3, +7];", "a = [-2.0, 1e3, +7.0];");
    prepared("a = [\"2e5\", \"3\"]; b = [1, 2.5];", "a = [\"2e5\", \"3\"]; b = [1.0, 2.5];");
    prepared("a = [1, 2.5 /* 3 */, 4 # 5\n];", "a = [1.0, 2.5 /* 3 */, 4.0 # 5\n];");
    prepared("s = \"[1, 2.5, \\\"3\\\"]\";", "s = \"[1, 2.5, \\\"3\\\"]\";");
    prepared("x-1234567890 = 1;", "x-1234567890 = 1;");
}

Test(cfgtext, whole_numbers_beyond_32_bits_become_exact_reals)
{
    prepared("b = 5000000000;", "b = 5000000000.0;");
    prepared("b = -5000000000;", "b = -5000000000.0;");
    prepared("b = 2147483647; c = 2147483648;", "b = 2147483647; c = 2147483648.0;");
    prepared("b = 0000000000012;", "b = 0000000000012;");
    prepared("b = 5000000000L;", "b = 5000000000L;");
    prepared("b = 0x7fffffff; c = 0x80000000;", "b = 0x7fffffff; c = 2147483648.0;");
    prepared("b = [1, 5000000000];", "b = [1.0, 5000000000.0];");
}

Test(cfgtext, byte_order_mark_and_carriage_returns_keep_the_lines)
{
    prepared("\xef\xbb\xbf"
             "a = 1;",
             "a = 1;");
    prepared("a = 1;\rb = 2;\r\nc = 3;", "a = 1;\nb = 2;\r\nc = 3;");
}

Test(cfgtext, include_is_refused_at_its_line)
{
    pb_error e;
    char *out = (char *)1;
    cr_assert_eq(pb__cfg_prepare("a = 1;\n  @include \"x.cfg\"\n", "t.cfg", &out, &e),
                 PB_ERR_INVALID);
    cr_assert_null(out);
    cr_assert_eq(e.line, 2);
    cr_assert(strstr(e.msg, "'@include' is not supported"), "%s", e.msg);
    /* inside a string or a comment it is only text */
    prepared("s = \"\n@include \\\"x\\\"\";\n# @include \"y\"\n",
             "s = \"\n@include \\\"x\\\"\";\n# @include \"y\"\n");
}

Test(cfgtext, big_numbers_load_exactly_or_are_refused, .init = test_setup)
{
    pb_scenario *s = parse_ok("version = 1; milestones = ( { id = \"a\"; duration = 1.0; } );"
                              "ask = { budget = 5000000000; deadline = 3; };");
    cr_assert_eq(s->ask_budget, 5e9);
    pb_error e;
    cr_assert_eq(pb_scenario_set(s, "ask.budget", "7000000000", &e), PB_OK, "%s", e.msg);
    cr_assert_eq(s->ask_budget, 7e9);
    cr_assert_eq(pb_scenario_set(s, "ask.budget", "99999999999999999999", &e), PB_ERR_USAGE);
    cr_assert(strstr(e.msg, "at most 1e+15"), "%s", e.msg);
    pb_scenario_free(s);
    parse_fails("version = 1;\nmilestones = ( { id = \"a\"; duration = 1.0; } );\n"
                "ask = { budget = 99999999999999999999; };",
                3, "at most 1e+15");
}

Test(cfgtext, strings_keep_their_digits, .init = test_setup)
{
    pb_scenario *s = parse_ok(
        "version = 1; proposal = { idea = \"[2, 3.5, 6] in phase 2, 5000000000 rows\"; };\n"
        "milestones = ( { id = \"2e5\"; duration = [1, 2.5, 4]; },\n"
        "  { id = \"3\"; duration = 1.0; }, { id = \"c\"; after = [\"2e5\", \"3\"]; "
        "duration = 1.0; } );");
    cr_assert_str_eq(s->proposal.idea, "[2, 3.5, 6] in phase 2, 5000000000 rows");
    const pb_milestone *c = pb_scenario_milestone(s, "c");
    cr_assert_not_null(c);
    cr_assert_eq(c->n_after, 2);
    cr_assert_str_eq(c->after[0], "2e5");
    cr_assert_str_eq(c->after[1], "3");
    pb_scenario_free(s);
}

Test(cfgtext, a_megabyte_array_is_linear, .init = test_setup)
{
    size_t n = 1u << 20;
    char *text = malloc(n + 200);
    cr_assert_not_null(text);
    size_t k = (size_t)sprintf(text, "version = 1;\nmilestones = ( { id = \"a\"; duration = [");
    size_t k0 = k;
    while (k < n)
        k += (size_t)sprintf(text + k, "1, 2.5, ");
    sprintf(text + k, "; } );\n");
    clock_t t0 = clock();
    parse_fails(text, 2, "values; at most 100000");
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    /* 12 s before the single pass; linear takes a few hundredths (sanitizers: ten times) */
    cr_assert_lt(secs, 3.0, "%.2f s", secs);
    /* below the limit the pre-pass alone is as quick, syntax error and all */
    sprintf(text + k0 + 8 * 49999, "; } );\n"); /* 99,998 values */
    t0 = clock();
    char *out = NULL;
    pb_error e;
    cr_assert_eq(pb__cfg_prepare(text, "t.cfg", &out, &e), PB_OK, "%s", e.msg);
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    cr_assert_lt(secs, 1.0, "%.2f s", secs);
    free(out);
    free(text);
}

Test(cfgtext, syntax_errors_in_plain_words, .init = test_setup)
{
    parse_fails("version = 1;\nteam = [ { role = \"ml\"; people = 1; } ];\n", 2,
                "'[ {' starts an array of groups");
    parse_fails("version = 1;\nmilestones = (\n { id = \"a\"; duration = 1.0; }\n"
                " { id = \"b\"; duration = 1.0; } );\n",
                4, "missing ',' between two elements of a (...) list");
    parse_fails("version = 1;\nmilestones = ( { id = \"a\"; duration = [1.0, 2.0, 3.0,]; } );\n", 2,
                "extra ',' before ']'");
    parse_fails("version = 1;\nmilestones = ( { id = \"a\"; duration = [1.0 2.0 3.0]; } );\n", 2,
                "missing ',' between two elements of a [...] array");
    /* ':' for '=' and a missing ';' are fine in libconfig */
    pb_scenario *s = parse_ok("version : 1\nmilestones : ( { id : \"a\"\n duration : 1.0 } )\n");
    pb_scenario_free(s);
}

Test(cfgtext, lines_survive_a_bom_and_old_mac_line_ends, .init = test_setup)
{
    parse_fails("\xef\xbb\xbfversion = 1;\n\nmilestones = (\n { id = \"a\"; duration = 1.0; },\n"
                " { id = \"b\"; durtion = 1.0; } );\n",
                5, "did you mean 'duration'");
    parse_fails("version = 1;\r\rmilestones = (\r { id = \"a\"; duration = 1.0; },\r"
                " { id = \"b\"; durtion = 1.0; } );\r",
                5, "did you mean 'duration'");
}
