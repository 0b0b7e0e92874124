/*
 * negotiate.c - see negotiate.h. The agreed deal is kept as the parts of a
 * pb_deal; a proposed deal is the agreed one with the change laid over it,
 * written out as a canonical key (every part, in order) that names its
 * cache entry.
 */
#include "negotiate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_internal.h"

bool pb__nego_init(pb__nego *n, const pb_scenario *s, uint64_t seed, unsigned threads)
{
    memset(n, 0, sizeof *n);
    n->s = s;
    pb_deal_opts_init(&n->opts);
    n->opts.seed = seed;
    n->opts.threads = threads ? threads : 1;
    n->deadline = NAN;
    n->budget = NAN;
    n->plan_target = NAN;
    n->commit_said = NAN;
    n->team = malloc((s->n_roles + 1) * sizeof *n->team);
    n->people_team = malloc((s->n_roles + 1) * sizeof *n->people_team);
    n->alts = calloc(s->n_choices + 1, sizeof *n->alts);
    n->drop = calloc(s->n_milestones + 1, sizeof *n->drop);
    if (!n->team || !n->people_team || !n->alts || !n->drop) {
        pb__nego_release(n);
        return false;
    }
    for (size_t r = 0; r < s->n_roles; r++)
        n->team[r] = -1;
    return true;
}

void pb__nego_release(pb__nego *n)
{
    for (size_t i = 0; i < n->n_cache; i++) {
        free(n->cache[i].key);
        pb_deal_result_free(n->cache[i].deal);
        for (size_t k = 0; k < n->cache[i].n_sets; k++)
            free(n->cache[i].sets[k]);
        free(n->cache[i].sets);
    }
    free(n->cache);
    for (size_t k = 0; k < n->n_sets; k++)
        free(n->sets[k]);
    free(n->team);
    free(n->people_team);
    free(n->alts);
    free(n->drop);
    memset(n, 0, sizeof *n);
}

/* Is the --set change 'set' (a risk dismissed) already part of the agreed deal? */
static bool agreed_set(const pb__nego *n, const char *set)
{
    for (size_t k = 0; k < n->n_sets; k++)
        if (!strcmp(n->sets[k], set))
            return true;
    return false;
}

/* The deal 'c' proposes, as a pb_deal over the agreed one (arrays in 'team', 'alts', 'drop',
   'sets', each sized for the scenario). */
static void proposed(const pb__nego *n, const pb__change *c, pb_deal *d, int *team,
                     const char **alts, const char **drop, const char **sets)
{
    const pb_scenario *s = n->s;
    memset(d, 0, sizeof *d);
    d->deadline = isnan(c->deadline) ? n->deadline : c->deadline;
    d->budget = isnan(c->budget) ? n->budget : c->budget;
    d->confidence = NAN;
    bool own_team = false;
    for (size_t r = 0; c->team && r < s->n_roles; r++)
        own_team = own_team || c->team[r] >= 0;
    /* a team change over an agreed head count starts from the team that head count got */
    memcpy(team, own_team && n->people > 0 ? n->people_team : n->team, s->n_roles * sizeof *team);
    for (size_t r = 0; c->team && r < s->n_roles; r++)
        if (c->team[r] >= 0)
            team[r] = c->team[r];
    d->people = c->people > 0 ? c->people : own_team ? 0 : n->people;
    d->team = team;
    memcpy(alts, n->alts, s->n_choices * sizeof *alts);
    for (size_t k = 0; c->alts && k < s->n_choices; k++)
        if (c->alts[k])
            alts[k] = c->alts[k];
    const pb_option *o = c->alt ? pb_scenario_option(s, c->alt) : NULL;
    if (o)
        alts[o->choice] = o->name;
    d->alternatives = alts;
    size_t nd = n->n_drop;
    memcpy(drop, n->drop, nd * sizeof *drop);
    for (size_t k = 0; k < c->n_drop; k++) {
        bool seen = false;
        for (size_t j = 0; j < nd && !seen; j++)
            seen = !strcmp(drop[j], c->drop[k]);
        if (!seen && nd < s->n_milestones)
            drop[nd++] = c->drop[k];
    }
    d->drop = drop;
    d->n_drop = nd;
    size_t ns = n->n_sets;
    for (size_t k = 0; k < ns; k++)
        sets[k] = n->sets[k];
    if (c->set && !agreed_set(n, c->set) && ns < PB__NEGO_MAX_SETS) /* never applied twice */
        sets[ns++] = c->set;
    d->sets = sets;
    d->n_sets = ns;
}

/* Append "tag=TEXT," (or the number v when s is NULL) to a growing key. false: out of memory. */
static bool keyf(char **key, size_t *len, const char *tag, const char *s, double v)
{
    char part[400];
    int w = s ? snprintf(part, sizeof part, "%s=%s,", tag, s)
              : snprintf(part, sizeof part, "%s=%.17g,", tag, v);
    if (w < 0 || (size_t)w >= sizeof part)
        return false; /* an id past 128 characters cannot reach here: the loader refuses it */
    char *k = realloc(*key, *len + (size_t)w + 1);
    if (!k)
        return false;
    memcpy(k + *len, part, (size_t)w + 1);
    *key = k;
    *len += (size_t)w;
    return true;
}

static char *deal_key(const pb_scenario *s, const pb_deal *d)
{
    char *key = NULL;
    size_t len = 0;
    bool ok = keyf(&key, &len, "d", NULL, d->deadline) && keyf(&key, &len, "b", NULL, d->budget) &&
              keyf(&key, &len, "n", NULL, (double)d->people);
    for (size_t r = 0; ok && r < s->n_roles; r++)
        ok = keyf(&key, &len, "t", NULL, d->people > 0 ? -1.0 : (double)d->team[r]);
    for (size_t k = 0; ok && k < s->n_choices; k++)
        ok = keyf(&key, &len, "a", d->alternatives[k] ? d->alternatives[k] : "-", 0);
    for (size_t k = 0; ok && k < d->n_drop; k++)
        ok = keyf(&key, &len, "x", d->drop[k], 0);
    for (size_t k = 0; ok && k < d->n_sets; k++)
        ok = keyf(&key, &len, "s", d->sets[k], 0);
    if (!ok) {
        free(key);
        return NULL;
    }
    return key;
}

/* The key of a deal evaluated with the metric promised (a quality move): its own entry. */
static char *metric_key(char *key)
{
    size_t len = strlen(key);
    char *k = realloc(key, len + 3);
    if (!k) {
        free(key);
        return NULL;
    }
    memcpy(k + len, "|m", 3);
    return k;
}

static pb_status remember(pb__nego *n, char *key, pb_deal_result *r, const pb_deal *d,
                          pb_error *err)
{
    pb__nego_entry *v = realloc(n->cache, (n->n_cache + 1) * sizeof *v);
    if (!v) {
        free(key);
        pb_deal_result_free(r);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    n->cache = v;
    pb__nego_entry *e = &v[n->n_cache++];
    *e = (pb__nego_entry){key, r, NULL, 0};
    if (d->n_sets && !(e->sets = calloc(d->n_sets, sizeof *e->sets)))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    for (size_t k = 0; k < d->n_sets; k++) {
        if (!(e->sets[k] = pb__strdup(d->sets[k])))
            return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        e->n_sets = k + 1;
    }
    return PB_OK;
}

/* The plan as asked's target (n->plan_target), looked up once: the ask's deal, the team and the
   choices as planned. A plan without a promise to evaluate has no target to keep. */
static pb_status plan_target(pb__nego *n, pb_error *err)
{
    if (n->plan_known)
        return PB_OK;
    n->plan_known = true;
    const pb_scenario *s = n->s;
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = d.budget = d.confidence = NAN;
    pb_deal_opts o = n->opts;
    o.metric = false;
    pb_deal_result *r = NULL;
    pb_status rc = pb_deal_evaluate(s, &d, &o, &r, err);
    if (rc == PB_ERR_USAGE) { /* no ask to evaluate (no deadline, no budget): no target kept */
        memset(err, 0, sizeof *err);
        return PB_OK;
    }
    if (!rc)
        n->plan_target = pb_deal_target(r);
    pb_deal_result_free(r);
    return rc;
}

/* Does deal r give up the metric the plan as asked keeps? Then it is evaluated again with the
   metric promised (*r replaced). */
static pb_status keep_metric(pb__nego *n, const pb_deal *d, pb_deal_result **r, pb_error *err)
{
    double t = pb_deal_target(*r), conf = (*r)->confidence;
    if (n->opts.metric || isnan(t) || t >= conf)
        return PB_OK;
    pb_status rc = plan_target(n, err);
    if (rc || isnan(n->plan_target) || n->plan_target < conf)
        return rc;
    pb_deal_opts o = n->opts;
    o.metric = true;
    pb_deal_result *m = NULL;
    if ((rc = pb_deal_evaluate(n->s, d, &o, &m, err)))
        return rc;
    pb_deal_result_free(*r);
    *r = m;
    return PB_OK;
}

pb_status pb__nego_evaluate(pb__nego *n, const pb__change *c, const pb__nego_entry **out,
                            pb_error *err)
{
    const pb_scenario *s = n->s;
    *out = NULL;
    int *team = malloc((s->n_roles + 1) * sizeof *team);
    const char **alts = calloc(s->n_choices + 1, sizeof *alts);
    const char **drop = calloc(s->n_milestones + 1, sizeof *drop);
    const char *sets[PB__NEGO_MAX_SETS];
    pb_status rc = PB_OK;
    char *key = NULL;
    if (!team || !alts || !drop) {
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        goto out;
    }
    pb_deal d;
    proposed(n, c, &d, team, alts, drop, sets);
    if (!(key = deal_key(s, &d)) || (n->opts.metric && !(key = metric_key(key)))) {
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n->n_cache; i++)
        if (!strcmp(n->cache[i].key, key)) {
            *out = &n->cache[i];
            goto out;
        }
    pb_deal_result *r = NULL;
    if ((rc = pb_deal_evaluate(s, &d, &n->opts, &r, err)))
        goto out;
    if ((rc = keep_metric(n, &d, &r, err))) {
        pb_deal_result_free(r);
        goto out;
    }
    rc = remember(n, key, r, &d, err);
    key = NULL;
    if (!rc)
        *out = &n->cache[n->n_cache - 1];
out:
    free(key);
    free(team);
    free(alts);
    free(drop);
    return rc;
}

/* Keep the team the solver gave the agreed head count (its deal, from the cache). */
static bool keep_people_team(pb__nego *n)
{
    if (n->people <= 0)
        return true;
    pb__change none = {NAN, NAN, 0, NULL, NULL, NULL, 0, NULL, NULL};
    const pb__nego_entry *e;
    pb_error err;
    if (pb__nego_evaluate(n, &none, &e, &err))
        return !strstr(err.msg, "out of memory");
    for (size_t r = 0; r < n->s->n_roles; r++)
        n->people_team[r] = e->deal->feasible && r < e->deal->n_roles ? e->deal->team[r] : -1;
    return true;
}

bool pb__nego_agree(pb__nego *n, const pb__change *c)
{
    const pb_scenario *s = n->s;
    int *team = malloc((s->n_roles + 1) * sizeof *team);
    const char **alts = calloc(s->n_choices + 1, sizeof *alts);
    const char **drop = calloc(s->n_milestones + 1, sizeof *drop);
    const char *sets[PB__NEGO_MAX_SETS];
    bool ok = team && alts && drop;
    char *set = NULL;
    if (ok && c->set && !agreed_set(n, c->set) && n->n_sets < PB__NEGO_MAX_SETS)
        ok = (set = pb__strdup(c->set)) != NULL;
    if (ok) {
        pb_deal d;
        pb__change keep = *c;
        keep.set = NULL;
        proposed(n, &keep, &d, team, alts, drop, sets);
        n->deadline = d.deadline;
        n->budget = d.budget;
        n->people = d.people;
        memcpy(n->team, team, s->n_roles * sizeof *team);
        memcpy(n->alts, alts, s->n_choices * sizeof *alts);
        memcpy(n->drop, drop, d.n_drop * sizeof *drop);
        n->n_drop = d.n_drop;
        /* a dismissed risk stays dismissed in every later deal */
        if (set)
            n->sets[n->n_sets++] = set;
        ok = keep_people_team(n);
    }
    free(team);
    free(alts);
    free(drop);
    return ok;
}
