/* prompt: GNU readline inside ncurses, fed key by key from the UI's event loop.
 *
 * Readline runs in callback mode and never touches the terminal: ncurses owns the tty, readline
 * gets the bytes the loop hands over and draws through prompt_draw() into the given window
 * (ENGINEERING.md B1). Editing keys, kill ring, Ctrl-R search, Tab completion and per-field
 * history come from readline.
 *
 * Contract: UI thread only (readline and curses are not thread-safe), after setlocale() and
 * initscr()/newterm(). Readline is global, so at most one prompt is active at a time:
 * prompt_start() returns NULL while another prompt exists. While a prompt is active the loop
 * reads keys from its window (keypad is turned on there) and passes every key to
 * prompt_feed_key(); the loop calls prompt_draw() last in its turn, so the cursor ends up in the
 * input field, and then doupdate(). The user's ~/.inputrc is honoured, except for the settings
 * this bridge depends on, which are re-bound after readline initialises (emacs mode, no bell, no
 * bracketed paste, UTF-8 input, completion listing through prompt_matches()).
 *
 * Ownership: the caller owns the prompt (prompt_end frees it), the history objects (they outlive
 * prompts: one per field) and the string from prompt_take_result(). */
#ifndef INVITUI_PROMPT_H
#define INVITUI_PROMPT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "invitui/util.h"

enum prompt_result {
    PROMPT_CONTINUE,  /* still editing */
    PROMPT_DONE,      /* Enter: prompt_take_result() has the line */
    PROMPT_CANCELLED, /* lone Esc, or Ctrl-D on an empty line */
};

/* Completion: append to out the candidates for the word line[*start, end) (normally those that
 * start with it; the word is delimited by spaces). line is the whole input, so a command line
 * can complete the first word differently from its arguments. An argument that may contain
 * spaces (an account name) moves *start back to where it begins; its candidates then replace
 * all of line[*start, end), and may differ from it in case. Candidates are displayed as given:
 * sanitise them if they come from outside. */
typedef void prompt_complete_fn(const char *line, int *start, int end, struct strvec *out,
                                void *ctx);

/* One history list per field (filter, e-mail, command line...), optionally kept in a file. */
struct prompt_history;

/* Loads path if it exists (path NULL: memory only; the caller creates the directory, e.g.
 * $XDG_DATA_HOME/invitui). At most max_entries lines are kept (<= 0: no limit). Duplicates are
 * removed when a line is added again, so the newest copy wins. */
struct prompt_history *prompt_history_new(const char *path, int max_entries);
/* Adds a line as if it had been entered (no save). */
void prompt_history_add(struct prompt_history *h, const char *line);
/* Number of lines. */
int prompt_history_length(struct prompt_history *h);
/* Writes the file (mode 0600). 0, or -1 with errno. Accepted lines are saved automatically. */
int prompt_history_save(struct prompt_history *h);
/* Frees without saving. Not while a prompt using it is active. NULL is a no-op. */
void prompt_history_free(struct prompt_history *h);

struct prompt_options {
    const char *initial;            /* pre-filled text, cursor at its end; NULL: empty */
    struct prompt_history *history; /* NULL: no history (Up/Down do nothing) */
    prompt_complete_fn *complete;   /* NULL: Tab completes nothing */
    void *complete_ctx;
};

struct prompt;

/* Starts editing on the first line of win (the whole width) and draws it. prompt is shown
 * before the text (our own string, not sanitised). opt may be NULL. NULL if a prompt exists. */
struct prompt *prompt_start(WINDOW *win, const char *prompt, const struct prompt_options *opt);

/* Feeds one key as returned by wget_wch(): is_keycode for KEY_CODE_YES (KEY_LEFT, KEY_RIGHT,
 * KEY_HOME, KEY_END, KEY_DC, KEY_BACKSPACE, KEY_UP, KEY_DOWN, KEY_ENTER are mapped to readline;
 * other key codes are ignored), otherwise a wide character, forwarded to readline as its
 * multibyte (UTF-8) bytes. ESC (27) is Meta when another key is already waiting in the window
 * (ESC b = backward-word), otherwise it cancels. Once the result is not PROMPT_CONTINUE, further
 * keys are ignored and the same result is returned. */
enum prompt_result prompt_feed_key(struct prompt *p, wint_t ch, bool is_keycode);

/* Feeds raw bytes (a paste, a test script); ESC is passed to readline like any byte. */
enum prompt_result prompt_feed_bytes(struct prompt *p, const char *bytes, size_t n);

/* The current text: the line being edited, or the accepted line. Valid until the next call on
 * p. Raw: sanitise it before showing it anywhere else. */
const char *prompt_line(const struct prompt *p);

/* Cursor position in the line, in bytes and in columns from the start of the text. */
size_t prompt_point(const struct prompt *p);
int prompt_cursor_cols(const struct prompt *p);

/* After PROMPT_DONE: the accepted line (malloc'd, the caller frees it); NULL otherwise or when
 * already taken. */
char *prompt_take_result(struct prompt *p);

/* Candidates from the last ambiguous Tab, for a popup; empty (n == 0) otherwise. Cleared by the
 * next key. Owned by the prompt. */
const struct strvec *prompt_matches(const struct prompt *p);

/* Replaces the word before the cursor (back to the previous space) with text: what choosing a
 * candidate in the popup does. */
void prompt_replace_word(struct prompt *p, const char *text);

/* Draws prompt and text on the window's first line, scrolled horizontally so that the cursor
 * is visible (columns measured with wcwidth, so "Zoë" and CJK place it right), moves the
 * cursor there and calls wnoutrefresh(). */
void prompt_draw(struct prompt *p);

/* Cancels editing if still active, restores the global readline state and frees p. */
void prompt_end(struct prompt *p);

#endif
