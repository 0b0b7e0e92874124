/*
 * report_internal.h - helpers shared by the writers (internal).
 */
#ifndef PUSHBACK_REPORT_INTERNAL_H
#define PUSHBACK_REPORT_INTERNAL_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include <pushback/report.h>

#include "base/format.h"     /* pb__fmt_num */
#include "format_interval.h" /* pb__pct_ci, pb__tidy_intervals */

/* Decimals that suit a quantity whose typical size is 'scale'. */
int pb__decimals(double scale);

/* Text charts of a result: the histogram of the finish, the S-curve (chance of
   finishing by each percentile's date), and several plans' P10-P90 ranges. */
void pb__text_histogram(FILE *f, const pb_result *r, const char *unit, bool color);
void pb__text_s_curve(FILE *f, const pb_report_ctx *ctx, const pb_result *r);
/* The experiment rounds' metric section of 'simulate' (nothing without rounds). */
void pb__text_metric(FILE *f, const pb_report_ctx *ctx, const pb_result *r);
/* The team's changes over time in 'simulate': joins (nothing without any). */
void pb__text_people(FILE *f, const pb_report_ctx *ctx, const pb_result *r);
void pb__text_ranges(FILE *f, const pb_report_ctx *ctx, const char *const *names,
                     const pb_result *const *r, size_t n);

/* A brief's value as its templates format it ("33.9 weeks", "USD 358k",
   "85%"); "n/a" when not finite. */
const char *pb__brief_value(const pb_brief *b, double v, const char *kind, char *buf, size_t cap);
/* Whether the manager page shows frontier point k (report_manager.c): not a dearer
   twin of a point whose date prints the same. */
struct pb_frontier;
bool pb__page_tradeoff_shown(const pb_brief *b, const struct pb_frontier *fr, size_t k);

/* The brief's opening, shared by the text, Markdown and HTML writers, each
   written through 'out' (plain or escaping): the lead ("Commit to ... (our
   P80). Aim for ... (P50). Below ... we cannot say yes ..."), the team and
   its cost (no final period) and the manager's asks. */
typedef void (*pb__printf_fn)(FILE *f, const char *fmt, ...);
void pb__brief_lead(FILE *f, pb__printf_fn out, const pb_brief *b);
void pb__brief_team(FILE *f, pb__printf_fn out, const pb_brief *b);
void pb__brief_asks(FILE *f, pb__printf_fn out, const pb_brief *b);
/* What drives the date: the most sensitive milestone and the risk of largest exposure
   (no final period; nothing when the plan has no milestone). */
void pb__brief_drivers(FILE *f, pb__printf_fn out, const pb_brief *b);
/* The brief's tracking lines as plain text into buf (report_brief_track.c): where a tracked
   project stands ("As of ..., the P80 moved from ... to ..."), and the outside view with and
   without the reference-class uplift. Empty (0) when there is nothing to say. */
size_t pb__brief_track_lead(char *buf, size_t cap, const pb_brief *b);
size_t pb__brief_track_outside(char *buf, size_t cap, const pb_brief *b);
/* simulate's outside view (report_outside.c): one text line after the finish table, and the
   JSON member "outside_view" (NULL: none), when o has a reference class (o may be NULL). */
struct pb_outside;
void pb__report_outside_text(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                             const struct pb_outside *o);
json_t *pb__json_outside(const pb_result *r, const struct pb_outside *o);
/* The brief's "track" member (docs/json.md), or NULL when it has nothing to say. */
json_t *pb__json_brief_track(const pb_brief *b);

/* JSON values; non-finite numbers become null, invalid UTF-8 a marked string. */
json_t *pb__json_num(double x);
json_t *pb__json_str(const char *s);
json_t *pb__json_interval(const pb_interval *v); /* { value, lo, hi } */
json_t *pb__json_prob(const pb_interval *v);     /* { probability, lo, hi } */
json_t *pb__json_summary(const pb_summary *s);
/* The "metric" object of 'simulate' JSON (call only when r->n_rounds > 0). */
json_t *pb__json_metric(const pb_result *r);
/* The "learning_curve" object of 'simulate' JSON (call only when r->has_curve). */
json_t *pb__json_curve(const pb_report_ctx *ctx, const pb_result *r);
/* The "people" object of 'simulate' JSON (r) or 'check' (r NULL: attrition as declared):
   joins and attrition; NULL when the scenario has neither. */
json_t *pb__json_people(const pb_report_ctx *ctx, const pb_result *r);
/* The same for scenario s and attrition results 'leaves' (declared: the entries as declared,
   for check); NULL without joins or attrition. */
json_t *pb__json_people_of(const pb_scenario *s, const pb_leave_result *leaves, size_t n_leaves,
                           bool declared);
/* Whether s has joins or attrition; the People section's lines of s and its attrition results,
   each line after 'indent' (report_people.c). */
bool pb__has_people(const pb_scenario *s);
void pb__text_people_lines(FILE *f, const pb_scenario *s, const pb_leave_result *leaves,
                           size_t n_leaves, const char *indent);
/* The ML features scenario s uses, for 'check -f json' (report_check_ml.c); NULL when none. */
json_t *pb__json_check_ml(const pb_scenario *s);
/* The ML features per option of 'compare' (report_compare_ml.c): a text table (w: the
   width of the option column), each option's "metric" and "learning_curve" JSON, and
   CSV columns; nothing when no option has experiment rounds or a learning curve. */
struct pb_comparison;
void pb__compare_metric_text(FILE *f, const pb_report_ctx *ctx, const struct pb_comparison *c,
                             size_t w);
void pb__compare_metric_json(json_t *o, const pb_report_ctx *ctx, const pb_result *r);
void pb__compare_metric_csv_header(FILE *f, const struct pb_comparison *c);
void pb__compare_metric_csv_row(FILE *f, const struct pb_comparison *c, const pb_result *r);
/* The People section of 'compare' (report_people.c): per option with joins or attrition, its
   lines as simulate writes them; nothing when no option has any. */
void pb__compare_people_text(FILE *f, const pb_report_ctx *ctx, const struct pb_comparison *c);

/* The fields every document starts with (version, scenario, sha256, seed, ...). */
json_t *pb__json_header(const pb_report_ctx *ctx, size_t iterations, uint64_t seed);
/* Write doc (and release it) as indented JSON with a final newline. */
pb_status pb__json_write(FILE *f, json_t *doc, pb_error *err);

/* Scenario text made safe (report_escape.c); a text is at most 4,096 bytes. */
#define PB__TEXT_CAP 4100
size_t pb__utf8_len(const unsigned char *p); /* 1-4, or 0: not valid UTF-8 */
/* pb_text_escape(s, PB_ESCAPE_TEXT) into buf, cut at a character boundary to fit. */
const char *pb__text_clean(char *buf, size_t cap, const char *s);
/* Format, then write escaped for a terminal or for Markdown. */
void pb__printf_text(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pb__printf_md(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Format, then write escaped as HTML text. */
void pb__printf_html(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One CSV cell (RFC 4180), neutralised against spreadsheet formulas. */
void pb__csv_cell(FILE *f, const char *s);

/* The document of pb_report_check_json (report_json.c). */
json_t *pb__json_check(const pb_report_ctx *ctx, const char *rulebook, size_t n_rules,
                       const pb_gap *gaps, size_t n_gaps, const pb_error *error);

/* Deals (report_deal.c): the deal's own JSON part, and "5 people (2 ml, ...)". */
struct pb_deal_result;
json_t *pb__json_deal(const struct pb_deal_result *r);
/* The "audit" member of check's and brief's JSON (null when 'a' is NULL or asks nothing). */
struct pb_audit;
json_t *pb__json_audit(const struct pb_audit *a);

/* The proposal page (report_manager.c): its body in one of three forms, used by the text,
   Markdown and HTML writers (report_manager_html.c). */
typedef enum pb__page_style {
    PB__PAGE_TEXT,
    PB__PAGE_MD,
    PB__PAGE_HTML
} pb__page_style;
struct pb_page;
void pb__page_body(FILE *f, pb__page_style st, const pb_report_ctx *ctx, const struct pb_page *p);
/* The HTML brief's stylesheet and its six charts (report_html.c), for the proposal page. */
const char *pb__brief_css(void);
void pb__brief_charts(FILE *f, const pb_brief *b);
/* The prep sheet's start when it adopts the audit's dominating deal ("We propose ... instead",
   one line; nothing otherwise), and its end state ("If all of these are agreed: ...", with the
   budget given back; nothing when nothing was agreed), in text or Markdown (report_endstate.c). */
void pb__brief_write_start(FILE *f, const pb_brief *b, bool md);
void pb__brief_write_end(FILE *f, const pb_brief *b, bool md);
/* Before the plan's table when the sheet proposes the dominating deal: that the table, the chart
   and the drivers are the plan as written (one line; nothing otherwise). */
void pb__brief_write_as_written(FILE *f, const pb_brief *b, bool md);

#endif
