/*
 * idmap.h - string id to index map (internal): open addressing over
 * borrowed keys, so that references in large plans resolve in O(1).
 */
#ifndef PUSHBACK_IDMAP_H
#define PUSHBACK_IDMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pb__idmap {
    const char **keys; /* borrowed: the caller keeps them alive */
    size_t *vals;
    size_t cap; /* power of two, or 0 */
} pb__idmap;

/* Make room for n keys. Returns false when memory runs out. */
bool pb__idmap_init(pb__idmap *m, size_t n);
void pb__idmap_release(pb__idmap *m);
/* Insert key -> val. Returns false if the key is already present (val untouched). */
bool pb__idmap_put(pb__idmap *m, const char *key, size_t val);
/* Look key up: true and *val when present. key may be NULL (absent). */
bool pb__idmap_get(const pb__idmap *m, const char *key, size_t *val);

#endif
