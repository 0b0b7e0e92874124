/*
 * answer_lex.c - the tokens of an engineer's answer: words, numbers and
 * punctuation, lowercase, of any length (the array grows as it must).
 *
 * Digits with ',' before exactly three digits are one number ("300,000");
 * "[18, 22, 30]" is three. Letters glued to a number are a word of their
 * own ("280k" is 280, "k"; "24wk" is 24, "wk"). '-' is always a symbol,
 * never a sign. Curly quotes and dashes are read as ASCII, the euro and
 * pound signs as the words "eur" and "gbp". Number words join into one
 * number ("twenty four" is 24, "a dozen" 12, "a couple of" 2); "a" and
 * "an" are 1 only before a time unit or a direction ("a month less").
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "answer_internal.h"

typedef struct lexer {
    pb__tok *toks;
    size_t n, cap;
} lexer;

static pb__tok *push(lexer *l, pb__tok_kind kind)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        pb__tok *t = realloc(l->toks, cap * sizeof *t);
        if (!t)
            return NULL;
        l->toks = t;
        l->cap = cap;
    }
    pb__tok *t = &l->toks[l->n++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    return t;
}

/* The ASCII a UTF-8 sequence at 's' stands for ("-", "'", "eur"...) and its length. */
static const char *utf8_ascii(const unsigned char *s, size_t *len)
{
    static const struct {
        const char *utf8, *ascii;
    } MAP[] = {
        {"\xE2\x80\x93", "-"},  {"\xE2\x80\x94", "-"},  {"\xE2\x80\x92", "-"},
        {"\xE2\x88\x92", "-"},  {"\xE2\x80\x98", "'"},  {"\xE2\x80\x99", "'"},
        {"\xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "\""}, {"\xE2\x82\xAC", "eur"},
        {"\xC2\xA3", "gbp"},    {"\xC2\xA0", " "},      {NULL, NULL},
    };
    for (size_t i = 0; MAP[i].utf8; i++) {
        size_t n = strlen(MAP[i].utf8);
        if (!strncmp((const char *)s, MAP[i].utf8, n)) {
            *len = n;
            return MAP[i].ascii;
        }
    }
    return NULL;
}

/* Read digits at 's': "300,000", "1.2"; returns the characters used. */
static size_t read_number(const char *s, double *out)
{
    char buf[64];
    size_t n = 0, i = 0;
    while (s[i] && n + 1 < sizeof buf) {
        if (isdigit((unsigned char)s[i]))
            buf[n++] = s[i++];
        else if (s[i] == ',' && n && isdigit((unsigned char)s[i + 1]) &&
                 isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
                 !isdigit((unsigned char)s[i + 4]) && !memchr(buf, '.', n))
            i++; /* a thousands separator */
        else if (s[i] == '.' && isdigit((unsigned char)s[i + 1]) && !memchr(buf, '.', n))
            buf[n++] = s[i++];
        else
            break;
    }
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    while (isdigit((unsigned char)s[i])) /* digits past the buffer: a silly number, kept whole */
        i++;
    return i;
}

static bool word_char(unsigned char c)
{
    return isalnum(c) || c == '\'' || c == '_' || c >= 0x80;
}

static bool lex_word(lexer *l, const char *s, size_t *i)
{
    pb__tok *t = push(l, PB__TOK_WORD);
    if (!t)
        return false;
    size_t n = 0;
    while (s[*i] && word_char((unsigned char)s[*i])) {
        size_t ulen;
        if ((unsigned char)s[*i] >= 0x80 && utf8_ascii((const unsigned char *)s + *i, &ulen)) {
            if (!strcmp(utf8_ascii((const unsigned char *)s + *i, &ulen), "'")) {
                if (n + 1 < sizeof t->text)
                    t->text[n++] = '\'';
                *i += ulen;
                continue;
            }
            break;
        }
        if (n + 1 < sizeof t->text)
            t->text[n++] = (char)tolower((unsigned char)s[*i]);
        (*i)++;
    }
    t->text[n] = '\0';
    return true;
}

/* One token at s + *i, or nothing for white space; false when memory runs out. */
static bool lex_one(lexer *l, const char *s, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    size_t ulen;
    const char *ascii = c >= 0x80 ? utf8_ascii((const unsigned char *)s + *i, &ulen) : NULL;
    if (ascii && (!strcmp(ascii, "eur") || !strcmp(ascii, "gbp"))) {
        pb__tok *t = push(l, PB__TOK_WORD);
        if (!t)
            return false;
        strcpy(t->text, ascii);
        *i += ulen;
    } else if (ascii && strcmp(ascii, "'")) {
        if (*ascii != ' ' && !(push(l, PB__TOK_SYM) && strcpy(l->toks[l->n - 1].text, ascii)))
            return false;
        *i += ulen;
    } else if (isdigit(c)) {
        pb__tok *t = push(l, PB__TOK_NUM);
        if (!t)
            return false;
        *i += read_number(s + *i, &t->num);
        strcpy(t->text, "#");
    } else if (word_char(c))
        return lex_word(l, s, i);
    else if (isspace(c))
        (*i)++;
    else {
        pb__tok *t = push(l, PB__TOK_SYM);
        if (!t)
            return false;
        t->text[0] = (char)c;
        (*i)++;
    }
    return true;
}

static bool is_word(const pb__tok *t, const char *w)
{
    return t->kind == PB__TOK_WORD && !strcmp(t->text, w);
}

/* Does token i start a time unit or a direction (for "a month", "an extra week")? */
static bool unit_follows(const pb__tok *t, size_t n, size_t i)
{
    return i < n && t[i].kind == PB__TOK_WORD &&
           (pb__answer_time_word(t[i].text) > 0 || pb__answer_direction_word(t[i].text) != 0);
}

/* Join number words in place: "twenty four" -> 24, "a dozen" -> 12, "a month" -> 1 month. */
static void join_number_words(lexer *l)
{
    size_t w = 0;
    for (size_t r = 0; r < l->n; r++) {
        pb__tok t = l->toks[r];
        double v = t.kind == PB__TOK_WORD ? pb__answer_number_word(t.text) : -1;
        bool article = is_word(&t, "a") || is_word(&t, "an");
        if (article && r + 1 < l->n && pb__answer_number_word(l->toks[r + 1].text) >= 0 &&
            l->toks[r + 1].kind == PB__TOK_WORD)
            continue; /* "a dozen", "a couple": the article goes */
        if (article && unit_follows(l->toks, l->n, r + 1))
            v = 1;
        if (is_word(&t, "another")) {
            v = 1; /* "another engineer": one more */
            t.another = true;
        }
        if (is_word(&t, "half") && r + 2 < l->n &&
            (is_word(&l->toks[r + 1], "a") || is_word(&l->toks[r + 1], "an")) &&
            unit_follows(l->toks, l->n, r + 2)) {
            v = 0.5; /* "half a year" */
            r++;
        }
        if (v >= 0) {
            if (v >= 20 && v < 100 && r + 1 < l->n && l->toks[r + 1].kind == PB__TOK_WORD) {
                double u = pb__answer_number_word(l->toks[r + 1].text);
                if (u >= 1 && u <= 9) {
                    v += u;
                    r++;
                }
            }
            if (r + 1 < l->n && is_word(&l->toks[r + 1], "of") && v == 2)
                r++; /* "couple of" */
            t.kind = PB__TOK_NUM;
            t.num = v;
            t.spelled = true;
            strcpy(t.text, "#");
        }
        l->toks[w++] = t;
    }
    l->n = w;
}

bool pb__answer_lex(const char *text, pb__tok **out, size_t *n_out)
{
    lexer l = {NULL, 0, 0};
    size_t i = 0;
    while (text[i])
        if (!lex_one(&l, text, &i)) {
            free(l.toks);
            *out = NULL;
            *n_out = 0;
            return false;
        }
    join_number_words(&l);
    *out = l.toks;
    *n_out = l.n;
    return true;
}
