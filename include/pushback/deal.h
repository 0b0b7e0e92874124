/*
 * deal.h - a deal is everything the engineer and the manager agree on, as one
 * value (NEGOTIATION.md, "The deal"): the promise (finish by a deadline and
 * spend at most a budget, jointly, with a confidence), the team per role, one
 * alternative of each choice, the scope dropped and any further --set
 * changes. pb_deal_evaluate() builds the plan the deal describes and
 * simulates it on the base run's common random numbers (the same seed and
 * iteration count give every milestone, risk and factor the deal leaves
 * alone the same draws), so that one deal compared with another differs only
 * where they differ, and a deal evaluated twice gives the same numbers.
 *
 * A team that cannot run the plan (a role below what one of its milestones
 * needs) is never rounded up: the result says it is infeasible and why.
 */
#ifndef PUSHBACK_DEAL_H
#define PUSHBACK_DEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pushback/error.h>
#include <pushback/report.h>
#include <pushback/scenario.h>
#include <pushback/stats.h>

#define PB_DEAL_ITERATIONS 8192   /* default first round (two blocks: two threads) */
#define PB_DEAL_MAX_ITER   262144 /* default cap of the doubling when too close to call */
#define PB_DEAL_EXACT      64     /* --people: exact search up to this many allocations */

/* A deal as asked. Every pointer is borrowed for the call only. */
typedef struct pb_deal {
    double deadline;   /* NAN: the scenario's ask.deadline (NAN there too: no date promised) */
    double budget;     /* NAN: the scenario's ask.budget (NAN there too: no budget promised) */
    double confidence; /* NAN: the scenario's ask.confidence; else in (0, 1) */
    const int *team;   /* people per scenario role, n_roles entries; NULL or an entry < 0:
                          as the plan (after the alternatives) has it */
    int people;        /* > 0: the best allocation of this many people ('team' ignored) */
    const char *const *alternatives; /* per choice (n_choices entries); NULL or an entry
                                        NULL: the choice's first alternative (the plan) */
    const char *const *drop;         /* optional milestones dropped */
    size_t n_drop;
    const char *const *sets; /* "PATH=VALUE" as --set, applied after everything else */
    size_t n_sets;
} pb_deal;

typedef struct pb_deal_opts {
    size_t iterations;     /* first round; default PB_DEAL_ITERATIONS */
    size_t max_iterations; /* doubling cap when too close to call; default PB_DEAL_MAX_ITER;
                              equal to 'iterations': exactly that many */
    uint64_t seed;         /* default 1 */
    unsigned threads;      /* default 1 */
    bool metric;           /* the promise includes every experiment-round metric met
                              (docs/ml.md): the joint is P(by the deadline, within the budget
                              and met); default false */
} pb_deal_opts;

void pb_deal_opts_init(pb_deal_opts *o);

typedef struct pb_deal_result {
    bool feasible;
    char reason[256];                    /* why not, when infeasible ("" otherwise) */
    double deadline, budget, confidence; /* as evaluated; deadline/budget NAN: not promised */
    size_t n_roles;
    const char **roles; /* the scenario's role names */
    int *team;          /* people per role, as simulated */
    int people;         /* their total */
    bool searched;      /* the team came from a --people search */
    bool exact;         /* ... over every allocation (else greedy, one person at a time) */
    size_t candidates;  /* allocations tried */
    int unused;         /* people asked for beyond what the roles' milestones can use at once
                           (the sum of their maximum people): not assigned, not paid */
    size_t n_choices;
    const char **choices;      /* choice ids */
    const char **alternatives; /* the alternative taken of each */
    size_t n_dropped;
    const char **dropped;
    const char *labour; /* "allocated", "worked" or "mixed" */
    double value_kept;  /* 'value' of the optional milestones the deal keeps */
    /* zero when infeasible: */
    pb_interval joint;      /* P(finish <= deadline and cost <= budget), Wilson 95% */
    pb_interval p_deadline; /* marginals (zero when not promised) */
    pb_interval p_budget;
    pb_interval date, money;   /* the confidence-quantile of the finish and of the cost */
    pb_summary duration, cost; /* as simulate reports them */
    const char *verdict;       /* "holds", "fails", "too close to call", or "infeasible" */
    double value_rate;         /* proposal value per unit of time (0: none declared) */
    double cost_of_delay;      /* value_rate x (date - the plan's date): value lost (or,
                                  negative, gained) against the plan as written */
    double payback;            /* time after the finish for the value to repay the money
                                  at the confidence (NAN: no value declared) */
    /* the metric (docs/ml.md), when the deal's plan has one (zero otherwise): */
    bool metric;                /* promised: the joint includes every metric met */
    bool has_rounds;            /* experiment rounds */
    pb_interval p_met;          /* P(every looping milestone met its metric) */
    pb_interval p_deadline_met; /* P(finish <= deadline and every metric met); zero without
                                   a deadline */
    bool has_curve;             /* a learning curve */
    pb_interval p_curve;        /* P(target met at curve_items) */
    double curve_items;         /* the volume the deal's plan provides */
    double joins_plan_date;     /* when the deal adds people later (its joins differ from the
                                   plan's, e.g. --set team.ml.joins=...): the plan's date at the
                                   confidence, to set 'date' against (NAN otherwise) */
    double joint_date;          /* the earliest deadline at which the joint with the deal's
                                   budget holds at the confidence (its interval's lower end at
                                   or above it), on the same draws; NAN: no budget promised, a
                                   metric promised, or no date holds within the budget */
    size_t iterations;
    uint64_t seed;
    pb_scenario *scenario; /* the deal's plan as a scenario (owned; NULL when the
                              alternatives do not combine) */
    char *strings;         /* owns every string above (roles, choices, alternatives, dropped) */
} pb_deal_result;

/*
 * Evaluate deal 'd' on scenario 's'. The plan is built from a copy of 's':
 * the alternatives (in choice order), the drops, the --set changes, then the
 * team. It runs opts->iterations; while the joint probability's interval
 * straddles the confidence the count doubles, up to opts->max_iterations.
 * The verdict is "holds" when the interval's lower end is at least the
 * confidence, "fails" when its upper end is below it. With d->people, every
 * allocation of that many people over the roles that have effort (each at
 * least its milestones' minimum, at most the sum of their maxima: people
 * beyond every role's maximum are 'unused') is tried, exactly while there are at most
 * PB_DEAL_EXACT of them and greedily beyond, and the one with the earliest
 * date at the confidence (then the cheapest) is evaluated.
 * On success *out owns a new result (pb_deal_result_free), also when the deal
 * is infeasible (then feasible is false and 'reason' says why). Errors:
 * PB_ERR_USAGE for an unknown choice, alternative, milestone or --set path,
 * a non-optional milestone dropped, no deadline and no budget, or a bad
 * confidence; PB_ERR_INVALID for a --set value that breaks the plan;
 * PB_ERR_RUN for memory.
 */
pb_status pb_deal_evaluate(const pb_scenario *s, const pb_deal *d, const pb_deal_opts *opts,
                           pb_deal_result **out, pb_error *err);

/* Free a result. NULL is a no-op. */
void pb_deal_result_free(pb_deal_result *r);

/*
 * P(the metric's target met) in deal r's plan (docs/deals.md, "The metric"):
 * the learning curve's at the deal's volume when the plan has one, else every
 * experiment round met; NAN without a metric or when r is infeasible. A deal
 * whose target falls below the confidence while the plan's own meets it
 * gives up the metric: the negotiator evaluates it with the metric promised,
 * and the frontier and the audit leave it out.
 */
double pb_deal_target(const pb_deal_result *r);

/*
 * Write a deal's evaluation as text (the deal, the joint probability and its
 * verdict, the marginals, the date and cost at the confidence, the cost of
 * delay) or as JSON (docs/json.md, "deal"). ctx->scenario is the base
 * scenario. PB_ERR_RUN when writing fails.
 */
pb_status pb_report_deal_text(FILE *f, const pb_report_ctx *ctx, const pb_deal_result *r,
                              pb_error *err);
pb_status pb_report_deal_json(FILE *f, const pb_report_ctx *ctx, const pb_deal_result *r,
                              pb_error *err);

/* ==== The frontier ==== */

#define PB_FRONTIER_ITERATIONS 4096 /* per candidate deal */
#define PB_FRONTIER_EXACT      64   /* exact search up to this many candidates */

typedef struct pb_frontier_opts {
    double confidence; /* NAN: the scenario's ask.confidence (else 0.8) */
    double deadline;   /* the promise each candidate's joint is measured against;
                          NAN: the scenario's ask (none: every date) */
    double budget;     /* likewise */
    size_t iterations; /* per candidate; default PB_FRONTIER_ITERATIONS */
    uint64_t seed;     /* default 1 */
    unsigned threads;  /* default 1 */
    int extra_people;  /* a role's bound: its planned size plus this; default 2 */
} pb_frontier_opts;

void pb_frontier_opts_init(pb_frontier_opts *o);

typedef struct pb_frontier_point {
    pb_deal_result *deal; /* the candidate, evaluated (owned) */
    double date, cost;    /* at the confidence */
    int people;
    double value_kept; /* 'value' of the optional milestones it keeps */
    bool frontier;     /* not dominated on date, cost, people and value kept */
} pb_frontier_point;

/* "Any two of your three asks": with two held, the best the third can be. */
typedef struct pb_two_of_three {
    const char *held[2]; /* two of "deadline", "people", "budget" */
    const char *best;    /* the third */
    bool found;          /* some candidate holds both */
    double value;        /* the best third: a budget, a head count or a date */
    size_t point;        /* index of that candidate in points */
    pb_interval joint;   /* its joint probability of all three as found */
} pb_two_of_three;

typedef struct pb_frontier {
    double confidence, deadline, budget;
    size_t iterations;
    uint64_t seed;
    bool exact;                /* every combination of the levers was tried */
    char method[384];          /* how the levers were searched, with the bounds */
    size_t n_candidates;       /* deals evaluated (infeasible and repeated ones included) */
    size_t n_points;           /* every feasible candidate evaluated */
    pb_frontier_point *points; /* sorted by date, then cost */
    size_t n_frontier;
    size_t walk_away; /* index of the earliest date at the confidence */
    double manager_deadline, manager_budget;
    int manager_people; /* -1: not given */
    size_t n_two;
    pb_two_of_three two[3];
    size_t n_lost_metric;    /* candidates left out: their target below the confidence while the
                                plan as written meets it (pb_deal_target) ... */
    pb_frontier_point *lost; /* ... here, by date then cost (none on the frontier) */
} pb_frontier;

/*
 * Search the levers of scenario 's' for the deals not dominated at the
 * confidence: the team per role (from the fewest its milestones need to its
 * planned size plus opts->extra_people), one alternative of each choice, and
 * the optional milestones kept. Every combination is evaluated while there
 * are at most PB_FRONTIER_EXACT; beyond, each lever is moved alone from the
 * plan (every alternative of each choice and every optional milestone
 * dropped, each with every team size of each role, one role at a time), and
 * 'method' says so. Every candidate is a deal evaluated like
 * pb_deal_evaluate on the same seed and count. The walk-away point is the
 * earliest date at the confidence over all candidates; with the manager's
 * asks (deadline, people, budget) the two-of-three table is filled for each
 * pair the scenario gives. *out owns everything (pb_frontier_free).
 */
pb_status pb_frontier_run(const pb_scenario *s, const pb_frontier_opts *opts, pb_frontier **out,
                          pb_error *err);

void pb_frontier_free(pb_frontier *f);

/* Write a frontier as a table (text), JSON (docs/json.md) or CSV (one row per candidate). */
pb_status pb_report_frontier_text(FILE *f, const pb_report_ctx *ctx, const pb_frontier *r,
                                  pb_error *err);
pb_status pb_report_frontier_json(FILE *f, const pb_report_ctx *ctx, const pb_frontier *r,
                                  pb_error *err);
pb_status pb_report_frontier_csv(FILE *f, const pb_report_ctx *ctx, const pb_frontier *r,
                                 pb_error *err);

/* ==== The audit of the engineer's own ask ==== */

#define PB_AUDIT_ITERATIONS 4096 /* quick precision, as 'check' runs it */
#define PB_AUDIT_MAX        5
#define PB_AUDIT_MATERIAL   0.05 /* an over-ask exceeds the fair ask by more than this share */

typedef struct pb_audit_finding {
    const char *kind;     /* "under-ask", "over-ask", "dominated" or "metric" (the plan
                             misses its own metric target at the confidence) */
    char text[512];       /* one sentence, with the numbers */
    const char *over;     /* an under-ask whose other side is an over-ask (one line says both):
                             "deadline" or "budget", the one with room; NULL otherwise */
    pb_deal_result *deal; /* the deal that fixes it, evaluated (owned) */
} pb_audit_finding;

typedef struct pb_audit {
    bool has_ask;                        /* the scenario asks for a deadline or a budget */
    double deadline, budget, confidence; /* the ask (NAN: not asked) */
    pb_interval p; /* P(finish <= deadline and cost <= budget) of the plan as written */
    double fair_deadline, fair_budget; /* the smallest ask that holds jointly at the confidence */

    bool corrected;                      /* an under-ask or an over-ask: the start differs */
    double start_deadline, start_budget; /* the ask we defend, where a negotiation starts: the
                                            under-ask's or over-ask's deal when there is one
                                            (the excess conceded, the shortfall asked for),
                                            else the ask (NAN: not asked) */
    char start_text[320]; /* when corrected: "We start from 35 weeks and USD 1.00M, not the
                             USD 1.06M we first wrote" ("" otherwise) */
    size_t iterations;
    uint64_t seed;
    size_t n_findings;
    pb_audit_finding findings[PB_AUDIT_MAX];
} pb_audit;

/*
 * Audit the scenario's own ask (NEGOTIATION.md, section 3) at 'iterations'
 * (0: PB_AUDIT_ITERATIONS) with 'seed': an under-ask (the ask fails at the
 * confidence: its joint interval lies below it), an over-ask (the deadline
 * or the budget is beyond the fair ask's 95% interval and by more than
 * PB_AUDIT_MATERIAL of it: concede the excess first) and a dominated plan (an alternative or a team
 * one person away that is cheaper at the confidence and no later: sooner, or as soon within the
 * date's 95% interval, keeping the same value). The start (start_deadline, start_budget) is
 * the ask with every under-ask and over-ask corrected, found on the dominating deal's own run
 * when the plan is dominated (an ask that holds with it is kept as written). The
 * fair ask is the smallest pair of quantiles of the finish and the cost, at one level q, whose
 * joint probability holds at the confidence (its Wilson interval's lower end at or above it, as
 * a deal holds, so that the start deal holds at the audit's count), rounded up as an ask is written
 * (a tenth of a time unit, money to four significant digits), so that its deal reproduces from its
 * printed settings. Each finding carries the deal that fixes it. *out owns everything
 * (pb_audit_free).
 */
pb_status pb_audit_run(const pb_scenario *s, size_t iterations, uint64_t seed, unsigned threads,
                       pb_audit **out, pb_error *err);

/*
 * pb_audit_run, with 'dominating' (NULL: none), a deal found elsewhere (the brief takes it from
 * the frontier, docs/deals.md "The dominating deal"): when the plan is dominated and that deal
 * (its alternatives and team, evaluated at the engineer's own ask) dominates it too, it is the
 * dominated finding's deal instead of the best single change, and the ask is audited on it.
 */
pb_status pb_audit_run_with(const pb_scenario *s, size_t iterations, uint64_t seed,
                            unsigned threads, const pb_deal_result *dominating, pb_audit **out,
                            pb_error *err);

void pb_audit_free(pb_audit *a);

/*
 * pb_report_check_json with the audit as its "audit" member ({"p", "lo", "hi",
 * "findings": [{"kind", "text", "deal"}]}; null when 'a' is NULL or asks nothing).
 */
pb_status pb_report_check_json_audit(FILE *f, const pb_report_ctx *ctx, const char *rulebook,
                                     size_t n_rules, const pb_gap *gaps, size_t n_gaps,
                                     const pb_audit *a, pb_error *err);

/* The audit as text lines, for 'check'. */
pb_status pb_report_audit_text(FILE *f, const pb_report_ctx *ctx, const pb_audit *a, pb_error *err);

#endif
