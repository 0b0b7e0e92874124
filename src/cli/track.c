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

#include "commands.h"
#include "common.h"
#include "output.h"
#include "ownparse.h"

typedef struct track_cli {
    pb_sim_opts o;
    const char *actuals, *as_of, *calibration, *scenario, *output;
    int format; /* FORMAT_* */
    bool calibrated, force;
} track_cli;

static int one_option(void *ctx, int ch, const char *arg)
{
    track_cli *c = ctx;
    cli_run_values run = {&c->o.iterations, &c->o.seed, &c->o.threads, &c->format};
    int rc = cli_run_flag("track", ch, arg, &run);
    if (rc != CLI_FLAG_OTHER)
        return rc;
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
    case 'o':
        c->output = arg;
        return -1;
    case 'F':
        c->force = true;
        return -1;
    default:
        return cli_usage("track", "%s", "unknown option");
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
    int rc = cli_getopt_loop("track", argc, argv, ":hn:s:t:f:o:", opts, one_option, c);
    if (rc >= 0)
        return rc;
    return cli_one_operand("track", argc, argv, &c->scenario);
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
    cli_tracked t = {r, x};
    pb_status st = cli_writer_find("track", c->format)(out.f, &ctx, &t, &e);
    if (st)
        cli_fail(&e);
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
        rc = cli_fail(&e);
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
    c.o.threads = cli_default_threads();
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
