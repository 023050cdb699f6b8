#include "config.h"

#include "invitui/textclean.h"

#include <stdbool.h>
#include <stdint.h>

#include "invitui/util.h"

/* Length of the valid UTF-8 sequence at s (1..4) and its code point, or 0. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    size_t n;
    uint32_t c;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2, c = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3, c = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4, c = s[0] & 0x07;
    else
        return 0;
    if (n > len)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    /* Overlong forms, surrogates and values past U+10FFFF. */
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

/* Characters that reorder or hide text on a terminal (Trojan Source). */
static bool is_invisible_control(uint32_t c)
{
    return (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c ||
           c == 0xfeff;
}

char *textclean_line(const char *s, size_t len, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    struct strbuf out;
    bool space = false;
    bool cut = false;

    strbuf_init(&out);
    for (size_t i = 0; i < len;) {
        uint32_t c = 0;
        size_t n = utf8_decode(p + i, len - i, &c);
        bool ws = n == 1 && (c == ' ' || c == '\t' || c == '\n' || c == '\r');

        if (ws) {
            space = out.len > 0;
            i++;
            continue;
        }
        size_t need = (n ? n : 1) + (space ? 1 : 0);
        if (out.len + need > max) {
            cut = true;
            break;
        }
        if (space)
            strbuf_putc(&out, ' ');
        space = false;
        if (n == 0 || c < 0x20 || c == 0x7f || is_invisible_control(c))
            strbuf_putc(&out, '?');
        else
            strbuf_append(&out, p + i, n);
        i += n ? n : 1;
    }
    if (cut)
        strbuf_puts(&out, "\xe2\x80\xa6"); /* … */
    return strbuf_detach(&out, NULL);
}
