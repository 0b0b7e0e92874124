/*
 * error.c - filling pb_error records.
 *
 * Messages are truncated, never overflowed: both buffers are fixed size so
 * that an error can be carried by value without ownership questions.
 */
#include "pushback/error.h"

#include <stdio.h>
#include <string.h>

void pb_error_clear(pb_error *err)
{
    if (!err)
        return;
    err->code = PB_OK;
    err->line = 0;
    err->file[0] = '\0';
    err->msg[0] = '\0';
}

pb_status pb_error_set(pb_error *err, pb_status code, const char *file, int line, const char *fmt,
                       ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line > 0 ? line : 0;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}
