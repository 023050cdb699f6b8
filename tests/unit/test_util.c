#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "invitui/util.h"

static void strbuf_grows_and_stays_terminated(void **state)
{
    struct strbuf sb;
    (void)state;

    strbuf_init(&sb);
    for (int i = 0; i < 1000; i++)
        strbuf_printf(&sb, "%d,", i % 10);
    assert_int_equal(sb.len, 2000);
    assert_int_equal(sb.data[sb.len], '\0');
    assert_memory_equal(sb.data, "0,1,2,", 6);
    size_t len;
    char *s = strbuf_detach(&sb, &len);
    assert_int_equal(len, 2000);
    assert_null(sb.data);
    free(s);
}

/* strbuf_put_decimal writes what "%llu" does. */
static void put_decimal_is_printf_llu(void **state)
{
    static const unsigned long long values[] = {0, 1, 9, 10, 99, 100, 12345, 4294967296u,
                                                ULLONG_MAX};
    (void)state;

    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        struct strbuf a, b;
        strbuf_init(&a);
        strbuf_init(&b);
        strbuf_puts(&a, "x");
        strbuf_puts(&b, "x");
        strbuf_put_decimal(&a, values[i]);
        strbuf_printf(&b, "%llu", values[i]);
        assert_string_equal(a.data, b.data);
        strbuf_free(&a);
        strbuf_free(&b);
    }
}

static void detach_of_empty_buffer_is_empty_string(void **state)
{
    struct strbuf sb;
    (void)state;

    strbuf_init(&sb);
    char *s = strbuf_detach(&sb, NULL);
    assert_string_equal(s, "");
    free(s);
}

static void parse_long_is_strict(void **state)
{
    long v = 0;
    (void)state;

    assert_int_equal(util_parse_long("42", 0, 100, &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(util_parse_long("42x", 0, 100, &v), -1);
    assert_int_equal(util_parse_long(" 4", 0, 100, &v), -1);
    assert_int_equal(util_parse_long("", 0, 100, &v), -1);
    assert_int_equal(util_parse_long("101", 0, 100, &v), -1);
    assert_int_equal(util_parse_long("-1", 0, 100, &v), -1);
    assert_int_equal(util_parse_long("99999999999999999999", 0, 100, &v), -1);
}

static void parse_duration_takes_units(void **state)
{
    long v = -1;
    (void)state;

    assert_int_equal(util_parse_duration("0", 3600, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(util_parse_duration("15m", 3600, &v), 0);
    assert_int_equal(v, 900);
    assert_int_equal(util_parse_duration("45s", 3600, &v), 0);
    assert_int_equal(v, 45);
    assert_int_equal(util_parse_duration("1h", 3600, &v), 0);
    assert_int_equal(v, 3600);
    assert_int_equal(util_parse_duration("2d", 3 * 86400, &v), 0);
    assert_int_equal(v, 2 * 86400);
    assert_int_equal(util_parse_duration("120", 3600, &v), 0);
    assert_int_equal(v, 120);
    assert_int_equal(util_parse_duration("2h", 3600, &v), -1); /* past max */
    assert_int_equal(util_parse_duration("m", 3600, &v), -1);
    assert_int_equal(util_parse_duration("5x", 3600, &v), -1);
    assert_int_equal(util_parse_duration("-5m", 3600, &v), -1);
    assert_int_equal(util_parse_duration("", 3600, &v), -1);
    assert_int_equal(util_parse_duration(NULL, 3600, &v), -1);
}

static void trim_and_strvec(void **state)
{
    char s[] = "  a b \t\n";
    struct strvec sv = {0};
    (void)state;

    assert_string_equal(util_trim(s), "a b");
    strvec_push(&sv, "x");
    strvec_push(&sv, "y");
    assert_true(strvec_contains(&sv, "y"));
    assert_false(strvec_contains(&sv, "z"));
    assert_null(sv.v[sv.n]);
    strvec_free(&sv);
}

struct sort_item {
    uint64_t key;
    uint32_t idx;
};

static int cmp_item(const void *pa, const void *pb)
{
    const struct sort_item *a = pa, *b = pb;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

static int cmp_item_ctx(const void *pa, const void *pb, void *ctx)
{
    (void)ctx;
    return cmp_item(pa, pb);
}

/* The in-place heapsort gives qsort's order for a total order, at every size (heaps of 0, 1,
 * 2 and 3 elements included), with many equal keys. */
static void sort_in_place_matches_qsort(void **state)
{
    static const size_t sizes[] = {0, 1, 2, 3, 7, 100, 1000};
    uint64_t seed = 42;
    (void)state;

    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        size_t n = sizes[s];
        struct sort_item *a = calloc(n ? n : 1, sizeof(*a)), *b = calloc(n ? n : 1, sizeof(*b));
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            a[i] = (struct sort_item){.key = (seed >> 33) % 50, .idx = (uint32_t)i};
        }
        memcpy(b, a, n * sizeof(*a));
        util_sort_in_place(a, n, sizeof(*a), cmp_item_ctx, NULL);
        if (n)
            qsort(b, n, sizeof(*b), cmp_item);
        assert_memory_equal(a, b, n * sizeof(*a) + (n == 0));
        free(a);
        free(b);
    }
}

/* Which of the n pages at p are resident, as a string of '1' and '0'. */
static void residency(void *p, size_t n, char *out)
{
    unsigned char vec[64];

    assert_true(n <= sizeof(vec));
    assert_int_equal(mincore(p, n * (size_t)sysconf(_SC_PAGESIZE), vec), 0);
    for (size_t i = 0; i < n; i++)
        out[i] = (vec[i] & 1) ? '1' : '0';
    out[n] = '\0';
}

/* Populating makes exactly the pages the range touches resident (outward to whole pages),
 * keeps what was written, and an array filled in order gets one window ahead at a time. */
static void populate_makes_the_range_resident(void **state)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char got[65];
    (void)state;

    char *p = mmap(NULL, 16 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(p != MAP_FAILED);
    if (madvise(p, page, MADV_POPULATE_WRITE) != 0) { /* a kernel before 5.14 */
        munmap(p, 16 * page);
        skip();
    }
    p[3 * page + 5] = 'x';
    util_populate(p + 3 * page + 100, 2 * page); /* pages 3, 4 and 5 */
    residency(p, 8, got);
    assert_string_equal(got, "10011100");
    assert_int_equal(p[3 * page + 5], 'x');
    assert_int_equal(p[5 * page], 0);
    util_populate(p + 7 * page, 0); /* nothing */
    residency(p, 8, got);
    assert_string_equal(got, "10011100");
    munmap(p, 16 * page);

    /* 16-byte elements, 64 KiB windows: 4096 elements a window, 8192 in all. */
    size_t elem = 16, cap = 2 * UTIL_POPULATE_WINDOW / elem, pages = cap * elem / page;
    char *a = mmap(NULL, cap * elem, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(a != MAP_FAILED && pages <= 64);
    util_populate_ahead(a, 1, cap, elem, false); /* inside the first window: nothing */
    residency(a, pages, got);
    assert_null(strchr(got, '1'));
    util_populate_ahead(a, 0, 16, elem, true); /* a first growth to 16: those only */
    residency(a, pages, got);
    assert_int_equal(strspn(got, "1"), 1);
    assert_null(strchr(got + 1, '1'));
    util_populate_ahead(a, 16, cap, elem, true); /* grown in the window: the window's rest */
    residency(a, pages, got);
    assert_int_equal(strspn(got, "1"), pages / 2);
    assert_null(strchr(got + pages / 2, '1'));
    util_populate_ahead(a, cap / 2, cap, elem, false); /* the next window */
    residency(a, pages, got);
    assert_int_equal(strspn(got, "1"), pages);
    munmap(a, cap * elem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strbuf_grows_and_stays_terminated),
        cmocka_unit_test(put_decimal_is_printf_llu),
        cmocka_unit_test(parse_duration_takes_units),
        cmocka_unit_test(detach_of_empty_buffer_is_empty_string),
        cmocka_unit_test(parse_long_is_strict),
        cmocka_unit_test(trim_and_strvec),
        cmocka_unit_test(sort_in_place_matches_qsort),
        cmocka_unit_test(populate_makes_the_range_resident),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
