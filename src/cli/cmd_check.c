/*
 * cmd_check.c - 'pushback check': load and validate a scenario with the
 * command line's edits and its rulebook, lint the proposal and audit its
 * ask. With -f json an error is also written to stdout as a JSON document.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"
#include "run.h"

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Print the error; with -f json also write it to stdout. Returns its status. */
static int check_error(const cli_opts *o, const pb_error *e, pb_status st)
{
    cli_print_error(e);
    if (o->format == FORMAT_JSON) {
        pb_error w;
        pb_report_ctx ctx = {NULL, NULL, NULL, false};
        pb_report_check_json(stdout, &ctx, NULL, 0, NULL, 0, e, &w);
    }
    return (int)st;
}

/* The scenario with --option, --set and --drop applied; 0 or the exit status. */
static int check_load(const cli_opts *o, pb_scenario **s)
{
    pb_error e;
    pb_status st = cli_scenario_open(o, s, &e);
    if (!st && o->option)
        st = pb_scenario_apply_option(*s, o->option, &e);
    if (!st)
        st = pb_scenario_set_args(*s, o->sets, o->n_sets, &e);
    for (size_t i = 0; !st && i < o->n_drops; i++)
        st = pb_scenario_drop(*s, o->drops[i], &e);
    return st ? check_error(o, &e, st) : 0;
}

/* Start the next item of the ML line: "ML:" first, then "; ". */
static void ml_item(FILE *f, bool *first)
{
    fputs(*first ? "ML: " : "; ", f);
    *first = false;
}

/* The ML features the scenario uses (docs/ml.md), one line; nothing without any. */
static void write_ml(FILE *f, const pb_scenario *s)
{
    bool first = true;
    for (size_t i = 0; i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        if (m->rounds.max) {
            ml_item(f, &first);
            fprintf(f, "%s loops (rounds, max %d%s)", m->id, m->rounds.max,
                    m->gate ? ", a gate" : "");
        }
        if (m->has_per_item) {
            ml_item(f, &first);
            fprintf(f, "%s scales with %.0f items", m->id, m->items);
        }
        if (m->has_growth) {
            ml_item(f, &first);
            fprintf(f, "%s has its own growth", m->id);
        }
    }
    if (s->curve.present) {
        ml_item(f, &first);
        fprintf(f, "learning curve '%s' at %.0f items%s%s", s->curve.name,
                pb_scenario_curve_items(s), s->curve.items_from[0] ? " of " : "",
                s->curve.items_from);
    }
    if (s->has_growth) {
        ml_item(f, &first);
        fputs("scope growth", f);
    }
    if (s->calendar.present) {
        ml_item(f, &first);
        fprintf(f, "working calendar (%d days a week, %zu holidays, %zu closures)",
                s->calendar.n_workdays, s->calendar.n_holidays, s->calendar.n_closed);
    }
    if (!first)
        fputc('\n', f);
}

/* The team's changes over time (docs/ml.md), one line each. */
static void check_people(FILE *f, const pb_scenario *s)
{
    for (size_t r = 0; r < s->n_roles; r++) {
        const pb_role *ro = &s->roles[r];
        for (size_t j = 0; j < ro->n_joins; j++) {
            const pb_join *jn = &ro->joins[j];
            double ramp = jn->ramp == jn->ramp ? jn->ramp : ro->ramp; /* NAN: the role's */
            double mentor = jn->mentor == jn->mentor ? jn->mentor : ro->mentor;
            fprintf(f, "  joins: %d %s at %g %s, ramp-up %g, mentoring %g\n", jn->people, ro->name,
                    jn->at, s->unit, ramp, mentor);
        }
    }
    for (size_t j = 0; j < s->n_attrition; j++) {
        const pb_attrition *a = &s->attrition[j];
        fprintf(f, "  attrition: one %s leaves with probability %g", a->role, a->probability);
        if (a->at == a->at) /* NAN: at a uniform time within the project */
            fprintf(f, " at %g %s", a->at, s->unit);
        fprintf(f, ", replaced after %g %s on average\n", pb_dist_mean(&a->replace), s->unit);
    }
}

pb_status cli_write_check_text(FILE *f, const pb_report_ctx *ctx, const void *what, pb_error *err)
{
    const cli_checked *c = what;
    const pb_scenario *s = ctx->scenario;
    size_t n_effort = 0;
    for (size_t i = 0; i < s->n_milestones; i++)
        n_effort += s->milestones[i].has_effort;
    fprintf(f,
            "%s: valid (version 1): %zu %s (%zu with effort), %zu %s, %zu %s, %zu %s; "
            "rulebook %s: %zu %s; labour %s\n",
            c->name, s->n_milestones, plural(s->n_milestones, "milestone", "milestones"), n_effort,
            s->n_roles, plural(s->n_roles, "role", "roles"), s->n_risks,
            plural(s->n_risks, "risk", "risks"), s->n_options,
            plural(s->n_options, "option", "options"), c->rulebook, c->n_rules,
            plural(c->n_rules, "rule", "rules"), pb_scenario_labour_name(s));
    write_ml(f, s);
    check_people(f, s);
    cli_check_tracking_text(f, s, c->track);
    if (c->n_gaps) {
        fprintf(f, "\nWhat a manager will ask about the proposal (most damaging first):\n");
        for (size_t k = 0; k < c->n_gaps; k++)
            fprintf(f, "%2zu. [%d] %s\n      add: %s\n", k + 1, c->gaps[k].weight,
                    c->gaps[k].question, c->gaps[k].fix);
    } else {
        fprintf(f, "The proposal has every section a manager asks about.\n");
    }
    return pb_report_audit_text(f, ctx, c->audit, err);
}

/* Lint and audit a loaded scenario and write the report; 0 or 1. */
static int check_report(const cli_opts *o, const pb_scenario *s, const char *path,
                        const pb_rulebook *rb)
{
    pb_error e;
    cli_checked c = {strcmp(o->scenario, "-") ? o->scenario : "<stdin>",
                     path,
                     pb_rulebook_n_rules(rb),
                     NULL,
                     0,
                     NULL,
                     NULL};
    pb_gap *gaps = NULL;
    pb_audit *audit = NULL;
    int rc = 0;
    pb_track_summary track; /* the tracking settings the loader leaves to track */
    pb_status st = strcmp(o->scenario, "-") ? pb_track_check(s, o->scenario, &track, &e) : PB_OK;
    if (st)
        return check_error(o, &e, st);
    c.track = strcmp(o->scenario, "-") ? &track : NULL;
    if (pb_proposal_gaps(s, &gaps, &c.n_gaps, &e) ||
        ((!o->quiet || o->format == FORMAT_JSON) &&
         pb_audit_run(s, 0, o->seed, o->threads, &audit, &e))) {
        cli_print_error(&e);
        rc = 1;
    } else if (!o->quiet || o->format == FORMAT_JSON) {
        c.gaps = gaps;
        c.audit = audit;
        pb_report_ctx ctx = {s, NULL, NULL, false};
        rc = cli_write_report(NULL, cli_writer_find("check", o->format), &ctx, &c, true);
    }
    pb_audit_free(audit);
    pb_gaps_free(gaps, c.n_gaps);
    return rc;
}

int cmd_check(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = check_load(o, &s);
    if (rc) {
        pb_scenario_free(s);
        return rc;
    }
    pb_error e;
    char path[PATH_MAX];
    pb_rulebook *rb = NULL;
    pb_status st = cli_load_rulebook(o, s, &rb, path, sizeof path, &e);
    rc = st ? check_error(o, &e, st) : check_report(o, s, path, rb);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return rc;
}
