/*
 * scenario.c - the lifetime of a scenario (free, copy) and its look-ups by
 * id. The bottom of the scenario module: parsing (scenario_parse.c,
 * scenario_fields.c), validation (scenario_validate.c) and edits
 * (scenario_edit.c) build on it, never the other way round.
 */
#include "pushback/scenario.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/cfg.h"
#include "scenario_internal.h"

/* ==== Lifetime ==== */

void pb__free_strings(char **v, size_t n)
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
    for (size_t i = 0; i < s->n_roles; i++) {
        free(s->roles[i].name);
        free(s->roles[i].label);
        free(s->roles[i].joins);
    }
    free(s->roles);
    pb__people_free(s);
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
        pb__free_strings(s->groups[i].milestones, s->groups[i].n_milestones);
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
        free(o->label);
        for (size_t k = 0; k < o->n_edits; k++) {
            free(o->edits[k].path);
            free(o->edits[k].value);
        }
        free(o->edits);
        pb__free_strings(o->drop, o->n_drop);
    }
    free(s->options);
    for (size_t i = 0; i < s->n_choices; i++) {
        free(s->choices[i].id);
        free(s->choices[i].name);
        free(s->choices[i].base);
        free(s->choices[i].base_label);
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

/* The scalars of s into c, with every owned pointer cleared first, so a failed copy frees cleanly.
 */
static void copy_clear(pb_scenario *c, const pb_scenario *s)
{
    *c = *s;
    c->path = c->name = c->unit = c->currency = c->start = c->rulebook = NULL;
    c->proposal.idea = c->proposal.demo = c->proposal.novelty = c->proposal.collection = NULL;
    c->proposal.annotation = c->proposal.synthetic = c->proposal.machines = NULL;
    c->proposal.storage = NULL;
    c->roles = NULL;
    c->attrition = NULL;
    c->n_attrition = 0;
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
}

static bool copy_strings(pb_scenario *c, const pb_scenario *s)
{
    return dup_str(&c->path, s->path) && dup_str(&c->name, s->name) && dup_str(&c->unit, s->unit) &&
           dup_str(&c->currency, s->currency) && dup_str(&c->start, s->start) &&
           dup_str(&c->rulebook, s->rulebook) && dup_str(&c->proposal.idea, s->proposal.idea) &&
           dup_str(&c->proposal.demo, s->proposal.demo) &&
           dup_str(&c->proposal.novelty, s->proposal.novelty) &&
           dup_str(&c->proposal.collection, s->proposal.collection) &&
           dup_str(&c->proposal.annotation, s->proposal.annotation) &&
           dup_str(&c->proposal.synthetic, s->proposal.synthetic) &&
           dup_str(&c->proposal.machines, s->proposal.machines) &&
           dup_str(&c->proposal.storage, s->proposal.storage);
}

static bool copy_roles(pb_scenario *c, const pb_scenario *s)
{
    if (!dup_array((void **)&c->roles, s->roles, s->n_roles, sizeof *s->roles))
        return false;
    c->n_roles = s->n_roles;
    for (size_t i = 0; i < s->n_roles; i++)
        c->roles[i].name = c->roles[i].label = NULL;
    bool ok = pb__people_copy(c, s);
    for (size_t i = 0; ok && i < s->n_roles; i++)
        ok = dup_str(&c->roles[i].name, s->roles[i].name) &&
             dup_str(&c->roles[i].label, s->roles[i].label);
    return ok;
}

static bool copy_milestones(pb_scenario *c, const pb_scenario *s)
{
    c->milestones = calloc(s->n_milestones ? s->n_milestones : 1, sizeof *c->milestones);
    bool ok = c->milestones != NULL;
    for (size_t i = 0; ok && i < s->n_milestones; i++) {
        c->n_milestones = i + 1;
        ok = copy_milestone(&c->milestones[i], &s->milestones[i]);
    }
    return ok;
}

static bool copy_resources(pb_scenario *c, const pb_scenario *s)
{
    if (!dup_array((void **)&c->resources, s->resources, s->n_resources, sizeof *s->resources))
        return false;
    c->n_resources = s->n_resources;
    for (size_t i = 0; i < s->n_resources; i++)
        c->resources[i].id = NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < s->n_resources; i++)
        ok = dup_str(&c->resources[i].id, s->resources[i].id);
    return ok;
}

static bool copy_risks(pb_scenario *c, const pb_scenario *s)
{
    if (!dup_array((void **)&c->risks, s->risks, s->n_risks, sizeof *s->risks))
        return false;
    c->n_risks = s->n_risks;
    for (size_t i = 0; i < s->n_risks; i++)
        c->risks[i].id = c->risks[i].name = c->risks[i].milestone = NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < s->n_risks; i++)
        ok = dup_str(&c->risks[i].id, s->risks[i].id) &&
             dup_str(&c->risks[i].name, s->risks[i].name) &&
             dup_str(&c->risks[i].milestone, s->risks[i].milestone);
    return ok;
}

static bool copy_groups(pb_scenario *c, const pb_scenario *s)
{
    if (!dup_array((void **)&c->groups, s->groups, s->n_groups, sizeof *s->groups))
        return false;
    c->n_groups = s->n_groups;
    for (size_t i = 0; i < s->n_groups; i++)
        c->groups[i].milestones = NULL, c->groups[i].n_milestones = 0, c->groups[i].id = NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < s->n_groups; i++) {
        ok = dup_str(&c->groups[i].id, s->groups[i].id) &&
             dup_strings(&c->groups[i].milestones, s->groups[i].milestones,
                         s->groups[i].n_milestones);
        if (c->groups[i].milestones)
            c->groups[i].n_milestones = s->groups[i].n_milestones;
    }
    return ok;
}

static bool copy_history(pb_scenario *c, const pb_scenario *s)
{
    if (!dup_array((void **)&c->history, s->history, s->n_history, sizeof *s->history))
        return false;
    c->n_history = s->n_history;
    for (size_t i = 0; i < s->n_history; i++)
        c->history[i].name = NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < s->n_history; i++)
        ok = dup_str(&c->history[i].name, s->history[i].name);
    return ok;
}

static bool copy_option(pb_option *d, const pb_option *o)
{
    d->line = o->line;
    d->kind = o->kind;
    d->choice = o->choice;
    bool ok = dup_str(&d->name, o->name) && dup_str(&d->label, o->label) &&
              dup_strings(&d->drop, o->drop, o->n_drop);
    d->n_drop = ok ? o->n_drop : 0;
    if (ok && (ok = (d->edits = calloc(o->n_edits ? o->n_edits : 1, sizeof *d->edits)) != NULL)) {
        for (size_t k = 0; ok && k < o->n_edits; k++) {
            d->n_edits = k + 1;
            d->edits[k].line = o->edits[k].line;
            ok = dup_str(&d->edits[k].path, o->edits[k].path) &&
                 dup_str(&d->edits[k].value, o->edits[k].value);
        }
    }
    return ok;
}

static bool copy_options(pb_scenario *c, const pb_scenario *s)
{
    c->options = calloc(s->n_options ? s->n_options : 1, sizeof *c->options);
    bool ok = c->options != NULL;
    for (size_t i = 0; ok && i < s->n_options; i++) {
        c->n_options = i + 1;
        ok = copy_option(&c->options[i], &s->options[i]);
    }
    return ok;
}

static bool copy_choices(pb_scenario *c, const pb_scenario *s)
{
    c->choices = calloc(s->n_choices ? s->n_choices : 1, sizeof *c->choices);
    bool ok = c->choices != NULL;
    for (size_t i = 0; ok && i < s->n_choices; i++) {
        c->n_choices = i + 1;
        c->choices[i] = s->choices[i];
        c->choices[i].id = c->choices[i].name = c->choices[i].base = NULL;
        c->choices[i].base_label = NULL;
        ok = dup_str(&c->choices[i].id, s->choices[i].id) &&
             dup_str(&c->choices[i].base_label, s->choices[i].base_label) &&
             dup_str(&c->choices[i].name, s->choices[i].name) &&
             dup_str(&c->choices[i].base, s->choices[i].base);
    }
    return ok;
}

pb_scenario *pb_scenario_copy(const pb_scenario *s)
{
    pb_scenario *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    copy_clear(c, s);
    bool ok = copy_strings(c, s) && copy_roles(c, s) && copy_milestones(c, s) &&
              copy_resources(c, s) && copy_risks(c, s) && copy_groups(c, s) && copy_history(c, s) &&
              copy_options(c, s) && copy_choices(c, s) && pb__interests_copy(c, s);
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

static const char *const KIND_NAMES[PB_N_KINDS] = {
    "other", "in-house", "vendor", "crowd",     "synthetic",     "buy",        "build",
    "reuse", "staffing", "scope",  "less-data", "local-compute", "added-scope"};

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

double pb_scenario_curve_items(const pb_scenario *s)
{
    if (!s->curve.present)
        return NAN;
    if (!s->curve.items_from[0])
        return s->curve.items;
    const pb_milestone *m = pb_scenario_milestone(s, s->curve.items_from);
    return m && m->items >= 1 ? m->items : NAN;
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
