/*
 * seek.c - goal seeks on one compiled plan (see seek.h).
 *
 * A 'seeker' owns a plan built once from the scenario and a pristine copy of
 * its milestones, people and risk probabilities. Each trial changes the plan
 * in place (people of a role, a risk's probability, an estimate scaled, an
 * optional milestone made to take no time and cost nothing, which is what
 * dropping it does to its successors), runs the engine with the same seed
 * and iteration count as every other trial, reads P(finish <= deadline) and
 * puts the plan back. Searches assume that probability moves one way with
 * each lever (more people, a lower risk, a smaller estimate, a cut never
 * make the finish later); list scheduling can break that in rare cases,
 * which the answers' intervals and the 'near' flags make visible rather
 * than hide.
 */
#include "pushback/seek.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/plan.h>
#include <pushback/sim.h>

#include "plan_internal.h"
#include "seek_internal.h"

#define MAX_TOTAL_STEPS 40
#define MAX_CUT_TRIALS  256

typedef struct seeker {
    pb_plan *plan;
    pb_plan_snapshot *saved; /* the plan as built: every trial starts from it */
    int *saved_people;
    pb_sim_opts o;
    double confidence;
    size_t trials;
    pb_status rc;
    pb_error *err;
} seeker;

/* The holder keeps the plan whose scenario the result's strings point into. */
typedef struct holder {
    pb_seek_result r;
    pb_plan *plan;
} holder;

void pb_seek_opts_init(pb_seek_opts *o)
{
    memset(o, 0, sizeof *o);
    o->confidence = NAN;
    o->deadline = NAN;
    o->budget = NAN;
    o->iterations = 10000;
    o->base_iterations = 100000;
    o->seed = 1;
    o->threads = 1;
    o->n_sensitive = 5;
    o->curve_points = 21;
}

void pb_seek_free(pb_seek_result *r)
{
    if (!r)
        return;
    holder *h = (holder *)r;
    for (size_t k = 0; k < r->n_people; k++)
        free(r->people[k].team);
    free(r->people);
    free(r->cut.dropped);
    free(r->stages);
    free(r->breakeven);
    free(r->curve);
    for (size_t k = 0; k < r->n_rounds; k++)
        free(r->rounds[k].ships);
    free(r->rounds);
    free(r->leaves);
    pb_plan_free(h->plan);
    free(h);
}

/* ==== Trials ==== */

/* P(finish <= deadline) of the plan as it stands now. */
static pb_interval trial(seeker *k)
{
    pb_interval none = {0, 0, 0};
    if (k->rc)
        return none;
    pb_result *r = NULL;
    if ((k->rc = pb_sim_run(k->plan, &k->o, &r, k->err)))
        return none;
    if (!strcmp(r->stopped, "interrupted")) {
        /* a cut-short trial answers nothing: stop every search here */
        pb_result_free(r);
        k->rc = pb_error_set(k->err, PB_ERR_RUN, "", 0, "interrupted: no answers");
        return none;
    }
    k->trials++;
    pb_interval p = r->p_deadline;
    pb_result_free(r);
    return p;
}

static bool meets(const seeker *k, pb_interval p)
{
    return p.value >= k->confidence;
}

static bool near(const seeker *k, pb_interval p)
{
    return p.lo < k->confidence && k->confidence < p.hi;
}

static void restore(seeker *k)
{
    pb_plan_restore(k->plan, k->saved);
}

/* P with role r at n people (0 when a milestone of the role cannot then run). */
static pb_interval with_people(seeker *k, size_t r, int n)
{
    pb_interval p = {0, 0, 0};
    if (pb_plan_set_people(k->plan, r, n))
        p = trial(k);
    pb_plan_set_people(k->plan, r, k->saved_people[r]);
    return p;
}

/* ==== People ==== */

/* Fewest of role r that still let every milestone of the role run; -1 when it has none. */
static int role_floor(const pb_plan *p, size_t r)
{
    int lo = -1;
    for (size_t t = 0; t < p->n_ms; t++)
        if (p->ms[t].effort && p->ms[t].role == (int)r)
            lo = p->ms[t].pmin > lo ? p->ms[t].pmin : lo;
    return lo;
}

/*
 * The most people of role r worth trying: the sum of its milestones' caps when
 * all have one (more cannot work at once), else twice the plan or four more,
 * but never past the overhead's peak speed when a milestone has no cap.
 */
static int role_cap(const pb_plan *p, size_t r, int planned)
{
    int sum = 0;
    bool open = false;
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb__pm *m = &p->ms[t];
        if (!m->effort || m->role != (int)r)
            continue;
        if (m->pmax_decl)
            sum += m->pmax_decl;
        else
            open = true;
    }
    /* every milestone capped: more than the caps' sum can never work at once */
    int cap = !open                       ? (sum < 1000 ? sum : 1000)
              : planned * 2 > planned + 4 ? planned * 2
                                          : planned + 4;
    cap = cap > planned ? cap : planned;
    /* an open milestone takes everyone free, and past 1 + 1 / (2 overhead)
       people its speed k (1 - overhead (k - 1)) falls (to nothing at
       1 + 1 / overhead): more people than that only slow it down, even when
       the plan has them */
    if (open && p->overhead > 0) {
        double peak = 1.0 + 1.0 / (2.0 * p->overhead);
        int kp = peak < 1000 ? (int)peak : 1000, floor = role_floor(p, r);
        kp = kp > floor ? kp : floor;
        cap = cap < kp ? cap : kp;
    }
    return cap;
}

static void seek_role(seeker *k, size_t r, pb_seek_people *out)
{
    int lo = role_floor(k->plan, r), planned = k->saved_people[r];
    int cap = role_cap(k->plan, r, planned);
    out->planned = planned;
    out->cap = cap;
    pb_interval top = with_people(k, r, cap);
    if (!meets(k, top)) {
        out->feasible = false;
        out->best = cap;
        out->p = top;
        out->near = near(k, top);
        return;
    }
    /* smallest n in [lo, cap] that meets: P(cap) meets, bisect below it */
    int good = cap, bad = lo - 1;
    pb_interval pg = top;
    while (good - bad > 1 && !k->rc) {
        int mid = bad + (good - bad) / 2;
        pb_interval pm = with_people(k, r, mid);
        if (meets(k, pm)) {
            good = mid;
            pg = pm;
        } else {
            bad = mid;
        }
    }
    out->feasible = true;
    out->fewest = good;
    out->p = pg;
    out->near = near(k, pg);
}

/* One greedy step of the whole team: the role whose one more (or fewer) person helps most. */
static int team_step(seeker *k, const int *team, const int *lo, const int *cap, bool up,
                     pb_interval *best)
{
    pb_plan *p = k->plan;
    int best_r = -1;
    *best = (pb_interval){-1, 0, 0};
    for (size_t r = 0; r < p->n_roles; r++) {
        int n = team[r] + (up ? 1 : -1);
        if (lo[r] < 0 || n < lo[r] || n > cap[r])
            continue;
        pb_interval pr = {0, 0, 0}; /* a team that cannot do the work meets nothing */
        if (pb_plan_set_people(p, r, n))
            pr = trial(k);
        pb_plan_set_people(p, r, team[r]);
        if ((up || meets(k, pr)) && pr.value > best->value) {
            *best = pr;
            best_r = (int)r;
        }
    }
    return best_r;
}

/* From 'team' (already on the plan), add or remove one person at a time; the final chance. */
static pb_interval team_walk(seeker *k, int *team, const int *lo, const int *cap, pb_interval cur)
{
    for (int step = 0; step < MAX_TOTAL_STEPS && !k->rc; step++) {
        bool up = !meets(k, cur);
        pb_interval best;
        int best_r = team_step(k, team, lo, cap, up, &best);
        if (best_r < 0)
            break;
        team[best_r] += up ? 1 : -1;
        pb_plan_set_people(k->plan, (size_t)best_r, team[best_r]);
        cur = best;
        if (up && meets(k, cur))
            break;
    }
    return cur;
}

/* The whole team: start from each role's own answer, then add or remove greedily. */
static void seek_total(seeker *k, const pb_seek_people *roles, const size_t *role_of,
                       size_t n_roles, pb_seek_people *out)
{
    pb_plan *p = k->plan;
    size_t nr = p->n_roles;
    int *team = calloc(nr + 1, sizeof *team), *lo = calloc(nr + 1, sizeof *lo),
        *cap = calloc(nr + 1, sizeof *cap);
    if (!team || !lo || !cap) {
        k->rc = pb_error_set(k->err, PB_ERR_RUN, "", 0, "out of memory");
        free(team);
        free(lo);
        free(cap);
        return;
    }
    out->planned = 0;
    for (size_t r = 0; r < nr; r++) {
        team[r] = lo[r] = cap[r] = k->saved_people[r];
        out->planned += k->saved_people[r];
    }
    for (size_t q = 0; q < n_roles; q++) {
        size_t r = role_of[q];
        lo[r] = role_floor(p, r);
        cap[r] = roles[q].cap;
        team[r] = roles[q].feasible ? roles[q].fewest : roles[q].cap;
    }
    bool can = true;
    for (size_t r = 0; r < nr; r++)
        can = pb_plan_set_people(p, r, team[r]) && can;
    pb_interval cur = team_walk(k, team, lo, cap, can ? trial(k) : (pb_interval){0, 0, 0});
    restore(k);
    out->role = NULL;
    out->feasible = meets(k, cur);
    out->fewest = out->cap = 0;
    for (size_t r = 0; r < nr; r++) {
        out->fewest += team[r];
        out->cap += cap[r];
    }
    out->best = out->fewest;
    out->p = cur;
    out->near = near(k, cur);
    out->team = team;
    free(lo);
    free(cap);
}

/* ==== Scope cut ==== */

typedef struct subset {
    unsigned mask;
    double value;
    int size;
} subset;

static int by_value(const void *a, const void *b)
{
    const subset *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    if (x->size != y->size)
        return x->size - y->size;
    return x->mask < y->mask ? -1 : x->mask > y->mask;
}

static pb_interval with_cut(seeker *k, const size_t *opt, size_t n_opt, const bool *drop)
{
    for (size_t i = 0; i < n_opt; i++)
        if (drop[i])
            pb_plan_disable(k->plan, opt[i]);
    pb_interval p = trial(k);
    restore(k);
    return p;
}

/* The optional milestones' plan slots and values into opt and value; their count. */
static size_t cut_candidates(const pb_plan *p, size_t *opt, double *value)
{
    size_t n_opt = 0;
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb_milestone *m = pb_scenario_milestone(p->scenario, p->ms[t].id);
        if (m && m->optional) {
            opt[n_opt] = t;
            value[n_opt++] = m->value;
        }
    }
    return n_opt;
}

/*
 * Exact search: subsets in order of value lost, the first that meets loses
 * the least ('all', every optional milestone dropped, is known to meet).
 * True with drop[] and *out set when one meets within MAX_CUT_TRIALS.
 */
static bool cut_exact(seeker *k, const size_t *opt, const double *value, size_t n_opt,
                      pb_interval all, bool *drop, pb_interval *out)
{
    size_t n_sub = (size_t)1 << n_opt;
    subset *sub = malloc(n_sub * sizeof *sub);
    bool found = false;
    if (!sub) {
        k->rc = pb_error_set(k->err, PB_ERR_RUN, "", 0, "out of memory");
        return false;
    }
    for (size_t m = 0; m < n_sub; m++) {
        sub[m] = (subset){(unsigned)m, 0, 0};
        for (size_t i = 0; i < n_opt; i++)
            if (m >> i & 1) {
                sub[m].value += value[i];
                sub[m].size++;
            }
    }
    qsort(sub, n_sub, sizeof *sub, by_value);
    size_t tried = 0;
    for (size_t m = 1; m < n_sub && tried < MAX_CUT_TRIALS && !k->rc; m++, tried++) {
        for (size_t i = 0; i < n_opt; i++)
            drop[i] = sub[m].mask >> i & 1;
        pb_interval pm = sub[m].mask == n_sub - 1 ? all : with_cut(k, opt, n_opt, drop);
        if (meets(k, pm)) {
            *out = pm;
            found = true;
            break;
        }
    }
    free(sub);
    return found;
}

/* Greedy: drop what buys the most probability per value lost, then re-add what can stay. */
static pb_interval cut_greedy(seeker *k, const size_t *opt, const double *value, size_t n_opt,
                              pb_interval base, bool *drop)
{
    memset(drop, 0, n_opt * sizeof *drop);
    pb_interval cur = base;
    while (!meets(k, cur) && !k->rc) {
        int best = -1;
        double best_gain = -HUGE_VAL;
        pb_interval best_p = cur;
        for (size_t i = 0; i < n_opt; i++) {
            if (drop[i])
                continue;
            drop[i] = true;
            pb_interval pi = with_cut(k, opt, n_opt, drop);
            drop[i] = false;
            double gain = (pi.value - cur.value) / (value[i] + 1e-9);
            if (gain > best_gain) {
                best_gain = gain;
                best = (int)i;
                best_p = pi;
            }
        }
        if (best < 0)
            break;
        drop[best] = true;
        cur = best_p;
    }
    for (size_t i = 0; i < n_opt && !k->rc; i++) {
        if (!drop[i])
            continue;
        drop[i] = false;
        pb_interval pi = with_cut(k, opt, n_opt, drop);
        if (meets(k, pi))
            cur = pi;
        else
            drop[i] = true;
    }
    return cur;
}

/* The smallest loss of value (optional milestones dropped) that meets the deadline. */
static void seek_cut(seeker *k, pb_interval base, pb_seek_cut *out)
{
    pb_plan *p = k->plan;
    size_t *opt = malloc((p->n_ms + 1) * sizeof *opt);
    double *value = malloc((p->n_ms + 1) * sizeof *value);
    bool *drop = calloc(p->n_ms + 1, sizeof *drop);
    out->dropped = calloc(p->n_ms + 1, sizeof *out->dropped);
    if (!opt || !value || !drop || !out->dropped) {
        k->rc = pb_error_set(k->err, PB_ERR_RUN, "", 0, "out of memory");
        goto out;
    }
    size_t n_opt = cut_candidates(p, opt, value);
    out->p = base;
    out->needed = !meets(k, base);
    out->feasible = out->exact = !out->needed;
    if (!out->needed)
        goto out;
    for (size_t i = 0; i < n_opt; i++)
        drop[i] = true;
    pb_interval all = n_opt ? with_cut(k, opt, n_opt, drop) : base;
    if (!meets(k, all)) {
        out->p = all;
        out->near = near(k, all);
        goto out;
    }
    out->feasible = true;
    out->exact = n_opt <= PB_SEEK_EXACT_CUT && cut_exact(k, opt, value, n_opt, all, drop, &out->p);
    if (!out->exact && !k->rc)
        out->p = cut_greedy(k, opt, value, n_opt, base, drop);
    out->near = near(k, out->p);
    out->value_lost = 0;
    for (size_t i = 0; i < n_opt; i++)
        if (drop[i]) {
            out->dropped[out->n_dropped++] = p->ms[opt[i]].id;
            out->value_lost += value[i];
        }
out:
    free(opt);
    free(value);
    free(drop);
}

/* ==== Break-even ==== */

typedef void (*lever_fn)(pb_plan *p, size_t which, double x);

static void set_risk(pb_plan *p, size_t r, double x)
{
    pb_plan_set_risk(p, r, x);
}

static void set_scale(pb_plan *p, size_t t, double x)
{
    pb_plan_scale_work(p, t, x);
}

static pb_interval at(seeker *k, lever_fn f, size_t which, double x)
{
    f(k->plan, which, x);
    pb_interval p = trial(k);
    restore(k);
    return p;
}

/*
 * Bisect for the value where "meets" flips between 'from' (the planned
 * value, whose answer is 'meets_now') and 'to' (the far end of the range).
 */
static void breakeven(seeker *k, lever_fn f, size_t which, double from, double to, double tol,
                      bool meets_now, pb_seek_breakeven *out)
{
    out->meets = meets_now;
    out->tolerance = tol;
    pb_interval far = at(k, f, which, to);
    if (meets(k, far) == meets_now) {
        out->flips = false;
        out->flip = NAN;
        out->p_at_flip = far;
        return;
    }
    double same = from, other = to;
    pb_interval p_other = far;
    while (fabs(other - same) > tol && !k->rc) {
        double mid = 0.5 * (same + other);
        pb_interval pm = at(k, f, which, mid);
        if (meets(k, pm) == meets_now) {
            same = mid;
        } else {
            other = mid;
            p_other = pm;
        }
    }
    out->flips = true;
    out->flip = other;
    out->p_at_flip = p_other;
}

static int by_sensitivity(const void *a, const void *b)
{
    const pb_milestone_result *x = *(const pb_milestone_result *const *)a;
    const pb_milestone_result *y = *(const pb_milestone_result *const *)b;
    return (x->sensitivity < y->sensitivity) - (x->sensitivity > y->sensitivity);
}

/* ==== The run ==== */

/* The base run, in detail: date, money, the curve of P(finish <= d) and the stages. */
static pb_status seek_base(seeker *k, const pb_seek_opts *o, pb_seek_result *R, pb_result **base,
                           pb_error *err)
{
    pb_plan *p = k->plan;
    pb_sim_opts bo;
    pb_sim_opts_init(&bo);
    bo.iterations = o->base_iterations;
    bo.seed = o->seed;
    bo.threads = o->threads;
    bo.deadline = R->deadline;
    bo.budget = R->budget;
    bo.cancel = o->cancel;
    pb_status rc = pb_sim_run(p, &bo, base, err);
    if (rc)
        return rc;
    const pb_result *b = *base;
    if (b->n_leaves && !(R->leaves = malloc(b->n_leaves * sizeof *R->leaves)))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if (b->n_leaves) { /* the people who leave, as simulate reports them */
        memcpy(R->leaves, b->leaves, b->n_leaves * sizeof *R->leaves);
        R->n_leaves = b->n_leaves;
    }
    size_t n = b->iterations;
    double *scratch = malloc(n * sizeof *scratch);
    R->n_curve = o->curve_points < 2 ? 2 : o->curve_points;
    R->curve = calloc(R->n_curve, sizeof *R->curve);
    R->stages = calloc(b->n_milestones + 1, sizeof *R->stages);
    if (!scratch || !R->curve || !R->stages) {
        free(scratch);
        return pb_error_set(err, PB_ERR_RUN, p->scenario->path, 0, "out of memory");
    }
    memcpy(scratch, b->finish_samples, n * sizeof *scratch);
    R->date = pb_stats_quantile(scratch, n, R->confidence);
    memcpy(scratch, b->cost_samples, n * sizeof *scratch);
    R->money = pb_stats_quantile(scratch, n, R->confidence);
    free(scratch);
    R->p_deadline = b->p_deadline;
    R->meets = b->p_deadline.value >= R->confidence;
    double c0 = b->duration.pct[PB_P5].value, c1 = b->duration.pct[PB_P95].value;
    for (size_t q = 0; q < R->n_curve; q++) {
        double d = c0 + (c1 - c0) * (double)q / (double)(R->n_curve - 1);
        R->curve[q].deadline = d;
        R->curve[q].p = pb_stats_prob_le(b->finish_samples, n, d);
    }
    for (size_t t = 0; t < b->n_milestones; t++) {
        const pb_milestone *m = pb_scenario_milestone(p->scenario, b->milestones[t].id);
        if (!m || !m->deliverable)
            continue;
        pb_seek_stage *st = &R->stages[R->n_stages++];
        st->id = m->id;
        st->name = m->name;
        st->p50 = b->milestones[t].finish.pct[PB_P50].value;
        st->p80 = b->milestones[t].finish.pct[PB_P80].value;
        st->p = b->milestones[t].p_by_deadline;
        st->done = st->p.value >= R->confidence;
        st->near = near(k, st->p);
    }
    return PB_OK;
}

/* People: each role with effort alone, then the whole team. */
static pb_status seek_people(seeker *k, pb_seek_result *R)
{
    pb_plan *p = k->plan;
    size_t n_roles = 0, *role_of = malloc((p->n_roles + 1) * sizeof *role_of);
    if (!role_of || !(R->people = calloc(p->n_roles + 1, sizeof *R->people))) {
        free(role_of);
        return pb_error_set(k->err, PB_ERR_RUN, p->scenario->path, 0, "out of memory");
    }
    for (size_t r = 0; r < p->n_roles && !k->rc; r++) {
        if (role_floor(p, r) < 0)
            continue;
        R->people[n_roles].role = p->scenario->roles[r].name;
        seek_role(k, r, &R->people[n_roles]);
        role_of[n_roles++] = r;
    }
    R->n_people = n_roles;
    if (n_roles && !k->rc) {
        seek_total(k, R->people, role_of, n_roles, &R->people[n_roles]);
        R->n_people = n_roles + 1;
    }
    free(role_of);
    return k->rc;
}

/* Break-even: every risk's probability, then the most sensitive estimates' scale. */
static pb_status seek_breakevens(seeker *k, const pb_seek_opts *o, const pb_result *base, bool now,
                                 pb_seek_result *R)
{
    pb_plan *p = k->plan;
    const pb_milestone_result **sens = calloc(base->n_milestones + 1, sizeof *sens);
    R->breakeven = calloc(p->n_risks + o->n_sensitive + 1, sizeof *R->breakeven);
    if (!sens || !R->breakeven) {
        free(sens);
        return pb_error_set(k->err, PB_ERR_RUN, p->scenario->path, 0, "out of memory");
    }
    for (size_t r = 0; r < p->n_risks && !k->rc; r++) {
        pb_seek_breakeven *b = &R->breakeven[R->n_breakeven++];
        b->kind = 'r';
        b->id = p->risks[r].id;
        b->planned = p->risks[r].p;
        breakeven(k, set_risk, r, b->planned, now ? 1.0 : 0.0, 0.005, now, b);
    }
    for (size_t t = 0; t < base->n_milestones; t++)
        sens[t] = &base->milestones[t];
    qsort(sens, base->n_milestones, sizeof *sens, by_sensitivity);
    for (size_t q = 0; q < o->n_sensitive && q < base->n_milestones && !k->rc; q++) {
        if (sens[q]->sensitivity <= 0)
            break;
        size_t t = (size_t)(sens[q] - base->milestones);
        if (p->ms[t].work.kind == PB__S_CONST && p->ms[t].work.off == 0)
            continue;
        pb_seek_breakeven *b = &R->breakeven[R->n_breakeven++];
        b->kind = 'e';
        b->id = p->ms[t].id;
        b->sensitivity = sens[q]->sensitivity;
        b->planned = 1.0;
        breakeven(k, set_scale, t, 1.0, now ? 4.0 : 0.25, 0.01, now, b);
    }
    free(sens);
    return k->rc;
}

/* The seeker of plan p: its saved state and the trials' options (same seed and count). */
static pb_status seeker_init(seeker *k, pb_plan *p, const pb_seek_opts *o, const pb_seek_result *R,
                             pb_error *err)
{
    k->plan = p;
    k->err = err;
    k->confidence = R->confidence;
    pb_status rc = pb_plan_snapshot_take(p, &k->saved, err);
    if (rc)
        return rc;
    if (!(k->saved_people = malloc((p->n_roles + 1) * sizeof *k->saved_people)))
        return pb_error_set(err, PB_ERR_RUN, p->scenario->path, 0, "out of memory");
    for (size_t r = 0; r < p->n_roles; r++)
        k->saved_people[r] = pb_plan_role_people(p, r);
    pb_sim_opts_init(&k->o);
    k->o.iterations = o->iterations;
    k->o.seed = o->seed;
    k->o.threads = o->threads;
    k->o.detail = false;
    k->o.deadline = R->deadline;
    k->o.budget = R->budget;
    k->o.cancel = o->cancel;
    return PB_OK;
}

/* The deadline, confidence and budget of the seek (options, else the scenario's ask). */
static pb_status seek_asks(const pb_scenario *s, const pb_seek_opts *o, pb_seek_result *R,
                           pb_error *err)
{
    R->deadline = isnan(o->deadline) ? s->ask_deadline : o->deadline;
    R->confidence = isnan(o->confidence) ? s->ask_confidence : o->confidence;
    R->budget = isnan(o->budget) ? s->ask_budget : o->budget;
    R->seed = o->seed;
    R->iterations = o->iterations;
    R->base_iterations = o->base_iterations;
    if (isnan(R->deadline))
        return pb_error_set(err, PB_ERR_USAGE, s->path, 0,
                            "seek needs a deadline: give --deadline or 'ask.deadline'");
    if (!(R->confidence > 0 && R->confidence < 1))
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "confidence must be in (0, 1), got %g",
                            R->confidence);
    if (o->iterations < 100 || o->base_iterations < 100)
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "seeks need at least 100 iterations");
    return PB_OK;
}

pb_status pb_seek_run(const pb_scenario *s, const pb_seek_opts *o, pb_seek_result **out,
                      pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    holder *h = calloc(1, sizeof *h);
    if (!h)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    pb_seek_result *R = &h->r;
    seeker k = {0};
    pb_result *base = NULL;
    pb_status rc = seek_asks(s, o, R, err);
    if (!rc)
        rc = pb_plan_build(s, &h->plan, err);
    if (!rc)
        rc = seeker_init(&k, h->plan, o, R, err);
    if (!rc)
        rc = seek_base(&k, o, R, &base, err);
    pb_interval planned = rc ? (pb_interval){0, 0, 0} : trial(&k);
    if (!rc && !(rc = k.rc))
        rc = seek_people(&k, R);
    if (!rc)
        seek_cut(&k, planned, &R->cut);
    if (!rc && !(rc = k.rc))
        rc = seek_breakevens(&k, o, base, meets(&k, planned), R);
    if (!rc)
        rc = pb__seek_rounds(h->plan->scenario, o, R, err);
    R->trials = k.trials;
    pb_plan_snapshot_free(k.saved);
    free(k.saved_people);
    pb_result_free(base);
    if (rc) {
        pb_seek_free(R);
        return rc;
    }
    *out = R;
    return PB_OK;
}
