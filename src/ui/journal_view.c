#include "config.h"

#include "invitui/ui_actions.h"

#include <stdlib.h>

#include "invitui/i18n.h"
#include "invitui/ui_app.h"
#include "invitui/ui_dialog.h"

/* `J`: the journal, newest first, in a scrollable view. It is read from
 * the file each time, so actions of other invitui processes show too. */

#define JOURNAL_VIEW_MAX 2000

static const struct ui_view_ops journal_ops = {
    .name = "journal",
    .scope = UI_SCOPE_JOURNAL,
    .private_size = sizeof(struct ui_dialog),
    UI_DIALOG_OPS,
    .handle = ui_dialog_handle,
    .close = ui_dialog_close,
};

void ui_journal_open(struct ui_app *app)
{
    const char *path = app->actions ? app->actions->journal_path : NULL;
    struct journal_list list = {0};
    struct api_error err;
    struct strbuf line;

    if (!path) {
        ui_app_set_message(app, true,
                           _("There is no journal: neither XDG_STATE_HOME nor HOME is set."), NULL);
        return;
    }
    api_error_init(&err);
    if (journal_read_newest_first(path, JOURNAL_VIEW_MAX, &list, &err) < 0) {
        ui_data_show_error(app, &err, _("Could not read the journal"));
        api_error_clear(&err);
        return;
    }
    char *title = xasprintf(ngettext("Journal, newest first (%zu entry)",
                                     "Journal, newest first (%zu entries)", list.n),
                            list.n);
    struct ui_view *v = ui_view_push(app, &journal_ops);
    struct strvec *lines = &ui_dialog_of(v)->lines;
    ui_dialog_set_title(v, title);
    free(title);
    if (list.n == 0)
        strvec_push(lines, _("No action has been journaled yet."));
    strbuf_init(&line);
    for (size_t i = 0; i < list.n; i++) {
        strbuf_reset(&line);
        ui_journal_line(&line, &list.v[i]);
        strvec_push(lines, line.data);
        ui_journal_extra_lines(lines, &list.v[i]);
    }
    strbuf_free(&line);
    journal_list_free(&list);
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}
