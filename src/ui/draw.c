#include "config.h"

#include "invitui/ui_app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/ui_error.h"
#include "invitui/ui_term.h"

#define VLINE "\xe2\x94\x82"
#define HLINE "\xe2\x94\x80"

static void put_fit(int y, int x, int w, const char *text, int attr)
{
    struct strbuf line;

    if (w <= 0)
        return;
    strbuf_init(&line);
    text_fit(&line, text, w, TEXT_ALIGN_LEFT);
    attrset(attr);
    mvaddstr(y, x, line.data);
    attrset(A_NORMAL);
    strbuf_free(&line);
}

static void put_sanitised(struct strbuf *out, const char *s)
{
    if (s)
        sanitize_append(out, s, strlen(s), 0, 80);
}

static void draw_header(struct ui_app *app)
{
    const struct profile *p = app->session_ok ? app->session.profile : NULL;
    const struct account *a = ui_current_account(app);
    struct strbuf h;

    strbuf_init(&h);
    strbuf_puts(&h, " invitui");
    if (p) {
        strbuf_puts(&h, "  \xe2\x94\x82 ");
        /* TRANSLATORS: header fields; the values follow. */
        strbuf_puts(&h, _("profile: "));
        put_sanitised(&h, p->name);
        strbuf_printf(&h, " (%s)", provider_kind_name(p->provider));
        if (p->production)
            strbuf_printf(&h, "  \xe2\x96\xb2 %s", _("PRODUCTION"));
        if (p->read_only)
            strbuf_printf(&h, "  [%s]", _("READ-ONLY"));
        if (p->insecure)
            strbuf_printf(&h, "  !%s!", _("TLS NOT VERIFIED"));
    }
    if (a) {
        strbuf_puts(&h, "  \xe2\x94\x82 ");
        strbuf_puts(&h, _("account: "));
        strbuf_puts(&h, *a->shown.name ? a->shown.name : a->shown.id); /* made at ingress */
    }
    int style = p && p->production ? UI_STYLE_HEADER_PROD : UI_STYLE_HEADER;
    put_fit(app->layout.header.y, 0, app->layout.header.w, h.data, ui_term_attr(style));
    strbuf_free(&h);
}

/* "1-5" for the tab keys, the first bound key for anything else. */
static void key_label(enum ui_scope scope, enum ui_cmd cmd, char *buf, size_t size)
{
    if (cmd == UI_CMD_TAB) {
        snprintf(buf, size, "1-%d", UI_TAB_COUNT);
        return;
    }
    int key = ui_key_for(scope, cmd);
    if (key < 0)
        buf[0] = '\0';
    else
        ui_key_name(key, buf, size);
}

static void keyline_item(struct strbuf *out, const char *key, const char *label)
{
    if (out->len)
        strbuf_puts(out, "  ");
    strbuf_puts(out, key);
    strbuf_putc(out, ' ');
    strbuf_puts(out, label);
}

/* Draws text at *x on the key line and advances *x; false once the line is full. */
static bool keyline_put(struct ui_app *app, int *x, const char *text, int attr)
{
    int room = app->layout.keyline.w - *x;
    int w = text_width(text);

    if (room <= 0)
        return false;
    put_fit(app->layout.keyline.y, *x, w < room ? w : room, text, attr);
    *x += w < room ? w : room;
    return w < room;
}

/* One command on the key line. A command that cannot run here is dim and in
 * brackets ("[n send new]"): the brackets say it without colour. */
static bool keyline_command(struct ui_app *app, enum ui_scope scope, enum ui_cmd c, int *x)
{
    const struct ui_command_info *info = ui_command_info(c);
    struct strbuf item;
    char key[16];
    bool more = true;

    key_label(scope, c, key, sizeof(key));
    if (!key[0])
        return true;
    const char *label = _(info->label);
    if (c == UI_CMD_OPEN && scope == UI_SCOPE_DETAIL)
        label = _("expand"); /* what Enter does in the tree */
    if (c == UI_CMD_RESEND && app->session_ok &&
        app->session.profile->provider == PROVIDER_MARKETPLACE)
        /* TRANSLATORS: key line label of Marketplace's resend-invite, which is deprecated. */
        label = _("resend (deprecated)");
    char *why = info->flags & UI_CMD_WRITE ? ui_action_refusal(app, c) : NULL;
    strbuf_init(&item);
    strbuf_printf(&item, "%s%s %s%s", why ? "[" : "", key, label, why ? "]" : "");
    if (*x > 0)
        more = keyline_put(app, x, "  ", ui_term_attr(UI_STYLE_NORMAL));
    if (more)
        more = keyline_put(app, x, item.data,
                           why ? ui_term_attr(UI_STYLE_DIM) : ui_term_attr(UI_STYLE_NORMAL));
    strbuf_free(&item);
    free(why);
    return more;
}

/* The actions first: they matter most and must survive a narrow line. */
static void keyline_commands(struct ui_app *app, enum ui_scope scope, int x)
{
    for (int pass = 0; pass < 2; pass++) {
        for (int c = 0; c < UI_CMD_COUNT; c++) {
            unsigned f = ui_command_info((enum ui_cmd)c)->flags;
            bool write = (f & UI_CMD_WRITE) != 0;
            if (!(f & UI_CMD_KEYLINE) || write != (pass == 0))
                continue;
            if (!keyline_command(app, scope, (enum ui_cmd)c, &x))
                return;
        }
    }
}

static void draw_keyline(struct ui_app *app)
{
    enum ui_scope scope = ui_app_scope(app);
    struct strbuf k;

    strbuf_init(&k);
    if (app->input != UI_INPUT_NONE) {
        keyline_item(&k, "Enter", _("accept"));
        keyline_item(&k, "Esc", _("cancel"));
        if (app->input == UI_INPUT_COMMAND)
            keyline_item(&k, "Tab", _("complete"));
    } else if (ui_actions_keyline(app, &k)) {
        /* a confirmation or picker says its own keys */
    } else if (scope == UI_SCOPE_OVERLAY) {
        keyline_item(&k, "q/Esc", _("close"));
        if (app->overlay_copy)
            keyline_item(&k, "y", _("copy trace id"));
        keyline_item(&k, "j/k PgUp/PgDn", _("scroll"));
    } else {
        if (app->message_is_error && app->message_detail)
            keyline_item(&k, "Enter", _("details"));
        if (ui_data_busy(app))
            keyline_item(&k, "Esc", _("cancel"));
    }
    put_fit(app->layout.keyline.y, 0, app->layout.keyline.w, k.data, ui_term_attr(UI_STYLE_DIM));
    if (app->input == UI_INPUT_NONE && scope != UI_SCOPE_OVERLAY)
        keyline_commands(app, scope, text_width(k.data));
    strbuf_free(&k);
}

static const char *const spinner_frames[] = {
    "\xe2\xa0\x8b", "\xe2\xa0\x99", "\xe2\xa0\xb9", "\xe2\xa0\xb8", "\xe2\xa0\xbc",
    "\xe2\xa0\xb4", "\xe2\xa0\xa6", "\xe2\xa0\xa7", "\xe2\xa0\x87", "\xe2\xa0\x8f",
};

static void draw_status(struct ui_app *app)
{
    struct strbuf s, right;
    int style = UI_STYLE_NORMAL;
    int w = app->layout.status.w;

    if (app->input != UI_INPUT_NONE)
        return; /* the input line owns the row */
    strbuf_init(&s);
    strbuf_init(&right);
    if (ui_data_busy(app)) {
        const char *doing = ui_actions_status(app);
        strbuf_puts(&s, spinner_frames[app->spinner % ARRAY_SIZE(spinner_frames)]);
        strbuf_putc(&s, ' ');
        if (!doing)
            doing = app->accounts_loading ? _("Loading accounts\xe2\x80\xa6")
                                          : _("Loading invitations\xe2\x80\xa6");
        strbuf_puts(&s, doing);
        strbuf_puts(&s, "  ");
    }
    if (app->message) {
        if (app->message_is_error) {
            strbuf_puts(&s, "\xe2\x9c\x97 ");
            style = UI_STYLE_ERROR;
        }
        strbuf_puts(&s, app->message);
    }
    size_t marked = app->account_id && app->store ? store_mark_count(app->store, app->account_id)
                                                  : 0;
    if (marked) {
        strbuf_putc(&right, ' ');
        /* TRANSLATORS: on the status line; %zu rows are marked for a bulk action. */
        strbuf_printf(&right, ngettext("%zu marked", "%zu marked", marked), marked);
        strbuf_putc(&right, ' ');
    }
    if (app->account_id && app->rows.n)
        strbuf_printf(&right, " %zu/%zu", app->views[UI_PANE_INVITATIONS].sel + 1, app->rows.n);
    int rw = text_width(right.data);
    if (rw > w / 3)
        rw = 0;
    struct strbuf line;
    strbuf_init(&line);
    ui_error_status_fit(&line, s.data, app->message_is_error ? app->message_trace : NULL,
                        w - rw);
    put_fit(app->layout.status.y, 0, w - rw, line.data, ui_term_attr(style));
    strbuf_free(&line);
    if (rw)
        put_fit(app->layout.status.y, w - rw, rw, right.data, ui_term_attr(UI_STYLE_DIM));
    strbuf_free(&s);
    strbuf_free(&right);
}

/* Vertical separators between side-by-side panes. */
static void draw_separators(struct ui_app *app)
{
    const struct ui_layout *l = &app->layout;

    for (int p = 0; p < UI_PANE_COUNT; p++) {
        const struct ui_rect *r = &l->pane[p];
        if (!r->w || !r->h || r->x + r->w >= l->cols)
            continue;
        /* UTF-8 text rather than ACS: it survives every terminal and tmux. */
        attrset(ui_term_attr(UI_STYLE_DIM));
        for (int y = r->y; y < r->y + r->h; y++)
            mvaddstr(y, r->x + r->w, VLINE);
        attrset(A_NORMAL);
    }
}

static int overlay_width(const struct ui_app *app)
{
    int w = app->layout.cols - 4;
    return w < 96 ? w : 96;
}

/* Recalc pass for the overlay: its rectangle, and for a message the lines
 * wrapped to the new width (a resize must not cut them). */
void ui_overlay_layout(struct ui_app *app)
{
    struct ui_rect *r = &app->overlay_view.rect;
    int rows = app->layout.rows;
    int w = overlay_width(app);

    if (app->overlay == UI_OVERLAY_NONE)
        return;
    if (app->overlay_text) {
        strvec_free(&app->overlay_lines);
        ui_wrap(app->overlay_text, w > 10 ? w : 10, &app->overlay_lines);
    }
    int h = (int)app->overlay_lines.n + 1;
    /* The frame stays between the header and the key line, which says
     * the overlay's keys (a long result list must not hide them). */
    if (h > rows - 5)
        h = rows - 5;
    r->w = w;
    r->h = h > 0 ? h : 0;
    r->x = (app->layout.cols - w) / 2;
    r->y = (rows - r->h) / 2;
    ui_view_clamp(app, &app->overlay_view);
}

static void draw_overlay(struct ui_app *app)
{
    const struct ui_rect *r = &app->overlay_view.rect;

    if (r->w <= 0 || r->h <= 0)
        return;
    /* A frame one cell around the list. */
    int top = r->y - 1, bottom = r->y + r->h, left = r->x - 1, right = r->x + r->w;
    attrset(ui_term_attr(UI_STYLE_NORMAL));
    for (int y = top; y <= bottom; y++)
        mvhline(y, left, ' ', r->w + 2);
    for (int x = left + 1; x < right; x++) {
        mvaddstr(top, x, HLINE);
        mvaddstr(bottom, x, HLINE);
    }
    for (int y = top + 1; y < bottom; y++) {
        mvaddstr(y, left, VLINE);
        mvaddstr(y, right, VLINE);
    }
    mvaddstr(top, left, "\xe2\x94\x8c");
    mvaddstr(top, right, "\xe2\x94\x90");
    mvaddstr(bottom, left, "\xe2\x94\x94");
    mvaddstr(bottom, right, "\xe2\x94\x98");
    ui_view_draw(app, &app->overlay_view);
}

void ui_draw_screen(struct ui_app *app)
{
    const struct ui_layout *l = &app->layout;

    if (l->too_small) {
        erase();
        put_fit(0, 0, l->cols, _("Terminal too small"), ui_term_attr(UI_STYLE_ERROR));
        return;
    }
    draw_header(app);
    for (int p = 0; p < UI_PANE_COUNT; p++)
        if (ui_layout_visible(l, (enum ui_pane)p))
            ui_view_draw(app, &app->views[p]);
    draw_separators(app);
    draw_keyline(app);
    draw_status(app);
    if (app->overlay != UI_OVERLAY_NONE)
        draw_overlay(app);
}

void ui_overlay_close(struct ui_app *app)
{
    if (app->overlay != UI_OVERLAY_NONE)
        ui_app_mark(app, UI_DIRTY_LAYOUT);
    app->overlay = UI_OVERLAY_NONE;
    strvec_free(&app->overlay_lines);
    free(app->overlay_text);
    app->overlay_text = NULL;
    free(app->overlay_title);
    app->overlay_title = NULL;
    free(app->overlay_copy);
    app->overlay_copy = NULL;
}

void ui_overlay_start(struct ui_app *app, enum ui_overlay kind, const char *title)
{
    ui_overlay_close(app);
    app->overlay = kind;
    app->overlay_title = xstrdup(title);
    memset(&app->overlay_view, 0, sizeof(app->overlay_view));
    app->overlay_view.ops = &ui_overlay_ops;
    app->overlay_view.focused = true;
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

void ui_overlay_open(struct ui_app *app, enum ui_overlay kind, const char *title,
                     const char *text)
{
    ui_overlay_start(app, kind, title);
    /* Wrapped in the recalc pass, at whatever width the screen has then. */
    app->overlay_text = sanitize_display(text, strlen(text), SANITIZE_MULTILINE);
}

static bool bound_here(enum ui_scope scope, enum ui_cmd cmd, struct strbuf *keys)
{
    size_t n;
    const struct ui_key_binding *k = ui_default_keys(&n);
    char name[16];
    bool any = false;

    for (size_t i = 0; i < n; i++) {
        if (k[i].cmd != cmd || (k[i].scope != scope && k[i].scope != UI_SCOPE_GLOBAL))
            continue;
        /* A pane binding hides the global one for the same key. */
        if (k[i].scope == UI_SCOPE_GLOBAL && scope != UI_SCOPE_GLOBAL &&
            ui_key_lookup(scope, k[i].key) != &k[i])
            continue;
        ui_key_name(k[i].key, name, sizeof(name));
        if (strstr(keys->data ? keys->data : "", name) && strcmp(name, "Enter") == 0)
            continue; /* \n, \r and KEY_ENTER are one key to people */
        if (any)
            strbuf_putc(keys, ' ');
        strbuf_puts(keys, name);
        any = true;
    }
    return any;
}

void ui_overlay_help(struct ui_app *app)
{
    enum ui_scope scope = ui_app_scope(app);
    struct strbuf keys, line;

    ui_overlay_start(app, UI_OVERLAY_HELP, _("Keys (q closes)"));
    strbuf_init(&keys);
    strbuf_init(&line);
    for (int c = 0; c < UI_CMD_COUNT; c++) {
        const struct ui_command_info *info = ui_command_info((enum ui_cmd)c);
        strbuf_reset(&keys);
        if (!bound_here(scope, (enum ui_cmd)c, &keys))
            continue;
        strbuf_reset(&line);
        text_fit(&line, keys.data, 16, TEXT_ALIGN_LEFT);
        strbuf_puts(&line, "  ");
        strbuf_puts(&line, _(info->help));
        strvec_push(&app->overlay_lines, line.data);
    }
    strvec_push(&app->overlay_lines, "");
    strvec_push(&app->overlay_lines, _("Commands after \":\" (Tab completes):"));
    for (int c = 0; c < UI_CMD_COUNT; c++) {
        const struct ui_command_info *info = ui_command_info((enum ui_cmd)c);
        if (info->flags & (UI_CMD_NONAME | UI_CMD_RESERVED))
            continue;
        strbuf_reset(&line);
        strbuf_reset(&keys);
        strbuf_printf(&keys, ":%s%s", info->name, info->flags & UI_CMD_ARG ? " ARG" : "");
        text_fit(&line, keys.data, 16, TEXT_ALIGN_LEFT);
        strbuf_puts(&line, "  ");
        strbuf_puts(&line, _(info->help));
        strvec_push(&app->overlay_lines, line.data);
    }
    strbuf_free(&keys);
    strbuf_free(&line);
}
