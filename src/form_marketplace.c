#include "config.h"

#include <stdlib.h>

#include "invitui/form_desc.h"
#include "invitui/i18n.h"
#include "invitui/marketplace_json.h"

/* The Marketplace create form (provider_marketplace.form): e-mail, first
 * and last name, then one UGR group id per row. */

static const struct form_desc_field fixed[] = {
    {"user.email", N_("E-mail"), FORM_EMAIL, FORM_COMPLETE_NONE, true},
    {"user.firstName", N_("First name"), FORM_FIRST_NAME, FORM_COMPLETE_NONE, true},
    {"user.lastName", N_("Last name"), FORM_LAST_NAME, FORM_COMPLETE_NONE, true},
};

static const struct form_desc_field row[] = {
    {"id", N_("Group"), FORM_GROUP, FORM_COMPLETE_GROUPS, false},
};

/* The names are required fields: form_validate checks them first. */
static int validate(struct form *f)
{
    int bad = 0;
    bool any = false;

    for (size_t i = 0; i < f->nfields; i++) {
        struct form_field *fd = &f->fields[i];
        if (fd->row < 0 || form_blank(fd->value))
            continue;
        char *id = form_trimmed(fd->value);
        if (!marketplace_id_valid(MKT_ID_UGR, id)) {
            form_field_error(fd, _("Group ids look like UGR-NNNN-NNNN."));
            bad++;
        }
        any = true;
        free(id);
    }
    if (!any) {
        form_field_error(form_field(f, "groups.0.id"), _("Choose at least one group."));
        bad++;
    }
    return bad;
}

static void to_request(const struct form *f, struct create_request *out)
{
    out->first_name = form_value(f, "user.firstName");
    out->last_name = form_value(f, "user.lastName");
    for (size_t i = 0; i < f->nfields; i++) {
        if (f->fields[i].row < 0)
            continue;
        char *id = form_trimmed(f->fields[i].value);
        if (id)
            strvec_push_owned(&out->groups, id);
    }
}

static char *body(const struct create_request *req, const char *account_id,
                  struct api_error *err)
{
    return marketplace_body_create(account_id, req, err);
}

static char *url(const struct profile *p, const char *account_id, struct api_error *err)
{
    return marketplace_url_create(p->base_url, p->user_path, account_id, err);
}

const struct form_desc form_desc_marketplace = {
    .fixed = fixed,
    .nfixed = ARRAY_SIZE(fixed),
    .row_prefix = "groups",
    .row = row,
    .nrow = ARRAY_SIZE(row),
    .add_row_label = N_("Add a group"),
    .remove_row_label = N_("Remove this group"),
    /* Prose errors may say just "email" for "user.email". */
    .bare_prefix = "user.",
    .validate = validate,
    .to_request = to_request,
    .body = body,
    .url = url,
};
