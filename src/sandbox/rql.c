#include "config.h"

#include "rql.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
    const char *s;
    size_t pos;
    char *err;
};

static const char *const op_names[] = { "and", "or", "not", "eq", "ne", "in", "out", "like",
                                        "ilike" };

static void fail(struct parser *p, const char *what)
{
    if (!p->err)
        p->err = xasprintf("Invalid RQL expression: %s at position %zu", what, p->pos);
}

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$' || c == '-';
}

static char *parse_name(struct parser *p)
{
    size_t start = p->pos;

    while (is_name_char(p->s[p->pos]))
        p->pos++;
    if (p->pos == start) {
        fail(p, "expected a name");
        return NULL;
    }
    return xstrndup(p->s + start, p->pos - start);
}

static bool expect(struct parser *p, char c)
{
    if (p->s[p->pos] != c) {
        char what[32];
        snprintf(what, sizeof(what), "expected '%c'", c);
        fail(p, what);
        return false;
    }
    p->pos++;
    return true;
}

/* A quoted or bare value; null() and empty() set *kind. */
static char *parse_value(struct parser *p, enum rql_value_kind *kind)
{
    const char *s = p->s;
    char q = s[p->pos];

    *kind = RQL_VALUE_STRING;
    if (q == '"' || q == '\'') {
        size_t start = ++p->pos;
        while (s[p->pos] && s[p->pos] != q)
            p->pos++;
        if (!s[p->pos]) {
            fail(p, "unterminated quote");
            return NULL;
        }
        return xstrndup(s + start, p->pos++ - start);
    }
    if (strncmp(s + p->pos, "null()", 6) == 0 || strncmp(s + p->pos, "empty()", 7) == 0) {
        *kind = s[p->pos] == 'n' ? RQL_VALUE_NULL : RQL_VALUE_EMPTY;
        p->pos += *kind == RQL_VALUE_NULL ? 6 : 7;
        return xstrdup("");
    }
    size_t start = p->pos;
    while (s[p->pos] && s[p->pos] != ',' && s[p->pos] != ')' && s[p->pos] != '(') {
        if (s[p->pos] == '\\' && s[p->pos + 1])
            p->pos++;
        p->pos++;
    }
    return xstrndup(s + start, p->pos - start);
}

static struct rql_node *parse_node(struct parser *p, int depth);

static bool parse_kids(struct parser *p, struct rql_node *n, int depth)
{
    do {
        struct rql_node *k = parse_node(p, depth + 1);
        if (!k)
            return false;
        n->kids = xrealloc(n->kids, (n->n_kids + 1) * sizeof(*n->kids));
        n->kids[n->n_kids++] = k;
    } while (p->s[p->pos] == ',' && ++p->pos);
    if (n->op == RQL_NOT && n->n_kids != 1) {
        fail(p, "not() takes one expression");
        return false;
    }
    return true;
}

static bool parse_comparison(struct parser *p, struct rql_node *n)
{
    n->field = parse_name(p);
    if (!n->field || !expect(p, ','))
        return false;
    if (n->op == RQL_IN || n->op == RQL_OUT) {
        if (!expect(p, '('))
            return false;
        do {
            enum rql_value_kind kind;
            char *v = parse_value(p, &kind);
            if (!v)
                return false;
            strvec_push_owned(&n->values, v);
        } while (p->s[p->pos] == ',' && ++p->pos);
        return expect(p, ')');
    }
    char *v = parse_value(p, &n->kind);
    if (!v)
        return false;
    strvec_push_owned(&n->values, v);
    return true;
}

static struct rql_node *parse_node(struct parser *p, int depth)
{
    if (depth > 32) {
        fail(p, "nesting too deep");
        return NULL;
    }
    size_t at = p->pos;
    char *name = parse_name(p);
    if (!name)
        return NULL;
    int op = -1;
    for (size_t i = 0; i < ARRAY_SIZE(op_names); i++)
        if (strcmp(name, op_names[i]) == 0)
            op = (int)i;
    if (op < 0) {
        if (!p->err)
            p->err = xasprintf("Unsupported RQL operator '%s' at position %zu", name, at);
        free(name);
        return NULL;
    }
    free(name);
    struct rql_node *n = xcalloc(1, sizeof(*n));
    n->op = (enum rql_op)op;
    bool ok = expect(p, '(') &&
              (op <= RQL_NOT ? parse_kids(p, n, depth) : parse_comparison(p, n)) &&
              expect(p, ')');
    if (!ok) {
        rql_node_free(n);
        return NULL;
    }
    return n;
}

int rql_parse_expr(const char *s, struct rql_node **out, char **err)
{
    struct parser p = { s, 0, NULL };
    struct rql_node *n = parse_node(&p, 0);

    if (n && s[p.pos]) {
        fail(&p, "trailing characters");
        rql_node_free(n);
        n = NULL;
    }
    *out = n;
    if (!n) {
        *err = p.err;
        return -1;
    }
    return 0;
}

void rql_node_free(struct rql_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n_kids; i++)
        rql_node_free(n->kids[i]);
    free(n->kids);
    free(n->field);
    strvec_free(&n->values);
    free(n);
}

static int hexdig(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *rql_percent_decode(const char *s, size_t len)
{
    char *out = xmalloc(len + 1);
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < len &&
            (h = hexdig(s[i + 1])) >= 0 && (l = hexdig(s[i + 2])) >= 0) {
            out[o++] = (char)(h * 16 + l);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

static void and_in(struct rql_query *q, struct rql_node *n)
{
    if (!q->filter) {
        q->filter = n;
        return;
    }
    if (q->filter->op != RQL_AND) {
        struct rql_node *a = xcalloc(1, sizeof(*a));
        a->op = RQL_AND;
        a->kids = xmalloc(sizeof(*a->kids));
        a->kids[0] = q->filter;
        a->n_kids = 1;
        q->filter = a;
    }
    q->filter->kids = xrealloc(q->filter->kids, (q->filter->n_kids + 1) * sizeof(n));
    q->filter->kids[q->filter->n_kids++] = n;
}

static int parse_param(struct rql_query *q, const char *key, const char *value, char **err)
{
    long v;

    if (strcmp(key, "limit") == 0 || strcmp(key, "offset") == 0) {
        if (util_parse_long(value, 0, 1000000000L, &v) < 0) {
            *err = xasprintf("Invalid value '%s' for parameter '%s'", value, key);
            return -1;
        }
        if (key[0] == 'l')
            q->limit = v > RQL_MAX_LIMIT ? RQL_MAX_LIMIT : v;
        else
            q->offset = v;
        return 0;
    }
    if (strcmp(key, "order") == 0 || strcmp(key, "select") == 0) {
        for (const char *t = value; *t;) {
            size_t len = strcspn(t, ",");
            char *item = xstrndup(t, len);
            /* A '+' may arrive decoded as a space by some clients. */
            const char *name = item + (item[0] == '-' || item[0] == '+' || item[0] == ' ');
            if (key[0] == 'o')
                strvec_push_owned(&q->order, xasprintf("%c%s", item[0] == '-' ? '-' : '+', name));
            else if (strcmp(name, "audit") == 0 && item[0] != '-')
                q->select_audit = true;
            free(item);
            t += len + (t[len] == ',');
        }
        return 0;
    }
    if (strcmp(key, "rql") == 0) {
        *err = xstrdup("Invalid equals shortcut");
        return -1;
    }
    /* The shortcut ?field=value means eq(field,value). */
    struct rql_node *n = xcalloc(1, sizeof(*n));
    n->op = RQL_EQ;
    n->field = xstrdup(key);
    strvec_push(&n->values, value);
    and_in(q, n);
    return 0;
}

static int parse_part(struct rql_query *q, const char *part, char **err)
{
    const char *eq = strchr(part, '=');
    const char *paren = strchr(part, '(');

    if (paren && (!eq || paren < eq)) {
        struct rql_node *n;
        if (rql_parse_expr(part, &n, err) < 0)
            return -1;
        and_in(q, n);
        return 0;
    }
    if (!eq || eq == part) {
        *err = xasprintf("Invalid query parameter '%s'", part);
        return -1;
    }
    char *key = xstrndup(part, (size_t)(eq - part));
    int rc = parse_param(q, key, eq + 1, err);
    free(key);
    return rc;
}

int rql_parse_query(const char *raw, struct rql_query *q, char **err)
{
    memset(q, 0, sizeof(*q));
    q->limit = RQL_DEFAULT_LIMIT;
    *err = NULL;
    while (raw && *raw) {
        const char *amp = strchr(raw, '&');
        size_t len = amp ? (size_t)(amp - raw) : strlen(raw);
        if (len) {
            char *part = rql_percent_decode(raw, len);
            int rc = parse_part(q, part, err);
            free(part);
            if (rc < 0) {
                rql_query_free(q);
                return -1;
            }
        }
        raw += len + (amp != NULL);
    }
    return 0;
}

void rql_query_free(struct rql_query *q)
{
    rql_node_free(q->filter);
    strvec_free(&q->order);
    q->filter = NULL;
}

static int check_field(const char *field, const char *const *fields, char **err)
{
    for (size_t i = 0; fields[i]; i++)
        if (strcmp(fields[i], field) == 0)
            return 0;
    *err = xasprintf("Unknown or unsupported field '%s'", field);
    return -1;
}

static int check_node(const struct rql_node *n, const char *const *fields, char **err)
{
    if (n->field && check_field(n->field, fields, err) < 0)
        return -1;
    for (size_t i = 0; i < n->n_kids; i++)
        if (check_node(n->kids[i], fields, err) < 0)
            return -1;
    return 0;
}

int rql_check_fields(const struct rql_query *q, const char *const *fields, char **err)
{
    if (q->filter && check_node(q->filter, fields, err) < 0)
        return -1;
    for (size_t i = 0; i < q->order.n; i++)
        if (check_field(q->order.v[i] + 1, fields, err) < 0)
            return -1;
    return 0;
}

static bool chars_equal(char a, char b, bool icase)
{
    return icase ? tolower((unsigned char)a) == tolower((unsigned char)b) : a == b;
}

bool rql_glob(const char *pat, const char *s, bool icase)
{
    const char *star = NULL, *resume = NULL;

    while (*s) {
        if (*pat == '*') {
            star = ++pat;
            resume = s;
            continue;
        }
        char pc = *pat;
        const char *next = pat + 1;
        if (pc == '\\' && pat[1] == '*') {
            pc = '*';
            next = pat + 2;
        }
        if (pc && chars_equal(pc, *s, icase)) {
            pat = next;
            s++;
        } else if (star) {
            pat = star;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (*pat == '*')
        pat++;
    return *pat == '\0';
}

static bool compare(const struct rql_node *n, const char *v)
{
    const char *want = n->values.n ? n->values.v[0] : "";

    switch (n->kind) {
    case RQL_VALUE_NULL:
        return v == NULL;
    case RQL_VALUE_EMPTY:
        return v == NULL || *v == '\0';
    case RQL_VALUE_STRING:
        break;
    }
    if (!v)
        return false;
    if (n->op == RQL_LIKE || n->op == RQL_ILIKE)
        return rql_glob(want, v, n->op == RQL_ILIKE);
    return strcmp(want, v) == 0;
}

bool rql_match(const struct rql_node *n, rql_getter get, const void *obj)
{
    char buf[128];
    const char *v;

    switch (n->op) {
    case RQL_AND:
        for (size_t i = 0; i < n->n_kids; i++)
            if (!rql_match(n->kids[i], get, obj))
                return false;
        return true;
    case RQL_OR:
        for (size_t i = 0; i < n->n_kids; i++)
            if (rql_match(n->kids[i], get, obj))
                return true;
        return false;
    case RQL_NOT:
        return !rql_match(n->kids[0], get, obj);
    case RQL_IN:
    case RQL_OUT:
        v = get(obj, n->field, buf, sizeof(buf));
        for (size_t i = 0; v && i < n->values.n; i++)
            if (strcmp(n->values.v[i], v) == 0)
                return n->op == RQL_IN;
        return n->op == RQL_OUT;
    case RQL_NE:
        return !compare(n, get(obj, n->field, buf, sizeof(buf)));
    default:
        return compare(n, get(obj, n->field, buf, sizeof(buf)));
    }
}

static bool node_uses(const struct rql_node *n, const char *field)
{
    if (n->field && strcmp(n->field, field) == 0)
        return true;
    for (size_t i = 0; i < n->n_kids; i++)
        if (node_uses(n->kids[i], field))
            return true;
    return false;
}

bool rql_uses_field(const struct rql_query *q, const char *field)
{
    for (size_t i = 0; i < q->order.n; i++)
        if (strcmp(q->order.v[i] + 1, field) == 0)
            return true;
    return q->filter && node_uses(q->filter, field);
}

/* Length-prefixed strings keep "a,b" apart from "a" followed by "b". */
static void canon_str(struct strbuf *out, const char *s)
{
    strbuf_printf(out, "%zu:", strlen(s));
    strbuf_puts(out, s);
}

static void canon_node(const struct rql_node *n, struct strbuf *out)
{
    strbuf_printf(out, "%s(", op_names[n->op]);
    if (n->field)
        canon_str(out, n->field);
    strbuf_printf(out, ";%d;", (int)n->kind);
    for (size_t i = 0; i < n->values.n; i++)
        canon_str(out, n->values.v[i]);
    for (size_t i = 0; i < n->n_kids; i++)
        canon_node(n->kids[i], out);
    strbuf_putc(out, ')');
}

void rql_canonical(const struct rql_query *q, struct strbuf *out)
{
    if (q->filter)
        canon_node(q->filter, out);
    strbuf_putc(out, '|');
    for (size_t i = 0; i < q->order.n; i++)
        canon_str(out, q->order.v[i]);
}

struct sort_item {
    const void *obj;
    size_t index;
    const char **keys;
};

static int compare_items(const void *pa, const void *pb, void *cls)
{
    const struct strvec *order = cls;
    const struct sort_item *a = pa, *b = pb;

    for (size_t i = 0; i < order->n; i++) {
        const char *va = a->keys[i], *vb = b->keys[i];
        int r = !va ? (vb ? -1 : 0) : !vb ? 1 : strcmp(va, vb);
        if (r)
            return order->v[i][0] == '-' ? -r : r;
    }
    /* Keep the natural order among equals (qsort is not stable). */
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Keys are extracted once per object: formatting a timestamp inside the
 * comparator made ordering 200k users take seconds. Only values the getter
 * formatted into buf are copied; the others point into the objects, which
 * stay put while the caller holds the state lock. */
void rql_sort(const void **objs, size_t n, const struct strvec *order, rql_getter get)
{
    struct sort_item *items = xcalloc(n + 1, sizeof(*items));
    const char **keys = xcalloc(n * order->n + 1, sizeof(*keys));
    struct strvec copies = { 0 };
    char buf[128];

    for (size_t i = 0; i < n; i++) {
        items[i] = (struct sort_item){ objs[i], i, keys + i * order->n };
        for (size_t k = 0; k < order->n; k++) {
            const char *v = get(objs[i], order->v[k] + 1, buf, sizeof(buf));
            uintptr_t at = (uintptr_t)v, lo = (uintptr_t)buf;
            if (v && at >= lo && at < lo + sizeof(buf)) {
                strvec_push(&copies, v);
                v = copies.v[copies.n - 1];
            }
            items[i].keys[k] = v;
        }
    }
    qsort_r(items, n, sizeof(*items), compare_items, (void *)order);
    for (size_t i = 0; i < n; i++)
        objs[i] = items[i].obj;
    strvec_free(&copies);
    free(keys);
    free(items);
}
