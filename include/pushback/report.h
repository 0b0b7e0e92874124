/*
 * report.h - writers: a simulation's results as text for a terminal or as
 * JSON for machines (docs/json.md).
 *
 * Writers write to a stream the caller opened and owns; they never open,
 * close or choose files, and never write anything but the report. Every
 * number written is finite: a quantity that does not exist (no deadline in
 * the scenario) is written as null in JSON and left out in text.
 */
#ifndef PUSHBACK_REPORT_H
#define PUSHBACK_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <pushback/error.h>
#include <pushback/rules.h>
#include <pushback/scenario.h>
#include <pushback/seek.h>
#include <pushback/sim.h>
#include <pushback/whatif.h>

#define PB_VERSION "0.1.0"

/* What the writers need besides the result: where it came from. */
typedef struct pb_report_ctx {
    const pb_scenario *scenario; /* as simulated (option and edits applied) */
    const char *option;          /* "base" or the option's name */
    const char *command;         /* the command line that reproduces it, or NULL */
    bool color;                  /* text: ANSI colours */
} pb_report_ctx;

/*
 * Write the result of 'simulate' as text: the finish and cost percentiles
 * with their intervals (and dates when the scenario has 'start'), the
 * chances of meeting the ask, milestones, risks and a histogram.
 * Returns PB_ERR_RUN when writing fails.
 */
pb_status pb_report_simulate_text(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                  pb_error *err);

/* Write the result of 'simulate' as one JSON document (the shape in docs/json.md). */
pb_status pb_report_simulate_json(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                  pb_error *err);

/*
 * Write a comparison of options: a table of each plan's percentiles,
 * probabilities, people and labour, then each option's paired differences
 * against the base; 'pairs' (n_pairs of them, may be 0) adds named pairs
 * compared with each other, pairs[2k] = A and pairs[2k + 1] = B meaning B minus A.
 */
pb_status pb_report_compare_text(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c,
                                 const char *const *pairs, const pb_paired *pair_results,
                                 size_t n_pairs, pb_error *err);
pb_status pb_report_compare_json(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c,
                                 const char *const *pairs, const pb_paired *pair_results,
                                 size_t n_pairs, pb_error *err);

/*
 * A comparison as CSV: a row per plan (base first) with its percentiles,
 * probabilities and paired differences against the base (empty cells where a
 * quantity does not exist).
 */
pb_status pb_report_compare_csv(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c,
                                pb_error *err);

/* Write the answers of 'seek' as text or JSON. */
pb_status pb_report_seek_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r,
                              pb_error *err);
pb_status pb_report_seek_json(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r,
                              pb_error *err);

/* Write the negotiation brief as text, Markdown or JSON. */
pb_status pb_report_brief_text(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err);
pb_status pb_report_brief_md(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err);
pb_status pb_report_brief_json(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err);

/*
 * Write the brief as one self-contained HTML page (no network, no external
 * fonts or scripts; printable on A4) with inline SVG charts: the S-curve of
 * finishing by each date (P50, P80, the asked deadline and the manager's date
 * marked), the duration histogram, the tornado of sensitivity and
 * criticality, the options compared (P10-P90 bars with P50/P80 marks), the
 * milestone timeline (P50 and P80 finish whiskers, dates when 'start' is
 * given) and the budget S-curve; then the pushback with answers and offers,
 * the gaps and how to reproduce the numbers. Every text from the scenario is
 * escaped. Each chart carries a data-chart attribute naming it, and the P50
 * and P80 appear as data-p50 / data-p80 attributes on the page's root, with
 * the same digits as the JSON brief.
 */
pb_status pb_report_brief_html(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err);

/*
 * Write a simulation's per-iteration samples as CSV (RFC 4180, CRLF line
 * ends): iteration, duration, cost, each need, each milestone's duration and
 * finish ("ID.duration", "ID.finish"), each risk's firing ("ID.fired", 0/1).
 * The result must have been simulated with keep_samples (PB_ERR_USAGE
 * otherwise); 'p' is its plan.
 */
pb_status pb_report_samples_csv(FILE *f, const pb_plan *p, const pb_result *r, pb_error *err);

/*
 * Write the result of 'check' as JSON: when 'error' is NULL, { "valid": true,
 * counts, "rulebook": {path, rules}, "gaps": [...] }; else { "valid": false,
 * "error": {file, line, message, status} } (ctx->scenario may then be NULL).
 */
pb_status pb_report_check_json(FILE *f, const pb_report_ctx *ctx, const char *rulebook,
                               size_t n_rules, const pb_gap *gaps, size_t n_gaps,
                               const pb_error *error, pb_error *err);

/*
 * The calendar date 'value' units after the scenario's start, as
 * "YYYY-MM-DD" in buf (11 bytes); false when there is no start. Days are
 * calendar days, weeks 7 days, months 30.4375 days.
 */
bool pb_report_date(const pb_scenario *s, double value, char buf[11]);

/* How pb_text_escape makes a scenario's text safe for an output. */
typedef enum pb_escape {
    PB_ESCAPE_TEXT, /* a terminal: no control characters or escape sequences */
    PB_ESCAPE_MD    /* Markdown: also no markup, links, images, HTML or table breaks */
} pb_escape;

/*
 * A copy of 's' safe to write as 'how' says. Both forms replace each byte
 * that starts no valid UTF-8 sequence with U+FFFD, line breaks and tabs with
 * a space, and the other control characters (C0, DEL and C1, so ESC and
 * every terminal escape sequence) with '?'. PB_ESCAPE_MD also writes '<',
 * '>' and '&' as HTML entities and puts a backslash before each of
 * \ ` * _ [ ] ! | ~ # so that no emphasis, link, image, code span, table
 * cell or heading can start. Returns a string the caller frees, or NULL when memory
 * runs out; 's' NULL gives "".
 */
char *pb_text_escape(const char *s, pb_escape how);

/* Write pb_text_escape(s, how) to f (nothing when memory runs out). */
void pb_text_put(FILE *f, const char *s, pb_escape how);

#endif
