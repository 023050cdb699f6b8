#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "invitui/json_util.h"

/* Collects every element as "<bytes>\n" so runs can be compared. */
struct collect {
    struct strbuf out;
    size_t count;
    size_t stop_at; /* fail on this index (SIZE_MAX: never) */
};

static int collect_fn(void *ctx, size_t index, const char *data, size_t len,
                      struct api_error *err)
{
    struct collect *c = ctx;

    if (index != c->count)
        return api_error_set(err, API_ERR_PARSE, "index %zu out of order", index);
    if (index == c->stop_at)
        return api_error_set(err, API_ERR_PARSE, "stopped at %zu", index);
    strbuf_append(&c->out, data, len);
    strbuf_putc(&c->out, '\n');
    c->count++;
    return 0;
}

/* Splits `doc` fed in pieces: chunk 0 = whole, >0 = fixed size, <0 = pseudo-random sizes. */
static int split(const char *doc, long chunk, struct collect *c, struct api_error *err)
{
    struct json_splitter sp;
    size_t len = strlen(doc), off = 0;
    unsigned seed = 12345;
    int rc = 0;

    strbuf_init(&c->out);
    c->count = 0;
    if (c->stop_at == 0)
        c->stop_at = SIZE_MAX;
    json_splitter_init(&sp, collect_fn, c);
    while (off < len && rc == 0) {
        size_t n = len - off;
        if (chunk > 0 && (size_t)chunk < n)
            n = (size_t)chunk;
        else if (chunk < 0) {
            seed = seed * 1103515245u + 12345u;
            size_t r = 1 + (seed >> 16) % 17;
            n = r < n ? r : n;
        }
        rc = json_splitter_feed(&sp, doc + off, n, err);
        off += n;
    }
    if (rc == 0)
        rc = json_splitter_finish(&sp, err);
    json_splitter_free(&sp);
    return rc;
}

static const char *const tricky =
    " \n[ {\"a\":\"]}[{\\\"\\\\\",\"b\":[1,[2,{\"c\":\"}\"}]]},\r\n"
    "\"str with ] and , and \\\" and \\\\\" , 12.5e3,true ,null,false,-0,"
    "[], {}, [[[]]], \"\", {\"x\":\"\\\\\"}\t] \n";

static const char *const tricky_expected =
    "{\"a\":\"]}[{\\\"\\\\\",\"b\":[1,[2,{\"c\":\"}\"}]]}\n"
    "\"str with ] and , and \\\" and \\\\\"\n12.5e3\ntrue\nnull\nfalse\n-0\n"
    "[]\n{}\n[[[]]]\n\"\"\n{\"x\":\"\\\\\"}\n";

/* A stored document is an object or nothing: the readers never guess. */
static void object_of_stored_text(void **state)
{
    (void)state;
    json_t *o = json_util_object("{\"id\": \"a\"}");
    assert_non_null(o);
    assert_string_equal(json_util_str(o, "id"), "a");
    json_decref(o);
    assert_null(json_util_object(NULL));
    assert_null(json_util_object("[1, 2]"));
    assert_null(json_util_object("{\"id\": "));
}

static void splitter_chunking_gives_identical_results(void **state)
{
    static const long chunks[] = {0, 1, 2, 3, 7, 64, -1};
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
        struct collect c = {0};
        assert_int_equal(split(tricky, chunks[i], &c, &err), 0);
        assert_int_equal(c.count, 12);
        assert_string_equal(c.out.data, tricky_expected);
        strbuf_free(&c.out);
    }
    api_error_clear(&err);
}

static void splitter_empty_arrays(void **state)
{
    static const char *const docs[] = {"[]", " [ ] ", "\n[\n]\n"};
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < 3; i++) {
        for (long chunk = 0; chunk <= 1; chunk++) {
            struct collect c = {0};
            assert_int_equal(split(docs[i], chunk, &c, &err), 0);
            assert_int_equal(c.count, 0);
            strbuf_free(&c.out);
        }
    }
    api_error_clear(&err);
}

static void splitter_rejects_bad_documents(void **state)
{
    static const char *const bad[] = {
        "",                 /* empty body */
        "   ",              /* white space only */
        "{\"a\":1}",        /* not an array */
        "\"[1]\"",          /* a string, not an array */
        "[1,2",             /* truncated after an element */
        "[{\"a\":[1,2]",    /* truncated inside an element */
        "[\"abc",           /* truncated inside a string */
        "[\"ab\\\"]",       /* the escaped quote does not close the string */
        "[1,",              /* truncated after a comma */
        "[1,]",             /* trailing comma */
        "[,1]",             /* leading comma */
        "[1 2]",            /* missing comma */
        "[{}{}]",           /* missing comma between objects */
        "[1]x",             /* trailing garbage */
        "[1] [2]",          /* two documents */
        "[}",               /* stray closer */
        "[1}",              /* scalar followed by a closer */
        "[",                /* only the opener */
    };
    (void)state;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        for (long chunk = 0; chunk <= 1; chunk++) {
            struct api_error err;
            struct collect c = {0};
            api_error_init(&err);
            if (split(bad[i], chunk, &c, &err) == 0)
                fail_msg("accepted \"%s\" (chunk %ld)", bad[i], chunk);
            assert_int_equal(err.kind, API_ERR_PARSE);
            assert_non_null(err.title);
            strbuf_free(&c.out);
            api_error_clear(&err);
        }
    }
}

static void splitter_stops_when_callback_fails(void **state)
{
    struct api_error err;
    struct collect c = {.stop_at = 2};
    (void)state;

    api_error_init(&err);
    assert_int_equal(split("[1,2,3,4]", 1, &c, &err), -1);
    assert_int_equal(c.count, 2);
    assert_string_equal(err.title, "stopped at 2");
    strbuf_free(&c.out);
    api_error_clear(&err);
}

static void splitter_caps_element_size(void **state)
{
    struct json_splitter sp;
    struct collect c = {.stop_at = SIZE_MAX};
    struct api_error err;
    (void)state;

    api_error_init(&err);
    strbuf_init(&c.out);
    json_splitter_init(&sp, collect_fn, &c);
    sp.max_elem = 8;
    assert_int_equal(json_splitter_feed(&sp, "[\"1234\",\"123", 12, &err), 0);
    assert_int_equal(json_splitter_feed(&sp, "45678\"]", 7, &err), -1);
    assert_int_equal(err.kind, API_ERR_TOO_LARGE);
    /* A failed splitter stays failed. */
    assert_int_equal(json_splitter_feed(&sp, "]", 1, &err), -1);
    json_splitter_free(&sp);
    strbuf_free(&c.out);
    api_error_clear(&err);
}

static void getters_treat_wrong_types_as_absent(void **state)
{
    json_error_t jerr;
    json_t *root = json_loads("{\"a\":{\"b\":{\"c\":\"x\",\"n\":5,\"t\":\"2023-11-07T05:31:56Z\","
                              "\"bad\":\"yesterday\"}},\"s\":null,\"i\":\"7\",\"arr\":[1]}",
                              0, &jerr);
    long long v = 0;
    char *dup;
    (void)state;

    assert_non_null(root);
    assert_string_equal(json_util_str(root, "a.b.c"), "x");
    assert_null(json_util_str(root, "a.b.n"));
    assert_null(json_util_str(root, "a.b.c.d"));
    assert_null(json_util_str(root, "a.x.c"));
    assert_null(json_util_str(root, "s"));
    assert_null(json_util_str(root, "arr.0"));
    assert_null(json_util_str(NULL, "a"));
    assert_true(json_util_int(root, "a.b.n", &v));
    assert_int_equal(v, 5);
    assert_false(json_util_int(root, "i", &v));
    assert_int_equal(json_util_time(root, "a.b.t"), 1699335116);
    assert_int_equal(json_util_time(root, "a.b.bad"), 0);
    assert_int_equal(json_util_time(root, "a.b.n"), 0);
    dup = json_util_dup(root, "a.b.c");
    assert_string_equal(dup, "x");
    free(dup);
    assert_null(json_util_dup(root, "missing"));
    dup = json_util_compact(json_object_get(root, "arr"));
    assert_string_equal(dup, "[1]");
    free(dup);
    json_decref(root);
}

static void load_reports_parse_errors(void **state)
{
    struct api_error err;
    json_t *v;
    (void)state;

    api_error_init(&err);
    v = json_util_load("{\"a\":1,\"a\":2}", 13, "dup", &err);
    assert_null(v);
    assert_int_equal(err.kind, API_ERR_PARSE);
    assert_string_equal(err.title, "dup");
    assert_non_null(err.detail);
    api_error_clear(&err);
    v = json_util_load("\"\xff\"", 3, "utf8", &err);
    assert_null(v);
    assert_int_equal(err.kind, API_ERR_PARSE);
    api_error_clear(&err);
    v = json_util_load("42", 2, "scalar", &err);
    assert_non_null(v);
    json_decref(v);
    api_error_clear(&err);
}

/* Documents with one raw NUL byte at various places: between elements,
 * inside a number (jansson ends the number there and reads on), between an
 * object's tokens, after the array, before it. Each is a parse error both
 * loaded whole and streamed in pieces of every size. */
static const struct {
    const char *doc;
    size_t len;
} nul_docs[] = {
#define NUL_DOC(s) {s, sizeof(s) - 1}
    NUL_DOC("[1,2\0]"),
    NUL_DOC("[1,\0 2]"),
    NUL_DOC("[{\"a\":1}\0,{\"b\":2}]"),
    NUL_DOC("[{\"a\":1},{\"b\":2\0}]"),
    NUL_DOC("[{\"a\":1},{\"b\"\0:2}]"),
    NUL_DOC("[{\"a\":\"x\0y\"}]"),
    NUL_DOC("[true\0]"),
    NUL_DOC("[1]\0"),
    NUL_DOC("\0[1]"),
#undef NUL_DOC
};

static void load_rejects_nul_bytes(void **state)
{
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < sizeof(nul_docs) / sizeof(nul_docs[0]); i++) {
        json_t *v = json_util_load(nul_docs[i].doc, nul_docs[i].len, "nul", &err);
        if (v)
            fail_msg("document %zu with a NUL byte was accepted", i);
        assert_int_equal(err.kind, API_ERR_PARSE);
        api_error_clear(&err);
    }
    /* The escaped form stays valid. */
    json_t *v = json_util_load("[\"a\\u0000b\"]", 12, "escaped", &err);
    assert_non_null(v);
    json_decref(v);
}

static int parse_element(void *ctx, size_t index, const char *data, size_t len,
                         struct api_error *err)
{
    json_t *v = json_util_load(data, len, "element", err);

    (void)ctx;
    if (!v) {
        json_element_error(err, index);
        return -1;
    }
    json_decref(v);
    return 0;
}

static void splitter_rejects_nul_bytes(void **state)
{
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < sizeof(nul_docs) / sizeof(nul_docs[0]); i++) {
        for (size_t chunk = 1; chunk <= nul_docs[i].len; chunk++) {
            struct json_splitter sp;
            int rc = 0;
            json_splitter_init(&sp, parse_element, NULL);
            for (size_t off = 0; off < nul_docs[i].len && rc == 0; off += chunk) {
                size_t n = nul_docs[i].len - off < chunk ? nul_docs[i].len - off : chunk;
                rc = json_splitter_feed(&sp, nul_docs[i].doc + off, n, &err);
            }
            if (rc == 0)
                rc = json_splitter_finish(&sp, &err);
            json_splitter_free(&sp);
            if (rc == 0)
                fail_msg("document %zu streamed in pieces of %zu was accepted", i, chunk);
            assert_int_equal(err.kind, API_ERR_PARSE);
            api_error_clear(&err);
        }
    }
}

/* What the splitter says of each element's bytes (json_splitter.elem_plain). */
struct plainness {
    const struct json_splitter *sp;
    bool plain[4];
    size_t n;
};

static int note_plainness(void *ctx, size_t index, const char *data, size_t len,
                          struct api_error *err)
{
    struct plainness *p = ctx;

    (void)index, (void)data, (void)len, (void)err;
    if (p->n < 4)
        p->plain[p->n] = p->sp->elem_plain;
    p->n++;
    return 0;
}

static struct plainness plainness_of(const char *doc, size_t chunk)
{
    struct json_splitter sp;
    struct plainness p = {.sp = &sp};
    struct api_error err;
    size_t len = strlen(doc);

    api_error_init(&err);
    json_splitter_init(&sp, note_plainness, &p);
    for (size_t off = 0; off < len; off += chunk)
        assert_int_equal(json_splitter_feed(&sp, doc + off, len - off < chunk ? len - off : chunk,
                                            &err), 0);
    assert_int_equal(json_splitter_finish(&sp, &err), 0);
    json_splitter_free(&sp);
    return p;
}

/* The reader skips its closer look at an element the splitter calls plain, so no byte that
 * needs one may go unseen: a UTF-8 letter, an escape, \v or \f at any place of an eight-byte
 * word, in a piece cut anywhere; and the element after it is plain again. */
static void splitter_marks_plain_elements(void **state)
{
    static const char *const marks[] = {"\xc3\xa9", "\\n", "\v", "\f", "\\\""};
    static const size_t chunks[] = {1, 3, 7, 8, 9, 4096};
    (void)state;

    for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++)
        for (size_t at = 0; at <= 17; at++)
            for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
                char doc[128];
                snprintf(doc, sizeof(doc),
                         "[{\"key\":\"%.*s%s%.*s\"}, {\"key\": \"abcdefghijklmnopq\"}]",
                         (int)at, "abcdefghijklmnopq", marks[m], (int)(17 - at),
                         "rstuvwxyzabcdefgh");
                struct plainness p = plainness_of(doc, chunks[c]);
                assert_int_equal(p.n, 2);
                if (p.plain[0] || !p.plain[1])
                    fail_msg("mark %zu at %zu, pieces of %zu: %d %d", m, at, chunks[c],
                             p.plain[0], p.plain[1]);
            }
    /* Outside strings: \v is whitespace to yajl but not to JSON; other values are never
     * plain objects. */
    struct plainness p = plainness_of("[{\"a\":\v1}, \"s\", 5, [1], {\"b\" : 2}]", 2);
    assert_int_equal(p.n, 5);
    assert_false(p.plain[0]);
    assert_false(p.plain[1]);
    assert_false(p.plain[2]);
    assert_true(p.plain[3]);
}

/* ---- long elements: the splitter's 64-byte blocks ---- */

static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

/* Whitespace between tokens in about one element in four. */
static void gen_space(struct strbuf *b, unsigned *seed, bool spaced)
{
    static const char *const ws[] = {" ", "\n\t", "\r\n  "};

    if (spaced && next_random(seed) % 3 == 0)
        strbuf_puts(b, ws[next_random(seed) % 3]);
}

/* A string whose bytes look like structure to a careless scan: brackets, spaces, UTF-8 and,
 * in one element in three, escapes (a quote, a backslash, \n, \u00e9, \/). */
static void gen_string(struct strbuf *b, unsigned *seed, bool escapes)
{
    static const char *const parts[] = {"a", "bc", "{",  "}", "[", "]", ",",
                                        ":", " ",  "\xc3\xa9", "xyz0123456789",
                                        "\\\"", "\\\\", "\\n", "\\u00e9", "\\/"};
    size_t n = next_random(seed) % 24, kinds = escapes ? 16 : 11;

    strbuf_putc(b, '"');
    for (size_t i = 0; i < n; i++)
        strbuf_puts(b, parts[next_random(seed) % kinds]);
    strbuf_putc(b, '"');
}

static void gen_value(struct strbuf *b, unsigned *seed, int depth, bool spaced, bool escapes)
{
    unsigned kind = next_random(seed) % (depth > 4 ? 3 : 6);
    size_t n = next_random(seed) % 7;

    if (kind == 0) {
        gen_string(b, seed, escapes);
    } else if (kind == 1) {
        strbuf_puts(b, "-12.5e3");
    } else if (kind == 2) {
        strbuf_puts(b, next_random(seed) % 2 ? "true" : "null");
    } else {
        bool object = kind != 5;
        strbuf_putc(b, object ? '{' : '[');
        for (size_t i = 0; i < n; i++) {
            if (i)
                strbuf_putc(b, ',');
            gen_space(b, seed, spaced);
            if (object) {
                gen_string(b, seed, escapes);
                gen_space(b, seed, spaced);
                strbuf_putc(b, ':');
                gen_space(b, seed, spaced);
            }
            gen_value(b, seed, depth + 1, spaced, escapes);
            gen_space(b, seed, spaced);
        }
        strbuf_putc(b, object ? '}' : ']');
    }
}

/* What each delivered element must be: the document's element at its index, and marked
 * neither plain nor free of whitespace when its bytes say otherwise. */
struct block_check {
    const struct json_splitter *sp;
    json_t *all;
    size_t n, plain, spaced;
};

static void reference_marks(const char *data, size_t len, bool *plain, bool *ws)
{
    bool in_string = false, escape = false;

    *plain = data[0] == '{' || data[0] == '[';
    *ws = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c >= 0x80 || c == '\\' || c == '\v' || c == '\f')
            *plain = false;
        if (escape)
            escape = false;
        else if (in_string && c == '\\')
            escape = true;
        else if (c == '"')
            in_string = !in_string;
        else if (!in_string && (c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            *ws = true;
    }
}

static int check_block_element(void *ctx, size_t index, const char *data, size_t len,
                               struct api_error *err)
{
    struct block_check *k = ctx;
    json_t *e = json_loadb(data, len, JSON_DECODE_ANY, NULL);
    bool plain, ws;

    (void)err;
    if (!e || !json_equal(e, json_array_get(k->all, index)))
        fail_msg("element %zu differs: %.*s", index, (int)len, data);
    json_decref(e);
    reference_marks(data, len, &plain, &ws);
    if ((!plain && k->sp->elem_plain) || (ws && !k->sp->elem_ws))
        fail_msg("element %zu marked plain %d ws %d: %.*s", index, k->sp->elem_plain,
                 k->sp->elem_ws, (int)len, data);
    k->plain += plain;
    k->spaced += ws;
    k->n++;
    return 0;
}

/* Elements of hundreds of bytes whose strings, escapes, brackets and spaces fall at every
 * place of the splitter's blocks, in pieces cut at and around the block size and at random:
 * each element is the document's, whole. */
static void splitter_blocks_match_the_document(void **state)
{
    static const long chunks[] = {0, 1, 63, 64, 65, 127, -1};
    struct strbuf doc;
    unsigned seed = 7;
    (void)state;

    strbuf_init(&doc);
    strbuf_putc(&doc, '[');
    for (int i = 0; i < 300; i++) {
        if (i)
            strbuf_puts(&doc, i % 5 ? "," : " ,\n");
        gen_value(&doc, &seed, 0, i % 4 == 0, i % 3 == 0);
    }
    strbuf_putc(&doc, ']');
    json_t *all = json_loads(doc.data, 0, NULL);
    assert_non_null(all);
    /* As init chose (AVX-512 or AVX2 where the CPU has it), then AVX2 at most, then the SSE2
     * way. */
    for (size_t c = 0; c < 3 * sizeof(chunks) / sizeof(chunks[0]); c++) {
        struct json_splitter sp;
        struct block_check k = {.sp = &sp, .all = all};
        struct api_error err;
        size_t off = 0;
        unsigned cut = 99;
        api_error_init(&err);
        long chunk = chunks[c % (sizeof(chunks) / sizeof(chunks[0]))];
        json_splitter_init(&sp, check_block_element, &k);
        if (c >= sizeof(chunks) / sizeof(chunks[0]))
            sp.avx512 = false;
        if (c >= 2 * sizeof(chunks) / sizeof(chunks[0]))
            sp.avx2 = false;
        while (off < doc.len) {
            size_t n = chunk > 0 ? (size_t)chunk : chunk ? 1 + next_random(&cut) % 300 : doc.len;
            n = n < doc.len - off ? n : doc.len - off;
            assert_int_equal(json_splitter_feed(&sp, doc.data + off, n, &err), 0);
            off += n;
        }
        assert_int_equal(json_splitter_finish(&sp, &err), 0);
        json_splitter_free(&sp);
        assert_int_equal(k.n, json_array_size(all));
        assert_true(k.plain > 10 && k.plain < k.n); /* both kinds were seen */
        assert_true(k.spaced > 10 && k.spaced < k.n);
    }
    json_decref(all);
    strbuf_free(&doc);
}

static void minify_keeps_strings(void **state)
{
    static const char doc[] = " { \"a b\" : [ 1 ,\n\t2 ] , \"q\\\" }\" :\r\"x\\\\\" } ";
    char *m = json_util_minify(doc, sizeof(doc) - 1);
    (void)state;

    assert_string_equal(m, "{\"a b\":[1,2],\"q\\\" }\":\"x\\\\\"}");
    json_t *a = json_loads(m, 0, NULL), *b = json_loads(doc, 0, NULL);
    assert_true(json_equal(a, b));
    json_decref(a);
    json_decref(b);
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(object_of_stored_text),
        cmocka_unit_test(splitter_chunking_gives_identical_results),
        cmocka_unit_test(splitter_empty_arrays),
        cmocka_unit_test(splitter_marks_plain_elements),
        cmocka_unit_test(splitter_blocks_match_the_document),
        cmocka_unit_test(splitter_rejects_bad_documents),
        cmocka_unit_test(splitter_stops_when_callback_fails),
        cmocka_unit_test(splitter_caps_element_size),
        cmocka_unit_test(getters_treat_wrong_types_as_absent),
        cmocka_unit_test(load_reports_parse_errors),
        cmocka_unit_test(load_rejects_nul_bytes),
        cmocka_unit_test(splitter_rejects_nul_bytes),
        cmocka_unit_test(minify_keeps_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
