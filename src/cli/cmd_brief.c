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
#include "reproduce.h"
#include "run.h"

int cmd_brief(const cli_opts *o)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    int rc = cli_make_brief(o, o->output, &s, &rb, &b);
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
