/* list_progress: when a list that is still arriving hands its rows so far to a viewer.
 *
 * Contract: a list reader (worker thread) calls list_progress_note after each row it adds to
 * its list. The policy (list_progress_due, pure) says when the rows not handed yet are worth
 * a wake-up of the UI: the first row at once (the first paint waits for nothing), then when
 * the new rows are at least as many as those already handed (so 100,000 rows take about 17
 * hand-offs, and re-sorting what is shown costs about twice one sort in all), or when
 * LIST_PROGRESS_MS have passed since the last with at least one new row (a slow server).
 * When the reader says how much of the body it has read of how much (list_progress_bytes),
 * the rows are also handed once the rows left, estimated from the bytes left, are at most
 * 1/LIST_PROGRESS_TAIL of those read and fewer than those waiting: the last hand-off, which
 * the UI merges only after the last byte, is then a small one, not up to half the list.
 * fn then gets the list and the index of its first row not handed yet. It may take those
 * rows for itself (the TUI's first load: no copy of 100,000 rows), removing them from the
 * list's end (rows->n = from; from 0: the array itself may go, rows left empty); it must
 * not keep pointers into the list. The reader's list is then what was not taken
 * (list_progress_count says how many rows were read in all), and is handed over as before.
 * A NULL list_progress (the CLI) costs nothing. */
#ifndef INVITUI_LIST_PROGRESS_H
#define INVITUI_LIST_PROGRESS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "invitui/model.h"

#define LIST_PROGRESS_MS 250.0
#define LIST_PROGRESS_TAIL 8

struct list_progress {
    void (*fn)(void *arg, struct invitation_list *rows, size_t from);
    void *arg;
    size_t handed;   /* rows given to fn so far */
    size_t taken;    /* of them, rows fn removed from the list */
    double last_ms;  /* when fn was last called */
    size_t expected; /* the rows the server announced (Marketplace $meta total), 0: unknown */
    bool complete;   /* set by list_progress_done before its call of fn */
    /* list_progress_bytes: the body's size (0: unknown) and the bytes read of it. Set by the
     * thread reading the body, read by whichever thread hands rows over. */
    _Atomic size_t body_size, body_read;
};

/* Whether n rows (of which p->handed are handed already) should be handed at now_ms. */
bool list_progress_due(const struct list_progress *p, size_t n, double now_ms);
/* Calls p->fn when due (p may be NULL). */
void list_progress_note(struct list_progress *p, struct invitation_list *rows);
/* The rows read so far: those in the list and those fn took (p may be NULL). */
size_t list_progress_count(const struct list_progress *p, const struct invitation_list *rows);
/* The reader has read `read` bytes of a body of `size` (0: not announced); p may be NULL. */
void list_progress_bytes(struct list_progress *p, size_t read, size_t size);
/* How many rows the list will likely have in all, n read so far: the count the server
 * announced, else n scaled by the body's size over the bytes read; 0 when neither is known.
 * A hint for the room of arrays, never shown as a count (p may be NULL). */
size_t list_progress_rows_hint(const struct list_progress *p, size_t n);
/* The room to reserve for the list in all: the hint and a sixteenth more, for elements
 * larger than the first; 0 when nothing is known (p may be NULL). */
size_t list_progress_rows_room(const struct list_progress *p, size_t n);
/* The reader learnt how many rows the list will have (p may be NULL); fn reads p->expected. */
void list_progress_expect(struct list_progress *p, size_t total);
/* The list is whole: fn gets the rows not handed yet (maybe none) with p->complete set, so
 * that every row is shown before the reader's own bookkeeping (sort, snapshot) is done. */
void list_progress_done(struct list_progress *p, struct invitation_list *rows);

#endif
