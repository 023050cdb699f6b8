#include "config.h"

#include "invitui/action.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"

/* Values go into sentences the user reads on a terminal: an e-mail or an
 * account name from a server may carry escape sequences. */
static char *safe(const char *s)
{
    return sanitize_display(s ? s : "", s ? strlen(s) : 0, 0);
}

char *action_read_only_refusal(const struct profile *p)
{
    if (!p || !p->read_only)
        return NULL;
    char *name = safe(p->name);
    char *why = xasprintf(_("Profile %s is read-only: it cannot create or send invitations."),
                          name);
    free(name);
    return why;
}

const char *action_refusal(const struct provider_ops *ops, const struct invitation *inv,
                           enum inv_action action, time_t now)
{
    if (action == INV_ACTION_GROUPS && !ops->change_groups)
        return _(ops->no_groups);
    if (action == INV_ACTION_REMOVE && !ops->remove)
        return _(ops->no_remove);
    if (ops->actions(inv, now) & action)
        return NULL;
    const char *why = ops->action_refusal(inv, action, now);
    return why ? why : _("This action does not apply to the invitation.");
}

char *action_none_eligible(enum inv_action action, size_t marked)
{
    if (action == INV_ACTION_SEND_NEW)
        return xasprintf(ngettext("None of the %zu marked invitations can get a new one.",
                                  "None of the %zu marked invitations can get a new one.",
                                  marked),
                         marked);
    return xasprintf(ngettext("None of the %zu marked invitations can be resent.",
                              "None of the %zu marked invitations can be resent.", marked),
                     marked);
}

void action_hidden_marks(struct strbuf *out, size_t hidden)
{
    strbuf_printf(out,
                  ngettext("%zu marked invitation is hidden by the tab or filter and is not "
                           "included.",
                           "%zu marked invitations are hidden by the tab or filter and are not "
                           "included.",
                           hidden),
                  hidden);
}

bool action_takes_locale(const struct provider_ops *ops, enum inv_action action)
{
    return ops->takes_locale && (action == INV_ACTION_RESEND || action == INV_ACTION_CREATE);
}

const char *action_locale(const struct provider_ops *ops, enum inv_action action,
                          const char *chosen)
{
    if (!action_takes_locale(ops, action))
        return NULL;
    return util_str_empty(chosen) ? NULL : chosen;
}

static void question_one(struct strbuf *out, const struct provider_ops *ops,
                         enum inv_action action, const char *email)
{
    if (action == INV_ACTION_CREATE)
        /* TRANSLATORS: the create confirmation's question; %s is an e-mail address. */
        strbuf_printf(out, _("Invite %s?"), email);
    else if (action == INV_ACTION_SEND_NEW)
        strbuf_printf(out, _("Send a new invitation (send-new-invite) to %s?"), email);
    else if (ops->resend_deprecated)
        strbuf_printf(out, _("Resend the invitation (resend-invite, deprecated) to %s?"), email);
    else
        strbuf_printf(out, _("Resend the invitation e-mail to %s?"), email);
}

static void question_many(struct strbuf *out, const struct provider_ops *ops,
                          enum inv_action action, size_t n)
{
    if (action == INV_ACTION_SEND_NEW)
        strbuf_printf(out, ngettext("Send a new invitation (send-new-invite) to %zu user?",
                                    "Send a new invitation (send-new-invite) to %zu users?", n),
                      n);
    else if (ops->resend_deprecated)
        strbuf_printf(out,
                      ngettext("Resend the invitation (resend-invite, deprecated) to %zu user?",
                               "Resend the invitation (resend-invite, deprecated) to %zu users?",
                               n),
                      n);
    else
        strbuf_printf(out,
                      ngettext("Resend %zu invitation e-mail?", "Resend %zu invitation e-mails?",
                               n),
                      n);
}

void action_question(struct strbuf *out, const struct provider_ops *ops, enum inv_action action,
                     const char *email, size_t n)
{
    if (email) {
        char *e = safe(email);
        question_one(out, ops, action, e);
        free(e);
    } else {
        question_many(out, ops, action, n);
    }
}

void action_confirm_details(struct strbuf *out, const struct action_scope *s,
                            enum inv_action action, const char *locale)
{
    const char *id = s->account_id ? s->account_id : "";
    char *acc = safe(util_str_empty(s->account_name) ? id : s->account_name);
    char *acc_id = safe(id);
    char *prof = safe(s->profile->name);

    strbuf_printf(out, _("Account: %s (%s)"), acc, acc_id);
    strbuf_putc(out, '\n');
    strbuf_printf(out, _("Profile: %s (%s)"), prof, s->ops->name);
    /* In words, not only in the header's colour: a production profile
     * writes to real people (NO_COLOR, screen readers, a pasted log). */
    if (s->profile->production)
        strbuf_printf(out, "  \xe2\x96\xb2 %s", _("PRODUCTION"));
    strbuf_putc(out, '\n');
    if (action == INV_ACTION_GROUPS || action == INV_ACTION_REMOVE) {
        free(acc);
        free(acc_id);
        free(prof);
        return; /* no e-mail is sent: a locale line would only puzzle */
    }
    locale = action_locale(s->ops, action, locale);
    if (!s->ops->takes_locale && s->ops->no_locale) {
        strbuf_puts(out, _(s->ops->no_locale));
    } else if (locale) {
        char *l = safe(locale);
        strbuf_printf(out, _("Locale: %s"), l);
        free(l);
    } else {
        strbuf_puts(out, _("Locale: none (the server's default)"));
    }
    strbuf_putc(out, '\n');
    free(acc);
    free(acc_id);
    free(prof);
}

void action_confirm_ticket(struct strbuf *out, const char *ticket)
{
    if (util_str_empty(ticket))
        return;
    char *t = safe(ticket);
    /* TRANSLATORS: %s is a helpdesk ticket reference. */
    strbuf_printf(out, _("Ticket: %s"), t);
    strbuf_putc(out, '\n');
    free(t);
}

static enum journal_action journal_action_of(enum inv_action action)
{
    switch (action) {
    case INV_ACTION_CREATE: return JOURNAL_CREATE;
    case INV_ACTION_SEND_NEW: return JOURNAL_SEND_NEW;
    case INV_ACTION_GROUPS: return JOURNAL_GROUPS;
    case INV_ACTION_REMOVE: return JOURNAL_REMOVE;
    case INV_ACTION_RESEND: break;
    }
    return JOURNAL_RESEND;
}

void action_journal_entry(struct journal_entry *e, const struct action_scope *s,
                          enum inv_action action, const struct invitation *target,
                          const char *locale)
{
    memset(e, 0, sizeof(*e));
    e->profile = s->profile ? s->profile->name : NULL;
    e->provider = s->ops->name;
    e->account_id = target->account_id ? target->account_id : s->account_id;
    e->target_id = target->id;
    e->email = target->email;
    e->action = journal_action_of(action);
    e->locale = action_locale(s->ops, action, locale);
}

void action_journal_create(struct journal_entry *e, const struct action_scope *s,
                           const struct create_request *req, const struct invitation *created)
{
    memset(e, 0, sizeof(*e));
    e->profile = s->profile ? s->profile->name : NULL;
    e->provider = s->ops->name;
    e->account_id = s->account_id;
    e->target_id = created ? created->id : NULL;
    e->email = req->email;
    e->action = JOURNAL_CREATE;
    e->locale = action_locale(s->ops, INV_ACTION_CREATE, req->locale);
}

char *action_journal(const char *path, const struct journal_entry *e, int rc,
                     const struct api_error *err)
{
    struct api_error jerr;
    char *why = NULL;

    if (!path)
        return NULL;
    api_error_init(&jerr);
    if (journal_log(path, e, rc, err, &jerr) < 0) {
        struct strbuf sb;
        strbuf_init(&sb);
        api_error_format(&jerr, &sb);
        why = strbuf_detach(&sb, NULL);
    }
    api_error_clear(&jerr);
    return why;
}

int action_check_writable(const struct profile *p, struct api_error *err)
{
    char *why = action_read_only_refusal(p);

    if (!why)
        return 0;
    api_error_set(err, API_ERR_USAGE, "%s", why);
    free(why);
    return -1;
}

int action_perform(const struct provider_ctx *ctx, const struct provider_ops *ops,
                   enum inv_action action, const struct invitation *target, const char *locale,
                   struct invitation *out, struct api_error *err)
{
    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    const char *why = action_refusal(ops, target, action, time(NULL));
    if (why)
        return api_error_set(err, API_ERR_STATE, "%s", why);
    if (action == INV_ACTION_RESEND)
        return ops->resend(ctx, target, action_locale(ops, action, locale), out, err);
    return ops->send_new(ctx, target, out, err);
}

int action_create(const struct provider_ctx *ctx, const struct provider_ops *ops,
                  const char *account_id, const struct create_request *req,
                  struct invitation *out, struct api_error *err)
{
    if (action_check_writable(ctx->profile, err) < 0)
        return -1;
    return ops->create(ctx, account_id, req, out, err);
}
