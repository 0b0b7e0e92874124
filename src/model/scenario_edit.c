/*
 * scenario_edit.c - the changes options and the command line make to a
 * scenario (--set, --drop, --option).
 *
 * Changes go through the same field parsers as the file (scenario_fields.c), on a
 * value parsed by libconfig from text, and are followed by the same
 * cross-reference validation, so an option or a --set can never produce a
 * scenario the loader would have refused. Errors found here name the line of
 * the entity concerned (or the option's line), so they read like load errors.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "base/cfg.h"
#include "base/idmap.h"
#include "pushback/scenario.h"
#include "scenario_internal.h"

/* ==== Edits ==== */

static pb_risk *find_risk(pb_scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_risks; i++)
        if (!strcmp(s->risks[i].id, id))
            return &s->risks[i];
    return NULL;
}

static const char *const SET_ROOTS =
    "team.ROLE, team.ROLE.rate, team.ROLE.labour, labour, overhead, ask.deadline, ask.budget, ask.confidence, "
    "manager.deadline, manager.people, manager.budget, milestones.ID.FIELD, risks.ID.FIELD, "
    "resources.ID.cost, correlation.shared, growth, team.ROLE.joins, team.ROLE.ramp, "
    "team.ROLE.mentor, attrition, scale";

/* 'team.ROLE[.people|.rate|.labour|.joins|.ramp|.mentor]' */
static pb_status edit_team(const pb__origin *o, pb_scenario *s, const char *b, const char *c,
                           const config_setting_t *v)
{
    pb_role *r = NULL;
    for (size_t i = 0; i < s->n_roles; i++)
        if (!strcmp(s->roles[i].name, b))
            r = &s->roles[i];
    if (!r)
        return pb__bad(o, NULL, "unknown team role '%s'", b);
    if (!c || !strcmp(c, "people"))
        return pb__range_int(o, v, PB__RANGE_HEADCOUNT, &r->people);
    if (!strcmp(c, "rate"))
        return pb__number(o, v, "rate", 0.0, &r->rate);
    if (!strcmp(c, "labour"))
        return pb__labour(o, v, &r->labour);
    if (!strcmp(c, "joins") || !strcmp(c, "ramp") || !strcmp(c, "mentor"))
        return pb__role_people_field(o, r, c, v);
    return pb__bad(
        o, NULL, "unknown team setting '%s' (valid: people, rate, labour, joins, ramp, mentor)", c);
}

/* 'ask.deadline', 'ask.budget', 'ask.confidence' */
static pb_status edit_ask(const pb__origin *o, pb_scenario *s, const char *b,
                          const config_setting_t *v)
{
    if (!strcmp(b, "deadline"))
        return pb__number(o, v, "deadline", 0.0, &s->ask_deadline);
    if (!strcmp(b, "budget"))
        return pb__number(o, v, "budget", 0.0, &s->ask_budget);
    if (!strcmp(b, "confidence"))
        return pb__range_number(o, v, PB__RANGE_CONFIDENCE, &s->ask_confidence);
    return pb__bad(o, NULL, "unknown ask setting '%s' (valid: deadline, budget, confidence)", b);
}

/* 'manager.deadline', 'manager.people', 'manager.budget' */
static pb_status edit_manager(const pb__origin *o, pb_scenario *s, const char *b,
                              const config_setting_t *v)
{
    s->has_manager = true;
    if (!strcmp(b, "deadline"))
        return pb__number(o, v, "deadline", 0.0, &s->manager_deadline);
    if (!strcmp(b, "budget"))
        return pb__number(o, v, "budget", 0.0, &s->manager_budget);
    if (!strcmp(b, "people"))
        return pb__range_int(o, v, PB__RANGE_HEADCOUNT, &s->manager_people);
    return pb__bad(o, NULL, "unknown manager setting '%s' (valid: deadline, people, budget)", b);
}

/* 'milestones.ID.FIELD', 'risks.ID.FIELD', 'resources.ID.cost' */
static pb_status edit_entity(const pb__origin *o, pb_scenario *s, const char *a, const char *b,
                             const char *c, const config_setting_t *v)
{
    if (!strcmp(a, "milestones")) {
        pb_milestone *m = (pb_milestone *)pb_scenario_milestone(s, b);
        if (!m)
            return pb__bad(o, NULL, "unknown milestone '%s'", b);
        if (!strcmp(c, "id"))
            return pb__bad(o, NULL, "a milestone's 'id' cannot be changed");
        pb_status rc = pb__milestone_field(o, m, c, v);
        if (!rc && o->code == PB_ERR_INVALID)
            m->line = o->line > 0 ? o->line : m->line;
        return rc;
    }
    if (!strcmp(a, "risks")) {
        pb_risk *r = find_risk(s, b);
        if (!r)
            return pb__bad(o, NULL, "unknown risk '%s'", b);
        if (!strcmp(c, "id"))
            return pb__bad(o, NULL, "a risk's 'id' cannot be changed");
        return pb__risk_field(o, r, c, v);
    }
    pb_resource *r = NULL;
    for (size_t i = 0; i < s->n_resources; i++)
        if (!strcmp(s->resources[i].id, b))
            r = &s->resources[i];
    if (!r)
        return pb__bad(o, NULL, "unknown resource '%s'", b);
    return pb__number(o, v, "cost", 0.0, &r->cost);
}

/* 'scale': every effort and per-item estimate times the new scale over the old one, so that
   the scale is always against the file's (two --set scale=... do not compound). */
static pb_status edit_scale(const pb__origin *o, pb_scenario *s, const config_setting_t *v)
{
    double k;
    pb_status rc = pb__range_number(o, v, PB__RANGE_SCALE, &k);
    if (rc)
        return rc;
    double by = k / (s->scale > 0 ? s->scale : 1.0);
    for (size_t i = 0; i < s->n_milestones; i++) {
        pb_milestone *m = &s->milestones[i];
        if (m->has_effort)
            m->effort = pb_dist_stretch(&m->effort, by, 1.0);
        if (m->has_per_item)
            m->per_item = pb_dist_stretch(&m->per_item, by, 1.0);
    }
    s->scale = k;
    return PB_OK;
}

/* Apply value v at path a[.b[.c]]. */
static pb_status edit_path(const pb__origin *o, pb_scenario *s, const char *path, const char *a,
                           const char *b, const char *c, const config_setting_t *v)
{
    pb_status rc;
    if (!strcmp(a, "team") && b)
        return edit_team(o, s, b, c, v);
    if (!strcmp(a, "labour") && !b)
        return pb__labour(o, v, &s->labour);
    if (!strcmp(a, "overhead") && !b)
        return pb__range_number(o, v, PB__RANGE_OVERHEAD, &s->overhead);
    if (!strcmp(a, "ask") && b && !c)
        return edit_ask(o, s, b, v);
    if (!strcmp(a, "manager") && b && !c)
        return edit_manager(o, s, b, v);
    if ((!strcmp(a, "milestones") || !strcmp(a, "risks")) && b && c)
        return edit_entity(o, s, a, b, c, v);
    if (!strcmp(a, "resources") && b && c && !strcmp(c, "cost"))
        return edit_entity(o, s, a, b, c, v);
    if (!strcmp(a, "correlation") && b && !c && !strcmp(b, "shared")) {
        if (!(rc = pb__estimate(o, v, "shared", &s->shared)))
            s->has_shared = true;
        return rc;
    }
    if (!strcmp(a, "attrition") && !b)
        return pb__parse_attrition(o, s, v);
    if (!strcmp(a, "scale") && !b)
        return edit_scale(o, s, v);
    if (!strcmp(a, "growth") && !b) {
        if (!(rc = pb__estimate(o, v, "growth", &s->growth)))
            s->has_growth = true;
        return rc;
    }
    return pb__bad(o, NULL, "cannot set '%s' (valid paths: %s)", path, SET_ROOTS);
}

/* Parse 'value' as the one setting 'v' of cfg (initialised); *v NULL when it is not a value. */
static pb_status parse_value(config_t *cfg, const char *value, const char *file, int line,
                             const config_setting_t **v, pb_error *err)
{
    *v = NULL;
    size_t vlen = strlen(value);
    char *text = malloc(vlen + 16), *norm = NULL;
    if (!text)
        return pb_error_set(err, PB_ERR_RUN, file, line, "out of memory");
    snprintf(text, vlen + 16, "v = %s;", value);
    pb_error pe;
    pb_status prc = pb__cfg_prepare(text, file, &norm, &pe);
    free(text);
    if (prc == PB_ERR_RUN)
        return pb_error_set(err, PB_ERR_RUN, file, line, "out of memory");
    /* norm is NULL when refused ('@include'): not a value */
    if (norm && config_read_string(cfg, norm) == CONFIG_TRUE &&
        config_setting_length(config_root_setting(cfg)) == 1)
        *v = config_setting_get_member(config_root_setting(cfg), "v");
    free(norm);
    return PB_OK;
}

pb_status pb__scenario_edit_at(pb_scenario *s, const char *path, const char *value,
                               const char *file, int line, pb_status code, pb_error *err)
{
    char where[300];
    if (code == PB_ERR_USAGE)
        snprintf(where, sizeof where, "--set %s=%s", path, value);
    else
        snprintf(where, sizeof where, "%s", file);
    pb__origin o = {where, line, code, err, true};
    char p[256];
    if (strlen(path) >= sizeof p)
        return pb__bad(&o, NULL, "path is too long");
    snprintf(p, sizeof p, "%s", path);
    char *a = p, *b = strchr(a, '.'), *c = NULL;
    if (b) {
        *b++ = '\0';
        c = strchr(b, '.');
        if (c)
            *c++ = '\0';
    }
    config_t cfg;
    config_init(&cfg);
    const config_setting_t *v;
    pb_status rc = parse_value(&cfg, value, file, line, &v, err);
    if (!rc && !v)
        rc = pb__bad(&o, NULL,
                     "'%s' is not a value (write a number, \"text\", [min, mode, max] or "
                     "{ dist = ...; })",
                     value);
    if (!rc)
        rc = edit_path(&o, s, path, a, b, c, v);
    config_destroy(&cfg);
    return rc;
}

pb_status pb_scenario_edit(pb_scenario *s, const char *path, const char *value, pb_error *err)
{
    pb_error_clear(err);
    return pb__scenario_edit_at(s, path, value, "", 0, PB_ERR_USAGE, err);
}

pb_status pb_scenario_set(pb_scenario *s, const char *path, const char *value, pb_error *err)
{
    pb_status rc = pb_scenario_edit(s, path, value, err);
    return rc ? rc : pb__scenario_validate(s, err);
}

/* Apply sets[i] ("PATH=VALUE") to s, without validating. */
static pb_status edit_arg(pb_scenario *s, const char *arg, pb_error *err)
{
    const char *eq = strchr(arg, '=');
    char path[256];
    if (!eq || (size_t)(eq - arg) >= sizeof path)
        return pb_error_set(err, PB_ERR_USAGE, "--set", 0, "'%s' is not PATH=VALUE", arg);
    memcpy(path, arg, (size_t)(eq - arg));
    path[eq - arg] = '\0';
    return pb__scenario_edit_at(s, path, eq + 1, "", 0, PB_ERR_USAGE, err);
}

/* Does 'base' with sets[0..n) but sets[skip] applied validate (skip >= n: with all)? */
static bool valid_without(const pb_scenario *base, const char *const *sets, size_t n, size_t skip)
{
    pb_scenario *c = pb_scenario_copy(base);
    pb_error e;
    bool ok = c != NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok = i == skip || edit_arg(c, sets[i], &e) == PB_OK;
    ok = ok && pb__scenario_validate(c, &e) == PB_OK;
    pb_scenario_free(c);
    return ok;
}

/* The --set argument to name when sets[0..n) together make 'base' invalid: the one
   without which the rest validate, else the first after which the scenario fails. */
static size_t blame(const pb_scenario *base, const char *const *sets, size_t n)
{
    for (size_t k = n; base && k-- > 0;)
        if (valid_without(base, sets, n, k))
            return k;
    for (size_t k = 0; base && k + 1 < n; k++)
        if (!valid_without(base, sets, k + 1, n))
            return k;
    return n - 1;
}

pb_status pb_scenario_set_args(pb_scenario *s, const char *const *sets, size_t n, pb_error *err)
{
    pb_error_clear(err);
    if (!n)
        return PB_OK;
    pb_scenario *before = n > 1 ? pb_scenario_copy(s) : NULL;
    if (n > 1 && !before)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    pb_status rc = PB_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = edit_arg(s, sets[i], err);
    if (!rc)
        rc = pb__scenario_validate(s, err);
    if (rc != PB_ERR_INVALID) { /* done, or an edit's own (usage) error */
        pb_scenario_free(before);
        return rc;
    }
    size_t culprit = blame(before, sets, n);
    pb_scenario_free(before);
    char where[sizeof err->file];
    snprintf(where, sizeof where, "--set %s", sets[culprit]);
    err->line = 0; /* still PB_ERR_INVALID: the result is an invalid scenario */
    memcpy(err->file, where, sizeof where);
    return PB_ERR_INVALID;
}

pb_status pb_scenario_validate(const pb_scenario *s, pb_error *err)
{
    pb_error_clear(err);
    return pb__scenario_validate(s, err);
}

/* Remove milestone i; its successors inherit its predecessors. */
static pb_status drop_index(pb_scenario *s, size_t i, pb_error *err)
{
    pb_milestone *d = &s->milestones[i];
    for (size_t j = 0; j < s->n_milestones; j++) {
        pb_milestone *m = &s->milestones[j];
        size_t k;
        for (k = 0; k < m->n_after && strcmp(m->after[k], d->id); k++)
            ;
        if (k == m->n_after)
            continue;
        free(m->after[k]);
        m->after[k] = m->after[--m->n_after];
        size_t cap = m->n_after + d->n_after;
        char **v = realloc(m->after, (cap ? cap : 1) * sizeof *v);
        if (!v)
            return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        m->after = v;
        for (size_t q = 0; q < d->n_after; q++) {
            bool have = false;
            for (size_t h = 0; h < m->n_after && !have; h++)
                have = !strcmp(m->after[h], d->after[q]);
            if (have)
                continue;
            if (!(m->after[m->n_after] = pb__strdup(d->after[q])))
                return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
            m->n_after++;
        }
    }
    for (size_t r = 0; r < s->n_risks;) {
        if (!strcmp(s->risks[r].milestone, d->id)) {
            pb__risk_release(&s->risks[r]);
            memmove(&s->risks[r], &s->risks[r + 1], (s->n_risks - r - 1) * sizeof *s->risks);
            s->n_risks--;
        } else {
            r++;
        }
    }
    for (size_t g = 0; g < s->n_groups;) {
        pb_group *gr = &s->groups[g];
        for (size_t k = 0; k < gr->n_milestones;) {
            if (!strcmp(gr->milestones[k], d->id)) {
                free(gr->milestones[k]);
                gr->milestones[k] = gr->milestones[--gr->n_milestones];
            } else {
                k++;
            }
        }
        if (gr->n_milestones < 1) {
            pb__free_strings(gr->milestones, gr->n_milestones);
            free(gr->id);
            memmove(gr, gr + 1, (s->n_groups - g - 1) * sizeof *gr);
            s->n_groups--;
        } else {
            g++;
        }
    }
    pb__milestone_release(d);
    memmove(d, d + 1, (s->n_milestones - i - 1) * sizeof *d);
    s->n_milestones--;
    return PB_OK;
}

static pb_status drop_at(pb_scenario *s, const char *id, const char *file, int line, pb_status code,
                         pb_error *err)
{
    for (size_t i = 0; i < s->n_milestones; i++)
        if (!strcmp(s->milestones[i].id, id)) {
            if (s->n_milestones == 1) /* the last one: say where the drop comes from */
                return pb_error_set(err, code, file, line,
                                    "dropping '%s' leaves the plan with no milestones", id);
            pb_status rc = drop_index(s, i, err);
            return rc ? rc : pb__scenario_validate(s, err);
        }
    return pb_error_set(err, code, file, line, "cannot drop unknown milestone '%s'", id);
}

pb_status pb_scenario_drop(pb_scenario *s, const char *id, pb_error *err)
{
    pb_error_clear(err);
    char where[300];
    snprintf(where, sizeof where, "--drop %s", id);
    return drop_at(s, id, where, 0, PB_ERR_USAGE, err);
}

/* Say which option an error came from. */
static void prefix_option(pb_error *err, const char *name)
{
    if (!err || strstr(err->msg, "option '") == err->msg)
        return;
    char msg[1024];
    int n = snprintf(msg, sizeof msg, "option '%s': %s", name, err->msg);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof err->msg ? (size_t)n : sizeof err->msg - 1;
    memcpy(err->msg, msg, len);
    err->msg[len] = '\0';
}

/* Is 'path' an edit of a milestone or a risk that s no longer has (dropped earlier)? */
static bool edits_missing(const pb_scenario *s, const char *path)
{
    bool ms = !strncmp(path, "milestones.", 11), rk = !strncmp(path, "risks.", 6);
    if (!ms && !rk)
        return false;
    char id[256];
    const char *b = path + (ms ? 11 : 6), *c = strchr(b, '.');
    size_t n = c ? (size_t)(c - b) : strlen(b);
    if (n >= sizeof id)
        return false;
    memcpy(id, b, n);
    id[n] = '\0';
    if (ms)
        return !pb_scenario_milestone(s, id);
    for (size_t i = 0; i < s->n_risks; i++)
        if (!strcmp(s->risks[i].id, id))
            return false;
    return true;
}

/* Append "what 'id'" to buf (a list separated by ", "), once per id. */
static void add_skip(char *buf, size_t cap, const char *what, const char *id)
{
    char item[300];
    snprintf(item, sizeof item, "%s '%s'", what, id);
    if (strstr(buf, item))
        return;
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", item);
}

size_t pb_scenario_option_skips(const pb_scenario *s, const char *name, char *buf, size_t cap)
{
    if (cap)
        buf[0] = '\0';
    const pb_option *op = pb_scenario_option(s, name);
    size_t n = 0;
    for (size_t i = 0; op && i < op->n_edits; i++) {
        const char *path = op->edits[i].path;
        if (!edits_missing(s, path))
            continue;
        bool ms = path[0] == 'm';
        char id[256];
        const char *b = path + (ms ? 11 : 6), *c = strchr(b, '.');
        snprintf(id, sizeof id, "%.*s", (int)(c ? c - b : (ptrdiff_t)strlen(b)), b);
        add_skip(buf, cap, ms ? "patches" : "changes risk", id);
        n++;
    }
    for (size_t i = 0; op && i < op->n_drop; i++)
        if (!pb_scenario_milestone(s, op->drop[i])) {
            add_skip(buf, cap, "drops", op->drop[i]);
            n++;
        }
    return n;
}

pb_status pb_scenario_apply_option(pb_scenario *s, const char *name, pb_error *err)
{
    return pb__scenario_apply_option(s, name, false, err);
}

pb_status pb__scenario_apply_option(pb_scenario *s, const char *name, bool strict, pb_error *err)
{
    pb_error_clear(err);
    const pb_option *op = pb_scenario_option(s, name);
    if (!op) {
        char list[400] = "";
        for (size_t i = 0; i < s->n_options; i++) {
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s'%s'", i ? ", " : "", s->options[i].name);
        }
        return pb_error_set(err, PB_ERR_USAGE, s->path, 0, "unknown option '%s' (options: %s)",
                            name, s->n_options ? list : "none");
    }
    /* the option is read while the scenario changes: work from a copy of it */
    pb_scenario *keep = pb_scenario_copy(s);
    if (!keep)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    op = pb_scenario_option(keep, name);
    pb_status rc = PB_OK;
    for (size_t i = 0; i < op->n_edits && !rc; i++) {
        if (!strict && edits_missing(s, op->edits[i].path))
            continue; /* a patch of a milestone dropped already (--drop) */
        rc = pb__scenario_edit_at(s, op->edits[i].path, op->edits[i].value, keep->path,
                                  op->edits[i].line, PB_ERR_INVALID, err);
        if (rc)
            prefix_option(err, name);
    }
    if (!rc && (rc = pb__scenario_validate(s, err)))
        prefix_option(err, name);
    for (size_t i = 0; i < op->n_drop && !rc; i++) {
        if (!strict && !pb_scenario_milestone(s, op->drop[i]))
            continue; /* dropped already: dropping is idempotent */
        rc = drop_at(s, op->drop[i], keep->path, op->line, PB_ERR_INVALID, err);
        if (rc)
            prefix_option(err, name);
    }
    pb_scenario_free(keep);
    return rc;
}
