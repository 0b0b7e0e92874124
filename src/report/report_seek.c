/*
 * report_seek.c - writers for 'seek': the answers to "what would it take".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pushback/report.h"
#include "report_internal.h"

static const char *pct_ci(char *buf, size_t cap, const pb_interval *p)
{
    return pb__pct_ci(buf, cap, p);
}

/* A looping gate's no-go branch: when it stops the project, and what ships. */
static void gate_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_rounds *q)
{
    char a[64], b[64], c[96];
    fprintf(f, "  %-14s a gate: no-go (not met in %d) %s", "", q->needed,
            pb__pct_ci(c, sizeof c, &q->p_nogo));
    if (isnan(q->stop_p50)) {
        fputs("; no simulated project said no-go\n", f);
        return;
    }
    fprintf(f, "; it stops the project at P50 %s, P80 %s %s\n",
            pb__fmt_num(a, sizeof a, q->stop_p50, 2), pb__fmt_num(b, sizeof b, q->stop_p80, 2),
            ctx->scenario->unit);
    fprintf(f, "  %-14s ships on no-go:", "");
    for (size_t k = 0; k < q->n_ships; k++)
        fprintf(f, "%s %s %.0f%%", k ? "," : "", q->ships[k].id, 100 * q->ships[k].p);
    fputs(q->n_ships ? "\n" : " no deliverable that does not wait for it\n", f);
}

/* A looping gate's no-go branch as JSON; null for a loop that is not a gate. */
static json_t *gate_json(const pb_seek_rounds *q)
{
    if (!q->gate)
        return json_null();
    json_t *ships = json_array();
    for (size_t k = 0; k < q->n_ships; k++)
        json_array_append_new(
            ships, json_pack("{s:o, s:o, s:o}", "id", pb__json_str(q->ships[k].id), "name",
                             pb__json_str(q->ships[k].name), "p",
                             isnan(q->ships[k].p) ? json_null() : pb__json_num(q->ships[k].p)));
    return json_pack("{s:o, s:o, s:o, s:o}", "nogo", pb__json_prob(&q->p_nogo), "stop_p50",
                     isnan(q->stop_p50) ? json_null() : pb__json_num(q->stop_p50), "stop_p80",
                     isnan(q->stop_p80) ? json_null() : pb__json_num(q->stop_p80), "ships", ships);
}

/* The rounds seek (docs/ml.md): one line per looping milestone. */
static void rounds_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r)
{
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[64], b[96], c[96], d[64];
    fprintf(f, "\n%sExperiment rounds%s (the rounds to budget so the metric is met at %.0f%%)\n",
            bold, off, 100 * r->confidence);
    for (size_t k = 0; k < r->n_rounds; k++) {
        const pb_seek_rounds *q = &r->rounds[k];
        fprintf(f, "  %-14s planned %d: met %.1f%%; ", q->id, q->planned, 100 * q->p_planned);
        if (!q->feasible) {
            fprintf(f, "no budget up to %d rounds reaches it (%.1f%% at %d)\n", PB_MAX_ROUNDS,
                    100 * q->p_needed, q->needed);
            if (q->gate)
                gate_text(f, ctx, q);
            continue;
        }
        fprintf(f, "budget %d round%s: met %.1f%%, simulated %s\n", q->needed,
                q->needed == 1 ? "" : "s", 100 * q->p_needed, pct_ci(b, sizeof b, &q->p_met));
        fprintf(f, "  %-14s with %d: P%.0f finish %s %s; by %s and met %s\n", "", q->needed,
                100 * r->confidence, pb__fmt_num(a, sizeof a, q->date, 2), ctx->scenario->unit,
                pb__fmt_num(d, sizeof d, r->deadline, 1), pct_ci(c, sizeof c, &q->p_joint));
        if (q->gate)
            gate_text(f, ctx, q);
    }
}

/* The rounds seek as JSON: [{id, planned, p_planned, feasible, needed, p_needed, ...}]. */
static json_t *rounds_json(const pb_seek_result *r)
{
    json_t *a = json_array();
    for (size_t k = 0; k < r->n_rounds; k++) {
        const pb_seek_rounds *q = &r->rounds[k];
        json_array_append_new(
            a, json_pack("{s:o, s:o, s:i, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                         pb__json_str(q->id), "name", pb__json_str(q->name), "planned", q->planned,
                         "p_planned", pb__json_num(q->p_planned), "feasible", q->feasible, "needed",
                         q->feasible ? json_integer(q->needed) : json_null(), "p_needed",
                         pb__json_num(q->p_needed), "met", pb__json_prob(&q->p_met),
                         "by_deadline_and_met", pb__json_prob(&q->p_joint), "date",
                         pb__json_num(q->date), "gate", gate_json(q)));
    }
    return a;
}

/* The people seek: the fewest per role and for the whole team. */
static void people_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r)
{
    const pb_scenario *s = ctx->scenario;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[96];
    fprintf(f, "\n%sPeople%s (fewest that reach %.0f%%; other roles as planned)\n", bold, off,
            100 * r->confidence);
    for (size_t k = 0; k < r->n_people; k++) {
        const pb_seek_people *pp = &r->people[k];
        const char *name = pp->role ? pp->role : "whole team";
        if (pp->feasible) {
            fprintf(f, "  %-14s %3d (planned %d)   P %s%s", name, pp->fewest, pp->planned,
                    pct_ci(a, sizeof a, &pp->p), pp->near ? "  near the line" : "");
        } else {
            fprintf(f,
                    "  %-14s infeasible: the best is P %s with %d; more do not help "
                    "(people caps, overhead or the critical path)",
                    name, pct_ci(a, sizeof a, &pp->p), pp->best);
        }
        if (!pp->role && pp->team) {
            fputs("  [", f);
            for (size_t q = 0; q < s->n_roles; q++)
                fprintf(f, "%s%s %d", q ? ", " : "", s->roles[q].name, pp->team[q]);
            fputc(']', f);
        }
        fputc('\n', f);
    }
}

/* The scope cut: the optional milestones to drop, or why none. */
static void cut_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r)
{
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[96], b[96];
    fprintf(f, "\n%sScope cut%s\n", bold, off);
    const pb_seek_cut *cut = &r->cut;
    if (!cut->needed) {
        fprintf(f, "  not needed: the plan meets the deadline at the confidence\n");
    } else if (!cut->feasible) {
        fprintf(f, "  no cut of optional milestones is enough: without all of them P %s\n",
                pct_ci(a, sizeof a, &cut->p));
    } else {
        fprintf(f, "  drop");
        for (size_t k = 0; k < cut->n_dropped; k++)
            fprintf(f, "%s %s", k ? "," : "", cut->dropped[k]);
        fprintf(f, " (value lost %s; %s): P %s%s\n", pb__fmt_num(a, sizeof a, cut->value_lost, 2),
                cut->exact ? "the least possible" : "greedy, not proven least",
                pct_ci(b, sizeof b, &cut->p), cut->near ? "  near the line" : "");
    }
}

/* Staged delivery: when each deliverable is done. */
static void stages_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r)
{
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[96], b[96], c[96], d[64];
    fprintf(f, "\n%sStaged delivery%s (deliverables)\n", bold, off);
    for (size_t k = 0; k < r->n_stages; k++) {
        const pb_seek_stage *st = &r->stages[k];
        fprintf(f, "  %-14s P50 %s  P80 %s   by %s: %s  %s\n", st->id,
                pb__fmt_num(a, sizeof a, st->p50, 2), pb__fmt_num(b, sizeof b, st->p80, 2),
                pb__fmt_num(d, sizeof d, r->deadline, 1), pct_ci(c, sizeof c, &st->p),
                st->done ? (st->near ? "done (near the line)" : "done")
                         : (st->near ? "not done (near the line)" : "not done"));
    }
}

/* The break-evens: the value of an estimate or a risk that flips the answer. */
static void breakeven_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r)
{
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    fprintf(f, "\n%sWhat would change the answer%s (break-even, others as planned)\n", bold, off);
    for (size_t k = 0; k < r->n_breakeven; k++) {
        const pb_seek_breakeven *be = &r->breakeven[k];
        char what[160];
        if (be->kind == 'r')
            snprintf(what, sizeof what, "risk '%s' probability %.2f", be->id, be->planned);
        else
            snprintf(what, sizeof what, "'%s' estimate (sensitivity %.2f)", be->id,
                     be->sensitivity);
        if (!be->flips) {
            fprintf(f, "  %-44s no value in range changes the answer\n", what);
            continue;
        }
        if (be->kind == 'r')
            fprintf(f, "  %-44s at %.3f the deadline %s\n", what, be->flip,
                    be->meets ? "is no longer met" : "becomes met");
        else
            fprintf(f, "  %-44s x%.2f (%+.0f%%): the deadline %s\n", what, be->flip,
                    100 * (be->flip - 1), be->meets ? "is no longer met" : "becomes met");
    }
}

/* The chance of finishing by each deadline, as a bar. */
static void curve_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r)
{
    const pb_scenario *s = ctx->scenario;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[96];
    const char *u = s->unit;
    fprintf(f, "\n%sDeadline and confidence%s\n", bold, off);
    for (size_t k = 0; k < r->n_curve; k++) {
        const pb_seek_point *pt = &r->curve[k];
        int bar = (int)lround(30 * pt->p.value);
        fprintf(f, "  %10s %s  %5.1f%%  ", pb__fmt_num(a, sizeof a, pt->deadline, 2), u,
                100 * pt->p.value);
        for (int j = 0; j < bar; j++)
            fputs("\u2588", f);
        fputc('\n', f);
    }
}

pb_status pb_report_seek_text(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r,
                              pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    char a[96], b[96], c[96], d[64], e[64], g[64];
    char title[PB__TEXT_CAP], cur[PB__TEXT_CAP];
    pb__text_clean(title, sizeof title, s->name);
    pb__text_clean(cur, sizeof cur, s->currency);
    const char *u = s->unit;
    fprintf(f, "%s%s%s: what it takes to finish by %s %s at %.0f%% confidence\n", bold, title, off,
            pb__fmt_num(a, sizeof a, r->deadline, 1), u, 100 * r->confidence);
    fprintf(f,
            "base run %s iterations; each trial %s iterations on the same draws; seed %llu; "
            "%zu trials; labour %s\n",
            pb__fmt_num(a, sizeof a, (double)r->base_iterations, 0),
            pb__fmt_num(b, sizeof b, (double)r->iterations, 0), (unsigned long long)r->seed,
            r->trials, pb_scenario_labour_name(s));
    fprintf(f, "\nAs planned: P(finish by %s %s) = %s: %s\n",
            pb__fmt_num(a, sizeof a, r->deadline, 1), u, pct_ci(b, sizeof b, &r->p_deadline),
            r->meets ? "meets the ask" : "does not meet the ask");
    int md = pb__decimals(r->money.value);
    fprintf(f, "At %.0f%% confidence: finish %s %s (%s-%s), cost %s %s (%s-%s)\n",
            100 * r->confidence, pb__fmt_num(a, sizeof a, r->date.value, 2), u,
            pb__fmt_num(b, sizeof b, r->date.lo, 2), pb__fmt_num(c, sizeof c, r->date.hi, 2),
            pb__fmt_num(d, sizeof d, r->money.value, md), cur,
            pb__fmt_num(e, sizeof e, r->money.lo, md), pb__fmt_num(g, sizeof g, r->money.hi, md));

    if (r->n_people)
        people_text(f, ctx, r);
    cut_text(f, ctx, r);
    if (r->n_stages)
        stages_text(f, ctx, r);
    if (r->n_rounds)
        rounds_text(f, ctx, r);
    if (r->n_breakeven)
        breakeven_text(f, ctx, r);
    curve_text(f, ctx, r);
    if (pb__has_people(s)) { /* joins and attrition, as simulate's base run says them */
        fprintf(f, "\n%sPeople joining and leaving%s (%s; the plan as it stands)\n", bold, off, u);
        pb__text_people_lines(f, s, r->leaves, r->n_leaves, "");
    }
    if (ctx->command)
        fprintf(f, "\nReproduce: %s\n", ctx->command);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}

pb_status pb_report_seek_json(FILE *f, const pb_report_ctx *ctx, const pb_seek_result *r,
                              pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    json_t *doc = pb__json_header(ctx, r->iterations, r->seed);
    json_object_set_new(doc, "base_iterations", json_integer((json_int_t)r->base_iterations));
    json_object_set_new(doc, "trials", json_integer((json_int_t)r->trials));
    json_object_set_new(doc, "confidence", pb__json_num(r->confidence));
    json_object_set_new(doc, "deadline", pb__json_num(r->deadline));
    json_object_set_new(doc, "budget", pb__json_num(r->budget));
    json_object_set_new(doc, "p_deadline", pb__json_prob(&r->p_deadline));
    json_object_set_new(doc, "meets", json_boolean(r->meets));
    json_object_set_new(doc, "date", pb__json_interval(&r->date));
    json_object_set_new(doc, "cost", pb__json_interval(&r->money));
    json_t *people = json_array();
    for (size_t k = 0; k < r->n_people; k++) {
        const pb_seek_people *pp = &r->people[k];
        json_t *o = json_pack(
            "{s:o, s:i, s:b, s:o, s:o, s:i, s:b}", "role",
            pp->role ? pb__json_str(pp->role) : json_null(), "planned", pp->planned, "feasible",
            pp->feasible, "fewest", pp->feasible ? json_integer(pp->fewest) : json_null(), "p",
            pb__json_prob(&pp->p), "best", pp->feasible ? pp->fewest : pp->best, "near", pp->near);
        if (!pp->role && pp->team) {
            json_t *team = json_object();
            for (size_t q = 0; q < s->n_roles; q++)
                json_object_set_new(team, s->roles[q].name, json_integer(pp->team[q]));
            json_object_set_new(o, "team", team);
        }
        json_array_append_new(people, o);
    }
    json_object_set_new(doc, "people", people);
    json_t *changes = pb__json_people_of(s, r->leaves, r->n_leaves, false);
    if (changes)
        json_object_set_new(doc, "team_changes", changes);
    json_t *dropped = json_array();
    for (size_t k = 0; k < r->cut.n_dropped; k++)
        json_array_append_new(dropped, pb__json_str(r->cut.dropped[k]));
    json_object_set_new(doc, "scope_cut",
                        json_pack("{s:b, s:b, s:b, s:o, s:o, s:o, s:b}", "needed", r->cut.needed,
                                  "feasible", r->cut.feasible, "exact", r->cut.exact, "drop",
                                  dropped, "value_lost", pb__json_num(r->cut.value_lost), "p",
                                  pb__json_prob(&r->cut.p), "near", r->cut.near));
    json_t *stages = json_array();
    for (size_t k = 0; k < r->n_stages; k++) {
        const pb_seek_stage *st = &r->stages[k];
        json_array_append_new(
            stages, json_pack("{s:o, s:o, s:o, s:o, s:b, s:b}", "id", pb__json_str(st->id), "p50",
                              pb__json_num(st->p50), "p80", pb__json_num(st->p80), "p",
                              pb__json_prob(&st->p), "done", st->done, "near", st->near));
    }
    json_object_set_new(doc, "stages", stages);
    json_t *be = json_array();
    for (size_t k = 0; k < r->n_breakeven; k++) {
        const pb_seek_breakeven *b = &r->breakeven[k];
        json_array_append_new(
            be, json_pack("{s:s, s:o, s:o, s:b, s:b, s:o, s:o, s:o}", "kind",
                          b->kind == 'r' ? "risk_probability" : "estimate_factor", "id",
                          pb__json_str(b->id), "planned", pb__json_num(b->planned), "meets",
                          b->meets, "flips", b->flips, "flip",
                          b->flips ? pb__json_num(b->flip) : json_null(), "tolerance",
                          pb__json_num(b->tolerance), "p_at_flip", pb__json_prob(&b->p_at_flip)));
    }
    json_object_set_new(doc, "breakeven", be);
    json_t *curve = json_array();
    for (size_t k = 0; k < r->n_curve; k++)
        json_array_append_new(curve, json_pack("{s:o, s:o}", "deadline",
                                               pb__json_num(r->curve[k].deadline), "p",
                                               pb__json_prob(&r->curve[k].p)));
    json_object_set_new(doc, "curve", curve);
    if (r->n_rounds)
        json_object_set_new(doc, "rounds", rounds_json(r));
    if (ctx->command)
        json_object_set_new(doc, "command", pb__json_str(ctx->command));
    return pb__json_write(f, doc, err);
}
