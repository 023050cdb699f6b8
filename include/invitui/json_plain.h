/* json_plain: yajl's events for JSON text that needs no decoding, read without yajl.
 *
 * Contract (#12: yajl's byte-at-a-time lexer was a quarter of reading 100,000
 * invitations): json_plain_parse reads one JSON value from text whose bytes >= 0x80 the
 * caller has checked are UTF-8, calling cb as yajl_parse and yajl_complete_parse would on
 * the same bytes with yajl_dont_validate_strings (yajl_number for every number, its text
 * verbatim; strings and keys point into data), and returns true when the whole text was that
 * one value. It returns false, having called any prefix of those callbacks, for anything
 * else: a callback's 0, text it leaves to yajl (a backslash in a string, a byte below 0x20,
 * \v or \f, more than JSON_PLAIN_MAX_DEPTH levels), or invalid JSON. So when it says true,
 * yajl would have given the same events and accepted; after false the caller starts over
 * with yajl. Pure, any thread; no allocation. */
#ifndef INVITUI_JSON_PLAIN_H
#define INVITUI_JSON_PLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_parse.h>

#define JSON_PLAIN_MAX_DEPTH 128

bool json_plain_parse(const yajl_callbacks *cb, void *ctx, const char *data, size_t len);

/* How many of the first len bytes of s are ASCII other than a backslash, \v or \f: what a
 * check of text for json_plain (the list reader's, of UTF-8 and escapes) need not look at
 * one by one. 32 bytes at a time with AVX2 (json_plain_avx2), else eight. */
size_t json_plain_ascii_prefix(const char *s, size_t len);

/* Whether strings' ends are found 32 bytes at a time with AVX2: set before main where the CPU
 * has it; a test clears it to check the other way, before any thread reads. */
extern bool json_plain_avx2;

#endif
