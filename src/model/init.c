/*
 * init.c - the questionnaire's state: where it is in the question table,
 * the answers so far, each answer's check and each question's default.
 *
 * Answers are kept per question, one per entry of its list, as the
 * (trimmed, canonical) text typed; the writer reads them back by key.
 * Moving on is a walk over the table: past a list's last question back to
 * its first one, and from a first question answered with "end" past the
 * list. A default is the worked example's answer while every answer in that
 * list is the example's, else one derived from the answers; either is
 * offered only when it passes the same check as a typed answer.
 */
#include "pushback/init.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pushback/scenario.h>

#include "init_internal.h"

#define MAX_TEXT   4096 /* bytes of a text, as in a scenario */
#define MAX_ID     128  /* characters of an id */
#define MAX_NUMBER 1e15 /* the largest number a scenario accepts */
#define MAX_COUNT  100000

typedef struct answers {
    char **v;
    size_t n, cap;
} answers;

struct pb_init {
    size_t qi;               /* the question to answer now; pb__init_n when complete */
    answers *a;              /* one per question of the table */
    bool custom[PB__LISTS];  /* the list left the worked example */
    char def[MAX_TEXT + 64]; /* the current default */
};

static const char *const LIST_LABEL[PB__LISTS] = {NULL,   "Reused work", "Dataset", "Approach",
                                                  "Role", "Milestone",   "Risk",    "Past project"};

/* ==== Answers ==== */

pb_init *pb_init_new(void)
{
    pb_init *in = calloc(1, sizeof *in);
    if (in && !(in->a = calloc(pb__init_n, sizeof *in->a))) {
        free(in);
        return NULL;
    }
    return in;
}

void pb_init_free(pb_init *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < pb__init_n; i++) {
        for (size_t k = 0; k < in->a[i].n; k++)
            free(in->a[i].v[k]);
        free(in->a[i].v);
    }
    free(in->a);
    free(in);
}

static size_t find(const char *key)
{
    for (size_t i = 0; i < pb__init_n; i++)
        if (!strcmp(pb__init_table[i].key, key))
            return i;
    return SIZE_MAX;
}

const char *pb__init_get(const pb_init *in, const char *key, size_t k)
{
    size_t i = find(key);
    return i != SIZE_MAX && k < in->a[i].n ? in->a[i].v[k] : NULL;
}

size_t pb__init_count(const pb_init *in, const char *key)
{
    size_t i = find(key);
    return i != SIZE_MAX ? in->a[i].n : 0;
}

static size_t list_start(int list)
{
    for (size_t i = 0; i < pb__init_n; i++)
        if (pb__init_table[i].list == list)
            return i;
    return SIZE_MAX;
}

/* The entry the current question is about (0 outside lists). */
static size_t entry(const pb_init *in)
{
    const pb_init_question *q = &pb__init_table[in->qi];
    if (!q->list)
        return 0;
    size_t n = in->a[list_start(q->list)].n;
    return q->starts ? n : n - 1;
}

static bool store(pb_init *in, char *text)
{
    answers *a = &in->a[in->qi];
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 8;
        char **v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return false;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = text;
    return true;
}

/* Move on: the next question, back to the list's first one after its last one. */
static void advance(pb_init *in)
{
    int list = pb__init_table[in->qi].list;
    size_t nx = in->qi + 1;
    if (list && (nx == pb__init_n || pb__init_table[nx].list != list))
        nx = list_start(list);
    in->qi = nx;
}

static void end_list(pb_init *in)
{
    int list = pb__init_table[in->qi].list;
    while (in->qi < pb__init_n && pb__init_table[in->qi].list == list)
        in->qi++;
}

const pb_init_question *pb_init_next(const pb_init *in)
{
    return in->qi < pb__init_n ? &pb__init_table[in->qi] : NULL;
}

/* ==== Checks ==== */

bool pb__init_number(const char *text, double *out)
{
    char *end;
    if (strpbrk(text, "xXpP"))
        return false;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno == ERANGE || !isfinite(v))
        return false;
    while (isspace((unsigned char)*end))
        end++;
    *out = v;
    return *end == '\0';
}

static bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : 3;
        if ((*p >= 0x80 && *p < 0xC2) || *p > 0xF4)
            return false;
        unsigned long c = n ? *p & (0x3F >> n) : *p;
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
            (n == 3 && (c < 0x10000 || c > 0x10FFFF)))
            return false;
        p += n + 1;
    }
    return true;
}

static bool is_none(const char *t)
{
    return !strcmp(t, "none") || !strcmp(t, "-");
}

/* Is 'id' among the first n answers of question 'key'? */
static bool has(const pb_init *in, const char *key, const char *id, size_t n)
{
    size_t i = find(key);
    for (size_t k = 0; k < n && k < in->a[i].n; k++)
        if (!strcmp(in->a[i].v[k], id))
            return true;
    return false;
}

static bool check_id(const pb_init *in, const char *t, char *why, size_t n)
{
    size_t len = strlen(t);
    if (len > MAX_ID ||
        strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789_-") != len ||
        !strcmp(t, "none")) {
        snprintf(why, n, "an id is up to %d letters, digits, '_' or '-' (not 'none'), got '%.40s'",
                 MAX_ID, t);
        return false;
    }
    const pb_init_question *q = &pb__init_table[in->qi];
    if (has(in, q->key, t, SIZE_MAX)) {
        snprintf(why, n, "'%s' is already the id of %s %s", t,
                 q->list == PB__LIST_MILESTONES ? "a" : "an entry in", LIST_LABEL[q->list]);
        return false;
    }
    return true;
}

/* Earlier milestones, separated by commas or blanks. */
static bool check_after(const pb_init *in, const char *t, char *why, size_t n)
{
    if (is_none(t))
        return true;
    size_t k = entry(in), count = 0;
    const char *p = t;
    while (*p) {
        size_t len = strcspn(p, ", \t");
        if (len) {
            char id[MAX_ID + 1];
            snprintf(id, sizeof id, "%.*s", (int)(len > MAX_ID ? MAX_ID : len), p);
            if (!has(in, "milestones.id", id, k)) {
                snprintf(why, n, "'%s' is not an earlier milestone (%s)", id,
                         k ? "give ids typed before this one" : "this is the first: none");
                return false;
            }
            for (const char *r = t; r < p; r++)
                if (!strncmp(r, id, len) && (r == t || strchr(", \t", r[-1])) &&
                    (r[len] == '\0' || strchr(", \t", r[len]))) {
                    snprintf(why, n, "'%s' is given twice", id);
                    return false;
                }
            count++;
        }
        p += len + (p[len] != '\0');
    }
    if (!count)
        snprintf(why, n, "give earlier milestone ids separated by ',', or none");
    return count > 0;
}

static bool check_number(const pb_init *in, const pb_init_question *q, const char *t, char *why,
                         size_t n)
{
    double v, lo = 0, hi = MAX_NUMBER;
    if (!pb__init_number(t, &v)) {
        snprintf(why, n, "'%.40s' is not a number (write it plainly: 200000, 2.5, 1e5)", t);
        return false;
    }
    size_t k = entry(in);
    double high = 0, low = 0;
    if (q->kind == PB_INIT_LOW || q->kind == PB_INIT_LIKELY)
        pb__init_number(in->a[in->qi - (q->kind == PB_INIT_LOW ? 1 : 2)].v[k], &high);
    if (q->kind == PB_INIT_LIKELY)
        pb__init_number(in->a[in->qi - 1].v[k], &low);
    if (q->kind == PB_INIT_PROB || q->kind == PB_INIT_CONFIDENCE)
        hi = 1;
    if (q->kind == PB_INIT_LOW && v > high)
        snprintf(why, n, "the earliest (%g) is later than the latest plausible (%g)", v, high);
    else if (q->kind == PB_INIT_LIKELY && (v < low || v > high))
        snprintf(why, n,
                 "the most likely (%g) must lie between the earliest (%g) and the latest (%g)", v,
                 low, high);
    else if (v < lo || v > hi)
        snprintf(why, n, "%g is out of range: give a number in [%g, %g]", v, lo, hi);
    else if (v == 0 && (q->kind == PB_INIT_POSITIVE || q->kind == PB_INIT_HIGH ||
                        q->kind == PB_INIT_CONFIDENCE))
        snprintf(why, n, "give a number above 0");
    else if (v == 1 && q->kind == PB_INIT_CONFIDENCE)
        snprintf(why, n, "a confidence must be below 1 (no plan is certain); 0.8 is usual");
    else
        return true;
    return false;
}

static bool check_count(const char *t, char *why, size_t n)
{
    char *end;
    errno = 0;
    long v = strtol(t, &end, 10);
    if (end == t || *end || errno || v < 1 || v > MAX_COUNT) {
        snprintf(why, n, "give a whole number from 1 to %d, got '%.40s'", MAX_COUNT, t);
        return false;
    }
    return true;
}

/* The canonical word of a yes/no or a choice answer, or NULL when t is none of them. */
static const char *word(const pb_init_question *q, const char *t, char *buf, size_t n)
{
    if (q->kind == PB_INIT_YESNO) {
        if (!strcasecmp(t, "yes") || !strcasecmp(t, "y") || !strcasecmp(t, "true"))
            return "yes";
        if (!strcasecmp(t, "no") || !strcasecmp(t, "n") || !strcasecmp(t, "false"))
            return "no";
        return NULL;
    }
    for (const char *p = q->choices; *p;) {
        size_t len = strcspn(p, "|");
        if (len == strlen(t) && !strncasecmp(p, t, len) && len < n) {
            snprintf(buf, n, "%.*s", (int)len, p);
            return buf;
        }
        p += len + (p[len] == '|');
    }
    return NULL;
}

static bool check_text(const char *t, char *why, size_t n)
{
    if (!*t)
        snprintf(why, n, "an answer is needed here (there is no default)");
    else if (strlen(t) > MAX_TEXT)
        snprintf(why, n, "a text is at most %d bytes, this one has %zu", MAX_TEXT, strlen(t));
    else if (!utf8_valid(t))
        snprintf(why, n, "the text is not valid UTF-8");
    else
        return true;
    return false;
}

/* Is 't' a valid answer to the current question? If not, 'why' says so in one line. */
static bool check(const pb_init *in, const char *t, char *why, size_t n)
{
    const pb_init_question *q = &pb__init_table[in->qi];
    char buf[64];
    if (!check_text(t, why, n))
        return false;
    switch (q->kind) {
    case PB_INIT_TEXT:
    case PB_INIT_OPT_TEXT:
    case PB_INIT_TEXTS:
        return true;
    case PB_INIT_ID:
        return check_id(in, t, why, n);
    case PB_INIT_COUNT:
        return check_count(t, why, n);
    case PB_INIT_YESNO:
    case PB_INIT_CHOICE:
        if (word(q, t, buf, sizeof buf))
            return true;
        snprintf(why, n, "answer %s, got '%.40s'", q->kind == PB_INIT_YESNO ? "yes or no" : q->hint,
                 t);
        return false;
    case PB_INIT_DATE:
        if (is_none(t) || pb_date_valid(t))
            return true;
        snprintf(why, n, "give a date as YYYY-MM-DD (e.g. 2027-03-01), or none, got '%.40s'", t);
        return false;
    case PB_INIT_AFTER:
        return check_after(in, t, why, n);
    case PB_INIT_ROLE:
    case PB_INIT_MILESTONE:
        if ((q->kind == PB_INIT_ROLE && is_none(t)) ||
            has(in, q->kind == PB_INIT_ROLE ? "team.role" : "milestones.id", t, SIZE_MAX))
            return true;
        snprintf(why, n, "'%.40s' is not %s", t,
                 q->kind == PB_INIT_ROLE ? "a role of the team (or none)" : "a milestone id");
        return false;
    default:
        return check_number(in, q, t, why, n);
    }
}

/* ==== Defaults ==== */

static const char *example(const pb_init_question *q, size_t k, bool last)
{
    size_t n = 0;
    while (n < PB_INIT_EXAMPLES && q->example[n])
        n++;
    if (!n)
        return NULL;
    return k < n ? q->example[k] : last ? q->example[n - 1] : NULL;
}

/* The example's number moved into what the entry's earlier answers allow. */
static const char *clamped(pb_init *in, const pb_init_question *q, size_t k)
{
    double v, high = 0, low = 0;
    const char *e = example(q, k, true);
    if (!e || !pb__init_number(e, &v))
        return NULL;
    pb__init_number(in->a[in->qi - (q->kind == PB_INIT_LOW ? 1 : 2)].v[k], &high);
    if (q->kind == PB_INIT_LIKELY)
        pb__init_number(in->a[in->qi - 1].v[k], &low);
    v = v > high ? high : v < low ? low : v;
    snprintf(in->def, sizeof in->def, "%.15g", v);
    return in->def;
}

static const char *fallback(pb_init *in, const pb_init_question *q, size_t k)
{
    size_t ms = find("milestones.id");
    switch (q->fallback) {
    case PB__FB_END:
        return "";
    case PB__FB_ENTRY:
        return in->a[list_start(q->list)].v[k];
    case PB__FB_PREV_MS:
        return k ? in->a[ms].v[k - 1] : "none";
    case PB__FB_LAST_MS:
        return in->a[ms].n ? in->a[ms].v[in->a[ms].n - 1] : NULL;
    case PB__FB_NONE:
        return q->kind == PB_INIT_YESNO ? "no" : "none";
    case PB__FB_CLAMP:
        return clamped(in, q, k);
    default:
        return example(q, k, true);
    }
}

const char *pb_init_default(pb_init *in)
{
    const pb_init_question *q = pb_init_next(in);
    char why[256];
    if (!q)
        return "";
    size_t k = entry(in);
    const char *c = q->list && in->custom[q->list] ? NULL : example(q, k, false);
    if (!c || !check(in, c, why, sizeof why))
        c = fallback(in, q, k);
    if (!c || (*c && !check(in, c, why, sizeof why)))
        c = "";
    if (c != in->def)
        snprintf(in->def, sizeof in->def, "%s", c);
    return in->def;
}

/* ==== Prompts ==== */

/* The unit a question's number is in, appended to its prompt. */
static void unit_suffix(const pb_init *in, const pb_init_question *q, char *buf, size_t n)
{
    const char *unit = pb__init_get(in, "unit", 0), *cur = pb__init_get(in, "currency", 0);
    unit = unit ? unit : "weeks";
    cur = cur ? cur : "money";
    size_t len = strlen(q->key), ul = strlen(unit) - 1; /* "weeks" -> "week" */
    buf[0] = '\0';
    if (q->kind == PB_INIT_HIGH || q->kind == PB_INIT_LOW || q->kind == PB_INIT_LIKELY) {
        const char *role = pb__init_get(in, "milestones.role", entry(in));
        if (q->list == PB__LIST_RISKS)
            snprintf(buf, n, " delay, in %s", unit);
        else if (role && !is_none(role))
            snprintf(buf, n, " effort, in person-%s", unit);
        else
            snprintf(buf, n, " duration, in %s", unit);
    } else if (!strcmp(q->key, "team.rate"))
        snprintf(buf, n, ", in %s per person-%.*s", cur, (int)ul, unit);
    else if ((len > 9 && !strcmp(q->key + len - 9, ".deadline")) ||
             !strcmp(q->key, "history.duration"))
        snprintf(buf, n, ", in %s", unit);
    else if (len > 7 && !strcmp(q->key + len - 7, ".budget"))
        snprintf(buf, n, ", in %s", cur);
}

void pb_init_prompt(const pb_init *in, char *buf, size_t n)
{
    const pb_init_question *q = pb_init_next(in);
    char unit[128];
    if (!n)
        return;
    buf[0] = '\0';
    if (!q)
        return;
    unit_suffix(in, q, unit, sizeof unit);
    size_t k = entry(in);
    if (!q->list)
        snprintf(buf, n, "%s%s", q->prompt, unit);
    else if (q->starts)
        snprintf(buf, n, "%s %zu: %s", LIST_LABEL[q->list], k + 1,
                 q->list == PB__LIST_MILESTONES || q->list == PB__LIST_RISKS ? "id" : "name");
    else {
        const char *id = in->a[list_start(q->list)].v[k];
        size_t cut = strlen(id) > 40 ? 37 : 40;
        while (cut < strlen(id) && cut && ((unsigned char)id[cut] & 0xC0) == 0x80)
            cut--; /* not inside a UTF-8 character */
        snprintf(buf, n, "%s %zu (%.*s%s): %s%s", LIST_LABEL[q->list], k + 1, (int)cut, id,
                 strlen(id) > 40 ? "..." : "", q->prompt, unit);
    }
}

/* ==== Answering ==== */

static char *trimmed(const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t len = strlen(text);
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    char *t = malloc(len + 1);
    if (t) {
        memcpy(t, text, len);
        t[len] = '\0';
    }
    return t;
}

/* The text stored for a checked answer: yes/no, choices and "-" for none as their words. */
static char *canonical(const pb_init_question *q, char *t)
{
    char buf[64];
    bool none_allowed = q->kind == PB_INIT_OPT_TEXT || q->kind == PB_INIT_TEXTS ||
                        q->kind == PB_INIT_DATE || q->kind == PB_INIT_AFTER ||
                        q->kind == PB_INIT_ROLE;
    const char *w = NULL;
    if (q->kind == PB_INIT_YESNO || q->kind == PB_INIT_CHOICE)
        w = word(q, t, buf, sizeof buf);
    else if (none_allowed && is_none(t))
        w = "none";
    if (!w)
        return t;
    char *c = malloc(strlen(w) + 1);
    if (c)
        strcpy(c, w);
    free(t);
    return c;
}

pb_status pb_init_answer(pb_init *in, const char *text, pb_error *err)
{
    const pb_init_question *q = pb_init_next(in);
    char why[512];
    if (!q)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "the questionnaire is complete");
    char *t = trimmed(text ? text : "");
    if (t && !*t) {
        free(t);
        t = trimmed(pb_init_default(in));
    }
    if (!t)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    if (q->starts && (!*t || !strcmp(t, "-"))) {
        free(t);
        if (q->list == PB__LIST_MILESTONES && !in->a[in->qi].n)
            return pb_error_set(err, PB_ERR_INVALID, NULL, 0,
                                "a plan needs at least one milestone: give its id");
        end_list(in);
        return PB_OK;
    }
    if (!check(in, t, why, sizeof why)) {
        free(t);
        return pb_error_set(err, PB_ERR_INVALID, NULL, 0, "%s", why);
    }
    size_t k = entry(in);
    if (!(t = canonical(q, t)) || !store(in, t)) {
        free(t);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    /* an answer of its own in a list: from now on an empty first answer ends that list */
    if (q->list && (!example(q, k, false) || strcmp(t, q->example[k])))
        in->custom[q->list] = true;
    advance(in);
    return PB_OK;
}

pb_status pb_init_fill_defaults(pb_init *in, pb_error *err)
{
    const pb_init_question *q;
    while ((q = pb_init_next(in))) {
        pb_error e;
        pb_status rc = pb_init_answer(in, "", &e);
        if (rc == PB_ERR_INVALID)
            return pb_error_set(err, rc, NULL, 0, "'%s' has no valid default: %s", q->key, e.msg);
        if (rc)
            return pb_error_set(err, rc, NULL, 0, "%s", e.msg);
    }
    return PB_OK;
}
