#include "config.h"

#include "invitui/ui_actions.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/locales.h"
#include "invitui/provider.h"
#include "invitui/store.h"
#include "invitui/ui_app.h"

/* Every write goes the same way: a key is checked (read-only profile,
 * provider, the row's state), a confirmation names the e-mail (or the
 * count), account, profile and locale, and only `y` starts a run
 * (bulk_view.c). The answers replace their rows in the store; nothing is
 * reloaded and nothing is retried without the user asking. */

void ui_actions_init(struct ui_app *app)
{
    app->actions = xcalloc(1, sizeof(*app->actions));
    app->actions->cmd = UI_CMD_NONE;
    app->actions->journal_path = journal_default_path();
}

void ui_actions_pending_clear(struct ui_actions *a)
{
    a->cmd = UI_CMD_NONE;
    free(a->target_id);
    a->target_id = NULL;
    if (a->bulk)
        bulk_plan_free(&a->plan);
    a->bulk = a->retry = false;
    free(a->locale);
    a->locale = NULL;
    a->has_locale = false;
    strvec_free(&a->group_add);
    strvec_free(&a->group_remove);
    free(a->guard);
    a->guard = NULL;
}

void ui_actions_free(struct ui_app *app)
{
    if (!app->actions)
        return;
    ui_actions_reset(app);
    free(app->actions->last_locale);
    free(app->actions->ticket);
    free(app->actions->journal_path);
    strvec_free(&app->actions->unknown_ids);
    free(app->actions);
    app->actions = NULL;
}

void ui_actions_reset(struct ui_app *app)
{
    if (!app->actions)
        return;
    ui_actions_pending_clear(app->actions);
    /* The worker is gone: its jobs were destroyed, none will finish. */
    if (app->actions->run)
        app->actions->run->in_flight = 0;
    ui_bulk_forget(app);
    ui_actions_views_close(app);
}

void ui_actions_views_close(struct ui_app *app)
{
    for (size_t i = app->depth; i-- > 0;)
        if (i < app->depth && app->stack[i]->ops->action_view)
            ui_view_pop(app, app->stack[i]);
}

bool ui_actions_row_unknown(const struct ui_app *app, const char *id)
{
    return app->actions && id && strvec_contains(&app->actions->unknown_ids, id);
}

void ui_actions_set_unknown(struct ui_app *app, const char *id, bool unknown)
{
    struct strvec *v = &app->actions->unknown_ids;

    if (!id || unknown == strvec_contains(v, id))
        return;
    if (unknown) {
        strvec_push(v, id);
        return;
    }
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->v[i], id) == 0) {
            free(v->v[i]);
            v->v[i] = v->v[--v->n];
            v->v[v->n] = NULL;
            break;
        }
}

/* The server's list is the answer to "what happened?": the account's marks
 * go (called before the store takes the new list). */
void ui_actions_reloaded(struct ui_app *app, const char *account_id)
{
    struct strvec *v = app->actions ? &app->actions->unknown_ids : NULL;

    for (size_t i = v ? v->n : 0; i-- > 0;)
        if (store_find(app->store, account_id, v->v[i]))
            ui_actions_set_unknown(app, v->v[i], false);
}

static enum inv_action action_of(int cmd)
{
    if (cmd == UI_CMD_GROUPS || cmd == UI_CMD_REMOVE)
        return cmd == UI_CMD_GROUPS ? INV_ACTION_GROUPS : INV_ACTION_REMOVE;
    return cmd == UI_CMD_SEND_NEW ? INV_ACTION_SEND_NEW : INV_ACTION_RESEND;
}

bool ui_actions_takes_locale(const struct ui_app *app, int cmd)
{
    return action_takes_locale(app->session.ops, action_of(cmd));
}

/* The marked rows an action takes are those the view shows (tab and `/`
 * filter): a mark on another tab is invisible, so it must not be acted on
 * -- nor silently replace the selected row. fn NULL only counts. */
static size_t marks_shown_foreach(struct ui_app *app,
                                  void (*fn)(const struct invitation *inv, void *ctx),
                                  void *ctx)
{
    const char *account_id = ui_list_account_id(app);
    size_t n = 0;

    if (!app->store || !account_id || store_mark_count(app->store, account_id) == 0)
        return 0;
    for (size_t i = 0; i < ui_list_count(app); i++) {
        const struct invitation *inv = ui_list_row(app, i);
        if (!inv || !store_is_marked(app->store, account_id, inv->id))
            continue;
        n++;
        if (fn)
            fn(inv, ctx);
    }
    return n;
}

size_t ui_actions_marks_shown(struct ui_app *app)
{
    return marks_shown_foreach(app, NULL, NULL);
}

size_t ui_actions_marks_hidden(struct ui_app *app)
{
    const char *account_id = ui_list_account_id(app);
    size_t marked = app->store && account_id ? store_mark_count(app->store, account_id) : 0;
    size_t shown = marked ? ui_actions_marks_shown(app) : 0;

    return marked > shown ? marked - shown : 0;
}

struct eligible_walk {
    const struct provider_ops *ops;
    enum inv_action action;
    time_t now;
    size_t n;
};

static void count_eligible(const struct invitation *inv, void *ctx)
{
    struct eligible_walk *w = ctx;
    w->n += action_refusal(w->ops, inv, w->action, w->now) == NULL;
}

/* With marks, the action applies when it applies to at least one of them. */
static char *marks_refusal(struct ui_app *app, int cmd)
{
    struct eligible_walk w = {app->session.ops, action_of(cmd), app->now, 0};
    size_t shown = marks_shown_foreach(app, count_eligible, &w);

    return w.n > 0 ? NULL : action_none_eligible(action_of(cmd), shown);
}

static char *refusal(struct ui_app *app, enum ui_cmd cmd, bool marks_count);

char *ui_action_refusal(struct ui_app *app, enum ui_cmd cmd)
{
    return refusal(app, cmd, true);
}

/* marks_count false: the selected row alone, as a named row is acted on. */
static char *refusal(struct ui_app *app, enum ui_cmd cmd, bool marks_count)
{
    const struct profile *p = app->session_ok ? app->session.profile : NULL;

    if (!p || !app->store)
        return xstrdup(_("No profile is open."));
    if (p->read_only)
        return action_read_only_refusal(p);
    if (app->actions && app->actions->run && !bulk_run_finished(app->actions->run))
        return xstrdup(_("An action is still running; wait for its answer."));
    if (ui_cache_shown(app))
        /* No write on a row the server has not confirmed since the last run. */
        return xstrdup(_("These rows are from the cache: wait for the current list."));
    if (cmd == UI_CMD_CREATE)
        return ui_list_account_id(app) ? NULL : xstrdup(_("Open an account first."));
    if (cmd != UI_CMD_RESEND && cmd != UI_CMD_SEND_NEW && cmd != UI_CMD_GROUPS &&
        cmd != UI_CMD_REMOVE)
        return NULL;
    /* A provider without the call says so whatever the row. */
    if (cmd == UI_CMD_GROUPS && !app->session.ops->change_groups)
        return xstrdup(_(app->session.ops->no_groups));
    if (cmd == UI_CMD_REMOVE && !app->session.ops->remove)
        return xstrdup(_(app->session.ops->no_remove));
    if (marks_count && ui_actions_marks_shown(app) > 0 &&
        (cmd == UI_CMD_RESEND || cmd == UI_CMD_SEND_NEW))
        return marks_refusal(app, cmd);
    const struct invitation *inv = ui_selected_invitation(app);
    if (!inv)
        return xstrdup(_("No invitation is selected."));
    const char *why = action_refusal(app->session.ops, inv, action_of(cmd), app->now);
    return why ? xstrdup(why) : NULL;
}

/* ---- the confirmation ---- */

/* The action core's account, profile and locale lines, then the keys: the
 * same in every confirmation. */
static void confirm_tail(struct ui_app *app, struct strbuf *out, bool many)
{
    struct ui_actions *a = app->actions;
    const struct account *acc = ui_current_account(app);
    struct action_scope scope = {app->session.profile, app->session.ops,
                                 ui_list_account_id(app), acc ? acc->name : NULL};

    size_t hidden = a->retry ? 0 : ui_actions_marks_hidden(app);

    if (hidden) {
        strbuf_puts(out, "\n\n");
        action_hidden_marks(out, hidden);
    }
    strbuf_puts(out, "\n\n");
    action_confirm_details(out, &scope, action_of(a->cmd), a->locale);
    const char *keys;
    if (a->guard)
        keys = _("! sends it again, n or Esc cancels.");
    else if (many)
        keys = _("y sends them, n or Esc cancels.");
    else if (!ui_actions_takes_locale(app, a->cmd))
        keys = _("y sends it, n or Esc cancels.");
    else
        keys = _("y sends it, l changes the locale, n or Esc cancels.");
    ui_actions_confirm_keys(app, out, keys);
}

void ui_actions_confirm_keys(struct ui_app *app, struct strbuf *out, const char *keys)
{
    const char *ticket = app->actions->ticket;

    if (ticket)
        action_confirm_ticket(out, ticket);
    else if (action_ticket_missing(app->session.profile, NULL))
        strbuf_printf(out, "%s\n", _("Ticket: none yet, and this profile requires one."));
    strbuf_putc(out, '\n');
    strbuf_puts(out, keys);
    strbuf_putc(out, '\n');
    strbuf_puts(out, _("t enters the ticket reference, kept for the next actions."));
}

static void confirm_text(struct ui_app *app, const struct invitation *inv, struct strbuf *out)
{
    action_question(out, app->session.ops, action_of(app->actions->cmd),
                    inv->email ? inv->email : inv->id, 1);
    if (app->actions->guard) {
        strbuf_puts(out, "\n\n\xe2\x9a\xa0 ");
        strbuf_puts(out, app->actions->guard);
    }
    confirm_tail(app, out, false);
}

void ui_actions_bulk_confirm_text(struct ui_app *app, struct strbuf *out)
{
    struct ui_actions *a = app->actions;
    size_t n = a->plan.neligible, skip = a->plan.nskipped;

    if (a->retry && a->plan.nmaybe_sent)
        strbuf_printf(out,
                      ngettext("Send again to the %zu invitation whose outcome is unknown? It "
                               "may have been sent already: check it first.",
                               "Send again to the %zu invitations whose outcome is unknown? "
                               "They may have been sent already: check them first.",
                               n),
                      n);
    else if (a->retry)
        strbuf_printf(out, ngettext("Try the failed invitation again (%zu)?",
                                    "Try the %zu failed invitations again?", n), n);
    else
        action_question(out, app->session.ops, action_of(a->cmd), NULL, n);
    /* The counts and the keys first, where they are seen without scrolling. */
    if (skip) {
        strbuf_puts(out, "\n\n");
        strbuf_printf(out, ngettext("%zu marked invitation is not eligible and will be skipped.",
                                    "%zu marked invitations are not eligible and will be skipped.",
                                    skip),
                      skip);
    }
    if (a->plan.nmaybe_sent && !a->retry) {
        strbuf_putc(out, '\n');
        strbuf_printf(out, ngettext("%zu of them may have been sent already (no answer came back).",
                                    "%zu of them may have been sent already (no answer came back).",
                                    a->plan.nmaybe_sent),
                      a->plan.nmaybe_sent);
    }
    strbuf_putc(out, '\n');
    strbuf_printf(out, _("At most %d requests at a time (the profile's concurrency)."),
                  app->session.profile->concurrency > 0 ? app->session.profile->concurrency : 1);
    confirm_tail(app, out, true);
    /* Then every address it will write to, and every skipped row with its
     * reason: the list scrolls, so nobody confirms what they cannot see. */
    strbuf_putc(out, '\n');
    for (size_t i = 0; i < n; i++) {
        const struct invitation *inv = &a->plan.eligible[i].inv;
        strbuf_puts(out, "\n  ");
        strbuf_puts(out, inv->email ? inv->email : inv->id);
    }
    struct strbuf line;
    strbuf_init(&line);
    for (size_t i = 0; i < skip; i++) {
        strbuf_reset(&line);
        ui_bulk_target_line(&line, &a->plan.skipped[i], true);
        strbuf_puts(out, i ? "\n  " : "\n\n  ");
        strbuf_puts(out, line.data);
    }
    strbuf_free(&line);
}

void ui_actions_confirm_text(struct ui_app *app, struct strbuf *out)
{
    const struct invitation *inv;

    if (app->actions->bulk) {
        ui_actions_bulk_confirm_text(app, out);
        return;
    }
    if (app->actions->cmd == UI_CMD_GROUPS || app->actions->cmd == UI_CMD_REMOVE) {
        ui_member_confirm_text(app, out);
        return;
    }
    inv = store_find(app->store, ui_list_account_id(app), app->actions->target_id);
    if (inv)
        confirm_text(app, inv, out);
}

void ui_actions_confirm(struct ui_app *app)
{
    struct strbuf text;

    if (!app->actions->bulk &&
        !store_find(app->store, ui_list_account_id(app), app->actions->target_id)) {
        ui_actions_pending_clear(app->actions);
        ui_app_set_message(app, true, _("The invitation is no longer in the list."), NULL);
        return;
    }
    strbuf_init(&text);
    ui_actions_confirm_text(app, &text);
    app->hooks->confirm(app, text.data);
    strbuf_free(&text);
}

void ui_actions_set_ticket(struct ui_app *app, const char *text)
{
    struct ui_actions *a = app->actions;
    const char *why = util_str_empty(text) ? NULL : action_ticket_problem(text);

    if (why) {
        ui_app_set_message(app, true, why, NULL);
        return;
    }
    free(a->ticket);
    a->ticket = util_str_empty(text) ? NULL : xstrdup(text);
}

bool ui_actions_guarded(const struct ui_app *app)
{
    return app->actions && app->actions->guard;
}

/* ---- the locale picker (Hybridbox resend) ---- */

/* Row 0 is "no locale"; row i + 1 is locales_get(i). */
static size_t default_locale_row(const struct ui_app *app)
{
    const char *want = app->actions->has_locale ? app->actions->locale : NULL;

    if (!app->actions->has_locale) {
        want = app->session.profile->locale;
        if (util_str_empty(want) || !locales_find(want))
            want = app->actions->last_locale;
    }
    for (size_t i = 0; want && i < locales_count(); i++)
        if (strcasecmp(locales_get(i), want) == 0)
            return i + 1;
    return 0;
}

void ui_actions_open_picker(struct ui_app *app)
{
    app->hooks->picker(app, default_locale_row(app));
}

void ui_actions_picked(struct ui_app *app, size_t row)
{
    struct ui_actions *a = app->actions;

    free(a->locale);
    a->locale = row > 0 && row <= locales_count() ? xstrdup(locales_get(row - 1)) : NULL;
    a->has_locale = true;
    ui_actions_confirm(app);
}

bool ui_actions_offers_locale(const struct ui_app *app)
{
    return ui_actions_takes_locale(app, app->actions->cmd);
}

/* ---- commands and keys ---- */

static void refuse(struct ui_app *app, char *why)
{
    ui_app_set_message(app, true, why, NULL);
    free(why);
}

/* The message on the status line was about something earlier: under the new
 * question it would read as this action's outcome ("✗ Only pending
 * invitations can be resent" over the picker of a pending one), so it goes;
 * E still shows the last error. */
static void ask(struct ui_app *app, int cmd)
{
    ui_app_set_message(app, false, NULL, NULL);
    if (ui_actions_takes_locale(app, cmd))
        ui_actions_open_picker(app);
    else
        ui_actions_confirm(app);
}

static void start_single(struct ui_app *app, enum ui_cmd cmd)
{
    const struct invitation *inv = ui_selected_invitation(app);
    struct ui_actions *a = app->actions;

    ui_actions_pending_clear(a);
    a->cmd = cmd;
    a->target_id = xstrdup(inv->id);
    a->guard = action_recent_send_check(a->journal_path, app->session.profile, action_of(cmd),
                                        inv, time(NULL));
    ask(app, cmd);
}

/* The recent-send guard on a plan: the rows sent minutes ago become
 * skipped ones, with the guard's sentence as their reason. The journal is
 * read once, and only its lines of the guard's window are parsed. */
static void hold_recent(struct ui_app *app, struct bulk_plan *plan)
{
    const struct profile *p = app->session.profile;
    struct journal_list l = {0};
    struct api_error err;
    time_t now = time(NULL);

    if (!action_guarded(plan->action) || p->resend_guard_s <= 0 || !app->actions->journal_path)
        return;
    api_error_init(&err);
    if (action_recent_sends_read(app->actions->journal_path, p, now, &l, &err) == 0) {
        for (size_t i = 0; i < plan->neligible;) {
            const struct invitation *inv = &plan->eligible[i].inv;
            const struct journal_record *r =
                action_recent_send(&l, p->name, inv->id, p->resend_guard_s, now);
            if (!r) {
                i++;
                continue;
            }
            struct strbuf why;
            strbuf_init(&why);
            action_recent_send_text(&why, inv->email ? inv->email : inv->id, r, now);
            bulk_plan_hold(plan, i, why.data);
            strbuf_free(&why);
        }
    }
    api_error_clear(&err);
    journal_list_free(&l);
}

struct plan_walk {
    struct bulk_plan *plan;
    const struct provider_ops *ops;
    time_t now;
};

static void plan_one(const struct invitation *inv, void *ctx)
{
    struct plan_walk *w = ctx;
    bulk_plan_add(w->plan, w->ops, inv, w->now);
}

/* r / n with marks: one plan of the shown marked rows, one question for all. */
static void start_bulk(struct ui_app *app, enum ui_cmd cmd)
{
    struct ui_actions *a = app->actions;

    ui_actions_pending_clear(a);
    a->cmd = cmd;
    a->bulk = true;
    bulk_plan_init(&a->plan, action_of(cmd), NULL);
    struct plan_walk w = {&a->plan, app->session.ops, app->now};
    marks_shown_foreach(app, plan_one, &w);
    hold_recent(app, &a->plan);
    ask(app, cmd);
}

static void toggle_mark(struct ui_app *app)
{
    const struct invitation *inv = ui_selected_invitation(app);

    if (!inv)
        return;
    store_mark_toggle(app->store, ui_list_account_id(app), inv->id);
    ui_view_move(app, &app->views[UI_PANE_INVITATIONS], UI_CMD_DOWN);
}

static bool mark_command(struct ui_app *app, enum ui_cmd cmd)
{
    if (!app->store || !ui_list_account_id(app))
        return true;
    if (cmd == UI_CMD_MARK)
        toggle_mark(app);
    else if (cmd == UI_CMD_MARK_ALL)
        ui_list_mark_shown(app);
    else
        store_marks_clear(app->store, ui_list_account_id(app));
    ui_app_mark(app, UI_DIRTY_LAYOUT);
    return true;
}

bool ui_actions_command(struct ui_app *app, enum ui_cmd cmd)
{
    /* Keys typed ahead ("3*": a tab, then mark all) must act on the rows
     * the screen is about to show, not on the previous filter's. */
    bool uses_rows = cmd == UI_CMD_MARK || cmd == UI_CMD_MARK_ALL || cmd == UI_CMD_RESEND ||
                     cmd == UI_CMD_SEND_NEW;
    if (uses_rows && (app->dirty & UI_DIRTY_DATA))
        ui_rows_apply(app);
    switch (cmd) {
    case UI_CMD_MARK:
    case UI_CMD_MARK_ALL:
    case UI_CMD_UNMARK_ALL:
        return mark_command(app, cmd);
    case UI_CMD_JOURNAL:
        app->hooks->journal(app);
        return true;
    case UI_CMD_RESEND:
    case UI_CMD_SEND_NEW: {
        char *why = ui_action_refusal(app, cmd);
        if (why)
            refuse(app, why);
        else if (ui_actions_marks_shown(app) > 0)
            start_bulk(app, cmd);
        else
            start_single(app, cmd);
        return true;
    }
    default:
        return false;
    }
}

void ui_actions_resend_selected(struct ui_app *app)
{
    char *why;

    if (app->dirty & UI_DIRTY_DATA)
        ui_rows_apply(app);
    if (!ui_selected_invitation(app))
        return;
    why = refusal(app, UI_CMD_RESEND, false);
    if (why)
        refuse(app, why);
    else
        start_single(app, UI_CMD_RESEND);
}

void ui_actions_decline(struct ui_app *app)
{
    ui_actions_pending_clear(app->actions);
    ui_actions_views_close(app);
    ui_app_set_message(app, false, _("Nothing was sent."), NULL);
}

static void accept(struct ui_app *app, bool again)
{
    struct ui_actions *a = app->actions;

    if (action_ticket_missing(app->session.profile, a->ticket)) {
        ui_app_set_message(app, true,
                           _("This profile requires a ticket reference (ticket_required): t "
                             "enters it."),
                           NULL);
        return;
    }
    if (a->guard && !again) {
        ui_app_set_message(app, true, _("It was sent minutes ago: ! sends it again, n cancels."),
                           NULL);
        return;
    }
    if (!a->guard && again)
        return; /* ! is the second key of a held action only */
    ui_actions_views_close(app);
    if (app->actions->cmd == UI_CMD_GROUPS || app->actions->cmd == UI_CMD_REMOVE)
        ui_member_submit(app);
    else
        ui_bulk_submit(app);
    ui_actions_pending_clear(app->actions);
}

void ui_actions_accept(struct ui_app *app)
{
    accept(app, false);
}

void ui_actions_accept_again(struct ui_app *app)
{
    accept(app, true);
}

const char *ui_actions_status(struct ui_app *app)
{
    struct ui_actions *a = app->actions;

    if (!a || !a->run || bulk_run_finished(a->run))
        return NULL;
    free(a->status);
    if (a->run->n > 1)
        /* TRANSLATORS: a bulk action's progress: done of total. */
        a->status = xasprintf(_("Sending\xe2\x80\xa6 %zu/%zu"), bulk_run_done(a->run), a->run->n);
    else
        a->status = xstrdup(_("Sending\xe2\x80\xa6"));
    return a->status;
}
