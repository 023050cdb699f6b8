/* mp_json: serialisation of Marketplace objects (AccountUser, Account,
 * UserGroup) and the RQL field getters over them; the pieces of an account
 * user that its two representations share.
 *
 * Contract: absent values are omitted, never written as null (platform
 * canon); `audit` is written only when selected, otherwise the object's
 * $meta.omitted lists it. Called with the state mutex held. */
#ifndef INVITUI_SANDBOX_MP_JSON_H
#define INVITUI_SANDBOX_MP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "data.h"
#include "jsonw.h"
#include "rql.h"

/* What the RQL getters and the sorters see. */
struct mp_user_ref {
    const struct mp_account *acc;
    const struct mp_user *u;
    int64_t now;
};

struct mp_group_ref {
    const struct mp_account *acc;
    const struct mp_group *g;
};

/* One representation of an account user: what its items look like, which
 * fields RQL may filter and order on, and how to read them. The
 * collections and actions take a shape and never test which one it is. */
struct mp_user_shape {
    const char *tag; /* keeps the shapes' cached views apart */
    const char *const *fields; /* NULL-terminated */
    rql_getter get;            /* over a struct mp_user_ref */
    void (*write)(struct jsonw *w, const struct mp_user_ref *r, bool audit);
};

/* The standalone collection's AccountUser: id AUSR-..., nested user. */
extern const struct mp_user_shape mp_account_user_shape;

void mp_write_user(struct jsonw *w, const struct mp_account *a, const struct mp_user *u,
                   int64_t now, bool audit);
void mp_write_account(struct jsonw *w, const struct mp_account *a, bool audit);
void mp_write_group(struct jsonw *w, const struct mp_account *a, const struct mp_group *g,
                    bool audit);

/* Pieces of an account user, each writing its own key(s). */
void mp_json_time(struct jsonw *w, const char *key, int64_t ms); /* nothing when 0 */
void mp_json_meta_omitted(struct jsonw *w, bool audit);          /* nothing when audit */
/* {at, by?}; by < 0: no "by". Nothing when at is 0. */
void mp_json_event(struct jsonw *w, const char *key, int64_t at, int by);
void mp_json_account_summary(struct jsonw *w, const struct mp_account *a);
/* The user's groups; with_account adds each group's account summary. */
void mp_json_groups(struct jsonw *w, const struct mp_account *a, const struct mp_user *u,
                    bool with_account);
void mp_json_buyers(struct jsonw *w, const struct mp_user *u); /* nothing when none */
void mp_json_modules(struct jsonw *w, const struct mp_account *a, const struct mp_user *u);
/* {url (only while Invited), status}. */
void mp_json_invitation(struct jsonw *w, const struct mp_user *u, enum mp_status s);
/* ms formatted into buf, or NULL when 0 (for getters). */
const char *mp_json_time_value(int64_t ms, char *buf, size_t size);

/* NULL-terminated lists of the fields that filters and `order` accept. */
extern const char *const mp_user_fields[];
extern const char *const mp_account_fields[];
extern const char *const mp_group_fields[];

const char *mp_user_get(const void *obj, const char *field, char *buf, size_t size);
const char *mp_account_get(const void *obj, const char *field, char *buf, size_t size);
const char *mp_group_get(const void *obj, const char *field, char *buf, size_t size);

#endif
