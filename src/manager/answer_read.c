/*
 * answer_read.c - the quantities an answer names and the alternative it
 * picks. A quantity is a number with what follows it: a time unit
 * converted to the scenario's unit through calendar days ("4 months" in a
 * weeks scenario is 4 x 30.436875 / 7 = 17.4 weeks), a money multiplier or
 * currency ("280k", "USD 1.2M", "$300,000"), people or a role ("two more
 * ML engineers"), a direction ("a month less"). A range is two or three
 * numbers joined by '-', "to" or "between ... and", or in brackets; its
 * unit follows the last number. A number with nothing after it is kept
 * bare for answer.c to place or to ask about.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer_internal.h"

static bool is(const pb__tok *t, size_t n, size_t i, const char *w)
{
    return i < n && t[i].kind != PB__TOK_NUM && !strcmp(t[i].text, w);
}

static bool num_at(const pb__tok *t, size_t n, size_t i)
{
    return i < n && t[i].kind == PB__TOK_NUM;
}

static double unit_days(const pb_answer_context *ctx)
{
    if (ctx->days_per_unit > 0)
        return ctx->days_per_unit;
    double d = ctx->time_unit ? pb__answer_time_word(ctx->time_unit) : 0;
    return d > 0 ? d : 7;
}

/*
 * 'said' of a unit 'days' long in the scenario's unit: unchanged in the
 * scenario's own unit (3 days are 3 working days in a scenario in working
 * days), else through calendar days.
 */
static double in_units(const pb_answer_context *ctx, double said, double days)
{
    double own = ctx->time_unit ? pb__answer_time_word(ctx->time_unit) : 7;
    if (fabs(days - (own > 0 ? own : 7)) < 1e-9)
        return said;
    return said * days / unit_days(ctx);
}

/* A currency word at i, remembered in 'cur'; false if none. */
static bool currency_at(const pb__tok *t, size_t n, size_t i, const pb_answer_context *ctx,
                        const char **cur)
{
    if (i >= n || t[i].kind == PB__TOK_NUM)
        return false;
    const char *iso = pb__answer_currency_word(t[i].text);
    if (!iso && ctx->currency && !strcasecmp(ctx->currency, t[i].text))
        iso = t[i].text;
    if (iso)
        *cur = iso;
    return iso != NULL;
}

/* The role id at i ("ml", "machine learning"), with the tokens it takes; NULL if none. */
static const char *role_at(const pb__tok *t, size_t n, size_t i, const pb_answer_context *ctx,
                           size_t *used)
{
    if (i >= n || t[i].kind != PB__TOK_WORD)
        return NULL;
    char two[64];
    const char *syn = NULL;
    *used = 1;
    if (i + 1 < n && t[i + 1].kind == PB__TOK_WORD) {
        snprintf(two, sizeof two, "%s %s", t[i].text, t[i + 1].text);
        if ((syn = pb__answer_role_synonym(two)))
            *used = 2;
    }
    if (!syn)
        syn = pb__answer_role_synonym(t[i].text);
    if (!syn)
        *used = 1;
    for (size_t r = 0; r < ctx->n_roles; r++)
        if (ctx->roles[r] && !strcasecmp(ctx->roles[r], t[i].text)) {
            *used = 1;
            return ctx->roles[r];
        }
    for (size_t r = 0; syn && r < ctx->n_roles; r++)
        if (ctx->roles[r] && !strcasecmp(ctx->roles[r], syn))
            return ctx->roles[r];
    return NULL;
}

/* A number at j with its money multiplier; returns the tokens used (0: none). */
static size_t amount_at(const pb__tok *t, size_t n, size_t j, double *v, double *mult)
{
    if (!num_at(t, n, j))
        return 0;
    *v = t[j].num;
    *mult = j + 1 < n && t[j + 1].kind == PB__TOK_WORD ? pb__answer_money_word(t[j + 1].text) : 0;
    return *mult > 0 ? 2 : 1;
}

/* What follows a number at j: a unit, people or a role; fills q and returns tokens used. */
static size_t unit_after(const pb__tok *t, size_t n, size_t j, const pb_answer_context *ctx,
                         pb__qty *q)
{
    size_t k = j, used;
    const char *role;
    double days = k < n && t[k].kind == PB__TOK_WORD ? pb__answer_time_word(t[k].text) : 0;
    if (days > 0) {
        q->unit = PB_UNIT_TIME;
        q->value = in_units(ctx, q->said, days);
        snprintf(q->said_unit, sizeof q->said_unit, "%s", t[k].text);
        return 1;
    }
    if ((role = role_at(t, n, k, ctx, &used))) {
        q->unit = PB_UNIT_PEOPLE;
        snprintf(q->role, sizeof q->role, "%s", role);
        k += used;
    }
    if (k < n && t[k].kind == PB__TOK_WORD && pb__answer_people_word(t[k].text)) {
        q->unit = PB_UNIT_PEOPLE;
        k++;
    }
    if (q->unit == PB_UNIT_PEOPLE) {
        q->value = q->said;
        snprintf(q->said_unit, sizeof q->said_unit, "%s", "people");
    }
    return k - j;
}

/* A single quantity at i; returns the tokens it takes (0: none there). */
static size_t quantity_at(const pb__tok *t, size_t n, size_t i, const pb_answer_context *ctx,
                          pb__qty *q, char *foreign)
{
    const char *cur = NULL;
    double mult = 0;
    size_t j = i + (currency_at(t, n, i, ctx, &cur) ? 1 : 0), used;
    memset(q, 0, sizeof *q);
    if (!(used = amount_at(t, n, j, &q->said, &mult)))
        return 0;
    size_t num = j;
    bool spelled = t[j].spelled;
    if (is(t, n, j + 1, "%"))
        return 0; /* a confidence, not a quantity */
    q->value = q->said;
    j += used;
    if (currency_at(t, n, j, ctx, &cur))
        j++;
    if ((q->dir = j < n && t[j].kind == PB__TOK_WORD ? pb__answer_direction_word(t[j].text) : 0))
        j++;
    if (t[num].another)
        q->dir = 1;
    if (cur || mult > 0) {
        q->unit = PB_UNIT_MONEY;
        q->value = q->said * (mult > 0 ? mult : 1);
        snprintf(q->said_unit, sizeof q->said_unit, "%s", mult > 0 ? t[num + 1].text : "");
        if (cur && ctx->currency && strcasecmp(cur, ctx->currency) && !*foreign)
            snprintf(foreign, 8, "%s", cur);
    } else
        j += unit_after(t, n, j, ctx, q);
    if (!q->dir && j < n && t[j].kind == PB__TOK_WORD &&
        (q->dir = pb__answer_direction_word(t[j].text)))
        j++;
    if (q->unit == PB_UNIT_NONE && (spelled || q->dir))
        return 0; /* "someone", "one more thing": not a quantity */
    q->at = i;
    return j - i;
}

/* "week 24", "in month 6": a point in time named by its unit first. */
static size_t point_at(const pb__tok *t, size_t n, size_t i, const pb_answer_context *ctx,
                       pb__qty *q)
{
    double days = t[i].kind == PB__TOK_WORD ? pb__answer_time_word(t[i].text) : 0;
    if (days <= 0 || strlen(t[i].text) < 3 || !num_at(t, n, i + 1) || t[i + 1].spelled ||
        (i > 0 && t[i - 1].kind == PB__TOK_NUM))
        return 0;
    memset(q, 0, sizeof *q);
    q->unit = PB_UNIT_TIME;
    q->said = t[i + 1].num;
    q->value = in_units(ctx, q->said, days);
    snprintf(q->said_unit, sizeof q->said_unit, "%s", t[i].text);
    q->at = i;
    return 2;
}

/* The unit after a range's last number: fills f->range_unit and converts. */
static size_t range_unit_at(const pb__tok *t, size_t n, size_t j, const pb_answer_context *ctx,
                            bool money, pb__found *f)
{
    pb__qty q;
    memset(&q, 0, sizeof q);
    q.said = 1;
    const char *cur = NULL;
    size_t used = currency_at(t, n, j, ctx, &cur) ? 1 : unit_after(t, n, j, ctx, &q);
    if (cur || money)
        f->range_unit = PB_UNIT_MONEY;
    else
        f->range_unit = q.unit;
    if (q.unit == PB_UNIT_TIME) {
        f->lo *= q.value;
        f->mode *= q.value;
        f->hi *= q.value;
    }
    return used;
}

/* Is token i a range separator: '-', "to", ',' in brackets, "and" after "between"? */
static bool range_sep(const pb__tok *t, size_t n, size_t i, bool bracket, bool between)
{
    return is(t, n, i, "-") || (!bracket && is(t, n, i, "to")) || (bracket && is(t, n, i, ",")) ||
           (between && is(t, n, i, "and"));
}

/* A range at i: "18-30", "18 to 30", "[18, 22, 30]", "18-22-30 weeks"; tokens used or 0. */
static size_t range_at(const pb__tok *t, size_t n, size_t i, const pb_answer_context *ctx,
                       pb__found *f)
{
    bool bracket = is(t, n, i, "["), between = i > 0 && is(t, n, i - 1, "between");
    const char *cur = NULL;
    size_t j = i + bracket, used, count = 0;
    double v[3], mult, last_mult = 0;
    bool money = currency_at(t, n, j, ctx, &cur);
    j += money;
    while (count < 3 && (used = amount_at(t, n, j, &v[count], &mult))) {
        if (t[j].spelled && !between)
            return 0;
        if (mult > 0)
            v[count] *= mult, last_mult = mult, money = true;
        j += used;
        count++;
        if (count == 3 || !range_sep(t, n, j, bracket, between && count == 1) ||
            !num_at(t, n, j + 1))
            break;
        j++;
    }
    if (count < 2 || (bracket && !is(t, n, j, "]")))
        return 0;
    j += bracket;
    for (size_t k = 0; last_mult > 0 && k + 1 < count; k++)
        if (v[k] < v[count - 1] / last_mult * 10) /* "200-300k": the k applies to all */
            v[k] *= last_mult;
    f->has_range = true;
    f->has_mode = count == 3;
    f->lo = v[0];
    f->hi = v[count - 1];
    f->mode = count == 3 ? v[1] : (v[0] + v[1]) / 2;
    f->range_bad = !(f->lo <= f->mode && f->mode <= f->hi && f->lo < f->hi);
    j += range_unit_at(t, n, j, ctx, money, f);
    return j - i;
}

static bool negated_before(const pb__tok *t, size_t n, size_t i)
{
    return (i >= 1 && (is(t, n, i - 1, "not") || is(t, n, i - 1, "than"))) ||
           (i >= 2 && is(t, n, i - 1, "of") && is(t, n, i - 2, "instead"));
}

static void interval_words(const pb__tok *t, size_t n, size_t i, pb__found *f)
{
    static const char *const WORDS[] = {"percent", "confidence",  "confident",
                                        "chance",  "probability", "interval",
                                        "odds",    "likely",      NULL};
    if (t[i].kind == PB__TOK_NUM && is(t, n, i + 1, "%"))
        f->interval_words = true;
    for (size_t k = 0; t[i].kind == PB__TOK_WORD && WORDS[k]; k++)
        if (!strcmp(t[i].text, WORDS[k]))
            f->interval_words = true;
    if (t[i].kind == PB__TOK_WORD && t[i].text[0] == 'p' && t[i].text[1] >= '1' &&
        t[i].text[1] <= '9' && strspn(t[i].text + 1, "0123456789") == strlen(t[i].text + 1))
        f->interval_words = true; /* P80, p90 */
}

void pb__answer_read(const pb__tok *t, size_t n, const pb_answer_context *ctx, pb__found *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < n;) {
        size_t used = 0;
        pb__qty q;
        interval_words(t, n, i, f);
        if (!f->has_range && (used = range_at(t, n, i, ctx, f))) {
            i += used;
            continue;
        }
        if ((used = point_at(t, n, i, ctx, &q)) ||
            (used = quantity_at(t, n, i, ctx, &q, f->foreign))) {
            q.negated = negated_before(t, n, i);
            if (f->n_q < PB__ANSWER_MAX_QTY)
                f->q[f->n_q++] = q;
            else /* a very long answer: keep the first ones and the last */
                f->q[PB__ANSWER_MAX_QTY - 1] = q;
            i += used;
        } else
            i++;
    }
}

/* ==== Words and phrases ==== */

char *pb__answer_words(const pb__tok *t, size_t n)
{
    size_t cap = 2, len = 0;
    for (size_t i = 0; i < n; i++)
        cap += strlen(t[i].text) + 1;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        bool glue = is(t, n, i, "-") && i > 0 && i + 1 < n && t[i - 1].kind == PB__TOK_WORD &&
                    t[i + 1].kind == PB__TOK_WORD;
        if (glue) {
            s[len++] = '-';
            continue;
        }
        if (t[i].kind == PB__TOK_SYM && strcmp(t[i].text, "$") && strcmp(t[i].text, "%"))
            continue;
        if (len && s[len - 1] != '-')
            s[len++] = ' ';
        size_t k = strlen(t[i].text);
        memcpy(s + len, t[i].text, k);
        len += k;
    }
    s[len] = '\0';
    return s;
}

bool pb__answer_has(const char *words, const char *phrase)
{
    size_t k = strlen(phrase);
    for (const char *p = strstr(words, phrase); k && p; p = strstr(p + 1, phrase))
        if ((p == words || p[-1] == ' ') && (p[k] == '\0' || p[k] == ' '))
            return true;
    return false;
}

const char *pb__answer_has_any(const char *words, const char *const *phrases)
{
    for (; *phrases; phrases++)
        if (pb__answer_has(words, *phrases))
            return *phrases;
    return NULL;
}

/* ==== Choices ==== */

/* The alternative part of "choice.alternative". */
static const char *alt_part(const char *id)
{
    const char *dot = strchr(id, '.');
    return dot ? dot + 1 : id;
}

/* Does the alternative id hold the word w between '-' or '_'? */
static bool id_has_word(const char *id, const char *w)
{
    size_t k = strlen(w);
    for (const char *p = strstr(id, w); p; p = strstr(p + 1, w))
        if ((p == id || p[-1] == '-' || p[-1] == '_') &&
            (p[k] == '\0' || p[k] == '-' || p[k] == '_'))
            return true;
    return false;
}

static bool id_negative(const char *id)
{
    for (const char *const *w = pb__answer_negation_words; *w; w++)
        if (id_has_word(id, *w))
            return true;
    return false;
}

/* Is 'w' in 'words' with a negation ("drop", "without", "no"...) up to three words before? */
static bool negated_near(const char *words, const char *w)
{
    size_t k = strlen(w);
    for (const char *p = strstr(words, w); p; p = strstr(p + 1, w)) {
        if ((p != words && p[-1] != ' ') || (p[k] != '\0' && p[k] != ' '))
            continue;
        const char *q = p;
        for (int back = 0; back < 3 && q > words; back++) {
            const char *end = q - 1; /* the space before the word at q */
            q = end;
            while (q > words && q[-1] != ' ')
                q--;
            char prev[32];
            size_t n = (size_t)(end - q) < sizeof prev - 1 ? (size_t)(end - q) : sizeof prev - 1;
            memcpy(prev, q, n);
            prev[n] = '\0';
            if (pb__answer_has_any(prev, pb__answer_negation_words))
                return true;
        }
    }
    return false;
}

/* The other alternative of a's choice when it has exactly two ("drop the vendor"), or -1. */
static long other_of_two(const pb_answer_context *ctx, long a)
{
    const char *id = ctx->alternatives[a], *dot = strchr(id, '.');
    long other = -1;
    size_t n = 0, k = dot ? (size_t)(dot - id) + 1 : 0;
    for (size_t b = 0; k && b < ctx->n_alternatives; b++)
        if (ctx->alternatives[b] && !strncmp(ctx->alternatives[b], id, k)) {
            n++;
            if ((long)b != a)
                other = (long)b;
        }
    return n == 2 ? other : -1;
}

/* Among the alternatives whose id holds 'w', the one the answer's negation picks; -1 if none. */
static long by_id_word(const char *words, const pb_answer_context *ctx, const char *w)
{
    bool neg = negated_near(words, w);
    long found = -1, n_found = 0, pick = -1, n_pick = 0;
    for (size_t a = 0; a < ctx->n_alternatives; a++) {
        const char *id = ctx->alternatives[a] ? alt_part(ctx->alternatives[a]) : "";
        if (!id_has_word(id, w))
            continue;
        found = (long)a, n_found++;
        if (id_negative(id) == neg)
            pick = (long)a, n_pick++;
    }
    if (n_found == 1 && neg && !id_negative(alt_part(ctx->alternatives[found])))
        return other_of_two(ctx, found); /* "drop the vendor": the vendor's alternative */
    return n_found == 1 ? found : n_pick == 1 ? pick : -1;
}

/* Pick alternative 'a' unless its choice has one already. */
static void add_pick(const pb_answer_context *ctx, pb__found *f, long a)
{
    const char *id = ctx->alternatives[a], *dot = strchr(id, '.');
    size_t k = dot ? (size_t)(dot - id) + 1 : 0;
    for (size_t i = 0; i < f->n_picks; i++) {
        const char *other = ctx->alternatives[f->picks[i]];
        if (other == id || !strcmp(other, id) || (k && !strncmp(other, id, k)))
            return;
    }
    if (f->n_picks < PB__ANSWER_MAX_PICKS)
        f->picks[f->n_picks++] = a;
}

static bool picked_kind(const pb_answer_context *ctx, const pb__found *f, pb_kind k)
{
    for (size_t i = 0; i < f->n_picks; i++)
        if (ctx->alternative_kinds[f->picks[i]] == k)
            return true;
    return false;
}

/* Words too common to name an alternative, even when its id holds them. */
static const char *const STOPWORDS[] = {"with", "from", "more",   "less",   "only",    "plan",
                                        "base", "team", "full",   "some",   "other",   "same",
                                        "keep", "none", "option", "choice", "default", NULL};

/* Split each id into words; pick by each one long enough to mean something. */
static void by_id_words(const char *words, const pb_answer_context *ctx, pb__found *f)
{
    for (size_t a = 0; a < ctx->n_alternatives; a++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", ctx->alternatives[a] ? alt_part(ctx->alternatives[a]) : "");
        for (char *save = NULL, *w = strtok_r(buf, "-_", &save); w;
             w = strtok_r(NULL, "-_", &save)) {
            long hit;
            if (strlen(w) < 4 || pb__answer_has_any(w, pb__answer_negation_words) ||
                pb__answer_has_any(w, STOPWORDS) || pb__answer_number_word(w) >= 0 ||
                !pb__answer_has(words, w))
                continue;
            if ((hit = by_id_word(words, ctx, w)) >= 0)
                add_pick(ctx, f, hit);
        }
    }
}

/* Pick the alternative whose declared kind the answer's words name; ask when two fit. */
static void by_kind(const char *words, const pb_answer_context *ctx, pb__found *f)
{
    for (size_t a = 0; ctx->alternative_kinds && a < ctx->n_alternatives; a++) {
        pb_kind k = ctx->alternative_kinds[a];
        const char *said = ctx->alternatives[a] && !picked_kind(ctx, f, k)
                               ? pb__answer_has_any(words, pb__answer_kind_phrases(k))
                               : NULL;
        if (!said)
            continue;
        if (negated_near(words, said)) { /* "without a vendor": the other of two */
            long other = other_of_two(ctx, (long)a);
            if (other >= 0)
                add_pick(ctx, f, other);
            continue;
        }
        size_t other = a + 1;
        while (other < ctx->n_alternatives &&
               !(ctx->alternatives[other] && ctx->alternative_kinds[other] == k))
            other++;
        if (other < ctx->n_alternatives) {
            snprintf(f->choice_question, sizeof f->choice_question,
                     "which do you mean: '%s' or '%s'?", ctx->alternatives[a],
                     ctx->alternatives[other]);
            return;
        }
        add_pick(ctx, f, (long)a);
    }
}

void pb__answer_find_choice(const char *words, const pb_answer_context *ctx, pb__found *f)
{
    for (size_t a = 0; a < ctx->n_alternatives; a++) /* the id itself, either form */
        if (ctx->alternatives[a] && (pb__answer_has(words, ctx->alternatives[a]) ||
                                     pb__answer_has(words, alt_part(ctx->alternatives[a]))))
            add_pick(ctx, f, (long)a);
    by_id_words(words, ctx, f);
    by_kind(words, ctx, f);
}
