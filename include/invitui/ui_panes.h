/* ui_panes: the accounts and invitations panes (src/ui/panes.c), views
 * that draw the store through the controller's shared context (rows.c).
 *
 * Contract: for the wiring file (ui.c), which sets the panes' ops and puts
 * the rest in struct ui_hooks; nothing else calls these. UI thread only. */
#ifndef INVITUI_UI_PANES_H
#define INVITUI_UI_PANES_H

#include "invitui/ui_view.h"

struct ui_app;

extern const struct ui_view_ops ui_accounts_ops;
extern const struct ui_view_ops ui_invitations_ops;       /* Hybridbox: no name column */
extern const struct ui_view_ops ui_invitations_named_ops; /* Marketplace */
/* Sizes the status column for the translated status words and fills the
 * Hybridbox columns; once at start, before the invitation views are drawn. */
void ui_panes_fit_columns(void);
/* Columns the accounts pane needs for its title and its longest row. */
int ui_accounts_width(struct ui_app *app);

#endif
