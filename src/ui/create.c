#include "config.h"

#include "invitui/ui_create_private.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/bulk.h"
#include "invitui/form.h"
#include "invitui/form_desc.h"
#include "invitui/i18n.h"
#include "invitui/journal.h"
#include "invitui/prompt.h"
#include "invitui/provider.h"
#include "invitui/sanitize.h"
#include "invitui/timefmt.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_create.h"
#include "invitui/ui_create_model.h"
#include "invitui/ui_term.h"
#include "invitui/worker.h"

/* The create form (key c): readline fields over the panes, a review of the
 * request, then one POST through the worker. The form is a draft that
 * outlives Esc: c brings it back as typed until it is sent or discarded.
 * A failed create reopens it with the server's field errors beside the
 * fields; nothing is ever sent again without the user confirming. */

struct ui_view *ui_create_view(struct ui_app *app)
{
    for (size_t i = app->depth; i-- > 0;) {
        const struct ui_view_ops *ops = app->stack[i]->ops;
        if (ops == &ui_create_edit_ops || ops == &ui_create_review_ops ||
            ops == &ui_create_sending_ops || ops == &ui_create_discard_ops)
            return app->stack[i];
    }
    return NULL;
}

/* The form's state, open or kept; NULL before the first c. */
static struct ui_create_state *state_of(struct ui_app *app)
{
    struct ui_view *v = ui_create_view(app);

    return v ? ui_create_of(v) : app->create_kept;
}

int ui_create_field_indent(const struct form_field *fd, const struct form *f)
{
    /* Row fields sit under their row's heading, when rows have one. */
    return fd->row >= 0 && f->desc->row_heading ? 4 : 2;
}

void ui_create_geometry(const struct ui_app *app, const struct ui_create_state *s,
                        struct ui_create_geom *g)
{
    const struct ui_layout *l = &app->layout;
    int lw = 0;

    memset(g, 0, sizeof(*g));
    g->cols = l->cols;
    g->top = l->header.y + l->header.h;
    g->h = l->keyline.y - g->top;
    for (size_t i = 0; s->form && i < s->form->nfields; i++) {
        const struct form_field *fd = &s->form->fields[i];
        int w = ui_create_field_indent(fd, s->form) + text_width(_(fd->label));
        lw = w > lw ? w : lw;
    }
    if (lw > l->cols / 3)
        lw = l->cols / 3;
    g->vx = lw + 2;
    g->vw = l->cols - g->vx - 1;
    g->ok = !l->too_small && g->h >= 3 && g->vw >= 6;
}

/* ---- the readline field ---- */

/* Ends the field's line editor; with commit, what was typed becomes the
 * value (only a real change clears the field's error). */
void ui_create_set_value(struct form_field *fd, const char *text)
{
    char *safe = sanitize_display(text, strlen(text), 0);

    form_field_set(fd, safe);
    free(safe);
}

static void end_prompt_on(struct ui_create_state *s, bool commit, bool screen)
{
    if (!s->prompt)
        return;
    if (commit && s->form && s->prompt_item >= 0 &&
        (size_t)s->prompt_item < s->items.n) {
        char *taken = prompt_take_result(s->prompt);
        const char *text = taken ? taken : prompt_line(s->prompt);
        struct form_field *fd = &s->form->fields[s->items.v[s->prompt_item].index];
        if (strcmp(fd->value, text) != 0)
            ui_create_set_value(fd, text);
        free(taken);
    }
    prompt_end(s->prompt);
    s->prompt = NULL;
    if (s->win)
        delwin(s->win);
    s->win = NULL;
    s->prompt_item = -1;
    if (!screen)
        return; /* after endwin: nothing may reach the restored terminal */
    curs_set(0);
    /* What the field's window showed must give way to stdscr again. */
    touchwin(stdscr);
}

void ui_create_end_prompt(struct ui_create_state *s, bool commit)
{
    end_prompt_on(s, commit, true);
}

const struct ui_create_item *ui_create_focused(const struct ui_create_state *s)
{
    if (s->focus < 0 || (size_t)s->focus >= s->items.n)
        return NULL;
    return &s->items.v[s->focus];
}

struct form_field *ui_create_focused_field(const struct ui_create_state *s)
{
    const struct ui_create_item *it = ui_create_focused(s);
    return it && it->kind == UI_CREATE_ITEM_FIELD ? &s->form->fields[it->index] : NULL;
}

static void rebuild_lines(struct ui_create_state *s, const struct ui_create_geom *g)
{
    ui_create_lines_build(s->form, &s->items, g->vw - 2, g->cols - 4, &s->lines);
}

/* Keeps the focused item (with its errors, and a row's heading) in view. */
static void scroll_to_focus(struct ui_create_state *s, const struct ui_create_geom *g)
{
    int ch = g->h - 1;
    long first = ui_create_lines_find_item(&s->lines, s->focus);
    long last = first;

    if (first < 0)
        return;
    while ((size_t)(last + 1) < s->lines.n &&
           s->lines.v[last + 1].kind == UI_CREATE_LINE_ERROR)
        last++;
    if (first > 0 && s->lines.v[first - 1].kind == UI_CREATE_LINE_HEADING)
        first--;
    if (last >= s->scroll + ch)
        s->scroll = (int)last - ch + 1;
    if (first < s->scroll)
        s->scroll = (int)first;
    int max = (int)s->lines.n - ch;
    if (s->scroll > max)
        s->scroll = max;
    if (s->scroll < 0)
        s->scroll = 0;
}

static void start_prompt(struct ui_create_state *s, const struct ui_create_geom *g, int y)
{
    struct form_field *fd = ui_create_focused_field(s);
    struct prompt_options opt = {.initial = fd->value};

    s->win = newwin(1, g->vw, y, g->vx);
    if (!s->win)
        return;
    keypad(s->win, TRUE);
    nodelay(s->win, TRUE);
    wbkgd(s->win, ' ' | A_UNDERLINE);
    s->prompt = prompt_start(s->win, "", &opt);
    if (!s->prompt) {
        delwin(s->win);
        s->win = NULL;
        return;
    }
    s->prompt_item = s->focus;
    curs_set(1);
}

/* Recalc: lines and scrolling for the screen, and a line editor on the
 * focused field exactly where the field is drawn. Called after every key
 * (so that the next key already goes to the right field) and every resize. */
void ui_create_sync(struct ui_app *app, struct ui_view *v)
{
    struct ui_create_state *s = ui_create_of(v);
    struct ui_create_geom g;

    ui_create_geometry(app, s, &g);
    if (!s->form)
        return;
    rebuild_lines(s, &g);
    scroll_to_focus(s, &g);
    ui_app_mark(app, 0);
    long line = ui_create_lines_find_item(&s->lines, s->focus);
    int y = g.top + 1 + (int)line - s->scroll;
    if (v->ops != &ui_create_edit_ops || !g.ok || !ui_create_focused_field(s) || line < 0 ||
        y >= g.top + g.h) {
        ui_create_end_prompt(s, true);
        return;
    }
    if (s->prompt && s->prompt_item != s->focus)
        ui_create_end_prompt(s, true);
    if (s->prompt) {
        int wy, wx, wh, ww;
        getbegyx(s->win, wy, wx);
        getmaxyx(s->win, wh, ww);
        (void)wh;
        if (wy == y && wx == g.vx && ww == g.vw)
            return;
        /* Shrink first, then move: the window must fit the screen at every step. */
        if (wresize(s->win, 1, g.vw) == OK && mvwin(s->win, y, g.vx) == OK) {
            touchwin(stdscr);
            return;
        }
        ui_create_end_prompt(s, true);
    }
    start_prompt(s, &g, y);
}

/* ---- groups, through the worker ---- */

struct groups_job {
    struct job job;
    const struct provider_ops *ops;
    const struct profile *profile;
    char *account_id;
    char *key; /* groups_key() when it was asked */
    int rc;
    struct api_error err;
    struct group_list groups;
    struct ui_app *app;
};

static void groups_job_free(struct groups_job *j)
{
    free(j->account_id);
    free(j->key);
    api_error_clear(&j->err);
    group_list_free(&j->groups);
    free(j);
}

/* The worker went (a profile switch) before the answer: ask again next time. */
static void groups_job_destroy(struct job *job)
{
    struct groups_job *j = JOB_CONTAINER(job, struct groups_job, job);
    struct ui_create_state *s = state_of(j->app);

    if (s && s->groups_job == job->id)
        s->groups_job = 0;
    groups_job_free(j);
}

static void groups_job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct groups_job *j = JOB_CONTAINER(job, struct groups_job, job);
    struct provider_ctx ctx = {
        .profile = j->profile,
        .http = thread_ctx,
        .cancel = cancel,
    };

    if (!thread_ctx)
        j->rc = api_error_set(&j->err, API_ERR_NETWORK, "%s", _("could not create an HTTP client"));
    else
        j->rc = j->ops->list_groups(&ctx, j->account_id, &j->groups, &j->err);
    /* Shown, completed and sent as they are: display-safe here, once. */
    if (j->rc == 0)
        group_list_make_shown(&j->groups);
}

static void groups_job_done(struct job *job)
{
    struct groups_job *j = JOB_CONTAINER(job, struct groups_job, job);
    struct ui_create_state *s = state_of(j->app);

    if (s && s->groups_job == job->id) {
        s->groups_job = 0;
        free(s->groups_error);
        s->groups_error = NULL;
        if (job->cancelled || j->rc < 0) {
            struct strbuf sb;
            strbuf_init(&sb);
            api_error_format(&j->err, &sb);
            s->groups_error = sanitize_display(sb.data, sb.len, 0);
            strbuf_free(&sb);
        } else {
            group_list_free(&s->groups);
            s->groups = j->groups;
            memset(&j->groups, 0, sizeof(j->groups));
            free(s->groups_key);
            s->groups_key = xstrdup(j->key);
        }
        ui_app_mark(j->app, 0);
    }
    groups_job_free(j);
}

/* Groups belong to an account as one profile sees it. */
static char *groups_key(const struct ui_app *app, const struct ui_create_state *s)
{
    return xasprintf("%s\n%s", app->session.profile->name, s->account_id);
}

static void load_groups(struct ui_app *app, struct ui_create_state *s)
{
    char *key = groups_key(app, s);

    bool asking = s->groups_job && util_streq(s->groups_want, key);
    if (asking || (!s->groups_job && util_streq(s->groups_key, key)) || !app->worker) {
        free(key);
        return;
    }
    /* Another account's answer would complete the wrong groups. */
    if (s->groups_job)
        ui_app_cancel_job(app, s->groups_job);
    free(s->groups_want);
    s->groups_want = xstrdup(key);
    group_list_free(&s->groups);
    free(s->groups_key);
    s->groups_key = NULL;
    struct groups_job *j = xcalloc(1, sizeof(*j));
    j->job.run = groups_job_run;
    j->job.done = groups_job_done;
    j->job.destroy = groups_job_destroy;
    j->ops = app->session.ops;
    j->profile = app->session.profile;
    j->account_id = xstrdup(s->account_id);
    j->key = key;
    j->app = app;
    api_error_init(&j->err);
    free(s->groups_error);
    s->groups_error = NULL;
    s->groups_job = ui_app_submit(app, &j->job);
}

/* ---- open, close, discard ---- */

/* The same reasons as the key line shows (read-only profile, no account,
 * a bulk run going on). */
static char *refusal(struct ui_app *app)
{
    return ui_action_refusal(app, UI_CMD_CREATE);
}

void ui_create_set_focus(struct ui_create_state *s, long item)
{
    if (item < 0)
        item = 0;
    if ((size_t)item >= s->items.n)
        item = (long)s->items.n - 1;
    s->focus = item;
    strvec_free(&s->matches);
}

/* The draft goes; the caches (groups, capabilities) stay for the next form. */
static void drop_draft_on(struct ui_create_state *s, bool screen)
{
    end_prompt_on(s, false, screen);
    form_free(s->form);
    s->form = NULL;
    strvec_free(&s->matches);
    strvec_free(&s->review);
    ui_create_lines_free(&s->lines);
    if (screen)
        touchwin(stdscr);
}

void ui_create_open(struct ui_app *app)
{
    const struct profile *p;
    char *why = refusal(app);

    if (why) {
        ui_app_set_message(app, true, why, NULL);
        free(why);
        return;
    }
    if (ui_create_view(app))
        return;
    struct ui_view *v = ui_view_push(app, &ui_create_edit_ops);
    struct ui_create_state *s = ui_create_of(v);
    /* The view's state is what the form had when it was closed. */
    if (app->create_kept) {
        *s = *app->create_kept;
        free(app->create_kept);
        app->create_kept = NULL;
    } else {
        s->prompt_item = -1;
    }
    p = app->session.profile;
    const struct form_desc *desc = app->session.ops->form;
    if (s->form && s->form->desc != desc)
        drop_draft_on(s, true);
    if (s->form) {
        ui_app_set_message(app, false, _("Your unsent form is back as you left it."), NULL);
    } else {
        s->form = form_new_create(desc);
        form_prefill_locale(s->form, p->locale);
        ui_create_items_build(s->form, &s->items);
        s->focus = 0;
        s->scroll = 0;
        ui_app_set_message(app, false, NULL, NULL);
    }
    free(s->account_id);
    s->account_id = xstrdup(ui_list_account_id(app));
    strvec_free(&s->capabilities);
    if (form_completes_from(s->form, FORM_COMPLETE_CAPABILITIES))
        form_collect_capabilities(app->store, s->account_id, &s->capabilities);
    load_groups(app, s);
    ui_create_sync(app, v);
}

/* C: a new draft asking for what req asks for. A kept draft is what
 * someone typed: it is not replaced without a word. */
void ui_create_open_from(struct ui_app *app, const struct create_request *req)
{
    if (ui_create_kept(app)) {
        ui_app_set_message(app, true,
                           _("A create form is kept: press c to send or discard it first."),
                           NULL);
        return;
    }
    ui_create_open(app);
    struct ui_view *v = ui_create_view(app);
    if (!v)
        return;
    struct ui_create_state *s = ui_create_of(v);
    /* The focused field's editor holds the empty value: it starts again on the filled one. */
    ui_create_end_prompt(s, false);
    form_fill_request(s->form, req);
    ui_create_items_build(s->form, &s->items);
    ui_create_sync(app, v);
    ui_app_set_message(app, false, _("The form is filled in from the invitation: check it, "
                                     "then review and send it."),
                       NULL);
}

/* The view goes; its state waits in the app for the next c. */
void ui_create_close(struct ui_app *app, struct ui_view *v)
{
    struct ui_create_state *s = ui_create_of(v);
    bool screen = !isendwin(); /* the app's end closes it after endwin */

    end_prompt_on(s, true, screen);
    strvec_free(&s->matches);
    if (screen)
        touchwin(stdscr);
    ui_create_free(app);
    app->create_kept = xmalloc(sizeof(*s));
    *app->create_kept = *s;
}

void ui_create_close_keep(struct ui_app *app, struct ui_view *v)
{
    ui_view_pop(app, v);
    /* The form cannot show a server's error in full (E is typed into a
     * field): keep it on the status line, where E opens it. */
    if (app->message_is_error && app->message_detail)
        ui_app_mark(app, 0);
    else
        ui_app_set_message(app, false, _("The form is kept: press c to go back to it."), NULL);
}

void ui_create_discard(struct ui_app *app, struct ui_view *v)
{
    drop_draft_on(ui_create_of(v), true);
    ui_view_pop(app, v);
    ui_app_set_message(app, false, _("The form was discarded."), NULL);
}

bool ui_create_kept(struct ui_app *app)
{
    const struct ui_view *v = ui_create_view(app);
    const struct ui_create_state *s = state_of(app);

    return s && s->form && (!v || v->ops != &ui_create_sending_ops);
}

void ui_create_hide(struct ui_app *app)
{
    struct ui_view *v = ui_create_view(app);

    if (v && v->ops != &ui_create_sending_ops)
        ui_create_close_keep(app, v);
}

/* ---- review and send ---- */

const char *ui_create_account_name(struct ui_app *app, const struct ui_create_state *s)
{
    const struct account *a = app->store ? store_account_find(app->store, s->account_id) : NULL;
    return a && *a->shown.name ? a->shown.name : NULL;
}

const char *ui_create_account_label(struct ui_app *app, const struct ui_create_state *s)
{
    const struct account *a = app->store ? store_account_find(app->store, s->account_id) : NULL;

    if (!a)
        return s->account_id; /* only while the store is being replaced */
    return *a->shown.name ? a->shown.name : a->shown.id;
}

void ui_create_set_ops(struct ui_app *app, struct ui_view *v, const struct ui_view_ops *ops)
{
    v->ops = ops;
    ui_create_sync(app, v);
    ui_app_mark(app, 0);
}

/* The duplicate guard: the e-mail already has a pending invitation in the
 * rows loaded (action_pending_for, as `invitui create` checks): the review
 * says so, and when, and r offers to resend that one instead. */
static void review_pending(struct ui_app *app, struct ui_create_state *s)
{
    struct create_request req;
    const struct invitation *pending;

    free(s->pending_id);
    s->pending_id = NULL;
    form_to_create_request(s->form, &req);
    pending = app->store ? action_pending_for(store_invitations(app->store, s->account_id),
                                              req.email)
                         : NULL;
    create_request_free(&req);
    if (!pending || !pending->id)
        return;
    struct strbuf sb, when;
    strbuf_init(&sb);
    strbuf_init(&when);
    action_pending_text(&sb, pending);
    timefmt_relative(&when, pending->created_at, app->now ? app->now : time(NULL));
    strvec_push(&s->review, sb.data);
    /* TRANSLATORS: %s says when, e.g. "3d ago"; r is a key. */
    char *line = xasprintf(_("Sent %s. r resends that one instead (the form is kept)."), when.data);
    strvec_push_owned(&s->review, line);
    strvec_push(&s->review, "");
    s->pending_id = xstrdup(pending->id);
    strbuf_free(&sb);
    strbuf_free(&when);
}

void ui_create_start_review(struct ui_app *app, struct ui_view *v)
{
    struct ui_create_state *s = ui_create_of(v);
    struct api_error err;
    struct strvec preview = {0};

    ui_create_end_prompt(s, true);
    if (form_validate(s->form) > 0) {
        ui_create_set_focus(s, ui_create_items_first_error(&s->items, s->form));
        ui_app_set_message(app, true, _("Some fields need attention."), NULL);
        ui_create_sync(app, v);
        return;
    }
    api_error_init(&err);
    if (ui_create_preview(s->form, app->session.profile, s->account_id, &preview, &err) < 0) {
        form_apply_errors(s->form, &err);
        api_error_clear(&err);
        ui_create_sync(app, v);
        return;
    }
    strvec_free(&s->review);
    strvec_push(&s->review, _("Send this invitation?"));
    review_pending(app, s); /* first: a short screen must not hide it below the body */
    ui_create_confirm_lines(s->form, app->session.profile, s->account_id,
                            ui_create_account_name(app, s), &s->review);
    strvec_push(&s->review, "");
    for (size_t i = 0; i < preview.n; i++)
        strvec_push(&s->review, preview.v[i]);
    strvec_free(&preview);
    s->review_fixed = s->review.n;
    ui_create_review_ticket(app, v);
    s->review_scroll = 0;
    ui_app_set_message(app, false, NULL, NULL);
    ui_create_set_ops(app, v, &ui_create_review_ops);
}

/* The ticket as every confirmation shows it (ui_actions_confirm_keys),
 * after the request, one review line per line of text. */
void ui_create_review_ticket(struct ui_app *app, struct ui_view *v)
{
    struct ui_create_state *s = ui_create_of(v);
    struct strbuf sb;

    while (s->review.n > s->review_fixed)
        free(s->review.v[--s->review.n]);
    strbuf_init(&sb);
    strbuf_putc(&sb, '\n');
    ui_actions_confirm_keys(app, &sb, _("y sends it, n or Esc goes back to the form."));
    for (char *line = sb.data, *nl; line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        strvec_push(&s->review, line);
    }
    strbuf_free(&sb);
    ui_app_mark(app, 0);
}

static void created_ok(struct ui_app *app, struct ui_view *v, struct invitation *inv,
                       const struct api_error *jerr)
{
    struct ui_create_state *s = ui_create_of(v);
    char *id = xstrdup(inv->id ? inv->id : "");
    const char *email = inv->email ? inv->email : "";
    char *msg;

    if (!inv->account_id)
        inv->account_id = xstrdup(s->account_id);
    if (jerr) {
        struct strbuf why;
        strbuf_init(&why);
        api_error_format(jerr, &why);
        msg = xasprintf(_("Invitation created for %s, but the journal could not be written: %s"),
                        email, why.data);
        strbuf_free(&why);
    } else {
        msg = xasprintf(_("Invitation created for %s"), email);
    }
    /* In place: the store takes it, and the list shows it without a reload. */
    if (app->store && inv->id)
        store_upsert_invitation(app->store, inv);
    drop_draft_on(s, true);
    ui_view_pop(app, v);
    if (*id)
        ui_app_show_invitation(app, id);
    ui_app_set_message(app, jerr != NULL, msg, NULL);
    free(msg);
    free(id);
}

static void created_failed(struct ui_app *app, struct ui_view *v, int rc,
                           const struct api_error *err)
{
    struct ui_create_state *s = ui_create_of(v);

    form_apply_errors(s->form, err);
    if (journal_result_of(rc, err) == JOURNAL_UNKNOWN) {
        /* Never resend by itself: the POST may have created it already. */
        char *m = xasprintf("%s %s", _("The invitation may have been created anyway: refresh "
                                       "(Ctrl-R) and check before sending again."),
                            s->form->message ? s->form->message : "");
        free(s->form->message);
        s->form->message = m;
    }
    long item = ui_create_items_first_error(&s->items, s->form);
    ui_create_set_focus(s, item >= 0 ? item
                                     : ui_create_items_find(&s->items, UI_CREATE_ITEM_REVIEW, 0));
    /* TRANSLATORS: what failed, before the server's reason on the status line. */
    ui_data_show_error(app, err, _("Not created"));
    ui_create_set_ops(app, v, &ui_create_edit_ops);
}

static void on_created(int rc, const struct api_error *err, struct invitation *created,
                       const struct api_error *journal_err, void *ctx)
{
    struct ui_app *app = ctx;
    struct ui_view *v = ui_create_view(app);

    if (!v || v->ops != &ui_create_sending_ops)
        return;
    ui_create_of(v)->create_job = 0;
    if (rc == 0 && created)
        created_ok(app, v, created, journal_err);
    else
        created_failed(app, v, rc, err);
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

void ui_create_send(struct ui_app *app, struct ui_view *v)
{
    struct ui_create_state *s = ui_create_of(v);
    struct create_request req;
    char *journal = journal_default_path();

    form_to_create_request(s->form, &req);
    ui_create_set_ops(app, v, &ui_create_sending_ops);
    uint64_t job = ui_app_submit_create(app, s->account_id, &req, journal, on_created, app);
    /* Should the answer ever come at once, the view may be gone already. */
    if (ui_create_view(app) == v && v->ops == &ui_create_sending_ops)
        s->create_job = job;
    create_request_free(&req);
    free(journal);
    ui_app_set_message(app, false, NULL, NULL);
}

/* Frees the kept state (the app's end; also before a view's state is kept). */
void ui_create_free(struct ui_app *app)
{
    struct ui_create_state *s = app->create_kept;

    if (!s)
        return;
    drop_draft_on(s, false);
    ui_create_items_free(&s->items);
    strvec_free(&s->capabilities);
    group_list_free(&s->groups);
    free(s->groups_key);
    free(s->groups_want);
    free(s->groups_error);
    free(s->account_id);
    free(s->pending_id);
    free(s);
    app->create_kept = NULL;
}
