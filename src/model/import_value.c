/*
 * import_value.c - what a header cell means and what a data cell holds.
 *
 * Header cells are matched case-insensitively against alias lists after
 * trimming and turning '_', '-' and '.' into spaces; a trailing "(days)" or
 * "[h]" names the unit of the column's numbers. Numbers may carry a unit
 * suffix ("3d", "2 weeks", "16h") and, when the separator is not ',', a
 * decimal comma. Time converts with 8-hour days, 5-day weeks and 52/12
 * weeks a month (working time, as trackers count it).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_internal.h"

#define MAX_NUMBER 1e12

typedef struct alias {
    const char *name;
    pb__import_col col;
} alias;

static const alias ALIASES[] = {
    {"id", PB__COL_ID},
    {"key", PB__COL_ID},
    {"issue key", PB__COL_ID},
    {"task id", PB__COL_ID},
    {"wbs", PB__COL_ID},
    {"activity id", PB__COL_ID},
    {"name", PB__COL_NAME},
    {"task", PB__COL_NAME},
    {"task name", PB__COL_NAME},
    {"summary", PB__COL_NAME},
    {"title", PB__COL_NAME},
    {"milestone", PB__COL_NAME},
    {"activity", PB__COL_NAME},
    {"activity name", PB__COL_NAME},
    {"work item", PB__COL_NAME},
    {"after", PB__COL_AFTER},
    {"depends", PB__COL_AFTER},
    {"depends on", PB__COL_AFTER},
    {"dependencies", PB__COL_AFTER},
    {"dependency", PB__COL_AFTER},
    {"predecessors", PB__COL_AFTER},
    {"predecessor", PB__COL_AFTER},
    {"blocked by", PB__COL_AFTER},
    {"prerequisites", PB__COL_AFTER},
    {"immediate predecessors", PB__COL_AFTER},
    {"preceding activities", PB__COL_AFTER},
    {"waits for", PB__COL_AFTER},
    {"inward issue link (blocks)", PB__COL_AFTER},
    {"blocks", PB__COL_BLOCKS},
    {"successors", PB__COL_BLOCKS},
    {"outward issue link (blocks)", PB__COL_BLOCKS},
    {"low", PB__COL_LOW},
    {"min", PB__COL_LOW},
    {"minimum", PB__COL_LOW},
    {"optimistic", PB__COL_LOW},
    {"best", PB__COL_LOW},
    {"best case", PB__COL_LOW},
    {"likely", PB__COL_LIKELY},
    {"most likely", PB__COL_LIKELY},
    {"mode", PB__COL_LIKELY},
    {"expected", PB__COL_LIKELY},
    {"most probable", PB__COL_LIKELY},
    {"realistic", PB__COL_LIKELY},
    {"nominal", PB__COL_LIKELY},
    {"high", PB__COL_HIGH},
    {"max", PB__COL_HIGH},
    {"maximum", PB__COL_HIGH},
    {"pessimistic", PB__COL_HIGH},
    {"worst", PB__COL_HIGH},
    {"worst case", PB__COL_HIGH},
    {"estimate", PB__COL_ESTIMATE},
    {"original estimate", PB__COL_SECONDS},
    {"effort", PB__COL_EFFORT},
    {"duration", PB__COL_DURATION},
    {"type", PB__COL_KIND},
    {"kind", PB__COL_KIND},
    {"role", PB__COL_ROLE},
    {"assignee role", PB__COL_ROLE},
    {"team", PB__COL_ROLE},
    {"people", PB__COL_PEOPLE},
    {"cost", PB__COL_COST},
    {"optional", PB__COL_OPTIONAL},
    {"deliverable", PB__COL_DELIVERABLE},
};

typedef struct unit_word {
    const char *word;
    double days;
} unit_word;

static const unit_word UNITS[] = {
    {"h", 1.0 / PB__HOURS_PER_DAY},
    {"hr", 1.0 / PB__HOURS_PER_DAY},
    {"hrs", 1.0 / PB__HOURS_PER_DAY},
    {"hour", 1.0 / PB__HOURS_PER_DAY},
    {"hours", 1.0 / PB__HOURS_PER_DAY},
    {"d", 1.0},
    {"day", 1.0},
    {"days", 1.0},
    {"w", PB__DAYS_PER_WEEK},
    {"wk", PB__DAYS_PER_WEEK},
    {"wks", PB__DAYS_PER_WEEK},
    {"week", PB__DAYS_PER_WEEK},
    {"weeks", PB__DAYS_PER_WEEK},
    {"mo", PB__DAYS_PER_WEEK *PB__WEEKS_PER_MONTH},
    {"month", PB__DAYS_PER_WEEK *PB__WEEKS_PER_MONTH},
    {"months", PB__DAYS_PER_WEEK *PB__WEEKS_PER_MONTH},
};

double pb__import_unit_word(const char *word)
{
    while (isspace((unsigned char)*word))
        word++;
    if (!strncasecmp(word, "person", 6)) /* person-days, person weeks */
        word += 6 + (word[6] == '-' || word[6] == ' ');
    size_t n = strlen(word);
    while (n && isspace((unsigned char)word[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof UNITS / sizeof *UNITS; i++)
        if (strlen(UNITS[i].word) == n && !strncasecmp(word, UNITS[i].word, n))
            return UNITS[i].days;
    return 0.0;
}

/* Lowercase, trim, '_' '-' '.' as spaces, runs of spaces as one. */
static void normalize(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    bool space = false;
    for (const char *p = in; *p && o + 2 < cap; p++) {
        char c = (char)tolower((unsigned char)*p);
        if (c == '_' || c == '-' || c == '.' || isspace((unsigned char)c)) {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = c;
    }
    out[o] = '\0';
}

/* An alias, also with " estimate" or " case" after it ("Low estimate", "Best case"). */
static pb__import_col lookup(const char *norm)
{
    for (size_t i = 0; i < sizeof ALIASES / sizeof *ALIASES; i++)
        if (!strcmp(norm, ALIASES[i].name))
            return ALIASES[i].col;
    static const char *const TAILS[] = {" estimate", " case"};
    size_t n = strlen(norm);
    for (size_t t = 0; t < sizeof TAILS / sizeof *TAILS; t++) {
        size_t k = strlen(TAILS[t]);
        if (n <= k || strcmp(norm + n - k, TAILS[t]))
            continue;
        for (size_t i = 0; i < sizeof ALIASES / sizeof *ALIASES; i++)
            if (strlen(ALIASES[i].name) == n - k && !strncmp(norm, ALIASES[i].name, n - k) &&
                ALIASES[i].col >= PB__COL_LOW && ALIASES[i].col <= PB__COL_DURATION)
                return ALIASES[i].col;
    }
    return PB__COL_NONE;
}

pb__import_col pb__import_column(const char *header, double *unit_days)
{
    char norm[256];
    *unit_days = 0.0;
    normalize(header, norm, sizeof norm);
    pb__import_col col = lookup(norm);
    if (col)
        return col;
    size_t n = strlen(norm);
    char close = n ? norm[n - 1] : '\0';
    char *open = close == ')' ? strrchr(norm, '(') : close == ']' ? strrchr(norm, '[') : NULL;
    if (!open) {
        /* a header that is a unit ("Days", "Hours") holds estimates in that unit */
        double days = n >= 3 ? pb__import_unit_word(norm) : 0.0;
        *unit_days = days;
        return days > 0.0 ? PB__COL_ESTIMATE : PB__COL_NONE;
    }
    norm[n - 1] = '\0';
    double days = pb__import_unit_word(open + 1); /* "(days)"; "(a)" or "(m)" is no unit */
    while (open > norm && open[-1] == ' ')
        open--;
    *open = '\0';
    col = lookup(norm);
    if (col == PB__COL_SECONDS && days > 0.0)
        return PB__COL_NONE; /* 'Original estimate' is in seconds; a unit there is a mistake */
    if (col && col >= PB__COL_LOW && col <= PB__COL_DURATION)
        *unit_days = days;
    return col;
}

const char *pb__import_col_name(pb__import_col col)
{
    switch (col) {
    case PB__COL_ID:
        return "id";
    case PB__COL_NAME:
        return "name";
    case PB__COL_AFTER:
        return "after (tasks this one waits for)";
    case PB__COL_BLOCKS:
        return "blocks (tasks that wait for this one: they get this one in their 'after')";
    case PB__COL_LOW:
        return "low estimate";
    case PB__COL_LIKELY:
        return "likely estimate";
    case PB__COL_HIGH:
        return "high estimate";
    case PB__COL_ESTIMATE:
        return "estimate (one number, or low likely high)";
    case PB__COL_SECONDS:
        return "estimate, Jira seconds of work";
    case PB__COL_EFFORT:
        return "estimate, effort";
    case PB__COL_DURATION:
        return "estimate, duration";
    case PB__COL_KIND:
        return "effort or duration";
    case PB__COL_ROLE:
        return "role";
    case PB__COL_PEOPLE:
        return "people";
    case PB__COL_COST:
        return "cost";
    case PB__COL_OPTIONAL:
        return "optional";
    case PB__COL_DELIVERABLE:
        return "deliverable";
    default:
        return "nothing";
    }
}

/* ==== Numbers ==== */

bool pb__import_number(const char *text, bool comma_decimal, double col_days, double to_days,
                       double *out)
{
    char buf[128];
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, text, n + 1);
    char *comma = strchr(buf, ',');
    if (comma_decimal && comma && !strchr(buf, '.') && !strchr(comma + 1, ','))
        *comma = '.';
    char *end;
    double v = strtod(buf, &end);
    if (end == buf || !isfinite(v) || v < 0.0 || v > MAX_NUMBER)
        return false;
    if (*end == '.' || *end == ',') /* "1,200" or "1.2.3" */
        return false;
    while (isspace((unsigned char)*end))
        end++;
    double days = col_days;
    if (*end && (days = pb__import_unit_word(end)) <= 0.0)
        return false;
    if (days > 0.0 && to_days > 0.0)
        v = v * days / to_days;
    *out = v;
    return true;
}

size_t pb__import_numbers(const char *text, bool comma_decimal, double col_days, double to_days,
                          double out[3])
{
    if (pb__import_number(text, comma_decimal, col_days, to_days, &out[0]))
        return 1;
    char buf[256];
    size_t n = strlen(text);
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, text, n + 1);
    /* a unit word after the last number applies to all three */
    char *last = buf + n;
    while (last > buf && (isalpha((unsigned char)last[-1]) || last[-1] == ' ' || last[-1] == '-'))
        last--;
    if (*last && pb__import_unit_word(last) > 0.0) {
        col_days = pb__import_unit_word(last);
        *last = '\0';
    }
    const char *seps = strpbrk(buf, ";/") ? ";/" : comma_decimal ? " \t" : ", \t";
    size_t k = 0;
    char *save = NULL;
    for (char *w = strtok_r(buf, seps, &save); w; w = strtok_r(NULL, seps, &save)) {
        if (k == 3 || !pb__import_number(w, comma_decimal, col_days, to_days, &out[k]))
            return 0;
        k++;
    }
    return k == 3 ? 3 : 0;
}

int pb__import_flag(const char *text)
{
    static const char *const YES[] = {"yes", "y", "true", "1", "x"};
    static const char *const NO[] = {"", "no", "n", "false", "0", "-"};
    char norm[32];
    normalize(text, norm, sizeof norm);
    if (!strcmp(text, "-"))
        return 0;
    for (size_t i = 0; i < sizeof YES / sizeof *YES; i++)
        if (!strcmp(norm, YES[i]))
            return 1;
    for (size_t i = 0; i < sizeof NO / sizeof *NO; i++)
        if (!strcmp(norm, NO[i]))
            return 0;
    return -1;
}

double pb__import_seconds(double seconds, pb_import_unit unit)
{
    return seconds / 3600.0 / PB__HOURS_PER_DAY / pb__import_unit_days(unit);
}
