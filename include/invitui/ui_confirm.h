/* ui_confirm: the question before a write and the locale picker of a
 * Hybridbox resend (src/ui/confirm_view.c), views on the stack.
 *
 * Contract: what they ask about -- the pending action -- stays with the
 * controller (actions.c, ui_actions.h); these views only show it and turn
 * y, n, l and Enter into its calls. Opening one closes the other views of
 * the pending action first (one question at a time). For the wiring file
 * (ui.c), which puts the openers in struct ui_hooks. UI thread only. */
#ifndef INVITUI_UI_CONFIRM_H
#define INVITUI_UI_CONFIRM_H

#include <stddef.h>

struct ui_app;

/* text: the question, untrusted parts included (made display-safe here). */
void ui_confirm_open(struct ui_app *app, const char *text);
/* row 0 is "no locale", row i + 1 is locales_get(i). */
void ui_picker_open(struct ui_app *app, size_t row);

#endif
