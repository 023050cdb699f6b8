#include "config.h"

#include "mp_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mp_json_time(struct jsonw *w, const char *key, int64_t ms)
{
    char buf[32];

    if (!ms)
        return;
    data_fmt_time_ms(ms, buf);
    jsonw_kstr(w, key, buf);
}

static void write_icon(struct jsonw *w, const char *key, const char *kind, const char *id,
                       const char *file)
{
    char buf[96];

    snprintf(buf, sizeof(buf), "/v1/accounts/%s/%s/%s", kind, id, file);
    jsonw_kstr(w, key, buf);
}

void mp_json_meta_omitted(struct jsonw *w, bool audit)
{
    if (audit)
        return;
    jsonw_key(w, "$meta");
    jsonw_obj_begin(w);
    jsonw_key(w, "omitted");
    jsonw_arr_begin(w);
    jsonw_str(w, "audit");
    jsonw_arr_end(w);
    jsonw_obj_end(w);
}

void mp_json_event(struct jsonw *w, const char *key, int64_t at, int by)
{
    if (!at)
        return;
    jsonw_key(w, key);
    jsonw_obj_begin(w);
    mp_json_time(w, "at", at);
    if (by >= 0) {
        const struct mp_actor *actor = &mp_actors[by];
        jsonw_key(w, "by");
        jsonw_obj_begin(w);
        jsonw_kstr(w, "id", actor->id);
        jsonw_kstr(w, "name", actor->name);
        write_icon(w, "icon", actor->id[0] == 'T' ? "api-tokens" : "users", actor->id, "icon");
        jsonw_obj_end(w);
    }
    jsonw_obj_end(w);
}

static void write_user_audit(struct jsonw *w, const struct mp_user *u)
{
    jsonw_key(w, "audit");
    jsonw_obj_begin(w);
    mp_json_event(w, "created", u->created_at, u->created_by);
    mp_json_event(w, "updated", u->updated_at, u->updated_by);
    mp_json_event(w, "invited", u->invited_at, -1);
    mp_json_time(w, "invitationAcceptedAt", u->accepted_at);
    mp_json_event(w, "joined", u->joined_at, -1);
    mp_json_event(w, "access", u->access_at, -1);
    jsonw_obj_end(w);
}

static void buyer_id(const struct mp_user *u, int k, char out[16])
{
    unsigned n = u->invite_code ^ (unsigned)(k * 7919);

    snprintf(out, 16, "BUY-%04u-%04u", (n / 10000) % 10000, n % 10000);
}

static void write_module(struct jsonw *w, const struct mp_module *m, const struct mp_user *u)
{
    char id[16];

    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", m->id);
    jsonw_kstr(w, "description", m->description);
    jsonw_kstr(w, "name", m->name);
    if (u->n_buyers) {
        jsonw_key(w, "filters");
        jsonw_obj_begin(w);
        jsonw_key(w, "group.buyers");
        jsonw_arr_begin(w);
        for (int k = 0; k < u->n_buyers; k++) {
            buyer_id(u, k, id);
            jsonw_str(w, id);
        }
        jsonw_arr_end(w);
        jsonw_obj_end(w);
    }
    jsonw_key(w, "settings");
    jsonw_obj_begin(w);
    jsonw_kbool(w, "configurable", m->configurable);
    jsonw_kbool(w, "default", m->dflt);
    jsonw_kbool(w, "paid", m->paid);
    jsonw_key(w, "type");
    jsonw_arr_begin(w);
    jsonw_str(w, m->type);
    jsonw_arr_end(w);
    jsonw_kbool(w, "obsolete", m->obsolete);
    jsonw_key(w, "eligibility");
    jsonw_obj_begin(w);
    jsonw_kbool(w, "multi", m->multi);
    jsonw_kbool(w, "single", m->single);
    jsonw_obj_end(w);
    jsonw_obj_end(w);
    jsonw_obj_end(w);
}

void mp_json_account_summary(struct jsonw *w, const struct mp_account *a)
{
    jsonw_key(w, "account");
    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", a->id);
    write_icon(w, "icon", "accounts", a->id, "icon");
    jsonw_kstr(w, "type", a->type);
    jsonw_kstr(w, "status", a->status);
    jsonw_kstr(w, "name", a->name);
    jsonw_obj_end(w);
}

static void write_group_summary(struct jsonw *w, const struct mp_account *a,
                                const struct mp_group *g)
{
    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", g->id);
    jsonw_kstr(w, "name", g->name);
    jsonw_kstr(w, "description", g->description);
    if (a)
        mp_json_account_summary(w, a);
    write_icon(w, "logo", "user-groups", g->id, "logo");
    jsonw_kbool(w, "isDefault", g->is_default);
    jsonw_obj_end(w);
}

void mp_json_buyers(struct jsonw *w, const struct mp_user *u)
{
    char id[16];

    if (!u->n_buyers)
        return;
    jsonw_key(w, "buyers");
    jsonw_arr_begin(w);
    for (int k = 0; k < u->n_buyers; k++) {
        buyer_id(u, k, id);
        jsonw_obj_begin(w);
        jsonw_kstr(w, "id", id);
        write_icon(w, "icon", "buyers", id, "icon");
        jsonw_kstr(w, "name", k ? "Ærø Buyer AB" : "Zoë Purchasing GmbH");
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);
}

void mp_json_groups(struct jsonw *w, const struct mp_account *a, const struct mp_user *u,
                    bool with_account)
{
    jsonw_key(w, "groups");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < a->n_groups; i++)
        if (u->groups & (1u << i))
            write_group_summary(w, with_account ? a : NULL, &a->groups[i]);
    jsonw_arr_end(w);
}

void mp_json_modules(struct jsonw *w, const struct mp_account *a, const struct mp_user *u)
{
    uint32_t modules = 0;

    for (size_t i = 0; i < a->n_groups; i++)
        if (u->groups & (1u << i))
            modules |= a->groups[i].modules;
    jsonw_key(w, "modules");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < mp_n_modules; i++)
        if (modules & (1u << i))
            write_module(w, &mp_modules[i], u);
    jsonw_arr_end(w);
}

void mp_json_invitation(struct jsonw *w, const struct mp_user *u, enum mp_status s)
{
    jsonw_key(w, "invitation");
    jsonw_obj_begin(w);
    if (s == MP_INVITED) {
        char url[128];
        snprintf(url, sizeof(url),
                 "https://portal.platform.softwareone.com/accept-invite?code=%08x%08x",
                 u->invite_code, u->invite_code * 2654435761u ^ 0x5a4db0c5u);
        jsonw_kstr(w, "url", url);
    }
    jsonw_kstr(w, "status", mp_status_name(s));
    jsonw_obj_end(w);
}

static void write_nested_user(struct jsonw *w, const struct mp_user *u)
{
    jsonw_key(w, "user");
    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", u->user_id);
    write_icon(w, "icon", "users", u->user_id, "icon");
    jsonw_kstr(w, "name", u->name);
    /* The docs' AccountUser example [S1 account-user/README] has email,
     * firstName and lastName; the resend-invite reference has icon and
     * name: the sandbox writes all of them. */
    jsonw_kstr(w, "email", u->email);
    if (data_mp_first_name(u))
        jsonw_kstr(w, "firstName", data_mp_first_name(u));
    if (data_mp_last_name(u))
        jsonw_kstr(w, "lastName", data_mp_last_name(u));
    jsonw_obj_end(w);
}

void mp_write_user(struct jsonw *w, const struct mp_account *a, const struct mp_user *u,
                   int64_t now, bool audit)
{
    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", u->id);
    if (audit)
        write_user_audit(w, u);
    mp_json_meta_omitted(w, audit);
    write_nested_user(w, u);
    mp_json_groups(w, a, u, false);
    mp_json_buyers(w, u);
    mp_json_modules(w, a, u);
    mp_json_account_summary(w, a);
    mp_json_invitation(w, u, mp_effective_status(u, now));
    mp_json_time(w, "lastLoginAt", u->last_login_at);
    jsonw_obj_end(w);
}

void mp_write_account(struct jsonw *w, const struct mp_account *a, bool audit)
{
    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", a->id);
    jsonw_kstr(w, "name", a->name);
    jsonw_kstr(w, "type", a->type);
    jsonw_kstr(w, "status", a->status);
    write_icon(w, "icon", "accounts", a->id, "icon");
    if (audit) {
        jsonw_key(w, "audit");
        jsonw_obj_begin(w);
        mp_json_event(w, "created", a->created_at, 0);
        mp_json_event(w, "updated", a->updated_at, 0);
        jsonw_obj_end(w);
    }
    jsonw_obj_end(w);
}

void mp_write_group(struct jsonw *w, const struct mp_account *a, const struct mp_group *g,
                    bool audit)
{
    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", g->id);
    jsonw_kstr(w, "name", g->name);
    jsonw_kstr(w, "description", g->description);
    mp_json_account_summary(w, a);
    jsonw_key(w, "modules");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < mp_n_modules; i++)
        if (g->modules & (1u << i)) {
            jsonw_obj_begin(w);
            jsonw_kstr(w, "id", mp_modules[i].id);
            jsonw_kstr(w, "name", mp_modules[i].name);
            jsonw_obj_end(w);
        }
    jsonw_arr_end(w);
    write_icon(w, "logo", "user-groups", g->id, "logo");
    jsonw_kbool(w, "isDefault", g->is_default);
    if (audit) {
        jsonw_key(w, "audit");
        jsonw_obj_begin(w);
        mp_json_event(w, "created", g->created_at, 0);
        jsonw_obj_end(w);
    }
    jsonw_obj_end(w);
}

/* ---- RQL getters --------------------------------------------------------- */

const char *const mp_user_fields[] = {
    "id", "user.id", "user.email", "user.name", "user.firstName", "user.lastName",
    "invitation.status", "account.id",
    "account.name", "audit.created.at", "audit.updated.at", "audit.invited.at", "lastLoginAt",
    NULL,
};
const char *const mp_account_fields[] = {
    "id", "name", "type", "status", "audit.created.at", "audit.updated.at", NULL,
};
const char *const mp_group_fields[] = {
    "id", "name", "description", "account.id", "isDefault", "audit.created.at", NULL,
};

const char *mp_json_time_value(int64_t ms, char *buf, size_t size)
{
    char t[32];

    if (!ms)
        return NULL;
    data_fmt_time_ms(ms, t);
    snprintf(buf, size, "%s", t);
    return buf;
}

const char *mp_user_get(const void *obj, const char *f, char *buf, size_t size)
{
    const struct mp_user_ref *r = obj;
    const struct mp_user *u = r->u;

    if (!strcmp(f, "id"))
        return u->id;
    if (!strcmp(f, "user.id"))
        return u->user_id;
    if (!strcmp(f, "user.email"))
        return u->email;
    if (!strcmp(f, "user.name"))
        return u->name;
    if (!strcmp(f, "user.firstName"))
        return data_mp_first_name(u);
    if (!strcmp(f, "user.lastName"))
        return data_mp_last_name(u);
    if (!strcmp(f, "invitation.status"))
        return mp_status_name(mp_effective_status(u, r->now));
    if (!strcmp(f, "account.id"))
        return r->acc->id;
    if (!strcmp(f, "account.name"))
        return r->acc->name;
    if (!strcmp(f, "audit.created.at"))
        return mp_json_time_value(u->created_at, buf, size);
    if (!strcmp(f, "audit.updated.at"))
        return mp_json_time_value(u->updated_at, buf, size);
    if (!strcmp(f, "audit.invited.at"))
        return mp_json_time_value(u->invited_at, buf, size);
    if (!strcmp(f, "lastLoginAt"))
        return mp_json_time_value(u->last_login_at, buf, size);
    return NULL;
}

const char *mp_account_get(const void *obj, const char *f, char *buf, size_t size)
{
    const struct mp_account *a = obj;

    if (!strcmp(f, "id"))
        return a->id;
    if (!strcmp(f, "name"))
        return a->name;
    if (!strcmp(f, "type"))
        return a->type;
    if (!strcmp(f, "status"))
        return a->status;
    if (!strcmp(f, "audit.created.at"))
        return mp_json_time_value(a->created_at, buf, size);
    if (!strcmp(f, "audit.updated.at"))
        return mp_json_time_value(a->updated_at, buf, size);
    return NULL;
}

const char *mp_group_get(const void *obj, const char *f, char *buf, size_t size)
{
    const struct mp_group_ref *r = obj;

    if (!strcmp(f, "id"))
        return r->g->id;
    if (!strcmp(f, "name"))
        return r->g->name;
    if (!strcmp(f, "description"))
        return r->g->description;
    if (!strcmp(f, "account.id"))
        return r->acc->id;
    if (!strcmp(f, "isDefault"))
        return r->g->is_default ? "true" : "false";
    if (!strcmp(f, "audit.created.at"))
        return mp_json_time_value(r->g->created_at, buf, size);
    return NULL;
}

static void write_user_ref(struct jsonw *w, const struct mp_user_ref *r, bool audit)
{
    mp_write_user(w, r->acc, r->u, r->now, audit);
}

const struct mp_user_shape mp_account_user_shape = {
    "account-user", mp_user_fields, mp_user_get, write_user_ref,
};
