/*
 * import.c - the import task table: rows become tasks, tasks get ids, and
 * dependencies written by id or by name are resolved and checked.
 *
 * The readers (import_csv.c, import_yaml.c) add tasks with their id and
 * dependency text as written; this file then keeps every valid id, derives a
 * slug for the rest (unique with -2, -3 ...), resolves each reference by id,
 * by id as written or by name (splitting a cell on ',' ';' or white space
 * only when the whole cell names no task), and refuses unknown references
 * (with the closest name) and cycles (naming them) at the row's line.
 */
#include "pushback/import.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_internal.h"

#define MAX_ID 128

/* ==== Growing arrays and strings ==== */

static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? 2 * *cap : 16;
    void *p = realloc(*arr, nc * size);
    if (!p)
        return false;
    memset((char *)p + *cap * size, 0, (nc - *cap) * size);
    *arr = p;
    *cap = nc;
    return true;
}

bool pb__import_note(pb_import *imp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (!grow((void **)&imp->notes, &imp->cap_notes, imp->n_notes, sizeof *imp->notes))
        return false;
    if (!(imp->notes[imp->n_notes] = strdup(buf)))
        return false;
    imp->n_notes++;
    return true;
}

pb_import_task *pb__import_add_task(pb_import *imp, int line, const char *raw_id, const char *name)
{
    size_t cap = imp->cap_tasks;
    if (!grow((void **)&imp->tasks, &imp->cap_tasks, imp->n_tasks, sizeof *imp->tasks))
        return NULL;
    if (imp->cap_tasks != cap) {
        char **p = realloc(imp->raw_ids, imp->cap_tasks * sizeof *p);
        if (!p)
            return NULL;
        imp->raw_ids = p;
    }
    pb_import_task *t = &imp->tasks[imp->n_tasks];
    memset(t, 0, sizeof *t);
    t->line = line;
    imp->raw_ids[imp->n_tasks] = raw_id && *raw_id ? strdup(raw_id) : NULL;
    t->name = pb__import_one_line(name ? name : "");
    if (t->name && !*t->name && raw_id) {
        free(t->name);
        t->name = pb__import_one_line(raw_id);
    }
    if (!t->name || (raw_id && *raw_id && !imp->raw_ids[imp->n_tasks])) {
        free(t->name);
        free(imp->raw_ids[imp->n_tasks]);
        return NULL;
    }
    imp->n_tasks++;
    return t;
}

bool pb__import_add_ref(pb_import *imp, size_t task, const char *text, bool reverse, int line)
{
    if (!grow((void **)&imp->refs, &imp->cap_refs, imp->n_refs, sizeof *imp->refs))
        return false;
    pb__import_ref *r = &imp->refs[imp->n_refs];
    if (!(r->text = pb__import_one_line(text)))
        return false;
    r->task = task;
    r->reverse = reverse;
    r->line = line;
    imp->n_refs++;
    return true;
}

char *pb__import_one_line(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    bool space = false;
    for (const char *p = text; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = o != out;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = false;
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

char *pb__import_slug(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *p = text; *p && o - out < MAX_ID - 8; p++) {
        char c = (char)tolower((unsigned char)*p);
        if (('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || c == '_')
            *o++ = c;
        else if (o != out && o[-1] != '-')
            *o++ = '-';
    }
    while (o != out && o[-1] == '-')
        o--;
    *o = '\0';
    return out;
}

bool pb__import_valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > MAX_ID)
        return false;
    for (const char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
            return false;
    return true;
}

double pb__import_unit_days(pb_import_unit unit)
{
    switch (unit) {
    case PB_IMPORT_DAYS:
        return 1.0;
    case PB_IMPORT_MONTHS:
        return PB__DAYS_PER_WEEK * PB__WEEKS_PER_MONTH;
    default:
        return PB__DAYS_PER_WEEK;
    }
}

/* ==== Ids ==== */

static bool id_taken(const pb_import *imp, const char *id)
{
    size_t j;
    return pb__idmap_get(&imp->ids, id, &j);
}

/* A slug of the id as written or of the name, unique among ids given so far. */
static pb_status derive_id(pb_import *imp, size_t i, pb_error *err)
{
    pb_import_task *t = &imp->tasks[i];
    char *base = pb__import_slug(imp->raw_ids[i] ? imp->raw_ids[i] : t->name);
    if (!base)
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    if (!*base) {
        free(base);
        char num[32];
        snprintf(num, sizeof num, "task-%zu", i + 1);
        base = strdup(num);
    }
    size_t n = base ? strlen(base) + 24 : 0;
    char *id = base ? malloc(n) : NULL;
    if (!id) {
        free(base);
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    }
    snprintf(id, n, "%s", base);
    for (unsigned k = 2; id_taken(imp, id); k++)
        snprintf(id, n, "%s-%u", base, k);
    free(base);
    t->id = id;
    return PB_OK;
}

/* Keep the ids as written that are valid; refuse repeated ones. */
static pb_status keep_ids(pb_import *imp, pb__idmap *raw, pb_error *err)
{
    for (size_t i = 0; i < imp->n_tasks; i++) {
        const char *id = imp->raw_ids[i];
        size_t j;
        if (!id)
            continue;
        if (pb__idmap_get(raw, id, &j))
            return pb_error_set(err, PB_ERR_INVALID, imp->file, imp->tasks[i].line,
                                "duplicate id '%s' (first at line %d); give each task its "
                                "own id",
                                id, imp->tasks[j].line);
        pb__idmap_put(raw, id, i);
        if (pb__import_valid_id(id)) {
            if (!(imp->tasks[i].id = strdup(id)))
                return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
            pb__idmap_put(&imp->ids, imp->tasks[i].id, i);
        }
    }
    return PB_OK;
}

pb_status pb__import_assign_ids(pb_import *imp, pb_error *err)
{
    pb__idmap raw = {0};
    pb__idmap_release(&imp->ids);
    if (!pb__idmap_init(&raw, imp->n_tasks) || !pb__idmap_init(&imp->ids, imp->n_tasks)) {
        pb__idmap_release(&raw);
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    }
    imp->n_mapped = imp->n_tasks; /* every id, once assigned, is in the map */
    pb_status rc = keep_ids(imp, &raw, err);
    pb__idmap_release(&raw);
    size_t n_derived = 0;
    for (size_t i = 0; !rc && i < imp->n_tasks; i++) {
        if (imp->tasks[i].id)
            continue;
        if (!(rc = derive_id(imp, i, err)))
            pb__idmap_put(&imp->ids, imp->tasks[i].id, i);
        n_derived++;
    }
    if (!rc && n_derived &&
        !pb__import_note(imp, "  ids: %zu of %zu derived from %s (lowercase, [a-z0-9_-])",
                         n_derived, imp->n_tasks,
                         n_derived == imp->n_tasks ? "names" : "ids or names"))
        rc = pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    return rc;
}

/* ==== References ==== */

static size_t find_exact(const pb_import *imp, const char *word)
{
    size_t j;
    if (imp->ids.cap && pb__idmap_get(&imp->ids, word, &j))
        return j;
    for (size_t i = imp->ids.cap ? imp->n_mapped : 0; i < imp->n_tasks; i++)
        if (imp->tasks[i].id && !strcmp(imp->tasks[i].id, word))
            return i;
    for (size_t i = 0; i < imp->n_tasks; i++)
        if (imp->raw_ids[i] && !strcmp(imp->raw_ids[i], word))
            return i;
    for (size_t i = 0; i < imp->n_tasks; i++)
        if (!strcasecmp(imp->tasks[i].name, word))
            return i;
    for (size_t i = 0; i < imp->n_tasks; i++)
        if ((imp->tasks[i].id && !strcasecmp(imp->tasks[i].id, word)) ||
            (imp->raw_ids[i] && !strcasecmp(imp->raw_ids[i], word)))
            return i;
    return SIZE_MAX;
}

/* The length of 'word' without a trailing project-plan link type ("FS", "SS+2d"), or 0. */
static size_t without_link_type(const char *word)
{
    static const char *const TYPES[] = {"fs", "ss", "ff", "sf"};
    size_t n = strlen(word);
    for (size_t k = 1; k + 2 <= n; k++) {
        bool type = false;
        for (int t = 0; t < 4; t++)
            type = type || !strncasecmp(word + k, TYPES[t], 2);
        if (type && (word[k + 2] == '\0' || word[k + 2] == '+' || word[k + 2] == '-') &&
            isdigit((unsigned char)word[k - 1]))
            return k;
    }
    return 0;
}

/* Row numbers (when the file has no id column) and numbers with a link type. */
static size_t find_number(const pb_import *imp, const char *word, bool *link_type)
{
    char buf[64];
    size_t n = without_link_type(word);
    *link_type = n > 0;
    if (n && n < sizeof buf) {
        memcpy(buf, word, n);
        buf[n] = '\0';
        size_t j = find_exact(imp, buf);
        if (j != SIZE_MAX)
            return j;
        word = buf;
    }
    if (!imp->row_numbers || !isdigit((unsigned char)*word))
        return SIZE_MAX;
    char *end;
    unsigned long row = strtoul(word, &end, 10);
    return !*end && row >= 1 && row <= imp->n_tasks ? (size_t)row - 1 : SIZE_MAX;
}

size_t pb__import_find(const pb_import *imp, const char *word)
{
    size_t j = find_exact(imp, word);
    bool link_type;
    return j != SIZE_MAX ? j : find_number(imp, word, &link_type);
}

/* Add 'dep' to the 'after' list of 'task' unless it is there already. */
static pb_status link_tasks(pb_import *imp, size_t task, size_t dep, int line, pb_error *err)
{
    pb_import_task *t = &imp->tasks[task];
    if (task == dep)
        return pb_error_set(err, PB_ERR_INVALID, imp->file, line,
                            "task '%s' depends on itself; remove it from its own dependencies",
                            t->id);
    for (size_t k = 0; k < t->n_after; k++)
        if (!strcmp(t->after[k], imp->tasks[dep].id))
            return PB_OK;
    char **p = realloc(t->after, (t->n_after + 1) * sizeof *p);
    if (!p)
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    t->after = p;
    if (!(p[t->n_after] = strdup(imp->tasks[dep].id)))
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    t->n_after++;
    return PB_OK;
}

/* Edit distance between a and b, ignoring case (two rows of the table). */
static size_t distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 200 || nb > 200)
        return SIZE_MAX;
    size_t prev[201], cur[201];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t sub = prev[j - 1] +
                         (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (nb + 1) * sizeof *prev);
    }
    return prev[nb];
}

static pb_status unknown_ref(const pb_import *imp, const pb__import_ref *r, const char *word,
                             pb_error *err)
{
    const char *best = NULL;
    size_t best_d = strlen(word) / 3 > 2 ? strlen(word) / 3 : 2;
    for (size_t i = 0; i < imp->n_tasks; i++) {
        const char *cand[2] = {imp->tasks[i].name, imp->tasks[i].id};
        for (int k = 0; k < 2; k++) {
            size_t d = distance(word, cand[k]);
            if (d <= best_d && (!best || d < best_d)) {
                best = cand[k];
                best_d = d;
            }
        }
    }
    return pb_error_set(err, PB_ERR_INVALID, imp->file, r->line,
                        "task '%s' names an unknown task '%s'%s%s%s; write the id or the exact "
                        "name of a task in the file",
                        imp->tasks[r->task].id, word, best ? " (did you mean '" : "",
                        best ? best : "", best ? "'?)" : "");
}

/* Resolve one word of a reference and link the two tasks in the right direction. */
static pb_status resolve_word(pb_import *imp, const pb__import_ref *r, const char *word,
                              pb_error *err)
{
    size_t j = find_exact(imp, word);
    bool link_type = false;
    if (j == SIZE_MAX && (j = find_number(imp, word, &link_type)) != SIZE_MAX) {
        imp->n_link_types += link_type;
        imp->n_row_refs += !link_type || find_exact(imp, word) == SIZE_MAX;
    }
    if (j == SIZE_MAX)
        return unknown_ref(imp, r, word, err);
    if (strcmp(imp->tasks[j].id, word) && (!imp->raw_ids[j] || strcmp(imp->raw_ids[j], word))) {
        size_t same = 0, other = j;
        for (size_t i = 0; i < imp->n_tasks; i++)
            if (!strcasecmp(imp->tasks[i].name, word) && ++same && i != j)
                other = i;
        if (same > 1)
            return pb_error_set(
                err, PB_ERR_INVALID, imp->file, r->line,
                "'%s' is the name of %zu tasks (lines %d and %d); rename one, or write its id "
                "('%s' or '%s') instead",
                word, same, imp->tasks[j].line, imp->tasks[other].line, imp->tasks[j].id,
                imp->tasks[other].id);
    }
    return r->reverse ? link_tasks(imp, j, r->task, r->line, err)
                      : link_tasks(imp, r->task, j, r->line, err);
}

/*
 * Resolve 'piece' (trimmed) at separator level 'level': as a whole when it
 * names a task, else split at ';' (level 0), ',' (level 1) or white space
 * (level 2, where every word must name a task).
 */
static pb_status resolve_level(pb_import *imp, const pb__import_ref *r, const char *piece,
                               int level, pb_error *err)
{
    static const char *const SEPS[3] = {";", ",", " \t"};
    if (!*piece)
        return PB_OK;
    if (pb__import_find(imp, piece) != SIZE_MAX)
        return resolve_word(imp, r, piece, err);
    if (level > 2)
        return unknown_ref(imp, r, piece, err);
    char *copy = strdup(piece), *save = NULL;
    if (!copy)
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    size_t n = 0;
    bool all = true;
    for (char *w = strtok_r(copy, SEPS[level], &save); w; w = strtok_r(NULL, SEPS[level], &save)) {
        n++;
        all = all && pb__import_find(imp, w) != SIZE_MAX;
    }
    free(copy);
    if (level == 2 && (n < 2 || !all))
        return unknown_ref(imp, r, piece, err);
    if (n < 2)
        return resolve_level(imp, r, piece, level + 1, err);
    if (!(copy = strdup(piece)))
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    pb_status rc = PB_OK;
    for (char *w = strtok_r(copy, SEPS[level], &save); w && !rc;
         w = strtok_r(NULL, SEPS[level], &save)) {
        char *one = pb__import_one_line(w);
        rc = one ? resolve_level(imp, r, one, level + 1, err)
                 : pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
        free(one);
    }
    free(copy);
    return rc;
}

static pb_status resolve_ref(pb_import *imp, const pb__import_ref *r, pb_error *err)
{
    return resolve_level(imp, r, r->text, 0, err);
}

/* ==== Cycles and order ==== */

static void cycle_error(const pb_import *imp, const size_t *stack, size_t depth, size_t j,
                        pb_error *err)
{
    char path[400] = "";
    size_t from = depth;
    while (from > 0 && stack[from] != j)
        from--;
    for (size_t d = from; d <= depth && strlen(path) < 300; d++) {
        strncat(path, imp->tasks[stack[d]].id, sizeof path - strlen(path) - 1);
        strncat(path, " -> ", sizeof path - strlen(path) - 1);
    }
    strncat(path, imp->tasks[j].id, sizeof path - strlen(path) - 1);
    pb_error_set(err, PB_ERR_INVALID, imp->file, imp->tasks[j].line,
                 "dependency cycle: %s (each waits for the next); remove one of these "
                 "dependencies",
                 path);
}

pb_status pb__import_order(const pb_import *imp, size_t *order, pb_error *err)
{
    size_t n = imp->n_tasks, n_done = 0;
    unsigned char *color = calloc(n + 1, 1);
    size_t *stack = calloc(n + 1, sizeof *stack), *next = calloc(n + 1, sizeof *next);
    pb_status rc = !color || !stack || !next
                       ? pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory")
                       : PB_OK;
    for (size_t s = 0; !rc && s < n; s++) {
        if (color[s])
            continue;
        size_t depth = 0;
        stack[0] = s;
        color[s] = 1;
        while (!rc) {
            size_t i = stack[depth];
            const pb_import_task *t = &imp->tasks[i];
            if (next[i] < t->n_after) {
                size_t j = pb__import_find(imp, t->after[next[i]++]);
                if (color[j] == 1) {
                    cycle_error(imp, stack, depth, j, err);
                    rc = PB_ERR_INVALID;
                } else if (!color[j]) {
                    color[j] = 1;
                    stack[++depth] = j;
                }
                continue;
            }
            color[i] = 2;
            order[n_done++] = i;
            if (depth == 0)
                break;
            depth--;
        }
    }
    free(color);
    free(stack);
    free(next);
    return rc;
}

pb_status pb__import_resolve(pb_import *imp, pb_error *err)
{
    for (size_t k = 0; k < imp->n_refs; k++) {
        pb_status rc = resolve_ref(imp, &imp->refs[k], err);
        if (rc)
            return rc;
    }
    if (imp->n_row_refs && !pb__import_note(imp,
                                            "  dependencies: %zu numbers read as row "
                                            "numbers (1 is the first task; the file has no "
                                            "id column)",
                                            imp->n_row_refs))
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    if (imp->n_link_types && !pb__import_note(imp,
                                              "  dependencies: left out the link type and "
                                              "lag of %zu (\"3FS+2d\" became 3): pushback "
                                              "links are finish-to-start without lag",
                                              imp->n_link_types))
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    size_t *order = malloc((imp->n_tasks + 1) * sizeof *order);
    if (!order)
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    pb_status rc = pb__import_order(imp, order, err);
    free(order);
    return rc;
}

/* ==== Entry points ==== */

/* Report the tasks written with a placeholder estimate and what else was invented. */
static pb_status finish_notes(pb_import *imp, pb_error *err)
{
    const char *unit = pb_import_unit_name(imp);
    bool ok = true;
    for (size_t i = 0; i < imp->n_tasks; i++) {
        const pb_import_task *t = &imp->tasks[i];
        if (t->n_est)
            continue;
        imp->n_placeholders++;
        ok = ok && pb__import_note(imp,
                                   "  needs an estimate: task '%s' (line %d) has none; "
                                   "written as 1 %.*s, marked 'set this'",
                                   t->id, t->line, (int)strlen(unit) - 1, unit);
    }
    bool roles = false;
    for (size_t i = 0; i < imp->n_tasks; i++)
        roles = roles || imp->tasks[i].role;
    ok = ok && pb__import_note(imp,
                               "  invented, marked 'set this' in the output: %s%s%sthe ask's "
                               "deadline",
                               imp->name ? "" : "the name, ", imp->currency ? "" : "the currency, ",
                               roles ? "the team's people and rates, " : "");
    return ok ? PB_OK : pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
}

pb_status pb_import_parse(const char *text, size_t len, const char *file,
                          const pb_import_opts *opts, pb_import **out, pb_error *err)
{
    pb_error_clear(err);
    *out = NULL;
    pb_import_opts o = {PB_IMPORT_AUTO, PB_IMPORT_UNIT_DEFAULT};
    if (opts)
        o = *opts;
    pb_import *imp = calloc(1, sizeof *imp);
    if (!imp || !(imp->file = strdup(file ? file : "-"))) {
        free(imp);
        return pb_error_set(err, PB_ERR_RUN, file, 0, "out of memory");
    }
    imp->unit = o.unit ? o.unit : o.from == PB_IMPORT_MCPROJSIM ? PB_IMPORT_DAYS : PB_IMPORT_WEEKS;
    pb_status rc = o.from == PB_IMPORT_MCPROJSIM ? pb__import_yaml(imp, text, len, err)
                                                 : pb__import_csv(imp, text, len, o.from, err);
    if (!rc)
        rc = pb__import_resolve(imp, err);
    if (!rc)
        rc = finish_notes(imp, err);
    if (rc) {
        pb_import_free(imp);
        return rc;
    }
    *out = imp;
    return PB_OK;
}

pb_status pb_import_load(const char *path, const pb_import_opts *opts, pb_import **out,
                         pb_error *err)
{
    *out = NULL;
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return pb_error_set(err, PB_ERR_INVALID, path, 0, "cannot read task list: %s",
                            strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 65536 > cap) {
            char *p = realloc(buf, cap = len + 65536 + cap);
            if (!p) {
                free(buf);
                fclose(f);
                return pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
            }
            buf = p;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    int bad = ferror(f);
    int e = errno;
    fclose(f);
    pb_status rc = bad ? pb_error_set(err, PB_ERR_INVALID, path, 0, "cannot read task list: %s",
                                      strerror(e ? e : EIO))
                       : pb_import_parse(buf, len, path, opts, out, err);
    free(buf);
    return rc;
}

void pb_import_free(pb_import *imp)
{
    if (!imp)
        return;
    for (size_t i = 0; i < imp->n_tasks; i++) {
        pb_import_task *t = &imp->tasks[i];
        free(t->id);
        free(t->name);
        free(t->role);
        for (size_t k = 0; k < t->n_after; k++)
            free(t->after[k]);
        free(t->after);
        free(imp->raw_ids[i]);
    }
    for (size_t i = 0; i < imp->n_risks; i++) {
        free(imp->risks[i].id);
        free(imp->risks[i].name);
        free(imp->risks[i].milestone);
    }
    for (size_t i = 0; i < imp->n_refs; i++)
        free(imp->refs[i].text);
    for (size_t i = 0; i < imp->n_notes; i++)
        free(imp->notes[i]);
    pb__idmap_release(&imp->ids);
    free(imp->tasks);
    free(imp->raw_ids);
    free(imp->risks);
    free(imp->refs);
    free(imp->notes);
    free(imp->file);
    free(imp->name);
    free(imp->start);
    free(imp->currency);
    free(imp);
}

size_t pb_import_n_tasks(const pb_import *imp)
{
    return imp->n_tasks;
}

const pb_import_task *pb_import_task_at(const pb_import *imp, size_t i)
{
    return i < imp->n_tasks ? &imp->tasks[i] : NULL;
}

size_t pb_import_n_risks(const pb_import *imp)
{
    return imp->n_risks;
}

const pb_import_risk *pb_import_risk_at(const pb_import *imp, size_t i)
{
    return i < imp->n_risks ? &imp->risks[i] : NULL;
}

size_t pb_import_n_notes(const pb_import *imp)
{
    return imp->n_notes;
}

const char *pb_import_note(const pb_import *imp, size_t i)
{
    return i < imp->n_notes ? imp->notes[i] : NULL;
}

const char *pb_import_unit_name(const pb_import *imp)
{
    return imp->unit == PB_IMPORT_DAYS     ? "days"
           : imp->unit == PB_IMPORT_MONTHS ? "months"
                                           : "weeks";
}
