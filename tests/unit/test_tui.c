#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/ui_commands.h"
#include "invitui/ui_layout.h"
#include "invitui/ui_term.h"

/* ---- layout ---- */

static bool inside(const struct ui_rect *r, int cols, int rows)
{
    return r->x >= 0 && r->y >= 0 && r->x + r->w <= cols && r->y + r->h <= rows;
}

static bool overlap(const struct ui_rect *a, const struct ui_rect *b)
{
    if (!a->h || !a->w || !b->h || !b->w)
        return false;
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void check_sane(const struct ui_layout *l)
{
    const struct ui_rect *all[] = {&l->header, &l->pane[0], &l->pane[1], &l->pane[2],
                                   &l->keyline, &l->status};
    for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
        assert_true(inside(all[i], l->cols, l->rows));
        for (size_t j = i + 1; j < ARRAY_SIZE(all); j++)
            assert_false(overlap(all[i], all[j]));
    }
    assert_int_equal(l->header.y, 0);
    assert_int_equal(l->status.y, l->rows - 1);
    assert_int_equal(l->keyline.y, l->rows - 2);
}

static void layout_80_stacks(void **state)
{
    struct ui_layout l;
    (void)state;

    ui_layout_compute(&l, 80, 24, UI_PANE_ACCOUNTS);
    check_sane(&l);
    assert_true(l.stacked);
    assert_true(ui_layout_visible(&l, UI_PANE_ACCOUNTS));
    assert_false(ui_layout_visible(&l, UI_PANE_INVITATIONS));
    assert_int_equal(l.pane[UI_PANE_ACCOUNTS].w, 80);

    ui_layout_compute(&l, 80, 24, UI_PANE_INVITATIONS);
    check_sane(&l);
    assert_false(ui_layout_visible(&l, UI_PANE_ACCOUNTS));
    assert_true(ui_layout_visible(&l, UI_PANE_INVITATIONS));
    assert_true(ui_layout_visible(&l, UI_PANE_DETAIL));
    assert_int_equal(l.pane[UI_PANE_INVITATIONS].w, 80);

    /* Too low for two panes: only the focused one. */
    ui_layout_compute(&l, 80, 15, UI_PANE_DETAIL);
    check_sane(&l);
    assert_false(ui_layout_visible(&l, UI_PANE_INVITATIONS));
    assert_true(ui_layout_visible(&l, UI_PANE_DETAIL));
}

/* The accounts pane shrinks to its content; the table gets the columns. */
static void layout_fit_accounts(void **state)
{
    struct ui_layout l, before;
    (void)state;

    ui_layout_compute(&before, 120, 40, UI_PANE_INVITATIONS);
    l = before;
    ui_layout_fit_accounts(&l, 19);
    check_sane(&l);
    assert_int_equal(l.pane[UI_PANE_ACCOUNTS].w, 19);
    assert_int_equal(l.pane[UI_PANE_INVITATIONS].x, 20);
    assert_int_equal(l.pane[UI_PANE_INVITATIONS].x + l.pane[UI_PANE_INVITATIONS].w,
                     before.pane[UI_PANE_INVITATIONS].x + before.pane[UI_PANE_INVITATIONS].w);
    assert_int_equal(l.pane[UI_PANE_DETAIL].x, 20);
    /* Never wider than the layout made it, never below the minimum. */
    l = before;
    ui_layout_fit_accounts(&l, 200);
    assert_memory_equal(&l, &before, sizeof(l));
    ui_layout_fit_accounts(&l, 1);
    assert_int_equal(l.pane[UI_PANE_ACCOUNTS].w, UI_ACCOUNTS_MIN_W);
    /* Side by side: the detail keeps its place and width. */
    ui_layout_compute(&before, 160, 45, UI_PANE_INVITATIONS);
    l = before;
    ui_layout_fit_accounts(&l, 19);
    check_sane(&l);
    assert_int_equal(l.pane[UI_PANE_DETAIL].x, before.pane[UI_PANE_DETAIL].x);
    assert_int_equal(l.pane[UI_PANE_DETAIL].w, before.pane[UI_PANE_DETAIL].w);
    /* Stacked: nothing to give. */
    ui_layout_compute(&before, 80, 24, UI_PANE_ACCOUNTS);
    l = before;
    ui_layout_fit_accounts(&l, 19);
    assert_memory_equal(&l, &before, sizeof(l));
}

static void layout_99_still_stacks_100_does_not(void **state)
{
    struct ui_layout l;
    (void)state;

    ui_layout_compute(&l, 99, 40, UI_PANE_INVITATIONS);
    check_sane(&l);
    assert_true(l.stacked);
    assert_false(ui_layout_visible(&l, UI_PANE_ACCOUNTS));

    ui_layout_compute(&l, 100, 40, UI_PANE_INVITATIONS);
    check_sane(&l);
    assert_false(l.stacked);
    assert_false(l.side_by_side);
    for (int p = 0; p < UI_PANE_COUNT; p++)
        assert_true(ui_layout_visible(&l, (enum ui_pane)p));
    /* Accounts on the left, table above the detail on the right. */
    assert_true(l.pane[UI_PANE_ACCOUNTS].x + l.pane[UI_PANE_ACCOUNTS].w <
                l.pane[UI_PANE_INVITATIONS].x);
    assert_int_equal(l.pane[UI_PANE_DETAIL].x, l.pane[UI_PANE_INVITATIONS].x);
    assert_int_equal(l.pane[UI_PANE_DETAIL].y,
                     l.pane[UI_PANE_INVITATIONS].y + l.pane[UI_PANE_INVITATIONS].h);
    /* Focus does not change the wide layout. */
    struct ui_layout l2;
    ui_layout_compute(&l2, 100, 40, UI_PANE_ACCOUNTS);
    assert_memory_equal(&l, &l2, sizeof(l));
}

static void layout_160_side_by_side(void **state)
{
    struct ui_layout l;
    (void)state;

    ui_layout_compute(&l, 160, 50, UI_PANE_DETAIL);
    check_sane(&l);
    assert_true(l.side_by_side);
    assert_int_equal(l.pane[UI_PANE_INVITATIONS].h, l.pane[UI_PANE_DETAIL].h);
    assert_true(l.pane[UI_PANE_INVITATIONS].x + l.pane[UI_PANE_INVITATIONS].w <
                l.pane[UI_PANE_DETAIL].x);
    assert_int_equal(l.pane[UI_PANE_DETAIL].x + l.pane[UI_PANE_DETAIL].w, 160);
}

static void layout_too_small(void **state)
{
    struct ui_layout l;
    (void)state;

    ui_layout_compute(&l, 20, 5, UI_PANE_ACCOUNTS);
    assert_true(l.too_small);
    for (int p = 0; p < UI_PANE_COUNT; p++)
        assert_false(ui_layout_visible(&l, (enum ui_pane)p));
}

static void column_widths_share_and_drop(void **state)
{
    static const struct ui_column cols[] = {
        {"a", 10, 0, 2, TEXT_ALIGN_LEFT},
        {"b", 5, 8, 1, TEXT_ALIGN_LEFT},
        {"c", 6, 6, 0, TEXT_ALIGN_LEFT},
    };
    int w[3];
    (void)state;

    ui_column_widths(cols, 3, 40, w);
    assert_int_equal(w[0] + w[1] + w[2] + 2, 40);
    assert_int_equal(w[1], 8);
    assert_int_equal(w[2], 6);
    ui_column_widths(cols, 3, 17, w); /* 10 + 1 + 5 = 16: c is dropped */
    assert_int_equal(w[2], 0);
    assert_int_equal(w[0] + w[1] + 1, 17);
    ui_column_widths(cols, 3, 4, w);
    assert_int_equal(w[0], 0);
}

static void wrap_words_and_wide_characters(void **state)
{
    struct strvec v = {0};
    (void)state;

    ui_wrap("alpha beta gamma", 11, &v);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.v[0], "alpha beta ");
    assert_string_equal(v.v[1], "gamma");
    strvec_free(&v);

    ui_wrap("abcdefghij", 4, &v); /* no space: cut */
    assert_int_equal(v.n, 3);
    assert_string_equal(v.v[2], "ij");
    strvec_free(&v);

    /* Two columns per character: never split one, never pass the width. */
    ui_wrap("\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e", 3, &v);
    assert_int_equal(v.n, 4);
    for (size_t i = 0; i < v.n; i++)
        assert_true(text_width(v.v[i]) <= 3);
    strvec_free(&v);

    ui_wrap("one\ntwo", 40, &v);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.v[1], "two");
    strvec_free(&v);

    ui_wrap("", 10, &v);
    assert_int_equal(v.n, 1);
    strvec_free(&v);
}

/* ---- commands and keys ---- */

static void commands_have_names_and_help(void **state)
{
    (void)state;
    for (int i = 0; i < UI_CMD_COUNT; i++) {
        const struct ui_command_info *c = ui_command_info((enum ui_cmd)i);
        assert_non_null(c);
        assert_true(c->name && *c->name);
        assert_true(c->help && *c->help);
        assert_true(c->label && *c->label);
        /* Every named command is found by its own name. */
        if (!(c->flags & UI_CMD_NONAME))
            assert_int_equal(ui_command_by_name(c->name), i);
    }
    assert_null(ui_command_info(UI_CMD_COUNT));
}

static void command_lookup_by_prefix(void **state)
{
    (void)state;
    assert_int_equal(ui_command_by_name("quit"), UI_CMD_QUIT);
    assert_int_equal(ui_command_by_name("q"), UI_CMD_QUIT);
    assert_int_equal(ui_command_by_name("pro"), UI_CMD_PROFILE);
    assert_int_equal(ui_command_by_name("ref"), UI_CMD_REFRESH);
    /* "re" is both refresh and resend. */
    assert_int_equal(ui_command_by_name("re"), UI_CMD_NONE);
    assert_int_equal(ui_command_by_name("sort"), UI_CMD_SORT);
    assert_int_equal(ui_command_by_name("nonsense"), UI_CMD_NONE);
    assert_int_equal(ui_command_by_name(""), UI_CMD_NONE);
    /* Navigation has no `:` name. */
    assert_int_equal(ui_command_by_name("up"), UI_CMD_NONE);
}

static void command_completion(void **state)
{
    (void)state;
    assert_string_equal(ui_command_complete("pro", 0), "profile");
    assert_null(ui_command_complete("pro", 1));
    const char *a = ui_command_complete("re", 0), *b = ui_command_complete("re", 1);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_not_equal(a, b);
    assert_null(ui_command_complete("zz", 0));
}

static void no_duplicate_key_in_a_scope(void **state)
{
    size_t n;
    const struct ui_key_binding *k = ui_default_keys(&n);
    (void)state;

    assert_true(n > 20);
    for (size_t i = 0; i < n; i++) {
        assert_true(k[i].cmd >= 0 && k[i].cmd < UI_CMD_COUNT);
        for (size_t j = i + 1; j < n; j++)
            if (k[i].scope == k[j].scope && k[i].key == k[j].key)
                fail_msg("key %d bound twice in scope %d", k[i].key, k[i].scope);
    }
}

static void keys_resolve_by_scope(void **state)
{
    const struct ui_key_binding *b;
    (void)state;

    b = ui_key_lookup(UI_SCOPE_INVITATIONS, 'j');
    assert_non_null(b);
    assert_int_equal(b->cmd, UI_CMD_DOWN);
    b = ui_key_lookup(UI_SCOPE_ACCOUNTS, '3');
    assert_int_equal(b->cmd, UI_CMD_TAB);
    assert_int_equal(b->arg, 2);
    /* q quits in a pane but closes a view over it. */
    assert_int_equal(ui_key_lookup(UI_SCOPE_DETAIL, 'q')->cmd, UI_CMD_QUIT);
    assert_int_equal(ui_key_lookup(UI_SCOPE_HELP, 'q')->cmd, UI_CMD_CLOSE);
    assert_int_equal(ui_key_lookup(UI_SCOPE_CONFIRM, 'q')->cmd, UI_CMD_DECLINE);
    /* A dialog scrolls and offers help, but does not switch tabs. */
    assert_int_equal(ui_key_lookup(UI_SCOPE_JOURNAL, KEY_NPAGE)->cmd, UI_CMD_PAGE_DOWN);
    assert_int_equal(ui_key_lookup(UI_SCOPE_CONFIRM, '?')->cmd, UI_CMD_HELP);
    assert_null(ui_key_lookup(UI_SCOPE_MESSAGE, '3'));
    assert_null(ui_key_lookup(UI_SCOPE_CONFIRM, 'r'));
    /* The line editor takes everything but its own keys. */
    assert_null(ui_key_lookup(UI_SCOPE_INPUT, 'j'));
    assert_int_equal(ui_key_lookup(UI_SCOPE_INPUT, UI_KEY_ESC)->cmd, UI_CMD_DECLINE);
    /* The action keys apply in the table, and are write commands. */
    assert_int_equal(ui_key_lookup(UI_SCOPE_INVITATIONS, 'r')->cmd, UI_CMD_RESEND);
    assert_int_equal(ui_key_lookup(UI_SCOPE_INVITATIONS, 'n')->cmd, UI_CMD_SEND_NEW);
    assert_null(ui_key_lookup(UI_SCOPE_ACCOUNTS, 'r'));
    assert_true(ui_command_info(UI_CMD_RESEND)->flags & UI_CMD_WRITE);
    assert_false(ui_command_info(UI_CMD_RESEND)->flags & UI_CMD_RESERVED);
    assert_int_equal(ui_key_lookup(UI_SCOPE_INVITATIONS, ' ')->cmd, UI_CMD_MARK);
    assert_null(ui_key_lookup(UI_SCOPE_ACCOUNTS, 'x'));
    assert_int_equal(ui_key_for(UI_SCOPE_DETAIL, UI_CMD_FILTER), '/');
}

/* The key line's key column: the first key, "/Esc" when Esc does the
 * same, a range for the tabs, nothing for a key that does not act there. */
static void key_labels_from_the_table(void **state)
{
    char buf[32];
    (void)state;

    ui_key_label(UI_SCOPE_HELP, UI_CMD_CLOSE, buf, sizeof(buf));
    assert_string_equal(buf, "q/Esc");
    ui_key_label(UI_SCOPE_CONFIRM, UI_CMD_DECLINE, buf, sizeof(buf));
    assert_string_equal(buf, "n/Esc");
    ui_key_label(UI_SCOPE_INVITATIONS, UI_CMD_TAB, buf, sizeof(buf));
    assert_string_equal(buf, "1-5");
    ui_key_label(UI_SCOPE_DETAIL, UI_CMD_OPEN, buf, sizeof(buf));
    assert_string_equal(buf, "Enter");
    ui_key_label(UI_SCOPE_CONFIRM, UI_CMD_TAB, buf, sizeof(buf));
    assert_string_equal(buf, "");
    ui_key_label(UI_SCOPE_ACCOUNTS, UI_CMD_RESEND, buf, sizeof(buf));
    assert_string_equal(buf, "");
}

static size_t index_of(const enum ui_cmd *v, size_t n, enum ui_cmd c)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == c)
            return i;
    return SIZE_MAX;
}

/* The key line of a scope: only what acts there, the most useful first. */
static void keyline_commands_by_scope(void **state)
{
    enum ui_cmd c[UI_CMD_COUNT];
    size_t n;
    (void)state;

    n = ui_keyline_commands(UI_SCOPE_CONFIRM, c, UI_CMD_COUNT);
    assert_int_equal(c[0], UI_CMD_CONFIRM);
    assert_true(index_of(c, n, UI_CMD_LOCALE) < index_of(c, n, UI_CMD_DECLINE));
    assert_int_equal(index_of(c, n, UI_CMD_QUIT), SIZE_MAX);
    assert_int_equal(index_of(c, n, UI_CMD_RESEND), SIZE_MAX);
    n = ui_keyline_commands(UI_SCOPE_INVITATIONS, c, UI_CMD_COUNT);
    assert_true(index_of(c, n, UI_CMD_RESEND) < index_of(c, n, UI_CMD_QUIT));
    assert_int_equal(index_of(c, n, UI_CMD_CLOSE), SIZE_MAX);
    /* k9s habits: create, mark, journal and error are on it, in that order,
     * and create and mark before help and quit (they must fit at 80). */
    assert_true(index_of(c, n, UI_CMD_SEND_NEW) < index_of(c, n, UI_CMD_CREATE));
    assert_true(index_of(c, n, UI_CMD_CREATE) < index_of(c, n, UI_CMD_MARK));
    assert_true(index_of(c, n, UI_CMD_MARK) < index_of(c, n, UI_CMD_HELP));
    assert_true(index_of(c, n, UI_CMD_QUIT) < index_of(c, n, UI_CMD_JOURNAL));
    assert_true(index_of(c, n, UI_CMD_JOURNAL) < index_of(c, n, UI_CMD_SHOW_ERROR));
    assert_true(index_of(c, n, UI_CMD_SHOW_ERROR) < index_of(c, n, UI_CMD_NEXT_PANE));
    n = ui_keyline_commands(UI_SCOPE_ACCOUNTS, c, UI_CMD_COUNT);
    assert_int_equal(index_of(c, n, UI_CMD_RESEND), SIZE_MAX);
    /* A dialog's own keys come before help, which falls through. */
    n = ui_keyline_commands(UI_SCOPE_MESSAGE, c, UI_CMD_COUNT);
    assert_true(index_of(c, n, UI_CMD_COPY) < index_of(c, n, UI_CMD_HELP));
    n = ui_keyline_commands(UI_SCOPE_RESULTS, c, UI_CMD_COUNT);
    assert_true(index_of(c, n, UI_CMD_RETRY_FAILED) < index_of(c, n, UI_CMD_CLOSE));
}

/* Whether lines has a help line for key name and sentence help. */
static bool help_has(const struct strvec *lines, const char *name, const char *help)
{
    for (size_t i = 0; i < lines->n; i++) {
        const char *l = lines->v[i];
        const char *h = strstr(l, help);
        if (!h)
            continue;
        /* The key column is the words before the sentence. */
        char *keys = xstrndup(l, (size_t)(h - l));
        bool found = false;
        for (char *w = keys, *end; *w; w = end) {
            w += strspn(w, " ");
            end = w + strcspn(w, " ");
            if ((size_t)(end - w) == strlen(name) && strncmp(w, name, strlen(name)) == 0)
                found = true;
        }
        free(keys);
        if (found)
            return true;
    }
    return false;
}

/* `?` in any view lists every key that acts there: walk the whole table
 * against each scope's help lines; keys that do not act there are not
 * listed (a dialog's help has no tab keys). */
static void help_lists_every_key_of_every_scope(void **state)
{
    size_t n;
    const struct ui_key_binding *k = ui_default_keys(&n);
    char name[16];
    (void)state;

    for (int s = UI_SCOPE_GLOBAL + 1; s < UI_SCOPE_COUNT; s++) {
        struct strvec lines = {0};
        ui_help_lines((enum ui_scope)s, &lines);
        for (size_t i = 0; i < n; i++) {
            bool acts = ui_key_lookup((enum ui_scope)s, k[i].key) == &k[i];
            const char *help = ui_command_info(k[i].cmd)->help;
            ui_key_name(k[i].key, name, sizeof(name));
            if (acts && !help_has(&lines, name, help))
                fail_msg("scope %d: help lacks key %s (%s)", s, name, help);
            if (!acts && k[i].scope == UI_SCOPE_GLOBAL && !ui_key_lookup((enum ui_scope)s, k[i].key)
                && help_has(&lines, name, help))
                fail_msg("scope %d: help lists key %s, which does nothing there", s, name);
        }
        strvec_free(&lines);
    }
}

static void key_names(void **state)
{
    char buf[16];
    (void)state;

    assert_string_equal(ui_key_name('j', buf, sizeof(buf)), "j");
    assert_string_equal(ui_key_name(KEY_NPAGE, buf, sizeof(buf)), "PgDn");
    assert_string_equal(ui_key_name('\n', buf, sizeof(buf)), "Enter");
    assert_string_equal(ui_key_name(UI_KEY_CTRL('r'), buf, sizeof(buf)), "^R");
    assert_string_equal(ui_key_name(' ', buf, sizeof(buf)), "Space");
}

static void tabs_by_name(void **state)
{
    (void)state;
    assert_int_equal(ui_tab_by_name("pending"), 1);
    assert_int_equal(ui_tab_by_name("exp"), 2);
    assert_int_equal(ui_tab_by_name("3"), 2);
    assert_int_equal(ui_tab_by_name("a"), -1); /* all / accepted */
    assert_int_equal(ui_tab_by_name("zzz"), -1);
    assert_string_equal(ui_tab_name(4), "other");
}

static void base64_for_osc52(void **state)
{
    char out[64];
    (void)state;

    assert_int_equal(ui_base64((const unsigned char *)"", 0, out, sizeof(out)), 0);
    ui_base64((const unsigned char *)"f", 1, out, sizeof(out));
    assert_string_equal(out, "Zg==");
    ui_base64((const unsigned char *)"fo", 2, out, sizeof(out));
    assert_string_equal(out, "Zm8=");
    ui_base64((const unsigned char *)"foobar", 6, out, sizeof(out));
    assert_string_equal(out, "Zm9vYmFy");
    assert_int_equal(ui_base64((const unsigned char *)"foobar", 6, out, 8), 0);
    /* Longer than the cap: refused before any terminal is opened. */
    char *big = calloc(UI_OSC52_MAX + 1, 1);
    memset(big, 'a', UI_OSC52_MAX + 1);
    assert_int_equal(ui_term_osc52(big, UI_OSC52_MAX + 1), -1);
    free(big);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout_80_stacks),
        cmocka_unit_test(layout_fit_accounts),
        cmocka_unit_test(layout_99_still_stacks_100_does_not),
        cmocka_unit_test(layout_160_side_by_side),
        cmocka_unit_test(layout_too_small),
        cmocka_unit_test(column_widths_share_and_drop),
        cmocka_unit_test(wrap_words_and_wide_characters),
        cmocka_unit_test(commands_have_names_and_help),
        cmocka_unit_test(command_lookup_by_prefix),
        cmocka_unit_test(command_completion),
        cmocka_unit_test(no_duplicate_key_in_a_scope),
        cmocka_unit_test(keys_resolve_by_scope),
        cmocka_unit_test(key_names),
        cmocka_unit_test(key_labels_from_the_table),
        cmocka_unit_test(keyline_commands_by_scope),
        cmocka_unit_test(help_lists_every_key_of_every_scope),
        cmocka_unit_test(tabs_by_name),
        cmocka_unit_test(base64_for_osc52),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
