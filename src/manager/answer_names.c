/*
 * answer_names.c - what a scenario lets an answer name: role ids and
 * "choice.alternative" ids with their kinds, copied out of the scenario so
 * that the rehearsal can build a pb_answer_context for every turn.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/answer.h>

struct pb_answer_names {
    char **roles;
    size_t n_roles;
    char **alternatives; /* "choice.alternative" */
    pb_kind *kinds;
    size_t n_alternatives;
};

void pb_answer_names_free(pb_answer_names *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n_roles; i++)
        free(n->roles[i]);
    for (size_t i = 0; i < n->n_alternatives; i++)
        free(n->alternatives[i]);
    free(n->roles);
    free(n->alternatives);
    free(n->kinds);
    free(n);
}

/* "choice.alternative" in a new string, or NULL. */
static char *joined(const char *choice, const char *alt)
{
    size_t len = strlen(choice) + strlen(alt) + 2;
    char *s = malloc(len);
    if (s)
        snprintf(s, len, "%s.%s", choice, alt);
    return s;
}

/* Each choice's first alternative, then its options in file order. */
static bool collect_alternatives(const pb_scenario *s, pb_answer_names *n)
{
    size_t total = s->n_choices + s->n_options;
    n->alternatives = calloc(total ? total : 1, sizeof *n->alternatives);
    n->kinds = calloc(total ? total : 1, sizeof *n->kinds);
    if (!n->alternatives || !n->kinds)
        return false;
    for (size_t c = 0; c < s->n_choices; c++) {
        const pb_choice *ch = &s->choices[c];
        if (ch->base) {
            n->kinds[n->n_alternatives] = ch->base_kind;
            if (!(n->alternatives[n->n_alternatives++] = joined(ch->id, ch->base)))
                return false;
        }
        for (size_t o = 0; o < s->n_options; o++) {
            if (s->options[o].choice != c)
                continue;
            n->kinds[n->n_alternatives] = s->options[o].kind;
            if (!(n->alternatives[n->n_alternatives++] = joined(ch->id, s->options[o].name)))
                return false;
        }
    }
    return true;
}

pb_status pb_answer_names_new(const pb_scenario *s, pb_answer_names **out, pb_error *err)
{
    if (!out)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "answer: no place for the names");
    *out = NULL;
    if (!s)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "answer: no scenario");
    pb_answer_names *n = calloc(1, sizeof *n);
    bool ok = n && (n->roles = calloc(s->n_roles ? s->n_roles : 1, sizeof *n->roles));
    for (size_t r = 0; ok && r < s->n_roles; r++, n->n_roles++)
        ok = (n->roles[r] = strdup(s->roles[r].name)) != NULL;
    if (!ok || !collect_alternatives(s, n)) {
        pb_answer_names_free(n);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    *out = n;
    return PB_OK;
}

void pb_answer_context_init(pb_answer_context *ctx, const pb_scenario *s, const pb_answer_names *n)
{
    memset(ctx, 0, sizeof *ctx);
    if (!s)
        return;
    ctx->time_unit = s->unit;
    if (s->unit && !strcmp(s->unit, "days") && s->calendar.present && s->calendar.n_workdays > 0)
        ctx->days_per_unit = 7.0 / s->calendar.n_workdays;
    ctx->currency = s->currency;
    ctx->current_deadline = isfinite(s->ask_deadline) ? s->ask_deadline : 0;
    ctx->current_budget = isfinite(s->ask_budget) ? s->ask_budget : 0;
    for (size_t r = 0; r < s->n_roles; r++)
        ctx->current_people += s->roles[r].people;
    if (!n)
        return;
    ctx->roles = (const char *const *)n->roles;
    ctx->n_roles = n->n_roles;
    ctx->alternatives = (const char *const *)n->alternatives;
    ctx->alternative_kinds = n->kinds;
    ctx->n_alternatives = n->n_alternatives;
}
