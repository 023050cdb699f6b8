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

#include "invitui/profile.h"

#define SECRET "s3cr3t-T0KEN-value"
#define UUID1 "3c90c3cc-0d44-4b50-8888-8dd25736052a"
#define UUID2 "5d1e0000-aaaa-bbbb-cccc-0123456789ab"

static char tmpdir[64];
static char cfg[128];
static int nfile;

/* Writes a config file with the given mode and returns its path. */
static const char *write_cfg(const char *text, mode_t mode)
{
    snprintf(cfg, sizeof(cfg), "%s/config%d", tmpdir, nfile++);
    int fd = open(cfg, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    assert_int_equal(fchmod(fd, mode), 0);
    close(fd);
    return cfg;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "%s/invitui-profile.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    unsetenv("INVITUI_PROFILE");
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Loads text and expects failure with a message containing `want`. */
static void expect_error(const char *text, mode_t mode, const char *want)
{
    struct profile_set set;
    struct api_error err;

    api_error_init(&err);
    assert_int_equal(profile_set_load(write_cfg(text, mode), &set, &err), -1);
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_non_null(err.title);
    if (!strstr(err.title, want))
        fail_msg("message \"%s\" lacks \"%s\"", err.title, want);
    assert_null(strstr(err.title, SECRET));
    assert_non_null(strstr(err.title, cfg));
    assert_int_equal(set.n, 0);
    api_error_clear(&err);
}

static void load_ok(const char *text, mode_t mode, struct profile_set *set)
{
    struct api_error err;

    api_error_init(&err);
    if (profile_set_load(write_cfg(text, mode), set, &err) != 0)
        fail_msg("load failed: %s", err.title);
    api_error_clear(&err);
}

static const char every_key[] =
    "; comment\n"
    "# another\n"
    "[defaults]\n"
    "profile = demo-hybridbox\n"
    "\n"
    "[profile demo-hybridbox]\n"
    "provider    = hybridbox                 ; or marketplace\n"
    "base_url    = https://api.hybridbox.io/ ; trailing slash dropped\n"
    "accounts    = " UUID1 ", " UUID2 "\n"
    "token_env   = HYBRIDBOX_TOKEN\n"
    "read_only   = yes\n"
    "production  = On\n"
    "insecure    = 0\n"
    "ca_file     = /etc/ssl/ca.pem\n"
    "locale      = fr\n"
    "concurrency = 16\n"
    "connect_timeout = 7\n"
    "timeout     = 45\n"
    "cache       = false\n"
    "\n"
    "[profile mp]\n"
    "provider = marketplace\n"
    "base_url = http://127.0.0.1:8080\n"
    "user_path = account\n"
    "token_command = pass show mp\n";

static void valid_file_with_every_key(void **state)
{
    struct profile_set set;
    (void)state;

    load_ok(every_key, 0644, &set);
    assert_int_equal(set.n, 2);
    assert_string_equal(set.default_name, "demo-hybridbox");
    assert_string_equal(set.path, cfg);
    const struct profile *p = &set.v[0];
    assert_string_equal(p->name, "demo-hybridbox");
    assert_int_equal(p->provider, PROVIDER_HYBRIDBOX);
    assert_string_equal(p->base_url, "https://api.hybridbox.io");
    assert_int_equal(p->accounts.n, 2);
    assert_string_equal(p->accounts.v[0], UUID1);
    assert_string_equal(p->accounts.v[1], UUID2);
    assert_string_equal(p->token_env, "HYBRIDBOX_TOKEN");
    assert_null(p->token_command);
    assert_null(p->token);
    assert_true(p->read_only);
    assert_true(p->production);
    assert_false(p->insecure);
    assert_string_equal(p->ca_file, "/etc/ssl/ca.pem");
    assert_string_equal(p->locale, "fr");
    assert_int_equal(p->concurrency, 16);
    assert_int_equal(p->connect_timeout_ms, 7000);
    assert_int_equal(p->timeout_ms, 45000);
    assert_false(p->cache);

    p = &set.v[1];
    assert_true(p->cache);
    assert_string_equal(p->name, "mp");
    assert_int_equal(p->provider, PROVIDER_MARKETPLACE);
    assert_int_equal(p->user_path, USER_PATH_ACCOUNT);
    assert_string_equal(p->token_command, "pass show mp");
    assert_string_equal(provider_kind_name(p->provider), "marketplace");
    assert_string_equal(provider_kind_name(PROVIDER_HYBRIDBOX), "hybridbox");
    profile_set_free(&set);
    assert_int_equal(set.n, 0);
}

static void defaults_apply(void **state)
{
    struct profile_set set;
    (void)state;

    load_ok("[profile a]\nprovider = marketplace\nbase_url = https://x\n", 0600, &set);
    const struct profile *p = &set.v[0];
    assert_int_equal(p->concurrency, 4);
    assert_int_equal(p->connect_timeout_ms, 5000);
    assert_int_equal(p->timeout_ms, 30000);
    assert_int_equal(p->user_path, USER_PATH_STANDALONE);
    assert_false(p->read_only);
    assert_false(p->insecure);
    assert_true(p->cache);
    assert_null(p->locale);
    assert_int_equal(p->accounts.n, 0);
    profile_set_free(&set);
}

static void long_accounts_list_continues(void **state)
{
    struct profile_set set;
    (void)state;

    load_ok("[profile a]\nprovider = hybridbox\nbase_url = https://x\n"
            "accounts = " UUID1 ",\n"
            "    " UUID2 "\n",
            0600, &set);
    assert_int_equal(set.v[0].accounts.n, 2);
    assert_string_equal(set.v[0].accounts.v[1], UUID2);
    profile_set_free(&set);
}

/* A hybridbox profile must name its accounts; HEAD_BARE lacks them. */
#define HEAD_BARE "[profile a]\nprovider = hybridbox\nbase_url = https://x\n"
#define HEAD HEAD_BARE "accounts = " UUID1 "\n"

static void validation_errors(void **state)
{
    (void)state;
    expect_error("[profile a]\nprovider = zoho\nbase_url = https://x\n", 0600,
                 ":2: provider: unknown provider \"zoho\"");
    expect_error(HEAD "colour = blue\n", 0600, ":5: unknown key \"colour\" in [profile a]");
    expect_error(HEAD "read_only = maybe\n", 0600, ":5: read_only: \"maybe\" is not a boolean");
    expect_error(HEAD "concurrency = 17\n", 0600, ":5: concurrency: \"17\" is not a number");
    expect_error(HEAD "concurrency = 0\n", 0600, "concurrency");
    expect_error(HEAD "timeout = 0\n", 0600, ":5: timeout:");
    expect_error(HEAD_BARE "accounts = " UUID1 ", not-a-uuid\n", 0600,
                 ":4: accounts: \"not-a-uuid\" is not a UUID");
    expect_error(HEAD "accounts = " UUID2 "\n", 0600, ":5: accounts is set twice");
    /* Hybridbox publishes no list of accounts: the profile must name them. */
    expect_error(HEAD_BARE, 0600,
                 ":1: profile \"a\" (hybridbox) names no account: set accounts = ");
    expect_error(HEAD_BARE "accounts =\n", 0600, "profile \"a\" (hybridbox) names no account");
    expect_error(HEAD_BARE "token_env = T\n[profile b]\nprovider = marketplace\n"
                 "base_url = https://y\n",
                 0600, ":1: profile \"a\" (hybridbox) names no account");
    expect_error("[profile a]\nprovider = hybridbox\nbase_url = ftp://x\n", 0600,
                 ":3: base_url: \"ftp://x\" is not an http:// or https:// URL");
    expect_error("[profile a]\nprovider = hybridbox\nbase_url = https://\n", 0600, "base_url");
    /* Paths are appended to base_url: a query or fragment would break them. */
    expect_error(HEAD_BARE "[profile q]\nprovider = hybridbox\nbase_url = https://x/api?v=1\n",
                 0600, ":6: base_url of profile \"q\": a query (?) or fragment (#) is not allowed");
    expect_error("[profile f]\nprovider = hybridbox\nbase_url = https://x/#top\n", 0600,
                 ":3: base_url of profile \"f\": a query (?) or fragment (#)");
    /* Credentials belong in the token settings, never in a URL. */
    expect_error("[profile u]\nprovider = hybridbox\nbase_url = https://me:" SECRET "@x/api\n",
                 0600, ":3: base_url of profile \"u\": a user name or password");
    expect_error("[profile u]\nprovider = hybridbox\nbase_url = http://me@x\n", 0600,
                 "a user name or password");
    /* The same account in another case is the same account. */
    expect_error(HEAD_BARE "accounts = " UUID2 ",\n 5D1E0000-AAAA-BBBB-CCCC-0123456789AB\n", 0600,
                 ":5: accounts: " UUID2 " is listed twice");
    expect_error(HEAD "\n[profile a]\nprovider = hybridbox\n", 0600,
                 ":6: duplicate profile \"a\"");
    expect_error(HEAD "provider = hybridbox\n", 0600, ":5: provider is set twice");
    expect_error(HEAD "token_env = T\ntoken_command = echo x\n", 0600,
                 ":6: token_command: profile \"a\" already has a token source (line 5)");
    expect_error(HEAD "token = " SECRET "\ntoken_env = T\n", 0600, "already has a token source");
    expect_error(HEAD "token_env = 1BAD\n", 0600, "not an environment variable name");
    expect_error("[profile a]\nbase_url = https://x\n", 0600, ":1: profile \"a\" has no provider");
    expect_error("[profile a]\nprovider = hybridbox\n", 0600, "has no base_url");
    expect_error("[profile a]\nprovider = marketplace\nbase_url = https://x\naccounts = " UUID1
                 "\n",
                 0600, ":4: accounts applies to hybridbox profiles only");
    expect_error(HEAD "user_path = account\n", 0600, ":5: user_path applies to marketplace");
    expect_error("[profile a]\nprovider = marketplace\nbase_url = https://x\nuser_path = x\n",
                 0600, ":4: user_path:");
    expect_error("provider = hybridbox\n", 0600, ":1: \"provider\" is outside any section");
    expect_error("[colours]\nx = 1\n", 0600, ":1: unknown section [colours]");
    expect_error("[profile]\nx = 1\n", 0600, ":1: a [profile NAME] section needs a name");
    expect_error("[profile a b]\n", 0600, ":1: invalid profile name \"a b\"");
    /* The name is drawn as it is: no escape sequence, C1 or bidi control. */
    expect_error("[profile a\x1b[31mb]\n", 0600, ":1: invalid profile name");
    expect_error("[profile a\xc2\x9b" "31mb]\n", 0600, ":1: invalid profile name");
    expect_error("[profile a\xe2\x80\xae" "b]\n", 0600, ":1: invalid profile name");
    expect_error("[defaults]\n[defaults]\n", 0600, ":2: [defaults] appears twice");
    expect_error(HEAD "this is not ini\n", 0600, ":5: syntax error");
    expect_error("[profile a\nprovider = hybridbox\n", 0600, ":1: syntax error");
    expect_error("[defaults]\nprofile = nope\n" HEAD, 0600,
                 ":1: [defaults] names profile \"nope\"");
    expect_error("[defaults]\ncolour = x\n", 0600, ":2: unknown key \"colour\" in [defaults]");
    expect_error(HEAD "locale = f r\n", 0600, ":5: locale:");
    expect_error(HEAD "insecure =\n", 0600, ":5: insecure has no value");
    expect_error(HEAD "read_only = true\n  true\n", 0600, ":6: read_only: only accounts may");
    char longline[480];
    snprintf(longline, sizeof(longline), HEAD "token_command = %0300d\n", 7);
    expect_error(longline, 0600, ":5: line longer than");
}

static void missing_file(void **state)
{
    struct profile_set set;
    struct api_error err;
    (void)state;

    api_error_init(&err);
    assert_int_equal(profile_set_load("/nonexistent/invitui/config", &set, &err), -1);
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_non_null(strstr(err.title, "/nonexistent/invitui/config"));
    api_error_clear(&err);
    assert_int_equal(profile_set_load(tmpdir, &set, &err), -1);
    assert_non_null(strstr(err.title, "not a regular file"));
    api_error_clear(&err);
    /* A FIFO with no writer: refused at once, not waited on (the alarm
     * turns a hang into a failure). */
    char fifo[160];
    snprintf(fifo, sizeof(fifo), "%s/fifo", tmpdir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    alarm(10);
    assert_int_equal(profile_set_load(fifo, &set, &err), -1);
    alarm(0);
    assert_non_null(strstr(err.title, "not a regular file"));
    api_error_clear(&err);
    unlink(fifo);
}

/* Account ids are stored lower-case, whatever case the file uses. */
static void accounts_lower_case(void **state)
{
    struct profile_set set;
    (void)state;

    load_ok(HEAD_BARE "accounts = 5D1E0000-AAAA-BBBB-CCCC-0123456789AB\n", 0600, &set);
    assert_int_equal(set.v[0].accounts.n, 1);
    assert_string_equal(set.v[0].accounts.v[0], UUID2);
    profile_set_free(&set);
}

static void inline_token_needs_0600(void **state)
{
    struct profile_set set;
    struct api_error err;
    const char *text = HEAD "token = " SECRET "\n";
    (void)state;

    expect_error(text, 0644, "holds a token and is readable by others (mode 0644); run: "
                             "chmod 600 ");
    expect_error(text, 0640, "chmod 600");
    expect_error(text, 0620, "is writable by others (mode 0620); run: chmod 600");
    expect_error(text, 0604, "readable by others (mode 0604)");
    load_ok(text, 0600, &set);
    assert_string_equal(set.v[0].token, SECRET);
    api_error_init(&err);
    char *tok = profile_token(&set.v[0], &err);
    assert_string_equal(tok, SECRET);
    free(tok);
    profile_set_free(&set);
    load_ok(text, 0400, &set);
    profile_set_free(&set);
    /* Without an inline token the mode does not matter. */
    load_ok(HEAD "token_env = T\n", 0644, &set);
    profile_set_free(&set);
}

static void token_from_env(void **state)
{
    struct profile_set set;
    struct api_error err;
    (void)state;

    load_ok(HEAD "token_env = INVITUI_TEST_TOKEN\n", 0600, &set);
    api_error_init(&err);
    setenv("INVITUI_TEST_TOKEN", SECRET "  \n", 1);
    char *tok = profile_token(&set.v[0], &err);
    assert_string_equal(tok, SECRET);
    free(tok);
    setenv("INVITUI_TEST_TOKEN", "", 1);
    assert_null(profile_token(&set.v[0], &err));
    assert_int_equal(err.kind, API_ERR_AUTH);
    assert_non_null(strstr(err.title, "INVITUI_TEST_TOKEN"));
    api_error_clear(&err);
    setenv("INVITUI_TEST_TOKEN", SECRET "\nX-Injected: 1", 1);
    assert_null(profile_token(&set.v[0], &err));
    assert_non_null(strstr(err.title, "control characters"));
    assert_null(strstr(err.title, SECRET));
    api_error_clear(&err);
    unsetenv("INVITUI_TEST_TOKEN");
    assert_null(profile_token(&set.v[0], &err));
    assert_non_null(strstr(err.title, "INVITUI_TEST_TOKEN"));
    api_error_clear(&err);
    profile_set_free(&set);
}

static char *command_token(const char *command, struct api_error *err)
{
    struct profile_set set;
    char text[512];

    snprintf(text, sizeof(text), HEAD "token_command = %s\n", command);
    load_ok(text, 0600, &set);
    api_error_init(err);
    char *tok = profile_token(&set.v[0], err);
    profile_set_free(&set);
    return tok;
}

static void token_from_command(void **state)
{
    struct api_error err;
    (void)state;

    char *tok = command_token("printf '" SECRET " \\nsecond line\\n'", &err);
    assert_non_null(tok);
    assert_string_equal(tok, SECRET);
    free(tok);
    /* stdin is /dev/null: a command that reads it gets EOF, not the terminal. */
    tok = command_token("cat; echo " SECRET, &err);
    assert_string_equal(tok, SECRET);
    free(tok);

    assert_null(command_token("echo " SECRET "; exit 3", &err));
    assert_int_equal(err.kind, API_ERR_AUTH);
    assert_non_null(strstr(err.title, "exit status 3"));
    assert_null(strstr(err.title, SECRET));
    api_error_clear(&err);

    assert_null(command_token("printf '\\n" SECRET "\\n'", &err));
    assert_non_null(strstr(err.title, "no token"));
    assert_null(strstr(err.title, SECRET));
    api_error_clear(&err);

    assert_null(command_token("true", &err));
    assert_non_null(strstr(err.title, "no token"));
    api_error_clear(&err);

    assert_null(command_token("kill -TERM $$", &err));
    assert_non_null(strstr(err.title, "signal"));
    api_error_clear(&err);

    /* Far more output than a token: refused, and the command is not left hanging. */
    assert_null(command_token("printf '%020000d' 0", &err));
    assert_non_null(strstr(err.title, "longer than"));
    api_error_clear(&err);
}

/* True once pid has exited: no such process, or a zombie waiting for
 * whoever reaps orphans. */
static bool process_gone(long pid)
{
    char path[64];
    char stat[256];
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    f = fopen(path, "r");
    if (!f)
        return true;
    size_t n = fread(stat, 1, sizeof(stat) - 1, f);
    fclose(f);
    stat[n] = '\0';
    const char *paren = strrchr(stat, ')');
    return paren && paren[1] == ' ' && paren[2] == 'Z';
}

/* A command that never finishes is stopped after the profile's timeout,
 * with whatever it started (the alarm turns a hang into a failure). */
static void token_command_times_out(void **state)
{
    struct profile_set set;
    struct api_error err;
    char text[512];
    char pids_path[160];
    long pids[2] = {0, 0};
    (void)state;

    snprintf(pids_path, sizeof(pids_path), "%s/pids", tmpdir);
    snprintf(text, sizeof(text),
             HEAD "timeout = 1\ntoken_command = sleep 1000 & echo $! >%s; echo $$ >>%s; "
                  "sleep 1000\n",
             pids_path, pids_path);
    load_ok(text, 0600, &set);
    api_error_init(&err);
    alarm(20);
    assert_null(profile_token(&set.v[0], &err));
    alarm(0);
    assert_int_equal(err.kind, API_ERR_AUTH);
    if (!strstr(err.title, "profile \"a\": token_command did not finish within 1 second (timeout)"))
        fail_msg("unexpected message \"%s\"", err.title);
    api_error_clear(&err);
    profile_set_free(&set);
    FILE *f = fopen(pids_path, "r");
    assert_non_null(f);
    assert_int_equal(fscanf(f, "%ld %ld", &pids[0], &pids[1]), 2);
    fclose(f);
    for (int i = 0; i < 2; i++) {
        assert_true(pids[i] > 1);
        int tries = 0;
        while (!process_gone(pids[i]) && tries++ < 500)
            usleep(10000);
        if (!process_gone(pids[i]))
            fail_msg("process %ld of the token command is still running", pids[i]);
    }
    /* The shell itself is reaped: no child of ours is left. */
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
}

static void no_token_source(void **state)
{
    struct profile_set set;
    struct api_error err;
    (void)state;

    load_ok(HEAD, 0600, &set);
    api_error_init(&err);
    assert_null(profile_token(&set.v[0], &err));
    assert_int_equal(err.kind, API_ERR_AUTH);
    api_error_clear(&err);
    profile_set_free(&set);
}

static const char two[] = "[profile a]\nprovider = hybridbox\nbase_url = https://a\n"
                          "accounts = " UUID1 "\n"
                          "[profile b]\nprovider = hybridbox\nbase_url = https://b\n"
                          "accounts = " UUID2 "\n";

static void selection_order(void **state)
{
    struct profile_set set;
    struct api_error err;
    const struct profile *p;
    (void)state;

    api_error_init(&err);
    load_ok(two, 0600, &set);
    p = profile_select(&set, NULL, &err);
    assert_null(p);
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_non_null(strstr(err.title, "available: a, b"));
    api_error_clear(&err);

    setenv("INVITUI_PROFILE", "b", 1);
    p = profile_select(&set, NULL, &err);
    assert_string_equal(p->name, "b");
    p = profile_select(&set, "a", &err);
    assert_string_equal(p->name, "a");
    setenv("INVITUI_PROFILE", "zzz", 1);
    assert_null(profile_select(&set, NULL, &err));
    assert_non_null(strstr(err.title, "INVITUI_PROFILE"));
    assert_non_null(strstr(err.title, "a, b"));
    api_error_clear(&err);
    unsetenv("INVITUI_PROFILE");
    assert_null(profile_select(&set, "c", &err));
    assert_non_null(strstr(err.title, "\"c\""));
    api_error_clear(&err);
    profile_set_free(&set);

    char text[512];
    snprintf(text, sizeof(text), "[defaults]\nprofile = b\n%s", two);
    load_ok(text, 0600, &set);
    p = profile_select(&set, NULL, &err);
    assert_string_equal(p->name, "b");
    setenv("INVITUI_PROFILE", "a", 1);
    p = profile_select(&set, NULL, &err);
    assert_string_equal(p->name, "a");
    unsetenv("INVITUI_PROFILE");
    profile_set_free(&set);

    load_ok(HEAD, 0600, &set);
    p = profile_select(&set, NULL, &err);
    assert_string_equal(p->name, "a");
    profile_set_free(&set);

    load_ok("; nothing yet\n", 0600, &set);
    assert_null(profile_select(&set, NULL, &err));
    assert_non_null(strstr(err.title, "no [profile NAME]"));
    api_error_clear(&err);
    profile_set_free(&set);
}

static void default_path(void **state)
{
    (void)state;
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;

    setenv("XDG_CONFIG_HOME", "/x/conf", 1);
    char *p = profile_default_path();
    assert_string_equal(p, "/x/conf/invitui/config");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/home/h", 1);
    p = profile_default_path();
    assert_string_equal(p, "/home/h/.config/invitui/config");
    free(p);
    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    free(old_xdg);
}

/* The EXAMPLE section of doc/invitui.conf.5, kept in step by hand. */
static const char man_example[] =
    "; ~/.config/invitui/config\n"
    "[defaults]\n"
    "profile = demo-hybridbox\n"
    "\n"
    "[profile demo-hybridbox]\n"
    "provider    = hybridbox\n"
    "base_url    = https://api.hybridbox.io\n"
    "accounts    = 3c90c3cc-0d44-4b50-8888-8dd25736052a,\n"
    "              5d1e6a20-41b7-4c5e-9a51-0e8f2c7d4b13\n"
    "token_env   = HYBRIDBOX_TOKEN\n"
    "locale      = fr\n"
    "concurrency = 4\n"
    "\n"
    "[profile swo-prod]\n"
    "provider    = marketplace\n"
    "base_url    = https://api.platform.softwareone.com\n"
    "user_path   = standalone\n"
    "token_command = pass show softwareone/api-token\n"
    "production  = true\n"
    "read_only   = true\n"
    "timeout     = 60\n"
    "\n"
    "[profile sandbox]\n"
    "provider    = hybridbox\n"
    "base_url    = http://127.0.0.1:8080\n"
    "; the accounts invitui-sandbox makes with its default --seed\n"
    "accounts    = 61cdf7ef-c8a5-41ca-bc2e-7a721a44dad3,\n"
    "              7ff30bd7-7864-4de5-a7b3-8437456dd881\n"
    "token       = sandbox-token      ; inline: this file must be mode 0600\n";

static void man_page_example_loads(void **state)
{
    struct profile_set set;
    struct api_error err;
    (void)state;

    load_ok(man_example, 0600, &set);
    assert_int_equal(set.n, 3);
    assert_int_equal(set.v[0].accounts.n, 2);
    assert_true(set.v[1].production);
    assert_int_equal(set.v[1].timeout_ms, 60000);
    assert_string_equal(set.v[2].token, "sandbox-token");
    assert_int_equal(set.v[2].accounts.n, 2);
    api_error_init(&err);
    assert_string_equal(profile_select(&set, NULL, &err)->name, "demo-hybridbox");
    profile_set_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_file_with_every_key),
        cmocka_unit_test(defaults_apply),
        cmocka_unit_test(long_accounts_list_continues),
        cmocka_unit_test(validation_errors),
        cmocka_unit_test(missing_file),
        cmocka_unit_test(accounts_lower_case),
        cmocka_unit_test(inline_token_needs_0600),
        cmocka_unit_test(token_from_env),
        cmocka_unit_test(token_from_command),
        cmocka_unit_test(token_command_times_out),
        cmocka_unit_test(no_token_source),
        cmocka_unit_test(selection_order),
        cmocka_unit_test(default_path),
        cmocka_unit_test(man_page_example_loads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
