#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "invitui/journal.h"
#include "invitui/util.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "%s/journal-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb;
    char buf[4096];
    size_t n;

    strbuf_init(&sb);
    if (f) {
        while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
            strbuf_append(&sb, buf, n);
        fclose(f);
    }
    return strbuf_detach(&sb, len);
}

static struct journal_entry sample(void)
{
    struct journal_entry e = {
        .time = 1795420800, /* 2026-11-23T08:00:00Z */
        .profile = "demo",
        .provider = "hybridbox",
        .account_id = "3c90c3cc-0d44-4b50-8888-8dd25736052a",
        .target_id = "11111111-2222-3333-4444-555555555555",
        .email = "ann@example.com",
        .action = JOURNAL_RESEND,
        .locale = "fr",
        .result = JOURNAL_OK,
        .http_status = 200,
        .message = NULL,
    };
    return e;
}

static void default_path_follows_xdg(void **state)
{
    (void)state;
    setenv("XDG_STATE_HOME", "/srv/state", 1);
    char *p = journal_default_path();
    assert_string_equal(p, "/srv/state/invitui/journal.jsonl");
    free(p);
    /* A relative XDG value is ignored, as the spec says. */
    setenv("XDG_STATE_HOME", "relative", 1);
    setenv("HOME", "/home/ann", 1);
    p = journal_default_path();
    assert_string_equal(p, "/home/ann/.local/state/invitui/journal.jsonl");
    free(p);
    unsetenv("XDG_STATE_HOME");
}

static void append_writes_one_line_with_fields(void **state)
{
    (void)state;
    char *path = xasprintf("%s/a/b/journal.jsonl", tmpdir);
    struct api_error err;
    struct journal_entry e = sample();
    struct stat st;

    api_error_init(&err);
    assert_int_equal(journal_append(path, &e, &err), 0);
    e.action = JOURNAL_CREATE;
    e.target_id = NULL;
    e.locale = NULL;
    e.result = JOURNAL_FAILED;
    e.http_status = 422;
    e.message = "HTTP 422: value is not a valid email address\x1b[31m";
    assert_int_equal(journal_append(path, &e, &err), 0);

    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *dir = xasprintf("%s/a/b", tmpdir);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    free(dir);

    size_t len;
    char *text = slurp(path, &len);
    const char *want =
        "{\"time\":\"2026-11-23T08:00:00Z\",\"profile\":\"demo\",\"provider\":\"hybridbox\","
        "\"account\":\"3c90c3cc-0d44-4b50-8888-8dd25736052a\","
        "\"target_id\":\"11111111-2222-3333-4444-555555555555\",\"email\":\"ann@example.com\","
        "\"action\":\"resend\",\"locale\":\"fr\",\"result\":\"ok\",\"http_status\":200,"
        "\"message\":null,\"trace_id\":null,\"instance\":null}\n";
    assert_memory_equal(text, want, strlen(want));
    const char *second = text + strlen(want);
    assert_non_null(strstr(second, "\"action\":\"create\""));
    assert_non_null(strstr(second, "\"target_id\":null"));
    assert_non_null(strstr(second, "\"locale\":null"));
    assert_non_null(strstr(second, "\"result\":\"failed\""));
    assert_non_null(strstr(second, "\"http_status\":422"));
    /* The message was sanitised: the escape sequence is gone, not merely escaped. */
    assert_null(strstr(second, "\\u001b"));
    assert_null(strstr(second, "[31m"));
    assert_ptr_equal(strchr(second, '\n'), text + len - 1);
    free(text);
    free(path);
}

static void no_token_reaches_the_file(void **state)
{
    (void)state;
    /* The token-looking string is passed nowhere: an entry cannot carry one. */
    const char *token = "tkn-s3cret-0123456789abcdef";
    char *path = xasprintf("%s/j.jsonl", tmpdir);
    struct api_error err, fail;
    struct journal_entry e = sample();

    api_error_init(&err);
    api_error_init(&fail);
    api_error_from_http(&fail, 401, "{\"detail\":\"Not authenticated\"}", 30);
    char *msg = journal_entry_outcome(&e, -1, &fail);
    e.message = msg;
    assert_int_equal(e.result, JOURNAL_FAILED);
    assert_int_equal(e.http_status, 401);
    assert_int_equal(journal_append(path, &e, &err), 0);
    free(msg);
    api_error_clear(&fail);

    size_t len;
    char *text = slurp(path, &len);
    assert_null(strstr(text, token));
    assert_null(strstr(text, "Bearer"));
    assert_null(strstr(text, "token"));
    assert_non_null(strstr(text, "Not authenticated"));
    free(text);
    free(path);
}

static void outcome_maps_maybe_sent_to_unknown(void **state)
{
    (void)state;
    struct api_error err;
    struct journal_entry e = sample();

    api_error_init(&err);
    api_error_set(&err, API_ERR_TIMEOUT, "timed out");
    err.maybe_sent = true;
    char *msg = journal_entry_outcome(&e, -1, &err);
    assert_int_equal(e.result, JOURNAL_UNKNOWN);
    assert_int_equal(e.http_status, 0);
    assert_non_null(msg);
    free(msg);
    /* A 4xx after a POST is a definite refusal; a 5xx is not. */
    api_error_from_http(&err, 422, "{}", 2);
    err.maybe_sent = true;
    assert_int_equal(journal_result_of(-1, &err), JOURNAL_FAILED);
    api_error_from_http(&err, 502, "{}", 2);
    err.maybe_sent = true;
    assert_int_equal(journal_result_of(-1, &err), JOURNAL_UNKNOWN);
    err.maybe_sent = false;
    assert_int_equal(journal_result_of(-1, &err), JOURNAL_FAILED);
    assert_null(journal_entry_outcome(&e, 0, &err));
    assert_int_equal(e.result, JOURNAL_OK);
    assert_string_equal(journal_result_name(JOURNAL_UNKNOWN), "unknown");
    assert_string_equal(journal_action_name(JOURNAL_SEND_NEW), "send-new");
    api_error_clear(&err);
}

/* Every error shape an action can end with: what the journal says, the
 * CLI's exit status, and api_error_outcome_unknown agree. */
static void outcome_classification_table(void **state)
{
    static const struct {
        enum api_error_kind kind;
        long status;
        bool maybe_sent;
        enum journal_result result;
        int exit_code;
    } cases[] = {
        /* A POST that reached the server without a definite answer. */
        {API_ERR_NETWORK, 0, true, JOURNAL_UNKNOWN, 5},   /* reset after sending */
        {API_ERR_TIMEOUT, 0, true, JOURNAL_UNKNOWN, 5},   /* read timed out */
        {API_ERR_CANCELLED, 0, true, JOURNAL_UNKNOWN, 5}, /* stopped mid-request */
        {API_ERR_PARSE, 0, true, JOURNAL_UNKNOWN, 5},     /* 2xx, malformed or cut */
        {API_ERR_TOO_LARGE, 0, true, JOURNAL_UNKNOWN, 5}, /* 2xx over the size cap */
        {API_ERR_HTTP, 500, true, JOURNAL_UNKNOWN, 5},
        {API_ERR_HTTP, 502, true, JOURNAL_UNKNOWN, 5},
        {API_ERR_HTTP, 503, true, JOURNAL_UNKNOWN, 5},
        /* Definite answers after a POST. */
        {API_ERR_HTTP, 400, true, JOURNAL_FAILED, 1},
        {API_ERR_HTTP, 409, true, JOURNAL_FAILED, 1},
        {API_ERR_HTTP, 429, true, JOURNAL_FAILED, 1},
        {API_ERR_AUTH, 401, true, JOURNAL_FAILED, 3},
        {API_ERR_STATE, 0, false, JOURNAL_FAILED, 1},
        {API_ERR_USAGE, 0, false, JOURNAL_FAILED, 2},
        /* Never sent (refused connection), or a GET: nothing to check. */
        {API_ERR_NETWORK, 0, false, JOURNAL_FAILED, 4},
        {API_ERR_TIMEOUT, 0, false, JOURNAL_FAILED, 4},
        {API_ERR_CANCELLED, 0, false, JOURNAL_FAILED, 1},
        {API_ERR_PARSE, 0, false, JOURNAL_FAILED, 1},
        {API_ERR_TOO_LARGE, 0, false, JOURNAL_FAILED, 1},
        {API_ERR_HTTP, 503, false, JOURNAL_FAILED, 1},
    };
    struct api_error err;
    (void)state;

    api_error_init(&err);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        api_error_set(&err, cases[i].kind, "case %zu", i);
        err.http_status = cases[i].status;
        err.maybe_sent = cases[i].maybe_sent;
        print_message("case %zu\n", i);
        assert_int_equal(journal_result_of(-1, &err), cases[i].result);
        assert_int_equal(api_error_exit_code(&err), cases[i].exit_code);
        assert_int_equal(api_error_outcome_unknown(&err), cases[i].result == JOURNAL_UNKNOWN);
    }
    assert_int_equal(journal_result_of(0, &err), JOURNAL_OK);
    assert_false(api_error_outcome_unknown(NULL));
    api_error_clear(&err);
}

static void failed_action_keeps_trace_id_and_instance(void **state)
{
    (void)state;
    static const char body[] =
        "{\"title\":\"One or more validation errors occurred.\",\"status\":400,"
        "\"traceId\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00\","
        "\"instance\":\"/public/v1/accounts/account-users\","
        "\"errors\":{\"groups[0].id\":[\"The user group does not exist.\"]}}";
    char *path = xasprintf("%s/t.jsonl", tmpdir);
    struct api_error err, fail;
    struct journal_list list = {0};
    struct journal_entry e = sample();

    api_error_init(&err);
    api_error_init(&fail);
    api_error_from_http(&fail, 400, body, strlen(body));
    e.action = JOURNAL_CREATE;
    char *msg = journal_entry_outcome(&e, -1, &fail);
    e.message = msg;
    assert_string_equal(e.trace_id, fail.trace_id);
    assert_string_equal(e.instance, "/public/v1/accounts/account-users");
    /* The id has its own member: the message does not repeat it. */
    assert_null(strstr(msg, "trace"));
    assert_int_equal(journal_append(path, &e, &err), 0);
    free(msg);
    /* Success: nothing of an earlier error sticks to the entry. */
    msg = journal_entry_outcome(&e, 0, &fail);
    assert_null(msg);
    assert_null(e.trace_id);
    assert_null(e.instance);
    e.message = NULL;
    assert_int_equal(journal_append(path, &e, &err), 0);
    api_error_clear(&fail);
    /* Written verbatim by someone else's tool: read back and sanitised on display. */
    e.trace_id = "00-ab\x1b]52;c;ZXZpbA==\x07" "cd";
    e.instance = NULL;
    assert_int_equal(journal_append(path, &e, &err), 0);

    size_t len;
    char *text = slurp(path, &len);
    assert_non_null(strstr(text, "\"http_status\":400,\"message\":\"HTTP 400: One or more "
                                 "validation errors occurred. \\u2014 groups[0].id: The user "
                                 "group does not exist.\",\"trace_id\":"
                                 "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00\","
                                 "\"instance\":\"/public/v1/accounts/account-users\"}\n"));
    assert_non_null(strstr(text, "\"message\":null,\"trace_id\":null,\"instance\":null}\n"));
    assert_null(strstr(text, "\\u001b"));
    assert_null(strstr(text, "52;c"));
    free(text);

    assert_int_equal(journal_read_newest_first(path, 10, &list, &err), 0);
    assert_int_equal(list.n, 3);
    assert_null(list.v[1].trace_id);
    assert_null(list.v[1].instance);
    assert_string_equal(list.v[2].trace_id,
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    assert_string_equal(list.v[2].instance, "/public/v1/accounts/account-users");
    assert_int_equal(list.v[2].http_status, 400);
    assert_string_equal(list.v[2].result, "failed");
    journal_list_free(&list);
    free(path);
}

static void read_back_newest_first_skipping_garbage(void **state)
{
    (void)state;
    char *path = xasprintf("%s/r.jsonl", tmpdir);
    struct api_error err;
    struct journal_list list = {0};
    struct journal_entry e = sample();
    char email[64];

    api_error_init(&err);
    assert_int_equal(journal_read_newest_first(path, 10, &list, &err), 0); /* missing: empty */
    assert_int_equal(list.n, 0);
    for (int i = 0; i < 5; i++) {
        snprintf(email, sizeof(email), "u%d@example.com", i);
        e.email = email;
        assert_int_equal(journal_append(path, &e, &err), 0);
        if (i == 2) {
            FILE *f = fopen(path, "a");
            fputs("garbage that is not json\n[1,2]\n", f);
            fclose(f);
        }
    }
    /* A torn last line, as a crash mid-write would leave. */
    FILE *f = fopen(path, "a");
    fputs("{\"time\":\"2026-11-23T0", f);
    fclose(f);

    assert_int_equal(journal_read_newest_first(path, 3, &list, &err), 0);
    assert_int_equal(list.n, 3);
    assert_string_equal(list.v[0].email, "u4@example.com");
    assert_string_equal(list.v[1].email, "u3@example.com");
    assert_string_equal(list.v[2].email, "u2@example.com");
    assert_string_equal(list.v[0].action, "resend");
    assert_string_equal(list.v[0].locale, "fr");
    assert_int_equal(list.v[0].http_status, 200);
    assert_int_equal(list.v[0].time, 1795420800);
    assert_null(list.v[0].message);
    journal_list_free(&list);
    assert_int_equal(journal_read_newest_first(path, 100, &list, &err), 0);
    assert_int_equal(list.n, 5);
    journal_list_free(&list);
    free(path);
}

/* A guard reads back to its window and no further: the walk stops at the
 * first valid line older than since, garbage in between or not. */
static void read_since_stops_at_the_first_older_line(void **state)
{
    (void)state;
    char *path = xasprintf("%s/since.jsonl", tmpdir);
    struct api_error err;
    struct journal_list list = {0};
    struct journal_entry e = sample();
    const time_t t0 = 1795420800;
    const long ages[] = {86400, 3000, 900, 100, 10};
    char email[64];

    api_error_init(&err);
    for (size_t i = 0; i < sizeof(ages) / sizeof(ages[0]); i++) {
        snprintf(email, sizeof(email), "u%zu@example.com", i);
        e.email = email;
        e.time = t0 - ages[i];
        assert_int_equal(journal_append(path, &e, &err), 0);
        if (i == 3) {
            FILE *f = fopen(path, "a");
            fputs("garbage that is not json\n", f);
            fclose(f);
        }
    }
    assert_int_equal(journal_read_since(path, t0 - 1000, &list, &err), 0);
    assert_int_equal(list.n, 3);
    assert_string_equal(list.v[0].email, "u4@example.com");
    assert_string_equal(list.v[2].email, "u2@example.com");
    journal_list_free(&list);
    /* An old line in the middle ends the walk: what is before it is older still. */
    e.time = t0 - 5000;
    e.email = "old@example.com";
    assert_int_equal(journal_append(path, &e, &err), 0);
    e.time = t0;
    e.email = "new@example.com";
    assert_int_equal(journal_append(path, &e, &err), 0);
    assert_int_equal(journal_read_since(path, t0 - 1000, &list, &err), 0);
    assert_int_equal(list.n, 1);
    assert_string_equal(list.v[0].email, "new@example.com");
    journal_list_free(&list);
    assert_int_equal(journal_read_since(path, 0, &list, &err), 0); /* 0: no limit */
    assert_int_equal(list.n, 7);
    journal_list_free(&list);
    free(path);
}

/* A hand-edited file: every string read back is display-safe already. */
static void read_back_is_display_safe(void **state)
{
    (void)state;
    char *path = xasprintf("%s/hostile.jsonl", tmpdir);
    struct api_error err;
    struct journal_list list = {0};
    FILE *f = fopen(path, "w");

    api_error_init(&err);
    fputs("{\"time\":\"2026\\u001b[2J\",\"action\":\"resend\\u009b31m\","
          "\"result\":\"ok\",\"profile\":\"p\\u202eevil\",\"email\":"
          "\"a\\u001b]52;c;ZXZpbA==\\u0007@b.c\",\"account\":\"x\\u0085y\","
          "\"target_id\":\"t\\r\\n2\",\"locale\":\"fr\\u009d0;x\\u0007\",\"message\":"
          "\"m\\u001b[31m\",\"trace_id\":\"00\\u001bc\",\"instance\":\"/i\\u2066\",\"provider\":\"h\\u0007\"}\n",
          f);
    fclose(f);
    assert_int_equal(journal_read_newest_first(path, 10, &list, &err), 0);
    assert_int_equal(list.n, 1);
    const struct journal_record *r = &list.v[0];
    const char *fields[] = {r->time_text, r->action,   r->result,   r->profile,
                            r->email,     r->account_id, r->target_id, r->locale,
                            r->message,   r->trace_id, r->instance, r->provider};
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        assert_non_null(fields[i]);
        for (const unsigned char *p = (const unsigned char *)fields[i]; *p; p++) {
            assert_true(*p >= 0x20 && *p != 0x7f);
            if (p[0] == 0xc2) /* no C1 control */
                assert_true(p[1] >= 0xa0);
            if (p[0] == 0xe2 && p[1] == 0x80) /* no bidi override U+202A-202E */
                assert_true(p[2] < 0xaa || p[2] > 0xae);
            if (p[0] == 0xe2 && p[1] == 0x81) /* no isolate U+2066-2069 */
                assert_true(p[2] < 0xa6 || p[2] > 0xa9);
        }
    }
    assert_string_equal(r->profile, "pevil");
    journal_list_free(&list);
    free(path);
}

static void huge_file_reads_only_the_tail(void **state)
{
    (void)state;
    char *path = xasprintf("%s/big.jsonl", tmpdir);
    struct api_error err;
    struct journal_list list = {0};
    struct journal_entry e = sample();
    FILE *f = fopen(path, "w");

    /* 3 MiB of old lines, then one new one: only the tail is read. */
    char *filler = xmalloc(1023);
    memset(filler, 'x', 1022);
    filler[1022] = '\0';
    for (int i = 0; i < 3 * 1024; i++)
        fprintf(f, "{\"action\":\"create\",\"email\":\"old%d\",\"message\":\"%s\"}\n", i, filler);
    fclose(f);
    free(filler);
    api_error_init(&err);
    e.email = "newest@example.com";
    assert_int_equal(journal_append(path, &e, &err), 0);
    assert_int_equal(journal_read_newest_first(path, SIZE_MAX, &list, &err), 0);
    assert_string_equal(list.v[0].email, "newest@example.com");
    /* About 1 MiB / ~1.07 KiB per line, and never a partial first line. */
    assert_true(list.n > 900 && list.n < 1000);
    for (size_t i = 1; i < list.n; i++)
        assert_non_null(strstr(list.v[i].email, "old"));
    journal_list_free(&list);
    free(path);
}

static void concurrent_appends_do_not_interleave(void **state)
{
    (void)state;
    char *path = xasprintf("%s/c.jsonl", tmpdir);
    enum { PROCS = 4, LINES = 200 };

    for (int p = 0; p < PROCS; p++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            struct api_error err;
            struct journal_entry e = sample();
            char msg[600];
            api_error_init(&err);
            memset(msg, 'a' + p, sizeof(msg) - 1);
            msg[sizeof(msg) - 1] = '\0';
            e.message = msg;
            for (int i = 0; i < LINES; i++)
                if (journal_append(path, &e, &err) < 0)
                    _exit(1);
            _exit(0);
        }
    }
    for (int p = 0; p < PROCS; p++) {
        int status;
        assert_true(wait(&status) > 0);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    struct journal_list list = {0};
    struct api_error err;
    api_error_init(&err);
    assert_int_equal(journal_read_newest_first(path, SIZE_MAX, &list, &err), 0);
    assert_int_equal(list.n, PROCS * LINES); /* every line parses: none torn */
    journal_list_free(&list);
    free(path);
}

static void ticket_round_trips_and_old_lines_have_none(void **state)
{
    (void)state;
    char *path = xasprintf("%s/ticket.jsonl", tmpdir);
    struct journal_entry e = sample();
    struct journal_list list = {0};
    struct api_error err;
    size_t len;

    api_error_init(&err);
    assert_int_equal(journal_append(path, &e, &err), 0); /* no ticket: no key */
    e.ticket = "HD-1234";
    assert_int_equal(journal_append(path, &e, &err), 0);
    char *text = slurp(path, &len);
    char *second = strchr(text, '\n') + 1;
    assert_null(strstr(text, "\"ticket\"") < second ? strstr(text, "\"ticket\"") : NULL);
    assert_non_null(strstr(second, "\"ticket\":\"HD-1234\""));
    free(text);
    assert_int_equal(journal_read_newest_first(path, SIZE_MAX, &list, &err), 0);
    assert_int_equal(list.n, 2);
    assert_string_equal(list.v[0].ticket, "HD-1234");
    assert_null(list.v[1].ticket);
    journal_list_free(&list);
    free(path);
}

static struct journal_record rec(time_t t, char *ticket, char *email)
{
    struct journal_record r = {0};
    r.time = t;
    r.ticket = ticket;
    r.email = email;
    return r;
}

static void filter_by_since_ticket_and_email(void **state)
{
    (void)state;
    struct journal_record r = rec(1000, "HD-12", "Ann@Example.com");
    struct journal_record none = rec(1000, NULL, NULL);
    struct journal_filter any = {0};

    assert_true(journal_record_matches(&r, &any));
    assert_true(journal_record_matches(&none, &any));
    assert_true(journal_record_matches(&r, &(struct journal_filter){.since = 1000}));
    assert_false(journal_record_matches(&r, &(struct journal_filter){.since = 1001}));
    assert_true(journal_record_matches(&r, &(struct journal_filter){.ticket = "hd-12"}));
    /* A part is not a match: HD-1 is another ticket. */
    assert_false(journal_record_matches(&r, &(struct journal_filter){.ticket = "HD-1"}));
    assert_false(journal_record_matches(&r, &(struct journal_filter){.ticket = "HD-123"}));
    assert_false(journal_record_matches(&none, &(struct journal_filter){.ticket = "HD-12"}));
    assert_true(journal_record_matches(&r, &(struct journal_filter){.email = "ann@example.com"}));
    assert_false(journal_record_matches(&r, &(struct journal_filter){.email = "ann@example.co"}));
    assert_false(journal_record_matches(&none, &(struct journal_filter){.email = "a@b.c"}));
    struct journal_filter all = {.since = 999, .ticket = "HD-12", .email = "ann@example.com"};
    assert_true(journal_record_matches(&r, &all));
    all.email = "bob@example.com";
    assert_false(journal_record_matches(&r, &all));
}

static void since_takes_durations_and_dates(void **state)
{
    (void)state;
    time_t now = 1795420800, t = 0; /* 2026-11-23T08:00:00Z */

    assert_int_equal(journal_parse_since("30m", now, &t), 0);
    assert_int_equal(t, now - 1800);
    assert_int_equal(journal_parse_since("12h", now, &t), 0);
    assert_int_equal(t, now - 12 * 3600);
    assert_int_equal(journal_parse_since("1d", now, &t), 0);
    assert_int_equal(t, now - 86400);
    assert_int_equal(journal_parse_since("90", now, &t), 0);
    assert_int_equal(t, now - 90);
    assert_int_equal(journal_parse_since("2026-11-23T07:00:00Z", now, &t), 0);
    assert_int_equal(t, now - 3600);
    setenv("TZ", "UTC", 1);
    tzset();
    assert_int_equal(journal_parse_since("2026-11-22", now, &t), 0);
    assert_int_equal(t, now - 8 * 3600 - 86400);
    assert_int_equal(journal_parse_since("yesterday", now, &t), -1);
    assert_int_equal(journal_parse_since("", now, &t), -1);
    assert_int_equal(journal_parse_since("5w", now, &t), -1);
    assert_int_equal(journal_parse_since("-5m", now, &t), -1);
    assert_int_equal(journal_parse_since("2026-13-01", now, &t), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_path_follows_xdg),
        cmocka_unit_test(append_writes_one_line_with_fields),
        cmocka_unit_test(no_token_reaches_the_file),
        cmocka_unit_test(outcome_maps_maybe_sent_to_unknown),
        cmocka_unit_test(outcome_classification_table),
        cmocka_unit_test(failed_action_keeps_trace_id_and_instance),
        cmocka_unit_test(read_back_newest_first_skipping_garbage),
        cmocka_unit_test(read_since_stops_at_the_first_older_line),
        cmocka_unit_test(read_back_is_display_safe),
        cmocka_unit_test(huge_file_reads_only_the_tail),
        cmocka_unit_test(concurrent_appends_do_not_interleave),
        cmocka_unit_test(ticket_round_trips_and_old_lines_have_none),
        cmocka_unit_test(filter_by_since_ticket_and_email),
        cmocka_unit_test(since_takes_durations_and_dates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
