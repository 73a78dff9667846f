/*
 * pool.h - work on N threads, results taken in order on the calling thread.
 *
 * A cohort command reads thousands of portfolios and prints a row for
 * each, sorted.  Reading (files, YAML, git objects) is the cost and can
 * run side by side; printing must stay in order and on one thread.  So
 * workers fill slots i = 0..n-1 in any order, and the caller's thread
 * takes slot i only when it is ready, in order: the output is the same
 * whatever the number of threads.  At most a small window of slots is in
 * flight, so memory stays flat in n.
 */
#ifndef LP_POOL_H
#define LP_POOL_H

#include <stddef.h>

/*
 * Fill slot (slot_size bytes, zeroed) for item i, on a worker thread.
 * *state is the worker's own (NULL at first), for what it keeps between
 * items, e.g. an open repository; state_free gets it when the worker ends.
 */
typedef void (*lp_pool_work_fn)(void *arg, void **state, size_t i, void *slot);
/* Take item i's slot, on the calling thread, in order; then it is reused. */
typedef void (*lp_pool_take_fn)(void *arg, size_t i, void *slot);
/*
 * Optional: free what work put in a slot (a copy of it, once taken), on
 * the thread that filled it.  Memory freed by the thread that allocated
 * it stays in that thread's malloc arena; freed by the taker, every
 * block would cross threads and contend for the arena's lock, which was
 * most of what a second reading thread cost.
 */
typedef void (*lp_pool_clean_fn)(void *arg, void *slot);

struct lp_pool_job {
	size_t n;		/* items */
	size_t slot_size;
	lp_pool_work_fn work;
	lp_pool_take_fn take;
	lp_pool_clean_fn clean;	/* NULL: take frees what it must */
	void (*state_free)(void *state);
	void *arg;
};

/*
 * Run job on jobs threads, the calling thread among them (jobs <= 1, or
 * too few items: on the calling thread alone, with the same calls in the
 * same order).  Threads that cannot be started leave the work to the
 * others.  Returns 0.
 */
int lp_pool_run(const struct lp_pool_job *job, int jobs);
/* The number of threads -j 0 means: the processors online. */
int lp_pool_default_jobs(void);

#endif
