/* The providers' network glue against a fake HTTP layer: which requests
 * are made (URLs, methods, bodies, pages in parallel), and how answers and
 * failures come back. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/hybridbox_json.h"
#include "invitui/list_progress.h"
#include "invitui/provider.h"
#include "model_testlib.h"

#define HB "http://hb.test"
#define MP "http://mp.test"
#define ACC_HB "3c90c3cc-0d44-4b50-8888-8dd25736052a"
#define ACC_HB2 "11111111-2222-4333-8444-555555555555"
#define INV_HB "9a1e0c6b-3b7d-4f1a-8e2c-5d6f7a8b9c0d"
#define ACC "ACC-1234-5678"
#define AUSR "AUSR-4134-7183-7330"
#define USR "USR-6375-2499"

/* ---- MOCK of http.c (test-only; http.o is never linked into this test) ---- */

struct route {
    char *method_url; /* "GET http://..." */
    long status;
    char *body;
};

static struct route routes[64];
static size_t nroutes;
static struct strvec calls;  /* "GET url" or "POST url <body>" */
static int last_parallel;

static void route(const char *method, const char *url, long status, const char *body)
{
    routes[nroutes].method_url = xasprintf("%s %s", method, url);
    routes[nroutes].status = status;
    routes[nroutes].body = xstrdup(body);
    nroutes++;
}

static void reset(void)
{
    for (size_t i = 0; i < nroutes; i++) {
        free(routes[i].method_url);
        free(routes[i].body);
    }
    nroutes = 0;
    strvec_free(&calls);
    last_parallel = 0;
}

static int answer(const char *method, const struct http_call *call, struct http_response *r,
                  struct api_error *err)
{
    char *key = xasprintf("%s %s", method, call->url);
    const struct route *rt = NULL;

    if (call->json_body)
        strvec_push_owned(&calls, xasprintf("%s <%s>", key, call->json_body));
    else
        strvec_push(&calls, key);
    for (size_t i = 0; i < nroutes && !rt; i++)
        if (strcmp(routes[i].method_url, key) == 0)
            rt = &routes[i];
    free(key);
    if (!rt) {
        r->status = 404;
        return api_error_set(err, API_ERR_HTTP, "no route for %s", call->url);
    }
    r->status = rt->status;
    if (rt->status < 200 || rt->status > 299) {
        strbuf_puts(&r->body, rt->body);
        api_error_set(err, rt->status == 401 ? API_ERR_AUTH : API_ERR_HTTP, "HTTP %ld",
                      rt->status);
        err->http_status = rt->status; /* after the set, which clears err */
        return -1;
    }
    if (!call->sink) {
        strbuf_puts(&r->body, rt->body);
        return 0;
    }
    /* Streamed: small uneven pieces, as a network would deliver them. */
    for (size_t off = 0, len = strlen(rt->body), n; off < len; off += n) {
        n = 1 + off % 7;
        if (n > len - off)
            n = len - off;
        if (call->sink(call->sink_ctx, rt->body + off, n, err) < 0)
            return -1;
    }
    return 0;
}

int http_perform(struct http_client *c, const struct http_call *call,
                 struct http_response *response, struct api_error *err)
{
    (void)c;
    return answer(call->method == HTTP_POST ? "POST" : "GET", call, response, err);
}

/* The answers land last first, as a parallel batch may deliver them. */
int http_get_many_hooked(struct http_client *c, const char *const *urls, size_t n,
                         int parallel, struct http_response *responses,
                         const struct http_many_hook *hook, const atomic_int *cancel,
                         struct api_error *err)
{
    int rc = 0;

    (void)c;
    last_parallel = parallel;
    for (size_t i = 0; i < n; i++) {
        struct http_call call = {.method = HTTP_GET, .url = urls[i], .cancel = cancel};
        struct api_error e2;
        api_error_init(&e2);
        strbuf_init(&responses[i].body);
        if (answer("GET", &call, &responses[i], &e2) < 0 && rc == 0) {
            api_error_clear(err);
            *err = e2;
            rc = -1;
        } else {
            api_error_clear(&e2);
        }
    }
    for (size_t i = n; hook && i-- > 0;)
        if (responses[i].status >= 200 && responses[i].status <= 299)
            hook->landed(hook->arg, i);
    return rc;
}

int http_get_many(struct http_client *c, const char *const *urls, size_t n, int parallel,
                  struct http_response *responses, const atomic_int *cancel,
                  struct api_error *err)
{
    return http_get_many_hooked(c, urls, n, parallel, responses, NULL, cancel, err);
}

void http_response_free(struct http_response *r)
{
    strbuf_free(&r->body);
}

/* ---- END MOCK ---- */

static struct profile hb_profile, mp_profile;

static int setup(void **state)
{
    (void)state;
    memset(&hb_profile, 0, sizeof(hb_profile));
    hb_profile.name = "hb";
    hb_profile.provider = PROVIDER_HYBRIDBOX;
    hb_profile.base_url = HB;
    hb_profile.concurrency = 3;
    memset(&mp_profile, 0, sizeof(mp_profile));
    mp_profile.name = "mp";
    mp_profile.provider = PROVIDER_MARKETPLACE;
    mp_profile.base_url = MP;
    mp_profile.concurrency = 4;
    mp_profile.user_path = USER_PATH_STANDALONE;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    strvec_free(&hb_profile.accounts);
    reset();
    return 0;
}

static const char *call(size_t i)
{
    assert_true(i < calls.n);
    return calls.v[i];
}

static void hybridbox_list_streams(void **state)
{
    struct provider_ctx ctx = {.profile = &hb_profile};
    struct invitation_list l = {0};
    struct api_error err;
    size_t len;
    char *doc = read_fixture("hybridbox-list.json", &len);
    struct invitation_query q = {.status = -1, .email = "ann.lee@example.com"};
    (void)state;

    api_error_init(&err);
    route("GET", HB "/v1/public/accounts/" ACC_HB "/auth/invitations?email=ann.lee%40example.com",
          200, doc);
    assert_ptr_equal(provider_for(PROVIDER_HYBRIDBOX), &provider_hybridbox);
    assert_int_equal(provider_hybridbox.list_invitations(&ctx, ACC_HB, &q, &l, &err), 0);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[2].account_id, ACC_HB);
    invitation_list_free(&l);

    /* A server answering garbage: a parse error, nothing appended. */
    reset();
    route("GET", HB "/v1/public/accounts/" ACC_HB "/auth/invitations", 200, "[{\"id\":\"x\"},");
    assert_int_equal(provider_hybridbox.list_invitations(&ctx, ACC_HB, NULL, &l, &err), -1);
    assert_int_equal(err.kind, API_ERR_PARSE);
    assert_int_equal(l.n, 0);
    api_error_clear(&err);

    /* An HTTP failure comes back as it is. */
    reset();
    route("GET", HB "/v1/public/accounts/" ACC_HB "/auth/invitations", 401, "{\"detail\":\"no\"}");
    assert_int_equal(provider_hybridbox.list_invitations(&ctx, ACC_HB, NULL, &l, &err), -1);
    assert_int_equal(err.kind, API_ERR_AUTH);
    api_error_clear(&err);

    /* A bad account id: no request at all. */
    reset();
    assert_int_equal(provider_hybridbox.list_invitations(&ctx, "../x", NULL, &l, &err), -1);
    assert_int_equal(err.kind, API_ERR_USAGE);
    assert_int_equal(calls.n, 0);
    api_error_clear(&err);
    free(doc);
}

static void hybridbox_accounts(void **state)
{
    struct provider_ctx ctx = {.profile = &hb_profile};
    struct account_list al = {0};
    struct api_error err;
    (void)state;

    api_error_init(&err);
    strvec_push(&hb_profile.accounts, ACC_HB);
    strvec_push(&hb_profile.accounts, ACC_HB2);
    route("GET", HB "/v1/public/accounts/" ACC_HB, 200, "{\"id\":\"" ACC_HB "\",\"name\":\"One\"}");
    route("GET", HB "/v1/public/accounts/" ACC_HB2, 200,
          "{\"id\":\"" ACC_HB2 "\",\"name\":\"Two\"}");
    assert_int_equal(provider_hybridbox.list_accounts(&ctx, &al, &err), 0);
    assert_int_equal(al.n, 2);
    assert_string_equal(al.v[1].name, "Two");
    assert_int_equal(last_parallel, 3);
    account_list_free(&al);

    /* No accounts in the profile: a configuration error naming the setting
     * and the profile, and no request (Hybridbox lists no accounts). */
    reset();
    strvec_free(&hb_profile.accounts);
    assert_int_equal(provider_hybridbox.list_accounts(&ctx, &al, &err), -1);
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_int_equal(api_error_exit_code(&err), 2);
    assert_non_null(strstr(err.title, "accounts = "));
    assert_non_null(strstr(err.title, "\"hb\""));
    assert_int_equal(calls.n, 0);
    assert_int_equal(al.n, 0);
    api_error_clear(&err);
}

static void hybridbox_get_and_actions(void **state)
{
    struct provider_ctx ctx = {.profile = &hb_profile};
    struct invitation inv = {0}, out = {0};
    struct api_error err;
    size_t len;
    char *doc = read_fixture("hybridbox-list.json", &len);
    (void)state;

    api_error_init(&err);
    route("GET", HB "/v1/public/accounts/" ACC_HB "/auth/invitations", 200, doc);
    assert_int_equal(provider_hybridbox.get_invitation(&ctx, ACC_HB, INV_HB, &inv, &err), 0);
    assert_string_equal(inv.email, "bob@example.org");
    /* UUIDs compare in any case. */
    assert_int_equal(provider_hybridbox.get_invitation(&ctx, ACC_HB,
                                                       "9A1E0C6B-3B7D-4F1A-8E2C-5D6F7A8B9C0D",
                                                       &out, &err), 0);
    assert_string_equal(out.id, INV_HB);
    invitation_free(&out);
    assert_int_equal(provider_hybridbox.get_invitation(&ctx, ACC_HB, ACC_HB2, &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.http_status, 404);
    api_error_clear(&err);

    /* inv is accepted: resend is refused without a request. */
    size_t before = calls.n;
    assert_int_equal(provider_hybridbox.resend(&ctx, &inv, "fr", &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_STATE);
    assert_int_equal(calls.n, before);
    api_error_clear(&err);
    assert_int_equal(provider_hybridbox.send_new(&ctx, &inv, &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_STATE);
    api_error_clear(&err);

    /* A pending one is resent with the locale, and the answer comes back. */
    free(inv.raw_status);
    inv.raw_status = xstrdup("pending");
    inv.expires_at = 0;
    route("POST", HB "/v1/public/accounts/" ACC_HB "/auth/invitations/" INV_HB "/resend", 200,
          "{\"id\":\"" INV_HB "\",\"status\":\"pending\",\"email\":\"bob@example.org\"}");
    assert_int_equal(provider_hybridbox.resend(&ctx, &inv, "fr", &out, &err), 0);
    assert_string_equal(call(calls.n - 1), "POST " HB "/v1/public/accounts/" ACC_HB
                                           "/auth/invitations/" INV_HB
                                           "/resend <{\"locale\":\"fr\"}>");
    assert_string_equal(out.raw_status, "pending");
    assert_string_equal(out.account_id, ACC_HB);

    /* Read-only profiles never post. */
    hb_profile.read_only = true;
    before = calls.n;
    assert_int_equal(provider_hybridbox.resend(&ctx, &inv, NULL, &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    struct create_assignment as = {.role_key = "editor"};
    struct create_request req = {.email = "n@example.com", .assignments = &as, .nassignments = 1};
    assert_int_equal(provider_hybridbox.create(&ctx, ACC_HB, &req, &out, &err), -1);
    assert_int_equal(calls.n, before);
    api_error_clear(&err);
    hb_profile.read_only = false;

    route("POST", HB "/v1/public/accounts/" ACC_HB "/auth/invitations", 201,
          "{\"id\":\"" ACC_HB2 "\",\"status\":\"pending\",\"email\":\"n@example.com\"}");
    assert_int_equal(provider_hybridbox.create(&ctx, ACC_HB, &req, &out, &err), 0);
    assert_string_equal(out.id, ACC_HB2);
    assert_string_equal(call(calls.n - 1),
                        "POST " HB "/v1/public/accounts/" ACC_HB "/auth/invitations "
                        "<{\"assignments\":[{\"role_key\":\"editor\"}],"
                        "\"email\":\"n@example.com\"}>");

    struct group_list gl = {0};
    route("GET", HB "/v1/public/accounts/" ACC_HB "/auth/groups", 200,
          "[{\"id\":\"g1\",\"name\":\"Admins\"}]");
    assert_int_equal(provider_hybridbox.list_groups(&ctx, ACC_HB, &gl, &err), 0);
    assert_int_equal(gl.n, 1);
    group_list_free(&gl);
    invitation_free(&inv);
    invitation_free(&out);
    free(doc);
}

static char *users_page(int from, int count, long total, bool meta)
{
    struct strbuf sb;

    strbuf_init(&sb);
    strbuf_puts(&sb, "{");
    if (meta && total >= 0)
        strbuf_printf(&sb,
                      "\"$meta\":{\"pagination\":{\"offset\":%d,\"limit\":100,\"total\":%ld}},",
                      from, total);
    else if (meta)
        strbuf_printf(&sb, "\"$meta\":{\"pagination\":{\"offset\":%d,\"limit\":100}},", from);
    strbuf_puts(&sb, "\"data\":[");
    for (int i = 0; i < count; i++)
        strbuf_printf(&sb, "%s{\"id\":\"AUSR-0000-0000-%04d\",\"user\":{\"id\":\"USR-0000-%04d\"},"
                      "\"invitation\":{\"status\":\"Invited\"}}",
                      i ? "," : "", from + i, from + i);
    strbuf_puts(&sb, "]}");
    return strbuf_detach(&sb, NULL);
}

struct progress_seen {
    const struct list_progress *self;
    size_t calls, n[8], expected, last_n;
    bool in_order, complete, first_complete;
};

/* list_progress's fn: the rows so far must be the list's first ones, in offset order. */
static void note_rows(void *arg, struct invitation_list *rows, size_t from)
{
    struct progress_seen *seen = arg;
    char want[48];

    for (size_t i = from; i < rows->n; i++) {
        snprintf(want, sizeof(want), "AUSR-0000-0000-%04zu", i);
        seen->in_order = seen->in_order && strcmp(rows->v[i].id, want) == 0;
    }
    if (seen->calls < 8)
        seen->n[seen->calls] = rows->n;
    if (seen->calls == 0)
        seen->first_complete = seen->self->complete;
    seen->calls++;
    seen->last_n = rows->n;
    seen->expected = seen->self->expected;
    seen->complete = seen->self->complete;
}

#define USERS(off) MP "/public/v1/accounts/account-users?eq(account.id,%22" ACC \
    "%22)&select=+audit&limit=100&offset=" #off

/* The TUI's list job on the three-invitation fixture: its progress, packed rows. */
static void list_fixture_for_the_tui(struct list_progress *progress, struct invitation_list *l)
{
    struct provider_ctx ctx = {.profile = &hb_profile, .progress = progress, .packed_rows = true};
    struct api_error err;
    size_t len;
    char *doc = read_fixture("hybridbox-list.json", &len);

    api_error_init(&err);
    route("GET", HB "/v1/public/accounts/" ACC_HB "/auth/invitations", 200, doc);
    assert_int_equal(provider_hybridbox.list_invitations(&ctx, ACC_HB, NULL, l, &err), 0);
    free(doc);
}

/* The TUI's list job: rows handed on as they are read (those of one read of the socket at a
 * time: here all three came at once), before the list is whole and again when it is, each
 * keeping the provider's object packed rather than as text. */
static void hybridbox_list_for_the_tui(void **state)
{
    struct progress_seen seen = {0};
    struct list_progress progress = {.fn = note_rows, .arg = &seen};
    struct invitation_list l = {0};
    (void)state;

    seen.self = &progress;
    list_fixture_for_the_tui(&progress, &l);
    assert_int_equal(l.n, 3);
    assert_true(seen.calls >= 2); /* the first rows at once, the rest when whole */
    assert_true(seen.n[0] >= 1);
    assert_false(seen.first_complete);
    assert_int_equal(seen.last_n, 3);
    assert_true(seen.complete);
    for (size_t i = 0; i < l.n; i++) {
        assert_null(l.v[i].raw);
        json_t *o = invitation_object(&l.v[i]);
        assert_string_equal(json_string_value(json_object_get(o, "id")), l.v[i].id);
        json_decref(o);
    }
    invitation_list_free(&l);
}

/* list_progress's fn as the TUI's first load has it: it takes the rows themselves out of
 * the reader's list (list_progress.h). */
struct taken_rows {
    struct invitation_list rows;
    size_t calls;
};

static void take_rows(void *arg, struct invitation_list *rows, size_t from)
{
    struct taken_rows *t = arg;

    assert_int_equal(from, 0); /* what was handed before was taken */
    for (size_t i = from; i < rows->n; i++)
        invitation_list_push(&t->rows, &rows->v[i]);
    rows->n = from;
    t->calls++;
}

/* A viewer that takes the rows gets each once, in order and whole (their object is
 * there); the reader's list keeps none, and the count is still the rows read. */
static void hybridbox_list_rows_taken(void **state)
{
    struct taken_rows t = {0};
    struct list_progress progress = {.fn = take_rows, .arg = &t};
    struct invitation_list l = {0};
    (void)state;

    list_fixture_for_the_tui(&progress, &l);
    assert_int_equal(l.n, 0);
    assert_true(t.calls >= 2); /* the first row at once, the rest when whole */
    assert_int_equal(progress.handed, 3);
    assert_int_equal(progress.taken, 3);
    assert_int_equal(list_progress_count(&progress, &l), 3);
    assert_int_equal(t.rows.n, 3);
    for (size_t i = 0; i < t.rows.n; i++) {
        assert_non_null(t.rows.v[i].email);
        json_t *o = invitation_object(&t.rows.v[i]);
        assert_string_equal(json_string_value(json_object_get(o, "id")), t.rows.v[i].id);
        assert_non_null(json_object_get(o, "assignments"));
        json_decref(o);
    }
    assert_string_equal(t.rows.v[0].id, "3c90c3cc-0d44-4b50-8888-8dd25736052a"); /* in order */
    assert_string_equal(t.rows.v[2].id, "C0FFEE00-0000-4000-8000-00000000BEEF");
    invitation_list_free(&l);
    invitation_list_free(&t.rows);
}

static void marketplace_pages(void **state)
{
    struct provider_ctx ctx = {.profile = &mp_profile};
    struct invitation_list l = {0};
    struct api_error err;
    char *p0 = users_page(0, 100, 250, true), *p1 = users_page(100, 100, 250, true),
         *p2 = users_page(200, 50, 250, true);
    (void)state;

    api_error_init(&err);
    route("GET", USERS(0), 200, p0);
    route("GET", USERS(100), 200, p1);
    route("GET", USERS(200), 200, p2);
    assert_int_equal(provider_marketplace.list_invitations(&ctx, ACC, NULL, &l, &err), 0);
    assert_int_equal(l.n, 250);
    assert_string_equal(l.v[249].id, "AUSR-0000-0000-0249");
    assert_string_equal(l.v[249].user_id, "USR-0000-0249");
    assert_int_equal(calls.n, 3);
    assert_int_equal(last_parallel, 4); /* pages 2 and 3 went out together */
    invitation_list_free(&l);
    free(p0);
    free(p1);
    free(p2);

    /* Rows are handed on page by page, in offset order though the pages land last first,
     * with the total from $meta. */
    reset();
    struct progress_seen seen = {0};
    struct list_progress progress = {.fn = note_rows, .arg = &seen};
    seen.self = &progress;
    seen.in_order = true;
    p0 = users_page(0, 100, 350, true);
    p1 = users_page(100, 100, 350, true);
    p2 = users_page(200, 100, 350, true);
    char *p3 = users_page(300, 50, 350, true);
    route("GET", USERS(0), 200, p0);
    route("GET", USERS(100), 200, p1);
    route("GET", USERS(200), 200, p2);
    route("GET", USERS(300), 200, p3);
    ctx.progress = &progress;
    assert_int_equal(provider_marketplace.list_invitations(&ctx, ACC, NULL, &l, &err), 0);
    ctx.progress = NULL;
    assert_int_equal(l.n, 350);
    /* 100 at once; 200 when the second page is parsed (as many new rows as handed); the
     * last two pages are due only after LIST_PROGRESS_MS, or when the list is whole. */
    assert_in_range(seen.calls, 3, 5);
    assert_int_equal(seen.n[0], 100);
    assert_int_equal(seen.n[1], 200);
    assert_int_equal(seen.last_n, 350);
    assert_true(seen.complete);
    assert_int_equal(seen.expected, 350);
    assert_true(seen.in_order);
    invitation_list_free(&l);
    free(p0);
    free(p1);
    free(p2);
    free(p3);

    /* No $meta: one page only, even a full one. */
    reset();
    p0 = users_page(0, 100, -1, false);
    route("GET", USERS(0), 200, p0);
    assert_int_equal(provider_marketplace.list_invitations(&ctx, ACC, NULL, &l, &err), 0);
    assert_int_equal(l.n, 100);
    assert_int_equal(calls.n, 1);
    invitation_list_free(&l);
    free(p0);

    /* $meta without a total: page by page until a short page. */
    reset();
    p0 = users_page(0, 100, -1, true);
    p1 = users_page(100, 3, -1, true);
    route("GET", USERS(0), 200, p0);
    route("GET", USERS(100), 200, p1);
    assert_int_equal(provider_marketplace.list_invitations(&ctx, ACC, NULL, &l, &err), 0);
    assert_int_equal(l.n, 103);
    assert_int_equal(calls.n, 2);
    invitation_list_free(&l);
    free(p0);
    free(p1);

    /* A server that caps the page size: offsets follow its limit. */
    reset();
    p0 = users_page(0, 50, 120, true);
    p1 = users_page(50, 50, 120, true);
    p2 = users_page(100, 20, 120, true);
    char *lim = strstr(p0, "\"limit\":100");
    assert_non_null(lim);
    memcpy(lim, "\"limit\": 50", 11);
    route("GET", USERS(0), 200, p0);
    route("GET", USERS(50), 200, p1);
    route("GET", USERS(100), 200, p2);
    assert_int_equal(provider_marketplace.list_invitations(&ctx, ACC, NULL, &l, &err), 0);
    assert_int_equal(l.n, 120);
    invitation_list_free(&l);
    free(p0);
    free(p1);
    free(p2);

    /* One failing page fails the whole list and returns nothing. */
    reset();
    p0 = users_page(0, 100, 150, true);
    route("GET", USERS(0), 200, p0);
    route("GET", USERS(100), 500, "{\"title\":\"boom\"}");
    assert_int_equal(provider_marketplace.list_invitations(&ctx, ACC, NULL, &l, &err), -1);
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(l.n, 0);
    api_error_clear(&err);
    free(p0);

    /* Accounts and groups page the same way. */
    reset();
    struct account_list al = {0};
    route("GET", MP "/public/v1/accounts/accounts?limit=100&offset=0", 200,
          "{\"$meta\":{\"pagination\":{\"total\":1}},"
          "\"data\":[{\"id\":\"" ACC "\",\"type\":\"Client\"}]}");
    assert_int_equal(provider_marketplace.list_accounts(&ctx, &al, &err), 0);
    assert_int_equal(al.n, 1);
    account_list_free(&al);
    struct group_list gl = {0};
    route("GET",
          MP "/public/v1/accounts/user-groups?eq(account.id,%22" ACC "%22)&limit=100&offset=0",
          200, "{\"$meta\":{\"pagination\":{\"total\":1}},\"data\":[{\"id\":\"UGR-1234-5678\"}]}");
    assert_int_equal(provider_marketplace.list_groups(&ctx, ACC, &gl, &err), 0);
    assert_int_equal(gl.n, 1);
    group_list_free(&gl);
}

static void marketplace_actions(void **state)
{
    struct provider_ctx ctx = {.profile = &mp_profile};
    struct invitation target = {.id = AUSR, .user_id = USR, .account_id = ACC,
                                .raw_status = "Invited"};
    struct invitation out = {0};
    struct api_error err;
    time_t now = time(NULL);
    (void)state;

    api_error_init(&err);
    route("POST", MP "/public/v1/accounts/account-users/" AUSR "/resend-invite", 200,
          "{\"id\":\"" AUSR "\",\"invitation\":{\"status\":\"Invited\"}}");
    assert_int_equal(provider_marketplace.resend(&ctx, &target, "fr", &out, &err), 0);
    /* No body at all (json_body NULL), as the official client posts. */
    assert_string_equal(call(0), "POST " MP "/public/v1/accounts/account-users/" AUSR
                                 "/resend-invite");
    assert_true(out.expires_at >= now + 7 * 86400);
    assert_int_equal(out.status, INV_STATUS_PENDING);
    assert_string_equal(out.account_id, ACC);

    /* Invited: send-new is refused locally. */
    assert_int_equal(provider_marketplace.send_new(&ctx, &target, &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_STATE);
    assert_int_equal(calls.n, 1);
    api_error_clear(&err);

    /* Expired, account form. */
    mp_profile.user_path = USER_PATH_ACCOUNT;
    target.raw_status = "InvitationExpired";
    route("POST", MP "/public/v1/accounts/accounts/" ACC "/users/" USR "/send-new-invite", 200,
          "{\"id\":\"" AUSR "\",\"invitation\":{\"status\":\"Invited\"},"
          "\"audit\":{\"updated\":{\"at\":\"2030-01-01T00:00:00Z\"}}}");
    assert_int_equal(provider_marketplace.send_new(&ctx, &target, &out, &err), 0);
    assert_int_equal(out.expires_at, 1893456000 + 7 * 86400);
    assert_int_equal(provider_marketplace.resend(&ctx, &target, NULL, &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_STATE);
    api_error_clear(&err);

    /* An AUSR id is read from the standalone form whatever the profile says;
     * the server's 404 comes back as it is. */
    route("GET", MP "/public/v1/accounts/account-users/" AUSR "?select=+audit", 404,
          "{\"title\":\"Not Found\",\"status\":404}");
    assert_int_equal(provider_marketplace.get_invitation(&ctx, ACC, AUSR, &out, &err), -1);
    assert_int_equal(err.http_status, 404);
    api_error_clear(&err);
    route("GET", MP "/public/v1/accounts/accounts/" ACC "/users/" USR "?select=+audit", 200,
          "{\"id\":\"" AUSR "\",\"user\":{\"id\":\"" USR "\",\"name\":\"Ann\"}}");
    assert_int_equal(provider_marketplace.get_invitation(&ctx, ACC, USR, &out, &err), 0);
    assert_string_equal(out.name, "Ann");

    /* create: validation first, then the POST in the configured form. */
    struct create_request req = {.email = "a@b.c", .first_name = "A", .last_name = "B"};
    size_t before = calls.n;
    assert_int_equal(provider_marketplace.create(&ctx, ACC, &req, &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_USAGE);
    assert_int_equal(calls.n, before);
    api_error_clear(&err);
    strvec_push(&req.groups, "UGR-1234-5678");
    route("POST", MP "/public/v1/accounts/accounts/" ACC "/users", 201,
          "{\"id\":\"AUSR-0000-0000-0001\",\"invitation\":{\"status\":\"Invited\"}}");
    assert_int_equal(provider_marketplace.create(&ctx, ACC, &req, &out, &err), 0);
    assert_string_equal(out.id, "AUSR-0000-0000-0001");
    strvec_free(&req.groups);
    invitation_free(&out);
}

/* The registry: profiles name a provider, and everything else reaches it
 * through its kind; the configuration rules are the provider's data. */
static void registry_names_and_kinds(void **state)
{
    (void)state;
    const struct provider_ops *all[] = {&provider_hybridbox, &provider_marketplace};

    for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
        assert_ptr_equal(provider_named(all[i]->name), all[i]);
        assert_ptr_equal(provider_for(all[i]->kind), all[i]);
        assert_string_equal(provider_kind_name(all[i]->kind), all[i]->name);
        assert_non_null(all[i]->form);
    }
    assert_int_not_equal(provider_hybridbox.kind, provider_marketplace.kind);
    assert_null(provider_named("Hybridbox")); /* exact, as the file must say it */
    assert_null(provider_named(""));
    assert_null(provider_named(NULL));
    assert_true(provider_hybridbox.needs_accounts);
    assert_false(provider_hybridbox.takes_user_path);
    assert_false(provider_marketplace.needs_accounts);
    assert_true(provider_marketplace.takes_user_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hybridbox_list_streams, setup, teardown),
        cmocka_unit_test_setup_teardown(hybridbox_accounts, setup, teardown),
        cmocka_unit_test_setup_teardown(hybridbox_get_and_actions, setup, teardown),
        cmocka_unit_test_setup_teardown(hybridbox_list_for_the_tui, setup, teardown),
        cmocka_unit_test_setup_teardown(hybridbox_list_rows_taken, setup, teardown),
        cmocka_unit_test_setup_teardown(marketplace_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(marketplace_actions, setup, teardown),
        cmocka_unit_test(registry_names_and_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
