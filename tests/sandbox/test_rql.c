/* Unit tests of the sandbox's pure pieces: the RQL parser and matcher, the
 * JSON writer's escaping, uuid round trips and the state clocks. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "jsonw.h"
#include "rql.h"

static const char *get_pair(const void *obj, const char *field, char *buf, size_t size)
{
    const char *const *kv = obj;

    (void)buf;
    (void)size;
    for (size_t i = 0; kv[i]; i += 2)
        if (strcmp(kv[i], field) == 0)
            return kv[i + 1];
    return NULL;
}

static bool matches(const char *query, const char *const *obj)
{
    struct rql_query q;
    char *err = NULL;

    assert_int_equal(rql_parse_query(query, &q, &err), 0);
    bool m = !q.filter || rql_match(q.filter, get_pair, obj);
    rql_query_free(&q);
    return m;
}

static void rql_operators(void **state)
{
    const char *const u[] = { "status", "Active", "name", "Zoë Müller", "email",
                              "ZOE@Example.com", NULL };
    (void)state;

    assert_true(matches("eq(status,Active)", u));
    assert_false(matches("eq(status,active)", u));
    assert_true(matches("ne(status,Invited)", u));
    assert_true(matches("in(status,(Invited,Active))", u));
    assert_false(matches("out(status,(Invited,Active))", u));
    assert_true(matches("ilike(email,*@example.COM)", u));
    assert_false(matches("like(email,*@example.COM)", u));
    assert_true(matches("and(eq(status,Active),ilike(name,zo*))", u));
    assert_true(matches("or(eq(status,X),eq(status,Active))", u));
    assert_true(matches("not(eq(status,X))", u));
    assert_true(matches("eq(name,\"Zo%C3%AB M%C3%BCller\")", u));
    assert_true(matches("eq(name,'Zoë Müller')", u));
    assert_true(matches("status=Active&email=ZOE@Example.com", u));
    assert_true(matches("eq(phone,null())", u));
    assert_false(matches("ne(phone,null())", u));
    assert_true(matches("limit=5&offset=10", u));
}

static void rql_parameters(void **state)
{
    struct rql_query q;
    char *err = NULL;
    (void)state;

    assert_int_equal(rql_parse_query("limit=500&offset=7&order=-a,+b,c&select=+audit", &q, &err),
                     0);
    assert_int_equal(q.limit, RQL_MAX_LIMIT);
    assert_int_equal(q.offset, 7);
    assert_int_equal(q.order.n, 3);
    assert_string_equal(q.order.v[0], "-a");
    assert_string_equal(q.order.v[1], "+b");
    assert_string_equal(q.order.v[2], "+c");
    assert_true(q.select_audit);
    rql_query_free(&q);
    assert_int_equal(rql_parse_query("", &q, &err), 0);
    assert_int_equal(q.limit, RQL_DEFAULT_LIMIT);
    assert_null(q.filter);
    rql_query_free(&q);
}

static void rql_errors(void **state)
{
    static const char *const bad[] = {
        "rql=eq(a,b)", "gt(a,1)", "eq(a,1", "eq(a,\"x)", "hello", "limit=x", "offset=-1",
        "and(eq(a,1),)", "not(eq(a,1),eq(b,2))", "eq(a,1)junk", "=x",
    };
    (void)state;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct rql_query q;
        char *err = NULL;
        assert_int_equal(rql_parse_query(bad[i], &q, &err), -1);
        assert_non_null(err);
        free(err);
    }
    struct rql_query q;
    char *err = NULL;
    assert_int_equal(rql_parse_query("rql=x", &q, &err), -1);
    assert_string_equal(err, "Invalid equals shortcut");
    free(err);
}

static void rql_unknown_fields(void **state)
{
    static const char *const fields[] = { "id", "name", NULL };
    struct rql_query q;
    char *err = NULL;
    (void)state;

    assert_int_equal(rql_parse_query("or(eq(id,1),eq(secret,2))", &q, &err), 0);
    assert_int_equal(rql_check_fields(&q, fields, &err), -1);
    assert_non_null(strstr(err, "secret"));
    free(err);
    rql_query_free(&q);
    assert_int_equal(rql_parse_query("order=-colour", &q, &err), 0);
    assert_int_equal(rql_check_fields(&q, fields, &err), -1);
    free(err);
    rql_query_free(&q);
}

static void glob_wildcards(void **state)
{
    (void)state;
    assert_true(rql_glob("*", "", true));
    assert_true(rql_glob("a*c", "abbbc", false));
    assert_false(rql_glob("a*c", "abbbd", false));
    assert_true(rql_glob("*@EXAMPLE.com", "x@example.com", true));
    assert_true(rql_glob("a\\*", "a*", false));
    assert_false(rql_glob("a\\*", "ab", false));
    assert_true(rql_glob("*b*b*", "abab", false));
}

static void json_escaping(void **state)
{
    struct strbuf sb;
    struct jsonw w;
    (void)state;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    jsonw_obj_begin(&w);
    jsonw_kstr(&w, "a", "q\"\\\x1b]52;\x07\xe2\x80\xae\xc2\x9b\n");
    jsonw_key(&w, "b");
    jsonw_arr_begin(&w);
    jsonw_int(&w, 1);
    jsonw_null(&w);
    jsonw_bool(&w, true);
    jsonw_arr_end(&w);
    jsonw_kstr(&w, "c", NULL);
    jsonw_obj_end(&w);
    assert_string_equal(sb.data, "{\"a\":\"q\\\"\\\\\\u001b]52;\\u0007\xe2\x80\xae\xc2\x9b\\n\","
                                 "\"b\":[1,null,true],\"c\":null}");
    strbuf_free(&sb);
}

static void uuids_and_times(void **state)
{
    struct sb_state st = { .seed = 9 };
    char buf[SB_UUID_STRLEN], t[32];
    struct sb_uuid u = data_new_uuid(&st), v;
    (void)state;

    data_uuid_format(&u, buf);
    assert_int_equal(strlen(buf), 36);
    assert_int_equal(buf[14], '4');
    assert_int_equal(data_uuid_parse(buf, &v), 0);
    assert_true(data_uuid_eq(&u, &v));
    assert_int_equal(data_uuid_parse("3C90C3CC-0D44-4B50-8888-8DD25736052A", &v), 0);
    assert_int_equal(data_uuid_parse("3c90c3cc0d444b5088888dd25736052a", &v), -1);
    data_fmt_time_s(1699335116000LL, t);
    assert_string_equal(t, "2023-11-07T05:31:56Z");
    data_fmt_time_ms(1761339476471LL, t);
    assert_string_equal(t, "2025-10-24T20:57:56.471Z");
}

static void invitation_expiry(void **state)
{
    struct hb_invitation inv = { .status = HB_PENDING, .expires_at = 1000 };
    struct mp_user u = { .status = MP_INVITED, .invited_at = 0 };
    (void)state;

    assert_int_equal(hb_effective_status(&inv, 999), HB_PENDING);
    assert_int_equal(hb_effective_status(&inv, 1000), HB_EXPIRED);
    inv.status = HB_ACCEPTED;
    assert_int_equal(hb_effective_status(&inv, 5000), HB_ACCEPTED);
    assert_int_equal(mp_effective_status(&u, SB_INVITE_TTL_MS - 1), MP_INVITED);
    assert_int_equal(mp_effective_status(&u, SB_INVITE_TTL_MS), MP_EXPIRED);
    /* With a lag the server keeps the old status that much longer. */
    data_set_expiry_lag(500);
    inv.status = HB_PENDING;
    assert_int_equal(hb_effective_status(&inv, 1499), HB_PENDING);
    assert_int_equal(hb_effective_status(&inv, 1500), HB_EXPIRED);
    assert_int_equal(mp_effective_status(&u, SB_INVITE_TTL_MS + 499), MP_INVITED);
    assert_int_equal(mp_effective_status(&u, SB_INVITE_TTL_MS + 500), MP_EXPIRED);
    assert_int_equal(mp_server_expiry(&u), SB_INVITE_TTL_MS + 500);
    data_set_expiry_lag(0);
    assert_int_equal(data_caps_of_roles(1u << 6) , (1u << 1) | (1u << 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rql_operators),    cmocka_unit_test(rql_parameters),
        cmocka_unit_test(rql_errors),       cmocka_unit_test(rql_unknown_fields),
        cmocka_unit_test(glob_wildcards),   cmocka_unit_test(json_escaping),
        cmocka_unit_test(uuids_and_times),  cmocka_unit_test(invitation_expiry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
