#include "config.h"

#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "faults.h"
#include "hybridbox.h"
#include "jsonw.h"
#include "marketplace.h"
#include "redirect.h"
#include "rql.h"

#define MAX_BODY (1024 * 1024)

/* Per-connection request state, created by the URI log callback so that
 * the raw query string (which MHD does not hand to the access handler)
 * survives. */
struct req_ctx {
    char *raw_uri;
    struct strbuf body;
    bool started;
};

static struct {
    const struct sb_config *cfg;
    struct sb_state *st;
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock; /* the state, the action list, the record file */
    FILE *record;
    unsigned port; /* the one bound, for redirect locations */
    struct strvec actions; /* JSON lines */
    time_t rate_second;
    long rate_count;
} srv = { .lock = PTHREAD_MUTEX_INITIALIZER };

void sb_respond(struct sb_response *resp, unsigned status, struct strbuf *sb,
                const char *content_type)
{
    free(resp->body);
    resp->status = status;
    resp->body = strbuf_detach(sb, &resp->len);
    resp->content_type = content_type;
}

static int hexdigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static char *form_decode(const char *s, size_t len)
{
    char *out = xmalloc(len + 1);
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        int h, l;
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < len && (h = hexdigit(s[i + 1])) >= 0 &&
                   (l = hexdigit(s[i + 2])) >= 0) {
            out[o++] = (char)(h * 16 + l);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

char *sb_query_get(const char *raw, const char *name)
{
    size_t nlen = strlen(name);

    while (raw && *raw) {
        size_t len = strcspn(raw, "&");
        const char *eq = memchr(raw, '=', len);
        size_t klen = eq ? (size_t)(eq - raw) : len;
        char *key = form_decode(raw, klen);
        bool hit = strlen(key) == nlen && memcmp(key, name, nlen) == 0;
        free(key);
        if (hit)
            return eq ? form_decode(eq + 1, len - klen - 1) : xstrdup("");
        raw += len + (raw[len] == '&');
    }
    return NULL;
}

/* ---- Auth, rate limit, recording ---------------------------------------- */

static bool authorized(struct MHD_Connection *con)
{
    const char *h = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
    const char *tok = srv.cfg->token;

    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return false;
    h += 7;
    size_t a = strlen(h), b = strlen(tok);
    unsigned diff = (unsigned)(a ^ b);
    /* Constant-time over the expected token's length. */
    for (size_t i = 0; i < b; i++)
        diff |= (unsigned char)tok[i] ^ (unsigned char)(i < a ? h[i] : 0);
    return diff == 0;
}

static bool rate_limited(void)
{
    time_t now = time(NULL);
    bool over;

    if (srv.cfg->rate_limit <= 0)
        return false;
    pthread_mutex_lock(&srv.lock);
    if (now != srv.rate_second) {
        srv.rate_second = now;
        srv.rate_count = 0;
    }
    over = ++srv.rate_count > srv.cfg->rate_limit;
    pthread_mutex_unlock(&srv.lock);
    return over;
}

/* Called with the lock held. */
static void record_action(const struct sb_request *req, unsigned status)
{
    const struct sb_action *a = &req->action;
    struct strbuf sb;
    struct jsonw w;
    char when[32];

    if (!a->action)
        return;
    data_fmt_time_ms(data_now_ms(), when);
    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    jsonw_obj_begin(&w);
    jsonw_kstr(&w, "time", when);
    jsonw_kstr(&w, "provider", a->provider);
    jsonw_kstr(&w, "action", a->action);
    jsonw_kstr(&w, "method", req->method);
    jsonw_kstr(&w, "path", req->path);
    jsonw_kstr(&w, "account_id", a->account_id);
    jsonw_kstr(&w, "id", a->id);
    jsonw_kstr(&w, "email", a->email);
    jsonw_kstr(&w, "locale", a->locale);
    jsonw_kint(&w, "body_bytes", (long long)req->body_len);
    jsonw_kstr(&w, "content_type", req->content_type);
    jsonw_kint(&w, "status", status);
    jsonw_obj_end(&w);
    if (srv.record) {
        fprintf(srv.record, "%s\n", sb.data);
        fflush(srv.record);
    }
    strvec_push_owned(&srv.actions, strbuf_detach(&sb, NULL));
}

static void action_free(struct sb_action *a)
{
    free(a->account_id);
    free(a->id);
    free(a->email);
    free(a->locale);
}

/* ---- Inspection routes (loopback only) ---------------------------------- */

static bool from_loopback(struct MHD_Connection *con)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr_in *sin = ci ? (const struct sockaddr_in *)ci->client_addr : NULL;

    return sin && sin->sin_family == AF_INET &&
           (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
}

static void handle_inspection(struct MHD_Connection *con, const char *method, const char *path,
                              struct sb_response *resp)
{
    struct strbuf sb;

    if (!from_loopback(con)) {
        hb_error(resp, 403, "Forbidden");
        return;
    }
    if (strcmp(path, "/_sandbox/actions") == 0 && strcmp(method, "GET") == 0) {
        strbuf_init(&sb);
        pthread_mutex_lock(&srv.lock);
        strbuf_putc(&sb, '[');
        for (size_t i = 0; i < srv.actions.n; i++) {
            if (i)
                strbuf_putc(&sb, ',');
            strbuf_puts(&sb, srv.actions.v[i]);
        }
        pthread_mutex_unlock(&srv.lock);
        strbuf_putc(&sb, ']');
        sb_respond(resp, 200, &sb, "application/json");
    } else if (strcmp(path, "/_sandbox/redirects") == 0 && strcmp(method, "GET") == 0) {
        strbuf_init(&sb);
        redirect_stats(&sb);
        sb_respond(resp, 200, &sb, "application/json");
    } else if (strcmp(path, "/_sandbox/reset-actions") == 0 && strcmp(method, "POST") == 0) {
        pthread_mutex_lock(&srv.lock);
        strvec_free(&srv.actions);
        pthread_mutex_unlock(&srv.lock);
        resp->status = 204;
    } else {
        hb_error(resp, 404, "Not Found");
    }
}

/* ---- Dispatch ------------------------------------------------------------ */

enum provider { PROVIDER_NONE, PROVIDER_HB, PROVIDER_MP };

static enum provider provider_of(const char *path)
{
    if (strncmp(path, "/v1/public/", 11) == 0 || strcmp(path, "/v1/public") == 0)
        return PROVIDER_HB;
    if (strncmp(path, "/public/v1/", 11) == 0 || strcmp(path, "/public/v1") == 0)
        return PROVIDER_MP;
    return PROVIDER_NONE;
}

/* Splits the raw (still percent-encoded) path so that an encoded '/' stays
 * inside its segment; MHD's url argument is already decoded. */
static void split_path(const char *raw_uri, struct sb_request *req)
{
    struct strvec segs = { 0 };

    for (const char *p = raw_uri; *p && *p != '?';) {
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/?");
        if (len)
            strvec_push_owned(&segs, rql_percent_decode(p, len));
        p += len;
    }
    req->segs = segs.v;
    req->n_segs = segs.n;
}

static void error_for(enum provider p, struct sb_response *resp, unsigned status,
                      const char *title, const char *detail)
{
    if (p == PROVIDER_MP)
        mp_problem(resp, status, title, detail);
    else
        hb_error(resp, status, detail ? detail : title);
}

/* Whether the request may go on: a valid token, or (--redirect-lists)
 * none at all at the download location. Answers resp otherwise. */
static bool admitted(struct MHD_Connection *con, enum provider p, bool download,
                     struct sb_response *resp)
{
    if (download) {
        if (!MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization"))
            return true;
        redirect_count(REDIRECT_REJECTED);
        mp_problem(resp, 400, "Bearer token sent to the download location",
                   "The download location is another host and takes no credentials: the "
                   "Authorization header must not follow a redirect to it.");
        return false;
    }
    if (authorized(con))
        return true;
    if (p == PROVIDER_MP)
        mp_problem(resp, 401, "Unauthorized", "A valid bearer token is required.");
    else
        hb_error(resp, 401, "Not authenticated");
    resp->www_authenticate = true;
    return false;
}

/* Fills req from the connection; the caller frees req->raw_path, the
 * query if it is not inside ctx, the segments and the action. */
static void fill_request(struct MHD_Connection *con, const char *method, const char *path,
                         const struct req_ctx *ctx, bool download, struct sb_request *req)
{
    const char *q = strchr(ctx->raw_uri, '?');

    memset(req, 0, sizeof(*req));
    req->method = method;
    req->path = path;
    req->raw_path = xstrndup(ctx->raw_uri, q ? (size_t)(q - ctx->raw_uri) : strlen(ctx->raw_uri));
    req->raw_query = download ? redirect_strip_marker(q + 1) : q ? q + 1 : "";
    req->body = ctx->body.data ? ctx->body.data : "";
    req->body_len = ctx->body.len;
    req->content_type =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    req->host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    req->port = srv.port;
    req->redirect_lists = srv.cfg->redirect_lists;
    req->download = download;
    split_path(ctx->raw_uri, req);
}

static void handle_api(struct MHD_Connection *con, enum provider p, const char *method,
                       const char *path, struct req_ctx *ctx, struct sb_response *resp)
{
    struct sb_request req;
    const char *q = strchr(ctx->raw_uri, '?');
    /* Only Marketplace collection reads are redirected, so only GETs there
     * can be downloads; anything else with the marker needs the token. */
    bool download = srv.cfg->redirect_lists && p == PROVIDER_MP && strcmp(method, "GET") == 0 &&
                    q && redirect_is_marked(q + 1);

    if (!admitted(con, p, download, resp))
        return;
    if (ctx->body.len > MAX_BODY) {
        error_for(p, resp, 413, "Payload Too Large", "Request body too large");
        return;
    }
    fill_request(con, method, path, ctx, download, &req);
    pthread_mutex_lock(&srv.lock);
    req.st = srv.st;
    req.now = data_now_ms();
    if (p == PROVIDER_HB)
        hb_handle(&req, resp);
    else
        mp_handle(&req, resp);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        srv.st->generation++;
    record_action(&req, resp->status);
    pthread_mutex_unlock(&srv.lock);
    struct strvec segs = { req.segs, req.n_segs, req.n_segs };
    strvec_free(&segs);
    action_free(&req.action);
    free((char *)req.raw_path);
    if (download)
        free((char *)req.raw_query);
}

static enum MHD_Result queue(struct MHD_Connection *con, struct sb_response *resp,
                             const struct sb_fault *fault)
{
    struct MHD_Response *r = faults_make_response(resp, fault);
    enum MHD_Result ret;
    char retry[16];

    if (resp->content_type && resp->status != 204)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
    if (resp->www_authenticate)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
    if (resp->location)
        MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, resp->location);
    if (resp->retry_after >= 0) {
        snprintf(retry, sizeof(retry), "%d", resp->retry_after);
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, retry);
    }
    ret = MHD_queue_response(con, resp->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    struct req_ctx *ctx = *con_cls;
    struct sb_response resp = { .instance = url, .status = 500, .retry_after = -1 };
    const struct sb_fault *fault = NULL;
    enum provider p;

    (void)cls;
    (void)version;
    if (!ctx->started) {
        ctx->started = true;
        return MHD_YES;
    }
    if (*upload_size) {
        if (ctx->body.len <= MAX_BODY)
            strbuf_append(&ctx->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    p = provider_of(url);
    if (strncmp(url, "/_sandbox/", 10) == 0) {
        handle_inspection(con, method, url, &resp);
    } else if (p == PROVIDER_NONE) {
        hb_error(&resp, 404, "Not Found");
    } else if (rate_limited()) {
        error_for(p, &resp, 429, "Too Many Requests", "Rate limit exceeded; retry later");
        resp.retry_after = 1;
    } else {
        fault = faults_pick(srv.cfg, url);
        if (fault && fault->mode == SB_FAULT_RESET)
            return MHD_NO; /* close the connection without a response */
        if (srv.cfg->latency_ms > 0)
            faults_latency((long)srv.cfg->latency_ms);
        if (fault && fault->mode == SB_FAULT_5XX) {
            bool unavailable = faults_toggle();
            error_for(p, &resp, unavailable ? 503 : 500,
                      unavailable ? "Service Unavailable" : "Internal Server Error",
                      unavailable ? "Injected fault: service unavailable"
                                  : "Injected fault: internal error");
            resp.retry_after = unavailable ? 1 : -1;
            fault = NULL;
        } else {
            handle_api(con, p, method, url, ctx, &resp);
        }
    }
    enum MHD_Result ret = queue(con, &resp, fault);
    free(resp.body);
    free(resp.location);
    return ret;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    struct req_ctx *ctx = xcalloc(1, sizeof(*ctx));

    (void)cls;
    (void)con;
    ctx->raw_uri = xstrdup(uri);
    strbuf_init(&ctx->body);
    return ctx;
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct req_ctx *ctx = *con_cls;

    (void)cls;
    (void)con;
    (void)toe;
    if (!ctx)
        return;
    free(ctx->raw_uri);
    strbuf_free(&ctx->body);
    free(ctx);
    *con_cls = NULL;
}

int server_start(const struct sb_config *cfg, struct sb_state *st, unsigned *port_out,
                 char **err)
{
    struct sockaddr_in addr;

    srv.cfg = cfg;
    srv.st = st;
    if (cfg->record && !(srv.record = fopen(cfg->record, "a"))) {
        *err = xasprintf("%s: %s", cfg->record, strerror(errno));
        return -1;
    }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)cfg->port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    srv.daemon = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL,
        on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
    if (!srv.daemon) {
        *err = xasprintf("cannot listen on 127.0.0.1:%u", cfg->port);
        if (srv.record)
            fclose(srv.record);
        srv.record = NULL;
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
    *port_out = srv.port = info ? info->port : cfg->port;
    return 0;
}

void server_stop(void)
{
    faults_stop();
    if (srv.daemon)
        MHD_stop_daemon(srv.daemon);
    srv.daemon = NULL;
    if (srv.record)
        fclose(srv.record);
    srv.record = NULL;
    strvec_free(&srv.actions);
}
