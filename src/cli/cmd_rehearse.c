/*
 * cmd_rehearse.c - 'pushback rehearse': the brief (cli_make_brief, run.c)
 * rehearsed line by line (rehearse.c), then its Markdown transcript written
 * where -o says (rehearsal.md by default), kept unless --force.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "output.h"
#include "rehearse.h"
#include "reproduce.h"
#include "run.h"
#include "writers.h"

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
    pb_error e;
    bool ok = !cli_writer_find("rehearse", o->format)(out.f, NULL, md, &e);
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
    const char *target = o->output ? o->output : o->format == FORMAT_JSON ? "-" : "rehearsal.md";
    struct stat st;
    if (strcmp(target, "-") && !o->force && stat(target, &st) == 0 && S_ISREG(st.st_mode)) {
        fprintf(stderr, "pushback: %s exists; add --force to overwrite it, or -o another file\n",
                target);
        return 2;
    }
    int rc = cli_make_brief(o, target, &s, &rb, &b);
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
        rc = !in ? 2 : cmd && deal ? rehearse_run(in, stdout, b, &ro, &md) : cli_out_of_memory();
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
