/*
 * report_deal.c - writers for 'deal': one deal, evaluated.
 *
 * The JSON follows the contract the manager layer and the other tools rely
 * on (docs/json.md, "deal"); the text says the same in sentences a
 * negotiator can read aloud: the deal, how often it holds, and why not.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <pushback/deal.h>

#include "deal_internal.h"
#include "report_internal.h"

/* ==== JSON ==== */

/* The deal's own part: the promise, the team, the choices, the scope. */
json_t *pb__json_deal(const pb_deal_result *r)
{
    json_t *team = json_object(), *ch = json_object(), *dr = json_array();
    for (size_t i = 0; i < r->n_roles; i++)
        json_object_set_new(team, r->roles[i], json_integer(r->team[i]));
    for (size_t k = 0; k < r->n_choices; k++)
        json_object_set_new(ch, r->choices[k], json_string(r->alternatives[k]));
    for (size_t i = 0; i < r->n_dropped; i++)
        json_array_append_new(dr, json_string(r->dropped[i]));
    json_t *joining = json_array(); /* the people who join later, in the deal's plan */
    for (size_t i = 0; r->scenario && i < r->scenario->n_roles; i++)
        for (size_t j = 0; j < r->scenario->roles[i].n_joins; j++)
            json_array_append_new(joining,
                                  json_pack("{s:o, s:i, s:o}", "role",
                                            pb__json_str(r->scenario->roles[i].name), "people",
                                            r->scenario->roles[i].joins[j].people, "at",
                                            pb__json_num(r->scenario->roles[i].joins[j].at)));
    json_t *d = json_pack("{s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:o}", "deadline",
                          isnan(r->deadline) ? json_null() : pb__json_num(r->deadline), "budget",
                          isnan(r->budget) ? json_null() : pb__json_num(r->budget), "confidence",
                          pb__json_num(r->confidence), "team", team, "people", r->people, "joining",
                          joining, "choices", ch, "dropped", dr);
    /* the metric promised (pushback deal --metric): only then, so that a deal without it reads
       as before */
    if (d && r->metric)
        json_object_set_new(d, "metric", json_true());
    return d;
}

static json_t *marginal(double v, const pb_interval *p)
{
    if (isnan(v))
        return json_null();
    return json_pack("{s:o, s:o, s:o, s:o}", "value", pb__json_num(v), "probability",
                     pb__json_num(p->value), "lo", pb__json_num(p->lo), "hi", pb__json_num(p->hi));
}

/* The metric's chances in the deal's plan: "metric" (rounds) and "learning_curve". */
static void metric_json(json_t *doc, const pb_deal_result *r)
{
    if (r->has_rounds)
        json_object_set_new(
            doc, "metric",
            json_pack("{s:b, s:o, s:o}", "promised", r->metric, "met", pb__json_prob(&r->p_met),
                      "by_deadline_and_met",
                      isnan(r->deadline) ? json_null() : pb__json_prob(&r->p_deadline_met)));
    if (r->has_curve)
        json_object_set_new(doc, "learning_curve",
                            json_pack("{s:o, s:o}", "items", pb__json_num(r->curve_items), "met",
                                      pb__json_prob(&r->p_curve)));
}

pb_status pb_report_deal_json(FILE *f, const pb_report_ctx *ctx, const pb_deal_result *r,
                              pb_error *err)
{
    json_t *doc = pb__json_header(ctx, r->iterations, r->seed);
    json_object_set_new(doc, "deal", pb__json_deal(r));
    json_object_set_new(doc, "feasible", json_boolean(r->feasible));
    json_object_set_new(doc, "reason", r->feasible ? json_null() : json_string(r->reason));
    json_object_set_new(doc, "verdict", json_string(r->verdict));
    json_object_set_new(doc, "labour", json_string(r->labour));
    json_object_set_new(doc, "value_kept", pb__json_num(r->value_kept));
    if (r->searched)
        json_object_set_new(doc, "search",
                            json_pack("{s:s, s:i, s:i, s:i, s:i}", "method",
                                      r->exact ? "exact" : "greedy", "people", r->people,
                                      "candidates", (int)r->candidates, "asked",
                                      r->people + r->unused, "unused", r->unused));
    if (!r->feasible)
        return pb__json_write(f, doc, err);
    json_object_set_new(doc, "joint", pb__json_prob(&r->joint));
    json_object_set_new(doc, "deadline", marginal(r->deadline, &r->p_deadline));
    json_object_set_new(doc, "budget", marginal(r->budget, &r->p_budget));
    json_object_set_new(doc, "date", pb__json_interval(&r->date));
    json_object_set_new(doc, "money", pb__json_interval(&r->money));
    json_object_set_new(doc, "duration", pb__json_summary(&r->duration));
    json_object_set_new(doc, "cost", pb__json_summary(&r->cost));
    json_object_set_new(doc, "value_rate", pb__json_num(r->value_rate));
    json_object_set_new(doc, "cost_of_delay", pb__json_num(r->cost_of_delay));
    if (!isnan(r->joins_plan_date)) /* people added later (docs/ml.md) */
        json_object_set_new(doc, "joins_payback",
                            json_pack("{s:o, s:o, s:o, s:b}", "plan_date",
                                      pb__json_num(r->joins_plan_date), "date",
                                      pb__json_num(r->date.value), "earlier",
                                      pb__json_num(r->joins_plan_date - r->date.value), "pays_back",
                                      r->joins_plan_date > r->date.value));
    json_object_set_new(doc, "payback", isnan(r->payback) ? json_null() : pb__json_num(r->payback));
    metric_json(doc, r);
    return pb__json_write(f, doc, err);
}

/* ==== Text ==== */

/* Milestone id at the start of an edit path "milestones.ID.field", else NULL; its length in *n. */
static const char *edit_milestone(const char *path, size_t *n)
{
    static const char pre[] = "milestones.";
    if (strncmp(path, pre, sizeof pre - 1))
        return NULL;
    const char *id = path + sizeof pre - 1, *dot = strchr(id, '.');
    *n = dot ? (size_t)(dot - id) : strlen(id);
    return id;
}

static bool dropped(const pb_deal_result *r, const char *id, size_t n)
{
    for (size_t i = 0; i < r->n_dropped; i++)
        if (strlen(r->dropped[i]) == n && !strncmp(r->dropped[i], id, n))
            return true;
    return false;
}

/*
 * Is choice 'id' moot under the deal: every alternative of it changes only
 * milestones the deal drops (so whichever is named, none is taken)? The caller
 * names the alternative chosen when it is the one that drops them.
 */
static bool choice_moot(const pb_scenario *s, const pb_deal_result *r, const char *id)
{
    size_t touched = 0;
    for (size_t o = 0; o < s->n_options; o++) {
        const pb_option *op = &s->options[o];
        if (strcmp(s->choices[op->choice].id, id))
            continue;
        for (size_t e = 0; e < op->n_edits; e++) {
            size_t n;
            const char *m = edit_milestone(op->edits[e].path, &n);
            if (!m || !dropped(r, m, n))
                return false;
            touched++;
        }
        for (size_t d = 0; d < op->n_drop; d++) {
            if (!dropped(r, op->drop[d], strlen(op->drop[d])))
                return false;
            touched++;
        }
    }
    return touched > 0;
}

static void deal_line(FILE *f, const pb_scenario *s, const pb_deal_result *r)
{
    char a[64], t[512];
    fprintf(f, "Deal:");
    if (!isnan(r->deadline))
        fprintf(f, " by %s %s,", pb__fmt_num(a, sizeof a, r->deadline, 1), s->unit);
    if (!isnan(r->budget))
        fprintf(f, " within %s %s,", pb__fmt_num(a, sizeof a, r->budget, 0), s->currency);
    fprintf(f, " at %.0f%% confidence; %s", 100 * r->confidence,
            pb__deal_team_text(r, t, sizeof t));
    if (r->searched)
        fprintf(f, ", the best allocation of %d (%s search, %zu tried)", r->people,
                r->exact ? "exact" : "greedy", r->candidates);
    if (r->unused)
        fprintf(f,
                "; the other %d of the %d asked for are not assigned: no milestone can use "
                "them (each role at most the sum of its milestones' maximum people)",
                r->unused, r->people + r->unused);
    fputc('\n', f);
    for (size_t k = 0; k < r->n_choices; k++) {
        fprintf(f, "%s%s = ", k ? ", " : "Choices: ", r->choices[k]);
        const pb_option *chosen = pb_scenario_option(s, r->alternatives[k]);
        if (!(chosen && chosen->n_drop) && choice_moot(s, r, r->choices[k]))
            fprintf(f, "none (its milestones are dropped)");
        else
            fprintf(f, "%s", r->alternatives[k]);
    }
    if (r->n_choices)
        fputc('\n', f);
    for (size_t i = 0; i < r->n_dropped; i++)
        fprintf(f, "%s%s", i ? ", " : "Dropped: ", r->dropped[i]);
    if (r->n_dropped)
        fputc('\n', f);
}

/* The metric's chances in the deal's plan (docs/ml.md): the loops' when the deal promises
   them (--metric), the learning curve's whenever the plan has one. */
static void metric_text(FILE *f, const pb_scenario *s, const pb_deal_result *r)
{
    char a[64], ci[160];
    if (r->metric)
        fprintf(f, "  every metric met         %s\n", pb__pct_ci(ci, sizeof ci, &r->p_met));
    if (r->metric && !isnan(r->deadline))
        fprintf(f, "  by %s %s and met     %s\n", pb__fmt_num(a, sizeof a, r->deadline, 1), s->unit,
                pb__pct_ci(ci, sizeof ci, &r->p_deadline_met));
    if (r->has_curve)
        fprintf(f, "  '%s' target met at %s items  %s\n", s->curve.name,
                pb__fmt_num(a, sizeof a, r->curve_items, 0),
                pb__pct_ci(ci, sizeof ci, &r->p_curve));
}

static void numbers(FILE *f, const pb_scenario *s, const pb_deal_result *r)
{
    char a[64], b[64], c[64], ci[160];
    fprintf(f, "\nJoint: %s of simulated projects keep the whole deal%s: %s\n",
            pb__pct_ci(ci, sizeof ci, &r->joint), r->metric ? ", the metric included" : "",
            r->verdict);
    if (!isnan(r->deadline))
        fprintf(f, "  by %s %s alone       %s\n", pb__fmt_num(a, sizeof a, r->deadline, 1), s->unit,
                pb__pct_ci(ci, sizeof ci, &r->p_deadline));
    if (!isnan(r->budget))
        fprintf(f, "  within %s %s alone  %s\n", pb__fmt_num(a, sizeof a, r->budget, 0),
                s->currency, pb__pct_ci(ci, sizeof ci, &r->p_budget));
    metric_text(f, s, r);
    fprintf(f, "At %.0f%%: finish %s %s (%s-%s), ", 100 * r->confidence,
            pb__fmt_num(a, sizeof a, r->date.value, 2), s->unit,
            pb__fmt_num(b, sizeof b, r->date.lo, 2), pb__fmt_num(c, sizeof c, r->date.hi, 2));
    fprintf(f, "cost %s %s (%s-%s)\n", pb__fmt_num(a, sizeof a, r->money.value, 0), s->currency,
            pb__fmt_num(b, sizeof b, r->money.lo, 0), pb__fmt_num(c, sizeof c, r->money.hi, 0));
    if (r->value_rate > 0) {
        /* the plan's date against this deal's: within the deal's date interval it is noise,
           and a sooner deal is a gain, never a negative cost (reading B10) */
        double plan = r->date.value - r->cost_of_delay / r->value_rate;
        fputs("Cost of delay against the plan: ", f);
        if (!(plan < r->date.lo || plan > r->date.hi) || r->cost_of_delay == 0)
            fputs("no difference (the plan's date is within this deal's interval)", f);
        else if (r->cost_of_delay < 0)
            fprintf(f, "none; finishing sooner makes it worth %s %s more than the plan",
                    pb__fmt_num(a, sizeof a, -r->cost_of_delay, 0), s->currency);
        else
            fprintf(f, "%s %s of value lost by finishing later than the plan",
                    pb__fmt_num(a, sizeof a, r->cost_of_delay, 0), s->currency);
        fprintf(f, "; payback %s %s after the finish\n", pb__fmt_num(b, sizeof b, r->payback, 1),
                s->unit);
    }
    if (!isnan(r->joins_plan_date)) { /* people added later: do they pay back? (docs/ml.md) */
        double gain = r->joins_plan_date - r->date.value;
        fprintf(f, "People added later: at %.0f%% %s %s against the plan's %s: %s, %s %s %s\n",
                100 * r->confidence, pb__fmt_num(a, sizeof a, r->date.value, 2), s->unit,
                pb__fmt_num(b, sizeof b, r->joins_plan_date, 2),
                gain > 0 ? "they pay back" : "they do not pay back",
                pb__fmt_num(c, sizeof c, fabs(gain), 2), s->unit, gain > 0 ? "earlier" : "later");
    }
}

pb_status pb_report_deal_text(FILE *f, const pb_report_ctx *ctx, const pb_deal_result *r,
                              pb_error *err)
{
    const pb_scenario *s = ctx->scenario;
    char a[64];
    const char *bold = ctx->color ? "\033[1m" : "", *off = ctx->color ? "\033[0m" : "";
    fprintf(f, "%s%s%s: one deal, evaluated jointly\n", bold, s->name, off);
    deal_line(f, s, r);
    if (!r->feasible)
        fprintf(f, "\nInfeasible: %s\n", r->reason);
    else
        numbers(f, s, r);
    fprintf(f, "%s iterations, seed %llu; labour %s\n",
            pb__fmt_num(a, sizeof a, (double)r->iterations, 0), (unsigned long long)r->seed,
            r->labour);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}
