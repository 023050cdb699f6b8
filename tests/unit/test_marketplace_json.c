#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/marketplace_json.h"
#include "model_testlib.h"

#define BASE "https://api.platform.softwareone.com"
#define ACC "ACC-1234-5678"
#define AUSR "AUSR-4134-7183-7330"
#define USR "USR-6375-2499"

static time_t at(const char *iso)
{
    time_t t = 0;
    assert_int_equal(model_parse_time(iso, &t), 0);
    return t;
}

static void id_shapes(void **state)
{
    (void)state;
    assert_true(marketplace_id_valid(MKT_ID_AUSR, AUSR));
    assert_true(marketplace_id_valid(MKT_ID_USR, USR));
    assert_true(marketplace_id_valid(MKT_ID_ACC, ACC));
    assert_true(marketplace_id_valid(MKT_ID_UGR, "UGR-0000-9999"));
    assert_false(marketplace_id_valid(MKT_ID_USR, AUSR));
    assert_false(marketplace_id_valid(MKT_ID_AUSR, "AUSR-4134-7183"));
    assert_false(marketplace_id_valid(MKT_ID_AUSR, "AUSR-4134-7183-73301"));
    assert_false(marketplace_id_valid(MKT_ID_ACC, "acc-1234-5678"));
    assert_false(marketplace_id_valid(MKT_ID_ACC, "ACC-1234-567a"));
    assert_false(marketplace_id_valid(MKT_ID_ACC, "ACC-1234_5678"));
    assert_false(marketplace_id_valid(MKT_ID_ACC, "ACC-1234-5678/.."));
    assert_false(marketplace_id_valid(MKT_ID_ACC, "ACC-"));
    assert_false(marketplace_id_valid(MKT_ID_ACC, ""));
    assert_false(marketplace_id_valid(MKT_ID_ACC, NULL));
    assert_false(marketplace_id_valid(MKT_ID_UGR, "ann@example.com"));
}

static void rql(void **state)
{
    struct invitation_query q = {.status = -1};
    char *s;
    struct strbuf sb;
    (void)state;

    s = marketplace_rql_for_query(&q);
    assert_string_equal(s, "");
    free(s);
    s = marketplace_rql_for_query(NULL);
    assert_string_equal(s, "");
    free(s);
    q.status = INV_STATUS_EXPIRED; /* Invited rows may be expired by the computed expiry */
    s = marketplace_rql_for_query(&q);
    assert_string_equal(s, "in(invitation.status,(Invited,InvitationExpired))");
    free(s);
    q.status = INV_STATUS_REVOKED; /* no server-side filter */
    q.email = "@example.com";
    s = marketplace_rql_for_query(&q);
    assert_string_equal(s, "ilike(user.email,*@example.com*)");
    free(s);
    q.status = INV_STATUS_PENDING;
    q.email = "ann lee";
    s = marketplace_rql_for_query(&q);
    assert_string_equal(s, "and(eq(invitation.status,Invited),ilike(user.email,\"*ann lee*\"))");
    free(s);
    q.status = INV_STATUS_ACCEPTED;
    q.email = "a*b\"c\\d";
    s = marketplace_rql_for_query(&q);
    assert_string_equal(s, "and(eq(invitation.status,Active),"
                           "ilike(user.email,\"*a\\*b\\\"c\\\\d*\"))");
    free(s);

    strbuf_init(&sb);
    marketplace_rql_value(&sb, "plain-Value_1.2@x+y");
    strbuf_putc(&sb, '|');
    marketplace_rql_value(&sb, "a,b(c)");
    strbuf_putc(&sb, '|');
    marketplace_rql_value(&sb, "");
    assert_string_equal(sb.data, "plain-Value_1.2@x+y|\"a,b(c)\"|\"\"");
    strbuf_free(&sb);
}

static void urls(void **state)
{
    struct invitation_query q = {.status = INV_STATUS_PENDING, .email = "ann lee&x=1"};
    struct api_error err;
    char *u;
    (void)state;

    api_error_init(&err);
    u = marketplace_url_accounts(BASE, 200);
    assert_string_equal(u, BASE "/public/v1/accounts/accounts?limit=100&offset=200");
    free(u);
    u = marketplace_url_users(BASE, USER_PATH_STANDALONE, ACC, NULL, 0, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/account-users?eq(account.id,%22" ACC
                            "%22)&select=+audit&limit=100&offset=0");
    free(u);
    u = marketplace_url_users(BASE, USER_PATH_STANDALONE, ACC, &q, 100, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/account-users?and(eq(account.id,%22" ACC
                            "%22),eq(invitation.status,Invited),"
                            "ilike(user.email,%22*ann%20lee%26x=1*%22))"
                            "&select=+audit&limit=100&offset=100");
    free(u);
    /* The account-scoped collection answers user-shaped items: top-level email. */
    u = marketplace_url_users(BASE, USER_PATH_ACCOUNT, ACC, &q, 0, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/accounts/" ACC
                            "/users?and(eq(invitation.status,Invited),"
                            "ilike(email,%22*ann%20lee%26x=1*%22))"
                            "&select=+audit&limit=100&offset=0");
    free(u);
    u = marketplace_url_groups(BASE, ACC, 0, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/user-groups?eq(account.id,%22" ACC
                            "%22)&limit=100&offset=0");
    free(u);
    u = marketplace_url_user_get(BASE, NULL, AUSR, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/account-users/" AUSR "?select=+audit");
    free(u);
    u = marketplace_url_user_get(BASE, ACC, USR, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/accounts/" ACC "/users/" USR
                            "?select=+audit");
    free(u);
    u = marketplace_url_create(BASE, USER_PATH_STANDALONE, ACC, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/account-users");
    free(u);
    u = marketplace_url_create(BASE, USER_PATH_ACCOUNT, ACC, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/accounts/" ACC "/users");
    free(u);

    struct invitation inv = {.id = AUSR, .user_id = USR, .account_id = ACC};
    u = marketplace_url_invite_action(BASE, USER_PATH_STANDALONE, &inv, INV_ACTION_RESEND, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/account-users/" AUSR "/resend-invite");
    free(u);
    u = marketplace_url_invite_action(BASE, USER_PATH_ACCOUNT, &inv, INV_ACTION_SEND_NEW, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/accounts/" ACC "/users/" USR
                            "/send-new-invite");
    free(u);
    /* A user-shaped row (USR id only) takes the account-scoped path even in
     * the standalone form: no AUSR id is ever made up from it. */
    struct invitation usr_row = {.id = USR, .user_id = USR, .account_id = ACC};
    u = marketplace_url_invite_action(BASE, USER_PATH_STANDALONE, &usr_row, INV_ACTION_RESEND,
                                      &err);
    assert_string_equal(u, BASE "/public/v1/accounts/accounts/" ACC "/users/" USR
                            "/resend-invite");
    free(u);
    /* An AUSR row without a user id still works in the account form. */
    struct invitation ausr_only = {.id = AUSR, .account_id = ACC};
    u = marketplace_url_invite_action(BASE, USER_PATH_ACCOUNT, &ausr_only, INV_ACTION_RESEND,
                                      &err);
    assert_string_equal(u, BASE "/public/v1/accounts/account-users/" AUSR "/resend-invite");
    free(u);

    /* Invalid ids: refused before any URL exists. */
    inv.id = "AUSR-1/../x";
    inv.user_id = NULL;
    assert_null(marketplace_url_invite_action(BASE, USER_PATH_STANDALONE, &inv,
                                              INV_ACTION_RESEND, &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    usr_row.account_id = "ACC-1/..";
    assert_null(marketplace_url_invite_action(BASE, USER_PATH_STANDALONE, &usr_row,
                                              INV_ACTION_RESEND, &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    assert_null(marketplace_url_users(BASE, USER_PATH_STANDALONE, "ACC-12345-678", NULL, 0,
                                      &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    assert_null(marketplace_url_groups(BASE, "ACC-1234-5678\"", 0, &err));
    api_error_clear(&err);
    assert_null(marketplace_url_user_get(BASE, NULL, USR, &err)); /* needs the account */
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    assert_null(marketplace_url_user_get(BASE, ACC, "ann@example.com", &err));
    api_error_clear(&err);
    assert_null(marketplace_url_create(BASE, USER_PATH_ACCOUNT, "x", &err));
    api_error_clear(&err);
}

/* The docs give the base as .../public; the official client strips /public
 * and /public/v1: every spelling gives the same URLs. */
static void base_url_forms(void **state)
{
    static const char *const bases[] = {
        BASE, BASE "/", BASE "/public", BASE "/public/", BASE "/public/v1", BASE "/public/v1/",
    };
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
        char *u = marketplace_url_accounts(bases[i], 0);
        assert_string_equal(u, BASE "/public/v1/accounts/accounts?limit=100&offset=0");
        free(u);
        u = marketplace_url_user_get(bases[i], NULL, AUSR, &err);
        assert_string_equal(u, BASE "/public/v1/accounts/account-users/" AUSR "?select=+audit");
        free(u);
        u = marketplace_url_create(bases[i], USER_PATH_STANDALONE, ACC, &err);
        assert_string_equal(u, BASE "/public/v1/accounts/account-users");
        free(u);
    }
    assert_int_equal(marketplace_base_root_len("http://h/publicx"), strlen("http://h/publicx"));
}

static void page_arithmetic(void **state)
{
    static const struct {
        long total;
        size_t n;
        long last;
    } cases[] = {{0, 0, 0}, {1, 0, 0}, {100, 0, 0}, {101, 1, 100}, {250, 2, 200},
                 {300, 2, 200}, {301, 3, 300}};
    struct api_error err;
    long *offs;
    size_t n;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(marketplace_next_offsets(cases[i].total, 100, &offs, &n, &err), 0);
        assert_int_equal(n, cases[i].n);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(offs[k], (long)(k + 1) * 100);
        if (n)
            assert_int_equal(offs[n - 1], cases[i].last);
        free(offs);
    }
    assert_int_equal(marketplace_next_offsets(-5, 100, &offs, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(marketplace_next_offsets(2000000000L, 100, &offs, &n, &err), -1);
    assert_int_equal(err.kind, API_ERR_TOO_LARGE);
    assert_int_equal(n, 0);
    api_error_clear(&err);
}

static void reference_bodies_parse(void **state)
{
    static const char *const files[] = {"marketplace-resend-invite.json",
                                        "marketplace-send-new-invite.json"};
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        char *body = read_fixture(files[i], &len);
        struct invitation inv;
        time_t when = i == 0 ? at("2025-10-24T20:57:56Z") : at("2025-06-22T14:36:56Z");
        assert_int_equal(marketplace_parse_invitation(body, len, NULL, when, &inv, &err), 0);
        assert_string_equal(inv.id, "text");
        assert_string_equal(inv.user_id, "text");
        assert_string_equal(inv.name, "text");
        assert_null(inv.email);
        assert_string_equal(inv.account_id, "text"); /* from account.id */
        assert_string_equal(inv.raw_status, "text");
        assert_int_equal(inv.status, INV_STATUS_OTHER);
        assert_string_equal(inv.link, "text");
        assert_int_equal(inv.created_at, when);
        assert_int_equal(inv.accepted_at, when);
        assert_int_equal(inv.expires_at, 0); /* not Invited */
        assert_string_equal(inv.summary, "text");
        json_t *a = json_loads(inv.raw, 0, NULL), *b = json_loadb(body, len, 0, NULL);
        assert_true(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        invitation_free(&inv);
        free(body);
    }
}

static void users_page(void **state)
{
    size_t len;
    char *body = read_fixture("marketplace-users-page.json", &len);
    struct invitation_list l = {0};
    struct mkt_page page;
    struct api_error err;
    time_t now = at("2026-11-23T12:00:00Z");
    (void)state;

    api_error_init(&err);
    assert_int_equal(marketplace_parse_users_page(body, len, ACC, now, &l, &page, &err), 0);
    assert_true(page.has_meta);
    assert_true(page.has_total);
    assert_int_equal(page.total, 250);
    assert_int_equal(page.limit, 100);
    assert_int_equal(page.count, 3);
    assert_int_equal(l.n, 3);
    const struct invitation *a = &l.v[0], *b = &l.v[1], *c = &l.v[2];
    assert_string_equal(a->id, AUSR);
    assert_string_equal(a->user_id, USR);
    assert_string_equal(a->email, "ann.lee@example.com");
    assert_string_equal(a->name, "Ann Lee");
    assert_string_equal(a->account_id, ACC);
    assert_string_equal(a->link, "https://portal.example/accept?code=abc");
    assert_string_equal(a->summary, "Admins, Buyers +1");
    assert_int_equal(a->expires_at, at("2026-11-27T10:00:00Z"));
    assert_int_equal(a->status, INV_STATUS_PENDING);
    assert_int_equal(b->status, INV_STATUS_ACCEPTED);
    assert_int_equal(b->accepted_at, at("2026-10-02T09:30:00Z"));
    assert_int_equal(b->expires_at, 0);
    assert_null(b->email);
    assert_null(b->link);
    assert_int_equal(c->status, INV_STATUS_EXPIRED);
    assert_string_equal(c->raw_status, "Invitation Expired");
    assert_int_equal(c->expires_at, at("2026-09-08T08:00:00Z")); /* created + 7 days */
    assert_string_equal(c->name, "Carol \x1b[31mRed");
    assert_string_equal(c->summary, "");
    assert_false(a->status_computed);
    assert_false(c->status_computed); /* the server said so */
    /* An Invited user past the 7 days is expired for triage, marked as
     * computed: the server still says Invited. */
    invitation_list_free(&l);
    assert_int_equal(marketplace_parse_users_page(body, len, ACC, at("2026-11-28T00:00:00Z"), &l,
                                                  &page, &err), 0);
    assert_int_equal(l.v[0].status, INV_STATUS_EXPIRED);
    assert_true(l.v[0].status_computed);
    assert_string_equal(invitation_status_word(&l.v[0]), "expired?");
    invitation_list_free(&l);
    free(body);
}

static void hostile_pages(void **state)
{
    struct invitation_list l = {0};
    struct mkt_page page;
    struct api_error err;
    (void)state;

    api_error_init(&err);
    const char *nometa = "{\"data\":[{\"id\":\"" AUSR "\"}]}";
    assert_int_equal(marketplace_parse_users_page(nometa, strlen(nometa), ACC, 0, &l, &page,
                                                  &err), 0);
    assert_false(page.has_meta);
    assert_false(page.has_total);
    assert_int_equal(l.n, 1);
    assert_null(l.v[0].raw_status);
    assert_int_equal(l.v[0].status, INV_STATUS_OTHER);
    invitation_list_free(&l);

    const char *nullish = "{\"$meta\":{\"pagination\":{\"total\":null}},\"data\":[{\"id\":\""
                          AUSR "\",\"user\":\"USR-1\",\"groups\":{\"name\":1},\"invitation\":"
                          "{\"status\":5},\"audit\":[]}]}";
    assert_int_equal(marketplace_parse_users_page(nullish, strlen(nullish), ACC, 0, &l, &page,
                                                  &err), 0);
    assert_true(page.has_meta);
    assert_false(page.has_total);
    assert_null(l.v[0].user_id);
    assert_null(l.v[0].raw_status);
    assert_string_equal(l.v[0].summary, "");
    invitation_list_free(&l);

    static const char *const bad[] = {
        "{\"data\":[{\"id\":1}]}",            "{\"data\":[{}]}",
        "{\"data\":{}}",                      "[]",
        "{\"data\":[\"x\"]}",                 "{\"data\":[{\"id\":\"\xff\"}]}",
        "{\"data\":[],\"data\":[]}",          "{\"data\":[",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(marketplace_parse_users_page(bad[i], strlen(bad[i]), ACC, 0, &l, &page,
                                                      &err), -1);
        assert_int_equal(err.kind, API_ERR_PARSE);
        api_error_clear(&err);
        invitation_list_free(&l);
    }
}

static void accounts_and_groups(void **state)
{
    struct account_list al = {0};
    struct group_list gl = {0};
    struct mkt_page page;
    struct api_error err;
    (void)state;

    api_error_init(&err);
    const char *acc = "{\"$meta\":{\"pagination\":{\"offset\":0,\"limit\":100,\"total\":2}},"
                      "\"data\":[{\"id\":\"ACC-1234-5678\",\"name\":\"Acme\",\"type\":\"Client\","
                      "\"status\":\"Active\"},{\"id\":\"ACC-1234-5679\"}]}";
    assert_int_equal(marketplace_parse_accounts_page(acc, strlen(acc), &al, &page, &err), 0);
    assert_int_equal(al.n, 2);
    assert_string_equal(al.v[0].type, "Client");
    assert_null(al.v[1].name);
    assert_int_equal(page.total, 2);
    account_list_free(&al);
    assert_int_equal(marketplace_parse_accounts_page("{\"data\":[{\"name\":\"x\"}]}", 25, &al,
                                                     &page, &err), -1);
    api_error_clear(&err);
    account_list_free(&al);

    const char *grp = "{\"data\":[{\"id\":\"UGR-1234-5678\",\"name\":\"Admins\",\"description\":"
                      "\"All\",\"isDefault\":true}]}";
    assert_int_equal(marketplace_parse_groups_page(grp, strlen(grp), &gl, &page, &err), 0);
    assert_int_equal(gl.n, 1);
    assert_string_equal(gl.v[0].description, "All");
    assert_false(page.has_meta);
    group_list_free(&gl);
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

static void create_body(void **state)
{
    struct create_request req = {.email = "a@b.c", .first_name = "Ann", .last_name = "Lee"};
    struct api_error err;
    char *body;
    (void)state;

    api_error_init(&err);
    strvec_push(&req.groups, "UGR-1234-5678");
    strvec_push(&req.groups, "UGR-1234-5679");
    body = marketplace_body_create(ACC, &req, &err);
    assert_json_eq(body, "{\"user\":{\"email\":\"a@b.c\",\"firstName\":\"Ann\",\"lastName\":"
                         "\"Lee\"},\"account\":{\"id\":\"ACC-1234-5678\"},\"groups\":[{\"id\":"
                         "\"UGR-1234-5678\"},{\"id\":\"UGR-1234-5679\"}],\"invitation\":"
                         "{\"status\":\"Invited\"}}");
    free(body);

    struct create_request empty = {0};
    assert_null(marketplace_body_create("ACC-1", &empty, &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    assert_int_equal(err.nfields, 5);
    assert_string_equal(err.fields[0].field, "user.email");
    assert_string_equal(err.fields[4].field, "account.id");
    api_error_clear(&err);
    strvec_push(&req.groups, "UGR-12");
    assert_null(marketplace_body_create(ACC, &req, &err));
    assert_int_equal(err.nfields, 1);
    assert_string_equal(err.fields[0].field, "groups");
    api_error_clear(&err);
    strvec_free(&req.groups);
}

/* Fixing a wrong invitation: groups and removal, before acceptance. */
#define FIX (INV_ACTION_GROUPS | INV_ACTION_REMOVE)

/* The server's status decides; the computed expiry never does. */
static void actions_and_renewal(void **state)
{
    time_t now = at("2026-11-23T12:00:00Z");
    struct invitation inv = {.raw_status = "Invited", .expires_at = now + 10};
    (void)state;

    assert_int_equal(marketplace_actions(&inv, now), INV_ACTION_RESEND | FIX);
    assert_null(marketplace_action_refusal(&inv, INV_ACTION_RESEND, now));
    assert_non_null(marketplace_action_refusal(&inv, INV_ACTION_SEND_NEW, now));
    /* Past the computed 7 days, still Invited on the server: resend only. */
    assert_int_equal(marketplace_actions(&inv, now + 11), INV_ACTION_RESEND | FIX);
    assert_null(marketplace_action_refusal(&inv, INV_ACTION_RESEND, now + 11));
    assert_non_null(strstr(marketplace_action_refusal(&inv, INV_ACTION_SEND_NEW, now + 11),
                           "Invited"));
    inv.raw_status = "InvitationExpired";
    assert_int_equal(marketplace_actions(&inv, now), INV_ACTION_SEND_NEW | FIX);
    assert_null(marketplace_action_refusal(&inv, INV_ACTION_SEND_NEW, now));
    assert_non_null(marketplace_action_refusal(&inv, INV_ACTION_RESEND, now));
    inv.raw_status = "Invitation Expired";
    assert_int_equal(marketplace_actions(&inv, now + 100), INV_ACTION_SEND_NEW | FIX);
    inv.raw_status = "Active";
    /* An accepted member can be removed; their groups are not an invitation fix. */
    assert_int_equal(marketplace_actions(&inv, now), INV_ACTION_REMOVE);
    assert_non_null(strstr(marketplace_action_refusal(&inv, INV_ACTION_GROUPS, now),
                           "accepted"));
    assert_non_null(marketplace_action_refusal(&inv, INV_ACTION_RESEND, now));
    assert_non_null(marketplace_action_refusal(&inv, INV_ACTION_SEND_NEW, now));
    inv.raw_status = "Deleted";
    assert_int_equal(marketplace_actions(&inv, now), 0);
    inv.raw_status = NULL;
    assert_int_equal(marketplace_actions(&inv, now), 0);

    /* A response without audit: the renewed 7-day window is assumed. */
    const char *resp = "{\"id\":\"" AUSR "\",\"invitation\":{\"status\":\"Invited\"}}";
    struct invitation out;
    struct api_error err;
    api_error_init(&err);
    assert_int_equal(marketplace_parse_invitation(resp, strlen(resp), ACC, now, &out, &err), 0);
    assert_int_equal(out.expires_at, 0);
    marketplace_after_invite(&out, now);
    assert_int_equal(out.expires_at, now + 7 * 86400);
    assert_int_equal(out.status, INV_STATUS_PENDING);
    invitation_free(&out);
}

/* The docs' account-user list example: nested user without a name, no
 * audit (so no computed expiry), invitation.code instead of url. */
static void docs_account_users(void **state)
{
    size_t len;
    char *body = read_fixture("marketplace-account-users-docs.json", &len);
    struct invitation_list l = {0};
    struct mkt_page page;
    struct api_error err;
    time_t now = at("2026-11-23T12:00:00Z");
    (void)state;

    api_error_init(&err);
    assert_int_equal(marketplace_parse_users_page(body, len, NULL, now, &l, &page, &err), 0);
    assert_int_equal(l.n, 1);
    assert_int_equal(page.total, 1);
    assert_string_equal(l.v[0].id, AUSR);
    assert_string_equal(l.v[0].user_id, USR);
    assert_string_equal(l.v[0].email, "janedoe@example.com");
    assert_string_equal(l.v[0].name, "jane doe"); /* firstName lastName */
    assert_string_equal(l.v[0].account_id, "ACC-1671-0642");
    assert_string_equal(l.v[0].raw_status, "Invited");
    assert_int_equal(l.v[0].status, INV_STATUS_PENDING);
    assert_false(l.v[0].status_computed);
    assert_int_equal(l.v[0].created_at, 0); /* absent audit */
    assert_int_equal(l.v[0].expires_at, 0);
    assert_null(l.v[0].link);
    assert_string_equal(l.v[0].summary, "Reto");
    assert_int_equal(marketplace_actions(&l.v[0], now), INV_ACTION_RESEND | FIX);
    invitation_list_free(&l);
    free(body);
}

/* The docs' ACCOUNT CONTEXT example: a user-shaped item from the
 * account-scoped collection. Its USR id is the row id and the user id. */
static void docs_user_shaped(void **state)
{
    size_t len;
    char *body = read_fixture("marketplace-users-account-context.json", &len);
    struct invitation_list l = {0};
    struct mkt_page page;
    struct api_error err;
    char *u;
    (void)state;

    api_error_init(&err);
    assert_int_equal(marketplace_parse_users_page(body, len, "ACC-0774-6909",
                                                  at("2026-11-23T12:00:00Z"), &l, &page, &err),
                     0);
    assert_int_equal(l.n, 1);
    const struct invitation *r = &l.v[0];
    assert_string_equal(r->id, "USR-3773-5838");
    assert_string_equal(r->user_id, "USR-3773-5838");
    assert_string_equal(r->email, "test@testignite.de");
    assert_string_equal(r->name, "d d");
    assert_string_equal(r->raw_status, "Active");
    assert_int_equal(r->status, INV_STATUS_ACCEPTED);
    assert_int_equal(r->created_at, at("2024-05-09T14:40:28Z"));
    assert_int_equal(r->accepted_at, at("2024-05-09T14:40:28Z")); /* joined */
    assert_non_null(strstr(r->link, "accept-invite?code="));
    assert_string_equal(r->summary, "Only Marketplace and Buyer BUY-1089-7077");
    u = marketplace_url_invite_action(BASE, USER_PATH_STANDALONE, r, INV_ACTION_RESEND, &err);
    assert_string_equal(u, BASE "/public/v1/accounts/accounts/ACC-0774-6909/users/USR-3773-5838"
                            "/resend-invite");
    free(u);
    invitation_list_free(&l);
    free(body);
}

/* Absent fields are absent (NULL), never a crash: no user object at all,
 * a user-shaped item with only a status, names split or missing. */
static void absent_fields(void **state)
{
    static const char page_json[] =
        "{\"data\":["
        "{\"id\":\"" AUSR "\",\"invitation\":{\"status\":\"Invited\"}},"
        "{\"id\":\"" USR "\",\"status\":\"InvitationExpired\",\"lastName\":\"Lee\"},"
        "{\"id\":\"AUSR-0000-0000-0001\",\"user\":{\"firstName\":\"Ann\",\"email\":5},"
        "\"email\":\"top@example.com\"}]}";
    struct invitation_list l = {0};
    struct mkt_page page;
    struct api_error err;
    time_t now = at("2026-11-23T12:00:00Z");
    (void)state;

    api_error_init(&err);
    assert_int_equal(marketplace_parse_users_page(page_json, strlen(page_json), ACC, now, &l,
                                                  &page, &err), 0);
    assert_int_equal(l.n, 3);
    assert_null(l.v[0].email);
    assert_null(l.v[0].name);
    assert_null(l.v[0].user_id); /* never made up */
    assert_int_equal(l.v[0].status, INV_STATUS_PENDING);
    assert_null(l.v[1].email);
    assert_string_equal(l.v[1].name, "Lee");
    assert_string_equal(l.v[1].user_id, USR);
    assert_string_equal(l.v[1].raw_status, "InvitationExpired"); /* top-level status */
    assert_int_equal(marketplace_actions(&l.v[1], now), INV_ACTION_SEND_NEW | FIX);
    assert_string_equal(l.v[2].email, "top@example.com"); /* nested one is not a string */
    assert_string_equal(l.v[2].name, "Ann");
    assert_null(l.v[2].raw_status);
    invitation_list_free(&l);
}

/* Server text is made terminal-safe once, when it is read: the display copies hold no ESC, no C1
 * and no bidi override, while the raw fields keep every byte for the API and --json. */
static void display_copies_made_at_ingress(void **state)
{
    static const char body[] =
        "{\"id\":\"AUSR-1234-5678-9012\",\"user\":{\"id\":\"USR-1234-5678\","
        "\"email\":\"ev\\u001b[2Jil@example.com\",\"name\":\"Ad\\u009b31mmin \\u202Eexe.txt\"},"
        "\"account\":{\"id\":\"ACC-1234-5678\"},"
        "\"invitation\":{\"status\":\"Invited\\u001b]0;x\\u0007\",\"url\":\"https://x/\\u009d8;;y\"},"
        "\"groups\":[{\"id\":\"UGR-1234-5678\",\"name\":\"Ops\\u001bP1$r\\u001b\\\\\"}]}";
    struct invitation inv;
    struct api_error err;
    (void)state;

    api_error_init(&err);
    assert_int_equal(marketplace_parse_invitation(body, strlen(body), NULL, 0, &inv, &err), 0);
    assert_true(invitation_has_shown(&inv));
    const char *shown[] = {inv.shown.email, inv.shown.name, inv.shown.raw_status,
                           inv.shown.link, inv.shown.summary, inv.shown.id};
    for (size_t i = 0; i < ARRAY_SIZE(shown); i++) {
        assert_non_null(shown[i]);
        assert_null(strchr(shown[i], '\033'));
        assert_null(strchr(shown[i], '\a'));
        assert_null(strstr(shown[i], "\xc2\x9b"));      /* CSI, C1 */
        assert_null(strstr(shown[i], "\xc2\x9d"));      /* OSC, C1 */
        assert_null(strstr(shown[i], "\xe2\x80\xae"));  /* RIGHT-TO-LEFT OVERRIDE */
    }
    assert_string_equal(inv.shown.email, "ev\xef\xbf\xbdil@example.com");
    assert_string_equal(inv.shown.name, "Ad\xef\xbf\xbdmin exe.txt");
    assert_string_equal(inv.shown.raw_status, "Invited\xef\xbf\xbd");
    /* The raw fields are what the server sent. */
    assert_string_equal(inv.email, "ev\033[2Jil@example.com");
    assert_string_equal(inv.raw_status, "Invited\033]0;x\a");
    assert_non_null(strstr(inv.name, "\xe2\x80\xae"));
    invitation_free(&inv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(id_shapes),
        cmocka_unit_test(display_copies_made_at_ingress),
        cmocka_unit_test(rql),
        cmocka_unit_test(urls),
        cmocka_unit_test(base_url_forms),
        cmocka_unit_test(page_arithmetic),
        cmocka_unit_test(reference_bodies_parse),
        cmocka_unit_test(users_page),
        cmocka_unit_test(hostile_pages),
        cmocka_unit_test(accounts_and_groups),
        cmocka_unit_test(create_body),
        cmocka_unit_test(actions_and_renewal),
        cmocka_unit_test(docs_account_users),
        cmocka_unit_test(docs_user_shaped),
        cmocka_unit_test(absent_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
