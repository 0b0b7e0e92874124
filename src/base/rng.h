/*
 * rng.h - the engine's counter-based random numbers (internal).
 *
 * Every draw is a pure function of (seed, stream key, iteration): the
 * SplitMix64 finalizer mixes the stream's key with the iteration's hash, so
 * that a block of iterations gives the same numbers on any thread, and a
 * stream keyed by an id gives the same numbers whatever else the plan holds
 * (common random numbers between options).
 */
#ifndef PUSHBACK_BASE_RNG_H
#define PUSHBACK_BASE_RNG_H

#include <stdint.h>

/* The golden-ratio increment of SplitMix64: the step between iterations' hashes. */
#define PB_RNG_GOLDEN 0x9e3779b97f4a7c15ull

/* The SplitMix64 finalizer: a bijection of 64-bit words with full avalanche. */
static inline uint64_t pb__mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* The hash of iteration i of a run seeded with key 'seedk': every stream's draw for that
   iteration is keyed by it (the run, its samples and the curve all use this one). */
static inline uint64_t pb__iter_hash(uint64_t seedk, uint64_t i)
{
    return pb__mix64(seedk + i * PB_RNG_GOLDEN);
}

/* Uniform in [2^-53, 1 - 2^-53] of stream 'key' in the iteration whose hash is h. */
static inline double pb__unif(uint64_t key, uint64_t h)
{
    return (double)(pb__mix64(key ^ h) >> 12) * 0x1p-52 + 0x1p-53;
}

#endif
