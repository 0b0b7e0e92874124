/*
 * init.h - the questionnaire behind 'pushback init': a first scenario from
 * answers to the questions a manager asks about a proposal, in that order.
 *
 * The questions are a fixed table (pb_init_questions). Some of them repeat
 * as a list (milestones, risks, the team, datasets ...): the list's first
 * question starts an entry, an empty answer where no default is left (or
 * "-") ends the list, and the other questions of the list are then asked
 * for that entry. Every question has a default taken from a worked example
 * (a small ML project); answering every question with its default gives that
 * example, which is what 'pushback init --defaults' writes. Once an answer
 * in a list differs from the example's, the rest of that list gets defaults
 * derived from the answers (the entry's id as its name, the previous
 * milestone as its predecessor) and an empty first answer ends the list.
 *
 * The library checks each answer as it is given (numbers, probabilities,
 * ids, references to earlier milestones, low <= likely <= high) and says in
 * one line why an answer was refused; it never prints or reads input. The
 * caller asks, reads and decides whether to ask again.
 */
#ifndef PUSHBACK_INIT_H
#define PUSHBACK_INIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pushback/error.h>

/* What an answer must be. */
typedef enum pb_init_kind {
    PB_INIT_TEXT,       /* any text: at most 4,096 bytes of UTF-8 */
    PB_INIT_OPT_TEXT,   /* a text, or "none" to leave it out */
    PB_INIT_TEXTS,      /* texts separated by ';', or "none" */
    PB_INIT_ID,         /* an id new in its list: letters, digits, '_', '-' */
    PB_INIT_NUMBER,     /* a number >= 0 */
    PB_INIT_POSITIVE,   /* a number > 0 */
    PB_INIT_COUNT,      /* a whole number >= 1 */
    PB_INIT_PROB,       /* a probability in [0, 1] */
    PB_INIT_CONFIDENCE, /* a probability in (0, 1) */
    PB_INIT_YESNO,      /* yes or no (y, n, true, false) */
    PB_INIT_CHOICE,     /* one of the words in 'choices' */
    PB_INIT_DATE,       /* YYYY-MM-DD, or "none" */
    PB_INIT_AFTER,      /* earlier milestone ids separated by ',' or spaces, or "none" */
    PB_INIT_ROLE,       /* a role of the team, or "none" (a calendar duration) */
    PB_INIT_MILESTONE,  /* the id of a milestone */
    PB_INIT_HIGH,       /* the latest plausible value of an estimate, >= 0 */
    PB_INIT_LOW,        /* the earliest, <= the latest */
    PB_INIT_LIKELY,     /* the likely value, between the earliest and the latest */
} pb_init_kind;

#define PB_INIT_EXAMPLES 6 /* at most this many example entries per list */

/* One question of the table. All strings are static. */
typedef struct pb_init_question {
    const char *key;     /* where the answer goes, e.g. "proposal.idea", "milestones.after" */
    const char *section; /* the section it belongs to, e.g. "1. The idea and its value" */
    const char *prompt;  /* the question, without its default */
    const char *hint;    /* one line: what a good answer looks like */
    pb_init_kind kind;
    const char *choices; /* PB_INIT_CHOICE: the words allowed, separated by '|'; else NULL */
    int list;            /* 0, or the list it repeats in (questions of a list are adjacent) */
    bool starts;         /* the list's first question: an answer starts an entry */
    int fallback;        /* internal: how a default is derived beyond the example */
    const char *example[PB_INIT_EXAMPLES]; /* the worked example: one per entry of its list */
} pb_init_question;

/* The questionnaire being answered. */
typedef struct pb_init pb_init;

/* The question table, in the order asked; *n gets its length. Static. */
const pb_init_question *pb_init_questions(size_t *n);

/*
 * A new questionnaire at its first question. Returns NULL when memory runs
 * out. Free with pb_init_free.
 */
pb_init *pb_init_new(void);

/* Free a questionnaire and its answers. NULL is a no-op. */
void pb_init_free(pb_init *in);

/*
 * The question to answer now, or NULL when the questionnaire is complete.
 * The pointer is into the static table.
 */
const pb_init_question *pb_init_next(const pb_init *in);

/*
 * The question to answer now as the user reads it, into buf (size n): for a
 * list, the entry's number first ("Milestone 2: ..."), and the unit of a
 * time or an amount of money ("deadline, in weeks"). "" when complete.
 */
void pb_init_prompt(const pb_init *in, char *buf, size_t n);

/*
 * The answer an empty line gives now: the worked example's, or one derived
 * from the answers so far. "" when an empty line ends a list, or (rarely)
 * when there is no valid default and an answer must be typed. The pointer is
 * valid until the next call on 'in'.
 */
const char *pb_init_default(pb_init *in);

/*
 * Answer the current question with 'text' (leading and trailing blanks are
 * ignored; "" takes the default, and "-" at a list's first question ends the
 * list). On success the questionnaire moves on. A refused answer gives
 * PB_ERR_INVALID with the reason in err->msg (no file, line 0) and changes
 * nothing; PB_ERR_RUN when memory runs out.
 */
pb_status pb_init_answer(pb_init *in, const char *text, pb_error *err);

/*
 * Answer every remaining question with its default. PB_ERR_INVALID (the
 * question's key in the message) when a question has no valid default.
 */
pb_status pb_init_fill_defaults(pb_init *in, pb_error *err);

/*
 * Write the answers of a complete questionnaire to 'out' as a commented
 * scenario (format version 1) that pb_scenario_load accepts: every text
 * escaped for libconfig, every section with a comment on what it is for and
 * how to refine it. PB_ERR_USAGE when the questionnaire is not complete;
 * PB_ERR_RUN when writing fails.
 */
pb_status pb_init_write(const pb_init *in, FILE *out, pb_error *err);

/*
 * Write 's' to 'out' as a libconfig string literal, quotes included:
 * '"' and '\' escaped, newlines, tabs and other control characters as
 * escapes. NULL writes "".
 */
void pb_init_write_string(FILE *out, const char *s);

#endif
