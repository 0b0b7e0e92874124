/*
 * import_internal.h - pieces of the import module shared by its source files:
 * import.c (the task table, ids, dependencies, cycles), import_value.c
 * (cells: numbers, units, flags, column names), import_csv.c (CSV and TSV
 * with libcsv), import_yaml.c (mcprojsim with libyaml) and import_write.c
 * (the scenario text). Never installed.
 */
#ifndef PUSHBACK_IMPORT_INTERNAL_H
#define PUSHBACK_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/import.h>

#include "base/idmap.h"

#define PB__HOURS_PER_DAY   8.0
#define PB__DAYS_PER_WEEK   5.0
#define PB__WEEKS_PER_MONTH (52.0 / 12.0)

/* A dependency as written, resolved once every task has its id. */
typedef struct pb__import_ref {
    size_t task;  /* index of the row that holds the reference */
    char *text;   /* the cell, trimmed */
    bool reverse; /* the cell names tasks that wait for this one (Jira "blocks") */
    int line;
} pb__import_ref;

struct pb_import {
    char *file; /* as given, for messages */
    char *name; /* the project's name when the input has one, else NULL */
    char *start;
    char *currency;
    pb_import_unit unit;
    const char *source; /* "CSV", "TSV", "mcprojsim YAML" */
    pb_import_task *tasks;
    size_t n_tasks, cap_tasks;
    char **raw_ids; /* per task: the id cell as written, or NULL */
    pb_import_risk *risks;
    size_t n_risks, cap_risks;
    pb__import_ref *refs;
    size_t n_refs, cap_refs;
    char **notes;
    size_t n_notes, cap_notes;
    size_t n_placeholders; /* tasks written with an invented estimate */
    bool added_finish;     /* a milestone the importer added (mcprojsim project risks) */
    bool row_numbers;      /* no id column: a number in a dependency cell is a task's row */
    size_t n_row_refs;     /* dependencies resolved as row numbers */
    size_t n_link_types;   /* dependencies whose "FS+2d" link type and lag were dropped */
    pb__idmap ids;         /* id -> index of the first n_mapped tasks (borrowed keys) */
    size_t n_mapped;
};

/* Column meanings of a CSV header cell. */
typedef enum pb__import_col {
    PB__COL_NONE = 0,
    PB__COL_ID,
    PB__COL_NAME,
    PB__COL_AFTER,  /* names predecessors */
    PB__COL_BLOCKS, /* names successors */
    PB__COL_LOW,
    PB__COL_LIKELY,
    PB__COL_HIGH,
    PB__COL_ESTIMATE,
    PB__COL_SECONDS, /* Jira 'Original estimate': seconds of work */
    PB__COL_EFFORT,
    PB__COL_DURATION,
    PB__COL_KIND,
    PB__COL_ROLE,
    PB__COL_PEOPLE,
    PB__COL_COST,
    PB__COL_OPTIONAL,
    PB__COL_DELIVERABLE,
} pb__import_col;

/* ==== import.c ==== */

/* Append a task (zeroed, with 'line') and return it, or NULL when out of memory. */
pb_import_task *pb__import_add_task(pb_import *imp, int line, const char *raw_id, const char *name);
/* Record dependency text for task 'task'. False when out of memory. */
bool pb__import_add_ref(pb_import *imp, size_t task, const char *text, bool reverse, int line);
/* Append a printf-style line to the report. False when out of memory. */
bool pb__import_note(pb_import *imp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Give every task a unique valid id (kept, or a slug of its id or name). */
pb_status pb__import_assign_ids(pb_import *imp, pb_error *err);
/* Resolve the references to ids, refuse unknown ones and cycles. */
pb_status pb__import_resolve(pb_import *imp, pb_error *err);
/*
 * Fill order[] (n_tasks entries) with every task after all the tasks it
 * waits for; refuse a cycle, naming it, at the line of a task in it.
 */
pb_status pb__import_order(const pb_import *imp, size_t *order, pb_error *err);
/* Index of the task whose id, id as written or name is 'word', or SIZE_MAX. */
size_t pb__import_find(const pb_import *imp, const char *word);
/* A new string: 'text' lowercased, runs outside [a-z0-9_-] as one '-'; "" when nothing is left. */
char *pb__import_slug(const char *text);
/* A new string: 'text' trimmed, runs of white space (newlines too) as one space. */
char *pb__import_one_line(const char *text);
/* True when 'id' is a valid scenario id (letters, digits, '_', '-'; 1 to 128 characters). */
bool pb__import_valid_id(const char *id);
/* The unit's length in working days (8-hour days, 5-day weeks). */
double pb__import_unit_days(pb_import_unit unit);

/* ==== import_value.c ==== */

/* What header cell 'header' means; *unit_days is the unit its parentheses name, or 0. */
pb__import_col pb__import_column(const char *header, double *unit_days);
/* The name of a column meaning, for the report. */
const char *pb__import_col_name(pb__import_col col);
/* A unit word ("h", "days", "wk", "months" ...) in working days, or 0 when not one. */
double pb__import_unit_word(const char *word);
/*
 * Parse one number in 'text' (trimmed; a decimal comma is accepted when
 * comma_decimal), with an optional unit suffix converted from working days to
 * 'to_days'; 'col_days' is the unit when there is no suffix (0: the scenario
 * unit). False when it is not one number.
 */
bool pb__import_number(const char *text, bool comma_decimal, double col_days, double to_days,
                       double *out);
/* Split an estimate cell into 1 or 3 numbers; the count, or 0 when it is neither. */
size_t pb__import_numbers(const char *text, bool comma_decimal, double col_days, double to_days,
                          double out[3]);
/* yes/no/true/false/1/0/x/empty: 1, 0, or -1 when it is none of them. */
int pb__import_flag(const char *text);
/* Jira seconds of work in 'unit' (8-hour days, 5-day weeks). */
double pb__import_seconds(double seconds, pb_import_unit unit);

/* ==== import_csv.c and import_yaml.c ==== */

/* The separator the header row points to: ',' ';' or '\t' ('\t' when from is TSV). */
char pb__import_detect_sep(const char *text, size_t len, pb_import_from from);
pb_status pb__import_csv(pb_import *imp, const char *text, size_t len, pb_import_from from,
                         pb_error *err);
pb_status pb__import_yaml(pb_import *imp, const char *text, size_t len, pb_error *err);

#endif
