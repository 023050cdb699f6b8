/* marketplace: the SoftwareOne Marketplace Accounts API routes of the
 * sandbox (collection envelopes, RQL, problem-details errors).
 *
 * Contract: mp_handle() serves one request under /public/v1/ with the state
 * mutex held by the caller; it always fills resp (404 for unknown routes). */
#ifndef INVITUI_SANDBOX_MARKETPLACE_H
#define INVITUI_SANDBOX_MARKETPLACE_H

#include "jsonw.h"
#include "server.h"

void mp_handle(struct sb_request *req, struct sb_response *resp);
/* RFC 9457 problem details {type, title, status, detail?, instance?,
 * traceId}; instance is resp->instance, the request's path. */
void mp_problem(struct sb_response *resp, unsigned status, const char *title,
                const char *detail);
/* Opens a problem-details object on w (the caller may add "errors" and
 * must close it); instance may be NULL. */
void mp_problem_begin(struct jsonw *w, unsigned status, const char *title, const char *detail,
                      const char *instance);
/* A W3C-style trace id, "00-<32 hex>-<16 hex>-00". Thread-safe. */
void mp_trace_id(char out[64]);

/* resend-invite on a user that is not Invited, or send-new-invite on one
 * that is not InvitationExpired: the 2025 OpenAPI declares 200/400/404 for
 * both routes, so the sandbox answers 400 problem details. */
#define MP_WRONG_STATE_STATUS 400

#endif
