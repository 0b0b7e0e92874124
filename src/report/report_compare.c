/*
 * report_compare.c - writers for 'compare': the plans side by side, then
 * each option's paired differences against the base (and named pairs).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pushback/report.h"
#include "report_internal.h"

/* Percentile k of a summary: indices into pb_stats_levels. */
enum {
    L50 = 5,
    L80 = 8,
    L90 = 9
};

static const char *signed_num(char *buf, size_t cap, double x, int dec)
{
    char tmp[48];
    pb__fmt_num(tmp, sizeof tmp, fabs(x), dec);
    snprintf(buf, cap, "%s%s", x > 0 ? "+" : x < 0 ? "-" : "", tmp);
    return buf;
}

/* "+2.31 (2.29 to 2.33)" */
static const char *diff_text(char *buf, size_t cap, const pb_interval *v, int dec)
{
    char a[64], b[64], c[64];
    if (!isfinite(v->lo) || !isfinite(v->hi)) /* no interval: too few iterations */
        snprintf(buf, cap, "%.60s (n/a)", signed_num(a, sizeof a, v->value, dec));
    else
        snprintf(buf, cap, "%.60s (%.60s to %.60s)", signed_num(a, sizeof a, v->value, dec),
                 signed_num(b, sizeof b, v->lo, dec), signed_num(c, sizeof c, v->hi, dec));
    return buf;
}

static void paired_lines(FILE *f, const char *label, const pb_paired *d, const pb_comparison *c,
                         const char *unit, const char *currency, int money_dec)
{
    char a[256], b[256], e[256];
    fprintf(f, "  %s\n", label);
    fprintf(f, "    finish, mean      %s %s\n", diff_text(a, sizeof a, &d->mean, 2), unit);
    fprintf(f, "    finish, P50       %s\n", diff_text(a, sizeof a, &d->p50, 2));
    fprintf(f, "    finish, P80       %s\n", diff_text(a, sizeof a, &d->p80, 2));
    fprintf(f, "    finish, P90       %s\n", diff_text(a, sizeof a, &d->p90, 2));
    if (!isnan(c->deadline)) {
        pb_interval pts = {100 * d->p_deadline.value, 100 * d->p_deadline.lo,
                           100 * d->p_deadline.hi};
        fprintf(f, "    P(by deadline)    %s points\n", diff_text(a, sizeof a, &pts, 1));
    }
    fprintf(f, "    cost, mean        %s %s\n", diff_text(b, sizeof b, &d->cost_mean, money_dec),
            currency);
    fprintf(f, "    cost, P80         %s %s\n", diff_text(e, sizeof e, &d->cost_p80, money_dec),
            currency);
    fprintf(f, "    finishes earlier  %.1f%% of iterations, later %.1f%%\n",
            100 * d->p_before.value, 100 * d->p_after.value);
}

/* The options side by side: percentiles of the finish and the cost, and the chances. */
static void options_table(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c, size_t w)
{
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[64], b[64], d[64], g[64], h[64];
    char dl[32] = "", bl[32] = "";
    if (!isnan(c->deadline))
        snprintf(dl, sizeof dl, "<=%s", pb__fmt_num(a, sizeof a, c->deadline, 1));
    if (!isnan(c->budget))
        snprintf(bl, sizeof bl, "<=%s", pb__fmt_num(a, sizeof a, c->budget, 0));
    int money_dec = pb__decimals(c->entries[0].result->cost.pct[L80].value);
    fprintf(f, "\n%s%-*s %8s %8s %8s %9s %12s %12s %11s %7s%s\n", bold, (int)w, "option", "P50",
            "P80", "P90", dl[0] ? dl : "-", "cost P50", "cost P80", bl[0] ? bl : "-", "both", off);
    for (size_t k = 0; k < c->n_entries; k++) {
        const pb_result *r = c->entries[k].result;
        char pd[16] = "-", pbud[16] = "-", pj[16] = "-";
        if (r->has_deadline)
            snprintf(pd, sizeof pd, "%.1f%%", 100 * r->p_deadline.value);
        if (r->has_budget)
            snprintf(pbud, sizeof pbud, "%.1f%%", 100 * r->p_budget.value);
        if (r->has_deadline && r->has_budget)
            snprintf(pj, sizeof pj, "%.1f%%", 100 * r->p_joint.value);
        fprintf(f, "%-*.*s %8s %8s %8s %9s %12s %12s %11s %7s\n", (int)w, (int)w,
                c->entries[k].name, pb__fmt_num(a, sizeof a, r->duration.pct[L50].value, 2),
                pb__fmt_num(b, sizeof b, r->duration.pct[L80].value, 2),
                pb__fmt_num(d, sizeof d, r->duration.pct[L90].value, 2), pd,
                pb__fmt_num(g, sizeof g, r->cost.pct[L50].value, money_dec),
                pb__fmt_num(h, sizeof h, r->cost.pct[L80].value, money_dec), pbud, pj);
    }
}

/* The team of each option per role, and its labour. */
static void people_table(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c, size_t w)
{
    const pb_scenario *s = ctx->scenario;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[64];
    fprintf(f, "\n%s%-*s", bold, (int)w, "people");
    for (size_t r = 0; r < s->n_roles; r++)
        fprintf(f, " %10.10s", s->roles[r].name);
    fprintf(f, "   labour (person-%s, mean)%s\n", s->unit, off);
    for (size_t k = 0; k < c->n_entries; k++) {
        const pb_compare_entry *e = &c->entries[k];
        fprintf(f, "%-*.*s", (int)w, (int)w, e->name);
        for (size_t r = 0; r < s->n_roles; r++) {
            const pb_role *role = pb_scenario_role(e->scenario, s->roles[r].name);
            fprintf(f, " %10d", role ? role->people : 0);
        }
        fputs("  ", f);
        for (size_t r = 0; r < s->n_roles && r < e->result->n_roles; r++)
            fprintf(f, " %s %s", s->roles[r].name,
                    pb__fmt_num(a, sizeof a, e->result->labour[r], 1));
        fputc('\n', f);
    }
}

pb_status pb_report_compare_text(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c,
                                 const char *const *pairs, const pb_paired *pair_results,
                                 size_t n_pairs, pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[64];
    int money_dec = pb__decimals(c->entries[0].result->cost.pct[L80].value);
    char name[PB__TEXT_CAP], cur[PB__TEXT_CAP];
    pb__text_clean(name, sizeof name, s->name);
    pb__text_clean(cur, sizeof cur, s->currency);
    fprintf(f, "%s%s%s: options compared on the same random draws\n", bold, name, off);
    fprintf(f, "%s iterations each, seed %llu; time in %s, money in %s; labour %s\n",
            pb__fmt_num(a, sizeof a, (double)c->iterations, 0), (unsigned long long)c->seed,
            s->unit, cur, pb_scenario_labour_name(s));
    size_t w = 8;
    for (size_t k = 0; k < c->n_entries; k++)
        if (strlen(c->entries[k].name) > w)
            w = strlen(c->entries[k].name) < 24 ? strlen(c->entries[k].name) : 24;
    options_table(f, ctx, c, w);
    pb__compare_metric_text(f, ctx, c, w);
    if (s->n_roles)
        people_table(f, ctx, c, w);
    pb__compare_people_text(f, ctx, c);
    if (c->n_entries <= 16) {
        const char *names[16];
        const pb_result *rs[16];
        for (size_t k = 0; k < c->n_entries; k++) {
            names[k] = c->entries[k].name;
            rs[k] = c->entries[k].result;
        }
        pb__text_ranges(f, ctx, names, rs, c->n_entries);
    }
    if (c->n_entries > 1) {
        fprintf(f, "\n%sAgainst the base%s (option minus base, per iteration; 95%% intervals)\n",
                bold, off);
        for (size_t k = 1; k < c->n_entries; k++)
            paired_lines(f, c->entries[k].name, &c->entries[k].vs_base, c, s->unit, cur, money_dec);
    }
    for (size_t k = 0; k < n_pairs; k++) {
        char label[200];
        snprintf(label, sizeof label, "%s minus %s", pairs[2 * k + 1], pairs[2 * k]);
        if (!k)
            fprintf(f, "\n%sPairs%s\n", bold, off);
        paired_lines(f, label, &pair_results[k], c, s->unit, cur, money_dec);
    }
    if (ctx->command)
        fprintf(f, "\nReproduce: %s\n", ctx->command);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}

static json_t *paired_json(const pb_paired *d, bool has_deadline)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "mean",
                     pb__json_interval(&d->mean), "p50", pb__json_interval(&d->p50), "p80",
                     pb__json_interval(&d->p80), "p90", pb__json_interval(&d->p90), "p_deadline",
                     has_deadline ? pb__json_interval(&d->p_deadline) : json_null(), "p_before",
                     pb__json_prob(&d->p_before), "p_after", pb__json_prob(&d->p_after),
                     "cost_mean", pb__json_interval(&d->cost_mean), "cost_p80",
                     pb__json_interval(&d->cost_p80));
}

static json_t *chance_json(bool has, const pb_interval *v)
{
    return has ? pb__json_prob(v) : json_null();
}

pb_status pb_report_compare_json(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c,
                                 const char *const *pairs, const pb_paired *pair_results,
                                 size_t n_pairs, pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    json_t *doc = pb__json_header(ctx, c->iterations, c->seed);
    json_object_set_new(doc, "deadline", pb__json_num(c->deadline));
    json_object_set_new(doc, "budget", pb__json_num(c->budget));
    json_t *opts = json_array();
    for (size_t k = 0; k < c->n_entries; k++) {
        const pb_compare_entry *e = &c->entries[k];
        const pb_result *r = e->result;
        json_t *people = json_object(), *labour = json_object();
        for (size_t q = 0; q < s->n_roles; q++) {
            const pb_role *role = pb_scenario_role(e->scenario, s->roles[q].name);
            json_object_set_new(people, s->roles[q].name, json_integer(role ? role->people : 0));
            if (q < r->n_roles)
                json_object_set_new(labour, s->roles[q].name, pb__json_num(r->labour[q]));
        }
        json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "name",
                              pb__json_str(e->name), "duration", pb__json_summary(&r->duration),
                              "cost", pb__json_summary(&r->cost), "deadline",
                              chance_json(r->has_deadline, &r->p_deadline), "budget",
                              chance_json(r->has_budget, &r->p_budget), "joint",
                              chance_json(r->has_deadline || r->has_budget, &r->p_joint), "people",
                              people, "labour", labour);
        json_object_set_new(o, "vs_base",
                            k ? paired_json(&e->vs_base, !isnan(c->deadline)) : json_null());
        pb__compare_metric_json(o, ctx, r);
        json_t *changes = pb__json_people_of(e->scenario, r->leaves, r->n_leaves, false);
        if (changes)
            json_object_set_new(o, "team_changes", changes);
        json_array_append_new(opts, o);
    }
    json_object_set_new(doc, "options", opts);
    json_t *pj = json_array();
    for (size_t k = 0; k < n_pairs; k++) {
        json_t *o = json_pack("{s:o, s:o}", "a", pb__json_str(pairs[2 * k]), "b",
                              pb__json_str(pairs[2 * k + 1]));
        json_object_set_new(o, "b_minus_a", paired_json(&pair_results[k], !isnan(c->deadline)));
        json_array_append_new(pj, o);
    }
    json_object_set_new(doc, "pairs", pj);
    if (ctx->command)
        json_object_set_new(doc, "command", pb__json_str(ctx->command));
    return pb__json_write(f, doc, err);
}

pb_status pb_report_compare_csv(FILE *f, const pb_report_ctx *ctx, const pb_comparison *c,
                                pb_error *err)
{
    (void)ctx;
    fputs("option,p10,p50,p80,p90,mean,p_deadline,cost_p50,cost_p80,p_budget,p_joint,"
          "d_mean,d_p80,d_p80_lo,d_p80_hi,p_before,p_after",
          f);
    pb__compare_metric_csv_header(f, c);
    fputs("\r\n", f);
    for (size_t k = 0; k < c->n_entries; k++) {
        const pb_compare_entry *e = &c->entries[k];
        const pb_result *r = e->result;
        const pb_paired *d = &e->vs_base;
        pb__csv_cell(f, e->name); /* an id may start with '-' */
        fprintf(f, ",%.10g,%.10g,%.10g,%.10g,%.10g,", r->duration.pct[PB_P10].value,
                r->duration.pct[PB_P50].value, r->duration.pct[PB_P80].value,
                r->duration.pct[PB_P90].value, r->duration.mean);
        if (r->has_deadline)
            fprintf(f, "%.10g", r->p_deadline.value);
        fprintf(f, ",%.10g,%.10g,", r->cost.pct[PB_P50].value, r->cost.pct[PB_P80].value);
        if (r->has_budget)
            fprintf(f, "%.10g", r->p_budget.value);
        fputc(',', f);
        if (r->has_deadline || r->has_budget)
            fprintf(f, "%.10g", r->p_joint.value);
        fprintf(f, ",%.10g,%.10g,", d->mean.value, d->p80.value);
        if (isfinite(d->p80.lo) && isfinite(d->p80.hi)) /* empty: no interval (too few) */
            fprintf(f, "%.10g,%.10g", d->p80.lo, d->p80.hi);
        else
            fputc(',', f);
        fprintf(f, ",%.10g,%.10g", d->p_before.value, d->p_after.value);
        pb__compare_metric_csv_row(f, c, r);
        fputs("\r\n", f);
    }
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the comparison");
    return PB_OK;
}
