#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/form_desc.h"
#include "invitui/hybridbox_json.h"
#include "invitui/i18n.h"
#include "invitui/locales.h"

/* The Hybridbox create form (provider_hybridbox.form): e-mail, locale and
 * note, then assignment rows of which each names one role, capability or
 * group, optionally on a resource. */

static const struct form_desc_field fixed[] = {
    {"email", N_("E-mail"), FORM_EMAIL, FORM_COMPLETE_NONE, true},
    {"locale", N_("Locale"), FORM_LOCALE, FORM_COMPLETE_LOCALES, false},
    {"note", N_("Note"), FORM_TEXT, FORM_COMPLETE_NONE, false},
};

static const struct form_desc_field row[] = {
    {"role_key", N_("Role"), FORM_ROLE, FORM_COMPLETE_ROLES, false},
    {"capability_key", N_("Capability"), FORM_CAPABILITY, FORM_COMPLETE_CAPABILITIES, false},
    {"group_id", N_("Group"), FORM_GROUP, FORM_COMPLETE_GROUPS, false},
    {"resource_id", N_("Resource"), FORM_RESOURCE, FORM_COMPLETE_NONE, false},
};

static char *heading(size_t r)
{
    return xasprintf(_("Assignment %d"), (int)r + 1);
}

/* CONTRACT A.2 documents the role keys; the server refuses any other. */
static int check_role(struct form_field *fd)
{
    char *role = fd->kind == FORM_ROLE ? form_trimmed(fd->value) : NULL;
    bool known = !role;

    for (size_t i = 0; role && i < form_role_key_count; i++)
        known = known || strcmp(role, form_role_keys[i]) == 0;
    free(role);
    if (known)
        return 0;
    form_field_error(fd, _("Not a documented role (press Tab for the list)."));
    return 1;
}

static int check_locale(struct form *f)
{
    struct form_field *locale = form_field(f, "locale");
    char *loc = form_trimmed(locale->value);
    bool bad = loc && !locales_find(loc);

    free(loc);
    if (bad)
        form_field_error(locale, _("Not an offered locale (press Tab for the list)."));
    return bad;
}

/* One row's checks; *key tells whether it names a role, capability or
 * group, *flagged whether the row got the "give one" complaint. */
static int check_row(struct form *f, size_t r, bool *key, bool *flagged)
{
    struct form_field *first = NULL;
    bool used = false;
    int bad = 0;

    *key = *flagged = false;
    for (size_t i = 0; i < f->nfields; i++) {
        struct form_field *fd = &f->fields[i];
        if (fd->row != (int)r)
            continue;
        if (!first)
            first = fd;
        if (form_blank(fd->value))
            continue;
        used = true;
        if (fd->kind == FORM_RESOURCE) {
            char *id = form_trimmed(fd->value);
            if (!hybridbox_id_valid(id)) {
                form_field_error(fd, _("Resource ids are UUIDs."));
                bad++;
            }
            free(id);
        } else if (*key) {
            /* The server answers 422 to an assignment that carries two. */
            form_field_error(fd, _("One assignment is a role, a capability or a group, not two: "
                                   "add an assignment for this one."));
            bad++;
        } else {
            *key = true;
            bad += check_role(fd);
        }
    }
    if (used && !*key) {
        form_field_error(first, _("Give a role, a capability or a group."));
        bad++;
        *flagged = true;
    }
    return bad;
}

static int validate(struct form *f)
{
    int bad = check_locale(f);
    bool any_key = false, any_flagged = false;

    for (size_t r = 0; r < f->nrows; r++) {
        bool key, flagged;
        bad += check_row(f, r, &key, &flagged);
        any_key |= key;
        any_flagged |= flagged;
    }
    if (!any_key && !any_flagged) {
        form_field_error(form_field(f, "assignments.0.role_key"),
                         _("At least one assignment needs a role, a capability or a group."));
        bad++;
    }
    return bad;
}

static void to_request(const struct form *f, struct create_request *out)
{
    char *loc = form_value(f, "locale");
    const char *offered = loc ? locales_find(loc) : NULL;

    /* The locale in its offered spelling ("FR" -> "fr"). */
    out->locale = offered ? xstrdup(offered) : (loc ? xstrdup(loc) : NULL);
    free(loc);
    out->note = form_value(f, "note");
    out->assignments = xcalloc(f->nrows, sizeof(*out->assignments));
    for (size_t r = 0; r < f->nrows; r++) {
        struct create_assignment a = {0};
        for (size_t i = 0; i < f->nfields; i++) {
            const struct form_field *fd = &f->fields[i];
            if (fd->row != (int)r)
                continue;
            char *v = form_trimmed(fd->value);
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

static char *body(const struct create_request *req, const char *account_id,
                  struct api_error *err)
{
    (void)account_id; /* the URL names the account */
    return hybridbox_body_create(req, err);
}

static char *url(const struct profile *p, const char *account_id, struct api_error *err)
{
    return hybridbox_url_invitations(p->base_url, account_id, NULL, err);
}

const struct form_desc form_desc_hybridbox = {
    .fixed = fixed,
    .nfixed = ARRAY_SIZE(fixed),
    .row_prefix = "assignments",
    .row = row,
    .nrow = ARRAY_SIZE(row),
    .add_row_label = N_("Add an assignment"),
    .remove_row_label = N_("Remove this assignment"),
    .row_heading = heading,
    .validate = validate,
    .to_request = to_request,
    .body = body,
    .url = url,
};
