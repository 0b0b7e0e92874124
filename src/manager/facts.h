/*
 * facts.h - the named values rules are evaluated against (internal).
 *
 * The schema (every name a rulebook may use with this scenario) is made
 * first, so that rulebooks can be checked when they load; values are filled
 * in as the brief computes them. A name may carry a number, a text, or
 * nothing yet.
 */
#ifndef PUSHBACK_FACTS_H
#define PUSHBACK_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/expr.h>
#include <pushback/scenario.h>
#include <pushback/stats.h>

#include "base/idmap.h"

typedef struct pb__fact {
    char *name;
    bool has;
    double value;
    char *text; /* text-valued names; NULL otherwise */
} pb__fact;

typedef struct pb__facts {
    pb__fact *v;
    size_t n, cap;
    pb__idmap map;
} pb__facts;

/* Every name of the schema for scenario s, without values. false: out of memory. */
bool pb__facts_init(pb__facts *f, const pb_scenario *s);
void pb__facts_release(pb__facts *f);

/* Set a number (NAN or infinite: no value) or a text; unknown names are ignored. */
void pb__facts_set(pb__facts *f, const char *name, double v);
bool pb__facts_set_text(pb__facts *f, const char *name, const char *text);
/* Forget the values of every name starting with 'prefix' ("whatif."). */
void pb__facts_clear(pb__facts *f, const char *prefix);
/* The resolver expressions and templates use. */
pb_names pb__facts_names(pb__facts *f);
/* The number of 'name', or NAN. */
double pb__facts_get(const pb__facts *f, const char *name);

/*
 * The metric's facts of deal r (docs/ml.md), against 'plan' (the plan as
 * asked, NULL when not evaluated): deal.p_target (with _lo, _hi) and
 * deal.target_items with a learning curve, and the text deal.target (those in
 * words, "" without a curve), deal.p_met and deal.p_deadline_met with experiment rounds,
 * deal.date_gained = the plan's date - the deal's, at the confidence
 * (facts_metric.c). Names without a value stay without one.
 */
struct pb_deal_result;
void pb__deal_metric_facts(pb__facts *f, const struct pb_deal_result *r,
                           const struct pb_deal_result *plan);

/*
 * The noise rule, in one place for every move and offer: a difference in cost,
 * date or probability is a gain only beyond the simulation's noise and beyond
 * the sheet's rounding. Difference d with its paired 95% interval (common
 * random numbers): d.value when the interval excludes 0 and |d| is at least a
 * thousandth of 'scale' (the amount it is a difference of: a sheet that says
 * "USD 679k" cannot show USD 55), else 0 ("the same cost", "no sooner"). Two
 * estimates with their own 95% intervals: a.value - b.value when the
 * intervals are apart (and the same thousandth), else 0.
 */
double pb__beyond_noise(pb_interval d, double scale);
double pb__apart(pb_interval a, pb_interval b, double scale);

/* An option's name as it is written in expressions: '-' becomes '_'. */
void pb__fact_option_name(const char *option, char *buf, size_t cap);

#endif
