/* hybridbox: the Hybridbox public API routes of the sandbox (FastAPI
 * style: bare arrays, {"detail": ...} errors, 422 validation lists).
 *
 * Contract: hb_handle() serves one request under /v1/public/ with the state
 * mutex held by the caller; it always fills resp (404 for unknown routes). */
#ifndef INVITUI_SANDBOX_HYBRIDBOX_H
#define INVITUI_SANDBOX_HYBRIDBOX_H

#include "server.h"

void hb_handle(struct sb_request *req, struct sb_response *resp);
/* {"detail": detail} with the given status. */
void hb_error(struct sb_response *resp, unsigned status, const char *detail);

#endif
