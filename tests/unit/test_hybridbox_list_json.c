/* hybridbox_list_json: the yajl reader of one list element gives the row jansson's reader
 * gives, and leaves to jansson every element where the two could differ. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/hybridbox_list_json.h"
#include "invitui/hybridbox_json.h"
#include "invitui/json_pack.h"
#include "model_testlib.h"

#define ACC "3c90c3cc-0d44-4b50-8888-8dd25736052a"
#define NOW ((time_t)1795000000) /* 2026-11-19 */

static void assert_str_or_null_equal(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

/* jansson's row from the same text, the reference. */
static void reference_row(const char *text, struct invitation *out)
{
    struct api_error err;
    json_t *obj = json_util_load(text, strlen(text), "t", &err);

    api_error_init(&err);
    assert_non_null(obj);
    assert_int_equal(hybridbox_invitation_from_json(obj, ACC, NOW, out, &err), 0);
    free(out->raw);
    out->raw = json_util_minify(text, strlen(text)); /* what the list reader keeps */
    json_decref(obj);
    api_error_clear(&err);
}

static bool has_high_byte(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

/* text is read by yajl, and the row is jansson's. */
static void assert_read_alike(const char *text, bool minified)
{
    struct invitation got, want;
    unsigned hints = minified ? HYBRIDBOX_ELEMENT_MINIFIED : 0;

    assert_int_equal(hybridbox_element_read(text, strlen(text), hints, NULL, ACC, NOW, &got), 1);
    reference_row(text, &want);
    assert_string_equal(got.id, want.id);
    assert_str_or_null_equal(got.email, want.email);
    assert_str_or_null_equal(got.raw_status, want.raw_status);
    assert_string_equal(got.account_id, want.account_id);
    assert_int_equal(got.status, want.status);
    assert_int_equal(got.status_computed, want.status_computed);
    assert_int_equal(got.created_at, want.created_at);
    assert_int_equal(got.expires_at, want.expires_at);
    assert_int_equal(got.accepted_at, want.accepted_at);
    assert_string_equal(got.summary, want.summary);
    assert_string_equal(got.raw, want.raw);
    assert_string_equal(got.shown.email, want.shown.email);
    if (!strpbrk(text, "\\\v\f") && !has_high_byte(text)) {
        /* what the splitter would call plain (elem_plain) is read the same without a look */
        struct invitation plain;
        assert_int_equal(hybridbox_element_read(text, strlen(text), hints | HYBRIDBOX_ELEMENT_PLAIN,
                                                NULL, ACC, NOW, &plain), 1);
        assert_string_equal(plain.raw, got.raw);
        assert_string_equal(plain.summary, got.summary);
        assert_int_equal(plain.created_at, got.created_at);
        invitation_free(&plain);
    }
    invitation_free(&got);

    /* Packed instead of raw: the same object comes back, keys in their order. */
    struct json_pack_writer w;
    json_pack_writer_init(&w);
    assert_int_equal(hybridbox_element_read(text, strlen(text), hints, &w, ACC, NOW, &got), 1);
    assert_null(got.raw);
    assert_non_null(got.packed);
    json_t *a = invitation_object(&got), *b = invitation_object(&want);
    char *ta = json_dumps(a, JSON_COMPACT), *tb = json_dumps(b, JSON_COMPACT);
    assert_string_equal(ta, tb);
    assert_string_equal(got.summary, want.summary);
    /* the times the packer read, as jansson's row has them */
    assert_int_equal(got.created_at, want.created_at);
    assert_int_equal(got.expires_at, want.expires_at);
    assert_int_equal(got.accepted_at, want.accepted_at);
    assert_int_equal(got.status, want.status);
    free(ta);
    free(tb);
    json_decref(a);
    json_decref(b);
    invitation_free(&got);
    json_pack_writer_free(&w);
    invitation_free(&want);
}

/* Left to jansson whether read into raw text or packed (duplicate keys are found by their
 * bytes in the one, by their interned ids in the other). */
static void assert_left_to_jansson(const char *text, size_t len)
{
    struct invitation got;
    struct json_pack_writer w;

    memset(&got, 0x5a, sizeof(got));
    assert_int_equal(hybridbox_element_read(text, len, 0, NULL, ACC, NOW, &got), 0);
    assert_int_equal(((const unsigned char *)&got)[0], 0x5a); /* untouched */
    json_pack_writer_init(&w);
    assert_int_equal(hybridbox_element_read(text, len, 0, &w, ACC, NOW, &got), 0);
    assert_int_equal(((const unsigned char *)&got)[0], 0x5a);
    json_pack_writer_free(&w);
}

#define LEFT(text) assert_left_to_jansson(text, sizeof(text) - 1)

static void reads_rows_as_jansson_does(void **state)
{
    (void)state;
    assert_read_alike(
        "{\"assignments\":[{\"assignment_kind\":\"role\",\"position\":0,\"role_key\":\"editor\","
        "\"capability_key\":null},{\"assignment_kind\":\"role\",\"role_key\":\"dns_manager\"},"
        "{\"capability_key\":\"x.y\"}],\"email\":\"ann.lee@example.com\","
        "\"id\":\"8482588c-be56-478b-b44b-65d70700dbbf\",\"permission_context\":{"
        "\"assigned_bundle_keys\":[\"editor\"],\"status\":\"active\"},\"status\":\"pending\","
        "\"accepted_at\":null,\"created_at\":\"2026-11-10T09:00:00Z\","
        "\"expires_at\":\"2026-11-17T09:00:00Z\",\"note\":\"Fixture 0\"}",
        true);
    /* The same key names at the top and in an assignment (the sandbox's order: an
     * assignment's own "id" before the invitation's), each read for its own place, in either
     * order: the reader keeps a key's place by its interned id, per place. */
    assert_read_alike("{\"assignments\":[{\"id\":\"as-1\",\"status\":\"x\",\"role_key\":\"editor\"}],"
                      "\"role_key\":\"top-level\",\"id\":\"inv-1\",\"status\":\"pending\"}",
                      true);
    assert_read_alike("{\"id\":\"inv-2\",\"role_key\":\"top-level\",\"status\":\"expired\","
                      "\"assignments\":[{\"role_key\":\"viewer\",\"id\":\"as-2\",\"status\":\"y\"}]}",
                      true);
    /* Labels: the first two objects, whatever comes before them; "+N" counts every entry. */
    assert_read_alike("{\"id\":\"a\",\"assignments\":[7,null,{\"group_id\":\"G\"},[],"
                      "{\"grant_kind\":\"account_owner\"},{\"role_key\":\"viewer\"}]}",
                      true);
    /* An empty key is absent; a key of the wrong type is absent; no assignments at all. */
    assert_read_alike("{\"id\":\"b\",\"assignments\":[{\"role_key\":\"\",\"capability_key\":5,"
                      "\"assignment_kind\":\"role\"}],\"email\":null,\"status\":7}",
                      true);
    assert_read_alike("{\"id\":\"c\",\"assignments\":{\"role_key\":\"x\"},\"created_at\":\"junk\"}",
                      true);
    /* Whitespace outside strings is minified away, inside strings kept. */
    assert_read_alike("{ \"id\" : \"d\",\n\t\"email\" : \"a b@example.com\" , \"n\": [ 1 , -0 ] }",
                      false);
    /* UTF-8 in strings and keys; an escaped backslash before a u is no \u escape. */
    assert_read_alike("{\"id\":\"e\",\"email\":\"m\xc3\xbcller@example.com\",\"n\xc3\xa9\":"
                      "\"\xf0\x9f\x98\x80 \\\\u0041 \\\" \\n\"}",
                      true);
    /* \u escapes both decode alike: a letter, upper-case hex, a surrogate pair, a control
     * character, and a key spelt with one (it is the id). */
    assert_read_alike("{\"\\u0069d\":\"g\",\"email\":\"m\\u00fcller@example.com\","
                      "\"n\":\"\\u00FC \\ud83d\\ude00 \\u001b[2J \\u20ac\"}",
                      true);
    /* The same keys in sibling and nested objects are no duplicates, long ones neither. */
    assert_read_alike("{\"id\":\"h\",\"p\":{\"id\":1,\"a_key_longer_than_thirty_two_bytes_x\":1},"
                      "\"q\":{\"id\":2,\"a_key_longer_than_thirty_two_bytes_x\":{\"id\":3}},"
                      "\"a_key_longer_than_thirty_two_bytes_x\":[{\"p\":1},{\"p\":2}]}",
                      true);
    /* Labels and times longer than the reader keeps on its stack. */
    {
        struct strbuf sb;
        strbuf_init(&sb);
        strbuf_puts(&sb, "{\"id\":\"i\",\"created_at\":\"2026-11-10T09:00:00.");
        for (int i = 0; i < 900; i++)
            strbuf_putc(&sb, '0');
        strbuf_puts(&sb, "Z\",\"assignments\":[{\"assignment_kind\":\"role\",\"role_key\":\"");
        for (int i = 0; i < 700; i++)
            strbuf_putc(&sb, (char)('a' + i % 26));
        strbuf_puts(&sb, "\"},{\"role_key\":\"viewer\",\"group_id\":\"G\"}]}");
        assert_read_alike(sb.data, true);
        strbuf_free(&sb);
    }
    /* Keys the reader wants, inside objects it does not read, are not taken. */
    assert_read_alike("{\"x\":{\"id\":\"no\",\"email\":\"no\"},\"id\":\"f\"}", true);
}

static void leaves_doubtful_elements_to_jansson(void **state)
{
    (void)state;
    LEFT("[]");
    LEFT("\"id\"");
    LEFT("{\"email\":\"a@example.com\"}");            /* no id: jansson's error */
    LEFT("{\"id\":5}");
    LEFT("{\"id\":\"a\",\"id\":\"b\"}");               /* duplicate key */
    LEFT("{\"id\":\"a\",\"p\":{\"k\":1,\"k\":2}}");     /* duplicate, nested */
    /* A key too long to intern, twice; and after a nested object that had it too. */
    LEFT("{\"id\":\"a\",\"a_key_longer_than_thirty_two_bytes_x\":1,"
         "\"a_key_longer_than_thirty_two_bytes_x\":2}");
    LEFT("{\"id\":\"a\",\"p\":{\"q\":1},\"q\":1,\"r\":{\"q\":1},\"q\":2}");
    LEFT("{\"id\":\"a\",\"n\":\"\\u0000\"}");          /* a NUL: jansson keeps it */
    LEFT("{\"id\":\"a\",\"n\":\"\\ud800\"}");          /* surrogates outside a pair */
    LEFT("{\"id\":\"a\",\"n\":\"\\udc00\\ud800\"}");
    LEFT("{\"id\":\"a\",\"n\":\"\\ud83d\\u0041\"}");
    LEFT("{\"id\":\"a\",\"n\":\"\\ud83d\\ud83d\"}");
    LEFT("{\"id\":\"a\",\"n\":\"\\ud83d\"}");
    LEFT("{\"id\":\"a\",\"n\":\"\\u00g0\"}");          /* not hex */
    LEFT("{\"id\":\"a\",\"n\":\"\xc0\xaf\"}");         /* overlong */
    LEFT("{\"id\":\"a\",\"n\":\"\xed\xa0\x80\"}");     /* a surrogate in UTF-8 */
    LEFT("{\"id\":\"a\",\"n\":\"\xf4\x90\x80\x80\"}"); /* past U+10FFFF */
    LEFT("{\"id\":\"a\",\"n\":\"\xc3\"}");             /* cut */
    LEFT("{\"id\":\"a\",\"n\":1.5}");
    LEFT("{\"id\":\"a\",\"n\":1e400}");
    LEFT("{\"id\":\"a\",\"n\":12345678901234567890}"); /* past json_int_t */
    LEFT("{\"id\":\"a\",\"n\":01}");
    LEFT("{\"id\":\"a\",\"n\":tru}");                  /* not JSON */
    LEFT("{\"id\":\"a\",\"n\":\"\t\"}");               /* a raw control character */
    LEFT("{\"id\":\"a\"} x");
    LEFT("{\"id\":\"a\",\v\"n\":1}");               /* yajl's whitespace, not JSON's */
    LEFT("{\"id\":\"a\",\f\"n\":1}");

    /* The text is checked eight bytes at a time: the same answers wherever a backslash, \v
     * or a UTF-8 sequence falls in a word. */
    for (int pad = 0; pad < 17; pad++) {
        char doc[128];
        snprintf(doc, sizeof(doc), "{\"id\":\"a\",\"n\":\"%.*s\\u0000\"}", pad,
                 "xxxxxxxxxxxxxxxxx");
        assert_left_to_jansson(doc, strlen(doc));
        snprintf(doc, sizeof(doc), "{\"id\":\"a\",\"n\":\"%.*s\\u00fc\\ud83d\\ude00\"}", pad,
                 "xxxxxxxxxxxxxxxxx");
        assert_read_alike(doc, true);
        snprintf(doc, sizeof(doc), "{\"id\":\"a\",\"n\":\"%.*s\xc3\"}", pad, "xxxxxxxxxxxxxxxxx");
        assert_left_to_jansson(doc, strlen(doc));
        snprintf(doc, sizeof(doc), "{\"id\":\"a\",%.*s\v\"n\":1}", pad, "                 ");
        assert_left_to_jansson(doc, strlen(doc));
        snprintf(doc, sizeof(doc), "{\"id\":\"a\",\"n\":\"%.*s\\\\u00fc \xc3\xbc\"}", pad,
                 "xxxxxxxxxxxxxxxxx");
        assert_read_alike(doc, true);
    }

    /* The element and 63 arrays are 64 levels, read; one more is left. */
    struct strbuf deep;
    for (size_t arrays = HYBRIDBOX_ELEMENT_MAX_DEPTH - 1; arrays <= HYBRIDBOX_ELEMENT_MAX_DEPTH;
         arrays++) {
        strbuf_init(&deep);
        strbuf_puts(&deep, "{\"id\":\"a\",\"d\":");
        for (size_t i = 0; i < arrays; i++)
            strbuf_putc(&deep, '[');
        for (size_t i = 0; i < arrays; i++)
            strbuf_putc(&deep, ']');
        strbuf_putc(&deep, '}');
        if (arrays < HYBRIDBOX_ELEMENT_MAX_DEPTH)
            assert_read_alike(deep.data, true);
        else
            assert_left_to_jansson(deep.data, deep.len);
        strbuf_free(&deep);
    }

    struct strbuf wide;
    strbuf_init(&wide);
    strbuf_puts(&wide, "{\"id\":\"a\"");
    for (size_t i = 1; i <= HYBRIDBOX_ELEMENT_MAX_KEYS; i++)
        strbuf_printf(&wide, ",\"k%zu\":%zu", i, i);
    strbuf_putc(&wide, '}');
    assert_left_to_jansson(wide.data, wide.len);
    strbuf_free(&wide);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_rows_as_jansson_does),
        cmocka_unit_test(leaves_doubtful_elements_to_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
