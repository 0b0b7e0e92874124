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

#include "common.h"
#include "deal.h"

static const char USAGE[] =
    "usage: pushback frontier [-h] [--confidence C] [--deadline D] [--budget B]\n"
    "                         [--extra-people K] [-n N] [-s seed] [-t threads]\n"
    "                         [-f text|json|csv] scenario.cfg\n";

static const char HELP[] =
    "\nSearch the levers (team per role, one alternative per choice, optional scope)\n"
    "for the deals not dominated on date, cost, people and value kept at the\n"
    "confidence; the walk-away point; and, with the manager's asks, the best third\n"
    "ask for each two held.\n\n"
    "  --confidence C            in (0, 1) (default: the scenario's, else 0.8)\n"
    "  --deadline D              the promise each deal's joint is measured against\n"
    "  --budget B                  (default: the scenario's ask)\n"
    "  --extra-people K          a role's bound: its planned size + K (default 2)\n"
    "  -n, --iterations N        per deal (default 4096)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format F            text (default), json or csv\n"
    "  -h, --help                this help\n";

static int usage(const char *what, const char *arg)
{
    fprintf(stderr, "pushback: %s, got '%s'\npushback: try 'pushback frontier --help'\n", what,
            arg);
    return 2;
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

/* Parse argv into o and *format ('t', 'j' or 'c'); -1 to go on, else the exit status. */
static int parse(int argc, char **argv, pb_frontier_opts *o, char *format, const char **path)
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
    int ch;
    double v;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, ":hn:s:t:f:", opts, NULL)) != -1) {
        const char *a = optarg;
        switch (ch) {
        case 'h':
            return fputs(USAGE, stdout), fputs(HELP, stdout), 0;
        case 'B':
            if (!number(a, 0, HUGE_VAL, &o->budget))
                return usage("--budget needs a number >= 0", a);
            break;
        case 'C':
            if (!number(a, 1e-9, 1 - 1e-9, &o->confidence))
                return usage("--confidence needs a number in (0, 1)", a);
            break;
        case 'D':
            if (!number(a, 0, HUGE_VAL, &o->deadline))
                return usage("--deadline needs a number >= 0", a);
            break;
        case 'X':
            if (!number(a, 0, 1000, &v) || v != floor(v))
                return usage("--extra-people needs a whole number in [0, 1000]", a);
            o->extra_people = (int)v;
            break;
        case 'n':
            if (!number(a, 1, 1e8, &v) || v != floor(v))
                return usage("-n needs a whole number in [1, 100000000]", a);
            o->iterations = (size_t)v;
            break;
        case 's':
            if (!number(a, 0, 2147483647.0, &v) || v != floor(v))
                return usage("--seed needs a whole number >= 0", a);
            o->seed = (uint64_t)v;
            break;
        case 't':
            if (!number(a, 1, 64, &v) || v != floor(v))
                return usage("--threads needs a whole number in [1, 64]", a);
            o->threads = (unsigned)v;
            break;
        case 'f':
            if (strcmp(a, "text") && strcmp(a, "json") && strcmp(a, "csv"))
                return usage("--format must be text, json or csv", a);
            *format = a[0];
            break;
        default:
            return usage("bad or incomplete option", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return usage("give one scenario file", optind < argc ? argv[optind] : "");
    *path = argv[optind];
    return -1;
}

static int fail(const pb_error *e)
{
    cli_print_error(e);
    return e->code ? (int)e->code : 1;
}

int cli_frontier_main(int argc, char **argv)
{
    pb_frontier_opts o;
    pb_frontier_opts_init(&o);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    char format = 't';
    const char *path = NULL;
    int rc = parse(argc, argv, &o, &format, &path);
    pb_error e;
    pb_scenario *s = NULL;
    pb_frontier *f = NULL;
    if (rc < 0 && pb_scenario_load(path, &s, &e))
        rc = fail(&e);
    if (rc < 0 && pb_frontier_run(s, &o, &f, &e))
        rc = fail(&e);
    if (rc < 0) {
        pb_report_ctx ctx = {s, NULL, NULL, false};
        pb_status st = format == 'j'   ? pb_report_frontier_json(stdout, &ctx, f, &e)
                       : format == 'c' ? pb_report_frontier_csv(stdout, &ctx, f, &e)
                                       : pb_report_frontier_text(stdout, &ctx, f, &e);
        rc = st ? fail(&e) : 0;
    }
    pb_frontier_free(f);
    pb_scenario_free(s);
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
