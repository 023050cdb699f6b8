/* jsonw: a streaming JSON writer into a strbuf, used to serialise the
 * sandbox's compact C state on demand (no jansson tree per object).
 *
 * Contract: the writer inserts commas and colons itself; callers emit keys
 * and values in order. A NULL string is written as JSON null. Strings are
 * copied byte for byte except that '"', '\\' and C0 controls are escaped, so
 * hostile UTF-8 (bidi overrides, C1 controls) reaches the client intact.
 * Not thread-safe per writer; each request uses its own. */
#ifndef INVITUI_SANDBOX_JSONW_H
#define INVITUI_SANDBOX_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "invitui/util.h"

#define JSONW_MAX_DEPTH 32

struct jsonw {
    struct strbuf *sb;
    int depth;
    bool after_key;
    bool need_comma[JSONW_MAX_DEPTH];
};

void jsonw_init(struct jsonw *w, struct strbuf *sb);
void jsonw_obj_begin(struct jsonw *w);
void jsonw_obj_end(struct jsonw *w);
void jsonw_arr_begin(struct jsonw *w);
void jsonw_arr_end(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_str(struct jsonw *w, const char *s);
void jsonw_int(struct jsonw *w, long long v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);
/* Shorthands for "key": value. */
void jsonw_kstr(struct jsonw *w, const char *key, const char *s);
void jsonw_kint(struct jsonw *w, const char *key, long long v);
void jsonw_kbool(struct jsonw *w, const char *key, bool v);
/* Writes s as a JSON string body (escaped, no quotes) onto sb. */
void jsonw_escape(struct strbuf *sb, const char *s);

#endif
