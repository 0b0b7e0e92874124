/*
 * sched.c - the event-driven list schedule (see sched.h).
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
#include "sched.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/stats.h>

#define NONE SIZE_MAX

/* ==== Workspace ==== */

void pb__sched_release(pb__sched *s)
{
    void *all[] = {s->dur,      s->wk,      s->delay,      s->start,   s->fin,     s->people,
                   s->crit,     s->readyt,  s->last_rel_t, s->left,    s->driver,  s->free_people,
                   s->last_rel, s->heap,    s->started,    s->group,   s->quick,   s->bucket_of,
                   s->bheap,    s->boff,    s->blen,       s->role_b0, s->role_nb, s->dirty,
                   s->bmin,     s->is_dirty};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(all[i]);
    memset(s, 0, sizeof *s);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/*
 * Group the effort milestones by (role, minimum people): keys role << 42 |
 * pmin << 21 | index, sorted (every part is below 2^21: the scenario limits
 * are 1,000 roles, 100,000 people and 100,000 milestones).
 */
static bool build_buckets(pb__sched *s, const pb_plan *p)
{
    size_t n = p->n_ms, m = 0;
    uint64_t *key = malloc((n + 1) * sizeof *key);
    if (!key)
        return false;
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
    free(key);
    return true;
}

bool pb__sched_alloc(pb__sched *s, const pb_plan *p)
{
    size_t n = p->n_ms + 1, r = p->n_roles + 1;
    memset(s, 0, sizeof *s);
    double **dbl[] = {&s->dur, &s->wk, &s->delay, &s->start, &s->fin, &s->readyt};
    size_t **idx[] = {&s->heap,      &s->started, &s->group, &s->quick,
                      &s->bucket_of, &s->bheap,   &s->boff,  &s->blen};
    bool ok = true;
    for (size_t i = 0; i < sizeof dbl / sizeof *dbl; i++)
        ok = (*dbl[i] = malloc(n * sizeof(double))) && ok;
    for (size_t i = 0; i < sizeof idx / sizeof *idx; i++)
        ok = (*idx[i] = malloc(n * sizeof(size_t))) && ok;
    s->people = malloc(n * sizeof(int));
    s->left = malloc(n * sizeof(int));
    s->driver = malloc(n * sizeof(int));
    s->bmin = malloc(n * sizeof(int));
    s->crit = malloc(n);
    s->last_rel_t = malloc(r * sizeof(double));
    s->free_people = malloc(r * sizeof(int));
    s->last_rel = malloc(r * sizeof(int));
    s->role_b0 = malloc(r * sizeof(size_t));
    s->role_nb = malloc(r * sizeof(size_t));
    s->dirty = malloc(r * sizeof(size_t));
    s->is_dirty = calloc(r, 1);
    ok = ok && s->people && s->left && s->driver && s->bmin && s->crit && s->last_rel_t &&
         s->free_people && s->last_rel && s->role_b0 && s->role_nb && s->dirty && s->is_dirty;
    return ok && build_buckets(s, p);
}

/* ==== Heaps ==== */

/* Does u go before t among ready milestones: higher priority, then plan order. */
static inline bool higher(const pb_plan *p, size_t u, size_t t)
{
    double pu = p->ms[u].priority, pt = p->ms[t].priority;
    return pu > pt || (pu == pt && u < t);
}

static void bucket_push(const pb_plan *p, pb__sched *s, size_t b, size_t t)
{
    size_t *h = s->bheap + s->boff[b], i = s->blen[b]++;
    while (i) {
        size_t up = (i - 1) / 2;
        if (!higher(p, t, h[up]))
            break;
        h[i] = h[up];
        i = up;
    }
    h[i] = t;
}

static size_t bucket_pop(const pb_plan *p, pb__sched *s, size_t b)
{
    size_t *h = s->bheap + s->boff[b], n = --s->blen[b], top = h[0], last = h[n], i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && higher(p, h[c + 1], h[c]))
            c++;
        if (!higher(p, h[c], last))
            break;
        h[i] = h[c];
        i = c;
    }
    if (n)
        h[i] = last;
    return top;
}

/* Does u finish before t: earlier finish, then plan order. */
static inline bool earlier(const pb__sched *s, size_t u, size_t t)
{
    return s->fin[u] < s->fin[t] || (s->fin[u] == s->fin[t] && u < t);
}

static void heap_push(pb__sched *s, size_t *nh, size_t t)
{
    size_t i = (*nh)++;
    while (i) {
        size_t up = (i - 1) / 2;
        if (!earlier(s, t, s->heap[up]))
            break;
        s->heap[i] = s->heap[up];
        i = up;
    }
    s->heap[i] = t;
}

static size_t heap_pop(pb__sched *s, size_t *nh)
{
    size_t top = s->heap[0], last = s->heap[--*nh], i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *nh)
            break;
        if (c + 1 < *nh && earlier(s, s->heap[c + 1], s->heap[c]))
            c++;
        if (!earlier(s, s->heap[c], last))
            break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    if (*nh)
        s->heap[i] = last;
    return top;
}

/* ==== The schedule ==== */

typedef struct state {
    size_t nh, ns, nq, nd; /* running, started, ready duration milestones, dirty roles */
    double now;
} state;

static void make_ready(const pb_plan *p, pb__sched *s, state *st, size_t t)
{
    const pb__pm *m = &p->ms[t];
    s->readyt[t] = st->now;
    if (!m->effort) {
        s->quick[st->nq++] = t;
        return;
    }
    bucket_push(p, s, s->bucket_of[t], t);
    if (!s->is_dirty[m->role]) {
        s->is_dirty[m->role] = 1;
        s->dirty[st->nd++] = (size_t)m->role;
    }
}

static void start(const pb_plan *p, pb__sched *s, state *st, size_t t, int k)
{
    const pb__pm *m = &p->ms[t];
    if (m->effort) {
        s->people[t] = k;
        s->dur[t] = pb__work_time(p, s->wk[t], k) + s->delay[t];
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

static void critical(const pb_plan *p, pb__sched *s, size_t ns, double F)
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

double pb__sched_run(const pb_plan *p, pb__sched *s, bool crit)
{
    size_t n = p->n_ms, done = 0;
    state st = {0, 0, 0, 0, 0};
    for (size_t r = 0; r < p->n_roles; r++) {
        s->free_people[r] = p->role_people[r];
        s->last_rel[r] = -1;
        s->last_rel_t[r] = -1;
        s->is_dirty[r] = 0; /* the last event of the previous iteration left some marked */
    }
    for (size_t b = 0; b < s->n_buckets; b++)
        s->blen[b] = 0;
    for (size_t t = 0; t < n; t++) {
        s->left[t] = (int)p->ms[t].n_pred;
        s->driver[t] = -1;
        s->people[t] = 0;
        if (!s->left[t])
            make_ready(p, s, &st, t);
    }
    double F = 0;
    while (done < n) {
        for (size_t q = 0; q < st.nq; q++)
            start(p, s, &st, s->quick[q], 0);
        st.nq = 0;
        for (size_t d = 0; d < st.nd; d++) {
            s->is_dirty[s->dirty[d]] = 0;
            start_role(p, s, &st, s->dirty[d]);
        }
        st.nd = 0;
        if (!st.nh)
            break; /* cannot happen for a validated plan: every pmin fits the team */
        size_t ng = next_event(s, &st);
        for (size_t g = 0; g < ng; g++) {
            size_t t = s->group[g];
            const pb__pm *m = &p->ms[t];
            done++;
            F = s->fin[t] > F ? s->fin[t] : F;
            if (m->effort) {
                s->free_people[m->role] += s->people[t];
                s->last_rel[m->role] = (int)t;
                s->last_rel_t[m->role] = st.now;
                if (!s->is_dirty[m->role]) {
                    s->is_dirty[m->role] = 1;
                    s->dirty[st.nd++] = (size_t)m->role;
                }
            }
            for (size_t e = m->succ0; e < m->succ0 + m->n_succ; e++)
                if (--s->left[p->succs[e]] == 0)
                    make_ready(p, s, &st, p->succs[e]);
        }
    }
    if (crit)
        critical(p, s, st.ns, F);
    return F;
}
