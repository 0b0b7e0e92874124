/*
 * sim_stop.c - the names of the reasons a run stops (PB_STOP_LIST in
 * sim.h), written once.
 */
#include <stddef.h>
#include <string.h>

#include "pushback/sim.h"

#define NAME_(kind, name) name,
static const char *const NAMES[] = {PB_STOP_LIST(NAME_)};
#undef NAME_
#define N_STOPS (sizeof NAMES / sizeof *NAMES)

const char *pb_stop_name(pb_stop why)
{
    return (size_t)why < N_STOPS ? NAMES[why] : "unknown";
}

bool pb_stop_parse(const char *name, pb_stop *out)
{
    for (size_t i = 0; name && i < N_STOPS; i++)
        if (!strcmp(name, NAMES[i])) {
            *out = (pb_stop)i;
            return true;
        }
    return false;
}
