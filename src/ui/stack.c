#include "config.h"

#include "invitui/ui_view.h"

#include <curses.h>
#include <stdlib.h>

#include "invitui/ui_app.h"
#include "invitui/ui_term.h"

/* The stack of views over the panes: a dialog is not a mode of the app but
 * a view pushed over the others, with its own scope, key line and close
 * (tig's view->parent, htop's ScreenManager). */

#define VLINE "\xe2\x94\x82"
#define HLINE "\xe2\x94\x80"

struct ui_view *ui_view_push(struct ui_app *app, const struct ui_view_ops *ops)
{
    struct ui_view *v = xcalloc(1, sizeof(*v));

    if (app->depth == UI_STACK_MAX) /* never expected: the oldest dialog goes */
        ui_view_pop(app, app->stack[0]);
    v->ops = ops;
    v->focused = true;
    v->priv = ops->private_size ? xcalloc(1, ops->private_size) : NULL;
    if (app->depth)
        app->stack[app->depth - 1]->focused = false;
    app->stack[app->depth++] = v;
    ui_app_mark(app, UI_DIRTY_LAYOUT);
    return v;
}

void ui_view_pop(struct ui_app *app, struct ui_view *v)
{
    size_t i = 0;

    while (i < app->depth && app->stack[i] != v)
        i++;
    if (i == app->depth)
        return;
    for (; i + 1 < app->depth; i++)
        app->stack[i] = app->stack[i + 1];
    app->depth--;
    if (app->depth)
        app->stack[app->depth - 1]->focused = true;
    if (v->ops->close)
        v->ops->close(app, v);
    free(v->priv);
    free(v);
    /* The panes under it are drawn again in full. */
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

void ui_view_pop_all(struct ui_app *app)
{
    while (app->depth)
        ui_view_pop(app, app->stack[app->depth - 1]);
}

struct ui_view *ui_view_find(struct ui_app *app, const struct ui_view_ops *ops)
{
    for (size_t i = app->depth; i-- > 0;)
        if (app->stack[i]->ops == ops)
            return app->stack[i];
    return NULL;
}

struct ui_view *ui_view_find_named(struct ui_app *app, const char *name)
{
    for (size_t i = app->depth; i-- > 0;)
        if (util_streq(app->stack[i]->ops->name, name))
            return app->stack[i];
    return NULL;
}

struct ui_view *ui_view_top(struct ui_app *app)
{
    return app->depth ? app->stack[app->depth - 1] : &app->views[app->focus];
}

bool ui_view_stack_command(struct ui_app *app, enum ui_cmd cmd, int arg)
{
    for (size_t i = app->depth; i-- > 0;) {
        struct ui_view *v = app->stack[i];
        if (v->ops->handle && v->ops->handle(app, v, cmd, arg)) {
            ui_app_mark(app, 0);
            return true;
        }
        if (ui_view_move(app, v, cmd)) {
            ui_app_mark(app, 0);
            return true;
        }
        /* Help opens over a dialog (for its keys); nothing else acts
         * behind one. */
        if (ui_scope_modal(v->ops->scope))
            return cmd != UI_CMD_HELP;
    }
    return false;
}

void ui_view_stack_layout(struct ui_app *app)
{
    for (size_t i = 0; i < app->depth; i++) {
        struct ui_view *v = app->stack[i];
        if (v->ops->resize)
            v->ops->resize(app, v);
        ui_view_clamp(app, v);
    }
}

void ui_view_stack_draw(struct ui_app *app)
{
    for (size_t i = 0; i < app->depth; i++) {
        const struct ui_view *v = app->stack[i];
        if (v->ops->draw)
            v->ops->draw(app, v);
        else
            ui_view_draw_framed(app, v);
    }
}

void ui_view_dialog_rect(struct ui_app *app, struct ui_view *v, size_t rows)
{
    struct ui_rect *r = &v->rect;
    int w = app->layout.cols - 4 < 96 ? app->layout.cols - 4 : 96;
    int room = app->layout.rows - 5;
    /* The frame stays between the header and the key line, which says
     * the view's keys (a long result list must not hide them). */
    int h = room < 0 ? 0 : rows + 1 > (size_t)room ? room : (int)rows + 1;

    r->w = w > 0 ? w : 0;
    r->h = h > 0 ? h : 0;
    r->x = (app->layout.cols - r->w) / 2;
    r->y = (app->layout.rows - r->h) / 2;
}

void ui_view_draw_framed(struct ui_app *app, const struct ui_view *v)
{
    const struct ui_rect *r = &v->rect;

    if (r->w <= 0 || r->h <= 0)
        return;
    int top = r->y - 1, bottom = r->y + r->h, left = r->x - 1, right = r->x + r->w;
    attrset(ui_term_attr(UI_STYLE_NORMAL));
    for (int y = top; y <= bottom; y++)
        mvhline(y, left, ' ', r->w + 2);
    /* UTF-8 text rather than ACS: it survives every terminal and tmux. */
    for (int x = left + 1; x < right; x++) {
        mvaddstr(top, x, HLINE);
        mvaddstr(bottom, x, HLINE);
    }
    for (int y = top + 1; y < bottom; y++) {
        mvaddstr(y, left, VLINE);
        mvaddstr(y, right, VLINE);
    }
    mvaddstr(top, left, "\xe2\x94\x8c");
    mvaddstr(top, right, "\xe2\x94\x90");
    mvaddstr(bottom, left, "\xe2\x94\x94");
    mvaddstr(bottom, right, "\xe2\x94\x98");
    ui_view_draw(app, v);
}
