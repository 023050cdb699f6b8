/* json_pack: a JSON value kept compactly, for the rows of a large list (#12: "no whole JSON
 * document per row"). Object keys and short string values (role, capability, bundle and
 * group keys, statuses, kinds: a few dozen distinct values across 100,000 rows) are
 * interned once per process and stored as small numbers; other strings, numbers and the
 * structure are bytes. A Hybridbox invitation packs to about a quarter of its JSON text.
 *
 * Contract: a json_pack_writer is fed events in document order (as yajl gives them) and
 * yields one malloc'd struct json_packed; json_packed_object() rebuilds the value as a
 * jansson tree, keys in their order, for the one row a view needs. Numbers are kept as
 * their text and must be integers (the list reader leaves anything else to jansson).
 * The intern table is shared by all threads: adding a string takes a lock; finding one (a
 * writer keeps a small cache in front of the table) and reading one take none. It holds
 * at most JSON_PACK_MAX_INTERNED strings of at most JSON_PACK_INTERN_MAX bytes; beyond
 * that strings are stored inline, so a hostile server cannot grow it without bound. */
#ifndef INVITUI_JSON_PACK_H
#define INVITUI_JSON_PACK_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "invitui/util.h"

#define JSON_PACK_INTERN_MAX 32
#define JSON_PACK_MAX_INTERNED 65536
#define JSON_PACK_CACHE 512

struct json_packed {
    size_t len;
    unsigned char data[];
};

/* A word the writer met, with its text: a hit is one compare within the slot. */
struct json_pack_cache_slot {
    uint32_t id;
    uint32_t len;
    unsigned char text[JSON_PACK_INTERN_MAX];
};

struct json_pack_writer {
    struct strbuf out;
    struct json_pack_cache_slot cache[JSON_PACK_CACHE];
};

void json_pack_writer_init(struct json_pack_writer *w);
void json_pack_writer_free(struct json_pack_writer *w);
/* Starts the next value (the writer and its cache are reused from row to row). */
void json_pack_begin(struct json_pack_writer *w);
void json_pack_null(struct json_pack_writer *w);
void json_pack_bool(struct json_pack_writer *w, int b);
void json_pack_number(struct json_pack_writer *w, const char *s, size_t len);
/* Returns the time when it packed the string as one (a canonical UTC time after 1970: what
 * model_parse_time reads from it), else 0, so that a reader need not parse it again. */
time_t json_pack_string(struct json_pack_writer *w, const char *s, size_t len);
/* The key's id in the intern table, the same for the same bytes all along; 0 when it is
 * kept as bytes (longer than JSON_PACK_INTERN_MAX, or the table full without it). */
uint32_t json_pack_key(struct json_pack_writer *w, const char *s, size_t len);
void json_pack_open(struct json_pack_writer *w, int is_object);
void json_pack_close(struct json_pack_writer *w, int is_object);
/* The value written since json_pack_begin, malloc'd. */
struct json_packed *json_pack_finish(struct json_pack_writer *w);

/* A new reference, or NULL for NULL (or bytes that are not a packed value). */
json_t *json_packed_object(const struct json_packed *p);
struct json_packed *json_packed_dup(const struct json_packed *p);
/* Strings the table holds, for tests and the bench. */
size_t json_pack_interned(void);
/* Whether UUIDs are packed with AVX2: set before main where the CPU has it; a test clears it
 * to check the other way, before any thread reads. */
extern bool json_pack_avx2;

#endif
