/*
 * init.c - 'pushback init [-o FILE] [--force] [--answers FILE] [--defaults]':
 * asks the questionnaire of include/pushback/init.h and writes the scenario.
 *
 * Three ways to answer: at a terminal, with libedit's line editing and
 * history, where a refused answer is asked again with the reason; from a
 * pipe, one line per answer read with getline (no length limit), asked
 * again the same way; from --answers FILE, one answer per line, where a
 * refused answer or a file that ends early is an error naming FILE:LINE and
 * the question. --defaults asks nothing and writes the worked example.
 * Prompts and hints go to stderr (the terminal), never into the scenario.
 * The scenario goes to stdout or, with -o, to a temporary file renamed into
 * place when complete; an existing file is kept unless --force.
 */
#include "init.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pushback/init.h>

#include "commands.h"
#include "lineread.h"

typedef struct init_opts {
    const char *output;  /* NULL or "-": stdout */
    const char *answers; /* NULL: stdin */
    bool force, defaults;
} init_opts;

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "pushback: init: %s%s%s\n", what, arg ? " " : "", arg ? arg : "");
    fprintf(stderr, "pushback: try 'pushback init --help'\n");
    return 2;
}

/* Parse the arguments; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, init_opts *o)
{
    static const struct option longs[] = {
        {"answers", required_argument, NULL, 'a'}, {"defaults", no_argument, NULL, 'd'},
        {"force", no_argument, NULL, 'F'},         {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},  {NULL, 0, NULL, 0},
    };
    int c;
    memset(o, 0, sizeof *o);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":ho:", longs, NULL)) != -1) {
        if (c == 'h') {
            cli_print_help(cli_command_find("init"));
            return fclose(stdout) ? 1 : 0;
        } else if (c == 'o')
            o->output = optarg;
        else if (c == 'a')
            o->answers = optarg;
        else if (c == 'd')
            o->defaults = true;
        else if (c == 'F')
            o->force = true;
        else if (c == ':')
            return usage_error("option needs a value:", argv[optind - 1]);
        else
            return usage_error("unknown option", argv[optind - 1]);
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);
    if (o->answers && o->defaults)
        return usage_error("--answers and --defaults exclude each other", NULL);
    return -1;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* ==== Reading answers ==== */

/* After the last question: only blank lines and comments may follow in a file. */
static int reader_rest(cli_lineread *r)
{
    const char *s;
    while (r->file && (s = cli_lineread_next(r)))
        if (s[strspn(s, " \t")]) {
            fprintf(stderr,
                    "pushback: %s:%ld: an answer after the last question (see docs/init.md "
                    "for the order)\n",
                    r->name, r->line);
            return 3;
        }
    return 0;
}

/* ==== Asking ==== */

static void show_question(cli_lineread *r, const pb_init_question *q, const char **section,
                          const char *prompt, const char *def)
{
    if (!r->file && q->section != *section) {
        fprintf(stderr, "\n%s\n", q->section);
        *section = q->section;
    }
    if (!r->file)
        fprintf(stderr, "  hint: %s\n", q->hint);
    snprintf(r->prompt, sizeof r->prompt, "%s [%s]: ", prompt,
             *def        ? def
             : q->starts ? "Enter ends the list"
                         : "no default");
}

/* Ask every question; 0 when complete, else the exit status. */
static int ask(pb_init *in, const init_opts *o)
{
    cli_lineread r;
    const pb_init_question *q;
    const char *section = NULL;
    char prompt[1024];
    int rc = cli_lineread_open(&r, o->answers, "init");
    while (!rc && (q = pb_init_next(in))) {
        pb_init_prompt(in, prompt, sizeof prompt);
        show_question(&r, q, &section, prompt, pb_init_default(in));
        const char *line = cli_lineread_next(&r);
        if (!line && r.el) {
            fprintf(stderr, "\npushback: init cancelled; nothing written\n");
            rc = 1;
        } else if (!line) {
            fprintf(stderr, "pushback: %s:%ld: the answers end before the question '%s' (%s)\n",
                    r.name, r.line + 1, prompt, q->key);
            rc = 3;
        } else {
            pb_error e;
            pb_status st = pb_init_answer(in, line, &e);
            if (st == PB_ERR_INVALID && !r.file)
                fprintf(stderr, "  %s; try again\n", e.msg);
            else if (st == PB_ERR_INVALID) {
                fprintf(stderr, "pushback: %s:%ld: %s (the answer to '%s')\n", r.name, r.line,
                        e.msg, prompt);
                rc = 3;
            } else if (st) {
                fprintf(stderr, "pushback: %s\n", e.msg);
                rc = 1;
            }
        }
    }
    if (!rc)
        rc = reader_rest(&r);
    cli_lineread_close(&r);
    return rc;
}

/* ==== Writing ==== */

/* Write 'len' bytes of 'text' to 'path' through a temporary file renamed into place. */
static int write_file(const char *path, const char *text, size_t len, bool force)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
        fprintf(stderr, "pushback: %s: path too long\n", path);
        return 1;
    }
    int fd = mkstemp(tmp);
    FILE *f = NULL;
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
        f = fdopen(fd, "w");
    }
    if (!f || fwrite(text, 1, len, f) != len || fflush(f) || ferror(f)) {
        fprintf(stderr, "pushback: %s: cannot write: %s\n", path, strerror(errno));
        if (f)
            fclose(f);
        else if (fd >= 0)
            close(fd);
        if (fd >= 0)
            unlink(tmp);
        return 1;
    }
    if (fclose(f) || (!force && exists(path)) || rename(tmp, path)) {
        int e = errno;
        unlink(tmp);
        if (!force && exists(path)) {
            fprintf(stderr, "pushback: %s: already exists; pass --force to overwrite it\n", path);
            return 2;
        }
        fprintf(stderr, "pushback: %s: cannot write: %s\n", path, strerror(e));
        return 1;
    }
    return 0;
}

static int write_out(const pb_init *in, const init_opts *o)
{
    char *text = NULL;
    size_t len = 0;
    pb_error e;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        fprintf(stderr, "pushback: out of memory\n");
        return 1;
    }
    pb_status st = pb_init_write(in, m, &e);
    if (fclose(m) && !st)
        st = pb_error_set(&e, PB_ERR_RUN, NULL, 0, "out of memory");
    int rc = st ? 1 : 0;
    if (st)
        fprintf(stderr, "pushback: %s\n", e.msg);
    else if (!o->output || !strcmp(o->output, "-")) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout)) {
            fprintf(stderr, "pushback: cannot write to standard output\n");
            rc = 1;
        }
    } else
        rc = write_file(o->output, text, len, o->force);
    free(text);
    return rc;
}

/* 'path' quoted for a shell when it needs it. */
static void shell_word(const char *path)
{
    if (path[strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                          "_-./+=:,@")] == '\0' &&
        *path) {
        fputs(path, stderr);
        return;
    }
    fputc('\'', stderr);
    for (const char *p = path; *p; p++)
        fputs(*p == '\'' ? "'\\''" : (char[]){*p, '\0'}, stderr);
    fputc('\'', stderr);
}

static void next_steps(const init_opts *o)
{
    bool file = o->output && strcmp(o->output, "-");
    if (file) {
        fputs("pushback: wrote ", stderr);
        shell_word(o->output);
    } else
        fputs("pushback: wrote the scenario to standard output; save it as a file", stderr);
    fputs(". Next:\n  pushback check ", stderr);
    file ? shell_word(o->output) : (void)fputs("FILE", stderr);
    fputs("    what a manager will still ask\n  pushback brief ", stderr);
    file ? shell_word(o->output) : (void)fputs("FILE", stderr);
    fputs("    the negotiation brief\n", stderr);
}

int cli_init_main(int argc, char **argv)
{
    init_opts o;
    int rc = parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    if (o.output && strcmp(o.output, "-") && !o.force && exists(o.output)) {
        fprintf(stderr, "pushback: %s: already exists; pass --force to overwrite it\n", o.output);
        return 2;
    }
    pb_init *in = pb_init_new();
    if (!in) {
        fprintf(stderr, "pushback: out of memory\n");
        return 1;
    }
    pb_error e;
    if (o.defaults && pb_init_fill_defaults(in, &e)) {
        fprintf(stderr, "pushback: %s\n", e.msg);
        rc = 1;
    } else if (!o.defaults)
        rc = ask(in, &o);
    if (rc <= 0)
        rc = write_out(in, &o);
    pb_init_free(in);
    if (!rc)
        next_steps(&o);
    if (fclose(stdout) && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
