/*
 * init_internal.h - what the questionnaire's files share: the question
 * table (init_questions.c), the answers (init.c) and the writer
 * (init_write.c). Never installed.
 */
#ifndef PUSHBACK_INIT_INTERNAL_H
#define PUSHBACK_INIT_INTERNAL_H

#include <stddef.h>

#include <pushback/init.h>

/* How a question's default is found once the worked example does not apply. */
enum {
    PB__FB_LAST = 0, /* the example's last entry */
    PB__FB_END,      /* a list's first question: an empty answer ends the list */
    PB__FB_ENTRY,    /* the entry's own id (a milestone's name) */
    PB__FB_PREV_MS,  /* the milestone before this one, or "none" */
    PB__FB_LAST_MS,  /* the last milestone */
    PB__FB_NONE,     /* "none" ("no" for a yes-or-no question) */
    PB__FB_CLAMP,    /* the example's number, moved into the range the answers allow */
};

/* Lists (pb_init_question.list). */
enum {
    PB__LIST_REUSE = 1,
    PB__LIST_DATASETS,
    PB__LIST_APPROACHES,
    PB__LIST_TEAM,
    PB__LIST_MILESTONES,
    PB__LIST_RISKS,
    PB__LIST_HISTORY,
    PB__LISTS
};

extern const pb_init_question pb__init_table[];
extern const size_t pb__init_n;

/* The answer to 'key' for entry k (0 outside lists), or NULL when not given. */
const char *pb__init_get(const pb_init *in, const char *key, size_t k);

/* How many answers 'key' has: the number of entries of a list's first question. */
size_t pb__init_count(const pb_init *in, const char *key);

/* Parse a whole answer as a finite number (strtod, end pointer, no hex). */
bool pb__init_number(const char *text, double *out);

#endif
