/*
 * cmd_seek.c - 'pushback seek': what it takes to finish by the deadline at
 * the confidence (date, budget, people, scope, risks), every trial on the
 * same draws.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"
#include "reproduce.h"
#include "run.h"

static void seek_opts(const cli_opts *o, pb_seek_opts *so)
{
    pb_seek_opts_init(so);
    so->confidence = o->confidence;
    so->deadline = o->deadline;
    so->budget = o->budget;
    if (o->iterations) {
        so->iterations = o->iterations;
        so->base_iterations = 10 * o->iterations;
    }
    so->seed = o->seed;
    so->threads = o->threads;
    so->cancel = (volatile const int *)&cli_interrupted;
}

int cmd_seek(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = cli_guard_output(o, o->output, NULL, false);
    if (rc || (rc = cli_load_scenario(o, &s)))
        return rc;
    pb_error e;
    pb_seek_opts so;
    seek_opts(o, &so);
    pb_seek_result *r = NULL;
    pb_status st = pb_seek_run(s, &so, &r, &e);
    if (st) {
        cli_print_error(&e);
        if (st == PB_ERR_USAGE)
            fprintf(stderr, "pushback: try 'pushback seek --help'\n");
        rc = (int)st;
    } else if (cli_interrupted) {
        fprintf(stderr, "pushback: interrupted: no answers written\n");
        rc = 1;
    } else {
        char *cmd = reproduce_line(o, o->command, r->iterations, r->seed);
        pb_report_ctx ctx = {s, o->option ? o->option : "base", cmd,
                             o->color && !o->output && isatty(STDOUT_FILENO)};
        rc = cmd ? cli_write_report(o->output, cli_writer_find("seek", o->format), &ctx, r, true)
                 : cli_out_of_memory();
        free(cmd);
    }
    pb_seek_free(r);
    pb_scenario_free(s);
    return rc;
}
