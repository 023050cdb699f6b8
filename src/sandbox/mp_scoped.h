/* mp_scoped: the user-shaped items of the account-scoped collections
 * (/public/v1/accounts/accounts/{ACC}/users and the 2025 spelling
 * /public/v1/accounts/{ACC}/users): top-level id USR-..., email, name,
 * firstName, lastName, status, invitation, as the docs' User object in
 * ACCOUNT CONTEXT shows it [S1 users/README] and as the official client's
 * e2e test reads it (it filters the collection by id=USR-...) [S8].
 *
 * Contract: as mp_json.h; called with the state mutex held. */
#ifndef INVITUI_SANDBOX_MP_SCOPED_H
#define INVITUI_SANDBOX_MP_SCOPED_H

#include "mp_json.h"

extern const struct mp_user_shape mp_scoped_user_shape;
extern const char *const mp_scoped_fields[];

#endif
