/*
 * import_yaml.c - mcprojsim project files (YAML), read with libyaml.
 *
 * The file is loaded as a libyaml document (a node graph with line marks).
 * What maps: the project's name, start date and currency; each task's id,
 * name, estimate (low / expected / high, which mcprojsim samples as
 * triangular, in hours unless 'unit' says days or weeks; hours_per_day from
 * the project, default 8, and 5-day weeks), dependencies and fixed cost;
 * task risks (probability, impact as a delay, cost_impact as a cost); and
 * project risks, put on the one milestone that finishes the plan (an added
 * zero-length milestone when several do). Everything else is listed in the
 * report as left out; docs/import.md gives the reasons.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include <pushback/scenario.h>

#include "import_internal.h"

typedef struct yctx {
    pb_import *imp;
    yaml_document_t *doc;
    double hours_per_day;
    bool lognormal_default;
    pb_error *err;
    char left_out[512]; /* task fields left out, comma-separated, no repeats */
} yctx;

/* ==== Nodes ==== */

static int line_of(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *member(const yctx *y, const yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        const char *k = scalar(yaml_document_get_node(y->doc, p->key));
        if (k && !strcmp(k, key))
            return yaml_document_get_node(y->doc, p->value);
    }
    return NULL;
}

static pb_status bad(const yctx *y, const yaml_node_t *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static pb_status bad(const yctx *y, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return pb_error_set(y->err, PB_ERR_INVALID, y->imp->file, line_of(n), "%s", msg);
}

static pb_status oom(const yctx *y)
{
    return pb_error_set(y->err, PB_ERR_RUN, y->imp->file, 0, "out of memory");
}

/* A number node: a finite number, or an error naming 'what'. */
static pb_status number(const yctx *y, const yaml_node_t *n, const char *what, double *out)
{
    const char *s = scalar(n);
    char *end = NULL;
    double v = s ? strtod(s, &end) : NAN;
    if (!s || end == s || *end || !isfinite(v) || fabs(v) > 1e12)
        return bad(y, n, "'%s' is not a number (got '%s'); write a number such as 2.5", what,
                   s ? s : "a list or a mapping");
    *out = v;
    return PB_OK;
}

/* Remember a task field that does not map (once each). */
static void left_out(yctx *y, const char *key)
{
    char pat[80];
    snprintf(pat, sizeof pat, "'%s'", key);
    if (strstr(y->left_out, pat) || strlen(y->left_out) + strlen(pat) + 3 >= sizeof y->left_out)
        return;
    if (*y->left_out)
        strcat(y->left_out, ", ");
    strcat(y->left_out, pat);
}

/* Length of an mcprojsim time unit in working days. */
static double unit_days(const yctx *y, const char *unit)
{
    if (!unit || !strcmp(unit, "hours"))
        return 1.0 / y->hours_per_day;
    if (!strcmp(unit, "days"))
        return 1.0;
    if (!strcmp(unit, "weeks"))
        return PB__DAYS_PER_WEEK;
    return 0.0;
}

/* ==== Project ==== */

static bool blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return !*s;
}

static pb_status read_project(yctx *y, const yaml_node_t *proj)
{
    static const char *const USED[] = {"name", "start_date", "currency", "hours_per_day",
                                       "distribution"};
    pb_import *imp = y->imp;
    const char *name = scalar(member(y, proj, "name"));
    const char *start = scalar(member(y, proj, "start_date"));
    const char *cur = scalar(member(y, proj, "currency"));
    if (start && !pb_date_valid(start))
        return bad(y, member(y, proj, "start_date"),
                   "start_date '%s' is not a date YYYY-MM-DD from 1900 on; fix it", start);
    name = name && !blank(name) ? name : NULL;
    cur = cur && !blank(cur) ? cur : NULL;
    if ((name && !(imp->name = pb__import_one_line(name))) ||
        (start && !(imp->start = strdup(start))) || (cur && !(imp->currency = strdup(cur))))
        return oom(y);
    const yaml_node_t *h = member(y, proj, "hours_per_day");
    if (h && (number(y, h, "hours_per_day", &y->hours_per_day) || y->hours_per_day <= 0.0))
        return bad(y, h, "'%s' must be a number above 0, got '%s'", "hours_per_day",
                   scalar(h) ? scalar(h) : "?");
    const char *dist = scalar(member(y, proj, "distribution"));
    y->lognormal_default = dist && !strcmp(dist, "lognormal");
    char rest[400] = "";
    for (yaml_node_pair_t *p =
             proj && proj->type == YAML_MAPPING_NODE ? proj->data.mapping.pairs.start : NULL;
         p && p < proj->data.mapping.pairs.top; p++) {
        const char *k = scalar(yaml_document_get_node(y->doc, p->key));
        bool used = false;
        for (size_t i = 0; k && i < sizeof USED / sizeof *USED; i++)
            used = used || !strcmp(k, USED[i]);
        if (k && !used && strlen(rest) + strlen(k) + 4 < sizeof rest)
            snprintf(rest + strlen(rest), sizeof rest - strlen(rest), "%s'%s'", *rest ? ", " : "",
                     k);
    }
    bool ok = pb__import_note(imp,
                              "  project: name, start_date and currency kept; hours_per_day "
                              "%g converts hours to days (5-day weeks)",
                              y->hours_per_day);
    if (*rest)
        ok = ok && pb__import_note(imp,
                                   "  project fields left out (reporting and calendar "
                                   "settings pushback has no place for): %s",
                                   rest);
    return ok ? PB_OK : oom(y);
}

/* ==== Tasks ==== */

/* low / expected / high of an estimate mapping, converted to the scenario unit. */
static pb_status read_estimate(yctx *y, const yaml_node_t *e, pb_import_task *t, const char *id)
{
    if (member(y, e, "t_shirt_size") || member(y, e, "story_points")) {
        left_out(y,
                 member(y, e, "t_shirt_size") ? "estimate.t_shirt_size" : "estimate.story_points");
        return PB_OK; /* sizes need mcprojsim's configuration: a placeholder is written */
    }
    static const char *const KEYS[3][2] = {
        {"low", "min"}, {"expected", "most_likely"}, {"high", "max"}};
    const char *unit = scalar(member(y, e, "unit"));
    double days = unit_days(y, unit);
    if (days <= 0.0)
        return bad(y, member(y, e, "unit"),
                   "estimate unit '%s' of task '%s' is not hours, days "
                   "or weeks; use one of them",
                   unit, id);
    for (int k = 0; k < 3; k++) {
        const yaml_node_t *n = member(y, e, KEYS[k][0]);
        n = n ? n : member(y, e, KEYS[k][1]);
        if (!n)
            return bad(y, e, "the estimate of task '%s' has no '%s'; give low, expected and high",
                       id, KEYS[k][0]);
        pb_status rc = number(y, n, KEYS[k][0], &t->est[k]);
        if (rc)
            return rc;
        if (t->est[k] < 0.0)
            return bad(y, n, "'%s' of task '%s' is negative; estimates are >= 0", KEYS[k][0], id);
        t->est[k] *= days / pb__import_unit_days(y->imp->unit);
    }
    if (t->est[0] > t->est[1] || t->est[1] > t->est[2])
        return bad(y, e, "the estimate of task '%s' is out of order; write it as %s", id,
                   "low <= expected <= high");
    const char *dist = scalar(member(y, e, "distribution"));
    if ((dist && !strcmp(dist, "lognormal")) || (!dist && y->lognormal_default))
        left_out(y, "distribution: lognormal (written as triangular)");
    t->n_est = 3;
    t->triangular = true;
    return PB_OK;
}

static pb_status read_deps(yctx *y, const yaml_node_t *d, size_t index)
{
    pb_import *imp = y->imp;
    if (scalar(d))
        return pb__import_add_ref(imp, index, scalar(d), false, line_of(d)) ? PB_OK : oom(y);
    if (d->type != YAML_SEQUENCE_NODE)
        return bad(y, d, "'%s' must be a list of task ids%s", "dependencies", "");
    for (yaml_node_item_t *it = d->data.sequence.items.start; it < d->data.sequence.items.top;
         it++) {
        const yaml_node_t *n = yaml_document_get_node(y->doc, *it);
        if (!scalar(n))
            return bad(y, n, "'%s' must be a list of task ids%s", "dependencies", "");
        if (!pb__import_add_ref(imp, index, scalar(n), false, line_of(n)))
            return oom(y);
    }
    return PB_OK;
}

static pb_status read_task(yctx *y, const yaml_node_t *n)
{
    static const char *const USED[] = {"id",           "name",       "estimate",
                                       "dependencies", "fixed_cost", "risks"};
    if (n->type != YAML_MAPPING_NODE)
        return bad(y, n, "a task must be a mapping with %s%s", "'id', 'name' and 'estimate'", "");
    const char *id = scalar(member(y, n, "id"));
    if (!id || !*id)
        return bad(y, n, "a task has no '%s'; give every task an id%s", "id", "");
    pb_import_task *t = pb__import_add_task(y->imp, line_of(n), id, scalar(member(y, n, "name")));
    if (!t)
        return oom(y);
    size_t index = y->imp->n_tasks - 1;
    const yaml_node_t *e = member(y, n, "estimate"), *d = member(y, n, "dependencies");
    const yaml_node_t *c = member(y, n, "fixed_cost");
    pb_status rc = e ? read_estimate(y, e, t, id) : PB_OK;
    if (!rc && d)
        rc = read_deps(y, d, index);
    if (!rc && c && !(rc = number(y, c, "fixed_cost", &t->cost)))
        t->has_cost = t->cost >= 0.0;
    if (!rc && c && t->cost < 0.0)
        left_out(y, "fixed_cost below 0");
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; !rc && p < n->data.mapping.pairs.top;
         p++) {
        const char *k = scalar(yaml_document_get_node(y->doc, p->key));
        bool used = false;
        for (size_t i = 0; k && i < sizeof USED / sizeof *USED; i++)
            used = used || !strcmp(k, USED[i]);
        if (k && !used)
            left_out(y, k);
    }
    return rc;
}

/* ==== Risks ==== */

/* The delay of a risk impact in the scenario unit; false when it does not map. */
static bool impact_delay(yctx *y, const yaml_node_t *imp, const pb_import_task *t, double *out)
{
    double v, to = pb__import_unit_days(y->imp->unit);
    if (scalar(imp))
        return !number(y, imp, "impact", &v) && v >= 0.0 && (*out = v / y->hours_per_day / to, 1);
    const char *type = scalar(member(y, imp, "type"));
    const yaml_node_t *val = member(y, imp, "value");
    if (!type || !val || number(y, val, "impact value", &v) || v < 0.0)
        return false;
    if (!strcmp(type, "percentage")) {
        if (!t)
            return false; /* a share of the whole project's effort: no pushback equivalent */
        *out = v / 100.0 * (t->n_est == 3 ? t->est[1] : t->n_est ? t->est[0] : 1.0);
        return pb__import_note(y->imp,
                               "  risk on '%s' (line %d): impact %g%% of the task became "
                               "a fixed delay of %g %s (%g%% of its expected estimate)",
                               t->id, line_of(imp), v, *out, pb_import_unit_name(y->imp), v);
    }
    double days = unit_days(y, scalar(member(y, imp, "unit")));
    if (strcmp(type, "absolute") || days <= 0.0)
        return false;
    *out = v * days / to;
    return true;
}

static pb_status add_risk(yctx *y, const yaml_node_t *n, size_t task, bool project,
                          const char *fallback)
{
    pb_import *imp = y->imp;
    const char *rid = scalar(member(y, n, "id")), *name = scalar(member(y, n, "name"));
    const yaml_node_t *p = member(y, n, "probability"), *c = member(y, n, "cost_impact");
    pb_import_risk r = {.line = line_of(n)};
    const pb_import_task *t = project ? NULL : &imp->tasks[task];
    if (!p || number(y, p, "probability", &r.probability) || r.probability < 0.0 ||
        r.probability > 1.0)
        return bad(y, p ? p : n, "risk '%s' needs a 'probability' in [0, 1]%s",
                   rid    ? rid
                   : name ? name
                          : fallback,
                   "");
    if (!member(y, n, "impact") || !impact_delay(y, member(y, n, "impact"), t, &r.delay)) {
        return pb__import_note(imp,
                               "  risk '%s' (line %d) left out: its impact is not a delay "
                               "pushback can add (a negative number, or a percentage of "
                               "the whole project)",
                               rid ? rid : fallback, r.line)
                   ? PB_OK
                   : oom(y);
    }
    if (c && !number(y, c, "cost_impact", &r.cost) && r.cost >= 0.0)
        r.has_cost = true;
    char *base = pb__import_slug(rid ? rid : name ? name : fallback);
    size_t len = base ? strlen(base) + 32 : 0;
    r.id = base ? malloc(len) : NULL;
    r.name = pb__import_one_line(name ? name : rid ? rid : fallback);
    r.milestone = strdup(imp->tasks[task].id);
    if (r.id)
        snprintf(r.id, len, "%s", *base ? base : "risk");
    for (unsigned k = 2; r.id; k++) {
        bool taken = false;
        for (size_t i = 0; i < imp->n_risks; i++)
            taken = taken || !strcmp(imp->risks[i].id, r.id);
        if (!taken)
            break;
        snprintf(r.id, len, "%s-%u", *base ? base : "risk", k);
    }
    free(base);
    pb_import_risk *arr = realloc(imp->risks, (imp->n_risks + 1) * sizeof *arr);
    if (!r.id || !r.name || !r.milestone || !arr) {
        free(r.id);
        free(r.name);
        free(r.milestone);
        if (arr)
            imp->risks = arr;
        return oom(y);
    }
    imp->risks = arr;
    imp->risks[imp->n_risks++] = r;
    return PB_OK;
}

static pb_status add_risks(yctx *y, const yaml_node_t *list, size_t task, bool project)
{
    if (!list)
        return PB_OK;
    if (list->type != YAML_SEQUENCE_NODE)
        return bad(y, list, "'%s' must be a list of risks%s", "risks", "");
    pb_status rc = PB_OK;
    for (yaml_node_item_t *it = list->data.sequence.items.start;
         !rc && it < list->data.sequence.items.top; it++) {
        char fallback[40];
        snprintf(fallback, sizeof fallback, "risk-%zu", y->imp->n_risks + 1);
        rc = add_risk(y, yaml_document_get_node(y->doc, *it), task, project, fallback);
    }
    return rc;
}

/* The milestone that finishes the plan: the only task nobody waits for, or a new one. */
static pb_status finish_task(yctx *y, size_t *out)
{
    pb_import *imp = y->imp;
    size_t n = imp->n_tasks, n_sinks = 0, sink = 0;
    bool *waited = calloc(n + 1, sizeof *waited);
    if (!waited)
        return oom(y);
    for (size_t j = 0; j < n; j++)
        for (size_t k = 0; k < imp->tasks[j].n_after; k++)
            waited[pb__import_find(imp, imp->tasks[j].after[k])] = true;
    for (size_t i = 0; i < n; i++)
        if (!waited[i] && ++n_sinks)
            sink = i;
    pb_import_task *t = NULL;
    if (n_sinks > 1 && (t = pb__import_add_task(imp, 0, NULL, "Project risks")) &&
        (t->after = calloc(n_sinks, sizeof *t->after)))
        for (size_t i = 0; i < n; i++)
            if (!waited[i] && (t->after[t->n_after] = strdup(imp->tasks[i].id)))
                t->n_after++;
    free(waited);
    if (n_sinks == 1) {
        *out = sink;
        return PB_OK;
    }
    if (!t || t->n_after < n_sinks)
        return oom(y);
    t->n_est = 1;
    imp->added_finish = true;
    *out = n;
    char id[40] = "project-risks";
    for (unsigned k = 2; pb__import_find(imp, id) < n; k++)
        snprintf(id, sizeof id, "project-risks-%u", k);
    return (t->id = strdup(id)) ? PB_OK : oom(y);
}

/* ==== The document ==== */

static pb_status read_tasks(yctx *y, const yaml_node_t *tasks)
{
    if (!tasks || tasks->type != YAML_SEQUENCE_NODE ||
        tasks->data.sequence.items.start == tasks->data.sequence.items.top)
        return bad(y, tasks, "no '%s' list; an mcprojsim project lists its tasks under 'tasks:'%s",
                   "tasks", "");
    pb_status rc = PB_OK;
    for (yaml_node_item_t *it = tasks->data.sequence.items.start;
         !rc && it < tasks->data.sequence.items.top; it++)
        rc = read_task(y, yaml_document_get_node(y->doc, *it));
    if (!rc)
        rc = pb__import_assign_ids(y->imp, y->err);
    if (!rc)
        rc = pb__import_resolve(y->imp, y->err);
    for (size_t i = 0; i < y->imp->n_refs; i++)
        free(y->imp->refs[i].text);
    y->imp->n_refs = 0; /* resolved: pb_import_parse() has nothing left to do */
    size_t i = 0;
    for (yaml_node_item_t *it = tasks->data.sequence.items.start;
         !rc && it < tasks->data.sequence.items.top; it++, i++)
        rc = add_risks(y, member(y, yaml_document_get_node(y->doc, *it), "risks"), i, false);
    return rc;
}

static pb_status read_root(yctx *y, const yaml_node_t *root)
{
    static const char *const KNOWN[] = {"project", "tasks", "project_risks"};
    if (!root)
        return pb_error_set(y->err, PB_ERR_INVALID, y->imp->file, 0,
                            "empty file; an mcprojsim project has 'project:' and 'tasks:'");
    if (root->type != YAML_MAPPING_NODE)
        return bad(y, root, "not an mcprojsim project: the top level must be a mapping with %s%s",
                   "'project:' and 'tasks:'", "");
    pb_status rc = read_project(y, member(y, root, "project"));
    if (!rc)
        rc = read_tasks(y, member(y, root, "tasks"));
    const yaml_node_t *pr = member(y, root, "project_risks");
    size_t fin = 0;
    if (!rc && pr && pr->type == YAML_SEQUENCE_NODE &&
        pr->data.sequence.items.top > pr->data.sequence.items.start && !(rc = finish_task(y, &fin)))
        rc = add_risks(y, pr, fin, true);
    if (!rc && *y->left_out && !pb__import_note(y->imp, "  task fields left out: %s", y->left_out))
        rc = oom(y);
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         !rc && p < root->data.mapping.pairs.top; p++) {
        const char *k = scalar(yaml_document_get_node(y->doc, p->key));
        bool known = false;
        for (size_t i = 0; k && i < 3; i++)
            known = known || !strcmp(k, KNOWN[i]);
        if (k && !known &&
            !pb__import_note(y->imp,
                             "  section '%s' left out: pushback plans "
                             "by role and milestone, not by %s",
                             k, "named resources, calendars or sprints"))
            rc = oom(y);
    }
    return rc;
}

pb_status pb__import_yaml(pb_import *imp, const char *text, size_t len, pb_error *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    imp->source = "mcprojsim YAML";
    if (!yaml_parser_initialize(&parser))
        return pb_error_set(err, PB_ERR_RUN, imp->file, 0, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        pb_status rc =
            pb_error_set(err, PB_ERR_INVALID, imp->file, (int)parser.problem_mark.line + 1,
                         "YAML: %s%s%s; fix the "
                         "indentation or quoting there",
                         parser.problem ? parser.problem : "cannot parse",
                         parser.context ? " " : "", parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        return rc;
    }
    yctx y = {.imp = imp, .doc = &doc, .hours_per_day = PB__HOURS_PER_DAY, .err = err};
    pb_status rc = pb__import_note(imp,
                                   "%s: mcprojsim YAML; estimates are triangular "
                                   "(low, expected, high as min, mode, max)",
                                   imp->file)
                       ? read_root(&y, yaml_document_get_root_node(&doc))
                       : oom(&y);
    if (!rc && !pb__import_note(imp,
                                "  every task is a duration (mcprojsim estimates elapsed "
                                "time), in %s",
                                pb_import_unit_name(imp)))
        rc = oom(&y);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}
