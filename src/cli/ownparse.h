/*
 * ownparse.h - what the commands that parse their own argv (deal, frontier,
 * track) share: the getopt_long loop with -h and the bad-flag message, and
 * the flags of a simulation run (-n, -s, -t, -f) with their ranges.
 */
#ifndef PUSHBACK_CLI_OWNPARSE_H
#define PUSHBACK_CLI_OWNPARSE_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

/* cli_run_flag's answer for a flag that is not one of its own. */
#define CLI_FLAG_OTHER (-2)

/* Where cli_run_flag stores the values it reads. */
typedef struct cli_run_values {
    size_t *iterations; /* -n: 1 to 10^8 */
    uint64_t *seed;     /* -s: 0 to 2^31 - 1 */
    unsigned *threads;  /* -t: 1 to 64 */
    int *format;        /* -f: a FORMAT_* that 'command' writes (writers.c) */
} cli_run_values;

/*
 * Read flag 'ch' ('n', 's', 't' or 'f') of 'command' with value 'arg' into
 * v. Returns -1 when read, 2 after a usage error naming the flag and its
 * range, or CLI_FLAG_OTHER for any other flag.
 */
int cli_run_flag(const char *command, int ch, const char *arg, const cli_run_values *v);

/*
 * Run getopt_long over argv (argv[0] is the command) with 'shorts' and
 * 'longs', calling one(ctx, ch, optarg) for every flag but -h (which prints
 * the command's help: 0) and a bad or incomplete one (a usage error: 2).
 * Returns -1 when every flag was read (optind is then at the first operand),
 * else the exit status that 'one' or the loop returned.
 */
int cli_getopt_loop(const char *command, int argc, char **argv, const char *shorts,
                    const struct option *longs, int (*one)(void *ctx, int ch, const char *arg),
                    void *ctx);

/*
 * After cli_getopt_loop: the one operand (the scenario) into *path and -1,
 * or a usage error (2) when there is none or more than one.
 */
int cli_one_operand(const char *command, int argc, char **argv, const char **path);

#endif
