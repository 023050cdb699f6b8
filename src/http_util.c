/* http_util: the pure helpers of http.h (escaping, redaction, Retry-After)
 * and the process-wide set-up. */
#include "config.h"

#include "invitui/http.h"

#include <ctype.h>
#include <curl/curl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "invitui/query.h"

/* One encoder for the whole program: query.c's, which the providers use
 * too (it keeps only RFC 3986 unreserved characters). */
char *http_url_escape(const char *s)
{
    return query_escape_dup(s);
}

static bool is_secret_header(const char *line, size_t name_len)
{
    static const char *const names[] = {"Authorization", "Proxy-Authorization", "Cookie",
                                        "Set-Cookie"};

    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (strlen(names[i]) == name_len && strncasecmp(line, names[i], name_len) == 0)
            return true;
    return false;
}

void http_redact_headers(struct strbuf *out, const char *headers, size_t len)
{
    const char *p = headers;
    const char *end = headers + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl + 1 : end;
        const char *colon = memchr(p, ':', (size_t)(eol - p));
        size_t name_len = colon ? (size_t)(colon - p) : 0;

        /* Tolerate "Name :" as some servers write it. */
        while (name_len > 0 && (p[name_len - 1] == ' ' || p[name_len - 1] == '\t'))
            name_len--;
        if (colon && name_len > 0 && is_secret_header(p, name_len)) {
            const char *ending = nl ? (nl > p && nl[-1] == '\r' ? nl - 1 : nl) : end;
            strbuf_append(out, p, (size_t)(colon - p));
            strbuf_puts(out, ": [redacted]");
            strbuf_append(out, ending, (size_t)(eol - ending));
        } else {
            strbuf_append(out, p, (size_t)(eol - p));
        }
        p = eol;
    }
}

static int month_index(const char *m)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

    for (int i = 0; i < 12; i++)
        if (strncmp(months + 3 * i, m, 3) == 0)
            return i;
    return -1;
}

/* IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), parsed without the
 * locale: strptime's %a and %b follow LC_TIME, and the UI sets it. */
static long parse_http_date(const char *s, long now)
{
    char wday[4], mon[4], zone[4];
    int day, year, hh, mm, ss, used = 0;
    struct tm tm = {0};

    if (sscanf(s, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d %3[A-Z]%n", wday, &day, mon,
               &year, &hh, &mm, &ss, zone, &used) != 8)
        return -1;
    if (s[used] != '\0' || strcmp(zone, "GMT") != 0)
        return -1;
    tm.tm_mon = month_index(mon);
    if (tm.tm_mon < 0 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60 || year < 1970)
        return -1;
    tm.tm_mday = day;
    tm.tm_year = year - 1900;
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_sec = ss;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return -1;
    return t > now ? (long)(t - now) : 0;
}

long http_parse_retry_after(const char *value, long now)
{
    char buf[64];
    size_t len;

    if (!value)
        return -1;
    while (*value == ' ' || *value == '\t')
        value++;
    len = strlen(value);
    while (len > 0 && isspace((unsigned char)value[len - 1]))
        len--;
    if (len == 0 || len >= sizeof(buf))
        return -1;
    memcpy(buf, value, len);
    buf[len] = '\0';
    if (isdigit((unsigned char)buf[0])) {
        long secs;
        /* Absurd delays are capped rather than refused: the caller
         * compares with its own limit anyway. */
        if (strspn(buf, "0123456789") != len)
            return -1;
        if (util_parse_long(buf, 0, 100000000L, &secs) < 0)
            return 100000000L;
        return secs;
    }
    return parse_http_date(buf, now);
}

int http_global_init(void)
{
    /* NOSIGNAL stops curl from ignoring SIGPIPE itself (CURLOPT_NOSIGNAL). */
    signal(SIGPIPE, SIG_IGN);
    json_object_seed(0);
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void http_global_cleanup(void)
{
    curl_global_cleanup();
}
