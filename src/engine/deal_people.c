/*
 * deal_people.c - "with N people": the best allocation of N people across
 * the roles.
 *
 * Only roles with effort milestones get people; each gets at least the most
 * its milestones need at once (fewer and the plan cannot run), so N below the
 * sum of those minimums is infeasible, with the numbers. Each gets at most
 * the sum of its milestones' maximum people (more could never all work at
 * once); N above the sum of those ceilings assigns the ceilings, and the
 * rest are reported as unused, never placed where nobody can use them. Among the
 * allocations of exactly N, the best has the earliest date at the confidence,
 * then the lowest cost at the confidence. Every allocation is tried while
 * there are at most PB_DEAL_EXACT of them; beyond, a greedy search adds one
 * person at a time where it helps most. Trials run on one compiled plan whose
 * team is changed in place (as the seeks do), all on the same seed and count;
 * the chosen team is then evaluated afresh by the caller.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>

#include "deal_internal.h"
#include "plan_internal.h"

typedef struct search {
    pb__deal_ctx *x;
    pb_plan *plan;
    size_t n_roles;
    int *floor; /* -1: the role has no effort (it gets nobody) */
    int *ceil;  /* the most its milestones can use at once: the sum of their maxima */
    int *cur, *best;
    double best_date, best_cost;
    size_t tried;
    pb_error *err;
    pb_status rc;
} search;

/* Try the allocation in s->cur; keep it when it beats the best so far. */
static void try_team(search *s)
{
    if (s->rc)
        return;
    bool ok = true;
    for (size_t r = 0; r < s->n_roles; r++)
        ok = pb__plan_set_people(s->plan, r, s->cur[r]) && ok;
    if (!ok)
        return;
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = s->x->opts.iterations;
    o.seed = s->x->opts.seed;
    o.threads = s->x->opts.threads;
    o.detail = false;
    o.deadline = s->x->deadline;
    o.budget = s->x->budget;
    pb_result *res = NULL;
    if ((s->rc = pb_sim_run(s->plan, &o, &res, s->err)))
        return;
    s->tried++;
    double d = pb__deal_quantile(res, 0, s->x->confidence).value;
    double c = pb__deal_quantile(res, 1, s->x->confidence).value;
    pb_result_free(res);
    if (d < s->best_date || (d == s->best_date && c < s->best_cost)) {
        s->best_date = d;
        s->best_cost = c;
        memcpy(s->best, s->cur, s->n_roles * sizeof *s->cur);
    }
}

/* Every allocation of 'left' more people over roles r.. (exact search). */
static void enumerate(search *s, size_t r, int left)
{
    while (r < s->n_roles && s->floor[r] < 0)
        r++;
    if (r == s->n_roles) {
        if (left == 0)
            try_team(s);
        return;
    }
    size_t next = r + 1;
    while (next < s->n_roles && s->floor[next] < 0)
        next++;
    for (int k = next == s->n_roles ? left : 0; k <= left && !s->rc; k++) {
        if (k > s->ceil[r] - s->floor[r])
            break; /* more than the role's milestones can use */
        s->cur[r] = s->floor[r] + k;
        enumerate(s, r + 1, left - k);
    }
    s->cur[r] = s->floor[r];
}

/* Greedy: from the floors, add one person at a time where the date gains most. */
static void greedy(search *s, int left)
{
    memcpy(s->cur, s->floor, s->n_roles * sizeof *s->cur);
    for (size_t r = 0; r < s->n_roles; r++)
        s->cur[r] = s->cur[r] < 0 ? 0 : s->cur[r];
    for (; left > 0 && !s->rc; left--) {
        s->best_date = s->best_cost = HUGE_VAL;
        for (size_t r = 0; r < s->n_roles && !s->rc; r++) {
            if (s->floor[r] < 0 || s->cur[r] >= s->ceil[r])
                continue;
            s->cur[r]++;
            try_team(s);
            s->cur[r]--;
        }
        memcpy(s->cur, s->best, s->n_roles * sizeof *s->cur);
    }
}

/* Allocations of 'left' people over m roles, capped at cap + 1. */
static size_t count_allocations(int left, size_t m, size_t cap)
{
    double c = 1;
    for (size_t i = 1; i < m && c <= (double)cap; i++)
        c = c * (left + (double)i) / (double)i;
    return c > (double)cap ? cap + 1 : (size_t)(c + 0.5);
}

/*
 * Role r's floor (the most people one of its effort milestones needs at
 * once; -1 without effort) and ceiling (the sum of its milestones' maximum
 * people: more can never all work; INT_MAX when one has no maximum).
 */
static void role_bounds(const pb_scenario *c, size_t r, int *floor, int *ceil)
{
    *floor = -1;
    long sum = 0;
    for (size_t i = 0; i < c->n_milestones; i++) {
        const pb_milestone *ms = &c->milestones[i];
        if (!ms->has_effort || strcmp(ms->role, c->roles[r].name))
            continue;
        int k = ms->people_min ? ms->people_min : 1;
        *floor = k > *floor ? k : *floor;
        sum = ms->people_max <= 0 || sum >= INT_MAX ? INT_MAX : sum + ms->people_max;
    }
    *ceil = sum > INT_MAX ? INT_MAX : (int)sum;
}

static pb_status run_search(search *s, pb_scenario *c, int n, bool *exact, int *unused)
{
    long need = 0, usable = 0;
    size_t m = 0;
    for (size_t r = 0; r < s->n_roles; r++) {
        role_bounds(c, r, &s->floor[r], &s->ceil[r]);
        if (s->floor[r] >= 0) {
            need += s->floor[r];
            usable += s->ceil[r];
            m++;
        }
        s->cur[r] = s->best[r] = s->floor[r] < 0 ? 0 : s->floor[r];
    }
    if (n < need) {
        snprintf(s->x->reason, sizeof s->x->reason,
                 "%d people cannot run the plan: its milestones need at least %ld at once", n,
                 need);
        return PB_OK;
    }
    /* people no milestone can use are not assigned (and not paid) */
    *unused = n > usable ? (int)(n - usable) : 0;
    n -= *unused;
    pb_status rc = pb_plan_build(c, &s->plan, s->err);
    if (rc)
        return rc;
    s->best_date = s->best_cost = HUGE_VAL;
    *exact = m == 0 || count_allocations(n - (int)need, m, PB_DEAL_EXACT) <= PB_DEAL_EXACT;
    if (m && *exact)
        enumerate(s, 0, n - (int)need);
    else if (m)
        greedy(s, n - (int)need);
    for (size_t r = 0; r < s->n_roles && !s->rc; r++)
        c->roles[r].people = s->best[r];
    return s->rc;
}

pb_status pb__deal_people(pb__deal_ctx *x, pb_scenario *c, int n, bool *exact, size_t *tried,
                          int *unused, pb_error *err)
{
    search s = {x, NULL, c->n_roles, NULL, NULL, NULL, NULL, 0, 0, 0, err, PB_OK};
    size_t k = c->n_roles + 1;
    *unused = 0;
    s.floor = calloc(k, sizeof *s.floor);
    s.ceil = calloc(k, sizeof *s.ceil);
    s.cur = calloc(k, sizeof *s.cur);
    s.best = calloc(k, sizeof *s.best);
    pb_status rc = s.floor && s.ceil && s.cur && s.best
                       ? run_search(&s, c, n, exact, unused)
                       : pb_error_set(err, PB_ERR_RUN, c->path, 0, "out of memory");
    *tried = s.tried;
    pb_plan_free(s.plan);
    free(s.floor);
    free(s.ceil);
    free(s.cur);
    free(s.best);
    return rc;
}
