/* http: libcurl behind a small synchronous interface.
 *
 * Contract: one `struct http_client` per thread (libcurl easy handles are
 * never shared); it keeps one easy handle (connection reuse, HTTP/2 where
 * offered) plus a multi handle for http_get_many. It adds
 * `Authorization: Bearer TOKEN`, `User-Agent: invitui/VERSION`,
 * `Accept: application/json`, timeouts, and a cap on the response size.
 * Timeouts (invitui.conf(5)): connecting has connect_timeout_ms; every
 * request fails when no byte moves for timeout_ms (rounded up to seconds);
 * a POST, PUT or DELETE must also be complete within timeout_ms, while GETs
 * (lists, pages, streams) have no total limit. GETs are retried with
 * exponential backoff on network errors, connect timeouts, 429 and 5xx
 * (honouring Retry-After, capped), never after a read timeout (the server
 * had its time); POSTs, PUTs and DELETEs are never retried (each may send an
 * e-mail), go over a fresh connection (libcurl would silently send them
 * again when a reused one turns out closed), and one that failed after it
 * may have been sent (read timeout, reset, closed connection) sets
 * err->maybe_sent; a connect failure or timeout does not. GETs follow up to HTTP_MAX_REDIRECTS
 * redirects (301, 302, 303, 307, 308) to http or https addresses, never
 * from https down to http, and send Authorization only while every hop
 * stays on the first URL's scheme, host and port; a retry starts again at
 * the first URL. Other methods never follow: a 3xx answer to them is an
 * API_ERR_HTTP that says where the server redirected to. A non-2xx answer
 * becomes an api_error through api_error_from_http. The optional trace file
 * gets requests and responses (each hop of a redirect) with Authorization,
 * Proxy-Authorization and Cookie values replaced by [redacted]. */
#ifndef INVITUI_HTTP_H
#define INVITUI_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "invitui/error.h"
#include "invitui/util.h"

struct http_options {
    const char *ca_file;     /* NULL: system store */
    bool insecure;           /* skip TLS verification (per profile, loud) */
    long connect_timeout_ms; /* 0: 5000 */
    long timeout_ms;         /* 0: 30000; idle limit, and total for POST/DELETE */
    size_t max_body;         /* 0: 16 MiB for buffered bodies */
    size_t max_stream;       /* 0: 1 GiB for streamed bodies */
    int max_get_attempts;    /* 0: 4 */
    long max_retry_wait_ms;  /* 0: 30000; longer Retry-After fails the call */
    const char *trace_path;  /* NULL: no trace */
};

enum http_method { HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_DELETE };

#define HTTP_MAX_REDIRECTS 3
/* The largest piece a sink gets at once (curl's receive buffer for a streamed call). */
#define HTTP_STREAM_PIECE (256L * 1024)

/* Receives the body in pieces; returns 0 to go on, -1 to stop (then it
 * must have set *err, which http_perform passes back). */
typedef int (*http_sink_fn)(void *ctx, const char *data, size_t len, struct api_error *err);
/* The sink has had what the socket held: libcurl read until it would wait, or the body
 * paused (then about once a second). 0, or -1 with err set (the transfer stops). */
typedef int (*http_sink_drained_fn)(void *ctx, struct api_error *err);

struct http_call {
    enum http_method method;
    const char *url;          /* already built with http_url_escape'd parts */
    /* POST: the JSON body, sent with Content-Type: application/json; NULL
     * sends no body at all (Content-Length: 0 and no Content-Type). */
    const char *json_body;
    http_sink_fn sink;        /* NULL: the body is collected in response->body */
    void *sink_ctx;
    /* NULL, or called after the sink got new bytes and before libcurl waits for more: a sink
     * that gathers its pieces (curl hands at most 16 KiB a call) works on them by then. */
    http_sink_drained_fn sink_drained;
    const atomic_int *cancel; /* non-zero aborts the transfer (API_ERR_CANCELLED) */
    /* NULL, or set before the sink's first bytes to the body's size as the server announced
     * it (Content-Length), 0 when it did not or sent it encoded (the sink's bytes are then
     * not the ones counted). Only ever a hint: the sink must not rely on it. */
    size_t *body_size;
};

struct http_response {
    long status;
    struct strbuf body; /* empty when a sink was used */
};

struct http_client;

/* token may be NULL (the sandbox's 401 tests); it is copied and wiped on free.
 * NULL (errno set) when the trace file cannot be opened (O_APPEND, mode
 * 0600), when the token holds a line break (EINVAL), or libcurl fails. */
struct http_client *http_client_new(const struct http_options *opts, const char *token);
void http_client_free(struct http_client *c);

/* 0 on a 2xx answer (response filled), -1 otherwise (err filled; for a
 * non-2xx the body is still in response->body). *response is initialised
 * here (pass an empty or freed one) and freed with http_response_free even
 * on failure. err->maybe_sent is set for a non-GET unless the failure
 * happened before anything could be sent (resolve, connect, TLS handshake);
 * an HTTP error answer sets it too: check err->http_status. A failing GET
 * is retried only when the sink has received nothing yet. */
int http_perform(struct http_client *c, const struct http_call *call,
                 struct http_response *response, struct api_error *err);
void http_response_free(struct http_response *r);

/* Fetches n URLs with at most `parallel` transfers in flight over reused
 * connections; responses[i] answers urls[i]. 0 when every one was 2xx, else
 * -1 with err describing the first failure. Same retry rules as GET.
 * Every responses[i] is initialised here; free each one afterwards. */
int http_get_many(struct http_client *c, const char *const *urls, size_t n, int parallel,
                  struct http_response *responses, const atomic_int *cancel,
                  struct api_error *err);
/* http_get_many, and hook->landed(arg, i) as soon as responses[i] is a whole
 * 2xx answer (on this thread, in the order the answers land): a caller can
 * use each answer while the others are still on their way. */
struct http_many_hook {
    void (*landed)(void *arg, size_t i);
    void *arg;
};
int http_get_many_hooked(struct http_client *c, const char *const *urls, size_t n,
                         int parallel, struct http_response *responses,
                         const struct http_many_hook *hook, const atomic_int *cancel,
                         struct api_error *err);

/* Percent-encodes everything but RFC 3986 unreserved characters (malloc'd). */
char *http_url_escape(const char *s);
/* Replaces header values that carry secrets in a block of header lines. */
void http_redact_headers(struct strbuf *out, const char *headers, size_t len);
/* Parses Retry-After (delta-seconds or an HTTP date) into seconds from now; -1 if invalid. */
long http_parse_retry_after(const char *value, long now);

/* curl_global_init, SIGPIPE ignored, json_object_seed(0); call once in
 * main() before any thread. */
int http_global_init(void);
void http_global_cleanup(void);

#endif
