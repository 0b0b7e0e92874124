/*
 * rehearsal.h - the rehearsal as a negotiation (NEGOTIATION.md, section 6):
 * the session holds the current deal, the manager (the brief's moves, from a
 * persona's rulebook) picks the next move from it, every answer is read
 * (answer.h) and may change the deal, every change is evaluated jointly
 * (pb_deal_evaluate on the brief's seed), and the session ends with a
 * debrief: the final deal evaluated, set against the engineer's ask and the
 * walk-away point, and a score on a stated rubric with the line to say
 * instead for each weak turn.
 *
 * Everything here is a pure function of the brief, the options and the
 * answers: a script of answers replays to the same turns, deals and score.
 * The library never prints; the CLI (src/cli/rehearse.c) owns the terminal
 * and the transcript.
 */
#ifndef PUSHBACK_REHEARSAL_H
#define PUSHBACK_REHEARSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pushback/answer.h>
#include <pushback/deal.h>
#include <pushback/error.h>
#include <pushback/report.h>
#include <pushback/rules.h>

#define PB_REHEARSAL_MAX_ASKED  3    /* a move is asked at most this many times */
#define PB_REHEARSAL_ITERATIONS 8192 /* per deal evaluated (pushback deal's first round) */
#define PB_REHEARSAL_TURN_MAX   4    /* points a turn can earn */

/* The rubric's items: bits of pb_turn_score.met and .failed. */
enum {
    PB_RUBRIC_NUMBER = 1,    /* quoted a number (met: +1) */
    PB_RUBRIC_INTERVAL = 2,  /* quoted its interval (met: +1) */
    PB_RUBRIC_RIGHT = 4,     /* the number was right: the simulation backs it (met: +1) */
    PB_RUBRIC_CONCEDE = 8,   /* conceded when the numbers backed the manager (met: +1;
                                failed: conceded against them, -2) */
    PB_RUBRIC_LOWERED = 16,  /* failed: lowered the date or the money without changing an
                                input (-2) */
    PB_RUBRIC_TRADE = 32,    /* offered a trade: a change of the team, an alternative or the
                                scope for the date or the money (met: +1) */
    PB_RUBRIC_INTEREST = 64, /* asked about the interest behind the move (met: +1) */
    PB_RUBRIC_N = 7
};

typedef struct pb_rehearsal_opts {
    const char *persona; /* its name, for the record ("product") */
    uint64_t seed;       /* the order of the moves after the opening; 0: the brief's */
    size_t iterations;   /* per deal; 0: PB_REHEARSAL_ITERATIONS */
    unsigned threads;
} pb_rehearsal_opts;

void pb_rehearsal_opts_init(pb_rehearsal_opts *o);

typedef struct pb_turn_score {
    int points, max;
    unsigned met, failed; /* PB_RUBRIC_* */
    char note[320];       /* what went well or wrong, with the numbers */
} pb_turn_score;

/* One turn: the manager's words, the answer, what was read, the deal after it. */
typedef struct pb_turn {
    size_t move;                /* index into the brief's arguments */
    const char *move_id;        /* the rule's id (borrowed from the brief) */
    int times_asked;            /* 1: first time; 2, 3: the manager pressed again */
    char *says;                 /* the manager's words, reaction to the last turn included */
    char *answer;               /* the engineer's line */
    pb_answer read;             /* what the answer means */
    char *reply;                /* the manager's reaction ("Good, 24 weeks then."), or NULL */
    bool changed;               /* the deal changed in this turn (then 'owned' is the new deal) */
    pb_deal_result *owned;      /* the deal evaluated in this turn, or NULL */
    const pb_deal_result *deal; /* the deal after the turn (borrowed from the session) */
    char *deal_line; /* one line: date, people, budget, choices, P(all) with its interval */
    pb_turn_score score;
    char *advice; /* the line to say instead (the prep sheet's), when weak; or NULL */
} pb_turn;

typedef struct pb_rehearsal pb_rehearsal;

/*
 * Start a rehearsal of brief 'b' (its scenario, moves and seed; 'b' must
 * outlive the session). The deal starts as the engineer's ask and is
 * evaluated at once. *out owns the session (pb_rehearsal_free). Errors as
 * pb_deal_evaluate (PB_ERR_USAGE: the scenario asks for no deadline and no
 * budget).
 */
pb_status pb_rehearsal_start(const pb_brief *b, const pb_rehearsal_opts *o, pb_rehearsal **out,
                             pb_error *err);
void pb_rehearsal_free(pb_rehearsal *r);

/*
 * The manager's next words (the reaction to the last answer first, then
 * the move), or NULL when every move is settled or the session was ended.
 * Borrowed until the next call.
 */
const char *pb_rehearsal_next(pb_rehearsal *r);

/*
 * Take the engineer's answer to the words pb_rehearsal_next() gave, already
 * read with pb_answer_parse (pb_rehearsal_context gives its context). A
 * command is not an answer: PB_ERR_USAGE. An ambiguous or unclear answer
 * is recorded and the manager asks 'question' back. Errors of the deal's
 * evaluation as pb_deal_evaluate (an answer naming an impossible deal gives
 * PB_ERR_USAGE or PB_ERR_INVALID and changes nothing).
 */
pb_status pb_rehearsal_answer(pb_rehearsal *r, const char *line, const pb_answer *a, pb_error *err);

/* The context to read the next answer in (the move's asks, the deal now). */
void pb_rehearsal_context(const pb_rehearsal *r, pb_answer_context *ctx);

/* The move being asked (borrowed from the brief), or NULL when none is left. */
const pb_argument *pb_rehearsal_move(pb_rehearsal *r);

/* Pass over the move being asked ('skip'): it is not scored. */
void pb_rehearsal_skip(pb_rehearsal *r);

/* End the session (quit): pb_rehearsal_next() gives NULL from now on. */
void pb_rehearsal_end(pb_rehearsal *r);

/* The turns so far (borrowed) and the deal now (never NULL after a successful start). */
const pb_turn *pb_rehearsal_turns(const pb_rehearsal *r, size_t *n);
const pb_deal_result *pb_rehearsal_deal(const pb_rehearsal *r);

/* The deal now in one line (date, people, budget, choices, P(all) with its interval); owned. */
char *pb_rehearsal_deal_line(const pb_rehearsal *r);

/* The debrief, computed from the turns: the final deal set against the ask. */
typedef struct pb_debrief {
    const pb_deal_result *deal; /* the final deal (borrowed from the session) */
    const pb_deal_result *ask;  /* the engineer's ask, as evaluated at the start (borrowed) */
    double walk_away;           /* the brief's: no deal reaches the confidence before it */
    int score, max_score;
    size_t counts[PB_RUBRIC_N][2]; /* per rubric item: turns that met it, turns that failed it */
    char *summary;                 /* the deal in words, with its joint probability (owned) */
    char *reproduce;               /* 'pushback deal' flags of the final deal (owned) */
} pb_debrief;

/*
 * The debrief of the session so far. 'prefix' starts the reproduce line
 * ("pushback deal scenarios/fcw.cfg"). *out owns it (pb_debrief_free).
 * PB_ERR_RUN when memory runs out.
 */
pb_status pb_rehearsal_debrief(const pb_rehearsal *r, const char *prefix, pb_debrief **out,
                               pb_error *err);
void pb_debrief_free(pb_debrief *d);

/* A rubric item's name ("quoted a number") and points, i from 0 to PB_RUBRIC_N - 1. */
const char *pb_rubric_name(size_t i);
int pb_rubric_points(size_t i, bool met);

/*
 * Write the session as JSON (docs/rehearse.md: {"turns": [...], "debrief":
 * {...}}; each "deal" in the shape of 'pushback deal -f json'). PB_ERR_RUN
 * when writing fails.
 */
pb_status pb_report_rehearsal_json(FILE *f, const pb_report_ctx *ctx, const pb_rehearsal *r,
                                   const pb_debrief *d, pb_error *err);

#endif
