/* mp_groups: an account user's groups (CONTRACT.md B.2): POST .../groups
 * adds one (`{id}`), PUT .../groups replaces them (`[{id}, ...]`), DELETE
 * .../groups/{userGroupId} removes one. The same rules as create: ids of
 * the account's groups only, and a user keeps at least one group (BR-003).
 *
 * Contract: called with the state mutex held, for an existing user u of
 * a. Returns true when u changed and the caller answers with the user
 * (200, in the route's shape); false when resp already holds the answer
 * (a 400/404/405 problem, or the 204 of a removal). Fills the request's
 * action record (group-add, group-set, group-remove). Adding a group the
 * user has, or setting the same list, is a success that changes nothing
 * but the audit (INFERRED: the sources do not say). */
#ifndef INVITUI_SANDBOX_MP_GROUPS_H
#define INVITUI_SANDBOX_MP_GROUPS_H

#include <stdbool.h>

#include "data.h"
#include "server.h"

/* group_id: the segment after .../groups, or NULL for the collection. */
bool mp_user_groups(struct sb_request *req, struct sb_response *resp, struct mp_account *a,
                    struct mp_user *u, const char *group_id);

#endif
