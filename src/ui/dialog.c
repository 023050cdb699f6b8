#include "config.h"

#include "invitui/ui_dialog.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/sanitize.h"
#include "invitui/ui_app.h"

struct ui_dialog *ui_dialog_of(const struct ui_view *v)
{
    return v->priv;
}

void ui_dialog_set_title(struct ui_view *v, const char *title)
{
    struct ui_dialog *d = ui_dialog_of(v);

    free(d->title);
    d->title = xstrdup(title ? title : "");
}

void ui_dialog_set_text(struct ui_app *app, struct ui_view *v, const char *text)
{
    struct ui_dialog *d = ui_dialog_of(v);

    free(d->text);
    d->text = sanitize_display(text, strlen(text), SANITIZE_MULTILINE);
    ui_app_mark(app, UI_DIRTY_LAYOUT);
}

void ui_dialog_title(struct ui_app *app, const struct ui_view *v, struct strbuf *out)
{
    (void)app;
    strbuf_puts(out, ui_dialog_of(v)->title ? ui_dialog_of(v)->title : "");
}

size_t ui_dialog_count(struct ui_app *app, const struct ui_view *v)
{
    (void)app;
    return ui_dialog_of(v)->lines.n;
}

void ui_dialog_cells(struct ui_app *app, const struct ui_view *v, size_t row,
                     struct strbuf *cells, int *style)
{
    const struct ui_dialog *d = ui_dialog_of(v);

    (void)app;
    (void)style;
    /* A picker shows its cursor as a character too (NO_COLOR). */
    if (d->marker)
        strbuf_puts(&cells[0], row == v->sel ? "\xe2\x96\xb8 " : "  ");
    strbuf_puts(&cells[0], d->lines.v[row]);
}

/* Recalc pass: a text is wrapped to the new width (a resize must not cut it). */
void ui_dialog_resize(struct ui_app *app, struct ui_view *v)
{
    struct ui_dialog *d = ui_dialog_of(v);

    ui_view_dialog_rect(app, v, d->lines.n);
    if (d->text) {
        strvec_free(&d->lines);
        ui_wrap(d->text, v->rect.w > 10 ? v->rect.w : 10, &d->lines);
        ui_view_dialog_rect(app, v, d->lines.n);
    }
}

void ui_dialog_close(struct ui_app *app, struct ui_view *v)
{
    struct ui_dialog *d = ui_dialog_of(v);

    (void)app;
    free(d->title);
    free(d->text);
    strvec_free(&d->lines);
}

bool ui_dialog_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)arg;
    if (cmd != UI_CMD_CLOSE)
        return false;
    ui_view_pop(app, v);
    return true;
}
