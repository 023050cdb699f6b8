/* row_slab: the strings of many rows in a few large blocks.
 *
 * Contract: a list of 100,000 rows made of a dozen small allocations each costs a million
 * mallocs and, in a new process, a page fault every few rows (#12: the snapshot's first
 * paint). A row_slab_writer (used by one thread at a time) hands out space for one row's
 * strings at a time from its current block; blocks grow from 64 KiB to 32 MiB of address
 * space, made present a piece ahead of the rows written (small pages: see row_slab.c), so
 * that the reading threads seldom map. Each row holds one reference to the
 * block its strings are in; the block is unmapped when the writer and its last row have
 * let go, on any thread. Strings in a block are never freed one by one: row_slab_contains
 * tells them from strings of their own. */
#ifndef INVITUI_ROW_SLAB_H
#define INVITUI_ROW_SLAB_H

#include <stdbool.h>
#include <stddef.h>

struct row_slab;

struct row_slab_writer {
    struct row_slab *cur; /* the block rows are written into; the writer holds a reference */
    unsigned long blocks; /* blocks made so far: tells whether cur is still the same block */
    /* For the writer's user: strings of the last rows, in cur while blocks is recent_blocks,
     * that a row in the same block may point at instead of a copy of its own. */
    const char *recent[8];
    unsigned long recent_blocks;
};

/* n bytes (8-byte aligned) for one row, in one block; *ref receives a reference to it. */
void *row_slab_reserve(struct row_slab_writer *w, size_t n, struct row_slab **ref);
/* Whether row_slab_reserve(w, n) takes it from the current block (no new one). */
bool row_slab_fits(const struct row_slab_writer *w, size_t n);
/* The writer's reference goes; rows keep theirs. */
void row_slab_writer_end(struct row_slab_writer *w);
void row_slab_release(struct row_slab *s); /* NULL: nothing */
/* Another reference to s (not NULL), for a row that shares its strings. */
void row_slab_retain(struct row_slab *s);
bool row_slab_contains(const struct row_slab *s, const void *p);
/* Asks for huge pages for the 2 MiB-aligned part of a large array of rows (from malloc):
 * advice only, for the arrays that hold 100,000 rows. */
void row_slab_advise_huge(void *p, size_t n);

#endif
