/* The create form (c) linked alone against a fake controller and worker
 * (ui_fake_app.c): typed into with its keys, sent, and answered by the
 * test as the worker would. What was typed must survive a failed create
 * and an Esc. Messages are untranslated (no catalog). */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/form.h"
#include "invitui/store.h"
#include "invitui/ui_create.h"
#include "ui_fake_app.h"

#define HB_ACC "61cdf7ef-c8a5-41ca-bc2e-7a721a44dad3"
#define EMAIL "new.user@example.com"

static const struct profile hb_profile = {
    .name = "hb", .provider = PROVIDER_HYBRIDBOX, .base_url = "http://127.0.0.1:1"};
static const struct ui_hooks hooks = {.create_open = ui_create_open};
static struct ui_app app;
static int no_worker; /* the views only test app->worker; jobs go to the fake */

static int setup(void **state)
{
    (void)state;
    fake_app_init(&app, &hooks);
    app.session.profile = &hb_profile;
    app.session.ops = &provider_hybridbox;
    app.session_ok = true;
    ui_list_open_account(&app, HB_ACC);
    app.store = store_new(PROVIDER_HYBRIDBOX);
    app.worker = (struct worker *)&no_worker;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ui_view_pop_all(&app);
    ui_create_free(&app);
    store_free(app.store);
    fake_app_free(&app);
    return 0;
}

static void type(const char *s)
{
    for (; *s; s++)
        fake_press(&app, (unsigned char)*s);
}

static int top_scope(void)
{
    return app.depth ? (int)app.stack[app.depth - 1]->ops->scope : -1;
}

/* E-mail, then the first assignment's role, then the review and y. */
static void fill_and_send(void)
{
    ui_create_open(&app);
    fake_render(&app);
    type(EMAIL);
    for (int i = 0; i < 3; i++) /* locale, note, the first assignment */
        fake_press(&app, KEY_DOWN);
    type(form_role_keys[0]);
    fake_press(&app, KEY_NPAGE); /* to "Review and send" */
    fake_press(&app, '\n');
    fake_render(&app);
    assert_true(fake_screen_row("Send this invitation?") >= 0);
    fake_press(&app, 'y');
    assert_true(fake_log_has(&fake_log.jobs, "create " HB_ACC " " EMAIL));
    assert_non_null(fake_log.create_fn);
}

static void failed_create_keeps_the_draft_and_shows_field_errors(void **state)
{
    (void)state;
    static const char body[] = "{\"title\":\"Bad Request\",\"status\":400,"
                               "\"errors\":{\"email\":[\"is already invited\"]}}";
    struct api_error err;

    fill_and_send();
    api_error_init(&err);
    api_error_from_http(&err, 400, body, strlen(body));
    fake_log.create_fn(-1, &err, NULL, NULL, fake_log.create_ctx);
    api_error_clear(&err);

    /* Back to editing, on the field the server named, with its complaint. */
    assert_int_equal(app.depth, 1);
    assert_int_equal(top_scope(), UI_SCOPE_CREATE);
    assert_true(fake_log_has(&fake_log.messages, "error: Not created"));
    fake_render(&app);
    int field = fake_screen_row(EMAIL);
    int why = fake_screen_row("is already invited");
    assert_true(field >= 0);
    assert_true(why > field);
    assert_true(fake_screen_row(form_role_keys[0]) > why);
    /* Nothing was sent again by itself. */
    assert_int_equal(fake_log.jobs.n, 2); /* the groups' load and the one create */
}

static void esc_keeps_the_draft_for_c(void **state)
{
    (void)state;
    ui_create_open(&app);
    fake_render(&app); /* the loop draws a frame before it reads a key */
    type(EMAIL);
    fake_press(&app, UI_KEY_ESC);
    assert_int_equal(app.depth, 0);
    assert_true(ui_create_kept(&app));

    ui_create_open(&app);
    assert_true(fake_log_has(&fake_log.messages, "Your unsent form is back"));
    fake_render(&app);
    assert_true(fake_screen_row(EMAIL) >= 0);
    assert_false(fake_log_has(&fake_log.jobs, "create"));
}

static void created_closes_the_form_and_shows_the_invitation(void **state)
{
    (void)state;
    struct invitation inv = {0};

    fill_and_send();
    inv.id = xstrdup("00000000-0000-4000-8000-000000000001");
    inv.email = xstrdup(EMAIL);
    fake_log.create_fn(0, NULL, &inv, NULL, fake_log.create_ctx);
    invitation_free(&inv);
    assert_int_equal(app.depth, 0);
    assert_false(ui_create_kept(&app));
    assert_true(fake_log_has(&fake_log.calls, "show 00000000-0000-4000-8000-000000000001"));
    assert_true(fake_log_has(&fake_log.messages, "info: Invitation created for " EMAIL));
    assert_non_null(store_find(app.store, HB_ACC, "00000000-0000-4000-8000-000000000001"));
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(failed_create_keeps_the_draft_and_shows_field_errors,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(esc_keeps_the_draft_for_c, setup, teardown),
        cmocka_unit_test_setup_teardown(created_closes_the_form_and_shows_the_invitation, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
