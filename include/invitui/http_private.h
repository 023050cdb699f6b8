/* http_private: internals shared by http.c, http_multi.c and http_trace.c.
 *
 * Contract: not for other modules (use invitui/http.h). A `struct
 * http_xfer` describes one attempt of one request on one easy handle; it
 * lives on the stack of the thread that owns the client. */
#ifndef INVITUI_HTTP_PRIVATE_H
#define INVITUI_HTTP_PRIVATE_H

#include <curl/curl.h>
#include <stdio.h>

#include "invitui/http.h"

#define HTTP_MAX_PARALLEL 16
#define HTTP_TRACE_BODY_MAX 2048

struct http_client {
    CURL *easy;
    CURLM *multi;
    CURL *pool[HTTP_MAX_PARALLEL]; /* easy handles for http_get_many */
    struct http_options opts;      /* defaults filled in; strings owned */
    char *auth_header;             /* "Authorization: Bearer ...", wiped on free */
    FILE *trace;
    unsigned long long rng;
    unsigned long next_id; /* numbers transfers in the trace */
    int parallel_cap;      /* transfers in flight a rate limit allows; 0: no cap */
};

/* Where one GET has got to while following redirects (http_redirect.c). */
struct http_hop {
    char *url;    /* what the next transfer asks for (malloc'd) */
    char *origin; /* "scheme://host:port" of the first URL, NULL if it did not parse */
    int count;    /* redirects followed so far */
    bool foreign; /* a hop left the first origin: no Authorization from then on */
};

struct http_xfer {
    struct http_client *c;
    struct http_hop *hop;
    CURL *easy;
    enum http_method method;
    struct http_response *response;
    http_sink_fn sink;
    void *sink_ctx;
    http_sink_drained_fn sink_drained;
    bool sink_fresh;       /* bytes handed to the sink since sink_drained was last called */
    const atomic_int *cancel;
    struct curl_slist *headers;
    unsigned long id;
    long timeout_ms;
    size_t delivered;      /* bytes handed to the sink */
    size_t too_large_cap;  /* non-zero once the cap stopped the transfer */
    bool status_checked;   /* decided where the body goes */
    bool to_sink;
    bool cancelled;
    bool sink_failed;
    bool connect_timeout;  /* timed out before the connection was up */
    bool encoded;          /* the final response has a Content-Encoding */
    size_t *body_size;     /* http_call.body_size */
    struct api_error sink_err;
    char retry_after[64];  /* raw Retry-After of the final response */
    size_t traced_in;
    char errbuf[CURL_ERROR_SIZE];
};

/* Resets `easy` and configures it for one transfer of `call`: to hop->url,
 * with Authorization unless hop->foreign. -1 with *err (API_ERR_CONFIG, never
 * sent, not retried) when libcurl refuses an option; x must be cleaned up
 * either way. */
int http_xfer_setup(struct http_client *c, CURL *easy, struct http_xfer *x,
                    const struct http_call *call, struct http_hop *hop,
                    struct http_response *response, struct api_error *err);
void http_xfer_cleanup(struct http_xfer *x);
/* Turns the outcome of a finished transfer into 0 (2xx), -1 and *err, or
 * HTTP_XFER_FOLLOW: a GET was redirected and x->hop now holds the next URL
 * (run the transfer again with the same hop). */
#define HTTP_XFER_FOLLOW 1
int http_xfer_result(struct http_xfer *x, CURLcode rc, struct api_error *err);

/* (Re)starts hop at the first URL of a call. */
void http_hop_start(struct http_hop *hop, const char *url);
void http_hop_free(struct http_hop *hop);
/* After a 3xx answer: HTTP_XFER_FOLLOW with x->hop moved on, 0 when the
 * answer names no location (it is then an ordinary HTTP error), -1 with
 * *err when the redirect is refused (not a GET, too many, another scheme). */
int http_redirect(struct http_xfer *x, long status, struct api_error *err);
/* Whether a failed GET attempt is worth repeating. */
bool http_xfer_retryable(const struct http_xfer *x, const struct api_error *err);
/* Milliseconds to wait before attempt `attempt`+1, or -1 when the server's
 * Retry-After is longer than the client accepts. */
long http_retry_wait_ms(struct http_client *c, int attempt, const struct api_error *err);
/* Sleeps in short slices; -1 as soon as *cancel becomes non-zero. */
/* NULL means never cancelled. Relaxed: the flag orders nothing else. */
static inline bool http_cancel_requested(const atomic_int *cancel)
{
    return cancel && atomic_load_explicit(cancel, memory_order_relaxed) != 0;
}
int http_sleep_ms(long ms, const atomic_int *cancel);
int http_cancelled(const atomic_int *cancel, struct api_error *err);

/* CURLOPT_DEBUGFUNCTION: writes the redacted trace. */
int http_trace_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *userp);
void http_trace_note(struct http_client *c, unsigned long id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
