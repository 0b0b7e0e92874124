/*
 * scenario_internal.h - pieces of the scenario module shared by its source
 * files, which depend one way: scenario.c (lifetime, look-ups) <-
 * scenario_fields.c (milestone, risk and estimate fields) and
 * scenario_validate.c <- scenario_edit.c (options, --set, --drop) <-
 * scenario_parse.c (the loader). Never installed.
 */
#ifndef PUSHBACK_SCENARIO_INTERNAL_H
#define PUSHBACK_SCENARIO_INTERNAL_H

#include <stdbool.h>

#include <libconfig.h>

#include <pushback/scenario.h>

#include "base/cfg.h"

/* The settings a milestone group and a risk group allow (NULL-terminated). */
extern const char *const pb__keys_milestone[];
extern const char *const pb__keys_risk[];

/*
 * The range rules of the settings that both a file and --set can give,
 * written once (RULES in scenario_fields.c) so the two cannot drift.
 */
typedef enum pb__range {
    PB__RANGE_HEADCOUNT, /* people of a role, a manager's or a past project's: 0 to PB_MAX_PEOPLE */
    PB__RANGE_TASK_PEOPLE, /* people on one milestone: 1 to PB_MAX_PEOPLE */
    PB__RANGE_OVERHEAD,    /* capacity lost per extra person: [0, 1) */
    PB__RANGE_CONFIDENCE,  /* the ask's confidence: (0, 1) */
    PB__RANGE_SCALE,       /* the work's scale against the file's: (0, 100] */
} pb__range;

/* A whole number under rule r (HEADCOUNT, TASK_PEOPLE) into *out. */
pb_status pb__range_int(const pb__origin *o, const config_setting_t *st, pb__range r, int *out);
/* A real number under rule r (OVERHEAD, CONFIDENCE) into *out. */
pb_status pb__range_number(const pb__origin *o, const config_setting_t *st, pb__range r,
                           double *out);

/* Parse one milestone setting 'key' into m (as in a milestone group or a patch). */
pb_status pb__milestone_field(const pb__origin *o, pb_milestone *m, const char *key,
                              const config_setting_t *st);
/* Parse one risk setting 'key' into r. */
pb_status pb__risk_field(const pb__origin *o, pb_risk *r, const char *key,
                         const config_setting_t *st);
/* Parse an estimate (number, [min, mode, max] or a dist group) named 'what'. */
pb_status pb__estimate(const pb__origin *o, const config_setting_t *st, const char *what,
                       pb_dist *out);
/* 'labour': "allocated" or "worked". */
pb_status pb__labour(const pb__origin *o, const config_setting_t *f, pb_labour *out);

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

/* 'calendar = { workdays; holidays; closed; }' into c (calendar.c). */
pb_status pb__parse_calendar(const pb__origin *o, pb_calendar *c, const config_setting_t *st);

/* 'metric = { name; target; items; curve; }' into cv (curve.c). */
pb_status pb__parse_metric(const pb__origin *o, pb_curve *cv, const config_setting_t *st);

/* 'manager.interests' into s (scenario_interests.c); free and deep-copy them. */
pb_status pb__parse_interests(const pb__origin *o, pb_scenario *s, const config_setting_t *list);
void pb__interests_free(pb_scenario *s);
bool pb__interests_copy(pb_scenario *c, const pb_scenario *s);

/*
 * The team's changes over time (scenario_people.c): a team entry's 'ramp',
 * 'mentor' and 'joins' into r; the top-level 'attrition' into s; free
 * s's attrition; deep-copy every role's joins and the attrition of s into c
 * (c's roles already copied shallowly; false when memory runs out, c then
 * freeable); check attrition against the team.
 */
pb_status pb__parse_role_people(const pb__origin *o, pb_role *r, const config_setting_t *g);
/* One of them, 'key' = "ramp", "mentor" or "joins" (a list), as a team entry or --set gives it. */
pb_status pb__role_people_field(const pb__origin *o, pb_role *r, const char *key,
                                const config_setting_t *f);
pb_status pb__parse_attrition(const pb__origin *o, pb_scenario *s, const config_setting_t *st);
void pb__people_free(pb_scenario *s);
bool pb__people_copy(pb_scenario *c, const pb_scenario *s);
pb_status pb__people_validate(const pb_scenario *s, pb_error *err);

/* Free v[0..n) and v. */
void pb__free_strings(char **v, size_t n);
void pb__milestone_release(pb_milestone *m);
void pb__risk_release(pb_risk *r);

#endif
