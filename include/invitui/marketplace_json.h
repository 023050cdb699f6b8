/* marketplace_json: the pure half of the SoftwareOne Marketplace provider --
 * id checks, RQL and URLs, request bodies, page arithmetic, response
 * parsing and the rules for actions. No network here.
 *
 * Contract: pure, any thread. URL builders validate ids before building
 * (AUSR-NNNN-NNNN-NNNN, USR-NNNN-NNNN, ACC-NNNN-NNNN, UGR-NNNN-NNNN) and
 * return NULL with API_ERR_USAGE otherwise; results are malloc'd, owned by
 * the caller. Absent keys mean null (the API omits nulls); optional fields
 * of the wrong type count as absent; a missing or non-string `id` is
 * API_ERR_PARSE.
 *
 * One tolerant reader for both item shapes (CONTRACT "Decisions"):
 *   account-user items (standalone collection, get, invite actions): id =
 *   AUSR-..., nested user{id,email,name,firstName,lastName};
 *   user-shaped items (account-scoped collections): id = USR-..., top-level
 *   email, name, firstName, lastName, status.
 * -> struct invitation:
 *   id = id (AUSR or USR, never one derived from the other), user_id =
 *   user.id, else id when it is a USR id; email and name from the nested
 *   user, else the top level (name, else "firstName lastName"); absent
 *   fields stay NULL. raw_status = invitation.status, else status; link =
 *   invitation.url, created_at = audit.created.at, accepted_at =
 *   audit.invitationAcceptedAt, else audit.joined.at, summary = group names
 *   ("Admins, Buyers +1"), account_id = the caller's, else account.id.
 *   expires_at is computed (the API has no expiry field; only while Invited
 *   or InvitationExpired) = 7 days after audit.invited.at, else after
 *   audit.updated.at (a resend or send-new updates the membership), else
 *   after audit.created.at; 0 otherwise. It is a hint: status may say
 *   "expired" (status_computed) but actions follow the server's status.
 * base_url may end in nothing, /public or /public/v1: the same URLs result. */
#ifndef INVITUI_MARKETPLACE_JSON_H
#define INVITUI_MARKETPLACE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "invitui/error.h"
#include "invitui/model.h"
#include "invitui/profile.h"
#include "invitui/provider.h"

#define MARKETPLACE_PAGE_LIMIT 100
#define MARKETPLACE_INVITE_SECONDS (7L * 24 * 3600)
/* More pages than this is refused (API_ERR_TOO_LARGE): 1,000,000 rows. */
#define MARKETPLACE_MAX_PAGES 10000

enum mkt_id { MKT_ID_AUSR, MKT_ID_USR, MKT_ID_ACC, MKT_ID_UGR };

bool marketplace_id_valid(enum mkt_id kind, const char *s);

/* An RQL value: `*` becomes `\*`; the value is double-quoted (with `"` and
 * `\` backslash-escaped) when it holds anything but letters, digits and
 * `@ . _ + -`. Appended raw (not percent-encoded) to out. */
void marketplace_rql_value(struct strbuf *out, const char *value);
/* The RQL for a query on account-user items, raw (not percent-encoded),
 * "" when none: eq(invitation.status,Invited) for pending,
 * in(invitation.status,(Invited,InvitationExpired)) for expired (an Invited
 * row may be expired by its computed expiry), eq(...,Active) for accepted
 * (revoked and other have no server filter), and ilike(user.email,*TEXT*);
 * several terms are joined with and(). */
char *marketplace_rql_for_query(const struct invitation_query *q);

/* Length of base without a trailing "/", "/public" or "/public/v1". */
size_t marketplace_base_root_len(const char *base);

/* root/public/v1/accounts/accounts?limit=100&offset=N */
char *marketplace_url_accounts(const char *base, long offset);
/* Standalone (default): root/public/v1/accounts/account-users?
 *   and(eq(account.id,"ACC"),<query>)&select=+audit&limit=100&offset=N;
 * account path: root/public/v1/accounts/accounts/{ACC}/users?<query, with
 *   ilike(email,...)>&select=+audit&limit=100&offset=N.
 * RQL is percent-encoded keeping ( ) , * = as they are. Sorting is
 * client-side (the store's), so no order= is sent. */
char *marketplace_url_users(const char *base, enum user_path path, const char *account_id,
                            const struct invitation_query *q, long offset,
                            struct api_error *err);
/* root/public/v1/accounts/user-groups?eq(account.id,"ACC")&limit=100&offset=N */
char *marketplace_url_groups(const char *base, const char *account_id, long offset,
                             struct api_error *err);
/* One account user with audit: an AUSR id is read from
 * account-users/{AUSR}; a USR id from accounts/{ACC}/users/{USR}, which
 * needs account_id (API_ERR_USAGE without it). */
char *marketplace_url_user_get(const char *base, const char *account_id, const char *id,
                               struct api_error *err);
/* POST target for invite creation in either form. */
char *marketplace_url_create(const char *base, enum user_path path, const char *account_id,
                             struct api_error *err);
/* POST .../resend-invite or .../send-new-invite: account-users/{AUSR} when
 * the row has an AUSR id and the profile uses the standalone form (or the
 * row has no user id); else accounts/{ACC}/users/{USR} with inv->user_id.
 * A row with neither is API_ERR_USAGE, saying why. */
char *marketplace_url_invite_action(const char *base, enum user_path path,
                                    const struct invitation *inv, enum inv_action action,
                                    struct api_error *err);
/* The same member's URL with suffix appended ("", "/groups", "/groups/UGR-…"
 * escaped by the caller): DELETE and the group routes. */
char *marketplace_url_member(const char *base, enum user_path path,
                             const struct invitation *inv, const char *suffix,
                             struct api_error *err);

/* {"user":{"email","firstName","lastName"},"account":{"id"},
 *  "groups":[{"id"}...],"invitation":{"status":"Invited"}}. Missing names,
 * e-mail or groups, or malformed ids, are API_ERR_USAGE with field errors
 * (user.email, user.firstName, user.lastName, groups, account.id). */
char *marketplace_body_create(const char *account_id, const struct create_request *req,
                              struct api_error *err);

/* Offsets of the pages after the first (offset 0) for `total` rows:
 * limit, 2*limit, ... < total. Sets *n; the array is malloc'd (NULL when
 * *n is 0). -1 with API_ERR_TOO_LARGE past MARKETPLACE_MAX_PAGES. */
int marketplace_next_offsets(long total, long limit, long **offsets, size_t *n,
                             struct api_error *err);

struct mkt_page {
    bool has_meta;  /* $meta present: if not, stop paging */
    bool has_total; /* $meta.pagination.total present */
    long offset, limit, total;
    size_t count;   /* rows in data */
};

/* "Admins, Buyers +1"; malloc'd, "" when none. */
char *marketplace_summary(const json_t *groups);
int marketplace_invitation_from_json(const json_t *obj, const char *account_id, time_t now,
                                     struct invitation *out, struct api_error *err);
/* One AccountUser body (get, create, resend-invite, send-new-invite). */
int marketplace_parse_invitation(const char *data, size_t len, const char *account_id,
                                 time_t now, struct invitation *out, struct api_error *err);
/* A page of account users, appended to out. */
int marketplace_parse_users_page(const char *data, size_t len, const char *account_id,
                                 time_t now, struct invitation_list *out, struct mkt_page *page,
                                 struct api_error *err);
int marketplace_parse_accounts_page(const char *data, size_t len, struct account_list *out,
                                    struct mkt_page *page, struct api_error *err);
int marketplace_parse_groups_page(const char *data, size_t len, struct group_list *out,
                                  struct mkt_page *page, struct api_error *err);

/* After resend-invite / send-new-invite: a response without audit leaves no
 * expiry to compute, so the renewed window (now + 7 days) is assumed. */
void marketplace_after_invite(struct invitation *inv, time_t now);

/* By the server's status only: RESEND while it says Invited (even past the
 * computed expiry), SEND_NEW while it says InvitationExpired. */
unsigned marketplace_actions(const struct invitation *inv, time_t now);
const char *marketplace_action_refusal(const struct invitation *inv, enum inv_action action,
                                       time_t now);

/* provider_ops.status_from_raw: invitation.status compared with case,
 * spaces, '_' and '-' ignored: Invited -> pending, InvitationExpired /
 * "Invitation Expired" -> expired, Active -> accepted, Deleted / Disabled ->
 * revoked (the membership can no longer be used); else INV_STATUS_OTHER. */
enum inv_status marketplace_status_from_raw(const char *raw);

#endif
