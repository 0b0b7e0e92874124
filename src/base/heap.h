/*
 * heap.h - one binary heap of indices for the engine (internal).
 *
 * The heap is an array of size_t the caller owns, with its length; the
 * order is the caller's 'before(ctx, a, b)' (true when a must come out
 * before b), which must be a strict total order for the output to be
 * deterministic. The functions are static inline so that a constant
 * 'before' is inlined into the caller's loop: plan.c orders ready
 * milestones by file index, the scheduler running ones by finish and ready
 * ones by priority.
 */
#ifndef PUSHBACK_BASE_HEAP_H
#define PUSHBACK_BASE_HEAP_H

#include <stdbool.h>
#include <stddef.h>

typedef bool (*pb__heap_before)(const void *ctx, size_t a, size_t b);

/* Add v to the heap h[0 .. *n), which has room for one more. */
static inline void pb__heap_push(size_t *h, size_t *n, size_t v, pb__heap_before before,
                                 const void *ctx)
{
    size_t i = (*n)++;
    while (i) {
        size_t up = (i - 1) / 2;
        if (!before(ctx, v, h[up]))
            break;
        h[i] = h[up];
        i = up;
    }
    h[i] = v;
}

/* Remove and return the first of the heap h[0 .. *n), *n >= 1. */
static inline size_t pb__heap_pop(size_t *h, size_t *n, pb__heap_before before, const void *ctx)
{
    size_t top = h[0], last = h[--*n], i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && before(ctx, h[c + 1], h[c]))
            c++;
        if (!before(ctx, h[c], last))
            break;
        h[i] = h[c];
        i = c;
    }
    if (*n)
        h[i] = last;
    return top;
}

#endif
