/* server: the libmicrohttpd front of invitui-sandbox. Routes requests to the
 * Hybridbox (/v1/public/...) and Marketplace (/public/v1/...) handlers, and
 * applies bearer auth, rate limiting, latency, fault injection and action
 * recording around them.
 *
 * Contract: server_start() runs MHD's own threads (one per connection);
 * every handler runs with the global state mutex held, so handlers never
 * lock. server_stop() joins them. The bearer token is compared, never
 * printed or logged. */
#ifndef INVITUI_SANDBOX_SERVER_H
#define INVITUI_SANDBOX_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "data.h"
#include "invitui/util.h"

enum sb_fault_mode {
    SB_FAULT_5XX, SB_FAULT_TRUNCATE, SB_FAULT_MALFORMED, SB_FAULT_RESET, SB_FAULT_DRIP,
    SB_FAULT_OVERSIZE,
};

#define SB_MAX_FAULTS 16
#define SB_OVERSIZE_BYTES (65 * 1024 * 1024)

struct sb_fault {
    enum sb_fault_mode mode;
    double fraction; /* 0 < fraction <= 1 */
};

struct sb_config {
    unsigned port;
    const char *token;
    long latency_ms;
    long rate_limit; /* requests per second, 0: unlimited */
    struct sb_fault faults[SB_MAX_FAULTS];
    size_t n_faults;
    const char *fault_path; /* NULL: every API route */
    const char *record;     /* NULL: no file */
    bool redirect_lists;    /* see redirect.h */
};

/* What a handler reports about an invite action, for --record and
 * /_sandbox/actions. Strings are owned by the action. The server adds the
 * request's body size and Content-Type itself, so that client tests can
 * check that an action was posted without a body. */
struct sb_action {
    const char *provider;
    const char *action; /* NULL: not an action */
    char *account_id, *id, *email, *locale;
};

struct sb_request {
    const char *method;
    const char *path;
    const char *raw_path;  /* as received, still percent-encoded */
    const char *raw_query; /* after '?', still percent-encoded; "" if none */
    char **segs;           /* path segments, percent-decoded */
    size_t n_segs;
    const char *body;
    size_t body_len;
    const char *content_type; /* the request's header; NULL if absent */
    const char *host;         /* the Host header; NULL if absent */
    unsigned port;            /* the port the server listens on */
    bool redirect_lists;      /* --redirect-lists */
    bool download;            /* at the download location (marker removed) */
    int64_t now;
    struct sb_state *st;
    struct sb_action action;
};

struct sb_response {
    /* The request's path, for problem details' `instance`; set by the
     * server before any handler runs. */
    const char *instance;
    unsigned status;
    char *body; /* owned; NULL: empty */
    size_t len;
    const char *content_type;
    bool www_authenticate;
    int retry_after; /* seconds; -1: no header */
    char *location;  /* owned; NULL: no Location header */
};

/* Takes ownership of sb's buffer as the response body. */
void sb_respond(struct sb_response *resp, unsigned status, struct strbuf *sb,
                const char *content_type);
/* Form-decoded value ('+' is a space) of a query parameter; NULL if absent;
 * the caller frees it. */
char *sb_query_get(const char *raw_query, const char *name);

/* Writes the URL's port into *port_out. Returns 0, or -1 with a message. */
int server_start(const struct sb_config *cfg, struct sb_state *st, unsigned *port_out,
                 char **err);
void server_stop(void);

#endif
