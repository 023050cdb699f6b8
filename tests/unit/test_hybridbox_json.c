#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/hybridbox_json.h"
#include "model_testlib.h"

#define ACC "3c90c3cc-0d44-4b50-8888-8dd25736052a"
#define INV "9a1e0c6b-3b7d-4f1a-8e2c-5d6f7a8b9c0d"
#define BASE "https://api.hybridbox.io"

static time_t at(const char *iso)
{
    time_t t = 0;
    assert_int_equal(model_parse_time(iso, &t), 0);
    return t;
}

/* The assignments column's labels: a role as it is, a capability and a group after their
 * word (one "%s" in the catalog's text). */
static void assignment_labels(void **state)
{
    static const struct {
        const char *v[HYBRIDBOX_LABEL_KEYS];
        const char *want;
    } cases[] = {
        {{"editor", "x.y", "G", NULL, NULL}, "editor"},
        {{NULL, "dns_record.manage", "G", NULL, NULL}, "cap: dns_record.manage"},
        {{"", "", "Group 7", NULL, NULL}, "group: Group 7"},
        {{NULL, NULL, "100%s", NULL, NULL}, "group: 100%s"},
        {{NULL, NULL, NULL, NULL, NULL}, "?"},
    };
    (void)state;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct strbuf sb;
        strbuf_init(&sb);
        hybridbox_assignment_label(&sb, cases[i].v);
        assert_string_equal(sb.data, cases[i].want);
        strbuf_free(&sb);
    }
}

static void reference_invitation_parses(void **state)
{
    size_t len;
    char *body = read_fixture("hybridbox-invitation.json", &len);
    struct invitation inv;
    struct api_error err;
    (void)state;

    api_error_init(&err);
    assert_int_equal(hybridbox_parse_invitation(body, len, ACC, at("2023-01-01T00:00:00Z"),
                                                &inv, &err), 0);
    assert_string_equal(inv.id, "3c90c3cc-0d44-4b50-8888-8dd25736052a");
    assert_string_equal(inv.account_id, ACC);
    assert_string_equal(inv.email, "<string>");
    assert_string_equal(inv.raw_status, "<string>");
    assert_int_equal(inv.status, INV_STATUS_OTHER);
    assert_int_equal(inv.created_at, 1699335116);
    assert_int_equal(inv.expires_at, 1699335116);
    assert_int_equal(inv.accepted_at, 1699335116);
    assert_string_equal(inv.summary, "<string>");
    assert_null(inv.user_id);
    assert_null(inv.name);
    assert_null(inv.link);
    /* raw is the element re-serialised compactly: same JSON, no white space. */
    json_t *a = json_loads(inv.raw, 0, NULL), *b = json_loadb(body, len, 0, NULL);
    assert_true(json_equal(a, b));
    assert_null(strchr(inv.raw, '\n'));
    json_decref(a);
    json_decref(b);
    invitation_free(&inv);
    free(body);
}

struct list_run {
    struct invitation_list list;
    struct api_error err;
    int rc;
};

enum stream_mode { STREAM_RAW, STREAM_PACKED, STREAM_PARALLEL };

static void stream_in_mode(const char *doc, size_t len, size_t chunk, time_t now,
                           enum stream_mode mode, struct list_run *r)
{
    struct hybridbox_stream st;
    size_t off = 0;

    memset(r, 0, sizeof(*r));
    api_error_init(&r->err);
    hybridbox_stream_init(&st, ACC, now, &r->list);
    if (mode == STREAM_PACKED)
        hybridbox_stream_pack(&st);
    else if (mode == STREAM_PARALLEL)
        hybridbox_stream_parallel(&st);
    while (off < len && r->rc == 0) {
        size_t n = chunk && chunk < len - off ? chunk : len - off;
        r->rc = hybridbox_stream_feed(&st, doc + off, n, &r->err);
        off += n;
    }
    if (r->rc == 0)
        r->rc = hybridbox_stream_finish(&st, &r->err);
    hybridbox_stream_free(&st);
}

static void stream_in_chunks(const char *doc, size_t len, size_t chunk, time_t now,
                             struct list_run *r)
{
    stream_in_mode(doc, len, chunk, now, STREAM_RAW, r);
}

static void free_run(struct list_run *r)
{
    invitation_list_free(&r->list);
    api_error_clear(&r->err);
}

static void list_streams_identically_in_any_chunks(void **state)
{
    size_t len;
    char *doc = read_fixture("hybridbox-list.json", &len);
    time_t now = at("2026-11-23T12:00:00Z");
    static const size_t chunks[] = {0, 1, 5, 333};
    struct list_run whole;
    (void)state;

    stream_in_chunks(doc, len, 0, now, &whole);
    assert_int_equal(whole.rc, 0);
    assert_int_equal(whole.list.n, 3);
    const struct invitation *a = &whole.list.v[0], *b = &whole.list.v[1], *c = &whole.list.v[2];
    assert_string_equal(a->email, "ann.lee@example.com");
    assert_int_equal(a->status, INV_STATUS_PENDING);
    assert_string_equal(a->summary, "editor, dns_manager +2");
    assert_int_equal(a->expires_at, at("2026-11-27T09:00:00Z"));
    assert_int_equal(a->accepted_at, 0);
    assert_non_null(strstr(a->raw, "\"note\":\"Welcome [team] \\\"ops\\\" \\\\ {x}\""));
    assert_string_equal(b->summary, "cap: dns_record.manage");
    assert_int_equal(b->status, INV_STATUS_ACCEPTED);
    assert_int_equal(b->accepted_at, at("2026-11-02T11:30:00Z"));
    assert_string_equal(c->id, "C0FFEE00-0000-4000-8000-00000000BEEF");
    assert_int_equal(c->status, INV_STATUS_EXPIRED); /* pending, but past expires_at */
    assert_string_equal(c->raw_status, "pending");
    assert_string_equal(c->summary, "");
    for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
        struct list_run r;
        stream_in_chunks(doc, len, chunks[k], now, &r);
        assert_int_equal(r.rc, 0);
        assert_int_equal(r.list.n, 3);
        for (size_t i = 0; i < 3; i++) {
            assert_string_equal(r.list.v[i].id, whole.list.v[i].id);
            assert_string_equal(r.list.v[i].raw, whole.list.v[i].raw);
            assert_string_equal(r.list.v[i].summary, whole.list.v[i].summary);
            assert_int_equal(r.list.v[i].status, whole.list.v[i].status);
        }
        free_run(&r);
    }
    free_run(&whole);
    free(doc);
}

static void list_hostile_elements(void **state)
{
    struct list_run r;
    (void)state;

    /* Missing id in element 1: a parse error that names the element. */
    const char *missing = "[{\"id\":\"" ACC "\"},{\"email\":\"x@y\"}]";
    stream_in_chunks(missing, strlen(missing), 1, 0, &r);
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.kind, API_ERR_PARSE);
    assert_non_null(strstr(r.err.title, "1"));
    assert_non_null(r.err.detail);
    free_run(&r);

    const char *numid = "[{\"id\":42}]";
    stream_in_chunks(numid, strlen(numid), 0, 0, &r);
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.kind, API_ERR_PARSE);
    free_run(&r);

    const char *notobj = "[\"just a string\"]";
    stream_in_chunks(notobj, strlen(notobj), 0, 0, &r);
    assert_int_equal(r.rc, -1);
    free_run(&r);

    /* Invalid UTF-8 inside a string: jansson refuses, we report cleanly. */
    const char *badutf = "[{\"id\":\"" ACC "\",\"email\":\"\xc3\x28@x\"}]";
    stream_in_chunks(badutf, strlen(badutf), 3, 0, &r);
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.kind, API_ERR_PARSE);
    free_run(&r);

    /* Duplicate keys are refused. */
    const char *dup = "[{\"id\":\"a\",\"id\":\"b\"}]";
    stream_in_chunks(dup, strlen(dup), 0, 0, &r);
    assert_int_equal(r.rc, -1);
    free_run(&r);

    /* Optional fields with wrong types or nulls count as absent. */
    const char *odd = "[{\"id\":\"" ACC "\",\"email\":7,\"status\":null,\"created_at\":\"soon\","
                      "\"expires_at\":123,\"accepted_at\":[],\"assignments\":{\"role_key\":1}},"
                      "{\"id\":\"x\",\"assignments\":[7,{\"role_key\":3,\"capability_key\":"
                      "\"a.b\"},{}]}]";
    stream_in_chunks(odd, strlen(odd), 2, 0, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.list.n, 2);
    assert_null(r.list.v[0].email);
    assert_null(r.list.v[0].raw_status);
    assert_int_equal(r.list.v[0].status, INV_STATUS_OTHER);
    assert_int_equal(r.list.v[0].created_at, 0);
    assert_int_equal(r.list.v[0].expires_at, 0);
    assert_int_equal(r.list.v[0].accepted_at, 0);
    assert_string_equal(r.list.v[0].summary, "");
    assert_string_equal(r.list.v[1].summary, "cap: a.b, ? +1");
    free_run(&r);

    /* An escaped NUL is valid JSON: kept in raw, the getters stop at it. */
    const char *nul = "[{\"id\":\"i\",\"email\":\"a\\u0000b@x\"}]";
    stream_in_chunks(nul, strlen(nul), 0, 0, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.list.v[0].email, "a");
    assert_non_null(strstr(r.list.v[0].raw, "\\u0000"));
    free_run(&r);

    /* Escapes and control characters stay raw in the struct. */
    const char *esc = "[{\"id\":\"i\",\"email\":\"\\u001b[31mred\\u0007@x\\n\"}]";
    stream_in_chunks(esc, strlen(esc), 1, 0, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.list.v[0].email, "\x1b[31mred\a@x\n");
    free_run(&r);
}

static void list_with_huge_note(void **state)
{
    struct strbuf doc;
    struct list_run r;
    (void)state;

    strbuf_init(&doc);
    strbuf_puts(&doc, "[{\"id\":\"" ACC "\",\"note\":\"");
    for (int i = 0; i < (1 << 20); i++)
        strbuf_putc(&doc, (char)('a' + i % 26));
    strbuf_puts(&doc, "\"},{\"id\":\"" INV "\"}]");
    stream_in_chunks(doc.data, doc.len, 4096, 0, &r);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.list.n, 2);
    assert_true(strlen(r.list.v[0].raw) > (1 << 20));
    free_run(&r);
    strbuf_free(&doc);
}

static void list_rejects_truncation_and_garbage(void **state)
{
    static const char *const bad[] = {
        "[{\"id\":\"a\"}", "[{\"id\":\"a\"}] x", "{\"items\":[]}", "", "[{\"id\":\"a\"},",
    };
    (void)state;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct list_run r;
        stream_in_chunks(bad[i], strlen(bad[i]), 1, 0, &r);
        assert_int_equal(r.rc, -1);
        assert_int_equal(r.err.kind, API_ERR_PARSE);
        free_run(&r);
    }
}

/* Rows only jansson read keep raw text (invitation_object refuses an escaped NUL). */
static void assert_same_object(const struct invitation *a, const struct invitation *b)
{
    if (a->raw || b->raw) {
        assert_non_null(a->raw);
        assert_non_null(b->raw);
        assert_string_equal(a->raw, b->raw);
        return;
    }
    json_t *x = invitation_object(a), *y = invitation_object(b);

    assert_non_null(x);
    assert_true(json_equal(x, y));
    json_decref(x);
    json_decref(y);
}

/* The rows (all of them up to a failing element) and the error of one stream read in turn
 * and of one read on two threads (hybridbox_stream_parallel): the same, piece by piece. */
static size_t assert_parallel_reads_as_in_turn(const char *doc, size_t len, size_t chunk)
{
    struct list_run in_turn, parallel;
    time_t now = at("2026-11-23T12:00:00Z");

    stream_in_mode(doc, len, chunk, now, STREAM_PACKED, &in_turn);
    stream_in_mode(doc, len, chunk, now, STREAM_PARALLEL, &parallel);
    assert_int_equal(parallel.rc, in_turn.rc);
    assert_int_equal(parallel.err.kind, in_turn.err.kind);
    if (in_turn.rc < 0)
        assert_string_equal(parallel.err.title, in_turn.err.title); /* names the element */
    assert_int_equal(parallel.list.n, in_turn.list.n);
    for (size_t i = 0; i < in_turn.list.n; i++) {
        const struct invitation *a = &in_turn.list.v[i], *b = &parallel.list.v[i];
        assert_string_equal(b->id, a->id);
        assert_true(model_cmp_null_last(b->email, a->email) == 0);
        assert_string_equal(b->summary, a->summary);
        assert_int_equal(b->status, a->status);
        assert_int_equal(b->expires_at, a->expires_at);
        assert_same_object(a, b);
    }
    size_t n = parallel.list.n;
    free_run(&in_turn);
    free_run(&parallel);
    return n;
}

/* Elements a helper thread reads alongside the splitter: some only jansson reads (an
 * escaped NUL), one larger than a batch, and, when bad_at is set, one that fails there. */
static void many_elements(struct strbuf *doc, int n, int bad_at)
{
    strbuf_putc(doc, '[');
    for (int i = 0; i < n; i++) {
        strbuf_printf(doc, "%s{\"id\":\"00000000-0000-4000-8000-%012d\",\"email\":"
                           "\"u%d%s@x\",\"status\":\"pending\",\"note\":\"",
                      i ? "," : "", i, i, i % 97 == 5 ? "\\u0000" : "");
        for (int k = 0; k < (i == n / 2 ? 300000 : i % 50); k++)
            strbuf_putc(doc, (char)('a' + k % 26));
        strbuf_printf(doc, "\",\"assignments\":[{\"role_key\":\"r%d\"}]%s}", i % 7,
                      i == bad_at ? ",\"id\":1" : "");
    }
    strbuf_putc(doc, ']');
}

static void parallel_stream_reads_as_in_turn(void **state)
{
    static const size_t chunks[] = {0, 1, 7, 333, 4096, 65536};
    static const char *const small[] = {
        "[]", "[{\"id\":\"a\"}", "[{\"id\":\"a\"}] x", "[{\"id\":\"a\"},",
        "[{\"id\":\"" ACC "\"},{\"email\":\"x@y\"}]", "[\"just a string\"]",
    };
    struct strbuf doc;
    size_t len;
    char *fixture = read_fixture("hybridbox-list.json", &len);
    (void)state;

    for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
        assert_parallel_reads_as_in_turn(fixture, len, chunks[c]);
        for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++)
            assert_parallel_reads_as_in_turn(small[i], strlen(small[i]), chunks[c]);
    }
    free(fixture);
    for (int bad_at = -1; bad_at < 3000; bad_at += 1501) { /* none, then element 1500 */
        strbuf_init(&doc);
        many_elements(&doc, 3000, bad_at);
        size_t rows = bad_at < 0 ? 3000 : (size_t)bad_at;
        assert_int_equal(assert_parallel_reads_as_in_turn(doc.data, doc.len, 0), rows);
        assert_int_equal(assert_parallel_reads_as_in_turn(doc.data, doc.len, 4096), rows);
        assert_int_equal(assert_parallel_reads_as_in_turn(doc.data, doc.len, 262144), rows);
        strbuf_free(&doc);
    }
}

static void ids_and_urls(void **state)
{
    struct api_error err;
    struct invitation_query q = {.status = INV_STATUS_PENDING, .email = "a+b c@x.org"};
    char *url;
    (void)state;

    api_error_init(&err);
    assert_true(hybridbox_id_valid(ACC));
    assert_true(hybridbox_id_valid("C0FFEE00-0000-4000-8000-00000000BEEF"));
    assert_false(hybridbox_id_valid(ACC "0"));
    assert_false(hybridbox_id_valid("3c90c3cc-0d44-4b50-8888-8dd25736052"));
    assert_false(hybridbox_id_valid("3c90c3cc_0d44-4b50-8888-8dd25736052a"));
    assert_false(hybridbox_id_valid("3c90c3cg-0d44-4b50-8888-8dd25736052a"));
    assert_false(hybridbox_id_valid("../../x"));
    assert_false(hybridbox_id_valid(""));
    assert_false(hybridbox_id_valid(NULL));

    url = hybridbox_url_account(BASE, ACC, &err);
    assert_string_equal(url, BASE "/v1/public/accounts/" ACC);
    free(url);
    /* Hybridbox's status values are unpublished: never sent, filtered here. */
    url = hybridbox_url_invitations(BASE, ACC, &q, &err);
    assert_string_equal(url, BASE "/v1/public/accounts/" ACC
                             "/auth/invitations?email=a%2Bb%20c%40x.org");
    free(url);
    q.email = NULL;
    for (int st = -1; st < INV_STATUS_COUNT; st++) {
        q.status = st;
        url = hybridbox_url_invitations(BASE, ACC, &q, &err);
        assert_string_equal(url, BASE "/v1/public/accounts/" ACC "/auth/invitations");
        free(url);
    }
    q.status = INV_STATUS_OTHER;
    q.email = "x@y";
    url = hybridbox_url_invitations(BASE, ACC, &q, &err);
    assert_string_equal(url, BASE "/v1/public/accounts/" ACC "/auth/invitations?email=x%40y");
    free(url);
    /* A search that is a whole address uses the exact email filter ... */
    q.email = NULL;
    q.search = "Ann.Lee+it@Example.org";
    url = hybridbox_url_invitations(BASE, ACC, &q, &err);
    assert_string_equal(url, BASE "/v1/public/accounts/" ACC
                             "/auth/invitations?email=Ann.Lee%2Bit%40Example.org");
    free(url);
    /* ... a fragment of one, or anything else, stays client-side. */
    static const char *const fragments[] = {"ann", "@example.org", "ann@", "ann@example",
                                            "ann@example.", "a@b@c.org", "ann lee@x.org",
                                            "ann*@x.org", "ann@.org", ""};
    for (size_t i = 0; i < ARRAY_SIZE(fragments); i++) {
        q.search = fragments[i];
        url = hybridbox_url_invitations(BASE, ACC, &q, &err);
        assert_string_equal(url, BASE "/v1/public/accounts/" ACC "/auth/invitations");
        free(url);
    }
    q.search = NULL;
    url = hybridbox_url_resend(BASE, ACC, INV, &err);
    assert_string_equal(url, BASE "/v1/public/accounts/" ACC "/auth/invitations/" INV "/resend");
    free(url);
    url = hybridbox_url_groups(BASE, ACC, &err);
    assert_string_equal(url, BASE "/v1/public/accounts/" ACC "/auth/groups");
    free(url);

    /* Invalid ids never reach a URL. */
    assert_null(hybridbox_url_account(BASE, "../admin", &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    assert_null(hybridbox_url_resend(BASE, ACC, "x/../../y", &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    assert_null(hybridbox_url_invitations(BASE, "ACC-1234-5678", NULL, &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    assert_null(hybridbox_url_groups(BASE, NULL, &err));
    api_error_clear(&err);
}

static void assert_json_eq(const char *got, const char *want)
{
    json_t *a = json_loads(got, 0, NULL), *b = json_loads(want, 0, NULL);
    assert_non_null(a);
    assert_non_null(b);
    if (!json_equal(a, b))
        fail_msg("JSON differs:\n got  %s\n want %s", got, want);
    json_decref(a);
    json_decref(b);
}

static void request_bodies(void **state)
{
    struct create_assignment as[2] = {
        {.role_key = "<string>", .capability_key = "<string>", .group_id = "<string>",
         .resource_id = "3c90c3cc-0d44-4b50-8888-8dd25736052a"},
        {.role_key = "editor"},
    };
    struct create_request req = {.email = "<string>", .locale = "<string>", .note = "<string>",
                                 .assignments = as, .nassignments = 1};
    struct api_error err;
    size_t len;
    char *want = read_fixture("hybridbox-create-request.json", &len);
    char *body;
    (void)state;

    api_error_init(&err);
    body = hybridbox_body_create(&req, &err);
    assert_json_eq(body, want); /* the reference page's example request */
    free(body);
    free(want);

    req.locale = NULL;
    req.note = NULL;
    req.nassignments = 2;
    req.email = "ann@example.com";
    body = hybridbox_body_create(&req, &err);
    assert_json_eq(body, "{\"assignments\":[{\"role_key\":\"<string>\",\"capability_key\":"
                         "\"<string>\",\"group_id\":\"<string>\",\"resource_id\":"
                         "\"3c90c3cc-0d44-4b50-8888-8dd25736052a\"},{\"role_key\":\"editor\"}],"
                         "\"email\":\"ann@example.com\"}");
    free(body);

    req.email = "";
    assert_null(hybridbox_body_create(&req, &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);

    want = read_fixture("hybridbox-resend-request.json", &len);
    body = hybridbox_body_resend("<string>");
    assert_json_eq(body, want);
    free(body);
    free(want);
    body = hybridbox_body_resend(NULL);
    assert_string_equal(body, "{}");
    free(body);
    body = hybridbox_body_resend("fr");
    assert_string_equal(body, "{\"locale\":\"fr\"}");
    free(body);
}

static void accounts_and_groups(void **state)
{
    struct api_error err;
    struct account acc;
    struct group_list gl = {0};
    (void)state;

    api_error_init(&err);
    const char *one = "{\"id\":\"" ACC "\",\"name\":\"Acme\",\"status\":\"active\","
                      "\"created_at\":\"2023-11-07T05:31:56Z\",\"client\":{\"id\":\"" INV
                      "\",\"name\":\"C\"}}";
    assert_int_equal(hybridbox_parse_account(one, strlen(one), &acc, &err), 0);
    assert_string_equal(acc.name, "Acme");
    assert_string_equal(acc.status, "active");
    assert_null(acc.type);
    account_free(&acc);
    assert_int_equal(hybridbox_parse_account("{\"name\":1}", 10, &acc, &err), -1);
    assert_int_equal(err.kind, API_ERR_PARSE);
    api_error_clear(&err);

    const char *groups = "[{\"account_id\":\"" ACC "\",\"id\":\"kc-1\",\"keycloak_name\":\"k\","
                         "\"name\":\"Admins\",\"description\":\"All\"},{\"id\":\"kc-2\","
                         "\"name\":\"Ops\",\"description\":null}]";
    assert_int_equal(hybridbox_parse_groups(groups, strlen(groups), &gl, &err), 0);
    assert_int_equal(gl.n, 2);
    assert_string_equal(gl.v[0].description, "All");
    assert_null(gl.v[1].description);
    group_list_free(&gl);
    assert_int_equal(hybridbox_parse_groups("[{\"name\":\"x\"}]", 14, &gl, &err), -1);
    api_error_clear(&err);
    assert_int_equal(hybridbox_parse_groups("{}", 2, &gl, &err), -1);
    api_error_clear(&err);
    group_list_free(&gl);
}

static void actions_follow_server_status(void **state)
{
    struct invitation inv = {0};
    time_t now = at("2026-11-23T12:00:00Z");
    (void)state;

    inv.raw_status = "pending";
    inv.expires_at = now + 60;
    assert_int_equal(hybridbox_actions(&inv, now), INV_ACTION_RESEND);
    assert_null(hybridbox_action_refusal(&inv, INV_ACTION_RESEND, now));
    assert_non_null(hybridbox_action_refusal(&inv, INV_ACTION_SEND_NEW, now));
    /* A minute later expires_at has passed, but the server still says
     * pending: it decides, so resend is still offered. */
    assert_int_equal(hybridbox_actions(&inv, now + 61), INV_ACTION_RESEND);
    assert_null(hybridbox_action_refusal(&inv, INV_ACTION_RESEND, now + 61));
    inv.raw_status = "expired";
    assert_int_equal(hybridbox_actions(&inv, now), 0);
    assert_string_equal(hybridbox_action_refusal(&inv, INV_ACTION_RESEND, now),
                        "Only pending invitations can be resent (this one is expired).");
    inv.raw_status = "accepted";
    assert_int_equal(hybridbox_actions(&inv, now), 0);
    assert_non_null(hybridbox_action_refusal(&inv, INV_ACTION_RESEND, now));
    inv.raw_status = NULL;
    assert_int_equal(hybridbox_actions(&inv, now), 0);
    assert_non_null(hybridbox_action_refusal(&inv, INV_ACTION_RESEND, now));
}

/* ---- rows handed over while the list arrives (list_progress.h) ---- */

static void progress_policy(void **state)
{
    struct list_progress p = {0};
    (void)state;

    assert_false(list_progress_due(&p, 0, 0));
    assert_true(list_progress_due(&p, 1, 0)); /* the first row at once */
    p.handed = 1;
    p.last_ms = 1000;
    assert_true(list_progress_due(&p, 2, 1001)); /* as many new as handed */
    p.handed = 2;
    assert_false(list_progress_due(&p, 3, 1249));
    assert_true(list_progress_due(&p, 3, 1250)); /* a slow server: what there is */
    p.handed = 100;
    assert_false(list_progress_due(&p, 199, 1100));
    assert_true(list_progress_due(&p, 200, 1100)); /* as many new as handed */
    assert_false(list_progress_due(&p, 100, 5000)); /* nothing new */
}

/* With the body's size known, the rows go once about an eighth of them is left and fewer
 * than wait: the last hand-off is small. Not with the size unknown, not for a handful of
 * new rows, and not once the body is read (the end hands the rest). */
static void progress_hands_before_the_tail(void **state)
{
    struct list_progress p = {.handed = 65536, .last_ms = 1000};
    (void)state;

    assert_false(list_progress_due(&p, 88000, 1100)); /* size unknown: doubling only */
    list_progress_bytes(&p, 100000, 120000);           /* 100,000 read: 20,000 left */
    assert_false(list_progress_due(&p, 100000 - 1, 1100));
    list_progress_bytes(&p, 107000, 120000); /* 88,000 rows read: about 10,700 left */
    assert_true(list_progress_due(&p, 88000, 1100));
    p.handed = 88000;
    list_progress_bytes(&p, 115000, 120000); /* 4,000 left, but only 3,000 wait */
    assert_false(list_progress_due(&p, 91000, 1100));
    list_progress_bytes(&p, 119000, 120000); /* 800 left, 7,000 wait: not an eighth */
    assert_false(list_progress_due(&p, 95000, 1100));
    p.handed = 65536;
    list_progress_bytes(&p, 120000, 120000); /* all read: the end hands the rest */
    assert_false(list_progress_due(&p, 96000, 1100));
    list_progress_bytes(&p, 0, 0);
    assert_false(list_progress_due(&p, 88000, 1100)); /* no size: nothing but the doubling */
}

struct handoffs {
    size_t calls, handed;
    bool in_order;
    char first_id[64];
    size_t final_cap; /* the reader's list's room at the end */
};

static void note_handoff(void *arg, struct invitation_list *rows, size_t from)
{
    struct handoffs *h = arg;

    if (from != h->handed || rows->n <= from)
        h->in_order = false;
    if (h->calls++ == 0)
        snprintf(h->first_id, sizeof(h->first_id), "%s", rows->v[0].id);
    h->handed = rows->n;
}

/* Fed in 7-byte pieces, the stream hands its rows over as they parse: each time the rows
 * after the last hand-off, the first row at once, and never a row twice or out of order. */
static void hand_rows_over_on(bool announce_size, bool parallel, struct handoffs *h)
{
    struct strbuf doc;
    struct invitation_list out = {0};
    struct hybridbox_stream st;
    struct api_error err;
    struct list_progress p = {.fn = note_handoff, .arg = h};

    strbuf_init(&doc);
    strbuf_putc(&doc, '[');
    for (int i = 0; i < 450; i++)
        strbuf_printf(&doc, "%s{\"id\":\"00000000-0000-4000-8000-%012d\",\"email\":\"u%d@x\","
                            "\"status\":\"pending\",\"assignments\":[]}",
                      i ? "," : "", i, i);
    strbuf_putc(&doc, ']');
    api_error_init(&err);
    hybridbox_stream_init(&st, ACC, at("2026-11-23T12:00:00Z"), &out);
    st.progress = &p;
    st.body_size = announce_size ? doc.len : 0;
    if (parallel)
        hybridbox_stream_parallel(&st);
    for (size_t off = 0; off < doc.len; off += 7)
        assert_int_equal(hybridbox_stream_feed(&st, doc.data + off,
                                               doc.len - off < 7 ? doc.len - off : 7, &err),
                         0);
    assert_int_equal(hybridbox_stream_finish(&st, &err), 0);
    assert_int_equal(out.n, 450);
    h->final_cap = out.cap;
    hybridbox_stream_free(&st);
    invitation_list_free(&out);
    api_error_clear(&err);
    strbuf_free(&doc);
}

static void hand_rows_over(bool announce_size, struct handoffs *h)
{
    hand_rows_over_on(announce_size, false, h);
}

static void stream_hands_rows_over_as_they_parse(void **state)
{
    struct handoffs h = {.in_order = true};
    (void)state;

    hand_rows_over(false, &h);
    assert_true(h.in_order);
    assert_true(h.calls >= 9); /* 1, 2, 4 ... 256: doubling, or sooner when slow */
    assert_string_equal(h.first_id, "00000000-0000-4000-8000-000000000000");
    assert_true(h.handed >= 256 && h.handed <= 450); /* the rest comes with the whole list */
}

/* With Content-Length known, the last rows handed before the end leave at most about an
 * eighth of the list for the end (450 rows: 256 by doubling, then near 400). */
static void stream_with_known_size_leaves_a_small_tail(void **state)
{
    struct handoffs h = {.in_order = true};
    (void)state;

    hand_rows_over(true, &h);
    assert_true(h.in_order);
    assert_true(h.handed >= 390 && h.handed < 450);
}

/* Read on two threads with the body's size known, the reader's list grows to the room the
 * bytes announce (450 rows and a sixteenth), not by doubling to 512 as it does without the
 * size. Hints: from the count announced first, else the bytes; none from nothing. */
static void stream_reserves_the_rows_the_size_announces(void **state)
{
    struct handoffs h = {.in_order = true}, unknown = {.in_order = true};
    struct list_progress p = {0};
    (void)state;

    hand_rows_over_on(true, true, &h);
    assert_true(h.in_order);
    assert_true(h.final_cap >= 450 && h.final_cap < 512);
    hand_rows_over_on(false, true, &unknown);
    assert_true(unknown.in_order);
    assert_int_equal(unknown.final_cap, 512);
    assert_int_equal(list_progress_rows_hint(NULL, 10), 0);
    assert_int_equal(list_progress_rows_hint(&p, 10), 0);
    list_progress_bytes(&p, 250, 1000);
    assert_true(list_progress_rows_hint(&p, 10) >= 40 && list_progress_rows_hint(&p, 10) <= 41);
    assert_int_equal(list_progress_rows_hint(&p, 0), 0);
    list_progress_bytes(&p, 1000, 1000);
    assert_true(list_progress_rows_hint(&p, 10) >= 10 && list_progress_rows_hint(&p, 10) <= 11);
    list_progress_expect(&p, 77);
    assert_int_equal(list_progress_rows_hint(&p, 10), 77);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reference_invitation_parses),
        cmocka_unit_test(assignment_labels),
        cmocka_unit_test(list_streams_identically_in_any_chunks),
        cmocka_unit_test(list_hostile_elements),
        cmocka_unit_test(list_with_huge_note),
        cmocka_unit_test(list_rejects_truncation_and_garbage),
        cmocka_unit_test(parallel_stream_reads_as_in_turn),
        cmocka_unit_test(ids_and_urls),
        cmocka_unit_test(request_bodies),
        cmocka_unit_test(accounts_and_groups),
        cmocka_unit_test(actions_follow_server_status),
        cmocka_unit_test(progress_policy),
        cmocka_unit_test(progress_hands_before_the_tail),
        cmocka_unit_test(stream_hands_rows_over_as_they_parse),
        cmocka_unit_test(stream_with_known_size_leaves_a_small_tail),
        cmocka_unit_test(stream_reserves_the_rows_the_size_announces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
