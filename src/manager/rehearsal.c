/*
 * rehearsal.c - the rehearsal's deal and its manager (NEGOTIATION.md,
 * section 6).
 *
 * The session holds the deal as settings (deadline, budget, team, one
 * alternative per choice, scope dropped, --set changes), starting as the
 * engineer's ask, and evaluates it with pb_deal_evaluate on the brief's seed
 * whenever a turn changes it, so that two deals differ only where their
 * settings do. The manager walks the brief's moves: the persona's opening
 * first, the rest in an order drawn from the seed. A conceded setting is
 * pocketed and never asked again; a hesitation makes the manager press
 * (times_asked); a hold with numbers makes it back off; the interest behind
 * a move is told only when asked; a counter-offer is taken, and accepted as
 * a deal when it holds. Scoring is in rehearsal_score.c.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/expr.h>

#include "rehearsal_internal.h"

void pb_rehearsal_opts_init(pb_rehearsal_opts *o)
{
    o->persona = NULL;
    o->seed = 0;
    o->iterations = 0;
    o->threads = 1;
}

char *pb__reh_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void pb__reh_fmt(const pb_scenario *s, double v, const char *kind, char *buf, size_t cap)
{
    pb_format_ctx fmt = {s->unit, s->currency, NULL};
    pb_error e;
    if (!isfinite(v) || pb_format_value(v, kind, &fmt, buf, cap, &e))
        snprintf(buf, cap, "n/a");
}

/* splitmix64: the order of the moves after the opening. */
static uint64_t mix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static bool make_order(pb_rehearsal *r)
{
    size_t n = r->b->n_arguments;
    r->order = malloc((n ? n : 1) * sizeof *r->order);
    if (!r->order)
        return false;
    for (size_t i = 0; i < n; i++)
        r->order[i] = i;
    uint64_t x = r->o.seed;
    for (size_t i = n; i > 2; i--) { /* Fisher-Yates over order[1 .. n-1] */
        size_t j = 1 + (size_t)(mix(&x) % (i - 1));
        size_t t = r->order[i - 1];
        r->order[i - 1] = r->order[j];
        r->order[j] = t;
    }
    r->n_order = n;
    return true;
}

/* The parser's names: roles, and "choice.alternative" for every alternative, with what a manager
   calls each (for the echo of an answer). */
static bool make_names(pb_rehearsal *r)
{
    const pb_scenario *s = r->s;
    size_t n = s->n_choices + s->n_options;
    r->role_names = calloc(s->n_roles + 1, sizeof *r->role_names);
    r->alt_ids = calloc(n + 1, sizeof *r->alt_ids);
    r->alt_kinds = calloc(n + 1, sizeof *r->alt_kinds);
    r->alt_labels = calloc(n + 1, sizeof *r->alt_labels);
    if (!r->role_names || !r->alt_ids || !r->alt_kinds || !r->alt_labels)
        return false;
    char label[300];
    for (size_t i = 0; i < s->n_roles; i++)
        r->role_names[i] = s->roles[i].name;
    for (size_t c = 0; c < s->n_choices; c++) {
        const pb_choice *ch = &s->choices[c];
        r->alt_kinds[r->n_alt_ids] = ch->base_kind;
        if (!(r->alt_labels[r->n_alt_ids] = pb__reh_printf(
                  "%s", pb_scenario_alternative_label(s, ch->base, label, sizeof label))) ||
            !(r->alt_ids[r->n_alt_ids++] = pb__reh_printf("%s.%s", ch->id, ch->base)))
            return false;
        for (size_t k = 0; k < s->n_options; k++) {
            if (s->options[k].choice != c)
                continue;
            r->alt_kinds[r->n_alt_ids] = s->options[k].kind;
            if (!(r->alt_labels[r->n_alt_ids] =
                      pb__reh_printf("%s", pb_scenario_alternative_label(s, s->options[k].name,
                                                                         label, sizeof label))) ||
                !(r->alt_ids[r->n_alt_ids++] = pb__reh_printf("%s.%s", ch->id, s->options[k].name)))
                return false;
        }
    }
    return true;
}

pb_status pb__reh_evaluate(pb_rehearsal *r, pb_deal_result **out, pb_error *err)
{
    pb_deal d = {0};
    d.deadline = r->deadline;
    d.budget = r->budget;
    d.confidence = r->b->confidence;
    d.team = r->team;
    d.people = r->people;
    d.alternatives = r->alts;
    d.drop = (const char *const *)r->drop;
    d.n_drop = r->n_drop;
    d.sets = (const char *const *)r->sets;
    d.n_sets = r->n_sets;
    pb_status st = pb_deal_evaluate(r->s, &d, &r->dopts, out, err);
    if (st)
        return st;
    r->people = 0;
    for (size_t i = 0; (*out)->team && i < r->s->n_roles; i++)
        r->team[i] = (*out)->team[i];
    return PB_OK;
}

pb_status pb_rehearsal_start(const pb_brief *b, const pb_rehearsal_opts *o, pb_rehearsal **out,
                             pb_error *err)
{
    *out = NULL;
    pb_rehearsal *r = calloc(1, sizeof *r);
    if (!r)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    r->b = b;
    r->s = b->scenario;
    r->o = *o;
    if (!r->o.seed)
        r->o.seed = b->seed;
    pb_deal_opts_init(&r->dopts);
    r->dopts.iterations = o->iterations ? o->iterations : PB_REHEARSAL_ITERATIONS;
    if (r->dopts.max_iterations < r->dopts.iterations)
        r->dopts.max_iterations = r->dopts.iterations;
    r->dopts.seed = b->seed;
    r->dopts.threads = o->threads ? o->threads : 1;
    r->deadline = r->s->ask_deadline;
    r->budget = r->s->ask_budget;
    r->team = calloc(r->s->n_roles + 1, sizeof *r->team);
    r->alts = calloc(r->s->n_choices + 1, sizeof *r->alts);
    if (!r->team || !r->alts || !make_names(r) || !make_order(r)) {
        pb_rehearsal_free(r);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < r->s->n_roles; i++)
        r->team[i] = -1;
    pb_status st = pb__reh_evaluate(r, &r->ask, err);
    if (st) {
        pb_rehearsal_free(r);
        return st;
    }
    r->now = r->ask;
    *out = r;
    return PB_OK;
}

static void turn_release(pb_turn *t)
{
    free(t->says);
    free(t->answer);
    free(t->reply);
    pb_deal_result_free(t->owned);
    free(t->deal_line);
    free(t->advice);
}

void pb_rehearsal_free(pb_rehearsal *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_turns; i++)
        turn_release(&r->turns[i]);
    free(r->turns);
    for (size_t i = 0; i < r->n_drop; i++)
        free(r->drop[i]);
    free(r->drop);
    for (size_t i = 0; i < r->n_sets; i++)
        free(r->sets[i]);
    for (size_t i = 0; r->alt_ids && i < r->n_alt_ids; i++)
        free(r->alt_ids[i]);
    for (size_t i = 0; r->alt_labels && i <= r->n_alt_ids; i++)
        free(r->alt_labels[i]);
    free(r->alt_labels);
    free(r->alt_ids);
    free(r->alt_kinds);
    free(r->role_names);
    free(r->order);
    free(r->team);
    free(r->alts);
    pb_deal_result_free(r->ask);
    free(r->reaction);
    free(r->words);
    free(r);
}

unsigned pb__reh_touches(const pb_rehearsal *r, const pb_argument *g)
{
    unsigned t = 0;
    if (g->has_change) {
        const pb_move_change *c = &g->change;
        t |= isfinite(c->deadline) ? PB__SET_DEADLINE : 0u;
        t |= isfinite(c->budget) ? PB__SET_BUDGET : 0u;
        t |= c->people > 0 || c->team ? PB__SET_PEOPLE : 0u;
        t |= c->drop && *c->drop ? PB__SET_SCOPE : 0u;
        t |= c->set ? PB__SET_RISK : 0u;
        const pb_option *o = c->alternative ? pb_scenario_option(r->s, c->alternative) : NULL;
        t |= o && o->choice < 26 ? (unsigned)PB__SET_CHOICE << o->choice : 0u;
    } else if (g->topic) { /* a move without a change is about its topic */
        t |= !strcmp(g->topic, "time") ? PB__SET_DEADLINE : 0u;
        t |= !strcmp(g->topic, "money") ? PB__SET_BUDGET : 0u;
        t |= !strcmp(g->topic, "people") ? PB__SET_PEOPLE : 0u;
    }
    return t;
}

const pb_turn *pb_rehearsal_turns(const pb_rehearsal *r, size_t *n)
{
    *n = r->n_turns;
    return r->turns;
}

const pb_deal_result *pb_rehearsal_deal(const pb_rehearsal *r)
{
    return r->now;
}

void pb_rehearsal_end(pb_rehearsal *r)
{
    r->ended = true;
}

char *pb_rehearsal_deal_line(const pb_rehearsal *r)
{
    return pb__reh_deal_line(r->s, r->now);
}
