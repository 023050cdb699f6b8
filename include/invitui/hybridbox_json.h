/* hybridbox_json: the pure half of the Hybridbox provider -- URLs, request
 * bodies, response parsing and the rules for actions. No network here.
 *
 * Contract: pure, any thread. URL builders validate ids (UUIDs,
 * 8-4-4-4-12 hex) before building and return NULL with API_ERR_USAGE
 * otherwise; results are malloc'd, owned by the caller. Parsers fill
 * caller-owned structs and keep strings verbatim (sanitising is the
 * display's job); optional fields of the wrong type count as absent, a
 * missing or non-string `id` is API_ERR_PARSE. Each parsed invitation gets
 * `raw` (compact JSON of the element: the list's elements are the server's
 * bytes minified, single objects are re-serialised with JSON_COMPACT), or,
 * from a stream told hybridbox_stream_pack, the element packed instead
 * (json_pack.h), and `account_id`; `now` decides
 * whether a pending invitation is already expired. */
#ifndef INVITUI_HYBRIDBOX_JSON_H
#define INVITUI_HYBRIDBOX_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "invitui/error.h"
#include "invitui/explain.h"
#include "invitui/json_util.h"
#include "invitui/model.h"
#include "invitui/provider.h"
#include "invitui/row_slab.h"

struct json_pack_writer; /* json_pack.h */
struct element_pool;     /* element_pool.h */
struct hybridbox_helper;

bool hybridbox_id_valid(const char *s); /* UUID, either case */

/* base_url + /v1/public/accounts/{id} */
char *hybridbox_url_account(const char *base, const char *account_id, struct api_error *err);
/* .../auth/invitations[?email=E]; q may be NULL. q->status is never sent:
 * Hybridbox's status values are unpublished, so the caller filters by
 * status. E is q->email, else q->search when that is a whole e-mail
 * address (the documented filter matches the whole address); any other
 * search stays client-side. */
char *hybridbox_url_invitations(const char *base, const char *account_id,
                                const struct invitation_query *q, struct api_error *err);
char *hybridbox_url_resend(const char *base, const char *account_id, const char *invitation_id,
                           struct api_error *err);
char *hybridbox_url_groups(const char *base, const char *account_id, struct api_error *err);

/* {"assignments":[{role_key|capability_key|group_id|resource_id...}],
 *  "email":..., "locale"?, "note"?}; NULL fields are left out. An empty
 * e-mail is API_ERR_USAGE. */
char *hybridbox_body_create(const struct create_request *req, struct api_error *err);
/* {"locale":"fr"}, or {} when locale is NULL. */
char *hybridbox_body_resend(const char *locale);

/* "editor, dns_manager +2", "cap: dns_record.manage", "group: ID"; malloc'd,
 * "" when there is no assignment. */
char *hybridbox_summary(const json_t *assignments);
/* The keys one assignment's label is taken from, in order of preference:
 * role_key, capability_key, group_id, grant_kind, assignment_kind. */
#define HYBRIDBOX_LABEL_KEYS 5
extern const char *const hybridbox_label_keys[HYBRIDBOX_LABEL_KEYS];
/* Appends the label from those keys' string values (NULL or "" = absent). */
void hybridbox_assignment_label(struct strbuf *sb, const char *const v[HYBRIDBOX_LABEL_KEYS]);
/* One Invitation object into *out (which is overwritten, not freed). */
int hybridbox_invitation_from_json(const json_t *obj, const char *account_id, time_t now,
                                   struct invitation *out, struct api_error *err);
/* A whole create/resend response body. */
int hybridbox_parse_invitation(const char *data, size_t len, const char *account_id,
                               time_t now, struct invitation *out, struct api_error *err);
/* GET /v1/public/accounts/{id}: one Account. */
int hybridbox_parse_account(const char *data, size_t len, struct account *out,
                            struct api_error *err);
/* Bare array of AuthGroup, appended to out. */
int hybridbox_parse_groups(const char *data, size_t len, struct group_list *out,
                           struct api_error *err);

/* The invitation list, parsed while it streams in: feed it every piece of
 * the body (hybridbox_stream_feed has the http_sink_fn shape), then finish.
 * Memory: one element's bytes at a time plus the compact structs. */
struct hybridbox_stream {
    struct json_splitter sp;
    const char *account_id; /* borrowed */
    time_t now;
    struct invitation_list *out; /* borrowed; elements appended */
    const char *only_id;         /* when set, only this invitation is kept */
    struct list_progress *progress; /* NULL, or told of each row kept (list_progress.h) */
    struct json_pack_writer *pack;  /* set by hybridbox_stream_pack */
    struct row_slab_writer slab;    /* packed rows keep their strings in its blocks */
    struct element_pool *pool;      /* set by hybridbox_stream_parallel */
    struct hybridbox_helper *helper;
    size_t body_size; /* the body's announced size (http_call.body_size), 0: unknown */
    size_t fed;       /* the body's bytes fed so far */
    /* The pieces fed are read in batches of what one read of the socket brought (up to the
     * pool's batch size), handed on at hybridbox_stream_drained, not a batch a piece: curl's
     * pieces are 16 KiB, so a batch a piece was 7,500 hand-offs for 100,000 rows. Set with
     * http_call.sink_drained. */
    bool gather;
};

void hybridbox_stream_init(struct hybridbox_stream *st, const char *account_id, time_t now,
                           struct invitation_list *out);
int hybridbox_stream_feed(void *st, const char *data, size_t len, struct api_error *err);
int hybridbox_stream_finish(struct hybridbox_stream *st, struct api_error *err);
/* http_sink_drained_fn: the elements gathered so far are read now (see gather). */
int hybridbox_stream_drained(void *st, struct api_error *err);
/* Rows get their element packed (invitation.packed, json_pack.h) instead of raw text, and
 * their strings in one row_slab block (a dozen mallocs less per row): the TUI's store. An
 * element only jansson could read keeps raw. */
void hybridbox_stream_pack(struct hybridbox_stream *st);
/* Packed rows (as above), their elements read on two threads (element_pool.h): the TUI's
 * list. The rows, their order and any error are what a stream read in turn gives; rows are
 * told to the progress from either thread, one at a time. Not with only_id. */
void hybridbox_stream_parallel(struct hybridbox_stream *st);
void hybridbox_stream_free(struct hybridbox_stream *st);

/* provider_ops.explain_subject: the invitation's assignments (role_key,
 * capability_key, group_id, grant_kind account_owner) and its
 * permission_context (resolved_capability_keys, owner_assignments) from
 * inv->raw; -1 when raw is not a JSON object. */
int hybridbox_explain_subject(const struct invitation *inv, struct explain_owned *out);

/* provider_ops.reissue_request: e-mail, note and every assignment
 * (role_key, capability_key, group_id, resource_id) of inv->raw. */
int hybridbox_reissue_request(const struct invitation *inv, struct create_request *out);

/* INV_ACTION_RESEND while pending and not past expires_at. */
unsigned hybridbox_actions(const struct invitation *inv, time_t now);
/* Why not (translated), or NULL when the action applies. */
const char *hybridbox_action_refusal(const struct invitation *inv, enum inv_action action,
                                     time_t now);

/* provider_ops.status_from_raw (case-insensitive): pending, accepted,
 * expired, revoked; anything else is INV_STATUS_OTHER. */
enum inv_status hybridbox_status_from_raw(const char *raw);

#endif
