/*
 * report_brief_track.c - the lines a brief adds from its scenario's tracking
 * data (pb_brief_track, docs/track.md "The brief"): where the project stands
 * when the brief is on the remaining work, and the outside view. Built as
 * plain text (dates and numbers only, nothing from the scenario's words), so
 * that every writer can put it through its own escaping.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/track.h>

#include "report_internal.h"

#define fv pb__brief_value

/* "P80" at the brief's confidence. */
static void level(char *buf, size_t cap, const pb_brief *b)
{
    snprintf(buf, cap, "P%.0f", 100 * b->confidence);
}

size_t pb__brief_track_lead(char *buf, size_t cap, const pb_brief *b)
{
    const pb_brief_track *t = b->track;
    buf[0] = '\0';
    if (!t || !t->tracked)
        return 0;
    char p[16], a[96], c[96], d[96], e[96], when[48];
    level(p, sizeof p, b);
    double after = t->as_of + b->commitment, moved = after - t->p80_before;
    snprintf(when, sizeof when, "%s%s", t->as_of_date, t->as_of_date[0] ? ", " : "");
    int n = snprintf(buf, cap,
                     "As of %s%s in (%zu milestone%s done, %zu under way): the %s moved from %s to "
                     "%s from the start (%s%s). Every number below is for the remaining work, "
                     "counted from then.",
                     when, fv(b, t->as_of, "time", a, sizeof a), t->n_done,
                     t->n_done == 1 ? "" : "s", t->n_active, p,
                     fv(b, t->p80_before, "time", c, sizeof c), fv(b, after, "time", d, sizeof d),
                     moved >= 0 ? "+" : "-", fv(b, fabs(moved), "time", e, sizeof e));
    return n > 0 ? (size_t)n : 0;
}

size_t pb__brief_track_outside(char *buf, size_t cap, const pb_brief *b)
{
    const pb_brief_track *t = b->track;
    buf[0] = '\0';
    if (!t || !t->outside.n || !isfinite(t->outside_p80))
        return 0;
    char p[16], a[96], c[96];
    level(p, sizeof p, b);
    double without = t->tracked ? t->p80_before : b->commitment;
    int n =
        snprintf(buf, cap,
                 "Outside view: %zu past project%s with an estimate took up to %.2fx it at %s%s; "
                 "with that uplift on the plan's P50 the %s is %s%s, without it %s.",
                 t->outside.n, t->outside.n == 1 ? "" : "s", t->outside.uplift, p,
                 t->outside.few ? " (too few for a firm reference class)" : "", p,
                 fv(b, t->outside_p80, "time", a, sizeof a), t->tracked ? " from the start" : "",
                 fv(b, without, "time", c, sizeof c));
    return n > 0 ? (size_t)n : 0;
}

static json_t *calibration_json(const pb_brief_track *t)
{
    if (!t->has_fit)
        return json_null();
    return json_pack("{s:I, s:b, s:o, s:o, s:o, s:o}", "pairs", (json_int_t)t->fit.n, "too_few",
                     t->fit.few, "bias", pb__json_interval(&t->fit.bias), "coverage",
                     pb__json_prob(&t->fit.coverage), "raw_p80", pb__json_num(t->raw_p80),
                     "calibrated_p80", pb__json_num(t->calibrated_p80));
}

static json_t *outside_json(const pb_brief *b)
{
    const pb_brief_track *t = b->track;
    if (!t->outside.n)
        return json_null();
    return json_pack("{s:I, s:b, s:o, s:o, s:o, s:o}", "projects", (json_int_t)t->outside.n,
                     "too_few", t->outside.few, "level", pb__json_num(t->outside.level), "uplift",
                     pb__json_num(t->outside.uplift), "with_uplift", pb__json_num(t->outside_p80),
                     "without", pb__json_num(t->tracked ? t->p80_before : b->commitment));
}

json_t *pb__json_brief_track(const pb_brief *b)
{
    const pb_brief_track *t = b->track;
    if (!t || (!t->tracked && !t->has_fit && !t->outside.n))
        return NULL;
    double all = t->work[0] + t->work[1] + t->work[2];
    json_t *src =
        json_pack("{s:o, s:o, s:o}", "data", pb__json_num(all > 0 ? t->work[0] / all : NAN),
                  "expert", pb__json_num(all > 0 ? t->work[1] / all : NAN), "guess",
                  pb__json_num(all > 0 ? t->work[2] / all : NAN));
    return json_pack("{s:b, s:o, s:o, s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "tracked",
                     t->tracked, "as_of", pb__json_num(t->as_of), "spent", pb__json_num(t->spent),
                     "as_of_date", t->as_of_date[0] ? pb__json_str(t->as_of_date) : json_null(),
                     "done", (json_int_t)t->n_done, "active", (json_int_t)t->n_active, "p80_before",
                     pb__json_num(t->p80_before), "p80_after",
                     pb__json_num(t->tracked ? t->as_of + b->commitment : NAN), "sources", src,
                     "calibration", calibration_json(t), "outside_view", outside_json(b),
                     "p50_before", pb__json_num(t->p50_before));
}
