/*
 * cmd_brief.c - 'pushback brief': the negotiation brief of the scenario and
 * its rulebook (cli_make_brief, run.c), written in the format -f names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"
#include "reproduce.h"
#include "run.h"

/* brief --for manager: the proposal page built on b, written; 0 or an exit status. */
static int write_page(const cli_opts *o, const pb_report_ctx *ctx, const pb_brief *b)
{
    pb_page *p = NULL;
    pb_error e;
    pb_status st = pb_page_run(b, o->threads, &p, &e);
    if (st) {
        cli_print_error(&e);
        return (int)st;
    }
    int rc = cli_write_report(o->output, cli_writer_find("page", o->format), ctx, p, true);
    pb_page_free(p);
    return rc;
}

int cmd_brief(const cli_opts *o)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    int rc = cli_make_brief(o, o->output, &s, &rb, &b);
    if (!rc) {
        char *cmd = reproduce_line(o, o->command, b->iterations, b->seed);
        pb_report_ctx ctx = {b->scenario, o->option ? o->option : "base", cmd, false};
        if (!cmd)
            rc = cli_out_of_memory();
        else if (o->for_manager)
            rc = write_page(o, &ctx, b);
        else
            rc = cli_write_report(o->output, cli_writer_find("brief", o->format), &ctx, b, true);
        free(cmd);
    }
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return rc;
}
