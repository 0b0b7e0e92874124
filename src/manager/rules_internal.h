/*
 * rules_internal.h - a compiled rulebook (internal: rules.c builds it,
 * brief.c evaluates it).
 */
#ifndef PUSHBACK_RULES_INTERNAL_H
#define PUSHBACK_RULES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/expr.h>
#include <pushback/rules.h>

typedef struct pb__rule {
    char *id, *topic, *interest;
    double pressure; /* higher is raised first */
    int line;
    pb_expr *when;       /* NULL: always */
    pb_expr *concede_if; /* NULL: never concede */
    pb_template *says, *rebut, *concede, *probe;
    bool has_whatif;
    pb_expr *w_deadline, *w_budget, *w_people; /* NULL when not given */
    size_t n_team;
    char **team_roles;
    pb_expr **team_exprs;
    char *w_option;
    char **w_drop;
    size_t n_drop;
    bool w_drop_optional;
    char *w_kind;      /* an alternative of this kind (v2 'choice') */
    bool w_risk;       /* the risk of largest exposure dismissed (v2 'risk = "top"') */
    bool w_lose;       /* one person fewer of the role doing the most critical work ('lose') */
    bool w_join;       /* people join that role halfway through the median plan ('join') */
    bool w_metric;     /* the metric's target promised with the deal ('metric = true'): the
                          deal is evaluated with pb_deal_opts.metric */
    pb_expr *needs;    /* NULL: always supported; 0: skipped with needs_text */
    char *needs_text;  /* what the scenario would need for this move */
    bool hypothetical; /* a question: its change never joins the agreed deal */
    const struct pb__offer_kind **offers; /* v1: the worded offers, each a kind of the registry */
    const pb_template **offer_words;      /* ... and its words (the rulebook's 'offer_words') */
    size_t n_offers;
    const struct pb__offer_kind *offer;   /* v2: the one recommended counter-offer, or NULL */
    pb_template *offer_text, *offer_miss; /* its wording when it holds, when it still misses */
    pb_template *offer_stage;             /* when it misses but a stage of it makes the move's date
                                             (offer.stage*),             or NULL */
    pb_template *offer_nogain;            /* when it holds but its date is no sooner than the
                                             agreed deal's beyond the noise (offer.gain), or NULL */
} pb__rule;

struct pb_rulebook {
    char *path;
    pb__rule *rules;
    size_t n;
    const struct pb__offer_kind **word_kinds; /* 'offer_words': the kinds it words ... */
    pb_template **words;                      /* ... and their templates */
    size_t n_words;
    size_t n_default; /* the last n_default words are the built-in ones (offer_words.c), for
                         kinds the rulebook lists in 'offers' and does not word */
};

#endif
