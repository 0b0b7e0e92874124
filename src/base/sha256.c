/*
 * sha256.c - SHA-256 of a scenario's bytes through libmd (<sha2.h>), the
 * BSD message-digest library Debian ships as libmd-dev: one well-kept
 * implementation rather than one of our own.
 */
#include "sha256.h"

#include <sha2.h>
#include <stdint.h>

void pb__sha256_hex(const void *data, size_t n, char hex[65])
{
    SHA256Data((const uint8_t *)data, n, hex); /* lowercase hex and a NUL: 65 bytes */
}
