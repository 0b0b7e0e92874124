/*
 * facts.c - see facts.h. The schema lists the names rules.h documents.
 */
#include "facts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/stats.h>

#include "scenario_internal.h"

static const char *const SIM[] = {"mean",
                                  "sd",
                                  "min",
                                  "max",
                                  "p_deadline",
                                  "p_deadline_lo",
                                  "p_deadline_hi",
                                  "p_budget",
                                  "p_budget_lo",
                                  "p_budget_hi",
                                  "p_joint",
                                  "cost_p50",
                                  "cost_p80",
                                  "cost_p90",
                                  "cost_mean",
                                  "people",
                                  "labour",
                                  "iterations",
                                  "top_sensitivity",
                                  "top_criticality",
                                  "risk_delay",
                                  "n_optional",
                                  "n_deliverables",
                                  "n_risks",
                                  "n_milestones",
                                  "buffer",
                                  "metric",
                                  "p_target",
                                  NULL};
static const char *const SIM_TEXT[] = {"top_milestone", "top_risk", "unit", "metric_name", NULL};
static const char *const ASK[] = {"deadline", "budget",       "confidence", "p",
                                  "asked",    "asked_budget", NULL};
static const char *const MANAGER[] = {"deadline", "people", "budget", "derived", NULL};
static const char *const HISTORY[] = {"count",       "duration", "people",    "size",    "scaled",
                                      "percentile",  "ratio",    "like_p",    "like_lo", "like_hi",
                                      "like_people", "like_p50", "like_date", NULL};
static const char *const HISTORY_TEXT[] = {"name", "like_verdict", "like_team", "like_says", NULL};
static const char *const PROPOSAL[] = {"present",
                                       "idea",
                                       "value",
                                       "value_sourced",
                                       "scenarios",
                                       "demo",
                                       "literature",
                                       "reuse",
                                       "reuse_licensed",
                                       "datasets",
                                       "datasets_licensed",
                                       "data",
                                       "data_volume",
                                       "annotation",
                                       "annotation_vendor",
                                       "annotation_team",
                                       "annotation_crowd",
                                       "synthetic",
                                       "approaches",
                                       "approaches_weighed",
                                       "system",
                                       "resources",
                                       "cloud",
                                       "gaps",
                                       "deliverables",
                                       NULL};
static const char *const OPTION[] = {"p50",      "p80",        "p90",    "p_deadline",
                                     "cost_p80", "people",     "d_p80",  "d_p80_lo",
                                     "d_p80_hi", "d_cost_p80", "labour", NULL};
static const char *const OPTIONS[] = {"count",
                                      "best_p_deadline",
                                      "best_d_p80",
                                      "cheapest_d_cost",
                                      "cheapest_saves",
                                      "cheapest_d_p80",
                                      "inhouse",
                                      "inhouse_d_p80",
                                      "inhouse_d_p80_lo",
                                      "inhouse_d_p80_hi",
                                      "inhouse_d_cost",
                                      "inhouse_p_deadline",
                                      "buy",
                                      "plan_buy",
                                      NULL};
static const char *const OPTIONS_TEXT[] = {"best", "cheapest", "inhouse_name", NULL};
static const char *const WHATIF[] = {
    "p50",      "p80",      "p90",    "mean",  "p_deadline", "p_deadline_lo", "p_deadline_hi",
    "p_budget", "cost_p80", "people", "d_p80", "deadline",   "budget",        NULL};
static const char *const DEAL[] = {"p",           "lo",           "hi",          "holds",
                                   "feasible",    "date",         "date_lo",     "date_hi",
                                   "cost",        "people",       "deadline",    "budget",
                                   "p_deadline",  "p_budget",     "iterations",  "cost_of_delay",
                                   "p_target",    "target_items", "p_met",       "p_deadline_met",
                                   "date_gained", "with_p",       "metric_kept", "with_lo",
                                   "with_hi",     "d_cost",       "d_date",      "need_date",
                                   "agreed_cost", "agreed_date",  NULL};
static const char *const DEAL_TEXT[] = {"team", "reason",      "alternative", "agreed", "also",
                                        "role", "metric_note", "role_people", NULL};
/* the ML moves' deal names (docs/ml.md): P(target met) with its interval, the target in words,
   and when a leaver's replacement arrives (key-person) */
static const char *const DEAL_ML[] = {"p_target_lo", "p_target_hi", NULL};
static const char *const DEAL_ML_TEXT[] = {"target", "replaced", NULL};
/* people added late (add-people-late, docs/manager.md): how many, when (and the early time
   compared), the P80 without them and the P80 they gain at each time (< 0: lost) */
static const char *const DEAL_LATER[] = {"added",       "at",      "early_at",
                                         "p80_without", "payback", "early_payback",
                                         "best_people", "best_p",  NULL};
static const char *const DEAL_LATER_TEXT[] = {"ramp", "best_team", NULL};
/* the plan as asked, priced by the proposal's value (proposal.value per unit of time) */
static const char *const VALUE[] = {"rate", "payback", "cost", "date", NULL};
static const char *const VALUE_TEXT[] = {"unit", NULL}; /* the unit of time, singular */
/* the gate (gate = true) that weighs most on the date, simulated as a branch */
static const char *const GATE[] = {"count",   "p_go",     "p_go_lo", "p_go_hi", "at",
                                   "date_go", "rounds",   "box",     "effort",  "has_date",
                                   "curve",   "p_target", "commit",  NULL};
static const char *const GATE_TEXT[] = {"name", NULL};
/* the file's tracking data (brief_track.c): estimate sources, calibration, outside view */
static const char *const SOURCE[] = {"data", "expert", "guess", NULL};
/* what the confidence rests on, by source (brief_basis.c) */
static const char *const SOURCE_BASIS[] = {"var_data", "var_expert", "var_guess", "n_data",
                                           "n_expert", "n_guess",    "by_count",  NULL};
static const char *const SOURCE_TEXT[] = {"top", "top_source", NULL};
static const char *const CALIB[] = {"pairs",    "bias",  "bias_lo", "bias_hi", "spread",
                                    "coverage", "widen", "raw_p80", "p80",     NULL};
static const char *const OUTSIDE[] = {"projects", "uplift", "p80", NULL};
static const char *const TRACK[] = {"tracked", "as_of", NULL};
static const char *const OFFER[] = {
    "p",          "lo",     "hi",        "holds",  "date",        "date_lo",   "date_hi",
    "cost",       "people", "deadline",  "budget", "saves",       "later",     "cost_of_delay",
    "value_kept", "gain",   "base_date", "cut_n",  "commit_date", "pair_date", "pair_cost",
    "pair_p",     NULL};
static const char *const OFFER_STAGE[] = {"fits",     "moved",      "extra_people",      "stage_n",
                                          "stage_of", "stage_date", "stage_deliverable", NULL};
static const char *const OFFER_TEXT[] = {"team",  "levers",    "kind", "alternative",
                                         "stage", "cut_items", NULL};
/* the worded offers' own facts (offers_v1.c, docs/manager.md): the commitment, the target and
   the walk-away point; the team stated; the first deliverable; the option offered; the split */
static const char *const OFFER_WORDS[] = {
    "commit",    "target",       "walk_away",  "team_found",   "first_p",       "first_p80",
    "money",     "option_p",     "option_p80", "option_d_p80", "option_cost",   "option_d_cost",
    "split_p80", "split_labour", "wide",       "commit_p",     "commit_budget", "p80",
    NULL};
static const char *const OFFER_WORDS_TEXT[] = {"first", "option", NULL};
/* what any counter-offer's deal gives up against the plan as asked, or carries from the agreed
   deal (the 'caveats' words, said after every recommended offer) */
static const char *const OFFER_CAVEATS[] = {
    "metric_lost", "p_target",    "plan_p_target", "value_lost", "plan_value",
    "n_agreed",    "says_levers", "removed",       "saved",      NULL};
static const char *const OFFER_CAVEATS_TEXT[] = {"agreed", "removed_by", NULL};
static const char *const SEEK[] = {
    "date",       "date_lo",         "date_hi",       "budget",
    "people",     "people_feasible", "people_best_p", "people_planned",
    "cut_needed", "cut_feasible",    "cut_value",     "cut_p",
    "stages",     "stages_done",     "walk_away",     "first_stage_p80",
    "shown_n",    "shown_of",        "shown_date",    "shown_deliverable",
    NULL};
static const char *const SEEK_EXACT[] = {"cut_exact",
                                         NULL}; /* the cut found exactly (1), or greedy */
static const char *const SEEK_TEXT[] = {"cut_items",   "people_team", "stages_done_items",
                                        "first_stage", "shown",       NULL};

void pb__fact_option_name(const char *option, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", option);
    for (char *p = buf; *p; p++)
        if (*p == '-')
            *p = '_';
}

static bool push(pb__facts *f, const char *prefix, const char *name)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 256;
        pb__fact *v = realloc(f->v, cap * sizeof *v);
        if (!v)
            return false;
        f->v = v;
        f->cap = cap;
    }
    size_t len = strlen(prefix) + strlen(name) + 1;
    char *s = malloc(len);
    if (!s)
        return false;
    snprintf(s, len, "%s%s", prefix, name);
    f->v[f->n++] = (pb__fact){s, false, 0, NULL};
    return true;
}

static bool push_all(pb__facts *f, const char *prefix, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (!push(f, prefix, names[i]))
            return false;
    return true;
}

bool pb__facts_init(pb__facts *f, const pb_scenario *s)
{
    memset(f, 0, sizeof *f);
    bool ok = push_all(f, "sim.", SIM) && push_all(f, "sim.", SIM_TEXT);
    for (size_t k = 0; ok && k < PB_N_LEVELS; k++) {
        char name[32];
        int lv = (int)lround(pb_stats_levels[k] * 100);
        snprintf(name, sizeof name, "p%d", lv);
        ok = push(f, "sim.", name);
        snprintf(name, sizeof name, "p%d_lo", lv);
        ok = ok && push(f, "sim.", name);
        snprintf(name, sizeof name, "p%d_hi", lv);
        ok = ok && push(f, "sim.", name);
    }
    ok = ok && push_all(f, "ask.", ASK) && push_all(f, "manager.", MANAGER) &&
         push(f, "manager.", "source") && push_all(f, "history.", HISTORY) &&
         push_all(f, "history.", HISTORY_TEXT) && push_all(f, "proposal.", PROPOSAL) &&
         push_all(f, "options.", OPTIONS) && push_all(f, "options.", OPTIONS_TEXT) &&
         push_all(f, "whatif.", WHATIF) && push_all(f, "deal.", DEAL) &&
         push_all(f, "deal.", DEAL_TEXT) && push_all(f, "deal.", DEAL_ML) &&
         push_all(f, "deal.", DEAL_ML_TEXT) && push_all(f, "deal.", DEAL_LATER) &&
         push_all(f, "deal.", DEAL_LATER_TEXT) && push_all(f, "offer.", OFFER) &&
         push_all(f, "offer.", OFFER_TEXT) && push_all(f, "seek.", SEEK) &&
         push_all(f, "seek.", SEEK_TEXT) && push_all(f, "value.", VALUE) &&
         push_all(f, "value.", VALUE_TEXT) && push_all(f, "gate.", GATE) &&
         push_all(f, "gate.", GATE_TEXT);
    ok = ok && push_all(f, "offer.", OFFER_STAGE) && push_all(f, "offer.", OFFER_WORDS) &&
         push_all(f, "offer.", OFFER_WORDS_TEXT) && push_all(f, "seek.", SEEK_EXACT) &&
         push_all(f, "offer.", OFFER_CAVEATS) && push_all(f, "offer.", OFFER_CAVEATS_TEXT);
    ok = ok && push_all(f, "source.", SOURCE) && push_all(f, "calib.", CALIB) &&
         push_all(f, "outside.", OUTSIDE) && push_all(f, "track.", TRACK);
    ok = ok && push_all(f, "source.", SOURCE_BASIS) && push_all(f, "source.", SOURCE_TEXT);
    for (size_t k = 0; ok && k < s->n_options; k++) {
        char prefix[300];
        pb__fact_option_name(s->options[k].name, prefix, sizeof prefix - 10);
        strcat(prefix, ".");
        char full[320];
        snprintf(full, sizeof full, "option.%s", prefix);
        ok = push_all(f, full, OPTION);
    }
    if (ok && (ok = pb__idmap_init(&f->map, f->n)))
        for (size_t i = 0; i < f->n; i++)
            pb__idmap_put(&f->map, f->v[i].name, i);
    if (!ok)
        pb__facts_release(f);
    return ok;
}

void pb__facts_release(pb__facts *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].name);
        free(f->v[i].text);
    }
    free(f->v);
    pb__idmap_release(&f->map);
    memset(f, 0, sizeof *f);
}

void pb__facts_set(pb__facts *f, const char *name, double v)
{
    size_t i;
    if (!pb__idmap_get(&f->map, name, &i))
        return;
    f->v[i].has = isfinite(v);
    f->v[i].value = isfinite(v) ? v : 0;
}

bool pb__facts_set_text(pb__facts *f, const char *name, const char *text)
{
    size_t i;
    if (!pb__idmap_get(&f->map, name, &i))
        return true;
    char *t = pb__strdup(text ? text : "");
    if (!t)
        return false;
    free(f->v[i].text);
    f->v[i].text = t;
    return true;
}

void pb__facts_clear(pb__facts *f, const char *prefix)
{
    size_t len = strlen(prefix);
    for (size_t i = 0; i < f->n; i++)
        if (!strncmp(f->v[i].name, prefix, len)) {
            f->v[i].has = false;
            free(f->v[i].text);
            f->v[i].text = NULL;
        }
}

double pb__facts_get(const pb__facts *f, const char *name)
{
    size_t i;
    if (!pb__idmap_get(&f->map, name, &i) || !f->v[i].has)
        return NAN;
    return f->v[i].value;
}

static bool known(void *ctx, const char *name)
{
    size_t i;
    return pb__idmap_get(&((pb__facts *)ctx)->map, name, &i);
}

static bool value(void *ctx, const char *name, double *out)
{
    pb__facts *f = ctx;
    size_t i;
    if (!pb__idmap_get(&f->map, name, &i) || !f->v[i].has)
        return false;
    *out = f->v[i].value;
    return true;
}

static bool text(void *ctx, const char *name, const char **out)
{
    pb__facts *f = ctx;
    size_t i;
    if (!pb__idmap_get(&f->map, name, &i) || !f->v[i].text)
        return false;
    *out = f->v[i].text;
    return true;
}

pb_names pb__facts_names(pb__facts *f)
{
    pb_names n = {known, value, f, text};
    return n;
}

#define MATERIAL 1e-3 /* below a thousandth of the amount, a difference rounds away */

double pb__beyond_noise(pb_interval d, double scale)
{
    bool real = (d.lo > 0 || d.hi < 0) && fabs(d.value) >= MATERIAL * fabs(scale);
    return real ? d.value : 0;
}

double pb__apart(pb_interval a, pb_interval b, double scale)
{
    bool real = (a.lo > b.hi || a.hi < b.lo) && fabs(a.value - b.value) >= MATERIAL * fabs(scale);
    return real ? a.value - b.value : 0;
}
