/*
 * cmd_brief.c - 'pushback brief' and 'pushback rehearse': the negotiation
 * brief of the scenario and its rulebook, written as a report or rehearsed
 * line by line (rehearse.c) into a Markdown transcript.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"
#include "output.h"
#include "rehearse.h"
#include "reproduce.h"
#include "run.h"

static void brief_opts(const cli_opts *o, pb_brief_opts *bo)
{
    pb_brief_opts_init(bo);
    if (o->iterations)
        bo->iterations = o->iterations;
    bo->seed = o->seed;
    bo->threads = o->threads;
    bo->cancel = (volatile const int *)&cli_interrupted;
}

/* Load the scenario and rulebook and compute the brief; 0 or an exit status. */
static int make_brief(const cli_opts *o, const char *target, pb_scenario **s, pb_rulebook **rb,
                      pb_brief **b)
{
    *rb = NULL;
    *b = NULL;
    int rc = cli_load_scenario(o, s);
    if (rc)
        return rc;
    pb_error e;
    char path[PATH_MAX];
    pb_status st = cli_load_rulebook(o, *s, rb, path, sizeof path, &e);
    bool from_file = o->rulebook || (*s)->rulebook;
    if (!st && (rc = cli_guard_output(o, target, from_file ? path : NULL,
                                      !strcmp(o->command, "rehearse"))))
        return rc;
    pb_brief_opts bo;
    brief_opts(o, &bo);
    if (!st)
        st = pb_brief_run(*s, *rb, &bo, b, &e);
    if (st) {
        cli_print_error(&e);
        return (int)st;
    }
    if (cli_interrupted) {
        fprintf(stderr, "pushback: interrupted: nothing written\n");
        return 1;
    }
    return 0;
}

int cmd_brief(const cli_opts *o)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    int rc = make_brief(o, o->output, &s, &rb, &b);
    if (!rc) {
        char *cmd = reproduce_line(o, o->command, b->iterations, b->seed);
        pb_report_ctx ctx = {b->scenario, o->option ? o->option : "base", cmd, false};
        rc = cmd ? cli_write_report(o->output, cli_writer_find("brief", o->format), &ctx, b, true)
                 : cli_out_of_memory();
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
    if (cli_interrupted) {
        fprintf(stderr, "pushback: interrupted: %s not written\n", target);
        return 1;
    }
    if (output_open(&out, target))
        return 1;
    bool ok = fputs(md, out.f) != EOF;
    int rc = output_close(&out, ok && !cli_interrupted);
    if (!rc && out.how != OUT_STDOUT && !o->quiet)
        fprintf(stderr, "pushback: transcript written to %s\n", target);
    return rc;
}

int cmd_rehearse(const cli_opts *o)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    const char *target = o->output ? o->output : "rehearsal.md";
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
        rehearse_opts ro = {!o->no_anchor, isatty(STDIN_FILENO) != 0, o->threads, cmd};
        rc = cmd ? rehearse_run(stdin, stdout, b, &ro, &md) : cli_out_of_memory();
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
