/*
 * rehearse.c - 'make bench': the time of one rehearsal turn at the default
 * precision on each bundled scenario. A turn is the answer read
 * (pb_answer_parse) and taken (pb_rehearsal_answer), which evaluates the
 * changed deal once with pb_deal_evaluate. Every answer here is a
 * counter-offer that changes the deal (the date and the head count move
 * each turn), so every turn timed evaluates a deal.
 * usage: build/bench_rehearse [scenario.cfg ...] (default: the bundled scenarios)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include <pushback/pushback.h>
#include <pushback/rehearsal.h>

static double now_ms(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * Time the turns of one session; returns how many were timed into ms[]
 * (wall clock) and cpu[] (processor time of every thread: on a loaded
 * machine the wall clock includes waiting for a core).
 */
static size_t session(pb_rehearsal *r, const pb_scenario *s, double *ms, double *cpu, size_t cap)
{
    size_t n = 0;
    double d = isfinite(s->ask_deadline) ? s->ask_deadline : 20;
    for (size_t k = 0; n < cap && pb_rehearsal_next(r); k++) {
        char text[128];
        snprintf(text, sizeof text, "we can do %.0f %s if we take %zu people", d + (double)k,
                 s->unit, 3 + k % 4);
        pb_answer_context ctx;
        pb_answer a;
        pb_error e;
        double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
        pb_rehearsal_context(r, &ctx);
        if (pb_answer_parse(text, &ctx, &a, &e) || pb_rehearsal_answer(r, text, &a, &e))
            break;
        cpu[n] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
        ms[n++] = now_ms(CLOCK_MONOTONIC) - t0;
    }
    return n;
}

static int one(const char *path)
{
    pb_scenario *s = NULL;
    pb_rulebook *rb = NULL;
    pb_brief *b = NULL;
    pb_rehearsal *r = NULL;
    pb_error e;
    pb_brief_opts bo;
    pb_brief_opts_init(&bo);
    bo.iterations = 20000;
    bo.threads = 2;
    pb_rehearsal_opts ro;
    pb_rehearsal_opts_init(&ro);
    ro.threads = 2;
    int rc = 1;
    if (pb_scenario_load(path, &s, &e) ||
        pb_rulebook_load("scenarios/rulebooks/product.cfg", s, &rb, &e) ||
        pb_brief_run(s, rb, &bo, &b, &e) || pb_rehearsal_start(b, &ro, &r, &e)) {
        fprintf(stderr, "bench: %s: %s\n", path, e.msg);
        goto out;
    }
    double ms[64], cpu[64];
    size_t n = session(r, s, ms, cpu, 64);
    if (n) {
        qsort(ms, n, sizeof *ms, cmp);
        qsort(cpu, n, sizeof *cpu, cmp);
        printf("   %-36s %2zu turns: wall median %6.1f ms, max %6.1f ms; cpu median %6.1f ms, "
               "max %6.1f ms\n",
               path, n, ms[n / 2], ms[n - 1], cpu[n / 2], cpu[n - 1]);
        rc = 0;
    }
out:
    pb_rehearsal_free(r);
    pb_brief_free(b);
    pb_rulebook_free(rb);
    pb_scenario_free(s);
    return rc;
}

int main(int argc, char **argv)
{
    static const char *const bundled[] = {"scenarios/defect-segmentation.cfg",
                                          "scenarios/fcw-week12.cfg", "scenarios/fcw.cfg",
                                          "scenarios/first.cfg", "scenarios/triage-assistant.cfg"};
    gsl_set_error_handler_off();
    printf("== rehearse: time per turn (answer read, deal evaluated at %d iterations, 2 threads)\n",
           PB_REHEARSAL_ITERATIONS);
    int rc = 0;
    if (argc > 1)
        for (int i = 1; i < argc; i++)
            rc |= one(argv[i]);
    else
        for (size_t i = 0; i < sizeof bundled / sizeof bundled[0]; i++)
            rc |= one(bundled[i]);
    printf("   target: under 100 ms\n");
    return rc;
}
