/*
 * answer_fcw.h - the answer context of the bundled fcw scenario, shared by
 * the answer parser's table (test_answer.c) and its fuzz target
 * (fuzz/fuzz_answer.c): fcw's units, roles and alternatives with their
 * kinds, and the deal on the table (35 weeks, USD 1.06M, 7 people), with no
 * move. Header-only because the fuzz targets are built from one source file
 * each.
 */
#ifndef PUSHBACK_TEST_ANSWER_FCW_H
#define PUSHBACK_TEST_ANSWER_FCW_H

#include <pushback/answer.h>

/* fcw's roles and alternatives, then one of a kind fcw lacks (synthetic data), which only the
   fuzz target adds to the context. */
#define FCW_N_ROLES        3
#define FCW_N_ALTERNATIVES 7

static const char *const FCW_ROLES[FCW_N_ROLES] = {"ml", "data", "embedded"};
static const char *const FCW_ALTS[FCW_N_ALTERNATIVES + 1] = {
    "staffing.three-ml",      "staffing.lean",          "staffing.full",
    "labels.vendor-labels",   "labels.in-house-labels", "dashboard.with-dashboard",
    "dashboard.no-dashboard", "data.synthetic",
};
static const pb_kind FCW_KINDS[FCW_N_ALTERNATIVES + 1] = {
    PB_KIND_STAFFING, PB_KIND_STAFFING, PB_KIND_STAFFING, PB_KIND_VENDOR,
    PB_KIND_IN_HOUSE, PB_KIND_SCOPE,    PB_KIND_SCOPE,    PB_KIND_SYNTHETIC,
};

/* The context of an answer in fcw before any move: no topic, nothing asked. */
static inline pb_answer_context fcw_answer_context(void)
{
    pb_answer_context c = {
        .time_unit = "weeks",
        .currency = "USD",
        .roles = FCW_ROLES,
        .n_roles = FCW_N_ROLES,
        .alternatives = FCW_ALTS,
        .alternative_kinds = FCW_KINDS,
        .n_alternatives = FCW_N_ALTERNATIVES,
        .current_deadline = 35,
        .current_budget = 1060000,
        .current_people = 7,
    };
    return c;
}

#endif
