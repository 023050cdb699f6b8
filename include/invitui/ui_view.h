/* ui_view: panes as const tables of callbacks, and the one list renderer
 * that draws every list pane and overlay.
 *
 * Contract: a view's ops read the application state and never change it
 * while drawing (row_cells and title are pure reads); commands go through
 * handle. ui_view_draw draws only the rows that fit (its cost does not
 * depend on the row count) into the view's rectangle on stdscr; cells are
 * display-safe text (sanitised at ingress) cut and padded with text_fit.
 * UI thread only. */
#ifndef INVITUI_UI_VIEW_H
#define INVITUI_UI_VIEW_H

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
    /* What is shown when there are no rows (translated), or NULL. */
    const char *(*empty)(struct ui_app *app, const struct ui_view *v);
};

struct ui_view {
    const struct ui_view_ops *ops;
    struct ui_rect rect; /* including the title row */
    size_t sel, top;
    bool focused;
};

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
