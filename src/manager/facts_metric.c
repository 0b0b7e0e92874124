/*
 * facts_metric.c - the facts a deal gives about the metric: the chance of
 * meeting the learning curve's target at the deal's data volume, the chance
 * the experiment loops meet theirs, and the date the deal gains against the
 * plan as asked. The manager's "10k is enough" (less data) is argued with
 * them: what the smaller volume does to the target, and what it buys.
 */
#include <math.h>
#include <stdio.h>

#include <pushback/deal.h>

#include "base/format.h"
#include "facts.h"
#include "format_interval.h"

/* deal.target: " At 10,000 items the learning curve's target is met in 41% (95% CI 40%-42%) of
   simulated projects (the plan's 13,500: 80% (95% CI 79%-81%))." or "" without a curve. */
static void target_text(pb__facts *f, const pb_deal_result *r, const pb_deal_result *plan)
{
    char text[400] = "", items[40], ci[96], plan_items[40], plan_ci[96], also[200] = "";
    if (r->has_curve) {
        pb__fmt_num(items, sizeof items, r->curve_items, 0);
        pb__pct_said(ci, sizeof ci, &r->p_curve);
        if (plan && plan->feasible && plan->has_curve && plan->curve_items != r->curve_items)
            snprintf(also, sizeof also, " (at the plan's %s: %s)",
                     pb__fmt_num(plan_items, sizeof plan_items, plan->curve_items, 0),
                     pb__pct_said(plan_ci, sizeof plan_ci, &plan->p_curve));
        snprintf(text, sizeof text,
                 " At %s items the learning curve's target is met in %s of simulated projects%s.",
                 items, ci, also);
    }
    pb__facts_set_text(f, "deal.target", text);
}

void pb__deal_metric_facts(pb__facts *f, const pb_deal_result *r, const pb_deal_result *plan)
{
    if (!r->feasible) {
        pb__facts_set_text(f, "deal.target", "");
        return;
    }
    if (r->has_curve) {
        pb__facts_set(f, "deal.p_target", r->p_curve.value);
        pb__facts_set(f, "deal.target_items", r->curve_items);
        pb__facts_set(f, "deal.p_target_lo", r->p_curve.lo);
        pb__facts_set(f, "deal.p_target_hi", r->p_curve.hi);
    }
    target_text(f, r, plan);
    if (r->has_rounds) {
        pb__facts_set(f, "deal.p_met", r->p_met.value);
        if (!isnan(r->deadline))
            pb__facts_set(f, "deal.p_deadline_met", r->p_deadline_met.value);
    }
    if (plan && plan->feasible)
        pb__facts_set(f, "deal.date_gained", plan->date.value - r->date.value);
}
