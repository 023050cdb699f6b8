#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "invitui/http.h"

#include "http_testsrv.h"

/* The timeout rule and how timeouts are described, against a keep-alive
 * server of its own (http_testsrv closes after each answer, and the bug
 * was on reused connections): a read timeout on a reused connection is
 * not a connect failure, a POST that timed out or lost its connection
 * after it was sent may have reached the server, GETs have only the idle
 * limit, POSTs a total limit as well. */

static struct {
    int fd, port;
    pthread_t thread;
    volatile int stop;
    pthread_mutex_t mu;
    int hits[8];
} ka = {.mu = PTHREAD_MUTEX_INITIALIZER};

enum ka_path { KA_OK, KA_HANG, KA_CLOSE, KA_DRIP, KA_STALL, KA_OTHER };

static const char *const ka_paths[] = {"/ok", "/hang", "/close", "/drip", "/stall"};

static enum ka_path path_of(const char *req)
{
    const char *sp = strchr(req, ' ');

    for (size_t i = 0; sp && i < sizeof(ka_paths) / sizeof(ka_paths[0]); i++) {
        size_t n = strlen(ka_paths[i]);
        if (strncmp(sp + 1, ka_paths[i], n) == 0 && sp[1 + n] == ' ')
            return (enum ka_path)i;
    }
    return KA_OTHER;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Reads one request with its body; false when the client hung up. */
static bool read_request(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    char *end = NULL;

    while (!(end = strstr(buf, "\r\n\r\n"))) {
        ssize_t n = recv(fd, buf + len, cap - 1 - len, 0);
        if (n <= 0)
            return false;
        len += (size_t)n;
        buf[len] = '\0';
    }
    const char *cl = strstr(buf, "Content-Length: ");
    size_t want = cl ? strtoul(cl + 16, NULL, 10) : 0;
    size_t have = len - (size_t)(end + 4 - buf);
    while (have < want) {
        char tmp[256];
        ssize_t n = recv(fd, tmp, sizeof(tmp), 0);
        if (n <= 0)
            return false;
        have += (size_t)n;
    }
    return true;
}

static void send_str(int fd, const char *s)
{
    testsrv_send_all(fd, s, strlen(s));
}

/* Answers one request; false when the connection is to be closed. */
static bool ka_answer(int fd, enum ka_path p)
{
    char buf[256];

    switch (p) {
    case KA_OK:
        send_str(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 2\r\n\r\n{}");
        return true;
    case KA_HANG:
        while (!ka.stop && recv(fd, buf, sizeof(buf), 0) > 0)
            ; /* until the client gives up */
        return false;
    case KA_CLOSE:
        return false; /* the request was read whole: the server may have acted */
    case KA_DRIP:
        /* 12 bytes, one every 250 ms: 3 s in all, never 1 s without a byte. */
        send_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n");
        for (int i = 0; i < 12 && !ka.stop; i++) {
            sleep_ms(250);
            if (!testsrv_send_all(fd, i == 0 ? "[" : i == 11 ? "]" : " ", 1))
                return false;
        }
        return true;
    case KA_STALL:
        send_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n[ ");
        while (!ka.stop && recv(fd, buf, sizeof(buf), 0) > 0)
            ;
        return false;
    default:
        send_str(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}");
        return true;
    }
}

/* One thread per connection: a POST comes on a fresh connection while
 * the warm-up's is still open. */
static void *ka_conn(void *arg)
{
    int fd = (int)(intptr_t)arg;

    for (;;) {
        char req[8192] = "";
        if (!read_request(fd, req, sizeof(req)))
            break;
        enum ka_path path = path_of(req);
        pthread_mutex_lock(&ka.mu);
        ka.hits[path]++;
        pthread_mutex_unlock(&ka.mu);
        if (!ka_answer(fd, path))
            break;
    }
    close(fd);
    return NULL;
}

static void *ka_main(void *arg)
{
    (void)arg;
    while (!ka.stop) {
        struct pollfd p = {ka.fd, POLLIN, 0};
        pthread_t t;
        if (poll(&p, 1, 50) <= 0)
            continue;
        int fd = accept(ka.fd, NULL, NULL);
        if (fd < 0)
            continue;
        if (pthread_create(&t, NULL, ka_conn, (void *)(intptr_t)fd) == 0)
            pthread_detach(t);
        else
            close(fd);
    }
    return NULL;
}

static int hits(enum ka_path p)
{
    pthread_mutex_lock(&ka.mu);
    int n = ka.hits[p];
    pthread_mutex_unlock(&ka.mu);
    return n;
}

static int setup(void **state)
{
    (void)state;
    setenv("NO_PROXY", "127.0.0.1", 1);
    setenv("no_proxy", "127.0.0.1", 1);
    if (http_global_init() < 0)
        return -1;
    ka.fd = testsrv_listen(&ka.port);
    if (ka.fd < 0)
        return -1;
    return pthread_create(&ka.thread, NULL, ka_main, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ka.stop = 1;
    pthread_join(ka.thread, NULL);
    close(ka.fd);
    http_global_cleanup();
    return 0;
}

/* Runs GET /ok (so that the connection is open and reused), then `method`
 * on path with a 1 s timeout; returns http_perform's result. */
static int after_warm_up(enum http_method method, const char *path, struct api_error *err)
{
    struct http_options o = {.timeout_ms = 1000};
    struct http_client *c = http_client_new(&o, "t");
    struct http_response r;
    char *u = xasprintf("http://127.0.0.1:%d/ok", ka.port);
    struct http_call call = {.method = HTTP_GET, .url = u};

    assert_non_null(c);
    api_error_init(err);
    assert_int_equal(http_perform(c, &call, &r, err), 0);
    http_response_free(&r);
    free(u);
    u = xasprintf("http://127.0.0.1:%d%s", ka.port, path);
    call.method = method;
    call.url = u;
    call.json_body = method == HTTP_POST ? "{\"email\":\"a@example.com\"}" : NULL;
    int rc = http_perform(c, &call, &r, err);
    http_response_free(&r);
    free(u);
    http_client_free(c);
    return rc;
}

static void post_read_timeout_on_reused_connection(void **state)
{
    struct api_error err;
    int before = hits(KA_HANG);
    (void)state;

    assert_int_equal(after_warm_up(HTTP_POST, "/hang", &err), -1);
    assert_int_equal(err.kind, API_ERR_TIMEOUT);
    assert_true(err.maybe_sent);
    assert_null(strstr(err.title, "connect"));
    assert_int_equal(hits(KA_HANG) - before, 1); /* never retried */
    api_error_clear(&err);
}

static void post_connection_closed_after_sending(void **state)
{
    struct api_error err;
    int before = hits(KA_CLOSE);
    (void)state;

    assert_int_equal(after_warm_up(HTTP_POST, "/close", &err), -1);
    assert_int_equal(err.kind, API_ERR_NETWORK);
    assert_true(err.maybe_sent);
    assert_int_equal(hits(KA_CLOSE) - before, 1);
    api_error_clear(&err);
}

/* Described as what happened, and not retried as if it had not connected. */
static void get_read_timeout_on_reused_connection(void **state)
{
    struct api_error err;
    int before = hits(KA_HANG);
    (void)state;

    assert_int_equal(after_warm_up(HTTP_GET, "/hang", &err), -1);
    assert_int_equal(err.kind, API_ERR_TIMEOUT);
    assert_string_equal(err.title, "timed out: the server did not answer within 1 s");
    assert_false(err.maybe_sent);
    assert_int_equal(hits(KA_HANG) - before, 1);
    api_error_clear(&err);
}

static void get_stalled_body(void **state)
{
    struct api_error err;
    (void)state;

    assert_int_equal(after_warm_up(HTTP_GET, "/stall", &err), -1);
    assert_int_equal(err.kind, API_ERR_TIMEOUT);
    assert_string_equal(err.title, "timed out: the server sent nothing for 1 s");
    api_error_clear(&err);
}

/* `timeout` is an idle limit for a GET: a body that takes three times as
 * long but never pauses for it arrives whole. */
static void get_slow_body_within_idle_limit(void **state)
{
    struct api_error err;
    (void)state;

    assert_int_equal(after_warm_up(HTTP_GET, "/drip", &err), 0);
    api_error_clear(&err);
}

/* A POST keeps a total limit: the same answer is too slow for it. */
static void post_total_limit(void **state)
{
    struct api_error err;
    (void)state;

    assert_int_equal(after_warm_up(HTTP_POST, "/drip", &err), -1);
    assert_int_equal(err.kind, API_ERR_TIMEOUT);
    assert_string_equal(err.title, "timed out after 1 s");
    assert_true(err.maybe_sent);
    api_error_clear(&err);
}

/* Nothing listens: a POST that could not connect was surely not sent. */
static void post_connect_failure_not_sent(void **state)
{
    struct api_error err;
    struct http_response r;
    int port;
    int fd = testsrv_listen(&port);
    (void)state;

    close(fd);
    struct http_client *c = http_client_new(NULL, "t");
    char *u = xasprintf("http://127.0.0.1:%d/x", port);
    struct http_call call = {.method = HTTP_POST, .url = u, .json_body = "{}"};
    api_error_init(&err);
    assert_int_equal(http_perform(c, &call, &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_NETWORK);
    assert_false(err.maybe_sent);
    api_error_clear(&err);
    http_response_free(&r);
    free(u);
    http_client_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(post_read_timeout_on_reused_connection),
        cmocka_unit_test(post_connection_closed_after_sending),
        cmocka_unit_test(get_read_timeout_on_reused_connection),
        cmocka_unit_test(get_stalled_body),
        cmocka_unit_test(get_slow_body_within_idle_limit),
        cmocka_unit_test(post_total_limit),
        cmocka_unit_test(post_connect_failure_not_sent),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
