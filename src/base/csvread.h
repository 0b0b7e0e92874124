/*
 * csvread.h - the libcsv reading loop that the CSV readers share
 * (import_csv.c for task lists, track_csv.c for actuals and calibration
 * pairs): records of cells, each with the line it starts on. Never
 * installed.
 */
#ifndef PUSHBACK_CSVREAD_H
#define PUSHBACK_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/error.h>

/* One record: its cells (NUL-terminated copies) and the line it starts on. */
typedef struct pb__csv_row {
    char **cells;
    size_t n;
    int line;
} pb__csv_row;

typedef struct pb__csv_table {
    pb__csv_row *rows; /* rows[0] is the header, when the caller has one */
    size_t n_rows;
} pb__csv_table;

typedef struct pb__csv_opts {
    char sep;                         /* the field separator */
    int (*is_space)(unsigned char c); /* libcsv's blank test; NULL: space and tab */
    size_t max_rows;                  /* stop after this many records; 0: read them all */
    int first_line;                   /* the line number of text[0] */
} pb__csv_opts;

/*
 * Parse text[0, len) with libcsv (strict quoting) into t, fed one byte at a
 * time so that each record knows the line it starts on, quoted newlines
 * counted. A stray quote or an unterminated quoted field is PB_ERR_INVALID
 * naming 'file' and the line; memory is PB_ERR_RUN. On return t holds the
 * records read (also after an error): release it with pb__csv_table_release.
 */
pb_status pb__csv_parse(const char *text, size_t len, const pb__csv_opts *o, pb__csv_table *t,
                        const char *file, pb_error *err);

/* Free every record of t and empty it; a zeroed t is a no-op. */
void pb__csv_table_release(pb__csv_table *t);

#endif
