/*
 * report_internal.h - helpers shared by the writers (internal).
 */
#ifndef PUSHBACK_REPORT_INTERNAL_H
#define PUSHBACK_REPORT_INTERNAL_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include <pushback/report.h>

/* From this size on numbers are shown in scientific notation (text, Markdown, HTML alike). */
#define PB_FMT_SCIENTIFIC 1e18

/* Text: x with thousands separators and 'dec' decimals (scientific from
   PB_FMT_SCIENTIFIC on: 1.2346e+18), "n/a" when not finite, into buf. */
const char *pb__fmt_num(char *buf, size_t cap, double x, int dec);
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

const char *pb__deal_team_text(const struct pb_deal_result *r, char *buf, size_t cap);

/* A probability with its interval, "84% (95% CI 83%-85%)", through pb_format_interval (which
   says an interval whose ends round alike once: "<0.1% (95% CI below 0.1%)"). */
const char *pb__pct_ci(char *buf, size_t cap, const pb_interval *p);
/* A copy of rendered text s in which every "95% CI A-A" or "95% CI A to A" (both ends the same
   text) is said once, as pb_format_interval says it; NULL when memory runs out. */
char *pb__tidy_intervals(const char *s);

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

#endif
