/*
 * options.c - command-line parsing: commands, flags, numbers checked with
 * strtoull/end pointer/errno, usage and help texts.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "common.h"

static const char *const USAGE =
    "usage: pushback COMMAND [flags] scenario.cfg   (scenario '-': standard input)\n"
    "       pushback help COMMAND | --help | --version\n"
    "\n"
    "Commands:\n"
    "  simulate   percentiles of the finish and the cost, chances of meeting the ask\n"
    "  compare    the base plan and every option side by side on the same draws\n"
    "  seek       what it takes: date, budget, people, scope at a confidence\n"
    "  brief      the negotiation brief: the manager's pushback and the answers\n"
    "  rehearse   the meeting as a drill: you answer, the evidence follows\n"
    "  check      validate a scenario and its rulebook, lint the proposal\n"
    "  import     turn a CSV/TSV task list or a mcprojsim project into a scenario\n"
    "  init       write a first scenario by answering questions\n"
    "  track      re-forecast from actuals: the slip, the buffer, calibration\n"
    "\n"
    "Run 'pushback help COMMAND' (or 'pushback COMMAND --help') for its flags.\n"
    "Exit status: 0 done, 1 failure while running, 2 bad usage, 3 invalid scenario.\n";

static const char *const USAGE_SIMULATE =
    "usage: pushback simulate [-hq] [-n N|auto] [-s seed] [-t threads] [-f text|json|csv]\n"
    "                         [-o file [--force]] [--samples file.csv [--force]]\n"
    "                         [--option name] [--set path=value]... [--drop id]...\n"
    "                         [--max-iterations N] [--no-detail] [--no-color] scenario.cfg\n";
static const char *const USAGE_COMPARE =
    "usage: pushback compare [-hq] [-n N|auto] [-s seed] [-t threads] [-f text|json|csv]\n"
    "                        [-o file [--force]] [--pair A,B]... [--set path=value]...\n"
    "                        [--drop id]... [--max-iterations N] [--no-color] scenario.cfg\n";
static const char *const USAGE_SEEK =
    "usage: pushback seek [-hq] [-n N] [-s seed] [-t threads] [-f text|json] [-o file [--force]]\n"
    "                     [--confidence C] [--deadline D] [--budget B] [--option name]\n"
    "                     [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";
static const char *const USAGE_BRIEF =
    "usage: pushback brief [-hq] [-n N] [-s seed] [-t threads] [-f text|md|html|json]\n"
    "                      [-o file [--force]] [--rulebook file] [--option name]\n"
    "                      [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";
static const char *const USAGE_REHEARSE =
    "usage: pushback rehearse [-hq] [-n N] [-s seed] [-t threads] [-o transcript.md [--force]]\n"
    "                         [--persona product|finance|techlead] [--answers file]\n"
    "                         [-f text|json] [--no-anchor] [--rulebook file] [--option name]\n"
    "                         [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";
static const char *const USAGE_CHECK =
    "usage: pushback check [-hq] [-f text|json] [--rulebook file] [--option name]\n"
    "                      [--set path=value]... [--drop id]... [--no-color] scenario.cfg\n";

static const char *const HELP_SIMULATE =
    "\n"
    "Simulate the plan in a scenario and print risk-based estimates: percentiles of the\n"
    "finish and the cost with 95% intervals, the chance of meeting the ask, and per\n"
    "milestone and risk what drives the date.\n"
    "\n"
    "  -n, --iterations N|auto   iterations (default auto: until the 95% interval of P80\n"
    "                            is within 0.5% and that of P(deadline) within 0.5 points)\n"
    "      --max-iterations N    cap of the automatic mode (default 2000000)\n"
    "  -s, --seed S              random seed (default 1); same seed, same numbers\n"
    "  -t, --threads T           worker threads (default: the cores available);\n"
    "                            results do not depend on it\n"
    "  -f, --format text|json|csv output format (default text); csv: every iteration, as\n"
    "                            --samples writes it\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all; never\n"
    "                            onto an input; a device or FIFO is written in place)\n"
    "      --option NAME         apply one of the scenario's options\n"
    "      --set PATH=VALUE      change one value, e.g. team.ml=3, ask.deadline=17,\n"
    "                            milestones.train.effort=[4,6,10] (repeatable)\n"
    "      --drop ID             remove a milestone; its successors keep its predecessors\n"
    "      --no-detail           skip per-milestone statistics (faster)\n"
    "      --samples FILE.csv    also write every iteration (durations, finishes, risks\n"
    "                            fired) as CSV; refuses to overwrite without --force\n"
    "      --force               overwrite an existing --samples file, replace a\n"
    "                            read-only -o file\n"
    "      --no-color            no colours in text output (also NO_COLOR)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n"
    "\n"
    "Exit status: 0 done, 1 failure while running, 2 bad usage, 3 invalid scenario.\n";

static const char *const HELP_COMPARE =
    "\n"
    "Simulate the base plan and every option of the scenario on the same random draws\n"
    "(same seed, same iteration count) and show them side by side, with each option's\n"
    "differences from the base computed iteration by iteration and their 95% intervals.\n"
    "\n"
    "  -n, --iterations N|auto   iterations of every plan (auto: decided on the base)\n"
    "      --max-iterations N    cap of the automatic mode (default 2000000)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format text|json|csv output format (default text); csv: a row per plan\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all)\n"
    "      --force               replace a read-only -o file\n"
    "      --pair A,B            also compare option B with option A (base is a name too)\n"
    "      --set PATH=VALUE      change the base (and so every option) first\n"
    "      --drop ID             remove a milestone from every plan first\n"
    "      --no-color            no colours in text output (also NO_COLOR)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

static const char *const HELP_SEEK =
    "\n"
    "What it takes to finish by the deadline at the confidence: the date and budget at\n"
    "that confidence, the fewest people per role and in total, the smallest scope cut,\n"
    "which deliverables make it (staged delivery), how far each risk and the most\n"
    "sensitive estimates must move to change the answer, and the deadline/confidence\n"
    "curve. Every trial runs on the same random draws.\n"
    "\n"
    "      --confidence C        default: the scenario's ask.confidence (0.8)\n"
    "      --deadline D          default: ask.deadline\n"
    "      --budget B            default: ask.budget\n"
    "  -n, --iterations N        iterations per trial (default 10000; the base run 10x)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format text|json    output format (default text)\n"
    "  -o, --output FILE         write the report to FILE (complete or not at all)\n"
    "      --force               replace a read-only -o file\n"
    "      --option NAME         seek on one of the scenario's options\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            no colours in text output (also NO_COLOR)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

static const char *const HELP_BRIEF =
    "\n"
    "The negotiation brief: the estimate (P50 as the target, P80 as the commitment, the\n"
    "walk-away point), the pushback a manager will raise in order of pressure, each with\n"
    "the answer or a concession and counter-offers with their own simulated numbers, the\n"
    "options compared, the proposal's gaps, and how to reproduce every number.\n"
    "\n"
    "      --rulebook FILE       the manager's rules (default: the scenario's 'rulebook',\n"
    "                            else the default built into pushback, a copy of\n"
    "                            scenarios/rulebooks/manager.cfg)\n"
    "  -n, --iterations N        iterations of the base plan (default 100000)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "  -f, --format FORMAT       text (default), md, html (one self-contained page with\n"
    "                            charts) or json\n"
    "  -o, --output FILE         write the brief to FILE (complete or not at all)\n"
    "      --force               replace a read-only -o file\n"
    "      --option NAME         brief one of the scenario's options\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            accepted for symmetry (the brief has no colours)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

static const char *const HELP_REHEARSE =
    "\n"
    "Rehearse the meeting as a negotiation: first your own three-point estimate (before any\n"
    "anchor), then the manager (a persona) pushes back; each answer is read and said back,\n"
    "may change the deal (shown in one line, simulated jointly, after each turn), and the\n"
    "manager pockets what you concede. At the end, or on quit, a debrief scores the session\n"
    "and gives the line to say instead. Answers are read line by line from standard input\n"
    "or --answers. Commands at the prompt: why (the evidence), what-if PATH=VALUE\n"
    "(re-simulate with one change), skip, help, quit.\n"
    "\n"
    "  -o, --output FILE         the Markdown transcript (default rehearsal.md; - for stdout);\n"
    "                            an existing file is kept unless --force\n"
    "      --force               overwrite an existing transcript\n"
    "      --no-anchor           do not ask for your own estimate first\n"
    "      --persona NAME        the manager: product (dates; the default), finance (money)\n"
    "                            or techlead (the approach, build or buy, the data)\n"
    "      --answers FILE        read the answers from FILE (a scripted drill)\n"
    "  -f, --format text|json    text: the conversation and a Markdown transcript (default);\n"
    "                            json: the turns and the debrief, no conversation\n"
    "      --rulebook FILE       the manager's rules (instead of a persona)\n"
    "  -n, --iterations N        iterations of the base plan (default 100000)\n"
    "  -s, --seed S              random seed (default 1)\n"
    "  -t, --threads T           worker threads (default: the cores available)\n"
    "      --option NAME         rehearse one of the scenario's options\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            accepted for symmetry (the rehearsal has no colours)\n"
    "  -q, --quiet               no notes on stderr\n"
    "  -h, --help                this help\n";

static const char *const HELP_CHECK =
    "\n"
    "Load and validate a scenario (and the option, --set and --drop given): every problem\n"
    "is reported as FILE:LINE: message with exit status 3. A valid scenario's proposal is\n"
    "then linted: each missing section becomes the question a manager would ask, ranked\n"
    "by how much it would hurt, with what to add. The rulebook is validated too.\n"
    "\n"
    "  -f, --format text|json    output format (default text)\n"
    "      --rulebook FILE       validate this rulebook against the scenario\n"
    "      --option NAME         apply one of the scenario's options first\n"
    "      --set PATH=VALUE      change one value first (repeatable)\n"
    "      --drop ID             remove a milestone first (repeatable)\n"
    "      --no-color            accepted for symmetry (check has no colours)\n"
    "  -q, --quiet               print nothing when the scenario is valid\n"
    "  -h, --help                this help\n";

typedef struct command {
    const char *name, *usage, *help;
} command;

static const command COMMANDS[] = {
    {"simulate", USAGE_SIMULATE, HELP_SIMULATE},
    {"compare", USAGE_COMPARE, HELP_COMPARE},
    {"seek", USAGE_SEEK, HELP_SEEK},
    {"brief", USAGE_BRIEF, HELP_BRIEF},
    {"rehearse", USAGE_REHEARSE, HELP_REHEARSE},
    {"check", USAGE_CHECK, HELP_CHECK},
};

static const command *find_command(const char *name)
{
    for (size_t k = 0; k < sizeof COMMANDS / sizeof *COMMANDS; k++)
        if (!strcmp(COMMANDS[k].name, name))
            return &COMMANDS[k];
    return NULL;
}

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

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "pushback: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\npushback: try 'pushback --help'\n");
    return 2;
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

static bool parse_real(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
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
    OPT_PERSONA,
    OPT_ANSWERS
};

/* Flags that only some commands take (the others take every command's). */
static const struct {
    int c;
    const char *commands;
} ONLY[] = {
    {'n', "simulate compare seek brief rehearse"},
    {OPT_MAX_ITER, "simulate compare"},
    {'s', "simulate compare seek brief rehearse"},
    {'t', "simulate compare seek brief rehearse"},
    {'f', "simulate compare seek brief rehearse check"},
    {'o', "simulate compare seek brief rehearse"},
    {OPT_OPTION, "simulate compare seek brief rehearse check"},
    {OPT_PAIR, "compare"},
    {OPT_CONFIDENCE, "seek"},
    {OPT_DEADLINE, "seek"},
    {OPT_BUDGET, "seek"},
    {OPT_RULEBOOK, "brief rehearse check"},
    {OPT_NO_ANCHOR, "rehearse"},
    {OPT_PERSONA, "rehearse"},
    {OPT_ANSWERS, "rehearse"},
    {OPT_SAMPLES, "simulate"},
    {OPT_FORCE, "simulate compare seek brief rehearse"},
    {OPT_NO_DETAIL, "simulate"},
};

static bool takes(const char *cmd, int c)
{
    for (size_t k = 0; k < sizeof ONLY / sizeof *ONLY; k++)
        if (ONLY[k].c == c)
            return strstr(ONLY[k].commands, cmd) != NULL;
    return true;
}

/* The flag's name as the user writes it: "-n" or "--pair". */
static void flag_name(int c, const struct option *longs, char *buf, size_t cap)
{
    for (const struct option *l = longs; l->name; l++)
        if (l->val == c) {
            snprintf(buf, cap, "--%s", l->name);
            return;
        }
    snprintf(buf, cap, "-%c", c);
}

int cli_parse(int argc, char **argv, cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    o->color = !getenv("NO_COLOR");
    if (argc < 2)
        return fputs(USAGE, stderr), 2;
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("pushback %s\n", PB_VERSION);
        return 0;
    }
    const command *info = find_command(cmd);
    if (!info)
        return usage_error("unknown command '%s' (commands: simulate, compare, seek, brief, "
                           "rehearse, check, import, init)",
                           cmd);
    o->confidence = o->deadline = o->budget = NAN;
    o->command = cmd;
    static const struct option longs[] = {
        {"answers", required_argument, NULL, OPT_ANSWERS},
        {"budget", required_argument, NULL, OPT_BUDGET},
        {"confidence", required_argument, NULL, OPT_CONFIDENCE},
        {"deadline", required_argument, NULL, OPT_DEADLINE},
        {"drop", required_argument, NULL, OPT_DROP},
        {"force", no_argument, NULL, OPT_FORCE},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"iterations", required_argument, NULL, 'n'},
        {"max-iterations", required_argument, NULL, OPT_MAX_ITER},
        {"no-anchor", no_argument, NULL, OPT_NO_ANCHOR},
        {"no-color", no_argument, NULL, OPT_NO_COLOR},
        {"no-detail", no_argument, NULL, OPT_NO_DETAIL},
        {"option", required_argument, NULL, OPT_OPTION},
        {"pair", required_argument, NULL, OPT_PAIR},
        {"persona", required_argument, NULL, OPT_PERSONA},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"rulebook", required_argument, NULL, OPT_RULEBOOK},
        {"samples", required_argument, NULL, OPT_SAMPLES},
        {"seed", required_argument, NULL, 's'},
        {"set", required_argument, NULL, OPT_SET},
        {"threads", required_argument, NULL, 't'},
        {NULL, 0, NULL, 0},
    };
    optind = 2;
    opterr = 0;
    int c;
    unsigned long long v;
    while ((c = getopt_long(argc, argv, ":f:hn:o:qs:t:", longs, NULL)) != -1) {
        if (c != ':' && c != '?' && !takes(cmd, c)) {
            char name[32];
            flag_name(c, longs, name, sizeof name);
            return usage_error("%s does not go with %s (see 'pushback help %s')", name, cmd, cmd);
        }
        switch (c) {
        case 'h':
            fputs(info->usage, stdout);
            fputs(info->help, stdout);
            return 0;
        case 'n':
            if (!strcmp(optarg, "auto"))
                o->iterations = 0;
            else if (parse_count(optarg, 1, 1ull << 31, &v))
                o->iterations = (size_t)v;
            else
                return usage_error("-n takes a whole number from 1 to 2^31 or 'auto', got '%s'",
                                   optarg);
            break;
        case OPT_MAX_ITER:
            if (!parse_count(optarg, 1, 1ull << 31, &v))
                return usage_error("--max-iterations takes a whole number from 1 to 2^31, got '%s'",
                                   optarg);
            o->max_iterations = (size_t)v;
            break;
        case 's':
            if (!parse_count(optarg, 0, ~0ull, &v))
                return usage_error("--seed takes a whole number >= 0, got '%s'", optarg);
            o->seed = v;
            break;
        case 't':
            if (!parse_count(optarg, 1, 256, &v))
                return usage_error("--threads takes a whole number from 1 to 256, got '%s'",
                                   optarg);
            o->threads = (unsigned)v;
            break;
        case 'f':
            if (!strcmp(optarg, "text"))
                o->format = FORMAT_TEXT;
            else if (!strcmp(optarg, "json"))
                o->format = FORMAT_JSON;
            else if (!strcmp(optarg, "md") && !strcmp(cmd, "brief"))
                o->format = FORMAT_MD;
            else if (!strcmp(optarg, "html") && !strcmp(cmd, "brief"))
                o->format = FORMAT_HTML;
            else if (!strcmp(optarg, "csv") &&
                     (!strcmp(cmd, "simulate") || !strcmp(cmd, "compare")))
                o->format = FORMAT_CSV;
            else
                return usage_error("--format takes text or json%s, got '%s'",
                                   !strcmp(cmd, "brief") ? ", md or html"
                                   : !strcmp(cmd, "simulate") || !strcmp(cmd, "compare") ? " or csv"
                                                                                         : "",
                                   optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'q':
            o->quiet = true;
            break;
        case OPT_OPTION:
            if (!strcmp(cmd, "compare"))
                return usage_error("%s",
                                   "compare runs every option; use --pair A,B to compare two");
            o->option = optarg;
            break;
        case OPT_SET:
            if (!strchr(optarg, '=') || optarg[0] == '=')
                return usage_error("--set takes PATH=VALUE, e.g. team.ml=3, got '%s'", optarg);
            if (!cli_push(&o->sets, &o->n_sets, optarg))
                return usage_error("%s", "out of memory");
            break;
        case OPT_PAIR: {
            const char *comma = strchr(optarg, ',');
            if (!comma || comma == optarg || !comma[1] || strchr(comma + 1, ','))
                return usage_error("--pair takes two option names A,B, got '%s'", optarg);
            if (!cli_push(&o->pairs, &o->n_pairs, optarg))
                return usage_error("%s", "out of memory");
            break;
        }
        case OPT_CONFIDENCE:
            if (!parse_real(optarg, &o->confidence) || !(o->confidence > 0 && o->confidence < 1))
                return usage_error("--confidence takes a number in (0, 1), e.g. 0.8, got '%s'",
                                   optarg);
            break;
        case OPT_DEADLINE:
            if (!parse_real(optarg, &o->deadline) || o->deadline < 0)
                return usage_error("--deadline takes a number >= 0, got '%s'", optarg);
            break;
        case OPT_BUDGET:
            if (!parse_real(optarg, &o->budget) || o->budget < 0)
                return usage_error("--budget takes a number >= 0, got '%s'", optarg);
            break;
        case OPT_SAMPLES:
            o->samples = optarg;
            break;
        case OPT_FORCE:
            o->force = true;
            break;
        case OPT_NO_ANCHOR:
            o->no_anchor = true;
            break;
        case OPT_RULEBOOK:
            o->rulebook = optarg;
            break;
        case OPT_PERSONA:
            o->persona = optarg;
            break;
        case OPT_ANSWERS:
            o->answers = optarg;
            break;
        case OPT_DROP:
            if (!cli_push(&o->drops, &o->n_drops, optarg))
                return usage_error("%s", "out of memory");
            break;
        case OPT_NO_DETAIL:
            o->no_detail = true;
            break;
        case OPT_NO_COLOR:
            o->color = false;
            break;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("%s: missing the scenario file", cmd);
    if (optind + 1 < argc)
        return usage_error("unexpected argument '%s'", argv[optind + 1]);
    o->scenario = argv[optind];
    if (!strcmp(cmd, "rehearse") && !strcmp(o->scenario, "-"))
        return usage_error("%s", "rehearse reads the answers from standard input: give the "
                                 "scenario as a file");
    return -1;
}
