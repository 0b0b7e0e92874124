/*
 * output.h - where a report goes: standard output, a special file written in
 * place, or a regular file replaced only when the report is complete.
 */
#ifndef PUSHBACK_CLI_OUTPUT_H
#define PUSHBACK_CLI_OUTPUT_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* How the report reaches its target. */
enum {
    OUT_STDOUT,  /* standard output (no -o, -o -, or -o naming standard output) */
    OUT_INPLACE, /* a device, FIFO or socket (or standard error), opened and written */
    OUT_RENAME,  /* a temporary file beside the target, renamed onto it when complete */
    OUT_COPY     /* a temporary file copied into a target with several hard links */
};

typedef struct output {
    FILE *f;
    int how;             /* OUT_* */
    const char *target;  /* as given */
    char path[PATH_MAX]; /* the file written: the target, or the file its symlink names */
    bool existed;        /* the target existed: keep its mode and owner */
    mode_t mode;
    uid_t uid;
    gid_t gid;
} output;

/* An input a report must not overwrite: "the scenario" and its path. */
typedef struct output_input {
    const char *what;
    const char *path; /* NULL: none; "-": standard input */
} output_input;

/*
 * Check, before any work, that 'target' may be written: it is not one of the
 * 'n' inputs (same file by device and inode, hard and symbolic links
 * included, or the same path when neither exists yet), nor standard input
 * when that is a regular file read as an input ('stdin_read'), and not a
 * read-only file unless 'force'. NULL or "-" (standard output) always may.
 * Returns 0, or 2 after printing the reason on stderr.
 */
int output_check(const char *target, const output_input *inputs, size_t n, bool stdin_read,
                 bool force);

/*
 * Open 'target' for a report (NULL or "-": standard output). Returns 0, or 1
 * after printing the reason on stderr.
 */
int output_open(output *out, const char *target);

/*
 * Finish the report: 'ok' true puts it in place (rename or copy), false
 * throws the temporary file away. Returns 0, or 1 after printing why the
 * target could not be written.
 */
int output_close(output *out, bool ok);

/*
 * Remove the temporary file of the report being written, if any; true when
 * there was one. Safe in a signal handler (it only calls unlink on a static
 * path).
 */
bool output_abandon(void);

#endif
