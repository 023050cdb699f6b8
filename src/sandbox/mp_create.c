#include "config.h"

#include "mp_create.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hb_validate.h"
#include "jsonw.h"
#include "marketplace.h"
#include "mp_fields.h"
#include "mp_json.h"

/* A required string member of at least one character. */
static const char *required_string(struct mp_field_errors *e, json_t *obj, const char *key,
                                   const char *field, const char *label)
{
    json_t *j = obj ? json_object_get(obj, key) : NULL;

    if (j && !json_is_string(j) && !json_is_null(j)) {
        char *msg = xasprintf("The JSON value could not be converted to System.String. Path: $.%s",
                              field);
        mp_field_error(e, field, msg);
        free(msg);
        return NULL;
    }
    if (!j || json_is_null(j) || json_string_length(j) == 0) {
        char *msg = xasprintf("The %s field is required.", label);
        mp_field_error(e, field, msg);
        free(msg);
        return NULL;
    }
    return json_string_value(j);
}

static void check_max(struct mp_field_errors *e, json_t *obj, const char *key, const char *field,
                      size_t max)
{
    json_t *j = obj ? json_object_get(obj, key) : NULL;

    if (j && json_is_string(j) && json_string_length(j) > max) {
        char *msg = xasprintf("The field %s must be a string with a maximum length of %zu.",
                              field, max);
        mp_field_error(e, field, msg);
        free(msg);
    }
}

/* The body's account: must match the route's when both are given. */
static struct mp_account *check_account(struct mp_field_errors *e, json_t *root, struct sb_state *st,
                                        struct mp_account *route)
{
    json_t *acc = json_object_get(root, "account");
    json_t *id = acc ? json_object_get(acc, "id") : NULL;

    if (!id || json_is_null(id)) {
        if (!route)
            mp_field_error(e, "account.id", "The Id field is required.");
        return route;
    }
    if (!json_is_string(id) || !mp_id_matches(json_string_value(id), "ACC")) {
        mp_field_error(e, "account.id", "The field Id must match the regular expression "
                                   "'^ACC-\\d{4}-\\d{4}$'.");
        return route;
    }
    if (route) {
        if (strcmp(route->id, json_string_value(id)) != 0)
            mp_field_error(e, "account.id", "The account id does not match the route.");
        return route;
    }
    struct mp_account *a = data_mp_account(st, json_string_value(id));
    if (!a)
        mp_field_error(e, "account.id", "The account does not exist.");
    return a;
}

struct new_user {
    const char *email, *first, *last;
    uint32_t groups;
    struct mp_account *acc;
};

static int validate(struct sb_request *req, struct sb_response *resp, struct mp_account *route,
                    json_t *root, struct new_user *nu)
{
    struct mp_field_errors e = { { 0 }, { 0 } };
    json_t *user = json_object_get(root, "user");

    if (!json_is_object(user)) {
        mp_field_error(&e, "user", "The User field is required.");
        user = NULL;
    }
    nu->email = required_string(&e, user, "email", "user.email", "Email");
    if (nu->email && hb_email_problem(nu->email))
        mp_field_error(&e, "user.email", "The Email field is not a valid e-mail address.");
    nu->first = required_string(&e, user, "firstName", "user.firstName", "FirstName");
    nu->last = required_string(&e, user, "lastName", "user.lastName", "LastName");
    json_t *phone = user ? json_object_get(user, "phone") : NULL;
    check_max(&e, phone, "prefix", "user.phone.prefix", 10);
    check_max(&e, phone, "number", "user.phone.number", 15);
    json_t *settings = user ? json_object_get(user, "settings") : NULL;
    check_max(&e, settings, "cultureCode", "user.settings.cultureCode", 5);
    check_max(&e, settings, "languageCode", "user.settings.languageCode", 5);
    nu->acc = check_account(&e, root, req->st, route);
    nu->groups = mp_check_group_list(&e, json_object_get(root, "groups"), nu->acc, "groups");
    int rc = e.fields.n ? -1 : 0;
    if (rc < 0)
        mp_field_errors_respond(resp, &e);
    mp_field_errors_free(&e);
    return rc;
}

/* The same person keeps one USR id across accounts. */
static const char *existing_user_id(struct sb_state *st, const char *email)
{
    for (size_t i = 0; i < st->n_mp; i++)
        for (size_t j = 0; j < st->mp[i].n_users; j++)
            if (strcasecmp(st->mp[i].users[j].email, email) == 0)
                return st->mp[i].users[j].user_id;
    return NULL;
}

static void create(struct sb_request *req, struct sb_response *resp, const struct new_user *nu,
                   const struct mp_user_shape *shape)
{
    struct mp_account *a = nu->acc;

    for (size_t j = 0; j < a->n_users; j++)
        if (strcasecmp(a->users[j].email, nu->email) == 0) {
            mp_problem(resp, 409, "Conflict", "The user is already a member of this account.");
            return;
        }
    char ausr[24], usr[16];
    data_new_mp_ids(req->st, ausr, usr);
    const char *known = existing_user_id(req->st, nu->email);
    struct mp_user *u = data_mp_add_user(a);
    snprintf(u->id, sizeof(u->id), "%s", ausr);
    snprintf(u->user_id, sizeof(u->user_id), "%s", known ? known : usr);
    u->name = xasprintf("%s %s", nu->first, nu->last);
    data_mp_set_names(u, nu->first, nu->last);
    u->email = xstrdup(nu->email);
    u->groups = nu->groups;
    u->status = MP_INVITED;
    u->created_at = u->updated_at = u->invited_at = req->now;
    u->created_by = u->updated_by = 1;
    u->invite_code = data_new_code(req->st);
    struct mp_user_ref r = { a, u, req->now };
    char buf[64];
    free(req->action.id);
    req->action.id = xstrdup(shape->get(&r, "id", buf, sizeof(buf)));
    struct strbuf sb;
    struct jsonw w;
    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    shape->write(&w, &r, false);
    sb_respond(resp, 201, &sb, "application/json");
}

void mp_create_user(struct sb_request *req, struct sb_response *resp, struct mp_account *acc,
                    const struct mp_user_shape *shape)
{
    struct new_user nu;

    req->action.provider = "marketplace";
    req->action.action = "create";
    req->action.account_id = xstrdup_or_null(acc ? acc->id : NULL);
    json_t *root = mp_parse_body(req, resp);
    if (!root)
        return;
    if (json_is_string(json_object_get(json_object_get(root, "user"), "email")))
        req->action.email =
            xstrdup(json_string_value(json_object_get(json_object_get(root, "user"), "email")));
    json_t *inv = json_object_get(json_object_get(root, "invitation"), "status");
    if (json_is_string(inv) && strcmp(json_string_value(inv), "Active") == 0) {
        mp_problem(resp, 403, "Forbidden",
                   "Only Operations may add a user as Active without an invitation.");
    } else if (validate(req, resp, acc, root, &nu) == 0) {
        if (!acc) {
            free(req->action.account_id);
            req->action.account_id = xstrdup(nu.acc->id);
        }
        create(req, resp, &nu, shape);
    }
    json_decref(root);
}
