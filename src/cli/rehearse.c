/*
 * rehearse.c - 'pushback rehearse': the manager asks, you answer, the
 * evidence follows.
 *
 * It first asks for your own three-point guess, before any number of ours
 * or the manager's is shown (anchoring bends estimates towards whatever was
 * heard first), and says where your guess falls in the simulated
 * distribution. Then the manager raises the brief's pushback in order of
 * pressure, and probes a second time on the first move that has a probe, as
 * executives do. After each answer you typed, pushback shows the answer the
 * numbers support. Commands at any prompt: 'why' (the evidence now),
 * 'what-if PATH=VALUE' (re-simulate with one change and compare), 'skip',
 * 'quit'. It reads lines from standard input, so a file of answers works as
 * well as a terminal; the transcript is written as Markdown at the end.
 */
#include "rehearse.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct transcript {
    char *buf;
    size_t len, cap;
    bool failed;
} transcript;

static void tr_add(transcript *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void tr_add(transcript *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t k = (size_t)n;
    if (t->len + k + 1 > t->cap) {
        size_t cap = (t->cap ? 2 * t->cap : 8192) + k;
        char *b = realloc(t->buf, cap);
        if (!b) {
            t->failed = true;
            return;
        }
        t->buf = b;
        t->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(t->buf + t->len, k + 1, fmt, ap);
    va_end(ap);
    t->len += k;
}

/* Append scenario or user text to the transcript, escaped for Markdown. */
static void tr_md(transcript *t, const char *s)
{
    char *m = pb_text_escape(s, PB_ESCAPE_MD);
    if (!m)
        t->failed = true;
    else
        tr_add(t, "%s", m);
    free(m);
}

/* Append a command as a Markdown code span, fenced by more backticks than it holds. */
static void tr_code(transcript *t, const char *cmd)
{
    size_t run = 0, longest = 0;
    for (const char *p = cmd; *p; p++)
        if ((run = *p == '`' ? run + 1 : 0) > longest)
            longest = run;
    for (size_t k = 0; k <= longest; k++)
        tr_add(t, "`");
    tr_add(t, "%s%s%s", longest ? " " : "", cmd, longest ? " " : "");
    for (size_t k = 0; k <= longest; k++)
        tr_add(t, "`");
}

/* Write scenario text to the terminal with no control character in it. */
static void say(FILE *out, const char *before, const char *s, const char *after)
{
    fputs(before, out);
    pb_text_put(out, s, PB_ESCAPE_TEXT);
    fputs(after, out);
}

/*
 * One line from 'in', of any length, without its line break or leading
 * spaces, made printable and valid UTF-8 (pb_text_escape: invalid bytes
 * become U+FFFD, control characters '?') into *line (owned by the caller, freed and
 * replaced on each call). False at the end of input or when memory runs out.
 */
static bool read_line(FILE *in, char **line)
{
    char *raw = NULL;
    size_t cap = 0;
    ssize_t n = getline(&raw, &cap, in);
    if (n < 0) {
        free(raw);
        return false;
    }
    while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
        raw[--n] = '\0';
    const char *p = raw;
    while (*p == ' ' || *p == '\t')
        p++;
    free(*line);
    *line = pb_text_escape(p, PB_ESCAPE_TEXT);
    free(raw);
    return *line != NULL;
}

static void fmtv(const pb_brief *b, double v, const char *kind, char *buf, size_t cap)
{
    pb_format_ctx fmt = {b->scenario->unit, b->scenario->currency, b->scenario->start};
    pb_error e;
    if (!isfinite(v) || pb_format_value(v, kind, &fmt, buf, cap, &e))
        snprintf(buf, cap, "n/a");
}

static void evidence(FILE *out, transcript *t, const pb_argument *g)
{
    say(out, g->conceded ? "  Evidence: (we agree) " : "  Evidence: ", g->answer, "\n");
    tr_add(t, "**Evidence:** %s", g->conceded ? "*We agree.* " : "");
    tr_md(t, g->answer);
    tr_add(t, "\n\n");
    if (g->offer_text) {
        say(out, "  Offer: ", g->offer_text, "\n");
        tr_add(t, "- ");
        tr_md(t, g->offer_text);
        tr_add(t, "\n\n");
    }
    for (size_t k = 0; !g->offer_text && k < g->n_offers; k++) {
        say(out, "  Offer (", g->offers[k].kind, "): ");
        say(out, "", g->offers[k].text, "\n");
        tr_add(t, "- *");
        tr_md(t, g->offers[k].kind);
        tr_add(t, ":* ");
        tr_md(t, g->offers[k].text);
        tr_add(t, "\n");
    }
    if (g->n_offers && !g->offer_text)
        tr_add(t, "\n");
}

/* 'what-if PATH=VALUE': re-simulate with one change, on the same draws. */
static void what_if(FILE *out, transcript *t, const pb_brief *b, const rehearse_opts *o,
                    const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        fprintf(out, "  what-if takes PATH=VALUE, e.g. what-if team.ml=4\n");
        return;
    }
    char path[256];
    snprintf(path, sizeof path, "%.*s", (int)(eq - arg), arg);
    pb_error e;
    pb_scenario *s = pb_scenario_copy(b->scenario);
    pb_plan *p = NULL;
    pb_result *r = NULL;
    if (!s) {
        fprintf(out, "  out of memory\n");
        return;
    }
    if (pb_scenario_set(s, path, eq + 1, &e) || pb_plan_build(s, &p, &e)) {
        say(out, "  cannot: ", e.msg, "\n");
        pb_scenario_free(s);
        return;
    }
    pb_sim_opts so;
    pb_sim_opts_init(&so);
    so.iterations = b->iterations;
    so.seed = b->seed;
    so.threads = o->threads;
    so.detail = false;
    so.deadline = b->manager_deadline;
    if (pb_sim_run(p, &so, &r, &e)) {
        say(out, "  cannot: ", e.msg, "\n");
    } else {
        char a[64], c[64], d[64], x[64], y[64];
        fmtv(b, r->duration.pct[8].value, "time", a, sizeof a);
        fmtv(b, b->base->duration.pct[8].value, "time", c, sizeof c);
        fmtv(b, b->manager_deadline, "time", d, sizeof d);
        fmtv(b, r->p_deadline.value, "pct", x, sizeof x);
        fmtv(b, pb_stats_prob_le(b->base->finish_samples, b->iterations, b->manager_deadline).value,
             "pct", y, sizeof y);
        fprintf(out, "  With %s: P80 %s (was %s); by %s: %s (was %s).\n", arg, a, c, d, x, y);
        tr_add(t, "*What if ");
        tr_md(t, arg);
        tr_add(t, ":* P80 %s (was %s); by %s: %s (was %s).\n\n", a, c, d, x, y);
    }
    pb_result_free(r);
    pb_plan_free(p);
    pb_scenario_free(s);
}

/* Ask for the engineer's three-point guess before anything is shown. */
static bool anchor(FILE *in, FILE *out, transcript *t, const pb_brief *b)
{
    char *line = NULL;
    fprintf(out,
            "Before you see any target: your own estimate for the whole project, in %s,\n"
            "as three numbers (optimistic, likely, pessimistic), or 'skip':\n> ",
            b->scenario->unit);
    fflush(out);
    if (!read_line(in, &line))
        return false;
    double v[3];
    char tail;
    bool three = sscanf(line, "%lf %lf %lf %c", &v[0], &v[1], &v[2], &tail) == 3 ||
                 sscanf(line, "%lf , %lf , %lf %c", &v[0], &v[1], &v[2], &tail) == 3;
    bool skip = !strcmp(line, "skip");
    free(line);
    if (!three || !isfinite(v[0]) || !isfinite(v[1]) || !isfinite(v[2])) {
        if (!skip)
            fprintf(out, "  (not three numbers: skipped)\n");
        tr_add(t, "Own estimate: skipped.\n\n");
        return true;
    }
    tr_add(t,
           "## Your estimate before any anchor\n\nOptimistic %g, likely %g, pessimistic %g "
           "%s.\n\n",
           v[0], v[1], v[2], b->scenario->unit);
    static const char *const what[] = {"optimistic", "likely", "pessimistic"};
    for (int k = 0; k < 3; k++) {
        double p = pb_stats_prob_le(b->base->finish_samples, b->iterations, v[k]).value;
        char a[64];
        fmtv(b, p, "pct", a, sizeof a);
        fprintf(out, "  Your %s %g: %s of simulated projects finish by then.\n", what[k], v[k], a);
        tr_add(t, "- Your %s %g: %s of simulated projects finish by then.\n", what[k], v[k], a);
    }
    char p50[64], pc[64];
    fmtv(b, b->target, "time", p50, sizeof p50);
    fmtv(b, b->commitment, "time", pc, sizeof pc);
    double lv = 100 * b->confidence;
    fprintf(out, "  The simulation: P50 %s, P%.0f %s.\n\n", p50, lv, pc);
    tr_add(t, "\nThe simulation: P50 %s, P%.0f %s.\n\n", p50, lv, pc);
    return true;
}

/*
 * Ask and take answers until one that is not a command. Returns 1 for an
 * answer (in 'answer'), 0 for skip, -1 for quit or the end of input.
 */
static int prompt(FILE *in, FILE *out, transcript *t, const pb_brief *b, const rehearse_opts *o,
                  const pb_argument *g, char **line, bool *shown)
{
    for (;;) {
        fprintf(out, "You: ");
        fflush(out);
        if (!read_line(in, line))
            return -1;
        const char *answer = *line;
        if (!o->interactive)
            fprintf(out, "%s\n", answer);
        if (!strcmp(answer, "quit"))
            return -1;
        if (!strcmp(answer, "skip")) {
            tr_add(t, "*(skipped)*\n\n");
            return 0;
        }
        if (!strcmp(answer, "why")) {
            evidence(out, t, g);
            *shown = true;
            continue;
        }
        if (!strncmp(answer, "what-if", 7)) {
            const char *arg = answer + 7;
            while (isspace((unsigned char)*arg))
                arg++;
            what_if(out, t, b, o, arg);
            continue;
        }
        if (!*answer)
            continue;
        tr_add(t, "**You:** ");
        tr_md(t, answer);
        tr_add(t, "\n\n");
        return 1;
    }
}

int rehearse_run(FILE *in, FILE *out, const pb_brief *b, const rehearse_opts *o, char **md)
{
    transcript t = {0};
    *md = NULL;
    const pb_scenario *s = b->scenario;
    tr_add(&t, "# Rehearsal: ");
    tr_md(&t, s->name);
    tr_add(&t, "\n\n");
    say(out, "Rehearsal: ", s->name, ". Commands: why, what-if PATH=VALUE, skip, quit.\n\n");
    bool go = o->anchor ? anchor(in, out, &t, b) : true;
    bool probed = false;
    size_t asked = 0;
    char *answer = NULL;
    for (size_t i = 0; go && i < b->n_arguments; i++) {
        const pb_argument *g = &b->arguments[i];
        say(out, "Manager: ", g->says, "\n");
        tr_add(&t, "## %zu. \"", i + 1);
        tr_md(&t, g->says);
        tr_add(&t, "\"\n\n");
        bool shown = false;
        int rc = prompt(in, out, &t, b, o, g, &answer, &shown);
        if (rc < 0)
            break;
        asked++;
        if (rc == 0)
            continue;
        if (g->probe && !probed && !g->conceded) {
            /* executives ask again to find the point of discomfort */
            probed = true;
            say(out, "Manager: ", g->probe, "\n");
            tr_add(&t, "**Manager, again:** \"");
            tr_md(&t, g->probe);
            tr_add(&t, "\"\n\n");
            rc = prompt(in, out, &t, b, o, g, &answer, &shown);
            if (rc < 0)
                break;
        }
        if (!shown)
            evidence(out, &t, g);
        fprintf(out, "\n");
    }
    free(answer);
    tr_add(&t, "---\n%zu of %zu moves rehearsed. Seed %llu, %zu iterations; reproduce with ", asked,
           b->n_arguments, (unsigned long long)b->seed, b->iterations);
    tr_code(&t, o->reproduce);
    tr_add(&t, ".\n");
    fprintf(out, "%zu of %zu moves rehearsed.\n", asked, b->n_arguments);
    if (t.failed) {
        free(t.buf);
        return 1;
    }
    *md = t.buf;
    return 0;
}
