/*
 * pool.c - the ordered worker pool of pool.h.
 *
 * jobs threads in all: the calling thread is one of them.  It takes
 * slots in order whenever the next one is ready and reads items itself
 * otherwise, so on N processors N threads read and none sits waiting to
 * print.  One mutex; a condition variable each for the workers (a slot
 * came free) and the caller (a slot was filled), signalled only when
 * somebody waits on it, since a wake-up per portfolio costs as much as
 * reading a small one.  A slot is given back only after it was taken,
 * so a worker never overwrites a result that has not been printed.
 *
 * With job->clean, a taken slot goes back to the thread that filled it:
 * copied onto that thread's queue of slots to clean, which the thread
 * empties before it reads its next item.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "pool.h"

/* Slots in flight per thread: enough to hide one slow portfolio. */
#define SLOTS_PER_WORKER 4

/* Taken slots, copied, for their filler to clean. */
struct to_clean {
	unsigned char *v;
	size_t n, cap;		/* in slots */
	int gone;		/* the thread has ended: the taker cleans */
};

struct pool {
	const struct lp_pool_job *job;
	size_t window;
	unsigned char *slots;
	unsigned char *ready;	/* per slot: filled and not yet taken */
	int *filler;		/* per slot: the thread that filled it (0: the caller) */
	struct to_clean *dirty;	/* per thread */
	size_t next;		/* the next item a thread reads */
	size_t taken;		/* items taken in order so far */
	pthread_mutex_t mu;
	pthread_cond_t room;	/* a slot came free */
	pthread_cond_t filled;	/* the slot the caller waits for was filled */
	int workers_waiting;
	int caller_waiting;
};

static void *
slot_at(struct pool *p, size_t i)
{
	return p->slots + (i % p->window) * p->job->slot_size;
}

/* With p->mu held: whether item p->next may be read now. */
static int
has_room(const struct pool *p)
{
	return p->next < p->job->n && p->next < p->taken + p->window;
}

/* Read item i into its slot (p->mu not held), then mark it ready. */
static void
fill(struct pool *p, int self, void **state, size_t i)
{
	p->job->work(p->job->arg, state, i, slot_at(p, i));
	pthread_mutex_lock(&p->mu);
	p->filler[i % p->window] = self;
	p->ready[i % p->window] = 1;
	if (p->caller_waiting && i == p->taken)
		pthread_cond_signal(&p->filled);
}

/*
 * With p->mu held: clean what thread self filled and was taken since,
 * with the lock let go meanwhile (taken again before returning).
 */
static void
clean_mine(struct pool *p, int self)
{
	struct to_clean mine = p->dirty[self];

	if (mine.n == 0)
		return;
	memset(&p->dirty[self], 0, sizeof mine);
	p->dirty[self].gone = mine.gone;
	pthread_mutex_unlock(&p->mu);
	for (size_t k = 0; k < mine.n; k++)
		p->job->clean(p->job->arg, mine.v + k * p->job->slot_size);
	free(mine.v);
	pthread_mutex_lock(&p->mu);
}

/* With p->mu held: slot (taken) back to its filler, or cleaned here. */
static void
give_back(struct pool *p, void *slot, int filler)
{
	struct to_clean *q = &p->dirty[filler];
	size_t size = p->job->slot_size;

	if (filler == 0 || q->gone) {
		pthread_mutex_unlock(&p->mu);
		p->job->clean(p->job->arg, slot);
		pthread_mutex_lock(&p->mu);
		return;
	}
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 8;
		q->v = lp_xreallocarray(q->v, q->cap, size);
	}
	memcpy(q->v + q->n++ * size, slot, size);
}

struct worker_arg {
	struct pool *p;
	int self;
};

static void *
worker(void *arg)
{
	struct worker_arg *wa = arg;
	struct pool *p = wa->p;
	int self = wa->self;
	void *state = NULL;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (p->job->clean)
			clean_mine(p, self);
		if (p->next < p->job->n && !has_room(p)) {
			p->workers_waiting++;
			pthread_cond_wait(&p->room, &p->mu);
			p->workers_waiting--;
			continue;
		}
		if (p->next >= p->job->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->mu);
		fill(p, self, &state, i);	/* returns with p->mu held */
	}
	/* What is taken from now on, the taker cleans. */
	p->dirty[self].gone = 1;
	if (p->job->clean)
		clean_mine(p, self);
	pthread_mutex_unlock(&p->mu);
	if (state && p->job->state_free)
		p->job->state_free(state);
	return NULL;
}

/* The calling thread: take what is ready in order, read when it is not. */
static void
take_and_read(struct pool *p)
{
	const struct lp_pool_job *job = p->job;
	void *state = NULL;

	pthread_mutex_lock(&p->mu);
	while (p->taken < job->n) {
		size_t i = p->taken;

		if (p->ready[i % p->window]) {
			pthread_mutex_unlock(&p->mu);
			job->take(job->arg, i, slot_at(p, i));
			pthread_mutex_lock(&p->mu);
			if (job->clean)
				give_back(p, slot_at(p, i), p->filler[i % p->window]);
			memset(slot_at(p, i), 0, job->slot_size);
			p->ready[i % p->window] = 0;
			p->taken = i + 1;
			if (p->workers_waiting)
				pthread_cond_broadcast(&p->room);
		} else if (has_room(p)) {
			size_t mine = p->next++;

			pthread_mutex_unlock(&p->mu);
			fill(p, 0, &state, mine);
		} else {
			p->caller_waiting = 1;
			pthread_cond_wait(&p->filled, &p->mu);
			p->caller_waiting = 0;
		}
	}
	pthread_mutex_unlock(&p->mu);
	if (state && job->state_free)
		job->state_free(state);
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
		if (job->clean)
			job->clean(job->arg, slot);
	}
	if (state && job->state_free)
		job->state_free(state);
	free(slot);
}

int
lp_pool_run(const struct lp_pool_job *job, int jobs)
{
	struct pool p;
	pthread_t *tids;
	struct worker_arg *args;
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
	p.filler = lp_xcalloc(p.window, sizeof *p.filler);
	p.dirty = lp_xcalloc((size_t)jobs, sizeof *p.dirty);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.room, NULL);
	pthread_cond_init(&p.filled, NULL);
	/* The calling thread is one of the jobs. */
	tids = lp_xcalloc((size_t)jobs - 1, sizeof *tids);
	args = lp_xcalloc((size_t)jobs - 1, sizeof *args);
	for (; started < jobs - 1; started++) {
		args[started] = (struct worker_arg){ &p, started + 1 };
		if (pthread_create(&tids[started], NULL, worker, &args[started]) != 0)
			break;
	}
	/* Fewer threads than asked (even none) still read everything. */
	take_and_read(&p);
	for (int t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	pthread_cond_destroy(&p.filled);
	pthread_cond_destroy(&p.room);
	pthread_mutex_destroy(&p.mu);
	free(tids);
	free(args);
	free(p.dirty);
	free(p.filler);
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
