#include "config.h"

#include "invitui/store_private.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* ---- id map ---- */

/* Every row of a list that is arriving is hashed once, on the UI thread. */
static uint32_t hash_str(const char *s)
{
    return util_hash_bytes(s, strlen(s));
}

static void map_free(struct id_map *m)
{
    free(m->rows);
    free(m->hashes);
    memset(m, 0, sizeof(*m));
}

/* The slot of key (hash h) when it is in, else the empty slot where it would go. Hashes are
 * compared first: a probe reads another row's id only when the two hashes are equal. */
static size_t map_probe(const struct id_map *m, const struct invitation_list *l,
                        const char *key, uint32_t h)
{
    size_t mask = m->cap - 1, i = h & mask;

    for (; m->rows[i]; i = (i + 1) & mask)
        if (m->hashes[i] == h && strcmp(l->v[m->rows[i] - 1].id, key) == 0)
            break;
    return i;
}

/* How many rows ahead store_add_invitations asks for what it will read. */
#define ROW_KEYS_AHEAD 8

/* The first slot a probe for hash h reads. */
static void map_prefetch(const struct id_map *m, uint32_t h)
{
    __builtin_prefetch(&m->rows[h & (m->cap - 1)]);
    __builtin_prefetch(&m->hashes[h & (m->cap - 1)]);
}

/* Row `row` of l, whose id hashes to h. */
static void map_insert_hashed(struct id_map *m, const struct invitation_list *l, uint32_t h,
                              uint32_t row)
{
    size_t i = map_probe(m, l, l->v[row].id, h);

    if (m->rows[i])
        return; /* duplicate id from the server: the first one wins */
    m->rows[i] = row + 1;
    m->hashes[i] = h;
    m->n++;
}

/* Room for `want` keys at half load. Keys move by their stored hashes: no id is read, and no
 * two keys are equal, so none is compared. */
static void map_reserve(struct id_map *m, size_t want)
{
    size_t cap = 16;

    while (cap < want * 2)
        cap *= 2;
    if (cap <= m->cap)
        return;
    struct id_map old = *m;
    m->cap = cap;
    m->rows = xcalloc(cap, sizeof(*m->rows));
    m->hashes = xcalloc(cap, sizeof(*m->hashes));
    util_populate(m->rows, cap * sizeof(*m->rows)); /* every page gets a key */
    util_populate(m->hashes, cap * sizeof(*m->hashes));
    for (size_t k = 0; k < old.cap; k++) {
        if (!old.rows[k])
            continue;
        size_t i = old.hashes[k] & (cap - 1);
        while (m->rows[i])
            i = (i + 1) & (cap - 1);
        m->rows[i] = old.rows[k];
        m->hashes[i] = old.hashes[k];
    }
    free(old.rows);
    free(old.hashes);
}

static void map_build(struct id_map *m, const struct invitation_list *l)
{
    map_free(m);
    map_reserve(m, l->n);
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].id)
            map_insert_hashed(m, l, hash_str(l->v[i].id), (uint32_t)i);
}

/* The slot holding key, or -1. */
static long map_slot(const struct id_map *m, const struct invitation_list *l, const char *key)
{
    if (!m->cap || !key)
        return -1;
    size_t i = map_probe(m, l, key, hash_str(key));
    return m->rows[i] ? (long)i : -1;
}

/* l's row with id key, or -1. */
static long map_get(const struct id_map *m, const struct invitation_list *l, const char *key)
{
    long slot = map_slot(m, l, key);

    return slot >= 0 ? (long)m->rows[slot] - 1 : -1;
}

long store_coll_index(const struct collection *c, const char *id)
{
    return map_get(&c->map, &c->list, id);
}

/* ---- search index ---- */

static void index_free(struct store_index *x)
{
    free(x->hay);
    free(x->ekey);
    free(x->key);
    memset(x, 0, sizeof(*x));
}

/* What the index and the id map need of an invitation's strings, made in one pass over a
 * batch (store_add_invitations) rather than at each of their uses, each a cache miss. */
struct row_keys {
    uint64_t ekey[2];
    uint32_t etail, id_hash;
};

static struct row_keys row_keys_of(const struct invitation *inv)
{
    struct row_keys k;

    k.etail = invitation_email_key(inv->email, k.ekey);
    k.id_hash = inv->id ? hash_str(inv->id) : 0;
    return k;
}

/* Invitation i's row (see struct store_index) from its keys; its display copies are made. */
static void index_put_keys(struct store_index *x, size_t i, const struct invitation *inv,
                           const struct row_keys *k)
{
    x->hay[i] = inv->shown.search ? inv->shown.search : "";
    x->ekey[2 * i] = k->ekey[0];
    x->ekey[2 * i + 1] = k->ekey[1];
    x->key[i] = (struct store_key){
        .expires_at = (int64_t)inv->expires_at,
        .created_at = (int64_t)inv->created_at,
        .etail = k->etail,
        .status = (unsigned char)inv->status,
        .has_email = inv->email != NULL,
    };
}

static void index_put(struct store_index *x, size_t i, const struct invitation *inv)
{
    struct row_keys k;

    k.etail = invitation_email_key(inv->email, k.ekey); /* the map's hash is not needed */

    index_put_keys(x, i, inv, &k);
}

/* Room for n rows, of which the first `kept` stay; the rest are about to be written. As much
 * room as the list has (store_reserve), so that a list arriving in batches is not moved. */
static void index_resize(struct store_index *x, size_t kept, size_t n, size_t room)
{
    x->hay = xrealloc_room(x->hay, kept, n, room, sizeof(*x->hay));
    x->ekey = xrealloc_room(x->ekey, kept, n, room, 2 * sizeof(*x->ekey));
    x->key = xrealloc_room(x->key, kept, n, room, sizeof(*x->key));
}

static void index_build(struct store_index *x, const struct invitation_list *l)
{
    index_resize(x, 0, l->n, l->n);
    for (size_t i = 0; i < l->n; i++)
        index_put(x, i, &l->v[i]);
}

/* ---- store and collections ---- */

struct store *store_new(enum provider_kind kind)
{
    struct store *s = xcalloc(1, sizeof(*s));

    s->kind = kind;
    return s;
}

static void coll_free(struct collection *c)
{
    free(c->account_id);
    invitation_list_free(&c->list);
    free(c->marked);
    index_free(&c->index);
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

struct collection *store_coll_find(const struct store *s, const char *account_id)
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
    struct collection *c = store_coll_find(s, account_id);

    if (c)
        return c;
    s->colls = xrealloc(s->colls, (s->ncolls + 1) * sizeof(*s->colls));
    c = &s->colls[s->ncolls++];
    memset(c, 0, sizeof(*c));
    c->account_id = xstrdup(account_id);
    return c;
}

/* Generations are unique across every store of the process, so that a view kept across a
 * store's replacement (another profile) never takes its cache for the new store's. */
static void coll_touch(struct collection *c)
{
    static atomic_ulong next_generation = 1;

    c->prefix_gen = 0;
    c->generation = atomic_fetch_add(&next_generation, 1);
}

/* After coll_touch: the rows before `kept` are what they were at generation `was`. */
static void coll_kept_prefix(struct collection *c, unsigned long was, size_t kept)
{
    c->prefix_gen = was;
    c->prefix_n = kept;
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

struct store_prepared_parts {
    struct id_map map;
    struct store_index index;
};

void store_prepare(struct store_prepared *p, struct invitation_list *moved)
{
    p->list = *moved;
    memset(moved, 0, sizeof(*moved));
    p->parts = xcalloc(1, sizeof(*p->parts));
    /* The readers made the display copies on the worker thread; this catches the rest. */
    invitation_list_make_shown(&p->list);
    map_build(&p->parts->map, &p->list);
    index_build(&p->parts->index, &p->list);
}

void store_prepared_free(struct store_prepared *p)
{
    invitation_list_free(&p->list);
    if (p->parts) {
        map_free(&p->parts->map);
        index_free(&p->parts->index);
        free(p->parts);
    }
    memset(p, 0, sizeof(*p));
}

void store_replace_prepared(struct store *s, const char *account_id, struct store_prepared *p,
                            time_t loaded_at)
{
    struct collection *c = coll_get(s, account_id);
    unsigned char *marked;
    size_t nmarked = 0;

    if (!p->parts) { /* not prepared (a job cancelled late): here then */
        struct invitation_list l = p->list;
        store_prepare(p, &l);
    }
    marked = xcalloc(p->list.n ? p->list.n : 1, 1);
    /* Carry marks over by identity. */
    for (size_t i = 0; c->nmarked && i < c->list.n; i++) {
        long j = c->marked[i] ? map_get(&p->parts->map, &p->list, c->list.v[i].id) : -1;
        if (j >= 0 && !marked[j]) {
            marked[j] = 1;
            nmarked++;
        }
    }
    invitation_list_free(&c->list);
    map_free(&c->map);
    index_free(&c->index);
    free(c->marked);
    c->list = p->list;
    c->map = p->parts->map;
    c->index = p->parts->index;
    c->marked = marked;
    c->nmarked = nmarked;
    c->loaded = true;
    c->loaded_at = loaded_at;
    coll_touch(c);
    free(p->parts);
    memset(p, 0, sizeof(*p));
}

void store_replace_invitations(struct store *s, const char *account_id,
                               struct invitation_list *moved, time_t loaded_at)
{
    struct store_prepared p;

    store_prepare(&p, moved);
    store_replace_prepared(s, account_id, &p, loaded_at);
}

bool store_upsert_invitation(struct store *s, struct invitation *inv)
{
    struct collection *c = coll_get(s, inv->account_id ? inv->account_id : "");
    long slot = map_slot(&c->map, &c->list, inv->id);

    coll_touch(c);
    /* Remade: the caller may have filled in account_id after the reader. */
    invitation_make_shown(inv);
    if (slot >= 0) {
        uint32_t i = c->map.rows[slot] - 1;
        /* An answer may lack what the list had (the Marketplace's omits audit: the created
         * and expiry dates): merged, the row keeps them and its place in the sort. */
        invitation_merge(&c->list.v[i], inv);
        index_put(&c->index, i, &c->list.v[i]);
        return false;
    }
    invitation_list_push(&c->list, inv);
    c->marked = xrealloc(c->marked, c->list.n);
    c->marked[c->list.n - 1] = 0;
    index_resize(&c->index, c->list.n - 1, c->list.n, c->list.cap);
    index_put(&c->index, c->list.n - 1, &c->list.v[c->list.n - 1]);
    const char *id = c->list.v[c->list.n - 1].id;
    map_reserve(&c->map, c->map.n + 1);
    if (id)
        map_insert_hashed(&c->map, &c->list, hash_str(id), (uint32_t)(c->list.n - 1));
    return true;
}

void store_reserve(struct store *s, const char *account_id, size_t n)
{
    /* Not the id map: it is made present whole, and the hint may be absurd. */
    (void)invitation_list_reserve(&coll_get(s, account_id)->list, n);
}

void store_add_invitations(struct store *s, const char *account_id,
                           struct invitation_list *moved)
{
    struct collection *c = coll_get(s, account_id);
    size_t old = c->list.n;
    unsigned long was = c->generation;
    bool appended = true;

    coll_touch(c);
    invitation_list_make_shown(moved);
    /* At most half full. Not room for a next batch as large: 2 MiB more at 100,000 rows, at
     * the load's peak, to save a move of every slot by its hash (a millisecond or two). */
    if (c->map.cap < 2 * (c->list.n + moved->n))
        map_reserve(&c->map, c->list.n + moved->n);
    /* Each row's strings are read once, a few rows ahead of their use (they were written on
     * other cores): its id's hash serves the look-up here and the insertion below, its
     * e-mail's key the index. The rows not in yet go in a run at a time, one copy each; the
     * map is only written after, so an id twice in one batch keeps both rows. */
    struct row_keys *keys = xmalloc((moved->n ? moved->n : 1) * sizeof(*keys));
    for (size_t k = 0; k < moved->n; k++) {
        if (k + ROW_KEYS_AHEAD < moved->n) {
            __builtin_prefetch(moved->v[k + ROW_KEYS_AHEAD].id);
            __builtin_prefetch(moved->v[k + ROW_KEYS_AHEAD].email);
        }
        keys[k] = row_keys_of(&moved->v[k]);
    }
    size_t run = 0, kept = 0; /* rows from moved->v[k - run] not yet taken; keys kept */
    for (size_t k = 0; k < moved->n; k++) {
        struct invitation *inv = &moved->v[k];
        if (k + ROW_KEYS_AHEAD < moved->n)
            map_prefetch(&c->map, keys[k + ROW_KEYS_AHEAD].id_hash);
        size_t slot = inv->id ? map_probe(&c->map, &c->list, inv->id, keys[k].id_hash) : 0;
        if (!inv->id || !c->map.rows[slot]) {
            keys[kept++] = keys[k]; /* kept <= k: the appended rows' keys, in their order */
            run++;
            continue;
        }
        invitation_list_take(&c->list, inv - run, run);
        run = 0;
        appended = false;
        uint32_t i = c->map.rows[slot] - 1; /* a row already in: as store_upsert_invitation */
        invitation_merge(&c->list.v[i], inv);
        index_put(&c->index, i, &c->list.v[i]);
    }
    invitation_list_take(&c->list, moved->v + moved->n - run, run);
    free(moved->v); /* its rows were moved out or merged */
    memset(moved, 0, sizeof(*moved));
    /* Once per batch, not per row: a batch may be 50,000 rows. */
    c->marked = xrealloc(c->marked, c->list.n ? c->list.n : 1);
    memset(c->marked + old, 0, c->list.n - old);
    index_resize(&c->index, old, c->list.n, c->list.cap);
    for (size_t i = old; i < c->list.n; i++)
        index_put_keys(&c->index, i, &c->list.v[i], &keys[i - old]);
    for (size_t i = old; i < c->list.n; i++)
        if (c->list.v[i].id)
            map_insert_hashed(&c->map, &c->list, keys[i - old].id_hash, (uint32_t)i);
    free(keys);
    if (appended)
        coll_kept_prefix(c, was, old);
}

void store_finish_invitations(struct store *s, const char *account_id, time_t loaded_at)
{
    struct collection *c = coll_get(s, account_id);
    unsigned long was = c->generation;

    c->loaded = true;
    c->loaded_at = loaded_at;
    coll_touch(c);
    coll_kept_prefix(c, was, c->list.n); /* no row changed */
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
            c->index.key[i].status = (unsigned char)inv->status;
        }
        if (changed != before)
            coll_touch(c);
    }
    return changed;
}

bool store_loaded(const struct store *s, const char *account_id)
{
    const struct collection *c = store_coll_find(s, account_id);

    return c && c->loaded;
}

time_t store_loaded_at(const struct store *s, const char *account_id)
{
    const struct collection *c = store_coll_find(s, account_id);

    return c ? c->loaded_at : 0;
}

size_t store_invitation_count(const struct store *s, const char *account_id)
{
    const struct collection *c = store_coll_find(s, account_id);

    return c ? c->list.n : 0;
}

const struct invitation_list *store_invitations(const struct store *s, const char *account_id)
{
    const struct collection *c = store_coll_find(s, account_id);

    return c ? &c->list : NULL;
}

const struct invitation *store_invitation_at(const struct store *s, const char *account_id,
                                             size_t i)
{
    const struct collection *c = store_coll_find(s, account_id);

    return c && i < c->list.n ? &c->list.v[i] : NULL;
}

const struct invitation *store_find(const struct store *s, const char *account_id,
                                    const char *id)
{
    const struct collection *c = store_coll_find(s, account_id);
    long i = c ? map_get(&c->map, &c->list, id) : -1;

    return i >= 0 ? &c->list.v[i] : NULL;
}

unsigned long store_generation(const struct store *s, const char *account_id)
{
    const struct collection *c = store_coll_find(s, account_id);

    return c ? c->generation : 0;
}

void store_count_status(const struct store *s, const char *account_id,
                        size_t counts[INV_STATUS_COUNT])
{
    const struct collection *c = store_coll_find(s, account_id);

    memset(counts, 0, INV_STATUS_COUNT * sizeof(counts[0]));
    for (size_t i = 0; c && i < c->list.n; i++)
        if ((unsigned)c->list.v[i].status < INV_STATUS_COUNT)
            counts[c->list.v[i].status]++;
}

/* ---- marks ---- */

bool store_mark_set(struct store *s, const char *account_id, const char *id, bool on)
{
    struct collection *c = store_coll_find(s, account_id);
    long i = c ? map_get(&c->map, &c->list, id) : -1;
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
    const struct collection *c = store_coll_find(s, account_id);
    long i = c ? map_get(&c->map, &c->list, id) : -1;

    return i >= 0 && c->marked[i];
}

size_t store_mark_view(struct store *s, const struct store_view *v, bool on)
{
    struct collection *c = store_coll_find(s, v->account_id);
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
        const struct collection *c = store_coll_find(s, account_id);
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
    const struct collection *c = store_coll_find(s, account_id);
    size_t n = 0;

    for (size_t i = 0; c && i < c->list.n && n < c->nmarked; i++) {
        if (c->marked[i]) {
            fn(&c->list.v[i], ctx);
            n++;
        }
    }
    return n;
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
