#include "config.h"

#include "invitui/form.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/form_desc.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"

static struct form_field *push_field(struct form *f, char *id,
                                     const struct form_desc_field *d, int row)
{
    if (f->nfields == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->fields = xrealloc(f->fields, f->cap * sizeof(*f->fields));
    }
    struct form_field *fd = &f->fields[f->nfields++];
    fd->id = id;
    fd->label = d->label;
    fd->value = xstrdup("");
    fd->required = d->required;
    fd->kind = d->kind;
    fd->completion = d->completion;
    fd->row = row;
    fd->error = NULL;
    return fd;
}

struct form *form_new_create(const struct form_desc *desc)
{
    struct form *f = xcalloc(1, sizeof(*f));

    f->desc = desc;
    for (size_t i = 0; i < desc->nfixed; i++)
        push_field(f, xstrdup(desc->fixed[i].id), &desc->fixed[i], -1);
    form_add_row(f);
    return f;
}

void form_prefill_locale(struct form *f, const char *locale)
{
    for (size_t i = 0; locale && i < f->nfields; i++)
        if (f->fields[i].kind == FORM_LOCALE)
            form_field_set(&f->fields[i], locale);
}

/* The value a row field of kind takes from row `row` of req: Hybridbox's
 * requests have assignments, Marketplace's a list of groups. */
static const char *request_row_value(const struct create_request *req, size_t row,
                                     enum form_kind kind)
{
    const struct create_assignment *a = row < req->nassignments ? &req->assignments[row] : NULL;

    switch (kind) {
    case FORM_ROLE:
        return a ? a->role_key : NULL;
    case FORM_CAPABILITY:
        return a ? a->capability_key : NULL;
    case FORM_RESOURCE:
        return a ? a->resource_id : NULL;
    case FORM_GROUP:
        if (req->nassignments)
            return a ? a->group_id : NULL;
        return row < req->groups.n ? req->groups.v[row] : NULL;
    default:
        return NULL;
    }
}

static const char *request_fixed_value(const struct create_request *req, enum form_kind kind)
{
    switch (kind) {
    case FORM_EMAIL:
        return req->email;
    case FORM_LOCALE:
        return req->locale;
    case FORM_TEXT:
        return req->note;
    case FORM_FIRST_NAME:
        return req->first_name;
    case FORM_LAST_NAME:
        return req->last_name;
    default:
        return NULL;
    }
}

void form_fill_request(struct form *f, const struct create_request *req)
{
    size_t rows = req->nassignments > req->groups.n ? req->nassignments : req->groups.n;

    while (f->nrows < rows)
        form_add_row(f);
    for (size_t i = 0; i < f->nfields; i++) {
        struct form_field *fd = &f->fields[i];
        const char *v = fd->row < 0 ? request_fixed_value(req, fd->kind)
                                    : request_row_value(req, (size_t)fd->row, fd->kind);
        if (v)
            form_field_set(fd, v);
    }
}

bool form_completes_from(const struct form *f, enum form_completion source)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].completion == source)
            return true;
    return false;
}

static void field_free(struct form_field *fd)
{
    free(fd->id);
    free(fd->value);
    free(fd->error);
}

void form_free(struct form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nfields; i++)
        field_free(&f->fields[i]);
    free(f->fields);
    free(f->message);
    free(f);
}

struct form_field *form_field(struct form *f, const char *id)
{
    for (size_t i = 0; id && i < f->nfields; i++)
        if (strcmp(f->fields[i].id, id) == 0)
            return &f->fields[i];
    return NULL;
}

char *form_value(const struct form *f, const char *id)
{
    const struct form_field *fd = form_field((struct form *)f, id);

    return fd ? form_trimmed(fd->value) : NULL;
}

void form_field_set(struct form_field *field, const char *value)
{
    free(field->value);
    field->value = xstrdup(value ? value : "");
    free(field->error);
    field->error = NULL;
}

int form_set(struct form *f, const char *id, const char *value)
{
    struct form_field *fd = form_field(f, id);

    if (!fd)
        return -1;
    form_field_set(fd, value);
    return 0;
}

size_t form_add_row(struct form *f)
{
    const struct form_desc *d = f->desc;
    size_t row = f->nrows++;

    for (size_t i = 0; i < d->nrow; i++)
        push_field(f, xasprintf("%s.%zu.%s", d->row_prefix, row, d->row[i].id), &d->row[i],
                   (int)row);
    return row;
}

int form_remove_row(struct form *f, size_t row)
{
    const struct form_desc *d = f->desc;
    size_t w = 0, k = 0;
    int prev = -1;

    if (f->nrows <= 1 || row >= f->nrows)
        return -1;
    for (size_t i = 0; i < f->nfields; i++) {
        struct form_field *fd = &f->fields[i];
        if (fd->row >= 0) {
            /* k: the field's place within its row (rows are laid out in order). */
            k = fd->row == prev ? k + 1 : 0;
            prev = fd->row;
        }
        if (fd->row == (int)row) {
            field_free(fd);
            continue;
        }
        if (fd->row > (int)row) {
            fd->row--;
            free(fd->id);
            fd->id = xasprintf("%s.%d.%s", d->row_prefix, fd->row, d->row[k % d->nrow].id);
        }
        f->fields[w++] = *fd;
    }
    f->nfields = w;
    f->nrows--;
    return 0;
}

/* ---- validation ---- */

void form_field_error(struct form_field *fd, const char *msg)
{
    if (!fd->error) {
        fd->error = xstrdup(msg);
        return;
    }
    char *joined = xasprintf("%s; %s", fd->error, msg);
    free(fd->error);
    fd->error = joined;
}

static void add_message(struct form *f, const char *msg)
{
    if (!f->message) {
        f->message = xstrdup(msg);
        return;
    }
    char *joined = xasprintf("%s; %s", f->message, msg);
    free(f->message);
    f->message = joined;
}

char *form_trimmed(const char *s)
{
    char *t = xstrdup(s ? s : "");
    util_trim(t);
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

bool form_blank(const char *s)
{
    char *t = form_trimmed(s);
    free(t);
    return t == NULL;
}

/* The shape check servers make, byte-wise: UTF-8 beyond ASCII is allowed
 * anywhere (RFC 6531). */
const char *form_email_problem(const char *email)
{
    const char *at = strrchr(email, '@');

    if (!at || strchr(email, '@') != at)
        return _("An e-mail address has exactly one @.");
    if (at == email || !at[1])
        return _("Something must come before and after the @.");
    if (strlen(email) > 254 || at - email > 64)
        return _("The e-mail address is too long.");
    for (const unsigned char *p = (const unsigned char *)email; *p; p++)
        if (*p <= ' ' || *p == 0x7f || strchr("\"(),:;<>[]\\", *p))
            return _("The e-mail address contains a space or a character not allowed there.");
    const char *domain = at + 1;
    const char *dot = strrchr(domain, '.');
    if (!dot || dot == domain || !dot[1] || domain[0] == '.')
        return _("The part after the @ must be a domain such as example.com.");
    if (email[0] == '.' || at[-1] == '.' || strstr(email, ".."))
        return _("The e-mail address has a misplaced period.");
    return NULL;
}

static int check_email(struct form_field *fd)
{
    char *e = form_trimmed(fd->value);
    const char *why = e ? form_email_problem(e) : _("Required.");

    free(e);
    if (!why)
        return 0;
    form_field_error(fd, why);
    return 1;
}

int form_check_required(struct form_field *fd)
{
    if (fd && form_blank(fd->value)) {
        form_field_error(fd, _("Required."));
        return 1;
    }
    return 0;
}

static void clear_errors(struct form *f)
{
    for (size_t i = 0; i < f->nfields; i++) {
        free(f->fields[i].error);
        f->fields[i].error = NULL;
    }
    free(f->message);
    f->message = NULL;
}

/* The form's e-mail field (the descriptor has exactly one), or NULL. */
static struct form_field *email_field(const struct form *f)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].kind == FORM_EMAIL)
            return &f->fields[i];
    return NULL;
}

int form_validate(struct form *f)
{
    struct form_field *email = email_field(f);
    int bad = 0;

    clear_errors(f);
    if (email)
        bad += check_email(email);
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].required && f->fields[i].kind != FORM_EMAIL)
            bad += form_check_required(&f->fields[i]);
    if (f->desc->validate)
        bad += f->desc->validate(f);
    if (bad)
        add_message(f, _("Some fields need attention."));
    return bad;
}

/* ---- the request ---- */

void form_to_create_request(const struct form *f, struct create_request *out)
{
    const struct form_field *email = email_field(f);

    memset(out, 0, sizeof(*out));
    out->email = email ? form_trimmed(email->value) : NULL;
    f->desc->to_request(f, out);
}

char *form_preview_json(const struct form *f, const char *account_id, struct api_error *err)
{
    struct create_request req;
    char *body;

    form_to_create_request(f, &req);
    body = f->desc->body(&req, account_id, err);
    create_request_free(&req);
    return body;
}

/* ---- server errors ---- */

/* "groups[0].id" -> "groups.0.id"; "User.Email" stays (compared ignoring case). */
static char *normalise_field(const char *name)
{
    struct strbuf sb;

    strbuf_init(&sb);
    for (const char *p = name; *p; p++) {
        if (*p == '[') {
            if (sb.len && sb.data[sb.len - 1] != '.')
                strbuf_putc(&sb, '.');
        } else if (*p == ']') {
            continue;
        } else {
            strbuf_putc(&sb, *p);
        }
    }
    /* A JSON-path style "$.user.email" from some validators. */
    if (strncmp(sb.data, "$.", 2) == 0) {
        char *rest = xstrdup(sb.data + 2);
        strbuf_free(&sb);
        return rest;
    }
    return strbuf_detach(&sb, NULL);
}

/* The field for a server error name, or NULL when it names none. */
static struct form_field *field_for(struct form *f, const char *name)
{
    char *n = normalise_field(name);
    struct form_field *hit = NULL;
    const char *prefix = f->desc->row_prefix;
    size_t plen = strlen(prefix);

    for (size_t i = 0; i < f->nfields && !hit; i++)
        if (strcasecmp(f->fields[i].id, n) == 0)
            hit = &f->fields[i];
    /* Some servers' prose names just "email" for "user.email". */
    if (!hit && f->desc->bare_prefix && strchr(n, '.') == NULL) {
        char *full = xasprintf("%s%s", f->desc->bare_prefix, n);
        for (size_t i = 0; i < f->nfields && !hit; i++)
            if (strcasecmp(f->fields[i].id, full) == 0)
                hit = &f->fields[i];
        free(full);
    }
    /* A whole-row or whole-list error: "assignments", "assignments.1", "groups". */
    if (!hit && strncasecmp(n, prefix, plen) == 0 && (n[plen] == '\0' || n[plen] == '.')) {
        long row = 0;
        char *end = NULL;
        if (n[plen] == '.') {
            row = strtol(n + plen + 1, &end, 10);
            if (end == n + plen + 1 || (*end != '\0' && *end != '.'))
                row = -1;
        }
        for (size_t i = 0; i < f->nfields && !hit && row >= 0; i++)
            if (f->fields[i].row == (int)row)
                hit = &f->fields[i];
    }
    free(n);
    return hit;
}

void form_apply_errors(struct form *f, const struct api_error *err)
{
    struct strbuf sb;

    clear_errors(f);
    for (size_t i = 0; i < err->nfields; i++) {
        const struct field_error *fe = &err->fields[i];
        struct form_field *fd = field_for(f, fe->field);
        if (fd) {
            form_field_error(fd, fe->message);
            continue;
        }
        /* TRANSLATORS: a server's complaint about a field the form does not
         * show: "account.id: must match ACC-NNNN-NNNN". */
        char *line = xasprintf(_("%s: %s"), fe->field, fe->message);
        char *safe = sanitize_display(line, strlen(line), 0);
        add_message(f, safe);
        free(safe);
        free(line);
    }
    strbuf_init(&sb);
    api_error_format(err, &sb);
    char *summary = sanitize_display(sb.data, sb.len, 0);
    /* The summary first: it says why (HTTP status, title) before the details. */
    char *rest = f->message;
    f->message = NULL;
    add_message(f, summary);
    if (rest)
        add_message(f, rest);
    free(rest);
    free(summary);
    strbuf_free(&sb);
}
