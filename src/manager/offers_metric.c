/*
 * offers_metric.c - the counter-offer to a quality move (the metric's
 * target promised with the deal, catalogue PROMISE_METRIC): the earliest
 * date at which the agreed deal, with the target promised, holds at the
 * confidence, found on the deal evaluator (pb__nego_evaluate with
 * pb_deal_opts.metric, set by the brief for the move). No date helps when
 * the plan's own chance of meeting the target is below the confidence:
 * then nothing is offered and 'why' says so.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "offers.h"

/* Does the agreed deal with the target promised hold at deadline d? Within the budget agreed,
   or, when the longer date costs more (people paid longer), within the most the deal costs on
   these draws (rounded up to a thousand): the date alone binds beside the target, and the
   offer says its cost at the confidence. */
static int holds_at(const pb__offer_in *in, pb__offer_out *out, double d)
{
    const pb__nego_entry *e = NULL;
    pb_error err;
    out->change.deadline = d;
    out->change.budget = NAN;
    if (pb__nego_evaluate(in->nego, &out->change, &e, &err))
        return -1;
    if (e->deal->feasible && !strcmp(e->deal->verdict, "holds"))
        return 1;
    if (!e->deal->feasible || isnan(e->deal->budget) || !isfinite(e->deal->budget))
        return 0;
    out->change.budget = HUGE_VAL; /* for the most it costs on these draws: then promised */
    if (pb__nego_evaluate(in->nego, &out->change, &e, &err))
        return -1;
    if (!e->deal->feasible)
        return 0;
    out->change.budget = ceil(e->deal->cost.max / 1000 - 1e-9) * 1000;
    if (pb__nego_evaluate(in->nego, &out->change, &e, &err))
        return -1;
    return e->deal->feasible && !strcmp(e->deal->verdict, "holds");
}

bool pb__offer_metric_date(const pb__offer_in *in, pb__offer_out *out)
{
    const pb_deal_result *m = in->move;
    double t = pb_deal_target(m);
    if (isnan(t) || isnan(m->deadline)) {
        snprintf(out->why, sizeof out->why, "the plan declares no metric to promise by a date");
        return false;
    }
    const pb_interval *p = m->has_curve ? &m->p_curve : &m->p_met;
    if (p->hi < in->confidence) {
        snprintf(out->why, sizeof out->why,
                 "the target is met in %.1f%% of simulated projects as planned: no date keeps it",
                 100 * t);
        return false;
    }
    /* double the gap to the move's date until a date holds (four tries), then halve it down to a
       tenth of a time unit, each date evaluated on the same draws */
    double lo = m->deadline, hi = NAN, step = fmax(0.1, 0.1 * m->deadline);
    for (int k = 0; k < 4 && isnan(hi); k++, step *= 2) {
        int h = holds_at(in, out, pb__up_tenth(lo + step));
        if (h < 0)
            return false;
        if (h)
            hi = out->change.deadline;
        else
            lo = out->change.deadline;
    }
    if (isnan(hi)) {
        snprintf(out->why, sizeof out->why, "no date keeps the date and the target together");
        return false;
    }
    while (hi - lo > 0.1 + 1e-9) {
        double mid = ceil((lo + hi) * 5 - 1e-9) / 10; /* a tenth, rounded up */
        if (mid >= hi)
            break;
        int h = holds_at(in, out, mid);
        if (h < 0)
            return false;
        if (h)
            hi = mid;
        else
            lo = mid;
    }
    if (holds_at(in, out, hi) < 0) /* its budget, again */
        return false;
    out->fits = 1;
    return true;
}
