/*
 * sim_sample.c - the engine's rows of a sub-block: a worker's workspace and
 * the sampling of every estimate into it (see sim_internal.h).
 *
 * A milestone drawn by its own plan is drawn and added up in one pass: its
 * work (through the copula, its rounds and growth), then its risks'
 * firings, delays and costs, its duration's money, its own cost and its
 * needs, each added in plan order. A plan that shares milestones with a
 * donor (compare's options with their base) copies the donor's draws of
 * those milestones instead: the donor only draws (the same values, kept in
 * rows), and the assembly adds them up in the same order as the one-pass
 * path, so the bits are those of a run of the plan alone.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/lanes.h"
#include "base/rng.h"
#include "sim_internal.h"

/* ==== Workspace ==== */

size_t pb__work_sb(size_t n_ms)
{
    /* sub-blocks small enough that the rows stay in cache: about 1 MiB */
    size_t sb = 32768 / (n_ms + 1);
    return sb < 8 ? 8 : sb > 256 ? 256 : sb;
}

void pb__work_release(pb__work *w)
{
    free(w->mem);
    memset(w, 0, sizeof *w);
}

/* Lay the workspace out in 'a' (see arena.h); with contention, the scheduler's too. */
static void work_carve(pb__work *w, const pb_plan *p, pb__arena *a)
{
    size_t n = p->n_ms + 1, sb = w->sb;
    double **per_it[] = {&w->sh, &w->gr, &w->cst, &w->F, &w->tol};
    w->hs = pb__arena_take(a, sb, sizeof *w->hs);
    for (size_t i = 0; i < sizeof per_it / sizeof *per_it; i++)
        *per_it[i] = pb__arena_take(a, sb, sizeof(double));
    w->gz = pb__arena_take(a, (p->n_groups + 1) * sb, sizeof(double));
    double **rows[] = {&w->DUR, &w->DEL, &w->START, &w->FIN, &w->CC};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        *rows[i] = pb__arena_take(a, n * sb, sizeof(double));
    w->NEED = pb__arena_take(a, (p->n_resources + 1) * sb, sizeof(double));
    w->RD = pb__arena_take(a, (p->n_risks + 1) * sb, sizeof(double));
    w->RC = pb__arena_take(a, (p->n_risks + 1) * sb, sizeof(double));
    w->ND = pb__arena_take(a, (p->n_needs + 1) * sb, sizeof(double));
    w->CR = pb__arena_take(a, n * sb, 1);
    w->FIRED = pb__arena_take(a, (p->n_risks + 1) * sb, 1);
    w->RND = pb__arena_take(a, (p->n_loops + 1) * sb, 1);
    w->LV = pb__arena_take(a, (2 * p->n_leaves + 1) * sb, sizeof(double));
    w->order = pb__arena_take(a, n, sizeof(size_t));
    w->loop = pb__arena_take(a, n, sizeof(size_t));
    if (p->contention)
        pb__sched_carve(&w->sc, p, a);
}

/* Milestones by sampling table (tables are compared by address: any fixed order does). */
typedef struct by_table {
    const pb__table *table;
    size_t t;
} by_table;

static int by_table_cmp(const void *a, const void *b)
{
    const by_table *x = a, *y = b;
    uintptr_t p = (uintptr_t)x->table, q = (uintptr_t)y->table;
    if (p != q)
        return p < q ? -1 : 1;
    return x->t < y->t ? -1 : x->t > y->t;
}

/*
 * The order in which milestones' work is drawn (the draws do not depend on
 * it): those sampled from one table together, so that the table is read
 * from the cache while their rows are drawn; and each milestone's index
 * among the looping ones. Without memory for the sort, plan order.
 */
static void work_order(pb__work *w, const pb_plan *p)
{
    size_t loops = 0;
    by_table *bt = malloc((p->n_ms + 1) * sizeof *bt);
    for (size_t t = 0; t < p->n_ms; t++) {
        w->loop[t] = loops;
        loops += p->ms[t].rounds_max > 0;
        w->order[t] = t;
        if (bt)
            bt[t] = (by_table){p->ms[t].work.table, t};
    }
    if (!bt)
        return;
    qsort(bt, p->n_ms, sizeof *bt, by_table_cmp);
    for (size_t t = 0; t < p->n_ms; t++)
        w->order[t] = bt[t].t;
    free(bt);
}

bool pb__work_alloc(pb__work *w, const pb_plan *p, size_t sb)
{
    memset(w, 0, sizeof *w);
    w->sb = sb;
    pb__arena a = {NULL, 0};
    work_carve(w, p, &a);
    if (!pb__arena_open(&a))
        return false;
    w->mem = a.base;
    work_carve(w, p, &a);
    work_order(w, p);
    return true;
}

/* ==== Draws ==== */

void pb__sample_iterations(const pb_plan *p, uint64_t seedk, pb__work *w, size_t it0, size_t k)
{
    size_t sb = w->sb;
    for (size_t i = 0; i < k; i++) {
        w->hs[i] = pb__iter_hash(seedk, it0 + i);
        w->cst[i] = 0;
        w->sh[i] =
            p->has_shared ? pb__sampler_draw(&p->shared, pb__unif(p->key_shared, w->hs[i])) : 1.0;
        w->gr[i] =
            p->has_growth ? pb__sampler_draw(&p->growth, pb__unif(p->key_growth, w->hs[i])) : 0.0;
    }
    for (size_t g = 0; g < p->n_groups; g++)
        for (size_t i = 0; i < k; i++)
            w->gz[g * sb + i] = pb__table_eval(p->normal, pb__unif(p->groups[g].key, w->hs[i]));
    for (size_t r = 0; r < p->n_resources; r++)
        memset(w->NEED + r * sb, 0, k * sizeof(double));
}

void pb__sample_iterations_from(const pb_plan *p, pb__work *w, const pb__work *dw, size_t k)
{
    size_t sb = w->sb;
    memcpy(w->hs, dw->hs, k * sizeof *w->hs);
    memcpy(w->sh, dw->sh, k * sizeof *w->sh);
    memcpy(w->gr, dw->gr, k * sizeof *w->gr);
    memset(w->cst, 0, k * sizeof *w->cst);
    for (size_t g = 0; g < p->n_groups; g++)
        memcpy(w->gz + g * sb, dw->gz + g * dw->sb, k * sizeof *w->gz);
    for (size_t r = 0; r < p->n_resources; r++)
        memset(w->NEED + r * sb, 0, k * sizeof(double));
}

/*
 * Experiment rounds of looping milestone m (the l-th) over k iterations: row
 * x holds round 1's draw; each failed round before the last adds a fresh draw
 * from the next round's own stream. RND gets the rounds taken when the metric
 * was met, else 0 (all max rounds taken).
 */
static void draw_rounds(const pb_plan *p, pb__work *w, const pb__pm *m, size_t l, double *x,
                        size_t k)
{
    const double *ps = p->round_p + m->round0;
    const uint64_t *kw = p->round_kw + m->round0, *ks = p->round_ks + m->round0;
    unsigned char *code = w->RND + l * w->sb;
    int max = m->rounds_max;
    for (size_t i = 0; i < k; i++) {
        int r = 0;
        bool met;
        while (!(met = pb__unif(ks[r], w->hs[i]) < ps[r]) && r + 1 < max) {
            r++;
            x[i] += pb__sampler_draw(&m->work, pb__unif(kw[r], w->hs[i])) * w->sh[i];
        }
        code[i] = met ? (unsigned char)(r + 1) : 0;
    }
}

/*
 * x[i] = the draw of stream key in iteration i times sh[i] (sh NULL: times
 * 1, which is exact, so left out), for k iterations: pb__sampler_draw with
 * its switch taken once for the row (the same arithmetic, so the same bits;
 * a table's cell straight from the hash's bits: pb__table_eval_bits).
 */
static void draw_row(const pb__sampler *s, uint64_t key, const uint64_t *restrict hs,
                     const double *restrict sh, double *restrict x, size_t k)
{
    const double off = s->off, scale = s->scale, c = s->c;
    const pb__table *table = s->table;
    switch (s->kind) {
    case PB__S_TABLE:
        for (size_t i = 0; i < k; i++)
            x[i] = off + scale * pb__table_eval_bits(table, pb__mix64(key ^ hs[i]) >> 12);
        break;
    case PB__S_TRIANGLE:
        for (size_t i = 0; i < k; i++)
            x[i] = off + scale * pb__sampler_triangle(c, pb__unif(key, hs[i]));
        break;
    default:
        for (size_t i = 0; i < k; i++)
            x[i] = pb__sampler_draw(s, pb__unif(key, hs[i]));
    }
    if (sh)
        for (size_t i = 0; i < k; i++)
            x[i] *= sh[i];
}

/* Milestone t's work (or duration) into its DUR row: its draw, through the copula, rounds and
   growth. */
static void draw_work(const pb_plan *p, pb__work *w, size_t t, size_t loop, size_t k)
{
    const pb__pm *m = &p->ms[t];
    double *x = w->DUR + t * w->sb;
    if (m->group < 0) {
        draw_row(&m->work, m->key, w->hs, p->has_shared ? w->sh : NULL, x, k);
    } else {
        const pb__pgroup *g = &p->groups[m->group];
        const double *z0 = w->gz + (size_t)m->group * w->sb;
        for (size_t i = 0; i < k; i++) {
            double u = pb__table_eval(p->normal, pb__unif(m->key, w->hs[i]));
            u = pb__phi(p, g->a * z0[i] + g->b * u);
            x[i] = pb__sampler_draw(&m->work, u) * w->sh[i];
        }
    }
    if (m->rounds_max)
        draw_rounds(p, w, m, loop, x, k);
    if (m->growth == 0)
        for (size_t i = 0; i < k; i++)
            x[i] *= 1.0 + w->gr[i];
    else if (m->growth == 1)
        for (size_t i = 0; i < k; i++)
            x[i] *= 1.0 + pb__sampler_draw(&m->own_growth, pb__unif(m->key_growth, w->hs[i]));
}

/* Milestone m's risks (which fire, their delays and costs), own cost and needs. */
static void draw_rest(const pb_plan *p, pb__work *w, const pb__pm *m, size_t t, size_t k)
{
    size_t sb = w->sb;
    for (size_t r = m->risk0; r < m->risk0 + m->n_risk; r++) {
        const pb__prisk *rk = &p->risks[r];
        unsigned char *fired = w->FIRED + r * sb;
        double *rd = w->RD + r * sb, *rc = w->RC + r * sb;
        for (size_t i = 0; i < k; i++) {
            fired[i] = pb__unif(rk->key_fire, w->hs[i]) < rk->p;
            rd[i] = rc[i] = 0;
            if (fired[i]) {
                rd[i] = pb__sampler_draw(&rk->delay, pb__unif(rk->key_delay, w->hs[i]));
                if (rk->has_cost)
                    rc[i] = pb__sampler_draw(&rk->cost, pb__unif(rk->key_cost, w->hs[i]));
            }
        }
    }
    if (m->has_cost) {
        double *cc = w->CC + t * sb;
        for (size_t i = 0; i < k; i++)
            cc[i] = pb__sampler_draw(&m->cost, pb__unif(m->key_cost, w->hs[i]));
    }
    for (size_t e = m->need0; e < m->need0 + m->n_need; e++) {
        const pb__pneed *nd = &p->needs[e];
        double *x = w->ND + e * sb;
        for (size_t i = 0; i < k; i++)
            x[i] = pb__sampler_draw(&nd->amount, pb__unif(nd->key, w->hs[i]));
    }
}

void pb__sample_draw_all(const pb_plan *p, pb__work *w, size_t k)
{
    for (size_t j = 0; j < p->n_ms; j++)
        draw_work(p, w, w->order[j], w->loop[w->order[j]], k);
    for (size_t t = 0; t < p->n_ms; t++)
        draw_rest(p, w, &p->ms[t], t, k);
}

/* ==== Assembly ==== */

/* Where milestone t's draws are: its own rows, or a donor's milestone d. */
typedef struct source {
    const pb__work *w;
    const pb__pm *m;
    size_t t;
} source;

/* Copy the donor's work row, firings and rounds of milestone t (the l-th looping one). */
static void copy_draws(const pb_plan *p, pb__work *w, size_t t, size_t l, const pb__share *share,
                       const pb__work *dw, size_t k)
{
    size_t sb = w->sb, d = share->from[t];
    const pb__pm *m = &p->ms[t], *dm = &share->donor->ms[d];
    memcpy(w->DUR + t * sb, dw->DUR + d * sb, k * sizeof(double));
    for (size_t j = 0; j < m->n_risk; j++)
        memcpy(w->FIRED + (m->risk0 + j) * sb, dw->FIRED + (dm->risk0 + j) * sb, k);
    if (m->rounds_max)
        memcpy(w->RND + l * sb, dw->RND + share->loop[d] * sb, k);
}

/* A duration milestone's delays into its durations x, and rate x duration into the costs. */
static void add_delay_money(double *x, const double *del, double *cst, double rate, size_t k)
{
    size_t k2 = k & ~(size_t)1;
    pb__v2 r = pb__v2_set(rate);
    for (size_t i = 0; i < k2; i += 2) {
        pb__v2 d = pb__v2_add(pb__v2_load(x + i), pb__v2_load(del + i));
        pb__v2_store(x + i, d);
        pb__v2_store(cst + i, pb__v2_add(pb__v2_load(cst + i), pb__v2_mul(r, d)));
    }
    if (k2 < k) {
        x[k2] += del[k2];
        cst[k2] += rate * x[k2];
    }
}

/*
 * Milestone t's delays, money and needs from its draws at src, added up in
 * the order of a run of this plan alone: each risk's delay and cost where it
 * fired, then a duration milestone's delay and time-based money, its own
 * cost, its needs.
 */
static void assemble(const pb_plan *p, pb__work *w, size_t t, const source *src, size_t k,
                     pb__acc *a)
{
    const pb__pm *m = &p->ms[t];
    size_t sb = w->sb, ss = src->w->sb;
    double *x = w->DUR + t * sb, *del = w->DEL + t * sb;
    memset(del, 0, k * sizeof *del);
    for (size_t j = 0; j < m->n_risk; j++) {
        size_t r = m->risk0 + j, sr = src->m->risk0 + j;
        const unsigned char *fired = w->FIRED + r * sb;
        const double *rd = src->w->RD + sr * ss, *rc = src->w->RC + sr * ss;
        bool has_cost = p->risks[r].has_cost;
        size_t n_fired = 0;
        double dsum = 0;
        for (size_t i = 0; i < k; i++) {
            if (fired[i]) {
                del[i] += rd[i];
                dsum += rd[i];
                n_fired++;
                if (has_cost)
                    w->cst[i] += rc[i];
            }
        }
        a->fired[r] += n_fired;
        a->delay_sum[r] += dsum;
    }
    if (!m->effort)
        add_delay_money(x, del, w->cst, m->rate, k);
    if (m->has_cost) {
        const double *cc = src->w->CC + src->t * ss;
        for (size_t i = 0; i < k; i++)
            w->cst[i] += cc[i];
    }
    for (size_t j = 0; j < m->n_need; j++) {
        const pb__pneed *nd = &p->needs[m->need0 + j];
        const double *amount = src->w->ND + (src->m->need0 + j) * ss;
        double *need = w->NEED + nd->resource * sb;
        for (size_t i = 0; i < k; i++)
            need[i] += amount[i];
    }
}

/*
 * Milestone t's risks, money and needs drawn and added up in one pass (a
 * milestone drawn by its own plan): the same draws as draw_rest, added in
 * the same order as assemble.
 */
static void draw_own(const pb_plan *p, pb__work *w, size_t t, size_t k, pb__acc *a)
{
    const pb__pm *m = &p->ms[t];
    size_t sb = w->sb;
    double *x = w->DUR + t * sb, *del = w->DEL + t * sb;
    memset(del, 0, k * sizeof *del);
    for (size_t r = m->risk0; r < m->risk0 + m->n_risk; r++) {
        const pb__prisk *rk = &p->risks[r];
        unsigned char *fired = w->FIRED + r * sb;
        size_t n_fired = 0;
        double dsum = 0;
        for (size_t i = 0; i < k; i++) {
            fired[i] = pb__unif(rk->key_fire, w->hs[i]) < rk->p;
            if (fired[i]) {
                double d = pb__sampler_draw(&rk->delay, pb__unif(rk->key_delay, w->hs[i]));
                del[i] += d;
                dsum += d;
                n_fired++;
                if (rk->has_cost)
                    w->cst[i] += pb__sampler_draw(&rk->cost, pb__unif(rk->key_cost, w->hs[i]));
            }
        }
        a->fired[r] += n_fired;
        a->delay_sum[r] += dsum;
    }
    if (!m->effort)
        add_delay_money(x, del, w->cst, m->rate, k);
    if (m->has_cost)
        for (size_t i = 0; i < k; i++)
            w->cst[i] += pb__sampler_draw(&m->cost, pb__unif(m->key_cost, w->hs[i]));
    for (size_t e = m->need0; e < m->need0 + m->n_need; e++) {
        const pb__pneed *nd = &p->needs[e];
        double *need = w->NEED + nd->resource * sb;
        for (size_t i = 0; i < k; i++)
            need[i] += pb__sampler_draw(&nd->amount, pb__unif(nd->key, w->hs[i]));
    }
}

void pb__sample_rows(const pb_plan *p, pb__work *w, const pb__share *share, const pb__work *dw,
                     size_t k, pb__acc *a)
{
    /* the work draws first, by table; then, in plan order (the order of the sums), the rest */
    for (size_t j = 0; j < p->n_ms; j++) {
        size_t t = w->order[j];
        if (!share || share->from[t] == SIZE_MAX)
            draw_work(p, w, t, w->loop[t], k);
    }
    for (size_t t = 0; t < p->n_ms; t++) {
        if (share && share->from[t] != SIZE_MAX) {
            source src = {dw, &share->donor->ms[share->from[t]], share->from[t]};
            copy_draws(p, w, t, w->loop[t], share, dw, k);
            assemble(p, w, t, &src, k, a);
        } else {
            draw_own(p, w, t, k, a);
        }
    }
}
