/*
 * schedule_small.c - the list schedule of schedule.c for plans of at most
 * PB_SCHED_SMALL milestones and 64 roles without paced roles, with bit masks
 * in place of heaps.
 *
 * The steps and their order are those of pb__sched_run's general path, so
 * the results are the same bit for bit (tests/test_schedule_small.c checks
 * it on random plans). Each milestone has a rank in (priority descending,
 * plan order), set once per workspace: a role's ready milestones are a mask
 * by rank, so the best ready milestone whose minimum fits is the first set
 * bit whose minimum fits. Running milestones are a mask by plan index: the
 * earliest finish is a scan, and the milestones of an event (finishing
 * within PB_STATS_REL_TOL of the earliest) are sorted by (finish, index) as
 * the general path's heap pops them; the scan also finds the next earliest
 * finish, and when that is beyond the tolerance (most events) the event is
 * the earliest alone, without a second scan.
 *
 * The ready duration milestones and the roles to look at again are masks
 * too, so one round's starts go by plan index and role index rather than in
 * the order they became ready. That moves nothing: the starts of one round
 * read and write only their own role's people and milestones, and the only
 * reader of the start order, the critical flags, needs every milestone after
 * those it waited for, which started in earlier rounds.
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
    s->small = n <= PB_SCHED_SMALL && p->n_roles <= 64; /* roles too are a mask */
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

/*
 * One run's view of the workspace: its arrays copied into locals once (the
 * helpers below are inlined into pb__sched_small, so that the compiler keeps
 * them in registers rather than reloading them from the workspace after every
 * store), and the run's state.
 */
typedef struct state {
    double *fin, *start, *dur, *readyt, *last_rel_t;
    const double *wk, *delay;
    int *people, *driver, *free_people, *last_rel, *left;
    uint64_t *ready;
    size_t *started, *group;
    const pb__sms *sm;
    uint64_t run;   /* running milestones, by plan index */
    uint64_t quick; /* ready duration milestones, by plan index */
    uint64_t dirty; /* roles whose free people or ready milestones changed */
    size_t ns;      /* started */
    size_t si;      /* capacity steps applied */
    double now;
} state;

static inline void mark_dirty(state *st, size_t r)
{
    st->dirty |= (uint64_t)1 << r;
}

static inline void make_ready(state *st, size_t t)
{
    const pb__sms *m = &st->sm[t];
    st->readyt[t] = st->now;
    if (m->role < 0) {
        st->quick |= (uint64_t)1 << t;
        return;
    }
    st->ready[m->role] |= (uint64_t)1 << m->rank;
    mark_dirty(st, (size_t)m->role);
}

static inline void start(const pb_plan *p, state *st, size_t t, int k)
{
    int role = st->sm[t].role;
    double now = st->now, d;
    if (role >= 0) {
        st->people[t] = k;
        d = pb__work_time(p, st->wk[t], k) + st->delay[t];
        st->dur[t] = d;
        if (now > st->readyt[t] && st->last_rel_t[role] == now)
            st->driver[t] = st->last_rel[role];
    } else {
        d = st->dur[t];
    }
    st->start[t] = now;
    st->fin[t] = now + d;
    st->started[st->ns++] = t;
    st->run |= (uint64_t)1 << t;
}

/*
 * Start what role r can start now: the ready milestones in rank order whose
 * minimum fits the people still free (starting one makes none ready, and
 * the free people only fall, so one pass finds what the general path's
 * repeated search finds).
 */
static inline void start_role(const pb_plan *p, const pb__sched *s, state *st, size_t r)
{
    int avail = st->free_people[r];
    uint64_t left = st->ready[r];
    for (uint64_t m = left; m; m &= m - 1) {
        unsigned b = low_bit(m);
        if (s->pmin_rank[b] > avail)
            continue;
        size_t t = s->by_rank[b];
        int k = avail < st->sm[t].pmax ? avail : st->sm[t].pmax;
        left &= ~((uint64_t)1 << b);
        avail -= k;
        start(p, st, t, k);
    }
    st->ready[r] = left;
    st->free_people[r] = avail;
}

/*
 * Take the next event (first: the earliest finish, at milestone tf): every
 * finish within the tolerance. When no other finish is within it (the
 * common case, told by 'second', the next earliest), the event is tf alone.
 */
static size_t next_event(state *st, double first, size_t tf, double second)
{
    double lim = first + PB_STATS_REL_TOL * (first > 1 ? first : 1);
    if (!(second <= lim)) {
        st->group[0] = tf;
        st->run &= ~((uint64_t)1 << tf);
        st->now = first;
        return 1;
    }
    size_t ng = 0;
    for (uint64_t m = st->run; m; m &= m - 1) {
        size_t t = low_bit(m), g = ng++;
        double f = st->fin[t];
        if (!(f <= lim)) {
            ng--;
            continue;
        }
        for (; g > 0 && st->fin[st->group[g - 1]] > f; g--) /* by (finish, index) */
            st->group[g] = st->group[g - 1];
        st->group[g] = t;
        st->run &= ~((uint64_t)1 << t);
    }
    st->now = st->fin[st->group[ng - 1]];
    return ng;
}

/* Finish the milestones of the event just taken: release people, make successors ready. */
static inline double finish_group(const pb_plan *p, state *st, size_t ng, double F)
{
    for (size_t g = 0; g < ng; g++) {
        size_t t = st->group[g];
        const pb__sms *m = &st->sm[t];
        F = st->fin[t] > F ? st->fin[t] : F;
        if (m->role >= 0) {
            st->free_people[m->role] += st->people[t];
            st->last_rel[m->role] = (int)t;
            st->last_rel_t[m->role] = st->now;
            mark_dirty(st, (size_t)m->role);
        }
        for (size_t e = m->succ0; e < m->succ0 + m->n_succ; e++)
            if (--st->left[p->succs[e]] == 0)
                make_ready(st, p->succs[e]);
    }
    return F;
}

/* The run's view of workspace s, reset for an iteration; the milestones with no predecessor
   ready. */
static inline void reset(const pb_plan *p, pb__sched *s, state *st)
{
    *st = (state){.fin = s->fin,
                  .start = s->start,
                  .dur = s->dur,
                  .readyt = s->readyt,
                  .last_rel_t = s->last_rel_t,
                  .wk = s->wk,
                  .delay = s->delay,
                  .people = s->people,
                  .driver = s->driver,
                  .free_people = s->free_people,
                  .last_rel = s->last_rel,
                  .left = s->left,
                  .ready = s->ready,
                  .started = s->started,
                  .group = s->group,
                  .sm = s->sm};
    for (size_t r = 0; r < p->n_roles; r++) {
        st->free_people[r] = p->role_people[r];
        st->last_rel[r] = -1;
        st->last_rel_t[r] = -1;
        st->ready[r] = 0;
    }
    for (size_t t = 0; t < p->n_ms; t++) {
        st->left[t] = st->sm[t].n_pred;
        st->driver[t] = -1;
        st->people[t] = 0;
        if (!st->left[t])
            make_ready(st, t);
    }
}

/* Apply the capacity steps due by now: their roles gain or lose people from now on. */
static inline void apply_steps(const pb_plan *p, state *st)
{
    while (st->si < p->n_steps && p->steps[st->si].at <= st->now) {
        const pb__pstep *c = &p->steps[st->si++];
        st->free_people[c->role] += c->delta;
        mark_dirty(st, c->role);
    }
}

/* The earliest finish of the running milestones (HUGE_VAL: none), its milestone, and the next. */
static inline double earliest(const state *st, size_t *tf, double *second)
{
    double a = HUGE_VAL, b = HUGE_VAL;
    for (uint64_t m = st->run; m; m &= m - 1) {
        size_t t = low_bit(m);
        double f = st->fin[t];
        if (f < a) {
            b = a;
            a = f;
            *tf = t;
        } else if (f < b) {
            b = f;
        }
    }
    *second = b;
    return a;
}

double pb__sched_small(const pb_plan *p, pb__sched *s, bool crit)
{
    size_t n = p->n_ms, done = 0;
    state st;
    reset(p, s, &st);
    double F = 0;
    while (done < n) {
        apply_steps(p, &st);
        for (uint64_t q = st.quick; q; q &= q - 1)
            start(p, &st, low_bit(q), 0);
        st.quick = 0;
        for (uint64_t d = st.dirty; d; d &= d - 1)
            start_role(p, s, &st, low_bit(d));
        st.dirty = 0;
        size_t tf = 0;
        double second, next = earliest(&st, &tf, &second);
        if (st.si < p->n_steps && p->steps[st.si].at < next) {
            st.now = p->steps[st.si].at; /* people arrive or leave before the next finish */
            continue;
        }
        if (!st.run)
            break; /* cannot happen for a validated plan: every pmin fits the team */
        size_t ng = next_event(&st, next, tf, second);
        done += ng;
        F = finish_group(p, &st, ng, F);
    }
    if (crit)
        pb__sched_critical(p, s, st.ns, F);
    return F;
}
