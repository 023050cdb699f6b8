#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/redact.h"

static void check(const char *in, const char *want)
{
    size_t len = 0;
    char *out = redact_text(in, strlen(in), &len);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    free(out);
}

static void replaces_every_occurrence(void **state)
{
    (void)state;
    redact_clear();
    check("Bearer tok-123456", "Bearer tok-123456");
    redact_add("tok-123456");
    redact_add("tok-123456"); /* once is enough */
    redact_add("abc");        /* too short: would match ordinary text */
    check("Bearer tok-123456", "Bearer ***");
    check("tok-123456tok-123456 and tok-123456.", "****** and ***.");
    check("abc tok-12345", "abc tok-12345");
    check("", "");
    redact_add("second-secret");
    check("a second-secret, a tok-123456", "a ***, a ***");
    redact_clear();
    check("Bearer tok-123456", "Bearer tok-123456");
}

static void redacts_an_error(void **state)
{
    struct api_error err;
    (void)state;

    redact_clear();
    redact_add("s3cr3t-T0KEN");
    api_error_init(&err);
    api_error_set(&err, API_ERR_HTTP, "echo: Bearer s3cr3t-T0KEN");
    err.detail = strdup("you sent s3cr3t-T0KEN");
    err.trace_id = strdup("s3cr3t-T0KEN");
    api_error_add_field(&err, "email", "not for s3cr3t-T0KEN");
    redact_error(&err);
    assert_string_equal(err.title, "echo: Bearer ***");
    assert_string_equal(err.detail, "you sent ***");
    assert_string_equal(err.trace_id, "***");
    assert_string_equal(err.fields[0].message, "not for ***");
    api_error_clear(&err);
    redact_clear();
}

/* Server text is cleaned where it enters (api_error_from_http), so every
 * view of the error -- the TUI's status line and E view included -- is. */
static void an_echoed_token_never_enters(void **state)
{
    static const char body[] =
        "{\"title\":\"Bad token Bearer s3cr3t-T0KEN\",\"detail\":\"s3cr3t-T0KEN\","
        "\"errors\":{\"auth\":[\"got s3cr3t-T0KEN\"]},\"traceId\":\"00-s3cr3t-T0KEN\"}";
    struct api_error err;
    struct strbuf sb;
    (void)state;

    redact_clear();
    redact_add("s3cr3t-T0KEN");
    api_error_init(&err);
    api_error_from_http(&err, 400, body, sizeof(body) - 1);
    strbuf_init(&sb);
    api_error_format(&err, &sb);
    assert_null(strstr(sb.data, "s3cr3t"));
    assert_null(strstr(err.title, "s3cr3t"));
    assert_null(strstr(err.detail, "s3cr3t"));
    assert_null(strstr(err.fields[0].message, "s3cr3t"));
    assert_null(strstr(err.trace_id, "s3cr3t"));
    strbuf_free(&sb);
    api_error_from_http(&err, 500, "plain s3cr3t-T0KEN text", 23);
    assert_null(strstr(err.detail, "s3cr3t"));
    api_error_clear(&err);
    redact_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replaces_every_occurrence),
        cmocka_unit_test(redacts_an_error),
        cmocka_unit_test(an_echoed_token_never_enters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
