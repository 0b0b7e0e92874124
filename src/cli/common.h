/*
 * common.h - what every command of the command line shares: printing a
 * library error or a usage error, reading numbers from flags, the default
 * thread count and growing an argument list.
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

/* Print 'e' (cli_print_error) and return its exit status: its code, or 1 when it has none. */
int cli_fail(const pb_error *e);

/*
 * Print a usage error on stderr, 'pushback: MESSAGE', then the hint
 * "try 'pushback COMMAND --help'" ('pushback --help' when command is NULL).
 * Returns 2, the exit status of bad usage.
 */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A finite number, all of 's' read by strtod; false (and *out untouched) otherwise. */
bool cli_real(const char *s, double *out);

/* A whole number in [lo, hi], all of 's' read by strtol; false (and *out untouched) otherwise. */
bool cli_long(const char *s, long lo, long hi, long *out);

/* The default worker thread count: the cores online, 1 to 64. */
unsigned cli_default_threads(void);

/* Append 's' (not copied) to the array *v of *n strings; false when out of memory. */
bool cli_push(const char ***v, size_t *n, const char *s);

#endif
