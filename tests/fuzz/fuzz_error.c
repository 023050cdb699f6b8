/* Problem-details errors: api_error_from_http on any body with any status,
 * then every formatter. The first two bytes choose the status (100..599).
 * Server text must come out terminal-safe: valid UTF-8 without ESC or other
 * controls (one line: no LF in title, detail, fields, trace id). */
#include "config.h"

#include "fuzz.h"
#include "invitui/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_one_line(const char *s)
{
    if (!s)
        return;
    FUZZ_CHECK(fuzz_utf8_valid(s));
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        FUZZ_CHECK(*p >= 0x20 && *p != 0x7F);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct api_error err, copy;
    struct strbuf out;
    long status = 400;

    if (size >= 2) {
        status = 100 + (long)((data[0] << 8 | data[1]) % 500);
        data += 2;
        size -= 2;
    }
    api_error_init(&err);
    api_error_init(&copy);
    api_error_from_http(&err, status, (const char *)data, size);
    FUZZ_CHECK(err.kind != API_OK && err.http_status == status);
    check_one_line(err.title);
    check_one_line(err.detail);
    check_one_line(err.trace_id);
    check_one_line(err.instance);
    for (size_t i = 0; i < err.nfields; i++) {
        FUZZ_CHECK(err.fields[i].field != NULL);
        check_one_line(err.fields[i].field);
        check_one_line(err.fields[i].message);
    }

    strbuf_init(&out);
    api_error_format(&err, &out);
    check_one_line(out.data);
    strbuf_reset(&out);
    api_error_format_message(&err, &out);
    check_one_line(out.data);
    strbuf_reset(&out);
    api_error_copy(&copy, &err);
    api_error_format_lines(&copy, &out);
    FUZZ_CHECK(fuzz_utf8_valid(out.data));
    strbuf_free(&out);
    api_error_clear(&copy);
    api_error_clear(&err);
    return 0;
}
