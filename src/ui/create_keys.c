#include "config.h"

#include "invitui/ui_create_private.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/form.h"
#include "invitui/i18n.h"
#include "invitui/prompt.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_commands.h"
#include "invitui/ui_create_model.h"
#include "invitui/worker.h"

/* The create form as a view: one ops table per step (editing, the review,
 * sending, "discard?"), each with its scope of the key table. While a
 * field is edited, the keys of the form's scope are commands and every
 * other key is typed into the field. */

/* ---- editing ---- */

static void move_focus(struct ui_app *app, struct ui_view *v, long delta)
{
    struct ui_create_state *s = ui_create_of(v);

    ui_create_end_prompt(s, true);
    ui_create_set_focus(s, s->focus + delta);
    ui_create_sync(app, v);
}

static void focus_item(struct ui_app *app, struct ui_view *v, long item)
{
    struct ui_create_state *s = ui_create_of(v);

    ui_create_end_prompt(s, true);
    ui_create_set_focus(s, item);
    ui_create_sync(app, v);
}

static void next_field(struct ui_app *app, struct ui_view *v)
{
    struct ui_create_state *s = ui_create_of(v);

    focus_item(app, v, ui_create_items_next_field(&s->items, s->focus));
}

/* The focus goes to the first field of row (of the rebuilt items). */
static void focus_row(struct ui_create_state *s, size_t row)
{
    for (size_t i = 0; i < s->form->nfields; i++)
        if (s->form->fields[i].row == (int)row) {
            ui_create_set_focus(s, ui_create_items_find(&s->items, UI_CREATE_ITEM_FIELD, i));
            return;
        }
}

static void add_row(struct ui_app *app, struct ui_view *v, const struct ui_create_item *it)
{
    struct ui_create_state *s = ui_create_of(v);

    (void)it;
    ui_create_end_prompt(s, true);
    size_t row = form_add_row(s->form);
    ui_create_items_build(s->form, &s->items);
    focus_row(s, row);
    ui_create_sync(app, v);
}

static void remove_row(struct ui_app *app, struct ui_view *v, const struct ui_create_item *it)
{
    struct ui_create_state *s = ui_create_of(v);
    size_t row = it->index;

    ui_create_end_prompt(s, true);
    if (form_remove_row(s->form, row) < 0)
        return;
    ui_create_items_build(s->form, &s->items);
    focus_row(s, row < s->form->nrows ? row : s->form->nrows - 1);
    ui_create_sync(app, v);
}

static void field_next(struct ui_app *app, struct ui_view *v, const struct ui_create_item *it)
{
    (void)it;
    next_field(app, v);
}

static void review(struct ui_app *app, struct ui_view *v, const struct ui_create_item *it)
{
    (void)it;
    ui_create_start_review(app, v);
}

static void ask_discard(struct ui_app *app, struct ui_view *v, const struct ui_create_item *it)
{
    (void)it;
    ui_create_end_prompt(ui_create_of(v), true);
    ui_create_set_ops(app, v, &ui_create_discard_ops);
}

/* Enter on an item, by its kind (enum ui_create_item_kind). */
static void (*const activate_item[])(struct ui_app *, struct ui_view *,
                                     const struct ui_create_item *) = {
    [UI_CREATE_ITEM_FIELD] = field_next,       [UI_CREATE_ITEM_REMOVE_ROW] = remove_row,
    [UI_CREATE_ITEM_ADD_ROW] = add_row,        [UI_CREATE_ITEM_REVIEW] = review,
    [UI_CREATE_ITEM_DISCARD] = ask_discard,
};

static void activate(struct ui_app *app, struct ui_view *v)
{
    const struct ui_create_item *it = ui_create_focused(ui_create_of(v));

    if (it && (size_t)it->kind < ARRAY_SIZE(activate_item) && activate_item[it->kind])
        activate_item[it->kind](app, v, it);
}

/* Tab: complete from the field's source, or go on when there is nothing
 * (more) to complete. The whole value is the word: group names may have spaces. */
static void tab(struct ui_app *app, struct ui_view *v)
{
    struct ui_create_state *s = ui_create_of(v);
    struct form_field *fd = ui_create_focused_field(s);
    struct strvec cands = {0};
    char *value;

    if (!fd || fd->completion == FORM_COMPLETE_NONE || !s->prompt) {
        next_field(app, v);
        return;
    }
    char *typed = xstrdup(prompt_line(s->prompt));
    util_trim(typed);
    ui_create_candidates(fd, typed, &s->capabilities, &s->groups, &cands);
    enum ui_create_tab what = ui_create_tab(typed, &cands, &value);
    free(typed);
    if (what == UI_CREATE_TAB_NEXT && fd->completion == FORM_COMPLETE_GROUPS && !cands.n &&
        s->groups_job) {
        /* Not "nothing matches" yet: stay, the hint says the groups are loading. */
        strvec_free(&cands);
        ui_create_sync(app, v);
        return;
    }
    if (what == UI_CREATE_TAB_NEXT) {
        strvec_free(&cands);
        next_field(app, v);
        return;
    }
    if (value) {
        /* A fresh editor on the completed value, cursor at its end. */
        ui_create_end_prompt(s, false);
        ui_create_set_value(fd, value);
        free(value);
    }
    strvec_free(&s->matches);
    if (what == UI_CREATE_TAB_LIST)
        s->matches = cands;
    else
        strvec_free(&cands);
    ui_create_sync(app, v);
}

static enum prompt_result feed_prompt(struct ui_app *app, struct ui_view *v, int key,
                                      bool is_code)
{
    struct ui_create_state *s = ui_create_of(v);
    char *before = xstrdup(prompt_line(s->prompt));
    enum prompt_result r = prompt_feed_key(s->prompt, (wint_t)key, is_code);

    if (r == PROMPT_DONE) {
        ui_create_end_prompt(s, true);
        ui_create_set_focus(s, ui_create_items_next_field(&s->items, s->focus));
    } else if (r == PROMPT_CANCELLED) {
        /* Ctrl-D and the like only end the editor, which comes back with
         * the text it had. */
        struct form_field *fd = ui_create_focused_field(s);
        ui_create_end_prompt(s, false);
        if (fd && strcmp(fd->value, before) != 0)
            form_field_set(fd, before);
    }
    free(before);
    ui_create_sync(app, v);
    return r;
}

/* A key of the form's scope is a command (edit_handle); any other goes
 * into the focused field. */
static bool edit_key(struct ui_app *app, struct ui_view *v, int key, bool is_code)
{
    struct ui_create_state *s = ui_create_of(v);
    const struct ui_key_binding *b = ui_key_lookup(UI_SCOPE_CREATE, key);

    if (b && is_code != (key >= KEY_MIN))
        b = NULL; /* a character whose code point is a curses key code's */
    /* Esc with a key waiting behind it is Meta for the field's editor; a
     * lone Esc (which ends the editor) is the table's. */
    if (b && key == UI_KEY_ESC && s->prompt && !s->matches.n)
        return feed_prompt(app, v, key, is_code) != PROMPT_CANCELLED;
    if (b)
        return false;
    strvec_free(&s->matches);
    if (s->prompt)
        feed_prompt(app, v, key, is_code);
    return true;
}

static bool edit_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    struct ui_create_state *s = ui_create_of(v);

    (void)arg;
    if (cmd == UI_CMD_HELP)
        return false;
    /* Esc first closes a list of completions, then the form. */
    if (cmd == UI_CMD_CLOSE && s->matches.n) {
        strvec_free(&s->matches);
        ui_app_mark(app, 0);
        return true;
    }
    if (cmd != UI_CMD_COMPLETE)
        strvec_free(&s->matches);
    switch (cmd) {
    case UI_CMD_COMPLETE:
        tab(app, v);
        break;
    case UI_CMD_NEXT_FIELD:
        activate(app, v);
        break;
    case UI_CMD_UP:
        move_focus(app, v, -1);
        break;
    case UI_CMD_DOWN:
        move_focus(app, v, 1);
        break;
    case UI_CMD_TO_REVIEW:
        focus_item(app, v, ui_create_items_find(&s->items, UI_CREATE_ITEM_REVIEW, 0));
        break;
    case UI_CMD_FIRST:
        focus_item(app, v, 0);
        break;
    case UI_CMD_CLOSE:
        ui_create_close_keep(app, v);
        break;
    default:
        break;
    }
    return true;
}

static bool edit_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                         const char **label)
{
    const struct ui_create_state *s = ui_create_of(v);
    const struct ui_create_item *it = ui_create_focused(s);
    const struct form_field *fd = ui_create_focused_field(s);

    (void)app;
    if (cmd == UI_CMD_COMPLETE)
        return fd && fd->completion != FORM_COMPLETE_NONE;
    if (cmd == UI_CMD_NEXT_FIELD && it && it->kind != UI_CREATE_ITEM_FIELD) {
        *label = _("choose");
    } else if (cmd == UI_CMD_CLOSE) {
        /* TRANSLATORS: Esc closes the create form; "kept": c brings it back as typed. */
        *label = _("close (kept)");
    }
    return true;
}

/* ---- the review, sending, "discard?" ---- */

/* r: the form is kept (as Esc keeps it) and the e-mail's pending
 * invitation gets the usual resend: its row selected, its locale choice,
 * its guards and confirmation. */
static void resend_pending(struct ui_app *app, struct ui_view *v)
{
    char *id = xstrdup(ui_create_of(v)->pending_id);

    ui_create_close_keep(app, v); /* v and its state are gone after this */
    ui_app_show_invitation(app, id);
    if (ui_selected_invitation(app) && util_streq(ui_selected_invitation(app)->id, id))
        ui_actions_resend_selected(app); /* that row, not the marked ones */
    free(id);
}

/* t: the session's ticket, as in every confirmation; the review shows it
 * as it is typed. */
static void ticket_typed(struct ui_app *app, struct ui_view *v, const char *text)
{
    ui_actions_set_ticket(app, text);
    ui_create_review_ticket(app, v);
}

static bool review_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    struct ui_create_state *s = ui_create_of(v);
    static const struct {
        enum ui_cmd cmd;
        int lines;
    } scroll[] = {
        {UI_CMD_DOWN, 1}, {UI_CMD_PAGE_DOWN, 10}, {UI_CMD_UP, -1}, {UI_CMD_PAGE_UP, -10},
        {UI_CMD_HALF_DOWN, 5}, {UI_CMD_HALF_UP, -5}, {UI_CMD_FIRST, -(1 << 20)},
        {UI_CMD_LAST, 1 << 20},
    };

    (void)arg;
    if (cmd == UI_CMD_CONFIRM && action_ticket_missing(app->session.profile,
                                                       app->actions->ticket)) {
        ui_app_set_message(app, true,
                           _("This profile requires a ticket reference (ticket_required): t "
                             "enters it."),
                           NULL);
    } else if (cmd == UI_CMD_CONFIRM) {
        ui_create_send(app, v);
    } else if (cmd == UI_CMD_TICKET) {
        app->hooks->input_begin_view(app, v, app->actions->ticket, ticket_typed);
    } else if (cmd == UI_CMD_RESEND_PENDING && s->pending_id) {
        resend_pending(app, v);
        return true;
    } else if (cmd == UI_CMD_DECLINE) {
        ui_create_set_ops(app, v, &ui_create_edit_ops);
    } else {
        for (size_t i = 0; i < ARRAY_SIZE(scroll); i++)
            if (scroll[i].cmd == cmd)
                s->review_scroll += scroll[i].lines; /* the drawing keeps it in range */
        if (s->review_scroll < 0)
            s->review_scroll = 0;
    }
    ui_app_mark(app, 0);
    return cmd != UI_CMD_HELP;
}

static bool sending_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    struct ui_create_state *s = ui_create_of(v);

    (void)arg;
    if (cmd == UI_CMD_CANCEL && s->create_job)
        ui_app_cancel_job(app, s->create_job);
    return cmd != UI_CMD_HELP;
}

static bool discard_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)arg;
    if (cmd == UI_CMD_CONFIRM)
        ui_create_discard(app, v);
    else if (cmd == UI_CMD_DECLINE)
        ui_create_set_ops(app, v, &ui_create_edit_ops);
    return cmd != UI_CMD_HELP;
}

/* The review, sending and discard steps only relabel the table's commands. */
static const struct {
    enum ui_scope scope;
    enum ui_cmd cmd;
    const char *label;
} step_labels[] = {
    {UI_SCOPE_CREATE_REVIEW, UI_CMD_CONFIRM, N_("send")},
    {UI_SCOPE_CREATE_REVIEW, UI_CMD_DECLINE, N_("back to the form")},
    {UI_SCOPE_CREATE_SENDING, UI_CMD_CANCEL, N_("stop waiting (it may still be created)")},
    {UI_SCOPE_CREATE_DISCARD, UI_CMD_CONFIRM, N_("discard the form")},
    {UI_SCOPE_CREATE_DISCARD, UI_CMD_DECLINE, N_("keep it")},
};

static bool step_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                         const char **label)
{
    (void)app;
    if (cmd == UI_CMD_RESEND_PENDING)
        return ui_create_of(v)->pending_id != NULL;
    for (size_t i = 0; i < ARRAY_SIZE(step_labels); i++)
        if (step_labels[i].scope == v->ops->scope && step_labels[i].cmd == cmd)
            *label = _(step_labels[i].label);
    return true;
}

/* ---- the ops ---- */

static size_t no_rows(struct ui_app *app, const struct ui_view *v)
{
    (void)app;
    (void)v;
    return 0;
}

/* The screen changed size: the lines and the field's editor follow. */
static void create_resize(struct ui_app *app, struct ui_view *v)
{
    ui_create_sync(app, v);
}

/* The field's editor, while there is one (editing only). */
static WINDOW *create_window(const struct ui_view *v)
{
    const struct ui_create_state *s = ui_create_of(v);

    return s->win ? s->win : stdscr;
}

#define CREATE_OPS(step, draw_fn)                                                                \
    .name = "create", .row_count = no_rows, .private_size = sizeof(struct ui_create_state),      \
    .resize = create_resize, .draw = draw_fn, .window = create_window, .close = ui_create_close, \
    .handle = step##_handle

const struct ui_view_ops ui_create_edit_ops = {
    CREATE_OPS(edit, ui_create_draw_edit),
    .keyline = edit_keyline,
    .scope = UI_SCOPE_CREATE,
    .key = edit_key,
    .cursor = ui_create_draw_cursor,
};

const struct ui_view_ops ui_create_review_ops = {
    CREATE_OPS(review, ui_create_draw_review),
    .keyline = step_keyline,
    .scope = UI_SCOPE_CREATE_REVIEW,
};

const struct ui_view_ops ui_create_sending_ops = {
    CREATE_OPS(sending, ui_create_draw_sending),
    .keyline = step_keyline,
    .scope = UI_SCOPE_CREATE_SENDING,
};

const struct ui_view_ops ui_create_discard_ops = {
    CREATE_OPS(discard, ui_create_draw_discard),
    .keyline = step_keyline,
    .scope = UI_SCOPE_CREATE_DISCARD,
};
