#include "config.h"

#include "invitui/store_private.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/fold.h"

/* What a view keeps between applies (see store.h, Performance). Both arrays hold invitation
 * indices; they belong to one collection generation and are dropped when it changes. */
struct store_view_cache {
    unsigned long generation; /* of order and matched; 0: nothing kept */
    uint32_t *order;          /* every invitation, sorted by (sort, descending) */
    size_t norder;
    enum store_sort sort;
    bool descending;
    uint32_t *matched; /* the invitations of order matching needle, in order's order */
    size_t nmatched;
    char *needle;      /* folded search that matched answers; NULL: matched is not kept */
};

void store_view_init(struct store_view *v)
{
    memset(v, 0, sizeof(*v));
}

static void cache_drop(struct store_view_cache *k)
{
    free(k->order);
    free(k->matched);
    free(k->needle);
    memset(k, 0, sizeof(*k));
}

void store_view_free(struct store_view *v)
{
    if (v->cache)
        cache_drop(v->cache);
    free(v->cache);
    free(v->rows);
    free(v->account_id);
    memset(v, 0, sizeof(*v));
}

/* ---- sorting ---- */

struct sort_ctx {
    const struct invitation *v;
    const struct store_index *x;
    enum store_sort key;
    int dir; /* 1 or -1 */
};

/* Precomputed keys, so that most comparisons are two integer compares: k1 is the primary key
 * with the direction and "absent last" folded in, k2 and k3 the e-mail key (store_index.ekey).
 * The e-mails themselves are compared only on a tie of both. */
struct sort_rec {
    int64_t k1;
    uint64_t k2, k3;
    uint32_t idx;
};

static struct sort_rec make_rec(const struct sort_ctx *sc, uint32_t idx)
{
    const struct invitation *inv = &sc->v[idx];
    struct sort_rec r = {.idx = idx, .k2 = sc->x->ekey[2 * idx], .k3 = sc->x->ekey[2 * idx + 1]};
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

/* ASCII case-insensitive, whatever the locale (strcasecmp's is LC_CTYPE's). */
static int cmp_ascii_fold(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    int cx, cy;

    do {
        cx = *x >= 'A' && *x <= 'Z' ? *x + 32 : *x;
        cy = *y >= 'A' && *y <= 'Z' ? *y + 32 : *y;
        x++;
        y++;
    } while (cx && cx == cy);
    return cx - cy;
}

static int cmp_id(const char *a, const char *b)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return cmp_ascii_fold(a, b);
}

/* Primary key in the chosen direction, absent values last either way, then e-mail and id
 * ascending, then the collection's order: total, so the sort is stable. */
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
    if (x->email && y->email && (r = cmp_ascii_fold(x->email, y->email)) != 0)
        return edir * r;
    if ((r = cmp_id(x->id, y->id)) != 0)
        return r;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

static void merge_pass(const struct sort_ctx *sc, const struct sort_rec *src, struct sort_rec *dst,
                       size_t n, size_t width)
{
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
}

/* Every invitation of c into order, sorted: a bottom-up merge sort of precomputed records (no
 * qsort_r needed, and stable). */
static void sort_all(const struct collection *c, enum store_sort key, bool descending,
                     uint32_t *order)
{
    struct sort_ctx sc = {.v = c->list.v, .x = &c->index, .key = key, .dir = descending ? -1 : 1};
    size_t n = c->list.n;
    struct sort_rec *src, *dst, *buf;

    buf = xmalloc(2 * (n ? n : 1) * sizeof(*buf));
    src = buf;
    dst = buf + n;
    for (size_t i = 0; i < n; i++)
        src[i] = make_rec(&sc, (uint32_t)i);
    for (size_t width = 1; width < n; width *= 2) {
        struct sort_rec *t;
        merge_pass(&sc, src, dst, n, width);
        t = src;
        src = dst;
        dst = t;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = src[i].idx;
    free(buf);
}

/* ---- filtering ---- */

/* The cache for collection c as it is now, sorted as f asks. */
static struct store_view_cache *cache_prepare(struct store_view *v, const struct collection *c,
                                              enum store_sort sort, bool descending)
{
    struct store_view_cache *k = v->cache;

    if (!k)
        k = v->cache = xcalloc(1, sizeof(*k));
    if (k->generation != c->generation || (k->order && k->norder != c->list.n)) {
        cache_drop(k);
        k->generation = c->generation;
    }
    if (!k->order || k->sort != sort || k->descending != descending) {
        k->order = xrealloc(k->order, (c->list.n ? c->list.n : 1) * sizeof(*k->order));
        k->norder = c->list.n;
        k->sort = sort;
        k->descending = descending;
        sort_all(c, sort, descending, k->order);
        v->sorted = c->list.n;
        /* The matches are kept in the old order: searched again (a tab change still not). */
        free(k->needle);
        k->needle = NULL;
    }
    return k;
}

/* Brings k->matched up to date for needle: nothing to do when it is the same, only the previous
 * matches when it contains the previous needle (every haystack containing it contains that),
 * else every invitation. In place: matches never outrun what is being read. */
static void cache_match(struct store_view *v, struct store_view_cache *k,
                        const struct collection *c, const char *needle)
{
    const uint32_t *from = k->order;
    size_t nfrom = k->norder, n = 0;

    if (k->needle && strcmp(k->needle, needle) == 0)
        return;
    if (k->needle && strstr(needle, k->needle)) {
        from = k->matched;
        nfrom = k->nmatched;
    } else {
        k->matched = xrealloc(k->matched, (k->norder ? k->norder : 1) * sizeof(*k->matched));
    }
    if (!*needle) {
        memmove(k->matched, from, nfrom * sizeof(*from));
        n = nfrom;
    } else {
        for (size_t r = 0; r < nfrom; r++)
            if (strstr(store_index_hay(&c->index, from[r]), needle))
                k->matched[n++] = from[r];
        v->searched = nfrom;
    }
    k->nmatched = n;
    free(k->needle);
    k->needle = xstrdup(needle);
}

static void set_account(struct store_view *v, const char *account_id)
{
    if (account_id && v->account_id && strcmp(v->account_id, account_id) == 0)
        return;
    free(v->account_id);
    v->account_id = xstrdup_or_null(account_id);
    if (v->cache)
        cache_drop(v->cache);
}

void store_view_apply(struct store_view *v, const struct store *s, const char *account_id,
                      const struct store_filter *f)
{
    const struct collection *c = store_coll_find(s, account_id);
    unsigned mask = f && f->status_mask ? f->status_mask : STORE_MASK_ALL;
    struct store_view_cache *k;
    char *needle;

    set_account(v, account_id);
    v->n = 0;
    v->searched = v->sorted = 0;
    v->generation = c ? c->generation : 0;
    memset(v->counts, 0, sizeof(v->counts));
    if (!c)
        return;
    k = cache_prepare(v, c, f ? f->sort : STORE_SORT_EXPIRY, f && f->descending);
    needle = fold_string(f ? f->search : NULL);
    cache_match(v, k, c, needle);
    free(needle);
    if (v->cap < k->nmatched) {
        v->cap = k->nmatched;
        v->rows = xrealloc(v->rows, v->cap * sizeof(*v->rows));
    }
    for (size_t r = 0; r < k->nmatched; r++) {
        uint32_t i = k->matched[r];
        enum inv_status st = c->list.v[i].status;
        unsigned b = (unsigned)st < INV_STATUS_COUNT ? (unsigned)st : INV_STATUS_OTHER;
        v->counts[b]++;
        if (mask & STORE_STATUS_BIT(b))
            v->rows[v->n++] = i;
    }
}

bool store_view_stale(const struct store_view *v, const struct store *s)
{
    return store_generation(s, v->account_id) != v->generation;
}

const struct invitation *store_view_row(const struct store_view *v, const struct store *s,
                                        size_t row)
{
    const struct collection *c = store_coll_find(s, v->account_id);

    if (!c || row >= v->n || c->generation != v->generation)
        return NULL;
    return &c->list.v[v->rows[row]];
}

long store_view_find(const struct store_view *v, const struct store *s, const char *id)
{
    const struct collection *c = store_coll_find(s, v->account_id);
    long i = c && c->generation == v->generation ? store_coll_index(c, id) : -1;

    for (size_t r = 0; i >= 0 && r < v->n; r++)
        if (v->rows[r] == (uint32_t)i)
            return (long)r;
    return -1;
}
