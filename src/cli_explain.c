#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/cli_private.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"

/* `invitui explain ID CAPABILITY`: will this person have the capability
 * once they accept, through what, and if not, which role would give it.
 * Role bundles are learned from every invitation of the invitation's
 * account, so the answer says how sure it is. */

static const char *const via_words[] = {"direct", "owner", "role", "role_unknown", "group"};

static void print_path(const struct explain_path *p)
{
    char *key = p->key ? sanitize_cstr(p->key, 0) : NULL;

    fputs("  ", stdout);
    switch (p->via) {
    case EXPLAIN_DIRECT:
        printf(_("directly: a capability assignment of %s (certain)"), key);
        break;
    case EXPLAIN_OWNER:
        fputs(_("as an account owner (certain)"), stdout);
        break;
    case EXPLAIN_ROLE:
        /* TRANSLATORS: %2$zu counts the invitations whose only assignment
         * is this role: they show exactly what it grants. */
        printf(_("through role %1$s: learned from the invitations with that role alone (%2$zu)"),
               key, p->learned_from);
        if (p->inconsistent)
            printf(" %s", _("(they disagree: only what they share counts)"));
        break;
    case EXPLAIN_ROLE_UNKNOWN:
        printf(_("perhaps through role %s: no invitation in the account shows its bundle"), key);
        break;
    case EXPLAIN_GROUP:
        printf(_("perhaps through group %s: the API does not say what a group contains"), key);
        break;
    }
    putchar('\n');
    free(key);
}

static void print_answer(const struct invitation *inv, const char *cap,
                         const struct explain_answer *a)
{
    char *who = sanitize_cstr(inv->email ? inv->email : inv->id, 0);
    char *what = sanitize_cstr(cap, 0);
    char *id = sanitize_cstr(inv->id, 0);

    if (a->granted)
        printf(_("%1$s will have %2$s once they accept.\n"), who, what);
    else
        printf(_("%1$s will not have %2$s.\n"), who, what);
    for (size_t i = 0; i < a->n_paths; i++)
        print_path(&a->paths[i]);
    if (a->granted && !a->n_paths)
        printf("  %s\n", _("through nothing its assignments show"));
    if (!a->granted && a->n_suggest) {
        printf("%s\n", _("Roles that grant it (learned from the account's invitations), "
                         "smallest first:"));
        for (size_t i = 0; i < a->n_suggest; i++) {
            const struct role_bundle *b = a->suggest[i];
            char *role = sanitize_cstr(b->role_key, 0);
            printf("  ");
            /* TRANSLATORS: a role key, how many capabilities its bundle
             * has, and from how many invitations it was learned. */
            printf(_("%1$s (capabilities: %2$zu; learned from invitations: %3$zu)"), role,
                   b->n_caps, b->learned_from);
            putchar('\n');
            free(role);
        }
        char *role = sanitize_cstr(a->suggest[0]->role_key, 0);
        printf(_("To reissue the invitation with it: invitui create --from %1$s --role %2$s\n"),
               id, role);
        free(role);
    } else if (!a->granted) {
        printf("%s\n", _("No documented role in the account's invitations is known to grant it."));
    }
    free(who);
    free(what);
    free(id);
}

static json_t *answer_json(const struct invitation *inv, const char *cap,
                           const struct explain_answer *a)
{
    json_t *paths = json_array(), *suggest = json_array();

    for (size_t i = 0; i < a->n_paths; i++) {
        const struct explain_path *p = &a->paths[i];
        json_t *o = json_pack("{s:s, s:s?}", "via", via_words[p->via], "key", p->key);
        if (p->via == EXPLAIN_ROLE) {
            json_object_set_new(o, "learned_from", json_integer((json_int_t)p->learned_from));
            json_object_set_new(o, "inconsistent", json_boolean(p->inconsistent));
        }
        json_object_set_new(o, "certain",
                            json_boolean(p->via == EXPLAIN_DIRECT || p->via == EXPLAIN_OWNER));
        json_array_append_new(paths, o);
    }
    for (size_t i = 0; i < a->n_suggest; i++)
        json_array_append_new(suggest,
                              json_pack("{s:s, s:I, s:I}", "role", a->suggest[i]->role_key,
                                        "capabilities", (json_int_t)a->suggest[i]->n_caps,
                                        "learned_from", (json_int_t)a->suggest[i]->learned_from));
    return json_pack("{s:s?, s:s?, s:s?, s:s, s:b, s:b, s:o, s:o}", "id", inv->id, "email",
                     inv->email, "account", inv->account_id, "capability", cap, "granted",
                     a->granted, "certain", a->certain, "paths", paths, "suggest", suggest);
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
        print_answer(&target, cli->what, &answer);
    }
    explain_owned_free(&subject);
    role_bundles_free(&rb);
    invitation_free(&target);
    return rc < 0 ? cli_report(cli) : 0;
}
