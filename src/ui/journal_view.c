#include "config.h"

#include "invitui/ui_journal.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_app.h"
#include "invitui/ui_dialog.h"

/* `J`: the journal, newest first, in a scrollable view. It is read from
 * the file each time, so actions of other invitui processes show too. */

#define JOURNAL_VIEW_MAX 2000

/* `/` filters the entries: an entry (its line and the trace id and
 * instance under it) shows when any of its lines has the text, ignoring
 * case. */
struct journal_view {
    struct ui_dialog d;   /* the lines shown */
    struct strvec all;    /* every entry's lines */
    size_t *starts;       /* the first line of each entry in all */
    size_t nentries;
    char *filter;         /* NULL: none */
};

static bool entry_matches(const struct journal_view *j, size_t e, const char *filter)
{
    size_t end = e + 1 < j->nentries ? j->starts[e + 1] : j->all.n;

    for (size_t i = j->starts[e]; i < end; i++)
        if (strcasestr(j->all.v[i], filter))
            return true;
    return false;
}

static void journal_title(struct ui_view *v, size_t shown)
{
    struct journal_view *j = v->priv;
    char *title;

    if (j->filter)
        /* TRANSLATORS: the journal view's title while `/` filters it: the
         * filter, then how many entries it shows of all of them. */
        title = xasprintf(_("Journal, newest first, filtered by \"%s\": %zu of %zu"), j->filter,
                          shown, j->nentries);
    else
        title = xasprintf(ngettext("Journal, newest first (%zu entry)",
                                   "Journal, newest first (%zu entries)", j->nentries),
                          j->nentries);
    ui_dialog_set_title(v, title);
    free(title);
}

/* Rebuilds the shown lines for the filter; the view scrolls to the top. */
static void journal_refilter(struct ui_app *app, struct ui_view *v)
{
    struct journal_view *j = v->priv;
    size_t shown = 0;

    strvec_free(&j->d.lines);
    for (size_t e = 0; e < j->nentries; e++) {
        if (j->filter && !entry_matches(j, e, j->filter))
            continue;
        size_t end = e + 1 < j->nentries ? j->starts[e + 1] : j->all.n;
        for (size_t i = j->starts[e]; i < end; i++)
            strvec_push(&j->d.lines, j->all.v[i]);
        shown++;
    }
    if (j->nentries == 0)
        strvec_push(&j->d.lines, _("No action has been journaled yet."));
    else if (shown == 0)
        strvec_push(&j->d.lines, _("No entry matches the filter (/ changes it, Esc clears it)."));
    journal_title(v, shown);
    v->sel = v->top = 0;
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

static void journal_filter(struct ui_app *app, struct ui_view *v, const char *text)
{
    struct journal_view *j = v->priv;

    if (util_streq(text, j->filter ? j->filter : ""))
        return;
    free(j->filter);
    /* What is typed is shown in the title: display-safe like the lines. */
    j->filter = util_str_empty(text) ? NULL : sanitize_display(text, strlen(text), 0);
    journal_refilter(app, v);
}

static bool journal_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    struct journal_view *j = v->priv;

    if (cmd == UI_CMD_FIND) {
        app->hooks->input_begin_view(app, v, j->filter, journal_filter);
        return true;
    }
    return ui_dialog_handle(app, v, cmd, arg);
}

static void journal_close(struct ui_app *app, struct ui_view *v)
{
    struct journal_view *j = v->priv;

    strvec_free(&j->all);
    free(j->starts);
    free(j->filter);
    ui_dialog_close(app, v);
}

static const struct ui_view_ops journal_ops = {
    .name = "journal",
    .scope = UI_SCOPE_JOURNAL,
    .private_size = sizeof(struct journal_view),
    UI_DIALOG_OPS,
    .handle = journal_handle,
    .close = journal_close,
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
    struct ui_view *v = ui_view_push(app, &journal_ops);
    struct journal_view *j = v->priv;
    j->nentries = list.n;
    j->starts = xcalloc(list.n ? list.n : 1, sizeof(*j->starts));
    strbuf_init(&line);
    for (size_t i = 0; i < list.n; i++) {
        j->starts[i] = j->all.n;
        strbuf_reset(&line);
        ui_journal_line(&line, &list.v[i]);
        strvec_push(&j->all, line.data);
        ui_journal_extra_lines(&j->all, &list.v[i]);
    }
    strbuf_free(&line);
    journal_list_free(&list);
    journal_refilter(app, v);
}
