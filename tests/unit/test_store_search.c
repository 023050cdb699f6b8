/* The store's search index: folding (case, accents, German transliteration), incremental
 * narrowing against a fresh view's answer, and the sort's stability. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/fold.h"
#include "invitui/store.h"

#define ACC "acc-1"

static void expect_fold(const char *in, const char *want)
{
    char *got = fold_string(in);

    if (strcmp(got, want) != 0)
        fail_msg("fold '%s': got '%s', want '%s'", in ? in : "(null)", got, want);
    free(got);
}

static void expect_translit(const char *in, const char *want)
{
    struct strbuf sb;

    strbuf_init(&sb);
    strbuf_puts(&sb, "");
    assert_int_equal(fold_append_translit(&sb, in), want != NULL);
    assert_string_equal(sb.data, want ? want : "");
    strbuf_free(&sb);
}

static void folding(void **state)
{
    (void)state;
    expect_fold(NULL, "");
    expect_fold("Alice@Example.COM", "alice@example.com");
    expect_fold("M\xC3\xBCller", "muller");            /* Müller, precomposed */
    expect_fold("MU\xCC\x88LLER", "muller");           /* MÜLLER, decomposed */
    expect_fold("Stra\xC3\x9F" "e", "strasse");        /* Straße */
    expect_fold("\xC3\x89lodie \xC3\x85sa", "elodie asa"); /* Élodie Åsa */
    expect_fold("\xEF\xBC\xA1\xEF\xBC\xA2", "ab");      /* fullwidth ＡＢ */
    expect_fold("a\x01\x1b" "b\nc", "abc");             /* no control, never FOLD_SEP */
    expect_fold("\xFF" "AB", "\xFF" "ab");              /* invalid UTF-8: bytewise */

    expect_translit("M\xC3\xBCller", "mueller");
    expect_translit("MU\xCC\x88LLER", "mueller");
    expect_translit("J\xC3\xB6rg \xC3\x84" "rger Stra\xC3\x9F" "e", "joerg aerger strasse");
    expect_translit("Muller", NULL);
    expect_translit("\xC3\x89lodie", NULL);
    expect_translit(NULL, NULL);

    char *hay = fold_haystack("J\xC3\xBCrgen@Example.de", "J\xC3\xBCrgen M\xC3\xBCller", "ID-1");
    assert_string_equal(hay, "jurgen@example.de\njurgen muller\nid-1\n"
                             "juergen@example.de\njuergen mueller\n");
    free(hay);
    hay = fold_haystack(NULL, "Bob", "x");
    assert_string_equal(hay, "\nbob\nx\n");
    free(hay);
}

/* A row with only an address (most of a list's) has the haystack the address's fold and
 * three separators make, then its transliteration if any: every byte value at every place
 * of a short address (a plain ASCII one takes a shorter way). */
static void address_haystack_is_its_fold(void **state)
{
    char email[12];
    (void)state;

    for (size_t at = 0; at + 1 < sizeof(email); at++)
        for (int b = 1; b < 256; b++) {
            memcpy(email, "Ab.Z@x.OrG", sizeof("Ab.Z@x.OrG"));
            email[at] = (char)b;
            struct strbuf want;
            strbuf_init(&want);
            char *fold = fold_string(email);
            strbuf_puts(&want, fold);
            strbuf_puts(&want, "\n\n\n");
            if (fold_append_translit(&want, email))
                strbuf_putc(&want, '\n');
            for (int empty = 0; empty < 2; empty++) { /* no name and id, or empty ones */
                char *hay = fold_haystack(email, empty ? "" : NULL, empty ? "" : NULL);
                if (strcmp(hay, want.data) != 0)
                    fail_msg("byte 0x%02x at %zu: \"%s\"", b, at, hay);
                free(hay);
            }
            free(fold);
            strbuf_free(&want);
        }
}

static struct invitation make(const char *id, const char *email, const char *name,
                              enum inv_status st, time_t expires)
{
    static const char *const words[] = {"pending", "expired", "accepted", "revoked", "weird"};
    struct invitation inv = {0};

    inv.id = xstrdup_or_null(id);
    inv.account_id = xstrdup(ACC);
    inv.email = xstrdup_or_null(email);
    inv.name = xstrdup_or_null(name);
    inv.raw_status = xstrdup(words[st]);
    inv.status = st;
    inv.created_at = 1000;
    inv.expires_at = expires;
    return inv;
}

static char *ids(const struct store_view *v, const struct store *s)
{
    struct strbuf sb;

    strbuf_init(&sb);
    strbuf_puts(&sb, "");
    for (size_t r = 0; r < v->n; r++) {
        const struct invitation *inv = store_view_row(v, s, r);
        strbuf_puts(&sb, inv->id ? inv->id : inv->name);
        strbuf_putc(&sb, ' ');
    }
    return strbuf_detach(&sb, NULL);
}

static void expect_search(const struct store *s, const char *search, const char *want)
{
    struct store_filter f = {.search = search, .sort = STORE_SORT_EMAIL};
    struct store_view v;
    char *got;

    store_view_init(&v);
    store_view_apply(&v, s, ACC, &f);
    got = ids(&v, s);
    if (strcmp(got, want) != 0)
        fail_msg("search '%s': got '%s', want '%s'", search, got, want);
    free(got);
    store_view_free(&v);
}

static void filter_ignores_case_and_accents(void **state)
{
    struct store *s = store_new(PROVIDER_MARKETPLACE);
    struct invitation_list l = {0};
    struct invitation v[] = {
        make("u1", "anna.mueller@example.com", "Anna M\xC3\xBCller", INV_STATUS_PENDING, 0),
        make("u2", "k.muller@example.com", "Karl MULLER", INV_STATUS_PENDING, 0),
        make("u3", "elodie@example.fr", "\xC3\x89lodie Stra\xC3\x9F" "er", INV_STATUS_PENDING, 0),
        make("u4", "j\xC3\xBCrgen@example.de", NULL, INV_STATUS_EXPIRED, 0),
        make("u5", "mill@example.com", "Mill Er", INV_STATUS_PENDING, 0),
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(v); i++)
        invitation_list_push(&l, &v[i]);
    store_replace_invitations(s, ACC, &l, 1);
    /* u1 by its name alone ("Müller"): the e-mail spells mueller anyway. */
    expect_search(s, "muller", "u1 u2 ");
    expect_search(s, "mueller", "u1 ");
    expect_search(s, "M\xC3\x9CLLER", "u1 u2 ");
    expect_search(s, "anna m\xC3\xBC", "u1 ");
    expect_search(s, "anna mue", "u1 ");
    expect_search(s, "ELODIE", "u3 ");
    expect_search(s, "strasser", "u3 ");
    expect_search(s, "stra\xC3\x9F", "u3 ");
    expect_search(s, "juergen", "u4 ");
    expect_search(s, "jurgen@", "u4 ");
    expect_search(s, "U4", "u4 ");
    /* Fields are separate: no match across the end of one and the start of the next. */
    expect_search(s, "com mill", "");
    expect_search(s, "mueler", "");
    store_free(s);
}

/* Two views over the same store: one kept and applied step by step (narrowing), one fresh for
 * every step. Their rows and counts must always agree. */
struct step {
    const char *search;
    enum store_tab tab;
    enum store_sort sort;
    bool descending;
    bool upsert; /* before the step: an action's answer changes a row */
};

static void check_step(struct store_view *kept, struct store *s, const struct step *st)
{
    struct store_filter f = {
        .status_mask = store_tab_mask(st->tab),
        .search = st->search,
        .sort = st->sort,
        .descending = st->descending,
    };
    struct store_view fresh;
    char *a, *b;

    store_view_apply(kept, s, ACC, &f);
    store_view_init(&fresh);
    store_view_apply(&fresh, s, ACC, &f);
    a = ids(kept, s);
    b = ids(&fresh, s);
    if (strcmp(a, b) != 0)
        fail_msg("search '%s' tab %d: kept view '%s', fresh view '%s'", st->search, st->tab, a,
                 b);
    assert_memory_equal(kept->counts, fresh.counts, sizeof(kept->counts));
    free(a);
    free(b);
    store_view_free(&fresh);
}

static struct store *many(size_t n)
{
    static const char *const first[] = {"Anna", "J\xC3\xBCrgen", "Ren\xC3\xA9", "bob", "ZO\xC3\x8B"};
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0};

    for (size_t i = 0; i < n; i++) {
        char *id = xasprintf("id-%03zu", i);
        char *email = xasprintf("%s.%zu@ex%zu.com", first[i % 5], i, i % 7);
        struct invitation inv = make(id, i % 11 ? email : NULL, first[(i / 5) % 5],
                                     (enum inv_status)(i % INV_STATUS_COUNT),
                                     i % 4 ? 5000 + (time_t)(i % 13) : 0);
        invitation_list_push(&l, &inv);
        free(id);
        free(email);
    }
    store_replace_invitations(s, ACC, &l, 1);
    return s;
}

static void narrowing_gives_a_fresh_views_answer(void **state)
{
    static const struct step steps[] = {
        {"", STORE_TAB_ALL, STORE_SORT_EXPIRY, false, false},
        {"j", STORE_TAB_ALL, STORE_SORT_EXPIRY, false, false},
        {"ju", STORE_TAB_ALL, STORE_SORT_EXPIRY, false, false},
        {"jue", STORE_TAB_ALL, STORE_SORT_EXPIRY, false, false},
        {"jurg", STORE_TAB_ALL, STORE_SORT_EXPIRY, false, false},          /* not an extension */
        {"jurg", STORE_TAB_PENDING, STORE_SORT_EXPIRY, false, false},      /* tab change */
        {"jurgen.1", STORE_TAB_PENDING, STORE_SORT_EXPIRY, false, false},
        {"jurgen.", STORE_TAB_PENDING, STORE_SORT_EXPIRY, false, false},   /* shrinks */
        {"jurgen.", STORE_TAB_ALL, STORE_SORT_EMAIL, true, false},         /* sort change */
        {"jurgen.2", STORE_TAB_ALL, STORE_SORT_EMAIL, true, false},
        {"jurgen.2", STORE_TAB_ALL, STORE_SORT_EMAIL, true, true},         /* collection changed */
        {"jurgen.2@", STORE_TAB_ALL, STORE_SORT_EMAIL, true, false},
        {"ex3", STORE_TAB_OTHER, STORE_SORT_STATUS, false, false},
        {"ex3.com", STORE_TAB_OTHER, STORE_SORT_STATUS, false, false},
        {"RENE", STORE_TAB_EXPIRED, STORE_SORT_CREATED, true, false},
        {"", STORE_TAB_ALL, STORE_SORT_CREATED, true, false},
    };
    struct store *s = many(300);
    struct store_view kept;

    (void)state;
    store_view_init(&kept);
    for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
        if (steps[i].upsert) {
            struct invitation inv = make("id-002", "jurgen.2b@new.example", "Zed",
                                         INV_STATUS_ACCEPTED, 1);
            store_upsert_invitation(s, &inv);
            invitation_free(&inv);
        }
        check_step(&kept, s, &steps[i]);
    }
    store_view_free(&kept);
    store_free(s);
}

/* The point of narrowing: typing on searches only the previous matches, a tab change searches
 * nothing, and neither sorts. */
static void narrowing_searches_only_the_previous_matches(void **state)
{
    struct store *s = many(300);
    struct store_filter f = {.search = "j", .sort = STORE_SORT_EMAIL};
    struct store_view v;
    size_t before;

    (void)state;
    store_view_init(&v);
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.searched, 300);
    assert_int_equal(v.sorted, 300);
    before = v.n;
    assert_true(before > 0 && before < 300);
    f.search = "jurgen.1";
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.searched, before);
    assert_int_equal(v.sorted, 0);
    before = v.n;
    f.status_mask = store_tab_mask(STORE_TAB_PENDING);
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.searched, 0);
    assert_int_equal(v.sorted, 0);
    assert_true(v.n < before);
    f.search = "jurgen."; /* shorter: every row again */
    store_view_apply(&v, s, ACC, &f);
    assert_int_equal(v.searched, 300);
    store_view_free(&v);
    store_free(s);
}

/* A UUID is its own fold: the haystack leaves it out (36 bytes a row) and the filter reads
 * the id itself; an id with capitals stays in, folded. */
static void filter_finds_ids_left_out_of_the_haystack(void **state)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0};
    struct invitation v[] = {
        make("3c90c3cc-0d44-4b50-8888-8dd25736052a", "ann@example.com", NULL,
             INV_STATUS_PENDING, 0),
        make("AUSR-1234-5678", "bob@example.com", "Bob", INV_STATUS_PENDING, 0),
        make("8482588c-be56-478b-b44b-65d70700dbbf", "cy@example.com", NULL,
             INV_STATUS_PENDING, 0),
    };

    (void)state;
    assert_true(fold_is_own_fold("3c90c3cc-0d44-4b50-8888-8dd25736052a"));
    assert_true(fold_is_own_fold(""));
    assert_false(fold_is_own_fold(NULL));
    assert_false(fold_is_own_fold("AUSR-1"));
    assert_false(fold_is_own_fold("a\tb"));
    assert_false(fold_is_own_fold("r\xC3\xA9"));
    for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
        invitation_make_shown(&v[i]);
        invitation_list_push(&l, &v[i]);
    }
    assert_true(l.v[0].search_reads_id);
    assert_null(strstr(l.v[0].shown.search, "3c90c3cc"));
    assert_false(l.v[1].search_reads_id);
    assert_non_null(strstr(l.v[1].shown.search, "ausr-1234"));
    store_replace_invitations(s, ACC, &l, 1);
    expect_search(s, "0d44-4b50", "3c90c3cc-0d44-4b50-8888-8dd25736052a ");
    expect_search(s, "ausr-12", "AUSR-1234-5678 ");
    expect_search(s, "b", "3c90c3cc-0d44-4b50-8888-8dd25736052a AUSR-1234-5678 "
                          "8482588c-be56-478b-b44b-65d70700dbbf "); /* ann, bob, cy */
    expect_search(s, "be56", "8482588c-be56-478b-b44b-65d70700dbbf ");
    expect_search(s, "example.com\n3c90", ""); /* no needle spans two fields */
    store_free(s);
}

/* Row i of a list like many()'s, its e-mails in no order (i * 7919 mod 1000). */
static struct invitation many_row(size_t i)
{
    static const char *const first[] = {"Anna", "J\xC3\xBCrgen", "Ren\xC3\xA9", "bob",
                                        "ZO\xC3\x8B"};
    char *id = xasprintf("id-%03zu", i);
    char *email = xasprintf("%s.%zu@ex%zu.com", first[i % 5], (i * 7919) % 1000, i % 7);
    struct invitation inv = make(id, i % 11 ? email : NULL, first[(i / 5) % 5],
                                 (enum inv_status)(i % INV_STATUS_COUNT),
                                 i % 4 ? 5000 + (time_t)(i % 13) : 0);
    free(id);
    free(email);
    return inv;
}

/* A list arriving in batches (a first load): after each batch a kept view sorts only the new
 * rows and gives what a fresh view gives, for every sort and direction, with and without a
 * search; a batch that updates a row it had sorts everything again. */
static void batches_sort_only_the_new_rows(void **state)
{
    static const size_t ends[] = {1, 2, 50, 51, 300, 700};
    static const char *const searches[] = {"", "j"};
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct store_view kept[STORE_SORT_COUNT][2][2];
    size_t from = 0;

    (void)state;
    for (int k = 0; k < STORE_SORT_COUNT; k++)
        for (int d = 0; d < 2; d++)
            for (int q = 0; q < 2; q++)
                store_view_init(&kept[k][d][q]);
    for (size_t b = 0; b <= ARRAY_SIZE(ends); b++) {
        struct invitation_list l = {0};
        bool update = b == ARRAY_SIZE(ends); /* the last batch: row 7 again */
        size_t to = update ? from : ends[b];
        for (size_t i = from; i < to; i++) {
            struct invitation inv = many_row(i);
            invitation_list_push(&l, &inv);
        }
        if (update) {
            struct invitation inv = many_row(7);
            free(inv.email);
            inv.email = xstrdup("aaa.first@ex.com");
            invitation_list_push(&l, &inv);
        }
        store_add_invitations(s, ACC, &l);
        for (int k = 0; k < STORE_SORT_COUNT; k++)
            for (int d = 0; d < 2; d++)
                for (int q = 0; q < 2; q++) {
                    struct store_filter f = {.search = searches[q], .sort = (enum store_sort)k,
                                             .descending = d};
                    struct store_view fresh;
                    store_view_apply(&kept[k][d][q], s, ACC, &f);
                    assert_int_equal(kept[k][d][q].sorted, b == 0 || update ? to : to - from);
                    store_view_init(&fresh);
                    store_view_apply(&fresh, s, ACC, &f);
                    char *want = ids(&fresh, s), *got = ids(&kept[k][d][q], s);
                    if (strcmp(got, want) != 0)
                        fail_msg("batch %zu, sort %d, %s, '%s': got '%s', want '%s'", b, k,
                                 d ? "descending" : "ascending", searches[q], got, want);
                    free(want);
                    free(got);
                    store_view_free(&fresh);
                }
        from = to;
    }
    /* The list is whole: nothing in it changed, nothing is sorted or searched again. */
    store_finish_invitations(s, ACC, 1);
    struct store_filter f = {.search = "", .sort = STORE_SORT_EXPIRY};
    store_view_apply(&kept[STORE_SORT_EXPIRY][0][0], s, ACC, &f);
    assert_int_equal(kept[STORE_SORT_EXPIRY][0][0].sorted, 0);
    assert_int_equal(kept[STORE_SORT_EXPIRY][0][0].n, 700);
    struct store_view *searching = &kept[STORE_SORT_EMAIL][1][1];
    size_t matched = searching->n;
    f = (struct store_filter){.search = "j", .sort = STORE_SORT_EMAIL, .descending = true};
    store_view_apply(searching, s, ACC, &f);
    assert_int_equal(searching->sorted, 0);
    assert_int_equal(searching->searched, 0);
    assert_int_equal(searching->n, matched);
    for (int k = 0; k < STORE_SORT_COUNT; k++)
        for (int d = 0; d < 2; d++)
            for (int q = 0; q < 2; q++)
                store_view_free(&kept[k][d][q]);
    store_free(s);
}

/* Rows equal in every key (a server may send the same id twice) keep the collection's order,
 * whatever the sort and direction. */
static void sort_is_stable(void **state)
{
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0};
    const char *names[] = {"first", "second", "third", "fourth"};

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        struct invitation inv = make(i == 1 ? "other" : "same", "Same@Example.com", names[i],
                                     INV_STATUS_PENDING, 7000);
        invitation_list_push(&l, &inv);
    }
    store_replace_invitations(s, ACC, &l, 1);
    for (int key = 0; key < STORE_SORT_COUNT; key++) {
        for (int desc = 0; desc < 2; desc++) {
            struct store_filter f = {.sort = (enum store_sort)key, .descending = desc};
            struct store_view v;
            char *got;
            store_view_init(&v);
            store_view_apply(&v, s, ACC, &f);
            got = ids(&v, s);
            /* "other" sorts before "same" by id, which is ascending in either direction. */
            if (strcmp(got, "other same same same ") != 0)
                fail_msg("sort %d desc %d: %s", key, desc, got);
            free(got);
            assert_string_equal(store_view_row(&v, s, 1)->name, "first");
            assert_string_equal(store_view_row(&v, s, 2)->name, "third");
            assert_string_equal(store_view_row(&v, s, 3)->name, "fourth");
            store_view_free(&v);
        }
    }
    store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding),
        cmocka_unit_test(address_haystack_is_its_fold),
        cmocka_unit_test(filter_ignores_case_and_accents),
        cmocka_unit_test(filter_finds_ids_left_out_of_the_haystack),
        cmocka_unit_test(narrowing_gives_a_fresh_views_answer),
        cmocka_unit_test(narrowing_searches_only_the_previous_matches),
        cmocka_unit_test(sort_is_stable),
        cmocka_unit_test(batches_sort_only_the_new_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
