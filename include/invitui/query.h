/* query: percent-encoding for URL paths and query strings.
 *
 * Contract: pure, any thread. It encodes everything but the RFC 3986
 * unreserved characters (the same set as http_url_escape) plus the
 * characters a caller asks to keep, which lets the Marketplace RQL keep its
 * punctuation while values stay encoded. Kept here, apart from http.c, so
 * URL building is testable without the network layer. */
#ifndef INVITUI_QUERY_H
#define INVITUI_QUERY_H

#include "invitui/util.h"

/* Appends s percent-encoded to out; bytes in `keep` (may be NULL) stay as is. */
void query_escape(struct strbuf *out, const char *s, const char *keep);
/* The same into a new malloc'd string. */
char *query_escape_dup(const char *s);

#endif
