#include "config.h"

#include "invitui/model.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/i18n.h"
#include "invitui/json_pack.h"
#include "invitui/json_util.h"
#include "invitui/provider.h"
#include "invitui/row_slab.h"
#include "invitui/util.h"

static bool expired_by_time(time_t expires_at, time_t now)
{
    return expires_at != 0 && expires_at < now;
}

enum inv_status inv_status_from(const struct provider_ops *ops, const char *raw,
                                time_t expires_at, time_t now)
{
    enum inv_status st;

    if (!raw)
        return INV_STATUS_OTHER;
    st = ops->status_from_raw(raw);
    /* The server may still say pending after the expiry time has passed. */
    if (st == INV_STATUS_PENDING && expired_by_time(expires_at, now))
        return INV_STATUS_EXPIRED;
    return st;
}

enum inv_status inv_status_normalise(enum provider_kind kind, const char *raw,
                                     time_t expires_at, time_t now)
{
    return inv_status_from(provider_for(kind), raw, expires_at, now);
}

enum inv_status inv_server_status(enum provider_kind kind, const char *raw)
{
    return inv_status_normalise(kind, raw, 0, 0);
}

void invitation_set_status(struct invitation *inv, enum provider_kind kind, time_t now)
{
    inv->status = inv_status_normalise(kind, inv->raw_status, inv->expires_at, now);
    inv->status_computed = inv->status == INV_STATUS_EXPIRED
                           && inv_server_status(kind, inv->raw_status) == INV_STATUS_PENDING;
}

const char *invitation_status_word(const struct invitation *inv)
{
    /* TRANSLATORS: the STATUS of an invitation whose expiry time (computed
       by invitui) has passed while the server still calls it pending. */
    return inv->status_computed ? N_("expired?") : inv_status_word(inv->status);
}

/* Stable for --status and JSON; shown translated with _() in tables. */
static const char *const status_words[INV_STATUS_COUNT] = {
    /* TRANSLATORS: invitation states in a table's STATUS column. */
    N_("pending"), N_("expired"), N_("accepted"), N_("revoked"), N_("other"),
};

/* Every symbol has East Asian width "Neutral", so it takes one column even
 * in CJK locales; ncursesw draws them as UTF-8 (no ASCII fallback needed). */
static const char *const status_symbols[INV_STATUS_COUNT] = {
    "\u25f7", /* ◷ pending: a clock face */
    "\u2717", /* ✗ expired */
    "\u2713", /* ✓ accepted */
    "\u2298", /* ⊘ revoked */
    "?",      /* other */
};

const char *inv_status_word(enum inv_status s)
{
    if ((unsigned)s >= INV_STATUS_COUNT)
        s = INV_STATUS_OTHER;
    return status_words[s];
}

const char *inv_status_symbol(enum inv_status s)
{
    if ((unsigned)s >= INV_STATUS_COUNT)
        s = INV_STATUS_OTHER;
    return status_symbols[s];
}

int inv_status_from_word(const char *word)
{
    if (!word)
        return -1;
    for (int i = 0; i < INV_STATUS_COUNT; i++)
        if (strcasecmp(word, status_words[i]) == 0)
            return i;
    return -1;
}

/* Reads exactly n digits; false on anything else. */
static bool read_digits(const char **pp, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        char c = (*pp)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *pp += n;
    *out = v;
    return true;
}

static bool expect_char(const char **pp, char c)
{
    if (**pp != c)
        return false;
    (*pp)++;
    return true;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return month == 2 && leap ? 29 : days[month - 1];
}

/* Parses the zone designator: Z, or +hh:mm / -hh:mm, into seconds east. */
static bool read_zone(const char **pp, long *offset)
{
    int hh, mm;
    int sign;

    if (**pp == 'Z' || **pp == 'z') {
        (*pp)++;
        *offset = 0;
        return true;
    }
    if (**pp != '+' && **pp != '-')
        return false;
    sign = **pp == '-' ? -1 : 1;
    (*pp)++;
    if (!read_digits(pp, 2, &hh) || !expect_char(pp, ':') || !read_digits(pp, 2, &mm))
        return false;
    if (hh > 23 || mm > 59)
        return false;
    *offset = sign * (hh * 3600L + mm * 60L);
    return true;
}

/* Howard Hinnant's days_from_civil. */
long long model_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    int yoe = (int)(y - era * 400);
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int model_parse_time(const char *s, time_t *out)
{
    int year, mon, day, hour, min, sec;
    long offset;
    const char *p = s;

    if (!s)
        return -1;
    if (!read_digits(&p, 4, &year) || !expect_char(&p, '-') || !read_digits(&p, 2, &mon)
        || !expect_char(&p, '-') || !read_digits(&p, 2, &day))
        return -1;
    if (*p != 'T' && *p != 't')
        return -1;
    p++;
    if (!read_digits(&p, 2, &hour) || !expect_char(&p, ':') || !read_digits(&p, 2, &min)
        || !expect_char(&p, ':') || !read_digits(&p, 2, &sec))
        return -1;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        while (isdigit((unsigned char)*p))
            p++; /* sub-second precision is dropped */
    }
    if (!read_zone(&p, &offset) || *p != '\0')
        return -1;
    if (mon < 1 || mon > 12 || day < 1 || day > days_in_month(year, mon) || hour > 23
        || min > 59 || sec > 60)
        return -1;
    /* A leap second (sec 60) rolls over into the next minute, as timegm would. */
    *out = (time_t)(model_days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 +
                    sec - offset);
    return 0;
}

void model_format_time(time_t t, char *buf, size_t size)
{
    struct tm tm;

    if (size == 0)
        return;
    buf[0] = '\0';
    if (t == 0 || !gmtime_r(&t, &tm))
        return;
    if (strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        buf[0] = '\0';
}

void account_free(struct account *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->name);
    free(a->status);
    free(a->type);
    account_shown_free(&a->shown);
    memset(a, 0, sizeof(*a));
}

void account_list_push(struct account_list *l, struct account *a)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    l->v[l->n++] = *a;
    memset(a, 0, sizeof(*a));
}

void account_list_free(struct account_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        account_free(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof(*l));
}

/* A string of the row's own (not in its slab) is freed. */
static void free_own(const struct invitation *inv, void *p)
{
    if (!row_slab_contains(inv->slab, p))
        free(p);
}

void invitation_free(struct invitation *inv)
{
    if (!inv)
        return;
    char *strs[] = {inv->id,         inv->user_id, inv->account_id, inv->email, inv->name,
                    inv->raw_status, inv->summary, inv->link,       inv->raw};
    for (size_t i = 0; i < ARRAY_SIZE(strs); i++)
        free_own(inv, strs[i]);
    free_own(inv, inv->packed);
    invitation_shown_free(&inv->shown); /* copies in the slab are not owned */
    row_slab_release(inv->slab);
    memset(inv, 0, sizeof(*inv));
    inv->status = INV_STATUS_OTHER;
}

void invitation_move(struct invitation *dst, struct invitation *src)
{
    if (dst == src)
        return;
    invitation_free(dst);
    *dst = *src;
    memset(src, 0, sizeof(*src));
    src->status = INV_STATUS_OTHER;
}

void invitation_copy(struct invitation *dst, const struct invitation *src)
{
    struct invitation tmp;

    if (dst == src)
        return;
    tmp = *src;
    tmp.id = xstrdup_or_null(src->id);
    tmp.user_id = xstrdup_or_null(src->user_id);
    tmp.account_id = xstrdup_or_null(src->account_id);
    tmp.email = xstrdup_or_null(src->email);
    tmp.name = xstrdup_or_null(src->name);
    tmp.raw_status = xstrdup_or_null(src->raw_status);
    tmp.summary = xstrdup_or_null(src->summary);
    tmp.link = xstrdup_or_null(src->link);
    tmp.raw = xstrdup_or_null(src->raw);
    tmp.packed = json_packed_dup(src->packed);
    tmp.slab = NULL; /* every string above is a copy of its own */
    memset(&tmp.shown, 0, sizeof(tmp.shown));
    if (invitation_has_shown(src))
        invitation_make_shown(&tmp);
    invitation_free(dst);
    *dst = tmp;
}

/* src's string if it has one, else dst's; the one not kept is freed (unless it is in its
 * row's slab, and one from src's slab is copied: src's slab goes with src). */
static void take_str(struct invitation *dst, char **d, struct invitation *src, char **s)
{
    if (*s) {
        free_own(dst, *d);
        *d = row_slab_contains(src->slab, *s) ? xstrdup(*s) : *s;
        *s = NULL;
    }
}

static void take_time(time_t *dst, time_t src)
{
    if (src)
        *dst = src;
}

json_t *invitation_object(const struct invitation *inv)
{
    json_t *o;

    if (inv->raw)
        return json_util_object(inv->raw);
    o = json_packed_object(inv->packed);
    if (json_is_object(o))
        return o;
    json_decref(o);
    return NULL;
}

/* dst's object with the members of src_raw put over it, as compact JSON; NULL when either is
 * not an object. */
static char *merge_into(const struct invitation *dst, const char *src_raw)
{
    if (dst->raw || !dst->packed)
        return json_util_merge_objects(dst->raw, src_raw);
    json_t *o = invitation_object(dst);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    char *merged = text ? json_util_merge_objects(text, src_raw) : NULL;
    free(text);
    json_decref(o);
    return merged;
}

void invitation_merge(struct invitation *dst, struct invitation *src)
{
    char *raw;

    if (dst == src)
        return;
    take_str(dst, &dst->id, src, &src->id);
    take_str(dst, &dst->user_id, src, &src->user_id);
    take_str(dst, &dst->account_id, src, &src->account_id);
    take_str(dst, &dst->email, src, &src->email);
    take_str(dst, &dst->name, src, &src->name);
    if (src->raw_status) {
        take_str(dst, &dst->raw_status, src, &src->raw_status);
        dst->status = src->status;
        dst->status_computed = src->status_computed;
    }
    take_time(&dst->created_at, src->created_at);
    take_time(&dst->expires_at, src->expires_at);
    take_time(&dst->accepted_at, src->accepted_at);
    take_str(dst, &dst->summary, src, &src->summary);
    take_str(dst, &dst->link, src, &src->link);
    raw = src->raw ? merge_into(dst, src->raw) : NULL;
    if (raw) {
        free_own(dst, dst->raw);
        dst->raw = raw;
        free_own(dst, dst->packed); /* raw has all of it now */
        dst->packed = NULL;
    } else if (src->raw) {
        free_own(dst, dst->packed);
        dst->packed = NULL;
        take_str(dst, &dst->raw, src, &src->raw);
    }
    invitation_free(src);
    invitation_make_shown(dst);
}

void invitation_list_push(struct invitation_list *l, struct invitation *inv)
{
    bool grown = l->n == l->cap;

    if (grown) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    util_populate_ahead(l->v, l->n, l->cap, sizeof(*l->v), grown);
    l->v[l->n++] = *inv;
    memset(inv, 0, sizeof(*inv));
    inv->status = INV_STATUS_OTHER;
}

bool invitation_list_reserve(struct invitation_list *l, size_t n)
{
    if (l->cap >= n)
        return true;
    void *v = util_try_realloc_array(l->v, n, sizeof(*l->v)); /* n may be a server's hint */
    if (!v)
        return false;
    l->v = v;
    l->cap = n;
    return true;
}

void invitation_list_take(struct invitation_list *l, struct invitation *rows, size_t n)
{
    if (l->cap - l->n < n) {
        size_t cap = l->cap ? l->cap : 16;
        while (cap - l->n < n)
            cap *= 2;
        l->cap = cap;
        l->v = xrealloc(l->v, cap * sizeof(*l->v));
    }
    util_populate(l->v + l->n, n * sizeof(*l->v));
    memcpy(l->v + l->n, rows, n * sizeof(*rows));
    l->n += n;
}

void invitation_list_append(struct invitation_list *dst, struct invitation_list *src)
{
    if (src->n == 0) {
        free(src->v);
    } else if (dst->n == 0) {
        free(dst->v);
        *dst = *src;
    } else {
        if (dst->cap - dst->n < src->n) {
            dst->cap = dst->n + src->n;
            dst->v = xrealloc(dst->v, dst->cap * sizeof(*dst->v));
        }
        util_populate(dst->v + dst->n, src->n * sizeof(*src->v));
        memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
        dst->n += src->n;
        free(src->v);
    }
    memset(src, 0, sizeof(*src));
}

/* A packed object bigger than this keeps its own allocation: a block is for many rows. */
#define SLAB_PACKED_MAX ((size_t)64 << 10)

static size_t slab_str_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* s copied to *at (advanced). */
static char *slab_copy(char **at, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = memcpy(*at, s, n);
    *at += n;
    return copy;
}

/* s copied to *at (advanced); the old one freed, and any alias of it (a display copy that is
 * the raw string itself) moved too. */
static char *slab_move(char **at, char *s, char **alias)
{
    char *copy = slab_copy(at, s);

    if (alias && s && *alias == s)
        *alias = copy;
    free(s);
    return copy;
}

#define RECORD_STRS 8

/* The places of inv's record strings, in the order slab_repeating and the snapshot use. */
static void record_strs(struct invitation *inv, char **to[RECORD_STRS])
{
    char **places[RECORD_STRS] = {&inv->id,   &inv->user_id,    &inv->account_id, &inv->email,
                                  &inv->name, &inv->raw_status, &inv->summary,    &inv->link};

    memcpy(to, places, sizeof(places));
}

/* Record fields whose text repeats from row to row (the one account's id, a handful of
 * statuses and assignment summaries), by their index in record_strs: a row
 * points at the same text of an earlier row in its block instead of a copy of its own
 * (about 5 MiB of 100,000 rows). */
static const size_t slab_repeating[] = {2, 5, 6};

/* Which repeating fields of inv can point at w->recent (their display copy, if not the raw
 * string itself, is the row's own and is not shared), and the bytes that saves. */
static size_t slab_reusable(const struct invitation *inv, char **const raw[RECORD_STRS],
                            const struct row_slab_writer *w, bool reuse[RECORD_STRS])
{
    size_t saved = 0;

    if (!w->cur || w->recent_blocks != w->blocks)
        return 0;
    for (size_t k = 0; k < ARRAY_SIZE(slab_repeating); k++) {
        size_t i = slab_repeating[k];
        reuse[i] = *raw[i] && !(inv->shown.owned & (1u << i)) && w->recent[i] &&
                   strcmp(w->recent[i], *raw[i]) == 0;
        if (reuse[i])
            saved += strlen(*raw[i]) + 1;
    }
    return saved;
}

void invitation_to_slab(struct invitation *inv, struct row_slab_writer *w)
{
    struct invitation_shown *sh = &inv->shown;
    char **raw[RECORD_STRS];
    char **copies[] = {&sh->id,   &sh->user_id,    &sh->account_id, &sh->email,
                       &sh->name, &sh->raw_status, &sh->summary,    &sh->link};
    bool reuse[ARRAY_SIZE(raw)] = {false};
    size_t packed = 0, need = 0;

    if (inv->slab)
        return;
    record_strs(inv, raw);
    if (inv->packed && inv->packed->len <= SLAB_PACKED_MAX)
        packed = (sizeof(*inv->packed) + inv->packed->len + 7) & ~(size_t)7;
    for (size_t i = 0; i < ARRAY_SIZE(raw); i++)
        need += slab_str_size(*raw[i]) + (sh->owned & (1u << i) ? slab_str_size(*copies[i]) : 0);
    if (sh->owned & MODEL_SHOWN_SEARCH_BIT)
        need += slab_str_size(sh->search);
    size_t saved = slab_reusable(inv, raw, w, reuse);
    if (saved && !row_slab_fits(w, packed + need - saved)) { /* a new block: nothing to share */
        memset(reuse, 0, sizeof(reuse));
        saved = 0;
    }
    char *at = row_slab_reserve(w, packed + need - saved, &inv->slab);
    if (packed) { /* first: the block hands out 8-byte aligned space */
        memcpy(at, inv->packed, sizeof(*inv->packed) + inv->packed->len);
        free(inv->packed);
        inv->packed = (struct json_packed *)(void *)at;
        at += packed;
    }
    for (size_t i = 0; i < ARRAY_SIZE(raw); i++) {
        bool own_copy = sh->owned & (1u << i);
        if (reuse[i]) {
            char *shared = (char *)w->recent[i];
            if (*copies[i] == *raw[i])
                *copies[i] = shared;
            free(*raw[i]);
            *raw[i] = shared;
            continue;
        }
        *raw[i] = slab_move(&at, *raw[i], own_copy ? NULL : copies[i]);
        if (own_copy)
            *copies[i] = slab_move(&at, *copies[i], NULL);
    }
    if (sh->owned & MODEL_SHOWN_SEARCH_BIT)
        sh->search = slab_move(&at, sh->search, NULL);
    sh->owned = 0;
    for (size_t k = 0; k < ARRAY_SIZE(slab_repeating); k++)
        w->recent[slab_repeating[k]] = *raw[slab_repeating[k]];
    w->recent_blocks = w->blocks;
}

/* dst gets src's record (the row without its object, display copies and block) with src's
 * string pointers, which the caller copies or shares; to[] are the places of dst's strings. */
static void record_start(struct invitation *dst, const struct invitation *src,
                         char **to[RECORD_STRS])
{
    *dst = *src;
    dst->raw = NULL;
    dst->packed = NULL;
    memset(&dst->shown, 0, sizeof(dst->shown));
    dst->search_reads_id = false;
    dst->slab = NULL;
    record_strs(dst, to);
}

void invitation_record_to_slab(struct invitation *dst, const struct invitation *src,
                               struct row_slab_writer *w)
{
    char **to[RECORD_STRS];
    size_t need = 0;

    record_start(dst, src, to);
    for (size_t i = 0; i < RECORD_STRS; i++)
        need += slab_str_size(*to[i]);
    if (need == 0)
        return;
    char *at = row_slab_reserve(w, need, &dst->slab);
    for (size_t i = 0; i < RECORD_STRS; i++)
        *to[i] = slab_copy(&at, *to[i]);
}

bool invitation_record_in_slab(const struct invitation *inv)
{
    const char *strs[RECORD_STRS] = {inv->id,   inv->user_id,    inv->account_id, inv->email,
                                     inv->name, inv->raw_status, inv->summary,    inv->link};

    if (!inv->slab)
        return false;
    for (size_t i = 0; i < RECORD_STRS; i++)
        if (strs[i] && !row_slab_contains(inv->slab, strs[i]))
            return false;
    return true;
}

void invitation_record_share(struct invitation *dst, const struct invitation *src,
                             struct row_slab_writer *w)
{
    char **to[RECORD_STRS];
    bool shared = invitation_record_in_slab(src);

    record_start(dst, src, to);
    if (!shared) {
        invitation_record_to_slab(dst, src, w);
        return;
    }
    row_slab_retain(src->slab);
    dst->slab = src->slab;
}

void invitation_list_free(struct invitation_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        invitation_free(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof(*l));
}

/* ---- the store's tie-break order ---- */

static int ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* ASCII only, not strcasecmp: that one folds by LC_CTYPE, and the order must not depend on
 * the locale the list was sorted under. */
static int cmp_ascii_fold(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    int cx, cy;

    do {
        cx = ascii_lower(*x++);
        cy = ascii_lower(*y++);
    } while (cx && cx == cy);
    return cx - cy;
}

int model_cmp_null_last(const char *a, const char *b)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return cmp_ascii_fold(a, b);
}

int invitation_cmp_email_id(const struct invitation *a, const struct invitation *b)
{
    int r = model_cmp_null_last(a->email, b->email);

    return r ? r : model_cmp_null_last(a->id, b->id);
}

/* The e-mail's first 20 bytes as the e-mail order compares them: ASCII-lowered, the NUL
 * and whatever would follow it 0. */
static void email_prefix(const char *email, unsigned char out[20])
{
    size_t i = 0;

    for (; i < 20 && email[i]; i++)
        out[i] = (unsigned char)ascii_lower((unsigned char)email[i]);
    memset(out + i, 0, 20 - i);
}

static uint64_t big_endian(const unsigned char *p, size_t n)
{
    uint64_t v = 0;

    for (size_t k = 0; k < n; k++)
        v = v << 8 | p[k];
    return v;
}

uint32_t invitation_email_key(const char *email, uint64_t key[2])
{
    unsigned char b[20];

    if (!email) { /* none sorts last */
        key[0] = key[1] = UINT64_MAX;
        return UINT32_MAX;
    }
    email_prefix(email, b);
    key[0] = big_endian(b, 8);
    key[1] = big_endian(b + 8, 8);
    return (uint32_t)big_endian(b + 16, 4);
}

/* An element's e-mail key (invitation_email_key), so that most comparisons never touch the
 * strings, and where it is. */
struct order_rec {
    uint64_t k1, k2;
    uint32_t idx;
};

struct order_ctx {
    const char *base;
    size_t size;
    void (*key)(const void *elem, const char **email, const char **id);
};

static int cmp_order_recs(const void *pa, const void *pb, void *ctx)
{
    const struct order_rec *a = pa, *b = pb;
    const struct order_ctx *c = ctx;
    const char *ea, *ia, *eb, *ib;
    int r;

    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2)
        return a->k2 < b->k2 ? -1 : 1;
    c->key(c->base + a->idx * c->size, &ea, &ia);
    c->key(c->base + b->idx * c->size, &eb, &ib);
    r = model_cmp_null_last(ea, eb);
    if (!r)
        r = model_cmp_null_last(ia, ib);
    return r ? r : (a->idx > b->idx) - (a->idx < b->idx); /* stable */
}

void model_sort_email_id(void *base, size_t n, size_t size,
                         void (*key)(const void *elem, const char **email, const char **id))
{
    struct order_ctx ctx = {base, size, key};
    struct order_rec *recs = xmalloc((n ? n : 1) * sizeof(*recs));
    char *v = base, *tmp = xmalloc(size);

    for (size_t i = 0; i < n; i++) {
        const char *email, *id;
        uint64_t k[2];
        key(v + i * size, &email, &id);
        invitation_email_key(email, k);
        recs[i] = (struct order_rec){k[0], k[1], (uint32_t)i};
    }
    util_sort_in_place(recs, n, sizeof(*recs), cmp_order_recs, &ctx);
    /* Elements move in place, cycle by cycle (element i takes element recs[i].idx): a
     * second array would be 20 MiB more at the worker's peak with 100,000 rows. */
    for (size_t i = 0; i < n; i++) {
        if (recs[i].idx == UINT32_MAX || recs[i].idx == i)
            continue;
        memcpy(tmp, v + i * size, size);
        size_t j = i;
        while (recs[j].idx != i) {
            size_t k = recs[j].idx;
            memcpy(v + j * size, v + k * size, size);
            recs[j].idx = UINT32_MAX;
            j = k;
        }
        memcpy(v + j * size, tmp, size);
        recs[j].idx = UINT32_MAX;
    }
    free(tmp);
    free(recs);
}

static void invitation_order_key(const void *elem, const char **email, const char **id)
{
    const struct invitation *inv = elem;

    *email = inv->email;
    *id = inv->id;
}

void invitation_list_sort_email_id(struct invitation_list *l)
{
    size_t i;

    for (i = 1; i < l->n && invitation_cmp_email_id(&l->v[i - 1], &l->v[i]) <= 0; i++)
        ;
    if (i >= l->n) /* a snapshot comes sorted already */
        return;
    model_sort_email_id(l->v, l->n, sizeof(*l->v), invitation_order_key);
    /* Exactly n: a list that grew by doubling had up to half its array spare (25 MiB of
     * 100,000 rows), and nothing is added to a sorted list. A shrink moves no rows. */
    l->v = xrealloc(l->v, l->n * sizeof(*l->v));
    l->cap = l->n;
}
