/*
 * brief_manager.c - the proposal page ('brief --for manager'): what the
 * engineer sends, built on a brief that has already run.
 *
 * It evaluates what the prep sheet does not keep, each once and at the
 * brief's iteration count and seed: the plan as asked as a deal (the
 * commitment and its joint probability, so that 'pushback deal' with the
 * same count and seed reproduces it; the brief's scenario asks for the
 * audit's start, so this is the deal the negotiation starts from), the frontier at the brief's
 * confidence (the trade-off table, as 'pushback frontier' computes it) and
 * the risks ranked by exposure (how often a risk fires times what it adds
 * when it does, NEGOTIATION.md section 7).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pushback/page.h"
#include "pushback/plan.h"
#include "pushback/sim.h"

void pb_page_free(pb_page *p)
{
    if (!p)
        return;
    pb_deal_result_free(p->plan);
    pb_frontier_free(p->frontier);
    pb_result_free(p->adopted);
    pb_plan_free(p->adopted_plan);
    free(p->risks);
    free(p);
}

static int by_exposure(const void *a, const void *b)
{
    const pb_page_risk *x = a, *y = b;
    if (x->exposure != y->exposure)
        return x->exposure < y->exposure ? 1 : -1;
    return strcmp(x->id, y->id);
}

/* The brief's risks, largest exposure first. false: out of memory. */
static bool rank_risks(pb_page *p)
{
    const pb_result *r = p->adopted ? p->adopted : p->brief->base;
    if (!r->n_risks)
        return true;
    if (!(p->risks = calloc(r->n_risks, sizeof *p->risks)))
        return false;
    for (size_t k = 0; k < r->n_risks; k++) {
        const pb_risk_result *x = &r->risks[k];
        double delay = isfinite(x->mean_delay) ? x->mean_delay : 0.0;
        p->risks[k] = (pb_page_risk){x->id, x->name, x->fired, delay, x->fired * delay};
    }
    p->n_risks = r->n_risks;
    qsort(p->risks, p->n_risks, sizeof *p->risks, by_exposure);
    return true;
}

/* The plan as asked (the brief's scenario's deadline and budget: the ask after the audit; the
   audit's dominating deal when the prep sheet proposes it instead), as
   'pushback deal' evaluates it at the brief's count: exactly that many iterations, so the page
   states one count. */
static pb_status plan_deal(pb_page *p, unsigned threads, pb_error *err)
{
    const pb_brief *b = p->brief;
    const pb_scenario *s = b->scenario;
    if (isnan(s->ask_deadline) && isnan(s->ask_budget))
        return PB_OK;
    pb_deal d = {NAN, NAN, NAN, NULL, 0, NULL, NULL, 0, NULL, 0};
    if (b->start_dominating && b->start) { /* the deal the sheet proposes instead of the plan */
        d.team = b->start->team;
        d.alternatives = b->start->alternatives;
    }
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = b->iterations;
    o.seed = b->seed;
    o.threads = threads;
    return pb_deal_evaluate(s, &d, &o, &p->plan, err);
}

/* The adopted deal's run (b->start's scenario, as the brief's base run: its count, seed and
   ask, with per-milestone detail), when the sheet adopts a dominating deal: the page is that
   deal's, never the plan as written's. */
static pb_status adopted_run(pb_page *p, unsigned threads, pb_error *err)
{
    const pb_brief *b = p->brief;
    if (!b->start_dominating || !b->start || !b->start->scenario)
        return PB_OK;
    pb_plan *pl = NULL;
    pb_status rc = pb_plan_build(b->start->scenario, &pl, err);
    if (rc)
        return rc;
    pb_sim_opts so;
    pb_sim_opts_init(&so);
    so.iterations = b->iterations;
    so.seed = b->seed;
    so.threads = threads ? threads : 1;
    so.deadline = b->scenario->ask_deadline;
    so.budget = b->scenario->ask_budget;
    p->adopted_plan = pl; /* the run's names are the plan's */
    return pb_sim_run(pl, &so, &p->adopted, err);
}

pb_status pb_page_run(const pb_brief *b, unsigned threads, pb_page **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    pb_page *p = calloc(1, sizeof *p);
    if (!p)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    p->brief = b;
    pb_status rc = plan_deal(p, threads, err);
    if (!rc)
        rc = adopted_run(p, threads, err);
    if (!rc) {
        pb_frontier_opts fo;
        pb_frontier_opts_init(&fo);
        fo.confidence = b->confidence;
        fo.iterations = b->iterations; /* one count for every number on the page */
        fo.seed = b->seed;
        fo.threads = threads;
        rc = pb_frontier_run(b->scenario, &fo, &p->frontier, err);
    }
    if (!rc && !rank_risks(p))
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if (rc) {
        pb_page_free(p);
        return rc;
    }
    *out = p;
    return PB_OK;
}
