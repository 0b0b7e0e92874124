/*
 * deal_eval.c - pb_deal_evaluate: the joint probability of a deal, its
 * verdict, and everything a sentence about the deal may quote.
 *
 * The verdict compares the Wilson interval of P(finish <= D and cost <= B)
 * with the confidence. While the interval straddles it, the count doubles
 * (up to the cap) on the same seed, so a larger run extends the smaller one's
 * draws rather than replacing them. Cost of delay and payback price the date
 * with the proposal's value per unit of time (NEGOTIATION.md, "Value").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>

#include "deal_internal.h"
#include "sim_internal.h"

/*
 * The ask (deadline, budget, confidence) of s as the deal's --set changes leave it: a deal that
 * sets 'ask.deadline' promises that date, as 'pushback simulate --set' would ask it. The sets
 * are applied to a copy (pb__deal_apply_sets, as when the deal's scenario is built).
 */
static pb_status ask_after_sets(const pb_scenario *s, const pb_deal *d, double ask[3],
                                pb_error *err)
{
    ask[0] = s->ask_deadline;
    ask[1] = s->ask_budget;
    ask[2] = s->ask_confidence;
    bool touches = false;
    for (size_t i = 0; i < d->n_sets; i++)
        touches = touches || !strncmp(d->sets[i], "ask.", 4) || !strncmp(d->sets[i], "ask=", 4);
    if (!touches)
        return PB_OK;
    pb_scenario *c = pb_scenario_copy(s);
    if (!c)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    pb_status rc = pb__deal_apply_sets(c, d, err);
    if (!rc) {
        ask[0] = c->ask_deadline;
        ask[1] = c->ask_budget;
        ask[2] = c->ask_confidence;
    }
    pb_scenario_free(c);
    return rc;
}

pb_status pb__deal_ctx_init(pb__deal_ctx *x, const pb_scenario *s, const pb_deal *d,
                            const pb_deal_opts *opts, pb_error *err)
{
    memset(x, 0, sizeof *x);
    x->base = s;
    if (opts)
        x->opts = *opts;
    else
        pb_deal_opts_init(&x->opts);
    if (!x->opts.iterations)
        x->opts.iterations = PB_DEAL_ITERATIONS;
    if (x->opts.max_iterations < x->opts.iterations)
        x->opts.max_iterations = x->opts.iterations;
    if (!x->opts.threads)
        x->opts.threads = 1;
    double ask[3];
    pb_status rc = ask_after_sets(s, d, ask, err);
    if (rc)
        return rc;
    x->deadline = isnan(d->deadline) ? ask[0] : d->deadline;
    x->budget = isnan(d->budget) ? ask[1] : d->budget;
    x->confidence = isnan(d->confidence) ? ask[2] : d->confidence;
    x->metric = x->opts.metric;
    if (isnan(x->confidence))
        x->confidence = 0.8;
    if (!(x->confidence > 0 && x->confidence < 1))
        return pb_error_set(err, PB_ERR_USAGE, s->path, 0,
                            "the confidence must be in (0, 1), got %g", x->confidence);
    bool loops = s->curve.present;
    for (size_t i = 0; i < s->n_milestones; i++)
        loops = loops || s->milestones[i].rounds.max > 0;
    if (x->metric && !loops)
        return pb_error_set(err, PB_ERR_USAGE, s->path, 0,
                            "promising the metric needs experiment rounds ('rounds' on a "
                            "milestone) or a learning curve ('metric'); this plan has neither");
    if (isnan(x->deadline) && isnan(x->budget) && !x->metric)
        return pb_error_set(err, PB_ERR_USAGE, s->path, 0,
                            "a deal needs a deadline or a budget (give --deadline or --budget, "
                            "or 'ask' in the scenario)");
    if (!(isnan(x->deadline) || x->deadline >= 0) || !(isnan(x->budget) || x->budget >= 0))
        return pb_error_set(err, PB_ERR_USAGE, s->path, 0,
                            "the deadline and the budget must be >= 0");
    return PB_OK;
}

/* Copy every name the result quotes into one block it owns, and point there. */
static bool own_strings(pb_deal_result *r)
{
    const char **lists[4] = {r->roles, r->choices, r->alternatives, r->dropped};
    size_t counts[4] = {r->n_roles, r->n_choices, r->n_choices, r->n_dropped}, len = 1;
    for (int l = 0; l < 4; l++)
        for (size_t i = 0; i < counts[l]; i++)
            len += strlen(lists[l][i]) + 1;
    char *p = r->strings = malloc(len);
    if (!p)
        return false;
    for (int l = 0; l < 4; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            size_t n = strlen(lists[l][i]) + 1;
            memcpy(p, lists[l][i], n);
            lists[l][i] = p;
            p += n;
        }
    return true;
}

/* Record what the deal is: its team, its alternatives, its scope. */
static bool describe(pb_deal_result *r, const pb_scenario *base, const pb_scenario *c,
                     const pb_deal *d)
{
    r->n_roles = c->n_roles;
    r->roles = calloc(c->n_roles + 1, sizeof *r->roles);
    r->team = calloc(c->n_roles + 1, sizeof *r->team);
    r->n_choices = base->n_choices;
    r->choices = calloc(base->n_choices + 1, sizeof *r->choices);
    r->alternatives = calloc(base->n_choices + 1, sizeof *r->alternatives);
    r->dropped = calloc(base->n_milestones + 1, sizeof *r->dropped);
    if (!r->roles || !r->team || !r->choices || !r->alternatives || !r->dropped)
        return false;
    r->people = 0;
    for (size_t i = 0; i < c->n_roles; i++) {
        r->roles[i] = base->roles[i].name;
        r->team[i] = c->roles[i].people;
        r->people += c->roles[i].people;
    }
    for (size_t k = 0; k < base->n_choices; k++) {
        r->choices[k] = base->choices[k].id;
        const char *a = d->alternatives ? d->alternatives[k] : NULL;
        const pb_option *op = a ? pb_scenario_option(base, a) : NULL;
        r->alternatives[k] = op ? op->name : base->choices[k].base;
    }
    r->n_dropped = 0;
    for (size_t i = 0; i < base->n_milestones; i++)
        if (!pb_scenario_milestone(c, base->milestones[i].id))
            r->dropped[r->n_dropped++] = base->milestones[i].id;
    r->labour = pb_scenario_labour_name(c);
    r->value_kept = 0;
    for (size_t i = 0; i < base->n_milestones; i++)
        if (base->milestones[i].optional && pb_scenario_milestone(c, base->milestones[i].id))
            r->value_kept += base->milestones[i].value;
    return own_strings(r);
}

static const char *verdict(pb_interval p, double c)
{
    return p.lo >= c ? "holds" : p.hi < c ? "fails" : "too close to call";
}

/* P(finish <= deadline, cost <= budget, every looping milestone met and the learning curve's
   target met at the deal's volume), per iteration on the same draws (docs/ml.md). */
static pb_interval joint_with_curve(const pb__deal_ctx *x, const pb_result *res)
{
    size_t n = res->iterations, k = 0;
    double dl = pb_stats_limit(x->deadline), bl = pb_stats_limit(x->budget);
    for (size_t i = 0; i < n; i++) {
        bool ok = res->curve_met[i] && (isnan(x->deadline) || res->finish_samples[i] <= dl) &&
                  (isnan(x->budget) || res->cost_samples[i] <= bl);
        for (size_t l = 0; ok && l < res->n_rounds; l++)
            ok = res->round_samples[l * n + i] != 0;
        k += ok;
    }
    return pb_stats_wilson(k, n);
}

/* The promise's joint: with the metric promised, every looping milestone met too, and the
   learning curve's target when the plan has one. */
static pb_interval joint_of(const pb__deal_ctx *x, const pb_result *res)
{
    if (x->metric && res->curve_met && (!res->n_rounds || res->round_samples))
        return joint_with_curve(x, res);
    if (x->metric && res->n_rounds)
        return res->p_joint_met;
    /* a promise of no finite date and no budget is kept by every simulated project */
    return res->has_deadline || res->has_budget ? res->p_joint
                                                : pb_stats_wilson(res->iterations, res->iterations);
}

/* The metric's chances in the deal's plan (docs/ml.md). */
static void metric_of(const pb__deal_ctx *x, const pb_result *res, pb_deal_result *r)
{
    r->metric = x->metric && (res->n_rounds || res->has_curve);
    r->has_rounds = res->n_rounds > 0;
    r->p_met = res->p_met;
    r->p_deadline_met = res->p_deadline_met;
    r->has_curve = res->has_curve;
    r->p_curve = res->p_curve;
    r->curve_items = res->has_curve ? res->curve_items : 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The earliest deadline at which the joint with x's budget holds at the confidence: the k-th
   earliest finish among the draws within the budget, k the fewest whose Wilson interval's lower
   end reaches the confidence (NAN: no budget, a metric promised, or too few draws fit). */
static double joint_date(const pb__deal_ctx *x, const pb_result *res)
{
    size_t n = res->iterations, m = 0, k = 0;
    if (isnan(x->budget) || x->metric || !n || !res->finish_samples || !res->cost_samples)
        return NAN;
    while (k < n && pb_stats_wilson(k, n).lo < x->confidence)
        k++;
    double *t = malloc(n * sizeof *t);
    if (!t || k == 0 || k > n) {
        free(t);
        return NAN;
    }
    double lim = pb_stats_limit(x->budget);
    for (size_t i = 0; i < n; i++)
        if (res->cost_samples[i] <= lim)
            t[m++] = res->finish_samples[i];
    double d = NAN;
    if (m >= k) {
        qsort(t, m, sizeof *t, by_value);
        d = t[k - 1];
    }
    free(t);
    return d;
}

/*
 * Run the deal's scenario c on n iterations as pb__deal_run does, into *res;
 * with 'plan', the plan as written too, into *plan, in one run
 * (pb__sim_run_shared: the milestones c leaves as they are take the plan's
 * draws, with the same bits as two runs).
 */
static pb_status run_deal(const pb__deal_ctx *x, const pb_scenario *c, size_t n, pb_result **res,
                          pb_result **plan, pb_error *err)
{
    if (!plan)
        return pb__deal_run(x, c, n, res, err);
    pb_plan *p[2] = {NULL, NULL}; /* the deal's, the plan as written (the donor) */
    pb_status rc = pb_plan_build(c, &p[0], err);
    if (!rc)
        rc = pb_plan_build(x->base, &p[1], err);
    if (!rc) {
        pb_sim_opts o;
        pb__deal_sim_opts(x, n, &o);
        pb_result *out[2];
        rc = pb__sim_run_shared(p[1], (const pb_plan *const *)p, 2, &o, out, err);
        if (!rc) {
            *res = out[0];
            *plan = out[1];
        }
    }
    pb_plan_free(p[0]);
    pb_plan_free(p[1]);
    return rc;
}

/*
 * Simulate, doubling while too close to call; fill the numbers of r. With
 * 'plan', the plan as written runs beside each count (for price), and *plan
 * is its run at the final count.
 */
static pb_status measure(pb__deal_ctx *x, const pb_scenario *c, pb_deal_result *r, pb_result **plan,
                         pb_error *err)
{
    pb_result *res = NULL;
    size_t n = x->opts.iterations;
    for (;;) {
        pb_status rc = run_deal(x, c, n, &res, plan, err);
        if (rc)
            return rc;
        if (!res->has_deadline && !res->has_budget &&
            !(x->metric && (res->n_rounds || res->curve_met)))
            break;
        pb_interval j = joint_of(x, res);
        if (strcmp(verdict(j, x->confidence), "too close to call") ||
            n * 2 > x->opts.max_iterations)
            break;
        pb_result_free(res);
        res = NULL;
        if (plan) {
            pb_result_free(*plan);
            *plan = NULL;
        }
        n *= 2;
    }
    r->joint = joint_of(x, res);
    metric_of(x, res, r);
    r->p_deadline = res->p_deadline;
    r->p_budget = res->p_budget;
    r->duration = res->duration;
    r->cost = res->cost;
    r->date = pb__deal_quantile(res, 0, x->confidence);
    r->money = pb__deal_quantile(res, 1, x->confidence);
    r->iterations = res->iterations;
    r->verdict = verdict(r->joint, x->confidence);
    r->joint_date = joint_date(x, res);
    pb_result_free(res);
    return PB_OK;
}

/* Does the deal change the plan as written (beyond the promise)? */
static bool changes_plan(const pb_scenario *base, const pb_deal_result *r, const pb_deal *d)
{
    bool changed = r->n_dropped > 0 || d->n_sets > 0;
    for (size_t k = 0; k < r->n_choices; k++)
        changed = changed || strcmp(r->alternatives[k], base->choices[k].base);
    for (size_t i = 0; i < r->n_roles; i++)
        changed = changed || r->team[i] != base->roles[i].people;
    return changed;
}

/* Does c have people joining that the plan as written (base) does not? (docs/ml.md) */
static bool adds_joins(const pb_scenario *base, const pb_scenario *c)
{
    for (size_t i = 0; c && i < c->n_roles && i < base->n_roles; i++) {
        const pb_role *a = &base->roles[i], *b = &c->roles[i];
        if (a->n_joins != b->n_joins || a->ramp != b->ramp || a->mentor != b->mentor ||
            (b->n_joins && memcmp(a->joins, b->joins, b->n_joins * sizeof *b->joins)))
            return true;
    }
    return false;
}

/* Does price need a run of the plan as written (beside the deal's)? */
static bool needs_plan_run(const pb__deal_ctx *x, const pb_deal *d, const pb_scenario *c,
                           const pb_deal_result *r)
{
    return (pb__deal_value_rate(x->base) > 0 || adds_joins(x->base, c)) &&
           changes_plan(x->base, r, d);
}

/*
 * Cost of delay against the plan as written, and payback, at the
 * confidence; with people added later, the plan's date to set against.
 * 'plan' is the run of the plan as written at r->iterations, when measure
 * made it (else price runs it).
 */
static pb_status price(pb__deal_ctx *x, const pb_deal *d, const pb_scenario *c, pb_deal_result *r,
                       pb_result *plan, pb_error *err)
{
    r->value_rate = pb__deal_value_rate(x->base);
    r->cost_of_delay = 0;
    r->payback = NAN;
    r->joins_plan_date = NAN;
    bool joins = adds_joins(x->base, c);
    if (!(r->value_rate > 0) && !joins)
        return PB_OK;
    if (r->value_rate > 0)
        r->payback = r->money.value / r->value_rate;
    if (!changes_plan(x->base, r, d))
        return PB_OK; /* the plan itself: no delay against itself, and no second run */
    pb_result *res = plan;
    pb_status rc = res ? PB_OK : pb__deal_run(x, x->base, r->iterations, &res, err);
    if (rc)
        return rc;
    double plan_date = pb__deal_quantile(res, 0, x->confidence).value;
    if (res != plan)
        pb_result_free(res);
    if (joins)
        r->joins_plan_date = plan_date;
    if (r->value_rate > 0)
        r->cost_of_delay = r->value_rate * (r->date.value - plan_date);
    return PB_OK;
}

/* The deal's scenario with its team, or NULL with x->reason set. */
static pb_status staffed(pb__deal_ctx *x, const pb_deal *d, pb_deal_result *r, pb_scenario **out,
                         pb_error *err)
{
    pb_scenario *c = NULL;
    pb_status rc = pb__deal_scenario(x, d, &c, err);
    if (rc || !c)
        return rc;
    if (d->people > 0) {
        r->searched = true;
        rc = pb__deal_people(x, c, d->people, &r->exact, &r->candidates, &r->unused, err);
    } else if (d->team) {
        for (size_t i = 0; i < c->n_roles; i++)
            if (d->team[i] >= 0)
                c->roles[i].people = d->team[i];
    }
    if (!rc && !x->reason[0] && !pb__deal_infeasible(c, x)) {
        pb_error e;
        if (pb_scenario_validate(c, &e))
            snprintf(x->reason, sizeof x->reason, "%.250s", e.msg);
    }
    *out = c;
    return rc;
}

pb_status pb_deal_evaluate(const pb_scenario *s, const pb_deal *d, const pb_deal_opts *opts,
                           pb_deal_result **out, pb_error *err)
{
    return pb__deal_evaluate(s, d, opts, true, out, err);
}

pb_status pb__deal_evaluate(const pb_scenario *s, const pb_deal *d, const pb_deal_opts *opts,
                            bool priced, pb_deal_result **out, pb_error *err)
{
    *out = NULL;
    pb__deal_ctx x;
    pb_status rc = pb__deal_ctx_init(&x, s, d, opts, err);
    if (rc)
        return rc;
    pb_deal_result *r = calloc(1, sizeof *r);
    if (!r)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    r->deadline = x.deadline;
    r->budget = x.budget;
    r->confidence = x.confidence;
    r->seed = x.opts.seed;
    r->payback = NAN;
    r->joins_plan_date = NAN;
    r->joint_date = NAN;
    pb_scenario *c = NULL;
    rc = staffed(&x, d, r, &c, err);
    if (!rc && !describe(r, s, c ? c : s, d))
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    if (!rc && !x.reason[0]) {
        r->feasible = true;
        pb_result *plan = NULL;
        bool both = priced && needs_plan_run(&x, d, c, r);
        if (!(rc = measure(&x, c, r, both ? &plan : NULL, err)) && priced)
            rc = price(&x, d, c, r, plan, err);
        pb_result_free(plan);
    } else if (!rc) {
        memcpy(r->reason, x.reason, sizeof r->reason);
        r->verdict = "infeasible";
    }
    r->scenario = c;
    if (rc) {
        pb_deal_result_free(r);
        return rc;
    }
    *out = r;
    return PB_OK;
}

double pb__deal_value_rate(const pb_scenario *s)
{
    /* calendar days per unit; with a working calendar a day is a working day, of which a
       week holds n_workdays (weeks and months keep their calendar length) */
    double day =
        s->calendar.present && s->calendar.n_workdays > 0 ? 7.0 / s->calendar.n_workdays : 1.0;
    double days = !strcmp(s->unit, "days") ? day : !strcmp(s->unit, "months") ? 30.4375 : 7.0;
    return s->proposal.value_per_day * days;
}
