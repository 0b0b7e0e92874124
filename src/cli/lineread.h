/*
 * lineread.h - reading answers one line at a time, shared by 'init' and
 * 'rehearse': libedit's line editing, history and tab completion when
 * standard input is a terminal; getline (no length limit) from a pipe or a
 * file otherwise.
 */
#ifndef PUSHBACK_CLI_LINEREAD_H
#define PUSHBACK_CLI_LINEREAD_H

#include <histedit.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A line reader; caller-owned, set up by cli_lineread_open, released by cli_lineread_close. */
typedef struct cli_lineread {
    FILE *f;          /* the answers file or stdin; NULL at a terminal */
    const char *name; /* for messages: the file, or "<stdin>" */
    bool file;        /* answers from a file (or --answers -): no prompts */
    bool comments;    /* lines starting with '#' are skipped (default true; not at a terminal) */
    long line;        /* lines read */
    EditLine *el;     /* NULL unless at a terminal */
    History *hist;
    char *buf;
    size_t cap;
    const char *const *words; /* tab completion (borrowed), see cli_lineread_complete */
    size_t n_words;
    bool completing;   /* Tab is bound to the completion */
    char prompt[8192]; /* the prompt; the caller writes it before each cli_lineread_next */
} cli_lineread;

/*
 * Set 'r' up to read 'path' (a file of answers, "-" for standard input read
 * as a file), or with 'path' NULL standard input: at a terminal with
 * libedit, otherwise as a pipe (each prompt printed on stderr as a line of
 * its own). Returns 0, or the exit status after printing why on stderr:
 * 3 when the file cannot be read, 1 when line editing cannot be set up
 * ("pushback: CMD: cannot set up line editing"). Call cli_lineread_close
 * either way.
 */
int cli_lineread_open(cli_lineread *r, const char *path, const char *cmd);

/*
 * Complete the word before the cursor from 'words' (borrowed: they must
 * outlive the reader, or be replaced) when Tab is pressed at a terminal: a
 * single match is inserted with a space after it (none after a word ending
 * in '=' or '.', such as "team.ml="); with several, their common start is
 * inserted or, when there is none to add, they are listed. No effect
 * elsewhere.
 */
void cli_lineread_complete(cli_lineread *r, const char *const *words, size_t n_words);

/*
 * The next line without its line end, or NULL at the end of input (Ctrl-D
 * at a terminal) or when memory runs out. At a terminal a non-empty line
 * enters the history. The text is valid until the next call.
 */
const char *cli_lineread_next(cli_lineread *r);

/* Release what 'r' holds and close its file; a zeroed 'r' is fine. */
void cli_lineread_close(cli_lineread *r);

#endif
