/*
 * plan.h - a scenario compiled for simulation.
 *
 * Building a plan resolves every reference to an index, orders milestones
 * topologically, ranks them by longest remaining path (the scheduling
 * priority), tabulates every estimate's quantile function and derives each
 * random stream's key from the id of what it belongs to, so that an option
 * that leaves a milestone alone gives it the same draws (common random
 * numbers). A plan is immutable once built and may be shared by threads.
 */
#ifndef PUSHBACK_PLAN_H
#define PUSHBACK_PLAN_H

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

#endif
