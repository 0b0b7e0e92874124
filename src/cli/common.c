/*
 * common.c - what every command of the command line shares (common.h).
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>

void cli_print_error(const pb_error *e)
{
    fputs("pushback: ", stderr);
    if (e->file[0]) {
        pb_text_put(stderr, e->file, PB_ESCAPE_TEXT);
        if (e->line > 0)
            fprintf(stderr, ":%d", e->line);
        fputs(": ", stderr);
    }
    pb_text_put(stderr, e->msg, PB_ESCAPE_TEXT);
    fputc('\n', stderr);
}

bool cli_push(const char ***v, size_t *n, const char *s)
{
    const char **w = realloc(*v, (*n + 1) * sizeof *w);
    if (!w)
        return false;
    w[(*n)++] = s;
    *v = w;
    return true;
}
