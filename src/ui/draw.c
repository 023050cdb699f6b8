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
        strbuf_puts(&h, p->name); /* ASCII, checked at loading (profile.h) */
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

/* What a pane's key line says beyond the table: Enter opens an error that
 * is on the status line, Esc shows only while something can be cancelled
 * (those two come first when they show: *urgent), E once there was an error. */
static bool pane_keyline(struct ui_app *app, enum ui_scope scope, enum ui_cmd c,
                         const char **label, bool *urgent)
{
    if (c == UI_CMD_OPEN && app->message_is_error && app->message_detail) {
        *label = _("details");
        *urgent = true;
    } else if (c == UI_CMD_OPEN && scope == UI_SCOPE_DETAIL) {
        *label = _("expand"); /* what Enter does in the tree */
    } else if (c == UI_CMD_CANCEL) {
        *urgent = true;
        return ui_data_busy(app);
    } else if (c == UI_CMD_SHOW_ERROR) {
        return app->last_error != NULL;
    } else if (c == UI_CMD_RESEND && app->session_ok && app->session.ops->resend_deprecated) {
        /* TRANSLATORS: key line label of Marketplace's resend-invite, which is deprecated. */
        *label = _("resend (deprecated)");
    }
    return true;
}

/* One command on the key line. A command that cannot run here is dim and in
 * brackets ("[n send new]"): the brackets say it without colour. */
static bool keyline_command(struct ui_app *app, enum ui_scope scope, enum ui_cmd c,
                            const char *label, int *x)
{
    const struct ui_command_info *info = ui_command_info(c);
    struct strbuf item;
    char key[32];
    bool more = true;

    ui_key_label(scope, c, key, sizeof(key));
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

/* After send new: marked rows the actions will not take, because the tab
 * or the filter hides them. */
static bool keyline_hidden_marks(struct ui_app *app, int *x)
{
    size_t hidden = ui_actions_marks_hidden(app);
    bool more = true;

    if (!hidden)
        return true;
    /* TRANSLATORS: on the key line after resend/send new: marked rows that
     * the current tab or `/` filter hides, which the actions do not take. */
    char *text = xasprintf(ngettext("(%zu marked hidden)", "(%zu marked hidden)", hidden), hidden);
    if (*x > 0)
        more = keyline_put(app, x, "  ", ui_term_attr(UI_STYLE_NORMAL));
    if (more)
        more = keyline_put(app, x, text, ui_term_attr(UI_STYLE_NORMAL));
    free(text);
    return more;
}

/* The key line of the top view, generated from the key table: its scope's
 * commands in the table's order of usefulness, those the view says apply
 * now, with the label it gives them. */
static void draw_keyline(struct ui_app *app)
{
    enum ui_scope scope = ui_app_scope(app);
    const struct ui_view *top = app->depth ? app->stack[app->depth - 1] : NULL;
    enum ui_cmd cmds[UI_CMD_COUNT];
    size_t n = ui_keyline_commands(scope, cmds, UI_CMD_COUNT);
    int x = 0;

    move(app->layout.keyline.y, 0);
    clrtoeol();
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            const char *label = _(ui_command_info(cmds[i])->label);
            bool urgent = false, shown;
            if (top)
                shown = !top->ops->keyline || top->ops->keyline(app, top, cmds[i], &label);
            else
                shown = pane_keyline(app, scope, cmds[i], &label, &urgent);
            if (!shown || urgent != (pass == 0))
                continue;
            if (!keyline_command(app, scope, cmds[i], label, &x))
                return;
            if (!top && cmds[i] == UI_CMD_SEND_NEW && !keyline_hidden_marks(app, &x))
                return;
        }
    }
}

static const char *const spinner_frames[] = {
    "\xe2\xa0\x8b", "\xe2\xa0\x99", "\xe2\xa0\xb9", "\xe2\xa0\xb8", "\xe2\xa0\xbc",
    "\xe2\xa0\xb4", "\xe2\xa0\xa6", "\xe2\xa0\xa7", "\xe2\xa0\x87", "\xe2\xa0\x8f",
};

/* The status line's right side: marks, the cached marker, the position; brevity 1 drops
 * the cached list's age and count, 2 keeps only the position. */
static void status_right(const struct ui_app *app, struct strbuf *right, int brevity)
{
    const char *account_id = ui_list_account_id(app);
    size_t marked = account_id && app->store ? store_mark_count(app->store, account_id) : 0;

    if (marked && brevity < 2) {
        strbuf_putc(right, ' ');
        /* TRANSLATORS: on the status line; %zu rows are marked for a bulk action. */
        strbuf_printf(right, ngettext("%zu marked", "%zu marked", marked), marked);
        strbuf_putc(right, ' ');
    }
    if (ui_cache_shown(app) && brevity < 2) {
        strbuf_putc(right, ' ');
        ui_cache_status(app, right, brevity > 0);
        strbuf_putc(right, ' ');
    }
    if (ui_list_count(app))
        strbuf_printf(right, " %zu/%zu", app->views[UI_PANE_INVITATIONS].sel + 1,
                      ui_list_count(app));
}

static void draw_status(struct ui_app *app)
{
    struct strbuf s, right;
    int style = UI_STYLE_NORMAL;
    int w = app->layout.status.w;

    if (app->input != UI_INPUT_NONE)
        return; /* the `/` or `:` line owns the row */
    strbuf_init(&s);
    strbuf_init(&right);
    if (ui_data_busy(app)) {
        const char *doing = ui_actions_status(app);
        size_t so_far = ui_data_rows_so_far(app), expected = ui_data_rows_expected(app);
        strbuf_puts(&s, spinner_frames[app->spinner % ARRAY_SIZE(spinner_frames)]);
        strbuf_putc(&s, ' ');
        if (doing)
            strbuf_puts(&s, doing);
        else if (ui_list_accounts_loading(app))
            strbuf_puts(&s, _("Loading accounts\xe2\x80\xa6"));
        else if (so_far > 0 && expected > 0)
            /* TRANSLATORS: while a list still arrives; its rows so far are shown already, and
             * the server said how many there will be. */
            strbuf_printf(&s, ngettext("Loading invitations\xe2\x80\xa6 %zu of %zu",
                                       "Loading invitations\xe2\x80\xa6 %zu of %zu", expected),
                          so_far, expected);
        else if (so_far > 0)
            /* TRANSLATORS: while a list still arrives; its rows so far are shown already. */
            strbuf_printf(&s, ngettext("Loading invitations\xe2\x80\xa6 %zu so far",
                                       "Loading invitations\xe2\x80\xa6 %zu so far", so_far),
                          so_far);
        else
            strbuf_puts(&s, _("Loading invitations\xe2\x80\xa6"));
        strbuf_puts(&s, "  ");
    }
    if (app->message) {
        if (app->message_is_error) {
            strbuf_puts(&s, "\xe2\x9c\x97 ");
            style = UI_STYLE_ERROR;
        }
        strbuf_puts(&s, app->message);
    }
    /* The right side gives up detail before it gives up the cached marker: that marker
     * is why the write keys are refused (German at 80 columns needs the short form). */
    int rw = 0;
    for (int brevity = 0; brevity < 3; brevity++) {
        strbuf_free(&right);
        strbuf_init(&right);
        status_right(app, &right, brevity);
        rw = text_width(right.data);
        if (rw <= w / 2)
            break;
        rw = 0;
    }
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
    ui_view_stack_draw(app);
}
