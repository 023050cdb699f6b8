/* tree: the generic collapsible tree behind the detail pane.
 *
 * Contract: a tree owns its nodes; labels, values and ids are copied on insert and labels and
 * values are passed through sanitize_display() (single line), so views can draw them as they
 * are. The view draws only visible rows: tree_visible_count() / tree_visible_row() read a
 * flattened list that is rebuilt lazily after any change (insert, toggle, expand/collapse). Row
 * pointers stay valid until the next change. Node fields are read-only outside tree.c; change
 * them through the functions below. No locking: one thread (the UI) uses a tree at a time.
 * Everything is iterative, so depth is limited by memory only. */
#ifndef INVITUI_TREE_H
#define INVITUI_TREE_H

#include <stdbool.h>
#include <stddef.h>

/* Style tags: how the view draws a node. Callers may use their own values from TREE_TAG_USER. */
enum tree_tag {
    TREE_TAG_PLAIN = 0,  /* "label: value" field */
    TREE_TAG_HEADING,    /* section heading */
    TREE_TAG_GROUP,      /* resource group made by tree_add_grouped_keys() */
    TREE_TAG_CAPABILITY, /* capability granted directly */
    TREE_TAG_BUNDLED,    /* capability that comes from a bundle/role */
    TREE_TAG_USER = 16,
};

struct tree;

struct tree_node {
    char *label;    /* sanitised, never NULL */
    char *value;    /* sanitised, may be NULL */
    char *id;       /* caller's identifier (e.g. the full capability key), raw, may be NULL */
    void *user;     /* caller's pointer, not owned */
    unsigned tag;   /* enum tree_tag or caller-defined */
    bool expanded;  /* meaningful for nodes with children */
    size_t nchildren;
    struct tree_node *parent; /* NULL for the root */
    struct tree_node *first_child, *last_child, *next, *prev;
    struct tree *tree;
    size_t row;     /* index in the visible rows, or TREE_NO_ROW; valid after a flatten */
};

#define TREE_NO_ROW ((size_t)-1)

/* One visible row, for drawing. */
struct tree_row {
    struct tree_node *node;
    int depth;          /* 0 for children of the root */
    bool has_children;
    bool expanded;
    bool is_last;       /* last sibling: draw "└" rather than "├" */
};

struct tree *tree_new(void);
void tree_free(struct tree *t);
/* The invisible root; add top-level nodes under it. It is always expanded. */
struct tree_node *tree_root(struct tree *t);
/* Removes every node but the root. */
void tree_clear(struct tree *t);

/* Appends a child; label and value (either may be NULL; a NULL label becomes "") are sanitised
 * copies. New nodes are collapsed. Returns the new node, owned by the tree. */
struct tree_node *tree_add_child(struct tree_node *parent, const char *label, const char *value,
                                 unsigned tag);
/* Replaces the value (sanitised copy; NULL clears it). */
void tree_node_set_value(struct tree_node *n, const char *value);
/* Replaces the id (raw copy; NULL clears it). */
void tree_node_set_id(struct tree_node *n, const char *id);

/* Expansion. Toggling or expanding a leaf only sets the flag (it shows once children come). */
void tree_toggle(struct tree_node *n);
void tree_set_expanded(struct tree_node *n, bool expanded);
void tree_expand_all(struct tree *t);
void tree_collapse_all(struct tree *t);
/* Toggles the node shown at a visible row; returns false if the index is out of range. */
bool tree_toggle_row(struct tree *t, size_t index);
/* Expands every ancestor so that n becomes visible. */
void tree_reveal(struct tree_node *n);

/* The visible rows (children of expanded nodes, depth-first). */
size_t tree_visible_count(struct tree *t);
/* NULL when index >= tree_visible_count(). */
const struct tree_row *tree_visible_row(struct tree *t, size_t index);
/* Visible row index of n, or TREE_NO_ROW if hidden under a collapsed ancestor. */
size_t tree_row_of(struct tree *t, const struct tree_node *n);
/* n itself if visible, else its nearest visible ancestor (NULL for the root): where the
 * selection goes when the subtree it was in is collapsed. */
struct tree_node *tree_visible_ancestor(struct tree *t, struct tree_node *n);
/* Whether the ancestor of row's node at the given depth (0 <= depth < row->depth) is the last
 * of its siblings: the view draws "│" for false and " " for true in that guide column. */
bool tree_row_guide_is_last(const struct tree_row *row, int depth);

/* Number of nodes, root excluded. */
size_t tree_node_count(const struct tree *t);

/* Groups capability-style keys by resource: the part before the last '.' becomes a group node
 * (tag TREE_TAG_GROUP, label = resource) and the part after it a child (label = action, id =
 * the full key, tag = tag_of(key, ctx) or TREE_TAG_CAPABILITY when tag_of is NULL). Keys without
 * a '.' become direct children of parent. Groups appear in order of first appearance and
 * children in input order, unless TREE_GROUP_SORT sorts both (byte order). A group that already
 * exists under parent (same label, tag TREE_TAG_GROUP) is reused, so calls can add more keys.
 * Returns the number of leaf nodes added. */
enum tree_group_flags {
    TREE_GROUP_SORT = 1u << 0,
    TREE_GROUP_EXPANDED = 1u << 1, /* new groups start expanded */
};
size_t tree_add_grouped_keys(struct tree_node *parent, const char *const *keys, size_t n,
                             unsigned flags, unsigned (*tag_of)(const char *key, void *ctx),
                             void *ctx);

#endif
