#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invitui/snapshot.h"
#include "invitui/snapshot_codec.h"

/* Hostile text: escapes, a newline, the format's own separators, UTF-8. */
#define HOSTILE "M\xc3\xbcller \x1b[2J\n12:ab,-,i3,\xe2\x80\xae"

static struct invitation make(const char *id, const char *email, time_t expires)
{
    struct invitation inv = {0};
    inv.id = xstrdup(id);
    inv.account_id = xstrdup("ACC-1");
    inv.email = xstrdup_or_null(email);
    inv.raw_status = xstrdup("pending");
    inv.created_at = 1700000000;
    inv.expires_at = expires;
    inv.raw = xstrdup("{\"id\":\"x\"}");
    return inv;
}

static void sample(struct snapshot *s)
{
    struct account a = {0};
    struct invitation v[] = {
        make("inv-1", "amy@example.com", 4000000000),
        make("inv-2", HOSTILE, 1),
        make("inv-3", NULL, 0),
    };

    memset(s, 0, sizeof(*s));
    s->kind = PROVIDER_HYBRIDBOX;
    s->base_url = xstrdup("http://127.0.0.1:1");
    s->account_id = xstrdup("ACC-1");
    s->saved_at = 1700000123;
    a.id = xstrdup("ACC-1");
    a.name = xstrdup(HOSTILE);
    a.status = xstrdup("active");
    account_list_push(&s->accounts, &a);
    v[1].name = xstrdup("\xe5\x90\x8d\xe5\x89\x8d");
    v[1].summary = xstrdup("");
    v[2].user_id = xstrdup("USR-1");
    v[2].accepted_at = 1700000500;
    for (size_t i = 0; i < ARRAY_SIZE(v); i++)
        invitation_list_push(&s->invitations, &v[i]);
}

static char *encoded(size_t *len)
{
    struct snapshot s;
    struct strbuf sb;

    sample(&s);
    strbuf_init(&sb);
    snapshot_encode(&sb, &s);
    snapshot_free(&s);
    return strbuf_detach(&sb, len);
}

static void round_trip(void **state)
{
    (void)state;
    size_t len;
    char *data = encoded(&len);
    struct snapshot got, want;

    assert_int_equal(snapshot_decode(data, len, &got), SNAPSHOT_OK);
    sample(&want);
    assert_int_equal(got.kind, want.kind);
    assert_string_equal(got.base_url, want.base_url);
    assert_string_equal(got.account_id, want.account_id);
    assert_int_equal(got.saved_at, want.saved_at);
    assert_int_equal(got.accounts.n, 1);
    assert_string_equal(got.accounts.v[0].name, HOSTILE);
    assert_null(got.accounts.v[0].type);
    assert_int_equal(got.invitations.n, 3);
    for (size_t i = 0; i < 3; i++) {
        const struct invitation *g = &got.invitations.v[i], *w = &want.invitations.v[i];
        assert_string_equal(g->id, w->id);
        assert_true(util_streq(g->email, w->email));
        assert_true(util_streq(g->name, w->name));
        assert_true(util_streq(g->user_id, w->user_id));
        assert_true(util_streq(g->summary, w->summary));
        assert_null(g->raw); /* the provider's document is not kept */
        assert_int_equal(g->created_at, w->created_at);
        assert_int_equal(g->expires_at, w->expires_at);
        assert_int_equal(g->accepted_at, w->accepted_at);
    }
    assert_null(got.invitations.v[2].email);
    assert_non_null(got.invitations.v[1].summary); /* "" is not NULL */
    snapshot_free(&got);
    snapshot_free(&want);
    free(data);
}

/* Every prefix of a file is refused, and so is every one-byte change. */
static void corrupt_at_every_point(void **state)
{
    (void)state;
    size_t len;
    char *data = encoded(&len);
    struct snapshot got;

    for (size_t cut = 0; cut < len; cut++) {
        char *copy = xstrndup(data, cut); /* its own allocation: ASan sees any overread */
        enum snapshot_result r = snapshot_decode(copy, cut, &got);
        if (r != SNAPSHOT_CORRUPT)
            fail_msg("a file cut at %zu of %zu bytes gave %d", cut, len, (int)r);
        free(copy);
    }
    for (size_t i = 0; i < len; i++) {
        char *copy = xstrndup(data, len);
        copy[i] ^= 0x01;
        enum snapshot_result r = snapshot_decode(copy, len, &got);
        if (r == SNAPSHOT_OK)
            snapshot_free(&got);
        if (r == SNAPSHOT_OK)
            fail_msg("a file with byte %zu changed was accepted", i);
        free(copy);
    }
    free(data);
}

static void wrong_version_and_magic(void **state)
{
    (void)state;
    size_t len;
    char *data = encoded(&len);
    struct snapshot got;
    const char *v3 = SNAPSHOT_MAGIC " 3\n";

    assert_memory_equal(data, v3, strlen(v3));
    /* Version 1's files (byte-wise FNV-1a) and version 2's (no head, list order) are another
     * version, not damage. */
    char *v1 = xasprintf(SNAPSHOT_MAGIC " 1\n%s", data + strlen(v3));
    assert_int_equal(snapshot_decode(v1, strlen(v1), &got), SNAPSHOT_OTHER_VERSION);
    free(v1);
    v1 = xasprintf(SNAPSHOT_MAGIC " 2\n%s", data + strlen(v3));
    assert_int_equal(snapshot_decode(v1, strlen(v1), &got), SNAPSHOT_OTHER_VERSION);
    char *magic = xasprintf("invitui-snapshoT 3\n%s", data + strlen(v3));
    assert_int_equal(snapshot_decode(magic, strlen(magic), &got), SNAPSHOT_CORRUPT);
    assert_int_equal(snapshot_decode("{\"id\": 1}\n", 10, &got), SNAPSHOT_CORRUPT);
    assert_non_null(snapshot_result_note(SNAPSHOT_OTHER_VERSION));
    assert_non_null(snapshot_result_note(SNAPSHOT_CORRUPT));
    assert_null(snapshot_result_note(SNAPSHOT_NONE));
    free(v1);
    free(magic);
    free(data);
}

static char *temp_dir(void)
{
    char *base = xasprintf("%s/invitui-snap.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(base));
    return base;
}

static void cleanup(const char *base, const char *dir, const char *path)
{
    unlink(path);
    rmdir(dir);
    rmdir(base);
}

static void files_are_private(void **state)
{
    (void)state;
    char *base = temp_dir();
    char *dir = xasprintf("%s/invitui", base);
    char *path = snapshot_path(dir, "my prof/1", "ACC.1");
    struct snapshot s, got;
    struct stat st;

    /* Names cannot climb out of the directory or clash. */
    assert_string_equal(strrchr(path, '/') + 1, "my%20prof%2F1.ACC%2E1.snap");
    sample(&s);
    assert_int_equal(snapshot_save(dir, path, &s), 0);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *latest = snapshot_latest(dir, "my prof/1");
    assert_non_null(latest);
    assert_string_equal(latest, path);
    free(latest);
    assert_null(snapshot_latest(dir, "my prof"));

    assert_int_equal(snapshot_load(path, 1700000000, &got), SNAPSHOT_OK);
    assert_int_equal(got.invitations.n, 3);
    /* Loaded rows are made terminal-safe and get their status again. */
    assert_null(strchr(got.invitations.v[1].shown.email, '\x1b'));
    assert_int_equal(got.invitations.v[1].status, INV_STATUS_EXPIRED);
    assert_int_equal(got.invitations.v[0].status, INV_STATUS_PENDING);
    snapshot_free(&got);

    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(snapshot_load(path, 0, &got), SNAPSHOT_UNSAFE);
    assert_non_null(snapshot_result_note(SNAPSHOT_UNSAFE));
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(chmod(dir, 0755), 0);
    assert_int_equal(snapshot_load(path, 0, &got), SNAPSHOT_UNSAFE);
    /* Nor is a snapshot written into a directory open to others. */
    int rc = snapshot_save(dir, path, &s);
    int err = errno; /* before cmocka's calls */
    assert_int_equal(rc, -1);
    assert_int_equal(err, EPERM);
    assert_int_equal(chmod(dir, 0700), 0);

    /* A symlink is not followed. */
    char *link = snapshot_path(dir, "other", "ACC");
    assert_int_equal(symlink(path, link), 0);
    assert_int_equal(snapshot_load(link, 0, &got), SNAPSHOT_UNSAFE);
    unlink(link);
    free(link);

    assert_int_equal(unlink(path), 0);
    assert_int_equal(snapshot_load(path, 0, &got), SNAPSHOT_NONE);
    snapshot_free(&s);
    cleanup(base, dir, path);
    free(path);
    free(dir);
    free(base);
}

static void dir_from_environment(void **state)
{
    (void)state;
    setenv("XDG_CACHE_HOME", "/x/cache", 1);
    setenv("HOME", "/home/u", 1);
    char *d = snapshot_dir();
    assert_string_equal(d, "/x/cache/invitui");
    free(d);
    setenv("XDG_CACHE_HOME", "relative", 1);
    d = snapshot_dir();
    assert_string_equal(d, "/home/u/.cache/invitui");
    free(d);
    unsetenv("XDG_CACHE_HOME");
    unsetenv("HOME");
    assert_null(snapshot_dir());
}

/* A large list is written a piece at a time as it is encoded: the file is byte for byte the
 * encoding held whole in memory, and loads back. */
static void large_lists_are_written_in_pieces(void **state)
{
    (void)state;
    char *base = temp_dir();
    char *dir = xasprintf("%s/invitui", base);
    char *path = snapshot_path(dir, "big", "ACC-1");
    struct snapshot s, got;
    struct strbuf whole;
    char id[32], email[64];

    sample(&s);
    for (size_t i = 0; i < 40000; i++) { /* over 3 MiB: three pieces and a tail */
        snprintf(id, sizeof(id), "inv-%06zu", i);
        snprintf(email, sizeof(email), "user.%06zu@example.com", i);
        struct invitation inv = make(id, email, 4000000000);
        invitation_list_push(&s.invitations, &inv);
    }
    strbuf_init(&whole);
    snapshot_encode(&whole, &s);
    assert_true(whole.len > (size_t)3 << 20);
    assert_int_equal(snapshot_save(dir, path, &s), 0);

    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *file = xmalloc(whole.len + 1);
    assert_int_equal(fread(file, 1, whole.len + 1, f), whole.len);
    fclose(f);
    assert_memory_equal(file, whole.data, whole.len);
    assert_int_equal(snapshot_load(path, 1700000000, &got), SNAPSHOT_OK);
    assert_int_equal(got.invitations.n, s.invitations.n);
    assert_string_equal(got.invitations.v[40002].email, "user.039999@example.com");

    snapshot_free(&got);
    snapshot_free(&s);
    strbuf_free(&whole);
    free(file);
    cleanup(base, dir, path);
    free(path);
    free(dir);
    free(base);
}

/* A list of n rows in e-mail order whose expiry dates are in another order (some none). */
static void big_sample(struct snapshot *s, size_t n)
{
    char id[32], email[64];

    memset(s, 0, sizeof(*s));
    s->kind = PROVIDER_HYBRIDBOX;
    s->base_url = xstrdup("http://127.0.0.1:1");
    s->account_id = xstrdup("ACC-1");
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof(id), "inv-%06zu", i);
        snprintf(email, sizeof(email), "user.%06zu@example.com", i);
        time_t expires = i % 7 == 0 ? 0 : 1800000000 + (time_t)((i * 7919) % 5000) * 60;
        struct invitation inv = make(id, email, expires);
        invitation_list_push(&s->invitations, &inv);
    }
}

/* Records written in place of invitations give the same file, once snapshot_recs_sort has
 * put them in the list's order (the TUI writes a list its store took as it arrived). */
static void records_write_the_same_file(void **state)
{
    struct snapshot s, r;
    struct strbuf a, b;
    const size_t n = 3000; /* more than the head */
    (void)state;

    big_sample(&s, n);
    big_sample(&r, 0);
    struct snapshot_rec *recs = xmalloc(n * sizeof(*recs));
    for (size_t i = 0; i < n; i++) /* another order: reversed, each pair swapped */
        snapshot_rec_of(&recs[i], &s.invitations.v[(n - 1 - i) ^ 1]);
    /* Two whose e-mails agree past the 16 bytes the sort's integer key holds. */
    free(s.invitations.v[0].email);
    s.invitations.v[0].email = xstrdup("same.sixteen.bytes.a@x");
    free(s.invitations.v[1].email);
    s.invitations.v[1].email = xstrdup("same.sixteen.bytes.b@x");
    for (size_t i = 0; i < n; i++) { /* the same strings */
        size_t from = (n - 1 - i) ^ 1;
        recs[i].email = s.invitations.v[from].email;
    }
    snapshot_recs_sort(recs, n);
    invitation_list_sort_email_id(&s.invitations);
    r.recs = recs;
    r.nrecs = n;
    strbuf_init(&a);
    strbuf_init(&b);
    snapshot_encode(&a, &s);
    snapshot_encode(&b, &r);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    strbuf_free(&a);
    strbuf_free(&b);
    free(recs);
    snapshot_free(&s);
    snapshot_free(&r);
}

struct head_seen {
    int calls;
    size_t n;
    char **ids;
    time_t *expires;
};

static void head_fn(void *arg, const struct snapshot *s, const struct invitation *const *rows,
                    size_t n)
{
    struct head_seen *h = arg;

    assert_string_equal(s->account_id, "ACC-1");
    h->calls++;
    h->n = n;
    h->ids = xcalloc(n, sizeof(*h->ids));
    h->expires = xcalloc(n, sizeof(*h->expires));
    for (size_t i = 0; i < n; i++) {
        assert_non_null(rows[i]->shown.id); /* finished: display copies made */
        h->ids[i] = xstrdup(rows[i]->id);
        h->expires[i] = rows[i]->expires_at;
    }
}

static void head_seen_free(struct head_seen *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->ids[i]);
    free(h->ids);
    free(h->expires);
    memset(h, 0, sizeof(*h));
}

/* The sort key the TUI starts with: expiry, none last. */
static long long start_key(time_t t)
{
    return t ? (long long)t : LLONG_MAX;
}

/* The head is the first SNAPSHOT_HEAD_ROWS rows in the order the TUI starts in (expiry, none
 * last, then the list's order), handed over before the rest; the whole list comes back in its
 * own order, read on two threads (over 20,000 rows after the head). */
static void head_first_then_the_list_in_its_order(void **state)
{
    (void)state;
    char *base = temp_dir();
    char *dir = xasprintf("%s/invitui", base);
    char *path = snapshot_path(dir, "head", "ACC-1");
    struct snapshot s, got;
    struct head_seen h = {0};
    struct snapshot_head head = {head_fn, &h};
    const size_t n = 23000;

    big_sample(&s, n);
    assert_int_equal(snapshot_save(dir, path, &s), 0);
    assert_int_equal(snapshot_load_head(path, 1700000000, &head, &got), SNAPSHOT_OK);
    assert_int_equal(h.calls, 1);
    assert_int_equal(h.n, SNAPSHOT_HEAD_ROWS);
    for (size_t i = 1; i < h.n; i++) {
        long long a = start_key(h.expires[i - 1]), b = start_key(h.expires[i]);
        assert_true(a < b || (a == b && strcmp(h.ids[i - 1], h.ids[i]) < 0));
    }
    /* Nothing outside the head comes before its last row. */
    size_t before = 0;
    long long last = start_key(h.expires[h.n - 1]);
    for (size_t i = 0; i < n; i++)
        before += start_key(s.invitations.v[i].expires_at) < last;
    assert_true(before < h.n);
    assert_int_equal(got.invitations.n, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(got.invitations.v[i].id, s.invitations.v[i].id);
        assert_int_equal(got.invitations.v[i].expires_at, s.invitations.v[i].expires_at);
        assert_non_null(got.invitations.v[i].slab); /* a row's strings in one block */
        assert_string_equal(got.invitations.v[i].shown.email, s.invitations.v[i].email);
    }
    snapshot_free(&got);
    head_seen_free(&h);

    /* A list shorter than a head is all head. */
    snapshot_free(&s);
    big_sample(&s, 5);
    assert_int_equal(snapshot_save(dir, path, &s), 0);
    assert_int_equal(snapshot_load_head(path, 1700000000, &head, &got), SNAPSHOT_OK);
    assert_int_equal(h.calls, 1);
    assert_int_equal(h.n, 5);
    assert_int_equal(got.invitations.n, 5);
    snapshot_free(&got);
    head_seen_free(&h);

    snapshot_free(&s);
    cleanup(base, dir, path);
    free(path);
    free(dir);
    free(base);
}

/* A byte changed in the head: nothing is handed over. In the rest: the head was whole and
 * handed over, and the load still says the file is damaged. */
static void damage_before_and_after_the_head(void **state)
{
    (void)state;
    struct snapshot s, got;
    struct strbuf sb;
    struct head_seen h = {0};
    struct snapshot_head head = {head_fn, &h};

    big_sample(&s, 24000);
    strbuf_init(&sb);
    snapshot_encode(&sb, &s);
    const char *marker = strstr(sb.data, "inv-011000"); /* a record past the head */
    assert_non_null(marker);
    size_t late = (size_t)(marker - sb.data) + 5, early = sb.len / 200;
    sb.data[late] ^= 0x01;
    assert_int_equal(snapshot_decode_load(sb.data, sb.len, 1700000000, &head, &got),
                     SNAPSHOT_CORRUPT);
    assert_int_equal(h.calls, 1);
    head_seen_free(&h);
    sb.data[late] ^= 0x01;
    sb.data[early] ^= 0x01;
    assert_int_equal(snapshot_decode_load(sb.data, sb.len, 1700000000, &head, &got),
                     SNAPSHOT_CORRUPT);
    assert_int_equal(h.calls, 0);
    sb.data[early] ^= 0x01;
    assert_int_equal(snapshot_decode_load(sb.data, sb.len, 1700000000, NULL, &got), SNAPSHOT_OK);
    assert_int_equal(got.invitations.n, 24000);
    snapshot_free(&got);
    strbuf_free(&sb);
    snapshot_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(corrupt_at_every_point),
        cmocka_unit_test(wrong_version_and_magic),
        cmocka_unit_test(files_are_private),
        cmocka_unit_test(large_lists_are_written_in_pieces),
        cmocka_unit_test(dir_from_environment),
        cmocka_unit_test(head_first_then_the_list_in_its_order),
        cmocka_unit_test(damage_before_and_after_the_head),
        cmocka_unit_test(records_write_the_same_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
