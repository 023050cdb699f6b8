/* json_pack: what goes in comes back, keys in their order, in less room; the intern table
 * stays bounded; a damaged value is refused. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/json_pack.h"
#include "invitui/json_util.h"
#include "invitui/model.h"

/* Feeds a jansson tree to the writer as the list reader's events would. */
static void feed(struct json_pack_writer *w, const json_t *v)
{
    const char *k;
    json_t *c;
    size_t i;
    char num[32];

    switch (json_typeof(v)) {
    case JSON_OBJECT:
        json_pack_open(w, 1);
        json_object_foreach((json_t *)v, k, c) {
            json_pack_key(w, k, strlen(k));
            feed(w, c);
        }
        json_pack_close(w, 1);
        break;
    case JSON_ARRAY:
        json_pack_open(w, 0);
        json_array_foreach(v, i, c)
            feed(w, c);
        json_pack_close(w, 0);
        break;
    case JSON_STRING:
        json_pack_string(w, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        json_pack_number(w, num, strlen(num));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        json_pack_bool(w, json_is_true(v));
        break;
    default:
        json_pack_null(w);
    }
}

static struct json_packed *pack_text(struct json_pack_writer *w, const char *text)
{
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);

    assert_non_null(v);
    json_pack_begin(w);
    feed(w, v);
    json_decref(v);
    return json_pack_finish(w);
}

/* text packs and comes back as the same text (compact, keys in order). */
static size_t assert_round_trip(struct json_pack_writer *w, const char *text)
{
    struct json_packed *p = pack_text(w, text);
    json_t *back = json_packed_object(p);
    size_t len = p->len;

    assert_non_null(back);
    char *again = json_dumps(back, JSON_COMPACT | JSON_ENCODE_ANY);
    assert_string_equal(again, text);
    free(again);
    json_decref(back);
    struct json_packed *copy = json_packed_dup(p);
    assert_memory_equal(copy, p, sizeof(*p) + p->len);
    free(copy);
    free(p);
    return len;
}

static void values_come_back_as_they_went_in(void **state)
{
    struct json_pack_writer w;
    (void)state;

    json_pack_writer_init(&w);
    assert_round_trip(&w, "{\"z\":1,\"a\":[true,false,null,-5,0],\"m\":{}}");
    assert_round_trip(&w, "[]");
    assert_round_trip(&w, "\"just a string\"");
    /* UUIDs and times are stored as numbers; anything not in their exact form stays text. */
    assert_round_trip(&w, "{\"id\":\"8482588c-be56-478b-b44b-65d70700dbbf\","
                          "\"upper\":\"8482588C-BE56-478B-B44B-65D70700DBBF\","
                          "\"short\":\"8482588c-be56-478b-b44b-65d70700dbb\","
                          "\"at\":\"2026-12-02T09:01:25Z\",\"old\":\"1969-07-20T20:17:40Z\","
                          "\"frac\":\"2026-12-02T09:01:25.5Z\",\"off\":\"2026-12-02T09:01:25+01:00\","
                          "\"bad\":\"2026-13-02T09:01:25Z\",\"epoch\":\"1970-01-01T00:00:00Z\"}");
    /* Words are interned, data is not; both come back. */
    assert_round_trip(&w, "{\"role_key\":\"billing_admin\",\"email\":\"ann@example.com\","
                          "\"note\":\"Fixture 7\",\"empty\":\"\",\"utf\":\"M\u00fcller \u202e\"}");
    json_pack_writer_free(&w);
}

/* A UUID is packed as 16 bytes only in its exact lower-case form, AVX2 or not: every byte
 * value at every place of one, packed both ways, takes the same form and the same bytes, and
 * comes back as the same text (jansson takes back only UTF-8: the ASCII ones). */
static void uuids_pack_alike_both_ways(void **state)
{
    static const char uuid[] = "8482588c-be56-478b-b44b-65d70700dbbf";
    bool avx2 = json_pack_avx2;
    struct json_pack_writer w;
    char s[37];
    (void)state;

    json_pack_writer_init(&w);
    for (size_t at = 0; at < 36; at++)
        for (int b = 1; b < 256; b++) {
            struct json_packed *p[2];
            memcpy(s, uuid, sizeof(s));
            s[at] = (char)b;
            for (int way = 0; way < 2; way++) {
                json_pack_avx2 = way ? avx2 : false;
                json_pack_begin(&w);
                json_pack_string(&w, s, 36);
                p[way] = json_pack_finish(&w);
            }
            json_pack_avx2 = avx2;
            bool as_uuid = p[0]->len == 17;
            bool want = (at == 8 || at == 13 || at == 18 || at == 23)
                            ? b == '-'
                            : (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
            if (as_uuid != want || p[1]->len != p[0]->len ||
                memcmp(p[0]->data, p[1]->data, p[0]->len) != 0)
                fail_msg("byte 0x%02x at %zu: %zu and %zu bytes", b, at, p[0]->len, p[1]->len);
            json_t *back = b < 0x80 ? json_packed_object(p[1]) : NULL; /* jansson: UTF-8 */
            if (b < 0x80)
                assert_true(back && json_is_string(back) && json_string_length(back) == 36 &&
                            memcmp(json_string_value(back), s, 36) == 0);
            json_decref(back);
            free(p[0]);
            free(p[1]);
        }
    json_pack_writer_free(&w);
}

/* Every canonical time from 1970 to 2100 (a step that visits all hours, leap days and month
 * ends) is stored as a number and comes back as the same text. */
static void times_are_numbers_and_come_back(void **state)
{
    struct json_pack_writer w;
    char text[32];
    (void)state;

    json_pack_writer_init(&w);
    for (time_t t = 1; t < (time_t)4102444800; t += 86400 + 3607) {
        model_format_time(t, text, sizeof(text));
        json_pack_begin(&w);
        json_pack_string(&w, text, strlen(text));
        struct json_packed *p = json_pack_finish(&w);
        assert_true(p->len <= 7); /* a tag and the seconds, not 20 bytes of text */
        json_t *back = json_packed_object(p);
        assert_string_equal(json_string_value(back), text);
        json_decref(back);
        free(p);
    }
    json_pack_writer_free(&w);
}

static void a_row_packs_small(void **state)
{
    struct json_pack_writer w;
    const char *row =
        "{\"assignments\":[{\"assignment_kind\":\"role\",\"position\":0,\"capability_key\":null,"
        "\"grant_kind\":null,\"group_id\":null,\"id\":\"89075087-f82e-43c4-9cd9-1724d10fe63c\","
        "\"resource_id\":\"61cdf7ef-c8a5-41ca-bc2e-7a721a44dad3\",\"resource_type\":\"account\","
        "\"role_key\":\"billing_admin\"}],\"email\":\"pending.fixture@example.com\","
        "\"id\":\"8482588c-be56-478b-b44b-65d70700dbbf\",\"permission_context\":{"
        "\"assigned_bundle_keys\":[\"billing_admin\"],\"direct_capability_keys\":[],"
        "\"owner_assignments\":[],\"resolved_capability_keys\":[\"account.view\","
        "\"billing.manage\",\"billing.view\"],\"status\":\"active\",\"subject_id\":\"\","
        "\"subject_type\":\"unknown\"},\"status\":\"pending\",\"accepted_at\":null,"
        "\"accepted_subject_id\":null,\"created_at\":\"2026-12-02T09:01:25Z\","
        "\"expires_at\":\"2026-12-09T09:01:25Z\",\"note\":\"Fixture 0\"}";
    (void)state;

    json_pack_writer_init(&w);
    size_t len = assert_round_trip(&w, row);
    assert_true(len * 3 < strlen(row)); /* under a third of the text */
    json_pack_writer_free(&w);
}

/* The writer's cache hashes a word's ends only: words alike but for one byte meet in one
 * slot, and each keeps its own id, and comes back as itself, key or value. */
static void words_alike_but_one_byte_keep_their_own_ids(void **state)
{
    struct json_pack_writer w;
    char a[JSON_PACK_INTERN_MAX], b[JSON_PACK_INTERN_MAX];
    (void)state;

    json_pack_writer_init(&w);
    for (size_t len = 1; len <= JSON_PACK_INTERN_MAX; len++)
        for (size_t at = 0; at < len; at++) {
            memset(a, 'q', len);
            memcpy(b, a, len);
            b[at] = 'r';
            for (int round = 0; round < 2; round++) {
                uint32_t ia = json_pack_key(&w, a, len), ib = json_pack_key(&w, b, len);
                assert_true(ia && ib && ia != ib);
                assert_int_equal(json_pack_key(&w, a, len), ia);
            }
            json_pack_begin(&w);
            json_pack_open(&w, 1);
            json_pack_key(&w, a, len);
            json_pack_string(&w, b, len);
            json_pack_key(&w, b, len);
            json_pack_string(&w, a, len);
            json_pack_close(&w, 1);
            struct json_packed *p = json_pack_finish(&w);
            json_t *back = json_packed_object(p);
            assert_int_equal(json_object_size(back), 2);
            json_t *va = json_object_getn(back, a, len), *vb = json_object_getn(back, b, len);
            assert_non_null(va);
            assert_non_null(vb);
            assert_memory_equal(json_string_value(va), b, len);
            assert_memory_equal(json_string_value(vb), a, len);
            json_decref(back);
            free(p);
        }
    /* A key with a digit is interned; the same bytes as a value come back alike. */
    json_pack_begin(&w);
    json_pack_open(&w, 1);
    json_pack_key(&w, "k1", 2);
    json_pack_string(&w, "k1", 2);
    json_pack_close(&w, 1);
    struct json_packed *p = json_pack_finish(&w);
    json_t *back = json_packed_object(p);
    assert_string_equal(json_string_value(json_object_get(back, "k1")), "k1");
    json_decref(back);
    free(p);
    json_pack_writer_free(&w);
}

static void the_intern_table_stays_bounded(void **state)
{
    struct json_pack_writer w;
    char key[32];
    (void)state;

    json_pack_writer_init(&w);
    /* Far more distinct words than the table takes: each still comes back. */
    for (size_t i = 0; i < JSON_PACK_MAX_INTERNED + 1000; i++) {
        int n = snprintf(key, sizeof(key), "k%c%c%c%c", 'a' + (int)(i % 26),
                         'a' + (int)(i / 26 % 26), 'a' + (int)(i / 676 % 26),
                         'a' + (int)(i / 17576 % 26));
        json_pack_begin(&w);
        json_pack_open(&w, 1);
        json_pack_key(&w, key, (size_t)n);
        json_pack_string(&w, key, (size_t)n);
        json_pack_close(&w, 1);
        struct json_packed *p = json_pack_finish(&w);
        json_t *back = json_packed_object(p);
        assert_string_equal(json_string_value(json_object_get(back, key)), key);
        json_decref(back);
        free(p);
    }
    assert_int_equal(json_pack_interned(), JSON_PACK_MAX_INTERNED);
    json_pack_writer_free(&w);
}

static void damaged_values_are_refused(void **state)
{
    struct json_pack_writer w;
    (void)state;

    json_pack_writer_init(&w);
    struct json_packed *p = pack_text(&w, "{\"a\":[1,\"two\",{\"b\":null}],\"c\":\"x\"}");
    for (size_t cut = 0; cut < p->len; cut++) {
        size_t whole = p->len;
        p->len = cut;
        assert_null(json_packed_object(p));
        p->len = whole;
    }
    p->data[0] = 0xee; /* no such tag */
    assert_null(json_packed_object(p));
    assert_null(json_packed_object(NULL));
    free(p);
    json_pack_writer_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_come_back_as_they_went_in),
        cmocka_unit_test(uuids_pack_alike_both_ways),
        cmocka_unit_test(times_are_numbers_and_come_back),
        cmocka_unit_test(a_row_packs_small),
        cmocka_unit_test(damaged_values_are_refused),
        cmocka_unit_test(words_alike_but_one_byte_keep_their_own_ids),
        cmocka_unit_test(the_intern_table_stays_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
