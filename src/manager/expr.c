/*
 * expr.c - the expression language of the rulebook: tokenizer, parser,
 * evaluator, templates and value formatting.
 *
 * A hand-written tokenizer feeds a recursive-descent parser, one function per
 * precedence level, which emits postfix code for a small stack machine as it
 * goes: no tree is built. 'and' and 'or' compile to conditional jumps, so a
 * side that is not needed is never evaluated and a name without a value there
 * does no harm. The parser bounds its own recursion (PB_EXPR_MAX_DEPTH) and
 * the text it reads (PB_EXPR_MAX_LEN), and computes the deepest stack the code
 * needs, so evaluation runs in a fixed array on the C stack, never
 * recursively and never allocating; a compiled expression is read-only and
 * may be evaluated from several threads at once. Errors carry the 1-based
 * column (in characters, UTF-8 aware) of the offending token in the whole
 * text, which for a template is the template, not the embedded expression.
 * Numbers are read with strtod, so the C locale (the default of a program
 * that never calls setlocale) is assumed, as printf assumes it for output.
 */
#include "pushback/expr.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/format.h"

#define PB_EXPR_MAX_LEN   4096  /* bytes of one expression */
#define PB_EXPR_MAX_DEPTH 64    /* nesting of '(', function calls, unary '-' and 'not' */
#define PB_EXPR_MAX_STACK 320   /* values on the machine's stack; 4 per level suffice */
#define PB_TEMPLATE_MAX   65536 /* bytes of one template */
#define PB_NUM_CAP        512   /* a formatted number: 309 digits, 102 commas and more */

/* ==== Code ==== */

typedef enum op {
    OP_PUSH, /* push 'num' */
    OP_LOAD, /* push the value of names[arg] */
    OP_NEG,
    OP_NOT,
    OP_BOOL, /* x != 0 as 1 or 0 */
    OP_ABS,
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
    OP_EQ,
    OP_NE,
    OP_MIN,
    OP_MAX,
    OP_JF, /* top false: make it 0 and jump to arg; else pop it */
    OP_JT, /* top true: make it 1 and jump to arg; else pop it */
} op;

typedef struct ins {
    op op;
    size_t arg;
    double num;
} ins;

struct pb_expr {
    ins *code;
    size_t n_code, cap_code;
    char **names; /* distinct, in order of first use */
    size_t n_names, cap_names;
};

/* ==== Tokens ==== */

typedef enum tok_kind {
    T_END,
    T_NUM,
    T_NAME,
    T_FUNC,
    T_AND,
    T_OR,
    T_NOT,
    T_LP,
    T_RP,
    T_COMMA,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_LT,
    T_LE,
    T_GT,
    T_GE,
    T_EQ,
    T_NE,
} tok_kind;

typedef enum func {
    F_MIN,
    F_MAX,
    F_ABS,
} func;

static const char *const FUNC_NAMES[] = {"min", "max", "abs"};

typedef struct token {
    tok_kind kind;
    size_t pos, len; /* bytes in the whole text */
    double num;      /* T_NUM */
    func fn;         /* T_FUNC */
} token;

/* The state of one compilation. Errors stop it: the first one is kept. */
typedef struct parser {
    const char *base; /* the whole text, for columns and quotes */
    size_t end;       /* the expression ends here (exclusive) */
    size_t pos;       /* the tokenizer's position: just after 'tok' */
    token tok, prev;  /* the current token and the one before it */
    bool started, has_prev;
    const pb_names *names;
    pb_expr *e;
    int depth;
    size_t sp, max_sp; /* stack depth of the code so far */
    bool failed;       /* the first error is recorded; stop */
    int column;        /* of a syntax error, 0 when there is none */
    pb_status rc;
    pb_error *err;
} parser;

/* 1-based column of byte 'pos' of 'base', counting UTF-8 characters. */
static int column_of(const char *base, size_t pos)
{
    int col = 1;
    for (size_t i = 0; i < pos; i++)
        if (((unsigned char)base[i] & 0xC0) != 0x80)
            col++;
    return col;
}

/* Record the first error, at byte 'pos': PB_ERR_INVALID with its column. */
static bool fail(parser *p, size_t pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool fail(parser *p, size_t pos, const char *fmt, ...)
{
    if (p->failed)
        return false;
    p->failed = true;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->column = column_of(p->base, pos);
    p->rc = pb_error_set(p->err, PB_ERR_INVALID, NULL, 0, "column %d: %s", p->column, msg);
    return false;
}

/* Record running out of memory: PB_ERR_RUN, no column. */
static bool oom(parser *p)
{
    if (!p->failed) {
        p->failed = true;
        p->rc = pb_error_set(p->err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    return false;
}

/* Copy text for a message, at most 40 bytes, cut on a character boundary. */
static const char *snippet(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n = len;
    bool cut = false;
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        cut = true;
    }
    snprintf(buf, cap, "%.*s%s", (int)n, s, cut ? "..." : "");
    return buf;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_alnum(char c)
{
    return is_alpha(c) || is_digit(c);
}

/* The character at 'i', or NUL at and after the end. */
static char at(const parser *p, size_t i)
{
    return i < p->end ? p->base[i] : '\0';
}

static bool lex_number(parser *p, size_t start)
{
    const char *s = p->base;
    size_t i = start;
    while (is_digit(at(p, i)))
        i++;
    if (at(p, i) == '.') {
        if (!is_digit(at(p, i + 1)))
            return fail(p, i + 1, "expected a digit after '%.*s'", (int)(i + 1 - start), s + start);
        i++;
        while (is_digit(at(p, i)))
            i++;
    }
    if ((at(p, i) == 'e' || at(p, i) == 'E') &&
        (is_digit(at(p, i + 1)) ||
         ((at(p, i + 1) == '+' || at(p, i + 1) == '-') && is_digit(at(p, i + 2))))) {
        i += 2;
        while (is_digit(at(p, i)))
            i++;
    }
    if (is_alnum(at(p, i)) || at(p, i) == '.') {
        size_t j = i;
        while (is_alnum(at(p, j)) || at(p, j) == '.')
            j++;
        char q[64];
        return fail(p, start, "malformed number '%s'", snippet(s + start, j - start, q, sizeof q));
    }
    char *endp;
    double v = strtod(s + start, &endp);
    if (endp != s + i) {
        char q[64];
        return fail(p, start, "malformed number '%s'", snippet(s + start, i - start, q, sizeof q));
    }
    if (!isfinite(v)) {
        char q[64];
        return fail(p, start, "number '%s' is out of range",
                    snippet(s + start, i - start, q, sizeof q));
    }
    p->tok.kind = T_NUM;
    p->tok.num = v;
    p->tok.len = i - start;
    p->pos = i;
    return true;
}

static bool lex_name(parser *p, size_t start)
{
    const char *s = p->base;
    size_t i = start;
    while (is_alnum(at(p, i)))
        i++;
    size_t first = i - start;
    while (at(p, i) == '.') {
        if (!is_alpha(at(p, i + 1))) {
            char q[64];
            return fail(p, i + 1, "expected a letter or '_' after '%s'",
                        snippet(s + start, i + 1 - start, q, sizeof q));
        }
        i++;
        while (is_alnum(at(p, i)))
            i++;
    }
    p->tok.len = i - start;
    p->pos = i;
    static const struct {
        const char *word;
        tok_kind kind;
    } KEYWORDS[] = {{"and", T_AND}, {"or", T_OR}, {"not", T_NOT}};
    for (size_t k = 0; k < sizeof KEYWORDS / sizeof KEYWORDS[0]; k++) {
        if (strlen(KEYWORDS[k].word) != first || memcmp(s + start, KEYWORDS[k].word, first))
            continue;
        if (first != p->tok.len)
            return fail(p, start, "'%s' is a keyword and cannot start a name", KEYWORDS[k].word);
        p->tok.kind = KEYWORDS[k].kind;
        return true;
    }
    for (size_t k = 0; k < sizeof FUNC_NAMES / sizeof FUNC_NAMES[0]; k++) {
        if (strlen(FUNC_NAMES[k]) != first || memcmp(s + start, FUNC_NAMES[k], first))
            continue;
        if (first != p->tok.len)
            return fail(p, start, "'%s' is a function and cannot start a name", FUNC_NAMES[k]);
        p->tok.kind = T_FUNC;
        p->tok.fn = (func)k;
        return true;
    }
    p->tok.kind = T_NAME;
    return true;
}

/*
 * The operators and punctuation: the character, its token alone, and the
 * second character that makes it a two-character token with that token.
 * 'alone' is T_END where the character may not stand alone; 'hint' is then
 * the error that says what to write. To add an operator, add its row (and
 * its precedence in the parser).
 */
typedef struct punct {
    char c;
    tok_kind alone;
    char next;
    tok_kind pair;
    const char *hint;
} punct;

static const punct PUNCT[] = {
    {'(', T_LP, 0, T_END, NULL},
    {')', T_RP, 0, T_END, NULL},
    {',', T_COMMA, 0, T_END, NULL},
    {'+', T_PLUS, 0, T_END, NULL},
    {'-', T_MINUS, 0, T_END, NULL},
    {'*', T_STAR, 0, T_END, NULL},
    {'/', T_SLASH, 0, T_END, NULL},
    {'<', T_LT, '=', T_LE, NULL},
    {'>', T_GT, '=', T_GE, NULL},
    {'=', T_END, '=', T_EQ, "unexpected '='; write '==' to compare"},
    {'!', T_END, '=', T_NE, "unexpected '!'; write 'not' to negate"},
    {'&', T_END, 0, T_END, "unexpected '&'; write 'and'"},
    {'|', T_END, 0, T_END, "unexpected '|'; write 'or'"},
};

/* A character no token starts with, at i: the error that says so. */
static bool lex_stray(parser *p, size_t i)
{
    char c = p->base[i], d = at(p, i + 1);
    if (c == '.' && is_digit(d))
        return fail(p, i, "a number must start with a digit: write '0.%c'", d);
    if (c == '.')
        return fail(p, i, "unexpected '.'");
    if ((unsigned char)c < 0x20 || c == 0x7f)
        return fail(p, i, "unexpected control character 0x%02x", (unsigned)(unsigned char)c);
    size_t n = 1;
    while (n < 4 && (((unsigned char)at(p, i + n)) & 0xC0) == 0x80)
        n++;
    return fail(p, i, "unexpected character '%.*s'", (int)n, p->base + i);
}

/* The operator or punctuation token at i (PUNCT), or the error for a stray character. */
static bool lex_punct(parser *p, size_t i)
{
    char c = p->base[i], d = at(p, i + 1);
    for (size_t k = 0; k < sizeof PUNCT / sizeof *PUNCT; k++) {
        const punct *x = &PUNCT[k];
        if (x->c != c)
            continue;
        size_t len = x->next && d == x->next ? 2 : 1;
        if (len == 1 && x->alone == T_END)
            return fail(p, i, "%s", x->hint);
        p->tok.kind = len == 2 ? x->pair : x->alone;
        p->tok.len = len;
        p->pos = i + len;
        return true;
    }
    return lex_stray(p, i);
}

/* Read the next token into p->tok; the current one becomes p->prev. */
static bool advance(parser *p)
{
    if (p->failed)
        return false;
    if (p->started) {
        p->prev = p->tok;
        p->has_prev = true;
    }
    p->started = true;
    size_t i = p->pos;
    while (i < p->end && is_space(p->base[i]))
        i++;
    memset(&p->tok, 0, sizeof p->tok);
    p->tok.pos = i;
    p->pos = i;
    if (i >= p->end) {
        p->tok.kind = T_END;
        return true;
    }
    char c = p->base[i];
    if (is_digit(c))
        return lex_number(p, i);
    if (is_alpha(c))
        return lex_name(p, i);
    return lex_punct(p, i);
}

/* ==== Parser ==== */

static bool emit(parser *p, op o, size_t arg, double num)
{
    pb_expr *e = p->e;
    if (e->n_code == e->cap_code) {
        size_t cap = e->cap_code ? 2 * e->cap_code : 16;
        ins *code = realloc(e->code, cap * sizeof *code);
        if (!code)
            return oom(p);
        e->code = code;
        e->cap_code = cap;
    }
    e->code[e->n_code++] = (ins){o, arg, num};
    switch (o) {
    case OP_PUSH:
    case OP_LOAD:
        p->sp++;
        break;
    case OP_NEG:
    case OP_NOT:
    case OP_BOOL:
    case OP_ABS:
        break;
    default: /* binary operators; a jump pops on the path that falls through */
        p->sp--;
        break;
    }
    if (p->sp > p->max_sp)
        p->max_sp = p->sp;
    if (p->max_sp > PB_EXPR_MAX_STACK)
        return fail(p, p->tok.pos, "expression too complex");
    return true;
}

/* Index of 'name' (len bytes) in the list of names, added when new. */
static bool add_name(parser *p, const char *name, size_t len, size_t *idx)
{
    pb_expr *e = p->e;
    for (size_t i = 0; i < e->n_names; i++) {
        if (strlen(e->names[i]) == len && !memcmp(e->names[i], name, len)) {
            *idx = i;
            return true;
        }
    }
    if (e->n_names == e->cap_names) {
        size_t cap = e->cap_names ? 2 * e->cap_names : 4;
        char **v = realloc(e->names, cap * sizeof *v);
        if (!v)
            return oom(p);
        e->names = v;
        e->cap_names = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return oom(p);
    memcpy(copy, name, len);
    copy[len] = '\0';
    e->names[e->n_names] = copy;
    *idx = e->n_names++;
    return true;
}

static bool enter(parser *p)
{
    if (++p->depth > PB_EXPR_MAX_DEPTH)
        return fail(p, p->tok.pos, "expression nested too deeply (more than %d levels)",
                    PB_EXPR_MAX_DEPTH);
    return true;
}

static const char *tok_text(const parser *p, const token *t, char *buf, size_t cap)
{
    return snippet(p->base + t->pos, t->len, buf, cap);
}

static bool is_comparison(tok_kind k)
{
    return k >= T_LT && k <= T_NE;
}

static bool parse_or(parser *p);

static bool parse_call(parser *p)
{
    token f = p->tok;
    const char *name = FUNC_NAMES[f.fn];
    if (!advance(p))
        return false;
    if (p->tok.kind != T_LP)
        return fail(p, f.pos, "'%s' is a function; write '%s(...)'", name, name);
    size_t lp = p->tok.pos;
    if (!advance(p))
        return false;
    if (p->tok.kind == T_RP)
        return fail(p, f.pos,
                    f.fn == F_ABS ? "'%s' needs one argument" : "'%s' needs at least one argument",
                    name);
    size_t n = 0;
    for (;;) {
        if (!parse_or(p))
            return false;
        if (++n > 1 && f.fn != F_ABS && !emit(p, f.fn == F_MIN ? OP_MIN : OP_MAX, 0, 0.0))
            return false;
        if (p->tok.kind == T_RP)
            break;
        if (p->tok.kind != T_COMMA) {
            char q[64];
            if (p->tok.kind == T_END)
                return fail(p, p->tok.pos, "expected ',' or ')' to close '(' at column %d",
                            column_of(p->base, lp));
            return fail(p, p->tok.pos, "expected ',' or ')' to close '(' at column %d, got '%s'",
                        column_of(p->base, lp), tok_text(p, &p->tok, q, sizeof q));
        }
        if (!advance(p))
            return false;
    }
    if (f.fn == F_ABS) {
        if (n != 1)
            return fail(p, f.pos, "'abs' takes exactly one argument, got %zu", n);
        if (!emit(p, OP_ABS, 0, 0.0))
            return false;
    }
    return advance(p);
}

static bool parse_primary(parser *p)
{
    char q[64];
    token t = p->tok;
    switch (t.kind) {
    case T_NUM:
        return emit(p, OP_PUSH, 0, t.num) && advance(p);
    case T_NAME: {
        const char *name = p->base + t.pos;
        size_t after = p->pos;
        while (after < p->end && is_space(p->base[after]))
            after++;
        if (at(p, after) == '(')
            return fail(p, t.pos, "unknown function '%s'; the functions are min, max and abs",
                        tok_text(p, &t, q, sizeof q));
        char *copy = malloc(t.len + 1);
        if (!copy)
            return oom(p);
        memcpy(copy, name, t.len);
        copy[t.len] = '\0';
        bool known = p->names && p->names->known && p->names->known(p->names->ctx, copy);
        free(copy);
        if (!known)
            return fail(p, t.pos, "unknown name '%s'", tok_text(p, &t, q, sizeof q));
        size_t idx;
        return add_name(p, name, t.len, &idx) && emit(p, OP_LOAD, idx, 0.0) && advance(p);
    }
    case T_FUNC:
        return parse_call(p);
    case T_LP: {
        size_t lp = t.pos;
        if (!advance(p) || !parse_or(p))
            return false;
        if (p->tok.kind != T_RP) {
            if (p->tok.kind == T_END)
                return fail(p, p->tok.pos, "expected ')' to close '(' at column %d",
                            column_of(p->base, lp));
            return fail(p, p->tok.pos, "expected ')' to close '(' at column %d, got '%s'",
                        column_of(p->base, lp), tok_text(p, &p->tok, q, sizeof q));
        }
        return advance(p);
    }
    case T_NOT:
        return fail(p, t.pos, "'not' needs parentheses here: write '(not ...)'");
    case T_END:
        if (!p->has_prev)
            return fail(p, t.pos, "empty expression");
        return fail(p, t.pos, "expected an expression after '%s'",
                    tok_text(p, &p->prev, q, sizeof q));
    default:
        return fail(p, t.pos, "expected an expression, got '%s'", tok_text(p, &t, q, sizeof q));
    }
}

static bool parse_unary(parser *p)
{
    if (p->tok.kind != T_MINUS)
        return parse_primary(p);
    if (!advance(p) || !enter(p) || !parse_unary(p) || !emit(p, OP_NEG, 0, 0.0))
        return false;
    p->depth--;
    return true;
}

static bool parse_mul(parser *p)
{
    if (!parse_unary(p))
        return false;
    while (p->tok.kind == T_STAR || p->tok.kind == T_SLASH) {
        op o = p->tok.kind == T_STAR ? OP_MUL : OP_DIV;
        if (!advance(p) || !parse_unary(p) || !emit(p, o, 0, 0.0))
            return false;
    }
    return true;
}

static bool parse_add(parser *p)
{
    if (!parse_mul(p))
        return false;
    while (p->tok.kind == T_PLUS || p->tok.kind == T_MINUS) {
        op o = p->tok.kind == T_PLUS ? OP_ADD : OP_SUB;
        if (!advance(p) || !parse_mul(p) || !emit(p, o, 0, 0.0))
            return false;
    }
    return true;
}

static bool parse_cmp(parser *p)
{
    if (!parse_add(p))
        return false;
    if (!is_comparison(p->tok.kind))
        return true;
    static const op OPS[] = {OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE};
    op o = OPS[p->tok.kind - T_LT];
    if (!advance(p) || !parse_add(p) || !emit(p, o, 0, 0.0))
        return false;
    if (is_comparison(p->tok.kind))
        return fail(p, p->tok.pos, "comparisons do not chain; use 'and'");
    return true;
}

static bool parse_not(parser *p)
{
    if (p->tok.kind != T_NOT)
        return parse_cmp(p);
    if (!advance(p) || !enter(p) || !parse_not(p) || !emit(p, OP_NOT, 0, 0.0))
        return false;
    p->depth--;
    return true;
}

/* 'a and b': a; JF end; b; BOOL; end: (likewise 'or' with JT). */
static bool parse_logic(parser *p, tok_kind kind, bool (*operand)(parser *))
{
    if (!operand(p))
        return false;
    while (p->tok.kind == kind) {
        size_t jump = p->e->n_code;
        if (!emit(p, kind == T_AND ? OP_JF : OP_JT, 0, 0.0) || !advance(p) || !operand(p) ||
            !emit(p, OP_BOOL, 0, 0.0))
            return false;
        p->e->code[jump].arg = p->e->n_code;
    }
    return true;
}

static bool parse_and(parser *p)
{
    return parse_logic(p, T_AND, parse_not);
}

static bool parse_or(parser *p)
{
    if (!enter(p) || !parse_logic(p, T_OR, parse_and))
        return false;
    p->depth--;
    return true;
}

/* ==== Expressions ==== */

void pb_expr_free(pb_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_names; i++)
        free(e->names[i]);
    free(e->names);
    free(e->code);
    free(e);
}

/*
 * Compile bytes [begin, end) of 'base'; columns count from the start of
 * 'base'. The common part of pb_expr_compile and pb_template_compile.
 */
static pb_status compile_span(const char *base, size_t begin, size_t end, const pb_names *names,
                              pb_expr **out, int *column, pb_error *err)
{
    *out = NULL;
    parser p;
    memset(&p, 0, sizeof p);
    p.base = base;
    p.end = end;
    p.pos = begin;
    p.names = names;
    p.err = err;
    if (end - begin > PB_EXPR_MAX_LEN) {
        fail(&p, begin, "expression longer than %d characters", PB_EXPR_MAX_LEN);
        goto out;
    }
    if (!(p.e = calloc(1, sizeof *p.e))) {
        oom(&p);
        goto out;
    }
    if (!advance(&p) || !parse_or(&p))
        goto out;
    if (p.tok.kind != T_END) {
        char q[64];
        fail(&p, p.tok.pos, "unexpected '%s' after the expression",
             tok_text(&p, &p.tok, q, sizeof q));
    }
out:
    if (column)
        *column = p.column;
    if (p.failed) {
        pb_expr_free(p.e);
        return p.rc;
    }
    *out = p.e;
    return PB_OK;
}

pb_status pb_expr_compile(const char *text, const pb_names *names, pb_expr **out, int *column,
                          pb_error *err)
{
    if (column)
        *column = 0;
    if (!out)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "no place for the expression");
    *out = NULL;
    if (!text)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "no expression text");
    pb_error_clear(err);
    return compile_span(text, 0, strlen(text), names, out, column, err);
}

/* a OP b into *r for the binary operators; false on a division by zero or an
   operator that is not binary (a corrupt program). */
static bool binary(op o, double a, double b, double *r)
{
    switch (o) {
    case OP_ADD:
        *r = a + b;
        break;
    case OP_SUB:
        *r = a - b;
        break;
    case OP_MUL:
        *r = a * b;
        break;
    case OP_DIV:
        if (b == 0.0)
            return false;
        *r = a / b;
        break;
    case OP_LT:
        *r = a < b;
        break;
    case OP_LE:
        *r = a <= b;
        break;
    case OP_GT:
        *r = a > b;
        break;
    case OP_GE:
        *r = a >= b;
        break;
    case OP_EQ:
        *r = a == b;
        break;
    case OP_NE:
        *r = a != b;
        break;
    case OP_MIN:
        *r = a < b ? a : b;
        break;
    case OP_MAX:
        *r = a > b ? a : b;
        break;
    default:
        return false;
    }
    return true;
}

pb_status pb_expr_eval(const pb_expr *e, const pb_names *names, double *out, pb_error *err)
{
    if (!e || !out)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "no expression to evaluate");
    double st[PB_EXPR_MAX_STACK];
    size_t sp = 0;
    for (size_t pc = 0; pc < e->n_code; pc++) {
        const ins *in = &e->code[pc];
        double a = sp >= 2 ? st[sp - 2] : 0.0, b = sp >= 1 ? st[sp - 1] : 0.0, r;
        switch (in->op) {
        case OP_PUSH:
            st[sp++] = in->num;
            continue;
        case OP_LOAD: {
            const char *name = e->names[in->arg];
            double v;
            if (!names || !names->value || !names->value(names->ctx, name, &v))
                return pb_error_set(err, PB_ERR_RUN, NULL, 0, "'%s' has no value here", name);
            if (!isfinite(v))
                return pb_error_set(err, PB_ERR_RUN, NULL, 0, "'%s' is not a finite number", name);
            st[sp++] = v;
            continue;
        }
        case OP_NEG:
            st[sp - 1] = -b;
            continue;
        case OP_NOT:
            st[sp - 1] = b == 0.0 ? 1.0 : 0.0;
            continue;
        case OP_BOOL:
            st[sp - 1] = b != 0.0 ? 1.0 : 0.0;
            continue;
        case OP_ABS:
            st[sp - 1] = fabs(b);
            continue;
        case OP_JF:
        case OP_JT:
            if ((b != 0.0) == (in->op == OP_JT)) {
                st[sp - 1] = in->op == OP_JT ? 1.0 : 0.0;
                pc = in->arg - 1;
            } else {
                sp--;
            }
            continue;
        default:
            if (!binary(in->op, a, b, &r))
                return pb_error_set(err, PB_ERR_RUN, NULL, 0,
                                    b == 0.0 && in->op == OP_DIV ? "division by zero"
                                                                 : "corrupt expression");
            break;
        }
        if (!isfinite(r))
            return pb_error_set(err, PB_ERR_RUN, NULL, 0,
                                "the result is not a finite number (overflow)");
        st[--sp - 1] = r;
    }
    if (sp != 1)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "corrupt expression");
    *out = st[0];
    return PB_OK;
}

size_t pb_expr_n_names(const pb_expr *e)
{
    return e ? e->n_names : 0;
}

const char *pb_expr_name(const pb_expr *e, size_t i)
{
    return e && i < e->n_names ? e->names[i] : NULL;
}

/* ==== Formatting ==== */

typedef enum fmt_kind {
    FMT_NONE,
    FMT_TIME,
    FMT_PCT,
    FMT_MONEY,
    FMT_INT,
    FMT_DATE,
    FMT_NUM,
} fmt_kind;

/* The formats of templates, indexed by fmt_kind - 1. */
static const char *const FORMAT_NAMES[] = {"time", "pct", "money", "int", "date", "num"};
#define FORMAT_LIST "time, pct, money, int, date or num"

/* A formatted value: 'pre' + ' ' + 'num' + ' ' + 'post' (empty parts and their spaces left out). */
typedef struct pieces {
    const char *pre, *post;
    size_t n_pre, n_post;
    char num[PB_NUM_CAP];
} pieces;

/*
 * 'a' (>= 0, finite) with 'dec' decimals, commas between thousands when
 * 'group', trailing zeros of the fraction dropped when 'trim'.
 */
static void fixed(char *out, double a, int dec, bool group, bool trim)
{
    char raw[PB_NUM_CAP];
    snprintf(raw, sizeof raw, "%.*f", dec, a);
    char *dot = strchr(raw, '.');
    if (dot && trim) {
        char *z = raw + strlen(raw);
        while (z[-1] == '0')
            *--z = '\0';
        if (z[-1] == '.')
            z[-1] = '\0';
    }
    pb__fmt_digits(out, PB_NUM_CAP, raw, group);
}

/* Put a sign before magnitude 'mag' when 'neg' and it is not all zeros. */
static void sign(char *out, bool neg, const char *mag, const char *suffix)
{
    size_t k = 0, n_mag = strlen(mag), n_suf = strlen(suffix);
    if (neg && strpbrk(mag, "123456789"))
        out[k++] = '-';
    if (k + n_mag + n_suf >= PB_NUM_CAP)
        n_mag = n_suf = 0; /* cannot happen: numbers are at most 414 characters */
    memcpy(out + k, mag, n_mag);
    memcpy(out + k + n_mag, suffix, n_suf);
    out[k + n_mag + n_suf] = '\0';
}

static pb_status fmt_time(double v, const pb_format_ctx *fmt, pieces *pc)
{
    char mag[PB_NUM_CAP];
    fixed(mag, fabs(v), 1, false, true);
    sign(pc->num, v < 0, mag, "");
    const char *unit = fmt ? fmt->unit : NULL;
    if (unit && *unit) {
        pc->post = unit;
        pc->n_post = strlen(unit);
        if (!strcmp(mag, "1") && unit[pc->n_post - 1] == 's' && pc->n_post > 1)
            pc->n_post--;
    }
    return PB_OK;
}

static pb_status fmt_pct(double v, pieces *pc, pb_error *err)
{
    double p = fabs(v) * 100.0;
    bool neg = v < 0;
    char mag[PB_NUM_CAP];
    if (!isfinite(p))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "cannot format %g as a percentage", v);
    if (p < 10.0 || (p > 99.0 && p <= 100.0)) { /* a probability of 0 or 1 is said as a bound */
        fixed(mag, p, 1, false, false);
        if (!strcmp(mag, "0.0")) {
            snprintf(pc->num, PB_NUM_CAP, "%s", neg ? ">-0.1%" : "<0.1%");
            return PB_OK;
        }
        if (!strcmp(mag, "100.0")) {
            snprintf(pc->num, PB_NUM_CAP, "%s", neg ? "<-99.9%" : ">99.9%");
            return PB_OK;
        }
        if (!strcmp(mag, "10.0"))
            fixed(mag, p, 0, false, false);
    } else {
        fixed(mag, p, 0, true, false);
    }
    sign(pc->num, neg, mag, "%");
    return PB_OK;
}

static void fmt_money(double v, const pb_format_ctx *fmt, pieces *pc)
{
    double a = fabs(v);
    char mag[PB_NUM_CAP];
    const char *suffix = "";
    if (round(a) < 1000.0) {
        fixed(mag, a, 0, true, false);
    } else if (round(a / 100.0) < 100.0) {
        fixed(mag, a / 1000.0, 1, false, true); /* "USD 8k", "USD 7.7k": two figures */
        suffix = "k";
    } else if (round(a / 1000.0) < 1000.0) {
        fixed(mag, a / 1000.0, 0, false, false);
        suffix = "k";
    } else {
        fixed(mag, a / 1e6, 1, true, false);
        suffix = "M";
    }
    sign(pc->num, v < 0, mag, suffix);
    const char *cur = fmt ? fmt->currency : NULL;
    if (cur && *cur) {
        pc->pre = cur;
        pc->n_pre = strlen(cur);
    }
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Parse a valid "YYYY-MM-DD". */
static bool parse_date(const char *s, long long *y, int *m, int *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !is_digit(s[i]))
            return false;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    static const int DAYS[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*m < 1 || *m > 12 || *d < 1 || *d > DAYS[*m - 1])
        return false;
    bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return !(*m == 2 && *d == 29 && !leap);
}

static pb_status fmt_date(double v, const pb_format_ctx *fmt, pieces *pc, pb_error *err)
{
    if (!fmt || !fmt->start)
        return fmt_time(v, fmt, pc);
    long long y;
    int m, d;
    if (!parse_date(fmt->start, &y, &m, &d))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "invalid start date '%s'", fmt->start);
    const char *unit = fmt->unit ? fmt->unit : "";
    double per = !strcmp(unit, "days")     ? 1.0
                 : !strcmp(unit, "weeks")  ? 7.0
                 : !strcmp(unit, "months") ? 30.4375
                                           : 0.0;
    if (per == 0.0)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0,
                            "'date' needs the unit days, weeks or months, got '%s'", unit);
    double days = ceil(v * per - 1e-9);
    if (fabs(days) > 4e6)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "date out of range");
    civil_from_days(days_from_civil(y, m, d) + (long long)days, &y, &m, &d);
    if (y < 1 || y > 9999)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "date out of range");
    snprintf(pc->num, PB_NUM_CAP, "%04lld-%02d-%02d", y, m, d);
    return PB_OK;
}

static pb_status format_pieces(double v, fmt_kind kind, const pb_format_ctx *fmt, pieces *pc,
                               pb_error *err)
{
    memset(pc, 0, sizeof *pc);
    if (!isfinite(v))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "cannot format %s: not a finite number",
                            isnan(v) ? "nan"
                            : v > 0  ? "inf"
                                     : "-inf");
    char mag[PB_NUM_CAP];
    switch (kind) {
    case FMT_TIME:
        return fmt_time(v, fmt, pc);
    case FMT_PCT:
        return fmt_pct(v, pc, err);
    case FMT_MONEY:
        fmt_money(v, fmt, pc);
        return PB_OK;
    case FMT_INT:
        fixed(mag, fabs(v), 0, true, false);
        sign(pc->num, v < 0, mag, "");
        return PB_OK;
    case FMT_DATE:
        return fmt_date(v, fmt, pc, err);
    case FMT_NUM: /* as time, without the unit */
        fixed(mag, fabs(v), 1, false, true);
        sign(pc->num, v < 0, mag, "");
        return PB_OK;
    case FMT_NONE:
    default:
        fixed(mag, fabs(v), 2, false, true);
        sign(pc->num, v < 0, mag, "");
        return PB_OK;
    }
}

pb_status pb_format_value(double v, const char *format, const pb_format_ctx *fmt, char *buf,
                          size_t cap, pb_error *err)
{
    if (!buf || cap == 0)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "no buffer to format into");
    buf[0] = '\0';
    fmt_kind kind = FMT_NONE;
    if (format) {
        size_t k = 0;
        while (k < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0] && strcmp(format, FORMAT_NAMES[k]))
            k++;
        if (k == sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0])
            return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "unknown format '%s'; use " FORMAT_LIST,
                                format);
        kind = (fmt_kind)(k + 1);
    }
    pieces pc;
    pb_status rc = format_pieces(v, kind, fmt, &pc, err);
    if (rc)
        return rc;
    size_t n_num = strlen(pc.num);
    size_t need = (pc.n_pre ? pc.n_pre + 1 : 0) + n_num + (pc.n_post ? pc.n_post + 1 : 0);
    if (need + 1 > cap)
        return pb_error_set(err, PB_ERR_RUN, NULL, 0,
                            "buffer too small: %zu bytes for a value of %zu characters", cap, need);
    snprintf(buf, cap, "%.*s%s%s%s%.*s", (int)pc.n_pre, pc.pre ? pc.pre : "", pc.n_pre ? " " : "",
             pc.num, pc.n_post ? " " : "", (int)pc.n_post, pc.post ? pc.post : "");
    return PB_OK;
}

/* ==== Templates ==== */

/* A piece of a template: literal text, or an expression and its format. */
typedef struct part {
    char *text; /* literal, braces unescaped; NULL for an expression */
    size_t len;
    pb_expr *e;
    fmt_kind kind;
    bool bare; /* a lone name without format: its text, when it has one, is shown */
    bool cond; /* '{if e}' or '{elif e}': when e is 0, go on at part 'to' */
    bool jump; /* the end of a branch taken: go on at part 'to' */
    size_t to;
} part;

struct pb_template {
    part *parts;
    size_t n_parts, cap_parts;
    const char **names; /* borrowed from the expressions */
    size_t n_names, cap_names;
};

/* A growing string. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static bool sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *t = realloc(b->s, cap);
        if (!t)
            return false;
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return true;
}

void pb_template_free(pb_template *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_parts; i++) {
        free(t->parts[i].text);
        pb_expr_free(t->parts[i].e);
    }
    free(t->parts);
    free(t->names);
    free(t);
}

static bool add_part(pb_template *t, part pt)
{
    if (t->n_parts == t->cap_parts) {
        size_t cap = t->cap_parts ? 2 * t->cap_parts : 8;
        part *v = realloc(t->parts, cap * sizeof *v);
        if (!v)
            return false;
        t->parts = v;
        t->cap_parts = cap;
    }
    t->parts[t->n_parts++] = pt;
    return true;
}

/* Move the literal text gathered in 'lit' into a part of its own. */
static bool flush_literal(pb_template *t, sbuf *lit)
{
    if (!lit->len)
        return true;
    part pt = {lit->s, lit->len, NULL, FMT_NONE, false, false, false, 0};
    if (!add_part(t, pt))
        return false;
    memset(lit, 0, sizeof *lit);
    return true;
}

static bool merge_names(pb_template *t, const pb_expr *e)
{
    for (size_t i = 0; i < e->n_names; i++) {
        size_t j = 0;
        while (j < t->n_names && strcmp(t->names[j], e->names[i]))
            j++;
        if (j < t->n_names)
            continue;
        if (t->n_names == t->cap_names) {
            size_t cap = t->cap_names ? 2 * t->cap_names : 8;
            const char **v = realloc(t->names, cap * sizeof *v);
            if (!v)
                return false;
            t->names = v;
            t->cap_names = cap;
        }
        t->names[t->n_names++] = e->names[i];
    }
    return true;
}

/* A template's own syntax error at byte 'pos': PB_ERR_INVALID with its column. */
static pb_status template_fail(const char *text, size_t pos, int *column, pb_error *err,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static pb_status template_fail(const char *text, size_t pos, int *column, pb_error *err,
                               const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int col = column_of(text, pos);
    if (column)
        *column = col;
    return pb_error_set(err, PB_ERR_INVALID, NULL, 0, "column %d: %s", col, msg);
}

/*
 * Compile the embedded '{...}' whose '{' is at 'open'; on success *next is
 * the position after its '}'.
 */
static pb_status compile_embedded(pb_template *t, const char *text, size_t open,
                                  const pb_names *names, size_t *next, int *column, pb_error *err)
{
    size_t j = open + 1;
    while (text[j] && !strchr("|{}", text[j]))
        j++;
    size_t k = j;
    if (text[j] == '|') {
        k = j + 1;
        while (text[k] && text[k] != '{' && text[k] != '}')
            k++;
    }
    if (text[k] != '}')
        return template_fail(text, open, column, err,
                             "unclosed '{' (write '{{' for a literal brace)");
    size_t b = open + 1;
    while (b < j && is_space(text[b]))
        b++;
    if (b == j)
        return template_fail(text, open, column, err,
                             "empty '{}' (write '{{' and '}}' for literal braces)");
    part pt = {NULL, 0, NULL, FMT_NONE, false, false, false, 0};
    pb_status rc = compile_span(text, open + 1, j, names, &pt.e, column, err);
    if (rc)
        return rc;
    if (k != j) {
        size_t fb = j + 1, fe = k;
        while (fb < fe && is_space(text[fb]))
            fb++;
        while (fe > fb && is_space(text[fe - 1]))
            fe--;
        size_t n = sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0], f = 0;
        while (f < n &&
               (strlen(FORMAT_NAMES[f]) != fe - fb || memcmp(FORMAT_NAMES[f], text + fb, fe - fb)))
            f++;
        if (f == n) {
            char q[64];
            pb_expr_free(pt.e);
            if (fb == fe)
                return template_fail(text, fb, column, err,
                                     "missing format after '|'; use " FORMAT_LIST);
            return template_fail(text, fb, column, err, "unknown format '%s'; use " FORMAT_LIST,
                                 snippet(text + fb, fe - fb, q, sizeof q));
        }
        pt.kind = (fmt_kind)(f + 1);
    }
    pt.bare = pt.kind == FMT_NONE && pt.e->n_code == 1 && pt.e->code[0].op == OP_LOAD;
    if (!add_part(t, pt)) {
        pb_expr_free(pt.e);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    if (!merge_names(t, pt.e))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    *next = k + 1;
    return PB_OK;
}

/* ==== Template conditionals ==== */

#define PB_TEMPLATE_MAX_IFS 16 /* nesting of '{if}' */
#define NO_PART             ((size_t)-1)

/* An open '{if}' of a template being compiled. */
typedef struct open_if {
    size_t pos;   /* of its '{', for messages */
    size_t cond;  /* the part of its last '{if}'/'{elif}' still to be pointed past, or NO_PART */
    size_t jumps; /* the last of its branch-end jumps, chained through 'to', or NO_PART */
    bool seen_else;
} open_if;

/* The open '{if}'s, innermost last. */
typedef struct ifs {
    open_if v[PB_TEMPLATE_MAX_IFS];
    size_t n;
} ifs;

/* Which directive starts at text[b] (after '{' and spaces), its keyword's length in *len: 1 if,
   2 elif, 3 else, 4 end, 0 none (an expression). */
static int directive_kind(const char *text, size_t b, size_t *len)
{
    static const char *const KW[] = {"if", "elif", "else", "end"};
    for (int k = 0; k < 4; k++) {
        size_t n = strlen(KW[k]);
        if (strncmp(text + b, KW[k], n)) /* first: text[b + n] exists only on a match */
            continue;
        char next = text[b + n];
        if (is_space(next) || next == '}' || next == '|') {
            *len = n;
            return k + 1;
        }
    }
    return 0;
}

/* A jump from the end of the branch just closed, chained onto the innermost '{if}'. */
static bool add_jump(pb_template *t, ifs *st)
{
    part pt = {NULL, 0, NULL, FMT_NONE, false, false, true, st->v[st->n - 1].jumps};
    if (!add_part(t, pt))
        return false;
    st->v[st->n - 1].jumps = t->n_parts - 1;
    return true;
}

/* A condition '{if e}' or '{elif e}': e is text[b, close). */
static pb_status add_cond(pb_template *t, const char *text, size_t b, size_t close,
                          const pb_names *names, ifs *st, int *column, pb_error *err)
{
    part pt = {NULL, 0, NULL, FMT_NONE, false, true, false, NO_PART};
    size_t j = b;
    while (j < close && text[j] != '|')
        j++;
    if (j < close)
        return template_fail(text, j, column, err, "a condition takes no format");
    while (b < close && is_space(text[b]))
        b++;
    if (b == close)
        return template_fail(text, b, column, err, "missing condition after 'if'");
    pb_status rc = compile_span(text, b, close, names, &pt.e, column, err);
    if (rc)
        return rc;
    if (!add_part(t, pt)) {
        pb_expr_free(pt.e);
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    }
    if (!merge_names(t, pt.e))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    st->v[st->n - 1].cond = t->n_parts - 1;
    return PB_OK;
}

/* Point the innermost open condition (if any) at the next part to come. */
static void close_cond(pb_template *t, ifs *st)
{
    size_t c = st->v[st->n - 1].cond;
    if (c != NO_PART)
        t->parts[c].to = t->n_parts;
    st->v[st->n - 1].cond = NO_PART;
}

/*
 * The directive '{if e}', '{elif e}', '{else}' or '{end}' at 'open', when there is one
 * (*handled); *next is then the position after its '}'.
 */
static pb_status compile_directive(pb_template *t, const char *text, size_t open,
                                   const pb_names *names, ifs *st, size_t *next, bool *handled,
                                   int *column, pb_error *err)
{
    size_t b = open + 1, len = 0;
    while (is_space(text[b]))
        b++;
    int kind = directive_kind(text, b, &len);
    *handled = kind != 0;
    if (!kind)
        return PB_OK;
    size_t close = b + len;
    while (text[close] && text[close] != '}' && text[close] != '{')
        close++;
    if (text[close] != '}')
        return template_fail(text, open, column, err,
                             "unclosed '{' (write '{{' for a literal brace)");
    *next = close + 1;
    size_t k = b + len;
    while (kind >= 3 && k < close && is_space(text[k]))
        k++;
    if (kind >= 3 && k < close)
        return template_fail(text, k, column, err, "'{%s}' takes nothing more",
                             kind == 3 ? "else" : "end");
    if (kind == 1) {
        if (st->n == PB_TEMPLATE_MAX_IFS)
            return template_fail(text, open, column, err, "'{if}' nested deeper than %d",
                                 PB_TEMPLATE_MAX_IFS);
        st->v[st->n++] = (open_if){open, NO_PART, NO_PART, false};
        return add_cond(t, text, b + len, close, names, st, column, err);
    }
    static const char *const KW[] = {"", "", "elif", "else", "end"};
    if (!st->n)
        return template_fail(text, open, column, err, "'{%s}' without an '{if}'", KW[kind]);
    if (kind != 4 && st->v[st->n - 1].seen_else)
        return template_fail(text, open, column, err, "'{%s}' after '{else}'", KW[kind]);
    if (kind != 4 && !add_jump(t, st))
        return pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
    close_cond(t, st);
    if (kind == 2)
        return add_cond(t, text, b + len, close, names, st, column, err);
    if (kind == 3) {
        st->v[st->n - 1].seen_else = true;
        return PB_OK;
    }
    for (size_t j = st->v[st->n - 1].jumps; j != NO_PART;) { /* '{end}': every branch ends here */
        size_t prev = t->parts[j].to;
        t->parts[j].to = t->n_parts;
        j = prev;
    }
    st->n--;
    return PB_OK;
}

pb_status pb_template_compile(const char *text, const pb_names *names, pb_template **out,
                              int *column, pb_error *err)
{
    if (column)
        *column = 0;
    if (!out)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "no place for the template");
    *out = NULL;
    if (!text)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "no template text");
    pb_error_clear(err);
    size_t len = strlen(text);
    if (len > PB_TEMPLATE_MAX)
        return template_fail(text, 0, column, err, "template longer than %d characters",
                             PB_TEMPLATE_MAX);
    pb_status rc = PB_OK;
    sbuf lit = {NULL, 0, 0};
    ifs st = {.n = 0};
    pb_template *t = calloc(1, sizeof *t);
    if (!t) {
        rc = pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
        goto out;
    }
    size_t i = 0;
    while (text[i]) {
        char c = text[i];
        if ((c == '{' || c == '}') && text[i + 1] == c) {
            if (!sb_add(&lit, &c, 1))
                goto oom;
            i += 2;
        } else if (c == '}') {
            rc = template_fail(text, i, column, err, "stray '}' (write '}}' for a literal brace)");
            goto out;
        } else if (c == '{') {
            bool handled = false;
            if (!flush_literal(t, &lit))
                goto oom;
            if ((rc = compile_directive(t, text, i, names, &st, &i, &handled, column, err)) ||
                (!handled && (rc = compile_embedded(t, text, i, names, &i, column, err))))
                goto out;
        } else {
            size_t j = i + 1;
            while (text[j] && text[j] != '{' && text[j] != '}')
                j++;
            if (!sb_add(&lit, text + i, j - i))
                goto oom;
            i = j;
        }
    }
    if (!flush_literal(t, &lit))
        goto oom;
    if (st.n) {
        rc = template_fail(text, st.v[st.n - 1].pos, column, err, "'{if}' without its '{end}'");
        goto out;
    }
    *out = t;
    t = NULL;
    goto out;
oom:
    rc = pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
out:
    free(lit.s);
    pb_template_free(t);
    return rc;
}

pb_status pb_template_render(const pb_template *t, const pb_names *names, const pb_format_ctx *fmt,
                             char **out, pb_error *err)
{
    if (!out)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "no place for the text");
    *out = NULL;
    if (!t)
        return pb_error_set(err, PB_ERR_USAGE, NULL, 0, "no template to render");
    pb_status rc = PB_OK;
    sbuf b = {NULL, 0, 0};
    if (!sb_add(&b, "", 0))
        goto oom;
    for (size_t i = 0; i < t->n_parts; i++) {
        const part *pt = &t->parts[i];
        double c;
        if (pt->jump) {
            i = pt->to - 1; /* the loop adds one */
            continue;
        }
        if (pt->cond) {
            if ((rc = pb_expr_eval(pt->e, names, &c, err)))
                goto out;
            if (c == 0)
                i = pt->to - 1;
            continue;
        }
        if (pt->text) {
            if (!sb_add(&b, pt->text, pt->len))
                goto oom;
            continue;
        }
        const char *txt = NULL;
        if (pt->bare && names && names->text && names->text(names->ctx, pt->e->names[0], &txt) &&
            txt) {
            if (!sb_add(&b, txt, strlen(txt)))
                goto oom;
            continue;
        }
        double v;
        pieces pc;
        if ((rc = pb_expr_eval(pt->e, names, &v, err)) ||
            (rc = format_pieces(v, pt->kind, fmt, &pc, err)))
            goto out;
        if ((pc.n_pre && (!sb_add(&b, pc.pre, pc.n_pre) || !sb_add(&b, " ", 1))) ||
            !sb_add(&b, pc.num, strlen(pc.num)) ||
            (pc.n_post && (!sb_add(&b, " ", 1) || !sb_add(&b, pc.post, pc.n_post))))
            goto oom;
    }
    *out = b.s;
    b.s = NULL;
    goto out;
oom:
    rc = pb_error_set(err, PB_ERR_RUN, NULL, 0, "out of memory");
out:
    free(b.s);
    return rc;
}

size_t pb_template_n_names(const pb_template *t)
{
    return t ? t->n_names : 0;
}

const char *pb_template_name(const pb_template *t, size_t i)
{
    return t && i < t->n_names ? t->names[i] : NULL;
}
