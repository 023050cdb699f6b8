/* json_plain's parser, for the files that call it with callbacks of their own (json_plain.c,
 * hybridbox_list_json.c): with a constant yajl_callbacks, the compiler calls each callback
 * directly and may inline it, where a pointer call per event was a few per cent of reading
 * a list. The contract is json_plain_parse's (invitui/json_plain.h). */
#ifndef INVITUI_JSON_PLAIN_IMPL_H
#define INVITUI_JSON_PLAIN_IMPL_H

#include <stdint.h>
#include <string.h>

#include "invitui/json_plain.h"
#include "invitui/util.h"

static size_t skip_ws(const char *s, size_t i, size_t len)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The index of the '"' closing the string whose first byte is s[i], or len when it does not
 * close or has an escape or a byte below 0x20 (JSON's control characters, which yajl
 * refuses). Eight bytes at a time: strings are most of a list's bytes. A word has a byte
 * below 0x20 exactly when (w - 0x20 per byte) & ~w has a high bit set (the "has less"
 * test, exact for any bytes). */
static size_t string_end_words(const char *s, size_t i, size_t len)
{
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof(w));
        uint64_t low = (w - 0x2020202020202020ull) & ~w & UTIL_WORD_HIGHS;
        uint64_t stop = util_word_bytes_equal(w, '"') | util_word_bytes_equal(w, '\\');
        if (low | stop) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* The lowest flagged byte is exact (borrows only flag bytes above it). */
            size_t at = i + (size_t)__builtin_ctzll(low | stop) / 8;
            return s[at] == '"' ? at : len;
#else
            break;
#endif
        }
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == '\\')
            return len;
        else if (s[i] == '"')
            return i;
    return len;
}

/* string_end, 32 bytes at a time where the CPU has AVX2 (json_plain.c): most strings of a
 * list (keys, UUIDs, addresses, times) end within the first 32 bytes. */
#if defined(__x86_64__) && defined(__GNUC__)
#define JSON_PLAIN_HAVE_AVX2 1
size_t json_plain_string_end_avx2(const char *s, size_t i, size_t len);
#endif

static inline size_t string_end(const char *s, size_t i, size_t len)
{
#ifdef JSON_PLAIN_HAVE_AVX2
    if (json_plain_avx2 && len - i >= 32)
        return json_plain_string_end_avx2(s, i, len);
#endif
    return string_end_words(s, i, len);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t digits_end(const char *s, size_t i, size_t len)
{
    while (i < len && is_digit(s[i]))
        i++;
    return i;
}

/* The end of the number at s[i] (JSON's grammar), or i when there is none. */
static size_t number_end(const char *s, size_t i, size_t len)
{
    size_t at = i + (i < len && s[i] == '-');

    if (at >= len || !is_digit(s[at]))
        return i;
    at = s[at] == '0' ? at + 1 : digits_end(s, at, len);
    if (at < len && s[at] == '.') {
        if (at + 1 >= len || !is_digit(s[at + 1]))
            return i;
        at = digits_end(s, at + 1, len);
    }
    if (at < len && (s[at] == 'e' || s[at] == 'E')) {
        at += at + 1 < len && (s[at + 1] == '+' || s[at + 1] == '-') ? 2 : 1;
        if (at >= len || !is_digit(s[at]))
            return i;
        at = digits_end(s, at, len);
    }
    return at;
}

static bool is_word(const char *s, size_t i, size_t len, const char *word, size_t n)
{
    return len - i >= n && memcmp(s + i, word, n) == 0;
}

/* A scalar at s[i]: its callback, and *i past it. */
static bool scalar(const yajl_callbacks *cb, void *ctx, const char *s, size_t *i, size_t len)
{
    size_t at = *i, end;
    int ok = 1;

    if (s[at] == '"') {
        if ((end = string_end(s, at + 1, len)) == len)
            return false;
        if (cb->yajl_string)
            ok = cb->yajl_string(ctx, (const unsigned char *)s + at + 1, end - at - 1);
        end++;
    } else if (is_word(s, at, len, "null", 4)) {
        end = at + 4;
        ok = !cb->yajl_null || cb->yajl_null(ctx);
    } else if (is_word(s, at, len, "true", 4) || is_word(s, at, len, "false", 5)) {
        bool b = s[at] == 't';
        end = at + (b ? 4 : 5);
        ok = !cb->yajl_boolean || cb->yajl_boolean(ctx, b);
    } else {
        if ((end = number_end(s, at, len)) == at || !cb->yajl_number)
            return false; /* no number, or yajl would take another callback */
        ok = cb->yajl_number(ctx, s + at, end - at);
    }
    /* What follows is the caller's: "01" or "truex" fail there, no ',' or closer after it. */
    if (!ok)
        return false;
    *i = end;
    return true;
}

/* What comes next: a value (or the array's end, right after '['), an object's key (or its
 * end, right after '{'), or, after a value, a comma or the container's end. */
enum expect { E_FIRST_VALUE, E_VALUE, E_FIRST_KEY, E_KEY, E_AFTER };

struct open_containers {
    bool map[JSON_PLAIN_MAX_DEPTH]; /* each: an object, else an array */
    size_t depth;
};

static bool open_container(const yajl_callbacks *cb, void *ctx, struct open_containers *o,
                           bool map)
{
    int (*open)(void *) = map ? cb->yajl_start_map : cb->yajl_start_array;

    if (o->depth == JSON_PLAIN_MAX_DEPTH || (open && !open(ctx)))
        return false;
    o->map[o->depth++] = map;
    return true;
}

/* c closes the innermost container: its callback. */
static bool close_container(const yajl_callbacks *cb, void *ctx, struct open_containers *o,
                            char c)
{
    bool map = o->map[o->depth - 1];
    int (*close)(void *) = map ? cb->yajl_end_map : cb->yajl_end_array;

    if (c != (map ? '}' : ']') || (close && !close(ctx)))
        return false;
    o->depth--;
    return true;
}

/* The key at s[*i] and its colon: its callback, and *i past the colon. */
static bool key(const yajl_callbacks *cb, void *ctx, const char *s, size_t *i, size_t len)
{
    size_t end;

    if (s[*i] != '"' || (end = string_end(s, *i + 1, len)) == len)
        return false;
    if (cb->yajl_map_key &&
        !cb->yajl_map_key(ctx, (const unsigned char *)s + *i + 1, end - *i - 1))
        return false;
    if ((*i = skip_ws(s, end + 1, len)) == len || s[*i] != ':')
        return false;
    (*i)++;
    return true;
}

static inline __attribute__((always_inline)) bool
json_plain_parse_with(const yajl_callbacks *cb, void *ctx, const char *s, size_t len)
{
    struct open_containers o;
    size_t i = 0;
    enum expect e = E_VALUE;

    o.depth = 0;
    for (;;) {
        if ((i = skip_ws(s, i, len)) == len)
            return e == E_AFTER && o.depth == 0;
        char c = s[i];
        switch (e) {
        case E_AFTER:
            if (o.depth == 0)
                return false; /* a second value */
            if (c == ',')
                e = o.map[o.depth - 1] ? E_KEY : E_VALUE;
            else if (!close_container(cb, ctx, &o, c))
                return false;
            i++;
            continue;
        case E_FIRST_KEY:
        case E_KEY:
            if (e == E_FIRST_KEY && c == '}') {
                if (!close_container(cb, ctx, &o, c))
                    return false;
                i++;
                e = E_AFTER;
            } else if (key(cb, ctx, s, &i, len)) {
                e = E_VALUE;
            } else {
                return false;
            }
            continue;
        case E_FIRST_VALUE:
        case E_VALUE:
            break;
        }
        if (e == E_FIRST_VALUE && c == ']') {
            if (!close_container(cb, ctx, &o, c))
                return false;
            i++;
            e = E_AFTER;
        } else if (c == '{' || c == '[') {
            if (!open_container(cb, ctx, &o, c == '{'))
                return false;
            i++;
            e = c == '{' ? E_FIRST_KEY : E_FIRST_VALUE;
        } else if (scalar(cb, ctx, s, &i, len)) {
            e = E_AFTER;
        } else {
            return false;
        }
    }
}

#endif
