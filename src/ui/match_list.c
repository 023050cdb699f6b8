#include "config.h"

#include "invitui/ui_match_list.h"

#include <curses.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/ui_app.h"
#include "invitui/ui_term.h"

#define HLINE "\xe2\x94\x80"

static void put_row(int y, int w, const char *text, int attr)
{
    struct strbuf line;

    strbuf_init(&line);
    text_fit(&line, text, w, TEXT_ALIGN_LEFT);
    attrset(attr);
    mvaddstr(y, 0, line.data);
    attrset(A_NORMAL);
    strbuf_free(&line);
}

static int widest(const struct strvec *m, int limit)
{
    int w = 1;

    for (size_t i = 0; i < m->n && w < limit; i++) {
        int cw = text_width(m->v[i]);
        if (cw > w)
            w = cw;
    }
    return w < limit ? w : limit;
}

void ui_match_list_draw(struct ui_app *app, const struct strvec *m)
{
    const struct ui_layout *l = &app->layout;
    int w = l->status.w;
    int top = l->header.y + l->header.h;
    int bottom = l->status.y; /* the line being edited */

    /* One row for the rule over the list, at least one for candidates. */
    if (m->n == 0 || w <= 0 || bottom - top < 2)
        return;
    int colw = widest(m, w - 2) + 2;
    size_t ncols = (size_t)(w / colw);
    size_t need = (m->n + ncols - 1) / ncols;
    size_t room = (size_t)(bottom - top - 1);
    size_t rows = need < room ? need : room;
    /* When not all fit, the last row is kept for how many were left out. */
    size_t shown = need <= room ? m->n : (rows - 1) * ncols;
    int y = bottom - (int)rows;

    struct strbuf rule;
    strbuf_init(&rule);
    for (int x = 0; x < w; x++)
        strbuf_puts(&rule, HLINE);
    put_row(y - 1, w, rule.data, ui_term_attr(UI_STYLE_DIM));
    strbuf_free(&rule);
    for (size_t r = 0; r < rows; r++) {
        struct strbuf line;
        strbuf_init(&line);
        for (size_t c = 0; c < ncols && r * ncols + c < shown; c++)
            text_fit(&line, m->v[r * ncols + c], colw, TEXT_ALIGN_LEFT);
        if (shown < m->n && r == rows - 1) {
            strbuf_puts(&line, "\xe2\x80\xa6 ");
            strbuf_printf(&line, ngettext("and %zu more", "and %zu more", m->n - shown),
                          m->n - shown);
        }
        put_row(y + (int)r, w, line.data, ui_term_attr(UI_STYLE_NORMAL));
        strbuf_free(&line);
    }
}
