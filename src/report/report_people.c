/*
 * report_people.c - the team's changes over time in 'simulate' (text and
 * JSON), 'compare' and 'seek' (text and JSON, as simulate's) and 'check'
 * (JSON): who joins when, with what ramp-up and
 * mentoring, and who may leave (docs/ml.md). A scenario without joins or
 * attrition shows nothing new.
 */
#include <math.h>
#include <stdio.h>

#include <pushback/report.h>
#include <pushback/whatif.h>

#include "report_internal.h"

/* A join's ramp or mentoring: its own, else its role's. */
static double own_or(double own, double role)
{
    return isnan(own) ? role : own;
}

static bool has_people(const pb_scenario *s)
{
    if (s->n_attrition)
        return true;
    for (size_t r = 0; r < s->n_roles; r++)
        if (s->roles[r].n_joins)
            return true;
    return false;
}

/* The text lines of the attrition results, each after 'indent'. */
static void text_leaves(FILE *f, const pb_scenario *s, const pb_leave_result *leaves, size_t n,
                        const char *indent)
{
    char a[40], b[40];
    for (size_t j = 0; j < n; j++) {
        const pb_leave_result *x = &leaves[j];
        const char *role = x->role < s->n_roles ? s->roles[x->role].name : "?";
        fprintf(f, "%s  %-16.32s one leaves %5.1f%%   %.1f%% - %.1f%%", indent, role,
                100 * x->p_left.value, 100 * x->p_left.lo, 100 * x->p_left.hi);
        if (!isnan(x->mean_at))
            fprintf(f, "; then at %s on average, costing %s",
                    pb__fmt_num(a, sizeof a, x->mean_at, 2),
                    pb__fmt_num(b, sizeof b, x->mean_lost, 2));
        fputc('\n', f);
    }
}

void pb__text_people_lines(FILE *f, const pb_scenario *s, const pb_leave_result *leaves,
                           size_t n_leaves, const char *indent)
{
    char a[40], b[40];
    for (size_t k = 0; k < s->n_roles; k++) {
        const pb_role *ro = &s->roles[k];
        for (size_t j = 0; j < ro->n_joins; j++) {
            const pb_join *jn = &ro->joins[j];
            double ramp = own_or(jn->ramp, ro->ramp), mentor = own_or(jn->mentor, ro->mentor);
            fprintf(f, "%s  %-16.32s +%d at %s, ramp-up %s", indent, ro->name, jn->people,
                    pb__fmt_num(a, sizeof a, jn->at, 2), pb__fmt_num(b, sizeof b, ramp, 2));
            if (ramp > 0 && mentor > 0)
                fprintf(f, ", the others %.0f%% slower meanwhile", 100 * mentor);
            fputc('\n', f);
        }
    }
    text_leaves(f, s, leaves, n_leaves, indent);
}

bool pb__has_people(const pb_scenario *s)
{
    return has_people(s);
}

void pb__text_people(FILE *f, const pb_report_ctx *ctx, const pb_result *r)
{
    const pb_scenario *s = ctx->scenario;
    if (!has_people(s))
        return;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    fprintf(f, "\n%sPeople%s (%s)\n", bold, off, s->unit);
    pb__text_people_lines(f, s, r->leaves, r->n_leaves, "");
}

void pb__compare_people_text(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c)
{
    bool any = false;
    for (size_t k = 0; k < c->n_entries; k++)
        any = any || has_people(c->entries[k].scenario);
    if (!any)
        return;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    fprintf(f, "\n%sPeople joining and leaving%s (%s)\n", bold, off, ctx->scenario->unit);
    for (size_t k = 0; k < c->n_entries; k++) {
        const pb_compare_entry *e = &c->entries[k];
        if (!has_people(e->scenario))
            continue;
        fprintf(f, "  %.32s\n", e->name);
        pb__text_people_lines(f, e->scenario, e->result->leaves, e->result->n_leaves, "  ");
    }
}

json_t *pb__json_people(const pb_report_ctx *ctx, const pb_result *r)
{
    return pb__json_people_of(ctx->scenario, r ? r->leaves : NULL, r ? r->n_leaves : 0, !r);
}

json_t *pb__json_people_of(const pb_scenario *s, const pb_leave_result *leaves, size_t n_leaves,
                           bool declared)
{
    if (!has_people(s))
        return NULL;
    json_t *joins = json_array();
    for (size_t k = 0; k < s->n_roles; k++) {
        const pb_role *ro = &s->roles[k];
        for (size_t j = 0; j < ro->n_joins; j++) {
            const pb_join *jn = &ro->joins[j];
            json_array_append_new(
                joins, json_pack("{s:o, s:i, s:o, s:o, s:o}", "role", pb__json_str(ro->name),
                                 "people", jn->people, "at", pb__json_num(jn->at), "ramp",
                                 pb__json_num(own_or(jn->ramp, ro->ramp)), "mentor",
                                 pb__json_num(own_or(jn->mentor, ro->mentor))));
        }
    }
    json_t *out = json_array();
    for (size_t j = 0; declared && j < s->n_attrition; j++) { /* check: as declared */
        const pb_attrition *a = &s->attrition[j];
        json_array_append_new(
            out, json_pack("{s:o, s:o, s:o, s:o}", "role", pb__json_str(a->role), "probability",
                           pb__json_num(a->probability), "replace_mean",
                           pb__json_num(pb_dist_mean(&a->replace)), "at", pb__json_num(a->at)));
    }
    for (size_t j = 0; !declared && j < n_leaves; j++) {
        const pb_leave_result *x = &leaves[j];
        const char *role = x->role < s->n_roles ? s->roles[x->role].name : "?";
        json_array_append_new(out, json_pack("{s:o, s:o, s:o, s:o}", "role", pb__json_str(role),
                                             "left", pb__json_prob(&x->p_left), "mean_at",
                                             pb__json_num(x->mean_at), "mean_lost",
                                             pb__json_num(x->mean_lost)));
    }
    return json_pack("{s:o, s:o}", "joins", joins, "attrition", out);
}
