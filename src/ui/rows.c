#include "config.h"

#include "invitui/ui_list.h"

#include <stdlib.h>

#include "invitui/ui_app.h"
#include "invitui/ui_list_private.h"

/* The controller's shared context: the open account, the invitations the
 * pane shows (tab, `/` filter and sort applied) and the selected one. The
 * actions, the detail pane, the create form and the commands all ask for
 * them, so they live here rather than in a view. */

struct ui_list *ui_list_new(void)
{
    struct ui_list *l = xcalloc(1, sizeof(*l));

    store_view_init(&l->rows);
    l->tab = STORE_TAB_ALL;
    l->filter.status_mask = store_tab_mask(STORE_TAB_ALL);
    return l;
}

void ui_list_free(struct ui_list *list)
{
    if (!list)
        return;
    store_view_free(&list->rows);
    free(list->account_id);
    free(list->search);
    free(list->selected_id);
    free(list);
}

const char *ui_list_account_id(const struct ui_app *app)
{
    return app->list->account_id;
}

void ui_list_open_account(struct ui_app *app, const char *id)
{
    struct ui_list *l = app->list;

    if (util_streq(l->account_id, id))
        return;
    free(l->account_id);
    l->account_id = xstrdup(id);
    ui_list_select(app, NULL);
    app->views[UI_PANE_INVITATIONS].sel = 0;
    app->views[UI_PANE_INVITATIONS].top = 0;
    ui_app_mark(app, UI_DIRTY_DATA | UI_DIRTY_DETAIL);
}

bool ui_list_accounts_loading(const struct ui_app *app)
{
    return app->list->accounts_loading;
}

bool ui_list_invitations_loading(const struct ui_app *app)
{
    return app->list->invitations_loading;
}

size_t ui_list_count(const struct ui_app *app)
{
    return app->list->account_id ? app->list->rows.n : 0;
}

const struct invitation *ui_list_row(const struct ui_app *app, size_t i)
{
    if (!app->store)
        return NULL;
    return store_view_row(&app->list->rows, app->store, i);
}

long ui_list_find(const struct ui_app *app, const char *id)
{
    if (!app->store)
        return -1;
    return store_view_find(&app->list->rows, app->store, id);
}

size_t ui_list_tab_count(const struct ui_app *app, int tab)
{
    const size_t *c = app->list->rows.counts;

    switch (tab) {
    case STORE_TAB_ALL: {
        size_t sum = 0;
        for (int i = 0; i < INV_STATUS_COUNT; i++)
            sum += c[i];
        return sum;
    }
    case STORE_TAB_PENDING:
        return c[INV_STATUS_PENDING];
    case STORE_TAB_EXPIRED:
        return c[INV_STATUS_EXPIRED];
    case STORE_TAB_ACCEPTED:
        return c[INV_STATUS_ACCEPTED];
    default:
        return c[INV_STATUS_REVOKED] + c[INV_STATUS_OTHER];
    }
}

size_t ui_list_mark_shown(struct ui_app *app)
{
    return app->store ? store_mark_view(app->store, &app->list->rows, true) : 0;
}

int ui_list_tab(const struct ui_app *app)
{
    return app->list->tab;
}

void ui_list_set_tab(struct ui_app *app, int tab)
{
    app->list->tab = tab;
    app->list->filter.status_mask = store_tab_mask((enum store_tab)tab);
    ui_app_mark(app, UI_DIRTY_DATA);
}

const char *ui_list_search(const struct ui_app *app)
{
    return app->list->search;
}

void ui_list_set_search(struct ui_app *app, const char *text)
{
    struct ui_list *l = app->list;

    free(l->search);
    l->search = util_str_empty(text) ? NULL : xstrdup(text);
    l->filter.search = l->search;
    ui_app_mark(app, UI_DIRTY_DATA);
}

void ui_list_set_keep(struct ui_app *app, bool (*keep)(const struct invitation *inv, void *ctx),
                      void *ctx)
{
    app->list->filter.keep = keep;
    app->list->filter.keep_ctx = ctx;
    ui_app_mark(app, UI_DIRTY_DATA);
}

enum store_sort ui_list_sort(const struct ui_app *app)
{
    return app->list->filter.sort;
}

bool ui_list_descending(const struct ui_app *app)
{
    return app->list->filter.descending;
}

void ui_list_set_sort(struct ui_app *app, enum store_sort sort, bool descending)
{
    app->list->filter.sort = sort;
    app->list->filter.descending = descending;
    ui_app_mark(app, UI_DIRTY_DATA);
}

void ui_list_select(struct ui_app *app, const char *id)
{
    struct ui_list *l = app->list;

    if (l->selected_id == id)
        return;
    free(l->selected_id);
    l->selected_id = xstrdup_or_null(id);
}

void ui_list_hold_place(struct ui_app *app)
{
    app->list->hold_place = true;
}

const struct account *ui_current_account(const struct ui_app *app)
{
    if (!app->store || !app->list->account_id)
        return NULL;
    return store_account_find(app->store, app->list->account_id);
}

const struct invitation *ui_selected_invitation(const struct ui_app *app)
{
    if (!app->store || !app->list->account_id)
        return NULL;
    return store_view_row(&app->list->rows, app->store, app->views[UI_PANE_INVITATIONS].sel);
}

void ui_rows_apply(struct ui_app *app)
{
    struct ui_view *v = &app->views[UI_PANE_INVITATIONS];
    struct ui_list *l = app->list;
    const struct invitation *inv;

    if (!app->store)
        return;
    store_view_apply(&l->rows, app->store, l->account_id ? l->account_id : "", &l->filter);
    /* Keep the same invitation selected across refreshes, sorts and filters. */
    long row = l->selected_id && !l->hold_place
                   ? store_view_find(&l->rows, app->store, l->selected_id)
                   : -1;
    l->hold_place = false;
    if (row >= 0)
        v->sel = (size_t)row;
    ui_view_clamp(app, v);
    inv = store_view_row(&l->rows, app->store, v->sel);
    if (inv && !util_streq(inv->id, l->selected_id))
        ui_list_select(app, inv->id);
    app->dirty |= UI_DIRTY_DETAIL;
}
