/*
 * rules.c - loading a rulebook and compiling it against a scenario's names.
 *
 * Every expression and template is compiled when the rulebook loads, with
 * the names (facts.c) this scenario makes available, so a typo in a name,
 * a syntax error or a 'whatif.*' name in a rule without a 'whatif' is
 * refused with the rulebook's file, the rule's line and the column in the
 * expression, before anything is simulated.
 */
#include "pushback/rules.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include <pushback/expr.h>

#include "base/cfg.h"
#include "facts.h"
#include "offers.h"
#include "rules_internal.h"

static const char *const KEYS_RULE[] = {
    "id",           "topic",       "pressure",     "interest",   "when",  "whatif",
    "says",         "rebut",       "concede_if",   "concede",    "probe", "offers",
    "change",       "offer",       "offer_text",   "offer_miss", "needs", "needs_text",
    "hypothetical", "offer_stage", "offer_nogain", NULL};
static const char *const KEYS_WHATIF[] = {"deadline", "budget", "people", "team", "option", "drop",
                                          "choice",   "risk",   "lose",   "join", "metric", NULL};

static void rule_release(pb__rule *r)
{
    free(r->id);
    free(r->topic);
    free(r->interest);
    pb_expr_free(r->when);
    pb_expr_free(r->needs);
    free(r->needs_text);
    pb_expr_free(r->concede_if);
    pb_template_free(r->says);
    pb_template_free(r->rebut);
    pb_template_free(r->concede);
    pb_template_free(r->probe);
    pb_template_free(r->offer_text);
    pb_template_free(r->offer_miss);
    pb_template_free(r->offer_stage);
    pb_template_free(r->offer_nogain);
    pb_expr_free(r->w_deadline);
    pb_expr_free(r->w_budget);
    pb_expr_free(r->w_people);
    for (size_t k = 0; k < r->n_team; k++) {
        free(r->team_roles[k]);
        pb_expr_free(r->team_exprs[k]);
    }
    free(r->team_roles);
    free(r->team_exprs);
    free(r->w_option);
    free(r->w_kind);
    for (size_t k = 0; k < r->n_drop; k++)
        free(r->w_drop[k]);
    free(r->w_drop);
    free(r->offers);
    free(r->offer_words);
}

void pb_rulebook_free(pb_rulebook *rb)
{
    if (!rb)
        return;
    for (size_t i = 0; i < rb->n; i++)
        rule_release(&rb->rules[i]);
    free(rb->rules);
    for (size_t i = 0; i < rb->n_words; i++)
        pb_template_free(rb->words[i]);
    free(rb->words);
    free(rb->word_kinds);
    free(rb->path);
    free(rb);
}

size_t pb_rulebook_n_rules(const pb_rulebook *rb)
{
    return rb->n;
}

size_t pb_rulebook_n_default_words(const pb_rulebook *rb)
{
    return rb->n_default;
}

const char *pb_rulebook_default_words(const pb_rulebook *rb, size_t i)
{
    return i < rb->n_default ? rb->word_kinds[rb->n_words - rb->n_default + i]->name : NULL;
}

typedef struct loader {
    const char *path;
    pb_error *err;
    pb_names names;
    const pb__rule *rule;          /* being compiled */
    pb_rulebook *rb;               /* its 'offer_words', read before the rules */
    const config_setting_t *words; /* ... as written, or NULL */
} loader;

static int line_of(const config_setting_t *st)
{
    return st ? (int)config_setting_source_line(st) : 0;
}

static pb_status fail(loader *L, const config_setting_t *st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static pb_status fail(loader *L, const config_setting_t *st, const char *fmt, ...)
{
    char msg[sizeof L->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return pb_error_set(L->err, PB_ERR_INVALID, L->path, line_of(st), "%s", msg);
}

/* Is every name of a compiled expression allowed in this rule? */
/* Compile the string at g.key as an expression (into *ex) or, when ex is
   NULL, a template (into *tp); a missing key is an error only if required.
   Names under "whatif." need the rule to have a 'whatif'. */
static pb_status compile_at(loader *L, const config_setting_t *g, const char *key, bool required,
                            bool has_whatif, pb_expr **ex, pb_template **tp)
{
    const config_setting_t *st = config_setting_get_member(g, key);
    if (!st) {
        if (required)
            return fail(L, g, "rule '%s' needs '%s'", L->rule->id, key);
        return PB_OK;
    }
    if (config_setting_type(st) != CONFIG_TYPE_STRING)
        return fail(L, st,
                    ex ? "'%s' must be an expression in quotes, e.g. \"sim.p80 > ask.deadline\""
                       : "'%s' must be a text in quotes",
                    key);
    const char *src = config_setting_get_string(st);
    pb_error e;
    int col = 0;
    pb_status rc = ex ? pb_expr_compile(src, &L->names, ex, &col, &e)
                      : pb_template_compile(src, &L->names, tp, &col, &e);
    if (rc)
        return pb_error_set(L->err, PB_ERR_INVALID, L->path, line_of(st), "rule '%s', '%s': %s",
                            L->rule->id, key, e.msg);
    size_t n = ex ? pb_expr_n_names(*ex) : pb_template_n_names(*tp);
    for (size_t i = 0; i < n && !has_whatif; i++) {
        const char *name = ex ? pb_expr_name(*ex, i) : pb_template_name(*tp, i);
        if (!strncmp(name, "whatif.", 7) || !strncmp(name, "deal.", 5))
            return fail(L, st, "'%s' uses '%s' but the rule has no 'change'", key, name);
    }
    return PB_OK;
}

static pb_status compile_expr(loader *L, const config_setting_t *g, const char *key, bool required,
                              bool has_whatif, pb_expr **out)
{
    return compile_at(L, g, key, required, has_whatif, out, NULL);
}

static pb_status compile_template(loader *L, const config_setting_t *g, const char *key,
                                  bool required, bool has_whatif, pb_template **out)
{
    return compile_at(L, g, key, required, has_whatif, NULL, out);
}

static pb_status get_str(loader *L, const config_setting_t *g, const char *key, bool required,
                         char **out)
{
    const config_setting_t *st = config_setting_get_member(g, key);
    if (!st)
        return required ? fail(L, g, "a rule needs '%s'%s", key, "") : PB_OK;
    if (config_setting_type(st) != CONFIG_TYPE_STRING)
        return fail(L, st, "'%s' must be a string%s", key, "");
    if (!(*out = pb__strdup(config_setting_get_string(st))))
        return pb_error_set(L->err, PB_ERR_RUN, L->path, 0, "out of memory");
    return PB_OK;
}

static pb_status check_keys(loader *L, const config_setting_t *g, const char *const *keys,
                            const char *where)
{
    size_t nk = 0;
    while (keys[nk])
        nk++;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        bool ok = false;
        for (size_t k = 0; k < nk && !ok; k++)
            ok = !strcmp(name, keys[k]);
        if (ok)
            continue;
        const char *s = pb__suggest(name, keys, nk);
        char msg[300];
        if (s)
            snprintf(msg, sizeof msg, "unknown setting '%s' in %s; did you mean '%s'?", name, where,
                     s);
        else
            snprintf(msg, sizeof msg, "unknown setting '%s' in %s", name, where);
        return pb_error_set(L->err, PB_ERR_INVALID, L->path, line_of(m), "%s", msg);
    }
    return PB_OK;
}

/* A head count written as a constant must be one: 0 to PB_MAX_PEOPLE (brief.c checks others). */
static pb_status check_head_count(loader *L, const config_setting_t *g, const char *key,
                                  const pb_expr *e)
{
    if (!e || pb_expr_n_names(e))
        return PB_OK;
    double v = NAN;
    pb_error ee;
    if (pb_expr_eval(e, &L->names, &v, &ee) == PB_OK && isfinite(v) && v < PB_MAX_PEOPLE + 0.5)
        return PB_OK;
    const config_setting_t *st = config_setting_get_member(g, key);
    return fail(L, st, "rule '%s', '%s': a what-if asks for 0 to %d people, got %g", L->rule->id,
                key, PB_MAX_PEOPLE, v);
}

/* The kind named 'v', or -1. */
static int kind_of(const char *v)
{
    for (int k = 0; k < PB_N_KINDS; k++)
        if (!strcmp(v, pb_kind_name((pb_kind)k)))
            return k;
    return -1;
}

static pb_status parse_metric_drop(loader *L, pb__rule *r, const config_setting_t *w);

static pb_status parse_whatif(loader *L, pb__rule *r, const config_setting_t *w)
{
    pb_status rc;
    if (config_setting_type(w) != CONFIG_TYPE_GROUP)
        return fail(L, w, "'whatif' must be a group { deadline = \"...\"; ... }%s%s", "", "");
    if ((rc = check_keys(L, w, KEYS_WHATIF, "'whatif'")))
        return rc;
    r->has_whatif = true;
    /* a what-if's own expressions may not refer to what-ifs */
    if ((rc = compile_expr(L, w, "deadline", false, false, &r->w_deadline)) ||
        (rc = compile_expr(L, w, "budget", false, false, &r->w_budget)) ||
        (rc = compile_expr(L, w, "people", false, false, &r->w_people)) ||
        (rc = check_head_count(L, w, "people", r->w_people)))
        return rc;
    const config_setting_t *t = config_setting_get_member(w, "team");
    if (t) {
        if (config_setting_type(t) != CONFIG_TYPE_GROUP)
            return fail(L, t, "'team' must be a group { ROLE = \"expression\"; }%s%s", "", "");
        size_t n = (size_t)config_setting_length(t);
        r->team_roles = calloc(n + 1, sizeof *r->team_roles);
        r->team_exprs = calloc(n + 1, sizeof *r->team_exprs);
        if (!r->team_roles || !r->team_exprs)
            return pb_error_set(L->err, PB_ERR_RUN, L->path, 0, "out of memory");
        for (size_t k = 0; k < n; k++) {
            const config_setting_t *e = config_setting_get_elem(t, (unsigned)k);
            r->n_team = k + 1;
            if (!(r->team_roles[k] = pb__strdup(config_setting_name(e))))
                return pb_error_set(L->err, PB_ERR_RUN, L->path, 0, "out of memory");
            if ((rc = compile_expr(L, t, config_setting_name(e), true, false, &r->team_exprs[k])) ||
                (rc = check_head_count(L, t, config_setting_name(e), r->team_exprs[k])))
                return rc;
        }
    }
    if ((rc = get_str(L, w, "option", false, &r->w_option)) ||
        (rc = get_str(L, w, "choice", false, &r->w_kind)))
        return rc;
    if (r->w_kind && kind_of(r->w_kind) < 0)
        return fail(L, config_setting_get_member(w, "choice"),
                    "'choice' must be a kind of alternative (in-house, vendor, crowd, ...), got "
                    "'%s'%s",
                    r->w_kind, "");
    const config_setting_t *rk = config_setting_get_member(w, "risk");
    if (rk) {
        const char *v = config_setting_get_string(rk);
        if (!v || strcmp(v, "top"))
            return fail(L, rk, "'risk' must be \"top\" (the risk of largest exposure)%s%s", "", "");
        r->w_risk = true;
    }
    const config_setting_t *lo = config_setting_get_member(w, "lose");
    if (lo) {
        const char *v = config_setting_get_string(lo);
        if (!v || strcmp(v, "critical"))
            return fail(L, lo,
                        "'lose' must be \"critical\" (one person fewer of the role doing the "
                        "most critical work)%s%s",
                        "", "");
        r->w_lose = true;
    }
    const config_setting_t *jo = config_setting_get_member(w, "join");
    if (jo) {
        const char *v = config_setting_get_string(jo);
        if (!v || strcmp(v, "critical"))
            return fail(L, jo,
                        "'join' must be \"critical\" (people join the role doing the most "
                        "critical work, halfway through the median plan)%s%s",
                        "", "");
        r->w_join = true;
    }
    return parse_metric_drop(L, r, w);
}

/* The what-if's 'metric' (the target promised) and 'drop' ("optional" or a list of ids). */
static pb_status parse_metric_drop(loader *L, pb__rule *r, const config_setting_t *w)
{
    const config_setting_t *mt = config_setting_get_member(w, "metric");
    if (mt && config_setting_type(mt) != CONFIG_TYPE_BOOL)
        return fail(L, mt, "'metric' must be true or false (the metric's target promised)%s%s", "",
                    "");
    r->w_metric = mt && config_setting_get_bool(mt);
    const config_setting_t *d = config_setting_get_member(w, "drop");
    if (d) {
        if (config_setting_type(d) == CONFIG_TYPE_STRING &&
            !strcmp(config_setting_get_string(d), "optional")) {
            r->w_drop_optional = true;
        } else if (config_setting_type(d) == CONFIG_TYPE_ARRAY) {
            size_t n = (size_t)config_setting_length(d);
            r->w_drop = calloc(n + 1, sizeof *r->w_drop);
            if (!r->w_drop)
                return pb_error_set(L->err, PB_ERR_RUN, L->path, 0, "out of memory");
            for (size_t k = 0; k < n; k++) {
                const char *id = config_setting_get_string_elem(d, (int)k);
                if (!id || !(r->w_drop[k] = pb__strdup(id)))
                    return fail(L, d, "'drop' must be \"optional\" or a list of ids%s%s", "", "");
                r->n_drop = k + 1;
            }
        } else {
            return fail(L, d, "'drop' must be \"optional\" or a list of ids [\"a\", \"b\"]%s%s", "",
                        "");
        }
    }
    return PB_OK;
}

/* v2: 'offer' (a kind of the registry in offers.c) with 'offer_text' and 'offer_miss', and
   'offer_stage' (optional: a miss whose first stage makes the date) and 'offer_nogain'
   (optional: an offer that holds but is no sooner than the agreed deal beyond the noise). */
static pb_status parse_offer(loader *L, pb__rule *r, const config_setting_t *g)
{
    char *kind = NULL;
    pb_status rc = get_str(L, g, "offer", false, &kind);
    if (rc || !kind)
        return rc;
    r->offer = pb__offer_kind_find(kind);
    if (r->offer && !r->offer->make)
        r->offer = NULL; /* a worded kind is listed in 'offers', not made as a deal */
    if (!r->offer) {
        const char *const *names = pb__offer_kind_names();
        size_t n = 0;
        while (names[n])
            n++;
        const char *s = pb__suggest(kind, names, n);
        char valid[200] = "";
        for (size_t k = 0; k < n; k++)
            snprintf(valid + strlen(valid), sizeof valid - strlen(valid), "%s%s", k ? ", " : "",
                     names[k]);
        rc = fail(L, config_setting_get_member(g, "offer"),
                  "rule '%s': unknown offer '%s'%s%s%s (valid: %s)", r->id, kind,
                  s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "", valid);
        free(kind);
        return rc;
    }
    free(kind);
    if (!r->has_whatif)
        return fail(L, g, "rule '%s' has an 'offer' but no 'change' to answer%s", r->id, "");
    if ((rc = compile_template(L, g, "offer_text", true, true, &r->offer_text)) ||
        (rc = compile_template(L, g, "offer_miss", true, true, &r->offer_miss)) ||
        (rc = compile_template(L, g, "offer_stage", false, true, &r->offer_stage)) ||
        (rc = compile_template(L, g, "offer_nogain", false, true, &r->offer_nogain)))
        return rc;
    return PB_OK;
}

/* 'needs' (an expression; 0: the scenario cannot support the move) with 'needs_text' (what it
   would need), and 'hypothetical' (a question whose change is never agreed). */
static pb_status parse_needs(loader *L, pb__rule *r, const config_setting_t *g)
{
    pb_status rc;
    if ((rc = compile_expr(L, g, "needs", false, false, &r->needs)) ||
        (rc = get_str(L, g, "needs_text", r->needs != NULL, &r->needs_text)))
        return rc;
    const config_setting_t *h = config_setting_get_member(g, "hypothetical");
    if (h && config_setting_type(h) != CONFIG_TYPE_BOOL)
        return fail(L, h, "'hypothetical' must be true or false%s%s", "", "");
    r->hypothetical = h && config_setting_get_bool(h);
    return PB_OK;
}

/* "a, b, c" of a NULL-terminated list, into buf. */
static const char *list_of(const char *const *names, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t k = 0; names[k]; k++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", k ? ", " : "", names[k]);
    return buf;
}

/* The worded kind called 'name', or an error at st naming the valid ones. */
static pb_status worded_kind(loader *L, const config_setting_t *st, const char *name,
                             const char *where, const pb__offer_kind **out)
{
    const pb__offer_kind *k = name ? pb__offer_kind_find(name) : NULL;
    *out = k && k->words ? k : NULL;
    if (*out)
        return PB_OK;
    const char *const *names = pb__offer_words_names();
    size_t n = 0;
    while (names[n])
        n++;
    const char *s = name ? pb__suggest(name, names, n) : NULL;
    char valid[300];
    return pb_error_set(L->err, PB_ERR_INVALID, L->path, line_of(st),
                        "%s: unknown offer '%s'%s%s%s (valid: %s)", where, name ? name : "?",
                        s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "",
                        list_of(names, valid, sizeof valid));
}

/* A kind the rulebook's 'offer_words' does not word (a rulebook from before them): the
   built-in words (offer_words.c), added to the rulebook's words and counted in n_default. */
static pb_status builtin_words(loader *L, const pb__offer_kind *kind)
{
    pb_rulebook *rb = L->rb;
    const char *text = pb__offer_default_words(kind->name);
    pb_template **w = text ? realloc(rb->words, (rb->n_words + 2) * sizeof *w) : NULL;
    if (w)
        rb->words = w;
    const pb__offer_kind **k = w ? realloc(rb->word_kinds, (rb->n_words + 2) * sizeof *k) : NULL;
    if (!k)
        return pb_error_set(L->err, PB_ERR_RUN, L->path, 0,
                            text ? "out of memory" : "offer '%s' has no words", kind->name);
    rb->word_kinds = k;
    pb_error e;
    pb_status rc = pb_template_compile(text, &L->names, &rb->words[rb->n_words], NULL, &e);
    if (rc)
        return pb_error_set(L->err, rc, L->path, 0, "the built-in words for '%s': %s", kind->name,
                            e.msg);
    rb->word_kinds[rb->n_words++] = kind;
    rb->n_default++;
    return PB_OK;
}

/* v1: 'offers = ["commit", ...]', worded kinds of the registry, each with the rulebook's words
   for it ('offer_words'). */
static pb_status parse_offers(loader *L, pb__rule *r, const config_setting_t *o)
{
    if (!o)
        return PB_OK;
    if (config_setting_type(o) != CONFIG_TYPE_ARRAY)
        return fail(L, o, "'offers' must be a list like [\"drop-optional\", \"phase\"]%s%s", "",
                    "");
    size_t n = (size_t)config_setting_length(o);
    r->offers = calloc(n + 1, sizeof *r->offers);
    r->offer_words = calloc(n + 1, sizeof *r->offer_words);
    if (!r->offers || !r->offer_words)
        return pb_error_set(L->err, PB_ERR_RUN, L->path, 0, "out of memory");
    char where[300];
    snprintf(where, sizeof where, "rule '%s'", r->id);
    for (size_t k = 0; k < n; k++) {
        pb_status rc =
            worded_kind(L, o, config_setting_get_string_elem(o, (int)k), where, &r->offers[k]);
        if (rc)
            return rc;
    }
    for (size_t k = 0; k < n; k++) {
        for (size_t w = 0; w < L->rb->n_words && !r->offer_words[k]; w++)
            if (L->rb->word_kinds[w] == r->offers[k])
                r->offer_words[k] = L->rb->words[w];
        pb_status rc = r->offer_words[k] ? PB_OK : builtin_words(L, r->offers[k]);
        if (rc)
            return rc;
        if (!r->offer_words[k])
            r->offer_words[k] = L->rb->words[L->rb->n_words - 1];
        r->n_offers = k + 1;
    }
    return PB_OK;
}

/* 'offer_words = { commit = "..."; ... }': the words of each worded kind, a template on the
   facts the kind computes (offer.*) and every fact of the brief but a move's (deal.*). */
static pb_status parse_words(loader *L, pb_rulebook *rb, const config_setting_t *w)
{
    L->words = w;
    if (!w)
        return PB_OK;
    if (config_setting_type(w) != CONFIG_TYPE_GROUP)
        return fail(L, w, "'offer_words' must be a group { commit = \"...\"; }%s%s", "", "");
    size_t n = (size_t)config_setting_length(w);
    rb->words = calloc(n + 1, sizeof *rb->words);
    rb->word_kinds = calloc(n + 1, sizeof *rb->word_kinds);
    if (!rb->words || !rb->word_kinds)
        return pb_error_set(L->err, PB_ERR_RUN, L->path, 0, "out of memory");
    for (size_t k = 0; k < n; k++) {
        const config_setting_t *st = config_setting_get_elem(w, (unsigned)k);
        const char *name = config_setting_name(st);
        pb_status rc = worded_kind(L, st, name, "'offer_words'", &rb->word_kinds[k]);
        if (rc)
            return rc;
        if (config_setting_type(st) != CONFIG_TYPE_STRING)
            return fail(L, st, "'offer_words.%s' must be a text in quotes%s", name, "");
        pb_error e;
        if ((rc = pb_template_compile(config_setting_get_string(st), &L->names, &rb->words[k], NULL,
                                      &e)))
            return pb_error_set(L->err, rc, L->path, line_of(st), "'offer_words.%s': %s", name,
                                e.msg);
        rb->n_words = k + 1;
        for (size_t i = 0; i < pb_template_n_names(rb->words[k]); i++) {
            const char *u = pb_template_name(rb->words[k], i);
            if (!strncmp(u, "whatif.", 7) || !strncmp(u, "deal.", 5))
                return fail(L, st,
                            "'offer_words.%s' uses '%s': an offer's words are the same "
                            "for every move",
                            name, u);
        }
    }
    return PB_OK;
}

static pb_status parse_rule(loader *L, pb__rule *r, const config_setting_t *g, size_t index,
                            size_t n_rules)
{
    pb_status rc;
    r->line = line_of(g);
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return fail(L, g, "each rule must be a group { id = ...; says = ...; }%s%s", "", "");
    if ((rc = check_keys(L, g, KEYS_RULE, "a rule")) || (rc = get_str(L, g, "id", true, &r->id)))
        return rc;
    L->rule = r;
    if ((rc = get_str(L, g, "topic", false, &r->topic)) ||
        (rc = get_str(L, g, "interest", false, &r->interest)))
        return rc;
    r->pressure = (double)(n_rules - index);
    const config_setting_t *p = config_setting_get_member(g, "pressure");
    if (p) {
        int t = config_setting_type(p);
        if (t == CONFIG_TYPE_INT)
            r->pressure = config_setting_get_int(p);
        else if (t == CONFIG_TYPE_FLOAT)
            r->pressure = config_setting_get_float(p);
        else
            return fail(L, p, "'pressure' must be a number%s%s", "", "");
    }
    /* v2 names it 'change' (the change of the deal the move proposes); v1's 'whatif' is the
       same group */
    const config_setting_t *w = config_setting_get_member(g, "change");
    if (w && config_setting_get_member(g, "whatif"))
        return fail(L, w, "rule '%s' has both 'change' and 'whatif'; keep 'change'%s", r->id, "");
    if (!w)
        w = config_setting_get_member(g, "whatif");
    if (w && (rc = parse_whatif(L, r, w)))
        return rc;
    bool wi = r->has_whatif;
    if ((rc = compile_expr(L, g, "when", false, wi, &r->when)) ||
        (rc = compile_template(L, g, "says", true, wi, &r->says)) ||
        (rc = compile_template(L, g, "rebut", true, wi, &r->rebut)) ||
        (rc = compile_expr(L, g, "concede_if", false, wi, &r->concede_if)) ||
        (rc = compile_template(L, g, "concede", r->concede_if != NULL, wi, &r->concede)) ||
        (rc = compile_template(L, g, "probe", false, wi, &r->probe)))
        return rc;
    if ((rc = parse_offer(L, r, g)) || (rc = parse_needs(L, r, g)))
        return rc;
    return parse_offers(L, r, config_setting_get_member(g, "offers"));
}

pb_status pb_rulebook_parse(const char *text, const char *name, const pb_scenario *scenario,
                            pb_rulebook **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    const char *path = name ? name : "<rulebook>";
    pb_rulebook *rb = calloc(1, sizeof *rb);
    pb__facts facts;
    if (!rb || !pb__facts_init(&facts, scenario)) {
        free(rb);
        return pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
    }
    config_t cfg;
    config_init(&cfg);
    pb_status rc = PB_OK;
    loader L = {path, err, pb__facts_names(&facts), NULL, NULL, NULL};
    if (!(rb->path = pb__strdup(path))) {
        rc = pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
        goto out;
    }
    char *norm;
    if ((rc = pb__cfg_prepare(text, path, &norm, err)))
        goto out;
    rc = pb__cfg_read(&cfg, norm, path, err);
    free(norm);
    if (rc)
        goto out;
    const config_setting_t *root = config_root_setting(&cfg);
    static const char *const top[] = {"version", "name", "rules", "offer_words", NULL};
    L.rb = rb;
    if ((rc = check_keys(&L, root, top, "the rulebook")) ||
        (rc = parse_words(&L, rb, config_setting_get_member(root, "offer_words"))))
        goto out;
    const config_setting_t *rules = config_setting_get_member(root, "rules");
    if (!rules || config_setting_type(rules) != CONFIG_TYPE_LIST) {
        rc = pb_error_set(err, PB_ERR_INVALID, path, line_of(rules),
                          "a rulebook needs 'rules = ( { ... }, ... );'");
        goto out;
    }
    size_t n = (size_t)config_setting_length(rules);
    if (n > 1000) {
        rc = pb_error_set(err, PB_ERR_INVALID, path, line_of(rules),
                          "the rulebook has %zu rules; at most 1000", n);
        goto out;
    }
    if (!(rb->rules = calloc(n + 1, sizeof *rb->rules))) {
        rc = pb_error_set(err, PB_ERR_RUN, path, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n && !rc; i++) {
        rb->n = i + 1;
        rc = parse_rule(&L, &rb->rules[i], config_setting_get_elem(rules, (unsigned)i), i, n);
        for (size_t j = 0; !rc && j < i; j++)
            if (!strcmp(rb->rules[j].id, rb->rules[i].id))
                rc = pb_error_set(err, PB_ERR_INVALID, path, rb->rules[i].line,
                                  "duplicate rule id '%s' (first on line %d)", rb->rules[i].id,
                                  rb->rules[j].line);
    }
out:
    config_destroy(&cfg);
    pb__facts_release(&facts);
    if (rc) {
        pb_rulebook_free(rb);
        return rc;
    }
    *out = rb;
    return PB_OK;
}

pb_status pb_rulebook_load(const char *path, const pb_scenario *scenario, pb_rulebook **out,
                           pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    char *text;
    pb_status rc = pb__read_text_file(path, "rulebook", &text, err);
    if (rc)
        return rc;
    rc = pb_rulebook_parse(text, path, scenario, out, err);
    free(text);
    return rc;
}
