#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/store.h"

#define ACC "acc-1"

static struct invitation make(const char *id, const char *email, const char *name,
                              enum inv_status st, time_t created, time_t expires)
{
    struct invitation inv = {0};
    inv.id = xstrdup(id);
    inv.account_id = xstrdup(ACC);
    inv.email = xstrdup_or_null(email);
    inv.name = xstrdup_or_null(name);
    inv.raw_status = xstrdup(st == INV_STATUS_PENDING    ? "pending"
                             : st == INV_STATUS_EXPIRED  ? "expired"
                             : st == INV_STATUS_ACCEPTED ? "accepted"
                             : st == INV_STATUS_REVOKED  ? "revoked"
                                                         : "weird");
    inv.status = st;
    inv.created_at = created;
    inv.expires_at = expires;
    return inv;
}

/* Six invitations with distinct keys; ids a..f. */
static void fill(struct invitation_list *l)
{
    struct invitation v[] = {
        make("a", "Zed@example.com", NULL, INV_STATUS_PENDING, 100, 900),
        make("b", "amy@example.com", "Amy Stone", INV_STATUS_EXPIRED, 300, 500),
        make("c", NULL, "No Mail", INV_STATUS_ACCEPTED, 200, 0),
        make("d", "bob@EXAMPLE.org", NULL, INV_STATUS_PENDING, 0, 700),
        make("e", "carl@example.com", "Carl Émile", INV_STATUS_REVOKED, 400, 600),
        make("f", "dora@example.net", NULL, INV_STATUS_OTHER, 500, 0),
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        invitation_list_push(l, &v[i]);
}

static struct store *new_store(void)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0};

    fill(&l);
    store_replace_invitations(s, ACC, &l, 1234);
    assert_int_equal(l.n, 0);
    assert_null(l.v);
    return s;
}

/* The view's ids joined, e.g. "adb". */
static char *ids(const struct store_view *v, const struct store *s)
{
    struct strbuf sb;

    strbuf_init(&sb);
    for (size_t r = 0; r < v->n; r++)
        strbuf_puts(&sb, store_view_row(v, s, r)->id);
    return strbuf_detach(&sb, NULL);
}

static void expect_view(const struct store *s, const struct store_filter *f, const char *want)
{
    struct store_view v;
    char *got;

    store_view_init(&v);
    store_view_apply(&v, s, ACC, f);
    got = ids(&v, s);
    if (strcmp(got, want) != 0)
        fail_msg("sort %d desc %d search '%s' mask %x: got %s, want %s", f->sort, f->descending,
                 f->search ? f->search : "", f->status_mask, got, want);
    free(got);
    store_view_free(&v);
}

static void filter_by_tab_and_search(void **state)
{
    struct store *s = new_store();
    struct store_filter f = {.sort = STORE_SORT_EXPIRY};
    struct store_view v;
    (void)state;

    expect_view(s, &f, "bedafc"); /* no expiry (c, f) last, then by e-mail, none last */
    f.status_mask = store_tab_mask(STORE_TAB_PENDING);
    expect_view(s, &f, "da");
    f.status_mask = store_tab_mask(STORE_TAB_EXPIRED);
    expect_view(s, &f, "b");
    f.status_mask = store_tab_mask(STORE_TAB_ACCEPTED);
    expect_view(s, &f, "c");
    f.status_mask = store_tab_mask(STORE_TAB_OTHER);
    expect_view(s, &f, "ef");
    f.status_mask = store_tab_mask(STORE_TAB_ALL);
    f.search = "EXAMPLE.COM";
    expect_view(s, &f, "bea");
    f.search = "stone"; /* name */
    expect_view(s, &f, "b");
    f.search = "Émile"; /* non-ASCII bytes match exactly */
    expect_view(s, &f, "e");
    f.search = "f"; /* id */
    expect_view(s, &f, "f");
    f.search = "nobody";
    expect_view(s, &f, "");
    f.search = "";
    expect_view(s, &f, "bedafc");

    /* Counts per status follow the search, not the tab. */
    f.search = "example.com";
    f.status_mask = store_tab_mask(STORE_TAB_PENDING);
    store_view_init(&v);
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.n, 1);
    assert_int_equal(v.counts[INV_STATUS_PENDING], 1);
    assert_int_equal(v.counts[INV_STATUS_EXPIRED], 1);
    assert_int_equal(v.counts[INV_STATUS_REVOKED], 1);
    assert_int_equal(v.counts[INV_STATUS_ACCEPTED], 0);
    store_view_apply(&v, s, "unknown", &f);
    assert_int_equal(v.n, 0);
    assert_null(store_view_row(&v, s, 0));

    /* No search, every status (a list as it loads): every row, every status counted. */
    size_t counts[INV_STATUS_COUNT];
    store_count_status(s, ACC, counts);
    assert_int_equal(counts[INV_STATUS_PENDING], 2);
    assert_int_equal(counts[INV_STATUS_OTHER], 1);
    f.search = NULL;
    f.status_mask = 0;
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.n, 6);
    for (int st = 0; st < INV_STATUS_COUNT; st++)
        assert_int_equal(v.counts[st], counts[st]);
    assert_int_equal(v.counts[INV_STATUS_EXPIRED], 1);
    assert_int_equal(v.counts[INV_STATUS_ACCEPTED], 1);
    store_view_free(&v);
    store_free(s);
}

/* A keep predicate (`:can`): the ids in ctx. */
static bool keep_listed(const struct invitation *inv, void *ctx)
{
    return strchr(ctx, inv->id[0]) != NULL;
}

/* The other module's filter combines with the tab and the search, and the
 * counts per status follow it as they follow the search. */
static void keep_combines_with_tab_and_search(void **state)
{
    struct store *s = new_store();
    struct store_filter f = {.sort = STORE_SORT_EXPIRY, .keep = keep_listed, .keep_ctx = "abdf"};
    struct store_view v;
    (void)state;

    expect_view(s, &f, "bdaf");
    f.status_mask = store_tab_mask(STORE_TAB_PENDING);
    expect_view(s, &f, "da");
    f.search = "example.com";
    expect_view(s, &f, "a");
    f.status_mask = 0;
    expect_view(s, &f, "ba");
    store_view_init(&v);
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.counts[INV_STATUS_PENDING], 1);
    assert_int_equal(v.counts[INV_STATUS_EXPIRED], 1);
    assert_int_equal(v.counts[INV_STATUS_REVOKED], 0); /* e matches the search, not keep */
    /* The same view again with no keep: the cached matches were not narrowed by it. */
    f.keep = NULL;
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.n, 3);
    store_view_free(&v);
    f.keep = keep_listed;
    f.keep_ctx = "";
    f.search = NULL;
    expect_view(s, &f, "");
    store_free(s);
}

static void sort_each_key_both_ways(void **state)
{
    struct store *s = new_store();
    static const struct {
        enum store_sort key;
        const char *asc, *desc;
    } cases[] = {
        {STORE_SORT_EXPIRY, "bedafc", "adebfc"},
        {STORE_SORT_CREATED, "acbefd", "febcad"}, /* d has no created_at: last both ways */
        {STORE_SORT_EMAIL, "bdefac", "afedbc"},   /* case-insensitive; c has no e-mail */
        {STORE_SORT_STATUS, "dabcef", "fecbda"},  /* ties (a, d) by e-mail ascending */
    };
    (void)state;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_filter f = {.sort = cases[i].key};
        expect_view(s, &f, cases[i].asc);
        f.descending = true;
        expect_view(s, &f, cases[i].desc);
    }
    assert_int_equal(store_sort_from_name("Email"), STORE_SORT_EMAIL);
    assert_int_equal(store_sort_from_name("size"), -1);
    assert_string_equal(store_sort_name(STORE_SORT_CREATED), "created");
    store_free(s);
}

static void identity_survives_replace(void **state)
{
    struct store *s = new_store();
    struct store_filter f = {.sort = STORE_SORT_EMAIL};
    struct store_view v;
    struct invitation_list l = {0};
    (void)state;

    store_view_init(&v);
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(store_view_find(&v, s, "e"), 2);
    assert_false(store_mark_set(s, ACC, "e", true));
    assert_true(store_mark_toggle(s, ACC, "b"));
    assert_true(store_mark_set(s, ACC, "a", true) == false);
    assert_int_equal(store_mark_count(s, ACC), 3);
    unsigned long gen = store_generation(s, ACC);

    /* Refresh: a new list in another order, "a" gone, "g" new. */
    struct invitation v2[] = {
        make("g", "aaa@example.com", NULL, INV_STATUS_PENDING, 1, 2),
        make("e", "carl@example.com", NULL, INV_STATUS_ACCEPTED, 400, 600),
        make("b", "amy@example.com", NULL, INV_STATUS_EXPIRED, 300, 500),
    };
    for (size_t i = 0; i < 3; i++)
        invitation_list_push(&l, &v2[i]);
    store_replace_invitations(s, ACC, &l, 5678);
    assert_true(store_generation(s, ACC) != gen);
    assert_true(store_view_stale(&v, s));
    assert_null(store_view_row(&v, s, 0));
    assert_int_equal(store_view_find(&v, s, "e"), -1);
    store_view_apply(&v, s, ACC, &f);
    assert_false(store_view_stale(&v, s));
    assert_int_equal(store_view_find(&v, s, "e"), 2);
    assert_int_equal(store_view_find(&v, s, "a"), -1);
    assert_string_equal(store_find(s, ACC, "e")->raw_status, "accepted");
    assert_true(store_is_marked(s, ACC, "e"));
    assert_true(store_is_marked(s, ACC, "b"));
    assert_false(store_is_marked(s, ACC, "g"));
    assert_int_equal(store_mark_count(s, ACC), 2);
    assert_int_equal(store_loaded_at(s, ACC), 5678);
    assert_true(store_loaded(s, ACC));
    assert_false(store_loaded(s, "other"));
    store_view_free(&v);
    store_free(s);
}

static void upsert_in_place_and_append(void **state)
{
    struct store *s = new_store();
    struct invitation inv = make("d", "bob@example.org", NULL, INV_STATUS_PENDING, 0, 99999);
    const struct invitation *before = store_find(s, ACC, "d");
    size_t n = store_invitation_count(s, ACC);
    (void)state;

    store_mark_set(s, ACC, "d", true);
    assert_false(store_upsert_invitation(s, &inv));
    assert_null(inv.id);
    assert_int_equal(store_invitation_count(s, ACC), n);
    assert_ptr_equal(store_find(s, ACC, "d"), before); /* same slot */
    assert_int_equal(store_find(s, ACC, "d")->expires_at, 99999);
    assert_true(store_is_marked(s, ACC, "d"));

    inv = make("new", "n@example.com", NULL, INV_STATUS_PENDING, 1, 2);
    assert_true(store_upsert_invitation(s, &inv));
    assert_int_equal(store_invitation_count(s, ACC), n + 1);
    assert_string_equal(store_find(s, ACC, "new")->email, "n@example.com");
    assert_false(store_is_marked(s, ACC, "new"));
    /* Many appends keep the index valid as it grows. */
    for (int i = 0; i < 200; i++) {
        char id[16];
        snprintf(id, sizeof(id), "x%d", i);
        inv = make(id, NULL, NULL, INV_STATUS_OTHER, 0, 0);
        assert_true(store_upsert_invitation(s, &inv));
    }
    assert_non_null(store_find(s, ACC, "x0"));
    assert_non_null(store_find(s, ACC, "x199"));
    assert_non_null(store_find(s, ACC, "a"));

    /* An upsert for an account never loaded creates its collection. */
    inv = make("z", "z@x", NULL, INV_STATUS_PENDING, 0, 0);
    free(inv.account_id);
    inv.account_id = xstrdup("acc-2");
    assert_true(store_upsert_invitation(s, &inv));
    assert_non_null(store_find(s, "acc-2", "z"));
    assert_null(store_find(s, ACC, "z"));
    store_free(s);
}

/* An action's answer lacks what the list had (the Marketplace's omits audit): the row keeps every
 * field the answer does not carry, raw included, and takes every one it does. */
static void upsert_keeps_fields_the_answer_lacks(void **state)
{
    struct store *s = new_store();
    struct invitation inv =
        make("b", "amy@example.com", "Amy Stone", INV_STATUS_EXPIRED, 300, 500);
    const struct invitation *row;
    (void)state;

    inv.raw = xstrdup("{\"id\":\"b\",\"audit\":{\"created\":1},\"status\":\"expired\"}");
    inv.summary = xstrdup("Default");
    store_upsert_invitation(s, &inv);
    inv = make("b", NULL, NULL, INV_STATUS_PENDING, 0, 7777);
    inv.raw = xstrdup("{\"id\":\"b\",\"$meta\":{\"omitted\":[\"audit\"]},\"status\":\"pending\"}");
    assert_false(store_upsert_invitation(s, &inv));
    row = store_find(s, ACC, "b");
    assert_int_equal(row->created_at, 300);       /* the answer had none */
    assert_int_equal(row->expires_at, 7777);      /* the answer's */
    assert_string_equal(row->email, "amy@example.com");
    assert_string_equal(row->name, "Amy Stone");
    assert_string_equal(row->summary, "Default");
    assert_string_equal(row->raw_status, "pending");
    assert_int_equal(row->status, INV_STATUS_PENDING);
    assert_string_equal(row->raw,
                        "{\"id\":\"b\",\"audit\":{\"created\":1},\"status\":\"pending\"}");

    /* A raw answer that is not an object replaces the row's. */
    inv = make("b", NULL, NULL, INV_STATUS_PENDING, 0, 0);
    inv.raw = xstrdup("[]");
    store_upsert_invitation(s, &inv);
    assert_string_equal(store_find(s, ACC, "b")->raw, "[]");
    assert_int_equal(store_find(s, ACC, "b")->expires_at, 7777);
    store_free(s);
}

/* Rows that come without display copies (not through a reader) get them on entering the store:
 * no view can draw a raw server string. */
static void store_makes_missing_display_copies(void **state)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0};
    struct invitation inv = make("h", "a\033[31mb@example.com", NULL, INV_STATUS_PENDING, 1, 2);
    struct account_list al = {0};
    struct account a = {.id = xstrdup("acc-1"), .name = xstrdup("Evil\xc2\x9b" "2J\xe2\x80\xae")};
    (void)state;

    invitation_list_push(&l, &inv);
    store_replace_invitations(s, ACC, &l, 1);
    assert_string_equal(store_find(s, ACC, "h")->shown.email, "a\xef\xbf\xbd" "b@example.com");
    assert_string_equal(store_find(s, ACC, "h")->email, "a\033[31mb@example.com");
    inv = make("u", "c\033]0;t\007d", NULL, INV_STATUS_PENDING, 1, 2);
    store_upsert_invitation(s, &inv);
    assert_string_equal(store_find(s, ACC, "u")->shown.email, "c\xef\xbf\xbd" "d");
    account_list_push(&al, &a);
    store_set_accounts(s, &al);
    assert_string_equal(store_account_at(s, 0)->shown.name, "Evil\xef\xbf\xbd");
    store_free(s);
}

static void count_marked(const struct invitation *inv, void *ctx)
{
    strbuf_puts(ctx, inv->id);
}

static void marks_bulk(void **state)
{
    struct store *s = new_store();
    struct store_filter f = {.status_mask = store_tab_mask(STORE_TAB_PENDING)};
    struct store_view v;
    struct strbuf sb;
    (void)state;

    store_view_init(&v);
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(store_mark_view(s, &v, true), 2);
    assert_int_equal(store_mark_view(s, &v, true), 0);
    assert_int_equal(store_mark_count(s, ACC), 2);
    assert_int_equal(store_mark_count(s, NULL), 2);
    assert_false(store_mark_set(s, ACC, "nope", true));
    assert_int_equal(store_mark_count(s, ACC), 2);
    strbuf_init(&sb);
    assert_int_equal(store_marks_foreach(s, ACC, count_marked, &sb), 2);
    assert_string_equal(sb.data, "ad"); /* collection order */
    strbuf_free(&sb);
    assert_false(store_mark_toggle(s, ACC, "a"));
    assert_int_equal(store_mark_count(s, ACC), 1);
    store_marks_clear(s, NULL);
    assert_int_equal(store_mark_count(s, ACC), 0);
    assert_false(store_is_marked(s, ACC, "d"));
    store_view_free(&v);
    store_free(s);
}

static void accounts_and_recompute(void **state)
{
    struct store *s = new_store();
    struct account_list al = {0};
    struct account a = {.id = xstrdup("acc-1"), .name = xstrdup("One")};
    struct account b = {.id = xstrdup("acc-2"), .name = xstrdup("Two")};
    (void)state;

    account_list_push(&al, &a);
    account_list_push(&al, &b);
    store_set_accounts(s, &al);
    assert_int_equal(al.n, 0);
    assert_int_equal(store_account_count(s), 2);
    assert_string_equal(store_account_at(s, 1)->name, "Two");
    assert_null(store_account_at(s, 2));
    assert_string_equal(store_account_find(s, "acc-1")->name, "One");
    assert_null(store_account_find(s, "acc-3"));

    /* "a" (pending, expires 900) and "d" (700) expire at 901. */
    unsigned long gen = store_generation(s, ACC);
    struct store_view v;
    struct store_filter pending = {.status_mask = STORE_STATUS_BIT(INV_STATUS_PENDING),
                                   .sort = STORE_SORT_STATUS};
    store_view_init(&v);
    store_view_apply(&v, s, ACC, &pending);
    size_t was_pending = v.n, was_expired = v.counts[INV_STATUS_EXPIRED];
    assert_int_equal(store_recompute_status(s, 800), 1); /* only d expires */
    assert_true(store_generation(s, ACC) != gen);
    /* Views count and sort by the new status (the store's index has it too). */
    store_view_apply(&v, s, ACC, &pending);
    assert_int_equal(v.n, was_pending - 1);
    assert_int_equal(v.counts[INV_STATUS_EXPIRED], was_expired + 1);
    store_view_free(&v);
    assert_int_equal(store_find(s, ACC, "d")->status, INV_STATUS_EXPIRED);
    assert_int_equal(store_find(s, ACC, "a")->status, INV_STATUS_PENDING);
    assert_int_equal(store_recompute_status(s, 901), 1);
    assert_int_equal(store_find(s, ACC, "a")->status, INV_STATUS_EXPIRED);
    assert_int_equal(store_recompute_status(s, 902), 0);
    store_free(s);
}

/* Rows added in batches while a list arrives sort and filter as the same rows put in at
 * once, a row that comes twice is merged, and the collection is loaded only after the
 * replace. */
static void rows_added_in_batches(void **state)
{
    struct store *whole = new_store(), *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list all = {0}, part = {0};
    struct store_filter f = {.status_mask = 0, .sort = STORE_SORT_EMAIL};
    const struct store_filter searches[] = {
        {.sort = STORE_SORT_EXPIRY},
        {.sort = STORE_SORT_CREATED, .descending = true},
        {.sort = STORE_SORT_STATUS, .search = "example.com"},
    };
    (void)state;

    fill(&all);
    for (size_t i = 0; i < all.n; i++) { /* batches of 1, 2 and 3 rows, the last again */
        invitation_list_push(&part, &all.v[i]);
        if (i == 0 || i == 2 || i == 5) {
            store_add_invitations(s, ACC, &part);
            assert_int_equal(part.n, 0);
        }
    }
    assert_false(store_loaded(s, ACC));
    struct invitation again = make("f", "dora@example.net", "Dora", INV_STATUS_OTHER, 500, 0);
    invitation_list_push(&part, &again);
    store_add_invitations(s, ACC, &part);
    assert_string_equal(store_find(s, ACC, "f")->name, "Dora");
    expect_view(s, &f, "bdefac");
    expect_view(whole, &f, "bdefac");
    for (size_t i = 0; i < sizeof(searches) / sizeof(searches[0]); i++) {
        struct store_view a, b;
        store_view_init(&a);
        store_view_init(&b);
        store_view_apply(&a, s, ACC, &searches[i]);
        store_view_apply(&b, whole, ACC, &searches[i]);
        char *x = ids(&a, s), *y = ids(&b, whole);
        assert_string_equal(x, y);
        free(x);
        free(y);
        store_view_free(&a);
        store_view_free(&b);
    }
    /* A first load whose rows all went in as they came: they are the list, now loaded. */
    store_finish_invitations(s, ACC, 4321);
    assert_true(store_loaded(s, ACC));
    assert_int_equal(store_loaded_at(s, ACC), 4321);
    assert_int_equal(store_invitation_count(s, ACC), 6);
    expect_view(s, &f, "bdefac");
    invitation_list_free(&all);
    store_free(s);
    store_free(whole);
}

/* The store's order written plainly (store.h): the sort's key in its direction (no time and
 * no e-mail last either way), then the e-mail (ASCII case folded, none last; in the sort's
 * direction only for the e-mail sort), then the id ascending. Ids are unique here. */
static struct store_filter oracle_filter;

static int oracle_cmp(const void *pa, const void *pb)
{
    const struct invitation *a = pa, *b = pb;
    const struct store_filter *f = &oracle_filter;
    int dir = f->descending ? -1 : 1, edir = 1, r = 0;

    if (f->sort == STORE_SORT_EXPIRY || f->sort == STORE_SORT_CREATED) {
        time_t x = f->sort == STORE_SORT_EXPIRY ? a->expires_at : a->created_at;
        time_t y = f->sort == STORE_SORT_EXPIRY ? b->expires_at : b->created_at;
        r = !x || !y ? (!x) - (!y) : dir * ((x > y) - (x < y));
    } else if (f->sort == STORE_SORT_EMAIL) {
        r = (!a->email) - (!b->email);
        edir = dir;
    } else {
        r = dir * (((int)a->status > (int)b->status) - ((int)a->status < (int)b->status));
    }
    if (!r)
        r = edir * model_cmp_null_last(a->email, b->email);
    return r ? r : model_cmp_null_last(a->id, b->id);
}

static char *oracle_ids(const struct store *s, const struct store_filter *f)
{
    const struct invitation_list *l = store_invitations(s, ACC);
    struct invitation *v = xmalloc(l->n * sizeof(*v));
    struct strbuf sb;

    memcpy(v, l->v, l->n * sizeof(*v));
    oracle_filter = *f;
    qsort(v, l->n, sizeof(*v), oracle_cmp);
    strbuf_init(&sb);
    for (size_t i = 0; i < l->n; i++)
        strbuf_puts(&sb, v[i].id);
    free(v);
    return strbuf_detach(&sb, NULL);
}

/* A view kept while a list arrives in batches sorts only each batch's rows and merges them
 * with what it had: after every batch, each sort in each direction shows what a view made
 * afresh shows, and both the order written plainly (oracle_cmp). The e-mails tie on their
 * first 16 or 20 bytes, differ only in case, repeat, or are missing; the times and statuses
 * tie often. */
static void kept_views_match_fresh_ones_batch_after_batch(void **state)
{
    static const char *const emails[] = {
        "francois.ivanova.47311@example.org", "francois.ivanova.47312@example.org",
        "Francois.Ivanova.47311@example.org", "amy@example.com", "AMY@example.com", "b@x",
        NULL, "francois.ivanova@example.org", "zed@example.com"};
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct store_view kept[8];
    struct invitation_list part = {0};
    unsigned seed = 7;
    size_t n = 0, extended = 0;
    char id[16];
    (void)state;

    for (size_t k = 0; k < 8; k++)
        store_view_init(&kept[k]);
    for (size_t batch = 1; n < 400; batch = batch * 3 / 2 + 1) {
        for (size_t k = 0; k < batch; k++, n++) {
            seed = seed * 1103515245u + 12345u;
            snprintf(id, sizeof(id), "%c%03zu", 'a' + (int)(seed >> 16) % 3, 999 - n);
            struct invitation inv =
                make(id, emails[(seed >> 8) % 9], NULL, (enum inv_status)((seed >> 4) % 5),
                     (time_t)(seed >> 20) % 4 * 100, (time_t)(seed >> 12) % 3 * 100);
            invitation_list_push(&part, &inv);
        }
        store_add_invitations(s, ACC, &part);
        for (size_t k = 0; k < 8; k++) {
            struct store_filter f = {.sort = (enum store_sort)(k / 2), .descending = k % 2};
            struct store_view fresh;
            store_view_init(&fresh);
            store_view_apply(&kept[k], s, ACC, &f);
            store_view_apply(&fresh, s, ACC, &f);
            extended += kept[k].sorted < kept[k].n;
            char *x = ids(&kept[k], s), *y = ids(&fresh, s), *z = oracle_ids(s, &f);
            assert_string_equal(x, y);
            assert_string_equal(y, z);
            free(x);
            free(y);
            free(z);
            store_view_free(&fresh);
        }
    }
    assert_true(extended > 8); /* the kept views merged, not sorted afresh */
    for (size_t k = 0; k < 8; k++)
        store_view_free(&kept[k]);
    store_free(s);
}

/* A batch row whose id is in already is merged, not appended: the rows after it in the
 * batch still get their own ids' hashes and e-mails' keys (made for the whole batch first). */
static void rows_after_a_merged_one_keep_their_own_keys(void **state)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list part = {0};
    struct store_filter f = {.sort = STORE_SORT_EMAIL};
    static const char *const emails[] = {"d@x", "c@x", "b@x", "a@x"};
    (void)state;

    struct invitation first = make("p", "p@x", NULL, INV_STATUS_PENDING, 1, 0);
    invitation_list_push(&part, &first);
    store_add_invitations(s, ACC, &part);
    struct invitation again = make("p", "p@x", "Pat", INV_STATUS_PENDING, 1, 0);
    invitation_list_push(&part, &again);
    for (size_t i = 0; i < 4; i++) {
        char id[2] = {(char)('q' + i), '\0'};
        struct invitation inv = make(id, emails[i], NULL, INV_STATUS_PENDING, 1, 0);
        invitation_list_push(&part, &inv);
    }
    store_add_invitations(s, ACC, &part);
    assert_int_equal(store_invitation_count(s, ACC), 5);
    assert_string_equal(store_find(s, ACC, "p")->name, "Pat");
    for (size_t i = 0; i < 4; i++) {
        char id[2] = {(char)('q' + i), '\0'};
        assert_non_null(store_find(s, ACC, id));
        assert_string_equal(store_find(s, ACC, id)->email, emails[i]);
    }
    expect_view(s, &f, "tsrqp");
    store_free(s);
}

/* The id map grows while batches come (it moves keys by their stored hashes): every id
 * still finds its own row; an id twice in one batch keeps both rows, the first found (as a
 * whole list does); an id already in is merged. */
static void ids_found_as_the_map_grows(void **state)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list part = {0};
    char id[32];
    size_t n = 0;
    (void)state;

    for (size_t batch = 1; n < 5000; batch *= 2) {
        for (size_t k = 0; k < batch && n < 5000; k++, n++) {
            snprintf(id, sizeof(id), "x%zu", n);
            struct invitation inv = make(id, "a@example.com", NULL, INV_STATUS_PENDING, 1, 0);
            invitation_list_push(&part, &inv);
        }
        store_add_invitations(s, ACC, &part);
    }
    struct invitation first = make("dup", "first@example.com", NULL, INV_STATUS_PENDING, 1, 0);
    struct invitation second = make("dup", "second@example.com", NULL, INV_STATUS_PENDING, 1, 0);
    invitation_list_push(&part, &first);
    invitation_list_push(&part, &second);
    store_add_invitations(s, ACC, &part);
    assert_int_equal(store_invitation_count(s, ACC), 5002);
    assert_string_equal(store_find(s, ACC, "dup")->email, "first@example.com");
    for (size_t i = 0; i < 5000; i++) {
        snprintf(id, sizeof(id), "x%zu", i);
        const struct invitation *inv = store_find(s, ACC, id);
        assert_non_null(inv);
        assert_string_equal(inv->id, id);
    }
    struct invitation again = make("x4321", "merged@example.com", NULL, INV_STATUS_PENDING, 1, 0);
    invitation_list_push(&part, &again);
    store_add_invitations(s, ACC, &part);
    assert_int_equal(store_invitation_count(s, ACC), 5002);
    assert_string_equal(store_find(s, ACC, "x4321")->email, "merged@example.com");
    assert_null(store_find(s, ACC, "x5000"));
    store_free(s);
}

/* A collection reserved for a list that is hinted to be 3,000 rows long shows nothing until
 * rows come, and its list is not moved while batches within that room arrive; its views
 * sort and filter those rows as a collection given them whole. Asking for less does nothing. */
static void reserved_collection_keeps_its_rows_in_place(void **state)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX), *whole = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list part = {0}, all = {0};
    const struct store_filter f = {.sort = STORE_SORT_EMAIL, .search = "7"};
    struct store_view a, b;
    char id[32], email[64];
    size_t n = 0;
    (void)state;

    store_reserve(s, ACC, 3000);
    assert_int_equal(store_invitation_count(s, ACC), 0);
    assert_false(store_loaded(s, ACC));
    const struct invitation *rows = store_invitations(s, ACC)->v;
    assert_true(store_invitations(s, ACC)->cap >= 3000);
    store_reserve(s, ACC, 10);
    assert_ptr_equal(store_invitations(s, ACC)->v, rows);
    store_view_init(&a);
    for (size_t batch = 1; n < 3000; batch *= 2) {
        for (size_t k = 0; k < batch && n < 3000; k++, n++) {
            snprintf(id, sizeof(id), "r%zu", n);
            snprintf(email, sizeof(email), "u%zu@example.com", (n * 7919) % 3000);
            struct invitation inv = make(id, email, NULL, INV_STATUS_PENDING, (time_t)n, 0);
            struct invitation copy = {0};
            invitation_copy(&copy, &inv);
            invitation_list_push(&all, &copy);
            invitation_list_push(&part, &inv);
        }
        store_add_invitations(s, ACC, &part);
        store_view_apply(&a, s, ACC, &f);
        assert_ptr_equal(store_invitations(s, ACC)->v, rows);
    }
    store_replace_invitations(whole, ACC, &all, 1);
    store_view_init(&b);
    store_view_apply(&b, whole, ACC, &f);
    char *x = ids(&a, s), *y = ids(&b, whole);
    assert_true(a.n > 100);
    assert_string_equal(x, y);
    free(x);
    free(y);
    store_view_free(&a);
    store_view_free(&b);
    store_free(s);
    store_free(whole);
}

/* A hint can come from a server (Content-Length, a count): one no memory can hold is ignored,
 * neither a crash nor a change, and rows still go in. */
static void absurd_reservation_is_ignored(void **state)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0}, part = {0};
    struct store_view v;
    const struct store_filter f = {.sort = STORE_SORT_EMAIL};
    (void)state;

    assert_false(invitation_list_reserve(&l, SIZE_MAX)); /* no size of bytes holds it */
    assert_null(l.v);
    assert_int_equal(l.cap, 0);
    assert_true(invitation_list_reserve(&l, 10));
    assert_true(l.cap >= 10 && l.n == 0);
    invitation_list_free(&l);
    store_reserve(s, ACC, SIZE_MAX / 4);
    assert_int_equal(store_invitation_count(s, ACC), 0);
    struct invitation inv = make("only", "o@example.com", NULL, INV_STATUS_PENDING, 1, 0);
    invitation_list_push(&part, &inv);
    store_add_invitations(s, ACC, &part);
    store_view_init(&v);
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.n, 1);
    assert_string_equal(store_view_row(&v, s, 0)->id, "only");
    store_view_free(&v);
    store_free(s);
}

static int cmp_rows_email_id(const void *a, const void *b)
{
    return invitation_cmp_email_id(a, b);
}

/* The e-mail order compares 20-byte integer keys before the strings: it must be the
 * strings' order (ASCII case folded, none last, then id) for addresses that agree on 15,
 * 16, 19 or 20 bytes, end inside the key or right after it, and differ only in case, in a
 * list put in whole and one added in batches. */
static void email_order_is_the_strings_order(void **state)
{
    static const char *const stems[] = {"francois.ivanova", "francois.ivanov", "Francois.Ivanova",
                                        "francois.ivanova.473", "francois.ivanova.47",
                                        "francois.ivanovaX", "a", ""};
    static const char *const tails[] = {"", "1", "11@x", ".47311@example.org",
                                        ".47312@example.org", "@X", "@x", "\x01"};
    struct invitation_list mine = {0}, want = {0}, part = {0};
    struct store *whole = store_new(PROVIDER_HYBRIDBOX), *batched = store_new(PROVIDER_HYBRIDBOX);
    struct store_filter f = {.sort = STORE_SORT_EMAIL};
    char id[16], email[64];
    size_t n = 0;
    (void)state;

    for (size_t a = 0; a < sizeof(stems) / sizeof(stems[0]); a++)
        for (size_t b = 0; b < sizeof(tails) / sizeof(tails[0]); b++)
            for (int copy = 0; copy < 2; copy++) { /* equal e-mails: the id decides */
                snprintf(id, sizeof(id), "%03zu", 999 - n++);
                snprintf(email, sizeof(email), "%s%s", stems[a], tails[b]);
                struct invitation inv = make(id, email, NULL, INV_STATUS_PENDING, 1, 0);
                struct invitation dup = {0};
                invitation_copy(&dup, &inv);
                invitation_list_push(&mine, &inv);
                invitation_list_push(&want, &dup);
            }
    struct invitation none = make("zzz", NULL, NULL, INV_STATUS_PENDING, 1, 0);
    invitation_list_push(&mine, &none);
    qsort(want.v, want.n, sizeof(*want.v), cmp_rows_email_id);
    for (size_t i = 0; i < mine.n; i++) { /* batches of 1, 2, 4 ... rows */
        struct invitation copy = {0};
        invitation_copy(&copy, &mine.v[i]);
        invitation_list_push(&part, &copy);
        if (((i + 2) & (i + 1)) == 0 || i + 1 == mine.n)
            store_add_invitations(batched, ACC, &part);
    }
    store_replace_invitations(whole, ACC, &mine, 1);
    for (int k = 0; k < 2; k++) {
        struct store *s = k ? batched : whole;
        struct store_view v;
        store_view_init(&v);
        store_view_apply(&v, s, ACC, &f);
        assert_int_equal(v.n, want.n + 1);
        for (size_t r = 0; r < want.n; r++)
            assert_string_equal(store_view_row(&v, s, r)->id, want.v[r].id);
        assert_string_equal(store_view_row(&v, s, want.n)->id, "zzz"); /* none last */
        store_view_free(&v);
    }
    invitation_list_free(&want);
    store_free(whole);
    store_free(batched);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(filter_by_tab_and_search),
        cmocka_unit_test(keep_combines_with_tab_and_search),
        cmocka_unit_test(sort_each_key_both_ways),
        cmocka_unit_test(identity_survives_replace),
        cmocka_unit_test(upsert_in_place_and_append),
        cmocka_unit_test(upsert_keeps_fields_the_answer_lacks),
        cmocka_unit_test(store_makes_missing_display_copies),
        cmocka_unit_test(marks_bulk),
        cmocka_unit_test(accounts_and_recompute),
        cmocka_unit_test(rows_added_in_batches),
        cmocka_unit_test(kept_views_match_fresh_ones_batch_after_batch),
        cmocka_unit_test(rows_after_a_merged_one_keep_their_own_keys),
        cmocka_unit_test(ids_found_as_the_map_grows),
        cmocka_unit_test(reserved_collection_keeps_its_rows_in_place),
        cmocka_unit_test(absurd_reservation_is_ignored),
        cmocka_unit_test(email_order_is_the_strings_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
