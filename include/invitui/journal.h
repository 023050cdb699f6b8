/* journal: the append-only log of every action (create, resend, send-new,
 * groups, remove) the CLI and the TUI performed, one JSON object per line,
 * in $XDG_STATE_HOME/invitui/journal.jsonl.
 *
 * Contract: an entry has no token field and nothing that could hold one;
 * the message is an api_error text (which never contains a token), cut and
 * made terminal-safe before it is written, and so are the server's trace id
 * and problem instance of a failed action (null when there is none). journal_append opens the file
 * O_APPEND|O_CREAT 0600 (its directories 0700) and writes each line with a
 * single write(), so concurrent appends from several processes never
 * interleave. journal_read_newest_first reads at most the last
 * JOURNAL_TAIL_BYTES of the file and skips lines that are not a JSON object
 * (a torn last line, garbage). Strings in entries are borrowed; records read
 * back are owned by the list. Thread-safe (no globals); the TUI appends from
 * the UI thread in a job's done(). */
#ifndef INVITUI_JOURNAL_H
#define INVITUI_JOURNAL_H

#include <stddef.h>
#include <time.h>

#include "invitui/error.h"

/* How much of the end of the file journal_read_newest_first looks at. */
#define JOURNAL_TAIL_BYTES (1024 * 1024)
/* Code points kept of an entry's message. */
#define JOURNAL_MESSAGE_MAX 240
/* Code points kept of a trace id and of an instance URI. */
#define JOURNAL_ID_MAX 128
#define JOURNAL_INSTANCE_MAX 300

enum journal_action { JOURNAL_CREATE, JOURNAL_RESEND, JOURNAL_SEND_NEW, JOURNAL_GROUPS,
                      JOURNAL_REMOVE };

enum journal_result {
    JOURNAL_OK,
    JOURNAL_FAILED,  /* the request was refused or never left */
    JOURNAL_UNKNOWN, /* a POST that may have reached the server (api_error_outcome_unknown) */
};

/* One line to append. Every string is borrowed and may be NULL (written as null). */
struct journal_entry {
    time_t time;             /* 0: now */
    const char *profile;
    const char *provider;    /* "hybridbox", "marketplace" */
    const char *account_id;
    const char *target_id;   /* the invitation; NULL for a create that failed */
    const char *email;
    enum journal_action action;
    const char *locale;
    enum journal_result result;
    long http_status;        /* 0: no response (written as null) */
    const char *message;     /* short; sanitised and cut to JOURNAL_MESSAGE_MAX */
    const char *trace_id;    /* the server's trace id of a failed action */
    const char *instance;    /* its problem instance URI */
    const char *change;      /* a group change ("+UGR-1 -UGR-2"); the key is left out when NULL */
    const char *ticket;      /* the helpdesk ticket; the key is left out when NULL */
};

/* One line read back; every string owned (NULL when the line had null or none)
 * and display-safe (sanitize_display, cut to the caps above; 32 code points
 * for the short words, 256 for ids, e-mails and names): the file may have
 * been edited, so it is made safe once, here, and readers print it as is. */
struct journal_record {
    time_t time;
    char *time_text; /* as written, "2026-11-23T12:00:00Z" */
    char *profile, *provider, *account_id, *target_id, *email;
    char *action, *locale, *result, *message;
    char *trace_id, *instance;
    char *change;     /* NULL when the line has none */
    char *ticket;     /* NULL when the line has none (older lines never do) */
    long http_status; /* 0 when null */
};

struct journal_list {
    struct journal_record *v;
    size_t n, cap;
};

/* $XDG_STATE_HOME/invitui/journal.jsonl when XDG_STATE_HOME is an absolute
 * path, else ~/.local/state/invitui/journal.jsonl; malloc'd, or NULL when
 * neither XDG_STATE_HOME nor HOME is usable. Creates no directory. */
char *journal_default_path(void);

/* "create", "resend", "send-new", "groups", "remove"; "ok", "failed", "unknown". */
const char *journal_action_name(enum journal_action a);
const char *journal_result_name(enum journal_result r);

/* The result of an action from its return code and error: ok for 0;
 * unknown when api_error_outcome_unknown (a POST that may have reached the
 * server and got no definite answer: no answer, a 5xx, or a 2xx that could
 * not be read); else failed (a 4xx is a definite refusal). */
enum journal_result journal_result_of(int rc, const struct api_error *err);

/* Fills e->result, e->http_status, e->trace_id and e->instance (borrowed
 * from err: keep err alive until journal_append) from (rc, err) and returns
 * the message for e->message (api_error_format_message of err, without the
 * trace id, which has its own member; NULL on success), which the caller
 * frees after journal_append. */
char *journal_entry_outcome(struct journal_entry *e, int rc, const struct api_error *err);

/* The usual call after an action: fills base's outcome from (rc, action_err)
 * as journal_entry_outcome does and appends it to path. 0, or -1 with
 * jerr set (the caller shows a warning; the action's own result stands). */
int journal_log(const char *path, const struct journal_entry *base, int rc,
                const struct api_error *action_err, struct api_error *jerr);

/* Appends one line; creates the file's directory (0700) if missing.
 * 0, or -1 with API_ERR_CONFIG and the system's reason. */
int journal_append(const char *path, const struct journal_entry *e, struct api_error *err);

/* Appends to out the newest `max` valid lines of the file's last
 * JOURNAL_TAIL_BYTES, newest first. A missing file is an empty list (0).
 * -1 with API_ERR_CONFIG when the file exists but cannot be read. */
int journal_read_newest_first(const char *path, size_t max, struct journal_list *out,
                              struct api_error *err);
/* As journal_read_newest_first, but the walk back stops at the first valid
 * line older than since: what a guard looking minutes back needs, without
 * parsing the rest of the tail. Lines are in append order, which is time
 * order but for clocks set back; a caller wanting slack subtracts it. */
int journal_read_since(const char *path, time_t since, struct journal_list *out,
                       struct api_error *err);
void journal_list_free(struct journal_list *l);

/* What `invitui journal` and the guards pick from the list (journal_filter.c).
 * Every member is optional (0 or NULL: anything). ticket and email match
 * whole, ignoring ASCII case. */
struct journal_filter {
    time_t since;       /* records at or after this time */
    const char *ticket;
    const char *email;
};
bool journal_record_matches(const struct journal_record *r, const struct journal_filter *f);
/* --since: a duration back from now ("30m", "12h", "1d", bare seconds) or an
 * ISO date ("2026-11-23", local midnight) or date-time ("2026-11-23T08:00:00Z").
 * 0, or -1 when it is neither. */
int journal_parse_since(const char *s, time_t now, time_t *out);

#endif
