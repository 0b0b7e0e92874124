/*
 * brief_endstate.c - see brief_endstate.h. The dominating deal is the audit
 * finding's own (one alternative, or one role a person up or down); the end
 * state's budget is searched on the agreed deal's own draws (one run of its
 * plan, as pb_deal_evaluate runs it), then evaluated as a deal, so that the
 * budget given back is one the deal holds at.
 */
#include "brief_endstate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>

#include "deal_internal.h"

/* The audit's dominated finding's deal, when it is feasible; else NULL. */
static const pb_deal_result *dominating(const pb_audit *a)
{
    for (size_t i = 0; a && i < a->n_findings; i++)
        if (!strcmp(a->findings[i].kind, "dominated") && a->findings[i].deal &&
            a->findings[i].deal->feasible)
            return a->findings[i].deal;
    return NULL;
}

static bool holds(const pb_deal_result *r)
{
    return r && r->feasible && r->verdict && !strcmp(r->verdict, "holds");
}

/* The change that makes the plan the dominating deal d: its alternatives that differ from the
   plan's (into alts) and its team where it differs from what they give (into team). false: no
   change. */
/* The people of role r once the alternatives in alts (per choice, NULL: the plan's) apply their
   'team' edits, in choice order. */
static int alts_people(const pb_scenario *s, const char *const *alts, size_t r)
{
    int n = s->roles[r].people;
    size_t len = strlen(s->roles[r].name);
    for (size_t k = 0; k < s->n_choices; k++) {
        const pb_option *o = alts[k] ? pb_scenario_option(s, alts[k]) : NULL;
        for (size_t e = 0; o && e < o->n_edits; e++) {
            const char *p = o->edits[e].path;
            if (!strncmp(p, "team.", 5) && !strncmp(p + 5, s->roles[r].name, len) && !p[5 + len])
                n = atoi(o->edits[e].value);
        }
    }
    return n;
}

static bool dominating_change(const pb_scenario *s, const pb_deal_result *d, const char **alts,
                              int *team, pb__change *ch)
{
    bool any = false, tm = false;
    for (size_t k = 0; k < s->n_choices && k < d->n_choices; k++) {
        const pb_option *o = pb_scenario_option(s, d->alternatives[k]);
        if (strcmp(d->alternatives[k], s->choices[k].base) && o && o->choice == k) {
            alts[k] = o->name;
            any = true;
        }
    }
    for (size_t r = 0; r < s->n_roles; r++) {
        team[r] = r < d->n_roles && d->team[r] != alts_people(s, alts, r) ? d->team[r] : -1;
        tm = tm || team[r] >= 0;
    }
    *ch = (pb__change){NAN, NAN, 0, tm ? team : NULL, NULL, NULL, 0, NULL, any ? alts : NULL};
    return any || tm;
}

pb_status pb__brief_adopt_dominating(pb_brief *b, const pb_deal_result **start, pb_error *err)
{
    const pb_deal_result *d = dominating(b->audit);
    if (!d)
        return PB_OK;
    const pb_scenario *s = b->scenario;
    const char **alts = calloc(s->n_choices + 1, sizeof *alts);
    int *team = malloc((s->n_roles + 1) * sizeof *team);
    pb_status rc = PB_OK;
    pb__change ch;
    const pb__nego_entry *e = NULL;
    if (!alts || !team)
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    else if (dominating_change(s, d, alts, team, &ch) &&
             !(rc = pb__nego_evaluate(b->nego, &ch, &e, err)) && holds(e->deal)) {
        /* the dominating deal holds at the audited start: we defend it, not the plan (its
           deal kept before the agreement, which may grow the cache and move its entries) */
        const pb_deal_result *dd = e->deal;
        if (!pb__nego_agree(b->nego, &ch))
            rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        else {
            b->start_plan_target = *start ? pb_deal_target(*start) : NAN;
            *start = dd;
            b->start_dominating = true;
        }
    }
    free(alts);
    free(team);
    return rc;
}

const pb_deal_result *pb__brief_frontier_dominating(const pb_scenario *s, const pb_frontier *f,
                                                    const pb_deal_result *audited)
{
    int people = 0;
    for (size_t r = 0; r < s->n_roles; r++)
        people += s->roles[r].people;
    const pb_frontier_point *best = NULL;
    for (size_t i = 0; f && audited && audited->feasible && i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        if (!p->frontier || !p->deal || !p->deal->feasible || p->deal->n_dropped ||
            p->people > people || p->value_kept < audited->value_kept ||
            p->date > audited->date.value || p->cost > audited->money.value)
            continue;
        double j = p->deal->joint.value, bj = best ? best->deal->joint.value : -1;
        if (!best || j > bj ||
            (j == bj && (p->date < best->date || (p->date == best->date && p->cost < best->cost))))
            best = p;
    }
    return best ? best->deal : NULL;
}

/* v rounded up as an ask is written (money to four significant digits), as the audit does. */
static double money_up(double v)
{
    if (!isfinite(v) || v <= 0)
        return v;
    double step = pow(10, floor(log10(v)) - 3);
    if (step >= 1)
        return ceil(v / step - 1e-9) * step;
    double per = round(1 / step);
    return ceil(v * per - 1e-9) / per;
}

/* The share of r's run done by deadline dl within budget bu, with its Wilson interval. */
static pb_interval joint_at(const pb_result *r, double dl, double bu)
{
    size_t k = 0, n = r->iterations;
    for (size_t i = 0; i < n; i++)
        k += r->finish_samples[i] <= dl && r->cost_samples[i] <= bu;
    return pb_stats_wilson(k, n);
}

/* Does r's run hold jointly by deadline dl within budget bu (its Wilson interval's lower end at
   or above c, as a deal holds)? */
static bool joint_holds(const pb_result *r, double dl, double bu, double c)
{
    return joint_at(r, dl, bu).lo >= c;
}

static pb_status own_run(const pb_brief *b, const pb_deal_result *r, pb_result **res,
                         pb_error *err);

/* The smallest budget at which deal r holds jointly at its deadline, on its own draws, rounded
   up as an ask is written; NAN when none below its budget does. */
static pb_status fair_budget(const pb_brief *b, const pb_deal_result *r, double *out, pb_error *err)
{
    *out = NAN;
    pb_result *res = NULL;
    pb_status rc = own_run(b, r, &res, err);
    if (rc)
        return rc;
    double lo = 0, hi = r->budget;
    if (joint_holds(res, r->deadline, hi, r->confidence)) {
        for (int it = 0; it < 48; it++) {
            double mid = 0.5 * (lo + hi);
            if (joint_holds(res, r->deadline, mid, r->confidence))
                hi = mid;
            else
                lo = mid;
        }
        *out = money_up(hi);
    }
    pb_result_free(res);
    return PB_OK;
}

/* The run of deal r's plan on its own draws (as pb_deal_evaluate runs it), into *res. */
static pb_status own_run(const pb_brief *b, const pb_deal_result *r, pb_result **res, pb_error *err)
{
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = isnan(r->deadline) ? HUGE_VAL : r->deadline;
    d.budget = isnan(r->budget) ? HUGE_VAL : r->budget;
    d.confidence = r->confidence;
    pb__deal_ctx x;
    pb_deal_opts o = b->nego->opts;
    o.metric = false;
    pb_status rc = pb__deal_ctx_init(&x, b->scenario, &d, &o, err);
    return rc ? rc : pb__deal_run(&x, r->scenario, r->iterations, res, err);
}

pb_status pb__brief_joint_pair(const pb_brief *b, const pb_deal_result *r, double *date,
                               double *budget, pb_error *err)
{
    return pb__brief_joint_pair_p(b, r, date, budget, NULL, err);
}

pb_status pb__brief_joint_pair_p(const pb_brief *b, const pb_deal_result *r, double *date,
                                 double *budget, pb_interval *p, pb_error *err)
{
    *date = *budget = NAN;
    if (p)
        *p = (pb_interval){NAN, NAN, NAN};
    if (!r->feasible || !r->scenario || r->metric)
        return PB_OK;
    pb_result *res = NULL;
    pb_status rc = own_run(b, r, &res, err);
    if (rc)
        return rc;
    double lo = r->confidence, hi = 1.0;
    for (int it = 0; it < 40; it++) {
        double q = 0.5 * (lo + hi);
        if (joint_holds(res, pb__deal_quantile(res, 0, q).value, pb__deal_quantile(res, 1, q).value,
                        r->confidence))
            hi = q;
        else
            lo = q;
    }
    double d = pb__up_tenth(pb__deal_quantile(res, 0, hi).value);
    double m = money_up(pb__deal_quantile(res, 1, hi).value);
    if (joint_holds(res, d, m, r->confidence)) {
        *date = d;
        *budget = m;
        if (p)
            *p = joint_at(res, d, m);
    }
    pb_result_free(res);
    return PB_OK;
}

pb_status pb__brief_end_state(pb_brief *b, pb_error *err)
{
    bool joined = b->start_dominating;
    for (size_t i = 0; i < b->n_arguments; i++)
        joined = joined || b->arguments[i].joins;
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    const pb__nego_entry *e, *g;
    pb_status rc = joined ? pb__nego_evaluate(b->nego, &none, &e, err) : PB_OK;
    if (rc || !joined || !holds(e->deal))
        return rc;
    b->end = e->deal;
    b->end_sets = (const char *const *)e->sets;
    b->n_end_sets = e->n_sets;
    double fair = NAN;
    const pb_deal_result *r = e->deal;
    if (r->metric || !r->scenario || isnan(r->budget) || isnan(r->deadline) ||
        (rc = fair_budget(b, r, &fair, err)) || !(fair * (1 + PB_AUDIT_MATERIAL) < r->budget))
        return rc;
    pb__change back = none;
    back.budget = fair;
    if ((rc = pb__nego_evaluate(b->nego, &back, &g, err)) || !holds(g->deal))
        return rc;
    b->end = g->deal;
    b->end_sets = (const char *const *)g->sets;
    b->n_end_sets = g->n_sets;
    b->end_gives_back = r->budget - fair;
    return PB_OK;
}

const pb_milestone_result *pb__brief_first_declared(const pb_scenario *s, const pb_result *r,
                                                    bool gate, size_t *count)
{
    const pb_milestone_result *best = NULL;
    if (count)
        *count = 0;
    for (size_t k = 0; k < r->n_milestones; k++) {
        const pb_milestone_result *m = &r->milestones[k];
        const pb_milestone *sm = pb_scenario_milestone(s, m->id);
        if (!sm || !(gate ? sm->gate : sm->deliverable))
            continue;
        if (count)
            ++*count;
        if (!best || m->finish.pct[PB_P80].value < best->finish.pct[PB_P80].value)
            best = m;
    }
    return best;
}
