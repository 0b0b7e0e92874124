/*
 * deal.c - 'pushback deal': evaluate one deal (the whole agreement) jointly.
 *
 * Its options name a deal (NEGOTIATION.md, "The deal"): the promise
 * (--deadline, --budget, --confidence), the team (--team ROLE=N,... or
 * --people N for the best allocation of N), one alternative per choice
 * (--choose), optional scope dropped (--drop) and further changes (--set).
 * The library evaluates it; this file parses, prints and picks the exit
 * status (0 evaluated, also when infeasible; 1 run failure; 2 usage; 3 a
 * scenario that does not load).
 */
#include "deal.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pushback/pushback.h>

#include "commands.h"
#include "common.h"
#include "ownparse.h"

typedef struct deal_cli {
    pb_deal d;
    pb_deal_opts o;
    const char *team, *scenario;
    const char **choose, **drop, **sets;
    size_t n_choose;
    int format; /* FORMAT_* */
} deal_cli;

/* One option of the table; returns -1 to go on, else an exit status. */
static int one_option(void *ctx, int ch, const char *arg)
{
    deal_cli *c = ctx;
    cli_run_values run = {&c->o.iterations, &c->o.seed, &c->o.threads, &c->format};
    long k;
    int rc = cli_run_flag("deal", ch, arg, &run);
    if (ch == 'n' && rc < 0) /* the first round is never over the cap */
        c->o.max_iterations =
            c->o.max_iterations > c->o.iterations ? c->o.max_iterations : c->o.iterations;
    if (rc != CLI_FLAG_OTHER)
        return rc;
    switch (ch) {
    case 'D':
        return cli_real(arg, &c->d.deadline) && c->d.deadline >= 0
                   ? -1
                   : cli_usage("deal", "--deadline needs a number >= 0, got '%s'", arg);
    case 'B':
        return cli_real(arg, &c->d.budget) && c->d.budget >= 0
                   ? -1
                   : cli_usage("deal", "--budget needs a number >= 0, got '%s'", arg);
    case 'C':
        return cli_real(arg, &c->d.confidence) && c->d.confidence > 0 && c->d.confidence < 1
                   ? -1
                   : cli_usage("deal", "--confidence needs a number in (0, 1), got '%s'", arg);
    case 'P':
        if (!cli_long(arg, 1, 100000, &k))
            return cli_usage("deal", "--people needs a whole number in [1, 100000], got '%s'", arg);
        c->d.people = (int)k;
        return -1;
    case 'T':
        c->team = arg;
        return -1;
    case 'M':
        c->o.metric = true;
        return -1;
    case 'X': /* the doubling's cap; at -n's count, exactly that many (as a brief's deals) */
        if (!cli_long(arg, 1, 2147483647L, &k))
            return cli_usage("deal", "--max-iterations needs a whole number >= 1, got '%s'", arg);
        c->o.max_iterations = (size_t)k;
        return -1;
    case 'c':
        return cli_push(&c->choose, &c->n_choose, arg) ? -1 : 1;
    case 'x':
        return cli_push(&c->drop, &c->d.n_drop, arg) ? -1 : 1;
    case 'S':
        if (!strchr(arg, '='))
            return cli_usage("deal", "--set needs PATH=VALUE, got '%s'", arg);
        return cli_push(&c->sets, &c->d.n_sets, arg) ? -1 : 1;
    default:
        return cli_usage("deal", "%s", "unknown option");
    }
}

static int parse(int argc, char **argv, deal_cli *c)
{
    static const struct option opts[] = {{"budget", required_argument, NULL, 'B'},
                                         {"choose", required_argument, NULL, 'c'},
                                         {"confidence", required_argument, NULL, 'C'},
                                         {"deadline", required_argument, NULL, 'D'},
                                         {"drop", required_argument, NULL, 'x'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {"iterations", required_argument, NULL, 'n'},
                                         {"max-iterations", required_argument, NULL, 'X'},
                                         {"metric", no_argument, NULL, 'M'},
                                         {"people", required_argument, NULL, 'P'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"set", required_argument, NULL, 'S'},
                                         {"team", required_argument, NULL, 'T'},
                                         {"threads", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    int rc = cli_getopt_loop("deal", argc, argv, ":hn:s:t:f:", opts, one_option, c);
    if (rc >= 0)
        return rc;
    if (c->team && c->d.people)
        return cli_usage("deal", "%s", "give --people or --team, not both");
    if (c->o.max_iterations < c->o.iterations) /* the first round is never over the cap */
        c->o.max_iterations = c->o.iterations;
    return cli_one_operand("deal", argc, argv, &c->scenario);
}

/* --team ROLE=N,... into team[] (n_roles entries, -1: as planned). */
static int resolve_team(const pb_scenario *s, const char *spec, int *team)
{
    char buf[1024];
    if (strlen(spec) >= sizeof buf)
        return cli_usage("deal", "%s", "--team is too long");
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(t, '=');
        long k;
        if (!eq)
            return cli_usage("deal", "--team needs ROLE=N,..., got '%s'", t);
        *eq = '\0';
        const pb_role *r = pb_scenario_role(s, t);
        if (!r)
            return cli_usage("deal", "--team: unknown role '%s'", t);
        if (!cli_long(eq + 1, 0, 100000, &k))
            return cli_usage(
                "deal", "--team: people must be a whole number in [0, 100000], got '%s'", eq + 1);
        team[r - s->roles] = (int)k;
    }
    return -1;
}

/* --choose CHOICE=ALT into alts[] (n_choices entries, NULL: the plan as written). */
static int resolve_choices(const pb_scenario *s, deal_cli *c, const char **alts)
{
    for (size_t i = 0; i < c->n_choose; i++) {
        char id[256];
        const char *eq = strchr(c->choose[i], '=');
        if (!eq || (size_t)(eq - c->choose[i]) >= sizeof id)
            return cli_usage("deal", "--choose needs CHOICE=ALT, got '%s'", c->choose[i]);
        snprintf(id, sizeof id, "%.*s", (int)(eq - c->choose[i]), c->choose[i]);
        const pb_choice *ch = pb_scenario_choice(s, id);
        if (!ch)
            return cli_usage("deal", "--choose: unknown choice '%s'", id);
        alts[ch - s->choices] = eq + 1;
    }
    return -1;
}

/*
 * A scenario with actuals (docs/track.md) is replaced by its remaining
 * scenario: the deal is for the work left from as_of, its deadline counted
 * from as_of and its budget less what was spent (said on stderr).
 */
static pb_status track_actuals(deal_cli *c, pb_scenario **s, pb_error *e)
{
    const char *path = c->scenario;
    pb_actuals *a = NULL;
    pb_scenario *rest = NULL;
    pb_status rc = pb_actuals_load(*s, path, &a, e);
    if (!rc && (a->n_ms || a->n_risks)) {
        rc = pb_track_remaining(*s, a, &rest, e);
        if (!rc) {
            fprintf(stderr,
                    "pushback: note: actuals as of %g %s: the deal is for the remaining work; "
                    "its times count from then, its money from what is spent\n",
                    a->as_of, (*s)->unit);
            if (isfinite(c->d.deadline))
                c->d.deadline = c->d.deadline > a->as_of ? c->d.deadline - a->as_of : 0.0;
            if (isfinite(c->d.budget) && isfinite(a->spent))
                c->d.budget = c->d.budget > a->spent ? c->d.budget - a->spent : 0.0;
            pb_scenario_free(*s);
            *s = rest;
        }
    }
    pb_actuals_free(a);
    return rc;
}

static int run(deal_cli *c)
{
    pb_error e;
    pb_scenario *s = NULL;
    pb_deal_result *r = NULL;
    if (pb_scenario_load(c->scenario, &s, &e) || track_actuals(c, &s, &e))
        return pb_scenario_free(s), cli_fail(&e);
    int *team = malloc((s->n_roles + 1) * sizeof *team);
    const char **alts = calloc(s->n_choices + 1, sizeof *alts);
    int rc = team && alts ? -1 : 1;
    for (size_t i = 0; team && i < s->n_roles; i++)
        team[i] = -1;
    if (rc < 0 && c->team)
        rc = resolve_team(s, c->team, team);
    if (rc < 0)
        rc = resolve_choices(s, c, alts);
    if (rc < 0) {
        c->d.team = c->team ? team : NULL;
        c->d.alternatives = alts;
        c->d.drop = c->drop;
        c->d.sets = c->sets;
        if (pb_deal_evaluate(s, &c->d, &c->o, &r, &e))
            rc = cli_fail(&e);
    }
    if (rc < 0) {
        pb_report_ctx ctx = {s, NULL, NULL, !getenv("NO_COLOR") && isatty(STDOUT_FILENO)};
        pb_status st = cli_writer_find("deal", c->format)(stdout, &ctx, r, &e);
        rc = st ? cli_fail(&e) : 0;
    }
    pb_deal_result_free(r);
    free(team);
    free(alts);
    pb_scenario_free(s);
    return rc;
}

int cli_deal_main(int argc, char **argv)
{
    deal_cli c;
    memset(&c, 0, sizeof c);
    c.d.deadline = c.d.budget = c.d.confidence = NAN;
    pb_deal_opts_init(&c.o);
    c.o.threads = cli_default_threads();
    int rc = parse(argc, argv, &c);
    if (rc < 0)
        rc = run(&c);
    free(c.choose);
    free(c.drop);
    free(c.sets);
    if (fclose(stdout) != 0 && !rc) {
        fprintf(stderr, "pushback: cannot write to standard output\n");
        rc = 1;
    }
    return rc;
}
