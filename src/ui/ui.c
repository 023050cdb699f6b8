#include "config.h"

#include "invitui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_app.h"
#include "invitui/ui_confirm.h"
#include "invitui/ui_create.h"
#include "invitui/ui_detail.h"
#include "invitui/ui_explain.h"
#include "invitui/ui_input.h"
#include "invitui/ui_journal.h"
#include "invitui/ui_message.h"
#include "invitui/ui_panes.h"
#include "invitui/ui_results.h"
#include "invitui/ui_term.h"

/* The wiring: the only file of src/ui that knows every view. It puts the
 * views' entry points where the controller finds them (struct ui_hooks), so
 * that neither the controller nor a view calls a view's functions
 * (tests/unit/ui_layers.sh), and it starts and ends the session. */

static const struct ui_view_ops *invitations_ops(bool named)
{
    return named ? &ui_invitations_named_ops : &ui_invitations_ops;
}

static const struct ui_hooks hooks = {
    .confirm = ui_confirm_open,
    .picker = ui_picker_open,
    .results = ui_results_open,
    .journal = ui_journal_open,
    .help = ui_help_open,
    .message = ui_message_open,
    .quit_ask = ui_quit_ask,
    .create_open = ui_create_open,
    .create_kept = ui_create_kept,
    .create_hide = ui_create_hide,
    .invitations_ops = invitations_ops,
    .accounts_width = ui_accounts_width,
    .detail_rebuild = ui_detail_rebuild,
    .detail_free = ui_detail_free,
    .input_begin = ui_input_begin,
    .input_begin_view = ui_input_begin_view,
    .input_command = ui_input_begin_command,
    .create_open_from = ui_create_open_from,
    .explain = ui_explain_open,
};

/* The views' state first (the form keeps its draft when its view closes:
 * after the stack), then the controller's. */
static void app_free(struct ui_app *app)
{
    ui_timings_frame(app); /* keys that ended the loop (q) have no frame after them */
    ui_input_free(app);
    ui_data_stop(app);
    ui_actions_free(app);
    ui_detail_free(app);
    for (int p = 0; p < UI_PANE_COUNT; p++)
        free(app->views[p].priv);
    ui_view_pop_all(app);
    ui_create_free(app);
    ui_app_free(app);
}

int ui_run(const struct session_options *options)
{
    struct ui_app app;
    int status = 0;

    /* Before the session: a script must not run token commands for nothing. */
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("invitui: the terminal UI needs a terminal "
                                   "(use a command such as `invitui list` in scripts)"));
        return 2;
    }
    /* Before ui_data_start starts the worker's threads. */
    ui_term_catch_faults();
    memset(&app, 0, sizeof(app));
    app.options = options;
    app.hooks = &hooks;
    ui_panes_fit_columns();
    app.views[UI_PANE_ACCOUNTS].ops = &ui_accounts_ops;
    app.views[UI_PANE_INVITATIONS].ops = &ui_invitations_ops;
    app.views[UI_PANE_DETAIL].ops = &ui_detail_ops;
    /* A pane's own state, as a stacked view's (ui_view_push) */
    for (int p = 0; p < UI_PANE_COUNT; p++)
        if (app.views[p].ops->private_size)
            app.views[p].priv = xcalloc(1, app.views[p].ops->private_size);
    app.focus = UI_PANE_INVITATIONS;
    app.list = ui_list_new();
    ui_actions_init(&app);
    status = ui_data_start(&app);
    if (status != 0) {
        fprintf(stderr, "invitui: %s\n", app.open_error ? app.open_error : "?");
        app_free(&app);
        return status;
    }
    if (ui_term_init() < 0) {
        fprintf(stderr, "%s\n", _("invitui: cannot start the terminal UI (is $TERM right?)"));
        app_free(&app);
        return 2;
    }
    ui_input_init(&app);
    ui_app_mark(&app, UI_DIRTY_LAYOUT);
    ui_data_load_accounts(&app);
    ui_app_loop(&app);
    int sig = ui_term_signal_drain();
    /* Readline's state, then the terminal, then the workers (which never
     * draw, so the screen is back before we wait for them). */
    ui_input_free(&app);
    ui_term_teardown();
    app_free(&app);
    return sig ? 128 + sig : status;
}
