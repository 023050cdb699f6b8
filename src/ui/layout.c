#include "config.h"

#include "invitui/ui_layout.h"

#include <string.h>

#include "invitui/util.h"

static struct ui_rect rect(int y, int x, int h, int w)
{
    struct ui_rect r = {y, x, h > 0 ? h : 0, w > 0 ? w : 0};
    return r;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* One column between side-by-side panes holds the separator line. */
static void wide(struct ui_layout *l, int body_y, int body_h)
{
    int acc_w = clamp(l->cols / 5, 22, 32);
    int x = acc_w + 1;
    int rest = l->cols - x;

    l->pane[UI_PANE_ACCOUNTS] = rect(body_y, 0, body_h, acc_w);
    if (l->cols >= UI_THREE_COLS) {
        int det_w = rest * 7 / 20;
        int inv_w = rest - det_w - 1;
        l->side_by_side = true;
        l->pane[UI_PANE_INVITATIONS] = rect(body_y, x, body_h, inv_w);
        l->pane[UI_PANE_DETAIL] = rect(body_y, x + inv_w + 1, body_h, det_w);
        return;
    }
    int inv_h = clamp(body_h * 11 / 20, 3, body_h);
    l->pane[UI_PANE_INVITATIONS] = rect(body_y, x, inv_h, rest);
    l->pane[UI_PANE_DETAIL] = rect(body_y + inv_h, x, body_h - inv_h, rest);
}

/* Narrow terminals: the accounts list alone, or the table with the detail
 * under it when there is room for both to be useful. */
static void stacked(struct ui_layout *l, int body_y, int body_h, enum ui_pane focus)
{
    l->stacked = true;
    if (focus == UI_PANE_ACCOUNTS) {
        l->pane[UI_PANE_ACCOUNTS] = rect(body_y, 0, body_h, l->cols);
        return;
    }
    if (body_h >= 18) {
        int inv_h = body_h / 2;
        l->pane[UI_PANE_INVITATIONS] = rect(body_y, 0, inv_h, l->cols);
        l->pane[UI_PANE_DETAIL] = rect(body_y + inv_h, 0, body_h - inv_h, l->cols);
        return;
    }
    l->pane[focus] = rect(body_y, 0, body_h, l->cols);
}

void ui_layout_compute(struct ui_layout *l, int cols, int rows, enum ui_pane focus)
{
    memset(l, 0, sizeof(*l));
    l->cols = cols;
    l->rows = rows;
    if (cols < UI_MIN_COLS || rows < UI_MIN_ROWS) {
        l->too_small = true;
        return;
    }
    l->header = rect(0, 0, 1, cols);
    l->keyline = rect(rows - 2, 0, 1, cols);
    l->status = rect(rows - 1, 0, 1, cols);
    if (cols >= UI_WIDE_COLS)
        wide(l, 1, rows - 3);
    else
        stacked(l, 1, rows - 3, focus);
}

void ui_layout_fit_accounts(struct ui_layout *l, int content_w)
{
    struct ui_rect *acc = &l->pane[UI_PANE_ACCOUNTS];
    int w = clamp(content_w, UI_ACCOUNTS_MIN_W, acc->w);
    int freed = acc->w - w;

    if (l->too_small || l->stacked || freed <= 0)
        return;
    acc->w = w;
    l->pane[UI_PANE_INVITATIONS].x -= freed;
    l->pane[UI_PANE_INVITATIONS].w += freed;
    /* Under the table the detail moves with it; beside it, it stays. */
    if (!l->side_by_side) {
        l->pane[UI_PANE_DETAIL].x -= freed;
        l->pane[UI_PANE_DETAIL].w += freed;
    }
}

bool ui_layout_visible(const struct ui_layout *l, enum ui_pane p)
{
    return p < UI_PANE_COUNT && l->pane[p].h > 0 && l->pane[p].w > 0;
}

void ui_column_widths(const struct ui_column *cols, size_t n, int total, int *out)
{
    size_t k = n;
    int need;

    memset(out, 0, n * sizeof(*out));
    /* Drop trailing columns until the minimum widths and separators fit. */
    for (;;) {
        need = k ? (int)k - 1 : 0;
        for (size_t i = 0; i < k; i++)
            need += cols[i].min_w;
        if (need <= total || k == 0)
            break;
        k--;
    }
    if (k == 0)
        return;
    for (size_t i = 0; i < k; i++)
        out[i] = cols[i].min_w;
    int left = total - need;
    /* Share what is left by weight; a column at max_w drops out and the
     * rest is shared again. */
    while (left > 0) {
        int weights = 0;
        for (size_t i = 0; i < k; i++)
            if (cols[i].weight > 0 && (cols[i].max_w == 0 || out[i] < cols[i].max_w))
                weights += cols[i].weight;
        if (weights == 0)
            break;
        int given = 0, pool = left;
        for (size_t i = 0; i < k && left > 0; i++) {
            if (cols[i].weight <= 0 || (cols[i].max_w && out[i] >= cols[i].max_w))
                continue;
            int add = pool * cols[i].weight / weights;
            if (add == 0)
                add = 1;
            if (cols[i].max_w && out[i] + add > cols[i].max_w)
                add = cols[i].max_w - out[i];
            if (add > left)
                add = left;
            out[i] += add;
            left -= add;
            given += add;
        }
        if (given == 0)
            break;
    }
}

void ui_wrap(const char *text, int width, struct strvec *out)
{
    const char *s = text ? text : "";

    if (width < 1)
        width = 1;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        do {
            size_t fit = text_prefix_fit(s, len, width, NULL);
            if (fit < len) {
                /* Break after the last space that fits, if there is one. */
                size_t cut = fit;
                while (cut > 0 && s[cut - 1] != ' ')
                    cut--;
                if (cut > 0)
                    fit = cut;
                if (fit == 0)
                    fit = 1; /* a character wider than the line */
            }
            strvec_push_owned(out, xstrndup(s, fit));
            s += fit;
            len -= fit;
            /* The spaces at a break belong to neither line. */
            while (len > 0 && *s == ' ') {
                s++;
                len--;
            }
        } while (len > 0);
        if (!nl)
            break;
        s = nl + 1;
    }
}
