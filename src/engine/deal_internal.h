/*
 * deal_internal.h - the deal evaluator's pieces shared by deal.c (building
 * and running a deal), deal_eval.c (the evaluation and its verdict),
 * deal_people.c (the --people search), frontier.c and audit.c. Never
 * installed.
 */
#ifndef PUSHBACK_DEAL_INTERNAL_H
#define PUSHBACK_DEAL_INTERNAL_H

#include <stdbool.h>

#include <pushback/deal.h>
#include <pushback/sim.h>

typedef struct pb__deal_ctx {
    const pb_scenario *base;
    pb_deal_opts opts;
    double deadline, budget, confidence; /* resolved: the deal's, else the scenario's ask */
    bool metric;                         /* the promise includes every metric met */
    char reason[256];                    /* set when the deal is infeasible */
} pb__deal_ctx;

/* Resolve the promise and the options; PB_ERR_USAGE for a bad confidence or no promise. */
pb_status pb__deal_ctx_init(pb__deal_ctx *x, const pb_scenario *s, const pb_deal *d,
                            const pb_deal_opts *opts, pb_error *err);

/* The deal's scenario before its team (NULL with x->reason set when infeasible). */
pb_status pb__deal_scenario(pb__deal_ctx *x, const pb_deal *d, pb_scenario **out, pb_error *err);

/* Why scenario c cannot run with its team, into x->reason; false when it can. */
bool pb__deal_infeasible(const pb_scenario *c, pb__deal_ctx *x);

/* The options of a deal's run: n iterations, the context's seed, threads and promise, no
   detail (pb__deal_run and the run beside the plan as written share them). */
void pb__deal_sim_opts(const pb__deal_ctx *x, size_t n, pb_sim_opts *o);

/* Apply the deal's --set changes ("PATH=VALUE") to c, in order; PB_ERR_USAGE for one without
   '='. c is not validated. */
pb_status pb__deal_apply_sets(pb_scenario *c, const pb_deal *d, pb_error *err);

/* Simulate c at n iterations with the context's seed, threads and promise (no detail). */
pb_status pb__deal_run(const pb__deal_ctx *x, const pb_scenario *c, size_t n, pb_result **out,
                       pb_error *err);

/* The q-quantile of r's finish (k = 0) or cost (k = 1), with its interval. */
pb_interval pb__deal_quantile(const pb_result *r, int k, double q);

/*
 * The --people search: give scenario c (team as planned) the best allocation
 * of n people across the roles with effort, into c's roles. Sets x->reason
 * when n people cannot run the plan. *exact and *tried report the search,
 * *unused the people beyond what the roles' milestones can use (not assigned).
 */
pb_status pb__deal_people(pb__deal_ctx *x, pb_scenario *c, int n, bool *exact, size_t *tried,
                          int *unused, pb_error *err);

/* pb_deal_evaluate, with the cost of delay (a second run) only when 'priced'. */
pb_status pb__deal_evaluate(const pb_scenario *s, const pb_deal *d, const pb_deal_opts *opts,
                            bool priced, pb_deal_result **out, pb_error *err);

/* Value per unit of time the scenario's proposal declares (0: none); with a working calendar a
   day is a working day (7 / workdays calendar days). */
double pb__deal_value_rate(const pb_scenario *s);

/* The team of a deal in words, "5 people (2 ml, 1 data, 2 embedded)" (a role with none left
   out), then its plan's joins (", 1 more joining in week 6"), into buf. */
const char *pb__deal_team_text(const pb_deal_result *r, char *buf, size_t cap);
/* The joins of scenario s in words: ", 2 more joining in week 6" (or "between week 4 and
   week 8"; "on day 30", "in month 2"), "" without joins or s; into buf. */
const char *pb__joining_text(const pb_scenario *s, char *buf, size_t cap);

#endif
