/*
 * ownparse.c - the shared parts of the commands' own parsers (ownparse.h):
 * one getopt_long loop and the flags of a simulation run.
 */
#include "ownparse.h"

#include <stdio.h>

#include "commands.h"
#include "common.h"
#include "writers.h"

int cli_run_flag(const char *command, int ch, const char *arg, const cli_run_values *v)
{
    long k;
    switch (ch) {
    case 'n':
        if (!cli_long(arg, 1, 100000000, &k))
            return cli_usage(command, "-n needs a whole number in [1, 100000000], got '%s'", arg);
        *v->iterations = (size_t)k;
        return -1;
    case 's':
        if (!cli_long(arg, 0, 2147483647L, &k))
            return cli_usage(command, "--seed needs a whole number >= 0, got '%s'", arg);
        *v->seed = (uint64_t)k;
        return -1;
    case 't':
        if (!cli_long(arg, 1, 64, &k))
            return cli_usage(command, "--threads needs a whole number in [1, 64], got '%s'", arg);
        *v->threads = (unsigned)k;
        return -1;
    case 'f':
        *v->format = cli_format_find(command, arg);
        return *v->format >= 0 ? -1 : cli_format_usage(command, command, arg);
    default:
        return CLI_FLAG_OTHER;
    }
}

int cli_getopt_loop(const char *command, int argc, char **argv, const char *shorts,
                    const struct option *longs, int (*one)(void *ctx, int ch, const char *arg),
                    void *ctx)
{
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (ch == 'h') {
            cli_print_help(cli_command_find(command));
            return 0;
        }
        if (ch == '?' || ch == ':')
            return cli_usage(command, "bad or incomplete option '%s'", argv[optind - 1]);
        int rc = one(ctx, ch, optarg);
        if (rc >= 0)
            return rc;
    }
    return -1;
}

int cli_one_operand(const char *command, int argc, char **argv, const char **path)
{
    if (optind != argc - 1)
        return cli_usage(command, "%s",
                         optind >= argc ? "no scenario file given" : "give one scenario file");
    *path = argv[optind];
    return -1;
}
