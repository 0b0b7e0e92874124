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
    pb_status rc = pb_plan_build(c, &p, err);
    if (!rc)
        rc = pb_sim_run(p, &so, &res, err);
    if (!rc) {
        for (size_t l = 0; l < res->n_rounds; l++)
            if (!strcmp(res->rounds[l].id, s->milestones[i].id))
                out->p_met = res->rounds[l].p_met;
        out->p_joint = res->p_deadline_met;
        double *x = malloc(res->iterations * sizeof *x);
        if (!x) {
            rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        } else {
            memcpy(x, res->finish_samples, res->iterations * sizeof *x);
            out->date = pb_stats_quantile(x, res->iterations, R->confidence).value;
            free(x);
        }
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
