/*
 * fuzz_brief.c - libFuzzer target: any bytes as a rulebook, as in
 * fuzz_rulebook.c, and a rulebook that loads is then run by the brief (64
 * iterations) against a small fixed scenario with history, a manager,
 * options, a risk and an optional milestone, so that what-ifs, templates and
 * offers are evaluated, not only compiled.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <pushback/pushback.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Loaded once: the fuzzer is one process, and the scenario is not what it tests. */
static pb_scenario *fixed;

static const char *SCENARIO =
    "version = 1; team = ( { role = \"ml\"; people = 2; rate = 100.0; } );"
    "milestones = ( { id = \"a\"; role = \"ml\"; effort = [2.0, 3.0, 6.0]; people = [1, 2]; },"
    "{ id = \"b\"; after = [\"a\"]; duration = 1.0; optional = true; value = 1.0; },"
    "{ id = \"c\"; after = [\"a\"]; duration = [1.0, 2.0, 4.0]; deliverable = true; } );"
    "risks = ( { id = \"r\"; probability = 0.3; milestone = \"a\"; delay = [1.0, 2.0, 3.0]; } );"
    "ask = { deadline = 8.0; budget = 5000.0; };"
    "manager = { deadline = 5.0; people = 1; };"
    "history = ( { name = \"old\"; duration = 4.0; people = 1; size = 0.5; } );"
    "options = ( { name = \"in-house\"; team = { ml = 1; }; },"
    "{ name = \"no-b\"; drop = [\"b\"]; } );";

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_error e;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    pb_rulebook *rb = NULL;
    if (pb_rulebook_parse(text, "fuzz.cfg", fixed, &rb, &e) == PB_OK) {
        pb_brief_opts o;
        pb_brief_opts_init(&o);
        o.iterations = 64;
        o.threads = 1;
        pb_brief *b = NULL;
        if (pb_brief_run(fixed, rb, &o, &b, &e) == PB_OK)
            pb_brief_free(b);
        pb_rulebook_free(rb);
    }
    free(text);
    return 0;
}
