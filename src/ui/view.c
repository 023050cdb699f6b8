#include "config.h"

#include "invitui/ui_view.h"

#include <curses.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/ui_term.h"

static bool has_header(const struct ui_view *v)
{
    return v->ops->columns && v->ops->ncolumns > 1;
}

int ui_view_content_rows(const struct ui_view *v)
{
    int rows = v->rect.h - 1 - (has_header(v) ? 1 : 0);
    return rows > 0 ? rows : 0;
}

static void put_line(int y, int x, int w, const char *text, int attr)
{
    struct strbuf line;

    strbuf_init(&line);
    text_fit(&line, text, w, TEXT_ALIGN_LEFT);
    attrset(attr);
    mvaddstr(y, x, line.data);
    attrset(A_NORMAL);
    strbuf_free(&line);
}

static void join_cells(struct strbuf *line, struct strbuf *cells, const int *widths,
                       const struct ui_column *cols, size_t n)
{
    bool first = true;

    for (size_t c = 0; c < n; c++) {
        if (widths[c] <= 0)
            continue;
        if (!first)
            strbuf_putc(line, ' ');
        first = false;
        text_fit(line, cells[c].data, widths[c], cols ? cols[c].align : TEXT_ALIGN_LEFT);
    }
}

static void draw_header(struct ui_app *app, const struct ui_view *v, const int *widths, int y)
{
    struct strbuf cells[UI_MAX_COLUMNS], line;
    size_t n = v->ops->ncolumns;

    strbuf_init(&line);
    for (size_t c = 0; c < n; c++) {
        strbuf_init(&cells[c]);
        strbuf_puts(&cells[c], _(v->ops->columns[c].title));
    }
    if (v->ops->header_mark)
        v->ops->header_mark(app, v, cells);
    join_cells(&line, cells, widths, v->ops->columns, n);
    put_line(y, v->rect.x, v->rect.w, line.data, ui_term_attr(UI_STYLE_DIM) | A_BOLD);
    for (size_t c = 0; c < n; c++)
        strbuf_free(&cells[c]);
    strbuf_free(&line);
}

static void draw_rows(struct ui_app *app, const struct ui_view *v, const int *widths, int y,
                      int rows)
{
    size_t n = v->ops->columns ? v->ops->ncolumns : 1;
    size_t count = v->ops->row_count(app, v);
    struct strbuf cells[UI_MAX_COLUMNS], line;

    strbuf_init(&line);
    for (size_t c = 0; c < n; c++)
        strbuf_init(&cells[c]);
    for (int i = 0; i < rows; i++) {
        size_t r = v->top + (size_t)i;
        int style = UI_STYLE_NORMAL;
        strbuf_reset(&line);
        if (r < count) {
            for (size_t c = 0; c < n; c++)
                strbuf_reset(&cells[c]);
            v->ops->row_cells(app, v, r, cells, &style);
            join_cells(&line, cells, widths, v->ops->columns, n);
            if (r == v->sel)
                style = v->focused ? UI_STYLE_SELECTED : UI_STYLE_SELECTED_DIM;
        } else if (count == 0 && i == 0 && v->ops->empty) {
            const char *msg = v->ops->empty(app, v);
            strbuf_puts(&line, msg ? msg : "");
            style = UI_STYLE_DIM;
        }
        put_line(y + i, v->rect.x, v->rect.w, line.data, ui_term_attr(style));
    }
    for (size_t c = 0; c < n; c++)
        strbuf_free(&cells[c]);
    strbuf_free(&line);
}

void ui_view_draw(struct ui_app *app, const struct ui_view *v)
{
    int widths[UI_MAX_COLUMNS];
    struct strbuf title;
    int y = v->rect.y;

    if (v->rect.h <= 0 || v->rect.w <= 0)
        return;
    strbuf_init(&title);
    /* The focus marker is a character as well as an attribute (NO_COLOR). */
    strbuf_puts(&title, v->focused ? "\xe2\x96\xb6 " : "  ");
    v->ops->title(app, v, &title);
    put_line(y++, v->rect.x, v->rect.w, title.data,
             ui_term_attr(v->focused ? UI_STYLE_TITLE_FOCUS : UI_STYLE_TITLE));
    strbuf_free(&title);
    if (v->ops->column_widths)
        v->ops->column_widths(app, v, v->rect.w, widths);
    else if (v->ops->columns)
        ui_column_widths(v->ops->columns, v->ops->ncolumns, v->rect.w, widths);
    else
        widths[0] = v->rect.w;
    if (has_header(v) && y < v->rect.y + v->rect.h)
        draw_header(app, v, widths, y++);
    draw_rows(app, v, widths, y, ui_view_content_rows(v));
}

void ui_view_clamp(struct ui_app *app, struct ui_view *v)
{
    size_t count = v->ops->row_count(app, v);
    size_t rows = (size_t)ui_view_content_rows(v);

    if (rows == 0)
        rows = 1;
    if (v->sel >= count)
        v->sel = count ? count - 1 : 0;
    if (v->top + rows > count)
        v->top = count > rows ? count - rows : 0;
    if (v->sel < v->top)
        v->top = v->sel;
    if (v->sel >= v->top + rows)
        v->top = v->sel - rows + 1;
}

void ui_view_select(struct ui_app *app, struct ui_view *v, size_t row)
{
    size_t old = v->sel;

    v->sel = row;
    ui_view_clamp(app, v);
    if (v->sel != old && v->ops->select)
        v->ops->select(app, v);
}

bool ui_view_move(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd)
{
    size_t count = v->ops->row_count(app, v);
    size_t page = (size_t)(ui_view_content_rows(v) > 1 ? ui_view_content_rows(v) - 1 : 1);
    size_t half = (size_t)(ui_view_content_rows(v) > 1 ? ui_view_content_rows(v) / 2 : 1);
    size_t sel = v->sel;

    switch (cmd) {
    case UI_CMD_UP:
        sel = sel ? sel - 1 : 0;
        break;
    case UI_CMD_DOWN:
        sel = sel + 1 < count ? sel + 1 : sel;
        break;
    case UI_CMD_PAGE_UP:
        sel = sel > page ? sel - page : 0;
        if (v->top > page)
            v->top -= page;
        else
            v->top = 0;
        break;
    case UI_CMD_PAGE_DOWN:
        sel = sel + page < count ? sel + page : (count ? count - 1 : 0);
        v->top += page;
        break;
    case UI_CMD_HALF_UP: /* the rows and the selection move together (vi's ^U) */
        sel = sel > half ? sel - half : 0;
        v->top = v->top > half ? v->top - half : 0;
        break;
    case UI_CMD_HALF_DOWN:
        sel = sel + half < count ? sel + half : (count ? count - 1 : 0);
        v->top += half;
        break;
    case UI_CMD_FIRST:
        sel = 0;
        break;
    case UI_CMD_LAST:
        sel = count ? count - 1 : 0;
        break;
    default:
        return false;
    }
    ui_view_select(app, v, sel);
    return true;
}
