/*
 * fuzz_scenario.c - libFuzzer target: any bytes as a scenario file. A
 * scenario that loads is also compiled, simulated briefly (with detail) and
 * linted, so that odd but valid plans reach the engine too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <pushback/pushback.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gsl_set_error_handler_off();
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    pb_error e;
    pb_scenario *s = NULL;
    if (pb_scenario_parse(text, "fuzz.cfg", &s, &e) == PB_OK) {
        pb_plan *p = NULL;
        if (s->n_milestones <= 200 && pb_plan_build(s, &p, &e) == PB_OK) {
            pb_sim_opts o;
            pb_sim_opts_init(&o);
            o.iterations = 64;
            pb_result *r = NULL;
            if (pb_sim_run(p, &o, &r, &e) == PB_OK)
                pb_result_free(r);
            pb_plan_free(p);
        }
        pb_gap *g = NULL;
        size_t n = 0;
        if (pb_proposal_gaps(s, &g, &n, &e) == PB_OK)
            pb_gaps_free(g, n);
        for (size_t k = 0; k < s->n_options; k++) {
            pb_scenario *c = pb_scenario_copy(s);
            if (c && pb_scenario_apply_option(c, s->options[k].name, &e) == PB_OK)
                (void)pb_scenario_validate(c, &e);
            pb_scenario_free(c);
        }
        pb_scenario_free(s);
    }
    free(text);
    return 0;
}
