#include "config.h"

#include "invitui/list_progress.h"

#include <stdint.h>
#include <time.h>

/* Whether the rows left, estimated from the bytes left at the rate of the n read so far, are
 * few enough (see list_progress.h) that the fresh rows waiting should go now. */
static bool tail_due(const struct list_progress *p, size_t n, size_t fresh)
{
    size_t size = atomic_load_explicit(&p->body_size, memory_order_relaxed);
    size_t read = atomic_load_explicit(&p->body_read, memory_order_relaxed);

    if (!size || !read || read >= size)
        return false;
    double left = (double)n * (double)(size - read) / (double)read;
    return left * LIST_PROGRESS_TAIL <= (double)n && left < (double)fresh &&
           (double)fresh * LIST_PROGRESS_TAIL >= (double)n;
}

bool list_progress_due(const struct list_progress *p, size_t n, double now_ms)
{
    size_t fresh = n > p->handed ? n - p->handed : 0;

    if (fresh == 0)
        return false;
    return fresh >= p->handed || now_ms - p->last_ms >= LIST_PROGRESS_MS ||
           tail_due(p, n, fresh);
}

static double monotonic_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

size_t list_progress_count(const struct list_progress *p, const struct invitation_list *rows)
{
    return (p ? p->taken : 0) + rows->n;
}

/* fn gets the rows not handed yet; those it removed from the list's end count as taken. */
static void hand(struct list_progress *p, struct invitation_list *rows, double now)
{
    size_t n = rows->n;

    p->fn(p->arg, rows, p->handed - p->taken);
    p->taken += n - rows->n;
    p->handed = list_progress_count(p, rows);
    p->last_ms = now;
}

void list_progress_note(struct list_progress *p, struct invitation_list *rows)
{
    if (!p || !p->fn)
        return;
    double now = monotonic_ms();
    if (!list_progress_due(p, list_progress_count(p, rows), now))
        return;
    hand(p, rows, now);
}

void list_progress_bytes(struct list_progress *p, size_t read, size_t size)
{
    if (!p)
        return;
    atomic_store_explicit(&p->body_size, size, memory_order_relaxed);
    atomic_store_explicit(&p->body_read, read, memory_order_relaxed);
}

size_t list_progress_rows_hint(const struct list_progress *p, size_t n)
{
    if (!p)
        return 0;
    if (p->expected)
        return p->expected;
    size_t size = atomic_load_explicit(&p->body_size, memory_order_relaxed);
    size_t read = atomic_load_explicit(&p->body_read, memory_order_relaxed);
    if (!size || !read || !n)
        return 0;
    double rows = (double)n * (double)(size > read ? size : read) / (double)read;
    return rows < (double)(SIZE_MAX / 2) ? (size_t)rows + 1 : 0;
}

size_t list_progress_rows_room(const struct list_progress *p, size_t n)
{
    size_t hint = list_progress_rows_hint(p, n);

    return hint + hint / 16;
}

void list_progress_expect(struct list_progress *p, size_t total)
{
    if (p)
        p->expected = total;
}

void list_progress_done(struct list_progress *p, struct invitation_list *rows)
{
    if (!p || !p->fn)
        return;
    p->complete = true;
    hand(p, rows, monotonic_ms());
}
