#include "config.h"

#include "invitui/ui_app.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/ui_term.h"
#include "invitui/worker.h"

void ui_app_mark(struct ui_app *app, unsigned dirty)
{
    app->dirty |= dirty | UI_DIRTY_SCREEN;
}

void ui_app_set_message(struct ui_app *app, bool error, const char *msg, const char *detail)
{
    free(app->message);
    free(app->message_detail);
    free(app->message_trace);
    /* Messages may quote server text: keep only the display-safe form. */
    app->message = msg ? sanitize_display(msg, strlen(msg), 0) : NULL;
    app->message_detail = detail ? xstrdup(detail) : NULL;
    app->message_trace = NULL; /* ui_data_show_error sets it after */
    app->message_is_error = error;
    if (error && (detail || msg))
        ui_app_note_error(app, detail ? detail : msg, NULL);
    ui_app_mark(app, 0);
}

void ui_app_note_error(struct ui_app *app, const char *full, const char *trace)
{
    free(app->last_error);
    free(app->last_error_trace);
    app->last_error = xstrdup(full);
    app->last_error_trace = xstrdup_or_null(trace); /* an api_error's: display-safe already */
}

void ui_app_show_invitation(struct ui_app *app, const char *id)
{
    ui_list_select(app, id);
    ui_rows_apply(app);
    if (ui_list_find(app, id) < 0) {
        ui_list_set_search(app, NULL);
        ui_list_set_tab(app, STORE_TAB_ALL);
        ui_list_select(app, id);
        ui_rows_apply(app);
    }
    ui_app_focus(app, UI_PANE_INVITATIONS);
    ui_app_mark(app, UI_DIRTY_LAYOUT | UI_DIRTY_DATA | UI_DIRTY_DETAIL);
}

enum ui_scope ui_app_scope(const struct ui_app *app)
{
    return app->depth ? app->stack[app->depth - 1]->ops->scope
                      : app->views[app->focus].ops->scope;
}

void ui_app_focus(struct ui_app *app, enum ui_pane p)
{
    if (p >= UI_PANE_COUNT || p == app->focus)
        return;
    app->focus = p;
    /* Narrow terminals show different panes for different focus. */
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

static void move_focus(struct ui_app *app, enum ui_cmd cmd)
{
    int p = (int)app->focus;

    switch (cmd) {
    case UI_CMD_NEXT_PANE:
        p = (p + 1) % UI_PANE_COUNT;
        break;
    case UI_CMD_PREV_PANE:
        p = (p + UI_PANE_COUNT - 1) % UI_PANE_COUNT;
        break;
    case UI_CMD_PANE_LEFT:
        p = p > 0 ? p - 1 : 0;
        break;
    default:
        p = p + 1 < UI_PANE_COUNT ? p + 1 : p;
        break;
    }
    ui_app_focus(app, (enum ui_pane)p);
}

static void set_tab(struct ui_app *app, int tab)
{
    if (tab < 0 || tab >= UI_TAB_COUNT)
        return;
    ui_list_set_tab(app, tab);
}

static void set_sort(struct ui_app *app, enum store_sort sort, bool descending)
{
    ui_list_set_sort(app, sort, descending);
    const char *label = _(ui_sort_label(sort));
    /* TRANSLATORS: %s is a sort key; after O reversed the order. */
    char *msg = descending ? xasprintf(_("Sorted by %s, descending"), label)
                           : xasprintf(_("Sorted by %s"), label);
    ui_app_set_message(app, false, msg, NULL);
    free(msg);
}

/* OSC 52 to the terminal's clipboard; 0 or -1. */
static int copy_text(const char *what)
{
    /* Flush the screen first: the escape sequence must not land in the
     * middle of curses output. */
    doupdate();
    return ui_term_osc52(what, strlen(what));
}

static void copy_selected(struct ui_app *app)
{
    const struct invitation *inv = ui_selected_invitation(app);

    if (!inv) {
        ui_app_set_message(app, true, _("Nothing to copy: no invitation is selected"), NULL);
        return;
    }
    const char *what = !util_str_empty(inv->link) ? inv->link : inv->id;
    int rc = copy_text(what);
    char *msg = rc == 0 ? xasprintf(_("Copied: %s"), what)
                        : xasprintf(_("Could not copy (no terminal or too long): %s"), what);
    ui_app_set_message(app, rc != 0, msg, NULL);
    free(msg);
}

/* `:account TEXT`: the account whose id is TEXT, else the one whose name is
 * TEXT, else the one whose name starts with it (names in any case: what
 * Tab completed, or what the user remembers). */
static bool find_account(struct ui_app *app, const char *text, size_t *at, size_t *count)
{
    size_t n = app->store ? store_account_count(app->store) : 0;
    size_t len = strlen(text);

    *count = 0;
    for (size_t i = 0; i < n; i++)
        if (util_streq(store_account_at(app->store, i)->id, text)) {
            *at = i;
            *count = 1;
            return true;
        }
    for (int prefix = 0; prefix < 2 && *count == 0; prefix++) {
        for (size_t i = 0; i < n; i++) {
            const char *name = store_account_at(app->store, i)->shown.name;
            if (!name || !text_fold_prefix(name, text, len, !prefix))
                continue;
            if ((*count)++ == 0)
                *at = i;
        }
    }
    return *count == 1;
}

static void open_account(struct ui_app *app, const char *text)
{
    size_t at = 0, count = 0;
    char *msg;

    if (find_account(app, text, &at, &count)) {
        ui_view_select(app, &app->views[UI_PANE_ACCOUNTS], at);
        app->views[UI_PANE_ACCOUNTS].ops->handle(app, &app->views[UI_PANE_ACCOUNTS],
                                                 UI_CMD_OPEN, 0);
        return;
    }
    if (count == 0)
        msg = xasprintf(_("No account with the name or id \"%s\""), text);
    else
        /* TRANSLATORS: :account NAME matched several accounts; Tab lists them. */
        msg = xasprintf(_("More than one account matches \"%s\": type more of the name, or "
                          "the id (Tab lists them)"),
                        text);
    ui_app_set_message(app, true, msg, NULL);
    free(msg);
}

static void cancel(struct ui_app *app)
{
    if (ui_data_busy(app)) {
        ui_data_cancel(app);
        ui_app_set_message(app, false, _("Cancelled"), NULL);
    } else if (app->message) {
        ui_app_set_message(app, false, NULL, NULL);
    } else if (ui_list_search(app)) {
        ui_list_set_search(app, NULL);
    }
}

static void reserved(struct ui_app *app, enum ui_cmd cmd)
{
    char *msg = xasprintf(_("\"%s\" is not available in this version"),
                          ui_command_info(cmd)->name);
    ui_app_set_message(app, false, msg, NULL);
    free(msg);
}

static bool needs_text(struct ui_app *app, enum ui_cmd cmd, const char *text)
{
    if (!util_str_empty(text))
        return true;
    char *msg = xasprintf(_("Usage: :%s ARGUMENT"), ui_command_info(cmd)->name);
    ui_app_set_message(app, true, msg, NULL);
    free(msg);
    return false;
}

/* Commands that take their argument from the `:` line. */
static bool command_with_text(struct ui_app *app, enum ui_cmd cmd, const char *text)
{
    switch (cmd) {
    case UI_CMD_FILTER:
        ui_list_set_search(app, text);
        return true;
    case UI_CMD_TAB:
        if (needs_text(app, cmd, text)) {
            int tab = ui_tab_by_name(text);
            if (tab < 0)
                ui_app_set_message(app, true, _("Unknown state tab"), NULL);
            set_tab(app, tab);
        }
        return true;
    case UI_CMD_SORT:
        if (needs_text(app, cmd, text)) {
            int sort = store_sort_from_name(text);
            if (sort < 0)
                ui_app_set_message(app, true,
                                   _("Sort keys: expiry, created, email, status"), NULL);
            else
                set_sort(app, (enum store_sort)sort, ui_list_descending(app));
        }
        return true;
    case UI_CMD_PROFILE:
        if (needs_text(app, cmd, text))
            ui_data_switch_profile(app, text);
        return true;
    case UI_CMD_ACCOUNT:
        if (needs_text(app, cmd, text))
            open_account(app, text);
        return true;
    default:
        return false;
    }
}

/* E: the last error in full, with its trace id (y copies it), even after
 * the status line has moved on. */
static void show_last_error(struct ui_app *app)
{
    if (!app->last_error) {
        ui_app_set_message(app, false, _("There has been no error."), NULL);
        return;
    }
    app->hooks->message(app, _("Error"), app->last_error, app->last_error_trace);
}

/* Enter on the status line: the message in full, in a view of its own;
 * for an error y copies its trace id. */
static void show_message(struct ui_app *app)
{
    if (!app->message)
        return;
    app->hooks->message(app, app->message_is_error ? _("Error") : _("Message"),
                       app->message_detail ? app->message_detail : app->message,
                       app->message_is_error ? app->message_trace : NULL);
}

void ui_app_command(struct ui_app *app, enum ui_cmd cmd, int arg, const char *text)
{
    const struct ui_command_info *info = ui_command_info(cmd);
    struct ui_view *v = &app->views[app->focus];

    /* A command with text comes from the line editor and is for the app. */
    if (!info || (!text && ui_view_stack_command(app, cmd, arg)))
        return;
    if (info->flags & UI_CMD_RESERVED) {
        reserved(app, cmd);
        return;
    }
    if (text && command_with_text(app, cmd, text))
        return;
    if (ui_answers_command(app, cmd, text))
        return;
    if (ui_actions_command(app, cmd))
        return;
    if (v->ops->handle && v->ops->handle(app, v, cmd, arg)) {
        ui_app_mark(app, 0);
        return;
    }
    if (ui_view_move(app, v, cmd)) {
        ui_app_mark(app, 0);
        return;
    }
    switch (cmd) {
    case UI_CMD_QUIT:
        if (app->hooks->create_kept(app))
            app->hooks->quit_ask(app); /* what was typed would be lost without a word */
        else
            app->quit = true;
        break;
    case UI_CMD_HELP:
        app->hooks->help(app, ui_app_scope(app));
        break;
    case UI_CMD_NEXT_PANE:
    case UI_CMD_PREV_PANE:
    case UI_CMD_PANE_LEFT:
    case UI_CMD_PANE_RIGHT:
        move_focus(app, cmd);
        break;
    case UI_CMD_OPEN:
        show_message(app);
        break;
    case UI_CMD_SHOW_ERROR:
        show_last_error(app);
        break;
    case UI_CMD_FILTER:
        app->hooks->input_begin(app, UI_INPUT_FILTER);
        break;
    case UI_CMD_PROMPT:
        app->hooks->input_begin(app, UI_INPUT_COMMAND);
        break;
    case UI_CMD_TAB:
        set_tab(app, arg);
        break;
    case UI_CMD_SORT_NEXT:
        set_sort(app, (enum store_sort)(((int)ui_list_sort(app) + 1) % STORE_SORT_COUNT),
                 ui_list_descending(app));
        break;
    case UI_CMD_SORT_REVERSE:
        set_sort(app, ui_list_sort(app), !ui_list_descending(app));
        break;
    case UI_CMD_REFRESH:
        ui_app_set_message(app, false, NULL, NULL);
        ui_data_load_accounts(app);
        break;
    case UI_CMD_COPY:
        copy_selected(app);
        break;
    case UI_CMD_CREATE:
        app->hooks->create_open(app);
        break;
    case UI_CMD_CANCEL:
        cancel(app);
        break;
    case UI_CMD_REDRAW:
        clearok(curscr, TRUE); /* whatever else wrote to the terminal goes */
        ui_app_mark(app, UI_DIRTY_LAYOUT);
        break;
    default:
        (void)needs_text(app, cmd, text);
        break;
    }
}

/* An error on the status line: Enter shows it in full before anything else. */
static bool message_takes_enter(const struct ui_app *app, const struct ui_key_binding *b)
{
    return b->cmd == UI_CMD_OPEN && app->message_is_error && app->message_detail &&
           app->depth == 0;
}

static void handle_key(struct ui_app *app, int key, bool is_key_code)
{
    if (key == KEY_RESIZE) {
        ui_app_mark(app, UI_DIRTY_LAYOUT);
        return;
    }
    struct ui_view *top = ui_view_top(app);
    if (top->ops->key && top->ops->key(app, top, key, is_key_code))
        return;
    const struct ui_key_binding *b = ui_key_lookup(ui_app_scope(app), key);
    if (!b)
        return;
    if (message_takes_enter(app, b)) {
        ui_app_command(app, UI_CMD_SHOW_ERROR, 0, NULL);
        return;
    }
    ui_app_command(app, b->cmd, b->arg, NULL);
}

static void read_keys(struct ui_app *app)
{
    wint_t ch;
    int rc;

    for (;;) {
        const struct ui_view *top = ui_view_top(app);
        WINDOW *w = top->ops->window ? top->ops->window(top) : stdscr;
        if (app->quit || (rc = wget_wch(w, &ch)) == ERR)
            break;
        ui_timings_key(app, ch, rc == KEY_CODE_YES, top->ops->window != NULL);
        handle_key(app, (int)ch, rc == KEY_CODE_YES);
    }
}

/* Recalc passes first (layout, rows, detail), then one repaint. */
static void render(struct ui_app *app)
{
    if (app->dirty & UI_DIRTY_LAYOUT) {
        int rows, cols;
        getmaxyx(stdscr, rows, cols);
        ui_layout_compute(&app->layout, cols, rows, app->focus);
        ui_layout_fit_accounts(&app->layout, app->hooks->accounts_width(app));
        for (int p = 0; p < UI_PANE_COUNT; p++) {
            app->views[p].rect = app->layout.pane[p];
            app->views[p].focused = p == (int)app->focus;
        }
        erase();
        app->dirty |= UI_DIRTY_SCREEN;
    }
    /* Filtering and sorting cost O(rows): only when the data or filter changed. */
    if (app->dirty & UI_DIRTY_DATA) {
        ui_can_refresh(app);
        ui_rows_apply(app);
    }
    if (app->dirty & UI_DIRTY_DETAIL)
        app->hooks->detail_rebuild(app);
    if (app->dirty & (UI_DIRTY_LAYOUT | UI_DIRTY_DETAIL)) {
        for (int p = 0; p < UI_PANE_COUNT; p++) {
            struct ui_view *v = &app->views[p];
            if (v->ops->resize)
                v->ops->resize(app, v);
            ui_view_clamp(app, v);
        }
    }
    if (app->dirty & UI_DIRTY_LAYOUT)
        ui_view_stack_layout(app);
    if (app->dirty & UI_DIRTY_SCREEN) {
        ui_draw_screen(app);
        wnoutrefresh(stdscr);
        const struct ui_view *top = ui_view_top(app);
        if (top->ops->cursor)
            top->ops->cursor(app, top);
        doupdate();
        ui_timings_painted(app);
    }
    app->dirty = 0;
    ui_timings_frame(app);
}

static void tick(struct ui_app *app)
{
    app->now = time(NULL);
    if (app->store && store_recompute_status(app->store, app->now) > 0)
        app->dirty |= UI_DIRTY_DATA;
    ui_app_mark(app, 0);
}

/* A quit signal arrived: false to quit. Ctrl-C with a kept form asks
 * first (a second Ctrl-C quits); SIGTERM and SIGHUP always quit. */
static bool interrupted(struct ui_app *app)
{
    if (ui_term_signal_drain() != SIGINT || !app->hooks->create_kept(app) ||
        ui_view_find_named(app, "quit"))
        return false;
    ui_term_signal_clear();
    app->hooks->create_hide(app);
    app->hooks->quit_ask(app);
    return true;
}

void ui_app_loop(struct ui_app *app)
{
    while (!app->quit) {
        app->now = time(NULL);
        render(app);
        bool busy = ui_data_busy(app);
        struct pollfd p[3] = {
            {STDIN_FILENO, POLLIN, 0},
            {worker_wake_fd(app->worker), POLLIN, 0},
            {ui_term_signal_fd(), POLLIN, 0},
        };
        /* 100 ms only while a spinner runs; otherwise wake twice a minute so
         * that "expires in" and pending-to-expired stay true on an idle screen. */
        int n = poll(p, 3, busy ? 100 : 30000);
        if (n < 0 && errno != EINTR)
            break;
        if (n == 0 && !busy)
            tick(app);
        if (n > 0 && (p[2].revents & POLLIN) && ui_term_signal_drain() && !interrupted(app))
            break;
        if (n > 0 && (p[1].revents & POLLIN)) {
            worker_drain(app->worker);
            ui_cache_take_head(app);
            ui_data_take_rows(app);
        }
        /* EINTR is SIGWINCH: curses then returns KEY_RESIZE. */
        read_keys(app);
        if (busy || ui_data_busy(app)) {
            app->spinner++;
            ui_app_mark(app, 0);
        }
    }
}

void ui_app_free(struct ui_app *app)
{
    ui_can_free(app);
    ui_list_free(app->list);
    app->list = NULL;
    free(app->cached_account);
    free(app->message);
    free(app->message_detail);
    free(app->message_trace);
    free(app->last_error);
    free(app->last_error_trace);
    free(app->open_error);
}
