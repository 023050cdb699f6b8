#include "config.h"

#include "mp_index.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/util.h"

/* A client pages through one or two queries at a time; a few slots keep a
 * TUI's filter changes from evicting the listing being paged. */
#define MP_INDEX_SLOTS 8

/* The user fields whose value changes with the clock, in either shape. */
static const char *const time_fields[] = { "invitation.status", "status" };

struct view {
    char *key; /* NULL: free slot */
    uint64_t generation;
    int64_t valid_from, valid_until; /* [from, until): statuses as at build */
    uint64_t last_used;
    struct mp_user_ref *refs;
    size_t n;
};

static struct {
    struct view slots[MP_INDEX_SLOTS];
    uint64_t clock;
} cache;

static void view_free(struct view *v)
{
    free(v->key);
    free(v->refs);
    memset(v, 0, sizeof(*v));
}

void mp_index_clear(void)
{
    for (size_t i = 0; i < MP_INDEX_SLOTS; i++)
        view_free(&cache.slots[i]);
    cache.clock = 0;
}

static bool in_scope(const struct mp_account *a, const struct mp_account *only)
{
    return !only || only == a;
}

/* The first instant after now at which the server turns an Invited user
 * of the scope InvitationExpired (expiry lag included): until then every
 * status is what it is at now. */
static int64_t next_expiry(const struct sb_state *st, const struct mp_account *only, int64_t now)
{
    int64_t next = INT64_MAX;

    for (size_t i = 0; i < st->n_mp; i++) {
        const struct mp_account *a = &st->mp[i];
        if (!in_scope(a, only))
            continue;
        for (size_t j = 0; j < a->n_users; j++) {
            const struct mp_user *u = &a->users[j];
            int64_t t = mp_server_expiry(u);
            if (u->status == MP_INVITED && t > now && t < next)
                next = t;
        }
    }
    return next;
}

static bool reads_the_clock(const struct rql_query *q)
{
    for (size_t i = 0; i < ARRAY_SIZE(time_fields); i++)
        if (rql_uses_field(q, time_fields[i]))
            return true;
    return false;
}

static void sort_refs(struct view *v, const struct strvec *order, rql_getter get)
{
    const void **objs = xcalloc(v->n + 1, sizeof(*objs));
    struct mp_user_ref *sorted = xcalloc(v->n + 1, sizeof(*sorted));

    for (size_t i = 0; i < v->n; i++)
        objs[i] = &v->refs[i];
    rql_sort(objs, v->n, order, get);
    for (size_t i = 0; i < v->n; i++)
        sorted[i] = *(const struct mp_user_ref *)objs[i];
    free(objs);
    free(v->refs);
    v->refs = sorted;
}

static void build(struct view *v, const struct sb_state *st, const struct mp_account *only,
                  const struct mp_user_shape *shape, const struct rql_query *q, int64_t now)
{
    size_t total = 0;

    for (size_t i = 0; i < st->n_mp; i++)
        if (in_scope(&st->mp[i], only))
            total += st->mp[i].n_users;
    v->refs = xcalloc(total + 1, sizeof(*v->refs));
    v->n = 0;
    for (size_t i = 0; i < st->n_mp; i++) {
        const struct mp_account *a = &st->mp[i];
        if (!in_scope(a, only))
            continue;
        for (size_t j = 0; j < a->n_users; j++) {
            struct mp_user_ref r = { a, &a->users[j], now };
            if (!q->filter || rql_match(q->filter, shape->get, &r))
                v->refs[v->n++] = r;
        }
    }
    if (q->order.n)
        sort_refs(v, &q->order, shape->get);
    v->generation = st->generation;
    v->valid_from = INT64_MIN;
    v->valid_until = INT64_MAX;
    if (reads_the_clock(q)) {
        v->valid_from = now;
        v->valid_until = next_expiry(st, only, now);
    }
}

static bool view_current(const struct view *v, const struct sb_state *st, int64_t now)
{
    return v->generation == st->generation && now >= v->valid_from && now < v->valid_until;
}

/* The slot to (re)build: a free one, else the least recently used. */
static struct view *victim(void)
{
    struct view *lru = &cache.slots[0];

    for (size_t i = 0; i < MP_INDEX_SLOTS; i++) {
        if (!cache.slots[i].key)
            return &cache.slots[i];
        if (cache.slots[i].last_used < lru->last_used)
            lru = &cache.slots[i];
    }
    return lru;
}

const struct mp_user_ref *mp_index_users(const struct sb_state *st,
                                         const struct mp_account *only,
                                         const struct mp_user_shape *shape,
                                         const struct rql_query *q, int64_t now, size_t *n)
{
    struct strbuf key;
    struct view *v = NULL;

    strbuf_init(&key);
    strbuf_puts(&key, only ? only->id : "*");
    strbuf_putc(&key, '|');
    strbuf_puts(&key, shape->tag);
    strbuf_putc(&key, '|');
    rql_canonical(q, &key);
    for (size_t i = 0; i < MP_INDEX_SLOTS && !v; i++)
        if (cache.slots[i].key && strcmp(cache.slots[i].key, key.data) == 0)
            v = &cache.slots[i];
    if (!v) {
        v = victim();
        view_free(v);
        v->key = strbuf_detach(&key, NULL);
        build(v, st, only, shape, q, now);
    } else if (!view_current(v, st, now)) {
        free(v->refs);
        build(v, st, only, shape, q, now);
    }
    strbuf_free(&key);
    v->last_used = ++cache.clock;
    *n = v->n;
    return v->refs;
}
