#include "config.h"

#include "invitui/list_progress.h"

#include <time.h>

bool list_progress_due(const struct list_progress *p, size_t n, double now_ms)
{
    size_t fresh = n > p->handed ? n - p->handed : 0;

    if (fresh == 0)
        return false;
    return fresh >= p->handed || now_ms - p->last_ms >= LIST_PROGRESS_MS;
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
