#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "invitui/bulk.h"
#include "invitui/journal.h"
#include "invitui/store.h"
#include "invitui/util.h"
#include "invitui/worker.h"

#define DEADLINE_MS 5000
#define NTARGETS 64

static const time_t NOW = 1795420800;

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---- a fake provider: no network, behaviour chosen by the e-mail ---- */

static atomic_int calls[NTARGETS];   /* per target number (the id's digits) */
static atomic_int running, max_running;
static atomic_int gate_open;         /* "block-" targets wait for this (or cancel) */

static int target_no(const struct invitation *inv)
{
    return atoi(strrchr(inv->id, '-') + 1) % NTARGETS;
}

static int fake_action(const struct provider_ctx *ctx, const struct invitation *target,
                       struct invitation *out, struct api_error *err)
{
    int r = atomic_fetch_add(&running, 1) + 1;
    int m = atomic_load(&max_running);
    while (r > m && !atomic_compare_exchange_weak(&max_running, &m, r))
        ;
    atomic_fetch_add(&calls[target_no(target)], 1);
    int rc = 0;
    if (strncmp(target->email, "block", 5) == 0) {
        long end = now_ms() + DEADLINE_MS;
        while (!atomic_load(&gate_open) && !(ctx->cancel && *ctx->cancel) && now_ms() < end)
            usleep(1000);
        if (ctx->cancel && *ctx->cancel) {
            rc = api_error_set(err, API_ERR_CANCELLED, "cancelled");
            goto out;
        }
    }
    if (strncmp(target->email, "fail", 4) == 0) {
        static const char body[] = "{\"detail\":\"duplicate pending invitation\"}";
        api_error_from_http(err, 409, body, strlen(body));
        rc = -1;
    } else if (strncmp(target->email, "maybe", 5) == 0) {
        rc = api_error_set(err, API_ERR_TIMEOUT, "timed out");
        err->maybe_sent = true;
    } else {
        invitation_copy(out, target);
        free(out->raw_status);
        out->raw_status = xstrdup("pending-again");
    }
out:
    atomic_fetch_sub(&running, 1);
    return rc;
}

static int fake_resend(const struct provider_ctx *ctx, const struct invitation *target,
                       const char *locale, struct invitation *out, struct api_error *err)
{
    (void)locale;
    return fake_action(ctx, target, out, err);
}

static struct provider_ops fake_hb, fake_mp;

static int setup(void **state)
{
    (void)state;
    fake_hb = provider_hybridbox;
    fake_hb.resend = fake_resend;
    fake_hb.send_new = fake_action;
    fake_mp = provider_marketplace;
    fake_mp.resend = fake_resend;
    fake_mp.send_new = fake_action;
    return 0;
}

static void reset_counters(void)
{
    for (int i = 0; i < NTARGETS; i++)
        atomic_store(&calls[i], 0);
    atomic_store(&running, 0);
    atomic_store(&max_running, 0);
    atomic_store(&gate_open, 0);
}

static struct invitation make_inv(enum provider_kind kind, int n, const char *raw_status,
                                  time_t expires_at, const char *email_prefix)
{
    struct invitation inv = {0};
    inv.id = kind == PROVIDER_HYBRIDBOX ? xasprintf("00000000-0000-4000-8000-%012d", n)
                                        : xasprintf("AUSR-0000-0000-%04d", n);
    inv.account_id = xstrdup(kind == PROVIDER_HYBRIDBOX ? "3c90c3cc-0d44-4b50-8888-8dd25736052a"
                                                        : "ACC-1234-5678");
    inv.email = xasprintf("%s%d@example.com", email_prefix, n);
    inv.raw_status = xstrdup(raw_status);
    inv.expires_at = expires_at;
    invitation_set_status(&inv, kind, NOW);
    return inv;
}

/* ---- plans ---- */

static void hybridbox_eligibility(void **state)
{
    (void)state;
    struct bulk_plan p;
    const char *raw[] = {"pending", "pending", "pending", "accepted", "revoked", "expired"};
    time_t exp[] = {NOW + 3600, NOW + 7200, NOW - 10, 0, 0, NOW - 3600};

    bulk_plan_init(&p, INV_ACTION_RESEND, "fr");
    for (int i = 0; i < 6; i++) {
        struct invitation inv = make_inv(PROVIDER_HYBRIDBOX, i, raw[i], exp[i], "ok");
        bulk_plan_add(&p, &provider_hybridbox, &inv, NOW);
        invitation_free(&inv);
    }
    /* Three pending (one past its expiry: the server still says pending);
     * the three others are skipped. */
    assert_int_equal(p.neligible, 3);
    assert_int_equal(p.nskipped, 3);
    assert_string_equal(p.locale, "fr");
    for (size_t i = 0; i < p.nskipped; i++)
        assert_true(p.skipped[i].reason && *p.skipped[i].reason);
    bulk_plan_free(&p);

    bulk_plan_init(&p, INV_ACTION_SEND_NEW, NULL);
    struct invitation inv = make_inv(PROVIDER_HYBRIDBOX, 1, "pending", NOW + 60, "ok");
    bulk_plan_add(&p, &provider_hybridbox, &inv, NOW);
    invitation_free(&inv);
    assert_int_equal(p.neligible, 0);
    assert_int_equal(p.nskipped, 1);
    bulk_plan_free(&p);
}

static void marketplace_eligibility(void **state)
{
    (void)state;
    const char *raw[] = {"Invited", "Invited", "InvitationExpired", "Invitation Expired",
                         "Active", "Disabled"};
    time_t exp[] = {NOW + 3600, NOW - 60, NOW - 60, NOW - 60, 0, 0};
    struct bulk_plan resend, send_new;

    bulk_plan_init(&resend, INV_ACTION_RESEND, NULL);
    bulk_plan_init(&send_new, INV_ACTION_SEND_NEW, NULL);
    for (int i = 0; i < 6; i++) {
        struct invitation inv = make_inv(PROVIDER_MARKETPLACE, i, raw[i], exp[i], "ok");
        bulk_plan_add(&resend, &provider_marketplace, &inv, NOW);
        bulk_plan_add(&send_new, &provider_marketplace, &inv, NOW);
        invitation_free(&inv);
    }
    /* The server's status decides: both Invited rows (one past its computed
     * expiry) are resent; send-new takes only what the server calls expired. */
    assert_int_equal(resend.neligible, 2);
    assert_int_equal(resend.nskipped, 4);
    assert_int_equal(send_new.neligible, 2);
    assert_int_equal(send_new.nskipped, 4);
    assert_string_equal(send_new.skipped[0].inv.raw_status, "Invited");
    assert_string_equal(send_new.skipped[1].inv.raw_status, "Invited");
    bulk_plan_free(&resend);
    bulk_plan_free(&send_new);
}

static void plan_from_marks(void **state)
{
    (void)state;
    struct store *s = store_new(PROVIDER_MARKETPLACE);
    struct account_list al = {0};
    struct account a = {.id = xstrdup("ACC-1234-5678"), .name = xstrdup("A")};
    struct invitation_list l = {0};
    struct bulk_plan p;

    account_list_push(&al, &a);
    store_set_accounts(s, &al);
    for (int i = 0; i < 4; i++) {
        struct invitation inv =
            make_inv(PROVIDER_MARKETPLACE, i, i < 3 ? "Invited" : "Active", NOW + 3600, "ok");
        invitation_list_push(&l, &inv);
    }
    store_replace_invitations(s, "ACC-1234-5678", &l, NOW);
    store_mark_set(s, "ACC-1234-5678", "AUSR-0000-0000-0001", true);
    store_mark_set(s, "ACC-1234-5678", "AUSR-0000-0000-0003", true);
    bulk_plan_init(&p, INV_ACTION_RESEND, NULL);
    assert_int_equal(bulk_plan_from_marks(&p, s, "ACC-1234-5678", &provider_marketplace, NOW), 2);
    assert_int_equal(p.neligible, 1);
    assert_int_equal(p.nskipped, 1);
    assert_string_equal(p.eligible[0].inv.id, "AUSR-0000-0000-0001");
    bulk_plan_free(&p);
    store_free(s);
}

/* ---- pure stepping ---- */

static void stepping_respects_limit_and_counts(void **state)
{
    (void)state;
    struct bulk_plan p;
    struct bulk_run run;
    struct api_error err;
    size_t idx;

    bulk_plan_init(&p, INV_ACTION_RESEND, NULL);
    for (int i = 0; i < 5; i++) {
        struct invitation inv = make_inv(PROVIDER_HYBRIDBOX, i, "pending", NOW + 60, "ok");
        bulk_plan_add(&p, &provider_hybridbox, &inv, NOW);
        invitation_free(&inv);
    }
    bulk_run_init(&run, &p, &fake_hb, NULL, 2);
    assert_int_equal(p.neligible, 0); /* moved */
    assert_int_equal(run.n, 5);
    assert_true(bulk_run_next(&run, &idx) && idx == 0);
    assert_true(bulk_run_next(&run, &idx) && idx == 1);
    assert_false(bulk_run_next(&run, &idx)); /* the limit */
    assert_int_equal(bulk_run_in_flight(&run), 2);
    bulk_run_finish(&run, 0, 0, NULL);
    api_error_init(&err);
    static const char dup[] =
        "{\"detail\":\"duplicate\",\"traceId\":"
        "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00\",\"instance\":\"/x/1\"}";
    api_error_from_http(&err, 409, dup, strlen(dup));
    bulk_run_finish(&run, 1, -1, &err);
    api_error_clear(&err); /* the job's error goes with the job */
    bulk_run_finish(&run, 1, 0, NULL); /* twice: ignored */
    assert_int_equal(run.ok, 1);
    assert_int_equal(run.failed, 1);
    assert_int_equal(run.targets[1].http_status, 409);
    assert_non_null(strstr(run.targets[1].reason, "duplicate"));
    /* The target keeps the whole error for the full-error view. */
    assert_non_null(strstr(run.targets[1].reason, "(trace 4bf92f35…)"));
    assert_int_equal(run.targets[1].err.kind, API_ERR_HTTP);
    assert_string_equal(run.targets[1].err.detail, "duplicate");
    assert_string_equal(run.targets[1].err.trace_id,
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    assert_string_equal(run.targets[1].err.instance, "/x/1");
    assert_int_equal(run.targets[0].err.kind, API_OK);
    assert_int_equal(bulk_run_done(&run), 2);
    assert_true(bulk_run_next(&run, &idx) && idx == 2);
    bulk_run_cancel(&run);
    assert_false(bulk_run_next(&run, &idx));
    assert_int_equal(run.cancelled, 2); /* 3 and 4 never started */
    assert_false(bulk_run_finished(&run)); /* 2 still in flight */
    bulk_run_finish(&run, 2, 0, NULL);
    assert_true(bulk_run_finished(&run));

    struct bulk_plan retry;
    assert_int_equal(bulk_retry_failed(&run, false, &retry), 1);
    assert_string_equal(retry.eligible[0].inv.id, run.targets[1].inv.id);
    assert_int_equal(retry.eligible[0].state, BULK_QUEUED);
    bulk_plan_free(&retry);
    api_error_clear(&err);
    bulk_run_free(&run);
    bulk_plan_free(&p);
}

/* A failure's reason is made display-safe when it is set: the result list
 * and the journal view print it as it is. */
static void reasons_are_display_safe(void **state)
{
    (void)state;
    struct bulk_plan p;
    struct bulk_run run;
    struct api_error err;
    size_t idx;

    bulk_plan_init(&p, INV_ACTION_RESEND, NULL);
    struct invitation inv = make_inv(PROVIDER_HYBRIDBOX, 0, "pending", NOW + 60, "ok");
    bulk_plan_add(&p, &provider_hybridbox, &inv, NOW);
    invitation_free(&inv);
    bulk_run_init(&run, &p, &fake_hb, NULL, 1);
    assert_true(bulk_run_next(&run, &idx) && idx == 0);
    api_error_init(&err);
    api_error_set(&err, API_ERR_NETWORK, "%s", "reset by \x1b]52;c;AAAA\x07peer\x1b[2J\xc2\x9b" "1m\n2");
    bulk_run_finish(&run, 0, -1, &err);
    const char *r = run.targets[0].reason;
    assert_non_null(r);
    assert_non_null(strstr(r, "peer"));
    for (const unsigned char *c = (const unsigned char *)r; *c; c++) {
        assert_true(*c >= 0x20 && *c != 0x7f);
        if (c[0] == 0xc2)
            assert_true(c[1] >= 0xa0); /* no C1 control */
    }
    api_error_clear(&err);
    bulk_run_free(&run);
    bulk_plan_free(&p);
}

/* ---- through a real worker ---- */

static void *fake_thread_init(void *arg)
{
    return arg; /* stands in for the thread's HTTP client: the fake never uses it */
}

struct collected {
    size_t results, responses;
    struct invitation last;
};

static void on_result(struct bulk_run *run, size_t index, struct invitation *response, void *ctx)
{
    struct collected *c = ctx;
    (void)run;
    (void)index;
    c->results++;
    if (response) {
        c->responses++;
        invitation_move(&c->last, response); /* what store_upsert_invitation does */
    }
}

static bool drive(struct worker *w, struct bulk_run *run)
{
    long end = now_ms() + DEADLINE_MS;
    while (!bulk_run_finished(run)) {
        struct pollfd pfd = {.fd = worker_wake_fd(w), .events = POLLIN};
        long left = end - now_ms();
        if (left <= 0)
            return false;
        if (poll(&pfd, 1, (int)left) == 1)
            worker_drain(w);
    }
    return true;
}

static struct worker *fake_worker(int threads)
{
    static int dummy;
    struct worker_options wo = {
        .nthreads = threads, .thread_init = fake_thread_init, .thread_fini = NULL, .arg = &dummy};
    return worker_new_opts(&wo);
}

static void run_through_worker(void **state)
{
    (void)state;
    struct bulk_plan p;
    struct bulk_run run;
    struct collected c = {0};
    struct worker *w = fake_worker(8);
    char *jpath = xasprintf("%s/bulk-journal.%ld.jsonl",
                            getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    const char *kinds[] = {"ok", "fail", "ok", "maybe", "ok", "fail", "ok", "ok", "ok", "ok"};

    reset_counters();
    unlink(jpath);
    bulk_plan_init(&p, INV_ACTION_SEND_NEW, NULL);
    for (int i = 0; i < 10; i++) {
        struct invitation inv =
            make_inv(PROVIDER_MARKETPLACE, i, "InvitationExpired", NOW - 60, kinds[i]);
        bulk_plan_add(&p, &fake_mp, &inv, NOW);
        invitation_free(&inv);
    }
    assert_int_equal(p.neligible, 10);
    bulk_run_init(&run, &p, &fake_mp, NULL, 3);
    run.on_result = on_result;
    run.ctx = &c;
    run.journal_path = jpath;
    assert_int_equal(bulk_run_pump(&run, w), 3);
    assert_true(drive(w, &run));
    assert_int_equal(run.ok, 7);
    assert_int_equal(run.failed, 3);
    assert_int_equal(c.results, 10);
    assert_int_equal(c.responses, 7);
    assert_string_equal(c.last.raw_status, "pending-again");
    assert_true(atomic_load(&max_running) <= 3); /* the run's limit, not the 8 threads */
    assert_int_equal(run.targets[1].state, BULK_FAILED);
    assert_int_equal(run.targets[1].http_status, 409);
    assert_false(run.targets[1].maybe_sent);
    assert_true(run.targets[3].maybe_sent);
    for (int i = 0; i < 10; i++)
        assert_int_equal(atomic_load(&calls[i]), 1);

    /* Pumping a finished run submits nothing: failures are not retried. */
    assert_int_equal(bulk_run_pump(&run, w), 0);
    assert_int_equal(worker_in_flight(w), 0);
    for (int i = 0; i < 10; i++)
        assert_int_equal(atomic_load(&calls[i]), 1);

    /* Every attempt is in the journal, the maybe-sent one as unknown. */
    struct journal_list jl = {0};
    struct api_error err;
    api_error_init(&err);
    assert_int_equal(journal_read_newest_first(jpath, 100, &jl, &err), 0);
    assert_int_equal(jl.n, 10);
    size_t unknown = 0, failed = 0;
    for (size_t i = 0; i < jl.n; i++) {
        assert_string_equal(jl.v[i].action, "send-new");
        unknown += strcmp(jl.v[i].result, "unknown") == 0;
        failed += strcmp(jl.v[i].result, "failed") == 0;
    }
    assert_int_equal(unknown, 1);
    assert_int_equal(failed, 2);
    journal_list_free(&jl);

    /* Only when asked: "retry failed" is the two definite failures; the one
     * that may have been sent needs its own plan (its own question). */
    struct bulk_plan retry;
    struct bulk_run run2;
    assert_int_equal(bulk_run_unknown(&run), 1);
    assert_int_equal(bulk_retry_failed(&run, false, &retry), 2);
    assert_int_equal(retry.nmaybe_sent, 0);
    assert_int_equal(retry.action, INV_ACTION_SEND_NEW);
    bulk_run_init(&run2, &retry, &fake_mp, NULL, 3);
    bulk_run_pump(&run2, w);
    assert_true(drive(w, &run2));
    assert_int_equal(run2.failed, 2);
    assert_int_equal(atomic_load(&calls[1]), 2);
    assert_int_equal(atomic_load(&calls[3]), 1); /* the unknown one: not again */
    assert_int_equal(atomic_load(&calls[5]), 2);
    assert_int_equal(atomic_load(&calls[0]), 1);
    bulk_run_free(&run2);
    bulk_plan_free(&retry);
    assert_int_equal(bulk_retry_failed(&run, true, &retry), 1);
    assert_int_equal(retry.nmaybe_sent, 1);
    assert_string_equal(retry.eligible[0].inv.id, run.targets[3].inv.id);

    bulk_plan_free(&retry);
    bulk_run_free(&run);
    bulk_plan_free(&p);
    invitation_free(&c.last);
    worker_free(w);
    unlink(jpath);
    free(jpath);
}

/* Esc stops only what has not been sent: the requests already running
 * finish and keep their real result (the server handled them). */
static void cancellation_through_worker(void **state)
{
    (void)state;
    struct bulk_plan p;
    struct bulk_run run;
    struct worker *w = fake_worker(2);

    reset_counters();
    bulk_plan_init(&p, INV_ACTION_RESEND, "de");
    for (int i = 0; i < 6; i++) {
        struct invitation inv = make_inv(PROVIDER_HYBRIDBOX, i, "pending", NOW + 3600,
                                         i < 2 ? "block" : "ok");
        bulk_plan_add(&p, &fake_hb, &inv, NOW);
        invitation_free(&inv);
    }
    /* Three in flight on two threads: two running, one waiting in the worker's queue. */
    bulk_run_init(&run, &p, &fake_hb, NULL, 3);
    assert_int_equal(bulk_run_pump(&run, w), 3);
    long end = now_ms() + DEADLINE_MS;
    while (atomic_load(&running) < 2 && now_ms() < end)
        usleep(1000);
    assert_int_equal(atomic_load(&running), 2);
    bulk_run_cancel(&run);
    assert_int_equal(bulk_run_next(&run, &(size_t){0}), false);
    atomic_store(&gate_open, 1); /* the server answers the two under way */
    assert_true(drive(w, &run));
    assert_int_equal(run.ok, 2);
    assert_int_equal(run.targets[0].state, BULK_OK);
    assert_int_equal(run.targets[1].state, BULK_OK);
    assert_int_equal(run.failed, 0);
    assert_int_equal(run.cancelled, 4);
    for (int i = 2; i < 6; i++) {
        assert_int_equal(run.targets[i].state, BULK_CANCELLED);
        assert_int_equal(atomic_load(&calls[i]), 0); /* never started */
    }
    struct bulk_plan retry;
    assert_int_equal(bulk_retry_failed(&run, false, &retry), 0);
    bulk_plan_free(&retry);
    bulk_run_free(&run);
    bulk_plan_free(&p);
    worker_free(w);
}

static int fake_create(const struct provider_ctx *ctx, const char *account_id,
                       const struct create_request *req, struct invitation *out,
                       struct api_error *err)
{
    (void)ctx;
    if (strchr(req->email, '@') == NULL) {
        static const char body[] =
            "{\"detail\":[{\"loc\":[\"body\",\"email\"],\"msg\":\"not an e-mail\"}]}";
        api_error_from_http(err, 422, body, strlen(body));
        return -1;
    }
    memset(out, 0, sizeof(*out));
    out->id = xstrdup("00000000-0000-4000-8000-000000000099");
    out->account_id = xstrdup(account_id);
    out->email = xstrdup(req->email);
    return 0;
}

struct create_seen {
    int calls, rc;
    long status;
    char *id;
    bool journal_failed;
};

static void on_created(int rc, const struct api_error *err, struct invitation *created,
                       const struct api_error *journal_err, void *ctx)
{
    struct create_seen *c = ctx;
    c->calls++;
    c->rc = rc;
    c->status = err->http_status;
    c->journal_failed = journal_err != NULL;
    if (created) {
        free(c->id);
        c->id = xstrdup(created->id);
    }
}

static void create_through_worker(void **state)
{
    (void)state;
    struct provider_ops ops = provider_hybridbox;
    struct worker *w = fake_worker(2);
    struct create_seen seen = {0};
    char *jpath = xasprintf("%s/create-journal.%ld.jsonl",
                            getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    const char *emails[] = {"ann@example.com", "not-an-email"};

    ops.create = fake_create;
    unlink(jpath);
    for (int i = 0; i < 2; i++) {
        struct create_request req = {0};
        req.email = xstrdup(emails[i]);
        req.locale = xstrdup("fr");
        bulk_submit_create(w, &ops, NULL, "3c90c3cc-0d44-4b50-8888-8dd25736052a", &req, jpath,
                           NULL, on_created, &seen);
        assert_null(req.email); /* taken */
        long end = now_ms() + DEADLINE_MS;
        while (seen.calls == i && now_ms() < end) {
            struct pollfd pfd = {.fd = worker_wake_fd(w), .events = POLLIN};
            if (poll(&pfd, 1, 100) == 1)
                worker_drain(w);
        }
        assert_int_equal(seen.calls, i + 1);
    }
    assert_int_equal(seen.rc, -1);
    assert_int_equal(seen.status, 422);
    assert_string_equal(seen.id, "00000000-0000-4000-8000-000000000099");
    assert_false(seen.journal_failed);

    struct journal_list jl = {0};
    struct api_error err;
    api_error_init(&err);
    assert_int_equal(journal_read_newest_first(jpath, 10, &jl, &err), 0);
    assert_int_equal(jl.n, 2);
    assert_string_equal(jl.v[0].result, "failed");
    assert_int_equal(jl.v[0].http_status, 422);
    assert_null(jl.v[0].target_id);
    assert_string_equal(jl.v[1].result, "ok");
    assert_string_equal(jl.v[1].target_id, "00000000-0000-4000-8000-000000000099");
    assert_string_equal(jl.v[1].action, "create");
    assert_string_equal(jl.v[1].locale, "fr");
    journal_list_free(&jl);
    free(seen.id);
    worker_free(w);
    unlink(jpath);
    free(jpath);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hybridbox_eligibility),
        cmocka_unit_test(marketplace_eligibility),
        cmocka_unit_test(plan_from_marks),
        cmocka_unit_test(stepping_respects_limit_and_counts),
        cmocka_unit_test(reasons_are_display_safe),
        cmocka_unit_test(run_through_worker),
        cmocka_unit_test(cancellation_through_worker),
        cmocka_unit_test(create_through_worker),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
