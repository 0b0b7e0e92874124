/*
 * help.h - the usage and help texts of the commands (help.c).
 */
#ifndef PUSHBACK_CLI_HELP_H
#define PUSHBACK_CLI_HELP_H

/* cli_usage_NAME: the usage lines; cli_help_NAME: the rest of 'NAME --help'. */
#define CLI_HELP_TEXT(name) extern const char cli_usage_##name[], cli_help_##name[];

CLI_HELP_TEXT(simulate)
CLI_HELP_TEXT(compare)
CLI_HELP_TEXT(seek)
CLI_HELP_TEXT(deal)
CLI_HELP_TEXT(frontier)
CLI_HELP_TEXT(brief)
CLI_HELP_TEXT(rehearse)
CLI_HELP_TEXT(check)
CLI_HELP_TEXT(import)
CLI_HELP_TEXT(init)
CLI_HELP_TEXT(track)

#endif
