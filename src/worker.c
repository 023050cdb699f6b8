#include "config.h"

#include "invitui/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "invitui/util.h"

static const int worker_fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

struct worker_thread {
    struct worker *w;
    int index;
    pthread_t tid;
};

struct worker {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job *q_head, *q_tail; /* queued, FIFO */
    struct job *f_head, *f_tail; /* completed, not yet delivered, in completion order */
    struct job **running;        /* [nthreads]: the job each thread runs, or NULL */
    struct worker_thread *threads;
    int nthreads;
    bool stop;
    uint64_t next_id;
    size_t undelivered;
    int fds[2]; /* wake pipe: [0] polled by the owner, [1] written on completion */
    void *(*thread_init)(void *arg);
    void (*thread_fini)(void *thread_ctx, void *arg);
    void *arg;
};

void worker_wake(struct worker *w)
{
    static const char one = 1;
    int saved = errno; /* signal handlers call this */

    /* EAGAIN means the pipe is full: a wake is pending anyway. Nothing else can fail on a
     * pipe we hold both ends of. */
    ssize_t r = write(w->fds[1], &one, 1);
    (void)r;
    errno = saved;
}

static void push(struct job **head, struct job **tail, struct job *job)
{
    job->next = NULL;
    if (*tail)
        (*tail)->next = job;
    else
        *head = job;
    *tail = job;
}

/* Called with the lock held. */
static void complete_locked(struct worker *w, struct job *job)
{
    push(&w->f_head, &w->f_tail, job);
    worker_wake(w);
}

static void *thread_main(void *p)
{
    struct worker_thread *self = p;
    struct worker *w = self->w;
    void *ctx = w->thread_init ? w->thread_init(w->arg) : NULL;

    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->stop && !w->q_head)
            pthread_cond_wait(&w->cv, &w->mu);
        if (w->stop)
            break;
        struct job *job = w->q_head;
        w->q_head = job->next;
        if (!w->q_head)
            w->q_tail = NULL;
        w->running[self->index] = job;
        pthread_mutex_unlock(&w->mu);

        job->run(job, ctx, &job->cancel);

        pthread_mutex_lock(&w->mu);
        w->running[self->index] = NULL;
        job->ran = true;
        job->cancelled = atomic_load(&job->cancel) != 0;
        complete_locked(w, job);
    }
    pthread_mutex_unlock(&w->mu);
    if (w->thread_fini)
        w->thread_fini(ctx, w->arg);
    return NULL;
}

static void stop_threads(struct worker *w, int started)
{
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    for (int i = 0; i < w->nthreads; i++)
        if (w->running[i])
            atomic_store(&w->running[i]->cancel, 1);
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    for (int i = 0; i < started; i++)
        pthread_join(w->threads[i].tid, NULL);
}

static void release(struct worker *w)
{
    close(w->fds[0]);
    close(w->fds[1]);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free(w->running);
    free(w->threads);
    free(w);
}

static int start_threads(struct worker *w)
{
    sigset_t all, old;
    int started = 0, rc = 0;

    /* Threads inherit the mask: block everything so that SIGINT, SIGWINCH... reach the UI
     * thread, whose poll() they are meant to interrupt. Not the signals of a fault: the kernel
     * delivers those to the faulting thread only, and when that thread blocks them it kills the
     * process without running the handler that restores the terminal. */
    sigfillset(&all);
    for (size_t i = 0; i < ARRAY_SIZE(worker_fault_signals); i++)
        sigdelset(&all, worker_fault_signals[i]);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (; started < w->nthreads; started++) {
        w->threads[started].w = w;
        w->threads[started].index = started;
        rc = pthread_create(&w->threads[started].tid, NULL, thread_main, &w->threads[started]);
        if (rc != 0)
            break;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        stop_threads(w, started);
        errno = rc;
        return -1;
    }
    return 0;
}

struct worker *worker_new_opts(const struct worker_options *opt)
{
    struct worker *w;

    if (!opt || opt->nthreads < 1) {
        errno = EINVAL;
        return NULL;
    }
    w = xcalloc(1, sizeof *w);
    if (pipe2(w->fds, O_NONBLOCK | O_CLOEXEC) != 0) {
        free(w);
        return NULL;
    }
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    w->nthreads = opt->nthreads;
    w->thread_init = opt->thread_init;
    w->thread_fini = opt->thread_fini;
    w->arg = opt->arg;
    w->running = xcalloc((size_t)w->nthreads, sizeof *w->running);
    w->threads = xcalloc((size_t)w->nthreads, sizeof *w->threads);
    if (start_threads(w) != 0) {
        int e = errno;
        release(w);
        errno = e;
        return NULL;
    }
    return w;
}

struct worker *worker_new(int nthreads)
{
    struct worker_options opt = {.nthreads = nthreads};

    return worker_new_opts(&opt);
}

static void destroy_list(struct job *j)
{
    while (j) {
        struct job *next = j->next;
        if (j->destroy)
            j->destroy(j);
        j = next;
    }
}

void worker_free(struct worker *w)
{
    if (!w)
        return;
    stop_threads(w, w->nthreads);
    /* Threads are gone: no lock needed. Running jobs have completed onto f_head. */
    destroy_list(w->f_head);
    destroy_list(w->q_head);
    release(w);
}

int worker_wake_fd(const struct worker *w)
{
    return w->fds[0];
}

uint64_t worker_submit(struct worker *w, struct job *job)
{
    uint64_t id;

    job->ran = false;
    job->cancelled = false;
    atomic_init(&job->cancel, 0);
    pthread_mutex_lock(&w->mu);
    id = job->id = ++w->next_id;
    push(&w->q_head, &w->q_tail, job);
    w->undelivered++;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return id;
}

/* A queued job never runs: it completes at once as cancelled. Lock held. */
static void cancel_queued_locked(struct worker *w, struct job *prev, struct job *job)
{
    if (prev)
        prev->next = job->next;
    else
        w->q_head = job->next;
    if (w->q_tail == job)
        w->q_tail = prev;
    atomic_store(&job->cancel, 1);
    job->cancelled = true;
    job->ran = false;
    complete_locked(w, job);
}

/* Cancels job id if it is still waiting in the queue; true when it was. */
static bool cancel_queued_id_locked(struct worker *w, uint64_t id)
{
    for (struct job *prev = NULL, *j = w->q_head; j; prev = j, j = j->next) {
        if (j->id == id) {
            cancel_queued_locked(w, prev, j);
            return true;
        }
    }
    return false;
}

bool worker_cancel(struct worker *w, uint64_t id)
{
    bool found;

    pthread_mutex_lock(&w->mu);
    found = cancel_queued_id_locked(w, id);
    for (int i = 0; !found && i < w->nthreads; i++) {
        if (w->running[i] && w->running[i]->id == id) {
            atomic_store(&w->running[i]->cancel, 1);
            found = true;
        }
    }
    pthread_mutex_unlock(&w->mu);
    return found;
}

bool worker_cancel_queued(struct worker *w, uint64_t id)
{
    bool found;

    pthread_mutex_lock(&w->mu);
    found = cancel_queued_id_locked(w, id);
    pthread_mutex_unlock(&w->mu);
    return found;
}

void worker_cancel_all(struct worker *w)
{
    pthread_mutex_lock(&w->mu);
    while (w->q_head)
        cancel_queued_locked(w, NULL, w->q_head);
    for (int i = 0; i < w->nthreads; i++)
        if (w->running[i])
            atomic_store(&w->running[i]->cancel, 1);
    pthread_mutex_unlock(&w->mu);
}

size_t worker_in_flight(struct worker *w)
{
    size_t n;

    pthread_mutex_lock(&w->mu);
    n = w->undelivered;
    pthread_mutex_unlock(&w->mu);
    return n;
}

size_t worker_drain(struct worker *w)
{
    char buf[64];
    struct job *list;
    size_t n = 0;

    /* Empty the pipe before taking the list: a completion after this point writes again, so
     * no wake-up is lost. */
    while (read(w->fds[0], buf, sizeof buf) > 0)
        ;
    pthread_mutex_lock(&w->mu);
    list = w->f_head;
    w->f_head = w->f_tail = NULL;
    pthread_mutex_unlock(&w->mu);
    while (list) {
        struct job *job = list;
        list = job->next;
        job->next = NULL;
        pthread_mutex_lock(&w->mu);
        w->undelivered--;
        pthread_mutex_unlock(&w->mu);
        if (job->done)
            job->done(job); /* may free job */
        n++;
    }
    return n;
}
