#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/tree.h"

/* Visible rows as "depth:label" joined by spaces, for compact assertions. */
static char *rows_str(struct tree *t)
{
    static char buf[4096];
    size_t off = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < tree_visible_count(t); i++) {
        const struct tree_row *r = tree_visible_row(t, i);
        int n = snprintf(buf + off, sizeof buf - off, "%s%d:%s", i ? " " : "", r->depth,
                         r->node->label);
        assert_true(n > 0 && (size_t)n < sizeof buf - off);
        off += (size_t)n;
    }
    return buf;
}

/* A(B, C(D)), E */
struct fixture {
    struct tree *t;
    struct tree_node *a, *b, *c, *d, *e;
};

static void build(struct fixture *f)
{
    f->t = tree_new();
    struct tree_node *root = tree_root(f->t);
    f->a = tree_add_child(root, "A", NULL, TREE_TAG_HEADING);
    f->b = tree_add_child(f->a, "B", "1", TREE_TAG_PLAIN);
    f->c = tree_add_child(f->a, "C", NULL, TREE_TAG_PLAIN);
    f->d = tree_add_child(f->c, "D", "2", TREE_TAG_PLAIN);
    f->e = tree_add_child(root, "E", NULL, TREE_TAG_PLAIN);
}

static void empty_tree(void **state)
{
    (void)state;
    struct tree *t = tree_new();
    assert_int_equal(tree_visible_count(t), 0);
    assert_null(tree_visible_row(t, 0));
    assert_false(tree_toggle_row(t, 0));
    assert_int_equal(tree_node_count(t), 0);
    tree_free(t);
    tree_free(NULL);
}

static void flattening_follows_expansion(void **state)
{
    struct fixture f;
    (void)state;

    build(&f);
    assert_int_equal(tree_node_count(f.t), 5);
    assert_string_equal(rows_str(f.t), "0:A 0:E");
    tree_toggle(f.a);
    assert_string_equal(rows_str(f.t), "0:A 1:B 1:C 0:E");

    const struct tree_row *r = tree_visible_row(f.t, 0);
    assert_ptr_equal(r->node, f.a);
    assert_true(r->has_children);
    assert_true(r->expanded);
    assert_false(r->is_last);
    r = tree_visible_row(f.t, 2);
    assert_ptr_equal(r->node, f.c);
    assert_true(r->has_children);
    assert_false(r->expanded);
    assert_true(r->is_last);
    r = tree_visible_row(f.t, 1);
    assert_false(r->has_children);
    assert_string_equal(r->node->value, "1");

    tree_toggle(f.c);
    assert_string_equal(rows_str(f.t), "0:A 1:B 1:C 2:D 0:E");
    r = tree_visible_row(f.t, 3);
    /* guides for D: A is not the last top-level node ("│"), C is the last child of A (" ") */
    assert_false(tree_row_guide_is_last(r, 0));
    assert_true(tree_row_guide_is_last(r, 1));
    assert_true(r->is_last);
    tree_free(f.t);
}

static void toggling_by_row_and_selection_helpers(void **state)
{
    struct fixture f;
    (void)state;

    build(&f);
    assert_true(tree_toggle_row(f.t, 0)); /* expand A */
    assert_int_equal(tree_visible_count(f.t), 4);
    assert_true(tree_toggle_row(f.t, 2)); /* expand C */
    assert_int_equal(tree_row_of(f.t, f.d), 3);
    assert_int_equal(tree_row_of(f.t, f.e), 4);
    assert_false(tree_toggle_row(f.t, 5));

    assert_true(tree_toggle_row(f.t, 0)); /* collapse A: D hides */
    assert_string_equal(rows_str(f.t), "0:A 0:E");
    assert_int_equal(tree_row_of(f.t, f.d), TREE_NO_ROW);
    assert_int_equal(tree_row_of(f.t, f.e), 1);
    assert_ptr_equal(tree_visible_ancestor(f.t, f.d), f.a);
    assert_ptr_equal(tree_visible_ancestor(f.t, f.e), f.e);
    assert_null(tree_visible_ancestor(f.t, tree_root(f.t)));

    tree_reveal(f.d);
    assert_int_equal(tree_row_of(f.t, f.d), 3);

    tree_collapse_all(f.t);
    assert_string_equal(rows_str(f.t), "0:A 0:E");
    tree_expand_all(f.t);
    assert_string_equal(rows_str(f.t), "0:A 1:B 1:C 2:D 0:E");
    /* the root cannot be collapsed */
    tree_toggle(tree_root(f.t));
    assert_int_equal(tree_visible_count(f.t), 5);
    /* a leaf toggles its flag but adds no row */
    tree_toggle(f.e);
    assert_int_equal(tree_visible_count(f.t), 5);
    assert_false(tree_visible_row(f.t, 4)->expanded);

    tree_clear(f.t);
    assert_int_equal(tree_visible_count(f.t), 0);
    assert_int_equal(tree_node_count(f.t), 0);
    tree_add_child(tree_root(f.t), "again", NULL, 0);
    assert_string_equal(rows_str(f.t), "0:again");
    tree_free(f.t);
}

static void labels_are_sanitised(void **state)
{
    (void)state;
    struct tree *t = tree_new();
    struct tree_node *n = tree_add_child(tree_root(t), "x\x1b[31my", "v\nw", 0);
    assert_string_equal(n->label, "x\xEF\xBF\xBDy");
    assert_string_equal(n->value, "v w");
    tree_node_set_value(n, "\xE2\x80\xAE" "abc");
    assert_string_equal(n->value, "abc");
    tree_node_set_value(n, NULL);
    assert_null(n->value);
    struct tree_node *m = tree_add_child(tree_root(t), NULL, NULL, 0);
    assert_string_equal(m->label, "");
    tree_free(t);
}

static unsigned bundled_if_delete(const char *key, void *ctx)
{
    (*(int *)ctx)++;
    return strstr(key, "delete") ? TREE_TAG_BUNDLED : TREE_TAG_CAPABILITY;
}

static void grouping_keys_by_resource(void **state)
{
    const char *keys[] = {"dns_record.create", "user.invite", "dns_record.delete", "billing",
                          NULL, "a.b.c"};
    int calls = 0;
    (void)state;

    struct tree *t = tree_new();
    struct tree_node *caps = tree_add_child(tree_root(t), "Capabilities", NULL, TREE_TAG_HEADING);
    tree_set_expanded(caps, true);
    assert_int_equal(tree_add_grouped_keys(caps, keys, 6, TREE_GROUP_EXPANDED,
                                           bundled_if_delete, &calls), 5);
    assert_int_equal(calls, 5);
    assert_string_equal(rows_str(t), "0:Capabilities 1:dns_record 2:create 2:delete 1:user "
                                     "2:invite 1:billing 1:a.b 2:c");
    const struct tree_row *r = tree_visible_row(t, 1);
    assert_int_equal(r->node->tag, TREE_TAG_GROUP);
    r = tree_visible_row(t, 2);
    assert_string_equal(r->node->id, "dns_record.create");
    assert_int_equal(r->node->tag, TREE_TAG_CAPABILITY);
    assert_int_equal(tree_visible_row(t, 3)->node->tag, TREE_TAG_BUNDLED);
    assert_string_equal(tree_visible_row(t, 6)->node->id, "billing");

    /* a later call reuses the existing group */
    const char *more[] = {"user.remove"};
    assert_int_equal(tree_add_grouped_keys(caps, more, 1, 0, NULL, NULL), 1);
    assert_string_equal(rows_str(t), "0:Capabilities 1:dns_record 2:create 2:delete 1:user "
                                     "2:invite 2:remove 1:billing 1:a.b 2:c");
    assert_int_equal(tree_visible_row(t, 6)->node->tag, TREE_TAG_CAPABILITY);
    tree_free(t);
}

static void grouping_sorted_and_collapsed(void **state)
{
    const char *keys[] = {"zone.read", "dns_record.update", "admin", "dns_record.create",
                          "dns.x", ".hidden", "trailing."};
    (void)state;

    struct tree *t = tree_new();
    tree_add_grouped_keys(tree_root(t), keys, 7, TREE_GROUP_SORT, NULL, NULL);
    /* plain keys first, then groups by resource ("dns" before "dns_record") */
    assert_string_equal(rows_str(t), "0:.hidden 0:admin 0:trailing. 0:dns 0:dns_record 0:zone");
    tree_expand_all(t);
    assert_string_equal(rows_str(t), "0:.hidden 0:admin 0:trailing. 0:dns 1:x 0:dns_record "
                                     "1:create 1:update 0:zone 1:read");
    tree_free(t);
}

static void ten_thousand_nodes(void **state)
{
    (void)state;
    struct tree *t = tree_new();
    char label[32];

    for (int g = 0; g < 100; g++) {
        snprintf(label, sizeof label, "g%d", g);
        struct tree_node *gn = tree_add_child(tree_root(t), label, NULL, TREE_TAG_GROUP);
        for (int i = 0; i < 100; i++) {
            snprintf(label, sizeof label, "n%d", i);
            tree_add_child(gn, label, "v", 0);
        }
    }
    assert_int_equal(tree_node_count(t), 10100);
    assert_int_equal(tree_visible_count(t), 100);
    tree_expand_all(t);
    assert_int_equal(tree_visible_count(t), 10100);
    assert_string_equal(tree_visible_row(t, 10099)->node->label, "n99");
    assert_true(tree_toggle_row(t, 101)); /* collapse g1 */
    assert_int_equal(tree_visible_count(t), 10000);
    assert_string_equal(tree_visible_row(t, 102)->node->label, "g2");
    /* row indices follow the rebuilt list */
    for (size_t i = 0; i < tree_visible_count(t); i += 997)
        assert_int_equal(tree_row_of(t, tree_visible_row(t, i)->node), i);
    tree_free(t);
}

static void deep_nesting_needs_no_stack(void **state)
{
    (void)state;
    struct tree *t = tree_new();
    struct tree_node *n = tree_root(t);
    const int depth = 200000;

    for (int i = 0; i < depth; i++)
        n = tree_add_child(n, "x", NULL, 0);
    assert_int_equal(tree_visible_count(t), 1);
    tree_reveal(n);
    assert_int_equal(tree_visible_count(t), depth);
    const struct tree_row *r = tree_visible_row(t, depth - 1);
    assert_int_equal(r->depth, depth - 1);
    assert_true(tree_row_guide_is_last(r, 0));
    tree_collapse_all(t);
    assert_ptr_equal(tree_visible_ancestor(t, n), tree_root(t)->first_child);
    tree_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_tree),
        cmocka_unit_test(flattening_follows_expansion),
        cmocka_unit_test(toggling_by_row_and_selection_helpers),
        cmocka_unit_test(labels_are_sanitised),
        cmocka_unit_test(grouping_keys_by_resource),
        cmocka_unit_test(grouping_sorted_and_collapsed),
        cmocka_unit_test(ten_thousand_nodes),
        cmocka_unit_test(deep_nesting_needs_no_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
