#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/error.h"
#include "invitui/sanitize.h"

static void from_body(struct api_error *err, long status, const char *body)
{
    api_error_init(err);
    api_error_from_http(err, status, body, strlen(body));
}

static char *formatted(const struct api_error *err)
{
    struct strbuf sb;

    strbuf_init(&sb);
    api_error_format(err, &sb);
    return strbuf_detach(&sb, NULL);
}

/* Every byte printable or UTF-8, nothing below 0x20, no DEL. */
static void assert_single_line(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        assert_true(*p >= 0x20);
        assert_true(*p != 0x7f);
    }
}

static void problem_details_with_map_errors(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 400,
              "{\"type\":\"https://x/errors#V\",\"title\":\"One or more validation errors "
              "occurred.\",\"status\":400,\"traceId\":\"00-ab-cd-00\",\"errors\":{\"user.email\":"
              "[\"The email is invalid.\",\"The email is taken.\"],\"user.firstName\":"
              "[\"Required.\"]}}");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.http_status, 400);
    assert_string_equal(err.title, "One or more validation errors occurred.");
    assert_int_equal(err.nfields, 3);
    assert_string_equal(api_error_field(&err, "user.email"), "The email is invalid.");
    assert_string_equal(api_error_field(&err, "user.firstName"), "Required.");
    assert_null(api_error_field(&err, "nope"));
    char *line = formatted(&err);
    assert_non_null(strstr(line, "HTTP 400: One or more validation errors occurred."));
    assert_non_null(strstr(line, "user.firstName: Required."));
    free(line);
    api_error_clear(&err);
    assert_null(err.title);
    assert_int_equal(err.nfields, 0);
}

static char *formatted_message(const struct api_error *err)
{
    struct strbuf sb;

    strbuf_init(&sb);
    api_error_format_message(err, &sb);
    return strbuf_detach(&sb, NULL);
}

static char *formatted_lines(const struct api_error *err)
{
    struct strbuf sb;

    strbuf_init(&sb);
    api_error_format_lines(err, &sb);
    return strbuf_detach(&sb, NULL);
}

static char *short_trace(const char *id)
{
    struct strbuf sb;

    strbuf_init(&sb);
    api_error_short_trace(id, &sb);
    return strbuf_detach(&sb, NULL);
}

/* The W3C example trace id, as SoftwareOne's problem details carry it. */
#define TRACE "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"

static void trace_id_and_instance_with_map_errors(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 400,
              "{\"type\":\"https://x/errors#V\",\"title\":\"One or more validation errors "
              "occurred.\",\"status\":400,\"traceId\":\"" TRACE "\",\"instance\":"
              "\"/public/v1/accounts/account-users\",\"errors\":{\"groups[0].id\":"
              "[\"The user group does not exist in the account.\"]}}");
    assert_string_equal(err.trace_id, TRACE);
    assert_string_equal(err.instance, "/public/v1/accounts/account-users");
    assert_int_equal(err.nfields, 1);

    char *line = formatted(&err);
    assert_string_equal(line, "HTTP 400: One or more validation errors occurred. — "
                              "groups[0].id: The user group does not exist in the account. "
                              "(trace 4bf92f35…)");
    free(line);
    line = formatted_message(&err);
    assert_null(strstr(line, "trace"));
    assert_null(strstr(line, "4bf92f35"));
    free(line);
    /* The full view: each on a line of its own, whole. */
    line = formatted_lines(&err);
    assert_string_equal(line, "HTTP status: 400\n"
                              "One or more validation errors occurred.\n"
                              "groups[0].id: The user group does not exist in the account.\n"
                              "Trace id: " TRACE "\n"
                              "Instance: /public/v1/accounts/account-users\n");
    free(line);
    api_error_clear(&err);
    assert_null(err.trace_id);
    assert_null(err.instance);
}

static void trace_id_with_array_errors(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 409,
              "{\"title\":\"Conflict\",\"status\":409,\"traceId\":\"" TRACE "\","
              "\"errors\":[{\"id\":\"MPTCOM03\",\"message\":\"Wrong state.\","
              "\"properties\":[\"status\"]},{\"message\":\"General failure.\"}]}");
    assert_string_equal(err.trace_id, TRACE);
    assert_null(err.instance);
    assert_string_equal(api_error_field(&err, "status"), "Wrong state.");
    char *line = formatted(&err);
    assert_non_null(strstr(line, "HTTP 409: Conflict — General failure."));
    assert_non_null(strstr(line, " (trace 4bf92f35…)"));
    free(line);
    line = formatted_lines(&err);
    assert_non_null(strstr(line, "\nTrace id: " TRACE "\n"));
    assert_null(strstr(line, "Instance"));
    free(line);
    api_error_clear(&err);
}

static void no_trace_id(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 400, "{\"title\":\"Bad\",\"status\":400,\"detail\":\"no group\"}");
    assert_null(err.trace_id);
    assert_null(err.instance);
    char *line = formatted(&err);
    assert_string_equal(line, "HTTP 400: Bad — no group");
    free(line);
    line = formatted_lines(&err);
    assert_null(strstr(line, "Trace"));
    free(line);
    api_error_clear(&err);

    /* An empty or non-string traceId is no trace id. */
    from_body(&err, 400, "{\"title\":\"Bad\",\"traceId\":\"  \",\"instance\":7}");
    assert_null(err.trace_id);
    assert_null(err.instance);
    api_error_clear(&err);
}

static void trace_id_in_status_code_variant(void **state)
{
    struct api_error err;
    (void)state;

    /* The official client's spelling: statusCode and message. */
    from_body(&err, 404,
              "{\"statusCode\":404,\"message\":\"Account user not found\",\"traceId\":\""
              TRACE "\",\"instance\":\"urn:x:1\"}");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.http_status, 404);
    assert_string_equal(err.title, "Account user not found");
    assert_string_equal(err.trace_id, TRACE);
    assert_string_equal(err.instance, "urn:x:1");
    api_error_clear(&err);

    /* JSON that is not an error document: the raw text, but the trace id stays. */
    from_body(&err, 500, "{\"statusCode\":500,\"traceId\":\"abc-123\"}");
    assert_non_null(strstr(err.detail, "statusCode"));
    assert_string_equal(err.trace_id, "abc-123");
    char *line = formatted(&err);
    assert_non_null(strstr(line, " (trace abc-123)"));
    free(line);
    api_error_clear(&err);
}

static void fastapi_detail_has_no_trace(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 422,
              "{\"detail\":[{\"loc\":[\"body\",\"email\"],\"msg\":\"not an e-mail\","
              "\"type\":\"value_error\"}]}");
    assert_string_equal(api_error_field(&err, "email"), "not an e-mail");
    assert_null(err.trace_id);
    assert_null(err.instance);
    api_error_clear(&err);
}

static void hostile_trace_id_is_neutralised(void **state)
{
    struct api_error err;
    struct strbuf sb;
    (void)state;

    /* OSC 52 (clipboard), CSI, a C1 CSI, BEL, a line break and RLO in the ids. */
    from_body(&err, 400,
              "{\"title\":\"Bad\",\"traceId\":\"00-\\u001b]52;c;ZXZpbA==\\u0007ab"
              "\\u001b[2J\\u009b31m\\ncd\\u202eef\",\"instance\":\"/x\\u001b[8m/y\\r\\nz\"}");
    assert_non_null(err.trace_id);
    assert_single_line(err.trace_id);
    assert_null(strchr(err.trace_id, 0x1b));
    assert_null(strstr(err.trace_id, "\xc2\x9b"));
    assert_null(strstr(err.trace_id, "\xe2\x80\xae"));
    assert_null(strstr(err.trace_id, "52;c"));
    assert_non_null(strstr(err.trace_id, "ab"));
    assert_single_line(err.instance);
    assert_null(strchr(err.instance, 0x1b));
    char *line = formatted_lines(&err);
    assert_null(strchr(line, 0x1b));
    free(line);
    api_error_clear(&err);

    /* A huge trace id is cut: it is not one. */
    strbuf_init(&sb);
    strbuf_puts(&sb, "{\"title\":\"Bad\",\"traceId\":\"");
    for (int i = 0; i < 5000; i++)
        strbuf_putc(&sb, 'a');
    strbuf_puts(&sb, "\"}");
    from_body(&err, 400, sb.data);
    assert_true(strlen(err.trace_id) <= 128);
    assert_string_equal(err.trace_id + strlen(err.trace_id) - 3, "…");
    strbuf_free(&sb);
    api_error_clear(&err);
}

static void short_trace_forms(void **state)
{
    char *s;
    (void)state;

    s = short_trace(TRACE);
    assert_string_equal(s, "4bf92f35…");
    free(s);
    s = short_trace("00-000000005a4db0c59e3779b97f4a7c15-0000000000000001-00");
    assert_string_equal(s, "00000000…");
    free(s);
    /* Not W3C: whole when short, else the first 8 characters. */
    s = short_trace("00-ab-cd-00");
    assert_string_equal(s, "00-ab-cd-00");
    free(s);
    s = short_trace("0HMVD3K6N2Q5P:00000001");
    assert_string_equal(s, "0HMVD3K6…");
    free(s);
    s = short_trace("ééééééééééééééé");
    assert_string_equal(s, "éééééééé…");
    free(s);
    s = short_trace("");
    assert_string_equal(s, "");
    free(s);
    s = short_trace(NULL);
    assert_string_equal(s, "");
    free(s);
}

static void copy_is_deep(void **state)
{
    struct api_error src, dst;
    (void)state;

    from_body(&src, 400,
              "{\"title\":\"Bad\",\"detail\":\"d\",\"traceId\":\"" TRACE "\","
              "\"instance\":\"/i\",\"errors\":{\"email\":[\"taken\"]}}");
    src.maybe_sent = true;
    src.retry_after = 5;
    api_error_init(&dst);
    api_error_set(&dst, API_ERR_NETWORK, "old"); /* replaced, not leaked */
    api_error_copy(&dst, &src);
    api_error_clear(&src);
    assert_int_equal(dst.kind, API_ERR_HTTP);
    assert_int_equal(dst.http_status, 400);
    assert_string_equal(dst.title, "Bad");
    assert_string_equal(dst.detail, "d");
    assert_string_equal(api_error_field(&dst, "email"), "taken");
    assert_true(dst.maybe_sent);
    assert_int_equal(dst.retry_after, 5);
    assert_string_equal(dst.trace_id, TRACE);
    assert_string_equal(dst.instance, "/i");
    api_error_copy(&dst, &dst);
    assert_string_equal(dst.trace_id, TRACE);
    api_error_copy(&dst, NULL);
    assert_int_equal(dst.kind, API_OK);
    assert_null(dst.trace_id);
    api_error_clear(&dst);
}

static void kind_names_are_stable(void **state)
{
    (void)state;
    assert_string_equal(api_error_kind_name(API_OK), "none");
    assert_string_equal(api_error_kind_name(API_ERR_USAGE), "usage");
    assert_string_equal(api_error_kind_name(API_ERR_CONFIG), "config");
    assert_string_equal(api_error_kind_name(API_ERR_NETWORK), "network");
    assert_string_equal(api_error_kind_name(API_ERR_TIMEOUT), "timeout");
    assert_string_equal(api_error_kind_name(API_ERR_AUTH), "auth");
    assert_string_equal(api_error_kind_name(API_ERR_HTTP), "http");
    assert_string_equal(api_error_kind_name(API_ERR_PARSE), "parse");
    assert_string_equal(api_error_kind_name(API_ERR_TOO_LARGE), "too_large");
    assert_string_equal(api_error_kind_name(API_ERR_CANCELLED), "cancelled");
    assert_string_equal(api_error_kind_name(API_ERR_STATE), "state");
}

static void problem_details_with_array_errors(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 409,
              "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"invitation is not pending\","
              "\"errors\":[{\"id\":\"ACC001\",\"message\":\"Wrong state.\",\"properties\":"
              "[\"status\"],\"parameters\":{}},{\"message\":\"General failure.\"}]}");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_string_equal(err.title, "Conflict");
    assert_non_null(strstr(err.detail, "invitation is not pending"));
    assert_non_null(strstr(err.detail, "General failure."));
    assert_int_equal(err.nfields, 1);
    assert_string_equal(api_error_field(&err, "status"), "Wrong state.");
    char *line = formatted(&err);
    assert_non_null(strstr(line, "HTTP 409: Conflict — invitation is not pending"));
    free(line);
    api_error_clear(&err);
}

static void fastapi_string_detail(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 409, "{\"detail\":\"A pending invitation exists for this e-mail\"}");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_string_equal(err.title, "Conflict");
    assert_string_equal(err.detail, "A pending invitation exists for this e-mail");
    char *line = formatted(&err);
    assert_string_equal(line, "HTTP 409: Conflict — A pending invitation exists for this e-mail");
    free(line);
    api_error_clear(&err);
}

static void fastapi_422_array(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 422,
              "{\"detail\":[{\"loc\":[\"body\",\"email\"],\"msg\":\"value is not a valid email "
              "address\",\"type\":\"value_error.email\"},{\"loc\":[\"body\",\"assignments\",0,"
              "\"role_key\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"},"
              "{\"loc\":[\"query\",\"status\"],\"msg\":\"bad\",\"type\":\"x\"}]}");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_int_equal(err.nfields, 3);
    assert_string_equal(api_error_field(&err, "email"), "value is not a valid email address");
    assert_string_equal(api_error_field(&err, "assignments.0.role_key"), "field required");
    assert_string_equal(api_error_field(&err, "status"), "bad");
    char *line = formatted(&err);
    assert_non_null(strstr(line, "email: value is not a valid email address"));
    assert_non_null(strstr(line, "assignments.0.role_key: field required"));
    assert_non_null(strstr(line, "HTTP 422"));
    free(line);
    api_error_clear(&err);
}

static void status_code_and_message_variant(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 401, "{\"statusCode\":401,\"message\":\"Token expired\"}");
    assert_int_equal(err.kind, API_ERR_AUTH);
    assert_string_equal(err.title, "Token expired");
    assert_int_equal(api_error_exit_code(&err), 3);
    api_error_clear(&err);

    from_body(&err, 403, "{\"title\":\"Forbidden\",\"details\":\"missing account.view\"}");
    assert_int_equal(err.kind, API_ERR_AUTH);
    assert_string_equal(err.detail, "missing account.view");
    api_error_clear(&err);
}

static void non_json_body_is_cleaned(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 502, "<html>\r\n<body>\n\t<h1>502 Bad Gateway</h1>\n</body></html>\n");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_string_equal(err.title, "Bad Gateway");
    assert_string_equal(err.detail, "502 Bad Gateway");
    api_error_clear(&err);

    from_body(&err, 503, "plain text\r\nover two lines\n");
    assert_string_equal(err.detail, "plain text over two lines");
    api_error_clear(&err);

    /* JSON, but not an error document. */
    from_body(&err, 500, "[1,2,3]");
    assert_string_equal(err.detail, "[1,2,3]");
    api_error_clear(&err);
    from_body(&err, 500, "{\"unexpected\":true}");
    assert_string_equal(err.detail, "{\"unexpected\":true}");
    api_error_clear(&err);
    /* Duplicate keys are refused, so the raw text is shown. */
    from_body(&err, 400, "{\"title\":\"a\",\"title\":\"b\"}");
    assert_non_null(strstr(err.detail, "\"title\":\"a\""));
    api_error_clear(&err);
}

static void huge_body_is_cut(void **state)
{
    struct api_error err;
    size_t n = 1 << 20;
    char *body = malloc(n + 1);
    (void)state;

    memset(body, 'x', n);
    body[n] = '\0';
    from_body(&err, 500, body);
    assert_non_null(err.detail);
    assert_true(strlen(err.detail) <= 310);
    assert_true(strlen(err.detail) >= 200);
    char *line = formatted(&err);
    assert_true(strlen(line) < 400);
    free(line);
    api_error_clear(&err);

    /* A long JSON detail is cut too, on a character boundary. */
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "{\"detail\":\"");
    for (int i = 0; i < 500; i++)
        strbuf_puts(&sb, "é");
    strbuf_puts(&sb, "\"}");
    from_body(&err, 400, sb.data);
    assert_true(strlen(err.detail) <= 310);
    const char *end = err.detail + strlen(err.detail) - 3;
    assert_string_equal(end, "…");
    assert_int_equal((unsigned char)end[-2], 0xc3);
    strbuf_free(&sb);
    api_error_clear(&err);
    free(body);
}

static void escape_sequences_are_neutralised(void **state)
{
    struct api_error err;
    (void)state;

    /* ESC ] 52 (clipboard), CSI, BEL, C1 CSI as UTF-8, RLO, DEL, invalid UTF-8. */
    from_body(&err, 400,
              "oops \x1b]52;c;ZXZpbA==\x07 \x1b[2J\xc2\x9b"
              "31m \xe2\x80\xae"
              "evil\x7f \xff\xfe end");
    assert_non_null(err.detail);
    assert_single_line(err.detail);
    assert_null(strchr(err.detail, 0x1b));
    assert_null(strstr(err.detail, "\xc2\x9b"));
    assert_null(strstr(err.detail, "\xe2\x80\xae"));
    assert_non_null(strstr(err.detail, "oops"));
    assert_non_null(strstr(err.detail, "end"));

    struct api_error j;
    from_body(&j, 400, "{\"title\":\"bad\\u001b[31mred\",\"detail\":\"a\\u009b1mb\\nc\"}");
    assert_single_line(j.title);
    assert_single_line(j.detail);
    /* The whole sequence goes, and U+FFFD shows that something was there. */
    assert_string_equal(j.title, "bad\xef\xbf\xbdred");
    assert_null(strchr(j.detail, '\x1b'));
    assert_null(strstr(j.detail, "\xc2\x9b"));
    assert_non_null(strstr(j.detail, "b c"));
    /* Valid UTF-8 stays. */
    char *s = sanitize_display_cap("Zoë 日本", strlen("Zoë 日本"), 0, 300);
    assert_string_equal(s, "Zoë 日本");
    free(s);
    api_error_clear(&err);
    api_error_clear(&j);
}

static void empty_body(void **state)
{
    struct api_error err;
    (void)state;

    from_body(&err, 404, "");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_string_equal(err.title, "Not Found");
    assert_null(err.detail);
    assert_int_equal(err.nfields, 0);
    char *line = formatted(&err);
    assert_string_equal(line, "HTTP 404: Not Found");
    free(line);
    api_error_clear(&err);

    from_body(&err, 599, "   \n ");
    assert_null(err.title);
    assert_null(err.detail);
    line = formatted(&err);
    assert_string_equal(line, "HTTP 599");
    free(line);
    api_error_clear(&err);
}

static void set_format_and_exit_codes(void **state)
{
    struct api_error err;
    static const struct {
        enum api_error_kind kind;
        int code;
    } codes[] = {
        {API_OK, 0},          {API_ERR_USAGE, 2},    {API_ERR_CONFIG, 2},
        {API_ERR_NETWORK, 4}, {API_ERR_TIMEOUT, 4},  {API_ERR_AUTH, 3},
        {API_ERR_HTTP, 1},    {API_ERR_PARSE, 1},    {API_ERR_TOO_LARGE, 1},
        {API_ERR_STATE, 1},   {API_ERR_CANCELLED, 1},
    };
    (void)state;

    api_error_init(&err);
    assert_int_equal(api_error_exit_code(&err), 0);
    assert_int_equal(api_error_exit_code(NULL), 0);
    for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
        err.kind = codes[i].kind;
        assert_int_equal(api_error_exit_code(&err), codes[i].code);
    }
    assert_int_equal(api_error_set(&err, API_ERR_NETWORK, "connection reset"), -1);
    char *line = formatted(&err);
    assert_string_equal(line, "network error: connection reset");
    free(line);
    assert_int_equal(api_error_set(&err, API_ERR_TIMEOUT, "timed out after %d s", 30), -1);
    assert_int_equal(err.retry_after, -1);
    line = formatted(&err);
    assert_string_equal(line, "timed out after 30 s");
    free(line);

    api_error_from_http(&err, 429, "", 0);
    err.retry_after = 120;
    line = formatted(&err);
    assert_string_equal(line, "HTTP 429: Too Many Requests (retry in 120 seconds)");
    free(line);

    api_error_set(&err, API_ERR_CANCELLED, "cancelled");
    err.maybe_sent = true;
    line = formatted(&err);
    assert_string_equal(line, "cancelled; the request may have reached the server: refresh to "
                              "see its outcome");
    free(line);
    api_error_clear(&err);
    from_body(&err, 409, "{\"detail\":\"not pending\"}");
    err.maybe_sent = true; /* the server answered: the outcome is known */
    line = formatted(&err);
    assert_string_equal(line, "HTTP 409: Conflict — not pending");
    free(line);

    api_error_set(&err, API_ERR_USAGE, "bad flag");
    api_error_add_field(&err, "email", "required");
    line = formatted(&err);
    assert_string_equal(line, "bad flag — email: required");
    free(line);
    api_error_clear(&err);
}

/* A body of n error items built by `item` (which appends item i). */
static char *huge_body(const char *head, size_t n, void (*item)(struct strbuf *, size_t),
                       const char *tail)
{
    struct strbuf sb;

    strbuf_init(&sb);
    strbuf_puts(&sb, head);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(&sb, ',');
        item(&sb, i);
    }
    strbuf_puts(&sb, tail);
    return strbuf_detach(&sb, NULL);
}

static void array_item(struct strbuf *sb, size_t i)
{
    strbuf_printf(sb, "{\"message\":\"bad value %zu\",\"properties\":[\"f%zu\"]}", i, i);
}

static void map_item(struct strbuf *sb, size_t i)
{
    strbuf_printf(sb, "\"field%zu\":[\"is wrong\"]", i);
}

static void bare_item(struct strbuf *sb, size_t i)
{
    strbuf_printf(sb, "\"general failure %zu\"", i);
}

#define HUGE_N 160000

/* The one-line message names the first 20 field errors and counts the
 * rest; the full-error lines keep every one. (It used to take minutes and
 * print megabytes.) */
static void huge_error_array_is_capped(void **state)
{
    struct api_error err;
    struct strbuf lines;
    char *body = huge_body("{\"title\":\"Bad\",\"errors\":[", HUGE_N, array_item, "]}");
    (void)state;

    from_body(&err, 400, body);
    free(body);
    assert_int_equal(err.nfields, HUGE_N);
    char *line = formatted(&err);
    assert_true(strlen(line) < 2000);
    assert_non_null(strstr(line, "f0: bad value 0"));
    assert_non_null(strstr(line, "f19: bad value 19"));
    assert_null(strstr(line, "f20:"));
    assert_non_null(strstr(line, "; and 159980 more"));
    free(line);
    strbuf_init(&lines);
    api_error_format_lines(&err, &lines);
    assert_non_null(strstr(lines.data, "\nf159999: bad value 159999\n"));
    strbuf_free(&lines);
    api_error_clear(&err);
}

static void huge_error_map_is_capped(void **state)
{
    struct api_error err;
    char *body = huge_body("{\"title\":\"Bad\",\"errors\":{", HUGE_N, map_item, "}}");
    (void)state;

    from_body(&err, 422, body);
    free(body);
    assert_int_equal(err.nfields, HUGE_N);
    char *line = formatted(&err);
    assert_true(strlen(line) < 2000);
    assert_non_null(strstr(line, "; and 159980 more"));
    free(line);
    api_error_clear(&err);
}

/* Messages without a field go to the detail: the first 20, then a count. */
static void huge_fieldless_errors_are_capped(void **state)
{
    struct api_error err;
    char *body = huge_body("{\"title\":\"Bad\",\"detail\":\"d\",\"errors\":[", HUGE_N, bare_item,
                           "]}");
    (void)state;

    from_body(&err, 409, body);
    free(body);
    assert_int_equal(err.nfields, 0);
    assert_non_null(err.detail);
    assert_true(strlen(err.detail) < 1000);
    assert_true(strncmp(err.detail, "d; general failure 0; general failure 1;", 40) == 0);
    assert_non_null(strstr(err.detail, "general failure 19; and 159980 more"));
    assert_null(strstr(err.detail, "general failure 20"));
    char *line = formatted(&err);
    assert_true(strlen(line) < 2000);
    free(line);
    api_error_clear(&err);
}

/* Exactly the cap: nothing is counted as "more". */
static void twenty_field_errors_are_all_shown(void **state)
{
    struct api_error err;
    char *body = huge_body("{\"errors\":[", 20, array_item, "]}");
    (void)state;

    from_body(&err, 400, body);
    free(body);
    char *line = formatted(&err);
    assert_non_null(strstr(line, "f19: bad value 19"));
    assert_null(strstr(line, "more"));
    free(line);
    api_error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(problem_details_with_map_errors),
        cmocka_unit_test(problem_details_with_array_errors),
        cmocka_unit_test(fastapi_string_detail),
        cmocka_unit_test(fastapi_422_array),
        cmocka_unit_test(status_code_and_message_variant),
        cmocka_unit_test(non_json_body_is_cleaned),
        cmocka_unit_test(huge_body_is_cut),
        cmocka_unit_test(escape_sequences_are_neutralised),
        cmocka_unit_test(empty_body),
        cmocka_unit_test(set_format_and_exit_codes),
        cmocka_unit_test(trace_id_and_instance_with_map_errors),
        cmocka_unit_test(trace_id_with_array_errors),
        cmocka_unit_test(no_trace_id),
        cmocka_unit_test(trace_id_in_status_code_variant),
        cmocka_unit_test(fastapi_detail_has_no_trace),
        cmocka_unit_test(hostile_trace_id_is_neutralised),
        cmocka_unit_test(short_trace_forms),
        cmocka_unit_test(copy_is_deep),
        cmocka_unit_test(kind_names_are_stable),
        cmocka_unit_test(huge_error_array_is_capped),
        cmocka_unit_test(huge_error_map_is_capped),
        cmocka_unit_test(huge_fieldless_errors_are_capped),
        cmocka_unit_test(twenty_field_errors_are_all_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
