/* hybridbox_list_json: one element of the Hybridbox invitation list read as
 * yajl's events, without building a jansson tree (the 100,000-row profile in
 * the README: jansson's tree was 58% of the list's CPU). The events come from
 * json_plain where it vouches for them (text without escapes), else from yajl.
 *
 * Contract: pure, any thread. hybridbox_element_read fills *out exactly as
 * hybridbox_invitation_from_json would from the same bytes (raw = the bytes
 * minified) and returns 1; it returns 0, with *out untouched, for any
 * element it cannot vouch for, and the caller then asks jansson, whose
 * answer (row or error) stands. It vouches only where both parsers agree:
 * an object whose text is strict UTF-8 (no overlongs, surrogates or values
 * past U+10FFFF), with no \u0000 and no \u surrogate outside a pair, no
 * \v or \f (whitespace to yajl only), no duplicate key at any depth,
 * numbers that are small integers, at most HYBRIDBOX_ELEMENT_MAX_DEPTH levels and HYBRIDBOX_ELEMENT_MAX_KEYS
 * keys per object, and a string "id". So a hostile element costs at most
 * one jansson parse, and never a different row. fuzz_hybridbox_list holds
 * the two paths to the same rows. */
#ifndef INVITUI_HYBRIDBOX_LIST_JSON_H
#define INVITUI_HYBRIDBOX_LIST_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "invitui/model.h"

struct json_pack_writer; /* json_pack.h */

#define HYBRIDBOX_ELEMENT_MAX_DEPTH 64
#define HYBRIDBOX_ELEMENT_MAX_KEYS 64

/* What the caller already knows of the bytes (json_splitter found it on its way):
 * MINIFIED, no whitespace outside strings (elem_ws), so raw is the bytes themselves;
 * PLAIN, no byte >= 0x80, backslash, \v or \f (elem_plain), so the text needs no
 * closer look before yajl reads it. */
enum hybridbox_element_hint {
    HYBRIDBOX_ELEMENT_MINIFIED = 1 << 0,
    HYBRIDBOX_ELEMENT_PLAIN = 1 << 1,
};

/* hints: hybridbox_element_hint bits. pack: NULL, or the row gets the
 * element packed with it (out->packed) instead of raw. */
int hybridbox_element_read(const char *data, size_t len, unsigned hints,
                           struct json_pack_writer *pack, const char *account_id, time_t now,
                           struct invitation *out);

#endif
