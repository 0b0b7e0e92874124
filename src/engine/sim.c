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

#include "base/lanes.h"
#include "base/parallel.h"
#include "base/rng.h"
#include "schedule.h"
#include "sim_internal.h"

#define DETAIL_BUDGET ((size_t)256 << 20) /* bytes of codes at most */
_Static_assert(CODE_BINS % PB_SIM_BLOCK == 0, "the kept finish codes end on a block boundary");

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

/* ==== Blocks and workers ==== */

/*
 * Event-driven scheduling of iteration i, reading and writing the rows. With
 * 'dv' on (and no critical flags asked for), the schedule is taken from the
 * base's workspace 'bs', which has just scheduled the same iteration, where
 * pb__derive_run proves it the same (schedule_derive.c).
 */
static void schedule_one(const pb_plan *p, pb__work *w, size_t i, pb__acc *a, bool detail,
                         const pb__derive *dv, const pb__sched *bs)
{
    size_t sb = w->sb, n = p->n_ms;
    pb__sched *sc = &w->sc;
    /* the rows and the workspace's arrays in locals: the stores below cannot
       move them, so the loops need not reload them (the same sums, in order) */
    const pb__pm *ms = p->ms;
    double *DUR = w->DUR + i, *wk = sc->wk, *delay = sc->delay, *dur = sc->dur;
    const double *DEL = w->DEL + i;
    for (size_t t = 0; t < n; t++) {
        if (ms[t].effort) {
            wk[t] = DUR[t * sb];
            delay[t] = DEL[t * sb];
        } else {
            dur[t] = DUR[t * sb];
        }
    }
    if (!dv || !dv->on || detail || !pb__derive_run(dv, bs, sc, &w->F[i]))
        w->F[i] = p->paced ? pb__people_run(p, sc, w->hs[i], detail) : pb__sched_run(p, sc, detail);
    double cost = w->cst[i]; /* added up in the same order, held in a register */
    if (p->n_steps || p->n_leaves)
        cost += pb__people_pay(p, p->paced ? sc : NULL, w->F[i]);
    for (size_t j = 0; j < p->n_leaves; j++) {
        w->LV[2 * j * sb + i] = sc->leave[j];
        w->LV[(2 * j + 1) * sb + i] = sc->lost[j];
    }
    const int *people = sc->people;
    double *labour = a->labour;
    for (size_t t = 0; t < n; t++) {
        const pb__pm *m = &ms[t];
        if (m->effort) {
            double d = dur[t];
            DUR[t * sb] = d;
            cost += (m->rate + m->labour * people[t]) * d;
            labour[m->role] += people[t] * d;
        }
        if (detail) {
            w->FIN[t * sb + i] = sc->fin[t];
            w->CR[t * sb + i] = sc->crit[t];
        }
    }
    w->cst[i] = cost;
}

/* What iterations [it0, it0 + k) leave behind: finish, rounds, kept samples, needs and cost. */
static void block_outputs(pb__run *R, pb__work *w, size_t it0, size_t k, pb__acc *a, double fshift)
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

/* The 16-bit codes of the pair v (x - lo) * scale as pb__encode: lanes clamped to [0, CODE_MAX]. */
static inline void encode_pair(pb__v2 v, pb__v2 lo, pb__v2 scale, uint16_t *a, uint16_t *b)
{
    int c[2];
    v = pb__v2_mul(pb__v2_sub(v, lo), scale);
    v = pb__v2_min(pb__v2_max(v, pb__v2_set(0)), pb__v2_set(CODE_MAX)); /* NaN: 0 */
    pb__v2_int(v, c);
    *a = (uint16_t)c[0];
    *b = (uint16_t)c[1];
}

/*
 * Milestone t's moments, criticality and deadline count over k iterations
 * into s, and the 16-bit codes of its durations and finishes for the first
 * kc of them (the iterations below detail_n) at it0, in one pass over its
 * rows. Duration and finish go as the two lanes of a pair: each lane's
 * sums, extremes and codes are those of the scalar loop, in the same order.
 */
static void block_moments(const pb__run *R, const pb__work *w, size_t t, size_t it0, size_t k,
                          size_t kc, pb__acc_ms *s)
{
    const pb__pm *m = &R->p->ms[t];
    const double *du = w->DUR + t * w->sb, *fn = w->FIN + t * w->sb;
    const unsigned char *cr = w->CR + t * w->sb;
    uint16_t *dc = kc ? R->dcode + t * R->detail_n + it0 : NULL, *fc = NULL;
    size_t b = it0 / PB_SIM_BLOCK, n_ms = R->p->n_ms;
    if (kc && it0 < R->fkeep) /* kept one by one */
        fc = R->fcode + t * R->fkeep + it0;
    else if (kc) /* in the ring until counted (count_blocks) */
        fc = R->fring + ((b % R->ring_n) * n_ms + t) * PB_SIM_BLOCK + (it0 - b * PB_SIM_BLOCK);
    pb__v2 lo = pb__v2_pair(m->dur_lo, m->fin_lo), scale = pb__v2_pair(R->dscale[t], R->fscale[t]);
    pb__v2 shift = pb__v2_pair(m->shift_d, m->shift_f);
    pb__v2 sum = pb__v2_set(0), ss = pb__v2_set(0);
    pb__v2 mn = pb__v2_pair(s->d_min, s->f_min), mx = pb__v2_pair(s->d_max, s->f_max);
    double dl = R->deadline_lim;
    size_t c = 0, by = 0;
    for (size_t i = 0; i < k; i++) {
        pb__v2 v = pb__v2_pair(du[i], fn[i]), dv = pb__v2_sub(v, shift);
        if (i < kc)
            encode_pair(v, lo, scale, &dc[i], &fc[i]);
        sum = pb__v2_add(sum, dv);
        ss = pb__v2_add(ss, pb__v2_mul(dv, dv));
        mn = pb__v2_min(v, mn);
        mx = pb__v2_max(v, mx);
        c += cr[i];
        by += fn[i] <= dl;
    }
    s->d_sum += pb__v2_lane(sum, 0);
    s->d_ss += pb__v2_lane(ss, 0);
    s->d_min = pb__v2_lane(mn, 0);
    s->d_max = pb__v2_lane(mx, 0);
    s->f_sum += pb__v2_lane(sum, 1);
    s->f_ss += pb__v2_lane(ss, 1);
    s->f_min = pb__v2_lane(mn, 1);
    s->f_max = pb__v2_lane(mx, 1);
    s->crit += c;
    s->by_deadline += by;
}

/*
 * Runs that go through the same blocks together: runs[0] hands out the
 * blocks and holds the merging; every run has its own plan, arrays and
 * accumulators. With a donor, each sub-block's draws of the donor plan are
 * made once, and every run copies those its milestones share (pb__share).
 */
typedef struct team {
    pb__run *runs;
    size_t n;
    const pb_plan *donor; /* NULL: every run draws its own */
    pb__share *shares;    /* per run, with a donor */
    size_t sb;            /* sub-block size of every run's rows */
    pb__derive *derive;   /* per run, or NULL: its schedule from run 0's where provable */
} team;

/* Sub-block [it0, it0 + k) of run R: its draws into w (and risk counts into a). */
static void sub_sample(pb__run *R, pb__work *w, const pb__share *share, const pb__work *dw,
                       size_t it0, size_t k, pb__acc *a)
{
    const pb_plan *p = R->p;
    if (share && share->iterations)
        pb__sample_iterations_from(p, w, dw, k);
    else
        pb__sample_iterations(p, R->seedk, w, it0, k);
    pb__sample_rows(p, w, share, dw, k, a);
}

/* Sub-block [it0, it0 + k) of run R, scheduled: its outputs, moments and codes. */
static void sub_outputs(pb__run *R, pb__work *w, size_t it0, size_t k, pb__acc *a)
{
    const pb_plan *p = R->p;
    size_t n = p->n_ms;
    bool detail = R->o->detail, codes = detail && it0 < R->detail_n;
    double fshift = n ? p->ms[n - 1].shift_f : 0;
    block_outputs(R, w, it0, k, a, fshift);
    size_t kc = codes ? (R->detail_n - it0 < k ? R->detail_n - it0 : k) : 0;
    for (size_t t = 0; detail && t < n; t++)
        block_moments(R, w, t, it0, k, kc, &a->ms[t]);
}

/* Does run e take its schedule from run 0's where it can? */
static bool derives(const team *T, size_t e)
{
    return T->derive && T->derive[e].on;
}

/*
 * Schedule sub-block [it0, it0 + k) of every run of the team: the forward
 * pass run by run; the list schedule of run 0 and of the runs that derive
 * theirs from it (T->derive: from run 0's schedule of the same iteration)
 * iteration by iteration across them, the other runs run by run. Each run's
 * sums go in iteration order, as alone.
 */
static void team_schedule(const team *T, pb__work *ws, size_t b, size_t k)
{
    size_t window = T->runs[0].window;
    bool lists = false;
    for (size_t e = 0; e < T->n; e++) {
        const pb__run *R = &T->runs[e];
        lists = lists || R->p->contention;
        if (!R->p->contention) {
            pb__rows rows = {ws[e].sb, ws[e].DUR, ws[e].START, ws[e].FIN,
                             ws[e].F,  ws[e].tol, ws[e].CR};
            pb__sched_forward(R->p, &rows, k, R->o->detail);
        }
    }
    for (size_t i = 0; lists && i < k; i++)
        for (size_t e = 0; e < T->n; e++) {
            const pb__run *R = &T->runs[e];
            if (R->p->contention && (!e || derives(T, e)))
                schedule_one(R->p, &ws[e], i, &R->slots[b % window], R->o->detail || R->sdur,
                             e ? &T->derive[e] : NULL, &ws[0].sc);
        }
    for (size_t e = 1; lists && e < T->n; e++) {
        const pb__run *R = &T->runs[e];
        for (size_t i = 0; R->p->contention && !derives(T, e) && i < k; i++)
            schedule_one(R->p, &ws[e], i, &R->slots[b % window], R->o->detail || R->sdur, NULL,
                         NULL);
    }
}

/*
 * Run block b of every run of the team into its slot. Returns false when
 * the run was cancelled part-way (checked before every sub-block, at most
 * some 32,768 milestone-iterations apart, so that an interrupt is honoured
 * within milliseconds however slow a block is): the block is then
 * incomplete and must not be merged.
 */
static bool run_block(const team *T, pb__work *ws, pb__work *dw, size_t b)
{
    const pb__run *R0 = &T->runs[0];
    size_t first = b * PB_SIM_BLOCK, sb = T->sb;
    size_t last = first + PB_SIM_BLOCK < R0->n_total ? first + PB_SIM_BLOCK : R0->n_total;
    for (size_t e = 0; e < T->n; e++) {
        const pb_plan *p = T->runs[e].p;
        pb__acc *a = &T->runs[e].slots[b % R0->window];
        acc_zero(a, p->n_ms, p->n_risks, p->n_roles);
        a->n = last - first;
    }
    for (size_t it0 = first; it0 < last; it0 += sb) {
        size_t k = last - it0 < sb ? last - it0 : sb;
        if (R0->o->cancel && *R0->o->cancel)
            return false;
        if (T->donor) {
            pb__sample_iterations(T->donor, R0->seedk, dw, it0, k);
            pb__sample_draw_all(T->donor, dw, k);
        }
        for (size_t e = 0; e < T->n; e++) {
            pb__run *R = &T->runs[e];
            sub_sample(R, &ws[e], T->donor ? &T->shares[e] : NULL, dw, it0, k,
                       &R->slots[b % R0->window]);
        }
        team_schedule(T, ws, b, k);
        for (size_t e = 0; e < T->n; e++)
            sub_outputs(&T->runs[e], &ws[e], it0, k, &T->runs[e].slots[b % R0->window]);
    }
    return true;
}

/*
 * Count the finish codes that blocks [b0, b1) left in R's ring into
 * R->fhist: those of their iterations past fkeep and below detail_n, of
 * milestones tid, tid + nt, ... (each milestone has its own bins). Only
 * merged blocks are counted, so that fhist holds exactly the iterations
 * summarized, even of an interrupted run.
 */
static void count_blocks(pb__run *R, size_t b0, size_t b1, unsigned tid, unsigned nt)
{
    size_t n_ms = R->p->n_ms;
    for (size_t t = tid; R->fhist && t < n_ms; t += nt) {
        uint32_t *h = R->fhist + t * CODE_BINS;
        for (size_t b = b0; b < b1; b++) {
            size_t first = b * PB_SIM_BLOCK, last = first + PB_SIM_BLOCK;
            last = last < R->n_total ? last : R->n_total;
            last = last < R->detail_n ? last : R->detail_n;
            const uint16_t *c = R->fring + ((b % R->ring_n) * n_ms + t) * PB_SIM_BLOCK;
            for (size_t i = 0; first >= R->fkeep && first + i < last; i++)
                h[c[i]]++;
        }
    }
}

/*
 * With the lock held: while RING_BATCH merged blocks wait to be counted and
 * no other thread counts, count them with the lock released (no block is
 * handed out whose ring slot they hold), RING_BATCH blocks at a time so
 * that each milestone's bins stay in cache over some 32,768 codes.
 */
static void count_ready(const team *T)
{
    pb__run *R0 = &T->runs[0];
    while (R0->ring_n && !R0->counting && R0->merged - R0->counted >= RING_BATCH) {
        size_t c0 = R0->counted;
        R0->counting = true;
        pthread_mutex_unlock(&R0->mu);
        for (size_t e = 0; e < T->n; e++)
            count_blocks(&T->runs[e], c0, c0 + RING_BATCH, 0, 1);
        pthread_mutex_lock(&R0->mu);
        R0->counted = c0 + RING_BATCH;
        R0->counting = false;
        pthread_cond_broadcast(&R0->cv);
    }
}

/* Merge the done blocks of every run in block order (the lock held). */
static void merge_done(const team *T)
{
    pb__run *R0 = &T->runs[0];
    while (R0->merged < R0->next && R0->slot_done[R0->merged % R0->window]) {
        for (size_t e = 0; e < T->n; e++) {
            pb__run *R = &T->runs[e];
            acc_merge(&R->total, &R->slots[R0->merged % R0->window], R->p->n_ms, R->p->n_risks,
                      R->p->n_roles);
        }
        R0->slot_done[R0->merged % R0->window] = 0;
        R0->merged++;
    }
}

/* A worker's rows for every run of the team and the donor. False when memory runs out. */
static bool team_work(const team *T, pb__work *ws, pb__work *dw)
{
    bool ok = !T->donor || pb__work_alloc(dw, T->donor, T->sb);
    for (size_t e = 0; e < T->n; e++)
        ok = pb__work_alloc(&ws[e], T->runs[e].p, T->sb) && ok;
    return ok;
}

static void worker(void *arg, unsigned tid, unsigned nt)
{
    const team *T = arg;
    pb__run *R = &T->runs[0];
    (void)tid;
    (void)nt;
    pb__work dw = {0}, *ws = calloc(T->n, sizeof *ws);
    bool ok = ws && team_work(T, ws, &dw);
    pthread_mutex_lock(&R->mu);
    if (!ok)
        R->failed = true;
    for (;;) {
        while (
            !R->failed && R->next < R->n_blocks &&
            (R->next >= R->merged + R->window || (R->ring_n && R->next >= R->counted + R->ring_n)))
            pthread_cond_wait(&R->cv, &R->mu);
        if (R->failed || R->next >= R->n_blocks)
            break;
        if (R->o->cancel && *R->o->cancel) {
            R->cancelled = true;
            R->n_blocks = R->next; /* hand out nothing more */
            break;
        }
        size_t b = R->next++;
        pthread_mutex_unlock(&R->mu);
        bool complete = run_block(T, ws, &dw, b);
        pthread_mutex_lock(&R->mu);
        if (!complete) {
            R->cancelled = true;
            if (R->n_blocks > b)
                R->n_blocks = b; /* hand out nothing more; merging stops before b */
            break;
        }
        R->slot_done[b % R->window] = 1;
        merge_done(T);
        count_ready(T);
        if (R->o->progress)
            R->o->progress(R->o->progress_ctx,
                           R->merged * PB_SIM_BLOCK < R->n_total ? R->merged * PB_SIM_BLOCK
                                                                 : R->n_total,
                           R->n_total);
        pthread_cond_broadcast(&R->cv);
    }
    pthread_cond_broadcast(&R->cv);
    pthread_mutex_unlock(&R->mu);
    for (size_t e = 0; ws && e < T->n; e++)
        pb__work_release(&ws[e]);
    free(ws);
    pb__work_release(&dw);
}

/* The merged blocks not counted yet at the end of the run, milestones shared between threads. */
static void count_tail(void *arg, unsigned tid, unsigned nt)
{
    const team *T = arg;
    for (size_t e = 0; e < T->n; e++)
        count_blocks(&T->runs[e], T->runs[0].counted, T->runs[0].merged, tid, nt);
}

/* Run blocks [merged, ceil(n / BLOCK)) of every run with the configured threads. */
static pb_status run_round(const team *T, size_t n, pb_error *err)
{
    pb__run *R = &T->runs[0];
    for (size_t e = 0; e < T->n; e++)
        T->runs[e].n_total = n;
    R->n_blocks = (n + PB_SIM_BLOCK - 1) / PB_SIM_BLOCK;
    R->next = R->merged;
    unsigned nt = R->o->threads ? R->o->threads : 1;
    size_t todo = R->n_blocks - R->merged;
    if (nt > todo)
        nt = todo ? (unsigned)todo : 1;
    pb__par_run(nt, worker, (void *)T);
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
    free((void *)r->round_samples);
    free((void *)r->curve_met);
    free((void *)r->growth_samples);
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
    double nd = (double)detail_iterations(p, o, n), bins = (double)CODE_BINS;
    /* codes (past FHIST_FROM, the finish's: CODE_BINS of them, bins and the ring), the
       finish's mid-ranks, and each detail thread's bins and sorting buffers */
    double fcodes = nd > FHIST_FROM ? 6.0 * ms * bins + (2.0 * nt + 2.0 + 2.0 * RING_BATCH) * 2.0 *
                                                            ms * PB_SIM_BLOCK
                                    : 2.0 * ms * nd;
    double detail =
        o->detail ? 2.0 * ms * nd + fcodes + 4.0 * nd + fmin(nt, 64) * (bins * 20.0 + 4.0 * nd)
                  : 0.0;
    /* accumulators: the ring and the total; per thread: rows and the scheduler */
    double accs = (2.0 * nt + 3.0) * (ms * (double)sizeof(pb__acc_ms) + 24.0 * (double)p->n_risks +
                                      8.0 * (double)p->n_roles);
    double sb = fmin(256.0, fmax(8.0, floor(32768.0 / ms)));
    double rows = nt * (ms * (41.0 * sb + (p->contention ? 160.0 : 0.0) +
                              (p->paced ? 4.0 * (double)p->n_joins : 0.0)) + /* crews */
                        sb * 8.0 * ((double)p->n_resources + (double)p->n_groups + 8.0) +
                        sb * 17.0 * (double)p->n_risks + sb * 8.0 * (double)p->n_needs);
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
        R->fcode = malloc(R->fkeep * n_ms * sizeof *R->fcode + 1);
    }
    if (detail > R->fkeep) {
        R->ring_n = R->window + 2 * RING_BATCH;
        R->fhist = calloc(n_ms * CODE_BINS, sizeof *R->fhist);
        R->fring = malloc(R->ring_n * n_ms * PB_SIM_BLOCK * sizeof *R->fring);
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
              (detail <= R->fkeep || (R->fhist && R->fring)) &&
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
    void *all[] = {R->finish, R->cost, R->needs,  R->dcode,  R->fcode,  R->fhist,  R->fring,
                   R->sdur,   R->sfin, R->sfired, R->rounds, R->dscale, R->fscale, R->leave};
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
/* The automatic mode (a team of one): double from min_iterations until converged or at the cap. */
static pb_status run_auto(const team *T, pb_result *res, size_t *n_out, pb_error *err)
{
    pb__run *R = &T->runs[0];
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
        if ((rc = run_round(T, n, err)) || R->cancelled)
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

/* Every round of the team; *n gets the iterations done (fewer when interrupted). */
static pb_status run_all(const team *T, pb_result **res, size_t *n, pb_error *err)
{
    pb__run *R = &T->runs[0];
    pb_status rc;
    pthread_mutex_init(&R->mu, NULL);
    pthread_cond_init(&R->cv, NULL);
    const char *stopped = "fixed";
    if (R->o->iterations) {
        *n = R->o->iterations;
        rc = run_round(T, *n, err);
    } else {
        rc = run_auto(T, res[0], n, err);
        stopped = res[0]->stopped;
    }
    if (!rc && R->cancelled) {
        *n = R->merged * PB_SIM_BLOCK < R->n_total ? R->merged * PB_SIM_BLOCK : R->n_total;
        stopped = "interrupted";
    }
    for (size_t e = 0; e < T->n; e++)
        res[e]->stopped = stopped;
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

/* Set run R of plan p up: its deadline, budget, arrays and result. */
static pb_status run_open(pb__run *R, const pb_plan *p, const pb_sim_opts *o, pb_result **res,
                          pb_error *err)
{
    const pb_scenario *s = p->scenario;
    memset(R, 0, sizeof *R);
    R->p = p;
    R->o = o;
    R->seedk = pb__mix64(o->seed ^ 0x5deece66dull);
    R->deadline = isnan(o->deadline) ? s->ask_deadline : o->deadline;
    R->budget = isnan(o->budget) ? s->ask_budget : o->budget;
    R->deadline_lim = pb_stats_limit(R->deadline);
    R->budget_lim = pb_stats_limit(R->budget);
    R->cap = o->iterations ? o->iterations : o->max_iterations;
    pb_status rc = pb__sim_check_memory(p, o, R->cap, 0, err);
    if (rc)
        return rc;
    R->detail_n = detail_iterations(p, o, R->cap);
    R->fkeep = R->detail_n > FHIST_FROM ? CODE_BINS : R->detail_n;
    *res = calloc(1, sizeof **res);
    if (!*res || !run_alloc(R) || !result_alloc(*res, p, o))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory for %zu iterations", R->cap);
    return PB_OK;
}

/* Run the team and summarize each run into res[e]; on failure every result is freed. */
static pb_status run_team(team *T, const pb_sim_opts *o, pb_result **res, pb_error *err)
{
    pb_status rc = PB_OK;
    size_t opened = 0, n = 0, max_ms = T->donor ? T->donor->n_ms : 0;
    for (size_t e = 0; e < T->n && !rc; e++, opened++) {
        rc = run_open(&T->runs[e], T->runs[e].p, o, &res[e], err);
        max_ms = T->runs[e].p->n_ms > max_ms ? T->runs[e].p->n_ms : max_ms;
    }
    T->sb = pb__work_sb(max_ms);
    for (size_t e = 0; e < T->n && !rc; e++) /* the ring's constraint holds for the team */
        T->runs[0].ring_n =
            T->runs[e].ring_n > T->runs[0].ring_n ? T->runs[e].ring_n : T->runs[0].ring_n;
    if (!rc)
        rc = run_all(T, res, &n, err);
    if (!rc && T->runs[0].ring_n && T->runs[0].merged > T->runs[0].counted) {
        /* split by milestone: no more threads than milestones (--threads 1024 starts 1,024) */
        unsigned nt = o->threads ? o->threads : 1;
        pb__par_run(max_ms && nt > max_ms ? (unsigned)max_ms : nt, count_tail, T);
    }
    for (size_t e = 0; e < T->n && !rc; e++)
        rc = pb__sim_summarize(&T->runs[e], res[e], n, err);
    for (size_t e = 0; e < opened; e++) {
        if (!rc)
            hand_over(&T->runs[e], res[e], n);
        run_release(&T->runs[e]);
        if (rc) {
            pb_result_free(res[e]);
            res[e] = NULL;
        }
    }
    return rc;
}

pb_status pb_sim_run(const pb_plan *p, const pb_sim_opts *o, pb_result **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    pb_status rc = check_opts(o, err);
    if (rc)
        return rc;
    pb__run R;
    R.p = p;
    team T = {&R, 1, NULL, NULL, 0, NULL};
    return run_team(&T, o, out, err);
}

pb_status pb__sim_run_shared(const pb_plan *donor, const pb_plan *const *plans, size_t n,
                             const pb_sim_opts *o, pb_result **out, pb_error *err)
{
    pb_error_clear(err);
    for (size_t e = 0; e < n; e++)
        out[e] = NULL;
    pb_status rc = check_opts(o, err);
    if (rc || !n)
        return rc;
    if (!o->iterations)
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "runs that share draws need a fixed count");
    team T = {calloc(n, sizeof(pb__run)),   n, donor,
              calloc(n, sizeof(pb__share)), 0, calloc(n, sizeof(pb__derive))};
    bool ok = T.runs && T.shares && T.derive;
    for (size_t e = 0; ok && e < n; e++) {
        T.runs[e].p = plans[e];
        ok = pb__share_build(&T.shares[e], donor, plans[e]);
        if (ok && e && plans[0] == donor && T.shares[e].iterations)
            pb__derive_build(&T.derive[e], donor, plans[e], T.shares[e].from);
    }
    if (!ok)
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    else
        rc = run_team(&T, o, out, err);
    for (size_t e = 0; T.shares && e < n; e++)
        pb__share_release(&T.shares[e]);
    free(T.shares);
    free(T.derive);
    free(T.runs);
    return rc;
}
