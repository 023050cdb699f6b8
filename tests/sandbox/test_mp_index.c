/* Unit tests of the sandbox's cache of filtered, sorted user views: it must
 * answer exactly what a fresh filter and sort would, across state changes
 * (the generation) and across the clock turning Invited into
 * InvitationExpired. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "mp_index.h"
#include "mp_scoped.h"
#include "rql.h"

#define T0 (1700000000LL * 1000)

static struct mp_user users[4];
static struct mp_account account = { .id = "ACC-0000-0001", .name = "A", .users = users,
                                      .n_users = 4, .cap_users = 4 };
static struct sb_state st = { .mp = &account, .n_mp = 1 };

static void user(size_t i, const char *name, enum mp_status s, int64_t invited_at)
{
    memset(&users[i], 0, sizeof(users[i]));
    snprintf(users[i].id, sizeof(users[i].id), "AUSR-0000-0000-000%zu", i);
    snprintf(users[i].user_id, sizeof(users[i].user_id), "USR-0000-000%zu", i);
    users[i].name = (char *)name;
    users[i].email = (char *)"x@example.com";
    users[i].status = (uint8_t)s;
    users[i].invited_at = invited_at;
}

static int setup(void **state)
{
    (void)state;
    user(0, "Dora", MP_INVITED, T0);              /* expires at T0 + TTL */
    user(1, "Bob", MP_ACTIVE, T0 - SB_DAY_MS);
    user(2, "Cy", MP_INVITED, T0 + 5000);         /* expires 5 s later */
    user(3, "Al", MP_INVITED, T0 - SB_INVITE_TTL_MS); /* expired at T0 */
    account.n_users = 4;
    st.generation = 0;
    mp_index_clear();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mp_index_clear();
    return 0;
}

/* The ids of the view of shape for query at now, as "i,j,k" (user
 * indices). */
static const char *view_of(const struct mp_user_shape *shape, const char *query, int64_t now)
{
    static char out[64];
    struct rql_query q;
    char *err = NULL;
    size_t n, len = 0;

    assert_int_equal(rql_parse_query(query, &q, &err), 0);
    const struct mp_user_ref *refs = mp_index_users(&st, &account, shape, &q, now, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%td", i ? "," : "",
                                refs[i].u - users);
    rql_query_free(&q);
    return out;
}

static const char *view(const char *query, int64_t now)
{
    return view_of(&mp_account_user_shape, query, now);
}

static void sorted_and_filtered(void **state)
{
    (void)state;
    assert_string_equal(view("order=user.name", T0), "3,1,2,0");
    assert_string_equal(view("order=-user.name", T0), "0,2,1,3");
    assert_string_equal(view("eq(invitation.status,Invited)&order=user.name", T0), "2,0");
    assert_string_equal(view("ne(user.name,Bob)", T0), "0,2,3");
    assert_string_equal(view("eq(user.name,Nobody)", T0), "");
}

/* Queries reading the status follow the clock without any mutation. */
static void expiry_without_mutation(void **state)
{
    const char *q = "eq(invitation.status,Invited)";
    const char *e = "eq(invitation.status,InvitationExpired)&order=user.name";
    (void)state;

    assert_string_equal(view(q, T0), "0,2");
    assert_string_equal(view(e, T0), "3");
    assert_string_equal(view(q, T0 + SB_INVITE_TTL_MS - 1), "0,2");
    assert_string_equal(view(q, T0 + SB_INVITE_TTL_MS), "2");
    assert_string_equal(view(e, T0 + SB_INVITE_TTL_MS), "3,0");
    assert_string_equal(view(q, T0 + SB_INVITE_TTL_MS + 5000), "");
    assert_string_equal(view(e, T0 + SB_INVITE_TTL_MS + 5000), "3,2,0");
    /* A clock that steps back must not be served the later statuses. */
    assert_string_equal(view(q, T0), "0,2");
    assert_string_equal(view("order=invitation.status,user.name", T0), "1,3,2,0");
    assert_string_equal(view("order=invitation.status,user.name", T0 + SB_INVITE_TTL_MS),
                        "1,3,0,2");
}

/* Changes show up once the generation moves, and cached views are reused
 * (the same array) while it does not. */
static void generation_invalidates(void **state)
{
    struct rql_query q;
    char *err = NULL;
    size_t n1, n2;
    (void)state;

    assert_int_equal(rql_parse_query("order=user.name", &q, &err), 0);
    const struct mp_user_shape *shape = &mp_account_user_shape;
    const struct mp_user_ref *a = mp_index_users(&st, &account, shape, &q, T0, &n1);
    const struct mp_user_ref *b = mp_index_users(&st, &account, shape, &q, T0 + 60000, &n2);
    assert_ptr_equal(a, b);
    assert_int_equal(n1, 4);
    rql_query_free(&q);

    users[1].name = (char *)"Zed";
    st.generation++;
    assert_string_equal(view("order=user.name", T0), "3,2,0,1");
    account.n_users = 3; /* the last user deleted */
    st.generation++;
    assert_string_equal(view("order=user.name", T0), "2,0,1");
    assert_string_equal(view("eq(invitation.status,Invited)", T0), "0,2");
}

/* More distinct queries than slots: evicted views are rebuilt correctly. */
static void eviction(void **state)
{
    char query[64];
    (void)state;

    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 20; i++) {
            snprintf(query, sizeof(query), "ne(user.name,x%d)&order=user.name", i);
            assert_string_equal(view(query, T0), "3,1,2,0");
        }
}

/* The user-shaped items of the account-scoped collections name the same
 * data differently (id is the USR id, status the membership's): the same
 * query text must not be served the other shape's view. */
static void shapes_apart(void **state)
{
    const struct mp_user_shape *scoped = &mp_scoped_user_shape;
    (void)state;

    assert_string_equal(view("ne(id,AUSR-0000-0000-0001)", T0), "0,2,3");
    assert_string_equal(view_of(scoped, "ne(id,AUSR-0000-0000-0001)", T0), "0,1,2,3");
    assert_string_equal(view_of(scoped, "eq(id,USR-0000-0001)", T0), "1");
    assert_string_equal(view_of(scoped, "order=name", T0), "3,1,2,0");
    assert_string_equal(view_of(scoped, "eq(status,Invited)", T0), "0,2");
    assert_string_equal(view_of(scoped, "eq(status,Invited)", T0 + SB_INVITE_TTL_MS), "2");
}

/* The cached view follows the lagging server job, not the 7 days. */
static void expiry_lags(void **state)
{
    const char *q = "eq(invitation.status,Invited)";
    (void)state;

    data_set_expiry_lag(3000);
    assert_string_equal(view(q, T0 + SB_INVITE_TTL_MS), "0,2");
    assert_string_equal(view(q, T0 + SB_INVITE_TTL_MS + 2999), "0,2");
    assert_string_equal(view(q, T0 + SB_INVITE_TTL_MS + 3000), "2");
    assert_string_equal(view(q, T0 + SB_INVITE_TTL_MS + 8000), "");
    data_set_expiry_lag(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sorted_and_filtered, setup, teardown),
        cmocka_unit_test_setup_teardown(expiry_without_mutation, setup, teardown),
        cmocka_unit_test_setup_teardown(generation_invalidates, setup, teardown),
        cmocka_unit_test_setup_teardown(eviction, setup, teardown),
        cmocka_unit_test_setup_teardown(shapes_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(expiry_lags, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
