#include "config.h"

#include "invitui/session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/redact.h"
#include "invitui/sanitize.h"

/* The HTTP client opens the trace file itself, on whichever thread makes
 * it; trying it here turns a path that cannot be written into a usage error
 * before anything is sent, instead of a client that cannot be made. */
static int check_trace_path(const char *path, struct api_error *err)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);

    if (fd < 0) {
        int saved = errno;
        char *safe = sanitize_cstr(path, 0);
        /* TRANSLATORS: %1$s is the --trace path, %2$s the system's reason. */
        api_error_set(err, API_ERR_USAGE, _("cannot open the trace file %1$s: %2$s"), safe,
                      strerror(saved));
        free(safe);
        return -1;
    }
    close(fd);
    return 0;
}

int session_open(struct session *s, const struct session_options *o, struct api_error *err)
{
    memset(s, 0, sizeof(*s));
    if (o->trace_path && check_trace_path(o->trace_path, err) < 0)
        return -1;
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
