/*
 * scenario_stream.c - a scenario read from a stream (standard input).
 *
 * 'pushback simulate - < plan.cfg' and 'generate | pushback check -' read
 * the scenario from a pipe, which has no size to check beforehand: the
 * stream is read in chunks up to the file limit plus one byte, so that an
 * endless or oversized input is refused without reading it all, and a NUL
 * byte is refused with its line, as for a file.
 */
#include <stdlib.h>
#include <string.h>

#include "pushback/scenario.h"

#define MAX_STREAM_BYTES (64u << 20) /* the limit of a scenario file (scenario.c) */

/* Read all of f, at most 'max' bytes; *n is the length. PB_ERR_INVALID when longer. */
static pb_status slurp(FILE *f, const char *name, size_t max, char **out, size_t *n, pb_error *err)
{
    size_t cap = 65536, len = 0;
    char *text = malloc(cap);
    while (text) {
        if (len + 1 >= cap) {
            size_t grown = 2 * cap < max + 2 ? 2 * cap : max + 2;
            char *t = realloc(text, grown);
            if (!t)
                break;
            text = t;
            cap = grown;
        }
        size_t k = fread(text + len, 1, cap - 1 - len, f);
        len += k;
        if (len > max) {
            free(text);
            return pb_error_set(err, PB_ERR_INVALID, name, 0,
                                "is more than %u MiB; a scenario is limited to %u MiB",
                                (unsigned)(max >> 20), (unsigned)(max >> 20));
        }
        if (k == 0) {
            if (ferror(f)) {
                free(text);
                return pb_error_set(err, PB_ERR_INVALID, name, 0,
                                    "cannot read scenario: read error");
            }
            text[len] = '\0';
            *out = text;
            *n = len;
            return PB_OK;
        }
    }
    free(text);
    return pb_error_set(err, PB_ERR_RUN, name, 0, "out of memory");
}

pb_status pb_scenario_read(FILE *f, const char *name, pb_scenario **out, pb_error *err)
{
    *out = NULL;
    pb_error_clear(err);
    char *text = NULL;
    size_t n = 0;
    pb_status rc = slurp(f, name, MAX_STREAM_BYTES, &text, &n, err);
    if (rc)
        return rc;
    const char *nul = memchr(text, '\0', n);
    if (nul) {
        int line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        free(text);
        return pb_error_set(err, PB_ERR_INVALID, name, line,
                            "holds a NUL byte: not a text scenario file");
    }
    rc = pb_scenario_parse(text, name, out, err);
    free(text);
    return rc;
}
