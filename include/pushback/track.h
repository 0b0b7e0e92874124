/*
 * track.h - from proposal to project: actuals to date, the re-forecast from
 * them, the buffer as a critical-chain fever chart (docs/track.md).
 *
 * Actuals are written in the scenario ('status', a milestone's 'done' or
 * 'active', a risk's 'status') or read from a CSV file; they are kept apart
 * from the pb_scenario, which stays the proposal as planned. The re-forecast
 * simulates the remaining work from 'as_of' (time 0 of the remaining
 * scenario is as_of): done milestones take no time, an active milestone
 * takes its remaining work, the rest is as planned. Every milestone, risk
 * and group keeps its id, so it keeps its random streams: the re-forecast
 * and the original forecast share their draws (common random numbers).
 */
#ifndef PUSHBACK_TRACK_H
#define PUSHBACK_TRACK_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/calibrate.h>
#include <pushback/dist.h>
#include <pushback/error.h>
#include <pushback/report.h>
#include <pushback/scenario.h>
#include <pushback/sim.h>

typedef enum pb_track_state {
    PB_TRACK_TODO = 0, /* not started */
    PB_TRACK_DONE,     /* finished: 'actual' */
    PB_TRACK_ACTIVE    /* started: 'elapsed', and 'remaining' or the conditioned estimate */
} pb_track_state;

/* A milestone's actuals, in the terms of its estimate (time for a duration,
   person-units for an effort). */
typedef struct pb_track_ms {
    char *id;
    pb_track_state state;
    double actual;      /* done */
    double elapsed;     /* active: the part of the estimate already used */
    bool has_remaining; /* active: 'remaining' given; else the estimate given elapsed */
    pb_dist remaining;
    int line;
} pb_track_ms;

typedef enum pb_risk_state {
    PB_RISK_OPEN = 0,
    PB_RISK_PASSED,
    PB_RISK_HAPPENED
} pb_risk_state;

typedef struct pb_track_risk {
    char *id;
    pb_risk_state state;
    int line;
} pb_track_risk;

typedef struct pb_actuals {
    char *file;      /* where the status came from */
    double as_of;    /* units since the start; NAN when not given */
    double spent;    /* money spent to date; NAN when not given */
    int line;        /* of 'status' */
    pb_track_ms *ms; /* milestones with a state, in the order given */
    size_t n_ms;
    pb_track_risk *risks;
    size_t n_risks;
} pb_actuals;

/*
 * Read the actuals of scenario file 'path' (already loaded as 's'): the
 * 'status' group and the milestones' 'done' / 'active' and the risks'
 * 'status'. *out owns a new pb_actuals (pb_actuals_free), empty (n_ms == 0,
 * as_of NAN) when the file has none. Errors name the file and line:
 * PB_ERR_INVALID for wrong types or values, an unknown id, a milestone both
 * done and active, a done or active milestone after one that is not done,
 * an 'as_of' date before the start or without one, an 'elapsed' past the
 * estimate's maximum without 'remaining', and states without 'as_of'.
 */
pb_status pb_actuals_load(const pb_scenario *s, const char *path, pb_actuals **out, pb_error *err);

/* Same, from the scenario's text in memory ('name' for errors). */
pb_status pb_actuals_parse(const pb_scenario *s, const char *text, const char *name,
                           pb_actuals **out, pb_error *err);

/*
 * Read a CSV file of actuals with libcsv (columns id, status = done | active
 * | todo, actual, elapsed, remaining_low, remaining_likely, remaining_high;
 * docs/track.md) into 'a', replacing the states of the milestones it names.
 * Errors name the file and line (PB_ERR_INVALID); on error 'a' may be partly changed.
 */
pb_status pb_actuals_read_csv(pb_actuals *a, const pb_scenario *s, const char *path, pb_error *err);

/* Set 'as_of' from text: a number of units or a "YYYY-MM-DD" date (needs s->start). */
pb_status pb_actuals_set_as_of(pb_actuals *a, const pb_scenario *s, const char *text,
                               pb_error *err);

/* Free. NULL is a no-op. */
void pb_actuals_free(pb_actuals *a);

/* The state given for milestone 'id', or NULL (todo). */
const pb_track_ms *pb_actuals_milestone(const pb_actuals *a, const char *id);

/*
 * The remaining work of an estimate 'd' of which 'elapsed' is used: X - e
 * given X > e. Exact for fixed (max(v - e, 0)), uniform, normal (truncated
 * at e, shifted), any estimate when e <= its minimum (shifted) and
 * triangular when e >= mode; otherwise (*exact = false) for PERT and
 * triangular the PERT on the exact support [0, max - e] with the exact mean
 * and variance, for lognormal the lognormal with the exact P50 and P90.
 * PB_ERR_INVALID when e is at or past the estimate's maximum (nothing is
 * left to condition on), except for fixed.
 */
pb_status pb_track_conditional(const pb_dist *d, double elapsed, pb_dist *out, bool *exact,
                               pb_error *err);

/*
 * The remaining scenario (see above): a copy of 's' with done milestones
 * taking no time and no people, active ones their remaining work, risks
 * passed (or on a done milestone) never firing and risks happened always
 * firing, and the asks moved to the remaining time and money (deadline -
 * as_of, budget - spent). *out owns it. PB_ERR_INVALID as for the load.
 */
pb_status pb_track_remaining(const pb_scenario *s, const pb_actuals *a, pb_scenario **out,
                             pb_error *err);

/* One milestone's part in the slip. */
typedef struct pb_track_slip {
    const char *id; /* owned by the scenario */
    pb_track_state state;
    bool effort;         /* its estimate is effort (person-units), else time */
    double planned, now; /* mean of the estimate; actual, or elapsed + mean remaining */
    double criticality;  /* in the original forecast */
} pb_track_slip;

typedef struct pb_track_result {
    double as_of;
    pb_result *before, *after; /* 'after' is of the remaining scenario (times from as_of) */
    double p50_before, p80_before, p50_after, p80_after; /* all from the start */
    double buffer;                                       /* p80_before - p50_before */
    double used;          /* p50_after - p50_before (negative: buffer gained) */
    double progress;      /* chain completed: (p50_before - remaining) / p50_before, in [0, 1] */
    double consumed;      /* used / buffer (0 when the buffer is 0 and nothing is used) */
    const char *zone;     /* "green", "yellow" or "red" */
    pb_track_slip *slips; /* done and active milestones, largest slip first */
    size_t n_slips;
    pb_plan *plans[2]; /* owned: what 'before' and 'after' point into */
} pb_track_result;

/*
 * The fever chart's numbers from the four percentiles and as_of (the
 * formulas of docs/track.md); fills buffer, used, progress, consumed, zone.
 */
void pb_track_fever(pb_track_result *r);

/*
 * Simulate 's' as planned and its remaining scenario with the same options
 * (the same seed: common random numbers) and compare them. *out owns the
 * result (pb_track_result_free). Errors as pb_track_remaining and pb_sim_run.
 */
pb_status pb_track_run(const pb_scenario *s, const pb_actuals *a, const pb_sim_opts *o,
                       pb_track_result **out, pb_error *err);

/* Free. NULL is a no-op. */
void pb_track_result_free(pb_track_result *r);

/* What a track report may add: the calibration and the calibrated re-forecast. */
typedef struct pb_track_extra {
    const pb_calib_fit *fit;           /* NULL: no history of estimates */
    const pb_track_result *calibrated; /* NULL: --calibrated not asked */
    const pb_outside *outside;         /* NULL or n == 0: no history with estimates */
} pb_track_extra;

/*
 * Write a track result: planned and re-forecast P50 and P80 with the slip,
 * the milestones behind it, the buffer and the fever chart, and what 'x'
 * adds (x may be NULL), as text or as one JSON document (docs/track.md).
 * PB_ERR_RUN when writing fails.
 */
pb_status pb_report_track_text(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r,
                               const pb_track_extra *x, pb_error *err);
pb_status pb_report_track_json(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r,
                               const pb_track_extra *x, pb_error *err);

/* One self-contained HTML page: the table and the fever chart as SVG. */
pb_status pb_report_track_html(FILE *f, const pb_report_ctx *ctx, const pb_track_result *r,
                               const pb_track_extra *x, pb_error *err);

/*
 * What a brief quotes of the tracking data in its scenario file (docs/track.md,
 * "The brief"): the actuals (the brief is then on the remaining work from
 * as_of), the provenance of the estimates, the calibration and the outside
 * view. Made and owned by pb_brief_run (pb_brief.track).
 */
typedef struct pb_brief_track {
    bool tracked;                  /* actuals present: the brief is on the remaining work */
    double as_of;                  /* units since the start (NAN: not tracked) */
    double spent;                  /* money spent to date (NAN: not given) */
    char as_of_date[16];           /* "YYYY-MM-DD" when the scenario has 'start', else "" */
    size_t n_done, n_active;       /* milestones */
    double p50_before, p80_before; /* the plan as proposed, from its start, at the brief's
                                      count and seed (p80: at the asked confidence) */
    double work[3];                /* expected work (sum of estimate means, in units or
                                      person-units) by source: data, expert, guess */
    bool has_fit;                  /* a calibration history in the scenario */
    pb_calib_fit fit;
    double raw_p80, calibrated_p80; /* of the plan the brief is on, at the asked confidence
                                       (NAN without a fit) */
    pb_outside outside;             /* n == 0: no history with estimates */
    double outside_p80;             /* uplift x the P50 of the plan as proposed (NAN: none) */
} pb_brief_track;

/* What 'check' says of a scenario file's tracking data (pb_track_check). */
typedef struct pb_track_summary {
    double as_of, spent;         /* NAN: not given */
    size_t n_done, n_active;     /* milestones */
    size_t n_passed, n_happened; /* risks */
    bool has_fit;                /* a calibration history, fitted in 'fit' */
    pb_calib_fit fit;
    size_t n_source[3]; /* milestones by source: data, expert, guess */
    pb_outside outside; /* the history projects with an 'estimate' */
} pb_track_summary;

/*
 * Read and check every tracking setting of scenario file 'path' (loaded as
 * 's'): the actuals (pb_actuals_load), the calibration list and its fit,
 * each milestone's 'source' and the history projects' 'estimate'. Errors
 * name the file and line (PB_ERR_INVALID), as the commands that use them.
 */
pb_status pb_track_check(const pb_scenario *s, const char *path, pb_track_summary *out,
                         pb_error *err);

/*
 * pb_report_check_json_audit (deal.h) with the scenario file's tracking data
 * 't' as its "tracking" member: { "actuals": { "as_of", "as_of_date",
 * "done", "active", "risks_passed", "risks_happened", "spent" },
 * "calibration": { "pairs", "too_few", "bias": {value, lo, hi}, "coverage":
 * {probability, lo, hi} }, "sources": { "data", "expert", "guess" },
 * "outside_view": { "projects", "too_few", "level", "uplift" } }, each null
 * when the file has none of it (sources: when no milestone is marked), and
 * the whole member null when 't' is NULL or has nothing: what check's text
 * lists (docs/json.md). PB_ERR_RUN when writing fails.
 */
struct pb_audit;
pb_status pb_report_check_json_tracked(FILE *f, const pb_report_ctx *ctx, const char *rulebook,
                                       size_t n_rules, const pb_gap *gaps, size_t n_gaps,
                                       const struct pb_audit *a, const pb_track_summary *t,
                                       pb_error *err);

#endif
