/* The confirmation, the locale picker and the bulk result list, each a
 * view linked alone against a fake controller (ui_fake_app.c): keys go in
 * as the loop passes them, and the test reads what the controller was
 * asked and what the view drew on a real (invisible) ncurses screen.
 * Messages are untranslated (no catalog): the words are English. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/bulk.h"
#include "invitui/locales.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_confirm.h"
#include "invitui/ui_results.h"
#include "ui_fake_app.h"

#define NOW ((time_t)1760000000)

static const struct ui_hooks hooks = {
    .confirm = ui_confirm_open,
    .picker = ui_picker_open,
    .results = ui_results_open,
};

static struct ui_app app;

static int setup(void **state)
{
    (void)state;
    fake_app_init(&app, &hooks);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fake_app_free(&app);
    return 0;
}

static const char *top_name(void)
{
    return app.depth ? app.stack[app.depth - 1]->ops->name : "(none)";
}

static void pend_resend(const char *id, const char *locale)
{
    app.actions->cmd = UI_CMD_RESEND;
    app.actions->target_id = xstrdup(id);
    app.actions->locale = locale ? xstrdup(locale) : NULL;
    app.actions->has_locale = locale != NULL;
}

/* ---- the confirmation ---- */

static void confirm_y_submits_the_pending_action(void **state)
{
    (void)state;
    pend_resend("inv-1", "de-DE");
    app.hooks->confirm(&app, "Resend the invitation to a@example.com?\n\ny sends it.");
    fake_render(&app);
    assert_string_equal(top_name(), "confirm");
    assert_true(fake_screen_row("Confirm") >= 0);
    assert_true(fake_screen_row("Resend the invitation to a@example.com?") >= 0);
    assert_int_equal(fake_log.jobs.n, 0);

    fake_press(&app, 'y');
    assert_int_equal(fake_log.jobs.n, 1);
    assert_string_equal(fake_log.jobs.v[0], "resend inv-1 locale=de-DE");
    assert_int_equal(app.depth, 0);
    assert_int_equal(fake_log.calls.n, 0);
}

static void confirm_esc_or_n_submits_nothing(void **state)
{
    (void)state;
    static const int keys[] = {UI_KEY_ESC, 'n'};

    for (size_t i = 0; i < 2; i++) {
        pend_resend("inv-1", NULL);
        app.hooks->confirm(&app, "Resend?");
        fake_press(&app, keys[i]);
        assert_int_equal(app.depth, 0);
        assert_int_equal(fake_log.calls.n, i + 1);
        assert_string_equal(fake_log.calls.v[i], "decline");
    }
    assert_int_equal(fake_log.jobs.n, 0);
    /* Another key does neither, and the question stays. */
    pend_resend("inv-1", NULL);
    app.hooks->confirm(&app, "Resend?");
    fake_press(&app, 'x');
    fake_press(&app, 'r');
    assert_string_equal(top_name(), "confirm");
    assert_int_equal(fake_log.jobs.n, 0);
    assert_int_equal(fake_log.calls.n, 2);
}

static void confirm_l_only_where_a_locale_is_sent(void **state)
{
    (void)state;
    struct ui_view *v;
    const char *label = NULL;

    pend_resend("inv-1", NULL);
    app.hooks->confirm(&app, "Send a new invitation?");
    v = app.stack[0];
    fake_log.offers_locale = false;
    assert_false(v->ops->keyline(&app, v, UI_CMD_LOCALE, &label));
    fake_press(&app, 'l');
    assert_string_equal(top_name(), "confirm");
    assert_false(fake_log_has(&fake_log.calls, "picker"));

    fake_log.offers_locale = true;
    assert_true(v->ops->keyline(&app, v, UI_CMD_LOCALE, &label));
    fake_press(&app, 'l');
    assert_true(fake_log_has(&fake_log.calls, "picker"));
    /* The picker replaces the question: one question at a time. */
    assert_int_equal(app.depth, 1);
    assert_string_equal(top_name(), "picker");
}

static void confirm_text_is_display_safe_and_wraps(void **state)
{
    (void)state;
    pend_resend("inv-1", NULL);
    app.hooks->confirm(&app, "Resend to \x1b]52;c;ZXZpbA==\x07x@example.com? "
                            "and a long line that goes on past the width of the dialog "
                            "so that it has to wrap onto a second line of the frame");
    fake_render(&app);
    assert_true(fake_screen_row("x@example.com?") >= 0);
    assert_true(fake_screen_row("\x1b") < 0);
    assert_true(fake_screen_row("frame") > fake_screen_row("x@example.com?"));
}

/* ---- the locale picker ---- */

static void picker_starts_on_its_row_and_enter_returns_the_choice(void **state)
{
    (void)state;
    assert_true(locales_count() > 3);
    pend_resend("inv-1", NULL);
    app.hooks->picker(&app, 2);
    fake_render(&app);
    assert_string_equal(top_name(), "picker");
    assert_true(fake_screen_row("none (the server's default)") >= 0);
    /* The cursor is a character too (NO_COLOR): on row 2, locales_get(1). */
    char *marked = xasprintf("\xe2\x96\xb8 %s", locales_get(1));
    assert_true(fake_screen_row(marked) >= 0);
    free(marked);

    fake_press(&app, 'j');
    fake_render(&app);
    marked = xasprintf("\xe2\x96\xb8 %s", locales_get(2));
    assert_true(fake_screen_row(marked) >= 0);
    free(marked);
    fake_press(&app, '\n');
    assert_int_equal(app.depth, 0);
    assert_true(fake_log_has(&fake_log.calls, "picked 3"));
    assert_int_equal(fake_log.jobs.n, 0); /* the confirmation comes first */
}

static void picker_esc_declines(void **state)
{
    (void)state;
    pend_resend("inv-1", NULL);
    app.hooks->picker(&app, 0);
    fake_press(&app, UI_KEY_ESC);
    assert_int_equal(app.depth, 0);
    assert_string_equal(fake_log.calls.v[0], "decline");
    assert_false(fake_log_has(&fake_log.calls, "picked"));
}

/* ---- the result list of a bulk run ---- */

static struct invitation make_inv(int n, const char *email)
{
    struct invitation inv = {0};

    inv.id = xasprintf("00000000-0000-4000-8000-%012d", n);
    inv.account_id = xstrdup("3c90c3cc-0d44-4b50-8888-8dd25736052a");
    inv.email = xstrdup(email);
    inv.raw_status = xstrdup("pending");
    inv.expires_at = NOW + 3600;
    invitation_set_status(&inv, PROVIDER_HYBRIDBOX, NOW);
    invitation_make_shown(&inv); /* the display copies, as the store's rows have them */
    return inv;
}

/* A run of four: ok, failed (409), outcome unknown, and one still in flight. */
static struct bulk_run *make_run(void)
{
    static const char *const emails[] = {"ok@example.com", "failed@example.com",
                                         "unknown@example.com", "late@example.com"};
    struct bulk_plan plan;
    struct bulk_run *run = xcalloc(1, sizeof(*run));
    struct api_error err;
    size_t idx;

    bulk_plan_init(&plan, INV_ACTION_RESEND, NULL);
    for (int i = 0; i < 4; i++) {
        struct invitation inv = make_inv(i, emails[i]);
        bulk_plan_add(&plan, &provider_hybridbox, &inv, NOW);
        invitation_free(&inv);
    }
    bulk_run_init(run, &plan, &provider_hybridbox, NULL, 4);
    bulk_plan_free(&plan);
    while (bulk_run_next(run, &idx))
        ;
    bulk_run_finish(run, 0, 0, NULL);
    api_error_init(&err);
    api_error_from_http(&err, 409, "{\"detail\":\"duplicate\"}", 22);
    bulk_run_finish(run, 1, -1, &err);
    bulk_run_finish(run, 2, -1, &err);
    api_error_clear(&err);
    run->targets[2].maybe_sent = true;
    return run;
}

static void free_run(void)
{
    bulk_run_free(app.actions->run);
    free(app.actions->run);
    app.actions->run = NULL;
}

static void results_list_failures_first_and_follow_the_run(void **state)
{
    (void)state;
    app.actions->run = make_run();
    app.actions->run_bulk = true;
    fake_log.running = true;
    app.hooks->results(&app);
    fake_render(&app);
    assert_true(fake_screen_row("Resend: running") >= 0);
    assert_true(fake_screen_row("ok 1, failed 1, unknown 1, skipped 0, stopped 0") >= 0);
    int failed = fake_screen_row("failed@example.com");
    int unknown = fake_screen_row("unknown@example.com");
    int ok = fake_screen_row("ok@example.com");
    int late = fake_screen_row("late@example.com");
    assert_true(failed >= 0 && unknown > failed && ok > unknown && late > ok);
    assert_true(fake_screen_row("failed     failed@example.com: ") == failed);
    assert_true(fake_screen_row("unknown    unknown@example.com") == unknown);
    assert_true(fake_screen_row("sending    late@example.com") == late);

    /* The last answer comes: the list is rebuilt in the recalc pass. */
    bulk_run_finish(app.actions->run, 3, 0, NULL);
    fake_log.running = false;
    fake_render(&app);
    assert_true(fake_screen_row("Resend: finished") >= 0);
    assert_true(fake_screen_row("ok 2, failed 1, unknown 1") >= 0);
    assert_true(fake_screen_row("ok         late@example.com") >= 0);
    free_run();
}

static void results_retry_only_once_finished(void **state)
{
    (void)state;
    struct ui_view *v;
    const char *label = NULL;

    app.actions->run = make_run();
    app.actions->run_bulk = true;
    fake_log.running = true;
    app.hooks->results(&app);
    v = app.stack[0];
    /* Running: only "stop" on the key line; f, u and Enter do nothing. */
    assert_false(v->ops->keyline(&app, v, UI_CMD_RETRY_FAILED, &label));
    assert_true(v->ops->keyline(&app, v, UI_CMD_CLOSE, &label));
    assert_string_equal(label, "stop");
    fake_press(&app, 'f');
    fake_press(&app, '\n');
    assert_int_equal(fake_log.calls.n, 0);
    assert_string_equal(top_name(), "results");
    fake_press(&app, 'q');
    assert_string_equal(fake_log.calls.v[0], "stop");
    assert_string_equal(top_name(), "results");

    bulk_run_finish(app.actions->run, 3, 0, NULL);
    fake_log.running = false;
    /* One failed for sure, one unknown: f and u both offered. */
    assert_true(v->ops->keyline(&app, v, UI_CMD_RETRY_FAILED, &label));
    assert_true(v->ops->keyline(&app, v, UI_CMD_RETRY_UNKNOWN, &label));
    fake_press(&app, 'f');
    fake_press(&app, 'u');
    assert_string_equal(fake_log.calls.v[1], "retry failed");
    assert_string_equal(fake_log.calls.v[2], "retry unknown");
    fake_press(&app, '\n');
    assert_string_equal(fake_log.calls.v[3], "close");
    assert_int_equal(app.depth, 0);
    free_run();
}

static void results_offer_no_retry_without_failures(void **state)
{
    (void)state;
    struct ui_view *v;
    const char *label = NULL;

    app.actions->run = make_run();
    app.actions->run->targets[1].maybe_sent = true; /* both failures unknown */
    bulk_run_finish(app.actions->run, 3, 0, NULL);
    app.hooks->results(&app);
    v = app.stack[0];
    assert_false(v->ops->keyline(&app, v, UI_CMD_RETRY_FAILED, &label));
    assert_true(v->ops->keyline(&app, v, UI_CMD_RETRY_UNKNOWN, &label));
    free_run();
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(confirm_y_submits_the_pending_action, setup, teardown),
        cmocka_unit_test_setup_teardown(confirm_esc_or_n_submits_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(confirm_l_only_where_a_locale_is_sent, setup, teardown),
        cmocka_unit_test_setup_teardown(confirm_text_is_display_safe_and_wraps, setup, teardown),
        cmocka_unit_test_setup_teardown(picker_starts_on_its_row_and_enter_returns_the_choice,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(picker_esc_declines, setup, teardown),
        cmocka_unit_test_setup_teardown(results_list_failures_first_and_follow_the_run, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(results_retry_only_once_finished, setup, teardown),
        cmocka_unit_test_setup_teardown(results_offer_no_retry_without_failures, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
