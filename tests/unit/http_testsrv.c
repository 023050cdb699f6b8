#include "config.h"

#include "http_testsrv.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "invitui/util.h"

static struct {
    int fd;
    int port;
    pthread_t thread;
    volatile int stop;
    pthread_mutex_t mu;
    int total;
    struct testsrv_req *log; /* every request, in order */
    size_t cap;
    testsrv_answer_fn answer;
} srv = {.fd = -1, .mu = PTHREAD_MUTEX_INITIALIZER};

bool testsrv_send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

void testsrv_respond(int fd, int status, const char *extra, const char *body)
{
    char head[4096];

    snprintf(head, sizeof(head),
             "HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
             "Connection: close\r\n%s\r\n",
             status, strlen(body), extra);
    testsrv_send_all(fd, head, strlen(head));
    testsrv_send_all(fd, body, strlen(body));
}

/* Copies the value of header `name` into out; false when it is absent. */
static bool header_value(const char *req, const char *name, char *out, size_t len)
{
    const char *p = req;
    size_t nlen = strlen(name);

    out[0] = '\0';
    while ((p = strstr(p, "\r\n"))) {
        p += 2;
        if (strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
            const char *v = p + nlen + 1;
            while (*v == ' ')
                v++;
            size_t n = strcspn(v, "\r\n");
            snprintf(out, len, "%.*s", (int)n, v);
            return true;
        }
    }
    return false;
}

/* Reads one request (headers and a Content-Length body); false on EOF. */
static bool read_request(int fd, char *req, size_t cap)
{
    size_t len = 0;
    char clen[32];

    while (len < cap - 1) {
        ssize_t n = recv(fd, req + len, cap - 1 - len, 0);
        if (n <= 0)
            return false;
        len += (size_t)n;
        req[len] = '\0';
        char *end = strstr(req, "\r\n\r\n");
        if (!end)
            continue;
        header_value(req, "Content-Length", clen, sizeof(clen));
        size_t want = (size_t)(end + 4 - req) + (size_t)strtoul(clen, NULL, 10);
        if (len >= want)
            break;
    }
    return true;
}

static void parse_request(const char *req, struct testsrv_req *r)
{
    char fmt[32];

    memset(r, 0, sizeof(*r));
    snprintf(fmt, sizeof(fmt), "%%%zus %%%zus", sizeof(r->method) - 1, sizeof(r->target) - 1);
    if (sscanf(req, fmt, r->method, r->target) != 2)
        r->target[0] = '\0';
    header_value(req, "Host", r->host, sizeof(r->host));
    r->has_auth = header_value(req, "Authorization", r->auth, sizeof(r->auth));
    header_value(req, "User-Agent", r->user_agent, sizeof(r->user_agent));
    header_value(req, "Accept", r->accept, sizeof(r->accept));
    r->has_content_type = header_value(req, "Content-Type", r->content_type,
                                       sizeof(r->content_type));
    r->has_content_length = header_value(req, "Content-Length", r->content_length,
                                         sizeof(r->content_length));
    const char *body = strstr(req, "\r\n\r\n");
    snprintf(r->body, sizeof(r->body), "%s", body ? body + 4 : "");
}

static void serve_one(int fd)
{
    char req[8192];
    struct testsrv_req r;

    if (!read_request(fd, req, sizeof(req)))
        return;
    parse_request(req, &r);
    pthread_mutex_lock(&srv.mu);
    if ((size_t)srv.total == srv.cap) {
        srv.cap = srv.cap ? 2 * srv.cap : 64;
        srv.log = xrealloc(srv.log, srv.cap * sizeof(*srv.log));
    }
    srv.log[srv.total++] = r;
    pthread_mutex_unlock(&srv.mu);
    srv.answer(fd, &r, testsrv_hits(r.target));
}

static void *server_main(void *arg)
{
    (void)arg;
    while (!srv.stop) {
        struct pollfd p = {srv.fd, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0)
            continue;
        int fd = accept(srv.fd, NULL, NULL);
        if (fd < 0)
            continue;
        serve_one(fd);
        shutdown(fd, SHUT_WR);
        close(fd);
    }
    return NULL;
}

int testsrv_listen(int *port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    socklen_t alen = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 16) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

int testsrv_start(testsrv_answer_fn answer)
{
    srv.answer = answer;
    srv.fd = testsrv_listen(&srv.port);
    if (srv.fd < 0)
        return -1;
    return pthread_create(&srv.thread, NULL, server_main, NULL) == 0 ? 0 : -1;
}

void testsrv_stop(void)
{
    srv.stop = 1;
    pthread_join(srv.thread, NULL);
    close(srv.fd);
    srv.fd = -1;
    free(srv.log);
    srv.log = NULL;
    srv.cap = 0;
}

int testsrv_port(void)
{
    return srv.port;
}

char *testsrv_url(const char *host, const char *path)
{
    return xasprintf("http://%s:%d%s", host ? host : "127.0.0.1", srv.port, path);
}

int testsrv_hits(const char *target)
{
    int n = 0;

    pthread_mutex_lock(&srv.mu);
    for (int i = 0; i < srv.total; i++)
        n += strcmp(srv.log[i].target, target) == 0;
    pthread_mutex_unlock(&srv.mu);
    return n;
}

int testsrv_count(void)
{
    pthread_mutex_lock(&srv.mu);
    int n = srv.total;
    pthread_mutex_unlock(&srv.mu);
    return n;
}

struct testsrv_req testsrv_request(int i)
{
    struct testsrv_req r;

    memset(&r, 0, sizeof(r));
    pthread_mutex_lock(&srv.mu);
    if (i < 0)
        i = srv.total - 1;
    if (i >= 0 && i < srv.total)
        r = srv.log[i];
    pthread_mutex_unlock(&srv.mu);
    return r;
}

char *testsrv_read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    struct strbuf sb;
    char buf[4096];
    size_t n;

    if (!f)
        return NULL;
    strbuf_init(&sb);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_append(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb, NULL);
}
