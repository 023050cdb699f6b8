#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/util.h"
#include "invitui/worker.h"

/* Every wait in here is bounded by a deadline: a broken worker fails, it does not hang. */
#define DEADLINE_MS 5000

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void nap(void)
{
    struct timespec ts = {0, 1000000}; /* 1 ms between polls of a condition */
    nanosleep(&ts, NULL);
}

static bool fd_readable(int fd, int timeout_ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN);
}

static bool wait_flag(atomic_int *flag, int value)
{
    long end = now_ms() + DEADLINE_MS;
    while (atomic_load(flag) != value)
        if (now_ms() > end)
            return false;
        else
            nap();
    return true;
}

/* Polls the wake fd and drains until n jobs were delivered in total. */
static size_t drain_until(struct worker *w, size_t n)
{
    size_t got = 0;
    long end = now_ms() + DEADLINE_MS;

    while (got < n) {
        long left = end - now_ms();
        if (left <= 0 || !fd_readable(worker_wake_fd(w), (int)left))
            break;
        got += worker_drain(w);
    }
    return got;
}

struct tjob {
    struct job job;
    pthread_t run_thread, done_thread;
    atomic_int *gate;        /* run waits until *gate != 0 (or cancel), if set */
    atomic_int *started;     /* set to 1 when run starts */
    atomic_int *current, *max_seen;
    int *order, *norder;     /* done order */
    int seq;
    bool run_called, saw_cancel, done_called;
    void *ctx_seen;
    int *destroyed;
};

static void tjob_run(struct job *job, void *ctx, const atomic_int *cancel)
{
    struct tjob *t = JOB_CONTAINER(job, struct tjob, job);
    long end = now_ms() + DEADLINE_MS;

    t->run_called = true;
    t->run_thread = pthread_self();
    t->ctx_seen = ctx;
    if (t->current) {
        int cur = atomic_fetch_add(t->current, 1) + 1;
        int m = atomic_load(t->max_seen);
        while (cur > m && !atomic_compare_exchange_weak(t->max_seen, &m, cur))
            ;
    }
    if (t->started)
        atomic_store(t->started, 1);
    while (t->gate && !atomic_load(t->gate) && now_ms() < end) {
        if (job_cancel_requested(cancel)) {
            t->saw_cancel = true;
            break;
        }
        nap();
    }
    if (t->current)
        atomic_fetch_sub(t->current, 1);
}

static void tjob_done(struct job *job)
{
    struct tjob *t = JOB_CONTAINER(job, struct tjob, job);
    t->done_called = true;
    t->done_thread = pthread_self();
    if (t->order)
        t->order[(*t->norder)++] = t->seq;
}

static void tjob_destroy(struct job *job)
{
    struct tjob *t = JOB_CONTAINER(job, struct tjob, job);
    (*t->destroyed)++;
    free(t);
}

static void tjob_init(struct tjob *t)
{
    memset(t, 0, sizeof *t);
    t->job.run = tjob_run;
    t->job.done = tjob_done;
}

static void runs_off_thread_done_on_caller(void **state)
{
    struct tjob t;
    (void)state;

    struct worker *w = worker_new(2);
    assert_non_null(w);
    assert_false(fd_readable(worker_wake_fd(w), 0));
    assert_int_equal(worker_in_flight(w), 0);
    tjob_init(&t);
    uint64_t id = worker_submit(w, &t.job);
    assert_true(id > 0);
    assert_int_equal(t.job.id, id);
    assert_int_equal(worker_in_flight(w), 1);

    /* completion wakes the fd; done waits for drain */
    assert_true(fd_readable(worker_wake_fd(w), DEADLINE_MS));
    assert_false(t.done_called);
    assert_int_equal(worker_in_flight(w), 1);
    assert_int_equal(worker_drain(w), 1);
    assert_true(t.done_called);
    assert_true(t.run_called);
    assert_false(pthread_equal(t.run_thread, pthread_self()));
    assert_true(pthread_equal(t.done_thread, pthread_self()));
    assert_true(t.job.ran);
    assert_false(t.job.cancelled);
    assert_int_equal(worker_in_flight(w), 0);
    /* drained: the fd is quiet again and a second drain delivers nothing */
    assert_false(fd_readable(worker_wake_fd(w), 0));
    assert_int_equal(worker_drain(w), 0);
    worker_free(w);
}

static void jobs_run_fifo_and_done_in_completion_order(void **state)
{
    struct tjob t[20];
    int order[20], norder = 0;
    (void)state;

    struct worker *w = worker_new(1);
    assert_non_null(w);
    for (int i = 0; i < 20; i++) {
        tjob_init(&t[i]);
        t[i].seq = i;
        t[i].order = order;
        t[i].norder = &norder;
        assert_int_equal(worker_submit(w, &t[i].job), (uint64_t)i + 1);
    }
    assert_int_equal(drain_until(w, 20), 20);
    for (int i = 0; i < 20; i++)
        assert_int_equal(order[i], i);
    worker_free(w);
}

static void cancel_before_start(void **state)
{
    struct tjob blocker, queued;
    atomic_int gate = 0, started = 0;
    (void)state;

    struct worker *w = worker_new(1);
    tjob_init(&blocker);
    blocker.gate = &gate;
    blocker.started = &started;
    tjob_init(&queued);
    worker_submit(w, &blocker.job);
    assert_true(wait_flag(&started, 1));
    uint64_t id = worker_submit(w, &queued.job);
    assert_int_equal(worker_in_flight(w), 2);
    assert_true(worker_cancel(w, id));

    /* delivered at once, without running, while the only thread is still busy */
    assert_int_equal(drain_until(w, 1), 1);
    assert_true(queued.done_called);
    assert_false(queued.run_called);
    assert_false(queued.job.ran);
    assert_true(queued.job.cancelled);
    assert_false(blocker.done_called);
    assert_false(worker_cancel(w, id)); /* already completed */

    atomic_store(&gate, 1);
    assert_int_equal(drain_until(w, 1), 1);
    assert_true(blocker.job.ran);
    assert_false(blocker.job.cancelled);
    assert_false(blocker.saw_cancel);
    assert_int_equal(worker_in_flight(w), 0);
    worker_free(w);
}

static void cancel_during_run(void **state)
{
    struct tjob t;
    atomic_int gate = 0, started = 0;
    (void)state;

    struct worker *w = worker_new(1);
    tjob_init(&t);
    t.gate = &gate; /* never opened: only cancel ends the job */
    t.started = &started;
    uint64_t id = worker_submit(w, &t.job);
    assert_true(wait_flag(&started, 1));
    assert_false(worker_cancel(w, id + 100));
    assert_true(worker_cancel(w, id));
    assert_int_equal(drain_until(w, 1), 1);
    assert_true(t.saw_cancel);
    assert_true(t.job.ran);
    assert_true(t.job.cancelled);
    worker_free(w);
}

static void cancel_all(void **state)
{
    struct tjob t[4];
    atomic_int gate = 0, started = 0;
    (void)state;

    struct worker *w = worker_new(1);
    for (int i = 0; i < 4; i++) {
        tjob_init(&t[i]);
        t[i].gate = &gate;
    }
    t[0].started = &started;
    for (int i = 0; i < 4; i++)
        worker_submit(w, &t[i].job);
    assert_true(wait_flag(&started, 1));
    worker_cancel_all(w);
    assert_int_equal(drain_until(w, 4), 4);
    assert_true(t[0].saw_cancel);
    for (int i = 0; i < 4; i++) {
        assert_true(t[i].job.cancelled);
        assert_int_equal(t[i].job.ran, i == 0);
    }
    worker_free(w);
}

static void concurrency_is_bounded(void **state)
{
    enum { N = 3, JOBS = 12 };
    struct tjob t[JOBS];
    atomic_int gate = 0, current = 0, max_seen = 0;
    (void)state;

    struct worker *w = worker_new(N);
    for (int i = 0; i < JOBS; i++) {
        tjob_init(&t[i]);
        t[i].gate = &gate;
        t[i].current = &current;
        t[i].max_seen = &max_seen;
        worker_submit(w, &t[i].job);
    }
    /* all N threads get busy, and no more than N */
    assert_true(wait_flag(&current, N));
    assert_int_equal(worker_in_flight(w), JOBS);
    atomic_store(&gate, 1);
    assert_int_equal(drain_until(w, JOBS), JOBS);
    assert_int_equal(atomic_load(&max_seen), N);
    for (int i = 0; i < JOBS; i++)
        assert_true(t[i].job.ran);
    worker_free(w);
}

struct chain {
    struct job job;
    struct worker *w;
    int remaining;
    int *delivered;
};

static void chain_run(struct job *job, void *ctx, const atomic_int *cancel)
{
    (void)job;
    (void)ctx;
    (void)cancel;
}

static void chain_done(struct job *job)
{
    struct chain *c = JOB_CONTAINER(job, struct chain, job);
    (*c->delivered)++;
    if (c->remaining-- > 0)
        worker_submit(c->w, &c->job); /* resubmit the delivered job */
}

static void done_may_submit_more(void **state)
{
    int delivered = 0;
    (void)state;

    struct worker *w = worker_new(2);
    struct chain c = {.job = {.run = chain_run, .done = chain_done}, .w = w, .remaining = 4,
                      .delivered = &delivered};
    worker_submit(w, &c.job);
    assert_int_equal(drain_until(w, 5), 5);
    assert_int_equal(delivered, 5);
    assert_int_equal(worker_in_flight(w), 0);
    worker_free(w);
}

struct tctx {
    pthread_t tid;
};

static atomic_int fini_calls;

static void *ctx_init(void *arg)
{
    struct tctx *c = xmalloc(sizeof *c);
    c->tid = pthread_self();
    atomic_fetch_add((atomic_int *)arg, 1);
    return c;
}

static void ctx_fini(void *ctx, void *arg)
{
    (void)arg;
    free(ctx);
    atomic_fetch_add(&fini_calls, 1);
}

static void per_thread_context(void **state)
{
    struct tjob t[8];
    atomic_int init_calls = 0;
    (void)state;

    atomic_store(&fini_calls, 0);
    struct worker_options opt = {
        .nthreads = 2, .thread_init = ctx_init, .thread_fini = ctx_fini, .arg = &init_calls};
    struct worker *w = worker_new_opts(&opt);
    assert_non_null(w);
    for (int i = 0; i < 8; i++) {
        tjob_init(&t[i]);
        worker_submit(w, &t[i].job);
    }
    assert_int_equal(drain_until(w, 8), 8);
    for (int i = 0; i < 8; i++) {
        struct tctx *c = t[i].ctx_seen;
        assert_non_null(c);
        /* the context belongs to the thread that ran the job */
        assert_true(pthread_equal(c->tid, t[i].run_thread));
    }
    worker_free(w);
    /* once joined, every thread has been through init and fini exactly once */
    assert_int_equal(atomic_load(&init_calls), 2);
    assert_int_equal(atomic_load(&fini_calls), 2);
}

static void free_with_pending_jobs(void **state)
{
    atomic_int gate = 0, started = 0;
    int destroyed = 0;
    (void)state;

    struct worker *w = worker_new(1);
    for (int i = 0; i < 6; i++) {
        struct tjob *t = xmalloc(sizeof *t);
        tjob_init(t);
        t->job.destroy = tjob_destroy;
        t->destroyed = &destroyed;
        t->gate = &gate;
        if (i == 0)
            t->started = &started;
        worker_submit(w, &t->job);
    }
    assert_true(wait_flag(&started, 1));
    /* the running job is cancelled by worker_free, the other five never run; no leak (ASan) */
    worker_free(w);
    assert_int_equal(destroyed, 6);
}

static void free_with_undelivered_jobs(void **state)
{
    int destroyed = 0;
    (void)state;

    struct worker *w = worker_new(1);
    struct tjob *t = xmalloc(sizeof *t);
    tjob_init(t);
    t->job.destroy = tjob_destroy;
    t->destroyed = &destroyed;
    worker_submit(w, &t->job);
    assert_true(fd_readable(worker_wake_fd(w), DEADLINE_MS)); /* completed, not drained */
    worker_free(w);
    assert_int_equal(destroyed, 1);
}

static void wake_and_bad_options(void **state)
{
    (void)state;
    struct worker *w = worker_new(1);
    worker_wake(w);
    assert_true(fd_readable(worker_wake_fd(w), 0));
    assert_int_equal(worker_drain(w), 0);
    assert_false(fd_readable(worker_wake_fd(w), 0));
    worker_free(w);
    worker_free(NULL);
    assert_null(worker_new(0));
    assert_null(worker_new_opts(NULL));
}

/* A fault in run() must reach the process's handler on the worker thread (the TUI's restores the
 * terminal): a thread that blocks SIGSEGV is killed by the kernel without any handler. raise()
 * leaves a blocked signal pending instead, so a blocked signal shows as a handler that never ran
 * on that thread. */
static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
static _Thread_local volatile sig_atomic_t fault_seen;

static void on_fault(int sig)
{
    fault_seen = sig;
}

struct fault_job {
    struct job job;
    int caught[ARRAY_SIZE(fault_signals)];
    bool sigint_blocked;
};

static void fault_run(struct job *job, void *ctx, const atomic_int *cancel)
{
    struct fault_job *f = JOB_CONTAINER(job, struct fault_job, job);
    sigset_t mask;

    (void)ctx, (void)cancel;
    for (size_t i = 0; i < ARRAY_SIZE(fault_signals); i++) {
        fault_seen = 0;
        raise(fault_signals[i]);
        f->caught[i] = fault_seen;
    }
    pthread_sigmask(SIG_BLOCK, NULL, &mask);
    f->sigint_blocked = sigismember(&mask, SIGINT) == 1;
}

static void fault_signals_reach_worker_threads(void **state)
{
    struct sigaction sa = {.sa_handler = on_fault}, old[ARRAY_SIZE(fault_signals)];
    struct fault_job f = {.job = {.run = fault_run}};
    (void)state;

    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < ARRAY_SIZE(fault_signals); i++)
        sigaction(fault_signals[i], &sa, &old[i]);
    struct worker *w = worker_new(1);
    assert_non_null(w);
    worker_submit(w, &f.job);
    assert_int_equal(drain_until(w, 1), 1);
    worker_free(w);
    for (size_t i = 0; i < ARRAY_SIZE(fault_signals); i++) {
        sigaction(fault_signals[i], &old[i], NULL);
        assert_int_equal(f.caught[i], fault_signals[i]);
    }
    /* The others still go to the UI thread, whose poll() they interrupt. */
    assert_true(f.sigint_blocked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fault_signals_reach_worker_threads),
        cmocka_unit_test(runs_off_thread_done_on_caller),
        cmocka_unit_test(jobs_run_fifo_and_done_in_completion_order),
        cmocka_unit_test(cancel_before_start),
        cmocka_unit_test(cancel_during_run),
        cmocka_unit_test(cancel_all),
        cmocka_unit_test(concurrency_is_bounded),
        cmocka_unit_test(done_may_submit_more),
        cmocka_unit_test(per_thread_context),
        cmocka_unit_test(free_with_pending_jobs),
        cmocka_unit_test(free_with_undelivered_jobs),
        cmocka_unit_test(wake_and_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
