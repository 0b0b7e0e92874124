/*
 * import.h - task lists from elsewhere turned into a scenario skeleton.
 *
 * A spreadsheet or tracker export (CSV or TSV, read with libcsv) or an
 * mcprojsim project file (YAML, read with libyaml) is read into an in-memory
 * task table: one pb_import_task per row or task, dependencies resolved to
 * ids, estimates converted to one scenario unit. pb_import_write() turns the
 * table into the text of a libconfig scenario that pb_scenario_load()
 * accepts, with a "# set this: ..." comment on every value the importer
 * invented. The mapping report (which column became what, what was left out
 * and why) is kept as data, a list of lines, for the caller to show. The
 * library never prints; docs/import.md has the mapping tables.
 */
#ifndef PUSHBACK_IMPORT_H
#define PUSHBACK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pushback/error.h>

typedef enum pb_import_from {
    PB_IMPORT_AUTO = 0,  /* CSV with the separator detected (',', ';' or tab) */
    PB_IMPORT_CSV,       /* CSV, separator ',' or ';' detected */
    PB_IMPORT_TSV,       /* tab-separated */
    PB_IMPORT_MCPROJSIM, /* an mcprojsim project file (YAML) */
} pb_import_from;

typedef enum pb_import_unit {
    PB_IMPORT_UNIT_DEFAULT = 0, /* weeks for CSV and TSV, days for mcprojsim */
    PB_IMPORT_DAYS,
    PB_IMPORT_WEEKS,
    PB_IMPORT_MONTHS,
} pb_import_unit;

typedef struct pb_import_opts {
    pb_import_from from;
    pb_import_unit unit; /* the scenario's unit; every estimate is converted to it */
} pb_import_opts;

typedef struct pb_import_task {
    char *id;         /* a valid scenario id, unique in the table */
    char *name;       /* one line: runs of white space became one space */
    char **after;     /* ids of the tasks it waits for, no repeats */
    size_t n_after;   /* number of entries in 'after' */
    size_t n_est;     /* 0: no estimate (a placeholder is written), 1: fixed, 3: three-point */
    double est[3];    /* est[0] alone, or low <= likely <= high, in the scenario unit */
    bool triangular;  /* three points sampled as triangular (mcprojsim), else PERT */
    bool effort;      /* person-units of 'role'; else calendar duration */
    char *role;       /* a valid id, or NULL */
    int people_min;   /* people on it, 0 when not given */
    int people_max;   /* >= people_min */
    bool has_cost;    /* 'cost' was given */
    double cost;      /* non-labour money, >= 0 */
    bool optional;    /* may be dropped */
    bool deliverable; /* something the manager sees */
    int line;         /* line of the row or task in the input, 1-based */
} pb_import_task;

typedef struct pb_import_risk {
    char *id;           /* a valid scenario id, unique among the risks */
    char *name;         /* as written, one line */
    double probability; /* in [0, 1] */
    char *milestone;    /* id of the task it delays */
    double delay;       /* added to that task when it fires, in the scenario unit, >= 0 */
    bool has_cost;      /* 'cost' was given */
    double cost;        /* money when it fires, >= 0 */
    int line;           /* line in the input */
} pb_import_risk;

typedef struct pb_import pb_import;

/*
 * Read a task list from 'len' bytes at 'text' (need not end in a NUL);
 * 'file' names the input in messages and in the report (not opened). On
 * success *out is a new table owned by the caller (pb_import_free()). On
 * failure *out is NULL and 'err' names the file, the physical line (quoted
 * newlines counted) and the fix: PB_ERR_INVALID for bad input, PB_ERR_RUN
 * when memory runs out. 'opts' may be NULL (auto-detected CSV, default unit).
 */
pb_status pb_import_parse(const char *text, size_t len, const char *file,
                          const pb_import_opts *opts, pb_import **out, pb_error *err);

/*
 * As pb_import_parse(), reading the file at 'path' (PB_ERR_INVALID when it
 * cannot be read).
 */
pb_status pb_import_load(const char *path, const pb_import_opts *opts, pb_import **out,
                         pb_error *err);

/* Release a table and everything in it. NULL is a no-op. */
void pb_import_free(pb_import *imp);

/* Number of tasks; tasks in input order. Pointers live until pb_import_free(). */
size_t pb_import_n_tasks(const pb_import *imp);
const pb_import_task *pb_import_task_at(const pb_import *imp, size_t i);

/* Number of risks (mcprojsim only); risks in input order. */
size_t pb_import_n_risks(const pb_import *imp);
const pb_import_risk *pb_import_risk_at(const pb_import *imp, size_t i);

/*
 * The mapping report, one line each, without a newline: what was read, which
 * column or field became what, what was left out and why, which values were
 * invented. Strings live until pb_import_free().
 */
size_t pb_import_n_notes(const pb_import *imp);
const char *pb_import_note(const pb_import *imp, size_t i);

/* The scenario unit: "days", "weeks" or "months". */
const char *pb_import_unit_name(const pb_import *imp);

/*
 * Write the scenario text for 'imp' to 'f'. PB_ERR_RUN when writing fails
 * (the caller decides what to do with a partial file).
 */
pb_status pb_import_write(const pb_import *imp, FILE *f, pb_error *err);

/*
 * The scenario text as a new NUL-terminated string in *out (caller frees
 * it with free()); *out is NULL on failure (PB_ERR_RUN).
 */
pb_status pb_import_to_string(const pb_import *imp, char **out, pb_error *err);

#endif
