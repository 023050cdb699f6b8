#include "config.h"

#include "invitui/timings.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* start and path are set by timings_init() before threads exist; fd is only
 * touched under the lock; failed (the file could not be opened) is read
 * without it by timings_enabled(). */
static struct {
    pthread_mutex_t lock;
    struct timespec start;
    char *path;
    int fd;
    atomic_bool failed;
} state = {.lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1};

void timings_init(void)
{
    const char *path = getenv("INVITUI_TIMINGS");

    clock_gettime(CLOCK_MONOTONIC, &state.start);
    free(state.path);
    state.path = path && *path ? strdup(path) : NULL;
}

bool timings_enabled(void)
{
    return state.path != NULL && !state.failed;
}

double timings_now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - state.start.tv_sec) * 1e3 +
           (double)(now.tv_nsec - state.start.tv_nsec) / 1e6;
}

/* Whole line or nothing more: a short write is retried for the rest, which
 * O_APPEND keeps at the end of the file. */
static void write_line(const char *line, size_t len)
{
    if (state.fd < 0) {
        state.fd = open(state.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (state.fd < 0) {
            state.failed = true;
            return;
        }
    }
    while (len > 0) {
        ssize_t n = write(state.fd, line, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        line += n;
        len -= (size_t)n;
    }
}

/* Rounded to a microsecond: enough for frames, short enough to read (the
 * line is written with 10 significant digits, exact up to 2.7 hours). */
json_t *timings_ms_value(double ms)
{
    return json_real((double)(long long)(ms * 1e3 + 0.5) / 1e3);
}

static json_t *collect(const char *event, va_list ap)
{
    json_t *o = timings_enabled() ? json_object() : NULL;
    const char *name;

    /* t_ms first for the reader; its value is set when the line is written. */
    if (o) {
        json_object_set_new(o, "t_ms", json_real(0));
        json_object_set_new(o, "event", json_string(event));
    }
    while ((name = va_arg(ap, const char *)) != NULL) {
        json_t *v = va_arg(ap, json_t *);
        if (o && v)
            json_object_set_new(o, name, v);
        else
            json_decref(v);
    }
    return o;
}

void timings_event(const char *event, ...)
{
    va_list ap;

    va_start(ap, event);
    json_t *o = collect(event, ap);
    va_end(ap);
    if (!o)
        return;
    pthread_mutex_lock(&state.lock);
    /* The time is taken under the lock so that lines are in time order. */
    json_object_set_new(o, "t_ms", timings_ms_value(timings_now_ms()));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    if (s) {
        size_t len = strlen(s);
        char *line = realloc(s, len + 2);
        if (line) {
            s = line;
            s[len] = '\n';
            s[len + 1] = '\0';
            write_line(s, len + 1);
        }
        free(s);
    }
    pthread_mutex_unlock(&state.lock);
    json_decref(o);
}

void timings_reset(void)
{
    pthread_mutex_lock(&state.lock);
    if (state.fd >= 0)
        close(state.fd);
    state.fd = -1;
    state.failed = false;
    free(state.path);
    state.path = NULL;
    pthread_mutex_unlock(&state.lock);
}
