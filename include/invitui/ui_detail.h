/* ui_detail: the detail pane (src/ui/detail.c), the tree of the selected
 * invitation wrapped into display lines.
 *
 * Contract: for the wiring file (ui.c), which sets the pane's ops and puts
 * rebuild and free in struct ui_hooks; nothing else calls these. The tree
 * is rebuilt in the recalc pass, never while drawing. UI thread only. */
#ifndef INVITUI_UI_DETAIL_H
#define INVITUI_UI_DETAIL_H

#include "invitui/ui_view.h"

struct ui_app;

extern const struct ui_view_ops ui_detail_ops;
void ui_detail_rebuild(struct ui_app *app);
void ui_detail_rewrap(struct ui_app *app);
void ui_detail_free(struct ui_app *app);

#endif
