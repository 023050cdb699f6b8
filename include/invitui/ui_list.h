/* ui_list: the invitation list of the TUI -- the open account, its loads,
 * the rows the invitations pane shows (tab, `/` filter and sort applied)
 * and the selected one. The actions, the panes, the detail pane, the
 * create form and the commands all ask for them, so they belong to the
 * controller, not to a view; its fields are private to rows.c and data.c
 * (ui_list_private.h), everyone else goes through these functions.
 *
 * Contract: the controller allocates one with ui_list_new into app->list
 * and frees it with ui_list_free; every function runs on the UI thread.
 * Strings returned are owned by the list and valid until the next call
 * that changes what they name. */
#ifndef INVITUI_UI_LIST_H
#define INVITUI_UI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/model.h"
#include "invitui/store.h"

struct ui_app;
struct ui_list;

struct ui_list *ui_list_new(void);
void ui_list_free(struct ui_list *list);

/* The open account's id, or NULL before one is open. */
const char *ui_list_account_id(const struct ui_app *app);
/* Opens account id (a copy is kept): a new account forgets the selected
 * invitation and puts the cursor on its first row. */
void ui_list_open_account(struct ui_app *app, const char *id);
/* Whether the accounts, or the open account's invitations, are loading. */
bool ui_list_accounts_loading(const struct ui_app *app);
bool ui_list_invitations_loading(const struct ui_app *app);

/* The rows the invitations pane shows (0 while no account is open), the
 * invitation on row i (NULL past the end or while the store changed and
 * the rows are not applied yet), the row showing invitation id or -1. */
size_t ui_list_count(const struct ui_app *app);
const struct invitation *ui_list_row(const struct ui_app *app, size_t i);
long ui_list_find(const struct ui_app *app, const char *id);
/* How many of the open account's invitations tab (enum store_tab) holds,
 * whatever the tab and `/` filter shown. */
size_t ui_list_tab_count(const struct ui_app *app, int tab);
/* Marks every row shown; how many were newly marked. */
size_t ui_list_mark_shown(struct ui_app *app);

/* The tab (enum store_tab), the `/` filter (NULL when none) and the sort:
 * setting one re-applies the rows on the next turn (UI_DIRTY_DATA). */
int ui_list_tab(const struct ui_app *app);
void ui_list_set_tab(struct ui_app *app, int tab);
const char *ui_list_search(const struct ui_app *app);
void ui_list_set_search(struct ui_app *app, const char *text); /* NULL or "": none */
/* A filter of another module over the tab and `/` (`:can`, can.c): the
 * rows keep says yes to (NULL: none), until it is set again. */
void ui_list_set_keep(struct ui_app *app, bool (*keep)(const struct invitation *inv, void *ctx),
                      void *ctx);
enum store_sort ui_list_sort(const struct ui_app *app);
bool ui_list_descending(const struct ui_app *app);
void ui_list_set_sort(struct ui_app *app, enum store_sort sort, bool descending);

/* Selects invitation id (NULL: none): the next ui_rows_apply puts the
 * cursor on its row, wherever the sort moved it. */
void ui_list_select(struct ui_app *app, const char *id);
/* The next ui_rows_apply keeps the cursor's row number instead of
 * following the selected invitation: an action's answer may move its row
 * in the sort, and the user's place is where they were working, not where
 * that row went. */
void ui_list_hold_place(struct ui_app *app);

/* The open account and the selected invitation, or NULL. */
const struct account *ui_current_account(const struct ui_app *app);
const struct invitation *ui_selected_invitation(const struct ui_app *app);
/* Re-applies filter and sort and keeps the selected invitation selected. */
void ui_rows_apply(struct ui_app *app);

#endif
