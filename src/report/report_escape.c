/*
 * report_escape.c - scenario text made safe for terminals, Markdown and
 * spreadsheets.
 *
 * A scenario's texts are the user's (or a stranger's): names may hold
 * terminal escape sequences, Markdown that makes links, images or HTML, and
 * CSV cells that a spreadsheet would run as formulas. Every writer that is
 * not JSON or HTML (which escape on their own) passes scenario text through
 * here: pb_text_escape for terminals and Markdown, pb__csv_cell for CSV
 * (neutralised as OWASP advises: a cell starting with '=', '+', '-', '@',
 * tab or CR gets a leading "'", unless it is a plain number).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pushback/report.h"
#include "report_internal.h"
#include "svg.h"

/* The length of the valid UTF-8 sequence at p (1 to 4), or 0 when it is not one. */
size_t pb__utf8_len(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] >= 0xC2 && p[0] <= 0xDF   ? 2
               : (p[0] & 0xF0) == 0xE0        ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                              : 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && p[0] == 0xE0 && p[1] < 0xA0) || (n == 3 && p[0] == 0xED && p[1] >= 0xA0) ||
        (n == 4 && p[0] == 0xF0 && p[1] < 0x90) || (n == 4 && p[0] == 0xF4 && p[1] >= 0x90))
        return 0; /* overlong, a surrogate, or beyond U+10FFFF */
    return n;
}

/* What one character becomes in Markdown, or NULL when it stays as it is. */
static const char *md_char(unsigned char c)
{
    switch (c) {
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '&':
        return "&amp;";
    case '\\':
        return "\\\\";
    case '`':
        return "\\`";
    case '*':
        return "\\*";
    case '_':
        return "\\_";
    case '[':
        return "\\[";
    case ']':
        return "\\]";
    case '!':
        return "\\!";
    case '|':
        return "\\|";
    case '~':
        return "\\~";
    case '#': /* a scenario text that starts a line must not start a heading */
        return "\\#";
    default:
        return NULL;
    }
}

char *pb_text_escape(const char *s, pb_escape how)
{
    if (!s)
        s = "";
    char *out = malloc(5 * strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t k = pb__utf8_len(p);
        const char *md = how == PB_ESCAPE_MD && k == 1 ? md_char(*p) : NULL;
        const char *rep = !k                                                   ? "\xEF\xBF\xBD"
                          : k == 1 && (*p == '\n' || *p == '\r' || *p == '\t') ? " "
                          : k == 1 && (*p < 0x20 || *p == 0x7F)                ? "?"
                          : k == 2 && p[0] == 0xC2 && p[1] < 0xA0              ? "?"
                                                                               : md;
        if (rep) {
            size_t n = strlen(rep);
            memcpy(o, rep, n);
            o += n;
        } else {
            memcpy(o, p, k);
            o += k;
        }
        p += k ? k : 1;
    }
    *o = '\0';
    return out;
}

void pb_text_put(FILE *f, const char *s, pb_escape how)
{
    char *e = pb_text_escape(s, how);
    if (e)
        fputs(e, f);
    free(e);
}

const char *pb__text_clean(char *buf, size_t cap, const char *s)
{
    char *e = pb_text_escape(s, PB_ESCAPE_TEXT);
    size_t n = e ? strlen(e) : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n && ((unsigned char)e[n] & 0xC0) == 0x80)
            n--; /* do not cut a character in two */
    }
    memcpy(buf, e ? e : "", n);
    buf[n] = '\0';
    free(e);
    return buf;
}

/* Format, then write escaped: for the writers' shared paragraphs (pb__printf_fn). */
static void vput(FILE *f, pb_escape how, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf) {
        vsnprintf(buf, (size_t)n + 1, fmt, again);
        pb_text_put(f, buf, how);
    }
    free(buf);
    va_end(again);
}

void pb__printf_text(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput(f, PB_ESCAPE_TEXT, fmt, ap);
    va_end(ap);
}

void pb__printf_md(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput(f, PB_ESCAPE_MD, fmt, ap);
    va_end(ap);
}

void pb__printf_html(FILE *f, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf) {
        vsnprintf(buf, (size_t)n + 1, fmt, again);
        pb__svg_escape(f, buf);
    }
    free(buf);
    va_end(again);
    va_end(ap);
}

/* A plain number, -?D+(.D+)?(e[+-]?D+)?: what a spreadsheet reads as a number, not a formula. */
static bool plain_number(const char *s)
{
    size_t i = s[0] == '-', d = strspn(s + i, "0123456789");
    if (!d)
        return false;
    i += d;
    if (s[i] == '.') {
        if (!(d = strspn(s + i + 1, "0123456789")))
            return false;
        i += 1 + d;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        i += 1 + (s[i + 1] == '+' || s[i + 1] == '-');
        if (!(d = strspn(s + i, "0123456789")))
            return false;
        i += d;
    }
    return !s[i];
}

void pb__csv_cell(FILE *f, const char *s)
{
    size_t n = strlen(s);
    bool formula = strchr("=+-@\t\r", s[0]) && s[0] && !plain_number(s);
    bool quote = formula || strpbrk(s, ",\"\r\n") || (n && (s[0] == ' ' || s[n - 1] == ' '));
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
