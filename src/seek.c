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

#define MAX_TOTAL_STEPS 40
#define MAX_CUT_TRIALS  256

typedef struct seeker {
    pb_plan *plan;
    pb__pm *saved_ms;
    int *saved_people;
    double *saved_p;
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
    pb_plan *p = k->plan;
    memcpy(p->ms, k->saved_ms, p->n_ms * sizeof *p->ms);
    memcpy(p->role_people, k->saved_people, p->n_roles * sizeof *p->role_people);
    for (size_t r = 0; r < p->n_risks; r++)
        p->risks[r].p = k->saved_p[r];
}

/* Make milestone t take no time, cost nothing and carry no risk. */
static void disable(pb_plan *p, size_t t)
{
    pb__pm *m = &p->ms[t];
    m->work.kind = PB__S_CONST;
    m->work.off = 0;
    m->effort = false;
    m->has_cost = false;
    m->rate = 0;
    m->n_need = 0;
    m->n_risk = 0;
}

static void scale_estimate(pb_plan *p, size_t t, double f)
{
    pb__sampler *s = &p->ms[t].work;
    s->off *= f;
    if (s->kind != PB__S_EXPTABLE)
        s->scale *= f;
}

/* P with role r at n people (0 when a milestone of the role cannot then run). */
static pb_interval with_people(seeker *k, size_t r, int n)
{
    pb_interval p = {0, 0, 0};
    if (pb__plan_set_people(k->plan, r, n))
        p = trial(k);
    pb__plan_set_people(k->plan, r, k->saved_people[r]);
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

/* The whole team: start from each role's own answer, then add or remove greedily. */
static void seek_total(seeker *k, const pb_seek_people *roles, const size_t *role_of,
                       size_t n_roles, pb_seek_people *out)
{
    pb_plan *p = k->plan;
    int *team = calloc(p->n_roles + 1, sizeof *team), *lo = calloc(p->n_roles + 1, sizeof *lo),
        *cap = calloc(p->n_roles + 1, sizeof *cap);
    if (!team || !lo || !cap) {
        k->rc = pb_error_set(k->err, PB_ERR_RUN, "", 0, "out of memory");
        free(team);
        free(lo);
        free(cap);
        return;
    }
    int planned = 0;
    for (size_t r = 0; r < p->n_roles; r++) {
        team[r] = lo[r] = cap[r] = k->saved_people[r];
        planned += k->saved_people[r];
    }
    for (size_t q = 0; q < n_roles; q++) {
        size_t r = role_of[q];
        lo[r] = role_floor(p, r);
        cap[r] = roles[q].cap;
        team[r] = roles[q].feasible ? roles[q].fewest : roles[q].cap;
    }
    bool can = true;
    for (size_t r = 0; r < p->n_roles; r++)
        can = pb__plan_set_people(p, r, team[r]) && can;
    pb_interval cur = can ? trial(k) : (pb_interval){0, 0, 0};
    for (int step = 0; step < MAX_TOTAL_STEPS && !k->rc; step++) {
        bool up = !meets(k, cur);
        int best_r = -1;
        pb_interval best = {-1, 0, 0};
        for (size_t r = 0; r < p->n_roles; r++) {
            int n = team[r] + (up ? 1 : -1);
            if (lo[r] < 0 || n < lo[r] || n > cap[r])
                continue;
            pb_interval pr = {0, 0, 0}; /* a team that cannot do the work meets nothing */
            if (pb__plan_set_people(p, r, n))
                pr = trial(k);
            pb__plan_set_people(p, r, team[r]);
            if ((up || meets(k, pr)) && pr.value > best.value) {
                best = pr;
                best_r = (int)r;
            }
        }
        if (best_r < 0)
            break;
        team[best_r] += up ? 1 : -1;
        pb__plan_set_people(p, (size_t)best_r, team[best_r]);
        cur = best;
        if (up && meets(k, cur))
            break;
    }
    int total = 0;
    for (size_t r = 0; r < p->n_roles; r++) {
        total += team[r];
        pb__plan_set_people(p, r, k->saved_people[r]);
    }
    out->role = NULL;
    out->planned = planned;
    out->feasible = meets(k, cur);
    out->fewest = total;
    out->best = total;
    out->cap = 0;
    for (size_t r = 0; r < p->n_roles; r++)
        out->cap += cap[r];
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
            disable(k->plan, opt[i]);
    pb_interval p = trial(k);
    restore(k);
    return p;
}

static void seek_cut(seeker *k, pb_interval base, pb_seek_cut *out)
{
    pb_plan *p = k->plan;
    const pb_scenario *s = p->scenario;
    size_t n_opt = 0, *opt = malloc((p->n_ms + 1) * sizeof *opt);
    double *value = malloc((p->n_ms + 1) * sizeof *value);
    bool *drop = calloc(p->n_ms + 1, sizeof *drop);
    out->dropped = calloc(p->n_ms + 1, sizeof *out->dropped);
    if (!opt || !value || !drop || !out->dropped) {
        k->rc = pb_error_set(k->err, PB_ERR_RUN, "", 0, "out of memory");
        goto out;
    }
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb_milestone *m = pb_scenario_milestone(s, p->ms[t].id);
        if (m && m->optional) {
            opt[n_opt] = t;
            value[n_opt++] = m->value;
        }
    }
    out->p = base;
    if (meets(k, base)) {
        out->needed = false;
        out->feasible = true;
        out->exact = true;
        goto out;
    }
    out->needed = true;
    for (size_t i = 0; i < n_opt; i++)
        drop[i] = true;
    pb_interval all = n_opt ? with_cut(k, opt, n_opt, drop) : base;
    if (!meets(k, all)) {
        out->feasible = false;
        out->p = all;
        out->near = near(k, all);
        goto out;
    }
    out->feasible = true;
    bool found = false;
    if (n_opt <= PB_SEEK_EXACT_CUT) {
        /* subsets in order of value lost: the first that meets loses the least */
        size_t n_sub = (size_t)1 << n_opt;
        subset *sub = malloc(n_sub * sizeof *sub);
        if (!sub) {
            k->rc = pb_error_set(k->err, PB_ERR_RUN, "", 0, "out of memory");
            goto out;
        }
        for (size_t m = 0; m < n_sub; m++) {
            sub[m].mask = (unsigned)m;
            sub[m].value = 0;
            sub[m].size = 0;
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
                out->p = pm;
                out->exact = true;
                found = true;
                break;
            }
        }
        free(sub);
    }
    if (!found) {
        /* greedy: drop what buys the most probability per value lost, then re-add */
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
        out->p = cur;
        out->exact = false;
    }
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
    p->risks[r].p = x;
}

static void set_scale(pb_plan *p, size_t t, double x)
{
    scale_estimate(p, t, x);
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

pb_status pb_seek_run(const pb_scenario *s, const pb_seek_opts *o, pb_seek_result **out,
                      pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    double deadline = isnan(o->deadline) ? s->ask_deadline : o->deadline;
    double confidence = isnan(o->confidence) ? s->ask_confidence : o->confidence;
    double budget = isnan(o->budget) ? s->ask_budget : o->budget;
    if (isnan(deadline))
        return pb_error_set(err, PB_ERR_USAGE, s->path, 0,
                            "seek needs a deadline: give --deadline or 'ask.deadline'");
    if (!(confidence > 0 && confidence < 1))
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "confidence must be in (0, 1), got %g",
                            confidence);
    if (o->iterations < 100 || o->base_iterations < 100)
        return pb_error_set(err, PB_ERR_USAGE, "", 0, "seeks need at least 100 iterations");
    holder *h = calloc(1, sizeof *h);
    if (!h)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    pb_seek_result *R = &h->r;
    seeker k = {0};
    pb_result *base = NULL;
    double *scratch = NULL;
    pb_status rc;
    if ((rc = pb_plan_build(s, &h->plan, err)))
        goto fail;
    pb_plan *p = h->plan;
    k.plan = p;
    k.err = err;
    k.confidence = confidence;
    k.saved_ms = malloc((p->n_ms + 1) * sizeof *k.saved_ms);
    k.saved_people = malloc((p->n_roles + 1) * sizeof *k.saved_people);
    k.saved_p = malloc((p->n_risks + 1) * sizeof *k.saved_p);
    if (!k.saved_ms || !k.saved_people || !k.saved_p)
        goto oom;
    memcpy(k.saved_ms, p->ms, p->n_ms * sizeof *p->ms);
    memcpy(k.saved_people, p->role_people, p->n_roles * sizeof *p->role_people);
    for (size_t r = 0; r < p->n_risks; r++)
        k.saved_p[r] = p->risks[r].p;
    R->seed = o->seed;
    R->confidence = confidence;
    R->deadline = deadline;
    R->budget = budget;
    R->iterations = o->iterations;
    R->base_iterations = o->base_iterations;

    /* the base run, in detail: date, budget, stages, sensitivities, curve */
    pb_sim_opts bo;
    pb_sim_opts_init(&bo);
    bo.iterations = o->base_iterations;
    bo.seed = o->seed;
    bo.threads = o->threads;
    bo.deadline = deadline;
    bo.budget = budget;
    bo.cancel = o->cancel;
    if ((rc = pb_sim_run(p, &bo, &base, err)))
        goto fail;
    size_t n = base->iterations;
    if (!(scratch = malloc(n * sizeof *scratch)))
        goto oom;
    memcpy(scratch, base->finish_samples, n * sizeof *scratch);
    R->date = pb_stats_quantile(scratch, n, confidence);
    memcpy(scratch, base->cost_samples, n * sizeof *scratch);
    R->money = pb_stats_quantile(scratch, n, confidence);
    R->p_deadline = base->p_deadline;
    R->meets = base->p_deadline.value >= confidence;
    R->n_curve = o->curve_points < 2 ? 2 : o->curve_points;
    if (!(R->curve = calloc(R->n_curve, sizeof *R->curve)))
        goto oom;
    double c0 = base->duration.pct[0].value, c1 = base->duration.pct[PB_N_LEVELS - 1].value;
    for (size_t q = 0; q < R->n_curve; q++) {
        double d = c0 + (c1 - c0) * (double)q / (double)(R->n_curve - 1);
        R->curve[q].deadline = d;
        R->curve[q].p = pb_stats_prob_le(base->finish_samples, n, d);
    }
    R->stages = calloc(base->n_milestones + 1, sizeof *R->stages);
    if (!R->stages)
        goto oom;
    for (size_t t = 0; t < base->n_milestones; t++) {
        const pb_milestone *m = pb_scenario_milestone(p->scenario, base->milestones[t].id);
        if (!m || !m->deliverable)
            continue;
        pb_seek_stage *st = &R->stages[R->n_stages++];
        st->id = m->id;
        st->name = m->name;
        st->p50 = base->milestones[t].finish.pct[5].value;
        st->p80 = base->milestones[t].finish.pct[8].value;
        st->p = base->milestones[t].p_by_deadline;
        st->done = st->p.value >= confidence;
        st->near = near(&k, st->p);
    }

    /* trials: the same seed and count every time, no detail */
    pb_sim_opts_init(&k.o);
    k.o.iterations = o->iterations;
    k.o.seed = o->seed;
    k.o.threads = o->threads;
    k.o.detail = false;
    k.o.deadline = deadline;
    k.o.budget = budget;
    k.o.cancel = o->cancel;
    pb_interval planned = trial(&k);

    /* people */
    size_t n_roles = 0, *role_of = malloc((p->n_roles + 1) * sizeof *role_of);
    if (!role_of || !(R->people = calloc(p->n_roles + 1, sizeof *R->people))) {
        free(role_of);
        goto oom;
    }
    for (size_t r = 0; r < p->n_roles && !k.rc; r++) {
        if (role_floor(p, r) < 0)
            continue;
        R->people[n_roles].role = p->scenario->roles[r].name;
        seek_role(&k, r, &R->people[n_roles]);
        role_of[n_roles++] = r;
    }
    R->n_people = n_roles;
    if (n_roles && !k.rc) {
        seek_total(&k, R->people, role_of, n_roles, &R->people[n_roles]);
        R->n_people = n_roles + 1;
    }
    free(role_of);

    /* scope cut */
    if (!k.rc)
        seek_cut(&k, planned, &R->cut);

    /* break-even: every risk, then the most sensitive estimates */
    const pb_milestone_result **sens = calloc(base->n_milestones + 1, sizeof *sens);
    R->breakeven = calloc(p->n_risks + o->n_sensitive + 1, sizeof *R->breakeven);
    if (!sens || !R->breakeven) {
        free(sens);
        goto oom;
    }
    bool now = meets(&k, planned);
    for (size_t r = 0; r < p->n_risks && !k.rc; r++) {
        pb_seek_breakeven *b = &R->breakeven[R->n_breakeven++];
        b->kind = 'r';
        b->id = p->risks[r].id;
        b->planned = k.saved_p[r];
        breakeven(&k, set_risk, r, b->planned, now ? 1.0 : 0.0, 0.005, now, b);
    }
    for (size_t t = 0; t < base->n_milestones; t++)
        sens[t] = &base->milestones[t];
    qsort(sens, base->n_milestones, sizeof *sens, by_sensitivity);
    for (size_t q = 0; q < o->n_sensitive && q < base->n_milestones && !k.rc; q++) {
        if (sens[q]->sensitivity <= 0)
            break;
        size_t t = (size_t)(sens[q] - base->milestones);
        if (k.saved_ms[t].work.kind == PB__S_CONST && k.saved_ms[t].work.off == 0)
            continue;
        pb_seek_breakeven *b = &R->breakeven[R->n_breakeven++];
        b->kind = 'e';
        b->id = p->ms[t].id;
        b->sensitivity = sens[q]->sensitivity;
        b->planned = 1.0;
        breakeven(&k, set_scale, t, 1.0, now ? 4.0 : 0.25, 0.01, now, b);
    }
    free(sens);
    if (k.rc) {
        rc = k.rc;
        goto fail;
    }
    R->trials = k.trials;
    free(k.saved_ms);
    free(k.saved_people);
    free(k.saved_p);
    free(scratch);
    pb_result_free(base);
    *out = R;
    return PB_OK;
oom:
    rc = pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
fail:
    free(k.saved_ms);
    free(k.saved_people);
    free(k.saved_p);
    free(scratch);
    pb_result_free(base);
    pb_seek_free(R);
    return rc;
}
