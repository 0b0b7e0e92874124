/*
 * common.c - what every command of the command line shares (common.h).
 */
#include "common.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

int cli_fail(const pb_error *e)
{
    cli_print_error(e);
    return e->code ? (int)e->code : 1;
}

int cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pushback: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\npushback: try 'pushback %s%s--help'\n", command ? command : "",
            command ? " " : "");
    return 2;
}

bool cli_real(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool cli_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

unsigned cli_default_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
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
