/* util: allocation that never returns NULL, a growable byte buffer, and
 * small string helpers.
 *
 * Contract: x*alloc either succeed or call the registered fatal hook (which
 * restores the terminal) and abort; callers never check for NULL. Every
 * function here is thread-safe and may run on the worker thread, except
 * util_set_fatal_hook, which main() calls once before any thread starts. */
#ifndef INVITUI_UTIL_H
#define INVITUI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Makes the pages of [p, p + len) present now, with one madvise
 * (MADV_POPULATE_WRITE) instead of a page fault at the first write to each 4 KiB: on the
 * 2-core VM the benchmarks run on, a fault costs about 9.5 us and populating about 0.5 us a
 * page. Only for memory about to be written: the bytes do not change, a kernel before 5.14
 * refuses it and nothing happens. */
void util_populate(void *p, size_t len);

/* xrealloc to n elements of elem bytes (at least one), the elements from `kept` on populated:
 * for an array that grows and whose new part is about to be written in full. */
void *xrealloc_populate(void *p, size_t kept, size_t n, size_t elem);

/* realloc to n elements of elem bytes, or NULL (p untouched) when that overflows or cannot
 * be had: for room asked for on a hint (a server's Content-Length may be absurd), where
 * going on without it beats xrealloc's stop. */
void *util_try_realloc_array(void *p, size_t n, size_t elem);

/* xrealloc_populate with room for at least `room` elements, of which only [kept, n) is made
 * present: for an array that will grow to about `room` (a list whose size is hinted), so that
 * it is neither moved nor populated again at each growth. */
void *xrealloc_room(void *p, size_t kept, size_t n, size_t room, size_t elem);

#define UTIL_POPULATE_WINDOW ((size_t)64 << 10)

/* For an array of cap elements of elem bytes filled in order, n of them so far, call before
 * element n is written (grown: the array was just enlarged): at each window of
 * UTIL_POPULATE_WINDOW bytes, and after a growth, the rest of the current window (within cap)
 * is populated, so that the unused rest of a doubled array is not made resident. */
static inline void util_populate_ahead(void *base, size_t n, size_t cap, size_t elem,
                                       bool grown)
{
    size_t per = UTIL_POPULATE_WINDOW / elem ? UTIL_POPULATE_WINDOW / elem : 1;
    size_t end = n - n % per + per;

    if ((grown || n % per == 0) && n < cap)
        util_populate((char *)base + n * elem, ((end < cap ? end : cap) - n) * elem);
}

/* Called before abort() on allocation failure or util_die(); must be
 * idempotent (the UI passes its terminal teardown). */
void util_set_fatal_hook(void (*hook)(void));

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* NULL in, NULL out. */
char *xstrdup_or_null(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Fatal error: runs the hook, prints "invitui: MESSAGE" to stderr, exits 70. */
void util_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* A growable buffer; data is always NUL-terminated (len excludes the NUL). */
struct strbuf {
    char *data;
    size_t len;
    size_t cap;
};

void strbuf_init(struct strbuf *sb);
void strbuf_append(struct strbuf *sb, const void *data, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
/* v in decimal: what strbuf_printf("%llu") writes, without the printf machinery (a row's
 * " +N" cost more through vsnprintf than the rest of its summary; a snapshot's numbers, most
 * of a save). */
void strbuf_put_decimal(struct strbuf *sb, unsigned long long v);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
/* Hands the buffer to the caller (who frees it) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_free(struct strbuf *sb);

/* Eight bytes at a time, for scanners of large bodies (the list reader): a word loaded with
 * memcpy, the high bit of each byte set in UTIL_WORD_HIGHS. util_word_bytes_equal gives the
 * high bit of each byte equal to b, exact up to the first one (the classic zero-byte test),
 * so non-zero means "there is one" on any byte order. */
#define UTIL_WORD_ONES 0x0101010101010101ull
#define UTIL_WORD_HIGHS 0x8080808080808080ull

static inline uint64_t util_word_bytes_equal(uint64_t w, unsigned char b)
{
    uint64_t v = w ^ (UTIL_WORD_ONES * b);

    return (v - UTIL_WORD_ONES) & ~v & UTIL_WORD_HIGHS;
}

/* A 32-bit hash of len bytes, eight at a time: for tables hit once per key of a large list
 * (json_pack's intern table, the store's id map). Not for hostile-collision resistance. */
static inline uint32_t util_hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, sizeof(w));
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    if (i < len) { /* byte by byte: a memcpy of a variable length is a call */
        w = 0;
        for (size_t k = 0; i + k < len; k++)
            w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    return (uint32_t)(h ^ (h >> 29));
}

/* A NULL-terminated, growable vector of owned strings. */
struct strvec {
    char **v;
    size_t n;
    size_t cap;
};

void strvec_push(struct strvec *sv, const char *s);
void strvec_push_owned(struct strvec *sv, char *s);
bool strvec_contains(const struct strvec *sv, const char *s);
void strvec_free(struct strvec *sv);

/* Strict decimal parse of the whole string into [min, max]; 0 or -1. */
int util_parse_long(const char *s, long min, long max, long *out);
/* A duration "90s", "30m", "12h", "1d" (a bare number is seconds) into
 * seconds in [0, max]; 0 or -1 (no unit letter other than s, m, h, d). */
int util_parse_duration(const char *s, long max, long *seconds);
bool util_streq(const char *a, const char *b); /* NULL-safe */
bool util_str_empty(const char *s);          /* NULL or "" */
/* Trims ASCII white space at both ends, in place; returns s. */
char *util_trim(char *s);
/* The directory of the running executable (malloc'd), or NULL. */
char *util_self_dir(void);
/* qsort without the copy of the whole array that glibc's takes (its merge sort: 2.4 MB more
 * at the peak of a 100,000-row snapshot): a heapsort, in place, for elements of at most
 * 64 bytes; cmp gets ctx as its third argument (qsort_r's). Not stable: cmp must be a total
 * order (end on an index). */
void util_sort_in_place(void *base, size_t n, size_t size,
                        int (*cmp)(const void *, const void *, void *), void *ctx);

#endif
