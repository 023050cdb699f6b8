#include "config.h"

#include "invitui/query.h"

#include <stdbool.h>
#include <string.h>

static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
           || c == '-' || c == '.' || c == '_' || c == '~';
}

void query_escape(struct strbuf *out, const char *s, const char *keep)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (unreserved(*p) || (keep && strchr(keep, *p))) {
            strbuf_putc(out, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            strbuf_append(out, enc, 3);
        }
    }
}

char *query_escape_dup(const char *s)
{
    struct strbuf sb;

    strbuf_init(&sb);
    query_escape(&sb, s, NULL);
    return strbuf_detach(&sb, NULL);
}
