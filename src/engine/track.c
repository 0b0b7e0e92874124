/*
 * track.c - a project's actuals to date, read from its scenario file.
 *
 * The scenario loader accepts 'status', a milestone's 'done' and 'active'
 * and a risk's 'status' and leaves them here: the pb_scenario stays the
 * proposal as planned. This file reads the same text again with libconfig
 * (the loader's preparation of the text, so the lines are the same), checks
 * every value against the loaded scenario and keeps the states by id.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/track.h>

#include "base/cfg.h"
#include "base/format.h"
#include "scenario_internal.h"
#include "track_internal.h"

void pb_actuals_free(pb_actuals *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_ms; i++)
        free(a->ms[i].id);
    for (size_t i = 0; i < a->n_risks; i++)
        free(a->risks[i].id);
    free(a->ms);
    free(a->risks);
    free(a->file);
    free(a);
}

pb_actuals *pb__actuals_new(const char *file)
{
    pb_actuals *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->as_of = a->spent = NAN;
    if (!(a->file = pb__strdup(file ? file : ""))) {
        free(a);
        return NULL;
    }
    return a;
}

const pb_track_ms *pb_actuals_milestone(const pb_actuals *a, const char *id)
{
    for (size_t i = 0; a && i < a->n_ms; i++)
        if (!strcmp(a->ms[i].id, id))
            return &a->ms[i];
    return NULL;
}

pb_track_ms *pb__actuals_slot(pb_actuals *a, const char *id)
{
    pb_track_ms *m = (pb_track_ms *)pb_actuals_milestone(a, id);
    if (m)
        return m;
    pb_track_ms *v = realloc(a->ms, (a->n_ms + 1) * sizeof *v);
    if (!v)
        return NULL;
    a->ms = v;
    m = &v[a->n_ms];
    memset(m, 0, sizeof *m);
    if (!(m->id = pb__strdup(id)))
        return NULL;
    a->n_ms++;
    return m;
}

pb_status pb_actuals_set_as_of(pb_actuals *a, const pb_scenario *s, const char *text, pb_error *err)
{
    char *end;
    double v = strtod(text, &end);
    if (end != text && !*end && isfinite(v) && v >= 0) {
        a->as_of = v;
        return PB_OK;
    }
    int y, m, d, y0, m0, d0;
    char extra;
    if (sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31)
        return pb_error_set(err, PB_ERR_INVALID, a->file, a->line,
                            "'as_of' must be a number of %s >= 0 or a date \"YYYY-MM-DD\", got "
                            "'%s'",
                            s->unit, text);
    if (!s->start || sscanf(s->start, "%d-%d-%d", &y0, &m0, &d0) != 3)
        return pb_error_set(err, PB_ERR_INVALID, a->file, a->line,
                            "'as_of' is a date but the scenario has no 'start'; add 'start = "
                            "\"YYYY-MM-DD\";' or give a number of %s",
                            s->unit);
    long days = pb__days_from_civil(y, m, d) - pb__days_from_civil(y0, m0, d0);
    if (days < 0)
        return pb_error_set(err, PB_ERR_INVALID, a->file, a->line,
                            "'as_of' %s is before the start %s", text, s->start);
    a->as_of = (double)days / pb__unit_days(s->unit);
    return PB_OK;
}

static const char *const KEYS_STATUS[] = {"as_of", "spent", NULL};

static pb_status read_status(const pb__origin *o, pb_actuals *a, const pb_scenario *s,
                             const config_setting_t *st)
{
    a->line = (int)config_setting_source_line(st);
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st, "'status' must be a group like { as_of = \"2027-03-15\"; }");
    for (int i = 0; i < config_setting_length(st); i++) {
        const config_setting_t *f = config_setting_get_elem(st, (unsigned)i);
        const char *key = config_setting_name(f);
        pb_status rc = PB_OK;
        if (!strcmp(key, "as_of")) {
            char num[64];
            const char *text = config_setting_get_string(f);
            if (!text && (config_setting_type(f) == CONFIG_TYPE_INT ||
                          config_setting_type(f) == CONFIG_TYPE_INT64 ||
                          config_setting_type(f) == CONFIG_TYPE_FLOAT)) {
                double v;
                if ((rc = pb__number(o, f, "as_of", 0.0, &v)))
                    return rc;
                snprintf(num, sizeof num, "%.17g", v);
                text = num;
            }
            if (!text)
                return pb__bad(o, f, "'as_of' must be a number or a date \"YYYY-MM-DD\"");
            a->line = (int)config_setting_source_line(f);
            rc = pb_actuals_set_as_of(a, s, text, o->err);
        } else if (!strcmp(key, "spent")) {
            rc = pb__number(o, f, "spent", 0.0, &a->spent);
        } else {
            const char *sug = pb__suggest(key, KEYS_STATUS, 2);
            rc = sug ? pb__bad(o, f, "unknown setting '%s' in 'status'; did you mean '%s'?", key,
                               sug)
                     : pb__bad(o, f, "unknown setting '%s' in 'status' (valid: 'as_of', 'spent')",
                               key);
        }
        if (rc)
            return rc;
    }
    return PB_OK;
}

/* done = { actual = X; } or active = { elapsed = X; remaining = ESTIMATE; } */
static pb_status read_state(const pb__origin *o, pb_track_ms *t, const char *key,
                            const config_setting_t *st)
{
    bool done = !strcmp(key, "done");
    if (t->state != PB_TRACK_TODO)
        return pb__bad(o, st, "milestone '%s' is given both 'done' and 'active'; keep one", t->id);
    t->state = done ? PB_TRACK_DONE : PB_TRACK_ACTIVE;
    t->line = (int)config_setting_source_line(st);
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st,
                       done ? "'done' must be a group like { actual = 5.5; }"
                            : "'active' must be a group like { elapsed = 2.0; remaining = [1, "
                              "2, 4]; }");
    const char *need = done ? "actual" : "elapsed";
    const config_setting_t *f = config_setting_get_member(st, need);
    if (!f)
        return pb__bad(o, st, "'%s' needs '%s'", key, need);
    pb_status rc = pb__number(o, f, need, 0.0, done ? &t->actual : &t->elapsed);
    for (int i = 0; !rc && i < config_setting_length(st); i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        const char *name = config_setting_name(g);
        if (!strcmp(name, need))
            continue;
        if (!done && !strcmp(name, "remaining")) {
            rc = pb__estimate(o, g, "remaining", &t->remaining);
            t->has_remaining = true;
        } else {
            rc = pb__bad(o, g, "unknown setting '%s' in '%s' (valid: %s)", name, key,
                         done ? "'actual'" : "'elapsed', 'remaining'");
        }
    }
    return rc;
}

static pb_status read_milestones(const pb__origin *o, pb_actuals *a, const config_setting_t *list)
{
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        const char *id = NULL;
        if (config_setting_type(g) != CONFIG_TYPE_GROUP ||
            !config_setting_lookup_string(g, "id", &id))
            continue; /* the loader has refused it already */
        for (int k = 0; k < config_setting_length(g); k++) {
            const config_setting_t *f = config_setting_get_elem(g, (unsigned)k);
            const char *key = config_setting_name(f);
            if (strcmp(key, "done") && strcmp(key, "active"))
                continue;
            pb_track_ms *t = pb__actuals_slot(a, id);
            if (!t)
                return pb_error_set(o->err, PB_ERR_RUN, o->file, 0, "out of memory");
            pb_status rc = read_state(o, t, key, f);
            if (rc)
                return rc;
        }
    }
    return PB_OK;
}

/* A risk's state: status = "open" | "passed" | "happened", or passed = true / happened = true. */
static pb_status risk_state(const pb__origin *o, const config_setting_t *g, pb_risk_state *st,
                            const config_setting_t **at)
{
    const config_setting_t *f = config_setting_get_member(g, "status");
    *at = f;
    if (f) {
        const char *v = config_setting_get_string(f);
        *st = !v                       ? (pb_risk_state)-1
              : !strcmp(v, "open")     ? PB_RISK_OPEN
              : !strcmp(v, "passed")   ? PB_RISK_PASSED
              : !strcmp(v, "happened") ? PB_RISK_HAPPENED
                                       : (pb_risk_state)-1;
        if ((int)*st < 0)
            return pb__bad(o, f, "a risk's 'status' must be \"open\", \"passed\" or \"happened\"");
    }
    static const char *const flags[] = {"passed", "happened"};
    for (int k = 0; k < 2; k++) {
        const config_setting_t *b = config_setting_get_member(g, flags[k]);
        if (!b)
            continue;
        if (config_setting_type(b) != CONFIG_TYPE_BOOL)
            return pb__bad(o, b, "'%s' must be true or false", flags[k]);
        if (!config_setting_get_bool(b))
            continue;
        if (*at && *st != (k ? PB_RISK_HAPPENED : PB_RISK_PASSED))
            return pb__bad(o, b, "a risk cannot be both passed and happened; keep one");
        *st = k ? PB_RISK_HAPPENED : PB_RISK_PASSED;
        *at = b;
    }
    return PB_OK;
}

static pb_status read_risks(const pb__origin *o, pb_actuals *a, const config_setting_t *list)
{
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i), *at = NULL;
        const char *id = NULL;
        pb_risk_state st = PB_RISK_OPEN;
        if (!config_setting_lookup_string(g, "id", &id))
            continue;
        pb_status rc = risk_state(o, g, &st, &at);
        if (rc)
            return rc;
        if (!at)
            continue;
        pb_track_risk *r = realloc(a->risks, (a->n_risks + 1) * sizeof *r);
        if (!r)
            return pb_error_set(o->err, PB_ERR_RUN, o->file, 0, "out of memory");
        a->risks = r;
        r[a->n_risks] = (pb_track_risk){pb__strdup(id), st, (int)config_setting_source_line(at)};
        if (!r[a->n_risks++].id)
            return pb_error_set(o->err, PB_ERR_RUN, o->file, 0, "out of memory");
    }
    return PB_OK;
}

static pb_status read_root(const pb__origin *o, pb_actuals *a, const pb_scenario *s,
                           const config_setting_t *root)
{
    const config_setting_t *f;
    pb_status rc = PB_OK;
    if ((f = config_setting_get_member(root, "status")))
        rc = read_status(o, a, s, f);
    if (!rc && (f = config_setting_get_member(root, "milestones")))
        rc = read_milestones(o, a, f);
    if (!rc && (f = config_setting_get_member(root, "risks")))
        rc = read_risks(o, a, f);
    return rc ? rc : pb__actuals_check(a, s, o->err);
}

struct root_ctx {
    pb_actuals *a;
    const pb_scenario *s;
};

static pb_status root_of(const pb__origin *o, const config_setting_t *root, void *ctx)
{
    struct root_ctx *c = ctx;
    return read_root(o, c->a, c->s, root);
}

pb_status pb_actuals_parse(const pb_scenario *s, const char *text, const char *name,
                           pb_actuals **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    name = name ? name : "<string>";
    pb_actuals *a = pb__actuals_new(name);
    if (!a)
        return pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
    struct root_ctx ctx = {a, s};
    pb_status rc = pb__cfg_parse(text, name, err, root_of, &ctx);
    if (rc) {
        pb_actuals_free(a);
        return rc;
    }
    *out = a;
    return PB_OK;
}

pb_status pb_actuals_load(const pb_scenario *s, const char *path, pb_actuals **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    char *text;
    pb_status rc = pb__read_text_file(path, "scenario", &text, err);
    if (rc)
        return rc;
    rc = pb_actuals_parse(s, text, path, out, err);
    free(text);
    return rc;
}
