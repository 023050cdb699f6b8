/* ui_create_private: what create.c (state, jobs), create_keys.c (the view's
 * ops and keys) and create_draw.c (drawing) share about the create form, a
 * view on the stack whose state is v->priv. Not for other files: the rest
 * of the UI uses ui_create_open and the view. UI thread only. */
#ifndef INVITUI_UI_CREATE_PRIVATE_H
#define INVITUI_UI_CREATE_PRIVATE_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "invitui/form.h"
#include "invitui/prompt.h"
#include "invitui/provider.h"
#include "invitui/ui_app.h"
#include "invitui/ui_create_model.h"
#include "invitui/ui_view.h"
#include "invitui/util.h"

struct ui_create_state {
    struct form *form; /* the draft; NULL when none */
    char *account_id;  /* the account the form targets */
    struct ui_create_items items;
    struct ui_create_lines lines;
    long focus;        /* item index */
    int scroll;        /* first content line shown */

    /* The readline field: one at a time, on the focused field's value. */
    struct prompt *prompt;
    WINDOW *win;
    long prompt_item;

    struct strvec matches;      /* the last ambiguous Tab, shown under the field */
    struct strvec capabilities; /* seen in the account's invitations */
    struct group_list groups;
    char *groups_key;           /* "profile\naccount" of `groups`; NULL: none */
    char *groups_want;          /* the same for the request in flight */
    uint64_t groups_job;
    char *groups_error;

    struct strvec review;
    size_t review_fixed; /* review's lines before the ticket's (t redraws those) */
    char *pending_id;    /* the e-mail's pending invitation in the account (r), or NULL */
    int review_scroll;
    uint64_t create_job;
};

/* The form is one view whose ops say what it is doing (editing, the
 * review, sending, "discard?"): each has its own scope of the key table,
 * so its keys, key line and `?` come from there. */
extern const struct ui_view_ops ui_create_edit_ops, ui_create_review_ops, ui_create_sending_ops,
    ui_create_discard_ops;

/* Where the form goes: the rows between the header and the key line. */
struct ui_create_geom {
    bool ok;
    int top, h, cols; /* title at top, content below */
    int vx, vw;       /* the value column */
};

static inline struct ui_create_state *ui_create_of(const struct ui_view *v)
{
    return v->priv;
}

/* create.c */
/* The form's view on the stack, or NULL when it is closed. */
struct ui_view *ui_create_view(struct ui_app *app);
/* The form's rectangle and value column for the current screen. */
void ui_create_geometry(const struct ui_app *app, const struct ui_create_state *s,
                        struct ui_create_geom *g);
int ui_create_field_indent(const struct form_field *fd, const struct form *f);
const struct ui_create_item *ui_create_focused(const struct ui_create_state *s);
/* NULL unless a field has the focus */
struct form_field *ui_create_focused_field(const struct ui_create_state *s);
/* The form's account: its name (display copy) or NULL; its name or id for
 * the title (display copies). */
const char *ui_create_account_name(struct ui_app *app, const struct ui_create_state *s);
const char *ui_create_account_label(struct ui_app *app, const struct ui_create_state *s);
/* Sets a field's value as typed or completed: display-safe from here on
 * (the form draws and sends it as it is; a control is no real value). */
void ui_create_set_value(struct form_field *fd, const char *text);
/* Recalc: lines, scrolling, and the line editor on the focused field. */
void ui_create_sync(struct ui_app *app, struct ui_view *v);
/* Ends the field's editor; with commit, what was typed becomes the value. */
void ui_create_end_prompt(struct ui_create_state *s, bool commit);
void ui_create_set_focus(struct ui_create_state *s, long item);
/* Another step of the form (v->ops), its keys and key line with it. */
void ui_create_set_ops(struct ui_app *app, struct ui_view *v, const struct ui_view_ops *ops);
/* Esc: the form closes and its draft waits for c. */
void ui_create_close_keep(struct ui_app *app, struct ui_view *v);
/* y on "discard?": the draft goes, and the form closes. */
void ui_create_discard(struct ui_app *app, struct ui_view *v);
void ui_create_start_review(struct ui_app *app, struct ui_view *v);
/* The review's last lines again: the session's ticket (t changed it). */
void ui_create_review_ticket(struct ui_app *app, struct ui_view *v);
void ui_create_send(struct ui_app *app, struct ui_view *v);
void ui_create_close(struct ui_app *app, struct ui_view *v); /* the ops' close */

/* create_draw.c: the ops' draw and cursor. */
void ui_create_draw_edit(struct ui_app *app, const struct ui_view *v);
void ui_create_draw_review(struct ui_app *app, const struct ui_view *v);
void ui_create_draw_sending(struct ui_app *app, const struct ui_view *v);
void ui_create_draw_discard(struct ui_app *app, const struct ui_view *v);
void ui_create_draw_cursor(struct ui_app *app, const struct ui_view *v);

#endif
