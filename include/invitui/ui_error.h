/* ui_error: how the terminal UI words an api_error -- the status line with
 * the short form of the server's trace id, and the text of the full-error
 * view (E, :error) with the trace id and instance whole.
 *
 * Contract: pure text, no curses and no app state, so any thread may call
 * it and the unit tests do; the UI thread draws the result. Widths are
 * measured with text_width (a UTF-8 LC_CTYPE, see sanitize.h). Every text
 * passed in is display-safe already (sanitised at ingress). */
#ifndef INVITUI_UI_ERROR_H
#define INVITUI_UI_ERROR_H

#include "invitui/error.h"
#include "invitui/util.h"

/* Columns the text keeps at least before the trace gives way. */
#define UI_ERROR_MIN_TEXT 20

/* Appends text and, when trace_id is set, "  trace 4bf92f35…" (translated)
 * within cols columns, without padding. A text too wide is cut with "…" so
 * that the trace stays; when fewer than UI_ERROR_MIN_TEXT columns would be
 * left for the text, the trace is left out instead. */
void ui_error_status_fit(struct strbuf *out, const char *text, const char *trace_id, int cols);

/* The full-error view: what failed and the one-line message, a blank line,
 * then the error item by item (api_error_format_lines), the trace id and
 * the instance each on a line of its own; no newline at the end. */
void ui_error_full_text(struct strbuf *out, const char *what, const struct api_error *err);

#endif
