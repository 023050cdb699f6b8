/* ui_layout: where the header, the three panes, the key line and the status
 * line go for a terminal size and the focused pane.
 *
 * Contract: pure arithmetic, no curses; recomputed on every resize and focus
 * change. At 100 columns and more every pane is visible (accounts on the
 * left; the table above the detail, or all three side by side from 160
 * columns); below 100 columns the panes stack and only the focused one (and
 * the detail under the table when there is height for it) is shown. */
#ifndef INVITUI_UI_LAYOUT_H
#define INVITUI_UI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/sanitize.h"
#include "invitui/util.h"

enum ui_pane { UI_PANE_ACCOUNTS, UI_PANE_INVITATIONS, UI_PANE_DETAIL, UI_PANE_COUNT };

struct ui_rect {
    int y, x, h, w; /* h == 0 or w == 0: not shown */
};

struct ui_layout {
    int cols, rows;
    bool too_small;  /* below UI_MIN_COLS x UI_MIN_ROWS: only a message */
    bool stacked;    /* narrow mode: not every pane is visible */
    bool side_by_side; /* wide mode with the detail in its own column */
    struct ui_rect header;
    struct ui_rect pane[UI_PANE_COUNT];
    struct ui_rect keyline;
    struct ui_rect status;
};

#define UI_WIDE_COLS 100
#define UI_THREE_COLS 160
#define UI_MIN_COLS 30
#define UI_MIN_ROWS 8

void ui_layout_compute(struct ui_layout *l, int cols, int rows, enum ui_pane focus);
bool ui_layout_visible(const struct ui_layout *l, enum ui_pane p);
/* Narrows the accounts pane beside the others to content_w columns (never
 * wider than ui_layout_compute made it, never below UI_ACCOUNTS_MIN_W); the
 * columns it frees go to the table. No-op when the panes are stacked. */
#define UI_ACCOUNTS_MIN_W 12
void ui_layout_fit_accounts(struct ui_layout *l, int content_w);

/* A table column for ui_column_widths and the list renderer. */
struct ui_column {
    const char *title;  /* N_() */
    int min_w, max_w;   /* columns; max_w 0: no limit */
    int weight;         /* share of the width left after every min_w */
    enum text_align align;
};

/* Column widths for total columns: every column gets min_w, then the rest
 * is shared by weight up to max_w; columns that do not fit get 0 (the last
 * ones first). One space separates shown columns. */
void ui_column_widths(const struct ui_column *cols, size_t n, int total, int *out);

/* Word-wraps display-safe text (LF starts a new line) into lines of at most
 * width columns; a word wider than the line is cut on a character boundary,
 * and the spaces at a break are dropped. */
void ui_wrap(const char *text, int width, struct strvec *out);

#endif
