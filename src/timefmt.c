#include "config.h"

#include "invitui/timefmt.h"

#include <langinfo.h>
#include <stdbool.h>
#include <stdlib.h>

#include "invitui/i18n.h"

void timefmt_duration(struct strbuf *out, long long seconds)
{
    long long s = llabs(seconds);
    long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;

    /* TRANSLATORS: compact durations in a narrow table column: days,
     * hours, minutes, seconds. Keep them short. */
    if (d >= 10)
        strbuf_printf(out, _("%lldd"), d);
    else if (d > 0 && h > 0)
        strbuf_printf(out, _("%lldd %lldh"), d, h);
    else if (d > 0)
        strbuf_printf(out, _("%lldd"), d);
    else if (h > 0 && m > 0)
        strbuf_printf(out, _("%lldh %lldm"), h, m);
    else if (h > 0)
        strbuf_printf(out, _("%lldh"), h);
    else if (m > 0)
        strbuf_printf(out, _("%lldm"), m);
    else
        strbuf_printf(out, _("%llds"), s);
}

void timefmt_expiry(struct strbuf *out, time_t expires_at, time_t now)
{
    struct strbuf d;

    if (!expires_at)
        return;
    strbuf_init(&d);
    timefmt_duration(&d, (long long)expires_at - (long long)now);
    if (expires_at > now)
        /* TRANSLATORS: in the Expires column (17 columns in the TUI); %s is a
         * compact duration such as "2d 4h". "in 2d 4h" is fine there. */
        strbuf_printf(out, _("expires in %s"), d.data);
    else
        /* TRANSLATORS: in the Expires column, like "expires in %s". */
        strbuf_printf(out, _("expired %s ago"), d.data);
    strbuf_free(&d);
}

void timefmt_relative(struct strbuf *out, time_t t, time_t now)
{
    struct strbuf d;

    if (!t)
        return;
    strbuf_init(&d);
    timefmt_duration(&d, (long long)t - (long long)now);
    if (t > now)
        /* TRANSLATORS: a time in the future; %s is a compact duration. */
        strbuf_printf(out, _("in %s"), d.data);
    else
        /* TRANSLATORS: a time in the past; %s is a compact duration. */
        strbuf_printf(out, _("%s ago"), d.data);
    strbuf_free(&d);
}

/* The unit a long form counts in, and how many of it. */
enum long_unit { UNIT_DAY, UNIT_HOUR, UNIT_MINUTE, UNIT_SECOND };

static enum long_unit long_unit(long long seconds, unsigned long *count)
{
    long long s = llabs(seconds);

    if (s >= 86400)
        return *count = (unsigned long)(s / 86400), UNIT_DAY;
    if (s >= 3600)
        return *count = (unsigned long)(s / 3600), UNIT_HOUR;
    if (s >= 60)
        return *count = (unsigned long)(s / 60), UNIT_MINUTE;
    return *count = (unsigned long)s, UNIT_SECOND;
}

/* One whole sentence per unit and direction, so every language can decline
 * its words and place the number freely. */
static const char *expiry_long_format(enum long_unit u, bool future, unsigned long n)
{
    switch (u) {
    case UNIT_DAY:
        return future ? ngettext("expires in %lu day", "expires in %lu days", n)
                      : ngettext("expired %lu day ago", "expired %lu days ago", n);
    case UNIT_HOUR:
        return future ? ngettext("expires in %lu hour", "expires in %lu hours", n)
                      : ngettext("expired %lu hour ago", "expired %lu hours ago", n);
    case UNIT_MINUTE:
        return future ? ngettext("expires in %lu minute", "expires in %lu minutes", n)
                      : ngettext("expired %lu minute ago", "expired %lu minutes ago", n);
    case UNIT_SECOND:
        break;
    }
    return future ? ngettext("expires in %lu second", "expires in %lu seconds", n)
                  : ngettext("expired %lu second ago", "expired %lu seconds ago", n);
}

static const char *relative_long_format(enum long_unit u, bool future, unsigned long n)
{
    /* TRANSLATORS: a point in time relative to now: "in 2 days", "2 days ago". */
    switch (u) {
    case UNIT_DAY:
        return future ? ngettext("in %lu day", "in %lu days", n)
                      : ngettext("%lu day ago", "%lu days ago", n);
    case UNIT_HOUR:
        return future ? ngettext("in %lu hour", "in %lu hours", n)
                      : ngettext("%lu hour ago", "%lu hours ago", n);
    case UNIT_MINUTE:
        return future ? ngettext("in %lu minute", "in %lu minutes", n)
                      : ngettext("%lu minute ago", "%lu minutes ago", n);
    case UNIT_SECOND:
        break;
    }
    return future ? ngettext("in %lu second", "in %lu seconds", n)
                  : ngettext("%lu second ago", "%lu seconds ago", n);
}

void timefmt_expiry_long(struct strbuf *out, time_t expires_at, time_t now)
{
    unsigned long n;
    enum long_unit u;

    if (!expires_at)
        return;
    u = long_unit((long long)expires_at - (long long)now, &n);
    strbuf_printf(out, expiry_long_format(u, expires_at > now, n), n);
}

void timefmt_relative_long(struct strbuf *out, time_t t, time_t now)
{
    unsigned long n;
    enum long_unit u;

    if (!t)
        return;
    u = long_unit((long long)t - (long long)now, &n);
    strbuf_printf(out, relative_long_format(u, t > now, n), n);
}

void timefmt_local(struct strbuf *out, time_t t)
{
    struct tm tm;
    char buf[128];

    if (!t || !localtime_r(&t, &tm))
        return;
    /* The locale's own date order (nl_langinfo), not a fixed ISO form. */
    char *fmt = xasprintf("%s %%H:%%M", nl_langinfo(D_FMT));
    if (strftime(buf, sizeof(buf), fmt, &tm) > 0)
        strbuf_puts(out, buf);
    free(fmt);
}
