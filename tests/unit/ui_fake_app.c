#include "config.h"

#include "ui_fake_app.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/form.h"
#include "invitui/sanitize.h"
#include "invitui/ui_actions.h"
#include "invitui/worker.h"

struct fake_log fake_log;

static SCREEN *screen;
static FILE *term_in, *term_out;
static int in_pipe[2]; /* keys never come from it: a lone Esc is lone */

void fake_app_init(struct ui_app *app, const struct ui_hooks *hooks)
{
    memset(app, 0, sizeof(*app));
    memset(&fake_log, 0, sizeof(fake_log));
    app->hooks = hooks;
    app->list = ui_list_new();
    app->actions = xcalloc(1, sizeof(*app->actions));
    app->actions->cmd = UI_CMD_NONE;
    if (pipe(in_pipe) != 0)
        abort();
    term_in = fdopen(in_pipe[0], "r");
    term_out = fopen("/dev/null", "w");
    screen = newterm("xterm", term_out, term_in);
    set_term(screen);
    resizeterm(30, 100);
    /* resizeterm queues a KEY_RESIZE: a field editor would take it for
     * the key behind an Esc. */
    nodelay(stdscr, TRUE);
    while (getch() != ERR)
        ;
    nodelay(stdscr, FALSE);
    ui_layout_compute(&app->layout, 100, 30, UI_PANE_INVITATIONS);
}

void fake_app_free(struct ui_app *app)
{
    ui_view_pop_all(app);
    for (size_t i = 0; i < fake_log.npending; i++)
        if (fake_log.pending[i]->destroy)
            fake_log.pending[i]->destroy(fake_log.pending[i]);
    ui_actions_pending_clear(app->actions);
    free(app->actions);
    ui_list_free(app->list);
    free(app->message);
    strvec_free(&fake_log.messages);
    strvec_free(&fake_log.jobs);
    strvec_free(&fake_log.calls);
    endwin();
    delscreen(screen);
    fclose(term_in);
    close(in_pipe[1]);
    fclose(term_out);
}

void fake_press(struct ui_app *app, int key)
{
    struct ui_view *top = ui_view_top(app);

    if (top->ops->key && top->ops->key(app, top, key, key >= KEY_MIN))
        return;
    const struct ui_key_binding *b = ui_key_lookup(top->ops->scope, key);
    if (b)
        ui_view_stack_command(app, b->cmd, b->arg);
}

void fake_render(struct ui_app *app)
{
    erase();
    ui_view_stack_layout(app);
    ui_view_stack_draw(app);
    wnoutrefresh(stdscr);
    const struct ui_view *top = ui_view_top(app);
    if (app->depth && top->ops->cursor)
        top->ops->cursor(app, top);
    app->dirty = 0;
}

int fake_screen_row(const char *text)
{
    char buf[1024];

    for (int y = 0; y < LINES; y++) {
        memset(buf, 0, sizeof(buf));
        mvinnstr(y, 0, buf, (int)sizeof(buf) - 1);
        if (strstr(buf, text))
            return y;
    }
    return -1;
}

bool fake_log_has(const struct strvec *v, const char *text)
{
    for (size_t i = 0; i < v->n; i++)
        if (strstr(v->v[i], text))
            return true;
    return false;
}

/* ---- the controller (app.c) ---- */

void ui_app_mark(struct ui_app *app, unsigned dirty)
{
    app->dirty |= dirty | UI_DIRTY_SCREEN;
}

void ui_app_set_message(struct ui_app *app, bool error, const char *msg, const char *detail)
{
    (void)detail;
    free(app->message);
    app->message = msg ? xstrdup(msg) : NULL;
    if (msg)
        strvec_push_owned(&fake_log.messages, xasprintf("%s: %s", error ? "error" : "info", msg));
}

void ui_app_note_error(struct ui_app *app, const char *full, const char *trace)
{
    (void)app;
    (void)trace;
    strvec_push_owned(&fake_log.messages, xasprintf("noted: %s", full));
}

/* ---- the actions' side of the controller (actions.c, bulk_run.c) ---- */

void ui_actions_pending_clear(struct ui_actions *a)
{
    a->cmd = UI_CMD_NONE;
    free(a->target_id);
    a->target_id = NULL;
    free(a->locale);
    a->locale = NULL;
    a->has_locale = false;
}

void ui_actions_views_close(struct ui_app *app)
{
    for (size_t i = app->depth; i-- > 0;)
        if (i < app->depth && app->stack[i]->ops->action_view)
            ui_view_pop(app, app->stack[i]);
}

void ui_actions_accept(struct ui_app *app)
{
    struct ui_actions *a = app->actions;

    ui_actions_views_close(app);
    strvec_push_owned(&fake_log.jobs,
                     xasprintf("%s %s locale=%s", a->cmd == UI_CMD_SEND_NEW ? "send-new" : "resend",
                               a->target_id ? a->target_id : "(marked)",
                               a->locale ? a->locale : "none"));
    ui_actions_pending_clear(a);
}

void ui_actions_accept_again(struct ui_app *app)
{
    strvec_push(&fake_log.calls, "again");
    if (app->actions->guard)
        ui_actions_accept(app);
}

bool ui_actions_guarded(const struct ui_app *app)
{
    return app->actions->guard != NULL;
}

void ui_actions_set_ticket(struct ui_app *app, const char *text)
{
    free(app->actions->ticket);
    app->actions->ticket = util_str_empty(text) ? NULL : xstrdup(text);
}

void ui_actions_confirm_text(struct ui_app *app, struct strbuf *out)
{
    strbuf_printf(out, "question ticket=%s", app->actions->ticket ? app->actions->ticket : "-");
}

bool ui_actions_command(struct ui_app *app, enum ui_cmd cmd)
{
    (void)app;
    strvec_push_owned(&fake_log.calls, xasprintf("action %s", ui_command_info(cmd)->name));
    return true;
}

void ui_actions_resend_selected(struct ui_app *app)
{
    (void)app;
    strvec_push_owned(&fake_log.calls, xstrdup("action resend selected"));
}

void ui_actions_confirm_keys(struct ui_app *app, struct strbuf *out, const char *keys)
{
    strbuf_printf(out, "ticket=%s\n%s", app->actions->ticket ? app->actions->ticket : "-", keys);
}

void ui_actions_decline(struct ui_app *app)
{
    ui_actions_pending_clear(app->actions);
    ui_actions_views_close(app);
    strvec_push(&fake_log.calls, "decline");
}

bool ui_actions_offers_locale(const struct ui_app *app)
{
    (void)app;
    return fake_log.offers_locale;
}

void ui_actions_open_picker(struct ui_app *app)
{
    strvec_push(&fake_log.calls, "picker");
    app->hooks->picker(app, 0);
}

void ui_actions_picked(struct ui_app *app, size_t row)
{
    strvec_push_owned(&fake_log.calls, xasprintf("picked %zu", row));
    app->actions->has_locale = true;
}

bool ui_bulk_running(const struct ui_app *app)
{
    (void)app;
    return fake_log.running;
}

bool ui_bulk_close(struct ui_app *app)
{
    (void)app;
    strvec_push(&fake_log.calls, fake_log.running ? "stop" : "close");
    return !fake_log.running;
}

void ui_bulk_retry(struct ui_app *app, bool unknown)
{
    (void)app;
    strvec_push(&fake_log.calls, unknown ? "retry unknown" : "retry failed");
}

/* ---- the worker and the rest of the controller, for the create form ---- */

char *ui_action_refusal(struct ui_app *app, enum ui_cmd cmd)
{
    (void)app;
    (void)cmd;
    return NULL;
}

void ui_app_focus(struct ui_app *app, enum ui_pane p)
{
    app->focus = p;
}

void ui_app_show_invitation(struct ui_app *app, const char *id)
{
    (void)app;
    strvec_push_owned(&fake_log.calls, xasprintf("show %s", id));
}

void ui_data_show_error(struct ui_app *app, const struct api_error *err, const char *what)
{
    struct strbuf sb;

    strbuf_init(&sb);
    api_error_format(err, &sb);
    strvec_push_owned(&fake_log.messages, xasprintf("error: %s: %s", what, sb.data));
    strbuf_free(&sb);
    free(app->message);
    app->message = xstrdup(what);
}

uint64_t ui_app_submit(struct ui_app *app, struct job *job)
{
    (void)app;
    /* Never run: its answer does not come. */
    if (fake_log.npending < ARRAY_SIZE(fake_log.pending))
        fake_log.pending[fake_log.npending++] = job;
    strvec_push(&fake_log.jobs, "job");
    job->id = fake_log.jobs.n; /* as worker_submit numbers it: a test may run it */
    return job->id;
}

void ui_app_cancel_job(struct ui_app *app, uint64_t id)
{
    (void)app;
    strvec_push_owned(&fake_log.calls, xasprintf("cancel %" PRIu64, id));
}

uint64_t ui_app_submit_create(struct ui_app *app, const char *account_id,
                              struct create_request *req, const char *journal_path,
                              bulk_create_fn fn, void *ctx)
{
    (void)app;
    (void)journal_path;
    strvec_push_owned(&fake_log.jobs, xasprintf("create %s %s", account_id,
                                                req->email ? req->email : "(none)"));
    fake_log.create_fn = fn;
    fake_log.create_ctx = ctx;
    return fake_log.jobs.n;
}

void fake_screen_dump(void)
{
    char buf[1024];

    for (int y = 0; y < LINES; y++) {
        memset(buf, 0, sizeof(buf));
        mvinnstr(y, 0, buf, (int)sizeof(buf) - 1);
        fprintf(stderr, "# |%s\n", buf);
    }
}
