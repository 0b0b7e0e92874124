/*
 * parallel.h - the library's one parallel-for (internal).
 *
 * Two shapes over POSIX threads, both honouring the caller's thread count
 * (the CLI's --threads) with no hidden cap: pb__par_run runs one function on
 * every thread, each told its index (for work split in fixed stripes, or
 * workers that take blocks from a shared counter); pb__par_items hands items
 * out one at a time from a counter, for work whose items take uneven time.
 * The calling thread always works too, and a thread that cannot be created
 * has its share done by the caller, so results never depend on how many
 * threads actually ran: each item's result must depend only on the item.
 */
#ifndef PUSHBACK_BASE_PARALLEL_H
#define PUSHBACK_BASE_PARALLEL_H

#include <stddef.h>

#include <pushback/error.h>

/* fn(arg, tid, nt) on thread tid of nt. */
typedef void (*pb__par_fn)(void *arg, unsigned tid, unsigned nt);

/* Run fn(arg, tid, nt) for tid = 0 .. nt - 1 (nt 0 counts as 1) and wait for all. */
void pb__par_run(unsigned nt, pb__par_fn fn, void *arg);

/* One item: fill *err and return non-zero to stop handing out items. */
typedef pb_status (*pb__par_item_fn)(void *arg, size_t i, pb_error *err);

/*
 * Call fn(arg, i, err) for i in [first, n) on up to nt threads (never more
 * threads than items). After a failure no further item is handed out; the
 * failure of the lowest item index is returned with its error (err may be
 * NULL), so the answer does not depend on the thread count.
 */
pb_status pb__par_items(unsigned nt, size_t first, size_t n, pb__par_item_fn fn, void *arg,
                        pb_error *err);

#endif
