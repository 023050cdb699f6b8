/* json_plain: where it accepts, yajl accepts the same text with the same events; it accepts
 * the plain text a list is made of; it refuses what yajl refuses. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "invitui/json_plain.h"
#include "invitui/util.h"

/* Every event as a line of text; refuse_at: the event count at which a callback says 0. */
struct log {
    struct strbuf sb;
    size_t events, refuse_at;
};

static int note(struct log *l, const char *what, const void *s, size_t len)
{
    strbuf_printf(&l->sb, "%s %zu:", what, len);
    strbuf_append(&l->sb, s, len);
    strbuf_putc(&l->sb, '\n');
    return ++l->events != l->refuse_at;
}

static int ev_null(void *c) { return note(c, "null", "", 0); }
static int ev_bool(void *c, int b) { return note(c, b ? "true" : "false", "", 0); }
static int ev_number(void *c, const char *s, size_t n) { return note(c, "num", s, n); }
static int ev_string(void *c, const unsigned char *s, size_t n) { return note(c, "str", s, n); }
static int ev_key(void *c, const unsigned char *s, size_t n) { return note(c, "key", s, n); }
static int ev_map(void *c) { return note(c, "{", "", 0); }
static int ev_end_map(void *c) { return note(c, "}", "", 0); }
static int ev_array(void *c) { return note(c, "[", "", 0); }
static int ev_end_array(void *c) { return note(c, "]", "", 0); }

static const yajl_callbacks events = {
    .yajl_null = ev_null, .yajl_boolean = ev_bool, .yajl_number = ev_number,
    .yajl_string = ev_string, .yajl_start_map = ev_map, .yajl_map_key = ev_key,
    .yajl_end_map = ev_end_map, .yajl_start_array = ev_array, .yajl_end_array = ev_end_array,
};

static bool by_yajl(const char *s, size_t len, struct log *l)
{
    yajl_handle h = yajl_alloc(&events, NULL, l);
    bool ok;

    yajl_config(h, yajl_dont_validate_strings, 1); /* as the list reader */
    ok = yajl_parse(h, (const unsigned char *)s, len) == yajl_status_ok &&
         yajl_complete_parse(h) == yajl_status_ok;
    yajl_free(h);
    return ok;
}

/* json_plain on s: when it accepts, yajl accepts with the same events; returns its answer. */
static bool agrees_with_yajl(const char *s, size_t len, size_t refuse_at)
{
    struct log a = {.refuse_at = refuse_at}, b = {.refuse_at = refuse_at};
    strbuf_init(&a.sb);
    strbuf_init(&b.sb);
    bool plain = json_plain_parse(&events, &a, s, len);
    bool yajl = by_yajl(s, len, &b);
    if (plain && (!yajl || a.sb.len != b.sb.len || memcmp(a.sb.data, b.sb.data, a.sb.len)))
        fail_msg("json_plain accepted what yajl %s: %.*s\n--- plain\n%s--- yajl\n%s",
                 yajl ? "read otherwise" : "refused", (int)len, s, a.sb.data, b.sb.data);
    strbuf_free(&a.sb);
    strbuf_free(&b.sb);
    return plain;
}

static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

static void gen_value(struct strbuf *b, unsigned *seed, int depth)
{
    static const char *const scalars[] = {
        "\"role_key\"", "\"M\xc3\xbcller \xe2\x82\xac\"", "\"\"", "\"a b:c,d}e]f{g[\"",
        "0", "-7", "123456789", "1.5", "-0.25e+3", "2E7", "true", "false", "null", "\"\x7f\"",
        /* longer than one 32-byte step, a letter from outside ASCII in the second */
        "\"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\"",
        "\"resolved_capability_keys_and_then_some_M\xc3\xbcller_more_text_to_read_past_it\"",
    };
    static const char *const spaces[] = {"", "", "", " ", "\n\t", "\r "};
    unsigned kind = next_random(seed) % (depth > 5 ? 2 : 4);
    size_t n = next_random(seed) % 5;

    if (kind < 2) {
        strbuf_puts(b, scalars[next_random(seed) % (sizeof(scalars) / sizeof(scalars[0]))]);
        return;
    }
    strbuf_putc(b, kind == 2 ? '{' : '[');
    for (size_t i = 0; i < n; i++) {
        strbuf_puts(b, i ? "," : "");
        strbuf_puts(b, spaces[next_random(seed) % 6]);
        if (kind == 2)
            strbuf_printf(b, "\"k%zu\"%s:%s", i, spaces[next_random(seed) % 6],
                          spaces[next_random(seed) % 6]);
        gen_value(b, seed, depth + 1);
        strbuf_puts(b, spaces[next_random(seed) % 6]);
    }
    strbuf_putc(b, kind == 2 ? '}' : ']');
}

/* Generated documents (every kind of value, nesting, spaces, UTF-8 in strings): each is
 * accepted, with yajl's events. */
static void accepts_what_yajl_reads(void **state)
{
    unsigned seed = 11;
    (void)state;

    for (int i = 0; i < 2000; i++) {
        struct strbuf b;
        strbuf_init(&b);
        gen_value(&b, &seed, 0);
        if (!agrees_with_yajl(b.data, b.len, 0))
            fail_msg("json_plain refused: %s", b.data);
        strbuf_free(&b);
    }
}

/* The same documents with a byte replaced, inserted or cut, and with a callback refusing
 * at each event: whatever json_plain accepts, yajl reads alike. Both kinds were seen. */
static void never_accepts_otherwise(void **state)
{
    static const char bytes[] = "{}[]:,\" \x01\x0b\x0c-+.eE0123456789tfnulrsa\\/";
    unsigned seed = 5;
    size_t accepted = 0, refused = 0;
    (void)state;

    for (int i = 0; i < 20000; i++) {
        struct strbuf b;
        strbuf_init(&b);
        gen_value(&b, &seed, 3);
        size_t at = next_random(&seed) % b.len;
        char c = bytes[next_random(&seed) % (sizeof(bytes) - 1)];
        switch (next_random(&seed) % 4) {
        case 0: b.data[at] = c; break;
        case 1: b.len = at; break;
        case 2:
            strbuf_putc(&b, b.data[b.len - 1]);
            memmove(b.data + at + 1, b.data + at, b.len - at - 1);
            b.data[at] = c;
            break;
        default: break;
        }
        size_t refuse = next_random(&seed) % 4 == 0 ? 1 + next_random(&seed) % 8 : 0;
        if (agrees_with_yajl(b.data, b.len, refuse))
            accepted++;
        else
            refused++;
        strbuf_free(&b);
    }
    assert_true(accepted > 1000 && refused > 1000);
}

/* What json_plain leaves to yajl, each refused: */
static void refuses_what_it_does_not_take(void **state)
{
    static const char *const cases[] = {
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{1:2}", "[1 2]", "01", "-",
        "1.", ".5", "1e", "+1", "truex", "nul", "[true false]", "\"a\x01\"", "{\"a\":1}x",
        "1 2", "[\v1]", "[\f]", "\"ab", "[\"a\\\"\"]", "/*c*/1", "[]]", "{\"a\":[}]",
        "\xc3\xbc", "[\xc3\xbc]",
    };
    (void)state;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (agrees_with_yajl(cases[i], strlen(cases[i]), 0))
            fail_msg("json_plain accepted: %s", cases[i]);
    char deep[2 * JSON_PLAIN_MAX_DEPTH + 3];
    memset(deep, '[', JSON_PLAIN_MAX_DEPTH + 1);
    memset(deep + JSON_PLAIN_MAX_DEPTH + 1, ']', JSON_PLAIN_MAX_DEPTH + 1);
    assert_false(agrees_with_yajl(deep, 2 * JSON_PLAIN_MAX_DEPTH + 2, 0));
    assert_true(agrees_with_yajl(deep + 1, 2 * JSON_PLAIN_MAX_DEPTH, 0));
}

/* The same, with strings' ends found eight bytes at a time where the CPU has AVX2. */
/* json_plain_ascii_prefix stops at the first byte >= 0x80, backslash, \v or \f, wherever it
 * is: every byte value at every place of texts of 1 to 80 bytes (32-byte blocks, words and
 * the bytes after them), the rest plain ASCII. */
static void ascii_prefix_stops_at_every_byte_that_needs_a_look(void **state)
{
    char s[80];
    (void)state;

    for (size_t len = 1; len <= sizeof(s); len++) {
        memset(s, 'x', sizeof(s));
        assert_int_equal(json_plain_ascii_prefix(s, len), len);
        for (size_t at = 0; at < len; at++)
            for (int b = 1; b < 256; b++) {
                memset(s, '"', sizeof(s));
                s[at] = (char)b;
                bool look = b >= 0x80 || b == '\\' || b == '\v' || b == '\f';
                size_t got = json_plain_ascii_prefix(s, len);
                if (got != (look ? at : len))
                    fail_msg("byte 0x%02x at %zu of %zu: %zu", b, at, len, got);
            }
    }
}

static void by_words(void (*test)(void **), void **state)
{
    bool avx2 = json_plain_avx2;

    json_plain_avx2 = false;
    test(state);
    json_plain_avx2 = avx2;
}

static void accepts_what_yajl_reads_by_words(void **state)
{
    by_words(accepts_what_yajl_reads, state);
}

static void never_accepts_otherwise_by_words(void **state)
{
    by_words(never_accepts_otherwise, state);
}

static void ascii_prefix_by_words(void **state)
{
    by_words(ascii_prefix_stops_at_every_byte_that_needs_a_look, state);
}

static void refuses_what_it_does_not_take_by_words(void **state)
{
    by_words(refuses_what_it_does_not_take, state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_what_yajl_reads),
        cmocka_unit_test(never_accepts_otherwise),
        cmocka_unit_test(refuses_what_it_does_not_take),
        cmocka_unit_test(accepts_what_yajl_reads_by_words),
        cmocka_unit_test(never_accepts_otherwise_by_words),
        cmocka_unit_test(refuses_what_it_does_not_take_by_words),
        cmocka_unit_test(ascii_prefix_stops_at_every_byte_that_needs_a_look),
        cmocka_unit_test(ascii_prefix_by_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
