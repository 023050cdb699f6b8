/* faults: deterministic fault injection for the sandbox's API routes and
 * the construction of the (possibly damaged) MHD response.
 *
 * Contract: faults_pick() counts API requests whose path contains
 * --fault-path (all when unset) and returns the first configured fault due
 * for this request: a fault with fraction f fires on request n when
 * floor(n*f) > floor((n-1)*f), i.e. every (1/f)-th request. Thread-safe.
 * faults_make_response() takes ownership of resp->body. */
#ifndef INVITUI_SANDBOX_FAULTS_H
#define INVITUI_SANDBOX_FAULTS_H

#include <microhttpd.h>
#include <stdbool.h>

#include "server.h"

const struct sb_fault *faults_pick(const struct sb_config *cfg, const char *path);
/* Alternates true (503 + Retry-After) and false (500) for the 5xx mode. */
bool faults_toggle(void);
struct MHD_Response *faults_make_response(struct sb_response *resp,
                                          const struct sb_fault *fault);
/* Makes slow (drip) bodies end at once, for shutdown. */
void faults_stop(void);
/* Sleeps ms milliseconds (--latency), or less once faults_stop() was called. */
void faults_latency(long ms);
/* Parses MODE[:FRACTION]; -1 on error. */
int faults_parse(const char *spec, struct sb_fault *out);

#endif
