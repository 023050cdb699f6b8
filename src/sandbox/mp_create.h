/* mp_create: POST .../users and POST /account-users (CreateAccountUser):
 * ASP.NET-style validation (400 problem details with an `errors` map keyed
 * by field path) and creation of an Invited membership.
 *
 * Contract: called with the state mutex held; always fills resp and the
 * request's action record. acc is the route's account, or NULL for the
 * standalone form (the account then comes from the body). The new member
 * is answered, and its id recorded, in the route's shape. */
#ifndef INVITUI_SANDBOX_MP_CREATE_H
#define INVITUI_SANDBOX_MP_CREATE_H

#include "data.h"
#include "mp_json.h"
#include "server.h"

void mp_create_user(struct sb_request *req, struct sb_response *resp, struct mp_account *acc,
                    const struct mp_user_shape *shape);

#endif
