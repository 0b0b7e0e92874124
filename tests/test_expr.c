/*
 * test_expr.c - known answers for expr.h: the expression language, its
 * error messages and columns, templates and value formatting.
 *
 * Names come from a small fixed table (one of them known but without a
 * value, as a manager deadline the scenario leaves out), so every result is
 * worked out by hand. Each error path is provoked with the exact message and
 * column a rulebook author would see.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/expr.h>

#include "helpers.h"

/* ==== Helpers ==== */

typedef struct fake_name {
    const char *name;
    bool has;
    double value;
    const char *text; /* text-valued names; NULL otherwise */
} fake_name;

static const fake_name FAKE[] = {
    {"sim.p80", true, 25.7, NULL},
    {"manager.deadline", true, 17.0, NULL},
    {"ask.confidence", true, 0.8, NULL},
    {"option.lean.p80", true, 27.9, NULL},
    {"option.no_dashboard.p80", true, 26.5, NULL},
    {"whatif.p_deadline", true, 0.04, NULL},
    {"sim.cost_p80", true, 338000.0, NULL},
    {"seek.date", false, 0.0, NULL},
    {"sim.top_milestone", false, 0.0, "Backend {API}"},
};

static const fake_name *find(const char *name)
{
    for (size_t i = 0; i < sizeof FAKE / sizeof FAKE[0]; i++)
        if (!strcmp(FAKE[i].name, name))
            return &FAKE[i];
    return NULL;
}

static bool fake_known(void *ctx, const char *name)
{
    (void)ctx;
    return find(name) != NULL;
}

static bool fake_value(void *ctx, const char *name, double *out)
{
    (void)ctx;
    const fake_name *f = find(name);
    if (!f || !f->has)
        return false;
    *out = f->value;
    return true;
}

static bool fake_text(void *ctx, const char *name, const char **out)
{
    (void)ctx;
    const fake_name *f = find(name);
    if (!f || !f->text)
        return false;
    *out = f->text;
    return true;
}

static const pb_names NAMES = {fake_known, fake_value, NULL, fake_text};

static double eval_ok(const char *text)
{
    pb_expr *e = NULL;
    pb_error err;
    int col = -1;
    pb_status rc = pb_expr_compile(text, &NAMES, &e, &col, &err);
    cr_assert_eq(rc, PB_OK, "'%s' should compile: %s", text, err.msg);
    cr_assert_not_null(e);
    cr_assert_eq(col, 0);
    double v = NAN;
    rc = pb_expr_eval(e, &NAMES, &v, &err);
    cr_assert_eq(rc, PB_OK, "'%s' should evaluate: %s", text, err.msg);
    pb_expr_free(e);
    return v;
}

static void expect_value(const char *text, double expected)
{
    double v = eval_ok(text);
    cr_assert_float_eq(v, expected, 1e-12, "'%s' gave %.17g, expected %.17g", text, v, expected);
}

static void expect_compile_error(const char *text, int column, const char *msg)
{
    pb_expr *e = (pb_expr *)&e;
    pb_error err;
    int col = -1;
    pb_status rc = pb_expr_compile(text, &NAMES, &e, &col, &err);
    cr_assert_eq(rc, PB_ERR_INVALID, "'%s' should not compile", text);
    cr_assert_null(e);
    cr_assert_eq(err.code, PB_ERR_INVALID);
    cr_assert_str_eq(err.msg, msg, "'%s': got \"%s\"", text, err.msg);
    cr_assert_eq(col, column, "'%s': column %d, expected %d", text, col, column);
    cr_assert_str_eq(err.file, "");
    cr_assert_eq(err.line, 0);
}

static void expect_run_error(const char *text, const char *msg)
{
    pb_expr *e = NULL;
    pb_error err;
    cr_assert_eq(pb_expr_compile(text, &NAMES, &e, NULL, &err), PB_OK, "%s", err.msg);
    double v = 2.385;
    cr_assert_eq(pb_expr_eval(e, &NAMES, &v, &err), PB_ERR_RUN, "'%s' should fail", text);
    cr_assert_str_eq(err.msg, msg);
    cr_assert_eq(v, 2.385, "the result is left alone on failure");
    pb_expr_free(e);
}

static const pb_format_ctx WEEKS = {"weeks", "USD", NULL};
static const pb_format_ctx DATED = {"weeks", "USD", "2027-01-04"};

static void expect_render(const char *text, const pb_format_ctx *fmt, const char *expected)
{
    pb_template *t = NULL;
    pb_error err;
    int col = -1;
    cr_assert_eq(pb_template_compile(text, &NAMES, &t, &col, &err), PB_OK,
                 "'%s' should compile: %s", text, err.msg);
    cr_assert_eq(col, 0);
    char *out = NULL;
    cr_assert_eq(pb_template_render(t, &NAMES, fmt, &out, &err), PB_OK, "'%s': %s", text, err.msg);
    cr_assert_str_eq(out, expected);
    free(out);
    pb_template_free(t);
}

static void expect_template_error(const char *text, int column, const char *msg)
{
    pb_template *t = (pb_template *)&t;
    pb_error err;
    int col = -1;
    cr_assert_eq(pb_template_compile(text, &NAMES, &t, &col, &err), PB_ERR_INVALID,
                 "'%s' should not compile", text);
    cr_assert_null(t);
    cr_assert_str_eq(err.msg, msg, "'%s': got \"%s\"", text, err.msg);
    cr_assert_eq(col, column, "'%s': column %d, expected %d", text, col, column);
}

static void expect_format(double v, const char *format, const pb_format_ctx *fmt,
                          const char *expected)
{
    char buf[128];
    pb_error err;
    cr_assert_eq(pb_format_value(v, format, fmt, buf, sizeof buf, &err), PB_OK, "%.17g: %s", v,
                 err.msg);
    cr_assert_str_eq(buf, expected, "%.17g as %s", v, format ? format : "none");
}

/* 'n' copies of 'unit' between 'pre' and 'post'; free() it. */
static char *repeat(const char *pre, const char *unit, size_t n, const char *post)
{
    size_t len = strlen(pre) + n * strlen(unit) + strlen(post);
    char *s = malloc(len + 1);
    cr_assert_not_null(s);
    strcpy(s, pre);
    for (size_t i = 0; i < n; i++)
        strcat(s, unit);
    strcat(s, post);
    return s;
}

/* ==== Arithmetic and precedence ==== */

Test(expr, multiplication_binds_tighter_than_addition, .init = test_setup)
{
    expect_value("1 + 2 * 3", 7.0);
    expect_value("(1 + 2) * 3", 9.0);
    expect_value("2.5 * 4 - 1.5 / 3", 9.5);
}

Test(expr, unary_minus_binds_tightest, .init = test_setup)
{
    expect_value("-2 * 3", -6.0);
    expect_value("2 * -3", -6.0);
    expect_value("-2 - -3", 1.0);
    expect_value("- - 2.385", 2.385);
    expect_value("-(1 + 2)", -3.0);
}

Test(expr, subtraction_and_division_are_left_associative, .init = test_setup)
{
    expect_value("10 - 4 - 3", 3.0);
    expect_value("8 / 4 / 2", 1.0);
    expect_value("2 - 3 + 4", 3.0);
    expect_value("12 / 3 * 2", 8.0);
}

Test(expr, numbers_with_fractions_and_exponents, .init = test_setup)
{
    expect_value("0.8", 0.8);
    expect_value("2.5e3", 2500.0);
    expect_value("1e-2", 0.01);
    expect_value("4E+1", 40.0);
    expect_value("007", 7.0);
}

Test(expr, whitespace_anywhere_between_tokens, .init = test_setup)
{
    expect_value("\t1+\n2 ", 3.0);
    expect_value("max ( 1 ,2 )", 2.0);
    expect_value("(2)*(3)", 6.0);
}

/* ==== Comparisons and booleans ==== */

Test(expr, comparisons_give_one_or_zero, .init = test_setup)
{
    expect_value("1 < 2", 1.0);
    expect_value("2 < 2", 0.0);
    expect_value("2 <= 2", 1.0);
    expect_value("3 > 2.5", 1.0);
    expect_value("2.5 >= 3", 0.0);
    expect_value("0.1 + 0.2 == 0.3", 0.0);
    expect_value("0.5 == 0.25 * 2", 1.0);
    expect_value("1 != 1", 0.0);
    expect_value("1 != 2", 1.0);
}

Test(expr, comparisons_bind_looser_than_arithmetic, .init = test_setup)
{
    expect_value("1 + 2 < 4", 1.0);
    expect_value("2 * 3 > 5 + 1", 0.0);
    expect_value("(1 < 2) < 3", 1.0);
    expect_value("(1 < 2) + (3 < 4)", 2.0);
}

Test(expr, not_and_or_precedence, .init = test_setup)
{
    expect_value("not 0 and 1", 1.0);
    expect_value("not 1 and 1", 0.0);
    expect_value("1 or 0 and 0", 1.0);
    expect_value("(1 or 0) and 0", 0.0);
    expect_value("not 1 < 2", 0.0);
    expect_value("not not 2.385", 1.0);
}

Test(expr, any_nonzero_number_is_true, .init = test_setup)
{
    expect_value("0.5 and 2", 1.0);
    expect_value("-3 and 1", 1.0);
    expect_value("3 and 0", 0.0);
    expect_value("0 or 0", 0.0);
    expect_value("0 or 0.001", 1.0);
    expect_value("2.385 or 0", 1.0);
    expect_value("not 0.5", 0.0);
}

/* ==== Functions and names ==== */

Test(expr, min_max_and_abs, .init = test_setup)
{
    expect_value("min(3, 1.5, 2)", 1.5);
    expect_value("max(3, 1.5, 2)", 3.0);
    expect_value("max(3)", 3.0);
    expect_value("min(-2.385)", -2.385);
    expect_value("abs(-2.385)", 2.385);
    expect_value("abs(2 - 5) * 2", 6.0);
    expect_value("min(abs(-4), 2 * 3, max(5, 4.5))", 4.0);
    expect_value("max(1 < 2, 0)", 1.0);
}

Test(expr, dotted_names_take_their_values, .init = test_setup)
{
    expect_value("sim.p80", 25.7);
    expect_value("manager.deadline < sim.p80", 1.0);
    expect_value("max(sim.p80, option.lean.p80)", 27.9);
    expect_value("option.no_dashboard.p80 - sim.p80", 26.5 - 25.7);
    expect_value("whatif.p_deadline >= ask.confidence", 0.0);
}

Test(expr, minus_is_never_part_of_a_name, .init = test_setup)
{
    expect_value("option.lean.p80-sim.p80", 27.9 - 25.7);
    expect_value("sim.p80-1", 24.7);
}

Test(expr, names_listed_once_in_order_of_first_use, .init = test_setup)
{
    pb_expr *e = NULL;
    pb_error err;
    cr_assert_eq(pb_expr_compile("sim.p80 - manager.deadline + sim.p80 * ask.confidence > "
                                 "manager.deadline",
                                 &NAMES, &e, NULL, &err),
                 PB_OK);
    cr_assert_eq(pb_expr_n_names(e), 3);
    cr_assert_str_eq(pb_expr_name(e, 0), "sim.p80");
    cr_assert_str_eq(pb_expr_name(e, 1), "manager.deadline");
    cr_assert_str_eq(pb_expr_name(e, 2), "ask.confidence");
    cr_assert_null(pb_expr_name(e, 3));
    pb_expr_free(e);

    cr_assert_eq(pb_expr_compile("1 + 2", &NAMES, &e, NULL, &err), PB_OK);
    cr_assert_eq(pb_expr_n_names(e), 0);
    pb_expr_free(e);
    cr_assert_eq(pb_expr_n_names(NULL), 0);
    cr_assert_null(pb_expr_name(NULL, 0));
    pb_expr_free(NULL);
}

Test(expr, without_a_names_table_only_numbers_compile, .init = test_setup)
{
    pb_expr *e = NULL;
    pb_error err;
    int col;
    cr_assert_eq(pb_expr_compile("1 + 2", NULL, &e, &col, &err), PB_OK);
    double v;
    cr_assert_eq(pb_expr_eval(e, NULL, &v, &err), PB_OK);
    cr_assert_float_eq(v, 3.0, 1e-12);
    pb_expr_free(e);
    cr_assert_eq(pb_expr_compile("2 * sim.p80", NULL, &e, &col, &err), PB_ERR_INVALID);
    cr_assert_str_eq(err.msg, "column 5: unknown name 'sim.p80'");
    cr_assert_null(e);
}

Test(expr, and_or_short_circuit_over_a_name_without_value, .init = test_setup)
{
    expect_value("0 and seek.date > 1", 0.0);
    expect_value("1 or seek.date", 1.0);
    expect_value("manager.deadline > sim.p80 and seek.date < 3", 0.0);
    expect_value("sim.p80 > 20 or seek.date or seek.date", 1.0);
    expect_run_error("1 and seek.date", "'seek.date' has no value here");
    expect_run_error("0 or seek.date", "'seek.date' has no value here");
}

/* ==== Run-time errors ==== */

Test(expr, a_name_without_value_fails_at_run_time, .init = test_setup)
{
    expect_run_error("manager.deadline + seek.date", "'seek.date' has no value here");
    pb_expr *e = NULL;
    pb_error err;
    cr_assert_eq(pb_expr_compile("sim.p80", &NAMES, &e, NULL, &err), PB_OK);
    double v;
    cr_assert_eq(pb_expr_eval(e, NULL, &v, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "'sim.p80' has no value here");
    pb_expr_free(e);
}

Test(expr, division_by_zero_fails, .init = test_setup)
{
    expect_run_error("1 / 0", "division by zero");
    expect_run_error("sim.p80 / (sim.p80 - 25.7)", "division by zero");
    expect_value("0 / 2.385", 0.0);
}

Test(expr, non_finite_results_fail, .init = test_setup)
{
    expect_run_error("1e300 * 1e300", "the result is not a finite number (overflow)");
    expect_run_error("-1e308 - 1e308", "the result is not a finite number (overflow)");
    expect_run_error("1e300 / 1e-300", "the result is not a finite number (overflow)");
}

/* ==== Compile errors ==== */

Test(expr, unknown_name_with_its_column, .init = test_setup)
{
    expect_compile_error("1 + 2 * sim.p81", 9, "column 9: unknown name 'sim.p81'");
    expect_compile_error("sim.p80 <= sim.p81", 12, "column 12: unknown name 'sim.p81'");
    expect_compile_error("option.lean", 1, "column 1: unknown name 'option.lean'");
}

Test(expr, missing_operand, .init = test_setup)
{
    expect_compile_error("(1 +)", 5, "column 5: expected an expression, got ')'");
    expect_compile_error("2 * * 3", 5, "column 5: expected an expression, got '*'");
    expect_compile_error("1 +", 4, "column 4: expected an expression after '+'");
    expect_compile_error("1 and", 6, "column 6: expected an expression after 'and'");
    expect_compile_error("max(1,)", 7, "column 7: expected an expression, got ')'");
    expect_compile_error("+1", 1, "column 1: expected an expression, got '+'");
}

Test(expr, empty_expression, .init = test_setup)
{
    expect_compile_error("", 1, "column 1: empty expression");
    expect_compile_error("  ", 3, "column 3: empty expression");
}

Test(expr, unclosed_parenthesis_names_its_opening, .init = test_setup)
{
    expect_compile_error("2 * (1 + 2 * 3", 15, "column 15: expected ')' to close '(' at column 5");
    expect_compile_error("1*(2 + 3 4", 10,
                         "column 10: expected ')' to close '(' at column 3, got '4'");
    expect_compile_error("max(1 2)", 7,
                         "column 7: expected ',' or ')' to close '(' at column 4, got '2'");
    expect_compile_error("min(1, 2", 9, "column 9: expected ',' or ')' to close '(' at column 4");
}

Test(expr, trailing_tokens_are_errors, .init = test_setup)
{
    expect_compile_error("12 x", 4, "column 4: unexpected 'x' after the expression");
    expect_compile_error("(1 + 2))", 8, "column 8: unexpected ')' after the expression");
    expect_compile_error("1, 2", 2, "column 2: unexpected ',' after the expression");
    expect_compile_error("sim.p80 sim.p80", 9,
                         "column 9: unexpected 'sim.p80' after the expression");
}

Test(expr, comparisons_do_not_chain, .init = test_setup)
{
    expect_compile_error("1 <2 <3", 6, "column 6: comparisons do not chain; use 'and'");
    expect_compile_error("sim.p80 > 1 == 1", 13, "column 13: comparisons do not chain; use 'and'");
}

Test(expr, function_misuse, .init = test_setup)
{
    expect_compile_error("max()", 1, "column 1: 'max' needs at least one argument");
    expect_compile_error("1 + min( )", 5, "column 5: 'min' needs at least one argument");
    expect_compile_error("abs()", 1, "column 1: 'abs' needs one argument");
    expect_compile_error("abs(1, 2)", 1, "column 1: 'abs' takes exactly one argument, got 2");
    expect_compile_error("min 2", 1, "column 1: 'min' is a function; write 'min(...)'");
    expect_compile_error("2 * max", 5, "column 5: 'max' is a function; write 'max(...)'");
    expect_compile_error("foo(1)", 1,
                         "column 1: unknown function 'foo'; the functions are min, max and abs");
    expect_compile_error(
        "sim.p80 (1)", 1,
        "column 1: unknown function 'sim.p80'; the functions are min, max and abs");
}

Test(expr, keywords_and_functions_cannot_start_names, .init = test_setup)
{
    expect_compile_error("not.x", 1, "column 1: 'not' is a keyword and cannot start a name");
    expect_compile_error("1 + and.b", 5, "column 5: 'and' is a keyword and cannot start a name");
    expect_compile_error("max.p80", 1, "column 1: 'max' is a function and cannot start a name");
    expect_compile_error("1 < not 0", 5,
                         "column 5: 'not' needs parentheses here: write '(not ...)'");
    expect_value("1 < (not 0)", 0.0);
}

Test(expr, malformed_names_and_numbers, .init = test_setup)
{
    expect_compile_error("sim.", 5, "column 5: expected a letter or '_' after 'sim.'");
    expect_compile_error("sim.80", 5, "column 5: expected a letter or '_' after 'sim.'");
    expect_compile_error("2x", 1, "column 1: malformed number '2x'");
    expect_compile_error("1.2.3", 1, "column 1: malformed number '1.2.3'");
    expect_compile_error("1e", 1, "column 1: malformed number '1e'");
    expect_compile_error("1.", 3, "column 3: expected a digit after '1.'");
    expect_compile_error(".5", 1, "column 1: a number must start with a digit: write '0.5'");
    expect_compile_error("1e999", 1, "column 1: number '1e999' is out of range");
}

Test(expr, stray_characters_with_hints, .init = test_setup)
{
    expect_compile_error("1 = 2", 3, "column 3: unexpected '='; write '==' to compare");
    expect_compile_error("!1", 1, "column 1: unexpected '!'; write 'not' to negate");
    expect_compile_error("1 && 1", 3, "column 3: unexpected '&'; write 'and'");
    expect_compile_error("1 || 1", 3, "column 3: unexpected '|'; write 'or'");
    expect_compile_error("1 # 2", 3, "column 3: unexpected character '#'");
    expect_compile_error("1 + {2}", 5, "column 5: unexpected character '{'");
    expect_compile_error("1 +\x01", 4, "column 4: unexpected control character 0x01");
}

Test(expr, columns_count_characters_not_bytes, .init = test_setup)
{
    expect_compile_error("1 + 2 \xc3\xa9", 7, "column 7: unexpected character '\xc3\xa9'");
    expect_compile_error("(\xc3\xa9)", 2, "column 2: unexpected character '\xc3\xa9'");
}

Test(expr, the_first_error_is_reported, .init = test_setup)
{
    expect_compile_error("(1 + ) # sim.p81", 6, "column 6: expected an expression, got ')'");
    expect_compile_error("sim.p81 + (", 1, "column 1: unknown name 'sim.p81'");
}

/* ==== Limits ==== */

Test(expr, nesting_within_the_limit_works, .init = test_setup)
{
    char *s = repeat("", "(", 60, "2.385");
    char *t = repeat(s, ")", 60, "");
    expect_value(t, 2.385);
    free(s);
    free(t);
    s = repeat("", "-", 60, "2");
    expect_value(s, 2.0);
    free(s);
    s = repeat("", "max(1, ", 60, "2.385");
    t = repeat(s, ")", 60, "");
    expect_value(t, 2.385);
    free(s);
    free(t);
}

Test(expr, nesting_too_deep_is_an_error_not_a_crash, .init = test_setup)
{
    char *s = repeat("", "(", 100000, "1");
    char *t = repeat(s, ")", 100000, "");
    pb_expr *e = NULL;
    pb_error err;
    int col;
    cr_assert_eq(pb_expr_compile(t, &NAMES, &e, &col, &err), PB_ERR_INVALID);
    cr_assert_str_eq(err.msg, "column 1: expression longer than 4096 characters");
    free(s);
    free(t);

    s = repeat("", "(", 100, "1");
    t = repeat(s, ")", 100, "");
    cr_assert_eq(pb_expr_compile(t, &NAMES, &e, &col, &err), PB_ERR_INVALID);
    cr_assert_null(e);
    cr_assert_str_eq(err.msg, "column 65: expression nested too deeply (more than 64 levels)");
    cr_assert_eq(col, 65);
    free(s);
    free(t);

    s = repeat("", "- ", 100, "1");
    cr_assert_eq(pb_expr_compile(s, &NAMES, &e, &col, &err), PB_ERR_INVALID);
    cr_assert_not_null(strstr(err.msg, "nested too deeply"));
    free(s);

    s = repeat("", "not ", 100, "1");
    cr_assert_eq(pb_expr_compile(s, &NAMES, &e, &col, &err), PB_ERR_INVALID);
    cr_assert_not_null(strstr(err.msg, "nested too deeply"));
    free(s);
}

Test(expr, long_flat_expressions_evaluate, .init = test_setup)
{
    /* 2047 terms: 4093 characters, a long chain but a shallow one. */
    char *s = repeat("1", "+1", 2046, "");
    expect_value(s, 2047.0);
    free(s);
    s = repeat("1", "+1", 2048, "");
    expect_compile_error(s, 1, "column 1: expression longer than 4096 characters");
    free(s);
    s = repeat("1", " < 2 and 1", 300, "");
    expect_value(s, 1.0);
    free(s);
}

Test(expr, deep_mixed_nesting_stays_within_the_stack, .init = test_setup)
{
    /* Every level leaves values pending: 1 < 1 + 1 * max(1, ... ). */
    char *s = repeat("", "1 < 1 + 1 * max(1, ", 62, "1");
    char *t = repeat(s, ")", 62, "");
    pb_expr *e = NULL;
    pb_error err;
    cr_assert_eq(pb_expr_compile(t, &NAMES, &e, NULL, &err), PB_OK, "%s", err.msg);
    double v;
    cr_assert_eq(pb_expr_eval(e, &NAMES, &v, &err), PB_OK, "%s", err.msg);
    cr_assert_float_eq(v, 1.0, 1e-12);
    pb_expr_free(e);
    free(s);
    free(t);
}

/* ==== Templates ==== */

Test(expr, template_renders_the_design_example, .init = test_setup)
{
    expect_render("At {manager.deadline|time} only {whatif.p_deadline|pct} of simulated projects "
                  "finish; {ask.confidence|pct} confidence needs {sim.p80|time}.",
                  &WEEKS,
                  "At 17 weeks only 4.0% of simulated projects finish; 80% confidence needs "
                  "25.7 weeks.");
}

Test(expr, template_formats, .init = test_setup)
{
    expect_render("{sim.p80}", &WEEKS, "25.7");
    expect_render("{sim.p80 - manager.deadline | time}", &WEEKS, "8.7 weeks");
    expect_render("{sim.cost_p80|money}", &WEEKS, "USD 338k");
    expect_render("{sim.cost_p80 * 4|money}", &WEEKS, "USD 1.4M");
    expect_render("{sim.cost_p80 / 40|money}", &WEEKS, "USD 8.4k");
    expect_render("{sim.cost_p80 * 3 + 0.4|int}", &WEEKS, "1,014,000");
    expect_render("{manager.deadline|date}", &DATED, "2027-05-03");
    expect_render("{manager.deadline|date}", &WEEKS, "17 weeks");
    expect_render("{1 - ask.confidence|pct}", &WEEKS, "20%");
    expect_render("{sim.p80 / 3.5|num} person-weeks", &WEEKS, "7.3 person-weeks");
    expect_render("{sim.p80 - 25.68|num} {0 - sim.p80|num} {sim.p80 + 0.3|num}", &WEEKS,
                  "0 -25.7 26");
}

Test(expr, template_without_format_context, .init = test_setup)
{
    expect_render("{sim.p80|time} {sim.cost_p80|money} {sim.p80|date}", NULL, "25.7 338k 25.7");
}

Test(expr, template_literal_braces, .init = test_setup)
{
    expect_render("{{x}} = {sim.p80}", &WEEKS, "{x} = 25.7");
    expect_render("}}{{", &WEEKS, "}{");
    expect_render("{{{sim.p80}}}", &WEEKS, "{25.7}");
    expect_render("plain text, no values", &WEEKS, "plain text, no values");
    expect_render("", &WEEKS, "");
}

Test(expr, template_unclosed_and_stray_braces, .init = test_setup)
{
    expect_template_error("a {sim.p80", 3,
                          "column 3: unclosed '{' (write '{{' for a literal brace)");
    expect_template_error("a {sim.p80|time", 3,
                          "column 3: unclosed '{' (write '{{' for a literal brace)");
    expect_template_error("{sim.p80 {ask.confidence}", 1,
                          "column 1: unclosed '{' (write '{{' for a literal brace)");
    expect_template_error("a } b", 3, "column 3: stray '}' (write '}}' for a literal brace)");
    expect_template_error("{sim.p80}}", 10,
                          "column 10: stray '}' (write '}}' for a literal brace)");
    expect_template_error("x {} y", 3,
                          "column 3: empty '{}' (write '{{' and '}}' for literal braces)");
}

Test(expr, template_unknown_format_lists_the_valid_ones, .init = test_setup)
{
    expect_template_error(
        "{sim.p80|weeks}", 10,
        "column 10: unknown format 'weeks'; use time, pct, money, int, date or num");
    expect_template_error(
        "{sim.p80|}", 10,
        "column 10: missing format after '|'; use time, pct, money, int, date or num");
    expect_template_error(
        "{sim.p80|time|pct}", 10,
        "column 10: unknown format 'time|pct'; use time, pct, money, int, date or num");
    expect_render("{ sim.p80 | time }", &WEEKS, "25.7 weeks");
}

Test(expr, template_errors_have_columns_in_the_whole_text, .init = test_setup)
{
    expect_template_error("Only {sim.p81|pct}", 7, "column 7: unknown name 'sim.p81'");
    expect_template_error("At {manager.deadline +} we", 23,
                          "column 23: expected an expression after '+'");
    expect_template_error("Caf\xc3\xa9 {sim.p81}", 7, "column 7: unknown name 'sim.p81'");
    expect_template_error("{1} and {(2}", 12, "column 12: expected ')' to close '(' at column 10");
    expect_template_error("{sim.p81|pcnt}", 2, "column 2: unknown name 'sim.p81'");
}

Test(expr, template_names_deduplicated_in_order, .init = test_setup)
{
    pb_template *t = NULL;
    pb_error err;
    cr_assert_eq(pb_template_compile("{sim.p80|time} vs {manager.deadline|time}: "
                                     "{sim.p80 - manager.deadline} at {ask.confidence|pct}",
                                     &NAMES, &t, NULL, &err),
                 PB_OK);
    cr_assert_eq(pb_template_n_names(t), 3);
    cr_assert_str_eq(pb_template_name(t, 0), "sim.p80");
    cr_assert_str_eq(pb_template_name(t, 1), "manager.deadline");
    cr_assert_str_eq(pb_template_name(t, 2), "ask.confidence");
    cr_assert_null(pb_template_name(t, 3));
    pb_template_free(t);
    cr_assert_eq(pb_template_n_names(NULL), 0);
    pb_template_free(NULL);
}

Test(expr, template_bare_name_renders_its_text, .init = test_setup)
{
    expect_render("Watch {sim.top_milestone}.", &WEEKS, "Watch Backend {API}.");
    expect_render("{ sim.top_milestone }, {sim.p80}", &WEEKS, "Backend {API}, 25.7");

    /* With a format, or inside a larger expression, only its number counts. */
    pb_template *t = NULL;
    pb_error err;
    char *out = NULL;
    cr_assert_eq(pb_template_compile("{sim.top_milestone|int}", &NAMES, &t, NULL, &err), PB_OK);
    cr_assert_eq(pb_template_render(t, &NAMES, &WEEKS, &out, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "'sim.top_milestone' has no value here");
    pb_template_free(t);

    /* Without a text resolver a text-valued name has no value. */
    pb_names no_text = {fake_known, fake_value, NULL, NULL};
    cr_assert_eq(pb_template_compile("{sim.top_milestone}", &no_text, &t, NULL, &err), PB_OK);
    cr_assert_eq(pb_template_render(t, &no_text, &WEEKS, &out, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "'sim.top_milestone' has no value here");
    cr_assert_null(out);
    pb_template_free(t);
}

Test(expr, template_render_errors, .init = test_setup)
{
    pb_template *t = NULL;
    pb_error err;
    cr_assert_eq(pb_template_compile("due {seek.date|date}", &NAMES, &t, NULL, &err), PB_OK);
    char *out = (char *)&t;
    cr_assert_eq(pb_template_render(t, &NAMES, &DATED, &out, &err), PB_ERR_RUN);
    cr_assert_null(out);
    cr_assert_str_eq(err.msg, "'seek.date' has no value here");
    pb_template_free(t);

    cr_assert_eq(pb_template_compile("{1 / (sim.p80 - 25.7)|pct}", &NAMES, &t, NULL, &err), PB_OK);
    cr_assert_eq(pb_template_render(t, &NAMES, &WEEKS, &out, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "division by zero");
    cr_assert_null(out);
    pb_template_free(t);
}

/* ==== Template conditionals ==== */

Test(expr, template_if_else_picks_one_branch, .init = test_setup)
{
    expect_render("{if sim.p80 > manager.deadline}late by {sim.p80 - manager.deadline|time}"
                  "{else}on time{end}.",
                  &WEEKS, "late by 8.7 weeks.");
    expect_render("{if sim.p80 < manager.deadline}late{else}on time by {sim.p80|time}{end}.",
                  &WEEKS, "on time by 25.7 weeks.");
    expect_render("a{if 0}b{end}c", &WEEKS, "ac");
    expect_render("a{if 2.385}b{end}c", &WEEKS, "abc");
    expect_render("{ if 1 }x{ else }y{ end }", &WEEKS, "x");
}

Test(expr, template_elif_chains_and_nesting, .init = test_setup)
{
    const char *t = "{if ask.confidence > 0.9}high{elif ask.confidence > 0.7}{if sim.p80 > 30}"
                    "late{else}usual{end}{elif 1}low{else}never{end}";
    expect_render(t, &WEEKS, "usual");
    expect_render("{if 0}a{elif 0}b{elif 2}c{else}d{end}", &WEEKS, "c");
    expect_render("{if 0}a{elif 0}b{else}d{end}", &WEEKS, "d");
    expect_render("{if 0}a{elif 0}b{end}.", &WEEKS, ".");
}

Test(expr, template_branch_not_taken_is_not_evaluated, .init = test_setup)
{
    /* seek.date has no value: only the branch that quotes it would fail */
    expect_render("{if 0}{seek.date|time}{else}no date{end}", &WEEKS, "no date");
    expect_render("{if 1}fine{elif seek.date > 1}x{end}", &WEEKS, "fine");
    pb_template *t = NULL;
    pb_error err;
    char *out = NULL;
    cr_assert_eq(pb_template_compile("{if seek.date > 1}x{end}", &NAMES, &t, NULL, &err), PB_OK);
    cr_assert_eq(pb_template_render(t, &NAMES, &WEEKS, &out, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "'seek.date' has no value here");
    cr_assert_null(out);
    /* the names of every branch are listed, so that a rulebook is checked whole */
    cr_assert_eq(pb_template_n_names(t), 1);
    cr_assert_str_eq(pb_template_name(t, 0), "seek.date");
    pb_template_free(t);
}

Test(expr, template_conditional_errors, .init = test_setup)
{
    expect_template_error("a {if 1}b", 3, "column 3: '{if}' without its '{end}'");
    expect_template_error("a {end}", 3, "column 3: '{end}' without an '{if}'");
    expect_template_error("{else}", 1, "column 1: '{else}' without an '{if}'");
    expect_template_error("{elif 1}", 1, "column 1: '{elif}' without an '{if}'");
    expect_template_error("{if 1}a{else}b{else}c{end}", 15, "column 15: '{else}' after '{else}'");
    expect_template_error("{if 1}a{else}b{elif 1}c{end}", 15, "column 15: '{elif}' after '{else}'");
    expect_template_error("{if }x{end}", 5, "column 5: missing condition after 'if'");
    expect_template_error("{if sim.p80|pct}x{end}", 12, "column 12: a condition takes no format");
    expect_template_error("{if sim.p81}x{end}", 5, "column 5: unknown name 'sim.p81'");
    expect_template_error("{if 1}x{end 2}", 13, "column 13: '{end}' takes nothing more");
    expect_template_error("{if 1 x{end}", 1,
                          "column 1: unclosed '{' (write '{{' for a literal brace)");
    char *deep = repeat("", "{if 1}", 17, "");
    expect_template_error(deep, 97, "column 97: '{if}' nested deeper than 16");
    free(deep);
    /* names that merely start like a keyword are names */
    expect_template_error("{ifx}", 2, "column 2: unknown name 'ifx'");
}

/* ==== Formatting ==== */

Test(expr, format_plain_number, .init = test_setup)
{
    expect_format(26.5, NULL, &WEEKS, "26.5");
    expect_format(3.0, NULL, &WEEKS, "3");
    expect_format(0.25, NULL, &WEEKS, "0.25");
    expect_format(1.0 / 3.0, NULL, &WEEKS, "0.33");
    expect_format(2.999, NULL, &WEEKS, "3");
    expect_format(-2.385, NULL, &WEEKS, "-2.38");
    expect_format(-0.001, NULL, &WEEKS, "0");
    expect_format(1234567.0, NULL, &WEEKS, "1234567");
}

Test(expr, format_time, .init = test_setup)
{
    expect_format(26.5, "time", &WEEKS, "26.5 weeks");
    expect_format(26.0, "time", &WEEKS, "26 weeks");
    expect_format(26.04, "time", &WEEKS, "26 weeks");
    expect_format(1.0, "time", &WEEKS, "1 week");
    expect_format(0.96, "time", &WEEKS, "1 week");
    expect_format(1.05, "time", &WEEKS, "1.1 weeks");
    expect_format(0.0, "time", &WEEKS, "0 weeks");
    expect_format(-1.5, "time", &WEEKS, "-1.5 weeks");
    expect_format(-0.01, "time", &WEEKS, "0 weeks");
    expect_format(-1.0, "time", &WEEKS, "-1 week");
    pb_format_ctx days = {"days", NULL, NULL};
    expect_format(1.0, "time", &days, "1 day");
    expect_format(12.0, "time", &days, "12 days");
    pb_format_ctx months = {"months", NULL, NULL};
    expect_format(1.0, "time", &months, "1 month");
    pb_format_ctx none = {NULL, NULL, NULL};
    expect_format(26.5, "time", &none, "26.5");
}

Test(expr, format_pct, .init = test_setup)
{
    expect_format(0.81, "pct", &WEEKS, "81%");
    expect_format(0.5, "pct", &WEEKS, "50%");
    expect_format(0.1, "pct", &WEEKS, "10%");
    expect_format(0.99, "pct", &WEEKS, "99%");
    expect_format(0.042, "pct", &WEEKS, "4.2%");
    expect_format(0.04, "pct", &WEEKS, "4.0%");
    expect_format(0.996, "pct", &WEEKS, "99.6%");
    /* a simulated share of none or all is a bound, never "0%" or "100%" (issue 12) */
    expect_format(0.0, "pct", &WEEKS, "<0.1%");
    expect_format(1.0, "pct", &WEEKS, ">99.9%");
    expect_format(0.0996, "pct", &WEEKS, "10%");
    expect_format(0.0004, "pct", &WEEKS, "<0.1%");
    expect_format(0.99996, "pct", &WEEKS, ">99.9%");
    expect_format(-0.05, "pct", &WEEKS, "-5.0%");
    expect_format(-0.2385, "pct", &WEEKS, "-24%");
    expect_format(1.5, "pct", &WEEKS, "150%");
    expect_format(123.4, "pct", &WEEKS, "12,340%");
}

Test(expr, format_money_at_three_magnitudes, .init = test_setup)
{
    expect_format(0.0, "money", &WEEKS, "USD 0");
    expect_format(950.4, "money", &WEEKS, "USD 950");
    expect_format(999.6, "money", &WEEKS, "USD 1k");
    expect_format(8049.0, "money", &WEEKS, "USD 8k");
    expect_format(7666.0, "money", &WEEKS, "USD 7.7k");
    expect_format(9876.4, "money", &WEEKS, "USD 9.9k");
    expect_format(9949.0, "money", &WEEKS, "USD 9.9k");
    expect_format(9999.6, "money", &WEEKS, "USD 10k");
    expect_format(10000.0, "money", &WEEKS, "USD 10k");
    expect_format(338000.0, "money", &WEEKS, "USD 338k");
    expect_format(338499.0, "money", &WEEKS, "USD 338k");
    expect_format(999499.0, "money", &WEEKS, "USD 999k");
    expect_format(999600.0, "money", &WEEKS, "USD 1.0M");
    expect_format(1234567.0, "money", &WEEKS, "USD 1.2M");
    expect_format(12345678901.0, "money", &WEEKS, "USD 12,345.7M");
    expect_format(-250000.0, "money", &WEEKS, "USD -250k");
    expect_format(-0.4, "money", &WEEKS, "USD 0");
    pb_format_ctx eur = {"weeks", "EUR", NULL};
    expect_format(2385.0, "money", &eur, "EUR 2.4k");
    pb_format_ctx none = {"weeks", NULL, NULL};
    expect_format(338000.0, "money", &none, "338k");
}

Test(expr, format_int, .init = test_setup)
{
    expect_format(1234567.5, "int", &WEEKS, "1,234,568");
    expect_format(999.4, "int", &WEEKS, "999");
    expect_format(1000.0, "int", &WEEKS, "1,000");
    expect_format(-1234.6, "int", &WEEKS, "-1,235");
    expect_format(-0.4, "int", &WEEKS, "0");
    expect_format(2.385, "int", &WEEKS, "2");
}

Test(expr, format_date_across_month_and_year_ends, .init = test_setup)
{
    expect_format(0.0, "date", &DATED, "2027-01-04");
    expect_format(4.0, "date", &DATED, "2027-02-01");
    expect_format(3.9, "date", &DATED, "2027-02-01"); /* 27.3 days round up to 28 */
    expect_format(3.85, "date", &DATED, "2027-01-31");
    expect_format(26.5, "date", &DATED, "2027-07-09");
    expect_format(52.0, "date", &DATED, "2028-01-03");
    expect_format(-1.0, "date", &DATED, "2026-12-28");
    pb_format_ctx days = {"days", "USD", "2027-01-04"};
    expect_format(27.0, "date", &days, "2027-01-31");
    expect_format(27.01, "date", &days, "2027-02-01");
    pb_format_ctx months = {"months", "USD", "2027-01-04"};
    expect_format(1.0, "date", &months, "2027-02-04");  /* 30.4375 days: 31 */
    expect_format(12.0, "date", &months, "2028-01-05"); /* 365.25 days: 366 */
    pb_format_ctx leap = {"days", "USD", "2028-02-27"};
    expect_format(2.0, "date", &leap, "2028-02-29");
    expect_format(3.0, "date", &leap, "2028-03-01");
}

Test(expr, format_date_without_start_reads_as_time, .init = test_setup)
{
    expect_format(26.5, "date", &WEEKS, "26.5 weeks");
    expect_format(26.5, "date", NULL, "26.5");
}

Test(expr, format_date_errors, .init = test_setup)
{
    char buf[64];
    pb_error err;
    pb_format_ctx bad = {"weeks", "USD", "2027-02-30"};
    cr_assert_eq(pb_format_value(1.0, "date", &bad, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "invalid start date '2027-02-30'");
    pb_format_ctx fortnights = {"fortnights", "USD", "2027-01-04"};
    cr_assert_eq(pb_format_value(1.0, "date", &fortnights, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "'date' needs the unit days, weeks or months, got 'fortnights'");
    cr_assert_eq(pb_format_value(1e9, "date", &DATED, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "date out of range");
    cr_assert_eq(pb_format_value(500000.0, "date", &DATED, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "date out of range");
}

Test(expr, format_rejects_non_finite_values, .init = test_setup)
{
    char buf[64];
    pb_error err;
    cr_assert_eq(pb_format_value(NAN, "pct", &WEEKS, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_str_eq(buf, "");
    cr_assert_str_eq(err.msg, "cannot format nan: not a finite number");
    cr_assert_eq(pb_format_value(INFINITY, NULL, &WEEKS, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_eq(pb_format_value(-INFINITY, "money", &WEEKS, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "cannot format -inf: not a finite number");
}

Test(expr, format_never_overflows_the_buffer, .init = test_setup)
{
    char buf[16];
    pb_error err;
    memset(buf, 'x', sizeof buf);
    /* "USD 338k" needs 9 bytes with its NUL. */
    cr_assert_eq(pb_format_value(338000.0, "money", &WEEKS, buf, 8, &err), PB_ERR_RUN);
    cr_assert_str_eq(buf, "");
    cr_assert_eq(buf[8], 'x');
    cr_assert_eq(pb_format_value(338000.0, "money", &WEEKS, buf, 9, &err), PB_OK);
    cr_assert_str_eq(buf, "USD 338k");
    cr_assert_eq(pb_format_value(26.5, "time", &WEEKS, buf, 10, &err), PB_ERR_RUN);
    cr_assert_eq(pb_format_value(26.5, "time", &WEEKS, buf, 11, &err), PB_OK);
    cr_assert_str_eq(buf, "26.5 weeks");
    cr_assert_eq(pb_format_value(1.0, NULL, &WEEKS, buf, 0, &err), PB_ERR_RUN);
    cr_assert_eq(pb_format_value(1.0, NULL, &WEEKS, NULL, 10, &err), PB_ERR_RUN);
}

Test(expr, format_extreme_values, .init = test_setup)
{
    char buf[1024];
    pb_error err;
    cr_assert_eq(pb_format_value(DBL_MAX, "int", &WEEKS, buf, sizeof buf, &err), PB_OK);
    cr_assert_eq(strlen(buf), 309 + 102);
    cr_assert_eq(pb_format_value(-DBL_MAX, NULL, &WEEKS, buf, sizeof buf, &err), PB_OK);
    cr_assert_eq(strlen(buf), 310);
    cr_assert_eq(pb_format_value(DBL_MAX, "money", &WEEKS, buf, sizeof buf, &err), PB_OK);
    cr_assert_eq(strncmp(buf, "USD 179,769,313", 15), 0);
    cr_assert_eq(pb_format_value(DBL_MAX, "pct", &WEEKS, buf, sizeof buf, &err), PB_ERR_RUN);
    cr_assert_str_eq(err.msg, "cannot format 1.79769e+308 as a percentage");
    cr_assert_eq(pb_format_value(1e300, "pct", &WEEKS, buf, sizeof buf, &err), PB_OK);
    cr_assert_eq(strlen(buf), 303 + 100 + 1);
    cr_assert_eq(pb_format_value(DBL_MIN, "pct", &WEEKS, buf, sizeof buf, &err), PB_OK);
    cr_assert_str_eq(buf, "<0.1%");
}

Test(expr, format_unknown_format_is_a_usage_error, .init = test_setup)
{
    char buf[64];
    pb_error err;
    cr_assert_eq(pb_format_value(1.0, "percent", &WEEKS, buf, sizeof buf, &err), PB_ERR_USAGE);
    cr_assert_str_eq(err.msg, "unknown format 'percent'; use time, pct, money, int, date or num");
}
