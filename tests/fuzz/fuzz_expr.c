/*
 * fuzz_expr.c - libFuzzer target: any bytes as an expression, compiled and
 * evaluated against a small table of names (one without a value).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/expr.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const NAMES[] = {
    "sim.p80",           "sim.p50",   "ask.deadline", "manager.deadline", "option.in_house.d_p80",
    "whatif.p_deadline", "none.value"};
static const double VALUES[] = {25.7, 21.8, 26.0, 17.0, 5.5, 0.04, 0.0};

static bool known(void *ctx, const char *name)
{
    (void)ctx;
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (!strcmp(NAMES[i], name))
            return true;
    return false;
}

static bool value(void *ctx, const char *name, double *out)
{
    (void)ctx;
    for (size_t i = 0; i + 1 < sizeof NAMES / sizeof *NAMES; i++)
        if (!strcmp(NAMES[i], name)) {
            *out = VALUES[i];
            return true;
        }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    pb_names names = {known, value, NULL, NULL};
    pb_expr *x = NULL;
    pb_error e;
    int col;
    if (pb_expr_compile(text, &names, &x, &col, &e) == PB_OK) {
        double v;
        if (pb_expr_eval(x, &names, &v, &e) == PB_OK && !isfinite(v))
            abort(); /* evaluation promises finite values */
        pb_expr_free(x);
    }
    free(text);
    return 0;
}
