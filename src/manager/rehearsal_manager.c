/*
 * rehearsal_manager.c - the manager's side of the rehearsal: the next move
 * from the state, and what an answer does to the deal and to the manager.
 *
 * A move whose settings are all pocketed is passed over. An unclear answer
 * is asked back; hesitating (no answer, asking for time, holding without a
 * number) makes the manager press, up to PB_REHEARSAL_MAX_ASKED times; a
 * hold with a number makes it back off; asking about the interest makes it
 * tell the move's interest once; conceding applies the move's change and
 * the answer's numbers and pockets them; a counter-offer applies the
 * answer's changes, and the manager takes it as a deal when it holds.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rehearsal_internal.h"

static const pb_argument *current(const pb_rehearsal *r)
{
    return r->pos < r->n_order ? &r->b->arguments[r->order[r->pos]] : NULL;
}

/* The pocketable settings whose brief-time numbers a move's words quote. */
static unsigned quoted(const pb_argument *g)
{
    return (g->quotes & PB_QUOTES_DEADLINE ? PB__SET_DEADLINE : 0u) |
           (g->quotes & PB_QUOTES_BUDGET ? PB__SET_BUDGET : 0u) |
           (g->quotes & PB_QUOTES_PEOPLE ? PB__SET_PEOPLE : 0u);
}

/* Pass over the moves whose settings are all pocketed, and those whose words quote a number of
   the ask that a concession has since changed (they would repeat a stale number). */
static void skip_pocketed(pb_rehearsal *r)
{
    while (r->pos < r->n_order) {
        const pb_argument *g = current(r);
        unsigned t = pb__reh_touches(r, g);
        if ((!t || (t & ~r->pocketed)) && !(quoted(g) & r->pocketed))
            break;
        r->pos++;
    }
}

const pb_argument *pb_rehearsal_move(pb_rehearsal *r)
{
    skip_pocketed(r);
    return r->ended ? NULL : current(r);
}

void pb_rehearsal_skip(pb_rehearsal *r)
{
    skip_pocketed(r);
    if (r->pos < r->n_order)
        r->pos++;
    r->times_asked = 0;
    r->interest_told = false;
    free(r->reaction);
    r->reaction = NULL;
}

const char *pb_rehearsal_next(pb_rehearsal *r)
{
    skip_pocketed(r);
    const pb_argument *g = current(r);
    free(r->words);
    r->words = NULL;
    if (r->ended || !g)
        return NULL;
    const char *says = g->says;
    char *own = NULL;
    if (r->times_asked == 1 && g->probe)
        says = g->probe;
    else if (r->times_asked >= 1)
        says = own = pb__reh_printf("I'm asking again: %s", g->says);
    if (!says)
        return NULL;
    const char *pre = r->reaction ? r->reaction : "";
    /* a new move after a reaction: "Good, 24 weeks then. Now, why 6 people?" */
    bool now = *pre && r->moved && r->times_asked == 0 && isupper((unsigned char)says[0]) &&
               islower((unsigned char)says[1]);
    if (now)
        r->words = pb__reh_printf("%s Now, %c%s", pre, tolower((unsigned char)says[0]), says + 1);
    else
        r->words = pb__reh_printf("%s%s%s", pre, *pre ? " " : "", says);
    free(own);
    return r->words;
}

void pb_rehearsal_context(const pb_rehearsal *r, pb_answer_context *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->time_unit = r->s->unit;
    ctx->currency = r->s->currency;
    ctx->roles = r->role_names;
    ctx->n_roles = r->s->n_roles;
    ctx->alternatives = (const char *const *)r->alt_ids;
    ctx->alternative_kinds = r->alt_kinds;
    ctx->alternative_labels = (const char *const *)r->alt_labels;
    ctx->n_alternatives = r->n_alt_ids;
    ctx->current_deadline = r->now ? r->now->deadline : r->deadline;
    ctx->current_budget = r->now ? r->now->budget : r->budget;
    ctx->current_people = r->now ? r->now->people : 0;
    const pb_argument *g = current(r);
    if (!g)
        return;
    unsigned t = pb__reh_touches(r, g);
    ctx->topics =
        (t & PB__SET_DEADLINE ? PB_TOPIC_TIME : 0u) | (t & PB__SET_BUDGET ? PB_TOPIC_MONEY : 0u) |
        (t & PB__SET_PEOPLE ? PB_TOPIC_PEOPLE : 0u) | (t >= PB__SET_CHOICE ? PB_TOPIC_CHOICE : 0u);
    if (!g->has_change)
        return;
    ctx->move_has_deadline = isfinite(g->change.deadline);
    ctx->move_deadline = g->change.deadline;
    ctx->move_has_budget = isfinite(g->change.budget);
    ctx->move_budget = g->change.budget;
    ctx->move_has_people = g->change.people > 0;
    ctx->move_people = g->change.people;
    const pb_option *o =
        g->change.alternative ? pb_scenario_option(r->s, g->change.alternative) : NULL;
    for (size_t k = 0; o && k < r->n_alt_ids; k++) {
        const char *dot = strchr(r->alt_ids[k], '.');
        if (dot && !strcmp(dot + 1, o->name))
            ctx->move_alternative = r->alt_ids[k];
    }
}

/* The settings, to put back when a change makes no deal. */
typedef struct snapshot {
    double deadline, budget;
    int people;
    int *team;
    const char **alts;
    size_t n_drop, n_sets;
} snapshot;

static bool save(const pb_rehearsal *r, snapshot *k)
{
    k->deadline = r->deadline;
    k->budget = r->budget;
    k->people = r->people;
    k->n_drop = r->n_drop;
    k->n_sets = r->n_sets;
    k->team = malloc((r->s->n_roles + 1) * sizeof *k->team);
    k->alts = malloc((r->s->n_choices + 1) * sizeof *k->alts);
    if (!k->team || !k->alts) {
        free(k->team);
        free(k->alts);
        return false;
    }
    memcpy(k->team, r->team, r->s->n_roles * sizeof *k->team);
    memcpy(k->alts, r->alts, r->s->n_choices * sizeof *k->alts);
    return true;
}

static void restore(pb_rehearsal *r, snapshot *k, bool back)
{
    if (back) {
        r->deadline = k->deadline;
        r->budget = k->budget;
        r->people = k->people;
        memcpy(r->team, k->team, r->s->n_roles * sizeof *k->team);
        memcpy(r->alts, k->alts, r->s->n_choices * sizeof *k->alts);
        while (r->n_drop > k->n_drop)
            free(r->drop[--r->n_drop]);
        while (r->n_sets > k->n_sets)
            free(r->sets[--r->n_sets]);
    }
    free(k->team);
    free(k->alts);
}

/* Take alternative 'name' (an option's id, or a choice's first: the plan). */
static unsigned take_alternative(pb_rehearsal *r, const char *choice, const char *name)
{
    const pb_option *o = pb_scenario_option(r->s, name);
    if (o && o->choice < r->s->n_choices) {
        r->alts[o->choice] = o->name;
        return o->choice < 26 ? (unsigned)PB__SET_CHOICE << o->choice : 0u;
    }
    for (size_t c = 0; c < r->s->n_choices; c++)
        if ((!choice || !*choice || !strcmp(r->s->choices[c].id, choice)) &&
            !strcmp(r->s->choices[c].base, name)) {
            r->alts[c] = NULL;
            return c < 26 ? (unsigned)PB__SET_CHOICE << c : 0u;
        }
    return 0;
}

/* Append the drops in 'list' (comma-separated) that are not dropped yet. */
static bool add_drops(pb_rehearsal *r, const char *list)
{
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        bool have = false;
        for (size_t i = 0; i < r->n_drop; i++)
            have = have || (strlen(r->drop[i]) == n && !strncmp(r->drop[i], p, n));
        if (n && !have) {
            char **d = realloc(r->drop, (r->n_drop + 1) * sizeof *d);
            if (!d)
                return false;
            r->drop = d;
            if (!(d[r->n_drop] = pb__reh_printf("%.*s", (int)n, p)))
                return false;
            r->n_drop++;
        }
        p += n + (p[n] == ',');
    }
    return true;
}

/* The fewest people role 'k' needs: the largest people_min of its milestones. */
static int role_min(const pb_scenario *s, size_t k)
{
    int m = 0;
    for (size_t i = 0; i < s->n_milestones; i++) {
        const pb_milestone *ms = &s->milestones[i];
        if (ms->has_effort && ms->role && !strcmp(ms->role, s->roles[k].name) && ms->people_min > m)
            m = ms->people_min;
    }
    return m;
}

/*
 * A head count of 'n' over the roles without a search, so that a turn is
 * one evaluation: each role keeps what its milestones need, and the rest is
 * shared in proportion to the team now beyond that (by largest remainder,
 * ties to the first role; evenly over the roles with work when nobody is
 * beyond). Fewer than the roles need gives their minimum, which the deal
 * then reports as infeasible, with the reason. false: out of memory.
 */
static bool spread(pb_rehearsal *r, int n)
{
    size_t nr = r->s->n_roles;
    double *w = calloc(nr + 1, sizeof *w);
    int *min = calloc(nr + 1, sizeof *min);
    if (!w || !min) {
        free(w);
        free(min);
        return false;
    }
    int need = 0;
    double total = 0;
    for (size_t k = 0; k < nr; k++) {
        min[k] = role_min(r->s, k);
        need += min[k];
        w[k] = r->team[k] > min[k] ? r->team[k] - min[k] : 0;
        total += w[k];
    }
    for (size_t k = 0; total == 0 && k < nr; k++)
        total += w[k] = min[k] > 0 ? 1 : 0;
    int rest = n > need ? n - need : 0, given = 0;
    for (size_t k = 0; k < nr; k++) {
        double share = total > 0 ? rest * w[k] / total : 0;
        r->team[k] = min[k] + (int)floor(share);
        given += (int)floor(share);
        w[k] = share - floor(share); /* the remainder, for the people left */
    }
    for (; given < rest && total > 0; given++) {
        size_t best = 0;
        for (size_t k = 1; k < nr; k++)
            best = w[k] > w[best] ? k : best;
        r->team[best]++;
        w[best] = -1;
    }
    r->people = 0;
    free(w);
    free(min);
    return true;
}

/* Apply the move's change; the settings it touched, or ~0u when memory runs out. */
static unsigned apply_move(pb_rehearsal *r, const pb_argument *g)
{
    if (!g->has_change)
        return 0;
    const pb_move_change *c = &g->change;
    unsigned t = 0;
    if (isfinite(c->deadline))
        r->deadline = c->deadline, t |= PB__SET_DEADLINE;
    if (isfinite(c->budget))
        r->budget = c->budget, t |= PB__SET_BUDGET;
    if (c->people > 0) {
        if (!spread(r, c->people))
            return ~0u;
        t |= PB__SET_PEOPLE;
    }
    for (size_t i = 0; c->team && i < r->s->n_roles; i++)
        if (c->team[i] >= 0)
            r->team[i] = c->team[i], t |= PB__SET_PEOPLE;
    if (c->alternative)
        t |= take_alternative(r, NULL, c->alternative);
    if (c->drop && *c->drop) {
        if (!add_drops(r, c->drop))
            return ~0u;
        t |= PB__SET_SCOPE;
    }
    if (c->set && r->n_sets < PB__REH_MAX_SETS) {
        if (!(r->sets[r->n_sets] = pb__reh_printf("%s", c->set)))
            return ~0u;
        r->n_sets++;
        t |= PB__SET_RISK;
    }
    return t;
}

/* Apply the numbers and the alternative the answer names; the settings touched. */
static unsigned apply_answer(pb_rehearsal *r, const pb_answer *a)
{
    unsigned t = 0;
    if (a->has_deadline)
        r->deadline = a->deadline, t |= PB__SET_DEADLINE;
    if (a->has_budget)
        r->budget = a->budget, t |= PB__SET_BUDGET;
    if (a->has_people && a->people > 0) {
        if (!spread(r, a->people))
            return ~0u;
        t |= PB__SET_PEOPLE;
    }
    for (size_t i = 0; a->has_role_people && a->role[0] && i < r->s->n_roles; i++)
        if (!strcmp(r->s->roles[i].name, a->role) && a->role_people >= 0)
            r->team[i] = a->role_people, r->people = 0, t |= PB__SET_PEOPLE;
    if (a->has_choice && a->alternative[0])
        t |= take_alternative(r, a->choice, a->alternative);
    return t;
}

/* What a change gave, in words: "24 weeks, USD 280,000, 4 people, In-house labelling" (an
   alternative by its name, never its id). */
static char *what_changed(const pb_rehearsal *r, unsigned t, const pb_deal_result *d)
{
    char a[64] = "", b[64] = "", buf[512] = "";
    size_t n = 0;
    if (t & PB__SET_DEADLINE) {
        pb__reh_fmt(r->s, d->deadline, "time", a, sizeof a);
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", a);
    }
    if ((t & PB__SET_BUDGET) && n < sizeof buf) {
        pb__reh_fmt(r->s, d->budget, "money", b, sizeof b);
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "", b);
    }
    if ((t & PB__SET_PEOPLE) && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%d people", n ? ", " : "", d->people);
    char label[300];
    for (size_t c = 0; c < d->n_choices && c < 26 && n < sizeof buf; c++)
        if (t & ((unsigned)PB__SET_CHOICE << c))
            n += (size_t)snprintf(
                buf + n, sizeof buf - n, "%s%s", n ? ", " : "",
                pb_scenario_alternative_label(r->s, d->alternatives[c], label, sizeof label));
    if ((t & PB__SET_SCOPE) && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%sthe optional scope dropped",
                              n ? ", " : "");
    if ((t & PB__SET_RISK) && n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, "%sthe risk left out", n ? ", " : "");
    return pb__reh_printf("%s", buf[0] ? buf : "that");
}

/* Hesitation: the manager presses; at the last ask it moves on. */
static char *press(pb_rehearsal *r, const char *why, bool *done)
{
    r->times_asked++;
    *done = r->times_asked >= PB_REHEARSAL_MAX_ASKED;
    size_t n = strlen(why);
    bool stop = n && strchr(".?!", why[n - 1]);
    return pb__reh_printf("%s%s%s", why, stop ? "" : ".", *done ? " We'll come back to it." : "");
}

/* A concession or a counter-offer: change the deal, evaluate it, react. */
static pb_status change(pb_rehearsal *r, const pb_argument *g, const pb_answer *a, pb_turn *t,
                        bool *done, pb_error *err)
{
    snapshot k;
    if (!save(r, &k))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    bool concede = a->stance == PB_STANCE_CONCEDE;
    unsigned touched = concede ? apply_move(r, g) : 0;
    touched |= touched == ~0u ? 0u : apply_answer(r, a);
    if (touched == ~0u) {
        restore(r, &k, true);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    if (!touched && !concede) { /* a counter with nothing to change: a hold */
        restore(r, &k, false);
        t->reply = a->quoted_number ? pb__reh_printf("Fair enough.") : press(r, "So?", done);
        *done = *done || a->quoted_number;
        return PB_OK;
    }
    pb_status st = touched ? pb__reh_evaluate(r, &t->owned, err) : PB_OK;
    restore(r, &k, st != PB_OK);
    if (st)
        return st;
    const pb_deal_result *d = t->owned ? t->owned : r->now;
    char *what = what_changed(r, touched | (concede ? pb__reh_touches(r, g) : 0u), d);
    char p[32];
    pb__reh_fmt(r->s, d->joint.value, "pct", p, sizeof p);
    if (concede)
        t->reply = pb__reh_printf("Good, %s then.", what ? what : "that");
    else if (!strcmp(d->verdict, "holds"))
        t->reply = pb__reh_printf("That works: %s, %s of simulated projects. Deal.",
                                  what ? what : "that", p);
    else
        t->reply = pb__reh_printf("%s, then: I'll hold you to it.", what ? what : "That");
    free(what);
    r->pocketed |= touched | (concede ? pb__reh_touches(r, g) : 0u);
    *done = true;
    return PB_OK;
}

/* The manager's reaction to answer 'a'; *done: the move is settled. */
static pb_status react(pb_rehearsal *r, const pb_argument *g, const pb_answer *a, pb_turn *t,
                       bool *done, pb_error *err)
{
    *done = false;
    if (a->ambiguous || a->stance == PB_STANCE_UNCLEAR) {
        t->reply = press(r, a->question[0] ? a->question : "I didn't follow. Yes or no?", done);
        return PB_OK;
    }
    switch (a->stance) {
    case PB_STANCE_ASK_INTEREST:
        if (!r->interest_told && g->interest && *g->interest) {
            r->interest_told = true;
            t->reply = pb__reh_printf("Since you ask, what is behind it: %s. So?", g->interest);
        } else {
            t->reply = press(r, "I told you what I need. So?", done);
        }
        return PB_OK;
    case PB_STANCE_ASK_TIME:
        t->reply = press(r, "I need an answer in this meeting.", done);
        return PB_OK;
    case PB_STANCE_HOLD:
        if (a->quoted_number) {
            *done = true;
            t->reply = pb__reh_printf("Fair enough, those are your numbers.");
        } else {
            t->reply = press(r, "That's not an answer.", done);
        }
        return PB_OK;
    default:
        return change(r, g, a, t, done, err);
    }
}

static bool push_turn(pb_rehearsal *r, const pb_turn *t)
{
    if (r->n_turns == r->cap_turns) {
        size_t cap = r->cap_turns ? 2 * r->cap_turns : 16;
        pb_turn *n = realloc(r->turns, cap * sizeof *n);
        if (!n)
            return false;
        r->turns = n;
        r->cap_turns = cap;
    }
    r->turns[r->n_turns++] = *t;
    return true;
}

pb_status pb_rehearsal_answer(pb_rehearsal *r, const char *line, const pb_answer *a, pb_error *err)
{
    skip_pocketed(r);
    const pb_argument *g = current(r);
    if (a->stance == PB_STANCE_COMMAND || !g || r->ended)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0,
                            g && !r->ended ? "a command is not an answer"
                                           : "the rehearsal is over");
    pb_turn t;
    memset(&t, 0, sizeof t);
    t.move = r->order[r->pos];
    t.move_id = g->id;
    t.times_asked = r->times_asked + 1;
    t.read = *a;
    t.says = pb__reh_printf("%s", r->words ? r->words : g->says);
    t.answer = pb__reh_printf("%s", line ? line : "");
    const pb_deal_result *before = r->now;
    bool done = false;
    pb_status st = t.says && t.answer ? react(r, g, a, &t, &done, err)
                                      : pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    if (st) {
        free(t.says);
        free(t.answer);
        free(t.reply);
        return st;
    }
    if (t.owned)
        r->now = t.owned;
    t.changed = t.owned != NULL;
    t.deal = r->now;
    t.deal_line = pb__reh_deal_line(r->s, t.deal);
    pb__reh_score(r, g, before, &t);
    free(r->reaction);
    r->reaction = t.reply ? pb__reh_printf("%s", t.reply) : NULL;
    r->moved = done;
    if (done) {
        r->pos++;
        r->times_asked = 0;
        r->interest_told = false;
    }
    if (!push_turn(r, &t)) {
        r->now = before;
        free(t.says);
        free(t.answer);
        free(t.reply);
        free(t.deal_line);
        free(t.advice);
        pb_deal_result_free(t.owned);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    return PB_OK;
}
