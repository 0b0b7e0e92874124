/*
 * facts_metric.c - the facts a deal gives about the metric: the chance of
 * meeting the learning curve's target at the deal's data volume, the chance
 * the experiment loops meet theirs, and the date the deal gains against the
 * plan as asked. The manager's "10k is enough" (less data) is argued with
 * them: what the smaller volume does to the target, and what it buys.
 */
#include <math.h>

#include <pushback/deal.h>

#include "facts.h"

void pb__deal_metric_facts(pb__facts *f, const pb_deal_result *r, const pb_deal_result *plan)
{
    if (!r->feasible)
        return;
    if (r->has_curve) {
        pb__facts_set(f, "deal.p_target", r->p_curve.value);
        pb__facts_set(f, "deal.target_items", r->curve_items);
    }
    if (r->has_rounds) {
        pb__facts_set(f, "deal.p_met", r->p_met.value);
        if (!isnan(r->deadline))
            pb__facts_set(f, "deal.p_deadline_met", r->p_deadline_met.value);
    }
    if (plan && plan->feasible)
        pb__facts_set(f, "deal.date_gained", plan->date.value - r->date.value);
}
