/*
 * report_brief.c - the negotiation brief as text, Markdown or JSON.
 *
 * Text and Markdown share one writer: the Markdown form adds headings,
 * emphasis and tables, the text form the same content plainly.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>
#include <pushback/expr.h>

#include "brief_interests.h"
#include "deal_internal.h"
#include "pushback/report.h"
#include "report_internal.h"

const char *pb__brief_value(const pb_brief *b, double v, const char *kind, char *buf, size_t cap)
{
    pb_format_ctx fmt = {b->scenario->unit, b->scenario->currency, b->scenario->start};
    pb_error e;
    if (!isfinite(v) || pb_format_value(v, kind, &fmt, buf, cap, &e))
        snprintf(buf, cap, "n/a");
    return buf;
}

#define fv pb__brief_value

void pb__brief_lead(FILE *f, pb__printf_fn out, const pb_brief *b)
{
    char a[96], c[96], e[96];
    const pb_deal_result *d = b->start;
    if (d && d->feasible && !isnan(d->deadline)) {
        /* the start deal, as the proposal page commits to it: the two audiences say one thing */
        out(f, "Commit to %s", fv(b, d->deadline, "time", a, sizeof a));
        if (!isnan(d->budget))
            out(f, " and %s", fv(b, d->budget, "money", a, sizeof a));
        out(f, ": %s of simulated projects %s (the date alone: our P%.0f is %s). Aim for %s (P50).",
            fv(b, d->joint.value, "pct", e, sizeof e), isnan(d->budget) ? "make it" : "do both",
            100 * b->confidence, fv(b, b->commitment, "time", a, sizeof a),
            fv(b, b->target, "time", c, sizeof c));
    } else
        out(f, "Commit to %s (our P%.0f). Aim for %s (P50).",
            fv(b, b->commitment, "time", a, sizeof a), 100 * b->confidence,
            fv(b, b->target, "time", c, sizeof c));
    if (b->walk_away < b->commitment - 1e-9)
        out(f, " Below %s we cannot say yes: no offer on the table reaches %.0f%% confidence.",
            fv(b, b->walk_away, "time", a, sizeof a), 100 * b->confidence);
    else
        out(f, " Below %s we cannot say yes at %.0f%% confidence.",
            fv(b, b->commitment, "time", a, sizeof a), 100 * b->confidence);
}

void pb__brief_team(FILE *f, pb__printf_fn out, const pb_brief *b)
{
    const pb_scenario *s = b->scenario;
    const pb_result *r = b->base;
    char a[96], c[96];
    int people = 0;
    const pb_deal_result *d = b->start_dominating ? b->start : NULL; /* the deal we propose */
    for (size_t k = 0; k < s->n_roles; k++)
        people += d && k < d->n_roles ? d->team[k] : s->roles[k].people;
    out(f, "%d people", people);
    for (size_t k = 0; k < s->n_roles; k++)
        out(f, "%s%d %s", k ? ", " : " (", d && k < d->n_roles ? d->team[k] : s->roles[k].people,
            s->roles[k].name);
    out(f, "%s%s; cost P80 %s", s->n_roles ? ")" : "", pb__joining_text(s, c, sizeof c),
        fv(b, d ? d->cost.pct[PB_P80].value : r->cost.pct[PB_P80].value, "money", a, sizeof a));
    if (d && !isnan(d->budget))
        out(f, " (asked %s: %s sure)", fv(b, d->budget, "money", a, sizeof a),
            fv(b, d->p_budget.value, "pct", c, sizeof c));
    else if (r->has_budget)
        out(f, " (asked %s: %s sure)", fv(b, r->budget, "money", a, sizeof a),
            fv(b, r->p_budget.value, "pct", c, sizeof c));
}

void pb__brief_asks(FILE *f, pb__printf_fn out, const pb_brief *b)
{
    char a[96], c[96];
    out(f, "The manager's asks: %s, %d people, %s (%s).",
        fv(b, b->manager_deadline, "time", a, sizeof a), b->manager_people,
        fv(b, b->manager_budget, "money", c, sizeof c),
        b->manager_derived ? "derived from the plan: two thirds of the asked time, one "
                             "person fewer, three quarters of the budget"
                           : "from the scenario");
}

void pb__brief_drivers(FILE *f, pb__printf_fn out, const pb_brief *b)
{
    const pb_result *r = b->base;
    char a[96], c[96];
    const pb_milestone_result *top = NULL;
    for (size_t k = 0; k < r->n_milestones; k++)
        if (!top || r->milestones[k].sensitivity > top->sensitivity)
            top = &r->milestones[k];
    const pb_risk_result *risk = NULL;
    for (size_t k = 0; k < r->n_risks; k++)
        if (!risk || r->risks[k].fired * r->risks[k].mean_delay > risk->fired * risk->mean_delay)
            risk = &r->risks[k]; /* by exposure: how often it fires x its delay */
    if (!top)
        return;
    /* plain words: how often it is on the critical path, and that its spread moves the finish
       most (the top is chosen by its rank correlation with the finish) */
    out(f,
        "What drives the date: %s (on the critical path in %s of simulated projects; its "
        "uncertainty moves the finish more than any other milestone's)",
        top->name, fv(b, top->criticality, "pct", a, sizeof a));
    if (risk)
        out(f, ", then the risk \"%s\" (fires %s, adds %s when it does)", risk->name,
            fv(b, risk->fired, "pct", a, sizeof a), fv(b, risk->mean_delay, "time", c, sizeof c));
}

/* Scenario text, escaped for Markdown or made safe for a terminal. */
static void put(FILE *f, bool md, const char *s)
{
    pb_text_put(f, s, md ? PB_ESCAPE_MD : PB_ESCAPE_TEXT);
}

/* The command in a Markdown code span: fenced by more backticks than it holds. */
static void code_span(FILE *f, const char *cmd)
{
    size_t run = 0, longest = 0;
    for (const char *p = cmd; *p; p++)
        longest = (run = *p == '`' ? run + 1 : 0) > longest ? run : longest;
    for (size_t k = 0; k <= longest; k++)
        fputc('`', f);
    fputs(longest ? " " : "", f);
    for (const char *p = cmd; *p; p++)
        fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
    fputs(longest ? " " : "", f);
    for (size_t k = 0; k <= longest; k++)
        fputc('`', f);
}

static size_t shown_number(const pb_brief *b, size_t i);

/* The number of the move shown before move i with the same v1 offer o (its kind and text), or
   0: an offer made before is not repeated. */
static size_t said_before(const pb_brief *b, size_t i, const pb_offer *o)
{
    size_t mine = shown_number(b, i), first = 0;
    for (size_t j = 0; j < b->n_arguments; j++) {
        const pb_argument *a = &b->arguments[j];
        size_t n = shown_number(b, j);
        for (size_t k = 0; n < mine && !a->offer_text && k < a->n_offers && k < 1; k++)
            if (!strcmp(a->offers[k].kind, o->kind) && !strcmp(a->offers[k].text, o->text) &&
                (!first || n < first))
                first = n;
    }
    return first;
}

/* One move (argument i of b): the manager's words, the topic and interest, the answer and the
   offers; an offer shown before on the sheet is referred back to ('same', for a v2 offer). */
static void write_move(FILE *f, const pb_brief *b, size_t i, size_t number, size_t same, bool md)
{
    const pb_argument *g = &b->arguments[i];
    const char *B = md ? "**" : "";
    fprintf(f, "%s%zu. \"", B, number);
    put(f, md, g->says);
    fprintf(f, "\"%s (", B);
    put(f, md, g->topic);
    if (g->interest) {
        fputs("; ", f);
        put(f, md, g->interest);
    }
    fputs(")\n", f);
    if (g->conceded && !g->question) /* a question answered is no agreement */
        fprintf(f, "%sWe agree.%s ", md ? "*" : "", md ? "*" : "");
    put(f, md, g->answer);
    fputc('\n', f);
    if (g->offer_text && same) /* an offer made before is not repeated */
        fprintf(f, "- Our counter-offer: the same as to move %zu.\n", same);
    else if (g->offer_text) {
        fputs("- ", f);
        put(f, md, g->offer_text);
        fputc('\n', f);
    }
    /* the rulebook's words say the offer ("Our counter-offer: ..."); the kind is the JSON's. One
       counter-offer per move: the first the rule lists, the others are in the JSON */
    for (size_t k = 0, last = 0; !g->offer_text && k < g->n_offers && k < 1; k++) {
        size_t before = said_before(b, i, &g->offers[k]);
        if (before && before != last) /* offers made before: once per move they were made at */
            fprintf(f, "- The same as to move %zu.\n", before);
        if ((last = before))
            continue;
        fputs("- ", f);
        put(f, md, g->offers[k].text);
        fputc('\n', f);
    }
    fprintf(f, "\n");
}

/* The audit of our own ask, before any pushback: a dominated plan first, then an under-ask,
   then an over-ask (the excess to concede). */
static void write_audit(FILE *f, const pb_brief *b, bool md)
{
    const pb_audit *a = b->audit;
    if (!a || !a->has_ask)
        return;
    fprintf(f, "%sFirst, our own ask\n\n", md ? "### " : "");
    char ci[160], n[64];
    fprintf(f, "Our ask holds jointly in %s of simulated projects (%s, seed %llu).",
            pb__pct_ci(ci, sizeof ci, &a->p), pb__fmt_num(n, sizeof n, (double)a->iterations, 0),
            (unsigned long long)a->seed);
    if (!a->n_findings)
        fputs(" No under-ask, no over-ask, no dominated plan.", f);
    fputs("\n", f);
    static const char *const order[] = {"metric", "dominated", "under-ask", "over-ask"};
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < a->n_findings; i++)
            if (!strcmp(a->findings[i].kind, order[k])) {
                fprintf(f, "- %s: ", a->findings[i].kind);
                put(f, md, a->findings[i].text);
                fputs(".\n", f);
            }
    if (a->corrected) {
        put(f, md, a->start_text);
        fputs(": every move below is tested from there.\n", f);
    }
    pb__brief_write_start(f, b, md);
    fputs("\n", f);
}

/* The number move i of b gets on the prep sheet: the top moves first, then the others in order. */
static size_t shown_number(const pb_brief *b, size_t i)
{
    size_t n = 0;
    for (size_t k = 0; k < b->n_top; k++)
        if (b->top[k] == i)
            return k + 1;
    for (size_t j = 0; j < i; j++) {
        bool top = false;
        for (size_t k = 0; k < b->n_top; k++)
            top = top || b->top[k] == j;
        n += !top;
    }
    return b->n_top + n + 1;
}

/* The number of the move shown earlier with the same counter-offer as move i (0: none). */
static size_t same_number(const pb_brief *b, size_t i)
{
    size_t j = b->arguments[i].offer_same;
    return j ? shown_number(b, j - 1) : 0;
}

/* Which concessions join the deal, in the order they are made (of pressure): a move's "already
   agreed" names them, and the reader finds them by number, wherever the ranking put them. */
static void write_joins(FILE *f, const pb_brief *b)
{
    size_t n = 0, total = 0;
    for (size_t i = 0; i < b->n_arguments; i++)
        total += b->arguments[i].joins;
    for (size_t i = 0; i < b->n_arguments; i++)
        if (b->arguments[i].joins) {
            n++;
            fprintf(f, "%s%zu",
                    n == 1       ? "Concessions that join the deal, in the order they are made: "
                    : n == total ? " and "
                                 : ", ",
                    shown_number(b, i));
        }
    if (n)
        fputs(". Every move after one is tested with it (\"already agreed\").\n\n", f);
}

/* The moves most likely to be raised, then the rest as an appendix (in order of pressure). */
static void write_arguments(FILE *f, const pb_brief *b, bool md)
{
    const char *h3 = md ? "### " : "";
    if (!b->n_arguments) {
        fprintf(f, "No rule of the rulebook fires on this plan.\n\n");
        return;
    }
    bool *shown = calloc(b->n_arguments + 1, sizeof *shown);
    size_t n_top = shown ? b->n_top : 0;
    if (n_top) {
        fprintf(f, "%sThe %zu moves most likely to be raised, and what the numbers say\n\n", h3,
                n_top);
        write_joins(f, b);
        pb__brief_write_end(f, b, md);
        for (size_t k = 0; k < n_top; k++) {
            write_move(f, b, b->top[k], k + 1, same_number(b, b->top[k]), md);
            shown[b->top[k]] = true;
        }
    }
    size_t n = n_top;
    for (size_t i = 0; i < b->n_arguments; i++) {
        if (shown && shown[i])
            continue;
        if (n == n_top)
            fprintf(f, "%s%s\n\n", h3,
                    n_top ? "Appendix: the other moves, in order of pressure"
                          : "What the manager will say, and what the numbers say");
        write_move(f, b, i, ++n, same_number(b, i), md);
    }
    free(shown);
}

/* The options side by side, when the scenario has any. */
static void write_options(FILE *f, const pb_brief *b, bool md)
{
    const pb_scenario *s = b->scenario;
    const char *h3 = md ? "### " : "";
    char a[96], c[96], d[96], e[96];
    const pb_comparison *cmp = b->options;
    if (cmp && cmp->n_entries > 1) {
        fprintf(f, "%sOptions side by side (same random draws)\n\n", h3);
        if (md)
            fprintf(f,
                    "| option | P50 | P80 | P(by %s) | cost P80 | vs base, P80 |\n"
                    "|---|---|---|---|---|---|\n",
                    fv(b, s->ask_deadline, "time", a, sizeof a));
        else
            fprintf(f, "%-18s %8s %8s %10s %14s %22s\n", "option", "P50", "P80", "P(ask)",
                    "cost P80", "vs base, P80");
        for (size_t k = 0; k < cmp->n_entries; k++) {
            const pb_compare_entry *en = &cmp->entries[k];
            const pb_result *x = en->result;
            char diff[96] = "-";
            if (k && isfinite(en->vs_base.p80.lo) && isfinite(en->vs_base.p80.hi))
                snprintf(diff, sizeof diff, "%+.2f (%+.2f to %+.2f)", en->vs_base.p80.value,
                         en->vs_base.p80.lo, en->vs_base.p80.hi);
            else if (k) /* no interval: too few iterations a batch */
                snprintf(diff, sizeof diff, "%+.2f (n/a)", en->vs_base.p80.value);
            fv(b, x->p_deadline.value, "pct", a, sizeof a);
            if (!x->has_deadline)
                snprintf(a, sizeof a, "-");
            if (md) {
                fputs("| ", f);
                put(f, md, en->name);
                fprintf(f, " | %s | %s | %s | %s | %s |\n",
                        pb__fmt_num(c, sizeof c, x->duration.pct[PB_P50].value, 1),
                        pb__fmt_num(d, sizeof d, x->duration.pct[PB_P80].value, 1), a,
                        pb__fmt_num(e, sizeof e, x->cost.pct[PB_P80].value, 0), diff);
            } else
                fprintf(f, "%-18.18s %8s %8s %10s %14s %22s\n", en->name,
                        pb__fmt_num(c, sizeof c, x->duration.pct[PB_P50].value, 1),
                        pb__fmt_num(d, sizeof d, x->duration.pct[PB_P80].value, 1), a,
                        pb__fmt_num(e, sizeof e, x->cost.pct[PB_P80].value, 0), diff);
        }
        fprintf(f, "\n");
    }
}

/* The moves the scenario cannot support, with what it would need (the JSON's "skipped"). */
static void write_skipped(FILE *f, const pb_brief *b, bool md)
{
    if (!b->n_skipped)
        return;
    fprintf(f, "%sMoves not raised, and what the scenario would need\n\n", md ? "### " : "");
    for (size_t k = 0; k < b->n_skipped; k++) {
        fputs("- ", f);
        put(f, md, b->skipped[k]);
        fputc('\n', f);
    }
    fputc('\n', f);
}

/* The proposal's gaps and how to reproduce the numbers. */
static void write_gaps_reproduce(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, bool md)
{
    const pb_scenario *s = b->scenario;
    const char *h3 = md ? "### " : "";
    char a[96];
    if (b->n_gaps) {
        /* the questions only: what to add to the scenario is configuration, said by 'check'
           (reading B14) */
        fprintf(f, "%sGaps a manager will find\n\n", h3);
        for (size_t k = 0; k < b->n_gaps; k++) {
            fprintf(f, "%zu. \"", k + 1);
            put(f, md, b->gaps[k].question);
            fputs("\"\n", f);
        }
        fprintf(f, "\n'pushback check' says what to add to the scenario for each.\n\n");
    }
    fprintf(f, "%sReproduce\n", h3);
    fprintf(f, "pushback %s, scenario sha256 %.16s..., seed %llu, %s iterations, rulebook ",
            PB_VERSION, s->sha256, (unsigned long long)b->seed,
            pb__fmt_num(a, sizeof a, (double)b->iterations, 0));
    put(f, md, b->rulebook_path);
    if (ctx->command && md) {
        fputs(":\n", f);
        code_span(f, ctx->command);
        fputc('\n', f);
    } else if (ctx->command) {
        fputs(":\n", f);
        put(f, false, ctx->command);
        fputc('\n', f);
    } else {
        fprintf(f, "\n");
    }
}

static pb_status write_brief(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, bool md,
                             pb_error *err)
{
    const pb_scenario *s = b->scenario;
    const pb_result *r = b->base;
    char a[96];
    const char *h2 = md ? "## " : "", *B = md ? "**" : "";
    pb__printf_fn out = md ? pb__printf_md : pb__printf_text;
    fputs(h2, f);
    put(f, md, s->name);
    fputs(": brief for the planning meeting\n\n", f);
    char t[1024];
    for (int k = 0; k < 2; k++)
        if (k ? pb__brief_track_outside(t, sizeof t, b) : pb__brief_track_lead(t, sizeof t, b)) {
            put(f, md, t);
            fputs("\n\n", f);
        }
    write_audit(f, b, md);
    fputs(B, f);
    pb__brief_lead(f, out, b);
    fprintf(f, "%s\n", B);
    pb__brief_team(f, out, b);
    fputs(".\n", f);
    pb__brief_asks(f, out, b);
    fputc('\n', f);
    fprintf(f,
            "%s simulated projects, seed %llu; labour %s. A figure below without an interval "
            "is exact to its last digit at that count (its 95%% interval rounds to it).\n\n",
            pb__fmt_num(a, sizeof a, (double)b->iterations, 0), (unsigned long long)b->seed,
            pb_scenario_labour_name(s));

    static const int lv[] = {1, 5, 8, 9};
    pb__brief_write_as_written(f, b, md);
    if (md) {
        fprintf(f, "| | P10 | P50 | P80 | P90 |\n|---|---|---|---|---|\n| finish (%s) |", s->unit);
        for (int k = 0; k < 4; k++)
            fprintf(f, " %s |", pb__fmt_num(a, sizeof a, r->duration.pct[lv[k]].value, 1));
        fputs("\n| cost (", f);
        put(f, md, s->currency);
        fputs(") |", f);
        for (int k = 0; k < 4; k++)
            fprintf(f, " %s |", pb__fmt_num(a, sizeof a, r->cost.pct[lv[k]].value, 0));
        fprintf(f, "\n\n");
    } else {
        fprintf(f, "%-16s %10s %10s %10s %10s\n", "", "P10", "P50", "P80", "P90");
        fprintf(f, "%-16s", "finish");
        for (int k = 0; k < 4; k++)
            fprintf(f, " %10s", pb__fmt_num(a, sizeof a, r->duration.pct[lv[k]].value, 1));
        fprintf(f, "\n%-16s", "cost");
        for (int k = 0; k < 4; k++)
            fprintf(f, " %10s", pb__fmt_num(a, sizeof a, r->cost.pct[lv[k]].value, 0));
        fprintf(f, "\n\n");
    }
    if (r->n_milestones) {
        pb__brief_drivers(f, out, b);
        fputs(".\n\n", f);
    }

    if (!md) {
        pb__text_s_curve(f, ctx, r);
        fputc('\n', f);
    }
    pb__brief_interests_write(f, b, md);
    write_arguments(f, b, md);
    write_options(f, b, md);
    write_skipped(f, b, md);
    write_gaps_reproduce(f, ctx, b, md);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the brief");
    return PB_OK;
}

pb_status pb_report_brief_text(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err)
{
    return write_brief(f, ctx, b, false, err);
}

pb_status pb_report_brief_md(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err)
{
    return write_brief(f, ctx, b, true, err);
}

/* A move's change of the deal, as JSON: only what it changes. */
static json_t *change_json(const pb_brief *b, const pb_move_change *m)
{
    json_t *o = json_object();
    if (!isnan(m->deadline))
        json_object_set_new(o, "deadline", pb__json_num(m->deadline));
    if (!isnan(m->budget))
        json_object_set_new(o, "budget", pb__json_num(m->budget));
    if (m->people > 0)
        json_object_set_new(o, "people", json_integer(m->people));
    if (m->team) {
        json_t *team = json_object();
        for (size_t r = 0; r < b->scenario->n_roles; r++)
            if (m->team[r] >= 0)
                json_object_set_new(team, b->scenario->roles[r].name, json_integer(m->team[r]));
        json_object_set_new(o, "team", team);
    }
    if (m->alternative)
        json_object_set_new(o, "alternative", pb__json_str(m->alternative));
    if (m->metric)
        json_object_set_new(o, "metric", json_true());
    if (m->drop && *m->drop) {
        json_t *d = json_array();
        for (const char *p = m->drop; *p;) {
            size_t n = strcspn(p, ",");
            json_array_append_new(d, json_stringn(p, n));
            p += n + (p[n] == ',');
        }
        json_object_set_new(o, "drop", d);
    }
    if (m->set)
        json_object_set_new(o, "set", pb__json_str(m->set));
    return o;
}

/* A deal in the shape of 'pushback deal -f json' "deal", with what reproduces it: the --set
   changes, the iteration count and the seed ('pushback deal -n ITERATIONS -s SEED'). */
static json_t *deal_repro(const pb_deal_result *r, const char *const *sets, size_t n_sets)
{
    json_t *d = pb__json_deal(r), *s = json_array();
    for (size_t k = 0; k < n_sets; k++)
        json_array_append_new(s, pb__json_str(sets[k]));
    json_object_set_new(d, "sets", s);
    json_object_set_new(d, "searched", json_boolean(r->searched));
    json_object_set_new(d, "iterations", json_integer((json_int_t)r->iterations));
    json_object_set_new(d, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(d, "feasible", json_boolean(r->feasible));
    json_object_set_new(d, "verdict", pb__json_str(r->verdict));
    json_object_set_new(d, "date", r->feasible ? pb__json_interval(&r->date) : json_null());
    json_object_set_new(d, "cost", r->feasible ? pb__json_interval(&r->money) : json_null());
    return d;
}

/* A move's recommended counter-offer, or null. */
static json_t *offer_json(const pb_argument *g)
{
    const pb_deal_result *d = g->offer_deal;
    if (!d)
        return json_null();
    return json_pack("{s:s, s:o, s:o, s:o, s:o}", "kind", g->offer_kind, "deal",
                     deal_repro(d, g->offer_sets, g->n_offer_sets), "joint",
                     pb__json_prob(&d->joint), "cost_of_delay", pb__json_num(d->cost_of_delay),
                     "text", pb__json_str(g->offer_text));
}

/* "moves": each move raised, with the deal it proposes and the verdict (docs/json.md). */
static json_t *moves_json(const pb_brief *b)
{
    json_t *moves = json_array();
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *g = &b->arguments[i];
        const pb_deal_result *d = g->deal;
        json_t *m =
            json_pack("{s:o, s:o, s:o}", "id", pb__json_str(g->id), "says", pb__json_str(g->says),
                      "interest", g->interest ? pb__json_str(g->interest) : json_null());
        json_object_set_new(m, "change", g->has_change ? change_json(b, &g->change) : json_null());
        json_object_set_new(m, "deal",
                            d ? deal_repro(d, g->deal_sets, g->n_deal_sets) : json_null());
        json_object_set_new(m, "joint", d && d->feasible ? pb__json_prob(&d->joint) : json_null());
        json_object_set_new(m, "verdict", json_string(g->conceded ? "concede" : "rebut"));
        json_object_set_new(m, "text", pb__json_str(g->answer));
        json_t *o = offer_json(g);
        if (g->offer_same && json_is_object(o)) /* the earlier move with the same offer */
            json_object_set_new(o, "same_as", pb__json_str(b->arguments[g->offer_same - 1].id));
        json_object_set_new(m, "offer", o);
        json_array_append_new(moves, m);
    }
    return moves;
}

/* "start": the deal the negotiation starts from, and whether the audit corrected the ask. */
static json_t *start_json(const pb_brief *b)
{
    const pb_deal_result *d = b->start;
    if (!d)
        return json_null();
    bool audited = b->audit && b->audit->corrected;
    return json_pack("{s:o, s:o, s:s, s:b}", "deal", deal_repro(d, NULL, 0), "joint",
                     d->feasible ? pb__json_prob(&d->joint) : json_null(), "from",
                     audited ? "audit" : "ask", "dominating", b->start_dominating);
}

/* "end_state": every concession agreed, the budget given back to what it needs; or null. */
static json_t *end_json(const pb_brief *b)
{
    const pb_deal_result *d = b->end;
    if (!d)
        return json_null();
    return json_pack("{s:o, s:o, s:o}", "deal", deal_repro(d, b->end_sets, b->n_end_sets), "joint",
                     pb__json_prob(&d->joint), "gives_back", pb__json_num(b->end_gives_back));
}

/* "skipped": [{"id", "reason"}] from the brief's "id: reason" notes. */
static json_t *skipped_json(const pb_brief *b)
{
    json_t *skipped = json_array();
    for (size_t k = 0; k < b->n_skipped; k++) {
        const char *s = b->skipped[k], *colon = strstr(s, ": ");
        size_t n = colon ? (size_t)(colon - s) : strlen(s);
        json_array_append_new(skipped, json_pack("{s:o, s:o}", "id", json_stringn(s, n), "reason",
                                                 pb__json_str(colon ? colon + 2 : "")));
    }
    return skipped;
}

pb_status pb_report_brief_json(FILE *f, const pb_report_ctx *ctx, const pb_brief *b, pb_error *err)
{
    const pb_result *r = b->base;
    json_t *doc = pb__json_header(ctx, b->iterations, b->seed);
    json_object_set_new(doc, "rulebook", pb__json_str(b->rulebook_path));
    json_object_set_new(doc, "confidence", pb__json_num(b->confidence));
    json_object_set_new(doc, "target", pb__json_interval(&b->target_ci));
    json_object_set_new(doc, "commitment", pb__json_interval(&b->commitment_ci));
    json_object_set_new(doc, "walk_away", pb__json_num(b->walk_away));
    json_object_set_new(doc, "duration", pb__json_summary(&r->duration));
    json_object_set_new(doc, "cost", pb__json_summary(&r->cost));
    json_object_set_new(doc, "deadline",
                        r->has_deadline ? pb__json_prob(&r->p_deadline) : json_null());
    json_object_set_new(doc, "budget", r->has_budget ? pb__json_prob(&r->p_budget) : json_null());
    json_object_set_new(doc, "manager",
                        json_pack("{s:o, s:i, s:o, s:b}", "deadline",
                                  pb__json_num(b->manager_deadline), "people", b->manager_people,
                                  "budget", pb__json_num(b->manager_budget), "derived",
                                  b->manager_derived));
    json_t *args = json_array();
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *g = &b->arguments[i];
        json_t *offers = json_array();
        for (size_t k = 0; k < g->n_offers; k++)
            json_array_append_new(offers, json_pack("{s:s, s:o, s:b}", "kind", g->offers[k].kind,
                                                    "text", pb__json_str(g->offers[k].text),
                                                    "reaches", g->offers[k].reaches));
        json_array_append_new(
            args, json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o}", "id", pb__json_str(g->id),
                            "topic", pb__json_str(g->topic), "interest",
                            g->interest ? pb__json_str(g->interest) : json_null(), "pressure",
                            pb__json_num(g->pressure), "says", pb__json_str(g->says), "conceded",
                            g->conceded, "answer", pb__json_str(g->answer), "offers", offers));
    }
    json_object_set_new(doc, "arguments", args);
    json_t *opts = json_array();
    for (size_t k = 0; b->options && k < b->options->n_entries; k++) {
        const pb_compare_entry *en = &b->options->entries[k];
        json_array_append_new(
            opts, json_pack("{s:o, s:o, s:o, s:o, s:o}", "name", pb__json_str(en->name), "p50",
                            pb__json_num(en->result->duration.pct[PB_P50].value), "p80",
                            pb__json_num(en->result->duration.pct[PB_P80].value), "p_deadline",
                            en->result->has_deadline ? pb__json_num(en->result->p_deadline.value)
                                                     : json_null(),
                            "vs_base_p80", k ? pb__json_interval(&en->vs_base.p80) : json_null()));
    }
    json_object_set_new(doc, "options", opts);
    json_t *gaps = json_array();
    for (size_t k = 0; k < b->n_gaps; k++)
        json_array_append_new(gaps, json_pack("{s:s, s:i, s:o, s:o}", "section", b->gaps[k].section,
                                              "weight", b->gaps[k].weight, "question",
                                              pb__json_str(b->gaps[k].question), "fix",
                                              pb__json_str(b->gaps[k].fix)));
    json_object_set_new(doc, "gaps", gaps);
    json_object_set_new(doc, "skipped", skipped_json(b));
    json_object_set_new(doc, "audit", pb__json_audit(b->audit));
    json_object_set_new(doc, "start", start_json(b));
    json_object_set_new(doc, "end_state", end_json(b));
    json_object_set_new(doc, "moves", moves_json(b));
    json_object_set_new(doc, "interests", pb__json_interests(b));
    json_t *track = pb__json_brief_track(b);
    if (track)
        json_object_set_new(doc, "track", track);
    if (ctx->command)
        json_object_set_new(doc, "command", pb__json_str(ctx->command));
    return pb__json_write(f, doc, err);
}
