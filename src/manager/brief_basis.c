/*
 * brief_basis.c - see brief_basis.h. "What's your confidence based on?" is
 * answered from the estimates' sources even without a calibration history:
 * which estimates are measured from data, which are expert judgement and
 * which are guesses, each weighted by how much of the finish's spread it
 * carries. The weight of an estimate is its Spearman correlation with the
 * finish, squared: the share of the finish's (rank) variance it explains
 * alone, so that a guess off the critical path weighs nothing and the guess
 * that drives the date weighs most.
 */
#include "brief_basis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/calibrate.h>

static size_t source_index(const char *src)
{
    return !strcmp(src, "data") ? 0 : !strcmp(src, "expert") ? 1 : 2;
}

pb_status pb__brief_basis(const pb_scenario *s, const char *text, const pb_result *base,
                          pb__facts *f, pb_error *err)
{
    const char **src = NULL;
    pb_status rc = pb_calibration_sources(s, text, s->path, &src, err);
    if (rc)
        return rc;
    double w[3] = {0, 0, 0}, all = 0, top_w = -1;
    size_t n[3] = {0, 0, 0};
    const char *top = NULL, *top_src = NULL;
    for (size_t k = 0; base && k < base->n_milestones; k++) {
        const pb_milestone *m = pb_scenario_milestone(s, base->milestones[k].id);
        if (!m)
            continue;
        size_t i = source_index(src[m - s->milestones]);
        double r = base->milestones[k].sensitivity;
        double v = isfinite(r) ? r * r : 0.0;
        w[i] += v;
        all += v;
        n[i]++;
        if (i > 0 && v > top_w) {
            top_w = v;
            top = m->name;
            top_src = i == 1 ? "expert judgement" : "guess";
        }
    }
    free(src);
    size_t count = n[0] + n[1] + n[2];
    bool by_count = !(all > 0);
    static const char *const shares[] = {"source.var_data", "source.var_expert",
                                         "source.var_guess"};
    static const char *const counts[] = {"source.n_data", "source.n_expert", "source.n_guess"};
    for (size_t i = 0; i < 3; i++) {
        double share = by_count ? (count ? (double)n[i] / (double)count : NAN) : w[i] / all;
        pb__facts_set(f, shares[i], share);
        pb__facts_set(f, counts[i], (double)n[i]);
    }
    pb__facts_set(f, "source.by_count", by_count ? 1.0 : 0.0);
    if (top) {
        pb__facts_set_text(f, "source.top", top);
        pb__facts_set_text(f, "source.top_source", top_src);
    }
    return PB_OK;
}
