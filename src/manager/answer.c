/*
 * answer.c - what the engineer's answer in a rehearsal means (answer.h).
 *
 * Three steps. A command ("quit", "why", "what-if team.ml=3", "what if we
 * had 3 ML engineers?") is recognised on the whole text. Otherwise the
 * tokens (answer_lex.c) give the quantities and the alternative named
 * (answer_read.c), which are placed: a number with a unit goes where its
 * unit says; a bare number goes to the one topic of the manager's move not
 * yet answered, and only when it is within a factor of four of the deal's
 * current value, otherwise the answer is ambiguous and the question to ask
 * back says why. Last, the stance phrases (answer_words.c) and the values
 * give the stance: asking for time, asking about the interest, holding,
 * conceding (a bare "ok" concedes what the move asks) or countering (a
 * change tied to the offer by "if", "with", "drop"...).
 */
#include "pushback/answer.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer_internal.h"

const char *pb_stance_name(pb_stance s)
{
    static const char *const NAMES[] = {"unclear",      "hold",     "counter", "concede",
                                        "ask-interest", "ask-time", "command"};
    return (unsigned)s < sizeof NAMES / sizeof *NAMES ? NAMES[s] : "unclear";
}

/* ==== Commands ==== */

/* 'text' without the white space and final '.', '!' around it: [*start, *start + *len). */
static void trim(const char *text, const char **start, size_t *len)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n && (isspace((unsigned char)text[n - 1]) || text[n - 1] == '.' || text[n - 1] == '!'))
        n--;
    *start = text;
    *len = n;
}

static bool word_is(const char *s, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == len && !strncasecmp(s, *words, len))
            return true;
    return false;
}

/* A one-word command; PB_CMD_NONE when the text is not one. */
static pb_answer_cmd simple_command(const char *s, size_t len)
{
    static const char *const QUIT[] = {"quit", "exit", "q", "bye", NULL};
    static const char *const SKIP[] = {"skip", "next", "pass", NULL};
    static const char *const HELP[] = {"help", "?", "h", "commands", NULL};
    static const char *const WHY[] = {"why", "why?", NULL};
    return word_is(s, len, QUIT)   ? PB_CMD_QUIT
           : word_is(s, len, SKIP) ? PB_CMD_SKIP
           : word_is(s, len, HELP) ? PB_CMD_HELP
           : word_is(s, len, WHY)  ? PB_CMD_WHY
                                   : PB_CMD_NONE;
}

/* After "what-if", "whatif" or "what if" at the start: the rest, or NULL. */
static const char *whatif_rest(const char *s, size_t len)
{
    static const char *const PREFIXES[] = {"what-if", "whatif", "what if", NULL};
    for (const char *const *p = PREFIXES; *p; p++) {
        size_t k = strlen(*p);
        if (len >= k && !strncasecmp(s, *p, k) &&
            (len == k || isspace((unsigned char)s[k]) || s[k] == '?'))
            return s + k;
    }
    return NULL;
}

/* "team.ml = 3" as "team.ml=3": white space outside quotes and a final '?' go; false if no '='. */
static bool whatif_path(const char *rest, size_t len, char *out, size_t cap)
{
    if (!memchr(rest, '=', len))
        return false;
    size_t n = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        char c = rest[i];
        quoted ^= c == '"';
        if ((!quoted && isspace((unsigned char)c)) || (c == '?' && i + 1 == len))
            continue;
        out[n++] = c;
    }
    out[n] = '\0';
    return n > 1;
}

/* ==== Placing the numbers ==== */

typedef struct parse {
    const pb_answer_context *ctx;
    pb__found f;
    char *words;          /* pb__answer_words of the tokens */
    bool hold_hint;       /* hold phrases: prefer a number other than the move's */
    char deadline_as[48]; /* "4 months" when said in another unit or bare */
    bool placed_bare;
} parse;

static double known(double v)
{
    return isfinite(v) && v > 0 ? v : 0;
}

static bool same(double a, double b)
{
    return fabs(a - b) <= 0.005 * fmax(fabs(a), fabs(b));
}

static const char *unit_name(const pb_answer_context *ctx)
{
    return ctx->time_unit ? ctx->time_unit : "weeks";
}

/*
 * The quantity of 'unit' to take, never one negated ("not 24"): the first,
 * except in a holding answer, which gives its reasons before its number
 * ("24 weeks is impossible, we need 35"): there the last one other than
 * the move's 'avoid'.
 */
static const pb__qty *pick(const parse *p, pb_answer_unit unit, bool has_avoid, double avoid)
{
    const pb__qty *first = NULL, *last = NULL;
    for (size_t i = 0; i < p->f.n_q; i++) {
        const pb__qty *q = &p->f.q[i];
        if (q->unit != unit || q->negated)
            continue;
        if (!first)
            first = q;
        if (!p->hold_hint)
            return q;
        if (!has_avoid || q->dir || fabs(q->value - avoid) > 1e-9)
            last = q;
    }
    return last ? last : first;
}

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* Mark the answer ambiguous with the question to ask back (the first one said stays). */
static void ask(pb_answer *out, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void ask(pb_answer *out, const char *fmt, ...)
{
    out->ambiguous = true;
    if (out->question[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->question, sizeof out->question, fmt, ap);
    va_end(ap);
}

/* A value said with a direction applied to the deal's current one; false if unknown. */
static bool relative(const pb__qty *q, double current, double *out)
{
    if (!q->dir) {
        *out = q->value;
        return true;
    }
    *out = current + q->dir * q->value;
    return current > 0 && *out > 0;
}

/* Beyond these, a number is a slip of the keyboard, asked about. */
#define PB_ANSWER_MAX_TIME  1e5  /* in the scenario's time unit */
#define PB_ANSWER_MAX_MONEY 1e13 /* in its currency */

static void place_time(parse *p, pb_answer *out)
{
    const pb_answer_context *c = p->ctx;
    const pb__qty *q = pick(p, PB_UNIT_TIME, c->move_has_deadline, c->move_deadline);
    if (!q)
        return;
    out->quoted_number = true;
    if (!relative(q, known(c->current_deadline), &out->deadline) || !(out->deadline > 0)) {
        ask(out, "%s than what? say the whole deadline in %s", q->dir > 0 ? "longer" : "shorter",
            unit_name(c));
        return;
    }
    if (out->deadline > PB_ANSWER_MAX_TIME) {
        ask(out, "'%.12g %s'? say the deadline in %s", out->deadline, unit_name(c), unit_name(c));
        return;
    }
    out->has_deadline = true;
    if (!same(pb__answer_time_word(q->said_unit), pb__answer_time_word(unit_name(c))) || q->dir)
        snprintf(p->deadline_as, sizeof p->deadline_as, "%g %s%s", q->said, q->said_unit,
                 q->dir > 0   ? " more"
                 : q->dir < 0 ? " less"
                              : "");
}

static void place_money(parse *p, pb_answer *out)
{
    const pb_answer_context *c = p->ctx;
    const pb__qty *q = pick(p, PB_UNIT_MONEY, c->move_has_budget, c->move_budget);
    if (p->f.foreign[0] && c->currency) {
        char cur[8];
        snprintf(cur, sizeof cur, "%s", c->currency);
        ask(out, "the scenario counts in %s: how much is that in %s?", cur, cur);
    }
    if (!q)
        return;
    out->quoted_number = true;
    if (q->value > PB_ANSWER_MAX_MONEY)
        ask(out, "'%.12g'? say the budget in %s", q->value, c->currency ? c->currency : "money");
    else if (!relative(q, known(c->current_budget), &out->budget) || !(out->budget > 0))
        ask(out, "%s than what? say the whole budget", q->dir > 0 ? "more" : "less");
    else
        out->has_budget = true;
}

/* More people than this in one answer is a slip of the keyboard. */
#define PB_ANSWER_MAX_PEOPLE 100000

static void place_people(parse *p, pb_answer *out)
{
    const pb__qty *q = pick(p, PB_UNIT_PEOPLE, p->ctx->move_has_people, p->ctx->move_people);
    if (!q)
        return;
    out->quoted_number = true;
    if (q->value > PB_ANSWER_MAX_PEOPLE) {
        ask(out, "'%.12g' people? say the team size", q->value);
        return;
    }
    snprintf(out->role, sizeof out->role, "%s", q->role);
    if (q->dir) {
        out->people_delta = q->dir * (int)lround(q->value);
        out->people = p->ctx->current_people + out->people_delta;
        out->has_people = p->ctx->current_people > 0 && out->people > 0;
    } else if (q->role[0]) {
        out->has_role_people = true;
        out->role_people = (int)lround(q->value);
    } else {
        out->has_people = q->value >= 1;
        out->people = (int)lround(q->value);
    }
}

/* The topics a bare number may still answer: the move's, less those already answered. */
static unsigned open_topics(const parse *p, const pb_answer *out)
{
    unsigned t = p->ctx->topics & (PB_TOPIC_TIME | PB_TOPIC_MONEY | PB_TOPIC_PEOPLE);
    if (out->has_deadline)
        t &= ~(unsigned)PB_TOPIC_TIME;
    if (out->has_budget)
        t &= ~(unsigned)PB_TOPIC_MONEY;
    if (out->has_people || out->has_role_people || out->people_delta)
        t &= ~(unsigned)PB_TOPIC_PEOPLE;
    return t;
}

/* "'30' what: weeks or USD?" naming the topics the move is about (all when none). */
static void ask_unit(const parse *p, pb_answer *out, double said)
{
    unsigned t = p->ctx->topics & (PB_TOPIC_TIME | PB_TOPIC_MONEY | PB_TOPIC_PEOPLE);
    char what[96] = "", num[32];
    const char *cur = p->ctx->currency ? p->ctx->currency : "money";
    if (!t || (t & PB_TOPIC_TIME))
        snprintf(what, sizeof what, "%s or %s", unit_name(p->ctx),
                 strcmp(unit_name(p->ctx), "months") ? "months" : "weeks");
    if (!t || (t & PB_TOPIC_MONEY))
        snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", *what ? " or " : "", cur);
    if (!t || (t & PB_TOPIC_PEOPLE))
        snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", *what ? " or " : "",
                 "people");
    snprintf(num, sizeof num, "'%.12g' what", said);
    ask(out, "%s: %s?", num, what);
}

/* Place the first bare number in the one open topic, if near the deal's value there. */
static void place_bare(parse *p, pb_answer *out)
{
    const pb__qty *q = pick(p, PB_UNIT_NONE, false, 0);
    if (!q)
        return;
    unsigned t = open_topics(p, out);
    const pb_answer_context *c = p->ctx;
    double now = t == PB_TOPIC_TIME     ? known(c->current_deadline)
                 : t == PB_TOPIC_MONEY  ? known(c->current_budget)
                 : t == PB_TOPIC_PEOPLE ? c->current_people
                                        : 0;
    if ((t != PB_TOPIC_TIME && t != PB_TOPIC_MONEY && t != PB_TOPIC_PEOPLE) ||
        (now > 0 && (q->value < now / 4 || q->value > now * 4)) ||
        (t == PB_TOPIC_PEOPLE && q->value > PB_ANSWER_MAX_PEOPLE) ||
        (t == PB_TOPIC_TIME && q->value > PB_ANSWER_MAX_TIME) ||
        (t == PB_TOPIC_MONEY && q->value > PB_ANSWER_MAX_MONEY)) {
        ask_unit(p, out, q->said);
        return;
    }
    out->quoted_number = true;
    p->placed_bare = true;
    if (t == PB_TOPIC_TIME) {
        out->has_deadline = true;
        out->deadline = q->value;
        snprintf(p->deadline_as, sizeof p->deadline_as, "you said '%g'", q->said);
    } else if (t == PB_TOPIC_MONEY) {
        out->has_budget = true;
        out->budget = q->value;
    } else {
        out->has_people = true;
        out->people = (int)lround(q->value);
    }
}

static void place_range(parse *p, pb_answer *out)
{
    pb__found *f = &p->f;
    if (!f->has_range)
        return;
    unsigned t = p->ctx->topics & (PB_TOPIC_TIME | PB_TOPIC_MONEY | PB_TOPIC_PEOPLE);
    if (f->range_unit == PB_UNIT_NONE) /* an estimate with no unit: in the move's one topic */
        f->range_unit = !t || t == PB_TOPIC_TIME ? PB_UNIT_TIME
                        : t == PB_TOPIC_MONEY    ? PB_UNIT_MONEY
                        : t == PB_TOPIC_PEOPLE   ? PB_UNIT_PEOPLE
                                                 : PB_UNIT_NONE;
    if (f->range_bad) {
        char got[64];
        snprintf(got, sizeof got, "%g, %g, %g", f->lo, f->mode, f->hi);
        ask(out, "is that low, likely, high in order? I read %s", got);
        return;
    }
    if (f->range_unit == PB_UNIT_NONE) {
        ask_unit(p, out, f->lo);
        return;
    }
    double cap = f->range_unit == PB_UNIT_TIME    ? PB_ANSWER_MAX_TIME
                 : f->range_unit == PB_UNIT_MONEY ? PB_ANSWER_MAX_MONEY
                                                  : PB_ANSWER_MAX_PEOPLE;
    if (f->hi > cap) {
        ask(out, "'%.12g' as the highest? say the estimate again", f->hi);
        return;
    }
    out->has_range = true;
    out->has_mode = f->has_mode;
    out->lo = f->lo;
    out->mode = f->mode;
    out->hi = f->hi;
    out->range_unit = f->range_unit;
    out->quoted_number = true;
}

/* Add "choice.alternative" to the picks; the first is also 'choice' and 'alternative'. */
static void set_choice(pb_answer *out, const char *id)
{
    const char *dot = strchr(id, '.');
    if (out->n_picks == PB_ANSWER_MAX_PICKS)
        return;
    pb_answer_pick *k = &out->picks[out->n_picks++];
    snprintf(k->choice, sizeof k->choice, "%.*s", dot ? (int)(dot - id) : 0, id);
    snprintf(k->alternative, sizeof k->alternative, "%s", dot ? dot + 1 : id);
    if (!out->has_choice) {
        out->has_choice = true;
        memcpy(out->choice, k->choice, sizeof out->choice);
        memcpy(out->alternative, k->alternative, sizeof out->alternative);
    }
}

static void place_choice(parse *p, pb_answer *out)
{
    for (size_t i = 0; i < p->f.n_picks; i++)
        set_choice(out, p->ctx->alternatives[p->f.picks[i]]);
    if (p->f.choice_question[0])
        ask(out, "%s", p->f.choice_question);
}

/* ==== The stance ==== */

static int n_items(const pb_answer *a)
{
    return a->has_deadline + a->has_budget +
           (a->has_people || a->has_role_people || a->people_delta != 0) + a->has_choice;
}

/* Does every change said equal what the move asks for (and is there one)? */
static bool matches_move(const pb_answer *a, const pb_answer_context *c)
{
    if (!n_items(a))
        return false;
    if (a->has_deadline && !(c->move_has_deadline && same(a->deadline, c->move_deadline)))
        return false;
    if (a->has_budget && !(c->move_has_budget && same(a->budget, c->move_budget)))
        return false;
    if ((a->has_people || a->has_role_people || a->people_delta) &&
        !(c->move_has_people && a->has_people && a->people == c->move_people))
        return false;
    if (a->n_picks > 1)
        return false;
    if (a->has_choice) {
        char id[160];
        snprintf(id, sizeof id, "%s.%s", a->choice, a->alternative);
        if (!c->move_alternative || strcmp(id, c->move_alternative))
            return false;
    }
    return true;
}

/* Only the deal's own deadline or budget, said again. */
static bool repeats_deal(const pb_answer *a, const pb_answer_context *c)
{
    if (!n_items(a) || a->has_choice || a->has_people || a->has_role_people || a->people_delta)
        return false;
    return (!a->has_deadline || same(a->deadline, known(c->current_deadline))) &&
           (!a->has_budget || same(a->budget, known(c->current_budget)));
}

/* Fill what the answer leaves out with what the move asks for. */
static void take_move(pb_answer *a, const pb_answer_context *c)
{
    if (c->move_has_deadline && !a->has_deadline && c->move_deadline > 0) {
        a->has_deadline = true;
        a->deadline = c->move_deadline;
    }
    if (c->move_has_budget && !a->has_budget && c->move_budget > 0) {
        a->has_budget = true;
        a->budget = c->move_budget;
    }
    if (c->move_has_people && !a->has_people && !a->people_delta && c->move_people > 0) {
        a->has_people = true;
        a->people = c->move_people;
    }
    if (c->move_alternative && !a->has_choice && strchr(c->move_alternative, '.'))
        set_choice(a, c->move_alternative);
}

/* A holding answer that names the move's own number refuses it: it is no offer. */
static void refused(pb_answer *a, const pb_answer_context *c)
{
    if (a->has_deadline && c->move_has_deadline && same(a->deadline, c->move_deadline))
        a->has_deadline = false;
    if (a->has_budget && c->move_has_budget && same(a->budget, c->move_budget))
        a->has_budget = false;
    if (a->has_people && c->move_has_people && a->people == c->move_people)
        a->has_people = false;
}

static bool is_question(const char *text, const char *words)
{
    static const char *const ASKING[] = {"why", "what", "who", "how", "where", "when", NULL};
    char first[16] = "";
    sscanf(words, "%15s", first);
    return strchr(text, '?') || word_is(first, strlen(first), ASKING);
}

static pb_stance decide(const parse *p, const char *text, pb_answer *out)
{
    const char *w = p->words;
    const pb_answer_context *c = p->ctx;
    bool hold = p->hold_hint, give = pb__answer_has_any(w, pb__answer_concede_phrases) ||
                                     !strcmp(w, "deal") || !strcmp(w, "done");
    bool cond = pb__answer_has_any(w, pb__answer_condition_phrases);
    bool strong = pb__answer_has_any(w, pb__answer_strong_condition_phrases);
    int n = n_items(out);
    if (pb__answer_has_any(w, pb__answer_time_phrases))
        return PB_STANCE_ASK_TIME;
    if (is_question(text, w) && pb__answer_has_any(w, pb__answer_interest_phrases))
        return PB_STANCE_ASK_INTEREST;
    if (give && !hold) {
        if (cond && n && !matches_move(out, c)) {
            take_move(out, c);
            return PB_STANCE_COUNTER;
        }
        if (!n && !out->ambiguous) /* a bare "ok" concedes the move as asked */
            take_move(out, c);
        return PB_STANCE_CONCEDE;
    }
    if (hold && strong && n && !repeats_deal(out, c))
        return PB_STANCE_COUNTER;
    if (hold) {
        refused(out, c);
        return PB_STANCE_HOLD;
    }
    if (!n && out->has_range)
        return PB_STANCE_HOLD; /* an estimate stated, nothing traded */
    if (n)
        return matches_move(out, c)   ? PB_STANCE_CONCEDE
               : repeats_deal(out, c) ? PB_STANCE_HOLD
                                      : PB_STANCE_COUNTER;
    return PB_STANCE_UNCLEAR;
}

/* ==== What was understood ==== */

/* 'v' with at most one decimal, and thousands separated when 'money'. */
static void number(char *buf, size_t cap, double v, bool money)
{
    if (!money || fabs(v) < 1e4 || fabs(v) >= 1e15) {
        snprintf(buf, cap, fabs(v - round(v)) < 0.05 ? "%.0f" : "%.1f", v);
        return;
    }
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t n = strlen(digits), k = 0;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        buf[k++] = digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            buf[k++] = ',';
    }
    buf[k] = '\0';
}

typedef struct line {
    char *buf;
    size_t cap, n_items;
} line;

/* Append one item to the line: "A", "A with B", "A with B, C". */
static void add(line *l, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void add(line *l, const char *fmt, ...)
{
    size_t len = strlen(l->buf);
    const char *sep = !l->n_items ? "" : l->n_items == 1 ? " with " : ", ";
    if (len < l->cap)
        snprintf(l->buf + len, l->cap - len, "%s", sep);
    len = strlen(l->buf);
    va_list ap;
    va_start(ap, fmt);
    if (len < l->cap)
        vsnprintf(l->buf + len, l->cap - len, fmt, ap);
    va_end(ap);
    l->n_items++;
}

static void items(const parse *p, const pb_answer *a, line *l)
{
    char n1[48], n2[48], tail[96];
    const char *cur = p->ctx->currency ? p->ctx->currency : "";
    if (a->has_deadline) {
        number(n1, sizeof n1, a->deadline, false);
        snprintf(tail, sizeof tail, "%s%s%s", unit_name(p->ctx), p->deadline_as[0] ? " (" : "",
                 p->deadline_as);
        add(l, p->deadline_as[0] ? "%s %s)" : "%s %s", n1, tail);
    }
    if (a->has_budget) {
        number(n1, sizeof n1, a->budget, true);
        add(l, *cur ? "%s %s" : "%s%s", cur, n1);
    }
    if (a->has_people || a->people_delta || a->has_role_people) {
        number(n1, sizeof n1, a->has_role_people ? a->role_people : abs(a->people_delta), false);
        snprintf(tail, sizeof tail, "%s%s",
                 a->people_delta > 0   ? "more "
                 : a->people_delta < 0 ? "fewer "
                                       : "",
                 a->role[0] ? a->role : "people");
        if (a->has_people && !a->people_delta)
            number(n1, sizeof n1, a->people, false);
        if (a->has_people && a->people_delta)
            snprintf(tail + strlen(tail), sizeof tail - strlen(tail), " (%d in all)", a->people);
        add(l, "%s %s", n1, tail);
    }
    for (size_t i = 0; i < a->n_picks; i++) {
        const char *said = NULL;
        size_t nc = strlen(a->picks[i].choice);
        for (size_t k = 0; p->ctx->alternative_labels && k < p->ctx->n_alternatives; k++) {
            const char *id = p->ctx->alternatives[k];
            if (!strncmp(id, a->picks[i].choice, nc) && id[nc] == '.' &&
                !strcmp(id + nc + 1, a->picks[i].alternative))
                said = p->ctx->alternative_labels[k];
        }
        if (said)
            add(l, "%s", said);
        else
            add(l, "%s: %s", a->picks[i].choice, a->picks[i].alternative);
    }
    if (a->has_range) {
        number(n1, sizeof n1, a->lo, a->range_unit == PB_UNIT_MONEY);
        number(n2, sizeof n2, a->hi, a->range_unit == PB_UNIT_MONEY);
        char mid[48] = "";
        if (a->has_mode)
            number(mid, sizeof mid, a->mode, a->range_unit == PB_UNIT_MONEY);
        snprintf(tail, sizeof tail, "%s%s%s %s", a->has_mode ? mid : "", a->has_mode ? "-" : "", n2,
                 a->range_unit == PB_UNIT_TIME    ? unit_name(p->ctx)
                 : a->range_unit == PB_UNIT_MONEY ? (*cur ? cur : "money")
                                                  : "people");
        add(l, "the estimate %s-%s", n1, tail);
    }
}

static void understood(const parse *p, pb_answer *a)
{
    static const char *const HEAD[] = {"not understood",
                                       "you held: ",
                                       "you offered: ",
                                       "you agreed to: ",
                                       "you asked what is behind the ask",
                                       "you asked for time to check",
                                       "command: "};
    static const char *const CMD[] = {"", "why", "what-if ", "skip", "quit", "help"};
    line l = {a->understood, sizeof a->understood, 0};
    snprintf(a->understood, sizeof a->understood, "%s", HEAD[a->stance]);
    if (a->stance == PB_STANCE_COMMAND) {
        add(&l, "%s%s", CMD[a->command],
            a->command != PB_CMD_WHATIF ? ""
            : a->whatif[0]              ? a->whatif
                                        : "(no path: try what-if PATH=VALUE)");
        return;
    }
    if (a->stance == PB_STANCE_UNCLEAR || a->stance == PB_STANCE_ASK_INTEREST ||
        a->stance == PB_STANCE_ASK_TIME)
        return;
    items(p, a, &l);
    if (!l.n_items)
        add(&l, "%s", a->stance == PB_STANCE_HOLD ? "your ask as it stands" : "the move as asked");
}

/* ==== Parsing ==== */

/* "what if we had 3 ML engineers?": the path its one change maps to, or "". */
static void whatif_words(const pb_answer *a, char *out, size_t cap)
{
    char v[48];
    *out = '\0';
    if (n_items(a) != 1)
        return;
    if (a->has_role_people)
        snprintf(out, cap, "team.%s=%d", a->role, a->role_people);
    else if (a->has_deadline && snprintf(v, sizeof v, "%.4g", a->deadline) > 0)
        snprintf(out, cap, "ask.deadline=%s", v);
    else if (a->has_budget)
        snprintf(out, cap, "ask.budget=%.0f", a->budget);
}

/* Tokens, quantities, choice and stance of the text; false when memory runs out. */
static bool read_answer(const char *text, const pb_answer_context *ctx, pb_answer *out)
{
    static const char *const NO[] = {"no", "nope", "nah", NULL};
    pb__tok *toks = NULL;
    size_t n = 0;
    parse p;
    memset(&p, 0, sizeof p);
    p.ctx = ctx;
    if (!pb__answer_lex(text, &toks, &n) || !(p.words = pb__answer_words(toks, n))) {
        free(toks);
        return false;
    }
    char first[16] = "";
    sscanf(p.words, "%15s", first);
    p.hold_hint =
        word_is(first, strlen(first), NO) || pb__answer_has_any(p.words, pb__answer_hold_phrases);
    pb__answer_read(toks, n, ctx, &p.f);
    pb__answer_find_choice(p.words, ctx, &p.f);
    place_time(&p, out);
    place_money(&p, out);
    place_people(&p, out);
    place_choice(&p, out);
    place_range(&p, out);
    place_bare(&p, out);
    out->quoted_interval = out->has_range || p.f.interval_words;
    out->stance = out->command ? PB_STANCE_COMMAND : decide(&p, text, out);
    if (out->command == PB_CMD_WHATIF && !out->whatif[0])
        whatif_words(out, out->whatif, sizeof out->whatif);
    if (out->stance == PB_STANCE_UNCLEAR && !out->question[0])
        snprintf(out->question, sizeof out->question, "%s",
                 "I did not follow: hold with a number, offer a trade, agree, ask why, or type "
                 "'help'");
    understood(&p, out);
    free(p.words);
    free(toks);
    return true;
}

pb_status pb_answer_parse(const char *text, const pb_answer_context *ctx, pb_answer *out,
                          pb_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!text || !ctx || !out)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "answer: no %s",
                            !text  ? "text"
                            : !ctx ? "context"
                                   : "answer to fill");
    const char *s;
    size_t len;
    trim(text, &s, &len);
    const char *rest = whatif_rest(s, len);
    if ((out->command = simple_command(s, len))) {
        out->stance = PB_STANCE_COMMAND;
        understood(NULL, out);
        return PB_OK;
    }
    if (rest) {
        out->command = PB_CMD_WHATIF;
        if (whatif_path(rest, len - (size_t)(rest - s), out->whatif, sizeof out->whatif)) {
            out->stance = PB_STANCE_COMMAND;
            understood(NULL, out);
            return PB_OK;
        }
        text = rest;
    }
    if (!read_answer(text, ctx, out)) {
        memset(out, 0, sizeof *out);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    return PB_OK;
}
