/* ui_create: the create form (c), a view on the stack (src/ui/create*.c).
 * Its state (the draft, and the groups it has loaded) is the view's own
 * while it is open, and waits in app->create_kept while it is closed.
 *
 * Contract: for the wiring file (ui.c), which puts these in struct
 * ui_hooks; nothing else calls them. UI thread only. */
#ifndef INVITUI_UI_CREATE_H
#define INVITUI_UI_CREATE_H

#include <stdbool.h>

struct ui_app;
struct create_request;

void ui_create_open(struct ui_app *app);
/* The form with a new draft filled in from req (a reissue), unless a
 * draft is kept (the status line says so). */
void ui_create_open_from(struct ui_app *app, const struct create_request *req);
/* Frees the kept draft (the app's end, after the stack is closed). */
void ui_create_free(struct ui_app *app);
/* A draft that was not sent (kept after Esc or a failed create), and no
 * create in flight: quitting would lose what was typed. */
bool ui_create_kept(struct ui_app *app);
/* Closes the form if it is open, keeping the draft (as Esc does). */
void ui_create_hide(struct ui_app *app);

#endif
