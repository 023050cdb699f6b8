#include "config.h"

#include "invitui/sanitize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define CP_REPLACEMENT 0xFFFDu
#define CP_ELLIPSIS 0x2026u
#define CP_ESC 0x1Bu
#define CP_BEL 0x07u
#define CP_CAN 0x18u
#define CP_SUB 0x1Au
#define CP_ST 0x9Cu

size_t text_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char b = s[0];
    size_t need;
    uint32_t v;
    unsigned char lo = 0x80, hi = 0xBF;

    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        v = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        v = b & 0x0Fu;
        if (b == 0xE0)
            lo = 0xA0; /* overlong */
        else if (b == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        v = b & 0x07u;
        if (b == 0xF0)
            lo = 0x90; /* overlong */
        else if (b == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        *cp = TEXT_UTF8_INVALID;
        return 1;
    }
    /* Only the second byte has a restricted range (Unicode Table 3-7); a byte out of range
     * ends the maximal subpart, which is consumed as one invalid unit. */
    for (size_t i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *cp = TEXT_UTF8_INVALID;
            return i;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = v;
    return need + 1;
}

/* Invisible format characters that reorder or hide text; dropped without a marker. */
static bool is_dropped_format(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0xFEFF || cp == 0x00AD ||
           cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F);
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

enum esc_state {
    ST_TEXT,
    ST_ESC,    /* after ESC */
    ST_INTER,  /* ESC followed by intermediate bytes */
    ST_CSI,    /* parameters and intermediates of a control sequence */
    ST_STRING, /* OSC/DCS/SOS/PM/APC payload up to its terminator */
};

struct san {
    struct strbuf *out;
    unsigned flags;
    size_t max_chars;
    size_t nchars;
    size_t cut_len;  /* out->len when nchars was max_chars - 1: where "…" goes */
    bool full;       /* cap reached and "…" written: ignore the rest */
    bool last_mark;  /* the last thing written was a marker: collapse runs */
    bool last_cr;    /* the last input was CR: a following LF adds nothing */
    enum esc_state st;
};

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
    char b[4];
    size_t n;

    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_append(sb, b, n);
}

static void emit(struct san *z, uint32_t cp)
{
    if (z->full)
        return;
    if (z->max_chars != SANITIZE_NO_CAP && z->nchars >= z->max_chars) {
        /* One character too many: replace the last kept one with the ellipsis. */
        if (z->max_chars > 0) {
            z->out->len = z->cut_len;
            z->out->data[z->out->len] = '\0';
            put_utf8(z->out, CP_ELLIPSIS);
        }
        z->full = true;
        return;
    }
    if (z->nchars + 1 == z->max_chars)
        z->cut_len = z->out->len;
    put_utf8(z->out, cp);
    z->nchars++;
    z->last_mark = false;
}

static void mark(struct san *z)
{
    if (z->last_mark || (z->flags & SANITIZE_STRIP))
        return;
    emit(z, CP_REPLACEMENT);
    z->last_mark = true;
}

/* Line and word breaks: returns true when cp was one. */
static bool text_break(struct san *z, uint32_t cp)
{
    bool multi = (z->flags & SANITIZE_MULTILINE) != 0;
    bool was_cr = z->last_cr;

    z->last_cr = cp == '\r';
    switch (cp) {
    case '\n':
        if (!was_cr)
            emit(z, multi ? '\n' : ' ');
        return true;
    case '\r':
    case 0x2028:
    case 0x2029:
        emit(z, multi ? '\n' : ' ');
        return true;
    case '\t':
    case 0x0B:
    case 0x0C:
        emit(z, ' ');
        return true;
    default:
        return false;
    }
}

/* 8-bit forms of the sequence introducers. */
static bool c1_introducer(struct san *z, uint32_t cp)
{
    switch (cp) {
    case 0x9B:
        z->st = ST_CSI;
        return true;
    case 0x9D:
    case 0x90:
    case 0x98:
    case 0x9E:
    case 0x9F:
        z->st = ST_STRING;
        return true;
    default:
        return false;
    }
}

static void text_cp(struct san *z, uint32_t cp)
{
    if (cp == TEXT_UTF8_INVALID) {
        z->last_cr = false;
        /* Invalid input is always marked, even with SANITIZE_STRIP: it is data, not control. */
        if (!z->last_mark)
            emit(z, CP_REPLACEMENT);
        z->last_mark = true;
        return;
    }
    if (text_break(z, cp))
        return;
    if (cp == CP_ESC) {
        mark(z);
        z->st = ST_ESC;
    } else if (c1_introducer(z, cp) || is_control(cp)) {
        mark(z);
    } else if (!is_dropped_format(cp)) {
        emit(z, cp);
    }
}

/* Feeds one code point through the escape-sequence recogniser. A byte that cannot continue a
 * sequence aborts it and is then treated as text, as a terminal would. */
static void feed(struct san *z, uint32_t cp)
{
    switch (z->st) {
    case ST_TEXT:
        text_cp(z, cp);
        return;
    case ST_ESC:
        if (cp == '[') {
            z->st = ST_CSI;
            return;
        }
        if (cp == ']' || cp == 'P' || cp == 'X' || cp == '^' || cp == '_') {
            z->st = ST_STRING;
            return;
        }
        /* ESC may also be followed by intermediates and a final byte. */
        /* fall through */
    case ST_INTER:
        if (cp >= 0x20 && cp <= 0x2F) {
            z->st = ST_INTER;
            return;
        }
        if (cp >= 0x30 && cp <= 0x7E) {
            z->st = ST_TEXT;
            return;
        }
        break;
    case ST_CSI:
        if (cp >= 0x20 && cp <= 0x3F)
            return;
        if (cp >= 0x40 && cp <= 0x7E) {
            z->st = ST_TEXT;
            return;
        }
        break;
    case ST_STRING:
        if (cp == CP_BEL || cp == CP_ST) {
            z->st = ST_TEXT;
            return;
        }
        if (cp == CP_ESC) {
            z->st = ST_ESC; /* ESC \ ends the string; any other ESC starts a new sequence */
            return;
        }
        if (cp != CP_CAN && cp != CP_SUB)
            return;
        break;
    }
    z->st = ST_TEXT;
    text_cp(z, cp);
}

void sanitize_append(struct strbuf *out, const char *s, size_t len, unsigned flags,
                     size_t max_chars)
{
    struct san z = {.out = out, .flags = flags, .max_chars = max_chars, .st = ST_TEXT};
    size_t i = 0;

    if (!out->data)
        strbuf_puts(out, ""); /* z.cut_len may truncate to a length inside out */
    z.cut_len = out->len;
    if (max_chars == 0)
        return;
    while (i < len && !z.full) {
        uint32_t cp;
        i += text_utf8_decode(s + i, len - i, &cp);
        feed(&z, cp);
    }
}

bool sanitize_is_printable_ascii(const char *s, size_t len)
{
    size_t i = 0;

    /* Eight bytes at a time (every row's id, e-mail and summary come here): a byte below 0x20
     * borrows into its high bit, where ~w keeps it; one of 0x7F or above has it set in w or
     * after adding 1. Exact for the word as a whole, as util_word_bytes_equal. */
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof(w));
        if ((((w - UTIL_WORD_ONES * 0x20) & ~w) | (w + UTIL_WORD_ONES) | w) & UTIL_WORD_HIGHS)
            return false;
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
            return false;
    return true;
}

char *sanitize_display_cap(const char *s, size_t len, unsigned flags, size_t max_chars)
{
    struct strbuf sb;

    /* An exact-size copy: a list's display copies are 100,000 rows of them, and a strbuf
     * would round each up to 64 bytes and grow it one character at a time. */
    if (s && (max_chars == SANITIZE_NO_CAP || len <= max_chars) &&
        sanitize_is_printable_ascii(s, len))
        return xstrndup(s, len);
    strbuf_init(&sb);
    sanitize_append(&sb, s, s ? len : 0, flags, max_chars);
    return strbuf_detach(&sb, NULL);
}

char *sanitize_display(const char *s, size_t len, unsigned flags)
{
    return sanitize_display_cap(s, len, flags, SANITIZE_NO_CAP);
}

char *sanitize_cstr(const char *s, unsigned flags)
{
    return s ? sanitize_display(s, strlen(s), flags) : NULL;
}

int sanitize_fputs(const char *s, unsigned flags, FILE *f)
{
    char *clean = sanitize_display(s, s ? strlen(s) : 0, flags);
    int rc = fputs(clean, f);

    free(clean);
    return rc;
}

/* ---- width ---- */

/* What a terminal cannot draw: controls, unassigned code points, lone surrogates and the line
 * and paragraph separators (wcwidth() says -1 for all of them). Drawn as U+FFFD. */
static bool is_undrawable(uint32_t cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return true;
    default:
        return false;
    }
}

int text_cp_width(uint32_t cp)
{
    if (cp == TEXT_UTF8_INVALID || cp > 0x10FFFF || is_undrawable(cp))
        return 1;
    /* Never drawn (dropped at ingress and by text_display_append), though the tables give some
     * of them, e.g. the soft hyphen, a width of 1. */
    if (is_dropped_format(cp))
        return 0;
    return utf8proc_charwidth((utf8proc_int32_t)cp);
}

int text_width_n(const char *s, size_t n)
{
    int cols = 0;

    if (!s)
        return 0;
    for (size_t i = 0; i < n && s[i];) {
        uint32_t cp;
        i += text_utf8_decode(s + i, n - i, &cp);
        cols += text_cp_width(cp);
    }
    return cols;
}

int text_width(const char *s)
{
    return s ? text_width_n(s, strlen(s)) : 0;
}

/* utf8proc, not towlower(): the same answer in every locale. */
static uint32_t fold_cp(uint32_t cp)
{
    if (cp == TEXT_UTF8_INVALID || !utf8proc_codepoint_valid((utf8proc_int32_t)cp))
        return cp;
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

bool text_fold_prefix(const char *s, const char *prefix, size_t plen, bool whole)
{
    size_t i = 0, j = 0, len = s ? strlen(s) : 0;

    while (j < plen) {
        uint32_t a, b;
        if (i >= len)
            return false;
        i += text_utf8_decode(s + i, len - i, &a);
        j += text_utf8_decode(prefix + j, plen - j, &b);
        if (fold_cp(a) != fold_cp(b))
            return false;
    }
    return !whole || i == len;
}

size_t text_prefix_fit(const char *s, size_t len, int cols, int *width)
{
    size_t i = 0;
    int used = 0;

    while (s && i < len && s[i]) {
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, len - i, &cp);
        int w = text_cp_width(cp);
        if (w > 0 && used + w > cols)
            break;
        used += w;
        i += k;
    }
    if (width)
        *width = used;
    return i;
}

size_t text_skip_cols(const char *s, int col, int *skipped_cols)
{
    size_t len = s ? strlen(s) : 0;
    size_t i = 0;
    int used = 0;

    while (i < len) {
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, len - i, &cp);
        int w = text_cp_width(cp);
        /* Stop at the first character with width that starts at or after col; zero-width
         * characters before it belong to the skipped one. */
        if (w > 0 && used >= col)
            break;
        used += w;
        i += k;
    }
    if (skipped_cols)
        *skipped_cols = used;
    return i;
}

void text_display_append(struct strbuf *out, const char *s, size_t len)
{
    size_t i = 0;

    if (!out->data)
        strbuf_puts(out, "");
    while (s && i < len && s[i]) {
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, len - i, &cp);
        if (cp == TEXT_UTF8_INVALID || cp > 0x10FFFF || is_undrawable(cp))
            put_utf8(out, CP_REPLACEMENT);
        else if (!is_dropped_format(cp))
            strbuf_append(out, s + i, k);
        i += k;
    }
}

static int ellipsis_width(void)
{
    return text_cp_width(CP_ELLIPSIS);
}

int text_truncate(struct strbuf *out, const char *s, int cols, bool ellipsis)
{
    size_t len = s ? strlen(s) : 0;
    int used, ew = ellipsis_width();
    size_t n;

    if (cols <= 0)
        return 0;
    n = text_prefix_fit(s, len, cols, &used);
    if (n == len || !ellipsis) {
        strbuf_append(out, s, n);
        return used;
    }
    if (cols < ew)
        return 0;
    n = text_prefix_fit(s, len, cols - ew, &used);
    strbuf_append(out, s, n);
    strbuf_puts(out, "\xE2\x80\xA6");
    return used + ew;
}

static void pad(struct strbuf *out, int n)
{
    for (int i = 0; i < n; i++)
        strbuf_putc(out, ' ');
}

void text_fit(struct strbuf *out, const char *s, int cols, enum text_align align)
{
    struct strbuf cell;
    int used, left;

    if (cols <= 0)
        return;
    strbuf_init(&cell);
    used = text_truncate(&cell, s, cols, true);
    switch (align) {
    case TEXT_ALIGN_RIGHT:
        left = cols - used;
        break;
    case TEXT_ALIGN_CENTER:
        left = (cols - used) / 2;
        break;
    case TEXT_ALIGN_LEFT:
    default:
        left = 0;
        break;
    }
    pad(out, left);
    strbuf_append(out, cell.data ? cell.data : "", cell.len);
    pad(out, cols - used - left);
    strbuf_free(&cell);
}

size_t text_fit_buf(char *out, size_t outsize, const char *s, int cols, enum text_align align)
{
    struct strbuf sb;
    size_t n = 0;

    if (outsize == 0)
        return 0;
    strbuf_init(&sb);
    text_fit(&sb, s, cols, align);
    if (sb.len < outsize) {
        n = sb.len;
    } else {
        /* Back up to a character boundary so the result stays valid UTF-8. */
        n = outsize - 1;
        while (n > 0 && ((unsigned char)sb.data[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(out, sb.data, n);
    out[n] = '\0';
    strbuf_free(&sb);
    return n;
}
