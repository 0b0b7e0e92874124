/*
 * scenario_validate.c - cross-reference validation of a whole scenario: ids
 * unique in their namespace, every reference known, people ranges that the
 * team can staff, and no dependency cycle. Runs after loading and again after
 * every option, --set or --drop, so that changes never produce a scenario the
 * loader would refuse. Every look-up goes through an id map: linear in the
 * size of the scenario.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/idmap.h"
#include "pushback/scenario.h"
#include "scenario_internal.h"

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

/* The id maps of one validation: one namespace each. */
typedef struct ids {
    pb__idmap ms, roles, res, risks, opts;
} ids;

static void ids_release(ids *x)
{
    pb__idmap_release(&x->ms);
    pb__idmap_release(&x->roles);
    pb__idmap_release(&x->res);
    pb__idmap_release(&x->risks);
    pb__idmap_release(&x->opts);
}

/*
 * Put the name at byte 'off' of each of the n items ('stride' bytes apart)
 * into m. On a duplicate: false, with *dup its index and *first the index of
 * its first use.
 */
static bool put_names(pb__idmap *m, const void *items, size_t n, size_t stride, size_t off,
                      size_t *dup, size_t *first)
{
    const char *p = items;
    for (size_t i = 0; i < n; i++) {
        const char *name = *(char *const *)(const void *)(p + i * stride + off);
        if (!pb__idmap_put(m, name, i)) {
            pb__idmap_get(m, name, first);
            *dup = i;
            return false;
        }
    }
    return true;
}

#define PUT_NAMES(m, arr, n, type, field, dup, first) \
    put_names((m), (arr), (n), sizeof(type), offsetof(type, field), (dup), (first))

/* Index every namespace; the first duplicate id (milestones, roles, resources, risks, options). */
static pb_status index_ids(const pb_scenario *s, ids *x, pb_error *err)
{
    size_t i, j;
    if (!PUT_NAMES(&x->ms, s->milestones, s->n_milestones, pb_milestone, id, &i, &j))
        return BAD(s->milestones[i].line, "duplicate milestone id '%s' (first used on line %d)",
                   s->milestones[i].id, s->milestones[j].line);
    /* roles, resources, risks and options each have their own namespace */
    if (!PUT_NAMES(&x->roles, s->roles, s->n_roles, pb_role, name, &i, &j))
        return BAD(s->roles[i].line, "duplicate team role '%s' (first on line %d)",
                   s->roles[i].name, s->roles[j].line);
    if (!PUT_NAMES(&x->res, s->resources, s->n_resources, pb_resource, id, &i, &j))
        return BAD(s->resources[i].line, "duplicate resource id '%s' (first on line %d)",
                   s->resources[i].id, s->resources[j].line);
    if (!PUT_NAMES(&x->risks, s->risks, s->n_risks, pb_risk, id, &i, &j))
        return BAD(s->risks[i].line, "duplicate risk id '%s'", s->risks[i].id);
    if (!PUT_NAMES(&x->opts, s->options, s->n_options, pb_option, name, &i, &j))
        return BAD(s->options[i].line, "duplicate option name '%s' (first on line %d)",
                   s->options[i].name, s->options[j].line);
    return PB_OK;
}

/* Effort needs a role that can staff it within the overhead. */
static pb_status check_effort(const pb_scenario *s, const ids *x, const pb_milestone *m,
                              pb_error *err)
{
    size_t ri;
    if (!m->role)
        return BAD(m->line, "milestone '%s' has '%s' but no 'role' to do it", m->id,
                   m->has_per_item ? "per_item" : "effort");
    if (!pb__idmap_get(&x->roles, m->role, &ri))
        return BAD(m->line, "milestone '%s': unknown role '%s' (the team has %zu role%s)", m->id,
                   m->role, s->n_roles, s->n_roles == 1 ? "" : "s");
    const pb_role *r = &s->roles[ri];
    int lo = m->people_min ? m->people_min : 1;
    int hi = m->people_max ? m->people_max : r->people;
    if (hi > r->people)
        hi = r->people;
    int joining = 0; /* people who join count from their arrival: the milestone waits for them */
    for (size_t j = 0; j < r->n_joins; j++)
        joining += r->joins[j].people;
    if (lo > r->people + joining && !joining)
        return BAD(m->line,
                   "milestone '%s' needs at least %d '%s' people but the team has %d: "
                   "lower 'people' or add to the team",
                   m->id, lo, m->role, r->people);
    if (lo > r->people + joining)
        return BAD(m->line,
                   "milestone '%s' needs at least %d '%s' people but the team has %d and %d "
                   "joining: lower 'people' or add to the team",
                   m->id, lo, m->role, r->people, joining);
    if (s->overhead * (hi - 1) >= 1.0)
        return BAD(m->line,
                   "milestone '%s': with 'overhead' %g, %d people would have no capacity "
                   "left; cap 'people' below %d",
                   m->id, s->overhead, hi, (int)ceil(1.0 / s->overhead) + 1);
    return PB_OK;
}

/* One milestone: its work, its 'after' and its 'needs'. */
static pb_status check_milestone(const pb_scenario *s, const ids *x, const pb_milestone *m,
                                 pb_error *err)
{
    size_t j;
    if (m->has_per_item != (m->items >= 1))
        return BAD(m->line,
                   m->has_per_item
                       ? "milestone '%s' has 'per_item' but no 'items' (the count its effort "
                         "scales with)"
                       : "milestone '%s' has 'items' but no 'per_item' (the effort per item)",
                   m->id);
    if (!m->has_duration && !m->has_effort)
        return BAD(m->line,
                   "milestone '%s' needs 'duration' (calendar time) or 'effort' (person-units "
                   "of a 'role')",
                   m->id);
    if (m->has_duration && m->role)
        return BAD(m->line,
                   "milestone '%s' has a 'role' but a 'duration': work done by people is "
                   "'effort' (or set role = \"\")",
                   m->id);
    pb_status rc = m->has_effort ? check_effort(s, x, m, err) : PB_OK;
    if (rc)
        return rc;
    for (size_t k = 0; k < m->n_after; k++)
        if (!pb__idmap_get(&x->ms, m->after[k], &j))
            return BAD(m->line, "milestone '%s' is after unknown milestone '%s'", m->id,
                       m->after[k]);
    for (size_t k = 0; k < m->n_needs; k++)
        if (!pb__idmap_get(&x->res, m->needs[k].resource, &j))
            return BAD(m->needs[k].line,
                       "milestone '%s' needs unknown resource '%s' (declare it in 'resources')",
                       m->id, m->needs[k].resource);
    return PB_OK;
}

/* Correlation groups name known milestones, each in one group at most. */
static pb_status check_groups(const pb_scenario *s, const ids *x, pb_error *err)
{
    unsigned char *seen = calloc(s->n_milestones, 1);
    if (!seen)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    pb_status rc = PB_OK;
    for (size_t g = 0; g < s->n_groups && !rc; g++) {
        const pb_group *gr = &s->groups[g];
        for (size_t k = 0; k < gr->n_milestones && !rc; k++) {
            size_t j;
            if (!pb__idmap_get(&x->ms, gr->milestones[k], &j))
                rc = BAD(gr->line, "correlation group names unknown milestone '%s'",
                         gr->milestones[k]);
            else if (seen[j]++)
                rc = BAD(gr->line, "milestone '%s' is in two correlation groups; put it in one",
                         gr->milestones[k]);
        }
    }
    free(seen);
    return rc;
}

/* A learning curve whose 'items' names a milestone: one with 'items'. */
static pb_status check_curve_items(const pb_scenario *s, const ids *x, pb_error *err)
{
    const pb_curve *cv = &s->curve;
    size_t j;
    if (!cv->present || !cv->items_from[0])
        return PB_OK;
    if (!pb__idmap_get(&x->ms, cv->items_from, &j))
        return BAD(cv->line, "'metric.items' names unknown milestone '%s'", cv->items_from);
    if (!(s->milestones[j].items >= 1))
        return BAD(cv->line,
                   "'metric.items' names milestone '%s', which has no 'items' (give it "
                   "items = ...; per_item = ...;)",
                   cv->items_from);
    return PB_OK;
}

static bool ids_init(ids *x, const pb_scenario *s)
{
    return pb__idmap_init(&x->ms, s->n_milestones) && pb__idmap_init(&x->roles, s->n_roles) &&
           pb__idmap_init(&x->res, s->n_resources) && pb__idmap_init(&x->risks, s->n_risks) &&
           pb__idmap_init(&x->opts, s->n_options);
}

pb_status pb__scenario_validate(const pb_scenario *s, pb_error *err)
{
    ids x = {0};
    pb_status rc = PB_OK;
    if (!ids_init(&x, s)) {
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        goto out;
    }
    if (s->n_milestones == 0) {
        rc = BAD(0, "the plan has no milestones left");
        goto out;
    }
    if ((rc = index_ids(s, &x, err)))
        goto out;
    for (size_t i = 0; i < s->n_milestones && !rc; i++)
        rc = check_milestone(s, &x, &s->milestones[i], err);
    for (size_t i = 0; i < s->n_risks && !rc; i++) {
        size_t j;
        if (!pb__idmap_get(&x.ms, s->risks[i].milestone, &j))
            rc = BAD(s->risks[i].line, "risk '%s' is on unknown milestone '%s'", s->risks[i].id,
                     s->risks[i].milestone);
    }
    if (!rc)
        rc = check_groups(s, &x, err);
    if (!rc)
        rc = check_curve_items(s, &x, err);
    if (!rc)
        rc = check_cycles(s, &x.ms, err);
    if (!rc)
        rc = pb__people_validate(s, err);
out:
    ids_release(&x);
    return rc;
}
