/*
 * report_endstate.c - the prep sheet's start, when it acts on the audit's
 * dominated finding ("We propose ... instead"), and its end state ("If all
 * of these are agreed: ..."), in text and Markdown.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/deal.h>

#include "brief_interests.h"
#include "pushback/report.h"
#include "report_internal.h"

/* "4 people (2 ml, 2 eng)" of deal d. */
static void team_text(const pb_deal_result *d, char *buf, size_t cap)
{
    size_t len = (size_t)snprintf(buf, cap, "%d people", d->people);
    bool any = false; /* a role with none is left out, as 'pushback deal' says it */
    for (size_t k = 0; k < d->n_roles && len < cap; k++) {
        if (d->team[k] <= 0)
            continue;
        len += (size_t)snprintf(buf + len, cap - len, "%s%d %s", any ? ", " : " (", d->team[k],
                                d->roles[k]);
        any = true;
    }
    if (len < cap && any)
        snprintf(buf + len, cap - len, ")");
}

/* The choices and cuts of deal d against the plan as written, each followed by ", ". */
static void choices_text(const pb_brief *b, const pb_deal_result *d, char *buf, size_t cap)
{
    const pb_scenario *s = b->scenario;
    size_t len = 0;
    char label[300];
    buf[0] = '\0';
    /* what a manager calls them (the sheet's names), never the configuration ids */
    for (size_t k = 0; k < d->n_choices && k < s->n_choices && len < cap; k++)
        if (strcmp(d->alternatives[k], s->choices[k].base))
            len += (size_t)snprintf(
                buf + len, cap - len, "'%s', ",
                pb_scenario_alternative_label(s, d->alternatives[k], label, sizeof label));
    for (size_t k = 0; k < d->n_dropped && len < cap; k++) {
        const pb_milestone *m = pb_scenario_milestone(s, d->dropped[k]);
        if (!pb__dropped_by_choice(s, d, d->dropped[k]))
            len += (size_t)snprintf(buf + len, cap - len, "without %s, ",
                                    m && m->name ? m->name : d->dropped[k]);
    }
}

void pb__brief_write_start(FILE *f, const pb_brief *b, bool md)
{
    const pb_deal_result *d = b->start;
    if (!b->start_dominating || !d || !d->feasible)
        return;
    char what[600], t[200], x[96], y[96], p[96], dl[96], bu[96];
    choices_text(b, d, what, sizeof what);
    size_t n = strlen(what);
    team_text(d, t, sizeof t);
    if (n >= 2)
        what[n - 2] = '\0'; /* no trailing ", " */
    char line[1200];
    int w = snprintf(line, sizeof line,
                     "We propose %s instead%s%s: %s and %s at %.0f%%; %s of simulated projects "
                     "finish by %s within %s.",
                     n >= 2 ? what : t, n >= 2 ? ", with " : "", n >= 2 ? t : "",
                     pb__brief_value(b, d->date.value, "time", x, sizeof x),
                     pb__brief_value(b, d->money.value, "money", y, sizeof y), 100 * d->confidence,
                     pb__brief_value(b, d->joint.value, "pct", p, sizeof p),
                     pb__brief_value(b, d->deadline, "time", dl, sizeof dl),
                     pb__brief_value(b, d->budget, "money", bu, sizeof bu));
    double lost = pb_deal_target(d);
    if (w > 0 && (size_t)w < sizeof line && isfinite(lost) && isfinite(b->start_plan_target) &&
        lost < b->start_plan_target - 0.005)
        snprintf(line + w, sizeof line - (size_t)w,
                 " It gives up quality: the target metric is met in %s of simulated projects, "
                 "against %s for the plan as written.",
                 pb__brief_value(b, lost, "pct", p, sizeof p),
                 pb__brief_value(b, b->start_plan_target, "pct", x, sizeof x));
    pb_text_put(f, line, md ? PB_ESCAPE_MD : PB_ESCAPE_TEXT);
    fputs("\n", f);
}

void pb__brief_write_end(FILE *f, const pb_brief *b, bool md)
{
    const pb_deal_result *d = b->end;
    if (!d || !d->feasible)
        return;
    char what[600], t[200], x[96], y[96], p[96], g[96], bu[96];
    choices_text(b, d, what, sizeof what);
    team_text(d, t, sizeof t);
    char line[1400];
    int w = snprintf(line, sizeof line,
                     "If all of these are agreed: %s, %s%s, within %s: %s of simulated projects do "
                     "both (cost at %.0f%%: %s).",
                     pb__brief_value(b, d->deadline, "time", x, sizeof x), what, t,
                     pb__brief_value(b, d->budget, "money", bu, sizeof bu),
                     pb__brief_value(b, d->joint.value, "pct", p, sizeof p), 100 * d->confidence,
                     pb__brief_value(b, d->money.value, "money", y, sizeof y));
    if (w > 0 && (size_t)w < sizeof line && b->end_gives_back > 0)
        snprintf(line + w, sizeof line - (size_t)w,
                 " We give back %s of the %s agreed: the agreed deal does not need it.",
                 pb__brief_value(b, b->end_gives_back, "money", g, sizeof g),
                 pb__brief_value(b, d->budget + b->end_gives_back, "money", bu, sizeof bu));
    pb_text_put(f, line, md ? PB_ESCAPE_MD : PB_ESCAPE_TEXT);
    fputs("\n\n", f);
}

void pb__brief_write_as_written(FILE *f, const pb_brief *b, bool md)
{
    const pb_deal_result *d = b->start;
    if (!b->start_dominating || !d)
        return;
    char what[600];
    choices_text(b, d, what, sizeof what);
    size_t n = strlen(what);
    if (n >= 2)
        what[n - 2] = '\0';
    else
        team_text(d, what, sizeof what);
    char line[800];
    snprintf(
        line, sizeof line,
        "The table, the chart and the drivers below are the plan as written, before %s:", what);
    pb_text_put(f, line, md ? PB_ESCAPE_MD : PB_ESCAPE_TEXT);
    fputs(md ? "\n\n" : "\n", f);
}
