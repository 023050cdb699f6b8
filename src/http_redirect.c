/* http_redirect: GETs follow redirects here, not in libcurl.
 *
 * Why not CURLOPT_FOLLOWLOCATION: our token travels in a custom
 * "Authorization:" header (CURLOPT_HTTPHEADER), and whether libcurl keeps
 * such a header away from a redirect's target depends on its version: it
 * is dropped for another host name since 7.58.0 (CVE-2018-1000007) but for
 * another port or scheme only since 7.83.0 (CVE-2022-27774, -27776), and
 * configure accepts libcurl 7.68 (Debian 12 ships 7.88). Handing the
 * token to libcurl's own auth (CURLOPT_XOAUTH2_BEARER) would tie us to the
 * same version-dependent rules. Following by hand costs a few lines and
 * gives one rule on every libcurl: Authorization goes only to the first
 * URL's scheme, host and port, and never again once a hop has left them.
 * It also puts each hop in the trace, keeps POSTs from following, refuses
 * https -> http (the answer would cross the network in clear) and bounds
 * the count in one place. */
#include "config.h"

#include "invitui/http_private.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"

/* The server's Location in messages: terminal-safe and of a sane length. */
#define SHOWN_URL_MAX 300

/* "scheme://host:port" in lower case, or NULL when url does not parse. */
static char *origin_of(const char *url)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *origin = NULL;

    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        origin = xasprintf("%s://%s:%s", scheme, host, port);
        for (char *p = origin; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return origin;
}

static bool has_scheme(const char *url_or_origin, const char *scheme)
{
    size_t n = strlen(scheme);

    return strncasecmp(url_or_origin, scheme, n) == 0 && url_or_origin[n] == ':';
}

void http_hop_start(struct http_hop *hop, const char *url)
{
    http_hop_free(hop);
    hop->url = xstrdup(url);
    hop->origin = origin_of(url);
}

void http_hop_free(struct http_hop *hop)
{
    free(hop->url);
    free(hop->origin);
    memset(hop, 0, sizeof(*hop));
}

static bool is_redirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* fmt is a translated message with one %s. */
static int refuse(struct api_error *err, long status, const char *fmt, const char *arg)
{
    api_error_set(err, API_ERR_HTTP, fmt, arg);
    err->http_status = status;
    return -1;
}

/* 0 when the hop to `shown` (whose origin is `origin`) may be taken, else -1 and *err. */
static int check_target(struct http_xfer *x, long status, const char *shown,
                        const char *origin, struct api_error *err)
{
    if (x->method != HTTP_GET)
        return refuse(err, status,
                      /* TRANSLATORS: %s is the address the server redirected to;
                       * base_url is a setting, keep it as is. */
                      _("the server redirected the request to %s; invitui follows redirects only "
                        "for reads: check the profile's base_url"),
                      shown);
    if (!origin || !(has_scheme(origin, "http") || has_scheme(origin, "https")))
        return refuse(err, status,
                      _("the server redirected to %s, which is not an http or https address"),
                      shown);
    if (has_scheme(x->hop->url, "https") && has_scheme(origin, "http"))
        return refuse(err, status,
                      _("the server redirected from https to plain http (%s); not followed"),
                      shown);
    if (x->hop->count >= HTTP_MAX_REDIRECTS) {
        api_error_set(err, API_ERR_HTTP, _("more than %d redirects (the last one to %s)"),
                      HTTP_MAX_REDIRECTS, shown);
        err->http_status = status;
        return -1;
    }
    return 0;
}

int http_redirect(struct http_xfer *x, long status, struct api_error *err)
{
    struct http_hop *hop = x->hop;
    char *next = NULL;

    if (!is_redirect(status))
        return 0;
    /* The Location made absolute; set even without FOLLOWLOCATION. */
    if (curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &next) != CURLE_OK || !next || !*next)
        return 0;
    char *origin = origin_of(next);
    char *shown = sanitize_display_cap(next, strlen(next), 0, SHOWN_URL_MAX);
    int rc = check_target(x, status, shown, origin, err);
    if (rc == 0) {
        if (!hop->origin || strcmp(origin, hop->origin) != 0)
            hop->foreign = true;
        hop->count++;
        if (x->c->trace)
            http_trace_note(x->c, x->id, "redirect %ld (%d of at most %d) to %s%s", status,
                            hop->count, HTTP_MAX_REDIRECTS, shown,
                            hop->foreign ? "; Authorization is not sent there (another "
                                           "scheme, host or port)"
                                         : "");
        /* next belongs to the easy handle, which the next transfer resets. */
        char *copy = xstrdup(next);
        free(hop->url);
        hop->url = copy;
        rc = HTTP_XFER_FOLLOW;
    }
    free(shown);
    free(origin);
    return rc;
}
