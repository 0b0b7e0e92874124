/*
 * report_manager.c - the proposal page ('brief --for manager') as text,
 * Markdown or the body of the HTML page.
 *
 * One writer serves the three forms: a small style layer (headings,
 * paragraphs, tables) writes plain text, Markdown or HTML, and every text
 * that comes from the scenario goes through that layer's escaping
 * (pb_text_put for a terminal and Markdown, pb__svg_escape for HTML). The
 * page says what the engineer sends and nothing else: the commitment, the
 * plan, the choices, the trade-offs and the risks. There is no move, no
 * coaching and no guess at the manager's motives. Every number comes from
 * the brief and the page (one iteration count and seed, stated once at the
 * foot), and every interval goes through pb_format_interval.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/expr.h>
#include <pushback/page.h>

#include "base/format.h"
#include "brief_endstate.h"
#include "brief_interests.h"
#include "deal_internal.h"
#include "format_interval.h"
#include "pushback/report.h"
#include "report_internal.h"
#include "svg.h"

#define RISK_ROWS 4 /* risks on the page */

/* ==== The style layer ==== */

typedef struct w {
    FILE *f;
    pb__page_style st;
    const pb_page *p;
    const pb_brief *b;
} w;

/* Scenario or page text, escaped for the form. */
static void put(w *o, const char *s)
{
    if (o->st == PB__PAGE_HTML)
        pb__svg_escape(o->f, s ? s : "");
    else
        pb_text_put(o->f, s, o->st == PB__PAGE_MD ? PB_ESCAPE_MD : PB_ESCAPE_TEXT);
}

static void putf(w *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(w *o, const char *fmt, ...)
{
    char small[1024], *big;
    va_list ap;
    va_start(ap, fmt);
    put(o, pb__vformat(small, sizeof small, &big, fmt, ap));
    va_end(ap);
    free(big);
}

static void heading(w *o, const char *title, const char *id)
{
    if (o->st == PB__PAGE_HTML)
        fprintf(o->f, "<h2 id=\"%s\">", id);
    else if (o->st == PB__PAGE_MD)
        fputs("### ", o->f);
    put(o, title);
    fputs(o->st == PB__PAGE_HTML ? "</h2>\n" : "\n\n", o->f);
}

static void para_open(w *o)
{
    if (o->st == PB__PAGE_HTML)
        fputs("<p>", o->f);
}

static void para_close(w *o)
{
    fputs(o->st == PB__PAGE_HTML ? "</p>\n" : "\n\n", o->f);
}

/* How many bytes of s fit a line of width: up to its last space that fits, else
   cut at the width (never inside a UTF-8 character). */
static size_t line_cut(const char *s, size_t width)
{
    size_t n = strlen(s);
    if (n <= width)
        return n;
    size_t k = width;
    while (k && s[k] != ' ')
        k--;
    if (k)
        return k;
    k = width;
    while (k && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k ? k : n;
}

/* A table of n columns: the first is text, left-aligned, a long one wrapped onto
   lines of its own; the others numbers. */
static void table_row(w *o, const char *const *cells, size_t n, bool head)
{
    if (o->st == PB__PAGE_HTML) {
        fputs("<tr>", o->f);
        for (size_t k = 0; k < n; k++) {
            fputs(head ? "<th>" : "<td>", o->f);
            put(o, cells[k]);
            fputs(head ? "</th>" : "</td>", o->f);
        }
        fputs("</tr>\n", o->f);
    } else if (o->st == PB__PAGE_MD) {
        for (size_t k = 0; k < n; k++) {
            fputs("| ", o->f);
            put(o, cells[k]);
            fputc(' ', o->f);
        }
        fputs("|\n", o->f);
        for (size_t k = 0; head && k < n; k++)
            fputs(k ? "---|" : "|---|", o->f);
        if (head)
            fputc('\n', o->f);
    } else {
        char clean[PB__TEXT_CAP], first[PB__TEXT_CAP];
        pb__text_clean(first, sizeof first, cells[0]);
        const char *rest = first;
        size_t cut = line_cut(rest, 42);
        fprintf(o->f, "%-42.*s", (int)cut, rest);
        for (size_t k = 1; k < n; k++)
            fprintf(o->f, " %*s", 16, pb__text_clean(clean, 18, cells[k]));
        fputc('\n', o->f);
        /* the rest of a long first cell on lines of its own, indented */
        for (rest += cut; *rest; rest += cut) {
            while (*rest == ' ')
                rest++;
            cut = line_cut(rest, 40);
            if (cut)
                fprintf(o->f, "  %.*s\n", (int)cut, rest);
        }
    }
}

static void table_open(w *o, const char *const *heads, size_t n)
{
    if (o->st == PB__PAGE_HTML)
        fputs("<table>\n<thead>\n", o->f);
    table_row(o, heads, n, true);
    if (o->st == PB__PAGE_HTML)
        fputs("</thead>\n<tbody>\n", o->f);
}

static void table_close(w *o)
{
    fputs(o->st == PB__PAGE_HTML ? "</tbody>\n</table>\n" : "\n", o->f);
}

#define fv pb__brief_value

/* A value with its interval ("84% (95% CI 83%-85%)"), as the prep sheet says it: an interval
   that rounds to its value is not said (the foot says such figures are exact). */
static const char *ci(const w *o, const pb_interval *v, const char *kind, char *buf, size_t cap)
{
    const pb_scenario *s = o->b->scenario;
    pb_format_ctx fmt = {s->unit, s->currency, s->start};
    pb_error e;
    if (pb__format_interval_said(v->value, v->lo, v->hi, kind, &fmt, buf, cap, &e))
        snprintf(buf, cap, "n/a");
    return buf;
}

/* ==== The sections ==== */

/* The run the page reads its dates from: the adopted deal's, else the brief's base run. */
static const pb_result *run_of(const w *o)
{
    return o->p->adopted ? o->p->adopted : o->b->base;
}

/* What the manager sees first and when (his time interest, in his words, where the scenario
   has one: C13), the go/no-go point (C7) and the payback (C7), each where the scenario
   declares it. */
static void first_gate_value(w *o)
{
    const pb_brief *b = o->b;
    const pb_milestone_result *d = pb__brief_first_declared(b->scenario, run_of(o), false, NULL),
                              *g = pb__brief_first_declared(b->scenario, run_of(o), true, NULL);
    const pb_deal_result *p = o->p->plan;
    char a[128];
    const pb_interest *x = NULL;
    for (size_t k = 0; k < b->scenario->n_interests && !x; k++)
        if (!strcmp(b->scenario->interests[k].topic, "time"))
            x = &b->scenario->interests[k];
    if (d) {
        put(o, x ? " For " : " The first deliverable, ");
        if (x) {
            put(o, x->text);
            put(o, ": ");
        }
        put(o, d->name);
        double when = d->finish.pct[PB_P80].value;
        putf(o, " is done by %s at 80%% confidence", fv(b, when, "time", a, sizeof a));
        if (x && isfinite(x->at) && when > x->at) /* said plainly: it misses his date */
            putf(o, ", not by %s", fv(b, x->at, "time", a, sizeof a));
        put(o, ".");
    }
    if (g) {
        put(o, " The go/no-go point is ");
        put(o, g->name);
        putf(o, ", done by %s at 80%% confidence: there we decide whether to go on.",
             fv(b, g->finish.pct[PB_P80].value, "time", a, sizeof a));
    }
    if (p && p->feasible && p->value_rate > 0 && isfinite(p->payback))
        putf(o, " At the value the proposal states, it pays back its cost %s after delivery.",
             fv(b, p->payback, "time", a, sizeof a));
}

/* What we commit to, and nothing we would not defend: the deal the negotiation starts from
   (the ask after the audit: an over-ask's excess conceded, an under-ask corrected), its date and
   budget and how often both are met; without an ask, the P80 date and cost. Never the ask as
   first written, when the audit corrected it. */
static void commitment(w *o)
{
    const pb_brief *b = o->b;
    const pb_deal_result *d = o->p->plan;
    const pb_result *r = run_of(o);
    char a[128], c[128], e[256], date[11];
    heading(o, "The commitment", "commitment");
    para_open(o);
    bool deal = d && d->feasible;
    double when = deal && !isnan(d->deadline) ? d->deadline : b->commitment;
    double money = deal && !isnan(d->budget) ? d->budget : r->cost.pct[PB_P80].value;
    putf(o, "At %.0f%% confidence we commit to finish by %s", 100 * b->confidence,
         fv(b, when, "time", a, sizeof a));
    if (pb_report_date(b->scenario, when, date))
        putf(o, " (%s)", date);
    putf(o, " and to spend at most %s", fv(b, money, "money", c, sizeof c));
    if (deal && !isnan(d->deadline) && !isnan(d->budget))
        putf(o, ": %s of simulated projects do both.", ci(o, &d->joint, "pct", e, sizeof e));
    else if (deal)
        putf(o, ": %s of simulated projects make it.", ci(o, &d->joint, "pct", e, sizeof e));
    else
        put(o, ".");
    putf(o, " Our target is %s (P50); 80%% of simulated projects finish between %s and %s.",
         fv(b, b->target, "time", a, sizeof a),
         fv(b, r->duration.pct[PB_P10].value, "time", c, sizeof c),
         fv(b, r->duration.pct[PB_P90].value, "time", e, sizeof e));
    /* the quality target is part of what we commit to (docs/deals.md, "The metric") */
    if (deal && d->has_curve)
        putf(o, " The '%s' target is met in %s of simulated projects at the planned data volume.",
             b->scenario->curve.name, ci(o, &d->p_curve, "pct", e, sizeof e));
    else if (deal && d->has_rounds)
        putf(o, " Every experiment loop meets its metric in %s of simulated projects.",
             ci(o, &d->p_met, "pct", e, sizeof e));
    first_gate_value(o);
    para_close(o);
}

/* The milestones most often critical, in plan order. */
static void milestones(w *o)
{
    const pb_result *r = run_of(o);
    char a[64], c[64], d[64];
    size_t n = r->n_milestones, shown = 0;
    if (!n)
        return;
    /* the PB_PAGE_ROWS most critical: a milestone is shown when fewer than that many are more
       critical than it (ties by plan order) */
    static const char *const heads[] = {"milestone", "P50 finish", "P80 finish", "critical"};
    table_open(o, heads, 4);
    for (size_t k = 0; k < n; k++) {
        size_t above = 0;
        for (size_t j = 0; j < n; j++)
            above += r->milestones[j].criticality > r->milestones[k].criticality ||
                     (r->milestones[j].criticality == r->milestones[k].criticality && j < k);
        if (above >= PB_PAGE_ROWS)
            continue;
        const pb_milestone_result *m = &r->milestones[k];
        const pb_milestone *sm = pb_scenario_milestone(o->b->scenario, m->id);
        char name[600]; /* optional scope is said so: the date does not hang on it */
        snprintf(name, sizeof name, "%s%s", m->name, sm && sm->optional ? " (optional)" : "");
        const char *cells[] = {name, fv(o->b, m->finish.pct[PB_P50].value, "time", a, sizeof a),
                               fv(o->b, m->finish.pct[PB_P80].value, "time", c, sizeof c),
                               fv(o->b, m->criticality, "pct", d, sizeof d)};
        table_row(o, cells, 4, false);
        shown++;
    }
    table_close(o);
    if (shown < n) {
        para_open(o);
        putf(o, "%zu more %s, less often on the critical path.", n - shown,
             n - shown == 1 ? "milestone" : "milestones");
        para_close(o);
    }
}

static void plan(w *o)
{
    const pb_brief *b = o->b;
    const pb_result *r = run_of(o);
    char a[512], c[64];
    heading(o, "The plan", "plan");
    para_open(o);
    if (o->p->plan)
        putf(o, "Team as simulated: %s", pb__deal_team_text(o->p->plan, a, sizeof a));
    else
        put(o, "Team as simulated: as the scenario plans it");
    putf(o, "; labour %s.", pb_scenario_labour_name(b->scenario));
    const pb_milestone_result *top = NULL;
    for (size_t k = 0; k < r->n_milestones; k++)
        if (!top || r->milestones[k].sensitivity > top->sensitivity)
            top = &r->milestones[k];
    if (top) {
        put(o, " What drives the date most: ");
        put(o, top->name);
        putf(o,
             " (on the critical path in %s of simulated projects; its uncertainty moves the "
             "finish more than any other milestone's).",
             fv(b, top->criticality, "pct", c, sizeof c));
    }
    para_close(o);
    milestones(o);
}

/* One alternative of a choice as a table row: its simulated P80, cost P80 and chance (its kind
   is the JSON's: a manager reads no configuration words). */
static void alternative_row(w *o, const pb_choice *ch, const char *alt, const pb_result *x)
{
    const pb_brief *b = o->b;
    char a[64], c[64], d[64], name[600], label[300];
    /* what a manager calls it, never the configuration id where a name exists */
    pb_scenario_alternative_label(b->scenario, alt, label, sizeof label);
    /* in text the choice's name heads its rows (choices()), so that neither is cut */
    if (o->st == PB__PAGE_TEXT)
        snprintf(name, sizeof name, "  %s%s", label, x == b->base ? " (the plan)" : "");
    else
        snprintf(name, sizeof name, "%s: %s%s", ch->name, label, x == b->base ? " (the plan)" : "");
    if (x && x->has_deadline)
        fv(b, x->p_deadline.value, "pct", d, sizeof d);
    else
        snprintf(d, sizeof d, "-");
    const char *cells[] = {name,
                           x ? fv(b, x->duration.pct[PB_P80].value, "time", a, sizeof a) : "-",
                           x ? fv(b, x->cost.pct[PB_P80].value, "money", c, sizeof c) : "-", d};
    table_row(o, cells, 4, false);
}

static const pb_result *option_result(const pb_brief *b, const char *name)
{
    for (size_t k = 1; b->options && k < b->options->n_entries; k++)
        if (!strcmp(b->options->entries[k].name, name))
            return b->options->entries[k].result;
    return NULL;
}

/* Each choice: the alternative the plan takes, then the others, each simulated alone. */
static void choices(w *o)
{
    const pb_brief *b = o->b;
    const pb_scenario *s = b->scenario;
    char a[64], title[160];
    if (!s->n_choices || !s->n_options)
        return;
    heading(o, "The choices", "choices");
    para_open(o);
    putf(o, "Each alternative simulated alone on the same random draws, the rest of the plan as "
            "it is.");
    para_close(o);
    snprintf(title, sizeof title, "by %s", fv(b, s->ask_deadline, "time", a, sizeof a));
    const char *heads[] = {"choice: alternative", "P80 finish", "cost P80",
                           isnan(s->ask_deadline) ? "-" : title};
    table_open(o, heads, 4);
    for (size_t c = 0; c < s->n_choices; c++) {
        const pb_choice *ch = &s->choices[c];
        if (o->st == PB__PAGE_TEXT) {
            char clean[PB__TEXT_CAP];
            fprintf(o->f, "%s:\n", pb__text_clean(clean, sizeof clean, ch->name));
        }
        alternative_row(o, ch, ch->base, b->base);
        for (size_t k = 0; k < s->n_options; k++)
            if (s->options[k].choice == c)
                alternative_row(o, ch, s->options[k].name, option_result(b, s->options[k].name));
    }
    table_close(o);
}

/* What a frontier deal changes from the plan: its alternatives and the scope it drops. */
static void levers(const pb_deal_result *d, const pb_scenario *s, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    char label[300];
    for (size_t k = 0; k < d->n_choices && k < s->n_choices && n < cap; k++)
        if (strcmp(d->alternatives[k], s->choices[k].base))
            n += (size_t)snprintf(
                buf + n, cap - n, "%s%s", n ? ", " : "",
                pb_scenario_alternative_label(s, d->alternatives[k], label, sizeof label));
    for (size_t k = 0; k < d->n_dropped && n < cap; k++) {
        const pb_milestone *m = pb_scenario_milestone(s, d->dropped[k]);
        if (!pb__dropped_by_choice(s, d, d->dropped[k]))
            n += (size_t)snprintf(buf + n, cap - n, "%swithout %s", n ? ", " : "",
                                  m && m->name ? m->name : d->dropped[k]);
    }
    if (!n)
        snprintf(buf, cap, "as planned");
}

/*
 * Whether the page shows frontier point k: a point whose date prints the same as
 * another's that costs no more, needs no more people and keeps no less scope (and
 * is better in one of them) is left out, though the exact frontier keeps it: a
 * reader sees "21.8 weeks" twice and would ask why the dearer one is there.
 */
bool pb__page_tradeoff_shown(const pb_brief *b, const pb_frontier *fr, size_t k)
{
    const pb_frontier_point *p = &fr->points[k];
    if (!p->frontier)
        return false;
    char dp[64], dq[64];
    pb__brief_value(b, p->date, "time", dp, sizeof dp);
    for (size_t j = 0; j < fr->n_points; j++) {
        const pb_frontier_point *q = &fr->points[j];
        if (j == k || !q->frontier || q->cost > p->cost || q->people > p->people ||
            q->value_kept < p->value_kept || (q->cost == p->cost && q->people == p->people))
            continue;
        if (!strcmp(dp, pb__brief_value(b, q->date, "time", dq, sizeof dq)))
            return false;
    }
    return true;
}

static void tradeoffs(w *o)
{
    const pb_brief *b = o->b;
    const pb_frontier *fr = o->p->frontier;
    char a[64], c[64], d[512], e[64], l[512], title[96];
    heading(o, "The trade-offs", "tradeoffs");
    /* the ask the deals are held to is ours, the commitment above: a manager reads "the ask"
       as his own */
    char x[64], y[64];
    const pb_deal_result *st = fr->n_points ? fr->points[0].deal : NULL;
    bool both = st && !isnan(st->deadline) && !isnan(st->budget);
    para_open(o);
    putf(o,
         "Deals no other beats on date, cost, people and scope at %.0f%% (%zu searched, %s; "
         "date and cost each at %.0f%% alone)",
         100 * b->confidence, fr->n_candidates, fr->exact ? "exact" : "greedy",
         100 * b->confidence);
    if (both)
        putf(o, "; last column: how often each meets our ask, %s and %s",
             fv(b, st->deadline, "time", x, sizeof x), fv(b, st->budget, "money", y, sizeof y));
    put(o, ":");
    para_close(o);
    snprintf(title, sizeof title, "date at %.0f%%", 100 * b->confidence);
    char ask[200] = "meets our ask";    /* "by 97 days within GBP 251k": whose ask is plain */
    if (both && o->st != PB__PAGE_TEXT) /* a text column is too narrow: its paragraph says it */
        snprintf(ask, sizeof ask, "by %s within %s", x, y);
    const char *heads[] = {"team", title, "cost", "scope and choices", ask};
    /* in text the scope and choices follow the team in the first cell, which wraps */
    bool text = o->st == PB__PAGE_TEXT;
    const char *text_heads[] = {"team, scope and choices", title, "cost", ask};
    table_open(o, text ? text_heads : heads, text ? 4 : 5);
    size_t shown = 0;
    for (size_t k = 0; k < fr->n_points; k++) {
        const pb_frontier_point *pt = &fr->points[k];
        if (!pb__page_tradeoff_shown(b, fr, k))
            continue;
        if (shown++ >= PB_PAGE_ROWS)
            continue;
        levers(pt->deal, b->scenario, l, sizeof l);
        if (isnan(pt->deal->deadline) && isnan(pt->deal->budget))
            snprintf(e, sizeof e, "-");
        else
            fv(b, pt->deal->joint.value, "pct", e, sizeof e);
        pb__deal_team_text(pt->deal, d, sizeof d);
        if (text) {
            size_t n = strlen(d);
            snprintf(d + n, sizeof d - n, ": %s", l);
        }
        const char *cells[] = {d, fv(b, pt->date, "time", a, sizeof a),
                               fv(b, pt->cost, "money", c, sizeof c), text ? e : l, e};
        table_row(o, cells, text ? 4 : 5, false);
    }
    table_close(o);
    if (shown > PB_PAGE_ROWS) {
        para_open(o);
        putf(o, "%zu more %s, later or dearer.", shown - PB_PAGE_ROWS,
             shown - PB_PAGE_ROWS == 1 ? "deal" : "deals");
        para_close(o);
    }
}

static void risks(w *o)
{
    const pb_page *p = o->p;
    char a[64], c[64], d[64];
    if (!p->n_risks)
        return;
    heading(o, "The top risks, by exposure", "risks");
    static const char *const heads[] = {"risk", "happens in", "adds when it does", "exposure"};
    table_open(o, heads, 4);
    for (size_t k = 0; k < p->n_risks && k < RISK_ROWS; k++) {
        const pb_page_risk *r = &p->risks[k];
        const char *cells[] = {r->name, fv(o->b, r->fired, "pct", a, sizeof a),
                               fv(o->b, r->mean_delay, "time", c, sizeof c),
                               fv(o->b, r->exposure, "time", d, sizeof d)};
        table_row(o, cells, 4, false);
    }
    table_close(o);
    para_open(o);
    put(o, "Exposure is how often a risk happens times what it adds to the finish when it does.");
    if (p->n_risks > RISK_ROWS)
        putf(o, " %zu smaller risks are in the full model.", p->n_risks - RISK_ROWS);
    para_close(o);
}

/* The foot: one count and seed for every number, and how to reproduce them. */
static void foot(w *o, const pb_report_ctx *ctx)
{
    const pb_brief *b = o->b;
    char a[64];
    para_open(o);
    putf(o,
         "All numbers: the same %s simulated projects (seed %llu; pushback %s, sha256 "
         "%.16s); one without an interval is exact to its last digit.",
         pb__fmt_num(a, sizeof a, (double)b->iterations, 0), (unsigned long long)b->seed,
         PB_VERSION, b->scenario->sha256);
    if (ctx && ctx->command) {
        put(o, " Reproduce: ");
        if (o->st == PB__PAGE_HTML)
            fputs("<code>", o->f);
        put(o, ctx->command);
        if (o->st == PB__PAGE_HTML)
            fputs("</code>", o->f);
    }
    para_close(o);
}

void pb__page_body(FILE *f, pb__page_style st, const pb_report_ctx *ctx, const pb_page *p)
{
    w o = {f, st, p, p->brief};
    const pb_scenario *s = p->brief->scenario;
    if (st == PB__PAGE_HTML)
        fputs("<h1>", f);
    else if (st == PB__PAGE_MD)
        fputs("## ", f);
    put(&o, s->name);
    put(&o, ": proposal");
    fputs(st == PB__PAGE_HTML ? "</h1>\n" : "\n\n", f);
    if (s->proposal.idea) {
        para_open(&o);
        put(&o, s->proposal.idea);
        para_close(&o);
    }
    char t[1024];
    for (int k = 0; k < 2; k++)
        if (k ? pb__brief_track_outside(t, sizeof t, p->brief)
              : pb__brief_track_lead(t, sizeof t, p->brief))
            para_open(&o), put(&o, t), para_close(&o);
    commitment(&o);
    plan(&o);
    choices(&o);
    tradeoffs(&o);
    risks(&o);
    foot(&o, ctx);
}

static pb_status page_text(FILE *f, pb__page_style st, const pb_report_ctx *ctx, const pb_page *p,
                           pb_error *err)
{
    pb__page_body(f, st, ctx, p);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the proposal page");
    return PB_OK;
}

pb_status pb_report_page_text(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err)
{
    return page_text(f, PB__PAGE_TEXT, ctx, p, err);
}

pb_status pb_report_page_md(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err)
{
    return page_text(f, PB__PAGE_MD, ctx, p, err);
}
