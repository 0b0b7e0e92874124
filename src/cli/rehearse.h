/*
 * rehearse.h - the interactive rehearsal (a CLI concern: it reads lines and
 * prints the conversation).
 */
#ifndef PUSHBACK_CLI_REHEARSE_H
#define PUSHBACK_CLI_REHEARSE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pushback/pushback.h>

typedef struct rehearse_opts {
    bool anchor;      /* ask for the user's own estimate first */
    bool interactive; /* input is a terminal (else answers are echoed) */
    unsigned threads;
    const char *reproduce; /* the command line that reproduces the brief's numbers */
    bool json;             /* -f json: no conversation; *md receives the JSON document */
    const char *persona;   /* its name, or NULL (a rulebook file) */
    uint64_t seed;         /* the order of the moves (--seed) */
    const char *deal_cmd;  /* "pushback deal SCENARIO [--set ...]": the debrief's reproduce line */
    const char *scenario_file;
} rehearse_opts;

/*
 * Run the rehearsal of brief 'b', reading answers from 'in' and writing the
 * conversation to 'out' (nothing with o->json). On success *md owns the
 * Markdown transcript, or the JSON document (free). Returns 0, 1 when
 * memory runs out or the deal cannot be evaluated, or 3 when the scenario
 * asks for no deadline and no budget (said on stderr).
 */
int rehearse_run(FILE *in, FILE *out, const pb_brief *b, const rehearse_opts *o, char **md);

/* The rulebook text of persona 'name' (built in), or NULL for no such persona. */
const char *rehearse_persona(const char *name);

/*
 * "pushback deal SCENARIO --set ... --drop ...", quoted for sh: the start of
 * the debrief's reproduce line. NULL when memory runs out.
 */
char *rehearse_deal_command(const char *scenario, const char *const *sets, size_t n_sets,
                            const char *const *drops, size_t n_drops);

#endif
