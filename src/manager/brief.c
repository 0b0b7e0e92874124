/*
 * brief.c - the manager at work: simulate what the rules need, evaluate
 * them, render the pushback and the answers.
 *
 * Order: the base plan (in detail), the manager's asks (the scenario's, or
 * derived from the plan and said so), history and proposal facts, every
 * option on the same draws, the seeks at the manager's deadline, the
 * walk-away point, then each rule: its what-if (re-simulated on the same
 * draws when it changes the plan, read off the base samples when it only
 * moves the deadline or the budget), 'when', the manager's words, the
 * concession test, the answer and the counter-offers, each offer with a
 * number this run computed. No number in an answer is written in a rule.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/plan.h>

#include "brief_addlater.h"
#include "brief_endstate.h"
#include "brief_interests.h"
#include "brief_keyperson.h"
#include "brief_track.h"
#include "brief_walkaway.h"
#include "deal_internal.h"
#include "facts.h"
#include "format_interval.h"
#include "negotiate.h"
#include "offers.h"
#include "pushback/rules.h"
#include "rules_internal.h"
#include "scenario_internal.h"

void pb_brief_opts_init(pb_brief_opts *o)
{
    memset(o, 0, sizeof *o);
    o->iterations = 100000;
    o->seed = 1;
    o->threads = 1;
}

static void argument_release(pb_argument *a)
{
    free(a->change.team);
    free(a->change.alternative);
    free(a->change.drop);
    free(a->change.set);
    free(a->offer_text);
    free(a->says);
    free(a->answer);
    free(a->probe);
    for (size_t k = 0; k < a->n_offers; k++)
        free(a->offers[k].text);
    free(a->offers);
}

void pb_brief_free(pb_brief *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n_arguments; i++)
        argument_release(&b->arguments[i]);
    free(b->arguments);
    pb_gaps_free(b->gaps, b->n_gaps);
    for (size_t i = 0; i < b->n_skipped; i++)
        free(b->skipped[i]);
    free(b->skipped);
    pb_result_free(b->base);
    pb_plan_free(b->plan);
    pb_comparison_free(b->options);
    pb_seek_free(b->seek);
    pb_audit_free(b->audit);
    pb__brief_interests_free(b);
    if (b->nego)
        pb__nego_release(b->nego);
    free(b->nego);
    pb_scenario_free((pb_scenario *)b->scenario);
    pb__brief_track_free(b->track);
    free(b);
}

static const pb_risk_result *top_exposure(const pb_result *r);

/* ==== Running plans ==== */

typedef struct ctx {
    pb_brief *b;
    const pb_rulebook *rb;
    const pb_scenario *src; /* the scenario as loaded (with actuals, b->scenario is what remains) */
    const pb_brief_opts *o;
    pb__facts facts;
    pb_format_ctx fmt;
    pb_error *err;
    double deadline; /* the manager's, for offers */
    /* cached offers that need runs of their own */
    const pb_milestone *gate; /* the gate (gate = true) that weighs most on the date, or NULL */
    const pb_rounds_result *gate_rounds; /* its rounds, when it loops */
    pb_interval gate_go;                 /* P(go) */
    double gate_at, gate_date, gate_box; /* its own P80 finish; the P80 finish if go; the box */
    /* the negotiation */
    const pb_deal_result *plan_deal; /* the plan as asked, evaluated as a deal */
    const char *cheapest;            /* the alternative cheapest at the P80 alone, or NULL */
    pb__change change;               /* the change of the rule being applied */
    int *team_buf;
    const char **drop_buf;
    size_t drop_cap;
    pb_frontier *frontier; /* the levers searched, when an offer needs them */
    bool frontier_done;
    const char *lost_role; /* the role a 'lose' change takes one person from */
    char lost_set[400];    /* ... as the --set that makes one of them leave */
    char lost_said[200];   /* ... and how the replacement arrives, in words */

    const char *join_role;                   /* the role a 'join' change adds people to */
    double join_at, join_early_at;           /* ... when (late, and early for comparison) */
    char join_set[400], join_early_set[400]; /* ... as the --set of each */
    char join_said[200];                     /* ... and how they ramp up, in words */
} ctx;

static void fmt_value(ctx *c, double v, const char *kind, char *buf, size_t cap);

static pb_status run_scenario(ctx *c, const pb_scenario *s, double deadline, double budget,
                              bool detail, pb_result **out, pb_plan **plan_out)
{
    pb_plan *p = NULL;
    pb_status rc = pb_plan_build(s, &p, c->err);
    if (rc)
        return rc;
    pb_sim_opts so;
    pb_sim_opts_init(&so);
    /* after the base run, every run has its count: paired comparisons and the
       shared scratch buffer rely on it (an automatic count could differ) */
    so.iterations = c->b->iterations ? c->b->iterations : c->o->iterations;
    so.seed = c->o->seed;
    so.threads = c->o->threads;
    so.detail = detail;
    so.deadline = deadline;
    so.budget = budget;
    so.cancel = c->o->cancel;
    rc = pb_sim_run(p, &so, out, c->err);
    if (plan_out && !rc)
        *plan_out = p;
    else
        pb_plan_free(p);
    return rc;
}

static double quantile(const double *x, size_t n, double q, double *scratch)
{
    memcpy(scratch, x, n * sizeof *scratch);
    return pb_stats_quantile(scratch, n, q).value;
}

/* ==== Facts ==== */

static void set(ctx *c, const char *name, double v)
{
    pb__facts_set(&c->facts, name, v);
}

static void set_text(ctx *c, const char *name, const char *t)
{
    pb__facts_set_text(&c->facts, name, t);
}

/* Facts 'name', 'name_lo' and 'name_hi': an estimate and its 95% interval. */
static void set_ci(ctx *c, const char *name, pb_interval v)
{
    char n[64];
    set(c, name, v.value);
    snprintf(n, sizeof n, "%s_lo", name);
    set(c, n, v.lo);
    snprintf(n, sizeof n, "%s_hi", name);
    set(c, n, v.hi);
}

/* sim.p10 ... sim.p99 with their intervals, from the finish's percentiles d. */
static void percentile_facts(ctx *c, const pb_summary *d)
{
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        char name[40];
        snprintf(name, sizeof name, "sim.p%d", (int)lround(pb_stats_levels[k] * 100));
        set_ci(c, name, d->pct[k]);
    }
}

/* Fact 'name' set to what a manager calls alternative 'id' (its name, never a bare id). */
static void set_alt(ctx *c, const char *name, const char *id)
{
    char label[256];
    set_text(c, name, pb_scenario_alternative_label(c->b->scenario, id, label, sizeof label));
}

/* deal.role (the id) and deal.role_people (what its people are called) for role 'role'. */
static void set_role(ctx *c, const char *role)
{
    char noun[256];
    set_text(c, "deal.role", role);
    set_text(c, "deal.role_people",
             pb_scenario_role_people(c->b->scenario, role, noun, sizeof noun));
}

/* Milestone id's name, or the id when it has none. */
static const char *milestone_said(const ctx *c, const char *id)
{
    const pb_milestone *m = pb_scenario_milestone(c->b->scenario, id);
    return m && m->name ? m->name : id;
}

static int total_people(const pb_scenario *s)
{
    int n = 0;
    for (size_t r = 0; r < s->n_roles; r++)
        n += s->roles[r].people;
    return n;
}

static void sim_facts(ctx *c, const pb_result *r)
{
    const pb_scenario *s = c->b->scenario;
    percentile_facts(c, &r->duration);
    set(c, "sim.mean", r->duration.mean);
    set(c, "sim.sd", r->duration.sd);
    set(c, "sim.min", r->duration.min);
    set(c, "sim.max", r->duration.max);
    if (r->has_deadline) {
        set_ci(c, "sim.p_deadline", r->p_deadline);
    }
    if (r->has_budget) {
        set_ci(c, "sim.p_budget", r->p_budget);
    }
    if (r->has_deadline || r->has_budget)
        set(c, "sim.p_joint", r->p_joint.value);
    set(c, "sim.cost_p50", r->cost.pct[PB_P50].value);
    set(c, "sim.cost_p80", r->cost.pct[PB_P80].value);
    set(c, "sim.cost_p90", r->cost.pct[PB_P90].value);
    set(c, "sim.cost_mean", r->cost.mean);
    set(c, "sim.people", total_people(s));
    double labour = 0;
    for (size_t k = 0; k < r->n_roles; k++)
        labour += r->labour[k];
    set(c, "sim.labour", labour);
    set(c, "sim.iterations", (double)r->iterations);
    set(c, "sim.buffer", r->duration.pct[PB_P80].value - r->duration.pct[PB_P50].value);
    /* the metric's target (docs/deals.md, "The metric"): the learning curve's, else every
       experiment loop's, and the plan's chance of meeting it */
    set(c, "sim.metric", r->has_curve || r->n_rounds > 0);
    if (r->has_curve || r->n_rounds > 0)
        set(c, "sim.p_target", r->has_curve ? r->p_curve.value : r->p_met.value);
    char metric[200] = "the experiments' metric target";
    if (r->has_curve && c->b->scenario->curve.name[0])
        snprintf(metric, sizeof metric, "the '%s' target", c->b->scenario->curve.name);
    set_text(c, "sim.metric_name", metric);
    const pb_milestone_result *top = NULL;
    double top_crit = 0;
    for (size_t k = 0; k < r->n_milestones; k++) {
        if (!top || r->milestones[k].sensitivity > top->sensitivity)
            top = &r->milestones[k];
        top_crit = fmax(top_crit, r->milestones[k].criticality);
    }
    if (top) {
        set(c, "sim.top_sensitivity", top->sensitivity);
        set_text(c, "sim.top_milestone", top->name);
    }
    set(c, "sim.top_criticality", top_crit);
    /* the top risk is the one of largest exposure (how often it fires x its delay) */
    const pb_risk_result *risk = top_exposure(r);
    set(c, "sim.risk_delay", risk ? risk->mean_delay : 0);
    if (risk)
        set_text(c, "sim.top_risk", risk->name);
    size_t n_opt = 0, n_del = 0;
    for (size_t k = 0; k < s->n_milestones; k++) {
        n_opt += s->milestones[k].optional;
        n_del += s->milestones[k].deliverable;
    }
    set(c, "sim.n_optional", (double)n_opt);
    set_text(c, "sim.unit", s->unit);
    set(c, "sim.n_deliverables", (double)n_del);
    set(c, "sim.n_risks", (double)s->n_risks);
    set(c, "sim.n_milestones", (double)s->n_milestones);
}

static void ask_and_manager(ctx *c)
{
    pb_brief *b = c->b;
    const pb_scenario *s = b->scenario;
    /* without an ask, we ask for our own commitment */
    set(c, "ask.deadline", isnan(s->ask_deadline) ? b->commitment : s->ask_deadline);
    set(c, "ask.budget", isnan(s->ask_budget) ? b->base->cost.pct[PB_P80].value : s->ask_budget);
    set(c, "ask.confidence", s->ask_confidence);
    /* the ask as first written, before the audit took any excess out (ask.deadline, ask.budget
       are the audited start) */
    set(c, "ask.asked",
        isnan(b->asked_deadline) || isnan(s->ask_deadline)
            ? pb__facts_get(&c->facts, "ask.deadline")
            : b->asked_deadline);
    set(c, "ask.asked_budget",
        isnan(b->asked_budget) || isnan(s->ask_budget) ? pb__facts_get(&c->facts, "ask.budget")
                                                       : b->asked_budget);
    /* what the scenario does not say, the manager derives from the plan and the ask as
       written */
    double asked = isnan(b->asked_deadline) ? b->commitment : b->asked_deadline;
    b->manager_derived = !s->has_manager;
    b->manager_deadline = s->has_manager && !isnan(s->manager_deadline)
                              ? s->manager_deadline
                              : floor(2.0 / 3.0 * asked + 0.5);
    int people = total_people(s);
    b->manager_people = s->has_manager && s->manager_people >= 0 ? s->manager_people
                        : people > 1                             ? people - 1
                                                                 : people;
    double budget = isnan(b->asked_budget) ? b->base->cost.pct[PB_P80].value : b->asked_budget;
    b->manager_budget =
        s->has_manager && !isnan(s->manager_budget) ? s->manager_budget : floor(0.75 * budget);
    set(c, "manager.deadline", b->manager_deadline);
    set(c, "manager.people", b->manager_people);
    set(c, "manager.budget", b->manager_budget);
    set(c, "manager.derived", b->manager_derived);
    set_text(c, "manager.source",
             b->manager_derived ? "derived from the plan: two thirds of the asked time, one "
                                  "person fewer, three quarters of the budget"
                                : "the scenario");
}

static void history_facts(ctx *c, double *scratch)
{
    const pb_scenario *s = c->b->scenario;
    set(c, "history.count", (double)s->n_history);
    if (!s->n_history)
        return;
    const pb_history *h = &s->history[0];
    double scaled = h->duration / h->size;
    set(c, "history.duration", h->duration);
    if (h->people >= 0)
        set(c, "history.people", h->people);
    set(c, "history.size", h->size);
    set(c, "history.scaled", scaled);
    set(c, "history.percentile",
        pb_stats_prob_le(c->b->base->finish_samples, c->b->base->iterations, scaled).value);
    set(c, "history.ratio", scaled / c->b->base->duration.pct[PB_P50].value);
    set_text(c, "history.name", h->name);
    (void)scratch;
}

static bool word(const char *s, const char *w)
{
    return s && strstr(s, w);
}

static void proposal_facts(ctx *c)
{
    const pb_scenario *s = c->b->scenario;
    const pb_proposal *p = &s->proposal;
    set(c, "proposal.present", p->present);
    set(c, "proposal.idea", p->idea != NULL);
    set(c, "proposal.value", (double)p->n_value);
    set(c, "proposal.value_sourced", p->n_value && p->n_value_source == p->n_value);
    set(c, "proposal.scenarios", (double)p->n_scenarios);
    set(c, "proposal.demo", p->demo != NULL);
    set(c, "proposal.literature", p->has_literature);
    set(c, "proposal.reuse", (double)p->n_reuse);
    set(c, "proposal.reuse_licensed", p->n_reuse == p->n_reuse_license);
    set(c, "proposal.datasets", (double)p->n_datasets);
    set(c, "proposal.datasets_licensed",
        p->n_datasets && p->n_datasets_license == p->n_datasets &&
            p->n_datasets_commercial == p->n_datasets);
    set(c, "proposal.data", p->has_data);
    set(c, "proposal.data_volume", p->data_volume);
    set(c, "proposal.annotation", p->annotation != NULL);
    set(c, "proposal.annotation_vendor",
        word(p->annotation, "vendor") || word(p->annotation, "mixed"));
    set(c, "proposal.annotation_team", word(p->annotation, "team") || word(p->annotation, "mixed"));
    set(c, "proposal.annotation_crowd", word(p->annotation, "crowd"));
    set(c, "proposal.synthetic", p->synthetic != NULL);
    set(c, "proposal.approaches", (double)p->n_approaches);
    set(c, "proposal.approaches_weighed", (double)p->n_approaches_weighed);
    set(c, "proposal.system", (double)(p->n_owned + p->n_integrated));
    set(c, "proposal.resources", p->machines != NULL);
    set(c, "proposal.cloud", word(p->machines, "cloud") || word(p->machines, "mixed"));
    set(c, "proposal.gaps", (double)c->b->n_gaps);
    set(c, "proposal.deliverables", pb__facts_get(&c->facts, "sim.n_deliverables"));
}

/* Is option e better than 'best' (or is there none yet)? The likeliest to meet the
   deadline wins, then the earliest P80. */
static bool better(const pb_compare_entry *e, const pb_compare_entry *best)
{
    if (!best)
        return true;
    double p = e->result->p_deadline.value, q = best->result->p_deadline.value;
    return p > q || (p == q && e->vs_base.p80.value < best->vs_base.p80.value);
}

/* An option of 's' that declares kind "in-house" (never guessed from its name). */
static bool inhouse_kind(const pb_scenario *s, const char *name)
{
    const pb_option *o = pb_scenario_option(s, name);
    return o && o->kind == PB_KIND_IN_HOUSE;
}

static void option_facts(ctx *c)
{
    const pb_comparison *cmp = c->b->options;
    set(c, "options.count", cmp ? (double)cmp->n_entries - 1 : 0);
    size_t buy = 0; /* alternatives that buy instead of building (the plan's own is not one) */
    for (size_t i = 0; i < c->b->scenario->n_options; i++)
        buy += c->b->scenario->options[i].kind == PB_KIND_BUY;
    set(c, "options.buy", (double)buy);
    size_t plan_buy = 0; /* choices whose plan as written already buys */
    for (size_t i = 0; i < c->b->scenario->n_choices; i++)
        plan_buy += c->b->scenario->choices[i].base_kind == PB_KIND_BUY;
    set(c, "options.plan_buy", (double)plan_buy);
    if (!cmp)
        return;
    const pb_compare_entry *best = NULL, *cheapest = NULL, *inhouse = NULL;
    for (size_t k = 1; k < cmp->n_entries; k++) {
        const pb_compare_entry *e = &cmp->entries[k];
        char base[300], name[340];
        pb__fact_option_name(e->name, base, sizeof base);
        const pb_result *r = e->result;
#define OPT(field, v)                                             \
    do {                                                          \
        snprintf(name, sizeof name, "option.%s.%s", base, field); \
        set(c, name, v);                                          \
    } while (0)
        OPT("p50", r->duration.pct[PB_P50].value);
        OPT("p80", r->duration.pct[PB_P80].value);
        OPT("p90", r->duration.pct[PB_P90].value);
        if (r->has_deadline)
            OPT("p_deadline", r->p_deadline.value);
        OPT("cost_p80", r->cost.pct[PB_P80].value);
        OPT("people", total_people(e->scenario));
        OPT("d_p80", e->vs_base.p80.value);
        OPT("d_p80_lo", e->vs_base.p80.lo);
        OPT("d_p80_hi", e->vs_base.p80.hi);
        OPT("d_cost_p80", e->vs_base.cost_p80.value);
        double labour = 0;
        for (size_t q = 0; q < r->n_roles; q++)
            labour += r->labour[q];
        OPT("labour", labour);
#undef OPT
        if (better(e, best))
            best = e;
        if (!cheapest || e->vs_base.cost_p80.value < cheapest->vs_base.cost_p80.value)
            cheapest = e;
        if (!inhouse && inhouse_kind(c->b->scenario, e->name))
            inhouse = e;
    }
    if (best) {
        set(c, "options.best_p_deadline", best->result->p_deadline.value);
        set(c, "options.best_d_p80", best->vs_base.p80.value);
        set_alt(c, "options.best", best->name);
    }
    if (cheapest) {
        set(c, "options.cheapest_d_cost", cheapest->vs_base.cost_p80.value);
        set(c, "options.cheapest_saves",
            -pb__beyond_noise(cheapest->vs_base.cost_p80,
                              cheapest->result->cost.pct[PB_P80].value));
        set(c, "options.cheapest_d_p80", cheapest->vs_base.p80.value);
        set_alt(c, "options.cheapest", cheapest->name);
        c->cheapest = cheapest->name;
    }
    set(c, "options.inhouse", inhouse != NULL);
    if (inhouse) {
        set(c, "options.inhouse_d_p80", inhouse->vs_base.p80.value);
        set(c, "options.inhouse_d_p80_lo", inhouse->vs_base.p80.lo);
        set(c, "options.inhouse_d_p80_hi", inhouse->vs_base.p80.hi);
        set(c, "options.inhouse_d_cost", inhouse->vs_base.cost_p80.value);
        set(c, "options.inhouse_p_deadline", inhouse->result->p_deadline.value);
        set_alt(c, "options.inhouse_name", inhouse->name);
    }
}

static bool append(char *buf, size_t cap, const char *s)
{
    size_t len = strlen(buf);
    if (len + strlen(s) + 1 > cap)
        return false;
    strcat(buf, s);
    return true;
}

/* The deliverables done by the deadline at the confidence: how many, and their names. */
static size_t stages_done(const pb_seek_result *k, char *names, size_t cap)
{
    size_t done = 0;
    names[0] = '\0';
    for (size_t i = 0; i < k->n_stages; i++)
        if (k->stages[i].done) {
            if (done++)
                append(names, cap, ", ");
            append(names, cap, k->stages[i].name);
        }
    return done;
}

static size_t level_of(double confidence);

/* What can be shown by the manager's deadline: the plan's milestones each done by then at the
   confidence (each on its own, not all together): seek.shown_n of seek.shown_of, up to
   seek.shown (the latest deliverable among them, else the latest milestone) at
   seek.shown_date. */
static void shown_facts(ctx *c)
{
    const pb_result *r = c->b->base;
    size_t lv = level_of(c->b->confidence), n = 0;
    const pb_milestone_result *top = NULL;
    bool top_del = false;
    for (size_t k = 0; r && k < r->n_milestones; k++) {
        const pb_milestone_result *m = &r->milestones[k];
        const pb_milestone *sm = pb_scenario_milestone(c->b->scenario, m->id);
        bool del = sm && sm->deliverable;
        if (!(m->finish.pct[lv].value <= c->b->manager_deadline))
            continue;
        n++;
        if (!top || (del && !top_del) ||
            (del == top_del && m->finish.pct[lv].value > top->finish.pct[lv].value))
            top = m, top_del = del;
    }
    set(c, "seek.shown_n", (double)n);
    set(c, "seek.shown_of", r ? (double)r->n_milestones : 0);
    const pb_milestone *tm = top ? pb_scenario_milestone(c->b->scenario, top->id) : NULL;
    if (tm) {
        set_text(c, "seek.shown", tm->name);
        set(c, "seek.shown_date", top->finish.pct[lv].value);
        set(c, "seek.shown_deliverable", top_del);
    }
}

static void seek_facts(ctx *c)
{
    const pb_seek_result *k = c->b->seek;
    if (!k)
        return;
    set(c, "seek.date", k->date.value);
    set(c, "seek.date_lo", k->date.lo);
    set(c, "seek.date_hi", k->date.hi);
    set(c, "seek.budget", k->money.value);
    set(c, "seek.walk_away", c->b->walk_away);
    const pb_seek_people *team = k->n_people ? &k->people[k->n_people - 1] : NULL;
    if (team && team->feasible) {
        set(c, "seek.people_feasible", 1);
        set(c, "seek.people", team->fewest);
        set(c, "seek.people_best_p", team->p.value);
        set(c, "seek.people_planned", team->planned);
        char t[400] = "";
        for (size_t r = 0; team->team && r < c->b->scenario->n_roles; r++) {
            char one[120];
            snprintf(one, sizeof one, "%s%d %s", r ? ", " : "", team->team[r],
                     c->b->scenario->roles[r].name);
            append(t, sizeof t, one);
        }
        set_text(c, "seek.people_team", t);
    } else if (team) {
        set(c, "seek.people_feasible", 0);
        set(c, "seek.people_planned", team->planned);
    }
    set(c, "seek.cut_needed", k->cut.needed);
    set(c, "seek.cut_feasible", k->cut.feasible);
    set(c, "seek.cut_value", k->cut.value_lost);
    set(c, "seek.cut_p", k->cut.p.value);
    set(c, "seek.cut_exact", k->cut.exact);
    char items[600] = "";
    for (size_t i = 0; i < k->cut.n_dropped; i++) {
        const pb_milestone *m = pb_scenario_milestone(c->b->scenario, k->cut.dropped[i]);
        if (i)
            append(items, sizeof items, i + 1 == k->cut.n_dropped ? " and " : ", ");
        append(items, sizeof items, m ? m->name : k->cut.dropped[i]);
    }
    set_text(c, "seek.cut_items", items);
    char names[600];
    size_t done = stages_done(k, names, sizeof names);
    const pb_seek_stage *first = NULL; /* the earliest deliverable at the P80 */
    for (size_t i = 0; i < k->n_stages; i++)
        if (!first || k->stages[i].p80 < first->p80)
            first = &k->stages[i];
    if (first) {
        set(c, "seek.first_stage_p80", first->p80);
        set_text(c, "seek.first_stage", first->name);
    }
    set(c, "seek.stages", (double)k->n_stages);
    set(c, "seek.stages_done", (double)done);
    set_text(c, "seek.stages_done_items", names);
    shown_facts(c);
}

/* Deal d evaluated on the brief's scenario at the brief's count and seed, never doubled. */
static pb_status evaluate_deal(ctx *c, const pb_deal *d, pb_deal_result **out)
{
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.seed = c->o->seed;
    o.threads = c->o->threads;
    o.iterations = o.max_iterations = c->b->iterations;
    return pb_deal_evaluate(c->b->scenario, d, &o, out, c->err);
}

static pb_status frontier(ctx *c);

/* Whether deal p keeps the choices and scope of deal a (the same alternative for every choice and
   the same milestones dropped), a NULL: the plan's: they differ only in the team. */
static bool same_levers(ctx *c, const pb_deal_result *p, const pb_deal_result *a)
{
    if (!a) {
        bool plan = p->feasible && p->n_dropped == 0;
        for (size_t q = 0; plan && q < p->n_choices; q++)
            plan = q < c->b->scenario->n_choices &&
                   !strcmp(p->alternatives[q], c->b->scenario->choices[q].base);
        return plan;
    }
    bool same = p->feasible && p->n_choices == a->n_choices && p->n_dropped == a->n_dropped;
    for (size_t q = 0; same && q < p->n_choices; q++)
        same = !strcmp(p->alternatives[q], a->alternatives[q]);
    for (size_t q = 0; same && q < p->n_dropped; q++) {
        bool in = false;
        for (size_t j = 0; j < a->n_dropped && !in; j++)
            in = !strcmp(p->dropped[q], a->dropped[j]);
        same = in;
    }
    return same;
}

/* The best team found for deal a's choices and scope (the search's "best team"). */
typedef struct best_team {
    bool found;
    double p; /* P(done by the manager's deadline), the date alone */
    int people;
    char team[400];
} best_team;

/*
 * The best team worth stating for the choices and scope of deal 'agreed': of
 * the frontier's candidates that keep them and change only the team, the
 * smallest whose date at the confidence is within the noise of the earliest
 * one's (their 95% intervals overlap): more people who gain nothing beyond
 * the noise are not offered ('agreed' NULL: the plan's choices and scope).
 * When no candidate keeps the agreed deal's, the best
 * allocation of the head count that candidate search found for the plan.
 * Evaluated at the manager's deadline with those choices and scope; its
 * head count is the one simulated.
 */
static pb_status best_team_of(ctx *c, const pb_deal_result *agreed, best_team *out)
{
    out->found = false;
    pb_status rc = frontier(c);
    if (rc || !c->frontier || (agreed && !agreed->feasible))
        return rc;
    const pb_scenario *s = c->b->scenario;
    const pb_frontier_point *fast = NULL, *best = NULL;
    for (size_t i = 0; i < c->frontier->n_points; i++) {
        const pb_frontier_point *p = &c->frontier->points[i];
        if (same_levers(c, p->deal, agreed) && (!fast || p->date < fast->date))
            fast = p;
    }
    for (size_t i = 0; fast && i < c->frontier->n_points; i++) {
        const pb_frontier_point *p = &c->frontier->points[i];
        if (same_levers(c, p->deal, agreed) && p->deal->date.lo <= fast->deal->date.hi &&
            (!best || p->people < best->people ||
             (p->people == best->people && p->date < best->date)))
            best = p;
    }
    if (!best && !agreed)
        return PB_OK;
    const char **drop = calloc((agreed ? agreed->n_dropped : 0) + 1, sizeof *drop);
    if (!drop)
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    size_t n_drop = 0; /* an alternative's own drops come with it */
    for (size_t k = 0; agreed && k < agreed->n_dropped; k++)
        if (!pb__dropped_by_choice(s, agreed, agreed->dropped[k]))
            drop[n_drop++] = agreed->dropped[k];
    pb_deal d = {c->b->manager_deadline,
                 NAN,
                 NAN,
                 best ? best->deal->team : NULL,
                 best ? 0 : agreed->people,
                 agreed ? (const char *const *)agreed->alternatives : NULL,
                 drop,
                 n_drop,
                 NULL,
                 0};
    pb_deal_result *r = NULL;
    rc = evaluate_deal(c, &d, &r);
    free(drop);
    if (rc)
        return rc;
    if (r->feasible) {
        out->found = true;
        out->p = r->p_deadline.value;
        out->people = r->people;
        pb__deal_team_text(r, out->team, sizeof out->team);
    }
    pb_deal_result_free(r);
    return PB_OK;
}

/*
 * When no head count reaches the manager's deadline, the best team worth
 * stating for the plan's choices and scope (best_team_of).
 */
static pb_status best_team_facts(ctx *c)
{
    const pb_seek_result *k = c->b->seek;
    if (!k || !k->n_people || k->people[k->n_people - 1].feasible)
        return PB_OK;
    best_team t;
    pb_status rc = best_team_of(c, NULL, &t);
    if (rc || !t.found)
        return rc;
    set(c, "seek.people", t.people);
    set(c, "seek.people_best_p", t.p);
    set_text(c, "seek.people_team", t.team);
    return PB_OK;
}

/* ==== What-ifs ==== */

static pb_status eval(ctx *c, const pb_expr *e, double *out)
{
    pb_names names = pb__facts_names(&c->facts);
    return pb_expr_eval(e, &names, out, c->err);
}

/*
 * v rounded to a head count in [0, PB_MAX_PEOPLE] (a negative count asks for
 * none); a count beyond that, or no number at all, is an error (the move is
 * skipped with it as the reason), never converted to an int.
 */
static pb_status head_count(ctx *c, double v, const char *what, int *out)
{
    if (!isfinite(v) || v >= PB_MAX_PEOPLE + 0.5)
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0,
                            "'change.%s' asks for %g people; a change can ask for at most %d", what,
                            v, PB_MAX_PEOPLE);
    *out = v < 0.5 ? 0 : (int)floor(v + 0.5);
    return PB_OK;
}

/* The risk of largest exposure (probability x mean delay when it fires), or NULL. */
static const pb_risk_result *top_exposure(const pb_result *r)
{
    const pb_risk_result *top = NULL;
    for (size_t k = 0; k < r->n_risks; k++)
        if (!top || r->risks[k].fired * r->risks[k].mean_delay > top->fired * top->mean_delay)
            top = &r->risks[k];
    return top;
}

/* The first alternative of kind 'kind' (its name), or NULL. */
static const char *alternative_of_kind(const pb_scenario *s, const char *kind)
{
    for (size_t k = 0; k < s->n_options; k++)
        if (!strcmp(pb_kind_name(s->options[k].kind), kind))
            return s->options[k].name;
    return NULL;
}

/* The choice whose plan-as-written alternative is of that kind, or NULL. */
static const pb_choice *plan_of_kind(const pb_scenario *s, const char *kind)
{
    for (size_t k = 0; k < s->n_choices; k++)
        if (!strcmp(pb_kind_name(s->choices[k].base_kind), kind))
            return &s->choices[k];
    return NULL;
}

/*
 * 'lose = "critical"': one person of the role whose work weighs most on the
 * date (its milestones' mean effort x criticality) leaves, for sure, at a
 * uniform time within the project, and is replaced after the role's declared
 * delay (or a default) and ramps up: an 'attrition' setting the engine
 * simulates (brief_keyperson.c), into c->lost_set. PB_ERR_INVALID when no role does work.
 */
static int critical_role(ctx *c);

static pb_status lose_one(ctx *c)
{
    int best = critical_role(c);
    if (best < 0)
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0,
                            "no role does work on the plan's critical path (give a milestone "
                            "an 'effort' and a 'role')");
    c->lost_role = c->b->scenario->roles[best].name;
    return pb__key_person_set(c->b->scenario, c->lost_role, c->lost_set, sizeof c->lost_set,
                              c->lost_said, sizeof c->lost_said, c->err);
}

/* The role whose work weighs most on the date (its milestones' mean effort x criticality), its
   index, or -1 when no role does work on the critical path. */
static int critical_role(ctx *c)
{
    const pb_scenario *s = c->b->scenario;
    const pb_result *base = c->b->base;
    int best = -1;
    double top = 0;
    for (size_t q = 0; q < s->n_roles; q++) {
        double w = 0;
        for (size_t k = 0; k < base->n_milestones; k++) {
            const pb_milestone *m = pb_scenario_milestone(s, base->milestones[k].id);
            if (m && m->has_effort && m->role && !strcmp(m->role, s->roles[q].name))
                w += pb_dist_mean(&m->effort) * base->milestones[k].criticality;
        }
        if (w > top)
            top = w, best = (int)q;
    }
    return best;
}

/* t rounded to a tenth of the scenario's unit. */
static double tenth(double t)
{
    return floor(t * 10 + 0.5) / 10;
}

/*
 * 'join = "critical"': PB__ADD_LATER_PEOPLE more people of the role whose work
 * weighs most on the date join when the project is seen to be late, halfway
 * through the plan's P50, and ramp up (brief_addlater.c), into c->join_set;
 * the same join at a quarter of the P50 into c->join_early_set.
 */
static pb_status add_later(ctx *c)
{
    int best = critical_role(c);
    if (best < 0)
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0,
                            "no role does work on the plan's critical path (give a milestone "
                            "an 'effort' and a 'role')");
    const pb_scenario *s = c->b->scenario;
    double p50 = c->b->base->duration.pct[PB_P50].value;
    c->join_role = s->roles[best].name;
    c->join_at = tenth(PB__ADD_LATER_AT * p50);
    c->join_early_at = tenth(PB__ADD_LATER_EARLY_AT * p50);
    pb_status rc = pb__add_later_set(s, c->join_role, PB__ADD_LATER_PEOPLE, c->join_early_at,
                                     c->join_early_set, sizeof c->join_early_set, c->join_said,
                                     sizeof c->join_said, c->err);
    return rc ? rc
              : pb__add_later_set(s, c->join_role, PB__ADD_LATER_PEOPLE, c->join_at, c->join_set,
                                  sizeof c->join_set, c->join_said, sizeof c->join_said, c->err);
}

/*
 * The change rule r proposes, into a->change and ch (which borrows from
 * a->change and 'team', 'drop' sized for the scenario). PB_ERR_INVALID (the
 * rule is skipped with the reason) when an expression has no value or the
 * scenario has nothing of the kind the change names.
 */
static pb_status rule_change(ctx *c, const pb__rule *r, pb_argument *a, pb__change *ch, int *team,
                             const char **drop)
{
    const pb_scenario *s = c->b->scenario;
    pb_move_change *m = &a->change;
    m->deadline = m->budget = NAN;
    m->metric = r->w_metric;
    *ch = (pb__change){NAN, NAN, 0, NULL, NULL, drop, 0, NULL, NULL};
    double v;
    pb_status rc;
    if (r->w_deadline && (rc = eval(c, r->w_deadline, &m->deadline)))
        return rc;
    if (r->w_budget && (rc = eval(c, r->w_budget, &m->budget)))
        return rc;
    if (r->w_people &&
        ((rc = eval(c, r->w_people, &v)) || (rc = head_count(c, v, "people", &m->people))))
        return rc;
    for (size_t k = 0; k < s->n_roles; k++)
        team[k] = -1;
    if (r->w_lose && (rc = lose_one(c)))
        return rc;
    if (r->w_join && (rc = add_later(c)))
        return rc;
    for (size_t k = 0; k < r->n_team; k++) {
        int people;
        if ((rc = eval(c, r->team_exprs[k], &v)) || (rc = head_count(c, v, "team", &people)))
            return rc;
        for (size_t q = 0; q < s->n_roles; q++)
            if (!strcmp(s->roles[q].name, r->team_roles[k]))
                team[q] = people;
        ch->team = team;
    }
    const char *alt = r->w_option;
    /* option = "cheapest": the alternative cheapest at the P80 alone (options.cheapest), unless
       the scenario has an option of that name */
    if (alt && !strcmp(alt, "cheapest") && !pb_scenario_option(s, alt) && !(alt = c->cheapest))
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0, "the scenario has no options");
    const pb_choice *own =
        r->w_kind && !(alt = alternative_of_kind(s, r->w_kind)) ? plan_of_kind(s, r->w_kind) : NULL;
    if (own) /* the plan's own alternative is of that kind: nothing to switch to */
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0, "the plan is already %s ('%s' for '%s')",
                            r->w_kind, own->base, own->name);
    if (r->w_kind && !alt)
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0,
                            "the scenario has no alternative of kind '%s' (add one to a choice: "
                            "{ id = \"...\"; kind = \"%s\"; patch = (...); })",
                            r->w_kind, r->w_kind);
    if (alt && !pb_scenario_option(s, alt))
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0, "the scenario has no option '%s'", alt);
    for (size_t k = 0; k < r->n_drop; k++)
        drop[ch->n_drop++] = r->w_drop[k];
    for (size_t k = 0; r->w_drop_optional && k < s->n_milestones; k++)
        if (s->milestones[k].optional)
            drop[ch->n_drop++] = s->milestones[k].id;
    if (r->w_drop_optional && !ch->n_drop)
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0,
                            "the plan has no optional milestone to drop (mark one optional = "
                            "true)");
    char set[400] = "";
    const pb_risk_result *top = r->w_risk ? top_exposure(c->b->base) : NULL;
    if (r->w_risk && !top)
        return pb_error_set(c->err, PB_ERR_INVALID, "", 0,
                            "the plan has no risk to dismiss (add one under 'risks')");
    if (top)
        snprintf(set, sizeof set, "risks.%s.probability=0", top->id);
    if (r->w_lose)
        snprintf(set, sizeof set, "%s", c->lost_set);
    if (r->w_join)
        snprintf(set, sizeof set, "%s", c->join_set);
    size_t len = 1;
    for (size_t k = 0; k < ch->n_drop; k++)
        len += strlen(drop[k]) + 1;
    if ((alt && !(m->alternative = pb__strdup(alt))) || (*set && !(m->set = pb__strdup(set))) ||
        !(m->drop = calloc(len, 1)) ||
        (ch->team && !(m->team = malloc(s->n_roles * sizeof *m->team))))
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    for (size_t k = 0; k < ch->n_drop; k++)
        strcat(strcat(m->drop, k ? "," : ""), drop[k]);
    if (ch->team)
        memcpy(m->team, team, s->n_roles * sizeof *team);
    *ch = (pb__change){m->deadline, m->budget,  m->people, m->team, m->alternative,
                       drop,        ch->n_drop, m->set,    NULL};
    return PB_OK;
}

/* The names deals and offers share, under 'prefix' ("deal." or "offer."), from deal r. */
static void shared_facts(ctx *c, const char *prefix, const pb_deal_result *r)
{
    static const char *const names[] = {"p",      "lo",       "hi",      "holds",
                                        "date",   "date_lo",  "date_hi", "cost",
                                        "people", "deadline", "budget",  "cost_of_delay"};
    const double v[] = {r->joint.value, r->joint.lo, r->joint.hi, !strcmp(r->verdict, "holds"),
                        r->date.value,  r->date.lo,  r->date.hi,  r->money.value,
                        r->people,      r->deadline, r->budget,   r->cost_of_delay};
    char name[64], team[600];
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        snprintf(name, sizeof name, "%s%s", prefix, names[k]);
        set(c, name, v[k]);
    }
    snprintf(name, sizeof name, "%steam", prefix);
    set_text(c, name, pb__deal_team_text(r, team, sizeof team));
}

/* Every name under "deal." and "whatif." from deal r (the agreed deal plus the change). */
static void deal_facts(ctx *c, const pb_deal_result *r)
{
    set(c, "deal.feasible", r->feasible);
    set_text(c, "deal.reason", r->reason);
    if (!r->feasible)
        return;
    shared_facts(c, "deal.", r);
    set(c, "deal.iterations", (double)r->iterations);
    /* 1 unless the deal's data volume meets the learning curve's target less often than the
       confidence and than the plan as asked: a cheaper deal that gives up the metric is not a
       free concession (always set, so that any rule may test it) */
    const pb_deal_result *plan = c->plan_deal;
    bool lost =
        r->has_curve && r->p_curve.value < c->b->confidence &&
        !(plan && plan->feasible && plan->has_curve && r->p_curve.value >= plan->p_curve.value);
    set(c, "deal.metric_kept", !lost);
    char note[200] = "", p[32], q[32];
    if (r->has_curve && plan && plan->feasible && plan->has_curve) {
        fmt_value(c, r->p_curve.value, "pct", p, sizeof p);
        fmt_value(c, plan->p_curve.value, "pct", q, sizeof q);
        snprintf(note, sizeof note,
                 ", and its data volume meets the target metric in %s (the plan as asked: %s)", p,
                 q);
    }
    set_text(c, "deal.metric_note", note);
    /* the date the deal's joint with its budget holds at the confidence, a tenth up (0: none
       within the budget): "80% confidence needs" quotes a pair that holds together */
    set(c, "deal.need_date", isfinite(r->joint_date) ? pb__up_tenth(r->joint_date) : 0);
    if (plan && plan->feasible) { /* against the plan as asked, beyond the noise (facts.c) */
        set(c, "deal.d_cost", pb__apart(r->money, plan->money, plan->money.value));
        set(c, "deal.d_date", pb__apart(r->date, plan->date, plan->date.value));
    }
    if (!isnan(r->deadline))
        set(c, "deal.p_deadline", r->p_deadline.value);
    if (!isnan(r->budget))
        set(c, "deal.p_budget", r->p_budget.value);
    /* v1 names, from the same evaluation */
    set(c, "whatif.p50", r->duration.pct[PB_P50].value);
    set(c, "whatif.p80", r->duration.pct[PB_P80].value);
    set(c, "whatif.p90", r->duration.pct[PB_P90].value);
    set(c, "whatif.mean", r->duration.mean);
    set(c, "whatif.cost_p80", r->cost.pct[PB_P80].value);
    set(c, "whatif.people", r->people);
    set(c, "whatif.deadline", r->deadline);
    set(c, "whatif.budget", r->budget);
    if (!isnan(r->deadline)) {
        set(c, "whatif.p_deadline", r->p_deadline.value);
        set(c, "whatif.p_deadline_lo", r->p_deadline.lo);
        set(c, "whatif.p_deadline_hi", r->p_deadline.hi);
    }
    if (!isnan(r->budget))
        set(c, "whatif.p_budget", r->p_budget.value);
    if (c->plan_deal && c->plan_deal->feasible)
        set(c, "whatif.d_p80",
            r->duration.pct[PB_P80].value - c->plan_deal->duration.pct[PB_P80].value);
    pb__deal_metric_facts(&c->facts, r, c->plan_deal);
}

static void fmt_value(ctx *c, double v, const char *kind, char *buf, size_t cap)
{
    pb_error e;
    if (!isfinite(v) || pb_format_value(v, kind, &c->fmt, buf, cap, &e))
        snprintf(buf, cap, "n/a");
}

/* Whether two settings differ; two absent (NaN) ones do not. */
static bool differs(double a, double b)
{
    return !(isnan(a) && isnan(b)) && a != b;
}

/* "the risk 'NAME' set aside" for a dismissal "risks.ID.probability=0"; false: not one. */
static bool risk_set_name(const pb_scenario *s, const char *set, char *buf, size_t cap)
{
    const char *dot = strncmp(set, "risks.", 6) ? NULL : strchr(set + 6, '.');
    for (size_t k = 0; dot && k < s->n_risks; k++)
        if (strlen(s->risks[k].id) == (size_t)(dot - set - 6) &&
            !strncmp(s->risks[k].id, set + 6, (size_t)(dot - set - 6))) {
            snprintf(buf, cap, "the risk '%.90s' set aside", s->risks[k].name);
            return true;
        }
    return false;
}

/* What is agreed so far, minus what change ch replaces (its date, budget, head count, or the
   alternative of its choice): "deal.agreed" opens a sentence ("With 34.5 weeks and 6 people
   already agreed, "), "deal.also" follows one (" (and 34.5 weeks already agreed)"); both ""
   when nothing is. */
static void agreed_facts(ctx *c, const pb__change *ch)
{
    const pb__nego *n = c->b->nego;
    const pb_scenario *s = c->b->scenario;
    const pb_option *alt = ch->alt ? pb_scenario_option(s, ch->alt) : NULL;
    char text[1200] = "", also[1200] = "", v[96];
    const char *parts[8];
    char bufs[8][128];
    size_t k = 0;
    if (isnan(ch->deadline) && differs(n->deadline, pb__facts_get(&c->facts, "ask.deadline"))) {
        fmt_value(c, n->deadline, "time", bufs[k], sizeof bufs[k]);
        parts[k] = bufs[k], k++;
    }
    if (isnan(ch->budget) && differs(n->budget, pb__facts_get(&c->facts, "ask.budget"))) {
        fmt_value(c, n->budget, "money", bufs[k], sizeof bufs[k]);
        parts[k] = bufs[k], k++;
    }
    if (n->people > 0 && ch->people <= 0 && !ch->team) {
        snprintf(bufs[k], sizeof bufs[k], "%d people", n->people);
        parts[k] = bufs[k], k++;
    }
    for (size_t i = 0; i < c->b->scenario->n_choices && k < 6; i++)
        if (n->alts[i] && !(alt && alt->choice == i) && !(ch->alts && ch->alts[i])) {
            char label[120];
            snprintf(
                bufs[k], sizeof bufs[k], "'%s'",
                pb_scenario_alternative_label(c->b->scenario, n->alts[i], label, sizeof label));
            parts[k] = bufs[k], k++;
        }
    if (n->n_drop) {
        snprintf(bufs[k], sizeof bufs[k], "%zu optional milestone%s dropped", n->n_drop,
                 n->n_drop == 1 ? "" : "s");
        parts[k] = bufs[k], k++;
    }
    for (size_t i = 0; i < n->n_sets && k < 8; i++) /* a risk dismissed: "risks.ID.probability=0" */
        if (risk_set_name(c->b->scenario, n->sets[i], bufs[k], sizeof bufs[k]))
            parts[k] = bufs[k], k++;
    for (size_t i = 0; i < k; i++) {
        snprintf(v, sizeof v, "%s%s", i == 0 ? "" : i + 1 == k ? " and " : ", ", parts[i]);
        strncat(also, v, sizeof also - strlen(also) - 1);
    }
    if (k) {
        snprintf(text, sizeof text, "With %s already agreed, ", also);
        snprintf(v, sizeof v, " (and ");
        memmove(also + strlen(v), also, strlen(also) + 1);
        memcpy(also, v, strlen(v));
        strncat(also, " already agreed)", sizeof also - strlen(also) - 1);
    }
    set_text(c, "deal.agreed", text);
    set_text(c, "deal.also", also);
}

/*
 * The deal rule r proposes: the agreed deal plus its change, evaluated (or
 * taken from the cache), into a->deal and the facts. PB_ERR_INVALID or
 * PB_ERR_USAGE when the change makes no plan (the rule is then skipped).
 */
/* the move's own --set changes the like-for-like run keeps (more are left out) */
#define PB__LIKE_MAX_SETS 31

/*
 * The reference class like for like (NEGOTIATION.md, section 4: "our model run
 * with the precedent's team and size; scale effort, not calendar time"): when a
 * move's deal has the precedent's head count, the same deal (its team, choices,
 * scope and changes) with every effort scaled to the precedent's size
 * (--set scale=SIZE; calendar durations as they are), against the time the
 * precedent took: how often our model of a project that size with that team is
 * as fast as the precedent was, its median, and whether the two agree. They
 * disagree when the median is more than 1.5x the precedent's time either way,
 * or when fewer than 10% (more than 90%) of simulated projects are as fast.
 * Nothing when the head counts differ: a precedent is never compared with a
 * plan of another size.
 */
static pb_status like_for_like(ctx *c, const pb__nego_entry *e)
{
    const pb_scenario *s = c->b->scenario;
    const pb_deal_result *d = e->deal;
    const pb_history *h = s->n_history ? &s->history[0] : NULL;
    if (!h || h->people <= 0 || h->size <= 0 || !d->feasible || d->people != h->people)
        return PB_OK;
    char scale[64];
    const char *sets[PB__LIKE_MAX_SETS + 1];
    size_t n = e->n_sets < PB__LIKE_MAX_SETS ? e->n_sets : PB__LIKE_MAX_SETS;
    for (size_t i = 0; i < n; i++)
        sets[i] = e->sets[i];
    snprintf(scale, sizeof scale, "scale=%.17g", h->size);
    sets[n++] = scale;
    pb_deal q = {h->duration,     NAN,        NAN,          d->team, 0,
                 d->alternatives, d->dropped, d->n_dropped, sets,    n};
    pb_deal_result *r = NULL;
    pb_status rc = evaluate_deal(c, &q, &r);
    if (rc)
        return rc;
    if (r->feasible) {
        char t[400];
        pb_interval p = r->p_deadline;
        double p50 = r->duration.pct[PB_P50].value, ratio = p50 / h->duration;
        bool slower = p.hi < 0.1 || ratio > 1.5, faster = p.lo > 0.9 || ratio < 1 / 1.5;
        set(c, "history.like_p", p.value);
        set(c, "history.like_lo", p.lo);
        set(c, "history.like_hi", p.hi);
        set(c, "history.like_people", r->people);
        set(c, "history.like_p50", p50);
        set(c, "history.like_ratio", ratio);
        set(c, "history.like_date", r->date.value);
        set_text(c, "history.like_team", pb__deal_team_text(r, t, sizeof t));
        set_text(c, "history.like_verdict",
                 slower   ? "is slower than"
                 : faster ? "is faster than"
                          : "agrees with");
        /* what the share means, said as it is: a precedent that only a minority of the
           simulated projects match was a good run of a plan like ours, not support for it */
        set_text(c, "history.like_says",
                 slower          ? "the model is slower than the precedent; find the driver that "
                                   "differs before the manager asks"
                 : faster        ? "the model is faster than the precedent; check that no work is "
                                   "missing from our plan"
                 : p.value < 0.5 ? "the precedent was one of the faster outcomes of a plan like "
                                   "ours, not the typical one, so it does not show that ours is "
                                   "padded"
                                 : "the model agrees with the precedent");
    }
    pb_deal_result_free(r);
    return PB_OK;
}

/* For a dismissed risk: the agreed deal as it stands, the risk still in it ("deal.with_p",
   "deal.with_lo", "deal.with_hi"), so that the answer sets the deal with the risk beside the
   deal without it. */
static pb_status with_risk_facts(ctx *c)
{
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    const pb__nego_entry *e;
    pb_status rc = pb__nego_evaluate(c->b->nego, &none, &e, c->err);
    if (!rc && e->deal->feasible) {
        set(c, "deal.with_p", e->deal->joint.value);
        set(c, "deal.with_lo", e->deal->joint.lo);
        set(c, "deal.with_hi", e->deal->joint.hi);
    }
    return rc;
}

/* A change that asks for nothing the agreed deal does not already give (a date, a budget or a
   head count no tighter than the one agreed, and nothing else): the move is moot, and is not
   raised, nor is one that asks only for an alternative already agreed (the audit's dominating
   deal adopted at the start); PB_ERR_USAGE with what is agreed, else PB_OK. A later "can't 3 do
   it?" never undoes an agreed 2, and "are you sure you can't do 20 weeks?" is not asked of an
   agreed 20. */
static pb_status moot(ctx *c, const pb__change *ch)
{
    const pb__nego *n = c->b->nego;
    const pb_option *o = ch->alt ? pb_scenario_option(c->b->scenario, ch->alt) : NULL;
    bool alt_only = o && !ch->team && !ch->n_drop && !ch->set && !ch->alts && isnan(ch->deadline) &&
                    isnan(ch->budget) && ch->people <= 0;
    if (alt_only && n->alts[o->choice] && !strcmp(n->alts[o->choice], o->name))
        return pb_error_set(c->err, PB_ERR_USAGE, "", 0,
                            "moot: '%s' already agreed, which this move does not change", o->name);
    if (ch->team || ch->alt || ch->n_drop || ch->set || ch->alts ||
        (isnan(ch->deadline) && isnan(ch->budget) && ch->people <= 0))
        return PB_OK;
    bool agreed_people = n->people > 0 && ch->people > 0;
    if ((!isnan(ch->deadline) && !(ch->deadline >= n->deadline)) ||
        (!isnan(ch->budget) && !(ch->budget >= n->budget)) ||
        (ch->people > 0 && (!agreed_people || ch->people < n->people)))
        return PB_OK;
    char what[96] = "";
    if (agreed_people)
        snprintf(what, sizeof what, "%d people", n->people);
    else
        fmt_value(c, !isnan(ch->deadline) ? n->deadline : n->budget,
                  !isnan(ch->deadline) ? "time" : "money", what, sizeof what);
    return pb_error_set(c->err, PB_ERR_USAGE, "", 0,
                        "moot: %s already agreed, which this move does not tighten", what);
}

/*
 * For people added late (join = "critical"): the agreed deal without them and
 * with them added early, on the same draws. deal.role, deal.added (how many),
 * deal.at, deal.early_at, deal.ramp (in words), deal.p80_without (the P80
 * without them), deal.payback and deal.early_payback (the P80 gained: < 0,
 * lost; the rulebook says them); deal.best_people, deal.best_p and
 * deal.best_team: the best team from the start that keeps the agreed deal's
 * choices and scope (best_team_of), P(done by the manager's deadline).
 */
static pb_status later_facts(ctx *c, const pb__change *ch, const pb_deal_result *late)
{
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL}, soon = *ch;
    soon.set = c->join_early_set;
    const pb__nego_entry *e;
    pb_status rc = pb__nego_evaluate(c->b->nego, &none, &e, c->err);
    if (rc || !e->deal->feasible || !late->feasible)
        return rc;
    double without = e->deal->duration.pct[PB_P80].value;
    best_team best; /* the best team from the start, with what is agreed */
    if ((rc = best_team_of(c, e->deal, &best)))
        return rc;
    if (best.found) {
        set(c, "deal.best_people", best.people);
        set(c, "deal.best_p", best.p);
        set_text(c, "deal.best_team", best.team);
    }
    if ((rc = pb__nego_evaluate(c->b->nego, &soon, &e, c->err)) || !e->deal->feasible)
        return rc;
    set_role(c, c->join_role);
    set_text(c, "deal.ramp", c->join_said);
    set(c, "deal.added", PB__ADD_LATER_PEOPLE);
    set(c, "deal.at", c->join_at);
    set(c, "deal.early_at", c->join_early_at);
    set(c, "deal.p80_without", without);
    set(c, "deal.payback", without - late->duration.pct[PB_P80].value);
    set(c, "deal.early_payback", without - e->deal->duration.pct[PB_P80].value);
    return PB_OK;
}

static pb_status whatif(ctx *c, const pb__rule *r, pb_argument *a)
{
    pb__facts_clear(&c->facts, "whatif.");
    pb__facts_clear(&c->facts, "deal.");
    pb__facts_clear(&c->facts, "history.like_");
    if (!r->has_whatif)
        return PB_OK;
    pb__change ch;
    const pb__nego_entry *e = NULL;
    pb_status rc = rule_change(c, r, a, &ch, c->team_buf, c->drop_buf);
    if (!rc && !r->hypothetical)
        rc = moot(c, &ch);
    if (!rc)
        agreed_facts(c, &ch);
    if (!rc)
        rc = pb__nego_evaluate(c->b->nego, &ch, &e, c->err);
    if (!rc) {
        a->has_change = true;
        a->deal = e->deal;
        a->deal_sets = (const char *const *)e->sets;
        a->n_deal_sets = e->n_sets;
        c->change = ch;
        deal_facts(c, e->deal);
        rc = like_for_like(c, e);
        if (!rc && r->w_risk)
            rc = with_risk_facts(c);
        if (ch.alt)
            set_alt(c, "deal.alternative", ch.alt);
        if (r->w_lose && c->lost_role)
            set_role(c, c->lost_role);
        if (r->w_lose && c->lost_role)
            set_text(c, "deal.replaced", c->lost_said);
        if (!rc && r->w_join)
            rc = later_facts(c, &ch, e->deal);
    }
    return rc;
}

/* ==== Offers ==== */

/* The kill point: the milestone marked gate = true that finishes first at the P80 (the earliest
   moment a no-go can be said), or NULL; the manager page names the gate by the same rule
   (pb__brief_first_declared). *count: how many gates the plan declares. */
static const pb_milestone *top_gate(ctx *c, size_t *count, const pb_milestone_result **res)
{
    *res = pb__brief_first_declared(c->b->scenario, c->b->base, true, count);
    return *res ? pb_scenario_milestone(c->b->scenario, (*res)->id) : NULL;
}

/* A time-boxed gate: its estimate capped at its own quantile at the confidence (its P80), so
   that the box is the commitment, not a cut: a box below the estimate would stop most runs and
   read as the idea failing. P(go) is the share of its estimate's draws that fit the box (exact,
   from the distribution); the date if go is the P80 of the plan run with the box taken in
   full. */
static pb_status box_gate(ctx *c, const pb_milestone *m)
{
    const pb_dist *d = m->has_effort ? &m->effort : &m->duration;
    double cap = pb_dist_quantile(d, c->b->confidence);
    double p = pb_dist_cdf(d, cap);
    c->gate_box = cap;
    c->gate_go = (pb_interval){p, p, p};
    pb_scenario *s = pb_scenario_copy(c->b->scenario);
    if (!s)
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    char path[300], value[64];
    snprintf(path, sizeof path, "milestones.%s.%s", m->id, m->has_effort ? "effort" : "duration");
    snprintf(value, sizeof value, "%.17g", isfinite(cap) ? cap : -1.0);
    pb_result *res = NULL;
    pb_error keep = *c->err;
    pb_status rc = pb_scenario_set(s, path, value, c->err);
    if (rc && rc != PB_ERR_RUN) {
        /* the base plan is valid, so this is the cap's fault: no gate offer */
        *c->err = keep;
        rc = PB_OK;
        c->gate = NULL;
    } else if (!rc) {
        rc = run_scenario(c, s, c->deadline, c->b->scenario->ask_budget, false, &res, NULL);
    }
    if (!rc && res)
        c->gate_date = res->duration.pct[PB_P80].value;
    pb_result_free(res);
    pb_scenario_free(s);
    return rc;
}

/*
 * The gate, simulated as a branch: P(go), its own P80 finish and the P80
 * finish if it says go. A looping gate (experiment rounds) says go when its
 * metric is met within its rounds (from the base run; the date if go is the
 * finish over the iterations that met it, when it is the plan's only loop);
 * any other is time-boxed (box_gate). Only milestones marked gate = true:
 * never a supplier's lead time or a review.
 */
static pb_status gate_facts(ctx *c)
{
    size_t count;
    const pb_milestone_result *mr;
    const pb_milestone *m = top_gate(c, &count, &mr);
    const pb_result *r = c->b->base;
    set(c, "gate.count", (double)count);
    c->gate = m;
    c->gate_date = NAN;
    if (!m)
        return PB_OK;
    c->gate_at = mr->finish.pct[PB_P80].value;
    pb_status rc = PB_OK;
    if (m->rounds.max > 0) {
        for (size_t k = 0; k < r->n_rounds; k++)
            if (!strcmp(r->rounds[k].id, m->id))
                c->gate_rounds = &r->rounds[k];
        if (!c->gate_rounds)
            return PB_OK;
        c->gate_go = c->gate_rounds->p_met;
        if (r->n_rounds == 1)
            c->gate_date = r->finish_met.pct[PB_P80].value;
    } else if ((rc = box_gate(c, m)) || !c->gate) {
        return rc;
    }
    set_text(c, "gate.name", m->name);
    set(c, "gate.p_go", c->gate_go.value);
    set(c, "gate.p_go_lo", c->gate_go.lo);
    set(c, "gate.p_go_hi", c->gate_go.hi);
    set(c, "gate.at", c->gate_at);
    set(c, "gate.date_go", c->gate_date);
    set(c, "gate.rounds", c->gate_rounds ? c->gate_rounds->max : 0);
    set(c, "gate.box", c->gate_rounds ? 0 : c->gate_box);
    set(c, "gate.effort", m->has_effort);
    set(c, "gate.has_date", isfinite(c->gate_date));
    /* a learning curve beside the rounds is a second test of the metric: its own chance, so
       that "go" and "met" are never two numbers for one thing (1 without a curve) */
    set(c, "gate.curve", r->has_curve);
    set(c, "gate.p_target", r->has_curve ? r->p_curve.value : 1.0);
    return PB_OK;
}

/* ==== Rules ==== */

static pb_status render(ctx *c, const pb_template *t, char **out)
{
    pb_names names = pb__facts_names(&c->facts);
    pb_status rc = pb_template_render(t, &names, &c->fmt, out, c->err);
    /* no "95% CI 12%-12%": an interval that rounds to its value is not said (B3) */
    char *tidy = rc ? NULL : pb__tidy_intervals(*out);
    if (tidy) {
        free(*out);
        *out = tidy;
    }
    return rc;
}

/* Note why rule r was not raised (its what-if made no valid plan, or numbers were missing). */
static pb_status skip(ctx *c, const pb__rule *r, const char *why)
{
    char **v = realloc(c->b->skipped, (c->b->n_skipped + 1) * sizeof *v);
    if (!v)
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    c->b->skipped = v;
    size_t len = strlen(r->id) + strlen(why) + 3;
    if (!(v[c->b->n_skipped] = malloc(len)))
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    snprintf(v[c->b->n_skipped++], len, "%s: %s", r->id, why);
    return PB_OK;
}

static bool expr_uses(const pb_expr *e, const char *prefix);
static bool template_uses(const pb_template *t, const char *prefix);

/* The milestone move r is about, or NULL: the risk of largest exposure's, for a move that
   dismisses it. */
static const char *move_milestone(ctx *c, const pb__rule *r)
{
    const pb_risk_result *top = r->w_risk ? top_exposure(c->b->base) : NULL;
    for (size_t k = 0; top && k < c->b->scenario->n_risks; k++)
        if (!strcmp(c->b->scenario->risks[k].id, top->id))
            return c->b->scenario->risks[k].milestone;
    return NULL;
}

/* Rule r's worded offer k (v1 'offers'), a kind of the registry: its facts, then the
   rulebook's words for it, into o. *made false: it cannot be made here (no seeks, no gate, or
   nothing in the move's currency), and o is left empty. */
static pb_status offer(ctx *c, const pb__rule *r, size_t k, pb_offer *o, bool *made)
{
    const pb__offer_kind *kind = r->offers[k];
    const pb_seek_result *sk = c->b->seek;
    *made = false;
    if (((kind->needs & PB__OFFER_SEEKS) && !sk) ||
        ((kind->needs & PB__OFFER_PEOPLE) && !sk->n_people) ||
        ((kind->needs & PB__OFFER_GATE) && !c->gate))
        return PB_OK;
    pb__offer_words_in in = {c->b, &c->facts, r->topic, move_milestone(c, r), c->gate};
    bool reaches = false;
    if (!kind->words(&in, &reaches))
        return PB_OK;
    pb_error keep = *c->err;
    char *text = NULL;
    pb_status rc = render(c, r->offer_words[k], &text);
    if (rc == PB_ERR_RUN && !strstr(c->err->msg, "out of memory")) {
        *c->err = keep; /* words whose numbers are missing here: no offer */
        return PB_OK;
    }
    if (rc)
        return rc;
    o->kind = kind->name;
    o->text = text;
    o->reaches = reaches;
    *made = true;
    return PB_OK;
}

/* The levers searched at the asked confidence (once; the offers pick from it). */
static pb_status frontier(ctx *c)
{
    if (c->frontier_done)
        return PB_OK;
    c->frontier_done = true;
    pb_frontier_opts fo;
    pb_frontier_opts_init(&fo);
    fo.confidence = c->b->confidence;
    fo.seed = c->o->seed;
    fo.threads = c->o->threads;
    fo.iterations = c->b->iterations; /* one count for every number in the brief */
    return pb_frontier_run(c->b->scenario, &fo, &c->frontier, c->err);
}

/* The choices and scope of offer deal r that differ from the plan, as text. */
static void levers_text(ctx *c, const pb_deal_result *r, char *buf, size_t cap)
{
    const pb_deal_result *p = c->plan_deal;
    buf[0] = '\0';
    for (size_t k = 0; k < r->n_choices && k < p->n_choices; k++)
        if (strcmp(r->alternatives[k], p->alternatives[k])) {
            size_t n = strlen(buf);
            char label[256];
            snprintf(buf + n, cap - n, "%s'%s'", n ? ", " : "",
                     pb_scenario_alternative_label(c->b->scenario, r->alternatives[k], label,
                                                   sizeof label));
        }
    for (size_t k = 0; k < r->n_dropped; k++) {
        if (pb__dropped_by_choice(c->b->scenario, r, r->dropped[k]))
            continue; /* part of an alternative named above, not a cut of its own */
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, "%swithout '%s'", n ? ", " : "",
                 milestone_said(c, r->dropped[k]));
    }
    bool team = r->people == p->people;
    for (size_t k = 0; team && k < r->n_roles && k < p->n_roles; k++)
        team = r->team[k] == p->team[k];
    /* the head count follows in the templates: never "as planned, 8 people" for a plan of 7 */
    if (!buf[0])
        snprintf(buf, cap, team ? "the plan itself" : "the plan's scope and choices");
}

/* The optional milestones offer deal r drops as a cut of its own (not as part of a choice):
   offer.cut_n, and their names in offer.cut_items ("'A', 'B' and 'C'"), so that the words
   never call the scope it keeps the full scope. */
static void cut_facts(ctx *c, const pb_deal_result *r)
{
    char items[600] = "";
    size_t n = 0;
    for (size_t k = 0; k < r->n_dropped; k++)
        n += !pb__dropped_by_choice(c->b->scenario, r, r->dropped[k]);
    for (size_t k = 0, i = 0; k < r->n_dropped; k++) {
        if (pb__dropped_by_choice(c->b->scenario, r, r->dropped[k]))
            continue;
        const pb_milestone *m = pb_scenario_milestone(c->b->scenario, r->dropped[k]);
        size_t len = strlen(items);
        snprintf(items + len, sizeof items - len, "%s'%s'", !i ? "" : (i + 1 == n ? " and " : ", "),
                 m ? m->name : r->dropped[k]);
        i++;
    }
    set(c, "offer.cut_n", (double)n);
    set_text(c, "offer.cut_items", items);
}

/* Every name under "offer." from offer deal r of kind 'kind'. */
static void offer_facts(ctx *c, const pb_deal_result *r, const char *kind)
{
    char text[600];
    pb__facts_clear(&c->facts, "offer.");
    set_text(c, "offer.kind", kind);
    if (!r->feasible)
        return;
    shared_facts(c, "offer.", r);
    set(c, "offer.value_kept", r->value_kept);
    if (c->plan_deal && c->plan_deal->feasible) {
        set(c, "offer.saves", c->plan_deal->money.value - r->money.value);
        set(c, "offer.saved", pb__apart(c->plan_deal->money, r->money, r->money.value));
        set(c, "offer.later", r->date.value - c->plan_deal->date.value);
    }
    levers_text(c, r, text, sizeof text);
    set_text(c, "offer.levers", text);
    cut_facts(c, r);
    /* the date the deal holds at jointly with its budget, a tenth up, as the commitment is said
       (offer.date is the finish's quantile alone): one date for one deal */
    set(c, "offer.commit_date",
        isfinite(r->joint_date) ? fmax(pb__up_tenth(r->joint_date), r->date.value) : r->date.value);
}

/* Whether offer deal r is sooner than deal 'base' (the agreed one) beyond the noise: its date's
   95% interval ends before the base's begins (a cut off the critical path buys nothing). */
static bool buys_time(const pb_deal_result *base, const pb_deal_result *r)
{
    return !base || !base->feasible || r->date.hi < base->date.lo;
}

/* The level of pb_stats_levels closest to the confidence (P80: PB_P80). */
static size_t level_of(double confidence)
{
    size_t best = 0;
    for (size_t k = 1; k < PB_N_LEVELS; k++)
        if (fabs(pb_stats_levels[k] - confidence) < fabs(pb_stats_levels[best] - confidence))
            best = k;
    return best;
}

/* The stage of offer deal r done by 'at' (the move's date), each milestone on its own at the
   confidence, from r's plan run on the same draws: offer.stage_n of offer.stage_of milestones,
   up to offer.stage (the latest deliverable done by then, else the latest milestone) at
   offer.stage_date. *n: stage_n (0: nothing is done by then). */
static pb_status stage_facts(ctx *c, const pb_deal_result *r, double at, size_t *n)
{
    *n = 0;
    pb_result *res = NULL;
    pb_plan *plan = NULL;       /* the result's names live in its plan */
    set(c, "offer.stage_n", 0); /* said by offer_miss too: "nothing a user can see" */
    set(c, "offer.stage_of", 0);
    if (!r->scenario || !isfinite(at))
        return PB_OK;
    pb_status rc = run_scenario(c, r->scenario, NAN, NAN, true, &res, &plan);
    if (rc)
        return rc;
    size_t lv = level_of(c->b->confidence), of = 0;
    const pb_milestone_result *top = NULL;
    /* only the scenario's declared deliverables are a first delivery: an internal milestone
       ("label QA") is nothing a user can see (reading A11) */
    for (size_t k = 0; k < res->n_milestones; k++) {
        const pb_milestone_result *m = &res->milestones[k];
        const pb_milestone *sm = pb_scenario_milestone(r->scenario, m->id);
        if (!sm || !sm->deliverable)
            continue;
        of++;
        if (!(m->finish.pct[lv].value <= at))
            continue;
        ++*n;
        if (!top || m->finish.pct[lv].value > top->finish.pct[lv].value)
            top = m;
    }
    set(c, "offer.stage_n", (double)*n);
    set(c, "offer.stage_of", (double)of);
    const pb_milestone *tm = top ? pb_scenario_milestone(r->scenario, top->id) : NULL;
    if (tm) { /* the name from the deal's scenario, which outlives this run */
        set_text(c, "offer.stage", tm->name);
        set(c, "offer.stage_date", top->finish.pct[lv].value);
        set(c, "offer.stage_deliverable", 1);
    }
    pb_result_free(res);
    pb_plan_free(plan);
    return PB_OK;
}

/* The agreed deal as it is (the plan with every concession so far), evaluated; NULL when it
   makes no plan. */
static const pb_deal_result *agreed_deal(ctx *c)
{
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    const pb__nego_entry *e;
    pb_error keep = *c->err;
    if (pb__nego_evaluate(c->b->nego, &none, &e, c->err) || !e->deal->feasible) {
        *c->err = keep;
        return NULL;
    }
    return e->deal;
}

/* The people in the agreed deal (the plan's when nothing about them is agreed). */
static int agreed_people(ctx *c)
{
    const pb_deal_result *d = agreed_deal(c);
    if (!d)
        return c->b->nego->people > 0 ? c->b->nego->people : c->plan_deal->people;
    return d->people;
}

/* The offer's change evaluated, and with out->at_joint promised again at the deal's own joint
   date (rounded up to a tenth); *e NULL: it makes no plan. */
static pb_status offer_deal(ctx *c, pb__offer_out *out, const pb__nego_entry **e)
{
    pb_error keep = *c->err;
    pb_status rc = pb__nego_evaluate(c->b->nego, &out->change, e, c->err);
    if (!rc && out->at_joint && (*e)->deal->feasible && isfinite((*e)->deal->joint_date)) {
        out->change.deadline = pb__up_tenth((*e)->deal->joint_date);
        rc = pb__nego_evaluate(c->b->nego, &out->change, e, c->err);
    }
    if (rc && (rc != PB_ERR_RUN || !strstr(c->err->msg, "out of memory"))) {
        *c->err = keep; /* an offer that makes no plan is not made */
        rc = PB_OK;
        *e = NULL;
    }
    return rc;
}

/* The choices and scope the agreed deal adds to the plan that offer deal r keeps, as text
   ("'review-15k'", "'crowd-labels', without 'alerts'"); their count. */
static size_t agreed_text(ctx *c, const pb_deal_result *r, char *buf, size_t cap)
{
    const pb_deal_result *a = agreed_deal(c), *p = c->plan_deal;
    size_t n = 0, len = 0;
    buf[0] = '\0';
    for (size_t k = 0; a && k < a->n_choices && k < r->n_choices && k < p->n_choices; k++)
        if (strcmp(a->alternatives[k], p->alternatives[k]) &&
            !strcmp(a->alternatives[k], r->alternatives[k]) && len < cap) {
            char label[256];
            len += (size_t)snprintf(buf + len, cap - len, "%s'%s'", n++ ? ", " : "",
                                    pb_scenario_alternative_label(
                                        c->b->scenario, a->alternatives[k], label, sizeof label));
        }
    for (size_t k = 0; a && k < a->n_dropped && len < cap; k++) {
        bool kept = false;
        for (size_t j = 0; j < r->n_dropped && !kept; j++)
            kept = !strcmp(r->dropped[j], a->dropped[k]);
        if (!kept || pb__dropped_by_choice(c->b->scenario, a, a->dropped[k]))
            continue; /* an alternative's own drop is said by its name */
        len += (size_t)snprintf(buf + len, cap - len, "%s'%s'", n++ ? ", " : "",
                                milestone_said(c, a->dropped[k]));
    }
    return n;
}

/* What offer deal r (worded by template t) gives up against the plan as asked, beyond the
   noise (the metric met less often: the intervals apart; optional value dropped), and what it
   carries from the agreed deal: the offer.* facts of the 'caveats' words. */
static void caveat_facts(ctx *c, const pb_deal_result *r, const pb_template *t)
{
    const pb_deal_result *p = c->plan_deal;
    bool plan = p && p->feasible;
    bool curve = plan && r->has_curve && p->has_curve;
    pb_interval mine = curve ? r->p_curve : r->p_met, theirs = curve ? p->p_curve : p->p_met;
    set(c, "offer.metric_lost", plan && !pb__offer_keeps_metric(p, r));
    set(c, "offer.p_target", mine.value);
    set(c, "offer.plan_p_target", theirs.value);
    set(c, "offer.plan_value", plan ? p->value_kept : 0);
    set(c, "offer.value_lost",
        plan && p->value_kept - r->value_kept > 1e-9 ? p->value_kept - r->value_kept : 0);
    char agreed[600];
    set(c, "offer.n_agreed", (double)agreed_text(c, r, agreed, sizeof agreed));
    set_text(c, "offer.agreed", agreed);
    set(c, "offer.says_levers", template_uses(t, "offer.levers"));
}

/* The rulebook's 'caveats' words (none: nothing) after offer text *text (worded by t) of deal
   r: what the deal gives up or carries is said with the offer, never left out. */
static pb_status caveats(ctx *c, const pb_deal_result *r, const pb_template *t, char **text)
{
    const pb__offer_kind *kind = pb__offer_kind_find("caveats");
    const pb_template *w = NULL;
    for (size_t k = 0; c->rb && k < c->rb->n_words && !w; k++)
        w = c->rb->word_kinds[k] == kind ? c->rb->words[k] : NULL;
    if (!w)
        return PB_OK;
    caveat_facts(c, r, t);
    char *more = NULL;
    pb_error keep = *c->err;
    pb_status rc = render(c, w, &more);
    if (rc) {
        if (strstr(c->err->msg, "out of memory"))
            return rc;
        *c->err = keep; /* words whose numbers are missing here: the offer as it is */
        return PB_OK;
    }
    size_t n = strlen(*text), m = strlen(more);
    char *all = m ? realloc(*text, n + m + 1) : *text;
    if (!all) {
        free(more);
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    }
    memcpy(all + n, more, m + 1);
    *text = all;
    free(more);
    return PB_OK;
}

/* Whether the milestones the move drops are already gone from agreed deal 'base'
   (offer.removed: 2 by the agreed alternatives named in offer.removed_by, 1 by an agreed cut,
   0 not all of them), so that a scope cut that buys nothing says why truly. */
static void removed_facts(ctx *c, const pb_deal_result *base)
{
    const pb_scenario *s = c->b->scenario;
    size_t gone = 0, len = 0;
    char by[400] = "";
    for (size_t i = 0; base && i < c->change.n_drop; i++) {
        bool out = false;
        for (size_t j = 0; j < base->n_dropped && !out; j++)
            out = !strcmp(base->dropped[j], c->change.drop[i]);
        gone += out;
    }
    for (size_t k = 0; base && gone && k < base->n_choices && len < sizeof by; k++) {
        const pb_option *o = pb_scenario_option(s, base->alternatives[k]);
        bool drops = false;
        for (size_t j = 0; o && j < o->n_drop; j++)
            for (size_t i = 0; i < c->change.n_drop && !drops; i++)
                drops = !strcmp(o->drop[j], c->change.drop[i]);
        char label[256];
        if (drops)
            len += (size_t)snprintf(
                by + len, sizeof by - len, "%s'%s'", len ? " and " : "",
                pb_scenario_alternative_label(s, base->alternatives[k], label, sizeof label));
    }
    set(c, "offer.removed", gone > 0 && gone == c->change.n_drop ? (by[0] ? 2 : 1) : 0);
    set_text(c, "offer.removed_by", by);
}

/* Rule r's one recommended counter-offer for move a (rulebook v2): the kind's deal, evaluated,
   and its wording (offer_text when it holds; offer_stage when it misses but part of it makes
   the move's date; offer_miss otherwise). No offer (a->offer_deal NULL) when the kind finds
   none or its deal makes no plan. */
/* For an offer whose deal r misses: r promised at its own joint pair (pb__brief_joint_pair),
   evaluated (*pair when it holds); offer.pair_date, offer.pair_cost and offer.pair_p (0: no pair
   holds, and the two quantiles alone), so that "needs B and D" and "Offer B" quote a pair that
   holds together, never two marginal P80s. */
static pb_status pair_offer(ctx *c, const pb__offer_out *out, const pb_deal_result *r,
                            pb__nego_entry *pair, bool *found)
{
    double d, m;
    *found = false;
    set(c, "offer.pair_date", r->date.value);
    set(c, "offer.pair_cost", r->money.value);
    set(c, "offer.pair_p", 0);
    pb_status rc = pb__brief_joint_pair(c->b, r, &d, &m, c->err);
    if (rc || isnan(d))
        return rc;
    pb__change ch = out->change;
    ch.deadline = d;
    ch.budget = m;
    const pb__nego_entry *e;
    if ((rc = pb__nego_evaluate(c->b->nego, &ch, &e, c->err)) || !e->deal->feasible ||
        strcmp(e->deal->verdict, "holds"))
        return rc;
    set(c, "offer.pair_date", d);
    set(c, "offer.pair_cost", m);
    set(c, "offer.pair_p", e->deal->joint.value);
    *pair = *e; /* a copy: the cache's array moves as it grows, its deals do not */
    *found = true;
    return PB_OK;
}

static pb_status make_offer(ctx *c, const pb__rule *r, pb_argument *a)
{
    const pb_scenario *s = c->b->scenario;
    pb_status rc = r->offer->frontier ? frontier(c) : PB_OK;
    if (rc)
        return rc;
    pb__offer_out out = {0};
    out.change = (pb__change){NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    out.fits = NAN;
    out.moved = NAN;
    out.team = malloc((s->n_roles + 1) * sizeof *out.team);
    out.alts = calloc(s->n_choices + 1, sizeof *out.alts);
    out.drop = calloc(s->n_milestones + 1, sizeof *out.drop);
    if (!out.team || !out.alts || !out.drop) {
        rc = pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
        goto out;
    }
    const pb_deal_result *base = agreed_deal(c); /* owned by the cache, which only grows */
    int agreed = agreed_people(c);
    pb__offer_in in = {s,          c->frontier,      c->plan_deal, a->deal,
                       &c->change, c->b->confidence, agreed,       c->b->nego};
    const pb__nego_entry *e = NULL;
    pb_error keep = *c->err;
    if (!a->deal->feasible || !r->offer->make(&in, &out))
        goto out;
    if ((rc = offer_deal(c, &out, &e)) || !e)
        goto out;
    pb__nego_entry held = *e; /* a copy: the cache's array moves as it grows, its deals do not */
    e = &held;
    offer_facts(c, e->deal, r->offer->name);
    if (!e->deal->feasible)
        goto out;
    set(c, "offer.fits", out.fits);
    set(c, "offer.moved", out.moved);
    set(c, "offer.extra_people", e->deal->people - agreed);
    const pb_option *alt = c->change.alt ? pb_scenario_option(s, c->change.alt) : NULL;
    if (alt && alt->choice < e->deal->n_choices)
        set_alt(c, "offer.alternative", e->deal->alternatives[alt->choice]);
    bool holds = !strcmp(e->deal->verdict, "holds");
    size_t staged = 0;
    if (!holds && r->offer_stage && (rc = stage_facts(c, e->deal, c->change.deadline, &staged)))
        goto out;
    const pb_template *t = holds ? r->offer_text : staged ? r->offer_stage : r->offer_miss;
    removed_facts(c, base);
    if (base) { /* offer.gain: what the offer's change buys, in time */
        set(c, "offer.base_date", base->date.value);
        set(c, "offer.gain", base->date.value - e->deal->date.value);
    }
    if (holds && r->offer_nogain && !buys_time(base, e->deal))
        t = r->offer_nogain;
    pb__nego_entry pair; /* a miss offered at the pair that holds */
    bool paired = false;
    if (!holds && t == r->offer_miss && template_uses(t, "offer.pair_") &&
        (rc = pair_offer(c, &out, e->deal, &pair, &paired)))
        goto out;
    if ((rc = render(c, t, &a->offer_text))) {
        *c->err = keep; /* a wording whose numbers are missing: no offer */
        rc = PB_OK;
        goto out;
    }
    if ((rc = caveats(c, e->deal, t, &a->offer_text)))
        goto out;
    if (paired)
        e = &pair;
    a->offer_kind = r->offer->name;
    a->offer_deal = e->deal;
    a->offer_sets = (const char *const *)e->sets;
    a->n_offer_sets = e->n_sets;
out:
    free(out.team);
    free(out.alts);
    free(out.drop);
    return rc;
}

/* Does the agreed deal hold as it is? A dismissed risk is conceded only when it does: the
   promise then stands with the risk too. */
static pb_status agreed_holds(ctx *c, double *holds)
{
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    const pb__nego_entry *e;
    pb_status rc = pb__nego_evaluate(c->b->nego, &none, &e, c->err);
    if (!rc)
        *holds = e->deal->feasible && !strcmp(e->deal->verdict, "holds");
    return rc;
}

/* deal.agreed_cost and deal.agreed_date: the deal agreed so far, without this move's change, at
   the confidence (a money move is conceded only when it costs less than that: A8). */
static pb_status agreed_price(ctx *c)
{
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    const pb__nego_entry *e;
    pb_status rc = pb__nego_evaluate(c->b->nego, &none, &e, c->err);
    if (!rc && e->deal->feasible) {
        set(c, "deal.agreed_cost", e->deal->money.value);
        set(c, "deal.agreed_date", e->deal->date.value);
    }
    return rc;
}

/* Note why rule r was skipped, from c->err (which is then cleared); out of memory stays. */
static pb_status skip_err(ctx *c, const pb__rule *r, pb_status rc, pb_error keep)
{
    if (strstr(c->err->msg, "out of memory"))
        return rc;
    char why[600];
    snprintf(why, sizeof why, "%s", c->err->msg);
    *c->err = keep;
    return skip(c, r, why);
}

static bool template_uses(const pb_template *t, const char *prefix)
{
    for (size_t i = 0; t && i < pb_template_n_names(t); i++)
        if (!strncmp(pb_template_name(t, i), prefix, strlen(prefix)))
            return true;
    return false;
}

/* Whether rule r is raised: its 'needs' (else it is skipped with what it would need), its
   'when' and its what-if, into a. *up false: not raised (a is empty; skipped when it says so). */
static pb_status raise_rule(ctx *c, const pb__rule *r, pb_argument *a, pb_error keep, bool *up)
{
    double v = 1;
    pb_status rc = PB_OK;
    *up = false;
    /* a move the scenario cannot support is skipped with what it would need */
    if (r->needs && (rc = eval(c, r->needs, &v)))
        return skip_err(c, r, rc, keep);
    if (v == 0)
        return skip(c, r, r->needs_text);
    /* a 'when' that needs no deal is tested first: no deal is evaluated for a move not raised */
    bool early = r->when && !expr_uses(r->when, "whatif.") && !expr_uses(r->when, "deal.");
    if (early && (rc = eval(c, r->when, &v)))
        return skip_err(c, r, rc, keep);
    if (v == 0)
        return PB_OK;
    if (!(rc = whatif(c, r, a)) && r->when && !early)
        rc = eval(c, r->when, &v);
    if (rc) {
        /* a change that makes no valid plan, or a 'when' without the values it needs: the
           move is not raised, and the brief says why */
        argument_release(a);
        memset(a, 0, sizeof *a);
        return skip_err(c, r, rc, keep);
    }
    if (v == 0) {
        argument_release(a);
        memset(a, 0, sizeof *a);
        return PB_OK;
    }
    *up = true;
    return PB_OK;
}

/* The v1 offers of a rebutted rule r, into a->offers. */
static pb_status v1_offers(ctx *c, const pb__rule *r, pb_argument *a)
{
    if (!(a->offers = calloc(r->n_offers, sizeof *a->offers)))
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    for (size_t k = 0; k < r->n_offers; k++) {
        bool made;
        pb_status rc = offer(c, r, k, &a->offers[a->n_offers], &made);
        if (rc)
            return rc;
        a->n_offers += made;
    }
    return PB_OK;
}

/* Evaluate rule r into a (when it is raised). *raised false: not raised. */
static pb_status argue_rule(ctx *c, const pb__rule *r, pb_argument *a, bool *raised)
{
    pb_error keep = *c->err;
    *raised = false;
    memset(a, 0, sizeof *a);
    bool up = false;
    pb_status rc = raise_rule(c, r, a, keep, &up);
    if (rc || !up)
        return rc;
    a->id = r->id;
    a->topic = r->topic ? r->topic : "";
    /* the manager's interest in the scenario's own words, when it gives one of this topic */
    const pb_interest *own = pb_scenario_interest(c->b->scenario, r->topic);
    a->interest = own ? own->text : r->interest;
    a->pressure = r->pressure;
    double concede = 0;
    if (a->has_change) {
        /* a move that changes the deal is conceded when the deal with everything agreed so
           far plus this change holds; the change then joins the agreed deal */
        concede = a->deal->feasible && !strcmp(a->deal->verdict, "holds");
        if (concede && r->w_risk && (rc = agreed_holds(c, &concede)))
            goto fail;
        /* and its 'concede_if', when it has one: a deal that holds but goes against the
           interest behind the move (in-house labels that cost more than the vendor) */
        if (concede && r->concede_if &&
            ((rc = agreed_price(c)) || (rc = eval(c, r->concede_if, &concede))))
            goto fail;
    } else if (r->concede_if && eval(c, r->concede_if, &concede)) {
        concede = 0;
    }
    a->conceded = concede != 0;
    a->question = r->hypothetical;
    a->quotes = (template_uses(r->says, "ask.deadline") ? PB_QUOTES_DEADLINE : 0u) |
                (template_uses(r->says, "ask.budget") ? PB_QUOTES_BUDGET : 0u) |
                (template_uses(r->says, "sim.people") ? PB_QUOTES_PEOPLE : 0u);
    if ((rc = render(c, r->says, &a->says)) ||
        (rc = render(c, a->conceded ? r->concede : r->rebut, &a->answer)) ||
        (r->probe && (rc = render(c, r->probe, &a->probe))))
        goto fail;
    if (!a->conceded && r->n_offers && (rc = v1_offers(c, r, a)))
        goto fail;
    if (r->offer && a->has_change && !a->conceded && (rc = make_offer(c, r, a)))
        goto fail;
    if (a->has_change && a->conceded && !r->hypothetical) {
        if (!pb__nego_agree(c->b->nego, &c->change)) {
            rc = pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
            goto fail;
        }
        a->joins = true;
    }
    *raised = true;
    return PB_OK;
fail:;
    /* an infeasible deal has no numbers: say why it is infeasible, not which name is missing */
    char infeasible[300] = "";
    if (a->deal && !a->deal->feasible)
        snprintf(infeasible, sizeof infeasible, "the deal it proposes is infeasible: %s",
                 a->deal->reason);
    argument_release(a);
    memset(a, 0, sizeof *a);
    /* a template whose numbers are missing skips the rule, like 'when' */
    if (rc == PB_ERR_RUN && !strstr(c->err->msg, "out of memory")) {
        char why[600];
        snprintf(why, sizeof why, "%s", *infeasible ? infeasible : c->err->msg);
        *c->err = keep;
        return skip(c, r, why);
    }
    return rc;
}

/* Rule r into a, with the metric promised for a quality move (change.metric): its deal and
   its offer are evaluated with pb_deal_opts.metric, and later moves are not. */
static pb_status apply_rule(ctx *c, const pb__rule *r, pb_argument *a, bool *raised)
{
    bool metric = c->b->nego->opts.metric;
    c->b->nego->opts.metric = metric || r->w_metric;
    pb_status rc = argue_rule(c, r, a, raised);
    c->b->nego->opts.metric = metric;
    return rc;
}

/* Does an offer of rb pick from the frontier (so that the brief searches it anyway)? */
static bool offers_frontier(const pb_rulebook *rb)
{
    for (size_t i = 0; i < rb->n; i++)
        if (rb->rules[i].offer && rb->rules[i].offer->frontier)
            return true;
    return false;
}

/* The shortest date that the strongest offer (optional scope cut, every role at its cap)
   reaches at the asked confidence, and no later than the frontier's earliest deal when the
   offers search it: the sheet never offers a deal sooner than the date it says it cannot go
   below. */
static pb_status walk_away(ctx *c, const pb_rulebook *rb, double *scratch)
{
    pb_brief *b = c->b;
    pb_scenario *s = pb_scenario_copy(b->scenario);
    if (!s)
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    pb_status rc = PB_OK;
    for (size_t k = 0; k < s->n_milestones && !rc;) {
        if (s->milestones[k].optional && s->n_milestones > 1)
            rc = pb_scenario_drop(s, s->milestones[k].id, c->err);
        else
            k++;
    }
    const pb_seek_result *k = b->seek;
    for (size_t i = 0; !rc && k && i + 1 < k->n_people; i++) {
        char path[300], value[32];
        snprintf(path, sizeof path, "team.%s", k->people[i].role);
        snprintf(value, sizeof value, "%d", k->people[i].cap);
        rc = pb_scenario_edit(s, path, value, c->err);
    }
    if (!rc)
        rc = pb_scenario_validate(s, c->err);
    pb_result *res = NULL;
    if (!rc)
        rc = run_scenario(c, s, b->manager_deadline, NAN, false, &res, NULL);
    if (!rc) {
        double best = quantile(res->finish_samples, res->iterations, b->confidence, scratch);
        b->walk_away = fmin(b->commitment, best);
    } else if (rc != PB_ERR_RUN) {
        b->walk_away = b->commitment; /* the strongest offer is not a valid plan */
        rc = PB_OK;
        pb_error_clear(c->err);
    }
    pb_result_free(res);
    pb_scenario_free(s);
    if (!rc && offers_frontier(rb))
        rc = frontier(c);
    if (!rc && c->frontier && c->frontier->n_points)
        b->walk_away = fmin(b->walk_away, c->frontier->points[c->frontier->walk_away].date);
    return rc;
}

static bool expr_uses(const pb_expr *e, const char *prefix)
{
    for (size_t i = 0; e && i < pb_expr_n_names(e); i++)
        if (!strncmp(pb_expr_name(e, i), prefix, strlen(prefix)))
            return true;
    return false;
}

/* Does any rule need the seeks (a 'seek.*' name, or an offer built on them)? */
static bool needs_seeks(const pb_rulebook *rb)
{
    for (size_t i = 0; i < rb->n; i++) {
        const pb__rule *r = &rb->rules[i];
        if (expr_uses(r->when, "seek.") || expr_uses(r->concede_if, "seek.") ||
            expr_uses(r->w_deadline, "seek.") || expr_uses(r->w_budget, "seek.") ||
            expr_uses(r->w_people, "seek.") || template_uses(r->says, "seek.") ||
            template_uses(r->rebut, "seek.") || template_uses(r->concede, "seek.") ||
            template_uses(r->probe, "seek."))
            return true;
        for (size_t k = 0; k < r->n_team; k++)
            if (expr_uses(r->team_exprs[k], "seek."))
                return true;
        for (size_t k = 0; k < r->n_offers; k++)
            if (r->offers[k]->needs & PB__OFFER_SEEKS)
                return true;
    }
    return false;
}

#define NEAR_LINE 0.1 /* a deal within this of the confidence is close to the line */

/* How much move a would cost us if we gave in, or how easily it is lost: the shortfall of its
   deal from the confidence (as a share of it), all for a deal that cannot run, and half for a
   deal close to the line (either side: one more push, or one small "yes", tips it; a quarter
   for a concession there); a concession away from the line costs nothing, and a question
   without a deal a quarter. */
static double harm(const pb_brief *b, const pb_argument *a)
{
    if (!a->deal)
        return a->conceded ? 0 : 0.25;
    if (!a->deal->feasible)
        return a->conceded ? 0 : 1;
    double p = a->deal->joint.value, near = fabs(p - b->confidence) <= NEAR_LINE ? 0.5 : 0;
    if (a->conceded)
        return near / 2;
    return fmax(near, fmax(0, b->confidence - p) / b->confidence);
}

/* Do moves a and b make the same point: both change the deal's date to the same date, or both
   change nothing but the date (one date point argued twice)? */
static bool same_point(const pb_argument *a, const pb_argument *b)
{
    if (!a->has_change || !b->has_change || isnan(a->change.deadline) || isnan(b->change.deadline))
        return false;
    return a->change.deadline == b->change.deadline;
}

/* The PB_BRIEF_TOP moves most likely to be raised and most damaging, one per topic and one per
   date point. */
static void rank_top(pb_brief *b)
{
    bool *used = calloc(b->n_arguments + 1, sizeof *used);
    if (!used)
        return; /* no ranking: the sheet lists every move in order of pressure */
    b->n_top = 0;
    while (b->n_top < PB_BRIEF_TOP) {
        size_t best = b->n_arguments;
        double score = -1;
        for (size_t i = 0; i < b->n_arguments; i++) {
            const pb_argument *a = &b->arguments[i];
            bool same = used[i];
            for (size_t k = 0; k < b->n_top && !same; k++)
                same = !strcmp(b->arguments[b->top[k]].topic, a->topic) ||
                       same_point(&b->arguments[b->top[k]], a);
            double v = a->pressure * (0.5 + harm(b, a));
            if (!same && v > score)
                best = i, score = v;
        }
        if (best == b->n_arguments)
            break;
        used[best] = true;
        b->top[b->n_top++] = best;
    }
    free(used);
}

/* Whether argument i of b is shown before argument j (the top moves first, in their order,
   then the others in order of pressure). */
static size_t shown_rank(const pb_brief *b, size_t i)
{
    for (size_t k = 0; k < b->n_top; k++)
        if (b->top[k] == i)
            return k;
    return PB_BRIEF_TOP + i;
}

/* A counter-offer made before (the same deal, shown on an earlier move) is not repeated: the
   later move refers back to it (offer_same). */
static void same_offers(pb_brief *b)
{
    for (size_t i = 0; i < b->n_arguments; i++) {
        pb_argument *a = &b->arguments[i];
        size_t first = b->n_arguments;
        for (size_t j = 0; a->offer_deal && j < b->n_arguments; j++)
            if (j != i && b->arguments[j].offer_deal == a->offer_deal &&
                shown_rank(b, j) < shown_rank(b, i) &&
                (first == b->n_arguments || shown_rank(b, j) < shown_rank(b, first)))
                first = j;
        a->offer_same = first < b->n_arguments ? first + 1 : 0;
    }
}

/* The audit's dominating deal adopted as the start (d): the dates and costs the moves quote as
   ours (sim.p50, sim.p80, their intervals, the buffer, the costs) and the commitment are its. */
static void start_facts(ctx *c, const pb_deal_result *d)
{
    pb_brief *b = c->b;
    percentile_facts(c, &d->duration);
    set(c, "sim.cost_p50", d->cost.pct[PB_P50].value);
    set(c, "sim.cost_p80", d->cost.pct[PB_P80].value);
    set(c, "sim.cost_p90", d->cost.pct[PB_P90].value);
    set(c, "sim.buffer", d->duration.pct[PB_P80].value - d->duration.pct[PB_P50].value);
    if (!isnan(d->deadline)) {
        set_ci(c, "sim.p_deadline", d->p_deadline);
    }
    if (!isnan(d->budget)) {
        set_ci(c, "sim.p_budget", d->p_budget);
    }
    set(c, "sim.p_joint", d->joint.value);
    b->target_ci = d->duration.pct[PB_P50];
    b->target = b->target_ci.value;
    b->commitment_ci = d->date;
    b->commitment = d->date.value;
}

/* The negotiation: nothing conceded yet (the ask, as the facts have it), the plan as asked
   evaluated as a deal, and the buffers the moves' changes use. */
static pb_status negotiation(ctx *c, const pb_rulebook *rb)
{
    pb_brief *b = c->b;
    const pb_scenario *s = b->scenario;
    size_t most = 0;
    for (size_t i = 0; i < rb->n; i++)
        most = rb->rules[i].n_drop > most ? rb->rules[i].n_drop : most;
    c->drop_cap = s->n_milestones + most + 1;
    if (!(b->nego = malloc(sizeof *b->nego)) ||
        !pb__nego_init(b->nego, s, c->o->seed, c->o->threads) ||
        !(c->team_buf = malloc((s->n_roles + 1) * sizeof *c->team_buf)) ||
        !(c->drop_buf = calloc(c->drop_cap, sizeof *c->drop_buf))) {
        if (b->nego)
            pb__nego_release(b->nego);
        free(b->nego);
        b->nego = NULL;
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    }
    /* every deal at the base run's count, never more: the brief states one count, and a deal
       too close to call at it is reported as such */
    b->nego->opts.iterations = b->iterations;
    b->nego->opts.max_iterations = b->iterations;
    b->nego->deadline = pb__facts_get(&c->facts, "ask.deadline");
    b->nego->budget = pb__facts_get(&c->facts, "ask.budget");
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    const pb__nego_entry *e;
    pb_status rc = pb__nego_evaluate(b->nego, &none, &e, c->err);
    if (rc)
        return rc;
    c->plan_deal = e->deal;
    const pb_deal_result *sd = e->deal;
    if ((rc = pb__brief_adopt_dominating(b, &sd, c->err)))
        return rc;
    b->start = sd;
    if (b->start_dominating) { /* "the plan" from here on is the deal we propose */
        c->plan_deal = sd;
        start_facts(c, sd);
    }
    /* the date the sheet commits to (the start deal's, as offer.commit says it): a time-box
       whose P80 finish passes it says so */
    set(c, "gate.commit", sd->feasible && !isnan(sd->deadline) ? sd->deadline : b->commitment);
    /* how often the start deal (the audited ask, the sheet's commitment) holds jointly */
    set(c, "ask.p", sd->feasible ? sd->joint.value : 0);
    set(c, "value.rate", sd->feasible ? sd->value_rate : 0); /* 0: no value declared */
    if (sd->feasible && sd->value_rate > 0) {
        set(c, "value.payback", sd->payback);
        set(c, "value.cost", sd->money.value);
        set(c, "value.date", sd->date.value);
    }
    char unit[64]; /* "weeks" -> "week" */
    snprintf(unit, sizeof unit, "%s", s->unit);
    size_t len = strlen(unit);
    if (len > 1 && unit[len - 1] == 's')
        unit[len - 1] = '\0';
    set_text(c, "value.unit", unit);
    return PB_OK;
}

/* The audit of our own ask, then every rule in order of pressure (equal pressure keeps file
   order), so that concessions accumulate in that order; then the moves to put first. */
static pb_status argue(ctx *c, const pb_rulebook *rb)
{
    pb_brief *b = c->b;
    const pb__rule **order = calloc(rb->n + 1, sizeof *order);
    if (!order || !(b->arguments = calloc(rb->n + 1, sizeof *b->arguments))) {
        free(order);
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    }
    pb_status rc = negotiation(c, rb);
    for (size_t i = 0; i < rb->n; i++)
        order[i] = &rb->rules[i];
    for (size_t i = 1; i < rb->n; i++)
        for (size_t j = i; j > 0 && order[j - 1]->pressure < order[j]->pressure; j--) {
            const pb__rule *t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t i = 0; i < rb->n && !rc; i++) {
        bool raised;
        rc = apply_rule(c, order[i], &b->arguments[b->n_arguments], &raised);
        if (!rc && raised)
            b->n_arguments++;
    }
    free(order);
    if (!rc) {
        rank_top(b);
        same_offers(b);
    }
    return rc;
}

/* The walk-away taken over every deal the sheet shows holding as well (a move's concessions
   may combine levers the frontier did not try together); when that lowers it, the offers
   whose words quote it are worded again. */
static pb_status settle_walk_away(ctx *c, const pb_rulebook *rb)
{
    pb_brief *b = c->b;
    double w = pb__brief_walk_away(b, c->frontier);
    if (!(w < b->walk_away))
        return PB_OK;
    b->walk_away = w;
    set(c, "seek.walk_away", w);
    for (size_t i = 0; i < b->n_arguments; i++) {
        pb_argument *a = &b->arguments[i];
        const pb__rule *r = NULL;
        for (size_t k = 0; k < rb->n && !r; k++)
            r = !strcmp(rb->rules[k].id, a->id) ? &rb->rules[k] : NULL;
        for (size_t k = 0; r && k < r->n_offers; k++) {
            if (!template_uses(r->offer_words[k], "offer.walk_away"))
                continue;
            for (size_t j = 0; j < a->n_offers; j++) {
                if (strcmp(a->offers[j].kind, r->offers[k]->name))
                    continue;
                pb_offer again = {0};
                bool made = false;
                pb_status rc = offer(c, r, k, &again, &made);
                if (rc)
                    return rc;
                if (made) {
                    free(a->offers[j].text);
                    a->offers[j].text = again.text;
                }
            }
        }
    }
    return PB_OK;
}

/* The base plan, in detail: its simulation, the date and the commitment with their intervals,
   and the facts of the plan, the asks, the history and the proposal. *scratch: a buffer of one
   sample per iteration, for the caller to free. */
static pb_status base_plan(ctx *c, double **scratch)
{
    pb_brief *b = c->b;
    const pb_scenario *s = b->scenario;
    pb_status rc = run_scenario(c, s, s->ask_deadline, s->ask_budget, true, &b->base, &b->plan);
    if (rc)
        return rc;
    size_t n = b->base->iterations;
    b->iterations = n;
    if (!(*scratch = malloc(n * sizeof **scratch)))
        return pb_error_set(c->err, PB_ERR_RUN, "", 0, "out of memory");
    memcpy(*scratch, b->base->finish_samples, n * sizeof **scratch);
    b->target_ci = pb_stats_quantile(*scratch, n, 0.5);
    memcpy(*scratch, b->base->finish_samples, n * sizeof **scratch);
    b->commitment_ci = pb_stats_quantile(*scratch, n, b->confidence);
    b->target = b->target_ci.value;
    b->commitment = b->commitment_ci.value;
    sim_facts(c, b->base);
    if ((rc = pb__brief_track_run(b->track, c->src, s, c->o, b->base, n, b->target, b->commitment,
                                  &c->facts, c->err)))
        return rc;
    ask_and_manager(c);
    c->deadline = b->manager_deadline;
    history_facts(c, *scratch);
    if ((rc = pb_proposal_gaps(s, &b->gaps, &b->n_gaps, c->err)))
        return rc;
    proposal_facts(c);
    return PB_OK;
}

/* Every option on the same draws, and the gate's branches. */
static pb_status options(ctx *c)
{
    pb_brief *b = c->b;
    const pb_scenario *s = b->scenario;
    if (s->n_options) {
        pb_sim_opts so;
        pb_sim_opts_init(&so);
        so.iterations = b->iterations;
        so.seed = c->o->seed;
        so.threads = c->o->threads;
        so.cancel = c->o->cancel;
        pb_status rc = pb_compare_run(s, &so, false, &b->options, c->err);
        if (rc)
            return rc;
    }
    option_facts(c);
    return gate_facts(c);
}

/* What it would take to meet the manager's deadline: the seeks, only when a rule of rb needs
   them (they are the dearest part of a brief). */
static pb_status seeks(ctx *c, const pb_rulebook *rb, double *scratch)
{
    pb_brief *b = c->b;
    const pb_scenario *s = b->scenario;
    pb_seek_opts ko;
    pb_seek_opts_init(&ko);
    ko.deadline = b->manager_deadline;
    ko.confidence = b->confidence;
    ko.budget = s->ask_budget;
    ko.seed = c->o->seed;
    ko.threads = c->o->threads;
    ko.base_iterations = b->iterations; /* the seeks' trials quote probabilities too: one count */
    ko.iterations = b->iterations;
    ko.cancel = c->o->cancel;
    b->walk_away = b->commitment;
    if (!needs_seeks(rb))
        return PB_OK;
    pb_status rc = pb_seek_run(s, &ko, &b->seek, c->err);
    if (!rc)
        rc = walk_away(c, rb, scratch);
    if (rc)
        return rc;
    seek_facts(c);
    return best_team_facts(c);
}

/* The audit of our own ask comes before any pushback, and the negotiation starts from what it
   corrects (NEGOTIATION.md, section 3): 'own', the brief's scenario, then asks for the audit's
   start, so that the base run, every move and the commitment are evaluated from there. The
   audit runs at the brief's count; an automatic count is chosen first, by the plan as asked,
   and every run of the brief, the audit's too, has it: one count for every number. */
static pb_status start_from_audit(ctx *c, pb_scenario *own)
{
    pb_brief *b = c->b;
    b->asked_deadline = own->ask_deadline;
    b->asked_budget = own->ask_budget;
    pb_status rc = PB_OK;
    if (!c->o->iterations) {
        pb_result *r = NULL;
        if ((rc = run_scenario(c, own, own->ask_deadline, own->ask_budget, false, &r, NULL)))
            return rc;
        b->iterations = r->iterations; /* run_scenario runs at it from now on */
        pb_result_free(r);
    }
    size_t n = c->o->iterations ? c->o->iterations : b->iterations;
    rc = pb_audit_run(own, n, c->o->seed, c->o->threads, &b->audit, c->err);
    const pb_deal_result *dd = NULL; /* a dominated plan: the frontier's dominating deal */
    for (size_t i = 0; !rc && i < b->audit->n_findings; i++)
        if (!strcmp(b->audit->findings[i].kind, "dominated"))
            dd = b->audit->findings[i].deal;
    if (!rc && dd) { /* the frontier at the engineer's own ask, kept for the offers */
        b->confidence = b->audit->confidence;
        b->iterations = n; /* the frontier at the brief's one count */
        if (!(rc = frontier(c)) && (dd = pb__brief_frontier_dominating(own, c->frontier, dd))) {
            pb_audit *a = NULL;
            if (!(rc = pb_audit_run_with(own, n, c->o->seed, c->o->threads, dd, &a, c->err))) {
                pb_audit_free(b->audit);
                b->audit = a;
            }
        }
    }
    if (!rc && b->audit->corrected) {
        own->ask_deadline = b->audit->start_deadline;
        own->ask_budget = b->audit->start_budget;
    }
    return rc;
}

pb_status pb_brief_run(const pb_scenario *src, const pb_rulebook *rb, const pb_brief_opts *o,
                       pb_brief **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    pb_brief *b = calloc(1, sizeof *b);
    if (!b)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    ctx c = {0};
    c.b = b;
    c.rb = rb;
    c.src = src;
    c.o = o;
    c.err = err;
    double *scratch = NULL;
    pb_scenario *rest = NULL; /* with actuals, the brief is on the remaining work */
    pb_status rc = pb__brief_track_prepare(src, o, &b->track, &rest, err);
    if (rc)
        return pb_brief_free(b), rc;
    pb_scenario *own = rest ? rest : pb_scenario_copy(src);
    b->scenario = own;
    if (!b->scenario || !pb__facts_init(&c.facts, b->scenario)) {
        pb_brief_free(b);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    if ((rc = start_from_audit(&c, own))) {
        pb__facts_release(&c.facts);
        pb_brief_free(b);
        return rc;
    }
    const pb_scenario *s = b->scenario;
    c.fmt = (pb_format_ctx){s->unit, s->currency, s->start};
    b->rulebook_path = rb->path;
    b->seed = o->seed;
    b->confidence = s->ask_confidence;
    /* the base plan, the options, the seeks, the moves, the interests */
    if (!(rc = base_plan(&c, &scratch)) && !(rc = options(&c)) && !(rc = seeks(&c, rb, scratch)) &&
        !(rc = argue(&c, rb)) && !(rc = s->n_interests ? frontier(&c) : PB_OK))
        rc = pb__brief_interests(b, c.frontier, pb__facts_get(&c.facts, "ask.deadline"),
                                 pb__facts_get(&c.facts, "ask.budget"), o->threads, err);
    if (!rc)
        rc = settle_walk_away(&c, rb);
    if (!rc)
        rc = pb__brief_end_state(b, err);
    free(scratch);
    free(c.team_buf);
    free(c.drop_buf);
    pb_frontier_free(c.frontier);
    pb__facts_release(&c.facts);
    if (rc) {
        pb_brief_free(b);
        return rc;
    }
    *out = b;
    return PB_OK;
}
