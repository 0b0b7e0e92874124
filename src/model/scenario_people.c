/*
 * scenario_people.c - the team's changes over time in a scenario file:
 * people joining a role part-way ('joins', with 'ramp' and 'mentor' on the
 * role or the join) and people leaving ('attrition'). Parsed here, copied
 * and freed with the scenario, and checked against the team (docs/ml.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "base/cfg.h"
#include "pushback/scenario.h"
#include "scenario_internal.h"

static const char *const KEYS_JOIN[] = {"people", "at", "ramp", "mentor", NULL};

/* A fraction in [0, 1] named 'what'. */
static pb_status fraction(const pb__origin *o, const config_setting_t *f, const char *what,
                          double *out)
{
    double x;
    pb_status rc = pb__number(o, f, what, 0.0, &x);
    if (!rc && x > 1.0)
        return pb__bad(o, f, "'%s' must be in [0, 1], got %g", what, x);
    if (!rc)
        *out = x;
    return rc;
}

static pb_status parse_join(const pb__origin *o, const pb_role *r, const config_setting_t *g,
                            pb_join *j)
{
    const config_setting_t *f;
    pb_status rc;
    j->line = pb__cfg_line(g);
    j->ramp = j->mentor = NAN;
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return pb__bad(o, g, "a join of '%s' must be a group { people = 2; at = 6.0; }", r->name);
    if ((rc = pb__cfg_check_keys(o, g, "a join", KEYS_JOIN)))
        return rc;
    if (!(f = config_setting_get_member(g, "people")) || !(config_setting_get_member(g, "at")))
        return pb__bad(o, g, "a join of '%s' needs 'people' (how many) and 'at' (when)", r->name);
    if ((rc = pb__int(o, f, "people", 1, PB_MAX_PEOPLE, &j->people)))
        return rc;
    if ((rc = pb__number(o, config_setting_get_member(g, "at"), "at", 0.0, &j->at)))
        return rc;
    if ((f = config_setting_get_member(g, "ramp")) &&
        (rc = pb__number(o, f, "ramp", 0.0, &j->ramp)))
        return rc;
    if ((f = config_setting_get_member(g, "mentor")) && (rc = fraction(o, f, "mentor", &j->mentor)))
        return rc;
    return PB_OK;
}

pb_status pb__role_people_field(const pb__origin *o, pb_role *r, const char *key,
                                const config_setting_t *f)
{
    if (!strcmp(key, "ramp"))
        return pb__number(o, f, "ramp", 0.0, &r->ramp);
    if (!strcmp(key, "mentor"))
        return fraction(o, f, "mentor", &r->mentor);
    if (config_setting_type(f) != CONFIG_TYPE_LIST)
        return pb__bad(o, f, "'joins' must be a list ( { people = 2; at = 6.0; ramp = 4.0; } )");
    size_t n = (size_t)config_setting_length(f);
    if (n > PB_MAX_JOINS)
        return pb__bad(o, f, "'joins' has %zu entries, more than %d", n, PB_MAX_JOINS);
    free(r->joins);
    r->n_joins = 0;
    if (!(r->joins = calloc(n ? n : 1, sizeof *r->joins)))
        return pb__bad(o, f, "out of memory");
    for (size_t i = 0; i < n; i++) {
        pb_status rc = parse_join(o, r, config_setting_get_elem(f, (unsigned)i), &r->joins[i]);
        if (rc)
            return rc;
        r->n_joins = i + 1;
    }
    return PB_OK;
}

pb_status pb__parse_role_people(const pb__origin *o, pb_role *r, const config_setting_t *g)
{
    static const char *const keys[] = {"ramp", "mentor", "joins"};
    for (size_t k = 0; k < 3; k++) {
        const config_setting_t *f = config_setting_get_member(g, keys[k]);
        pb_status rc = f ? pb__role_people_field(o, r, keys[k], f) : PB_OK;
        if (rc)
            return rc;
    }
    return PB_OK;
}

static const char *const KEYS_ATTRITION[] = {"role", "probability", "replace", "at", NULL};

static pb_status parse_leave(const pb__origin *o, const config_setting_t *g, pb_attrition *a)
{
    pb_status rc;
    const config_setting_t *f;
    a->line = pb__cfg_line(g);
    a->at = NAN;
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return pb__bad(o, g,
                       "an attrition entry must be a group { role = \"ml\"; probability = 0.15; "
                       "replace = [4.0, 6.0, 10.0]; }");
    if ((rc = pb__cfg_check_keys(o, g, "an attrition entry", KEYS_ATTRITION)))
        return rc;
    if (!config_setting_get_member(g, "role") || !config_setting_get_member(g, "probability") ||
        !config_setting_get_member(g, "replace"))
        return pb__bad(o, g,
                       "an attrition entry needs 'role', 'probability' (that one person "
                       "leaves) and 'replace' (the delay until a replacement arrives)");
    if ((rc = pb__cfg_id(o, config_setting_get_member(g, "role"), "role", &a->role)))
        return rc;
    if ((rc = fraction(o, config_setting_get_member(g, "probability"), "probability",
                       &a->probability)))
        return rc;
    if ((f = config_setting_get_member(g, "at")) && (rc = pb__number(o, f, "at", 0.0, &a->at)))
        return rc;
    return pb__estimate(o, config_setting_get_member(g, "replace"), "replace", &a->replace);
}

pb_status pb__parse_attrition(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    if (config_setting_type(st) != CONFIG_TYPE_LIST)
        return pb__bad(o, st,
                       "'attrition' must be a list ( { role = \"ml\"; probability = 0.15; "
                       "replace = [4.0, 6.0, 10.0]; } )");
    size_t n = (size_t)config_setting_length(st);
    if (n > PB_MAX_JOINS)
        return pb__bad(o, st, "'attrition' has %zu entries, more than %d", n, PB_MAX_JOINS);
    pb__people_free(s);
    if (!(s->attrition = calloc(n ? n : 1, sizeof *s->attrition)))
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        s->n_attrition = i + 1;
        pb_status rc = parse_leave(o, config_setting_get_elem(st, (unsigned)i), &s->attrition[i]);
        if (rc)
            return rc;
    }
    return PB_OK;
}

void pb__people_free(pb_scenario *s)
{
    for (size_t i = 0; i < s->n_attrition; i++)
        free(s->attrition[i].role);
    free(s->attrition);
    s->attrition = NULL;
    s->n_attrition = 0;
}

bool pb__people_copy(pb_scenario *c, const pb_scenario *s)
{
    for (size_t i = 0; i < c->n_roles; i++)
        c->roles[i].joins = NULL;
    for (size_t i = 0; i < c->n_roles; i++) {
        size_t n = s->roles[i].n_joins;
        if (!n)
            continue;
        if (!(c->roles[i].joins = malloc(n * sizeof *c->roles[i].joins)))
            return false;
        memcpy(c->roles[i].joins, s->roles[i].joins, n * sizeof *c->roles[i].joins);
    }
    c->attrition = NULL;
    c->n_attrition = 0;
    if (!s->n_attrition)
        return true;
    if (!(c->attrition = calloc(s->n_attrition, sizeof *c->attrition)))
        return false;
    for (size_t i = 0; i < s->n_attrition; i++) {
        c->attrition[i] = s->attrition[i];
        c->n_attrition = i + 1;
        if (!(c->attrition[i].role = pb__strdup(s->attrition[i].role)))
            return false;
    }
    return true;
}

pb_status pb__people_validate(const pb_scenario *s, pb_error *err)
{
    for (size_t i = 0; i < s->n_attrition; i++) {
        const pb_attrition *a = &s->attrition[i];
        const pb_role *r = pb_scenario_role(s, a->role);
        if (!r)
            return pb_error_set(err, PB_ERR_INVALID, s->path, a->line,
                                "attrition names unknown role '%s' (the team has %zu role%s)",
                                a->role, s->n_roles, s->n_roles == 1 ? "" : "s");
        for (size_t k = 0; k < i; k++)
            if (!strcmp(s->attrition[k].role, a->role))
                return pb_error_set(err, PB_ERR_INVALID, s->path, a->line,
                                    "role '%s' has two attrition entries (first on line %d); "
                                    "keep one",
                                    a->role, s->attrition[k].line);
        if (r->people < 1)
            return pb_error_set(err, PB_ERR_INVALID, s->path, a->line,
                                "attrition on role '%s', which has nobody to lose", a->role);
    }
    return PB_OK;
}
