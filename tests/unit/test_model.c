#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <wchar.h>

#include "invitui/model.h"
#include "invitui/provider.h"
#include "invitui/row_slab.h"

#define T0 ((time_t)1700000000) /* 2023-11-14T22:13:20Z */

static void hybridbox_status_table(void **state)
{
    (void)state;
    static const struct {
        const char *raw;
        time_t expires;
        enum inv_status want;
    } cases[] = {
        {"pending", 0, INV_STATUS_PENDING},
        {"PENDING", 0, INV_STATUS_PENDING},
        {"Pending", T0 + 1, INV_STATUS_PENDING},
        {"pending", T0, INV_STATUS_PENDING}, /* expires exactly now: not yet past */
        {"pending", T0 - 1, INV_STATUS_EXPIRED},
        {"accepted", T0 - 100, INV_STATUS_ACCEPTED},
        {"Expired", 0, INV_STATUS_EXPIRED},
        {"revoked", 0, INV_STATUS_REVOKED},
        {"", 0, INV_STATUS_OTHER},
        {"pending ", 0, INV_STATUS_OTHER},
        {"cancelled", 0, INV_STATUS_OTHER},
        {NULL, 0, INV_STATUS_OTHER},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(
            inv_status_normalise(PROVIDER_HYBRIDBOX, cases[i].raw, cases[i].expires, T0),
            cases[i].want);
}

static void marketplace_status_table(void **state)
{
    (void)state;
    static const struct {
        const char *raw;
        time_t expires;
        enum inv_status want;
    } cases[] = {
        {"Invited", 0, INV_STATUS_PENDING},
        {"Invited", T0 + 3600, INV_STATUS_PENDING},
        {"Invited", T0 - 1, INV_STATUS_EXPIRED},
        {"invited", 0, INV_STATUS_PENDING},
        {"InvitationExpired", 0, INV_STATUS_EXPIRED},
        {"Invitation Expired", T0 + 99, INV_STATUS_EXPIRED},
        {"invitation expired", 0, INV_STATUS_EXPIRED},
        {"INVITATIONEXPIRED", 0, INV_STATUS_EXPIRED},
        {"Active", 0, INV_STATUS_ACCEPTED},
        {"Deleted", 0, INV_STATUS_REVOKED},
        {"Disabled", 0, INV_STATUS_REVOKED},
        {"Blocked", 0, INV_STATUS_OTHER},
        {"Invitation", 0, INV_STATUS_OTHER},
        {"Invitation Expiredx", 0, INV_STATUS_OTHER},
        {"text", 0, INV_STATUS_OTHER},
        {"", 0, INV_STATUS_OTHER},
        {NULL, 0, INV_STATUS_OTHER},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(
            inv_status_normalise(PROVIDER_MARKETPLACE, cases[i].raw, cases[i].expires, T0),
            cases[i].want);
}

static void words_and_symbols(void **state)
{
    (void)state;
    assert_string_equal(inv_status_word(INV_STATUS_PENDING), "pending");
    assert_string_equal(inv_status_word(INV_STATUS_OTHER), "other");
    assert_string_equal(inv_status_word((enum inv_status)99), "other");
    for (int i = 0; i < INV_STATUS_COUNT; i++) {
        assert_int_equal(inv_status_from_word(inv_status_word(i)), i);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(inv_status_symbol(i), inv_status_symbol(j));
    }
    assert_int_equal(inv_status_from_word("EXPIRED"), INV_STATUS_EXPIRED);
    assert_int_equal(inv_status_from_word("nope"), -1);
    assert_int_equal(inv_status_from_word(NULL), -1);

    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        skip();
    for (int i = 0; i < INV_STATUS_COUNT; i++) {
        wchar_t wc[4];
        size_t n = mbstowcs(wc, inv_status_symbol(i), 4);
        assert_int_equal(n, 1);
        assert_int_equal(wcwidth(wc[0]), 1);
    }
    setlocale(LC_CTYPE, "C");
}

static void parse_time_accepts_iso8601(void **state)
{
    time_t t = 0;
    (void)state;

    assert_int_equal(model_parse_time("2023-11-07T05:31:56Z", &t), 0);
    assert_int_equal(t, 1699335116);
    assert_int_equal(model_parse_time("2023-11-07T05:31:56.471Z", &t), 0);
    assert_int_equal(t, 1699335116);
    assert_int_equal(model_parse_time("2023-11-07T05:31:56.123456789Z", &t), 0);
    assert_int_equal(t, 1699335116);
    assert_int_equal(model_parse_time("2023-11-07T07:31:56+02:00", &t), 0);
    assert_int_equal(t, 1699335116);
    assert_int_equal(model_parse_time("2023-11-07T00:01:56-05:30", &t), 0);
    assert_int_equal(t, 1699335116);
    assert_int_equal(model_parse_time("2023-11-07T05:31:56.5+00:00", &t), 0);
    assert_int_equal(t, 1699335116);
    assert_int_equal(model_parse_time("2024-02-29T00:00:00Z", &t), 0);
    assert_int_equal(t, 1709164800);
    assert_int_equal(model_parse_time("1970-01-01T00:00:00Z", &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(model_parse_time("2023-11-07t05:31:56z", &t), 0);
}

/* model_parse_time counts days itself (model_days_from_civil): the same seconds as timegm
 * across centuries, leap years, years before 1970 and a leap second. */
static void parse_time_matches_timegm(void **state)
{
    static const int years[] = {1,    1600, 1899, 1900, 1969, 1970,
                                1999, 2000, 2024, 2100, 2400, 9999};
    static const int days[] = {1, 28, 29, 30, 31};
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    (void)state;

    for (size_t y = 0; y < ARRAY_SIZE(years); y++)
        for (int mon = 1; mon <= 12; mon++)
            for (size_t d = 0; d < ARRAY_SIZE(days); d++) {
                int yr = years[y];
                bool leap = (yr % 4 == 0 && yr % 100 != 0) || yr % 400 == 0;
                if (days[d] > mdays[mon - 1] + (mon == 2 && leap))
                    continue;
                char iso[40];
                struct tm tm = {.tm_year = yr - 1900, .tm_mon = mon - 1, .tm_mday = days[d],
                                .tm_hour = 23, .tm_min = 59, .tm_sec = 60};
                time_t t = 0;
                snprintf(iso, sizeof(iso), "%04d-%02d-%02dT23:59:60+01:30", yr, mon, days[d]);
                assert_int_equal(model_parse_time(iso, &t), 0);
                assert_int_equal(t, timegm(&tm) - 5400);
            }
}

static void parse_time_rejects_garbage(void **state)
{
    static const char *bad[] = {
        "", "2023", "2023-11-07", "2023-11-07T05:31Z", "2023-11-07 05:31:56Z",
        "2023-11-07T05:31:56", "2023-11-07T05:31:56ZZ", "2023-11-07T05:31:56.Z",
        "2023-11-07T05:31:56+0200", "2023-11-07T05:31:56+02", "2023-13-07T05:31:56Z",
        "2023-00-07T05:31:56Z", "2023-02-29T00:00:00Z", "2023-04-31T00:00:00Z",
        "2023-11-07T24:00:00Z", "2023-11-07T05:60:00Z", "2023-11-07T05:31:61Z",
        "2023-11-07T05:31:56+24:00", "2023-11-07T05:31:56+02:60", " 2023-11-07T05:31:56Z",
        "2023-11-07T05:31:56Z ", "２０２３-11-07T05:31:56Z", "2023-1-07T05:31:56Z",
        "+2023-11-07T05:31:56Z", "2023-11-07T05:31:56.1.2Z", "<string>",
    };
    time_t t = 42;
    (void)state;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (model_parse_time(bad[i], &t) == 0)
            fail_msg("accepted \"%s\"", bad[i]);
    }
    assert_int_equal(model_parse_time(NULL, &t), -1);
    assert_int_equal(t, 42);
}

static void format_time_round_trips(void **state)
{
    char buf[32];
    time_t t;
    (void)state;

    model_format_time(1699335116, buf, sizeof(buf));
    assert_string_equal(buf, "2023-11-07T05:31:56Z");
    assert_int_equal(model_parse_time(buf, &t), 0);
    assert_int_equal(t, 1699335116);
    model_format_time(0, buf, sizeof(buf));
    assert_string_equal(buf, "");
    model_format_time(1699335116, buf, 10); /* too small: empty, never cut */
    assert_string_equal(buf, "");
}

static struct invitation sample(const char *id)
{
    struct invitation inv = {0};
    inv.id = xstrdup(id);
    inv.account_id = xstrdup("acc");
    inv.email = xstrdup("a@example.com");
    inv.raw_status = xstrdup("pending");
    inv.status = INV_STATUS_PENDING;
    inv.raw = xstrdup("{}");
    inv.expires_at = 5;
    return inv;
}

static void invitation_ownership(void **state)
{
    struct invitation_list l = {0};
    struct invitation a = sample("1"), b = {0}, c = {0};
    (void)state;

    invitation_copy(&b, &a);
    assert_string_equal(b.email, "a@example.com");
    assert_ptr_not_equal(b.email, a.email);
    assert_null(b.name);
    assert_int_equal(b.expires_at, 5);
    invitation_move(&c, &a);
    assert_null(a.id);
    assert_string_equal(c.id, "1");
    invitation_copy(&c, &c); /* self-copy is a no-op */
    assert_string_equal(c.id, "1");
    for (int i = 0; i < 100; i++) {
        struct invitation x = sample(i % 2 ? "odd" : "even");
        invitation_list_push(&l, &x);
        assert_null(x.id);
    }
    invitation_list_push(&l, &b);
    assert_int_equal(l.n, 101);
    assert_string_equal(l.v[100].id, "1");
    invitation_list_free(&l);
    assert_int_equal(l.n, 0);
    invitation_free(&c);
    invitation_free(&a);

    struct account_list al = {0};
    struct account acc = {.id = xstrdup("id"), .name = xstrdup("n")};
    account_list_push(&al, &acc);
    assert_null(acc.id);
    assert_string_equal(al.v[0].name, "n");
    account_list_free(&al);
}

/* A printable ASCII field is its own display copy; anything else gets a safe copy. Merging,
 * copying and freeing rows with shared copies must neither leak nor free twice (ASan). */
static void shown_copies_share_plain_strings(void **state)
{
    struct invitation a = sample("1"), b = sample("2"), c = {0};
    (void)state;

    free(a.email);
    a.email = xstrdup("M\xc3\xbcller\x1b[2J@example.com");
    invitation_make_shown(&a);
    assert_ptr_equal(a.shown.id, a.id);
    assert_ptr_equal(a.shown.raw_status, a.raw_status);
    assert_ptr_not_equal(a.shown.email, a.email);
    assert_null(strchr(a.shown.email, '\x1b'));
    assert_non_null(a.shown.user_id); /* no user id: "" of its own */
    assert_string_equal(a.shown.user_id, "");
    invitation_make_shown(&a); /* remade over shared copies */
    invitation_make_shown(&b);
    invitation_copy(&c, &a);
    assert_ptr_equal(c.shown.id, c.id);
    assert_ptr_not_equal(c.shown.id, a.shown.id);
    /* b's answer replaces a's strings that a's copies shared. */
    invitation_merge(&a, &b);
    assert_string_equal(a.shown.id, "2");
    assert_ptr_equal(a.shown.id, a.id);
    assert_string_equal(a.shown.email, "a@example.com");
    invitation_free(&a);
    invitation_free(&b);
    /* A create answer lacks the account; the caller fills it in, then the store remakes. */
    free(c.account_id);
    c.account_id = NULL;
    invitation_make_shown(&c);
    c.account_id = xstrdup("acc");
    invitation_make_shown(&c);
    assert_ptr_equal(c.shown.account_id, c.account_id);
    invitation_free(&c);
}

static struct invitation row(const char *id, const char *email)
{
    struct invitation inv = {0};
    inv.id = xstrdup(id);
    inv.email = email ? xstrdup(email) : NULL;
    return inv;
}

/* The worker's order is the store's tie-break: e-mail (ASCII case-insensitive, none last),
 * then id; equal rows keep their order. */
static void list_sorts_by_email_then_id(void **state)
{
    struct invitation_list l = {0};
    /* The long ones share their first 16 bytes, whose integer key then ties. */
    const char *rows[][2] = {{"3", "b@x"},
                             {"1", NULL},
                             {"2", "B@x"},
                             {"0", "a@x"},
                             {"7", "Sixteen.Bytes.Ab-z@x"},
                             {"2", "b@X"},
                             {"5", NULL},
                             {"6", "sixteen.bytes.ab-A@x"},
                             {"4", "c@x"}};
    const char *want_ids[] = {"0", "2", "2", "3", "4", "6", "7", "1", "5"};
    const char *want_emails[] = {"a@x", "B@x", "b@X", "b@x", "c@x",
                                 "sixteen.bytes.ab-A@x", "Sixteen.Bytes.Ab-z@x", NULL, NULL};
    (void)state;

    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct invitation inv = row(rows[i][0], rows[i][1]);
        invitation_list_push(&l, &inv);
    }
    invitation_list_sort_email_id(&l);
    assert_int_equal(l.n, 9);
    for (size_t i = 0; i < l.n; i++) {
        assert_string_equal(l.v[i].id, want_ids[i]);
        if (want_emails[i])
            assert_string_equal(l.v[i].email, want_emails[i]);
        else
            assert_null(l.v[i].email);
    }
    invitation_list_sort_email_id(&l); /* sorted already: unchanged */
    assert_string_equal(l.v[1].email, "B@x");
    assert_string_equal(l.v[2].email, "b@X");
    invitation_list_free(&l);
    invitation_list_sort_email_id(&l); /* empty */
    assert_int_equal(l.n, 0);
}

/* A provider that is neither: the model must take its words from the ops,
 * not from a provider-name test, and still apply the expiry time itself. */
static int fake_calls;

static enum inv_status fake_status_from_raw(const char *raw)
{
    fake_calls++;
    if (strcmp(raw, "waiting") == 0)
        return INV_STATUS_PENDING;
    return strcmp(raw, "done") == 0 ? INV_STATUS_ACCEPTED : INV_STATUS_OTHER;
}

static void status_comes_from_provider_ops(void **state)
{
    (void)state;
    static const struct provider_ops fake = {
        .name = "fake",
        .status_from_raw = fake_status_from_raw,
    };

    fake_calls = 0;
    assert_int_equal(inv_status_from(&fake, "waiting", 0, T0), INV_STATUS_PENDING);
    assert_int_equal(inv_status_from(&fake, "waiting", T0 - 1, T0), INV_STATUS_EXPIRED);
    assert_int_equal(inv_status_from(&fake, "done", T0 - 1, T0), INV_STATUS_ACCEPTED);
    /* Hybridbox's word means nothing to this provider. */
    assert_int_equal(inv_status_from(&fake, "pending", 0, T0), INV_STATUS_OTHER);
    assert_int_equal(fake_calls, 4);
    assert_int_equal(inv_status_from(&fake, NULL, 0, T0), INV_STATUS_OTHER);
    assert_int_equal(fake_calls, 4);
}

/* The rows are moved in place along the permutation's cycles: a shuffled list of many
 * cycles comes out sorted, every row once, its fields with it. */
static void list_sort_keeps_every_row(void **state)
{
    enum { N = 1000 };
    struct invitation_list l = {0};
    bool seen[N] = {false};
    char id[16], email[32];
    (void)state;

    for (unsigned i = 0; i < N; i++) {
        unsigned k = (i * 617u + 11u) % N; /* 617 is prime to 1000: a permutation */
        snprintf(id, sizeof(id), "%u", k);
        snprintf(email, sizeof(email), "u%04u@x", k);
        struct invitation inv = row(id, email);
        inv.expires_at = (time_t)k;
        invitation_list_push(&l, &inv);
    }
    invitation_list_sort_email_id(&l);
    assert_int_equal(l.n, N);
    assert_int_equal(l.cap, N);
    for (unsigned i = 0; i < N; i++) {
        snprintf(email, sizeof(email), "u%04u@x", i);
        assert_string_equal(l.v[i].email, email);
        assert_int_equal(l.v[i].expires_at, (time_t)i);
        assert_false(seen[atoi(l.v[i].id)]);
        seen[atoi(l.v[i].id)] = true;
    }
    invitation_list_free(&l);
}

/* A block is address space made present only a piece ahead of what rows wrote: far into a
 * large block's unwritten end, no page is resident (the last block of a list costs only
 * what it holds). */
static void slab_block_is_present_only_where_written(void **state)
{
    struct row_slab_writer w = {0};
    long page = sysconf(_SC_PAGESIZE);
    unsigned char vec = 0;
    char *p = NULL;
    (void)state;

    while (!row_slab_fits(&w, (size_t)8 << 20)) { /* until a block has 8 MiB unwritten */
        struct row_slab *ref;
        p = row_slab_reserve(&w, 4096, &ref);
        memset(p, 1, 4096);
        row_slab_release(ref);
    }
    char *written = (char *)((uintptr_t)p & ~(uintptr_t)(page - 1));
    char *beyond = written + ((size_t)4 << 20);
    assert_int_equal(mincore(written, (size_t)page, &vec), 0);
    assert_true(vec & 1);
    assert_int_equal(mincore(beyond, (size_t)page, &vec), 0);
    assert_false(vec & 1);
    row_slab_writer_end(&w);
}

/* A record is the row's fields in one slab block, without the provider's object or
 * display copies; the row it came from is untouched. */
static void record_to_slab_copies_the_record(void **state)
{
    struct row_slab_writer w = {0};
    struct invitation src = sample("id-1"), rec;
    (void)state;

    src.name = xstrdup("Renée");
    src.expires_at = 77;
    src.status_computed = true;
    invitation_make_shown(&src);
    invitation_record_to_slab(&rec, &src, &w);
    row_slab_writer_end(&w);
    assert_string_equal(rec.id, "id-1");
    assert_ptr_not_equal(rec.id, src.id);
    assert_string_equal(rec.email, "a@example.com");
    assert_string_equal(rec.name, "Renée");
    assert_string_equal(rec.raw_status, "pending");
    assert_null(rec.user_id);
    assert_null(rec.raw);
    assert_null(rec.packed);
    assert_null(rec.shown.email);
    assert_int_equal(rec.expires_at, 77);
    assert_int_equal(rec.status, INV_STATUS_PENDING);
    assert_true(rec.status_computed);
    assert_true(row_slab_contains(rec.slab, rec.id));
    assert_true(row_slab_contains(rec.slab, rec.name));
    invitation_free(&rec); /* the block goes with its last row */
    assert_string_equal(src.id, "id-1");
    assert_string_equal(src.raw, "{}");
    assert_string_equal(src.shown.email, "a@example.com");
    invitation_free(&src);
}

/* A record shares a slab row's strings (a reference to its block, no copy) and copies
 * those of a row with strings of its own. */
static void record_share_shares_slab_strings(void **state)
{
    struct row_slab_writer w = {0}, copies = {0};
    struct invitation in_slab = sample("slab"), own = sample("own"), a, b;
    (void)state;

    assert_false(invitation_record_in_slab(&in_slab)); /* no block yet */
    invitation_to_slab(&in_slab, &w);
    row_slab_writer_end(&w); /* the row's reference keeps the block */
    assert_true(invitation_record_in_slab(&in_slab));
    invitation_record_share(&a, &in_slab, &copies);
    assert_ptr_equal(a.id, in_slab.id);
    assert_ptr_equal(a.email, in_slab.email);
    assert_ptr_equal(a.slab, in_slab.slab);
    assert_null(a.packed);
    assert_null(a.raw);
    invitation_free(&in_slab); /* a's reference keeps the strings */
    assert_string_equal(a.id, "slab");
    assert_string_equal(a.email, "a@example.com");
    invitation_free(&a);

    invitation_to_slab(&own, &w);
    row_slab_writer_end(&w);
    assert_true(invitation_record_in_slab(&own));
    own.email = xstrdup("later@example.com"); /* put in later: an allocation of its own */
    assert_false(invitation_record_in_slab(&own));
    invitation_record_share(&b, &own, &copies);
    row_slab_writer_end(&copies);
    assert_ptr_not_equal(b.id, own.id);
    assert_string_equal(b.id, "own");
    assert_string_equal(b.email, "later@example.com");
    assert_ptr_not_equal(b.slab, own.slab);
    invitation_free(&own);
    assert_string_equal(b.email, "later@example.com");
    invitation_free(&b);
}

/* Rows in one block share the text that repeats (account id, status, summary) and keep
 * their own e-mail; a row in a new block shares nothing with the old one, and every row's
 * strings stay in its own block. */
static void slab_rows_share_repeated_text(void **state)
{
    struct row_slab_writer w = {0};
    enum { N = 2000 }; /* more than the first 64 KiB block */
    struct invitation *rows = xcalloc(N, sizeof(*rows));
    (void)state;

    for (int i = 0; i < N; i++) {
        char id[16];
        snprintf(id, sizeof(id), "id-%d", i);
        rows[i] = sample(id);
        rows[i].summary = xstrdup(i % 2 ? "editor" : "viewer");
        invitation_make_shown(&rows[i]);
        invitation_to_slab(&rows[i], &w);
    }
    row_slab_writer_end(&w);
    assert_ptr_equal(rows[1].account_id, rows[0].account_id);
    assert_ptr_equal(rows[1].raw_status, rows[0].raw_status);
    assert_ptr_equal(rows[1].shown.raw_status, rows[1].raw_status);
    assert_ptr_not_equal(rows[1].summary, rows[0].summary); /* "editor" after "viewer" */
    assert_ptr_not_equal(rows[1].email, rows[0].email);
    assert_string_equal(rows[1].summary, "editor");
    size_t blocks = 1;
    for (int i = 0; i < N; i++) {
        char **strs[] = {&rows[i].id, &rows[i].account_id, &rows[i].email, &rows[i].raw_status,
                         &rows[i].summary, &rows[i].shown.search};
        for (size_t k = 0; k < sizeof(strs) / sizeof(strs[0]); k++)
            assert_true(row_slab_contains(rows[i].slab, *strs[k]));
        if (i > 0 && rows[i].slab != rows[i - 1].slab) {
            blocks++;
            assert_ptr_not_equal(rows[i].account_id, rows[i - 1].account_id);
        }
    }
    assert_true(blocks >= 2);
    assert_string_equal(rows[N - 1].account_id, "acc");
    assert_string_equal(rows[N - 2].summary, "viewer");
    for (int i = 0; i < N; i++)
        invitation_free(&rows[i]);
    free(rows);
}

/* append moves every row (an empty list takes the array itself) and leaves src empty. */
static void list_append_moves_rows(void **state)
{
    (void)state;
    struct invitation_list a = {0}, b = {0}, c = {0};

    for (int i = 0; i < 3; i++) {
        struct invitation x = sample(i % 2 ? "odd" : "even");
        invitation_list_push(&b, &x);
    }
    struct invitation *arr = b.v;
    invitation_list_append(&a, &b);
    assert_ptr_equal(a.v, arr);
    assert_int_equal(a.n, 3);
    assert_int_equal(b.n, 0);
    assert_null(b.v);
    for (int i = 0; i < 20; i++) {
        struct invitation x = sample("more");
        invitation_list_push(&c, &x);
    }
    invitation_list_append(&a, &c);
    assert_int_equal(a.n, 23);
    assert_true(a.cap >= 23);
    assert_string_equal(a.v[0].id, "even");
    assert_string_equal(a.v[1].id, "odd");
    assert_string_equal(a.v[22].id, "more");
    assert_int_equal(c.n, 0);
    assert_null(c.v);
    invitation_list_append(&a, &c); /* an empty src adds nothing */
    assert_int_equal(a.n, 23);
    invitation_list_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hybridbox_status_table),
        cmocka_unit_test(marketplace_status_table),
        cmocka_unit_test(status_comes_from_provider_ops),
        cmocka_unit_test(words_and_symbols),
        cmocka_unit_test(parse_time_accepts_iso8601),
        cmocka_unit_test(parse_time_matches_timegm),
        cmocka_unit_test(parse_time_rejects_garbage),
        cmocka_unit_test(format_time_round_trips),
        cmocka_unit_test(invitation_ownership),
        cmocka_unit_test(shown_copies_share_plain_strings),
        cmocka_unit_test(list_sorts_by_email_then_id),
        cmocka_unit_test(list_sort_keeps_every_row),
        cmocka_unit_test(list_append_moves_rows),
        cmocka_unit_test(record_to_slab_copies_the_record),
        cmocka_unit_test(slab_block_is_present_only_where_written),
        cmocka_unit_test(record_share_shares_slab_strings),
        cmocka_unit_test(slab_rows_share_repeated_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
