/* session: everything a command needs to talk to one profile's API.
 *
 * Contract: session_open loads the configuration, selects the profile,
 * resolves its token and prepares HTTP options; both the CLI and the TUI
 * start here. The token lives only in this struct and in HTTP clients made
 * from it; session_close wipes it. UI thread (or the CLI's only thread);
 * session_http_client may be called on any thread once the session is open. */
#ifndef INVITUI_SESSION_H
#define INVITUI_SESSION_H

#include <stdbool.h>

#include "invitui/error.h"
#include "invitui/http.h"
#include "invitui/profile.h"
#include "invitui/provider.h"

struct session_options {
    const char *config_path;  /* --config, NULL: the default path */
    const char *profile_name; /* --profile, NULL: selection rules */
    const char *trace_path;   /* --trace, NULL: none */
    bool no_cache;            /* --no-cache: the TUI neither shows nor keeps a cached list */
};

struct session {
    struct profile_set profiles;
    const struct profile *profile;
    const struct provider_ops *ops;
    struct http_options http;
    char *token;
    char *config_path;
};

int session_open(struct session *s, const struct session_options *o, struct api_error *err);
/* A new client for the calling thread; the caller frees it. */
struct http_client *session_http_client(const struct session *s);
void session_close(struct session *s);

#endif
