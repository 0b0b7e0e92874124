/*
 * fuzz_answer.c - libFuzzer target: any bytes as the engineer's answer,
 * parsed in a context with roles, alternatives of every kind and a move
 * about money and time. Checks what the parser promises: no crash, no
 * non-finite number, an 'understood' line, a question when ambiguous.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/answer.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ROLES[] = {"ml", "data", "embedded"};
static const char *const ALTS[] = {"staffing.three-ml",      "staffing.full",
                                   "labels.vendor-labels",   "labels.in-house-labels",
                                   "dashboard.no-dashboard", "data.synthetic"};
static const pb_kind KINDS[] = {PB_KIND_STAFFING, PB_KIND_STAFFING, PB_KIND_VENDOR,
                                PB_KIND_IN_HOUSE, PB_KIND_SCOPE,    PB_KIND_SYNTHETIC};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    pb_answer_context c = {.time_unit = "weeks",
                           .currency = "USD",
                           .roles = ROLES,
                           .n_roles = 3,
                           .alternatives = ALTS,
                           .alternative_kinds = KINDS,
                           .n_alternatives = 6,
                           .current_deadline = 35,
                           .current_budget = 1060000,
                           .current_people = 7,
                           .topics = PB_TOPIC_TIME | PB_TOPIC_MONEY,
                           .move_has_deadline = true,
                           .move_deadline = 24,
                           .move_has_budget = true,
                           .move_budget = 780000,
                           .move_alternative = "labels.in-house-labels"};
    pb_answer a;
    pb_error e;
    if (pb_answer_parse(text, &c, &a, &e) == PB_OK) {
        if ((a.has_deadline && !isfinite(a.deadline)) || (a.has_budget && !isfinite(a.budget)) ||
            (a.has_range && !(isfinite(a.lo) && isfinite(a.mode) && isfinite(a.hi))) ||
            !a.understood[0] || (a.ambiguous && !a.question[0]))
            abort();
    }
    free(text);
    return 0;
}
