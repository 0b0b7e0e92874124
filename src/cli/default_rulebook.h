/*
 * default_rulebook.h - the default manager, built into the binary.
 *
 * The Makefile turns scenarios/rulebooks/manager.cfg into a byte array at
 * build time (build/gen/default_rulebook.c), so an installed pushback never
 * looks for a data folder. The array ends with a NUL byte not counted in
 * the length.
 */
#ifndef PUSHBACK_CLI_DEFAULT_RULEBOOK_H
#define PUSHBACK_CLI_DEFAULT_RULEBOOK_H

#include <stddef.h>

/* What 'pushback' calls the built-in rulebook in messages and reports. */
#define PB_CLI_DEFAULT_RULEBOOK_NAME "manager.cfg (built in)"

extern const unsigned char pb_cli_default_rulebook[];
extern const size_t pb_cli_default_rulebook_len;

#endif
