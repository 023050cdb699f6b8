/* ui_message: the views that are only text -- the keys of a scope (?),
 * a message or an error in full, the question before quitting with a kept
 * create form (src/ui/message_view.c).
 *
 * Contract: for the wiring file (ui.c), which puts these openers in struct
 * ui_openers; nothing else calls them. UI thread only. */
#ifndef INVITUI_UI_MESSAGE_H
#define INVITUI_UI_MESSAGE_H

#include <stdbool.h>

#include "invitui/ui_commands.h"

struct ui_app;

void ui_help_open(struct ui_app *app, enum ui_scope scope);
/* y copies copy (a trace id) when not NULL. */
void ui_message_open(struct ui_app *app, const char *title, const char *text, const char *copy);
/* q or Ctrl-C with a kept, unsent create form: "quit and lose it?" (y
 * quits, n keeps it). Its view is named "quit" (a second Ctrl-C while it is
 * open quits: the controller finds it by that name). */
void ui_quit_ask(struct ui_app *app);

#endif
