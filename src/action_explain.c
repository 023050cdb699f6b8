#include "config.h"

#include "invitui/action.h"

#include <stdlib.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"

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

static const char *const via_labels[] = {
    /* TRANSLATORS: list --can's PATH column: how the capability is granted. */
    N_("direct"), N_("owner"), N_("role"), N_("role?"), N_("group?"),
};

const char *action_explain_via_label(enum explain_via via)
{
    return (size_t)via < ARRAY_SIZE(via_labels) ? _(via_labels[via]) : "-";
}

size_t action_explain_best_path(const struct explain_answer *a)
{
    size_t best = 0;

    for (size_t i = a->n_paths; i-- > 0;)
        if (a->paths[i].via == EXPLAIN_DIRECT || a->paths[i].via == EXPLAIN_OWNER)
            best = i;
    return best;
}

static void path_text(struct strbuf *out, const struct explain_path *p)
{
    char *key = p->key ? sanitize_cstr(p->key, 0) : NULL;

    strbuf_puts(out, "  ");
    switch (p->via) {
    case EXPLAIN_DIRECT:
        strbuf_printf(out, _("directly: a capability assignment of %s (certain)"), key);
        break;
    case EXPLAIN_OWNER:
        strbuf_puts(out, _("as an account owner (certain)"));
        break;
    case EXPLAIN_ROLE:
        /* TRANSLATORS: %2$zu counts the invitations whose only assignment
         * is this role: they show exactly what it grants. */
        strbuf_printf(out,
                      _("through role %1$s: learned from the invitations with that role alone "
                        "(%2$zu)"),
                      key, p->learned_from);
        if (p->inconsistent)
            strbuf_printf(out, " %s", _("(they disagree: only what they share counts)"));
        break;
    case EXPLAIN_ROLE_UNKNOWN:
        strbuf_printf(out, _("perhaps through role %s: no invitation in the account shows its "
                             "bundle"),
                      key);
        break;
    case EXPLAIN_GROUP:
        strbuf_printf(out, _("perhaps through group %s: the API does not say what a group "
                             "contains"),
                      key);
        break;
    }
    strbuf_putc(out, '\n');
    free(key);
}

static void suggest_text(struct strbuf *out, const struct explain_answer *a)
{
    strbuf_printf(out, "%s\n", _("Roles that grant it (learned from the account's invitations), "
                                 "smallest first:"));
    for (size_t i = 0; i < a->n_suggest; i++) {
        const struct role_bundle *b = a->suggest[i];
        char *role = sanitize_cstr(b->role_key, 0);
        strbuf_puts(out, "  ");
        /* TRANSLATORS: a role key, how many capabilities its bundle
         * has, and from how many invitations it was learned. */
        strbuf_printf(out, _("%1$s (capabilities: %2$zu; learned from invitations: %3$zu)"), role,
                      b->n_caps, b->learned_from);
        strbuf_putc(out, '\n');
        free(role);
    }
}

void action_explain_text(struct strbuf *out, const struct invitation *inv, const char *cap,
                         const struct explain_answer *a)
{
    char *who = sanitize_cstr(inv->email ? inv->email : inv->id, 0);
    char *what = sanitize_cstr(cap, 0);

    if (a->granted)
        strbuf_printf(out, _("%1$s will have %2$s once they accept.\n"), who, what);
    else
        strbuf_printf(out, _("%1$s will not have %2$s.\n"), who, what);
    for (size_t i = 0; i < a->n_paths; i++)
        path_text(out, &a->paths[i]);
    if (a->granted && !a->n_paths)
        strbuf_printf(out, "  %s\n", _("through nothing its assignments show"));
    if (!a->granted && a->n_suggest)
        suggest_text(out, a);
    else if (!a->granted)
        strbuf_printf(out, "%s\n",
                      _("No documented role in the account's invitations is known to grant it."));
    free(who);
    free(what);
}
