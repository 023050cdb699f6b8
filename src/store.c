#include "config.h"

#include "invitui/store.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* id -> index, open addressing with linear probing. Keys borrow the
 * invitations' id strings, so the map is rebuilt whenever they move. */
struct id_map {
    const char **keys;
    uint32_t *vals;
    size_t cap; /* power of two, or 0 */
    size_t n;
};

struct collection {
    char *account_id;
    struct invitation_list list;
    unsigned char *marked; /* one flag per invitation */
    size_t nmarked;
    struct id_map map;
    uint64_t *ekey; /* two per invitation: the e-mail's first 16 folded bytes */
    unsigned long generation;
    bool loaded;
    time_t loaded_at;
};

struct store {
    enum provider_kind kind;
    struct account_list accounts;
    struct collection *colls;
    size_t ncolls;
    unsigned long next_generation;
};

/* ---- id map ---- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

static void map_free(struct id_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

static void map_insert_raw(struct id_map *m, const char *key, uint32_t val)
{
    size_t mask = m->cap - 1;

    for (size_t i = hash_str(key) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->vals[i] = val;
            m->n++;
            return;
        }
        if (strcmp(m->keys[i], key) == 0)
            return; /* duplicate id from the server: the first one wins */
    }
}

static void map_build(struct id_map *m, const struct invitation_list *l, size_t extra)
{
    size_t cap = 16;

    map_free(m);
    while (cap < (l->n + extra) * 2)
        cap *= 2;
    m->cap = cap;
    m->keys = xcalloc(cap, sizeof(*m->keys));
    m->vals = xcalloc(cap, sizeof(*m->vals));
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].id)
            map_insert_raw(m, l->v[i].id, (uint32_t)i);
}

/* The slot holding key, or -1. */
static long map_slot(const struct id_map *m, const char *key)
{
    size_t mask = m->cap - 1;

    if (!m->cap || !key)
        return -1;
    for (size_t i = hash_str(key) & mask; m->keys[i]; i = (i + 1) & mask)
        if (strcmp(m->keys[i], key) == 0)
            return (long)i;
    return -1;
}

static long map_get(const struct id_map *m, const char *key)
{
    long slot = map_slot(m, key);

    return slot >= 0 ? (long)m->vals[slot] : -1;
}

static const unsigned char *fold_table(void)
{
    static unsigned char table[256];
    static bool ready;

    /* Only the UI thread uses views, so lazy initialisation is safe. */
    if (!ready) {
        for (int i = 0; i < 256; i++)
            table[i] = (unsigned char)(i >= 'A' && i <= 'Z' ? i + 32 : i);
        ready = true;
    }
    return table;
}

/* The first 16 bytes of the ASCII-folded e-mail as two big-endian
 * integers, zero-padded, so that integer order is byte order ("ab" < "abc").
 * No e-mail gives the largest key. Cached per invitation for sorting. */
static void email_key(const char *email, uint64_t key[2])
{
    const unsigned char *fold = fold_table();

    key[0] = key[1] = email ? 0 : UINT64_MAX;
    for (size_t i = 0; email && i < 16; i++) {
        unsigned char c = (unsigned char)email[i];
        key[i / 8] |= (uint64_t)fold[c] << (8 * (7 - i % 8));
        if (!c)
            break;
    }
}

/* ---- store and collections ---- */

struct store *store_new(enum provider_kind kind)
{
    struct store *s = xcalloc(1, sizeof(*s));

    s->kind = kind;
    s->next_generation = 1;
    return s;
}

static void coll_free(struct collection *c)
{
    free(c->account_id);
    invitation_list_free(&c->list);
    free(c->marked);
    free(c->ekey);
    map_free(&c->map);
}

void store_free(struct store *s)
{
    if (!s)
        return;
    account_list_free(&s->accounts);
    for (size_t i = 0; i < s->ncolls; i++)
        coll_free(&s->colls[i]);
    free(s->colls);
    free(s);
}

static struct collection *coll_find(const struct store *s, const char *account_id)
{
    if (!account_id)
        return NULL;
    for (size_t i = 0; i < s->ncolls; i++)
        if (strcmp(s->colls[i].account_id, account_id) == 0)
            return &s->colls[i];
    return NULL;
}

static struct collection *coll_get(struct store *s, const char *account_id)
{
    struct collection *c = coll_find(s, account_id);

    if (c)
        return c;
    s->colls = xrealloc(s->colls, (s->ncolls + 1) * sizeof(*s->colls));
    c = &s->colls[s->ncolls++];
    memset(c, 0, sizeof(*c));
    c->account_id = xstrdup(account_id);
    return c;
}

static void coll_touch(struct store *s, struct collection *c)
{
    c->generation = s->next_generation++;
}

void store_set_accounts(struct store *s, struct account_list *moved)
{
    account_list_free(&s->accounts);
    for (size_t i = 0; i < moved->n; i++)
        if (!moved->v[i].shown.id)
            account_make_shown(&moved->v[i]);
    s->accounts = *moved;
    memset(moved, 0, sizeof(*moved));
}

size_t store_account_count(const struct store *s)
{
    return s->accounts.n;
}

const struct account *store_account_at(const struct store *s, size_t i)
{
    return i < s->accounts.n ? &s->accounts.v[i] : NULL;
}

const struct account *store_account_find(const struct store *s, const char *account_id)
{
    for (size_t i = 0; account_id && i < s->accounts.n; i++)
        if (util_streq(s->accounts.v[i].id, account_id))
            return &s->accounts.v[i];
    return NULL;
}

void store_replace_invitations(struct store *s, const char *account_id,
                               struct invitation_list *moved, time_t loaded_at)
{
    struct collection *c = coll_get(s, account_id);
    struct id_map new_map = {0};
    unsigned char *marked = xcalloc(moved->n ? moved->n : 1, 1);
    size_t nmarked = 0;

    /* The readers made the display copies on the worker thread; this catches the rest. */
    invitation_list_make_shown(moved);
    map_build(&new_map, moved, 0);
    /* Carry marks over by identity. */
    for (size_t i = 0; c->nmarked && i < c->list.n; i++) {
        long j = c->marked[i] ? map_get(&new_map, c->list.v[i].id) : -1;
        if (j >= 0 && !marked[j]) {
            marked[j] = 1;
            nmarked++;
        }
    }
    invitation_list_free(&c->list);
    map_free(&c->map);
    free(c->marked);
    c->list = *moved;
    memset(moved, 0, sizeof(*moved));
    c->map = new_map;
    c->ekey = xrealloc(c->ekey, (c->list.n ? c->list.n : 1) * 2 * sizeof(*c->ekey));
    for (size_t i = 0; i < c->list.n; i++)
        email_key(c->list.v[i].email, &c->ekey[2 * i]);
    c->marked = marked;
    c->nmarked = nmarked;
    c->loaded = true;
    c->loaded_at = loaded_at;
    coll_touch(s, c);
}

bool store_upsert_invitation(struct store *s, struct invitation *inv)
{
    struct collection *c = coll_get(s, inv->account_id ? inv->account_id : "");
    long slot = map_slot(&c->map, inv->id);

    coll_touch(s, c);
    /* Remade: the caller may have filled in account_id after the reader. */
    invitation_make_shown(inv);
    if (slot >= 0) {
        uint32_t i = c->map.vals[slot];
        /* An answer may lack what the list had (the Marketplace's omits audit: the created
         * and expiry dates): merged, the row keeps them and its place in the sort. */
        invitation_merge(&c->list.v[i], inv);
        /* The map borrowed the old id string; the new one is equal. */
        c->map.keys[slot] = c->list.v[i].id;
        email_key(c->list.v[i].email, &c->ekey[2 * i]);
        return false;
    }
    invitation_list_push(&c->list, inv);
    c->marked = xrealloc(c->marked, c->list.n);
    c->marked[c->list.n - 1] = 0;
    c->ekey = xrealloc(c->ekey, c->list.n * 2 * sizeof(*c->ekey));
    email_key(c->list.v[c->list.n - 1].email, &c->ekey[2 * (c->list.n - 1)]);
    if (!c->map.cap || (c->map.n + 1) * 2 > c->map.cap)
        map_build(&c->map, &c->list, c->list.n);
    else if (c->list.v[c->list.n - 1].id)
        map_insert_raw(&c->map, c->list.v[c->list.n - 1].id, (uint32_t)(c->list.n - 1));
    return true;
}

size_t store_recompute_status(struct store *s, time_t now)
{
    size_t changed = 0;

    for (size_t k = 0; k < s->ncolls; k++) {
        struct collection *c = &s->colls[k];
        size_t before = changed;
        for (size_t i = 0; i < c->list.n; i++) {
            struct invitation *inv = &c->list.v[i];
            enum inv_status st = inv->status;
            invitation_set_status(inv, s->kind, now);
            changed += st != inv->status;
        }
        if (changed != before)
            coll_touch(s, c);
    }
    return changed;
}

bool store_loaded(const struct store *s, const char *account_id)
{
    const struct collection *c = coll_find(s, account_id);

    return c && c->loaded;
}

time_t store_loaded_at(const struct store *s, const char *account_id)
{
    const struct collection *c = coll_find(s, account_id);

    return c ? c->loaded_at : 0;
}

size_t store_invitation_count(const struct store *s, const char *account_id)
{
    const struct collection *c = coll_find(s, account_id);

    return c ? c->list.n : 0;
}

const struct invitation *store_invitation_at(const struct store *s, const char *account_id,
                                             size_t i)
{
    const struct collection *c = coll_find(s, account_id);

    return c && i < c->list.n ? &c->list.v[i] : NULL;
}

const struct invitation *store_find(const struct store *s, const char *account_id,
                                    const char *id)
{
    const struct collection *c = coll_find(s, account_id);
    long i = c ? map_get(&c->map, id) : -1;

    return i >= 0 ? &c->list.v[i] : NULL;
}

unsigned long store_generation(const struct store *s, const char *account_id)
{
    const struct collection *c = coll_find(s, account_id);

    return c ? c->generation : 0;
}

void store_count_status(const struct store *s, const char *account_id,
                        size_t counts[INV_STATUS_COUNT])
{
    const struct collection *c = coll_find(s, account_id);

    memset(counts, 0, INV_STATUS_COUNT * sizeof(counts[0]));
    for (size_t i = 0; c && i < c->list.n; i++)
        if ((unsigned)c->list.v[i].status < INV_STATUS_COUNT)
            counts[c->list.v[i].status]++;
}

/* ---- marks ---- */

bool store_mark_set(struct store *s, const char *account_id, const char *id, bool on)
{
    struct collection *c = coll_find(s, account_id);
    long i = c ? map_get(&c->map, id) : -1;
    bool was;

    if (i < 0)
        return false;
    was = c->marked[i];
    if (was != on) {
        c->marked[i] = on;
        if (on)
            c->nmarked++;
        else
            c->nmarked--;
    }
    return was;
}

bool store_mark_toggle(struct store *s, const char *account_id, const char *id)
{
    bool now = !store_is_marked(s, account_id, id);

    store_mark_set(s, account_id, id, now);
    return store_is_marked(s, account_id, id);
}

bool store_is_marked(const struct store *s, const char *account_id, const char *id)
{
    const struct collection *c = coll_find(s, account_id);
    long i = c ? map_get(&c->map, id) : -1;

    return i >= 0 && c->marked[i];
}

size_t store_mark_view(struct store *s, const struct store_view *v, bool on)
{
    struct collection *c = coll_find(s, v->account_id);
    size_t changed = 0;

    if (!c || store_view_stale(v, s))
        return 0;
    for (size_t r = 0; r < v->n; r++) {
        uint32_t i = v->rows[r];
        if (c->marked[i] != on) {
            c->marked[i] = on;
            changed++;
        }
    }
    c->nmarked = on ? c->nmarked + changed : c->nmarked - changed;
    return changed;
}

size_t store_mark_count(const struct store *s, const char *account_id)
{
    size_t n = 0;

    if (account_id) {
        const struct collection *c = coll_find(s, account_id);
        return c ? c->nmarked : 0;
    }
    for (size_t i = 0; i < s->ncolls; i++)
        n += s->colls[i].nmarked;
    return n;
}

void store_marks_clear(struct store *s, const char *account_id)
{
    for (size_t k = 0; k < s->ncolls; k++) {
        struct collection *c = &s->colls[k];
        if (account_id && strcmp(c->account_id, account_id) != 0)
            continue;
        if (c->list.n)
            memset(c->marked, 0, c->list.n);
        c->nmarked = 0;
    }
}

size_t store_marks_foreach(const struct store *s, const char *account_id,
                           void (*fn)(const struct invitation *inv, void *ctx), void *ctx)
{
    const struct collection *c = coll_find(s, account_id);
    size_t n = 0;

    for (size_t i = 0; c && i < c->list.n && n < c->nmarked; i++) {
        if (c->marked[i]) {
            fn(&c->list.v[i], ctx);
            n++;
        }
    }
    return n;
}

/* ---- views ---- */

void store_view_init(struct store_view *v)
{
    memset(v, 0, sizeof(*v));
}

void store_view_free(struct store_view *v)
{
    free(v->rows);
    free(v->account_id);
    memset(v, 0, sizeof(*v));
}

/* Case-insensitive (ASCII) substring test; needle is already folded.
 * UTF-8 is safe: multi-byte sequences never contain ASCII bytes. */
static bool contains_folded(const char *hay, const char *needle, size_t nlen,
                            const unsigned char *fold)
{
    if (!hay)
        return false;
    for (const unsigned char *h = (const unsigned char *)hay; *h; h++) {
        if (fold[*h] != (unsigned char)needle[0])
            continue;
        size_t k = 1;
        while (k < nlen && h[k] && fold[h[k]] == (unsigned char)needle[k])
            k++;
        if (k == nlen)
            return true;
    }
    return false;
}

static int cmp_folded(const char *a, const char *b, const unsigned char *fold)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

    while (*x && fold[*x] == fold[*y]) {
        x++;
        y++;
    }
    return (int)fold[*x] - (int)fold[*y];
}

struct sort_ctx {
    const struct invitation *v;
    const uint64_t *ekey;
    enum store_sort key;
    int dir; /* 1 or -1 */
    const unsigned char *fold;
};

/* Precomputed keys, so that most comparisons are two integer compares:
 * k1 is the primary key with the direction and "absent last" folded in,
 * k2 and k3 the cached e-mail key (email_key). Full strings are compared
 * only on a tie. */
struct sort_rec {
    int64_t k1;
    uint64_t k2, k3;
    uint32_t idx;
};

static struct sort_rec make_rec(const struct sort_ctx *sc, uint32_t idx)
{
    const struct invitation *inv = &sc->v[idx];
    struct sort_rec r = {.idx = idx, .k2 = sc->ekey[2 * idx], .k3 = sc->ekey[2 * idx + 1]};
    time_t t;

    switch (sc->key) {
    case STORE_SORT_EXPIRY:
    case STORE_SORT_CREATED:
        t = sc->key == STORE_SORT_EXPIRY ? inv->expires_at : inv->created_at;
        r.k1 = t ? sc->dir * (int64_t)t : INT64_MAX;
        break;
    case STORE_SORT_EMAIL:
        r.k1 = inv->email == NULL;
        break;
    default:
        r.k1 = sc->dir * (int64_t)inv->status;
        break;
    }
    return r;
}

static int cmp_str_last_null(const char *a, const char *b, const unsigned char *fold)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return cmp_folded(a, b, fold);
}

/* Primary key in the chosen direction, absent values last either way, then
 * e-mail and id ascending so that the order is total. */
static int compare_recs(const struct sort_ctx *sc, const struct sort_rec *a,
                        const struct sort_rec *b)
{
    int edir = sc->key == STORE_SORT_EMAIL ? sc->dir : 1;
    const struct invitation *x, *y;
    int r;

    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2)
        return a->k2 < b->k2 ? -edir : edir;
    if (a->k3 != b->k3)
        return a->k3 < b->k3 ? -edir : edir;
    x = &sc->v[a->idx];
    y = &sc->v[b->idx];
    if (x->email && y->email && (r = cmp_folded(x->email, y->email, sc->fold)) != 0)
        return edir * r;
    if ((r = cmp_str_last_null(x->id, y->id, sc->fold)) != 0)
        return r;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Bottom-up merge sort (no qsort_r needed, and stable). */
static void sort_rows(uint32_t *rows, size_t n, const struct sort_ctx *sc)
{
    struct sort_rec *src, *dst, *buf;

    if (n < 2)
        return;
    buf = xmalloc(2 * n * sizeof(*buf));
    src = buf;
    dst = buf + n;
    for (size_t i = 0; i < n; i++)
        src[i] = make_rec(sc, rows[i]);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = compare_recs(sc, &src[i], &src[j]) <= 0 ? src[i++] : src[j++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        struct sort_rec *t = src;
        src = dst;
        dst = t;
    }
    for (size_t i = 0; i < n; i++)
        rows[i] = src[i].idx;
    free(buf);
}

static bool matches_search(const struct invitation *inv, const char *needle, size_t nlen,
                           const unsigned char *fold)
{
    return nlen == 0 || contains_folded(inv->email, needle, nlen, fold)
           || contains_folded(inv->name, needle, nlen, fold)
           || contains_folded(inv->id, needle, nlen, fold);
}

void store_view_apply(struct store_view *v, const struct store *s, const char *account_id,
                      const struct store_filter *f)
{
    const struct collection *c = coll_find(s, account_id);
    const unsigned char *fold = fold_table();
    unsigned mask = f && f->status_mask ? f->status_mask : STORE_MASK_ALL;
    char *needle = xstrdup(f && f->search ? f->search : "");
    size_t nlen = strlen(needle);

    for (size_t i = 0; i < nlen; i++)
        needle[i] = (char)fold[(unsigned char)needle[i]];
    if (!account_id || !v->account_id || strcmp(v->account_id, account_id) != 0) {
        free(v->account_id);
        v->account_id = xstrdup_or_null(account_id);
    }
    v->n = 0;
    v->generation = c ? c->generation : 0;
    memset(v->counts, 0, sizeof(v->counts));
    if (c && v->cap < c->list.n) {
        v->cap = c->list.n;
        v->rows = xrealloc(v->rows, v->cap * sizeof(*v->rows));
    }
    for (size_t i = 0; c && i < c->list.n; i++) {
        const struct invitation *inv = &c->list.v[i];
        if (!matches_search(inv, needle, nlen, fold))
            continue;
        unsigned st = (unsigned)inv->status < INV_STATUS_COUNT ? inv->status : INV_STATUS_OTHER;
        v->counts[st]++;
        if (mask & STORE_STATUS_BIT(st))
            v->rows[v->n++] = (uint32_t)i;
    }
    free(needle);
    if (c) {
        struct sort_ctx sc = {
            .v = c->list.v,
            .ekey = c->ekey,
            .key = f ? f->sort : STORE_SORT_EXPIRY,
            .dir = f && f->descending ? -1 : 1,
            .fold = fold,
        };
        sort_rows(v->rows, v->n, &sc);
    }
}

bool store_view_stale(const struct store_view *v, const struct store *s)
{
    return store_generation(s, v->account_id) != v->generation;
}

const struct invitation *store_view_row(const struct store_view *v, const struct store *s,
                                        size_t row)
{
    const struct collection *c = coll_find(s, v->account_id);

    if (!c || row >= v->n || c->generation != v->generation)
        return NULL;
    return &c->list.v[v->rows[row]];
}

long store_view_find(const struct store_view *v, const struct store *s, const char *id)
{
    const struct collection *c = coll_find(s, v->account_id);
    long i = c && c->generation == v->generation ? map_get(&c->map, id) : -1;

    for (size_t r = 0; i >= 0 && r < v->n; r++)
        if (v->rows[r] == (uint32_t)i)
            return (long)r;
    return -1;
}

/* ---- small tables ---- */

unsigned store_tab_mask(enum store_tab tab)
{
    switch (tab) {
    case STORE_TAB_PENDING:
        return STORE_STATUS_BIT(INV_STATUS_PENDING);
    case STORE_TAB_EXPIRED:
        return STORE_STATUS_BIT(INV_STATUS_EXPIRED);
    case STORE_TAB_ACCEPTED:
        return STORE_STATUS_BIT(INV_STATUS_ACCEPTED);
    case STORE_TAB_OTHER:
        return STORE_STATUS_BIT(INV_STATUS_REVOKED) | STORE_STATUS_BIT(INV_STATUS_OTHER);
    default:
        return STORE_MASK_ALL;
    }
}

static const char *const sort_names[STORE_SORT_COUNT] = {"expiry", "created", "email", "status"};

const char *store_sort_name(enum store_sort sort)
{
    return (unsigned)sort < STORE_SORT_COUNT ? sort_names[sort] : sort_names[0];
}

int store_sort_from_name(const char *name)
{
    for (int i = 0; name && i < STORE_SORT_COUNT; i++)
        if (strcasecmp(name, sort_names[i]) == 0)
            return i;
    return -1;
}
