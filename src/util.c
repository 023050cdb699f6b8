#include "config.h"

#include "invitui/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void (*fatal_hook)(void);

void util_set_fatal_hook(void (*hook)(void))
{
    fatal_hook = hook;
}

static void run_fatal_hook(void)
{
    if (fatal_hook)
        fatal_hook();
}

void util_die(const char *fmt, ...)
{
    va_list ap;

    run_fatal_hook();
    fputs("invitui: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(70);
}

static void *check_alloc(void *p)
{
    if (!p) {
        /* No allocation is possible here, so no formatting helpers. */
        run_fatal_hook();
        fputs("invitui: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xmalloc(size_t n)
{
    return check_alloc(malloc(n ? n : 1));
}

void *xcalloc(size_t count, size_t size)
{
    return check_alloc(calloc(count ? count : 1, size ? size : 1));
}

#define UTIL_POPULATE_PIECE ((uintptr_t)256 << 10)

void util_populate(void *p, size_t len)
{
#ifdef MADV_POPULATE_WRITE
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    /* Outward to whole pages: a page the range shares is mapped too, and populating a page
     * that is present already changes nothing. */
    uintptr_t start = (uintptr_t)p & ~(uintptr_t)(page - 1);
    uintptr_t end = ((uintptr_t)p + len + page - 1) & ~(uintptr_t)(page - 1);
    /* A piece at a time: the call holds the address space's lock (for reading) while it
     * works, and a thread that maps or unmaps meanwhile waits for it, and every thread that
     * faults a page waits behind that one. 2 MiB at once held it about a millisecond. */
    for (uintptr_t at = start; len && at < end; at += UTIL_POPULATE_PIECE) {
        uintptr_t n = end - at < UTIL_POPULATE_PIECE ? end - at : UTIL_POPULATE_PIECE;
        (void)madvise((void *)at, n, MADV_POPULATE_WRITE);
    }
#else
    (void)p, (void)len;
#endif
}

void *xrealloc(void *p, size_t n)
{
    return check_alloc(realloc(p, n ? n : 1));
}

void *util_try_realloc_array(void *p, size_t n, size_t elem)
{
    return n && n <= SIZE_MAX / elem ? realloc(p, n * elem) : NULL;
}

void *xrealloc_room(void *p, size_t kept, size_t n, size_t room, size_t elem)
{
    /* The room is a hint: without it, exactly n (and that one must be had). */
    char *q = room > n ? util_try_realloc_array(p, room, elem) : NULL;

    if (!q)
        q = xrealloc(p, (n ? n : 1) * elem);

    if (n > kept)
        util_populate(q + kept * elem, (n - kept) * elem);
    return q;
}

void *xrealloc_populate(void *p, size_t kept, size_t n, size_t elem)
{
    return xrealloc_room(p, kept, n, n, elem);
}

char *xstrdup(const char *s)
{
    return check_alloc(strdup(s));
}

char *xstrdup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
    return check_alloc(strndup(s, n));
}

char *xasprintf(const char *fmt, ...)
{
    struct strbuf sb;
    va_list ap;

    strbuf_init(&sb);
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    return strbuf_detach(&sb, NULL);
}

void strbuf_init(struct strbuf *sb)
{
    sb->data = NULL;
    sb->len = 0;
    sb->cap = 0;
}

static void strbuf_grow(struct strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;

    if (need < sb->len)
        util_die("buffer size overflow");
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    sb->data = xrealloc(sb->data, cap);
    sb->cap = cap;
}

void strbuf_append(struct strbuf *sb, const void *data, size_t len)
{
    strbuf_grow(sb, len);
    if (len)
        memcpy(sb->data + sb->len, data, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
    strbuf_append(sb, s, strlen(s));
}

void strbuf_putc(struct strbuf *sb, char c)
{
    if (sb->len + 1 < sb->cap) { /* the common case, on hot paths */
        sb->data[sb->len++] = c;
        sb->data[sb->len] = '\0';
        return;
    }
    strbuf_append(sb, &c, 1);
}

void strbuf_put_decimal(struct strbuf *sb, unsigned long long v)
{
    char digits[24];
    size_t n = sizeof(digits);

    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    strbuf_append(sb, digits + n, sizeof(digits) - n);
}

void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list copy;
    int n;

    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    strbuf_grow(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
    char *out;

    if (!sb->data)
        strbuf_grow(sb, 0), sb->data[0] = '\0';
    out = sb->data;
    if (len)
        *len = sb->len;
    strbuf_init(sb);
    return out;
}

void strbuf_free(struct strbuf *sb)
{
    free(sb->data);
    strbuf_init(sb);
}

void strvec_push_owned(struct strvec *sv, char *s)
{
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 8;
        sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
    }
    sv->v[sv->n++] = s;
    sv->v[sv->n] = NULL;
}

void strvec_push(struct strvec *sv, const char *s)
{
    strvec_push_owned(sv, xstrdup(s));
}

bool strvec_contains(const struct strvec *sv, const char *s)
{
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], s) == 0)
            return true;
    return false;
}

void strvec_free(struct strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

int util_parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int util_parse_duration(const char *s, long max, long *seconds)
{
    static const struct { char unit; long factor; } units[] = {
        {'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400},
    };
    size_t len = s ? strlen(s) : 0;
    long factor = 1, v;

    if (len == 0 || len > 20)
        return -1;
    char digits[24];
    memcpy(digits, s, len + 1);
    for (size_t i = 0; i < ARRAY_SIZE(units); i++)
        if (digits[len - 1] == units[i].unit) {
            factor = units[i].factor;
            digits[--len] = '\0';
            break;
        }
    if (util_parse_long(digits, 0, max / factor, &v) < 0)
        return -1;
    *seconds = v * factor;
    return 0;
}

bool util_streq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

bool util_str_empty(const char *s)
{
    return !s || !*s;
}

char *util_self_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return xstrdup(buf);
}

char *util_trim(char *s)
{
    size_t len = strlen(s);
    size_t start = 0;

    while (len && isspace((unsigned char)s[len - 1]))
        s[--len] = '\0';
    while (isspace((unsigned char)s[start]))
        start++;
    if (start)
        memmove(s, s + start, len - start + 1);
    return s;
}

#define SORT_ELEM_MAX 64

static void sort_swap(char *a, char *b, size_t size)
{
    char t[SORT_ELEM_MAX];

    memcpy(t, a, size);
    memcpy(a, b, size);
    memcpy(b, t, size);
}

/* Moves element i down the heap of n until neither child is greater. */
static void sift_down(char *v, size_t i, size_t n, size_t size,
                      int (*cmp)(const void *, const void *, void *), void *ctx)
{
    for (;;) {
        size_t big = i, l = 2 * i + 1, r = l + 1;
        if (l < n && cmp(v + l * size, v + big * size, ctx) > 0)
            big = l;
        if (r < n && cmp(v + r * size, v + big * size, ctx) > 0)
            big = r;
        if (big == i)
            return;
        sort_swap(v + i * size, v + big * size, size);
        i = big;
    }
}

void util_sort_in_place(void *base, size_t n, size_t size,
                        int (*cmp)(const void *, const void *, void *), void *ctx)
{
    char *v = base;

    if (size > SORT_ELEM_MAX)
        util_die("util_sort_in_place: %zu-byte elements", size);
    for (size_t i = n / 2; i-- > 0;)
        sift_down(v, i, n, size, cmp, ctx);
    for (size_t end = n; end > 1; end--) {
        sort_swap(v, v + (end - 1) * size, size);
        sift_down(v, 0, end - 1, size, cmp, ctx);
    }
}
