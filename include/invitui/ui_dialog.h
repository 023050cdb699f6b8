/* ui_dialog: the state every dialog view shares (a title and lines, or a
 * text wrapped to the width the screen has), and the ops that draw it.
 *
 * Contract: a dialog's private state (ui_view_ops.private_size) starts
 * with a struct ui_dialog, so the UI_DIALOG_OPS members work on it. Text
 * given here is made display-safe here; lines pushed directly must be
 * display-safe already. A base piece: every dialog view may use it (the
 * views themselves are in their own files). UI thread only. */
#ifndef INVITUI_UI_DIALOG_H
#define INVITUI_UI_DIALOG_H

#include <stdbool.h>

#include "invitui/ui_view.h"
#include "invitui/util.h"

struct ui_dialog {
    char *title;
    char *text;          /* re-wrapped into lines in each recalc pass, or NULL */
    struct strvec lines;
    bool marker;         /* a picker: the selected row has a marker character */
};

struct ui_dialog *ui_dialog_of(const struct ui_view *v);
void ui_dialog_set_title(struct ui_view *v, const char *title);
/* Replaces the lines by text, wrapped at the next recalc pass. */
void ui_dialog_set_text(struct ui_app *app, struct ui_view *v, const char *text);

void ui_dialog_title(struct ui_app *app, const struct ui_view *v, struct strbuf *out);
size_t ui_dialog_count(struct ui_app *app, const struct ui_view *v);
void ui_dialog_cells(struct ui_app *app, const struct ui_view *v, size_t row,
                     struct strbuf *cells, int *style);
void ui_dialog_resize(struct ui_app *app, struct ui_view *v);
void ui_dialog_close(struct ui_app *app, struct ui_view *v);
/* CLOSE pops v; nothing else. */
bool ui_dialog_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg);

#define UI_DIALOG_OPS                                                                           \
    .title = ui_dialog_title, .row_count = ui_dialog_count, .row_cells = ui_dialog_cells,       \
    .resize = ui_dialog_resize

#endif
