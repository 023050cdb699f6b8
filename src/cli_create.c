#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/cli_private.h"
#include "invitui/form.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"

/* `invitui create`: the request from the options (and --from's
 * invitation), one confirmation, one POST, one journal line. */

static void add_assignments(struct create_request *req, const struct strvec *keys, int which,
                            const char *resource)
{
    for (size_t i = 0; i < keys->n; i++) {
        req->assignments = xrealloc(req->assignments,
                                    (req->nassignments + 1) * sizeof(*req->assignments));
        struct create_assignment *a = &req->assignments[req->nassignments++];
        memset(a, 0, sizeof(*a));
        char *k = xstrdup(keys->v[i]);
        if (which == 0)
            a->role_key = k;
        else if (which == 1)
            a->capability_key = k;
        else
            a->group_id = k;
        a->resource_id = xstrdup_or_null(resource);
    }
}

static int build_create_request(struct cli *cli, struct create_request *req)
{
    if (util_str_empty(cli->email))
        return api_error_set(&cli->err, API_ERR_USAGE, _("create needs --email"));
    const char *why = form_email_problem(cli->email);
    if (why)
        /* TRANSLATORS: %s is the create form's complaint about the address,
         * a whole sentence. */
        return api_error_set(&cli->err, API_ERR_USAGE, _("--email is not an e-mail address: %s"),
                             why);
    req->email = xstrdup(cli->email);
    if (cli->session.ops->create_fields & CREATE_FIELD_ASSIGNMENTS) {
        if (cli_validate_locale(cli) < 0)
            return -1;
        if (!cli->roles.n && !cli->capabilities.n && !cli->groups.n &&
            !cli_reissue_has_assignments(cli))
            return api_error_set(&cli->err, API_ERR_USAGE,
                                 _("create needs at least one --role, --capability or --group"));
        req->locale = xstrdup_or_null(cli->locale ? cli->locale : cli->session.profile->locale);
        req->note = xstrdup_or_null(cli->note);
        add_assignments(req, &cli->roles, 0, cli->resource);
        add_assignments(req, &cli->capabilities, 1, cli->resource);
        add_assignments(req, &cli->groups, 2, cli->resource);
        cli_reissue_merge(cli, req);
        return 0;
    }
    if (util_str_empty(cli->first_name) || util_str_empty(cli->last_name) || !cli->groups.n)
        return api_error_set(&cli->err, API_ERR_USAGE,
                             _("Marketplace needs --first-name, --last-name and at least one "
                               "--group UGR-…"));
    req->first_name = xstrdup(cli->first_name);
    req->last_name = xstrdup(cli->last_name);
    for (size_t i = 0; i < cli->groups.n; i++)
        strvec_push(&req->groups, cli->groups.v[i]);
    return 0;
}

/* A second invitation to someone who has a pending one sends a second
 * e-mail and leaves two links: refused unless --again, with the resend
 * that usually helps instead. */
static int duplicate_guard(struct cli *cli, const char *account_id, const char *email)
{
    struct invitation_query q = {.status = -1, .email = email, .search = NULL};
    struct invitation_list l = {0};

    if (cli->again)
        return 0;
    /* A check that cannot be made guards nothing: the create's own request
     * then says what is wrong (and is journaled), as it did before. */
    if (cli->session.ops->list_invitations(&cli->ctx, account_id, &q, &l, &cli->err) < 0) {
        invitation_list_free(&l);
        api_error_clear(&cli->err);
        return 0;
    }
    const struct invitation *pending = action_pending_for(&l, email);
    if (pending) {
        struct strbuf sb;
        strbuf_init(&sb);
        action_pending_text(&sb, pending);
        char *id = sanitize_cstr(pending->id ? pending->id : "", 0);
        /* TRANSLATORS: %1$s says who has a pending invitation, a sentence;
         * %2$s is its id. */
        api_error_set(&cli->err, API_ERR_STATE,
                      _("%1$s Not invited again; resend that one with `invitui resend %2$s`, "
                        "or pass --again to invite anyway."),
                      sb.data, id);
        free(id);
        strbuf_free(&sb);
    }
    invitation_list_free(&l);
    return pending ? -1 : 0;
}

int cli_cmd_create(struct cli *cli, int argc, char **argv)
{
    struct create_request req = {0};
    struct invitation result = {0};
    struct strvec ids = {0};
    int rc = -1;

    (void)argc;
    (void)argv;
    if (cli->from && cli_reissue_prefill(cli) < 0)
        return cli_report(cli);
    if (build_create_request(cli, &req) == 0 && cli_collect_accounts(cli, &ids) == 0) {
        if (ids.n != 1)
            api_error_set(&cli->err, API_ERR_USAGE,
                          ngettext("the profile has %zu account; choose one with --account",
                                   "the profile has %zu accounts; choose one with --account",
                                   ids.n),
                          ids.n);
        else {
            struct action_scope scope = {cli->session.profile, cli->session.ops, ids.v[0],
                                         NULL};
            struct journal_entry e;
            if (duplicate_guard(cli, ids.v[0], req.email) == 0 &&
                cli_confirm_action(cli, INV_ACTION_CREATE, req.email, ids.v[0], req.locale)) {
                rc = action_create(&cli->ctx, cli->session.ops, ids.v[0], &req, &result,
                                   &cli->err);
                action_journal_create(&e, &scope, &req, rc == 0 ? &result : NULL);
                cli_journal_attempt(cli, &e, rc);
            }
        }
    }
    strvec_free(&ids);
    create_request_free(&req);
    return cli_finish_action(cli, rc, &result);
}

