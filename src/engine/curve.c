/*
 * curve.c - learning curves: parse 'metric = { name; target; items; curve =
 * { a; b; c; }; }' and summarize a run's chance of meeting the target.
 *
 * The error after m items is a m^-b + c. Per iteration a, b and c are drawn
 * on streams of their own (one uniform each, keyed like every engine stream
 * by (seed, stream, iteration)), so the chance at the planned volume and the
 * fewest items needed are paired with the rest of the run and identical for
 * any thread count. The fewest items that reach target t in an iteration is
 * m* = (a / (t - c))^(1/b) when t > c, and never when t <= c; the fewest at
 * confidence C is the C-quantile of m* over the iterations.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/sim.h>

#include "base/rng.h"
#include "plan_internal.h"
#include "scenario_internal.h"

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* One iteration's curve (h: the iteration's hash): is the target met at 'items'? *need: m*. */
static bool curve_at(const pb_plan *p, uint64_t h, double items, double *need)
{
    const pb_curve *cv = &p->scenario->curve;
    double a = pb__sampler_draw(&p->curve[0], pb__unif(p->key_curve[0], h));
    double b = pb__sampler_draw(&p->curve[1], pb__unif(p->key_curve[1], h));
    double c = pb__sampler_draw(&p->curve[2], pb__unif(p->key_curve[2], h));
    *need = cv->target > c ? pow(a / (cv->target - c), 1.0 / b) : INFINITY;
    return a * pow(items, -b) + c <= cv->target;
}

bool pb__curve_met(const pb_plan *p, uint64_t h)
{
    double need;
    return curve_at(p, h, pb_scenario_curve_items(p->scenario), &need);
}

pb_status pb__curve_summary(const pb_plan *p, uint64_t seedk, size_t n, pb_result *res,
                            pb_error *err)
{
    if (!p->has_curve)
        return PB_OK;
    double items = pb_scenario_curve_items(p->scenario);
    double *need = malloc((n ? n : 1) * sizeof *need);
    if (!need)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    size_t met = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = pb__iter_hash(seedk, i);
        met += curve_at(p, h, items, &need[i]);
    }
    double conf = p->scenario->ask_confidence;
    res->has_curve = true;
    res->p_curve = pb_stats_wilson(met, n);
    res->curve_items = items;
    res->curve_confidence = conf;
    qsort(need, n, sizeof *need, cmp_double);
    /* the fewest items m with at least a share 'conf' of iterations having m* <= m */
    size_t k = n ? (size_t)ceil(conf * (double)n - 1e-9) : 0;
    res->items_needed = k == 0 ? 0 : k <= n ? need[k - 1] : INFINITY;
    free(need);
    return PB_OK;
}

static const char *const KEYS_METRIC[] = {"name", "target", "items", "curve", NULL};

static pb_status parse_curve(const pb__origin *o, pb_curve *cv, const config_setting_t *g)
{
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return pb__bad(o, g, "'metric.curve' must be a group { a = ...; b = ...; c = ...; }");
    pb_dist *d[3] = {&cv->a, &cv->b, &cv->c};
    static const char *const names[3] = {"curve.a", "curve.b", "curve.c"};
    for (int i = 0; i < config_setting_length(g); i++) {
        const char *key = config_setting_name(config_setting_get_elem(g, (unsigned)i));
        if (strcmp(key, "a") && strcmp(key, "b") && strcmp(key, "c"))
            return pb__bad(o, config_setting_get_elem(g, (unsigned)i),
                           "unknown setting '%s' in 'metric.curve' (valid: 'a', 'b', 'c': "
                           "error = a m^-b + c)",
                           key);
    }
    for (int k = 0; k < 3; k++) {
        const config_setting_t *f = config_setting_get_member(g, names[k] + 6);
        if (!f)
            return pb__bad(o, g, "'metric.curve' needs 'a', 'b' and 'c' (error = a m^-b + c)");
        pb_status rc = pb__estimate(o, f, names[k], d[k]);
        if (rc)
            return rc;
        if (k < 2 && !(pb_dist_lo(d[k]) > 0))
            return pb__bad(o, f, "'%s' must be > 0 (error = a m^-b + c falls with m)", names[k]);
    }
    return PB_OK;
}

pb_status pb__parse_metric(const pb__origin *o, pb_curve *cv, const config_setting_t *st)
{
    if (config_setting_type(st) != CONFIG_TYPE_GROUP)
        return pb__bad(o, st,
                       "'metric' must be a group like { name = \"error\"; target = 0.1; "
                       "items = 50000; curve = { a; b; c; }; }");
    memset(cv, 0, sizeof *cv);
    cv->line = config_setting_source_line(st);
    for (int i = 0; i < config_setting_length(st); i++) {
        const config_setting_t *f = config_setting_get_elem(st, (unsigned)i);
        const char *key = config_setting_name(f);
        bool known = false;
        for (int k = 0; KEYS_METRIC[k]; k++)
            known = known || !strcmp(key, KEYS_METRIC[k]);
        if (!known)
            return pb__bad(o, f,
                           "unknown setting '%s' in 'metric' (valid: 'name', 'target', 'items', "
                           "'curve')",
                           key);
    }
    const config_setting_t *name = config_setting_get_member(st, "name");
    const config_setting_t *target = config_setting_get_member(st, "target");
    const config_setting_t *items = config_setting_get_member(st, "items");
    const config_setting_t *curve = config_setting_get_member(st, "curve");
    if (!target || !items || !curve)
        return pb__bad(o, st, "'metric' needs 'target' (the error to reach), 'items' and 'curve'");
    const char *nm = name && config_setting_type(name) == CONFIG_TYPE_STRING
                         ? config_setting_get_string(name)
                         : NULL;
    if (name && (!nm || strlen(nm) >= sizeof cv->name))
        return pb__bad(o, name, "'metric.name' must be a string of at most %zu bytes",
                       sizeof cv->name - 1);
    snprintf(cv->name, sizeof cv->name, "%s", nm ? nm : "error");
    pb_status rc;
    if ((rc = pb__number(o, target, "metric.target", 0.0, &cv->target)))
        return rc;
    if (config_setting_type(items) == CONFIG_TYPE_STRING) {
        const char *id = config_setting_get_string(items);
        if (!*id || strlen(id) >= sizeof cv->items_from)
            return pb__bad(o, items, "'metric.items' must be a count or a milestone's id");
        snprintf(cv->items_from, sizeof cv->items_from, "%s", id);
        cv->items = 1; /* the milestone's, read through pb_scenario_curve_items */
    } else if ((rc = pb__number(o, items, "metric.items", 0.0, &cv->items))) {
        return rc;
    }
    if (!(cv->target > 0) || !(cv->items >= 1))
        return pb__bad(o, cv->target > 0 ? items : target,
                       "'metric.target' must be > 0 and 'metric.items' at least 1");
    if ((rc = parse_curve(o, cv, curve)))
        return rc;
    cv->present = true;
    return PB_OK;
}
