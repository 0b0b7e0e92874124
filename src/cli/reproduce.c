/*
 * reproduce.c - the Reproduce line of every report.
 *
 * Reports end with the command that gives the same report (the format and
 * --no-detail included; -t and -o are left out, as they change nothing in it). It is built to
 * any length (every --set and --drop is kept) and each argument is quoted
 * for a POSIX shell, so that pasting it into sh or bash runs exactly the
 * same command. Numbers are written with the fewest digits that read back to
 * the same double.
 */
#include "reproduce.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool append(char **buf, size_t *len, const char *s, size_t n)
{
    char *b = realloc(*buf, *len + n + 1);
    if (!b) {
        free(*buf);
        *buf = NULL;
        return false;
    }
    memcpy(b + *len, s, n);
    *len += n;
    b[*len] = '\0';
    *buf = b;
    return true;
}

bool reproduce_quote(char **buf, size_t *len, const char *arg)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789_@%+=:,./-";
    if (!*buf)
        return false;
    if (*len && !append(buf, len, " ", 1))
        return false;
    if (*arg && strspn(arg, safe) == strlen(arg))
        return append(buf, len, arg, strlen(arg));
    if (!append(buf, len, "'", 1))
        return false;
    for (const char *p = arg; *p; p++) {
        bool ok = *p == '\'' ? append(buf, len, "'\\''", 4) : append(buf, len, p, 1);
        if (!ok)
            return false;
    }
    return append(buf, len, "'", 1);
}

/* A number with the fewest digits (up to 17) that read back to the same double. */
static void number(char *buf, size_t cap, double x)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, cap, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

/* Append a flag and its value. */
static bool flag(char **buf, size_t *len, const char *name, const char *value)
{
    return reproduce_quote(buf, len, name) && reproduce_quote(buf, len, value);
}

static bool real_flag(char **buf, size_t *len, const char *name, double x)
{
    char v[64];
    if (!isfinite(x))
        return true;
    number(v, sizeof v, x);
    return flag(buf, len, name, v);
}

char *reproduce_line(const cli_opts *o, const char *command, size_t iterations, uint64_t seed)
{
    char *buf = calloc(1, 1), seed_s[32], n_s[32];
    size_t len = 0;
    snprintf(seed_s, sizeof seed_s, "%llu", (unsigned long long)seed);
    /* -n auto is deterministic: say auto, so that a rerun also says it converged */
    bool is_auto = !o->iterations && (!strcmp(command, "simulate") || !strcmp(command, "compare"));
    if (is_auto)
        snprintf(n_s, sizeof n_s, "auto");
    else
        snprintf(n_s, sizeof n_s, "%zu", iterations);
    bool ok = reproduce_quote(&buf, &len, "pushback") && reproduce_quote(&buf, &len, command) &&
              reproduce_quote(&buf, &len, o->scenario) && flag(&buf, &len, "--seed", seed_s) &&
              flag(&buf, &len, "-n", n_s);
    if (ok && is_auto && o->max_iterations) {
        char max_s[32];
        snprintf(max_s, sizeof max_s, "%zu", o->max_iterations);
        ok = flag(&buf, &len, "--max-iterations", max_s);
    }
    if (ok && o->format != FORMAT_TEXT && strcmp(command, "rehearse"))
        ok = flag(&buf, &len, "-f", cli_format_name(o->format));
    if (ok && o->no_detail)
        ok = reproduce_quote(&buf, &len, "--no-detail");
    if (ok && o->option)
        ok = flag(&buf, &len, "--option", o->option);
    for (size_t i = 0; ok && i < o->n_sets; i++)
        ok = flag(&buf, &len, "--set", o->sets[i]);
    for (size_t i = 0; ok && i < o->n_drops; i++)
        ok = flag(&buf, &len, "--drop", o->drops[i]);
    for (size_t i = 0; ok && i < o->n_pairs; i++)
        ok = flag(&buf, &len, "--pair", o->pairs[i]);
    ok = ok && real_flag(&buf, &len, "--deadline", o->deadline) &&
         real_flag(&buf, &len, "--confidence", o->confidence) &&
         real_flag(&buf, &len, "--budget", o->budget);
    if (ok && o->rulebook)
        ok = flag(&buf, &len, "--rulebook", o->rulebook);
    if (ok && o->for_manager)
        ok = flag(&buf, &len, "--for", "manager");
    return ok ? buf : NULL;
}
