/*
 * pushback.h - the umbrella header: include it to get the whole library.
 *
 * pushback turns a project proposal (milestones with ranged estimates, a
 * team, risks, what is asked) into risk-based estimates by Monte Carlo
 * simulation. The pipeline, one header per stage:
 *   scenario.h  load and validate a scenario file, apply options and edits
 *   plan.h      compile a scenario into flat arrays
 *   sim.h       run the simulation, get percentiles and probabilities
 *   stats.h     the estimators behind the results
 *   whatif.h    paired comparisons and options compared on the same draws
 *   seek.h      goal seeks: people, scope cut, dates, break-evens
 *   expr.h      the rulebook's expression language and templates
 *   rules.h     the manager: rulebooks, the brief, the proposal lint
 *   report.h    write results as text or JSON
 *   track.h     actuals to date, the re-forecast and its buffer
 * The library never prints, exits or reads the environment.
 */
#ifndef PUSHBACK_H
#define PUSHBACK_H

#include <pushback/calibrate.h>
#include <pushback/deal.h>
#include <pushback/dist.h>
#include <pushback/error.h>
#include <pushback/expr.h>
#include <pushback/page.h>
#include <pushback/plan.h>
#include <pushback/report.h>
#include <pushback/rules.h>
#include <pushback/scenario.h>
#include <pushback/seek.h>
#include <pushback/sim.h>
#include <pushback/stats.h>
#include <pushback/track.h>
#include <pushback/whatif.h>

#endif
