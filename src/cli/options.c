/*
 * options.c - the common command-line parser: one table of flags (FLAGS[]),
 * each with the bit a command's COMMANDS[] row sets to accept it, numbers
 * checked with strtoull/strtod, end pointer and errno.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"

enum {
    OPT_MAX_ITER = 256,
    OPT_OPTION,
    OPT_SET,
    OPT_DROP,
    OPT_PAIR,
    OPT_CONFIDENCE,
    OPT_DEADLINE,
    OPT_BUDGET,
    OPT_RULEBOOK,
    OPT_NO_ANCHOR,
    OPT_SAMPLES,
    OPT_FORCE,
    OPT_NO_DETAIL,
    OPT_NO_COLOR,
    OPT_FOR,
    OPT_PERSONA,
    OPT_ANSWERS,
    OPT_ACTUALS,
    OPT_AS_OF,
    OPT_CALIB
};

/* How a flag is stored: in code (number_flag, value_flag), or at an offset of cli_opts. */
enum {
    BY_CODE,
    STRING,
    SET_TRUE,
    SET_FALSE
};
#define AT(field) offsetof(cli_opts, field)

/* Every flag of the common parser, sorted by name, with the bit that accepts it. */
static const struct {
    struct option o;
    unsigned long bit;
    int how;
    size_t at; /* STRING: a const char *; SET_*: a bool */
} FLAGS[] = {
    {{"actuals", required_argument, NULL, OPT_ACTUALS}, CLI_F_TRACK, STRING, AT(actuals)},
    {{"answers", required_argument, NULL, OPT_ANSWERS}, CLI_F_ANSWERS, STRING, AT(answers)},
    {{"as-of", required_argument, NULL, OPT_AS_OF}, CLI_F_TRACK, STRING, AT(as_of)},
    {{"budget", required_argument, NULL, OPT_BUDGET}, CLI_F_BUDGET, BY_CODE, 0},
    {{"calibration", required_argument, NULL, OPT_CALIB}, CLI_F_TRACK, STRING, AT(calibration)},
    {{"confidence", required_argument, NULL, OPT_CONFIDENCE}, CLI_F_CONFIDENCE, BY_CODE, 0},
    {{"deadline", required_argument, NULL, OPT_DEADLINE}, CLI_F_DEADLINE, BY_CODE, 0},
    {{"drop", required_argument, NULL, OPT_DROP}, CLI_F_BASE, BY_CODE, 0},
    {{"for", required_argument, NULL, OPT_FOR}, CLI_F_FOR, BY_CODE, 0},
    {{"force", no_argument, NULL, OPT_FORCE}, CLI_F_FORCE, SET_TRUE, AT(force)},
    {{"format", required_argument, NULL, 'f'}, CLI_F_FORMAT, BY_CODE, 0},
    {{"help", no_argument, NULL, 'h'}, CLI_F_BASE, BY_CODE, 0},
    {{"iterations", required_argument, NULL, 'n'}, CLI_F_ITERATIONS, BY_CODE, 0},
    {{"max-iterations", required_argument, NULL, OPT_MAX_ITER}, CLI_F_MAX_ITER, BY_CODE, 0},
    {{"no-anchor", no_argument, NULL, OPT_NO_ANCHOR}, CLI_F_NO_ANCHOR, SET_TRUE, AT(no_anchor)},
    {{"no-color", no_argument, NULL, OPT_NO_COLOR}, CLI_F_BASE, SET_FALSE, AT(color)},
    {{"no-detail", no_argument, NULL, OPT_NO_DETAIL}, CLI_F_NO_DETAIL, SET_TRUE, AT(no_detail)},
    {{"option", required_argument, NULL, OPT_OPTION}, CLI_F_OPTION, BY_CODE, 0},
    {{"pair", required_argument, NULL, OPT_PAIR}, CLI_F_PAIR, BY_CODE, 0},
    {{"output", required_argument, NULL, 'o'}, CLI_F_OUTPUT, STRING, AT(output)},
    {{"persona", required_argument, NULL, OPT_PERSONA}, CLI_F_PERSONA, STRING, AT(persona)},
    {{"quiet", no_argument, NULL, 'q'}, CLI_F_BASE, SET_TRUE, AT(quiet)},
    {{"rulebook", required_argument, NULL, OPT_RULEBOOK}, CLI_F_RULEBOOK, STRING, AT(rulebook)},
    {{"samples", required_argument, NULL, OPT_SAMPLES}, CLI_F_SAMPLES, STRING, AT(samples)},
    {{"seed", required_argument, NULL, 's'}, CLI_F_SEED, BY_CODE, 0},
    {{"set", required_argument, NULL, OPT_SET}, CLI_F_BASE, BY_CODE, 0},
    {{"threads", required_argument, NULL, 't'}, CLI_F_THREADS, BY_CODE, 0},
};
#undef AT
#define N_FLAGS (sizeof FLAGS / sizeof *FLAGS)

void cli_help_redispatch(int *argc, char ***argv)
{
    static char *again[4];
    static char help[] = "--help";
    if (*argc < 3 || strcmp((*argv)[1], "help"))
        return;
    again[0] = (*argv)[0];
    again[1] = (*argv)[2];
    again[2] = help;
    again[3] = NULL;
    *argc = 3;
    *argv = again;
}

static bool parse_count(const char *s, unsigned long long lo, unsigned long long hi,
                        unsigned long long *out)
{
    if (!s || !*s || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

void cli_opts_release(cli_opts *o)
{
    free(o->sets);
    free(o->drops);
    free(o->pairs);
    o->sets = o->drops = o->pairs = NULL;
}

/* The row of flag 'c' (a getopt value), or N_FLAGS. */
static size_t flag_row(int c)
{
    size_t k = 0;
    while (k < N_FLAGS && FLAGS[k].o.val != c)
        k++;
    return k;
}

/* Store a flag of kind STRING, SET_TRUE or SET_FALSE; false for one read BY_CODE. */
static bool stored(cli_opts *o, int c, const char *arg)
{
    size_t k = flag_row(c);
    if (k == N_FLAGS || FLAGS[k].how == BY_CODE)
        return false;
    char *field = (char *)o + FLAGS[k].at;
    if (FLAGS[k].how == STRING)
        memcpy(field, &arg, sizeof arg);
    else
        *(bool *)(void *)field = FLAGS[k].how == SET_TRUE;
    return true;
}

/* -n, --max-iterations, -s, -t, --confidence, --deadline, --budget; -1, or 2 after a usage error.
 */
static int number_flag(cli_opts *o, int c, const char *arg)
{
    unsigned long long v;
    switch (c) {
    case 'n':
        if (!strcmp(arg, "auto"))
            o->iterations = 0;
        else if (parse_count(arg, 1, 1ull << 31, &v))
            o->iterations = (size_t)v;
        else
            return cli_usage(NULL, "-n takes a whole number from 1 to 2^31 or 'auto', got '%s'",
                             arg);
        return -1;
    case OPT_MAX_ITER:
        if (!parse_count(arg, 1, 1ull << 31, &v))
            return cli_usage(NULL, "--max-iterations takes a whole number from 1 to 2^31, got '%s'",
                             arg);
        o->max_iterations = (size_t)v;
        return -1;
    case 's':
        if (!parse_count(arg, 0, ~0ull, &v))
            return cli_usage(NULL, "--seed takes a whole number >= 0, got '%s'", arg);
        o->seed = v;
        return -1;
    case 't':
        if (!parse_count(arg, 1, 256, &v))
            return cli_usage(NULL, "--threads takes a whole number from 1 to 256, got '%s'", arg);
        o->threads = (unsigned)v;
        return -1;
    case OPT_CONFIDENCE:
        if (!cli_real(arg, &o->confidence) || !(o->confidence > 0 && o->confidence < 1))
            return cli_usage(NULL, "--confidence takes a number in (0, 1), e.g. 0.8, got '%s'",
                             arg);
        return -1;
    case OPT_DEADLINE:
        if (!cli_real(arg, &o->deadline) || o->deadline < 0)
            return cli_usage(NULL, "--deadline takes a number >= 0, got '%s'", arg);
        return -1;
    default: /* OPT_BUDGET */
        if (!cli_real(arg, &o->budget) || o->budget < 0)
            return cli_usage(NULL, "--budget takes a number >= 0, got '%s'", arg);
        return -1;
    }
}

/* -f, --option, --set, --pair, --drop, --for; -1, or 2 after a usage error. */
static int value_flag(cli_opts *o, int c, const char *arg)
{
    switch (c) {
    case 'f':
        o->format = cli_format_find(o->command, arg);
        return o->format >= 0 ? -1 : cli_format_usage(o->command, NULL, arg);
    case OPT_OPTION:
        if (!strcmp(o->command, "compare"))
            return cli_usage(NULL, "%s",
                             "compare runs every option; use --pair A,B to compare two");
        o->option = arg;
        return -1;
    case OPT_SET:
        if (!strchr(arg, '=') || arg[0] == '=')
            return cli_usage(NULL, "--set takes PATH=VALUE, e.g. team.ml=3, got '%s'", arg);
        return cli_push(&o->sets, &o->n_sets, arg) ? -1 : cli_usage(NULL, "%s", "out of memory");
    case OPT_FOR:
        if (strcmp(arg, "manager") && strcmp(arg, "engineer"))
            return cli_usage(NULL, "--for takes engineer or manager, got '%s'", arg);
        o->for_manager = !strcmp(arg, "manager");
        return -1;
    case OPT_PAIR: {
        const char *comma = strchr(arg, ',');
        if (!comma || comma == arg || !comma[1] || strchr(comma + 1, ','))
            return cli_usage(NULL, "--pair takes two option names A,B, got '%s'", arg);
        return cli_push(&o->pairs, &o->n_pairs, arg) ? -1 : cli_usage(NULL, "%s", "out of memory");
    }
    default: /* OPT_DROP */
        return cli_push(&o->drops, &o->n_drops, arg) ? -1 : cli_usage(NULL, "%s", "out of memory");
    }
}

/* One flag from getopt_long; -1 to go on, else the exit status. */
static int one_flag(const cli_command *cmd, cli_opts *o, int c, char **argv)
{
    switch (c) {
    case 'h':
        cli_print_help(cmd);
        return 0;
    case 'n':
    case OPT_MAX_ITER:
    case 's':
    case 't':
    case OPT_CONFIDENCE:
    case OPT_DEADLINE:
    case OPT_BUDGET:
        return number_flag(o, c, optarg);
    case 'f':
    case OPT_OPTION:
    case OPT_SET:
    case OPT_PAIR:
    case OPT_DROP:
    case OPT_FOR:
        return value_flag(o, c, optarg);
    case ':':
        return cli_usage(NULL, "option '%s' needs a value", argv[optind - 1]);
    default:
        return cli_usage(NULL, "unknown option '%s'", argv[optind - 1]);
    }
}

static void defaults(cli_opts *o, const char *command)
{
    memset(o, 0, sizeof *o);
    o->command = command;
    o->seed = 1;
    o->threads = cli_default_threads();
    o->color = !getenv("NO_COLOR");
    o->confidence = o->deadline = o->budget = NAN;
}

int cli_parse(int argc, char **argv, const cli_command *cmd, cli_opts *o)
{
    struct option longs[N_FLAGS + 1];
    for (size_t k = 0; k < N_FLAGS; k++)
        longs[k] = FLAGS[k].o;
    longs[N_FLAGS] = (struct option){0}; /* getopt_long's end marker */
    defaults(o, cmd->name);
    optind = 2;
    opterr = 0;
    int c, rc;
    while ((c = getopt_long(argc, argv, ":f:hn:o:qs:t:", longs, NULL)) != -1) {
        size_t k = flag_row(c);
        if (k < N_FLAGS && !(cmd->flags & FLAGS[k].bit))
            return cli_usage(NULL, "--%s does not go with %s (see 'pushback help %s')",
                             FLAGS[k].o.name, cmd->name, cmd->name);
        if (!stored(o, c, optarg) && (rc = one_flag(cmd, o, c, argv)) >= 0)
            return rc;
    }
    if (optind >= argc)
        return cli_usage(NULL, "%s: missing the scenario file", cmd->name);
    if (optind + 1 < argc)
        return cli_usage(NULL, "unexpected argument '%s'", argv[optind + 1]);
    o->scenario = argv[optind];
    if (!strcmp(cmd->name, "rehearse") && !strcmp(o->scenario, "-"))
        return cli_usage(NULL, "%s",
                         "rehearse reads the answers from standard input: give the "
                         "scenario as a file");
    return -1;
}
