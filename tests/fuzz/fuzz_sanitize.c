/* sanitize: display-safe text and its width. The first byte holds the flags
 * (2 bits) and a cap (6 bits), the second a column count; the rest is the
 * text. Invariants, from include/invitui/sanitize.h:
 *   - the output is valid UTF-8 with no C0 control (LF only with
 *     SANITIZE_MULTILINE), no DEL, no C1, no ESC, no U+2028/2029 and none of
 *     the dropped format characters (bidi overrides, isolates, marks, BOM...);
 *   - sanitising the output again changes nothing;
 *   - the capped copy is the uncapped one when that fits, else at most cap
 *     code points ending in "…";
 *   - text_fit fills exactly cols columns; text_prefix_fit, text_truncate
 *     and text_display_append measure what they say. */
#include "config.h"

#include <locale.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        abort(); /* text_* measure with wcwidth() */
    return 0;
}

static bool dropped_format(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C || cp == 0xFEFF || cp == 0x00AD || cp == 0x200B ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F);
}

/* Checks the display invariants; returns the number of code points. */
static size_t check_display_safe(const char *s, unsigned flags)
{
    size_t n = strlen(s), count = 0;

    for (size_t i = 0; i < n; count++) {
        uint32_t cp;
        i += text_utf8_decode(s + i, n - i, &cp);
        FUZZ_CHECK(cp != TEXT_UTF8_INVALID);
        FUZZ_CHECK(cp >= 0x20 || (cp == '\n' && (flags & SANITIZE_MULTILINE)));
        FUZZ_CHECK(cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F));
        FUZZ_CHECK(cp != 0x2028 && cp != 0x2029);
        FUZZ_CHECK(!dropped_format(cp));
    }
    return count;
}

static void check_width(const char *text, size_t len, const char *safe, int cols)
{
    struct strbuf sb;
    int w = -1;
    size_t pre = text_prefix_fit(safe, strlen(safe), cols, &w);

    FUZZ_CHECK(pre <= strlen(safe) && w >= 0 && w <= cols);
    FUZZ_CHECK(text_width_n(safe, pre) == w);

    strbuf_init(&sb);
    text_fit(&sb, safe, cols, (enum text_align)(len % 3));
    FUZZ_CHECK(text_width(sb.data) == cols);
    strbuf_reset(&sb);
    w = text_truncate(&sb, safe, cols, (len & 1) != 0);
    FUZZ_CHECK(w >= 0 && w <= cols && text_width(sb.data) == w);
    strbuf_reset(&sb);
    /* Raw text being edited: same width as measured, drawable. */
    size_t raw_len = strnlen(text, len);
    text_display_append(&sb, text, raw_len);
    FUZZ_CHECK(text_width(sb.data) == text_width_n(text, raw_len));
    FUZZ_CHECK(fuzz_utf8_valid(sb.data));
    strbuf_free(&sb);

    int skipped = -1;
    size_t off = text_skip_cols(safe, cols, &skipped);
    FUZZ_CHECK(off <= strlen(safe) && skipped >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags;
    size_t cap;
    int cols;

    if (size < 2)
        return 0;
    flags = data[0] & 3u;
    cap = data[0] >> 2;
    cols = data[1] % 100;
    const char *text = (const char *)data + 2;
    size_t len = size - 2;

    char *out = sanitize_display(text, len, flags);
    size_t count = check_display_safe(out, flags);
    char *again = sanitize_display(out, strlen(out), flags);
    FUZZ_CHECK(strcmp(out, again) == 0);

    char *capped = sanitize_display_cap(text, len, flags, cap);
    size_t ccount = check_display_safe(capped, flags);
    if (count <= cap) {
        FUZZ_CHECK(strcmp(capped, out) == 0);
    } else {
        FUZZ_CHECK(ccount == cap);
        FUZZ_CHECK(cap == 0 || strcmp(capped + strlen(capped) - 3, "\xe2\x80\xa6") == 0);
    }

    if (!(flags & SANITIZE_MULTILINE))
        check_width(text, len, out, cols);
    free(capped);
    free(again);
    free(out);
    return 0;
}
