#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/cli_output.h"
#include "invitui/cli_private.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"

/* `invitui list --can CAPABILITY`: the rows that will grant it, each with
 * the path it comes through: a certain one (ownership, a direct
 * assignment) when there is one, else the first the explainer found. */

static const char *const via_keys[] = {"direct", "owner", "role", "role_unknown", "group",
                                       "group_known"};

int cli_can_learn(struct cli *cli, const struct invitation_list *all)
{
    struct strvec accounts = {0};

    if (!cli->session.ops->explain_subject)
        return api_error_set(&cli->err, API_ERR_USAGE,
                             _("this provider's invitations carry no capability keys"));
    action_learn_bundles(cli->session.ops, all, &cli->can_bundles);
    /* Group ids are the account's own, so one set of bundles holds them all;
     * one that cannot be read marks them all unread (warned once). */
    for (size_t i = 0; cli->session.ops->group_grants && i < all->n; i++)
        if (all->v[i].account_id && !strvec_contains(&accounts, all->v[i].account_id))
            strvec_push(&accounts, all->v[i].account_id);
    for (size_t i = 0; i < accounts.n; i++)
        if (cli_read_groups(cli, accounts.v[i], &cli->can_bundles) < 0)
            break;
    strvec_free(&accounts);
    return 0;
}

static void print_table(const struct invitation *const *rows, size_t n, json_t *const *paths)
{
    printf("%-36s  %-9s  %-8s  %-20s  %s\n", _("ID"), _("STATUS"), _("PATH"), _("THROUGH"),
           _("EMAIL"));
    for (size_t i = 0; i < n; i++) {
        const char *via = json_string_value(json_object_get(paths[i], "via"));
        const char *key = json_string_value(json_object_get(paths[i], "key"));
        const char *title = "-";
        for (size_t k = 0; via && k < ARRAY_SIZE(via_keys); k++)
            if (strcmp(via_keys[k], via) == 0)
                title = action_explain_via_label((enum explain_via)k);
        char *id = sanitize_cstr(rows[i]->id, 0), *email = sanitize_cstr(rows[i]->email, 0);
        char *through = sanitize_cstr(key ? key : "-", 0);
        printf("%-36s  %-9s  %-8s  %-20s  %s\n", id, _(invitation_status_word(rows[i])), title,
               through, email);
        free(id);
        free(email);
        free(through);
    }
}

static json_t *path_json(const struct explain_answer *a)
{
    if (!a->n_paths)
        return json_pack("{s:n, s:n}", "via", "key");
    size_t best = action_explain_best_path(a);
    return json_pack("{s:s, s:s?}", "via", via_keys[a->paths[best].via], "key",
                     a->paths[best].key);
}

int cli_can_print(struct cli *cli, const struct invitation *const *rows, size_t n)
{
    const struct invitation **kept = xcalloc(n + 1, sizeof(*kept));
    json_t **paths = xcalloc(n + 1, sizeof(*paths));
    size_t k = 0;
    int rc = 0;

    for (size_t i = 0; i < n; i++) {
        struct explain_owned subject;
        struct explain_answer a;
        if (action_explain(cli->session.ops, &cli->can_bundles, rows[i], cli->can, &subject, &a,
                           &cli->err) == 0 && a.granted) {
            paths[k] = path_json(&a);
            kept[k++] = rows[i];
        }
        explain_owned_free(&subject);
    }
    if (cli->json)
        rc = cli_print_invitations_json_with(stdout, kept, k, "can", paths) < 0 ? 1 : 0;
    else
        print_table(kept, k, paths);
    for (size_t i = 0; i < k; i++)
        json_decref(paths[i]);
    free(paths);
    free(kept);
    return rc;
}
