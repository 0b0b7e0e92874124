/*
 * report_rehearsal.c - the rehearsal as JSON (docs/rehearse.md): every turn
 * with the manager's words, the answer, what was read, the deal after it and
 * its score, then the debrief. Each "deal" is the "deal" member of
 * 'pushback deal -f json', so that the debrief's "reproduce" command gives
 * the same joint probability.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/rehearsal.h>

#include "rehearsal_internal.h"
#include "report_internal.h"

static json_t *understood(const pb_answer *a)
{
    json_t *o = json_pack("{s:s, s:s, s:b, s:b, s:b}", "stance", pb_stance_name(a->stance),
                          "understood", a->understood, "quoted_number", a->quoted_number,
                          "quoted_interval", a->quoted_interval, "ambiguous", a->ambiguous);
    if (a->has_deadline)
        json_object_set_new(o, "deadline", pb__json_num(a->deadline));
    if (a->has_budget)
        json_object_set_new(o, "budget", pb__json_num(a->budget));
    if (a->has_people)
        json_object_set_new(o, "people", json_integer(a->people));
    if (a->has_role_people)
        json_object_set_new(o, "role",
                            json_pack("{s:s, s:i}", "id", a->role, "people", a->role_people));
    if (a->has_choice)
        json_object_set_new(
            o, "choice", json_pack("{s:s, s:s}", "id", a->choice, "alternative", a->alternative));
    if (a->has_range)
        json_object_set_new(o, "range",
                            json_pack("{s:o, s:o, s:o}", "lo", pb__json_num(a->lo), "mode",
                                      a->has_mode ? pb__json_num(a->mode) : json_null(), "hi",
                                      pb__json_num(a->hi)));
    if (a->question[0])
        json_object_set_new(o, "question", json_string(a->question));
    return o;
}

static json_t *score(const pb_turn_score *sc)
{
    json_t *met = json_array(), *failed = json_array();
    for (size_t i = 0; i < PB_RUBRIC_N; i++) {
        if ((sc->met >> i) & 1u)
            json_array_append_new(met, json_string(pb_rubric_name(i)));
        if ((sc->failed >> i) & 1u)
            json_array_append_new(failed, json_string(pb_rubric_name(i)));
    }
    return json_pack("{s:i, s:i, s:o, s:o, s:s}", "points", sc->points, "max", sc->max, "met", met,
                     "failed", failed, "note", sc->note);
}

/* The deal's evaluation beside its settings. */
static void deal_members(json_t *o, const pb_deal_result *d)
{
    json_object_set_new(o, "deal", pb__json_deal(d));
    json_object_set_new(o, "feasible", json_boolean(d->feasible));
    json_object_set_new(o, "verdict", json_string(d->verdict));
    json_object_set_new(o, "joint", d->feasible ? pb__json_prob(&d->joint) : json_null());
    json_object_set_new(o, "date", d->feasible ? pb__json_interval(&d->date) : json_null());
    json_object_set_new(o, "money", d->feasible ? pb__json_interval(&d->money) : json_null());
    json_object_set_new(o, "iterations", json_integer((json_int_t)d->iterations));
}

static json_t *turn(const pb_rehearsal *r, const pb_turn *t)
{
    json_t *o = json_pack("{s:s, s:i, s:s, s:s, s:o, s:s, s:o}", "move", t->move_id, "times_asked",
                          t->times_asked, "says", t->says, "answer", t->answer, "understood",
                          understood(&t->read), "stance", pb_stance_name(t->read.stance), "reply",
                          t->reply ? json_string(t->reply) : json_null());
    json_object_set_new(o, "changed", json_boolean(t->changed));
    deal_members(o, t->deal);
    json_object_set_new(o, "line", json_string(t->deal_line));
    json_object_set_new(o, "score", score(&t->score));
    json_object_set_new(o, "advice", t->advice ? json_string(t->advice) : json_null());
    (void)r;
    return o;
}

static json_t *debrief(const pb_rehearsal *r, const pb_debrief *d)
{
    json_t *o = json_object(), *rubric = json_array(), *advice = json_array();
    deal_members(o, d->deal);
    json_t *ask = json_object();
    deal_members(ask, d->ask);
    json_object_set_new(o, "ask", ask);
    json_object_set_new(o, "walk_away", pb__json_num(d->walk_away));
    json_object_set_new(o, "summary", json_string(d->summary));
    json_object_set_new(o, "reproduce", json_string(d->reproduce));
    json_object_set_new(o, "score", json_integer(d->score));
    json_object_set_new(o, "max_score", json_integer(d->max_score));
    for (size_t i = 0; i < PB_RUBRIC_N; i++)
        json_array_append_new(rubric,
                              json_pack("{s:s, s:i, s:i, s:i, s:i}", "item", pb_rubric_name(i),
                                        "points_met", pb_rubric_points(i, true), "points_failed",
                                        pb_rubric_points(i, false), "met", (int)d->counts[i][0],
                                        "failed", (int)d->counts[i][1]));
    json_object_set_new(o, "rubric", rubric);
    size_t n;
    const pb_turn *t = pb_rehearsal_turns(r, &n);
    for (size_t i = 0; i < n; i++)
        if (t[i].advice)
            json_array_append_new(advice, json_pack("{s:i, s:s, s:s, s:s}", "turn", (int)i + 1,
                                                    "move", t[i].move_id, "note", t[i].score.note,
                                                    "say", t[i].advice));
    json_object_set_new(o, "advice", advice);
    return o;
}

pb_status pb_report_rehearsal_json(FILE *f, const pb_report_ctx *ctx, const pb_rehearsal *r,
                                   const pb_debrief *d, pb_error *err)
{
    json_t *doc = pb__json_header(ctx, r->dopts.iterations, r->dopts.seed);
    json_t *turns = json_array();
    size_t n;
    const pb_turn *t = pb_rehearsal_turns(r, &n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(turns, turn(r, &t[i]));
    json_object_set_new(doc, "persona", r->o.persona ? json_string(r->o.persona) : json_null());
    json_object_set_new(doc, "order_seed", json_integer((json_int_t)r->o.seed));
    json_object_set_new(doc, "turns", turns);
    json_object_set_new(doc, "debrief", debrief(r, d));
    return pb__json_write(f, doc, err);
}
