/* error: one error value for every failure the user can see.
 *
 * Contract: functions that can fail take a `struct api_error *` and return 0
 * or -1; on -1 the error is filled (kind, and for HTTP failures the status
 * and whatever the body said). Both provider error styles are parsed into
 * it: RFC 7807 problem details (title, detail, errors as a map or an array,
 * traceId, instance; the official Marketplace client's statusCode/message
 * spelling too) and FastAPI (`detail` as a string or an array of {loc,
 * msg}). Messages never contain a token. Thread-safe; the owner frees with
 * api_error_clear. Moving an error by struct assignment is fine when the
 * source is re-initialised after; api_error_copy makes an independent copy. */
#ifndef INVITUI_ERROR_H
#define INVITUI_ERROR_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/util.h"

enum api_error_kind {
    API_OK = 0,
    API_ERR_USAGE,     /* bad flags or arguments */
    API_ERR_CONFIG,    /* bad or unsafe configuration */
    API_ERR_NETWORK,   /* could not connect, connection reset, TLS */
    API_ERR_TIMEOUT,
    API_ERR_AUTH,      /* 401 / 403, or no token */
    API_ERR_HTTP,      /* any other non-2xx answer */
    API_ERR_PARSE,     /* the body was not what the contract says */
    API_ERR_TOO_LARGE, /* the body passed the size cap */
    API_ERR_CANCELLED,
    API_ERR_STATE,     /* the action does not apply to the invitation's state */
};

struct field_error {
    char *field;   /* "email", "user.firstName", "assignments.0.role_key"; never NULL */
    char *message;
};

struct api_error {
    enum api_error_kind kind;
    long http_status;     /* 0 when no response */
    char *title;          /* short summary, may be NULL */
    char *detail;         /* longer text, may be NULL */
    struct field_error *fields;
    size_t nfields;
    bool maybe_sent;      /* a POST that may have reached the server */
    long retry_after;     /* seconds from Retry-After, -1 if none */
    /* What support asks for (Marketplace traceId, W3C style
     * "00-<32 hex>-<16 hex>-00"), and the problem's instance URI. Both may
     * be NULL; terminal-safe, one line, capped, like the other server text. */
    char *trace_id;
    char *instance;
};

void api_error_init(struct api_error *err);
void api_error_clear(struct api_error *err); /* frees and re-inits */
/* Clears err, then sets kind and a printf-formatted title; returns -1 for
 * `return api_error_set(...)`. */
int api_error_set(struct api_error *err, enum api_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void api_error_add_field(struct api_error *err, const char *field, const char *message);
/* Clears dst and makes it an independent copy of src (NULL: dst stays clear). */
void api_error_copy(struct api_error *dst, const struct api_error *src);
/* Clears err and fills title/detail/fields from a non-2xx body (problem
 * details, FastAPI, or the raw body cut to a sane length) and sets kind from
 * the status. Server text is made single-line and terminal-safe; the title
 * falls back to the status's reason phrase. */
void api_error_from_http(struct api_error *err, long status, const char *body, size_t len);
/* How many field errors (and field-less messages) one line shows: a server
 * may send 160,000. The line then says how many more there are; the
 * full-error lines list every field error, the trace has the whole body. */
#define API_ERROR_ITEMS_SHOWN 20
/* Appends "and N more" (translated, with the plural N asks for). */
void api_error_format_more(size_t more, struct strbuf *out);
/* One line for a status bar or stderr, translated, without trailing newline;
 * ends with the short form of the trace id when there is one:
 * "HTTP 400: Bad Request — … (trace 4bf92f35…)". */
void api_error_format(const struct api_error *err, struct strbuf *out);
/* api_error_format without the trace id, for places that show the trace id
 * on its own (the CLI's "trace id:" line, the TUI's status line, the
 * journal's trace_id member). */
void api_error_format_message(const struct api_error *err, struct strbuf *out);
/* The error in full, one translated "Label: value" per line, each ending in
 * a newline: HTTP status, title, detail, field errors, trace id, instance,
 * retry delay (what is set). For the TUI's full-error view. */
void api_error_format_lines(const struct api_error *err, struct strbuf *out);
/* Appends the short form of a trace id, which identifies it at a glance:
 * the first 8 hex digits of a W3C trace id ("4bf92f35…"), else the first
 * 8 characters (a short id whole). Appends nothing for NULL or "". */
void api_error_short_trace(const char *trace_id, struct strbuf *out);
/* A stable, untranslated name for scripts: "usage", "config", "network",
 * "timeout", "auth", "http", "parse", "too_large", "cancelled", "state"
 * ("none" for API_OK). */
const char *api_error_kind_name(enum api_error_kind kind);
/* The message for one field, or NULL (for showing errors beside form fields). */
const char *api_error_field(const struct api_error *err, const char *field);
/* True when err is a failed POST whose outcome is not known: it may have
 * reached the server (maybe_sent) and no definite answer came back -- no
 * answer or a cut one (network, timeout, cancelled), a 5xx, or a 2xx whose
 * body could not be read (parse, too large). A 4xx is a definite refusal.
 * Such a request must not be repeated before checking what the server did:
 * the journal says "unknown", the CLI exits 5, the TUI offers a reload. */
bool api_error_outcome_unknown(const struct api_error *err);
/* Documented CLI exit codes: 0 ok, 1 API error, 2 usage, 3 authentication,
 * 4 network or timeout, 5 outcome unknown (api_error_outcome_unknown: the
 * request may have been carried out; check before retrying). */
int api_error_exit_code(const struct api_error *err);

#endif
