/*
 * schedule_small.c - the list schedule of schedule.c for plans of at most
 * PB_SCHED_SMALL milestones without paced roles, with bit masks in place of
 * heaps.
 *
 * The steps and their order are those of pb__sched_run's general path, so
 * the results are the same bit for bit (tests/test_schedule_small.c checks
 * it on random plans). Each milestone has a rank in (priority descending,
 * plan order), set once per workspace: a role's ready milestones are a mask
 * by rank, so the best ready milestone whose minimum fits is the first set
 * bit whose minimum fits. Running milestones are a mask by plan index: the
 * earliest finish is a scan, and the milestones of an event (finishing
 * within PB_STATS_REL_TOL of the earliest) are sorted by (finish, index) as
 * the general path's heap pops them.
 */
#include <math.h>
#include <string.h>

#include <pushback/stats.h>

#include "schedule.h"

/* The lowest set bit of a non-zero mask. */
static inline unsigned low_bit(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned b = 0;
    while (!(m & 1)) {
        m >>= 1;
        b++;
    }
    return b;
#endif
}

void pb__sched_small_setup(pb__sched *s, const pb_plan *p)
{
    size_t n = p->n_ms;
    s->general = false;
    s->small = n <= PB_SCHED_SMALL;
    if (!s->small)
        return;
    for (size_t t = 0; t < n; t++) { /* insertion by (priority desc, index asc) */
        size_t i = t;
        for (; i > 0 && p->ms[s->by_rank[i - 1]].priority < p->ms[t].priority; i--)
            s->by_rank[i] = s->by_rank[i - 1];
        s->by_rank[i] = (unsigned char)t;
    }
    for (size_t i = 0; i < n; i++) {
        size_t t = s->by_rank[i];
        const pb__pm *m = &p->ms[t];
        s->pmin_rank[i] = m->pmin;
        s->sm[t] = (pb__sms){m->effort ? m->role : -1, m->pmax,
                             (int)m->n_pred,           (unsigned)i,
                             (unsigned)m->succ0,       (unsigned)m->n_succ};
    }
}

typedef struct state {
    uint64_t run;      /* running milestones, by plan index */
    size_t ns, nq, nd; /* started, ready duration milestones, dirty roles */
    size_t si;         /* capacity steps applied */
    double now;
} state;

static inline void mark_dirty(pb__sched *s, state *st, size_t r)
{
    if (!s->is_dirty[r]) {
        s->is_dirty[r] = 1;
        s->dirty[st->nd++] = r;
    }
}

static inline void make_ready(pb__sched *s, state *st, size_t t)
{
    const pb__sms *m = &s->sm[t];
    s->readyt[t] = st->now;
    if (m->role < 0) {
        s->quick[st->nq++] = t;
        return;
    }
    s->ready[m->role] |= (uint64_t)1 << m->rank;
    mark_dirty(s, st, (size_t)m->role);
}

static inline void start(const pb_plan *p, pb__sched *s, state *st, size_t t, int k)
{
    const pb__sms *m = &s->sm[t];
    if (m->role >= 0) {
        s->people[t] = k;
        s->dur[t] = pb__work_time(p, s->wk[t], k) + s->delay[t];
        if (st->now > s->readyt[t] && s->last_rel_t[m->role] == st->now)
            s->driver[t] = s->last_rel[m->role];
    }
    s->start[t] = st->now;
    s->fin[t] = st->now + s->dur[t];
    s->started[st->ns++] = t;
    st->run |= (uint64_t)1 << t;
}

/*
 * Start what role r can start now: the ready milestones in rank order whose
 * minimum fits the people still free (starting one makes none ready, and
 * the free people only fall, so one pass finds what the general path's
 * repeated search finds).
 */
static void start_role(const pb_plan *p, pb__sched *s, state *st, size_t r)
{
    int avail = s->free_people[r];
    for (uint64_t m = s->ready[r]; m; m &= m - 1) {
        unsigned b = low_bit(m);
        if (s->pmin_rank[b] > avail)
            continue;
        size_t t = s->by_rank[b];
        int k = avail < s->sm[t].pmax ? avail : s->sm[t].pmax;
        s->ready[r] &= ~((uint64_t)1 << b);
        avail -= k;
        s->free_people[r] = avail;
        start(p, s, st, t, k);
    }
}

/* Take the next event (first: the earliest finish): every finish within the tolerance. */
static size_t next_event(pb__sched *s, state *st, double first)
{
    double lim = first + PB_STATS_REL_TOL * (first > 1 ? first : 1);
    size_t ng = 0;
    for (uint64_t m = st->run; m; m &= m - 1) {
        size_t t = low_bit(m), g = ng++;
        double f = s->fin[t];
        if (!(f <= lim)) {
            ng--;
            continue;
        }
        for (; g > 0 && s->fin[s->group[g - 1]] > f; g--) /* by (finish, index) */
            s->group[g] = s->group[g - 1];
        s->group[g] = t;
        st->run &= ~((uint64_t)1 << t);
    }
    st->now = s->fin[s->group[ng - 1]];
    return ng;
}

/* Finish the milestones of the event just taken: release people, make successors ready. */
static double finish_group(const pb_plan *p, pb__sched *s, state *st, size_t ng, double F)
{
    for (size_t g = 0; g < ng; g++) {
        size_t t = s->group[g];
        const pb__sms *m = &s->sm[t];
        F = s->fin[t] > F ? s->fin[t] : F;
        if (m->role >= 0) {
            s->free_people[m->role] += s->people[t];
            s->last_rel[m->role] = (int)t;
            s->last_rel_t[m->role] = st->now;
            mark_dirty(s, st, (size_t)m->role);
        }
        for (size_t e = m->succ0; e < m->succ0 + m->n_succ; e++)
            if (--s->left[p->succs[e]] == 0)
                make_ready(s, st, p->succs[e]);
    }
    return F;
}

/* Reset the workspace for an iteration and make the milestones with no predecessor ready. */
static void reset(const pb_plan *p, pb__sched *s, state *st)
{
    for (size_t r = 0; r < p->n_roles; r++) {
        s->free_people[r] = p->role_people[r];
        s->last_rel[r] = -1;
        s->last_rel_t[r] = -1;
        s->is_dirty[r] = 0;
        s->ready[r] = 0;
    }
    for (size_t t = 0; t < p->n_ms; t++) {
        s->left[t] = s->sm[t].n_pred;
        s->driver[t] = -1;
        s->people[t] = 0;
        if (!s->left[t])
            make_ready(s, st, t);
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

double pb__sched_small(const pb_plan *p, pb__sched *s, bool crit)
{
    size_t n = p->n_ms, done = 0;
    state st = {0, 0, 0, 0, 0, 0};
    reset(p, s, &st);
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
        double next = HUGE_VAL;
        for (uint64_t m = st.run; m; m &= m - 1)
            next = s->fin[low_bit(m)] < next ? s->fin[low_bit(m)] : next;
        if (st.si < p->n_steps && p->steps[st.si].at < next) {
            st.now = p->steps[st.si].at; /* people arrive or leave before the next finish */
            continue;
        }
        if (!st.run)
            break; /* cannot happen for a validated plan: every pmin fits the team */
        size_t ng = next_event(s, &st, next);
        done += ng;
        F = finish_group(p, s, &st, ng, F);
    }
    if (crit)
        pb__sched_critical(p, s, st.ns, F);
    return F;
}
