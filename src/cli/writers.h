/*
 * writers.h - the output formats and the table of report writers
 * (writers.c): which command writes which format, and with what function.
 */
#ifndef PUSHBACK_CLI_WRITERS_H
#define PUSHBACK_CLI_WRITERS_H

#include <stddef.h>
#include <stdio.h>

#include <pushback/pushback.h>

/* The output formats, in the order messages list them: an id and the name -f takes. */
#define CLI_FORMATS(X)     \
    X(FORMAT_TEXT, "text") \
    X(FORMAT_JSON, "json") \
    X(FORMAT_MD, "md")     \
    X(FORMAT_HTML, "html") \
    X(FORMAT_CSV, "csv")

#define CLI_FORMAT_ID(id, name) id,
enum {
    CLI_FORMATS(CLI_FORMAT_ID) FORMAT_COUNT
};
#undef CLI_FORMAT_ID

/* A report writer: writes 'what' (see below) to 'f'; PB_OK or an error in *err. */
typedef pb_status (*cli_writer)(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err);

/* What each command's writers take as 'what'. */
typedef struct cli_simulated { /* simulate (csv: every iteration) */
    const pb_plan *plan;
    const pb_result *res;
    const pb_outside *outside; /* the reference class of the file's history, or NULL */
} cli_simulated;

typedef struct cli_compared { /* compare */
    const pb_comparison *c;
    const char *const *pairs; /* 2 * n_pairs option names */
    const pb_paired *paired;  /* n_pairs */
    size_t n_pairs;
} cli_compared;

typedef struct cli_tracked { /* track */
    const pb_track_result *r;
    const pb_track_extra *x;
} cli_tracked;

typedef struct cli_checked { /* check */
    const char *name;        /* the scenario as the user named it ("<stdin>" for -) */
    const char *rulebook;    /* its path, or what the built-in one is called */
    size_t n_rules;
    const pb_gap *gaps;
    size_t n_gaps;
    const pb_audit *audit;
    const pb_track_summary *track; /* the file's tracking data (check_track.c), or NULL */
} cli_checked;
/* check's lines on the tracking data (check_track.c); nothing for NULL or none. */
void cli_check_tracking_text(FILE *f, const pb_scenario *s, const pb_track_summary *t);
/* seek: a pb_seek_result; brief: a pb_brief; deal: a pb_deal_result; frontier: a pb_frontier */

/* The writer of 'command' in 'format', or NULL when the command does not write it. */
cli_writer cli_writer_find(const char *command, int format);

/* The FORMAT_* that 'name' names for 'command', or -1 when the command does not write it. */
int cli_format_find(const char *command, const char *name);

/*
 * The formats 'command' writes, as messages list them ("text, json or csv"),
 * into buf (cap bytes, always terminated).
 */
void cli_format_list(const char *command, char *buf, size_t cap);

/*
 * Say that 'command' does not write the format 'arg' ("--format takes text,
 * json or csv, got 'ARG'"), with the hint of cli_usage(hint, ...). Returns 2.
 */
int cli_format_usage(const char *command, const char *hint, const char *arg);

/* The name of FORMAT_* 'format' as -f takes it ("json"). */
const char *cli_format_name(int format);

/* check's text report (cmd_check.c): the summary line, the proposal's gaps, the audit. */
pb_status cli_write_check_text(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err);

#endif
