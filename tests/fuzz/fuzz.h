/* fuzz: helpers shared by the libFuzzer targets in tests/fuzz/.
 *
 * Contract: FUZZ_CHECK aborts with a message naming the broken invariant, so
 * libFuzzer records the input as a crash; fuzz_utf8_valid and
 * fuzz_cstr_from are pure. Header-only: each target is one translation unit
 * linked against the project's sources built with clang (tests/fuzz/run.sh). */
#ifndef INVITUI_FUZZ_H
#define INVITUI_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/sanitize.h"

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* Whether s (NULL counts as valid) is well-formed UTF-8 throughout. */
static inline bool fuzz_utf8_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += text_utf8_decode(s + i, n - i, &cp);
        if (cp == TEXT_UTF8_INVALID)
            return false;
    }
    return true;
}

static inline bool fuzz_str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A NUL-terminated copy of the input; libFuzzer's buffer is not terminated. */
static inline char *fuzz_cstr_from(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
