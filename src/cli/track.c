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

#include "output.h"

static const char USAGE[] =
    "usage: pushback track [-h] [--actuals FILE.csv] [--as-of WHEN] [--calibration FILE.csv]\n"
    "                      [--calibrated] [-n N] [-s seed] [-t threads]\n"
    "                      [-f text|json|html] [-o file [--force]] scenario.cfg\n";

static const char HELP[] =
    "\nRe-forecast a project from its actuals (docs/track.md): the planned and the\n"
    "re-forecast P50 and P80 on the same seed, the milestones behind the slip, and\n"
    "the buffer (P80 - P50 at the start) as a fever chart.\n\n"
    "      --actuals FILE.csv    actuals from a CSV file (id, status, actual, elapsed,\n"
    "                            remaining_low, remaining_likely, remaining_high)\n"
    "      --as-of WHEN          the date of the actuals: YYYY-MM-DD or units since the start\n"
    "      --calibration FILE.csv  past estimates and actuals (low, likely, high, actual)\n"
    "                            added to the scenario's 'calibration' list\n"
    "      --calibrated          also re-forecast with every estimate calibrated (except\n"
    "                            milestones with source = \"data\")\n"
    "  -n, --iterations N        iterations (default: automatic, as simulate)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format F            text (default), json, or html (the fever chart)\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all)\n"
    "      --force               overwrite a read-only FILE\n"
    "  -h, --help                this help\n";

typedef struct track_cli {
    pb_sim_opts o;
    const char *actuals, *as_of, *calibration, *scenario, *output, *format;
    bool calibrated, force;
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
    case 'K':
        c->calibration = arg;
        return -1;
    case 'k':
        c->calibrated = true;
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
        if (strcmp(arg, "text") && strcmp(arg, "json") && strcmp(arg, "html"))
            return usage("--format must be text, json or html, got '%s'", arg);
        c->format = arg;
        return -1;
    case 'o':
        c->output = arg;
        return -1;
    case 'F':
        c->force = true;
        return -1;
    default:
        return usage("%s", "unknown option");
    }
}

static int parse(int argc, char **argv, track_cli *c)
{
    static const struct option opts[] = {
        {"actuals", required_argument, NULL, 'A'}, {"as-of", required_argument, NULL, 'W'},
        {"calibrated", no_argument, NULL, 'k'},    {"calibration", required_argument, NULL, 'K'},
        {"force", no_argument, NULL, 'F'},         {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},          {"iterations", required_argument, NULL, 'n'},
        {"output", required_argument, NULL, 'o'},  {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'}, {NULL, 0, NULL, 0}};
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, ":hn:s:t:f:o:", opts, NULL)) != -1) {
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
        e->code = PB_ERR_USAGE;
        return PB_ERR_USAGE;
    }
    if (!rc && c->actuals)
        rc = pb_actuals_read_csv(*a, s, c->actuals, e);
    if (!rc && !(*a)->n_ms && !(*a)->n_risks && !c->calibrated && !c->calibration)
        rc = pb_error_set(e, PB_ERR_INVALID, c->scenario, 0,
                          "no actuals to track: mark milestones 'done' or 'active' (docs/track.md) "
                          "or give --actuals FILE.csv");
    return rc;
}

/* The calibration pairs (scenario, then --calibration) fitted into *fit; false: none. */
static pb_status load_fit(const track_cli *c, pb_calib_fit *fit, bool *have, pb_error *e)
{
    pb_calibration *k = NULL;
    pb_status rc = pb_calibration_load(c->scenario, &k, e);
    if (!rc && c->calibration)
        rc = pb_calibration_read_csv(k, c->calibration, e);
    *have = !rc && k->n_pairs;
    if (!rc && *have)
        rc = pb_calibration_fit(k, fit, e);
    if (!rc && !*have && c->calibrated)
        rc = pb_calibration_fit(k, fit, e); /* says there are no pairs */
    pb_calibration_free(k);
    return rc;
}

/* The scenario's text again (for the settings the loader leaves to track: sources, history). */
static pb_status read_text(const char *path, char **out, pb_error *e)
{
    FILE *f = fopen(path, "rb");
    long n = -1;
    *out = NULL;
    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (*out = calloc((size_t)n + 1, 1)) && fread(*out, 1, (size_t)n, f) == (size_t)n) {
        fclose(f);
        return PB_OK;
    }
    if (f)
        fclose(f);
    free(*out);
    *out = NULL;
    return pb_error_set(e, PB_ERR_RUN, path, 0, "cannot read the scenario again");
}

/* The re-forecast again with the estimates calibrated (milestones of source "data" kept). */
static pb_status calibrated_run(const track_cli *c, const char *text, const pb_scenario *s,
                                const pb_actuals *a, const pb_calib_fit *fit, pb_track_result **out,
                                pb_error *e)
{
    const char **sources = NULL;
    pb_scenario *cs = NULL;
    pb_status rc = pb_calibration_sources(s, text, c->scenario, &sources, e);
    if (!rc)
        rc = pb_calibration_apply(s, fit, sources, &cs, e);
    if (!rc)
        rc = pb_track_run(cs, a, &c->o, out, e);
    pb_scenario_free(cs);
    free(sources);
    return rc;
}

/* The report, on standard output or complete in the -o file. */
static int write_report(const track_cli *c, const pb_scenario *s, const pb_track_result *r,
                        const pb_track_extra *x)
{
    output out;
    pb_error e;
    if (output_open(&out, c->output))
        return 1;
    pb_report_ctx ctx = {s, "base", NULL, false};
    const char *f = c->format ? c->format : "text";
    pb_status st = !strcmp(f, "json")   ? pb_report_track_json(out.f, &ctx, r, x, &e)
                   : !strcmp(f, "html") ? pb_report_track_html(out.f, &ctx, r, x, &e)
                                        : pb_report_track_text(out.f, &ctx, r, x, &e);
    if (st)
        fail(&e);
    int rc = output_close(&out, !st);
    return st ? 1 : rc;
}

static int run(const track_cli *c)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_actuals *a = NULL;
    pb_track_result *r = NULL, *cr = NULL;
    pb_calib_fit fit;
    pb_outside out;
    char *text = NULL;
    bool have = false;
    int rc = 0;
    if (pb_scenario_load(c->scenario, &s, &e) || load_actuals(c, s, &a, &e) ||
        load_fit(c, &fit, &have, &e) || read_text(c->scenario, &text, &e) ||
        pb_outside_view(text, c->scenario, isnan(s->ask_confidence) ? 0.8 : s->ask_confidence, &out,
                        &e) ||
        pb_track_run(s, a, &c->o, &r, &e) ||
        (c->calibrated && calibrated_run(c, text, s, a, &fit, &cr, &e)))
        rc = fail(&e);
    free(text);
    if (!rc) {
        pb_track_extra x = {have ? &fit : NULL, cr, &out};
        rc = write_report(c, s, r, &x);
    }
    pb_track_result_free(cr);
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
    if (rc < 0) {
        output_input in[] = {{"the scenario", c.scenario},
                             {"the --actuals file", c.actuals},
                             {"the --calibration file", c.calibration}};
        rc = output_check(c.output, in, 3, false, c.force);
        rc = rc ? rc : run(&c);
    }
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
