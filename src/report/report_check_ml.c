/*
 * report_check_ml.c - the ML features a scenario uses, as 'check -f json'
 * lists them (the JSON of the text check's "ML: ..." line, docs/ml.md):
 * experiment rounds, work that scales with a count, growth, the learning
 * curve and the working calendar. A scenario without any has no "ml".
 */
#include <stdbool.h>

#include <pushback/report.h>

#include "report_internal.h"

/* The milestones' own features: rounds, items and growth, one array each. */
static void milestone_features(const pb_scenario *s, json_t *rounds, json_t *items, json_t *growth)
{
    for (size_t i = 0; i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        if (m->rounds.max)
            json_array_append_new(rounds,
                                  json_pack("{s:o, s:i, s:b}", "milestone", pb__json_str(m->id),
                                            "max", m->rounds.max, "gate", m->gate));
        if (m->has_per_item)
            json_array_append_new(items,
                                  json_pack("{s:o, s:o, s:o}", "milestone", pb__json_str(m->id),
                                            "items", pb__json_num(m->items), "per_item_mean",
                                            pb__json_num(pb_dist_mean(&m->per_item))));
        if (m->has_growth)
            json_array_append_new(growth, pb__json_str(m->id));
    }
}

json_t *pb__json_check_ml(const pb_scenario *s)
{
    json_t *rounds = json_array(), *items = json_array(), *own = json_array();
    milestone_features(s, rounds, items, own);
    bool any = json_array_size(rounds) || json_array_size(items) || json_array_size(own) ||
               s->curve.present || s->has_growth || s->calendar.present;
    if (!any) {
        json_decref(rounds);
        json_decref(items);
        json_decref(own);
        return NULL;
    }
    const pb_curve *c = &s->curve;
    json_t *curve =
        c->present
            ? json_pack("{s:o, s:o, s:o, s:o}", "name", pb__json_str(c->name), "target",
                        pb__json_num(c->target), "items", pb__json_num(pb_scenario_curve_items(s)),
                        "items_from", c->items_from[0] ? pb__json_str(c->items_from) : json_null())
            : json_null();
    json_t *cal =
        s->calendar.present
            ? json_pack("{s:i, s:i, s:i}", "workdays", s->calendar.n_workdays, "holidays",
                        (int)s->calendar.n_holidays, "closures", (int)s->calendar.n_closed)
            : json_null();
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "rounds", rounds, "items", items,
                     "growth_milestones", own, "growth", json_boolean(s->has_growth),
                     "learning_curve", curve, "calendar", cal);
}
