#include "config.h"

#include "hybridbox.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hb_validate.h"
#include "jsonw.h"

void hb_error(struct sb_response *resp, unsigned status, const char *detail)
{
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    jsonw_obj_begin(&w);
    jsonw_kstr(&w, "detail", detail);
    jsonw_obj_end(&w);
    sb_respond(resp, status, &sb, "application/json");
}

static void write_uuid(struct jsonw *w, const char *key, const struct sb_uuid *u)
{
    char buf[SB_UUID_STRLEN];

    jsonw_key(w, key);
    if (data_uuid_is_zero(u)) {
        jsonw_null(w);
        return;
    }
    data_uuid_format(u, buf);
    jsonw_str(w, buf);
}

static void write_time(struct jsonw *w, const char *key, int64_t ms)
{
    char buf[32];

    jsonw_key(w, key);
    if (!ms) {
        jsonw_null(w);
        return;
    }
    data_fmt_time_s(ms, buf);
    jsonw_str(w, buf);
}

/* Capabilities are stored in sorted order; roles are not, so they go
 * through this permutation (alphabetical order of hb_roles). */
static const uint8_t roles_sorted[] = { 7, 6, 8, 4, 2, 1, 5, 3, 0 };

static void write_keys(struct jsonw *w, const char *key, const char *const *table, size_t n,
                       uint32_t mask)
{
    jsonw_key(w, key);
    jsonw_arr_begin(w);
    for (size_t k = 0; k < n; k++) {
        size_t i = table == hb_roles ? roles_sorted[k] : k;
        if (mask & (1u << i))
            jsonw_str(w, table[i]);
    }
    jsonw_arr_end(w);
}

/* Capabilities granted by a group, including those of its ancestors. */
static uint32_t group_caps(const struct hb_account *a, int g)
{
    uint32_t caps = 0;

    for (int depth = 0; g >= 0 && depth < 8; depth++) {
        caps |= data_caps_of_roles(a->groups[g].bundles) | a->groups[g].direct;
        g = a->groups[g].parent;
    }
    return caps;
}

static void write_context(struct jsonw *w, const struct hb_account *a, uint32_t bundles,
                          uint32_t direct, uint32_t resolved, bool owner,
                          const char *subject_id, const char *subject_type)
{
    jsonw_key(w, "permission_context");
    jsonw_obj_begin(w);
    write_keys(w, "assigned_bundle_keys", hb_roles, hb_n_roles, bundles);
    write_keys(w, "direct_capability_keys", hb_capabilities, hb_n_capabilities, direct);
    jsonw_key(w, "owner_assignments");
    jsonw_arr_begin(w);
    if (owner) {
        jsonw_obj_begin(w);
        write_uuid(w, "account_id", &a->id);
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);
    write_keys(w, "resolved_capability_keys", hb_capabilities, hb_n_capabilities, resolved);
    jsonw_kstr(w, "status", "active");
    jsonw_kstr(w, "subject_id", subject_id);
    jsonw_kstr(w, "subject_type", subject_type);
    jsonw_obj_end(w);
}

static const char *const asg_kind_names[] = { "role", "capability", "group", "grant" };

static void write_assignment(struct jsonw *w, const struct hb_account *a,
                             const struct hb_assignment *s, size_t position)
{
    char gid[SB_UUID_STRLEN];

    jsonw_obj_begin(w);
    jsonw_kstr(w, "assignment_kind", asg_kind_names[s->kind]);
    jsonw_kint(w, "position", (long long)position);
    jsonw_kstr(w, "capability_key",
               s->kind == HB_ASG_CAPABILITY ? hb_capabilities[s->capability] : NULL);
    jsonw_kstr(w, "grant_kind", s->grant_kind < hb_n_grant_kinds ? hb_grant_kinds[s->grant_kind]
                                                                   : NULL);
    if (s->group >= 0)
        data_uuid_format(&a->groups[s->group].id, gid);
    jsonw_kstr(w, "group_id", s->group >= 0 ? gid : NULL);
    write_uuid(w, "id", &s->id);
    write_uuid(w, "resource_id", &s->resource_id);
    jsonw_kstr(w, "resource_type", s->resource_type < hb_n_resource_types
                                        ? hb_resource_types[s->resource_type] : NULL);
    jsonw_kstr(w, "role_key", s->kind == HB_ASG_ROLE ? hb_roles[s->role] : NULL);
    jsonw_obj_end(w);
}

static void write_invitation(struct jsonw *w, const struct hb_account *a,
                             const struct hb_invitation *inv, int64_t now)
{
    uint32_t bundles = 0, direct = 0, resolved = 0;
    bool owner = false;
    char subject[SB_UUID_STRLEN] = "";

    jsonw_obj_begin(w);
    jsonw_key(w, "assignments");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < inv->n_asg; i++) {
        const struct hb_assignment *s = &inv->asg[i];
        write_assignment(w, a, s, i);
        if (s->kind == HB_ASG_ROLE)
            bundles |= 1u << s->role;
        else if (s->kind == HB_ASG_CAPABILITY)
            direct |= 1u << s->capability;
        else if (s->kind == HB_ASG_GROUP)
            resolved |= group_caps(a, s->group);
        else
            owner = true;
    }
    jsonw_arr_end(w);
    resolved |= data_caps_of_roles(bundles) | direct;
    if (owner) /* an account owner holds every capability on the account */
        resolved = (uint32_t)((1ULL << hb_n_capabilities) - 1);
    jsonw_kstr(w, "email", inv->email);
    write_uuid(w, "id", &inv->id);
    if (!data_uuid_is_zero(&inv->accepted_subject))
        data_uuid_format(&inv->accepted_subject, subject);
    write_context(w, a, bundles, direct, resolved, owner, subject,
                  subject[0] ? "user" : "unknown");
    jsonw_kstr(w, "status", hb_status_name(hb_effective_status(inv, now)));
    write_time(w, "accepted_at", inv->accepted_at);
    jsonw_kstr(w, "accepted_subject_id", subject[0] ? subject : NULL);
    write_time(w, "created_at", inv->created_at);
    write_time(w, "expires_at", inv->expires_at);
    jsonw_kstr(w, "note", inv->note);
    jsonw_obj_end(w);
}

static void respond_invitation(struct sb_response *resp, unsigned status,
                               const struct hb_account *a, const struct hb_invitation *inv,
                               int64_t now)
{
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    write_invitation(&w, a, inv, now);
    sb_respond(resp, status, &sb, "application/json");
}

static void write_account(struct jsonw *w, const struct hb_account *a)
{
    jsonw_obj_begin(w);
    write_uuid(w, "id", &a->id);
    jsonw_kstr(w, "name", a->name);
    jsonw_kstr(w, "status", a->status);
    write_time(w, "created_at", a->created_at);
    write_time(w, "updated_at", a->updated_at);
    jsonw_key(w, "client");
    jsonw_obj_begin(w);
    write_uuid(w, "id", &a->client_id);
    jsonw_kstr(w, "name", a->client_name);
    jsonw_obj_end(w);
    jsonw_obj_end(w);
}

static void write_group(struct jsonw *w, const struct hb_account *a, int gi)
{
    const struct hb_group *g = &a->groups[gi];
    char id[SB_UUID_STRLEN], acc[SB_UUID_STRLEN];
    struct strbuf path;

    data_uuid_format(&g->id, id);
    data_uuid_format(&a->id, acc);
    jsonw_obj_begin(w);
    jsonw_kstr(w, "account_id", acc);
    jsonw_kstr(w, "id", id);
    char *kc = xasprintf("acc-%.8s-group-%d", acc, gi);
    jsonw_kstr(w, "keycloak_name", kc);
    free(kc);
    jsonw_kstr(w, "name", g->name);
    jsonw_key(w, "attributes");
    jsonw_obj_begin(w);
    if (gi % 2 == 0) {
        jsonw_key(w, "cost_center");
        jsonw_arr_begin(w);
        jsonw_str(w, gi == 0 ? "4711" : "0815");
        jsonw_arr_end(w);
    }
    jsonw_obj_end(w);
    jsonw_kstr(w, "description", g->description);
    write_uuid(w, "keycloak_account_id", &a->keycloak_id);
    jsonw_key(w, "linked_scopes");
    jsonw_arr_begin(w);
    if (g->scope_type < hb_n_resource_types) {
        jsonw_obj_begin(w);
        jsonw_kstr(w, "resource_id", acc);
        jsonw_kstr(w, "resource_type", hb_resource_types[g->scope_type]);
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);
    char pid[SB_UUID_STRLEN];
    if (g->parent >= 0)
        data_uuid_format(&a->groups[g->parent].id, pid);
    jsonw_kstr(w, "parent_id", g->parent >= 0 ? pid : NULL);
    strbuf_init(&path);
    for (int p = gi, depth = 0; p >= 0 && depth < 8; p = a->groups[p].parent, depth++) {
        char *seg = xasprintf("/%s%s", a->groups[p].name, path.data ? path.data : "");
        strbuf_reset(&path);
        strbuf_puts(&path, seg);
        free(seg);
    }
    jsonw_kstr(w, "path", path.data);
    strbuf_free(&path);
    write_context(w, a, g->bundles, g->direct, group_caps(a, gi), false, id, "group");
    jsonw_key(w, "subgroup_ids");
    jsonw_arr_begin(w);
    for (size_t k = 0; k < a->n_groups; k++)
        if (a->groups[k].parent == gi) {
            data_uuid_format(&a->groups[k].id, pid);
            jsonw_str(w, pid);
        }
    jsonw_arr_end(w);
    jsonw_obj_end(w);
}

/* ---- Handlers ----------------------------------------------------------- */

static void list_accounts(struct sb_request *req, struct sb_response *resp)
{
    long page = 1, page_size = 25;
    struct hb_validation v;

    hb_validation_init(&v);
    hb_query_long(&v, req->raw_query, "page", 1, 1000000, &page);
    hb_query_long(&v, req->raw_query, "page_size", 1, 100, &page_size);
    if (hb_validation_respond(&v, resp))
        return;
    struct strbuf sb;
    struct jsonw w;
    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    jsonw_obj_begin(&w);
    jsonw_key(&w, "items");
    jsonw_arr_begin(&w);
    size_t start = (size_t)((page - 1) * page_size);
    for (size_t i = start; i < req->st->n_hb && i < start + (size_t)page_size; i++)
        write_account(&w, &req->st->hb[i]);
    jsonw_arr_end(&w);
    jsonw_kint(&w, "page", page);
    jsonw_kint(&w, "page_size", page_size);
    jsonw_kint(&w, "total", (long long)req->st->n_hb);
    jsonw_obj_end(&w);
    sb_respond(resp, 200, &sb, "application/json");
}

static void list_invitations(struct sb_request *req, struct sb_response *resp,
                             struct hb_account *a)
{
    char *email = sb_query_get(req->raw_query, "email");
    char *status = sb_query_get(req->raw_query, "status");
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    jsonw_arr_begin(&w);
    for (size_t i = 0; i < a->n_inv; i++) {
        const struct hb_invitation *inv = &a->inv[i];
        if (email && strcasecmp(email, inv->email) != 0)
            continue;
        if (status && strcmp(status, hb_status_name(hb_effective_status(inv, req->now))) != 0)
            continue;
        write_invitation(&w, a, inv, req->now);
    }
    jsonw_arr_end(&w);
    free(email);
    free(status);
    sb_respond(resp, 200, &sb, "application/json");
}

static void list_groups(struct sb_response *resp, struct hb_account *a)
{
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    jsonw_arr_begin(&w);
    for (size_t i = 0; i < a->n_groups; i++)
        write_group(&w, a, (int)i);
    jsonw_arr_end(&w);
    sb_respond(resp, 200, &sb, "application/json");
}

static void set_action(struct sb_request *req, const char *action, struct hb_account *a,
                       const char *id)
{
    char acc[SB_UUID_STRLEN];

    data_uuid_format(&a->id, acc);
    req->action.provider = "hybridbox";
    req->action.action = action;
    req->action.account_id = xstrdup(acc);
    req->action.id = xstrdup_or_null(id);
}

static void create_invitation(struct sb_request *req, struct sb_response *resp,
                              struct hb_account *a)
{
    struct hb_create c;

    set_action(req, "create", a, NULL);
    if (hb_parse_create(req, a, &c, resp) < 0)
        return;
    req->action.email = xstrdup(c.email);
    req->action.locale = xstrdup_or_null(c.locale);
    for (size_t i = 0; i < a->n_inv; i++)
        if (hb_effective_status(&a->inv[i], req->now) == HB_PENDING &&
            strcasecmp(a->inv[i].email, c.email) == 0) {
            hb_create_free(&c);
            hb_error(resp, 409, "A pending invitation already exists for this email address");
            return;
        }
    struct hb_invitation *inv = data_hb_add_invitation(a);
    inv->id = data_new_uuid(req->st);
    inv->email = c.email;
    inv->note = c.note;
    inv->asg = c.asg;
    inv->n_asg = (uint8_t)c.n_asg;
    for (size_t i = 0; i < c.n_asg; i++)
        inv->asg[i].id = data_new_uuid(req->st);
    inv->status = HB_PENDING;
    inv->created_at = req->now;
    inv->expires_at = req->now + SB_INVITE_TTL_MS;
    c.email = c.note = NULL;
    c.asg = NULL;
    hb_create_free(&c);
    char id[SB_UUID_STRLEN];
    data_uuid_format(&inv->id, id);
    req->action.id = xstrdup(id);
    respond_invitation(resp, 201, a, inv, req->now);
}

static void resend_invitation(struct sb_request *req, struct sb_response *resp,
                              struct hb_account *a, struct hb_invitation *inv)
{
    char *locale = NULL;

    req->action.email = xstrdup(inv->email);
    if (hb_parse_resend(req, &locale, resp) < 0)
        return;
    req->action.locale = locale;
    enum hb_status s = hb_effective_status(inv, req->now);
    if (s != HB_PENDING) {
        char *msg = xasprintf("Only pending invitations can be resent; this one is %s",
                              hb_status_name(s));
        hb_error(resp, 409, msg);
        free(msg);
        return;
    }
    /* INFERRED: a resend restarts the 7-day window. */
    inv->expires_at = req->now + SB_INVITE_TTL_MS;
    respond_invitation(resp, 200, a, inv, req->now);
}

static void revoke_invitation(struct sb_request *req, struct sb_response *resp,
                              struct hb_invitation *inv)
{
    req->action.email = xstrdup(inv->email);
    if (inv->status == HB_ACCEPTED) {
        hb_error(resp, 409, "Accepted invitations cannot be revoked");
        return;
    }
    inv->status = HB_REVOKED;
    resp->status = 204;
}

static bool method_is(const struct sb_request *req, const char *m)
{
    return strcmp(req->method, m) == 0;
}

static void method_not_allowed(struct sb_response *resp)
{
    hb_error(resp, 405, "Method Not Allowed");
}

/* /v1/public/accounts/{id}/auth/invitations[/{iid}[/resend]] */
static void route_invitations(struct sb_request *req, struct sb_response *resp,
                              struct hb_account *a)
{
    if (req->n_segs == 6) {
        if (method_is(req, "GET"))
            list_invitations(req, resp, a);
        else if (method_is(req, "POST"))
            create_invitation(req, resp, a);
        else
            method_not_allowed(resp);
        return;
    }
    const char *iid = req->segs[6];
    if (req->n_segs > 8 || (req->n_segs == 8 && strcmp(req->segs[7], "resend") != 0)) {
        hb_error(resp, 404, "Not Found");
        return;
    }
    bool resend = req->n_segs == 8;
    if (resend ? !method_is(req, "POST") : !method_is(req, "GET") && !method_is(req, "DELETE")) {
        method_not_allowed(resp);
        return;
    }
    if (resend || method_is(req, "DELETE"))
        set_action(req, resend ? "resend" : "delete", a, iid);
    struct hb_invitation *inv;
    if (hb_check_uuid_path(iid, "invitation_id", resp) < 0)
        return;
    if (!(inv = data_hb_invitation(a, iid))) {
        hb_error(resp, 404, "Not Found");
        return;
    }
    if (resend)
        resend_invitation(req, resp, a, inv);
    else if (method_is(req, "DELETE"))
        revoke_invitation(req, resp, inv);
    else
        respond_invitation(resp, 200, a, inv, req->now);
}

void hb_handle(struct sb_request *req, struct sb_response *resp)
{
    char **s = req->segs;
    size_t n = req->n_segs;

    if (n < 3 || strcmp(s[0], "v1") || strcmp(s[1], "public") || strcmp(s[2], "accounts")) {
        hb_error(resp, 404, "Not Found");
        return;
    }
    if (n == 3) {
        if (method_is(req, "GET"))
            list_accounts(req, resp);
        else
            method_not_allowed(resp);
        return;
    }
    bool invitations = n >= 6 && !strcmp(s[4], "auth") && !strcmp(s[5], "invitations");
    bool groups = n == 6 && !strcmp(s[4], "auth") && !strcmp(s[5], "groups");
    if (n != 4 && !invitations && !groups) {
        hb_error(resp, 404, "Not Found");
        return;
    }
    if (hb_check_uuid_path(s[3], "account_id", resp) < 0)
        return;
    struct hb_account *a = data_hb_account(req->st, s[3]);
    if (!a) {
        hb_error(resp, 404, "Not Found");
        return;
    }
    if (invitations) {
        route_invitations(req, resp, a);
        return;
    }
    if (!method_is(req, "GET")) {
        method_not_allowed(resp);
        return;
    }
    if (groups) {
        list_groups(resp, a);
        return;
    }
    struct strbuf sb;
    struct jsonw w;
    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    write_account(&w, a);
    sb_respond(resp, 200, &sb, "application/json");
}
