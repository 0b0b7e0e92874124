/*
 * report_interests.c - the manager's interests on the prep sheet, in the
 * scenario's own words, with the offer that serves each dated time
 * interest (brief_interests.c computes it).
 *
 * The offer is made only when its deal holds at the confidence; otherwise
 * the sheet says what it would take (the date that deal needs) and what is
 * done by the interest's date, as a staged delivery to offer instead.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/deal.h>
#include <pushback/expr.h>

#include "brief_interests.h"
#include "deal_internal.h"
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

/* The name of milestone 'id' of the brief's scenario (the id when it has none). */
static const char *milestone_name(const pb_brief *b, const char *id)
{
    for (size_t k = 0; k < b->scenario->n_milestones; k++)
        if (!strcmp(b->scenario->milestones[k].id, id))
            return b->scenario->milestones[k].name;
    return id;
}

static void write_offer(FILE *f, pb__printf_fn out, const pb_brief *b, const pb_interest_offer *o)
{
    const pb_deal_result *d = o->deal;
    const pb_scenario *s = b->scenario;
    pb_format_ctx fmt = {s->unit, s->currency, s->start};
    char at[96], p[300], need[96], money[96], team[512];
    pb_error e;
    fv(b, o->interest->at, "time", at, sizeof at);
    if (!d->feasible) {
        out(f, "  The plan cannot be promised for %s: %s.", at, d->reason);
        fputc('\n', f);
        return;
    }
    if (pb_format_interval(d->joint.value, d->joint.lo, d->joint.hi, "pct", &fmt, p, sizeof p, &e))
        snprintf(p, sizeof p, "n/a");
    out(f, "  By %s, the plan", at);
    for (size_t k = 0; k < d->n_dropped; k++)
        out(f, "%s'%s'", k ? ", " : " without the optional ", milestone_name(b, d->dropped[k]));
    out(f, " (%s", pb__deal_team_text(d, team, sizeof team));
    if (!isnan(d->budget))
        out(f, ", within %s", fv(b, d->budget, "money", money, sizeof money));
    out(f, ") is done in %s of simulated projects", p);
    if (!strcmp(d->verdict, "holds")) {
        out(f, ": offer it for %s.", o->interest->text);
        fputc('\n', f);
        return;
    }
    out(f, ": not enough for %.0f%%; it needs %s.", 100 * b->confidence,
        fv(b, o->needs, "time", need, sizeof need));
    size_t all = b->base->n_milestones;
    if (o->n_ships)
        out(f,
            " Done by %s at %.0f%% confidence, each on its own: %zu of %zu milestones (%s %s); "
            "offer that as a first delivery.",
            at, 100 * b->confidence, o->n_ships, all,
            o->n_ships == all ? "all" : "the last of them", o->ships);
    else
        out(f, " No milestone is done by %s at %.0f%% confidence.", at, 100 * b->confidence);
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
        if (o) {
            json_t *d = pb__json_deal(o->deal);
            json_object_set_new(d, "iterations", json_integer((json_int_t)o->deal->iterations));
            json_object_set_new(d, "seed", json_integer((json_int_t)o->deal->seed));
            offer = json_pack("{s:o, s:o, s:s, s:o, s:o}", "deal", d, "joint",
                              o->deal->feasible ? pb__json_prob(&o->deal->joint) : json_null(),
                              "verdict", o->deal->verdict, "needs", pb__json_num(o->needs), "ships",
                              pb__json_str(o->ships));
        }
        json_array_append_new(
            a, json_pack("{s:s, s:o, s:o, s:o}", "topic", x->topic, "text", pb__json_str(x->text),
                         "at", isnan(x->at) ? json_null() : pb__json_num(x->at), "offer", offer));
    }
    return a;
}
