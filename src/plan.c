/*
 * plan.c - compiling a validated scenario into flat arrays for the engine.
 *
 * Milestones are put in topological order (Kahn's algorithm, ties in file
 * order, so the order is stable under options that drop or patch
 * milestones). Each gets its samplers (tables shared by shape), its stream
 * keys (hashes of its id, never of its position), its people range resolved
 * against the team, its priority
 * (longest remaining path on mean durations) and bounds on its duration and
 * finish, which the engine uses to store both compactly as 16-bit codes.
 */
#include "pushback/plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/idmap.h"
#include "plan_internal.h"

#define PB_PI   3.14159265358979323846
#define BOUND_U 1e-9 /* unbounded estimates are bounded at their 1 - 1e-9 quantile */

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t pb__stream_key(const char *kind, const char *id)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = kind; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
    for (const char *p = id; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return mix64(h);
}

static double dist_hi(const pb_dist *d)
{
    double hi = pb_dist_hi(d);
    return isfinite(hi) ? hi : pb_dist_quantile(d, 1.0 - BOUND_U);
}

void pb_plan_free(pb_plan *p)
{
    if (!p)
        return;
    pb_scenario_free(p->scenario);
    pb__table_cache_release(&p->tables);
    free(p->ms);
    free(p->risks);
    free(p->needs);
    free(p->preds);
    free(p->succs);
    free(p->groups);
    free(p->phi);
    free(p->role_people);
    free(p->role_alloc);
    free(p->resource_price);
    free(p->resource_ids);
    free(p->loops);
    free(p->round_p);
    free(p->round_kw);
    free(p->round_ks);
    free(p);
}

bool pb__plan_set_people(pb_plan *p, size_t r, int k)
{
    bool ok = true;
    p->role_people[r] = k;
    for (size_t t = 0; t < p->n_ms; t++) {
        pb__pm *m = &p->ms[t];
        if (!m->effort || m->role != (int)r)
            continue;
        m->pmax = m->pmax_decl && m->pmax_decl < k ? m->pmax_decl : k;
        ok = ok && m->pmin <= k && pb__speed(p, m->pmax) > 0;
    }
    return ok;
}

const pb_scenario *pb_plan_scenario(const pb_plan *p)
{
    return p->scenario;
}

size_t pb_plan_n_milestones(const pb_plan *p)
{
    return p->n_ms;
}

const char *pb_plan_milestone_id(const pb_plan *p, size_t i)
{
    return i < p->n_ms ? p->ms[i].id : NULL;
}

/* Min-heap of indices q[0..*n): add v. */
static void index_heap_push(size_t *q, size_t *n, size_t v)
{
    size_t i = (*n)++;
    while (i && q[(i - 1) / 2] > v) {
        q[i] = q[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    q[i] = v;
}

/* Min-heap of indices q[0..*n), *n >= 1: remove and return the smallest. */
static size_t index_heap_pop(size_t *q, size_t *n)
{
    size_t top = q[0], last = q[--*n], i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && q[c + 1] < q[c])
            c++;
        if (last <= q[c])
            break;
        q[i] = q[c];
        i = c;
    }
    if (*n)
        q[i] = last;
    return top;
}

/* Topological order of s's milestones into order[]; false if memory runs out. */
static bool topo_order(const pb_scenario *s, const pb__idmap *idx, size_t *order)
{
    size_t n = s->n_milestones, total = 0;
    size_t *indeg = calloc(n, sizeof *indeg), *start = calloc(n + 1, sizeof *start);
    bool ok = indeg && start;
    size_t *adj = NULL;
    for (size_t i = 0; ok && i < n; i++)
        total += s->milestones[i].n_after;
    if (ok)
        ok = (adj = malloc((total ? total : 1) * sizeof *adj)) != NULL;
    if (ok) {
        /* successor lists: for each pred, the milestones after it */
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < s->milestones[i].n_after; k++) {
                size_t j;
                pb__idmap_get(idx, s->milestones[i].after[k], &j);
                start[j + 1]++;
                indeg[i]++;
            }
        for (size_t i = 0; i < n; i++)
            start[i + 1] += start[i];
        size_t *fill = calloc(n, sizeof *fill);
        ok = fill != NULL;
        for (size_t i = 0; ok && i < n; i++)
            for (size_t k = 0; k < s->milestones[i].n_after; k++) {
                size_t j;
                pb__idmap_get(idx, s->milestones[i].after[k], &j);
                adj[start[j] + fill[j]++] = i;
            }
        free(fill);
    }
    if (ok) {
        size_t head = 0, out = 0;
        size_t *q = malloc(n * sizeof *q);
        ok = q != NULL;
        for (size_t i = 0; ok && i < n; i++)
            if (!indeg[i])
                q[head++] = i;
        /* the ready milestone first in the file goes first: ties keep file order
           (q is a min-heap of file indices; already one, being in ascending order) */
        size_t nq = head;
        while (ok && nq) {
            size_t v = index_heap_pop(q, &nq);
            order[out++] = v;
            for (size_t e = start[v]; e < start[v + 1]; e++)
                if (--indeg[adj[e]] == 0)
                    index_heap_push(q, &nq, adj[e]);
        }
        free(q);
        ok = ok && out == n;
    }
    free(indeg);
    free(start);
    free(adj);
    return ok;
}

/*
 * Experiment rounds: expand each looping milestone's success probabilities
 * to 'max' rounds, derive the streams of every round from the milestone's id
 * (round r's fresh work draw and its success draw), and widen the milestone's
 * bounds and mean duration by the rounds it may take. False when memory runs out.
 */
static bool build_rounds(pb_plan *p, const pb_scenario *s, const size_t *order, double *mean_dur)
{
    size_t slots = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb_rounds *rd = &s->milestones[order[t]].rounds;
        p->n_loops += rd->max > 0;
        slots += (size_t)rd->max;
    }
    if (!p->n_loops)
        return true;
    p->loops = calloc(p->n_loops, sizeof *p->loops);
    p->round_p = calloc(slots, sizeof *p->round_p);
    p->round_kw = calloc(slots, sizeof *p->round_kw);
    p->round_ks = calloc(slots, sizeof *p->round_ks);
    if (!p->loops || !p->round_p || !p->round_kw || !p->round_ks)
        return false;
    size_t l = 0, used = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb_milestone *m = &s->milestones[order[t]];
        const pb_rounds *rd = &m->rounds;
        pb__pm *pm = &p->ms[t];
        if (!rd->max)
            continue;
        p->loops[l++] = t;
        pm->rounds_max = rd->max;
        pm->round0 = used;
        uint64_t kw = pb__stream_key("mr", m->id), ks = pb__stream_key("ms", m->id);
        double reach = 1.0, expect = 0.0; /* P(round r happens), E[rounds] */
        for (int r = 0; r < rd->max; r++) {
            size_t j = (size_t)r < rd->n_success ? (size_t)r : rd->n_success - 1;
            p->round_p[used + r] = rd->success[j];
            p->round_kw[used + r] = r ? mix64(kw + (uint64_t)r * 0x9e3779b97f4a7c15ull) : pm->key;
            p->round_ks[used + r] = mix64(ks + (uint64_t)r * 0x9e3779b97f4a7c15ull);
            expect += reach;
            reach *= 1.0 - rd->success[j];
        }
        used += (size_t)rd->max;
        mean_dur[t] *= expect;
        pm->dur_hi *= rd->max;
    }
    return true;
}

/*
 * Scope growth: the scenario's 'growth' for every effort milestone without
 * its own, a milestone's own 'growth' for it (either kind), each on its own
 * stream; bounds and mean durations widen by 1 + growth.
 */
static pb_status build_growth(pb_plan *p, const pb_scenario *s, const size_t *order,
                              double *mean_dur, pb_error *err)
{
    pb_status rc;
    if (s->has_growth) {
        p->has_growth = true;
        p->key_growth = pb__stream_key("growth", "");
        if ((rc = pb__sampler_init(&p->growth, &s->growth, &p->tables, err)))
            return rc;
    }
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb_milestone *m = &s->milestones[order[t]];
        pb__pm *pm = &p->ms[t];
        const pb_dist *g = m->has_growth ? &m->growth : pm->effort ? &s->growth : NULL;
        pm->growth = m->has_growth ? 1 : pm->effort && s->has_growth ? 0 : -1;
        if (pm->growth < 0)
            continue;
        if (pm->growth == 1) {
            pm->key_growth = pb__stream_key("gm", m->id);
            if ((rc = pb__sampler_init(&pm->own_growth, g, &p->tables, err)))
                return rc;
        }
        mean_dur[t] *= 1.0 + pb_dist_mean(g);
        pm->dur_hi *= 1.0 + dist_hi(g);
    }
    return PB_OK;
}

pb_status pb_plan_build(const pb_scenario *src, pb_plan **out, pb_error *err)
{
    *out = NULL;
    pb_plan *p = calloc(1, sizeof *p);
    pb__idmap idx = {0};
    size_t *order = NULL, *pos = NULL;
    double *mean_dur = NULL;
    size_t *rstart = NULL, *rorder = NULL;
    pb_status rc = PB_OK;
    if (!p)
        return pb_error_set(err, PB_ERR_RUN, src->path, 0, "out of memory");
    pb__table_cache_init(&p->tables);
    if (!(p->scenario = pb_scenario_copy(src)))
        goto oom;
    const pb_scenario *s = p->scenario;
    size_t n = s->n_milestones;
    p->n_ms = n;
    p->n_risks = s->n_risks;
    p->n_groups = s->n_groups;
    p->n_roles = s->n_roles;
    p->n_resources = s->n_resources;
    size_t n_pred = 0, n_need = 0;
    for (size_t i = 0; i < n; i++) {
        n_pred += s->milestones[i].n_after;
        n_need += s->milestones[i].n_needs;
    }
    p->n_needs = n_need;
    p->ms = calloc(n, sizeof *p->ms);
    p->risks = calloc(p->n_risks + 1, sizeof *p->risks);
    p->needs = calloc(n_need + 1, sizeof *p->needs);
    p->preds = calloc(n_pred + 1, sizeof *p->preds);
    p->succs = calloc(n_pred + 1, sizeof *p->succs);
    p->groups = calloc(p->n_groups + 1, sizeof *p->groups);
    p->role_people = calloc(p->n_roles + 1, sizeof *p->role_people);
    p->role_alloc = calloc(p->n_roles + 1, sizeof *p->role_alloc);
    p->resource_price = calloc(p->n_resources + 1, sizeof *p->resource_price);
    p->resource_ids = calloc(p->n_resources + 1, sizeof *p->resource_ids);
    order = malloc(n * sizeof *order);
    pos = malloc(n * sizeof *pos);
    mean_dur = calloc(n, sizeof *mean_dur);
    if (!p->ms || !p->risks || !p->needs || !p->preds || !p->succs || !p->groups ||
        !p->role_people || !p->role_alloc || !p->resource_price || !p->resource_ids || !order ||
        !pos || !mean_dur)
        goto oom;
    if (!pb__idmap_init(&idx, n))
        goto oom;
    for (size_t i = 0; i < n; i++)
        pb__idmap_put(&idx, s->milestones[i].id, i);
    if (!topo_order(s, &idx, order)) {
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory or dependency cycle");
        goto fail;
    }
    for (size_t t = 0; t < n; t++)
        pos[order[t]] = t;
    for (size_t r = 0; r < s->n_roles; r++) {
        p->role_people[r] = s->roles[r].people;
        if (pb_scenario_role_labour(s, &s->roles[r]) == PB_LABOUR_ALLOCATED)
            p->role_alloc[r] = s->roles[r].rate;
    }
    for (size_t r = 0; r < s->n_resources; r++) {
        p->resource_price[r] = s->resources[r].cost;
        p->resource_ids[r] = s->resources[r].id;
    }

    /* shared factor */
    double sh_mean = 1.0, sh_lo = 1.0, sh_hi = 1.0;
    if (s->has_shared) {
        p->has_shared = true;
        if ((rc = pb__sampler_init(&p->shared, &s->shared, &p->tables, err)))
            goto fail;
        p->key_shared = pb__stream_key("shared", "");
        sh_mean = pb_dist_mean(&s->shared);
        sh_lo = pb_dist_lo(&s->shared);
        sh_hi = dist_hi(&s->shared);
    }

    p->overhead = s->overhead;
    for (int k = 1; k < PB_PLAN_SPEEDS; k++) {
        double sp = pb__speed(p, k);
        p->inv_speed[k] = sp > 0 ? 1.0 / sp : 0;
    }
    size_t used_pred = 0, used_need = 0;
    for (size_t t = 0; t < n; t++) {
        const pb_milestone *m = &s->milestones[order[t]];
        pb__pm *pm = &p->ms[t];
        pm->id = m->id;
        pm->name = m->name;
        pm->role = -1;
        pm->group = -1;
        pm->rate = m->rate;
        pm->key = pb__stream_key("m", m->id);
        pm->key_cost = pb__stream_key("c", m->id);
        const pb_dist *w = m->has_effort ? &m->effort : &m->duration;
        if ((rc = pb__sampler_init(&pm->work, w, &p->tables, err)))
            goto fail;
        double wmean = pb_dist_mean(w) * sh_mean, wlo = pb_dist_lo(w) * sh_lo;
        double whi = dist_hi(w) * sh_hi;
        if (m->has_effort) {
            p->contention = true;
            pm->effort = true;
            for (size_t r = 0; r < s->n_roles; r++)
                if (!strcmp(s->roles[r].name, m->role))
                    pm->role = (int)r;
            int people = s->roles[pm->role].people;
            pm->pmin = m->people_min ? m->people_min : 1;
            pm->pmax = m->people_max ? m->people_max : people;
            if (pm->pmax > people)
                pm->pmax = people;
            pm->labour = p->role_alloc[pm->role] > 0 ? 0 : s->roles[pm->role].rate;
            pm->pmax_decl = m->people_max;
            double smin = HUGE_VAL, smax = 0;
            for (int k = pm->pmin; k <= pm->pmax; k++) {
                double sp = pb__speed(p, k);
                smin = fmin(smin, sp);
                smax = fmax(smax, sp);
            }
            mean_dur[t] = wmean / smax;
            pm->dur_lo = wlo / smax;
            pm->dur_hi = whi / smin;
        } else {
            mean_dur[t] = wmean;
            pm->dur_lo = wlo;
            pm->dur_hi = whi;
        }
        if (m->has_cost) {
            pm->has_cost = true;
            if ((rc = pb__sampler_init(&pm->cost, &m->cost, &p->tables, err)))
                goto fail;
        }
        pm->pred0 = used_pred;
        pm->n_pred = m->n_after;
        for (size_t k = 0; k < m->n_after; k++) {
            size_t j;
            pb__idmap_get(&idx, m->after[k], &j);
            p->preds[used_pred++] = pos[j];
        }
        pm->need0 = used_need;
        pm->n_need = m->n_needs;
        for (size_t k = 0; k < m->n_needs; k++) {
            pb__pneed *nd = &p->needs[used_need++];
            for (size_t r = 0; r < s->n_resources; r++)
                if (!strcmp(s->resources[r].id, m->needs[k].resource))
                    nd->resource = r;
            char label[600];
            snprintf(label, sizeof label, "%s/%s", m->id, m->needs[k].resource);
            nd->key = pb__stream_key("n", label);
            if ((rc = pb__sampler_init(&nd->amount, &m->needs[k].amount, &p->tables, err)))
                goto fail;
        }
    }

    /* risks, grouped by milestone in plan order (a counting sort on the plan index) */
    rstart = calloc(n + 1, sizeof *rstart);
    rorder = malloc((s->n_risks + 1) * sizeof *rorder);
    if (!rstart || !rorder)
        goto oom;
    for (size_t r = 0; r < s->n_risks; r++) {
        size_t j;
        pb__idmap_get(&idx, s->risks[r].milestone, &j);
        rstart[pos[j] + 1]++;
    }
    for (size_t t = 0; t < n; t++)
        rstart[t + 1] += rstart[t];
    for (size_t r = 0; r < s->n_risks; r++) {
        size_t j;
        pb__idmap_get(&idx, s->risks[r].milestone, &j);
        rorder[rstart[pos[j]]++] = r;
    }
    size_t used_risk = 0;
    for (size_t t = 0; t < n; t++) {
        pb__pm *pm = &p->ms[t];
        pm->risk0 = used_risk;
        for (size_t q = used_risk; q < rstart[t]; q++) {
            const pb_risk *rk = &s->risks[rorder[q]];
            pb__prisk *pr = &p->risks[used_risk++];
            pr->id = rk->id;
            pr->name = rk->name;
            pr->milestone = t;
            pr->p = rk->probability;
            pr->key_fire = pb__stream_key("r", rk->id);
            pr->key_delay = pb__stream_key("rd", rk->id);
            pr->key_cost = pb__stream_key("rc", rk->id);
            pr->mean_delay = pb_dist_mean(&rk->delay);
            if ((rc = pb__sampler_init(&pr->delay, &rk->delay, &p->tables, err)))
                goto fail;
            if (rk->has_cost) {
                pr->has_cost = true;
                if ((rc = pb__sampler_init(&pr->cost, &rk->cost, &p->tables, err)))
                    goto fail;
            }
            mean_dur[t] += rk->probability * pr->mean_delay;
            pm->dur_hi += dist_hi(&rk->delay);
        }
        pm->n_risk = used_risk - pm->risk0;
    }

    /* successors (CSR), priorities and finish bounds */
    {
        size_t *cnt = calloc(n + 1, sizeof *cnt);
        if (!cnt)
            goto oom;
        for (size_t e = 0; e < n_pred; e++)
            cnt[p->preds[e]]++;
        size_t acc = 0;
        for (size_t t = 0; t < n; t++) {
            p->ms[t].succ0 = acc;
            acc += cnt[t];
            cnt[t] = 0;
        }
        for (size_t t = 0; t < n; t++)
            for (size_t e = p->ms[t].pred0; e < p->ms[t].pred0 + p->ms[t].n_pred; e++) {
                size_t j = p->preds[e];
                p->succs[p->ms[j].succ0 + cnt[j]++] = t;
            }
        for (size_t t = 0; t < n; t++)
            p->ms[t].n_succ = cnt[t];
        free(cnt);
    }
    if (!build_rounds(p, s, order, mean_dur))
        goto oom;
    if ((rc = build_growth(p, s, order, mean_dur, err)))
        goto fail;
    if (s->curve.present) {
        const pb_dist *d[3] = {&s->curve.a, &s->curve.b, &s->curve.c};
        p->has_curve = true;
        for (int k = 0; k < 3; k++) {
            p->key_curve[k] = pb__stream_key("curve", k == 0 ? "a" : k == 1 ? "b" : "c");
            if ((rc = pb__sampler_init(&p->curve[k], d[k], &p->tables, err)))
                goto fail;
        }
    }
    double sum_hi = 0;
    for (size_t t = 0; t < n; t++)
        sum_hi += p->ms[t].dur_hi;
    for (size_t t = n; t-- > 0;) {
        double best = 0;
        for (size_t e = 0; e < p->ms[t].n_succ; e++)
            best = fmax(best, p->ms[p->succs[p->ms[t].succ0 + e]].priority);
        p->ms[t].priority = mean_dur[t] + best;
    }
    p->fin_lo = HUGE_VAL;
    p->fin_hi = 0;
    for (size_t t = 0; t < n; t++) {
        pb__pm *pm = &p->ms[t];
        double lo = 0, hi = 0, mid = 0;
        for (size_t e = pm->pred0; e < pm->pred0 + pm->n_pred; e++) {
            lo = fmax(lo, p->ms[p->preds[e]].fin_lo);
            hi = fmax(hi, p->ms[p->preds[e]].fin_hi);
            mid = fmax(mid, p->ms[p->preds[e]].shift_f);
        }
        pm->shift_d = mean_dur[t];
        pm->shift_f = mid + mean_dur[t];
        pm->fin_lo = lo + pm->dur_lo;
        pm->fin_hi = p->contention ? sum_hi : hi + pm->dur_hi;
        p->fin_lo = fmin(p->fin_lo, pm->fin_lo);
        p->fin_hi = fmax(p->fin_hi, pm->fin_hi);
    }

    /* correlation groups: a Gaussian copula on the members' uniforms */
    for (size_t g = 0; g < s->n_groups; g++) {
        const pb_group *gr = &s->groups[g];
        double r = 2.0 * sin(PB_PI * gr->rho / 6.0); /* Pearson of the normals for rank rho */
        p->groups[g].a = sqrt(r);
        p->groups[g].b = sqrt(fmax(0.0, 1.0 - r));
        p->groups[g].key = pb__stream_key("g", gr->id ? gr->id : gr->milestones[0]);
        for (size_t k = 0; k < gr->n_milestones; k++) {
            size_t j;
            pb__idmap_get(&idx, gr->milestones[k], &j);
            p->ms[pos[j]].group = (int)g;
        }
    }
    if (s->n_groups && !(p->normal = pb__table_normal(&p->tables, err))) {
        rc = PB_ERR_RUN;
        goto fail;
    }
    if (s->n_groups) {
        if (!(p->phi = malloc(2 * (PB_PHI_CELLS + 1) * sizeof *p->phi)))
            goto oom;
        for (int k = 0; k <= PB_PHI_CELLS; k++) {
            double z = -PB_PHI_MAX + 2.0 * PB_PHI_MAX * k / PB_PHI_CELLS;
            p->phi[2 * k] = 0.5 * erfc(-z * 0.70710678118654752440);
            p->phi[2 * k + 1] = exp(-0.5 * z * z) * 0.39894228040143267794;
        }
    }
    pb__idmap_release(&idx);
    free(order);
    free(pos);
    free(mean_dur);
    free(rstart);
    free(rorder);
    *out = p;
    return PB_OK;
oom:
    rc = pb_error_set(err, PB_ERR_RUN, src->path, 0, "out of memory");
fail:
    pb__idmap_release(&idx);
    free(order);
    free(pos);
    free(mean_dur);
    free(rstart);
    free(rorder);
    pb_plan_free(p);
    return rc;
}
