/*
 * personas.h - the rehearsal's manager personas, built into the binary.
 *
 * The Makefile turns scenarios/rulebooks/{product,finance,techlead}.cfg into
 * byte arrays at build time (build/gen/personas.c): each persona is a
 * rulebook whose rules are chosen and ordered for it.
 */
#ifndef PUSHBACK_CLI_PERSONAS_H
#define PUSHBACK_CLI_PERSONAS_H

typedef struct cli_persona {
    const char *name;          /* "product", "finance", "techlead" */
    const unsigned char *text; /* the rulebook, NUL-terminated */
} cli_persona;

/* Every persona, ended by an entry with a NULL name. */
extern const cli_persona cli_personas[];

#endif
