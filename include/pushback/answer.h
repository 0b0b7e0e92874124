/*
 * answer.h - what the engineer's answer in a rehearsal means: a stance
 * (hold, counter, concede, ask about the interest, ask for time, a command),
 * the numbers it names converted to the scenario's units (a deadline, a
 * budget, a headcount, a three-point estimate), and the alternative of a
 * choice it names, by id or by the words of the alternative's declared kind.
 *
 * The parser is table-driven (number words, unit words and their
 * conversions, stance phrases, kind words) and never guesses silently: a
 * number it cannot place ("30" in a move about money and time, "4" with no
 * unit and nothing to compare with) sets 'ambiguous' with the question to
 * ask back, and 'understood' always says what was read, in one line
 * ("you offered: 28 weeks with 6 people"). Any length of text is one answer.
 * The library never prints; docs/answers.md lists the phrasings understood.
 */
#ifndef PUSHBACK_ANSWER_H
#define PUSHBACK_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/error.h>
#include <pushback/scenario.h>

/* What the engineer does with the manager's move. */
typedef enum pb_stance {
    PB_STANCE_UNCLEAR = 0,  /* nothing understood: ask again ('question') */
    PB_STANCE_HOLD,         /* keeps the ask: "no", "we need 30 weeks", "the numbers say..." */
    PB_STANCE_COUNTER,      /* offers a change for a change: "28 weeks if we drop the dashboard" */
    PB_STANCE_CONCEDE,      /* gives in: "ok, 4 months then", "I promise 24 weeks" */
    PB_STANCE_ASK_INTEREST, /* asks what is behind the ask: "why 24 weeks?" */
    PB_STANCE_ASK_TIME,     /* asks for time: "let me check", "can I come back to you" */
    PB_STANCE_COMMAND       /* a rehearsal command: see 'command' */
} pb_stance;

/* The rehearsal's commands. */
typedef enum pb_answer_cmd {
    PB_CMD_NONE = 0,
    PB_CMD_WHY,    /* "why": explain the move */
    PB_CMD_WHATIF, /* "what-if PATH=VALUE" or "what if we had 3 ML engineers?": see 'whatif' */
    PB_CMD_SKIP,   /* "skip": next move */
    PB_CMD_QUIT,   /* "quit": end and debrief */
    PB_CMD_HELP    /* "help" or "?" */
} pb_answer_cmd;

/* Topics a move is about, or'ed into pb_answer_context.topics. */
enum {
    PB_TOPIC_TIME = 1,   /* the deadline or a duration */
    PB_TOPIC_MONEY = 2,  /* the budget or a cost */
    PB_TOPIC_PEOPLE = 4, /* the headcount */
    PB_TOPIC_CHOICE = 8  /* an alternative of a choice */
};

/* What a number was counted in: for the estimate of 'has_range'. */
typedef enum pb_answer_unit {
    PB_UNIT_NONE = 0,
    PB_UNIT_TIME,  /* the scenario's time unit */
    PB_UNIT_MONEY, /* the scenario's currency */
    PB_UNIT_PEOPLE /* people */
} pb_answer_unit;

/*
 * What the scenario and the current move offer to name. Every pointer is
 * borrowed for the call only; NULL arrays with a count of 0 are fine.
 */
typedef struct pb_answer_context {
    const char *time_unit;    /* "days", "weeks" or "months"; NULL: "weeks" */
    double days_per_unit;     /* calendar days per time unit; 0: from 'time_unit' (1, 7 or
                                 30.436875, the mean Gregorian month) */
    const char *currency;     /* "USD"; NULL: none declared */
    const char *const *roles; /* role ids: "ml", "data" */
    size_t n_roles;
    const char *const *alternatives;  /* "choice.alternative" ids, every choice's first included */
    const pb_kind *alternative_kinds; /* parallel to 'alternatives'; NULL: all PB_KIND_OTHER */
    /* parallel to 'alternatives': what the echo of an answer calls each (a manager's name,
       pb_scenario_alternative_label); NULL: "choice: alternative" ids */
    const char *const *alternative_labels;
    size_t n_alternatives;
    double current_deadline; /* the deal now, for "a month less"; 0 or NAN: unknown */
    double current_budget;   /* for "50k more"; 0 or NAN: unknown */
    int current_people;      /* for "two more engineers"; 0: unknown */
    unsigned topics;         /* PB_TOPIC_* the manager's move is about; 0: none said */
    /* What the manager's move asks for: a bare "ok" concedes it. */
    bool move_has_deadline;
    double move_deadline;
    bool move_has_budget;
    double move_budget;
    bool move_has_people;
    int move_people;
    const char *move_alternative; /* "choice.alternative" or NULL */
} pb_answer_context;

/* The most alternatives one answer names ("drop the dashboard and label it ourselves"). */
#define PB_ANSWER_MAX_PICKS 8

/* One alternative named: "labels" and "in-house-labels". */
typedef struct pb_answer_pick {
    char choice[64], alternative[64];
} pb_answer_pick;

/* What an answer means; every number in the scenario's units. */
typedef struct pb_answer {
    pb_stance stance;
    pb_answer_cmd command;
    char whatif[256]; /* PB_CMD_WHATIF: "PATH=VALUE", "" when the words map to no path */
    bool has_deadline;
    double deadline; /* in the scenario's time unit, > 0 */
    bool has_budget;
    double budget; /* in the scenario's currency, > 0 */
    bool has_people;
    int people;       /* the whole team, absolute ("two more" applied to current_people) */
    int people_delta; /* the change said ("two more": +2, "one fewer": -1), 0 when none */
    char role[64];    /* "two more ML engineers" -> "ml"; "" when no role is named */
    bool has_role_people;
    int role_people; /* "3 ML engineers": the named role's headcount */
    bool has_choice;
    char choice[64], alternative[64];          /* the first named: "labels", "in-house-labels" */
    size_t n_picks;                            /* every alternative named, one per choice */
    pb_answer_pick picks[PB_ANSWER_MAX_PICKS]; /* [0] is 'choice' and 'alternative' */
    bool has_range;
    bool has_mode;             /* false for a two-point range "18-30" */
    double lo, mode, hi;       /* "18-22-30", "[18, 22, 30]", "between 18 and 30" */
    pb_answer_unit range_unit; /* what the range counts */
    bool quoted_number;        /* a number with its unit (or a range) was said */
    bool quoted_interval;      /* a range or a confidence ("80%", "P80") was said */
    bool ambiguous;            /* a number could not be placed: ask 'question' */
    char question[160];        /* what to ask back when ambiguous or unclear, else "" */
    char understood[200];      /* "you offered: 28 weeks with 6 people" */
} pb_answer;

/*
 * Read the engineer's answer 'text' (any length, one answer; UTF-8, where
 * curly quotes and dashes count as their ASCII forms) against 'ctx' into
 * 'out', which is cleared first. An answer not understood is not an error:
 * it gives PB_STANCE_UNCLEAR with a 'question'. Returns PB_OK, or
 * PB_ERR_USAGE (with 'err' filled, 'out' cleared) when 'text', 'ctx' or
 * 'out' is NULL, and PB_ERR_RUN when memory runs out.
 */
pb_status pb_answer_parse(const char *text, const pb_answer_context *ctx, pb_answer *out,
                          pb_error *err);

/*
 * The names a scenario offers to an answer: its role ids, and its
 * alternatives as "choice.alternative" with their declared kinds (every
 * choice's first alternative, the plan as written, included).
 */
typedef struct pb_answer_names pb_answer_names;

/*
 * Collect the names of 's' (which must outlive nothing: they are copied)
 * into a new *out, to free with pb_answer_names_free. PB_ERR_RUN when
 * memory runs out (then *out is NULL), PB_ERR_USAGE for a NULL argument.
 */
pb_status pb_answer_names_new(const pb_scenario *s, pb_answer_names **out, pb_error *err);

/* Free 'n'; NULL is a no-op. */
void pb_answer_names_free(pb_answer_names *n);

/*
 * Clear 'ctx' and fill what the scenario gives: its time unit, calendar
 * days per unit (7 / working days a week for a scenario in days with a
 * working calendar), currency, roles and alternatives, borrowed from 'n'
 * (and 's') for as long as they live; the deal now is the scenario's ask
 * (deadline, budget and team size). The move's fields stay for the caller.
 */
void pb_answer_context_init(pb_answer_context *ctx, const pb_scenario *s, const pb_answer_names *n);

/* "hold", "counter", "concede", "ask-interest", "ask-time", "command" or "unclear". */
const char *pb_stance_name(pb_stance s);

#endif
