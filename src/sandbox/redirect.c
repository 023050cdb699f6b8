#include "config.h"

#include "redirect.h"

#include <stdatomic.h>
#include <string.h>

static atomic_ullong counts[3];

static const char marker[] = REDIRECT_MARKER "=1";

/* Whether one '&'-separated parameter (len bytes at p) is the marker. */
static bool param_is_marker(const char *p, size_t len)
{
    return len == sizeof(marker) - 1 && memcmp(p, marker, len) == 0;
}

bool redirect_is_marked(const char *q)
{
    while (q && *q) {
        size_t len = strcspn(q, "&");
        if (param_is_marker(q, len))
            return true;
        q += len + (q[len] == '&');
    }
    return false;
}

char *redirect_strip_marker(const char *q)
{
    struct strbuf out;

    strbuf_init(&out);
    while (q && *q) {
        size_t len = strcspn(q, "&");
        if (!param_is_marker(q, len)) {
            if (out.len)
                strbuf_putc(&out, '&');
            strbuf_append(&out, q, len);
        }
        q += len + (q[len] == '&');
    }
    return strbuf_detach(&out, NULL);
}

/* Whether a Host header names 127.0.0.1, with or without a port. */
static bool host_is_ipv4_loopback(const char *host)
{
    static const char ip[] = "127.0.0.1";

    return host && strncmp(host, ip, sizeof(ip) - 1) == 0 &&
           (host[sizeof(ip) - 1] == ':' || host[sizeof(ip) - 1] == '\0');
}

char *redirect_location(const char *host, unsigned port, const char *raw_path,
                        const char *raw_query)
{
    const char *other = host_is_ipv4_loopback(host) ? "localhost" : "127.0.0.1";

    return xasprintf("http://%s:%u%s?%s%s%s", other, port, raw_path, raw_query,
                     *raw_query ? "&" : "", marker);
}

void redirect_count(enum redirect_event e)
{
    atomic_fetch_add(&counts[e], 1);
}

void redirect_stats(struct strbuf *out)
{
    strbuf_printf(out, "{\"redirected\":%llu,\"downloads\":%llu,"
                       "\"rejected_with_authorization\":%llu}",
                  (unsigned long long)atomic_load(&counts[REDIRECT_REDIRECTED]),
                  (unsigned long long)atomic_load(&counts[REDIRECT_DOWNLOAD]),
                  (unsigned long long)atomic_load(&counts[REDIRECT_REJECTED]));
}
