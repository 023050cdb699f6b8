#include "config.h"

#include "invitui/json_pack.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/model.h"

/* The bytes: a tag, then what it needs (lengths and ids as LEB128). */
enum pack_tag {
    T_NULL = 1, T_FALSE, T_TRUE,
    T_NUMBER,      /* len, text */
    T_STRING,      /* len, bytes */
    T_STRING_ID,   /* id */
    T_OBJECT, T_OBJECT_END, T_ARRAY, T_ARRAY_END,
    T_KEY,         /* len, bytes */
    T_KEY_ID,      /* id */
    T_UUID,        /* 16 bytes: a lower-case 8-4-4-4-12 UUID string */
    T_TIME,        /* zig-zag seconds: a "YYYY-MM-DDTHH:MM:SSZ" string, as model_format_time
                      writes it back */
};

#define MAX_DEPTH 128
#define TABLE_SLOTS (2 * JSON_PACK_MAX_INTERNED)

/* ---- the intern table ---- */

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
/* entries[id] (1..n_interned): a length byte, the bytes, a NUL. Written once, under the
 * lock, before the id is handed out; read without the lock by whoever got the id. */
static unsigned char *entries[JSON_PACK_MAX_INTERNED + 1];
static uint32_t n_interned;
/* ids by hash, open addressing; a slot is set once, under the lock, after its entry */
static _Atomic uint32_t slots[TABLE_SLOTS];

static bool entry_is(uint32_t id, const char *s, size_t len)
{
    const unsigned char *e = entries[id];

    return e[0] == len && memcmp(e + 1, s, len) == 0;
}

/* The id of a string the table holds, else 0; takes no lock: two threads reading a list
 * would otherwise wait on each other for every word their caches miss. */
static uint32_t table_find(uint32_t h, const char *s, size_t len)
{
    for (uint32_t at = h & (TABLE_SLOTS - 1);; at = (at + 1) & (TABLE_SLOTS - 1)) {
        uint32_t id = atomic_load_explicit(&slots[at], memory_order_acquire);
        if (!id || entry_is(id, s, len))
            return id;
    }
}

/* 0 when the table is full. */
static uint32_t table_intern(uint32_t h, const char *s, size_t len)
{
    uint32_t at = h & (TABLE_SLOTS - 1), id = table_find(h, s, len), slot;

    if (id)
        return id;
    pthread_mutex_lock(&intern_lock);
    for (; (slot = atomic_load_explicit(&slots[at], memory_order_relaxed));
         at = (at + 1) & (TABLE_SLOTS - 1))
        if (entry_is(slot, s, len)) {
            id = slot;
            goto out;
        }
    if (n_interned < JSON_PACK_MAX_INTERNED) {
        unsigned char *e = xmalloc(len + 2);
        e[0] = (unsigned char)len;
        memcpy(e + 1, s, len);
        e[len + 1] = '\0';
        id = ++n_interned;
        entries[id] = e;
        atomic_store_explicit(&slots[at], id, memory_order_release);
    }
out:
    pthread_mutex_unlock(&intern_lock);
    return id;
}

/* The cache's hash: at most two loads and two multiplies, whatever the length (a key or
 * word is at most JSON_PACK_INTERN_MAX bytes). It skips the middle of a long word; a
 * collision only costs a miss, and the shared table keeps util_hash_bytes, which a
 * server cannot so easily aim at one slot. */
static inline uint32_t cache_hash(const char *s, size_t len)
{
    uint64_t a = 0, b = 0;

    if (len >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + len - 8, 8);
    } else if (len >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + len - 4, 4);
        a = x;
        b = y;
    } else if (len) {
        a = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[len / 2] << 8 |
            (uint64_t)(unsigned char)s[len - 1] << 16;
    }
    uint64_t h = (a ^ len) * 0x9e3779b97f4a7c15ull ^ b * 0xff51afd7ed558ccdull;
    return (uint32_t)(h ^ (h >> 32));
}

/* The len bytes at a and at s alike, len at most JSON_PACK_INTERN_MAX: eight bytes at a
 * time, the last eight overlapping; memcmp is a call for a variable length. */
static inline bool short_equal(const unsigned char *a, const char *s, size_t len)
{
    uint64_t x, y;

    if (len < 8)
        return memcmp(a, s, len) == 0;
    for (size_t i = 0; i + 8 < len; i += 8) {
        memcpy(&x, a + i, 8);
        memcpy(&y, s + i, 8);
        if (x != y)
            return false;
    }
    memcpy(&x, a + len - 8, 8);
    memcpy(&y, s + len - 8, 8);
    return x == y;
}

/* Keys always; values when they look like a vocabulary word rather than data: no digit
 * (times, counters, ids) and no '@' (addresses). */
static bool worth_interning(const char *s, size_t len, bool key)
{
    if (key)
        return true;
    for (size_t i = 0; i < len; i++)
        if ((s[i] >= '0' && s[i] <= '9') || s[i] == '@')
            return false;
    return true;
}

/* The id of s, or 0 to keep it as bytes. A word the cache holds was worth interning when it
 * went in (as a key or a value): the same bytes have the same id either way. */
static uint32_t intern(struct json_pack_writer *w, const char *s, size_t len, bool key)
{
    if (len > JSON_PACK_INTERN_MAX)
        return 0;
    struct json_pack_cache_slot *c = &w->cache[cache_hash(s, len) & (JSON_PACK_CACHE - 1)];
    if (c->id && c->len == len && short_equal(c->text, s, len))
        return c->id;
    if (!worth_interning(s, len, key))
        return 0;
    uint32_t id = table_intern(util_hash_bytes(s, len), s, len);
    if (id) {
        c->id = id;
        c->len = (uint32_t)len;
        memcpy(c->text, s, len);
    }
    return id;
}

size_t json_pack_interned(void)
{
    pthread_mutex_lock(&intern_lock);
    size_t n = n_interned;
    pthread_mutex_unlock(&intern_lock);
    return n;
}

/* ---- writing ---- */

/* w->out is a byte buffer here (no NUL kept after it): an event checks its room once and
 * then stores, where strbuf_putc and strbuf_append each checked and called. */
static void out_grow(struct strbuf *o, size_t n)
{
    size_t cap = o->cap ? o->cap : 256;

    while (cap - o->len < n)
        cap *= 2;
    o->data = xrealloc(o->data, cap);
    o->cap = cap;
}

static inline unsigned char *out_room(struct json_pack_writer *w, size_t n)
{
    if (w->out.cap - w->out.len < n)
        out_grow(&w->out, n);
    return (unsigned char *)w->out.data + w->out.len;
}

#define VARINT_MAX 10

/* v as LEB128 at p; the bytes written. */
static inline size_t store_varint(unsigned char *p, uint64_t v)
{
    size_t n = 0;

    do {
        p[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            p[n] |= 0x80;
        n++;
    } while (v);
    return n;
}

static void put_tag(struct json_pack_writer *w, enum pack_tag t)
{
    *out_room(w, 1) = (unsigned char)t;
    w->out.len++;
}

/* A tag and a varint. Inline, with a way of its own for a value below 128 (nearly every
 * key's and word's id): it was called 6.7 million times for the sandbox's 100,000 rows. */
static inline void put_tag_varint(struct json_pack_writer *w, enum pack_tag t, uint64_t v)
{
    unsigned char *p = out_room(w, 1 + VARINT_MAX);

    p[0] = (unsigned char)t;
    if (v < 0x80) {
        p[1] = (unsigned char)v;
        w->out.len += 2;
        return;
    }
    w->out.len += 1 + store_varint(p + 1, v);
}

static void put_bytes(struct json_pack_writer *w, enum pack_tag t, const char *s, size_t len)
{
    unsigned char *p = out_room(w, 1 + VARINT_MAX + len);
    size_t n = 1 + store_varint(p + 1, len);

    p[0] = (unsigned char)t;
    memcpy(p + n, s, len);
    w->out.len += n + len;
}

void json_pack_writer_init(struct json_pack_writer *w)
{
    memset(w, 0, sizeof(*w));
    strbuf_init(&w->out);
}

void json_pack_writer_free(struct json_pack_writer *w)
{
    strbuf_free(&w->out);
}

void json_pack_begin(struct json_pack_writer *w)
{
    strbuf_reset(&w->out);
}

void json_pack_null(struct json_pack_writer *w)
{
    put_tag(w, T_NULL);
}

void json_pack_bool(struct json_pack_writer *w, int b)
{
    put_tag(w, b ? T_TRUE : T_FALSE);
}

void json_pack_number(struct json_pack_writer *w, const char *s, size_t len)
{
    put_bytes(w, T_NUMBER, s, len);
}

static uint32_t put_text(struct json_pack_writer *w, const char *s, size_t len, bool key)
{
    uint32_t id = intern(w, s, len, key);

    if (id) {
        put_tag_varint(w, key ? T_KEY_ID : T_STRING_ID, id);
    } else {
        put_bytes(w, key ? T_KEY : T_STRING, s, len);
    }
    return id;
}

/* A lower-case hex digit's value plus one; 0 for any other byte. */
static const unsigned char hex_plus_one[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
    ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
    ['f'] = 16,
};

static int hex_value(char c)
{
    return (int)hex_plus_one[(unsigned char)c] - 1;
}

bool json_pack_avx2;

#if defined(__x86_64__) && defined(__GNUC__)
#define JSON_PACK_HAVE_AVX2 1
#include <immintrin.h>

__attribute__((constructor)) static void json_pack_init(void)
{
    __builtin_cpu_init(); /* a constructor may run before libgcc's own */
    json_pack_avx2 = __builtin_cpu_supports("avx2");
}

/* uuid_bytes for the 32 digits of s, whose dashes are checked: the digits gathered into one
 * register (a shuffle of each 16-byte load), checked and turned into nibbles 32 at a time,
 * and the pairs multiplied together (5.5-6.5 ms against 12 for the 558,345 UUIDs of the
 * sandbox's 100,000 invitations). Reads s[0, 36) only. */
__attribute__((target("avx2"))) static bool uuid_digits_avx2(const char *s,
                                                             unsigned char out[16])
{
    const char z = (char)0x80; /* a shuffle's zero */
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + 20));
    /* digits 0-15: bytes 0-7, 9-12 and 14-17; 16-31: bytes 19-22 and 24-35 */
    __m128i lo = _mm_or_si128(
        _mm_shuffle_epi8(a, _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, z, z)),
        _mm_shuffle_epi8(b, _mm_setr_epi8(z, z, z, z, z, z, z, z, z, z, z, z, z, z, 0, 1)));
    __m128i hi = _mm_or_si128(
        _mm_shuffle_epi8(b, _mm_setr_epi8(3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, z, z, z, z)),
        _mm_shuffle_epi8(c, _mm_setr_epi8(z, z, z, z, z, z, z, z, z, z, z, z, 12, 13, 14, 15)));
    __m256i v = _mm256_set_m128i(hi, lo);
    __m256i dig = _mm256_sub_epi8(v, _mm256_set1_epi8('0'));
    __m256i alp = _mm256_sub_epi8(v, _mm256_set1_epi8('a'));
    __m256i is_dig = _mm256_cmpeq_epi8(_mm256_min_epu8(dig, _mm256_set1_epi8(9)), dig);
    __m256i is_alp = _mm256_cmpeq_epi8(_mm256_min_epu8(alp, _mm256_set1_epi8(5)), alp);

    if ((uint32_t)_mm256_movemask_epi8(_mm256_or_si256(is_dig, is_alp)) != UINT32_MAX)
        return false;
    __m256i nib = _mm256_blendv_epi8(_mm256_add_epi8(alp, _mm256_set1_epi8(10)), dig, is_dig);
    __m256i pairs = _mm256_maddubs_epi16(nib, _mm256_set1_epi16(0x0110)); /* hi * 16 + lo */
    __m256i bytes = _mm256_packus_epi16(pairs, pairs);
    _mm_storel_epi64((__m128i *)(void *)out, _mm256_castsi256_si128(bytes));
    _mm_storel_epi64((__m128i *)(void *)(out + 8), _mm256_extracti128_si256(bytes, 1));
    return true;
}
#endif

/* A lower-case UUID (ids, resource ids) into its 16 bytes; upper case stays text, so that
 * what comes back is what the server sent. */
static bool uuid_bytes(const char *s, size_t len, unsigned char out[16])
{
    size_t n = 0;

    if (len != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        return false;
#ifdef JSON_PACK_HAVE_AVX2
    if (json_pack_avx2)
        return uuid_digits_avx2(s, out);
#endif
    for (size_t i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            continue; /* a dash, checked above */
        int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[n++] = (unsigned char)(hi << 4 | lo);
        i++;
    }
    return true;
}

static int digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* A time only when it comes back the same (model_format_time): "YYYY-MM-DDTHH:MM:SSZ" with
 * every field in range, after 1970. Checked by hand: strftime per time was a tenth of
 * packing a list. */
static bool canonical_time(const char *s, size_t len, time_t *t)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (len != 20)
        return false;
    for (size_t i = 0; i < len; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
            return false;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), se = digits(s + 17, 2);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) ||
        h > 23 || mi > 59 || se > 59)
        return false;
    *t = (time_t)(model_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se);
    return *t > 0;
}

time_t json_pack_string(struct json_pack_writer *w, const char *s, size_t len)
{
    unsigned char uuid[16];
    time_t t;

    if (uuid_bytes(s, len, uuid)) {
        unsigned char *p = out_room(w, 1 + sizeof(uuid));
        p[0] = T_UUID;
        memcpy(p + 1, uuid, sizeof(uuid));
        w->out.len += 1 + sizeof(uuid);
    } else if (canonical_time(s, len, &t)) {
        long long v = (long long)t;
        put_tag_varint(w, T_TIME, v < 0 ? ((unsigned long long)-(v + 1) << 1) | 1
                                        : (unsigned long long)v << 1);
        return t;
    } else {
        put_text(w, s, len, false);
    }
    return 0;
}

uint32_t json_pack_key(struct json_pack_writer *w, const char *s, size_t len)
{
    return put_text(w, s, len, true);
}

void json_pack_open(struct json_pack_writer *w, int is_object)
{
    put_tag(w, is_object ? T_OBJECT : T_ARRAY);
}

void json_pack_close(struct json_pack_writer *w, int is_object)
{
    put_tag(w, is_object ? T_OBJECT_END : T_ARRAY_END);
}

struct json_packed *json_pack_finish(struct json_pack_writer *w)
{
    struct json_packed *p = xmalloc(sizeof(*p) + w->out.len);

    p->len = w->out.len;
    memcpy(p->data, w->out.data, w->out.len);
    return p;
}

struct json_packed *json_packed_dup(const struct json_packed *p)
{
    struct json_packed *d;

    if (!p)
        return NULL;
    d = xmalloc(sizeof(*d) + p->len);
    memcpy(d, p, sizeof(*d) + p->len);
    return d;
}

/* ---- reading ---- */

struct reader {
    const unsigned char *at, *end;
    bool bad;
};

static size_t get_varint(struct reader *r)
{
    size_t v = 0;

    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (r->at >= r->end) {
            r->bad = true;
            return 0;
        }
        unsigned char b = *r->at++;
        v |= (size_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    r->bad = true;
    return 0;
}

/* The bytes of an inline string or key, or of an interned one. */
static const char *get_text(struct reader *r, bool interned, size_t *len)
{
    if (interned) {
        size_t id = get_varint(r);
        if (r->bad || id == 0 || id > JSON_PACK_MAX_INTERNED || !entries[id]) {
            r->bad = true;
            return NULL;
        }
        *len = entries[id][0];
        return (const char *)entries[id] + 1;
    }
    *len = get_varint(r);
    if (r->bad || *len > (size_t)(r->end - r->at)) {
        r->bad = true;
        return NULL;
    }
    const char *s = (const char *)r->at;
    r->at += *len;
    return s;
}

static json_t *number_of(const char *s, size_t len)
{
    char buf[64];

    if (len == 0 || len >= sizeof(buf))
        return NULL;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (strpbrk(buf, ".eE"))
        return json_real(strtod(buf, NULL));
    return json_integer(strtoll(buf, NULL, 10));
}

struct frame {
    json_t *container;
    char *key; /* the pending key of an object */
};

/* Puts v where the document is (v is stolen); false on a malformed document. */
static bool attach(struct frame *stack, size_t depth, json_t **root, json_t *v)
{
    if (!v)
        return false;
    if (depth == 0) {
        if (*root) {
            json_decref(v);
            return false;
        }
        *root = v;
        return true;
    }
    struct frame *f = &stack[depth - 1];
    if (json_is_array(f->container))
        return json_array_append_new(f->container, v) == 0;
    if (!f->key) {
        json_decref(v);
        return false;
    }
    int rc = json_object_set_new(f->container, f->key, v);
    free(f->key);
    f->key = NULL;
    return rc == 0;
}

static json_t *uuid_value(struct reader *r)
{
    static const char hex[] = "0123456789abcdef";
    char text[37];
    size_t n = 0;

    if (r->end - r->at < 16) {
        r->bad = true;
        return NULL;
    }
    for (size_t i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text[n++] = '-';
        text[n++] = hex[r->at[i] >> 4];
        text[n++] = hex[r->at[i] & 15];
    }
    r->at += 16;
    return json_stringn(text, 36);
}

static json_t *time_value(struct reader *r)
{
    size_t z = get_varint(r);
    long long v = z & 1 ? -(long long)(z >> 1) - 1 : (long long)(z >> 1);
    char text[32];

    if (r->bad)
        return NULL;
    model_format_time((time_t)v, text, sizeof(text));
    return json_string(text);
}

static json_t *value_of(struct reader *r, unsigned char tag)
{
    size_t len;
    const char *s;

    switch (tag) {
    case T_NULL:
        return json_null();
    case T_FALSE:
        return json_false();
    case T_TRUE:
        return json_true();
    case T_NUMBER:
        s = get_text(r, false, &len);
        return s ? number_of(s, len) : NULL;
    case T_STRING:
    case T_STRING_ID:
        s = get_text(r, tag == T_STRING_ID, &len);
        return s ? json_stringn(s, len) : NULL;
    case T_UUID:
        return uuid_value(r);
    case T_TIME:
        return time_value(r);
    case T_OBJECT:
        return json_object();
    case T_ARRAY:
        return json_array();
    default:
        return NULL;
    }
}

static bool step(struct reader *r, struct frame *stack, size_t *depth, json_t **root)
{
    unsigned char tag = *r->at++;
    size_t len;

    if (tag == T_KEY || tag == T_KEY_ID) {
        const char *k = get_text(r, tag == T_KEY_ID, &len);
        struct frame *f = *depth ? &stack[*depth - 1] : NULL;
        if (!k || !f || !json_is_object(f->container) || f->key)
            return false;
        f->key = xstrndup(k, len);
        return true;
    }
    if (tag == T_OBJECT_END || tag == T_ARRAY_END) {
        if (*depth == 0 || json_is_object(stack[*depth - 1].container) != (tag == T_OBJECT_END))
            return false;
        free(stack[--*depth].key);
        return true;
    }
    json_t *v = value_of(r, tag);
    bool container = json_is_object(v) || json_is_array(v);
    if (!v || *depth == MAX_DEPTH || !attach(stack, *depth, root, json_incref(v))) {
        json_decref(v);
        return false;
    }
    if (container)
        stack[(*depth)++] = (struct frame){.container = v};
    json_decref(v);
    return true;
}

json_t *json_packed_object(const struct json_packed *p)
{
    struct frame stack[MAX_DEPTH];
    struct reader r;
    size_t depth = 0;
    json_t *root = NULL;
    bool ok = true;

    if (!p)
        return NULL;
    r = (struct reader){.at = p->data, .end = p->data + p->len};
    while (ok && r.at < r.end)
        ok = step(&r, stack, &depth, &root) && !r.bad;
    ok = ok && depth == 0 && root;
    while (depth > 0)
        free(stack[--depth].key);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}
