/* profile_token: the three token sources of a profile (see profile.h).
 * Nothing read from a token source ever goes into an error message. */
#include "config.h"

#include "invitui/profile.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "invitui/i18n.h"

/* A token line longer than this is not a token. */
#define TOKEN_MAX 8192
/* Output read (and thrown away) after the first line before giving up on
 * the command, so that a chatty command is not killed by SIGPIPE. */
#define DRAIN_MAX (1024 * 1024)

/* Trailing white space only: a token never ends with a space, but a
 * command's output usually ends with a newline. */
static void trim_right(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        s[--n] = '\0';
}

static char *token_from_env(const struct profile *p, struct api_error *err)
{
    const char *v = getenv(p->token_env);
    char *tok;

    if (!v || !*v) {
        api_error_set(err, API_ERR_AUTH,
                      _("profile \"%s\": the environment variable %s (token_env) is not set "
                        "or empty"),
                      p->name, p->token_env);
        return NULL;
    }
    tok = xstrdup(v);
    trim_right(tok);
    return tok;
}

/* Milliseconds on the monotonic clock. */
static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs the command with stdin on /dev/null in a process group of its own
 * (so that a timeout can kill whatever it started too); returns the
 * child's pid, which is also the group's id, and the read end of its
 * stdout in *out_fd, or -1. */
static pid_t spawn_command(const char *cmd, int *out_fd)
{
    int pipefd[2];
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    pid_t pid;

    if (devnull < 0)
        return -1;
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        close(devnull);
        return -1;
    }
    pid = fork();
    if (pid == 0) {
        /* Only async-signal-safe calls between fork and exec. */
        setpgid(0, 0);
        if (dup2(devnull, STDIN_FILENO) < 0 || dup2(pipefd[1], STDOUT_FILENO) < 0)
            _exit(127);
        signal(SIGPIPE, SIG_DFL);
        execv("/bin/sh", argv);
        _exit(127);
    }
    close(devnull);
    close(pipefd[1]);
    if (pid < 0) {
        close(pipefd[0]);
        return -1;
    }
    /* Also in the parent, so that the group exists before any kill below;
     * fails harmlessly once the child has exec'd. */
    setpgid(pid, pid);
    *out_fd = pipefd[0];
    return pid;
}

/* Waits until fd is readable or the deadline passes: 1, 0 on timeout. */
static int wait_readable(int fd, long long deadline)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};

    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0)
            return 0;
        int n = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
        if (n > 0)
            return 1;
        if (n < 0 && errno != EINTR)
            return 1; /* let read() report it */
    }
}

/* Reads the first line (at most TOKEN_MAX bytes) into buf; drains the rest.
 * *timed_out is set when the deadline passed before end of file. */
static size_t read_first_line(int fd, char *buf, long long deadline, bool *timed_out)
{
    size_t len = 0;
    size_t drained = 0;
    bool eol = false;
    char scratch[4096];

    *timed_out = false;
    for (;;) {
        char *dst = eol || len >= TOKEN_MAX ? scratch : buf + len;
        size_t room = eol || len >= TOKEN_MAX ? sizeof(scratch) : TOKEN_MAX - len;
        if (!wait_readable(fd, deadline)) {
            *timed_out = true;
            break;
        }
        ssize_t n = read(fd, dst, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (dst == scratch) {
            drained += (size_t)n;
            explicit_bzero(scratch, sizeof(scratch));
            if (drained > DRAIN_MAX)
                break;
            continue;
        }
        char *nl = memchr(dst, '\n', (size_t)n);
        if (nl) {
            len = (size_t)(nl - buf);
            eol = true;
        } else {
            len += (size_t)n;
        }
    }
    buf[len < TOKEN_MAX ? len : TOKEN_MAX] = '\0';
    return len;
}

/* The child's status, or -1; *timed_out when it was still running at the
 * deadline (a command may close its stdout and go on). */
static int wait_child(pid_t pid, long long deadline, bool *timed_out)
{
    int status;

    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return status;
        if (r < 0 && errno != EINTR)
            return -1;
        if (now_ms() >= deadline) {
            *timed_out = true;
            return -1;
        }
        poll(NULL, 0, 10);
    }
}

/* Kills the command and everything it started, and reaps it. */
static void kill_command(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL); /* in case setpgid failed */
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
}

static char *token_from_command(const struct profile *p, struct api_error *err)
{
    int fd = -1;
    pid_t pid = spawn_command(p->token_command, &fd);
    char *buf;
    int status;

    if (pid < 0) {
        api_error_set(err, API_ERR_CONFIG, _("profile \"%s\": cannot run token_command: %s"),
                      p->name, strerror(errno));
        return NULL;
    }
    long long deadline = now_ms() + p->timeout_ms;
    bool timed_out = false;
    buf = xmalloc(TOKEN_MAX + 1);
    size_t len = read_first_line(fd, buf, deadline, &timed_out);
    close(fd);
    status = timed_out ? -1 : wait_child(pid, deadline, &timed_out);
    if (timed_out) {
        long secs = p->timeout_ms / 1000;
        kill_command(pid);
        api_error_set(err, API_ERR_AUTH,
                      /* TRANSLATORS: %s is a profile name, %ld a number of
                       * seconds; "timeout" is the setting, keep it as is. */
                      ngettext("profile \"%s\": token_command did not finish within %ld second "
                               "(timeout) and was stopped",
                               "profile \"%s\": token_command did not finish within %ld seconds "
                               "(timeout) and was stopped",
                               (unsigned long)secs),
                      p->name, secs);
        goto fail;
    }
    if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (status >= 0 && WIFSIGNALED(status))
            api_error_set(err, API_ERR_AUTH,
                          _("profile \"%s\": token_command was killed by signal %d"), p->name,
                          WTERMSIG(status));
        else
            api_error_set(err, API_ERR_AUTH,
                          _("profile \"%s\": token_command failed (exit status %d)"), p->name,
                          status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        goto fail;
    }
    if (len >= TOKEN_MAX) {
        api_error_set(err, API_ERR_AUTH,
                      _("profile \"%s\": the first line of token_command's output is longer "
                        "than %d bytes"),
                      p->name, TOKEN_MAX);
        goto fail;
    }
    trim_right(buf);
    if (!*buf) {
        api_error_set(err, API_ERR_AUTH,
                      _("profile \"%s\": token_command printed no token on its first line"),
                      p->name);
        goto fail;
    }
    char *tok = xstrdup(buf);
    explicit_bzero(buf, TOKEN_MAX + 1);
    free(buf);
    return tok;
fail:
    explicit_bzero(buf, TOKEN_MAX + 1);
    free(buf);
    return NULL;
}

/* A control character would corrupt (or inject) the Authorization header. */
static char *checked(const struct profile *p, char *tok, struct api_error *err)
{
    if (!tok)
        return NULL;
    for (const unsigned char *c = (const unsigned char *)tok; *c; c++) {
        if (*c < 0x20 || *c == 0x7f) {
            explicit_bzero(tok, strlen(tok));
            free(tok);
            api_error_set(err, API_ERR_AUTH,
                          _("profile \"%s\": the token contains control characters"), p->name);
            return NULL;
        }
    }
    return tok;
}

char *profile_token(const struct profile *p, struct api_error *err)
{
    if (p->token_env)
        return checked(p, token_from_env(p, err), err);
    if (p->token_command)
        return checked(p, token_from_command(p, err), err);
    if (p->token) {
        char *tok = xstrdup(p->token);
        trim_right(tok);
        return checked(p, tok, err);
    }
    api_error_set(err, API_ERR_AUTH,
                  _("profile \"%s\" has no token: set token_env, token_command or token"),
                  p->name);
    return NULL;
}
