/* mp_json: serialisation of Marketplace objects (AccountUser, Account,
 * UserGroup) and the RQL field getters over them.
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

void mp_write_user(struct jsonw *w, const struct mp_account *a, const struct mp_user *u,
                   int64_t now, bool audit);
void mp_write_account(struct jsonw *w, const struct mp_account *a, bool audit);
void mp_write_group(struct jsonw *w, const struct mp_account *a, const struct mp_group *g,
                    bool audit);

/* NULL-terminated lists of the fields that filters and `order` accept. */
extern const char *const mp_user_fields[];
extern const char *const mp_account_fields[];
extern const char *const mp_group_fields[];

const char *mp_user_get(const void *obj, const char *field, char *buf, size_t size);
const char *mp_account_get(const void *obj, const char *field, char *buf, size_t size);
const char *mp_group_get(const void *obj, const char *field, char *buf, size_t size);

#endif
