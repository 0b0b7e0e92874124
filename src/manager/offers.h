/*
 * offers.h - the counter-offers a move can get (internal: brief.c uses it).
 *
 * One registry: each kind of offer computes the deal it recommends, in the
 * move's own currency, from the frontier (NEGOTIATION.md, section 4). The
 * wording lives in the rulebook's templates ('offer_text', 'offer_miss'),
 * which quote the offer's facts (offer.*). A kind may find nothing to offer;
 * it then says why in 'why' (a fact for the templates is not needed).
 */
#ifndef PUSHBACK_OFFERS_H
#define PUSHBACK_OFFERS_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/deal.h>

#include "negotiate.h"

typedef struct pb__offer_in {
    const pb_scenario *s;
    const pb_frontier *frontier;
    const pb_deal_result *plan; /* the plan as asked */
    const pb_deal_result *move; /* the deal the move proposes */
    const pb__change *change;   /* ... its change */
    double confidence;
    int agreed_people; /* people in the agreed deal: an offer never asks for more */
    pb__nego *nego;    /* to try candidates: the agreed deal plus a change, evaluated */
} pb__offer_in;

/* The change an offer proposes, with room for its team and choices. */
typedef struct pb__offer_out {
    pb__change change;
    int *team;         /* n_roles */
    const char **alts; /* n_choices */
    const char **drop; /* n_milestones */
    bool at_joint;     /* promise it at its own date: once evaluated, the deadline moves to
                          the deal's joint_date (rounded up to a tenth) and it is evaluated
                          again, so that it holds when any date within its budget does */
    double fits;       /* offer.fits: 1 a candidate fits the move's ask, 0 none does (the
                          nearest is offered), NAN: not a question for this kind */
    char why[300];     /* when nothing is offered */
} pb__offer_out;

/* false: nothing to offer (out->why says why). */
typedef bool (*pb__offer_fn)(const pb__offer_in *in, pb__offer_out *out);

typedef struct pb__offer_kind {
    const char *name;
    pb__offer_fn make;
    bool frontier; /* needs the frontier */
} pb__offer_kind;

/* Of the candidates with at most 'most' people and a cost at the confidence of at most
   'max_cost' (INFINITY: any), the one with the fewest people (then the
   cheapest) whose date at the confidence is within the noise of the earliest's (its 95%
   interval reaches that one's): more people that gain nothing are not offered. NULL: none. */
const pb_frontier_point *pb__offer_fastest(const pb_frontier *f, int most, double max_cost);

/* Whether deal r keeps the plan's metric: its probability of meeting it (the learning curve's
   target, else every experiment round's metric) reaches the plan's within the noise. true when
   the plan has no metric. */
bool pb__offer_keeps_metric(const pb_deal_result *plan, const pb_deal_result *r);

/* The kind called 'name', or NULL. */
const pb__offer_kind *pb__offer_kind_find(const char *name);
/* Every kind's name, NULL-terminated (for error messages). */
const char *const *pb__offer_kind_names(void);

#endif
