#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/cli_private.h"
#include "invitui/i18n.h"

/* `invitui create --from ID`: a new invitation asking for what an existing
 * one asked for. What the command line gives wins (--email, --note, the
 * names) or is added (--role, --capability, --group); the confirmation and
 * the journal follow as for any create. */

static bool has(const struct strvec *v, const char *s)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->v[i], s) == 0)
            return true;
    return false;
}

int cli_reissue_prefill(struct cli *cli)
{
    struct invitation from = {0};
    struct create_request *req = &cli->from_req;

    if (!cli->session.ops->reissue_request)
        return api_error_set(&cli->err, API_ERR_USAGE, _("this provider cannot reissue"));
    if (cli_find_invitation(cli, cli->from, &from) < 0)
        return -1;
    if (cli->session.ops->reissue_request(&from, req) < 0) {
        invitation_free(&from);
        return api_error_set(&cli->err, API_ERR_PARSE,
                             _("the invitation's object cannot be read to reissue it"));
    }
    if (!cli->account && from.account_id)
        cli->account = cli->from_account = xstrdup(from.account_id);
    invitation_free(&from);
    if (!cli->email)
        cli->email = req->email;
    if (!cli->note)
        cli->note = req->note;
    if (!cli->first_name)
        cli->first_name = req->first_name;
    if (!cli->last_name)
        cli->last_name = req->last_name;
    struct strvec added = cli->groups;
    cli->groups = (struct strvec){0};
    for (size_t i = 0; i < req->groups.n; i++)
        strvec_push(&cli->groups, req->groups.v[i]);
    for (size_t i = 0; i < added.n; i++)
        if (!has(&cli->groups, added.v[i]))
            strvec_push(&cli->groups, added.v[i]);
    strvec_free(&added);
    return 0;
}

bool cli_reissue_has_assignments(const struct cli *cli)
{
    return cli->from_req.nassignments > 0;
}

void cli_reissue_merge(struct cli *cli, struct create_request *req)
{
    struct create_request *from = &cli->from_req;
    size_t n = from->nassignments;

    if (!n)
        return;
    req->assignments = xrealloc(req->assignments,
                                (req->nassignments + n) * sizeof(*req->assignments));
    memmove(req->assignments + n, req->assignments,
            req->nassignments * sizeof(*req->assignments));
    memcpy(req->assignments, from->assignments, n * sizeof(*req->assignments));
    req->nassignments += n;
    from->nassignments = 0; /* moved */
}

void cli_reissue_free(struct cli *cli)
{
    create_request_free(&cli->from_req);
    free(cli->from_account);
}
