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
 * Scheduling has two paths. Plans where nobody's time is contended use the
 * forward pass (start = latest predecessor finish). Plans with effort
 * milestones run an event-driven list schedule (sched.c): at each event,
 * ready milestones in priority order start if their role has at least their
 * minimum people free, taking up to their maximum. A milestone is critical
 * when it finishes the project, or when it drove the start of a critical
 * milestone: a predecessor finishing when it started, or the milestone whose
 * release of people let it start.
 *
 * Summaries come last: per-milestone percentiles and sensitivity (Spearman
 * correlation of duration with the project finish) from the codes, sorted
 * below 65,536 iterations and counted from there, at 65,536 bins either way;
 * totals by selection on the kept samples. What a run will hold is computed
 * before anything is allocated (pb_sim_memory), and a run past the limit is
 * refused. An interrupt is seen before every sub-block of iterations.
 */
#include "pushback/sim.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "plan_internal.h"
#include "sched.h"

#define CODE_MAX      65535
#define CODE_BINS     ((size_t)CODE_MAX + 1)
#define DETAIL_BUDGET ((size_t)256 << 20) /* bytes of codes at most */
#define GOLDEN        0x9e3779b97f4a7c15ull

/* ==== Random numbers ==== */

static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in (0, 1) of stream 'key' in the iteration whose hash is h. */
static inline double unif(uint64_t key, uint64_t h)
{
    return (double)(mix64(key ^ h) >> 12) * 0x1p-52 + 0x1p-53; /* in [2^-53, 1 - 2^-53] */
}

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

typedef struct acc_ms {
    double d_sum, d_ss, d_min, d_max; /* duration: sums shifted by shift_d */
    double f_sum, f_ss, f_min, f_max; /* finish: shifted by shift_f */
    uint64_t crit, by_deadline;
} acc_ms;

typedef struct acc {
    acc_ms *ms;
    uint64_t *fired;
    double *fired_fsum; /* sum of (finish - fin shift) over iterations where it fired */
    double *delay_sum;  /* sum of sampled delays when fired */
    double *labour;     /* per role: sum of people x duration */
    double fsum;        /* sum of (finish - fin shift) */
    size_t n;
} acc;

static bool acc_alloc(acc *a, size_t n_ms, size_t n_risks, size_t n_roles)
{
    a->labour = calloc(n_roles + 1, sizeof *a->labour);
    a->ms = calloc(n_ms ? n_ms : 1, sizeof *a->ms);
    a->fired = calloc(n_risks + 1, sizeof *a->fired);
    a->fired_fsum = calloc(n_risks + 1, sizeof *a->fired_fsum);
    a->delay_sum = calloc(n_risks + 1, sizeof *a->delay_sum);
    return a->ms && a->fired && a->fired_fsum && a->delay_sum && a->labour;
}

static void acc_release(acc *a)
{
    free(a->ms);
    free(a->fired);
    free(a->fired_fsum);
    free(a->delay_sum);
    free(a->labour);
}

static void acc_zero(acc *a, size_t n_ms, size_t n_risks, size_t n_roles)
{
    memset(a->labour, 0, n_roles * sizeof *a->labour);
    for (size_t t = 0; t < n_ms; t++) {
        acc_ms *m = &a->ms[t];
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

static void acc_merge(acc *into, const acc *a, size_t n_ms, size_t n_risks, size_t n_roles)
{
    for (size_t r = 0; r < n_roles; r++)
        into->labour[r] += a->labour[r];
    for (size_t t = 0; t < n_ms; t++) {
        acc_ms *d = &into->ms[t];
        const acc_ms *s = &a->ms[t];
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
    pb__sched sc;                    /* one iteration, for the event-driven scheduler */
} work;

static void work_release(work *w)
{
    free(w->hs);
    free(w->sh);
    free(w->gr);
    free(w->cst);
    free(w->F);
    free(w->tol);
    free(w->gz);
    free(w->DUR);
    free(w->DEL);
    free(w->START);
    free(w->FIN);
    free(w->NEED);
    free(w->CR);
    free(w->FIRED);
    free(w->RND);
    pb__sched_release(&w->sc);
}

static bool work_alloc(work *w, const pb_plan *p)
{
    size_t n = p->n_ms + 1;
    memset(w, 0, sizeof *w);
    if (p->contention && !pb__sched_alloc(&w->sc, p))
        return false;
    /* sub-blocks small enough that the rows stay in cache: about 1 MiB */
    size_t sb = 32768 / n;
    sb = sb < 8 ? 8 : sb > 256 ? 256 : sb;
    w->sb = sb;
    w->hs = malloc(sb * sizeof *w->hs);
    w->sh = malloc(sb * sizeof(double));
    w->gr = malloc(sb * sizeof(double));
    w->cst = malloc(sb * sizeof(double));
    w->F = malloc(sb * sizeof(double));
    w->tol = malloc(sb * sizeof(double));
    w->gz = malloc((p->n_groups + 1) * sb * sizeof(double));
    w->DUR = malloc(n * sb * sizeof(double));
    w->DEL = malloc(n * sb * sizeof(double));
    w->START = malloc(n * sb * sizeof(double));
    w->FIN = malloc(n * sb * sizeof(double));
    w->NEED = malloc((p->n_resources + 1) * sb * sizeof(double));
    w->CR = malloc(n * sb);
    w->FIRED = malloc((p->n_risks + 1) * sb);
    w->RND = malloc((p->n_loops + 1) * sb);
    return w->hs && w->sh && w->gr && w->cst && w->F && w->tol && w->gz && w->DUR && w->DEL &&
           w->START && w->FIN && w->NEED && w->CR && w->FIRED && w->RND;
}

/* ==== The run ==== */

typedef struct run {
    const pb_plan *p;
    const pb_sim_opts *o;
    uint64_t seedk;
    size_t n_total;                /* iterations of this round */
    size_t n_blocks;               /* blocks of this round */
    size_t detail_n;               /* iterations that keep codes */
    double *finish, *cost, *needs; /* needs: [resource][cap] */
    size_t cap;
    uint16_t *dcode, *fcode; /* [t * detail_n + it] for the first detail_n iterations */
    double *sdur, *sfin;     /* keep_samples: [t * cap + it] */
    unsigned char *sfired;   /* keep_samples: [r * cap + it] */
    unsigned char *rounds;   /* [l * cap + it] per looping milestone l: rounds if met, else 0 */
    double *dscale, *fscale; /* code = (x - lo) * scale */
    double deadline, budget;
    double deadline_lim, budget_lim; /* what meets them: pb_stats_limit */
    /* block hand-out and in-order merging */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next, merged, window;
    acc *slots;
    unsigned char *slot_done;
    acc total;
    bool failed, cancelled;
} run;

static inline uint16_t encode(double x, double lo, double scale)
{
    double c = (x - lo) * scale;
    c = c > 0 ? c : 0; /* also maps NaN to 0 */
    c = c < CODE_MAX ? c : CODE_MAX;
    return (uint16_t)(int)c;
}

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
        while (!(met = unif(ks[r], w->hs[i]) < ps[r]) && r + 1 < max) {
            r++;
            x[i] += pb__sampler_draw(&m->work, unif(kw[r], w->hs[i])) * w->sh[i];
        }
        code[i] = met ? (unsigned char)(r + 1) : 0;
    }
}

/* Draw every estimate of iterations [it0, it0 + k) into the rows, milestone by milestone. */
static void sample_rows(const run *R, work *w, size_t it0, size_t k, acc *a)
{
    const pb_plan *p = R->p;
    size_t sb = w->sb;
    for (size_t i = 0; i < k; i++) {
        w->hs[i] = mix64(R->seedk + (it0 + i) * GOLDEN);
        w->cst[i] = 0;
        w->sh[i] =
            p->has_shared ? pb__sampler_draw(&p->shared, unif(p->key_shared, w->hs[i])) : 1.0;
        w->gr[i] =
            p->has_growth ? pb__sampler_draw(&p->growth, unif(p->key_growth, w->hs[i])) : 0.0;
    }
    for (size_t g = 0; g < p->n_groups; g++)
        for (size_t i = 0; i < k; i++)
            w->gz[g * sb + i] = pb__table_eval(p->normal, unif(p->groups[g].key, w->hs[i]));
    for (size_t r = 0; r < p->n_resources; r++)
        memset(w->NEED + r * sb, 0, k * sizeof(double));
    size_t loop = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb__pm *m = &p->ms[t];
        double *x = w->DUR + t * sb, *del = w->DEL + t * sb;
        if (m->group < 0) {
            for (size_t i = 0; i < k; i++)
                x[i] = pb__sampler_draw(&m->work, unif(m->key, w->hs[i])) * w->sh[i];
        } else {
            const pb__pgroup *g = &p->groups[m->group];
            const double *z0 = w->gz + (size_t)m->group * sb;
            for (size_t i = 0; i < k; i++) {
                double u = pb__table_eval(p->normal, unif(m->key, w->hs[i]));
                u = pb__phi(p, g->a * z0[i] + g->b * u);
                x[i] = pb__sampler_draw(&m->work, u) * w->sh[i];
            }
        }
        if (m->rounds_max)
            sample_rounds(p, w, m, loop++, x, k);
        if (m->growth == 0)
            for (size_t i = 0; i < k; i++)
                x[i] *= 1.0 + w->gr[i];
        else if (m->growth == 1)
            for (size_t i = 0; i < k; i++)
                x[i] *= 1.0 + pb__sampler_draw(&m->own_growth, unif(m->key_growth, w->hs[i]));
        memset(del, 0, k * sizeof *del);
        for (size_t r = m->risk0; r < m->risk0 + m->n_risk; r++) {
            const pb__prisk *rk = &p->risks[r];
            unsigned char *fired = w->FIRED + r * sb;
            size_t n_fired = 0;
            double dsum = 0;
            for (size_t i = 0; i < k; i++) {
                fired[i] = unif(rk->key_fire, w->hs[i]) < rk->p;
                if (fired[i]) {
                    double d = pb__sampler_draw(&rk->delay, unif(rk->key_delay, w->hs[i]));
                    del[i] += d;
                    dsum += d;
                    n_fired++;
                    if (rk->has_cost)
                        w->cst[i] += pb__sampler_draw(&rk->cost, unif(rk->key_cost, w->hs[i]));
                }
            }
            a->fired[r] += n_fired;
            a->delay_sum[r] += dsum;
        }
        if (!m->effort) {
            for (size_t i = 0; i < k; i++) {
                x[i] += del[i];
                w->cst[i] += m->rate * x[i];
            }
        }
        if (m->has_cost)
            for (size_t i = 0; i < k; i++)
                w->cst[i] += pb__sampler_draw(&m->cost, unif(m->key_cost, w->hs[i]));
        for (size_t e = m->need0; e < m->need0 + m->n_need; e++) {
            const pb__pneed *nd = &p->needs[e];
            double *need = w->NEED + nd->resource * sb;
            for (size_t i = 0; i < k; i++)
                need[i] += pb__sampler_draw(&nd->amount, unif(nd->key, w->hs[i]));
        }
    }
}

/* Forward pass and critical flags over the rows (no contention). */
static void schedule_rows(const pb_plan *p, work *w, size_t k, bool detail)
{
    size_t sb = w->sb, n = p->n_ms;
    for (size_t i = 0; i < k; i++)
        w->F[i] = 0;
    for (size_t t = 0; t < n; t++) {
        const pb__pm *m = &p->ms[t];
        double *st = w->START + t * sb, *fn = w->FIN + t * sb;
        const double *du = w->DUR + t * sb;
        if (!m->n_pred) {
            for (size_t i = 0; i < k; i++)
                st[i] = 0;
        } else {
            const double *f0 = w->FIN + p->preds[m->pred0] * sb;
            for (size_t i = 0; i < k; i++)
                st[i] = f0[i];
            for (size_t e = m->pred0 + 1; e < m->pred0 + m->n_pred; e++) {
                const double *f = w->FIN + p->preds[e] * sb;
                for (size_t i = 0; i < k; i++)
                    st[i] = f[i] > st[i] ? f[i] : st[i];
            }
        }
        for (size_t i = 0; i < k; i++) {
            fn[i] = st[i] + du[i];
            w->F[i] = fn[i] > w->F[i] ? fn[i] : w->F[i];
        }
    }
    if (!detail)
        return;
    for (size_t i = 0; i < k; i++)
        w->tol[i] = 1e-9 * (w->F[i] > 1 ? w->F[i] : 1);
    for (size_t t = 0; t < n; t++) {
        const double *fn = w->FIN + t * sb;
        unsigned char *cr = w->CR + t * sb;
        for (size_t i = 0; i < k; i++)
            cr[i] = fn[i] >= w->F[i] - w->tol[i];
    }
    for (size_t t = n; t-- > 0;) {
        const pb__pm *m = &p->ms[t];
        const unsigned char *ct = w->CR + t * sb;
        const double *st = w->START + t * sb;
        for (size_t e = m->pred0; e < m->pred0 + m->n_pred; e++) {
            size_t j = p->preds[e];
            unsigned char *cj = w->CR + j * sb;
            const double *fj = w->FIN + j * sb;
            for (size_t i = 0; i < k; i++)
                cj[i] |= ct[i] & (fj[i] >= st[i] - w->tol[i]);
        }
    }
}

/* Event-driven scheduling, one iteration at a time, reading and writing the rows. */
static void schedule_rows_roles(const pb_plan *p, work *w, size_t k, acc *a, bool detail)
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
        w->F[i] = pb__sched_run(p, sc, detail);
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
static bool run_block(run *R, work *w, size_t b, acc *a)
{
    const pb_plan *p = R->p;
    size_t n = p->n_ms, first = b * PB_SIM_BLOCK, sb = w->sb;
    size_t last = first + PB_SIM_BLOCK < R->n_total ? first + PB_SIM_BLOCK : R->n_total;
    bool detail = R->o->detail, codes = detail && first < R->detail_n;
    acc_zero(a, n, p->n_risks, p->n_roles);
    a->n = last - first;
    double fshift = n ? p->ms[n - 1].shift_f : 0, alloc = pb__alloc_rate(p);
    for (size_t it0 = first; it0 < last; it0 += sb) {
        size_t k = last - it0 < sb ? last - it0 : sb;
        if (R->o->cancel && *R->o->cancel)
            return false;
        sample_rows(R, w, it0, k, a);
        if (p->contention)
            schedule_rows_roles(p, w, k, a, detail || R->sdur);
        else
            schedule_rows(p, w, k, detail);
        for (size_t i = 0; i < k; i++) {
            R->finish[it0 + i] = w->F[i];
            a->fsum += w->F[i] - fshift;
        }
        for (size_t l = 0; l < p->n_loops; l++)
            memcpy(R->rounds + l * R->cap + it0, w->RND + l * sb, k);
        if (R->sdur) {
            for (size_t t = 0; t < n; t++) {
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
        if (!detail)
            continue;
        for (size_t t = 0; t < n; t++) {
            const pb__pm *m = &p->ms[t];
            acc_ms *s = &a->ms[t];
            const double *du = w->DUR + t * sb, *fn = w->FIN + t * sb;
            const unsigned char *cr = w->CR + t * sb;
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
            if (codes && it0 < R->detail_n) {
                uint16_t *dc = R->dcode + t * R->detail_n + it0;
                uint16_t *fc = R->fcode + t * R->detail_n + it0;
                double dlo = m->dur_lo, dsc = R->dscale[t], flo = m->fin_lo, fsc = R->fscale[t];
                size_t kc = R->detail_n - it0 < k ? R->detail_n - it0 : k;
                for (size_t i = 0; i < kc; i++) {
                    dc[i] = encode(du[i], dlo, dsc);
                    fc[i] = encode(fn[i], flo, fsc);
                }
            }
        }
    }
    return true;
}

static void *worker(void *arg)
{
    run *R = arg;
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
        acc *slot = &R->slots[b % R->window];
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
    return NULL;
}

/* Run blocks [R->merged, ceil(n / BLOCK)) with the configured threads. */
static pb_status run_round(run *R, size_t n, pb_error *err)
{
    R->n_total = n;
    R->n_blocks = (n + PB_SIM_BLOCK - 1) / PB_SIM_BLOCK;
    R->next = R->merged;
    unsigned nt = R->o->threads ? R->o->threads : 1;
    size_t todo = R->n_blocks - R->merged;
    if (nt > todo)
        nt = todo ? (unsigned)todo : 1;
    pthread_t *th = calloc(nt, sizeof *th);
    if (!th)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    unsigned started = 0;
    for (; started + 1 < nt; started++)
        if (pthread_create(&th[started], NULL, worker, R) != 0)
            break;
    worker(R); /* the calling thread works too */
    for (unsigned i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    if (R->failed)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory in a worker thread");
    return PB_OK;
}

/* ==== Summaries ==== */

static void summary_from_acc(pb_summary *s, size_t n, double sum, double ss, double shift,
                             double mn, double mx)
{
    s->n = n;
    if (!n)
        return;
    double m = sum / (double)n;
    s->mean = shift + m;
    double var = n > 1 ? (ss - (double)n * m * m) / (double)(n - 1) : 0;
    s->sd = var > 0 ? sqrt(var) : 0;
    s->min = mn;
    s->max = mx;
    if (s->mean < mn)
        s->mean = mn;
    if (s->mean > mx)
        s->mean = mx;
}

/* Clamp histogram percentiles into the exact [min, max]. */
static void clamp_pct(pb_summary *s)
{
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        pb_interval *v = &s->pct[k];
        v->value = fmin(fmax(v->value, s->min), s->max);
        if (!isnan(v->lo)) /* NaN: no interval, and it stays so */
            v->lo = fmin(fmax(v->lo, s->min), s->max);
        if (!isnan(v->hi))
            v->hi = fmin(fmax(v->hi, s->min), s->max);
    }
}

/* ==== Parallel loops ==== */

typedef void (*par_fn)(void *arg, unsigned tid, unsigned nt);

typedef struct par_job {
    par_fn fn;
    void *arg;
    unsigned tid, nt;
} par_job;

static void *par_main(void *a)
{
    par_job *j = a;
    j->fn(j->arg, j->tid, j->nt);
    return NULL;
}

/* Run fn(arg, tid, nt) for tid = 0..nt-1 on nt threads (fewer if creation fails). */
static void par_run(unsigned nt, par_fn fn, void *arg)
{
    if (nt < 1)
        nt = 1;
    pthread_t th[64];
    par_job jobs[64];
    if (nt > 64)
        nt = 64;
    unsigned started = 0;
    for (unsigned t = 1; t < nt; t++) {
        jobs[t] = (par_job){fn, arg, t, nt};
        if (pthread_create(&th[t], NULL, par_main, &jobs[t]) != 0)
            break;
        started = t;
    }
    if (started + 1 < nt) {
        /* some threads could not start: do their share here */
        for (unsigned t = started + 1; t < nt; t++)
            fn(arg, t, nt);
    }
    fn(arg, 0, nt);
    for (unsigned t = 1; t <= started; t++)
        pthread_join(th[t], NULL);
}

/* ==== Milestone details ==== */

typedef struct detail_job {
    run *R;
    pb_result *res;
    size_t nd;
    const float *rf; /* centred mid-rank of the project finish, per iteration */
    double ss_f, centre;
    pb_level_ranks ranks;
    bool failed;
} detail_job;

/* Per-thread scratch of the milestone details. */
typedef struct detail_scratch {
    uint32_t *cnt;    /* CODE_BINS counts (counting path) */
    double *mid;      /* CODE_BINS mid-ranks, by code */
    uint16_t *sorted; /* nd codes sorted (sorting path) */
    uint16_t *tmp;    /* nd codes, the radix sort's other buffer */
} detail_scratch;

/* Sort nd 16-bit codes into 'out' by two counting passes of 8 bits, through 'tmp'. */
static void radix_sort16(const uint16_t *in, size_t nd, uint16_t *tmp, uint16_t *out)
{
    size_t c0[257] = {0}, c1[257] = {0};
    for (size_t i = 0; i < nd; i++) {
        c0[(in[i] & 0xff) + 1]++;
        c1[(in[i] >> 8) + 1]++;
    }
    for (int k = 0; k < 256; k++) {
        c0[k + 1] += c0[k];
        c1[k + 1] += c1[k];
    }
    for (size_t i = 0; i < nd; i++)
        tmp[c0[in[i] & 0xff]++] = in[i];
    for (size_t i = 0; i < nd; i++)
        out[c1[tmp[i] >> 8]++] = tmp[i];
}

/*
 * The value of rank r among nd sorted codes: the c codes equal to s[r] sit at
 * (i + 1/2) / c of their bin (i their position among them), exactly as
 * pb_stats_hist_percentiles places the values of a bin.
 */
static double sorted_code_at(const uint16_t *s, size_t nd, size_t r, double lo, double width)
{
    uint16_t v = s[r];
    size_t a = 0, b = r; /* first index holding v: in [a, b] */
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (s[m] < v)
            a = m + 1;
        else
            b = m;
    }
    size_t first = a;
    a = r + 1, b = nd; /* first index past v: in [a, b] */
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (s[m] <= v)
            a = m + 1;
        else
            b = m;
    }
    return lo + width * ((double)v + ((double)(r - first) + 0.5) / (double)(a - first));
}

/* Percentiles of nd sorted codes (the sorting path; see sorted_code_at). */
static void sorted_percentiles(const uint16_t *s, size_t nd, double lo, double width,
                               const pb_level_ranks *rk, pb_summary *out)
{
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        double v0 = sorted_code_at(s, nd, rk->j[k], lo, width);
        double v1 = sorted_code_at(s, nd, rk->j1[k], lo, width);
        out->pct[k].value = rk->g[k] > 0 ? v0 + rk->g[k] * (v1 - v0) : v0;
        out->pct[k].lo = sorted_code_at(s, nd, rk->lo[k], lo, width);
        out->pct[k].hi = sorted_code_at(s, nd, rk->hi[k], lo, width);
    }
}

/*
 * Percentiles of one milestone's codes c[0..nd) into s->pct, and (when ss
 * is not NULL) the mid-rank of every code present into sc->mid with the sum
 * of squared centred mid-ranks into *ss. Below CODE_BINS samples the codes
 * are sorted (O(nd)); from there on they are counted into CODE_BINS bins.
 * Either way each bin is 'width' wide: a value is placed within one bin
 * width of the sample's, and the interval is widened by one bin width on
 * each side so that it holds the exact order statistics it stands for.
 */
static void code_summary(const detail_job *J, detail_scratch *sc, const uint16_t *c, double lo,
                         double width, pb_summary *s, double *ss)
{
    size_t nd = J->nd;
    pb_summary tmp = *s;
    if (!nd) { /* an interrupt before the first block: nothing to summarize */
        memset(s->pct, 0, sizeof s->pct);
        return;
    }
    if (nd >= CODE_BINS) {
        memset(sc->cnt, 0, CODE_BINS * sizeof *sc->cnt);
        for (size_t i = 0; i < nd; i++)
            sc->cnt[c[i]]++;
        pb_stats_hist_percentiles_ranked(sc->cnt, CODE_BINS, lo, width, &J->ranks, &tmp);
        if (ss)
            pb_stats_midranks(sc->cnt, CODE_BINS, sc->mid, ss);
    } else {
        radix_sort16(c, nd, sc->tmp, sc->sorted);
        sorted_percentiles(sc->sorted, nd, lo, width, &J->ranks, &tmp);
        for (size_t i = 0, j; ss && i < nd; i = j) {
            for (j = i + 1; j < nd && sc->sorted[j] == sc->sorted[i];)
                j++;
            double m = ((double)i + (double)j + 1) / 2; /* mean of ranks i + 1 .. j */
            sc->mid[sc->sorted[i]] = m;
            *ss += (double)(j - i) * (m - J->centre) * (m - J->centre);
        }
    }
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        s->pct[k].value = tmp.pct[k].value;
        s->pct[k].lo = J->ranks.has_ci[k] ? tmp.pct[k].lo - width : NAN;
        s->pct[k].hi = J->ranks.has_ci[k] ? tmp.pct[k].hi + width : NAN;
    }
    clamp_pct(s);
}

/* Percentiles and sensitivity of milestones tid, tid + nt, ... from their codes. */
static void detail_part(void *arg, unsigned tid, unsigned nt)
{
    detail_job *J = arg;
    run *R = J->R;
    const pb_plan *p = R->p;
    size_t n = p->n_ms, nd = J->nd;
    detail_scratch sc = {malloc(CODE_BINS * sizeof *sc.cnt), malloc(CODE_BINS * sizeof *sc.mid),
                         malloc((nd + 1) * sizeof *sc.sorted), malloc((nd + 1) * sizeof *sc.tmp)};
    if (!sc.cnt || !sc.mid || !sc.sorted || !sc.tmp) {
        J->failed = true;
        goto out;
    }
    for (size_t t = tid; t < n; t += nt) {
        pb_milestone_result *mr = &J->res->milestones[t];
        const pb__pm *m = &p->ms[t];
        const uint16_t *dc = R->dcode + t * R->detail_n, *fc = R->fcode + t * R->detail_n;
        double ss_d = 0, dot = 0;
        code_summary(J, &sc, fc, m->fin_lo, R->fscale[t] > 0 ? 1.0 / R->fscale[t] : 0, &mr->finish,
                     NULL);
        code_summary(J, &sc, dc, m->dur_lo, R->dscale[t] > 0 ? 1.0 / R->dscale[t] : 0,
                     &mr->duration, &ss_d);
        /* sensitivity: Pearson correlation of mid-ranks */
        for (size_t i = 0; i < nd; i++)
            dot += (sc.mid[dc[i]] - J->centre) * J->rf[i];
        mr->sensitivity = ss_d > 0 && J->ss_f > 0 ? dot / sqrt(ss_d * J->ss_f) : 0;
        mr->sensitivity = fmin(1.0, fmax(-1.0, mr->sensitivity));
    }
out:
    free(sc.cnt);
    free(sc.mid);
    free(sc.sorted);
    free(sc.tmp);
}

/* Milestone percentiles and sensitivities from the codes of the first nd iterations. */
static pb_status detail_summaries(run *R, pb_result *res, size_t nd, pb_error *err)
{
    uint32_t *cnt = malloc(CODE_BINS * sizeof *cnt);
    double *mid = malloc(CODE_BINS * sizeof *mid);
    float *rf = malloc((nd ? nd : 1) * sizeof *rf);
    detail_job J = {R, res, nd, rf, 0, ((double)nd + 1) / 2, {0}, false};
    pb_status rc = PB_OK;
    if (!cnt || !mid || !rf) {
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        goto out;
    }
    /* project finish mid-ranks, centred, per iteration */
    double flo = HUGE_VAL, fhi = -HUGE_VAL;
    for (size_t i = 0; i < nd; i++) {
        flo = fmin(flo, R->finish[i]);
        fhi = fmax(fhi, R->finish[i]);
    }
    double fsc = fhi > flo ? (double)CODE_MAX / (fhi - flo) : 0;
    memset(cnt, 0, CODE_BINS * sizeof *cnt);
    for (size_t i = 0; i < nd; i++)
        cnt[encode(R->finish[i], flo, fsc)]++;
    pb_stats_midranks(cnt, CODE_BINS, mid, &J.ss_f);
    for (size_t i = 0; i < nd; i++)
        rf[i] = (float)(mid[encode(R->finish[i], flo, fsc)] - J.centre);
    pb_stats_level_ranks(nd, &J.ranks);
    par_run(R->o->threads, detail_part, &J);
    if (J.failed)
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
out:
    free(cnt);
    free(mid);
    free(rf);
    return rc;
}

static size_t count_le(const double *x, size_t n, double t)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += x[i] <= t;
    return k;
}

typedef struct totals_job {
    run *R;
    pb_result *res;
    size_t n;
    bool failed;
} totals_job;

/* Summaries of the kept samples (finish, cost, needs), shared between threads. */
static void totals_part(void *arg, unsigned tid, unsigned nt)
{
    totals_job *J = arg;
    size_t n = J->n;
    double *scratch = malloc((n ? n : 1) * sizeof *scratch);
    if (!scratch) {
        J->failed = true;
        return;
    }
    for (size_t k = tid; k < 2 + J->res->n_needs; k += nt) {
        const double *x = k == 0   ? J->R->finish
                          : k == 1 ? J->R->cost
                                   : J->R->needs + (k - 2) * J->R->cap;
        pb_summary *out = k == 0   ? &J->res->duration
                          : k == 1 ? &J->res->cost
                                   : &J->res->needs[k - 2];
        memcpy(scratch, x, n * sizeof *scratch);
        pb_stats_summarize(scratch, n, out);
    }
    free(scratch);
}

static pb_status metric_summaries(run *R, pb_result *res, size_t n, pb_error *err);

static pb_status summarize(run *R, pb_result *res, size_t n, pb_error *err)
{
    const pb_plan *p = R->p;
    pb_status rc;
    res->iterations = n;
    if (R->o->detail) {
        for (size_t t = 0; t < p->n_ms; t++) {
            const acc_ms *a = &R->total.ms[t];
            pb_milestone_result *mr = &res->milestones[t];
            summary_from_acc(&mr->duration, n, a->d_sum, a->d_ss, p->ms[t].shift_d, a->d_min,
                             a->d_max);
            summary_from_acc(&mr->finish, n, a->f_sum, a->f_ss, p->ms[t].shift_f, a->f_min,
                             a->f_max);
            mr->criticality = n ? (double)a->crit / (double)n : 0;
            if (isfinite(R->deadline))
                mr->p_by_deadline = pb_stats_wilson(a->by_deadline, n);
        }
        size_t nd = n < R->detail_n ? n : R->detail_n;
        res->detail_iterations = nd;
        if ((rc = detail_summaries(R, res, nd, err)))
            return rc;
    }
    for (size_t r = 0; r < p->n_risks; r++) {
        pb_risk_result *rr = &res->risks[r];
        size_t k = R->total.fired[r];
        rr->fired = n ? (double)k / (double)n : 0;
        if (k > 0 && k < n) {
            double with = R->total.fired_fsum[r] / (double)k;
            double without = (R->total.fsum - R->total.fired_fsum[r]) / (double)(n - k);
            rr->mean_delay = with - without;
        } else {
            rr->mean_delay = k ? R->total.delay_sum[r] / (double)k : 0;
        }
    }
    for (size_t r = 0; r < p->n_roles; r++)
        res->labour[r] = n ? R->total.labour[r] / (double)n : 0;
    res->has_deadline = isfinite(R->deadline);
    res->has_budget = isfinite(R->budget);
    res->deadline = res->has_deadline ? R->deadline : 0;
    res->budget = res->has_budget ? R->budget : 0;
    size_t kd = 0, kb = 0, kj = 0;
    for (size_t i = 0; i < n; i++) {
        bool d = !res->has_deadline || R->finish[i] <= R->deadline_lim;
        bool c = !res->has_budget || R->cost[i] <= R->budget_lim;
        kd += d;
        kb += c;
        kj += d && c;
    }
    if (res->has_deadline)
        res->p_deadline = pb_stats_wilson(kd, n);
    if (res->has_budget)
        res->p_budget = pb_stats_wilson(kb, n);
    if (res->has_deadline || res->has_budget)
        res->p_joint = pb_stats_wilson(kj, n);
    /* histogram of the finish over [min, max] */
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        lo = fmin(lo, R->finish[i]);
        hi = fmax(hi, R->finish[i]);
    }
    res->hist_lo = n ? lo : 0;
    res->hist_hi = n ? hi : 0;
    pb_stats_histogram(R->finish, n, res->hist_lo, res->hist_hi, PB_SIM_HIST, res->hist);
    /* the codes are done with: give their memory back before the totals */
    free(R->dcode);
    free(R->fcode);
    R->dcode = R->fcode = NULL;
    totals_job J = {R, res, n, false};
    par_run(R->o->threads < 2 ? 1 : 2, totals_part, &J);
    if (J.failed)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if ((rc = pb__curve_summary(p, R->seedk, n, res, err)))
        return rc;
    return metric_summaries(R, res, n, err);
}

/* The rounds of looping milestone l over n iterations, into rr. False when memory runs out. */
static bool rounds_summary(const run *R, size_t l, size_t n, pb_rounds_result *rr)
{
    const pb__pm *m = &R->p->ms[R->p->loops[l]];
    const unsigned char *code = R->rounds + l * R->cap;
    size_t cnt[PB_MAX_ROUNDS + 1] = {0};
    for (size_t i = 0; i < n; i++)
        cnt[code[i]]++;
    rr->id = m->id;
    rr->name = m->name;
    rr->max = m->rounds_max;
    rr->p_met = pb_stats_wilson(n - cnt[0], n);
    if (!(rr->p_rounds = calloc((size_t)m->rounds_max, sizeof *rr->p_rounds)))
        return false;
    cnt[m->rounds_max] += cnt[0]; /* not met: every round taken */
    double mean = 0, cum = 0;
    size_t k = 0;
    for (int r = 1; r <= m->rounds_max; r++) {
        double q = n ? (double)cnt[r] / (double)n : 0;
        rr->p_rounds[r - 1] = q;
        mean += r * q;
        cum += (double)cnt[r];
        /* fewest rounds r with P(rounds <= r) >= level, in whole counts */
        while (k < PB_N_LEVELS && cum >= pb_stats_levels[k] * (double)n - 1e-9 * (double)n)
            rr->rounds_pct[k++] = r;
    }
    while (k < PB_N_LEVELS)
        rr->rounds_pct[k++] = m->rounds_max;
    rr->mean_rounds = mean;
    return true;
}

/* Every looping milestone's rounds, and the project's chances with the metric met. */
static pb_status metric_summaries(run *R, pb_result *res, size_t n, pb_error *err)
{
    const pb_plan *p = R->p;
    if (!p->n_loops)
        return PB_OK;
    res->rounds = calloc(p->n_loops, sizeof *res->rounds);
    double *met = malloc((n ? n : 1) * sizeof *met);
    if (!res->rounds || !met) {
        free(met);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    res->n_rounds = p->n_loops;
    for (size_t l = 0; l < p->n_loops; l++)
        if (!rounds_summary(R, l, n, &res->rounds[l])) {
            free(met);
            return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        }
    size_t k = 0, kd = 0;
    for (size_t i = 0; i < n; i++) {
        bool ok = true;
        for (size_t l = 0; l < p->n_loops && ok; l++)
            ok = R->rounds[l * R->cap + i] != 0;
        if (!ok)
            continue;
        met[k++] = R->finish[i];
        kd += R->finish[i] <= R->deadline_lim;
    }
    res->p_met = pb_stats_wilson(k, n);
    if (res->has_deadline)
        res->p_deadline_met = pb_stats_wilson(kd, n);
    pb_stats_summarize(met, k, &res->finish_met);
    free(met);
    return PB_OK;
}

/* Has the automatic mode converged at n iterations? */
static bool converged(run *R, size_t n, double *scratch)
{
    memcpy(scratch, R->finish, n * sizeof *scratch);
    pb_interval p80 = pb_stats_quantile(scratch, n, 0.8);
    bool ok = p80.hi - p80.value <= 0.005 * fabs(p80.value) &&
              p80.value - p80.lo <= 0.005 * fabs(p80.value);
    if (isfinite(R->deadline)) {
        pb_interval pd = pb_stats_wilson(count_le(R->finish, n, R->deadline_lim), n);
        ok = ok && pd.hi - pd.value <= 0.005 && pd.value - pd.lo <= 0.005;
    }
    return ok;
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
                    (p->n_loops ? (double)p->n_loops + 8.0 : 0.0);
    double nd = (double)detail_iterations(p, o, n);
    /* codes, the finish's mid-ranks, and each detail thread's bins and sorting buffers */
    double detail =
        o->detail ? 4.0 * ms * nd + 4.0 * nd + fmin(nt, 64) * ((double)CODE_BINS * 12.0 + 4.0 * nd)
                  : 0.0;
    /* accumulators: the ring and the total; per thread: rows and the scheduler */
    double accs = (2.0 * nt + 3.0) * (ms * (double)sizeof(acc_ms) + 24.0 * (double)p->n_risks +
                                      8.0 * (double)p->n_roles);
    double sb = fmin(256.0, fmax(8.0, floor(32768.0 / ms)));
    double rows = nt * (ms * (33.0 * sb + (p->contention ? 160.0 : 0.0)) +
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

pb_status pb_sim_run(const pb_plan *p, const pb_sim_opts *o, pb_result **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    if (o->threads < 1 || o->threads > 1024)
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "threads must be between 1 and 1024");
    if (!o->iterations && o->max_iterations < 1)
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "max-iterations must be at least 1");
    if (o->iterations > ((size_t)1 << 31) || o->max_iterations > ((size_t)1 << 31))
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "at most 2^31 iterations");
    const pb_scenario *s = p->scenario;
    run R;
    memset(&R, 0, sizeof R);
    R.p = p;
    R.o = o;
    R.seedk = mix64(o->seed ^ 0x5deece66dull);
    R.deadline = isnan(o->deadline) ? s->ask_deadline : o->deadline;
    R.budget = isnan(o->budget) ? s->ask_budget : o->budget;
    R.deadline_lim = pb_stats_limit(R.deadline);
    R.budget_lim = pb_stats_limit(R.budget);
    size_t cap = o->iterations ? o->iterations : o->max_iterations;
    pb_status mrc = pb__sim_check_memory(p, o, cap, 0, err);
    if (mrc)
        return mrc;
    R.cap = cap;
    size_t n_ms = p->n_ms;
    size_t detail = detail_iterations(p, o, cap);
    R.detail_n = detail;
    pb_result *res = calloc(1, sizeof *res);
    pb_status rc = PB_OK;
    R.window = 2 * (size_t)o->threads + 2;
    R.finish = malloc(cap * sizeof *R.finish);
    R.cost = malloc(cap * sizeof *R.cost);
    R.needs = malloc((p->n_resources ? p->n_resources * cap : 1) * sizeof *R.needs);
    R.slots = calloc(R.window, sizeof *R.slots);
    R.slot_done = calloc(R.window, 1);
    R.dscale = calloc(n_ms + 1, sizeof *R.dscale);
    R.fscale = calloc(n_ms + 1, sizeof *R.fscale);
    if (detail) {
        R.dcode = malloc(detail * n_ms * sizeof *R.dcode + 1);
        R.fcode = malloc(detail * n_ms * sizeof *R.fcode + 1);
    }
    bool keep_ok = true;
    if (o->keep_samples) {
        R.sdur = malloc((n_ms ? n_ms : 1) * cap * sizeof *R.sdur);
        R.sfin = malloc((n_ms ? n_ms : 1) * cap * sizeof *R.sfin);
        R.sfired = malloc((p->n_risks ? p->n_risks : 1) * cap);
        keep_ok = R.sdur && R.sfin && R.sfired;
    }
    R.rounds = malloc((p->n_loops ? p->n_loops : 1) * cap);
    keep_ok = keep_ok && R.rounds;
    bool ok = keep_ok && res && R.finish && R.cost && R.needs && R.slots && R.slot_done &&
              R.dscale && R.fscale && (!detail || (R.dcode && R.fcode)) &&
              acc_alloc(&R.total, n_ms, p->n_risks, p->n_roles);
    for (size_t k = 0; ok && k < R.window; k++)
        ok = acc_alloc(&R.slots[k], n_ms, p->n_risks, p->n_roles);
    if (ok) {
        res->milestones = calloc(n_ms + 1, sizeof *res->milestones);
        res->risks = calloc(p->n_risks + 1, sizeof *res->risks);
        res->needs = calloc(p->n_resources + 1, sizeof *res->needs);
        res->need_ids = calloc(p->n_resources + 1, sizeof *res->need_ids);
        res->labour = calloc(p->n_roles + 1, sizeof *res->labour);
        res->n_roles = p->n_roles;
        ok = res->milestones && res->risks && res->needs && res->need_ids && res->labour;
    }
    if (!ok) {
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory for %zu iterations", cap);
        goto out;
    }
    for (size_t t = 0; t < n_ms; t++) {
        const pb__pm *m = &p->ms[t];
        R.dscale[t] = m->dur_hi > m->dur_lo ? (double)CODE_MAX / (m->dur_hi - m->dur_lo) : 0;
        R.fscale[t] = m->fin_hi > m->fin_lo ? (double)CODE_MAX / (m->fin_hi - m->fin_lo) : 0;
        res->milestones[t].id = m->id;
        res->milestones[t].name = m->name;
    }
    for (size_t r = 0; r < p->n_risks; r++) {
        res->risks[r].id = p->risks[r].id;
        res->risks[r].name = p->risks[r].name;
    }
    res->n_milestones = o->detail ? n_ms : 0;
    res->n_risks = p->n_risks;
    res->n_needs = p->n_resources;
    for (size_t r = 0; r < p->n_resources; r++)
        res->need_ids[r] = p->resource_ids[r];
    acc_zero(&R.total, n_ms, p->n_risks, p->n_roles);
    pthread_mutex_init(&R.mu, NULL);
    pthread_cond_init(&R.cv, NULL);
    size_t n = 0;
    if (o->iterations) {
        n = o->iterations;
        rc = run_round(&R, n, err);
        res->stopped = "fixed";
    } else {
        double *scratch = malloc(cap * sizeof *scratch);
        if (!scratch) {
            rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        } else {
            n = o->min_iterations < cap ? o->min_iterations : cap;
            n = (n + PB_SIM_BLOCK - 1) / PB_SIM_BLOCK * PB_SIM_BLOCK;
            n = n < cap ? n : cap;
            res->stopped = "max-iterations";
            for (;;) {
                if ((rc = run_round(&R, n, err)) || R.cancelled)
                    break;
                if (converged(&R, n, scratch)) {
                    res->stopped = "converged";
                    break;
                }
                if (n >= cap)
                    break;
                n = 2 * n < cap ? 2 * n : cap;
            }
            free(scratch);
        }
    }
    if (!rc && R.cancelled) {
        n = R.merged * PB_SIM_BLOCK < R.n_total ? R.merged * PB_SIM_BLOCK : R.n_total;
        res->stopped = "interrupted";
    }
    pthread_mutex_destroy(&R.mu);
    pthread_cond_destroy(&R.cv);
    if (!rc)
        rc = summarize(&R, res, n, err);
    if (!rc) {
        res->seed = o->seed;
        res->threads = o->threads;
        res->finish_samples = R.finish;
        res->cost_samples = R.cost;
        R.finish = R.cost = NULL;
        if (o->keep_samples) {
            /* rows of 'cap' become rows of n: close the gaps of an automatic run */
            for (size_t t = 1; n < cap && t < n_ms; t++) {
                memmove(R.sdur + t * n, R.sdur + t * cap, n * sizeof *R.sdur);
                memmove(R.sfin + t * n, R.sfin + t * cap, n * sizeof *R.sfin);
            }
            for (size_t r = 1; n < cap && r < p->n_risks; r++)
                memmove(R.sfired + r * n, R.sfired + r * cap, n);
            for (size_t r = 1; n < cap && r < p->n_resources; r++)
                memmove(R.needs + r * n, R.needs + r * cap, n * sizeof *R.needs);
            res->ms_duration = R.sdur;
            res->ms_finish = R.sfin;
            res->risk_fired = R.sfired;
            res->need_samples = R.needs;
            R.sdur = R.sfin = R.needs = NULL;
            R.sfired = NULL;
        }
        *out = res;
        res = NULL;
    }
out:
    free(R.finish);
    free(R.cost);
    free(R.needs);
    free(R.dcode);
    free(R.fcode);
    free(R.sdur);
    free(R.sfin);
    free(R.sfired);
    free(R.rounds);
    free(R.dscale);
    free(R.fscale);
    acc_release(&R.total);
    for (size_t k = 0; R.slots && k < R.window; k++)
        acc_release(&R.slots[k]);
    free(R.slots);
    free(R.slot_done);
    pb_result_free(res);
    return rc;
}
