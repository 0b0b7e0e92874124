/*
 * init.h - 'pushback init': the questionnaire on the command line (a CLI
 * concern: it prompts, edits lines with libedit and writes the file).
 */
#ifndef PUSHBACK_CLI_INIT_H
#define PUSHBACK_CLI_INIT_H

/*
 * Run 'pushback init' with its own arguments (argv[0] is "init"). Returns
 * the exit status: 0 written, 1 failure while running (or cancelled at the
 * terminal), 2 bad usage (an existing output without --force), 3 an
 * unreadable, short or invalid answers file.
 */
int cli_init_main(int argc, char **argv);

#endif
