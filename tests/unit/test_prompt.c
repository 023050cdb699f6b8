/* The readline bridge on a real ncurses screen: newterm() with output to /dev/null and input
 * from a pipe (so an ESC followed by a waiting key can be tested), at a fixed size. Keys go in
 * through prompt_feed_key() as the UI loop would pass them. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "invitui/prompt.h"
#include "invitui/sanitize.h"
#include "invitui/util.h"

static SCREEN *screen;
static FILE *term_in, *term_out;
static int in_pipe[2];
static WINDOW *win;       /* 40 columns */
static char tmpdir[64];

static void type(struct prompt *p, const wchar_t *s)
{
    for (; *s; s++)
        assert_int_equal(prompt_feed_key(p, (wint_t)*s, false), PROMPT_CONTINUE);
}

static enum prompt_result key(struct prompt *p, int code)
{
    return prompt_feed_key(p, (wint_t)code, true);
}

static int cursor_x(struct prompt *p)
{
    prompt_draw(p);
    return getcurx(win);
}

/* The window's first line as UTF-8, trailing blanks removed. */
static char *row_text(WINDOW *w)
{
    static char buf[512];
    memset(buf, 0, sizeof buf);
    assert_true(mvwinnstr(w, 0, 0, buf, (int)sizeof buf - 1) >= 0);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == ' ')
        buf[--n] = '\0';
    return buf;
}

static void utf8_text_and_cursor_columns(void **state)
{
    (void)state;
    struct prompt *p = prompt_start(win, "> ", NULL);
    assert_non_null(p);
    type(p, L"Zo\u00eb");
    assert_string_equal(prompt_line(p), "Zo\xC3\xAB");
    assert_int_equal(prompt_point(p), 4);        /* bytes */
    assert_int_equal(prompt_cursor_cols(p), 3);  /* columns */
    assert_int_equal(cursor_x(p), 5);
    assert_string_equal(row_text(win), "> Zo\xC3\xAB");
    key(p, KEY_LEFT);
    assert_int_equal(prompt_point(p), 2);
    assert_int_equal(cursor_x(p), 4);
    key(p, KEY_HOME);
    assert_int_equal(cursor_x(p), 2);
    key(p, KEY_END);
    assert_int_equal(cursor_x(p), 5);
    /* CJK: two columns each */
    type(p, L" \u65e5\u672c");
    assert_int_equal(prompt_cursor_cols(p), 8);
    assert_int_equal(cursor_x(p), 10);
    key(p, KEY_LEFT);
    assert_int_equal(cursor_x(p), 8);
    key(p, KEY_BACKSPACE);
    assert_string_equal(prompt_line(p), "Zo\xC3\xAB \xE6\x9C\xAC");
    key(p, KEY_HOME);
    key(p, KEY_DC);
    assert_string_equal(prompt_line(p), "o\xC3\xAB \xE6\x9C\xAC");
    assert_int_equal(cursor_x(p), 2);
    /* a control typed with Ctrl-V is kept in the line but drawn as one U+FFFD, and the cursor
     * column agrees with what is drawn */
    key(p, KEY_END);
    assert_int_equal(prompt_feed_bytes(p, "\x16\x1b[2J", 6), PROMPT_CONTINUE);
    assert_string_equal(prompt_line(p), "o\xC3\xAB \xE6\x9C\xAC\x1b[2J");
    assert_int_equal(cursor_x(p), 2 + 5 + 4);
    assert_string_equal(row_text(win), "> o\xC3\xAB \xE6\x9C\xAC\xEF\xBF\xBD[2J");
    prompt_end(p);
}

static void long_line_scrolls_without_splitting(void **state)
{
    (void)state;
    WINDOW *narrow = newwin(1, 20, 2, 0);
    struct prompt *p = prompt_start(narrow, "> ", NULL);
    assert_non_null(p);
    for (int i = 0; i < 12; i++)
        type(p, L"\u65e5");
    prompt_draw(p);
    /* 24 columns of text in 18: the cursor stays in the window, in its last column */
    assert_int_equal(getcurx(narrow), 19);
    char *row = row_text(narrow);
    assert_true(text_width(row) <= 20);
    assert_int_equal(strncmp(row, "> ", 2), 0);
    /* the character half cut by the left edge shows as a blank, never as a split glyph */
    assert_string_equal(row + 2, " \xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5"
                                 "\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5");
    key(p, KEY_HOME);
    prompt_draw(p);
    assert_int_equal(getcurx(narrow), 2);
    assert_string_equal(row_text(narrow), "> \xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5"
                                          "\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5"
                                          "\xE6\x97\xA5");
    prompt_end(p);
    delwin(narrow);
}

static void enter_accepts_and_prefill(void **state)
{
    (void)state;
    struct prompt_options opt = {.initial = "pre"};
    struct prompt *p = prompt_start(win, "Filter: ", &opt);
    assert_string_equal(prompt_line(p), "pre");
    assert_int_equal(prompt_point(p), 3);
    assert_null(prompt_start(win, "second", NULL)); /* readline is global: one at a time */
    type(p, L"x");
    assert_null(prompt_take_result(p));
    assert_int_equal(prompt_feed_key(p, L'\r', false), PROMPT_DONE);
    assert_string_equal(prompt_line(p), "prex");
    assert_int_equal(prompt_feed_key(p, L'y', false), PROMPT_DONE); /* ignored now */
    char *r = prompt_take_result(p);
    assert_string_equal(r, "prex");
    free(r);
    assert_null(prompt_take_result(p));
    prompt_end(p);

    p = prompt_start(win, "> ", NULL);
    assert_int_equal(prompt_feed_bytes(p, "Zo\xC3\xAB\r", 5), PROMPT_DONE);
    r = prompt_take_result(p);
    assert_string_equal(r, "Zo\xC3\xAB");
    free(r);
    prompt_end(p);
}

static void escape_cancels_meta_moves(void **state)
{
    (void)state;
    struct prompt *p = prompt_start(win, "> ", NULL);
    type(p, L"foo bar");
    /* ESC with a key already waiting is Meta: ESC b = backward-word */
    assert_int_equal(write(in_pipe[1], "b", 1), 1);
    assert_int_equal(prompt_feed_key(p, 27, false), PROMPT_CONTINUE);
    assert_int_equal(prompt_point(p), 4);
    /* a lone ESC cancels */
    assert_int_equal(prompt_feed_key(p, 27, false), PROMPT_CANCELLED);
    assert_null(prompt_take_result(p));
    assert_int_equal(prompt_feed_key(p, L'x', false), PROMPT_CANCELLED);
    prompt_end(p);

    /* A resize right behind a lone ESC: the ESC still cancels, and the resize
     * is left for the UI loop (it was once taken for Alt+key and lost). */
    p = prompt_start(win, "> ", NULL);
    type(p, L"kept?");
    assert_int_equal(ungetch(KEY_RESIZE), OK);
    assert_int_equal(prompt_feed_key(p, 27, false), PROMPT_CANCELLED);
    wint_t next = 0;
    bool was_nodelay = is_nodelay(win);
    nodelay(win, TRUE);
    assert_int_equal(wget_wch(win, &next), KEY_CODE_YES);
    nodelay(win, was_nodelay);
    assert_int_equal(next, KEY_RESIZE);
    prompt_end(p);

    /* Ctrl-D on an empty line cancels too; prompt_end on a live prompt is fine */
    p = prompt_start(win, "> ", NULL);
    assert_int_equal(prompt_feed_key(p, 4, false), PROMPT_CANCELLED);
    prompt_end(p);
    p = prompt_start(win, "> ", NULL);
    type(p, L"half");
    prompt_end(p);
}

static void complete_words(const char *line, int *start, int end, struct strvec *out, void *ctx)
{
    static const char *const cands[] = {"france", "frankfurt", "germany"};
    int *calls = ctx;
    (void)line;

    (*calls)++;
    for (size_t i = 0; i < ARRAY_SIZE(cands); i++)
        if (strncmp(cands[i], line + *start, (size_t)(end - *start)) == 0)
            strvec_push(out, cands[i]);
}

/* After "open ", the rest of the line is one name that may hold spaces. */
static void complete_names(const char *line, int *start, int end, struct strvec *out, void *ctx)
{
    static const char *const cands[] = {"Acme Corp", "Acme Co-op", "Zenith Ltd"};
    (void)ctx;

    if (*start == 0)
        return;
    *start = 5;
    for (size_t i = 0; i < ARRAY_SIZE(cands); i++)
        if (strncasecmp(cands[i], line + *start, (size_t)(end - *start)) == 0)
            strvec_push(out, cands[i]);
}

static void completion_of_names_with_spaces(void **state)
{
    (void)state;
    struct prompt_options opt = {.complete = complete_names};
    struct prompt *p = prompt_start(win, "> ", &opt);
    type(p, L"open acme c");
    type(p, L"\t");
    /* the whole name is the word: the shared part replaces it, in the names' case */
    assert_string_equal(prompt_line(p), "open Acme Co");
    const struct strvec *m = prompt_matches(p);
    assert_int_equal(m->n, 2);
    assert_string_equal(m->v[0], "Acme Corp");
    assert_string_equal(m->v[1], "Acme Co-op");
    type(p, L"\t"); /* again: same list, line unchanged */
    assert_string_equal(prompt_line(p), "open Acme Co");
    assert_int_equal(prompt_matches(p)->n, 2);
    type(p, L"r\t");
    assert_string_equal(prompt_line(p), "open Acme Corp");
    assert_int_equal(prompt_matches(p)->n, 0);
    type(p, L"\x1f"); /* undo takes the completion back in one step */
    assert_string_equal(prompt_line(p), "open Acme Cor");
    type(p, L"x\t"); /* no candidate: nothing changes */
    assert_string_equal(prompt_line(p), "open Acme Corx");
    prompt_end(p);
}

static void tab_completion_fills_popup(void **state)
{
    int calls = 0;
    (void)state;
    struct prompt_options opt = {.complete = complete_words, .complete_ctx = &calls};
    struct prompt *p = prompt_start(win, "> ", &opt);
    type(p, L"go fr");
    type(p, L"\t");
    assert_int_equal(calls, 1);
    /* the common prefix is inserted and both candidates are kept for the popup */
    assert_string_equal(prompt_line(p), "go fran");
    const struct strvec *m = prompt_matches(p);
    assert_int_equal(m->n, 2);
    assert_string_equal(m->v[0], "france");
    assert_string_equal(m->v[1], "frankfurt");
    /* nothing reached the screen but the line */
    assert_string_equal(row_text(win), "> go fran");
    /* choosing from the popup replaces the word; undo (Ctrl-_) restores it in one step */
    prompt_replace_word(p, "frankfurt");
    assert_string_equal(prompt_line(p), "go frankfurt");
    assert_int_equal(prompt_matches(p)->n, 0);
    type(p, L"\x1f");
    assert_string_equal(prompt_line(p), "go fran");
    type(p, L"c");
    assert_int_equal(prompt_matches(p)->n, 0);
    type(p, L"\t");
    assert_string_equal(prompt_line(p), "go france"); /* unique: no space appended */
    assert_int_equal(prompt_matches(p)->n, 0);
    type(p, L" x\t"); /* no candidate: nothing happens, no file names */
    assert_string_equal(prompt_line(p), "go france x");
    prompt_end(p);
}

static void history_per_field_and_persisted(void **state)
{
    char path[128];
    char *r;
    (void)state;

    snprintf(path, sizeof path, "%s/history", tmpdir);
    struct prompt_history *h = prompt_history_new(path, 10);
    struct prompt_history *other = prompt_history_new(NULL, 0);
    struct prompt_options opt = {.history = h};
    const wchar_t *lines[] = {L"first", L"second", L"first"};

    for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
        struct prompt *p = prompt_start(win, "> ", &opt);
        type(p, lines[i]);
        assert_int_equal(prompt_feed_key(p, L'\r', false), PROMPT_DONE);
        free(prompt_take_result(p));
        prompt_end(p);
    }
    assert_int_equal(prompt_history_length(h), 2); /* "first" again replaced the old copy */

    struct prompt *p = prompt_start(win, "> ", &opt);
    key(p, KEY_UP);
    assert_string_equal(prompt_line(p), "first");
    key(p, KEY_UP);
    assert_string_equal(prompt_line(p), "second");
    key(p, KEY_UP);
    assert_string_equal(prompt_line(p), "second"); /* oldest */
    /* an edit to a recalled line does not stick after cancel */
    type(p, L"X");
    assert_string_equal(prompt_line(p), "secondX");
    key(p, KEY_DOWN);
    assert_string_equal(prompt_line(p), "first");
    key(p, KEY_DOWN);
    assert_string_equal(prompt_line(p), "");
    assert_int_equal(prompt_feed_key(p, 27, false), PROMPT_CANCELLED);
    prompt_end(p);

    /* Ctrl-R finds it again, unedited */
    p = prompt_start(win, "> ", &opt);
    type(p, L"\x12" "sec");
    prompt_draw(p);
    assert_non_null(strstr(row_text(win), "reverse-i-search"));
    assert_int_equal(prompt_feed_key(p, L'\r', false), PROMPT_DONE);
    r = prompt_take_result(p);
    assert_string_equal(r, "second");
    free(r);
    prompt_end(p);

    /* another field has its own (empty) list */
    opt.history = other;
    p = prompt_start(win, "> ", &opt);
    key(p, KEY_UP);
    assert_string_equal(prompt_line(p), "");
    prompt_end(p);
    prompt_history_free(other);
    prompt_history_free(h);

    /* accepted lines were saved; a new object reads them back, newest last */
    h = prompt_history_new(path, 10);
    assert_int_equal(prompt_history_length(h), 2);
    opt.history = h;
    p = prompt_start(win, "> ", &opt);
    key(p, KEY_UP);
    assert_string_equal(prompt_line(p), "second");
    prompt_end(p);
    for (int i = 0; i < 20; i++) {
        char line[16];
        snprintf(line, sizeof line, "l%d", i);
        prompt_history_add(h, line);
    }
    assert_int_equal(prompt_history_length(h), 10); /* stifled */
    assert_int_equal(prompt_history_save(h), 0);
    prompt_history_free(h);
    unlink(path);
}

static int setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return -1;
    setenv("LINES", "10", 1);
    setenv("COLUMNS", "40", 1);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/invitui-prompt.XXXXXX");
    if (!mkdtemp(tmpdir) || pipe(in_pipe) != 0)
        return -1;
    term_in = fdopen(in_pipe[0], "r");
    term_out = fopen("/dev/null", "w");
    screen = newterm("xterm-256color", term_out, term_in);
    if (!screen)
        return -1;
    raw();
    noecho();
    win = newwin(1, 40, 9, 0);
    return win ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    delwin(win);
    endwin();
    delscreen(screen);
    fclose(term_in);
    fclose(term_out);
    close(in_pipe[1]);
    rmdir(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_text_and_cursor_columns),
        cmocka_unit_test(long_line_scrolls_without_splitting),
        cmocka_unit_test(enter_accepts_and_prefill),
        cmocka_unit_test(escape_cancels_meta_moves),
        cmocka_unit_test(tab_completion_fills_popup),
        cmocka_unit_test(completion_of_names_with_spaces),
        cmocka_unit_test(history_per_field_and_persisted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
