#include "config.h"

#include "invitui/json_plain.h"

#include "json_plain_impl.h"

bool json_plain_avx2;

#ifdef JSON_PLAIN_HAVE_AVX2
#include <immintrin.h>

__attribute__((constructor)) static void json_plain_init(void)
{
    __builtin_cpu_init(); /* a constructor may run before libgcc's own */
    json_plain_avx2 = __builtin_cpu_supports("avx2");
}

/* A byte below 0x20 is one whose unsigned max with 0x1f is 0x1f. */
__attribute__((target("avx2"))) size_t json_plain_string_end_avx2(const char *s, size_t i,
                                                                   size_t len)
{
    const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
    const __m256i low = _mm256_set1_epi8(0x1f);

    for (; len - i >= 32; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i stop = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)),
            _mm256_cmpeq_epi8(_mm256_max_epu8(v, low), low));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(stop);
        if (m) {
            size_t at = i + (size_t)__builtin_ctz(m);
            return s[at] == '"' ? at : len;
        }
    }
    return string_end_words(s, i, len);
}

/* The 32-byte blocks of s before the first that holds a byte >= 0x80, a backslash, \v or \f;
 * the place of that byte when one does. */
__attribute__((target("avx2"))) static size_t ascii_prefix_avx2(const char *s, size_t len)
{
    const __m256i backslash = _mm256_set1_epi8('\\'), vt = _mm256_set1_epi8('\v');
    const __m256i ff = _mm256_set1_epi8('\f');
    size_t i = 0;

    for (; len - i >= 32; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i look = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, backslash), _mm256_cmpeq_epi8(v, vt)),
            _mm256_cmpeq_epi8(v, ff));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(v) | (uint32_t)_mm256_movemask_epi8(look);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    return i;
}
#endif

size_t json_plain_ascii_prefix(const char *s, size_t len)
{
    size_t i = 0;

#ifdef JSON_PLAIN_HAVE_AVX2
    if (json_plain_avx2) {
        i = ascii_prefix_avx2(s, len);
        if (len - i >= 32)
            return i; /* found in a block */
    }
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof(w));
        if ((w & UTIL_WORD_HIGHS) | util_word_bytes_equal(w, '\\') |
            util_word_bytes_equal(w, '\v') | util_word_bytes_equal(w, '\f'))
            break;
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == '\\' || c == '\v' || c == '\f')
            return i;
    }
    return len;
}

bool json_plain_parse(const yajl_callbacks *cb, void *ctx, const char *s, size_t len)
{
    return json_plain_parse_with(cb, ctx, s, len);
}
