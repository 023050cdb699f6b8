#include "config.h"

#include "invitui/row_slab.h"

#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "invitui/util.h"

struct row_slab {
    atomic_size_t refs;
    size_t size;      /* bytes mapped, this header included */
    size_t used;
    size_t populated; /* bytes made present so far, from the start */
};

#define SLAB_FIRST ((size_t)64 << 10)
/* Blocks grow to 32 MiB of address space, made present SLAB_PIECE at a time as rows fill
 * them: a new block is an mmap, which waits for every other thread's page faults and
 * populates to end (the address space's lock), and the reading threads stalled there
 * several milliseconds a load with 2 MiB blocks; the unwritten end of the last block costs
 * no memory. Not huge pages (#12): in a VM whose balloon takes back the guest's free huge
 * pages (free page reporting, as on the 2-core benchmark VM), a fresh one costs the host's
 * fault and zeroing: 48 MiB of huge pages touched 85-165 ms, of small ones 18-27 ms, and
 * the fresh 100,000-row load was 8% slower. */
#define SLAB_MAX ((size_t)32 << 20)
#define SLAB_PIECE ((size_t)256 << 10)
#define SLAB_HUGE ((size_t)2 << 20)
#define SLAB_HEADER ((sizeof(struct row_slab) + 15) & ~(size_t)15)

/* Makes s present up to at least `upto` bytes (a piece more, within the block). */
static void slab_populate(struct row_slab *s, size_t upto)
{
    size_t end = upto + SLAB_PIECE < s->size ? upto + SLAB_PIECE : s->size;

    util_populate((char *)s + s->populated, end - s->populated);
    s->populated = end;
}

static struct row_slab *slab_new(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);

    size = (size + page - 1) / page * page;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        util_die("out of memory (%zu bytes)", size);
    struct row_slab *s = p;
    s->populated = 0;
    s->size = size;
    slab_populate(s, SLAB_HEADER); /* written before any row: one call, not a fault a page */
    atomic_init(&s->refs, 1);
    s->used = SLAB_HEADER;
    return s;
}

bool row_slab_fits(const struct row_slab_writer *w, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    return w->cur && w->cur->size - w->cur->used >= n;
}

void *row_slab_reserve(struct row_slab_writer *w, size_t n, struct row_slab **ref)
{
    n = (n + 7) & ~(size_t)7;
    if (!row_slab_fits(w, n)) {
        size_t size = w->cur ? w->cur->size * 2 : SLAB_FIRST;
        if (size > SLAB_MAX)
            size = SLAB_MAX;
        if (size - SLAB_HEADER < n)
            size = SLAB_HEADER + n;
        row_slab_release(w->cur);
        w->cur = slab_new(size);
        w->blocks++;
    }
    char *p = (char *)w->cur + w->cur->used;
    w->cur->used += n;
    if (w->cur->used > w->cur->populated)
        slab_populate(w->cur, w->cur->used);
    atomic_fetch_add_explicit(&w->cur->refs, 1, memory_order_relaxed);
    *ref = w->cur;
    return p;
}

void row_slab_writer_end(struct row_slab_writer *w)
{
    row_slab_release(w->cur);
    w->cur = NULL;
}

void row_slab_retain(struct row_slab *s)
{
    atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

void row_slab_release(struct row_slab *s)
{
    /* acq_rel: the last owner sees every write of the others before it unmaps */
    if (s && atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1)
        munmap(s, s->size);
}

bool row_slab_contains(const struct row_slab *s, const void *p)
{
    return s && (const char *)p >= (const char *)s && (const char *)p < (const char *)s + s->size;
}

void row_slab_advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    uintptr_t start = ((uintptr_t)p + SLAB_HUGE - 1) & ~(uintptr_t)(SLAB_HUGE - 1);
    uintptr_t end = ((uintptr_t)p + n) & ~(uintptr_t)(SLAB_HUGE - 1);

    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}
