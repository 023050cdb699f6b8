#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/action.h"
#include "invitui/cli_private.h"
#include "invitui/i18n.h"
#include "invitui/journal.h"
#include "invitui/sanitize.h"

/* The ticket trail and the recent-send guard of the CLI, and `invitui
 * journal`, which prints the trail for a handover note. */

int cli_ticket_check(struct cli *cli)
{
    const char *why = cli->ticket ? action_ticket_problem(cli->ticket) : NULL;

    if (why)
        /* TRANSLATORS: %s says what is wrong with the value, a phrase. */
        return api_error_set(&cli->err, API_ERR_USAGE, _("--ticket: %s"), why);
    if (action_ticket_missing(cli->session.profile, cli->ticket)) {
        char *name = sanitize_cstr(cli->session.profile->name, 0);
        /* TRANSLATORS: "ticket_required = true" is the literal configuration line. */
        api_error_set(&cli->err, API_ERR_USAGE,
                      _("profile '%s' has ticket_required = true: give the ticket reference "
                        "with --ticket"),
                      name);
        free(name);
        return -1;
    }
    return 0;
}

int cli_recent_send_guard(struct cli *cli, enum inv_action action,
                          const struct invitation *target)
{
    if (cli->again)
        return 0;
    char *path = journal_default_path();
    char *why = action_recent_send_check(path, cli->session.profile, action, target,
                                         time(NULL));
    free(path);
    if (!why)
        return 0;
    /* TRANSLATORS: %s says when the invitation was sent, a whole sentence. */
    api_error_set(&cli->err, API_ERR_STATE, _("%s Not sent again; pass --again to send anyway."),
                  why);
    free(why);
    return -1;
}

static json_t *record_json(const struct journal_record *r)
{
    json_t *o = json_object();

    json_object_set_new(o, "time", json_string(r->time_text ? r->time_text : ""));
#define PUT(key, v) json_object_set_new(o, key, (v) ? json_string(v) : json_null())
    PUT("profile", r->profile);
    PUT("provider", r->provider);
    PUT("account", r->account_id);
    PUT("target_id", r->target_id);
    PUT("email", r->email);
    PUT("action", r->action);
    PUT("locale", r->locale);
    PUT("result", r->result);
    json_object_set_new(o, "http_status",
                        r->http_status > 0 ? json_integer(r->http_status) : json_null());
    PUT("message", r->message);
    PUT("trace_id", r->trace_id);
    PUT("instance", r->instance);
    PUT("change", r->change);
    PUT("ticket", r->ticket);
#undef PUT
    return o;
}

static int print_json(const struct journal_record *const *rows, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, record_json(rows[i]));
    int rc = json_dumpf(a, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(a);
    return rc < 0 ? 1 : 0;
}

#define JOURNAL_COLS 7

/* The cell of column c; every record string is display-safe already. */
static const char *cell(const struct journal_record *r, int c)
{
    const char *v[JOURNAL_COLS] = {r->time_text, r->profile, r->action, r->email,
                                   r->result,    r->ticket,  r->trace_id};
    return v[c] ? v[c] : "-";
}

static void print_table(const struct journal_record *const *rows, size_t n)
{
    const char *titles[JOURNAL_COLS] = {_("TIME"),   _("PROFILE"), _("ACTION"),  _("EMAIL"),
                                        _("RESULT"), _("TICKET"),  _("TRACE ID")};
    int width[JOURNAL_COLS];
    struct strbuf line;

    for (int c = 0; c < JOURNAL_COLS; c++) {
        width[c] = text_width(titles[c]);
        for (size_t i = 0; i < n; i++) {
            int w = text_width(cell(rows[i], c));
            if (w > width[c])
                width[c] = w;
        }
    }
    strbuf_init(&line);
    for (size_t i = 0; i <= n; i++) {
        strbuf_reset(&line);
        for (int c = 0; c < JOURNAL_COLS; c++) {
            const char *s = i == 0 ? titles[c] : cell(rows[i - 1], c);
            if (c)
                strbuf_puts(&line, "  ");
            if (c + 1 == JOURNAL_COLS)
                strbuf_puts(&line, s); /* no trailing padding */
            else
                text_fit(&line, s, width[c], TEXT_ALIGN_LEFT);
        }
        printf("%s\n", line.data);
    }
    strbuf_free(&line);
}

int cli_cmd_journal(struct cli *cli, int argc, char **argv)
{
    struct journal_filter f = {0, cli->ticket, cli->email};
    struct journal_list l = {0};
    int rc = 0;

    (void)argc;
    (void)argv;
    if (cli->since && journal_parse_since(cli->since, time(NULL), &f.since) < 0) {
        api_error_set(&cli->err, API_ERR_USAGE,
                      _("--since: \"%s\" is neither a duration (30m, 12h, 1d) nor a date "
                        "(2026-11-23 or 2026-11-23T08:00:00Z)"),
                      cli->since);
        return cli_report(cli);
    }
    char *path = journal_default_path();
    if (journal_read_newest_first(path, SIZE_MAX, &l, &cli->err) < 0) {
        free(path);
        return cli_report(cli);
    }
    free(path);
    /* Oldest first: a handover note reads in the order things happened. */
    const struct journal_record **rows = xcalloc(l.n ? l.n : 1, sizeof(*rows));
    size_t n = 0;
    for (size_t i = l.n; i-- > 0;)
        if (journal_record_matches(&l.v[i], &f))
            rows[n++] = &l.v[i];
    if (cli->json)
        rc = print_json(rows, n);
    else if (n)
        print_table(rows, n);
    else
        fprintf(stderr, "%s\n", _("invitui: no journal entries match."));
    free(rows);
    journal_list_free(&l);
    return rc;
}
