/* element_pool: rows in list order from two threads, one delivery at a time, the first
 * failure ends the list, and a pool freed early (a cancelled load) drops what is left. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/element_pool.h"
#include "invitui/util.h"

struct reader {
    atomic_size_t elements; /* read by this thread */
};

/* An element is a number (a row with that id), "skip" (no row) or "bad" (an error). */
static int read_number(void *state, size_t index, const char *data, size_t len,
                       unsigned hints, struct invitation *out, struct api_error *err)
{
    struct reader *r = state;

    (void)hints;
    atomic_fetch_add(&r->elements, 1);
    if (len == 3 && memcmp(data, "bad", 3) == 0) {
        api_error_set(err, API_ERR_PARSE, "element %zu", index);
        return -1;
    }
    if (len == 4 && memcmp(data, "skip", 4) == 0)
        return 0;
    memset(out, 0, sizeof(*out));
    out->id = xstrndup(data, len);
    return 1;
}

struct sink {
    struct invitation_list rows;
    atomic_int inside; /* deliveries under way: never more than one */
    bool overlapped;
};

static void keep(void *ctx, struct invitation *rows, size_t n)
{
    struct sink *s = ctx;

    if (atomic_fetch_add(&s->inside, 1) != 0)
        s->overlapped = true;
    /* A delivery that takes a while, so that an overlapping one would be seen. */
    for (volatile int spin = 0; spin < 200; spin++)
        ;
    invitation_list_take(&s->rows, rows, n);
    atomic_fetch_sub(&s->inside, 1);
}

static int add_text(struct element_pool *p, size_t index, const char *text,
                    struct api_error *err)
{
    return element_pool_add(p, index, text, strlen(text), 0, err);
}

/* 5,000 rows in batches of 1 to 64 elements, some skipped: all delivered, in order, one
 * delivery at a time, and the helper read some (the first batch goes to it when free). */
static void rows_in_order_from_both_threads(void **state)
{
    struct reader own = {0}, helper = {0};
    struct sink sink = {0};
    struct api_error err;
    uint32_t x = 2463534242u;
    char text[24];
    size_t want = 0;
    (void)state;

    api_error_init(&err);
    struct element_pool *p = element_pool_new(read_number, &own, &helper, keep, &sink);
    for (size_t i = 0; i < 5000; i++) {
        bool skip = i % 37 == 3;
        snprintf(text, sizeof(text), "%zu", i);
        assert_int_equal(add_text(p, i, skip ? "skip" : text, &err), 0);
        want += !skip;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        if (x % 64 == 0)
            assert_int_equal(element_pool_flush(p, &err), 0);
    }
    assert_int_equal(element_pool_finish(p, &err), 0);
    assert_int_equal(sink.rows.n, want);
    for (size_t i = 0, r = 0; i < 5000; i++) {
        if (i % 37 == 3)
            continue;
        snprintf(text, sizeof(text), "%zu", i);
        assert_string_equal(sink.rows.v[r++].id, text);
    }
    assert_false(sink.overlapped);
    assert_true(atomic_load(&helper.elements) > 0);
    assert_int_equal(atomic_load(&own.elements) + atomic_load(&helper.elements), 5000);
    element_pool_free(p);
    invitation_list_free(&sink.rows);
    api_error_clear(&err);
}

/* Element 700 fails: rows 0..699 are delivered, none after, and finish names it. */
static void first_failure_ends_the_list(void **state)
{
    struct reader own = {0}, helper = {0};
    struct sink sink = {0};
    struct api_error err;
    char text[24];
    int rc = 0;
    (void)state;

    api_error_init(&err);
    struct element_pool *p = element_pool_new(read_number, &own, &helper, keep, &sink);
    for (size_t i = 0; i < 2000 && rc == 0; i++) {
        snprintf(text, sizeof(text), "%zu", i);
        rc = add_text(p, i, i == 700 ? "bad" : text, &err);
        if (rc == 0 && i % 10 == 9)
            rc = element_pool_flush(p, &err);
    }
    if (rc == 0)
        rc = element_pool_finish(p, &err);
    else
        assert_int_equal(element_pool_finish(p, &err), -1);
    assert_int_equal(rc, -1);
    assert_int_equal(err.kind, API_ERR_PARSE);
    assert_string_equal(err.title, "element 700");
    assert_int_equal(sink.rows.n, 700);
    assert_string_equal(sink.rows.v[699].id, "699");
    element_pool_free(p);
    invitation_list_free(&sink.rows);
    api_error_clear(&err);
}

/* Freed while batches wait (a cancelled load): no row is delivered after, nothing leaks
 * (the sanitizer build), whatever the helper was doing. */
static void freed_early_drops_the_rest(void **state)
{
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (int round = 0; round < 50; round++) {
        struct reader own = {0}, helper = {0};
        struct sink sink = {0};
        struct element_pool *p = element_pool_new(read_number, &own, &helper, keep, &sink);
        char text[24];
        for (size_t i = 0; i < (size_t)round * 20; i++) {
            snprintf(text, sizeof(text), "%zu", i);
            assert_int_equal(add_text(p, i, text, &err), 0);
            if (i % 7 == 0)
                assert_int_equal(element_pool_flush(p, &err), 0);
        }
        element_pool_free(p);
        size_t n = sink.rows.n;
        for (size_t i = 0; i < n; i++) { /* a prefix, in order */
            snprintf(text, sizeof(text), "%zu", i);
            assert_string_equal(sink.rows.v[i].id, text);
        }
        invitation_list_free(&sink.rows);
    }
    element_pool_free(NULL);
    api_error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_in_order_from_both_threads),
        cmocka_unit_test(first_failure_ends_the_list),
        cmocka_unit_test(freed_early_drops_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
