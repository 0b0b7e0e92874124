/*
 * report_audit.c - the audit of the engineer's own ask in 'check': a list
 * of findings in text, and the "audit" member of check's JSON.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pushback/deal.h>

#include "report_internal.h"

json_t *pb__json_audit(const pb_audit *a)
{
    if (!a || !a->has_ask)
        return json_null();
    json_t *fs = json_array();
    for (size_t i = 0; i < a->n_findings; i++) {
        const pb_audit_finding *f = &a->findings[i];
        json_t *deal = pb__json_deal(f->deal);
        json_object_set_new(deal, "joint", pb__json_prob(&f->deal->joint));
        json_object_set_new(deal, "date", pb__json_num(f->deal->date.value));
        json_object_set_new(deal, "cost", pb__json_num(f->deal->money.value));
        json_t *o = json_pack("{s:s, s:s, s:o}", "kind", f->kind, "text", f->text, "deal", deal);
        if (f->over)
            json_object_set_new(o, "over", json_string(f->over));
        json_array_append_new(fs, o);
    }
    return json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:o}", "p", pb__json_num(a->p.value), "lo",
        pb__json_num(a->p.lo), "hi", pb__json_num(a->p.hi), "confidence",
        pb__json_num(a->confidence), "fair_deadline",
        isnan(a->fair_deadline) ? json_null() : pb__json_num(a->fair_deadline), "fair_budget",
        isnan(a->fair_budget) ? json_null() : pb__json_num(a->fair_budget), "iterations",
        (json_int_t)a->iterations, "seed", (json_int_t)a->seed, "findings", fs);
}

pb_status pb_report_check_json_audit(FILE *f, const pb_report_ctx *ctx, const char *rulebook,
                                     size_t n_rules, const pb_gap *gaps, size_t n_gaps,
                                     const pb_audit *a, pb_error *err)
{
    json_t *doc = pb__json_check(ctx, rulebook, n_rules, gaps, n_gaps, NULL);
    json_object_set_new(doc, "audit", pb__json_audit(a));
    return pb__json_write(f, doc, err);
}

pb_status pb_report_audit_text(FILE *f, const pb_report_ctx *ctx, const pb_audit *a, pb_error *err)
{
    (void)ctx;
    if (!a || !a->has_ask)
        return PB_OK;
    char ci[160];
    fprintf(f,
            "\nThe ask, audited (%zu iterations, seed %llu): it holds jointly in %s of simulated "
            "projects\n",
            a->iterations, (unsigned long long)a->seed, pb__pct_ci(ci, sizeof ci, &a->p));
    if (!a->n_findings)
        fprintf(f, "  no under-ask, no over-ask, no dominated plan\n");
    for (size_t i = 0; i < a->n_findings; i++)
        fprintf(f, "  %s: %s\n", a->findings[i].kind, a->findings[i].text);
    if (ferror(f))
        return pb_error_set(err, PB_ERR_RUN, "", 0, "cannot write the report");
    return PB_OK;
}
