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
#endif

bool json_plain_parse(const yajl_callbacks *cb, void *ctx, const char *s, size_t len)
{
    return json_plain_parse_with(cb, ctx, s, len);
}
