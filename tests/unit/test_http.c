#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "invitui/http.h"

#include "http_testsrv.h"

#define TOKEN "secret-token-123"

static void answer_stream(int fd, size_t total, size_t piece, bool with_length)
{
    char head[256];
    char *buf = malloc(piece);

    snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\n%s%zu\r\nConnection: close\r\n\r\n",
             with_length ? "Content-Length: " : "X-Length: ", total);
    testsrv_send_all(fd, head, strlen(head));
    for (size_t sent = 0; sent < total; sent += piece) {
        for (size_t i = 0; i < piece; i++)
            buf[i] = (char)('a' + (sent + i) % 26);
        if (!testsrv_send_all(fd, buf, piece < total - sent ? piece : total - sent))
            break; /* the client hung up */
    }
    free(buf);
}

static void answer(int fd, const struct testsrv_req *req, int nth)
{
    const char *path = req->target;
    char buf[1024];

    if (!strcmp(path, "/ok")) {
        testsrv_respond(fd, 200, "", "{\"ok\":true}");
    } else if (!strcmp(path, "/retry429")) {
        if (nth == 1)
            testsrv_respond(fd, 429, "Retry-After: 1\r\n", "{\"detail\":\"slow down\"}");
        else
            testsrv_respond(fd, 200, "", "{\"ok\":2}");
    } else if (!strcmp(path, "/wait429")) {
        testsrv_respond(fd, 429, "Retry-After: 20\r\n", "{\"detail\":\"slow down\"}");
    } else if (!strcmp(path, "/long429")) {
        testsrv_respond(fd, 429, "Retry-After: 3600\r\n", "{\"detail\":\"come back later\"}");
    } else if (!strcmp(path, "/post503") || !strcmp(path, "/always503")) {
        testsrv_respond(fd, 503, "", "{\"title\":\"Service Unavailable\",\"status\":503}");
    } else if (!strcmp(path, "/auth401")) {
        testsrv_respond(fd, 401, "WWW-Authenticate: Bearer\r\nSet-Cookie: sid=abc\r\n",
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                "\"detail\":\"token expired\"}");
    } else if (!strcmp(path, "/big")) {
        answer_stream(fd, 4096, 4096, true);
    } else if (!strcmp(path, "/bigclose")) {
        answer_stream(fd, 4096, 512, false);
    } else if (!strcmp(path, "/stream")) {
        answer_stream(fd, 200000, 20000, true);
    } else if (!strcmp(path, "/identity")) {
        testsrv_respond(fd, 200, "Content-Encoding: identity\r\n", "{\"ok\":true}");
    } else if (!strcmp(path, "/endless")) {
        answer_stream(fd, (size_t)1 << 40, 1024, false);
    } else if (!strcmp(path, "/bigerror")) {
        /* A 422 listing 400 field errors: over 2,048 bytes. */
        struct strbuf sb;
        strbuf_init(&sb);
        strbuf_puts(&sb, "{\"title\":\"Invalid\",\"errors\":{");
        for (int i = 0; i < 400; i++)
            strbuf_printf(&sb, "%s\"f%d\":[\"bad\"]", i ? "," : "", i);
        strbuf_puts(&sb, "}}");
        testsrv_respond(fd, 422, "", sb.data);
        strbuf_free(&sb);
    } else if (!strcmp(path, "/paused")) { /* 1,000 bytes, a pause of 300 ms, 1,000 more */
        const char *h = "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n";
        char part[1000];
        struct timespec pause = {0, 300 * 1000000L};
        testsrv_send_all(fd, h, strlen(h));
        for (size_t i = 0; i < sizeof(part); i++)
            part[i] = (char)('a' + i % 26);
        testsrv_send_all(fd, part, sizeof(part));
        nanosleep(&pause, NULL);
        for (size_t i = 0; i < sizeof(part); i++)
            part[i] = (char)('a' + (1000 + i) % 26);
        testsrv_send_all(fd, part, sizeof(part));
    } else if (!strcmp(path, "/truncated")) {
        const char *h = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789";
        testsrv_send_all(fd, h, strlen(h));
    } else if (!strcmp(path, "/hang")) {
        while (recv(fd, buf, sizeof(buf), 0) > 0)
            ; /* until the client gives up */
    } else if (!strncmp(path, "/flaky/", 7) && nth == 1) {
        testsrv_respond(fd, 503, "", "");
    } else if (!strncmp(path, "/flaky/", 7) || !strncmp(path, "/many/", 6)) {
        snprintf(buf, sizeof(buf), "{\"n\":%s}", strrchr(path, '/') + 1);
        testsrv_respond(fd, 200, "", buf);
    } else {
        testsrv_respond(fd, 404, "", "{\"detail\":\"Not Found\"}");
    }
}

static int setup(void **state)
{
    (void)state;
    /* A proxy from the environment must not intercept the loopback server. */
    setenv("NO_PROXY", "127.0.0.1", 1);
    setenv("no_proxy", "127.0.0.1", 1);
    if (http_global_init() < 0)
        return -1;
    return testsrv_start(answer);
}

static int teardown(void **state)
{
    (void)state;
    testsrv_stop();
    http_global_cleanup();
    return 0;
}

static char *url(const char *path)
{
    return testsrv_url(NULL, path);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One request with a fresh client; returns http_perform's result. */
static int do_call(const struct http_options *o, enum http_method m, const char *path,
                   struct http_response *r, struct api_error *err)
{
    struct http_options def = {0};
    struct http_client *c = http_client_new(o ? o : &def, TOKEN);
    char *u = url(path);
    struct http_call call = {.method = m, .url = u, .json_body = m == HTTP_POST ? "{}" : NULL};

    assert_non_null(c);
    api_error_init(err);
    int rc = http_perform(c, &call, r, err);
    free(u);
    http_client_free(c);
    return rc;
}

static void url_escape(void **state)
{
    (void)state;
    char *s = http_url_escape("a b/c?d#e%f&g=h+é~._-AZaz09");
    assert_string_equal(s, "a%20b%2Fc%3Fd%23e%25f%26g%3Dh%2B%C3%A9~._-AZaz09");
    free(s);
    s = http_url_escape("");
    assert_string_equal(s, "");
    free(s);
}

static void redact_headers(void **state)
{
    struct strbuf sb;
    const char in[] = "GET /x HTTP/1.1\r\nHost: h\r\nauthorization: Bearer " TOKEN "\r\n"
                      "Accept: application/json\r\nCOOKIE: a=b\r\nProxy-Authorization: Basic "
                      "eHg=\r\nX-Authorization-Hint: keep\r\nSet-Cookie: sid=1\n\r\n";
    (void)state;

    strbuf_init(&sb);
    http_redact_headers(&sb, in, strlen(in));
    assert_null(strstr(sb.data, TOKEN));
    assert_null(strstr(sb.data, "a=b"));
    assert_null(strstr(sb.data, "eHg="));
    assert_null(strstr(sb.data, "sid=1"));
    assert_non_null(strstr(sb.data, "authorization: [redacted]\r\n"));
    assert_non_null(strstr(sb.data, "COOKIE: [redacted]\r\n"));
    assert_non_null(strstr(sb.data, "Proxy-Authorization: [redacted]\r\n"));
    assert_non_null(strstr(sb.data, "Set-Cookie: [redacted]\n\r\n"));
    assert_non_null(strstr(sb.data, "GET /x HTTP/1.1\r\nHost: h\r\n"));
    assert_non_null(strstr(sb.data, "Accept: application/json\r\n"));
    assert_non_null(strstr(sb.data, "X-Authorization-Hint: keep\r\n"));
    strbuf_free(&sb);
}

static void retry_after_values(void **state)
{
    (void)state;
    /* 784111777 = Sun, 06 Nov 1994 08:49:37 GMT */
    assert_int_equal(http_parse_retry_after("120", 0), 120);
    assert_int_equal(http_parse_retry_after(" 0 ", 0), 0);
    assert_int_equal(http_parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30),
                     30);
    assert_int_equal(http_parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 5),
                     0);
    assert_int_equal(http_parse_retry_after("soon", 0), -1);
    assert_int_equal(http_parse_retry_after("-5", 0), -1);
    assert_int_equal(http_parse_retry_after("12abc", 0), -1);
    assert_int_equal(http_parse_retry_after("", 0), -1);
    assert_int_equal(http_parse_retry_after(NULL, 0), -1);
    assert_int_equal(http_parse_retry_after("Sun, 06 Nov 1994 08:49:37 UTC", 0), -1);
    assert_int_equal(http_parse_retry_after("Sun, 06 Foo 1994 08:49:37 GMT", 0), -1);
    assert_true(http_parse_retry_after("99999999999999999999", 0) > 3600);
}

static void get_json_sends_headers(void **state)
{
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(do_call(NULL, HTTP_GET, "/ok", &r, &err), 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"ok\":true}");
    struct testsrv_req last = testsrv_request(-1);
    assert_string_equal(last.auth, "Bearer " TOKEN);
    assert_string_equal(last.user_agent, "invitui/" PACKAGE_VERSION);
    assert_string_equal(last.accept, "application/json");
    assert_string_equal(last.method, "GET");
    http_response_free(&r);
}

static void get_retries_after_429(void **state)
{
    struct http_response r;
    struct api_error err;
    (void)state;

    double t0 = now_s();
    assert_int_equal(do_call(NULL, HTTP_GET, "/retry429", &r, &err), 0);
    assert_true(now_s() - t0 >= 0.9); /* Retry-After: 1 was honoured */
    assert_int_equal(testsrv_hits("/retry429"), 2);
    assert_int_equal(err.kind, API_OK); /* the retried failure is not reported */
    assert_null(err.title);
    assert_string_equal(r.body.data, "{\"ok\":2}");
    http_response_free(&r);
}

static void long_retry_after_fails_at_once(void **state)
{
    struct http_response r;
    struct api_error err;
    struct strbuf line;
    (void)state;

    assert_int_equal(do_call(NULL, HTTP_GET, "/long429", &r, &err), -1);
    assert_int_equal(testsrv_hits("/long429"), 1);
    assert_int_equal(err.http_status, 429);
    assert_int_equal(err.retry_after, 3600);
    strbuf_init(&line);
    api_error_format(&err, &line);
    assert_non_null(strstr(line.data, "retry in 3600 seconds"));
    assert_non_null(strstr(line.data, "come back later"));
    strbuf_free(&line);
    api_error_clear(&err);
    http_response_free(&r);
}

static void get_gives_up_after_max_attempts(void **state)
{
    struct http_options o = {.max_get_attempts = 3};
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(do_call(&o, HTTP_GET, "/always503", &r, &err), -1);
    assert_int_equal(testsrv_hits("/always503"), 3);
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.http_status, 503);
    assert_false(err.maybe_sent);
    /* The error body is kept. */
    assert_non_null(strstr(r.body.data, "Service Unavailable"));
    api_error_clear(&err);
    http_response_free(&r);
}

static void post_is_never_retried(void **state)
{
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(do_call(NULL, HTTP_POST, "/post503", &r, &err), -1);
    assert_int_equal(testsrv_hits("/post503"), 1);
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.http_status, 503);
    assert_true(err.maybe_sent);
    struct testsrv_req last = testsrv_request(-1);
    assert_string_equal(last.method, "POST");
    assert_string_equal(last.content_type, "application/json");
    assert_string_equal(last.content_length, "2");
    assert_string_equal(last.body, "{}");
    api_error_clear(&err);
    http_response_free(&r);
}

/* json_body NULL: the Marketplace invite actions post nothing at all. */
static void post_without_body(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    char *u = url("/ok");
    struct http_call call = {.method = HTTP_POST, .url = u, .json_body = NULL};
    struct http_response r;
    struct api_error err;
    (void)state;

    api_error_init(&err);
    assert_int_equal(http_perform(c, &call, &r, &err), 0);
    struct testsrv_req last = testsrv_request(-1);
    assert_string_equal(last.method, "POST");
    assert_false(last.has_content_type); /* not even curl's form type */
    assert_true(last.has_content_length);
    assert_string_equal(last.content_length, "0");
    assert_string_equal(last.body, "");
    assert_string_equal(last.auth, "Bearer " TOKEN);
    http_response_free(&r);

    /* An empty string is still a (JSON) body. */
    call.json_body = "";
    assert_int_equal(http_perform(c, &call, &r, &err), 0);
    last = testsrv_request(-1);
    assert_string_equal(last.content_type, "application/json");
    assert_string_equal(last.content_length, "0");
    http_response_free(&r);
    free(u);
    http_client_free(c);
}

static void post_to_closed_port_was_not_sent(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    int port;
    (void)state;

    int fd = testsrv_listen(&port);
    close(fd); /* nothing listens there now */
    char *u = xasprintf("http://127.0.0.1:%d/x", port);
    struct http_call call = {.method = HTTP_POST, .url = u, .json_body = "{}"};
    api_error_init(&err);
    assert_int_equal(http_perform(c, &call, &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_NETWORK);
    assert_false(err.maybe_sent);
    assert_int_equal(api_error_exit_code(&err), 4);
    api_error_clear(&err);
    http_response_free(&r);
    free(u);
    http_client_free(c);
}

static void unauthorized_is_auth_error(void **state)
{
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(do_call(NULL, HTTP_GET, "/auth401", &r, &err), -1);
    assert_int_equal(testsrv_hits("/auth401"), 1); /* 401 is not retried */
    assert_int_equal(err.kind, API_ERR_AUTH);
    assert_int_equal(err.http_status, 401);
    assert_string_equal(err.title, "Unauthorized");
    assert_string_equal(err.detail, "token expired");
    assert_int_equal(r.status, 401);
    api_error_clear(&err);
    http_response_free(&r);
}

static void body_over_cap(void **state)
{
    struct http_options o = {.max_body = 1024};
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(do_call(&o, HTTP_GET, "/big", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_TOO_LARGE);
    assert_non_null(strstr(err.title, "1 KiB"));
    assert_int_equal(testsrv_hits("/big"), 1);
    api_error_clear(&err);
    http_response_free(&r);
    /* No Content-Length: the write callback stops it. */
    assert_int_equal(do_call(&o, HTTP_GET, "/bigclose", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_TOO_LARGE);
    assert_true(r.body.len <= 1024);
    api_error_clear(&err);
    http_response_free(&r);
}

static void truncated_body_is_network_error(void **state)
{
    struct http_options o = {.max_get_attempts = 2};
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(do_call(&o, HTTP_GET, "/truncated", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_NETWORK);
    assert_non_null(strstr(err.title, "truncated body"));
    assert_int_equal(testsrv_hits("/truncated"), 2); /* a GET is retried */
    api_error_clear(&err);
    http_response_free(&r);
}

static void overall_timeout(void **state)
{
    struct http_options o = {.timeout_ms = 300};
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(do_call(&o, HTTP_POST, "/hang", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_TIMEOUT);
    assert_non_null(strstr(err.title, "timed out after 1 s"));
    assert_true(err.maybe_sent);
    assert_int_equal(api_error_exit_code(&err), 5); /* the POST may have been carried out */
    api_error_clear(&err);
    http_response_free(&r);
    /* A GET has only the idle limit, rounded up to a second. */
    assert_int_equal(do_call(&o, HTTP_GET, "/hang", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_TIMEOUT);
    assert_string_equal(err.title, "timed out: the server did not answer within 1 s");
    assert_int_equal(api_error_exit_code(&err), 4);
    api_error_clear(&err);
    http_response_free(&r);
}

struct sink_state {
    size_t total;
    int calls;
    bool in_order;
    size_t drained_at[8], drained_calls;
    atomic_int *cancel_after_first;
};

static int counting_sink(void *ctx, const char *data, size_t len, struct api_error *err)
{
    struct sink_state *s = ctx;

    (void)err;
    for (size_t i = 0; i < len; i++)
        if (data[i] != (char)('a' + (s->total + i) % 26))
            s->in_order = false;
    s->total += len;
    s->calls++;
    if (s->cancel_after_first)
        *s->cancel_after_first = 1;
    return 0;
}

/* sink_drained: how many bytes the sink had at each call. */
static int note_drained(void *ctx, struct api_error *err)
{
    struct sink_state *s = ctx;

    (void)err;
    if (s->drained_calls < 8)
        s->drained_at[s->drained_calls] = s->total;
    s->drained_calls++;
    return 0;
}

static int refusing_drained(void *ctx, struct api_error *err)
{
    (void)ctx;
    return api_error_set(err, API_ERR_PARSE, "drained refused");
}

static int failing_sink(void *ctx, const char *data, size_t len, struct api_error *err)
{
    (void)ctx, (void)data, (void)len;
    return api_error_set(err, API_ERR_PARSE, "sink refused");
}

static void sink_receives_pieces(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct sink_state s = {.in_order = true};
    struct http_response r;
    struct api_error err;
    (void)state;

    char *u = url("/stream");
    size_t size = 1;
    struct http_call call = {.method = HTTP_GET, .url = u, .sink = counting_sink, .sink_ctx = &s,
                             .body_size = &size};
    api_error_init(&err);
    assert_int_equal(http_perform(c, &call, &r, &err), 0);
    assert_int_equal(s.total, 200000);
    assert_int_equal(size, 200000); /* its Content-Length, known before the first piece */
    assert_true(s.calls > 1);
    assert_true(s.in_order);
    assert_int_equal(r.body.len, 0);
    http_response_free(&r);

    /* No Content-Length, or one counting encoded bytes: no size. */
    char *close_delimited = url("/bigclose"), *encoded = url("/identity");
    call.url = close_delimited;
    size = 1;
    assert_int_equal(http_perform(c, &call, &r, &err), 0);
    assert_int_equal(size, 0);
    http_response_free(&r);
    call.url = encoded;
    size = 1;
    assert_int_equal(http_perform(c, &call, &r, &err), 0);
    assert_int_equal(size, 0);
    http_response_free(&r);
    free(close_delimited);
    free(encoded);
    call.url = u;
    s.total = 0;

    call.sink = failing_sink;
    assert_int_equal(http_perform(c, &call, &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_PARSE);
    assert_string_equal(err.title, "sink refused");
    api_error_clear(&err);
    http_response_free(&r);
    free(u);
    http_client_free(c);
}

/* A sink that gathers its pieces hears when the socket is drained: during the server's pause,
 * with the first 1,000 bytes, not only at the end; only after new bytes; its refusal stops
 * the transfer with its error. */
static void sink_hears_when_drained(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct sink_state s = {.in_order = true};
    struct http_response r;
    struct api_error err;
    (void)state;

    char *u = url("/paused");
    struct http_call call = {.method = HTTP_GET, .url = u, .sink = counting_sink, .sink_ctx = &s,
                             .sink_drained = note_drained};
    api_error_init(&err);
    assert_int_equal(http_perform(c, &call, &r, &err), 0);
    assert_int_equal(s.total, 2000);
    assert_true(s.in_order);
    assert_true(s.drained_calls >= 1 && s.drained_calls <= 8);
    assert_int_equal(s.drained_at[0], 1000); /* in the pause, not held back to the end */
    for (size_t i = 1; i < s.drained_calls; i++)
        assert_true(s.drained_at[i] > s.drained_at[i - 1]); /* only after new bytes */
    http_response_free(&r);

    call.sink_drained = refusing_drained;
    s = (struct sink_state){.in_order = true};
    assert_int_equal(http_perform(c, &call, &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_PARSE);
    assert_string_equal(err.title, "drained refused");
    api_error_clear(&err);
    http_response_free(&r);
    free(u);
    http_client_free(c);
}

static void cancel_flag(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    atomic_int cancel = 0;
    struct sink_state s = {.in_order = true, .cancel_after_first = &cancel};
    struct http_response r;
    struct api_error err;
    (void)state;

    /* The sink raises the flag after the first piece of an endless body. */
    char *u = url("/endless");
    struct http_call call = {.method = HTTP_GET, .url = u, .sink = counting_sink,
                             .sink_ctx = &s, .cancel = &cancel};
    api_error_init(&err);
    assert_int_equal(http_perform(c, &call, &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_CANCELLED);
    assert_true(s.total > 0);
    api_error_clear(&err);
    http_response_free(&r);
    free(u);

    /* Already cancelled: nothing is fetched. */
    u = url("/ok");
    struct http_call call2 = {.method = HTTP_GET, .url = u, .cancel = &cancel};
    assert_int_equal(http_perform(c, &call2, &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_CANCELLED);
    api_error_clear(&err);
    http_response_free(&r);
    free(u);
    http_client_free(c);
}

static atomic_int wait_cancel;
static const char *cancel_path;

static void *cancel_when_hit(void *arg)
{
    double deadline = now_s() + 10;

    (void)arg;
    while (testsrv_hits(cancel_path) < 1 && now_s() < deadline) {
        struct timespec t = {0, 10 * 1000000L};
        nanosleep(&t, NULL);
    }
    wait_cancel = 1;
    return NULL;
}

/* Runs a GET of path that another thread cancels once the server saw it. */
static double cancelled_get(const char *path, struct api_error *err)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    pthread_t t;

    char *u = url(path);
    struct http_call call = {.method = HTTP_GET, .url = u, .cancel = &wait_cancel};
    api_error_init(err);
    wait_cancel = 0;
    cancel_path = path;
    pthread_create(&t, NULL, cancel_when_hit, NULL);
    double t0 = now_s();
    assert_int_equal(http_perform(c, &call, &r, err), -1);
    double elapsed = now_s() - t0;
    pthread_join(t, NULL);
    http_response_free(&r);
    free(u);
    http_client_free(c);
    return elapsed;
}

static void cancel_while_waiting_for_answer(void **state)
{
    struct api_error err;
    (void)state;

    /* The server never answers; the default timeout is 30 s. */
    assert_true(cancelled_get("/hang", &err) < 5);
    assert_int_equal(err.kind, API_ERR_CANCELLED);
    api_error_clear(&err);
}

static void cancel_interrupts_retry_wait(void **state)
{
    struct api_error err;
    (void)state;

    assert_true(cancelled_get("/wait429", &err) < 10); /* did not sit out Retry-After: 20 */
    assert_int_equal(err.kind, API_ERR_CANCELLED);
    assert_int_equal(testsrv_hits("/wait429"), 1);
    api_error_clear(&err);
}

static void trace_is_redacted(void **state)
{
    char dir[] = "/tmp/invitui-http.XXXXXX";
    struct http_response r;
    struct api_error err;
    struct stat st;
    (void)state;

    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/trace.log", dir);
    struct http_options o = {.trace_path = path};
    assert_int_equal(do_call(&o, HTTP_GET, "/ok", &r, &err), 0);
    http_response_free(&r);
    assert_int_equal(do_call(&o, HTTP_POST, "/auth401", &r, &err), -1);
    api_error_clear(&err);
    http_response_free(&r);
    assert_int_equal(do_call(&o, HTTP_GET, "/stream", &r, &err), 0);
    http_response_free(&r);
    assert_int_equal(do_call(&o, HTTP_POST, "/bigerror", &r, &err), -1);
    api_error_clear(&err);
    http_response_free(&r);

    char *text = testsrv_read_file(path);
    /* An error answer is traced whole, however long: its last field too. */
    assert_non_null(strstr(text, "\"f399\":[\"bad\"]}}"));
    assert_null(strstr(text, TOKEN));
    assert_null(strstr(text, "sid=abc"));
    assert_non_null(strstr(text, "Authorization: [redacted]"));
    assert_non_null(strstr(text, "> GET /ok HTTP/1.1"));
    assert_non_null(strstr(text, "< HTTP/1.1 200"));
    assert_non_null(strstr(text, "< {\"ok\":true}"));
    assert_non_null(strstr(text, "> {}"));
    assert_non_null(strstr(text, "body cut after 2048 bytes"));
    assert_true(strlen(text) < 20000); /* the 200 KB body was not traced */
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    free(text);
    unlink(path);
    rmdir(dir);
    free(path);

    /* An unopenable trace file is refused. */
    struct http_options bad = {.trace_path = "/nonexistent/dir/trace"};
    assert_null(http_client_new(&bad, TOKEN));
    /* So is a token that would inject a header. */
    assert_null(http_client_new(NULL, "abc\r\nX-Evil: 1"));
}

static void get_many_in_order(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    const char *paths[] = {"/many/0", "/many/1", "/flaky/2", "/many/3", "/many/4", "/many/5"};
    char *urls[ARRAY_SIZE(paths)];
    struct http_response r[ARRAY_SIZE(paths)];
    struct api_error err;
    (void)state;

    for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
        urls[i] = url(paths[i]);
    api_error_init(&err);
    assert_int_equal(
        http_get_many(c, (const char *const *)urls, ARRAY_SIZE(paths), 2, r, NULL, &err), 0);
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        char want[32];
        snprintf(want, sizeof(want), "{\"n\":%zu}", i);
        assert_int_equal(r[i].status, 200);
        assert_string_equal(r[i].body.data, want);
        http_response_free(&r[i]);
    }
    assert_int_equal(testsrv_hits("/flaky/2"), 2);

    /* One failure: -1 and the error of that URL. */
    free(urls[3]);
    urls[3] = url("/auth401");
    assert_int_equal(
        http_get_many(c, (const char *const *)urls, ARRAY_SIZE(paths), 3, r, NULL, &err), -1);
    assert_int_equal(err.kind, API_ERR_AUTH);
    assert_int_equal(r[3].status, 401);
    assert_int_equal(r[4].status, 200);
    api_error_clear(&err);

    atomic_int cancel = 1;
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
        http_response_free(&r[i]);
    assert_int_equal(
        http_get_many(c, (const char *const *)urls, ARRAY_SIZE(paths), 2, r, &cancel, &err), -1);
    assert_int_equal(err.kind, API_ERR_CANCELLED);
    api_error_clear(&err);
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        http_response_free(&r[i]);
        free(urls[i]);
    }
    http_client_free(c);
}

/* libcurl refuses strings over 8 MB: a refused option fails the call before anything is sent,
 * instead of running the transfer without it. */
static void refused_option_fails_unsent(void **state)
{
    size_t n = 9 * 1000 * 1000;
    char *huge = xmalloc(n + 1);
    struct http_response r;
    struct api_error err;
    (void)state;

    memset(huge, 'a', n);
    huge[n] = '\0';
    struct http_options o = {.ca_file = huge, .max_get_attempts = 3};
    int before = testsrv_hits("/refused");
    assert_int_equal(do_call(&o, HTTP_POST, "/refused", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_false(err.maybe_sent);
    api_error_clear(&err);
    http_response_free(&r);
    assert_int_equal(do_call(&o, HTTP_GET, "/refused", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_CONFIG);
    api_error_clear(&err);
    http_response_free(&r);

    struct http_client *c = http_client_new(&o, TOKEN);
    char *urls[2] = {url("/refused"), url("/refused")};
    struct http_response rs[2];
    assert_int_equal(http_get_many(c, (const char *const *)urls, 2, 2, rs, NULL, &err), -1);
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_int_equal(testsrv_hits("/refused"), before);
    api_error_clear(&err);
    http_response_free(&rs[0]);
    http_response_free(&rs[1]);
    free(urls[0]);
    free(urls[1]);
    http_client_free(c);
    free(huge);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(url_escape),
        cmocka_unit_test(redact_headers),
        cmocka_unit_test(retry_after_values),
        cmocka_unit_test(get_json_sends_headers),
        cmocka_unit_test(get_retries_after_429),
        cmocka_unit_test(long_retry_after_fails_at_once),
        cmocka_unit_test(get_gives_up_after_max_attempts),
        cmocka_unit_test(post_is_never_retried),
        cmocka_unit_test(post_without_body),
        cmocka_unit_test(post_to_closed_port_was_not_sent),
        cmocka_unit_test(unauthorized_is_auth_error),
        cmocka_unit_test(body_over_cap),
        cmocka_unit_test(truncated_body_is_network_error),
        cmocka_unit_test(overall_timeout),
        cmocka_unit_test(sink_receives_pieces),
        cmocka_unit_test(sink_hears_when_drained),
        cmocka_unit_test(cancel_flag),
        cmocka_unit_test(cancel_interrupts_retry_wait),
        cmocka_unit_test(cancel_while_waiting_for_answer),
        cmocka_unit_test(trace_is_redacted),
        cmocka_unit_test(get_many_in_order),
        cmocka_unit_test(refused_option_fails_unsent),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
