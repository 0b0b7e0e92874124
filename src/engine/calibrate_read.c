/*
 * calibrate_read.c - calibration pairs from the scenario file ('calibration'
 * list) and from CSV files (libcsv, through track_csv.c's reader), and the
 * milestones' 'source'. The scenario loader accepts these settings and
 * leaves them here, as it does the actuals (track.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/calibrate.h>

#include "base/cfg.h"
#include "scenario_internal.h"
#include "track_internal.h"

static pb_calibration *calibration_new(const char *file)
{
    pb_calibration *c = calloc(1, sizeof *c);
    if (c && !(c->file = pb__strdup(file))) {
        free(c);
        return NULL;
    }
    return c;
}

static pb_status add_pair(pb_calibration *c, pb_dist d, double actual, int line, pb_error *err)
{
    if (!(actual > 0))
        return pb_error_set(err, PB_ERR_INVALID, c->file, line,
                            "'actual' must be > 0 (a ratio to the estimate is taken), got %g",
                            actual);
    if (!(pb_dist_quantile(&d, 0.5) > 0))
        return pb_error_set(err, PB_ERR_INVALID, c->file, line,
                            "the estimate's median must be > 0 to compare an actual with it");
    pb_calib_pair *v = realloc(c->pairs, (c->n_pairs + 1) * sizeof *v);
    if (!v)
        return pb_error_set(err, PB_ERR_RUN, c->file, 0, "out of memory");
    c->pairs = v;
    v[c->n_pairs++] = (pb_calib_pair){d, actual, line};
    return PB_OK;
}

static pb_status read_pair(const pb__origin *o, pb_calibration *c, const config_setting_t *g)
{
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return pb__bad(o, g,
                       "each 'calibration' entry must be a group like { estimate = [4, 6, "
                       "10]; actual = 9.0; }");
    const config_setting_t *e = config_setting_get_member(g, "estimate"),
                           *a = config_setting_get_member(g, "actual");
    if (!e || !a)
        return pb__bad(o, g, "a 'calibration' entry needs '%s'", e ? "actual" : "estimate");
    for (int i = 0; i < config_setting_length(g); i++) {
        const char *name = config_setting_name(config_setting_get_elem(g, (unsigned)i));
        if (strcmp(name, "estimate") && strcmp(name, "actual") && strcmp(name, "id"))
            return pb__bad(o, config_setting_get_elem(g, (unsigned)i),
                           "unknown setting '%s' in a 'calibration' entry (valid: 'estimate', "
                           "'actual', 'id')",
                           name);
    }
    pb_dist d;
    double actual;
    pb_status rc;
    if ((rc = pb__estimate(o, e, "estimate", &d)) ||
        (rc = pb__number(o, a, "actual", 0.0, &actual)))
        return rc;
    return add_pair(c, d, actual, (int)config_setting_source_line(a), o->err);
}

static pb_status pairs_of(const pb__origin *o, const config_setting_t *root, void *ctx)
{
    const config_setting_t *l = config_setting_get_member(root, "calibration");
    if (!l)
        return PB_OK;
    if (config_setting_type(l) != CONFIG_TYPE_LIST)
        return pb__bad(o, l,
                       "'calibration' must be a list ( { estimate = ...; actual = ...; }, "
                       "... )");
    pb_status rc = PB_OK;
    for (int i = 0; !rc && i < config_setting_length(l); i++)
        rc = read_pair(o, ctx, config_setting_get_elem(l, (unsigned)i));
    return rc;
}

pb_status pb_calibration_parse(const char *text, const char *name, pb_calibration **out,
                               pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    name = name ? name : "<string>";
    pb_calibration *c = calibration_new(name);
    if (!c)
        return pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
    pb_status rc = pb__cfg_parse(text, name, err, pairs_of, c);
    if (rc) {
        pb_calibration_free(c);
        return rc;
    }
    *out = c;
    return PB_OK;
}

pb_status pb_calibration_load(const char *path, pb_calibration **out, pb_error *err)
{
    *out = NULL;
    char *text;
    pb_status rc = pb__read_text_file(path, "scenario", &text, err);
    if (rc)
        return rc;
    rc = pb_calibration_parse(text, path, out, err);
    free(text);
    return rc;
}

/* Column names: [0] id; then each quantity's names, the first found is used. */
static const char *const COLS[] = {
    "id",     "low",           "min",         "estimate_low",    "optimistic",
    "likely", "mode",          "most_likely", "estimate_likely", "high",
    "max",    "estimate_high", "pessimistic", "actual",          "estimate",
    NULL};
enum {
    N_NAMES = 15
};
static const int FIRST[] = {1, 5, 9, 13, 15}; /* low, likely, high, actual: COLS[FIRST[k]..) */

/* The column of quantity k (0 low .. 3 actual), or -1. */
static int column_of(const int *col, int k)
{
    for (int j = FIRST[k]; j < FIRST[k + 1]; j++)
        if (col[j] >= 0)
            return col[j];
    return -1;
}

/* One row's estimate: low, likely, high columns, else one 'estimate' cell of 1 or 3 numbers. */
static pb_status row_estimate(const pb__csv_row *r, const int *col, double *v, const char *path,
                              pb_error *err)
{
    pb_status rc = PB_OK;
    static const char *const what[] = {"low", "likely", "high"};
    if (column_of(col, 0) >= 0 || col[14] < 0) {
        for (int k = 0; !rc && k < 3; k++)
            rc = pb__csv_number(r, column_of(col, k), what[k], true, &v[k], path, err);
        return rc;
    }
    const char *c = pb__csv_at(r, col[14]);
    int n = 0;
    while (*c && n < 3) {
        char *end;
        if (strchr(" \t[],;/", *c)) {
            c++;
            continue;
        }
        v[n] = strtod(c, &end);
        if (end == c || !isfinite(v[n]))
            break;
        n++;
        c = end;
    }
    if (*c || (n != 1 && n != 3))
        return pb_error_set(err, PB_ERR_INVALID, path, r->line,
                            "'estimate' must be one number or three (low, likely, high), got '%s'",
                            pb__csv_at(r, col[14]));
    if (n == 1)
        v[1] = v[2] = v[0];
    return PB_OK;
}

pb_status pb_calibration_read_csv(pb_calibration *c, const char *path, pb_error *err)
{
    pb_error_clear(err);
    pb__csv_table t;
    int col[N_NAMES];
    pb_status rc = pb__csv_read(path, &t, err);
    if (rc)
        return rc;
    rc = pb__csv_columns(&t, COLS, col, path, err);
    if (!rc &&
        (column_of(col, 3) < 0 || (col[14] < 0 && (column_of(col, 0) < 0 || column_of(col, 1) < 0 ||
                                                   column_of(col, 2) < 0))))
        rc = pb_error_set(err, PB_ERR_INVALID, path, t.rows[0].line,
                          "the header needs the columns low, likely, high (or estimate) and "
                          "actual");
    for (size_t i = 1; !rc && i < t.n_rows; i++) {
        const pb__csv_row *r = &t.rows[i];
        double v[4];
        rc = row_estimate(r, col, v, path, err);
        if (!rc)
            rc = pb__csv_number(r, column_of(col, 3), "actual", true, &v[3], path, err);
        if (!rc && !(v[0] <= v[1] && v[1] <= v[2]))
            rc = pb_error_set(err, PB_ERR_INVALID, path, r->line,
                              "give low <= likely <= high, got %g, %g, %g", v[0], v[1], v[2]);
        pb_dist d = v[0] == v[2] ? pb_dist_fixed(v[1]) : pb_dist_pert(v[0], v[1], v[2]);
        if (!rc) {
            char *f = c->file;
            c->file = (char *)path; /* errors of this pair name the CSV */
            rc = add_pair(c, d, v[3], r->line, err);
            c->file = f;
        }
    }
    pb__csv_table_release(&t);
    return rc;
}

typedef struct sources_ctx {
    const pb_scenario *s;
    const char **out;
} sources_ctx;

static pb_status sources_of(const pb__origin *o, const config_setting_t *root, void *ctx)
{
    sources_ctx *sc = ctx;
    const config_setting_t *l = config_setting_get_member(root, "milestones");
    for (int i = 0; l && i < config_setting_length(l); i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i), *f;
        const char *id = NULL, *v;
        if (!config_setting_lookup_string(g, "id", &id) ||
            !(f = config_setting_get_member(g, "source")))
            continue;
        v = config_setting_get_string(f);
        if (!v || (strcmp(v, "guess") && strcmp(v, "expert") && strcmp(v, "data")))
            return pb__bad(o, f, "'source' must be \"guess\", \"expert\" or \"data\"");
        const pb_milestone *m = pb_scenario_milestone(sc->s, id);
        if (m)
            sc->out[m - sc->s->milestones] = !strcmp(v, "data")     ? "data"
                                             : !strcmp(v, "expert") ? "expert"
                                                                    : "guess";
    }
    return PB_OK;
}

pb_status pb_calibration_sources(const pb_scenario *s, const char *text, const char *name,
                                 const char ***out, pb_error *err)
{
    *out = calloc(s->n_milestones + 1, sizeof **out);
    if (!*out)
        return pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
    for (size_t i = 0; i < s->n_milestones; i++)
        (*out)[i] = "guess";
    sources_ctx sc = {s, *out};
    pb_status rc = pb__cfg_parse(text, name, err, sources_of, &sc);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}
