/* form: the create-invitation form as data -- fields, repeatable rows,
 * validation, server errors beside fields, the request and its preview,
 * completion candidates. No curses, no readline: the TUI draws a form and
 * edits values; the CLI could build one too. What the fields are, how rows
 * look and what a valid form is come from the provider's descriptor
 * (provider_ops.form, include/invitui/form_desc.h): nothing here knows
 * which provider it is.
 *
 * Contract: a form owns its strings. Field values are never cleared or
 * changed by validation, a failed request or form_apply_errors, so a failed
 * create brings the form back exactly as typed. Field ids are the request's
 * field paths as the servers name them in errors, e.g.
 *   Hybridbox:   email, locale, note, and per assignment row i
 *                assignments.i.role_key / .capability_key / .group_id / .resource_id
 *   Marketplace: user.email, user.firstName, user.lastName, and per group row i groups.i.id
 * Rows are always the last fields, in row order; removing a row renumbers
 * the later rows' ids. Labels are N_() strings: the UI translates them with
 * _(). Error texts are translated (local checks) or the server's sanitised
 * text. UI thread only (uses gettext); not shared between threads. */
#ifndef INVITUI_FORM_H
#define INVITUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/error.h"
#include "invitui/profile.h"
#include "invitui/provider.h"
#include "invitui/util.h"

struct form_desc;
struct store;

enum form_kind {
    FORM_EMAIL,
    FORM_LOCALE,
    FORM_TEXT, /* note */
    FORM_ROLE,
    FORM_CAPABILITY,
    FORM_GROUP,
    FORM_RESOURCE,
    FORM_FIRST_NAME,
    FORM_LAST_NAME,
};

/* Where a field's completions come from (the UI picks the list). */
enum form_completion {
    FORM_COMPLETE_NONE,
    FORM_COMPLETE_LOCALES,      /* form_complete_locales */
    FORM_COMPLETE_ROLES,        /* form_complete_roles */
    FORM_COMPLETE_CAPABILITIES, /* form_collect_capabilities + form_complete_prefix */
    FORM_COMPLETE_GROUPS,       /* list_groups of the account + form_complete_groups */
};

struct form_field {
    char *id;          /* see above */
    const char *label; /* N_() */
    char *value;       /* never NULL */
    bool required;
    enum form_kind kind;
    enum form_completion completion;
    int row;           /* assignment / group row, -1 for the fixed fields */
    char *error;       /* shown beside the field; NULL when none */
};

struct form {
    const struct form_desc *desc; /* the provider's; never NULL */
    struct form_field *fields;
    size_t nfields, cap;
    size_t nrows;   /* repeatable rows (assignments, groups), >= 1 */
    char *message;  /* form-level error (summary, errors of unknown fields); NULL when none */
};

/* A new empty create form with one row, as desc (provider_ops.form) has it. */
struct form *form_new_create(const struct form_desc *desc);
/* Puts locale (NULL: nothing) in every locale field the form has: the
 * profile's default invitation locale. */
void form_prefill_locale(struct form *f, const char *locale);
/* Puts what req asks for into the form (a reissue): every fixed field it
 * has a value for, and one row per assignment or group (rows are added as
 * needed). Fields req has nothing for keep their value. */
void form_fill_request(struct form *f, const struct create_request *req);
/* Whether some field completes from `source` (the UI loads only the
 * candidates a form uses). */
bool form_completes_from(const struct form *f, enum form_completion source);
void form_free(struct form *f);

/* Field by id, or NULL. */
struct form_field *form_field(struct form *f, const char *id);
/* Sets a value (NULL counts as "") and clears that field's error: editing a
 * field answers its complaint. -1 for an unknown id. */
int form_set(struct form *f, const char *id, const char *value);
void form_field_set(struct form_field *field, const char *value);

/* Appends a row (assignment or group); returns its index. */
size_t form_add_row(struct form *f);
/* Removes a row and renumbers later ones; -1 when it is the only row or out of range. */
int form_remove_row(struct form *f, size_t row);

/* Why email is not an e-mail address (translated), or NULL: the one check
 * both the create form and `invitui create --email` make. */
const char *form_email_problem(const char *email);

/* Clears every error, then checks the form locally and sets field errors
 * (and the message). Returns the number of problems, 0 when it may be sent.
 * E-mail: one '@', non-empty local part and a dotted domain, no white space
 * or controls; non-ASCII (internationalised) addresses are accepted. Then
 * every other required field must be non-blank, then the descriptor's own
 * checks run, e.g. Hybridbox: at least one row with a role, capability or
 * group; resource ids are UUIDs; locale empty or offered (locales_find).
 * Marketplace: at least one group, ids UGR-NNNN-NNNN. */
int form_validate(struct form *f);

/* The request the form describes (values trimmed, empty means absent,
 * empty rows left out, the locale in its offered spelling). out is
 * overwritten; free with create_request_free. */
void form_to_create_request(const struct form *f, struct create_request *out);

/* The exact JSON body the provider will send, from the same body builder
 * the provider uses; malloc'd, or NULL with err set (e.g. no e-mail).
 * account_id is needed for Marketplace (the body names the account). */
char *form_preview_json(const struct form *f, const char *account_id, struct api_error *err);

/* After a failed create: each server field error goes beside its field
 * ("groups[0].id" and "groups.0.id" alike, names compared ignoring case; a
 * whole-row error "assignments.1" or "groups" on the row's first field);
 * anything else, and the error's summary, goes to the form message. Never
 * drops an error, never touches a value. */
void form_apply_errors(struct form *f, const struct api_error *err);

/* Completion: appends to out every candidate starting with prefix (ASCII
 * case-insensitive; NULL or "" gives all), without duplicates, in the
 * candidates' order. Return the number appended. */
size_t form_complete_prefix(const char *const *candidates, size_t n, const char *prefix,
                            struct strvec *out);
/* The documented Hybridbox role keys (CONTRACT A.2). */
size_t form_complete_roles(const char *prefix, struct strvec *out);
extern const char *const form_role_keys[];
extern const size_t form_role_key_count;
/* The offered invitation locales (locales_get). */
size_t form_complete_locales(const char *prefix, struct strvec *out);
/* Group ids whose id or name starts with prefix. */
size_t form_complete_groups(const struct group_list *groups, const char *prefix,
                            struct strvec *out);
/* Every capability key seen in the account's invitations (raw
 * permission_context.direct_capability_keys, .resolved_capability_keys and
 * assignments[].capability_key) as display copies (sanitize.h: the form
 * shows them and sends the one picked), sorted, unique, appended to out.
 * Returns how many were added. UI thread (reads the store). */
size_t form_collect_capabilities(const struct store *s, const char *account_id,
                                 struct strvec *out);

#endif
