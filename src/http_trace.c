/* http_trace: the optional request/response trace file (see http.h).
 * Secrets never reach it: request headers go through http_redact_headers,
 * TLS payloads are skipped, response bodies are cut, and every line passes
 * through redact_text (a server may echo the token back). */
#include "config.h"

#include "invitui/http_private.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invitui/redact.h"
#include "invitui/sanitize.h"

void http_trace_note(struct http_client *c, unsigned long id, const char *fmt, ...)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    struct strbuf sb;
    va_list ap;

    if (!c->trace)
        return;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    strbuf_init(&sb);
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    char *clean = redact_text(sb.data ? sb.data : "", sb.len, NULL);
    fprintf(c->trace, "[%lu] == %s %s\n", id, stamp, clean);
    free(clean);
    strbuf_free(&sb);
    fflush(c->trace);
}

/* One trace line per line of data; server text is made terminal-safe.
 * Secrets are taken out before sanitising, which could change their
 * spelling. A secret split across two pieces of a body that curl hands
 * over separately is not recognised; the token is short and bodies come in
 * pieces of many kilobytes, so in practice only the cut at
 * HTTP_TRACE_BODY_MAX could split one. */
static void trace_lines_cap(struct http_client *c, unsigned long id, const char *prefix,
                            const char *data, size_t len, bool clean, size_t cap)
{
    while (len > 0) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl ? (size_t)(nl - data) : len;
        size_t shown = n;

        if (shown > 0 && data[shown - 1] == '\r')
            shown--;
        size_t rlen;
        char *line = redact_text(data, shown, &rlen);
        if (clean) {
            char *s = sanitize_display_cap(line, rlen, 0, cap);
            fprintf(c->trace, "[%lu] %s%s\n", id, prefix, s);
            free(s);
        } else {
            fprintf(c->trace, "[%lu] %s%.*s\n", id, prefix, (int)rlen, line);
        }
        free(line);
        if (!nl)
            break;
        len -= n + 1;
        data = nl + 1;
    }
}

static bool error_answer(CURL *easy)
{
    long code = 0;

    return curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code >= 400;
}

static void trace_lines(struct http_client *c, unsigned long id, const char *prefix,
                        const char *data, size_t len, bool clean)
{
    trace_lines_cap(c, id, prefix, data, len, clean, 4096);
}

int http_trace_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *userp)
{
    struct http_xfer *x = userp;
    struct http_client *c = x->c;
    struct strbuf sb;

    if (!c->trace)
        return 0;
    switch (type) {
    case CURLINFO_TEXT:
        trace_lines(c, x->id, "* ", data, size, true);
        break;
    case CURLINFO_HEADER_OUT:
        strbuf_init(&sb);
        http_redact_headers(&sb, data, size);
        trace_lines(c, x->id, "> ", sb.data, sb.len, true);
        strbuf_free(&sb);
        break;
    case CURLINFO_HEADER_IN:
        strbuf_init(&sb);
        http_redact_headers(&sb, data, size);
        trace_lines(c, x->id, "< ", sb.data, sb.len, true);
        strbuf_free(&sb);
        break;
    case CURLINFO_DATA_OUT:
        /* Our own JSON: no secrets in request bodies. */
        trace_lines(c, x->id, "> ", data, size, true);
        break;
    case CURLINFO_DATA_IN:
        /* An error answer is traced whole (the size cap bounds it): it is
         * the full text behind a message that lists only its first items.
         * A list is cut: its rows are not what a trace is for. */
        if (error_answer(easy)) {
            trace_lines_cap(c, x->id, "< ", data, size, true, SANITIZE_NO_CAP);
        } else if (x->traced_in < HTTP_TRACE_BODY_MAX) {
            size_t n = HTTP_TRACE_BODY_MAX - x->traced_in;
            if (n > size)
                n = size;
            trace_lines(c, x->id, "< ", data, n, true);
            x->traced_in += n;
            if (x->traced_in >= HTTP_TRACE_BODY_MAX)
                fprintf(c->trace, "[%lu] < [body cut after %d bytes]\n", x->id,
                        HTTP_TRACE_BODY_MAX);
        }
        break;
    default: /* TLS records */
        break;
    }
    fflush(c->trace);
    return 0;
}
