/*
 * cmd_compare.c - 'pushback compare': the base plan and every option on the
 * same draws, and with --pair the paired differences of two of them. The
 * pairs name options that must exist: they are checked before anything is
 * simulated.
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

/* The --pair names, two per pair, and their paired results. */
typedef struct pairs {
    char **names; /* 2 * n */
    pb_paired *paired;
    size_t n;
} pairs;

static void pairs_release(pairs *p)
{
    for (size_t k = 0; p->names && k < 2 * p->n; k++)
        free(p->names[k]);
    free(p->names);
    free(p->paired);
}

/* Split every --pair A,B and check that A and B exist; 0, 1 (memory) or 2. */
static int pairs_split(const cli_opts *o, const pb_scenario *s, pairs *p)
{
    p->n = o->n_pairs;
    p->names = calloc(2 * o->n_pairs + 1, sizeof *p->names);
    p->paired = calloc(o->n_pairs + 1, sizeof *p->paired);
    if (!p->names || !p->paired)
        return cli_out_of_memory();
    for (size_t k = 0; k < o->n_pairs; k++) {
        const char *comma = strchr(o->pairs[k], ',');
        p->names[2 * k] = strndup(o->pairs[k], (size_t)(comma - o->pairs[k]));
        p->names[2 * k + 1] = strdup(comma + 1);
        if (!p->names[2 * k] || !p->names[2 * k + 1])
            return cli_out_of_memory();
        for (int j = 0; j < 2; j++)
            if (strcmp(p->names[2 * k + j], "base") &&
                !pb_scenario_option(s, p->names[2 * k + j])) {
                fprintf(stderr, "pushback: --pair: unknown option '%s'\n", p->names[2 * k + j]);
                fprintf(stderr, "pushback: try 'pushback compare --help'\n");
                return 2;
            }
    }
    return 0;
}

/* The paired differences of every pair; 0 or 1 after the error. */
static int pairs_compute(const pb_comparison *c, pairs *p)
{
    pb_error e;
    for (size_t k = 0; k < p->n; k++) {
        const pb_compare_entry *a = pb_comparison_entry(c, p->names[2 * k]);
        const pb_compare_entry *b = pb_comparison_entry(c, p->names[2 * k + 1]);
        if (pb_paired_compute(a->result, b->result, c->deadline, &p->paired[k], &e)) {
            cli_print_error(&e);
            return 1;
        }
    }
    return 0;
}

/* Run the comparison, the pairs and the report on a loaded scenario. */
static int compare(const cli_opts *o, const pb_scenario *s, pairs *p)
{
    pb_error e;
    pb_sim_opts so;
    cli_sim_opts(o, &so);
    pb_comparison *c = NULL;
    int rc;
    pb_status st = pb_compare_run(s, &so, false, &c, &e);
    if (st) {
        cli_print_error(&e);
        rc = (int)st;
    } else if (cli_interrupted) {
        fprintf(stderr, "pushback: interrupted: no comparison written\n");
        rc = 1;
    } else if (!(rc = pairs_compute(c, p))) {
        char *cmd = reproduce_line(o, o->command, c->iterations, c->seed);
        pb_report_ctx ctx = {s, "base", cmd, o->color && !o->output && isatty(STDOUT_FILENO)};
        cli_compared x = {c, (const char *const *)p->names, p->paired, p->n};
        rc =
            cmd ? cli_write_report(o->output, cli_writer_find("compare", o->format), &ctx, &x, true)
                : cli_out_of_memory();
        free(cmd);
    }
    pb_comparison_free(c);
    return rc;
}

int cmd_compare(const cli_opts *o)
{
    pb_scenario *s = NULL;
    int rc = cli_guard_output(o, o->output, NULL, false);
    if (rc || (rc = cli_load_scenario(o, &s)))
        return rc;
    pairs p = {NULL, NULL, 0};
    rc = pairs_split(o, s, &p);
    if (!rc)
        rc = compare(o, s, &p);
    pairs_release(&p);
    pb_scenario_free(s);
    return rc;
}
