#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/sanitize.h"
#include "invitui/util.h"

#define FFFD "\xEF\xBF\xBD"
#define ELL "\xE2\x80\xA6"

/* sanitize the first len bytes and compare */
static void check_n(const char *in, size_t len, unsigned flags, const char *want)
{
    char *got = sanitize_display(in, len, flags);
    assert_string_equal(got, want);
    free(got);
}

static void check(const char *in, unsigned flags, const char *want)
{
    check_n(in, strlen(in), flags, want);
}

static void plain_text_is_unchanged(void **state)
{
    (void)state;
    check("", 0, "");
    check("alice@example.com", 0, "alice@example.com");
    check("Zo\xC3\xAB \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x91\x8D", 0,
          "Zo\xC3\xAB \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x91\x8D");
    check(FFFD, 0, FFFD); /* a real U+FFFD stays */
    char *n = sanitize_cstr(NULL, 0);
    assert_null(n);
}

static void invalid_utf8_becomes_replacement(void **state)
{
    (void)state;
    check("a\xFF" "b", 0, "a" FFFD "b");
    check("\xE2\x82x", 0, FFFD "x");        /* truncated sequence: one marker */
    check("ab\xE2\x82", 0, "ab" FFFD);      /* truncated at the end */
    check("\xC0\xAF", 0, FFFD);             /* overlong '/', collapsed */
    check("\xED\xA0\x80", 0, FFFD);         /* UTF-8 encoded surrogate */
    check("\xF4\x90\x80\x80", 0, FFFD);     /* above U+10FFFF */
    check("\x9B" "31m", 0, FFFD "31m");     /* a raw C1 byte is not UTF-8 */
    check("a\xFF" "b", SANITIZE_STRIP, "a" FFFD "b"); /* data, not control: always shown */
}

static void decoder_reports_maximal_subparts(void **state)
{
    uint32_t cp;
    (void)state;
    assert_int_equal(text_utf8_decode("\xE2\x82\xAC", 3, &cp), 3);
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(text_utf8_decode("\xF0\x9F\x91\x8D", 4, &cp), 4);
    assert_int_equal(cp, 0x1F44D);
    assert_int_equal(text_utf8_decode("\xE2\x82x", 3, &cp), 2);
    assert_int_equal(cp, TEXT_UTF8_INVALID);
    assert_int_equal(text_utf8_decode("\xE2\x82\xAC", 2, &cp), 2); /* n limits the read */
    assert_int_equal(cp, TEXT_UTF8_INVALID);
    assert_int_equal(text_utf8_decode("\xE0\x80\x80", 3, &cp), 1);
    assert_int_equal(cp, TEXT_UTF8_INVALID);
}

static void c1_is_judged_by_code_point(void **state)
{
    (void)state;
    check("a\xC2\x9B" "31mb", 0, "a" FFFD "b");             /* 8-bit CSI and its parameters */
    check("\xC2\x9D" "0;title\x07x", 0, FFFD "x");          /* 8-bit OSC up to BEL */
    check("\xC2\x9D" "0;t\xC2\x9Cx", 0, FFFD "x");          /* ... or up to 8-bit ST */
    check("a\xC2\x85" "b", 0, "a" FFFD "b");                /* NEL */
    check("a\xC2\x80\xC2\x9A" "b", 0, "a" FFFD "b");        /* C1 run, collapsed */
    check("a\xC2\xA0" "b", 0, "a\xC2\xA0" "b");             /* U+00A0 is not C1 */
}

static void escape_sequences_are_removed_whole(void **state)
{
    (void)state;
    check("ad\x1b[0mmin", 0, "ad" FFFD "min");
    check("ad\x1b[0mmin", SANITIZE_STRIP, "admin");
    check("\x1b[31;1mred\x1b[0m", 0, FFFD "red" FFFD);
    check("\x1b[?2004h", 0, FFFD);
    check("\x1b]0;evil title\x07ok", 0, FFFD "ok");
    check("\x1b]52;c;ZXZpbA==\x07ok", 0, FFFD "ok");                     /* OSC 52 clipboard */
    check("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", 0, FFFD "link" FFFD); /* hyperlink */
    check("\x1bP1$r\x1b\\x", 0, FFFD "x");                              /* DCS */
    check("\x1b_apc\x1b\\x", 0, FFFD "x");                              /* APC */
    check("\x1b(Bx", 0, FFFD "x");                                      /* charset */
    check("\x1b" "7x", 0, FFFD "x");                                    /* save cursor */
    check("\x1b" "cx", 0, FFFD "x");                                    /* full reset */
    check("x\x1b", 0, "x" FFFD);                                        /* lone ESC */
    check("\x1b\xC3\xA9", 0, FFFD "\xC3\xA9");        /* ESC + non-ASCII: ESC alone goes */
    check("\x1b[31\x18x", 0, FFFD "x");               /* CAN aborts, then is a control */
    check("\x1b]0;never ends", 0, FFFD);              /* unterminated string swallowed */
    check("\x1b]0;t\x1b[1mx", 0, FFFD "x");           /* ESC inside a string starts anew */
}

static void c0_controls_and_del_are_marked(void **state)
{
    (void)state;
    check_n("a\x07" "b\x08" "c\0d\x7f" "e", 9, 0, "a" FFFD "b" FFFD "c" FFFD "d" FFFD "e");
    check("\x07\x07\x07\x1b[1m\x07", 0, FFFD);
    check("a\x07\x08" "b", SANITIZE_STRIP, "ab");
}

static void line_breaks(void **state)
{
    (void)state;
    check("a\tb\nc\r\nd\re\vf\fg", 0, "a b c d e f g");
    check("a\tb\nc\r\nd\re", SANITIZE_MULTILINE, "a b\nc\nd\ne");
    check("a\r\n\r\nb", SANITIZE_MULTILINE, "a\n\nb");
    check("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", 0, "a b c");
    check("a\xE2\x80\xA8" "b", SANITIZE_MULTILINE, "a\nb");
    check("a\r\x1b[1m\nb", SANITIZE_MULTILINE, "a\n" FFFD "\nb");
}

static void format_characters_are_dropped(void **state)
{
    (void)state;
    check("\xE2\x80\xAE" "evil\xE2\x80\xAC", 0, "evil");          /* RLO ... PDF */
    check("a\xE2\x81\xA6" "b\xE2\x81\xA9" "c", 0, "abc");         /* LRI ... PDI */
    check("a\xE2\x80\x8E" "b\xE2\x80\x8F" "c\xD8\x9C" "d", 0, "abcd"); /* LRM RLM ALM */
    check("\xEF\xBB\xBF" "bom", 0, "bom");
    check("soft\xC2\xAD" "hyphen", 0, "softhyphen");
    check("ad\xE2\x80\x8Bmin", 0, "admin");                       /* ZWSP dropped */
    check("a\xE2\x81\xA0" "b", 0, "ab");                          /* WORD JOINER */
    /* ZWJ kept: family emoji; ZWNJ kept: Persian */
    check("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", 0,
          "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");
    check("\xD9\x85\xE2\x80\x8C\xDB\x8C", 0, "\xD9\x85\xE2\x80\x8C\xDB\x8C");
}

static void cap_cuts_with_ellipsis(void **state)
{
    char *s;
    (void)state;

    s = sanitize_display_cap("abcdef", 6, 0, 4);
    assert_string_equal(s, "abc" ELL);
    free(s);
    s = sanitize_display_cap("abcdef", 6, 0, 6);
    assert_string_equal(s, "abcdef");
    free(s);
    s = sanitize_display_cap("abcdef", 6, 0, 1);
    assert_string_equal(s, ELL);
    free(s);
    s = sanitize_display_cap("abcdef", 6, 0, 0);
    assert_string_equal(s, "");
    free(s);
    /* the cap counts characters of output, not bytes of input */
    s = sanitize_display_cap("\x1b[1m\xC3\xA9\xC3\xA9\xC3\xA9", 10, SANITIZE_STRIP, 2);
    assert_string_equal(s, "\xC3\xA9" ELL);
    free(s);

    /* a 4 KB note */
    char note[4096];
    memset(note, 'x', sizeof note);
    s = sanitize_display_cap(note, sizeof note, SANITIZE_MULTILINE, 200);
    assert_int_equal(strlen(s), 199 + 3);
    assert_string_equal(s + 199, ELL);
    free(s);
}

static void append_and_fputs(void **state)
{
    struct strbuf sb;
    char buf[64] = {0};
    (void)state;

    strbuf_init(&sb);
    strbuf_puts(&sb, "name: ");
    sanitize_append(&sb, "x\x1b[2Jy", 6, 0, SANITIZE_NO_CAP);
    assert_string_equal(sb.data, "name: x" FFFD "y");
    strbuf_free(&sb);

    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    assert_non_null(f);
    assert_true(sanitize_fputs("err\x1b]0;x\x07!\n", 0, f) >= 0);
    fclose(f);
    assert_string_equal(buf, "err" FFFD "! ");
}

/* Random bytes never produce a control, an escape or invalid UTF-8. */
static void output_is_always_safe(void **state)
{
    unsigned seed = 12345;
    (void)state;

    for (int iter = 0; iter < 3000; iter++) {
        unsigned char in[64];
        for (size_t i = 0; i < sizeof in; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) & 0xFF;
            /* bias towards the interesting bytes */
            in[i] = (unsigned char)(r < 40 ? 0x1b : r < 60 ? 0xC2 : r < 80 ? 0x9B : r);
        }
        unsigned flags = (iter & 1) ? SANITIZE_MULTILINE : 0;
        char *s = sanitize_display((const char *)in, sizeof in, flags);
        size_t len = strlen(s);
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            i += text_utf8_decode(s + i, len - i, &cp);
            assert_true(cp != TEXT_UTF8_INVALID);
            assert_false(cp < 0x20 && !(cp == '\n' && flags));
            assert_false(cp >= 0x7F && cp <= 0x9F);
            assert_false(cp >= 0x202A && cp <= 0x202E);
        }
        free(s);
    }
}

/* ---- width ---- */

static void width_in_columns(void **state)
{
    (void)state;
    assert_int_equal(text_width(NULL), 0);
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("Zo\xC3\xAB"), 3);              /* precomposed */
    assert_int_equal(text_width("Zoe\xCC\x88"), 3);             /* combining diaeresis */
    assert_int_equal(text_width("\xE6\x97\xA5\xE6\x9C\xAC"), 4); /* CJK */
    assert_int_equal(text_width("\xF0\x9F\x91\x8D"), 2);        /* emoji */
    assert_int_equal(text_width("a\x07" "b"), 3);               /* wcwidth < 0 counts 1 */
    assert_int_equal(text_width("a\xFF" "b"), 3);               /* invalid counts 1 */
    assert_int_equal(text_width_n("\xE6\x97\xA5\xE6\x9C\xAC", 3), 2);
    assert_int_equal(text_width_n("Zo\xC3\xAB", 2), 2);
    assert_int_equal(text_cp_width(0x0301), 0);
    assert_int_equal(text_cp_width(0x0378), 1); /* unassigned: drawn as U+FFFD */
    assert_int_equal(text_cp_width(0x2028), 1); /* line separator: likewise */
}

/* Printable ASCII is 0x20-0x7E: every byte value, at every place of strings of 1 to 17
 * bytes (the word loop and the byte loop after it), the rest of the string printable. */
static void printable_ascii_is_exact_at_every_byte(void **state)
{
    char s[17];
    (void)state;

    for (size_t len = 1; len <= sizeof(s); len++)
        for (size_t at = 0; at < len; at++)
            for (int b = 0; b < 256; b++) {
                memset(s, 'a' + (int)(len % 26), sizeof(s));
                s[at] = (char)b;
                bool want = b >= 0x20 && b <= 0x7E;
                if (sanitize_is_printable_ascii(s, len) != want)
                    fail_msg("byte 0x%02x at %zu of %zu", b, at, len);
            }
    assert_true(sanitize_is_printable_ascii(" ~ ~ ~ ~ ~ ~ ~ ~", 16));
    assert_true(sanitize_is_printable_ascii("", 0));
}

static void prefix_never_splits_wide_chars(void **state)
{
    int w;
    (void)state;
    assert_int_equal(text_prefix_fit("a\xE6\x97\xA5", 4, 2, &w), 1);
    assert_int_equal(w, 1);
    assert_int_equal(text_prefix_fit("a\xE6\x97\xA5", 4, 3, &w), 4);
    assert_int_equal(w, 3);
    /* the combining mark stays with its base */
    assert_int_equal(text_prefix_fit("Zoe\xCC\x88y", 6, 3, &w), 5);
    assert_int_equal(w, 3);
    assert_int_equal(text_prefix_fit("abc", 3, 0, &w), 0);
    assert_int_equal(w, 0);
}

static void skip_cols_for_scrolling(void **state)
{
    int sk;
    (void)state;
    assert_int_equal(text_skip_cols("abc", 1, &sk), 1);
    assert_int_equal(sk, 1);
    /* the wide char cut by the left edge is skipped whole */
    assert_int_equal(text_skip_cols("\xE6\x97\xA5\xE6\x9C\xAC", 1, &sk), 3);
    assert_int_equal(sk, 2);
    assert_int_equal(text_skip_cols("e\xCC\x88x", 1, &sk), 3);
    assert_int_equal(sk, 1);
    assert_int_equal(text_skip_cols("ab", 5, &sk), 2);
    assert_int_equal(sk, 2);
}

static void fit_case(const char *s, int cols, enum text_align a, const char *want)
{
    struct strbuf sb;
    strbuf_init(&sb);
    text_fit(&sb, s, cols, a);
    char *got = strbuf_detach(&sb, NULL);
    assert_string_equal(got, want);
    assert_int_equal(text_width(got), cols < 0 ? 0 : cols);
    free(got);
}

static void fit_pads_and_cuts(void **state)
{
    (void)state;
    fit_case("abc", 5, TEXT_ALIGN_LEFT, "abc  ");
    fit_case("abc", 5, TEXT_ALIGN_RIGHT, "  abc");
    fit_case("abc", 5, TEXT_ALIGN_CENTER, " abc ");
    fit_case("abcdef", 4, TEXT_ALIGN_LEFT, "abc" ELL);
    fit_case("abcdef", 1, TEXT_ALIGN_LEFT, ELL);
    fit_case("abcdef", 0, TEXT_ALIGN_LEFT, "");
    fit_case("abc", -3, TEXT_ALIGN_LEFT, "");
    fit_case(NULL, 2, TEXT_ALIGN_LEFT, "  ");
    /* 日本語 is 6 columns */
    fit_case("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6, TEXT_ALIGN_LEFT,
             "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");
    fit_case("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5, TEXT_ALIGN_LEFT,
             "\xE6\x97\xA5\xE6\x9C\xAC" ELL);
    fit_case("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4, TEXT_ALIGN_LEFT, "\xE6\x97\xA5" ELL " ");
    fit_case("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4, TEXT_ALIGN_RIGHT, " \xE6\x97\xA5" ELL);
    fit_case("\xE6\x97\xA5", 1, TEXT_ALIGN_LEFT, ELL);
    fit_case("Zo\xC3\xAB", 3, TEXT_ALIGN_LEFT, "Zo\xC3\xAB");
    fit_case("Zoe\xCC\x88", 3, TEXT_ALIGN_LEFT, "Zoe\xCC\x88");
    fit_case("Zoe\xCC\x88y", 4, TEXT_ALIGN_LEFT, "Zoe\xCC\x88y");
    fit_case("Zoe\xCC\x88yz", 4, TEXT_ALIGN_LEFT, "Zoe\xCC\x88" ELL);
}

static void truncate_without_ellipsis(void **state)
{
    struct strbuf sb;
    (void)state;

    strbuf_init(&sb);
    assert_int_equal(text_truncate(&sb, "a\xE6\x97\xA5" "b", 2, false), 1);
    assert_string_equal(sb.data, "a");
    strbuf_reset(&sb);
    assert_int_equal(text_truncate(&sb, "a\xE6\x97\xA5" "b", 3, true), 2);
    assert_string_equal(sb.data, "a" ELL);
    strbuf_reset(&sb);
    assert_int_equal(text_truncate(&sb, "a\xE6\x97\xA5" "b", 4, true), 4);
    assert_string_equal(sb.data, "a\xE6\x97\xA5" "b");
    strbuf_free(&sb);
}

static void fit_into_fixed_buffer(void **state)
{
    char out[8];
    (void)state;
    assert_int_equal(text_fit_buf(out, sizeof out, "ab", 4, TEXT_ALIGN_RIGHT), 4);
    assert_string_equal(out, "  ab");
    /* "日本語" needs 9 bytes: cut on a character boundary */
    assert_int_equal(text_fit_buf(out, sizeof out, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6,
                                  TEXT_ALIGN_LEFT), 6);
    assert_string_equal(out, "\xE6\x97\xA5\xE6\x9C\xAC");
    assert_int_equal(text_fit_buf(out, 0, "x", 1, TEXT_ALIGN_LEFT), 0);
}

static void display_mapping_keeps_columns(void **state)
{
    const char *in = "a\x1b[1m\xE6\x97\xA5\xFF\xE2\x80\xAE" "b\x7f";
    struct strbuf sb;
    (void)state;

    strbuf_init(&sb);
    text_display_append(&sb, in, strlen(in));
    /* ESC, the invalid byte and DEL each become one U+FFFD; RLO (zero-width) goes */
    assert_string_equal(sb.data, "a" FFFD "[1m\xE6\x97\xA5" FFFD "b" FFFD);
    assert_int_equal(text_width(sb.data), text_width(in));
    strbuf_free(&sb);
}

/* Fuzz finding (fuzz_sanitize): glibc gives the soft hyphen width 1, but it
 * is dropped for display, so measuring the raw text must count it as 0 or
 * the prompt's cursor lands one column off. */
static void dropped_format_characters_have_no_width(void **state)
{
    const char *in = "a\xC2\xAD" "b\xD8\x9C" "c\xE2\x81\xA0";
    struct strbuf sb;
    (void)state;

    assert_int_equal(text_cp_width(0x00AD), 0);
    assert_int_equal(text_width(in), 3);
    strbuf_init(&sb);
    text_display_append(&sb, in, strlen(in));
    assert_string_equal(sb.data, "abc");
    assert_int_equal(text_width(sb.data), text_width(in));
    strbuf_free(&sb);
}

static void fold_prefix_any_case(void **state)
{
    (void)state;
    assert_true(text_fold_prefix("Acme Hosting", "acme h", 6, false));
    assert_true(text_fold_prefix("Ελληνική Φιλοξενία", "ελλ", strlen("ελλ"), false));
    assert_true(text_fold_prefix("Müller & Söhne", "MÜLLER & SÖHNE", strlen("MÜLLER & SÖHNE"),
                                 true));
    assert_false(text_fold_prefix("Müller", "Mul", 3, false));
    assert_false(text_fold_prefix("Acme", "acme x", 6, false)); /* longer than s */
    assert_false(text_fold_prefix("Acme Hosting", "acme", 4, true));
    assert_true(text_fold_prefix("Acme", "", 0, false));
    assert_false(text_fold_prefix(NULL, "a", 1, false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_text_is_unchanged),
        cmocka_unit_test(invalid_utf8_becomes_replacement),
        cmocka_unit_test(decoder_reports_maximal_subparts),
        cmocka_unit_test(c1_is_judged_by_code_point),
        cmocka_unit_test(escape_sequences_are_removed_whole),
        cmocka_unit_test(c0_controls_and_del_are_marked),
        cmocka_unit_test(line_breaks),
        cmocka_unit_test(format_characters_are_dropped),
        cmocka_unit_test(cap_cuts_with_ellipsis),
        cmocka_unit_test(append_and_fputs),
        cmocka_unit_test(output_is_always_safe),
        cmocka_unit_test(width_in_columns),
        cmocka_unit_test(prefix_never_splits_wide_chars),
        cmocka_unit_test(printable_ascii_is_exact_at_every_byte),
        cmocka_unit_test(skip_cols_for_scrolling),
        cmocka_unit_test(fit_pads_and_cuts),
        cmocka_unit_test(truncate_without_ellipsis),
        cmocka_unit_test(fit_into_fixed_buffer),
        cmocka_unit_test(display_mapping_keeps_columns),
        cmocka_unit_test(dropped_format_characters_have_no_width),
        cmocka_unit_test(fold_prefix_any_case),
    };
    /* text_* measure with utf8proc, whatever the locale: the tests run in the C locale, where
     * wcwidth() would call CJK and every accented letter unprintable. */
    setlocale(LC_ALL, "C");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
