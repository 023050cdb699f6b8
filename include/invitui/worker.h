/* worker: background job threads that never block the UI thread.
 *
 * The UI thread sleeps in poll() on stdin, worker_wake_fd() and a timer. Work that may block
 * (HTTP requests) is wrapped in a struct job and handed to worker_submit(); a worker thread
 * calls job->run(), then the job goes on a completion list and the wake fd becomes readable.
 * The UI thread then calls worker_drain(), which calls job->done() for every finished job, in
 * completion order, on the UI thread. No curses, no store, no locale changes in run().
 *
 * Ownership: the caller allocates the job (usually embedded in its own struct, see
 * JOB_CONTAINER) and lends it to the worker from worker_submit() until done() is called — done()
 * may free it or submit it again — or until worker_free() hands it to job->destroy().
 *
 * Threads: worker_new, worker_drain and worker_free belong to the owner (UI) thread, and done()
 * runs there. worker_submit, worker_cancel, worker_cancel_all and worker_in_flight may be called
 * from any thread, including from done(). worker_wake is async-signal-safe (a signal handler may
 * use it to interrupt the UI's poll). Worker threads start with every signal blocked except
 * SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT, so that a crash in run() reaches the process's
 * handler (which restores the terminal) on the thread that crashed.
 *
 * Cancellation: a queued job is never run; it is completed at once with ran = false and
 * cancelled = true. A running job sees *cancel become non-zero and should return early (pass the
 * pointer to a curl progress callback); it is completed with cancelled = true. A cancelled
 * write may still have happened on the server: done() must say "outcome unknown". */
#ifndef INVITUI_WORKER_H
#define INVITUI_WORKER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct job {
    /* Set by the caller before worker_submit(). run is required. */
    /* On a worker thread; thread_ctx is what the options' thread_init returned. */
    void (*run)(struct job *job, void *thread_ctx, const atomic_int *cancel);
    /* On the owner thread, from worker_drain(); may free the job. May be NULL. */
    void (*done)(struct job *job);
    /* From worker_free() for jobs that were never delivered; may free the job. May be NULL. */
    void (*destroy)(struct job *job);

    /* Set by the worker; read them in done(). */
    uint64_t id;    /* from worker_submit(), never 0 */
    bool ran;       /* run() was called (false: cancelled before it started) */
    bool cancelled; /* cancellation was requested before the job completed */

    /* Private to worker.c. */
    atomic_int cancel;
    struct job *next;
};

/* The struct that embeds a job: JOB_CONTAINER(job, struct my_request, job). */
#define JOB_CONTAINER(ptr, type, member) ((type *)(void *)((char *)(ptr)-offsetof(type, member)))

struct worker_options {
    int nthreads; /* concurrency bound, >= 1: at most this many run() calls at once */
    /* Called on each worker thread before its first job; the result is passed to every run()
     * on that thread (e.g. a libcurl handle, which must not be shared between threads). */
    void *(*thread_init)(void *arg);
    /* Called on that thread when it stops, with what thread_init returned. */
    void (*thread_fini)(void *thread_ctx, void *arg);
    void *arg;
};

struct worker;

/* Starts the threads. NULL with errno set if the wake pipe or a thread cannot be created. */
struct worker *worker_new(int nthreads);
struct worker *worker_new_opts(const struct worker_options *opt);

/* Stops the threads: requests cancellation of running jobs, waits for them to return (run()
 * must honour *cancel for this to be prompt), then calls destroy() on every job not delivered
 * (queued, finished but not drained). done() is not called. NULL is a no-op. Owner thread. */
void worker_free(struct worker *w);

/* The fd to poll for POLLIN: readable when at least one job has completed. Owner thread. */
int worker_wake_fd(const struct worker *w);

/* Makes the wake fd readable without a completed job (signal handlers, other threads). */
void worker_wake(struct worker *w);

/* Queues the job (FIFO) and returns its id (> 0). Any thread. */
uint64_t worker_submit(struct worker *w, struct job *job);

/* Cancels the job with this id if it is queued or running: true if found. A job that has
 * completed already (delivered or not) is not affected. Any thread. */
bool worker_cancel(struct worker *w, uint64_t id);

/* Cancels the job with this id only if it is still queued (never started): true if so. A
 * running job is left to finish, since its request may already be on the server and stopping
 * it would only lose the answer. Any thread. */
bool worker_cancel_queued(struct worker *w, uint64_t id);

/* Cancels every queued and running job. Any thread. */
void worker_cancel_all(struct worker *w);

/* Jobs submitted whose done() has not been called yet (queued, running or waiting for
 * worker_drain): the UI shows a spinner while this is non-zero, and test scripts wait for 0. */
size_t worker_in_flight(struct worker *w);

/* Empties the wake fd, then calls done() for every completed job in completion order. Jobs that
 * complete meanwhile make the fd readable again. Returns the number of jobs delivered. Owner
 * thread. */
size_t worker_drain(struct worker *w);

/* For run(): has cancellation been requested? */
static inline bool job_cancel_requested(const atomic_int *cancel)
{
    return atomic_load_explicit(cancel, memory_order_relaxed) != 0;
}

#endif
