/*
 * brief_interests.c - the offers that serve the manager's interests, each in
 * its own currency (NEGOTIATION.md, sections 4 and 5).
 *
 * An interest is answered like a move of the same currency, from the deal
 * the negotiation agreed (its choices, drops and team; the plan as asked when
 * nothing is agreed): a fresh negotiation started there, and the offer kind of
 * that currency from the one registry (offers.c) searching the levers of the
 * frontier. A dated time interest gets the cheapest deal done by its date
 * ('meet-date'), else the earliest, with the milestones done by then, each a
 * marginal of that deal's own run; a money interest the earliest deal within
 * its amount ('within-budget'), else the cheapest; a people interest the
 * earliest candidate of the frontier within the manager's head count
 * (fewest_within); a quality interest the
 * earliest deal that keeps the plan's metric ('keep-metric'). Every deal is
 * evaluated at the brief's count and seed, so 'pushback deal' reproduces it;
 * the wording, which offers a deal only when it holds and says honestly when
 * nothing serves the interest, is the writers' (report_interests.c).
 */
#include "brief_interests.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>

#include "brief_endstate.h"
#include "cfg.h"
#include "negotiate.h"
#include "offers.h"
#include "pushback/rules.h"

/* The index of the percentile level closest to the confidence (P80: 8). */
static size_t level_of(double confidence)
{
    size_t best = 0;
    for (size_t k = 1; k < PB_N_LEVELS; k++)
        if (fabs(pb_stats_levels[k] - confidence) < fabs(pb_stats_levels[best] - confidence))
            best = k;
    return best;
}

static bool is_deliverable(const pb_scenario *s, const char *id)
{
    for (size_t j = 0; j < s->n_milestones; j++)
        if (!strcmp(s->milestones[j].id, id))
            return s->milestones[j].deliverable;
    return false;
}

/* The declared deliverables (deliverable = true) of run r (of scenario s) done by 'at' at the
   confidence into o: how many, and the name of the latest of them (reading A11, B11: an
   internal milestone is nothing a user can see, and one is named, not three). */
static bool ships_of(const pb_brief *b, const pb_scenario *s, const pb_result *r, double at,
                     pb_interest_offer *o)
{
    size_t lv = level_of(b->confidence);
    const pb_milestone_result *last = NULL;
    for (size_t k = 0; k < r->n_milestones; k++) {
        const pb_milestone_result *m = &r->milestones[k];
        if (!(m->finish.pct[lv].value <= at) || !is_deliverable(s, m->id))
            continue;
        o->n_ships++;
        if (!last || m->finish.pct[lv].value > last->finish.pct[lv].value)
            last = m;
    }
    o->ships_date = last ? last->finish.pct[lv].value : NAN;
    o->ships = pb__strdup(last ? last->name : "");
    return o->ships != NULL;
}

/* What the offered deal (o->deal; the plan as written when it has none) finishes by 'at':
   its own plan run on the same draws with milestone detail, so that a missed time interest
   says what the deal it offers delivers by then. */
static pb_status ships(const pb_brief *b, double at, pb_interest_offer *o, unsigned threads,
                       pb_error *err)
{
    const pb_scenario *s = o->deal && o->deal->feasible ? o->deal->scenario : NULL;
    if (!s)
        return ships_of(b, b->scenario, b->base, at, o)
                   ? PB_OK
                   : pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    pb_plan *p = NULL;
    pb_result *r = NULL;
    pb_status rc = pb_plan_build(s, &p, err);
    if (!rc) {
        pb_sim_opts so;
        pb_sim_opts_init(&so);
        so.iterations = b->iterations;
        so.seed = b->seed;
        so.threads = threads ? threads : 1;
        so.detail = true;
        rc = pb_sim_run(p, &so, &r, err);
    }
    if (!rc && !ships_of(b, s, r, at, o))
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    pb_result_free(r);
    pb_plan_free(p);
    return rc;
}

/* Whether milestone id is dropped by one of the alternatives deal r takes. */
bool pb__dropped_by_choice(const pb_scenario *s, const pb_deal_result *r, const char *id)
{
    for (size_t k = 0; k < r->n_choices; k++) {
        const pb_option *o = pb_scenario_option(s, r->alternatives[k]);
        for (size_t j = 0; o && j < o->n_drop; j++)
            if (!strcmp(o->drop[j], id))
                return true;
    }
    return false;
}

/* The levers of deal r that differ from the plan, as text ("'review-15k', without 'Alerts'");
   "" when it has none. */
void pb__interest_levers(const pb_scenario *s, const pb_deal_result *r, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < r->n_choices && k < s->n_choices && len < cap; k++)
        if (strcmp(r->alternatives[k], s->choices[k].base)) {
            char label[256];
            len += (size_t)snprintf(
                buf + len, cap - len, "%s'%s'", len ? ", " : "",
                pb_scenario_alternative_label(s, r->alternatives[k], label, sizeof label));
        }
    bool without = false;
    for (size_t k = 0; k < r->n_dropped && len < cap; k++) {
        const pb_milestone *m = pb_scenario_milestone(s, r->dropped[k]);
        if (pb__dropped_by_choice(s, r, r->dropped[k]))
            continue; /* an alternative's own drop is said by its name */
        len += (size_t)snprintf(buf + len, cap - len, "%s'%s'",
                                without ? ", "
                                : len   ? ", without "
                                        : "without ",
                                m && m->name ? m->name : r->dropped[k]);
        without = true;
    }
}

/* The move of interest x's currency, as a change of the plan as asked, and its offer kind;
   NULL: no lever serves this topic (scope, risk; a people interest without a head count). */
static const char *move_of(const pb_brief *b, const pb_interest *x, pb__change *c)
{
    *c = (pb__change){NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    if (!strcmp(x->topic, "time") && !isnan(x->at))
        return c->deadline = x->at, "meet-date";
    if (!strcmp(x->topic, "money") && !isnan(x->at))
        return c->budget = x->at, "within-budget";
    if (!strcmp(x->topic, "people") && b->manager_people > 0)
        return "people"; /* searched in the frontier (fewest_within), not a change of the plan */
    if (!strcmp(x->topic, "quality"))
        return "keep-metric";
    return NULL;
}

/* Quality: the earliest candidate within the plan's team, when it does not keep the metric
   (what keeping it costs). */
static void lost(const pb_brief *b, const pb_frontier *f, const pb_deal_result *plan,
                 pb_interest_offer *o)
{
    /* the frontier leaves out the deals that give up the metric: the earliest of those */
    pb_frontier gone = *f;
    gone.points = f->lost;
    gone.n_points = f->n_lost_metric;
    const pb_frontier_point *p =
        pb__offer_fastest(f->n_lost_metric ? &gone : f, plan->people, INFINITY);
    o->lost_date = NAN;
    if (!p || !o->deal || pb__offer_keeps_metric(plan, p->deal) ||
        !(p->deal->date.hi < o->deal->date.lo))
        return;
    o->lost_date = p->deal->date.value;
    o->lost_metric = p->deal->has_curve ? p->deal->p_curve : p->deal->p_met;
    pb__interest_levers(b->scenario, p->deal, o->lost, sizeof o->lost);
}

/* A people interest: the earliest candidate of the frontier (its team, choices and scope; a
   choice agreed keeps its agreed alternative) with no more than 'head' people, and the fewest
   people as early within the noise, promised at its own joint date. */
static bool fewest_within(const pb__offer_in *in, int head, pb__offer_out *out)
{
    const pb_frontier_point *p = pb__offer_fastest(in->frontier, head, INFINITY);
    if (!p) {
        snprintf(out->why, sizeof out->why, "no candidate deal runs with %d people", head);
        return false;
    }
    const pb_deal_result *d = p->deal;
    for (size_t r = 0; r < in->s->n_roles; r++)
        out->team[r] = r < d->n_roles ? d->team[r] : -1;
    for (size_t k = 0; k < in->s->n_choices && k < d->n_choices; k++)
        out->alts[k] = in->nego->alts[k] ? NULL : d->alternatives[k];
    size_t n = d->n_dropped < in->s->n_milestones ? d->n_dropped : in->s->n_milestones;
    for (size_t k = 0; k < n; k++)
        out->drop[k] = d->dropped[k];
    out->change.team = out->team;
    out->change.alts = out->alts;
    out->change.drop = out->drop;
    out->change.n_drop = n;
    out->change.deadline = pb__up_tenth(p->date);
    out->at_joint = true;
    return true;
}

/* The offer of kind 'kind' for interest o (its move 'c'), evaluated through n: promised at its
   own date when the kind says so. */
static pb_status offer(pb_brief *b, const pb_frontier *f, pb__nego *n, const pb__change *c,
                       const char *kind, pb__offer_out *out, pb_interest_offer *o, pb_error *err)
{
    /* an entry moves when the cache grows; the deal it owns does not */
    const pb__nego_entry *e;
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    pb_status rc = pb__nego_evaluate(n, &none, &e, err);
    if (rc)
        return rc;
    const pb_deal_result *plan = e->deal;
    if ((rc = pb__nego_evaluate(n, c, &e, err)))
        return rc;
    const pb_deal_result *move = e->deal;
    o->plan = plan;
    const pb__offer_kind *k = pb__offer_kind_find(kind);
    pb__offer_in in = {b->scenario, f, plan, move, c, b->confidence, plan->people, n};
    bool people = !strcmp(kind, "people");
    if (!plan->feasible || !move->feasible || !f ||
        !(people ? fewest_within(&in, o->head, out) : k->make(&in, out))) {
        snprintf(o->why, sizeof o->why, "%s",
                 !move->feasible ? move->reason
                 : out->why[0]   ? out->why
                                 : "no deal");
        return PB_OK;
    }
    rc = pb__nego_evaluate(n, &out->change, &e, err);
    if (!rc && out->at_joint && e->deal->feasible && isfinite(e->deal->joint_date)) {
        out->change.deadline = pb__up_tenth(e->deal->joint_date);
        rc = pb__nego_evaluate(n, &out->change, &e, err);
    }
    if (rc)
        return rc;
    o->deal = e->deal;
    o->fits = e->deal->feasible && !strcmp(e->deal->verdict, "holds") && out->fits != 0;
    if (e->deal->feasible)
        o->needs = e->deal->date.value;
    return PB_OK;
}

/* Interest x's offer into o. */
static pb_status serve(pb_brief *b, const pb_frontier *f, const pb_interest *x,
                       pb_interest_offer *o, unsigned threads, pb_error *err)
{
    const pb_scenario *s = b->scenario;
    pb__change c;
    pb__offer_out out = {0};
    o->interest = x;
    o->kind = move_of(b, x, &c);
    o->needs = o->lost_date = NAN;
    o->pair_date = o->pair_money = o->plan_pair_date = o->plan_pair_money = NAN;
    o->head = !strcmp(o->kind, "people") ? b->manager_people : 0;
    out.change = (pb__change){NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    out.fits = NAN;
    out.team = malloc((s->n_roles + 1) * sizeof *out.team);
    out.alts = calloc(s->n_choices + 1, sizeof *out.alts);
    out.drop = calloc(s->n_milestones + 1, sizeof *out.drop);
    pb_status rc = PB_OK;
    if (!out.team || !out.alts || !out.drop)
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    else
        rc = offer(b, f, b->interest_nego, &c, o->kind, &out, o, err);
    free(out.team);
    free(out.alts);
    free(out.drop);
    if (rc)
        return rc;
    if (!strcmp(o->kind, "keep-metric") && o->plan)
        lost(b, f, o->plan, o);
    /* "At 80% it needs D and B": a pair that holds together, never the two marginal P80s */
    if (o->deal && o->deal->feasible &&
        (rc = pb__brief_joint_pair_p(b, o->deal, &o->pair_date, &o->pair_money, &o->pair_p, err)))
        return rc;
    if (o->plan && o->plan->feasible &&
        (rc = pb__brief_joint_pair_p(b, o->plan, &o->plan_pair_date, &o->plan_pair_money,
                                     &o->plan_pair_p, err)))
        return rc;
    if (!strcmp(o->kind, "meet-date") && !o->fits)
        return ships(b, x->at, o, threads, err);
    return PB_OK;
}

/* The levers the negotiation n agreed (its choices, the milestones it dropped, its team) as the
   start of interest negotiation x, so that an interest is served from what is agreed, not from
   the plan as written; nothing when there was no negotiation. */
static void agreed_levers(pb__nego *x, const pb__nego *n)
{
    if (!n)
        return;
    const pb_scenario *s = x->s;
    memcpy(x->alts, n->alts, s->n_choices * sizeof *x->alts);
    memcpy(x->drop, n->drop, n->n_drop * sizeof *x->drop);
    x->n_drop = n->n_drop;
    memcpy(x->team, n->team, s->n_roles * sizeof *x->team);
    if (n->people > 0)
        memcpy(x->people_team, n->people_team, s->n_roles * sizeof *x->people_team);
    x->people = n->people;
}

pb_status pb__brief_interests(pb_brief *b, const pb_frontier *f, double deadline, double budget,
                              unsigned threads, pb_error *err)
{
    const pb_scenario *s = b->scenario;
    pb__change c;
    size_t n = 0;
    for (size_t i = 0; i < s->n_interests; i++)
        n += move_of(b, &s->interests[i], &c) != NULL;
    if (!n)
        return PB_OK;
    if (!(b->interest_offers = calloc(n, sizeof *b->interest_offers)) ||
        !(b->interest_nego = malloc(sizeof *b->interest_nego)))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if (!pb__nego_init(b->interest_nego, s, b->seed, threads)) {
        free(b->interest_nego);
        b->interest_nego = NULL;
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    b->interest_nego->opts.iterations = b->interest_nego->opts.max_iterations = b->iterations;
    b->interest_nego->deadline = deadline;
    b->interest_nego->budget = budget;
    agreed_levers(b->interest_nego, b->nego);
    for (size_t i = 0; i < s->n_interests; i++) {
        if (!move_of(b, &s->interests[i], &c))
            continue;
        pb_status rc = serve(b, f, &s->interests[i], &b->interest_offers[b->n_interest_offers++],
                             threads, err);
        if (rc)
            return rc;
    }
    return PB_OK;
}

void pb__brief_interests_free(pb_brief *b)
{
    for (size_t i = 0; i < b->n_interest_offers; i++)
        free(b->interest_offers[i].ships);
    free(b->interest_offers);
    b->interest_offers = NULL;
    b->n_interest_offers = 0;
    if (b->interest_nego)
        pb__nego_release(b->interest_nego);
    free(b->interest_nego);
    b->interest_nego = NULL;
}
