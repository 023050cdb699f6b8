/* mp_index: cached filtered and sorted views of the Marketplace account
 * users, so that paging through 100,000 users costs one page of work per
 * request instead of a filter and a sort of the whole collection.
 *
 * Contract: a view is keyed by its scope (one account or all of them), the
 * shape whose fields the query names, and the canonical RQL filter and
 * order; it is reused while the state's
 * generation is unchanged and, for queries that read invitation.status,
 * while no Invited user has crossed its expiry since the view was built.
 * The returned array is owned by the cache and valid until the next call or
 * the next state change. Called with the state mutex held (it is the lock
 * of the cache too). */
#ifndef INVITUI_SANDBOX_MP_INDEX_H
#define INVITUI_SANDBOX_MP_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "data.h"
#include "mp_json.h"
#include "rql.h"

/* The users of only (NULL: of every account) that match q's filter, in q's
 * order, q's fields read through shape; *n gets their number. The refs'
 * now is the view's build time. */
const struct mp_user_ref *mp_index_users(const struct sb_state *st,
                                         const struct mp_account *only,
                                         const struct mp_user_shape *shape,
                                         const struct rql_query *q, int64_t now, size_t *n);
/* Drops every view (at shutdown). */
void mp_index_clear(void);

#endif
