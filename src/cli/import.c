/*
 * import.c - 'pushback import': a task list exported from a spreadsheet or
 * a tracker (CSV, TSV) or an mcprojsim project (YAML) becomes a scenario
 * skeleton.
 *
 * The library reads and maps (pushback/import.h); this file owns the flags,
 * standard input, the output file and the report on stderr. The scenario
 * goes to stdout or, with -o, to a temporary file beside the target that is
 * renamed into place only when complete; an existing file is replaced only
 * with --force, and the input file itself never.
 */
#include "import.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pushback/import.h>

#include "commands.h"
#include "common.h"

typedef struct import_args {
    pb_import_opts opts;
    const char *input;
    const char *output;
    bool force;
} import_args;

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "pushback: import: %s%s%s\n", msg, arg ? arg : "", arg ? "'" : "");
    fprintf(stderr, "pushback: try 'pushback import --help'\n");
    return 2;
}

/* Parse argv into a; -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, import_args *a)
{
    static const struct option LONG[] = {
        {"force", no_argument, NULL, 'F'},      {"from", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},       {"output", required_argument, NULL, 'o'},
        {"unit", required_argument, NULL, 'u'}, {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", LONG, NULL)) != -1) {
        if (c == 'h') {
            cli_print_help(cli_command_find("import"));
            return 0;
        } else if (c == 'o') {
            a->output = optarg;
        } else if (c == 'F') {
            a->force = true;
        } else if (c == 'r') {
            const char *f[] = {"csv", "tsv", "mcprojsim"};
            const pb_import_from v[] = {PB_IMPORT_CSV, PB_IMPORT_TSV, PB_IMPORT_MCPROJSIM};
            size_t k = 0;
            while (k < 3 && strcmp(optarg, f[k]))
                k++;
            if (k == 3)
                return usage_error("--from takes csv, tsv or mcprojsim, got '", optarg);
            a->opts.from = v[k];
        } else if (c == 'u') {
            const char *u[] = {"days", "weeks", "months"};
            const pb_import_unit v[] = {PB_IMPORT_DAYS, PB_IMPORT_WEEKS, PB_IMPORT_MONTHS};
            size_t k = 0;
            while (k < 3 && strcmp(optarg, u[k]))
                k++;
            if (k == 3)
                return usage_error("--unit takes days, weeks or months, got '", optarg);
            a->opts.unit = v[k];
        } else if (c == ':') {
            return usage_error("an option needs a value: '", argv[optind - 1]);
        } else {
            return usage_error("unknown option '", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("missing the task list (a file, or - for standard input)", NULL);
    if (optind + 1 < argc)
        return usage_error("unexpected argument '", argv[optind + 1]);
    a->input = argv[optind];
    size_t n = strlen(a->input);
    if (!a->opts.from && ((n > 5 && !strcmp(a->input + n - 5, ".yaml")) ||
                          (n > 4 && !strcmp(a->input + n - 4, ".yml"))))
        a->opts.from = PB_IMPORT_MCPROJSIM; /* the only YAML format read */
    return -1;
}

/* Read all of standard input and parse it. */
static pb_status read_stdin(const pb_import_opts *o, pb_import **out, pb_error *err)
{
    size_t len = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        if (len == cap) {
            char *p = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!p) {
                free(buf);
                return pb_error_set(err, PB_ERR_RUN, "-", 0, "out of memory");
            }
            buf = p;
        }
        size_t got = fread(buf + len, 1, cap - len, stdin);
        len += got;
        if (got == 0)
            break;
    }
    pb_status rc = ferror(stdin)
                       ? pb_error_set(err, PB_ERR_INVALID, "-", 0, "cannot read standard input")
                       : pb_import_parse(buf, len, "-", o, out, err);
    free(buf);
    return rc;
}

/* Refuse an output that exists (without --force) or that is the input. */
static int check_output(const import_args *a)
{
    struct stat so, si;
    if (stat(a->output, &so) != 0)
        return -1;
    if (strcmp(a->input, "-") && stat(a->input, &si) == 0 && si.st_dev == so.st_dev &&
        si.st_ino == so.st_ino) {
        fprintf(stderr, "pushback: %s: is the task list being imported; write to another file\n",
                a->output);
        return 2;
    }
    if (!a->force) {
        fprintf(stderr, "pushback: %s: already exists; add --force to overwrite it\n", a->output);
        return 2;
    }
    return -1;
}

/* Write to a temporary file beside a->output, then rename it into place. */
static int write_file(const import_args *a, const pb_import *imp)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", a->output) >= (int)sizeof tmp) {
        fprintf(stderr, "pushback: %s: path too long\n", a->output);
        return 1;
    }
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "pushback: %s: cannot write: %s\n", a->output, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        return 1;
    }
    fchmod(fd, 0644);
    pb_error e;
    pb_status rc = pb_import_write(imp, f, &e);
    if (fclose(f) != 0 && !rc)
        rc = PB_ERR_RUN;
    if (!rc && rename(tmp, a->output) != 0)
        rc = PB_ERR_RUN;
    if (rc) {
        fprintf(stderr, "pushback: %s: cannot write: %s\n", a->output, strerror(errno));
        unlink(tmp);
        return 1;
    }
    return 0;
}

int cli_import_main(int argc, char **argv)
{
    import_args a;
    int st = parse_args(argc, argv, &a);
    if (st >= 0)
        return st;
    if (a.output && (st = check_output(&a)) >= 0)
        return st;
    pb_error e;
    pb_import *imp = NULL;
    pb_status rc = strcmp(a.input, "-") ? pb_import_load(a.input, &a.opts, &imp, &e)
                                        : read_stdin(&a.opts, &imp, &e);
    if (rc) {
        cli_print_error(&e);
        return (int)rc;
    }
    for (size_t i = 0; i < pb_import_n_notes(imp); i++)
        fprintf(stderr, "%s%s\n", i ? "" : "import: ", pb_import_note(imp, i));
    if (a.output) {
        st = write_file(&a, imp);
    } else {
        st = pb_import_write(imp, stdout, &e) ? 1 : 0;
        if (st)
            cli_print_error(&e);
    }
    if (!st)
        fprintf(stderr,
                "import: wrote %zu milestones%s%s; replace every 'set this' value, then "
                "run 'pushback check' on it\n",
                pb_import_n_tasks(imp), a.output ? " to " : " to standard output",
                a.output ? a.output : "");
    pb_import_free(imp);
    if (fclose(stdout) != 0 && !st) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        st = 1;
    }
    return st;
}
