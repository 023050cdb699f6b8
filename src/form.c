#include "config.h"

#include "invitui/form.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/hybridbox_json.h"
#include "invitui/i18n.h"
#include "invitui/locales.h"
#include "invitui/marketplace_json.h"
#include "invitui/sanitize.h"

/* The fields of one row, in order: suffix of the id, label, kind, completion. */
struct row_field {
    const char *suffix;
    const char *label;
    enum form_kind kind;
    enum form_completion completion;
};

static const struct row_field hybridbox_row[] = {
    {"role_key", N_("Role"), FORM_ROLE, FORM_COMPLETE_ROLES},
    {"capability_key", N_("Capability"), FORM_CAPABILITY, FORM_COMPLETE_CAPABILITIES},
    {"group_id", N_("Group"), FORM_GROUP, FORM_COMPLETE_GROUPS},
    {"resource_id", N_("Resource"), FORM_RESOURCE, FORM_COMPLETE_NONE},
};

static const struct row_field marketplace_row[] = {
    {"id", N_("Group"), FORM_GROUP, FORM_COMPLETE_GROUPS},
};

static const struct row_field *row_fields(const struct form *f, size_t *n)
{
    if (f->provider == PROVIDER_HYBRIDBOX) {
        *n = ARRAY_SIZE(hybridbox_row);
        return hybridbox_row;
    }
    *n = ARRAY_SIZE(marketplace_row);
    return marketplace_row;
}

static const char *row_prefix(const struct form *f)
{
    return f->provider == PROVIDER_HYBRIDBOX ? "assignments" : "groups";
}

static struct form_field *push_field(struct form *f, char *id, const char *label,
                                     enum form_kind kind, enum form_completion completion,
                                     bool required, int row)
{
    if (f->nfields == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->fields = xrealloc(f->fields, f->cap * sizeof(*f->fields));
    }
    struct form_field *fd = &f->fields[f->nfields++];
    fd->id = id;
    fd->label = label;
    fd->value = xstrdup("");
    fd->required = required;
    fd->kind = kind;
    fd->completion = completion;
    fd->row = row;
    fd->error = NULL;
    return fd;
}

struct form *form_new_create(enum provider_kind kind)
{
    struct form *f = xcalloc(1, sizeof(*f));

    f->provider = kind;
    if (kind == PROVIDER_HYBRIDBOX) {
        push_field(f, xstrdup("email"), N_("E-mail"), FORM_EMAIL, FORM_COMPLETE_NONE, true, -1);
        push_field(f, xstrdup("locale"), N_("Locale"), FORM_LOCALE, FORM_COMPLETE_LOCALES,
                   false, -1);
        push_field(f, xstrdup("note"), N_("Note"), FORM_TEXT, FORM_COMPLETE_NONE, false, -1);
    } else {
        push_field(f, xstrdup("user.email"), N_("E-mail"), FORM_EMAIL, FORM_COMPLETE_NONE, true,
                   -1);
        push_field(f, xstrdup("user.firstName"), N_("First name"), FORM_FIRST_NAME,
                   FORM_COMPLETE_NONE, true, -1);
        push_field(f, xstrdup("user.lastName"), N_("Last name"), FORM_LAST_NAME,
                   FORM_COMPLETE_NONE, true, -1);
    }
    form_add_row(f);
    return f;
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

static const struct form_field *cfield(const struct form *f, const char *id)
{
    return form_field((struct form *)f, id);
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
    size_t n;
    const struct row_field *rf = row_fields(f, &n);
    size_t row = f->nrows++;

    for (size_t i = 0; i < n; i++)
        push_field(f, xasprintf("%s.%zu.%s", row_prefix(f), row, rf[i].suffix), rf[i].label,
                   rf[i].kind, rf[i].completion, false, (int)row);
    return row;
}

int form_remove_row(struct form *f, size_t row)
{
    size_t n, w = 0, k = 0;
    const struct row_field *rf = row_fields(f, &n);
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
            fd->id = xasprintf("%s.%d.%s", row_prefix(f), fd->row, rf[k % n].suffix);
        }
        f->fields[w++] = *fd;
    }
    f->nfields = w;
    f->nrows--;
    return 0;
}

/* ---- validation ---- */

static void set_error(struct form_field *fd, const char *msg)
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

/* Trimmed copy (malloc'd), NULL when only white space. */
static char *trimmed(const char *s)
{
    char *t = xstrdup(s ? s : "");
    util_trim(t);
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

static bool blank(const char *s)
{
    char *t = trimmed(s);
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
    char *e = trimmed(fd->value);
    const char *why = e ? form_email_problem(e) : _("Required.");

    free(e);
    if (!why)
        return 0;
    set_error(fd, why);
    return 1;
}

static int check_required(struct form_field *fd)
{
    if (fd && blank(fd->value)) {
        set_error(fd, _("Required."));
        return 1;
    }
    return 0;
}

/* CONTRACT A.2 documents the role keys; the server refuses any other. */
static int check_role(struct form_field *fd)
{
    char *role = fd->kind == FORM_ROLE ? trimmed(fd->value) : NULL;
    bool known = !role;

    for (size_t i = 0; role && i < form_role_key_count; i++)
        known = known || strcmp(role, form_role_keys[i]) == 0;
    free(role);
    if (known)
        return 0;
    set_error(fd, _("Not a documented role (press Tab for the list)."));
    return 1;
}

static int validate_hybridbox(struct form *f)
{
    int bad = 0;
    bool any_key = false, row_flagged = false;
    struct form_field *locale = form_field(f, "locale");
    char *loc = trimmed(locale->value);

    if (loc && !locales_find(loc)) {
        set_error(locale, _("Not an offered locale (press Tab for the list)."));
        bad++;
    }
    free(loc);
    for (size_t r = 0; r < f->nrows; r++) {
        struct form_field *row = NULL;
        bool key = false, used = false;
        for (size_t i = 0; i < f->nfields; i++) {
            struct form_field *fd = &f->fields[i];
            if (fd->row != (int)r)
                continue;
            if (!row)
                row = fd;
            if (blank(fd->value))
                continue;
            used = true;
            if (fd->kind == FORM_RESOURCE) {
                char *id = trimmed(fd->value);
                if (!hybridbox_id_valid(id)) {
                    set_error(fd, _("Resource ids are UUIDs."));
                    bad++;
                }
                free(id);
            } else if (key) {
                /* The server answers 422 to an assignment that carries two. */
                set_error(fd, _("One assignment is a role, a capability or a group, not two: "
                                "add an assignment for this one."));
                bad++;
            } else {
                key = true;
                bad += check_role(fd);
            }
        }
        if (used && !key) {
            set_error(row, _("Give a role, a capability or a group."));
            bad++;
            row_flagged = true;
        }
        any_key |= key;
    }
    if (!any_key && !row_flagged) {
        set_error(form_field(f, "assignments.0.role_key"),
                  _("At least one assignment needs a role, a capability or a group."));
        bad++;
    }
    return bad;
}

static int validate_marketplace(struct form *f)
{
    int bad = check_required(form_field(f, "user.firstName")) +
              check_required(form_field(f, "user.lastName"));
    bool any = false;

    for (size_t i = 0; i < f->nfields; i++) {
        struct form_field *fd = &f->fields[i];
        if (fd->row < 0 || blank(fd->value))
            continue;
        char *id = trimmed(fd->value);
        if (!marketplace_id_valid(MKT_ID_UGR, id)) {
            set_error(fd, _("Group ids look like UGR-NNNN-NNNN."));
            bad++;
        }
        any = true;
        free(id);
    }
    if (!any) {
        set_error(form_field(f, "groups.0.id"), _("Choose at least one group."));
        bad++;
    }
    return bad;
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

int form_validate(struct form *f)
{
    int bad;

    clear_errors(f);
    bad = check_email(&f->fields[0]);
    bad += f->provider == PROVIDER_HYBRIDBOX ? validate_hybridbox(f) : validate_marketplace(f);
    if (bad)
        add_message(f, _("Some fields need attention."));
    return bad;
}

/* ---- the request ---- */

static char *value_of(const struct form *f, const char *id)
{
    const struct form_field *fd = cfield(f, id);
    return fd ? trimmed(fd->value) : NULL;
}

static void hybridbox_request(const struct form *f, struct create_request *out)
{
    char *loc = value_of(f, "locale");
    const char *offered = loc ? locales_find(loc) : NULL;

    out->locale = offered ? xstrdup(offered) : (loc ? xstrdup(loc) : NULL);
    free(loc);
    out->note = value_of(f, "note");
    out->assignments = xcalloc(f->nrows, sizeof(*out->assignments));
    for (size_t r = 0; r < f->nrows; r++) {
        struct create_assignment a = {0};
        for (size_t i = 0; i < f->nfields; i++) {
            const struct form_field *fd = &f->fields[i];
            if (fd->row != (int)r)
                continue;
            char *v = trimmed(fd->value);
            if (fd->kind == FORM_ROLE)
                a.role_key = v;
            else if (fd->kind == FORM_CAPABILITY)
                a.capability_key = v;
            else if (fd->kind == FORM_GROUP)
                a.group_id = v;
            else
                a.resource_id = v;
        }
        if (a.role_key || a.capability_key || a.group_id || a.resource_id)
            out->assignments[out->nassignments++] = a;
    }
}

void form_to_create_request(const struct form *f, struct create_request *out)
{
    memset(out, 0, sizeof(*out));
    out->email = trimmed(f->fields[0].value);
    if (f->provider == PROVIDER_HYBRIDBOX) {
        hybridbox_request(f, out);
        return;
    }
    out->first_name = value_of(f, "user.firstName");
    out->last_name = value_of(f, "user.lastName");
    for (size_t i = 0; i < f->nfields; i++) {
        if (f->fields[i].row < 0)
            continue;
        char *id = trimmed(f->fields[i].value);
        if (id)
            strvec_push_owned(&out->groups, id);
    }
}

char *form_preview_json(const struct form *f, const char *account_id, struct api_error *err)
{
    struct create_request req;
    char *body;

    form_to_create_request(f, &req);
    if (f->provider == PROVIDER_HYBRIDBOX)
        body = hybridbox_body_create(&req, err);
    else
        body = marketplace_body_create(account_id, &req, err);
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
    const char *prefix = row_prefix(f);
    size_t plen = strlen(prefix);

    for (size_t i = 0; i < f->nfields && !hit; i++)
        if (strcasecmp(f->fields[i].id, n) == 0)
            hit = &f->fields[i];
    /* Marketplace prose may say just "email"; Hybridbox never says "user.". */
    if (!hit && f->provider == PROVIDER_MARKETPLACE && strchr(n, '.') == NULL) {
        char *full = xasprintf("user.%s", n);
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
            set_error(fd, fe->message);
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
