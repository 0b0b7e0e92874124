/*
 * track.c - 'pushback track': the project as it stands, re-forecast from its
 * actuals beside the forecast of the proposal, on the same seed.
 *
 * The actuals come from the scenario ('status', 'done', 'active', a risk's
 * 'status') and, with --actuals, from a CSV file that overrides them. This
 * file parses, prints and picks the exit status (0 done; 1 run failure;
 * 2 usage; 3 a scenario or actuals that do not load).
 */
#include "track.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pushback/pushback.h>

static const char USAGE[] =
    "usage: pushback track [-h] [--actuals FILE.csv] [--as-of WHEN] [-n N] [-s seed]\n"
    "                      [-t threads] [-f text|json] scenario.cfg\n";

static const char HELP[] =
    "\nRe-forecast a project from its actuals (docs/track.md): the planned and the\n"
    "re-forecast P50 and P80 on the same seed, the milestones behind the slip, and\n"
    "the buffer (P80 - P50 at the start) as a fever chart.\n\n"
    "      --actuals FILE.csv    actuals from a CSV file (id, status, actual, elapsed,\n"
    "                            remaining_low, remaining_likely, remaining_high)\n"
    "      --as-of WHEN          the date of the actuals: YYYY-MM-DD or units since the start\n"
    "  -n, --iterations N        iterations (default: automatic, as simulate)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format F            text (default) or json\n"
    "  -h, --help                this help\n";

typedef struct track_cli {
    pb_sim_opts o;
    const char *actuals, *as_of, *scenario;
    bool json;
} track_cli;

static int usage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pushback: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\npushback: try 'pushback track --help'\n", stderr);
    return 2;
}

static bool count_arg(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int one_option(track_cli *c, int ch, const char *arg)
{
    long k;
    switch (ch) {
    case 'A':
        c->actuals = arg;
        return -1;
    case 'W':
        c->as_of = arg;
        return -1;
    case 'n':
        if (!count_arg(arg, 1, 100000000, &k))
            return usage("-n needs a whole number in [1, 100000000], got '%s'", arg);
        c->o.iterations = (size_t)k;
        return -1;
    case 's':
        if (!count_arg(arg, 0, 2147483647L, &k))
            return usage("--seed needs a whole number >= 0, got '%s'", arg);
        c->o.seed = (uint64_t)k;
        return -1;
    case 't':
        if (!count_arg(arg, 1, 64, &k))
            return usage("--threads needs a whole number in [1, 64], got '%s'", arg);
        c->o.threads = (unsigned)k;
        return -1;
    case 'f':
        if (strcmp(arg, "text") && strcmp(arg, "json"))
            return usage("--format must be text or json, got '%s'", arg);
        c->json = !strcmp(arg, "json");
        return -1;
    default:
        return usage("%s", "unknown option");
    }
}

static int parse(int argc, char **argv, track_cli *c)
{
    static const struct option opts[] = {
        {"actuals", required_argument, NULL, 'A'},    {"as-of", required_argument, NULL, 'W'},
        {"format", required_argument, NULL, 'f'},     {"help", no_argument, NULL, 'h'},
        {"iterations", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'},    {NULL, 0, NULL, 0}};
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, ":hn:s:t:f:", opts, NULL)) != -1) {
        if (ch == 'h')
            return fputs(USAGE, stdout), fputs(HELP, stdout), 0;
        if (ch == '?' || ch == ':')
            return usage("bad or incomplete option '%s'", argv[optind - 1]);
        int rc = one_option(c, ch, optarg);
        if (rc >= 0)
            return rc;
    }
    if (optind != argc - 1)
        return usage("%s", optind >= argc ? "no scenario file given" : "give one scenario file");
    c->scenario = argv[optind];
    return -1;
}

static int fail(const pb_error *e)
{
    if (e->file[0] && e->line > 0)
        fprintf(stderr, "pushback: %s:%d: %s\n", e->file, e->line, e->msg);
    else if (e->file[0])
        fprintf(stderr, "pushback: %s: %s\n", e->file, e->msg);
    else
        fprintf(stderr, "pushback: %s\n", e->msg);
    return e->code == PB_ERR_USAGE ? 2 : e->code ? (int)e->code : 1;
}

/* The scenario's actuals, then --actuals and --as-of over them. */
static pb_status load_actuals(const track_cli *c, const pb_scenario *s, pb_actuals **a, pb_error *e)
{
    pb_status rc = pb_actuals_load(s, c->scenario, a, e);
    if (!rc && c->as_of && pb_actuals_set_as_of(*a, s, c->as_of, e)) {
        snprintf(e->file, sizeof e->file, "--as-of");
        e->line = 0;
        return PB_ERR_USAGE;
    }
    if (!rc && c->actuals)
        rc = pb_actuals_read_csv(*a, s, c->actuals, e);
    if (!rc && !(*a)->n_ms && !(*a)->n_risks)
        rc = pb_error_set(e, PB_ERR_INVALID, c->scenario, 0,
                          "no actuals to track: mark milestones 'done' or 'active' (docs/track.md) "
                          "or give --actuals FILE.csv");
    return rc;
}

static int run(const track_cli *c)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_actuals *a = NULL;
    pb_track_result *r = NULL;
    int rc = 0;
    if (pb_scenario_load(c->scenario, &s, &e) || load_actuals(c, s, &a, &e) ||
        pb_track_run(s, a, &c->o, &r, &e))
        rc = fail(&e);
    if (!rc) {
        pb_report_ctx ctx = {s, "base", NULL, false};
        pb_status st = c->json ? pb_report_track_json(stdout, &ctx, r, &e)
                               : pb_report_track_text(stdout, &ctx, r, &e);
        rc = st ? fail(&e) : 0;
    }
    pb_track_result_free(r);
    pb_actuals_free(a);
    pb_scenario_free(s);
    return rc;
}

int cli_track_main(int argc, char **argv)
{
    track_cli c;
    memset(&c, 0, sizeof c);
    pb_sim_opts_init(&c.o);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    c.o.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    int rc = parse(argc, argv, &c);
    if (rc < 0)
        rc = run(&c);
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
