/*
 * fuzz_edit.c - libFuzzer target: any bytes as command-line edits of a
 * small fixed scenario. Each line is one edit: "PATH=VALUE" is a --set,
 * "option NAME" an --option, anything else a --drop of that id. They are
 * applied as the CLI applies them (option, then the sets validated together,
 * then the drops), and a scenario that survives is compiled and simulated
 * for 64 iterations, and so is each of its options applied on top (as
 * compare runs them, after whatever the edits dropped).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <pushback/pushback.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_EDITS 32

static pb_scenario *fixed;

static const char *SCENARIO =
    "version = 1; team = ( { role = \"ml\"; people = 2; rate = 100.0; },"
    "{ role = \"data\"; people = 1; rate = 50.0; } ); overhead = 0.1;"
    "milestones = ( { id = \"a\"; role = \"ml\"; effort = [2.0, 3.0, 6.0]; people = [1, 2]; },"
    "{ id = \"b\"; after = [\"a\"]; role = \"data\"; effort = 1.0; optional = true; value = 1.0;"
    "  needs = { gpu = [1.0, 2.0, 3.0]; }; },"
    "{ id = \"c\"; after = [\"a\"]; duration = { dist = \"lognormal\"; p10 = 1.0; p90 = 3.0; }; } );"
    "resources = ( { id = \"gpu\"; cost = 2.0; } );"
    "risks = ( { id = \"r\"; probability = 0.3; milestone = \"a\"; delay = [1.0, 2.0, 3.0]; } );"
    "correlation = { shared = [0.9, 1.0, 1.2]; groups = ( { milestones = [\"a\", \"c\"]; rho = "
    "0.5; } ); };"
    "ask = { deadline = 8.0; budget = 5000.0; };"
    "options = ( { name = \"lean\"; team = { ml = 1; }; patch = ( { milestone = \"c\"; duration = "
    "2.0; } ); }, { name = \"no-b\"; drop = [\"b\"]; } );";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    pb_error e;
    if (pb_scenario_parse(SCENARIO, "s.cfg", &fixed, &e) != PB_OK)
        abort(); /* the fixed scenario must load */
    return 0;
}

/* Apply the edits in lines[0..n) to s as the command line would. */
static pb_status apply(pb_scenario *s, char **lines, size_t n, pb_error *e)
{
    const char *sets[MAX_EDITS];
    size_t n_sets = 0;
    pb_status rc = PB_OK;
    for (size_t i = 0; i < n && !rc; i++)
        if (!strncmp(lines[i], "option ", 7))
            rc = pb_scenario_apply_option(s, lines[i] + 7, e);
    for (size_t i = 0; i < n; i++)
        if (strncmp(lines[i], "option ", 7) && strchr(lines[i], '='))
            sets[n_sets++] = lines[i];
    if (!rc)
        rc = pb_scenario_set_args(s, sets, n_sets, e);
    for (size_t i = 0; i < n && !rc; i++)
        if (strncmp(lines[i], "option ", 7) && !strchr(lines[i], '='))
            rc = pb_scenario_drop(s, lines[i], e);
    return rc;
}

static void simulate(const pb_scenario *s)
{
    pb_error e;
    pb_plan *p = NULL;
    if (pb_plan_build(s, &p, &e) != PB_OK)
        return;
    pb_sim_opts o;
    pb_sim_opts_init(&o);
    o.iterations = 64;
    pb_result *r = NULL;
    if (pb_sim_run(p, &o, &r, &e) == PB_OK)
        pb_result_free(r);
    pb_plan_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *lines[MAX_EDITS];
    size_t n = 0;
    for (char *p = text; *p && n < MAX_EDITS;) {
        char *end = strchr(p, '\n');
        if (end)
            *end = '\0';
        lines[n++] = p;
        if (!end)
            break;
        p = end + 1;
    }
    pb_scenario *s = pb_scenario_copy(fixed);
    pb_error e;
    if (s && apply(s, lines, n, &e) == PB_OK && pb_scenario_validate(s, &e) == PB_OK) {
        simulate(s);
        /* as compare does: every option on top of the edits, whatever they dropped */
        for (size_t k = 0; k < s->n_options; k++) {
            char what[256];
            (void)pb_scenario_option_skips(s, s->options[k].name, what, sizeof what);
            pb_scenario *c = pb_scenario_copy(s);
            if (c && pb_scenario_apply_option(c, s->options[k].name, &e) == PB_OK &&
                pb_scenario_validate(c, &e) == PB_OK)
                simulate(c);
            pb_scenario_free(c);
        }
    }
    pb_scenario_free(s);
    free(text);
    return 0;
}
