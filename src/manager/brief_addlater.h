/*
 * brief_addlater.h - the change behind the manager's "if it's late, we'll
 * add people then" (rule 'add-people-late'): people of a role join part-way
 * and ramp up, as a 'joins' setting the engine simulates (internal: brief.c
 * asks, brief_addlater.c writes it).
 */
#ifndef PUSHBACK_BRIEF_ADDLATER_H
#define PUSHBACK_BRIEF_ADDLATER_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/scenario.h>

/* How many people join (stated in the move's words). */
#define PB__ADD_LATER_PEOPLE 2
/* When: the fraction of the plan's P50 at which the project is seen to be late, and an
   earlier time to compare with. */
#define PB__ADD_LATER_AT       0.5
#define PB__ADD_LATER_EARLY_AT 0.25
/* The default ramp-up for a role that declares none: in weeks (in days, 7 or the calendar's
   working days each), or in months for a scenario in months. */
#define PB__ADD_LATER_RAMP_WEEKS  4.0
#define PB__ADD_LATER_RAMP_MONTHS 1.0

/*
 * The --set that makes 'people' more of 'role' join at 'at':
 * "team.ROLE.joins=( ... )" restating the role's own joins of s and adding
 * { people; at; } with the role's ramp, or a default ramp above in the
 * scenario's unit when the role declares none (mentoring: the role's). Into
 * 'said' (cap 'said_cap'): the ramp in words ("ramping up over 3 weeks (the
 * role's)"). PB_ERR_INVALID (err without a file) when the role is unknown or
 * the setting would exceed 'cap' characters.
 */
pb_status pb__add_later_set(const pb_scenario *s, const char *role, int people, double at,
                            char *set, size_t cap, char *said, size_t said_cap, pb_error *err);

#endif
