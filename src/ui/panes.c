#include "config.h"

#include "invitui/ui_panes.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/timefmt.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_app.h"
#include "invitui/ui_group_names.h"
#include "invitui/ui_term.h"

/* The user's own text (the filter) on its way to a cell; server text comes
 * as the model's display copies, made terminal-safe at ingress. */
static void cell_put(struct strbuf *cell, const char *raw)
{
    if (raw)
        sanitize_append(cell, raw, strlen(raw), 0, 256);
}

/* ---- accounts ---- */

static void accounts_title(struct ui_app *app, const struct ui_view *v, struct strbuf *out)
{
    size_t n = app->store ? store_account_count(app->store) : 0;
    (void)v;
    /* TRANSLATORS: pane title; %zu is the number of accounts. */
    strbuf_printf(out, _("Accounts (%zu)"), n);
}

static size_t accounts_count(struct ui_app *app, const struct ui_view *v)
{
    (void)v;
    return app->store ? store_account_count(app->store) : 0;
}

static void accounts_cells(struct ui_app *app, const struct ui_view *v, size_t row,
                           struct strbuf *cells, int *style)
{
    const struct account *a = store_account_at(app->store, row);
    (void)v;
    (void)style;

    if (!a)
        return;
    /* The open account is marked with a character, not only a colour. */
    strbuf_puts(&cells[0], util_streq(a->id, ui_list_account_id(app)) ? "\xe2\x97\x8f " : "  ");
    strbuf_puts(&cells[0], *a->shown.name ? a->shown.name : a->shown.id);
    if (a->status && strcasecmp(a->status, "active") != 0) {
        strbuf_puts(&cells[0], " (");
        strbuf_puts(&cells[0], a->shown.status);
        strbuf_putc(&cells[0], ')');
    }
}

int ui_accounts_width(struct ui_app *app)
{
    struct strbuf sb;
    int w;

    strbuf_init(&sb);
    accounts_title(app, NULL, &sb);
    w = 2 + text_width(sb.data); /* the focus marker */
    for (size_t i = 0; app->store && i < store_account_count(app->store); i++) {
        strbuf_reset(&sb);
        accounts_cells(app, NULL, i, &sb, NULL);
        if (text_width(sb.data) > w)
            w = text_width(sb.data);
    }
    strbuf_free(&sb);
    return w;
}

static void open_account(struct ui_app *app, const struct account *a)
{
    ui_list_open_account(app, a->id);
    if (!store_loaded(app->store, a->id))
        ui_data_load_invitations(app);
}

static bool accounts_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    const struct account *a;
    (void)arg;

    if (cmd != UI_CMD_OPEN || !app->store)
        return false;
    a = store_account_at(app->store, v->sel);
    if (!a)
        return false;
    open_account(app, a);
    ui_app_focus(app, UI_PANE_INVITATIONS);
    return true;
}

static const char *accounts_empty(struct ui_app *app, const struct ui_view *v)
{
    (void)v;
    if (ui_list_accounts_loading(app))
        return _("Loading\xe2\x80\xa6");
    return _("No accounts (R loads again)");
}

const struct ui_view_ops ui_accounts_ops = {
    .name = "accounts",
    .scope = UI_SCOPE_ACCOUNTS,
    .title = accounts_title,
    .row_count = accounts_count,
    .row_cells = accounts_cells,
    .handle = accounts_handle,
    .empty = accounts_empty,
};

/* ---- invitations ---- */

enum { COL_EMAIL, COL_NAME, COL_STATUS, COL_EXPIRY, COL_CREATED, COL_SUMMARY, COL_COUNT };

/* Status, expiry and created are sized by ui_panes_fit_columns; the e-mail
 * takes most of the spare width, it is what people scan for. */
static struct ui_column columns_named[COL_COUNT] = {
    [COL_EMAIL] = {N_("E-mail"), 14, 0, 4, TEXT_ALIGN_LEFT},
    [COL_NAME] = {N_("Name"), 8, 28, 1, TEXT_ALIGN_LEFT},
    [COL_STATUS] = {N_("Status"), 10, 10, 0, TEXT_ALIGN_LEFT},
    [COL_EXPIRY] = {N_("Expiry"), 16, 16, 0, TEXT_ALIGN_LEFT},
    [COL_CREATED] = {N_("Created"), 7, 7, 0, TEXT_ALIGN_LEFT},
    [COL_SUMMARY] = {N_("Assigned"), 6, 0, 1, TEXT_ALIGN_LEFT},
};

/* Hybridbox invitations have no name: columns_named without COL_NAME,
 * filled by ui_panes_fit_columns. */
static struct ui_column columns_plain[COL_COUNT - 1];

/* The widest expiry (or created) cell in the user's language: the compact
 * durations with the most digits and units ("23h 59m", "9d 23h", "999d"),
 * both ways for an expiry, in the past for a creation. Older than 999 days
 * is cut with an ellipsis. */
static int widest_time(bool expiry, const char *title)
{
    static const long long spans[] = {59, 59 * 60, 23 * 3600 + 59 * 60, 9 * 86400 + 23 * 3600,
                                      999 * 86400};
    const time_t now = 1000000000;
    int w = text_width(_(title)) + 2; /* the sort arrow */
    struct strbuf sb;

    strbuf_init(&sb);
    for (size_t i = 0; i < ARRAY_SIZE(spans); i++)
        for (int sign = -1; sign <= (expiry ? 1 : -1); sign += 2) {
            time_t t = now + (time_t)(sign * spans[i]);
            strbuf_reset(&sb);
            if (expiry)
                timefmt_expiry(&sb, t, now);
            else
                timefmt_relative(&sb, t, now);
            if (text_width(sb.data) > w)
                w = text_width(sb.data);
        }
    strbuf_free(&sb);
    return w;
}

/* The status column holds "symbol word" in the user's language: as wide as
 * the widest translated word (German "angenommen"), so none is cut; the
 * times likewise ("il y a 64 j" was cut to "il y a 64…"). Runs once at
 * start-up, after i18n_init; the language does not change later. */
void ui_panes_fit_columns(void)
{
    struct ui_column *ex = &columns_named[COL_EXPIRY], *cr = &columns_named[COL_CREATED];
    int arrow = 2; /* " ↑" after the sorted column's title */

    ex->min_w = ex->max_w = widest_time(true, ex->title);
    cr->min_w = cr->max_w = widest_time(false, cr->title);
    int w = text_width(_(columns_named[COL_STATUS].title)) + arrow;

    for (int s = 0; s <= INV_STATUS_COUNT; s++) {
        struct invitation hint = {.status = INV_STATUS_EXPIRED, .status_computed = true};
        const char *word = s < INV_STATUS_COUNT ? inv_status_word((enum inv_status)s)
                                                : invitation_status_word(&hint);
        int ws = 2 + text_width(_(word));
        if (ws > w)
            w = ws;
    }
    if (w < 10)
        w = 10;
    columns_named[COL_STATUS].min_w = columns_named[COL_STATUS].max_w = w;
    for (size_t i = 0, j = 0; i < COL_COUNT; i++)
        if (i != COL_NAME)
            columns_plain[j++] = columns_named[i];
}

/* The tabs with counts; the current one in brackets (not only in colour). */
static void invitations_title(struct ui_app *app, const struct ui_view *v, struct strbuf *out)
{
    (void)v;
    /* First, where a narrow screen cannot cut it off: `can:` is the
     * command's name, which is also what clears it. */
    if (ui_can_capability(app)) {
        strbuf_puts(out, "can: ");
        cell_put(out, ui_can_capability(app));
        strbuf_puts(out, " \xe2\x94\x82");
    }
    for (int t = 0; t < UI_TAB_COUNT; t++) {
        bool cur = t == ui_list_tab(app);
        strbuf_printf(out, "%s%d %s %zu%s ", cur ? "[" : " ", t + 1, _(ui_tab_name(t)),
                      ui_list_tab_count(app, t), cur ? "]" : " ");
    }
    if (ui_list_search(app)) {
        strbuf_puts(out, " /");
        cell_put(out, ui_list_search(app));
    }

    /* TRANSLATORS: %s is a sort key: expiry, created, email or status. */
    strbuf_puts(out, "  ");
    strbuf_printf(out, _("sort: %s"), _(ui_sort_label(ui_list_sort(app))));
}

/* The sorted column's title carries an arrow: up ascending, down descending. */
static void invitations_header(struct ui_app *app, const struct ui_view *v, struct strbuf *cells)
{
    static const int col_of[STORE_SORT_COUNT] = {
        [STORE_SORT_EXPIRY] = COL_EXPIRY, [STORE_SORT_CREATED] = COL_CREATED,
        [STORE_SORT_EMAIL] = COL_EMAIL, [STORE_SORT_STATUS] = COL_STATUS};
    enum store_sort sort = ui_list_sort(app);
    int c = (unsigned)sort < STORE_SORT_COUNT ? col_of[sort] : -1;
    size_t shift = v->ops->ncolumns == COL_COUNT ? 0 : 1; /* Hybridbox: no name column */

    if (ui_can_capability(app)) {
        strbuf_reset(&cells[COL_SUMMARY - shift]);
        /* TRANSLATORS: the column `:can` shows: how the capability is
         * granted (direct, role, owner, group?) and through which key. */
        strbuf_puts(&cells[COL_SUMMARY - shift], _("Path"));
    }
    if (c < 0)
        return;
    if (v->ops->ncolumns != COL_COUNT && c > COL_NAME)
        c--; /* Hybridbox: no name column */
    strbuf_puts(&cells[c], ui_list_descending(app) ? " \xe2\x86\x93" : " \xe2\x86\x91");
}

static size_t invitations_count(struct ui_app *app, const struct ui_view *v)
{
    (void)v;
    return ui_list_count(app);
}

static void invitations_cells(struct ui_app *app, const struct ui_view *v, size_t row,
                              struct strbuf *cells, int *style)
{
    const struct invitation *inv = ui_list_row(app, row);
    bool named = v->ops->ncolumns == COL_COUNT;
    struct strbuf *c = cells;
    (void)style;

    if (!inv)
        return;
    /* Marks are a character, not only an attribute; the column is there
     * only while something in the account is marked. */
    if (store_mark_count(app->store, ui_list_account_id(app)) > 0)
        strbuf_puts(c, store_is_marked(app->store, ui_list_account_id(app), inv->id) ? "* " : "  ");
    strbuf_puts(c++, inv->shown.email);
    if (named)
        strbuf_puts(c++, inv->shown.name);
    /* A word, not a colour: the status shown may be stale until a reload. */
    if (ui_actions_row_unknown(app, inv->id))
        /* TRANSLATORS: a bulk result: the outcome is unknown (no answer came back). */
        strbuf_printf(c++, "? %s", _("unknown"));
    else
        strbuf_printf(c++, "%s %s", inv_status_symbol(inv->status),
                      _(invitation_status_word(inv)));
    if (inv->status != INV_STATUS_ACCEPTED)
        timefmt_expiry(c, inv->expires_at, app->now);
    c++;
    timefmt_relative(c++, inv->created_at, app->now);
    /* Under `:can` the last column says how the capability is granted. */
    if (ui_can_path(app, inv, c))
        return;
    /* Group ids read as names once the account's groups are loaded (the
     * summary and the names are display-safe already). */
    ui_group_names_apply(app, inv->account_id, inv->shown.summary, c);
}

/* A time column is as wide as its widest cell on the screen, at least its
 * title and the sort arrow, at most the widest text in the language
 * (ui_panes_fit_columns): German "vor 53 T" left seven columns of
 * "in 23 h 59 min" empty while the e-mail was cut. The e-mail takes what
 * they leave. Rows off the screen do not count: what is shown decides. */
static void fit_time(struct ui_app *app, const struct ui_view *v, struct ui_column *col,
                     bool expiry)
{
    size_t rows = (size_t)ui_view_content_rows(v), count = invitations_count(app, v);
    int w = text_width(_(col->title)) + 2; /* " ↑" */
    struct strbuf sb;

    strbuf_init(&sb);
    for (size_t r = v->top; r < count && r < v->top + rows && w < col->max_w; r++) {
        const struct invitation *inv = ui_list_row(app, r);
        strbuf_reset(&sb);
        if (inv && expiry && inv->status != INV_STATUS_ACCEPTED)
            timefmt_expiry(&sb, inv->expires_at, app->now);
        else if (inv && !expiry)
            timefmt_relative(&sb, inv->created_at, app->now);
        if (text_width(sb.data) > w)
            w = text_width(sb.data);
    }
    strbuf_free(&sb);
    if (w < col->max_w)
        col->min_w = col->max_w = w;
}

/* Under `:can` the created column makes room for the path, and the e-mail
 * is cut last: it gets its widest cell on the screen first, the path what
 * is left up to its own widest cell (a long group id is what gets cut). */
static void fit_path(struct ui_app *app, const struct ui_view *v, struct ui_column *cols,
                     size_t n, size_t created, int total, int *out)
{
    size_t rows = (size_t)ui_view_content_rows(v), count = invitations_count(app, v);
    int pw = text_width(_("Path")), ew = 0;
    int mark = store_mark_count(app->store, ui_list_account_id(app)) > 0 ? 2 : 0;
    struct strbuf sb;

    strbuf_init(&sb);
    for (size_t r = v->top; r < count && r < v->top + rows; r++) {
        const struct invitation *inv = ui_list_row(app, r);
        strbuf_reset(&sb);
        if (inv && ui_can_path(app, inv, &sb) && text_width(sb.data) > pw)
            pw = text_width(sb.data);
        if (inv && mark + text_width(inv->shown.email) > ew)
            ew = mark + text_width(inv->shown.email);
    }
    strbuf_free(&sb);
    cols[n - 1].min_w = text_width(_("Path")) > 6 ? text_width(_("Path")) : 6;
    cols[n - 1].max_w = pw;
    cols[n - 1].weight = 0;
    memmove(&cols[created], &cols[created + 1], (n - created - 1) * sizeof(*cols));
    ui_column_widths(cols, n - 1, total, out);
    memmove(&out[created + 1], &out[created], (n - created - 1) * sizeof(*out));
    out[created] = 0;
    int spare = out[COL_EMAIL] - ew, more = pw - out[n - 1];
    if (spare > 0 && more > 0 && out[n - 1] > 0) {
        int give = spare < more ? spare : more;
        out[COL_EMAIL] -= give;
        out[n - 1] += give;
    }
}

static void invitations_widths(struct ui_app *app, const struct ui_view *v, int total, int *out)
{
    struct ui_column cols[COL_COUNT];
    size_t n = v->ops->ncolumns;
    size_t shift = n == COL_COUNT ? 0 : 1; /* Hybridbox: no name column */

    memcpy(cols, v->ops->columns, n * sizeof *cols);
    fit_time(app, v, &cols[COL_EXPIRY - shift], true);
    fit_time(app, v, &cols[COL_CREATED - shift], false);
    if (ui_can_capability(app))
        fit_path(app, v, cols, n, COL_CREATED - shift, total, out);
    else
        ui_column_widths(cols, n, total, out);
}

static void invitations_select(struct ui_app *app, struct ui_view *v)
{
    const struct invitation *inv = ui_list_row(app, v->sel);

    ui_list_select(app, inv ? inv->id : NULL);
    ui_app_mark(app, UI_DIRTY_DETAIL);
}

static bool invitations_handle(struct ui_app *app, struct ui_view *v, enum ui_cmd cmd, int arg)
{
    (void)v;
    (void)arg;
    if (cmd != UI_CMD_OPEN || !ui_selected_invitation(app))
        return false;
    ui_app_focus(app, UI_PANE_DETAIL);
    return true;
}

static const char *invitations_empty(struct ui_app *app, const struct ui_view *v)
{
    const char *account_id = ui_list_account_id(app);

    (void)v;
    if (!account_id)
        return _("Choose an account on the left (Enter opens it)");
    if (ui_list_invitations_loading(app) && !store_loaded(app->store, account_id))
        return _("Loading\xe2\x80\xa6");
    if (ui_can_capability(app))
        return _("No invitation matches (:can alone shows all again, Esc clears the filter)");
    if (ui_list_search(app) || ui_list_tab(app) != STORE_TAB_ALL)
        return _("No invitation matches (Esc clears the filter, 1 shows all)");
    return _("No invitations");
}

const struct ui_view_ops ui_invitations_ops = {
    .name = "invitations",
    .scope = UI_SCOPE_INVITATIONS,
    .columns = columns_plain,
    .ncolumns = ARRAY_SIZE(columns_plain),
    .title = invitations_title,
    .row_count = invitations_count,
    .row_cells = invitations_cells,
    .handle = invitations_handle,
    .select = invitations_select,
    .header_mark = invitations_header,
    .column_widths = invitations_widths,
    .empty = invitations_empty,
};

const struct ui_view_ops ui_invitations_named_ops = {
    .name = "invitations",
    .scope = UI_SCOPE_INVITATIONS,
    .columns = columns_named,
    .ncolumns = ARRAY_SIZE(columns_named),
    .title = invitations_title,
    .row_count = invitations_count,
    .row_cells = invitations_cells,
    .handle = invitations_handle,
    .select = invitations_select,
    .header_mark = invitations_header,
    .column_widths = invitations_widths,
    .empty = invitations_empty,
};
