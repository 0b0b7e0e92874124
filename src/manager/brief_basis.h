/*
 * brief_basis.h - what the plan's confidence rests on, by the source of its
 * estimates (internal: brief_track.c sets the facts for the rulebook's
 * 'confidence-basis' move).
 */
#ifndef PUSHBACK_BRIEF_BASIS_H
#define PUSHBACK_BRIEF_BASIS_H

#include <pushback/sim.h>

#include "facts.h"

/*
 * From the milestones' 'source' in the scenario file's 'text' (for 's') and
 * the base run 'base' of 's' (its per-milestone sensitivity), set the facts
 * source.var_data, source.var_expert, source.var_guess (each source's share
 * of the finish's variance: an estimate weighs its rank correlation with the
 * finish squared; by count when no estimate moves the finish, then
 * source.by_count is 1), source.n_data, source.n_expert, source.n_guess (how
 * many estimates of each) and, when an estimate is not from data,
 * source.top (its name: the one that weighs most) and source.top_source
 * ("guess" or "expert judgement"). Errors name the file and line (a bad
 * 'source'); PB_ERR_RUN for memory.
 */
pb_status pb__brief_basis(const pb_scenario *s, const char *text, const pb_result *base,
                          pb__facts *f, pb_error *err);

#endif
