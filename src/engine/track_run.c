/*
 * track_run.c - the re-forecast beside the original forecast: both
 * simulated with the same options and seed, the slip of P50 and P80, the
 * milestones behind it and the buffer as a critical-chain fever chart.
 *
 * Fever chart (docs/track.md): the buffer is B = P80 - P50 of the original
 * forecast, the planned chain L its P50. The remaining chain is R = the
 * re-forecast's P50 - as_of. Chain completed = (L - R) / L, clamped to
 * [0, 1]; buffer consumed = (as_of + R - L) / B. Zones: green up to
 * 0.1 + 0.6 x completed, red above 0.3 + 0.7 x completed, yellow between.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "track_internal.h"

void pb_track_result_free(pb_track_result *r)
{
    if (!r)
        return;
    pb_result_free(r->before);
    pb_result_free(r->after);
    pb_plan_free(r->plans[0]);
    pb_plan_free(r->plans[1]);
    free(r->slips);
    free(r);
}

void pb_track_fever(pb_track_result *r)
{
    double L = r->p50_before, R = r->p50_after - r->as_of;
    r->buffer = r->p80_before - r->p50_before;
    r->used = r->p50_after - r->p50_before;
    r->progress = L > 0 ? (L - R) / L : 1.0;
    r->progress = r->progress < 0 ? 0 : r->progress > 1 ? 1 : r->progress;
    if (r->buffer > 0)
        r->consumed = r->used / r->buffer;
    else
        r->consumed = r->used > 0 ? 1.0 + r->used : 0.0;
    if (r->consumed > 0.3 + 0.7 * r->progress)
        r->zone = "red";
    else if (r->consumed > 0.1 + 0.6 * r->progress)
        r->zone = "yellow";
    else
        r->zone = "green";
}

static int by_slip(const void *x, const void *y)
{
    const pb_track_slip *a = x, *b = y;
    double da = fabs(a->now - a->planned), db = fabs(b->now - b->planned);
    return da < db ? 1 : da > db ? -1 : strcmp(a->id, b->id);
}

static pb_status slips(const pb_scenario *s, const pb_scenario *rest, const pb_actuals *a,
                       pb_track_result *r, pb_error *err)
{
    r->slips = calloc(s->n_milestones + 1, sizeof *r->slips);
    if (!r->slips)
        return pb_error_set(err, PB_ERR_RUN, a->file, 0, "out of memory");
    for (size_t i = 0; i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        const pb_track_ms *t = pb_actuals_milestone(a, m->id);
        if (!t || t->state == PB_TRACK_TODO)
            continue;
        pb_track_slip *sl = &r->slips[r->n_slips++];
        sl->id = m->id;
        sl->state = t->state;
        sl->effort = m->has_effort;
        sl->planned = pb_dist_mean(m->has_effort ? &m->effort : &m->duration);
        const pb_milestone *mr = &rest->milestones[i];
        sl->now = t->state == PB_TRACK_DONE
                      ? t->actual
                      : t->elapsed + pb_dist_mean(mr->has_effort ? &mr->effort : &mr->duration);
        for (size_t k = 0; k < r->before->n_milestones; k++)
            if (!strcmp(r->before->milestones[k].id, m->id))
                sl->criticality = r->before->milestones[k].criticality;
    }
    qsort(r->slips, r->n_slips, sizeof *r->slips, by_slip);
    return PB_OK;
}

static pb_status simulate(const pb_scenario *s, const pb_sim_opts *o, pb_plan **p, pb_result **out,
                          pb_error *err)
{
    pb_status rc = pb_plan_build(s, p, err);
    return rc ? rc : pb_sim_run(*p, o, out, err);
}

pb_status pb_track_run(const pb_scenario *s, const pb_actuals *a, const pb_sim_opts *o,
                       pb_track_result **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    pb_scenario *rest = NULL;
    pb_status rc = pb_track_remaining(s, a, &rest, err);
    if (rc)
        return rc;
    pb_track_result *r = calloc(1, sizeof *r);
    if (!r) {
        pb_scenario_free(rest);
        return pb_error_set(err, PB_ERR_RUN, a->file, 0, "out of memory");
    }
    r->as_of = isnan(a->as_of) ? 0.0 : a->as_of;
    if (!(rc = simulate(s, o, &r->plans[0], &r->before, err)))
        rc = simulate(rest, o, &r->plans[1], &r->after, err);
    if (!rc) {
        r->p50_before = r->before->duration.pct[PB_P50].value;
        r->p80_before = r->before->duration.pct[PB_P80].value;
        r->p50_after = r->as_of + r->after->duration.pct[PB_P50].value;
        r->p80_after = r->as_of + r->after->duration.pct[PB_P80].value;
        pb_track_fever(r);
        rc = slips(s, rest, a, r, err);
    }
    pb_scenario_free(rest);
    if (rc) {
        pb_track_result_free(r);
        return rc;
    }
    *out = r;
    return PB_OK;
}
