#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/provider.h"
#include "invitui/tree.h"
#include "invitui/ui_detail_tree.h"
#include "invitui/util.h"

static const char hb_raw[] =
    "{\"id\":\"3c90c3cc-0d44-4b50-8888-8dd25736052a\",\"email\":\"ann@example.com\","
    "\"status\":\"pending\",\"note\":\"hello\",\"assignments\":["
    "{\"assignment_kind\":\"role\",\"position\":0,\"role_key\":\"editor\"},"
    "{\"assignment_kind\":\"capability\",\"position\":1,\"capability_key\":\"dns_record.view\"}],"
    "\"permission_context\":{\"assigned_bundle_keys\":[\"editor\"],"
    "\"direct_capability_keys\":[\"dns_record.view\"],"
    "\"resolved_capability_keys\":[\"dns_record.view\",\"dns_record.edit\",\"account.view\"],"
    "\"owner_assignments\":[{\"account_id\":\"11111111-0d44-4b50-8888-8dd25736052a\"}],"
    "\"status\":\"active\",\"subject_id\":\"\",\"subject_type\":\"unknown\"}}";

static struct invitation make_inv(const char *raw)
{
    struct invitation inv;

    memset(&inv, 0, sizeof(inv));
    inv.id = (char *)"3c90c3cc-0d44-4b50-8888-8dd25736052a";
    inv.email = (char *)"ann@example.com";
    inv.raw_status = (char *)"pending";
    inv.status = INV_STATUS_PENDING;
    inv.expires_at = 2000000000;
    inv.raw = (char *)raw;
    return inv;
}

/* The child of n whose label starts with prefix. */
static struct tree_node *child(struct tree_node *n, const char *prefix)
{
    for (struct tree_node *c = n->first_child; c; c = c->next)
        if (strncmp(c->label, prefix, strlen(prefix)) == 0)
            return c;
    fail_msg("no child \"%s\" under \"%s\"", prefix, n->label);
    return NULL;
}

static void hybridbox_permissions(void **state)
{
    struct tree *t = tree_new();
    struct invitation inv = make_inv(hb_raw);
    (void)state;

    ui_detail_tree_build(t, &inv, PROVIDER_HYBRIDBOX, 1900000000);
    struct tree_node *root = tree_root(t);
    struct tree_node *fields = child(root, "Invitation");
    assert_string_equal(child(fields, "E-mail")->value, "ann@example.com");
    assert_non_null(strstr(child(fields, "Status")->value, "pending"));
    assert_non_null(strstr(child(fields, "Expires")->value, "expires in"));

    struct tree_node *asg = child(root, "Assignments (2)");
    assert_int_equal(asg->nchildren, 2); /* one node per assignment */
    assert_string_equal(asg->first_child->label, "role");
    assert_string_equal(asg->first_child->value, "editor");
    assert_false(asg->first_child->expanded);
    assert_string_equal(child(asg->first_child, "role")->value, "editor");
    assert_string_equal(asg->last_child->label, "capability");
    assert_string_equal(child(asg->last_child, "capability")->value, "dns_record.view");

    struct tree_node *perm = child(root, "Permissions");
    assert_string_equal(child(child(perm, "Bundles (1)"), "editor")->label, "editor");
    struct tree_node *resolved = child(perm, "Resolved capabilities (3)");
    struct tree_node *dns = child(resolved, "dns_record");
    assert_int_equal(dns->tag, TREE_TAG_GROUP);
    /* Granted directly: a capability; only via the bundle: marked as such. */
    assert_int_equal(child(dns, "view")->tag, TREE_TAG_CAPABILITY);
    assert_int_equal(child(dns, "edit")->tag, TREE_TAG_BUNDLED);
    assert_int_equal(child(child(resolved, "account"), "view")->tag, TREE_TAG_BUNDLED);
    /* Two assignments: the API does not say which one brings dns_record.edit. */
    assert_string_equal(child(dns, "edit")->value, "[via role or group]");
    assert_null(child(dns, "view")->value);
    assert_int_equal(child(child(perm, "Direct capabilities (1)"), "dns_record")->nchildren, 1);
    assert_int_equal(child(perm, "Owner of accounts (1)")->nchildren, 1);
    assert_string_equal(child(child(perm, "Subject"), "type")->value, "unknown");
    tree_free(t);
}

/* A single assignment is a certain source: the capability says which. */
static void single_assignment_source(void **state)
{
    static const char *const raws[][2] = {
        {"{\"assignment_kind\":\"role\",\"position\":0,\"role_key\":\"editor\"}",
         "[from role editor]"},
        {"{\"assignment_kind\":\"group\",\"position\":0,\"group_id\":\"g-1\"}",
         "[from group g-1]"},
        {"{\"assignment_kind\":\"role\",\"position\":0,\"role_key\":\"editor\","
         "\"group_id\":\"g-1\"}",
         "[via role or group]"},
    };
    (void)state;

    for (size_t i = 0; i < ARRAY_SIZE(raws); i++) {
        char *raw = xasprintf("{\"id\":\"x\",\"status\":\"pending\",\"assignments\":[%s],"
                              "\"permission_context\":{\"direct_capability_keys\":[],"
                              "\"resolved_capability_keys\":[\"account.view\"]}}",
                              raws[i][0]);
        struct tree *t = tree_new();
        struct invitation inv = make_inv(raw);
        ui_detail_tree_build(t, &inv, PROVIDER_HYBRIDBOX, 1900000000);
        struct tree_node *perm = child(tree_root(t), "Permissions");
        struct tree_node *view = child(child(child(perm, "Resolved"), "account"), "view");
        assert_int_equal(view->tag, TREE_TAG_BUNDLED);
        assert_string_equal(view->value, raws[i][1]);
        tree_free(t);
        free(raw);
    }
}

static void marketplace_sections(void **state)
{
    static const char raw[] =
        "{\"id\":\"AUSR-1234-5678-9012\",\"user\":{\"id\":\"USR-1234-5678\",\"name\":\"Bo\"},"
        "\"account\":{\"id\":\"ACC-1234-5678\",\"name\":\"Acme\"},"
        "\"groups\":[{\"id\":\"UGR-1234-5678\",\"name\":\"Admins\"}],"
        "\"modules\":[{\"id\":\"MOD-1\",\"name\":\"Billing\",\"settings\":{\"paid\":true}}],"
        "\"invitation\":{\"status\":\"Invited\",\"url\":\"https://x.example/a?code=1\"},"
        "\"audit\":{\"created\":{\"at\":\"2026-01-01T00:00:00Z\"}},\"extra\":42}";
    struct tree *t = tree_new();
    struct invitation inv = make_inv(raw);
    (void)state;

    ui_detail_tree_build(t, &inv, PROVIDER_MARKETPLACE, 1900000000);
    struct tree_node *root = tree_root(t);
    assert_string_equal(child(child(root, "User"), "name")->value, "Bo");
    assert_non_null(child(child(root, "Groups (1)"), "Admins"));
    struct tree_node *mod = child(child(root, "Modules (1)"), "Billing");
    assert_string_equal(child(child(mod, "settings"), "paid")->value, "true");
    assert_non_null(child(child(root, "Invitation link"), "url"));
    assert_non_null(child(root, "Audit"));
    assert_string_equal(child(child(root, "Other fields"), "extra")->value, "42");
    tree_free(t);
}

static void hostile_and_broken_raw(void **state)
{
    struct tree *t = tree_new();
    struct invitation inv =
        make_inv("{\"id\":\"x\",\"user\":{\"name\":\"\\u001b[31mred\\u202e\"}}");
    (void)state;

    ui_detail_tree_build(t, &inv, PROVIDER_MARKETPLACE, 0);
    const char *name = child(child(tree_root(t), "User"), "name")->value;
    assert_null(strchr(name, '\033'));
    assert_null(strstr(name, "\xe2\x80\xae"));
    tree_clear(t);

    inv = make_inv("not json");
    ui_detail_tree_build(t, &inv, PROVIDER_HYBRIDBOX, 0);
    assert_non_null(child(tree_root(t), "Raw"));
    tree_free(t);
}

/* A provider that is neither: the sections are its detail_keys, in its
 * order, and without detail_others nothing else is listed. */
static void sections_come_from_provider_ops(void **state)
{
    static const char *const keys[] = {"audit", "user", "assignments", NULL};
    static const struct provider_ops fake = {.name = "fake", .detail_keys = keys};
    static const char raw[] = "{\"user\":{\"name\":\"Bo\"},\"audit\":{\"by\":\"Al\"},"
                              "\"account\":{\"id\":\"ACC-1234-5678\"},\"extra\":1}";
    struct tree *t = tree_new();
    struct invitation inv = make_inv(raw);
    (void)state;

    ui_detail_tree_build_ops(t, &inv, &fake, 0);
    struct tree_node *audit = child(tree_root(t), "Audit");
    struct tree_node *user = child(tree_root(t), "User");
    assert_ptr_equal(audit->next, user);
    assert_string_equal(child(user, "name")->value, "Bo");
    for (struct tree_node *c = tree_root(t)->first_child; c; c = c->next) {
        assert_null(strstr(c->label, "Account"));
        assert_null(strstr(c->label, "Other fields"));
    }
    tree_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hybridbox_permissions),
        cmocka_unit_test(single_assignment_source),
        cmocka_unit_test(marketplace_sections),
        cmocka_unit_test(sections_come_from_provider_ops),
        cmocka_unit_test(hostile_and_broken_raw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
