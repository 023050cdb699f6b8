/* ui_create_model: the create form as the TUI shows it -- which lines it
 * has, which of them take the focus, what Tab does in a field, and the
 * preview and confirmation texts. No curses: src/ui/create.c draws these
 * lines and runs the readline fields; this module is plain data so that it
 * can be unit-tested.
 *
 * Contract: everything here reads a struct form (include/invitui/form.h)
 * and never changes it. Texts put into lines are translated and
 * display-safe (server errors and typed values go through
 * sanitize_display). Items and lines are rebuilt whenever the form's rows
 * change; an item index stays valid until then. UI thread only (gettext). */
#ifndef INVITUI_UI_CREATE_MODEL_H
#define INVITUI_UI_CREATE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/error.h"
#include "invitui/form.h"
#include "invitui/profile.h"
#include "invitui/provider.h"
#include "invitui/util.h"

/* What can take the focus, in display order. */
enum ui_create_item_kind {
    UI_CREATE_ITEM_FIELD,      /* index: the field */
    UI_CREATE_ITEM_REMOVE_ROW, /* index: the row; only when the form has more than one row */
    UI_CREATE_ITEM_ADD_ROW,
    UI_CREATE_ITEM_REVIEW,     /* validate, then preview and confirm */
    UI_CREATE_ITEM_DISCARD,
};

struct ui_create_item {
    enum ui_create_item_kind kind;
    size_t index;
};

struct ui_create_items {
    struct ui_create_item *v;
    size_t n, cap;
};

/* Fills out (emptied first): every field, a remove item after each row's
 * fields when there are several rows, then add-row, review, discard. */
void ui_create_items_build(const struct form *f, struct ui_create_items *out);
void ui_create_items_free(struct ui_create_items *items);
/* The item of that kind and index, or -1. */
long ui_create_items_find(const struct ui_create_items *items, enum ui_create_item_kind kind,
                          size_t index);
/* Where Enter goes from item `from`: the next field, skipping the action
 * items between rows (Enter must never remove or add a row), and after the
 * last field the review item. */
long ui_create_items_next_field(const struct ui_create_items *items, long from);
/* The first field item whose field has an error, or -1. */
long ui_create_items_first_error(const struct ui_create_items *items, const struct form *f);

enum ui_create_line_kind {
    UI_CREATE_LINE_FIELD,   /* index: the field */
    UI_CREATE_LINE_ERROR,   /* index: the field; text: a wrapped piece of its error */
    UI_CREATE_LINE_HEADING, /* index: the row; text: "Assignment 2" (Hybridbox only) */
    UI_CREATE_LINE_ITEM,    /* text: an action item's label */
    UI_CREATE_LINE_MESSAGE, /* text: a wrapped piece of the form's message */
    UI_CREATE_LINE_BLANK,
};

struct ui_create_line {
    enum ui_create_line_kind kind;
    size_t index;
    long item; /* the item this line shows (fields and action items), else -1 */
    char *text;
};

struct ui_create_lines {
    struct ui_create_line *v;
    size_t n, cap;
};

/* The form's lines: errors wrapped to error_width columns under their
 * field, the message (if any) wrapped to message_width at the end. */
void ui_create_lines_build(const struct form *f, const struct ui_create_items *items,
                           int error_width, int message_width, struct ui_create_lines *out);
void ui_create_lines_free(struct ui_create_lines *lines);
/* The first line showing item, or -1. */
long ui_create_lines_find_item(const struct ui_create_lines *lines, long item);

/* Completion candidates for a field from its source: locales, role keys,
 * the capabilities seen in the account (may be NULL), the account's groups
 * (may be NULL while they load). prefix matches ASCII case-insensitively
 * (group names as well as ids). Appends to out. */
void ui_create_candidates(const struct form_field *fd, const char *prefix,
                          const struct strvec *capabilities, const struct group_list *groups,
                          struct strvec *out);

enum ui_create_tab {
    UI_CREATE_TAB_NEXT, /* nothing to complete (or the value is complete): next field */
    UI_CREATE_TAB_SET,  /* one candidate: *value_out replaces the value */
    UI_CREATE_TAB_LIST, /* several: show them; *value_out, if set, is their common prefix */
};

/* What Tab does in a field holding value, given its candidates.
 * *value_out is malloc'd or NULL. */
enum ui_create_tab ui_create_tab(const char *value, const struct strvec *cands, char **value_out);

/* The name of the group with this id, or NULL. */
const char *ui_create_group_name(const struct group_list *groups, const char *id);

/* The request as it will be sent: "POST <url>", a blank line, the JSON body
 * indented, each line display-safe. 0, or -1 with err (no account, a body
 * the provider refuses to build). */
int ui_create_preview(const struct form *f, const struct profile *p, const char *account_id,
                      struct strvec *out, struct api_error *err);

/* The confirmation: one line each for e-mail, account, profile and locale
 * (Marketplace has none; an empty one is the server's default), indented
 * and display-safe. account_name may be NULL. */
void ui_create_confirm_lines(const struct form *f, const struct profile *p,
                             const char *account_id, const char *account_name,
                             struct strvec *out);

#endif
