/*
 * track_check.c - the tracking data of a scenario file checked at once, for
 * 'check' (track.h): the actuals, the calibration history with its fit, the
 * estimates' sources and the reference class of the history projects. The
 * loaders leave these settings to the commands that use them; this reads
 * every one, so that an error in any of them is found before a review, at
 * its file and line.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/track.h>

#include "base/cfg.h"

/* The actuals' counts into out. */
static pb_status actuals(const pb_scenario *s, const char *text, const char *path,
                         pb_track_summary *out, pb_error *err)
{
    pb_actuals *a = NULL;
    pb_status rc = pb_actuals_parse(s, text, path, &a, err);
    if (rc)
        return rc;
    out->as_of = a->as_of;
    out->spent = a->spent;
    for (size_t i = 0; i < a->n_ms; i++) {
        out->n_done += a->ms[i].state == PB_TRACK_DONE;
        out->n_active += a->ms[i].state == PB_TRACK_ACTIVE;
    }
    for (size_t i = 0; i < a->n_risks; i++) {
        out->n_passed += a->risks[i].state == PB_RISK_PASSED;
        out->n_happened += a->risks[i].state == PB_RISK_HAPPENED;
    }
    pb_actuals_free(a);
    return PB_OK;
}

/* The calibration pairs and their fit; the sources written. */
static pb_status calibration(const pb_scenario *s, const char *text, const char *path,
                             pb_track_summary *out, pb_error *err)
{
    pb_calibration *k = NULL;
    const char **src = NULL;
    pb_status rc = pb_calibration_parse(text, path, &k, err);
    if (!rc && k->n_pairs && !(rc = pb_calibration_fit(k, &out->fit, err)))
        out->has_fit = true;
    if (!rc)
        rc = pb_calibration_sources(s, text, path, &src, err);
    for (size_t i = 0; !rc && i < s->n_milestones; i++)
        out->n_source[!strcmp(src[i], "data") ? 0 : !strcmp(src[i], "expert") ? 1 : 2]++;
    free(src);
    pb_calibration_free(k);
    return rc;
}

pb_status pb_track_check(const pb_scenario *s, const char *path, pb_track_summary *out,
                         pb_error *err)
{
    memset(out, 0, sizeof *out);
    out->as_of = out->spent = NAN;
    out->outside.uplift = NAN;
    /* a file without tracking settings is not read again (check and simulate of a file of
       100,000 milestones would parse it four more times) */
    if (!s->tracking && !s->n_history)
        return PB_OK;
    char *text = NULL;
    pb_status rc = pb__read_text_file(path, "scenario", &text, err);
    if (!rc && (s->tracking & PB_TRACKING_ACTUALS))
        rc = actuals(s, text, path, out, err);
    if (!rc && (s->tracking & PB_TRACKING_CALIBRATION))
        rc = calibration(s, text, path, out, err);
    if (!rc && s->n_history)
        rc = pb_outside_view(text, path, isnan(s->ask_confidence) ? 0.8 : s->ask_confidence,
                             &out->outside, err);
    free(text);
    return rc;
}
