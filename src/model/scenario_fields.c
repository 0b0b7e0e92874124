/*
 * scenario_fields.c - the fields of a milestone and of a risk, and the
 * estimates they hold, read from libconfig settings with their type and
 * range checks. One parser for the file (scenario_parse.c) and for the
 * changes of options and --set (scenario_edit.c), so the two cannot drift.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "base/cfg.h"
#include "pushback/scenario.h"
#include "scenario_internal.h"

/* ==== Estimates ==== */

/* A distribution's form in a group: its name and its keys ("dist" first), from PB_DIST_LIST. */
typedef struct dist_form {
    pb_dist_kind kind;
    const char *name;
    size_t n_required;
    const char *keys[8]; /* "dist", the parameters, NULL */
} dist_form;

#define DIST_KEYS_(...)           \
    {                             \
        "dist", __VA_ARGS__, NULL \
    }
#define DIST_FORM_(kind, name, n_req, keys) {PB_DIST_##kind, name, n_req, DIST_KEYS_ keys},
static const dist_form FORMS[] = {PB_DIST_LIST(DIST_FORM_)};
#undef DIST_FORM_
#undef DIST_KEYS_

/* The parameters a group may set: its key, its field of pb_dist, its lower bound. */
static const struct {
    const char *key;
    size_t offset;
    double lo;
} PARAMS[] = {
    {"value", offsetof(pb_dist, value), 0.0},   {"min", offsetof(pb_dist, min), 0.0},
    {"mode", offsetof(pb_dist, mode), 0.0},     {"max", offsetof(pb_dist, max), 0.0},
    {"lambda", offsetof(pb_dist, lambda), 0.0}, {"p10", offsetof(pb_dist, p10), 0.0},
    {"p90", offsetof(pb_dist, p90), 0.0},       {"mean", offsetof(pb_dist, mean), -INFINITY},
    {"sd", offsetof(pb_dist, sd), 0.0},
};

/* "fixed, pert, ..." into buf. */
static const char *dist_names(char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t i = 0; i < PB_DIST_N_KINDS; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", FORMS[i].name);
    }
    return buf;
}

static pb_status dist_member(const pb__origin *o, const config_setting_t *g, const char *what,
                             const char *key, bool required, pb_dist *d)
{
    const config_setting_t *m = config_setting_get_member(g, key);
    if (!m) {
        if (!required)
            return PB_OK;
        return pb__bad(o, g, "'%s' needs '%s'", what, key);
    }
    size_t p = 0;
    while (strcmp(PARAMS[p].key, key))
        p++; /* every key of PB_DIST_LIST is in PARAMS */
    char name[128];
    snprintf(name, sizeof name, "%s.%s", what, key);
    return pb__number(o, m, name, PARAMS[p].lo, (double *)(void *)((char *)d + PARAMS[p].offset));
}

/* The form named 'name' (from 'dist' setting k), or an error with a suggestion. */
static pb_status dist_form_of(const pb__origin *o, const config_setting_t *k, const char *what,
                              const dist_form **out)
{
    const char *name = config_setting_get_string(k);
    const char *names[PB_DIST_N_KINDS];
    for (size_t i = 0; i < PB_DIST_N_KINDS; i++) {
        if (!strcmp(name, FORMS[i].name)) {
            *out = &FORMS[i];
            return PB_OK;
        }
        names[i] = FORMS[i].name;
    }
    const char *s = pb__suggest(name, names, PB_DIST_N_KINDS);
    if (s)
        return pb__bad(o, k, "unknown distribution '%s' in '%s'; did you mean '%s'?", name, what,
                       s);
    char list[200];
    return pb__bad(o, k, "unknown distribution '%s' in '%s' (valid: %s)", name, what,
                   dist_names(list, sizeof list));
}

/* A { dist = "..."; ... } group. */
static pb_status estimate_group(const pb__origin *o, const config_setting_t *st, const char *what,
                                pb_dist *d)
{
    const config_setting_t *k = config_setting_get_member(st, "dist");
    char list[200];
    if (!k)
        return pb__bad(o, st, "'%s' needs 'dist' (one of %s)", what, dist_names(list, sizeof list));
    if (config_setting_type(k) != CONFIG_TYPE_STRING)
        return pb__bad(o, k, "'%s.dist' must be a string, got %s", what, pb__cfg_type_name(k));
    const dist_form *f = NULL;
    pb_status rc = dist_form_of(o, k, what, &f);
    if (rc || !f)
        return rc;
    char where[160];
    snprintf(where, sizeof where, "'%s'", what);
    memset(d, 0, sizeof *d);
    d->lambda = 4.0;
    d->kind = f->kind;
    if ((rc = pb__cfg_check_keys(o, st, where, f->keys)))
        return rc;
    for (size_t i = 1; f->keys[i] && !rc; i++)
        rc = dist_member(o, st, what, f->keys[i], i <= f->n_required, d);
    return rc;
}

/* A three-point estimate [min, most likely, max]: PERT. */
static pb_status estimate_three(const pb__origin *o, const config_setting_t *st, const char *what,
                                pb_dist *d)
{
    if (config_setting_length(st) != 3)
        return pb__bad(o, st,
                       "'%s' as a list must be a three-point estimate [min, most likely, max], "
                       "got %d values",
                       what, config_setting_length(st));
    double v[3];
    for (unsigned i = 0; i < 3; i++) {
        const config_setting_t *e = config_setting_get_elem(st, i);
        if (!pb__cfg_is_number(e))
            return pb__bad(o, st, "'%s' must hold numbers [min, most likely, max], got %s", what,
                           pb__cfg_type_name(e));
        v[i] = pb__cfg_number_of(e);
        if (!isfinite(v[i]) || v[i] < 0)
            return pb__bad(o, st, "'%s' values must be finite and >= 0, got %g", what, v[i]);
    }
    *d = pb_dist_pert(v[0], v[1], v[2]);
    return PB_OK;
}

/* The distribution's own check and the limits on its values. */
static pb_status estimate_check(const pb__origin *o, const config_setting_t *st, const char *what,
                                const pb_dist *d)
{
    pb_error e;
    if (pb_dist_validate(d, &e))
        return pb__bad(o, st, "'%s': %s", what, e.msg);
    double params[] = {d->value, d->min,  d->mode, d->max,   d->p10,
                       d->p90,   d->mean, d->sd,   d->lambda};
    for (size_t k = 0; k < sizeof params / sizeof *params; k++)
        if (fabs(params[k]) > PB__MAX_VALUE)
            return pb__bad(o, st, "'%s': values must be at most %g in size, got %g", what,
                           PB__MAX_VALUE, params[k]);
    if (d->kind == PB_DIST_LOGNORMAL && d->p90 > PB__MAX_LOG_SPREAD * d->p10)
        return pb__bad(o, st,
                       "'%s': 'p90' may be at most %g times 'p10' (got %g and %g); a wider "
                       "lognormal has no useful planning meaning",
                       what, PB__MAX_LOG_SPREAD, d->p10, d->p90);
    return PB_OK;
}

pb_status pb__estimate(const pb__origin *o, const config_setting_t *st, const char *what,
                       pb_dist *out)
{
    int t = config_setting_type(st);
    pb_dist d;
    pb_status rc;
    if (pb__cfg_is_number(st)) {
        double v;
        if ((rc = pb__number(o, st, what, 0.0, &v)))
            return rc;
        d = pb_dist_fixed(v);
    } else if (t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST) {
        rc = estimate_three(o, st, what, &d);
    } else if (t == CONFIG_TYPE_GROUP) {
        rc = estimate_group(o, st, what, &d);
    } else {
        return pb__bad(o, st,
                       "'%s' must be a number, a three-point estimate [min, most likely, max] or "
                       "a group with 'dist', got %s",
                       what, pb__cfg_type_name(st));
    }
    if (rc || (rc = estimate_check(o, st, what, &d)))
        return rc;
    *out = d;
    return PB_OK;
}

/* ==== Range rules ==== */

static const struct {
    const char *key; /* as named in messages */
    bool whole;      /* a whole number in [lo, hi] */
    double parse_lo; /* for real numbers: below this, pb__number's message */
    double lo, hi;   /* for real numbers: the open or closed ends below */
    bool lo_open, hi_open;
    const char *range; /* for real numbers: the message when outside, before ", got X" */
} RULES[] = {
    [PB__RANGE_HEADCOUNT] = {"people", true, 0, 0, PB_MAX_PEOPLE, false, false, NULL},
    [PB__RANGE_TASK_PEOPLE] = {"people", true, 1, 1, PB_MAX_PEOPLE, false, false, NULL},
    [PB__RANGE_OVERHEAD] = {"overhead", false, 0.0, 0.0, 1.0, false, true,
                            "'overhead' must be in [0, 1), the capacity lost per extra person"},
    [PB__RANGE_CONFIDENCE] = {"confidence", false, -INFINITY, 0.0, 1.0, true, true,
                              "'confidence' must be in (0, 1), e.g. 0.8"},
    [PB__RANGE_SCALE] = {"scale", false, 0.0, 0.0, 100.0, true, false,
                         "'scale' must be in (0, 100], the size of the work against the file's, "
                         "e.g. 0.7"},
};

pb_status pb__range_int(const pb__origin *o, const config_setting_t *st, pb__range r, int *out)
{
    return pb__int(o, st, RULES[r].key, (int)RULES[r].lo, (int)RULES[r].hi, out);
}

pb_status pb__range_number(const pb__origin *o, const config_setting_t *st, pb__range r,
                           double *out)
{
    double x;
    pb_status rc = pb__number(o, st, RULES[r].key, RULES[r].parse_lo, &x);
    if (rc)
        return rc;
    bool low = RULES[r].lo_open ? x <= RULES[r].lo : x < RULES[r].lo;
    bool high = RULES[r].hi_open ? x >= RULES[r].hi : x > RULES[r].hi;
    if (low || high)
        return pb__bad(o, st, "%s, got %g", RULES[r].range, x);
    *out = x;
    return PB_OK;
}

/* ==== Milestones and risks ==== */

const char *const pb__keys_milestone[] = {
    "id",     "name",   "after",    "duration", "effort",      "role", "people", "cost",
    "rate",   "needs",  "optional", "value",    "deliverable", "done", "active", "source",
    "rounds", "growth", "gate",     "items",    "per_item",    NULL};

void pb__milestone_release(pb_milestone *m)
{
    free(m->id);
    free(m->name);
    for (size_t i = 0; i < m->n_after; i++)
        free(m->after[i]);
    free(m->after);
    free(m->role);
    for (size_t i = 0; i < m->n_needs; i++)
        free(m->needs[i].resource);
    free(m->needs);
    memset(m, 0, sizeof *m);
}

void pb__risk_release(pb_risk *r)
{
    free(r->id);
    free(r->name);
    free(r->milestone);
    memset(r, 0, sizeof *r);
}

static pb_status parse_people(const pb__origin *o, pb_milestone *m, const config_setting_t *st)
{
    int t = config_setting_type(st);
    if (pb__cfg_is_number(st)) {
        int k;
        pb_status rc = pb__range_int(o, st, PB__RANGE_TASK_PEOPLE, &k);
        if (!rc)
            m->people_min = m->people_max = k;
        return rc;
    }
    if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || config_setting_length(st) != 2)
        return pb__bad(o, st, "'people' must be [min, max] or a whole number, got %s",
                       pb__cfg_type_name(st));
    int lo, hi;
    pb_status rc;
    if ((rc = pb__range_int(o, config_setting_get_elem(st, 0), PB__RANGE_TASK_PEOPLE, &lo)) ||
        (rc = pb__range_int(o, config_setting_get_elem(st, 1), PB__RANGE_TASK_PEOPLE, &hi)))
        return rc;
    if (lo > hi)
        return pb__bad(o, st, "'people' must be [min, max] with min <= max, got [%d, %d]", lo, hi);
    m->people_min = lo;
    m->people_max = hi;
    return PB_OK;
}

static pb_status parse_needs(const pb__origin *o, pb_milestone *m, const config_setting_t *st)
{
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st,
                       "'needs' must be a group like { gpu_hours = [200, 400, 1200]; }, got %s",
                       pb__cfg_type_name(st));
    size_t n = (size_t)config_setting_length(st);
    pb_need *v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(st, (unsigned)i);
        char what[128];
        snprintf(what, sizeof what, "needs.%s", config_setting_name(e));
        v[i].line = pb__cfg_line(e);
        v[i].resource = pb__strdup(config_setting_name(e));
        pb_status rc =
            v[i].resource ? pb__estimate(o, e, what, &v[i].amount) : pb__bad(o, e, "out of memory");
        if (rc) {
            for (size_t k = 0; k <= i; k++)
                free(v[k].resource);
            free(v);
            return rc;
        }
    }
    for (size_t i = 0; i < m->n_needs; i++)
        free(m->needs[i].resource);
    free(m->needs);
    m->needs = v;
    m->n_needs = n;
    return PB_OK;
}

static const char *const KEYS_ROUNDS[] = {"success", "max", NULL};

/* rounds = { success = 0.6 or [0.3, 0.5, 0.7]; max = 5; } */
static pb_status parse_rounds(const pb__origin *o, pb_milestone *m, const config_setting_t *st)
{
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st, "'rounds' must be a group like { success = 0.6; max = 5; }, got %s",
                       pb__cfg_type_name(st));
    pb_status rc = pb__cfg_check_keys(o, st, "'rounds'", KEYS_ROUNDS);
    if (rc)
        return rc;
    const config_setting_t *sx = config_setting_get_member(st, "success");
    const config_setting_t *mx = config_setting_get_member(st, "max");
    if (!sx || !mx)
        return pb__bad(o, st, "'rounds' needs 'success' (per-round probability) and 'max'");
    pb_rounds r = {0};
    r.line = pb__cfg_line(st);
    if ((rc = pb__int(o, mx, "rounds.max", 1, PB_MAX_ROUNDS, &r.max)))
        return rc;
    int t = config_setting_type(sx);
    bool list = t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST;
    size_t n = list ? (size_t)config_setting_length(sx) : 1;
    if (n == 0 || n > (size_t)r.max)
        return pb__bad(o, sx, "'rounds.success' must have 1 to %d values (rounds.max), got %zu",
                       r.max, n);
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = list ? config_setting_get_elem(sx, (unsigned)i) : sx;
        if ((rc = pb__number(o, e, "rounds.success", 0.0, &r.success[i])))
            return rc;
        if (r.success[i] > 1)
            return pb__bad(o, e, "'rounds.success' must be a probability in [0, 1], got %g",
                           r.success[i]);
    }
    r.n_success = n;
    m->rounds = r;
    return PB_OK;
}

/* 'duration', 'effort', 'cost', 'growth': the estimates of a milestone (*found when key is one). */
static pb_status milestone_estimate(const pb__origin *o, pb_milestone *m, const char *key,
                                    const config_setting_t *st, bool *found)
{
    static const char *const keys[] = {"duration", "effort", "cost", "growth"};
    pb_dist *const dists[] = {&m->duration, &m->effort, &m->cost, &m->growth};
    size_t k = 0;
    while (k < 4 && strcmp(key, keys[k]))
        k++;
    if (!(*found = k < 4))
        return PB_OK;
    if (k < 2 && m->has_per_item)
        return pb__bad(o, st,
                       "milestone has 'per_item': its effort is items x per_item; set 'per_item' "
                       "or 'items' instead of '%s'",
                       keys[k]);
    pb_status rc = pb__estimate(o, st, keys[k], dists[k]);
    if (rc)
        return rc;
    if (k < 2) { /* duration or effort: one excludes the other */
        m->has_duration = k == 0;
        m->has_effort = k == 1;
    } else if (k == 2) {
        m->has_cost = true;
    } else {
        m->has_growth = true;
    }
    return PB_OK;
}

/* d with every value scaled by 'b' (> 0), exactly: a dist of b X. */
static pb_dist scale_dist(const pb_dist *d, double b)
{
    pb_dist o = *d;
    o.value *= b;
    o.min *= b;
    o.mode *= b;
    o.max *= b;
    o.p10 *= b;
    o.p90 *= b;
    o.mean *= b;
    o.sd *= b;
    return o;
}

/*
 * 'items' (a count, >= 1) and 'per_item' (effort per item): with both, the
 * milestone's effort is per_item scaled by items, one draw of the rate per
 * iteration (docs/ml.md).
 */
static pb_status milestone_items(const pb__origin *o, pb_milestone *m, const char *key,
                                 const config_setting_t *st)
{
    pb_status rc;
    if (!strcmp(key, "items")) {
        double x;
        if ((rc = pb__number(o, st, "items", 0.0, &x)))
            return rc;
        if (!(x >= 1) || x > 1e12)
            return pb__bad(o, st, "'items' must be a count from 1 to 1e12, got %g", x);
        m->items = x;
    } else {
        if (m->has_duration || (m->has_effort && !m->has_per_item))
            return pb__bad(o, st,
                           "'per_item' replaces '%s' (effort = items x per_item); write one of "
                           "them",
                           m->has_duration ? "duration" : "effort");
        pb_dist d;
        if ((rc = pb__estimate(o, st, "per_item", &d)))
            return rc;
        m->per_item = d;
        m->has_per_item = true;
    }
    if (m->has_per_item && m->items >= 1) {
        m->effort = scale_dist(&m->per_item, m->items);
        m->has_effort = true;
    }
    return PB_OK;
}

/* 'role': a role's name, or "" for none. */
static pb_status milestone_role(const pb__origin *o, pb_milestone *m, const config_setting_t *st)
{
    char *r = NULL;
    pb_status rc = pb__cfg_string(o, st, "role", false, &r);
    if (rc)
        return rc;
    free(m->role);
    m->role = NULL;
    if (*r)
        m->role = r;
    else
        free(r);
    return PB_OK;
}

pb_status pb__milestone_field(const pb__origin *o, pb_milestone *m, const char *key,
                              const config_setting_t *st)
{
    bool found;
    pb_status rc = milestone_estimate(o, m, key, st, &found);
    if (found)
        return rc;
    if (!strcmp(key, "id"))
        return pb__cfg_id(o, st, "id", &m->id);
    if (!strcmp(key, "name"))
        return pb__cfg_string(o, st, "name", false, &m->name);
    if (!strcmp(key, "after"))
        return pb__cfg_ids(o, st, "after", &m->after, &m->n_after);
    if (!strcmp(key, "role"))
        return milestone_role(o, m, st);
    if (!strcmp(key, "people"))
        return parse_people(o, m, st);
    if (!strcmp(key, "rate"))
        return pb__number(o, st, "rate", 0.0, &m->rate);
    if (!strcmp(key, "needs"))
        return parse_needs(o, m, st);
    if (!strcmp(key, "optional"))
        return pb__cfg_bool(o, st, "optional", &m->optional);
    if (!strcmp(key, "deliverable"))
        return pb__cfg_bool(o, st, "deliverable", &m->deliverable);
    if (!strcmp(key, "gate"))
        return pb__cfg_bool(o, st, "gate", &m->gate);
    if (!strcmp(key, "value"))
        return pb__number(o, st, "value", 0.0, &m->value);
    if (!strcmp(key, "done") || !strcmp(key, "active") || !strcmp(key, "source"))
        return PB_OK; /* actuals and sources: read and checked by track.c, calibrate_read.c */
    if (!strcmp(key, "rounds"))
        return parse_rounds(o, m, st);
    if (!strcmp(key, "items") || !strcmp(key, "per_item"))
        return milestone_items(o, m, key, st);
    const char *s = pb__suggest(key, pb__keys_milestone,
                                sizeof pb__keys_milestone / sizeof *pb__keys_milestone - 1);
    if (s)
        return pb__bad(o, st, "unknown milestone setting '%s'; did you mean '%s'?", key, s);
    return pb__bad(o, st, "unknown milestone setting '%s'", key);
}

const char *const pb__keys_risk[] = {"id",   "name",   "probability", "milestone", "delay",
                                     "cost", "status", "passed",      "happened",  NULL};

pb_status pb__risk_field(const pb__origin *o, pb_risk *r, const char *key,
                         const config_setting_t *st)
{
    if (!strcmp(key, "id"))
        return pb__cfg_id(o, st, "id", &r->id);
    if (!strcmp(key, "name"))
        return pb__cfg_string(o, st, "name", false, &r->name);
    if (!strcmp(key, "milestone"))
        return pb__cfg_id(o, st, "milestone", &r->milestone);
    if (!strcmp(key, "delay"))
        return pb__estimate(o, st, "delay", &r->delay);
    if (!strcmp(key, "cost")) {
        pb_status rc = pb__estimate(o, st, "cost", &r->cost);
        if (!rc)
            r->has_cost = true;
        return rc;
    }
    if (!strcmp(key, "probability")) {
        double p;
        pb_status rc = pb__number(o, st, "probability", -HUGE_VAL, &p);
        if (rc)
            return rc;
        if (p < 0 || p > 1)
            return pb__bad(o, st, "'probability' must be in [0, 1], got %g", p);
        r->probability = p;
        return PB_OK;
    }
    if (!strcmp(key, "status") || !strcmp(key, "passed") || !strcmp(key, "happened"))
        return PB_OK; /* actuals: read and checked by track.c */
    const char *s = pb__suggest(key, pb__keys_risk, 9);
    if (s)
        return pb__bad(o, st, "unknown risk setting '%s'; did you mean '%s'?", key, s);
    return pb__bad(o, st, "unknown risk setting '%s'", key);
}
