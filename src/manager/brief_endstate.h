/*
 * brief_endstate.h - where the prep sheet's negotiation starts and where it
 * ends (internal: brief.c calls it). The start acts on the audit: a plan the
 * audit finds dominated is not defended, the dominating deal is; the end is
 * the deal with every concession agreed, its budget given back down to what
 * it needs (the audit's over-ask rule, applied again).
 */
#ifndef PUSHBACK_BRIEF_ENDSTATE_H
#define PUSHBACK_BRIEF_ENDSTATE_H

#include <pushback/rules.h>

#include "negotiate.h"

/*
 * The milestone of run r that the scenario s marks gate = true (gate) or
 * deliverable = true (!gate) and that finishes first at the P80, or NULL;
 * *count (when not NULL): how many such milestones r has. One rule for the
 * prep sheet's kill point and the manager page's go/no-go point and first
 * deliverable.
 */
const pb_milestone_result *pb__brief_first_declared(const pb_scenario *s, const pb_result *r,
                                                    bool gate, size_t *count);

/*
 * When b's audit finds the plan dominated and the dominating deal's
 * alternatives (or, for a team change, its team) hold at the audited start,
 * they join b->nego's agreed deal before any move and *start is that deal
 * (b->start_dominating set); else *start is left alone. Errors as
 * pb__nego_evaluate.
 */
pb_status pb__brief_adopt_dominating(pb_brief *b, const pb_deal_result **start, pb_error *err);

/*
 * The dominating deal taken from frontier f (docs/deals.md, "The dominating deal"): of f's
 * undominated deals that drop nothing, have no more people than the plan as written, keep its
 * value and are no later and no dearer at the confidence than 'audited' (the audit's dominating
 * deal, which dominates the plan), the one most likely to meet the engineer's own ask jointly
 * (f's deals are evaluated at it), then the soonest, then the cheapest. NULL: none.
 */
const pb_deal_result *pb__brief_frontier_dominating(const pb_scenario *s, const pb_frontier *f,
                                                    const pb_deal_result *audited);

/*
 * The end state: b->nego's agreed deal once every move is argued. When its
 * budget exceeds by more than PB_AUDIT_MATERIAL the smallest budget at which
 * it holds jointly at its deadline (on its own draws, rounded up as an ask is
 * written), the deal with that budget, when it holds, is the end state and
 * b->end_gives_back the difference. Sets b->end (NULL when nothing was agreed
 * beyond the start as the scenario wrote it) and its --set changes. Errors as
 * pb__nego_evaluate.
 */
pb_status pb__brief_end_state(pb_brief *b, pb_error *err);

/*
 * The smallest pair of quantiles of deal r's finish and cost, at one level q
 * (as the audit's fair ask), that holds jointly at r's confidence on r's own
 * draws, the date rounded up to a tenth and the money as an ask is written:
 * a date and a budget to promise together, never two marginal P80s (which
 * fail jointly). NAN both when r is infeasible, promises the metric, or no
 * rounded pair holds. Errors as pb_deal_evaluate.
 */
pb_status pb__brief_joint_pair(const pb_brief *b, const pb_deal_result *r, double *date,
                               double *budget, pb_error *err);
/* As pb__brief_joint_pair, with the pair's joint share of r's draws and its 95% interval in *p
   (when p is not NULL; NAN when no pair holds). */
pb_status pb__brief_joint_pair_p(const pb_brief *b, const pb_deal_result *r, double *date,
                                 double *budget, pb_interval *p, pb_error *err);

#endif
