/*
 * reproduce.h - the command line that reproduces a run, quoted for a POSIX
 * shell, as reports print it.
 */
#ifndef PUSHBACK_CLI_REPRODUCE_H
#define PUSHBACK_CLI_REPRODUCE_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"

/*
 * The command line that runs 'command' on o's scenario with o's --option,
 * --set, --drop, --pair, --deadline, --confidence, --budget and --rulebook,
 * the seed and the iteration count ("auto" with --max-iterations when the
 * run chose it), the format and --no-detail, every argument quoted for sh. Returns a
 * string the caller frees, or NULL when memory runs out.
 */
char *reproduce_line(const cli_opts *o, const char *command, size_t iterations, uint64_t seed);

/*
 * Append 'arg' to the string *buf of length *len (growing it), after a space,
 * quoted for POSIX sh: as is when it holds only characters no shell treats
 * specially, else in single quotes with each ' written as '\''. Returns false
 * when memory runs out (*buf is then freed and NULL).
 */
bool reproduce_quote(char **buf, size_t *len, const char *arg);

#endif
