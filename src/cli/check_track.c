/*
 * check_track.c - what 'check' says of a scenario's tracking data
 * (docs/track.md): the actuals, the calibration history, the estimates'
 * sources and the reference class, one line each when present.
 */
#include <math.h>
#include <stdio.h>

#include <pushback/pushback.h>

#include "writers.h"

static void tracking(FILE *f, const pb_scenario *s, const pb_track_summary *t)
{
    char date[11];
    fprintf(f, "Tracking: as of %g %s", t->as_of, s->unit);
    if (pb_report_date(s, t->as_of, date))
        fprintf(f, " (%s)", date);
    fprintf(f, ": %zu milestone%s done, %zu active; risks %zu passed, %zu happened", t->n_done,
            t->n_done == 1 ? "" : "s", t->n_active, t->n_passed, t->n_happened);
    if (isfinite(t->spent))
        fprintf(f, "; spent %s %.0f", s->currency, t->spent);
    fputc('\n', f);
}

static void calibration(FILE *f, const pb_track_summary *t)
{
    const pb_calib_fit *k = &t->fit;
    fprintf(f, "Calibration: %zu past estimate%s, bias %.2fx", k->n, k->n == 1 ? "" : "s",
            k->bias.value);
    if (isfinite(k->bias.lo) && isfinite(k->bias.hi))
        fprintf(f, " (95%% CI %.2f-%.2f)", k->bias.lo, k->bias.hi);
    else
        fputs(" (one pair: no interval)", f);
    fprintf(f, ", %.0f%% of actuals inside their range%s\n", 100 * k->coverage.value,
            k->few ? "; fewer than 5: too few to rely on" : "");
}

void cli_check_tracking_text(FILE *f, const pb_scenario *s, const pb_track_summary *t)
{
    if (!t)
        return;
    if (isfinite(t->as_of))
        tracking(f, s, t);
    if (t->has_fit)
        calibration(f, t);
    if (t->n_source[0] || t->n_source[1])
        fprintf(f,
                "Estimate sources: %zu data, %zu expert, %zu guess (unmarked ones count as "
                "guesses)\n",
                t->n_source[0], t->n_source[1], t->n_source[2]);
    if (t->outside.n)
        fprintf(
            f, "Outside view: %zu history project%s with an estimate, uplift %.2fx at P%.0f%s\n",
            t->outside.n, t->outside.n == 1 ? "" : "s", t->outside.uplift, 100 * t->outside.level,
            t->outside.few ? " (fewer than 5: a weak reference class)" : "");
}
