/*
 * brief_keyperson.c - the 'attrition' setting behind the manager's "what if
 * one of your people leaves?" (brief_keyperson.h). The setting is written as
 * libconfig text so that the deal the brief quotes carries it in its --set
 * list and 'pushback deal --set attrition=...' evaluates it again.
 */
#include "brief_keyperson.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/dist.h>

void pb__cfg_number(char *b, size_t cap, double x)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(b, cap, "%.*g", prec, x);
        if (strtod(b, NULL) == x)
            break;
    }
    if (!strpbrk(b, ".eEn"))
        strncat(b, ".0", cap - strlen(b) - 1);
}

/* The estimate d as a scenario writes it: a number, [min, mode, max] or a { dist = ...; } group. */
static void estimate(char *b, size_t cap, const pb_dist *d)
{
    char x[4][40];
    switch (d->kind) {
    case PB_DIST_FIXED:
        pb__cfg_number(b, cap, d->value);
        return;
    case PB_DIST_PERT:
        pb__cfg_number(x[0], sizeof x[0], d->min);
        pb__cfg_number(x[1], sizeof x[1], d->mode);
        pb__cfg_number(x[2], sizeof x[2], d->max);
        pb__cfg_number(x[3], sizeof x[3], d->lambda);
        if (d->lambda == 4.0)
            snprintf(b, cap, "[%s, %s, %s]", x[0], x[1], x[2]);
        else
            snprintf(b, cap, "{ dist = \"pert\"; min = %s; mode = %s; max = %s; lambda = %s; }",
                     x[0], x[1], x[2], x[3]);
        return;
    case PB_DIST_TRIANGULAR:
    case PB_DIST_UNIFORM:
        pb__cfg_number(x[0], sizeof x[0], d->min);
        pb__cfg_number(x[1], sizeof x[1], d->mode);
        pb__cfg_number(x[2], sizeof x[2], d->max);
        if (d->kind == PB_DIST_UNIFORM)
            snprintf(b, cap, "{ dist = \"uniform\"; min = %s; max = %s; }", x[0], x[2]);
        else
            snprintf(b, cap, "{ dist = \"triangular\"; min = %s; mode = %s; max = %s; }", x[0],
                     x[1], x[2]);
        return;
    case PB_DIST_LOGNORMAL:
        pb__cfg_number(x[0], sizeof x[0], d->p10);
        pb__cfg_number(x[1], sizeof x[1], d->p90);
        snprintf(b, cap, "{ dist = \"lognormal\"; p10 = %s; p90 = %s; }", x[0], x[1]);
        return;
    case PB_DIST_NORMAL:
        pb__cfg_number(x[0], sizeof x[0], d->mean);
        pb__cfg_number(x[1], sizeof x[1], d->sd);
        snprintf(b, cap, "{ dist = \"normal\"; mean = %s; sd = %s; }", x[0], x[1]);
        return;
    }
}

/* Days in a week in the scenario's unit: 7 (the calendar's working days with one); 1 in weeks. */
static double per_week(const pb_scenario *s)
{
    if (!strcmp(s->unit, "days"))
        return s->calendar.present && s->calendar.n_workdays > 0 ? s->calendar.n_workdays : 7.0;
    return 1.0;
}

/* One entry "{ role = ...; probability = P; replace = R; [at = A;] }" appended to b. */
static bool entry(char *b, size_t cap, const char *role, double p, const pb_dist *replace,
                  double at)
{
    char pr[40], rp[512], a[60] = "";
    pb__cfg_number(pr, sizeof pr, p);
    estimate(rp, sizeof rp, replace);
    if (!isnan(at)) {
        char x[40];
        pb__cfg_number(x, sizeof x, at);
        snprintf(a, sizeof a, " at = %s;", x);
    }
    size_t n = strlen(b);
    int w = snprintf(b + n, cap - n, "%s{ role = \"%s\"; probability = %s; replace = %s;%s }",
                     n > strlen("attrition=(") ? ", " : " ", role, pr, rp, a);
    return w >= 0 && (size_t)w < cap - n;
}

pb_status pb__key_person_set(const pb_scenario *s, const char *role, char *set, size_t cap,
                             char *said, size_t said_cap, pb_error *err)
{
    const pb_attrition *own = NULL;
    bool ok = (size_t)snprintf(set, cap, "attrition=(") < cap;
    for (size_t i = 0; ok && i < s->n_attrition; i++) {
        const pb_attrition *a = &s->attrition[i];
        bool it = !strcmp(a->role, role);
        own = it ? a : own;
        ok = entry(set, cap, a->role, it ? 1.0 : a->probability, &a->replace, a->at);
    }
    const double weeks[3] = PB__KEY_PERSON_REPLACE_WEEKS, k = per_week(s);
    const double months[3] = PB__KEY_PERSON_REPLACE_MONTHS;
    pb_dist def = !strcmp(s->unit, "months")
                      ? pb_dist_pert(months[0], months[1], months[2])
                      : pb_dist_pert(weeks[0] * k, weeks[1] * k, weeks[2] * k);
    if (ok && !own)
        ok = entry(set, cap, role, 1.0, &def, NAN);
    size_t n = strlen(set);
    ok = ok && n + 2 < cap;
    if (!ok)
        return pb_error_set(err, PB_ERR_INVALID, "", 0,
                            "the scenario's attrition entries are too long to restate in one "
                            "--set (at most %zu characters)",
                            cap);
    memcpy(set + n, " )", 3);
    if (own)
        snprintf(said, said_cap, "after %.3g %s on average (the scenario's estimate)",
                 pb_dist_mean(&own->replace), s->unit);
    else
        snprintf(said, said_cap,
                 "after %.3g to %.3g %s (%.3g most likely; a default: the scenario states no "
                 "attrition for %s)",
                 def.min, def.max, s->unit, def.mode, role);
    return PB_OK;
}
