/*
 * scenario.c - loading and validating scenario files (format version 1).
 *
 * The file is read into memory (so that its SHA-256 can be reported and a
 * directory or unreadable file gets a clear message), parsed by libconfig,
 * and walked once: every group's members are checked against the settings it
 * allows (a typo is refused with a suggestion, never ignored), every value
 * is type- and range-checked where it is read, and every string is copied
 * out before the libconfig tree is destroyed. Cross-references (ids, 'after',
 * roles, resources, cycles, people ranges) are checked on the finished
 * structure by pb__scenario_validate(), so that the same checks run again
 * after an option or a --set changes the scenario.
 */
#include "pushback/scenario.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "cfgtext.h"
#include "scenario_internal.h"
#include "sha256.h"

#define MAX_FILE_BYTES (64u << 20)

/* Limits (README, "Limits"): refused with a message, never a crash or an overflow. */
#define MAX_VALUE      1e15   /* any number: sums of products of them stay finite */
#define MAX_LOG_SPREAD 1e6    /* lognormal p90 / p10 */
#define MAX_ITEMS      100000 /* milestones, risks, resources, history entries */
#define MAX_SMALL      1000   /* roles, options, groups, 'after' entries of one milestone */
#define MAX_STRING     4096   /* characters of a text */
#define MAX_ID         128    /* characters of an id */

/* ==== Small helpers ==== */

char *pb__strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static int line_of(const config_setting_t *st)
{
    return st ? (int)config_setting_source_line(st) : 0;
}

pb_status pb__bad(const pb__origin *o, const config_setting_t *st, const char *fmt, ...)
{
    if (!o->err)
        return o->code;
    int line = o->fragment ? 0 : line_of(st);
    if (line <= 0)
        line = o->line;
    o->err->code = o->code;
    o->err->line = line > 0 ? line : 0;
    snprintf(o->err->file, sizeof o->err->file, "%s", o->file ? o->file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->err->msg, sizeof o->err->msg, fmt, ap);
    va_end(ap);
    return o->code;
}

static const char *type_name(const config_setting_t *st)
{
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        return "an integer";
    case CONFIG_TYPE_FLOAT:
        return "a number";
    case CONFIG_TYPE_STRING:
        return "a string";
    case CONFIG_TYPE_BOOL:
        return "a boolean";
    case CONFIG_TYPE_ARRAY:
        return "an array";
    case CONFIG_TYPE_LIST:
        return "a list";
    case CONFIG_TYPE_GROUP:
        return "a group";
    }
    return "nothing";
}

static bool is_number(const config_setting_t *st)
{
    int t = config_setting_type(st);
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double number_of(const config_setting_t *st)
{
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
        return config_setting_get_int(st);
    case CONFIG_TYPE_INT64:
        return (double)config_setting_get_int64(st);
    default:
        return config_setting_get_float(st);
    }
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *pb__suggest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = 99, limit = strlen(word) / 3;
    if (limit < 1)
        limit = 1;
    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, names[i]);
        if (d <= limit && d < best_d) {
            best = names[i];
            best_d = d;
        }
    }
    return best;
}

/* Refuse members of 'group' not in allowed[] (NULL-terminated). */
static pb_status check_keys(const pb__origin *o, const config_setting_t *group, const char *where,
                            const char *const *allowed)
{
    size_t n_allowed = 0;
    while (allowed[n_allowed])
        n_allowed++;
    int n = config_setting_length(group);
    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(m);
        if (!name)
            continue;
        bool ok = false;
        for (size_t k = 0; k < n_allowed && !ok; k++)
            ok = strcmp(name, allowed[k]) == 0;
        if (ok)
            continue;
        const char *s = pb__suggest(name, allowed, n_allowed);
        if (s)
            return pb__bad(o, m, "unknown setting '%s' in %s; did you mean '%s'?", name, where, s);
        char list[400] = "";
        for (size_t k = 0; k < n_allowed; k++) {
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s'%s'", k ? ", " : "", allowed[k]);
        }
        return pb__bad(o, m, "unknown setting '%s' in %s (valid: %s)", name, where, list);
    }
    return PB_OK;
}

pb_status pb__number(const pb__origin *o, const config_setting_t *st, const char *what, double lo,
                     double *out)
{
    if (!is_number(st))
        return pb__bad(o, st, "'%s' must be a number, got %s", what, type_name(st));
    double v = number_of(st);
    if (!isfinite(v))
        return pb__bad(o, st, "'%s' must be a finite number", what);
    if (v < lo)
        return pb__bad(o, st, "'%s' must be >= %g, got %g", what, lo, v);
    if (fabs(v) > MAX_VALUE)
        return pb__bad(o, st, "'%s' must be at most %g in size, got %g", what, MAX_VALUE, v);
    *out = v;
    return PB_OK;
}

pb_status pb__int(const pb__origin *o, const config_setting_t *st, const char *what, int lo, int hi,
                  int *out)
{
    if (!is_number(st))
        return pb__bad(o, st, "'%s' must be a whole number, got %s", what, type_name(st));
    double v = number_of(st);
    if (!isfinite(v) || v != floor(v))
        return pb__bad(o, st, "'%s' must be a whole number, got %g", what, v);
    if (v < lo)
        return pb__bad(o, st, "'%s' must be >= %d, got %g", what, lo, v);
    if (v > hi)
        return pb__bad(o, st, "'%s' must be <= %d, got %g", what, hi, v);
    *out = (int)v;
    return PB_OK;
}

/* Is s well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF)? */
static bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p, n;
        unsigned long cp;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (unsigned k = 1; k <= n; k++) {
            if ((p[k] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (p[k] & 0x3f);
        }
        static const unsigned long least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        p += n + 1;
    }
    return true;
}

static pb_status get_string(const pb__origin *o, const config_setting_t *st, const char *what,
                            bool nonempty, char **out)
{
    if (config_setting_type(st) != CONFIG_TYPE_STRING)
        return pb__bad(o, st, "'%s' must be a string, got %s", what, type_name(st));
    const char *v = config_setting_get_string(st);
    if (nonempty && !*v)
        return pb__bad(o, st, "'%s' must not be empty", what);
    if (strlen(v) > MAX_STRING)
        return pb__bad(o, st, "'%s' is %zu characters long; at most %d", what, strlen(v),
                       MAX_STRING);
    if (!utf8_valid(v))
        return pb__bad(o, st, "'%s' is not valid UTF-8 text (save the file as UTF-8)", what);
    char *p = pb__strdup(v);
    if (!p)
        return pb__bad(o, st, "out of memory");
    free(*out);
    *out = p;
    return PB_OK;
}

static pb_status get_bool(const pb__origin *o, const config_setting_t *st, const char *what,
                          bool *out)
{
    if (config_setting_type(st) != CONFIG_TYPE_BOOL)
        return pb__bad(o, st, "'%s' must be true or false, got %s", what, type_name(st));
    *out = config_setting_get_bool(st);
    return PB_OK;
}

/* ids name things on the command line ("milestones.ID.effort"): no dots or spaces */
static pb_status get_id(const pb__origin *o, const config_setting_t *st, const char *what,
                        char **out)
{
    pb_status rc = get_string(o, st, what, true, out);
    if (rc)
        return rc;
    if (strlen(*out) > MAX_ID)
        return pb__bad(o, st, "'%s' is %zu characters long; an id has at most %d", what,
                       strlen(*out), MAX_ID);
    for (const char *p = *out; *p; p++) {
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') || ('0' <= *p && *p <= '9') ||
              *p == '_' || *p == '-'))
            return pb__bad(o, st, "'%s' may hold only letters, digits, '_' and '-', got '%s'", what,
                           *out);
    }
    return PB_OK;
}

/* A list or array of strings (a lone string is accepted as a list of one). */
static pb_status get_strings(const pb__origin *o, const config_setting_t *st, const char *what,
                             char ***out, size_t *n_out)
{
    int t = config_setting_type(st);
    size_t n;
    if (t == CONFIG_TYPE_STRING)
        n = 1;
    else if (t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST)
        n = (size_t)config_setting_length(st);
    else
        return pb__bad(o, st, "'%s' must be a list of ids like [\"a\", \"b\"], got %s", what,
                       type_name(st));
    if (n > MAX_SMALL && strcmp(what, "drop"))
        return pb__bad(o, st, "'%s' has %zu entries; at most %d", what, n, MAX_SMALL);
    char **v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e =
            t == CONFIG_TYPE_STRING ? st : config_setting_get_elem(st, (unsigned)i);
        pb_status rc = get_id(o, e, what, &v[i]);
        if (rc) {
            for (size_t k = 0; k <= i; k++)
                free(v[k]);
            free(v);
            return rc;
        }
    }
    for (size_t i = 0; i < *n_out; i++)
        free((*out)[i]);
    free(*out);
    *out = v;
    *n_out = n;
    return PB_OK;
}

/* ==== Estimates ==== */

static const char *const DIST_NAMES[] = {"fixed",     "pert",   "triangular", "uniform",
                                         "lognormal", "normal", NULL};
static const char *const KEYS_FIXED[] = {"dist", "value", NULL};
static const char *const KEYS_PERT[] = {"dist", "min", "mode", "max", "lambda", NULL};
static const char *const KEYS_TRI[] = {"dist", "min", "mode", "max", NULL};
static const char *const KEYS_UNIFORM[] = {"dist", "min", "max", NULL};
static const char *const KEYS_LOGN[] = {"dist", "p10", "p90", NULL};
static const char *const KEYS_NORMAL[] = {"dist", "mean", "sd", NULL};

static pb_status dist_member(const pb__origin *o, const config_setting_t *g, const char *what,
                             const char *key, bool required, double lo, double *out)
{
    const config_setting_t *m = config_setting_get_member(g, key);
    if (!m) {
        if (!required)
            return PB_OK;
        return pb__bad(o, g, "'%s' needs '%s'", what, key);
    }
    char name[128];
    snprintf(name, sizeof name, "%s.%s", what, key);
    return pb__number(o, m, name, lo, out);
}

pb_status pb__estimate(const pb__origin *o, const config_setting_t *st, const char *what,
                       pb_dist *out)
{
    int t = config_setting_type(st);
    pb_dist d;
    pb_status rc = PB_OK;
    if (is_number(st)) {
        double v;
        if ((rc = pb__number(o, st, what, 0.0, &v)))
            return rc;
        d = pb_dist_fixed(v);
    } else if (t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST) {
        if (config_setting_length(st) != 3)
            return pb__bad(o, st,
                           "'%s' as a list must be a three-point estimate [min, most likely, max], "
                           "got %d values",
                           what, config_setting_length(st));
        double v[3];
        for (unsigned i = 0; i < 3; i++) {
            const config_setting_t *e = config_setting_get_elem(st, i);
            if (!is_number(e))
                return pb__bad(o, st, "'%s' must hold numbers [min, most likely, max], got %s",
                               what, type_name(e));
            v[i] = number_of(e);
            if (!isfinite(v[i]) || v[i] < 0)
                return pb__bad(o, st, "'%s' values must be finite and >= 0, got %g", what, v[i]);
        }
        d = pb_dist_pert(v[0], v[1], v[2]);
    } else if (t == CONFIG_TYPE_GROUP) {
        const config_setting_t *k = config_setting_get_member(st, "dist");
        if (!k)
            return pb__bad(o, st,
                           "'%s' needs 'dist' (one of fixed, pert, triangular, uniform, "
                           "lognormal, normal)",
                           what);
        if (config_setting_type(k) != CONFIG_TYPE_STRING)
            return pb__bad(o, k, "'%s.dist' must be a string, got %s", what, type_name(k));
        const char *name = config_setting_get_string(k);
        char where[160];
        snprintf(where, sizeof where, "'%s'", what);
        memset(&d, 0, sizeof d);
        d.lambda = 4.0;
        if (!strcmp(name, "fixed")) {
            d.kind = PB_DIST_FIXED;
            if (!(rc = check_keys(o, st, where, KEYS_FIXED)))
                rc = dist_member(o, st, what, "value", true, 0.0, &d.value);
        } else if (!strcmp(name, "pert") || !strcmp(name, "triangular")) {
            bool pert = name[0] == 'p';
            d.kind = pert ? PB_DIST_PERT : PB_DIST_TRIANGULAR;
            if (!(rc = check_keys(o, st, where, pert ? KEYS_PERT : KEYS_TRI)) &&
                !(rc = dist_member(o, st, what, "min", true, 0.0, &d.min)) &&
                !(rc = dist_member(o, st, what, "mode", true, 0.0, &d.mode)) &&
                !(rc = dist_member(o, st, what, "max", true, 0.0, &d.max)) && pert)
                rc = dist_member(o, st, what, "lambda", false, 0.0, &d.lambda);
        } else if (!strcmp(name, "uniform")) {
            d.kind = PB_DIST_UNIFORM;
            if (!(rc = check_keys(o, st, where, KEYS_UNIFORM)) &&
                !(rc = dist_member(o, st, what, "min", true, 0.0, &d.min)))
                rc = dist_member(o, st, what, "max", true, 0.0, &d.max);
        } else if (!strcmp(name, "lognormal")) {
            d.kind = PB_DIST_LOGNORMAL;
            if (!(rc = check_keys(o, st, where, KEYS_LOGN)) &&
                !(rc = dist_member(o, st, what, "p10", true, 0.0, &d.p10)))
                rc = dist_member(o, st, what, "p90", true, 0.0, &d.p90);
        } else if (!strcmp(name, "normal")) {
            d.kind = PB_DIST_NORMAL;
            if (!(rc = check_keys(o, st, where, KEYS_NORMAL)) &&
                !(rc = dist_member(o, st, what, "mean", true, -HUGE_VAL, &d.mean)))
                rc = dist_member(o, st, what, "sd", true, 0.0, &d.sd);
        } else {
            const char *s = pb__suggest(name, DIST_NAMES, 6);
            if (s)
                return pb__bad(o, k, "unknown distribution '%s' in '%s'; did you mean '%s'?", name,
                               what, s);
            return pb__bad(o, k,
                           "unknown distribution '%s' in '%s' (valid: fixed, pert, triangular, "
                           "uniform, lognormal, normal)",
                           name, what);
        }
        if (rc)
            return rc;
    } else {
        return pb__bad(o, st,
                       "'%s' must be a number, a three-point estimate [min, most likely, max] or "
                       "a group with 'dist', got %s",
                       what, type_name(st));
    }
    pb_error e;
    if (pb_dist_validate(&d, &e))
        return pb__bad(o, st, "'%s': %s", what, e.msg);
    double params[] = {d.value, d.min, d.mode, d.max, d.p10, d.p90, d.mean, d.sd, d.lambda};
    for (size_t k = 0; k < sizeof params / sizeof *params; k++)
        if (fabs(params[k]) > MAX_VALUE)
            return pb__bad(o, st, "'%s': values must be at most %g in size, got %g", what,
                           MAX_VALUE, params[k]);
    if (d.kind == PB_DIST_LOGNORMAL && d.p90 > MAX_LOG_SPREAD * d.p10)
        return pb__bad(o, st,
                       "'%s': 'p90' may be at most %g times 'p10' (got %g and %g); a wider "
                       "lognormal has no useful planning meaning",
                       what, MAX_LOG_SPREAD, d.p10, d.p90);
    *out = d;
    return PB_OK;
}

/* ==== Milestones and risks ==== */

static const char *const KEYS_MILESTONE[] = {
    "id",     "name",   "after",  "duration", "effort", "role",        "people",
    "cost",   "rate",   "needs",  "optional", "value",  "deliverable", "done",
    "active", "source", "rounds", "growth",   NULL};

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
    if (is_number(st)) {
        int k;
        pb_status rc = pb__int(o, st, "people", 1, 100000, &k);
        if (!rc)
            m->people_min = m->people_max = k;
        return rc;
    }
    if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || config_setting_length(st) != 2)
        return pb__bad(o, st, "'people' must be [min, max] or a whole number, got %s",
                       type_name(st));
    int lo, hi;
    pb_status rc;
    if ((rc = pb__int(o, config_setting_get_elem(st, 0), "people", 1, 100000, &lo)) ||
        (rc = pb__int(o, config_setting_get_elem(st, 1), "people", 1, 100000, &hi)))
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
                       type_name(st));
    size_t n = (size_t)config_setting_length(st);
    pb_need *v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(st, (unsigned)i);
        char what[128];
        snprintf(what, sizeof what, "needs.%s", config_setting_name(e));
        v[i].line = line_of(e);
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
                       type_name(st));
    pb_status rc = check_keys(o, st, "'rounds'", KEYS_ROUNDS);
    if (rc)
        return rc;
    const config_setting_t *sx = config_setting_get_member(st, "success");
    const config_setting_t *mx = config_setting_get_member(st, "max");
    if (!sx || !mx)
        return pb__bad(o, st, "'rounds' needs 'success' (per-round probability) and 'max'");
    pb_rounds r = {0};
    r.line = line_of(st);
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

pb_status pb__milestone_field(const pb__origin *o, pb_milestone *m, const char *key,
                              const config_setting_t *st)
{
    if (!strcmp(key, "id"))
        return get_id(o, st, "id", &m->id);
    if (!strcmp(key, "name"))
        return get_string(o, st, "name", false, &m->name);
    if (!strcmp(key, "after"))
        return get_strings(o, st, "after", &m->after, &m->n_after);
    if (!strcmp(key, "duration")) {
        pb_status rc = pb__estimate(o, st, "duration", &m->duration);
        if (!rc) {
            m->has_duration = true;
            m->has_effort = false;
        }
        return rc;
    }
    if (!strcmp(key, "effort")) {
        pb_status rc = pb__estimate(o, st, "effort", &m->effort);
        if (!rc) {
            m->has_effort = true;
            m->has_duration = false;
        }
        return rc;
    }
    if (!strcmp(key, "role")) {
        char *r = NULL;
        pb_status rc = get_string(o, st, "role", false, &r);
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
    if (!strcmp(key, "people"))
        return parse_people(o, m, st);
    if (!strcmp(key, "cost")) {
        pb_status rc = pb__estimate(o, st, "cost", &m->cost);
        if (!rc)
            m->has_cost = true;
        return rc;
    }
    if (!strcmp(key, "rate"))
        return pb__number(o, st, "rate", 0.0, &m->rate);
    if (!strcmp(key, "needs"))
        return parse_needs(o, m, st);
    if (!strcmp(key, "optional"))
        return get_bool(o, st, "optional", &m->optional);
    if (!strcmp(key, "deliverable"))
        return get_bool(o, st, "deliverable", &m->deliverable);
    if (!strcmp(key, "value"))
        return pb__number(o, st, "value", 0.0, &m->value);
    if (!strcmp(key, "done") || !strcmp(key, "active") || !strcmp(key, "source"))
        return PB_OK; /* actuals and sources: read and checked by track.c, calibrate_read.c */
    if (!strcmp(key, "rounds"))
        return parse_rounds(o, m, st);
    if (!strcmp(key, "growth")) {
        pb_status rc = pb__estimate(o, st, "growth", &m->growth);
        if (!rc)
            m->has_growth = true;
        return rc;
    }
    const char *s =
        pb__suggest(key, KEYS_MILESTONE, sizeof KEYS_MILESTONE / sizeof *KEYS_MILESTONE - 1);
    if (s)
        return pb__bad(o, st, "unknown milestone setting '%s'; did you mean '%s'?", key, s);
    return pb__bad(o, st, "unknown milestone setting '%s'", key);
}

static const char *const KEYS_RISK[] = {"id",   "name",   "probability", "milestone", "delay",
                                        "cost", "status", "passed",      "happened",  NULL};

pb_status pb__risk_field(const pb__origin *o, pb_risk *r, const char *key,
                         const config_setting_t *st)
{
    if (!strcmp(key, "id"))
        return get_id(o, st, "id", &r->id);
    if (!strcmp(key, "name"))
        return get_string(o, st, "name", false, &r->name);
    if (!strcmp(key, "milestone"))
        return get_id(o, st, "milestone", &r->milestone);
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
    const char *s = pb__suggest(key, KEYS_RISK, 9);
    if (s)
        return pb__bad(o, st, "unknown risk setting '%s'; did you mean '%s'?", key, s);
    return pb__bad(o, st, "unknown risk setting '%s'", key);
}

/* ==== Sections ==== */

/* A list of groups (libconfig list or, leniently, an array cannot hold groups). */
static pb_status get_list(const pb__origin *o, const config_setting_t *st, const char *what)
{
    if (config_setting_type(st) != CONFIG_TYPE_LIST)
        return pb__bad(o, st, "'%s' must be a list of groups ( { ... }, { ... } ), got %s", what,
                       type_name(st));
    int limit = !strcmp(what, "milestones") || !strcmp(what, "risks") ||
                        !strcmp(what, "resources") || !strcmp(what, "history")
                    ? MAX_ITEMS
                    : MAX_SMALL;
    if (config_setting_length(st) > limit)
        return pb__bad(o, st, "'%s' has %d entries; at most %d", what, config_setting_length(st),
                       limit);
    for (int i = 0; i < config_setting_length(st); i++) {
        const config_setting_t *e = config_setting_get_elem(st, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP)
            return pb__bad(o, e, "each entry of '%s' must be a group { ... }, got %s", what,
                           type_name(e));
    }
    return PB_OK;
}

static pb_status get_group(const pb__origin *o, const config_setting_t *st, const char *what)
{
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st, "'%s' must be a group { ... }, got %s", what, type_name(st));
    return PB_OK;
}

static pb_status parse_milestones(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "milestones");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    if (n == 0)
        return pb__bad(o, st, "'milestones' is empty: a plan needs at least one milestone");
    s->milestones = calloc(n, sizeof *s->milestones);
    if (!s->milestones)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        pb_milestone *m = &s->milestones[i];
        s->n_milestones = i + 1;
        m->line = line_of(g);
        if ((rc = check_keys(o, g, "a milestone", KEYS_MILESTONE)))
            return rc;
        if (!config_setting_get_member(g, "id"))
            return pb__bad(o, g, "milestone %zu has no 'id'", i + 1);
        if (config_setting_get_member(g, "duration") && config_setting_get_member(g, "effort"))
            return pb__bad(o, g,
                           "a milestone takes 'duration' (calendar time) or 'effort' (person-units "
                           "of a 'role'), not both");
        for (int k = 0; k < config_setting_length(g); k++) {
            const config_setting_t *f = config_setting_get_elem(g, (unsigned)k);
            if ((rc = pb__milestone_field(o, m, config_setting_name(f), f)))
                return rc;
        }
        if (!m->name && !(m->name = pb__strdup(m->id)))
            return pb__bad(o, g, "out of memory");
    }
    return PB_OK;
}

static pb_status parse_risks(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "risks");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->risks = calloc(n ? n : 1, sizeof *s->risks);
    if (!s->risks)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        pb_risk *r = &s->risks[i];
        s->n_risks = i + 1;
        r->line = line_of(g);
        if ((rc = check_keys(o, g, "a risk", KEYS_RISK)))
            return rc;
        static const char *const required[] = {"id", "probability", "milestone", "delay"};
        for (size_t k = 0; k < 4; k++)
            if (!config_setting_get_member(g, required[k]))
                return pb__bad(o, g, "risk %zu has no '%s'", i + 1, required[k]);
        for (int k = 0; k < config_setting_length(g); k++) {
            const config_setting_t *f = config_setting_get_elem(g, (unsigned)k);
            if ((rc = pb__risk_field(o, r, config_setting_name(f), f)))
                return rc;
        }
        if (!r->name && !(r->name = pb__strdup(r->id)))
            return pb__bad(o, g, "out of memory");
    }
    return PB_OK;
}

static const char *const KEYS_ROLE[] = {"role", "people", "rate", "labour", NULL};

pb_status pb__labour(const pb__origin *o, const config_setting_t *f, pb_labour *out)
{
    if (config_setting_type(f) != CONFIG_TYPE_STRING)
        return pb__bad(o, f, "'labour' must be \"allocated\" or \"worked\"");
    const char *v = config_setting_get_string(f);
    if (!strcmp(v, "allocated"))
        *out = PB_LABOUR_ALLOCATED;
    else if (!strcmp(v, "worked"))
        *out = PB_LABOUR_WORKED;
    else
        return pb__bad(o, f, "'labour' must be \"allocated\" or \"worked\", got \"%s\"", v);
    return PB_OK;
}

static pb_status parse_team(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "team");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->roles = calloc(n ? n : 1, sizeof *s->roles);
    if (!s->roles)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i), *f;
        pb_role *r = &s->roles[i];
        s->n_roles = i + 1;
        r->line = line_of(g);
        if ((rc = check_keys(o, g, "a team entry", KEYS_ROLE)))
            return rc;
        if (!(f = config_setting_get_member(g, "role")))
            return pb__bad(o, g, "team entry %zu has no 'role'", i + 1);
        if ((rc = get_id(o, f, "role", &r->name)))
            return rc;
        if (!(f = config_setting_get_member(g, "people")))
            return pb__bad(o, g, "team entry '%s' has no 'people'", r->name);
        if ((rc = pb__int(o, f, "people", 0, 100000, &r->people)))
            return rc;
        if ((f = config_setting_get_member(g, "rate")) &&
            (rc = pb__number(o, f, "rate", 0.0, &r->rate)))
            return rc;
        if ((f = config_setting_get_member(g, "labour")) && (rc = pb__labour(o, f, &r->labour)))
            return rc;
    }
    return PB_OK;
}

static const char *const KEYS_RESOURCE[] = {"id", "cost", NULL};

static pb_status parse_resources(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "resources");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->resources = calloc(n ? n : 1, sizeof *s->resources);
    if (!s->resources)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i), *f;
        pb_resource *r = &s->resources[i];
        s->n_resources = i + 1;
        r->line = line_of(g);
        if ((rc = check_keys(o, g, "a resource", KEYS_RESOURCE)))
            return rc;
        if (!(f = config_setting_get_member(g, "id")))
            return pb__bad(o, g, "resource %zu has no 'id'", i + 1);
        if ((rc = get_id(o, f, "id", &r->id)))
            return rc;
        if ((f = config_setting_get_member(g, "cost")) &&
            (rc = pb__number(o, f, "cost", 0.0, &r->cost)))
            return rc;
    }
    return PB_OK;
}

static const char *const KEYS_CORR[] = {"shared", "groups", NULL};
static const char *const KEYS_GROUP[] = {"milestones", "rho", NULL};

static pb_status parse_correlation(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = get_group(o, st, "correlation")) ||
        (rc = check_keys(o, st, "'correlation'", KEYS_CORR)))
        return rc;
    if ((f = config_setting_get_member(st, "shared"))) {
        if ((rc = pb__estimate(o, f, "shared", &s->shared)))
            return rc;
        s->has_shared = true;
        s->shared_line = line_of(f);
    }
    if (!(f = config_setting_get_member(st, "groups")))
        return PB_OK;
    if ((rc = get_list(o, f, "groups")))
        return rc;
    size_t n = (size_t)config_setting_length(f);
    s->groups = calloc(n ? n : 1, sizeof *s->groups);
    if (!s->groups)
        return pb__bad(o, f, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(f, (unsigned)i), *m;
        pb_group *gr = &s->groups[i];
        s->n_groups = i + 1;
        gr->line = line_of(g);
        if ((rc = check_keys(o, g, "a correlation group", KEYS_GROUP)))
            return rc;
        if (!(m = config_setting_get_member(g, "milestones")))
            return pb__bad(o, g, "correlation group %zu has no 'milestones'", i + 1);
        if ((rc = get_strings(o, m, "milestones", &gr->milestones, &gr->n_milestones)))
            return rc;
        if (gr->n_milestones < 2)
            return pb__bad(o, m, "a correlation group needs at least 2 milestones, got %zu",
                           gr->n_milestones);
        if (!(gr->id = pb__strdup(gr->milestones[0])))
            return pb__bad(o, m, "out of memory");
        if (!(m = config_setting_get_member(g, "rho")))
            return pb__bad(o, g, "correlation group %zu has no 'rho'", i + 1);
        if ((rc = pb__number(o, m, "rho", -HUGE_VAL, &gr->rho)))
            return rc;
        if (gr->rho < 0 || gr->rho > 1)
            return pb__bad(o, m,
                           "'rho' must be in [0, 1] (a rank correlation between members), "
                           "got %g",
                           gr->rho);
    }
    return PB_OK;
}

static const char *const KEYS_ASK[] = {"deadline", "budget", "confidence", NULL};
static const char *const KEYS_MANAGER[] = {"deadline", "people", "budget", "interests", NULL};

static pb_status parse_ask(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = get_group(o, st, "ask")) || (rc = check_keys(o, st, "'ask'", KEYS_ASK)))
        return rc;
    if ((f = config_setting_get_member(st, "deadline")) &&
        (rc = pb__number(o, f, "deadline", 0.0, &s->ask_deadline)))
        return rc;
    if ((f = config_setting_get_member(st, "budget")) &&
        (rc = pb__number(o, f, "budget", 0.0, &s->ask_budget)))
        return rc;
    if ((f = config_setting_get_member(st, "confidence"))) {
        if ((rc = pb__number(o, f, "confidence", -HUGE_VAL, &s->ask_confidence)))
            return rc;
        if (s->ask_confidence <= 0 || s->ask_confidence >= 1)
            return pb__bad(o, f, "'confidence' must be in (0, 1), e.g. 0.8, got %g",
                           s->ask_confidence);
    }
    return PB_OK;
}

static pb_status parse_manager(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = get_group(o, st, "manager")) || (rc = check_keys(o, st, "'manager'", KEYS_MANAGER)))
        return rc;
    s->has_manager = true;
    if ((f = config_setting_get_member(st, "deadline")) &&
        (rc = pb__number(o, f, "deadline", 0.0, &s->manager_deadline)))
        return rc;
    if ((f = config_setting_get_member(st, "budget")) &&
        (rc = pb__number(o, f, "budget", 0.0, &s->manager_budget)))
        return rc;
    if ((f = config_setting_get_member(st, "people")) &&
        (rc = pb__int(o, f, "people", 0, 100000, &s->manager_people)))
        return rc;
    if ((f = config_setting_get_member(st, "interests")) && (rc = pb__parse_interests(o, s, f)))
        return rc;
    return PB_OK;
}

static const char *const KEYS_HISTORY[] = {"name", "duration", "people", "size", "estimate", NULL};

static pb_status parse_history(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "history");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->history = calloc(n ? n : 1, sizeof *s->history);
    if (!s->history)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i), *f;
        pb_history *h = &s->history[i];
        s->n_history = i + 1;
        h->line = line_of(g);
        h->size = 1.0;
        h->people = -1;
        if ((rc = check_keys(o, g, "a history entry", KEYS_HISTORY)))
            return rc;
        if (!(f = config_setting_get_member(g, "name")))
            return pb__bad(o, g, "history entry %zu has no 'name'", i + 1);
        if ((rc = get_string(o, f, "name", true, &h->name)))
            return rc;
        if (!(f = config_setting_get_member(g, "duration")))
            return pb__bad(o, g, "history entry '%s' has no 'duration'", h->name);
        if ((rc = pb__number(o, f, "duration", 0.0, &h->duration)))
            return rc;
        if ((f = config_setting_get_member(g, "people")) &&
            (rc = pb__int(o, f, "people", 0, 100000, &h->people)))
            return rc;
        if ((f = config_setting_get_member(g, "size"))) {
            if ((rc = pb__number(o, f, "size", 0.0, &h->size)))
                return rc;
            if (h->size <= 0)
                return pb__bad(o, f, "'size' must be > 0 (1 = the same size as this proposal)");
        }
    }
    return PB_OK;
}

static const char *const KEYS_PROPOSAL[] = {"idea",       "value",     "scenarios", "demo",
                                            "literature", "datasets",  "data",      "approaches",
                                            "system",     "resources", NULL};
static const char *const KEYS_VALUE[] = {"claim", "amount", "unit", "source", NULL};
static const char *const KEYS_DATASET[] = {"name", "license", "commercial", "volume", NULL};
static const char *const KEYS_LITERATURE[] = {"novelty", "reuse", NULL};
static const char *const KEYS_REUSE[] = {"name", "license", "url", NULL};
static const char *const KEYS_DATA[] = {"volume",     "unit",      "collection",
                                        "annotation", "synthetic", NULL};
static const char *const KEYS_APPROACH[] = {"name", "pros", "cons", "chosen", NULL};
static const char *const KEYS_SYSTEM[] = {"owned", "integrated", NULL};
static const char *const KEYS_RESOURCES[] = {"machines", "storage", "people", NULL};

/* A list of groups, each checked against 'keys'; *n gets the count. */
static pb_status group_list(const pb__origin *o, const config_setting_t *f, const char *what,
                            const char *where, const char *const *keys, size_t *n)
{
    pb_status rc = get_list(o, f, what);
    if (rc)
        return rc;
    for (int i = 0; i < config_setting_length(f); i++)
        if ((rc = check_keys(o, config_setting_get_elem(f, (unsigned)i), where, keys)))
            return rc;
    *n = (size_t)config_setting_length(f);
    return PB_OK;
}

/* How many entries of list f have member 'key' (and, if nonempty, a nonempty string). */
/* Sum of the entries' amounts that are rates ("EUR/year"), per day. */
static double value_per_day(const config_setting_t *f)
{
    static const char *const period[] = {"day", "week", "month", "year"};
    static const double days[] = {1.0, 7.0, 30.4375, 365.25};
    double sum = 0;
    for (int i = 0; i < config_setting_length(f); i++) {
        const config_setting_t *g = config_setting_get_elem(f, (unsigned)i);
        const config_setting_t *a = config_setting_get_member(g, "amount");
        const char *u = NULL, *slash;
        double x;
        if (!a || !config_setting_lookup_string(g, "unit", &u) || !(slash = strrchr(u, '/')))
            continue;
        int t = config_setting_type(a);
        if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT)
            continue;
        x = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(a)
                                   : (double)config_setting_get_int64(a);
        for (int k = 0; k < 4; k++)
            if (!strncmp(slash + 1, period[k], strlen(period[k])) && isfinite(x) && x > 0)
                sum += x / days[k];
    }
    return sum;
}

static size_t count_member(const config_setting_t *f, const char *key)
{
    size_t k = 0;
    for (int i = 0; i < config_setting_length(f); i++) {
        const config_setting_t *m =
            config_setting_get_member(config_setting_get_elem(f, (unsigned)i), key);
        if (m && !(config_setting_type(m) == CONFIG_TYPE_STRING && !*config_setting_get_string(m)))
            k++;
    }
    return k;
}

/* An optional string member of group g. */
static pb_status opt_string(const pb__origin *o, const config_setting_t *g, const char *key,
                            char **out)
{
    const config_setting_t *f = config_setting_get_member(g, key);
    return f ? get_string(o, f, key, false, out) : PB_OK;
}

/* A list of strings; *n gets the count. */
static pb_status string_list(const pb__origin *o, const config_setting_t *f, const char *what,
                             size_t *n)
{
    int t = config_setting_type(f);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
        return pb__bad(o, f, "'%s' must be a list of strings [\"...\", \"...\"], got %s", what,
                       type_name(f));
    for (int i = 0; i < config_setting_length(f); i++)
        if (config_setting_type(config_setting_get_elem(f, (unsigned)i)) != CONFIG_TYPE_STRING)
            return pb__bad(o, f, "'%s' must hold strings", what);
    *n = (size_t)config_setting_length(f);
    return PB_OK;
}

static pb_status parse_proposal(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f, *g;
    pb_proposal *pp = &s->proposal;
    if ((rc = get_group(o, st, "proposal")) ||
        (rc = check_keys(o, st, "'proposal'", KEYS_PROPOSAL)))
        return rc;
    pp->present = true;
    pp->line = line_of(st);
    if ((rc = opt_string(o, st, "idea", &pp->idea)) || (rc = opt_string(o, st, "demo", &pp->demo)))
        return rc;
    if ((f = config_setting_get_member(st, "value"))) {
        if ((rc = group_list(o, f, "value", "a 'value' entry", KEYS_VALUE, &pp->n_value)))
            return rc;
        pp->n_value_amount = count_member(f, "amount");
        pp->value_per_day = value_per_day(f);
        pp->n_value_source = count_member(f, "source");
    }
    if ((f = config_setting_get_member(st, "scenarios")) &&
        (rc = string_list(o, f, "scenarios", &pp->n_scenarios)))
        return rc;
    if ((f = config_setting_get_member(st, "literature"))) {
        if ((rc = get_group(o, f, "literature")) ||
            (rc = check_keys(o, f, "'literature'", KEYS_LITERATURE)) ||
            (rc = opt_string(o, f, "novelty", &pp->novelty)))
            return rc;
        pp->has_literature = true;
        if ((g = config_setting_get_member(f, "reuse"))) {
            if ((rc = group_list(o, g, "reuse", "a 'reuse' entry", KEYS_REUSE, &pp->n_reuse)))
                return rc;
            pp->n_reuse_license = count_member(g, "license");
        }
    }
    if ((f = config_setting_get_member(st, "datasets"))) {
        if ((rc =
                 group_list(o, f, "datasets", "a 'datasets' entry", KEYS_DATASET, &pp->n_datasets)))
            return rc;
        pp->n_datasets_license = count_member(f, "license");
        pp->n_datasets_commercial = count_member(f, "commercial");
    }
    pp->data_volume = NAN;
    if ((f = config_setting_get_member(st, "data"))) {
        if ((rc = get_group(o, f, "data")) || (rc = check_keys(o, f, "'data'", KEYS_DATA)))
            return rc;
        pp->has_data = true;
        if ((g = config_setting_get_member(f, "volume")) &&
            (rc = pb__number(o, g, "volume", 0.0, &pp->data_volume)))
            return rc;
        if ((rc = opt_string(o, f, "collection", &pp->collection)) ||
            (rc = opt_string(o, f, "annotation", &pp->annotation)) ||
            (rc = opt_string(o, f, "synthetic", &pp->synthetic)))
            return rc;
    }
    if ((f = config_setting_get_member(st, "approaches"))) {
        if ((rc = group_list(o, f, "approaches", "an 'approaches' entry", KEYS_APPROACH,
                             &pp->n_approaches)))
            return rc;
        for (int i = 0; i < config_setting_length(f); i++) {
            const config_setting_t *e = config_setting_get_elem(f, (unsigned)i);
            if (config_setting_get_member(e, "pros") && config_setting_get_member(e, "cons"))
                pp->n_approaches_weighed++;
        }
    }
    if ((f = config_setting_get_member(st, "system"))) {
        if ((rc = get_group(o, f, "system")) || (rc = check_keys(o, f, "'system'", KEYS_SYSTEM)))
            return rc;
        if ((g = config_setting_get_member(f, "owned")) &&
            (rc = string_list(o, g, "owned", &pp->n_owned)))
            return rc;
        if ((g = config_setting_get_member(f, "integrated")) &&
            (rc = string_list(o, g, "integrated", &pp->n_integrated)))
            return rc;
    }
    if ((f = config_setting_get_member(st, "resources"))) {
        if ((rc = get_group(o, f, "resources")) ||
            (rc = check_keys(o, f, "'resources'", KEYS_RESOURCES)) ||
            (rc = opt_string(o, f, "machines", &pp->machines)) ||
            (rc = opt_string(o, f, "storage", &pp->storage)))
            return rc;
        if (pp->machines && strcmp(pp->machines, "local") && strcmp(pp->machines, "cloud") &&
            strcmp(pp->machines, "mixed"))
            return pb__bad(o, config_setting_get_member(f, "machines"),
                           "'machines' must be \"local\", \"cloud\" or \"mixed\", got \"%s\"",
                           pp->machines);
    }
    return PB_OK;
}

/* ==== Options ==== */

/* Append the libconfig text of st to buf (for option edits). */
static void unparse(const config_setting_t *st, char *buf, size_t cap)
{
    size_t len = strlen(buf);
    char *p = buf + len;
    size_t left = cap - len;
    if (left < 2)
        return;
    int n;
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
        snprintf(p, left, "%d", config_setting_get_int(st));
        return;
    case CONFIG_TYPE_INT64:
        snprintf(p, left, "%lldL", config_setting_get_int64(st));
        return;
    case CONFIG_TYPE_FLOAT:
        snprintf(p, left, "%.17g", config_setting_get_float(st));
        if (!strpbrk(p, ".eEin"))
            strncat(p, ".0", left - strlen(p) - 1);
        return;
    case CONFIG_TYPE_BOOL:
        snprintf(p, left, "%s", config_setting_get_bool(st) ? "true" : "false");
        return;
    case CONFIG_TYPE_STRING: {
        const char *s = config_setting_get_string(st);
        size_t k = 0;
        p[k++] = '"';
        for (; *s && k + 4 < left; s++) {
            if (*s == '"' || *s == '\\')
                p[k++] = '\\';
            if (*s == '\n') {
                p[k++] = '\\';
                p[k++] = 'n';
                continue;
            }
            p[k++] = *s;
        }
        p[k++] = '"';
        p[k] = '\0';
        return;
    }
    case CONFIG_TYPE_ARRAY:
    case CONFIG_TYPE_LIST:
    case CONFIG_TYPE_GROUP: {
        int t = config_setting_type(st);
        strncat(buf,
                t == CONFIG_TYPE_ARRAY  ? "["
                : t == CONFIG_TYPE_LIST ? "("
                                        : "{ ",
                cap - strlen(buf) - 1);
        n = config_setting_length(st);
        for (int i = 0; i < n; i++) {
            const config_setting_t *e = config_setting_get_elem(st, (unsigned)i);
            if (t == CONFIG_TYPE_GROUP) {
                strncat(buf, config_setting_name(e), cap - strlen(buf) - 1);
                strncat(buf, " = ", cap - strlen(buf) - 1);
            } else if (i) {
                strncat(buf, ", ", cap - strlen(buf) - 1);
            }
            unparse(e, buf, cap);
            if (t == CONFIG_TYPE_GROUP)
                strncat(buf, "; ", cap - strlen(buf) - 1);
        }
        strncat(buf,
                t == CONFIG_TYPE_ARRAY  ? "]"
                : t == CONFIG_TYPE_LIST ? ")"
                                        : "}",
                cap - strlen(buf) - 1);
        return;
    }
    }
}

static pb_status add_edit(const pb__origin *o, pb_option *op, const char *path,
                          const config_setting_t *st)
{
    char value[8192] = "";
    unparse(st, value, sizeof value);
    if (strlen(value) >= sizeof value - 8)
        return pb__bad(o, st, "value of '%s' is too long (at most 8000 characters)", path);
    pb_edit *v = realloc(op->edits, (op->n_edits + 1) * sizeof *v);
    if (!v)
        return pb__bad(o, st, "out of memory");
    op->edits = v;
    pb_edit *e = &v[op->n_edits];
    e->path = pb__strdup(path);
    e->value = pb__strdup(value);
    e->line = line_of(st);
    op->n_edits++;
    if (!e->path || !e->value)
        return pb__bad(o, st, "out of memory");
    return PB_OK;
}

static const char *const KEYS_OPTION[] = {"name", "kind", "team", "patch", "drop", NULL};
static const char *const KEYS_ALT[] = {"id", "kind", "team", "patch", "drop", NULL};
static const char *const KEYS_CHOICE[] = {"id", "name", "alternatives", NULL};

/* 'kind' (when given) into *out: one of pb_kind_name()'s words. */
static pb_status get_kind(const pb__origin *o, const config_setting_t *g, pb_kind *out)
{
    const config_setting_t *f = config_setting_get_member(g, "kind");
    *out = PB_KIND_OTHER;
    if (!f)
        return PB_OK;
    const char *v =
        config_setting_type(f) == CONFIG_TYPE_STRING ? config_setting_get_string(f) : "";
    for (int k = 0; k < PB_N_KINDS; k++)
        if (!strcmp(v, pb_kind_name((pb_kind)k))) {
            *out = (pb_kind)k;
            return PB_OK;
        }
    return pb__bad(o, f,
                   "unknown 'kind' \"%s\" (valid: in-house, vendor, crowd, synthetic, buy, "
                   "build, reuse, staffing, scope, other)",
                   v);
}

/* The patch list of an option or alternative, as edits. */
static pb_status parse_patch(const pb__origin *o, pb_option *op, const config_setting_t *f)
{
    pb_status rc = get_list(o, f, "patch");
    if (rc)
        return rc;
    for (int k = 0; k < config_setting_length(f); k++) {
        const config_setting_t *p = config_setting_get_elem(f, (unsigned)k);
        const config_setting_t *id = config_setting_get_member(p, "milestone");
        if (!id || config_setting_type(id) != CONFIG_TYPE_STRING)
            return pb__bad(o, p, "each 'patch' entry needs 'milestone = \"id\"'");
        const char *mid = config_setting_get_string(id);
        for (int j = 0; j < config_setting_length(p); j++) {
            const config_setting_t *e = config_setting_get_elem(p, (unsigned)j);
            const char *key = config_setting_name(e);
            if (!strcmp(key, "milestone"))
                continue;
            if (!strcmp(key, "id"))
                return pb__bad(o, e, "a patch cannot change a milestone's 'id'");
            char path[300];
            snprintf(path, sizeof path, "milestones.%s.%s", mid, key);
            if ((rc = add_edit(o, op, path, e)))
                return rc;
        }
    }
    return PB_OK;
}

/* One option (idkey "name") or alternative (idkey "id") from group g into op. */
static pb_status parse_option(const pb__origin *o, const config_setting_t *g, const char *idkey,
                              pb_option *op)
{
    pb_status rc;
    const config_setting_t *f;
    op->line = line_of(g);
    if (!(f = config_setting_get_member(g, idkey)))
        return pb__bad(o, g, "an %s has no '%s'", *idkey == 'n' ? "option" : "alternative", idkey);
    if ((rc = get_id(o, f, idkey, &op->name)))
        return rc;
    if (!strcmp(op->name, "base"))
        return pb__bad(o, f, "'base' names the plan without options; choose another name");
    if ((rc = get_kind(o, g, &op->kind)))
        return rc;
    if ((f = config_setting_get_member(g, "team"))) {
        if ((rc = get_group(o, f, "team")))
            return rc;
        for (int k = 0; k < config_setting_length(f); k++) {
            const config_setting_t *e = config_setting_get_elem(f, (unsigned)k);
            char path[300];
            snprintf(path, sizeof path, "team.%s", config_setting_name(e));
            if ((rc = add_edit(o, op, path, e)))
                return rc;
        }
    }
    if ((f = config_setting_get_member(g, "patch")) && (rc = parse_patch(o, op, f)))
        return rc;
    if ((f = config_setting_get_member(g, "drop")) &&
        (rc = get_strings(o, f, "drop", &op->drop, &op->n_drop)))
        return rc;
    return PB_OK;
}

/* Room for n more options and one more choice (zeroed). */
static pb_status grow_options(const pb__origin *o, pb_scenario *s, size_t n,
                              const config_setting_t *st)
{
    pb_option *v = realloc(s->options, (s->n_options + n + 1) * sizeof *v);
    if (v)
        s->options = v;
    pb_choice *c = v ? realloc(s->choices, (s->n_choices + 1) * sizeof *c) : NULL;
    if (c)
        s->choices = c;
    if (!v || !c)
        return pb__bad(o, st, "out of memory");
    memset(&s->choices[s->n_choices], 0, sizeof *c);
    memset(&s->options[s->n_options], 0, (n + 1) * sizeof *v);
    return PB_OK;
}

/* The v1 'options' list: one choice "options" whose first alternative is "base". */
static pb_status parse_options(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "options");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    if ((rc = grow_options(o, s, n, st)))
        return rc;
    pb_choice *c = &s->choices[s->n_choices++];
    c->line = line_of(st);
    if (!(c->id = pb__strdup("options")) || !(c->name = pb__strdup("Options")) ||
        !(c->base = pb__strdup("base")))
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        pb_option *op = &s->options[s->n_options++];
        op->choice = s->n_choices - 1;
        if ((rc = check_keys(o, g, "an option", KEYS_OPTION)) ||
            (rc = parse_option(o, g, "name", op)))
            return rc;
    }
    return PB_OK;
}

/* One entry of 'choices': its first alternative is the plan as written. */
static pb_status parse_choice(const pb__origin *o, pb_scenario *s, const config_setting_t *g)
{
    pb_status rc;
    const config_setting_t *f, *alts;
    if ((rc = check_keys(o, g, "a choice", KEYS_CHOICE)))
        return rc;
    if (!(alts = config_setting_get_member(g, "alternatives")))
        return pb__bad(o, g, "a choice needs 'alternatives' (the first is the plan as written)");
    if ((rc = get_list(o, alts, "alternatives")))
        return rc;
    size_t n = (size_t)config_setting_length(alts);
    if (n < 2)
        return pb__bad(o, alts, "a choice needs at least 2 alternatives, got %zu", n);
    if ((rc = grow_options(o, s, n - 1, g)))
        return rc;
    pb_choice *c = &s->choices[s->n_choices++];
    c->line = line_of(g);
    if (!(f = config_setting_get_member(g, "id")))
        return pb__bad(o, g, "a choice has no 'id'");
    if ((rc = get_id(o, f, "id", &c->id)) || ((f = config_setting_get_member(g, "name")) &&
                                              (rc = get_string(o, f, "name", false, &c->name))))
        return rc;
    if (!c->name && !(c->name = pb__strdup(c->id)))
        return pb__bad(o, g, "out of memory");
    for (size_t k = 0; k + 1 < s->n_choices; k++)
        if (!strcmp(s->choices[k].id, c->id))
            return pb__bad(o, g, "duplicate choice id '%s' (first on line %d)", c->id,
                           s->choices[k].line);
    const config_setting_t *a0 = config_setting_get_elem(alts, 0);
    if ((rc = check_keys(o, a0, "the first alternative", KEYS_ALT)))
        return rc;
    if (config_setting_get_member(a0, "team") || config_setting_get_member(a0, "patch") ||
        config_setting_get_member(a0, "drop"))
        return pb__bad(o, a0,
                       "the first alternative of choice '%s' is the plan as written: it takes "
                       "no 'team', 'patch' or 'drop' (change the plan, or add an alternative)",
                       c->id);
    if (!(f = config_setting_get_member(a0, "id")))
        return pb__bad(o, a0, "an alternative has no 'id'");
    if ((rc = get_id(o, f, "id", &c->base)) || (rc = get_kind(o, a0, &c->base_kind)))
        return rc;
    for (size_t i = 1; i < n; i++) {
        const config_setting_t *a = config_setting_get_elem(alts, (unsigned)i);
        pb_option *op = &s->options[s->n_options++];
        op->choice = s->n_choices - 1;
        if ((rc = check_keys(o, a, "an alternative", KEYS_ALT)) ||
            (rc = parse_option(o, a, "id", op)))
            return rc;
        if (!strcmp(op->name, c->base))
            return pb__bad(o, a, "duplicate alternative '%s' in choice '%s'", op->name, c->id);
    }
    return PB_OK;
}

static pb_status parse_choices(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "choices");
    for (int i = 0; !rc && i < config_setting_length(st); i++)
        rc = parse_choice(o, s, config_setting_get_elem(st, (unsigned)i));
    return rc;
}

/* ==== Top level ==== */

static const char *const KEYS_TOP[] = {
    "version",  "name",       "unit",      "currency", "start",       "proposal", "team",
    "overhead", "milestones", "resources", "risks",    "correlation", "ask",      "manager",
    "history",  "options",    "rulebook",  "labour",   "choices",     "status",   "calibration",
    "growth",   "calendar",   "metric",    NULL};

bool pb_date_valid(const char *s)
{
    if (!s)
        return false;
    int y, m, d;
    char extra;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
        return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static pb_status parse_root(const pb__origin *o, pb_scenario *s, const config_setting_t *root)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = check_keys(o, root, "the scenario", KEYS_TOP)))
        return rc;
    if (!(f = config_setting_get_member(root, "version")))
        return pb__bad(o, NULL, "missing setting 'version' (add 'version = 1;' at the top)");
    int version;
    if ((rc = pb__int(o, f, "version", 0, 1000000, &version)))
        return rc;
    if (version != 1)
        return pb__bad(o, f, "unsupported 'version' %d: this pushback reads version 1", version);
    if ((f = config_setting_get_member(root, "name")) &&
        (rc = get_string(o, f, "name", false, &s->name)))
        return rc;
    if ((f = config_setting_get_member(root, "unit"))) {
        if ((rc = get_string(o, f, "unit", true, &s->unit)))
            return rc;
        if (strcmp(s->unit, "days") && strcmp(s->unit, "weeks") && strcmp(s->unit, "months"))
            return pb__bad(o, f, "'unit' must be \"days\", \"weeks\" or \"months\", got \"%s\"",
                           s->unit);
    }
    if ((f = config_setting_get_member(root, "currency")) &&
        (rc = get_string(o, f, "currency", true, &s->currency)))
        return rc;
    if ((f = config_setting_get_member(root, "start"))) {
        if ((rc = get_string(o, f, "start", true, &s->start)))
            return rc;
        if (!pb_date_valid(s->start))
            return pb__bad(o, f, "'start' must be a date \"YYYY-MM-DD\", got \"%s\"", s->start);
    }
    if ((f = config_setting_get_member(root, "rulebook")) &&
        (rc = get_string(o, f, "rulebook", true, &s->rulebook)))
        return rc;
    if ((f = config_setting_get_member(root, "overhead"))) {
        if ((rc = pb__number(o, f, "overhead", 0.0, &s->overhead)))
            return rc;
        if (s->overhead >= 1)
            return pb__bad(o, f,
                           "'overhead' must be in [0, 1), the capacity lost per extra person, "
                           "got %g",
                           s->overhead);
    }
    if ((f = config_setting_get_member(root, "metric")) && (rc = pb__parse_metric(o, &s->curve, f)))
        return rc;
    if ((f = config_setting_get_member(root, "calendar")) &&
        (rc = pb__parse_calendar(o, &s->calendar, f)))
        return rc;
    if ((f = config_setting_get_member(root, "growth"))) {
        if ((rc = pb__estimate(o, f, "growth", &s->growth)))
            return rc;
        s->has_growth = true;
        s->growth_line = line_of(f);
    }
    s->labour = PB_LABOUR_ALLOCATED;
    if ((f = config_setting_get_member(root, "labour")) && (rc = pb__labour(o, f, &s->labour)))
        return rc;
    if ((f = config_setting_get_member(root, "proposal")) && (rc = parse_proposal(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "team")) && (rc = parse_team(o, s, f)))
        return rc;
    if (!(f = config_setting_get_member(root, "milestones")))
        return pb__bad(o, NULL, "missing setting 'milestones' (the plan's list of milestones)");
    if ((rc = parse_milestones(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "resources")) && (rc = parse_resources(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "risks")) && (rc = parse_risks(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "correlation")) && (rc = parse_correlation(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "ask")) && (rc = parse_ask(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "manager")) && (rc = parse_manager(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "history")) && (rc = parse_history(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "choices")) && (rc = parse_choices(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "options")) && (rc = parse_options(o, s, f)))
        return rc;
    return PB_OK;
}

static pb_scenario *scenario_new(void)
{
    pb_scenario *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ask_deadline = NAN;
    s->ask_budget = NAN;
    s->ask_confidence = 0.8;
    s->manager_deadline = NAN;
    s->manager_budget = NAN;
    s->manager_people = -1;
    s->proposal.data_volume = NAN;
    return s;
}

static pb_status fill_defaults(pb_scenario *s, pb_error *err, const char *file)
{
    if (!s->name)
        s->name = pb__strdup("unnamed scenario");
    if (!s->unit)
        s->unit = pb__strdup("weeks");
    if (!s->currency)
        s->currency = pb__strdup("USD");
    if (!s->name || !s->unit || !s->currency)
        return pb_error_set(err, PB_ERR_RUN, file, 0, "out of memory");
    return PB_OK;
}

/* Each option must apply cleanly to the base plan: check now, at its lines. */
static pb_status check_options(const pb_scenario *s, pb_error *err)
{
    for (size_t i = 0; i < s->n_options; i++) {
        pb_scenario *c = pb_scenario_copy(s);
        if (!c)
            return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        pb_status rc = pb__scenario_apply_option(c, s->options[i].name, true, err);
        pb_scenario_free(c);
        if (rc)
            return rc;
    }
    return PB_OK;
}

pb_status pb_scenario_parse(const char *text, const char *name, pb_scenario **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    if (!name)
        name = "<string>";
    pb_scenario *s = scenario_new();
    if (!s)
        return pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
    config_t cfg;
    config_init(&cfg);
    pb__origin o = {name, 0, PB_ERR_INVALID, err, false};
    pb_status rc = PB_OK;
    if (!(s->path = pb__strdup(name))) {
        rc = pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
        goto out;
    }
    pb__sha256_hex(text, strlen(text), s->sha256);
    char *norm;
    if ((rc = pb__cfg_prepare(text, name, &norm, err)))
        goto out;
    rc = pb__cfg_read(&cfg, norm, name, err);
    free(norm);
    if (rc)
        goto out;
    if ((rc = parse_root(&o, s, config_root_setting(&cfg))))
        goto out;
    if ((rc = fill_defaults(s, err, name)))
        goto out;
    if ((rc = pb__scenario_validate(s, err)))
        goto out;
    rc = check_options(s, err);
out:
    config_destroy(&cfg);
    if (rc) {
        pb_scenario_free(s);
        return rc;
    }
    *out = s;
    return PB_OK;
}

pb_status pb__read_text_file(const char *path, const char *what, char **out, pb_error *err)
{
    *out = NULL;
    struct stat sb;
    errno = 0;
    if (stat(path, &sb) != 0)
        return pb_error_set(err, PB_ERR_INVALID, path, 0, "cannot read %s: %s", what,
                            strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return pb_error_set(err, PB_ERR_INVALID, path, 0,
                            "is a directory, not a %s file (give a .cfg file)", what);
    if (!S_ISREG(sb.st_mode))
        return pb_error_set(err, PB_ERR_INVALID, path, 0, "is not a regular file");
    if ((unsigned long long)sb.st_size > MAX_FILE_BYTES)
        return pb_error_set(err, PB_ERR_INVALID, path, 0,
                            "is %lld bytes; a %s is limited to %u MiB", (long long)sb.st_size, what,
                            MAX_FILE_BYTES >> 20);
    FILE *f = fopen(path, "rb");
    if (!f)
        return pb_error_set(err, PB_ERR_INVALID, path, 0, "cannot read %s: %s", what,
                            strerror(errno));
    size_t cap = (size_t)sb.st_size + 1;
    char *text = malloc(cap);
    if (!text) {
        fclose(f);
        return pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
    }
    size_t n = fread(text, 1, cap - 1, f);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(text);
        return pb_error_set(err, PB_ERR_INVALID, path, 0, "cannot read %s: read error", what);
    }
    text[n] = '\0';
    const char *nul = memchr(text, '\0', n);
    if (nul) {
        int line = 1;
        for (const char *c = text; c < nul; c++)
            line += *c == '\n';
        free(text);
        return pb_error_set(err, PB_ERR_INVALID, path, line,
                            "holds a NUL byte: not a text %s file (binary?)", what);
    }
    *out = text;
    return PB_OK;
}

pb_status pb_scenario_load(const char *path, pb_scenario **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    char *text;
    pb_status rc = pb__read_text_file(path, "scenario", &text, err);
    if (rc)
        return rc;
    rc = pb_scenario_parse(text, path, out, err);
    free(text);
    return rc;
}

pb_labour pb_scenario_role_labour(const pb_scenario *s, const pb_role *r)
{
    if (r && r->labour != PB_LABOUR_DEFAULT)
        return r->labour;
    return s->labour == PB_LABOUR_WORKED ? PB_LABOUR_WORKED : PB_LABOUR_ALLOCATED;
}

const char *pb_scenario_labour_name(const pb_scenario *s)
{
    pb_labour l = pb_scenario_role_labour(s, s->n_roles ? &s->roles[0] : NULL);
    for (size_t i = 1; i < s->n_roles; i++)
        if (pb_scenario_role_labour(s, &s->roles[i]) != l)
            return "mixed";
    return l == PB_LABOUR_WORKED ? "worked" : "allocated";
}
