#include "config.h"

#include "invitui/hybridbox_list_json.h"

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "invitui/hybridbox_json.h"
#include "invitui/json_pack.h"
#include "invitui/json_plain.h"
#include "invitui/json_util.h"
#include "invitui/sanitize.h"
#include "invitui/util.h"

#include "json_plain_impl.h"

/* The Invitation fields a row needs, by their place in top_keys. */
enum top_field { F_ID, F_EMAIL, F_STATUS, F_CREATED, F_EXPIRES, F_ACCEPTED, F_TOP_STRINGS,
                 F_ASSIGNMENTS = F_TOP_STRINGS, F_TOP_KEYS };
static const char *const top_keys[F_TOP_KEYS] = {
    "id", "email", "status", "created_at", "expires_at", "accepted_at", "assignments",
};

/* What a container is to the row: the element itself, its assignments
 * array, one of the first two assignment objects (labelled), or anything. */
enum frame_kind { K_TOP, K_ASSIGNMENTS, K_ASSIGNMENT, K_OTHER };

struct frame {
    enum frame_kind kind;
    bool is_map;
    int key;          /* the current key's index in top_keys / hybridbox_label_keys, or -1 */
    size_t label;     /* K_ASSIGNMENT: which of the two labels */
    size_t key_mark;  /* where this object's keys kept as bytes start in reader.keys */
    size_t nkeys;
    uint64_t small_ids; /* bit id set for each key so far whose id is below 64 */
};

/* Strings a row only reads while its element is read (the times, the assignment labels):
 * kept here rather than malloc'd, unless they do not fit. */
#define READER_SCRATCH 1024

struct reader {
    struct frame f[HYBRIDBOX_ELEMENT_MAX_DEPTH];
    size_t depth;
    /* The open objects' keys so far (key_seen): the intern table's ids, by depth, where the
     * keys are packed (an id stands for the same bytes all along); the keys themselves in
     * `keys` where they are not. */
    uint32_t key_ids[HYBRIDBOX_ELEMENT_MAX_DEPTH][HYBRIDBOX_ELEMENT_MAX_KEYS];
    struct strbuf keys;
    char scratch[READER_SCRATCH];
    size_t scratch_used;
    char *top[F_TOP_STRINGS];
    time_t top_time[F_TOP_STRINGS]; /* the times the packer read already (json_pack_string) */
    char *label[2][HYBRIDBOX_LABEL_KEYS];
    size_t assignments;  /* entries of the assignments array */
    size_t labelled;     /* object entries among them, up to two */
    struct json_pack_writer *pack; /* NULL, or the element is packed as it is read */
};

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The four hex digits at s (avail bytes there), or -1. */
static long hex4(const char *s, size_t avail)
{
    long v = 0;

    if (avail < 4)
        return -1;
    for (int k = 0; k < 4; k++) {
        int d = hex_digit(s[k]);
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

/* The length of the \u escape at s (len bytes from its backslash): 6, or 12 for a surrogate
 * pair, when yajl and jansson decode it alike; 0 when only jansson's verdict will do:
 * \u0000 (jansson keeps the NUL, a C string cannot) and a surrogate outside a pair (jansson
 * refuses it; yajl makes it '?' or takes any next escape for its low half). A server that
 * escapes every non-ASCII letter (Python's json.dumps does) stays on this path. */
static size_t u_escape_len(const char *s, size_t len)
{
    long hi = hex4(s + 2, len - 2), lo;

    if (hi <= 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
        return 0;
    if (hi < 0xD800 || hi > 0xDBFF)
        return 6;
    if (len < 12 || s[6] != '\\' || s[7] != 'u')
        return 0;
    lo = hex4(s + 8, len - 8);
    return lo >= 0xDC00 && lo <= 0xDFFF ? 12 : 0;
}

/* Strict UTF-8, no \u escape that the two decode differently (u_escape_len), no \v or \f:
 * what jansson and yajl read alike (yajl takes \v and \f for whitespace; JSON, and
 * jansson, does not). One pass; most of a list is plain ASCII, skipped 32 or eight bytes at
 * a time (json_plain_ascii_prefix): 42% of the sandbox's elements have a letter beyond
 * ASCII somewhere, and come here whole. */
static bool text_is_plain(const char *s, size_t len)
{
    bool escaped = false; /* the byte at i follows a backslash: it starts no escape */

    for (size_t i = 0; i < len;) {
        if (!escaped) {
            i += json_plain_ascii_prefix(s + i, len - i);
            if (i == len)
                break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c == '\v' || c == '\f')
            return false;
        if (c == '\\' && !escaped) {
            if (i + 1 < len && s[i + 1] == 'u') {
                size_t n = u_escape_len(s + i, len - i);
                if (!n)
                    return false;
                i += n;
                continue;
            }
            escaped = true;
            i++;
            continue;
        }
        escaped = false;
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = text_utf8_decode(s + i, len - i, &cp);
        if (cp == TEXT_UTF8_INVALID)
            return false;
        i += n;
    }
    return true;
}

static struct frame *current(struct reader *r)
{
    return r->depth ? &r->f[r->depth - 1] : NULL;
}

/* Every value, before it is read: the assignments array counts its entries. */
static struct frame *value_begins(struct reader *r)
{
    struct frame *f = current(r);

    if (f && f->kind == K_ASSIGNMENTS)
        r->assignments++;
    return f;
}

static bool in_scratch(const struct reader *r, const char *p)
{
    return p >= r->scratch && p < r->scratch + sizeof(r->scratch);
}

/* A copy of s that lives as long as the element is read. */
static char *scratch_strndup(struct reader *r, const unsigned char *s, size_t len)
{
    if (sizeof(r->scratch) - r->scratch_used <= len)
        return xstrndup((const char *)s, len);
    char *p = r->scratch + r->scratch_used;
    memcpy(p, s, len);
    p[len] = '\0';
    r->scratch_used += len + 1;
    return p;
}

static void free_unless_scratch(const struct reader *r, char *p)
{
    if (!in_scratch(r, p))
        free(p);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    struct reader *r = ctx;
    struct frame *f = value_begins(r);
    char **slot = NULL;
    time_t t = r->pack ? json_pack_string(r->pack, (const char *)s, len) : 0;

    if (!f || f->key < 0)
        return 1;
    if (t && f->kind == K_TOP && f->key >= F_CREATED && f->key <= F_ACCEPTED) {
        r->top_time[f->key] = t; /* what time_of would read from the text */
        return 1;
    }
    if (f->kind == K_TOP && f->key < F_TOP_STRINGS)
        slot = &r->top[f->key];
    else if (f->kind == K_ASSIGNMENT)
        slot = &r->label[f->label][f->key];
    if (!slot)
        return 1; /* a slot is filled once: a duplicate key fails before */
    /* id, e-mail and status go into the row; the rest are read and dropped. */
    bool kept = f->kind == K_TOP && (f->key == F_ID || f->key == F_EMAIL || f->key == F_STATUS);
    *slot = kept ? xstrndup((const char *)s, len) : scratch_strndup(r, s, len);
    return 1;
}

static int on_scalar(void *ctx)
{
    value_begins(ctx);
    return 1;
}

static int on_null(void *ctx)
{
    struct reader *r = ctx;

    if (r->pack)
        json_pack_null(r->pack);
    return on_scalar(ctx);
}

static int on_boolean(void *ctx, int b)
{
    struct reader *r = ctx;

    if (r->pack)
        json_pack_bool(r->pack, b);
    return on_scalar(ctx);
}

/* -?(0|[1-9][0-9]{0,17}): fits jansson's json_int_t; anything else
 * (fractions, exponents, huge values) is left to jansson's verdict. */
static int on_number(void *ctx, const char *s, size_t len)
{
    struct reader *r = ctx;
    size_t i = len && s[0] == '-';

    if (i == len || len - i > 18 || (s[i] == '0' && len - i > 1))
        return 0;
    for (; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (r->pack)
        json_pack_number(r->pack, s, len);
    return on_scalar(ctx);
}

static int push(struct reader *r, bool is_map)
{
    struct frame *parent = value_begins(r);
    struct frame *f;

    if (r->depth == HYBRIDBOX_ELEMENT_MAX_DEPTH)
        return 0;
    if (r->pack)
        json_pack_open(r->pack, is_map);
    f = &r->f[r->depth++];
    *f = (struct frame){.kind = K_OTHER, .is_map = is_map, .key = -1, .key_mark = r->keys.len};
    if (!parent)
        f->kind = is_map ? K_TOP : K_OTHER;
    else if (!is_map && parent->kind == K_TOP && parent->key == F_ASSIGNMENTS)
        f->kind = K_ASSIGNMENTS;
    else if (is_map && parent->kind == K_ASSIGNMENTS && r->labelled < 2) {
        f->kind = K_ASSIGNMENT;
        f->label = r->labelled++;
    }
    return 1;
}

static int on_start_map(void *ctx)
{
    return push(ctx, true);
}

static int on_start_array(void *ctx)
{
    return push(ctx, false);
}

static int on_end(void *ctx)
{
    struct reader *r = ctx;

    r->keys.len = r->f[--r->depth].key_mark;
    if (r->pack)
        json_pack_close(r->pack, r->f[r->depth].is_map);
    return 1;
}

static int key_index(const char *const *names, size_t n, const unsigned char *k, size_t len)
{
    if (len == 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (names[i][0] == (char)k[0] && strncmp(names[i], (const char *)k, len) == 0 &&
            names[i][len] == '\0')
            return (int)i;
    return -1;
}

/* key_index by the key's intern id, for the ids below KEY_MEMO (a list's keys take the
 * first ids): each id's answer is worked out once per process and kept, so that the 30-odd
 * keys of each element are not compared with the names again (strncmp took a tenth of the
 * reader's instructions). An id stands for the same bytes on every thread, so the threads
 * that race to fill an entry write the same value. Entries: 0 unknown, else the index + 2. */
#define KEY_MEMO 64
static _Atomic signed char top_key_memo[KEY_MEMO], label_key_memo[KEY_MEMO];

static int key_index_by_id(_Atomic signed char *memo, const char *const *names, size_t n,
                           uint32_t id, const unsigned char *k, size_t len)
{
    if (!id || id >= KEY_MEMO)
        return key_index(names, n, k, len);
    signed char m = atomic_load_explicit(&memo[id], memory_order_relaxed);
    if (!m) {
        m = (signed char)(key_index(names, n, k, len) + 2);
        atomic_store_explicit(&memo[id], m, memory_order_relaxed);
    }
    return m - 2;
}

/* A duplicate key at any depth is jansson's error (JSON_REJECT_DUPLICATES). A key with an
 * id below 64 (a list's first words: its keys) is one bit of the object's; one with another
 * id is compared by id with the object's keys so far (f->nkeys of them, this one not yet
 * counted); one without by its bytes with the others without: reader.keys holds each as
 * its length (a size_t) and its bytes. */
static bool key_seen(const struct reader *r, const struct frame *f, uint32_t id,
                     const unsigned char *k, size_t len)
{
    if (id && id < 64)
        return f->small_ids >> id & 1;
    if (id) {
        const uint32_t *ids = r->key_ids[r->depth - 1];
        for (size_t i = 0; i < f->nkeys; i++)
            if (ids[i] == id)
                return true;
        return false;
    }
    for (size_t at = f->key_mark; at < r->keys.len;) {
        size_t n;
        memcpy(&n, r->keys.data + at, sizeof(n));
        at += sizeof(n);
        if (n == len && memcmp(r->keys.data + at, k, len) == 0)
            return true;
        at += n;
    }
    return false;
}

static int on_map_key(void *ctx, const unsigned char *k, size_t len)
{
    struct reader *r = ctx;
    struct frame *f = current(r);

    if (f->nkeys == HYBRIDBOX_ELEMENT_MAX_KEYS)
        return 0;
    /* Packed first: its id is the duplicate check's (the bytes go in even when this key turns
     * out a duplicate; the element then fails, and nothing packed is kept). */
    uint32_t id = r->pack ? json_pack_key(r->pack, (const char *)k, len) : 0;
    if (key_seen(r, f, id, k, len))
        return 0;
    r->key_ids[r->depth - 1][f->nkeys++] = id;
    if (id && id < 64)
        f->small_ids |= UINT64_C(1) << id;
    if (!id) {
        strbuf_append(&r->keys, &len, sizeof(len));
        strbuf_append(&r->keys, k, len);
    }
    if (f->kind == K_TOP)
        f->key = key_index_by_id(top_key_memo, top_keys, F_TOP_KEYS, id, k, len);
    else if (f->kind == K_ASSIGNMENT)
        f->key = key_index_by_id(label_key_memo, hybridbox_label_keys, HYBRIDBOX_LABEL_KEYS, id,
                                 k, len);
    return 1;
}

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_map_key,
    .yajl_end_map = on_end,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end,
};

static bool parse_yajl(struct reader *r, const char *data, size_t len)
{
    yajl_handle h = yajl_alloc(&callbacks, NULL, r);
    bool ok;

    yajl_config(h, yajl_dont_validate_strings, 1); /* text_is_plain checked it, more strictly */
    ok = yajl_parse(h, (const unsigned char *)data, len) == yajl_status_ok &&
         yajl_complete_parse(h) == yajl_status_ok;
    yajl_free(h);
    return ok;
}

static time_t time_of(const char *s)
{
    time_t t;

    return s && model_parse_time(s, &t) == 0 ? t : 0;
}

/* A top-level time: as the packer read it (json_pack_string), else from its text. */
static time_t top_time_of(const struct reader *r, enum top_field f)
{
    return r->top_time[f] ? r->top_time[f] : time_of(r->top[f]);
}

static char *summary_of(struct reader *r)
{
    struct strbuf sb;

    strbuf_init(&sb);
    for (size_t i = 0; i < r->labelled; i++) {
        if (i)
            strbuf_puts(&sb, ", ");
        hybridbox_assignment_label(&sb, (const char *const *)r->label[i]);
    }
    if (r->assignments > r->labelled) {
        strbuf_puts(&sb, " +");
        strbuf_put_decimal(&sb, r->assignments - r->labelled);
    }
    return strbuf_detach(&sb, NULL);
}

static void reader_free(struct reader *r)
{
    for (size_t i = 0; i < F_TOP_STRINGS; i++)
        free_unless_scratch(r, r->top[i]);
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < HYBRIDBOX_LABEL_KEYS; k++)
            free_unless_scratch(r, r->label[i][k]);
    strbuf_free(&r->keys);
}

/* Not the frames and key ids (20 KiB): each is written before it is read. The packed value,
 * if any, starts over too. */
static void reader_init(struct reader *r, struct json_pack_writer *pack)
{
    r->depth = 0;
    strbuf_init(&r->keys);
    r->scratch_used = 0;
    memset(r->top, 0, sizeof(r->top));
    memset(r->top_time, 0, sizeof(r->top_time));
    memset(r->label, 0, sizeof(r->label));
    r->assignments = r->labelled = 0;
    r->pack = pack;
    if (pack)
        json_pack_begin(pack);
}

int hybridbox_element_read(const char *data, size_t len, unsigned hints,
                           struct json_pack_writer *pack, const char *account_id, time_t now,
                           struct invitation *out)
{
    struct reader r;

    if (!(hints & HYBRIDBOX_ELEMENT_PLAIN) && !text_is_plain(data, len))
        return 0;
    reader_init(&r, pack);
    /* Read without yajl where json_plain gives yajl's events (its UTF-8 was checked above);
     * after its false (an escape, say), yajl from the start, whose verdict stands. */
    bool parsed = json_plain_parse_with(&callbacks, &r, data, len);
    if (!parsed) {
        reader_free(&r);
        reader_init(&r, pack);
        parsed = parse_yajl(&r, data, len);
    }
    /* Only a top-level object (K_TOP) fills r.top: anything else has no id, for jansson. */
    if (!parsed || !r.top[F_ID]) {
        reader_free(&r);
        return 0;
    }
    memset(out, 0, sizeof(*out));
    out->id = r.top[F_ID];
    out->email = r.top[F_EMAIL];
    out->raw_status = r.top[F_STATUS];
    r.top[F_ID] = r.top[F_EMAIL] = r.top[F_STATUS] = NULL;
    out->account_id = xstrdup_or_null(account_id);
    out->created_at = top_time_of(&r, F_CREATED);
    out->expires_at = top_time_of(&r, F_EXPIRES);
    out->accepted_at = top_time_of(&r, F_ACCEPTED);
    invitation_set_status(out, PROVIDER_HYBRIDBOX, now);
    out->summary = summary_of(&r);
    if (pack)
        out->packed = json_pack_finish(pack);
    else
        out->raw = hints & HYBRIDBOX_ELEMENT_MINIFIED ? xstrndup(data, len)
                                                     : json_util_minify(data, len);
    invitation_make_shown(out); /* ingress: the one place server text is made terminal-safe */
    reader_free(&r);
    return 1;
}
