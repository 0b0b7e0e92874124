/*
 * brief_interests.c - the offers that serve the manager's dated interests.
 *
 * For each time interest with a date ('at'), the prep sheet proposes what
 * can be shown by then: the plan with its optional scope dropped, promised
 * at that date within the asked budget, evaluated as a deal (the brief's
 * count and seed, so 'pushback deal' reproduces it); and the milestones
 * whose finish at the confidence is by that date (deliverables first), each
 * a marginal of the brief's base run. The wording that offers it only when
 * the deal holds, and says what would be needed otherwise, is the
 * writers' (report_interests.c).
 */
#include "brief_interests.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>

#include "pushback/rules.h"

#define SHIPS_NAMED 3 /* milestones named when no deliverable is done by the date */

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

/* The milestones done by 'at' at the confidence into o: how many, and by name the deliverables
   among them, or when there is none the SHIPS_NAMED that finish last. */
static bool ships(const pb_brief *b, double at, pb_interest_offer *o)
{
    const pb_scenario *s = b->scenario;
    const pb_result *r = b->base;
    size_t lv = level_of(b->confidence), cap = 1, len = 0, n_del = 0;
    for (size_t k = 0; k < r->n_milestones; k++) {
        cap += strlen(r->milestones[k].name) + 2;
        bool done = r->milestones[k].finish.pct[lv].value <= at;
        o->n_ships += done;
        n_del += done && is_deliverable(s, r->milestones[k].id);
    }
    if (!(o->ships = calloc(cap, 1)))
        return false;
    for (size_t k = 0; k < r->n_milestones; k++) {
        const pb_milestone_result *m = &r->milestones[k];
        if (!(m->finish.pct[lv].value <= at))
            continue;
        if (n_del && !is_deliverable(s, m->id))
            continue;
        if (!n_del) { /* one of the SHIPS_NAMED latest? */
            size_t later = 0;
            for (size_t j = 0; j < r->n_milestones; j++)
                later += r->milestones[j].finish.pct[lv].value <= at &&
                         r->milestones[j].finish.pct[lv].value > m->finish.pct[lv].value;
            if (later >= SHIPS_NAMED)
                continue;
        }
        len += (size_t)snprintf(o->ships + len, cap - len, "%s'%s'", len ? ", " : "", m->name);
    }
    return true;
}

/* The plan without its optional scope, promised at 'at' within the asked budget. */
static pb_status scope_deal(const pb_brief *b, double at, unsigned threads, pb_deal_result **out,
                            pb_error *err)
{
    const pb_scenario *s = b->scenario;
    const char **drop = calloc(s->n_milestones + 1, sizeof *drop);
    if (!drop)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    size_t n = 0;
    for (size_t k = 0; k < s->n_milestones; k++)
        if (s->milestones[k].optional)
            drop[n++] = s->milestones[k].id;
    pb_deal d = {at, NAN, NAN, NULL, 0, NULL, drop, n, NULL, 0};
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = b->iterations;
    o.seed = b->seed;
    o.threads = threads;
    pb_status rc = pb_deal_evaluate(s, &d, &o, out, err);
    free(drop);
    return rc;
}

pb_status pb__brief_interests(pb_brief *b, unsigned threads, pb_error *err)
{
    const pb_scenario *s = b->scenario;
    size_t n = 0;
    for (size_t i = 0; i < s->n_interests; i++)
        n += !strcmp(s->interests[i].topic, "time") && !isnan(s->interests[i].at);
    if (!n)
        return PB_OK;
    if (!(b->interest_offers = calloc(n, sizeof *b->interest_offers)))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    for (size_t i = 0; i < s->n_interests; i++) {
        const pb_interest *x = &s->interests[i];
        if (strcmp(x->topic, "time") || isnan(x->at))
            continue;
        pb_interest_offer *o = &b->interest_offers[b->n_interest_offers++];
        o->interest = x;
        o->needs = NAN;
        pb_status rc = scope_deal(b, x->at, threads, &o->deal, err);
        if (rc)
            return rc;
        if (o->deal->feasible)
            o->needs = o->deal->date.value;
        if (!ships(b, x->at, o))
            return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    return PB_OK;
}

void pb__brief_interests_free(pb_brief *b)
{
    for (size_t i = 0; i < b->n_interest_offers; i++) {
        pb_deal_result_free(b->interest_offers[i].deal);
        free(b->interest_offers[i].ships);
    }
    free(b->interest_offers);
    b->interest_offers = NULL;
    b->n_interest_offers = 0;
}
