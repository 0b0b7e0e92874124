/*
 * options.h - command-line parsing for pushback (getopt_long).
 */
#ifndef PUSHBACK_CLI_OPTIONS_H
#define PUSHBACK_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_MD,
    FORMAT_HTML,
    FORMAT_CSV
};

typedef struct cli_opts {
    const char *command;   /* "simulate" or "check" */
    const char *scenario;  /* path */
    size_t iterations;     /* 0: auto */
    size_t max_iterations; /* 0: the library default */
    uint64_t seed;
    unsigned threads;
    int format;
    const char *output; /* NULL: stdout */
    const char *option;
    const char **sets; /* "PATH=VALUE" */
    size_t n_sets;
    const char **drops;
    size_t n_drops;
    const char **pairs; /* compare: "A,B" */
    size_t n_pairs;
    bool quiet, no_detail, color, no_anchor;
    double confidence, deadline, budget; /* seek: NAN when not given */
    const char *rulebook;                /* brief, check: NULL for the default */
    const char *samples;                 /* simulate: per-iteration CSV, or NULL */
    bool force;                          /* overwrite an existing --samples file */
    const char *persona;                 /* rehearse: the manager persona, or NULL */
    const char *answers;                 /* rehearse: the answers file, or NULL (stdin) */
} cli_opts;

/*
 * Parse argv into o. Returns -1 when the command should run, or the exit
 * status to end with: 0 after --help or --version (printed to stdout), 2
 * after a usage error (printed to stderr). Always release o afterwards.
 */
int cli_parse(int argc, char **argv, cli_opts *o);
void cli_opts_release(cli_opts *o);

/*
 * 'pushback help COMMAND ...' becomes 'pushback COMMAND --help' (argv is
 * replaced by a static array), so that every command, including those
 * dispatched before cli_parse, prints its own help. Call it first in main.
 */
void cli_help_redispatch(int *argc, char ***argv);

#endif
