/*
 * report_manager_json.c - the proposal page as JSON (docs/json.md, "The
 * proposal page"): the same content as the page, as keys.
 *
 * Each deal is in the shape of 'pushback deal -f json' "deal" plus what
 * reproduces it ("iterations", "seed"), so that 'pushback deal' with its
 * settings gives the same joint probability.
 */
#include <math.h>
#include <string.h>

#include <pushback/page.h>

#include "pushback/report.h"
#include "report_internal.h"

static json_t *deal_json(const pb_deal_result *d)
{
    json_t *o = pb__json_deal(d);
    json_object_set_new(o, "sets", json_array());
    json_object_set_new(o, "iterations", json_integer((json_int_t)d->iterations));
    json_object_set_new(o, "seed", json_integer((json_int_t)d->seed));
    json_object_set_new(o, "feasible", json_boolean(d->feasible));
    json_object_set_new(o, "verdict", pb__json_str(d->verdict));
    return o;
}

static json_t *commitment_json(const pb_page *p)
{
    const pb_brief *b = p->brief;
    const pb_deal_result *d = p->plan;
    bool ok = d && d->feasible;
    json_t *o = json_object();
    json_object_set_new(o, "date",
                        ok ? pb__json_interval(&d->date) : pb__json_interval(&b->commitment_ci));
    json_object_set_new(
        o, "cost",
        ok ? pb__json_interval(&d->money)
           : pb__json_interval(&(p->adopted ? p->adopted : b->base)->cost.pct[PB_P80]));
    json_object_set_new(o, "target", pb__json_interval(&b->target_ci));
    json_object_set_new(o, "deal", d ? deal_json(d) : json_null());
    json_object_set_new(o, "joint", ok ? pb__json_prob(&d->joint) : json_null());
    return o;
}

static json_t *plan_json(const pb_page *p)
{
    const pb_brief *b = p->brief;
    const pb_result *r = p->adopted ? p->adopted : b->base; /* the adopted deal's run */
    json_t *o = json_object(), *team = json_object(), *ms = json_array();
    int people = 0;
    for (size_t k = 0; k < b->scenario->n_roles; k++) {
        const pb_role *role = &b->scenario->roles[k];
        int n = p->plan ? p->plan->team[k] : role->people;
        json_object_set_new(team, role->name, json_integer(n));
        people += n;
    }
    json_object_set_new(o, "team", team);
    json_object_set_new(o, "people", json_integer(people));
    json_object_set_new(o, "labour", json_string(pb_scenario_labour_name(b->scenario)));
    const pb_milestone_result *top = NULL;
    for (size_t k = 0; k < r->n_milestones; k++) {
        const pb_milestone_result *m = &r->milestones[k];
        if (!top || m->sensitivity > top->sensitivity)
            top = m;
        json_array_append_new(ms, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                                            pb__json_str(m->id), "name", pb__json_str(m->name),
                                            "p50", pb__json_num(m->finish.pct[PB_P50].value), "p80",
                                            pb__json_num(m->finish.pct[PB_P80].value),
                                            "criticality", pb__json_num(m->criticality),
                                            "sensitivity", pb__json_num(m->sensitivity)));
    }
    json_object_set_new(o, "milestones", ms);
    json_object_set_new(o, "driver", top ? pb__json_str(top->id) : json_null());
    return o;
}

static json_t *alternative_json(const pb_scenario *s, const char *id, pb_kind kind, bool plan,
                                const pb_result *x)
{
    char label[300]; /* what the page says for it (pb_scenario_alternative_label) */
    return json_pack("{s:o, s:o, s:s, s:b, s:o, s:o, s:o}", "id", pb__json_str(id), "name",
                     pb__json_str(pb_scenario_alternative_label(s, id, label, sizeof label)),
                     "kind", pb_kind_name(kind), "plan", plan, "p80",
                     x ? pb__json_num(x->duration.pct[PB_P80].value) : json_null(), "cost_p80",
                     x ? pb__json_num(x->cost.pct[PB_P80].value) : json_null(), "p_deadline",
                     x && x->has_deadline ? pb__json_prob(&x->p_deadline) : json_null());
}

static json_t *choices_json(const pb_brief *b)
{
    const pb_scenario *s = b->scenario;
    json_t *a = json_array();
    for (size_t c = 0; c < s->n_choices; c++) {
        json_t *alts = json_array();
        json_array_append_new(
            alts, alternative_json(s, s->choices[c].base, s->choices[c].base_kind, true, b->base));
        for (size_t k = 0; k < s->n_options; k++) {
            if (s->options[k].choice != c)
                continue;
            const pb_result *x = NULL;
            for (size_t e = 1; b->options && e < b->options->n_entries; e++)
                if (!strcmp(b->options->entries[e].name, s->options[k].name))
                    x = b->options->entries[e].result;
            json_array_append_new(
                alts, alternative_json(s, s->options[k].name, s->options[k].kind, false, x));
        }
        json_array_append_new(a, json_pack("{s:o, s:o, s:o}", "id", pb__json_str(s->choices[c].id),
                                           "name", pb__json_str(s->choices[c].name), "alternatives",
                                           alts));
    }
    return a;
}

static json_t *tradeoffs_json(const pb_brief *b, const pb_frontier *fr)
{
    json_t *a = json_array();
    for (size_t k = 0; k < fr->n_points; k++) {
        const pb_frontier_point *pt = &fr->points[k];
        if (!pb__page_tradeoff_shown(b, fr, k))
            continue;
        bool promised = !isnan(pt->deal->deadline) || !isnan(pt->deal->budget);
        json_array_append_new(
            a, json_pack("{s:o, s:o, s:o, s:i, s:o, s:o}", "deal", deal_json(pt->deal), "date",
                         pb__json_num(pt->date), "cost", pb__json_num(pt->cost), "people",
                         pt->people, "value_kept", pb__json_num(pt->value_kept), "joint",
                         promised ? pb__json_prob(&pt->deal->joint) : json_null()));
    }
    return a;
}

static json_t *risks_json(const pb_page *p)
{
    json_t *a = json_array();
    for (size_t k = 0; k < p->n_risks; k++) {
        const pb_page_risk *r = &p->risks[k];
        json_array_append_new(
            a, json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", pb__json_str(r->id), "name",
                         pb__json_str(r->name), "probability", pb__json_num(r->fired), "mean_delay",
                         pb__json_num(r->mean_delay), "exposure", pb__json_num(r->exposure)));
    }
    return a;
}

pb_status pb_report_page_json(FILE *f, const pb_report_ctx *ctx, const pb_page *p, pb_error *err)
{
    const pb_brief *b = p->brief;
    json_t *doc = pb__json_header(ctx, b->iterations, b->seed);
    json_object_set_new(doc, "audience", json_string("manager"));
    json_object_set_new(doc, "confidence", pb__json_num(b->confidence));
    json_object_set_new(doc, "commitment", commitment_json(p));
    json_object_set_new(doc, "plan", plan_json(p));
    json_object_set_new(doc, "choices", choices_json(b));
    json_object_set_new(doc, "tradeoffs", tradeoffs_json(b, p->frontier));
    json_object_set_new(doc, "risks", risks_json(p));
    json_t *track = pb__json_brief_track(b); /* as of, calibration, outside view */
    if (track)
        json_object_set_new(doc, "track", track);
    return pb__json_write(f, doc, err);
}
