/*
 * brief_interests.h - the manager's interests on the prep sheet (internal:
 * brief.c computes the offers, report_brief.c writes them).
 */
#ifndef PUSHBACK_BRIEF_INTERESTS_H
#define PUSHBACK_BRIEF_INTERESTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include <pushback/rules.h>

/* The offer for each dated time interest of b's scenario (brief_interests.c), at b's count and
   seed; the offers are b's (pb__brief_interests_free). PB_ERR_RUN for memory; else as
   pb_deal_evaluate. */
pb_status pb__brief_interests(pb_brief *b, unsigned threads, pb_error *err);
void pb__brief_interests_free(pb_brief *b);

/* The interests section of the prep sheet, as text or Markdown (nothing without interests), and
   its JSON ("interests": [...], report_interests.c). */
void pb__brief_interests_write(FILE *f, const pb_brief *b, bool md);
/* The same as an HTML section (<section id="interests">); nothing without interests. */
void pb__brief_interests_html(FILE *f, const pb_brief *b);
json_t *pb__json_interests(const pb_brief *b);

#endif
