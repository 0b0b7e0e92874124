/*
 * report_text.c - the text writer for 'simulate': aligned tables a person
 * reads in a terminal, with each estimate's 95% interval beside it, dates
 * when the scenario has a start, and a histogram drawn in block characters.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/format.h"
#include "pushback/calibrate.h"
#include "pushback/report.h"
#include "report_internal.h"

bool pb_report_date(const pb_scenario *s, double value, char buf[11])
{
    if (s->calendar.present)
        return pb_calendar_date(&s->calendar, s->start, s->unit, value, buf);
    long day, hi;
    if (!s->start || !isfinite(value) || !pb_calendar_day(s->start, &day))
        return false;
    double days = value * pb__unit_days(s->unit);
    if (days > 3.6e6 || days < -3.6e6)
        return false;
    day += (long)ceil(days - 1e-9); /* civil arithmetic: no mktime, no time zone */
    pb_calendar_day("9999-12-31", &hi);
    if (day < -354285 /* 1000-01-01 */ || day > hi)
        return false;
    pb_calendar_format(day, buf);
    return true;
}

/* Decimals that suit a quantity whose typical size is 'scale'. */
int pb__decimals(double scale)
{
    scale = fabs(scale);
    return scale >= 1000 ? 0 : scale >= 100 ? 1 : 2;
}

static void pct_table(FILE *f, const pb_report_ctx *ctx, const pb_summary *s, bool dates,
                      const char *unit)
{
    static const int show[] = {1, 2, 5, 8, 9, 10}; /* p10 p20 p50 p80 p90 p95 */
    int dec = pb__decimals(s->pct[PB_P50].value);
    if (dates)
        fprintf(f, "  %-6s %14s   %-27s  date\n", "", unit, "95% interval");
    else
        fprintf(f, "  %-6s %14s   95%% interval\n", "", unit);
    for (size_t k = 0; k < sizeof show / sizeof *show; k++) {
        const pb_interval *v = &s->pct[show[k]];
        char a[40], b[40], c[40], ci[90], date[11];
        if (isfinite(v->lo) && isfinite(v->hi))
            snprintf(ci, sizeof ci, "%s - %s", pb__fmt_num(b, sizeof b, v->lo, dec),
                     pb__fmt_num(c, sizeof c, v->hi, dec));
        else
            snprintf(ci, sizeof ci, "n/a"); /* no 95% interval: too few iterations */
        fprintf(f, "  P%-5d %14s   %-*s", (int)lround(pb_stats_levels[show[k]] * 100),
                pb__fmt_num(a, sizeof a, v->value, dec), dates ? 27 : 0, ci);
        if (dates && pb_report_date(ctx->scenario, v->value, date))
            fprintf(f, "  %s", date);
        fputc('\n', f);
    }
    char m[40], sd[40], lo[40], hi[40];
    fprintf(f, "  mean %s, sd %s, range %s - %s\n", pb__fmt_num(m, sizeof m, s->mean, dec),
            pb__fmt_num(sd, sizeof sd, s->sd, dec), pb__fmt_num(lo, sizeof lo, s->min, dec),
            pb__fmt_num(hi, sizeof hi, s->max, dec));
}

/* The chance of finishing by each percentile's date: an S-curve drawn sideways. */
void pb__text_s_curve(FILE *f, const pb_report_ctx *ctx, const pb_result *r)
{
    const pb_scenario *s = ctx->scenario;
    fprintf(f, "\nChance of finishing by (%s)\n", s->unit);
    int dec = pb__decimals(r->duration.pct[PB_P95].value);
    for (size_t k = 0; k < PB_N_LEVELS; k++) {
        char a[40], date[11];
        double q = pb_stats_levels[k];
        fprintf(f, "  %10s ", pb__fmt_num(a, sizeof a, r->duration.pct[k].value, dec));
        if (ctx->color)
            fputs("\033[36m", f);
        for (int j = 0; j < (int)lround(40 * q); j++)
            fputs("\u2588", f);
        if (ctx->color)
            fputs("\033[0m", f);
        fprintf(f, " %.0f%%", 100 * q);
        if (s->start && pb_report_date(s, r->duration.pct[k].value, date))
            fprintf(f, "  %s", date);
        fputc('\n', f);
    }
}

void pb__text_histogram(FILE *f, const pb_result *r, const char *unit, bool color)
{
    static const char *const eighths[] = {"",       "\u258f", "\u258e", "\u258d",
                                          "\u258c", "\u258b", "\u258a", "\u2589"};
    uint32_t top = 0;
    int first = -1, last = -1;
    for (int k = 0; k < PB_SIM_HIST; k++) {
        if (r->hist[k] > top)
            top = r->hist[k];
        if (r->hist[k]) {
            if (first < 0)
                first = k;
            last = k;
        }
    }
    if (!top || r->hist_hi <= r->hist_lo)
        return;
    /* two bins a row: 20 rows fit a terminal */
    first -= first % 2;
    top = 0;
    for (int k = first; k <= last; k += 2) {
        uint32_t c = r->hist[k] + (k + 1 < PB_SIM_HIST ? r->hist[k + 1] : 0);
        top = c > top ? c : top;
    }
    fprintf(f, "\nFinish (%s): share of simulated projects\n", unit);
    double w = (r->hist_hi - r->hist_lo) / PB_SIM_HIST;
    int dec = pb__decimals(r->hist_hi);
    for (int k = first; k <= last; k += 2) {
        char a[40];
        uint32_t c = r->hist[k] + (k + 1 < PB_SIM_HIST ? r->hist[k + 1] : 0);
        fprintf(f, "  %10s ", pb__fmt_num(a, sizeof a, r->hist_lo + k * w, dec));
        int eighth = (int)lround(40.0 * 8 * c / top);
        if (color)
            fputs("\033[36m", f);
        for (int j = 0; j < eighth / 8; j++)
            fputs("\u2588", f);
        fputs(eighths[eighth % 8], f);
        if (color)
            fputs("\033[0m", f);
        fprintf(f, " %.1f%%\n", 100.0 * c / (double)r->iterations);
    }
}

void pb__text_ranges(FILE *f, const pb_report_ctx *ctx, const char *const *names,
                     const pb_result *const *r, size_t n)
{
    /* each plan's P10-P90 as a bar on one shared axis, P50 and P80 marked */
    const int width = 50;
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        lo = fmin(lo, r[k]->duration.pct[PB_P10].value);
        hi = fmax(hi, r[k]->duration.pct[PB_P90].value);
    }
    if (!(hi > lo))
        return;
    char a[40], b[40];
    fprintf(f, "\nP10 to P90 of the finish (%s), | P50, ! P80: %s to %s\n", ctx->scenario->unit,
            pb__fmt_num(a, sizeof a, lo, 1), pb__fmt_num(b, sizeof b, hi, 1));
    for (size_t k = 0; k < n; k++) {
        char line[64];
        int from = (int)lround((r[k]->duration.pct[PB_P10].value - lo) / (hi - lo) * (width - 1));
        int to = (int)lround((r[k]->duration.pct[PB_P90].value - lo) / (hi - lo) * (width - 1));
        int p50 = (int)lround((r[k]->duration.pct[PB_P50].value - lo) / (hi - lo) * (width - 1));
        int p80 = (int)lround((r[k]->duration.pct[PB_P80].value - lo) / (hi - lo) * (width - 1));
        for (int j = 0; j < width; j++)
            line[j] = j < from || j > to ? ' ' : '-';
        line[p50] = '|';
        line[p80] = '!';
        line[to + 1 < width ? to + 1 : width] = '\0';
        fprintf(f, "  %-16.16s %s%s%s\n", names[k], ctx->color ? "\033[36m" : "", line,
                ctx->color ? "\033[0m" : "");
    }
}

pb_status pb_report_simulate_text(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                  pb_error *err)
{
    return pb_report_simulate_outside_text(f, ctx, r, NULL, err);
}

pb_status pb_report_simulate_outside_text(FILE *f, const pb_report_ctx *ctx, const pb_result *r,
                                          const pb_outside *o, pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[40], b[40], c[40];
    char name[PB__TEXT_CAP], cur[PB__TEXT_CAP];
    pb__text_clean(name, sizeof name, s->name);
    pb__text_clean(cur, sizeof cur, s->currency);
    fprintf(f, "%s%s%s (option: %s)\n", bold, name, off, ctx->option ? ctx->option : "base");
    fprintf(f, "%s iterations (%s), seed %llu; time in %s, money in %s; labour %s\n",
            pb__fmt_num(a, sizeof a, (double)r->iterations, 0), r->stopped,
            (unsigned long long)r->seed, s->unit, cur, pb_scenario_labour_name(s));
    fprintf(f, "\n%sFinish%s\n", bold, off);
    pct_table(f, ctx, &r->duration, s->start != NULL, s->unit);
    pb__report_outside_text(f, ctx, r, o);
    fprintf(f, "\n%sCost%s\n", bold, off);
    pct_table(f, ctx, &r->cost, false, cur);
    for (size_t k = 0; k < r->n_needs; k++) {
        fprintf(f, "\n%sNeed: %s%s\n", bold, r->need_ids[k], off);
        pct_table(f, ctx, &r->needs[k], false, "units");
    }
    if (r->has_deadline || r->has_budget) {
        fprintf(f, "\n%sChance of meeting the ask%s (95%% interval)\n", bold, off);
        if (r->has_deadline) {
            char what[80];
            snprintf(what, sizeof what, "by %s %s", pb__fmt_num(a, sizeof a, r->deadline, 1),
                     s->unit);
            fprintf(f, "  %-24s %6.1f%%   %.1f%% - %.1f%%\n", what, 100 * r->p_deadline.value,
                    100 * r->p_deadline.lo, 100 * r->p_deadline.hi);
        }
        if (r->has_budget) {
            char what[PB__TEXT_CAP + 80];
            snprintf(what, sizeof what, "within %s %s", pb__fmt_num(a, sizeof a, r->budget, 0),
                     cur);
            fprintf(f, "  %-24s %6.1f%%   %.1f%% - %.1f%%\n", what, 100 * r->p_budget.value,
                    100 * r->p_budget.lo, 100 * r->p_budget.hi);
        }
        if (r->has_deadline && r->has_budget)
            fprintf(f, "  %-24s %6.1f%%   %.1f%% - %.1f%%\n", "both", 100 * r->p_joint.value,
                    100 * r->p_joint.lo, 100 * r->p_joint.hi);
    }
    if (r->n_milestones) {
        size_t w = 9;
        for (size_t k = 0; k < r->n_milestones; k++)
            if (strlen(r->milestones[k].id) > w)
                w = strlen(r->milestones[k].id) < 32 ? strlen(r->milestones[k].id) : 32;
        fprintf(f, "\n%sMilestones%s (%s)\n", bold, off, s->unit);
        fprintf(f, "  %-*s %9s %9s %11s %9s %11s\n", (int)w, "id", "P50 dur", "P80 dur",
                "P80 finish", "critical", "sensitivity");
        for (size_t k = 0; k < r->n_milestones; k++) {
            const pb_milestone_result *m = &r->milestones[k];
            fprintf(f, "  %-*.*s %9s %9s %11s %8.0f%% %+11.2f\n", (int)w, (int)w, m->id,
                    pb__fmt_num(a, sizeof a, m->duration.pct[PB_P50].value, 2),
                    pb__fmt_num(b, sizeof b, m->duration.pct[PB_P80].value, 2),
                    pb__fmt_num(c, sizeof c, m->finish.pct[PB_P80].value, 2), 100 * m->criticality,
                    m->sensitivity);
        }
        if (r->detail_iterations < r->iterations)
            fprintf(f, "  (milestone percentiles and sensitivity from the first %s iterations)\n",
                    pb__fmt_num(a, sizeof a, (double)r->detail_iterations, 0));
    }
    if (r->n_risks) {
        fprintf(f, "\n%sRisks%s\n", bold, off);
        fprintf(f, "  %-16s %7s  %s\n", "id", "fired", "adds to the finish on average when fired");
        for (size_t k = 0; k < r->n_risks; k++) {
            const pb_risk_result *x = &r->risks[k];
            fprintf(f, "  %-16.32s %6.1f%%  %s %s\n", x->id, 100 * x->fired,
                    pb__fmt_num(a, sizeof a, x->mean_delay, 2), s->unit);
        }
    }
    pb__text_metric(f, ctx, r);
    pb__text_people(f, ctx, r);
    pb__text_histogram(f, r, s->unit, ctx->color);
    pb__text_s_curve(f, ctx, r);
    if (ctx->command)
        fprintf(f, "\nReproduce: %s\n", ctx->command);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}
