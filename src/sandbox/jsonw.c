#include "config.h"

#include "jsonw.h"

#include <string.h>

void jsonw_init(struct jsonw *w, struct strbuf *sb)
{
    memset(w, 0, sizeof(*w));
    w->sb = sb;
}

/* Called before every value or key: separates siblings. */
static void before_item(struct jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->need_comma[w->depth])
        strbuf_putc(w->sb, ',');
}

static void after_value(struct jsonw *w)
{
    w->need_comma[w->depth] = true;
}

static void open_container(struct jsonw *w, char c)
{
    before_item(w);
    strbuf_putc(w->sb, c);
    if (w->depth < JSONW_MAX_DEPTH - 1)
        w->depth++;
    w->need_comma[w->depth] = false;
}

static void close_container(struct jsonw *w, char c)
{
    strbuf_putc(w->sb, c);
    if (w->depth > 0)
        w->depth--;
    after_value(w);
}

void jsonw_obj_begin(struct jsonw *w)
{
    open_container(w, '{');
}

void jsonw_obj_end(struct jsonw *w)
{
    close_container(w, '}');
}

void jsonw_arr_begin(struct jsonw *w)
{
    open_container(w, '[');
}

void jsonw_arr_end(struct jsonw *w)
{
    close_container(w, ']');
}

void jsonw_escape(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const char *run = s;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        strbuf_append(sb, run, (size_t)(s - run));
        run = s + 1;
        switch (c) {
        case '"': strbuf_puts(sb, "\\\""); break;
        case '\\': strbuf_puts(sb, "\\\\"); break;
        case '\n': strbuf_puts(sb, "\\n"); break;
        case '\r': strbuf_puts(sb, "\\r"); break;
        case '\t': strbuf_puts(sb, "\\t"); break;
        default: {
            char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
            strbuf_puts(sb, u);
        }
        }
    }
    strbuf_append(sb, run, (size_t)(s - run));
}

void jsonw_key(struct jsonw *w, const char *key)
{
    before_item(w);
    strbuf_putc(w->sb, '"');
    jsonw_escape(w->sb, key);
    strbuf_puts(w->sb, "\":");
    w->need_comma[w->depth] = true;
    w->after_key = true;
}

void jsonw_str(struct jsonw *w, const char *s)
{
    if (!s) {
        jsonw_null(w);
        return;
    }
    before_item(w);
    strbuf_putc(w->sb, '"');
    jsonw_escape(w->sb, s);
    strbuf_putc(w->sb, '"');
    after_value(w);
}

void jsonw_int(struct jsonw *w, long long v)
{
    before_item(w);
    strbuf_printf(w->sb, "%lld", v);
    after_value(w);
}

void jsonw_bool(struct jsonw *w, bool v)
{
    before_item(w);
    strbuf_puts(w->sb, v ? "true" : "false");
    after_value(w);
}

void jsonw_null(struct jsonw *w)
{
    before_item(w);
    strbuf_puts(w->sb, "null");
    after_value(w);
}

void jsonw_kstr(struct jsonw *w, const char *key, const char *s)
{
    jsonw_key(w, key);
    jsonw_str(w, s);
}

void jsonw_kint(struct jsonw *w, const char *key, long long v)
{
    jsonw_key(w, key);
    jsonw_int(w, v);
}

void jsonw_kbool(struct jsonw *w, const char *key, bool v)
{
    jsonw_key(w, key);
    jsonw_bool(w, v);
}
