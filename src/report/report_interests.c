/*
 * report_interests.c - the manager's interests on the prep sheet, in the
 * scenario's own words, with the offer that serves each in its currency
 * (brief_interests.c computes it): a date, an amount, a head count, the
 * metric kept.
 *
 * The offer is made only when its deal holds at the confidence, with what it
 * costs on the other axes against the plan; otherwise the sheet says so, with
 * the nearest deal and what it would take (for a date, what is done by then,
 * as a staged delivery to offer instead).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/deal.h>
#include <pushback/expr.h>

#include "brief_interests.h"
#include "deal_internal.h"
#include "format_interval.h"
#include "pushback/report.h"
#include "report_internal.h"

#define fv pb__brief_value

static const pb_interest_offer *offer_of(const pb_brief *b, const pb_interest *x)
{
    for (size_t k = 0; k < b->n_interest_offers; k++)
        if (b->interest_offers[k].interest == x)
            return &b->interest_offers[k];
    return NULL;
}

/* "the plan" or "'review-15k', without 'Alerts'", then " (TEAM" (the caller closes it). */
static void deal_words(FILE *f, pb__printf_fn out, const pb_brief *b, const pb_deal_result *d)
{
    char lev[400], team[512];
    pb__interest_levers(b->scenario, d, lev, sizeof lev);
    out(f, "%s%s (%s", lev[0] ? "" : "the plan's scope and choices", lev,
        pb__deal_team_text(d, team, sizeof team));
}

/* A probability with its interval, the interval left out when it rounds to the value (the
   sheet's top says such figures are exact to their last digit). */
static const char *pct_said(char *buf, size_t cap, const pb_interval *p)
{
    char *ci = strstr(pb__pct_ci(buf, cap, p), " (95% CI ");
    if (ci && (!strncmp(ci + 9, "within ", 7) || !strncmp(ci + 9, "below ", 6) ||
               !strncmp(ci + 9, "above ", 6)))
        *ci = '\0';
    return buf;
}

/* ", within BUDGET): done by DEADLINE in P of simulated projects" */
static void deal_chance(FILE *f, pb__printf_fn out, const pb_brief *b, const pb_deal_result *d)
{
    char p[300], when[96], money[96];
    pct_said(p, sizeof p, &d->joint);
    if (!isnan(d->budget))
        out(f, ", within %s", fv(b, d->budget, "money", money, sizeof money));
    out(f, "): done by %s in %s of simulated projects",
        fv(b, d->deadline, "time", when, sizeof when), p);
}

/* What the offer costs on the other axes, against the plan as asked, at the confidence. */
static void deal_costs(FILE *f, pb__printf_fn out, const pb_brief *b, const pb_interest_offer *o)
{
    char d1[96], d2[96], m1[96], m2[96];
    const pb_deal_result *d = o->deal, *p = o->plan;
    out(f, " At %.0f%%, each on its own, it needs %s and %s (the plan: %s and %s, %d people).",
        100 * b->confidence, fv(b, d->date.value, "time", d1, sizeof d1),
        fv(b, d->money.value, "money", m1, sizeof m1), fv(b, p->date.value, "time", d2, sizeof d2),
        fv(b, p->money.value, "money", m2, sizeof m2), p->people);
}

/* A time interest the levers cannot meet: the earliest deal, and what is done by the date. */
static void write_miss_time(FILE *f, pb__printf_fn out, const pb_brief *b,
                            const pb_interest_offer *o, const char *at)
{
    char need[96];
    out(f, "  No deal of the levers is done by %s at %.0f%%; the earliest, ", at,
        100 * b->confidence);
    deal_words(f, out, b, o->deal);
    deal_chance(f, out, b, o->deal);
    out(f, ", needs %s.", fv(b, o->needs, "time", need, sizeof need));
    /* the deliverables of the deal offered (its own run): not the plan as written */
    char when[96];
    if (o->n_ships)
        out(f,
            " By %s at %.0f%% confidence the deliverable '%s' is done (by %s)%s; offer that as a "
            "first delivery.",
            at, 100 * b->confidence, o->ships, fv(b, o->ships_date, "time", when, sizeof when),
            o->n_ships > 1 ? ", the last of those done by then" : "");
    else
        out(f,
            " No deliverable is done by %s at %.0f%% confidence: nothing a user can see exists "
            "by then.",
            at, 100 * b->confidence);
}

static void write_quality(FILE *f, pb__printf_fn out, const pb_brief *b, const pb_interest_offer *o)
{
    const pb_deal_result *d = o->deal, *p = o->plan;
    char pm[300], lm[300], when[96];
    pct_said(pm, sizeof pm, p->has_curve ? &p->p_curve : &p->p_met);
    out(f, "  Keeping the metric (met in %s of simulated projects as planned): offer ", pm);
    deal_words(f, out, b, d);
    deal_chance(f, out, b, d);
    out(f, "%s", o->fits ? "." : ", short of the confidence.");
    deal_costs(f, out, b, o);
    if (!isnan(o->lost_date))
        out(f,
            " %s would be sooner (%s at %.0f%%) but meets the metric in only %s: that is the "
            "trade.",
            o->lost, fv(b, o->lost_date, "time", when, sizeof when), 100 * b->confidence,
            pct_said(lm, sizeof lm, &o->lost_metric));
}

static void write_offer(FILE *f, pb__printf_fn out, const pb_brief *b, const pb_interest_offer *o)
{
    char at[96];
    const pb_interest *x = o->interest;
    if (!o->deal && !strcmp(o->kind, "keep-metric") && o->plan &&
        pb_deal_target(o->plan) < b->confidence) { /* the plan misses the target: said so */
        out(f, "  Nothing on the table keeps it: %s.", o->why);
        fputc('\n', f);
        return;
    }
    if (!o->deal || !o->deal->feasible) {
        out(f, "  No lever serves it: %s.", o->deal ? o->deal->reason : o->why);
        fputc('\n', f);
        return;
    }
    if (!strcmp(o->kind, "keep-metric")) {
        write_quality(f, out, b, o);
        fputc('\n', f);
        return;
    }
    if (!strcmp(o->kind, "meet-date")) {
        fv(b, x->at, "time", at, sizeof at);
        if (!o->fits) {
            write_miss_time(f, out, b, o, at);
            fputc('\n', f);
            return;
        }
        out(f, "  Offer ");
    } else if (!strcmp(o->kind, "within-budget")) {
        fv(b, x->at, "money", at, sizeof at);
        out(f, o->fits ? "  Offer " : "  No deal of the levers fits %s at %.0f%%; the cheapest, ",
            at, 100 * b->confidence);
    } else
        out(f, o->fits ? "  With %d people, offer " : "  With %d people, ", o->head);
    deal_words(f, out, b, o->deal);
    deal_chance(f, out, b, o->deal);
    out(f, "%s", o->fits ? "." : ", short of the confidence.");
    deal_costs(f, out, b, o);
    fputc('\n', f);
}

void pb__brief_interests_write(FILE *f, const pb_brief *b, bool md)
{
    const pb_scenario *s = b->scenario;
    pb__printf_fn out = md ? pb__printf_md : pb__printf_text;
    char a[96];
    if (!s->n_interests)
        return;
    fprintf(f, "%sWhat the manager wants (from the scenario)\n\n", md ? "### " : "");
    for (size_t i = 0; i < s->n_interests; i++) {
        const pb_interest *x = &s->interests[i];
        out(f, "- %s: \"%s\"", x->topic, x->text);
        if (!isnan(x->at))
            out(f, " (%s)",
                fv(b, x->at, !strcmp(x->topic, "money") ? "money" : "time", a, sizeof a));
        fputc('\n', f);
        const pb_interest_offer *o = offer_of(b, x);
        if (o)
            write_offer(f, out, b, o);
    }
    fputc('\n', f);
}

void pb__brief_interests_html(FILE *f, const pb_brief *b)
{
    const pb_scenario *s = b->scenario;
    char a[96];
    if (!s->n_interests)
        return;
    fputs("<section id=\"interests\">\n<h2>What the manager wants (from the scenario)</h2>\n"
          "<ul class=\"interests\">\n",
          f);
    for (size_t i = 0; i < s->n_interests; i++) {
        const pb_interest *x = &s->interests[i];
        fputs("<li>", f);
        pb__printf_html(f, "%s: \u201c%s\u201d", x->topic, x->text);
        if (!isnan(x->at))
            pb__printf_html(
                f, " (%s)",
                fv(b, x->at, !strcmp(x->topic, "money") ? "money" : "time", a, sizeof a));
        const pb_interest_offer *o = offer_of(b, x);
        if (o)
            write_offer(f, pb__printf_html, b, o);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n</section>\n", f);
}

json_t *pb__json_interests(const pb_brief *b)
{
    const pb_scenario *s = b->scenario;
    json_t *a = json_array();
    for (size_t i = 0; i < s->n_interests; i++) {
        const pb_interest *x = &s->interests[i];
        const pb_interest_offer *o = offer_of(b, x);
        json_t *offer = json_null();
        if (o && !o->deal)
            offer =
                json_pack("{s:s, s:o, s:s}", "kind", o->kind, "deal", json_null(), "why", o->why);
        else if (o) {
            json_t *d = pb__json_deal(o->deal);
            json_object_set_new(d, "iterations", json_integer((json_int_t)o->deal->iterations));
            json_object_set_new(d, "seed", json_integer((json_int_t)o->deal->seed));
            json_object_set_new(d, "sets", json_array()); /* the moves' deal shape */
            json_object_set_new(d, "searched", json_boolean(o->deal->searched));
            offer =
                json_pack("{s:s, s:o, s:o, s:s, s:b, s:o, s:o}", "kind", o->kind, "deal", d,
                          "joint", o->deal->feasible ? pb__json_prob(&o->deal->joint) : json_null(),
                          "verdict", o->deal->verdict, "fits", o->fits, "needs",
                          pb__json_num(o->needs), "ships", pb__json_str(o->ships));
        }
        json_array_append_new(
            a, json_pack("{s:s, s:o, s:o, s:o}", "topic", x->topic, "text", pb__json_str(x->text),
                         "at", isnan(x->at) ? json_null() : pb__json_num(x->at), "offer", offer));
    }
    return a;
}
