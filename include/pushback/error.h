/*
 * error.h - status codes and the error record every fallible call fills.
 *
 * A pb_error holds no pointers, so it needs no release: callers keep one on
 * the stack and pass its address down. The library only fills it; printing
 * it ("pushback: FILE:LINE: MESSAGE") is the command line's job.
 */
#ifndef PUSHBACK_ERROR_H
#define PUSHBACK_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Outcomes; the CLI exits with these very numbers. */
typedef enum pb_status {
    PB_OK = 0,
    PB_ERR_RUN = 1,     /* failure while running: memory, threads, I/O on output */
    PB_ERR_USAGE = 2,   /* a bad argument: unknown option, malformed --set */
    PB_ERR_INVALID = 3, /* unreadable or invalid scenario or rulebook */
} pb_status;

typedef struct pb_error {
    pb_status code; /* PB_OK when nothing went wrong */
    int line;       /* 1-based line in 'file'; 0 when there is none */
    char file[256]; /* the file the problem is in, or "" */
    char msg[512];  /* lowercase, no final period, git style */
} pb_error;

/*
 * Clear 'err' to PB_OK with empty file and message. NULL is a no-op.
 */
void pb_error_clear(pb_error *err);

/*
 * Fill 'err' (when not NULL) with 'code', 'file' (may be NULL), 'line' and a
 * printf-style message, and return 'code' so callers can write
 * 'return pb_error_set(err, PB_ERR_INVALID, f, l, "...")'.
 */
pb_status pb_error_set(pb_error *err, pb_status code, const char *file, int line, const char *fmt,
                       ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
