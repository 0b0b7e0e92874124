/*
 * run.h - what the commands of the common parser share once it has run
 * (run.c): the interrupt flag, loading the scenario and the rulebook with
 * the edits of the command line, the options of a simulation, and writing a
 * report through output.c.
 */
#ifndef PUSHBACK_CLI_RUN_H
#define PUSHBACK_CLI_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include <pushback/pushback.h>

#include "options.h"
#include "writers.h"

/* Set by the first SIGINT, SIGTERM or SIGHUP (main.c): stop at the next block. */
extern volatile sig_atomic_t cli_interrupted;

/* Say "pushback: out of memory" on stderr; returns 1. */
int cli_out_of_memory(void);

/* The scenario file, or standard input for "-" (named "<stdin>" in errors). */
pb_status cli_scenario_open(const cli_opts *o, pb_scenario **s, pb_error *e);

/*
 * Load the scenario and apply --option, --set and --drop in that order. On
 * success *out owns the scenario (pb_scenario_free) and 0 is returned; else
 * the error is printed and its exit status returned (*out untouched).
 */
int cli_load_scenario(const cli_opts *o, pb_scenario **out);

/*
 * Load the rulebook: --rulebook, else the scenario's 'rulebook' (relative to
 * the scenario's folder), else the default built into the binary. 'name'
 * (cap bytes) receives what reports call it. *rb is owned by the caller.
 */
pb_status cli_load_rulebook(const cli_opts *o, const pb_scenario *s, pb_rulebook **rb, char *name,
                            size_t cap, pb_error *e);

/*
 * Refuse, before any work, a report that would overwrite an input: the
 * scenario, the rulebook (NULL: none), the --samples file, or standard input
 * when a file is read from it; and a read-only file without --force. 0 or 2.
 */
int cli_guard_output(const cli_opts *o, const char *target, const char *rulebook, bool reads_stdin);

/* The simulation options of the command line (cancelled by cli_interrupted). */
void cli_sim_opts(const cli_opts *o, pb_sim_opts *so);

/*
 * Write a report with 'w' to 'target' (complete or not at all) or stdout;
 * 'keep' false throws a finished file away (an interrupted run). Returns 0 or 1.
 */
int cli_write_report(const char *target, cli_writer w, const pb_report_ctx *ctx, const void *what,
                     bool keep);

/*
 * Load the scenario (cli_load_scenario) and the rulebook (cli_load_rulebook),
 * refuse a 'target' that is one of them (cli_guard_output; rehearse reads
 * standard input) and compute the brief. Returns 0 with *s, *rb and *b owned
 * by the caller (free all three, also after an error), or the exit status
 * after printing why.
 */
int cli_make_brief(const cli_opts *o, const char *target, pb_scenario **s, pb_rulebook **rb,
                   pb_brief **b);

#endif
