#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/explain.h"
#include "invitui/util.h"

/* The Marketplace's module question (#13): the user's modules are the
 * server's word on what they have, the account's user groups say which
 * modules each gives, so a group path is certain -- unless the groups
 * could not be read, and then the answer must not guess. */

static const char *const DEFAULT_MODS[] = { "MOD-1756", "MOD-3412" };
static const char *const BILLING_MODS[] = { "MOD-2131" };
static const char *const PROC_MODS[] = { "MOD-1756", "MOD-4018" };
static const char *const ADMIN_MODS[] = { "MOD-1756", "MOD-2131", "MOD-3412",
                                          "MOD-4018", "MOD-6604" };

static const struct key_name NAMES[] = {
    { "MOD-1756", "Procurement" }, { "MOD-2131", "Billing" }, { "MOD-3412", "Support" },
    { "MOD-4018", "Subscriptions" }, { "MOD-6604", "Settings" },
};

static void account_groups(struct role_bundles *rb)
{
    role_bundles_add_group(rb, "UGR-0001-0001", "Default", DEFAULT_MODS, 2);
    role_bundles_add_group(rb, "UGR-0001-0002", "Administrators", ADMIN_MODS, 5);
    role_bundles_add_group(rb, "UGR-0001-0003", "Billing", BILLING_MODS, 1);
    role_bundles_add_group(rb, "UGR-0001-0004", "Procurement", PROC_MODS, 2);
    for (size_t i = 0; i < ARRAY_SIZE(NAMES); i++)
        role_bundles_add_name(rb, NAMES[i].key, NAMES[i].name);
    rb->groups_state = EXPLAIN_GROUPS_KNOWN;
}

static const struct explain_assignment IN_DEFAULT = { NULL, NULL, "UGR-0001-0001", false };
static const struct explain_assignment IN_BILLING = { NULL, NULL, "UGR-0001-0003", false };
static const struct explain_assignment IN_PROC = { NULL, NULL, "UGR-0001-0004", false };

/* A user in Default and Billing: Procurement, Support, Billing. */
static const struct explain_assignment TWO[] = { IN_DEFAULT, IN_BILLING };
static const char *const TWO_MODS[] = { "MOD-1756", "MOD-3412", "MOD-2131" };

static struct explain_subject user(const struct explain_assignment *a, size_t n,
                                   const char *const *mods, size_t n_mods)
{
    return (struct explain_subject){ .assignments = a, .n_assignments = n, .resolved = mods,
                                     .n_resolved = n_mods };
}

static void has_it_through_one_group(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_subject s = user(TWO, 2, TWO_MODS, 3);
    struct explain_answer a;

    account_groups(&rb);
    explain_capability(&rb, NULL, &s, "MOD-2131", &a);
    assert_true(a.granted);
    assert_true(a.certain);
    assert_int_equal(a.n_paths, 1); /* Default does not give Billing: no path */
    assert_int_equal(a.paths[0].via, EXPLAIN_GROUP_KNOWN);
    assert_string_equal(a.paths[0].key, "UGR-0001-0003");
    assert_string_equal(a.paths[0].name, "Billing");
    assert_string_equal(a.key, "MOD-2131");
    assert_string_equal(a.name, "Billing");
    role_bundles_free(&rb);
}

static void has_it_through_two_groups_asked_by_name(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    const struct explain_assignment both[] = { IN_DEFAULT, IN_PROC };
    const char *const mods[] = { "MOD-1756", "MOD-3412", "MOD-4018" };
    struct explain_subject s = user(both, 2, mods, 3);
    struct explain_answer a;

    account_groups(&rb);
    explain_capability(&rb, NULL, &s, "pROCUREMENT", &a); /* names ignore case */
    assert_true(a.granted);
    assert_string_equal(a.key, "MOD-1756");
    assert_int_equal(a.n_paths, 2);
    assert_string_equal(a.paths[0].key, "UGR-0001-0001");
    assert_string_equal(a.paths[1].key, "UGR-0001-0004");
    assert_int_equal(a.paths[1].via, EXPLAIN_GROUP_KNOWN);
    explain_capability(&rb, NULL, &s, "mod-1756", &a); /* ids compare exactly */
    assert_false(a.granted);
    role_bundles_free(&rb);
}

static void not_granted_suggests_the_smallest_group(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_subject s = user(&IN_DEFAULT, 1, DEFAULT_MODS, 2);
    struct explain_answer a;

    account_groups(&rb);
    explain_capability(&rb, NULL, &s, "Subscriptions", &a);
    assert_false(a.granted);
    assert_int_equal(a.n_paths, 0);
    assert_int_equal(a.n_suggest, 0); /* no roles here */
    assert_int_equal(a.n_suggest_groups, 2);
    assert_string_equal(a.suggest_groups[0]->group_id, "UGR-0001-0004"); /* 2 before 5 */
    assert_string_equal(a.suggest_groups[1]->group_id, "UGR-0001-0002");
    explain_capability(&rb, NULL, &s, "Support", &a);
    assert_true(a.granted);
    explain_capability(&rb, NULL, &s, "Spotlight", &a); /* no group gives it */
    assert_false(a.granted);
    assert_int_equal(a.n_suggest_groups, 0);
    role_bundles_free(&rb);
}

static void groups_unavailable_leaves_the_attribution_unknown(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_subject s = user(TWO, 2, TWO_MODS, 3);
    struct explain_answer a;

    /* Some groups in, then a read that failed (list --can over two accounts). */
    account_groups(&rb);
    rb.groups_state = EXPLAIN_GROUPS_UNREAD;
    explain_capability(&rb, NULL, &s, "MOD-2131", &a);
    assert_int_equal(a.groups, EXPLAIN_GROUPS_UNREAD);
    assert_true(a.granted); /* the user's modules say so */
    assert_false(a.certain);
    assert_int_equal(a.n_paths, 2); /* either group might: neither is claimed */
    assert_int_equal(a.paths[0].via, EXPLAIN_GROUP);
    assert_int_equal(a.paths[1].via, EXPLAIN_GROUP);
    explain_capability(&rb, NULL, &s, "MOD-6604", &a);
    assert_false(a.granted);
    assert_int_equal(a.n_suggest_groups, 0);
    role_bundles_free(&rb);
}

static void names_come_from_the_users_too(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_owned o = { 0 };
    struct explain_answer a;

    explain_owned_add(&o, NULL, NULL, "UGR-0001-0003", false);
    explain_owned_add_resolved(&o, "MOD-2131");
    explain_owned_add_name(&o, "MOD-2131", "Billing");
    role_bundles_learn(&rb, &o.subject); /* learns the name, no bundle */
    assert_int_equal(rb.n, 0);
    assert_string_equal(role_bundles_key_of(&rb, "BILLING"), "MOD-2131");
    assert_string_equal(role_bundles_key_of(&rb, "Nothing"), "Nothing");
    explain_capability(&rb, NULL, &o.subject, "billing", &a);
    assert_true(a.granted);
    /* Nobody read the groups: a group is a possible path, as for Hybridbox. */
    assert_int_equal(a.paths[0].via, EXPLAIN_GROUP);
    explain_owned_free(&o);
    role_bundles_free(&rb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(has_it_through_one_group),
        cmocka_unit_test(has_it_through_two_groups_asked_by_name),
        cmocka_unit_test(not_granted_suggests_the_smallest_group),
        cmocka_unit_test(groups_unavailable_leaves_the_attribution_unknown),
        cmocka_unit_test(names_come_from_the_users_too),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
