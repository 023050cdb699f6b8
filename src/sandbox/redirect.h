/* redirect: --redirect-lists, the sandbox's stand-in for the download
 * location that large Marketplace reads may be sent to [S3 RQL §4]. A
 * collection GET is answered 302 to the same path and query on another host
 * name of this server (127.0.0.1 <-> localhost), marked as a download; the
 * download is served without the bearer token and refuses any request that
 * carries one, because a client must never send its token to another host.
 *
 * Contract: the counters are atomic (any thread); the rest are pure
 * functions whose strings the caller frees. */
#ifndef INVITUI_SANDBOX_REDIRECT_H
#define INVITUI_SANDBOX_REDIRECT_H

#include <stdbool.h>

#include "invitui/util.h"

/* The query parameter that marks a request as the download (value 1). */
#define REDIRECT_MARKER "_sandbox_download"

enum redirect_event {
    REDIRECT_REDIRECTED, /* a collection GET answered 302 */
    REDIRECT_DOWNLOAD,   /* a page served at the download location */
    REDIRECT_REJECTED,   /* a download request that carried Authorization */
};

/* True when raw_query (percent-encoded, no '?') has the marker. */
bool redirect_is_marked(const char *raw_query);
/* raw_query without the marker parameter. */
char *redirect_strip_marker(const char *raw_query);
/* The download location of a request that came with the Host header host
 * (NULL: none) to this server's port: http://OTHER:PORT/raw_path?query&
 * _sandbox_download=1, OTHER being localhost when host names 127.0.0.1 and
 * 127.0.0.1 otherwise. */
char *redirect_location(const char *host, unsigned port, const char *raw_path,
                        const char *raw_query);

void redirect_count(enum redirect_event e);
/* Appends {"redirected":N,"downloads":N,"rejected_with_authorization":N}. */
void redirect_stats(struct strbuf *out);

#endif
