/* ui_input: the readline line for `/` and `:` (src/ui/input.c), a view
 * on the stack; its histories outlive it.
 *
 * Contract: for the wiring file (ui.c), which calls init and free and puts
 * the openers in struct ui_hooks; nothing else calls these. UI thread
 * only, with curses up. */
#ifndef INVITUI_UI_INPUT_H
#define INVITUI_UI_INPUT_H

#include "invitui/ui_app.h"

int ui_input_init(struct ui_app *app);
void ui_input_free(struct ui_app *app);
void ui_input_begin(struct ui_app *app, enum ui_input_mode mode);
/* The `:` line with initial already typed (its completion as usual). */
void ui_input_begin_command(struct ui_app *app, const char *initial);
/* A `/` line for the view target (under it on the stack): apply gets the
 * text as it is typed, and "" on Esc. */
void ui_input_begin_view(struct ui_app *app, struct ui_view *target, const char *initial,
                         void (*apply)(struct ui_app *app, struct ui_view *target,
                                       const char *text));

#endif
