#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/ui_actions.h"
#include "invitui/util.h"

/* The pure text of the TUI's actions: the progress bar, the result list
 * lines (a state word, never only a colour; hostile text made safe) and
 * the journal view lines. Runs in the C locale: the words are English. */

static char *bar(size_t done, size_t total, int width)
{
    struct strbuf sb;

    strbuf_init(&sb);
    ui_progress_bar(&sb, done, total, width);
    return strbuf_detach(&sb, NULL);
}

static void progress_bar_fills_in_proportion(void **state)
{
    (void)state;
    char *s = bar(0, 10, 12);
    assert_string_equal(s, "[..........]");
    free(s);
    s = bar(5, 10, 12);
    assert_string_equal(s, "[#####.....]");
    free(s);
    s = bar(10, 10, 12);
    assert_string_equal(s, "[##########]");
    free(s);
    /* Rounds down: not full until everything is done. */
    s = bar(49, 50, 12);
    assert_string_equal(s, "[#########.]");
    free(s);
    /* Nothing to do counts as done; silly widths still give a bar. */
    s = bar(0, 0, 5);
    assert_string_equal(s, "[###]");
    free(s);
    s = bar(1, 2, 0);
    assert_int_equal(strlen(s), 3);
    free(s);
    /* done > total (never expected) does not overflow the bar. */
    s = bar(7, 3, 6);
    assert_string_equal(s, "[####]");
    free(s);
}

static char *target_line(enum bulk_state st, bool maybe, const char *email, const char *reason,
                         bool skipped)
{
    struct bulk_target t;
    struct strbuf sb;

    memset(&t, 0, sizeof(t));
    t.state = st;
    t.maybe_sent = maybe;
    t.inv.id = (char *)"id-1";
    t.inv.email = (char *)email;
    t.reason = (char *)reason;
    strbuf_init(&sb);
    ui_bulk_target_line(&sb, &t, skipped);
    return strbuf_detach(&sb, NULL);
}

static void result_lines_say_the_state_in_words(void **state)
{
    (void)state;
    char *s = target_line(BULK_OK, false, "ann@example.com", NULL, false);
    assert_string_equal(s, "ok         ann@example.com");
    free(s);
    s = target_line(BULK_FAILED, false, "bob@example.com", "HTTP 404: Not Found", false);
    assert_string_equal(s, "failed     bob@example.com: HTTP 404: Not Found");
    free(s);
    /* No answer to a POST: "unknown", not "failed" (it may have been sent). */
    s = target_line(BULK_FAILED, true, "cy@example.com", "timed out", false);
    assert_string_equal(s, "unknown    cy@example.com: timed out");
    free(s);
    s = target_line(BULK_QUEUED, false, "dee@example.com", "Not expired", true);
    assert_string_equal(s, "skipped    dee@example.com: Not expired");
    free(s);
    s = target_line(BULK_CANCELLED, false, "eve@example.com", NULL, false);
    assert_string_equal(s, "stopped    eve@example.com");
    free(s);
    /* Without an e-mail the id stands in. */
    s = target_line(BULK_OK, false, NULL, NULL, false);
    assert_string_equal(s, "ok         id-1");
    free(s);
    /* An ok target's stale reason is not shown. */
    s = target_line(BULK_OK, false, "f@example.com", "old", false);
    assert_null(strstr(s, "old"));
    free(s);
}

static void result_lines_are_display_safe(void **state)
{
    (void)state;
    char *s = target_line(BULK_FAILED, false, "x\x1b]52;c;AAAA\x07@evil.example",
                          "bad\x1b[31m red\nsecond line", false);
    assert_null(strchr(s, '\x1b'));
    assert_null(strchr(s, '\x07'));
    assert_null(strchr(s, '\n'));
    assert_non_null(strstr(s, "failed"));
    free(s);
}

static void journal_lines(void **state)
{
    (void)state;
    struct journal_record r;
    struct strbuf sb;

    memset(&r, 0, sizeof(r));
    r.time_text = (char *)"2026-11-23T12:00:00Z";
    r.action = (char *)"resend";
    r.result = (char *)"ok";
    r.email = (char *)"ann@example.com";
    r.profile = (char *)"hb";
    r.locale = (char *)"de";
    strbuf_init(&sb);
    ui_journal_line(&sb, &r);
    assert_string_equal(sb.data, "2026-11-23T12:00:00Z  resend  ok  ann@example.com  hb  de");

    /* A failure shows its status and message; escapes from the file go. */
    r.result = (char *)"failed";
    r.http_status = 409;
    r.locale = NULL;
    r.message = (char *)"conflict\x1b[2J";
    strbuf_reset(&sb);
    ui_journal_line(&sb, &r);
    assert_non_null(strstr(sb.data, "resend  failed (409)  ann@example.com  hb  conflict"));
    assert_null(strchr(sb.data, '\x1b'));

    /* A record with nothing in it (a foreign line) still gives a line. */
    memset(&r, 0, sizeof(r));
    strbuf_reset(&sb);
    ui_journal_line(&sb, &r);
    assert_string_equal(sb.data, "?  ?  ?  -  -");
    strbuf_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(progress_bar_fills_in_proportion),
        cmocka_unit_test(result_lines_say_the_state_in_words),
        cmocka_unit_test(result_lines_are_display_safe),
        cmocka_unit_test(journal_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
