/*
 * outside.c - the outside view (calibrate.h): the reference class of the
 * scenario's 'history' projects, each with the total it was estimated at
 * ('estimate') and what it took ('duration'). The uplift at the level asked
 * is the quantile (type 7) of actual / estimate: the factor by which this
 * project's own estimate must be raised to hold at that level, if it fares as
 * its reference class did (Flyvbjerg's reference-class forecasting).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/calibrate.h>

#include "base/cfg.h"
#include "scenario_internal.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The ratios of the history entries with an estimate into r (n_max of them), counted in *n. */
static pb_status ratios(const pb__origin *o, const config_setting_t *l, double *r, size_t *n)
{
    *n = 0;
    for (int i = 0; i < config_setting_length(l); i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        const config_setting_t *e = config_setting_get_member(g, "estimate"),
                               *d = config_setting_get_member(g, "duration");
        if (!e)
            continue;
        double est, act;
        pb_status rc = pb__number(o, e, "estimate", 0.0, &est);
        if (!rc && !(est > 0))
            rc = pb__bad(o, e, "'estimate' must be > 0 (the total the project was estimated at)");
        if (!rc && !d)
            rc = pb__bad(o, g, "a history entry with 'estimate' needs 'duration' (what it took)");
        if (!rc)
            rc = pb__number(o, d, "duration", 0.0, &act);
        if (rc)
            return rc;
        r[(*n)++] = act / est;
    }
    return PB_OK;
}

pb_status pb_outside_view(const char *text, const char *name, double level, pb_outside *out,
                          pb_error *err)
{
    memset(out, 0, sizeof *out);
    out->level = level;
    out->uplift = NAN;
    config_t cfg;
    config_init(&cfg);
    pb__origin o = {name, 0, PB_ERR_INVALID, err, false};
    char *norm = NULL;
    double *r = NULL;
    pb_status rc = pb__cfg_prepare(text, name, &norm, err);
    if (!rc)
        rc = pb__cfg_read(&cfg, norm, name, err);
    free(norm);
    const config_setting_t *l =
        rc ? NULL : config_setting_get_member(config_root_setting(&cfg), "history");
    if (l && config_setting_type(l) == CONFIG_TYPE_LIST) {
        size_t cap = (size_t)config_setting_length(l);
        r = malloc((cap ? cap : 1) * sizeof *r);
        rc =
            r ? ratios(&o, l, r, &out->n) : pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
    }
    if (!rc && out->n) {
        qsort(r, out->n, sizeof *r, by_value);
        double h = (double)(out->n - 1) * level;
        size_t k = (size_t)floor(h);
        out->uplift = k + 1 < out->n ? r[k] + (h - (double)k) * (r[k + 1] - r[k]) : r[k];
        out->few = out->n < PB_CALIB_FEW;
    }
    free(r);
    config_destroy(&cfg);
    return rc;
}
