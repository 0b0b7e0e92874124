/*
 * format.c - see format.h. The date functions are Howard Hinnant's
 * days_from_civil and civil_from_days: integer arithmetic over 400-year
 * eras, exact for every proleptic Gregorian date, with no time zone.
 */
#include "base/format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t pb__fmt_digits(char *out, size_t cap, const char *raw, bool group)
{
    const char *dot = strchr(raw, '.');
    size_t n_int = dot ? (size_t)(dot - raw) : strlen(raw), k = 0;
    if (!cap)
        return 0;
    for (size_t i = 0; i < n_int && k + 2 < cap; i++) {
        out[k++] = raw[i];
        size_t left = n_int - i - 1;
        if (group && left && left % 3 == 0)
            out[k++] = ',';
    }
    for (const char *p = dot; p && *p && k + 1 < cap; p++)
        out[k++] = *p;
    out[k] = '\0';
    return k;
}

double pb__unit_days(const char *unit)
{
    return !strcmp(unit, "days") ? 1.0 : !strcmp(unit, "weeks") ? 7.0 : 30.4375;
}

long pb__days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pb__civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

int pb__weekday(long day)
{
    long w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

bool pb__date_parse(const char *s, long *day)
{
    int y, m, d;
    char extra;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
        return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return false;
    *day = pb__days_from_civil(y, m, d);
    return true;
}

void pb__date_format(long z, char buf[11])
{
    long y, m, d;
    pb__civil_from_days(z, &y, &m, &d);
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
}

const char *pb__vformat(char *small, size_t cap, char **big, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    *big = NULL;
    int n = vsnprintf(small, cap, fmt, ap);
    if (n < 0) {
        va_end(again);
        small[0] = '\0';
        return small;
    }
    if ((size_t)n >= cap && (*big = malloc((size_t)n + 1)))
        vsnprintf(*big, (size_t)n + 1, fmt, again);
    va_end(again);
    return *big ? *big : small;
}

/* A number with thousands separators and 'dec' decimals; from 1e18 on (only sums and
   products of inputs, which stop at 1e15, get there) in scientific notation, 1.2346e+18. */
const char *pb__fmt_num(char *buf, size_t cap, double x, int dec)
{
    if (!isfinite(x)) {
        snprintf(buf, cap, "n/a");
        return buf;
    }
    if (fabs(x) >= PB__FMT_SCIENTIFIC) {
        snprintf(buf, cap, "%.4e", x);
        return buf;
    }
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", dec, fabs(x));
    size_t k = 0;
    if (x < 0 && k + 1 < cap)
        buf[k++] = '-';
    pb__fmt_digits(buf + k, cap - k, raw, true);
    return buf;
}
