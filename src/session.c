#include "config.h"

#include "invitui/session.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/redact.h"

int session_open(struct session *s, const struct session_options *o, struct api_error *err)
{
    memset(s, 0, sizeof(*s));
    s->config_path = o->config_path ? xstrdup(o->config_path) : profile_default_path();
    if (profile_set_load(s->config_path, &s->profiles, err) < 0)
        return -1;
    s->profile = profile_select(&s->profiles, o->profile_name, err);
    if (!s->profile)
        return -1;
    s->ops = provider_for(s->profile->provider);
    s->token = profile_token(s->profile, err);
    if (!s->token)
        return -1;
    /* From here on no output sink prints it, even if a server echoes it. */
    redact_add(s->token);
    s->http.ca_file = s->profile->ca_file;
    s->http.insecure = s->profile->insecure;
    s->http.connect_timeout_ms = s->profile->connect_timeout_ms;
    s->http.timeout_ms = s->profile->timeout_ms;
    s->http.trace_path = o->trace_path;
    return 0;
}

struct http_client *session_http_client(const struct session *s)
{
    return http_client_new(&s->http, s->token);
}

void session_close(struct session *s)
{
    if (s->token) {
        explicit_bzero(s->token, strlen(s->token));
        free(s->token);
    }
    profile_set_free(&s->profiles);
    free(s->config_path);
    memset(s, 0, sizeof(*s));
}
