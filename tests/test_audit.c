/*
 * test_audit.c - the audit of the engineer's own ask: each kind of finding
 * on a scenario made to show it, and silence on a fair one.
 */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <pushback/pushback.h>

#include "helpers.h"

/* One milestone, uniform on [0, 10]: P(finish <= d) = d / 10, the 80% date is 8. */
static pb_audit *audit(const char *ask, const char *extra)
{
    char text[2048];
    snprintf(text, sizeof text,
             "version = 1;\n"
             "milestones = ( { id = \"a\"; duration = { dist = \"uniform\"; min = 0.0; max = "
             "10.0; }; cost = 1000.0; } );\n"
             "ask = { %s };\n%s",
             ask, extra);
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "audit.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_audit *a = NULL;
    cr_assert_eq(pb_audit_run(s, 0, 1, 2, &a, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return a;
}

static const pb_audit_finding *kind(const pb_audit *a, const char *k)
{
    for (size_t i = 0; i < a->n_findings; i++)
        if (!strcmp(a->findings[i].kind, k))
            return &a->findings[i];
    return NULL;
}

static double tol8(size_t n)
{
    return tol_quantile(0.8, 0.1, n); /* density 1/10 */
}

Test(audit, an_under_ask_is_flagged_with_the_ask_that_holds, .init = test_setup)
{
    pb_audit *a = audit("deadline = 5.0; confidence = 0.8;", "");
    cr_assert_float_eq(a->p.value, 0.5, 5 * sqrt(0.25 / a->iterations));
    const pb_audit_finding *f = kind(a, "under-ask");
    cr_assert_not_null(f);
    cr_assert_float_eq(a->fair_deadline, 8.0, tol8(a->iterations));
    cr_assert(strstr(f->text, "Your own 5.0 weeks is a"), "%s", f->text);
    cr_assert(strstr(f->text, "ask for 8."), "%s", f->text);
    cr_assert_float_eq(f->deal->deadline, a->fair_deadline, 1e-12);
    cr_assert_geq(f->deal->joint.value, 0.8, "the fix holds: %g", f->deal->joint.value);
    cr_assert_null(kind(a, "over-ask"));
    pb_audit_free(a);
}

Test(audit, an_over_ask_is_flagged_with_the_excess_to_concede, .init = test_setup)
{
    pb_audit *a = audit("deadline = 9.9; budget = 5000.0; confidence = 0.8;", "");
    const pb_audit_finding *f = kind(a, "over-ask");
    cr_assert_not_null(f);
    cr_assert(strstr(f->text, "We asked for 9.9 weeks"), "%s", f->text);
    /* the budget (5000 against a fixed 1000) is padded too: two over-asks */
    cr_assert_eq(a->n_findings, 2);
    cr_assert(strstr(a->findings[1].text, "USD 5k; USD 1k covers 80%"), "%s", a->findings[1].text);
    cr_assert_float_eq(f->deal->deadline, a->fair_deadline, 1e-12);
    cr_assert_float_eq(f->deal->budget, 1000.0, 1e-9);
    cr_assert_null(kind(a, "under-ask"));
    pb_audit_free(a);
}

Test(audit, a_dominated_plan_is_flagged_with_the_deal_that_beats_it, .init = test_setup)
{
    pb_audit *a = audit(
        "deadline = 8.0; confidence = 0.8;",
        "options = ( { name = \"faster\"; patch = ( { milestone = \"a\"; duration = "
        "{ dist = \"uniform\"; min = 0.0; max = 9.0; }; cost = 500.0; } ); },\n"
        "  { name = \"slower\"; patch = ( { milestone = \"a\"; cost = 100.0; duration = 20.0; "
        "} ); } );\n");
    const pb_audit_finding *f = kind(a, "dominated");
    cr_assert_not_null(f);
    cr_assert(strstr(f->text, "'faster' is both sooner"), "%s", f->text);
    cr_assert_str_eq(f->deal->alternatives[0], "faster");
    cr_assert_lt(f->deal->money.value, 1000.0);
    pb_audit_free(a);
}

Test(audit, a_fair_ask_gets_no_finding, .init = test_setup)
{
    pb_audit *a = audit("deadline = 8.2; budget = 1020.0; confidence = 0.8;",
                        "options = ( { name = \"slower\"; patch = ( { milestone = \"a\"; cost = "
                        "100.0; duration = 20.0; } ); } );\n");
    cr_assert(a->has_ask);
    cr_assert_eq(a->n_findings, 0, "%s", a->n_findings ? a->findings[0].text : "");
    cr_assert_geq(a->p.hi, 0.8);
    pb_audit_free(a);
    /* no ask: nothing to audit */
    a = audit("confidence = 0.8;", "");
    cr_assert(!a->has_ask);
    cr_assert_eq(a->n_findings, 0);
    pb_audit_free(a);
}

/* The audit of a whole scenario text. */
static pb_audit *audit_text(const char *text)
{
    pb_error e;
    pb_scenario *s = NULL;
    cr_assert_eq(pb_scenario_parse(text, "audit.cfg", &s, &e), PB_OK, "%s:%d: %s", e.file, e.line,
                 e.msg);
    pb_audit *a = NULL;
    cr_assert_eq(pb_audit_run(s, 0, 1, 2, &a, &e), PB_OK, "%s", e.msg);
    pb_scenario_free(s);
    return a;
}

/* Two developers on a plan that needs none of them (one duration milestone): both are paid for
   the whole project (labour allocated). One fewer finishes on exactly the same dates (common
   random numbers) for 1000 x the finish less: the plan is dominated, as soon and cheaper,
   though not sooner. At 80%: finish 8, cost 1,000 + 2 x 1,000 x 8 = 17,000 against 9,000. */
Test(audit, an_idle_person_makes_the_plan_dominated, .init = test_setup)
{
    pb_audit *a =
        audit_text("version = 1;\n"
                   "team = ( { role = \"dev\"; people = 2; rate = 1000.0; } );\n"
                   "milestones = ( { id = \"a\"; duration = { dist = \"uniform\"; min = 0.0; max = "
                   "10.0; }; cost = 1000.0; } );\n"
                   "ask = { deadline = 8.2; budget = 17400.0; confidence = 0.8; };\n");
    const pb_audit_finding *f = kind(a, "dominated");
    cr_assert_not_null(f);
    cr_assert(strstr(f->text, "1 dev instead of 2 is as soon ("), "%s", f->text);
    cr_assert(strstr(f->text, "within the simulation's noise) and cheaper"), "%s", f->text);
    cr_assert_eq(f->deal->people, 1);
    size_t n = a->iterations;
    cr_assert_float_eq(f->deal->date.value, 8.0, tol8(n));
    cr_assert_float_eq(f->deal->money.value, 9000.0, 1000.0 * tol8(n));
    pb_audit_free(a);
}

/* Money in the audit is rounded as the rest of the sheet rounds it, to two decimals in
   millions so that an ask a few per cent above the fair one never prints the same: a fixed
   cost of 1,000,000 against an ask of 1,060,000. */
Test(audit, money_is_rounded_as_the_sheet_rounds_it, .init = test_setup)
{
    pb_audit *a = audit_text("version = 1;\n"
                             "milestones = ( { id = \"a\"; duration = { dist = \"uniform\"; "
                             "min = 0.0; max = 10.0; }; cost = 1000000.0; } );\n"
                             "ask = { deadline = 8.2; budget = 1060000.0; confidence = 0.8; };\n");
    const pb_audit_finding *f = kind(a, "over-ask");
    cr_assert_not_null(f);
    cr_assert(strstr(f->text, "We asked for USD 1.06M; USD 1.00M covers 80%"), "%s", f->text);
    cr_assert(strstr(f->text, "concede the excess (USD 60k) first"), "%s", f->text);
    pb_audit_free(a);
}

/* The start of a negotiation is the ask with its under-ask or over-ask corrected, written as an
   engineer writes an ask (a tenth of a week up), and the ask itself when nothing is wrong. */
Test(audit, the_start_is_the_corrected_ask, .init = test_setup)
{
    pb_audit *a = audit("deadline = 9.9; budget = 5000.0; confidence = 0.8;", "");
    cr_assert(a->corrected);
    cr_assert_float_eq(a->start_deadline, a->fair_deadline, 1e-12);
    cr_assert_float_eq(a->start_budget, 1000.0, 1e-9);
    /* rounded up to a tenth: 8.0 or 8.1 weeks, never below the 80% date */
    cr_assert_float_eq(a->start_deadline * 10, round(a->start_deadline * 10), 1e-9);
    cr_assert_geq(a->start_deadline, 8.0 - tol8(a->iterations));
    cr_assert(strstr(a->start_text, "We start from 8."), "%s", a->start_text);
    cr_assert(strstr(a->start_text, "not the 9.9 weeks and USD 5k we first wrote"), "%s",
              a->start_text);
    pb_audit_free(a);
    a = audit("deadline = 5.0; confidence = 0.8;", "");
    cr_assert(a->corrected);
    cr_assert_float_eq(a->start_deadline, a->fair_deadline, 1e-12);
    cr_assert(isnan(a->start_budget));
    cr_assert(strstr(a->start_text, ", not the 5.0 weeks we first wrote"), "%s", a->start_text);
    pb_audit_free(a);
    a = audit("deadline = 8.2; confidence = 0.8;", "");
    cr_assert_not(a->corrected);
    cr_assert_float_eq(a->start_deadline, 8.2, 1e-12);
    cr_assert_str_eq(a->start_text, "");
    pb_audit_free(a);
}

/* The plan's own metric target below the confidence: a ~ U(4, 6) on the curve 0.1 + a m^-0.5,
   target 0.2, so at m items the target is met iff a <= sqrt(m) / 10: P = 0.5 at 2,500 items
   (below 80%: said once, first, with the ask evaluated with the metric promised) and 0.9 at
   3,364 (silent). The ask itself is fair (8.2 weeks on U(0, 10)). */
static pb_audit *audit_curve(double items)
{
    char extra[512];
    snprintf(extra, sizeof extra,
             "metric = { name = \"miss rate\"; target = 0.2; items = %.1f; curve = { a = { dist = "
             "\"uniform\"; min = 4.0; max = 6.0; }; b = 0.5; c = 0.1; }; };\n",
             items);
    return audit("deadline = 8.2; confidence = 0.8;", extra);
}

Test(audit, a_plan_that_misses_its_own_target_says_so_first, .init = test_setup)
{
    pb_audit *a = audit_curve(2500.0);
    cr_assert_geq(a->n_findings, 1);
    const pb_audit_finding *f = &a->findings[0];
    cr_assert_str_eq(f->kind, "metric");
    cr_assert(strstr(f->text, "As planned the 'miss rate' target is met in "), "%s", f->text);
    cr_assert(strstr(f->text, "below 80%: fix the data or the target before committing"), "%s",
              f->text);
    size_t n = 0;
    for (size_t i = 0; i < a->n_findings; i++)
        n += !strcmp(a->findings[i].kind, "metric");
    cr_assert_eq(n, 1, "said once");
    /* the deal: the ask with the metric promised, P(by 8.2 and met) = 0.82 x 0.5 */
    cr_assert(f->deal->metric);
    cr_assert_float_eq(f->deal->deadline, 8.2, 1e-12);
    cr_assert_float_eq(f->deal->joint.value, 0.41, 5 * sqrt(0.41 * 0.59 / a->iterations));
    cr_assert_float_eq(f->deal->p_curve.value, 0.5, 5 * sqrt(0.25 / a->iterations));
    pb_audit_free(a);
    a = audit_curve(3364.0);
    cr_assert_null(kind(a, "metric"), "%s", a->n_findings ? a->findings[0].text : "");
    cr_assert_eq(a->n_findings, 0, "%s", a->n_findings ? a->findings[0].text : "");
    pb_audit_free(a);
}

/* One line per ask: a padded date beside a short budget (9.9 weeks against a fair 8, USD 900
   against a fixed 1,000) is one under-ask that says both sides, with the over side as a field,
   and no separate over-ask. */
Test(audit, an_under_ask_with_room_on_the_other_side_is_one_line, .init = test_setup)
{
    pb_audit *a = audit("deadline = 9.9; budget = 900.0; confidence = 0.8;", "");
    cr_assert_eq(a->n_findings, 1, "%zu findings", a->n_findings);
    const pb_audit_finding *f = kind(a, "under-ask");
    cr_assert_not_null(f);
    cr_assert_str_eq(f->over, "deadline");
    cr_assert_null(kind(a, "over-ask"));
    cr_assert(strstr(f->text, "the 9.9 weeks has room ("), "%s", f->text);
    cr_assert(strstr(f->text, "weeks to give back) and the USD 900 is short; ask for 8."), "%s",
              f->text);
    cr_assert(strstr(f->text, "USD 1k, together 8"), "%s", f->text);
    cr_assert_float_eq(f->deal->deadline, a->fair_deadline, 1e-12);
    cr_assert_float_eq(f->deal->budget, 1000.0, 1e-9);
    cr_assert_geq(f->deal->joint.lo, 0.8);
    pb_audit_free(a);
    /* a short ask alone has no other side */
    a = audit("deadline = 5.0; confidence = 0.8;", "");
    cr_assert_null(kind(a, "under-ask")->over);
    pb_audit_free(a);
}
