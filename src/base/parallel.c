/*
 * parallel.c - the parallel-for (see parallel.h).
 *
 * pb__par_run starts nt - 1 threads and works as thread 0 itself; a thread
 * that cannot be created has its stripe run by the caller after its own.
 * pb__par_items is pb__par_run over workers that take the next item index
 * from a counter under a mutex and keep the failure of the lowest index.
 */
#include "base/parallel.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct par_job {
    pb__par_fn fn;
    void *arg;
    unsigned tid, nt;
} par_job;

static void *par_main(void *a)
{
    par_job *j = a;
    j->fn(j->arg, j->tid, j->nt);
    return NULL;
}

void pb__par_run(unsigned nt, pb__par_fn fn, void *arg)
{
    nt = nt < 1 ? 1 : nt;
    pthread_t *th = nt > 1 ? malloc(nt * sizeof *th) : NULL;
    par_job *jobs = nt > 1 ? malloc(nt * sizeof *jobs) : NULL;
    unsigned started = 0; /* threads 1 .. started run */
    for (unsigned t = 1; th && jobs && t < nt; t++) {
        jobs[t] = (par_job){fn, arg, t, nt};
        if (pthread_create(&th[t], NULL, par_main, &jobs[t]) != 0)
            break;
        started = t;
    }
    fn(arg, 0, nt);
    for (unsigned t = started + 1; t < nt; t++)
        fn(arg, t, nt); /* threads that could not start: their share here */
    for (unsigned t = 1; t <= started; t++)
        pthread_join(th[t], NULL);
    free(th);
    free(jobs);
}

typedef struct items_job {
    pb__par_item_fn fn;
    void *arg;
    size_t next, n;
    pthread_mutex_t mu;
    size_t failed_at; /* lowest failed index, SIZE_MAX when none */
    pb_status rc;
    pb_error err;
} items_job;

static void items_worker(void *a, unsigned tid, unsigned nt)
{
    items_job *J = a;
    (void)tid;
    (void)nt;
    for (;;) {
        pthread_mutex_lock(&J->mu);
        size_t i = J->next++;
        int stop = J->failed_at != SIZE_MAX || i >= J->n;
        pthread_mutex_unlock(&J->mu);
        if (stop)
            return;
        pb_error e = {0};
        pb_status rc = J->fn(J->arg, i, &e);
        if (!rc)
            continue;
        pthread_mutex_lock(&J->mu);
        if (i < J->failed_at) {
            J->failed_at = i;
            J->rc = rc;
            J->err = e;
        }
        pthread_mutex_unlock(&J->mu);
    }
}

pb_status pb__par_items(unsigned nt, size_t first, size_t n, pb__par_item_fn fn, void *arg,
                        pb_error *err)
{
    items_job J = {fn, arg, first, n, PTHREAD_MUTEX_INITIALIZER, SIZE_MAX, PB_OK, {0}};
    size_t todo = n > first ? n - first : 0;
    if (!todo)
        return PB_OK;
    if (nt > todo)
        nt = (unsigned)todo;
    pb__par_run(nt, items_worker, &J);
    pthread_mutex_destroy(&J.mu);
    if (J.rc && err)
        *err = J.err;
    return J.rc;
}
