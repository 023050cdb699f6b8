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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replaces_every_occurrence),
        cmocka_unit_test(redacts_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
