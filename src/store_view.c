#include "config.h"

#include "invitui/store_private.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/fold.h"

/* What a view keeps between applies (see store.h, Performance). All of it but the sorts' room
 * belongs to one collection generation and is dropped when that changes. */
struct sort_rec;

struct store_view_cache {
    unsigned long generation; /* of order and matched; 0: nothing kept */
    struct sort_rec *buf;     /* the sorts' room, kept across generations: no page faults */
    size_t nbuf;
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

/* Forgets everything but the sorts' room. */
static void cache_drop(struct store_view_cache *k)
{
    struct sort_rec *buf = k->buf;
    size_t nbuf = k->nbuf;

    free(k->order);
    free(k->matched);
    free(k->needle);
    memset(k, 0, sizeof(*k));
    k->buf = buf;
    k->nbuf = nbuf;
}

void store_view_free(struct store_view *v)
{
    if (v->cache) {
        cache_drop(v->cache);
        free(v->cache->buf);
    }
    free(v->cache);
    free(v->rows);
    free(v->account_id);
    memset(v, 0, sizeof(*v));
}

/* ---- sorting ---- */

/* Every sort ends on the same tie-break: e-mail (ASCII case-insensitive, none last), then id,
 * then the collection's order. A record holds its sort's key and the e-mail's first 20 bytes
 * as integers (store_index), so that a comparison reads the strings only when two e-mails
 * agree on those; and it depends on its own invitation alone, so a list arriving in batches
 * keeps its sorted records, sorts only the new rows' and merges the two. (Ranks of the
 * e-mail order instead made every batch re-rank and re-key every row: the most of a load's
 * view work.) */
struct sort_rec {
    int64_t k1;      /* the sort's own key, in its direction */
    uint64_t e0, e1; /* store_index.ekey, complemented for a descending e-mail order */
    uint32_t etail;  /* store_key.etail, likewise */
    uint32_t idx;
};

/* The e-mail order's direction in a sort: descending only for the e-mail sort itself. */
static int email_dir(enum store_sort key, bool descending)
{
    return key == STORE_SORT_EMAIL && descending ? -1 : 1;
}

/* Two records whose keys are all equal: the e-mails themselves, then the ids (ascending
 * always), then the collection's order. */
static int cmp_strings(const struct collection *c, int edir, uint32_t i, uint32_t j)
{
    const struct invitation *x = &c->list.v[i], *y = &c->list.v[j];
    int r = edir * model_cmp_null_last(x->email, y->email);

    if (!r)
        r = model_cmp_null_last(x->id, y->id);
    return r ? r : (i > j) - (i < j);
}

static int cmp_recs(const struct collection *c, int edir, const struct sort_rec *a,
                    const struct sort_rec *b)
{
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    if (a->e0 != b->e0)
        return a->e0 < b->e0 ? -1 : 1;
    if (a->e1 != b->e1)
        return a->e1 < b->e1 ? -1 : 1;
    if (a->etail != b->etail)
        return a->etail < b->etail ? -1 : 1;
    return cmp_strings(c, edir, a->idx, b->idx);
}

/* src[lo, mid) and src[mid, hi), each sorted, into dst[lo, hi): the left first on a tie. */
static void merge_runs(const struct collection *c, int edir, const struct sort_rec *src,
                       size_t lo, size_t mid, size_t hi, struct sort_rec *dst)
{
    size_t i = lo, j = mid, k = lo;

    while (i < mid && j < hi)
        dst[k++] = cmp_recs(c, edir, &src[i], &src[j]) <= 0 ? src[i++] : src[j++];
    while (i < mid)
        dst[k++] = src[i++];
    while (j < hi)
        dst[k++] = src[j++];
}

/* Bottom-up merge sort: stable, and no qsort_r needed. Returns whichever buffer holds the
 * result. */
static struct sort_rec *merge_sort(const struct collection *c, int edir, struct sort_rec *src,
                                   struct sort_rec *dst, size_t n)
{
    for (size_t width = 1; width < n; width *= 2) {
        struct sort_rec *t;
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            merge_runs(c, edir, src, lo, mid, hi, dst);
        }
        t = src;
        src = dst;
        dst = t;
    }
    return src;
}

static struct sort_rec make_rec(const struct collection *c, enum store_sort key, bool descending,
                                uint32_t i)
{
    const struct store_key *x = &c->index.key[i];
    int dir = descending ? -1 : 1;
    /* all ones flips the e-mail's integer order: a descending e-mail sort */
    uint64_t flip = email_dir(key, descending) < 0 ? UINT64_MAX : 0;
    struct sort_rec r = {.e0 = c->index.ekey[2 * i] ^ flip,
                         .e1 = c->index.ekey[2 * i + 1] ^ flip,
                         .etail = x->etail ^ (uint32_t)flip,
                         .idx = i};
    int64_t t;

    switch (key) {
    case STORE_SORT_EXPIRY:
    case STORE_SORT_CREATED:
        t = key == STORE_SORT_EXPIRY ? x->expires_at : x->created_at;
        r.k1 = t ? dir * t : INT64_MAX; /* absent last either way */
        break;
    case STORE_SORT_EMAIL:
        r.k1 = !x->has_email; /* none last either way */
        break;
    default:
        r.k1 = dir * (int64_t)x->status;
        break;
    }
    return r;
}

/* buf[0, p) is sorted: sorts buf[p, n) and merges the two into tmp[0, n), which it returns. */
static struct sort_rec *merge_sorted_tail(const struct collection *c, int edir,
                                          struct sort_rec *buf, struct sort_rec *tmp, size_t p,
                                          size_t n)
{
    struct sort_rec *tail = merge_sort(c, edir, buf + p, tmp + p, n - p);

    if (tail != buf + p)
        memcpy(buf + p, tail, (n - p) * sizeof(*buf));
    merge_runs(c, edir, buf, 0, p, n, tmp);
    return tmp;
}

/* The room of the view's arrays: as much as the collection's list has, which store_reserve
 * sets for a list that arrives in batches, so that they are not moved at each batch. */
static size_t room_of(const struct collection *c)
{
    return c->list.cap > c->list.n ? c->list.cap : c->list.n;
}

static void ensure_buf(struct store_view_cache *k, const struct collection *c, size_t n)
{
    if (k->nbuf < 2 * n) { /* all merged into */
        k->buf = xrealloc_room(k->buf, k->nbuf, 2 * n, 2 * room_of(c), sizeof(*k->buf));
        k->nbuf = 2 * n;
    }
}

/* sorted[0, n) into order, and kept at the start of buf for the next batch's merge: while
 * order is kept, buf[0, norder) holds its records. */
static void keep_sorted(struct store_view_cache *k, const struct sort_rec *sorted, size_t n)
{
    for (size_t r = 0; r < n; r++)
        k->order[r] = sorted[r].idx;
    if (sorted != k->buf)
        memcpy(k->buf, sorted, n * sizeof(*sorted));
}

/* Every invitation of c into k->order, sorted by k->sort and k->descending. */
static void sort_all(struct store_view_cache *k, const struct collection *c)
{
    size_t n = c->list.n;

    ensure_buf(k, c, n);
    for (size_t i = 0; i < n; i++)
        k->buf[i] = make_rec(c, k->sort, k->descending, (uint32_t)i);
    keep_sorted(k, merge_sort(c, email_dir(k->sort, k->descending), k->buf, k->buf + n, n), n);
}

/* Whether k, made for an earlier generation of c, holds c's first rows untouched (a list
 * arriving in batches: store_add_invitations) with their records. */
static bool cache_extends(const struct store_view_cache *k, const struct collection *c)
{
    return k->generation && c->prefix_gen == k->generation && k->order &&
           k->norder == c->prefix_n && c->prefix_n <= c->list.n;
}

/* k for c's current generation: only the new rows are sorted, then merged with the old ones'
 * records, which stand. Returns how many rows were sorted. */
static size_t cache_extend(struct store_view_cache *k, const struct collection *c)
{
    size_t p = k->norder, n = c->list.n;

    if (p == n) { /* nothing appended (the list is whole): order and matches stand */
        k->generation = c->generation;
        return 0;
    }
    ensure_buf(k, c, n);
    for (size_t i = p; i < n; i++)
        k->buf[i] = make_rec(c, k->sort, k->descending, (uint32_t)i);
    k->order = xrealloc_room(k->order, p, n, room_of(c), sizeof(*k->order));
    keep_sorted(k,
                merge_sorted_tail(c, email_dir(k->sort, k->descending), k->buf, k->buf + n, p,
                                  n),
                n);
    k->norder = n;
    k->generation = c->generation;
    /* The new rows are not searched yet: the next match reads them all. */
    free(k->needle);
    k->needle = NULL;
    return n - p;
}

/* ---- filtering ---- */

/* The cache for collection c as it is now, sorted as f asks. */
static struct store_view_cache *cache_prepare(struct store_view *v, const struct collection *c,
                                              enum store_sort sort, bool descending)
{
    struct store_view_cache *k = v->cache;

    if (!k)
        k = v->cache = xcalloc(1, sizeof(*k));
    if (k->generation != c->generation && cache_extends(k, c)) {
        v->sorted = cache_extend(k, c);
    } else if (k->generation != c->generation || (k->order && k->norder != c->list.n)) {
        cache_drop(k);
        k->generation = c->generation;
    }
    if (!k->order || k->sort != sort || k->descending != descending) {
        k->order = xrealloc(k->order, (c->list.n ? c->list.n : 1) * sizeof(*k->order));
        k->norder = c->list.n;
        k->sort = sort;
        k->descending = descending;
        sort_all(k, c);
        v->sorted = c->list.n;
        /* The matches are kept in the old order: searched again (a tab change still not). */
        free(k->needle);
        k->needle = NULL;
    }
    return k;
}

/* Whether invitation i's haystack, or its id when the haystack leaves it out, holds needle. */
static bool row_matches(const struct collection *c, uint32_t i, const char *needle)
{
    const struct invitation *inv;

    if (strstr(store_index_hay(&c->index, i), needle))
        return true;
    inv = &c->list.v[i];
    return inv->search_reads_id && inv->shown.id && strstr(inv->shown.id, needle);
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
        k->matched = xrealloc_room(k->matched, k->norder, k->norder, room_of(c),
                                   sizeof(*k->matched));
    }
    if (!*needle) {
        memmove(k->matched, from, nfrom * sizeof(*from));
        n = nfrom;
    } else {
        for (size_t r = 0; r < nfrom; r++)
            if (row_matches(c, from[r], needle))
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

/* Every row matched and shown (no filter, every status: a list as it loads): the matches as
 * they are, and the counts read in the index's order, not the view's (a cache miss a row at
 * 100,000). */
static void view_all(struct store_view *v, const struct store_view_cache *k,
                     const struct collection *c)
{
    for (size_t i = 0; i < c->list.n; i++) {
        unsigned st = c->index.key[i].status;
        v->counts[st < INV_STATUS_COUNT ? st : INV_STATUS_OTHER]++;
    }
    memcpy(v->rows, k->matched, k->nmatched * sizeof(*v->rows));
    v->n = k->nmatched;
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
        v->rows = xrealloc_room(v->rows, v->cap, k->nmatched, room_of(c), sizeof(*v->rows));
        v->cap = k->nmatched;
    }
    if (k->nmatched == c->list.n && !(f && f->keep) && mask == STORE_MASK_ALL) {
        view_all(v, k, c);
        return;
    }
    for (size_t r = 0; r < k->nmatched; r++) {
        uint32_t i = k->matched[r];
        if (f && f->keep && !f->keep(&c->list.v[i], f->keep_ctx))
            continue;
        enum inv_status st = c->index.key[i].status;
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
