#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/form.h"
#include "invitui/form_desc.h"
#include "invitui/store.h"
#include "invitui/util.h"

#define ACC "ACC-1234-5678"

static void hybridbox_form_has_fields_and_rows(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);

    assert_int_equal(f->nrows, 1);
    assert_int_equal(f->nfields, 7);
    assert_string_equal(f->fields[0].id, "email");
    assert_true(f->fields[0].required);
    assert_int_equal(form_field(f, "locale")->completion, FORM_COMPLETE_LOCALES);
    assert_int_equal(form_field(f, "assignments.0.role_key")->completion, FORM_COMPLETE_ROLES);
    assert_int_equal(form_field(f, "assignments.0.capability_key")->completion,
                     FORM_COMPLETE_CAPABILITIES);
    assert_int_equal(form_field(f, "assignments.0.group_id")->completion, FORM_COMPLETE_GROUPS);
    assert_int_equal(form_field(f, "assignments.0.resource_id")->kind, FORM_RESOURCE);

    assert_int_equal(form_add_row(f), 1);
    assert_int_equal(form_add_row(f), 2);
    assert_int_equal(form_set(f, "assignments.1.role_key", "editor"), 0);
    assert_int_equal(form_set(f, "assignments.2.capability_key", "dns_record.manage"), 0);
    assert_int_equal(form_set(f, "nope", "x"), -1);
    /* Removing row 1 renumbers row 2 to 1, values kept. */
    assert_int_equal(form_remove_row(f, 1), 0);
    assert_int_equal(f->nrows, 2);
    assert_null(form_field(f, "assignments.2.capability_key"));
    assert_string_equal(form_field(f, "assignments.1.capability_key")->value,
                        "dns_record.manage");
    assert_string_equal(form_field(f, "assignments.1.role_key")->value, "");
    assert_string_equal(form_field(f, "assignments.1.resource_id")->id,
                        "assignments.1.resource_id");
    assert_int_equal(form_field(f, "assignments.1.group_id")->row, 1);
    assert_int_equal(form_remove_row(f, 5), -1);
    assert_int_equal(form_remove_row(f, 0), 0);
    assert_int_equal(form_remove_row(f, 0), -1); /* the last row stays */
    assert_string_equal(form_field(f, "assignments.0.capability_key")->value,
                        "dns_record.manage");
    form_free(f);
}

static void email_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *email;
        bool ok;
    } cases[] = {
        {"ann@example.com", true},
        {"  ann@example.com ", true},       /* trimmed */
        {"jürgen@bücher.de", true},          /* internationalised */
        {"用户@例子.广告", true},
        {"a.b+tag@sub.example.org", true},
        {"", false},
        {"ann", false},
        {"ann@", false},
        {"@example.com", false},
        {"a@b@example.com", false},
        {"ann@example", false},
        {"ann@.example.com", false},
        {"ann@example..com", false},
        {"an n@example.com", false},
        {"ann@exa\tmple.com", false},
        {".ann@example.com", false},
        {"ann<x>@example.com", false},
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct form *f = form_new_create(provider_hybridbox.form);
        form_set(f, "email", cases[i].email);
        form_set(f, "assignments.0.role_key", "viewer");
        int bad = form_validate(f);
        if (cases[i].ok != (bad == 0))
            fail_msg("%s: expected %s", cases[i].email, cases[i].ok ? "valid" : "invalid");
        assert_true(cases[i].ok == (form_field(f, "email")->error == NULL));
        form_free(f);
    }
}

static void hybridbox_validation(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);

    form_set(f, "email", "ann@example.com");
    form_set(f, "locale", "xx");
    assert_int_equal(form_validate(f), 2); /* no assignment, reported beside another error */
    form_set(f, "locale", "");
    assert_int_equal(form_validate(f), 1);
    assert_non_null(form_field(f, "assignments.0.role_key")->error);
    assert_non_null(f->message);

    form_set(f, "assignments.0.resource_id", "not-a-uuid");
    form_set(f, "locale", "xx");
    assert_int_equal(form_validate(f), 3);
    assert_non_null(form_field(f, "locale")->error);
    assert_non_null(form_field(f, "assignments.0.resource_id")->error);
    assert_non_null(form_field(f, "assignments.0.role_key")->error); /* a row without a key */
    assert_string_equal(form_field(f, "locale")->value, "xx");      /* values untouched */

    form_set(f, "locale", "FR");
    form_set(f, "assignments.0.resource_id", "3C90C3CC-0D44-4B50-8888-8DD25736052A");
    form_set(f, "assignments.0.group_id", "kc-group-1");
    assert_null(form_field(f, "locale")->error); /* editing clears the field's error */
    assert_int_equal(form_validate(f), 0);
    assert_null(f->message);
    form_set(f, "locale", "");
    assert_int_equal(form_validate(f), 0); /* empty locale is fine */
    form_free(f);
}

static void hybridbox_request_and_preview(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);
    struct create_request req;
    struct api_error err;

    api_error_init(&err);
    form_set(f, "email", " ann@example.com ");
    form_set(f, "locale", "fr");
    form_set(f, "note", "welcome");
    form_set(f, "assignments.0.role_key", "editor");
    form_add_row(f);
    form_add_row(f);
    form_set(f, "assignments.2.capability_key", "dns_record.manage");
    form_set(f, "assignments.2.resource_id", "3c90c3cc-0d44-4b50-8888-8dd25736052a");
    form_to_create_request(f, &req);
    assert_string_equal(req.email, "ann@example.com");
    assert_string_equal(req.locale, "fr");
    assert_string_equal(req.note, "welcome");
    assert_int_equal(req.nassignments, 2); /* the empty middle row is left out */
    assert_string_equal(req.assignments[0].role_key, "editor");
    assert_null(req.assignments[0].capability_key);
    assert_string_equal(req.assignments[1].capability_key, "dns_record.manage");
    create_request_free(&req);

    char *json = form_preview_json(f, NULL, &err);
    assert_non_null(json);
    assert_string_equal(json,
                        "{\"assignments\":[{\"role_key\":\"editor\"},{\"capability_key\":"
                        "\"dns_record.manage\",\"resource_id\":"
                        "\"3c90c3cc-0d44-4b50-8888-8dd25736052a\"}],\"email\":"
                        "\"ann@example.com\",\"locale\":\"fr\",\"note\":\"welcome\"}");
    free(json);
    form_set(f, "email", "");
    assert_null(form_preview_json(f, NULL, &err));
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    form_free(f);
}

static void marketplace_form(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_marketplace.form);
    struct create_request req;
    struct api_error err;

    api_error_init(&err);
    assert_string_equal(f->fields[0].id, "user.email");
    assert_non_null(form_field(f, "user.firstName"));
    assert_non_null(form_field(f, "groups.0.id"));
    assert_null(form_field(f, "locale"));
    form_set(f, "user.email", "ann@example.com");
    assert_int_equal(form_validate(f), 3); /* names and a group */
    assert_non_null(form_field(f, "user.firstName")->error);
    assert_non_null(form_field(f, "user.lastName")->error);
    assert_non_null(form_field(f, "groups.0.id")->error);
    form_set(f, "user.firstName", "Ann");
    form_set(f, "user.lastName", "Lee");
    form_set(f, "groups.0.id", "UGR-12-34");
    assert_int_equal(form_validate(f), 1);
    form_set(f, "groups.0.id", "UGR-1234-5678");
    form_add_row(f);
    form_add_row(f);
    form_set(f, "groups.2.id", "UGR-0000-0001");
    assert_int_equal(form_validate(f), 0);
    form_to_create_request(f, &req);
    assert_int_equal(req.groups.n, 2);
    assert_string_equal(req.groups.v[1], "UGR-0000-0001");
    assert_string_equal(req.first_name, "Ann");
    create_request_free(&req);
    char *json = form_preview_json(f, ACC, &err);
    assert_string_equal(json, "{\"user\":{\"email\":\"ann@example.com\",\"firstName\":\"Ann\","
                              "\"lastName\":\"Lee\"},\"account\":{\"id\":\"ACC-1234-5678\"},"
                              "\"groups\":[{\"id\":\"UGR-1234-5678\"},{\"id\":\"UGR-0000-0001\"}],"
                              "\"invitation\":{\"status\":\"Invited\"}}");
    free(json);
    api_error_clear(&err);
    form_free(f);
}

/* The sandbox's 422 for a bad e-mail and a bad role (src/sandbox/hb_validate.c). */
static const char hb_422[] =
    "{\"detail\":[{\"loc\":[\"body\",\"email\"],\"msg\":\"value is not a valid email address: "
    "The part after the @-sign is not valid. It should have a period.\",\"type\":\"value_error\"},"
    "{\"loc\":[\"body\",\"assignments\",1,\"role_key\"],\"msg\":\"Value error, unknown role_key\","
    "\"type\":\"value_error\"},"
    "{\"loc\":[\"body\",\"assignments\",0],\"msg\":\"Value error, an assignment needs exactly one "
    "of role_key, capability_key or group_id\",\"type\":\"value_error\"},"
    "{\"loc\":[\"body\",\"color\"],\"msg\":\"Extra inputs are not permitted\","
    "\"type\":\"extra_forbidden\"}]}";

static void hybridbox_422_maps_to_fields(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_hybridbox.form);
    struct api_error err;

    form_set(f, "email", "ann@example");
    form_set(f, "note", "kept");
    form_set(f, "assignments.0.role_key", "editor");
    form_set(f, "assignments.0.capability_key", "x.y");
    form_add_row(f);
    form_set(f, "assignments.1.role_key", "owner");
    api_error_init(&err);
    api_error_from_http(&err, 422, hb_422, strlen(hb_422));
    form_apply_errors(f, &err);
    assert_non_null(strstr(form_field(f, "email")->error, "should have a period"));
    assert_string_equal(form_field(f, "assignments.1.role_key")->error,
                        "Value error, unknown role_key");
    /* A whole-row error sits on the row's first field. */
    assert_non_null(strstr(form_field(f, "assignments.0.role_key")->error, "exactly one"));
    /* Unknown field: kept in the form message with its name, after the summary. */
    assert_non_null(f->message);
    assert_non_null(strstr(f->message, "422"));
    assert_non_null(strstr(f->message, "color: Extra inputs are not permitted"));
    /* Nothing typed was lost. */
    assert_string_equal(form_field(f, "email")->value, "ann@example");
    assert_string_equal(form_field(f, "note")->value, "kept");
    assert_string_equal(form_field(f, "assignments.1.role_key")->value, "owner");
    api_error_clear(&err);
    form_free(f);
}

/* The sandbox's Marketplace 400 (src/sandbox/mp_create.c). */
static const char mp_400[] =
    "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.1\",\"title\":\"One or more "
    "validation errors occurred.\",\"status\":400,\"traceId\":\"00-1-2-00\",\"errors\":{"
    "\"user.firstName\":[\"The FirstName field is required.\"],"
    "\"User.Email\":[\"The Email field is not a valid e-mail address.\"],"
    "\"groups[1].id\":[\"The user group does not exist in the account.\"],"
    "\"groups\":[\"At least one user group is required.\"],"
    "\"account.id\":[\"The account does not exist.\"]}}";

static void marketplace_400_maps_to_fields(void **state)
{
    (void)state;
    struct form *f = form_new_create(provider_marketplace.form);
    struct api_error err;

    form_set(f, "user.email", "ann@example.com");
    form_set(f, "groups.0.id", "UGR-1234-5678");
    form_add_row(f);
    form_set(f, "groups.1.id", "UGR-9999-9999");
    api_error_init(&err);
    api_error_from_http(&err, 400, mp_400, strlen(mp_400));
    form_apply_errors(f, &err);
    assert_string_equal(form_field(f, "user.firstName")->error, "The FirstName field is required.");
    assert_string_equal(form_field(f, "user.email")->error,
                        "The Email field is not a valid e-mail address.");
    assert_string_equal(form_field(f, "groups.1.id")->error,
                        "The user group does not exist in the account.");
    assert_string_equal(form_field(f, "groups.0.id")->error,
                        "At least one user group is required.");
    assert_null(form_field(f, "user.lastName")->error);
    assert_non_null(strstr(f->message, "account.id: The account does not exist."));
    assert_non_null(strstr(f->message, "validation errors"));
    assert_string_equal(form_field(f, "groups.1.id")->value, "UGR-9999-9999");

    /* groups.0.id (dotted) maps the same way. */
    api_error_clear(&err);
    api_error_add_field(&err, "groups.0.id", "bad");
    form_apply_errors(f, &err);
    assert_string_equal(form_field(f, "groups.0.id")->error, "bad");
    assert_null(form_field(f, "user.firstName")->error); /* old errors replaced */
    api_error_clear(&err);
    form_free(f);
}

static void completion(void **state)
{
    (void)state;
    struct strvec out = {0};

    assert_int_equal(form_complete_roles(NULL, &out), 9);
    assert_string_equal(out.v[0], "viewer");
    strvec_free(&out);
    assert_int_equal(form_complete_roles("d", &out), 2);
    assert_string_equal(out.v[0], "domain_manager");
    assert_string_equal(out.v[1], "dns_manager");
    strvec_free(&out);
    assert_int_equal(form_complete_roles("BILLING_", &out), 2);
    strvec_free(&out);
    assert_int_equal(form_complete_roles("zz", &out), 0);

    assert_true(form_complete_locales("", &out) >= 4);
    assert_true(strvec_contains(&out, "en") && strvec_contains(&out, "fr"));
    strvec_free(&out);
    assert_int_equal(form_complete_locales("F", &out), 1);
    assert_string_equal(out.v[0], "fr");
    strvec_free(&out);

    const char *caps[] = {"dns_record.manage", "domain.view", "dns_record.manage", "account.view"};
    assert_int_equal(form_complete_prefix(caps, ARRAY_SIZE(caps), "d", &out), 2);
    strvec_free(&out);

    struct group_list gl = {0};
    struct group g1 = {.id = xstrdup("UGR-1111-2222"), .name = xstrdup("Admins")};
    struct group g2 = {.id = xstrdup("UGR-3333-4444"), .name = xstrdup("Buyers")};
    group_list_push(&gl, &g1);
    group_list_push(&gl, &g2);
    assert_int_equal(form_complete_groups(&gl, "adm", &out), 1);
    assert_string_equal(out.v[0], "UGR-1111-2222");
    strvec_free(&out);
    assert_int_equal(form_complete_groups(&gl, "UGR-3", &out), 1);
    strvec_free(&out);
    assert_int_equal(form_complete_groups(&gl, NULL, &out), 2);
    strvec_free(&out);
    group_list_free(&gl);
}

static void push_inv(struct invitation_list *l, const char *id, const char *raw)
{
    struct invitation inv = {0};
    inv.id = xstrdup(id);
    inv.account_id = xstrdup("acc");
    inv.email = xasprintf("%s@example.com", id);
    inv.raw = raw ? xstrdup(raw) : NULL;
    invitation_list_push(l, &inv);
}

static void capabilities_from_the_store(void **state)
{
    (void)state;
    struct store *s = store_new(PROVIDER_HYBRIDBOX);
    struct invitation_list l = {0};
    struct account_list al = {0};
    struct account a = {.id = xstrdup("acc"), .name = xstrdup("Acc")};
    struct strvec out = {0};

    account_list_push(&al, &a);
    store_set_accounts(s, &al);
    push_inv(&l, "a", "{\"permission_context\":{\"direct_capability_keys\":[\"workspace.manage\"],"
                      "\"resolved_capability_keys\":[\"account.view\",\"workspace.manage\"]},"
                      "\"assignments\":[{\"capability_key\":\"forwarding.manage\"}]}");
    push_inv(&l, "b", "{\"permission_context\":{\"direct_capability_keys\":[],"
                      "\"resolved_capability_keys\":[\"account.view\", 3, \"\"]}}");
    push_inv(&l, "c", "not json");
    push_inv(&l, "d", NULL);
    store_replace_invitations(s, "acc", &l, 1);
    assert_int_equal(form_collect_capabilities(s, "acc", &out), 3);
    assert_string_equal(out.v[0], "account.view");
    assert_string_equal(out.v[1], "forwarding.manage");
    assert_string_equal(out.v[2], "workspace.manage");
    assert_int_equal(form_collect_capabilities(s, "acc", &out), 0); /* no duplicates */
    assert_int_equal(form_collect_capabilities(s, "other", &out), 0);
    strvec_free(&out);
    store_free(s);
}

/* ---- a third, made-up provider's form: form.c must need nothing else ---- */

static int fake_validate_calls;

static const struct form_desc_field fake_fixed[] = {
    {"nickname", "Nickname", FORM_TEXT, FORM_COMPLETE_NONE, true},
    {"contact.email", "Mail", FORM_EMAIL, FORM_COMPLETE_NONE, true},
    {"lang", "Language", FORM_LOCALE, FORM_COMPLETE_LOCALES, false},
};

static const struct form_desc_field fake_row[] = {
    {"name", "Tag", FORM_TEXT, FORM_COMPLETE_NONE, false},
    {"color", "Colour", FORM_TEXT, FORM_COMPLETE_NONE, false},
};

static int fake_validate(struct form *f)
{
    struct form_field *tag = form_field(f, "tags.0.name");

    fake_validate_calls++;
    if (strcmp(tag->value, "bad") != 0)
        return 0;
    form_field_error(tag, "no bad tags");
    return 1;
}

/* The nickname goes in the note, every tag name in groups. */
static void fake_to_request(const struct form *f, struct create_request *out)
{
    out->note = form_value(f, "nickname");
    for (size_t i = 0; i < f->nfields; i++) {
        char *v = f->fields[i].row >= 0 && strstr(f->fields[i].id, ".name")
                      ? form_trimmed(f->fields[i].value)
                      : NULL;
        if (v)
            strvec_push_owned(&out->groups, v);
    }
}

static char *fake_body(const struct create_request *req, const char *account_id,
                       struct api_error *err)
{
    (void)err;
    return xasprintf("%s|%s|%s|%zu", account_id, req->email ? req->email : "-",
                     req->note ? req->note : "-", req->groups.n);
}

static char *fake_url(const struct profile *p, const char *account_id, struct api_error *err)
{
    (void)err;
    return xasprintf("%s/fake/%s", p->base_url, account_id);
}

static const struct form_desc fake_form = {
    .fixed = fake_fixed,
    .nfixed = ARRAY_SIZE(fake_fixed),
    .row_prefix = "tags",
    .row = fake_row,
    .nrow = ARRAY_SIZE(fake_row),
    .add_row_label = "Add a tag",
    .remove_row_label = "Remove this tag",
    .bare_prefix = "contact.",
    .validate = fake_validate,
    .to_request = fake_to_request,
    .body = fake_body,
    .url = fake_url,
};

static void a_third_descriptor_builds_the_form(void **state)
{
    (void)state;
    struct form *f = form_new_create(&fake_form);

    assert_ptr_equal(f->desc, &fake_form);
    assert_int_equal(f->nrows, 1);
    assert_int_equal(f->nfields, 5);
    assert_string_equal(f->fields[0].id, "nickname");
    assert_string_equal(f->fields[3].id, "tags.0.name");
    assert_string_equal(f->fields[4].id, "tags.0.color");
    assert_string_equal(f->fields[4].label, "Colour");
    assert_int_equal(f->fields[4].row, 0);
    assert_true(form_completes_from(f, FORM_COMPLETE_LOCALES));
    assert_false(form_completes_from(f, FORM_COMPLETE_GROUPS));
    form_prefill_locale(f, "de");
    assert_string_equal(form_field(f, "lang")->value, "de");
    form_prefill_locale(f, NULL);
    assert_string_equal(form_field(f, "lang")->value, "de");

    assert_int_equal(form_add_row(f), 1);
    assert_int_equal(form_add_row(f), 2);
    form_set(f, "tags.2.color", "blue");
    assert_int_equal(form_remove_row(f, 1), 0);
    assert_null(form_field(f, "tags.2.color"));
    assert_string_equal(form_field(f, "tags.1.color")->value, "blue");
    assert_int_equal(form_field(f, "tags.1.name")->row, 1);
    form_free(f);
}

static void a_third_descriptor_validates_and_builds(void **state)
{
    (void)state;
    struct form *f = form_new_create(&fake_form);
    struct create_request req;
    struct api_error err;

    /* The e-mail is found by its kind, not its place; required fields are
     * checked from the descriptor's flags; then the descriptor's own check. */
    fake_validate_calls = 0;
    assert_int_equal(form_validate(f), 2);
    assert_int_equal(fake_validate_calls, 1);
    assert_string_equal(form_field(f, "contact.email")->error, "Required.");
    assert_string_equal(form_field(f, "nickname")->error, "Required.");
    assert_non_null(f->message);
    form_set(f, "contact.email", "ann@example");
    form_set(f, "nickname", " Ann ");
    form_set(f, "tags.0.name", "bad");
    assert_int_equal(form_validate(f), 2);
    assert_string_equal(form_field(f, "tags.0.name")->error, "no bad tags");
    form_set(f, "contact.email", "ann@example.com");
    form_set(f, "tags.0.name", "red");
    form_add_row(f);
    form_set(f, "tags.1.name", "green");
    assert_int_equal(form_validate(f), 0);
    assert_null(f->message);

    form_to_create_request(f, &req);
    assert_string_equal(req.email, "ann@example.com");
    assert_string_equal(req.note, "Ann");
    assert_int_equal(req.groups.n, 2);
    create_request_free(&req);
    api_error_init(&err);
    char *body = form_preview_json(f, "A1", &err);
    assert_string_equal(body, "A1|ann@example.com|Ann|2");
    free(body);

    /* Server errors find the descriptor's fields: a bare name through its
     * prefix, a whole row through its row prefix. */
    api_error_set(&err, API_ERR_HTTP, "invalid");
    api_error_add_field(&err, "email", "taken");
    api_error_add_field(&err, "tags[1]", "duplicate");
    api_error_add_field(&err, "groups", "elsewhere");
    form_apply_errors(f, &err);
    assert_string_equal(form_field(f, "contact.email")->error, "taken");
    assert_string_equal(form_field(f, "tags.1.name")->error, "duplicate");
    assert_non_null(strstr(f->message, "groups: elsewhere"));
    assert_string_equal(form_field(f, "tags.1.name")->value, "green");
    api_error_clear(&err);
    form_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hybridbox_form_has_fields_and_rows),
        cmocka_unit_test(email_shapes),
        cmocka_unit_test(hybridbox_validation),
        cmocka_unit_test(hybridbox_request_and_preview),
        cmocka_unit_test(marketplace_form),
        cmocka_unit_test(hybridbox_422_maps_to_fields),
        cmocka_unit_test(marketplace_400_maps_to_fields),
        cmocka_unit_test(completion),
        cmocka_unit_test(capabilities_from_the_store),
        cmocka_unit_test(a_third_descriptor_builds_the_form),
        cmocka_unit_test(a_third_descriptor_validates_and_builds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
