/* json_util: small helpers over jansson, and a streaming splitter for one
 * large top-level JSON array.
 *
 * Contract: pure functions, no globals, any thread. Getters never fail:
 * they return NULL / 0 when a key is absent, null or of another type (the
 * APIs omit nulls, and optional fields of the wrong type count as absent).
 * Returned `const` pointers borrow from the json_t; `char *` results are
 * malloc'd and owned by the caller. Parse failures are API_ERR_PARSE. */
#ifndef INVITUI_JSON_UTIL_H
#define INVITUI_JSON_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "invitui/error.h"
#include "invitui/util.h"

/* Follows a dotted path ("audit.created.at") through nested objects; NULL
 * when any step is missing or not an object. A key containing a dot cannot
 * be reached this way (use json_object_get). */
json_t *json_util_path(const json_t *root, const char *path);
/* The string at path, or NULL when absent or not a string. */
const char *json_util_str(const json_t *root, const char *path);
/* The same, malloc'd (NULL when absent). */
char *json_util_dup(const json_t *root, const char *path);
/* The date-time at path as UTC; 0 when absent, not a string or unparsable. */
time_t json_util_time(const json_t *root, const char *path);
/* The integer at path into *out; false when absent or not an integer. */
bool json_util_int(const json_t *root, const char *path, long long *out);
/* A stored document (an invitation's raw text) as an object, owned by the
 * caller; NULL when text is NULL, does not parse or is not an object. */
json_t *json_util_object(const char *text);
/* Compact serialisation (JSON_COMPACT, key order kept), malloc'd. */
char *json_util_compact(const json_t *v);
/* The same JSON text without white space outside strings (malloc'd). Only
 * for text json_loadb already accepted: much cheaper than parse + dump, and
 * it keeps the server's own escapes. */
char *json_util_minify(const char *data, size_t len);
/* The object `base` with every member of `update` put over it (shallow: a member of update
 * replaces base's whole member), except update's "$meta", which describes only that answer.
 * Compact, malloc'd; NULL when either text is not a JSON object. For an action's answer that
 * omits members the list had (the Marketplace leaves out audit). */
char *json_util_merge_objects(const char *base, const char *update);
/* Sets key to a string, or leaves it out when value is NULL. */
void json_util_set_str(json_t *obj, const char *key, const char *value);

/* json_loadb with JSON_REJECT_DUPLICATES, JSON_ALLOW_NUL (strings read
 * through the getters end at an embedded \u0000) and any top-level value.
 * A raw NUL byte anywhere in data is a parse error (jansson alone would
 * skip one between some tokens). On
 * failure sets API_ERR_PARSE with `title` (already translated) as the title
 * and jansson's message and position as the detail. */
json_t *json_util_load(const char *data, size_t len, const char *title, struct api_error *err);

/* Called once per complete top-level array element with its exact bytes
 * (not NUL-terminated). Returns 0 to go on, -1 to stop (err set). */
typedef int (*json_element_fn)(void *ctx, size_t index, const char *data, size_t len,
                               struct api_error *err);

/* Finds each complete element of a top-level JSON array in a byte stream
 * cut anywhere, without building the document. It tracks strings, escapes
 * and nesting; it checks the array punctuation (commas, brackets, trailing
 * data) and rejects any raw NUL byte, but leaves each element's own syntax
 * to the element parser. */
struct json_splitter {
    json_element_fn fn;
    void *ctx;
    int state;
    size_t depth;
    bool in_string, escape;
    bool scalar;       /* the current element is a number/true/false/null */
    bool elem_ws;      /* the current element has whitespace outside its strings */
    bool elem_plain;   /* the current element is an object or array with no byte >= 0x80,
                          backslash, \v or \f anywhere: plain ASCII JSON */
    struct strbuf elem;
    size_t index;      /* elements delivered so far */
    size_t offset;     /* bytes consumed so far, for error messages */
    size_t max_elem;   /* one element larger than this is API_ERR_TOO_LARGE */
    bool avx2;         /* whole blocks are classified with AVX2 (set by init where the CPU
                          has it; a test clears it to check the SSE2 way) */
    bool avx512;       /* with AVX-512BW instead, a block one register (likewise) */
};

/* Default cap on one element: 16 MiB. */
#define JSON_SPLITTER_MAX_ELEM ((size_t)16 << 20)

/* Rewrites err (already set by an element parser) so that its title names
 * the element: "Element N of the list could not be read." and the detail
 * keeps what the element parser said. */
void json_element_error(struct api_error *err, size_t index);

void json_splitter_init(struct json_splitter *sp, json_element_fn fn, void *ctx);
/* Feeds the next piece; 0 or -1 (err set, and the splitter stays failed). */
int json_splitter_feed(struct json_splitter *sp, const char *data, size_t len,
                       struct api_error *err);
/* The stream ended: -1 (API_ERR_PARSE) unless the array was closed. */
int json_splitter_finish(struct json_splitter *sp, struct api_error *err);
void json_splitter_free(struct json_splitter *sp);

#endif
