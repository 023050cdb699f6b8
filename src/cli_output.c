#include "config.h"

#include "invitui/cli_output.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "invitui/i18n.h"
#include "invitui/journal.h"
#include "invitui/sanitize.h"
#include "invitui/timefmt.h"
#include "invitui/util.h"

#define COL_GAP 2

int cli_output_width(FILE *out)
{
    struct winsize ws;
    long cols;

    if (!isatty(fileno(out)))
        return 0;
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    if (util_parse_long(getenv("COLUMNS"), 20, 10000, &cols) == 0)
        return (int)cols;
    return 80;
}

/* One table column: cells are sanitised copies; width is in cells. */
struct column {
    const char *title;
    char **cells;
    int natural; /* widest cell or the title */
    int min;     /* how narrow it may be squeezed */
    int width;
};

/* A cell already terminal-safe: a display copy from the model, or our own text. */
static void column_put(struct column *c, size_t row, const char *shown)
{
    char *s = xstrdup(shown ? shown : "");
    int w = text_width(s);

    c->cells[row] = s;
    if (w > c->natural)
        c->natural = w;
}

/* Shrinks the squeezable columns, widest first, until the row fits. */
static void fit_columns(struct column *cols, size_t ncols, int width)
{
    int total = 0;

    for (size_t i = 0; i < ncols; i++) {
        cols[i].width = cols[i].natural;
        total += cols[i].width + (i ? COL_GAP : 0);
    }
    while (width > 0 && total > width) {
        struct column *widest = NULL;
        for (size_t i = 0; i < ncols; i++)
            if (cols[i].width > cols[i].min && (!widest || cols[i].width > widest->width))
                widest = &cols[i];
        if (!widest)
            break;
        widest->width--;
        total--;
    }
}

static void print_row(FILE *out, struct column *cols, size_t ncols, size_t row, bool header)
{
    struct strbuf line;

    strbuf_init(&line);
    for (size_t i = 0; i < ncols; i++) {
        const char *s = header ? cols[i].title : cols[i].cells[row];
        bool last = i + 1 == ncols;
        if (i)
            strbuf_puts(&line, "  ");
        if (last && text_width(s) <= cols[i].width)
            strbuf_puts(&line, s); /* no trailing padding */
        else
            text_fit(&line, s, cols[i].width, TEXT_ALIGN_LEFT);
    }
    fprintf(out, "%s\n", line.data);
    strbuf_free(&line);
}

/* Drops columns no row has a value for (Hybridbox has no names). */
static size_t drop_empty_columns(struct column *cols, size_t ncols, size_t nrows)
{
    size_t kept = 0;

    for (size_t i = 0; i < ncols; i++) {
        if (cols[i].natural == 0 && nrows > 0) {
            for (size_t r = 0; r < nrows; r++)
                free(cols[i].cells[r]);
            free(cols[i].cells);
            continue;
        }
        cols[kept++] = cols[i];
    }
    return kept;
}

static void print_table(FILE *out, struct column *cols, size_t ncols, size_t nrows, int width)
{
    ncols = drop_empty_columns(cols, ncols, nrows);
    for (size_t i = 0; i < ncols; i++) {
        int tw = text_width(cols[i].title);
        if (tw > cols[i].natural)
            cols[i].natural = tw;
        if (cols[i].min > cols[i].natural)
            cols[i].min = cols[i].natural;
    }
    fit_columns(cols, ncols, width);
    print_row(out, cols, ncols, 0, true);
    for (size_t r = 0; r < nrows; r++)
        print_row(out, cols, ncols, r, false);
    for (size_t i = 0; i < ncols; i++) {
        for (size_t r = 0; r < nrows; r++)
            free(cols[i].cells[r]);
        free(cols[i].cells);
    }
}

static void status_cell(struct strbuf *sb, const struct invitation *inv)
{
    strbuf_printf(sb, "%s %s", inv_status_symbol(inv->status), _(invitation_status_word(inv)));
}

void cli_print_invitations_table(FILE *out, const struct invitation *const *rows, size_t n,
                                 time_t now, int width)
{
    struct column cols[] = {
        {.title = _("ID"), .min = 1000},
        {.title = _("EMAIL"), .min = 12},
        {.title = _("NAME"), .min = 6},
        {.title = _("STATUS"), .min = 1000},
        {.title = _("EXPIRES"), .min = 10},
        {.title = _("ASSIGNMENTS"), .min = 6},
    };
    struct strbuf sb;

    strbuf_init(&sb);
    for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
        cols[i].cells = xcalloc(n ? n : 1, sizeof(char *));
    for (size_t r = 0; r < n; r++) {
        const struct invitation *inv = rows[r];
        column_put(&cols[0], r, inv->shown.id);
        column_put(&cols[1], r, inv->shown.email);
        column_put(&cols[2], r, inv->shown.name);
        strbuf_reset(&sb);
        status_cell(&sb, inv);
        column_put(&cols[3], r, sb.data);
        strbuf_reset(&sb);
        if (inv->status == INV_STATUS_PENDING || inv->status == INV_STATUS_EXPIRED)
            timefmt_expiry(&sb, inv->expires_at, now);
        column_put(&cols[4], r, sb.data);
        column_put(&cols[5], r, inv->shown.summary);
    }
    strbuf_free(&sb);
    print_table(out, cols, ARRAY_SIZE(cols), n, width);
}

void cli_print_accounts_table(FILE *out, const struct account_list *l, int width)
{
    struct column cols[] = {
        {.title = _("ID"), .min = 1000},
        {.title = _("NAME"), .min = 8},
        {.title = _("STATUS"), .min = 6},
        {.title = _("TYPE"), .min = 6},
    };

    for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
        cols[i].cells = xcalloc(l->n ? l->n : 1, sizeof(char *));
    for (size_t r = 0; r < l->n; r++) {
        column_put(&cols[0], r, l->v[r].shown.id);
        column_put(&cols[1], r, l->v[r].shown.name);
        column_put(&cols[2], r, l->v[r].shown.status);
        column_put(&cols[3], r, l->v[r].shown.type);
    }
    print_table(out, cols, ARRAY_SIZE(cols), l->n, width);
}

static json_t *json_string_or_null(const char *s)
{
    json_t *j = s ? json_string(s) : NULL;
    /* jansson refuses invalid UTF-8; null is better than a lost row. */
    return j ? j : json_null();
}

static json_t *json_time_or_null(time_t t)
{
    char buf[32];

    if (!t)
        return json_null();
    model_format_time(t, buf, sizeof(buf));
    return json_string(buf);
}

/* The normalised members; raw is spliced in as text by the caller. */
static json_t *invitation_fields_json(const struct invitation *inv)
{
    json_t *o = json_object();

    json_object_set_new(o, "id", json_string_or_null(inv->id));
    json_object_set_new(o, "email", json_string_or_null(inv->email));
    json_object_set_new(o, "name", json_string_or_null(inv->name));
    json_object_set_new(o, "status", json_string(inv_status_word(inv->status)));
    json_object_set_new(o, "status_computed", json_boolean(inv->status_computed));
    json_object_set_new(o, "raw_status", json_string_or_null(inv->raw_status));
    json_object_set_new(o, "created_at", json_time_or_null(inv->created_at));
    json_object_set_new(o, "expires_at", json_time_or_null(inv->expires_at));
    json_object_set_new(o, "accepted_at", json_time_or_null(inv->accepted_at));
    json_object_set_new(o, "account_id", json_string_or_null(inv->account_id));
    json_object_set_new(o, "user_id", json_string_or_null(inv->user_id));
    json_object_set_new(o, "link", json_string_or_null(inv->link));
    json_object_set_new(o, "summary", json_string_or_null(inv->summary));
    return o;
}

/* Copies valid JSON text, writing every non-ASCII character as a \uXXXX
 * escape (valid JSON only has them inside strings), so that bidi overrides
 * in server data cannot reorder a terminal, as JSON_ENSURE_ASCII does for
 * the members jansson writes. */
static void append_json_ascii(struct strbuf *out, const char *json)
{
    size_t len = strlen(json);

    for (size_t i = 0; i < len;) {
        size_t run = 0;
        uint32_t cp;

        while (i + run < len && (unsigned char)json[i + run] < 0x80)
            run++;
        strbuf_append(out, json + i, run);
        i += run;
        if (i >= len)
            break;
        size_t n = text_utf8_decode(json + i, len - i, &cp);
        if (cp == TEXT_UTF8_INVALID) {
            strbuf_puts(out, "\\ufffd");
        } else if (cp >= 0x10000) {
            cp -= 0x10000;
            strbuf_printf(out, "\\u%04x\\u%04x", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
            strbuf_printf(out, "\\u%04x", cp);
        }
        i += n ? n : 1;
    }
}

/* One object per line, written as it goes: a 100,000-row list never
 * exists as one JSON tree, and raw is the server's text, not re-parsed. */
int cli_print_invitations_json(FILE *out, const struct invitation *const *rows, size_t n)
{
    return cli_print_invitations_json_with(out, rows, n, NULL, NULL);
}

int cli_print_invitations_json_with(FILE *out, const struct invitation *const *rows, size_t n,
                                    const char *key, json_t *const *extra)
{
    struct strbuf line;

    strbuf_init(&line);
    fputs("[", out);
    for (size_t i = 0; i < n; i++) {
        json_t *o = invitation_fields_json(rows[i]);
        if (key && extra && extra[i])
            json_object_set(o, key, extra[i]);
        char *fields = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        json_decref(o);
        strbuf_reset(&line);
        strbuf_puts(&line, i ? ",\n  " : "\n  ");
        strbuf_append(&line, fields, strlen(fields) - 1); /* without the closing brace */
        strbuf_puts(&line, ",\"raw\":");
        append_json_ascii(&line, rows[i]->raw ? rows[i]->raw : "null");
        strbuf_putc(&line, '}');
        fwrite(line.data, 1, line.len, out);
        free(fields);
    }
    fputs(n ? "\n]\n" : "]\n", out);
    strbuf_free(&line);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

static int dump_array(FILE *out, json_t *arr)
{
    int rc = json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);

    json_decref(arr);
    if (rc == 0)
        fputc('\n', out);
    return rc == 0 && !ferror(out) ? 0 : -1;
}

int cli_print_accounts_json(FILE *out, const struct account_list *l)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < l->n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string_or_null(l->v[i].id));
        json_object_set_new(o, "name", json_string_or_null(l->v[i].name));
        json_object_set_new(o, "status", json_string_or_null(l->v[i].status));
        json_object_set_new(o, "type", json_string_or_null(l->v[i].type));
        json_array_append_new(arr, o);
    }
    return dump_array(out, arr);
}

/* {"field": ["message", ...]}: a field may have several complaints. */
static json_t *error_fields_json(const struct api_error *err)
{
    json_t *fields = json_object();

    for (size_t i = 0; i < err->nfields; i++) {
        const char *name = err->fields[i].field;
        json_t *list = json_object_get(fields, name);
        if (!list) {
            list = json_array();
            if (json_object_set_new(fields, name, list) < 0)
                continue; /* a name jansson refuses (not UTF-8) */
        }
        json_array_append_new(list, json_string_or_null(err->fields[i].message));
    }
    return fields;
}

int cli_print_error_json(FILE *out, const struct api_error *err)
{
    struct strbuf msg;
    json_t *e = json_object();
    json_t *root = json_object();

    strbuf_init(&msg);
    api_error_format_message(err, &msg);
    json_object_set_new(e, "kind", json_string(api_error_kind_name(err->kind)));
    json_object_set_new(e, "http_status",
                        err->http_status > 0 ? json_integer(err->http_status) : json_null());
    json_object_set_new(e, "title", json_string_or_null(err->title));
    json_object_set_new(e, "detail", json_string_or_null(err->detail));
    json_object_set_new(e, "fields", error_fields_json(err));
    json_object_set_new(e, "trace_id", json_string_or_null(err->trace_id));
    json_object_set_new(e, "instance", json_string_or_null(err->instance));
    /* The journal's "unknown": no definite answer to a request that may
     * have been carried out. A 4xx after a POST is a definite refusal. */
    json_object_set_new(e, "maybe_sent",
                        json_boolean(journal_result_of(-1, err) == JOURNAL_UNKNOWN));
    json_object_set_new(e, "retry_after",
                        err->retry_after >= 0 ? json_integer(err->retry_after) : json_null());
    /* The translated line stderr shows, for people; scripts read the rest. */
    json_object_set_new(e, "message", json_string_or_null(msg.data));
    json_object_set_new(root, "error", e);
    strbuf_free(&msg);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(root);
    if (rc == 0)
        fputc('\n', out);
    return rc == 0 && fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* Labels are translated: pad by display columns, not bytes ("État"). */
static void print_label(FILE *out, const char *label)
{
    int pad = 12 - text_width(label);

    fprintf(out, "%s%*s ", label, pad > 0 ? pad : 0, "");
}

/* shown is terminal-safe already: a display copy, or our own text. */
static void detail_line(FILE *out, const char *label, const char *shown)
{
    if (util_str_empty(shown))
        return;
    print_label(out, label);
    fprintf(out, "%s\n", shown);
}

static void detail_time(FILE *out, const char *label, time_t t, time_t now)
{
    struct strbuf sb;
    char iso[32];

    if (!t)
        return;
    strbuf_init(&sb);
    model_format_time(t, iso, sizeof(iso));
    strbuf_printf(&sb, "%s (", iso);
    timefmt_relative_long(&sb, t, now);
    strbuf_putc(&sb, ')');
    print_label(out, label);
    fprintf(out, "%s\n", sb.data);
    strbuf_free(&sb);
}

void cli_print_invitation_detail(FILE *out, const struct invitation *inv, time_t now)
{
    struct strbuf sb;

    strbuf_init(&sb);
    status_cell(&sb, inv);
    if (inv->raw_status)
        strbuf_printf(&sb, " (%s)", inv->shown.raw_status);
    detail_line(out, _("ID"), inv->shown.id);
    detail_line(out, _("User"), inv->shown.user_id);
    detail_line(out, _("Account"), inv->shown.account_id);
    detail_line(out, _("E-mail"), inv->shown.email);
    detail_line(out, _("Name"), inv->shown.name);
    detail_line(out, _("Status"), sb.data);
    detail_time(out, _("Created"), inv->created_at, now);
    detail_time(out, _("Expires"), inv->expires_at, now);
    detail_time(out, _("Accepted"), inv->accepted_at, now);
    detail_line(out, _("Assignments"), inv->shown.summary);
    detail_line(out, _("Link"), inv->shown.link);
    strbuf_free(&sb);
}
