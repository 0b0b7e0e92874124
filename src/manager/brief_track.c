/*
 * brief_track.c - the brief on a tracked project (brief_track.h,
 * docs/track.md "The brief").
 *
 * With actuals in the scenario file, the brief is made on the remaining
 * scenario (pb_track_remaining: times from as_of, money less what is
 * spent), so every move and deal argues from the re-forecast; the plan as
 * proposed is simulated once more on the same count and seed for the "P80
 * moved from X to Y" line. The history's precedents are whole projects: they
 * are not set against the remaining work (no headcount analogy), only
 * against the plan from its start in the outside view. Whether tracked or not, the file's estimate
 * sources, calibration history and reference class become facts for the
 * rulebook: the share of expected work by source (the mean of each
 * estimate, duration or effort), the calibration's bias with its interval,
 * the P80 of the plan with every estimate calibrated beside the raw one, and
 * the P80 with the reference-class uplift.
 */
#include "brief_track.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/stats.h>

#include "brief_basis.h"

/* The file's text into *out (NULL: no readable file; not an error). */
static pb_status read_text(const pb_scenario *s, char **out, pb_error *err)
{
    *out = NULL;
    if (!s->path || !strcmp(s->path, "-"))
        return PB_OK;
    FILE *f = fopen(s->path, "rb");
    if (!f)
        return PB_OK;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (*out = calloc((size_t)n + 1, 1)) && fread(*out, 1, (size_t)n, f) != (size_t)n) {
        free(*out);
        *out = NULL;
    }
    fclose(f);
    if (n >= 0 && !*out)
        return pb_error_set(err, PB_ERR_RUN, s->path, 0, "cannot read the scenario again");
    return PB_OK;
}

/* read_text, and an empty text where there is no file but a CSV file of 'o' to read. */
static pb_status file_text(const pb_scenario *s, const pb_brief_opts *o, char **out, pb_error *err)
{
    pb_status rc = read_text(s, out, err);
    if (!rc && !*out && ((o->actuals && (o->actuals_csv || o->as_of)) || o->calibration_csv) &&
        !(*out = calloc(1, 1)))
        rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    return rc;
}

/*
 * The actuals of scenario s from the file's text (NULL: none), then o->as_of and
 * o->actuals_csv over them, as 'track' reads them.
 */
static pb_status actuals_of(const pb_scenario *s, const char *text, const pb_brief_opts *o,
                            pb_actuals **a, pb_error *err)
{
    *a = NULL;
    pb_status rc = text ? pb_actuals_parse(s, text, s->path, a, err) : PB_OK;
    if (!rc && text && o->as_of && pb_actuals_set_as_of(*a, s, o->as_of, err)) {
        snprintf(err->file, sizeof err->file, "--as-of");
        err->line = 0;
        return err->code = PB_ERR_USAGE;
    }
    if (!rc && text && o->actuals_csv)
        rc = pb_actuals_read_csv(*a, s, o->actuals_csv, err);
    return rc;
}

void pb__brief_track_free(pb_brief_track *t)
{
    free(t);
}

pb_status pb__brief_track_prepare(const pb_scenario *src, const pb_brief_opts *o,
                                  pb_brief_track **out, pb_scenario **rest, pb_error *err)
{
    *rest = NULL;
    if (!(*out = calloc(1, sizeof **out)))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    pb_brief_track *t = *out;
    t->as_of = t->spent = t->p50_before = t->p80_before = t->raw_p80 = t->calibrated_p80 = NAN;
    t->outside_p80 = t->outside.uplift = NAN;
    char *text = NULL;
    pb_actuals *a = NULL;
    pb_status rc = o->actuals ? file_text(src, o, &text, err) : PB_OK;
    if (!rc)
        rc = actuals_of(src, text, o, &a, err);
    if (!rc && a && (a->n_ms || a->n_risks) && !(rc = pb_track_remaining(src, a, rest, err))) {
        t->tracked = true;
        t->as_of = a->as_of;
        t->spent = a->spent;
        snprintf(t->as_of_date, sizeof t->as_of_date, "%s", (*rest)->start ? (*rest)->start : "");
        for (size_t i = 0; i < a->n_ms; i++) {
            t->n_done += a->ms[i].state == PB_TRACK_DONE;
            t->n_active += a->ms[i].state == PB_TRACK_ACTIVE;
        }
        /* a precedent is a whole project, never the remaining work: no analogy is drawn from
           it (the outside view is, against the plan from its start) */
        for (size_t i = 0; i < (*rest)->n_history; i++)
            free((*rest)->history[i].name);
        free((*rest)->history);
        (*rest)->history = NULL;
        (*rest)->n_history = 0;
    }
    pb_actuals_free(a);
    free(text);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

/* The quantile q of a result's finish samples. */
static double finish_at(const pb_result *r, double q)
{
    double *x = malloc(r->iterations * sizeof *x);
    if (!x)
        return NAN;
    memcpy(x, r->finish_samples, r->iterations * sizeof *x);
    double v = pb_stats_quantile(x, r->iterations, q).value;
    free(x);
    return v;
}

/* Simulate s at the brief's count and seed: its P50 and its quantile at q. */
static pb_status simulate(const pb_scenario *s, const pb_brief_opts *o, size_t n, double q,
                          double *p50, double *pq, pb_error *err)
{
    pb_plan *p = NULL;
    pb_result *r = NULL;
    pb_sim_opts so;
    pb_sim_opts_init(&so);
    so.iterations = n;
    so.seed = o->seed;
    so.threads = o->threads;
    so.cancel = o->cancel;
    pb_status rc = pb_plan_build(s, &p, err);
    if (!rc)
        rc = pb_sim_run(p, &so, &r, err);
    if (!rc) {
        *p50 = finish_at(r, 0.5);
        *pq = finish_at(r, q);
        if (isnan(*p50) || isnan(*pq))
            rc = pb_error_set(err, PB_ERR_RUN, "", 0, "out of memory");
    }
    pb_result_free(r);
    pb_plan_free(p);
    return rc;
}

/* The expected work of s by source (data, expert, guess), from the file's 'source's. */
static pb_status work_by_source(pb_brief_track *t, const pb_scenario *s, const char *text,
                                pb_error *err)
{
    const char **src = NULL;
    pb_status rc = pb_calibration_sources(s, text, s->path, &src, err);
    for (size_t i = 0; !rc && i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        double w = m->has_effort     ? pb_dist_mean(&m->effort)
                   : m->has_duration ? pb_dist_mean(&m->duration)
                                     : 0.0;
        size_t k = !strcmp(src[i], "data") ? 0 : !strcmp(src[i], "expert") ? 1 : 2;
        t->work[k] += isfinite(w) && w > 0 ? w : 0.0;
    }
    free(src);
    return rc;
}

/*
 * The scenario the calibrated P80 is of: 'src' with every estimate calibrated (source "data"
 * kept) and, when tracked, its remaining scenario, as 'track --calibrated' makes it (an active
 * milestone's written remaining work is kept).
 */
static pb_status calibrated(const pb_brief_track *t, const pb_scenario *src, const char *text,
                            const pb_brief_opts *o, pb_scenario **out, pb_error *err)
{
    const char **sources = NULL;
    pb_scenario *cs = NULL;
    pb_actuals *a = NULL;
    *out = NULL;
    pb_status rc = pb_calibration_sources(src, text, src->path, &sources, err);
    if (!rc)
        rc = pb_calibration_apply(src, &t->fit, sources, &cs, err);
    if (!rc && t->tracked && !(rc = actuals_of(cs, text, o, &a, err)))
        rc = pb_track_remaining(cs, a, out, err);
    if (!rc && !t->tracked) {
        *out = cs;
        cs = NULL;
    }
    pb_actuals_free(a);
    pb_scenario_free(cs);
    free(sources);
    return rc;
}

/* The calibration fit, and the calibrated P80 of the plan the brief is on. */
static pb_status calibration(pb_brief_track *t, const pb_scenario *src, const char *text,
                             const pb_brief_opts *o, size_t n, double q, pb_error *err)
{
    pb_calibration *k = NULL;
    pb_scenario *cs = NULL;
    double p50;
    pb_status rc = pb_calibration_parse(text, src->path, &k, err);
    if (!rc && o->calibration_csv)
        rc = pb_calibration_read_csv(k, o->calibration_csv, err);
    if (!rc && k->n_pairs && !(rc = pb_calibration_fit(k, &t->fit, err))) {
        t->has_fit = true;
        if (!(rc = calibrated(t, src, text, o, &cs, err)))
            rc = simulate(cs, o, n, q, &p50, &t->calibrated_p80, err);
    }
    pb_scenario_free(cs);
    pb_calibration_free(k);
    return rc;
}

static void set_facts(const pb_brief_track *t, pb__facts *f)
{
    double all = t->work[0] + t->work[1] + t->work[2];
    pb__facts_set(f, "source.data", all > 0 ? t->work[0] / all : NAN);
    pb__facts_set(f, "source.expert", all > 0 ? t->work[1] / all : NAN);
    pb__facts_set(f, "source.guess", all > 0 ? t->work[2] / all : NAN);
    pb__facts_set(f, "calib.pairs", t->has_fit ? (double)t->fit.n : 0.0);
    if (t->has_fit) {
        pb__facts_set(f, "calib.bias", t->fit.bias.value);
        pb__facts_set(f, "calib.bias_lo", t->fit.bias.lo);
        pb__facts_set(f, "calib.bias_hi", t->fit.bias.hi);
        pb__facts_set(f, "calib.spread", t->fit.spread.value);
        pb__facts_set(f, "calib.coverage", t->fit.coverage.value);
        pb__facts_set(f, "calib.widen", t->fit.widen);
        pb__facts_set(f, "calib.raw_p80", t->raw_p80);
        pb__facts_set(f, "calib.p80", t->calibrated_p80);
    }
    pb__facts_set(f, "outside.projects", (double)t->outside.n);
    pb__facts_set(f, "outside.uplift", t->outside.uplift);
    pb__facts_set(f, "outside.p80", t->outside_p80);
    pb__facts_set(f, "track.tracked", t->tracked ? 1.0 : 0.0);
    pb__facts_set(f, "track.as_of", t->as_of);
}

pb_status pb__brief_track_run(pb_brief_track *t, const pb_scenario *src, const pb_scenario *s,
                              const pb_brief_opts *o, const pb_result *base, size_t n, double p50,
                              double p80, pb__facts *f, pb_error *err)
{
    char *text = NULL;
    double q = s->ask_confidence;
    pb_status rc = file_text(src, o, &text, err);
    if (!rc && text)
        rc = work_by_source(t, s, text, err);
    if (!rc && text)
        rc = pb__brief_basis(s, text, base, f, err);
    t->raw_p80 = p80;
    if (!rc && text)
        rc = calibration(t, src, text, o, n, q, err);
    if (!rc && text)
        rc = pb_outside_view(text, src->path, q, &t->outside, err);
    if (!rc && t->tracked)
        rc = simulate(src, o, n, q, &t->p50_before, &t->p80_before, err);
    if (!rc && t->outside.n)
        t->outside_p80 = t->outside.uplift * (t->tracked ? t->p50_before : p50);
    free(text);
    if (!rc)
        set_facts(t, f);
    return rc;
}
