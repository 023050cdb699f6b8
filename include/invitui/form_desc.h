/* form_desc: what one provider's create form is, as data and callbacks
 * (struct provider_ops.form). form.c and the TUI's create form read a
 * descriptor and never ask which provider it is; each provider owns its
 * descriptor (src/form_hybridbox.c, src/form_marketplace.c).
 *
 * Contract: a descriptor is static, read-only and shared by every form
 * built from it. Ids are the request's field paths as the server names them
 * in errors; a row field's id is "<row_prefix>.<row>.<id>". Exactly one
 * field (fixed or in a row) is of kind FORM_EMAIL: form.c checks it with
 * form_email_problem and puts it in create_request.email. Callbacks run on
 * the UI thread (they may call gettext) and never touch a field's value:
 * validate only sets errors (form_field_error), to_request only reads. */
#ifndef INVITUI_FORM_DESC_H
#define INVITUI_FORM_DESC_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/error.h"
#include "invitui/form.h"
#include "invitui/profile.h"
#include "invitui/provider.h"

/* One field: a fixed field's whole id, or a row field's last part. */
struct form_desc_field {
    const char *id;
    const char *label; /* N_() */
    enum form_kind kind;
    enum form_completion completion;
    bool required;
};

struct form_desc {
    const struct form_desc_field *fixed; /* shown first, in order */
    size_t nfixed;
    const char *row_prefix;              /* "assignments": the rows' list in the request */
    const struct form_desc_field *row;   /* the fields of one repeatable row */
    size_t nrow;
    const char *add_row_label;           /* N_(): the item that appends a row */
    const char *remove_row_label;        /* N_(): the item that removes the row above it */
    /* The heading above row `row` (0-based), translated and malloc'd, or
     * NULL: a row of one field needs none (it would repeat the label).
     * The TUI indents the fields of rows that have a heading. */
    char *(*row_heading)(size_t row);
    /* Tried in front of a server error's bare field name ("email" ->
     * "user.email") when the name alone matches no field; NULL for none. */
    const char *bare_prefix;
    /* The provider's local checks after the e-mail's: sets field errors and
     * returns how many problems it found (0: nothing to add). */
    int (*validate)(struct form *f);
    /* Fills out's provider-specific members from the form (values trimmed,
     * empty means absent); out->email is already set. */
    void (*to_request)(const struct form *f, struct create_request *out);
    /* The exact JSON body create sends (the provider's own builder), or
     * NULL with err set; malloc'd. */
    char *(*body)(const struct create_request *req, const char *account_id,
                  struct api_error *err);
    /* The URL create POSTs to, or NULL with err set (invalid account id);
     * malloc'd. */
    char *(*url)(const struct profile *p, const char *account_id, struct api_error *err);
};

/* The providers' descriptors; callers reach them through provider_ops.form. */
extern const struct form_desc form_desc_hybridbox; /* src/form_hybridbox.c */
extern const struct form_desc form_desc_marketplace; /* src/form_marketplace.c */

/* Helpers for descriptors' callbacks. */

/* Adds msg to the field's error ("first; second" when it has one). */
void form_field_error(struct form_field *fd, const char *msg);
/* Trimmed copy (malloc'd) of s, or NULL when s is NULL or only white space. */
char *form_trimmed(const char *s);
/* The field's value trimmed (malloc'd), or NULL when blank or no such field. */
char *form_value(const struct form *f, const char *id);
/* Whether s is NULL or only white space. */
bool form_blank(const char *s);
/* "Required." beside a blank field; 1 when it was blank, else 0 (also for NULL). */
int form_check_required(struct form_field *fd);

#endif
