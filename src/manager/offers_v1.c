/*
 * offers_v1.c - the worded kinds of the offer registry (offers.h): the
 * counter-offers of rulebook v1 ('offers = ["commit", "phase", ...]').
 *
 * Each kind computes facts and only facts: the numbers and names it offers,
 * under offer.*, next to what the brief already has (seek.* for the seeks at
 * the manager's deadline, gate.* for the gate's branch). The words are the
 * rulebook's ('offer_words = { commit = "..."; }'), whose conditionals pick
 * the case ("{if seek.cut_needed == 0}No scope cut is needed ..."). A kind
 * that has nothing to offer, or nothing in the move's currency, makes no
 * offer: the brief shows none rather than a sentence about its absence.
 */
#include <math.h>
#include <string.h>

#include <pushback/deal.h>
#include <pushback/stats.h>

#include "offers.h"
#include "scenario_internal.h"

static void set(const pb__offer_words_in *in, const char *name, double v)
{
    pb__facts_set(in->facts, name, v);
}

/* The index of the level nearest the confidence (the P80 at 0.8). */
static size_t level(double confidence)
{
    size_t best = 0;
    for (size_t k = 1; k < PB_N_LEVELS; k++)
        if (fabs(pb_stats_levels[k] - confidence) < fabs(pb_stats_levels[best] - confidence))
            best = k;
    return best;
}

/* The smallest cut of optional scope (seek.cut_*, sim.n_optional). */
bool pb__offer_drop_optional(const pb__offer_words_in *in, bool *reaches)
{
    *reaches = in->b->seek->cut.feasible;
    return true;
}

/* The fewest people from the start that reach the manager's deadline (seek.people*), or the
   best team stated when none does (offer.team_found: seek.people_team names it). */
bool pb__offer_add_people(const pb__offer_words_in *in, bool *reaches)
{
    const pb_seek_result *k = in->b->seek;
    const char *team = NULL;
    pb_names n = pb__facts_names(in->facts);
    set(in, "offer.team_found", n.text(n.ctx, "seek.people_team", &team) && team && *team);
    *reaches = k->people[k->n_people - 1].feasible;
    return true;
}

/* The deliverables done by the manager's deadline (seek.stages_done*), else the first one
   (offer.first, offer.first_p, offer.first_p80); the full scope at offer.commit (the start
   deal's date, as pb__offer_commit says it; else the P80). */
bool pb__offer_phase(const pb__offer_words_in *in, bool *reaches)
{
    const pb_seek_result *k = in->b->seek;
    const pb_deal_result *d = in->b->start; /* the full scope at the commitment (the start deal's
                                               date, as the lead says it): one date for one deal */
    set(in, "offer.commit",
        d && d->feasible && !isnan(d->deadline) ? d->deadline : in->b->commitment);
    if (k->n_stages) {
        set(in, "offer.first_p", k->stages[0].p.value);
        set(in, "offer.first_p80", k->stages[0].p80);
        pb__facts_set_text(in->facts, "offer.first", k->stages[0].name);
    }
    size_t done = 0;
    for (size_t i = 0; i < k->n_stages; i++)
        done += k->stages[i].done;
    *reaches = done > 0;
    return true;
}

/* The commitment, the P50 to aim for and the walk-away point. The commitment is the start
   deal (the audited ask, as the sheet's lead and the proposal page say it: its date, its budget
   or 0, and how often it holds, offer.commit_p), else the P80 at the confidence; offer.p80 is
   the P80 of the date alone. */
bool pb__offer_commit(const pb__offer_words_in *in, bool *reaches)
{
    const pb_brief *b = in->b;
    const pb_deal_result *d = b->start;
    bool start = d && d->feasible && !isnan(d->deadline);
    double when = start ? d->deadline : b->commitment;
    set(in, "offer.commit", when);
    set(in, "offer.commit_p", start ? d->joint.value : b->confidence);
    set(in, "offer.commit_budget", start && !isnan(d->budget) ? d->budget : 0);
    set(in, "offer.p80", b->commitment);
    set(in, "offer.target", b->target);
    set(in, "offer.walk_away", b->walk_away);
    *reaches = when <= pb_stats_limit(b->manager_deadline);
    return true;
}

/*
 * The option in the move's currency: for a money move the cheapest at the
 * confidence, offered only when it costs less than the plan (offer.money 1);
 * for any other the fastest at the confidence (offer.money 0), the likelier
 * to meet the deadline on a tie. offer.option with its P80, P(deadline), cost
 * at the confidence and P80 and cost against the plan.
 */
bool pb__offer_best_option(const pb__offer_words_in *in, bool *reaches)
{
    const pb_comparison *cmp = in->b->options;
    size_t lv = level(in->b->confidence);
    bool money = in->topic && !strcmp(in->topic, "money");
    const pb_compare_entry *best = NULL;
    for (size_t i = 1; cmp && i < cmp->n_entries; i++) {
        const pb_result *r = cmp->entries[i].result, *q = best ? best->result : NULL;
        double v = money ? r->cost.pct[lv].value : r->duration.pct[lv].value;
        double w = !q ? INFINITY : money ? q->cost.pct[lv].value : q->duration.pct[lv].value;
        if (!q || v < w || (v == w && r->p_deadline.value > q->p_deadline.value))
            best = &cmp->entries[i];
    }
    double plan = cmp ? cmp->entries[0].result->cost.pct[lv].value : NAN;
    if (!best || (money && !(best->result->cost.pct[lv].value < plan)))
        return false;
    const pb_result *r = best->result;
    set(in, "offer.money", money);
    set(in, "offer.option_p", r->p_deadline.value);
    set(in, "offer.option_p80", r->duration.pct[PB_P80].value);
    set(in, "offer.option_d_p80", best->vs_base.p80.value);
    set(in, "offer.option_cost", r->cost.pct[lv].value);
    set(in, "offer.option_d_cost", r->cost.pct[lv].value - plan);
    char label[256];
    pb__facts_set_text(
        in->facts, "offer.option",
        pb_scenario_alternative_label(in->b->scenario, best->name, label, sizeof label));
    *reaches = money ? r->cost.pct[lv].value <= pb_stats_limit(in->b->manager_budget)
                     : r->duration.pct[PB_P80].value <= pb_stats_limit(in->b->manager_deadline);
    return true;
}

/* The gate's branch (gate.*: a looping gate's metric, or a time-box), for a move about no
   milestone in particular or about the gate's own (its risk): never for a risk elsewhere. */
bool pb__offer_gate(const pb__offer_words_in *in, bool *reaches)
{
    if (!in->gate || (in->milestone && strcmp(in->milestone, in->gate->id)))
        return false;
    /* offer.wide: P(go)'s interval is wider than its rounding (its ends print apart) */
    char lo[64], hi[64];
    pb_error e;
    bool wide = !pb_format_value(pb__facts_get(in->facts, "gate.p_go_lo"), "pct", NULL, lo,
                                 sizeof lo, &e) &&
                !pb_format_value(pb__facts_get(in->facts, "gate.p_go_hi"), "pct", NULL, hi,
                                 sizeof hi, &e) &&
                strcmp(lo, hi);
    set(in, "offer.wide", wide);
    *reaches = pb__facts_get(in->facts, "gate.p_go") >= in->b->confidence;
    return true;
}

/* The labelling split against the first alternative of kind in-house: its P80
   (offer.split_p80) and the labour it adds (offer.split_labour), against the commitment. */
bool pb__offer_annotation_split(const pb__offer_words_in *in, bool *reaches)
{
    const pb_brief *b = in->b;
    const pb_compare_entry *inh = NULL;
    for (size_t i = 1; b->options && i < b->options->n_entries && !inh; i++) {
        const pb_option *o = pb_scenario_option(b->scenario, b->options->entries[i].name);
        if (o && o->kind == PB_KIND_IN_HOUSE)
            inh = &b->options->entries[i];
    }
    if (!inh)
        return false;
    double extra = 0;
    for (size_t r = 0; r < inh->result->n_roles && r < b->base->n_roles; r++)
        extra += inh->result->labour[r] - b->base->labour[r];
    set(in, "offer.commit", b->commitment);
    set(in, "offer.split_p80", inh->result->duration.pct[PB_P80].value);
    set(in, "offer.split_labour", extra > 0 ? extra : 0);
    *reaches = b->commitment <= pb_stats_limit(b->manager_deadline);
    return true;
}
