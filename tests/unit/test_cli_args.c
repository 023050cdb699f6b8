#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/cli_args.h"

static void utf8_validity(void **state)
{
    (void)state;
    assert_true(cli_args_utf8_valid(""));
    assert_true(cli_args_utf8_valid("ticket 42"));
    assert_true(cli_args_utf8_valid("Caf\xC3\xA9 \xF0\x9F\x91\x8D"));
    assert_false(cli_args_utf8_valid("Caf\xE9"));        /* Latin-1 */
    assert_false(cli_args_utf8_valid("\xC0\xAF"));       /* overlong "/" */
    assert_false(cli_args_utf8_valid("\xED\xA0\x80"));   /* surrogate */
    assert_false(cli_args_utf8_valid("\xF4\x90\x80\x80")); /* above U+10FFFF */
    assert_false(cli_args_utf8_valid("ok\xE2\x82"));     /* cut sequence */
}

static void check_typed(char **argv, int optind, const char *optarg, const char *want)
{
    char *got = cli_args_option_typed(argv, optind, optarg);
    assert_string_equal(got, want);
    free(got);
}

static void option_as_typed(void **state)
{
    char *separate[] = {"list", "--email", "x", NULL};
    char *joined[] = {"list", "--email=x", NULL};
    char *flag[] = {"list", "--yes", NULL};
    char *escape[] = {"list", "--x\033[31m", NULL};

    (void)state;
    check_typed(separate, 3, separate[2], "--email");
    check_typed(joined, 2, joined[1] + 8, "--email");
    check_typed(flag, 2, NULL, "--yes");
    /* What is echoed is terminal-safe: the escape sequence is gone. */
    char *got = cli_args_option_typed(escape, 2, NULL);
    assert_null(strchr(got, '\033'));
    assert_int_equal(strncmp(got, "--x", 3), 0);
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_validity),
        cmocka_unit_test(option_as_typed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
