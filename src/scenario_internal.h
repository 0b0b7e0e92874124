/*
 * scenario_internal.h - pieces of the scenario module shared by its source
 * files (scenario.c loads and validates, scenario_edit.c changes a loaded
 * scenario). Never installed.
 */
#ifndef PUSHBACK_SCENARIO_INTERNAL_H
#define PUSHBACK_SCENARIO_INTERNAL_H

#include <stdbool.h>

#include <libconfig.h>

#include <pushback/scenario.h>

/* Where a setting comes from, for messages: a file, or "--set" with no line. */
typedef struct pb__origin {
    const char *file;
    int line;       /* used when the setting itself has no line (a --set fragment) */
    pb_status code; /* PB_ERR_INVALID for files, PB_ERR_USAGE for --set */
    pb_error *err;
    bool fragment; /* settings were parsed from a value text: their lines mean nothing */
} pb__origin;

/* Fill o->err for setting st (its line, or o->line) and return o->code. */
pb_status pb__bad(const pb__origin *o, const config_setting_t *st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Parse one milestone setting 'key' into m (as in a milestone group or a patch). */
pb_status pb__milestone_field(const pb__origin *o, pb_milestone *m, const char *key,
                              const config_setting_t *st);
/* Parse one risk setting 'key' into r. */
pb_status pb__risk_field(const pb__origin *o, pb_risk *r, const char *key,
                         const config_setting_t *st);
/* Parse an estimate (number, [min, mode, max] or a dist group) named 'what'. */
pb_status pb__estimate(const pb__origin *o, const config_setting_t *st, const char *what,
                       pb_dist *out);
/* A real number: INT, INT64 or FLOAT, finite, and >= lo. */
pb_status pb__number(const pb__origin *o, const config_setting_t *st, const char *what, double lo,
                     double *out);
/* 'labour': "allocated" or "worked". */
pb_status pb__labour(const pb__origin *o, const config_setting_t *f, pb_labour *out);
/* A whole number in [lo, hi]. */
pb_status pb__int(const pb__origin *o, const config_setting_t *st, const char *what, int lo, int hi,
                  int *out);

/* Cross-reference validation of a whole scenario (ids, references, cycles, people). */
pb_status pb__scenario_validate(const pb_scenario *s, pb_error *err);

/* Apply one edit with its origin (an option's line, or the command line); no validation. */
pb_status pb__scenario_edit_at(pb_scenario *s, const char *path, const char *value,
                               const char *file, int line, pb_status code, pb_error *err);

/*
 * pb_scenario_apply_option(), which skips the option's drops and patches of
 * milestones (and risks) s no longer has, as after a --drop; 'strict' (the
 * loader's check of each option against the base plan) refuses them.
 */
pb_status pb__scenario_apply_option(pb_scenario *s, const char *name, bool strict, pb_error *err);

/*
 * Read the text file 'path' (a 'what': "scenario", "rulebook") into *out (free),
 * refusing directories, non-regular files, files over 64 MiB and NUL bytes
 * with PB_ERR_INVALID and a message naming the file.
 */
pb_status pb__read_text_file(const char *path, const char *what, char **out, pb_error *err);

/* 'calendar = { workdays; holidays; closed; }' into c (calendar.c). */
pb_status pb__parse_calendar(const pb__origin *o, pb_calendar *c, const config_setting_t *st);

/* 'metric = { name; target; items; curve; }' into cv (curve.c). */
pb_status pb__parse_metric(const pb__origin *o, pb_curve *cv, const config_setting_t *st);

/* 'manager.interests' into s (scenario_interests.c); free and deep-copy them. */
pb_status pb__parse_interests(const pb__origin *o, pb_scenario *s, const config_setting_t *list);
void pb__interests_free(pb_scenario *s);
bool pb__interests_copy(pb_scenario *c, const pb_scenario *s);

void pb__milestone_release(pb_milestone *m);
void pb__risk_release(pb_risk *r);
char *pb__strdup(const char *s);
/* Closest of names[0..n) to 'word' (edit distance <= max(1, len/3)), or NULL. */
const char *pb__suggest(const char *word, const char *const *names, size_t n);

#endif
