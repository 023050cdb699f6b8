#include "config.h"

#include "invitui/ui_actions.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/store.h"
#include "invitui/ui_app.h"
#include "invitui/ui_dialog.h"
#include "invitui/ui_error.h"

/* Runs: one row is a run of one target that ends in a status message; the
 * marked rows (or a retry) are a run that shows its progress and results in
 * a view. Each answer replaces its row in the store as it arrives. The
 * view offers "retry failed" once the run is over; nothing is retried
 * otherwise. */

#define BAR_WIDTH 32

void ui_bulk_forget(struct ui_app *app)
{
    struct ui_actions *a = app->actions;

    if (a->run && bulk_run_in_flight(a->run) == 0) {
        bulk_run_free(a->run);
        free(a->run);
        a->run = NULL;
    }
    bulk_targets_free(a->skipped, a->nskipped);
    a->skipped = NULL;
    a->nskipped = 0;
    free(a->status);
    a->status = NULL;
}

static const char *run_title(const struct bulk_run *run, bool finished)
{
    if (run->action == INV_ACTION_SEND_NEW)
        return finished ? _("Send new: finished") : _("Send new: running");
    return finished ? _("Resend: finished") : _("Resend: running");
}

static void push_group(struct strvec *lines, const struct bulk_run *run, enum bulk_state state,
                       bool maybe_sent)
{
    struct strbuf line;

    strbuf_init(&line);
    for (size_t i = 0; i < run->n; i++) {
        const struct bulk_target *t = &run->targets[i];
        if (t->state != state || (state == BULK_FAILED && t->maybe_sent != maybe_sent))
            continue;
        strbuf_reset(&line);
        ui_bulk_target_line(&line, t, false);
        strvec_push(lines, line.data);
    }
    strbuf_free(&line);
}

/* Rebuilds the result list; the scroll position stays. */
static void results_refresh(struct ui_app *app)
{
    struct ui_actions *a = app->actions;
    const struct bulk_run *run = a->run;
    struct ui_view *v = ui_view_find(app, &ui_results_ops);
    struct strbuf line;

    if (!v || !run)
        return;
    struct strvec *lines = &ui_dialog_of(v)->lines;
    ui_dialog_set_title(v, run_title(run, bulk_run_finished(run)));
    strvec_free(lines);
    strbuf_init(&line);
    ui_progress_bar(&line, bulk_run_done(run), run->n, BAR_WIDTH);
    strbuf_printf(&line, " %zu/%zu", bulk_run_done(run), run->n);
    strvec_push(lines, line.data);
    strbuf_reset(&line);
    size_t unknown = bulk_run_unknown(run);
    /* TRANSLATORS: the counts of a bulk run; the words match the result list's. */
    strbuf_printf(&line, _("ok %zu, failed %zu, unknown %zu, skipped %zu, stopped %zu"), run->ok,
                  run->failed - unknown, unknown, a->nskipped, run->cancelled);
    strvec_push(lines, line.data);
    if (run->journal_error) {
        strbuf_reset(&line);
        strbuf_printf(&line, _("The journal could not be written: %s"), run->journal_error);
        strvec_push(lines, line.data);
    }
    strvec_push(lines, "");
    push_group(lines, run, BULK_FAILED, false);
    push_group(lines, run, BULK_FAILED, true);
    push_group(lines, run, BULK_CANCELLED, false);
    for (size_t i = 0; i < a->nskipped; i++) {
        strbuf_reset(&line);
        ui_bulk_target_line(&line, &a->skipped[i], true);
        strvec_push(lines, line.data);
    }
    push_group(lines, run, BULK_OK, false);
    push_group(lines, run, BULK_IN_FLIGHT, false);
    strbuf_free(&line);
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

static void single_done(struct ui_app *app, struct bulk_run *run)
{
    const struct bulk_target *t = &run->targets[0];
    const char *email = t->inv.email ? t->inv.email : t->inv.id;
    char *msg = NULL;

    if (t->state == BULK_CANCELLED) {
        ui_app_set_message(app, false, _("Cancelled before anything was sent."), NULL);
    } else if (t->state == BULK_FAILED) {
        const char *what = t->maybe_sent ? _("Outcome unknown, the e-mail may have been sent "
                                             "(R reloads to show what the server did)")
                           : run->action == INV_ACTION_SEND_NEW ? _("Send new failed")
                                                                : _("Resend failed");
        if (t->err.kind != API_OK) {
            ui_data_show_error(app, &t->err, what); /* with its trace id */
        } else {
            msg = xasprintf("%s: %s", what, t->reason ? t->reason : "");
            ui_app_set_message(app, true, msg, msg);
        }
    } else if (run->journal_error) {
        msg = xasprintf(_("Sent to %s, but the journal could not be written: %s"), email,
                        run->journal_error);
        ui_app_set_message(app, true, msg, msg);
    } else {
        if (run->action == INV_ACTION_SEND_NEW)
            msg = xasprintf(_("A new invitation was sent to %s."), email);
        else if (run->locale)
            msg = xasprintf(_("The invitation was resent to %s (locale %s)."), email,
                            run->locale);
        else
            msg = xasprintf(_("The invitation was resent to %s."), email);
        ui_app_set_message(app, false, msg, NULL);
    }
    free(msg);
}

/* A failed row of a bulk run is kept for E (the result list shows it
 * only by a word): what failed, for whom, and the error in full. */
static void note_failure(struct ui_app *app, const struct bulk_run *run,
                         const struct bulk_target *t)
{
    const char *what = t->maybe_sent ? _("Outcome unknown, the e-mail may have been sent "
                                         "(R reloads to show what the server did)")
                       : run->action == INV_ACTION_SEND_NEW ? _("Send new failed")
                                                            : _("Resend failed");
    char *head = xasprintf("%s\n%s", what, t->inv.email ? t->inv.email : t->inv.id);
    struct strbuf full;

    strbuf_init(&full);
    if (t->err.kind != API_OK)
        ui_error_full_text(&full, head, &t->err);
    else
        strbuf_printf(&full, "%s\n\n%s", head, t->reason ? t->reason : "");
    ui_app_note_error(app, full.data, util_str_empty(t->err.trace_id) ? NULL : t->err.trace_id);
    strbuf_free(&full);
    free(head);
}

static void on_result(struct bulk_run *run, size_t index, struct invitation *response, void *ctx)
{
    struct ui_app *app = ctx;
    struct ui_actions *a = app->actions;
    const struct bulk_target *t = &run->targets[index];

    if (response && response->id) {
        /* The answer goes into the row: no reload, and the cursor stays where it is. */
        if (!response->account_id)
            response->account_id = xstrdup(t->inv.account_id);
        store_upsert_invitation(app->store, response);
        app->rows_hold_place = true;
        ui_app_mark(app, UI_DIRTY_DATA);
    }
    /* The row says when its outcome is unknown, until a reload shows it. */
    if (t->state == BULK_OK || t->state == BULK_FAILED)
        ui_actions_set_unknown(app, t->inv.id, t->state == BULK_FAILED && t->maybe_sent);
    /* Done rows leave the marks; failed ones stay marked for another go. */
    if (a->run_bulk && t->state == BULK_OK)
        store_mark_set(app->store, t->inv.account_id, t->inv.id, false);
    if (a->run_bulk && t->state == BULK_FAILED)
        note_failure(app, run, t);
    if (a->run_bulk) {
        results_refresh(app);
        /* "Stopping: ..." was about the run in progress: once it is over
         * the status line must not claim that something is still going. */
        if (run->cancelling && bulk_run_finished(run))
            ui_app_set_message(app, false,
                               _("The run was stopped; the result list shows what was sent."),
                               NULL);
    } else if (bulk_run_finished(run)) {
        single_done(app, run);
        ui_bulk_forget(app);
    }
    ui_app_mark(app, 0);
}

static bool plan_single(struct ui_app *app, struct bulk_plan *plan)
{
    struct ui_actions *a = app->actions;
    const struct invitation *inv = store_find(app->store, app->account_id, a->target_id);
    enum inv_action action = a->cmd == UI_CMD_SEND_NEW ? INV_ACTION_SEND_NEW : INV_ACTION_RESEND;

    if (!inv) {
        ui_app_set_message(app, true, _("The invitation is no longer in the list."), NULL);
        return false;
    }
    bulk_plan_init(plan, action, NULL);
    bulk_plan_add(plan, app->session.ops, inv, time(NULL));
    if (plan->neligible == 0) {
        ui_app_set_message(app, true, plan->skipped[0].reason, NULL);
        bulk_plan_free(plan);
        return false;
    }
    return true;
}

static void results_open(struct ui_app *app)
{
    ui_actions_views_close(app);
    ui_view_push(app, &ui_results_ops);
    results_refresh(app);
}

void ui_bulk_submit(struct ui_app *app)
{
    struct ui_actions *a = app->actions;
    struct bulk_plan single, *plan = &a->plan;
    const struct profile *profile = app->session.profile;

    if (!app->worker)
        return;
    ui_bulk_forget(app);
    if (a->run) {
        ui_app_set_message(app, true, _("An action is still running; wait for its answer."), NULL);
        return;
    }
    if (!a->bulk) {
        if (!plan_single(app, &single))
            return;
        plan = &single;
    }
    free(plan->locale);
    plan->locale = xstrdup_or_null(action_locale(app->session.ops, plan->action, a->locale));
    if (plan->locale) {
        free(a->last_locale);
        a->last_locale = xstrdup(plan->locale);
    }
    a->run = xcalloc(1, sizeof(*a->run));
    bulk_run_init(a->run, plan, app->session.ops, profile, profile->concurrency);
    a->run->on_result = on_result;
    a->run->ctx = app;
    a->run->journal_path = a->journal_path;
    a->run_bulk = a->bulk;
    a->skipped = plan->skipped;
    a->nskipped = plan->nskipped;
    plan->skipped = NULL;
    plan->nskipped = 0;
    if (!a->bulk)
        bulk_plan_free(&single);
    ui_app_set_message(app, false, NULL, NULL);
    if (a->run_bulk)
        results_open(app);
    bulk_run_pump(a->run, app->worker);
    ui_app_mark(app, 0);
}

/* "retry failed" (f): a new plan of the definite failures, asked for again.
 * Rows whose outcome is unknown may have been sent: only u takes them, with
 * a question of their own, so that f never sends a second e-mail unasked. */
static void retry_failed(struct ui_app *app, bool unknown)
{
    struct ui_actions *a = app->actions;
    struct bulk_plan retry = {0};
    size_t n = a->run && a->run->failed ? bulk_retry_failed(a->run, unknown, &retry) : 0;

    if (n == 0) {
        bulk_plan_free(&retry);
        if (unknown)
            ui_app_set_message(app, false, _("No row has an unknown outcome."), NULL);
        else if (a->run && bulk_run_unknown(a->run))
            ui_app_set_message(app, false,
                               _("Nothing failed for sure; u sends the rows whose outcome is "
                                 "unknown again (check them first)."),
                               NULL);
        else
            ui_app_set_message(app, false, _("Nothing failed: there is nothing to retry."), NULL);
        return;
    }
    int cmd = a->run->action == INV_ACTION_SEND_NEW ? UI_CMD_SEND_NEW : UI_CMD_RESEND;
    char *locale = xstrdup_or_null(a->run->locale);
    ui_bulk_forget(app);
    ui_actions_pending_clear(a);
    a->cmd = cmd;
    a->bulk = a->retry = true;
    a->plan = retry;
    a->locale = locale;
    a->has_locale = true;
    ui_actions_confirm(app);
}

static bool results_running(const struct ui_app *app)
{
    const struct ui_actions *a = app->actions;

    return a->run && !bulk_run_finished(a->run);
}

/* q, Esc, x: close a finished list; stop a run (nothing more is sent,
 * requests under way finish). */
static void results_close(struct ui_app *app, struct ui_view *v)
{
    struct ui_actions *a = app->actions;

    if (!results_running(app)) {
        ui_bulk_forget(app);
        ui_view_pop(app, v);
    } else if (!a->run->cancelling) {
        bulk_run_cancel(a->run);
        ui_app_set_message(app, false,
                           _("Stopping: nothing more is sent; requests under way finish."), NULL);
        results_refresh(app);
    }
}

static bool results_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)arg;
    switch (cmd) {
    case UI_CMD_CLOSE:
        results_close(app, v);
        return true;
    case UI_CMD_RETRY_FAILED:
    case UI_CMD_RETRY_UNKNOWN:
        if (!results_running(app))
            retry_failed(app, cmd == UI_CMD_RETRY_UNKNOWN);
        return true;
    default:
        return false;
    }
}

/* Enter only closes a finished list: it must not stop a run by accident. */
static bool results_key(struct ui_app *app, struct ui_view *v, int key, bool is_key_code)
{
    (void)v;
    (void)is_key_code;
    return (key == '\n' || key == '\r' || key == KEY_ENTER) && results_running(app);
}

static bool results_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                            const char **label)
{
    const struct ui_actions *a = app->actions;
    size_t unknown = a->run ? bulk_run_unknown(a->run) : 0;

    (void)v;
    if (results_running(app)) {
        if (cmd == UI_CMD_CLOSE)
            *label = _("stop");
        return cmd == UI_CMD_CLOSE;
    }
    if (cmd == UI_CMD_RETRY_FAILED)
        return a->run && a->run->failed > unknown;
    if (cmd == UI_CMD_RETRY_UNKNOWN)
        return unknown > 0;
    return true;
}

const struct ui_view_ops ui_results_ops = {
    .name = "results",
    .scope = UI_SCOPE_RESULTS,
    .private_size = sizeof(struct ui_dialog),
    UI_DIALOG_OPS,
    .handle = results_handle,
    .key = results_key,
    .keyline = results_keyline,
    .close = ui_dialog_close,
};
