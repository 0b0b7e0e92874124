/*
 * import.h - the 'pushback import' command (src/cli/import.c).
 */
#ifndef PUSHBACK_CLI_IMPORT_H
#define PUSHBACK_CLI_IMPORT_H

/*
 * Run 'pushback import' with argv[0] == "import": parse its own options,
 * read the task list, write the scenario and print the mapping report on
 * stderr. Returns the exit status (0, 1, 2 or 3).
 */
int cli_import_main(int argc, char **argv);

#endif
