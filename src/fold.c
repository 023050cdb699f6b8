#include "config.h"

#include "invitui/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FOLD_OPTIONS                                                                          \
    (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |              \
     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

static bool is_ascii(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80)
            return false;
    return true;
}

/* ASCII case folding is lowering, and ASCII has no marks or compatibility forms. */
static void fold_ascii(struct strbuf *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x20)
            strbuf_putc(out, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
}

void fold_append(struct strbuf *out, const char *s)
{
    utf8proc_uint8_t *folded = NULL;

    if (!out->data)
        strbuf_puts(out, "");
    if (!s)
        return;
    if (is_ascii(s)) {
        fold_ascii(out, s);
        return;
    }
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
                     UTF8PROC_NULLTERM | FOLD_OPTIONS) < 0) {
        /* Invalid UTF-8 (the display copies never are; typed text might be). */
        fold_ascii(out, s);
        return;
    }
    fold_ascii(out, (const char *)folded);
    free(folded);
}

char *fold_string(const char *s)
{
    struct strbuf sb;

    strbuf_init(&sb);
    fold_append(&sb, s);
    return strbuf_detach(&sb, NULL);
}

/* The transliteration of one code point, or NULL. */
static const char *translit(utf8proc_int32_t cp)
{
    switch (cp) {
    case 0xE4: /* ä */
    case 0xC4:
        return "ae";
    case 0xF6: /* ö */
    case 0xD6:
        return "oe";
    case 0xFC: /* ü */
    case 0xDC:
        return "ue";
    case 0xDF: /* ß, and capital ẞ */
    case 0x1E9E:
        return "ss";
    default:
        return NULL;
    }
}

bool fold_append_translit(struct strbuf *out, const char *s)
{
    utf8proc_uint8_t *nfc;
    struct strbuf sb;
    bool any = false;

    if (!s || is_ascii(s))
        return false;
    /* Composed first, so that "u" + U+0308 is one ü. */
    nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
    if (!nfc)
        return false;
    strbuf_init(&sb);
    strbuf_puts(&sb, "");
    for (utf8proc_ssize_t i = 0, k; nfc[i]; i += k) {
        utf8proc_int32_t cp;
        k = utf8proc_iterate(nfc + i, -1, &cp);
        if (k <= 0)
            break; /* cannot happen after utf8proc_NFC */
        const char *t = translit(cp);
        if (t)
            strbuf_puts(&sb, t);
        else
            strbuf_append(&sb, nfc + i, (size_t)k);
        any = any || t != NULL;
    }
    free(nfc);
    if (any)
        fold_append(out, sb.data);
    strbuf_free(&sb);
    return any;
}
