/*
 * fuzz_import.c - libFuzzer target: any bytes as a task list. The first
 * byte picks the format (CSV detected, TSV or mcprojsim YAML) and the unit;
 * the rest is the file. Whatever is imported must write a scenario that
 * loads: an import that check would refuse aborts the run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <pushback/import.h>
#include <pushback/pushback.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gsl_set_error_handler_off();
    if (size < 1)
        return 0;
    pb_import_opts o = {(pb_import_from)(data[0] % 4), (pb_import_unit)(data[0] / 4 % 4)};
    pb_import *imp = NULL;
    pb_error e;
    if (pb_import_parse((const char *)data + 1, size - 1, "fuzz.csv", &o, &imp, &e) != PB_OK)
        return 0;
    char *text = NULL;
    if (pb_import_to_string(imp, &text, &e) == PB_OK) {
        pb_scenario *s = NULL;
        if (pb_scenario_parse(text, "out.cfg", &s, &e) != PB_OK) {
            fprintf(stderr, "imported scenario refused: %d: %s\n%s\n", e.line, e.msg, text);
            abort();
        }
        pb_scenario_free(s);
    }
    free(text);
    pb_import_free(imp);
    return 0;
}
