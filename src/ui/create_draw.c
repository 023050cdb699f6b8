#include "config.h"

#include "invitui/ui_create_private.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/ui_error.h"
#include "invitui/ui_term.h"

/* Drawing of the create form: the view covers the panes between the header
 * and the key line (which is the key table's), and says on the status line
 * what the form is doing; the field's editor draws itself last. */

static const char *const spinner[] = {
    "\xe2\xa0\x8b", "\xe2\xa0\x99", "\xe2\xa0\xb9", "\xe2\xa0\xb8", "\xe2\xa0\xbc",
    "\xe2\xa0\xb4", "\xe2\xa0\xa6", "\xe2\xa0\xa7", "\xe2\xa0\x87", "\xe2\xa0\x8f",
};

static void put(int y, int x, int w, const char *text, int attr)
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

static void draw_field(const struct ui_create_state *s, const struct ui_create_geom *g, int y,
                       const struct form_field *fd, bool focus)
{
    int indent = ui_create_field_indent(fd, s->form);
    const char *value = fd->value; /* display-safe since it was set (ui_create_set_value) */

    put(y, indent, g->vx - indent - 1, _(fd->label),
        ui_term_attr(focus ? UI_STYLE_KEY : UI_STYLE_NORMAL));
    /* Underlined, so that an empty field still shows where it is without colour. */
    put(y, g->vx, g->vw, value, ui_term_attr(UI_STYLE_NORMAL) | A_UNDERLINE);
    const char *name = fd->completion == FORM_COMPLETE_GROUPS && *fd->value
                           ? ui_create_group_name(&s->groups, fd->value)
                           : NULL;
    int used = text_width(value) + 2;
    if (name && used < g->vw - 4) {
        char *hint = xasprintf("(%s)", name);
        put(y, g->vx + used, g->vw - used, hint, ui_term_attr(UI_STYLE_DIM) | A_UNDERLINE);
        free(hint);
    }
}

static void draw_line(const struct ui_create_state *s, const struct ui_create_geom *g, int y,
                      const struct ui_create_line *ln, bool show_focus)
{
    bool focus = show_focus && ln->item >= 0 && ln->item == s->focus;
    int err = ui_term_attr(UI_STYLE_ERROR);
    char *text;

    if (focus)
        put(y, 0, 2, "\xe2\x96\xb6", ui_term_attr(UI_STYLE_KEY));
    switch (ln->kind) {
    case UI_CREATE_LINE_FIELD:
        draw_field(s, g, y, &s->form->fields[ln->index], focus);
        break;
    case UI_CREATE_LINE_ERROR:
        /* The cross says "error" where colour cannot (NO_COLOR, monochrome). */
        text = xasprintf("\xe2\x9c\x97 %s", ln->text);
        put(y, g->vx, g->vw, text, err);
        free(text);
        break;
    case UI_CREATE_LINE_HEADING:
        put(y, 2, g->cols - 3, ln->text, ui_term_attr(UI_STYLE_TITLE));
        break;
    case UI_CREATE_LINE_ITEM: {
        /* By item kind: field (none), remove, add, review, discard. */
        static const char *const marks[] = {"", "\xe2\x88\x92 ", "+ ", "\xe2\x86\x92 ",
                                            "\xc3\x97 "};
        const struct ui_create_item *it = &s->items.v[ln->item];
        text = xasprintf("%s%s", marks[it->kind], ln->text);
        put(y, 2, g->cols - 3, text, ui_term_attr(focus ? UI_STYLE_SELECTED : UI_STYLE_NORMAL));
        free(text);
        break;
    }
    case UI_CREATE_LINE_MESSAGE:
        text = xasprintf("%s%s", ln == &s->lines.v[0] || ln[-1].kind != UI_CREATE_LINE_MESSAGE
                                     ? "\xe2\x9c\x97 " : "  ", ln->text);
        put(y, 2, g->cols - 3, text, err);
        free(text);
        break;
    case UI_CREATE_LINE_BLANK:
    default:
        break;
    }
}

/* Under (or over) the field: the candidates of the last Tab, or why there
 * are none yet. */
static void draw_popup(const struct ui_create_state *s, const struct ui_create_geom *g, int field_y)
{
    const struct form_field *fd = ui_create_focused_field(s);
    struct strvec rows = {0};
    int attr = ui_term_attr(UI_STYLE_SELECTED);

    if (!fd)
        return;
    if (s->matches.n) {
        size_t shown = s->matches.n > 8 ? 7 : s->matches.n;
        /* Candidates and group names are display copies (made as they were learned). */
        for (size_t i = 0; i < shown; i++) {
            const char *name = fd->completion == FORM_COMPLETE_GROUPS
                                   ? ui_create_group_name(&s->groups, s->matches.v[i])
                                   : NULL;
            strvec_push_owned(&rows, name ? xasprintf(" %s  %s ", s->matches.v[i], name)
                                          : xasprintf(" %s ", s->matches.v[i]));
        }
        if (shown < s->matches.n) {
            size_t rest = s->matches.n - shown;
            /* TRANSLATORS: the last line of a list of completions. */
            char *more = xasprintf(ngettext("%zu more", "%zu more", rest), rest);
            strvec_push_owned(&rows, xasprintf(" \xe2\x80\xa6 %s ", more));
            free(more);
        }
    } else if (fd->completion == FORM_COMPLETE_GROUPS && s->groups_job) {
        strvec_push(&rows, _("Loading the groups\xe2\x80\xa6"));
        attr = ui_term_attr(UI_STYLE_DIM);
    } else if (fd->completion == FORM_COMPLETE_GROUPS && s->groups_error) {
        strvec_push_owned(&rows, xasprintf(_("Could not load the groups: %s"), s->groups_error));
        attr = ui_term_attr(UI_STYLE_ERROR);
    }
    int n = (int)rows.n;
    int y0 = field_y + 1;
    if (y0 + n > g->top + g->h)
        y0 = field_y - n;
    if (y0 <= g->top)
        y0 = g->top + 1;
    for (int i = 0; i < n && y0 + i < g->top + g->h; i++)
        put(y0 + i, g->vx, g->vw, rows.v[i], attr);
    strvec_free(&rows);
}

static void draw_title(struct ui_app *app, const struct ui_create_state *s,
                       const struct ui_create_geom *g, bool review)
{
    char *title;

    /* The account's display copy; profile names are plain ASCII (profile.h). */
    if (review)
        title = xstrdup(_("New invitation: check the request before it is sent"));
    else
        title = xasprintf(_("New invitation in %s (profile %s)"),
                          ui_create_account_label(app, s), app->session.profile->name);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_putc(&sb, ' ');
    strbuf_puts(&sb, title);
    put(g->top, 0, g->cols, sb.data, ui_term_attr(UI_STYLE_TITLE_FOCUS));
    strbuf_free(&sb);
    free(title);
}

/* The status line: what the step says (say), else the app's message. */
static void draw_status(struct ui_app *app, const char *say)
{
    struct strbuf s, line;
    int style = UI_STYLE_NORMAL;
    const char *trace = NULL;

    strbuf_init(&s);
    strbuf_init(&line);
    if (say) {
        strbuf_puts(&s, say);
    } else if (app->message) {
        if (app->message_is_error) {
            strbuf_puts(&s, "\xe2\x9c\x97 ");
            style = UI_STYLE_ERROR;
        }
        strbuf_puts(&s, app->message);
        trace = app->message_is_error ? app->message_trace : NULL;
    }
    ui_error_status_fit(&line, s.data, trace, app->layout.status.w);
    put(app->layout.status.y, 0, app->layout.status.w, line.data, ui_term_attr(style));
    strbuf_free(&s);
    strbuf_free(&line);
}

/* The review, wrapped to the screen (a long URL must not be cut: it is
 * what the user checks). The first line is the question. */
static void draw_review(struct ui_create_state *s, const struct ui_create_geom *g)
{
    struct strvec shown = {0};
    size_t question = 0;
    int ch = g->h - 1, w = g->cols - 2;

    for (size_t i = 0; i < s->review.n; i++) {
        if (text_width(s->review.v[i]) <= w) {
            strvec_push(&shown, s->review.v[i]);
        } else {
            ui_wrap(s->review.v[i], w, &shown);
        }
        if (i == 0)
            question = shown.n;
    }
    int max = (int)shown.n - ch;
    if (s->review_scroll > max)
        s->review_scroll = max > 0 ? max : 0;
    for (int i = 0; i < ch && (size_t)(s->review_scroll + i) < shown.n; i++) {
        size_t idx = (size_t)(s->review_scroll + i);
        put(g->top + 1 + i, 1, w, shown.v[idx],
            ui_term_attr(idx < question ? UI_STYLE_KEY : UI_STYLE_NORMAL));
    }
    strvec_free(&shown);
}

/* Clears the form's rectangle and draws its title; false when the screen
 * has no room for it. */
static bool draw_frame(struct ui_app *app, const struct ui_view *v, struct ui_create_geom *g,
                       bool review)
{
    struct ui_create_state *s = ui_create_of(v);

    if (!s->form)
        return false;
    ui_create_sync(app, (struct ui_view *)v); /* the screen may have another size now */
    ui_create_geometry(app, s, g);
    if (!g->ok)
        return false;
    touchwin(stdscr);
    attrset(A_NORMAL);
    for (int y = g->top; y < g->top + g->h; y++)
        mvhline(y, 0, ' ', g->cols);
    draw_title(app, s, g, review);
    return true;
}

/* The form's lines, with the focus unless it is being sent; the completions
 * while editing. */
static void draw_form(struct ui_app *app, const struct ui_view *v, bool editing, bool focus,
                      const char *say)
{
    const struct ui_create_state *s = ui_create_of(v);
    struct ui_create_geom g;
    int field_y = -1;

    if (!draw_frame(app, v, &g, false))
        return;
    for (int i = 0; i < g.h - 1 && (size_t)(s->scroll + i) < s->lines.n; i++) {
        const struct ui_create_line *ln = &s->lines.v[s->scroll + i];
        draw_line(s, &g, g.top + 1 + i, ln, focus);
        if (ln->item == s->focus && ln->kind == UI_CREATE_LINE_FIELD)
            field_y = g.top + 1 + i;
    }
    if (field_y >= 0 && editing)
        draw_popup(s, &g, field_y);
    draw_status(app, say);
}

void ui_create_draw_edit(struct ui_app *app, const struct ui_view *v)
{
    draw_form(app, v, true, true, NULL);
}

void ui_create_draw_sending(struct ui_app *app, const struct ui_view *v)
{
    char *say = xasprintf("%s %s", spinner[app->spinner % ARRAY_SIZE(spinner)],
                          _("Sending\xe2\x80\xa6"));

    draw_form(app, v, false, false, say);
    free(say);
}

void ui_create_draw_discard(struct ui_app *app, const struct ui_view *v)
{
    draw_form(app, v, false, true, _("Discard this form and everything typed in it?"));
}

void ui_create_draw_review(struct ui_app *app, const struct ui_view *v)
{
    struct ui_create_geom g;

    if (!draw_frame(app, v, &g, true))
        return;
    draw_review(ui_create_of(v), &g);
    draw_status(app, NULL);
}

void ui_create_draw_cursor(struct ui_app *app, const struct ui_view *v)
{
    const struct ui_create_state *s = ui_create_of(v);

    (void)app;
    if (s->prompt)
        prompt_draw(s->prompt);
}
