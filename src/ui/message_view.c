#include "config.h"

#include "invitui/ui_message.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/ui_app.h"
#include "invitui/ui_dialog.h"
#include "invitui/ui_term.h"

/* Views that are only text: the keys (?), a message or an error in full
 * (Enter on the status line, E), and the question before quitting with a
 * kept create form. */

/* ---- help ---- */

static const struct ui_view_ops help_ops = {
    .name = "help",
    .scope = UI_SCOPE_HELP,
    .private_size = sizeof(struct ui_dialog),
    UI_DIALOG_OPS,
    .handle = ui_dialog_handle,
    .close = ui_dialog_close,
};

void ui_help_open(struct ui_app *app, enum ui_scope scope)
{
    struct ui_view *v = ui_view_push(app, &help_ops);

    ui_dialog_set_title(v, _("Keys (q closes)"));
    ui_help_lines(scope, &ui_dialog_of(v)->lines);
}

/* ---- a message or an error in full ---- */

struct message_view {
    struct ui_dialog d;
    char *copy; /* what y copies (a trace id), or NULL */
};

/* y: the trace id, which support asks for. The title says how it went: a
 * status message would replace the error. */
static bool message_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    struct message_view *m = v->priv;

    if (cmd != UI_CMD_COPY || !m->copy)
        return ui_dialog_handle(app, v, cmd, arg);
    /* Flush the screen first: the escape sequence must not land in the
     * middle of curses output. */
    doupdate();
    int rc = ui_term_osc52(m->copy, strlen(m->copy));
    ui_dialog_set_title(v, rc == 0 ? _("Error (trace id copied)")
                                   : _("Error (could not copy the trace id)"));
    return true;
}

static bool message_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                            const char **label)
{
    const struct message_view *m = v->priv;

    (void)app;
    if (cmd != UI_CMD_COPY)
        return true;
    *label = _("copy trace id");
    return m->copy != NULL;
}

static void message_close(struct ui_app *app, struct ui_view *v)
{
    struct message_view *m = v->priv;

    free(m->copy);
    ui_dialog_close(app, v);
}

static const struct ui_view_ops message_ops = {
    .name = "message",
    .scope = UI_SCOPE_MESSAGE,
    .private_size = sizeof(struct message_view),
    UI_DIALOG_OPS,
    .handle = message_handle,
    .keyline = message_keyline,
    .close = message_close,
};

void ui_message_open(struct ui_app *app, const char *title, const char *text, const char *copy)
{
    struct ui_view *v = ui_view_push(app, &message_ops);
    struct message_view *m = v->priv;

    ui_dialog_set_title(v, title);
    ui_dialog_set_text(app, v, text);
    m->copy = copy ? xstrdup(copy) : NULL;
}

/* ---- quit with a kept form ---- */

static bool quit_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)arg;
    if (cmd == UI_CMD_CONFIRM) {
        app->quit = true;
        return true;
    }
    if (cmd != UI_CMD_DECLINE)
        return false;
    ui_view_pop(app, v);
    ui_app_set_message(app, false, _("The form is kept: press c to go back to it."), NULL);
    return true;
}

static bool quit_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                         const char **label)
{
    (void)app;
    (void)v;
    if (cmd == UI_CMD_CONFIRM)
        /* TRANSLATORS: key line of the question before quitting with a kept form. */
        *label = _("quit");
    return cmd != UI_CMD_LOCALE;
}

static const struct ui_view_ops quit_ops = {
    .name = "quit",
    .scope = UI_SCOPE_CONFIRM,
    .private_size = sizeof(struct ui_dialog),
    UI_DIALOG_OPS,
    .handle = quit_handle,
    .keyline = quit_keyline,
    .close = ui_dialog_close,
};

void ui_quit_ask(struct ui_app *app)
{
    struct ui_view *v;

    if (ui_view_find_named(app, quit_ops.name))
        return;
    v = ui_view_push(app, &quit_ops);
    ui_dialog_set_title(v, _("Quit?"));
    ui_dialog_set_text(app, v,
                       _("The create form you kept has not been sent. Quit and lose what you "
                         "typed?\n\ny quits, n or Esc keeps the form (c brings it back)."));
}
