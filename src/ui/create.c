#include "config.h"

#include "invitui/ui_create_private.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/bulk.h"
#include "invitui/form.h"
#include "invitui/i18n.h"
#include "invitui/journal.h"
#include "invitui/prompt.h"
#include "invitui/provider.h"
#include "invitui/sanitize.h"
#include "invitui/ui_create_model.h"
#include "invitui/ui_term.h"
#include "invitui/worker.h"

/* The create form (key c): readline fields over the panes, a review of the
 * request, then one POST through the worker. The form is a draft that
 * outlives Esc: c brings it back as typed until it is sent or discarded.
 * A failed create reopens it with the server's field errors beside the
 * fields; nothing is ever sent again without the user confirming. */

struct ui_create_state ui_cs;

int ui_create_field_indent(const struct form_field *fd, const struct form *f)
{
    return fd->row >= 0 && f->provider == PROVIDER_HYBRIDBOX ? 4 : 2;
}

void ui_create_geometry(const struct ui_app *app, struct ui_create_geom *g)
{
    const struct ui_layout *l = &app->layout;
    int lw = 0;

    memset(g, 0, sizeof(*g));
    g->cols = l->cols;
    g->top = l->header.y + l->header.h;
    g->h = l->keyline.y - g->top;
    for (size_t i = 0; ui_cs.form && i < ui_cs.form->nfields; i++) {
        const struct form_field *fd = &ui_cs.form->fields[i];
        int w = ui_create_field_indent(fd, ui_cs.form) + text_width(_(fd->label));
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
static void end_prompt_on(bool commit, bool screen)
{
    if (!ui_cs.prompt)
        return;
    if (commit && ui_cs.form && ui_cs.prompt_item >= 0 &&
        (size_t)ui_cs.prompt_item < ui_cs.items.n) {
        char *taken = prompt_take_result(ui_cs.prompt);
        const char *text = taken ? taken : prompt_line(ui_cs.prompt);
        struct form_field *fd = &ui_cs.form->fields[ui_cs.items.v[ui_cs.prompt_item].index];
        if (strcmp(fd->value, text) != 0)
            form_field_set(fd, text);
        free(taken);
    }
    prompt_end(ui_cs.prompt);
    ui_cs.prompt = NULL;
    if (ui_cs.win)
        delwin(ui_cs.win);
    ui_cs.win = NULL;
    ui_cs.prompt_item = -1;
    if (!screen)
        return; /* after endwin: nothing may reach the restored terminal */
    curs_set(0);
    /* What the field's window showed must give way to stdscr again. */
    touchwin(stdscr);
}

static void end_prompt(bool commit)
{
    end_prompt_on(commit, true);
}

const struct ui_create_item *ui_create_focused(void)
{
    if (ui_cs.focus < 0 || (size_t)ui_cs.focus >= ui_cs.items.n)
        return NULL;
    return &ui_cs.items.v[ui_cs.focus];
}

struct form_field *ui_create_focused_field(void)
{
    const struct ui_create_item *it = ui_create_focused();
    return it && it->kind == UI_CREATE_ITEM_FIELD ? &ui_cs.form->fields[it->index] : NULL;
}

static void rebuild_lines(const struct ui_create_geom *g)
{
    ui_create_lines_build(ui_cs.form, &ui_cs.items, g->vw - 2, g->cols - 4, &ui_cs.lines);
}

/* Keeps the focused item (with its errors, and a row's heading) in view. */
static void scroll_to_focus(const struct ui_create_geom *g)
{
    int ch = g->h - 1;
    long first = ui_create_lines_find_item(&ui_cs.lines, ui_cs.focus);
    long last = first;

    if (first < 0)
        return;
    while ((size_t)(last + 1) < ui_cs.lines.n &&
           ui_cs.lines.v[last + 1].kind == UI_CREATE_LINE_ERROR)
        last++;
    if (first > 0 && ui_cs.lines.v[first - 1].kind == UI_CREATE_LINE_HEADING)
        first--;
    if (last >= ui_cs.scroll + ch)
        ui_cs.scroll = (int)last - ch + 1;
    if (first < ui_cs.scroll)
        ui_cs.scroll = (int)first;
    int max = (int)ui_cs.lines.n - ch;
    if (ui_cs.scroll > max)
        ui_cs.scroll = max;
    if (ui_cs.scroll < 0)
        ui_cs.scroll = 0;
}

static void start_prompt(const struct ui_create_geom *g, int y)
{
    struct form_field *fd = ui_create_focused_field();
    struct prompt_options opt = {.initial = fd->value};

    ui_cs.win = newwin(1, g->vw, y, g->vx);
    if (!ui_cs.win)
        return;
    keypad(ui_cs.win, TRUE);
    nodelay(ui_cs.win, TRUE);
    wbkgd(ui_cs.win, ' ' | A_UNDERLINE);
    ui_cs.prompt = prompt_start(ui_cs.win, "", &opt);
    if (!ui_cs.prompt) {
        delwin(ui_cs.win);
        ui_cs.win = NULL;
        return;
    }
    ui_cs.prompt_item = ui_cs.focus;
    curs_set(1);
}

/* Recalc: lines and scrolling for the screen, and a line editor on the
 * focused field exactly where the field is drawn. Called after every key
 * (so that the next key already goes to the right field) and every resize. */
void ui_create_sync(struct ui_app *app)
{
    struct ui_create_geom g;

    ui_create_geometry(app, &g);
    if (ui_cs.mode == UI_CREATE_CLOSED || !ui_cs.form)
        return;
    rebuild_lines(&g);
    scroll_to_focus(&g);
    ui_app_mark(app, 0);
    long line = ui_create_lines_find_item(&ui_cs.lines, ui_cs.focus);
    int y = g.top + 1 + (int)line - ui_cs.scroll;
    if (ui_cs.mode != UI_CREATE_EDIT || !g.ok || !ui_create_focused_field() || line < 0 ||
        y >= g.top + g.h) {
        end_prompt(true);
        return;
    }
    if (ui_cs.prompt && ui_cs.prompt_item != ui_cs.focus)
        end_prompt(true);
    if (ui_cs.prompt) {
        int wy, wx, wh, ww;
        getbegyx(ui_cs.win, wy, wx);
        getmaxyx(ui_cs.win, wh, ww);
        (void)wh;
        if (wy == y && wx == g.vx && ww == g.vw)
            return;
        /* Shrink first, then move: the window must fit the screen at every step. */
        if (wresize(ui_cs.win, 1, g.vw) == OK && mvwin(ui_cs.win, y, g.vx) == OK) {
            touchwin(stdscr);
            return;
        }
        end_prompt(true);
    }
    start_prompt(&g, y);
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
    if (ui_cs.groups_job == job->id)
        ui_cs.groups_job = 0;
    groups_job_free(JOB_CONTAINER(job, struct groups_job, job));
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
}

static void groups_job_done(struct job *job)
{
    struct groups_job *j = JOB_CONTAINER(job, struct groups_job, job);

    if (ui_cs.groups_job == job->id) {
        ui_cs.groups_job = 0;
        free(ui_cs.groups_error);
        ui_cs.groups_error = NULL;
        if (job->cancelled || j->rc < 0) {
            struct strbuf sb;
            strbuf_init(&sb);
            api_error_format(&j->err, &sb);
            ui_cs.groups_error = sanitize_display(sb.data, sb.len, 0);
            strbuf_free(&sb);
        } else {
            group_list_free(&ui_cs.groups);
            ui_cs.groups = j->groups;
            memset(&j->groups, 0, sizeof(j->groups));
            free(ui_cs.groups_key);
            ui_cs.groups_key = xstrdup(j->key);
        }
        ui_app_mark(j->app, 0);
    }
    groups_job_free(j);
}

/* Groups belong to an account as one profile sees it. */
static char *groups_key(const struct ui_app *app)
{
    return xasprintf("%s\n%s", app->session.profile->name, ui_cs.account_id);
}

static void load_groups(struct ui_app *app)
{
    char *key = groups_key(app);

    bool asking = ui_cs.groups_job && util_streq(ui_cs.groups_want, key);
    if (asking || (!ui_cs.groups_job && util_streq(ui_cs.groups_key, key)) || !app->worker) {
        free(key);
        return;
    }
    /* Another account's answer would complete the wrong groups. */
    if (ui_cs.groups_job)
        worker_cancel(app->worker, ui_cs.groups_job);
    free(ui_cs.groups_want);
    ui_cs.groups_want = xstrdup(key);
    group_list_free(&ui_cs.groups);
    free(ui_cs.groups_key);
    ui_cs.groups_key = NULL;
    struct groups_job *j = xcalloc(1, sizeof(*j));
    j->job.run = groups_job_run;
    j->job.done = groups_job_done;
    j->job.destroy = groups_job_destroy;
    j->ops = app->session.ops;
    j->profile = app->session.profile;
    j->account_id = xstrdup(ui_cs.account_id);
    j->key = key;
    j->app = app;
    api_error_init(&j->err);
    free(ui_cs.groups_error);
    ui_cs.groups_error = NULL;
    ui_cs.groups_job = worker_submit(app->worker, &j->job);
}

/* ---- open, close, discard ---- */

/* The same reasons as the key line shows (read-only profile, no account,
 * a bulk run going on). */
static char *refusal(struct ui_app *app)
{
    return ui_action_refusal(app, UI_CMD_CREATE);
}

static void set_focus(long item)
{
    if (item < 0)
        item = 0;
    if ((size_t)item >= ui_cs.items.n)
        item = (long)ui_cs.items.n - 1;
    ui_cs.focus = item;
    strvec_free(&ui_cs.matches);
}

static void drop_draft_on(bool screen)
{
    end_prompt_on(false, screen);
    form_free(ui_cs.form);
    ui_cs.form = NULL;
    ui_cs.mode = UI_CREATE_CLOSED;
    strvec_free(&ui_cs.matches);
    strvec_free(&ui_cs.review);
    ui_create_lines_free(&ui_cs.lines);
    if (screen)
        touchwin(stdscr);
}

static void drop_draft(void)
{
    drop_draft_on(true);
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
    if (ui_cs.mode != UI_CREATE_CLOSED)
        return;
    p = app->session.profile;
    if (ui_cs.form && ui_cs.form->provider != p->provider)
        drop_draft();
    if (ui_cs.form) {
        ui_app_set_message(app, false, _("Your unsent form is back as you left it."), NULL);
    } else {
        ui_cs.form = form_new_create(p->provider);
        if (p->provider == PROVIDER_HYBRIDBOX && p->locale)
            form_set(ui_cs.form, "locale", p->locale);
        ui_create_items_build(ui_cs.form, &ui_cs.items);
        ui_cs.focus = 0;
        ui_cs.scroll = 0;
        ui_app_set_message(app, false, NULL, NULL);
    }
    free(ui_cs.account_id);
    ui_cs.account_id = xstrdup(app->account_id);
    strvec_free(&ui_cs.capabilities);
    if (p->provider == PROVIDER_HYBRIDBOX)
        form_collect_capabilities(app->store, ui_cs.account_id, &ui_cs.capabilities);
    ui_cs.mode = UI_CREATE_EDIT;
    load_groups(app);
    ui_create_sync(app);
}

static void close_keep(struct ui_app *app)
{
    end_prompt(true);
    ui_cs.mode = UI_CREATE_CLOSED;
    strvec_free(&ui_cs.matches);
    touchwin(stdscr);
    /* The form cannot show a server's error in full (E is typed into a
     * field): keep it on the status line, where E opens it. */
    if (app->message_is_error && app->message_detail)
        ui_app_mark(app, 0);
    else
        ui_app_set_message(app, false, _("The form is kept: press c to go back to it."), NULL);
}

bool ui_create_kept(struct ui_app *app)
{
    (void)app;
    return ui_cs.form != NULL && ui_cs.mode != UI_CREATE_SENDING;
}

void ui_create_hide(struct ui_app *app)
{
    if (ui_cs.mode != UI_CREATE_CLOSED && ui_cs.mode != UI_CREATE_SENDING)
        close_keep(app);
}

/* ---- review and send ---- */

const char *ui_create_account_name(struct ui_app *app)
{
    const struct account *a = app->store ? store_account_find(app->store, ui_cs.account_id) : NULL;
    return a ? a->name : NULL;
}

static void start_review(struct ui_app *app)
{
    struct api_error err;
    struct strvec preview = {0};

    end_prompt(true);
    if (form_validate(ui_cs.form) > 0) {
        set_focus(ui_create_items_first_error(&ui_cs.items, ui_cs.form));
        ui_app_set_message(app, true, _("Some fields need attention."), NULL);
        ui_create_sync(app);
        return;
    }
    api_error_init(&err);
    if (ui_create_preview(ui_cs.form, app->session.profile, ui_cs.account_id, &preview, &err) < 0) {
        form_apply_errors(ui_cs.form, &err);
        api_error_clear(&err);
        ui_create_sync(app);
        return;
    }
    strvec_free(&ui_cs.review);
    strvec_push(&ui_cs.review, _("Send this invitation?"));
    ui_create_confirm_lines(ui_cs.form, app->session.profile, ui_cs.account_id,
                            ui_create_account_name(app),
                            &ui_cs.review);
    strvec_push(&ui_cs.review, "");
    for (size_t i = 0; i < preview.n; i++)
        strvec_push(&ui_cs.review, preview.v[i]);
    strvec_free(&preview);
    ui_cs.review_scroll = 0;
    ui_cs.mode = UI_CREATE_REVIEW;
    ui_app_set_message(app, false, NULL, NULL);
    ui_create_sync(app);
}

/* Shows the new invitation selected, even if the filter would hide it. */
static void select_created(struct ui_app *app, const char *id)
{
    free(app->selected_id);
    app->selected_id = xstrdup(id);
    ui_rows_apply(app);
    if (store_view_find(&app->rows, app->store, id) < 0) {
        free(app->search);
        app->search = NULL;
        app->filter.search = NULL;
        app->tab = STORE_TAB_ALL;
        app->filter.status_mask = store_tab_mask(STORE_TAB_ALL);
        free(app->selected_id);
        app->selected_id = xstrdup(id);
        ui_rows_apply(app);
    }
    ui_app_focus(app, UI_PANE_INVITATIONS);
    ui_app_mark(app, UI_DIRTY_LAYOUT | UI_DIRTY_DATA | UI_DIRTY_DETAIL);
}

static void created_ok(struct ui_app *app, struct invitation *inv, const struct api_error *jerr)
{
    char *id = xstrdup(inv->id ? inv->id : "");
    const char *email = inv->email ? inv->email : "";
    char *msg;

    if (!inv->account_id)
        inv->account_id = xstrdup(ui_cs.account_id);
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
    drop_draft();
    if (*id)
        select_created(app, id);
    ui_app_set_message(app, jerr != NULL, msg, NULL);
    free(msg);
    free(id);
}

static void created_failed(struct ui_app *app, int rc, const struct api_error *err)
{
    form_apply_errors(ui_cs.form, err);
    if (journal_result_of(rc, err) == JOURNAL_UNKNOWN) {
        /* Never resend by itself: the POST may have created it already. */
        char *m = xasprintf("%s %s", _("The invitation may have been created anyway: refresh "
                                       "(Ctrl-R) and check before sending again."),
                            ui_cs.form->message ? ui_cs.form->message : "");
        free(ui_cs.form->message);
        ui_cs.form->message = m;
    }
    ui_cs.mode = UI_CREATE_EDIT;
    long item = ui_create_items_first_error(&ui_cs.items, ui_cs.form);
    set_focus(item >= 0 ? item : ui_create_items_find(&ui_cs.items, UI_CREATE_ITEM_REVIEW, 0));
    /* TRANSLATORS: what failed, before the server's reason on the status line. */
    ui_data_show_error(app, err, _("Not created"));
}

static void on_created(int rc, const struct api_error *err, struct invitation *created,
                       const struct api_error *journal_err, void *ctx)
{
    struct ui_app *app = ctx;

    ui_cs.create_job = 0;
    if (ui_cs.mode != UI_CREATE_SENDING || !ui_cs.form)
        return;
    if (rc == 0 && created)
        created_ok(app, created, journal_err);
    else
        created_failed(app, rc, err);
    ui_create_sync(app);
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

static void send_form(struct ui_app *app)
{
    struct create_request req;
    char *journal = journal_default_path();

    form_to_create_request(ui_cs.form, &req);
    ui_cs.mode = UI_CREATE_SENDING;
    ui_cs.create_job = bulk_submit_create(app->worker, app->session.ops, app->session.profile,
                                       ui_cs.account_id, &req, journal, on_created, app);
    create_request_free(&req);
    free(journal);
    ui_app_set_message(app, false, NULL, NULL);
    ui_create_sync(app);
}

/* ---- keys ---- */

static void move_focus(struct ui_app *app, long delta)
{
    end_prompt(true);
    set_focus(ui_cs.focus + delta);
    ui_create_sync(app);
}

static void next_field(struct ui_app *app)
{
    end_prompt(true);
    set_focus(ui_create_items_next_field(&ui_cs.items, ui_cs.focus));
    ui_create_sync(app);
}

static void add_row(struct ui_app *app)
{
    end_prompt(true);
    size_t row = form_add_row(ui_cs.form);
    ui_create_items_build(ui_cs.form, &ui_cs.items);
    for (size_t i = 0; i < ui_cs.form->nfields; i++)
        if (ui_cs.form->fields[i].row == (int)row) {
            set_focus(ui_create_items_find(&ui_cs.items, UI_CREATE_ITEM_FIELD, i));
            break;
        }
    ui_create_sync(app);
}

static void remove_row(struct ui_app *app, size_t row)
{
    end_prompt(true);
    if (form_remove_row(ui_cs.form, row) < 0)
        return;
    ui_create_items_build(ui_cs.form, &ui_cs.items);
    size_t keep = row < ui_cs.form->nrows ? row : ui_cs.form->nrows - 1;
    for (size_t i = 0; i < ui_cs.form->nfields; i++)
        if (ui_cs.form->fields[i].row == (int)keep) {
            set_focus(ui_create_items_find(&ui_cs.items, UI_CREATE_ITEM_FIELD, i));
            break;
        }
    ui_create_sync(app);
}

static void activate(struct ui_app *app)
{
    const struct ui_create_item *it = ui_create_focused();

    if (!it)
        return;
    switch (it->kind) {
    case UI_CREATE_ITEM_FIELD:
        next_field(app);
        break;
    case UI_CREATE_ITEM_REMOVE_ROW:
        remove_row(app, it->index);
        break;
    case UI_CREATE_ITEM_ADD_ROW:
        add_row(app);
        break;
    case UI_CREATE_ITEM_REVIEW:
        start_review(app);
        break;
    case UI_CREATE_ITEM_DISCARD:
        end_prompt(true);
        ui_cs.mode = UI_CREATE_DISCARD;
        ui_create_sync(app);
        break;
    }
}

/* Tab: complete from the field's source, or go on when there is nothing
 * (more) to complete. The whole value is the word: group names may have spaces. */
static void tab(struct ui_app *app)
{
    struct form_field *fd = ui_create_focused_field();
    struct strvec cands = {0};
    char *value;

    if (!fd || fd->completion == FORM_COMPLETE_NONE || !ui_cs.prompt) {
        next_field(app);
        return;
    }
    char *typed = xstrdup(prompt_line(ui_cs.prompt));
    util_trim(typed);
    ui_create_candidates(fd, typed, &ui_cs.capabilities, &ui_cs.groups, &cands);
    enum ui_create_tab what = ui_create_tab(typed, &cands, &value);
    free(typed);
    if (what == UI_CREATE_TAB_NEXT && fd->completion == FORM_COMPLETE_GROUPS && !cands.n &&
        ui_cs.groups_job) {
        /* Not "nothing matches" yet: stay, the hint says the groups are loading. */
        strvec_free(&cands);
        ui_create_sync(app);
        return;
    }
    if (what == UI_CREATE_TAB_NEXT) {
        strvec_free(&cands);
        next_field(app);
        return;
    }
    if (value) {
        /* A fresh editor on the completed value, cursor at its end. */
        end_prompt(false);
        form_field_set(fd, value);
        free(value);
    }
    strvec_free(&ui_cs.matches);
    if (what == UI_CREATE_TAB_LIST)
        ui_cs.matches = cands;
    else
        strvec_free(&cands);
    ui_create_sync(app);
}

static void feed_prompt(struct ui_app *app, int key, bool is_code)
{
    char *before = xstrdup(prompt_line(ui_cs.prompt));
    enum prompt_result r = prompt_feed_key(ui_cs.prompt, (wint_t)key, is_code);

    if (r == PROMPT_DONE) {
        end_prompt(true);
        set_focus(ui_create_items_next_field(&ui_cs.items, ui_cs.focus));
    } else if (r == PROMPT_CANCELLED) {
        /* A lone Esc leaves the form; Ctrl-D and the like only end the
         * editor, which comes back with the text it had. */
        struct form_field *fd = ui_create_focused_field();
        end_prompt(false);
        if (fd && strcmp(fd->value, before) != 0)
            form_field_set(fd, before);
        if (key == UI_KEY_ESC && !is_code) {
            free(before);
            close_keep(app);
            return;
        }
    }
    free(before);
    ui_create_sync(app);
}

static bool edit_key(struct ui_app *app, int key, bool is_code)
{
    /* Esc first closes a list of completions, then the form. */
    if (key == UI_KEY_ESC && !is_code && ui_cs.matches.n) {
        strvec_free(&ui_cs.matches);
        ui_app_mark(app, 0);
        return true;
    }
    if (key != '\t')
        strvec_free(&ui_cs.matches);
    if (is_code) {
        switch (key) {
        case KEY_UP:
        case KEY_BTAB:
            move_focus(app, -1);
            return true;
        case KEY_DOWN:
            move_focus(app, 1);
            return true;
        case KEY_ENTER:
            activate(app);
            return true;
        case KEY_NPAGE:
            end_prompt(true);
            set_focus(ui_create_items_find(&ui_cs.items, UI_CREATE_ITEM_REVIEW, 0));
            ui_create_sync(app);
            return true;
        case KEY_PPAGE:
            end_prompt(true);
            set_focus(0);
            ui_create_sync(app);
            return true;
        default:
            break;
        }
    } else if (key == '\t') {
        tab(app);
        return true;
    } else if (key == '\r' || key == '\n') {
        activate(app);
        return true;
    }
    if (ui_cs.prompt)
        feed_prompt(app, key, is_code);
    else if (key == UI_KEY_ESC && !is_code)
        close_keep(app);
    return true;
}

static bool review_key(struct ui_app *app, int key, bool is_code)
{
    if (!is_code && (key == 'y' || key == 'Y')) {
        send_form(app);
    } else if (is_code && (key == KEY_DOWN || key == KEY_NPAGE)) {
        ui_cs.review_scroll += key == KEY_DOWN ? 1 : 10;
    } else if (is_code && (key == KEY_UP || key == KEY_PPAGE)) {
        ui_cs.review_scroll -= key == KEY_UP ? 1 : 10;
        ui_cs.review_scroll = ui_cs.review_scroll < 0 ? 0 : ui_cs.review_scroll;
    } else if (!is_code && (key == 'n' || key == 'N' || key == 'q' || key == UI_KEY_ESC)) {
        ui_cs.mode = UI_CREATE_EDIT;
        ui_create_sync(app);
    }
    ui_app_mark(app, 0);
    return true;
}

bool ui_create_key(struct ui_app *app, int key, bool is_code)
{
    if (ui_cs.mode == UI_CREATE_CLOSED || (is_code && key == KEY_RESIZE))
        return false;
    switch (ui_cs.mode) {
    case UI_CREATE_EDIT:
        return edit_key(app, key, is_code);
    case UI_CREATE_REVIEW:
        return review_key(app, key, is_code);
    case UI_CREATE_SENDING:
        if (!is_code && key == UI_KEY_ESC && ui_cs.create_job && app->worker)
            worker_cancel(app->worker, ui_cs.create_job);
        return true;
    case UI_CREATE_DISCARD:
        if (!is_code && (key == 'y' || key == 'Y')) {
            drop_draft();
            ui_app_set_message(app, false, _("The form was discarded."), NULL);
            ui_app_mark(app, UI_DIRTY_LAYOUT);
        } else {
            ui_cs.mode = UI_CREATE_EDIT;
            ui_create_sync(app);
        }
        return true;
    case UI_CREATE_CLOSED:
    default:
        return false;
    }
}

WINDOW *ui_create_window(struct ui_app *app)
{
    (void)app;
    return ui_cs.mode != UI_CREATE_CLOSED ? (ui_cs.win ? ui_cs.win : stdscr) : NULL;
}

void ui_create_free(struct ui_app *app)
{
    (void)app;
    drop_draft_on(false);
    ui_create_items_free(&ui_cs.items);
    strvec_free(&ui_cs.capabilities);
    group_list_free(&ui_cs.groups);
    free(ui_cs.groups_key);
    free(ui_cs.groups_want);
    free(ui_cs.groups_error);
    free(ui_cs.account_id);
    memset(&ui_cs, 0, sizeof(ui_cs));
}

