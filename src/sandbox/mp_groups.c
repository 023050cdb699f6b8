#include "config.h"

#include "mp_groups.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "marketplace.h"
#include "mp_fields.h"

static void touched(struct sb_request *req, struct mp_user *u)
{
    u->updated_at = req->now;
    u->updated_by = 1;
}

/* Validates what check produced; answers the 400 when there is an error. */
static bool answered_errors(struct sb_response *resp, struct mp_field_errors *e)
{
    bool bad = e->fields.n > 0;

    if (bad)
        mp_field_errors_respond(resp, e);
    mp_field_errors_free(e);
    return bad;
}

static bool add_group(struct sb_request *req, struct sb_response *resp, struct mp_account *a,
                      struct mp_user *u)
{
    json_t *root = mp_parse_body(req, resp);
    struct mp_field_errors e = { { 0 }, { 0 } };

    if (!root)
        return false;
    int gi = mp_check_group(&e, root, a, "id");
    json_decref(root);
    if (answered_errors(resp, &e))
        return false;
    u->groups |= 1u << gi;
    touched(req, u);
    return true;
}

static bool set_groups(struct sb_request *req, struct sb_response *resp, struct mp_account *a,
                       struct mp_user *u)
{
    json_t *root = mp_parse_body(req, resp);
    struct mp_field_errors e = { { 0 }, { 0 } };

    if (!root)
        return false;
    uint32_t mask = mp_check_group_list(&e, root, a, "$");
    json_decref(root);
    if (answered_errors(resp, &e))
        return false;
    u->groups = mask;
    touched(req, u);
    return true;
}

static void remove_group(struct sb_request *req, struct sb_response *resp, struct mp_account *a,
                         struct mp_user *u, const char *group_id)
{
    int gi;

    if (!data_mp_group(a, group_id, &gi)) {
        char *detail = xasprintf("User group '%s' was not found.", group_id);
        mp_problem(resp, 404, "Not Found", detail);
        free(detail);
    } else if (!(u->groups & (1u << gi))) {
        char *detail = xasprintf("The account user %s is not a member of user group %s.",
                                 u->id, group_id);
        mp_problem(resp, 404, "Not Found", detail);
        free(detail);
    } else if ((u->groups & ~(1u << gi)) == 0) {
        mp_problem(resp, 400, "Bad Request",
                   "An account user must belong to at least one user group.");
    } else {
        u->groups &= ~(1u << gi);
        touched(req, u);
        resp->status = 204;
    }
}

bool mp_user_groups(struct sb_request *req, struct sb_response *resp, struct mp_account *a,
                    struct mp_user *u, const char *group_id)
{
    const char *m = req->method;
    bool collection = group_id == NULL;

    if (collection ? strcmp(m, "POST") && strcmp(m, "PUT") : strcmp(m, "DELETE") != 0) {
        mp_problem(resp, 405, "Method Not Allowed", NULL);
        return false;
    }
    req->action.action = !collection ? "group-remove" : !strcmp(m, "POST") ? "group-add"
                                                                           : "group-set";
    free(req->action.email);
    req->action.email = xstrdup(u->email);
    if (!collection) {
        remove_group(req, resp, a, u, group_id);
        return false;
    }
    return !strcmp(m, "POST") ? add_group(req, resp, a, u) : set_groups(req, resp, a, u);
}
