/*
 * commands.h - the table of commands (commands.c) and what it points to.
 *
 * Every command is one row of COMMANDS[]: its name, its one-line summary for
 * 'pushback --help', its usage and help texts (help.c), the flags the common
 * parser accepts for it (options.c), and its run function. A command either
 * takes the common parser's options (run) or parses its own argv (main, like
 * deal, frontier, import, init and track). The formats a command writes are
 * the rows of WRITERS[] (writers.c).
 */
#ifndef PUSHBACK_CLI_COMMANDS_H
#define PUSHBACK_CLI_COMMANDS_H

#include <stdio.h>

#include "options.h"

typedef struct cli_command {
    const char *name;                   /* as typed: "simulate" */
    const char *summary;                /* one line in 'pushback --help' */
    const char *usage;                  /* "usage: pushback NAME ..." lines (help.c) */
    const char *help;                   /* the rest of 'NAME --help' (help.c) */
    unsigned long flags;                /* CLI_F_* the common parser accepts; 0 with 'main' */
    int (*run)(const cli_opts *o);      /* after the common parser; the exit status */
    int (*main)(int argc, char **argv); /* its own parser (argv[0] is NAME); the exit status */
} cli_command;

/* The row of 'name', or NULL when there is no such command. */
const cli_command *cli_command_find(const char *name);

/* Print 'pushback --help' (the commands with their summaries) on 'f'. */
void cli_print_usage(FILE *f);

/* Print 'NAME --help' (its usage, then its help) on stdout. */
void cli_print_help(const cli_command *c);

/*
 * Handle what comes before a command: no argument (the usage on stderr, 2),
 * --help, -h or help (0), --version or -V (0), an unknown command (2).
 * Returns the exit status, or -1 when argv[1] names a command.
 */
int cli_top_level(int argc, char **argv);

/* ==== The run functions the table points to ==== */

int cmd_simulate(const cli_opts *o); /* cmd_simulate.c */
int cmd_compare(const cli_opts *o);  /* cmd_compare.c */
int cmd_seek(const cli_opts *o);     /* cmd_seek.c */
int cmd_brief(const cli_opts *o);    /* cmd_brief.c */
int cmd_rehearse(const cli_opts *o); /* cmd_rehearse.c */
int cmd_check(const cli_opts *o);    /* cmd_check.c */
/* deal.h, import.h, init.h and track.h declare the commands that parse their own argv. */

#endif
