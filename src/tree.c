#include "config.h"

#include "invitui/tree.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/sanitize.h"
#include "invitui/util.h"

struct tree {
    struct tree_node root;
    struct tree_row *rows;
    size_t nrows, cap;
    size_t count;
    bool dirty;
};

static char *clean(const char *s)
{
    return sanitize_display(s, s ? strlen(s) : 0, 0);
}

struct tree *tree_new(void)
{
    struct tree *t = xcalloc(1, sizeof *t);

    t->root.label = xstrdup("");
    t->root.expanded = true;
    t->root.tree = t;
    t->root.row = TREE_NO_ROW;
    t->dirty = true;
    return t;
}

struct tree_node *tree_root(struct tree *t)
{
    return &t->root;
}

static void free_node(struct tree_node *n)
{
    free(n->label);
    free(n->value);
    free(n->id);
    free(n);
}

/* Post-order without recursion: always free the first leaf, then climb. */
static void free_children(struct tree *t, struct tree_node *top)
{
    struct tree_node *n = top->first_child;

    while (n && n != top) {
        if (n->first_child) {
            n = n->first_child;
            continue;
        }
        struct tree_node *up = n->parent, *nx = n->next;
        up->first_child = nx;
        if (nx)
            nx->prev = NULL;
        free_node(n);
        t->count--;
        n = nx ? nx : up;
    }
    top->first_child = top->last_child = NULL;
    top->nchildren = 0;
}

static void invalidate(struct tree *t)
{
    t->dirty = true;
}

void tree_clear(struct tree *t)
{
    /* Rows point at nodes about to go. */
    t->nrows = 0;
    free_children(t, &t->root);
    invalidate(t);
}

void tree_free(struct tree *t)
{
    if (!t)
        return;
    free_children(t, &t->root);
    free(t->root.label);
    free(t->rows);
    free(t);
}

struct tree_node *tree_add_child(struct tree_node *parent, const char *label, const char *value,
                                 unsigned tag)
{
    struct tree_node *n = xcalloc(1, sizeof *n);

    n->label = clean(label);
    n->value = value ? clean(value) : NULL;
    n->tag = tag;
    n->tree = parent->tree;
    n->parent = parent;
    n->row = TREE_NO_ROW;
    n->prev = parent->last_child;
    if (parent->last_child)
        parent->last_child->next = n;
    else
        parent->first_child = n;
    parent->last_child = n;
    parent->nchildren++;
    parent->tree->count++;
    invalidate(parent->tree);
    return n;
}

void tree_node_set_value(struct tree_node *n, const char *value)
{
    free(n->value);
    n->value = value ? clean(value) : NULL;
}

void tree_node_set_id(struct tree_node *n, const char *id)
{
    free(n->id);
    n->id = xstrdup_or_null(id);
}

size_t tree_node_count(const struct tree *t)
{
    return t->count;
}

/* ---- expansion ---- */

void tree_set_expanded(struct tree_node *n, bool expanded)
{
    if (!n->parent)
        return; /* the root stays expanded */
    if (n->expanded != expanded) {
        n->expanded = expanded;
        invalidate(n->tree);
    }
}

void tree_toggle(struct tree_node *n)
{
    tree_set_expanded(n, !n->expanded);
}

static struct tree_node *preorder_next(struct tree_node *n)
{
    if (n->first_child)
        return n->first_child;
    while (n && !n->next)
        n = n->parent;
    return n ? n->next : NULL;
}

static void set_all(struct tree *t, bool expanded)
{
    for (struct tree_node *n = t->root.first_child; n; n = preorder_next(n))
        n->expanded = expanded;
    invalidate(t);
}

void tree_expand_all(struct tree *t)
{
    set_all(t, true);
}

void tree_collapse_all(struct tree *t)
{
    set_all(t, false);
}

void tree_reveal(struct tree_node *n)
{
    for (struct tree_node *p = n->parent; p && p->parent; p = p->parent)
        tree_set_expanded(p, true);
}

bool tree_toggle_row(struct tree *t, size_t index)
{
    const struct tree_row *r = tree_visible_row(t, index);

    if (!r)
        return false;
    tree_toggle(r->node);
    return true;
}

/* ---- flattening ---- */

static void push_row(struct tree *t, struct tree_node *n, int depth)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    n->row = t->nrows;
    t->rows[t->nrows++] = (struct tree_row){
        .node = n,
        .depth = depth,
        .has_children = n->first_child != NULL,
        .expanded = n->expanded && n->first_child,
        .is_last = n->next == NULL,
    };
}

static void flatten(struct tree *t)
{
    struct tree_node *n = t->root.first_child;
    int depth = 0;

    if (!t->dirty)
        return;
    for (size_t i = 0; i < t->nrows; i++)
        t->rows[i].node->row = TREE_NO_ROW;
    t->nrows = 0;
    while (n) {
        push_row(t, n, depth);
        if (n->first_child && n->expanded) {
            n = n->first_child;
            depth++;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            depth--;
        }
        n = n ? n->next : NULL;
    }
    t->dirty = false;
}

size_t tree_visible_count(struct tree *t)
{
    flatten(t);
    return t->nrows;
}

const struct tree_row *tree_visible_row(struct tree *t, size_t index)
{
    flatten(t);
    return index < t->nrows ? &t->rows[index] : NULL;
}

size_t tree_row_of(struct tree *t, const struct tree_node *n)
{
    flatten(t);
    return n->parent ? n->row : TREE_NO_ROW;
}

struct tree_node *tree_visible_ancestor(struct tree *t, struct tree_node *n)
{
    flatten(t);
    while (n && n->parent && n->row == TREE_NO_ROW)
        n = n->parent;
    return n && n->parent ? n : NULL;
}

bool tree_row_guide_is_last(const struct tree_row *row, int depth)
{
    const struct tree_node *n = row->node;

    for (int d = row->depth; d > depth && n->parent; d--)
        n = n->parent;
    return n->next == NULL;
}

/* ---- grouped keys ---- */

/* Splits "resource.action" at the last dot; false when there is no usable dot. */
static bool split_key(const char *key, size_t *reslen)
{
    const char *dot = strrchr(key, '.');

    if (!dot || dot == key || dot[1] == '\0')
        return false;
    *reslen = (size_t)(dot - key);
    return true;
}

static int cmp_keys(const void *a, const void *b)
{
    const char *ka = *(const char *const *)a, *kb = *(const char *const *)b;
    size_t la = 0, lb = 0;
    bool ga = split_key(ka, &la), gb = split_key(kb, &lb);

    if (!ga || !gb)
        return ga == gb ? strcmp(ka, kb) : (ga ? 1 : -1); /* plain keys first */
    size_t m = la < lb ? la : lb;
    int c = memcmp(ka, kb, m);
    if (c == 0 && la != lb)
        return la < lb ? -1 : 1;
    return c ? c : strcmp(ka + la + 1, kb + lb + 1);
}

static struct tree_node *find_group(struct tree_node *parent, const char *label)
{
    for (struct tree_node *c = parent->first_child; c; c = c->next)
        if (c->tag == TREE_TAG_GROUP && strcmp(c->label, label) == 0)
            return c;
    return NULL;
}

static void add_key(struct tree_node *parent, const char *key, unsigned flags, unsigned tag,
                    struct tree_node **last_group)
{
    size_t reslen;
    struct tree_node *leaf;

    if (!split_key(key, &reslen)) {
        leaf = tree_add_child(parent, key, NULL, tag);
    } else {
        char *res = sanitize_display(key, reslen, 0);
        struct tree_node *g = *last_group;
        if (!g || strcmp(g->label, res) != 0)
            g = find_group(parent, res);
        if (!g) {
            g = tree_add_child(parent, res, NULL, TREE_TAG_GROUP);
            g->expanded = (flags & TREE_GROUP_EXPANDED) != 0;
        }
        free(res);
        *last_group = g;
        leaf = tree_add_child(g, key + reslen + 1, NULL, tag);
    }
    tree_node_set_id(leaf, key);
}

size_t tree_add_grouped_keys(struct tree_node *parent, const char *const *keys, size_t n,
                             unsigned flags, unsigned (*tag_of)(const char *key, void *ctx),
                             void *ctx)
{
    const char **order = xmalloc((n ? n : 1) * sizeof *order);
    struct tree_node *last_group = NULL;
    size_t m = 0;

    for (size_t i = 0; i < n; i++)
        if (keys[i])
            order[m++] = keys[i];
    if (flags & TREE_GROUP_SORT)
        qsort(order, m, sizeof *order, cmp_keys);
    for (size_t i = 0; i < m; i++) {
        unsigned tag = tag_of ? tag_of(order[i], ctx) : TREE_TAG_CAPABILITY;
        add_key(parent, order[i], flags, tag, &last_group);
    }
    free(order);
    return m;
}
