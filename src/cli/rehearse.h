/*
 * rehearse.h - the interactive rehearsal (a CLI concern: it reads lines and
 * prints the conversation).
 */
#ifndef PUSHBACK_CLI_REHEARSE_H
#define PUSHBACK_CLI_REHEARSE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include <pushback/pushback.h>

typedef struct rehearse_opts {
    bool anchor;      /* ask for the user's own estimate first */
    bool interactive; /* input is a terminal (else answers are echoed) */
    unsigned threads;
    const char *reproduce; /* the command line that reproduces the brief's numbers */
} rehearse_opts;

/*
 * Run the rehearsal of brief 'b', reading answers from 'in' and writing the
 * conversation to 'out'. On success *md owns the Markdown transcript (free).
 * Returns 0, or 1 when memory runs out.
 */
int rehearse_run(FILE *in, FILE *out, const pb_brief *b, const rehearse_opts *o, char **md);

#endif
