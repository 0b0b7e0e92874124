/*
 * track.h - the 'pushback track' command (src/cli/track.c).
 */
#ifndef PUSHBACK_CLI_TRACK_H
#define PUSHBACK_CLI_TRACK_H

/*
 * Run 'pushback track' with argv[0] == "track": parse its own options, read
 * the scenario and its actuals, re-forecast and print the report. Returns
 * the exit status (0, 1, 2 or 3).
 */
int cli_track_main(int argc, char **argv);

#endif
