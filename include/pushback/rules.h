/*
 * rules.h - the manager: a rulebook of pushback moves, evaluated against
 * numbers this run simulates, and the brief built from them.
 *
 * A rulebook (libconfig, docs/manager.md) is a list of rules. Each names the
 * manager's move ('says'), when it is raised ('when'), the counterfactual it
 * needs ('whatif': a deadline, a budget, a team, a total head count, an
 * option, milestones dropped), the engineer's answer ('rebut'), when the
 * numbers back the manager instead ('concede_if', 'concede'), and the
 * counter-offers to put on the table ('offers'). Expressions and templates
 * use the names of expr.h over these namespaces:
 *
 *   sim.*       the base plan: p5 .. p95 (and p80_lo, p80_hi, ...), mean, sd,
 *               p_deadline, p_deadline_lo, p_deadline_hi, p_budget, p_joint,
 *               cost_p50, cost_p80, cost_p90, cost_mean, people, labour,
 *               iterations, top_sensitivity, top_criticality, risk_delay
 *               (the mean delay of top_risk, the risk of largest exposure:
 *               how often it fires x its delay), n_optional, n_deliverables
 *   ask.*       deadline, budget (the audited start the sheet commits to),
 *               confidence, p (how often that start holds jointly), asked,
 *               asked_budget (the ask as written, before the audit)
 *   manager.*   deadline, people, budget, derived (1 when pushback derived
 *               them from the plan because the scenario has no 'manager')
 *   history.*   count, duration, people, size, scaled (duration / size),
 *               percentile (P(our finish <= scaled)), ratio (scaled / sim.p50)
 *               of the first reference project
 *   proposal.*  presence (1/0) of the proposal's sections (see 'check')
 *   option.NAME.*  p50, p80, p90, p_deadline, cost_p80, people, d_p80,
 *               d_p80_lo, d_p80_hi, d_cost_p80 (option minus base; '-' in an
 *               option's name is written '_')
 *   whatif.*    the rule's counterfactual: p50, p80, p90, mean, p_deadline,
 *               p_deadline_lo, p_deadline_hi, p_budget, cost_p80, people,
 *               d_p80, deadline, budget
 *   deal.*      the deal a move's 'change' proposes (everything agreed so far
 *               plus the change), evaluated: p, lo, hi, holds, date, cost,
 *               people, team, agreed, ... (docs/manager.md)
 *   offer.*     the move's recommended counter-offer, evaluated likewise;
 *               and the worded offers' facts (commit, target, walk_away,
 *               team_found, first, first_p, first_p80, money, option,
 *               option_p, option_p80, option_d_p80, option_cost,
 *               option_d_cost, split_p80, split_labour, wide), said by the
 *               rulebook's 'offer_words' (docs/manager.md, "Offer words")
 *   gate.*      the gate's branch: count, name, p_go (lo, hi), at, date_go,
 *               has_date, rounds, box, effort (1: the box is work)
 *   seek.*      at the manager's deadline and the asked confidence: date,
 *               date_lo, date_hi, budget, people, people_feasible,
 *               people_best_p, cut_needed, cut_feasible, cut_value, cut_p,
 *               cut_exact, stages_done, stages, first_stage_p80 (and the
 *               text first_stage: the earliest deliverable)
 *   value.*     the plan as asked, priced by proposal.value: rate (per unit
 *               of time; 0: none declared), payback, cost, date (at the
 *               confidence), unit (text: "week")
 *   source.*    data, expert, guess: the share of the expected work ahead
 *               (estimate means) by each milestone's 'source'
 *   calib.*     the scenario's calibration history: pairs, bias, bias_lo,
 *               bias_hi, spread, coverage, widen, raw_p80 and p80 (the plan
 *               at the confidence, raw and with every estimate calibrated)
 *   outside.*   projects, uplift, p80 (uplift x the plan's P50)
 *   track.*     tracked (1: the brief is on the remaining work), as_of
 *
 * A rule may say what the scenario must have ('needs', an expression, with
 * 'needs_text': when it is 0 the move is skipped with that text), and a
 * question's change may be 'hypothetical' (evaluated, never agreed).
 *
 * Text-valued names (history.name, seek.cut_items, seek.people_team,
 * sim.top_milestone, sim.top_risk, sim.unit, manager.source) may be used
 * alone in a template: {seek.cut_items}.
 *
 * The worded offers ('offers = ["commit", ...]', rulebook v1) are kinds of
 * the one offer registry: each computes facts, and the rulebook's top-level
 * 'offer_words = { commit = "..."; }' says them (a template per kind; a kind
 * listed without words takes the built-in words, the default rulebook's, and
 * pb_rulebook_default_words names it so that the caller can say so).
 */
#ifndef PUSHBACK_RULES_H
#define PUSHBACK_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pushback/error.h>
#include <pushback/plan.h>
#include <pushback/scenario.h>
#include <pushback/seek.h>
#include <pushback/sim.h>
#include <pushback/whatif.h>

typedef struct pb_rulebook pb_rulebook;

/*
 * Load the rulebook in 'path' and compile every expression and template
 * against the names 'scenario' makes available (its options and roles).
 * Errors name the rulebook's file and line, and the column inside the
 * expression: PB_ERR_INVALID. *out owns the rulebook (pb_rulebook_free).
 */
pb_status pb_rulebook_load(const char *path, const pb_scenario *scenario, pb_rulebook **out,
                           pb_error *err);
/* Same, from text in memory; 'name' is used as the file name in errors. */
pb_status pb_rulebook_parse(const char *text, const char *name, const pb_scenario *scenario,
                            pb_rulebook **out, pb_error *err);

void pb_rulebook_free(pb_rulebook *rb);
size_t pb_rulebook_n_rules(const pb_rulebook *rb);

/* The worded kinds that rb's rules offer and its 'offer_words' does not word (a rulebook
   from before 'offer_words'): they take the built-in words. Their number, and the name of
   kind i (NULL past the end), each once. */
size_t pb_rulebook_n_default_words(const pb_rulebook *rb);
const char *pb_rulebook_default_words(const pb_rulebook *rb, size_t i);

/* One counter-offer with its own simulated result. */
typedef struct pb_offer {
    const char *kind; /* "drop-optional", "add-people", "phase", "commit", "best-option",
                         "time-box", "decision-gate", "annotation-split" */
    char *text;       /* one or two sentences with the numbers */
    bool reaches;     /* reaches the deadline at the asked confidence */
} pb_offer;

/* The change of the deal a move proposes (NAN, 0, NULL: none). */
typedef struct pb_move_change {
    double deadline, budget;
    int people;        /* the best allocation of this many (the solver picks the roles) */
    int *team;         /* per scenario role (-1: as agreed), or NULL */
    char *alternative; /* an alternative taken */
    char *drop;        /* optional milestones dropped, comma-separated */
    char *set;         /* a "PATH=VALUE" change (a risk dismissed) */
    bool metric;       /* the metric's target promised with the deal (a quality move) */
} pb_move_change;

struct pb__nego;
struct pb_deal_result;
struct pb_audit;

/* One move of the manager and the answer to it. */
typedef struct pb_argument {
    const char *id, *topic, *interest;
    double pressure;
    char *says;    /* the manager's words */
    bool conceded; /* the numbers back the manager */
    char *answer;  /* the rebuttal, or the concession */
    char *probe;   /* the repeated probe, for 'rehearse' (may be NULL) */
    size_t n_offers;
    pb_offer *offers;
    bool has_change;                   /* the move proposes a change of the deal */
    pb_move_change change;             /* ... this one */
    const struct pb_deal_result *deal; /* the agreed deal plus the change, evaluated (owned by
                                          the brief; NULL without a change) */
    const char *const *deal_sets;      /* its --set changes */
    size_t n_deal_sets;
    /* the one recommended counter-offer (rulebook v2 'offer'); offer_deal NULL: none */
    const char *offer_kind;
    const struct pb_deal_result *offer_deal; /* evaluated like the move's deal (owned by the
                                                brief) */
    const char *const *offer_sets;
    size_t n_offer_sets;
    char *offer_text;  /* its wording (the rulebook's offer_text, or offer_miss when it misses) */
    size_t offer_same; /* > 0: the same offer deal as arguments[offer_same - 1], shown earlier
                          on the prep sheet: the sheet refers back to it */
    unsigned quotes;   /* PB_QUOTES_*: the engineer's numbers 'says' quotes, so that a
                          rehearsal never repeats one the engineer has since changed */
    bool joins;        /* conceded, and its change joined the agreed deal: every later move
                          is evaluated with it */
    bool question;     /* its change is a question ('hypothetical': a risk dismissed, a person
                          lost), never agreed: conceded, the sheet gives the answer without
                          "We agree." */
} pb_argument;

/* What a move's words quote of the engineer's own plan (pb_argument.quotes). */
enum {
    PB_QUOTES_DEADLINE = 1, /* ask.deadline */
    PB_QUOTES_BUDGET = 2,   /* ask.budget */
    PB_QUOTES_PEOPLE = 4    /* sim.people */
};

typedef struct pb_brief_opts {
    const char *rulebook; /* unused: the caller loads the rulebook and passes it */
    size_t iterations;    /* base run; default 100,000 */
    uint64_t seed;
    unsigned threads;
    volatile const int *cancel;
    bool actuals; /* with actuals in the scenario's file, brief the remaining work from as_of
                     (docs/track.md, "The brief"); false (default): the plan as proposed */
    const char *actuals_csv;     /* with 'actuals': a CSV of actuals over the file's, as 'track
                                    --actuals' reads it (pb_actuals_read_csv); NULL: none */
    const char *as_of;           /* with 'actuals': their date over the file's, as 'track --as-of'
                                    (pb_actuals_set_as_of; a wrong one is PB_ERR_USAGE naming
                                    '--as-of'); NULL: the file's */
    const char *calibration_csv; /* a CSV of past estimates added to the file's 'calibration'
                                    (pb_calibration_read_csv); NULL: none */
} pb_brief_opts;

void pb_brief_opts_init(pb_brief_opts *o);

/* A gap in the proposal, as the manager's question. */
typedef struct pb_gap {
    const char *section; /* e.g. "datasets" */
    int weight;          /* how much it hurts in the meeting, 1 (low) to 5 (high) */
    char *question;      /* the manager's words */
    char *fix;           /* what to add to the scenario */
} pb_gap;

#define PB_BRIEF_TOP 5 /* moves on the prep sheet's first page */

/*
 * The offer that serves one of the manager's interests, in its currency
 * (brief_interests.c): a time interest with a date ("the trade show in week
 * 24", at = 24) gets the cheapest deal done by then, or the earliest one and
 * what is done by then; a money interest with an amount the earliest deal
 * within it, or the cheapest; a people interest the best allocation of the
 * manager's head count; a quality interest the earliest deal that keeps the
 * plan's metric. Each is a deal of the levers (team, choices, optional
 * scope), evaluated from the plan as asked at the brief's count and seed.
 */
typedef struct pb_interest_offer {
    const pb_interest *interest;       /* borrowed from the brief's scenario */
    const char *kind;                  /* "meet-date", "within-budget", "people", "keep-metric" */
    const struct pb_deal_result *deal; /* the offer (borrowed from the brief); NULL: none (why) */
    const struct pb_deal_result *plan; /* the plan as asked, evaluated the same way (borrowed) */
    bool fits;         /* the deal holds at the confidence: it serves the interest */
    int head;          /* people: the head count served (the manager's) */
    size_t n_ships;    /* time: declared deliverables whose finish at the confidence is by 'at' */
    char *ships;       /* the name of the latest of them ("" when none; owned) */
    double ships_date; /* its finish at the confidence (NAN when none) */
    double needs;      /* the date at the confidence of that deal (NAN: infeasible) */
    double lost_date;  /* quality: the earliest deal within the team, when it loses the metric */
    pb_interval lost_metric; /* ... its chance of meeting the metric (lost_date NAN: none) */
    char lost[256];          /* ... its levers, as text */
    char why[300];           /* no deal: why */
    /* a date and a budget that hold together at the confidence on the deal's own draws (the
       offer's, then the plan's: pb__brief_joint_pair), with their joint share; NAN when none
       does (then each quantile is said alone, as such) */
    double pair_date, pair_money, plan_pair_date, plan_pair_money;
    pb_interval pair_p, plan_pair_p;
} pb_interest_offer;

typedef struct pb_brief {
    const pb_scenario *scenario; /* owned by the brief */
    const char *rulebook_path;
    size_t iterations;
    uint64_t seed;
    double confidence;
    double target;     /* P50 */
    double commitment; /* the confidence-quantile (P80 by default) */
    pb_interval target_ci, commitment_ci;
    double walk_away; /* below this no offer reaches the asked confidence */
    double manager_deadline, manager_budget;
    int manager_people;
    bool manager_derived;
    pb_plan *plan;          /* owned: the base plan, which 'base' points into */
    pb_result *base;        /* owned */
    pb_comparison *options; /* owned; NULL when the scenario has no options */
    pb_seek_result *seek;   /* owned: at the manager's deadline */
    size_t n_arguments;
    pb_argument *arguments; /* in order of pressure, highest first */
    size_t n_gaps;
    pb_gap *gaps;           /* highest weight first */
    struct pb__nego *nego;  /* owned: the agreed deal and every deal evaluated */
    struct pb_audit *audit; /* owned: the audit of the engineer's own ask (as 'check') */
    size_t n_top;
    size_t top[PB_BRIEF_TOP]; /* the moves most likely to be raised, most damaging first: by
                                 pressure x (0.5 + harm), one per topic (indices into
                                 'arguments'); the prep sheet's appendix has the rest */
    size_t n_skipped;
    char **skipped; /* "rule id: why it was not raised" (its what-if made no valid plan, or a
                       number it needs is missing) */
    size_t n_interest_offers;
    pb_interest_offer *interest_offers; /* one per interest that a lever can serve (owned) */
    struct pb__nego *interest_nego;     /* owned: the interest offers' deals (agreed levers) */
    struct pb_brief_track *track; /* owned (track.h): the actuals the brief is on, the estimates'
                                     sources, the calibration and the outside view */

    /* The negotiation starts from the audited ask (NEGOTIATION.md, section 3). */
    double asked_deadline, asked_budget; /* the ask as the scenario wrote it (NAN: not asked);
                                            'scenario' asks for the audit's start instead
                                            (pb_audit.start_deadline, start_budget): every move
                                            and the commitment are evaluated from there */
    const struct pb_deal_result *start;  /* the deal the negotiation starts from (the
                                            scenario's ask, after the audit), evaluated (owned
                                            by the brief) */
    bool start_dominating; /* the audit found the plan dominated: 'start' is the dominating
                              deal at the audited ask (its alternatives or team agreed before
                              any move) */
    const struct pb_deal_result *end; /* the end state: every concession agreed, the budget
                                         given back to what it needs (owned by the brief);
                                         NULL: nothing agreed beyond the plan as asked */
    const char *const *end_sets;      /* its --set changes */
    size_t n_end_sets;
    double end_gives_back;    /* budget given back in the end state (0: none) */
    double start_plan_target; /* P(the metric's target met) of the plan as written at the start's
                                 promise, when the start is dominating (NAN: no metric) */
} pb_brief;

/*
 * Simulate the scenario, its options and the seeks the rules need, evaluate
 * every rule and render the arguments. On success *out owns the brief.
 */
pb_status pb_brief_run(const pb_scenario *s, const pb_rulebook *rb, const pb_brief_opts *o,
                       pb_brief **out, pb_error *err);
void pb_brief_free(pb_brief *b);

/*
 * The proposal's gaps, as the manager's questions ranked by how much they
 * hurt (see README, 'check'). *out is an array of *n gaps (pb_gaps_free).
 */
pb_status pb_proposal_gaps(const pb_scenario *s, pb_gap **out, size_t *n, pb_error *err);
void pb_gaps_free(pb_gap *g, size_t n);

#endif
