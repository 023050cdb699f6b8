#include "config.h"

#include "invitui/action.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"

/* Fixing a wrong invitation without a new one: a group change and a
 * removal, worded and performed once for the CLI and the TUI. */

static char *safe(const char *s)
{
    return sanitize_display(s ? s : "", s ? strlen(s) : 0, 0);
}

static void put_ids(struct strbuf *out, const struct strvec *ids)
{
    for (size_t i = 0; ids && i < ids->n; i++) {
        char *id = safe(ids->v[i]);
        strbuf_printf(out, "%s%s", i ? ", " : "", id);
        free(id);
    }
}

void action_groups_question(struct strbuf *out, const char *email,
                            const struct group_change *c)
{
    char *e = safe(email);

    if (c->add && c->add->n) {
        strbuf_puts(out, _("Add to groups: "));
        put_ids(out, c->add);
        strbuf_putc(out, '\n');
    }
    if (c->remove && c->remove->n) {
        strbuf_puts(out, _("Remove from groups: "));
        put_ids(out, c->remove);
        strbuf_putc(out, '\n');
    }
    /* TRANSLATORS: %s is an e-mail address; the lines above list the groups. */
    strbuf_printf(out, _("Change the groups of %s?"), e);
    free(e);
}

void action_remove_question(struct strbuf *out, const struct provider_ops *ops,
                            const struct invitation *target)
{
    char *e = safe(target->email ? target->email : target->name);
    const char *groups = target->shown.summary ? target->shown.summary : target->summary;
    struct strvec names = {0};
    char *g;

    /* Every group by name: a summary's "+2" would hide what is lost. */
    if (ops->member_groups && ops->member_groups(target, &names) == 0 && names.n) {
        struct strbuf all;
        strbuf_init(&all);
        for (size_t i = 0; i < names.n; i++)
            strbuf_printf(&all, "%s%s", i ? ", " : "", names.v[i]);
        g = safe(all.data);
        strbuf_free(&all);
    } else {
        g = safe(util_str_empty(groups) ? "-" : groups);
    }
    strvec_free(&names);
    bool accepted = ops->status_from_raw(target->raw_status ? target->raw_status : "") ==
                    INV_STATUS_ACCEPTED;

    if (accepted)
        strbuf_printf(out, _("They lose their access to the account, and their groups: %s."), g);
    else
        strbuf_printf(out, _("Their invitation link stops working, and their groups go with "
                             "it: %s."),
                      g);
    strbuf_putc(out, '\n');
    strbuf_puts(out, _("Undoing this takes a new invitation."));
    strbuf_putc(out, '\n');
    /* TRANSLATORS: %s is an e-mail address. */
    strbuf_printf(out, _("Remove %s from the account?"), e);
    free(e);
    free(g);
}

char *action_group_change_text(const struct group_change *c)
{
    struct strbuf sb;

    strbuf_init(&sb);
    for (size_t i = 0; c->add && i < c->add->n; i++)
        strbuf_printf(&sb, "%s+%s", sb.len ? " " : "", c->add->v[i]);
    for (size_t i = 0; c->remove && i < c->remove->n; i++)
        strbuf_printf(&sb, "%s-%s", sb.len ? " " : "", c->remove->v[i]);
    return strbuf_detach(&sb, NULL);
}

static int member_checks(const struct provider_ctx *ctx, const struct provider_ops *ops,
                         enum inv_action action, const struct invitation *target,
                         struct api_error *err)
{
    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    const char *why = action_refusal(ops, target, action, time(NULL));
    if (why)
        return api_error_set(err, API_ERR_STATE, "%s", why);
    return 0;
}

int action_change_groups(const struct provider_ctx *ctx, const struct provider_ops *ops,
                         const struct invitation *target, const struct group_change *change,
                         struct invitation *out, struct api_error *err)
{
    if (member_checks(ctx, ops, INV_ACTION_GROUPS, target, err) < 0)
        return -1;
    return ops->change_groups(ctx, target, change, out, err);
}

int action_remove(const struct provider_ctx *ctx, const struct provider_ops *ops,
                  const struct invitation *target, struct api_error *err)
{
    if (member_checks(ctx, ops, INV_ACTION_REMOVE, target, err) < 0)
        return -1;
    return ops->remove(ctx, target, err);
}
