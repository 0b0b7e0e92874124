/*
 * arena.h - one allocation carved into many arrays (internal).
 *
 * A workspace is laid out twice by the same function: first with no block
 * (base NULL), which only adds up the sizes, then into one zeroed block of
 * that size. Every array starts 16-byte aligned; the block is freed once.
 */
#ifndef PUSHBACK_BASE_ARENA_H
#define PUSHBACK_BASE_ARENA_H

#include <stddef.h>
#include <stdlib.h>

typedef struct pb__arena {
    char *base; /* NULL while measuring */
    size_t used;
} pb__arena;

/* Room for n objects of 'size' bytes: a pointer into the block, or NULL while measuring. */
static inline void *pb__arena_take(pb__arena *a, size_t n, size_t size)
{
    size_t at = a->used;
    a->used += (n * size + 15) & ~(size_t)15;
    return a->base ? a->base + at : NULL;
}

/* After measuring: allocate the zeroed block and start carving. False when memory runs out. */
static inline int pb__arena_open(pb__arena *a)
{
    a->base = calloc(a->used ? a->used : 1, 1);
    a->used = 0;
    return a->base != NULL;
}

#endif
