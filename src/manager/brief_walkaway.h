/*
 * brief_walkaway.h - the walk-away point against every deal the prep sheet
 * shows (internal: brief.c settles it once the moves are argued).
 */
#ifndef PUSHBACK_BRIEF_WALKAWAY_H
#define PUSHBACK_BRIEF_WALKAWAY_H

#include <pushback/deal.h>
#include <pushback/rules.h>

/*
 * The earliest date at b's confidence of any deal the sheet shows holding:
 * the start, every move's deal and counter-offer, every interest's offer and
 * every point of frontier f (NULL: none). A deal that dismisses a risk (a
 * 'risks.' --set change: a question, never a plan) is not one. b->walk_away
 * when none is earlier, so that the sheet never shows a deal holding sooner
 * than the date it says it cannot go below.
 */
double pb__brief_walk_away(const pb_brief *b, const pb_frontier *f);

#endif
