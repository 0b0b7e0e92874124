/*
 * deal.c - evaluating one deal (deal.h).
 *
 * A deal becomes a scenario (a copy of the base with the alternatives, the
 * drops, the --set changes and the team applied, in that order), that
 * scenario becomes a plan, and the plan runs with the deal's seed and count,
 * exactly as 'simulate' would run the same scenario: a deal evaluation and a
 * simulate of the same plan agree to the last digit. A team below what a
 * milestone needs is reported as infeasible with the milestone and the
 * numbers, never rounded up. The --people search lives in deal_people.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>
#include <pushback/plan.h>
#include <pushback/sim.h>

#include "deal_internal.h"

void pb_deal_opts_init(pb_deal_opts *o)
{
    memset(o, 0, sizeof *o);
    o->iterations = PB_DEAL_ITERATIONS;
    o->max_iterations = PB_DEAL_MAX_ITER;
    o->seed = 1;
    o->threads = 1;
}

void pb_deal_result_free(pb_deal_result *r)
{
    if (!r)
        return;
    free(r->roles);
    free(r->team);
    free(r->choices);
    free(r->alternatives);
    free(r->dropped);
    free(r->strings);
    pb_scenario_free(r->scenario);
    free(r);
}

/* ==== Building the deal's scenario ==== */

/*
 * In the deal's own copy, forget the drops of option 'op' that an earlier
 * alternative made already (two alternatives may both drop a milestone).
 */
static void skip_done_drops(pb_scenario *c, pb_option *op)
{
    size_t w = 0;
    for (size_t i = 0; i < op->n_drop; i++) {
        if (pb_scenario_milestone(c, op->drop[i]))
            op->drop[w++] = op->drop[i];
        else
            free(op->drop[i]);
    }
    op->n_drop = w;
}

/* Apply the alternatives; a pair that does not combine makes the deal infeasible. */
static pb_status apply_alternatives(pb_scenario *c, const pb_deal *d, pb__deal_ctx *x,
                                    pb_error *err)
{
    for (size_t k = 0; d->alternatives && k < c->n_choices; k++) {
        const char *alt = d->alternatives[k];
        const pb_choice *ch = &c->choices[k];
        if (!alt || !strcmp(alt, ch->base))
            continue;
        const pb_option *op = pb_scenario_option(c, alt);
        if (!op || op->choice != k)
            return pb_error_set(err, PB_ERR_USAGE, c->path, 0,
                                "choice '%s' has no alternative '%s'", ch->id, alt);
        skip_done_drops(c, &c->options[op - c->options]);
        pb_error e;
        if (pb_scenario_apply_option(c, alt, &e)) {
            snprintf(x->reason, sizeof x->reason,
                     "alternative '%.60s' does not combine with the others chosen: %.120s", alt,
                     e.msg);
            return PB_OK;
        }
    }
    return PB_OK;
}

pb_status pb__deal_apply_sets(pb_scenario *c, const pb_deal *d, pb_error *err)
{
    for (size_t i = 0; i < d->n_sets; i++) {
        const char *eq = strchr(d->sets[i], '=');
        char path[256];
        if (!eq || eq == d->sets[i] || (size_t)(eq - d->sets[i]) >= sizeof path)
            return pb_error_set(err, PB_ERR_USAGE, c->path, 0, "--set needs PATH=VALUE, got '%s'",
                                d->sets[i]);
        snprintf(path, sizeof path, "%.*s", (int)(eq - d->sets[i]), d->sets[i]);
        pb_status rc = pb_scenario_edit(c, path, eq + 1, err);
        if (rc)
            return rc;
    }
    return PB_OK;
}

static pb_status apply_drops_and_sets(pb_scenario *c, const pb_deal *d, pb__deal_ctx *x,
                                      pb_error *err)
{
    pb_status rc;
    for (size_t i = 0; i < d->n_drop && !x->reason[0]; i++) {
        const pb_milestone *m = pb_scenario_milestone(c, d->drop[i]);
        if (!m && pb_scenario_milestone(x->base, d->drop[i]))
            continue; /* an alternative dropped it already */
        if (m && !m->optional)
            return pb_error_set(err, PB_ERR_USAGE, c->path, m->line,
                                "milestone '%s' is not optional: only optional scope can be "
                                "dropped from a deal",
                                d->drop[i]);
        if ((rc = pb_scenario_drop(c, d->drop[i], err)))
            return rc;
    }
    if (!x->reason[0] && (rc = pb__deal_apply_sets(c, d, err)))
        return rc;
    if (d->n_sets && !x->reason[0] && (rc = pb_scenario_validate(c, err)))
        return rc;
    return PB_OK;
}

/* Why 'c' with its team cannot run, into x->reason; false when it can. */
bool pb__deal_infeasible(const pb_scenario *c, pb__deal_ctx *x)
{
    for (size_t i = 0; i < c->n_milestones; i++) {
        const pb_milestone *m = &c->milestones[i];
        if (!m->has_effort)
            continue;
        const pb_role *r = pb_scenario_role(c, m->role);
        int need = m->people_min ? m->people_min : 1, joining = 0;
        for (size_t j = 0; r && j < r->n_joins; j++)
            joining += r->joins[j].people; /* a milestone waits for the people who join */
        if (r && r->people + joining < need) {
            snprintf(x->reason, sizeof x->reason, "'%s' needs %d %s %s, the deal has %d", m->id,
                     need, r->name, need == 1 ? "person" : "people", r->people + joining);
            return true;
        }
    }
    return false;
}

/*
 * The deal's scenario before its team: a copy of the base with the
 * alternatives, drops and sets. *out is NULL (and x->reason set) when the
 * alternatives do not combine.
 */
pb_status pb__deal_scenario(pb__deal_ctx *x, const pb_deal *d, pb_scenario **out, pb_error *err)
{
    *out = NULL;
    pb_scenario *c = pb_scenario_copy(x->base);
    if (!c)
        return pb_error_set(err, PB_ERR_RUN, x->base->path, 0, "out of memory");
    pb_status rc = apply_alternatives(c, d, x, err);
    if (!rc && !x->reason[0])
        rc = apply_drops_and_sets(c, d, x, err);
    if (rc || x->reason[0]) {
        pb_scenario_free(c);
        return rc;
    }
    *out = c;
    return PB_OK;
}

/* ==== Running ==== */

void pb__deal_sim_opts(const pb__deal_ctx *x, size_t n, pb_sim_opts *o)
{
    pb_sim_opts_init(o);
    o->iterations = n;
    o->seed = x->opts.seed;
    o->threads = x->opts.threads;
    o->detail = false;
    o->deadline = x->deadline;
    o->budget = x->budget;
    /* the learning curve's target per iteration, for a joint that promises it */
    o->keep_samples = x->metric && x->base->curve.present;
}

/* One run of scenario c at n iterations (no detail), with the deal's promise. */
pb_status pb__deal_run(const pb__deal_ctx *x, const pb_scenario *c, size_t n, pb_result **out,
                       pb_error *err)
{
    pb_plan *p = NULL;
    pb_status rc = pb_plan_build(c, &p, err);
    if (rc)
        return rc;
    pb_sim_opts o;
    pb__deal_sim_opts(x, n, &o);
    rc = pb_sim_run(p, &o, out, err);
    pb_plan_free(p);
    return rc;
}

/* The q-quantile of the run's finish (k = 0) or cost (k = 1), with its interval. */
pb_interval pb__deal_quantile(const pb_result *r, int k, double q)
{
    pb_interval none = {NAN, NAN, NAN};
    size_t n = r->iterations;
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v || !n) {
        free(v);
        return none;
    }
    memcpy(v, k ? r->cost_samples : r->finish_samples, n * sizeof *v);
    pb_interval y = pb_stats_quantile(v, n, q);
    free(v);
    return y;
}

const char *pb__joining_text(const pb_scenario *s, char *buf, size_t cap)
{
    int more = 0;
    double first = INFINITY, last = -INFINITY;
    for (size_t i = 0; s && i < s->n_roles; i++)
        for (size_t j = 0; j < s->roles[i].n_joins; j++) {
            const pb_join *jn = &s->roles[i].joins[j];
            more += jn->people;
            first = fmin(first, jn->at);
            last = fmax(last, jn->at);
        }
    if (cap)
        buf[0] = '\0';
    if (!more)
        return buf;
    const char *u = !strcmp(s->unit, "days")     ? "day"
                    : !strcmp(s->unit, "months") ? "month"
                                                 : "week";
    const char *in = !strcmp(s->unit, "days") ? "on" : "in";
    if (first == last)
        snprintf(buf, cap, ", %d more joining %s %s %g", more, in, u, first);
    else
        snprintf(buf, cap, ", %d more joining between %s %g and %s %g", more, u, first, u, last);
    return buf;
}

/* "5 people (2 ml, 1 data, 2 embedded)" into buf, then the joins: ", 1 more joining in week 6". */
const char *pb__deal_team_text(const pb_deal_result *r, char *buf, size_t cap)
{
    if (!r->n_roles) {
        snprintf(buf, cap, "no team");
        return buf;
    }
    size_t n =
        (size_t)snprintf(buf, cap, "%d %s (", r->people, r->people == 1 ? "person" : "people");
    const char *sep = "";
    for (size_t i = 0; i < r->n_roles && n < cap; i++) {
        if (!r->team[i] && r->people > 0)
            continue; /* a role the deal frees: none of it is named */
        n += (size_t)snprintf(buf + n, cap - n, "%s%d %s", sep, r->team[i], r->roles[i]);
        sep = ", ";
    }
    if (n < cap)
        n += (size_t)snprintf(buf + n, cap - n, ")");
    if (n < cap)
        pb__joining_text(r->scenario, buf + n, cap - n);
    return buf;
}

double pb_deal_target(const pb_deal_result *r)
{
    if (!r || !r->feasible)
        return NAN;
    return r->has_curve ? r->p_curve.value : r->has_rounds ? r->p_met.value : NAN;
}
