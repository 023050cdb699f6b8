#include "config.h"

#include "mp_scoped.h"

#include <string.h>

/* Keys in the order of the docs' ACCOUNT CONTEXT example. `status` is the
 * user's status as this account sees it: the docs say Invited and
 * InvitationExpired "apply only if the user has not yet joined the
 * account", so it is the membership's status (INFERRED for users with
 * memberships elsewhere). `settings` is the example's default, as the
 * sandbox keeps no preferences. */
static void write_scoped(struct jsonw *w, const struct mp_user_ref *r, bool audit)
{
    const struct mp_user *u = r->u;
    enum mp_status s = mp_effective_status(u, r->now);

    jsonw_obj_begin(w);
    jsonw_kstr(w, "id", u->user_id);
    jsonw_kstr(w, "email", u->email);
    jsonw_kstr(w, "status", mp_status_name(s));
    if (data_mp_first_name(u))
        jsonw_kstr(w, "firstName", data_mp_first_name(u));
    if (data_mp_last_name(u))
        jsonw_kstr(w, "lastName", data_mp_last_name(u));
    jsonw_key(w, "settings");
    jsonw_obj_begin(w);
    jsonw_kstr(w, "cultureCode", "en-US");
    jsonw_kstr(w, "languageCode", "en-US");
    jsonw_obj_end(w);
    jsonw_kstr(w, "name", u->name);
    mp_json_account_summary(w, r->acc);
    mp_json_groups(w, r->acc, u, true);
    mp_json_buyers(w, u);
    mp_json_modules(w, r->acc, u);
    mp_json_invitation(w, u, s);
    if (audit) {
        /* The example's events, plus the canon's membership `invited`
         * (without it a client could not compute the 7-day expiry). */
        jsonw_key(w, "audit");
        jsonw_obj_begin(w);
        mp_json_event(w, "login", u->last_login_at, -1);
        mp_json_event(w, "access", u->access_at, -1);
        mp_json_event(w, "joined", u->joined_at, -1);
        mp_json_event(w, "invited", u->invited_at, -1);
        mp_json_event(w, "created", u->created_at, u->created_by);
        mp_json_event(w, "updated", u->updated_at, u->updated_by);
        jsonw_obj_end(w);
    }
    mp_json_meta_omitted(w, audit);
    jsonw_obj_end(w);
}

const char *const mp_scoped_fields[] = {
    "id", "email", "name", "firstName", "lastName", "status", "invitation.status",
    "account.id", "account.name", "audit.created.at", "audit.updated.at", "audit.invited.at",
    "audit.login.at", NULL,
};

/* Each field of this shape is a field of the AccountUser under another
 * name; "id" is the user's USR id, not the membership's AUSR id. */
static const char *const aliases[][2] = {
    { "id", "user.id" }, { "email", "user.email" }, { "name", "user.name" },
    { "firstName", "user.firstName" }, { "lastName", "user.lastName" },
    { "status", "invitation.status" }, { "audit.login.at", "lastLoginAt" },
};

static const char *scoped_get(const void *obj, const char *field, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
        if (strcmp(field, aliases[i][0]) == 0)
            return mp_user_get(obj, aliases[i][1], buf, size);
    return mp_user_get(obj, field, buf, size);
}

const struct mp_user_shape mp_scoped_user_shape = {
    "user", mp_scoped_fields, scoped_get, write_scoped,
};
