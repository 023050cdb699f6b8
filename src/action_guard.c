#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/timefmt.h"

/* The guards before sending: a ticket reference where the profile asks for
 * one, and no second e-mail to the same person minutes after the first.
 * The send history is the journal's: neither API says when an invitation
 * e-mail was last sent, and the journal records no user or host, so a send
 * found there was made "from this machine". */

#define TICKET_MAX 64

const char *action_ticket_problem(const char *ticket)
{
    size_t n = 0;

    if (util_str_empty(ticket))
        return _("the ticket reference is empty");
    for (const unsigned char *c = (const unsigned char *)ticket; *c; c++) {
        if (*c < 0x20 || *c == 0x7f)
            return _("the ticket reference has a control character");
        n += (*c & 0xc0) != 0x80;
    }
    if (n > TICKET_MAX)
        return _("the ticket reference is longer than 64 characters");
    return NULL;
}

bool action_ticket_missing(const struct profile *p, const char *ticket)
{
    return p && p->ticket_required && util_str_empty(ticket);
}

bool action_guarded(enum inv_action action)
{
    return action == INV_ACTION_RESEND || action == INV_ACTION_SEND_NEW;
}

/* A send: what put an e-mail in the person's inbox. */
static bool is_send(const struct journal_record *r)
{
    return util_streq(r->action, "create") || util_streq(r->action, "resend") ||
           util_streq(r->action, "send-new");
}

const struct journal_record *action_recent_send(const struct journal_list *newest_first,
                                                const char *profile, const char *target_id,
                                                long guard_s, time_t now)
{
    if (guard_s <= 0 || util_str_empty(target_id))
        return NULL;
    for (size_t i = 0; newest_first && i < newest_first->n; i++) {
        const struct journal_record *r = &newest_first->v[i];
        if (!is_send(r) || !util_streq(r->result, "ok") || !util_streq(r->profile, profile) ||
            !util_streq(r->target_id, target_id))
            continue;
        /* A clock set back makes a record from the future: still recent. */
        if (r->time > now - guard_s)
            return r;
    }
    return NULL;
}

void action_recent_send_text(struct strbuf *out, const char *email,
                             const struct journal_record *r, time_t now)
{
    struct strbuf ago, at;
    char *e = sanitize_display(email ? email : "", email ? strlen(email) : 0, 0);

    strbuf_init(&ago);
    strbuf_init(&at);
    timefmt_relative_long(&ago, r->time, now);
    timefmt_local(&at, r->time);
    /* TRANSLATORS: %1$s an e-mail address, %2$s "3 minutes ago", %3$s a local
     * date and time. The journal does not record who sent it. */
    strbuf_printf(out, _("An invitation e-mail to %1$s was sent %2$s (%3$s) from this machine."),
                  e, ago.data, at.data);
    if (r->ticket) {
        strbuf_putc(out, ' ');
        /* TRANSLATORS: %s is a helpdesk ticket reference. */
        strbuf_printf(out, _("Ticket: %s."), r->ticket);
    }
    strbuf_free(&ago);
    strbuf_free(&at);
    free(e);
}

/* Lines are appended in time order, give or take the moments between two
 * processes' writes: the read goes this much further back than the window
 * before it stops. Only a clock set back further than that can hide a send. */
#define GUARD_ORDER_SLACK_S 600

int action_recent_sends_read(const char *journal_path, const struct profile *p, time_t now,
                             struct journal_list *out, struct api_error *err)
{
    if (!p || p->resend_guard_s <= 0 || !journal_path)
        return 0;
    return journal_read_since(journal_path, now - p->resend_guard_s - GUARD_ORDER_SLACK_S, out,
                              err);
}

char *action_recent_send_check(const char *journal_path, const struct profile *p,
                               enum inv_action action, const struct invitation *target,
                               time_t now)
{
    struct journal_list l = {0};
    struct api_error err;
    char *why = NULL;

    if (!p || !action_guarded(action) || p->resend_guard_s <= 0 || !journal_path)
        return NULL;
    api_error_init(&err);
    /* An unreadable journal guards nothing: the send is the user's call,
     * and the journal's own error shows when the attempt is written. */
    if (action_recent_sends_read(journal_path, p, now, &l, &err) == 0) {
        const struct journal_record *r =
            action_recent_send(&l, p->name, target->id, p->resend_guard_s, now);
        if (r) {
            struct strbuf sb;
            strbuf_init(&sb);
            action_recent_send_text(&sb, target->email ? target->email : target->id, r, now);
            why = strbuf_detach(&sb, NULL);
        }
    }
    api_error_clear(&err);
    journal_list_free(&l);
    return why;
}

const struct invitation *action_pending_for(const struct invitation_list *l, const char *email)
{
    for (size_t i = 0; l && !util_str_empty(email) && i < l->n; i++) {
        const struct invitation *inv = &l->v[i];
        if (inv->status == INV_STATUS_PENDING && inv->email && strcasecmp(inv->email, email) == 0)
            return inv;
    }
    return NULL;
}

void action_pending_text(struct strbuf *out, const struct invitation *pending)
{
    char *e = sanitize_display(pending->email, strlen(pending->email), 0);
    const char *raw_id = pending->id ? pending->id : "";
    char *id = sanitize_display(raw_id, strlen(raw_id), 0);

    /* TRANSLATORS: %1$s an e-mail address, %2$s the id of its pending invitation. */
    strbuf_printf(out, _("%1$s already has a pending invitation in this account (%2$s)."), e, id);
    free(e);
    free(id);
}
