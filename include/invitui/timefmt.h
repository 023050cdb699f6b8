/* timefmt: times as people read them in a table: "expires in 2d 4h",
 * "expired 3d ago", and local dates.
 *
 * Contract: pure formatting into a strbuf, translated with gettext; call on
 * the UI thread (or the CLI's only thread), since gettext formatting for the
 * screen belongs there. `now` is passed in so that tests are exact. */
#ifndef INVITUI_TIMEFMT_H
#define INVITUI_TIMEFMT_H

#include <time.h>

#include "invitui/model.h"
#include "invitui/util.h"

/* A compact duration of |seconds|: "45s", "12m", "3h 5m", "2d 4h", "40d". */
void timefmt_duration(struct strbuf *out, long long seconds);
/* The expiry column: "expires in 2d 4h", "expired 3d ago", "" when t is 0. */
void timefmt_expiry(struct strbuf *out, time_t expires_at, time_t now);
/* "3d ago" / "in 2h" for any other timestamp; "" when t is 0. */
void timefmt_relative(struct strbuf *out, time_t t, time_t now);
/* The long forms for roomier places (detail views), whole sentences with
 * the language's plural forms (ngettext), in the largest unit only, rounded
 * down: "expires in 2 days", "expired 3 hours ago", "in 1 minute",
 * "5 seconds ago"; "" when the time is 0. */
void timefmt_expiry_long(struct strbuf *out, time_t expires_at, time_t now);
void timefmt_relative_long(struct strbuf *out, time_t t, time_t now);
/* A local date and time in the user's locale (strftime %x %H:%M). */
void timefmt_local(struct strbuf *out, time_t t);

#endif
