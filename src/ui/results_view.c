#include "config.h"

#include "invitui/ui_results.h"

#include <curses.h>

#include "invitui/i18n.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_app.h"
#include "invitui/ui_dialog.h"

/* The progress and result list of a bulk run: failed rows first (the ones
 * to look at), then stopped, skipped, done and still running; counts and a
 * bar on top. f and u ask to retry (the controller asks again first). */

#define BAR_WIDTH 32

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

/* Rebuilds the result list from the run; the scroll position stays. */
static void results_refresh(struct ui_app *app, struct ui_view *v)
{
    struct ui_actions *a = app->actions;
    const struct bulk_run *run = a->run;
    struct strbuf line;

    if (!run)
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
}

/* Recalc pass: the run's answers since the last one, then the rectangle. */
static void results_resize(struct ui_app *app, struct ui_view *v)
{
    results_refresh(app, v);
    ui_dialog_resize(app, v);
}

static bool results_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)arg;
    switch (cmd) {
    case UI_CMD_CLOSE:
        if (ui_bulk_close(app))
            ui_view_pop(app, v);
        return true;
    case UI_CMD_RETRY_FAILED:
    case UI_CMD_RETRY_UNKNOWN:
        if (!ui_bulk_running(app))
            ui_bulk_retry(app, cmd == UI_CMD_RETRY_UNKNOWN);
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
    return (key == '\n' || key == '\r' || key == KEY_ENTER) && ui_bulk_running(app);
}

static bool results_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                            const char **label)
{
    const struct ui_actions *a = app->actions;
    size_t unknown = a->run ? bulk_run_unknown(a->run) : 0;

    (void)v;
    if (ui_bulk_running(app)) {
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

static const struct ui_view_ops results_ops = {
    .name = "results",
    .scope = UI_SCOPE_RESULTS,
    .private_size = sizeof(struct ui_dialog),
    .title = ui_dialog_title,
    .row_count = ui_dialog_count,
    .row_cells = ui_dialog_cells,
    .resize = results_resize,
    .handle = results_handle,
    .key = results_key,
    .keyline = results_keyline,
    .close = ui_dialog_close,
    .action_view = true,
};

void ui_results_open(struct ui_app *app)
{
    ui_view_push(app, &results_ops);
}
