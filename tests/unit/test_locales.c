#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/locales.h"
#include "invitui/util.h"

static void linguas_become_bcp47_tags_plus_en(void **state)
{
    size_t n;
    char **l = locales_parse_linguas("# comment\nfr de\tpt_BR\n sr@latin es fr\n", &n);
    (void)state;

    assert_int_equal(n, 6);
    const char *want[] = {"de", "en", "es", "fr", "pt-BR", "sr-Latn"};
    for (size_t i = 0; i < n; i++)
        assert_string_equal(l[i], want[i]);
    locales_list_free(l, n);
}

static void empty_linguas_offers_english(void **state)
{
    size_t n;
    char **l = locales_parse_linguas("", &n);
    (void)state;

    assert_int_equal(n, 1);
    assert_string_equal(l[0], "en");
    locales_list_free(l, n);
}

/* The build-time list is exactly po/LINGUAS plus en: adding a language to
 * LINGUAS adds it to what the tool offers with no code change. */
static void offered_locales_match_po_linguas(void **state)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    char text[4096];
    size_t n, len;
    FILE *f;
    (void)state;

    assert_non_null(top);
    snprintf(path, sizeof(path), "%s/po/LINGUAS", top);
    f = fopen(path, "r");
    assert_non_null(f);
    len = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[len] = '\0';
    char **want = locales_parse_linguas(text, &n);
    assert_int_equal(locales_count(), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(locales_get(i), want[i]);
    locales_list_free(want, n);
    assert_non_null(locales_find("EN"));
    assert_null(locales_find("xx"));
    assert_null(locales_find(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linguas_become_bcp47_tags_plus_en),
        cmocka_unit_test(empty_linguas_offers_english),
        cmocka_unit_test(offered_locales_match_po_linguas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
