/* ui_view: every surface of the TUI (the three panes, and each dialog on
 * the stack over them) as a const table of callbacks, and the one list
 * renderer that draws every list.
 *
 * Contract: a view's ops read the application state and never change it
 * while drawing (row_cells, title, draw and keyline are pure reads);
 * commands go through handle. A key is looked up in the top view's scope
 * of the key table (ui_commands.h); its command goes to the top view's
 * handle, and when that does not use it, down the stack (a modal view
 * stops it there), to the focused pane and to the app. ui_view_draw
 * draws only the rows that fit (its cost does not depend on the row
 * count) into the view's rectangle on stdscr; cells are
 * display-safe text (sanitised at ingress) cut and padded with text_fit.
 * UI thread only. */
#ifndef INVITUI_UI_VIEW_H
#define INVITUI_UI_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "invitui/sanitize.h"
#include "invitui/ui_commands.h"
#include "invitui/ui_layout.h"
#include "invitui/util.h"

struct ui_app;
struct ui_view;

#define UI_MAX_COLUMNS 8

struct ui_view_ops {
    const char *name;
    enum ui_scope scope;
    const struct ui_column *columns; /* NULL: one cell as wide as the pane */
    size_t ncolumns;
    /* The title row (already display-safe). */
    void (*title)(struct ui_app *app, const struct ui_view *v, struct strbuf *out);
    size_t (*row_count)(struct ui_app *app, const struct ui_view *v);
    /* Fills cells[0..ncolumns-1] for row; may set *style (enum ui_style). */
    void (*row_cells)(struct ui_app *app, const struct ui_view *v, size_t row,
                      struct strbuf *cells, int *style);
    /* A command for this view; true when it used it. May be NULL. */
    bool (*handle)(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg);
    /* The selection moved to another row. May be NULL. */
    void (*select)(struct ui_app *app, struct ui_view *v);
    /* Recalc pass after the rectangle or the content changed (re-wrapping
     * long lines); never called while drawing. May be NULL. */
    void (*resize)(struct ui_app *app, struct ui_view *v);
    /* Adds to the column titles in cells (e.g. the sort arrow). May be NULL. */
    void (*header_mark)(struct ui_app *app, const struct ui_view *v, struct strbuf *cells);
    /* The widths of the columns for total columns, in place of
     * ui_column_widths on the static table (a column sized by the rows on
     * the screen). May be NULL. */
    void (*column_widths)(struct ui_app *app, const struct ui_view *v, int total, int *out);
    /* What is shown when there are no rows (translated), or NULL. */
    const char *(*empty)(struct ui_app *app, const struct ui_view *v);

    /* Views on the stack (dialogs) also have these; NULL takes the default. */
    size_t private_size; /* zeroed state at v->priv, freed after close */
    /* Repaint; default: the list in a frame (ui_view_draw_framed). */
    void (*draw)(struct ui_app *app, const struct ui_view *v);
    /* A raw key before the key table (a text editor takes most keys);
     * true when it used it. */
    bool (*key)(struct ui_app *app, struct ui_view *v, int key, bool is_key_code);
    /* Whether cmd (a key line command of the view's scope) shows now; may
     * set *label (translated) to say what it does here. Default: shown. */
    bool (*keyline)(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                    const char **label);
    /* Last in the turn, after stdscr is out: a text field draws itself and
     * places the terminal cursor (only the top view's is called). */
    void (*cursor)(struct ui_app *app, const struct ui_view *v);
    /* The window keys are read from while v is on top (a text field's, so
     * its keypad and escape timing apply); NULL: stdscr. */
    WINDOW *(*window)(const struct ui_view *v);
    /* Frees what v->priv holds (not priv itself). */
    void (*close)(struct ui_app *app, struct ui_view *v);
    /* A view of the pending write (the confirmation, the locale picker, the
     * result list): closed when the action is settled or the worker is
     * replaced (ui_actions_views_close), without knowing which view it is. */
    bool action_view;
};

struct ui_view {
    const struct ui_view_ops *ops;
    struct ui_rect rect; /* including the title row */
    size_t sel, top;
    bool focused;
    void *priv; /* ops->private_size bytes of the view's own state */
};

/* ---- the stack of views over the panes (stack.c) ---- */

/* Pushes a new view of ops (its private state zeroed) on top and returns
 * it; it is laid out in the next recalc pass. */
struct ui_view *ui_view_push(struct ui_app *app, const struct ui_view_ops *ops);
/* Closes v (ops->close, then frees it) wherever it is on the stack. */
void ui_view_pop(struct ui_app *app, struct ui_view *v);
/* The top view of kind ops, or NULL. */
struct ui_view *ui_view_find(struct ui_app *app, const struct ui_view_ops *ops);
/* The top view whose ops are named name, or NULL: for the controller, which
 * does not see the views' ops. */
struct ui_view *ui_view_find_named(struct ui_app *app, const char *name);
/* The view keys go to: the top of the stack, else the focused pane. */
struct ui_view *ui_view_top(struct ui_app *app);
/* Closes every view on the stack (top first). */
void ui_view_pop_all(struct ui_app *app);
/* A command down the stack: true when a view used it (or a modal view
 * stopped it). */
bool ui_view_stack_command(struct ui_app *app, enum ui_cmd cmd, int arg);
/* Recalc pass of every stacked view (ops->resize); repaint pass, bottom up. */
void ui_view_stack_layout(struct ui_app *app);
void ui_view_stack_draw(struct ui_app *app);

/* A dialog's rectangle: centred, as wide as the screen allows (at most 96
 * columns), as high as rows lines plus its title, between the header and
 * the key line. */
void ui_view_dialog_rect(struct ui_app *app, struct ui_view *v, size_t rows);
/* The default draw: a frame one cell around the list. */
void ui_view_draw_framed(struct ui_app *app, const struct ui_view *v);

/* Rows available for content (the rect minus the title row). */
int ui_view_content_rows(const struct ui_view *v);
/* Draws title and visible rows into v->rect. */
void ui_view_draw(struct ui_app *app, const struct ui_view *v);
/* Up/down/page/first/last; true when the command was a movement. Calls
 * ops->select if the selection changed. */
bool ui_view_move(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd);
/* Keeps sel inside the rows and visible (after a refresh or resize). */
void ui_view_clamp(struct ui_app *app, struct ui_view *v);
/* Sets the selection (clamped) and scrolls it into view; calls select. */
void ui_view_select(struct ui_app *app, struct ui_view *v, size_t row);

#endif
