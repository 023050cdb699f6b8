#include "config.h"

#include "invitui/prompt.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "invitui/sanitize.h"
#include "invitui/util.h"

enum prompt_state {
    ST_ACTIVE,
    ST_DONE,
    ST_CANCELLED,
};

struct prompt_history {
    HISTORY_STATE *state; /* the list while it is not the global one */
    char *path;
    int max;
};

struct prompt {
    WINDOW *win;
    char *prompt;
    enum prompt_state state;
    bool cancelling;      /* the '\n' being fed ends the line as a cancel */
    char *result;         /* accepted line until taken */
    struct prompt_history *hist;
    prompt_complete_fn *complete;
    void *complete_ctx;
    struct strvec cands;  /* what complete() returned, for the generator */
    size_t gen_index;
    struct strvec matches; /* last ambiguous completion, for the popup */
    int scroll;           /* columns of text scrolled away on the left */
};

/* Readline is global: these connect its hooks to the one active prompt. */
static struct prompt *current;
static bool rl_ready;
static int pending_byte;
static bool byte_pending;
static HISTORY_STATE blank_history;

/* ---- history switching ---- */

/* Makes the global history empty without freeing anything: the lists belong to their
 * prompt_history objects. */
static void history_blank(void)
{
    unstifle_history();
    history_set_history_state(&blank_history);
}

static void history_activate(struct prompt_history *h)
{
    unstifle_history();
    history_set_history_state(h->state);
    if (h->max > 0)
        stifle_history(h->max);
    using_history();
}

static void history_deactivate(struct prompt_history *h)
{
    free(h->state);
    h->state = history_get_history_state();
    history_blank();
}

/* Runs with h as the global history, preserving whatever was global before (a prompt using
 * another list may be active). */
struct hist_swap {
    HISTORY_STATE *saved;
    int saved_max;
    bool saved_stifled;
};

static void swap_in(struct hist_swap *sw, struct prompt_history *h)
{
    sw->saved_stifled = history_is_stifled();
    sw->saved_max = sw->saved_stifled ? unstifle_history() : 0;
    sw->saved = history_get_history_state();
    history_activate(h);
}

static void swap_out(struct hist_swap *sw, struct prompt_history *h)
{
    history_deactivate(h);
    history_set_history_state(sw->saved);
    if (sw->saved_stifled)
        stifle_history(sw->saved_max);
    free(sw->saved);
}

/* Removes older copies of line, then appends it. The global history is h's. */
static void add_dedup(const char *line)
{
    HIST_ENTRY **list = history_list();

    for (int i = history_length - 1; list && i >= 0; i--) {
        if (list[i] && strcmp(list[i]->line, line) == 0) {
            HIST_ENTRY *e = remove_history(i);
            if (e)
                free(free_history_entry(e));
            list = history_list();
        }
    }
    add_history(line);
}

struct prompt_history *prompt_history_new(const char *path, int max_entries)
{
    struct prompt_history *h = xcalloc(1, sizeof *h);
    struct hist_swap sw;

    h->state = xcalloc(1, sizeof *h->state);
    h->path = xstrdup_or_null(path);
    h->max = max_entries;
    swap_in(&sw, h);
    if (path)
        read_history(path); /* a missing file is an empty history */
    if (h->max > 0)
        stifle_history(h->max);
    swap_out(&sw, h);
    return h;
}

void prompt_history_add(struct prompt_history *h, const char *line)
{
    struct hist_swap sw;

    swap_in(&sw, h);
    add_dedup(line);
    swap_out(&sw, h);
}

int prompt_history_length(struct prompt_history *h)
{
    return h->state->length;
}

static int save_active(const struct prompt_history *h)
{
    int rc;

    if (!h->path)
        return 0;
    rc = write_history(h->path);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    return 0;
}

int prompt_history_save(struct prompt_history *h)
{
    struct hist_swap sw;
    int rc, e;

    swap_in(&sw, h);
    rc = save_active(h);
    e = errno;
    swap_out(&sw, h);
    errno = e;
    return rc;
}

void prompt_history_free(struct prompt_history *h)
{
    struct hist_swap sw;

    if (!h)
        return;
    swap_in(&sw, h);
    /* clear_history frees the entries but keeps the array, which only we can free. */
    HIST_ENTRY **array = history_list();
    clear_history();
    free(array);
    history_blank();
    free(h->state);
    h->state = xcalloc(1, sizeof *h->state);
    swap_out(&sw, h);
    free(h->state);
    free(h->path);
    free(h);
}

/* ---- readline hooks ---- */

static int getc_hook(FILE *f)
{
    (void)f;
    /* Readline reads only after rl_callback_read_char(), which is called once per byte. */
    byte_pending = false;
    return pending_byte;
}

static int input_available_hook(void)
{
    return byte_pending;
}

static void redisplay_hook(void)
{
    if (current)
        prompt_draw(current);
}

static void line_handler(char *line)
{
    struct prompt *p = current;

    rl_callback_handler_remove();
    if (!p) {
        free(line);
        return;
    }
    if (!line || p->cancelling) {
        free(line);
        p->state = ST_CANCELLED;
        return;
    }
    if (p->hist && line[0]) {
        add_dedup(line);
        save_active(p->hist); /* best effort: a read-only home must not stop the UI */
    }
    p->result = line;
    p->state = ST_DONE;
}

static char *completion_generator(const char *text, int state)
{
    (void)text;
    if (!current)
        return NULL;
    if (state == 0)
        current->gen_index = 0;
    if (current->gen_index < current->cands.n)
        return xstrdup(current->cands.v[current->gen_index++]);
    return NULL;
}

/* Bytes the candidates share at their start (they may differ in case from the typed word). */
static size_t common_prefix(const struct strvec *cands)
{
    size_t n = strlen(cands->v[0]);

    for (size_t i = 1; i < cands->n; i++) {
        size_t k = 0;
        while (k < n && cands->v[i][k] == cands->v[0][k])
            k++;
        n = k;
    }
    /* never end inside a UTF-8 sequence */
    while (n > 0 && ((unsigned char)cands->v[0][n] & 0xc0) == 0x80)
        n--;
    return n;
}

/* A word that spans spaces (the callback moved its start back), which readline cannot
 * complete: replace line[start, end) ourselves with the one candidate, or with what all
 * candidates share when that is no shorter than what was typed, and keep the list for the
 * popup. */
static void complete_span(struct prompt *p, int start, int end)
{
    const struct strvec *c = &p->cands;

    if (c->n == 0)
        return;
    size_t len = c->n == 1 ? strlen(c->v[0]) : common_prefix(c);
    if (len >= (size_t)(end - start) && (len != (size_t)(end - start) ||
                                         strncmp(c->v[0], rl_line_buffer + start, len) != 0)) {
        char *with = xstrndup(c->v[0], len);
        rl_begin_undo_group();
        rl_delete_text(start, end);
        rl_point = start;
        rl_insert_text(with);
        rl_end_undo_group();
        free(with);
    }
    strvec_free(&p->matches);
    for (size_t i = 0; c->n > 1 && i < c->n; i++)
        strvec_push(&p->matches, c->v[i]);
}

static char **attempted_completion(const char *text, int start, int end)
{
    int word = start;

    rl_attempted_completion_over = 1; /* never fall back to file names */
    rl_completion_suppress_append = 1;
    if (!current || !current->complete)
        return NULL;
    strvec_free(&current->cands);
    current->complete(rl_line_buffer, &word, end, &current->cands, current->complete_ctx);
    if (word >= 0 && word < start) {
        complete_span(current, word, end);
        return NULL; /* done: readline has nothing left to insert or list */
    }
    return rl_completion_matches(text, completion_generator);
}

/* Readline would print the list over the screen; keep it for the popup instead. */
static void display_matches_hook(char **matches, int num_matches, int max_length)
{
    (void)max_length;
    if (!current)
        return;
    strvec_free(&current->matches);
    for (int i = 1; i <= num_matches; i++)
        strvec_push(&current->matches, matches[i]);
}

static void rebind_variables(void)
{
    static const char *const vars[][2] = {
        {"editing-mode", "emacs"},
        {"enable-bracketed-paste", "off"}, /* else readline writes ESC[?2004h */
        {"bell-style", "none"},
        {"show-all-if-ambiguous", "on"},   /* list (into the popup) on the first Tab */
        {"convert-meta", "off"},           /* UTF-8 lead bytes are not Meta keys */
        {"input-meta", "on"},
        {"output-meta", "on"},
        {"mark-modified-lines", "off"},    /* would prefix the prompt with '*' */
        {"revert-all-at-newline", "on"},   /* edits to recalled lines do not stick */
        {"echo-control-characters", "off"},
        {"enable-keypad", "off"},
        {"enable-meta-key", "off"},
        {"colored-stats", "off"},
        {"colored-completion-prefix", "off"},
        {"expand-tilde", "off"},
    };

    for (size_t i = 0; i < ARRAY_SIZE(vars); i++)
        rl_variable_bind(vars[i][0], vars[i][1]);
}

static void readline_setup(void)
{
    if (rl_ready)
        return;
    rl_readline_name = "invitui";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0; /* else LINES/COLUMNS get pinned and resizes are lost */
    rl_prep_term_function = NULL;   /* ncurses owns the terminal */
    rl_deprep_term_function = NULL;
    rl_getc_function = getc_hook;
    rl_input_available_hook = input_available_hook;
    rl_redisplay_function = redisplay_hook;
    /* Bells, prompts and lists never reach the tty; readline would fall back to stdout. */
    rl_outstream = fopen("/dev/null", "w");
    if (!rl_outstream)
        rl_outstream = tmpfile();
    rl_attempted_completion_function = attempted_completion;
    rl_completion_display_matches_hook = display_matches_hook;
    rl_completer_word_break_characters = " \t";
    rl_initialize();
    rebind_variables(); /* after ~/.inputrc, which rl_initialize read */
    rl_ready = true;
}

/* ---- feeding keys ---- */

static enum prompt_result result_of(const struct prompt *p)
{
    switch (p->state) {
    case ST_DONE:
        return PROMPT_DONE;
    case ST_CANCELLED:
        return PROMPT_CANCELLED;
    case ST_ACTIVE:
    default:
        return PROMPT_CONTINUE;
    }
}

static void feed_byte(struct prompt *p, unsigned char b)
{
    if (p->state != ST_ACTIVE)
        return;
    pending_byte = b;
    byte_pending = true;
    rl_callback_read_char();
}

/* Cancelling through accept-line lets readline's own teardown revert edited history lines
 * and free its undo lists; the handler then discards the line. */
static void cancel(struct prompt *p)
{
    if (p->state != ST_ACTIVE)
        return;
    rl_callback_sigcleanup(); /* leave Ctrl-R search or a half-typed key sequence */
    p->cancelling = true;
    feed_byte(p, '\n');
    if (p->state == ST_ACTIVE) {
        /* accept-line rebound by the user's inputrc: tear down by hand */
        rl_free_line_state();
        rl_callback_handler_remove();
        p->state = ST_CANCELLED;
    }
}

enum prompt_result prompt_feed_bytes(struct prompt *p, const char *bytes, size_t n)
{
    strvec_free(&p->matches);
    for (size_t i = 0; i < n && p->state == ST_ACTIVE; i++)
        feed_byte(p, (unsigned char)bytes[i]);
    return result_of(p);
}

static void feed_wide(struct prompt *p, wint_t wc)
{
    char buf[MB_LEN_MAX];
    mbstate_t st;
    size_t n;

    memset(&st, 0, sizeof st);
    n = wcrtomb(buf, (wchar_t)wc, &st);
    if (n == (size_t)-1)
        return; /* not representable in this locale */
    for (size_t i = 0; i < n; i++)
        feed_byte(p, (unsigned char)buf[i]);
}

/* In a search or a half-typed sequence, a cursor key first ends that mode, as in bash. */
static void leave_special_modes(void)
{
    if (RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_MULTIKEY | RL_STATE_NUMERICARG))
        rl_callback_sigcleanup();
}

static void feed_keycode(struct prompt *p, int key)
{
    rl_command_func_t *fn = NULL;

    switch (key) {
    case KEY_BACKSPACE:
        feed_byte(p, 0x7f); /* rubout: also right inside Ctrl-R search */
        return;
    case KEY_ENTER:
        feed_byte(p, '\r');
        return;
    case KEY_LEFT:
        fn = rl_backward_char;
        break;
    case KEY_RIGHT:
        fn = rl_forward_char;
        break;
    case KEY_HOME:
        fn = rl_beg_of_line;
        break;
    case KEY_END:
        fn = rl_end_of_line;
        break;
    case KEY_DC:
        fn = rl_delete;
        break;
    case KEY_UP:
        fn = rl_get_previous_history;
        break;
    case KEY_DOWN:
        fn = rl_get_next_history;
        break;
    default:
        return; /* KEY_RESIZE and others: the caller redraws */
    }
    leave_special_modes();
    fn(1, 0);
    prompt_draw(p);
}

/* ESC: Meta prefix if another key is already waiting, else cancel (keypad and ESCDELAY have
 * already told a lone ESC from an arrow key's sequence). */
static void feed_escape(struct prompt *p)
{
    bool was_nodelay = is_nodelay(p->win);
    wint_t next;
    int r;

    nodelay(p->win, TRUE);
    r = wget_wch(p->win, &next);
    nodelay(p->win, was_nodelay);
    if (r == ERR) {
        cancel(p);
    } else if (r == KEY_CODE_YES && next == KEY_RESIZE) {
        /* A resize is no Meta key: the ESC was alone, and the UI loop must
         * still see the resize or it keeps drawing at the old size. */
        cancel(p);
        ungetch(KEY_RESIZE);
    } else if (r == KEY_CODE_YES) {
        feed_keycode(p, (int)next); /* Alt+arrow: treat as the arrow */
    } else {
        feed_byte(p, 0x1b);
        feed_wide(p, next);
    }
}

enum prompt_result prompt_feed_key(struct prompt *p, wint_t ch, bool is_keycode)
{
    if (p->state != ST_ACTIVE)
        return result_of(p);
    strvec_free(&p->matches);
    if (is_keycode)
        feed_keycode(p, (int)ch);
    else if (ch == 0x1b)
        feed_escape(p);
    else
        feed_wide(p, ch);
    return result_of(p);
}

/* ---- lifecycle ---- */

struct prompt *prompt_start(WINDOW *win, const char *prompt, const struct prompt_options *opt)
{
    struct prompt *p;

    if (current || !win)
        return NULL;
    readline_setup();
    p = xcalloc(1, sizeof *p);
    p->win = win;
    p->prompt = xstrdup(prompt ? prompt : "");
    p->state = ST_ACTIVE;
    if (opt) {
        p->hist = opt->history;
        p->complete = opt->complete;
        p->complete_ctx = opt->complete_ctx;
    }
    keypad(win, TRUE);
    current = p;
    if (p->hist)
        history_activate(p->hist);
    else
        history_blank();
    rl_callback_handler_install(p->prompt, line_handler);
    rebind_variables(); /* a previous prompt's $include or C-x C-r may have changed them */
    if (opt && opt->initial && opt->initial[0]) {
        rl_insert_text(opt->initial);
        rl_point = rl_end;
    }
    prompt_draw(p);
    return p;
}

void prompt_end(struct prompt *p)
{
    if (!p)
        return;
    cancel(p);
    if (p->hist)
        history_deactivate(p->hist);
    current = NULL;
    strvec_free(&p->cands);
    strvec_free(&p->matches);
    free(p->result);
    free(p->prompt);
    free(p);
}

char *prompt_take_result(struct prompt *p)
{
    char *r = p->state == ST_DONE ? p->result : NULL;

    if (r)
        p->result = NULL;
    return r;
}

void prompt_replace_word(struct prompt *p, const char *text)
{
    int start = rl_point;

    if (p->state != ST_ACTIVE)
        return;
    while (start > 0 && rl_line_buffer[start - 1] != ' ' && rl_line_buffer[start - 1] != '\t')
        start--;
    rl_begin_undo_group();
    rl_delete_text(start, rl_point);
    rl_point = start;
    rl_insert_text(text);
    rl_end_undo_group();
    strvec_free(&p->matches);
    prompt_draw(p);
}

const struct strvec *prompt_matches(const struct prompt *p)
{
    return &p->matches;
}

const char *prompt_line(const struct prompt *p)
{
    if (p->state == ST_ACTIVE)
        return rl_line_buffer ? rl_line_buffer : "";
    return p->result ? p->result : "";
}

size_t prompt_point(const struct prompt *p)
{
    return p->state == ST_ACTIVE ? (size_t)rl_point : strlen(prompt_line(p));
}

int prompt_cursor_cols(const struct prompt *p)
{
    return text_width_n(prompt_line(p), prompt_point(p));
}

/* ---- drawing ---- */

/* Keeps the cursor inside the avail columns after the prompt. */
static void update_scroll(struct prompt *p, int cursor, int total, int avail)
{
    if (cursor < p->scroll)
        p->scroll = cursor;
    if (cursor - p->scroll > avail - 1)
        p->scroll = cursor - (avail - 1);
    /* after deletions, pull text back rather than leave the field half empty */
    if (p->scroll > 0 && total - p->scroll < avail - 1)
        p->scroll = total - (avail - 1) > 0 ? total - (avail - 1) : 0;
}

void prompt_draw(struct prompt *p)
{
    const char *shown = p->state == ST_ACTIVE && rl_display_prompt ? rl_display_prompt : p->prompt;
    const char *line = prompt_line(p);
    int width = getmaxx(p->win);
    struct strbuf sb;
    int pcols, avail, skipped, used;

    strbuf_init(&sb);
    /* A prompt wider than the field (a long translation, Ctrl-R's) leaves room for 8 columns. */
    pcols = text_truncate(&sb, shown, width > 8 ? width - 8 : 1, true);
    avail = width - pcols;
    if (avail < 1)
        avail = 1;
    int cursor = prompt_cursor_cols(p);
    update_scroll(p, cursor, text_width(line), avail);

    size_t off = text_skip_cols(line, p->scroll, &skipped);
    for (int i = p->scroll; i < skipped; i++)
        strbuf_putc(&sb, ' '); /* the half of a wide character cut by the left edge */
    size_t n = text_prefix_fit(line + off, strlen(line + off), avail - (skipped - p->scroll),
                               &used);
    text_display_append(&sb, line + off, n);

    wmove(p->win, 0, 0);
    waddstr(p->win, sb.data);
    if (getcury(p->win) == 0)
        wclrtoeol(p->win);
    wmove(p->win, 0, pcols + cursor - p->scroll);
    wnoutrefresh(p->win);
    strbuf_free(&sb);
}
