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

#include "../answer_fcw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    pb_answer_context c = fcw_answer_context();
    c.n_alternatives = FCW_N_ALTERNATIVES + 1; /* with the synthetic-data one */
    c.topics = PB_TOPIC_TIME | PB_TOPIC_MONEY;
    c.move_has_deadline = true;
    c.move_deadline = 24;
    c.move_has_budget = true;
    c.move_budget = 780000;
    c.move_alternative = "labels.in-house-labels";
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
