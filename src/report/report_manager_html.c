/*
 * report_manager_html.c - the proposal page as one self-contained HTML page.
 *
 * The page element (<article class="page">) holds what the engineer sends,
 * sized to print on one A4 page (tests/browser checks that it does); the
 * brief's six charts follow it in a section marked data-charts="after-page",
 * which starts a new printed page. Like the brief's page, it needs nothing
 * from the network: the stylesheet is inline and there is no script. The
 * body is report_manager.c's, in its HTML form, so every text from the
 * scenario is escaped there.
 */
#include <stdio.h>

#include <pushback/page.h>

#include "pushback/report.h"
#include "report_internal.h"
#include "svg.h"

/* The page's own rules, after the brief's: compact type, one A4 page. */
static const char PAGE_CSS[] =
    "article.page{max-width:210mm;margin:0 auto}\n"
    "article.page h1{font-size:22px}article.page h2{font-size:16px;margin:14px 0 6px}\n"
    "article.page p{margin:4px 0}article.page table{font-size:13px;margin:4px 0}\n"
    "article.page th,article.page td{padding:2px 8px}\n"
    "article.page td{white-space:nowrap}article.page td:first-child{white-space:normal}\n"
    "#charts{margin-top:28px}\n"
    "@media print{html{font-size:8.5pt;line-height:1.3}article.page h1{font-size:14pt;"
    "margin:0 0 3px}article.page h2{font-size:10.5pt;margin:7px 0 2px}"
    "article.page p{margin:2px 0}article.page table{font-size:8pt;margin:2px 0}"
    "article.page th,article.page td{padding:0 6px}"
    "#charts{break-before:page;page-break-before:always;margin-top:0}}\n";

pb_status pb_report_page_html(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err)
{
    const pb_scenario *s = p->brief->scenario;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"pushback " PB_VERSION "\">\n"
          "<link rel=\"icon\" href=\"data:,\">\n<title>",
          f);
    pb__svg_escape(f, s->name);
    fputs(": proposal</title>\n<style>\n", f);
    fputs(pb__brief_css(), f);
    fputs(PAGE_CSS, f);
    fputs("</style>\n</head>\n<body>\n<main>\n<article class=\"page\" data-page=\"proposal\">\n",
          f);
    pb__page_body(f, PB__PAGE_HTML, ctx, p);
    fputs("</article>\n<section id=\"charts\" data-charts=\"after-page\">\n"
          "<h2>The numbers in pictures</h2>\n",
          f);
    pb__brief_charts(f, p->brief);
    fputs("</section>\n</main>\n</body>\n</html>\n", f);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the proposal page");
    return PB_OK;
}
