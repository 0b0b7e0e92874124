/*
 * frontier.c - 'pushback frontier': the deals worth offering, the walk-away
 * point and "any two of your three asks". Parses its own options, runs
 * pb_frontier_run and writes text, JSON or CSV (exit 0 done, 1 run failure,
 * 2 usage, 3 a scenario that does not load).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"
#include "deal.h"
#include "ownparse.h"

static int usage(const char *what, const char *arg)
{
    return cli_usage("frontier", "%s, got '%s'", what, arg);
}

static bool number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return false;
    *out = v;
    return true;
}

/* One option; -1 to go on, else the exit status. */
static int one_option(pb_frontier_opts *o, int *format, int ch, const char *a)
{
    cli_run_values run = {&o->iterations, &o->seed, &o->threads, format};
    int rc = cli_run_flag("frontier", ch, a, &run);
    double v;
    if (rc != CLI_FLAG_OTHER)
        return rc;
    switch (ch) {
    case 'B':
        return number(a, 0, HUGE_VAL, &o->budget) ? -1 : usage("--budget needs a number >= 0", a);
    case 'C':
        return number(a, 1e-9, 1 - 1e-9, &o->confidence)
                   ? -1
                   : usage("--confidence needs a number in (0, 1)", a);
    case 'D':
        return number(a, 0, HUGE_VAL, &o->deadline) ? -1
                                                    : usage("--deadline needs a number >= 0", a);
    case 'X':
        if (!number(a, 0, 1000, &v) || v != floor(v))
            return usage("--extra-people needs a whole number in [0, 1000]", a);
        o->extra_people = (int)v;
        return -1;
    default:
        return usage("bad or incomplete option", a);
    }
}

/* Parse argv into o and *format (FORMAT_*); -1 to go on, else the exit status. */
static int parse(int argc, char **argv, pb_frontier_opts *o, int *format, const char **path)
{
    static const struct option opts[] = {{"budget", required_argument, NULL, 'B'},
                                         {"confidence", required_argument, NULL, 'C'},
                                         {"deadline", required_argument, NULL, 'D'},
                                         {"extra-people", required_argument, NULL, 'X'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {"iterations", required_argument, NULL, 'n'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"threads", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    int ch, rc;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, ":hn:s:t:f:", opts, NULL)) != -1) {
        if (ch == 'h')
            return cli_print_help(cli_command_find("frontier")), 0;
        if (ch == '?' || ch == ':')
            return usage("bad or incomplete option", argv[optind - 1]);
        if ((rc = one_option(o, format, ch, optarg)) >= 0)
            return rc;
    }
    if (optind != argc - 1)
        return usage("give one scenario file", optind < argc ? argv[optind] : "");
    *path = argv[optind];
    return -1;
}

int cli_frontier_main(int argc, char **argv)
{
    pb_frontier_opts o;
    pb_frontier_opts_init(&o);
    o.threads = cli_default_threads();
    int format = FORMAT_TEXT;
    const char *path = NULL;
    int rc = parse(argc, argv, &o, &format, &path);
    pb_error e;
    pb_scenario *s = NULL;
    pb_frontier *f = NULL;
    if (rc < 0 && pb_scenario_load(path, &s, &e))
        rc = cli_fail(&e);
    if (rc < 0 && pb_frontier_run(s, &o, &f, &e))
        rc = cli_fail(&e);
    if (rc < 0) {
        pb_report_ctx ctx = {s, NULL, NULL, false};
        pb_status st = cli_writer_find("frontier", format)(stdout, &ctx, f, &e);
        rc = st ? cli_fail(&e) : 0;
    }
    pb_frontier_free(f);
    pb_scenario_free(s);
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
