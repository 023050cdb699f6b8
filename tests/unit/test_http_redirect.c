/* Redirects in http_perform and http_get_many against the loopback test
 * server: GETs follow (a bounded number, http/https only), Authorization
 * never reaches another host, POSTs do not follow, the trace shows each
 * hop. "localhost" and "127.0.0.1" are the two host names of one server. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/http.h"

#include "http_testsrv.h"

#define TOKEN "secret-token-123"

static void redirect_to(int fd, int status, const char *host, const char *target)
{
    char extra[2048];

    if (host)
        snprintf(extra, sizeof(extra), "Location: http://%s:%d%s\r\n", host, testsrv_port(),
                 target);
    else
        snprintf(extra, sizeof(extra), "Location: %s\r\n", target);
    testsrv_respond(fd, status, extra, "{\"detail\":\"moved\"}");
}

static void answer(int fd, const struct testsrv_req *req, int nth)
{
    const char *t = req->target;
    char body[300];

    if (!strcmp(t, "/r/once"))
        redirect_to(fd, 302, NULL, "/land?via=once"); /* relative */
    else if (!strcmp(t, "/r/cross"))
        redirect_to(fd, 302, "localhost", "/land?via=cross");
    else if (!strcmp(t, "/r/away-and-back"))
        redirect_to(fd, 307, "localhost", "/r/back");
    else if (!strcmp(t, "/r/back"))
        redirect_to(fd, 308, "127.0.0.1", "/land?via=back");
    else if (!strcmp(t, "/r/1"))
        redirect_to(fd, 301, NULL, "/r/2");
    else if (!strcmp(t, "/r/2"))
        redirect_to(fd, 303, NULL, "/r/3");
    else if (!strcmp(t, "/r/3"))
        redirect_to(fd, 302, NULL, "/land?via=3");
    else if (!strcmp(t, "/r/loop"))
        redirect_to(fd, 302, NULL, "/r/loop");
    else if (!strcmp(t, "/r/ftp"))
        redirect_to(fd, 302, NULL, "ftp://127.0.0.1/file");
    else if (!strcmp(t, "/r/flaky"))
        redirect_to(fd, 302, NULL, "/flakyland");
    else if (!strcmp(t, "/flakyland") && nth == 1)
        testsrv_respond(fd, 503, "", "{\"title\":\"Service Unavailable\"}");
    else if (!strcmp(t, "/r/evil"))
        redirect_to(fd, 302, NULL, "/land\x1b]0;pwned\x07?x=\x1b[2J");
    else if (!strcmp(t, "/r/long")) {
        char loc[1200] = "/land?pad=";
        memset(loc + strlen(loc), 'a', 1000);
        loc[1010] = '\0';
        redirect_to(fd, 302, NULL, loc);
    } else if (!strcmp(t, "/r/nowhere"))
        testsrv_respond(fd, 302, "", "{\"detail\":\"no location\"}");
    else if (!strcmp(t, "/flakyland") || !strncmp(t, "/land", 5)) {
        snprintf(body, sizeof(body), "{\"at\":\"%s\"}", t);
        testsrv_respond(fd, 200, "", body);
    } else
        testsrv_respond(fd, 404, "", "{\"detail\":\"Not Found\"}");
}

static int setup(void **state)
{
    (void)state;
    /* A proxy from the environment must not intercept the loopback server. */
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    setenv("no_proxy", "127.0.0.1,localhost", 1);
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

/* The request the server saw with this target (the last one), or fails. */
static struct testsrv_req seen(const char *target)
{
    for (int i = testsrv_count() - 1; i >= 0; i--) {
        struct testsrv_req r = testsrv_request(i);
        if (!strcmp(r.target, target))
            return r;
    }
    fail_msg("no request for %s", target);
    return testsrv_request(testsrv_count()); /* zeroed; not reached */
}

static int get(struct http_client *c, enum http_method m, const char *path,
               struct http_response *r, struct api_error *err)
{
    char *u = testsrv_url(NULL, path);
    struct http_call call = {.method = m, .url = u, .json_body = m == HTTP_POST ? "{}" : NULL};

    api_error_init(err);
    int rc = http_perform(c, &call, r, err);
    free(u);
    return rc;
}

static void get_follows_relative_redirect(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(get(c, HTTP_GET, "/r/once", &r, &err), 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"at\":\"/land?via=once\"}");
    /* Same scheme, host and port: the token goes along. */
    assert_string_equal(seen("/land?via=once").auth, "Bearer " TOKEN);
    http_response_free(&r);
    http_client_free(c);
}

static void authorization_never_crosses_hosts(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(get(c, HTTP_GET, "/r/cross", &r, &err), 0);
    assert_string_equal(r.body.data, "{\"at\":\"/land?via=cross\"}");
    assert_true(seen("/r/cross").has_auth);
    struct testsrv_req land = seen("/land?via=cross");
    assert_non_null(strstr(land.host, "localhost"));
    assert_false(land.has_auth);
    http_response_free(&r);

    /* Once a hop has left the first host, not even the way back gets it. */
    assert_int_equal(get(c, HTTP_GET, "/r/away-and-back", &r, &err), 0);
    assert_string_equal(r.body.data, "{\"at\":\"/land?via=back\"}");
    assert_false(seen("/r/back").has_auth);
    assert_false(seen("/land?via=back").has_auth);
    http_response_free(&r);
    http_client_free(c);
}

static void three_redirects_then_an_error(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(get(c, HTTP_GET, "/r/1", &r, &err), 0); /* 301, 303, 302 */
    assert_string_equal(r.body.data, "{\"at\":\"/land?via=3\"}");
    http_response_free(&r);

    int before = testsrv_hits("/r/loop");
    assert_int_equal(get(c, HTTP_GET, "/r/loop", &r, &err), -1);
    assert_int_equal(testsrv_hits("/r/loop") - before, 1 + HTTP_MAX_REDIRECTS);
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.http_status, 302);
    assert_non_null(strstr(err.title, "more than 3 redirects"));
    assert_int_equal(api_error_exit_code(&err), 1);
    api_error_clear(&err);
    http_response_free(&r);
    http_client_free(c);
}

static void only_http_targets(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(get(c, HTTP_GET, "/r/ftp", &r, &err), -1);
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_non_null(strstr(err.title, "ftp://127.0.0.1/file"));
    assert_non_null(strstr(err.title, "not an http or https address"));
    api_error_clear(&err);
    http_response_free(&r);

    /* A 3xx without Location is an ordinary HTTP error, with its body. */
    assert_int_equal(get(c, HTTP_GET, "/r/nowhere", &r, &err), -1);
    assert_int_equal(err.http_status, 302);
    assert_int_equal(testsrv_hits("/r/nowhere"), 1);
    api_error_clear(&err);
    http_response_free(&r);
    http_client_free(c);
}

static void post_does_not_follow(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    int landed = testsrv_hits("/land?via=once");
    (void)state;

    assert_int_equal(get(c, HTTP_POST, "/r/once", &r, &err), -1);
    assert_int_equal(testsrv_hits("/land?via=once"), landed);
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.http_status, 302);
    assert_non_null(strstr(err.title, "redirected the request to"));
    assert_non_null(strstr(err.title, "/land?via=once"));
    assert_true(err.maybe_sent); /* it reached the server: never retried */
    api_error_clear(&err);
    http_response_free(&r);
    http_client_free(c);
}

/* The Location is the server's text: messages get it terminal-safe and cut. */
static void location_shown_safely(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(get(c, HTTP_POST, "/r/evil", &r, &err), -1);
    assert_int_equal(err.http_status, 302);
    assert_null(strchr(err.title, '\x1b'));
    assert_null(strchr(err.title, '\x07'));
    api_error_clear(&err);
    http_response_free(&r);

    assert_int_equal(get(c, HTTP_POST, "/r/long", &r, &err), -1);
    assert_non_null(strstr(err.title, "/land?pad=aaaa"));
    assert_non_null(strstr(err.title, "…"));
    assert_true(strlen(err.title) < 600);
    api_error_clear(&err);
    http_response_free(&r);
    http_client_free(c);
}

static void retry_starts_at_the_first_url(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_int_equal(get(c, HTTP_GET, "/r/flaky", &r, &err), 0);
    assert_int_equal(testsrv_hits("/r/flaky"), 2);
    assert_int_equal(testsrv_hits("/flakyland"), 2);
    http_response_free(&r);
    http_client_free(c);
}

static int collect(void *ctx, const char *data, size_t len, struct api_error *err)
{
    (void)err;
    strbuf_append(ctx, data, len);
    return 0;
}

/* The body of the 302 never reaches a streaming sink. */
static void sink_gets_only_the_final_body(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    struct strbuf got;
    struct http_response r;
    struct api_error err;
    char *u = testsrv_url(NULL, "/r/cross");
    (void)state;

    strbuf_init(&got);
    struct http_call call = {.method = HTTP_GET, .url = u, .sink = collect, .sink_ctx = &got};
    api_error_init(&err);
    assert_int_equal(http_perform(c, &call, &r, &err), 0);
    assert_string_equal(got.data, "{\"at\":\"/land?via=cross\"}");
    strbuf_free(&got);
    http_response_free(&r);
    free(u);
    http_client_free(c);
}

static void get_many_follows(void **state)
{
    struct http_client *c = http_client_new(NULL, TOKEN);
    const char *paths[] = {"/r/once", "/r/cross", "/r/1", "/land?via=direct", "/r/loop"};
    char *urls[ARRAY_SIZE(paths)];
    struct http_response r[ARRAY_SIZE(paths)];
    struct api_error err;
    (void)state;

    for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
        urls[i] = testsrv_url(NULL, paths[i]);
    api_error_init(&err);
    int before = testsrv_hits("/land?via=cross");
    assert_int_equal(http_get_many(c, (const char *const *)urls, 4, 3, r, NULL, &err), 0);
    assert_string_equal(r[0].body.data, "{\"at\":\"/land?via=once\"}");
    assert_string_equal(r[1].body.data, "{\"at\":\"/land?via=cross\"}");
    assert_string_equal(r[2].body.data, "{\"at\":\"/land?via=3\"}");
    assert_string_equal(r[3].body.data, "{\"at\":\"/land?via=direct\"}");
    assert_int_equal(testsrv_hits("/land?via=cross"), before + 1);
    assert_false(seen("/land?via=cross").has_auth);
    for (size_t i = 0; i < 4; i++)
        http_response_free(&r[i]);

    /* Too many redirects for one URL fails the batch with that error. */
    assert_int_equal(
        http_get_many(c, (const char *const *)urls, ARRAY_SIZE(paths), 2, r, NULL, &err), -1);
    assert_non_null(strstr(err.title, "more than 3 redirects"));
    assert_int_equal(r[0].status, 200);
    api_error_clear(&err);
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        http_response_free(&r[i]);
        free(urls[i]);
    }
    http_client_free(c);
}

static void trace_shows_each_hop(void **state)
{
    char dir[] = "/tmp/invitui-redirect.XXXXXX";
    struct http_response r;
    struct api_error err;
    (void)state;

    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/trace.log", dir);
    struct http_options o = {.trace_path = path};
    struct http_client *c = http_client_new(&o, TOKEN);
    assert_int_equal(get(c, HTTP_GET, "/r/cross", &r, &err), 0);
    http_response_free(&r);
    http_client_free(c);

    char *text = testsrv_read_file(path);
    char *first = xasprintf("GET http://127.0.0.1:%d/r/cross", testsrv_port());
    char *second = xasprintf("GET http://localhost:%d/land?via=cross", testsrv_port());
    assert_non_null(strstr(text, first));
    assert_non_null(strstr(text, "< HTTP/1.1 302"));
    assert_non_null(strstr(text, "redirect 302 (1 of at most 3) to http://localhost:"));
    assert_non_null(strstr(text, "Authorization is not sent there"));
    assert_non_null(strstr(text, second));
    assert_non_null(strstr(text, "> GET /land?via=cross HTTP/1.1"));
    assert_non_null(strstr(text, "Authorization: [redacted]")); /* the first hop */
    assert_null(strstr(text, TOKEN));
    free(first);
    free(second);
    free(text);
    unlink(path);
    rmdir(dir);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(get_follows_relative_redirect),
        cmocka_unit_test(authorization_never_crosses_hosts),
        cmocka_unit_test(three_redirects_then_an_error),
        cmocka_unit_test(only_http_targets),
        cmocka_unit_test(post_does_not_follow),
        cmocka_unit_test(location_shown_safely),
        cmocka_unit_test(retry_starts_at_the_first_url),
        cmocka_unit_test(sink_gets_only_the_final_body),
        cmocka_unit_test(get_many_follows),
        cmocka_unit_test(trace_shows_each_hop),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
