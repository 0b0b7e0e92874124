/*
 * sha256.h - SHA-256 of a byte buffer (internal), so that every report can
 * name the exact scenario bytes it came from.
 */
#ifndef PUSHBACK_SHA256_H
#define PUSHBACK_SHA256_H

#include <stddef.h>

/* Write the lowercase hex digest of data[0..n) into hex (65 bytes with NUL). */
void pb__sha256_hex(const void *data, size_t n, char hex[65]);

#endif
