#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/util.h"

/* The action core against a fake provider: its rules are data here, so
 * every answer of the core must come from the ops, never from a provider
 * name. */

static const time_t NOW = 1795420800;
static int calls;
static const char *last_locale;

static unsigned fake_actions(const struct invitation *inv, time_t now)
{
    (void)now;
    if (strcmp(inv->raw_status, "open") == 0)
        return INV_ACTION_RESEND;
    if (strcmp(inv->raw_status, "gone") == 0)
        return INV_ACTION_SEND_NEW;
    return 0;
}

static const char *fake_refusal(const struct invitation *inv, enum inv_action action,
                                time_t now)
{
    if (fake_actions(inv, now) & action)
        return NULL;
    if (strcmp(inv->raw_status, "silent") == 0)
        return NULL; /* a provider without a reason: the core has a default */
    return action == INV_ACTION_RESEND ? "fake: cannot resend" : "fake: cannot send new";
}

static int fake_resend(const struct provider_ctx *ctx, const struct invitation *target,
                       const char *locale, struct invitation *out, struct api_error *err)
{
    (void)ctx;
    (void)err;
    calls++;
    last_locale = locale;
    invitation_copy(out, target);
    return 0;
}

static int fake_send_new(const struct provider_ctx *ctx, const struct invitation *target,
                         struct invitation *out, struct api_error *err)
{
    (void)ctx;
    (void)err;
    calls++;
    invitation_copy(out, target);
    return 0;
}

static struct provider_ops fake = {
    .name = "fakebox",
    .takes_locale = true,
    .resend = fake_resend,
    .send_new = fake_send_new,
    .actions = fake_actions,
    .action_refusal = fake_refusal,
};

static struct invitation inv_of(const char *status)
{
    struct invitation inv = {0};
    inv.id = xstrdup("id-1");
    inv.account_id = xstrdup("ACC-1");
    inv.email = xstrdup("a\x1b[31m@example.com");
    inv.raw_status = xstrdup(status);
    return inv;
}

static struct profile make_profile(bool production, bool read_only)
{
    struct profile p = {0};
    p.name = (char *)"prof";
    p.production = production;
    p.read_only = read_only;
    return p;
}

static void refusals_come_from_the_provider(void **state)
{
    (void)state;
    struct invitation open = inv_of("open"), gone = inv_of("gone"), silent = inv_of("silent");

    assert_null(action_refusal(&fake, &open, INV_ACTION_RESEND, NOW));
    assert_string_equal(action_refusal(&fake, &open, INV_ACTION_SEND_NEW, NOW),
                        "fake: cannot send new");
    assert_null(action_refusal(&fake, &gone, INV_ACTION_SEND_NEW, NOW));
    assert_string_equal(action_refusal(&fake, &gone, INV_ACTION_RESEND, NOW),
                        "fake: cannot resend");
    /* Not allowed and no reason given: still refused, with a sentence. */
    const char *why = action_refusal(&fake, &silent, INV_ACTION_RESEND, NOW);
    assert_non_null(why);
    assert_true(strlen(why) > 0);
    invitation_free(&open);
    invitation_free(&gone);
    invitation_free(&silent);
}

static void real_providers_refuse_per_status(void **state)
{
    (void)state;
    struct invitation inv = inv_of("expired");

    /* Hybridbox has no send new: for an expired invitation the reason must
     * not send the user to resend, which refuses it too (defect 6). */
    const char *why = action_refusal(&provider_hybridbox, &inv, INV_ACTION_SEND_NEW, NOW);
    assert_non_null(why);
    assert_null(strstr(why, "resend it"));
    assert_non_null(strstr(why, "create a new invitation"));
    assert_non_null(action_refusal(&provider_hybridbox, &inv, INV_ACTION_RESEND, NOW));
    free(inv.raw_status);
    inv.raw_status = xstrdup("pending");
    assert_null(action_refusal(&provider_hybridbox, &inv, INV_ACTION_RESEND, NOW));
    /* ... while for a pending one resend is what works */
    why = action_refusal(&provider_hybridbox, &inv, INV_ACTION_SEND_NEW, NOW);
    assert_non_null(strstr(why, "resend it"));
    free(inv.raw_status);
    inv.raw_status = xstrdup("InvitationExpired");
    assert_null(action_refusal(&provider_marketplace, &inv, INV_ACTION_SEND_NEW, NOW));
    assert_non_null(action_refusal(&provider_marketplace, &inv, INV_ACTION_RESEND, NOW));
    invitation_free(&inv);
}

static void read_only_has_one_wording(void **state)
{
    (void)state;
    struct profile rw = make_profile(false, false), ro = make_profile(false, true);
    struct api_error err;

    assert_null(action_read_only_refusal(&rw));
    char *why = action_read_only_refusal(&ro);
    assert_non_null(strstr(why, "prof"));
    assert_non_null(strstr(why, "read-only"));
    api_error_init(&err);
    assert_int_equal(action_check_writable(&ro, &err), -1);
    assert_int_equal(err.kind, API_ERR_USAGE);
    assert_string_equal(err.title, why);
    api_error_clear(&err);
    free(why);
}

static void confirmation_names_production_and_locale(void **state)
{
    (void)state;
    struct profile prod = make_profile(true, false), test = make_profile(false, false);
    struct action_scope s = {&prod, &fake, "ACC-1", "Acme"};
    struct strbuf out;

    strbuf_init(&out);
    action_confirm_details(&out, &s, INV_ACTION_RESEND, "fr");
    assert_non_null(strstr(out.data, "Acme (ACC-1)"));
    assert_non_null(strstr(out.data, "prof (fakebox)"));
    assert_non_null(strstr(out.data, "PRODUCTION"));
    assert_non_null(strstr(out.data, "Locale: fr"));
    strbuf_reset(&out);
    s.profile = &test;
    action_confirm_details(&out, &s, INV_ACTION_SEND_NEW, "fr");
    assert_null(strstr(out.data, "PRODUCTION"));
    /* send new takes no locale, even when one was chosen */
    assert_null(strstr(out.data, "Locale: fr"));
    strbuf_reset(&out);
    /* a provider without locales says so in its own words */
    struct provider_ops nolocale = fake;
    nolocale.takes_locale = false;
    nolocale.no_locale = "Locale: never";
    s.ops = &nolocale;
    action_confirm_details(&out, &s, INV_ACTION_RESEND, "fr");
    assert_non_null(strstr(out.data, "Locale: never"));
    strbuf_free(&out);
}

static void question_is_safe_and_counts(void **state)
{
    (void)state;
    struct strbuf out;
    struct provider_ops deprecated = fake;

    strbuf_init(&out);
    action_question(&out, &fake, INV_ACTION_RESEND, "a\x1b[31m@example.com", 1);
    assert_null(strchr(out.data, '\x1b'));
    assert_non_null(strstr(out.data, "@example.com?"));
    strbuf_reset(&out);
    action_question(&out, &fake, INV_ACTION_RESEND, NULL, 3);
    assert_non_null(strstr(out.data, "3"));
    strbuf_reset(&out);
    deprecated.resend_deprecated = true;
    action_question(&out, &deprecated, INV_ACTION_RESEND, "x@y", 1);
    assert_non_null(strstr(out.data, "deprecated"));
    strbuf_free(&out);
}

static void journal_entry_of_an_action(void **state)
{
    (void)state;
    struct profile p = make_profile(false, false);
    struct action_scope s = {&p, &fake, "ACC-1", NULL};
    struct invitation inv = inv_of("open");
    struct journal_entry e;

    action_journal_entry(&e, &s, INV_ACTION_RESEND, &inv, "de");
    assert_string_equal(e.profile, "prof");
    assert_string_equal(e.provider, "fakebox");
    assert_string_equal(e.account_id, "ACC-1");
    assert_string_equal(e.target_id, "id-1");
    assert_int_equal(e.action, JOURNAL_RESEND);
    assert_string_equal(e.locale, "de");
    action_journal_entry(&e, &s, INV_ACTION_SEND_NEW, &inv, "de");
    assert_int_equal(e.action, JOURNAL_SEND_NEW);
    assert_null(e.locale);

    struct create_request req = {0};
    req.email = (char *)"new@example.com";
    req.locale = (char *)"it";
    action_journal_create(&e, &s, &req, NULL);
    assert_int_equal(e.action, JOURNAL_CREATE);
    assert_null(e.target_id);
    assert_string_equal(e.email, "new@example.com");
    assert_string_equal(e.locale, "it");
    action_journal_create(&e, &s, &req, &inv);
    assert_string_equal(e.target_id, "id-1");
    invitation_free(&inv);
}

static void perform_refuses_without_a_call(void **state)
{
    (void)state;
    struct profile rw = make_profile(false, false), ro = make_profile(false, true);
    struct provider_ctx ctx = {.profile = &rw};
    struct invitation open = inv_of("open"), out = {0};
    struct api_error err;

    calls = 0;
    api_error_init(&err);
    assert_int_equal(action_perform(&ctx, &fake, INV_ACTION_SEND_NEW, &open, NULL, &out, &err),
                     -1);
    assert_int_equal(err.kind, API_ERR_STATE);
    assert_string_equal(err.title, "fake: cannot send new");
    api_error_clear(&err);
    ctx.profile = &ro;
    assert_int_equal(action_perform(&ctx, &fake, INV_ACTION_RESEND, &open, "fr", &out, &err), -1);
    assert_int_equal(err.kind, API_ERR_USAGE);
    api_error_clear(&err);
    assert_int_equal(calls, 0);
    ctx.profile = &rw;
    assert_int_equal(action_perform(&ctx, &fake, INV_ACTION_RESEND, &open, "fr", &out, &err), 0);
    assert_int_equal(calls, 1);
    assert_string_equal(last_locale, "fr");
    invitation_free(&out);
    fake.takes_locale = false;
    assert_int_equal(action_perform(&ctx, &fake, INV_ACTION_RESEND, &open, "fr", &out, &err), 0);
    fake.takes_locale = true;
    assert_null(last_locale);
    invitation_free(&out);
    invitation_free(&open);
}

/* A journal list as journal_read_newest_first gives it, newest first. */
static struct journal_record sent(const char *profile, const char *id, const char *action,
                                  const char *result, time_t ago)
{
    struct journal_record r = {0};
    r.time = NOW - ago;
    r.profile = (char *)profile;
    r.target_id = (char *)id;
    r.action = (char *)action;
    r.result = (char *)result;
    return r;
}

static void recent_send_guard_decides_from_the_journal(void **state)
{
    (void)state;
    struct journal_record v[] = {
        sent("hb", "inv-1", "resend", "ok", 5 * 60),
        sent("hb", "inv-2", "resend", "failed", 60),
        sent("other", "inv-3", "resend", "ok", 60),
        sent("hb", "inv-4", "groups", "ok", 60),
        sent("hb", "inv-5", "create", "ok", 60),
        sent("hb", "inv-6", "send-new", "unknown", 60),
        sent("hb", "inv-7", "send-new", "ok", 20 * 60),
        sent("hb", "inv-1", "create", "ok", 30 * 60),
    };
    struct journal_list l = {v, ARRAY_SIZE(v), ARRAY_SIZE(v)};
    const long guard = 15 * 60;

    /* Within the window: the newest matching send is the answer. */
    assert_ptr_equal(action_recent_send(&l, "hb", "inv-1", guard, NOW), &v[0]);
    /* Outside it: the older create of inv-1 and the send-new of inv-7. */
    assert_null(action_recent_send(&l, "hb", "inv-1", 4 * 60, NOW));
    assert_null(action_recent_send(&l, "hb", "inv-7", guard, NOW));
    assert_ptr_equal(action_recent_send(&l, "hb", "inv-7", 21 * 60, NOW), &v[6]);
    /* A failed or unknown attempt sent nothing known; a group change is no e-mail. */
    assert_null(action_recent_send(&l, "hb", "inv-2", guard, NOW));
    assert_null(action_recent_send(&l, "hb", "inv-6", guard, NOW));
    assert_null(action_recent_send(&l, "hb", "inv-4", guard, NOW));
    /* Another profile's send is not this profile's. */
    assert_null(action_recent_send(&l, "hb", "inv-3", guard, NOW));
    assert_ptr_equal(action_recent_send(&l, "other", "inv-3", guard, NOW), &v[2]);
    /* A create is a send. */
    assert_ptr_equal(action_recent_send(&l, "hb", "inv-5", guard, NOW), &v[4]);
    /* resend_guard = 0 turns it off. */
    assert_null(action_recent_send(&l, "hb", "inv-1", 0, NOW));
    assert_null(action_recent_send(&l, "hb", NULL, guard, NOW));
    assert_null(action_recent_send(NULL, "hb", "inv-1", guard, NOW));
    /* Only resend and send-new are guarded. */
    assert_true(action_guarded(INV_ACTION_RESEND));
    assert_true(action_guarded(INV_ACTION_SEND_NEW));
    assert_false(action_guarded(INV_ACTION_CREATE));
    assert_false(action_guarded(INV_ACTION_GROUPS));
}

static void recent_send_text_says_when_and_from_where(void **state)
{
    (void)state;
    struct journal_record r = sent("hb", "inv-1", "resend", "ok", 3 * 60);
    struct strbuf sb;

    strbuf_init(&sb);
    r.ticket = "HD-7";
    action_recent_send_text(&sb, "ann@example.com\x1b[2J", &r, NOW);
    assert_non_null(strstr(sb.data, "ann@example.com"));
    assert_null(strchr(sb.data, '\x1b'));
    assert_non_null(strstr(sb.data, "3 minutes ago"));
    assert_non_null(strstr(sb.data, "from this machine"));
    assert_non_null(strstr(sb.data, "HD-7"));
    strbuf_free(&sb);
}

static void tickets_are_checked(void **state)
{
    (void)state;
    struct profile p = {.name = "hb"};

    assert_null(action_ticket_problem("HD-1234"));
    assert_non_null(action_ticket_problem(""));
    assert_non_null(action_ticket_problem(NULL));
    assert_non_null(action_ticket_problem("HD\n1"));
    assert_non_null(action_ticket_problem("HD\x1b[1m"));
    char long_one[70];
    memset(long_one, 'x', sizeof(long_one) - 1);
    long_one[sizeof(long_one) - 1] = '\0';
    assert_non_null(action_ticket_problem(long_one));
    long_one[64] = '\0';
    assert_null(action_ticket_problem(long_one));
    assert_null(action_ticket_problem("Ünïcödé-№1"));
    assert_false(action_ticket_missing(&p, NULL));
    p.ticket_required = true;
    assert_true(action_ticket_missing(&p, NULL));
    assert_true(action_ticket_missing(&p, ""));
    assert_false(action_ticket_missing(&p, "HD-1"));

    struct strbuf sb;
    strbuf_init(&sb);
    action_confirm_ticket(&sb, NULL);
    assert_int_equal(sb.len, 0);
    action_confirm_ticket(&sb, "HD-\x1b[2J1");
    assert_non_null(strstr(sb.data, "Ticket: HD-"));
    assert_null(strchr(sb.data, '\x1b'));
    strbuf_free(&sb);
}

static void duplicate_guard_finds_the_pending_one(void **state)
{
    (void)state;
    struct invitation v[3] = {0};
    struct invitation_list l = {v, 3, 3};
    struct strbuf sb;

    v[0].id = "old", v[0].email = "ann@example.com", v[0].status = INV_STATUS_EXPIRED;
    v[1].id = "acc", v[1].email = "ann@example.com", v[1].status = INV_STATUS_ACCEPTED;
    v[2].id = "bob", v[2].email = "bob@example.com", v[2].status = INV_STATUS_PENDING;
    /* An expired or accepted invitation is no reason not to invite. */
    assert_null(action_pending_for(&l, "ann@example.com"));
    assert_ptr_equal(action_pending_for(&l, "BOB@example.com"), &v[2]);
    assert_null(action_pending_for(&l, "bo@example.com"));
    assert_null(action_pending_for(&l, NULL));
    assert_null(action_pending_for(NULL, "bob@example.com"));
    strbuf_init(&sb);
    action_pending_text(&sb, &v[2]);
    assert_string_equal(sb.data,
                        "bob@example.com already has a pending invitation in this account (bob).");
    strbuf_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refusals_come_from_the_provider),
        cmocka_unit_test(real_providers_refuse_per_status),
        cmocka_unit_test(read_only_has_one_wording),
        cmocka_unit_test(confirmation_names_production_and_locale),
        cmocka_unit_test(question_is_safe_and_counts),
        cmocka_unit_test(journal_entry_of_an_action),
        cmocka_unit_test(perform_refuses_without_a_call),
        cmocka_unit_test(recent_send_guard_decides_from_the_journal),
        cmocka_unit_test(recent_send_text_says_when_and_from_where),
        cmocka_unit_test(tickets_are_checked),
        cmocka_unit_test(duplicate_guard_finds_the_pending_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
