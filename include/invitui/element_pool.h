/* element_pool: a list's elements read into rows on two threads, the rows handed on in order.
 *
 * Contract (#12: reading 100,000 invitations is the fresh load's critical path): the thread
 * that splits the body (the worker, inside curl's write callback) adds each element it finds
 * (element_pool_add) and ends what one read of the socket brought with element_pool_flush
 * (http_call.sink_drained: curl's pieces are 16 KiB, too small a batch). The elements of a
 * piece form a batch, queued for a helper thread while fewer than two wait for it and
 * otherwise read by the caller, so both cores read while the body arrives. A batch is never
 * held back for more elements: a slow server's first row is read at once. Each batch's rows go
 * to deliver in the elements' order, from whichever thread finishes the batch that is next,
 * one batch at a time (deliver may hand rows to the UI: they are shown as soon as they are
 * read, even while the body pauses). read runs on both threads at once: each has its own state
 * (reader_state on the caller's, helper_state on the helper's). The first element that fails
 * ends the list: the rows before it are delivered, none after it, and add, flush and finish
 * then return -1 with its error. Delivered batches are kept for the next ones (their buffers
 * stay mapped: fresh pages are dear). The helper thread inherits the caller's signal mask and
 * runs as SCHED_BATCH where Linux has it, so waking it never preempts the caller. */
#ifndef INVITUI_ELEMENT_POOL_H
#define INVITUI_ELEMENT_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/error.h"
#include "invitui/model.h"

/* One element (index: its place in the list) into *out: 1 a row, 0 no row (skipped), -1 err
 * set (json_element_error style: the pool adds nothing). */
typedef int (*element_read_fn)(void *state, size_t index, const char *data, size_t len,
                               unsigned hints, struct invitation *out, struct api_error *err);
/* Takes rows[0..n) (moves them: the slots are then stale copies, neither freed nor read);
 * called in list order, never on two threads at once. */
typedef void (*element_deliver_fn)(void *ctx, struct invitation *rows, size_t n);

struct element_pool;

struct element_pool *element_pool_new(element_read_fn read, void *reader_state,
                                      void *helper_state, element_deliver_fn deliver,
                                      void *ctx);
/* Copies the element; 0, or -1 (err set) once an element has failed. */
int element_pool_add(struct element_pool *p, size_t index, const char *data, size_t len,
                     unsigned hints, struct api_error *err);
/* The elements added since the last flush are read (here or on the helper). */
int element_pool_flush(struct element_pool *p, struct api_error *err);
/* Flushes and waits until every row is delivered; the helper thread ends. */
int element_pool_finish(struct element_pool *p, struct api_error *err);
/* Stops the helper (after the batch it reads), drops the rows not delivered. NULL: nothing. */
void element_pool_free(struct element_pool *p);

#endif
