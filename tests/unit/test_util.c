#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strbuf_grows_and_stays_terminated),
        cmocka_unit_test(parse_duration_takes_units),
        cmocka_unit_test(detach_of_empty_buffer_is_empty_string),
        cmocka_unit_test(parse_long_is_strict),
        cmocka_unit_test(trim_and_strvec),
        cmocka_unit_test(sort_in_place_matches_qsort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
