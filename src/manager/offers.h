/*
 * offers.h - the counter-offers a move can get (internal: brief.c uses it).
 *
 * One registry: each kind of offer computes the deal it recommends, in the
 * move's own currency, from the frontier (NEGOTIATION.md, section 4). The
 * wording lives in the rulebook's templates ('offer_text', 'offer_miss'),
 * which quote the offer's facts (offer.*). A kind may find nothing to offer;
 * it then says why in 'why' (a fact for the templates is not needed).
 * The worded kinds of rulebook v1 ('offers = ["commit", ...]') are kinds of
 * the same registry: each computes facts (offer.*, next to the seek.* and
 * gate.* the brief has), and the rulebook's 'offer_words' says them.
 */
#ifndef PUSHBACK_OFFERS_H
#define PUSHBACK_OFFERS_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/deal.h>

#include "facts.h"
#include "negotiate.h"
#include "pushback/rules.h"

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
    double moved;      /* offer.moved ('agreed-date'): 1 the commitment moves with what is
                          agreed (said once, at the first such offer), 0 not, NAN: not asked */
    char why[300];     /* when nothing is offered */
} pb__offer_out;

/* false: nothing to offer (out->why says why). */
typedef bool (*pb__offer_fn)(const pb__offer_in *in, pb__offer_out *out);

/* What a worded kind (a rule's 'offers = [...]', offers_v1.c) reads: the brief so far. */
typedef struct pb__offer_words_in {
    const pb_brief *b;        /* its scenario, base run, options, seeks and commitment */
    pb__facts *facts;         /* read (seek.*, gate.*) and written (offer.*) */
    const char *topic;        /* the move's topic, its currency: "money" or another */
    const char *milestone;    /* the milestone the move is about (its risk's), or NULL: none */
    const pb_milestone *gate; /* the gate simulated as a branch (gate.*), or NULL */
} pb__offer_words_in;

/* Set the kind's offer.* facts and *reaches (the offer reaches the confidence); false: no
   offer of this kind here (nothing to offer, or not in the move's currency). The rulebook's
   'offer_words' template for the kind says it. */
typedef bool (*pb__offer_words_fn)(const pb__offer_words_in *in, bool *reaches);

enum {
    PB__OFFER_SEEKS = 1,  /* needs the seeks at the manager's deadline */
    PB__OFFER_PEOPLE = 2, /* ... and their people seek */
    PB__OFFER_GATE = 4,   /* needs a milestone marked gate = true */
};

/* One kind of the registry: a deal offer (make, a rule's 'offer') or a worded one (words, a
   rule's 'offers'). */
typedef struct pb__offer_kind {
    const char *name;
    pb__offer_fn make;
    bool frontier; /* needs the frontier */
    pb__offer_words_fn words;
    unsigned needs; /* PB__OFFER_* */
} pb__offer_kind;

/* The worded kinds (offers_v1.c). */
bool pb__offer_drop_optional(const pb__offer_words_in *in, bool *reaches);
bool pb__offer_add_people(const pb__offer_words_in *in, bool *reaches);
bool pb__offer_phase(const pb__offer_words_in *in, bool *reaches);
bool pb__offer_commit(const pb__offer_words_in *in, bool *reaches);
bool pb__offer_best_option(const pb__offer_words_in *in, bool *reaches);
bool pb__offer_gate(const pb__offer_words_in *in, bool *reaches);
bool pb__offer_annotation_split(const pb__offer_words_in *in, bool *reaches);
/* 'caveats': never an offer of its own (false); its words follow every recommended
   counter-offer (brief.c), on the offer.* facts of what that deal gives up or carries. */
bool pb__offer_caveats(const pb__offer_words_in *in, bool *reaches);

/* Of the candidates with at most 'most' people and a cost at the confidence of at most
   'max_cost' (INFINITY: any), the one with the fewest people (then the
   cheapest) whose date at the confidence is within the noise of the earliest's (its 95%
   interval reaches that one's): more people that gain nothing are not offered. NULL: none. */
const pb_frontier_point *pb__offer_fastest(const pb_frontier *f, int most, double max_cost);

/* Whether deal r keeps the plan's metric: its probability of meeting it (the learning curve's
   target, else every experiment round's metric) reaches the plan's within the noise. true when
   the plan has no metric. */
bool pb__offer_keeps_metric(const pb_deal_result *plan, const pb_deal_result *r);

/* A quality move's offer ('metric-date', offers_metric.c): the earliest date, to a tenth, at
   which the agreed deal with the metric's target promised holds at the confidence (the brief
   evaluates the move with pb_deal_opts.metric); false when the plan's own chance of the target
   is below the confidence (no date keeps it) or no date within four doublings holds. */
bool pb__offer_metric_date(const pb__offer_in *in, pb__offer_out *out);

/* The built-in words of the worded kind called 'kind' (a template, offer_words.c), or NULL:
   used for a kind a rulebook lists and does not word. */
const char *pb__offer_default_words(const char *kind);

/* The kind called 'name', or NULL. */
const pb__offer_kind *pb__offer_kind_find(const char *name);
/* Every kind's name, NULL-terminated (for error messages). */
const char *const *pb__offer_kind_names(void);
/* The worded kinds' names, NULL-terminated (for error messages). */
const char *const *pb__offer_words_names(void);

#endif
