/*
 * main.c - the pushback command line.
 *
 * It finds the command in COMMANDS[] (commands.c) and runs it: through the
 * common parser (options.c) or with its own argv; it alone owns signals and
 * the exit codes (0 done, 1 failure while running, 2 bad usage, 3
 * unreadable or invalid scenario). Reports written with -o go through
 * output.c: complete or not at all, never onto an input, special files in
 * place; an interrupted or failed run never leaves half a report.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "options.h"
#include "output.h"
#include "run.h"

/*
 * SIGINT, SIGTERM and SIGHUP: the first stops the run at the next block (the
 * command then reports what it has on standard output and exits 1, writing no
 * -o file). While an -o file is being written, or at a second signal, the
 * report's temporary file is removed and the program ends at once, with 1.
 */
static void on_signal(int sig)
{
    static const char msg[] = "pushback: interrupted: nothing written\n";
    (void)sig;
    if (output_abandon() || cli_interrupted) {
        if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
            /* nothing more can be done in a signal handler */
        }
        _exit(1);
    }
    cli_interrupted = 1;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a read or an open waiting for input returns */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* A command of the common parser: parse, catch signals, run, close stdout. */
static int run_command(const cli_command *c, int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(argc, argv, c, &o);
    if (rc >= 0) {
        cli_opts_release(&o);
        return rc;
    }
    catch_signals(); /* for these commands only (the others keep the defaults) */
    rc = c->run(&o);
    cli_opts_release(&o);
    if (cli_interrupted && !rc)
        rc = 1;
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}

int main(int argc, char **argv)
{
    cli_help_redispatch(&argc, &argv);
    gsl_set_error_handler_off();
    int rc = cli_top_level(argc, argv);
    if (rc >= 0)
        return rc;
    const cli_command *c = cli_command_find(argv[1]);
    return c->main ? c->main(argc - 1, argv + 1) : run_command(c, argc, argv);
}
