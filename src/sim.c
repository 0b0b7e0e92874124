/*
 * sim.c - the Monte Carlo engine.
 *
 * Work is cut into blocks of PB_SIM_BLOCK iterations. Worker threads take
 * blocks in order from a shared counter; what a block produces per iteration
 * (finish, cost, needs, and 16-bit codes of every milestone's duration and
 * finish for the first 'detail' iterations) is written straight into arrays
 * at the iteration's index, and what it accumulates (sums, extremes,
 * criticality and risk counts) goes into a slot of a small ring that is
 * merged into the totals strictly in block order. Draws are a counter-based
 * function of (seed, stream key, iteration), so a block's numbers depend
 * only on the seed and the block: any thread count gives identical bits.
 *
 * Scheduling has two paths (schedule.c). Plans where nobody's time is
 * contended use the forward pass (start = latest predecessor finish) over
 * rows of iterations. Plans with effort milestones run the event-driven list
 * schedule one iteration at a time. Each worker thread holds its rows and
 * its scheduler in one arena, allocated once per round.
 *
 * Summaries come last (sim_summary.c). What a run will hold is computed
 * before anything is allocated (pb_sim_memory), and a run past the limit is
 * refused. An interrupt is seen before every sub-block of iterations.
 */
#include "pushback/sim.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/parallel.h"
#include "base/rng.h"
#include "schedule.h"
#include "sim_internal.h"

#define DETAIL_BUDGET ((size_t)256 << 20) /* bytes of codes at most */

/* ==== Options ==== */

void pb_sim_opts_init(pb_sim_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_iterations = 2000000;
    o->min_iterations = 16384;
    o->seed = 1;
    o->threads = 1;
    o->detail = true;
    o->detail_cap = (size_t)1 << 20;
    o->memory_limit = PB_SIM_MEMORY;
    o->deadline = NAN;
    o->budget = NAN;
}

/* ==== Accumulators ==== */

static bool acc_alloc(pb__acc *a, size_t n_ms, size_t n_risks, size_t n_roles)
{
    a->labour = calloc(n_roles + 1, sizeof *a->labour);
    a->ms = calloc(n_ms ? n_ms : 1, sizeof *a->ms);
    a->fired = calloc(n_risks + 1, sizeof *a->fired);
    a->fired_fsum = calloc(n_risks + 1, sizeof *a->fired_fsum);
    a->delay_sum = calloc(n_risks + 1, sizeof *a->delay_sum);
    return a->ms && a->fired && a->fired_fsum && a->delay_sum && a->labour;
}

static void acc_release(pb__acc *a)
{
    free(a->ms);
    free(a->fired);
    free(a->fired_fsum);
    free(a->delay_sum);
    free(a->labour);
}

static void acc_zero(pb__acc *a, size_t n_ms, size_t n_risks, size_t n_roles)
{
    memset(a->labour, 0, n_roles * sizeof *a->labour);
    for (size_t t = 0; t < n_ms; t++) {
        pb__acc_ms *m = &a->ms[t];
        memset(m, 0, sizeof *m);
        m->d_min = m->f_min = HUGE_VAL;
        m->d_max = m->f_max = -HUGE_VAL;
    }
    memset(a->fired, 0, n_risks * sizeof *a->fired);
    memset(a->fired_fsum, 0, n_risks * sizeof *a->fired_fsum);
    memset(a->delay_sum, 0, n_risks * sizeof *a->delay_sum);
    a->fsum = 0;
    a->n = 0;
}

static void acc_merge(pb__acc *into, const pb__acc *a, size_t n_ms, size_t n_risks, size_t n_roles)
{
    for (size_t r = 0; r < n_roles; r++)
        into->labour[r] += a->labour[r];
    for (size_t t = 0; t < n_ms; t++) {
        pb__acc_ms *d = &into->ms[t];
        const pb__acc_ms *s = &a->ms[t];
        d->d_sum += s->d_sum;
        d->d_ss += s->d_ss;
        d->d_min = fmin(d->d_min, s->d_min);
        d->d_max = fmax(d->d_max, s->d_max);
        d->f_sum += s->f_sum;
        d->f_ss += s->f_ss;
        d->f_min = fmin(d->f_min, s->f_min);
        d->f_max = fmax(d->f_max, s->f_max);
        d->crit += s->crit;
        d->by_deadline += s->by_deadline;
    }
    for (size_t r = 0; r < n_risks; r++) {
        into->fired[r] += a->fired[r];
        into->fired_fsum[r] += a->fired_fsum[r];
        into->delay_sum[r] += a->delay_sum[r];
    }
    into->fsum += a->fsum;
    into->n += a->n;
}

/* ==== Per-thread workspace ==== */

typedef struct work {
    /* rows of a sub-block: row t holds milestone t for sb consecutive iterations */
    size_t sb;
    uint64_t *hs;                    /* per iteration: the hash of its index */
    double *sh, *cst, *F, *tol;      /* per iteration: shared factor, cost, finish, tolerance */
    double *gr;                      /* per iteration: the plan's scope growth */
    double *gz;                      /* [group][sb]: group normals */
    double *DUR, *DEL, *START, *FIN; /* [milestone][sb] */
    double *NEED;                    /* [resource][sb] */
    unsigned char *CR, *FIRED;       /* [milestone][sb], [risk][sb] */
    unsigned char *RND;              /* [looping milestone][sb]: rounds when met, 0 when not */
    double *LV;                      /* [2 attrition][sb]: as R->leave */
    pb__sched sc;                    /* one iteration, for the event-driven scheduler */
    void *mem;                       /* the arena every array above lives in */
} work;

static void work_release(work *w)
{
    free(w->mem);
    memset(w, 0, sizeof *w);
}

/* Lay the workspace out in 'a' (see arena.h); with contention, the scheduler's too. */
static void work_carve(work *w, const pb_plan *p, pb__arena *a)
{
    size_t n = p->n_ms + 1, sb = w->sb;
    double **per_it[] = {&w->sh, &w->gr, &w->cst, &w->F, &w->tol};
    w->hs = pb__arena_take(a, sb, sizeof *w->hs);
    for (size_t i = 0; i < sizeof per_it / sizeof *per_it; i++)
        *per_it[i] = pb__arena_take(a, sb, sizeof(double));
    w->gz = pb__arena_take(a, (p->n_groups + 1) * sb, sizeof(double));
    double **rows[] = {&w->DUR, &w->DEL, &w->START, &w->FIN};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        *rows[i] = pb__arena_take(a, n * sb, sizeof(double));
    w->NEED = pb__arena_take(a, (p->n_resources + 1) * sb, sizeof(double));
    w->CR = pb__arena_take(a, n * sb, 1);
    w->FIRED = pb__arena_take(a, (p->n_risks + 1) * sb, 1);
    w->RND = pb__arena_take(a, (p->n_loops + 1) * sb, 1);
    w->LV = pb__arena_take(a, (2 * p->n_leaves + 1) * sb, sizeof(double));
    if (p->contention)
        pb__sched_carve(&w->sc, p, a);
}

/* One allocation for the worker: measure, allocate, carve. False when memory runs out. */
static bool work_alloc(work *w, const pb_plan *p)
{
    memset(w, 0, sizeof *w);
    /* sub-blocks small enough that the rows stay in cache: about 1 MiB */
    size_t sb = 32768 / (p->n_ms + 1);
    w->sb = sb < 8 ? 8 : sb > 256 ? 256 : sb;
    pb__arena a = {NULL, 0};
    work_carve(w, p, &a);
    if (!pb__arena_open(&a))
        return false;
    w->mem = a.base;
    work_carve(w, p, &a);
    return true;
}

/* ==== Sampling ==== */

/*
 * Experiment rounds of looping milestone m (the l-th) over k iterations: row
 * x holds round 1's draw; each failed round before the last adds a fresh draw
 * from the next round's own stream. RND gets the rounds taken when the metric
 * was met, else 0 (all max rounds taken).
 */
static void sample_rounds(const pb_plan *p, work *w, const pb__pm *m, size_t l, double *x, size_t k)
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

/* Per iteration of [it0, it0 + k): its hash, the shared factor, the growth and the group normals.
 */
static void sample_iterations(const pb__run *R, work *w, size_t it0, size_t k)
{
    const pb_plan *p = R->p;
    size_t sb = w->sb;
    for (size_t i = 0; i < k; i++) {
        w->hs[i] = pb__mix64(R->seedk + (it0 + i) * PB_RNG_GOLDEN);
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

/* Milestone t's work (or duration) into x: its draw, through the copula, rounds and growth. */
static void sample_work(const pb_plan *p, work *w, size_t t, size_t loop, double *x, size_t k)
{
    const pb__pm *m = &p->ms[t];
    if (m->group < 0) {
        for (size_t i = 0; i < k; i++)
            x[i] = pb__sampler_draw(&m->work, pb__unif(m->key, w->hs[i])) * w->sh[i];
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
        sample_rounds(p, w, m, loop, x, k);
    if (m->growth == 0)
        for (size_t i = 0; i < k; i++)
            x[i] *= 1.0 + w->gr[i];
    else if (m->growth == 1)
        for (size_t i = 0; i < k; i++)
            x[i] *= 1.0 + pb__sampler_draw(&m->own_growth, pb__unif(m->key_growth, w->hs[i]));
}

/* Milestone m's risks: which fire, their delays into del and their costs. */
static void sample_risks(const pb_plan *p, work *w, const pb__pm *m, double *del, size_t k,
                         pb__acc *a)
{
    memset(del, 0, k * sizeof *del);
    for (size_t r = m->risk0; r < m->risk0 + m->n_risk; r++) {
        const pb__prisk *rk = &p->risks[r];
        unsigned char *fired = w->FIRED + r * w->sb;
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
}

/* Milestone m's money (a duration milestone's time-based money too) and resource needs. */
static void sample_costs(const pb_plan *p, work *w, const pb__pm *m, double *x, const double *del,
                         size_t k)
{
    if (!m->effort) {
        for (size_t i = 0; i < k; i++) {
            x[i] += del[i];
            w->cst[i] += m->rate * x[i];
        }
    }
    if (m->has_cost)
        for (size_t i = 0; i < k; i++)
            w->cst[i] += pb__sampler_draw(&m->cost, pb__unif(m->key_cost, w->hs[i]));
    for (size_t e = m->need0; e < m->need0 + m->n_need; e++) {
        const pb__pneed *nd = &p->needs[e];
        double *need = w->NEED + nd->resource * w->sb;
        for (size_t i = 0; i < k; i++)
            need[i] += pb__sampler_draw(&nd->amount, pb__unif(nd->key, w->hs[i]));
    }
}

/* Draw every estimate of iterations [it0, it0 + k) into the rows, milestone by milestone. */
static void sample_rows(const pb__run *R, work *w, size_t it0, size_t k, pb__acc *a)
{
    const pb_plan *p = R->p;
    size_t loop = 0;
    sample_iterations(R, w, it0, k);
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb__pm *m = &p->ms[t];
        double *x = w->DUR + t * w->sb, *del = w->DEL + t * w->sb;
        sample_work(p, w, t, loop, x, k);
        loop += m->rounds_max > 0;
        sample_risks(p, w, m, del, k, a);
        sample_costs(p, w, m, x, del, k);
    }
}

/* ==== Blocks and workers ==== */

/* Event-driven scheduling, one iteration at a time, reading and writing the rows. */
static void schedule_rows_roles(const pb_plan *p, work *w, size_t k, pb__acc *a, bool detail)
{
    size_t sb = w->sb, n = p->n_ms;
    pb__sched *sc = &w->sc;
    for (size_t i = 0; i < k; i++) {
        for (size_t t = 0; t < n; t++) {
            if (p->ms[t].effort) {
                sc->wk[t] = w->DUR[t * sb + i];
                sc->delay[t] = w->DEL[t * sb + i];
            } else {
                sc->dur[t] = w->DUR[t * sb + i];
            }
        }
        w->F[i] = p->paced ? pb__people_run(p, sc, w->hs[i], detail) : pb__sched_run(p, sc, detail);
        if (p->n_steps || p->n_leaves)
            w->cst[i] += pb__people_pay(p, p->paced ? sc : NULL, w->F[i]);
        for (size_t j = 0; j < p->n_leaves; j++) {
            w->LV[2 * j * sb + i] = sc->leave[j];
            w->LV[(2 * j + 1) * sb + i] = sc->lost[j];
        }
        for (size_t t = 0; t < n; t++) {
            const pb__pm *m = &p->ms[t];
            if (m->effort) {
                w->DUR[t * sb + i] = sc->dur[t];
                w->cst[i] += (m->rate + m->labour * sc->people[t]) * sc->dur[t];
                a->labour[m->role] += sc->people[t] * sc->dur[t];
            }
            if (detail) {
                w->FIN[t * sb + i] = sc->fin[t];
                w->CR[t * sb + i] = sc->crit[t];
            }
        }
    }
}

/*
 * Run block b into the accumulator a and the per-iteration arrays. Returns
 * false when the run was cancelled part-way (checked before every sub-block,
 * at most some 32,768 milestone-iterations apart, so that an interrupt is
 * honoured within milliseconds however slow a block is): the block is then
 * incomplete and must not be merged.
 */

/* What iterations [it0, it0 + k) leave behind: finish, rounds, kept samples, needs and cost. */
static void block_outputs(pb__run *R, work *w, size_t it0, size_t k, pb__acc *a, double fshift)
{
    const pb_plan *p = R->p;
    size_t sb = w->sb;
    double alloc = pb__alloc_rate(p);
    for (size_t i = 0; i < k; i++) {
        R->finish[it0 + i] = w->F[i];
        a->fsum += w->F[i] - fshift;
    }
    for (size_t l = 0; l < p->n_loops; l++)
        memcpy(R->rounds + l * R->cap + it0, w->RND + l * sb, k);
    for (size_t j = 0; j < 2 * p->n_leaves; j++)
        for (size_t i = 0; i < k; i++) /* without effort milestones nobody's leaving matters */
            R->leave[j * R->cap + it0 + i] = p->contention ? w->LV[j * sb + i] : NAN;
    if (R->sdur) {
        for (size_t t = 0; t < p->n_ms; t++) {
            memcpy(R->sdur + t * R->cap + it0, w->DUR + t * sb, k * sizeof(double));
            memcpy(R->sfin + t * R->cap + it0, w->FIN + t * sb, k * sizeof(double));
        }
        for (size_t r = 0; r < p->n_risks; r++)
            memcpy(R->sfired + r * R->cap + it0, w->FIRED + r * sb, k);
    }
    for (size_t r = 0; r < p->n_resources; r++) {
        const double *need = w->NEED + r * sb;
        for (size_t i = 0; i < k; i++) {
            w->cst[i] += need[i] * p->resource_price[r];
            R->needs[r * R->cap + it0 + i] = need[i];
        }
    }
    if (alloc > 0)
        for (size_t i = 0; i < k; i++)
            w->cst[i] += alloc * w->F[i];
    memcpy(R->cost + it0, w->cst, k * sizeof(double));
    for (size_t r = 0; r < p->n_risks; r++) {
        const unsigned char *fired = w->FIRED + r * sb;
        double part = 0;
        for (size_t i = 0; i < k; i++)
            part += fired[i] ? w->F[i] - fshift : 0.0;
        a->fired_fsum[r] += part;
    }
}

/* Milestone t's moments, criticality and deadline count over k iterations into s. */
static void block_moments(const pb__run *R, const work *w, size_t t, size_t k, pb__acc_ms *s)
{
    const pb__pm *m = &R->p->ms[t];
    const double *du = w->DUR + t * w->sb, *fn = w->FIN + t * w->sb;
    const unsigned char *cr = w->CR + t * w->sb;
    double ds = 0, dss = 0, dmin = s->d_min, dmax = s->d_max;
    double fs = 0, fss = 0, fmn = s->f_min, fmx = s->f_max, dl = R->deadline_lim;
    size_t c = 0, by = 0;
    for (size_t i = 0; i < k; i++) {
        double d = du[i], f = fn[i], dd = d - m->shift_d, fd = f - m->shift_f;
        ds += dd;
        dss += dd * dd;
        dmin = d < dmin ? d : dmin;
        dmax = d > dmax ? d : dmax;
        fs += fd;
        fss += fd * fd;
        fmn = f < fmn ? f : fmn;
        fmx = f > fmx ? f : fmx;
        c += cr[i];
        by += f <= dl;
    }
    s->d_sum += ds;
    s->d_ss += dss;
    s->d_min = dmin;
    s->d_max = dmax;
    s->f_sum += fs;
    s->f_ss += fss;
    s->f_min = fmn;
    s->f_max = fmx;
    s->crit += c;
    s->by_deadline += by;
}

/* Milestone t's 16-bit codes of iterations [it0, it0 + k) below detail_n. */
static void block_codes(const pb__run *R, const work *w, size_t t, size_t it0, size_t k)
{
    const pb__pm *m = &R->p->ms[t];
    const double *du = w->DUR + t * w->sb, *fn = w->FIN + t * w->sb;
    uint16_t *dc = R->dcode + t * R->detail_n + it0;
    uint16_t *fc = R->fcode + t * R->detail_n + it0;
    double dlo = m->dur_lo, dsc = R->dscale[t], flo = m->fin_lo, fsc = R->fscale[t];
    size_t kc = R->detail_n - it0 < k ? R->detail_n - it0 : k;
    for (size_t i = 0; i < kc; i++) {
        dc[i] = pb__encode(du[i], dlo, dsc);
        fc[i] = pb__encode(fn[i], flo, fsc);
    }
}

/*
 * Run block b into the accumulator a and the per-iteration arrays. Returns
 * false when the run was cancelled part-way (checked before every sub-block,
 * at most some 32,768 milestone-iterations apart, so that an interrupt is
 * honoured within milliseconds however slow a block is): the block is then
 * incomplete and must not be merged.
 */
static bool run_block(pb__run *R, work *w, size_t b, pb__acc *a)
{
    const pb_plan *p = R->p;
    size_t n = p->n_ms, first = b * PB_SIM_BLOCK, sb = w->sb;
    size_t last = first + PB_SIM_BLOCK < R->n_total ? first + PB_SIM_BLOCK : R->n_total;
    bool detail = R->o->detail, codes = detail && first < R->detail_n;
    acc_zero(a, n, p->n_risks, p->n_roles);
    a->n = last - first;
    double fshift = n ? p->ms[n - 1].shift_f : 0;
    for (size_t it0 = first; it0 < last; it0 += sb) {
        size_t k = last - it0 < sb ? last - it0 : sb;
        if (R->o->cancel && *R->o->cancel)
            return false;
        sample_rows(R, w, it0, k, a);
        if (p->contention) {
            schedule_rows_roles(p, w, k, a, detail || R->sdur);
        } else {
            pb__rows rows = {sb, w->DUR, w->START, w->FIN, w->F, w->tol, w->CR};
            pb__sched_forward(p, &rows, k, detail);
        }
        block_outputs(R, w, it0, k, a, fshift);
        for (size_t t = 0; detail && t < n; t++) {
            block_moments(R, w, t, k, &a->ms[t]);
            if (codes && it0 < R->detail_n)
                block_codes(R, w, t, it0, k);
        }
    }
    return true;
}

static void worker(void *arg, unsigned tid, unsigned nt)
{
    pb__run *R = arg;
    (void)tid;
    (void)nt;
    work w;
    bool ok = work_alloc(&w, R->p);
    pthread_mutex_lock(&R->mu);
    if (!ok)
        R->failed = true;
    for (;;) {
        while (!R->failed && R->next < R->n_blocks && R->next >= R->merged + R->window)
            pthread_cond_wait(&R->cv, &R->mu);
        if (R->failed || R->next >= R->n_blocks)
            break;
        if (R->o->cancel && *R->o->cancel) {
            R->cancelled = true;
            R->n_blocks = R->next; /* hand out nothing more */
            break;
        }
        size_t b = R->next++;
        pb__acc *slot = &R->slots[b % R->window];
        pthread_mutex_unlock(&R->mu);
        bool complete = run_block(R, &w, b, slot);
        pthread_mutex_lock(&R->mu);
        if (!complete) {
            R->cancelled = true;
            if (R->n_blocks > b)
                R->n_blocks = b; /* hand out nothing more; merging stops before b */
            break;
        }
        R->slot_done[b % R->window] = 1;
        while (R->merged < R->next && R->slot_done[R->merged % R->window]) {
            acc_merge(&R->total, &R->slots[R->merged % R->window], R->p->n_ms, R->p->n_risks,
                      R->p->n_roles);
            R->slot_done[R->merged % R->window] = 0;
            R->merged++;
        }
        if (R->o->progress)
            R->o->progress(R->o->progress_ctx,
                           R->merged * PB_SIM_BLOCK < R->n_total ? R->merged * PB_SIM_BLOCK
                                                                 : R->n_total,
                           R->n_total);
        pthread_cond_broadcast(&R->cv);
    }
    pthread_cond_broadcast(&R->cv);
    pthread_mutex_unlock(&R->mu);
    work_release(&w);
}

/* Run blocks [R->merged, ceil(n / BLOCK)) with the configured threads. */
static pb_status run_round(pb__run *R, size_t n, pb_error *err)
{
    R->n_total = n;
    R->n_blocks = (n + PB_SIM_BLOCK - 1) / PB_SIM_BLOCK;
    R->next = R->merged;
    unsigned nt = R->o->threads ? R->o->threads : 1;
    size_t todo = R->n_blocks - R->merged;
    if (nt > todo)
        nt = todo ? (unsigned)todo : 1;
    pb__par_run(nt, worker, R);
    if (R->failed)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory in a worker thread");
    return PB_OK;
}

void pb_result_free(pb_result *r)
{
    if (!r)
        return;
    free((void *)r->finish_samples);
    free((void *)r->cost_samples);
    free((void *)r->ms_duration);
    free((void *)r->ms_finish);
    free((void *)r->need_samples);
    free((void *)r->risk_fired);
    free((void *)r->leave_samples);
    free(r->leaves);
    free(r->needs);
    free(r->need_ids);
    free(r->labour);
    free(r->milestones);
    free(r->risks);
    for (size_t l = 0; l < r->n_rounds; l++)
        free(r->rounds[l].p_rounds);
    free(r->rounds);
    free(r);
}

/* ==== Memory ==== */

/* Iterations whose 16-bit codes are kept: at most detail_cap and DETAIL_BUDGET bytes. */
static size_t detail_iterations(const pb_plan *p, const pb_sim_opts *o, size_t cap)
{
    if (!o->detail)
        return 0;
    size_t detail = o->detail_cap < cap ? o->detail_cap : cap;
    size_t per_it = 4 * (p->n_ms ? p->n_ms : 1);
    if (detail > DETAIL_BUDGET / per_it)
        detail = DETAIL_BUDGET / per_it;
    return detail ? detail : 1;
}

double pb_sim_memory(const pb_plan *p, const pb_sim_opts *o, size_t n)
{
    double ms = (double)p->n_ms + 1, nt = o->threads ? o->threads : 1;
    /* per iteration: finish, cost, needs; the automatic mode's scratch; the
       totals' scratch (up to two threads); the kept samples */
    double per_it = 16.0 + 8.0 * (double)p->n_resources + (o->iterations ? 0.0 : 8.0) +
                    (nt < 2 ? 8.0 : 16.0) +
                    (o->keep_samples ? 16.0 * ms + (double)p->n_risks : 0.0) +
                    (p->n_loops ? (double)p->n_loops + 8.0 : 0.0) + 16.0 * (double)p->n_leaves;
    double nd = (double)detail_iterations(p, o, n);
    /* codes, the finish's mid-ranks, and each detail thread's bins and sorting buffers */
    double detail =
        o->detail ? 4.0 * ms * nd + 4.0 * nd + fmin(nt, 64) * ((double)CODE_BINS * 12.0 + 4.0 * nd)
                  : 0.0;
    /* accumulators: the ring and the total; per thread: rows and the scheduler */
    double accs = (2.0 * nt + 3.0) * (ms * (double)sizeof(pb__acc_ms) + 24.0 * (double)p->n_risks +
                                      8.0 * (double)p->n_roles);
    double sb = fmin(256.0, fmax(8.0, floor(32768.0 / ms)));
    double rows = nt * (ms * (33.0 * sb + (p->contention ? 160.0 : 0.0) +
                              (p->paced ? 4.0 * (double)p->n_joins : 0.0)) + /* crews */
                        sb * 8.0 * ((double)p->n_resources + (double)p->n_groups + 8.0) +
                        sb * (double)p->n_risks);
    return per_it * (double)n + detail + accs + rows;
}

/*
 * Refuse a run whose arrays would pass o->memory_limit, naming the largest
 * iteration count that fits (PB_ERR_USAGE). 'extra_per_it' bytes per
 * iteration are held besides (compare keeps every option's samples).
 */
pb_status pb__sim_check_memory(const pb_plan *p, const pb_sim_opts *o, size_t n,
                               double extra_per_it, pb_error *err)
{
    double limit = (double)o->memory_limit, need = pb_sim_memory(p, o, n) + extra_per_it * n;
    if (!o->memory_limit || need <= limit)
        return PB_OK;
    size_t a = 0, b = n; /* the largest count that fits lies in [a, b) */
    while (b - a > 1) {
        size_t m = a + (b - a) / 2;
        if (pb_sim_memory(p, o, m) + extra_per_it * m <= limit)
            a = m;
        else
            b = m;
    }
    if (!a)
        return pb_error_set(err, PB_ERR_USAGE, "", 0,
                            "a run of %zu milestones on %u threads needs %.1f GiB before any "
                            "iteration, more than the %.1f GiB limit; use fewer threads or "
                            "--no-detail",
                            p->n_ms, o->threads, need / 1073741824.0, limit / 1073741824.0);
    return pb_error_set(err, PB_ERR_USAGE, "", 0,
                        "%zu iterations of %zu milestones need %.1f GiB of memory, more than the "
                        "%.1f GiB limit; at most %zu iterations fit",
                        n, p->n_ms, need / 1073741824.0, limit / 1073741824.0, a);
}

/* ==== The run ==== */

static pb_status check_opts(const pb_sim_opts *o, pb_error *err)
{
    if (o->threads < 1 || o->threads > 1024)
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "threads must be between 1 and 1024");
    if (!o->iterations && o->max_iterations < 1)
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "max-iterations must be at least 1");
    if (o->iterations > ((size_t)1 << 31) || o->max_iterations > ((size_t)1 << 31))
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "at most 2^31 iterations");
    return PB_OK;
}

/* The run's arrays for R->cap iterations and its accumulators. False when memory runs out. */
static bool run_alloc(pb__run *R)
{
    const pb_plan *p = R->p;
    const pb_sim_opts *o = R->o;
    size_t n_ms = p->n_ms, cap = R->cap, detail = R->detail_n;
    R->window = 2 * (size_t)o->threads + 2;
    R->finish = malloc(cap * sizeof *R->finish);
    R->cost = malloc(cap * sizeof *R->cost);
    R->needs = malloc((p->n_resources ? p->n_resources * cap : 1) * sizeof *R->needs);
    R->slots = calloc(R->window, sizeof *R->slots);
    R->slot_done = calloc(R->window, 1);
    R->dscale = calloc(n_ms + 1, sizeof *R->dscale);
    R->fscale = calloc(n_ms + 1, sizeof *R->fscale);
    if (detail) {
        R->dcode = malloc(detail * n_ms * sizeof *R->dcode + 1);
        R->fcode = malloc(detail * n_ms * sizeof *R->fcode + 1);
    }
    bool keep_ok = true;
    if (o->keep_samples) {
        R->sdur = malloc((n_ms ? n_ms : 1) * cap * sizeof *R->sdur);
        R->sfin = malloc((n_ms ? n_ms : 1) * cap * sizeof *R->sfin);
        R->sfired = malloc((p->n_risks ? p->n_risks : 1) * cap);
        keep_ok = R->sdur && R->sfin && R->sfired;
    }
    R->rounds = malloc((p->n_loops ? p->n_loops : 1) * cap);
    R->leave = malloc((2 * p->n_leaves + 1) * cap * sizeof *R->leave);
    bool ok = keep_ok && R->rounds && R->leave && R->finish && R->cost && R->needs && R->slots &&
              R->slot_done && R->dscale && R->fscale && (!detail || (R->dcode && R->fcode)) &&
              acc_alloc(&R->total, n_ms, p->n_risks, p->n_roles);
    for (size_t k = 0; ok && k < R->window; k++)
        ok = acc_alloc(&R->slots[k], n_ms, p->n_risks, p->n_roles);
    for (size_t t = 0; ok && t < n_ms; t++) {
        const pb__pm *m = &p->ms[t];
        R->dscale[t] = m->dur_hi > m->dur_lo ? (double)CODE_MAX / (m->dur_hi - m->dur_lo) : 0;
        R->fscale[t] = m->fin_hi > m->fin_lo ? (double)CODE_MAX / (m->fin_hi - m->fin_lo) : 0;
    }
    if (ok)
        acc_zero(&R->total, n_ms, p->n_risks, p->n_roles);
    return ok;
}

static void run_release(pb__run *R)
{
    void *all[] = {R->finish, R->cost,   R->needs,  R->dcode,  R->fcode,  R->sdur,
                   R->sfin,   R->sfired, R->rounds, R->dscale, R->fscale, R->leave};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(all[i]);
    acc_release(&R->total);
    for (size_t k = 0; R->slots && k < R->window; k++)
        acc_release(&R->slots[k]);
    free(R->slots);
    free(R->slot_done);
}

/* The result's arrays and labels. False when memory runs out. */
static bool result_alloc(pb_result *res, const pb_plan *p, const pb_sim_opts *o)
{
    res->milestones = calloc(p->n_ms + 1, sizeof *res->milestones);
    res->risks = calloc(p->n_risks + 1, sizeof *res->risks);
    res->needs = calloc(p->n_resources + 1, sizeof *res->needs);
    res->need_ids = calloc(p->n_resources + 1, sizeof *res->need_ids);
    res->labour = calloc(p->n_roles + 1, sizeof *res->labour);
    res->n_roles = p->n_roles;
    if (!res->milestones || !res->risks || !res->needs || !res->need_ids || !res->labour)
        return false;
    for (size_t t = 0; t < p->n_ms; t++) {
        res->milestones[t].id = p->ms[t].id;
        res->milestones[t].name = p->ms[t].name;
    }
    for (size_t r = 0; r < p->n_risks; r++) {
        res->risks[r].id = p->risks[r].id;
        res->risks[r].name = p->risks[r].name;
    }
    res->n_milestones = o->detail ? p->n_ms : 0;
    res->n_risks = p->n_risks;
    res->n_needs = p->n_resources;
    for (size_t r = 0; r < p->n_resources; r++)
        res->need_ids[r] = p->resource_ids[r];
    return true;
}

/* The automatic mode: double from min_iterations until converged or at the cap. */
static pb_status run_auto(pb__run *R, pb_result *res, size_t *n_out, pb_error *err)
{
    const pb_sim_opts *o = R->o;
    size_t cap = R->cap, n;
    pb_status rc = PB_OK;
    double *scratch = malloc(cap * sizeof *scratch);
    if (!scratch)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    n = o->min_iterations < cap ? o->min_iterations : cap;
    n = (n + PB_SIM_BLOCK - 1) / PB_SIM_BLOCK * PB_SIM_BLOCK;
    n = n < cap ? n : cap;
    res->stopped = "max-iterations";
    for (;;) {
        if ((rc = run_round(R, n, err)) || R->cancelled)
            break;
        if (pb__sim_converged(R, n, scratch)) {
            res->stopped = "converged";
            break;
        }
        if (n >= cap)
            break;
        n = 2 * n < cap ? 2 * n : cap;
    }
    free(scratch);
    *n_out = n;
    return rc;
}

/* Every round of the run; *n gets the iterations done (fewer when interrupted). */
static pb_status run_all(pb__run *R, pb_result *res, size_t *n, pb_error *err)
{
    pb_status rc;
    pthread_mutex_init(&R->mu, NULL);
    pthread_cond_init(&R->cv, NULL);
    if (R->o->iterations) {
        *n = R->o->iterations;
        rc = run_round(R, *n, err);
        res->stopped = "fixed";
    } else {
        rc = run_auto(R, res, n, err);
    }
    if (!rc && R->cancelled) {
        *n = R->merged * PB_SIM_BLOCK < R->n_total ? R->merged * PB_SIM_BLOCK : R->n_total;
        res->stopped = "interrupted";
    }
    pthread_mutex_destroy(&R->mu);
    pthread_cond_destroy(&R->cv);
    return rc;
}

/* Move the samples into the result; rows of 'cap' become rows of n (an automatic run's gaps). */
static void hand_over(pb__run *R, pb_result *res, size_t n)
{
    const pb_plan *p = R->p;
    size_t cap = R->cap;
    res->seed = R->o->seed;
    res->threads = R->o->threads;
    res->finish_samples = R->finish;
    res->cost_samples = R->cost;
    R->finish = R->cost = NULL;
    for (size_t j = 1; n < cap && j < 2 * p->n_leaves; j++)
        memmove(R->leave + j * n, R->leave + j * cap, n * sizeof *R->leave);
    res->leave_samples = p->n_leaves ? R->leave : NULL;
    R->leave = p->n_leaves ? NULL : R->leave;
    if (!R->o->keep_samples)
        return;
    for (size_t t = 1; n < cap && t < p->n_ms; t++) {
        memmove(R->sdur + t * n, R->sdur + t * cap, n * sizeof *R->sdur);
        memmove(R->sfin + t * n, R->sfin + t * cap, n * sizeof *R->sfin);
    }
    for (size_t r = 1; n < cap && r < p->n_risks; r++)
        memmove(R->sfired + r * n, R->sfired + r * cap, n);
    for (size_t r = 1; n < cap && r < p->n_resources; r++)
        memmove(R->needs + r * n, R->needs + r * cap, n * sizeof *R->needs);
    res->ms_duration = R->sdur;
    res->ms_finish = R->sfin;
    res->risk_fired = R->sfired;
    res->need_samples = R->needs;
    R->sdur = R->sfin = R->needs = NULL;
    R->sfired = NULL;
}

pb_status pb_sim_run(const pb_plan *p, const pb_sim_opts *o, pb_result **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    pb_status rc = check_opts(o, err);
    if (rc)
        return rc;
    const pb_scenario *s = p->scenario;
    pb__run R;
    memset(&R, 0, sizeof R);
    R.p = p;
    R.o = o;
    R.seedk = pb__mix64(o->seed ^ 0x5deece66dull);
    R.deadline = isnan(o->deadline) ? s->ask_deadline : o->deadline;
    R.budget = isnan(o->budget) ? s->ask_budget : o->budget;
    R.deadline_lim = pb_stats_limit(R.deadline);
    R.budget_lim = pb_stats_limit(R.budget);
    R.cap = o->iterations ? o->iterations : o->max_iterations;
    if ((rc = pb__sim_check_memory(p, o, R.cap, 0, err)))
        return rc;
    R.detail_n = detail_iterations(p, o, R.cap);
    pb_result *res = calloc(1, sizeof *res);
    size_t n = 0;
    if (!res || !run_alloc(&R) || !result_alloc(res, p, o))
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory for %zu iterations", R.cap);
    if (!rc)
        rc = run_all(&R, res, &n, err);
    if (!rc)
        rc = pb__sim_summarize(&R, res, n, err);
    if (!rc) {
        hand_over(&R, res, n);
        *out = res;
        res = NULL;
    }
    run_release(&R);
    pb_result_free(res);
    return rc;
}
