/*
 * cfgtext.h - the text handed to libconfig (1.5), made safe and exact
 * before it parses it, and plain-words messages for its syntax errors.
 * Shared by scenarios, rulebooks and --set values. Never installed.
 */
#ifndef PUSHBACK_CFGTEXT_H
#define PUSHBACK_CFGTEXT_H

#include <libconfig.h>

#include <pushback/error.h>

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

#endif
