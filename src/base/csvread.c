/*
 * csvread.c - the libcsv reading loop shared by the CSV readers.
 *
 * The text is fed to libcsv one byte at a time so that every record knows
 * the physical line it starts on (the first byte that is not white space),
 * quoted newlines counted. Cells are copied as libcsv hands them over; the
 * record being built is kept apart until libcsv ends it, so that a record
 * cut short by an error or by max_rows is freed, never half-kept.
 */
#include "csvread.h"

#include <csv.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    pb__csv_table *t;
    size_t cap;      /* of t->rows */
    pb__csv_row cur; /* the record being read */
    size_t cur_cap;  /* of cur.cells */
    int line, row_line;
    bool at_start; /* no byte of the next record seen yet */
    bool oom;
} reader;

static void row_free(pb__csv_row *r)
{
    for (size_t k = 0; k < r->n; k++)
        free(r->cells[k]);
    free(r->cells);
}

void pb__csv_table_release(pb__csv_table *t)
{
    for (size_t i = 0; i < t->n_rows; i++)
        row_free(&t->rows[i]);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->oom)
        return;
    if (r->cur.n == r->cur_cap) {
        size_t nc = r->cur_cap ? 2 * r->cur_cap : 8;
        char **p = realloc(r->cur.cells, nc * sizeof *p);
        if (!p) {
            r->oom = true;
            return;
        }
        r->cur.cells = p;
        r->cur_cap = nc;
    }
    char *c = malloc(len + 1);
    if (!c) {
        r->oom = true;
        return;
    }
    memcpy(c, s ? s : "", s ? len : 0);
    c[s ? len : 0] = '\0';
    r->cur.cells[r->cur.n++] = c;
}

static void on_record(int c, void *data)
{
    (void)c;
    reader *r = data;
    pb__csv_table *t = r->t;
    r->at_start = true;
    if (r->oom)
        return;
    if (t->n_rows == r->cap) {
        size_t nc = r->cap ? 2 * r->cap : 64;
        pb__csv_row *p = realloc(t->rows, nc * sizeof *p);
        if (!p) {
            r->oom = true;
            return;
        }
        t->rows = p;
        r->cap = nc;
    }
    r->cur.line = r->row_line;
    t->rows[t->n_rows++] = r->cur;
    memset(&r->cur, 0, sizeof r->cur);
    r->cur_cap = 0;
}

/* Feed the text; stops at the first error, when memory runs out or at max_rows. */
static pb_status feed(struct csv_parser *p, const char *text, size_t len, const pb__csv_opts *o,
                      reader *r, const char *file, pb_error *err)
{
    for (size_t i = 0; i < len && !r->oom && (!o->max_rows || r->t->n_rows < o->max_rows); i++) {
        char c = text[i];
        if (r->at_start && !isspace((unsigned char)c)) {
            r->row_line = r->line;
            r->at_start = false;
        }
        if (csv_parse(p, &c, 1, on_field, on_record, r) != 1)
            return pb_error_set(err, PB_ERR_INVALID, file, r->line,
                                "a quote inside a field that does not start with one; quote "
                                "the whole field and double the quotes inside it (\"\")");
        if (c == '\n')
            r->line++;
    }
    return PB_OK;
}

pb_status pb__csv_parse(const char *text, size_t len, const pb__csv_opts *o, pb__csv_table *t,
                        const char *file, pb_error *err)
{
    struct csv_parser p;
    reader r = {.t = t, .line = o->first_line, .row_line = o->first_line, .at_start = true};
    memset(t, 0, sizeof *t);
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
        return pb_error_set(err, PB_ERR_RUN, file, 0, "out of memory");
    csv_set_delim(&p, (unsigned char)o->sep);
    if (o->is_space)
        csv_set_space_func(&p, o->is_space);
    pb_status rc = feed(&p, text, len, o, &r, file, err);
    if (!rc && !r.oom && (!o->max_rows || t->n_rows < o->max_rows) &&
        csv_fini(&p, on_field, on_record, &r) != 0)
        rc = pb_error_set(err, PB_ERR_INVALID, file, r.row_line,
                          "a quoted field never ends; add the closing quote");
    csv_free(&p);
    row_free(&r.cur);
    if (!rc && r.oom)
        rc = pb_error_set(err, PB_ERR_RUN, file, 0, "out of memory");
    return rc;
}
