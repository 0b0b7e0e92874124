/*
 * cfg_text.c - the text of a scenario, a rulebook or a --set value, made safe
 * for libconfig 1.5 before it parses it, and its syntax errors in plain words.
 *
 * libconfig 1.5 wraps whole numbers beyond 32 bits without a word
 * (5000000000 reads as 705032704), refuses arrays that mix 4 and 4.0, counts
 * only line feeds as line ends, and follows '@include' to any file (a
 * directory ends the process inside its scanner, a FIFO hangs it). So the
 * text is first run through a small lexer that knows libconfig's tokens
 * (strings with escapes, the three comment forms, names, numbers) and, in
 * one linear pass, changes only what must change: numbers outside strings
 * and comments, never a line break. Each '[' is looked ahead of once, up to
 * its ']', to see whether its array mixes whole numbers and reals, so every
 * byte is lexed at most twice. After a syntax error the same lexer walks the
 * text up to the reported line to name the usual beginner's mistakes.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cfg.h"

#define MAX_ARRAY 100000 /* values in one [...] array: as many as milestones (README, "Limits") */

enum {
    TK_END,
    TK_SPACE,
    TK_COMMENT,
    TK_STRING,
    TK_NAME,
    TK_INT,    /* decimal digits with an optional sign */
    TK_HEX,    /* 0x... */
    TK_REAL,   /* digits with '.' or an exponent */
    TK_NUMBER, /* any other number-like token (5L, 1e, 2abc): left to libconfig */
    TK_PUNCT,
    TK_INCLUDE
};

typedef struct token {
    int kind;
    const char *p, *end;
    int line; /* where it starts */
} token;

typedef struct lexer {
    const char *p;
    int line;
    bool line_start; /* only blanks since the last line feed */
} lexer;

/* ==== Lexer ==== */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static const char *number_end(const char *p)
{
    const char *q = p;
    if (*q == '+' || *q == '-')
        q++;
    bool hex = q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
    while (*q) {
        if (is_digit(*q) || is_alpha(*q) || *q == '.' || *q == '_')
            q++;
        else if ((*q == '+' || *q == '-') && !hex && (q[-1] == 'e' || q[-1] == 'E'))
            q++;
        else
            break;
    }
    return q;
}

static int number_kind(const char *p, const char *q)
{
    if (*p == '+' || *p == '-')
        p++;
    if (q - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        for (const char *c = p + 2; c < q; c++)
            if (!is_hex(*c))
                return TK_NUMBER;
        return TK_HEX;
    }
    const char *c = p;
    size_t digits = 0;
    while (c < q && is_digit(*c))
        c++, digits++;
    if (c == q)
        return digits ? TK_INT : TK_NUMBER;
    if (*c == '.')
        for (c++; c < q && is_digit(*c); c++)
            digits++;
    if (!digits)
        return TK_NUMBER;
    if (c < q && (*c == 'e' || *c == 'E')) {
        c++;
        if (c < q && (*c == '+' || *c == '-'))
            c++;
        const char *d = c;
        while (c < q && is_digit(*c))
            c++;
        if (c == d)
            return TK_NUMBER;
    }
    return c == q ? TK_REAL : TK_NUMBER;
}

/* The end of the string, block comment or line comment at p, counting lines. */
static const char *skip_text(lexer *lx, const char *p, int *kind)
{
    const char *q;
    if (*p == '"') {
        for (q = p + 1; *q && *q != '"'; q++) {
            if (*q == '\\' && q[1])
                q++;
            if (*q == '\n')
                lx->line++;
        }
        *kind = TK_STRING;
        return *q ? q + 1 : q;
    }
    *kind = TK_COMMENT;
    if (*p == '/' && p[1] == '*') {
        for (q = p + 2; *q && !(q[0] == '*' && q[1] == '/'); q++)
            if (*q == '\n')
                lx->line++;
        return *q ? q + 2 : q;
    }
    q = strchr(p, '\n');
    return q ? q : p + strlen(p);
}

static void next(lexer *lx, token *t)
{
    const char *p = lx->p;
    bool at_start = lx->line_start;
    t->p = p;
    t->line = lx->line;
    lx->line_start = false;
    if (!*p) {
        t->kind = TK_END;
        t->end = p;
        return;
    }
    if (*p == '\n' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
        t->kind = TK_SPACE;
        t->end = p + 1;
        lx->line_start = *p == '\n' || at_start;
        lx->line += *p == '\n';
    } else if (*p == '"' || *p == '#' || (*p == '/' && (p[1] == '/' || p[1] == '*'))) {
        t->end = skip_text(lx, p, &t->kind);
    } else if (*p == '@' && at_start && !strncmp(p + 1, "include", 7)) {
        t->kind = TK_INCLUDE;
        t->end = p + 8;
    } else if (is_alpha(*p) || *p == '*') {
        const char *q = p + 1;
        while (is_alpha(*q) || is_digit(*q) || *q == '-' || *q == '_' || *q == '*')
            q++;
        t->kind = TK_NAME;
        t->end = q;
    } else if (is_digit(*p) || (*p == '.' && is_digit(p[1])) ||
               ((*p == '+' || *p == '-') && (is_digit(p[1]) || (p[1] == '.' && is_digit(p[2]))))) {
        t->end = number_end(p);
        t->kind = number_kind(p, t->end);
    } else {
        t->kind = TK_PUNCT;
        t->end = p + 1;
    }
    lx->p = t->end;
}

/* ==== Numbers libconfig would wrap ==== */

static const char *unsigned_part(const char *p)
{
    return *p == '+' || *p == '-' ? p + 1 : p;
}

/* Is the decimal integer [p, q) beyond INT_MAX in size (libconfig 1.5 wraps it)? */
static bool int_too_big(const char *p, const char *q)
{
    p = unsigned_part(p);
    while (p < q - 1 && *p == '0')
        p++;
    size_t n = (size_t)(q - p);
    return n > 10 || (n == 10 && memcmp(p, "2147483647", 10) > 0);
}

static bool hex_too_big(const char *p, const char *q)
{
    p = unsigned_part(p) + 2;
    while (p < q - 1 && *p == '0')
        p++;
    size_t n = (size_t)(q - p);
    return n > 8 || (n == 8 && *p > '7');
}

static bool whole(const token *t, bool *big)
{
    if (t->kind == TK_INT)
        *big = int_too_big(t->p, t->end);
    else if (t->kind == TK_HEX)
        *big = hex_too_big(t->p, t->end);
    else
        return false;
    return true;
}

/* Does the array whose '[' lx has just passed mix whole numbers and reals? *n: its values. */
static bool array_mixed(lexer lx, size_t *n)
{
    bool real = false, integer = false, big;
    token t;
    *n = 0;
    for (next(&lx, &t); t.kind != TK_END; next(&lx, &t)) {
        if (t.kind == TK_PUNCT && (*t.p == ']' || *t.p == '['))
            break;
        *n += t.kind != TK_SPACE && t.kind != TK_COMMENT && t.kind != TK_PUNCT;
        if (t.kind == TK_REAL)
            real = true;
        else if (whole(&t, &big))
            *(big ? &real : &integer) = true;
    }
    return real && integer;
}

/* ==== Output buffer ==== */

typedef struct buf {
    char *p;
    size_t n, cap;
    bool oom;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->cap + n + 1) * 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            b->oom = true;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* Write whole-number token t as a real with the same value. */
static void put_real(buf *b, const token *t)
{
    if (t->kind == TK_INT) {
        put(b, t->p, (size_t)(t->end - t->p));
        put(b, ".0", 2);
        return;
    }
    const char *digits = unsigned_part(t->p) + 2;
    errno = 0;
    unsigned long long v = strtoull(digits, NULL, 16);
    char text[40];
    int n = snprintf(text, sizeof text, "%s%llu.0", *t->p == '-' ? "-" : "", v);
    put(b, text, (size_t)n);
}

/* text without a leading byte-order mark, its lone carriage returns made line feeds */
static char *normalise(const char *text)
{
    if (!strncmp(text, "\xef\xbb\xbf", 3))
        text += 3;
    size_t n = strlen(text);
    char *c = malloc(n + 1);
    if (!c)
        return NULL;
    memcpy(c, text, n + 1);
    for (size_t i = 0; i < n; i++)
        if (c[i] == '\r' && c[i + 1] != '\n')
            c[i] = '\n';
    return c;
}

pb_status pb__cfg_prepare(const char *text, const char *file, char **out, pb_error *err)
{
    *out = NULL;
    char *norm = normalise(text);
    if (!norm)
        return pb_error_set(err, PB_ERR_RUN, file, 0, "out of memory");
    size_t n = strlen(norm);
    buf b = {malloc(n + n / 8 + 64), 0, n + n / 8 + 64, false};
    b.oom = !b.p;
    lexer lx = {norm, 1, true};
    bool mixed = false, big;
    pb_status rc = PB_OK;
    token t;
    for (next(&lx, &t); t.kind != TK_END && !b.oom; next(&lx, &t)) {
        if (t.kind == TK_INCLUDE) {
            rc = pb_error_set(err, PB_ERR_INVALID, file, t.line,
                              "'@include' is not supported; paste the file's content instead");
            break;
        }
        size_t n_values = 0;
        if (t.kind == TK_PUNCT && *t.p == '[')
            mixed = array_mixed(lx, &n_values);
        if (n_values > MAX_ARRAY) {
            /* no setting takes more; and libconfig 1.5 grows arrays 16 values at a time */
            rc = pb_error_set(err, PB_ERR_INVALID, file, t.line,
                              "an array of %zu values; at most %d", n_values, MAX_ARRAY);
            break;
        }
        if (t.kind == TK_PUNCT && *t.p == ']')
            mixed = false;
        if (whole(&t, &big) && (big || mixed))
            put_real(&b, &t);
        else
            put(&b, t.p, (size_t)(t.end - t.p));
    }
    free(norm);
    if (!rc && b.oom)
        rc = pb_error_set(err, PB_ERR_RUN, file, 0, "out of memory");
    if (rc) {
        free(b.p);
        return rc;
    }
    if (!b.n)
        put(&b, "", 0);
    *out = b.p;
    return PB_OK;
}

/* ==== Syntax errors in plain words ==== */

static bool is_value(const token *t)
{
    return t->kind == TK_STRING || t->kind == TK_INT || t->kind == TK_HEX || t->kind == TK_REAL ||
           t->kind == TK_NUMBER || t->kind == TK_NAME;
}

/* A message for the pair prev, t (top: the innermost open bracket), or false. */
static bool hint_for(const token *prev, const token *t, char top, char *msg, size_t cap, int *at)
{
    char p = prev->kind == TK_PUNCT ? *prev->p : 0, c = t->kind == TK_PUNCT ? *t->p : 0;
    bool in_list = top == '[' || top == '(';
    if (p == '[' && c == '{') {
        *at = prev->line;
        snprintf(msg, cap,
                 "'[ {' starts an array of groups, which libconfig does not allow; write "
                 "'( {' ... '} )' for a list of groups");
    } else if (p == ',' && (c == ']' || c == ')')) {
        *at = prev->line;
        snprintf(msg, cap, "extra ',' before '%c': remove the last ','", c);
    } else if (p == ',' && c == ',') {
        *at = t->line;
        snprintf(msg, cap, "two ',' in a row: remove one");
    } else if (in_list && (is_value(prev) || p == '}' || p == ']' || p == ')') &&
               (is_value(t) || c == '{' || c == '[' || c == '(') &&
               !(prev->kind == TK_STRING && t->kind == TK_STRING)) {
        *at = t->line;
        snprintf(msg, cap, "missing ',' between two elements of a %s",
                 top == '[' ? "[...] array" : "(...) list");
    } else {
        return false;
    }
    return true;
}

static bool syntax_hint(const char *text, int line, char *msg, size_t cap, int *at)
{
    lexer lx = {text, 1, true};
    token t, prev = {TK_END, text, text, 0};
    char stack[64];
    size_t depth = 0;
    for (next(&lx, &t); t.kind != TK_END && t.line <= line; next(&lx, &t)) {
        if (t.kind == TK_SPACE || t.kind == TK_COMMENT)
            continue;
        char top = depth && depth <= sizeof stack ? stack[depth - 1] : 0;
        if (t.line == line && hint_for(&prev, &t, top, msg, cap, at))
            return true;
        if (t.kind == TK_PUNCT && strchr("[({", *t.p)) {
            if (depth < sizeof stack)
                stack[depth] = *t.p;
            depth++;
        } else if (t.kind == TK_PUNCT && strchr("])}", *t.p) && depth) {
            depth--;
        }
        prev = t;
    }
    return false;
}

pb_status pb__cfg_read(config_t *cfg, const char *text, const char *file, pb_error *err)
{
    if (config_read_string(cfg, text) == CONFIG_TRUE)
        return PB_OK;
    const char *why = config_error_text(cfg);
    int line = config_error_line(cfg);
    char hint[300];
    int at = line;
    if (!why || !strcmp(why, "syntax error")) {
        if (syntax_hint(text, line, hint, sizeof hint, &at))
            return pb_error_set(err, PB_ERR_INVALID, file, at, "%s", hint);
        return pb_error_set(err, PB_ERR_INVALID, file, line,
                            "syntax error: look for a missing ';', '=', quote or bracket on "
                            "this line or the one before");
    }
    if (strstr(why, "mismatched element type"))
        return pb_error_set(err, PB_ERR_INVALID, file, line,
                            "syntax error: %s: write all values of a [...] array alike, "
                            "all numbers or all strings",
                            why);
    return pb_error_set(err, PB_ERR_INVALID, file, line, "syntax error: %s", why);
}

pb_status pb__cfg_parse(const char *text, const char *name, pb_error *err, pb__cfg_root_fn fn,
                        void *ctx)
{
    config_t cfg;
    config_init(&cfg);
    pb__origin o = {name, 0, PB_ERR_INVALID, err, false};
    char *norm = NULL;
    pb_status rc = pb__cfg_prepare(text, name, &norm, err);
    if (!rc)
        rc = pb__cfg_read(&cfg, norm, name, err);
    free(norm);
    if (!rc)
        rc = fn(&o, config_root_setting(&cfg), ctx);
    config_destroy(&cfg);
    return rc;
}
