#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/sanitize.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_error.h"
#include "invitui/util.h"

/* The pure text of the TUI's actions: the progress bar, the result list
 * lines (a state word, never only a colour; hostile text made safe), the
 * journal view lines, and how an error shows: the status line with the
 * short trace id, the full-error view. Messages are untranslated (no
 * catalog): the words are English; widths are measured in C.UTF-8. */

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
    t.reason = (char *)reason; /* display-safe when set (test_bulk) */
    /* The line shows the display copies, as the store's rows have them. */
    invitation_make_shown(&t.inv);
    strbuf_init(&sb);
    ui_bulk_target_line(&sb, &t, skipped);
    invitation_shown_free(&t.inv.shown);
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

/* The e-mail comes from the invitation's display copy, not its raw field. */
static void result_lines_are_display_safe(void **state)
{
    (void)state;
    char *s = target_line(BULK_FAILED, false, "x\x1b]52;c;AAAA\x07@evil.example\nsecond line",
                          "bad", false);
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

    /* A failure shows its status and message (display-safe when read:
     * test_journal). */
    r.result = (char *)"failed";
    r.http_status = 409;
    r.locale = NULL;
    r.message = (char *)"conflict";
    strbuf_reset(&sb);
    ui_journal_line(&sb, &r);
    assert_string_equal(sb.data, "2026-11-23T12:00:00Z  resend  failed (409)  ann@example.com  hb  "
                                 "conflict");

    /* A record with nothing in it (a foreign line) still gives a line. */
    memset(&r, 0, sizeof(r));
    strbuf_reset(&sb);
    ui_journal_line(&sb, &r);
    assert_string_equal(sb.data, "?  ?  ?  -  -");
    strbuf_free(&sb);
}

#define TRACE "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"

static void journal_trace_lines(void **state)
{
    (void)state;
    struct journal_record r;
    struct strvec lines = {0};

    memset(&r, 0, sizeof(r));
    r.result = (char *)"ok";
    ui_journal_extra_lines(&lines, &r);
    assert_int_equal(lines.n, 0);

    r.result = (char *)"failed";
    r.trace_id = (char *)TRACE;
    r.instance = (char *)"/public/v1/accounts/account-users";
    ui_journal_extra_lines(&lines, &r);
    assert_int_equal(lines.n, 2);
    assert_string_equal(lines.v[0], "    trace id: " TRACE);
    assert_string_equal(lines.v[1], "    instance: /public/v1/accounts/account-users");
    strvec_free(&lines);
}

static char *status(const char *text, const char *trace, int cols)
{
    struct strbuf sb;

    strbuf_init(&sb);
    ui_error_status_fit(&sb, text, trace, cols);
    return strbuf_detach(&sb, NULL);
}

static void status_line_keeps_the_short_trace(void **state)
{
    (void)state;
    char *s = status("✗ Not created: HTTP 400: Bad Request", TRACE, 80);
    assert_string_equal(s, "✗ Not created: HTTP 400: Bad Request  trace 4bf92f35…");
    free(s);

    /* A long message gives way: the trace stays, the whole fits in 80 columns. */
    const char *longer = "✗ Not created: HTTP 400: One or more validation errors occurred. — "
                         "groups[0].id: The user group does not exist in the account.";
    s = status(longer, TRACE, 74);
    assert_int_equal(text_width(s), 74);
    assert_non_null(strstr(s, "✗ Not created: HTTP 400: One or more"));
    assert_non_null(strstr(s, "…  trace 4bf92f35…"));
    const char *tail = "  trace 4bf92f35…";
    assert_string_equal(s + strlen(s) - strlen(tail), tail);
    free(s);

    /* Without a trace id: the message alone, cut with "…". */
    s = status(longer, NULL, 40);
    assert_int_equal(text_width(s), 40);
    assert_null(strstr(s, "trace"));
    free(s);

    /* Too narrow for both: the message matters more. */
    s = status(longer, TRACE, 30);
    assert_null(strstr(s, "trace"));
    assert_int_equal(text_width(s), 30);
    free(s);
    s = status("x", TRACE, 0);
    assert_string_equal(s, "");
    free(s);
}

static void full_error_view_text(void **state)
{
    (void)state;
    static const char body[] =
        "{\"title\":\"One or more validation errors occurred.\",\"status\":400,"
        "\"traceId\":\"" TRACE "\",\"instance\":\"/public/v1/accounts/account-users\","
        "\"errors\":{\"groups[0].id\":[\"The user group does not exist.\"]}}";
    struct api_error err;
    struct strbuf sb;

    api_error_init(&err);
    api_error_from_http(&err, 400, body, strlen(body));
    strbuf_init(&sb);
    ui_error_full_text(&sb, "Not created", &err);
    assert_string_equal(sb.data,
                        "Not created\n\n"
                        "HTTP 400: One or more validation errors occurred. — groups[0].id: The "
                        "user group does not exist.\n"
                        "HTTP status: 400\n"
                        "One or more validation errors occurred.\n"
                        "groups[0].id: The user group does not exist.\n"
                        "Trace id: " TRACE "\n"
                        "Instance: /public/v1/accounts/account-users");
    strbuf_free(&sb);
    api_error_clear(&err);
}

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(journal_trace_lines),
        cmocka_unit_test(status_line_keeps_the_short_trace),
        cmocka_unit_test(full_error_view_text),
        cmocka_unit_test(progress_bar_fills_in_proportion),
        cmocka_unit_test(result_lines_say_the_state_in_words),
        cmocka_unit_test(result_lines_are_display_safe),
        cmocka_unit_test(journal_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
