/* A fake controller for the views' unit tests: the controller functions a
 * view calls (ui_app.h, ui_actions.h), recording what they were asked, on
 * a real ncurses screen (newterm on an empty pipe and /dev/null, 100x30) and the real stack
 * (stack.c), so a test drives a view by its keys and reads what it drew.
 *
 * Contract: fake_app_init before each test, fake_app_free after; one app
 * at a time. The actions' API is fake: accept "submits a job" (a line in
 * fake_log.jobs naming the action, its target and locale) and closes the
 * action's views, as the real one does; decline, the picker and the result
 * list's retry and close are recorded in fake_log.calls. The worker is
 * fake too: ui_app_submit records a job and never runs it, a create is
 * answered by the test through fake_log.create_fn. */
#ifndef INVITUI_TESTS_UI_FAKE_APP_H
#define INVITUI_TESTS_UI_FAKE_APP_H

#include <stdbool.h>

#include "invitui/ui_app.h"
#include "invitui/util.h"

struct fake_log {
    struct strvec messages; /* "error: …" or "info: …" */
    struct strvec jobs;     /* "resend inv-1 locale=de" */
    struct strvec calls;    /* "decline", "picker 2", "picked 3", "retry failed", "close" */
    bool offers_locale;     /* what ui_actions_offers_locale answers */
    bool running;           /* what ui_bulk_running answers */
    /* The create submitted last ("create ACCOUNT EMAIL" in jobs): the test
     * answers it by calling create_fn, as the worker would on the UI thread. */
    bulk_create_fn create_fn;
    void *create_ctx;
    /* Jobs submitted and never run: destroyed by fake_app_free, as
     * worker_free destroys the jobs it never delivered. */
    struct job *pending[16];
    size_t npending;
};
extern struct fake_log fake_log;

void fake_app_init(struct ui_app *app, const struct ui_hooks *hooks);
void fake_app_free(struct ui_app *app);
/* A key as the loop passes it: the top view's key op, else the key table
 * of its scope, then the command down the stack (app.c's handle_key). */
void fake_press(struct ui_app *app, int key);
/* The recalc pass of the stack, then its repaint onto stdscr. */
void fake_render(struct ui_app *app);
/* The screen row that has text, or -1. */
int fake_screen_row(const char *text);
bool fake_log_has(const struct strvec *v, const char *text);
/* The screen to stderr (as TAP comments), for a failing test. */
void fake_screen_dump(void);

#endif
