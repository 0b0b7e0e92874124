/*
 * rehearse.c - 'pushback rehearse': the meeting as a negotiation. The
 * manager (a persona's rulebook) asks, you answer, the deal moves, and a
 * debrief scores the session.
 *
 * It first asks for your own three-point guess, before any number of ours
 * or the manager's is shown (anchoring bends estimates towards whatever was
 * heard first), and says where your guess falls in the simulated
 * distribution. Then the session (include/pushback/rehearsal.h) holds the
 * deal, starting as your ask: each answer is read (answer.h) and said back,
 * may change the deal, and the deal is shown in one line after each turn.
 * Commands at any prompt: 'why' (the evidence now), 'what-if PATH=VALUE'
 * (re-simulate with one change and compare), 'skip', 'help', 'quit'. At the
 * end, or on 'quit', the debrief: the deal evaluated, the score on the
 * rubric and the line to say instead for each weak turn. It reads lines of
 * any length from standard input or --answers FILE; the transcript is
 * written as Markdown (or, with -f json, the session as JSON) at the end.
 */
#include "rehearse.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/answer.h>
#include <pushback/rehearsal.h>

#include "lineread.h"
#include "personas.h"
#include "reproduce.h"

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

/* Where answers come from: libedit at a terminal ('lr'), else lines of 'in'. */
typedef struct reader {
    FILE *in;
    cli_lineread *lr;
} reader;

/* Prompt and read one line into *line (as read_line); false at the end of input. */
static bool get_line(reader *rd, FILE *out, const char *prompt, char **line)
{
    if (!rd->lr) {
        fputs(prompt, out);
        fflush(out);
        return read_line(rd->in, line);
    }
    fflush(out);
    snprintf(rd->lr->prompt, sizeof rd->lr->prompt, "%s", prompt);
    const char *s = cli_lineread_next(rd->lr);
    if (!s)
        return false;
    while (*s == ' ' || *s == '\t')
        s++;
    free(*line);
    *line = pb_text_escape(s, PB_ESCAPE_TEXT);
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
    bool agree = g->conceded && !g->question; /* a question answered is no agreement */
    say(out, agree ? "  Evidence: (we agree) " : "  Evidence: ", g->answer, "\n");
    tr_add(t, "**Evidence:** %s", agree ? "*We agree.* " : "");
    tr_md(t, g->answer);
    tr_add(t, "\n\n");
    if (g->offer_text) {
        say(out, "  Offer: ", g->offer_text, "\n");
        tr_add(t, "- ");
        tr_md(t, g->offer_text);
        tr_add(t, "\n\n");
    }
    for (size_t k = 0; !g->offer_text && k < g->n_offers; k++) {
        say(out, "  Offer: ", g->offers[k].text, "\n");
        tr_add(t, "- ");
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
        fmtv(b, r->duration.pct[PB_P80].value, "time", a, sizeof a);
        fmtv(b, b->base->duration.pct[PB_P80].value, "time", c, sizeof c);
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
static bool anchor(reader *rd, FILE *out, transcript *t, const pb_brief *b)
{
    char *line = NULL;
    fprintf(out,
            "Before you see any target: your own estimate for the whole project, in %s,\n"
            "as three numbers (optimistic, likely, pessimistic), or 'skip':\n",
            b->scenario->unit);
    if (!get_line(rd, out, "> ", &line))
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

typedef struct session {
    reader *rd;
    FILE *out;
    transcript *t;
    const pb_brief *b;
    const rehearse_opts *o;
    pb_rehearsal *r;
    char *line;
} session;

static void help(FILE *out)
{
    fprintf(out, "  Answer as in the meeting: hold ('no, 35 weeks: 80%% of simulated projects'),\n"
                 "  counter ('28 weeks if we drop the dashboard'), concede ('ok, 24 weeks'), or\n"
                 "  ask ('what is behind the date?'). Commands: why, what-if PATH=VALUE, skip,\n"
                 "  help, quit (ends with the debrief).\n");
}

/* A command at the prompt: 1 ask again, 0 the move was skipped, -1 quit. */
static int command(session *x, const pb_answer *a)
{
    const pb_argument *g = pb_rehearsal_move(x->r);
    switch (a->command) {
    case PB_CMD_WHY:
        if (g)
            evidence(x->out, x->t, g);
        return 1;
    case PB_CMD_WHATIF:
        if (!a->whatif[0])
            fprintf(x->out, "  what-if takes PATH=VALUE, e.g. what-if team.ml=4\n");
        else
            what_if(x->out, x->t, x->b, x->o, a->whatif);
        return 1;
    case PB_CMD_SKIP:
        pb_rehearsal_skip(x->r);
        tr_add(x->t, "*(skipped)*\n\n");
        return 0;
    case PB_CMD_QUIT:
        return -1;
    default:
        help(x->out);
        return 1;
    }
}

/* Record a turn taken: what was read, the deal after it, its score. */
static void turn_done(session *x)
{
    size_t n;
    const pb_turn *tn = pb_rehearsal_turns(x->r, &n);
    const pb_turn *t = &tn[n - 1];
    say(x->out, "  (", t->read.understood, ")\n");
    say(x->out, "  Deal: ", t->deal_line, "\n");
    tr_add(x->t, "**You:** ");
    tr_md(x->t, t->answer);
    tr_add(x->t, "\n\n*Understood:* ");
    tr_md(x->t, t->read.understood);
    tr_add(x->t, " (%s)\n\n*Deal:* ", pb_stance_name(t->read.stance));
    tr_md(x->t, t->deal_line);
    tr_add(x->t, "\n\n*Score:* %d of %d", t->score.points, t->score.max);
    if (t->score.note[0]) {
        tr_add(x->t, ": ");
        tr_md(x->t, t->score.note);
    }
    tr_add(x->t, "\n\n");
}

/* One move: prompt until an answer is taken. 1 taken, 0 skipped, -1 quit or end of input. */
static int one_move(session *x)
{
    for (;;) {
        if (!get_line(x->rd, x->out, "You: ", &x->line)) {
            fprintf(x->out, "\n");
            return -1;
        }
        if (!x->o->interactive && !x->o->json)
            fprintf(x->out, "%s\n", x->line);
        if (!x->line[0])
            continue;
        pb_answer_context ctx;
        pb_answer a;
        pb_error e;
        pb_rehearsal_context(x->r, &ctx);
        if (pb_answer_parse(x->line, &ctx, &a, &e))
            return -1;
        if (a.stance == PB_STANCE_COMMAND) {
            int rc = command(x, &a);
            if (rc <= 0)
                return rc;
            continue;
        }
        if (pb_rehearsal_answer(x->r, x->line, &a, &e)) {
            say(x->out, "  cannot: ", e.msg, "\n");
            continue;
        }
        turn_done(x);
        return 1;
    }
}

static void debrief_text(session *x, const pb_debrief *d)
{
    FILE *out = x->out;
    transcript *t = x->t;
    size_t n;
    const pb_turn *tn = pb_rehearsal_turns(x->r, &n);
    say(out, "\nDebrief: ", d->summary, "\n");
    fprintf(out, "Score: %d of %d.\n", d->score, d->max_score);
    tr_add(t, "## Debrief\n\n");
    tr_md(t, d->summary);
    tr_add(t,
           "\n\n**Score: %d of %d.**\n\n| rubric | points | turns met | turns failed |\n"
           "| --- | --- | --- | --- |\n",
           d->score, d->max_score);
    for (size_t i = 0; i < PB_RUBRIC_N; i++) {
        int p = pb_rubric_points(i, true), f = pb_rubric_points(i, false);
        fprintf(out, "  %-58s %+d/%+d  met %zu, failed %zu\n", pb_rubric_name(i), p, f,
                d->counts[i][0], d->counts[i][1]);
        tr_add(t, "| %s | %+d / %+d | %zu | %zu |\n", pb_rubric_name(i), p, f, d->counts[i][0],
               d->counts[i][1]);
    }
    tr_add(t, "\n");
    for (size_t i = 0; i < n; i++) {
        if (!tn[i].advice)
            continue;
        fprintf(out, "Turn %zu (%s), %d of %d: ", i + 1, tn[i].move_id, tn[i].score.points,
                tn[i].score.max);
        say(out, "", tn[i].score.note, "\n");
        say(out, "  Say instead: ", tn[i].advice, "\n");
        tr_add(t, "- Turn %zu (%s), %d of %d: ", i + 1, tn[i].move_id, tn[i].score.points,
               tn[i].score.max);
        tr_md(t, tn[i].score.note);
        tr_add(t, ". *Say instead:* ");
        tr_md(t, tn[i].advice);
        tr_add(t, "\n");
    }
    size_t moves = 0; /* distinct moves answered */
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < i && tn[j].move != tn[i].move)
            j++;
        moves += j == i;
    }
    fprintf(out, "%zu of %zu moves rehearsed.\n", moves, x->b->n_arguments);
    say(out, "The deal again: ", d->reproduce, "\n");
    tr_add(t, "\nThe final deal again: ");
    tr_code(t, d->reproduce);
    tr_add(t, "\n\n");
}

/* The session as JSON into a new string (*json), or false after saying why not. */
static bool session_json(session *x, const pb_debrief *d, char **json)
{
    size_t len = 0;
    FILE *m = open_memstream(json, &len);
    pb_error e;
    pb_report_ctx ctx = {x->b->scenario, "base", x->o->reproduce, false};
    bool ok = m && !pb_report_rehearsal_json(m, &ctx, x->r, d, &e);
    if (m && fclose(m))
        ok = false;
    if (!m)
        *json = NULL;
    if (!ok) {
        free(*json);
        *json = NULL;
        fprintf(stderr, "pushback: cannot write the rehearsal as JSON\n");
    }
    return ok;
}

/* Walk the moves, then debrief; 0 or 1. */
static int converse(session *x, char **md)
{
    pb_error e;
    const char *words;
    size_t k = 0;
    char *ask = pb_rehearsal_deal_line(x->r);
    if (!ask)
        return 1;
    say(x->out, "Your ask: ", ask, "\n\n");
    tr_add(x->t, "*Your ask:* ");
    tr_md(x->t, ask);
    tr_add(x->t, "\n\n");
    free(ask);
    while ((words = pb_rehearsal_next(x->r)) != NULL) {
        say(x->out, "Manager: ", words, "\n");
        tr_add(x->t, "## %zu. \"", ++k);
        tr_md(x->t, words);
        tr_add(x->t, "\"\n\n");
        if (one_move(x) < 0)
            break;
    }
    pb_rehearsal_end(x->r);
    pb_debrief *d = NULL;
    if (pb_rehearsal_debrief(x->r, x->o->deal_cmd, &d, &e)) {
        fprintf(stderr, "pushback: %s\n", e.msg);
        return 1;
    }
    int rc = 0;
    if (x->o->json) {
        if (!session_json(x, d, md))
            rc = 1;
    } else {
        debrief_text(x, d);
    }
    pb_debrief_free(d);
    return rc;
}

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *dup_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n < 0 ? NULL : malloc((size_t)n + 1);
    if (p) {
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return p;
}

/* Tab completes the commands and what-if paths: a new array of new strings (*n), or NULL. */
static char **completions(const pb_scenario *s, size_t *n)
{
    static const char *const fixed[] = {"why",
                                        "what-if",
                                        "skip",
                                        "help",
                                        "quit",
                                        "ask.deadline=",
                                        "ask.budget=",
                                        "manager.deadline=",
                                        "manager.people=",
                                        "manager.budget="};
    size_t nf = sizeof fixed / sizeof fixed[0], cap = nf + s->n_roles + s->n_milestones;
    char **w = calloc(cap + 1, sizeof *w);
    *n = 0;
    if (!w)
        return NULL;
    bool ok = true;
    for (size_t i = 0; ok && i < nf; i++)
        ok = (w[(*n)++] = strdup(fixed[i])) != NULL;
    for (size_t i = 0; ok && i < s->n_roles; i++)
        ok = (w[(*n)++] = dup_printf("team.%s=", s->roles[i].name)) != NULL;
    for (size_t i = 0; ok && i < s->n_milestones; i++) {
        const pb_milestone *m = &s->milestones[i];
        ok = (w[(*n)++] = dup_printf("milestones.%s.%s=", m->id,
                                     m->has_effort ? "effort" : "duration")) != NULL;
    }
    if (!ok) {
        for (size_t i = 0; i < *n; i++)
            free(w[i]);
        free(w);
        *n = 0;
        return NULL;
    }
    return w;
}

int rehearse_run(FILE *in, FILE *out, const pb_brief *b, const rehearse_opts *o, char **md)
{
    transcript t = {0};
    *md = NULL;
    const pb_scenario *s = b->scenario;
    if (!isfinite(s->ask_deadline) && !isfinite(s->ask_budget)) {
        fprintf(stderr,
                "pushback: %s: the rehearsal starts from your ask: add 'ask = { deadline = ...; "
                "budget = ...; };' to the scenario\n",
                o->scenario_file);
        return 3;
    }
    FILE *sink = o->json ? fopen("/dev/null", "w") : NULL;
    if (o->json && !sink)
        return 1;
    reader rd = {in, NULL};
    cli_lineread lr;
    char **words = NULL;
    size_t n_words = 0;
    if (o->interactive && !o->json) { /* libedit: editing, history, completion */
        int st = cli_lineread_open(&lr, NULL, "rehearse");
        if (st || !(words = completions(s, &n_words))) {
            cli_lineread_close(&lr);
            free(t.buf);
            return st ? st : 1;
        }
        cli_lineread_complete(&lr, (const char *const *)words, n_words);
        rd.lr = &lr;
    }
    session x = {&rd, o->json ? sink : out, &t, b, o, NULL, NULL};
    tr_add(&t, "# Rehearsal: ");
    tr_md(&t, s->name);
    tr_add(&t, "\n\nPersona: %s.\n\n", o->persona ? o->persona : "the rulebook's manager");
    say(x.out, "Rehearsal: ", s->name, "");
    say(x.out, " (persona ", o->persona ? o->persona : "from the rulebook", ").");
    fprintf(x.out, " Commands: why, what-if PATH=VALUE, skip, help, quit.\n\n");
    bool go = o->anchor && !o->json ? anchor(&rd, x.out, &t, b) : true;
    pb_rehearsal_opts ro;
    pb_rehearsal_opts_init(&ro);
    ro.persona = o->persona;
    ro.seed = o->seed;
    ro.threads = o->threads;
    ro.iterations = b->iterations; /* every deal at the brief's count */
    pb_error e;
    int rc = 0;
    if (go && pb_rehearsal_start(b, &ro, &x.r, &e)) {
        fprintf(stderr, "pushback: %s\n", e.msg);
        rc = 1;
    } else if (go) {
        rc = converse(&x, md);
    }
    free(x.line);
    pb_rehearsal_free(x.r);
    if (rd.lr)
        cli_lineread_close(rd.lr);
    for (size_t i = 0; i < n_words; i++)
        free(words[i]);
    free(words);
    if (sink)
        fclose(sink);
    if (!rc && !o->json && !t.failed) {
        tr_add(&t, "---\nSeed %llu, %zu iterations; reproduce with ", (unsigned long long)b->seed,
               b->iterations);
        tr_code(&t, o->reproduce);
        tr_add(&t, ".\n");
    }
    if (rc || t.failed || o->json) {
        free(t.buf);
        return rc || (!o->json && t.failed) ? 1 : 0;
    }
    *md = t.buf;
    return 0;
}

const char *rehearse_persona(const char *name)
{
    for (const cli_persona *p = cli_personas; p->name; p++)
        if (!strcmp(p->name, name))
            return (const char *)p->text;
    return NULL;
}

char *rehearse_deal_command(const char *scenario, const char *const *sets, size_t n_sets,
                            const char *const *drops, size_t n_drops)
{
    size_t len = strlen("pushback deal");
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    memcpy(s, "pushback deal", len + 1);
    bool ok = reproduce_quote(&s, &len, scenario);
    for (size_t i = 0; ok && i < n_sets; i++)
        ok = reproduce_quote(&s, &len, "--set") && reproduce_quote(&s, &len, sets[i]);
    for (size_t i = 0; ok && i < n_drops; i++)
        ok = reproduce_quote(&s, &len, "--drop") && reproduce_quote(&s, &len, drops[i]);
    return ok ? s : NULL;
}
