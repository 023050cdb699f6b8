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

/* An account as the explainer sees it: viewer and editor were each the
 * only assignment of some invitations, manager never was. */

static const char *const DOCUMENTED[] = { "viewer", "editor", "manager", "billing_admin", NULL };

static const struct explain_assignment VIEWER = { "viewer", NULL, NULL, false };
static const struct explain_assignment EDITOR = { "editor", NULL, NULL, false };
static const struct explain_assignment MANAGER = { "manager", NULL, NULL, false };
static const struct explain_assignment GROUP = { NULL, NULL, "grp-7", false };
static const struct explain_assignment DNS = { NULL, "dns_record.manage", NULL, false };
static const struct explain_assignment OWNER = { NULL, NULL, NULL, true };

static const char *const VIEWER_CAPS[] = { "domain.view", "account.view" };
static const char *const EDITOR_CAPS[] = { "account.view", "domain.view", "domain.manage",
                                           "account.view" /* repeated: learned once */ };

static struct explain_subject only(const struct explain_assignment *a, const char *const *caps,
                                   size_t n)
{
    return (struct explain_subject){ a, 1, caps, n, false, NULL, 0, false };
}

static void learn_account(struct role_bundles *rb)
{
    struct explain_subject v = only(&VIEWER, VIEWER_CAPS, 2);
    struct explain_subject e = only(&EDITOR, EDITOR_CAPS, 4);

    role_bundles_learn(rb, &v);
    role_bundles_learn(rb, &v);
    role_bundles_learn(rb, &e);
}

static void learns_a_role_from_invitations_with_only_that_role(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_assignment two[] = { VIEWER, DNS };
    const char *const caps[] = { "domain.view", "account.view", "dns_record.manage" };
    struct explain_subject mixed = { two, 2, caps, 3, false, NULL, 0, false };

    learn_account(&rb);
    role_bundles_learn(&rb, &mixed); /* two assignments: teaches nothing */
    const struct role_bundle *v = role_bundles_find(&rb, "viewer");
    const struct role_bundle *e = role_bundles_find(&rb, "editor");
    assert_non_null(v);
    assert_int_equal(v->learned_from, 2);
    assert_int_equal(v->n_caps, 2);
    assert_false(v->inconsistent);
    assert_false(role_bundle_grants(v, "dns_record.manage"));
    assert_int_equal(e->n_caps, 3);
    assert_true(role_bundle_grants(e, "domain.manage"));
    assert_null(role_bundles_find(&rb, "manager"));
    role_bundles_free(&rb);
}

static void disagreeing_invitations_keep_what_they_share(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    const char *const more[] = { "account.view", "billing.view" };
    struct explain_subject v1 = only(&VIEWER, VIEWER_CAPS, 2);
    struct explain_subject v2 = only(&VIEWER, more, 2);

    role_bundles_learn(&rb, &v1);
    role_bundles_learn(&rb, &v2);
    const struct role_bundle *v = role_bundles_find(&rb, "viewer");
    assert_true(v->inconsistent);
    assert_int_equal(v->n_caps, 1);
    assert_true(role_bundle_grants(v, "account.view"));
    assert_false(role_bundle_grants(v, "domain.view"));
    role_bundles_free(&rb);
}

static void direct_capability_is_certain(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_assignment a[] = { VIEWER, DNS };
    const char *const caps[] = { "domain.view", "account.view", "dns_record.manage" };
    struct explain_subject s = { a, 2, caps, 3, false, NULL, 0, false };
    struct explain_answer ans;

    learn_account(&rb);
    explain_capability(&rb, DOCUMENTED, &s, "dns_record.manage", &ans);
    assert_true(ans.granted);
    assert_true(ans.certain);
    assert_int_equal(ans.n_paths, 1);
    assert_int_equal(ans.paths[0].via, EXPLAIN_DIRECT);
    assert_string_equal(ans.paths[0].key, "dns_record.manage");
    role_bundles_free(&rb);
}

static void role_path_is_learned_and_says_from_how_many(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_assignment a[] = { VIEWER, DNS };
    const char *const caps[] = { "domain.view", "account.view", "dns_record.manage" };
    struct explain_subject s = { a, 2, caps, 3, false, NULL, 0, false };
    struct explain_answer ans;

    learn_account(&rb);
    explain_capability(&rb, DOCUMENTED, &s, "domain.view", &ans);
    assert_true(ans.granted);
    assert_false(ans.certain);
    assert_int_equal(ans.n_paths, 1);
    assert_int_equal(ans.paths[0].via, EXPLAIN_ROLE);
    assert_string_equal(ans.paths[0].key, "viewer");
    assert_int_equal(ans.paths[0].learned_from, 2);
    role_bundles_free(&rb);
}

static void group_contents_are_unknown(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_assignment a[] = { GROUP, MANAGER };
    const char *const caps[] = { "mailbox.manage" };
    struct explain_subject s = { a, 2, caps, 1, false, NULL, 0, false };
    struct explain_answer ans;

    learn_account(&rb);
    explain_capability(&rb, DOCUMENTED, &s, "mailbox.manage", &ans);
    assert_true(ans.granted);
    assert_false(ans.certain);
    assert_int_equal(ans.n_paths, 2);
    assert_int_equal(ans.paths[0].via, EXPLAIN_GROUP);
    assert_string_equal(ans.paths[0].key, "grp-7");
    /* manager was never an invitation's only role: not learned, only possible. */
    assert_int_equal(ans.paths[1].via, EXPLAIN_ROLE_UNKNOWN);
    assert_string_equal(ans.paths[1].key, "manager");
    role_bundles_free(&rb);
}

static void ownership_is_certain(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    const char *const caps[] = { "account.view", "billing.manage" };
    struct explain_subject s = { &OWNER, 1, caps, 2, true, NULL, 0, false };
    struct explain_answer ans;

    explain_capability(&rb, DOCUMENTED, &s, "billing.manage", &ans);
    assert_true(ans.granted);
    assert_true(ans.certain);
    assert_int_equal(ans.n_paths, 1); /* owner once, not once per owner grant */
    assert_int_equal(ans.paths[0].via, EXPLAIN_OWNER);
    assert_null(ans.paths[0].key);
    role_bundles_free(&rb);
}

static void not_granted_suggests_the_smallest_documented_role(void **state)
{
    (void)state;
    struct role_bundles rb = { 0 };
    struct explain_assignment a[] = { GROUP };
    const char *const caps[] = { "account.view" };
    struct explain_subject s = { a, 1, caps, 1, false, NULL, 0, false };
    struct explain_answer ans;
    const char *const undocumented_too[] = { "viewer", "editor", NULL };
    const struct explain_assignment custom = { "custom_viewer", NULL, NULL, false };
    const char *const custom_caps[] = { "domain.view" };
    struct explain_subject c = only(&custom, custom_caps, 1);

    learn_account(&rb);
    role_bundles_learn(&rb, &c);
    explain_capability(&rb, DOCUMENTED, &s, "domain.view", &ans);
    assert_false(ans.granted);
    assert_int_equal(ans.n_paths, 0); /* the group does not give it: the server says so */
    assert_int_equal(ans.n_suggest, 2);
    assert_string_equal(ans.suggest[0]->role_key, "viewer"); /* 2 caps before editor's 3 */
    assert_string_equal(ans.suggest[1]->role_key, "editor");
    explain_capability(&rb, undocumented_too, &s, "domain.manage", &ans);
    assert_int_equal(ans.n_suggest, 1);
    assert_string_equal(ans.suggest[0]->role_key, "editor");
    explain_capability(&rb, DOCUMENTED, &s, "tenant.manage", &ans);
    assert_int_equal(ans.n_suggest, 0); /* no learned role grants it */
    role_bundles_free(&rb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(learns_a_role_from_invitations_with_only_that_role),
        cmocka_unit_test(disagreeing_invitations_keep_what_they_share),
        cmocka_unit_test(direct_capability_is_certain),
        cmocka_unit_test(role_path_is_learned_and_says_from_how_many),
        cmocka_unit_test(group_contents_are_unknown),
        cmocka_unit_test(ownership_is_certain),
        cmocka_unit_test(not_granted_suggests_the_smallest_documented_role),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
