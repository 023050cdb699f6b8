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
#include "invitui/form_desc.h"
#include "invitui/ui_create_model.h"
#include "invitui/util.h"

#define HB_ACC "61cdf7ef-c8a5-41ca-bc2e-7a721a44dad3"
#define MP_ACC "ACC-3124-2486"
#define GROUP_ID "a059cdad-284e-476e-b44c-55c0e18339cc"

static struct profile hb_profile = {
    .name = "hb", .provider = PROVIDER_HYBRIDBOX, .base_url = "http://127.0.0.1:1"};
static struct profile mp_profile = {
    .name = "mp", .provider = PROVIDER_MARKETPLACE, .base_url = "http://127.0.0.1:1",
    .production = true};

static bool has_line(const struct strvec *v, const char *text)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->v[i], text) == 0)
            return true;
    return false;
}

static bool has_substr(const struct strvec *v, const char *text)
{
    for (size_t i = 0; i < v->n; i++)
        if (strstr(v->v[i], text))
            return true;
    return false;
}

static void items_follow_the_rows(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);
    struct ui_create_items it = {0};

    ui_create_items_build(f, &it);
    /* email, locale, note, four assignment fields, add, review, discard */
    assert_int_equal(it.n, 10);
    assert_int_equal(it.v[7].kind, UI_CREATE_ITEM_ADD_ROW);
    assert_int_equal(it.v[8].kind, UI_CREATE_ITEM_REVIEW);
    assert_int_equal(it.v[9].kind, UI_CREATE_ITEM_DISCARD);
    assert_int_equal(ui_create_items_find(&it, UI_CREATE_ITEM_REMOVE_ROW, 0), -1);

    /* With two rows each row ends with its remove item. */
    form_add_row(f);
    ui_create_items_build(f, &it);
    assert_int_equal(it.n, 16);
    assert_int_equal(it.v[7].kind, UI_CREATE_ITEM_REMOVE_ROW);
    assert_int_equal(it.v[7].index, 0);
    assert_int_equal(it.v[12].kind, UI_CREATE_ITEM_REMOVE_ROW);
    assert_int_equal(it.v[12].index, 1);
    assert_int_equal(it.v[8].kind, UI_CREATE_ITEM_FIELD);
    assert_string_equal(f->fields[it.v[8].index].id, "assignments.1.role_key");
    assert_int_equal(ui_create_items_find(&it, UI_CREATE_ITEM_REVIEW, 0), 14);
    /* Enter skips the remove items; after the last field comes the review. */
    assert_int_equal(ui_create_items_next_field(&it, 6), 8);
    assert_int_equal(ui_create_items_next_field(&it, 0), 1);
    assert_int_equal(ui_create_items_next_field(&it, 11), 14);
    assert_int_equal(ui_create_items_next_field(&it, 13), 14);

    assert_int_equal(ui_create_items_first_error(&it, f), -1);
    form_field(f, "note")->error = xstrdup("too long");
    assert_int_equal(ui_create_items_first_error(&it, f), 2);
    ui_create_items_free(&it);
    form_free(f);
}

static void lines_put_errors_under_their_field(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);
    struct ui_create_items it = {0};
    struct ui_create_lines ln = {0};

    /* Server text with an escape sequence, as the server's answer brings it
     * (made safe there: the lines take it as it is), and a long message. */
    static const char body[] = "{\"errors\":{\"assignments.0.role_key\":"
                               "[\"bad \\u001b[31mrole\\u001b[0m key\"]}}";
    struct api_error err;
    api_error_init(&err);
    api_error_from_http(&err, 422, body, strlen(body));
    form_apply_errors(f, &err);
    api_error_clear(&err);
    free(f->message);
    f->message = xstrdup("HTTP 422: Unprocessable Content and a few more words to wrap");
    ui_create_items_build(f, &it);
    ui_create_lines_build(f, &it, 40, 20, &ln);

    long role = ui_create_lines_find_item(&ln, ui_create_items_find(&it, UI_CREATE_ITEM_FIELD, 3));
    assert_true(role > 0);
    assert_int_equal(ln.v[role - 1].kind, UI_CREATE_LINE_HEADING);
    assert_string_equal(ln.v[role - 1].text, "Assignment 1");
    assert_int_equal(ln.v[role + 1].kind, UI_CREATE_LINE_ERROR);
    assert_int_equal(ln.v[role + 1].index, 3);
    assert_null(strchr(ln.v[role + 1].text, '\x1b'));
    assert_non_null(strstr(ln.v[role + 1].text, "role"));
    assert_int_equal(ln.v[role + 2].kind, UI_CREATE_LINE_FIELD);

    size_t messages = 0;
    for (size_t i = 0; i < ln.n; i++)
        if (ln.v[i].kind == UI_CREATE_LINE_MESSAGE) {
            messages++;
            assert_true(strlen(ln.v[i].text) <= 20);
        }
    assert_true(messages >= 3);
    assert_int_equal(ln.v[ln.n - 1].kind, UI_CREATE_LINE_MESSAGE);

    ui_create_lines_free(&ln);
    ui_create_items_free(&it);
    form_free(f);
}

static void marketplace_rows_have_no_heading(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_marketplace.form);
    struct ui_create_items it = {0};
    struct ui_create_lines ln = {0};

    form_add_row(f);
    ui_create_items_build(f, &it);
    ui_create_lines_build(f, &it, 40, 40, &ln);
    for (size_t i = 0; i < ln.n; i++)
        assert_int_not_equal(ln.v[i].kind, UI_CREATE_LINE_HEADING);
    assert_int_not_equal(ui_create_items_find(&it, UI_CREATE_ITEM_REMOVE_ROW, 1), -1);
    ui_create_lines_free(&ln);
    ui_create_items_free(&it);
    form_free(f);
}

static void tab_completes_or_moves_on(void **state)
{
    (void)state;
    struct strvec c = {0};
    char *v = NULL;

    assert_int_equal(ui_create_tab("x", &c, &v), UI_CREATE_TAB_NEXT);
    assert_null(v);
    strvec_push(&c, "viewer");
    assert_int_equal(ui_create_tab("vie", &c, &v), UI_CREATE_TAB_SET);
    assert_string_equal(v, "viewer");
    free(v);
    /* A complete value goes on to the next field. */
    assert_int_equal(ui_create_tab("Viewer ", &c, &v), UI_CREATE_TAB_NEXT);
    assert_null(v);
    strvec_free(&c);

    strvec_push(&c, "dns_record.manage");
    strvec_push(&c, "dns_record.view");
    assert_int_equal(ui_create_tab("dn", &c, &v), UI_CREATE_TAB_LIST);
    assert_string_equal(v, "dns_record.");
    free(v);
    assert_int_equal(ui_create_tab("dns_record.", &c, &v), UI_CREATE_TAB_LIST);
    assert_null(v);
    /* Matched by name: the ids' common prefix has nothing to do with the text. */
    assert_int_equal(ui_create_tab("Admins", &c, &v), UI_CREATE_TAB_LIST);
    assert_null(v);
    strvec_free(&c);
}

static void candidates_come_from_the_field_source(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);
    struct strvec caps = {0}, out = {0};
    struct group_list groups = {0};
    struct group g = {.id = xstrdup(GROUP_ID), .name = xstrdup("Administrators")};

    group_list_push(&groups, &g);
    strvec_push(&caps, "account.view");
    strvec_push(&caps, "dns_record.view");

    ui_create_candidates(form_field(f, "locale"), "D", &caps, &groups, &out);
    assert_true(has_line(&out, "de"));
    strvec_free(&out);
    ui_create_candidates(form_field(f, "assignments.0.role_key"), "vie", &caps, &groups, &out);
    assert_int_equal(out.n, 1);
    assert_string_equal(out.v[0], "viewer");
    strvec_free(&out);
    ui_create_candidates(form_field(f, "assignments.0.capability_key"), "dns", &caps, &groups,
                         &out);
    assert_int_equal(out.n, 1);
    assert_string_equal(out.v[0], "dns_record.view");
    strvec_free(&out);
    ui_create_candidates(form_field(f, "assignments.0.group_id"), "adm", &caps, &groups, &out);
    assert_int_equal(out.n, 1);
    assert_string_equal(out.v[0], GROUP_ID);
    assert_string_equal(ui_create_group_name(&groups, GROUP_ID), "Administrators");
    strvec_free(&out);
    /* Groups still loading: nothing, not a crash. */
    ui_create_candidates(form_field(f, "assignments.0.group_id"), "adm", NULL, NULL, &out);
    assert_int_equal(out.n, 0);
    ui_create_candidates(form_field(f, "note"), "", &caps, &groups, &out);
    assert_int_equal(out.n, 0);

    group_list_free(&groups);
    strvec_free(&caps);
    form_free(f);
}

static void preview_shows_method_path_and_body(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);
    struct strvec out = {0};
    struct api_error err;

    api_error_init(&err);
    form_set(f, "email", "new.user@example.com");
    form_set(f, "locale", "DE");
    form_set(f, "assignments.0.role_key", "viewer");
    assert_int_equal(ui_create_preview(f, &hb_profile, HB_ACC, &out, &err), 0);
    assert_string_equal(out.v[0],
                        "POST http://127.0.0.1:1/v1/public/accounts/" HB_ACC "/auth/invitations");
    assert_true(has_line(&out, "  \"email\": \"new.user@example.com\","));
    assert_true(has_substr(&out, "\"locale\": \"de\""));
    assert_true(has_substr(&out, "\"role_key\": \"viewer\""));
    strvec_free(&out);

    /* No e-mail: the body cannot be built, and nothing is shown. */
    form_set(f, "email", "");
    assert_int_equal(ui_create_preview(f, &hb_profile, HB_ACC, &out, &err), -1);
    assert_int_equal(out.n, 0);
    api_error_clear(&err);
    form_free(f);

    f = form_new_create(provider_marketplace.form);
    form_set(f, "user.email", "mp@example.com");
    form_set(f, "user.firstName", "Mia");
    form_set(f, "user.lastName", "Muster");
    form_set(f, "groups.0.id", "UGR-6158-0383");
    assert_int_equal(ui_create_preview(f, &mp_profile, MP_ACC, &out, &err), 0);
    assert_non_null(strstr(out.v[0], "POST http://127.0.0.1:1/"));
    assert_true(has_substr(&out, "\"UGR-6158-0383\""));
    assert_true(has_substr(&out, MP_ACC));
    strvec_free(&out);
    form_free(f);
}

static void confirmation_names_email_account_profile_locale(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);
    struct strvec out = {0};

    form_set(f, "email", " a@example.com ");
    ui_create_confirm_lines(f, &hb_profile, HB_ACC, "Acme \x1b[2JHosting", &out);
    assert_int_equal(out.n, 4);
    assert_string_equal(out.v[0], "  E-mail: a@example.com");
    assert_null(strchr(out.v[1], '\x1b'));
    assert_non_null(strstr(out.v[1], "(" HB_ACC ")"));
    assert_string_equal(out.v[2], "  Profile: hb (hybridbox)");
    assert_string_equal(out.v[3], "  Locale: none (the server's default)");
    strvec_free(&out);
    form_set(f, "locale", "fr");
    ui_create_confirm_lines(f, &hb_profile, HB_ACC, NULL, &out);
    assert_string_equal(out.v[3], "  Locale: fr");
    assert_string_equal(out.v[1], "  Account: " HB_ACC " (" HB_ACC ")");
    strvec_free(&out);
    form_free(f);

    f = form_new_create(provider_marketplace.form);
    ui_create_confirm_lines(f, &mp_profile, MP_ACC, "Demo", &out);
    assert_non_null(strstr(out.v[2], "PRODUCTION"));
    assert_non_null(strstr(out.v[3], "not used"));
    strvec_free(&out);
    form_free(f);
}

/* A made-up provider's form: the TUI's lines, labels and preview come from
 * the descriptor alone. */
static const struct form_desc_field fake_fixed[] = {
    {"mail", "Mail", FORM_EMAIL, FORM_COMPLETE_NONE, true},
};
static const struct form_desc_field fake_row[] = {
    {"tag", "Tag", FORM_TEXT, FORM_COMPLETE_NONE, false},
};

static char *fake_heading(size_t row)
{
    return xasprintf("Tag set %zu", row + 1);
}

static void fake_to_request(const struct form *f, struct create_request *out)
{
    (void)f;
    (void)out;
}

static char *fake_body(const struct create_request *req, const char *account_id,
                       struct api_error *err)
{
    (void)err;
    return xasprintf("{\"to\":\"%s\",\"in\":\"%s\"}", req->email, account_id);
}

static char *fake_url(const struct profile *p, const char *account_id, struct api_error *err)
{
    (void)err;
    return xasprintf("%s/fake/%s/invites", p->base_url, account_id);
}

static const struct form_desc fake_form = {
    .fixed = fake_fixed,
    .nfixed = ARRAY_SIZE(fake_fixed),
    .row_prefix = "tags",
    .row = fake_row,
    .nrow = ARRAY_SIZE(fake_row),
    .add_row_label = "Add a tag",
    .remove_row_label = "Remove this tag",
    .row_heading = fake_heading,
    .to_request = fake_to_request,
    .body = fake_body,
    .url = fake_url,
};

static bool has_text_line(const struct ui_create_lines *ln, enum ui_create_line_kind kind,
                          const char *text)
{
    for (size_t i = 0; i < ln->n; i++)
        if (ln->v[i].kind == kind && ln->v[i].text && strcmp(ln->v[i].text, text) == 0)
            return true;
    return false;
}

static void a_third_descriptor_shapes_the_view(void **state)
{
    (void)state;
    struct form *f = form_new_create(&fake_form);
    struct ui_create_items it = {0};
    struct ui_create_lines ln = {0};
    struct strvec out = {0};
    struct api_error err;

    form_add_row(f);
    ui_create_items_build(f, &it);
    ui_create_lines_build(f, &it, 40, 40, &ln);
    assert_true(has_text_line(&ln, UI_CREATE_LINE_HEADING, "Tag set 1"));
    assert_true(has_text_line(&ln, UI_CREATE_LINE_HEADING, "Tag set 2"));
    assert_true(has_text_line(&ln, UI_CREATE_LINE_ITEM, "Add a tag"));
    assert_true(has_text_line(&ln, UI_CREATE_LINE_ITEM, "Remove this tag"));

    api_error_init(&err);
    form_set(f, "mail", "ann@example.com");
    assert_int_equal(ui_create_preview(f, &hb_profile, "A1", &out, &err), 0);
    assert_string_equal(out.v[0], "POST http://127.0.0.1:1/fake/A1/invites");
    assert_true(has_substr(&out, "\"to\": \"ann@example.com\""));
    strvec_free(&out);
    api_error_clear(&err);
    ui_create_lines_free(&ln);
    ui_create_items_free(&it);
    form_free(f);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(items_follow_the_rows),
        cmocka_unit_test(lines_put_errors_under_their_field),
        cmocka_unit_test(marketplace_rows_have_no_heading),
        cmocka_unit_test(tab_completes_or_moves_on),
        cmocka_unit_test(candidates_come_from_the_field_source),
        cmocka_unit_test(preview_shows_method_path_and_body),
        cmocka_unit_test(confirmation_names_email_account_profile_locale),
        cmocka_unit_test(a_third_descriptor_shapes_the_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
