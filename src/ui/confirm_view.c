#include "config.h"

#include "invitui/ui_confirm.h"

#include "invitui/i18n.h"
#include "invitui/locales.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_app.h"
#include "invitui/ui_dialog.h"

/* The question before a write and the locale picker: views on the stack.
 * What they ask about (the pending action) stays with actions.c; these
 * only show it and turn y, !, n, l, t and Enter into its calls. */

/* A confirmation is text (a bulk one lists every target): j/k move its
 * window a line, not a cursor nobody sees. Puts the selection on the edge
 * the move leaves by; the stack's ui_view_move then moves it. */
static void scroll_as_text(struct ui_view *v, enum ui_cmd cmd)
{
    int rows = ui_view_content_rows(v);

    if (cmd == UI_CMD_DOWN)
        v->sel = v->top + (size_t)(rows > 1 ? rows - 1 : 0);
    else if (cmd == UI_CMD_UP)
        v->sel = v->top;
}

/* t: the ticket as it is typed; the question shows it at once. */
static void ticket_typed(struct ui_app *app, struct ui_view *v, const char *text)
{
    struct strbuf sb;

    ui_actions_set_ticket(app, text);
    strbuf_init(&sb);
    ui_actions_confirm_text(app, &sb);
    if (sb.len)
        ui_dialog_set_text(app, v, sb.data);
    strbuf_free(&sb);
}

static bool confirm_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)arg;
    scroll_as_text(v, cmd);
    switch (cmd) {
    case UI_CMD_CONFIRM:
        ui_actions_accept(app);
        return true;
    case UI_CMD_DECLINE:
        ui_actions_decline(app);
        return true;
    case UI_CMD_LOCALE:
        if (ui_actions_offers_locale(app))
            ui_actions_open_picker(app);
        return true;
    case UI_CMD_TICKET:
        app->hooks->input_begin_view(app, v, app->actions->ticket, ticket_typed);
        return true;
    case UI_CMD_SEND_AGAIN:
        ui_actions_accept_again(app);
        return true;
    default:
        return false;
    }
}

static bool confirm_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                            const char **label)
{
    (void)v;
    (void)label;
    if (cmd == UI_CMD_SEND_AGAIN)
        return ui_actions_guarded(app);
    return cmd != UI_CMD_LOCALE || ui_actions_offers_locale(app);
}

static const struct ui_view_ops confirm_ops = {
    .name = "confirm",
    .scope = UI_SCOPE_CONFIRM,
    .private_size = sizeof(struct ui_dialog),
    UI_DIALOG_OPS,
    .handle = confirm_handle,
    .keyline = confirm_keyline,
    .close = ui_dialog_close,
    .action_view = true,
};

static bool picker_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)arg;
    switch (cmd) {
    case UI_CMD_PICK: {
        size_t row = v->sel;
        ui_view_pop(app, v);
        ui_actions_picked(app, row);
        return true;
    }
    case UI_CMD_DECLINE:
        ui_actions_decline(app);
        return true;
    default:
        return false;
    }
}

static const struct ui_view_ops picker_ops = {
    .name = "picker",
    .scope = UI_SCOPE_PICK,
    .private_size = sizeof(struct ui_dialog),
    UI_DIALOG_OPS,
    .handle = picker_handle,
    .close = ui_dialog_close,
    .action_view = true,
};

void ui_confirm_open(struct ui_app *app, const char *text)
{
    struct ui_view *v;

    /* One question at a time: l replaces it by the picker, which asks it anew. */
    ui_actions_views_close(app);
    v = ui_view_push(app, &confirm_ops);
    ui_dialog_set_title(v, _("Confirm"));
    ui_dialog_set_text(app, v, text);
}

void ui_picker_open(struct ui_app *app, size_t row)
{
    struct ui_view *v;
    struct ui_dialog *d;

    ui_actions_views_close(app);
    v = ui_view_push(app, &picker_ops);
    d = ui_dialog_of(v);
    ui_dialog_set_title(v, _("Locale of the invitation e-mail (Enter picks)"));
    d->marker = true;
    strvec_push(&d->lines, _("none (the server's default)"));
    for (size_t i = 0; i < locales_count(); i++)
        strvec_push(&d->lines, locales_get(i));
    v->sel = row;
}
