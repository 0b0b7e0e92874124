/*
 * sim_share.c - which milestones of a plan can take their draws from a
 * donor plan (see pb__share in sim_internal.h).
 *
 * Every draw is a function of (seed, stream key, iteration) and of the
 * distribution it goes through, so two milestones with the same streams and
 * the same distributions draw the same values. A milestone of plan p shares
 * the donor's milestone with the same id when its work, rounds, growth,
 * copula group, own cost, risks and needs have equal keys and equal
 * samplers; the tables behind samplers are a function of their shape, so
 * equal shapes mean equal tables. Anything else is drawn by p itself. The
 * milestones are matched in plan order (options keep the base's order; a
 * milestone out of order is simply not shared).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

static bool same_dist(const pb_dist *a, const pb_dist *b)
{
    return a->kind == b->kind && a->value == b->value && a->min == b->min && a->mode == b->mode &&
           a->max == b->max && a->lambda == b->lambda && a->p10 == b->p10 && a->p90 == b->p90 &&
           a->mean == b->mean && a->sd == b->sd;
}

static bool same_sampler(const pb__sampler *a, const pb__sampler *b)
{
    if (a->kind != b->kind || a->off != b->off || a->scale != b->scale || a->c != b->c)
        return false;
    if (!a->table || !b->table)
        return a->table == b->table;
    return a->table == b->table || same_dist(&a->table->shape, &b->table->shape);
}

/* The per-iteration draws every milestone reads: shared factor, growth, copula tables. */
static bool same_iterations(const pb_plan *d, const pb_plan *p)
{
    if (d->has_shared != p->has_shared || d->has_growth != p->has_growth)
        return false;
    if (d->has_shared && (d->key_shared != p->key_shared || !same_sampler(&d->shared, &p->shared)))
        return false;
    if (d->has_growth && (d->key_growth != p->key_growth || !same_sampler(&d->growth, &p->growth)))
        return false;
    /* the normal table and the CDF table are built from constants: present or not */
    return (d->normal == NULL) == (p->normal == NULL);
}

static bool same_risks(const pb_plan *d, const pb__pm *dm, const pb_plan *p, const pb__pm *m)
{
    if (dm->n_risk != m->n_risk)
        return false;
    for (size_t j = 0; j < m->n_risk; j++) {
        const pb__prisk *a = &d->risks[dm->risk0 + j], *b = &p->risks[m->risk0 + j];
        if (a->p != b->p || a->key_fire != b->key_fire || a->key_delay != b->key_delay ||
            !same_sampler(&a->delay, &b->delay) || a->has_cost != b->has_cost)
            return false;
        if (a->has_cost && (a->key_cost != b->key_cost || !same_sampler(&a->cost, &b->cost)))
            return false;
    }
    return true;
}

static bool same_needs_rounds(const pb_plan *d, const pb__pm *dm, const pb_plan *p, const pb__pm *m)
{
    if (dm->n_need != m->n_need || dm->rounds_max != m->rounds_max)
        return false;
    for (size_t j = 0; j < m->n_need; j++) {
        const pb__pneed *a = &d->needs[dm->need0 + j], *b = &p->needs[m->need0 + j];
        if (a->key != b->key || !same_sampler(&a->amount, &b->amount))
            return false;
    }
    for (int r = 0; r < m->rounds_max; r++)
        if (d->round_p[dm->round0 + r] != p->round_p[m->round0 + r] ||
            d->round_kw[dm->round0 + r] != p->round_kw[m->round0 + r] ||
            d->round_ks[dm->round0 + r] != p->round_ks[m->round0 + r])
            return false;
    return true;
}

/* Does milestone m of p draw exactly what milestone dm of the donor d draws? */
static bool same_draws(const pb_plan *d, const pb__pm *dm, const pb_plan *p, const pb__pm *m)
{
    if (strcmp(dm->id, m->id) || dm->key != m->key || !same_sampler(&dm->work, &m->work))
        return false;
    if (dm->growth != m->growth || dm->has_cost != m->has_cost)
        return false;
    if (m->growth == 1 &&
        (dm->key_growth != m->key_growth || !same_sampler(&dm->own_growth, &m->own_growth)))
        return false;
    if (m->has_cost && (dm->key_cost != m->key_cost || !same_sampler(&dm->cost, &m->cost)))
        return false;
    if ((dm->group < 0) != (m->group < 0))
        return false;
    if (m->group >= 0) {
        const pb__pgroup *a = &d->groups[dm->group], *b = &p->groups[m->group];
        if (a->key != b->key || a->a != b->a || a->b != b->b)
            return false;
    }
    return same_risks(d, dm, p, m) && same_needs_rounds(d, dm, p, m);
}

void pb__share_release(pb__share *sh)
{
    free(sh->from);
    free(sh->loop);
    memset(sh, 0, sizeof *sh);
}

bool pb__share_build(pb__share *sh, const pb_plan *d, const pb_plan *p)
{
    memset(sh, 0, sizeof *sh);
    sh->donor = d;
    sh->from = malloc((p->n_ms + 1) * sizeof *sh->from);
    sh->loop = calloc(d->n_ms + 1, sizeof *sh->loop);
    if (!sh->from || !sh->loop) {
        pb__share_release(sh);
        return false;
    }
    for (size_t l = 0; l < d->n_loops; l++)
        sh->loop[d->loops[l]] = l;
    bool any = same_iterations(d, p);
    sh->iterations = any && d->n_groups == p->n_groups;
    for (size_t g = 0; sh->iterations && g < p->n_groups; g++)
        sh->iterations = d->groups[g].key == p->groups[g].key;
    size_t j = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        sh->from[t] = SIZE_MAX;
        if (!any)
            continue;
        size_t k = j;
        while (k < d->n_ms && strcmp(d->ms[k].id, p->ms[t].id))
            k++;
        if (k == d->n_ms)
            continue; /* not in the donor (or out of order): drawn by p */
        j = k + 1;
        if (same_draws(d, &d->ms[k], p, &p->ms[t])) {
            sh->from[t] = k;
            sh->n_shared++;
        }
    }
    return true;
}
