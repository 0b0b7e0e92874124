/*
 * seek_internal.h - the parts of the goal seeks kept in files of their own.
 */
#ifndef PUSHBACK_SEEK_INTERNAL_H
#define PUSHBACK_SEEK_INTERNAL_H

#include <pushback/error.h>
#include <pushback/scenario.h>
#include <pushback/seek.h>

/*
 * The rounds seek of every looping milestone of 's' into R->rounds (none
 * without rounds), at R->confidence and R->deadline, with o's trial
 * iterations, seed and threads (seek_rounds.c). The strings point into 's'.
 */
pb_status pb__seek_rounds(const pb_scenario *s, const pb_seek_opts *o, pb_seek_result *R,
                          pb_error *err);

#endif
