/* ui_term: the terminal's life cycle: curses start-up, styles, signals,
 * OSC 52, and a teardown that restores the terminal on every exit path.
 *
 * Contract: UI thread only (except the signal handlers it installs).
 * ui_term_catch_faults, called before any thread starts (the worker's threads
 * must see the handlers and the hook already set), registers ui_term_teardown
 * as the util fatal hook and installs the handlers of SIGSEGV, SIGBUS, SIGFPE,
 * SIGILL and SIGABRT: once curses is up they write the precomputed
 * rmcup/cnorm/sgr0 strings and restore the saved modes (async-signal-safe
 * only), then re-raise with the previous handler; before that they only
 * re-raise. ui_term_init calls it too (it is idempotent), saves the tty modes,
 * starts curses (mouse off, keypad on, colours only without NO_COLOR),
 * registers ui_term_teardown with atexit, and installs handlers: SIGINT,
 * SIGTERM and SIGHUP set a flag and make ui_term_signal_fd readable so the
 * loop leaves. ui_term_teardown is idempotent. */
#ifndef INVITUI_UI_TERM_H
#define INVITUI_UI_TERM_H

#include <stdbool.h>
#include <stddef.h>

enum ui_style {
    UI_STYLE_NORMAL,
    UI_STYLE_HEADER,
    UI_STYLE_HEADER_PROD,
    UI_STYLE_MARKER,      /* READ-ONLY, PRODUCTION */
    UI_STYLE_TITLE,
    UI_STYLE_TITLE_FOCUS,
    UI_STYLE_SELECTED,
    UI_STYLE_SELECTED_DIM, /* selection of a pane without focus */
    UI_STYLE_ERROR,
    UI_STYLE_DIM,
    UI_STYLE_KEY,
    UI_STYLE_COUNT
};

void ui_term_catch_faults(void);
int ui_term_init(void);
void ui_term_teardown(void);
bool ui_term_active(void);
/* curses attributes for a style (attributes always; colour only if enabled). */
int ui_term_attr(enum ui_style style);
bool ui_term_colour(void);

/* Read end of the signal self-pipe (poll it with stdin); drain with
 * ui_term_signal_drain, which returns the pending quit signal or 0. */
int ui_term_signal_fd(void);
int ui_term_signal_drain(void);
/* Forgets the pending quit signal: the UI asked instead of quitting. */
void ui_term_signal_clear(void);

/* Writes an OSC 52 "set clipboard" sequence for data to /dev/tty (call it
 * after doupdate, never during). Returns 0, or -1 when there is no tty or
 * data is longer than UI_OSC52_MAX bytes. */
#define UI_OSC52_MAX 4096
int ui_term_osc52(const char *data, size_t len);
/* Standard base64 with padding of len bytes into out (NUL-terminated);
 * returns the length written, or 0 if out (size) is too small. */
size_t ui_base64(const unsigned char *in, size_t len, char *out, size_t size);

#endif
