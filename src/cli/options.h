/*
 * options.h - the common command-line parser (getopt_long) of the commands
 * whose COMMANDS[] row has a 'run' function: simulate, compare, seek, brief,
 * rehearse and check.
 */
#ifndef PUSHBACK_CLI_OPTIONS_H
#define PUSHBACK_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "writers.h"

/*
 * The flags of the common parser, one bit each: a command's row in
 * COMMANDS[] names the ones it accepts (the others are refused with "does
 * not go with"). CLI_F_BASE are those every such command takes.
 */
enum {
    CLI_F_ITERATIONS = 1ul << 0, /* -n */
    CLI_F_MAX_ITER = 1ul << 1,   /* --max-iterations */
    CLI_F_SEED = 1ul << 2,       /* -s */
    CLI_F_THREADS = 1ul << 3,    /* -t */
    CLI_F_FORMAT = 1ul << 4,     /* -f: the formats are WRITERS[]' rows */
    CLI_F_OUTPUT = 1ul << 5,     /* -o */
    CLI_F_OPTION = 1ul << 6,     /* --option */
    CLI_F_PAIR = 1ul << 7,       /* --pair */
    CLI_F_CONFIDENCE = 1ul << 8, /* --confidence */
    CLI_F_DEADLINE = 1ul << 9,   /* --deadline */
    CLI_F_BUDGET = 1ul << 10,    /* --budget */
    CLI_F_RULEBOOK = 1ul << 11,  /* --rulebook */
    CLI_F_NO_ANCHOR = 1ul << 12, /* --no-anchor */
    CLI_F_SAMPLES = 1ul << 13,   /* --samples */
    CLI_F_FORCE = 1ul << 14,     /* --force */
    CLI_F_NO_DETAIL = 1ul << 15, /* --no-detail */
    CLI_F_BASE = 1ul << 16,      /* -h, -q, --set, --drop, --no-color */
    CLI_F_FOR = 1ul << 17,       /* --for */
    CLI_F_PERSONA = 1ul << 18,   /* --persona */
    CLI_F_ANSWERS = 1ul << 19,   /* --answers */
    CLI_F_TRACK = 1ul << 20,     /* --actuals, --as-of, --calibration */
    CLI_F_RUN = CLI_F_ITERATIONS | CLI_F_SEED | CLI_F_THREADS | CLI_F_BASE /* every simulation */
};

typedef struct cli_opts {
    const char *command;   /* "simulate", "check", ... */
    const char *scenario;  /* path */
    size_t iterations;     /* 0: auto */
    size_t max_iterations; /* 0: the library default */
    uint64_t seed;
    unsigned threads;
    int format;         /* FORMAT_* */
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
    bool for_manager;                    /* brief --for manager: the proposal page */
    bool force;                          /* overwrite an existing --samples file */
    const char *persona;                 /* rehearse: the manager persona, or NULL */
    const char *answers;                 /* rehearse: the answers file, or NULL (stdin) */
    const char *actuals, *calibration;   /* brief: CSV files over the scenario's, or NULL */
    const char *as_of;                   /* brief: the actuals' date, or NULL */
} cli_opts;

struct cli_command;

/*
 * Parse argv (argv[1] is the command 'cmd') into o, accepting the flags of
 * cmd's row. Returns -1 when the command should run, or the exit status to
 * end with: 0 after --help (printed to stdout), 2 after a usage error
 * (printed to stderr). Always release o afterwards.
 */
int cli_parse(int argc, char **argv, const struct cli_command *cmd, cli_opts *o);
void cli_opts_release(cli_opts *o);

/*
 * 'pushback help COMMAND ...' becomes 'pushback COMMAND --help' (argv is
 * replaced by a static array), so that every command, including those
 * that parse their own argv, prints its own help. Call it first in main.
 */
void cli_help_redispatch(int *argc, char ***argv);

#endif
