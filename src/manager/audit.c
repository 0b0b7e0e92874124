/*
 * audit.c - pb_audit_run: the engineer's own ask, audited before any
 * pushback (NEGOTIATION.md, section 3).
 *
 * One run of the plan as written gives the ask's joint probability and the
 * fair ask: the smallest level q at which the q-quantiles of the finish and
 * of the cost, promised together, hold in a share C of the simulated
 * projects (bisection over q on the run's own samples). An ask below the
 * fair one that fails at C is an under-ask; a deadline or budget beyond the
 * fair ask's 95% interval is an over-ask. A plan is dominated when one of
 * its alternatives, or its team with one person more or fewer in a role, is
 * cheaper at C and no later (sooner, or as soon within the noise: an idle
 * person paid for the whole project) with the same value kept. Every finding comes
 * with the deal that fixes it, evaluated on the same seed and count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/deal.h>
#include <pushback/expr.h>

#include "base/format.h"
#include "deal_internal.h"
#include "format_interval.h"

void pb_audit_free(pb_audit *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_findings; i++)
        pb_deal_result_free(a->findings[i].deal);
    free(a);
}

/* Iterations with finish <= d and cost <= b (NAN: no bound), as a Wilson interval. */
static pb_interval joint(const pb_result *r, double d, double b)
{
    size_t k = 0, n = r->iterations;
    for (size_t i = 0; i < n; i++)
        k += (isnan(d) || r->finish_samples[i] <= d) && (isnan(b) || r->cost_samples[i] <= b);
    return pb_stats_wilson(k, n);
}

/* v rounded up as an engineer would write the ask: a tenth of a time unit, money to four
   significant digits (USD 1,002,000, not 1,001,301), never by as much as the noise; the deal
   that states it then reproduces from its printed settings (JSON keeps ten digits). */
static double ask_up(double v, bool money)
{
    if (!isfinite(v) || v <= 0)
        return v;
    double step = !money ? 0.1 : pow(10, floor(log10(v)) - 3);
    if (step >= 1)
        return ceil(v / step - 1e-9) * step;
    double per = round(1 / step); /* n / 10 is the double strtod reads for "n/10" */
    return ceil(v * per - 1e-9) / per;
}

/* The fair ask: the smallest q whose quantile pair holds at the confidence (the lower end of
   its joint's interval at or above it, as a deal holds), rounded up as an ask is written. */
static void fair(pb_audit *a, const pb_result *r, pb_interval *date, pb_interval *money)
{
    double lo = a->confidence, hi = 1.0, c = a->confidence;
    bool d = !isnan(a->deadline), b = !isnan(a->budget);
    for (int it = 0; it < 30 && (d || b); it++) {
        double q = 0.5 * (lo + hi);
        double dq = pb__deal_quantile(r, 0, q).value, bq = pb__deal_quantile(r, 1, q).value;
        if (joint(r, d ? dq : NAN, b ? bq : NAN).lo >= c)
            hi = q;
        else
            lo = q;
    }
    double q = hi;
    *date = pb__deal_quantile(r, 0, q);
    *money = pb__deal_quantile(r, 1, q);
    a->fair_deadline = d ? ask_up(date->value, false) : NAN;
    a->fair_budget = b ? ask_up(money->value, true) : NAN;
}

/* Evaluate the plan as written with a promise, or with one alternative / team change. */
static pb_status fix_deal(const pb_scenario *s, const pb_audit *a, double d, double b,
                          const char *const *alts, const int *team, pb_deal_result **out,
                          pb_error *err)
{
    pb_deal dl;
    memset(&dl, 0, sizeof dl);
    dl.deadline = isnan(d) ? HUGE_VAL : d;
    dl.budget = isnan(b) ? HUGE_VAL : b;
    dl.confidence = a->confidence;
    dl.alternatives = alts;
    dl.team = team;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = a->iterations;
    o.seed = a->seed;
    return pb__deal_evaluate(s, &dl, &o, false, out, err);
}

static pb_audit_finding *finding(pb_audit *a, const char *kind)
{
    if (a->n_findings == PB_AUDIT_MAX)
        return NULL;
    pb_audit_finding *f = &a->findings[a->n_findings++];
    f->kind = kind;
    return f;
}

/* "24 weeks", "USD 420k"-style amounts: money rounded as the rest of the sheet rounds it
   (pb_format_value: "USD 9.9k", "USD 338k"), but to two decimals in millions ("USD 1.06M"),
   so that an ask and the fair ask a few per cent apart never print the same. */
static const char *amount(char *buf, size_t cap, const pb_scenario *s, double v, bool money)
{
    char n[64];
    pb_format_ctx fmt = {s->unit, s->currency, s->start};
    pb_error e;
    if (money && fabs(v) >= 999500.0)
        snprintf(buf, cap, "%s %sM", s->currency, pb__fmt_num(n, sizeof n, v / 1e6, 2));
    else if (money && pb_format_value(v, "money", &fmt, buf, cap, &e))
        snprintf(buf, cap, "%s %s", s->currency, pb__fmt_num(n, sizeof n, v, 0));
    else if (!money)
        snprintf(buf, cap, "%s %s", pb__fmt_num(n, sizeof n, v, 1), s->unit);
    return buf;
}

/* One line per ask: with both asked and one of them over (f->over), the line says both sides,
   "the 26.0 weeks has room (2.6 weeks to give back) and the EUR 340k is short; ask for 23.4
   weeks and EUR 413k, together 81% (95% CI 80%-82%)" (f->deal evaluated). */
static void under_text(pb_audit_finding *f, const pb_scenario *s, const pb_audit *a, double d,
                       double b, const pb_interval *p, const char *with)
{
    char x[96], y[96], u[96], v[96], ci[160], room[320] = "", tog[200] = "";
    bool both = !isnan(a->deadline) && !isnan(a->budget);
    if (f->over) {
        bool m = !strcmp(f->over, "budget");
        char z[96], w[96], e[96];
        snprintf(room, sizeof room, " the %s has room (%s to give back) and the %s is short;",
                 amount(z, sizeof z, s, m ? a->budget : a->deadline, m),
                 amount(e, sizeof e, s, m ? a->budget - b : a->deadline - d, m),
                 amount(w, sizeof w, s, m ? a->deadline : a->budget, !m));
        if (f->deal && f->deal->feasible)
            snprintf(tog, sizeof tog, ", together %s", pb__pct_ci(ci, sizeof ci, &f->deal->joint));
    }
    snprintf(f->text, sizeof f->text,
             "Your own %s%s%s%s%s %s a %s bet, below %.0f%%:%s ask for %s%s%s%s",
             !isnan(a->deadline) ? amount(x, sizeof x, s, a->deadline, false) : "",
             both ? " and " : "", !isnan(a->budget) ? amount(y, sizeof y, s, a->budget, true) : "",
             with ? " with " : "", with ? with : "", both ? "together are" : "is",
             pb__pct_ci(ci, sizeof ci, p), 100 * a->confidence, room,
             !isnan(d) ? amount(u, sizeof u, s, d, false) : "", both ? " and " : "",
             !isnan(b) ? amount(v, sizeof v, s, b, true) : "", tog);
}

static void over_text(pb_audit_finding *f, const pb_scenario *s, const pb_audit *a, bool money,
                      double fair)
{
    char x[96], y[96], z[96];
    double asked = money ? a->budget : a->deadline;
    snprintf(f->text, sizeof f->text,
             "We asked for %s; %s covers %.0f%%%s: concede the excess (%s) first",
             amount(x, sizeof x, s, asked, money), amount(y, sizeof y, s, fair, money),
             100 * a->confidence,
             !isnan(a->deadline) && !isnan(a->budget) ? " together with the other ask" : "",
             amount(z, sizeof z, s, asked - fair, money));
}

/* "We start from D and B, not the D' and B' we first wrote": the start in full, and of the ask
   as written the parts it corrects. */
static void start_text(pb_audit *a, const pb_scenario *s)
{
    char x[96], y[96], u[96], v[96];
    bool d = !isnan(a->deadline), b = !isnan(a->budget);
    bool dd = d && a->start_deadline != a->deadline, db = b && a->start_budget != a->budget;
    snprintf(a->start_text, sizeof a->start_text,
             "We start from %s%s%s, not the %s%s%s we first wrote",
             d ? amount(x, sizeof x, s, a->start_deadline, false) : "", d && b ? " and " : "",
             b ? amount(y, sizeof y, s, a->start_budget, true) : "",
             dd ? amount(u, sizeof u, s, a->deadline, false) : "", dd && db ? " and " : "",
             db ? amount(v, sizeof v, s, a->budget, true) : "");
}

/* Under-ask and over-ask. r is the run the sheet adopts: the plan's own, or the dominating
   deal's when the plan is dominated (alts, team and 'with', its label, are then that deal's;
   else NULL), so an ask short with it is raised on its draws. Padding is judged on 'plan', the
   plan as written: an ask beyond the plan's own fair ask is an over-ask, lowered to that fair ask;
   what the adopted deal gains below it is room the sheet shows and trades for the manager's asks
   (docs/deals.md, "The dominating deal"). */
static pb_status ask_findings(const pb_scenario *s, pb_audit *a, const pb_result *r,
                              const pb_result *plan, const char *const *alts, const int *team,
                              const char *with, pb_error *err)
{
    pb_interval date, money;
    fair(a, plan, &date, &money); /* the padding, on the plan as written */
    double over_d = a->fair_deadline, over_b = a->fair_budget;
    pb_interval odate = date, omoney = money;
    if (r != plan)
        fair(a, r, &date, &money); /* the fair ask on the adopted deal */
    pb_interval p = joint(r, a->deadline, a->budget);
    bool under = p.hi < a->confidence;
    if (under) { /* over on one side and short on the other: the under-ask says both, on r */
        odate = date, omoney = money;
        over_d = a->fair_deadline, over_b = a->fair_budget;
    }
    bool d_over = !isnan(a->deadline) && a->deadline > odate.hi &&
                  a->deadline > (1 + PB_AUDIT_MATERIAL) * over_d;
    bool b_over =
        !isnan(a->budget) && a->budget > omoney.hi && a->budget > (1 + PB_AUDIT_MATERIAL) * over_b;
    double d = d_over                         ? over_d
               : under && !isnan(a->deadline) ? fmax(a->deadline, a->fair_deadline)
                                              : a->deadline;
    double b = b_over                       ? over_b
               : under && !isnan(a->budget) ? fmax(a->budget, a->fair_budget)
                                            : a->budget;
    a->start_deadline = d;
    a->start_budget = b;
    a->corrected = (!isnan(d) && d != a->deadline) || (!isnan(b) && b != a->budget);
    if (a->corrected)
        start_text(a, s);
    pb_audit_finding *f;
    pb_status rc = PB_OK;
    if (under && (f = finding(a, "under-ask"))) {
        /* one line per ask: what is over on the other side goes into the under-ask */
        f->over = d_over ? "deadline" : b_over ? "budget" : NULL;
        rc = fix_deal(s, a, d, b, alts, team, &f->deal, err);
        under_text(f, s, a, d, b, &p, with);
        return rc;
    }
    for (int m = 0; m < 2 && !rc; m++) {
        if (!(m ? b_over : d_over) || !(f = finding(a, "over-ask")))
            continue;
        over_text(f, s, a, m == 1, m ? over_b : over_d); /* on the plan as written */
        rc = fix_deal(s, a, d, b, alts, team, &f->deal, err);
    }
    return rc;
}

/* Value of the optional milestones a deal keeps. */
static double value_kept(const pb_scenario *base, const pb_scenario *c)
{
    double v = 0;
    for (size_t i = 0; c && i < base->n_milestones; i++)
        if (base->milestones[i].optional && pb_scenario_milestone(c, base->milestones[i].id))
            v += base->milestones[i].value;
    return v;
}

typedef struct dom {
    double date, cost, value; /* the plan's, at the confidence */
    double date_hi, cost_lo;  /* the ends of their 95% intervals: the noise */
    pb_deal_result *best;     /* the soonest deal no later and cheaper */
    char what[160];
    const char *alts[64]; /* best's alternatives and team (NULL, -1: the plan's) */
    int team[64];
    double target, conf; /* the plan's P(metric's target met) (NAN: none), the confidence */
} dom;

/* Keep r when it beats the plan at equal value: cheaper beyond the noise (and by more than
   0.1%), and sooner or, within the noise of the plan's date, as soon (an idle person paid for
   the whole project: the same date for less money is a dominated plan too). */
static void consider(dom *m, const pb_scenario *s, pb_deal_result *r, const char *what,
                     const char *const *alts, const int *team)
{
    bool better = r->feasible && r->date.value <= fmax(m->date_hi, m->date) &&
                  r->money.value < fmin(m->cost_lo, m->cost * (1 - 1e-3)) &&
                  value_kept(s, r->scenario) >= m->value &&
                  !(m->target >= m->conf && pb_deal_target(r) < m->conf); /* keeps the metric */
    if (better && (!m->best || r->date.value < m->best->date.value)) {
        pb_deal_result_free(m->best);
        m->best = r;
        snprintf(m->what, sizeof m->what, "%s", what);
        memcpy(m->alts, alts, sizeof m->alts);
        memcpy(m->team, team, sizeof m->team);
        return;
    }
    pb_deal_result_free(r);
}

/* Each alternative alone, and each role one person up or down, into m (m->best: the
   dominating deal, NULL: none). */
static pb_status dominated(const pb_scenario *s, pb_audit *a, const pb_result *r, dom *m,
                           pb_error *err)
{
    pb_interval pd = pb__deal_quantile(r, 0, a->confidence),
                pc = pb__deal_quantile(r, 1, a->confidence);
    *m = (dom){pd.value, pc.value, value_kept(s, s), pd.hi, pc.lo, NULL, "", {0},
               {0},      NAN,      a->confidence};
    m->target = r->has_curve ? r->p_curve.value : r->n_rounds ? r->p_met.value : NAN;
    const char *alts[64] = {0};
    int team[64];
    pb_status rc = PB_OK;
    for (size_t i = 0; i < s->n_roles && i < 64; i++)
        team[i] = -1;
    for (size_t i = 0; !rc && i < s->n_options && s->options[i].choice < 64; i++) {
        pb_deal_result *x = NULL;
        alts[s->options[i].choice] = s->options[i].name;
        char what[160];
        char label[140];
        snprintf(what, sizeof what, "'%s'",
                 pb_scenario_alternative_label(s, s->options[i].name, label, sizeof label));
        if (!(rc = fix_deal(s, a, a->deadline, a->budget, alts, team, &x, err)))
            consider(m, s, x, what, alts, team);
        alts[s->options[i].choice] = NULL;
    }
    for (size_t k = 0; !rc && k < 2 * s->n_roles && k < 128; k++) {
        size_t ro = k / 2;
        team[ro] = s->roles[ro].people + (k % 2 ? 1 : -1);
        pb_deal_result *x = NULL;
        char what[160];
        snprintf(what, sizeof what, "%d %s instead of %d", team[ro], s->roles[ro].name,
                 s->roles[ro].people);
        if (team[ro] >= 0 && !(rc = fix_deal(s, a, a->deadline, a->budget, alts, team, &x, err)))
            consider(m, s, x, what, alts, team);
        team[ro] = -1;
    }
    return rc;
}

/* The dominated finding, with m's deal (taken from m). */
static void dominated_finding(const pb_scenario *s, pb_audit *a, dom *m)
{
    pb_audit_finding *f;
    if (m->best && (f = finding(a, "dominated"))) {
        char x[96], y[96], u[96], v[96];
        bool sooner = m->best->date.value < m->date * (1 - 1e-3);
        snprintf(f->text, sizeof f->text,
                 "The plan is dominated: %s is %s (%s against %s%s) and cheaper (%s "
                 "against %s) at %.0f%%: propose it",
                 m->what, sooner ? "both sooner" : "as soon",
                 amount(x, sizeof x, s, m->best->date.value, false),
                 amount(y, sizeof y, s, m->date, false),
                 sooner ? "" : ", within the simulation's noise",
                 amount(u, sizeof u, s, m->best->money.value, true),
                 amount(v, sizeof v, s, m->cost, true), 100 * a->confidence);
        f->deal = m->best;
        m->best = NULL;
    }
    pb_deal_result_free(m->best);
    m->best = NULL;
}

/* The plan's own metric target below the confidence: said once, at the top, with the plan as
   asked evaluated with the metric promised (docs/deals.md, "The metric in a negotiation"). */
static pb_status target_missed(const pb_scenario *s, pb_audit *a, const pb_result *r, pb_error *err)
{
    const pb_interval *t = r->has_curve ? &r->p_curve : r->n_rounds ? &r->p_met : NULL;
    pb_audit_finding *f;
    if (!t || t->value >= a->confidence || !(f = finding(a, "metric")))
        return PB_OK;
    char p[160];
    pb__pct_ci(p, sizeof p, t);
    if (r->has_curve)
        snprintf(f->text, sizeof f->text,
                 "As planned the '%s' target is met in %s of simulated projects, below %.0f%%: "
                 "fix the data or the target before committing",
                 s->curve.name, p, 100 * a->confidence);
    else
        snprintf(f->text, sizeof f->text,
                 "As planned every experiment loop meets its metric in %s of simulated projects, "
                 "below %.0f%%: fix the data or the target before committing",
                 p, 100 * a->confidence);
    pb_deal dl;
    memset(&dl, 0, sizeof dl);
    dl.deadline = a->deadline;
    dl.budget = a->budget;
    dl.confidence = a->confidence;
    pb_deal_opts o;
    pb_deal_opts_init(&o);
    o.iterations = o.max_iterations = a->iterations;
    o.seed = a->seed;
    o.metric = true;
    return pb__deal_evaluate(s, &dl, &o, false, &f->deal, err);
}

/* The given deal g (a frontier's) as the dominating candidate: its alternatives and team at the
   engineer's own ask, kept when it dominates the plan as consider() judges; false when g cannot be
   stated as alternatives and a team (drops) or is not evaluated. */
static pb_status given(const pb_scenario *s, pb_audit *a, const pb_deal_result *g, dom *m,
                       pb_error *err)
{
    const char *alts[64] = {0};
    int team[64];
    char what[160] = "", label[140];
    size_t len = 0;
    if (!g || !g->feasible || g->n_dropped || s->n_choices > 64 || s->n_roles > 64)
        return PB_OK;
    for (size_t k = 0; k < s->n_choices && k < g->n_choices; k++) {
        const pb_option *o = pb_scenario_option(s, g->alternatives[k]);
        if (!o || o->choice != k || !strcmp(g->alternatives[k], s->choices[k].base))
            continue;
        alts[k] = o->name;
        len += (size_t)snprintf(what + len, len < sizeof what ? sizeof what - len : 0, "%s'%s'",
                                len ? " and " : "",
                                pb_scenario_alternative_label(s, o->name, label, sizeof label));
    }
    for (size_t r = 0; r < s->n_roles; r++) {
        team[r] = r < g->n_roles && g->team[r] != s->roles[r].people ? g->team[r] : -1;
        if (team[r] >= 0)
            len += (size_t)snprintf(what + len, len < sizeof what ? sizeof what - len : 0,
                                    "%s%d %s instead of %d", len ? ", " : "", team[r],
                                    s->roles[r].name, s->roles[r].people);
    }
    pb_deal_result *x = NULL;
    pb_status rc = len ? fix_deal(s, a, a->deadline, a->budget, alts, team, &x, err) : PB_OK;
    if (!rc && x) {
        pb_deal_result *keep = m->best; /* consider() keeps the soonest: g replaces it */
        m->best = NULL;
        consider(m, s, x, what, alts, team);
        if (m->best)
            pb_deal_result_free(keep);
        else
            m->best = keep;
    }
    return rc;
}

pb_status pb_audit_run(const pb_scenario *s, size_t iterations, uint64_t seed, unsigned threads,
                       pb_audit **out, pb_error *err)
{
    return pb_audit_run_with(s, iterations, seed, threads, NULL, out, err);
}

pb_status pb_audit_run_with(const pb_scenario *s, size_t iterations, uint64_t seed,
                            unsigned threads, const pb_deal_result *dominating, pb_audit **out,
                            pb_error *err)
{
    *out = NULL;
    pb_audit *a = calloc(1, sizeof *a);
    if (!a)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "out of memory");
    a->deadline = s->ask_deadline;
    a->budget = s->ask_budget;
    a->confidence = isnan(s->ask_confidence) ? 0.8 : s->ask_confidence;
    a->fair_deadline = a->fair_budget = NAN;
    a->start_deadline = a->deadline;
    a->start_budget = a->budget;
    a->iterations = iterations ? iterations : PB_AUDIT_ITERATIONS;
    a->seed = seed;
    a->has_ask = !isnan(a->deadline) || !isnan(a->budget);
    pb_status rc = PB_OK;
    if (a->has_ask) {
        pb_deal none;
        memset(&none, 0, sizeof none);
        none.deadline = none.budget = none.confidence = NAN;
        pb__deal_ctx x;
        pb_result *r = NULL;
        if (!(rc = pb__deal_ctx_init(&x, s, &none, NULL, err))) {
            x.opts.seed = seed;
            x.opts.threads = threads ? threads : 1;
            rc = pb__deal_run(&x, s, a->iterations, &r, err);
        }
        if (!rc) {
            a->p = r->p_joint;
            rc = target_missed(s, a, r, err); /* said first */
        }
        dom m = {0};
        if (!rc)
            rc = dominated(s, a, r, &m, err);
        if (!rc && m.best && dominating)
            rc = given(s, a, dominating, &m, err);
        if (!rc) { /* the ask audited on the deal the sheet adopts: the dominating one, if any */
            pb_result *rd = NULL;
            if (m.best && m.best->scenario)
                rc = pb__deal_run(&x, m.best->scenario, a->iterations, &rd, err);
            if (!rc)
                rc = ask_findings(s, a, rd ? rd : r, r, rd ? m.alts : NULL, rd ? m.team : NULL,
                                  rd ? m.what : NULL, err);
            pb_result_free(rd);
        }
        if (!rc)
            dominated_finding(s, a, &m);
        pb_deal_result_free(m.best);
        pb_result_free(r);
    }
    if (rc) {
        pb_audit_free(a);
        return rc;
    }
    *out = a;
    return PB_OK;
}
