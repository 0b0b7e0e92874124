/*
 * plan.h - a scenario compiled for simulation.
 *
 * Building a plan resolves every reference to an index, orders milestones
 * topologically, ranks them by longest remaining path (the scheduling
 * priority), tabulates every estimate's quantile function and derives each
 * random stream's key from the id of what it belongs to, so that an option
 * that leaves a milestone alone gives it the same draws (common random
 * numbers).
 *
 * A plan changes only through the levers below, which goal seeks and deal
 * searches use to try a change without rebuilding: each lever also
 * re-derives what depends on it (mean durations, the scheduling priorities,
 * the bounds of durations and finishes), so a changed plan is never stale.
 * Between lever calls a plan may be shared by threads (pb_sim_run only
 * reads it); a lever must not run while another thread reads the plan.
 * Milestones are named by their index in the plan's order (0 ..
 * pb_plan_n_milestones - 1), risks by theirs (0 .. pb_plan_n_risks - 1),
 * roles by their index in the scenario's team.
 */
#ifndef PUSHBACK_PLAN_H
#define PUSHBACK_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/error.h>
#include <pushback/scenario.h>

typedef struct pb_plan pb_plan;

/*
 * Compile the validated scenario 's' (typically with an option applied).
 * The plan keeps its own copy of what it needs: 's' may be freed after.
 * Errors: PB_ERR_RUN when memory runs out.
 */
pb_status pb_plan_build(const pb_scenario *s, pb_plan **out, pb_error *err);

/* Free a plan. NULL is a no-op. */
void pb_plan_free(pb_plan *p);

/* The scenario the plan was built from (owned by the plan). */
const pb_scenario *pb_plan_scenario(const pb_plan *p);

/* Milestones in the plan's (topological) order. */
size_t pb_plan_n_milestones(const pb_plan *p);
const char *pb_plan_milestone_id(const pb_plan *p, size_t i);

/* Risks in the plan's order (grouped by milestone), and roles (the scenario's order). */
size_t pb_plan_n_risks(const pb_plan *p);
const char *pb_plan_risk_id(const pb_plan *p, size_t r);
size_t pb_plan_n_roles(const pb_plan *p);
int pb_plan_role_people(const pb_plan *p, size_t role);

/* ==== Levers ==== */

/* Everything a lever can change, saved to be put back. */
typedef struct pb_plan_snapshot pb_plan_snapshot;

/* Save the plan's current state. Errors: PB_ERR_RUN when memory runs out. */
pb_status pb_plan_snapshot_take(const pb_plan *p, pb_plan_snapshot **out, pb_error *err);

/* Put back the state saved in 's' (taken from this plan), undoing every lever since. */
void pb_plan_restore(pb_plan *p, const pb_plan_snapshot *s);

/* Free a snapshot. NULL is a no-op. */
void pb_plan_snapshot_free(pb_plan_snapshot *s);

/*
 * Make milestone i take no time, cost nothing, need nothing and carry no
 * risk: what dropping it does to its successors.
 */
void pb_plan_disable(pb_plan *p, size_t i);

/* Scale milestone i's work (effort) or duration estimate by f > 0. */
void pb_plan_scale_work(pb_plan *p, size_t i, double f);

/* Set risk r's probability to x in [0, 1]. */
void pb_plan_set_risk(pb_plan *p, size_t r, double x);

/*
 * Give role 'role' k >= 0 people and re-resolve the people range of its
 * milestones (their declared maximum, capped by the team). Returns false
 * when some milestone of the role needs more than k people at least, or
 * than the role has after its capacity steps (the plan could never finish):
 * the plan is changed even then, and must be set back before a run.
 */
bool pb_plan_set_people(pb_plan *p, size_t role, int k);

/*
 * From time 'at' on (>= 0, in the scenario's unit), role 'role' has 'delta'
 * more people (fewer when negative): a person leaving, a hire joining. The
 * scheduler applies the step at that time; people already at work on a
 * milestone stay on it until it ends, so a role may be over its new size
 * for a while and then starts nothing. Milestones take at most the role's
 * peak size. Steps add up in time order; a plan with no effort milestones
 * ignores them.
 * Errors (plan unchanged): PB_ERR_USAGE when the role does not exist, 'at'
 * is not finite and >= 0, delta is 0, or the role would have fewer than 0
 * people at some time or, after its last step, fewer than one of its
 * milestones needs; PB_ERR_RUN when memory runs out.
 */
pb_status pb_plan_capacity_step(pb_plan *p, size_t role, double at, int delta, pb_error *err);

#endif
