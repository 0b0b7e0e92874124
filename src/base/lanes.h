/*
 * lanes.h - two doubles at a time (internal).
 *
 * The engine's row loops (the forward pass, the critical flags, the moments
 * and codes of a milestone's rows) work on pairs: two iterations of a row,
 * or one iteration's duration and finish. Each lane does exactly what the
 * scalar expression named beside each operation does (the same rounding,
 * the same result for NaN), so the bits are those of the scalar loop. With
 * SSE2 (every x86-64) a pair is one register; elsewhere it is two doubles.
 */
#ifndef PUSHBACK_BASE_LANES_H
#define PUSHBACK_BASE_LANES_H

#ifdef __SSE2__
#include <emmintrin.h>

typedef __m128d pb__v2;

/* {p[0], p[1]} */
static inline pb__v2 pb__v2_load(const double *p)
{
    return _mm_loadu_pd(p);
}

/* {a, b} */
static inline pb__v2 pb__v2_pair(double a, double b)
{
    return _mm_set_pd(b, a);
}

static inline void pb__v2_store(double *p, pb__v2 v)
{
    _mm_storeu_pd(p, v);
}

/* lane j (0 or 1) */
static inline double pb__v2_lane(pb__v2 v, int j)
{
    return j ? _mm_cvtsd_f64(_mm_unpackhi_pd(v, v)) : _mm_cvtsd_f64(v);
}

static inline pb__v2 pb__v2_add(pb__v2 a, pb__v2 b)
{
    return _mm_add_pd(a, b);
}

static inline pb__v2 pb__v2_sub(pb__v2 a, pb__v2 b)
{
    return _mm_sub_pd(a, b);
}

static inline pb__v2 pb__v2_mul(pb__v2 a, pb__v2 b)
{
    return _mm_mul_pd(a, b);
}

/* a > b ? a : b, per lane */
static inline pb__v2 pb__v2_max(pb__v2 a, pb__v2 b)
{
    return _mm_max_pd(a, b);
}

/* a < b ? a : b, per lane */
static inline pb__v2 pb__v2_min(pb__v2 a, pb__v2 b)
{
    return _mm_min_pd(a, b);
}

/* bit j set when a[j] >= b[j] (false for NaN) */
static inline int pb__v2_ge(pb__v2 a, pb__v2 b)
{
    return _mm_movemask_pd(_mm_cmpge_pd(a, b));
}

/* (int)v[0] and (int)v[1], for lanes within the range of int */
static inline void pb__v2_int(pb__v2 v, int out[2])
{
    __m128i x = _mm_cvttpd_epi32(v);
    out[0] = _mm_cvtsi128_si32(x);
    out[1] = _mm_cvtsi128_si32(_mm_srli_si128(x, 4));
}

#else

typedef struct pb__v2 {
    double x[2];
} pb__v2;

static inline pb__v2 pb__v2_load(const double *p)
{
    pb__v2 v = {{p[0], p[1]}};
    return v;
}

static inline pb__v2 pb__v2_pair(double a, double b)
{
    pb__v2 v = {{a, b}};
    return v;
}

static inline void pb__v2_store(double *p, pb__v2 v)
{
    p[0] = v.x[0];
    p[1] = v.x[1];
}

static inline double pb__v2_lane(pb__v2 v, int j)
{
    return v.x[j];
}

static inline pb__v2 pb__v2_add(pb__v2 a, pb__v2 b)
{
    return pb__v2_pair(a.x[0] + b.x[0], a.x[1] + b.x[1]);
}

static inline pb__v2 pb__v2_sub(pb__v2 a, pb__v2 b)
{
    return pb__v2_pair(a.x[0] - b.x[0], a.x[1] - b.x[1]);
}

static inline pb__v2 pb__v2_mul(pb__v2 a, pb__v2 b)
{
    return pb__v2_pair(a.x[0] * b.x[0], a.x[1] * b.x[1]);
}

static inline pb__v2 pb__v2_max(pb__v2 a, pb__v2 b)
{
    return pb__v2_pair(a.x[0] > b.x[0] ? a.x[0] : b.x[0], a.x[1] > b.x[1] ? a.x[1] : b.x[1]);
}

static inline pb__v2 pb__v2_min(pb__v2 a, pb__v2 b)
{
    return pb__v2_pair(a.x[0] < b.x[0] ? a.x[0] : b.x[0], a.x[1] < b.x[1] ? a.x[1] : b.x[1]);
}

static inline int pb__v2_ge(pb__v2 a, pb__v2 b)
{
    return (a.x[0] >= b.x[0]) | (a.x[1] >= b.x[1]) << 1;
}

static inline void pb__v2_int(pb__v2 v, int out[2])
{
    out[0] = (int)v.x[0];
    out[1] = (int)v.x[1];
}

#endif

/* a pair of the same value */
static inline pb__v2 pb__v2_set(double a)
{
    return pb__v2_pair(a, a);
}

#endif
