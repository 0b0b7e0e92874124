/*
 * plan.c - compiling a validated scenario into flat arrays for the engine.
 *
 * Milestones are put in topological order (Kahn's algorithm, ties in file
 * order, so the order is stable under options that drop or patch
 * milestones). Each gets its samplers (tables shared by shape), its stream
 * keys (hashes of its id, never of its position), its people range resolved
 * against the team, and what its mean duration, priority (longest remaining
 * path on mean durations) and bounds on its duration and finish are derived
 * from (plan_lever.c); the engine stores durations and finishes compactly as
 * 16-bit codes within those bounds. Each phase of the build is a function of
 * its own, called in order by build_all.
 */
#include "pushback/plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/heap.h"
#include "base/idmap.h"
#include "base/rng.h"
#include "people.h"
#include "plan_internal.h"

#define PB_PI   3.14159265358979323846
#define BOUND_U 1e-9 /* unbounded estimates are bounded at their 1 - 1e-9 quantile */

uint64_t pb__stream_key(const char *kind, const char *id)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = kind; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
    for (const char *p = id; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return pb__mix64(h);
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
    free(p->steps);
    free(p->joins);
    free(p->leaves);
    free(p);
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

size_t pb_plan_n_risks(const pb_plan *p)
{
    return p->n_risks;
}

const char *pb_plan_risk_id(const pb_plan *p, size_t r)
{
    return r < p->n_risks ? p->risks[r].id : NULL;
}

size_t pb_plan_n_roles(const pb_plan *p)
{
    return p->n_roles;
}

int pb_plan_role_people(const pb_plan *p, size_t role)
{
    return role < p->n_roles ? p->role_people[role] : 0;
}

/* Heap order of ready milestones: the first in the file first. */
static bool file_order(const void *ctx, size_t a, size_t b)
{
    (void)ctx;
    return a < b;
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
            size_t v = pb__heap_pop(q, &nq, file_order, NULL);
            order[out++] = v;
            for (size_t e = start[v]; e < start[v + 1]; e++)
                if (--indeg[adj[e]] == 0)
                    pb__heap_push(q, &nq, adj[e], file_order, NULL);
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
 * (round r's fresh work draw and its success draw), and keep the rounds it
 * takes on average (its bounds and mean duration widen by them: derive). False
 * when memory runs out.
 */
static bool build_rounds(pb_plan *p, const pb_scenario *s, const size_t *order)
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
            p->round_kw[used + r] = r ? pb__mix64(kw + (uint64_t)r * PB_RNG_GOLDEN) : pm->key;
            p->round_ks[used + r] = pb__mix64(ks + (uint64_t)r * PB_RNG_GOLDEN);
            expect += reach;
            reach *= 1.0 - rd->success[j];
        }
        used += (size_t)rd->max;
        pm->rounds_expect = expect;
    }
    return true;
}

/*
 * Scope growth: the scenario's 'growth' for every effort milestone without
 * its own, a milestone's own 'growth' for it (either kind), each on its own
 * stream; bounds and mean durations widen by 1 + growth (derive).
 */
static pb_status build_growth(pb_plan *p, const pb_scenario *s, const size_t *order, pb_error *err)
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
        pm->growth_mean = pb_dist_mean(g);
        pm->growth_hi = dist_hi(g);
    }
    return PB_OK;
}

/* ==== Building ==== */

/* The plan's arrays for scenario s (copied into the plan). False when memory runs out. */
static bool plan_alloc(pb_plan *p, size_t n_pred, size_t n_need)
{
    const pb_scenario *s = p->scenario;
    p->n_ms = s->n_milestones;
    p->n_risks = s->n_risks;
    p->n_groups = s->n_groups;
    p->n_roles = s->n_roles;
    p->n_resources = s->n_resources;
    p->n_needs = n_need;
    p->ms = calloc(p->n_ms + 1, sizeof *p->ms);
    p->risks = calloc(p->n_risks + 1, sizeof *p->risks);
    p->needs = calloc(n_need + 1, sizeof *p->needs);
    p->preds = calloc(n_pred + 1, sizeof *p->preds);
    p->succs = calloc(n_pred + 1, sizeof *p->succs);
    p->groups = calloc(p->n_groups + 1, sizeof *p->groups);
    p->role_people = calloc(p->n_roles + 1, sizeof *p->role_people);
    p->role_alloc = calloc(p->n_roles + 1, sizeof *p->role_alloc);
    p->resource_price = calloc(p->n_resources + 1, sizeof *p->resource_price);
    p->resource_ids = calloc(p->n_resources + 1, sizeof *p->resource_ids);
    return p->ms && p->risks && p->needs && p->preds && p->succs && p->groups && p->role_people &&
           p->role_alloc && p->resource_price && p->resource_ids;
}

/* The team (people, allocated rates), the resources, the overhead's speeds, the shared factor. */
static pb_status build_team(pb_plan *p, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    for (size_t r = 0; r < s->n_roles; r++) {
        p->role_people[r] = s->roles[r].people;
        if (pb_scenario_role_labour(s, &s->roles[r]) == PB_LABOUR_ALLOCATED)
            p->role_alloc[r] = s->roles[r].rate;
    }
    for (size_t r = 0; r < s->n_resources; r++) {
        p->resource_price[r] = s->resources[r].cost;
        p->resource_ids[r] = s->resources[r].id;
    }
    p->overhead = s->overhead;
    for (int k = 1; k < PB_PLAN_SPEEDS; k++) {
        double sp = pb__speed(p, k);
        p->inv_speed[k] = sp > 0 ? 1.0 / sp : 0;
    }
    if (!s->has_shared)
        return PB_OK;
    p->has_shared = true;
    p->key_shared = pb__stream_key("shared", "");
    return pb__sampler_init(&p->shared, &s->shared, &p->tables, err);
}

/* Milestone m's work, people range, role and money into plan slot t. */
static pb_status build_work(pb_plan *p, const pb_milestone *m, size_t t, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    pb__pm *pm = &p->ms[t];
    pb_status rc;
    pm->id = m->id;
    pm->name = m->name;
    pm->role = -1;
    pm->group = -1;
    pm->rate = m->rate;
    pm->key = pb__stream_key("m", m->id);
    pm->key_cost = pb__stream_key("c", m->id);
    const pb_dist *w = m->has_effort ? &m->effort : &m->duration;
    if ((rc = pb__sampler_init(&pm->work, w, &p->tables, err)))
        return rc;
    double sh_mean = 1.0, sh_lo = 1.0, sh_hi = 1.0;
    if (s->has_shared) {
        sh_mean = pb_dist_mean(&s->shared);
        sh_lo = pb_dist_lo(&s->shared);
        sh_hi = dist_hi(&s->shared);
    }
    pm->wmean = pb_dist_mean(w) * sh_mean;
    pm->wlo = pb_dist_lo(w) * sh_lo;
    pm->whi = dist_hi(w) * sh_hi;
    if (m->has_effort) {
        p->contention = true;
        pm->effort = true;
        for (size_t r = 0; r < s->n_roles; r++)
            if (!strcmp(s->roles[r].name, m->role))
                pm->role = (int)r;
        int people = s->roles[pm->role].people;
        pm->pmin = m->people_min ? m->people_min : 1;
        pm->pmax_decl = m->people_max;
        pm->pmax = pm->pmax_decl && pm->pmax_decl < people ? pm->pmax_decl : people;
        if (pm->pmax < pm->pmin) /* more than the settled people: it waits for the joins */
            pm->pmax = pm->pmin;
        pm->labour = p->role_alloc[pm->role] > 0 ? 0 : s->roles[pm->role].rate;
    }
    if (!m->has_cost)
        return PB_OK;
    pm->has_cost = true;
    return pb__sampler_init(&pm->cost, &m->cost, &p->tables, err);
}

/* Milestone m's predecessors (as plan slots) and resource needs into plan slot t. */
static pb_status build_links(pb_plan *p, const pb_milestone *m, size_t t, const pb__idmap *idx,
                             const size_t *pos, size_t *used_pred, size_t *used_need, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    pb__pm *pm = &p->ms[t];
    pb_status rc;
    pm->pred0 = *used_pred;
    pm->n_pred = m->n_after;
    for (size_t k = 0; k < m->n_after; k++) {
        size_t j;
        pb__idmap_get(idx, m->after[k], &j);
        p->preds[(*used_pred)++] = pos[j];
    }
    pm->need0 = *used_need;
    pm->n_need = m->n_needs;
    for (size_t k = 0; k < m->n_needs; k++) {
        pb__pneed *nd = &p->needs[(*used_need)++];
        for (size_t r = 0; r < s->n_resources; r++)
            if (!strcmp(s->resources[r].id, m->needs[k].resource))
                nd->resource = r;
        char label[600];
        snprintf(label, sizeof label, "%s/%s", m->id, m->needs[k].resource);
        nd->key = pb__stream_key("n", label);
        if ((rc = pb__sampler_init(&nd->amount, &m->needs[k].amount, &p->tables, err)))
            return rc;
    }
    return PB_OK;
}

/* One risk of the scenario into plan slot q, on milestone slot t. */
static pb_status build_risk(pb_plan *p, const pb_risk *rk, size_t q, size_t t, pb_error *err)
{
    pb__prisk *pr = &p->risks[q];
    pb_status rc;
    pr->id = rk->id;
    pr->name = rk->name;
    pr->milestone = t;
    pr->p = rk->probability;
    pr->key_fire = pb__stream_key("r", rk->id);
    pr->key_delay = pb__stream_key("rd", rk->id);
    pr->key_cost = pb__stream_key("rc", rk->id);
    pr->mean_delay = pb_dist_mean(&rk->delay);
    pr->delay_hi = dist_hi(&rk->delay);
    if ((rc = pb__sampler_init(&pr->delay, &rk->delay, &p->tables, err)))
        return rc;
    if (!rk->has_cost)
        return PB_OK;
    pr->has_cost = true;
    return pb__sampler_init(&pr->cost, &rk->cost, &p->tables, err);
}

/* Risks grouped by milestone in plan order (a counting sort on the plan index). */
static pb_status build_risks(pb_plan *p, const pb__idmap *idx, const size_t *pos, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    size_t n = p->n_ms, *rstart = calloc(n + 1, sizeof *rstart);
    size_t *rorder = malloc((s->n_risks + 1) * sizeof *rorder);
    pb_status rc = PB_OK;
    if (!rstart || !rorder)
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    for (size_t r = 0; !rc && r < s->n_risks; r++) {
        size_t j;
        pb__idmap_get(idx, s->risks[r].milestone, &j);
        rstart[pos[j] + 1]++;
    }
    for (size_t t = 0; !rc && t < n; t++)
        rstart[t + 1] += rstart[t];
    for (size_t r = 0; !rc && r < s->n_risks; r++) {
        size_t j;
        pb__idmap_get(idx, s->risks[r].milestone, &j);
        rorder[rstart[pos[j]]++] = r;
    }
    size_t used = 0;
    for (size_t t = 0; !rc && t < n; t++) {
        p->ms[t].risk0 = used;
        for (; !rc && used < rstart[t]; used++)
            rc = build_risk(p, &s->risks[rorder[used]], used, t, err);
        p->ms[t].n_risk = used - p->ms[t].risk0;
    }
    free(rstart);
    free(rorder);
    return rc;
}

/* Successor lists (CSR) from the predecessor lists. False when memory runs out. */
static bool build_succs(pb_plan *p, size_t n_pred)
{
    size_t n = p->n_ms, *cnt = calloc(n + 1, sizeof *cnt);
    if (!cnt)
        return false;
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
    return true;
}

/* The learning curve's a, b and c on streams of their own. */
static pb_status build_curve(pb_plan *p, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    if (!s->curve.present)
        return PB_OK;
    const pb_dist *d[3] = {&s->curve.a, &s->curve.b, &s->curve.c};
    p->has_curve = true;
    for (int k = 0; k < 3; k++) {
        pb_status rc;
        p->key_curve[k] = pb__stream_key("curve", k == 0 ? "a" : k == 1 ? "b" : "c");
        if ((rc = pb__sampler_init(&p->curve[k], d[k], &p->tables, err)))
            return rc;
    }
    return PB_OK;
}

/* Correlation groups: a Gaussian copula on the members' uniforms, and its normal tables. */
static pb_status build_groups(pb_plan *p, const pb__idmap *idx, const size_t *pos, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    if (!s->n_groups)
        return PB_OK;
    for (size_t g = 0; g < s->n_groups; g++) {
        const pb_group *gr = &s->groups[g];
        double r = 2.0 * sin(PB_PI * gr->rho / 6.0); /* Pearson of the normals for rank rho */
        p->groups[g].a = sqrt(r);
        p->groups[g].b = sqrt(fmax(0.0, 1.0 - r));
        p->groups[g].key = pb__stream_key("g", gr->id ? gr->id : gr->milestones[0]);
        for (size_t k = 0; k < gr->n_milestones; k++) {
            size_t j;
            pb__idmap_get(idx, gr->milestones[k], &j);
            p->ms[pos[j]].group = (int)g;
        }
    }
    if (!(p->normal = pb__table_normal(&p->tables, err)))
        return PB_ERR_RUN;
    if (!(p->phi = malloc(2 * (PB_PHI_CELLS + 1) * sizeof *p->phi)))
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    for (int k = 0; k <= PB_PHI_CELLS; k++) {
        double z = -PB_PHI_MAX + 2.0 * PB_PHI_MAX * k / PB_PHI_CELLS;
        p->phi[2 * k] = 0.5 * erfc(-z * 0.70710678118654752440);
        p->phi[2 * k + 1] = exp(-0.5 * z * z) * 0.39894228040143267794;
    }
    return PB_OK;
}

/* Every milestone in topological order: work, links, then risks, successors and the rest. */
static pb_status build_all(pb_plan *p, const pb__idmap *idx, const size_t *order, const size_t *pos,
                           size_t n_pred, pb_error *err)
{
    const pb_scenario *s = p->scenario;
    size_t used_pred = 0, used_need = 0;
    pb_status rc = build_team(p, err);
    for (size_t t = 0; !rc && t < p->n_ms; t++) {
        const pb_milestone *m = &s->milestones[order[t]];
        if (!(rc = build_work(p, m, t, err)))
            rc = build_links(p, m, t, idx, pos, &used_pred, &used_need, err);
    }
    if (!rc)
        rc = build_risks(p, idx, pos, err);
    if (!rc && !build_succs(p, n_pred))
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    if (!rc && !build_rounds(p, s, order))
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    if (!rc)
        rc = build_growth(p, s, order, err);
    if (!rc)
        rc = build_curve(p, err);
    if (!rc)
        pb__plan_derive(p);
    if (!rc)
        rc = build_groups(p, idx, pos, err);
    return rc;
}

pb_status pb_plan_build(const pb_scenario *src, pb_plan **out, pb_error *err)
{
    *out = NULL;
    pb_plan *p = calloc(1, sizeof *p);
    if (!p)
        return pb_error_set(err, PB_ERR_RUN, src->path, 0, "out of memory");
    pb__table_cache_init(&p->tables);
    pb__idmap idx = {0};
    size_t *order = NULL, *pos = NULL, n = src->n_milestones, n_pred = 0, n_need = 0;
    for (size_t i = 0; i < n; i++) {
        n_pred += src->milestones[i].n_after;
        n_need += src->milestones[i].n_needs;
    }
    pb_status rc = PB_OK;
    if (!(p->scenario = pb_scenario_copy(src)) || !plan_alloc(p, n_pred, n_need) ||
        !(order = malloc((n + 1) * sizeof *order)) || !(pos = malloc((n + 1) * sizeof *pos)) ||
        !pb__idmap_init(&idx, n))
        rc = pb_error_set(err, PB_ERR_RUN, src->path, 0, "out of memory");
    for (size_t i = 0; !rc && i < n; i++)
        pb__idmap_put(&idx, p->scenario->milestones[i].id, i);
    if (!rc && !topo_order(p->scenario, &idx, order))
        rc = pb_error_set(err, PB_ERR_RUN, src->path, 0, "out of memory or dependency cycle");
    for (size_t t = 0; !rc && t < n; t++)
        pos[order[t]] = t;
    if (!rc)
        rc = build_all(p, &idx, order, pos, n_pred, err);
    if (!rc)
        rc = pb__people_plan(p, err);
    pb__idmap_release(&idx);
    free(order);
    free(pos);
    if (rc) {
        pb_plan_free(p);
        return rc;
    }
    *out = p;
    return PB_OK;
}
