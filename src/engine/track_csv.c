/*
 * track_csv.c - actuals (and, through the same reader, calibration pairs)
 * from CSV files, read with libcsv.
 *
 * The text is read by libcsv through csvread.c, as the import reader's is,
 * so that every record knows the line it starts on (quoted newlines
 * counted). The first record is the header; its names choose the columns, in
 * any order and case. Every error names the file and the line.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scenario_internal.h"
#include "track_internal.h"

pb_status pb__csv_read(const char *path, pb__csv_table *t, pb_error *err)
{
    memset(t, 0, sizeof *t);
    char *text;
    pb_status rc = pb__read_text_file(path, "CSV", &text, err);
    if (rc)
        return rc;
    size_t len = strlen(text), bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    pb__csv_opts o = {',', NULL, 0, 1};
    rc = pb__csv_parse(text + bom, len - bom, &o, t, path, err);
    free(text);
    if (!rc && !t->n_rows)
        rc = pb_error_set(err, PB_ERR_INVALID, path, 0,
                          "is empty; the first line names the "
                          "columns");
    if (rc)
        pb__csv_table_release(t);
    return rc;
}

int pb__csv_columns(const pb__csv_table *t, const char *const *names, int *col, const char *path,
                    pb_error *err)
{
    size_t n_names = 0;
    while (names[n_names])
        col[n_names++] = -1;
    const pb__csv_row *h = &t->rows[0];
    for (size_t k = 0; k < h->n; k++) {
        char *c = h->cells[k];
        while (isspace((unsigned char)*c))
            c++;
        size_t l = strlen(c);
        while (l && isspace((unsigned char)c[l - 1]))
            c[--l] = '\0';
        size_t j = 0;
        while (j < n_names && strcasecmp(c, names[j]))
            j++;
        if (j == n_names) {
            const char *s = pb__suggest(c, names, n_names);
            return pb_error_set(err, PB_ERR_INVALID, path, h->line,
                                s ? "unknown column '%s'; did you mean '%s'?"
                                  : "unknown column '%s'%s",
                                c, s ? s : "");
        }
        col[j] = (int)k;
    }
    return PB_OK;
}

const char *pb__csv_at(const pb__csv_row *r, int col)
{
    if (col < 0 || (size_t)col >= r->n)
        return "";
    char *c = r->cells[col];
    while (isspace((unsigned char)*c))
        c++;
    size_t l = strlen(c);
    while (l && isspace((unsigned char)c[l - 1]))
        c[--l] = '\0';
    return c;
}

pb_status pb__csv_number(const pb__csv_row *r, int col, const char *what, bool required,
                         double *out, const char *path, pb_error *err)
{
    const char *c = pb__csv_at(r, col);
    if (!*c) {
        if (!required)
            return PB_OK;
        return pb_error_set(err, PB_ERR_INVALID, path, r->line, "missing '%s'", what);
    }
    char *end;
    double v = strtod(c, &end);
    if (*end || !isfinite(v) || v < 0 || v > 1e15)
        return pb_error_set(err, PB_ERR_INVALID, path, r->line,
                            "'%s' must be a number >= 0, got '%s'", what, c);
    *out = v;
    return PB_OK;
}

static const char *const COLS[] = {"id",
                                   "status",
                                   "actual",
                                   "elapsed",
                                   "remaining_low",
                                   "remaining_likely",
                                   "remaining_high",
                                   "remaining",
                                   NULL};
enum {
    C_ID,
    C_STATUS,
    C_ACTUAL,
    C_ELAPSED,
    C_LOW,
    C_LIKELY,
    C_HIGH,
    C_REMAINING,
    N_COLS
};

/* 'remaining' in one cell: one number (fixed) or three ("1 2 4", "1;2;4", "[1, 2, 4]"). */
static pb_status one_cell(const pb__csv_row *row, int col, double *v, int *n, const char *path,
                          pb_error *err)
{
    const char *c = pb__csv_at(row, col), *all = c;
    *n = 0;
    while (*c && *n < 4) {
        if (strchr(" \t[],;/", *c)) {
            c++;
            continue;
        }
        char *end;
        double x = strtod(c, &end);
        if (end == c || !isfinite(x) || x < 0)
            break;
        if (*n < 3)
            v[*n] = x;
        (*n)++;
        c = end;
    }
    if (*c || (*n != 0 && *n != 1 && *n != 3))
        return pb_error_set(err, PB_ERR_INVALID, path, row->line,
                            "'remaining' must be one number or three (low, likely, high), got "
                            "'%s'",
                            all);
    if (*n == 1)
        v[1] = v[2] = v[0];
    return PB_OK;
}

static pb_status remaining(const pb__csv_row *row, const int *col, pb_track_ms *t, const char *path,
                           pb_error *err)
{
    double v[3] = {NAN, NAN, NAN};
    pb_status rc = PB_OK;
    for (int k = 0; k < 3 && !rc; k++)
        rc = pb__csv_number(row, col[C_LOW + k], COLS[C_LOW + k], false, &v[k], path, err);
    int given = !isnan(v[0]) + !isnan(v[1]) + !isnan(v[2]), n = 0;
    if (!rc && !given && col[C_REMAINING] >= 0) {
        rc = one_cell(row, col[C_REMAINING], v, &n, path, err);
        given = n ? 3 : 0;
    }
    if (rc || !given)
        return rc;
    if (given != 3 || v[0] > v[1] || v[1] > v[2])
        return pb_error_set(err, PB_ERR_INVALID, path, row->line,
                            "give remaining_low <= remaining_likely <= remaining_high, all three "
                            "or none");
    t->has_remaining = true;
    t->remaining = v[0] == v[2] ? pb_dist_fixed(v[0]) : pb_dist_pert(v[0], v[1], v[2]);
    return PB_OK;
}

/* done, active or todo, with the words trackers use for them; -1 for anything else. */
static pb_track_state state_of(const char *s)
{
    static const char *const todo[] = {"todo",        "to do",   "to-do",   "open",
                                       "not started", "planned", "backlog", NULL},
                             *done[] = {"done",   "complete", "completed", "finished",
                                        "closed", "resolved", NULL},
                             *active[] = {"active", "in progress", "in-progress", "started",
                                          "doing",  "ongoing",     NULL};
    const char *const *lists[] = {todo, done, active}; /* in pb_track_state order */
    for (int k = 0; k < 3; k++)
        for (const char *const *w = lists[k]; *w; w++)
            if (!strcasecmp(s, *w))
                return (pb_track_state)k;
    return (pb_track_state)-1;
}

static pb_status one_row(pb_actuals *a, const pb__csv_row *row, const int *col, const char *path,
                         pb_error *err)
{
    const char *id = pb__csv_at(row, col[C_ID]), *st = pb__csv_at(row, col[C_STATUS]);
    if (!*id)
        return pb_error_set(err, PB_ERR_INVALID, path, row->line, "missing 'id'");
    pb_track_state state = state_of(st);
    if ((int)state < 0)
        return pb_error_set(err, PB_ERR_INVALID, path, row->line,
                            "'status' must be done, active or todo (or a tracker's word for them: "
                            "completed, in progress, open ...), got '%s'",
                            st);
    pb_track_ms *t = pb__actuals_slot(a, id);
    if (!t)
        return pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
    t->state = state;
    t->line = row->line;
    t->has_remaining = false;
    if (state == PB_TRACK_DONE)
        return pb__csv_number(row, col[C_ACTUAL], "actual", true, &t->actual, path, err);
    if (state == PB_TRACK_ACTIVE) {
        pb_status rc = pb__csv_number(row, col[C_ELAPSED], "elapsed", true, &t->elapsed, path, err);
        return rc ? rc : remaining(row, col, t, path, err);
    }
    return PB_OK;
}

pb_status pb_actuals_read_csv(pb_actuals *a, const pb_scenario *s, const char *path, pb_error *err)
{
    pb_error_clear(err);
    pb__csv_table t;
    int col[N_COLS];
    pb_status rc = pb__csv_read(path, &t, err);
    if (rc)
        return rc;
    rc = pb__csv_columns(&t, COLS, col, path, err);
    if (!rc && (col[C_ID] < 0 || col[C_STATUS] < 0))
        rc = pb_error_set(err, PB_ERR_INVALID, path, t.rows[0].line,
                          "the header needs the columns 'id' and 'status'");
    char *file = pb__strdup(path);
    if (!rc && !file)
        rc = pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
    for (size_t i = 1; !rc && i < t.n_rows; i++)
        rc = one_row(a, &t.rows[i], col, path, err);
    if (!rc) {
        free(a->file);
        a->file = file;
        file = NULL;
        rc = pb__actuals_check(a, s, err);
    }
    free(file);
    pb__csv_table_release(&t);
    return rc;
}
