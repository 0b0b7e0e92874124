/*
 * page.h - the proposal page: the brief for the manager ('brief --for
 * manager'), what the engineer sends (NEGOTIATION.md, "Two audiences").
 *
 * The page is built from a brief that has already run (pb_brief_run) and
 * adds only what the prep sheet does not keep: the plan as asked evaluated
 * as a deal, the frontier of deals not dominated at the confidence, and the
 * risks ranked by exposure. Every evaluation uses the brief's iteration
 * count and seed, so a number the page shares with the prep sheet is the
 * same number. The page carries no psychology, no coaching and no moves.
 */
#ifndef PUSHBACK_PAGE_H
#define PUSHBACK_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pushback/deal.h>
#include <pushback/error.h>
#include <pushback/report.h>
#include <pushback/rules.h>

#define PB_PAGE_ROWS 6 /* rows of each table on the page (milestones, trade-offs, risks) */

/* A risk on the page: how often it fires, what it adds, and their product. */
typedef struct pb_page_risk {
    const char *id, *name; /* borrowed from the brief's result */
    double fired;          /* fraction of simulated projects in which it fires */
    double mean_delay;     /* what it adds to the finish when it fires, in the scenario's unit */
    double exposure;       /* fired x mean_delay */
} pb_page_risk;

typedef struct pb_page {
    const pb_brief *brief; /* borrowed: it must outlive the page */
    pb_deal_result *plan;  /* owned: the plan as asked (after the audit: the deal the
                              negotiation starts from), evaluated as a deal; NULL when the
                              scenario asks for neither a deadline nor a budget */
    pb_result *adopted;    /* owned: when the prep sheet adopts a dominating deal, that deal's
                              scenario run at the brief's count and seed (every date, range,
                              milestone, driver and risk on the page is read from it); else NULL:
                              the brief's base run */
    struct pb_plan *adopted_plan; /* owned: the plan 'adopted' was run from (its names) */
    pb_frontier *frontier;        /* owned: the deals not dominated at the brief's confidence */
    size_t n_risks;
    pb_page_risk *risks; /* owned: largest exposure first */
} pb_page;

/*
 * Build the proposal page of brief 'b' (which must outlive it): evaluate the
 * plan as asked as a deal and search the frontier, both at b's iteration
 * count and seed with 'threads' threads, and rank the risks by exposure.
 * On success *out owns a new page (pb_page_free). Errors as pb_deal_evaluate
 * and pb_frontier_run (PB_ERR_RUN for memory); *out is then NULL.
 */
pb_status pb_page_run(const pb_brief *b, unsigned threads, pb_page **out, pb_error *err);

/* Free a page (not its brief). NULL is a no-op. */
void pb_page_free(pb_page *p);

/*
 * Write the proposal page as text, Markdown, JSON (docs/json.md, "The
 * proposal page") or one self-contained HTML page (A4 print CSS; the page
 * first, then the brief's charts after the element marked
 * data-charts="after-page"). Every text from the scenario is escaped.
 * PB_ERR_RUN when writing fails.
 */
pb_status pb_report_page_text(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err);
pb_status pb_report_page_md(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err);
pb_status pb_report_page_json(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err);
pb_status pb_report_page_html(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err);

#endif
