/*
 * brief_addlater.c - the 'joins' setting behind the manager's "if it's late,
 * we'll add people then" (brief_addlater.h). The setting is written as
 * libconfig text so that the deal the brief quotes carries it in its --set
 * list and 'pushback deal --set team.ROLE.joins=...' evaluates it again.
 */
#include "brief_addlater.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/expr.h>

#include "brief_keyperson.h"

/* One join "{ people = N; at = A; [ramp = R;] [mentor = M;] }" appended to b. */
static bool entry(char *b, size_t cap, int people, double at, double ramp, double mentor)
{
    char a[40], r[60] = "", m[60] = "", x[40];
    pb__cfg_number(a, sizeof a, at);
    if (!isnan(ramp)) {
        pb__cfg_number(x, sizeof x, ramp);
        snprintf(r, sizeof r, " ramp = %s;", x);
    }
    if (!isnan(mentor)) {
        pb__cfg_number(x, sizeof x, mentor);
        snprintf(m, sizeof m, " mentor = %s;", x);
    }
    size_t n = strlen(b);
    int w = snprintf(b + n, cap - n, "%s{ people = %d; at = %s;%s%s }",
                     b[n - 1] == '(' ? " " : ", ", people, a, r, m);
    return w >= 0 && (size_t)w < cap - n;
}

/* Days in a week in the scenario's unit: 7 (the calendar's working days with one); 1 in weeks. */
static double per_week(const pb_scenario *s)
{
    if (!strcmp(s->unit, "days"))
        return s->calendar.present && s->calendar.n_workdays > 0 ? s->calendar.n_workdays : 7.0;
    return 1.0;
}

pb_status pb__add_later_set(const pb_scenario *s, const char *role, int people, double at,
                            char *set, size_t cap, char *said, size_t said_cap, pb_error *err)
{
    const pb_role *r = NULL;
    for (size_t k = 0; k < s->n_roles && !r; k++)
        if (!strcmp(s->roles[k].name, role))
            r = &s->roles[k];
    if (!r)
        return pb_error_set(err, PB_ERR_INVALID, "", 0, "the scenario has no role '%s'", role);
    double ramp = r->ramp > 0                  ? NAN
                  : !strcmp(s->unit, "months") ? PB__ADD_LATER_RAMP_MONTHS
                                               : PB__ADD_LATER_RAMP_WEEKS * per_week(s);
    bool ok = (size_t)snprintf(set, cap, "team.%s.joins=(", role) < cap;
    for (size_t k = 0; ok && k < r->n_joins; k++)
        ok = entry(set, cap, r->joins[k].people, r->joins[k].at, r->joins[k].ramp,
                   r->joins[k].mentor);
    ok = ok && entry(set, cap, people, at, ramp, NAN);
    size_t n = strlen(set);
    ok = ok && n + 2 < cap;
    if (!ok)
        return pb_error_set(err, PB_ERR_INVALID, "", 0,
                            "the role's joins are too long to restate in one --set (at most %zu "
                            "characters)",
                            cap);
    memcpy(set + n, " )", 3);
    /* the ramp as the sheet writes time: "1 month", not "1 months" */
    char span[64];
    pb_format_ctx fmt = {s->unit, s->currency, NULL};
    pb_status rc =
        pb_format_value(isnan(ramp) ? r->ramp : ramp, "time", &fmt, span, sizeof span, err);
    if (rc)
        return rc;
    if (isnan(ramp))
        snprintf(said, said_cap, "ramping up over %s (the role's)", span);
    else
        snprintf(said, said_cap, "ramping up over %s (a default: the role states no ramp)", span);
    return PB_OK;
}
