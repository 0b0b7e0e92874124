/*
 * import_csv.c - CSV and TSV task lists, read with libcsv.
 *
 * libcsv's records come through csvread.c, each with the physical line it
 * starts on, quoted newlines counted. The separator is
 * the one of ',', ';' and tab that makes the most header cells recognisable
 * (then the most fields). The header row decides what each column means
 * (import_value.c); every other row becomes one task. A row may have fewer
 * cells than the header (the missing cells are empty, as spreadsheets drop
 * trailing empty cells) but not more, unless the extra cells are empty.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "import_internal.h"

typedef pb__csv_row row;
typedef pb__csv_table table;

static int space_only(unsigned char c)
{
    return c == ' ';
}

static int space_or_tab(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Read records (at most max_rows when not 0) with separator 'sep' into t. */
static pb_status read_rows(const char *text, size_t len, char sep, size_t max_rows, int first_line,
                           table *t, const char *file, pb_error *err)
{
    pb__csv_opts o = {sep, sep == '\t' ? space_only : space_or_tab, max_rows, first_line};
    return pb__csv_parse(text, len, &o, t, file, err);
}

static size_t skip_bom(const char *text, size_t len)
{
    return len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

char pb__import_detect_sep(const char *text, size_t len, pb_import_from from)
{
    if (from == PB_IMPORT_TSV)
        return '\t';
    size_t bom = skip_bom(text, len);
    const char seps[] = {',', ';', '\t'};
    size_t n_seps = from == PB_IMPORT_CSV ? 2 : 3;
    char best = ',';
    long best_score = -1;
    for (size_t s = 0; s < n_seps; s++) {
        table t;
        pb_error e;
        long score = -1;
        if (!read_rows(text + bom, len - bom, seps[s], 1, 1, &t, "", &e) && t.n_rows == 1) {
            score = (long)t.rows[0].n;
            for (size_t k = 0; k < t.rows[0].n; k++) {
                double days;
                if (pb__import_column(t.rows[0].cells[k], &days))
                    score += 1000;
            }
        }
        pb__csv_table_release(&t);
        if (score > best_score) {
            best_score = score;
            best = seps[s];
        }
    }
    return best;
}

/* ==== The header ==== */

typedef struct csv_ctx {
    pb_import *imp;
    const char *file;
    bool comma_decimal;
    size_t n_cols;
    pb__import_col *cols;
    double *col_days;
    const row *header;
    double to_days;
    bool roles_seen, kind_seen;
    size_t n_people_ignored, n_role_ignored, n_effort_as_duration;
} csv_ctx;

static const char *const ACCEPTED_NAMES =
    "id, key, issue key, task id, name, task, task name, summary, title, milestone";

static pb_status no_name_column(const csv_ctx *c, pb_error *err)
{
    char found[300] = "";
    for (size_t k = 0; k < c->n_cols && strlen(found) < 200; k++) {
        strncat(found, k ? ", '" : "'", sizeof found - strlen(found) - 1);
        strncat(found, c->header->cells[k], 60);
        strncat(found, "'", sizeof found - strlen(found) - 1);
    }
    return pb_error_set(err, PB_ERR_INVALID, c->file, c->header->line,
                        "no column names the tasks (found %s); add a column headed one of: %s",
                        found, ACCEPTED_NAMES);
}

/* A 'type'/'kind' column is used only when every value is effort, duration or empty. */
static bool kind_column_ok(const table *t, size_t col)
{
    for (size_t i = 1; i < t->n_rows; i++) {
        const char *v = col < t->rows[i].n ? t->rows[i].cells[col] : "";
        while (isspace((unsigned char)*v))
            v++;
        if (*v && strncasecmp(v, "effort", 6) && strncasecmp(v, "duration", 8))
            return false;
    }
    return true;
}

static bool blank(const char *s);

static bool column_has_data(const table *t, size_t col)
{
    for (size_t i = 1; i < t->n_rows; i++)
        if (col < t->rows[i].n && !blank(t->rows[i].cells[col]))
            return true;
    return false;
}

/* Decide what each header cell means and report it. */
static pb_status map_header(csv_ctx *c, const table *t, pb_error *err)
{
    bool seen[PB__COL_DELIVERABLE + 1] = {false};
    bool ok = true;
    for (size_t k = 0; k < c->n_cols; k++) {
        const char *h = c->header->cells[k];
        pb__import_col col = pb__import_column(h, &c->col_days[k]);
        bool repeatable = col == PB__COL_AFTER || col == PB__COL_BLOCKS;
        if (col == PB__COL_KIND && !kind_column_ok(t, k)) {
            ok = ok && pb__import_note(c->imp,
                                       "  column '%s' left out: its values are not "
                                       "'effort' or 'duration'",
                                       h);
            continue;
        }
        if (col && seen[col] && !repeatable) {
            ok = ok && pb__import_note(c->imp,
                                       "  column '%s' left out: a second %s column "
                                       "(the first one is used)",
                                       h, pb__import_col_name(col));
            continue;
        }
        if (!col && (!strcasecmp(h, "story points") || strstr(h, "Story Points"))) {
            ok = ok && pb__import_note(c->imp,
                                       "  column '%s' left out: story points are a "
                                       "size, not a time; give estimates in time",
                                       h);
            continue;
        }
        if (!col && !strcasecmp(h, "assignee")) {
            ok = ok && pb__import_note(c->imp,
                                       "  column '%s' left out: a person, not a role "
                                       "(the team lists roles)",
                                       h);
            continue;
        }
        if (!col && blank(h)) {
            if (column_has_data(t, k))
                ok =
                    ok && pb__import_note(c->imp, "  column %zu left out: it has no header", k + 1);
            continue;
        }
        if (!col) {
            ok = ok && pb__import_note(c->imp,
                                       "  column '%s' left out: not a setting pushback "
                                       "reads (docs/import.md lists the names)",
                                       h);
            continue;
        }
        seen[col] = true;
        c->cols[k] = col;
        if (col == PB__COL_SECONDS)
            ok = ok && pb__import_note(c->imp,
                                       "  column '%s' -> estimate: Jira seconds of work, "
                                       "converted to %s (8-hour days, 5-day weeks)",
                                       h, pb_import_unit_name(c->imp));
        else if (c->col_days[k] > 0.0)
            ok = ok && pb__import_note(c->imp,
                                       "  column '%s' -> %s, converted to %s (8-hour "
                                       "days, 5-day weeks)",
                                       h, pb__import_col_name(col), pb_import_unit_name(c->imp));
        else
            ok = ok && pb__import_note(c->imp, "  column '%s' -> %s", h, pb__import_col_name(col));
    }
    if (!ok)
        return pb_error_set(err, PB_ERR_RUN, c->file, 0, "out of memory");
    if (!seen[PB__COL_ID] && !seen[PB__COL_NAME])
        return no_name_column(c, err);
    c->roles_seen = seen[PB__COL_ROLE];
    c->kind_seen = seen[PB__COL_KIND];
    c->imp->row_numbers = !seen[PB__COL_ID];
    return PB_OK;
}

/* ==== Rows ==== */

static const char *cell(const csv_ctx *c, const row *r, pb__import_col col, size_t *at)
{
    for (size_t k = 0; k < c->n_cols; k++)
        if (c->cols[k] == col) {
            if (at)
                *at = k;
            return k < r->n ? r->cells[k] : "";
        }
    return "";
}

static bool blank(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return !*s;
}

static pb_status not_a_number(const csv_ctx *c, const row *r, size_t k, const char *what,
                              pb_error *err)
{
    return pb_error_set(
        err, PB_ERR_INVALID, c->file, r->line,
        "'%s' in column '%s' is not %s; write a number such as 2.5%s, or leave it empty",
        r->cells[k], c->header->cells[k], what,
        c->col_days[k] > 0.0 ? "" : ", optionally with a unit (16h, 3d, 2w)");
}

/* low, likely and high columns; *done when they held the estimate. */
static pb_status three_columns(const csv_ctx *c, const row *r, pb_import_task *t, const char *label,
                               bool *done, pb_error *err)
{
    static const pb__import_col COLS[3] = {PB__COL_LOW, PB__COL_LIKELY, PB__COL_HIGH};
    static const char *const NAMES[3] = {"low", "likely", "high"};
    size_t at[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX}, n_set = 0;
    for (int i = 0; i < 3; i++) {
        const char *v = cell(c, r, COLS[i], &at[i]);
        n_set += !blank(v) && at[i] < r->n;
    }
    *done = n_set > 0;
    if (!n_set)
        return PB_OK;
    bool likely_only = n_set == 1 && at[1] < r->n && !blank(r->cells[at[1]]);
    if (n_set < 3 && !likely_only)
        return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                            "task '%s' has only part of a three-point estimate; fill in low, "
                            "likely and high, or likely alone",
                            label);
    for (int i = likely_only ? 1 : 0; i < (likely_only ? 2 : 3); i++)
        if (!pb__import_number(r->cells[at[i]], c->comma_decimal, c->col_days[at[i]], c->to_days,
                               &t->est[likely_only ? 0 : i]))
            return not_a_number(c, r, at[i], "a number", err);
    t->n_est = likely_only ? 1 : 3;
    for (int i = 0; t->n_est == 3 && i < 2; i++)
        if (t->est[i] > t->est[i + 1])
            return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                                "task '%s': %s %g is above %s %g; order the estimate as low <= "
                                "likely <= high",
                                label, NAMES[i], t->est[i], NAMES[i + 1], t->est[i + 1]);
    return PB_OK;
}

/* The estimate of a row; *from is the column kind it came from. */
static pb_status row_estimate(const csv_ctx *c, const row *r, pb_import_task *t, const char *label,
                              pb__import_col *from, pb_error *err)
{
    bool done = false;
    *from = PB__COL_NONE;
    pb_status rc = three_columns(c, r, t, label, &done, err);
    if (rc || done)
        return rc;
    for (size_t k = 0; k < c->n_cols && k < r->n; k++) {
        pb__import_col col = c->cols[k];
        if ((col != PB__COL_ESTIMATE && col != PB__COL_EFFORT && col != PB__COL_DURATION &&
             col != PB__COL_SECONDS) ||
            blank(r->cells[k]))
            continue;
        *from = col;
        if (col == PB__COL_SECONDS) {
            if (!pb__import_number(r->cells[k], c->comma_decimal, 0.0, 0.0, &t->est[0]))
                return not_a_number(c, r, k, "a number of seconds", err);
            t->est[0] = pb__import_seconds(t->est[0], c->imp->unit);
            t->n_est = 1;
            return PB_OK;
        }
        t->n_est =
            pb__import_numbers(r->cells[k], c->comma_decimal, c->col_days[k], c->to_days, t->est);
        if (!t->n_est)
            return not_a_number(c, r, k, "one number or three (low likely high)", err);
        if (t->n_est == 3 && (t->est[0] > t->est[1] || t->est[1] > t->est[2]))
            return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                                "task '%s': estimate %g %g %g is out of order; write it as low "
                                "<= likely <= high",
                                label, t->est[0], t->est[1], t->est[2]);
        return PB_OK;
    }
    return PB_OK;
}

/* Effort or duration, the role and the people of a row. */
static pb_status row_kind(csv_ctx *c, const row *r, pb_import_task *t, const char *label,
                          pb__import_col from, pb_error *err)
{
    const char *kind = cell(c, r, PB__COL_KIND, NULL);
    const char *role = cell(c, r, PB__COL_ROLE, NULL);
    while (isspace((unsigned char)*kind))
        kind++;
    if (*kind)
        t->effort = !strncasecmp(kind, "effort", 6);
    else if (from == PB__COL_DURATION)
        t->effort = false;
    else
        t->effort = !blank(role);
    c->n_effort_as_duration += from == PB__COL_EFFORT && !*kind && !t->effort;
    if (t->effort && blank(role))
        return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                            "task '%s' is effort but has no role; fill in its role, or make it "
                            "a duration",
                            label);
    if (!t->effort) {
        c->n_role_ignored += !blank(role);
        c->n_people_ignored += !blank(cell(c, r, PB__COL_PEOPLE, NULL));
        return PB_OK;
    }
    if (!(t->role = pb__import_slug(role)))
        return pb_error_set(err, PB_ERR_RUN, c->file, 0, "out of memory");
    if (!*t->role)
        return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                            "role '%s' of task '%s' has no letters or digits; name the role", role,
                            label);
    size_t k = 0;
    const char *people = cell(c, r, PB__COL_PEOPLE, &k);
    if (blank(people))
        return PB_OK;
    char *end;
    long lo = strtol(people, &end, 10), hi = lo;
    while (isspace((unsigned char)*end))
        end++;
    if (*end == '-')
        hi = strtol(end + 1, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || lo < 1 || hi < lo || hi > 100000)
        return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                            "people '%s' of task '%s' is not a whole number or a range such as "
                            "1-3; write how many people work on it",
                            people, label);
    t->people_min = (int)lo;
    t->people_max = (int)hi;
    return PB_OK;
}

/* Cost, optional, deliverable and the dependency cells of a row. */
static pb_status row_rest(csv_ctx *c, const row *r, size_t index, pb_import_task *t, pb_error *err)
{
    size_t k = 0;
    const char *cost = cell(c, r, PB__COL_COST, &k);
    if (!blank(cost)) {
        if (!pb__import_number(cost, c->comma_decimal, 0.0, 0.0, &t->cost))
            return not_a_number(c, r, k, "an amount of money", err);
        t->has_cost = true;
    }
    const pb__import_col flags[2] = {PB__COL_OPTIONAL, PB__COL_DELIVERABLE};
    for (int i = 0; i < 2; i++) {
        const char *v = cell(c, r, flags[i], &k);
        int f = pb__import_flag(v);
        if (f < 0)
            return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                                "'%s' in column '%s' is not yes or no; write yes, no, true, "
                                "false, 1, 0 or x",
                                v, c->header->cells[k]);
        *(i ? &t->deliverable : &t->optional) = f == 1;
    }
    for (k = 0; k < c->n_cols && k < r->n; k++)
        if ((c->cols[k] == PB__COL_AFTER || c->cols[k] == PB__COL_BLOCKS) && !blank(r->cells[k]) &&
            !pb__import_add_ref(c->imp, index, r->cells[k], c->cols[k] == PB__COL_BLOCKS, r->line))
            return pb_error_set(err, PB_ERR_RUN, c->file, 0, "out of memory");
    return PB_OK;
}

static pb_status read_row(csv_ctx *c, const row *r, pb_error *err)
{
    bool empty = true;
    for (size_t k = 0; k < r->n; k++)
        empty = empty && blank(r->cells[k]);
    if (empty)
        return PB_OK;
    for (size_t k = c->n_cols; k < r->n; k++)
        if (!blank(r->cells[k]))
            return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                                "this row has %zu fields, the header has %zu; quote a field "
                                "that holds the separator, or add a header for the extra column",
                                r->n, c->n_cols);
    const char *id = cell(c, r, PB__COL_ID, NULL), *name = cell(c, r, PB__COL_NAME, NULL);
    if (blank(id) && blank(name))
        return pb_error_set(err, PB_ERR_INVALID, c->file, r->line,
                            "this row has no %s; fill it in or delete the row",
                            blank(cell(c, c->header, PB__COL_ID, NULL)) ? "name" : "name or id");
    char *tid = pb__import_one_line(id);
    pb_import_task *t = tid ? pb__import_add_task(c->imp, r->line, tid, name) : NULL;
    free(tid);
    if (!t)
        return pb_error_set(err, PB_ERR_RUN, c->file, 0, "out of memory");
    size_t index = c->imp->n_tasks - 1;
    const char *label = c->imp->raw_ids[index] ? c->imp->raw_ids[index] : t->name;
    pb__import_col from;
    pb_status rc = row_estimate(c, r, t, label, &from, err);
    if (!rc)
        rc = row_kind(c, r, t, label, from, err);
    if (!rc)
        rc = row_rest(c, r, index, t, err);
    return rc;
}

/* ==== The whole file ==== */

static pb_status summary(csv_ctx *c, pb_error *err)
{
    pb_import *imp = c->imp;
    const char *unit = pb_import_unit_name(imp);
    bool ok = true;
    ok = ok && pb__import_note(imp, "  numbers without a unit are %s, the scenario unit", unit);
    if (c->roles_seen)
        ok = ok && pb__import_note(imp,
                                   "  effort or duration: %sa task with a role is effort "
                                   "(person-%s of that role), one without is duration "
                                   "(calendar %s)",
                                   c->kind_seen ? "the 'type' column where it says; else " : "",
                                   unit, unit);
    else
        ok = ok && pb__import_note(imp,
                                   "  effort or duration: no role column, so every task is "
                                   "a duration (calendar %s)",
                                   unit);
    if (c->n_role_ignored || c->n_people_ignored)
        ok = ok && pb__import_note(imp,
                                   "  left out: the role or people of %zu duration tasks "
                                   "(a duration needs nobody)",
                                   c->n_role_ignored > c->n_people_ignored ? c->n_role_ignored
                                                                           : c->n_people_ignored);
    if (c->n_effort_as_duration)
        ok = ok && pb__import_note(imp,
                                   "  %zu tasks with an effort but no role became durations "
                                   "(an effort needs a role to do it): fill in their role",
                                   c->n_effort_as_duration);
    if (!ok)
        return pb_error_set(err, PB_ERR_RUN, c->file, 0, "out of memory");
    return PB_OK;
}

static pb_status read_table(pb_import *imp, const table *t, char sep, pb_error *err)
{
    csv_ctx c = {.imp = imp, .file = imp->file, .comma_decimal = sep != ',', .header = &t->rows[0]};
    c.n_cols = t->rows[0].n;
    c.to_days = pb__import_unit_days(imp->unit);
    c.cols = calloc(c.n_cols + 1, sizeof *c.cols);
    c.col_days = calloc(c.n_cols + 1, sizeof *c.col_days);
    pb_status rc = PB_OK;
    if (!c.cols || !c.col_days)
        rc = pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    if (!rc && !pb__import_note(imp, "%s: %s, separator %s, header at line %d, %zu columns",
                                imp->file, imp->source,
                                sep == '\t'  ? "tab"
                                : sep == ';' ? "';'"
                                             : "','",
                                t->rows[0].line, c.n_cols))
        rc = pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    if (!rc)
        rc = map_header(&c, t, err);
    for (size_t i = 1; !rc && i < t->n_rows; i++)
        rc = read_row(&c, &t->rows[i], err);
    if (!rc && imp->n_tasks == 0)
        rc = pb_error_set(err, PB_ERR_INVALID, imp->file, t->rows[0].line,
                          "a header but no tasks; add one row per task below the header");
    if (!rc)
        rc = summary(&c, err);
    free(c.cols);
    free(c.col_days);
    return rc;
}

/* Excel's "sep=;" first line: the separator, with the line skipped; or 0. */
static char excel_sep_line(const char **text, size_t *len)
{
    const char *t = *text;
    if (*len < 5 || strncasecmp(t, "sep=", 4) || !strchr(",;\t|", t[4]) || !t[4])
        return 0;
    size_t k = 5;
    if (k < *len && t[k] == '\r')
        k++;
    if (k < *len && t[k] != '\n')
        return 0;
    k += k < *len;
    *text += k;
    *len -= k;
    return t[4];
}

pb_status pb__import_csv(pb_import *imp, const char *text, size_t len, pb_import_from from,
                         pb_error *err)
{
    size_t bom = skip_bom(text, len);
    text += bom;
    len -= bom;
    size_t k = 0;
    while (k < len && isspace((unsigned char)text[k]))
        k++;
    if (k == len)
        return pb_error_set(err, PB_ERR_INVALID, imp->file, 0,
                            "empty file; export the task list with a header row and one row "
                            "per task");
    if (len >= 2 && ((unsigned char)text[0] == 0xFF || (unsigned char)text[0] == 0xFE) &&
        ((unsigned char)text[1] == 0xFE || (unsigned char)text[1] == 0xFF))
        return pb_error_set(err, PB_ERR_INVALID, imp->file, 0,
                            "the file is UTF-16 text; save it as 'CSV UTF-8' and import that");
    int first_line = 1;
    char sep = excel_sep_line(&text, &len);
    if (sep)
        first_line = 2;
    else
        sep = pb__import_detect_sep(text, len, from);
    imp->source = sep == '\t' ? "TSV" : "CSV";
    table t;
    pb_status rc = read_rows(text, len, sep, 0, first_line, &t, imp->file, err);
    if (!rc && t.n_rows == 0)
        rc = pb_error_set(err, PB_ERR_INVALID, imp->file, 0,
                          "empty file; export the task list "
                          "with a header row");
    if (!rc)
        rc = read_table(imp, &t, sep, err);
    pb__csv_table_release(&t);
    if (!rc)
        rc = pb__import_assign_ids(imp, err);
    return rc;
}
