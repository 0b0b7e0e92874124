/*
 * brief_walkaway.c - see brief_walkaway.h. The walk-away is first found
 * from the strongest offer and the frontier, before any move is argued; a
 * move's concessions then combine levers (an alternative of one choice with
 * a scope cut of another) that the frontier's greedy search may not try
 * together, so the sheet takes the earliest of every deal it evaluated.
 */
#include "brief_walkaway.h"

#include <math.h>
#include <string.h>

/* Does deal r hold at the confidence, and is it a plan (no risk dismissed among its
   --set changes sets[0..n))? */
static bool a_plan(const pb_deal_result *r, const char *const *sets, size_t n)
{
    if (!r || !r->feasible || !r->verdict || strcmp(r->verdict, "holds") ||
        !isfinite(r->date.value))
        return false;
    for (size_t k = 0; k < n; k++)
        if (sets[k] && !strncmp(sets[k], "risks.", 6))
            return false;
    return true;
}

static double earliest(double w, const pb_deal_result *r, const char *const *sets, size_t n)
{
    return a_plan(r, sets, n) && r->date.value < w ? r->date.value : w;
}

double pb__brief_walk_away(const pb_brief *b, const pb_frontier *f)
{
    double w = earliest(b->walk_away, b->start, NULL, 0);
    for (size_t i = 0; i < b->n_arguments; i++) {
        const pb_argument *a = &b->arguments[i];
        w = earliest(w, a->deal, a->deal_sets, a->n_deal_sets);
        w = earliest(w, a->offer_deal, a->offer_sets, a->n_offer_sets);
    }
    for (size_t i = 0; i < b->n_interest_offers; i++)
        w = earliest(w, b->interest_offers[i].deal, NULL, 0);
    for (size_t i = 0; f && i < f->n_points; i++)
        w = earliest(w, f->points[i].deal, NULL, 0);
    return w;
}
