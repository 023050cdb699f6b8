/* http_testsrv: a tiny HTTP/1.1 server on 127.0.0.1 for the http unit
 * tests. One connection at a time, each request answered by the test's
 * function and the connection closed; every request is logged so tests can
 * check what was sent (method, target, Host, Authorization, body ...).
 *
 * Contract: test-only; one server per process, on its own thread. The
 * accessors lock, so they may be called while a transfer runs. */
#ifndef INVITUI_TESTS_HTTP_TESTSRV_H
#define INVITUI_TESTS_HTTP_TESTSRV_H

#include <stdbool.h>
#include <stddef.h>

struct testsrv_req {
    char method[16];
    char target[256]; /* path and query, as sent */
    char host[128];
    char auth[128];   /* Authorization value, "" when absent */
    bool has_auth;
    char user_agent[64];
    char accept[64];
    char content_type[64];
    bool has_content_type;
    char content_length[32];
    bool has_content_length;
    char body[256];
};

/* Answers one request; nth counts the requests with this target so far (1..). */
typedef void (*testsrv_answer_fn)(int fd, const struct testsrv_req *req, int nth);

int testsrv_start(testsrv_answer_fn answer); /* 0 or -1 */
void testsrv_stop(void);
int testsrv_port(void);
/* "http://HOST:PORT/path" (malloc'd); host NULL means 127.0.0.1. */
char *testsrv_url(const char *host, const char *path);
/* Requests seen with exactly this target. */
int testsrv_hits(const char *target);
/* Requests seen in all. */
int testsrv_count(void);
/* A copy of request i (0-based, -1 for the last); zeroed when there is none. */
struct testsrv_req testsrv_request(int i);

bool testsrv_send_all(int fd, const char *data, size_t len);
/* A whole answer with a JSON body; extra holds more header lines ("" or "Name: v\r\n"). */
void testsrv_respond(int fd, int status, const char *extra, const char *body);
/* A whole file (a trace the client wrote), malloc'd; NULL when unreadable. */
char *testsrv_read_file(const char *path);
/* A listening socket on a free loopback port, or -1. */
int testsrv_listen(int *port);

#endif
