/*
 * calibrate.h - the team's estimates against its actuals: bias, spread,
 * coverage of past ranges and the factor to widen ranges by (docs/track.md,
 * "Calibration").
 *
 * A pair is one past estimate (any estimate form) and what it took. The
 * ratio actual / median of the estimate is taken as lognormal: its
 * geometric mean is the bias (1.3: 30% over), its log-sd the spread. Past
 * ranges are [lowest, highest] of each estimate (P10 to P90 for the
 * unbounded lognormal and normal), meant to hold PB_CALIB_NOMINAL of the
 * actuals; the widening factor is the smallest w such that ranges widened
 * about their median by w would have held that share.
 */
#ifndef PUSHBACK_CALIBRATE_H
#define PUSHBACK_CALIBRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pushback/dist.h>
#include <pushback/error.h>
#include <pushback/report.h>
#include <pushback/scenario.h>
#include <pushback/stats.h>

#define PB_CALIB_NOMINAL 0.9 /* the share of actuals a range is taken to mean */
#define PB_CALIB_FEW     5   /* fewer pairs than this: too little history, and said so */

typedef struct pb_calib_pair {
    pb_dist estimate;
    double actual; /* > 0 */
    int line;
} pb_calib_pair;

typedef struct pb_calibration {
    char *file; /* where the pairs came from */
    pb_calib_pair *pairs;
    size_t n_pairs;
} pb_calibration;

typedef struct pb_calib_fit {
    size_t n;
    bool few;             /* n < PB_CALIB_FEW */
    pb_interval bias;     /* geometric mean of actual / median, Student-t 95% (NAN bounds: n < 2) */
    pb_interval spread;   /* log-sd of the ratio, chi-square 95% (NAN: n < 2) */
    pb_interval coverage; /* share of actuals inside their range, Wilson 95% */
    double widen;         /* widening factor, >= 0 (<= 1: the ranges were wide enough); NAN when
                             no pair had a range on the side its actual fell (point estimates) */
    size_t n_widen;       /* the pairs the widening factor is based on (the others had no range
                             on the side their actual fell) */
} pb_calib_fit;

/*
 * Read the scenario file's 'calibration' list: ( { estimate = [4, 6, 10];
 * actual = 9.0; }, ... ). *out owns a new pb_calibration (pb_calibration_free),
 * with no pairs when the file has none. Errors name the file and line.
 */
pb_status pb_calibration_load(const char *path, pb_calibration **out, pb_error *err);
pb_status pb_calibration_parse(const char *text, const char *name, pb_calibration **out,
                               pb_error *err);

/*
 * Add the pairs of a CSV file (columns low, likely, high, actual; an 'id'
 * column is allowed and ignored), read with libcsv. Errors name file:line.
 */
pb_status pb_calibration_read_csv(pb_calibration *c, const char *path, pb_error *err);

/* Free. NULL is a no-op. */
void pb_calibration_free(pb_calibration *c);

/* Fit the pairs (n >= 1; PB_ERR_INVALID naming c->file when there are none). */
pb_status pb_calibration_fit(const pb_calibration *c, pb_calib_fit *out, pb_error *err);

/*
 * 'd' calibrated: its median moved by the bias and its range widened about
 * the median by max(widen, 1) (ranges are never narrowed), clamped at 0.
 */
pb_dist pb_calibration_apply_dist(const pb_calib_fit *f, const pb_dist *d);

/*
 * A copy of 's' with every milestone estimate calibrated except those of
 * milestones whose 'source' is "data" ('sources' from pb_calibration_sources,
 * n_milestones entries, NULL: all). *out owns it.
 */
pb_status pb_calibration_apply(const pb_scenario *s, const pb_calib_fit *f,
                               const char *const *sources, pb_scenario **out, pb_error *err);

/*
 * The milestones' 'source' ("guess", "expert" or "data"; "guess" when not
 * written) from the scenario file, in s's order: *out is an array of
 * s->n_milestones static strings (free the array). Errors name file:line.
 */
pb_status pb_calibration_sources(const pb_scenario *s, const char *text, const char *name,
                                 const char ***out, pb_error *err);

/* The outside view: the reference class of the 'history' projects. */
typedef struct pb_outside {
    size_t n;      /* history projects with an 'estimate' (their 'duration' is the actual) */
    bool few;      /* n < PB_CALIB_FEW */
    double level;  /* the confidence asked */
    double uplift; /* the level-quantile (type 7) of actual / estimate; NAN when n == 0 */
} pb_outside;

/*
 * Read the scenario file's 'history' entries that carry 'estimate' (the
 * total estimated at their start, > 0) and fit the reference-class uplift at
 * 'level' in (0, 1). n == 0 when none has one. Errors name file:line.
 */
pb_status pb_outside_view(const char *text, const char *name, double level, pb_outside *out,
                          pb_error *err);

/*
 * simulate's report (pb_report_simulate_text / _json) with the outside view
 * beside it: the quantile at o->level with the uplift on the P50 and
 * without it, a line after the finish table or the JSON member
 * "outside_view" (docs/json.md). o NULL or without projects: as without.
 */
pb_status pb_report_simulate_outside_text(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                          const pb_outside *o, pb_error *err);
pb_status pb_report_simulate_outside_json(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                          const pb_outside *o, pb_error *err);

/* The fit as text lines (indented two spaces) or as a JSON object member "calibration". */
void pb_report_calibration_text(FILE *f, const pb_calib_fit *fit);

#endif
