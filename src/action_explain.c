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

void action_learn_groups(const struct provider_ops *ops, const struct group_list *groups,
                         struct role_bundles *rb)
{
    if (!ops->group_grants)
        return;
    if (!groups) {
        rb->groups_state = EXPLAIN_GROUPS_UNREAD;
        return;
    }
    for (size_t i = 0; i < groups->n; i++) {
        const struct group *g = &groups->v[i];
        role_bundles_add_group(rb, g->id, g->name, (const char *const *)g->grants.v,
                               g->grants.n);
        for (size_t k = 0; k < g->grants.n && k < g->grant_names.n; k++)
            role_bundles_add_name(rb, g->grants.v[k], g->grant_names.v[k]);
    }
    rb->groups_state = EXPLAIN_GROUPS_KNOWN;
}

int action_read_groups(const struct provider_ctx *ctx, const struct provider_ops *ops,
                       const char *account_id, struct role_bundles *rb, struct api_error *err)
{
    struct group_list groups = {0};
    int rc = 0;

    if (!ops->group_grants || !ops->list_groups)
        return 0;
    rc = ops->list_groups(ctx, account_id, &groups, err);
    action_learn_groups(ops, rc == 0 ? &groups : NULL, rb);
    group_list_free(&groups);
    return rc;
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
    N_("direct"), N_("owner"), N_("role"), N_("role?"), N_("group?"), N_("group"),
};

const char *action_explain_via_label(enum explain_via via)
{
    return (size_t)via < ARRAY_SIZE(via_labels) ? _(via_labels[via]) : "-";
}

size_t action_explain_best_path(const struct explain_answer *a)
{
    size_t best = 0;

    for (size_t i = a->n_paths; i-- > 0;)
        if (a->paths[i].via == EXPLAIN_DIRECT || a->paths[i].via == EXPLAIN_OWNER ||
            a->paths[i].via == EXPLAIN_GROUP_KNOWN)
            best = i;
    return best;
}

/* A group of unknown contents: why unknown. */
static void group_text(struct strbuf *out, const char *key, enum explain_groups groups)
{
    if (groups == EXPLAIN_GROUPS_UNREAD)
        strbuf_printf(out, _("perhaps through group %s: the account's groups could not be read, "
                             "so what it gives is unknown"),
                      key);
    else if (groups == EXPLAIN_GROUPS_KNOWN)
        strbuf_printf(out, _("perhaps through group %s: the account does not list it, so what "
                             "it gives is unknown"),
                      key);
    else
        strbuf_printf(out, _("perhaps through group %s: the API does not say what a group "
                             "contains"),
                      key);
}

static void known_group_text(struct strbuf *out, const char *key, const char *name)
{
    char *shown = name ? sanitize_cstr(name, 0) : NULL;

    if (shown && *shown)
        /* TRANSLATORS: %1$s is a group's name, %2$s its id. */
        strbuf_printf(out, _("through group %1$s (%2$s): the account's groups say it gives "
                             "it (certain)"),
                      shown, key);
    else
        strbuf_printf(out, _("through group %s: the account's groups say it gives it (certain)"),
                      key);
    free(shown);
}

static void path_text(struct strbuf *out, const struct explain_path *p,
                      enum explain_groups groups)
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
        group_text(out, key, groups);
        break;
    case EXPLAIN_GROUP_KNOWN:
        known_group_text(out, key, p->name);
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

/* Not granted, where the account's groups say what they give: which would. */
static void suggest_groups_text(struct strbuf *out, const struct explain_answer *a)
{
    if (!a->n_suggest_groups) {
        strbuf_printf(out, "%s\n",
                      a->groups == EXPLAIN_GROUPS_UNREAD
                          ? _("The account's groups could not be read: which group would give "
                              "it is unknown.")
                          : _("No group of the account gives it."));
        return;
    }
    strbuf_printf(out, "%s\n", _("Groups of the account that give it, smallest first:"));
    for (size_t i = 0; i < a->n_suggest_groups; i++) {
        const struct group_bundle *g = a->suggest_groups[i];
        char *id = sanitize_cstr(g->group_id, 0), *name = sanitize_cstr(g->name ? g->name : "", 0);
        strbuf_puts(out, "  ");
        /* TRANSLATORS: a group's name, its id, and how many things
         * (modules) it gives. */
        strbuf_printf(out, _("%1$s (%2$s; gives %3$zu)"), *name ? name : id, id, g->n_keys);
        strbuf_putc(out, '\n');
        free(id);
        free(name);
    }
}

/* "Billing (MOD-2131)" when the key has a name, else the key. */
static char *what_text(const struct explain_answer *a, const char *cap)
{
    const char *key = a->key ? a->key : cap;
    char *k = sanitize_cstr(key, 0);

    if (!a->name || !*a->name)
        return k;
    char *name = sanitize_cstr(a->name, 0);
    char *both = xasprintf("%s (%s)", name, k);
    free(name);
    free(k);
    return both;
}

static void verdict_text(struct strbuf *out, const char *who, const char *what,
                         const struct explain_answer *a)
{
    if (a->active && a->granted)
        strbuf_printf(out, _("%1$s has %2$s.\n"), who, what);
    else if (a->active)
        strbuf_printf(out, _("%1$s does not have %2$s.\n"), who, what);
    else if (a->granted)
        strbuf_printf(out, _("%1$s will have %2$s once they accept.\n"), who, what);
    else
        strbuf_printf(out, _("%1$s will not have %2$s.\n"), who, what);
}

void action_explain_text(struct strbuf *out, const struct invitation *inv, const char *cap,
                         const struct explain_answer *a)
{
    char *who = sanitize_cstr(inv->email ? inv->email : inv->id, 0);
    char *what = what_text(a, cap);

    verdict_text(out, who, what, a);
    for (size_t i = 0; i < a->n_paths; i++)
        path_text(out, &a->paths[i], a->groups);
    if (a->granted && !a->n_paths)
        strbuf_printf(out, "  %s\n", _("through nothing its assignments show"));
    if (!a->granted && a->groups != EXPLAIN_GROUPS_OPAQUE)
        suggest_groups_text(out, a);
    else if (!a->granted && a->n_suggest)
        suggest_text(out, a);
    else if (!a->granted)
        strbuf_printf(out, "%s\n",
                      _("No documented role in the account's invitations is known to grant it."));
    free(who);
    free(what);
}
