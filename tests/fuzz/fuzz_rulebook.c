/*
 * fuzz_rulebook.c - libFuzzer target: any bytes as a rulebook, compiled
 * against a small fixed scenario with options and roles.
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
    "version = 1; team = ( { role = \"ml\"; people = 2; } );"
    "milestones = ( { id = \"a\"; role = \"ml\"; effort = [2.0, 3.0, 6.0]; },"
    "{ id = \"b\"; after = [\"a\"]; duration = 1.0; optional = true; value = 1.0; } );"
    "options = ( { name = \"in-house\"; team = { ml = 1; }; } );";

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
    const pb_scenario *s = fixed;
    char *text = malloc(size + 1);
    if (text) {
        memcpy(text, data, size);
        text[size] = '\0';
        pb_rulebook *rb = NULL;
        if (pb_rulebook_parse(text, "fuzz.cfg", s, &rb, &e) == PB_OK)
            pb_rulebook_free(rb);
        free(text);
    }
    return 0;
}
