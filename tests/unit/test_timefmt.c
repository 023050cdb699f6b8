#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "invitui/timefmt.h"

static void check_duration(long long secs, const char *want)
{
    struct strbuf sb;

    strbuf_init(&sb);
    timefmt_duration(&sb, secs);
    assert_string_equal(sb.data, want);
    strbuf_free(&sb);
}

static void durations_are_compact(void **state)
{
    (void)state;
    check_duration(0, "0s");
    check_duration(59, "59s");
    check_duration(60, "1m");
    check_duration(3600, "1h");
    check_duration(3600 + 5 * 60, "1h 5m");
    check_duration(2 * 86400 + 4 * 3600 + 59, "2d 4h");
    check_duration(-3 * 86400, "3d");
    check_duration(40 * 86400 + 3600, "40d");
}

static void expiry_reads_both_ways(void **state)
{
    struct strbuf sb;
    time_t now = 1800000000;
    (void)state;

    strbuf_init(&sb);
    timefmt_expiry(&sb, now + 2 * 86400 + 4 * 3600, now);
    assert_string_equal(sb.data, "expires in 2d 4h");
    strbuf_reset(&sb);
    timefmt_expiry(&sb, now - 3 * 86400, now);
    assert_string_equal(sb.data, "expired 3d ago");
    strbuf_reset(&sb);
    timefmt_expiry(&sb, 0, now);
    assert_string_equal(sb.data ? sb.data : "", "");
    strbuf_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(durations_are_compact),
        cmocka_unit_test(expiry_reads_both_ways),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
