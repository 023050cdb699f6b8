#include "config.h"

#include "invitui/json_util.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SPLIT_AVX2 1
#endif

#include "invitui/i18n.h"
#include "invitui/model.h"

json_t *json_util_path(const json_t *root, const char *path)
{
    const json_t *cur = root;
    const char *p = path;

    while (cur && json_is_object(cur)) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        cur = json_object_getn(cur, p, n);
        if (!dot)
            return (json_t *)cur;
        p = dot + 1;
    }
    return NULL;
}

json_t *json_util_object(const char *text)
{
    json_t *root = text ? json_loads(text, 0, NULL) : NULL;

    if (json_is_object(root))
        return root;
    json_decref(root);
    return NULL;
}

const char *json_util_str(const json_t *root, const char *path)
{
    return json_string_value(json_util_path(root, path));
}

char *json_util_dup(const json_t *root, const char *path)
{
    return xstrdup_or_null(json_util_str(root, path));
}

time_t json_util_time(const json_t *root, const char *path)
{
    const char *s = json_util_str(root, path);
    time_t t;

    if (!s || model_parse_time(s, &t) < 0)
        return 0;
    return t;
}

bool json_util_int(const json_t *root, const char *path, long long *out)
{
    json_t *v = json_util_path(root, path);

    if (!json_is_integer(v))
        return false;
    *out = json_integer_value(v);
    return true;
}

char *json_util_compact(const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    char *copy;

    if (!s)
        util_die("out of memory serialising JSON");
    /* Hand back memory from our own allocator family for uniform freeing. */
    copy = xstrdup(s);
    free(s);
    return copy;
}

char *json_util_merge_objects(const char *base, const char *update)
{
    const size_t flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL;
    json_t *b = base ? json_loads(base, flags, NULL) : NULL;
    json_t *u = update ? json_loads(update, flags, NULL) : NULL;
    char *out = NULL;

    if (json_is_object(b) && json_is_object(u)) {
        json_object_del(u, "$meta");
        json_object_update(b, u);
        out = json_util_compact(b);
    }
    json_decref(b);
    json_decref(u);
    return out;
}

char *json_util_minify(const char *data, size_t len)
{
    char *out = xmalloc(len + 1);
    size_t n = 0;
    bool in_string = false, escape = false;

    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (in_string) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                in_string = false;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        } else if (c == '"') {
            in_string = true;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return n < len ? xrealloc(out, n + 1) : out;
}

void json_util_set_str(json_t *obj, const char *key, const char *value)
{
    if (value)
        json_object_set_new(obj, key, json_string(value));
}

json_t *json_util_load(const char *data, size_t len, const char *title, struct api_error *err)
{
    json_error_t jerr;
    const char *nul = len ? memchr(data, '\0', len) : NULL;
    json_t *root;

    /* A raw NUL byte is never valid JSON (inside a string it must be
     * \u0000), but jansson takes one after some tokens as the end of the
     * token and reads on: the document would then be output as valid. */
    if (nul) {
        api_error_set(err, API_ERR_PARSE, "%s", title);
        /* TRANSLATORS: %zu is a 0-based byte offset in the server's answer. */
        err->detail = xasprintf(_("NUL byte at byte %zu"), (size_t)(nul - data));
        return NULL;
    }
    /* \u0000 is valid JSON: a hostile note must not make a whole list fail
     * (getters then see the string cut at the NUL). */
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (root)
        return root;
    api_error_set(err, API_ERR_PARSE, "%s", title);
    free(err->detail);
    /* TRANSLATORS: %s is the JSON parser's own (English) message. */
    err->detail = xasprintf(_("%s (line %d, column %d)"), jerr.text, jerr.line, jerr.column);
    return NULL;
}

void json_element_error(struct api_error *err, size_t index)
{
    char *inner_title = err->title;
    char *inner_detail = err->detail;
    enum api_error_kind kind = err->kind;

    err->title = NULL;
    err->detail = NULL;
    /* TRANSLATORS: %zu is the 0-based position of the element in the JSON array. */
    api_error_set(err, kind, _("Element %zu of the list could not be read."), index);
    free(err->detail);
    if (inner_detail)
        err->detail = xasprintf("%s %s", inner_title ? inner_title : "", inner_detail);
    else
        err->detail = xstrdup_or_null(inner_title);
    free(inner_title);
    free(inner_detail);
}

/* ---- streaming splitter ---- */

enum splitter_state {
    SP_START,   /* before '[' */
    SP_FIRST,   /* after '[': an element or ']' */
    SP_VALUE,   /* inside an element */
    SP_AFTER,   /* after an element: ',' or ']' */
    SP_NEXT,    /* after ',': an element */
    SP_END,     /* after ']': white space only */
    SP_FAILED,
};

void json_splitter_init(struct json_splitter *sp, json_element_fn fn, void *ctx)
{
    memset(sp, 0, sizeof(*sp));
    sp->fn = fn;
    sp->ctx = ctx;
    sp->state = SP_START;
    sp->max_elem = JSON_SPLITTER_MAX_ELEM;
#ifdef SPLIT_AVX2
    sp->avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    sp->avx512 = sp->avx2 && __builtin_cpu_supports("avx512bw");
#endif
    strbuf_init(&sp->elem);
}

void json_splitter_free(struct json_splitter *sp)
{
    strbuf_free(&sp->elem);
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(struct json_splitter *sp, struct api_error *err, const char *fmt)
{
    sp->state = SP_FAILED;
    return api_error_set(err, API_ERR_PARSE, fmt, sp->offset);
}

/* Hands the finished element to the callback and resets for the next. */
static int deliver(struct json_splitter *sp, const char *data, size_t len,
                   struct api_error *err)
{
    int rc = sp->fn(sp->ctx, sp->index, data, len, err);

    sp->index++;
    strbuf_reset(&sp->elem);
    sp->state = rc < 0 ? SP_FAILED : SP_AFTER;
    return rc;
}

static void begin_value(struct json_splitter *sp, char c)
{
    sp->state = SP_VALUE;
    sp->depth = 0;
    sp->in_string = false;
    sp->escape = false;
    sp->scalar = false;
    sp->elem_ws = false;
    sp->elem_plain = c == '{' || c == '[';
    if (c == '{' || c == '[')
        sp->depth = 1;
    else if (c == '"')
        sp->in_string = true;
    else
        sp->scalar = true;
}

/* The index of the next '"' or '\\' in a string from data[i], or len; eight bytes at a
 * time, since most of a list is string bytes. On the way it notes bytes that make the
 * element need the reader's closer look (json_splitter.elem_plain); a byte after the stop
 * that shares its word may be noted too, which only costs that look. */
static size_t string_stop(struct json_splitter *sp, const char *data, size_t i, size_t len)
{
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, data + i, sizeof(w));
        if ((w & UTIL_WORD_HIGHS) | util_word_bytes_equal(w, '\v') |
            util_word_bytes_equal(w, '\f'))
            sp->elem_plain = false;
        uint64_t stop = util_word_bytes_equal(w, '"') | util_word_bytes_equal(w, '\\');
        if (stop) {
            while (data[i] != '"' && data[i] != '\\')
                i++;
            return i;
        }
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '"' || c == '\\')
            break;
        if (c >= 0x80 || c == '\v' || c == '\f')
            sp->elem_plain = false;
    }
    return i;
}

/* Scans inside an element from data[i], a byte at a time; returns the index one past the
 * element's last byte, or len when the element goes on past data[len). */
static size_t scan_bytes(struct json_splitter *sp, const char *data, size_t i, size_t len)
{
    for (; i < len; i++) {
        char c = data[i];
        if (sp->scalar) {
            if (is_ws(c) || c == ',' || c == ']' || c == '[' || c == '{' || c == '"'
                || c == '}')
                return i;
            continue;
        }
        if (sp->in_string) {
            if (sp->escape) {
                sp->escape = false;
                continue;
            }
            i = string_stop(sp, data, i, len);
            if (i == len)
                return len;
            c = data[i];
            if (c == '\\') {
                sp->escape = true;
                sp->elem_plain = false;
            }
            else if (c == '"') {
                sp->in_string = false;
                if (sp->depth == 0)
                    return i + 1;
            }
            continue;
        }
        if (c == '"')
            sp->in_string = true;
        else if (is_ws(c))
            sp->elem_ws = true;
        else if ((unsigned char)c >= 0x80 || c == '\v' || c == '\f')
            sp->elem_plain = false;
        else if (c == '{' || c == '[')
            sp->depth++;
        else if ((c == '}' || c == ']') && --sp->depth == 0)
            return i + 1;
    }
    return len;
}

#ifdef __SSE2__
/* 64 bytes at a time (#12: splitting was a sixth of the worker's time, and the worker is the
 * fresh load's critical path): a bit per byte for each class, strings found by a prefix XOR
 * of the quotes, the depth by counting brackets outside them. A block with a backslash is
 * left to scan_bytes (escapes are rare in a list, and an escaped quote would mislead the
 * XOR). The classes come from SSE2, or from AVX2 where the CPU has it (half the
 * instructions, and popcnt as an instruction: x86-64's baseline makes it a libgcc call). */
#define BLOCK 64

/* One block's bytes by class, a bit per byte. */
struct block_masks {
    uint64_t backslash, quote, open, close, ws, odd;
};

/* m's classes from eq(x, c), the mask of x's bytes equal to c, over the block v and over up
 * (v with 0x20 set, so that '[' and ']' compare as '{' and '}'); highs: the bytes >= 0x80.
 * The one shape each instruction set fills in. */
#define BLOCK_CLASSES(m, eq, v, up, highs)                                                    \
    do {                                                                                      \
        (m)->backslash = eq(v, '\\');                                                         \
        (m)->quote = eq(v, '"');                                                              \
        (m)->open = eq(up, '{');                                                              \
        (m)->close = eq(up, '}');                                                             \
        (m)->ws = eq(v, ' ') | eq(v, '\t') | eq(v, '\n') | eq(v, '\r');                       \
        (m)->odd = eq(v, '\v') | eq(v, '\f') | (highs);                                       \
    } while (0)

static inline uint64_t sse2_eq(const __m128i v[4], char c)
{
    __m128i k = _mm_set1_epi8(c);

    return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v[0], k)) |
           (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v[1], k)) << 16 |
           (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v[2], k)) << 32 |
           (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v[3], k)) << 48;
}

static inline __attribute__((always_inline)) void sse2_classify(const char *p,
                                                                 struct block_masks *m)
{
    __m128i v[4], up[4];

    for (int k = 0; k < 4; k++) {
        v[k] = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        up[k] = _mm_or_si128(v[k], _mm_set1_epi8(0x20)); /* '[' -> '{', ']' -> '}' */
    }
    BLOCK_CLASSES(m, sse2_eq, v, up,
                  (uint64_t)(uint16_t)_mm_movemask_epi8(v[0]) |
                      (uint64_t)(uint16_t)_mm_movemask_epi8(v[1]) << 16 |
                      (uint64_t)(uint16_t)_mm_movemask_epi8(v[2]) << 32 |
                      (uint64_t)(uint16_t)_mm_movemask_epi8(v[3]) << 48);
}

#ifdef SPLIT_AVX2
#define AVX2_TARGET __attribute__((target("avx2,popcnt")))

static inline __attribute__((always_inline)) AVX2_TARGET uint64_t avx2_eq(const __m256i v[2],
                                                                          char c)
{
    __m256i k = _mm256_set1_epi8(c);

    return (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v[0], k)) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v[1], k)) << 32;
}

static inline __attribute__((always_inline)) AVX2_TARGET void avx2_classify(const char *p,
                                                                            struct block_masks *m)
{
    __m256i v[2], up[2];

    for (int k = 0; k < 2; k++) {
        v[k] = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * k));
        up[k] = _mm256_or_si256(v[k], _mm256_set1_epi8(0x20));
    }
    BLOCK_CLASSES(m, avx2_eq, v, up,
                  (uint64_t)(uint32_t)_mm256_movemask_epi8(v[0]) |
                      (uint64_t)(uint32_t)_mm256_movemask_epi8(v[1]) << 32);
}

#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,popcnt")))

static inline __attribute__((always_inline)) AVX512_TARGET uint64_t avx512_eq(__m512i v, char c)
{
    return _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(c));
}

/* The 64 bytes in one register, each class a mask compare: a third of AVX2's instructions. */
static inline __attribute__((always_inline)) AVX512_TARGET void
avx512_classify(const char *p, struct block_masks *m)
{
    __m512i v = _mm512_loadu_si512((const void *)p);
    __m512i up = _mm512_or_si512(v, _mm512_set1_epi8(0x20));

    BLOCK_CLASSES(m, avx512_eq, v, up, _mm512_movepi8_mask(v));
}
#endif

/* Bit k set when an odd number of q's bits 0..k are. */
static inline __attribute__((always_inline)) uint64_t prefix_xor(uint64_t q)
{
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q ^= q << 8;
    q ^= q << 16;
    return q ^ q << 32;
}

/* One block, inside a container and not after a backslash, by its classes: false when the
 * block has a backslash (nothing done). Else the state is brought past the block, or to the
 * element's last byte, whose offset goes to *end (BLOCK when the element goes on). */
static inline __attribute__((always_inline)) bool block_advance(struct json_splitter *sp,
                                                                const struct block_masks *m,
                                                                size_t *end)
{
    if (m->backslash)
        return false;
    uint64_t in_str = prefix_xor(m->quote) ^ (sp->in_string ? ~0ull : 0);
    uint64_t outside = ~in_str & ~m->quote;
    uint64_t open = m->open & outside, close = m->close & outside;
    uint64_t upto = ~0ull;

    *end = BLOCK;
    if ((size_t)__builtin_popcountll(close) >= sp->depth) {
        /* Without a branch on the kind of bracket: they alternate unpredictably. */
        size_t depth = sp->depth;
        for (uint64_t oc = open | close; oc; oc &= oc - 1) {
            int b = __builtin_ctzll(oc);
            depth += (size_t)((open >> b & 1) * 2) - 1;
            if (depth == 0) {
                *end = (size_t)b;
                upto = (2ull << b) - 1; /* 0 - 1 for b = 63 */
                break;
            }
        }
        sp->depth = depth;
    } else {
        sp->depth += (size_t)__builtin_popcountll(open);
        sp->depth -= (size_t)__builtin_popcountll(close);
    }
    if (m->ws & outside & upto)
        sp->elem_ws = true;
    if (m->odd & upto)
        sp->elem_plain = false;
    sp->in_string = *end == BLOCK ? in_str >> 63 : false;
    return true;
}

/* Whole blocks from data[i] while inside a container: the index where the element ended
 * (one past its last byte), or where fewer than BLOCK bytes are left or the container is
 * left to scan_bytes. */
#define SCAN_BLOCKS(classify)                                                                 \
    while (!sp->scalar && sp->depth > 0 && len - i >= BLOCK) {                                \
        size_t end, stop = i + BLOCK;                                                         \
        struct block_masks m;                                                                 \
        if (!sp->escape) {                                                                    \
            classify(data + i, &m);                                                           \
            if (block_advance(sp, &m, &end)) {                                                \
                if (end < BLOCK)                                                              \
                    return i + end + 1;                                                       \
                i = stop;                                                                     \
                continue;                                                                     \
            }                                                                                 \
        }                                                                                     \
        if ((i = scan_bytes(sp, data, i, stop)) < stop || sp->depth == 0)                     \
            return i;                                                                         \
        i = stop;                                                                             \
    }                                                                                         \
    return scan_bytes(sp, data, i, len)

static size_t scan_value_sse2(struct json_splitter *sp, const char *data, size_t i, size_t len)
{
    SCAN_BLOCKS(sse2_classify);
}

#ifdef SPLIT_AVX2
static AVX2_TARGET size_t scan_value_avx2(struct json_splitter *sp, const char *data, size_t i,
                                          size_t len)
{
    SCAN_BLOCKS(avx2_classify);
}

static AVX512_TARGET size_t scan_value_avx512(struct json_splitter *sp, const char *data,
                                              size_t i, size_t len)
{
    SCAN_BLOCKS(avx512_classify);
}
#endif
#endif

/* Scans inside an element from data[i]; returns the index one past the element's last byte,
 * or len when the element goes on past this piece. */
static size_t scan_value(struct json_splitter *sp, const char *data, size_t i, size_t len)
{
#ifdef SPLIT_AVX2
    if (sp->avx512)
        return scan_value_avx512(sp, data, i, len);
    if (sp->avx2)
        return scan_value_avx2(sp, data, i, len);
#endif
#ifdef __SSE2__
    return scan_value_sse2(sp, data, i, len);
#else
    return scan_bytes(sp, data, i, len);
#endif
}

/* One punctuation byte outside any element. */
static int punct(struct json_splitter *sp, char c, struct api_error *err)
{
    if (is_ws(c))
        return 0;
    switch (sp->state) {
    case SP_START:
        if (c != '[')
            return fail(sp, err, _("The response is not a JSON array (byte %zu)."));
        sp->state = SP_FIRST;
        return 0;
    case SP_FIRST:
        if (c == ']') {
            sp->state = SP_END;
            return 0;
        }
        break;
    case SP_AFTER:
        if (c == ',')
            sp->state = SP_NEXT;
        else if (c == ']')
            sp->state = SP_END;
        else
            return fail(sp, err, _("Expected ',' or ']' in the JSON array at byte %zu."));
        return 0;
    case SP_NEXT:
        if (c == ']')
            return fail(sp, err, _("Trailing comma in the JSON array at byte %zu."));
        break;
    default:
        return fail(sp, err, _("Unexpected data after the JSON array at byte %zu."));
    }
    if (c == ']' || c == '}' || c == ',' || c == ':')
        return fail(sp, err, _("Unexpected character in the JSON array at byte %zu."));
    begin_value(sp, c);
    return 0;
}

int json_splitter_feed(struct json_splitter *sp, const char *data, size_t len,
                       struct api_error *err)
{
    size_t i = 0;

    if (sp->state == SP_FAILED)
        return api_error_set(err, API_ERR_PARSE, _("The JSON array could not be read."));
    /* Raw NUL bytes are invalid JSON anywhere; see json_util_load. */
    const char *nul = len ? memchr(data, '\0', len) : NULL;
    if (nul) {
        sp->offset += (size_t)(nul - data);
        return fail(sp, err, _("NUL byte in the JSON array at byte %zu."));
    }
    while (i < len) {
        if (sp->state != SP_VALUE) {
            if (punct(sp, data[i], err) < 0)
                return -1;
            if (sp->state != SP_VALUE) {
                i++;
                sp->offset++;
                continue;
            }
        }
        /* The opening byte of a container or string was already counted by begin_value. */
        bool begun_here = sp->elem.len == 0;
        size_t end = scan_value(sp, data, begun_here && !sp->scalar ? i + 1 : i, len);
        if (sp->elem.len + (end - i) > sp->max_elem) {
            sp->state = SP_FAILED;
            return api_error_set(err, API_ERR_TOO_LARGE,
                                 _("One element of the JSON array is larger than %zu bytes."),
                                 sp->max_elem);
        }
        bool done = end < len || (!sp->scalar && !sp->in_string && sp->depth == 0);
        size_t start = i;
        sp->offset += end - i;
        i = end;
        if (done && begun_here) { /* the whole element is in this piece: no copy */
            if (deliver(sp, data + start, end - start, err) < 0)
                return -1;
            continue;
        }
        strbuf_append(&sp->elem, data + start, end - start);
        if (done && deliver(sp, sp->elem.data, sp->elem.len, err) < 0)
            return -1;
    }
    return 0;
}

int json_splitter_finish(struct json_splitter *sp, struct api_error *err)
{
    if (sp->state == SP_END)
        return 0;
    if (sp->state == SP_START)
        return api_error_set(err, API_ERR_PARSE, _("The response is empty, not a JSON array."));
    sp->state = SP_FAILED;
    return api_error_set(err, API_ERR_PARSE,
                         _("The JSON array ended early (truncated after %zu bytes)."), sp->offset);
}
