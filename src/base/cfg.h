/*
 * cfg.h - the one set of libconfig helpers shared by every loader
 * (scenario, rulebook, calendar, metric, tracking and calibration files):
 * where a setting comes from, errors naming file and line, the key check
 * with a "did you mean" suggestion, typed getters that check the range
 * where a value is read, file reading, and the text handed to libconfig
 * made safe before it parses it (cfg_text.c). Never installed.
 */
#ifndef PUSHBACK_BASE_CFG_H
#define PUSHBACK_BASE_CFG_H

#include <stdbool.h>
#include <stddef.h>

#include <libconfig.h>

#include <pushback/error.h>

/* Limits (README, "Limits"): refused with a message, never a crash or an overflow. */
#define PB__MAX_FILE_BYTES (64u << 20)
#define PB__MAX_VALUE      1e15   /* any number: sums of products of them stay finite */
#define PB__MAX_LOG_SPREAD 1e6    /* lognormal p90 / p10 */
#define PB__MAX_ITEMS      100000 /* milestones, risks, resources, history entries */
#define PB__MAX_SMALL      1000   /* roles, options, groups, 'after' entries of one milestone */
#define PB__MAX_STRING     4096   /* characters of a text */
#define PB__MAX_ID         128    /* characters of an id */

/* Where a setting comes from, for messages: a file, or "--set" with no line. */
typedef struct pb__origin {
    const char *file;
    int line;       /* used when the setting itself has no line (a --set fragment) */
    pb_status code; /* PB_ERR_INVALID for files, PB_ERR_USAGE for --set */
    pb_error *err;
    bool fragment; /* settings were parsed from a value text: their lines mean nothing */
} pb__origin;

/* Fill o->err for setting st (its line, or o->line) and return o->code. */
pb_status pb__bad(const pb__origin *o, const config_setting_t *st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The source line of st, or 0 when st is NULL. */
int pb__cfg_line(const config_setting_t *st);
/* "an integer", "a string", ... for messages. */
const char *pb__cfg_type_name(const config_setting_t *st);
/* Is st an INT, INT64 or FLOAT? */
bool pb__cfg_is_number(const config_setting_t *st);
/* The value of a number setting as a double. */
double pb__cfg_number_of(const config_setting_t *st);

/* A copy of s (free it), NULL for NULL or when memory runs out. */
char *pb__strdup(const char *s);
/* Closest of names[0..n) to 'word' (edit distance <= max(1, len/3)), or NULL. */
const char *pb__suggest(const char *word, const char *const *names, size_t n);
/* Refuse members of 'group' not in allowed[] (NULL-terminated), with a suggestion. */
pb_status pb__cfg_check_keys(const pb__origin *o, const config_setting_t *group, const char *where,
                             const char *const *allowed);

/* A real number: INT, INT64 or FLOAT, finite, and >= lo. */
pb_status pb__number(const pb__origin *o, const config_setting_t *st, const char *what, double lo,
                     double *out);
/* A whole number in [lo, hi]. */
pb_status pb__int(const pb__origin *o, const config_setting_t *st, const char *what, int lo, int hi,
                  int *out);
/* A UTF-8 string of at most PB__MAX_STRING characters (nonempty when asked) into *out (replaced).
 */
pb_status pb__cfg_string(const pb__origin *o, const config_setting_t *st, const char *what,
                         bool nonempty, char **out);
/* true or false. */
pb_status pb__cfg_bool(const pb__origin *o, const config_setting_t *st, const char *what,
                       bool *out);
/* An id: letters, digits, '_' and '-', at most PB__MAX_ID characters. */
pb_status pb__cfg_id(const pb__origin *o, const config_setting_t *st, const char *what, char **out);
/* A list or array of ids (a lone string is a list of one) into *out, *n_out (replaced). */
pb_status pb__cfg_ids(const pb__origin *o, const config_setting_t *st, const char *what,
                      char ***out, size_t *n_out);

/*
 * Read the text file 'path' (a 'what': "scenario", "rulebook") into *out (free),
 * refusing directories, non-regular files, files over 64 MiB and NUL bytes
 * with PB_ERR_INVALID and a message naming the file.
 */
pb_status pb__read_text_file(const char *path, const char *what, char **out, pb_error *err);

/*
 * A copy of 'text' (*out, free it) that libconfig reads as the user meant,
 * in one linear pass that never changes strings or comments and keeps every
 * line on its line:
 *   - a UTF-8 byte-order mark at the start is dropped;
 *   - a lone carriage return (old Mac line ends) becomes a line feed;
 *   - a whole number libconfig would wrap (beyond 32 bits, decimal or hex)
 *     becomes a real ("5000000000" -> "5000000000.0"), so it is read exactly
 *     or refused by the range checks, never wrapped;
 *   - in an array that mixes whole numbers and reals, the whole numbers
 *     become reals, so that [2, 3.5, 6] reads like [2.0, 3.5, 6.0].
 * An '@include' line is refused (PB_ERR_INVALID, 'file' and its line):
 * included files would escape the size, NUL and UTF-8 checks and the hash.
 * PB_ERR_RUN when memory runs out.
 */
pb_status pb__cfg_prepare(const char *text, const char *file, char **out, pb_error *err);

/*
 * Parse prepared 'text' into 'cfg' (initialised by the caller). On a syntax
 * error fill 'err' (PB_ERR_INVALID, 'file', a line) with libconfig's
 * complaint in plain words: an array of groups, a missing or extra ',', and
 * mixed numbers get a message of their own.
 */
pb_status pb__cfg_read(config_t *cfg, const char *text, const char *file, pb_error *err);

/*
 * Prepare and parse 'text' (named 'name' in messages) and call fn on its
 * root setting with an origin for 'name' and ctx; the tree is destroyed
 * before returning, so fn copies out what it keeps.
 */
typedef pb_status (*pb__cfg_root_fn)(const pb__origin *o, const config_setting_t *root, void *ctx);
pb_status pb__cfg_parse(const char *text, const char *name, pb_error *err, pb__cfg_root_fn fn,
                        void *ctx);

#endif
