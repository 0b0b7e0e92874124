/*
 * deal.h - the 'deal' and 'frontier' commands, each with its own option
 * parsing, run through their rows of COMMANDS[] (commands.c).
 */
#ifndef PUSHBACK_CLI_DEAL_H
#define PUSHBACK_CLI_DEAL_H

/* Run 'pushback deal ...' (argv[0] is "deal"); returns the exit status. */
int cli_deal_main(int argc, char **argv);

/* Run 'pushback frontier ...' (argv[0] is "frontier"); returns the exit status. */
int cli_frontier_main(int argc, char **argv);

#endif
