#include "config.h"

#include "invitui/ui_explain.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/ui_app.h"
#include "invitui/ui_dialog.h"

/* The explainer's answer. When the answer is no and a documented role
 * would grant it, the reissue key opens the create form filled in from the
 * invitation with that role added; when one of the account's groups would
 * give it (and the member's groups may still change), the group key opens
 * the group change (e's `:groups` line) with that group added. The usual
 * review and confirmation follow, nothing is sent from here. */

struct explain_view {
    struct ui_dialog d;
    char *id;    /* the invitation asked about */
    char *role;  /* what a reissue adds, or NULL */
    char *group; /* what a group change adds (display-safe name or id), or NULL */
};

/* The group change, as e would start it, with the group already typed. */
static bool offer_group(struct ui_app *app, struct ui_view *v)
{
    struct explain_view *e = v->priv;

    if (!e->group)
        return true;
    char *line = xasprintf("%s +%s", ui_command_info(UI_CMD_GROUPS)->name, e->group);
    ui_view_pop(app, v);
    app->hooks->input_command(app, line);
    free(line);
    return true;
}

static bool explain_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    struct explain_view *e = v->priv;

    if (cmd == UI_CMD_GROUPS)
        return offer_group(app, v);
    if (cmd != UI_CMD_REISSUE)
        return ui_dialog_handle(app, v, cmd, arg);
    if (!e->role)
        return true;
    char *id = xstrdup(e->id), *role = xstrdup(e->role);
    ui_view_pop(app, v);
    ui_reissue_open(app, id, role);
    free(id);
    free(role);
    return true;
}

static bool explain_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                            const char **label)
{
    const struct explain_view *e = v->priv;

    (void)app;
    if (cmd == UI_CMD_GROUPS) {
        /* TRANSLATORS: key line of the explainer's answer: add the suggested group. */
        *label = _("add the group");
        return e->group != NULL;
    }
    if (cmd != UI_CMD_REISSUE)
        return true;
    /* TRANSLATORS: key line of the explainer's answer: reissue with the suggested role. */
    *label = _("reissue with the role");
    return e->role != NULL;
}

static void explain_close(struct ui_app *app, struct ui_view *v)
{
    struct explain_view *e = v->priv;

    free(e->id);
    free(e->role);
    free(e->group);
    ui_dialog_close(app, v);
}

static const struct ui_view_ops explain_ops = {
    .name = "explain",
    .scope = UI_SCOPE_EXPLAIN,
    .private_size = sizeof(struct explain_view),
    UI_DIALOG_OPS,
    .handle = explain_handle,
    .keyline = explain_keyline,
    .close = explain_close,
};

void ui_explain_open(struct ui_app *app, const char *title, const char *text, const char *id,
                     const char *role, const char *group)
{
    struct ui_view *v = ui_view_push(app, &explain_ops);
    struct explain_view *e = v->priv;
    struct strbuf all;
    char key[32];

    strbuf_init(&all);
    strbuf_puts(&all, text);
    ui_key_label(UI_SCOPE_EXPLAIN, UI_CMD_REISSUE, key, sizeof(key));
    if (role && key[0]) {
        strbuf_putc(&all, '\n');
        /* TRANSLATORS: %1$s is a key, %2$s a role key. */
        strbuf_printf(&all, _("%1$s reissues the invitation with role %2$s added: the create "
                              "form opens filled in, to review and send."),
                      key, role);
    }
    ui_key_label(UI_SCOPE_EXPLAIN, UI_CMD_GROUPS, key, sizeof(key));
    if (group && key[0]) {
        strbuf_putc(&all, '\n');
        /* TRANSLATORS: %1$s is a key, %2$s a group's name. */
        strbuf_printf(&all, _("%1$s adds them to group %2$s: the group change opens filled in, "
                              "to confirm."),
                      key, group);
    }
    /* ui_dialog_set_text makes the whole text display-safe. */
    ui_dialog_set_title(v, title);
    ui_dialog_set_text(app, v, all.data);
    strbuf_free(&all);
    e->id = xstrdup(id);
    e->role = role ? xstrdup(role) : NULL;
    e->group = group ? xstrdup(group) : NULL;
}
