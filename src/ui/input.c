#include "config.h"

#include "invitui/ui_app.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "invitui/i18n.h"
#include "invitui/prompt.h"

/* The line editor lives in its own one-line window on the status row so
 * that readline's redisplay never touches the panes. */
static WINDOW *input_win;
static struct prompt_history *cmd_history, *filter_history;

static int mkdir_p(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/* $XDG_STATE_HOME/invitui/history, else ~/.local/state/invitui/history;
 * NULL (history in memory only) when neither can be made. */
static char *history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char *dir;

    if (state && *state == '/')
        dir = xasprintf("%s/invitui", state);
    else if (home && *home == '/')
        dir = xasprintf("%s/.local/state/invitui", home);
    else
        return NULL;
    if (mkdir_p(dir) < 0) {
        free(dir);
        return NULL;
    }
    char *path = xasprintf("%s/history", dir);
    free(dir);
    return path;
}

int ui_input_init(struct ui_app *app)
{
    app->history_path = history_path();
    cmd_history = prompt_history_new(app->history_path, 500);
    filter_history = prompt_history_new(NULL, 100);
    return 0;
}

static void close_window(void)
{
    if (input_win) {
        delwin(input_win);
        input_win = NULL;
    }
}

void ui_input_free(struct ui_app *app)
{
    if (app->prompt)
        prompt_end(app->prompt);
    app->prompt = NULL;
    app->input = UI_INPUT_NONE;
    close_window();
    prompt_history_free(cmd_history);
    prompt_history_free(filter_history);
    cmd_history = filter_history = NULL;
    free(app->history_path);
    app->history_path = NULL;
}

static void push_matches(struct strvec *out, const char *word, size_t len, const char *cand)
{
    if (strncmp(cand, word, len) == 0)
        strvec_push(out, cand);
}

/* First word: command names; then what that command takes. */
static void complete(const char *line, int start, int end, struct strvec *out, void *ctx)
{
    struct ui_app *app = ctx;
    const char *word = line + start;
    size_t len = (size_t)(end - start);

    if (start == 0 || strspn(line, " ") == (size_t)start) {
        for (size_t i = 0;; i++) {
            const char *name = ui_command_complete(NULL, i);
            if (!name)
                break;
            push_matches(out, word, len, name);
        }
        return;
    }
    size_t cmdlen = strcspn(line + strspn(line, " "), " ");
    char *cmdname = xstrndup(line + strspn(line, " "), cmdlen);
    enum ui_cmd cmd = ui_command_by_name(cmdname);
    free(cmdname);
    if (cmd == UI_CMD_PROFILE) {
        for (size_t i = 0; i < app->session.profiles.n; i++)
            push_matches(out, word, len, app->session.profiles.v[i].name);
    } else if (cmd == UI_CMD_SORT) {
        for (int i = 0; i < STORE_SORT_COUNT; i++)
            push_matches(out, word, len, store_sort_name((enum store_sort)i));
    } else if (cmd == UI_CMD_TAB) {
        for (int i = 0; i < UI_TAB_COUNT; i++)
            push_matches(out, word, len, ui_tab_name(i));
    } else if (cmd == UI_CMD_ACCOUNT && app->store) {
        for (size_t i = 0; i < store_account_count(app->store); i++)
            push_matches(out, word, len, store_account_at(app->store, i)->id);
    }
}

void ui_input_begin(struct ui_app *app, enum ui_input_mode mode)
{
    struct prompt_options opt = {0};
    const struct ui_rect *r = &app->layout.status;

    if (app->prompt || r->w <= 0)
        return;
    input_win = newwin(1, r->w, r->y, r->x);
    if (!input_win)
        return;
    keypad(input_win, TRUE);
    nodelay(input_win, TRUE);
    if (mode == UI_INPUT_FILTER) {
        opt.initial = app->search;
        opt.history = filter_history;
    } else {
        opt.history = cmd_history;
        opt.complete = complete;
        opt.complete_ctx = app;
    }
    app->prompt = prompt_start(input_win, mode == UI_INPUT_FILTER ? "/" : ":", &opt);
    if (!app->prompt) {
        close_window();
        return;
    }
    app->input = mode;
    curs_set(1);
    ui_app_mark(app, 0);
}

/* `:name args` runs a command; the name may be an unambiguous prefix. */
static void run_command_line(struct ui_app *app, char *line)
{
    char *s = util_trim(line);
    size_t n = strcspn(s, " ");
    char *args = s + n;

    if (*args)
        *args++ = '\0';
    args = util_trim(args);
    if (!*s)
        return;
    enum ui_cmd cmd = ui_command_by_name(s);
    if (cmd == UI_CMD_NONE) {
        char *msg = xasprintf(_("Unknown command: %s (? lists them)"), s);
        ui_app_set_message(app, true, msg, NULL);
        free(msg);
        return;
    }
    ui_app_command(app, cmd, 0, *args || (ui_command_info(cmd)->flags & UI_CMD_ARG) ? args : NULL);
}

static void finish(struct ui_app *app, enum prompt_result res)
{
    enum ui_input_mode mode = app->input;
    char *line = res == PROMPT_DONE ? prompt_take_result(app->prompt) : NULL;

    prompt_end(app->prompt);
    app->prompt = NULL;
    app->input = UI_INPUT_NONE;
    close_window();
    curs_set(0);
    ui_app_mark(app, UI_DIRTY_LAYOUT);
    if (mode == UI_INPUT_FILTER)
        ui_app_command(app, UI_CMD_FILTER, 0, res == PROMPT_DONE && line ? line : "");
    else if (line)
        run_command_line(app, line);
    free(line);
}

void ui_input_key(struct ui_app *app, int key, bool is_key_code)
{
    if (!app->prompt)
        return;
    enum prompt_result res = prompt_feed_key(app->prompt, (wint_t)key, is_key_code);
    if (res != PROMPT_CONTINUE) {
        finish(app, res);
        return;
    }
    /* The filter applies as it is typed. */
    if (app->input == UI_INPUT_FILTER) {
        const char *text = prompt_line(app->prompt);
        if (!util_streq(text, app->search ? app->search : ""))
            ui_app_command(app, UI_CMD_FILTER, 0, text);
    }
    ui_app_mark(app, 0);
}

void ui_input_layout(struct ui_app *app)
{
    const struct ui_rect *r = &app->layout.status;

    if (!input_win || r->w <= 0)
        return;
    /* Shrink before moving so the window always fits the new screen. */
    wresize(input_win, 1, r->w);
    mvwin(input_win, r->y, r->x);
}

WINDOW *ui_input_window(void)
{
    return input_win;
}

void ui_input_draw(struct ui_app *app)
{
    if (app->prompt)
        prompt_draw(app->prompt);
}
