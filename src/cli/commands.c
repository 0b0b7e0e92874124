/*
 * commands.c - COMMANDS[]: every command of pushback, one row each, and
 * what is generated from the table: 'pushback --help', the "unknown
 * command" message, 'NAME --help' and 'help NAME' (through options.c), and
 * the check that a flag goes with the command (options.c).
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

#include <pushback/pushback.h>

#include "common.h"
#include "deal.h"
#include "help.h"
#include "import.h"
#include "init.h"
#include "track.h"

/* The flags of each command of the common parser. */
#define F_SIMULATE                                                                             \
    (CLI_F_RUN | CLI_F_MAX_ITER | CLI_F_FORMAT | CLI_F_OUTPUT | CLI_F_OPTION | CLI_F_SAMPLES | \
     CLI_F_FORCE | CLI_F_NO_DETAIL)
#define F_COMPARE                                                                           \
    (CLI_F_RUN | CLI_F_MAX_ITER | CLI_F_FORMAT | CLI_F_OUTPUT | CLI_F_OPTION | CLI_F_PAIR | \
     CLI_F_FORCE)
#define F_SEEK                                                                                    \
    (CLI_F_RUN | CLI_F_FORMAT | CLI_F_OUTPUT | CLI_F_OPTION | CLI_F_CONFIDENCE | CLI_F_DEADLINE | \
     CLI_F_BUDGET | CLI_F_FORCE)
#define F_BRIEF                                                                              \
    (CLI_F_RUN | CLI_F_FORMAT | CLI_F_OUTPUT | CLI_F_OPTION | CLI_F_RULEBOOK | CLI_F_FORCE | \
     CLI_F_FOR | CLI_F_TRACK)
#define F_REHEARSE                                                                               \
    (CLI_F_RUN | CLI_F_FORMAT | CLI_F_OUTPUT | CLI_F_OPTION | CLI_F_RULEBOOK | CLI_F_NO_ANCHOR | \
     CLI_F_FORCE | CLI_F_PERSONA | CLI_F_ANSWERS)
#define F_CHECK (CLI_F_BASE | CLI_F_FORMAT | CLI_F_OPTION | CLI_F_RULEBOOK)

/* clang-format off */
/*
 * To add a command: (1) its run function, in its own file src/cli/NAME.c
 * (declared in commands.h, or in NAME.h when it parses its own argv);
 * (2) its usage and help in help.c (and a CLI_HELP_TEXT line in help.h);
 * (3) a row here: the common parser's flags and 'run', or 0 and 'main';
 * (4) a WRITERS[] row for each format it writes (writers.c); (5) its
 * section in the man page (src/cli/pushback.1) and docs/cli.md.
 */
#define ROW(name, summary, flags, run, main)                                                      \
    {#name, summary, cli_usage_##name, cli_help_##name, flags, run, main}
static const cli_command COMMANDS[] = {
    ROW(simulate, "percentiles of the finish and the cost, chances of meeting the ask", F_SIMULATE, cmd_simulate, NULL),
    ROW(compare, "the base plan and every option side by side on the same draws", F_COMPARE, cmd_compare, NULL),
    ROW(seek, "what it takes: date, budget, people, scope at a confidence", F_SEEK, cmd_seek, NULL),
    ROW(deal, "one deal (date, money, team, scope) evaluated jointly", 0, NULL, cli_deal_main),
    ROW(frontier, "the deals worth offering, the walk-away point, any two of three asks", 0, NULL, cli_frontier_main),
    ROW(brief, "the negotiation brief: the manager's pushback and the answers", F_BRIEF, cmd_brief, NULL),
    ROW(rehearse, "the meeting as a drill: you answer, the evidence follows", F_REHEARSE, cmd_rehearse, NULL),
    ROW(check, "validate a scenario and its rulebook, lint the proposal", F_CHECK, cmd_check, NULL),
    ROW(import, "turn a CSV/TSV task list or a mcprojsim project into a scenario", 0, NULL, cli_import_main),
    ROW(init, "write a first scenario by answering questions", 0, NULL, cli_init_main),
    ROW(track, "re-forecast from actuals: the slip, the buffer, calibration", 0, NULL, cli_track_main),
};
#undef ROW
/* clang-format on */

#define N_COMMANDS (sizeof COMMANDS / sizeof *COMMANDS)

const cli_command *cli_command_find(const char *name)
{
    for (size_t k = 0; k < N_COMMANDS; k++)
        if (!strcmp(COMMANDS[k].name, name))
            return &COMMANDS[k];
    return NULL;
}

void cli_print_usage(FILE *f)
{
    fputs("usage: pushback COMMAND [flags] scenario.cfg   (scenario '-': standard input)\n"
          "       pushback help COMMAND | --help | --version\n"
          "\n"
          "Commands:\n",
          f);
    for (size_t k = 0; k < N_COMMANDS; k++)
        fprintf(f, "  %-10s %s\n", COMMANDS[k].name, COMMANDS[k].summary);
    fputs("\n"
          "Run 'pushback help COMMAND' (or 'pushback COMMAND --help') for its flags.\n"
          "Exit status: 0 done, 1 failure while running, 2 bad usage, 3 invalid scenario.\n",
          f);
}

void cli_print_help(const cli_command *c)
{
    fputs(c->usage, stdout);
    fputs(c->help, stdout);
}

/* The unknown command, with the list of those there are. */
static int unknown_command(const char *name)
{
    char list[512] = "";
    size_t len = 0;
    for (size_t k = 0; k < N_COMMANDS && len < sizeof list; k++) {
        int w = snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", COMMANDS[k].name);
        len += w > 0 ? (size_t)w : 0;
    }
    return cli_usage(NULL, "unknown command '%s' (commands: %s)", name, list);
}

int cli_top_level(int argc, char **argv)
{
    if (argc < 2) {
        cli_print_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        cli_print_usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("pushback %s\n", PB_VERSION);
        return 0;
    }
    return cli_command_find(cmd) ? -1 : unknown_command(cmd);
}
