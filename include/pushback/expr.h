/*
 * expr.h - the small expression language of the rulebook, and templates.
 *
 * An expression is numbers, arithmetic (+ - * /, unary -), comparisons
 * (< <= > >= == !=, giving 1 or 0), 'and', 'or', 'not' (0 is false, any other
 * number true), parentheses, the functions min(a, b, ...), max(a, b, ...)
 * and abs(x), and dotted names such as 'sim.p80' or 'option.lean.p80'.
 * Precedence, loosest first: or; and; not; comparisons (not chained);
 * + -; * /; unary -. Names are checked when an expression is compiled, so
 * a rulebook with an unknown name fails when it loads, not when a rule fires.
 *
 * A template is text with embedded expressions: "At {manager.deadline|time}
 * only {whatif.p_deadline|pct} finish". '{{' and '}}' stand for literal braces.
 * A template may branch: "{if deal.payback > 0}gain{elif deal.payback < 0}
 * cost{else}change nothing{end}" (elif and else optional, nesting up to 16
 * deep). A condition is an expression without a format, true when not 0;
 * only the branch taken is evaluated, so a name without a value in another
 * branch does no harm. The words if, elif, else and end right after '{'
 * start a directive; an unclosed '{if}', a stray '{end}', '{else}' twice
 * and a format on a condition are compile errors with their columns.
 * Formats: time (a number and the unit, "26.5 weeks"), pct ("81%",
 * "4.2%" below 10%), money ("USD 950", "USD 9.9k", "USD 338k", "USD 1.2M"), int
 * (rounded whole number), date (the scenario's start plus the value in its
 * unit), num (a number as time rounds it, without the unit: "7.3" in "7.3
 * person-weeks"), and none (a plain number with up to two decimals).
 */
#ifndef PUSHBACK_EXPR_H
#define PUSHBACK_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/error.h>

/*
 * Where names come from. 'known' says whether a name exists at all (used at
 * compile time); 'value' gives its value now, or returns false when it has
 * none (a manager deadline the scenario does not set, a seek that found
 * nothing): evaluation then fails with PB_ERR_RUN and a message naming it.
 */
typedef struct pb_names {
    bool (*known)(void *ctx, const char *name);
    bool (*value)(void *ctx, const char *name, double *out);
    void *ctx;
    /*
     * Optional (may be NULL): the text of a text-valued name. A template's
     * '{name}' (a bare name, no format) whose text exists renders that text.
     */
    bool (*text)(void *ctx, const char *name, const char **out);
} pb_names;

typedef struct pb_expr pb_expr;

/*
 * Compile 'text'. On a syntax error or an unknown name returns
 * PB_ERR_INVALID with err->msg like "column 7: unknown name 'sim.p81'" (or
 * "column 4: expected ')'"), and *column set to the 1-based column (when
 * column is not NULL). err->file and err->line are left empty: the caller
 * knows them. On success *out owns a new expression (pb_expr_free).
 */
pb_status pb_expr_compile(const char *text, const pb_names *names, pb_expr **out, int *column,
                          pb_error *err);

/* Evaluate. PB_ERR_RUN when a name has no value or on division by zero. */
pb_status pb_expr_eval(const pb_expr *e, const pb_names *names, double *out, pb_error *err);

/* The dotted names an expression uses, in order of appearance (borrowed). */
size_t pb_expr_n_names(const pb_expr *e);
const char *pb_expr_name(const pb_expr *e, size_t i);

void pb_expr_free(pb_expr *e);

/* How formatted values read. */
typedef struct pb_format_ctx {
    const char *unit;     /* "weeks" */
    const char *currency; /* "USD" */
    const char *start;    /* "YYYY-MM-DD" or NULL (then 'date' formats as 'time') */
} pb_format_ctx;

typedef struct pb_template pb_template;

/*
 * Compile a template; errors as pb_expr_compile, columns counted in 'text'
 * (an unclosed '{', a stray '}', an empty '{}' and an unknown format are
 * errors too). *out owns the template (pb_template_free).
 */
pb_status pb_template_compile(const char *text, const pb_names *names, pb_template **out,
                              int *column, pb_error *err);

/*
 * Render into a new NUL-terminated string (*out, free with free()). Errors as
 * pb_expr_eval. A non-finite value is an error, never printed.
 */
pb_status pb_template_render(const pb_template *t, const pb_names *names, const pb_format_ctx *fmt,
                             char **out, pb_error *err);

/* The names a template uses (all its expressions), in order (borrowed). */
size_t pb_template_n_names(const pb_template *t);
const char *pb_template_name(const pb_template *t, size_t i);

void pb_template_free(pb_template *t);

/*
 * Format one value as a template would, into 'buf' of 'cap' bytes. 'format'
 * is "time", "pct", "money", "int", "date", "num" or NULL (none); 'fmt' may be NULL
 * (no unit, no currency, no start).
 *   none   up to 2 decimals, trailing zeros dropped: "26.5", "3", "0.25"
 *   time   one decimal (".0" dropped) and the unit, singular for 1:
 *          "26.5 weeks", "26 weeks", "1 week"; no unit: the number alone
 *   pct    whole percent, "81%"; one decimal between 0 and 10% and between
 *          99% and 100%: "4.2%", "99.6%"; "<0.1%" and ">99.9%" rather than
 *          a rounded 0.0% or 100.0%, also for exactly 0 and 1 (a simulated
 *          share of none or all is a bound, not a certainty)
 *   money  the currency, then whole units below 1,000 ("USD 950"),
 *          thousands to one decimal below 10k ("USD 8k", "USD 9.9k": an
 *          estimate has two figures), whole thousands up to 999k
 *          ("USD 338k"), then millions to one
 *          decimal ("USD 1.2M", "USD 12,345.7M")
 *   int    rounded, thousands separated: "1,234,568"
 *   num    one decimal, ".0" dropped, no unit and no separators: "7.3", "26"
 *   date   fmt->start plus the value in fmt->unit (days, weeks of 7 days,
 *          months of 30.4375 days), rounded up to a whole day: "2027-02-01";
 *          formatted as time when fmt or fmt->start is NULL
 * Negative values keep their sign ("-1.5 weeks", "USD -250k"); one that
 * rounds to zero shows none. Errors: PB_ERR_RUN for a non-finite value, a
 * buffer too small (buf then holds ""), an invalid start, a unit 'date' does
 * not know or a date outside years 1 to 9999; PB_ERR_USAGE for an unknown
 * format. Never writes more than 'cap' bytes.
 */
pb_status pb_format_value(double v, const char *format, const pb_format_ctx *fmt, char *buf,
                          size_t cap, pb_error *err);

/*
 * A value with its 95% interval, formatted as pb_format_value does each:
 * "84% (95% CI 83%-85%)" for 'pct', "34.1 weeks (95% CI 34 weeks to 34.2
 * weeks)" otherwise. When both ends round to the same text the interval is
 * said once, as what it is: "4.9 weeks (95% CI within 0.05 weeks)",
 * "<0.1% (95% CI below 0.1%)", ">99.9% (95% CI above 99.9%)", or "(95% CI
 * within rounding)" for money. Errors as pb_format_value (buf then "").
 */
pb_status pb_format_interval(double v, double lo, double hi, const char *format,
                             const pb_format_ctx *fmt, char *buf, size_t cap, pb_error *err);

#endif
