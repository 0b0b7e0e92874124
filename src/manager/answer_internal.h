/*
 * answer_internal.h - the pieces of the answer parser (answer.c) shared
 * between its files: the token stream of answer_lex.c and the word tables
 * of answer_words.c.
 */
#ifndef PUSHBACK_ANSWER_INTERNAL_H
#define PUSHBACK_ANSWER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/scenario.h>

typedef enum pb__tok_kind {
    PB__TOK_WORD, /* letters, digits after a letter, apostrophes: "can't", "p80" */
    PB__TOK_NUM,  /* a number in digits ("300,000", "1.2") or words ("twenty four") */
    PB__TOK_SYM   /* one punctuation character: - [ ] , $ % ? = . and the like */
} pb__tok_kind;

typedef struct pb__tok {
    pb__tok_kind kind;
    double num;    /* PB__TOK_NUM */
    bool spelled;  /* PB__TOK_NUM written in words */
    bool another;  /* PB__TOK_NUM from "another": one more */
    char text[24]; /* lowercase, cut at 23 bytes; the symbol for PB__TOK_SYM */
} pb__tok;

/*
 * Split 'text' into tokens, lowercase, with curly quotes and dashes as their
 * ASCII forms and number words joined into numbers. '-' is always a symbol,
 * so "18-22-30" is 18 - 22 - 30, never a negative number. '*out' is owned by
 * the caller (free); false when memory runs out.
 */
bool pb__answer_lex(const char *text, pb__tok **out, size_t *n_out);

/* The value of a number word ("one".."twenty", "thirty".."ninety", "dozen"), or -1. */
double pb__answer_number_word(const char *w);

/* Calendar days in one time unit word ("week", "wk", "months"...), or 0. */
double pb__answer_time_word(const char *w);

/* The multiplier of a money word ("k" 1e3, "m", "million" 1e6, "bn" 1e9...), or 0. */
double pb__answer_money_word(const char *w);

/* The ISO currency a word or symbol names ("$", "usd", "dollars" -> "usd"), or NULL. */
const char *pb__answer_currency_word(const char *w);

/* True for a word that counts people: "people", "engineers", "fte"... */
bool pb__answer_people_word(const char *w);

/* +1 for "more", "extra", "longer"...; -1 for "less", "fewer", "shorter"...; else 0. */
int pb__answer_direction_word(const char *w);

/* The role id a phrase names, among 'roles' ("machine learning" -> "ml"), or NULL. */
const char *pb__answer_role_synonym(const char *w);

/* Phrases ("ourselves", "third party") that name an alternative of kind 'k'; NULL-ended. */
const char *const *pb__answer_kind_phrases(pb_kind k);

/* The stance phrase lists; each is NULL-ended. */
extern const char *const pb__answer_hold_phrases[];
extern const char *const pb__answer_concede_phrases[];
extern const char *const pb__answer_condition_phrases[];
extern const char *const pb__answer_strong_condition_phrases[];
extern const char *const pb__answer_time_phrases[];
extern const char *const pb__answer_interest_phrases[];
extern const char *const pb__answer_negation_words[];

/* ==== Quantities and choices (answer_read.c) ==== */

#include <pushback/answer.h>

#define PB__ANSWER_MAX_QTY   32
#define PB__ANSWER_MAX_PICKS PB_ANSWER_MAX_PICKS

/* One quantity said: "4 months", "two more ML engineers", "280k", or a bare "30". */
typedef struct pb__qty {
    pb_answer_unit unit; /* PB_UNIT_NONE: a bare number in digits */
    double value;        /* in the scenario's units: time unit, currency, people */
    double said;         /* the number as said: 4 for "4 months" */
    char said_unit[24];  /* the unit word as said: "months", "k", "" */
    int dir;             /* +1 "more", -1 "less", 0 absolute */
    bool negated;        /* after "not", "than", "instead of": what is not offered */
    char role[64];       /* a named role, or "" */
    size_t at;           /* index of its first token */
} pb__qty;

/* Everything answer_read.c found in the tokens. */
typedef struct pb__found {
    pb__qty q[PB__ANSWER_MAX_QTY];
    size_t n_q;
    bool has_range, has_mode, range_bad;
    double lo, mode, hi;
    pb_answer_unit range_unit;
    bool interval_words;              /* "80%", "P80", "confidence" */
    char foreign[8];                  /* a currency other than the scenario's, or "" */
    long picks[PB__ANSWER_MAX_PICKS]; /* indices into the context's alternatives */
    size_t n_picks;                   /* at most one per choice */
    char choice_question[160];        /* when two alternatives fit the words equally */
} pb__found;

/* Find the quantities, the range and the interval words in 'toks'. */
void pb__answer_read(const pb__tok *toks, size_t n, const pb_answer_context *ctx, pb__found *f);

/*
 * The words of 'toks' joined by single spaces, numbers as '#', '-' between
 * two words kept ("in-house"), other punctuation dropped; owned by the
 * caller, NULL when memory runs out.
 */
char *pb__answer_words(const pb__tok *toks, size_t n);

/* Does 'words' (from pb__answer_words) hold 'phrase' as whole words? */
bool pb__answer_has(const char *words, const char *phrase);

/* The first phrase of a NULL-ended list that 'words' holds, or NULL. */
const char *pb__answer_has_any(const char *words, const char *const *phrases);

/* The alternatives 'words' name, by id, id words or kind words, into f->picks. */
void pb__answer_find_choice(const char *words, const pb_answer_context *ctx, pb__found *f);
#endif
