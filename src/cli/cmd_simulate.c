/*
 * cmd_simulate.c - 'pushback simulate': build the plan, run the Monte Carlo
 * with a progress bar on a terminal, and write the report (and with
 * --samples every iteration as CSV). An interrupted run reports what it has
 * on standard output and writes no file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"
#include "reproduce.h"
#include "run.h"

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

/* ==== The command ==== */

/* Run the simulation of 'plan' with a progress bar; 0 or the exit status after the error. */
static int run_sim(const cli_opts *o, const pb_plan *plan, pb_result **res)
{
    pb_error e;
    pb_sim_opts so;
    cli_sim_opts(o, &so);
    so.keep_samples = o->samples != NULL || o->format == FORMAT_CSV;
    progress bar;
    clock_gettime(CLOCK_MONOTONIC, &bar.start);
    bar.shown = false;
    if (!o->quiet && isatty(STDERR_FILENO)) {
        so.progress = on_progress;
        so.progress_ctx = &bar;
    }
    pb_status st = pb_sim_run(plan, &so, res, &e);
    progress_end(&bar);
    if (st)
        cli_print_error(&e);
    return (int)st; /* pb_status values are the exit statuses */
}

/* Write the report (and --samples) with the outside view 'ov' (may be NULL); 0 or 1. */
static int write_results(const cli_opts *o, const pb_plan *plan, const pb_result *res,
                         const pb_outside *ov)
{
    if (cli_interrupted && !o->quiet)
        fprintf(stderr, "pushback: interrupted: results of the first %zu iterations (partial)\n",
                res->iterations);
    char *cmd = reproduce_line(o, o->command, res->iterations, res->seed);
    pb_report_ctx ctx = {pb_plan_scenario(plan), o->option ? o->option : "base", cmd,
                         o->color && !o->output && isatty(STDOUT_FILENO)};
    cli_simulated all = {plan, res, ov};
    int rc = cmd ? cli_write_report(o->output, cli_writer_find("simulate", o->format), &ctx, &all,
                                    !cli_interrupted)
                 : cli_out_of_memory();
    if (cli_interrupted && o->output && strcmp(o->output, "-"))
        fprintf(stderr, "pushback: interrupted: %s not written\n", o->output);
    if (!rc && !cli_interrupted && o->samples)
        rc =
            cli_write_report(o->samples, cli_writer_find("simulate", FORMAT_CSV), &ctx, &all, true);
    free(cmd);
    return rc;
}

int cmd_simulate(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = cli_guard_output(o, o->output, NULL, false);
    if (!rc && o->samples)
        rc = cli_guard_output(o, o->samples, NULL, false);
    if (rc || (rc = cli_load_scenario(o, &s)))
        return rc;
    pb_error e;
    pb_plan *plan = NULL;
    pb_result *res = NULL;
    /* the file's tracking data, checked before the run; its reference class is reported */
    pb_track_summary track;
    bool file = strcmp(o->scenario, "-") != 0;
    if (file && pb_track_check(s, o->scenario, &track, &e)) {
        pb_scenario_free(s);
        return cli_fail(&e);
    }
    if (pb_plan_build(s, &plan, &e)) {
        cli_print_error(&e);
        pb_scenario_free(s);
        return 1;
    }
    if (o->samples && !o->force && access(o->samples, F_OK) == 0) {
        fprintf(stderr, "pushback: %s exists; add --force to overwrite it\n", o->samples);
        rc = 2;
    } else if (!(rc = run_sim(o, plan, &res))) {
        rc = write_results(o, plan, res, file ? &track.outside : NULL);
    }
    pb_result_free(res);
    pb_plan_free(plan);
    pb_scenario_free(s);
    return rc ? rc : cli_interrupted ? 1 : 0;
}
