#include "config.h"

#include "invitui/demo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "invitui/http.h"
#include "invitui/hybridbox_json.h"
#include "invitui/i18n.h"
#include "invitui/json_util.h"
#include "invitui/util.h"

#define SANDBOX_NAME "invitui-sandbox"
/* The demo's directory is DIR_PREFIX<pid>.XXXXXX: the pid tells a later
 * demo whether the owner is still alive. */
#define DIR_PREFIX "invitui-demo."
/* The environment variable the demo profiles read their token from: the
 * token is set in this process only and never written to a file. */
#define TOKEN_ENV "INVITUI_DEMO_TOKEN"
/* The descriptor on which the sandbox sees end of file once we are gone. */
#define LIFELINE_FD 3
#define ACCOUNTS_PAGE_SIZE 100
#define MAX_ACCOUNT_PAGES 10 /* the sandbox makes at most 64 accounts */

static char *find_sandbox(void)
{
    const char *env = getenv("INVITUI_SANDBOX");
    char *dir;
    char *path;

    if (env && *env)
        return access(env, X_OK) == 0 ? xstrdup(env) : NULL;
    dir = util_self_dir();
    if (dir) {
        path = xasprintf("%s/%s", dir, SANDBOX_NAME);
        free(dir);
        if (access(path, X_OK) == 0)
            return path;
        free(path);
    }
    path = xasprintf("%s/%s", BINDIR, SANDBOX_NAME);
    if (access(path, X_OK) == 0)
        return path;
    free(path);
    return xstrdup(SANDBOX_NAME); /* execvp searches $PATH */
}

static void random_token(char *out, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[24] = {0};
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

    if (fd >= 0) {
        if (read(fd, raw, sizeof(raw)) != (ssize_t)sizeof(raw))
            memset(raw, 0x5a, sizeof(raw));
        close(fd);
    }
    size_t i;
    for (i = 0; i < sizeof(raw) && 2 * i + 2 < size; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[2 * i] = '\0';
}

/* In the sandbox between fork and exec: die with the parent. The signal
 * covers a parent that is killed outright; checking getppid() afterwards
 * covers one that died before prctl; the lifeline pipe (--parent-fd)
 * covers what prctl cannot see, such as a parent that exec'd. */
static void child_setup(pid_t parent, int out_fd, int lifeline)
{
    int devnull = open("/dev/null", O_RDWR);

    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(0);
    dup2(out_fd, STDOUT_FILENO);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDERR_FILENO);
    }
    /* dup2 onto itself would keep close-on-exec set. */
    if (lifeline == LIFELINE_FD)
        fcntl(LIFELINE_FD, F_SETFD, 0);
    else
        dup2(lifeline, LIFELINE_FD);
}

static int spawn_sandbox(struct demo *d, const char *token, const char *const *extra,
                         int *out_fd, struct api_error *err)
{
    char *path = find_sandbox();
    int pipefd[2];
    int lifeline[2];
    const char *argv[32];
    size_t n = 0;
    pid_t parent = getpid();

    if (!path)
        return api_error_set(err, API_ERR_CONFIG, _("INVITUI_SANDBOX does not name a program"));
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        free(path);
        return api_error_set(err, API_ERR_CONFIG, "pipe: %s", strerror(errno));
    }
    if (pipe2(lifeline, O_CLOEXEC) < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        free(path);
        return api_error_set(err, API_ERR_CONFIG, "pipe: %s", strerror(errno));
    }
    argv[n++] = path;
    argv[n++] = "--port";
    argv[n++] = "0";
    argv[n++] = "--parent-fd";
    argv[n++] = "3"; /* LIFELINE_FD */
    for (size_t i = 0; extra && extra[i] && n < ARRAY_SIZE(argv) - 1; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    d->pid = fork();
    if (d->pid == 0) {
        child_setup(parent, pipefd[1], lifeline[0]);
        setenv("INVITUI_SANDBOX_TOKEN", token, 1);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(pipefd[1]);
    close(lifeline[0]);
    free(path);
    if (d->pid < 0) {
        close(pipefd[0]);
        close(lifeline[1]);
        return api_error_set(err, API_ERR_CONFIG, "fork: %s", strerror(errno));
    }
    d->lifeline_fd = lifeline[1];
    *out_fd = pipefd[0];
    return 0;
}

/* The sandbox prints its URL as the first line; anything else means it
 * could not start (not installed, port trouble). */
static int read_url(struct demo *d, int fd, struct api_error *err)
{
    char buf[256];
    size_t len = 0;

    while (len < sizeof(buf) - 1) {
        ssize_t r = read(fd, buf + len, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || buf[len] == '\n')
            break;
        len++;
    }
    close(fd);
    buf[len] = '\0';
    if (strncmp(buf, "http://127.0.0.1:", 17) != 0)
        return api_error_set(err, API_ERR_CONFIG,
                             _("could not start %s (is it built or installed?)"), SANDBOX_NAME);
    d->url = xstrdup(buf);
    return 0;
}

/* Appends the ids of one page of the sandbox's account list to ids
 * (comma-separated); *n gets how many the page held. */
static int add_account_page(const struct http_response *resp, struct strbuf *ids, size_t *n,
                            struct api_error *err)
{
    json_t *root = json_util_load(resp->body.data, resp->body.len,
                                  _("The sandbox's account list could not be read."), err);
    json_t *items = root ? json_object_get(root, "items") : NULL;

    *n = json_array_size(items);
    for (size_t i = 0; i < *n; i++) {
        const char *id = json_util_str(json_array_get(items, i), "id");
        if (!hybridbox_id_valid(id))
            continue;
        if (ids->len)
            strbuf_putc(ids, ',');
        strbuf_puts(ids, id);
    }
    json_decref(root);
    return root ? 0 : -1;
}

/* The sandbox's Hybridbox account ids, comma-separated, for the profile:
 * a hybridbox profile must name its accounts, and the sandbox, unlike
 * Hybridbox, lists them (its INFERRED GET /v1/public/accounts, paged). Only
 * ever asked of the sandbox the demo itself started. */
static int fetch_accounts(struct demo *d, const char *token, struct strbuf *ids,
                          struct api_error *err)
{
    struct http_client *c = http_client_new(NULL, token);
    int rc = 0;

    if (!c)
        return api_error_set(err, API_ERR_CONFIG, "libcurl: %s", strerror(errno));
    for (long page = 1; rc == 0 && page <= MAX_ACCOUNT_PAGES; page++) {
        char *url = xasprintf("%s/v1/public/accounts?page=%ld&page_size=%d", d->url, page,
                              ACCOUNTS_PAGE_SIZE);
        struct http_call call = {.method = HTTP_GET, .url = url};
        struct http_response resp;
        size_t n = 0;
        rc = http_perform(c, &call, &resp, err);
        if (rc == 0)
            rc = add_account_page(&resp, ids, &n, err);
        http_response_free(&resp);
        free(url);
        if (n < ACCOUNTS_PAGE_SIZE)
            break;
    }
    http_client_free(c);
    if (rc == 0 && ids->len == 0)
        rc = api_error_set(err, API_ERR_CONFIG, _("the sandbox lists no Hybridbox account"));
    return rc;
}

/* The profiles read the token from TOKEN_ENV, set in this process only. */
static int write_config(struct demo *d, const char *accounts, struct api_error *err)
{
    d->config_path = xasprintf("%s/config", d->dir);
    int fd = open(d->config_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

    if (!f) {
        if (fd >= 0)
            close(fd);
        return api_error_set(err, API_ERR_CONFIG, "%s: %s", d->config_path, strerror(errno));
    }
    fprintf(f,
            "; written by invitui --demo; removed when the demo ends\n"
            "[defaults]\nprofile = demo-hybridbox\n\n"
            "[profile demo-hybridbox]\nprovider = hybridbox\nbase_url = %s\n"
            "accounts = %s\ntoken_env = %s\nlocale = en\n\n"
            "[profile demo-marketplace]\nprovider = marketplace\nbase_url = %s\n"
            "token_env = %s\n",
            d->url, accounts, TOKEN_ENV, d->url, TOKEN_ENV);
    if (fclose(f) != 0)
        return api_error_set(err, API_ERR_CONFIG, "%s: %s", d->config_path, strerror(errno));
    return 0;
}

/* A directory entry DIR_PREFIX<pid>.XXXXXX: the pid, or 0. */
static pid_t dir_owner(const char *name)
{
    const char *p = name + strlen(DIR_PREFIX);
    const char *dot;
    long pid;

    if (strncmp(name, DIR_PREFIX, strlen(DIR_PREFIX)) != 0 || !(dot = strchr(p, '.')) ||
        strlen(dot + 1) != 6)
        return 0;
    char *digits = xstrndup(p, (size_t)(dot - p));
    int rc = util_parse_long(digits, 2, 4194304, &pid);
    free(digits);
    return rc < 0 ? 0 : (pid_t)pid;
}

/* Empties and removes one stale demo directory: files only, so anything
 * unexpected in it (a subdirectory) leaves it in place. */
static void remove_stale_dir(int parent, const char *name)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *ent;

    if (!dir) {
        if (fd >= 0)
            close(fd);
        return;
    }
    while ((ent = readdir(dir)) != NULL) {
        if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0)
            unlinkat(dirfd(dir), ent->d_name, 0);
    }
    closedir(dir);
    unlinkat(parent, name, AT_REMOVEDIR);
}

/* Removes what a demo that was killed (kill -9 gives no chance to clean up)
 * left in tmp: only directories named like ours, owned by us, whose
 * process is gone. */
static void remove_stale_dirs(const char *tmp)
{
    DIR *dir = opendir(tmp);
    struct dirent *ent;

    if (!dir)
        return;
    while ((ent = readdir(dir)) != NULL) {
        pid_t owner = dir_owner(ent->d_name);
        struct stat st;
        if (owner <= 0 || owner == getpid())
            continue;
        if (fstatat(dirfd(dir), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
            !S_ISDIR(st.st_mode) || st.st_uid != getuid())
            continue;
        if (kill(owner, 0) == 0 || errno != ESRCH)
            continue;
        remove_stale_dir(dirfd(dir), ent->d_name);
    }
    closedir(dir);
}

int demo_start(struct demo *d, const char *const *extra_args, struct api_error *err)
{
    char token[64];
    const char *tmp = getenv("TMPDIR");
    const char *tmpdir = tmp && *tmp == '/' ? tmp : "/tmp";
    char *tmpl = xasprintf("%s/" DIR_PREFIX "%ld.XXXXXX", tmpdir, (long)getpid());
    struct strbuf accounts;
    int fd = -1;

    memset(d, 0, sizeof(*d));
    d->lifeline_fd = -1;
    remove_stale_dirs(tmpdir);
    if (!mkdtemp(tmpl)) {
        int rc = api_error_set(err, API_ERR_CONFIG, "mkdtemp %s: %s", tmpl, strerror(errno));
        free(tmpl);
        return rc;
    }
    d->dir = tmpl;
    random_token(token, sizeof(token));
    strbuf_init(&accounts);
    int rc = spawn_sandbox(d, token, extra_args, &fd, err);
    if (rc == 0)
        rc = read_url(d, fd, err);
    if (rc == 0)
        rc = fetch_accounts(d, token, &accounts, err);
    if (rc == 0)
        rc = write_config(d, accounts.data, err);
    /* UI thread, before the session (and any worker thread) starts. */
    if (rc == 0 && setenv(TOKEN_ENV, token, 1) < 0)
        rc = api_error_set(err, API_ERR_CONFIG, "setenv: %s", strerror(errno));
    strbuf_free(&accounts);
    explicit_bzero(token, sizeof(token));
    if (rc < 0)
        demo_stop(d);
    return rc;
}

void demo_stop(struct demo *d)
{
    if (d->lifeline_fd > 0) { /* 0: a struct demo never started */
        close(d->lifeline_fd);
        d->lifeline_fd = -1;
    }
    if (d->pid > 0) {
        kill(d->pid, SIGTERM);
        while (waitpid(d->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        d->pid = 0;
    }
    if (d->config_path) {
        unlink(d->config_path);
        free(d->config_path);
        d->config_path = NULL;
    }
    if (d->dir) {
        rmdir(d->dir);
        free(d->dir);
        d->dir = NULL;
    }
    free(d->url);
    d->url = NULL;
}
