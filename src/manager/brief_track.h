/*
 * brief_track.h - what a brief takes from the tracking data of its scenario
 * file (internal; pb_brief_track in track.h): the remaining scenario when
 * the file has actuals, and the facts of the provenance, calibration and
 * outside-view moves (calib.*, source.*, outside.*).
 */
#ifndef PUSHBACK_BRIEF_TRACK_H
#define PUSHBACK_BRIEF_TRACK_H

#include <pushback/rules.h>
#include <pushback/track.h>

#include "facts.h"

/*
 * A new *out for scenario 'src' (as loaded from src->path). With
 * o->actuals and actuals in the file or in o->actuals_csv, *rest is its
 * remaining scenario (owned by the caller; the brief is made on it) and
 * out->tracked is set; else *rest is NULL. A scenario without a readable
 * file (src->path NULL or "-") has no tracking data but what the CSV files
 * of 'o' give. Errors name the file and line.
 */
pb_status pb__brief_track_prepare(const pb_scenario *src, const pb_brief_opts *o,
                                  pb_brief_track **out, pb_scenario **rest, pb_error *err);

/*
 * Fill t from the file of 'src' for 's', the scenario the brief is on:
 * the work by source, the calibration fit and the calibrated P80 of 's',
 * the outside view, and with actuals the plan as proposed ('src') simulated
 * at the same count and seed; then set the facts, with what the confidence
 * rests on by source (brief_basis.h, from 'base', the base run of 's'). 'n'
 * is the brief's count, 'p50' and 'p80' its P50 and its quantile at the
 * asked confidence (of 's').
 */
pb_status pb__brief_track_run(pb_brief_track *t, const pb_scenario *src, const pb_scenario *s,
                              const pb_brief_opts *o, const pb_result *base, size_t n, double p50,
                              double p80, pb__facts *f, pb_error *err);

void pb__brief_track_free(pb_brief_track *t);

#endif
