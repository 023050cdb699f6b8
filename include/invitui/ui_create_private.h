/* ui_create_private: what create.c (state, keys, jobs) and create_draw.c
 * (drawing) share about the one create form of the TUI. Not for other
 * files: the rest of the UI uses the ui_create_* hooks in ui_app.h.
 * UI thread only. */
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
#include "invitui/util.h"

enum ui_create_mode {
    UI_CREATE_CLOSED,  /* no form on screen (a draft may be kept) */
    UI_CREATE_EDIT,
    UI_CREATE_REVIEW,  /* the request and the confirmation: y sends */
    UI_CREATE_SENDING, /* the POST is in flight */
    UI_CREATE_DISCARD, /* "discard the form?" */
};

struct ui_create_state {
    struct form *form; /* the draft; NULL when none */
    enum ui_create_mode mode;
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
    int review_scroll;
    uint64_t create_job;
};

extern struct ui_create_state ui_cs;

/* Where the form goes: the rows between the header and the key line. */
struct ui_create_geom {
    bool ok;
    int top, h, cols; /* title at top, content below */
    int vx, vw;       /* the value column */
};


/* The form's rectangle and value column for the current screen. */
void ui_create_geometry(const struct ui_app *app, struct ui_create_geom *g);
int ui_create_field_indent(const struct form_field *fd, const struct form *f);
const struct ui_create_item *ui_create_focused(void);
struct form_field *ui_create_focused_field(void); /* NULL unless a field has the focus */
const char *ui_create_account_name(struct ui_app *app); /* NULL when unknown */
/* Recalc: lines, scrolling, and the line editor on the focused field. */
void ui_create_sync(struct ui_app *app);

#endif
