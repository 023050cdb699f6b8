#include "config.h"

#include "invitui/ui_app.h"

#include <stdlib.h>

/* The controller's shared context: the open account, the invitations the
 * pane shows (tab, `/` filter and sort applied) and the selected one. The
 * actions, the detail pane, the create form and the commands all ask for
 * them, so they live here rather than in a view. */

const struct account *ui_current_account(const struct ui_app *app)
{
    if (!app->store || !app->account_id)
        return NULL;
    return store_account_find(app->store, app->account_id);
}

const struct invitation *ui_selected_invitation(const struct ui_app *app)
{
    if (!app->store || !app->account_id)
        return NULL;
    return store_view_row(&app->rows, app->store, app->views[UI_PANE_INVITATIONS].sel);
}

void ui_rows_apply(struct ui_app *app)
{
    struct ui_view *v = &app->views[UI_PANE_INVITATIONS];
    const struct invitation *inv;

    if (!app->store)
        return;
    store_view_apply(&app->rows, app->store, app->account_id ? app->account_id : "",
                     &app->filter);
    /* Keep the same invitation selected across refreshes, sorts and filters. */
    long row = app->selected_id && !app->rows_hold_place
                   ? store_view_find(&app->rows, app->store, app->selected_id)
                   : -1;
    app->rows_hold_place = false;
    if (row >= 0)
        v->sel = (size_t)row;
    ui_view_clamp(app, v);
    inv = store_view_row(&app->rows, app->store, v->sel);
    if (inv && !util_streq(inv->id, app->selected_id)) {
        free(app->selected_id);
        app->selected_id = xstrdup(inv->id);
    }
    app->dirty |= UI_DIRTY_DETAIL;
}
