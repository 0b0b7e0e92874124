/*
 * import_write.c - the scenario text of an import table.
 *
 * The output is a libconfig scenario (format version 1) that
 * pb_scenario_load() accepts as it stands: one milestone a line, in input
 * order, with every value the importer invented followed by a
 * "# set this: ..." comment that says what to put there. Strings are
 * escaped for libconfig, and bytes that are not UTF-8 are read as Latin-1
 * (what older spreadsheets export).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

#define MAX_TEXT 4000 /* bytes of a string written: a scenario text holds 4096 */
#include "pushback/import.h"

/* Length of the UTF-8 sequence at s, or 0 when it is not a valid one (overlong,
   a surrogate, above U+10FFFF, or cut short). */
static size_t utf8_len(const unsigned char *s)
{
    static const unsigned long least[] = {0, 0x80, 0x800, 0x10000};
    size_t n = s[0] < 0x80             ? 0
               : (s[0] & 0xE0) == 0xC0 ? 1
               : (s[0] & 0xF0) == 0xE0 ? 2
               : (s[0] & 0xF8) == 0xF0 ? 3
                                       : 4;
    if (n == 0)
        return 1;
    if (n == 4)
        return 0;
    unsigned long cp = s[0] & (0x3F >> n);
    for (size_t k = 1; k <= n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3F);
    }
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    size_t out = 0; /* bytes written, a bound on the string's length once read */
    for (const unsigned char *p = (const unsigned char *)s; *p && out + 4 <= MAX_TEXT;) {
        size_t n = utf8_len(p);
        if (*p == '"' || *p == '\\') {
            fprintf(f, "\\%c", *p++);
            out += 2;
        } else if (*p < 0x20 || *p == 0x7F) {
            p++;
        } else if (n == 0) {
            fputc(0xC0 | (*p >> 6), f); /* Latin-1 to UTF-8 */
            fputc(0x80 | (*p & 0x3F), f);
            p++;
            out += 2;
        } else {
            fwrite(p, 1, n, f);
            p += n;
            out += n;
        }
    }
    fputc('"', f);
}

static void put_num(FILE *f, double v)
{
    fprintf(f, "%.6g", v);
}

static void put_estimate(FILE *f, const pb_import_task *t)
{
    if (t->n_est == 0) {
        fputs("1.0", f);
    } else if (t->n_est == 1 || (t->est[0] == t->est[1] && t->est[1] == t->est[2])) {
        put_num(f, t->est[0]);
    } else if (t->triangular) {
        fputs("{ dist = \"triangular\"; min = ", f);
        put_num(f, t->est[0]);
        fputs("; mode = ", f);
        put_num(f, t->est[1]);
        fputs("; max = ", f);
        put_num(f, t->est[2]);
        fputs("; }", f);
    } else {
        fputc('[', f);
        for (int k = 0; k < 3; k++) {
            fputs(k ? ", " : "", f);
            put_num(f, t->est[k]);
        }
        fputc(']', f);
    }
}

/* ==== Sections ==== */

static void put_header(const pb_import *imp, FILE *f)
{
    fprintf(f, "# Scenario skeleton written by 'pushback import' from %s (%s).\n", imp->file,
            imp->source);
    fputs("# Every value marked \"set this\" was invented by the importer: replace it\n"
          "# before you rely on a forecast, then run 'pushback check' on this file.\n",
          f);
    fputs("version = 1;\nname = ", f);
    if (imp->name) {
        put_str(f, imp->name);
        fputs(";\n", f);
    } else {
        const char *base = strrchr(imp->file, '/');
        base = base ? base + 1 : imp->file;
        size_t n = strcspn(base, ".");
        char title[128];
        snprintf(title, sizeof title, "%.*s", (int)(n ? n : strlen(base)), base);
        put_str(f, strcmp(title, "-") ? title : "Imported tasks");
        fputs("; # set this: the proposal's title (taken from the file name)\n", f);
    }
    fprintf(f, "unit = \"%s\";\n", pb_import_unit_name(imp));
    if (imp->currency) {
        fputs("currency = ", f);
        put_str(f, imp->currency);
        fputs(";\n", f);
    } else {
        fputs("currency = \"USD\"; # set this: the currency of costs and rates\n", f);
    }
    if (imp->start) {
        fputs("start = ", f);
        put_str(f, imp->start);
        fputs(";\n", f);
    }
}

static void put_role(const pb_import *imp, const char *role, int people, bool more, FILE *f)
{
    const char *unit = pb_import_unit_name(imp);
    fprintf(f, "  { role = \"%s\"; people = %d; }%s", role, people, more ? "," : "");
    fprintf(f,
            " # set this: people available as '%s' (%d is %s) and their 'rate' (money per "
            "person per %.*s)\n",
            role, people, people > 1 ? "the most any task asks for" : "a placeholder",
            (int)strlen(unit) - 1, unit);
}

/* One team entry per role, in order of first use, with the most people any task asks for. */
static pb_status put_team(const pb_import *imp, FILE *f, pb_error *err)
{
    size_t n_roles = 0;
    const char **roles = malloc((imp->n_tasks + 1) * sizeof *roles);
    int *people = malloc((imp->n_tasks + 1) * sizeof *people);
    if (!roles || !people) {
        free(roles);
        free(people);
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    }
    for (size_t i = 0; i < imp->n_tasks; i++) {
        const pb_import_task *t = &imp->tasks[i];
        if (!t->role)
            continue;
        size_t r = 0;
        while (r < n_roles && strcmp(roles[r], t->role))
            r++;
        if (r == n_roles) {
            roles[n_roles] = t->role;
            people[n_roles++] = 1;
        }
        if (t->people_max > people[r])
            people[r] = t->people_max;
    }
    fputs(n_roles ? "\nteam = (\n" : "", f);
    for (size_t r = 0; r < n_roles; r++)
        put_role(imp, roles[r], people[r], r + 1 < n_roles, f);
    fputs(n_roles ? ");\n" : "", f);
    free(roles);
    free(people);
    return PB_OK;
}

static void put_milestone(const pb_import *imp, const pb_import_task *t, bool last, FILE *f)
{
    fprintf(f, "  { id = \"%s\"; name = ", t->id);
    put_str(f, t->name);
    fputc(';', f);
    if (t->n_after) {
        fputs(" after = [", f);
        for (size_t k = 0; k < t->n_after; k++)
            fprintf(f, "%s\"%s\"", k ? ", " : "", t->after[k]);
        fputs("];", f);
    }
    if (t->effort)
        fprintf(f, " role = \"%s\"; effort = ", t->role);
    else
        fputs(" duration = ", f);
    put_estimate(f, t);
    fputc(';', f);
    if (t->effort && t->people_min > 0) {
        if (t->people_min == t->people_max)
            fprintf(f, " people = %d;", t->people_min);
        else
            fprintf(f, " people = [%d, %d];", t->people_min, t->people_max);
    }
    if (t->has_cost) {
        fputs(" cost = ", f);
        put_num(f, t->cost);
        fputc(';', f);
    }
    fputs(t->optional ? " optional = true;" : "", f);
    fputs(t->deliverable ? " deliverable = true;" : "", f);
    fputs(last ? " }" : " },", f);
    if (imp->added_finish && t == &imp->tasks[imp->n_tasks - 1])
        fputs(" # added by the import: the project-level risks delay this end point", f);
    if (t->n_est == 0)
        fprintf(f, " # set this: no estimate in %s; 1 %.*s is a placeholder", imp->file,
                (int)strlen(pb_import_unit_name(imp)) - 1, pb_import_unit_name(imp));
    fputc('\n', f);
}

static void put_risks(const pb_import *imp, FILE *f)
{
    if (!imp->n_risks)
        return;
    fputs("\nrisks = (\n", f);
    for (size_t i = 0; i < imp->n_risks; i++) {
        const pb_import_risk *r = &imp->risks[i];
        fprintf(f, "  { id = \"%s\"; name = ", r->id);
        put_str(f, r->name);
        fputs("; probability = ", f);
        put_num(f, r->probability);
        fprintf(f, "; milestone = \"%s\"; delay = ", r->milestone);
        put_num(f, r->delay);
        fputc(';', f);
        if (r->has_cost) {
            fputs(" cost = ", f);
            put_num(f, r->cost);
            fputc(';', f);
        }
        fputs(i + 1 < imp->n_risks ? " },\n" : " }\n", f);
    }
    fputs(");\n", f);
}

/* ==== The ask: the longest chain of likely values ==== */

static double likely(const pb_import_task *t)
{
    double v = t->n_est == 0 ? 1.0 : t->n_est == 1 ? t->est[0] : t->est[1];
    return t->effort && t->people_min > 1 ? v / t->people_min : v;
}

static pb_status put_ask(const pb_import *imp, FILE *f, pb_error *err)
{
    size_t n = imp->n_tasks, *order = malloc((n + 1) * sizeof *order);
    double *end = malloc((n + 1) * sizeof *end);
    pb_status rc = order && end ? pb__import_order(imp, order, err)
                                : pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    double chain = 0.0;
    for (size_t k = 0; !rc && k < n; k++) {
        const pb_import_task *t = &imp->tasks[order[k]];
        double start = 0.0;
        for (size_t a = 0; a < t->n_after; a++) {
            double e = end[pb__import_find(imp, t->after[a])];
            start = e > start ? e : start;
        }
        end[order[k]] = start + likely(t);
        chain = end[order[k]] > chain ? end[order[k]] : chain;
    }
    free(order);
    free(end);
    if (rc)
        return rc;
    double deadline = chain > 0.0 ? chain : 1.0;
    fputs("\nask = { deadline = ", f);
    put_num(f, deadline);
    fprintf(f,
            "; confidence = 0.8; }; # set this: the deadline you will ask for; %.4g %s is the "
            "longest chain of likely estimates%s, with no margin for anything\n",
            deadline, pb_import_unit_name(imp),
            imp->n_placeholders ? " (placeholders included)" : "");
    return PB_OK;
}

pb_status pb_import_write(const pb_import *imp, FILE *f, pb_error *err)
{
    pb_error_clear(err);
    put_header(imp, f);
    pb_status rc = put_team(imp, f, err);
    if (rc)
        return rc;
    fputs("\nmilestones = (\n", f);
    for (size_t i = 0; i < imp->n_tasks; i++)
        put_milestone(imp, &imp->tasks[i], i + 1 == imp->n_tasks, f);
    fputs(");\n", f);
    put_risks(imp, f);
    rc = put_ask(imp, f, err);
    if (!rc && (ferror(f) || fflush(f)))
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the scenario");
    return rc;
}

pb_status pb_import_to_string(const pb_import *imp, char **out, pb_error *err)
{
    size_t len = 0;
    *out = NULL;
    FILE *f = open_memstream(out, &len);
    if (!f)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    pb_status rc = pb_import_write(imp, f, err);
    if (fclose(f) && !rc)
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}
