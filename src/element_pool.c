#include "config.h"

#include "invitui/element_pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/util.h"

/* A batch bigger than this is read before the caller flushes: memory stays bounded whatever
 * one read of the socket brings, and the helper gets work while a long read is split (64 KiB,
 * about 50 invitations: the tail after the last byte shorter than with 256 KiB, the load as
 * fast). */
#define BATCH_BYTES ((size_t)64 << 10)

/* Batches waiting for the helper, at most: with one, the caller read a batch whenever the
 * helper had one waiting, and the helper, done first, waited for the caller's next (a third
 * of a 100,000-row load idle while the caller was its critical path). */
#define HELPER_QUEUE 2

struct element {
    size_t index, off, len;
    unsigned hints;
};

struct batch {
    struct batch *next;   /* the next batch in list order */
    struct strbuf bytes;  /* the elements, back to back */
    struct element *v;
    size_t n, cap;
    struct invitation *rows; /* rows[k] of v[k], when has_row[k] */
    bool *has_row;
    size_t rows_cap;
    int rc;               /* -1: an element failed, err says which */
    struct api_error err;
    bool done;            /* read; under lock */
};

struct element_pool {
    element_read_fn read;
    void *reader_state, *helper_state;
    element_deliver_fn deliver;
    void *ctx;
    struct batch *open;          /* being filled by the caller; in no list yet */
    pthread_mutex_t lock;        /* head, tail, todo, done, stop, failed, err */
    pthread_cond_t work;         /* the helper's: a batch to read, or stop */
    pthread_cond_t delivered;    /* element_pool_finish's: a batch handed on */
    struct batch *head, *tail;   /* every batch flushed and not delivered, in list order */
    struct batch *todo[HELPER_QUEUE]; /* the helper's next batches, oldest first */
    size_t ntodo;
    struct batch *spare;         /* delivered batches kept for reuse: their buffers stay
                                    mapped, so the body's bytes do not fault in fresh pages */
    pthread_mutex_t delivering;  /* one thread delivers at a time, so rows keep their order */
    pthread_t helper;
    bool helper_running, stop;
    bool failed;
    atomic_bool failed_seen;     /* failed, read without the lock once per element */
    struct api_error err;        /* the first failure, once delivered */
};

/* Empties b for reuse, keeping its buffers. */
static void batch_clear(struct batch *b)
{
    for (size_t k = 0; k < b->n; k++)
        if (b->rows && b->has_row[k])
            invitation_free(&b->rows[k]);
    b->n = 0;
    b->next = NULL;
    b->rc = 0;
    b->done = false;
    strbuf_reset(&b->bytes);
    api_error_clear(&b->err); /* and ready for the next */
}

/* b and every batch after it. */
static void batch_list_free(struct batch *b)
{
    for (struct batch *next; b; b = next) {
        next = b->next;
        batch_clear(b);
        free(b->rows);
        free(b->has_row);
        free(b->v);
        strbuf_free(&b->bytes);
        free(b);
    }
}

static void batch_read(struct element_pool *p, struct batch *b, void *state)
{
    if (b->rows_cap < b->n) {
        free(b->rows);
        free(b->has_row);
        b->rows_cap = b->cap;
        b->rows = xcalloc(b->rows_cap, sizeof(*b->rows));
        b->has_row = xcalloc(b->rows_cap, sizeof(*b->has_row));
    }
    memset(b->has_row, 0, b->n * sizeof(*b->has_row));
    for (size_t k = 0; k < b->n; k++) {
        const struct element *e = &b->v[k];
        int rc = p->read(state, e->index, b->bytes.data + e->off, e->len, e->hints,
                         &b->rows[k], &b->err);
        if (rc < 0) {
            b->rc = -1;
            return;
        }
        b->has_row[k] = rc > 0;
    }
}

/* Hands on the rows of each read batch at the head of the list, under p->delivering. A
 * batch leaves the list only once its rows are given, so that element_pool_finish, which
 * waits for an empty list, never returns while rows are still being given. The rows before
 * a failing element are given, as when the list is read in turn; none after it. */
static void deliver_heads(struct element_pool *p)
{
    for (;;) {
        pthread_mutex_lock(&p->lock);
        struct batch *b = p->head && p->head->done ? p->head : NULL;
        bool give = b && !p->stop && !p->failed;
        pthread_mutex_unlock(&p->lock);
        if (!b)
            break;
        /* Each run of rows in one call: a batch is about 200 rows, copied at once. */
        for (size_t k = 0; give && k < b->n;) {
            size_t run = 0;
            while (k + run < b->n && b->has_row[k + run])
                run++;
            if (run) {
                p->deliver(p->ctx, &b->rows[k], run);
                memset(&b->has_row[k], 0, run * sizeof(*b->has_row));
            }
            k += run ? run : 1;
        }
        pthread_mutex_lock(&p->lock);
        p->head = b->next;
        if (!p->head)
            p->tail = NULL;
        if (give && b->rc < 0) {
            p->failed = true;
            atomic_store_explicit(&p->failed_seen, true, memory_order_release);
            api_error_copy(&p->err, &b->err);
        }
        batch_clear(b);
        b->next = p->spare;
        p->spare = b;
        pthread_cond_broadcast(&p->delivered);
        pthread_mutex_unlock(&p->lock);
    }
}

/* Whether the batch at the head of the list is read and waits to be handed on. */
static bool head_ready(struct element_pool *p)
{
    pthread_mutex_lock(&p->lock);
    bool ready = p->head && p->head->done;
    pthread_mutex_unlock(&p->lock);
    return ready;
}

/* Hands on the rows of every read batch at the head of the list (see the header). The
 * thread that finds another delivering does not wait for it: that one looks again once it
 * is done, so the rows of a batch finished meanwhile are not left behind. */
static void deliver_ready(struct element_pool *p)
{
    do {
        if (pthread_mutex_trylock(&p->delivering) != 0)
            return;
        deliver_heads(p);
        pthread_mutex_unlock(&p->delivering);
    } while (head_ready(p));
}

static void batch_finished(struct element_pool *p, struct batch *b)
{
    pthread_mutex_lock(&p->lock);
    b->done = true;
    pthread_mutex_unlock(&p->lock);
    deliver_ready(p);
}

static void *helper_main(void *arg)
{
    struct element_pool *p = arg;

#if defined(__linux__) && defined(SCHED_BATCH)
    /* A batch thread does not preempt the one that wakes it (the splitter, on the same core
     * when the other is busy): the helper waits for a free core instead. */
    struct sched_param none = {0};
    (void)pthread_setschedparam(pthread_self(), SCHED_BATCH, &none);
#endif

    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->ntodo && !p->stop)
            pthread_cond_wait(&p->work, &p->lock);
        if (!p->ntodo || p->stop) /* stopped early (cancelled): the batches are dropped unread */
            break;
        struct batch *b = p->todo[0];
        memmove(p->todo, p->todo + 1, --p->ntodo * sizeof(*p->todo));
        pthread_mutex_unlock(&p->lock);
        batch_read(p, b, p->helper_state);
        batch_finished(p, b);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct element_pool *element_pool_new(element_read_fn read, void *reader_state,
                                      void *helper_state, element_deliver_fn deliver,
                                      void *ctx)
{
    struct element_pool *p = xcalloc(1, sizeof(*p));

    p->read = read;
    p->reader_state = reader_state;
    p->helper_state = helper_state;
    p->deliver = deliver;
    p->ctx = ctx;
    pthread_mutex_init(&p->lock, NULL);
    pthread_mutex_init(&p->delivering, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->delivered, NULL);
    api_error_init(&p->err);
    /* Without a helper every batch is read by the caller: slower, not wrong. */
    p->helper_running = pthread_create(&p->helper, NULL, helper_main, p) == 0;
    return p;
}

static int pool_status(struct element_pool *p, struct api_error *err)
{
    if (!atomic_load_explicit(&p->failed_seen, memory_order_acquire))
        return 0;
    pthread_mutex_lock(&p->lock);
    bool failed = p->failed;
    if (failed)
        api_error_copy(err, &p->err);
    pthread_mutex_unlock(&p->lock);
    return failed ? -1 : 0;
}

int element_pool_flush(struct element_pool *p, struct api_error *err)
{
    struct batch *b = p->open;

    if (b) {
        p->open = NULL;
        pthread_mutex_lock(&p->lock);
        if (p->tail)
            p->tail->next = b;
        else
            p->head = b;
        p->tail = b;
        bool to_helper = p->helper_running && p->ntodo < HELPER_QUEUE;
        if (to_helper)
            p->todo[p->ntodo++] = b;
        pthread_mutex_unlock(&p->lock);
        /* After the unlock: a helper woken under it would only wait for the lock. */
        if (to_helper)
            pthread_cond_signal(&p->work);
        else {
            batch_read(p, b, p->reader_state);
            batch_finished(p, b);
        }
    }
    return pool_status(p, err);
}

int element_pool_add(struct element_pool *p, size_t index, const char *data, size_t len,
                     unsigned hints, struct api_error *err)
{
    struct batch *b = p->open;

    if (!b) {
        pthread_mutex_lock(&p->lock);
        b = p->spare;
        if (b)
            p->spare = b->next;
        pthread_mutex_unlock(&p->lock);
        if (b) {
            b->next = NULL;
        } else {
            b = xcalloc(1, sizeof(*b));
            strbuf_init(&b->bytes);
            api_error_init(&b->err);
        }
        p->open = b;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 32;
        b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
    }
    b->v[b->n++] = (struct element){.index = index, .off = b->bytes.len, .len = len,
                                    .hints = hints};
    strbuf_append(&b->bytes, data, len);
    if (b->bytes.len >= BATCH_BYTES)
        return element_pool_flush(p, err);
    return pool_status(p, err);
}

static void stop_helper(struct element_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    if (p->helper_running)
        pthread_join(p->helper, NULL);
    p->helper_running = false;
}

int element_pool_finish(struct element_pool *p, struct api_error *err)
{
    element_pool_flush(p, err);
    pthread_mutex_lock(&p->lock);
    while (p->head && !p->failed)
        pthread_cond_wait(&p->delivered, &p->lock);
    pthread_mutex_unlock(&p->lock);
    stop_helper(p);
    return pool_status(p, err);
}

void element_pool_free(struct element_pool *p)
{
    if (!p)
        return;
    stop_helper(p);
    /* What was not delivered: the open batch, and those flushed (the helper's unread one
     * among them) but not given. */
    batch_list_free(p->open); /* in no list: its next is NULL */
    batch_list_free(p->head);
    batch_list_free(p->spare);
    api_error_clear(&p->err);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->delivered);
    pthread_mutex_destroy(&p->delivering);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
