#include "config.h"

#include "invitui/ui_actions.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"

/* Lines of the bulk result list and of the journal view. Every text here
 * that came from a server or from the journal file was made display-safe
 * when it came in (the invitation's display copies, bulk reasons, journal
 * records read back, api_error texts), so it is put as it is. The state is
 * always a word, never only a colour (NO_COLOR). */

void ui_progress_bar(struct strbuf *out, size_t done, size_t total, int width)
{
    int inner = width > 3 ? width - 2 : 1;
    size_t full = total ? done * (size_t)inner / total : (size_t)inner;

    if (full > (size_t)inner)
        full = (size_t)inner;
    strbuf_putc(out, '[');
    for (int i = 0; i < inner; i++)
        strbuf_puts(out, (size_t)i < full ? "#" : ".");
    strbuf_putc(out, ']');
}


static const char *state_word(const struct bulk_target *t, bool skipped)
{
    if (skipped)
        /* TRANSLATORS: a bulk result: the row was not eligible. Keep it short (<= 10 columns). */
        return _("skipped");
    switch (t->state) {
    case BULK_OK:
        /* TRANSLATORS: a bulk result; keep it short (<= 10 columns). */
        return _("ok");
    case BULK_FAILED:
        /* TRANSLATORS: a bulk result: the outcome is unknown (no answer came back). */
        return t->maybe_sent ? _("unknown") : _("failed");
    case BULK_CANCELLED:
        /* TRANSLATORS: a bulk result: never sent because the run was stopped. */
        return _("stopped");
    case BULK_IN_FLIGHT:
        /* TRANSLATORS: a bulk result: the request is in flight. */
        return _("sending");
    case BULK_QUEUED:
    default:
        /* TRANSLATORS: a bulk result: waiting for its turn. */
        return _("queued");
    }
}

void ui_bulk_target_line(struct strbuf *out, const struct bulk_target *t, bool skipped)
{
    const char *word = state_word(t, skipped);

    strbuf_puts(out, word);
    /* Pad by code points: the words are short and mostly ASCII. */
    size_t cps = 0;
    for (const char *p = word; *p; p++)
        cps += ((unsigned char)*p & 0xC0) != 0x80;
    for (; cps < 10; cps++)
        strbuf_putc(out, ' ');
    strbuf_putc(out, ' ');
    const struct invitation_shown *shown = &t->inv.shown;
    strbuf_puts(out, !util_str_empty(shown->email) ? shown->email : shown->id ? shown->id : "?");
    if (t->reason && (skipped || t->state == BULK_FAILED)) {
        strbuf_puts(out, ": ");
        strbuf_puts(out, t->reason);
    }
}

/* The file keeps stable English words (other tools read it); the screen
 * shows them translated. A word this version does not know (a newer
 * invitui wrote it, or a hand edit) is shown as it is, made safe. */
static const struct {
    const char *stable, *label;
} journal_words[] = {
    {"create", N_("create")},
    {"resend", N_("resend")},
    /* TRANSLATORS: journal action: a new invitation after expiry (English
     * keeps the stable word that the file and --json have). */
    {"send-new", N_("send-new")},
    /* TRANSLATORS: journal action: a Marketplace user's groups were changed. */
    {"groups", N_("groups")},
    /* TRANSLATORS: journal action: a user was removed from the account. */
    {"remove", N_("remove")},
    {"ok", N_("ok")},
    {"failed", N_("failed")},
    /* TRANSLATORS: journal result: the request may or may not have reached the server. */
    {"unknown", N_("outcome unknown")},
};

static void put_journal_word(struct strbuf *out, const char *word)
{
    for (size_t i = 0; word && i < ARRAY_SIZE(journal_words); i++)
        if (strcmp(word, journal_words[i].stable) == 0) {
            strbuf_puts(out, _(journal_words[i].label));
            return;
        }
    strbuf_puts(out, word ? word : "?");
}

void ui_journal_line(struct strbuf *out, const struct journal_record *r)
{
    strbuf_puts(out, r->time_text ? r->time_text : "?");
    strbuf_puts(out, "  ");
    put_journal_word(out, r->action);
    strbuf_puts(out, "  ");
    put_journal_word(out, r->result);
    if (r->http_status)
        strbuf_printf(out, " (%ld)", r->http_status);
    strbuf_puts(out, "  ");
    strbuf_puts(out, r->email ? r->email : r->target_id ? r->target_id : "-");
    strbuf_puts(out, "  ");
    strbuf_puts(out, r->profile ? r->profile : "-");
    if (r->locale) {
        strbuf_puts(out, "  ");
        strbuf_puts(out, r->locale);
    }
    if (r->ticket) {
        strbuf_puts(out, "  ");
        /* TRANSLATORS: %s is a helpdesk ticket reference. */
        strbuf_printf(out, _("ticket %s"), r->ticket);
    }
    if (r->message) {
        strbuf_puts(out, "  ");
        strbuf_puts(out, r->message);
    }
}

/* Takes line and pushes it indented under the entry. */
static void push_indented(struct strvec *out, char *line)
{
    strvec_push_owned(out, xasprintf("    %s", line));
    free(line);
}

void ui_journal_extra_lines(struct strvec *out, const struct journal_record *r)
{
    /* Under the entry, whole and alone on their line: copied into tickets. */
    if (!util_str_empty(r->trace_id))
        /* TRANSLATORS: the server's trace id of a failed request, which
         * support asks for (CLI error output and the journal view). */
        push_indented(out, xasprintf(_("trace id: %s"), r->trace_id));
    if (!util_str_empty(r->instance))
        /* TRANSLATORS: the URI of a failed request's problem instance
         * (RFC 9457 "instance"), under its trace id. */
        push_indented(out, xasprintf(_("instance: %s"), r->instance));
}
