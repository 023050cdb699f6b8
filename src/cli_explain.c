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

/* `invitui explain ID CAPABILITY`: will this person have the capability
 * once they accept, through what, and if not, which role would give it.
 * Role bundles are learned from every invitation of the invitation's
 * account, so the answer says how sure it is. */

static const char *const via_words[] = {"direct", "owner", "role", "role_unknown", "group",
                                        "group_known"};
static const char *const groups_words[] = {"opaque", "known", "unread"};

void cli_warn_groups_unread(void)
{
    fprintf(stderr, "%s\n",
            _("invitui: warning: the account's groups could not be read: which group gives "
              "what is unknown."));
}

int cli_read_groups(struct cli *cli, const char *account_id, struct role_bundles *rb)
{
    struct api_error err;

    api_error_init(&err);
    int rc = action_read_groups(&cli->ctx, cli->session.ops, account_id, rb, &err);
    api_error_clear(&err);
    if (rc < 0)
        cli_warn_groups_unread();
    return rc;
}

/* Not granted: the smallest group that gives it, as the command that adds
 * it while a group change is allowed, or why it is not. */
static void print_group_offer(const struct provider_ops *ops, const struct invitation *inv,
                              const struct explain_answer *a)
{
    const char *why = action_refusal(ops, inv, INV_ACTION_GROUPS, time(NULL));

    if (why) {
        printf("%s\n", why);
        return;
    }
    char *id = sanitize_cstr(inv->id, 0), *group = sanitize_cstr(a->suggest_groups[0]->group_id, 0);
    printf(_("To give it to them: invitui groups %1$s --add %2$s\n"), id, group);
    free(id);
    free(group);
}

static void print_answer(const struct provider_ops *ops, const struct invitation *inv,
                         const char *cap, const struct explain_answer *a)
{
    struct strbuf text;

    strbuf_init(&text);
    action_explain_text(&text, inv, cap, a);
    fputs(text.data, stdout);
    strbuf_free(&text);
    if (!a->granted && a->n_suggest_groups)
        print_group_offer(ops, inv, a);
    if (a->granted || !a->n_suggest)
        return;
    char *id = sanitize_cstr(inv->id, 0), *role = sanitize_cstr(a->suggest[0]->role_key, 0);
    printf(_("To reissue the invitation with it: invitui create --from %1$s --role %2$s\n"), id,
           role);
    free(id);
    free(role);
}

static json_t *suggest_groups_json(const struct explain_answer *a)
{
    json_t *v = json_array();

    for (size_t i = 0; i < a->n_suggest_groups; i++)
        json_array_append_new(v, json_pack("{s:s, s:s?, s:I}", "id",
                                           a->suggest_groups[i]->group_id, "name",
                                           a->suggest_groups[i]->name, "gives",
                                           (json_int_t)a->suggest_groups[i]->n_keys));
    return v;
}

static json_t *answer_json(const struct invitation *inv, const char *cap,
                           const struct explain_answer *a)
{
    json_t *paths = json_array(), *suggest = json_array();

    for (size_t i = 0; i < a->n_paths; i++) {
        const struct explain_path *p = &a->paths[i];
        json_t *o = json_pack("{s:s, s:s?}", "via", via_words[p->via], "key", p->key);
        if (p->via == EXPLAIN_GROUP_KNOWN && p->name)
            json_object_set_new(o, "name", json_string(p->name));
        if (p->via == EXPLAIN_ROLE) {
            json_object_set_new(o, "learned_from", json_integer((json_int_t)p->learned_from));
            json_object_set_new(o, "inconsistent", json_boolean(p->inconsistent));
        }
        json_object_set_new(o, "certain",
                            json_boolean(p->via == EXPLAIN_DIRECT || p->via == EXPLAIN_OWNER ||
                                         p->via == EXPLAIN_GROUP_KNOWN));
        json_array_append_new(paths, o);
    }
    for (size_t i = 0; i < a->n_suggest; i++)
        json_array_append_new(suggest,
                              json_pack("{s:s, s:I, s:I}", "role", a->suggest[i]->role_key,
                                        "capabilities", (json_int_t)a->suggest[i]->n_caps,
                                        "learned_from", (json_int_t)a->suggest[i]->learned_from));
    json_t *o = json_pack("{s:s?, s:s?, s:s?, s:s, s:b, s:b, s:o, s:o}", "id", inv->id, "email",
                          inv->email, "account", inv->account_id, "capability", cap, "granted",
                          a->granted, "certain", a->certain, "paths", paths, "suggest", suggest);
    /* Where groups say what they give: the key asked about, its name, whether
     * the account's groups could be read, and which of them would give it. */
    if (a->groups != EXPLAIN_GROUPS_OPAQUE) {
        json_object_set_new(o, "key", json_string(a->key));
        json_object_set_new(o, "name", a->name ? json_string(a->name) : json_null());
        json_object_set_new(o, "active", json_boolean(a->active));
        json_object_set_new(o, "groups", json_string(groups_words[a->groups]));
        json_object_set_new(o, "suggest_groups", suggest_groups_json(a));
    }
    return o;
}

/* The bundles every invitation of the target's account shows. */
static int learn_account(struct cli *cli, const struct invitation *target,
                         struct role_bundles *rb)
{
    struct invitation_query q = {.status = -1, .email = NULL, .search = NULL};
    struct invitation_list all = {0};

    if (cli->session.ops->list_invitations(&cli->ctx, target->account_id, &q, &all,
                                           &cli->err) < 0)
        return -1;
    action_learn_bundles(cli->session.ops, &all, rb);
    invitation_list_free(&all);
    /* Unread groups are no failure: the answer says the attribution is unknown. */
    cli_read_groups(cli, target->account_id, rb);
    return 0;
}

int cli_cmd_explain(struct cli *cli, int argc, char **argv)
{
    struct invitation target = {0};
    struct role_bundles rb = {0};
    struct explain_owned subject = {0};
    struct explain_answer answer;
    int rc = -1;

    (void)argc;
    (void)argv;
    if (!cli->session.ops->explain_subject)
        api_error_set(&cli->err, API_ERR_USAGE,
                      _("this provider's invitations carry no capability keys"));
    else if (cli_find_invitation(cli, cli->target, &target) == 0 &&
             learn_account(cli, &target, &rb) == 0)
        rc = action_explain(cli->session.ops, &rb, &target, cli->what, &subject, &answer,
                            &cli->err);
    if (rc == 0 && cli->json) {
        json_t *o = answer_json(&target, cli->what, &answer);
        json_dumpf(o, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(o);
    } else if (rc == 0) {
        print_answer(cli->session.ops, &target, cli->what, &answer);
    }
    explain_owned_free(&subject);
    role_bundles_free(&rb);
    invitation_free(&target);
    return rc < 0 ? cli_report(cli) : 0;
}
