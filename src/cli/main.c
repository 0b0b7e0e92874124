/*
 * main.c - the pushback command line.
 *
 * It parses arguments, calls the library and picks a writer; it alone owns
 * stdout, stderr, signals and exit codes (0 done, 1 failure while running,
 * 2 bad usage, 3 unreadable or invalid scenario). Reports written with -o go
 * to a temporary file beside the target and are renamed into place only when
 * complete, so an interrupted or failed run never leaves half a report.
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

#include "deal.h"
#include "default_rulebook.h"
#include "options.h"
#include "rehearse.h"

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
    signal(SIGINT, SIG_DFL); /* a second Ctrl-C ends the program at once */
}

static void print_error(const pb_error *e)
{
    if (e->file[0] && e->line > 0)
        fprintf(stderr, "pushback: %s:%d: %s\n", e->file, e->line, e->msg);
    else if (e->file[0])
        fprintf(stderr, "pushback: %s: %s\n", e->file, e->msg);
    else
        fprintf(stderr, "pushback: %s\n", e->msg);
}

/* Load the scenario and apply --option, --set and --drop in that order. */
static int load_scenario(const cli_opts *o, pb_scenario **out)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_status rc = pb_scenario_load(o->scenario, &s, &e);
    if (!rc && o->option)
        rc = pb_scenario_apply_option(s, o->option, &e);
    for (size_t i = 0; !rc && i < o->n_sets; i++) {
        char *eq = strchr(o->sets[i], '=');
        char path[256];
        size_t len = (size_t)(eq - o->sets[i]);
        if (len >= sizeof path)
            len = sizeof path - 1;
        memcpy(path, o->sets[i], len);
        path[len] = '\0';
        rc = pb_scenario_edit(s, path, eq + 1, &e);
    }
    if (!rc && o->n_sets)
        rc = pb_scenario_validate(s, &e);
    for (size_t i = 0; !rc && i < o->n_drops; i++)
        rc = pb_scenario_drop(s, o->drops[i], &e);
    if (rc) {
        print_error(&e);
        if (rc == PB_ERR_USAGE)
            fprintf(stderr, "pushback: try 'pushback %s --help'\n", o->command);
        pb_scenario_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* Output: stdout, or a temporary file renamed onto -o when complete. */
typedef struct output {
    FILE *f;
    char tmp[PATH_MAX];
    const char *target;
} output;

static int output_open(output *out, const char *target)
{
    out->target = target;
    out->tmp[0] = '\0';
    if (!target || !strcmp(target, "-")) {
        out->f = stdout;
        return 0;
    }
    if (snprintf(out->tmp, sizeof out->tmp, "%s.tmp-XXXXXX", target) >= (int)sizeof out->tmp) {
        fprintf(stderr, "pushback: %s: path too long\n", target);
        return 1;
    }
    int fd = mkstemp(out->tmp);
    if (fd >= 0) {
        /* mkstemp makes the file private: give it the permissions any new file gets */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (fd < 0 || !(out->f = fdopen(fd, "w"))) {
        fprintf(stderr, "pushback: %s: cannot write: %s\n", target, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(out->tmp);
        }
        out->tmp[0] = '\0';
        return 1;
    }
    return 0;
}

/* Finish the output: rename into place on success, remove on failure. */
static int output_close(output *out, bool ok)
{
    if (out->f == stdout)
        return ok ? 0 : 1;
    bool good = ok && !ferror(out->f);
    good = (fclose(out->f) == 0) && good;
    if (good && rename(out->tmp, out->target) != 0) {
        fprintf(stderr, "pushback: %s: cannot write: %s\n", out->target, strerror(errno));
        good = false;
    }
    if (!good)
        unlink(out->tmp);
    return good ? 0 : 1;
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
    if (output_open(&out, target))
        return 1;
    pb_status st = w(out.f, o, ctx, what, &e);
    if (st)
        print_error(&e);
    return output_close(&out, !st && keep);
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

/* The command line that reproduces this run, for the report. */
static void reproduce(const cli_opts *o, size_t iterations, uint64_t seed, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "pushback %s %s --seed %llu -n %zu", o->command, o->scenario,
                     (unsigned long long)seed, iterations);
    if (o->option && n > 0 && (size_t)n < cap)
        n += snprintf(buf + n, cap - (size_t)n, " --option %s", o->option);
    for (size_t i = 0; i < o->n_sets && n > 0 && (size_t)n < cap; i++)
        n += snprintf(buf + n, cap - (size_t)n, " --set '%s'", o->sets[i]);
    for (size_t i = 0; i < o->n_drops && n > 0 && (size_t)n < cap; i++)
        n += snprintf(buf + n, cap - (size_t)n, " --drop %s", o->drops[i]);
    for (size_t i = 0; i < o->n_pairs && n > 0 && (size_t)n < cap; i++)
        n += snprintf(buf + n, cap - (size_t)n, " --pair %s", o->pairs[i]);
    if (isfinite(o->deadline) && n > 0 && (size_t)n < cap)
        n += snprintf(buf + n, cap - (size_t)n, " --deadline %.15g", o->deadline);
    if (isfinite(o->confidence) && n > 0 && (size_t)n < cap)
        n += snprintf(buf + n, cap - (size_t)n, " --confidence %.15g", o->confidence);
    if (isfinite(o->budget) && n > 0 && (size_t)n < cap)
        n += snprintf(buf + n, cap - (size_t)n, " --budget %.15g", o->budget);
    if (o->rulebook && n > 0 && (size_t)n < cap)
        snprintf(buf + n, cap - (size_t)n, " --rulebook %s", o->rulebook);
}

static int cmd_simulate(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = load_scenario(o, &s);
    if (rc)
        return rc;
    pb_error e;
    pb_plan *plan = NULL;
    pb_result *res = NULL;
    if (pb_plan_build(s, &plan, &e)) {
        print_error(&e);
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
    signal(SIGINT, on_sigint);
    pb_status st = pb_sim_run(plan, &so, &res, &e);
    signal(SIGINT, SIG_DFL);
    progress_end(&bar);
    if (st) {
        print_error(&e);
        pb_plan_free(plan);
        pb_scenario_free(s);
        return (int)st; /* pb_status values are the exit statuses */
    }
    if (interrupted && !o->quiet)
        fprintf(stderr, "pushback: interrupted: results of the first %zu iterations (partial)\n",
                res->iterations);
    char cmd[2048];
    reproduce(o, res->iterations, res->seed, cmd, sizeof cmd);
    pb_report_ctx ctx = {pb_plan_scenario(plan), o->option ? o->option : "base", cmd,
                         o->color && !o->output && isatty(STDOUT_FILENO)};
    samples all = {plan, res};
    if (o->format == FORMAT_CSV)
        rc = write_report(o, o->output, write_samples, &ctx, &all, !interrupted);
    else
        rc = write_report(o, o->output, write_simulate, &ctx, res, !interrupted);
    if (interrupted && o->output && strcmp(o->output, "-"))
        fprintf(stderr, "pushback: interrupted: %s not written\n", o->output);
    if (!rc && !interrupted && o->samples)
        rc = write_report(o, o->samples, write_samples, &ctx, &all, true);
    pb_result_free(res);
    pb_plan_free(plan);
    pb_scenario_free(s);
    return rc ? rc : interrupted ? 1 : 0;
}

static int cmd_compare(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = load_scenario(o, &s);
    if (rc)
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
    signal(SIGINT, on_sigint);
    pb_status st = pb_compare_run(s, &so, false, &c, &e);
    signal(SIGINT, SIG_DFL);
    if (st) {
        print_error(&e);
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
            print_error(&e);
            rc = 1;
            goto out;
        }
    }
    char cmd[2048];
    reproduce(o, c->iterations, c->seed, cmd, sizeof cmd);
    pb_report_ctx ctx = {s, "base", cmd, o->color && !o->output && isatty(STDOUT_FILENO)};
    comparison x = {c, pairs, pr, o->n_pairs};
    rc = write_report(o, o->output, write_compare, &ctx, &x, true);
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
    int rc = load_scenario(o, &s);
    if (rc)
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
    signal(SIGINT, on_sigint);
    pb_status st = pb_seek_run(s, &so, &r, &e);
    signal(SIGINT, SIG_DFL);
    if (st) {
        print_error(&e);
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
    char cmd[2048];
    reproduce(o, r->iterations, r->seed, cmd, sizeof cmd);
    pb_report_ctx ctx = {s, o->option ? o->option : "base", cmd,
                         o->color && !o->output && isatty(STDOUT_FILENO)};
    rc = write_report(o, o->output, write_seek, &ctx, r, true);
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
static int make_brief(const cli_opts *o, pb_scenario **s, pb_rulebook **rb, pb_brief **b)
{
    *rb = NULL;
    *b = NULL;
    int rc = load_scenario(o, s);
    if (rc)
        return rc;
    pb_error e;
    char path[PATH_MAX];
    pb_status st = load_rulebook(o, *s, rb, path, sizeof path, &e);
    if (st) {
        print_error(&e);
        return (int)st;
    }
    pb_brief_opts bo;
    pb_brief_opts_init(&bo);
    if (o->iterations)
        bo.iterations = o->iterations;
    bo.seed = o->seed;
    bo.threads = o->threads;
    bo.cancel = (volatile const int *)&interrupted;
    signal(SIGINT, on_sigint);
    st = pb_brief_run(*s, *rb, &bo, b, &e);
    signal(SIGINT, SIG_DFL);
    if (st) {
        print_error(&e);
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
    int rc = make_brief(o, &s, &rb, &b);
    if (!rc) {
        char cmd[2048];
        reproduce(o, b->iterations, b->seed, cmd, sizeof cmd);
        pb_report_ctx ctx = {b->scenario, o->option ? o->option : "base", cmd, false};
        rc = write_report(o, o->output, write_brief, &ctx, b, true);
    }
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return rc;
}

static int cmd_rehearse(const cli_opts *o)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    int rc = make_brief(o, &s, &rb, &b);
    if (!rc) {
        /* the transcript's numbers are the brief's: reproduce them with 'brief' */
        cli_opts as_brief = *o;
        as_brief.command = "brief";
        char cmd[1024];
        reproduce(&as_brief, b->iterations, b->seed, cmd, sizeof cmd);
        rehearse_opts ro = {!o->no_anchor, isatty(STDIN_FILENO) != 0, o->threads, cmd};
        char *md = NULL;
        rc = rehearse_run(stdin, stdout, b, &ro, &md);
        if (!rc) {
            output out;
            const char *target = o->output ? o->output : "rehearsal.md";
            if (output_open(&out, target)) {
                rc = 1;
            } else {
                bool ok = fputs(md, out.f) != EOF;
                rc = output_close(&out, ok);
                if (!rc && out.f != stdout && !o->quiet)
                    fprintf(stderr, "pushback: transcript written to %s\n", target);
            }
        }
        free(md);
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
    pb_status st = pb_scenario_load(o->scenario, &s, &e);
    if (!st && o->option)
        st = pb_scenario_apply_option(s, o->option, &e);
    for (size_t i = 0; !st && i < o->n_sets; i++) {
        char *eq = strchr(o->sets[i], '=');
        char path[256];
        snprintf(path, sizeof path, "%.*s", (int)(eq - o->sets[i]), o->sets[i]);
        st = pb_scenario_edit(s, path, eq + 1, &e);
    }
    if (!st && o->n_sets)
        st = pb_scenario_validate(s, &e);
    for (size_t i = 0; !st && i < o->n_drops; i++)
        st = pb_scenario_drop(s, o->drops[i], &e);
    if (st) {
        print_error(&e);
        check_error_json(o, &e);
        pb_scenario_free(s);
        return (int)st;
    }
    char path[PATH_MAX];
    pb_rulebook *rb = NULL;
    if ((st = load_rulebook(o, s, &rb, path, sizeof path, &e))) {
        print_error(&e);
        check_error_json(o, &e);
        pb_scenario_free(s);
        return (int)st;
    }
    pb_gap *gaps = NULL;
    pb_audit *audit = NULL;
    size_t n_gaps = 0;
    int rc = 0;
    if ((st = pb_proposal_gaps(s, &gaps, &n_gaps, &e))) {
        print_error(&e);
        rc = 1;
    } else if ((!o->quiet || o->format == FORMAT_JSON) &&
               (st = pb_audit_run(s, 0, o->seed, o->threads, &audit, &e))) {
        print_error(&e);
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
               o->scenario, s->n_milestones, plural(s->n_milestones, "milestone", "milestones"),
               n_effort, s->n_roles, plural(s->n_roles, "role", "roles"), s->n_risks,
               plural(s->n_risks, "risk", "risks"), s->n_options,
               plural(s->n_options, "option", "options"), path, n_rules,
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
    gsl_set_error_handler_off();
    if (argc > 1 && !strcmp(argv[1], "deal"))
        return cli_deal_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "frontier"))
        return cli_frontier_main(argc - 1, argv + 1);
    cli_opts o;
    int rc = cli_parse(argc, argv, &o);
    if (rc >= 0) {
        cli_opts_release(&o);
        return rc;
    }
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
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
