#include "config.h"

#include "invitui/ui_actions.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/store.h"
#include "invitui/ui_app.h"
#include "invitui/ui_error.h"

/* Runs: one row is a run of one target that ends in a status message; the
 * marked rows (or a retry) are a run that shows its progress and results in
 * a view (results_view.c, opened through app->open). Each answer replaces
 * its row in the store as it arrives. The view offers "retry failed" once
 * the run is over; nothing is retried otherwise. */

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
        ui_list_hold_place(app);
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
        ui_app_mark(app, UI_DIRTY_LAYOUT); /* the result list is rebuilt in the recalc pass */
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
    const struct invitation *inv = store_find(app->store, ui_list_account_id(app), a->target_id);
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
    a->run->ticket = xstrdup_or_null(a->ticket);
    a->run_bulk = a->bulk;
    a->skipped = plan->skipped;
    a->nskipped = plan->nskipped;
    plan->skipped = NULL;
    plan->nskipped = 0;
    if (!a->bulk)
        bulk_plan_free(&single);
    ui_app_set_message(app, false, NULL, NULL);
    if (a->run_bulk) {
        ui_actions_views_close(app);
        app->hooks->results(app);
    }
    bulk_run_pump(a->run, app->worker);
    ui_app_mark(app, 0);
}

/* "retry failed" (f): a new plan of the definite failures, asked for again.
 * Rows whose outcome is unknown may have been sent: only u takes them, with
 * a question of their own, so that f never sends a second e-mail unasked. */
void ui_bulk_retry(struct ui_app *app, bool unknown)
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

bool ui_bulk_running(const struct ui_app *app)
{
    const struct ui_actions *a = app->actions;

    return a->run && !bulk_run_finished(a->run);
}

/* q, Esc, x: close a finished list; stop a run (nothing more is sent,
 * requests under way finish). */
bool ui_bulk_close(struct ui_app *app)
{
    struct ui_actions *a = app->actions;

    if (!ui_bulk_running(app)) {
        ui_bulk_forget(app);
        return true;
    }
    if (!a->run->cancelling) {
        bulk_run_cancel(a->run);
        ui_app_set_message(app, false,
                           _("Stopping: nothing more is sent; requests under way finish."), NULL);
        ui_app_mark(app, UI_DIRTY_LAYOUT);
    }
    return false;
}
