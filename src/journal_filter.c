#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "invitui/journal.h"
#include "invitui/model.h"
#include "invitui/util.h"

/* Picking records for a handover note: the ticket and the address are
 * typed by a person, so case does not matter; a part does not match (ticket
 * HD-12 is not HD-123). */

static bool same_word(const char *want, const char *have)
{
    return !want || (have && strcasecmp(want, have) == 0);
}

bool journal_record_matches(const struct journal_record *r, const struct journal_filter *f)
{
    if (f->since && r->time < f->since)
        return false;
    return same_word(f->ticket, r->ticket) && same_word(f->email, r->email);
}

/* "2026-11-23": that day's local midnight. */
static int parse_date(const char *s, time_t *out)
{
    struct tm tm = {0};
    int y, m, d;
    char end;

    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
        return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return -1;
    *out = t;
    return 0;
}

int journal_parse_since(const char *s, time_t now, time_t *out)
{
    long back;

    if (util_str_empty(s))
        return -1;
    if (util_parse_duration(s, 100L * 366 * 86400, &back) == 0) {
        *out = now - back;
        return 0;
    }
    if (parse_date(s, out) == 0)
        return 0;
    return model_parse_time(s, out);
}
