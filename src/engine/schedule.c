/*
 * schedule.c - the engine's schedules (see schedule.h).
 *
 * Ready effort milestones wait in one max-heap per (role, minimum people),
 * ordered by priority with the plan order breaking ties; the heaps of a
 * role are kept in ascending order of their minimum. When a role has people
 * free, the ready milestone to start is the best top among the heaps whose
 * minimum fits: the same milestone a scan of all ready milestones in
 * priority order would start, without the scan (which made 20,000
 * milestones on one role quadratic). Duration milestones need nobody and
 * start as soon as they are ready. Running milestones sit in a min-heap by
 * finish time (plan order breaking ties); the events within the relative
 * tolerance PB_STATS_REL_TOL of the earliest are taken together and happen
 * at the latest of their times.
 */
#include "schedule.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/stats.h>

#include "base/heap.h"
#include "base/lanes.h"

#define NONE SIZE_MAX

/* ==== Workspace ==== */

void pb__sched_release(pb__sched *s)
{
    free(s->mem);
    memset(s, 0, sizeof *s);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/*
 * Group the effort milestones by (role, minimum people): keys role << 42 |
 * pmin << 21 | index, sorted in 'key' (room for n_ms; every part is below
 * 2^21: the scenario limits are 1,000 roles, 100,000 people and 100,000
 * milestones).
 */
static void build_buckets(pb__sched *s, const pb_plan *p, uint64_t *key)
{
    size_t n = p->n_ms, m = 0;
    for (size_t t = 0; t < n; t++)
        if (p->ms[t].effort)
            key[m++] = (uint64_t)p->ms[t].role << 42 | (uint64_t)p->ms[t].pmin << 21 | t;
    qsort(key, m, sizeof *key, cmp_u64);
    for (size_t r = 0; r < p->n_roles; r++)
        s->role_b0[r] = s->role_nb[r] = 0;
    size_t nb = 0;
    for (size_t i = 0; i < m; i++) {
        size_t t = (size_t)(key[i] & 0x1fffff), r = (size_t)(key[i] >> 42);
        if (!i || key[i] >> 21 != key[i - 1] >> 21) {
            if (!i || key[i] >> 42 != key[i - 1] >> 42)
                s->role_b0[r] = nb;
            s->role_nb[r]++;
            s->bmin[nb] = p->ms[t].pmin;
            s->boff[nb] = i;
            nb++;
        }
        s->bucket_of[t] = nb - 1;
    }
    s->n_buckets = nb;
}

bool pb__sched_carve(pb__sched *s, const pb_plan *p, pb__arena *a)
{
    size_t n = p->n_ms + 1, r = p->n_roles + 1;
    double **dbl[] = {&s->dur, &s->wk, &s->delay, &s->start, &s->fin, &s->readyt};
    size_t **idx[] = {&s->heap,      &s->started, &s->group, &s->quick,
                      &s->bucket_of, &s->bheap,   &s->boff,  &s->blen};
    int **ints[] = {&s->people, &s->left, &s->driver, &s->bmin};
    for (size_t i = 0; i < sizeof dbl / sizeof *dbl; i++)
        *dbl[i] = pb__arena_take(a, n, sizeof(double));
    for (size_t i = 0; i < sizeof idx / sizeof *idx; i++)
        *idx[i] = pb__arena_take(a, n, sizeof(size_t));
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
        *ints[i] = pb__arena_take(a, n, sizeof(int));
    s->crit = pb__arena_take(a, n, 1);
    s->last_rel_t = pb__arena_take(a, r, sizeof(double));
    s->free_people = pb__arena_take(a, r, sizeof(int));
    s->last_rel = pb__arena_take(a, r, sizeof(int));
    s->role_b0 = pb__arena_take(a, r, sizeof(size_t));
    s->role_nb = pb__arena_take(a, r, sizeof(size_t));
    s->dirty = pb__arena_take(a, r, sizeof(size_t));
    s->is_dirty = pb__arena_take(a, r, 1);
    s->ready = pb__arena_take(a, r, sizeof(uint64_t));
    uint64_t *key = pb__arena_take(a, n, sizeof *key);
    if (p->paced) {
        size_t nl = p->n_leaves + 1;
        s->pace = pb__arena_take(a, r, sizeof *s->pace);
        s->pool = pb__arena_take(a, pb__pace_pieces(p), sizeof *s->pool);
        s->events = pb__arena_take(a, pb__pace_pieces(p), sizeof(double));
        s->leave = pb__arena_take(a, nl, sizeof(double));
        s->arrival = pb__arena_take(a, nl, sizeof(double));
        s->lost = pb__arena_take(a, nl, sizeof(double));
        s->busy = pb__arena_take(a, p->n_joins + 1, sizeof(int));
        s->crew = pb__arena_take(a, n * (p->n_joins + 1), sizeof(int));
    }
    if (!a->base)
        return false;
    build_buckets(s, p, key);
    pb__sched_small_setup(s, p);
    return true;
}

bool pb__sched_alloc(pb__sched *s, const pb_plan *p)
{
    pb__arena a = {NULL, 0};
    memset(s, 0, sizeof *s);
    pb__sched_carve(s, p, &a);
    if (!pb__arena_open(&a))
        return false;
    s->mem = a.base;
    return pb__sched_carve(s, p, &a);
}

/* ==== Heaps ==== */

/* Does u go before t among ready milestones: higher priority, then plan order. */
static inline bool higher(const pb_plan *p, size_t u, size_t t)
{
    double pu = p->ms[u].priority, pt = p->ms[t].priority;
    return pu > pt || (pu == pt && u < t);
}

typedef struct order_ctx {
    const pb_plan *p;
    const pb__sched *s;
} order_ctx;

static bool ready_before(const void *ctx, size_t u, size_t t)
{
    return higher(((const order_ctx *)ctx)->p, u, t);
}

static void bucket_push(const pb_plan *p, pb__sched *s, size_t b, size_t t)
{
    order_ctx c = {p, s};
    pb__heap_push(s->bheap + s->boff[b], &s->blen[b], t, ready_before, &c);
}

static size_t bucket_pop(const pb_plan *p, pb__sched *s, size_t b)
{
    order_ctx c = {p, s};
    return pb__heap_pop(s->bheap + s->boff[b], &s->blen[b], ready_before, &c);
}

/* Does u finish before t: earlier finish, then plan order. */
static inline bool earlier(const pb__sched *s, size_t u, size_t t)
{
    return s->fin[u] < s->fin[t] || (s->fin[u] == s->fin[t] && u < t);
}

static bool finish_before(const void *ctx, size_t u, size_t t)
{
    return earlier(((const order_ctx *)ctx)->s, u, t);
}

static void heap_push(pb__sched *s, size_t *nh, size_t t)
{
    order_ctx c = {NULL, s};
    pb__heap_push(s->heap, nh, t, finish_before, &c);
}

static size_t heap_pop(pb__sched *s, size_t *nh)
{
    order_ctx c = {NULL, s};
    return pb__heap_pop(s->heap, nh, finish_before, &c);
}

/* ==== The schedule ==== */

typedef struct state {
    size_t nh, ns, nq, nd; /* running, started, ready duration milestones, dirty roles */
    size_t si;             /* capacity steps applied */
    double now;
} state;

static void mark_dirty(pb__sched *s, state *st, size_t r)
{
    if (!s->is_dirty[r]) {
        s->is_dirty[r] = 1;
        s->dirty[st->nd++] = r;
    }
}

static void make_ready(const pb_plan *p, pb__sched *s, state *st, size_t t)
{
    const pb__pm *m = &p->ms[t];
    s->readyt[t] = st->now;
    if (!m->effort) {
        s->quick[st->nq++] = t;
        return;
    }
    bucket_push(p, s, s->bucket_of[t], t);
    mark_dirty(s, st, (size_t)m->role);
}

/*
 * Milestone t of a paced role takes k of the free people (the role's
 * free_people already less k): settled ones first, then newcomers, the
 * earliest cohort first, into s->crew. Returns the settled people it took.
 */
static int take_crew(const pb_plan *p, pb__sched *s, const pb__pace *pc, size_t t, int k,
                     double now)
{
    int *crew = s->crew + t * p->n_joins + pc->j0, *busy = s->busy + pc->j0, fresh = 0;
    const pb__pjoin *jn = p->joins + pc->j0;
    for (size_t c = 0; c < pc->nj; c++)
        fresh += jn[c].at <= now && jn[c].people > busy[c] ? jn[c].people - busy[c] : 0;
    int settled = s->free_people[p->ms[t].role] + k - fresh;
    int o = settled < 0 ? 0 : settled < k ? settled : k, rest = k - o;
    for (size_t c = 0; c < pc->nj; c++) {
        int free_c = jn[c].at <= now && jn[c].people > busy[c] ? jn[c].people - busy[c] : 0;
        crew[c] = rest < free_c ? rest : free_c;
        busy[c] += crew[c];
        rest -= crew[c];
    }
    return o + rest; /* rest is 0 unless the counts disagree: then settled */
}

static void start(const pb_plan *p, pb__sched *s, state *st, size_t t, int k)
{
    const pb__pm *m = &p->ms[t];
    if (m->effort) {
        s->people[t] = k;
        double u = pb__work_time(p, s->wk[t], k);
        const pb__pace *pc = s->pace ? &s->pace[m->role] : NULL;
        if (pc && pc->n) {
            int o = take_crew(p, s, pc, t, k, st->now);
            u = pb__pace_time(p, pc, st->now, u * k, o, s->crew + t * p->n_joins + pc->j0);
        }
        s->dur[t] = u + s->delay[t];
        if (st->now > s->readyt[t] && s->last_rel_t[m->role] == st->now)
            s->driver[t] = s->last_rel[m->role];
    }
    s->start[t] = st->now;
    s->fin[t] = st->now + s->dur[t];
    s->started[st->ns++] = t;
    heap_push(s, &st->nh, t);
}

/* Start what role r can start now: the best ready milestone whose minimum fits, repeatedly. */
static void start_role(const pb_plan *p, pb__sched *s, state *st, size_t r)
{
    int avail = s->free_people[r];
    size_t b0 = s->role_b0[r], b1 = b0 + s->role_nb[r];
    for (;;) {
        size_t best = NONE;
        for (size_t b = b0; b < b1 && s->bmin[b] <= avail; b++)
            if (s->blen[b] &&
                (best == NONE || higher(p, s->bheap[s->boff[b]], s->bheap[s->boff[best]])))
                best = b;
        if (best == NONE)
            break;
        size_t t = bucket_pop(p, s, best);
        int k = avail < p->ms[t].pmax ? avail : p->ms[t].pmax;
        avail -= k;
        s->free_people[r] = avail;
        start(p, s, st, t, k);
    }
}

/* Take the next event: every finish within the tolerance of the earliest, at the latest. */
static size_t next_event(pb__sched *s, state *st)
{
    size_t ng = 0, t = heap_pop(s, &st->nh);
    double first = s->fin[t];
    double lim = first + PB_STATS_REL_TOL * (first > 1 ? first : 1);
    s->group[ng++] = t;
    while (st->nh && s->fin[s->heap[0]] <= lim)
        s->group[ng++] = heap_pop(s, &st->nh);
    st->now = s->fin[s->group[ng - 1]];
    return ng;
}

void pb__sched_critical(const pb_plan *p, pb__sched *s, size_t ns, double F)
{
    double tol = 1e-9 * (F > 1 ? F : 1);
    for (size_t t = 0; t < p->n_ms; t++)
        s->crit[t] = s->fin[t] >= F - tol;
    for (size_t i = ns; i-- > 0;) {
        size_t t = s->started[i];
        if (!s->crit[t])
            continue;
        const pb__pm *m = &p->ms[t];
        for (size_t e = m->pred0; e < m->pred0 + m->n_pred; e++)
            if (s->fin[p->preds[e]] >= s->start[t] - tol)
                s->crit[p->preds[e]] = 1;
        if (s->driver[t] >= 0)
            s->crit[s->driver[t]] = 1;
    }
}

/* Apply the capacity steps due by now: their roles gain or lose people from now on. */
static void apply_steps(const pb_plan *p, pb__sched *s, state *st)
{
    while (st->si < p->n_steps && p->steps[st->si].at <= st->now) {
        const pb__pstep *c = &p->steps[st->si++];
        s->free_people[c->role] += c->delta;
        mark_dirty(s, st, c->role);
    }
}

/* Finish the milestones of the event just taken: release people, make successors ready. */
static double finish_group(const pb_plan *p, pb__sched *s, state *st, size_t ng, double F)
{
    for (size_t g = 0; g < ng; g++) {
        size_t t = s->group[g];
        const pb__pm *m = &p->ms[t];
        F = s->fin[t] > F ? s->fin[t] : F;
        if (m->effort) {
            const pb__pace *pc = s->pace ? &s->pace[m->role] : NULL;
            for (size_t c = 0; pc && pc->n && c < pc->nj; c++)
                s->busy[pc->j0 + c] -= s->crew[t * p->n_joins + pc->j0 + c];
            s->free_people[m->role] += s->people[t];
            s->last_rel[m->role] = (int)t;
            s->last_rel_t[m->role] = st->now;
            mark_dirty(s, st, (size_t)m->role);
        }
        for (size_t e = m->succ0; e < m->succ0 + m->n_succ; e++)
            if (--s->left[p->succs[e]] == 0)
                make_ready(p, s, st, p->succs[e]);
    }
    return F;
}

/* Reset the workspace for an iteration and make the milestones with no predecessor ready. */
static void sched_reset(const pb_plan *p, pb__sched *s, state *st)
{
    for (size_t r = 0; r < p->n_roles; r++) {
        s->free_people[r] = p->role_people[r];
        s->last_rel[r] = -1;
        s->last_rel_t[r] = -1;
        s->is_dirty[r] = 0; /* the last event of the previous iteration left some marked */
    }
    for (size_t b = 0; b < s->n_buckets; b++)
        s->blen[b] = 0;
    for (size_t j = 0; s->busy && j < p->n_joins; j++)
        s->busy[j] = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        s->left[t] = (int)p->ms[t].n_pred;
        s->driver[t] = -1;
        s->people[t] = 0;
        if (!s->left[t])
            make_ready(p, s, st, t);
    }
}

double pb__sched_run(const pb_plan *p, pb__sched *s, bool crit)
{
    if (s->small && !s->pace && !s->general)
        return pb__sched_small(p, s, crit);
    size_t n = p->n_ms, done = 0;
    state st = {0, 0, 0, 0, 0, 0};
    sched_reset(p, s, &st);
    double F = 0;
    while (done < n) {
        apply_steps(p, s, &st);
        for (size_t q = 0; q < st.nq; q++)
            start(p, s, &st, s->quick[q], 0);
        st.nq = 0;
        for (size_t d = 0; d < st.nd; d++) {
            s->is_dirty[s->dirty[d]] = 0;
            start_role(p, s, &st, s->dirty[d]);
        }
        st.nd = 0;
        double next = st.nh ? s->fin[s->heap[0]] : HUGE_VAL;
        if (st.si < p->n_steps && p->steps[st.si].at < next) {
            st.now = p->steps[st.si].at; /* people arrive or leave before the next finish */
            continue;
        }
        if (!st.nh)
            break; /* cannot happen for a validated plan: every pmin fits the team */
        size_t ng = next_event(s, &st);
        done += ng;
        F = finish_group(p, s, &st, ng, F);
    }
    if (crit)
        pb__sched_critical(p, s, st.ns, F);
    return F;
}

/* ==== The forward pass ==== */

/* Bits 0 and 1 of a mask as two flag bytes, to store or merge two at a time. */
static const unsigned char mask_flags[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};

/* Set flags f[0] and f[1] from bits 0 and 1 of mask: |= when 'or', = otherwise. */
static inline void put_flags(unsigned char *f, int mask, bool or)
{
    uint16_t v, m;
    memcpy(&m, mask_flags[mask], 2);
    if (or) {
        memcpy(&v, f, 2);
        m |= v;
    }
    memcpy(f, &m, 2);
}

/*
 * The forward pass's critical flags: a milestone finishing the project, or
 * one a critical milestone waited for. Two iterations at a time (lanes.h:
 * the same comparisons), the last one alone when k is odd.
 */
static void forward_critical(const pb_plan *p, const pb__rows *w, size_t k)
{
    size_t sb = w->sb, n = p->n_ms, k2 = k & ~(size_t)1;
    double *tol = w->tol;
    const double *finish = w->finish;
    for (size_t i = 0; i < k; i++)
        tol[i] = 1e-9 * (finish[i] > 1 ? finish[i] : 1);
    for (size_t t = 0; t < n; t++) {
        const double *fn = w->fin + t * sb;
        unsigned char *cr = w->crit + t * sb;
        for (size_t i = 0; i < k2; i += 2) {
            pb__v2 lim = pb__v2_sub(pb__v2_load(finish + i), pb__v2_load(tol + i));
            put_flags(cr + i, pb__v2_ge(pb__v2_load(fn + i), lim), false);
        }
        if (k2 < k)
            cr[k2] = fn[k2] >= finish[k2] - tol[k2];
    }
    for (size_t t = n; t-- > 0;) {
        const pb__pm *m = &p->ms[t];
        const unsigned char *ct = w->crit + t * sb;
        const double *st = w->start + t * sb;
        for (size_t e = m->pred0; e < m->pred0 + m->n_pred; e++) {
            size_t j = p->preds[e];
            unsigned char *cj = w->crit + j * sb;
            const double *fj = w->fin + j * sb;
            for (size_t i = 0; i < k2; i += 2) {
                pb__v2 lim = pb__v2_sub(pb__v2_load(st + i), pb__v2_load(tol + i));
                int ge = pb__v2_ge(pb__v2_load(fj + i), lim);
                put_flags(cj + i, ge & (ct[i] | ct[i + 1] << 1), true);
            }
            if (k2 < k)
                cj[k2] |= ct[k2] & (fj[k2] >= st[k2] - tol[k2]);
        }
    }
}

/*
 * Milestone t's rows in one pass: st = the latest of its predecessors'
 * finishes f[0], f[1], ... (0 without any), fn = st + du, finish = the latest
 * of finish and fn. Two iterations at a time, the last one alone when k is
 * odd; each lane's comparisons in predecessor order (pb__v2_max(f, s) is
 * f > s ? f : s), so the bits are those of a pass per predecessor.
 */
static inline void forward_one(const double *const *f, size_t nf, double *st, const double *du,
                               double *fn, double *finish, size_t k)
{
    size_t k2 = k & ~(size_t)1;
    for (size_t i = 0; i < k2; i += 2) {
        pb__v2 s = nf ? pb__v2_load(f[0] + i) : pb__v2_set(0);
        for (size_t e = 1; e < nf; e++)
            s = pb__v2_max(pb__v2_load(f[e] + i), s);
        pb__v2_store(st + i, s);
        pb__v2 d = pb__v2_add(s, pb__v2_load(du + i));
        pb__v2_store(fn + i, d);
        pb__v2_store(finish + i, pb__v2_max(d, pb__v2_load(finish + i)));
    }
    if (k2 < k) {
        double s = nf ? f[0][k2] : 0;
        for (size_t e = 1; e < nf; e++)
            s = f[e][k2] > s ? f[e][k2] : s;
        st[k2] = s;
        fn[k2] = s + du[k2];
        finish[k2] = fn[k2] > finish[k2] ? fn[k2] : finish[k2];
    }
}

/* forward_one with one predecessor or none (most milestones), its loop specialised. */
static void forward_one1(const double *f0, double *st, const double *du, double *fn, double *finish,
                         size_t k)
{
    const double *f[1] = {f0};
    forward_one(f, f0 ? 1 : 0, st, du, fn, finish, k);
}

/* forward_one with two predecessors, its loop specialised. */
static void forward_one2(const double *f0, const double *f1, double *st, const double *du,
                         double *fn, double *finish, size_t k)
{
    const double *f[2] = {f0, f1};
    forward_one(f, 2, st, du, fn, finish, k);
}

/* Milestone rows as forward_one, for a milestone of np > FORWARD_PREDS predecessors pr. */
static void forward_many(const pb__rows *w, const size_t *pr, size_t np, double *st,
                         const double *du, double *fn, size_t k)
{
    const double *f0 = w->fin + pr[0] * w->sb;
    for (size_t i = 0; i < k; i++)
        st[i] = f0[i];
    for (size_t e = 1; e < np; e++) {
        const double *f = w->fin + pr[e] * w->sb;
        for (size_t i = 0; i < k; i++)
            st[i] = f[i] > st[i] ? f[i] : st[i];
    }
    for (size_t i = 0; i < k; i++) {
        fn[i] = st[i] + du[i];
        w->finish[i] = fn[i] > w->finish[i] ? fn[i] : w->finish[i];
    }
}

#define FORWARD_PREDS 16 /* predecessors gathered on the stack; more: forward_many */

/*
 * Start, finish and the project finish: a pass per milestone over its rows,
 * with the comparisons of its predecessors in plan order.
 */
void pb__sched_forward(const pb_plan *p, const pb__rows *w, size_t k, bool crit)
{
    size_t sb = w->sb, n = p->n_ms;
    for (size_t i = 0; i < k; i++)
        w->finish[i] = 0;
    for (size_t t = 0; t < n; t++) {
        const pb__pm *m = &p->ms[t];
        const size_t *pr = p->preds + m->pred0;
        double *st = w->start + t * sb, *fn = w->fin + t * sb;
        const double *du = w->dur + t * sb;
        if (m->n_pred <= 1) {
            forward_one1(m->n_pred ? w->fin + pr[0] * sb : NULL, st, du, fn, w->finish, k);
        } else if (m->n_pred == 2) {
            forward_one2(w->fin + pr[0] * sb, w->fin + pr[1] * sb, st, du, fn, w->finish, k);
        } else if (m->n_pred <= FORWARD_PREDS) {
            const double *f[FORWARD_PREDS];
            for (size_t e = 0; e < m->n_pred; e++)
                f[e] = w->fin + pr[e] * sb;
            forward_one(f, m->n_pred, st, du, fn, w->finish, k);
        } else {
            forward_many(w, pr, m->n_pred, st, du, fn, k);
        }
    }
    if (crit)
        forward_critical(p, w, k);
}
