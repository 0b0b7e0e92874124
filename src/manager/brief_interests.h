/*
 * brief_interests.h - the manager's interests on the prep sheet (internal:
 * brief.c computes the offers, report_brief.c writes them).
 */
#ifndef PUSHBACK_BRIEF_INTERESTS_H
#define PUSHBACK_BRIEF_INTERESTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include <pushback/deal.h>
#include <pushback/rules.h>

/* The offer for each interest of b's scenario that a lever can serve (brief_interests.c),
   searched in frontier f (NULL: only the kinds that need none), from the deal b's negotiation
   agreed (the plan as asked when nothing is; promised at 'deadline' within 'budget', the asks;
   NAN: none), at b's count and seed; the
   offers are b's (pb__brief_interests_free). PB_ERR_RUN for memory; else as
   pb_deal_evaluate. */
pb_status pb__brief_interests(pb_brief *b, const pb_frontier *f, double deadline, double budget,
                              unsigned threads, pb_error *err);
void pb__brief_interests_free(pb_brief *b);

/* The interests section of the prep sheet, as text or Markdown (nothing without interests), and
   its JSON ("interests": [...], report_interests.c). */
void pb__brief_interests_write(FILE *f, const pb_brief *b, bool md);
/* The same as an HTML section (<section id="interests">); nothing without interests. */
void pb__brief_interests_html(FILE *f, const pb_brief *b);
json_t *pb__json_interests(const pb_brief *b);

/* The levers of deal r that differ from scenario s's plan, as text ("'review-15k', without
   'Alerts'"; "" when none). */
void pb__interest_levers(const pb_scenario *s, const pb_deal_result *r, char *buf, size_t cap);

/* Whether milestone id is dropped by one of the alternatives deal r takes (part of a choice,
   not a cut of its own). */
bool pb__dropped_by_choice(const pb_scenario *s, const pb_deal_result *r, const char *id);

#endif
