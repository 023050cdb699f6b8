/* redact: the secret values of this process, removed from any text before
 * it is printed or written.
 *
 * Contract: a session registers its token when it opens (redact_add); the
 * output sinks (the trace writer, the CLI's error report, the journal
 * writer) pass their text through redact_text or redact_error, which
 * replace every occurrence of every registered secret with "***". This is
 * the last line of defence against a server that reflects a secret (an
 * echoed Authorization header in an error body): the code never puts a
 * token into text itself. Secrets stay registered for the life of the
 * process (a profile switched away from keeps its token hidden) until
 * redact_clear, which wipes them. Server error text is also cleaned where
 * it enters (api_error_from_http), so the TUI's views of an error are too. Values shorter than REDACT_MIN bytes are
 * not registered: they would match ordinary text. Thread-safe. */
#ifndef INVITUI_REDACT_H
#define INVITUI_REDACT_H

#include <stddef.h>

#include "invitui/error.h"

#define REDACT_MIN 4
#define REDACT_MARK "***"

void redact_add(const char *secret);
void redact_clear(void);
/* A malloc'd, NUL-terminated copy of s[0..len) with the secrets replaced;
 * *out_len (may be NULL) gets its length. */
char *redact_text(const char *s, size_t len, size_t *out_len);
/* Replaces the secrets in every text member of err, in place. */
void redact_error(struct api_error *err);

#endif
