/*
 * report_frontier.c - writers for 'frontier': the deals worth offering, the
 * walk-away point and "any two of your three asks", as a text table, JSON
 * (docs/json.md, "frontier") or CSV (one row per candidate, quoted by
 * libcsv).
 */
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/deal.h>

#include "deal_internal.h"
#include "report_internal.h"

/* "lean, no-dashboard" or "as planned", into buf. */
static const char *levers(const pb_deal_result *r, const pb_scenario *s, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < r->n_choices && n < cap; k++)
        if (strcmp(r->alternatives[k], s->choices[k].base))
            n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", r->alternatives[k]);
    for (size_t i = 0; i < r->n_dropped && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%sno %s", n ? ", " : "", r->dropped[i]);
    if (!buf[0])
        snprintf(buf, cap, "as planned");
    return buf;
}

static json_t *point_json(const pb_frontier_point *p)
{
    return json_pack("{s:o, s:o, s:o, s:i, s:o, s:o}", "deal", pb__json_deal(p->deal), "date",
                     pb__json_num(p->date), "cost", pb__json_num(p->cost), "people", p->people,
                     "value_kept", pb__json_num(p->value_kept), "joint",
                     pb__json_prob(&p->deal->joint));
}

pb_status pb_report_frontier_json(FILE *f, const pb_report_ctx *ctx, const pb_frontier *r,
                                  pb_error *err)
{
    json_t *doc = pb__json_header(ctx, r->iterations, r->seed);
    json_object_set_new(doc, "confidence", pb__json_num(r->confidence));
    json_object_set_new(doc, "method", json_string(r->method));
    json_object_set_new(doc, "exact", json_boolean(r->exact));
    json_object_set_new(doc, "candidates", json_integer((json_int_t)r->n_candidates));
    json_object_set_new(doc, "distinct", json_integer((json_int_t)r->n_points));
    if (r->n_lost_metric) /* left out: they give up the metric's target */
        json_object_set_new(doc, "lost_metric", json_integer((json_int_t)r->n_lost_metric));
    json_t *deals = json_array();
    for (size_t i = 0; i < r->n_points; i++)
        if (r->points[i].frontier)
            json_array_append_new(deals, point_json(&r->points[i]));
    json_object_set_new(doc, "deals", deals);
    const pb_frontier_point *w = &r->points[r->walk_away];
    json_object_set_new(
        doc, "walk_away",
        json_pack("{s:o, s:o}", "date", pb__json_num(w->date), "deal", pb__json_deal(w->deal)));
    json_t *two = json_array();
    for (size_t k = 0; k < r->n_two; k++) {
        const pb_two_of_three *t = &r->two[k];
        json_array_append_new(
            two, json_pack("{s:[s,s], s:s, s:b, s:o, s:o, s:o}", "held", t->held[0], t->held[1],
                           "best", t->best, "found", t->found, "value",
                           t->found ? pb__json_num(t->value) : json_null(), "deal",
                           t->found ? pb__json_deal(r->points[t->point].deal) : json_null(),
                           "joint", t->found ? pb__json_prob(&t->joint) : json_null()));
    }
    json_object_set_new(doc, "two_of_three", two);
    return pb__json_write(f, doc, err);
}

static void two_text(FILE *f, const pb_scenario *s, const pb_frontier *r)
{
    char a[64], t[512], l[512];
    if (!r->n_two)
        return;
    fprintf(f, "\nAny two of your three asks (at %.0f%% each):\n", 100 * r->confidence);
    for (size_t k = 0; k < r->n_two; k++) {
        const pb_two_of_three *w = &r->two[k];
        fprintf(f, "  hold %s and %s: ", w->held[0], w->held[1]);
        if (!w->found) {
            fprintf(f, "no deal within the levers holds both\n");
            continue;
        }
        const pb_deal_result *d = r->points[w->point].deal;
        if (!strcmp(w->best, "budget"))
            fprintf(f, "budget %s %s", pb__fmt_num(a, sizeof a, w->value, 0), s->currency);
        else if (!strcmp(w->best, "people"))
            fprintf(f, "%.0f people", w->value);
        else
            fprintf(f, "deadline %s %s", pb__fmt_num(a, sizeof a, w->value, 1), s->unit);
        char ci[160];
        fprintf(f, " with %s, %s; all three jointly %s\n", pb__deal_team_text(d, t, sizeof t),
                levers(d, s, l, sizeof l), pb__pct_ci(ci, sizeof ci, &w->joint));
    }
}

pb_status pb_report_frontier_text(FILE *f, const pb_report_ctx *ctx, const pb_frontier *r,
                                  pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    char a[64], b[64], t[512], l[512];
    fprintf(f, "%s: the deals worth offering at %.0f%% confidence\n", s->name, 100 * r->confidence);
    fprintf(
        f,
        "%s\n%zu deals tried, %zu distinct and feasible, %zu not dominated on date, cost, people "
        "and value kept\n\n",
        r->method, r->n_candidates, r->n_points, r->n_frontier);
    if (r->n_lost_metric)
        fprintf(f,
                "%zu more left out: they meet the metric's target in less than %.0f%% of "
                "simulated projects, the plan as written in more\n\n",
                r->n_lost_metric, 100 * r->confidence);
    fprintf(f, "%10s %14s  %-6s %6s  %s\n", s->unit, s->currency, "people", "value",
            "team and levers");
    for (size_t i = 0; i < r->n_points; i++) {
        const pb_frontier_point *p = &r->points[i];
        if (!p->frontier)
            continue;
        fprintf(f, "%10s %14s  %-6d %6.1f  %s; %s\n", pb__fmt_num(a, sizeof a, p->date, 2),
                pb__fmt_num(b, sizeof b, p->cost, 0), p->people, p->value_kept,
                pb__deal_team_text(p->deal, t, sizeof t), levers(p->deal, s, l, sizeof l));
    }
    const pb_frontier_point *w = &r->points[r->walk_away];
    fprintf(f, "\nWalk-away: below %s %s no deal within the levers reaches %.0f%% (%s; %s)\n",
            pb__fmt_num(a, sizeof a, w->date, 2), s->unit, 100 * r->confidence,
            pb__deal_team_text(w->deal, t, sizeof t), levers(w->deal, s, l, sizeof l));
    two_text(f, s, r);
    fprintf(f, "%s iterations per deal, seed %llu; labour %s\n",
            pb__fmt_num(a, sizeof a, (double)r->iterations, 0), (unsigned long long)r->seed,
            pb_scenario_labour_name(s));
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}

static void cell(FILE *f, const char *text, bool last)
{
    csv_fwrite(f, text, strlen(text));
    fputs(last ? "\r\n" : ",", f);
}

pb_status pb_report_frontier_csv(FILE *f, const pb_report_ctx *ctx, const pb_frontier *r,
                                 pb_error *err)
{
    char t[512], l[512];
    fputs("date,cost,people,value_kept,joint,frontier,walk_away,team,levers\r\n", f);
    for (size_t i = 0; i < r->n_points; i++) {
        const pb_frontier_point *p = &r->points[i];
        fprintf(f, "%.10g,%.10g,%d,%.10g,%.10g,%d,%d,", p->date, p->cost, p->people, p->value_kept,
                p->deal->joint.value, p->frontier, i == r->walk_away);
        cell(f, pb__deal_team_text(p->deal, t, sizeof t), false);
        cell(f, levers(p->deal, ctx->scenario, l, sizeof l), true);
    }
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the CSV");
    return PB_OK;
}
