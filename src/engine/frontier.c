/*
 * frontier.c - pb_frontier_run: the deals worth offering, the walk-away
 * point and "any two of your three asks" (NEGOTIATION.md, section 3).
 *
 * The levers are the team per role, one alternative of each choice, and the
 * optional milestones kept. Candidates are listed first (every combination
 * while there are few, else each lever moved alone from the plan), then
 * evaluated as deals on the same seed and count by worker threads that take
 * candidates in turn; results land in the candidate's own slot, so the
 * answer does not depend on the thread count. A candidate is dominated when
 * another is no later, no dearer, needs no more people and keeps no less
 * value, and is better in one of them.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>

#include "base/parallel.h"
#include "deal_internal.h"

#define MAX_OPTIONAL   20  /* optional milestones the exact search can combine */
#define EXACT_VARIANTS 8   /* alternatives x scope combinations tried in full */
#define MAX_PAIRS      256 /* beyond them: pairs of levers tried with the variant's team */

void pb_frontier_opts_init(pb_frontier_opts *o)
{
    memset(o, 0, sizeof *o);
    o->confidence = o->deadline = o->budget = NAN;
    o->iterations = PB_FRONTIER_ITERATIONS;
    o->seed = 1;
    o->threads = 1;
    o->extra_people = 2;
}

void pb_frontier_free(pb_frontier *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_points; i++)
        pb_deal_result_free(f->points[i].deal);
    for (size_t i = 0; i < f->n_lost_metric; i++)
        pb_deal_result_free(f->lost[i].deal);
    free(f->points);
    free(f->lost);
    free(f);
}

/* ==== Candidates ==== */

typedef struct cands {
    const pb_scenario *s;
    size_t n_choices, n_roles, n_opt;
    const char *opt[MAX_OPTIONAL]; /* optional milestone ids */
    size_t *n_alt;                 /* alternatives per choice (the plan's included) */
    int *lo, *hi;                  /* team bounds per role */
    size_t n, cap;
    size_t *alt;    /* [c * n_choices + k]: 0 = the plan's, j = j-th option of choice k */
    uint32_t *drop; /* bit i: opt[i] dropped */
    int *team;      /* [c * n_roles + r] */
} cands;

static bool add(cands *c, const size_t *alt, uint32_t drop, const int *team)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        size_t *a = realloc(c->alt, cap * (c->n_choices + 1) * sizeof *a);
        if (a)
            c->alt = a;
        uint32_t *d = a ? realloc(c->drop, cap * sizeof *d) : NULL;
        if (d)
            c->drop = d;
        int *t = d ? realloc(c->team, cap * (c->n_roles + 1) * sizeof *t) : NULL;
        if (!t)
            return false;
        c->team = t;
        c->cap = cap;
    }
    memcpy(c->alt + c->n * c->n_choices, alt, c->n_choices * sizeof *alt);
    c->drop[c->n] = drop;
    memcpy(c->team + c->n * c->n_roles, team, c->n_roles * sizeof *team);
    c->n++;
    return true;
}

/* The fewest people the effort milestones of 'role' need in plan v (0: v gives it no work). */
static int floor_in(const pb_scenario *v, const char *role)
{
    int floor = 0;
    for (size_t i = 0; i < v->n_milestones; i++) {
        const pb_milestone *m = &v->milestones[i];
        int k = m->people_min ? m->people_min : 1;
        if (m->has_effort && m->role && !strcmp(m->role, role) && k > floor)
            floor = k;
    }
    return floor;
}

/* Bounds of the levers: alternatives per choice, optional milestones, team sizes. */
static bool bounds(cands *c, int extra)
{
    const pb_scenario *s = c->s;
    c->n_alt = calloc(s->n_choices + 1, sizeof *c->n_alt);
    c->lo = calloc(s->n_roles + 1, sizeof *c->lo);
    c->hi = calloc(s->n_roles + 1, sizeof *c->hi);
    if (!c->n_alt || !c->lo || !c->hi)
        return false;
    for (size_t k = 0; k < s->n_choices; k++)
        c->n_alt[k] = 1;
    for (size_t i = 0; i < s->n_options; i++)
        c->n_alt[s->options[i].choice]++;
    for (size_t i = 0; i < s->n_milestones && c->n_opt < MAX_OPTIONAL; i++)
        if (s->milestones[i].optional)
            c->opt[c->n_opt++] = s->milestones[i].id;
    for (size_t r = 0; r < s->n_roles; r++) {
        c->lo[r] = c->hi[r] = s->roles[r].people;
        int floor = floor_in(s, s->roles[r].name);
        if (floor > 0) {
            c->lo[r] = floor;
            c->hi[r] = (s->roles[r].people > floor ? s->roles[r].people : floor) + extra;
        }
    }
    return true;
}

/* Every team within the bounds, with the given alternatives and drops. */
static bool all_teams(cands *c, const size_t *alt, uint32_t drop, int *team, size_t r)
{
    if (r == c->n_roles)
        return add(c, alt, drop, team);
    for (int k = c->lo[r]; k <= c->hi[r]; k++) {
        team[r] = k;
        if (!all_teams(c, alt, drop, team, r + 1))
            return false;
    }
    return true;
}

/* Does the variant take an alternative that only changes the team? */
static bool staffing_only(const cands *c, const size_t *alt)
{
    const pb_scenario *s = c->s;
    for (size_t k = 0; k < c->n_choices; k++) {
        size_t seen = 0;
        for (size_t o = 0; alt[k] && o < s->n_options; o++) {
            const pb_option *op = &s->options[o];
            if (op->choice != k || ++seen != alt[k])
                continue;
            bool team = !op->n_drop;
            for (size_t e = 0; e < op->n_edits; e++)
                team = team && !strncmp(op->edits[e].path, "team.", 5);
            if (team)
                return true;
        }
    }
    return false;
}

/*
 * The team as planned, then each role alone over its bounds (not for a
 * staffing alternative: the team lever of the plan covers those teams).
 */
static bool swept_teams(cands *c, const size_t *alt, uint32_t drop, int *team)
{
    for (size_t r = 0; r < c->n_roles; r++)
        team[r] = -1; /* as the variant has it */
    if (!add(c, alt, drop, team))
        return false;
    if (staffing_only(c, alt))
        return true;
    for (size_t r = 0; r < c->n_roles; r++) {
        for (int k = c->lo[r]; k <= c->hi[r] && c->lo[r] < c->hi[r]; k++) {
            if (k == c->s->roles[r].people)
                continue; /* the team as planned, added above */
            team[r] = k;
            if (!add(c, alt, drop, team))
                return false;
        }
        team[r] = -1;
    }
    return true;
}

/* Variant v of the full product into alt[] and *drop (mixed radix). */
static void variant(const cands *c, size_t v, size_t *alt, uint32_t *drop)
{
    for (size_t k = 0; k < c->n_choices; k++) {
        alt[k] = v % c->n_alt[k];
        v /= c->n_alt[k];
    }
    *drop = (uint32_t)v;
}

/* Lever l of the greedy search into alt[] or *drop: the alternatives j >= 1 of each choice in
   order, then the optional milestones; its choice in *choice (n_choices for a drop). */
static void lever(const cands *c, size_t l, size_t *alt, uint32_t *drop, size_t *choice)
{
    for (size_t k = 0; k < c->n_choices; k++) {
        if (l < c->n_alt[k] - 1) {
            alt[k] = l + 1;
            *choice = k;
            return;
        }
        l -= c->n_alt[k] - 1;
    }
    *drop |= (uint32_t)1 << l;
    *choice = c->n_choices;
}

/* Every pair of levers from the plan (two alternatives of different choices, an alternative and
   a scope cut, two cuts), each with the team the pair has: the greedy search then finds a deal
   that takes two levers at once (crowd labels and no alerts), at most MAX_PAIRS of them. */
static bool pairs(cands *c, size_t *alt, int *team)
{
    size_t n_lev = c->n_opt, tried = 0;
    for (size_t k = 0; k < c->n_choices; k++)
        n_lev += c->n_alt[k] - 1;
    for (size_t r = 0; r < c->n_roles; r++)
        team[r] = -1;
    for (size_t a = 0; a < n_lev; a++)
        for (size_t b = a + 1; b < n_lev && tried < MAX_PAIRS; b++) {
            size_t ka, kb;
            uint32_t drop = 0;
            memset(alt, 0, (c->n_choices + 1) * sizeof *alt);
            lever(c, a, alt, &drop, &ka);
            lever(c, b, alt, &drop, &kb);
            if (ka == kb && ka < c->n_choices)
                continue; /* two alternatives of one choice */
            tried++;
            if (!add(c, alt, drop, team))
                return false;
        }
    memset(alt, 0, (c->n_choices + 1) * sizeof *alt);
    return true;
}

/* List the candidates; *exact tells whether every combination is among them. */
static bool list(cands *c, pb_frontier *f, int extra)
{
    size_t n_var = (size_t)1 << c->n_opt, n_team = 1;
    for (size_t k = 0; k < c->n_choices; k++)
        n_var *= c->n_alt[k];
    for (size_t r = 0; r < c->n_roles; r++)
        n_team *= (size_t)(c->hi[r] - c->lo[r] + 1);
    size_t *alt = calloc(c->n_choices + 1, sizeof *alt);
    int *team = calloc(c->n_roles + 1, sizeof *team);
    bool ok = alt && team;
    f->exact = n_var * n_team <= PB_FRONTIER_EXACT;
    bool all_var = n_var <= EXACT_VARIANTS;
    uint32_t drop = 0;
    for (size_t v = 0; ok && all_var && v < n_var; v++) {
        variant(c, v, alt, &drop);
        ok = f->exact ? all_teams(c, alt, drop, team, 0) : swept_teams(c, alt, drop, team);
    }
    if (ok && !all_var) {
        memset(alt, 0, (c->n_choices + 1) * sizeof *alt);
        ok = swept_teams(c, alt, 0, team);
        for (size_t k = 0; ok && k < c->n_choices; k++) {
            for (size_t j = 1; ok && j < c->n_alt[k]; j++) {
                alt[k] = j;
                ok = swept_teams(c, alt, 0, team);
            }
            alt[k] = 0;
        }
        for (size_t i = 0; ok && i < c->n_opt; i++)
            ok = swept_teams(c, alt, (uint32_t)1 << i, team);
        ok = ok && pairs(c, alt, team);
    }
    snprintf(f->method, sizeof f->method,
             "%s; teams from the fewest each role's milestones need (none when an "
             "alternative takes its work) to its planned size + %d",
             f->exact  ? "exact, every combination of the levers"
             : all_var ? "greedy: every alternative and scope combination with each role's team "
                         "alone, and team paths one person at a time from the plan and from each "
                         "undominated setting"
                       : "greedy: each lever alone from the plan with each role's team, every "
                         "pair of levers with their team (at most 256), and team paths one person "
                         "at a time from the plan and from each undominated setting",
             extra);
    free(alt);
    free(team);
    return ok;
}

/* ==== Evaluation ==== */

typedef struct job {
    cands *c;
    const pb_frontier_opts *o;
    pb_frontier *f;
    pb_deal_result **res; /* per candidate; NULL: infeasible or failed */
    size_t next;
    pb_status rc;
    pb_error err;
} job;

/* Evaluate candidate i into j->res[i]. */
static pb_status eval_one(job *j, size_t i, pb_error *err)
{
    const cands *c = j->c;
    const pb_scenario *s = c->s;
    const char *alts[64] = {0}, *drops[MAX_OPTIONAL];
    size_t n_drop = 0;
    for (size_t k = 0; k < c->n_choices && k < 64; k++) {
        size_t want = c->alt[i * c->n_choices + k], seen = 0;
        for (size_t o = 0; want && o < s->n_options; o++)
            if (s->options[o].choice == k && ++seen == want)
                alts[k] = s->options[o].name;
    }
    for (size_t b = 0; b < c->n_opt; b++)
        if (c->drop[i] & ((uint32_t)1 << b))
            drops[n_drop++] = c->opt[b];
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = j->f->deadline;
    d.budget = j->f->budget;
    d.confidence = j->f->confidence;
    d.team = c->team + i * c->n_roles;
    d.alternatives = alts;
    d.drop = drops;
    d.n_drop = n_drop;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = j->o->iterations;
    o.seed = j->o->seed;
    o.threads = 1;
    pb_deal_result *r = NULL;
    pb_status rc = pb__deal_evaluate(s, &d, &o, false, &r, err);
    if (!rc && r->feasible)
        j->res[i] = r;
    else
        pb_deal_result_free(r);
    return rc;
}

static pb_status eval_item(void *arg, size_t i, pb_error *err)
{
    job *j = arg;
    return eval_one(j, i, err);
}

/* Candidates [j->next, j->c->n) on up to 'threads' threads; the first failure stops them. */
static pb_status evaluate_all(job *j, unsigned threads)
{
    pb_status rc = pb__par_items(threads, j->next, j->c->n, eval_item, j, &j->err);
    j->next = j->c->n;
    if (rc && !j->rc)
        j->rc = rc;
    return j->rc;
}

/* ==== The frontier, the walk-away and two of three ==== */

/* a's estimate no worse than b's beyond the noise: lower, or not apart (their 95% intervals
   overlap, or the difference is below a thousandth of b's). */
static bool no_worse(pb_interval a, pb_interval b)
{
    return a.value <= b.value || !(a.lo > b.hi && a.value - b.value >= 1e-3 * fabs(b.value));
}

/*
 * a dominates b: no later, no dearer, no more people and no less value, and
 * better in one; or fewer people or more value kept at a date and cost not
 * apart from b's (a scope cut or an extra person that buys only noise).
 */
static bool dominates(const pb_frontier_point *a, const pb_frontier_point *b)
{
    if (a->people > b->people || a->value_kept < b->value_kept)
        return false;
    bool fewer = a->people < b->people || a->value_kept > b->value_kept;
    if (a->date <= b->date && a->cost <= b->cost)
        return fewer || a->date < b->date || a->cost < b->cost;
    return fewer && no_worse(a->deal->date, b->deal->date) &&
           no_worse(a->deal->money, b->deal->money);
}

static int by_date(const void *x, const void *y)
{
    const pb_frontier_point *a = x, *b = y;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return (a->people > b->people) - (a->people < b->people);
}

/* Alternatives a deal takes besides the plan's. */
static size_t n_changes(const pb_deal_result *r, const pb_scenario *s)
{
    size_t n = 0;
    for (size_t k = 0; k < r->n_choices; k++)
        n += strcmp(r->alternatives[k], s->choices[k].base) != 0;
    return n;
}

/*
 * The same plan reached twice (a staffing alternative whose team the team
 * lever overrides) gives bit-identical numbers with the same team and scope:
 * keep the one with the fewest alternatives taken.
 */
static bool same(const pb_frontier_point *a, const pb_frontier_point *b)
{
    return a->date == b->date && a->cost == b->cost && a->value_kept == b->value_kept &&
           a->deal->n_dropped == b->deal->n_dropped &&
           !memcmp(a->deal->team, b->deal->team, a->deal->n_roles * sizeof *a->deal->team);
}

static void dedupe(pb_frontier *f, const pb_scenario *s)
{
    size_t w = 0;
    for (size_t i = 0; i < f->n_points; i++) {
        pb_frontier_point *p = &f->points[i];
        size_t k = w;
        bool dup = false;
        while (!dup && k > 0 && f->points[k - 1].date == p->date)
            dup = same(&f->points[--k], p);
        if (!dup) {
            f->points[w++] = *p;
        } else if (n_changes(p->deal, s) < n_changes(f->points[k].deal, s)) {
            pb_deal_result_free(f->points[k].deal);
            f->points[k] = *p;
        } else {
            pb_deal_result_free(p->deal);
        }
    }
    f->n_points = w;
}

/* Leave out the candidates that give up the metric: their target below the confidence while
   the plan as written (its alternatives, any team: the target does not depend on the team)
   meets it (docs/deals.md, "The metric"). */
static bool lose_metric(pb_frontier *f, const pb_scenario *s)
{
    bool kept = false;
    for (size_t i = 0; i < f->n_points && !kept; i++)
        kept = n_changes(f->points[i].deal, s) == 0 && f->points[i].deal->n_dropped == 0 &&
               pb_deal_target(f->points[i].deal) >= f->confidence;
    if (!kept)
        return true;
    if (!(f->lost = calloc(f->n_points + 1, sizeof *f->lost)))
        return false;
    size_t n = 0;
    for (size_t i = 0; i < f->n_points; i++) {
        if (pb_deal_target(f->points[i].deal) < f->confidence)
            f->lost[f->n_lost_metric++] = f->points[i];
        else
            f->points[n++] = f->points[i];
    }
    f->n_points = n;
    qsort(f->lost, f->n_lost_metric, sizeof *f->lost, by_date);
    return true;
}

/* Gather the feasible candidates, mark the frontier, find the walk-away point. */
static bool collect(pb_frontier *f, const pb_scenario *s, pb_deal_result **res, size_t n)
{
    f->points = calloc(n + 1, sizeof *f->points);
    if (!f->points)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!res[i])
            continue;
        pb_frontier_point *p = &f->points[f->n_points++];
        p->deal = res[i];
        res[i] = NULL;
        p->date = p->deal->date.value;
        p->cost = p->deal->money.value;
        p->people = p->deal->people;
        for (size_t k = 0; k < s->n_milestones; k++)
            if (s->milestones[k].optional &&
                pb_scenario_milestone(p->deal->scenario, s->milestones[k].id))
                p->value_kept += s->milestones[k].value;
    }
    if (!lose_metric(f, s))
        return false;
    qsort(f->points, f->n_points, sizeof *f->points, by_date);
    dedupe(f, s);
    for (size_t i = 0; i < f->n_points; i++) {
        bool dom = false;
        for (size_t k = 0; k < f->n_points && !dom; k++)
            dom = dominates(&f->points[k], &f->points[i]);
        f->points[i].frontier = !dom;
        f->n_frontier += !dom;
    }
    f->walk_away = 0; /* sorted by date: the first is the earliest */
    return true;
}

/* The best third ask (row k) over the candidates holding the other two. */
static void best_third(pb_frontier *f, pb_two_of_three *t, double D, int N, double B)
{
    t->found = false;
    for (size_t i = 0; i < f->n_points; i++) {
        const pb_frontier_point *p = &f->points[i];
        bool d_ok = isnan(D) || p->date <= D, n_ok = N < 0 || p->people <= N;
        bool b_ok = isnan(B) || p->cost <= B;
        double v = !strcmp(t->best, "budget")   ? p->cost
                   : !strcmp(t->best, "people") ? (double)p->people
                                                : p->date;
        if (d_ok && n_ok && b_ok && (!t->found || v < t->value)) {
            t->found = true;
            t->value = v;
            t->point = i;
        }
    }
}

/* Re-evaluate row t's deal with the three asks as found, for its joint probability. */
static pb_status joint_of(const pb_frontier *f, const pb_scenario *s, pb_two_of_three *t,
                          size_t iterations, uint64_t seed, pb_error *err)
{
    const pb_deal_result *r = f->points[t->point].deal;
    const char *alts[64] = {0};
    for (size_t k = 0; k < r->n_choices && k < 64; k++)
        alts[k] = strcmp(r->alternatives[k], s->choices[k].base) ? r->alternatives[k] : NULL;
    pb_deal d;
    memset(&d, 0, sizeof d);
    d.deadline = !strcmp(t->best, "deadline") ? t->value : f->manager_deadline;
    d.budget = !strcmp(t->best, "budget") ? t->value : f->manager_budget;
    d.confidence = f->confidence;
    d.team = r->team;
    d.alternatives = alts;
    d.drop = r->dropped;
    d.n_drop = r->n_dropped;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = iterations;
    o.seed = seed;
    pb_deal_result *x = NULL;
    pb_status rc = pb__deal_evaluate(s, &d, &o, false, &x, err);
    if (!rc)
        t->joint = x->joint;
    pb_deal_result_free(x);
    return rc;
}

static pb_status two_of_three(pb_frontier *f, const pb_scenario *s, pb_error *err)
{
    static const char *const rows[3][3] = {{"deadline", "people", "budget"},
                                           {"deadline", "budget", "people"},
                                           {"people", "budget", "deadline"}};
    double D = f->manager_deadline, B = f->manager_budget;
    int N = f->manager_people;
    for (size_t k = 0; k < 3; k++) {
        bool has[3] = {!isnan(D), N >= 0, !isnan(B)};
        const char *h0 = rows[k][0], *h1 = rows[k][1];
        bool ok = true;
        for (int q = 0; q < 2; q++) {
            const char *h = rows[k][q];
            ok = ok && (!strcmp(h, "deadline") ? has[0] : !strcmp(h, "people") ? has[1] : has[2]);
        }
        if (!ok)
            continue;
        pb_two_of_three *t = &f->two[f->n_two++];
        t->held[0] = h0;
        t->held[1] = h1;
        t->best = rows[k][2];
        best_third(f, t, !strcmp(t->best, "deadline") ? NAN : D,
                   !strcmp(t->best, "people") ? -1 : N, !strcmp(t->best, "budget") ? NAN : B);
        pb_status rc = t->found ? joint_of(f, s, t, f->iterations, f->seed, err) : PB_OK;
        if (rc)
            return rc;
    }
    return PB_OK;
}

/* Evaluate the candidates added since j->next (the result slots grow to match). */
static pb_status evaluate_new(job *j, size_t from, unsigned threads)
{
    pb_deal_result **res = realloc(j->res, (j->c->n + 1) * sizeof *res);
    if (!res)
        return pb_error_set(&j->err, PB_ERR_RUN, j->c->s->path, 0, "out of memory");
    j->res = res;
    memset(res + from, 0, (j->c->n + 1 - from) * sizeof *res);
    j->next = from;
    pb_status rc = evaluate_all(j, threads);
    return rc;
}

/* The floor of role r on the path from candidate 'start': the fewest its milestones need in
   the candidate's plan, so that an alternative that takes a role's work frees its people. */
static int path_floor(const cands *c, const pb_deal_result *r0, size_t r)
{
    return c->lo[r] == c->hi[r] ? c->lo[r] : floor_in(r0->scenario, c->s->roles[r].name);
}

/*
 * A team path (greedy, beyond the exact search) from candidate 'start' (the
 * plan, or an undominated alternative-and-scope setting), on its choices and
 * scope: take away one person at a time where it costs the least time, down
 * to the floors of its plan; or add one at a time where it gains the most,
 * while the date improves. Each step's choices are evaluated together.
 */
static pb_status team_path(job *j, unsigned threads, int dir, size_t start)
{
    cands *c = j->c;
    const pb_deal_result *r0 = j->res[start];
    int cur[64], best[64], lo[64];
    size_t nr = c->n_roles < 64 ? c->n_roles : 64;
    double cur_date = HUGE_VAL;
    if (!r0 || !r0->scenario)
        return PB_OK;
    size_t *alt = calloc(c->n_choices + 1, sizeof *alt);
    pb_status rc = alt ? PB_OK : pb_error_set(&j->err, PB_ERR_RUN, c->s->path, 0, "out of memory");
    uint32_t drop = c->drop[start];
    if (alt)
        memcpy(alt, c->alt + start * c->n_choices, c->n_choices * sizeof *alt);
    for (size_t r = 0; r < nr; r++) {
        cur[r] = r0->team[r];
        lo[r] = path_floor(c, r0, r);
    }
    for (int step = 0; !rc && step < 1000; step++) {
        size_t from = c->n;
        for (size_t r = 0; r < nr; r++) {
            int k = cur[r] + dir;
            if (c->lo[r] == c->hi[r] || k < lo[r] || k > c->hi[r])
                continue;
            memcpy(best, cur, nr * sizeof *cur);
            best[r] = k;
            if (!add(c, alt, drop, best))
                rc = pb_error_set(&j->err, PB_ERR_RUN, c->s->path, 0, "out of memory");
        }
        if (rc || c->n == from || (rc = evaluate_new(j, from, threads)))
            break;
        size_t pick = SIZE_MAX;
        for (size_t i = from; i < c->n; i++)
            if (j->res[i] && (pick == SIZE_MAX || j->res[i]->date.value < j->res[pick]->date.value))
                pick = i;
        if (pick == SIZE_MAX || (dir > 0 && !(j->res[pick]->date.value < cur_date)))
            break;
        cur_date = j->res[pick]->date.value;
        memcpy(cur, c->team + pick * c->n_roles, nr * sizeof *cur);
    }
    free(alt);
    return rc;
}

/* Every candidate whose plan gives a role none of the work the plan as written gives it, again
   with none of that role (the data role of a bought labelling step): evaluated, not assumed. */
static pb_status zero_idle(job *j, unsigned threads)
{
    cands *c = j->c;
    size_t n = c->n;
    int *team = calloc(c->n_roles + 1, sizeof *team);
    size_t *alt = calloc(c->n_choices + 1, sizeof *alt);
    pb_status rc =
        team && alt ? PB_OK : pb_error_set(&j->err, PB_ERR_RUN, c->s->path, 0, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        const pb_deal_result *r = j->res[i];
        bool idle = false;
        for (size_t k = 0; r && r->scenario && k < c->n_roles; k++) {
            team[k] = r->team[k];
            if (team[k] > 0 && c->lo[k] > 0 && !floor_in(r->scenario, c->s->roles[k].name)) {
                team[k] = 0;
                idle = true;
            }
        }
        memcpy(alt, c->alt + i * c->n_choices, c->n_choices * sizeof *alt);
        if (idle && !add(c, alt, c->drop[i], team))
            rc = pb_error_set(&j->err, PB_ERR_RUN, c->s->path, 0, "out of memory");
    }
    free(team);
    free(alt);
    return rc || c->n == n ? rc : evaluate_new(j, n, threads);
}

#define MAX_PATHS 12 /* undominated alternative-and-scope settings walked beyond the plan */

/* Is candidate a's result no later, no dearer, with no more people and no less value than b's,
   and better in one? (The frontier's own test, noise aside, on the raw results.) */
static bool beats(const pb_deal_result *a, const pb_deal_result *b)
{
    return a->date.value <= b->date.value && a->money.value <= b->money.value &&
           a->people <= b->people && a->value_kept >= b->value_kept &&
           (a->date.value < b->date.value || a->money.value < b->money.value ||
            a->people < b->people || a->value_kept > b->value_kept);
}

/* The team paths, down and up, from the plan and from the first undominated candidate of each
   other alternative-and-scope setting (at most MAX_PATHS): so that a smaller team is tried with
   two alternatives at once (quick-turn boards and a reused driver, 4 people). */
static pb_status team_paths(job *j, unsigned threads)
{
    cands *c = j->c;
    size_t n = c->n, starts[MAX_PATHS + 1], n_start = 1;
    starts[0] = 0; /* the plan: listed first */
    for (size_t i = 1; i < n && n_start <= MAX_PATHS; i++) {
        bool dom = !j->res[i], seen = false;
        for (size_t k = 0; k < n && !dom; k++)
            dom = j->res[k] && beats(j->res[k], j->res[i]);
        for (size_t q = 0; q < n_start && !dom && !seen; q++)
            seen = c->drop[starts[q]] == c->drop[i] &&
                   !memcmp(c->alt + starts[q] * c->n_choices, c->alt + i * c->n_choices,
                           c->n_choices * sizeof *c->alt);
        if (!dom && !seen)
            starts[n_start++] = i;
    }
    pb_status rc = PB_OK;
    for (size_t q = 0; !rc && q < n_start; q++) {
        rc = team_path(j, threads, -1, starts[q]);
        if (!rc)
            rc = team_path(j, threads, +1, starts[q]);
    }
    return rc;
}

static pb_status run(const pb_scenario *s, const pb_frontier_opts *o, pb_frontier *f, cands *c,
                     pb_error *err)
{
    if (!bounds(c, o->extra_people < 0 ? 0 : o->extra_people) ||
        !list(c, f, o->extra_people < 0 ? 0 : o->extra_people))
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    job j = {c, o, f, calloc(c->n + 1, sizeof *j.res), 0, PB_OK, {0}};
    if (!j.res)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    pb_status rc = evaluate_all(&j, o->threads);
    if (!rc)
        rc = zero_idle(&j, o->threads);
    if (!rc && !f->exact && c->n_roles <= 64)
        rc = team_paths(&j, o->threads);
    f->n_candidates = c->n;
    if (rc)
        *err = j.err;
    else if (!collect(f, s, j.res, c->n))
        rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    for (size_t i = 0; i < c->n; i++)
        pb_deal_result_free(j.res[i]);
    free(j.res);
    if (!rc && f->n_points == 0)
        rc = pb_error_set(err, PB_ERR_USAGE, s->path, 0, "no candidate deal can run the plan");
    return rc ? rc : two_of_three(f, s, err);
}

pb_status pb_frontier_run(const pb_scenario *s, const pb_frontier_opts *opts, pb_frontier **out,
                          pb_error *err)
{
    *out = NULL;
    pb_frontier_opts o;
    if (opts)
        o = *opts;
    else
        pb_frontier_opts_init(&o);
    pb_deal probe;
    memset(&probe, 0, sizeof probe);
    probe.deadline =
        isnan(o.deadline) && isnan(s->ask_deadline) && isnan(o.budget) && isnan(s->ask_budget)
            ? HUGE_VAL
            : o.deadline;
    probe.budget = o.budget;
    probe.confidence = o.confidence;
    pb__deal_ctx x;
    pb_status rc = pb__deal_ctx_init(&x, s, &probe, NULL, err);
    if (rc)
        return rc;
    pb_frontier *f = calloc(1, sizeof *f);
    cands c = {.s = s, .n_choices = s->n_choices, .n_roles = s->n_roles};
    if (!f)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    f->confidence = x.confidence;
    f->deadline = x.deadline;
    f->budget = x.budget;
    f->iterations = o.iterations ? o.iterations : PB_FRONTIER_ITERATIONS;
    o.iterations = f->iterations;
    f->seed = o.seed;
    f->manager_deadline = s->has_manager ? s->manager_deadline : NAN;
    f->manager_budget = s->has_manager ? s->manager_budget : NAN;
    f->manager_people = s->has_manager ? s->manager_people : -1;
    rc = run(s, &o, f, &c, err);
    free(c.n_alt);
    free(c.lo);
    free(c.hi);
    free(c.alt);
    free(c.drop);
    free(c.team);
    if (rc) {
        pb_frontier_free(f);
        return rc;
    }
    *out = f;
    return PB_OK;
}
