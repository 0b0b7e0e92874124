/*
 * scenario_edit.c - validation of a whole scenario, and the changes options
 * and the command line make to one (--set, --drop, --option).
 *
 * Changes go through the same field parsers as the file (scenario.c), on a
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

#include "cfgtext.h"
#include "idmap.h"
#include "pushback/scenario.h"
#include "scenario_internal.h"

/* ==== Lifetime ==== */

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void pb_scenario_free(pb_scenario *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->name);
    free(s->unit);
    free(s->currency);
    free(s->start);
    free(s->rulebook);
    free(s->proposal.idea);
    free(s->proposal.demo);
    free(s->proposal.novelty);
    free(s->proposal.collection);
    free(s->proposal.annotation);
    free(s->proposal.synthetic);
    free(s->proposal.machines);
    free(s->proposal.storage);
    for (size_t i = 0; i < s->n_roles; i++)
        free(s->roles[i].name);
    free(s->roles);
    for (size_t i = 0; i < s->n_milestones; i++)
        pb__milestone_release(&s->milestones[i]);
    free(s->milestones);
    for (size_t i = 0; i < s->n_resources; i++)
        free(s->resources[i].id);
    free(s->resources);
    for (size_t i = 0; i < s->n_risks; i++)
        pb__risk_release(&s->risks[i]);
    free(s->risks);
    for (size_t i = 0; i < s->n_groups; i++) {
        free_strings(s->groups[i].milestones, s->groups[i].n_milestones);
        free(s->groups[i].id);
    }
    free(s->groups);
    for (size_t i = 0; i < s->n_history; i++)
        free(s->history[i].name);
    free(s->history);
    pb__interests_free(s);
    for (size_t i = 0; i < s->n_options; i++) {
        pb_option *o = &s->options[i];
        free(o->name);
        for (size_t k = 0; k < o->n_edits; k++) {
            free(o->edits[k].path);
            free(o->edits[k].value);
        }
        free(o->edits);
        free_strings(o->drop, o->n_drop);
    }
    free(s->options);
    for (size_t i = 0; i < s->n_choices; i++) {
        free(s->choices[i].id);
        free(s->choices[i].name);
        free(s->choices[i].base);
    }
    free(s->choices);
    free(s);
}

/* Deep-copy helpers: each returns false when memory runs out. */
static bool dup_str(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return true;
    return (*dst = pb__strdup(src)) != NULL;
}

static bool dup_strings(char ***dst, char *const *src, size_t n)
{
    *dst = calloc(n ? n : 1, sizeof **dst);
    if (!*dst)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!dup_str(&(*dst)[i], src[i]))
            return false;
    return true;
}

static bool dup_array(void **dst, const void *src, size_t n, size_t size)
{
    *dst = calloc(n ? n : 1, size);
    if (!*dst)
        return false;
    if (n)
        memcpy(*dst, src, n * size);
    return true;
}

/* Deep-copy m into d; on failure d holds only what it owns (release it). */
static bool copy_milestone(pb_milestone *d, const pb_milestone *m)
{
    *d = *m;
    d->id = d->name = d->role = NULL;
    d->after = NULL;
    d->needs = NULL;
    d->n_after = d->n_needs = 0; /* counts follow the arrays as they come */
    bool ok = dup_str(&d->id, m->id) && dup_str(&d->name, m->name) && dup_str(&d->role, m->role);
    ok = ok && dup_strings(&d->after, m->after, m->n_after);
    if (d->after)
        d->n_after = m->n_after;
    ok = ok && dup_array((void **)&d->needs, m->needs, m->n_needs, sizeof *m->needs);
    if (d->needs) {
        for (size_t k = 0; k < m->n_needs; k++)
            d->needs[k].resource = NULL;
        d->n_needs = m->n_needs;
    }
    for (size_t k = 0; ok && k < m->n_needs; k++)
        ok = dup_str(&d->needs[k].resource, m->needs[k].resource);
    return ok;
}

pb_scenario *pb_scenario_copy(const pb_scenario *s)
{
    pb_scenario *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    *c = *s;
    /* clear every owned pointer first, so a failed copy frees cleanly */
    c->path = c->name = c->unit = c->currency = c->start = c->rulebook = NULL;
    c->proposal.idea = c->proposal.demo = c->proposal.novelty = c->proposal.collection = NULL;
    c->proposal.annotation = c->proposal.synthetic = c->proposal.machines = NULL;
    c->proposal.storage = NULL;
    c->roles = NULL;
    c->milestones = NULL;
    c->resources = NULL;
    c->risks = NULL;
    c->groups = NULL;
    c->history = NULL;
    c->options = NULL;
    c->choices = NULL;
    c->interests = NULL;
    c->n_interests = 0;
    c->n_roles = c->n_milestones = c->n_resources = c->n_risks = c->n_groups = c->n_history =
        c->n_options = c->n_choices = 0;
    bool ok = dup_str(&c->path, s->path) && dup_str(&c->name, s->name) &&
              dup_str(&c->unit, s->unit) && dup_str(&c->currency, s->currency) &&
              dup_str(&c->start, s->start) && dup_str(&c->rulebook, s->rulebook) &&
              dup_str(&c->proposal.idea, s->proposal.idea) &&
              dup_str(&c->proposal.demo, s->proposal.demo) &&
              dup_str(&c->proposal.novelty, s->proposal.novelty) &&
              dup_str(&c->proposal.collection, s->proposal.collection) &&
              dup_str(&c->proposal.annotation, s->proposal.annotation) &&
              dup_str(&c->proposal.synthetic, s->proposal.synthetic) &&
              dup_str(&c->proposal.machines, s->proposal.machines) &&
              dup_str(&c->proposal.storage, s->proposal.storage);
    if (ok && (ok = dup_array((void **)&c->roles, s->roles, s->n_roles, sizeof *s->roles))) {
        c->n_roles = s->n_roles;
        for (size_t i = 0; i < s->n_roles; i++)
            c->roles[i].name = NULL;
        for (size_t i = 0; ok && i < s->n_roles; i++)
            ok = dup_str(&c->roles[i].name, s->roles[i].name);
    }
    if (ok && (ok = (c->milestones = calloc(s->n_milestones ? s->n_milestones : 1,
                                            sizeof *c->milestones)) != NULL)) {
        for (size_t i = 0; ok && i < s->n_milestones; i++) {
            c->n_milestones = i + 1;
            ok = copy_milestone(&c->milestones[i], &s->milestones[i]);
        }
    }
    if (ok && (ok = dup_array((void **)&c->resources, s->resources, s->n_resources,
                              sizeof *s->resources))) {
        c->n_resources = s->n_resources;
        for (size_t i = 0; i < s->n_resources; i++)
            c->resources[i].id = NULL;
        for (size_t i = 0; ok && i < s->n_resources; i++)
            ok = dup_str(&c->resources[i].id, s->resources[i].id);
    }
    if (ok && (ok = dup_array((void **)&c->risks, s->risks, s->n_risks, sizeof *s->risks))) {
        c->n_risks = s->n_risks;
        for (size_t i = 0; i < s->n_risks; i++)
            c->risks[i].id = c->risks[i].name = c->risks[i].milestone = NULL;
        for (size_t i = 0; ok && i < s->n_risks; i++)
            ok = dup_str(&c->risks[i].id, s->risks[i].id) &&
                 dup_str(&c->risks[i].name, s->risks[i].name) &&
                 dup_str(&c->risks[i].milestone, s->risks[i].milestone);
    }
    if (ok && (ok = dup_array((void **)&c->groups, s->groups, s->n_groups, sizeof *s->groups))) {
        c->n_groups = s->n_groups;
        for (size_t i = 0; i < s->n_groups; i++)
            c->groups[i].milestones = NULL, c->groups[i].n_milestones = 0, c->groups[i].id = NULL;
        for (size_t i = 0; ok && i < s->n_groups; i++) {
            ok = dup_str(&c->groups[i].id, s->groups[i].id) &&
                 dup_strings(&c->groups[i].milestones, s->groups[i].milestones,
                             s->groups[i].n_milestones);
            if (c->groups[i].milestones)
                c->groups[i].n_milestones = s->groups[i].n_milestones;
        }
    }
    if (ok &&
        (ok = dup_array((void **)&c->history, s->history, s->n_history, sizeof *s->history))) {
        c->n_history = s->n_history;
        for (size_t i = 0; i < s->n_history; i++)
            c->history[i].name = NULL;
        for (size_t i = 0; ok && i < s->n_history; i++)
            ok = dup_str(&c->history[i].name, s->history[i].name);
    }
    if (ok &&
        (ok = (c->options = calloc(s->n_options ? s->n_options : 1, sizeof *c->options)) != NULL)) {
        for (size_t i = 0; ok && i < s->n_options; i++) {
            const pb_option *o = &s->options[i];
            pb_option *d = &c->options[i];
            c->n_options = i + 1;
            d->line = o->line;
            d->kind = o->kind;
            d->choice = o->choice;
            ok = dup_str(&d->name, o->name) && dup_strings(&d->drop, o->drop, o->n_drop);
            d->n_drop = ok ? o->n_drop : 0;
            if (ok &&
                (ok = (d->edits = calloc(o->n_edits ? o->n_edits : 1, sizeof *d->edits)) != NULL)) {
                for (size_t k = 0; ok && k < o->n_edits; k++) {
                    d->n_edits = k + 1;
                    d->edits[k].line = o->edits[k].line;
                    ok = dup_str(&d->edits[k].path, o->edits[k].path) &&
                         dup_str(&d->edits[k].value, o->edits[k].value);
                }
            }
        }
    }
    if (ok &&
        (ok = (c->choices = calloc(s->n_choices ? s->n_choices : 1, sizeof *c->choices)) != NULL)) {
        for (size_t i = 0; ok && i < s->n_choices; i++) {
            c->n_choices = i + 1;
            c->choices[i] = s->choices[i];
            c->choices[i].id = c->choices[i].name = c->choices[i].base = NULL;
            ok = dup_str(&c->choices[i].id, s->choices[i].id) &&
                 dup_str(&c->choices[i].name, s->choices[i].name) &&
                 dup_str(&c->choices[i].base, s->choices[i].base);
        }
    }
    ok = ok && pb__interests_copy(c, s);
    if (!ok) {
        pb_scenario_free(c);
        return NULL;
    }
    return c;
}

const pb_choice *pb_scenario_choice(const pb_scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_choices; i++)
        if (!strcmp(s->choices[i].id, id))
            return &s->choices[i];
    return NULL;
}

static const char *const KIND_NAMES[PB_N_KINDS] = {"other",     "in-house", "vendor", "crowd",
                                                   "synthetic", "buy",      "build",  "reuse",
                                                   "staffing",  "scope"};

const char *pb_kind_name(pb_kind k)
{
    return (unsigned)k < PB_N_KINDS ? KIND_NAMES[k] : NULL;
}

/* ==== Look-ups ==== */

const pb_milestone *pb_scenario_milestone(const pb_scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_milestones; i++)
        if (!strcmp(s->milestones[i].id, id))
            return &s->milestones[i];
    return NULL;
}

const pb_role *pb_scenario_role(const pb_scenario *s, const char *name)
{
    for (size_t i = 0; i < s->n_roles; i++)
        if (!strcmp(s->roles[i].name, name))
            return &s->roles[i];
    return NULL;
}

const pb_option *pb_scenario_option(const pb_scenario *s, const char *name)
{
    for (size_t i = 0; i < s->n_options; i++)
        if (!strcmp(s->options[i].name, name))
            return &s->options[i];
    return NULL;
}

static pb_risk *find_risk(pb_scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_risks; i++)
        if (!strcmp(s->risks[i].id, id))
            return &s->risks[i];
    return NULL;
}

/* ==== Validation ==== */

#define BAD(line, ...) pb_error_set(err, PB_ERR_INVALID, s->path, (line), __VA_ARGS__)

/* Find a cycle through the 'after' graph; idx maps ids to milestone indices. */
static pb_status check_cycles(const pb_scenario *s, const pb__idmap *idx, pb_error *err)
{
    size_t n = s->n_milestones;
    unsigned char *state = calloc(n, 1); /* 0 new, 1 on stack, 2 done */
    size_t *stack = malloc(n * sizeof *stack), *edge = malloc(n * sizeof *edge);
    pb_status rc = PB_OK;
    if (!state || !stack || !edge) {
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        goto out;
    }
    for (size_t root = 0; root < n && !rc; root++) {
        if (state[root])
            continue;
        size_t top = 0;
        stack[top] = root;
        edge[top] = 0;
        state[root] = 1;
        while (top != (size_t)-1 && !rc) {
            size_t v = stack[top];
            const pb_milestone *m = &s->milestones[v];
            if (edge[top] == m->n_after) {
                state[v] = 2;
                top--;
                continue;
            }
            size_t w;
            pb__idmap_get(idx, m->after[edge[top]++], &w);
            if (state[w] == 1) {
                /* the cycle is w ... v on the stack, closed by v after w */
                char path[400] = "";
                size_t from = top;
                while (stack[from] != w)
                    from--;
                for (size_t k = top + 1; k-- > from;) {
                    size_t len = strlen(path);
                    snprintf(path + len, sizeof path - len, "'%s' after ",
                             s->milestones[stack[k]].id);
                }
                size_t len = strlen(path);
                snprintf(path + len, sizeof path - len, "'%s'", s->milestones[v].id);
                if (from == top)
                    rc = BAD(m->line, "dependency cycle: milestone '%s' is after itself", m->id);
                else
                    rc = BAD(m->line, "dependency cycle: %s", path);
            } else if (state[w] == 0) {
                state[w] = 1;
                stack[++top] = w;
                edge[top] = 0;
            }
        }
    }
out:
    free(state);
    free(stack);
    free(edge);
    return rc;
}

pb_status pb__scenario_validate(const pb_scenario *s, pb_error *err)
{
    pb__idmap ms = {0}, other = {0};
    pb_status rc = PB_OK;
    size_t n_other = s->n_roles + s->n_resources + s->n_risks + s->n_options + s->n_groups;
    if (!pb__idmap_init(&ms, s->n_milestones) || !pb__idmap_init(&other, n_other + 1)) {
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        goto out;
    }
    if (s->n_milestones == 0) {
        rc = BAD(0, "the plan has no milestones left");
        goto out;
    }
    for (size_t i = 0; i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        if (!pb__idmap_put(&ms, m->id, i)) {
            size_t j;
            pb__idmap_get(&ms, m->id, &j);
            rc = BAD(m->line, "duplicate milestone id '%s' (first used on line %d)", m->id,
                     s->milestones[j].line);
            goto out;
        }
    }
    /* roles, resources, risks and options each have their own namespace */
    for (size_t i = 0; i < s->n_roles; i++) {
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->roles[i].name, s->roles[j].name)) {
                rc = BAD(s->roles[i].line, "duplicate team role '%s' (first on line %d)",
                         s->roles[i].name, s->roles[j].line);
                goto out;
            }
    }
    for (size_t i = 0; i < s->n_resources; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->resources[i].id, s->resources[j].id)) {
                rc = BAD(s->resources[i].line, "duplicate resource id '%s' (first on line %d)",
                         s->resources[i].id, s->resources[j].line);
                goto out;
            }
    for (size_t i = 0; i < s->n_risks; i++) {
        if (!pb__idmap_put(&other, s->risks[i].id, i)) {
            rc = BAD(s->risks[i].line, "duplicate risk id '%s'", s->risks[i].id);
            goto out;
        }
    }
    for (size_t i = 0; i < s->n_options; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->options[i].name, s->options[j].name)) {
                rc = BAD(s->options[i].line, "duplicate option name '%s' (first on line %d)",
                         s->options[i].name, s->options[j].line);
                goto out;
            }
    for (size_t i = 0; i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        if (!m->has_duration && !m->has_effort) {
            rc = BAD(m->line,
                     "milestone '%s' needs 'duration' (calendar time) or 'effort' (person-units "
                     "of a 'role')",
                     m->id);
            goto out;
        }
        if (m->has_duration && m->role) {
            rc = BAD(m->line,
                     "milestone '%s' has a 'role' but a 'duration': work done by people is "
                     "'effort' (or set role = \"\")",
                     m->id);
            goto out;
        }
        if (m->has_effort) {
            if (!m->role) {
                rc = BAD(m->line, "milestone '%s' has 'effort' but no 'role' to do it", m->id);
                goto out;
            }
            const pb_role *r = pb_scenario_role(s, m->role);
            if (!r) {
                rc = BAD(m->line, "milestone '%s': unknown role '%s' (the team has %zu role%s)",
                         m->id, m->role, s->n_roles, s->n_roles == 1 ? "" : "s");
                goto out;
            }
            int lo = m->people_min ? m->people_min : 1;
            int hi = m->people_max ? m->people_max : r->people;
            if (hi > r->people)
                hi = r->people;
            if (lo > r->people) {
                rc = BAD(m->line,
                         "milestone '%s' needs at least %d '%s' people but the team has %d: "
                         "lower 'people' or add to the team",
                         m->id, lo, m->role, r->people);
                goto out;
            }
            if (s->overhead * (hi - 1) >= 1.0) {
                rc = BAD(m->line,
                         "milestone '%s': with 'overhead' %g, %d people would have no capacity "
                         "left; cap 'people' below %d",
                         m->id, s->overhead, hi, (int)ceil(1.0 / s->overhead) + 1);
                goto out;
            }
        }
        for (size_t k = 0; k < m->n_after; k++) {
            size_t j;
            if (!pb__idmap_get(&ms, m->after[k], &j)) {
                rc = BAD(m->line, "milestone '%s' is after unknown milestone '%s'", m->id,
                         m->after[k]);
                goto out;
            }
        }
        for (size_t k = 0; k < m->n_needs; k++) {
            bool found = false;
            for (size_t j = 0; j < s->n_resources && !found; j++)
                found = !strcmp(s->resources[j].id, m->needs[k].resource);
            if (!found) {
                rc = BAD(m->needs[k].line,
                         "milestone '%s' needs unknown resource '%s' (declare it in 'resources')",
                         m->id, m->needs[k].resource);
                goto out;
            }
        }
    }
    for (size_t i = 0; i < s->n_risks; i++) {
        size_t j;
        if (!pb__idmap_get(&ms, s->risks[i].milestone, &j)) {
            rc = BAD(s->risks[i].line, "risk '%s' is on unknown milestone '%s'", s->risks[i].id,
                     s->risks[i].milestone);
            goto out;
        }
    }
    for (size_t g = 0; g < s->n_groups; g++) {
        const pb_group *gr = &s->groups[g];
        for (size_t k = 0; k < gr->n_milestones; k++) {
            size_t j;
            if (!pb__idmap_get(&ms, gr->milestones[k], &j)) {
                rc = BAD(gr->line, "correlation group names unknown milestone '%s'",
                         gr->milestones[k]);
                goto out;
            }
            for (size_t h = 0; h <= g; h++)
                for (size_t q = 0; q < (h == g ? k : s->groups[h].n_milestones); q++)
                    if (!strcmp(s->groups[h].milestones[q], gr->milestones[k])) {
                        rc = BAD(gr->line,
                                 "milestone '%s' is in two correlation groups; put it in one",
                                 gr->milestones[k]);
                        goto out;
                    }
        }
    }
    rc = check_cycles(s, &ms, err);
out:
    pb__idmap_release(&ms);
    pb__idmap_release(&other);
    return rc;
}

/* ==== Edits ==== */

static const char *const SET_ROOTS =
    "team.ROLE, team.ROLE.rate, team.ROLE.labour, labour, overhead, ask.deadline, ask.budget, ask.confidence, "
    "manager.deadline, manager.people, manager.budget, milestones.ID.FIELD, risks.ID.FIELD, "
    "resources.ID.cost, correlation.shared, growth";

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
    size_t vlen = strlen(value);
    char *text = malloc(vlen + 16);
    if (!text)
        return pb_error_set(err, PB_ERR_RUN, file, line, "out of memory");
    snprintf(text, vlen + 16, "v = %s;", value);
    char *norm = NULL;
    pb_error pe;
    pb_status prc = pb__cfg_prepare(text, file, &norm, &pe);
    free(text);
    if (prc == PB_ERR_RUN)
        return pb_error_set(err, PB_ERR_RUN, file, line, "out of memory");
    text = norm; /* NULL when refused ('@include'): not a value */
    config_t cfg;
    config_init(&cfg);
    pb_status rc = PB_OK;
    const config_setting_t *v = NULL;
    if (!text || config_read_string(&cfg, text) != CONFIG_TRUE ||
        !(v = config_setting_get_member(config_root_setting(&cfg), "v")) ||
        config_setting_length(config_root_setting(&cfg)) != 1) {
        rc = pb__bad(&o, NULL,
                     "'%s' is not a value (write a number, \"text\", [min, mode, max] or "
                     "{ dist = ...; })",
                     value);
        goto out;
    }
    if (!strcmp(a, "team") && b) {
        pb_role *r = NULL;
        for (size_t i = 0; i < s->n_roles; i++)
            if (!strcmp(s->roles[i].name, b))
                r = &s->roles[i];
        if (!r) {
            rc = pb__bad(&o, NULL, "unknown team role '%s'", b);
            goto out;
        }
        if (!c || !strcmp(c, "people"))
            rc = pb__int(&o, v, "people", 0, 100000, &r->people);
        else if (!strcmp(c, "rate"))
            rc = pb__number(&o, v, "rate", 0.0, &r->rate);
        else if (!strcmp(c, "labour"))
            rc = pb__labour(&o, v, &r->labour);
        else
            rc = pb__bad(&o, NULL, "unknown team setting '%s' (valid: people, rate, labour)", c);
    } else if (!strcmp(a, "labour") && !b) {
        rc = pb__labour(&o, v, &s->labour);
    } else if (!strcmp(a, "overhead") && !b) {
        double x;
        if (!(rc = pb__number(&o, v, "overhead", 0.0, &x))) {
            if (x >= 1)
                rc = pb__bad(&o, NULL, "'overhead' must be in [0, 1), got %g", x);
            else
                s->overhead = x;
        }
    } else if (!strcmp(a, "ask") && b && !c) {
        if (!strcmp(b, "deadline"))
            rc = pb__number(&o, v, "deadline", 0.0, &s->ask_deadline);
        else if (!strcmp(b, "budget"))
            rc = pb__number(&o, v, "budget", 0.0, &s->ask_budget);
        else if (!strcmp(b, "confidence")) {
            double x;
            if (!(rc = pb__number(&o, v, "confidence", 0.0, &x))) {
                if (x <= 0 || x >= 1)
                    rc = pb__bad(&o, NULL, "'confidence' must be in (0, 1), got %g", x);
                else
                    s->ask_confidence = x;
            }
        } else
            rc = pb__bad(&o, NULL, "unknown ask setting '%s' (valid: deadline, budget, confidence)",
                         b);
    } else if (!strcmp(a, "manager") && b && !c) {
        s->has_manager = true;
        if (!strcmp(b, "deadline"))
            rc = pb__number(&o, v, "deadline", 0.0, &s->manager_deadline);
        else if (!strcmp(b, "budget"))
            rc = pb__number(&o, v, "budget", 0.0, &s->manager_budget);
        else if (!strcmp(b, "people"))
            rc = pb__int(&o, v, "people", 0, 100000, &s->manager_people);
        else
            rc = pb__bad(&o, NULL, "unknown manager setting '%s' (valid: deadline, people, budget)",
                         b);
    } else if (!strcmp(a, "milestones") && b && c) {
        pb_milestone *m = (pb_milestone *)pb_scenario_milestone(s, b);
        if (!m)
            rc = pb__bad(&o, NULL, "unknown milestone '%s'", b);
        else if (!strcmp(c, "id"))
            rc = pb__bad(&o, NULL, "a milestone's 'id' cannot be changed");
        else {
            if (!(rc = pb__milestone_field(&o, m, c, v)) && o.code == PB_ERR_INVALID)
                m->line = line > 0 ? line : m->line;
        }
    } else if (!strcmp(a, "risks") && b && c) {
        pb_risk *r = find_risk(s, b);
        if (!r)
            rc = pb__bad(&o, NULL, "unknown risk '%s'", b);
        else if (!strcmp(c, "id"))
            rc = pb__bad(&o, NULL, "a risk's 'id' cannot be changed");
        else
            rc = pb__risk_field(&o, r, c, v);
    } else if (!strcmp(a, "resources") && b && c && !strcmp(c, "cost")) {
        pb_resource *r = NULL;
        for (size_t i = 0; i < s->n_resources; i++)
            if (!strcmp(s->resources[i].id, b))
                r = &s->resources[i];
        if (!r)
            rc = pb__bad(&o, NULL, "unknown resource '%s'", b);
        else
            rc = pb__number(&o, v, "cost", 0.0, &r->cost);
    } else if (!strcmp(a, "correlation") && b && !c && !strcmp(b, "shared")) {
        if (!(rc = pb__estimate(&o, v, "shared", &s->shared)))
            s->has_shared = true;
    } else if (!strcmp(a, "growth") && !b) {
        if (!(rc = pb__estimate(&o, v, "growth", &s->growth)))
            s->has_growth = true;
    } else {
        rc = pb__bad(&o, NULL, "cannot set '%s' (valid paths: %s)", path, SET_ROOTS);
    }
out:
    config_destroy(&cfg);
    free(text);
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
            free_strings(gr->milestones, gr->n_milestones);
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
