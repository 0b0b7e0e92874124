/*
 * fuzz_template.c - libFuzzer target: any bytes as a template, compiled and
 * rendered with every format context (with and without a start date).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pushback/expr.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool known(void *ctx, const char *name)
{
    (void)ctx;
    return !strcmp(name, "sim.p80") || !strcmp(name, "sim.name") || !strcmp(name, "x.big") ||
           !strcmp(name, "x.none");
}

static bool value(void *ctx, const char *name, double *out)
{
    (void)ctx;
    if (!strcmp(name, "sim.p80"))
        *out = 25.7;
    else if (!strcmp(name, "x.big"))
        *out = 1e300;
    else
        return false;
    return true;
}

static bool text(void *ctx, const char *name, const char **out)
{
    (void)ctx;
    if (strcmp(name, "sim.name"))
        return false;
    *out = "Forward-collision <warning> & \"co\"";
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *src = malloc(size + 1);
    if (!src)
        return 0;
    memcpy(src, data, size);
    src[size] = '\0';
    pb_names names = {known, value, NULL, text};
    pb_template *t = NULL;
    pb_error e;
    int col;
    if (pb_template_compile(src, &names, &t, &col, &e) == PB_OK) {
        pb_format_ctx with = {"weeks", "USD", "2027-01-04"}, without = {"months", "EUR", NULL};
        char *out = NULL;
        if (pb_template_render(t, &names, &with, &out, &e) == PB_OK)
            free(out);
        out = NULL;
        if (pb_template_render(t, &names, &without, &out, &e) == PB_OK)
            free(out);
        pb_template_free(t);
    }
    free(src);
    return 0;
}
