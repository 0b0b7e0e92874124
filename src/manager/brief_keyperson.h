/*
 * brief_keyperson.h - the change behind the manager's "what if one of your
 * people leaves?" (rule 'key-person'): one person of a role leaves at a
 * uniform time within the project, for sure, as an 'attrition' setting the
 * engine simulates (internal: brief.c asks, brief_keyperson.c writes it).
 */
#ifndef PUSHBACK_BRIEF_KEYPERSON_H
#define PUSHBACK_BRIEF_KEYPERSON_H

#include <stdbool.h>
#include <stddef.h>

#include <pushback/scenario.h>

/* The default delay until a replacement arrives (min, most likely, max) for a role the scenario
   states no attrition for: in weeks (in days, 7 or the calendar's working days each), or in
   months for a scenario in months. */
#define PB__KEY_PERSON_REPLACE_WEEKS \
    {                                \
        4.0, 8.0, 12.0               \
    }
#define PB__KEY_PERSON_REPLACE_MONTHS \
    {                                 \
        1.0, 2.0, 3.0                 \
    }

/*
 * The --set that makes one person of 'role' leave for sure: "attrition=( ... )"
 * restating every attrition entry of s, the role's with probability 1 (its
 * 'replace' and 'at' kept), or a new entry for the role with the default
 * delay above in the scenario's unit. Into 'said' (cap 'said_cap'): how the
 * replacement arrives, in words ("after 6.33 weeks on average (the
 * scenario's estimate)"). PB_ERR_INVALID (err without a file) when the
 * setting would exceed 'cap' characters.
 */
pb_status pb__key_person_set(const pb_scenario *s, const char *role, char *set, size_t cap,
                             char *said, size_t said_cap, pb_error *err);

/* x as libconfig reads it back exactly, for a --set value: the shortest %g that
   round-trips, always a float ("4.0", never "4"). Shared with brief_addlater.c. */
void pb__cfg_number(char *b, size_t cap, double x);

#endif
