/*
 * cfg.c - the libconfig helpers that every loader shares (scenarios,
 * rulebooks, calendars, metrics, tracking files): where a setting comes from
 * and how an error names it, the key check with its "did you mean"
 * suggestion, typed getters that check type and range where a value is
 * read, and reading a text file with its size, NUL and directory checks.
 */
#include "base/cfg.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

int pb__cfg_line(const config_setting_t *st)
{
    return st ? (int)config_setting_source_line(st) : 0;
}

pb_status pb__bad(const pb__origin *o, const config_setting_t *st, const char *fmt, ...)
{
    if (!o->err)
        return o->code;
    int line = o->fragment ? 0 : pb__cfg_line(st);
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

const char *pb__cfg_type_name(const config_setting_t *st)
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

bool pb__cfg_is_number(const config_setting_t *st)
{
    int t = config_setting_type(st);
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

double pb__cfg_number_of(const config_setting_t *st)
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
pb_status pb__cfg_check_keys(const pb__origin *o, const config_setting_t *group, const char *where,
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
    if (!pb__cfg_is_number(st))
        return pb__bad(o, st, "'%s' must be a number, got %s", what, pb__cfg_type_name(st));
    double v = pb__cfg_number_of(st);
    if (!isfinite(v))
        return pb__bad(o, st, "'%s' must be a finite number", what);
    if (v < lo)
        return pb__bad(o, st, "'%s' must be >= %g, got %g", what, lo, v);
    if (fabs(v) > PB__MAX_VALUE)
        return pb__bad(o, st, "'%s' must be at most %g in size, got %g", what, PB__MAX_VALUE, v);
    *out = v;
    return PB_OK;
}

pb_status pb__int(const pb__origin *o, const config_setting_t *st, const char *what, int lo, int hi,
                  int *out)
{
    if (!pb__cfg_is_number(st))
        return pb__bad(o, st, "'%s' must be a whole number, got %s", what, pb__cfg_type_name(st));
    double v = pb__cfg_number_of(st);
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

pb_status pb__cfg_string(const pb__origin *o, const config_setting_t *st, const char *what,
                         bool nonempty, char **out)
{
    if (config_setting_type(st) != CONFIG_TYPE_STRING)
        return pb__bad(o, st, "'%s' must be a string, got %s", what, pb__cfg_type_name(st));
    const char *v = config_setting_get_string(st);
    if (nonempty && !*v)
        return pb__bad(o, st, "'%s' must not be empty", what);
    if (strlen(v) > PB__MAX_STRING)
        return pb__bad(o, st, "'%s' is %zu characters long; at most %d", what, strlen(v),
                       PB__MAX_STRING);
    if (!utf8_valid(v))
        return pb__bad(o, st, "'%s' is not valid UTF-8 text (save the file as UTF-8)", what);
    char *p = pb__strdup(v);
    if (!p)
        return pb__bad(o, st, "out of memory");
    free(*out);
    *out = p;
    return PB_OK;
}

pb_status pb__cfg_bool(const pb__origin *o, const config_setting_t *st, const char *what, bool *out)
{
    if (config_setting_type(st) != CONFIG_TYPE_BOOL)
        return pb__bad(o, st, "'%s' must be true or false, got %s", what, pb__cfg_type_name(st));
    *out = config_setting_get_bool(st);
    return PB_OK;
}

/* ids name things on the command line ("milestones.ID.effort"): no dots or spaces */
pb_status pb__cfg_id(const pb__origin *o, const config_setting_t *st, const char *what, char **out)
{
    pb_status rc = pb__cfg_string(o, st, what, true, out);
    if (rc)
        return rc;
    if (strlen(*out) > PB__MAX_ID)
        return pb__bad(o, st, "'%s' is %zu characters long; an id has at most %d", what,
                       strlen(*out), PB__MAX_ID);
    for (const char *p = *out; *p; p++) {
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') || ('0' <= *p && *p <= '9') ||
              *p == '_' || *p == '-'))
            return pb__bad(o, st, "'%s' may hold only letters, digits, '_' and '-', got '%s'", what,
                           *out);
    }
    return PB_OK;
}

/* A list or array of strings (a lone string is accepted as a list of one). */
pb_status pb__cfg_ids(const pb__origin *o, const config_setting_t *st, const char *what,
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
                       pb__cfg_type_name(st));
    if (n > PB__MAX_SMALL && strcmp(what, "drop"))
        return pb__bad(o, st, "'%s' has %zu entries; at most %d", what, n, PB__MAX_SMALL);
    char **v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e =
            t == CONFIG_TYPE_STRING ? st : config_setting_get_elem(st, (unsigned)i);
        pb_status rc = pb__cfg_id(o, e, what, &v[i]);
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
    if ((unsigned long long)sb.st_size > PB__MAX_FILE_BYTES)
        return pb_error_set(err, PB_ERR_INVALID, path, 0,
                            "is %lld bytes; a %s is limited to %u MiB", (long long)sb.st_size, what,
                            PB__MAX_FILE_BYTES >> 20);
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
