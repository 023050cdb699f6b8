/* Hybridbox invitation list: the streamed splitter against a whole-document
 * parse. The same bytes are fed to hybridbox_stream once whole and once in
 * random-sized chunks (sizes drawn from a generator seeded by the input, so
 * a crash reproduces; that run packs its rows as the TUI does), and parsed
 * whole with json_util_load + hybridbox_invitation_from_json. All three
 * must agree: same success, same rows field by field, the same object from
 * raw or packed; a chunked run must also give the same error kind. A fourth
 * run reads the chunked one's pieces on two threads (hybridbox_stream_parallel,
 * the TUI's list): its rows, up to any error, and its error are the chunked run's. */
#include "config.h"

#include <jansson.h>
#include <time.h>

#include "fuzz.h"
#include "invitui/hybridbox_json.h"
#include "invitui/json_pack.h"

#define FUZZ_ACCOUNT "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
#define FUZZ_NOW ((time_t)1700000000)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct run {
    int rc;
    enum api_error_kind kind;
    struct invitation_list rows;
};

static uint64_t seed_of(const uint8_t *data, size_t size)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */

    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 1099511628211ull;
    return h ? h : 1;
}

/* Chunk sizes: mostly 1..16 bytes, sometimes up to 256, so boundaries land
 * inside strings, escapes, numbers and between elements. */
static size_t next_chunk(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return (*x & 7) ? 1 + (size_t)(*x >> 32) % 16 : 1 + (size_t)(*x >> 32) % 256;
}

enum mode { M_RAW, M_PACK, M_PARALLEL };

static void stream_run(const uint8_t *data, size_t size, uint64_t seed, enum mode mode,
                       struct run *r)
{
    struct hybridbox_stream st;
    struct api_error err;
    size_t off = 0;

    api_error_init(&err);
    memset(&r->rows, 0, sizeof(r->rows));
    hybridbox_stream_init(&st, FUZZ_ACCOUNT, FUZZ_NOW, &r->rows);
    if (mode == M_PACK)
        hybridbox_stream_pack(&st);
    else if (mode == M_PARALLEL)
        hybridbox_stream_parallel(&st);
    r->rc = 0;
    while (r->rc == 0 && off < size) {
        size_t n = seed ? next_chunk(&seed) : size;
        if (n > size - off)
            n = size - off;
        r->rc = hybridbox_stream_feed(&st, (const char *)data + off, n, &err);
        off += n;
    }
    if (r->rc == 0)
        r->rc = hybridbox_stream_finish(&st, &err);
    FUZZ_CHECK((r->rc == 0) == (err.kind == API_OK));
    r->kind = err.kind;
    hybridbox_stream_free(&st);
    api_error_clear(&err);
}

/* The reference: the whole document at once. */
static void whole_run(const uint8_t *data, size_t size, struct run *r)
{
    struct api_error err;
    json_t *root;

    api_error_init(&err);
    memset(&r->rows, 0, sizeof(r->rows));
    r->rc = -1;
    root = json_util_load((const char *)data, size, "list", &err);
    if (root && json_is_array(root)) {
        r->rc = 0;
        for (size_t i = 0; r->rc == 0 && i < json_array_size(root); i++) {
            struct invitation inv;
            r->rc = hybridbox_invitation_from_json(json_array_get(root, i), FUZZ_ACCOUNT,
                                                   FUZZ_NOW, &inv, &err);
            if (r->rc == 0)
                invitation_list_push(&r->rows, &inv);
            else
                invitation_free(&inv);
        }
    }
    json_decref(root);
    api_error_clear(&err);
}

/* The provider's object of a row: raw text, or packed (json_pack.h), never both. */
static json_t *object_of(const struct invitation *inv)
{
    FUZZ_CHECK(!(inv->raw && inv->packed));
    if (inv->packed)
        return json_packed_object(inv->packed);
    return json_loads(inv->raw ? inv->raw : "", JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
}

/* raw differs in form (server bytes minified vs re-serialised, or packed): compare as JSON. */
static bool raw_equal(const struct invitation *a, const struct invitation *b)
{
    json_t *ja = object_of(a);
    json_t *jb = object_of(b);
    bool eq = ja && jb && json_equal(ja, jb);

    json_decref(ja);
    json_decref(jb);
    return eq;
}

static void check_same_rows(const struct invitation_list *a, const struct invitation_list *b,
                            bool same_raw_text)
{
    FUZZ_CHECK(a->n == b->n);
    for (size_t i = 0; i < a->n; i++) {
        const struct invitation *x = &a->v[i], *y = &b->v[i];
        FUZZ_CHECK(x->id && fuzz_str_eq(x->id, y->id));
        FUZZ_CHECK(fuzz_str_eq(x->account_id, y->account_id));
        FUZZ_CHECK(fuzz_str_eq(x->email, y->email));
        FUZZ_CHECK(fuzz_str_eq(x->raw_status, y->raw_status));
        FUZZ_CHECK(fuzz_str_eq(x->summary, y->summary));
        FUZZ_CHECK(x->status == y->status && x->status_computed == y->status_computed);
        FUZZ_CHECK(x->created_at == y->created_at && x->expires_at == y->expires_at);
        FUZZ_CHECK(x->accepted_at == y->accepted_at);
        FUZZ_CHECK(same_raw_text ? fuzz_str_eq(x->raw, y->raw) : raw_equal(x, y));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct run whole, once, chunked, parallel;

    stream_run(data, size, 0, M_RAW, &once);
    /* In pieces, and packed as the TUI keeps its rows. */
    stream_run(data, size, seed_of(data, size), M_PACK, &chunked);
    /* The same pieces read on two threads: the same rows, even those before an error. */
    stream_run(data, size, seed_of(data, size), M_PARALLEL, &parallel);
    whole_run(data, size, &whole);

    FUZZ_CHECK(parallel.rc == chunked.rc && parallel.kind == chunked.kind);
    check_same_rows(&parallel.rows, &chunked.rows, false);
    FUZZ_CHECK(once.rc == chunked.rc && once.kind == chunked.kind);
    if (once.rc == 0)
        check_same_rows(&once.rows, &chunked.rows, false);
    FUZZ_CHECK(once.rc == whole.rc);
    if (once.rc == 0)
        check_same_rows(&once.rows, &whole.rows, false);

    invitation_list_free(&whole.rows);
    invitation_list_free(&once.rows);
    invitation_list_free(&chunked.rows);
    invitation_list_free(&parallel.rows);
    return 0;
}
