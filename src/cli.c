#include "config.h"

#include "invitui/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "invitui/action.h"
#include "invitui/cli_args.h"
#include "invitui/cli_output.h"
#include "invitui/cli_private.h"
#include "invitui/form.h"
#include "invitui/i18n.h"
#include "invitui/journal.h"
#include "invitui/locales.h"
#include "invitui/redact.h"
#include "invitui/sanitize.h"
#include "invitui/store.h"
#include "invitui/timings.h"

struct cli_command {
    const char *name;
    int (*run)(struct cli *cli, int argc, char **argv);
    const char *synopsis; /* N_() */
    const char *summary;  /* N_() */
    bool writes;          /* refused by read-only profiles, asks for confirmation */
};

static int cmd_accounts(struct cli *cli, int argc, char **argv);
static int cmd_list(struct cli *cli, int argc, char **argv);
static int cmd_show(struct cli *cli, int argc, char **argv);
static int cmd_resend(struct cli *cli, int argc, char **argv);
static int cmd_send_new(struct cli *cli, int argc, char **argv);

static const struct cli_command commands[] = {
    {"accounts", cmd_accounts, N_("accounts [--json]"),
     N_("list the accounts of the profile"), false},
    {"list", cmd_list,
     /* TRANSLATORS: in synopses translate only the placeholders in capitals
      * (ID, TEXT, E, L, N, KEY); commands, options and their fixed values
      * (pending, expiry...) are typed literally. Lines follow "Usage: invitui
      * [GLOBAL OPTIONS] " and must fit in 80 columns with it; re-wrap freely. */
     N_("list [--account ID] [--search TEXT] [--json]\n"
        "       [--status pending|expired|accepted|revoked|other]\n"
        "       [--sort expiry|created|email|status] [--can CAPABILITY]"),
     N_("list invitations"), false},
    {"show", cmd_show, N_("show ID [--account ID] [--json]"),
     N_("show one invitation"), false},
    {"create", cli_cmd_create,
     /* TRANSLATORS: see "list". */
     N_("create --email E|--from ID [--account ID]\n"
        "       [--role KEY]... [--capability KEY]... [--group ID]...\n"
        "       [--resource ID] [--locale L] [--note TEXT] [--ticket T]\n"
        "       [--again] [--yes] [--json] [--first-name N --last-name N] (Marketplace)"),
     N_("invite someone"), true},
    {"resend", cmd_resend,
     N_("resend ID [--account ID] [--locale L]\n"
        "       [--ticket T] [--again] [--yes] [--json]"),
     N_("send a pending invitation's e-mail again"), true},
    {"send-new", cmd_send_new,
     N_("send-new ID [--account ID] [--ticket T]\n"
        "       [--again] [--yes] [--json]"),
     N_("send a new invitation once the old one expired (Marketplace)"), true},
    {"groups", cli_cmd_groups,
     /* TRANSLATORS: see "list". */
     N_("groups ID [--add UGR]... [--remove UGR]... [--account ID]\n"
        "       [--ticket T] [--yes] [--json]"),
     N_("fix the groups of an invited user (Marketplace)"), true},
    {"remove", cli_cmd_remove,
     N_("remove ID [--account ID] [--ticket T]\n"
        "       [--yes] [--json]"),
     N_("take someone out of the account (Marketplace)"), true},
    {"explain", cli_cmd_explain, N_("explain ID CAPABILITY [--account ID] [--json]"),
     N_("say whether and why someone will have a capability"), false},
    {"journal", cli_cmd_journal,
     /* TRANSLATORS: see "list". */
     N_("journal [--since 1d|12h|30m|DATE] [--ticket T]\n"
        "       [--email E] [--json]"),
     N_("print the journal of actions, for handover notes"), false},
};

static const struct cli_command *find_command(const char *name)
{
    for (size_t i = 0; name && i < ARRAY_SIZE(commands); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

bool cli_is_command(const char *name)
{
    return find_command(name) != NULL;
}

void cli_print_commands(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
        printf("  %-10s %s\n", commands[i].name, _(commands[i].summary));
}

static void print_usage(FILE *out, const struct cli_command *c)
{
    fprintf(out, _("Usage: invitui [GLOBAL OPTIONS] %s\n"), _(c->synopsis));
    fprintf(out, "%s\n", _(c->summary));
}

/* "  trace id: 00-…" and "  instance: …" under the error line: whole, on
 * lines of their own, for pasting into a support ticket. */
static void report_ids(const struct api_error *err)
{
    char *safe;

    if (!util_str_empty(err->trace_id)) {
        safe = sanitize_display(err->trace_id, strlen(err->trace_id), 0);
        fputs("  ", stderr);
        /* TRANSLATORS: the server's trace id of a failed request, which
         * support asks for (CLI error output and the journal view). */
        fprintf(stderr, _("trace id: %s"), safe);
        fputc('\n', stderr);
        free(safe);
    }
    if (!util_str_empty(err->instance)) {
        safe = sanitize_display(err->instance, strlen(err->instance), 0);
        fputs("  ", stderr);
        /* TRANSLATORS: the URI of a failed request's problem instance
         * (RFC 9457 "instance"), under its trace id. */
        fprintf(stderr, _("instance: %s"), safe);
        fputc('\n', stderr);
        free(safe);
    }
}

/* An error message on stderr, and with --json the error object on stdout;
 * server text is sanitised first. */
static int report(struct cli *cli)
{
    struct strbuf sb;
    int code = api_error_exit_code(&cli->err);

    /* A server may echo the token back: for stderr and --json alike. */
    redact_error(&cli->err);
    strbuf_init(&sb);
    api_error_format_message(&cli->err, &sb);
    char *safe = sanitize_display(sb.data, sb.len, 0);
    fprintf(stderr, "invitui: %s\n", safe);
    /* As many as the message line shows: --json has them all. */
    for (size_t i = 0; i < cli->err.nfields && i < API_ERROR_ITEMS_SHOWN; i++) {
        char *f = sanitize_display(cli->err.fields[i].field, strlen(cli->err.fields[i].field),
                                   0);
        char *m = sanitize_display(cli->err.fields[i].message,
                                   strlen(cli->err.fields[i].message), 0);
        fprintf(stderr, "  %s: %s\n", f, m);
        free(f);
        free(m);
    }
    if (cli->err.nfields > API_ERROR_ITEMS_SHOWN) {
        struct strbuf more;
        strbuf_init(&more);
        api_error_format_more(cli->err.nfields - API_ERROR_ITEMS_SHOWN, &more);
        fprintf(stderr, "  %s\n", more.data);
        strbuf_free(&more);
    }
    report_ids(&cli->err);
    if (cli->json)
        cli_print_error_json(stdout, &cli->err);
    free(safe);
    strbuf_free(&sb);
    return code ? code : 1;
}

static int usage_error(struct cli *cli, const char *fmt, const char *arg)
{
    api_error_set(&cli->err, API_ERR_USAGE, fmt, arg ? arg : "");
    return report(cli);
}

static int cli_open(struct cli *cli)
{
    if (session_open(&cli->session, cli->opts, &cli->err) < 0)
        return report(cli);
    cli->http = session_http_client(&cli->session);
    if (!cli->http) {
        api_error_set(&cli->err, API_ERR_CONFIG, _("could not prepare the HTTP client: %s"),
                      strerror(errno));
        return report(cli);
    }
    if (cli->session.profile->insecure) {
        char *name = sanitize_cstr(cli->session.profile->name, 0);
        /* TRANSLATORS: "insecure = true" is the literal configuration line. */
        fprintf(stderr, _("invitui: warning: profile '%s' has insecure = true: TLS "
                          "certificates are not verified\n"),
                name);
        free(name);
    }
    cli->ctx.profile = cli->session.profile;
    cli->ctx.http = cli->http;
    cli->ctx.cancel = NULL;
    return 0;
}

static void cli_close(struct cli *cli)
{
    if (cli->http)
        http_client_free(cli->http);
    session_close(&cli->session);
    api_error_clear(&cli->err);
}

/* The accounts a command looks in: --account, the profile's list
 * (Hybridbox), or every account the token sees. */
int cli_collect_accounts(struct cli *cli, struct strvec *ids)
{
    const struct profile *p = cli->session.profile;
    struct account_list accounts = {0};

    if (cli->account) {
        strvec_push(ids, cli->account);
        return 0;
    }
    if (p->accounts.n) { /* only providers that need them take them (profile.c) */
        for (size_t i = 0; i < p->accounts.n; i++)
            strvec_push(ids, p->accounts.v[i]);
        return 0;
    }
    if (cli->session.ops->list_accounts(&cli->ctx, &accounts, &cli->err) < 0)
        return -1;
    for (size_t i = 0; i < accounts.n; i++)
        strvec_push(ids, accounts.v[i].id);
    account_list_free(&accounts);
    return 0;
}

/* Finds one invitation by id in the accounts the command looks in. */
static int find_invitation(struct cli *cli, const char *id, struct invitation *out)
{
    const struct provider_ops *ops = cli->session.ops;
    struct strvec ids = {0};
    int rc = -1;

    if (ops->get_alone && !cli->account &&
        cli->session.profile->user_path == USER_PATH_STANDALONE)
        return ops->get_invitation(&cli->ctx, NULL, id, out, &cli->err);
    if (cli_collect_accounts(cli, &ids) < 0)
        return -1;
    for (size_t i = 0; i < ids.n; i++) {
        api_error_clear(&cli->err);
        rc = ops->get_invitation(&cli->ctx, ids.v[i], id, out, &cli->err);
        if (rc == 0 || cli->err.http_status != 404)
            break;
    }
    if (!ids.n)
        rc = api_error_set(&cli->err, API_ERR_HTTP, _("the profile has no account"));
    strvec_free(&ids);
    return rc;
}

static int print_one(struct cli *cli, const struct invitation *inv)
{
    if (cli->json)
        return cli_print_invitations_json(stdout, &inv, 1) < 0 ? 1 : 0;
    cli_print_invitation_detail(stdout, inv, time(NULL));
    return 0;
}

static int cmd_accounts(struct cli *cli, int argc, char **argv)
{
    struct account_list accounts = {0};
    int rc;

    (void)argc;
    (void)argv;
    if (cli->session.ops->list_accounts(&cli->ctx, &accounts, &cli->err) < 0)
        return report(cli);
    if (cli->json)
        rc = cli_print_accounts_json(stdout, &accounts);
    else
        cli_print_accounts_table(stdout, &accounts, cli_output_width(stdout)), rc = 0;
    account_list_free(&accounts);
    return rc < 0 ? 1 : 0;
}

/* Filters and sorts with the same store the TUI uses. Every account's
 * invitations go into one collection so that the sort spans accounts; the
 * rows point into cli->store, which the caller frees after printing. */
static const struct invitation **select_rows(struct cli *cli, struct invitation_list *all,
                                             size_t *n)
{
    struct store_filter f = {
        .status_mask = 0,
        .search = cli->search,
        .sort = cli->sort ? (enum store_sort)store_sort_from_name(cli->sort) : STORE_SORT_EXPIRY,
    };
    struct store_view view;
    const struct invitation **rows;
    int status = cli->status ? inv_status_from_word(cli->status) : -1;

    if (status >= 0)
        f.status_mask = STORE_STATUS_BIT(status);
    cli->store = store_new(cli->session.profile->provider);
    store_replace_invitations(cli->store, "", all, time(NULL));
    store_view_init(&view);
    store_view_apply(&view, cli->store, "", &f);
    rows = xcalloc(view.n ? view.n : 1, sizeof(*rows));
    for (size_t i = 0; i < view.n; i++)
        rows[i] = store_view_row(&view, cli->store, i);
    *n = view.n;
    store_view_free(&view);
    return rows;
}

static int cmd_list(struct cli *cli, int argc, char **argv)
{
    struct invitation_list all = {0};
    /* Hints for the server; select_rows filters status and search anyway. */
    struct invitation_query q = {.status = -1, .email = NULL, .search = cli->search};
    struct strvec ids = {0};
    const struct invitation **rows;
    size_t nrows;
    int rc = 0;

    (void)argc;
    (void)argv;
    if (cli->status && (q.status = inv_status_from_word(cli->status)) < 0)
        return usage_error(cli, _("unknown status '%s' (pending, expired, accepted, revoked, other)"),
                           cli->status);
    if (cli->sort && store_sort_from_name(cli->sort) < 0)
        return usage_error(cli, _("unknown sort key '%s' (expiry, created, email, status)"),
                           cli->sort);
    if (cli_collect_accounts(cli, &ids) < 0)
        return report(cli);
    for (size_t i = 0; i < ids.n && rc == 0; i++)
        rc = cli->session.ops->list_invitations(&cli->ctx, ids.v[i], &q, &all, &cli->err);
    strvec_free(&ids);
    if (rc < 0) {
        invitation_list_free(&all);
        return report(cli);
    }
    if (cli->can && cli_can_learn(cli, &all) < 0) {
        invitation_list_free(&all);
        return report(cli);
    }
    rows = select_rows(cli, &all, &nrows);
    if (cli->can)
        rc = cli_can_print(cli, rows, nrows);
    else if (cli->json)
        rc = cli_print_invitations_json(stdout, rows, nrows) < 0 ? 1 : 0;
    else
        cli_print_invitations_table(stdout, rows, nrows, time(NULL), cli_output_width(stdout));
    /* Shown means handed to stdout: the list is printed whole, in one batch. */
    timings_event("rows_complete", "count", json_integer((json_int_t)nrows), NULL);
    free(rows);
    store_free(cli->store);
    cli->store = NULL;
    return rc;
}

static int cmd_show(struct cli *cli, int argc, char **argv)
{
    struct invitation inv = {0};
    int rc;

    (void)argc;
    (void)argv;
    if (find_invitation(cli, cli->target, &inv) < 0)
        return report(cli);
    rc = print_one(cli, &inv);
    invitation_free(&inv);
    return rc;
}

/* Asks on a terminal; refuses without --yes elsewhere, because a script
 * that forgot --yes must not send e-mails by accident. The details (the
 * action core's account, profile and locale lines) come first, so that the
 * question is last, next to the answer. */
static bool confirm(struct cli *cli, const struct strbuf *text)
{
    char answer[16];

    if (cli->yes)
        return true;
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
        api_error_set(&cli->err, API_ERR_USAGE,
                      _("not asking for confirmation without a terminal; pass --yes"));
        return false;
    }
    /* TRANSLATORS: a yes/no question and the hint for its answer; the
     * capital letter is the default (no). */
    fprintf(stderr, _("%s [y/N] "), text->data);
    fflush(stderr);
    /* TRANSLATORS: the letters accepted as "yes" to the [y/N] question; keep
     * "y" and "Y" and add your language's, e.g. "yYoO" for French. */
    const char *yes = _("yY");
    if (!fgets(answer, sizeof(answer), stdin) || !answer[0] || answer[0] == '\n' ||
        !strchr(yes, answer[0])) {
        api_error_set(&cli->err, API_ERR_USAGE, _("cancelled"));
        return false;
    }
    return true;
}

/* The action core's confirmation: the details, then the question. */
bool cli_confirm_action(struct cli *cli, enum inv_action action, const char *email,
                           const char *account_id, const char *locale)
{
    struct action_scope scope = {cli->session.profile, cli->session.ops, account_id, NULL};
    struct strbuf text;

    strbuf_init(&text);
    action_confirm_details(&text, &scope, action, locale);
    action_confirm_ticket(&text, cli->ticket);
    action_question(&text, cli->session.ops, action, email ? email : "?", 1);
    bool go = confirm(cli, &text);
    strbuf_free(&text);
    return go;
}

int cli_validate_locale(struct cli *cli)
{
    if (cli->locale && !locales_find(cli->locale)) {
        struct strbuf sb;
        strbuf_init(&sb);
        for (size_t i = 0; i < locales_count(); i++)
            strbuf_printf(&sb, "%s%s", i ? ", " : "", locales_get(i));
        api_error_set(&cli->err, API_ERR_USAGE, _("unknown locale '%s' (offered: %s)"),
                      cli->locale, sb.data);
        strbuf_free(&sb);
        return -1;
    }
    if (cli->locale)
        cli->locale = locales_find(cli->locale);
    return 0;
}

int cli_finish_action(struct cli *cli, int rc, struct invitation *result)
{
    if (rc < 0)
        return report(cli);
    rc = print_one(cli, result);
    invitation_free(result);
    return rc;
}

/* One journal line per attempt, ok or not. A journal that cannot be
 * written is worth a warning, never a different exit status: the action
 * itself already happened (or failed) on the server. */
static void journal_attempt(struct cli *cli, const struct journal_entry *e, int rc)
{
    char *path = journal_default_path();
    struct journal_entry with_ticket = *e;

    with_ticket.ticket = cli->ticket;
    char *why = action_journal(path, &with_ticket, rc, &cli->err);

    if (why) {
        char *safe = sanitize_display(why, strlen(why), 0);
        fprintf(stderr, _("invitui: warning: the action was not journaled: %s\n"), safe);
        free(safe);
        free(why);
    }
    free(path);
}

/* resend and send-new: find the target, check its state, confirm, act. */
static int run_invite_action(struct cli *cli, enum inv_action action)
{
    const struct provider_ops *ops = cli->session.ops;
    struct invitation target = {0}, result = {0};
    const char *locale = NULL;
    const char *why;
    int rc;

    if (action_takes_locale(ops, action)) {
        if (cli_validate_locale(cli) < 0)
            return report(cli);
        locale = cli->locale ? cli->locale : cli->session.profile->locale;
    }
    if (find_invitation(cli, cli->target, &target) < 0)
        return report(cli);
    why = action_refusal(ops, &target, action, time(NULL));
    if (why) {
        api_error_set(&cli->err, API_ERR_STATE, "%s", why);
        invitation_free(&target);
        return report(cli);
    }
    if (cli_recent_send_guard(cli, action, &target) < 0) {
        invitation_free(&target);
        return report(cli);
    }
    if (!cli_confirm_action(cli, action, target.email ? target.email : target.name,
                        target.account_id, locale)) {
        invitation_free(&target);
        return report(cli);
    }
    struct action_scope scope = {cli->session.profile, ops, target.account_id, NULL};
    struct journal_entry e;
    rc = action_perform(&cli->ctx, ops, action, &target, locale, &result, &cli->err);
    action_journal_entry(&e, &scope, action, &target, locale);
    journal_attempt(cli, &e, rc);
    invitation_free(&target);
    return cli_finish_action(cli, rc, &result);
}

static int cmd_resend(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return run_invite_action(cli, INV_ACTION_RESEND);
}

static int cmd_send_new(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return run_invite_action(cli, INV_ACTION_SEND_NEW);
}

enum {
    OPT_JSON = 1 << 0, OPT_YES = 1 << 1, OPT_ACCOUNT = 1 << 2, OPT_STATUS = 1 << 3,
    OPT_SEARCH = 1 << 4, OPT_SORT = 1 << 5, OPT_EMAIL = 1 << 6, OPT_ROLE = 1 << 7,
    OPT_CAPABILITY = 1 << 8, OPT_GROUP = 1 << 9, OPT_RESOURCE = 1 << 10, OPT_LOCALE = 1 << 11,
    OPT_NOTE = 1 << 12, OPT_FIRST = 1 << 13, OPT_LAST = 1 << 14, OPT_HELP = 1 << 15,
    OPT_ADD = 1 << 16, OPT_REMOVE = 1 << 17, OPT_FROM = 1 << 18, OPT_CAN = 1 << 19,
    OPT_TICKET = 1 << 20, OPT_AGAIN = 1 << 21, OPT_SINCE = 1 << 22,
};

/* Which options each command takes (besides --help), by name. */
static unsigned accepted_options(const char *cmd)
{
    static const struct { const char *name; unsigned opts; } table[] = {
        {"accounts", OPT_JSON},
        {"list", OPT_JSON | OPT_ACCOUNT | OPT_STATUS | OPT_SEARCH | OPT_SORT | OPT_CAN},
        {"show", OPT_JSON | OPT_ACCOUNT},
        {"create", OPT_JSON | OPT_YES | OPT_ACCOUNT | OPT_EMAIL | OPT_ROLE | OPT_CAPABILITY |
                       OPT_GROUP | OPT_RESOURCE | OPT_LOCALE | OPT_NOTE | OPT_FIRST | OPT_LAST |
                       OPT_FROM | OPT_TICKET | OPT_AGAIN},
        {"resend", OPT_JSON | OPT_YES | OPT_ACCOUNT | OPT_LOCALE | OPT_TICKET | OPT_AGAIN},
        {"send-new", OPT_JSON | OPT_YES | OPT_ACCOUNT | OPT_TICKET | OPT_AGAIN},
        {"groups", OPT_JSON | OPT_YES | OPT_ACCOUNT | OPT_ADD | OPT_REMOVE | OPT_TICKET},
        {"remove", OPT_JSON | OPT_YES | OPT_ACCOUNT | OPT_TICKET},
        {"explain", OPT_JSON | OPT_ACCOUNT},
        {"journal", OPT_JSON | OPT_SINCE | OPT_TICKET | OPT_EMAIL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(table); i++)
        if (strcmp(table[i].name, cmd) == 0)
            return table[i].opts | OPT_HELP;
    return OPT_HELP;
}

static const struct option long_options[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"yes", no_argument, NULL, OPT_YES},
    {"account", required_argument, NULL, OPT_ACCOUNT},
    {"status", required_argument, NULL, OPT_STATUS},
    {"search", required_argument, NULL, OPT_SEARCH},
    {"sort", required_argument, NULL, OPT_SORT},
    {"email", required_argument, NULL, OPT_EMAIL},
    {"role", required_argument, NULL, OPT_ROLE},
    {"capability", required_argument, NULL, OPT_CAPABILITY},
    {"group", required_argument, NULL, OPT_GROUP},
    {"resource", required_argument, NULL, OPT_RESOURCE},
    {"locale", required_argument, NULL, OPT_LOCALE},
    {"note", required_argument, NULL, OPT_NOTE},
    {"first-name", required_argument, NULL, OPT_FIRST},
    {"last-name", required_argument, NULL, OPT_LAST},
    {"add", required_argument, NULL, OPT_ADD},
    {"remove", required_argument, NULL, OPT_REMOVE},
    {"from", required_argument, NULL, OPT_FROM},
    {"can", required_argument, NULL, OPT_CAN},
    {"ticket", required_argument, NULL, OPT_TICKET},
    {"again", no_argument, NULL, OPT_AGAIN},
    {"since", required_argument, NULL, OPT_SINCE},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static void store_option(struct cli *cli, int opt, const char *arg)
{
    switch (opt) {
    case OPT_JSON: cli->json = true; break;
    case OPT_YES: cli->yes = true; break;
    case OPT_ACCOUNT: cli->account = arg; break;
    case OPT_STATUS: cli->status = arg; break;
    case OPT_SEARCH: cli->search = arg; break;
    case OPT_SORT: cli->sort = arg; break;
    case OPT_EMAIL: cli->email = arg; break;
    case OPT_ROLE: strvec_push(&cli->roles, arg); break;
    case OPT_CAPABILITY: strvec_push(&cli->capabilities, arg); break;
    case OPT_GROUP: strvec_push(&cli->groups, arg); break;
    case OPT_RESOURCE: cli->resource = arg; break;
    case OPT_LOCALE: cli->locale = arg; break;
    case OPT_NOTE: cli->note = arg; break;
    case OPT_FIRST: cli->first_name = arg; break;
    case OPT_LAST: cli->last_name = arg; break;
    case OPT_ADD: strvec_push(&cli->add, arg); break;
    case OPT_REMOVE: strvec_push(&cli->remove, arg); break;
    case OPT_FROM: cli->from = arg; break;
    case OPT_CAN: cli->can = arg; break;
    case OPT_TICKET: cli->ticket = arg; break;
    case OPT_AGAIN: cli->again = true; break;
    case OPT_SINCE: cli->since = arg; break;
    default: break;
    }
}

/* 0: go on; otherwise the exit status (2 for usage, 0 after --help). */
static int parse_args(struct cli *cli, const struct cli_command *c, int argc, char **argv)
{
    unsigned ok = accepted_options(c->name);
    int opt, index;

    optind = 0; /* 0, not 1: glibc then re-reads the option string (main used "+") */
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", long_options, &index)) != -1) {
        if (opt == OPT_HELP) {
            print_usage(stdout, c);
            return -1;
        }
        if (opt == '?' || !(ok & (unsigned)opt)) {
            char *typed = cli_args_option_typed(argv, optind, opt == '?' ? NULL : optarg);
            fprintf(stderr, _("invitui %s: unknown or misplaced option '%s'\n"), c->name, typed);
            free(typed);
            print_usage(stderr, c);
            return 2;
        }
        if (optarg && !cli_args_utf8_valid(optarg)) {
            /* TRANSLATORS: %1$s is a command, %2$s an option such as --note. */
            fprintf(stderr, _("invitui %1$s: the value of --%2$s is not valid UTF-8\n"),
                    c->name, long_options[index].name);
            return 2;
        }
        store_option(cli, opt, optarg);
    }
    bool wants_id = strcmp(c->name, "show") == 0 || strcmp(c->name, "resend") == 0 ||
                    strcmp(c->name, "send-new") == 0 || strcmp(c->name, "groups") == 0 ||
                    strcmp(c->name, "remove") == 0 || strcmp(c->name, "explain") == 0;
    if (wants_id && optind < argc)
        cli->target = argv[optind++];
    if (strcmp(c->name, "explain") == 0 && cli->target && optind < argc)
        cli->what = argv[optind++];
    if (cli->what && !cli_args_utf8_valid(cli->what)) {
        fprintf(stderr, _("invitui %s: the CAPABILITY is not valid UTF-8\n"), c->name);
        return 2;
    }
    if (strcmp(c->name, "explain") == 0 && cli->target && !cli->what) {
        fprintf(stderr, _("invitui %s: missing CAPABILITY\n"), c->name);
        print_usage(stderr, c);
        return 2;
    }
    if (cli->target && !cli_args_utf8_valid(cli->target)) {
        fprintf(stderr, _("invitui %s: the ID is not valid UTF-8\n"), c->name);
        return 2;
    }
    if ((wants_id && !cli->target) || optind < argc) {
        fprintf(stderr, wants_id && !cli->target ? _("invitui %s: missing ID\n")
                                                 : _("invitui %s: unexpected argument\n"),
                c->name);
        print_usage(stderr, c);
        return 2;
    }
    return 0;
}

static void free_args(struct cli *cli)
{
    strvec_free(&cli->roles);
    strvec_free(&cli->capabilities);
    strvec_free(&cli->groups);
    strvec_free(&cli->add);
    strvec_free(&cli->remove);
    cli_reissue_free(cli);
    role_bundles_free(&cli->can_bundles);
}

int cli_run(const struct session_options *opts, int argc, char **argv)
{
    const struct cli_command *c = find_command(argv[0]);
    struct cli cli = {.opts = opts};
    int rc;

    api_error_init(&cli.err);
    rc = parse_args(&cli, c, argc, argv);
    /* The journal is a local file: no profile, token or network needed. */
    if (rc == 0 && c->run == cli_cmd_journal) {
        rc = c->run(&cli, argc, argv);
        free_args(&cli);
        api_error_clear(&cli.err);
        return rc < 0 ? 0 : rc;
    }
    if (rc == 0)
        rc = cli_open(&cli);
    if (rc == 0 && c->writes && (action_check_writable(cli.session.profile, &cli.err) < 0 ||
                                 cli_ticket_check(&cli) < 0)) {
        rc = report(&cli);
    } else if (rc == 0) {
        rc = c->run(&cli, argc, argv);
    }
    free_args(&cli);
    cli_close(&cli);
    return rc < 0 ? 0 : rc;
}

int cli_check_args(int argc, char **argv)
{
    const struct cli_command *c = argc > 0 ? find_command(argv[0]) : NULL;
    struct cli cli = {0};
    int rc;

    if (!c)
        return 2;
    rc = parse_args(&cli, c, argc, argv);
    free_args(&cli);
    return rc;
}

/* For the commands in other files (cli_private.h). */
int cli_report(struct cli *cli)
{
    return report(cli);
}

int cli_find_invitation(struct cli *cli, const char *id, struct invitation *out)
{
    return find_invitation(cli, id, out);
}

int cli_print_one(struct cli *cli, const struct invitation *inv)
{
    return print_one(cli, inv);
}

bool cli_confirm(struct cli *cli, const struct strbuf *text)
{
    return confirm(cli, text);
}

void cli_journal_attempt(struct cli *cli, const struct journal_entry *e, int rc)
{
    journal_attempt(cli, e, rc);
}
