/*
 * sim_summary.c - the engine's summaries of a finished run (see sim.c).
 *
 * Per-milestone percentiles and sensitivity (Spearman correlation of
 * duration with the project finish) come from the 16-bit codes, sorted below
 * 65,536 iterations and counted from there, at 65,536 bins either way;
 * means and spreads from the moments accumulated in block order; the totals
 * (finish, cost, needs) by selection on the kept samples, two at a time;
 * the experiment rounds and the chances with the metric met last.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/stats.h>

#include "base/lanes.h"
#include "base/parallel.h"
#include "people.h"
#include "sim_internal.h"

/* ==== Accumulated moments ==== */

static void summary_from_acc(pb_summary *s, size_t n, double sum, double ss, double shift,
                             double mn, double mx)
{
    s->n = n;
    if (!n)
        return;
    double m = sum / (double)n;
    s->mean = shift + m;
    double var = n > 1 ? (ss - (double)n * m * m) / (double)(n - 1) : 0;
    s->sd = var > 0 ? sqrt(var) : 0;
    s->min = mn;
    s->max = mx;
    if (s->mean < mn)
        s->mean = mn;
    if (s->mean > mx)
        s->mean = mx;
}

/* Clamp histogram percentiles into the exact [min, max]. */
static void clamp_pct(pb_summary *s)
{
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        pb_interval *v = &s->pct[k];
        v->value = fmin(fmax(v->value, s->min), s->max);
        if (!isnan(v->lo)) /* NaN: no interval, and it stays so */
            v->lo = fmin(fmax(v->lo, s->min), s->max);
        if (!isnan(v->hi))
            v->hi = fmin(fmax(v->hi, s->min), s->max);
    }
}

/*
 * The least and the greatest of x[0..n) (HUGE_VAL and -HUGE_VAL when n is
 * 0), as a loop of fmin and fmax would give them, without the calls: the
 * finishes are sums and maxima that start from +0, so no finish is -0, and
 * a NaN is passed over as fmin and fmax pass it over.
 */
static void finish_range(const double *x, size_t n, double *lo, double *hi)
{
    double a = HUGE_VAL, b = -HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        a = x[i] < a ? x[i] : a;
        b = x[i] > b ? x[i] : b;
    }
    *lo = a;
    *hi = b;
}

/* ==== Milestone details ==== */

typedef struct detail_job {
    pb__run *R;
    pb_result *res;
    size_t nd;
    const float *rf; /* centred mid-rank of the project finish, per iteration */
    double ss_f, centre;
    pb_level_ranks ranks;
    bool failed;
} detail_job;

/* Per-thread scratch of the milestone details. */
typedef struct detail_scratch {
    uint32_t *cnt;    /* CODE_BINS counts (counting path) */
    int32_t *rank2;   /* where ranks are asked for: twice the centred mid-rank, by code */
    uint16_t *sorted; /* nd codes sorted (sorting path) */
    uint16_t *tmp;    /* nd codes, the radix sort's other buffer */
} detail_scratch;

/* Sort nd 16-bit codes into 'out' by two counting passes of 8 bits, through 'tmp'. */
static void radix_sort16(const uint16_t *in, size_t nd, uint16_t *tmp, uint16_t *out)
{
    size_t c0[257] = {0}, c1[257] = {0};
    for (size_t i = 0; i < nd; i++) {
        c0[(in[i] & 0xff) + 1]++;
        c1[(in[i] >> 8) + 1]++;
    }
    for (int k = 0; k < 256; k++) {
        c0[k + 1] += c0[k];
        c1[k + 1] += c1[k];
    }
    for (size_t i = 0; i < nd; i++)
        tmp[c0[in[i] & 0xff]++] = in[i];
    for (size_t i = 0; i < nd; i++)
        out[c1[tmp[i] >> 8]++] = tmp[i];
}

/*
 * The value of rank r among nd sorted codes: the c codes equal to s[r] sit at
 * (i + 1/2) / c of their bin (i their position among them), exactly as
 * pb_stats_hist_percentiles places the values of a bin.
 */
static double sorted_code_at(const uint16_t *s, size_t nd, size_t r, double lo, double width)
{
    uint16_t v = s[r];
    size_t a = 0, b = r; /* first index holding v: in [a, b] */
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (s[m] < v)
            a = m + 1;
        else
            b = m;
    }
    size_t first = a;
    a = r + 1, b = nd; /* first index past v: in [a, b] */
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (s[m] <= v)
            a = m + 1;
        else
            b = m;
    }
    return lo + width * ((double)v + ((double)(r - first) + 0.5) / (double)(a - first));
}

/* Percentiles of nd sorted codes (the sorting path; see sorted_code_at). */
static void sorted_percentiles(const uint16_t *s, size_t nd, double lo, double width,
                               const pb_level_ranks *rk, pb_summary *out)
{
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        double v0 = sorted_code_at(s, nd, rk->j[k], lo, width);
        double v1 = sorted_code_at(s, nd, rk->j1[k], lo, width);
        out->pct[k].value = rk->g[k] > 0 ? v0 + rk->g[k] * (v1 - v0) : v0;
        out->pct[k].lo = sorted_code_at(s, nd, rk->lo[k], lo, width);
        out->pct[k].hi = sorted_code_at(s, nd, rk->hi[k], lo, width);
    }
}

/*
 * Twice the centred mid-rank of each of CODE_BINS bins of nd counts into
 * rank2 (an integer), and the sum of squared centred mid-ranks into *ss,
 * with the bits pb_stats_midranks gives it: the same terms in the same order.
 */
static void rank2_of_counts(const uint32_t *cnt, size_t nd, int32_t *rank2, double *ss)
{
    int64_t before2 = -(int64_t)nd; /* twice the count before the bin, less nd */
    double sum = 0;
    for (size_t b = 0; b < CODE_BINS; b++) {
        double c = (double)cnt[b];
        int64_t r2 = before2 + cnt[b]; /* 2 (before + (c + 1) / 2 - (nd + 1) / 2) */
        double d = 0.5 * (double)r2;
        rank2[b] = (int32_t)r2;
        sum += c * d * d;
        before2 += 2 * (int64_t)cnt[b];
    }
    *ss = sum;
}

/*
 * Percentiles of one milestone's codes c[0..nd) into s->pct, and (when ss
 * is not NULL) twice the centred mid-rank of every code present into
 * sc->rank2 (an integer: mid-ranks and the centre are halves, and |it| is at
 * most nd) with the sum of squared centred mid-ranks into *ss. Below
 * CODE_BINS samples the codes are sorted (O(nd)); from there on they are
 * counted into CODE_BINS bins.
 * Either way each bin is 'width' wide: a value is placed within one bin
 * width of the sample's, and the interval is widened by one bin width on
 * each side so that it holds the exact order statistics it stands for.
 * 'counted' (may be NULL) holds the counts of the codes past the first
 * CODE_BINS, which c then holds no more: c's are added to them.
 */
static void code_summary(const detail_job *J, detail_scratch *sc, const uint16_t *c,
                         uint32_t *counted, double lo, double width, pb_summary *s, double *ss)
{
    size_t nd = J->nd;
    pb_summary tmp = *s;
    if (!nd) { /* an interrupt before the first block: nothing to summarize */
        memset(s->pct, 0, sizeof s->pct);
        return;
    }
    if (nd >= CODE_BINS) {
        uint32_t *cnt = counted ? counted : sc->cnt;
        if (!counted)
            memset(cnt, 0, CODE_BINS * sizeof *cnt);
        for (size_t i = 0, m = counted ? CODE_BINS : nd; i < m; i++)
            cnt[c[i]]++;
        pb_stats_hist_percentiles_ranked(cnt, CODE_BINS, lo, width, &J->ranks, &tmp);
        if (ss)
            rank2_of_counts(cnt, nd, sc->rank2, ss);
    } else {
        radix_sort16(c, nd, sc->tmp, sc->sorted);
        sorted_percentiles(sc->sorted, nd, lo, width, &J->ranks, &tmp);
        for (size_t i = 0, j; ss && i < nd; i = j) {
            for (j = i + 1; j < nd && sc->sorted[j] == sc->sorted[i];)
                j++;
            double m = ((double)i + (double)j + 1) / 2; /* mean of ranks i + 1 .. j */
            sc->rank2[sc->sorted[i]] = (int32_t)(2 * (m - J->centre));
            *ss += (double)(j - i) * (m - J->centre) * (m - J->centre);
        }
    }
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        s->pct[k].value = tmp.pct[k].value;
        s->pct[k].lo = J->ranks.has_ci[k] ? tmp.pct[k].lo - width : NAN;
        s->pct[k].hi = J->ranks.has_ci[k] ? tmp.pct[k].hi + width : NAN;
    }
    clamp_pct(s);
}

/* Milestone t's percentiles from its codes; its duration codes' rank2 (see code_summary), *ss_d. */
static void detail_one(const detail_job *J, detail_scratch *sc, size_t t, int32_t *rank2,
                       double *ss_d)
{
    pb__run *R = J->R;
    pb_milestone_result *mr = &J->res->milestones[t];
    const pb__pm *m = &R->p->ms[t];
    const uint16_t *dc = R->dcode + t * R->detail_n, *fc = R->fcode + t * R->fkeep;
    /* past fkeep, the finish codes were counted as the blocks were merged (sim.c) */
    code_summary(J, sc, fc, J->nd > R->fkeep ? R->fhist + t * CODE_BINS : NULL, m->fin_lo,
                 R->fscale[t] > 0 ? 1.0 / R->fscale[t] : 0, &mr->finish, NULL);
    int32_t *keep = sc->rank2;
    sc->rank2 = rank2;
    *ss_d = 0;
    code_summary(J, sc, dc, NULL, m->dur_lo, R->dscale[t] > 0 ? 1.0 / R->dscale[t] : 0,
                 &mr->duration, ss_d);
    sc->rank2 = keep;
}

/* Spearman's correlation from the sum of products and the sums of squares. */
static double sensitivity(double dot, double ss_d, double ss_f)
{
    double r = ss_d > 0 && ss_f > 0 ? dot / sqrt(ss_d * ss_f) : 0;
    return fmin(1.0, fmax(-1.0, r));
}

/*
 * Percentiles and sensitivity of milestones tid, tid + nt, ... from their
 * codes, two at a time: their sums of products with the finish's mid-ranks
 * go as the two lanes of a pair, each summed in iteration order. The sums
 * are of twice the centred mid-ranks (rank2, from tables half the size of
 * doubles, so that a pair's stay in cache) and halved at the end: scaling
 * by two is exact, so each sum has the bits of the sum of the ranks.
 */
static void detail_part(void *arg, unsigned tid, unsigned nt)
{
    detail_job *J = arg;
    pb__run *R = J->R;
    size_t n = R->p->n_ms, nd = J->nd;
    detail_scratch sc = {malloc(CODE_BINS * sizeof *sc.cnt),
                         malloc(2 * CODE_BINS * sizeof *sc.rank2),
                         malloc((nd + 1) * sizeof *sc.sorted), malloc((nd + 1) * sizeof *sc.tmp)};
    if (!sc.cnt || !sc.rank2 || !sc.sorted || !sc.tmp) {
        J->failed = true;
        goto out;
    }
    for (size_t t = tid; t < n; t += 2 * (size_t)nt) {
        size_t u = t + nt < n ? t + nt : t; /* the second of the pair (t again: no second) */
        int32_t *r0 = sc.rank2, *r1 = sc.rank2 + CODE_BINS;
        double ss0, ss1;
        detail_one(J, &sc, t, r0, &ss0);
        if (u != t)
            detail_one(J, &sc, u, r1, &ss1);
        const uint16_t *d0 = R->dcode + t * R->detail_n, *d1 = R->dcode + u * R->detail_n;
        if (u == t)
            r1 = r0;
        pb__v2 dot = pb__v2_set(0);
        for (size_t i = 0; i < nd; i++) {
            pb__v2 v = pb__v2_pair((double)r0[d0[i]], (double)r1[d1[i]]);
            dot = pb__v2_add(dot, pb__v2_mul(v, pb__v2_set(J->rf[i])));
        }
        J->res->milestones[t].sensitivity = sensitivity(0.5 * pb__v2_lane(dot, 0), ss0, J->ss_f);
        if (u != t)
            J->res->milestones[u].sensitivity =
                sensitivity(0.5 * pb__v2_lane(dot, 1), ss1, J->ss_f);
    }
out:
    free(sc.cnt);
    free(sc.rank2);
    free(sc.sorted);
    free(sc.tmp);
}

/*
 * The project finish's centred mid-ranks of the first nd iterations, shared
 * between threads in three steps (pb__par_run each): the range of each
 * thread's stripe of iterations, the counts of each stripe's codes, then
 * each stripe's ranks. Extremes and counts come out as one thread's would.
 */
typedef struct franks_job {
    const double *finish;
    size_t nd;
    int step;             /* 0: ranges, 1: counts, 2: ranks */
    double *lo, *hi;      /* per thread: its stripe's range */
    uint32_t **cnt;       /* per thread: its stripe's counts */
    double flo, fsc;      /* the codes' scale */
    const int32_t *rank2; /* twice the centred mid-rank, by code */
    float *rf;
} franks_job;

static void franks_part(void *arg, unsigned tid, unsigned nt)
{
    franks_job *J = arg;
    size_t i0 = J->nd * tid / nt, i1 = J->nd * (tid + 1) / nt;
    const double *x = J->finish;
    if (J->step == 0) {
        finish_range(x + i0, i1 - i0, &J->lo[tid], &J->hi[tid]);
    } else if (J->step == 1) {
        uint32_t *cnt = J->cnt[tid];
        memset(cnt, 0, CODE_BINS * sizeof *cnt);
        for (size_t i = i0; i < i1; i++)
            cnt[pb__encode(x[i], J->flo, J->fsc)]++;
    } else {
        for (size_t i = i0; i < i1; i++)
            J->rf[i] = (float)(0.5 * (double)J->rank2[pb__encode(x[i], J->flo, J->fsc)]);
    }
}

/* rf[i]: the centred mid-rank of finish[i] among the first nd; *ss: their sum of squares. */
static bool finish_ranks(const pb__run *R, size_t nd, float *rf, double *ss)
{
    unsigned nt = R->o->threads < DETAIL_THREADS ? R->o->threads : DETAIL_THREADS;
    nt = nd / nt < CODE_BINS ? 1 : nt; /* each stripe counts into its own bins */
    double lo[DETAIL_THREADS], hi[DETAIL_THREADS];
    uint32_t *cnt[DETAIL_THREADS] = {0};
    int32_t *rank2 = malloc(CODE_BINS * sizeof *rank2);
    bool ok = rank2 != NULL;
    for (unsigned k = 0; k < nt; k++)
        ok = (cnt[k] = malloc(CODE_BINS * sizeof *cnt[k])) && ok;
    franks_job J = {R->finish, nd, 0, lo, hi, cnt, 0, 0, rank2, rf};
    if (ok) {
        pb__par_run(nt, franks_part, &J);
        double flo = HUGE_VAL, fhi = -HUGE_VAL;
        for (unsigned k = 0; k < nt; k++) {
            flo = lo[k] < flo ? lo[k] : flo;
            fhi = hi[k] > fhi ? hi[k] : fhi;
        }
        J.flo = flo;
        J.fsc = fhi > flo ? (double)CODE_MAX / (fhi - flo) : 0;
        J.step = 1;
        pb__par_run(nt, franks_part, &J);
        for (unsigned k = 1; k < nt; k++)
            for (size_t b = 0; b < CODE_BINS; b++)
                cnt[0][b] += cnt[k][b];
        rank2_of_counts(cnt[0], nd, rank2, ss);
        J.step = 2;
        pb__par_run(nt, franks_part, &J);
    }
    for (unsigned k = 0; k < nt; k++)
        free(cnt[k]);
    free(rank2);
    return ok;
}

/* Milestone percentiles and sensitivities from the codes of the first nd iterations. */
static pb_status detail_summaries(pb__run *R, pb_result *res, size_t nd, pb_error *err)
{
    float *rf = malloc((nd ? nd : 1) * sizeof *rf);
    detail_job J = {R, res, nd, rf, 0, ((double)nd + 1) / 2, {0}, false};
    if (!rf || !finish_ranks(R, nd, rf, &J.ss_f)) {
        free(rf);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    pb_stats_level_ranks(nd, &J.ranks);
    pb__par_run(R->o->threads < DETAIL_THREADS ? R->o->threads : DETAIL_THREADS, detail_part, &J);
    free(rf);
    if (J.failed)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    return PB_OK;
}

static size_t count_le(const double *x, size_t n, double t)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += x[i] <= t;
    return k;
}

typedef struct totals_job {
    pb__run *R;
    pb_result *res;
    size_t n;
    double *scratch[2]; /* per thread: the codes' memory when it holds n doubles, or NULL */
    bool failed;
} totals_job;

/* Summaries of the kept samples (finish, cost, needs), shared between threads. */
static void totals_part(void *arg, unsigned tid, unsigned nt)
{
    totals_job *J = arg;
    size_t n = J->n;
    double *own = J->scratch[tid] ? NULL : malloc((n ? n : 1) * sizeof *own);
    double *scratch = J->scratch[tid] ? J->scratch[tid] : own;
    if (!scratch) {
        J->failed = true;
        return;
    }
    for (size_t k = tid; k < 2 + J->res->n_needs; k += nt) {
        const double *x = k == 0   ? J->R->finish
                          : k == 1 ? J->R->cost
                                   : J->R->needs + (k - 2) * J->R->cap;
        pb_summary *out = k == 0   ? &J->res->duration
                          : k == 1 ? &J->res->cost
                                   : &J->res->needs[k - 2];
        memcpy(scratch, x, n * sizeof *scratch);
        pb_stats_summarize(scratch, n, out);
    }
    free(own);
}

/*
 * The totals' scratch of n doubles per thread (nt of them) in the memory of
 * the codes, done with by now, where it is large enough: its pages are
 * already written and cost no fault. Codes whose memory is not used are
 * freed first, so that a scratch allocated in its place adds nothing to the
 * peak; the rest are freed after the totals.
 */
static void codes_as_scratch(pb__run *R, size_t n, unsigned nt, double **scratch)
{
    uint16_t **codes[2] = {&R->dcode, &R->fcode};
    size_t room[2] = {R->detail_n * R->p->n_ms, R->fkeep * R->p->n_ms}; /* in codes */
    size_t per = n * sizeof(double) / sizeof(uint16_t);
    for (unsigned k = 0, q = 0; q < 2; q++) {
        size_t used = 0;
        for (; *codes[q] && k < nt && room[q] - used >= per && n; k++, used += per)
            scratch[k] = (double *)(void *)(*codes[q] + used);
        if (!used) {
            free(*codes[q]);
            *codes[q] = NULL;
        }
    }
    free(R->fhist);
    free(R->fring);
    R->fhist = NULL;
    R->fring = NULL;
}

/* The rounds of looping milestone l over n iterations, into rr. False when memory runs out. */
static bool rounds_summary(const pb__run *R, size_t l, size_t n, pb_rounds_result *rr)
{
    const pb__pm *m = &R->p->ms[R->p->loops[l]];
    const unsigned char *code = R->rounds + l * R->cap;
    size_t cnt[PB_MAX_ROUNDS + 1] = {0};
    for (size_t i = 0; i < n; i++)
        cnt[code[i]]++;
    rr->id = m->id;
    rr->name = m->name;
    rr->max = m->rounds_max;
    rr->p_met = pb_stats_wilson(n - cnt[0], n);
    if (!(rr->p_rounds = calloc((size_t)m->rounds_max, sizeof *rr->p_rounds)))
        return false;
    cnt[m->rounds_max] += cnt[0]; /* not met: every round taken */
    double mean = 0, cum = 0;
    size_t k = 0;
    for (int r = 1; r <= m->rounds_max; r++) {
        double q = n ? (double)cnt[r] / (double)n : 0;
        rr->p_rounds[r - 1] = q;
        mean += r * q;
        cum += (double)cnt[r];
        /* fewest rounds r with P(rounds <= r) >= level, in whole counts */
        while (k < PB_N_LEVELS && cum >= pb_stats_levels[k] * (double)n - 1e-9 * (double)n)
            rr->rounds_pct[k++] = r;
    }
    while (k < PB_N_LEVELS)
        rr->rounds_pct[k++] = m->rounds_max;
    rr->mean_rounds = mean;
    return true;
}

/* Every looping milestone's rounds, and the project's chances with the metric met. */
static pb_status metric_summaries(pb__run *R, pb_result *res, size_t n, pb_error *err)
{
    const pb_plan *p = R->p;
    if (!p->n_loops)
        return PB_OK;
    res->rounds = calloc(p->n_loops, sizeof *res->rounds);
    double *met = malloc((n ? n : 1) * sizeof *met);
    if (!res->rounds || !met) {
        free(met);
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    res->n_rounds = p->n_loops;
    for (size_t l = 0; l < p->n_loops; l++)
        if (!rounds_summary(R, l, n, &res->rounds[l])) {
            free(met);
            return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
        }
    size_t k = 0, kd = 0, kj = 0;
    bool budget = isfinite(R->budget), deadline = isfinite(R->deadline);
    for (size_t i = 0; i < n; i++) {
        bool ok = true;
        for (size_t l = 0; l < p->n_loops && ok; l++)
            ok = R->rounds[l * R->cap + i] != 0;
        if (!ok)
            continue;
        met[k++] = R->finish[i];
        kd += R->finish[i] <= R->deadline_lim;
        kj += (!deadline || R->finish[i] <= R->deadline_lim) &&
              (!budget || R->cost[i] <= R->budget_lim);
    }
    res->p_met = pb_stats_wilson(k, n);
    res->p_joint_met = pb_stats_wilson(kj, n);
    if (res->has_deadline)
        res->p_deadline_met = pb_stats_wilson(kd, n);
    pb_stats_summarize(met, k, &res->finish_met);
    free(met);
    return PB_OK;
}

/* Every milestone's moments, criticality and chance by the deadline, then its percentiles. */
static pb_status milestone_summaries(pb__run *R, pb_result *res, size_t n, pb_error *err)
{
    const pb_plan *p = R->p;
    for (size_t t = 0; t < p->n_ms; t++) {
        const pb__acc_ms *a = &R->total.ms[t];
        pb_milestone_result *mr = &res->milestones[t];
        summary_from_acc(&mr->duration, n, a->d_sum, a->d_ss, p->ms[t].shift_d, a->d_min, a->d_max);
        summary_from_acc(&mr->finish, n, a->f_sum, a->f_ss, p->ms[t].shift_f, a->f_min, a->f_max);
        mr->criticality = n ? (double)a->crit / (double)n : 0;
        if (isfinite(R->deadline))
            mr->p_by_deadline = pb_stats_wilson(a->by_deadline, n);
    }
    size_t nd = n < R->detail_n ? n : R->detail_n;
    res->detail_iterations = nd;
    return detail_summaries(R, res, nd, err);
}

/* Each risk's firing rate and mean delay (by difference of finishes), each role's labour. */
static void risk_summaries(const pb__run *R, pb_result *res, size_t n)
{
    const pb_plan *p = R->p;
    for (size_t r = 0; r < p->n_risks; r++) {
        pb_risk_result *rr = &res->risks[r];
        size_t k = R->total.fired[r];
        rr->fired = n ? (double)k / (double)n : 0;
        if (k > 0 && k < n) {
            double with = R->total.fired_fsum[r] / (double)k;
            double without = (R->total.fsum - R->total.fired_fsum[r]) / (double)(n - k);
            rr->mean_delay = with - without;
        } else {
            rr->mean_delay = k ? R->total.delay_sum[r] / (double)k : 0;
        }
    }
    for (size_t r = 0; r < p->n_roles; r++)
        res->labour[r] = n ? R->total.labour[r] / (double)n : 0;
}

/* The chances of the deadline, the budget and both, and the histogram of the finish. */
static void chances(const pb__run *R, pb_result *res, size_t n)
{
    res->has_deadline = isfinite(R->deadline);
    res->has_budget = isfinite(R->budget);
    res->deadline = res->has_deadline ? R->deadline : 0;
    res->budget = res->has_budget ? R->budget : 0;
    size_t kd = 0, kb = 0, kj = 0;
    for (size_t i = 0; i < n; i++) {
        bool d = !res->has_deadline || R->finish[i] <= R->deadline_lim;
        bool c = !res->has_budget || R->cost[i] <= R->budget_lim;
        kd += d;
        kb += c;
        kj += d && c;
    }
    if (res->has_deadline)
        res->p_deadline = pb_stats_wilson(kd, n);
    if (res->has_budget)
        res->p_budget = pb_stats_wilson(kb, n);
    if (res->has_deadline || res->has_budget)
        res->p_joint = pb_stats_wilson(kj, n);
    /* histogram of the finish over [min, max] */
    double lo, hi;
    finish_range(R->finish, n, &lo, &hi);
    res->hist_lo = n ? lo : 0;
    res->hist_hi = n ? hi : 0;
    pb_stats_histogram(R->finish, n, res->hist_lo, res->hist_hi, PB_SIM_HIST, res->hist);
}

pb_status pb__sim_summarize(pb__run *R, pb_result *res, size_t n, pb_error *err)
{
    pb_status rc;
    res->iterations = n;
    if (R->o->detail && (rc = milestone_summaries(R, res, n, err)))
        return rc;
    risk_summaries(R, res, n);
    chances(R, res, n);
    /* the codes are done with: the totals sort in their memory, or it goes back first */
    unsigned nt = R->o->threads < 2 ? 1 : 2;
    totals_job J = {R, res, n, {NULL, NULL}, false};
    codes_as_scratch(R, n, nt, J.scratch);
    pb__par_run(nt, totals_part, &J);
    free(R->dcode);
    free(R->fcode);
    R->dcode = R->fcode = NULL;
    if (J.failed)
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if (!pb__people_summary(R->p, R->leave, R->cap, n, res))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    if ((rc = pb__curve_summary(R->p, R->seedk, n, res, err)) ||
        (R->o->keep_samples && (rc = pb__ml_samples(R, res, n, err))))
        return rc;
    return metric_summaries(R, res, n, err);
}

bool pb__sim_converged(pb__run *R, size_t n, double *scratch)
{
    memcpy(scratch, R->finish, n * sizeof *scratch);
    pb_interval p80 = pb_stats_quantile(scratch, n, 0.8);
    bool ok = p80.hi - p80.value <= 0.005 * fabs(p80.value) &&
              p80.value - p80.lo <= 0.005 * fabs(p80.value);
    if (isfinite(R->deadline)) {
        pb_interval pd = pb_stats_wilson(count_le(R->finish, n, R->deadline_lim), n);
        ok = ok && pd.hi - pd.value <= 0.005 && pd.value - pd.lo <= 0.005;
    }
    return ok;
}
