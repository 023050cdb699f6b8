#include "config.h"

#include "invitui/http.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "invitui/http_private.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"

#define MIB (1024UL * 1024UL)

static void apply_defaults(struct http_options *o)
{
    if (o->connect_timeout_ms <= 0)
        o->connect_timeout_ms = 5000;
    if (o->timeout_ms <= 0)
        o->timeout_ms = 30000;
    if (o->max_body == 0)
        o->max_body = 16 * MIB;
    if (o->max_stream == 0)
        o->max_stream = 1024 * MIB;
    if (o->max_get_attempts <= 0)
        o->max_get_attempts = 4;
    if (o->max_retry_wait_ms <= 0)
        o->max_retry_wait_ms = 30000;
}

static FILE *open_trace(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
    FILE *fp;

    if (fd < 0)
        return NULL;
    fp = fdopen(fd, "a");
    if (!fp) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return fp;
}

struct http_client *http_client_new(const struct http_options *opts, const char *token)
{
    struct http_client *c = xcalloc(1, sizeof(*c));

    if (opts)
        c->opts = *opts;
    apply_defaults(&c->opts);
    c->opts.ca_file = xstrdup_or_null(c->opts.ca_file);
    c->opts.trace_path = xstrdup_or_null(c->opts.trace_path);
    c->rng = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 20) ^
             (unsigned long long)(uintptr_t)c;
    c->easy = curl_easy_init();
    c->multi = curl_multi_init();
    if (!c->easy || !c->multi)
        goto fail;
    if (token) {
        /* A line break in the token would inject headers. */
        if (strpbrk(token, "\r\n")) {
            errno = EINVAL;
            goto fail;
        }
        c->auth_header = xasprintf("Authorization: Bearer %s", token);
    }
    if (c->opts.trace_path) {
        c->trace = open_trace(c->opts.trace_path);
        if (!c->trace)
            goto fail;
    }
    return c;
fail: {
    int saved = errno;
    http_client_free(c);
    errno = saved;
    return NULL;
}
}

void http_client_free(struct http_client *c)
{
    if (!c)
        return;
    if (c->easy)
        curl_easy_cleanup(c->easy);
    for (size_t i = 0; i < HTTP_MAX_PARALLEL; i++)
        if (c->pool[i])
            curl_easy_cleanup(c->pool[i]);
    if (c->multi)
        curl_multi_cleanup(c->multi);
    if (c->auth_header) {
        explicit_bzero(c->auth_header, strlen(c->auth_header));
        free(c->auth_header);
    }
    if (c->trace)
        fclose(c->trace);
    free((char *)c->opts.ca_file);
    free((char *)c->opts.trace_path);
    free(c);
}

void http_response_free(struct http_response *r)
{
    if (!r)
        return;
    strbuf_free(&r->body);
    r->status = 0;
}

/* Decides once, at the first byte, whether the body goes to the sink: an
 * error answer is always collected so that it can become an api_error. */
static void choose_destination(struct http_xfer *x)
{
    long code = 0;

    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
    x->to_sink = x->sink && code >= 200 && code < 300;
    x->status_checked = true;
    if (x->to_sink && x->body_size) {
        curl_off_t size = -1;
        curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &size);
        *x->body_size = size > 0 && !x->encoded ? (size_t)size : 0;
    }
}

static size_t on_write(char *data, size_t size, size_t nmemb, void *userp)
{
    struct http_xfer *x = userp;
    size_t n = size * nmemb;

    if (http_cancel_requested(x->cancel)) {
        x->cancelled = true;
        return 0;
    }
    if (!x->status_checked)
        choose_destination(x);
    if (x->to_sink) {
        if (n > x->c->opts.max_stream - x->delivered) {
            x->too_large_cap = x->c->opts.max_stream;
            return 0;
        }
        if (x->sink(x->sink_ctx, data, n, &x->sink_err) < 0) {
            x->sink_failed = true;
            return 0;
        }
        x->delivered += n;
        x->sink_fresh = true;
        return n;
    }
    if (n > x->c->opts.max_body - x->response->body.len) {
        x->too_large_cap = x->c->opts.max_body;
        return 0;
    }
    strbuf_append(&x->response->body, data, n);
    return n;
}

/* Remembers Retry-After of the last response (a 1xx may come first), and whether its body is
 * encoded (then Content-Length does not count the bytes the sink gets). */
static size_t on_header(char *line, size_t size, size_t nmemb, void *userp)
{
    struct http_xfer *x = userp;
    size_t n = size * nmemb;
    static const char name[] = "Retry-After:";
    static const char encoding[] = "Content-Encoding:";

    if (n >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        x->retry_after[0] = '\0';
        x->encoded = false;
    } else if (n > sizeof(encoding) - 1 && strncasecmp(line, encoding, sizeof(encoding) - 1) == 0) {
        x->encoded = true;
    } else if (n > sizeof(name) - 1 && strncasecmp(line, name, sizeof(name) - 1) == 0) {
        size_t len = n - (sizeof(name) - 1);
        if (len >= sizeof(x->retry_after))
            len = sizeof(x->retry_after) - 1;
        memcpy(x->retry_after, line + sizeof(name) - 1, len);
        x->retry_after[len] = '\0';
    }
    return n;
}

static int on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    struct http_xfer *x = userp;

    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    if (http_cancel_requested(x->cancel)) {
        x->cancelled = true;
        return 1;
    }
    /* libcurl calls this between reads of the socket, and about once a second while it waits:
     * the sink's gathered bytes are never held back past a pause. */
    if (x->sink_fresh && x->sink_drained) {
        x->sink_fresh = false;
        if (x->sink_drained(x->sink_ctx, &x->sink_err) < 0) {
            x->sink_failed = true;
            return 1;
        }
    }
    return 0;
}

static struct curl_slist *build_headers(struct http_client *c, const struct http_call *call,
                                        bool with_auth)
{
    struct curl_slist *h = NULL;

    h = curl_slist_append(h, "Accept: application/json");
    if (call->method == HTTP_POST || call->method == HTTP_PUT) {
        /* With no body, "Content-Type:" removes the form type libcurl would
         * add to any POST: the Marketplace's own client sends none. */
        h = curl_slist_append(h, call->json_body ? "Content-Type: application/json"
                                                 : "Content-Type:");
        h = curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
    }
    if (c->auth_header && with_auth)
        h = curl_slist_append(h, c->auth_header);
    return h;
}

/* Keeps the first failure of a run of setopt calls: one check at the end of the run. */
#define SETOPT(opt, val)                                                                           \
    do {                                                                                           \
        CURLcode r_ = curl_easy_setopt(easy, opt, val);                                            \
        if (rc == CURLE_OK)                                                                        \
            rc = r_;                                                                               \
    } while (0)

static CURLcode set_method(CURL *easy, const struct http_call *call)
{
    CURLcode rc = CURLE_OK;

    switch (call->method) {
    case HTTP_GET:
        SETOPT(CURLOPT_HTTPGET, 1L);
        break;
    case HTTP_POST: {
        /* POSTFIELDS even for no body: without it libcurl would read the
         * body from stdin. A zero size sends Content-Length: 0. */
        const char *body = call->json_body ? call->json_body : "";
        /* On a reused connection that the server closes without an answer,
         * libcurl sends the request again by itself: a second e-mail. */
        SETOPT(CURLOPT_FRESH_CONNECT, 1L);
        SETOPT(CURLOPT_POST, 1L);
        SETOPT(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
        SETOPT(CURLOPT_POSTFIELDS, body);
        break;
    }
    case HTTP_PUT: { /* a POST with another verb: the same body, the same fresh connection */
        const char *body = call->json_body ? call->json_body : "";
        SETOPT(CURLOPT_FRESH_CONNECT, 1L);
        SETOPT(CURLOPT_POST, 1L);
        SETOPT(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
        SETOPT(CURLOPT_POSTFIELDS, body);
        SETOPT(CURLOPT_CUSTOMREQUEST, "PUT");
        break;
    }
    case HTTP_DELETE:
        SETOPT(CURLOPT_FRESH_CONNECT, 1L); /* see HTTP_POST */
        SETOPT(CURLOPT_CUSTOMREQUEST, "DELETE");
        break;
    }
    return rc;
}

/* The timeout rule (invitui.conf(5)): `timeout` is the idle limit of every
 * request; GETs (lists, pages, streams) have no total limit while bytes
 * keep arriving; a POST, PUT or DELETE, one small answer, must also be done
 * within `timeout` in all. 0 means no limit to libcurl. */
static long http_total_limit_ms(const struct http_client *c, enum http_method m)
{
    return m == HTTP_GET ? 0 : c->opts.timeout_ms;
}

static long http_idle_limit_s(const struct http_client *c)
{
    return (c->opts.timeout_ms + 999) / 1000;
}

static const char *method_name(enum http_method m)
{
    return m == HTTP_POST ? "POST" : m == HTTP_PUT ? "PUT" : m == HTTP_DELETE ? "DELETE" : "GET";
}

int http_xfer_setup(struct http_client *c, CURL *easy, struct http_xfer *x,
                    const struct http_call *call, struct http_hop *hop,
                    struct http_response *response, struct api_error *err)
{
    CURLcode rc = CURLE_OK;

    memset(x, 0, sizeof(*x));
    api_error_init(&x->sink_err);
    x->c = c;
    x->hop = hop;
    x->easy = easy;
    x->method = call->method;
    x->response = response;
    x->sink = call->sink;
    x->sink_ctx = call->sink_ctx;
    x->sink_drained = call->sink_drained;
    x->sink_fresh = false;
    x->cancel = call->cancel;
    x->body_size = call->body_size;
    x->id = ++c->next_id;
    x->timeout_ms = http_total_limit_ms(c, call->method);
    x->headers = build_headers(c, call, !hop->foreign);
    response->status = 0;
    strbuf_reset(&response->body);

    /* Reset keeps the connection cache, so keep-alive still works. */
    curl_easy_reset(easy);
    SETOPT(CURLOPT_URL, hop->url);
    SETOPT(CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85: the bitmask form is deprecated */
    SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
#else
    SETOPT(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    SETOPT(CURLOPT_FOLLOWLOCATION, 0L); /* http_redirect.c says why */
    SETOPT(CURLOPT_CONNECTTIMEOUT_MS, c->opts.connect_timeout_ms);
    SETOPT(CURLOPT_TIMEOUT_MS, x->timeout_ms);
    /* The idle limit: less than one byte a second for `timeout` seconds. */
    SETOPT(CURLOPT_LOW_SPEED_LIMIT, 1L);
    SETOPT(CURLOPT_LOW_SPEED_TIME, http_idle_limit_s(c));
    SETOPT(CURLOPT_ACCEPT_ENCODING, "");
    SETOPT(CURLOPT_USERAGENT, "invitui/" PACKAGE_VERSION);
    SETOPT(CURLOPT_HTTPHEADER, x->headers);
    SETOPT(CURLOPT_MAXFILESIZE_LARGE,
           (curl_off_t)(call->sink ? c->opts.max_stream : c->opts.max_body));
    SETOPT(CURLOPT_WRITEFUNCTION, on_write);
    SETOPT(CURLOPT_WRITEDATA, x);
    /* A streamed list (120 MB for 100,000 Hybridbox rows) in curl's default 16 KiB pieces
     * cost a receive, a poll and a write callback each, and more of its elements straddled
     * two pieces (a copy in the splitter). */
    if (call->sink)
        SETOPT(CURLOPT_BUFFERSIZE, HTTP_STREAM_PIECE);
    SETOPT(CURLOPT_HEADERFUNCTION, on_header);
    SETOPT(CURLOPT_HEADERDATA, x);
    SETOPT(CURLOPT_NOPROGRESS, 0L);
    SETOPT(CURLOPT_XFERINFOFUNCTION, on_progress);
    SETOPT(CURLOPT_XFERINFODATA, x);
    SETOPT(CURLOPT_ERRORBUFFER, x->errbuf);
    if (c->opts.insecure) {
        SETOPT(CURLOPT_SSL_VERIFYPEER, 0L);
        SETOPT(CURLOPT_SSL_VERIFYHOST, 0L);
        http_trace_note(c, x->id, "TLS certificate verification is OFF (insecure profile)");
    }
    if (c->opts.ca_file)
        SETOPT(CURLOPT_CAINFO, c->opts.ca_file);
    if (c->trace) {
        /* VERBOSE only feeds the debug function: nothing reaches stderr. */
        SETOPT(CURLOPT_DEBUGFUNCTION, http_trace_debug);
        SETOPT(CURLOPT_DEBUGDATA, x);
        SETOPT(CURLOPT_VERBOSE, 1L);
        /* After a redirect the URL is the server's: keep the trace terminal-safe. */
        char *shown = sanitize_display_cap(hop->url, strlen(hop->url), 0, 4096);
        http_trace_note(c, x->id, "%s %s", method_name(call->method), shown);
        free(shown);
    }
    if (rc == CURLE_OK)
        rc = set_method(easy, call);
    if (rc == CURLE_OK)
        return 0;
    /* Running the transfer anyway could send it without a limit or to the wrong place. */
    api_error_set(err, API_ERR_CONFIG, _("the HTTP library refused a setting: %s"),
                  curl_easy_strerror(rc));
    return -1;
}
#undef SETOPT


void http_xfer_cleanup(struct http_xfer *x)
{
    /* The list holds a copy of the Authorization header. */
    for (struct curl_slist *h = x->headers; h; h = h->next)
        explicit_bzero(h->data, strlen(h->data));
    curl_slist_free_all(x->headers);
    x->headers = NULL;
    api_error_clear(&x->sink_err);
}

static void describe_size(size_t cap, char *buf, size_t len)
{
    if (cap >= MIB && cap % MIB == 0)
        snprintf(buf, len, _("%zu MiB"), cap / MIB);
    else if (cap >= 1024 && cap % 1024 == 0)
        snprintf(buf, len, _("%zu KiB"), cap / 1024);
    else
        snprintf(buf, len, ngettext("%zu byte", "%zu bytes", cap), cap);
}

/* Whether the connection was up when the transfer failed: a new one that
 * completed, or a reused one (libcurl then reports no connect time). */
static bool connection_was_up(struct http_xfer *x)
{
    curl_off_t connect_us = 0, pretransfer_us = 0;
    long request_bytes = 0;

    curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
    curl_easy_getinfo(x->easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us);
    curl_easy_getinfo(x->easy, CURLINFO_REQUEST_SIZE, &request_bytes);
    return connect_us > 0 || pretransfer_us > 0 || request_bytes > 0;
}

/* Says which limit ran out: connecting, waiting for the answer, a stalled
 * answer, or the total limit of a POST, PUT or DELETE. */
static void set_timeout_error(struct http_xfer *x, struct api_error *err)
{
    curl_off_t received = 0;
    long header_bytes = 0;
    long idle_s = http_idle_limit_s(x->c);

    if (!connection_was_up(x)) {
        x->connect_timeout = true;
        api_error_set(err, API_ERR_TIMEOUT, _("could not connect within %ld s"),
                      (x->c->opts.connect_timeout_ms + 999) / 1000);
        return;
    }
    curl_easy_getinfo(x->easy, CURLINFO_SIZE_DOWNLOAD_T, &received);
    curl_easy_getinfo(x->easy, CURLINFO_HEADER_SIZE, &header_bytes);
    if (strstr(x->errbuf, "too slow") && received == 0 && header_bytes == 0)
        api_error_set(err, API_ERR_TIMEOUT,
                      _("timed out: the server did not answer within %ld s"), idle_s);
    else if (strstr(x->errbuf, "too slow"))
        api_error_set(err, API_ERR_TIMEOUT, _("timed out: the server sent nothing for %ld s"),
                      idle_s);
    else
        api_error_set(err, API_ERR_TIMEOUT, _("timed out after %ld s"),
                      (x->timeout_ms + 999) / 1000);
}

static const char *network_message(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return _("could not resolve the server's name");
    case CURLE_COULDNT_CONNECT:
        return _("could not connect to the server");
    case CURLE_SEND_ERROR:
        return _("connection reset while sending the request");
    case CURLE_RECV_ERROR:
        return _("connection reset");
    case CURLE_GOT_NOTHING:
        return _("the server closed the connection without answering");
    case CURLE_PARTIAL_FILE:
        return _("the server closed the connection before the whole answer arrived "
                 "(truncated body)");
    case CURLE_PEER_FAILED_VERIFICATION:
        return _("TLS: the server's certificate could not be verified");
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return _("TLS handshake failed");
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return _("HTTP/2 protocol error");
    default:
        return NULL;
    }
}

static void set_curl_error(struct http_xfer *x, CURLcode rc, struct api_error *err)
{
    const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
    const char *msg = network_message(rc);

    if (rc == CURLE_OPERATION_TIMEDOUT) {
        set_timeout_error(x, err);
        return;
    }
    if (msg)
        api_error_set(err, API_ERR_NETWORK, "%s", msg);
    else if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL)
        api_error_set(err, API_ERR_CONFIG, _("invalid URL"));
    else if (rc == CURLE_SSL_CACERT_BADFILE)
        api_error_set(err, API_ERR_CONFIG, _("cannot read the CA file %s"),
                      x->c->opts.ca_file ? x->c->opts.ca_file : "");
    else if (rc == CURLE_BAD_CONTENT_ENCODING)
        api_error_set(err, API_ERR_PARSE, _("the answer's compression is invalid"));
    else
        api_error_set(err, API_ERR_NETWORK, "%s", curl_easy_strerror(rc));
    err->detail = xstrdup(detail);
}

/* A failure before any byte of the request can have left this host. */
static bool surely_not_sent(struct http_xfer *x, CURLcode rc)
{
    curl_off_t pretransfer = 0;

    if (rc == CURLE_OPERATION_TIMEDOUT)
        return x->connect_timeout;
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
        return true;
    case CURLE_OK:
        return false;
    default:
        curl_easy_getinfo(x->easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
        return pretransfer == 0;
    }
}

static void set_too_large(struct http_xfer *x, struct api_error *err)
{
    char size[64];
    size_t cap = x->too_large_cap ? x->too_large_cap
                 : x->sink        ? x->c->opts.max_stream
                                  : x->c->opts.max_body;

    describe_size(cap, size, sizeof(size));
    api_error_set(err, API_ERR_TOO_LARGE, _("the answer is larger than the %s limit"), size);
}

static void describe_failure(struct http_xfer *x, CURLcode rc, long status,
                             struct api_error *err)
{
    if (x->cancelled || (rc != CURLE_OK && http_cancel_requested(x->cancel))) {
        api_error_set(err, API_ERR_CANCELLED, _("cancelled"));
    } else if (x->sink_failed) {
        api_error_clear(err);
        *err = x->sink_err;
        api_error_init(&x->sink_err);
        if (err->kind == API_OK)
            api_error_set(err, API_ERR_CANCELLED, _("stopped by the receiver"));
    } else if (x->too_large_cap || rc == CURLE_FILESIZE_EXCEEDED) {
        set_too_large(x, err);
    } else if (rc != CURLE_OK) {
        set_curl_error(x, rc, err);
    } else {
        api_error_from_http(err, status, x->response->body.data, x->response->body.len);
        err->retry_after = http_parse_retry_after(x->retry_after, (long)time(NULL));
    }
}

int http_xfer_result(struct http_xfer *x, CURLcode rc, struct api_error *err)
{
    long status = 0;
    int redirect = 0;

    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
    x->response->status = status;
    if (rc == CURLE_OK && status >= 200 && status < 300)
        return 0;
    if (rc == CURLE_OK && status >= 300 && status < 400)
        redirect = http_redirect(x, status, err);
    if (redirect == HTTP_XFER_FOLLOW)
        return redirect;
    if (redirect == 0)
        describe_failure(x, rc, status, err);
    if (x->method != HTTP_GET)
        err->maybe_sent = !surely_not_sent(x, rc);
    if (x->c->trace) {
        struct strbuf line;
        strbuf_init(&line);
        api_error_format(err, &line);
        http_trace_note(x->c, x->id, "failed: %s", line.data);
        strbuf_free(&line);
    }
    return -1;
}

bool http_xfer_retryable(const struct http_xfer *x, const struct api_error *err)
{
    if (x->method != HTTP_GET || x->delivered > 0)
        return false; /* the sink already has part of the body */
    switch (err->kind) {
    case API_ERR_NETWORK:
        return true;
    case API_ERR_TIMEOUT:
        return x->connect_timeout;
    case API_ERR_HTTP:
        /* 501 and 505 are answers about us, not about the server's state. */
        return err->http_status == 429 ||
               (err->http_status >= 500 && err->http_status != 501 && err->http_status != 505);
    default:
        return false;
    }
}

long http_retry_wait_ms(struct http_client *c, int attempt, const struct api_error *err)
{
    if (err->retry_after >= 0) {
        if (err->retry_after > c->opts.max_retry_wait_ms / 1000)
            return -1;
        return err->retry_after * 1000;
    }
    long base = 250L << (attempt - 1 < 6 ? attempt - 1 : 6);
    /* xorshift: jitter only needs to differ between clients. */
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    return base / 2 + (long)(c->rng % (unsigned long long)(base / 2 + 1));
}

int http_sleep_ms(long ms, const atomic_int *cancel)
{
    struct timespec now, end;

    clock_gettime(CLOCK_MONOTONIC, &end);
    end.tv_sec += ms / 1000;
    end.tv_nsec += (ms % 1000) * 1000000L;
    if (end.tv_nsec >= 1000000000L)
        end.tv_sec++, end.tv_nsec -= 1000000000L;
    for (;;) {
        if (http_cancel_requested(cancel))
            return -1;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = (long)(end.tv_sec - now.tv_sec) * 1000 +
                    (end.tv_nsec - now.tv_nsec) / 1000000L;
        if (left <= 0)
            return 0;
        struct timespec slice = {0, (left < 50 ? left : 50) * 1000000L};
        nanosleep(&slice, NULL);
    }
}

int http_cancelled(const atomic_int *cancel, struct api_error *err)
{
    if (!http_cancel_requested(cancel))
        return 0;
    api_error_set(err, API_ERR_CANCELLED, _("cancelled"));
    return 1;
}

/* One attempt: the request and the redirects it leads to. x is left set
 * up for the last transfer, for the caller to inspect and clean up. */
static int perform_hops(struct http_client *c, const struct http_call *call,
                        struct http_hop *hop, struct http_response *response,
                        struct http_xfer *x, struct api_error *err)
{
    for (;;) {
        if (http_xfer_setup(c, c->easy, x, call, hop, response, err) < 0)
            return -1;
        int r = http_xfer_result(x, curl_easy_perform(c->easy), err);
        if (r != HTTP_XFER_FOLLOW)
            return r;
        http_xfer_cleanup(x);
    }
}

int http_perform(struct http_client *c, const struct http_call *call,
                 struct http_response *response, struct api_error *err)
{
    int attempts = call->method == HTTP_GET ? c->opts.max_get_attempts : 1;
    struct http_hop hop = {0};
    int r;

    strbuf_init(&response->body);
    response->status = 0;
    for (int attempt = 1;; attempt++) {
        struct http_xfer x;
        /* A retry starts over: a download location may have expired. */
        http_hop_start(&hop, call->url);
        r = perform_hops(c, call, &hop, response, &x, err);
        bool again = r < 0 && attempt < attempts && http_xfer_retryable(&x, err);
        http_xfer_cleanup(&x);
        if (r == 0 && attempt > 1)
            api_error_clear(err); /* drop the failure that was retried */
        if (!again)
            break;
        long wait = http_retry_wait_ms(c, attempt, err);
        if (wait < 0)
            break; /* the message says when to try again */
        if (c->trace)
            http_trace_note(c, x.id, "retrying in %ld ms", wait);
        if (http_sleep_ms(wait, call->cancel) < 0) {
            http_cancelled(call->cancel, err);
            break; /* r is still -1 */
        }
    }
    http_hop_free(&hop);
    return r;
}
