/*
 * seek_rounds.c - the rounds seek: how many experiment rounds to budget for
 * a looping milestone so that its metric is met at the confidence (see
 * seek.h and docs/ml.md).
 *
 * Round successes are independent of every other draw, so the chance of
 * meeting the metric within k rounds is exact: 1 - prod_{r<=k} (1 - p_r),
 * the truncated geometric when every p_r is p. The smallest such k reaching
 * the confidence is found by walking k up to PB_MAX_ROUNDS. The schedule
 * with that budget (a copy of the scenario with rounds.max = k, every other
 * setting as planned) is simulated with the seek's seed, so its date and
 * P(done by the deadline and met) share the draws of every other trial.
 *
 * A looping gate (gate = true) stops the project on no-go: when its metric
 * is not met within the rounds budgeted, nothing after it is done. What
 * ships then are the deliverables that do not wait for it, if they are done
 * by the time the gate stops: counted over the simulated projects that said
 * no-go.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/plan.h>
#include <pushback/seek.h>
#include <pushback/sim.h>

#include "seek_internal.h"

/* Exact P(metric met within k rounds) of rounds 'rd'. */
static double p_within(const pb_rounds *rd, int k)
{
    double miss = 1.0;
    for (int r = 0; r < k; r++) {
        size_t j = (size_t)r < rd->n_success ? (size_t)r : rd->n_success - 1;
        miss *= 1.0 - rd->success[j];
    }
    return 1.0 - miss;
}

/* Is milestone j of 's' after milestone g, directly or not? seen[]: scratch, n_milestones. */
static bool after_gate(const pb_scenario *s, size_t j, const char *g, unsigned char *seen)
{
    const pb_milestone *m = &s->milestones[j];
    if (seen[j])
        return seen[j] == 2;
    seen[j] = 1; /* the plan has no cycles: a milestone is never its own ancestor */
    bool after = false;
    for (size_t k = 0; k < m->n_after && !after; k++) {
        const pb_milestone *a = pb_scenario_milestone(s, m->after[k]);
        after =
            !strcmp(m->after[k], g) || (a && after_gate(s, (size_t)(a - s->milestones), g, seen));
    }
    seen[j] = after ? 2 : 3;
    return after;
}

/* The index of milestone 'id' in r's plan order (its milestones), or n_milestones. */
static size_t plan_index(const pb_result *r, const char *id)
{
    size_t t = 0;
    while (t < r->n_milestones && strcmp(r->milestones[t].id, id))
        t++;
    return t;
}

/* Milestone i is a looping gate: its no-go branch from run r (kept samples) into q. */
static pb_status gate_report(const pb_scenario *s, size_t i, const pb_result *r, size_t l,
                             pb_seek_rounds *q, pb_error *err)
{
    size_t n = r->iterations, g = plan_index(r, s->milestones[i].id), n_nogo = 0;
    unsigned char *seen = calloc(s->n_milestones, 1);
    double *stop = malloc((n ? n : 1) * sizeof *stop);
    q->ships = calloc(s->n_milestones, sizeof *q->ships);
    if (!seen || !stop || !q->ships) {
        free(seen);
        free(stop);
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    }
    for (size_t it = 0; it < n; it++)
        if (!r->round_samples[l * n + it])
            stop[n_nogo++] = r->ms_finish[g * n + it];
    q->gate = true;
    q->p_nogo = pb_stats_wilson(n_nogo, n);
    q->stop_p50 = n_nogo ? pb_stats_quantile(stop, n_nogo, 0.5).value : NAN;
    q->stop_p80 = n_nogo ? pb_stats_quantile(stop, n_nogo, 0.8).value : NAN;
    for (size_t j = 0; j < s->n_milestones; j++) {
        const pb_milestone *m = &s->milestones[j];
        size_t t = plan_index(r, m->id);
        if (!m->deliverable || j == i || t == r->n_milestones ||
            after_gate(s, j, s->milestones[i].id, seen))
            continue;
        size_t done = 0;
        for (size_t it = 0; it < n; it++)
            if (!r->round_samples[l * n + it])
                done += r->ms_finish[t * n + it] <= r->ms_finish[g * n + it];
        pb_seek_ship *sh = &q->ships[q->n_ships++];
        sh->id = m->id;
        sh->name = m->name;
        sh->p = n_nogo ? (double)done / (double)n_nogo : NAN;
    }
    free(seen);
    free(stop);
    return PB_OK;
}

/* Simulate 's' with milestone i looping at most k rounds; fill the schedule's answers. */
static pb_status simulate_budget(const pb_scenario *s, size_t i, int k, const pb_seek_opts *o,
                                 const pb_seek_result *R, pb_seek_rounds *out, pb_error *err)
{
    pb_scenario *c = pb_scenario_copy(s);
    if (!c)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    pb_rounds *rd = &c->milestones[i].rounds;
    rd->max = k;
    if (rd->n_success > (size_t)k)
        rd->n_success = (size_t)k; /* round r uses success[r - 1]: the first k are kept */
    pb_plan *p = NULL;
    pb_result *res = NULL;
    pb_sim_opts so;
    pb_sim_opts_init(&so);
    so.iterations = o->iterations;
    so.seed = o->seed;
    so.threads = o->threads;
    so.deadline = R->deadline;
    so.cancel = o->cancel;
    so.keep_samples = s->milestones[i].gate;
    pb_status rc = pb_plan_build(c, &p, err);
    if (!rc)
        rc = pb_sim_run(p, &so, &res, err);
    if (!rc) {
        size_t loop = 0;
        for (size_t l = 0; l < res->n_rounds; l++)
            if (!strcmp(res->rounds[l].id, s->milestones[i].id))
                out->p_met = res->rounds[(loop = l)].p_met;
        out->p_joint = res->p_deadline_met;
        double *x = malloc(res->iterations * sizeof *x);
        if (!x) {
            rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        } else {
            memcpy(x, res->finish_samples, res->iterations * sizeof *x);
            out->date = pb_stats_quantile(x, res->iterations, R->confidence).value;
            free(x);
        }
        if (!rc && s->milestones[i].gate)
            rc = gate_report(s, i, res, loop, out, err);
    }
    pb_result_free(res);
    pb_plan_free(p);
    pb_scenario_free(c);
    return rc;
}

pb_status pb__seek_rounds(const pb_scenario *s, const pb_seek_opts *o, pb_seek_result *R,
                          pb_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_milestones; i++)
        n += s->milestones[i].rounds.max > 0;
    if (!n)
        return PB_OK;
    R->rounds = calloc(n, sizeof *R->rounds);
    if (!R->rounds)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    for (size_t i = 0; i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        if (!m->rounds.max)
            continue;
        pb_seek_rounds *q = &R->rounds[R->n_rounds++];
        q->id = m->id;
        q->name = m->name;
        q->planned = m->rounds.max;
        q->p_planned = p_within(&m->rounds, m->rounds.max);
        q->needed = PB_MAX_ROUNDS;
        for (int k = 1; k <= PB_MAX_ROUNDS && !q->feasible; k++) {
            q->p_needed = p_within(&m->rounds, k);
            q->feasible = q->p_needed >= R->confidence - 1e-12;
            if (q->feasible)
                q->needed = k;
        }
        pb_status rc = simulate_budget(s, i, q->needed, o, R, q, err);
        if (rc)
            return rc;
    }
    return PB_OK;
}
