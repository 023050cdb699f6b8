#include "config.h"

#include "invitui/action.h"

#include "invitui/i18n.h"

/* The explainer's provider half: the provider reads its own objects, the
 * pure core (explain.c) learns and answers, and the CLI and the TUI word
 * the answer. */

void action_learn_bundles(const struct provider_ops *ops, const struct invitation_list *all,
                          struct role_bundles *rb)
{
    for (size_t i = 0; ops->explain_subject && i < all->n; i++) {
        struct explain_owned o;
        if (ops->explain_subject(&all->v[i], &o) == 0)
            role_bundles_learn(rb, &o.subject);
        explain_owned_free(&o);
    }
}

int action_explain(const struct provider_ops *ops, const struct role_bundles *rb,
                   const struct invitation *inv, const char *cap, struct explain_owned *subject,
                   struct explain_answer *out, struct api_error *err)
{
    *subject = (struct explain_owned){0};
    if (!ops->explain_subject)
        return api_error_set(err, API_ERR_USAGE,
                             _("this provider's invitations carry no capability keys"));
    if (ops->explain_subject(inv, subject) < 0)
        return api_error_set(err, API_ERR_PARSE,
                             _("the invitation's object cannot be read for its capabilities"));
    explain_capability(rb, ops->documented_roles, &subject->subject, cap, out);
    return 0;
}
