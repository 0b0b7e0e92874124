/*
 * lineread.c - one reader of answers for the interactive commands. At a
 * terminal, libedit gives emacs-style editing, a history of 200 lines and
 * tab completion from the caller's word list; from a pipe or a file,
 * getline reads lines of any length, strips a UTF-8 byte-order mark on the
 * first line and skips '#' comment lines.
 */
#include "lineread.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *prompt_of(EditLine *el)
{
    cli_lineread *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    return r->prompt;
}

/* Tab: complete the word before the cursor from r->words. */
static unsigned char complete(EditLine *el, int ch)
{
    cli_lineread *r = NULL;
    const LineInfo *li = el_line(el);
    (void)ch;
    el_get(el, EL_CLIENTDATA, &r);
    const char *start = li->cursor;
    while (start > li->buffer && start[-1] != ' ')
        start--;
    size_t len = (size_t)(li->cursor - start), n_hits = 0, common = 0;
    const char *first = NULL;
    for (size_t i = 0; r && i < r->n_words; i++) {
        const char *w = r->words[i];
        if (strncmp(w, start, len))
            continue;
        if (!first)
            common = strlen(w);
        for (size_t k = len; first && k < common; k++)
            if (w[k] != first[k])
                common = k;
        first = first ? first : w;
        n_hits++;
    }
    if (!n_hits)
        return CC_ERROR;
    if (n_hits == 1) {
        char *ins = strdup(first + len);
        size_t k = strlen(first);
        bool open = k && (first[k - 1] == '=' || first[k - 1] == '.'); /* a path goes on */
        int ok = ins && el_insertstr(el, ins) == 0 && (open || el_insertstr(el, " ") == 0);
        free(ins);
        return ok ? CC_REFRESH : CC_ERROR;
    }
    if (common > len) {
        char *ins = strndup(first + len, common - len);
        int ok = ins && el_insertstr(el, ins) == 0;
        free(ins);
        return ok ? CC_REFRESH : CC_ERROR;
    }
    fputc('\n', stderr);
    for (size_t i = 0; i < r->n_words; i++)
        if (!strncmp(r->words[i], start, len))
            fprintf(stderr, "%s  ", r->words[i]);
    fputc('\n', stderr);
    return CC_REDISPLAY;
}

static int open_terminal(cli_lineread *r, const char *cmd)
{
    HistEvent ev;
    if (!(r->el = el_init("pushback", stdin, stderr, stderr)) || !(r->hist = history_init())) {
        fprintf(stderr, "pushback: %s: cannot set up line editing\n", cmd);
        return 1;
    }
    history(r->hist, &ev, H_SETSIZE, 200);
    el_set(r->el, EL_CLIENTDATA, r);
    el_set(r->el, EL_PROMPT, prompt_of);
    el_set(r->el, EL_EDITOR, "emacs");
    el_set(r->el, EL_SIGNAL, 1);
    el_set(r->el, EL_HIST, history, r->hist);
    return 0;
}

int cli_lineread_open(cli_lineread *r, const char *path, const char *cmd)
{
    memset(r, 0, sizeof *r);
    r->comments = true;
    if (path) {
        r->file = true;
        r->name = strcmp(path, "-") ? path : "<stdin>";
        errno = 0;
        if (!strcmp(path, "-"))
            r->f = stdin;
        else if (!(r->f = fopen(path, "r"))) {
            fprintf(stderr, "pushback: %s: cannot read answers: %s\n", path, strerror(errno));
            return 3;
        }
        return 0;
    }
    r->name = "<stdin>";
    if (!isatty(STDIN_FILENO)) {
        r->f = stdin;
        return 0;
    }
    return open_terminal(r, cmd);
}

void cli_lineread_complete(cli_lineread *r, const char *const *words, size_t n_words)
{
    r->words = words;
    r->n_words = n_words;
    if (r->el && !r->completing) { /* bound once, and only for a caller that completes */
        el_set(r->el, EL_ADDFN, "pb-complete", "complete a command or a what-if path", complete);
        el_set(r->el, EL_BIND, "^I", "pb-complete", NULL);
        r->completing = true;
    }
}

void cli_lineread_close(cli_lineread *r)
{
    if (r->el)
        el_end(r->el);
    if (r->hist)
        history_end(r->hist);
    if (r->f && r->f != stdin)
        fclose(r->f);
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* A line from libedit, copied without its line end, entered into the history. */
static const char *next_edited(cli_lineread *r)
{
    int n = 0;
    const char *s = el_gets(r->el, &n);
    if (!s || n <= 0)
        return NULL;
    r->line++;
    size_t len = strcspn(s, "\r\n");
    if (len + 1 > r->cap) {
        char *b = realloc(r->buf, len + 1);
        if (!b)
            return NULL;
        r->buf = b;
        r->cap = len + 1;
    }
    memcpy(r->buf, s, len);
    r->buf[len] = '\0';
    if (len) {
        HistEvent ev;
        history(r->hist, &ev, H_ENTER, r->buf);
    }
    return r->buf;
}

const char *cli_lineread_next(cli_lineread *r)
{
    if (r->el)
        return next_edited(r);
    if (!r->file && r->prompt[0]) /* not the terminal: a whole line, so messages start anew */
        fprintf(stderr, "%s\n", r->prompt);
    ssize_t n;
    while ((n = getline(&r->buf, &r->cap, r->f)) >= 0) {
        r->line++;
        r->buf[strcspn(r->buf, "\r\n")] = '\0';
        if (r->line == 1 && !strncmp(r->buf, "\xEF\xBB\xBF", 3)) /* a UTF-8 byte-order mark */
            memmove(r->buf, r->buf + 3, strlen(r->buf + 3) + 1);
        if (!r->comments || r->buf[0] != '#')
            return r->buf;
    }
    return NULL;
}
