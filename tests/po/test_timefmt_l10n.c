/* timefmt in other languages: the compact table forms with translated unit
 * abbreviations, the long forms with each language's plural rule (French
 * counts 0 and 1 as singular, English and German only 1), and local dates in
 * the LC_TIME locale's order. Run by tests/po/timefmt_l10n.sh, which builds
 * the catalog tree ($INVITUI_LOCALEDIR) and, when it can, a fr_FR.UTF-8
 * locale ($LOCPATH); without them the cases that need them are skipped. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/timefmt.h"

static const time_t now = 1800000000; /* 2027-01-15 08:00:00 UTC */

/* Switches the message language the way a user does (LANGUAGE under
 * C.UTF-8); textdomain() drops gettext's cached lookups. */
static void use_language(const char *lang)
{
    setenv("LANGUAGE", lang, 1);
#ifdef ENABLE_NLS
    textdomain(PACKAGE);
#endif
}

static bool have_catalogs(void)
{
#ifdef ENABLE_NLS
    const char *dir = getenv("INVITUI_LOCALEDIR");
    return dir && *dir;
#else
    return false;
#endif
}

typedef void (*formatter)(struct strbuf *, time_t, time_t);

static void check(formatter f, time_t t, const char *want)
{
    struct strbuf sb;

    strbuf_init(&sb);
    f(&sb, t, now);
    assert_string_equal(sb.data ? sb.data : "", want);
    strbuf_free(&sb);
}

static void check_duration(long long secs, const char *want)
{
    struct strbuf sb;

    strbuf_init(&sb);
    timefmt_duration(&sb, secs);
    assert_string_equal(sb.data, want);
    strbuf_free(&sb);
}

static void english_long_forms_have_plurals(void **state)
{
    (void)state;
    use_language("");
    check(timefmt_expiry_long, now + 86400 + 3600, "expires in 1 day");
    check(timefmt_expiry_long, now + 2 * 86400 + 5, "expires in 2 days");
    check(timefmt_expiry_long, now - 3 * 3600 - 59, "expired 3 hours ago");
    check(timefmt_expiry_long, now - 60, "expired 1 minute ago");
    check(timefmt_relative_long, now + 120, "in 2 minutes");
    check(timefmt_relative_long, now - 1, "1 second ago");
    check(timefmt_relative_long, now, "0 seconds ago");
    check(timefmt_relative_long, 0, "");
    check(timefmt_expiry_long, 0, "");
}

static void french_compact_forms(void **state)
{
    (void)state;
    if (!have_catalogs())
        skip();
    use_language("fr");
    check_duration(2 * 86400 + 4 * 3600 + 59, "2 j 4 h");
    check_duration(3600 + 5 * 60, "1 h 5 min");
    check_duration(45, "45 s");
    check_duration(40 * 86400, "40 j");
    check(timefmt_expiry, now + 2 * 86400 + 4 * 3600, "dans 2 j 4 h");
    check(timefmt_expiry, now - 3 * 86400, "il y a 3 j");
    check(timefmt_relative, now + 12 * 60, "dans 12 min");
    check(timefmt_relative, now - 3 * 3600, "il y a 3 h");
}

static void french_long_forms_use_french_plurals(void **state)
{
    (void)state;
    if (!have_catalogs())
        skip();
    use_language("fr");
    check(timefmt_expiry_long, now + 86400, "expire dans 1 jour");
    check(timefmt_expiry_long, now + 2 * 86400, "expire dans 2 jours");
    check(timefmt_expiry_long, now - 5 * 3600, "a expiré il y a 5 heures");
    check(timefmt_expiry_long, now - 60, "a expiré il y a 1 minute");
    check(timefmt_relative_long, now + 30, "dans 30 secondes");
    check(timefmt_relative_long, now - 86400 * 6, "il y a 6 jours");
    /* French: 0 takes the singular, unlike English's "0 seconds ago". */
    check(timefmt_relative_long, now, "il y a 0 seconde");
}

static void german_long_forms_decline(void **state)
{
    (void)state;
    if (!have_catalogs())
        skip();
    use_language("de");
    check(timefmt_expiry_long, now + 86400, "läuft in 1 Tag ab");
    check(timefmt_expiry_long, now - 2 * 86400, "vor 2 Tagen abgelaufen");
    check(timefmt_relative_long, now, "vor 0 Sekunden");
    check(timefmt_expiry, now + 3600 + 60, "in 1 h 1 min");
}

static void local_dates_follow_lc_time(void **state)
{
    struct strbuf sb;
    (void)state;

    setenv("TZ", "UTC", 1);
    tzset();
    strbuf_init(&sb);
    assert_non_null(setlocale(LC_TIME, "C.UTF-8"));
    timefmt_local(&sb, now);
    assert_string_equal(sb.data, "01/15/27 08:00"); /* C: %m/%d/%y */
    strbuf_free(&sb);
    /* $LOCPATH holds a fr_FR.UTF-8 made by localedef when the test could. */
    if (!getenv("LOCPATH") || !setlocale(LC_TIME, "fr_FR.UTF-8")) {
        setlocale(LC_TIME, "C.UTF-8");
        skip();
    }
    strbuf_init(&sb);
    timefmt_local(&sb, now);
    setlocale(LC_TIME, "C.UTF-8");
    assert_string_equal(sb.data, "15/01/2027 08:00"); /* fr_FR: %d/%m/%Y */
    strbuf_free(&sb);
}

static int setup(void **state)
{
    (void)state;
    i18n_init(); /* LC_ALL=C.UTF-8 from the harness; INVITUI_LOCALEDIR */
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english_long_forms_have_plurals),
        cmocka_unit_test(french_compact_forms),
        cmocka_unit_test(french_long_forms_use_french_plurals),
        cmocka_unit_test(german_long_forms_decline),
        cmocka_unit_test(local_dates_follow_lc_time),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
