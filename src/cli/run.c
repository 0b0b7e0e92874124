/*
 * run.c - what the commands of the common parser share (run.h): the
 * interrupt flag, the scenario and rulebook with the command line's edits,
 * the guard against overwriting an input, and reports written through
 * output.c, complete or not at all.
 */
#include "run.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <pushback/rehearsal.h>

#include "common.h"
#include "default_rulebook.h"
#include "output.h"
#include "rehearse.h"

volatile sig_atomic_t cli_interrupted;

int cli_out_of_memory(void)
{
    fprintf(stderr, "pushback: out of memory\n");
    return 1;
}

pb_status cli_scenario_open(const cli_opts *o, pb_scenario **s, pb_error *e)
{
    if (strcmp(o->scenario, "-"))
        return pb_scenario_load(o->scenario, s, e);
    return pb_scenario_read(stdin, "<stdin>", s, e);
}

/* compare and brief run every option: say what of them --drop made moot. */
static void note_dropped(const cli_opts *o, const pb_scenario *s)
{
    if (!o->n_drops || o->quiet || !strcmp(o->command, "seek") || !strcmp(o->command, "simulate"))
        return;
    for (size_t i = 0; i < s->n_options; i++) {
        char what[512];
        if (pb_scenario_option_skips(s, s->options[i].name, what, sizeof what))
            fprintf(stderr,
                    "pushback: note: option '%s' %s, dropped already; that part is skipped\n",
                    s->options[i].name, what);
    }
}

int cli_load_scenario(const cli_opts *o, pb_scenario **out)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_status rc = cli_scenario_open(o, &s, &e);
    if (!rc && o->option)
        rc = pb_scenario_apply_option(s, o->option, &e);
    if (!rc)
        rc = pb_scenario_set_args(s, o->sets, o->n_sets, &e);
    for (size_t i = 0; !rc && i < o->n_drops; i++)
        rc = pb_scenario_drop(s, o->drops[i], &e);
    if (rc) {
        cli_print_error(&e);
        if (rc == PB_ERR_USAGE)
            fprintf(stderr, "pushback: try 'pushback %s --help'\n", o->command);
        pb_scenario_free(s);
        return rc;
    }
    note_dropped(o, s);
    *out = s;
    return 0;
}

pb_status cli_load_rulebook(const cli_opts *o, const pb_scenario *s, pb_rulebook **rb, char *name,
                            size_t cap, pb_error *e)
{
    bool rehearse = !strcmp(o->command, "rehearse");
    if (rehearse && !o->rulebook && (o->persona || !s->rulebook)) {
        const char *persona = o->persona ? o->persona : "product",
                   *text = rehearse_persona(persona);
        snprintf(name, cap, "persona %s", persona);
        if (!text)
            return pb_error_set(e, PB_ERR_USAGE, NULL, 0,
                                "unknown persona '%s' (personas: product, finance, techlead)",
                                persona);
        return pb_rulebook_parse(text, name, s, rb, e);
    }
    if (o->rulebook || s->rulebook) {
        const char *slash = strrchr(o->scenario, '/');
        if (o->rulebook)
            snprintf(name, cap, "%s", o->rulebook);
        else if (s->rulebook[0] == '/' || !slash)
            snprintf(name, cap, "%s", s->rulebook);
        else
            snprintf(name, cap, "%.*s/%s", (int)(slash - o->scenario), o->scenario, s->rulebook);
        pb_status st = pb_rulebook_load(name, s, rb, e);
        size_t n = st ? 0 : pb_rulebook_n_default_words(*rb);
        char kinds[400] = ""; /* the kinds worded by the built-in words, said once */
        for (size_t k = 0; k < n; k++)
            snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s", k ? ", " : "",
                     pb_rulebook_default_words(*rb, k));
        if (n)
            fprintf(stderr,
                    "pushback: warning: rulebook '%s' has no offer_words for %s: using the "
                    "built-in words\n",
                    name, kinds);
        return st;
    }
    snprintf(name, cap, "%s", PB_CLI_DEFAULT_RULEBOOK_NAME);
    return pb_rulebook_parse((const char *)pb_cli_default_rulebook, name, s, rb, e);
}

int cli_guard_output(const cli_opts *o, const char *target, const char *rulebook, bool reads_stdin)
{
    output_input in[] = {{"the scenario", o->scenario},
                         {"the rulebook", rulebook},
                         {"the --samples file", target == o->samples ? NULL : o->samples},
                         {"the report (-o)", target == o->output ? NULL : o->output},
                         {"the --actuals file", o->actuals},
                         {"the --calibration file", o->calibration}};
    return output_check(target, in, 6, reads_stdin || !strcmp(o->scenario, "-"), o->force);
}

void cli_sim_opts(const cli_opts *o, pb_sim_opts *so)
{
    pb_sim_opts_init(so);
    so->iterations = o->iterations;
    if (o->max_iterations)
        so->max_iterations = o->max_iterations;
    so->seed = o->seed;
    so->threads = o->threads;
    so->detail = !o->no_detail;
    so->cancel = (volatile const int *)&cli_interrupted;
}

int cli_write_report(const char *target, cli_writer w, const pb_report_ctx *ctx, const void *what,
                     bool keep)
{
    output out;
    pb_error e;
    if (!keep && target && strcmp(target, "-"))
        return 1; /* an interrupted run writes no file */
    if (output_open(&out, target))
        return 1;
    pb_status st = w(out.f, ctx, what, &e);
    if (st && !ferror(out.f))
        cli_print_error(&e); /* a write error is named with the file by output_close */
    return output_close(&out, !st && keep && !cli_interrupted);
}

static void brief_opts(const cli_opts *o, pb_brief_opts *bo)
{
    pb_brief_opts_init(bo);
    if (o->iterations)
        bo->iterations = o->iterations;
    else if (!strcmp(o->command, "rehearse")) /* the session's deals and the brief: one count */
        bo->iterations = PB_REHEARSAL_ITERATIONS;
    bo->seed = o->seed;
    bo->threads = o->threads;
    bo->cancel = (volatile const int *)&cli_interrupted;
    bo->actuals = !strcmp(o->command, "brief"); /* the re-forecast; rehearse keeps the plan */
    bo->actuals_csv = o->actuals;
    bo->as_of = o->as_of;
    bo->calibration_csv = o->calibration;
}

int cli_make_brief(const cli_opts *o, const char *target, pb_scenario **s, pb_rulebook **rb,
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
    bool from_file = (o->rulebook || (*s)->rulebook) && strncmp(path, "persona ", 8);
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
