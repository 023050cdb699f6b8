#include "config.h"

#include "invitui/ui_create_model.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/action.h"
#include "invitui/form_desc.h"
#include "invitui/i18n.h"
#include "invitui/locales.h"
#include "invitui/sanitize.h"
#include "invitui/ui_layout.h"

/* ---- items ---- */

static void item_push(struct ui_create_items *it, enum ui_create_item_kind kind, size_t index)
{
    if (it->n == it->cap) {
        it->cap = it->cap ? it->cap * 2 : 16;
        it->v = xrealloc(it->v, it->cap * sizeof(*it->v));
    }
    it->v[it->n].kind = kind;
    it->v[it->n].index = index;
    it->n++;
}

void ui_create_items_build(const struct form *f, struct ui_create_items *out)
{
    out->n = 0;
    for (size_t i = 0; i < f->nfields; i++) {
        item_push(out, UI_CREATE_ITEM_FIELD, i);
        int row = f->fields[i].row;
        bool last_of_row = row >= 0 && (i + 1 == f->nfields || f->fields[i + 1].row != row);
        if (last_of_row && f->nrows > 1)
            item_push(out, UI_CREATE_ITEM_REMOVE_ROW, (size_t)row);
    }
    item_push(out, UI_CREATE_ITEM_ADD_ROW, 0);
    item_push(out, UI_CREATE_ITEM_REVIEW, 0);
    item_push(out, UI_CREATE_ITEM_DISCARD, 0);
}

void ui_create_items_free(struct ui_create_items *items)
{
    free(items->v);
    memset(items, 0, sizeof(*items));
}

long ui_create_items_find(const struct ui_create_items *items, enum ui_create_item_kind kind,
                          size_t index)
{
    for (size_t i = 0; i < items->n; i++)
        if (items->v[i].kind == kind && items->v[i].index == index)
            return (long)i;
    return -1;
}

long ui_create_items_next_field(const struct ui_create_items *items, long from)
{
    for (size_t i = from < 0 ? 0 : (size_t)from + 1; i < items->n; i++)
        if (items->v[i].kind == UI_CREATE_ITEM_FIELD)
            return (long)i;
    return ui_create_items_find(items, UI_CREATE_ITEM_REVIEW, 0);
}

long ui_create_items_first_error(const struct ui_create_items *items, const struct form *f)
{
    for (size_t i = 0; i < items->n; i++)
        if (items->v[i].kind == UI_CREATE_ITEM_FIELD && items->v[i].index < f->nfields &&
            f->fields[items->v[i].index].error)
            return (long)i;
    return -1;
}

/* ---- lines ---- */

static struct ui_create_line *line_push(struct ui_create_lines *l, enum ui_create_line_kind kind,
                                        size_t index, long item, char *text)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    struct ui_create_line *ln = &l->v[l->n++];
    ln->kind = kind;
    ln->index = index;
    ln->item = item;
    ln->text = text;
    return ln;
}

/* Wrapped pieces of a field's error or the form's message, one line each:
 * display-safe already (form.h: local texts, or the server's sanitised). */
static void push_wrapped(struct ui_create_lines *l, enum ui_create_line_kind kind, size_t index,
                         const char *text, int width)
{
    struct strvec pieces = {0};

    ui_wrap(text, width > 8 ? width : 8, &pieces);
    for (size_t i = 0; i < pieces.n; i++)
        line_push(l, kind, index, -1, xstrdup(pieces.v[i]));
    strvec_free(&pieces);
}

static const char *item_label(const struct form *f, enum ui_create_item_kind kind)
{
    switch (kind) {
    case UI_CREATE_ITEM_REMOVE_ROW:
        return _(f->desc->remove_row_label);
    case UI_CREATE_ITEM_ADD_ROW:
        return _(f->desc->add_row_label);
    case UI_CREATE_ITEM_REVIEW:
        return _("Review and send");
    case UI_CREATE_ITEM_DISCARD:
        return _("Discard this form");
    case UI_CREATE_ITEM_FIELD:
    default:
        return "";
    }
}

void ui_create_lines_build(const struct form *f, const struct ui_create_items *items,
                           int error_width, int message_width, struct ui_create_lines *out)
{
    int row = -1;

    ui_create_lines_free(out);
    for (size_t i = 0; i < items->n; i++) {
        const struct ui_create_item *it = &items->v[i];
        if (it->kind != UI_CREATE_ITEM_FIELD) {
            if (it->kind == UI_CREATE_ITEM_ADD_ROW)
                line_push(out, UI_CREATE_LINE_BLANK, 0, -1, NULL);
            line_push(out, UI_CREATE_LINE_ITEM, it->index, (long)i,
                      xstrdup(item_label(f, it->kind)));
            continue;
        }
        const struct form_field *fd = &f->fields[it->index];
        if (fd->row >= 0 && fd->row != row) {
            row = fd->row;
            char *heading = f->desc->row_heading ? f->desc->row_heading((size_t)row) : NULL;
            if (heading)
                line_push(out, UI_CREATE_LINE_HEADING, (size_t)row, -1, heading);
        }
        line_push(out, UI_CREATE_LINE_FIELD, it->index, (long)i, NULL);
        if (fd->error)
            push_wrapped(out, UI_CREATE_LINE_ERROR, it->index, fd->error, error_width);
    }
    if (f->message) {
        line_push(out, UI_CREATE_LINE_BLANK, 0, -1, NULL);
        push_wrapped(out, UI_CREATE_LINE_MESSAGE, 0, f->message, message_width);
    }
}

void ui_create_lines_free(struct ui_create_lines *lines)
{
    for (size_t i = 0; i < lines->n; i++)
        free(lines->v[i].text);
    free(lines->v);
    memset(lines, 0, sizeof(*lines));
}

long ui_create_lines_find_item(const struct ui_create_lines *lines, long item)
{
    for (size_t i = 0; i < lines->n; i++)
        if (lines->v[i].item == item)
            return (long)i;
    return -1;
}

/* ---- completion ---- */

void ui_create_candidates(const struct form_field *fd, const char *prefix,
                          const struct strvec *capabilities, const struct group_list *groups,
                          struct strvec *out)
{
    switch (fd->completion) {
    case FORM_COMPLETE_LOCALES:
        form_complete_locales(prefix, out);
        break;
    case FORM_COMPLETE_ROLES:
        form_complete_roles(prefix, out);
        break;
    case FORM_COMPLETE_CAPABILITIES:
        if (capabilities)
            form_complete_prefix((const char *const *)capabilities->v, capabilities->n, prefix,
                                 out);
        break;
    case FORM_COMPLETE_GROUPS:
        form_complete_groups(groups, prefix, out);
        break;
    case FORM_COMPLETE_NONE:
    default:
        break;
    }
}

/* Bytes the candidates share from the start, ASCII case-insensitively. */
static size_t common_prefix(const struct strvec *cands)
{
    size_t len = strlen(cands->v[0]);

    for (size_t i = 1; i < cands->n; i++) {
        size_t k = 0;
        while (k < len && cands->v[i][k] && strncasecmp(cands->v[0] + k, cands->v[i] + k, 1) == 0)
            k++;
        len = k;
    }
    /* Never end inside a UTF-8 sequence. */
    while (len > 0 && ((unsigned char)cands->v[0][len] & 0xc0) == 0x80)
        len--;
    return len;
}

enum ui_create_tab ui_create_tab(const char *value, const struct strvec *cands, char **value_out)
{
    char *v = xstrdup(value ? value : "");

    *value_out = NULL;
    util_trim(v);
    bool exact = false;
    for (size_t i = 0; *v && i < cands->n; i++)
        exact |= strcasecmp(cands->v[i], v) == 0;
    if (cands->n == 0 || exact) {
        free(v);
        return UI_CREATE_TAB_NEXT;
    }
    if (cands->n == 1) {
        free(v);
        *value_out = xstrdup(cands->v[0]);
        return UI_CREATE_TAB_SET;
    }
    /* Groups match by name too: the ids' common prefix only helps when it
     * extends what was typed. */
    size_t lcp = common_prefix(cands);
    size_t vlen = strlen(v);
    if (lcp > vlen && strncasecmp(cands->v[0], v, vlen) == 0)
        *value_out = xstrndup(cands->v[0], lcp);
    free(v);
    return UI_CREATE_TAB_LIST;
}

const char *ui_create_group_name(const struct group_list *groups, const char *id)
{
    for (size_t i = 0; groups && id && i < groups->n; i++)
        if (groups->v[i].id && strcasecmp(groups->v[i].id, id) == 0)
            return groups->v[i].name;
    return NULL;
}

/* ---- preview and confirmation ---- */

/* The preview shows the request as it will be sent: its URL holds base_url
 * from the configuration file and the account's id, its body the account's
 * id as the server gave it, raw (the API gets the raw text). This is where
 * they become display text, once, when the review is built. */
static void push_safe(struct strvec *out, const char *s)
{
    strvec_push_owned(out, sanitize_display(s, strlen(s), 0));
}

int ui_create_preview(const struct form *f, const struct profile *p, const char *account_id,
                      struct strvec *out, struct api_error *err)
{
    char *url, *body;

    url = f->desc->url(p, account_id, err);
    if (!url)
        return -1;
    body = form_preview_json(f, account_id, err);
    if (!body) {
        free(url);
        return -1;
    }
    char *line = xasprintf("POST %s", url);
    push_safe(out, line);
    free(line);
    strvec_push(out, "");
    /* Indented for reading; the bytes sent are the compact body built by the
     * same function, with the same members in the same order. */
    json_t *j = json_loads(body, 0, NULL);
    char *pretty = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    const char *text = pretty ? pretty : body;
    for (const char *s = text; *s;) {
        size_t n = strcspn(s, "\n");
        char *piece = xstrndup(s, n);
        push_safe(out, piece);
        free(piece);
        s += n + (s[n] == '\n');
    }
    free(pretty);
    json_decref(j);
    free(body);
    free(url);
    return 0;
}

/* One line of the confirmation, indented: display-safe already (the values
 * since they were set, action_confirm_details' lines by their maker). */
static void confirm_push(struct strvec *out, char *line)
{
    strvec_push_owned(out, xasprintf("  %s", line));
    free(line);
}

void ui_create_confirm_lines(const struct form *f, const struct profile *p,
                             const char *account_id, const char *account_name,
                             struct strvec *out)
{
    struct create_request req;
    const char *acc = account_id ? account_id : "";

    form_to_create_request(f, &req);
    confirm_push(out, xasprintf(_("E-mail: %s"), req.email ? req.email : ""));
    /* The action core's account, profile (production mark) and locale
     * lines: the same texts as every other confirmation. */
    struct action_scope scope = {p, provider_for(p->provider), acc, account_name};
    struct strbuf details;
    strbuf_init(&details);
    action_confirm_details(&details, &scope, INV_ACTION_CREATE, req.locale);
    /* Each of its lines ends in '\n'. */
    for (char *line = details.data, *nl; line && (nl = strchr(line, '\n')) != NULL;
         line = nl + 1)
        confirm_push(out, xstrndup(line, (size_t)(nl - line)));
    strbuf_free(&details);
    create_request_free(&req);
}
