/*
 * scenario_parse.c - loading scenario files (format version 1).
 *
 * The file is read into memory (so that its SHA-256 can be reported and a
 * directory or unreadable file gets a clear message), parsed by libconfig,
 * and walked once: every group's members are checked against the settings it
 * allows (a typo is refused with a suggestion, never ignored), every value
 * is type- and range-checked where it is read, and every string is copied
 * out before the libconfig tree is destroyed. Cross-references (ids, 'after',
 * roles, resources, cycles, people ranges) are checked on the finished
 * structure by pb__scenario_validate() (scenario_validate.c), so that the same checks run again
 * after an option or a --set changes the scenario.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "base/cfg.h"
#include "base/format.h"
#include "pushback/scenario.h"
#include "scenario_internal.h"
#include "sha256.h"

/* ==== Sections ==== */

/* A list of groups (libconfig list or, leniently, an array cannot hold groups). */
static pb_status get_list(const pb__origin *o, const config_setting_t *st, const char *what)
{
    if (config_setting_type(st) != CONFIG_TYPE_LIST)
        return pb__bad(o, st, "'%s' must be a list of groups ( { ... }, { ... } ), got %s", what,
                       pb__cfg_type_name(st));
    int limit = !strcmp(what, "milestones") || !strcmp(what, "risks") ||
                        !strcmp(what, "resources") || !strcmp(what, "history")
                    ? PB__MAX_ITEMS
                    : PB__MAX_SMALL;
    if (config_setting_length(st) > limit)
        return pb__bad(o, st, "'%s' has %d entries; at most %d", what, config_setting_length(st),
                       limit);
    for (int i = 0; i < config_setting_length(st); i++) {
        const config_setting_t *e = config_setting_get_elem(st, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP)
            return pb__bad(o, e, "each entry of '%s' must be a group { ... }, got %s", what,
                           pb__cfg_type_name(e));
    }
    return PB_OK;
}

static pb_status get_group(const pb__origin *o, const config_setting_t *st, const char *what)
{
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st, "'%s' must be a group { ... }, got %s", what, pb__cfg_type_name(st));
    return PB_OK;
}

static pb_status parse_milestones(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "milestones");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    if (n == 0)
        return pb__bad(o, st, "'milestones' is empty: a plan needs at least one milestone");
    s->milestones = calloc(n, sizeof *s->milestones);
    if (!s->milestones)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        pb_milestone *m = &s->milestones[i];
        s->n_milestones = i + 1;
        m->line = pb__cfg_line(g);
        if ((rc = pb__cfg_check_keys(o, g, "a milestone", pb__keys_milestone)))
            return rc;
        if (!config_setting_get_member(g, "id"))
            return pb__bad(o, g, "milestone %zu has no 'id'", i + 1);
        if (config_setting_get_member(g, "duration") && config_setting_get_member(g, "effort"))
            return pb__bad(o, g,
                           "a milestone takes 'duration' (calendar time) or 'effort' (person-units "
                           "of a 'role'), not both");
        for (int k = 0; k < config_setting_length(g); k++) {
            const config_setting_t *f = config_setting_get_elem(g, (unsigned)k);
            const char *key = config_setting_name(f);
            if ((rc = pb__milestone_field(o, m, key, f)))
                return rc;
            if (!strcmp(key, "done") || !strcmp(key, "active"))
                s->tracking |= PB_TRACKING_ACTUALS;
            if (!strcmp(key, "source"))
                s->tracking |= PB_TRACKING_CALIBRATION;
        }
        if (!m->name && !(m->name = pb__strdup(m->id)))
            return pb__bad(o, g, "out of memory");
    }
    return PB_OK;
}

static pb_status parse_risks(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "risks");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->risks = calloc(n ? n : 1, sizeof *s->risks);
    if (!s->risks)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        pb_risk *r = &s->risks[i];
        s->n_risks = i + 1;
        r->line = pb__cfg_line(g);
        if ((rc = pb__cfg_check_keys(o, g, "a risk", pb__keys_risk)))
            return rc;
        static const char *const required[] = {"id", "probability", "milestone", "delay"};
        for (size_t k = 0; k < 4; k++)
            if (!config_setting_get_member(g, required[k]))
                return pb__bad(o, g, "risk %zu has no '%s'", i + 1, required[k]);
        for (int k = 0; k < config_setting_length(g); k++) {
            const config_setting_t *f = config_setting_get_elem(g, (unsigned)k);
            const char *key = config_setting_name(f);
            if ((rc = pb__risk_field(o, r, key, f)))
                return rc;
            if (!strcmp(key, "status") || !strcmp(key, "passed") || !strcmp(key, "happened"))
                s->tracking |= PB_TRACKING_ACTUALS;
        }
        if (!r->name && !(r->name = pb__strdup(r->id)))
            return pb__bad(o, g, "out of memory");
    }
    return PB_OK;
}

static const char *const KEYS_ROLE[] = {"role", "people", "rate", "labour", "joins",
                                        "ramp", "mentor", "name", NULL};

pb_status pb__labour(const pb__origin *o, const config_setting_t *f, pb_labour *out)
{
    if (config_setting_type(f) != CONFIG_TYPE_STRING)
        return pb__bad(o, f, "'labour' must be \"allocated\" or \"worked\"");
    const char *v = config_setting_get_string(f);
    if (!strcmp(v, "allocated"))
        *out = PB_LABOUR_ALLOCATED;
    else if (!strcmp(v, "worked"))
        *out = PB_LABOUR_WORKED;
    else
        return pb__bad(o, f, "'labour' must be \"allocated\" or \"worked\", got \"%s\"", v);
    return PB_OK;
}

static pb_status parse_team(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "team");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->roles = calloc(n ? n : 1, sizeof *s->roles);
    if (!s->roles)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i), *f;
        pb_role *r = &s->roles[i];
        s->n_roles = i + 1;
        r->line = pb__cfg_line(g);
        if ((rc = pb__cfg_check_keys(o, g, "a team entry", KEYS_ROLE)))
            return rc;
        if (!(f = config_setting_get_member(g, "role")))
            return pb__bad(o, g, "team entry %zu has no 'role'", i + 1);
        if ((rc = pb__cfg_id(o, f, "role", &r->name)) ||
            ((f = config_setting_get_member(g, "name")) &&
             (rc = pb__cfg_string(o, f, "name", false, &r->label))))
            return rc;
        if (!(f = config_setting_get_member(g, "people")))
            return pb__bad(o, g, "team entry '%s' has no 'people'", r->name);
        if ((rc = pb__range_int(o, f, PB__RANGE_HEADCOUNT, &r->people)))
            return rc;
        if ((f = config_setting_get_member(g, "rate")) &&
            (rc = pb__number(o, f, "rate", 0.0, &r->rate)))
            return rc;
        if ((f = config_setting_get_member(g, "labour")) && (rc = pb__labour(o, f, &r->labour)))
            return rc;
        if ((rc = pb__parse_role_people(o, r, g)))
            return rc;
    }
    return PB_OK;
}

static const char *const KEYS_RESOURCE[] = {"id", "cost", NULL};

static pb_status parse_resources(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "resources");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->resources = calloc(n ? n : 1, sizeof *s->resources);
    if (!s->resources)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i), *f;
        pb_resource *r = &s->resources[i];
        s->n_resources = i + 1;
        r->line = pb__cfg_line(g);
        if ((rc = pb__cfg_check_keys(o, g, "a resource", KEYS_RESOURCE)))
            return rc;
        if (!(f = config_setting_get_member(g, "id")))
            return pb__bad(o, g, "resource %zu has no 'id'", i + 1);
        if ((rc = pb__cfg_id(o, f, "id", &r->id)))
            return rc;
        if ((f = config_setting_get_member(g, "cost")) &&
            (rc = pb__number(o, f, "cost", 0.0, &r->cost)))
            return rc;
    }
    return PB_OK;
}

static const char *const KEYS_CORR[] = {"shared", "groups", NULL};
static const char *const KEYS_GROUP[] = {"milestones", "rho", NULL};

static pb_status parse_correlation(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = get_group(o, st, "correlation")) ||
        (rc = pb__cfg_check_keys(o, st, "'correlation'", KEYS_CORR)))
        return rc;
    if ((f = config_setting_get_member(st, "shared"))) {
        if ((rc = pb__estimate(o, f, "shared", &s->shared)))
            return rc;
        s->has_shared = true;
        s->shared_line = pb__cfg_line(f);
    }
    if (!(f = config_setting_get_member(st, "groups")))
        return PB_OK;
    if ((rc = get_list(o, f, "groups")))
        return rc;
    size_t n = (size_t)config_setting_length(f);
    s->groups = calloc(n ? n : 1, sizeof *s->groups);
    if (!s->groups)
        return pb__bad(o, f, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(f, (unsigned)i), *m;
        pb_group *gr = &s->groups[i];
        s->n_groups = i + 1;
        gr->line = pb__cfg_line(g);
        if ((rc = pb__cfg_check_keys(o, g, "a correlation group", KEYS_GROUP)))
            return rc;
        if (!(m = config_setting_get_member(g, "milestones")))
            return pb__bad(o, g, "correlation group %zu has no 'milestones'", i + 1);
        if ((rc = pb__cfg_ids(o, m, "milestones", &gr->milestones, &gr->n_milestones)))
            return rc;
        if (gr->n_milestones < 2)
            return pb__bad(o, m, "a correlation group needs at least 2 milestones, got %zu",
                           gr->n_milestones);
        if (!(gr->id = pb__strdup(gr->milestones[0])))
            return pb__bad(o, m, "out of memory");
        if (!(m = config_setting_get_member(g, "rho")))
            return pb__bad(o, g, "correlation group %zu has no 'rho'", i + 1);
        if ((rc = pb__number(o, m, "rho", -HUGE_VAL, &gr->rho)))
            return rc;
        if (gr->rho < 0 || gr->rho > 1)
            return pb__bad(o, m,
                           "'rho' must be in [0, 1] (a rank correlation between members), "
                           "got %g",
                           gr->rho);
    }
    return PB_OK;
}

static const char *const KEYS_ASK[] = {"deadline", "budget", "confidence", NULL};
static const char *const KEYS_MANAGER[] = {"deadline", "people", "budget", "interests", NULL};

static pb_status parse_ask(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = get_group(o, st, "ask")) || (rc = pb__cfg_check_keys(o, st, "'ask'", KEYS_ASK)))
        return rc;
    if ((f = config_setting_get_member(st, "deadline")) &&
        (rc = pb__number(o, f, "deadline", 0.0, &s->ask_deadline)))
        return rc;
    if ((f = config_setting_get_member(st, "budget")) &&
        (rc = pb__number(o, f, "budget", 0.0, &s->ask_budget)))
        return rc;
    if ((f = config_setting_get_member(st, "confidence")) &&
        (rc = pb__range_number(o, f, PB__RANGE_CONFIDENCE, &s->ask_confidence)))
        return rc;
    return PB_OK;
}

static pb_status parse_manager(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = get_group(o, st, "manager")) ||
        (rc = pb__cfg_check_keys(o, st, "'manager'", KEYS_MANAGER)))
        return rc;
    s->has_manager = true;
    if ((f = config_setting_get_member(st, "deadline")) &&
        (rc = pb__number(o, f, "deadline", 0.0, &s->manager_deadline)))
        return rc;
    if ((f = config_setting_get_member(st, "budget")) &&
        (rc = pb__number(o, f, "budget", 0.0, &s->manager_budget)))
        return rc;
    if ((f = config_setting_get_member(st, "people")) &&
        (rc = pb__range_int(o, f, PB__RANGE_HEADCOUNT, &s->manager_people)))
        return rc;
    if ((f = config_setting_get_member(st, "interests")) && (rc = pb__parse_interests(o, s, f)))
        return rc;
    return PB_OK;
}

static const char *const KEYS_HISTORY[] = {"name", "duration", "people", "size", "estimate", NULL};

static pb_status parse_history(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "history");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    s->history = calloc(n ? n : 1, sizeof *s->history);
    if (!s->history)
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i), *f;
        pb_history *h = &s->history[i];
        s->n_history = i + 1;
        h->line = pb__cfg_line(g);
        h->size = 1.0;
        h->people = -1;
        if ((rc = pb__cfg_check_keys(o, g, "a history entry", KEYS_HISTORY)))
            return rc;
        if (!(f = config_setting_get_member(g, "name")))
            return pb__bad(o, g, "history entry %zu has no 'name'", i + 1);
        if ((rc = pb__cfg_string(o, f, "name", true, &h->name)))
            return rc;
        if (!(f = config_setting_get_member(g, "duration")))
            return pb__bad(o, g, "history entry '%s' has no 'duration'", h->name);
        if ((rc = pb__number(o, f, "duration", 0.0, &h->duration)))
            return rc;
        if ((f = config_setting_get_member(g, "people")) &&
            (rc = pb__range_int(o, f, PB__RANGE_HEADCOUNT, &h->people)))
            return rc;
        if ((f = config_setting_get_member(g, "size"))) {
            if ((rc = pb__number(o, f, "size", 0.0, &h->size)))
                return rc;
            if (h->size <= 0)
                return pb__bad(o, f, "'size' must be > 0 (1 = the same size as this proposal)");
        }
    }
    return PB_OK;
}

static const char *const KEYS_PROPOSAL[] = {"idea",       "value",     "scenarios", "demo",
                                            "literature", "datasets",  "data",      "approaches",
                                            "system",     "resources", NULL};
static const char *const KEYS_VALUE[] = {"claim", "amount", "unit", "source", NULL};
static const char *const KEYS_DATASET[] = {"name", "license", "commercial", "volume", NULL};
static const char *const KEYS_LITERATURE[] = {"novelty", "reuse", NULL};
static const char *const KEYS_REUSE[] = {"name", "license", "url", NULL};
static const char *const KEYS_DATA[] = {"volume",     "unit",      "collection",
                                        "annotation", "synthetic", NULL};
static const char *const KEYS_APPROACH[] = {"name", "pros", "cons", "chosen", NULL};
static const char *const KEYS_SYSTEM[] = {"owned", "integrated", NULL};
static const char *const KEYS_RESOURCES[] = {"machines", "storage", "people", NULL};

/* A list of groups, each checked against 'keys'; *n gets the count. */
static pb_status group_list(const pb__origin *o, const config_setting_t *f, const char *what,
                            const char *where, const char *const *keys, size_t *n)
{
    pb_status rc = get_list(o, f, what);
    if (rc)
        return rc;
    for (int i = 0; i < config_setting_length(f); i++)
        if ((rc = pb__cfg_check_keys(o, config_setting_get_elem(f, (unsigned)i), where, keys)))
            return rc;
    *n = (size_t)config_setting_length(f);
    return PB_OK;
}

/* How many entries of list f have member 'key' (and, if nonempty, a nonempty string). */
/* Sum of the entries' amounts that are rates ("EUR/year"), per day. */
static double value_per_day(const config_setting_t *f)
{
    static const char *const period[] = {"day", "week", "month", "year"};
    static const double days[] = {1.0, 7.0, 30.4375, 365.25};
    double sum = 0;
    for (int i = 0; i < config_setting_length(f); i++) {
        const config_setting_t *g = config_setting_get_elem(f, (unsigned)i);
        const config_setting_t *a = config_setting_get_member(g, "amount");
        const char *u = NULL, *slash;
        double x;
        if (!a || !config_setting_lookup_string(g, "unit", &u) || !(slash = strrchr(u, '/')))
            continue;
        int t = config_setting_type(a);
        if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT)
            continue;
        x = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(a)
                                   : (double)config_setting_get_int64(a);
        for (int k = 0; k < 4; k++)
            if (!strncmp(slash + 1, period[k], strlen(period[k])) && isfinite(x) && x > 0)
                sum += x / days[k];
    }
    return sum;
}

static size_t count_member(const config_setting_t *f, const char *key)
{
    size_t k = 0;
    for (int i = 0; i < config_setting_length(f); i++) {
        const config_setting_t *m =
            config_setting_get_member(config_setting_get_elem(f, (unsigned)i), key);
        if (m && !(config_setting_type(m) == CONFIG_TYPE_STRING && !*config_setting_get_string(m)))
            k++;
    }
    return k;
}

/* An optional string member of group g. */
static pb_status opt_string(const pb__origin *o, const config_setting_t *g, const char *key,
                            char **out)
{
    const config_setting_t *f = config_setting_get_member(g, key);
    return f ? pb__cfg_string(o, f, key, false, out) : PB_OK;
}

/* A list of strings; *n gets the count. */
static pb_status string_list(const pb__origin *o, const config_setting_t *f, const char *what,
                             size_t *n)
{
    int t = config_setting_type(f);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
        return pb__bad(o, f, "'%s' must be a list of strings [\"...\", \"...\"], got %s", what,
                       pb__cfg_type_name(f));
    for (int i = 0; i < config_setting_length(f); i++)
        if (config_setting_type(config_setting_get_elem(f, (unsigned)i)) != CONFIG_TYPE_STRING)
            return pb__bad(o, f, "'%s' must hold strings", what);
    *n = (size_t)config_setting_length(f);
    return PB_OK;
}

/* 'proposal.literature' */
static pb_status proposal_literature(const pb__origin *o, pb_proposal *pp,
                                     const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f, *g;
    if ((f = config_setting_get_member(st, "literature"))) {
        if ((rc = get_group(o, f, "literature")) ||
            (rc = pb__cfg_check_keys(o, f, "'literature'", KEYS_LITERATURE)) ||
            (rc = opt_string(o, f, "novelty", &pp->novelty)))
            return rc;
        pp->has_literature = true;
        if ((g = config_setting_get_member(f, "reuse"))) {
            if ((rc = group_list(o, g, "reuse", "a 'reuse' entry", KEYS_REUSE, &pp->n_reuse)))
                return rc;
            pp->n_reuse_license = count_member(g, "license");
        }
    }
    return PB_OK;
}

/* 'proposal.data' */
static pb_status proposal_data(const pb__origin *o, pb_proposal *pp, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f, *g;
    pp->data_volume = NAN;
    if ((f = config_setting_get_member(st, "data"))) {
        if ((rc = get_group(o, f, "data")) || (rc = pb__cfg_check_keys(o, f, "'data'", KEYS_DATA)))
            return rc;
        pp->has_data = true;
        if ((g = config_setting_get_member(f, "volume")) &&
            (rc = pb__number(o, g, "volume", 0.0, &pp->data_volume)))
            return rc;
        if ((rc = opt_string(o, f, "collection", &pp->collection)) ||
            (rc = opt_string(o, f, "annotation", &pp->annotation)) ||
            (rc = opt_string(o, f, "synthetic", &pp->synthetic)))
            return rc;
    }
    return PB_OK;
}

/* 'proposal.system' */
static pb_status proposal_system(const pb__origin *o, pb_proposal *pp, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f, *g;
    if ((f = config_setting_get_member(st, "system"))) {
        if ((rc = get_group(o, f, "system")) ||
            (rc = pb__cfg_check_keys(o, f, "'system'", KEYS_SYSTEM)))
            return rc;
        if ((g = config_setting_get_member(f, "owned")) &&
            (rc = string_list(o, g, "owned", &pp->n_owned)))
            return rc;
        if ((g = config_setting_get_member(f, "integrated")) &&
            (rc = string_list(o, g, "integrated", &pp->n_integrated)))
            return rc;
    }
    return PB_OK;
}

/* 'proposal.resources' */
static pb_status proposal_resources(const pb__origin *o, pb_proposal *pp,
                                    const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    if ((f = config_setting_get_member(st, "resources"))) {
        if ((rc = get_group(o, f, "resources")) ||
            (rc = pb__cfg_check_keys(o, f, "'resources'", KEYS_RESOURCES)) ||
            (rc = opt_string(o, f, "machines", &pp->machines)) ||
            (rc = opt_string(o, f, "storage", &pp->storage)))
            return rc;
        if (pp->machines && strcmp(pp->machines, "local") && strcmp(pp->machines, "cloud") &&
            strcmp(pp->machines, "mixed"))
            return pb__bad(o, config_setting_get_member(f, "machines"),
                           "'machines' must be \"local\", \"cloud\" or \"mixed\", got \"%s\"",
                           pp->machines);
    }
    return PB_OK;
}

static pb_status parse_proposal(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc;
    const config_setting_t *f;
    pb_proposal *pp = &s->proposal;
    if ((rc = get_group(o, st, "proposal")) ||
        (rc = pb__cfg_check_keys(o, st, "'proposal'", KEYS_PROPOSAL)))
        return rc;
    pp->present = true;
    pp->line = pb__cfg_line(st);
    if ((rc = opt_string(o, st, "idea", &pp->idea)) || (rc = opt_string(o, st, "demo", &pp->demo)))
        return rc;
    if ((f = config_setting_get_member(st, "value"))) {
        if ((rc = group_list(o, f, "value", "a 'value' entry", KEYS_VALUE, &pp->n_value)))
            return rc;
        pp->n_value_amount = count_member(f, "amount");
        pp->value_per_day = value_per_day(f);
        pp->n_value_source = count_member(f, "source");
    }
    if ((f = config_setting_get_member(st, "scenarios")) &&
        (rc = string_list(o, f, "scenarios", &pp->n_scenarios)))
        return rc;
    if ((rc = proposal_literature(o, pp, st)))
        return rc;
    if ((f = config_setting_get_member(st, "datasets"))) {
        if ((rc =
                 group_list(o, f, "datasets", "a 'datasets' entry", KEYS_DATASET, &pp->n_datasets)))
            return rc;
        pp->n_datasets_license = count_member(f, "license");
        pp->n_datasets_commercial = count_member(f, "commercial");
    }
    if ((rc = proposal_data(o, pp, st)))
        return rc;
    if ((f = config_setting_get_member(st, "approaches"))) {
        if ((rc = group_list(o, f, "approaches", "an 'approaches' entry", KEYS_APPROACH,
                             &pp->n_approaches)))
            return rc;
        for (int i = 0; i < config_setting_length(f); i++) {
            const config_setting_t *e = config_setting_get_elem(f, (unsigned)i);
            if (config_setting_get_member(e, "pros") && config_setting_get_member(e, "cons"))
                pp->n_approaches_weighed++;
        }
    }
    if ((rc = proposal_system(o, pp, st)))
        return rc;
    if ((rc = proposal_resources(o, pp, st)))
        return rc;
    return PB_OK;
}

/* ==== Options ==== */

/* Append the libconfig text of st to buf (for option edits). */
static void unparse(const config_setting_t *st, char *buf, size_t cap);

/* A string setting in quotes, with '"', '\\' and line feeds escaped, at p (left bytes). */
static void unparse_string(const char *s, char *p, size_t left)
{
    size_t k = 0;
    p[k++] = '"';
    for (; *s && k + 4 < left; s++) {
        if (*s == '"' || *s == '\\')
            p[k++] = '\\';
        if (*s == '\n') {
            p[k++] = '\\';
            p[k++] = 'n';
            continue;
        }
        p[k++] = *s;
    }
    p[k++] = '"';
    p[k] = '\0';
}

/* An array, a list or a group, its elements unparsed in turn. */
static void unparse_aggregate(const config_setting_t *st, char *buf, size_t cap)
{
    int t = config_setting_type(st);
    strncat(buf,
            t == CONFIG_TYPE_ARRAY  ? "["
            : t == CONFIG_TYPE_LIST ? "("
                                    : "{ ",
            cap - strlen(buf) - 1);
    int n = config_setting_length(st);
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(st, (unsigned)i);
        if (t == CONFIG_TYPE_GROUP) {
            strncat(buf, config_setting_name(e), cap - strlen(buf) - 1);
            strncat(buf, " = ", cap - strlen(buf) - 1);
        } else if (i) {
            strncat(buf, ", ", cap - strlen(buf) - 1);
        }
        unparse(e, buf, cap);
        if (t == CONFIG_TYPE_GROUP)
            strncat(buf, "; ", cap - strlen(buf) - 1);
    }
    strncat(buf,
            t == CONFIG_TYPE_ARRAY  ? "]"
            : t == CONFIG_TYPE_LIST ? ")"
                                    : "}",
            cap - strlen(buf) - 1);
}

static void unparse(const config_setting_t *st, char *buf, size_t cap)
{
    size_t len = strlen(buf);
    char *p = buf + len;
    size_t left = cap - len;
    if (left < 2)
        return;
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
        snprintf(p, left, "%d", config_setting_get_int(st));
        return;
    case CONFIG_TYPE_INT64:
        snprintf(p, left, "%lldL", config_setting_get_int64(st));
        return;
    case CONFIG_TYPE_FLOAT:
        snprintf(p, left, "%.17g", config_setting_get_float(st));
        if (!strpbrk(p, ".eEin"))
            strncat(p, ".0", left - strlen(p) - 1);
        return;
    case CONFIG_TYPE_BOOL:
        snprintf(p, left, "%s", config_setting_get_bool(st) ? "true" : "false");
        return;
    case CONFIG_TYPE_STRING:
        unparse_string(config_setting_get_string(st), p, left);
        return;
    case CONFIG_TYPE_ARRAY:
    case CONFIG_TYPE_LIST:
    case CONFIG_TYPE_GROUP:
        unparse_aggregate(st, buf, cap);
        return;
    }
}

static pb_status add_edit(const pb__origin *o, pb_option *op, const char *path,
                          const config_setting_t *st)
{
    char value[8192] = "";
    unparse(st, value, sizeof value);
    if (strlen(value) >= sizeof value - 8)
        return pb__bad(o, st, "value of '%s' is too long (at most 8000 characters)", path);
    pb_edit *v = realloc(op->edits, (op->n_edits + 1) * sizeof *v);
    if (!v)
        return pb__bad(o, st, "out of memory");
    op->edits = v;
    pb_edit *e = &v[op->n_edits];
    e->path = pb__strdup(path);
    e->value = pb__strdup(value);
    e->line = pb__cfg_line(st);
    op->n_edits++;
    if (!e->path || !e->value)
        return pb__bad(o, st, "out of memory");
    return PB_OK;
}

static const char *const KEYS_OPTION[] = {"name", "kind", "team", "patch", "drop", NULL};
static const char *const KEYS_ALT[] = {"id", "name", "kind", "team", "patch", "drop", NULL};
static const char *const KEYS_CHOICE[] = {"id", "name", "alternatives", NULL};

/* 'kind' (when given) into *out: one of pb_kind_name()'s words. */
static pb_status get_kind(const pb__origin *o, const config_setting_t *g, pb_kind *out)
{
    const config_setting_t *f = config_setting_get_member(g, "kind");
    *out = PB_KIND_OTHER;
    if (!f)
        return PB_OK;
    const char *v =
        config_setting_type(f) == CONFIG_TYPE_STRING ? config_setting_get_string(f) : "";
    for (int k = 0; k < PB_N_KINDS; k++)
        if (!strcmp(v, pb_kind_name((pb_kind)k))) {
            *out = (pb_kind)k;
            return PB_OK;
        }
    return pb__bad(o, f,
                   "unknown 'kind' \"%s\" (valid: in-house, vendor, crowd, synthetic, buy, "
                   "build, reuse, staffing, scope, less-data, local-compute, added-scope, other)",
                   v);
}

/* The patch list of an option or alternative, as edits. */
static pb_status parse_patch(const pb__origin *o, pb_option *op, const config_setting_t *f)
{
    pb_status rc = get_list(o, f, "patch");
    if (rc)
        return rc;
    for (int k = 0; k < config_setting_length(f); k++) {
        const config_setting_t *p = config_setting_get_elem(f, (unsigned)k);
        const config_setting_t *id = config_setting_get_member(p, "milestone");
        if (!id || config_setting_type(id) != CONFIG_TYPE_STRING)
            return pb__bad(o, p, "each 'patch' entry needs 'milestone = \"id\"'");
        const char *mid = config_setting_get_string(id);
        for (int j = 0; j < config_setting_length(p); j++) {
            const config_setting_t *e = config_setting_get_elem(p, (unsigned)j);
            const char *key = config_setting_name(e);
            if (!strcmp(key, "milestone"))
                continue;
            if (!strcmp(key, "id"))
                return pb__bad(o, e, "a patch cannot change a milestone's 'id'");
            char path[300];
            snprintf(path, sizeof path, "milestones.%s.%s", mid, key);
            if ((rc = add_edit(o, op, path, e)))
                return rc;
        }
    }
    return PB_OK;
}

/* One option (idkey "name") or alternative (idkey "id") from group g into op. */
static pb_status parse_option(const pb__origin *o, const config_setting_t *g, const char *idkey,
                              pb_option *op)
{
    pb_status rc;
    const config_setting_t *f;
    op->line = pb__cfg_line(g);
    if (!(f = config_setting_get_member(g, idkey)))
        return pb__bad(o, g, "an %s has no '%s'", *idkey == 'n' ? "option" : "alternative", idkey);
    if ((rc = pb__cfg_id(o, f, idkey, &op->name)))
        return rc;
    if (!strcmp(op->name, "base"))
        return pb__bad(o, f, "'base' names the plan without options; choose another name");
    if ((rc = get_kind(o, g, &op->kind)))
        return rc;
    if (*idkey == 'i' && (f = config_setting_get_member(g, "name")) &&
        (rc = pb__cfg_string(o, f, "name", false, &op->label)))
        return rc;
    if ((f = config_setting_get_member(g, "team"))) {
        if ((rc = get_group(o, f, "team")))
            return rc;
        for (int k = 0; k < config_setting_length(f); k++) {
            const config_setting_t *e = config_setting_get_elem(f, (unsigned)k);
            char path[300];
            snprintf(path, sizeof path, "team.%s", config_setting_name(e));
            if ((rc = add_edit(o, op, path, e)))
                return rc;
        }
    }
    if ((f = config_setting_get_member(g, "patch")) && (rc = parse_patch(o, op, f)))
        return rc;
    if ((f = config_setting_get_member(g, "drop")) &&
        (rc = pb__cfg_ids(o, f, "drop", &op->drop, &op->n_drop)))
        return rc;
    return PB_OK;
}

/* Room for n more options and one more choice (zeroed). */
static pb_status grow_options(const pb__origin *o, pb_scenario *s, size_t n,
                              const config_setting_t *st)
{
    pb_option *v = realloc(s->options, (s->n_options + n + 1) * sizeof *v);
    if (v)
        s->options = v;
    pb_choice *c = v ? realloc(s->choices, (s->n_choices + 1) * sizeof *c) : NULL;
    if (c)
        s->choices = c;
    if (!v || !c)
        return pb__bad(o, st, "out of memory");
    memset(&s->choices[s->n_choices], 0, sizeof *c);
    memset(&s->options[s->n_options], 0, (n + 1) * sizeof *v);
    return PB_OK;
}

/* The v1 'options' list: one choice "options" whose first alternative is "base". */
static pb_status parse_options(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "options");
    if (rc)
        return rc;
    size_t n = (size_t)config_setting_length(st);
    if ((rc = grow_options(o, s, n, st)))
        return rc;
    pb_choice *c = &s->choices[s->n_choices++];
    c->line = pb__cfg_line(st);
    if (!(c->id = pb__strdup("options")) || !(c->name = pb__strdup("Options")) ||
        !(c->base = pb__strdup("base")))
        return pb__bad(o, st, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(st, (unsigned)i);
        pb_option *op = &s->options[s->n_options++];
        op->choice = s->n_choices - 1;
        if ((rc = pb__cfg_check_keys(o, g, "an option", KEYS_OPTION)) ||
            (rc = parse_option(o, g, "name", op)))
            return rc;
    }
    return PB_OK;
}

/* One entry of 'choices': its first alternative is the plan as written. */
static pb_status parse_choice(const pb__origin *o, pb_scenario *s, const config_setting_t *g)
{
    pb_status rc;
    const config_setting_t *f, *alts;
    if ((rc = pb__cfg_check_keys(o, g, "a choice", KEYS_CHOICE)))
        return rc;
    if (!(alts = config_setting_get_member(g, "alternatives")))
        return pb__bad(o, g, "a choice needs 'alternatives' (the first is the plan as written)");
    if ((rc = get_list(o, alts, "alternatives")))
        return rc;
    size_t n = (size_t)config_setting_length(alts);
    if (n < 2)
        return pb__bad(o, alts, "a choice needs at least 2 alternatives, got %zu", n);
    if ((rc = grow_options(o, s, n - 1, g)))
        return rc;
    pb_choice *c = &s->choices[s->n_choices++];
    c->line = pb__cfg_line(g);
    if (!(f = config_setting_get_member(g, "id")))
        return pb__bad(o, g, "a choice has no 'id'");
    if ((rc = pb__cfg_id(o, f, "id", &c->id)) ||
        ((f = config_setting_get_member(g, "name")) &&
         (rc = pb__cfg_string(o, f, "name", false, &c->name))))
        return rc;
    if (!c->name && !(c->name = pb__strdup(c->id)))
        return pb__bad(o, g, "out of memory");
    for (size_t k = 0; k + 1 < s->n_choices; k++)
        if (!strcmp(s->choices[k].id, c->id))
            return pb__bad(o, g, "duplicate choice id '%s' (first on line %d)", c->id,
                           s->choices[k].line);
    const config_setting_t *a0 = config_setting_get_elem(alts, 0);
    if ((rc = pb__cfg_check_keys(o, a0, "the first alternative", KEYS_ALT)))
        return rc;
    if (config_setting_get_member(a0, "team") || config_setting_get_member(a0, "patch") ||
        config_setting_get_member(a0, "drop"))
        return pb__bad(o, a0,
                       "the first alternative of choice '%s' is the plan as written: it takes "
                       "no 'team', 'patch' or 'drop' (change the plan, or add an alternative)",
                       c->id);
    if (!(f = config_setting_get_member(a0, "id")))
        return pb__bad(o, a0, "an alternative has no 'id'");
    if ((rc = pb__cfg_id(o, f, "id", &c->base)) || (rc = get_kind(o, a0, &c->base_kind)) ||
        ((f = config_setting_get_member(a0, "name")) &&
         (rc = pb__cfg_string(o, f, "name", false, &c->base_label))))
        return rc;
    for (size_t i = 1; i < n; i++) {
        const config_setting_t *a = config_setting_get_elem(alts, (unsigned)i);
        pb_option *op = &s->options[s->n_options++];
        op->choice = s->n_choices - 1;
        if ((rc = pb__cfg_check_keys(o, a, "an alternative", KEYS_ALT)) ||
            (rc = parse_option(o, a, "id", op)))
            return rc;
        if (!strcmp(op->name, c->base))
            return pb__bad(o, a, "duplicate alternative '%s' in choice '%s'", op->name, c->id);
    }
    return PB_OK;
}

static pb_status parse_choices(const pb__origin *o, pb_scenario *s, const config_setting_t *st)
{
    pb_status rc = get_list(o, st, "choices");
    for (int i = 0; !rc && i < config_setting_length(st); i++)
        rc = parse_choice(o, s, config_setting_get_elem(st, (unsigned)i));
    return rc;
}

/* ==== Top level ==== */

static const char *const KEYS_TOP[] = {
    "version",  "name",       "unit",      "currency",  "start",       "proposal", "team",
    "overhead", "milestones", "resources", "risks",     "correlation", "ask",      "manager",
    "history",  "options",    "rulebook",  "labour",    "choices",     "status",   "calibration",
    "growth",   "calendar",   "metric",    "attrition", NULL};

bool pb_date_valid(const char *s)
{
    long day;
    return pb__date_parse(s, &day);
}

/* version, name, unit, currency, start, rulebook */
static pb_status parse_header(const pb__origin *o, pb_scenario *s, const config_setting_t *root)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = pb__cfg_check_keys(o, root, "the scenario", KEYS_TOP)))
        return rc;
    if (!(f = config_setting_get_member(root, "version")))
        return pb__bad(o, NULL, "missing setting 'version' (add 'version = 1;' at the top)");
    int version;
    if ((rc = pb__int(o, f, "version", 0, 1000000, &version)))
        return rc;
    if (version != 1)
        return pb__bad(o, f, "unsupported 'version' %d: this pushback reads version 1", version);
    if ((f = config_setting_get_member(root, "name")) &&
        (rc = pb__cfg_string(o, f, "name", false, &s->name)))
        return rc;
    if ((f = config_setting_get_member(root, "unit"))) {
        if ((rc = pb__cfg_string(o, f, "unit", true, &s->unit)))
            return rc;
        if (strcmp(s->unit, "days") && strcmp(s->unit, "weeks") && strcmp(s->unit, "months"))
            return pb__bad(o, f, "'unit' must be \"days\", \"weeks\" or \"months\", got \"%s\"",
                           s->unit);
    }
    if ((f = config_setting_get_member(root, "currency")) &&
        (rc = pb__cfg_string(o, f, "currency", true, &s->currency)))
        return rc;
    if ((f = config_setting_get_member(root, "start"))) {
        if ((rc = pb__cfg_string(o, f, "start", true, &s->start)))
            return rc;
        if (!pb_date_valid(s->start))
            return pb__bad(o, f, "'start' must be a date \"YYYY-MM-DD\", got \"%s\"", s->start);
    }
    if ((f = config_setting_get_member(root, "rulebook")) &&
        (rc = pb__cfg_string(o, f, "rulebook", true, &s->rulebook)))
        return rc;
    return PB_OK;
}

/* overhead, metric, calendar, growth, labour */
static pb_status parse_settings(const pb__origin *o, pb_scenario *s, const config_setting_t *root)
{
    pb_status rc;
    const config_setting_t *f;
    if ((f = config_setting_get_member(root, "overhead")) &&
        (rc = pb__range_number(o, f, PB__RANGE_OVERHEAD, &s->overhead)))
        return rc;
    if ((f = config_setting_get_member(root, "metric")) && (rc = pb__parse_metric(o, &s->curve, f)))
        return rc;
    if ((f = config_setting_get_member(root, "calendar")) &&
        (rc = pb__parse_calendar(o, &s->calendar, f)))
        return rc;
    if ((f = config_setting_get_member(root, "growth"))) {
        if ((rc = pb__estimate(o, f, "growth", &s->growth)))
            return rc;
        s->has_growth = true;
        s->growth_line = pb__cfg_line(f);
    }
    s->labour = PB_LABOUR_ALLOCATED;
    if ((f = config_setting_get_member(root, "labour")) && (rc = pb__labour(o, f, &s->labour)))
        return rc;
    return PB_OK;
}

static pb_status parse_root(const pb__origin *o, pb_scenario *s, const config_setting_t *root)
{
    pb_status rc;
    const config_setting_t *f;
    if ((rc = parse_header(o, s, root)) || (rc = parse_settings(o, s, root)))
        return rc;
    if (config_setting_get_member(root, "status"))
        s->tracking |= PB_TRACKING_ACTUALS;
    if (config_setting_get_member(root, "calibration"))
        s->tracking |= PB_TRACKING_CALIBRATION;
    if ((f = config_setting_get_member(root, "proposal")) && (rc = parse_proposal(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "team")) && (rc = parse_team(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "attrition")) && (rc = pb__parse_attrition(o, s, f)))
        return rc;
    if (!(f = config_setting_get_member(root, "milestones")))
        return pb__bad(o, NULL, "missing setting 'milestones' (the plan's list of milestones)");
    if ((rc = parse_milestones(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "resources")) && (rc = parse_resources(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "risks")) && (rc = parse_risks(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "correlation")) && (rc = parse_correlation(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "ask")) && (rc = parse_ask(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "manager")) && (rc = parse_manager(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "history")) && (rc = parse_history(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "choices")) && (rc = parse_choices(o, s, f)))
        return rc;
    if ((f = config_setting_get_member(root, "options")) && (rc = parse_options(o, s, f)))
        return rc;
    return PB_OK;
}

static pb_scenario *scenario_new(void)
{
    pb_scenario *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ask_deadline = NAN;
    s->ask_budget = NAN;
    s->ask_confidence = 0.8;
    s->manager_deadline = NAN;
    s->manager_budget = NAN;
    s->manager_people = -1;
    s->proposal.data_volume = NAN;
    return s;
}

static pb_status fill_defaults(pb_scenario *s, pb_error *err, const char *file)
{
    if (!s->name)
        s->name = pb__strdup("unnamed scenario");
    if (!s->unit)
        s->unit = pb__strdup("weeks");
    if (!s->currency)
        s->currency = pb__strdup("USD");
    if (!s->name || !s->unit || !s->currency)
        return pb_error_set(err, PB_ERR_RUN, file, 0, "out of memory");
    return PB_OK;
}

/* Each option must apply cleanly to the base plan: check now, at its lines. */
static pb_status check_options(const pb_scenario *s, pb_error *err)
{
    for (size_t i = 0; i < s->n_options; i++) {
        pb_scenario *c = pb_scenario_copy(s);
        if (!c)
            return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
        pb_status rc = pb__scenario_apply_option(c, s->options[i].name, true, err);
        pb_scenario_free(c);
        if (rc)
            return rc;
    }
    return PB_OK;
}

pb_status pb_scenario_parse(const char *text, const char *name, pb_scenario **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    if (!name)
        name = "<string>";
    pb_scenario *s = scenario_new();
    if (!s)
        return pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
    config_t cfg;
    config_init(&cfg);
    pb__origin o = {name, 0, PB_ERR_INVALID, err, false};
    pb_status rc = PB_OK;
    if (!(s->path = pb__strdup(name))) {
        rc = pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
        goto out;
    }
    pb__sha256_hex(text, strlen(text), s->sha256);
    char *norm;
    if ((rc = pb__cfg_prepare(text, name, &norm, err)))
        goto out;
    rc = pb__cfg_read(&cfg, norm, name, err);
    free(norm);
    if (rc)
        goto out;
    if ((rc = parse_root(&o, s, config_root_setting(&cfg))))
        goto out;
    if ((rc = fill_defaults(s, err, name)))
        goto out;
    if ((rc = pb__scenario_validate(s, err)))
        goto out;
    rc = check_options(s, err);
out:
    config_destroy(&cfg);
    if (rc) {
        pb_scenario_free(s);
        return rc;
    }
    *out = s;
    return PB_OK;
}

pb_status pb_scenario_load(const char *path, pb_scenario **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    char *text;
    pb_status rc = pb__read_text_file(path, "scenario", &text, err);
    if (rc)
        return rc;
    rc = pb_scenario_parse(text, path, out, err);
    free(text);
    return rc;
}
