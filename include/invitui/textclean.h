/* textclean: server-supplied text made safe for one line of a terminal.
 *
 * Contract: textclean_line returns a malloc'd copy (caller frees) of at most
 * `max` bytes plus an ellipsis, holding only printable single-line text:
 * invalid UTF-8, C0 (TAB/CR/LF become spaces), DEL, C1 and bidi controls
 * become '?', runs of white space collapse, both ends are trimmed. Pure and
 * thread-safe; used for error messages built from HTTP bodies. */
#ifndef INVITUI_TEXTCLEAN_H
#define INVITUI_TEXTCLEAN_H

#include <stddef.h>

char *textclean_line(const char *s, size_t len, size_t max);

#endif
