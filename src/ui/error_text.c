#include "config.h"

#include "invitui/ui_error.h"

#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"

void ui_error_status_fit(struct strbuf *out, const char *text, const char *trace_id, int cols)
{
    struct strbuf id, tail;
    int tw;

    if (cols <= 0)
        return;
    strbuf_init(&id);
    strbuf_init(&tail);
    api_error_short_trace(trace_id, &id);
    if (id.len) {
        strbuf_puts(&tail, "  ");
        /* TRANSLATORS: after an error on the status line: the short form of
         * the server's trace id ("4bf92f35…"); E shows it whole. Keep it
         * short: the status line is 80 columns. */
        strbuf_printf(&tail, _("trace %s"), id.data);
    }
    tw = text_width(tail.data);
    if (!tail.len || cols - tw < UI_ERROR_MIN_TEXT) {
        text_truncate(out, text ? text : "", cols, true);
    } else {
        /* The message gives way, not the trace: it is what support asks for. */
        text_truncate(out, text ? text : "", cols - tw, true);
        strbuf_append(out, tail.data, tail.len);
    }
    strbuf_free(&id);
    strbuf_free(&tail);
}

void ui_error_full_text(struct strbuf *out, const char *what, const struct api_error *err)
{
    struct strbuf line;

    strbuf_init(&line);
    api_error_format_message(err, &line);
    if (what)
        strbuf_printf(out, "%s\n\n", what);
    strbuf_printf(out, "%s\n", line.data);
    api_error_format_lines(err, out);
    if (out->len && out->data[out->len - 1] == '\n')
        out->data[--out->len] = '\0'; /* no blank line at the bottom of the view */
    strbuf_free(&line);
}
