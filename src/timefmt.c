#include "config.h"

#include "invitui/timefmt.h"

#include <langinfo.h>
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
        /* TRANSLATORS: %s is a compact duration such as "2d 4h". */
        strbuf_printf(out, _("expires in %s"), d.data);
    else
        /* TRANSLATORS: %s is a compact duration such as "3d". */
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
