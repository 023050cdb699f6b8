#include "config.h"

#include "invitui/error.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/redact.h"
#include "invitui/sanitize.h"

/* Server text shown in one status line: long enough for a sentence or two. */
#define ERROR_TEXT_MAX 300
/* A trace id is 55 bytes in the W3C form; anything much longer is not one. */
#define ERROR_TRACE_MAX 128

/* Server text for a one-line message: terminal-safe (sanitize.c), white
 * space folded, and cut to max bytes on a character boundary so that a huge
 * body never floods a status line or stderr. */
static char *error_text_cap(const char *s, size_t len, size_t max)
{
    char *clean = sanitize_display_cap(s, len, 0, 4 * max);
    size_t out = 0;
    bool space = true; /* drops leading white space */

    for (size_t i = 0; clean[i]; i++) {
        bool is_space = clean[i] == ' ';
        if (is_space && space)
            continue;
        space = is_space;
        clean[out++] = clean[i];
    }
    while (out > 0 && clean[out - 1] == ' ')
        out--;
    clean[out] = '\0';
    if (out > max) {
        size_t cut = max - 3;
        while (cut > 0 && ((unsigned char)clean[cut] & 0xc0) == 0x80)
            cut--;
        memcpy(clean + cut, "\xe2\x80\xa6", 4); /* "…" and the NUL */
    }
    return clean;
}

static char *error_text(const char *s, size_t len)
{
    return error_text_cap(s, len, ERROR_TEXT_MAX);
}

void api_error_format_more(size_t more, struct strbuf *out)
{
    /* TRANSLATORS: after the first few errors of a long list sent by the
     * server; %zu is how many are not shown. */
    strbuf_printf(out, ngettext("and %zu more", "and %zu more", (unsigned long)more), more);
}

/* "; and 159980 more" after a capped list. */
static void append_more(struct strbuf *out, size_t more)
{
    strbuf_puts(out, "; ");
    api_error_format_more(more, out);
}

void api_error_init(struct api_error *err)
{
    memset(err, 0, sizeof(*err));
    err->kind = API_OK;
    err->retry_after = -1;
}

void api_error_clear(struct api_error *err)
{
    if (!err)
        return;
    free(err->title);
    free(err->detail);
    for (size_t i = 0; i < err->nfields; i++) {
        free(err->fields[i].field);
        free(err->fields[i].message);
    }
    free(err->fields);
    free(err->trace_id);
    free(err->instance);
    api_error_init(err);
}

void api_error_copy(struct api_error *dst, const struct api_error *src)
{
    if (dst == src)
        return;
    api_error_clear(dst);
    if (!src)
        return;
    dst->kind = src->kind;
    dst->http_status = src->http_status;
    dst->title = xstrdup_or_null(src->title);
    dst->detail = xstrdup_or_null(src->detail);
    for (size_t i = 0; i < src->nfields; i++)
        api_error_add_field(dst, src->fields[i].field, src->fields[i].message);
    dst->maybe_sent = src->maybe_sent;
    dst->retry_after = src->retry_after;
    dst->trace_id = xstrdup_or_null(src->trace_id);
    dst->instance = xstrdup_or_null(src->instance);
}

int api_error_set(struct api_error *err, enum api_error_kind kind, const char *fmt, ...)
{
    struct strbuf sb;
    va_list ap;

    if (!err)
        return -1;
    api_error_clear(err);
    strbuf_init(&sb);
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    err->kind = kind;
    err->title = strbuf_detach(&sb, NULL);
    return -1;
}

void api_error_add_field(struct api_error *err, const char *field, const char *message)
{
    struct field_error *fe;

    size_t n = err->nfields;

    /* Capacity doubles at each power of two from 4 (it is not stored):
     * a body with 160,000 field errors must not cost 160,000 reallocs. */
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0))
        err->fields = xrealloc(err->fields, (n ? 2 * n : 4) * sizeof(*err->fields));
    fe = &err->fields[err->nfields++];
    fe->field = xstrdup(field ? field : "");
    fe->message = xstrdup(message ? message : "");
}

/* Adds a field error whose name and text came from the server. */
static void add_clean_field(struct api_error *err, const char *field, const char *message)
{
    char *f = error_text(field, strlen(field));
    char *m = error_text(message, strlen(message));

    api_error_add_field(err, f, m);
    free(f);
    free(m);
}

static char *clean_string_cap(const json_t *v, size_t max)
{
    if (!json_is_string(v))
        return NULL;
    char *s = error_text_cap(json_string_value(v), json_string_length(v), max);
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

static char *clean_string(const json_t *v)
{
    return clean_string_cap(v, ERROR_TEXT_MAX);
}

/* Business errors without a field, joined into the detail by
 * detail_finish: the first API_ERROR_ITEMS_SHOWN, then how many more. Built in
 * one buffer, as joining string by string was quadratic. */
struct detail_list {
    struct strbuf text;
    size_t shown, more;
};

static void detail_add(struct detail_list *dl, const char *msg)
{
    if (dl->shown >= API_ERROR_ITEMS_SHOWN) {
        dl->more++;
        return;
    }
    char *m = error_text(msg, strlen(msg));
    if (dl->text.len)
        strbuf_puts(&dl->text, "; ");
    strbuf_puts(&dl->text, m);
    free(m);
    dl->shown++;
}

/* Appends "; " and the list to the detail, and frees the list. */
static void detail_finish(struct api_error *err, struct detail_list *dl)
{
    struct strbuf sb;

    if (dl->shown == 0) {
        strbuf_free(&dl->text);
        return;
    }
    strbuf_init(&sb);
    if (err->detail)
        strbuf_printf(&sb, "%s; ", err->detail);
    strbuf_append(&sb, dl->text.data, dl->text.len);
    if (dl->more)
        append_more(&sb, dl->more);
    free(err->detail);
    err->detail = strbuf_detach(&sb, NULL);
    strbuf_free(&dl->text);
}

/* {"field": ["msg", ...]} or {"field": "msg"} */
static void parse_error_map(struct api_error *err, json_t *map)
{
    const char *key;
    json_t *val;

    json_object_foreach(map, key, val) {
        if (json_is_string(val)) {
            add_clean_field(err, key, json_string_value(val));
        } else if (json_is_array(val)) {
            size_t i;
            json_t *m;
            json_array_foreach(val, i, m) {
                if (json_is_string(m))
                    add_clean_field(err, key, json_string_value(m));
            }
        }
    }
}

/* [{message, properties: [..], id, parameters}] */
static void parse_error_array(struct api_error *err, struct detail_list *dl, json_t *arr)
{
    size_t i;
    json_t *e;

    json_array_foreach(arr, i, e) {
        const char *msg = json_string_value(json_object_get(e, "message"));
        json_t *props = json_object_get(e, "properties");
        bool placed = false;

        if (json_is_string(e))
            msg = json_string_value(e);
        if (!msg)
            continue;
        if (json_is_array(props)) {
            size_t j;
            json_t *p;
            json_array_foreach(props, j, p) {
                if (json_is_string(p) && json_string_length(p) > 0) {
                    add_clean_field(err, json_string_value(p), msg);
                    placed = true;
                }
            }
        }
        if (!placed)
            detail_add(dl, msg);
    }
}

/* FastAPI loc: ["body", "assignments", 0, "role_key"] -> "assignments.0.role_key" */
static char *fastapi_field_name(json_t *loc)
{
    struct strbuf sb;
    size_t i;
    json_t *part;

    strbuf_init(&sb);
    if (json_is_string(loc))
        strbuf_puts(&sb, json_string_value(loc));
    json_array_foreach(loc, i, part) {
        if (i == 0 && json_is_string(part) && json_array_size(loc) > 1) {
            const char *s = json_string_value(part);
            if (!strcmp(s, "body") || !strcmp(s, "query") || !strcmp(s, "path"))
                continue;
        }
        if (sb.len)
            strbuf_putc(&sb, '.');
        if (json_is_string(part))
            strbuf_puts(&sb, json_string_value(part));
        else if (json_is_integer(part))
            strbuf_printf(&sb, "%lld", (long long)json_integer_value(part));
    }
    return strbuf_detach(&sb, NULL);
}

static void parse_fastapi_array(struct api_error *err, struct detail_list *dl, json_t *arr)
{
    size_t i;
    json_t *e;

    json_array_foreach(arr, i, e) {
        const char *msg = json_string_value(json_object_get(e, "msg"));
        if (!msg)
            continue;
        char *field = fastapi_field_name(json_object_get(e, "loc"));
        if (*field)
            add_clean_field(err, field, msg);
        else
            detail_add(dl, msg);
        free(field);
    }
}

/* True when the body was a JSON object in one of the known error styles.
 * The trace id and instance are taken from any JSON object: they identify
 * the request even when the rest of the body is not understood. The status
 * line of the response decides the status, so the body's `status` (or the
 * official client's `statusCode`) is not read. */
static bool parse_json_error(struct api_error *err, const char *body, size_t len)
{
    json_error_t jerr;
    /* A raw NUL is not JSON (json_util_load says why jansson is not enough):
     * the body is then shown as text. */
    json_t *root = memchr(body, '\0', len) ? NULL
                                           : json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    bool known = false;

    if (!json_is_object(root)) {
        json_decref(root);
        return false;
    }
    err->trace_id = clean_string_cap(json_object_get(root, "traceId"), ERROR_TRACE_MAX);
    err->instance = clean_string(json_object_get(root, "instance"));
    json_t *title = json_object_get(root, "title");
    if (!json_is_string(title))
        title = json_object_get(root, "message"); /* the official client's spelling */
    json_t *detail = json_object_get(root, "detail");
    if (!detail)
        detail = json_object_get(root, "details");
    json_t *errors = json_object_get(root, "errors");
    struct detail_list dl = {.shown = 0};

    strbuf_init(&dl.text);
    err->title = clean_string(title);
    if (json_is_string(detail)) {
        err->detail = clean_string(detail);
        known = true;
    } else if (json_is_array(detail)) {
        parse_fastapi_array(err, &dl, detail);
        known = true;
    }
    if (json_is_object(errors)) {
        parse_error_map(err, errors);
        known = true;
    } else if (json_is_array(errors)) {
        parse_error_array(err, &dl, errors);
        known = true;
    }
    detail_finish(err, &dl);
    if (err->title)
        known = true;
    json_decref(root);
    return known;
}

static const struct {
    long status;
    const char *reason;
} reasons[] = {
    {400, N_("Bad Request")},
    {401, N_("Unauthorized")},
    {403, N_("Forbidden")},
    {404, N_("Not Found")},
    {405, N_("Method Not Allowed")},
    {406, N_("Not Acceptable")},
    {408, N_("Request Timeout")},
    {409, N_("Conflict")},
    {410, N_("Gone")},
    {413, N_("Content Too Large")},
    {415, N_("Unsupported Media Type")},
    {422, N_("Unprocessable Content")},
    {429, N_("Too Many Requests")},
    {500, N_("Internal Server Error")},
    {501, N_("Not Implemented")},
    {502, N_("Bad Gateway")},
    {503, N_("Service Unavailable")},
    {504, N_("Gateway Timeout")},
};

static const char *reason_phrase(long status)
{
    for (size_t i = 0; i < ARRAY_SIZE(reasons); i++)
        if (reasons[i].status == status)
            return _(reasons[i].reason);
    return NULL;
}

/* An HTML error page (proxies, gateways) reads better without its tags. */
static char *html_text(const char *body, size_t len)
{
    struct strbuf sb;
    bool in_tag = false;

    strbuf_init(&sb);
    for (size_t i = 0; i < len; i++) {
        if (body[i] == '<')
            in_tag = true;
        else if (body[i] == '>' && in_tag)
            in_tag = false, strbuf_putc(&sb, ' ');
        else if (!in_tag)
            strbuf_putc(&sb, body[i]);
    }
    char *s = error_text(sb.data ? sb.data : "", sb.len);
    strbuf_free(&sb);
    return s;
}

static bool looks_like_html(const char *body, size_t len)
{
    size_t i = 0;

    while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
        i++;
    return i < len && body[i] == '<';
}

void api_error_from_http(struct api_error *err, long status, const char *body, size_t len)
{
    api_error_clear(err);
    err->kind = (status == 401 || status == 403) ? API_ERR_AUTH : API_ERR_HTTP;
    err->http_status = status;
    if (body && len > 0 && !parse_json_error(err, body, len)) {
        /* Not an error document: its raw text says more, and a trace id
         * found in it still identifies the request. */
        char *trace_id = err->trace_id, *instance = err->instance;
        err->trace_id = err->instance = NULL;
        api_error_clear(err);
        err->kind = (status == 401 || status == 403) ? API_ERR_AUTH : API_ERR_HTTP;
        err->http_status = status;
        err->trace_id = trace_id;
        err->instance = instance;
        err->detail = looks_like_html(body, len) ? html_text(body, len)
                                                 : error_text(body, len);
        if (!*err->detail) {
            free(err->detail);
            err->detail = NULL;
        }
    }
    if (!err->title && reason_phrase(status))
        err->title = xstrdup(reason_phrase(status));
    /* A server may echo the token back; what it said is cleaned where it
     * enters, so the TUI's status line and error views never show it. */
    redact_error(err);
}

static void format_fields(const struct api_error *err, struct strbuf *out)
{
    size_t shown = err->nfields < API_ERROR_ITEMS_SHOWN ? err->nfields : API_ERROR_ITEMS_SHOWN;

    for (size_t i = 0; i < shown; i++) {
        strbuf_puts(out, out->len ? "; " : "");
        if (*err->fields[i].field) {
            /* TRANSLATORS: a form field and what is wrong with it. */
            strbuf_printf(out, _("%s: %s"), err->fields[i].field, err->fields[i].message);
        } else {
            strbuf_puts(out, err->fields[i].message);
        }
    }
    if (err->nfields > shown)
        append_more(out, err->nfields - shown);
}

/* "title — detail; field: message" from whatever is set. */
static void format_body(const struct api_error *err, struct strbuf *out)
{
    struct strbuf fields;
    const char *title = util_str_empty(err->title) ? NULL : err->title;
    const char *detail = util_str_empty(err->detail) ? NULL : err->detail;

    if (title && detail && strcmp(title, detail) == 0)
        detail = NULL;
    if (title && detail)
        /* TRANSLATORS: an error summary, a dash, then its details. */
        strbuf_printf(out, _("%s — %s"), title, detail);
    else if (title || detail)
        strbuf_puts(out, title ? title : detail);
    strbuf_init(&fields);
    format_fields(err, &fields);
    if (fields.len) {
        if (out->len)
            strbuf_puts(out, " — ");
        strbuf_append(out, fields.data, fields.len);
    }
    strbuf_free(&fields);
}

void api_error_format_message(const struct api_error *err, struct strbuf *out)
{
    struct strbuf body;

    if (!err || err->kind == API_OK) {
        strbuf_puts(out, _("no error"));
        return;
    }
    strbuf_init(&body);
    format_body(err, &body);
    if (err->http_status > 0) {
        if (body.len)
            strbuf_printf(out, _("HTTP %ld: %s"), err->http_status, body.data);
        else
            strbuf_printf(out, _("HTTP %ld"), err->http_status);
    } else if (err->kind == API_ERR_NETWORK) {
        strbuf_printf(out, _("network error: %s"), body.len ? body.data : _("unknown"));
    } else if (body.len) {
        strbuf_append(out, body.data, body.len);
    } else {
        strbuf_puts(out, _("unknown error"));
    }
    /* Network trouble or a gateway error after a POST leaves the outcome open. */
    if (api_error_outcome_unknown(err))
        strbuf_puts(out, _("; the request may have reached the server: refresh to see its "
                           "outcome"));
    if (err->retry_after > 0)
        strbuf_printf(out, ngettext(" (retry in %ld second)", " (retry in %ld seconds)",
                                    (unsigned long)err->retry_after),
                      err->retry_after);
    strbuf_free(&body);
}

void api_error_format(const struct api_error *err, struct strbuf *out)
{
    struct strbuf msg, id;

    strbuf_init(&msg);
    strbuf_init(&id);
    api_error_format_message(err, &msg);
    if (err && err->kind != API_OK)
        api_error_short_trace(err->trace_id, &id);
    if (id.len)
        /* TRANSLATORS: an error message, then the short form of the trace id
         * the server gave the request ("4bf92f35…"): support asks for it. */
        strbuf_printf(out, _("%s (trace %s)"), msg.data, id.data);
    else
        strbuf_append(out, msg.data, msg.len);
    strbuf_free(&msg);
    strbuf_free(&id);
}

void api_error_format_lines(const struct api_error *err, struct strbuf *out)
{
    if (!err || err->kind == API_OK)
        return;
    if (err->http_status)
        strbuf_printf(out, _("HTTP status: %ld\n"), err->http_status);
    if (err->title)
        strbuf_printf(out, "%s\n", err->title);
    if (err->detail)
        strbuf_printf(out, "%s\n", err->detail);
    for (size_t i = 0; i < err->nfields; i++) {
        /* TRANSLATORS: a form field and what is wrong with it. */
        strbuf_printf(out, _("%s: %s"), err->fields[i].field, err->fields[i].message);
        strbuf_putc(out, '\n');
    }
    /* On lines of their own: they are what gets copied into a ticket. */
    if (!util_str_empty(err->trace_id))
        /* TRANSLATORS: in the full error view; the value is the server's
         * trace id, which support asks for. */
        strbuf_printf(out, _("Trace id: %s\n"), err->trace_id);
    if (!util_str_empty(err->instance))
        /* TRANSLATORS: in the full error view; the value is the URI of the
         * failed request's problem instance (RFC 9457 "instance"). */
        strbuf_printf(out, _("Instance: %s\n"), err->instance);
    if (err->retry_after >= 0)
        strbuf_printf(out, _("Retry after %ld s\n"), err->retry_after);
}

static bool all_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* "vv-<32 hex trace id>-<16 hex parent id>-ff" (W3C traceparent). */
static bool is_w3c_trace(const char *s)
{
    return strlen(s) == 55 && all_hex(s, 2) && s[2] == '-' && all_hex(s + 3, 32) &&
           s[35] == '-' && all_hex(s + 36, 16) && s[52] == '-' && all_hex(s + 53, 2);
}

void api_error_short_trace(const char *trace_id, struct strbuf *out)
{
    size_t cps = 0, cut = 0;

    if (util_str_empty(trace_id))
        return;
    /* The version field is the same for every id: the trace id proper follows. */
    if (is_w3c_trace(trace_id)) {
        strbuf_append(out, trace_id + 3, 8);
        strbuf_puts(out, "\xe2\x80\xa6");
        return;
    }
    for (size_t i = 0; trace_id[i]; i++) {
        if (((unsigned char)trace_id[i] & 0xc0) == 0x80)
            continue;
        if (++cps == 9)
            cut = i;
    }
    if (cps <= 12) {
        strbuf_puts(out, trace_id);
        return;
    }
    strbuf_append(out, trace_id, cut);
    strbuf_puts(out, "\xe2\x80\xa6");
}

const char *api_error_kind_name(enum api_error_kind kind)
{
    switch (kind) {
    case API_OK:
        return "none";
    case API_ERR_USAGE:
        return "usage";
    case API_ERR_CONFIG:
        return "config";
    case API_ERR_NETWORK:
        return "network";
    case API_ERR_TIMEOUT:
        return "timeout";
    case API_ERR_AUTH:
        return "auth";
    case API_ERR_HTTP:
        return "http";
    case API_ERR_PARSE:
        return "parse";
    case API_ERR_TOO_LARGE:
        return "too_large";
    case API_ERR_CANCELLED:
        return "cancelled";
    case API_ERR_STATE:
        return "state";
    }
    return "unknown";
}

const char *api_error_field(const struct api_error *err, const char *field)
{
    if (!err || !field)
        return NULL;
    for (size_t i = 0; i < err->nfields; i++)
        if (strcmp(err->fields[i].field, field) == 0)
            return err->fields[i].message;
    return NULL;
}

bool api_error_outcome_unknown(const struct api_error *err)
{
    if (!err || !err->maybe_sent)
        return false;
    switch (err->kind) {
    case API_ERR_NETWORK:
    case API_ERR_TIMEOUT:
    case API_ERR_CANCELLED:
    case API_ERR_PARSE:     /* a 2xx answer we could not read: the server did it */
    case API_ERR_TOO_LARGE:
        return true;
    case API_ERR_HTTP:
        return err->http_status >= 500;
    default:
        return false;
    }
}

int api_error_exit_code(const struct api_error *err)
{
    if (!err)
        return 0;
    if (api_error_outcome_unknown(err))
        return 5;
    switch (err->kind) {
    case API_OK:
        return 0;
    case API_ERR_USAGE:
    case API_ERR_CONFIG:
        return 2;
    case API_ERR_AUTH:
        return 3;
    case API_ERR_NETWORK:
    case API_ERR_TIMEOUT:
        return 4;
    case API_ERR_HTTP:
    case API_ERR_PARSE:
    case API_ERR_TOO_LARGE:
    case API_ERR_STATE:
    case API_ERR_CANCELLED:
        return 1;
    }
    return 1;
}
