/*
 * common.h - what every command of the command line shares: printing a
 * library error and growing an argument list.
 */
#ifndef PUSHBACK_CLI_COMMON_H
#define PUSHBACK_CLI_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/pushback.h>

/*
 * Print 'e' on stderr as 'pushback: FILE:LINE: message' (or without the
 * parts it lacks). The file and message may quote input, so control
 * characters are replaced and no terminal escape sequence gets through.
 */
void cli_print_error(const pb_error *e);

/* Append 's' (not copied) to the array *v of *n strings; false when out of memory. */
bool cli_push(const char ***v, size_t *n, const char *s);

#endif
