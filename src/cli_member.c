#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/action.h"
#include "invitui/cli_private.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"

/* `invitui groups` and `invitui remove`: fixing a wrong invitation without
 * a new one. Each finds the member as the server has it now, refuses with
 * the action core's reason, confirms (what changes or is lost), acts once
 * and journals the attempt. */

static int refuse(struct cli *cli, struct invitation *target, enum inv_action action)
{
    const char *why = action_refusal(cli->session.ops, target, action, time(NULL));

    if (!why)
        return 0;
    api_error_set(&cli->err, API_ERR_STATE, "%s", why);
    invitation_free(target);
    return -1;
}

static bool confirm_member(struct cli *cli, enum inv_action action,
                           const struct invitation *target, const struct group_change *change)
{
    struct action_scope scope = {cli->session.profile, cli->session.ops, target->account_id,
                                 NULL};
    struct strbuf text;

    strbuf_init(&text);
    action_confirm_details(&text, &scope, action, NULL);
    action_confirm_ticket(&text, cli->ticket);
    if (action == INV_ACTION_GROUPS)
        action_groups_question(&text, target->email ? target->email : target->name, change);
    else
        action_remove_question(&text, cli->session.ops, target);
    bool go = cli_confirm(cli, &text);
    strbuf_free(&text);
    return go;
}

static void journal_member(struct cli *cli, enum inv_action action,
                           const struct invitation *target, const char *change, int rc)
{
    struct action_scope scope = {cli->session.profile, cli->session.ops, target->account_id,
                                 NULL};
    struct journal_entry e;

    action_journal_entry(&e, &scope, action, target, NULL);
    e.change = change;
    cli_journal_attempt(cli, &e, rc);
}

int cli_cmd_groups(struct cli *cli, int argc, char **argv)
{
    struct group_change change = {&cli->add, &cli->remove};
    struct invitation target = {0}, result = {0};

    (void)argc;
    (void)argv;
    if (!cli->add.n && !cli->remove.n) {
        api_error_set(&cli->err, API_ERR_USAGE, _("name a group to --add or --remove"));
        return cli_report(cli);
    }
    if (cli_find_invitation(cli, cli->target, &target) < 0 ||
        refuse(cli, &target, INV_ACTION_GROUPS) < 0)
        return cli_report(cli);
    if (!confirm_member(cli, INV_ACTION_GROUPS, &target, &change)) {
        invitation_free(&target);
        return cli_report(cli);
    }
    int rc = action_change_groups(&cli->ctx, cli->session.ops, &target, &change, &result,
                                  &cli->err);
    char *text = action_group_change_text(&change);
    journal_member(cli, INV_ACTION_GROUPS, &target, text, rc);
    free(text);
    invitation_free(&target);
    if (rc < 0)
        return cli_report(cli);
    rc = cli_print_one(cli, &result);
    invitation_free(&result);
    return rc;
}

int cli_cmd_remove(struct cli *cli, int argc, char **argv)
{
    struct invitation target = {0};

    (void)argc;
    (void)argv;
    if (cli_find_invitation(cli, cli->target, &target) < 0 ||
        refuse(cli, &target, INV_ACTION_REMOVE) < 0)
        return cli_report(cli);
    if (!confirm_member(cli, INV_ACTION_REMOVE, &target, NULL)) {
        invitation_free(&target);
        return cli_report(cli);
    }
    int rc = action_remove(&cli->ctx, cli->session.ops, &target, &cli->err);
    journal_member(cli, INV_ACTION_REMOVE, &target, NULL, rc);
    if (rc == 0) {
        char *who = sanitize_cstr(target.email ? target.email : target.id, 0);
        if (cli->json) {
            json_t *o = json_pack("{s:b, s:s?, s:s?, s:s?}", "removed", 1, "id", target.id,
                                  "email", target.email, "account", target.account_id);
            json_dumpf(o, stdout, JSON_COMPACT);
            putchar('\n');
            json_decref(o);
        } else
            printf(_("Removed %s from the account.\n"), who);
        free(who);
    }
    invitation_free(&target);
    return rc < 0 ? cli_report(cli) : 0;
}
