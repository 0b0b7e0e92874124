/*
 * track_internal.h - pieces of the track module shared by its source files
 * (track.c reads actuals from a scenario, track_csv.c from a CSV file,
 * track_plan.c checks them and builds the remaining scenario). Never
 * installed.
 */
#ifndef PUSHBACK_TRACK_INTERNAL_H
#define PUSHBACK_TRACK_INTERNAL_H

#include <pushback/track.h>

#include "csvread.h"

/* A new, empty pb_actuals whose errors name 'file'; NULL when memory runs out. */
pb_actuals *pb__actuals_new(const char *file);

/* The state of milestone 'id', added as todo when absent; NULL when memory runs out. */
pb_track_ms *pb__actuals_slot(pb_actuals *a, const char *id);

/* Check the actuals against the scenario (ids, order, as_of, conditioning). */
pb_status pb__actuals_check(const pb_actuals *a, const pb_scenario *s, pb_error *err);

/* Read 'path' with libcsv into t (release with pb__csv_table_release); errors name file:line. */
pb_status pb__csv_read(const char *path, pb__csv_table *t, pb_error *err);

/* Map the header's names onto names[] (NULL-terminated): col[j] is the column of names[j], or
   -1. An unknown name is an error naming the header's line. */
int pb__csv_columns(const pb__csv_table *t, const char *const *names, int *col, const char *path,
                    pb_error *err);

/* The trimmed cell of column col ("" when absent). */
const char *pb__csv_at(const pb__csv_row *r, int col);

/* A number >= 0 from column col; an empty cell is an error when required, else left alone. */
pb_status pb__csv_number(const pb__csv_row *r, int col, const char *what, bool required,
                         double *out, const char *path, pb_error *err);

#endif
