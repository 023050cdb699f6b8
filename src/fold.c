#include "config.h"

#include "invitui/fold.h"
#include "invitui/sanitize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Decomposed rather than composed: a mark goes whichever way, and what is left after
 * STRIPMARK folds the same in haystack and needle, one code point at a time, without the
 * allocations and passes of utf8proc_map (the store folds 100,000 rows at once). */
#define FOLD_OPTIONS                                                                          \
    (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |         \
     UTF8PROC_IGNORE)
#define CP_DIAERESIS 0x0308

static void put_utf8(struct strbuf *out, utf8proc_int32_t cp)
{
    utf8proc_uint8_t b[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, b);

    strbuf_append(out, b, (size_t)n);
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

/* a, o, u (either case) followed by a combining diaeresis: ä, ö, ü decomposed. */
static const char *translit_decomposed(utf8proc_int32_t cp, const unsigned char *next)
{
    utf8proc_int32_t mark;

    if (cp <= 0 || cp >= 0x80 || !strchr("aouAOU", (int)cp) ||
        utf8proc_iterate(next, -1, &mark) <= 0 || mark != CP_DIAERESIS)
        return NULL;
    return cp == 'a' || cp == 'A' ? "ae" : cp == 'o' || cp == 'O' ? "oe" : "ue";
}

static char lower_ascii(unsigned char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* ASCII case folding is lowering; controls go (so FOLD_SEP never appears). */
static void fold_ascii(struct strbuf *out, const unsigned char *s, size_t n)
{
    size_t j = out->len;

    strbuf_append(out, s, n); /* for the room: overwritten below */
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x20)
            out->data[j++] = lower_ascii(s[i]);
    out->len = j;
    out->data[j] = '\0';
}

static void fold_cp(struct strbuf *out, utf8proc_int32_t cp)
{
    utf8proc_int32_t buf[32];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 32, FOLD_OPTIONS, &boundclass);

    if (n < 0 || n > 32) { /* cannot happen for a valid code point: kept as it is */
        put_utf8(out, cp);
        return;
    }
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        if (buf[k] >= 0x80)
            put_utf8(out, buf[k]);
        else if (buf[k] >= 0x20)
            strbuf_putc(out, lower_ascii((unsigned char)buf[k]));
    }
}

/* Folds s into out; with translit, writes the German transliteration's fold instead and says
 * whether there was anything to transliterate. */
static bool fold_run(struct strbuf *out, const char *str, bool with_translit)
{
    const unsigned char *s = (const unsigned char *)str;
    bool any = false;

    if (!out->data)
        strbuf_puts(out, "");
    while (s && *s) {
        size_t run = 0;
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        const char *t;

        while (s[run] && s[run] < 0x80)
            run++;
        /* The ASCII before a decomposed umlaut's base letter, then the letter itself below. */
        if (run && with_translit && s[run] == 0xCC && s[run + 1] == 0x88)
            run--;
        if (run) {
            fold_ascii(out, s, run);
            s += run;
            continue;
        }
        k = utf8proc_iterate(s, -1, &cp);
        if (k <= 0) { /* invalid UTF-8 (typed text may be): the byte as it is */
            strbuf_append(out, s, 1);
            s++;
            continue;
        }
        t = with_translit ? translit(cp) : NULL;
        if (!t && with_translit && (t = translit_decomposed(cp, s + k)) != NULL)
            k += 2; /* U+0308 is two bytes */
        if (t) {
            strbuf_puts(out, t);
            any = true;
        } else {
            fold_cp(out, cp);
        }
        s += k;
    }
    return any;
}

void fold_append(struct strbuf *out, const char *s)
{
    fold_run(out, s, false);
}

char *fold_string(const char *s)
{
    struct strbuf sb;

    strbuf_init(&sb);
    fold_append(&sb, s);
    return strbuf_detach(&sb, NULL);
}

/* Whether s has a byte outside ASCII: only those have a transliteration. */
static bool has_non_ascii(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

bool fold_append_translit(struct strbuf *out, const char *s)
{
    size_t start;
    bool any;

    if (!has_non_ascii(s)) /* most addresses: the plain fold says it all */
        return false;

    if (!out->data)
        strbuf_puts(out, "");
    start = out->len;
    any = fold_run(out, s, true);
    if (!any) { /* nothing to add: the plain fold is in the haystack already */
        out->len = start;
        out->data[start] = '\0';
    }
    return any;
}

bool fold_is_own_fold(const char *s)
{
    for (; s && *s; s++)
        if (*s < 0x20 || *s > 0x7e || (*s >= 'A' && *s <= 'Z'))
            return false;
    return s != NULL;
}

/* The haystack of most rows (a list's), in one allocation: an address of printable ASCII
 * (its fold is its lowering), no name (NULL or empty), an id left out (fold_is_own_fold);
 * NULL for any other. What fold_haystack would make of them: the lowered address and three
 * separators, nothing to transliterate. */
static char *haystack_of_address(const char *email, const char *name, const char *id)
{
    if (!email || (name && *name) || (id && *id))
        return NULL;
    size_t n = strlen(email);
    if (!sanitize_is_printable_ascii(email, n))
        return NULL;
    char *h = xmalloc(n + 4);
    for (size_t i = 0; i < n; i++)
        h[i] = (char)lower_ascii((unsigned char)email[i]);
    h[n] = h[n + 1] = h[n + 2] = FOLD_SEP;
    h[n + 3] = '\0';
    return h;
}

char *fold_haystack(const char *email, const char *name, const char *id)
{
    struct strbuf sb;
    char *h = haystack_of_address(email, name, id);

    if (h)
        return h;
    strbuf_init(&sb);
    fold_append(&sb, email);
    strbuf_putc(&sb, FOLD_SEP);
    fold_append(&sb, name);
    strbuf_putc(&sb, FOLD_SEP);
    fold_append(&sb, id);
    strbuf_putc(&sb, FOLD_SEP);
    if (fold_append_translit(&sb, email))
        strbuf_putc(&sb, FOLD_SEP);
    if (fold_append_translit(&sb, name))
        strbuf_putc(&sb, FOLD_SEP);
    return strbuf_detach(&sb, NULL);
}
