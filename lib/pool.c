/*
 * pool.c - the ordered worker pool of pool.h.
 *
 * One mutex and two condition variables: workers wait for room in the
 * window, the taker waits for the next slot in order.  A slot is given
 * back only after it was taken, so a worker never overwrites a result
 * that has not been printed.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "pool.h"

/* Slots in flight per worker: enough to hide one slow portfolio. */
#define SLOTS_PER_WORKER 4

struct pool {
	const struct lp_pool_job *job;
	size_t window;
	unsigned char *slots;
	unsigned char *ready;	/* per slot: filled and not yet taken */
	size_t next;		/* the next item a worker takes */
	size_t taken;		/* items taken in order so far */
	pthread_mutex_t mu;
	pthread_cond_t room;	/* a slot came free */
	pthread_cond_t filled;	/* a slot was filled */
};

static void *
slot_at(struct pool *p, size_t i)
{
	return p->slots + (i % p->window) * p->job->slot_size;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	const struct lp_pool_job *job = p->job;
	void *state = NULL;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&p->mu);
		while (p->next < job->n && p->next >= p->taken + p->window)
			pthread_cond_wait(&p->room, &p->mu);
		if (p->next >= job->n) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		i = p->next++;
		pthread_mutex_unlock(&p->mu);

		job->work(job->arg, &state, i, slot_at(p, i));

		pthread_mutex_lock(&p->mu);
		p->ready[i % p->window] = 1;
		pthread_cond_broadcast(&p->filled);
		pthread_mutex_unlock(&p->mu);
	}
	if (state && job->state_free)
		job->state_free(state);
	return NULL;
}

static void
run_inline(const struct lp_pool_job *job)
{
	void *slot = lp_xcalloc(1, job->slot_size ? job->slot_size : 1);
	void *state = NULL;

	for (size_t i = 0; i < job->n; i++) {
		memset(slot, 0, job->slot_size);
		job->work(job->arg, &state, i, slot);
		job->take(job->arg, i, slot);
	}
	if (state && job->state_free)
		job->state_free(state);
	free(slot);
}

static void
take_in_order(struct pool *p)
{
	const struct lp_pool_job *job = p->job;

	for (size_t i = 0; i < job->n; i++) {
		void *slot = slot_at(p, i);

		pthread_mutex_lock(&p->mu);
		while (!p->ready[i % p->window])
			pthread_cond_wait(&p->filled, &p->mu);
		pthread_mutex_unlock(&p->mu);

		job->take(job->arg, i, slot);
		memset(slot, 0, job->slot_size);

		pthread_mutex_lock(&p->mu);
		p->ready[i % p->window] = 0;
		p->taken = i + 1;
		pthread_cond_broadcast(&p->room);
		pthread_mutex_unlock(&p->mu);
	}
}

int
lp_pool_run(const struct lp_pool_job *job, int jobs)
{
	struct pool p;
	pthread_t *tids;
	int started = 0;

	if (jobs > (int)job->n)
		jobs = (int)job->n;
	if (jobs <= 1) {
		run_inline(job);
		return 0;
	}
	memset(&p, 0, sizeof p);
	p.job = job;
	p.window = (size_t)jobs * SLOTS_PER_WORKER;
	p.slots = lp_xcalloc(p.window, job->slot_size ? job->slot_size : 1);
	p.ready = lp_xcalloc(p.window, 1);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.room, NULL);
	pthread_cond_init(&p.filled, NULL);
	tids = lp_xcalloc((size_t)jobs, sizeof *tids);
	for (; started < jobs; started++)
		if (pthread_create(&tids[started], NULL, worker, &p) != 0)
			break;
	if (started == 0) {
		lp_error("cannot start a reading thread; reading on one");
		run_inline(job);
	} else {
		/* Fewer threads than asked still read everything. */
		take_in_order(&p);
	}
	for (int t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	pthread_cond_destroy(&p.filled);
	pthread_cond_destroy(&p.room);
	pthread_mutex_destroy(&p.mu);
	free(tids);
	free(p.ready);
	free(p.slots);
	return 0;
}

int
lp_pool_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}
