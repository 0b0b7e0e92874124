/*
 * sim_samples.c - the ML columns of the per-iteration samples (docs/ml.md):
 * the rounds each looping milestone took, whether the learning curve's
 * target was met, and the plan's scope growth share.
 *
 * The rounds come from the run's own rows. The curve and the growth are
 * drawn from streams of their own keyed by (seed, stream, iteration), so
 * they are redrawn here exactly as the run drew them, for any thread count.
 */
#include <stdlib.h>
#include <string.h>

#include "base/rng.h"
#include "sim_internal.h"

pb_status pb__ml_samples(const pb__run *R, pb_result *res, size_t n, pb_error *err)
{
    const pb_plan *p = R->p;
    size_t m = n ? n : 1;
    unsigned char *rounds = p->n_loops ? malloc(p->n_loops * m) : NULL;
    unsigned char *met = p->has_curve ? malloc(m) : NULL;
    double *growth = p->has_growth ? malloc(m * sizeof *growth) : NULL;
    if ((p->n_loops && !rounds) || (p->has_curve && !met) || (p->has_growth && !growth)) {
        free(rounds);
        free(met);
        free(growth);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    for (size_t l = 0; l < p->n_loops; l++)
        memcpy(rounds + l * n, R->rounds + l * R->cap, n);
    for (size_t i = 0; (met || growth) && i < n; i++) {
        uint64_t h = pb__iter_hash(R->seedk, i);
        if (met)
            met[i] = pb__curve_met(p, h);
        if (growth)
            growth[i] = pb__sampler_draw(&p->growth, pb__unif(p->key_growth, h));
    }
    res->round_samples = rounds;
    res->curve_met = met;
    res->growth_samples = growth;
    return PB_OK;
}
