/*
 * schedule.h - the engine's schedules (internal): the forward pass for plans
 * where nobody's time is contended, and the event-driven list schedule for
 * plans whose milestones contend for people.
 *
 * The list schedule runs one iteration at a time: given every milestone's drawn duration (duration
 * milestones) or work and risk delay (effort milestones), it starts ready
 * milestones in priority order when their role has at least their minimum
 * people free, taking up to their maximum, and returns the project finish.
 * Events closer than PB_STATS_REL_TOL (relative) are one event, so that
 * people freed at 1.1 + 2.2 and at 3.3 are free together. The cost per
 * iteration is O((n + edges) log n): ready milestones wait in one heap per
 * (role, minimum people) by priority, running ones in a heap by finish.
 * Plans of at most PB_SCHED_SMALL milestones without paced roles take the
 * small path (schedule_small.c): the same schedule, bit for bit, with bit
 * masks in place of the heaps.
 */
#ifndef PUSHBACK_SCHEDULE_H
#define PUSHBACK_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "people.h"
#include "plan_internal.h"

#define PB_SCHED_SMALL 64 /* the most milestones the small path takes (one 64-bit mask) */

/* A milestone as the small path reads it, hoisted out of the plan once per workspace. */
typedef struct pb__sms {
    int role;               /* -1 for duration milestones */
    int pmax, n_pred;       /* people at most; predecessors */
    unsigned rank;          /* place in (priority descending, plan order) */
    unsigned succ0, n_succ; /* its successors: plan->succs[succ0 ..) */
} pb__sms;

typedef struct pb__sched {
    /* inputs, per milestone, set by the caller before each pb__sched_run */
    double *dur;   /* duration milestones: the duration; effort ones: written (time taken) */
    double *wk;    /* effort milestones: person-units of work */
    double *delay; /* effort milestones: risk delay added to their time */
    /* outputs, per milestone */
    double *start, *fin;
    int *people;         /* people taken (0 for duration milestones) */
    unsigned char *crit; /* critical flags, when asked for */
    /* private */
    double *readyt, *last_rel_t;
    int *left, *driver, *free_people, *last_rel;
    size_t *heap, *started, *group, *quick; /* running heap, start order, an event, ready now */
    size_t *bucket_of, *bheap, *boff, *blen, *role_b0, *role_nb, *dirty;
    int *bmin;
    unsigned char *is_dirty;
    size_t n_buckets;
    /* paced plans (people.h): every role's pace, set before a run; NULL otherwise */
    pb__pace *pace;
    pb__pace_seg *pool;
    double *events;
    bool pace_plain; /* pace holds the build without departures (the same every iteration) */
    double *leave, *arrival, *lost; /* per attrition entry, by pb__people_run */
    int *busy;                      /* per join (p->joins): its newcomers at work */
    int *crew;                      /* [milestone][join]: the newcomers it took */
    void *mem; /* the block pb__sched_alloc allocated, NULL when carved from another's */
    /* the small path (schedule_small.c), laid out by pb__sched_carve */
    bool small;                 /* at most PB_SCHED_SMALL milestones and 64 roles */
    bool general;               /* take the general path even so (the differential test sets it) */
    uint64_t *ready;            /* per role: ready milestones, by rank */
    pb__sms sm[PB_SCHED_SMALL]; /* per milestone */
    unsigned char by_rank[PB_SCHED_SMALL]; /* the milestone at each rank */
    int pmin_rank[PB_SCHED_SMALL];         /* its minimum people */
} pb__sched;

/*
 * Allocate a workspace for plan 'p' (its milestones, roles and people ranges
 * as they are now: a plan changed later needs a new workspace). Returns false
 * when memory runs out; the workspace must be released either way.
 */
bool pb__sched_alloc(pb__sched *s, const pb_plan *p);

/*
 * Lay the workspace out in arena 'a' (see arena.h): measuring while a has no
 * block (returns false), else carving and grouping the milestones (true).
 * The arena's owner frees it; s->mem stays NULL.
 */
bool pb__sched_carve(pb__sched *s, const pb_plan *p, pb__arena *a);

/* Free what pb__sched_alloc allocated. A zeroed workspace is fine. */
void pb__sched_release(pb__sched *s);

/*
 * Schedule one iteration from s->dur, s->wk and s->delay and return the
 * project finish; fills start, fin, people, the effort milestones' dur and,
 * with 'crit', the critical flags: a milestone is critical when it finishes
 * the project or drove the start of a critical one (a predecessor finishing
 * when it started, or the milestone whose release of people let it start).
 */
double pb__sched_run(const pb_plan *p, pb__sched *s, bool crit);

/*
 * The small path of pb__sched_run (schedule_small.c): for workspaces with
 * s->small and no pace; the same results as the general path, bit for bit.
 */
double pb__sched_small(const pb_plan *p, pb__sched *s, bool crit);

/* The critical flags of the schedule just run (see pb__sched_run), ns milestones started. */
void pb__sched_critical(const pb_plan *p, pb__sched *s, size_t ns, double F);

/* Set up the small path's tables for plan 'p' (s->small), from pb__sched_carve. */
void pb__sched_small_setup(pb__sched *s, const pb_plan *p);

/*
 * Rows of a sub-block for the forward pass: [milestone][sb] arrays whose row
 * t holds milestone t for k <= sb consecutive iterations, and per-iteration
 * arrays of the project finish and the tolerance of the critical test.
 */
typedef struct pb__rows {
    size_t sb;
    const double *dur;
    double *start, *fin;
    double *finish, *tol;
    unsigned char *crit;
} pb__rows;

/*
 * The forward pass for plans where nobody's time is contended: start is the
 * latest predecessor's finish, finish is start + duration, the project
 * finish is the latest finish; with 'crit', a milestone is critical when it
 * finishes the project (within 1e-9 relative) or a critical milestone
 * started when it finished.
 */
void pb__sched_forward(const pb_plan *p, const pb__rows *r, size_t k, bool crit);

/*
 * An option's schedule derived from the base's (schedule_derive.c): the
 * option is the base without one leaf effort milestone 'drop', the same for
 * the scheduler otherwise. 'from' (borrowed) maps the option's milestones to
 * the base's; 'mates' has a bit per other milestone of drop's role.
 */
typedef struct pb__derive {
    bool on;
    size_t drop, n_base, n;
    const size_t *from;
    uint64_t mates;
} pb__derive;

/*
 * Set dv up for option p against base b, its milestones mapped by 'from'
 * (pb__share.from: every kept milestone takes the base's draws). Returns
 * whether the option is such a drop (dv->on); false leaves dv off.
 */
bool pb__derive_build(pb__derive *dv, const pb_plan *b, const pb_plan *p, const size_t *from);

/*
 * The option's schedule of the iteration the base workspace 'b' just
 * scheduled (pb__sched_run, its inputs being the option's for the kept
 * milestones), into o's dur, people, start and fin, and its project finish
 * into *F: true when provably the option's own schedule, bit for bit; false
 * (nothing written to *F) when the iteration must be scheduled in full.
 */
bool pb__derive_run(const pb__derive *dv, const pb__sched *b, pb__sched *o, double *F);

#endif
