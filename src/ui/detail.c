#include "config.h"

#include "invitui/ui_detail.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/tree.h"
#include "invitui/ui_app.h"
#include "invitui/ui_detail_tree.h"
#include "invitui/ui_group_names.h"
#include "invitui/ui_term.h"

/* One display line of the detail pane: a wrapped piece of a tree row. */
struct ui_detail_line {
    size_t tree_row; /* index into the tree's visible rows */
    char *text;      /* display-safe, already indented */
    int style;
};

/* The pane's own state (its view's priv): the tree of the selected
 * invitation and its lines wrapped to the pane's width. */
struct detail_state {
    struct tree *tree;
    char *tree_for;           /* id of the invitation the tree shows */
    unsigned long tree_generation;
    struct ui_detail_line *detail;
    size_t ndetail, detail_cap;
    int detail_width;         /* wrap width the lines were made for */
};

static struct detail_state *ds(const struct ui_app *app)
{
    return app->views[UI_PANE_DETAIL].priv;
}

static void detail_clear_lines(struct ui_app *app)
{
    struct detail_state *d = ds(app);

    for (size_t i = 0; i < d->ndetail; i++)
        free(d->detail[i].text);
    d->ndetail = 0;
}

void ui_detail_free(struct ui_app *app)
{
    struct detail_state *d = ds(app);

    detail_clear_lines(app);
    free(d->detail);
    d->detail = NULL;
    d->detail_cap = 0;
    if (d->tree)
        tree_free(d->tree);
    d->tree = NULL;
    free(d->tree_for);
    d->tree_for = NULL;
}

/* Rebuilds the tree when another invitation is selected or the shown one
 * was reloaded; moving inside the same invitation keeps its expansion. */
/* Group ids become names where the tree shows what an assignment is, and
 * in the capabilities' source notes; the group's own field keeps the id. */
static void name_groups(struct ui_app *app, struct tree_node *n, const char *account_id)
{
    struct strbuf sb;

    strbuf_init(&sb);
    for (struct tree_node *c = n->first_child; c; c = c->next) {
        const char *name = c->tag == UI_DETAIL_TAG_GROUP
                               ? ui_group_name(app, account_id, c->id) : NULL;
        if (name)
            tree_node_set_value(c, name);
        if (c->tag == TREE_TAG_BUNDLED && c->value) {
            strbuf_reset(&sb);
            ui_group_names_apply(app, account_id, c->value, &sb);
            tree_node_set_value(c, sb.data);
        }
        name_groups(app, c, account_id);
    }
    strbuf_free(&sb);
}

void ui_detail_rebuild(struct ui_app *app)
{
    struct detail_state *d = ds(app);
    const struct invitation *inv = ui_selected_invitation(app);
    unsigned long gen = inv ? store_generation(app->store, inv->account_id) : 0;

    /* UI_DIRTY_NAMES: names came for the tree's ids, build it again. */
    if (inv && d->tree && util_streq(d->tree_for, inv->id) &&
        gen == d->tree_generation && !(app->dirty & UI_DIRTY_NAMES))
        return;
    bool same = inv && util_streq(d->tree_for, inv->id);
    if (!d->tree)
        d->tree = tree_new();
    tree_clear(d->tree);
    free(d->tree_for);
    d->tree_for = inv ? xstrdup(inv->id) : NULL;
    d->tree_generation = gen;
    if (inv) {
        ui_detail_tree_build(d->tree, inv, app->session.profile->provider, app->now);
        name_groups(app, tree_root(d->tree), inv->account_id);
    }
    if (!same) {
        app->views[UI_PANE_DETAIL].sel = 0;
        app->views[UI_PANE_DETAIL].top = 0;
    }
    app->dirty |= UI_DIRTY_SCREEN;
}

static void push_line(struct ui_app *app, size_t tree_row, const char *text, int style)
{
    struct detail_state *d = ds(app);

    if (d->ndetail == d->detail_cap) {
        d->detail_cap = d->detail_cap ? d->detail_cap * 2 : 64;
        d->detail = xrealloc(d->detail, d->detail_cap * sizeof(*d->detail));
    }
    struct ui_detail_line *l = &d->detail[d->ndetail++];
    l->tree_row = tree_row;
    l->text = xstrdup(text);
    l->style = style;
}

static void row_prefix(const struct tree_row *row, struct strbuf *out)
{
    for (int d = 1; d < row->depth; d++)
        strbuf_puts(out, tree_row_guide_is_last(row, d) ? "  " : "\xe2\x94\x82 ");
    if (row->depth > 0)
        strbuf_puts(out, row->is_last ? "\xe2\x94\x94 " : "\xe2\x94\x9c ");
    if (row->has_children)
        strbuf_puts(out, row->expanded ? "\xe2\x96\xbe " : "\xe2\x96\xb8 ");
}

static void row_text(const struct tree_row *row, struct strbuf *out, int *style)
{
    const struct tree_node *n = row->node;

    *style = UI_STYLE_NORMAL;
    if (n->tag == TREE_TAG_HEADING)
        *style = UI_STYLE_MARKER;
    strbuf_puts(out, n->label);
    if (n->tag == TREE_TAG_BUNDLED) {
        /* The value is where it came from ("[via role or group]"), not a field. */
        if (n->value) {
            strbuf_puts(out, "  ");
            strbuf_puts(out, n->value);
        }
        return;
    }
    if (n->value) {
        strbuf_puts(out, ": ");
        strbuf_puts(out, n->value);
    }
}

/* Tree rows become display lines: long values wrap under their label. */
void ui_detail_rewrap(struct ui_app *app)
{
    struct detail_state *d = ds(app);
    struct ui_view *v = &app->views[UI_PANE_DETAIL];
    int width = v->rect.w > 0 ? v->rect.w : 40;
    size_t keep_row = v->sel < d->ndetail ? d->detail[v->sel].tree_row : 0;
    struct strbuf prefix, text, pad;
    struct strvec lines = {0};

    detail_clear_lines(app);
    d->detail_width = width;
    if (!d->tree)
        return;
    strbuf_init(&prefix);
    strbuf_init(&text);
    strbuf_init(&pad);
    size_t count = tree_visible_count(d->tree);
    size_t new_sel = 0;
    for (size_t i = 0; i < count; i++) {
        const struct tree_row *row = tree_visible_row(d->tree, i);
        int style;
        strbuf_reset(&prefix);
        strbuf_reset(&text);
        row_prefix(row, &prefix);
        row_text(row, &text, &style);
        int pw = text_width(prefix.data);
        if (pw > width / 2)
            pw = width / 2;
        strbuf_reset(&pad);
        for (int k = 0; k < pw; k++)
            strbuf_putc(&pad, ' ');
        strvec_free(&lines);
        ui_wrap(text.data, width - pw, &lines);
        if (i == keep_row)
            new_sel = d->ndetail;
        for (size_t k = 0; k < lines.n; k++) {
            strbuf_reset(&text);
            strbuf_puts(&text, k == 0 ? prefix.data : pad.data);
            strbuf_puts(&text, lines.v[k]);
            push_line(app, i, text.data, style);
        }
    }
    strvec_free(&lines);
    strbuf_free(&prefix);
    strbuf_free(&text);
    strbuf_free(&pad);
    v->sel = new_sel;
    ui_view_clamp(app, v);
}

static void detail_title(struct ui_app *app, const struct ui_view *v, struct strbuf *out)
{
    struct detail_state *d = ds(app);

    (void)v;
    const struct invitation *inv = ui_selected_invitation(app);

    strbuf_puts(out, _("Detail"));
    /* The id as made display-safe at ingress; tree_for is the raw one. */
    if (inv && d->tree_for && util_streq(d->tree_for, inv->id)) {
        strbuf_puts(out, "  ");
        strbuf_puts(out, inv->shown.id);
    }
}

static size_t detail_count(struct ui_app *app, const struct ui_view *v)
{
    struct detail_state *d = ds(app);

    (void)v;
    return d->ndetail;
}

static void detail_cells(struct ui_app *app, const struct ui_view *v, size_t row,
                         struct strbuf *cells, int *style)
{
    (void)v;
    strbuf_puts(&cells[0], ds(app)->detail[row].text);
    *style = ds(app)->detail[row].style;
}

static void detail_resize(struct ui_app *app, struct ui_view *v)
{
    (void)v;
    ui_detail_rewrap(app);
}

/* Selects the first display line of node (visible after a flatten). */
static void select_node(struct ui_app *app, struct ui_view *v, const struct tree_node *node)
{
    struct detail_state *d = ds(app);

    tree_visible_count(d->tree); /* flattens: node->row is current */
    for (size_t i = 0; i < d->ndetail; i++)
        if (d->detail[i].tree_row == node->row) {
            v->sel = i;
            break;
        }
    ui_view_clamp(app, v);
}

/* + and -: the whole tree at once. The selection stays on its node, or
 * after a collapse on the section that holds it. */
static bool expand_or_collapse_all(struct ui_app *app, struct ui_view *v, bool expand)
{
    struct detail_state *d = ds(app);
    const struct tree_row *tr = v->sel < d->ndetail
                                    ? tree_visible_row(d->tree, d->detail[v->sel].tree_row)
                                    : NULL;
    const struct tree_node *keep = tr ? tr->node : NULL;

    if (expand)
        tree_expand_all(d->tree);
    else
        tree_collapse_all(d->tree);
    while (!expand && keep && keep->parent && keep->parent != tree_root(d->tree))
        keep = keep->parent;
    ui_detail_rewrap(app);
    if (keep)
        select_node(app, v, keep);
    return true;
}

static bool detail_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    struct detail_state *d = ds(app);

    (void)arg;
    if ((cmd == UI_CMD_EXPAND_ALL || cmd == UI_CMD_COLLAPSE_ALL) && d->tree)
        return expand_or_collapse_all(app, v, cmd == UI_CMD_EXPAND_ALL);
    if (cmd != UI_CMD_OPEN || v->sel >= d->ndetail || !d->tree)
        return false;
    size_t row = d->detail[v->sel].tree_row;
    const struct tree_row *tr = tree_visible_row(d->tree, row);
    if (!tr || !tr->has_children)
        return false;
    tree_toggle_row(d->tree, row);
    ui_detail_rewrap(app);
    return true;
}

static const char *detail_empty(struct ui_app *app, const struct ui_view *v)
{
    (void)app;
    (void)v;
    return _("No invitation selected");
}

const struct ui_view_ops ui_detail_ops = {
    .name = "detail",
    .scope = UI_SCOPE_DETAIL,
    .private_size = sizeof(struct detail_state),
    .title = detail_title,
    .row_count = detail_count,
    .row_cells = detail_cells,
    .handle = detail_handle,
    .resize = detail_resize,
    .empty = detail_empty,
};
