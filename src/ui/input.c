#include "config.h"

#include "invitui/ui_input.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "invitui/form.h"
#include "invitui/i18n.h"
#include "invitui/prompt.h"
#include "invitui/ui_group_names.h"
#include "invitui/ui_match_list.h"

/* The `/` and `:` line is a view on the stack. Its editor (readline)
 * lives in its own one-line window on the status row so that readline's
 * redisplay never touches the panes, and takes every key but a resize. */
struct input_view {
    enum ui_input_mode mode;
    struct prompt *prompt;
    WINDOW *win;
    /* UI_INPUT_VIEW: the view under the line that the text filters. */
    struct ui_view *target;
    void (*apply)(struct ui_app *app, struct ui_view *target, const char *text);
};

static const struct ui_view_ops input_ops;

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

/* The line's histories outlive it: they are the module's, kept in the app
 * as an opaque pointer between two lines. */
struct ui_input_state {
    struct prompt_history *cmd_history, *filter_history;
    char *history_path;
};

int ui_input_init(struct ui_app *app)
{
    struct ui_input_state *st = xcalloc(1, sizeof(*st));

    st->history_path = history_path();
    st->cmd_history = prompt_history_new(st->history_path, 500);
    st->filter_history = prompt_history_new(NULL, 100);
    app->input_state = st;
    return 0;
}

void ui_input_free(struct ui_app *app)
{
    struct ui_view *v = ui_view_find(app, &input_ops);

    if (v)
        ui_view_pop(app, v);
    if (!app->input_state)
        return;
    prompt_history_free(app->input_state->cmd_history);
    prompt_history_free(app->input_state->filter_history);
    free(app->input_state->history_path);
    free(app->input_state);
    app->input_state = NULL;
}

static void push_matches(struct strvec *out, const char *word, size_t len, const char *cand)
{
    if (strncmp(cand, word, len) == 0)
        strvec_push(out, cand);
}

/* `:account` takes the rest of the line, a name with spaces as well as an id: the word starts
 * after the command, names match whatever their case, and the ids only when no name does. */
static void complete_account(struct ui_app *app, const char *line, int *start, int end,
                             struct strvec *out)
{
    size_t lead = strspn(line, " ");
    size_t arg = lead + strcspn(line + lead, " ");

    arg += strspn(line + arg, " ");
    if (arg > (size_t)*start)
        return;
    *start = (int)arg;
    const char *word = line + arg;
    size_t len = (size_t)end - arg;
    for (size_t i = 0; app->store && i < store_account_count(app->store); i++) {
        const char *name = store_account_at(app->store, i)->shown.name;
        if (name && *name && text_fold_prefix(name, word, len, false) &&
            !strvec_contains(out, name))
            strvec_push(out, name);
    }
    for (size_t i = 0; app->store && out->n == 0 && i < store_account_count(app->store); i++)
        push_matches(out, word, len, store_account_at(app->store, i)->shown.id);
}

/* What the account's groups give, by name (a Marketplace module's
 * "Billing"; display-safe, ignoring case), where groups say so. */
static void complete_grant(struct ui_app *app, const char *word, size_t len, struct strvec *out)
{
    const struct group_list *groups = ui_group_names_list(app, ui_list_account_id(app));

    for (size_t i = 0; groups && i < groups->n; i++)
        for (size_t k = 0; k < groups->v[i].grant_names.n; k++) {
            const char *name = groups->v[i].grant_names.v[k];
            if (*name && text_fold_prefix(name, word, len, false) && !strvec_contains(out, name))
                strvec_push(out, name);
        }
}

/* The capability keys the account's invitations show (the explainer's
 * question is about one of them, or about one nobody has yet). */
static void complete_capability(struct ui_app *app, const char *word, size_t len,
                                struct strvec *out)
{
    struct strvec caps = {0};

    if (app->session.ops && app->session.ops->group_grants) {
        complete_grant(app, word, len, out);
        return;
    }
    if (app->store && ui_list_account_id(app))
        form_collect_capabilities(app->store, ui_list_account_id(app), &caps);
    for (size_t i = 0; i < caps.n; i++)
        push_matches(out, word, len, caps.v[i]);
    strvec_free(&caps);
}

/* `:groups +name -name`: the account's group names, after the sign typed. */
static void complete_group(struct ui_app *app, const char *word, size_t len, struct strvec *out)
{
    const struct group_list *groups = ui_group_names_list(app, ui_list_account_id(app));
    const char *sign = len && (*word == '+' || *word == '-') ? (*word == '+' ? "+" : "-") : "";
    size_t skip = strlen(sign);

    for (size_t i = 0; groups && i < groups->n; i++) {
        if (!groups->v[i].name ||
            !text_fold_prefix(groups->v[i].name, word + skip, len - skip, false))
            continue;
        char *cand = xasprintf("%s%s", sign, groups->v[i].name);
        if (!strvec_contains(out, cand))
            strvec_push(out, cand);
        free(cand);
    }
}

/* First word: command names; then what that command takes. */
static void complete(const char *line, int *startp, int end, struct strvec *out, void *ctx)
{
    struct ui_app *app = ctx;
    int start = *startp;
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
    } else if (cmd == UI_CMD_ACCOUNT) {
        complete_account(app, line, startp, end, out);
    } else if (cmd == UI_CMD_EXPLAIN || cmd == UI_CMD_CAN) {
        complete_capability(app, word, len, out);
    } else if (cmd == UI_CMD_GROUPS) {
        complete_group(app, word, len, out);
    }
}

static struct input_view *input_of(const struct ui_view *v)
{
    return v->priv;
}

static struct ui_view *begin(struct ui_app *app, enum ui_input_mode mode, const char *initial)
{
    struct prompt_options opt = {0};
    const struct ui_rect *r = &app->layout.status;
    WINDOW *win;

    if (ui_view_find(app, &input_ops) || r->w <= 0)
        return NULL;
    win = newwin(1, r->w, r->y, r->x);
    if (!win)
        return NULL;
    keypad(win, TRUE);
    nodelay(win, TRUE);
    opt.initial = initial;
    if (mode != UI_INPUT_COMMAND) {
        opt.history = app->input_state ? app->input_state->filter_history : NULL;
    } else {
        opt.history = app->input_state ? app->input_state->cmd_history : NULL;
        opt.complete = complete;
        opt.complete_ctx = app;
    }
    struct prompt *prompt = prompt_start(win, mode == UI_INPUT_COMMAND ? ":" : "/", &opt);
    if (!prompt) {
        delwin(win);
        return NULL;
    }
    struct ui_view *v = ui_view_push(app, &input_ops);
    input_of(v)->mode = mode;
    input_of(v)->prompt = prompt;
    input_of(v)->win = win;
    app->input = mode;
    curs_set(1);
    return v;
}

void ui_input_begin(struct ui_app *app, enum ui_input_mode mode)
{
    begin(app, mode, mode == UI_INPUT_FILTER ? ui_list_search(app) : NULL);
}

void ui_input_begin_view(struct ui_app *app, struct ui_view *target, const char *initial,
                         void (*apply)(struct ui_app *app, struct ui_view *target,
                                       const char *text))
{
    struct ui_view *v = begin(app, UI_INPUT_VIEW, initial);

    if (!v)
        return;
    input_of(v)->target = target;
    input_of(v)->apply = apply;
}

void ui_input_begin_command(struct ui_app *app, const char *initial)
{
    begin(app, UI_INPUT_COMMAND, initial);
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

static void finish(struct ui_app *app, struct ui_view *v, enum prompt_result res)
{
    struct input_view in = *input_of(v);
    enum ui_input_mode mode = in.mode;
    char *line = res == PROMPT_DONE ? prompt_take_result(in.prompt) : NULL;

    ui_view_pop(app, v);
    if (mode == UI_INPUT_VIEW)
        in.apply(app, in.target, res == PROMPT_DONE && line ? line : "");
    else if (mode == UI_INPUT_FILTER)
        ui_app_command(app, UI_CMD_FILTER, 0, res == PROMPT_DONE && line ? line : "");
    else if (line)
        run_command_line(app, line);
    free(line);
}

static bool input_key(struct ui_app *app, struct ui_view *v, int key, bool is_key_code)
{
    struct input_view *in = input_of(v);
    enum prompt_result res = prompt_feed_key(in->prompt, (wint_t)key, is_key_code);

    if (res != PROMPT_CONTINUE) {
        finish(app, v, res);
        return true;
    }
    /* The filter applies as it is typed. */
    if (in->mode == UI_INPUT_VIEW) {
        in->apply(app, in->target, prompt_line(in->prompt));
    } else if (in->mode == UI_INPUT_FILTER) {
        const char *text = prompt_line(in->prompt);
        if (!util_streq(text, ui_list_search(app) ? ui_list_search(app) : ""))
            ui_app_command(app, UI_CMD_FILTER, 0, text);
    }
    ui_app_mark(app, 0);
    return true;
}

/* Recalc pass: the line moves to the status row of a resized screen. */
static void input_resize(struct ui_app *app, struct ui_view *v)
{
    const struct ui_rect *r = &app->layout.status;
    WINDOW *win = input_of(v)->win;

    v->rect = (struct ui_rect){0};
    if (r->w <= 0)
        return;
    /* Shrink before moving so the window always fits the new screen. */
    wresize(win, 1, r->w);
    mvwin(win, r->y, r->x);
}

/* The pane under it stays as it is; the line draws in place of the status,
 * and the candidates of an ambiguous Tab above it. */
static void input_draw(struct ui_app *app, const struct ui_view *v)
{
    ui_match_list_draw(app, prompt_matches(input_of(v)->prompt));
}

/* Last in the turn: the editor draws itself and leaves the cursor there. */
static void input_cursor(struct ui_app *app, const struct ui_view *v)
{
    (void)app;
    prompt_draw(input_of(v)->prompt);
}

static WINDOW *input_window(const struct ui_view *v)
{
    return input_of(v)->win;
}

static bool input_keyline(struct ui_app *app, const struct ui_view *v, enum ui_cmd cmd,
                          const char **label)
{
    (void)app;
    (void)label;
    return cmd != UI_CMD_COMPLETE || input_of(v)->mode == UI_INPUT_COMMAND;
}

static void input_close(struct ui_app *app, struct ui_view *v)
{
    struct input_view *in = input_of(v);

    prompt_end(in->prompt);
    delwin(in->win);
    app->input = UI_INPUT_NONE;
    curs_set(0);
}

static size_t input_rows(struct ui_app *app, const struct ui_view *v)
{
    (void)app;
    (void)v;
    return 0;
}

static const struct ui_view_ops input_ops = {
    .name = "input",
    .scope = UI_SCOPE_INPUT,
    .row_count = input_rows,
    .private_size = sizeof(struct input_view),
    .resize = input_resize,
    .draw = input_draw,
    .key = input_key,
    .cursor = input_cursor,
    .window = input_window,
    .keyline = input_keyline,
    .close = input_close,
};
