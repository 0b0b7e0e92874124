/*
 * main.c - the pushback command line.
 *
 * It parses arguments, calls the library and picks a writer; it alone owns
 * stdout, stderr, signals and exit codes (0 done, 1 failure while running,
 * 2 bad usage, 3 unreadable or invalid scenario). Reports written with -o go
 * through output.c: complete or not at all, never onto an input, special
 * files in place; an interrupted or failed run never leaves half a report.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include <pushback/pushback.h>

#include "common.h"
#include "deal.h"
#include "default_rulebook.h"
#include "import.h"
#include "init.h"
#include "options.h"
#include "output.h"
#include "rehearse.h"
#include "reproduce.h"
#include "track.h"

static volatile sig_atomic_t interrupted;

/*
 * SIGINT, SIGTERM and SIGHUP: the first stops the run at the next block (the
 * command then reports what it has on standard output and exits 1, writing no
 * -o file). While an -o file is being written, or at a second signal, the
 * report's temporary file is removed and the program ends at once, with 1.
 */
static void on_signal(int sig)
{
    static const char msg[] = "pushback: interrupted: nothing written\n";
    (void)sig;
    if (output_abandon() || interrupted) {
        if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
            /* nothing more can be done in a signal handler */
        }
        _exit(1);
    }
    interrupted = 1;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a read or an open waiting for input returns */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static int out_of_memory(void)
{
    fprintf(stderr, "pushback: out of memory\n");
    return 1;
}

/* The scenario file, or standard input for "-" (named "<stdin>" in errors). */
static pb_status scenario_open(const cli_opts *o, pb_scenario **s, pb_error *e)
{
    if (strcmp(o->scenario, "-"))
        return pb_scenario_load(o->scenario, s, e);
    return pb_scenario_read(stdin, "<stdin>", s, e);
}

/* Load the scenario and apply --option, --set and --drop in that order. */
static int load_scenario(const cli_opts *o, pb_scenario **out)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_status rc = scenario_open(o, &s, &e);
    if (!rc && o->option)
        rc = pb_scenario_apply_option(s, o->option, &e);
    if (!rc)
        rc = pb_scenario_set_args(s, o->sets, o->n_sets, &e);
    for (size_t i = 0; !rc && i < o->n_drops; i++)
        rc = pb_scenario_drop(s, o->drops[i], &e);
    /* compare and brief run every option: say what of them --drop made moot */
    for (size_t i = 0; !rc && o->n_drops && !o->quiet && s && i < s->n_options; i++) {
        char what[512];
        if (strcmp(o->command, "seek") && strcmp(o->command, "simulate") &&
            pb_scenario_option_skips(s, s->options[i].name, what, sizeof what))
            fprintf(stderr,
                    "pushback: note: option '%s' %s, dropped already; that part is skipped\n",
                    s->options[i].name, what);
    }
    if (rc) {
        cli_print_error(&e);
        if (rc == PB_ERR_USAGE)
            fprintf(stderr, "pushback: try 'pushback %s --help'\n", o->command);
        pb_scenario_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* ==== Progress ==== */

typedef struct progress {
    struct timespec start;
    bool shown;
} progress;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

/* A bar on stderr, only on a terminal, only once a run has taken half a second. */
static void on_progress(void *ctx, size_t done, size_t total)
{
    progress *p = ctx;
    if (!total || since(&p->start) < 0.5)
        return;
    int width = 40, filled = (int)(width * (double)done / (double)total);
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '=' : ' ';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %3.0f%% of %zu iterations", bar, 100.0 * (double)done / (double)total,
            total);
    p->shown = true;
}

static void progress_end(progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r\033[K");
}

static void sim_opts_from_cli(const cli_opts *o, pb_sim_opts *so)
{
    pb_sim_opts_init(so);
    so->iterations = o->iterations;
    if (o->max_iterations)
        so->max_iterations = o->max_iterations;
    so->seed = o->seed;
    so->threads = o->threads;
    so->detail = !o->no_detail;
    so->cancel = (volatile const int *)&interrupted;
}

/* A report writer: writes 'what' in the format the command line chose. */
typedef pb_status (*writer)(FILE *f, const cli_opts *o, const pb_report_ctx *ctx, const void *what,
                            pb_error *err);

/*
 * Write a report to 'target' (complete or not at all) or stdout; 'keep' false
 * throws a finished file away (an interrupted run). Returns 0 or 1.
 */
static int write_report(const cli_opts *o, const char *target, writer w, const pb_report_ctx *ctx,
                        const void *what, bool keep)
{
    output out;
    pb_error e;
    if (!keep && target && strcmp(target, "-"))
        return 1; /* an interrupted run writes no file */
    if (output_open(&out, target))
        return 1;
    pb_status st = w(out.f, o, ctx, what, &e);
    if (st && !ferror(out.f))
        cli_print_error(&e); /* a write error is named with the file by output_close */
    return output_close(&out, !st && keep && !interrupted);
}

static pb_status write_simulate(FILE *f, const cli_opts *o, const pb_report_ctx *ctx,
                                const void *what, pb_error *err)
{
    return o->format == FORMAT_JSON ? pb_report_simulate_json(f, ctx, what, err)
                                    : pb_report_simulate_text(f, ctx, what, err);
}

static pb_status write_samples(FILE *f, const cli_opts *o, const pb_report_ctx *ctx,
                               const void *what, pb_error *err);

typedef struct samples {
    const pb_plan *plan;
    const pb_result *res;
} samples;

static pb_status write_samples(FILE *f, const cli_opts *o, const pb_report_ctx *ctx,
                               const void *what, pb_error *err)
{
    (void)o;
    (void)ctx;
    const samples *x = what;
    return pb_report_samples_csv(f, x->plan, x->res, err);
}

typedef struct comparison {
    const pb_comparison *c;
    const char *const *pairs;
    const pb_paired *paired;
    size_t n_pairs;
} comparison;

static pb_status write_compare(FILE *f, const cli_opts *o, const pb_report_ctx *ctx,
                               const void *what, pb_error *err)
{
    const comparison *x = what;
    if (o->format == FORMAT_CSV)
        return pb_report_compare_csv(f, ctx, x->c, err);
    return o->format == FORMAT_JSON
               ? pb_report_compare_json(f, ctx, x->c, x->pairs, x->paired, x->n_pairs, err)
               : pb_report_compare_text(f, ctx, x->c, x->pairs, x->paired, x->n_pairs, err);
}

static pb_status write_seek(FILE *f, const cli_opts *o, const pb_report_ctx *ctx, const void *what,
                            pb_error *err)
{
    return o->format == FORMAT_JSON ? pb_report_seek_json(f, ctx, what, err)
                                    : pb_report_seek_text(f, ctx, what, err);
}

static pb_status write_brief(FILE *f, const cli_opts *o, const pb_report_ctx *ctx, const void *what,
                             pb_error *err)
{
    switch (o->format) {
    case FORMAT_JSON:
        return pb_report_brief_json(f, ctx, what, err);
    case FORMAT_MD:
        return pb_report_brief_md(f, ctx, what, err);
    case FORMAT_HTML:
        return pb_report_brief_html(f, ctx, what, err);
    default:
        return pb_report_brief_text(f, ctx, what, err);
    }
}

/*
 * Refuse, before any work, a report that would overwrite an input: the
 * scenario, the rulebook, the --samples file, or standard input when a file
 * is read from it; and a read-only file without --force. 0 or 2.
 */
static int guard_output(const cli_opts *o, const char *target, const char *rulebook,
                        bool reads_stdin)
{
    output_input in[] = {{"the scenario", o->scenario},
                         {"the rulebook", rulebook},
                         {"the --samples file", target == o->samples ? NULL : o->samples},
                         {"the report (-o)", target == o->output ? NULL : o->output}};
    return output_check(target, in, 4, reads_stdin || !strcmp(o->scenario, "-"), o->force);
}

static int cmd_simulate(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = guard_output(o, o->output, NULL, false);
    if (!rc && o->samples)
        rc = guard_output(o, o->samples, NULL, false);
    if (rc || (rc = load_scenario(o, &s)))
        return rc;
    pb_error e;
    pb_plan *plan = NULL;
    pb_result *res = NULL;
    if (pb_plan_build(s, &plan, &e)) {
        cli_print_error(&e);
        pb_scenario_free(s);
        return 1;
    }
    if (o->samples && !o->force && access(o->samples, F_OK) == 0) {
        fprintf(stderr, "pushback: %s exists; add --force to overwrite it\n", o->samples);
        pb_plan_free(plan);
        pb_scenario_free(s);
        return 2;
    }
    pb_sim_opts so;
    sim_opts_from_cli(o, &so);
    so.keep_samples = o->samples != NULL || o->format == FORMAT_CSV;
    progress bar;
    clock_gettime(CLOCK_MONOTONIC, &bar.start);
    bar.shown = false;
    if (!o->quiet && isatty(STDERR_FILENO)) {
        so.progress = on_progress;
        so.progress_ctx = &bar;
    }
    pb_status st = pb_sim_run(plan, &so, &res, &e);
    progress_end(&bar);
    if (st) {
        cli_print_error(&e);
        pb_plan_free(plan);
        pb_scenario_free(s);
        return (int)st; /* pb_status values are the exit statuses */
    }
    if (interrupted && !o->quiet)
        fprintf(stderr, "pushback: interrupted: results of the first %zu iterations (partial)\n",
                res->iterations);
    char *cmd = reproduce_line(o, o->command, res->iterations, res->seed);
    pb_report_ctx ctx = {pb_plan_scenario(plan), o->option ? o->option : "base", cmd,
                         o->color && !o->output && isatty(STDOUT_FILENO)};
    samples all = {plan, res};
    if (!cmd)
        rc = out_of_memory();
    else if (o->format == FORMAT_CSV)
        rc = write_report(o, o->output, write_samples, &ctx, &all, !interrupted);
    else
        rc = write_report(o, o->output, write_simulate, &ctx, res, !interrupted);
    if (interrupted && o->output && strcmp(o->output, "-"))
        fprintf(stderr, "pushback: interrupted: %s not written\n", o->output);
    if (!rc && !interrupted && o->samples)
        rc = write_report(o, o->samples, write_samples, &ctx, &all, true);
    free(cmd);
    pb_result_free(res);
    pb_plan_free(plan);
    pb_scenario_free(s);
    return rc ? rc : interrupted ? 1 : 0;
}

static int cmd_compare(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = guard_output(o, o->output, NULL, false);
    if (rc || (rc = load_scenario(o, &s)))
        return rc;
    pb_error e;
    pb_sim_opts so;
    sim_opts_from_cli(o, &so);
    pb_comparison *c = NULL;
    char **names = calloc(2 * o->n_pairs + 1, sizeof *names);
    pb_paired *pr = calloc(o->n_pairs + 1, sizeof *pr);
    if (!names || !pr) {
        fprintf(stderr, "pushback: out of memory\n");
        rc = 1;
        goto out;
    }
    /* pairs name options that must exist: check before simulating anything */
    for (size_t k = 0; k < o->n_pairs; k++) {
        const char *comma = strchr(o->pairs[k], ',');
        names[2 * k] = strndup(o->pairs[k], (size_t)(comma - o->pairs[k]));
        names[2 * k + 1] = strdup(comma + 1);
        if (!names[2 * k] || !names[2 * k + 1]) {
            fprintf(stderr, "pushback: out of memory\n");
            rc = 1;
            goto out;
        }
        for (int j = 0; j < 2; j++)
            if (strcmp(names[2 * k + j], "base") && !pb_scenario_option(s, names[2 * k + j])) {
                fprintf(stderr, "pushback: --pair: unknown option '%s'\n", names[2 * k + j]);
                fprintf(stderr, "pushback: try 'pushback compare --help'\n");
                rc = 2;
                goto out;
            }
    }
    const char *const *pairs = (const char *const *)names;
    pb_status st = pb_compare_run(s, &so, false, &c, &e);
    if (st) {
        cli_print_error(&e);
        rc = (int)st;
        goto out;
    }
    if (interrupted) {
        fprintf(stderr, "pushback: interrupted: no comparison written\n");
        rc = 1;
        goto out;
    }
    for (size_t k = 0; k < o->n_pairs; k++) {
        const pb_compare_entry *a = pb_comparison_entry(c, names[2 * k]);
        const pb_compare_entry *b = pb_comparison_entry(c, names[2 * k + 1]);
        if ((st = pb_paired_compute(a->result, b->result, c->deadline, &pr[k], &e))) {
            cli_print_error(&e);
            rc = 1;
            goto out;
        }
    }
    char *cmd = reproduce_line(o, o->command, c->iterations, c->seed);
    pb_report_ctx ctx = {s, "base", cmd, o->color && !o->output && isatty(STDOUT_FILENO)};
    comparison x = {c, pairs, pr, o->n_pairs};
    rc = cmd ? write_report(o, o->output, write_compare, &ctx, &x, true) : out_of_memory();
    free(cmd);
out:
    for (size_t k = 0; names && k < 2 * o->n_pairs; k++)
        free(names[k]);
    free(names);
    free(pr);
    pb_comparison_free(c);
    pb_scenario_free(s);
    return rc;
}

static int cmd_seek(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = guard_output(o, o->output, NULL, false);
    if (rc || (rc = load_scenario(o, &s)))
        return rc;
    pb_error e;
    pb_seek_opts so;
    pb_seek_opts_init(&so);
    so.confidence = o->confidence;
    so.deadline = o->deadline;
    so.budget = o->budget;
    if (o->iterations) {
        so.iterations = o->iterations;
        so.base_iterations = 10 * o->iterations;
    }
    so.seed = o->seed;
    so.threads = o->threads;
    so.cancel = (volatile const int *)&interrupted;
    pb_seek_result *r = NULL;
    pb_status st = pb_seek_run(s, &so, &r, &e);
    if (st) {
        cli_print_error(&e);
        if (st == PB_ERR_USAGE)
            fprintf(stderr, "pushback: try 'pushback seek --help'\n");
        pb_scenario_free(s);
        return (int)st;
    }
    if (interrupted) {
        fprintf(stderr, "pushback: interrupted: no answers written\n");
        pb_seek_free(r);
        pb_scenario_free(s);
        return 1;
    }
    char *cmd = reproduce_line(o, o->command, r->iterations, r->seed);
    pb_report_ctx ctx = {s, o->option ? o->option : "base", cmd,
                         o->color && !o->output && isatty(STDOUT_FILENO)};
    rc = cmd ? write_report(o, o->output, write_seek, &ctx, r, true) : out_of_memory();
    free(cmd);
    pb_seek_free(r);
    pb_scenario_free(s);
    return rc;
}

/*
 * Load the rulebook: --rulebook, else the scenario's 'rulebook' (relative to
 * the scenario's folder), else the default built into the binary. 'name'
 * receives what reports call it.
 */
static pb_status load_rulebook(const cli_opts *o, const pb_scenario *s, pb_rulebook **rb,
                               char *name, size_t cap, pb_error *e)
{
    bool rehearse = !strcmp(o->command, "rehearse");
    if (rehearse && !o->rulebook && (o->persona || !s->rulebook)) {
        const char *persona = o->persona ? o->persona : "product",
                   *text = rehearse_persona(persona);
        snprintf(name, cap, "persona %s", persona);
        if (!text)
            return pb_error_set(e, PB_ERR_USAGE, NULL, 0,
                                "unknown persona '%s' (personas: product, finance, techlead)",
                                persona);
        return pb_rulebook_parse(text, name, s, rb, e);
    }
    if (o->rulebook || s->rulebook) {
        const char *slash = strrchr(o->scenario, '/');
        if (o->rulebook)
            snprintf(name, cap, "%s", o->rulebook);
        else if (s->rulebook[0] == '/' || !slash)
            snprintf(name, cap, "%s", s->rulebook);
        else
            snprintf(name, cap, "%.*s/%s", (int)(slash - o->scenario), o->scenario, s->rulebook);
        return pb_rulebook_load(name, s, rb, e);
    }
    snprintf(name, cap, "%s", PB_CLI_DEFAULT_RULEBOOK_NAME);
    return pb_rulebook_parse((const char *)pb_cli_default_rulebook, name, s, rb, e);
}

/* Load the scenario and rulebook and compute the brief; 0 or an exit status. */
static int make_brief(const cli_opts *o, const char *target, pb_scenario **s, pb_rulebook **rb,
                      pb_brief **b)
{
    *rb = NULL;
    *b = NULL;
    int rc = load_scenario(o, s);
    if (rc)
        return rc;
    pb_error e;
    char path[PATH_MAX];
    pb_status st = load_rulebook(o, *s, rb, path, sizeof path, &e);
    bool from_file = (o->rulebook || (*s)->rulebook) && strncmp(path, "persona ", 8);
    if (!st &&
        (rc = guard_output(o, target, from_file ? path : NULL, !strcmp(o->command, "rehearse"))))
        return rc;
    if (st) {
        cli_print_error(&e);
        return (int)st;
    }
    pb_brief_opts bo;
    pb_brief_opts_init(&bo);
    if (o->iterations)
        bo.iterations = o->iterations;
    bo.seed = o->seed;
    bo.threads = o->threads;
    bo.cancel = (volatile const int *)&interrupted;
    st = pb_brief_run(*s, *rb, &bo, b, &e);
    if (st) {
        cli_print_error(&e);
        return (int)st;
    }
    if (interrupted) {
        fprintf(stderr, "pushback: interrupted: nothing written\n");
        return 1;
    }
    return 0;
}

static int cmd_brief(const cli_opts *o)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    int rc = make_brief(o, o->output, &s, &rb, &b);
    if (!rc) {
        char *cmd = reproduce_line(o, o->command, b->iterations, b->seed);
        pb_report_ctx ctx = {b->scenario, o->option ? o->option : "base", cmd, false};
        rc = cmd ? write_report(o, o->output, write_brief, &ctx, b, true) : out_of_memory();
        free(cmd);
    }
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return rc;
}

/* Write the transcript; 0, or 1 after saying why not. */
static int write_transcript(const cli_opts *o, const char *target, const char *md)
{
    output out;
    if (interrupted) {
        fprintf(stderr, "pushback: interrupted: %s not written\n", target);
        return 1;
    }
    if (output_open(&out, target))
        return 1;
    bool ok = fputs(md, out.f) != EOF;
    int rc = output_close(&out, ok && !interrupted);
    if (!rc && out.how != OUT_STDOUT && !o->quiet)
        fprintf(stderr, "pushback: transcript written to %s\n", target);
    return rc;
}

static int cmd_rehearse(const cli_opts *o)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    const char *target = o->output ? o->output : o->format == FORMAT_JSON ? "-" : "rehearsal.md";
    struct stat st;
    if (strcmp(target, "-") && !o->force && stat(target, &st) == 0 && S_ISREG(st.st_mode)) {
        fprintf(stderr, "pushback: %s exists; add --force to overwrite it, or -o another file\n",
                target);
        return 2;
    }
    int rc = make_brief(o, target, &s, &rb, &b);
    if (!rc) {
        /* the transcript's numbers are the brief's: reproduce them with 'brief' */
        char *cmd = reproduce_line(o, "brief", b->iterations, b->seed), *md = NULL;
        char *deal = rehearse_deal_command(o->scenario, o->sets, o->n_sets, o->drops, o->n_drops);
        FILE *in = o->answers ? fopen(o->answers, "r") : stdin;
        rehearse_opts ro = {!o->no_anchor,
                            !o->answers && isatty(STDIN_FILENO) != 0,
                            o->threads,
                            cmd,
                            o->format == FORMAT_JSON,
                            o->rulebook || (s->rulebook && !o->persona) ? NULL
                            : o->persona                                ? o->persona
                                                                        : "product",
                            o->seed,
                            deal,
                            o->scenario};
        if (!in)
            fprintf(stderr, "pushback: cannot read '%s': %s\n", o->answers, strerror(errno));
        rc = !in ? 2 : cmd && deal ? rehearse_run(in, stdout, b, &ro, &md) : out_of_memory();
        if (in && in != stdin)
            fclose(in);
        free(deal);
        if (!rc)
            rc = write_transcript(o, target, md);
        free(md);
        free(cmd);
    }
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return rc;
}

/* check -f json: an error also goes to stdout as a JSON document. */
static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void check_error_json(const cli_opts *o, const pb_error *e)
{
    if (o->format != FORMAT_JSON)
        return;
    pb_error w;
    pb_report_ctx ctx = {NULL, NULL, NULL, false};
    pb_report_check_json(stdout, &ctx, NULL, 0, NULL, 0, e, &w);
}

static int cmd_check(const cli_opts *o)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_status st = scenario_open(o, &s, &e);
    if (!st && o->option)
        st = pb_scenario_apply_option(s, o->option, &e);
    if (!st)
        st = pb_scenario_set_args(s, o->sets, o->n_sets, &e);
    for (size_t i = 0; !st && i < o->n_drops; i++)
        st = pb_scenario_drop(s, o->drops[i], &e);
    if (st) {
        cli_print_error(&e);
        check_error_json(o, &e);
        pb_scenario_free(s);
        return (int)st;
    }
    char path[PATH_MAX];
    pb_rulebook *rb = NULL;
    if ((st = load_rulebook(o, s, &rb, path, sizeof path, &e))) {
        cli_print_error(&e);
        check_error_json(o, &e);
        pb_scenario_free(s);
        return (int)st;
    }
    pb_gap *gaps = NULL;
    pb_audit *audit = NULL;
    size_t n_gaps = 0;
    int rc = 0;
    if ((st = pb_proposal_gaps(s, &gaps, &n_gaps, &e))) {
        cli_print_error(&e);
        rc = 1;
    } else if ((!o->quiet || o->format == FORMAT_JSON) &&
               (st = pb_audit_run(s, 0, o->seed, o->threads, &audit, &e))) {
        cli_print_error(&e);
        rc = 1;
    } else if (o->format == FORMAT_JSON) {
        pb_report_ctx ctx = {s, NULL, NULL, false};
        if (pb_report_check_json_audit(stdout, &ctx, path, pb_rulebook_n_rules(rb), gaps, n_gaps,
                                       audit, &e))
            rc = 1;
    } else if (!o->quiet) {
        size_t n_effort = 0;
        for (size_t i = 0; i < s->n_milestones; i++)
            n_effort += s->milestones[i].has_effort;
        size_t n_rules = pb_rulebook_n_rules(rb);
        printf("%s: valid (version 1): %zu %s (%zu with effort), %zu %s, %zu %s, %zu %s; "
               "rulebook %s: %zu %s; labour %s\n",
               strcmp(o->scenario, "-") ? o->scenario : "<stdin>", s->n_milestones,
               plural(s->n_milestones, "milestone", "milestones"), n_effort, s->n_roles,
               plural(s->n_roles, "role", "roles"), s->n_risks, plural(s->n_risks, "risk", "risks"),
               s->n_options, plural(s->n_options, "option", "options"), path, n_rules,
               plural(n_rules, "rule", "rules"), pb_scenario_labour_name(s));
        if (n_gaps) {
            printf("\nWhat a manager will ask about the proposal (most damaging first):\n");
            for (size_t k = 0; k < n_gaps; k++)
                printf("%2zu. [%d] %s\n      add: %s\n", k + 1, gaps[k].weight, gaps[k].question,
                       gaps[k].fix);
        } else {
            printf("The proposal has every section a manager asks about.\n");
        }
        pb_report_ctx actx = {s, NULL, NULL, false};
        pb_report_audit_text(stdout, &actx, audit, &e);
    }
    pb_audit_free(audit);
    pb_gaps_free(gaps, n_gaps);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return rc;
}

int main(int argc, char **argv)
{
    cli_help_redispatch(&argc, &argv);
    gsl_set_error_handler_off();
    if (argc > 1 && !strcmp(argv[1], "init"))
        return cli_init_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "import"))
        return cli_import_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "deal"))
        return cli_deal_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "frontier"))
        return cli_frontier_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "track"))
        return cli_track_main(argc - 1, argv + 1);
    cli_opts o;
    int rc = cli_parse(argc, argv, &o);
    if (rc >= 0) {
        cli_opts_release(&o);
        return rc;
    }
    catch_signals(); /* for the commands here only (import and init keep the defaults) */
    if (!strcmp(o.command, "simulate"))
        rc = cmd_simulate(&o);
    else if (!strcmp(o.command, "compare"))
        rc = cmd_compare(&o);
    else if (!strcmp(o.command, "seek"))
        rc = cmd_seek(&o);
    else if (!strcmp(o.command, "brief"))
        rc = cmd_brief(&o);
    else if (!strcmp(o.command, "rehearse"))
        rc = cmd_rehearse(&o);
    else
        rc = cmd_check(&o);
    cli_opts_release(&o);
    if (interrupted && !rc)
        rc = 1;
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
