#include "config.h"

#include "invitui/ui_term.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "invitui/util.h"

static struct {
    /* curses is up; atomic because the fault handler may read it on any thread. */
    atomic_bool active;
    bool have_tios;
    struct termios saved;
    SCREEN *screen;
    bool colour;
    int attrs[UI_STYLE_COUNT];
    int pipe[2];
    /* Precomputed for the crash handler, which may only call write(). */
    char restore[256];
    size_t restore_len;
} term = {.pipe = {-1, -1}};

static volatile sig_atomic_t quit_signal;

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL};
static struct sigaction old_fatal[ARRAY_SIZE(fatal_signals)];

static void on_quit_signal(int sig)
{
    int saved = errno;
    char c = 1;

    quit_signal = sig;
    if (term.pipe[1] >= 0)
        (void)!write(term.pipe[1], &c, 1);
    errno = saved;
}

static struct sigaction old_winch;

/* curses' own SIGWINCH handler only sets a flag that the next read turns
 * into KEY_RESIZE: a resize landing between two polls would wait for the
 * next key or tick. Chaining to it and waking poll() through the pipe makes
 * every resize show at once. */
static void on_winch(int sig, siginfo_t *info, void *uctx)
{
    int saved = errno;
    char c = 0;

    if (old_winch.sa_flags & SA_SIGINFO) {
        if (old_winch.sa_sigaction)
            old_winch.sa_sigaction(sig, info, uctx);
    } else if (old_winch.sa_handler != SIG_DFL && old_winch.sa_handler != SIG_IGN) {
        old_winch.sa_handler(sig);
    }
    if (term.pipe[1] >= 0)
        (void)!write(term.pipe[1], &c, 1);
    errno = saved;
}

static void on_fatal_signal(int sig)
{
    if (atomic_load(&term.active)) {
        (void)!write(STDOUT_FILENO, term.restore, term.restore_len);
        if (term.have_tios)
            tcsetattr(STDIN_FILENO, TCSANOW, &term.saved);
    }
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++)
        if (fatal_signals[i] == sig)
            sigaction(sig, &old_fatal[i], NULL);
    raise(sig);
}

static void add_cap(const char *name)
{
    char *s = tigetstr(name);

    if (!s || s == (char *)-1)
        return;
    size_t n = strlen(s);
    if (term.restore_len + n < sizeof(term.restore)) {
        memcpy(term.restore + term.restore_len, s, n);
        term.restore_len += n;
    }
}

static void install_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_sigaction = on_winch;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGWINCH, &sa, &old_winch);
}

void ui_term_catch_faults(void)
{
    static bool done;
    struct sigaction sa;

    if (done)
        return;
    done = true;
    util_set_fatal_hook(ui_term_teardown);
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++)
        sigaction(fatal_signals[i], &sa, &old_fatal[i]);
}

static void set_style(enum ui_style st, int attr, short pair, short fg, short bg)
{
    term.attrs[st] = attr;
    if (term.colour && pair > 0) {
        init_pair(pair, fg, bg);
        term.attrs[st] |= (int)COLOR_PAIR(pair);
    }
}

/* Attributes carry every state on their own (reverse, bold); colour is an
 * extra that NO_COLOR turns off. */
static void init_styles(void)
{
    const char *nc = getenv("NO_COLOR");

    term.colour = has_colors() && !(nc && *nc);
    if (term.colour) {
        start_color();
        use_default_colors();
    }
    set_style(UI_STYLE_NORMAL, A_NORMAL, 0, 0, 0);
    set_style(UI_STYLE_HEADER, A_REVERSE, 1, COLOR_BLUE, -1);
    set_style(UI_STYLE_HEADER_PROD, A_REVERSE | A_BOLD, 2, COLOR_RED, -1);
    set_style(UI_STYLE_MARKER, A_BOLD, 0, 0, 0);
    set_style(UI_STYLE_TITLE, A_BOLD | A_UNDERLINE, 0, 0, 0);
    set_style(UI_STYLE_TITLE_FOCUS, A_REVERSE | A_BOLD, 3, COLOR_CYAN, -1);
    set_style(UI_STYLE_SELECTED, A_REVERSE, 0, 0, 0);
    set_style(UI_STYLE_SELECTED_DIM, A_UNDERLINE, 0, 0, 0);
    set_style(UI_STYLE_ERROR, A_BOLD, 4, COLOR_RED, -1);
    set_style(UI_STYLE_DIM, A_DIM, 0, 0, 0);
    set_style(UI_STYLE_KEY, A_BOLD, 0, 0, 0);
}

int ui_term_init(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return -1;
    term.have_tios = tcgetattr(STDIN_FILENO, &term.saved) == 0;
    if (term.pipe[0] < 0 && pipe2(term.pipe, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    term.screen = newterm(NULL, stdout, stdin);
    if (!term.screen)
        return -1;
    /* ncurses 6.4 writes its buffer out at every cursor movement until the screen has once
     * been left and resumed (its _nc_mvcur flushes while _endwin is ewInitial): a frame then
     * went out in dozens of writes of 50 bytes, a tty wake-up each (660 in a 100,000-row
     * load). One round trip here, before anything is drawn, makes a frame one write. */
    endwin();
    refresh();
    ui_term_catch_faults();
    term.restore_len = 0;
    add_cap("sgr0");
    add_cap("cnorm");
    add_cap("rmcup");
    /* After the restore string: the fault handler reads it once it sees active. */
    atomic_store(&term.active, true);
    atexit(ui_term_teardown);
    install_signals();
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    mousemask(0, NULL);
    curs_set(0);
    init_styles();
    return 0;
}

void ui_term_teardown(void)
{
    if (!atomic_exchange(&term.active, false))
        return;
    if (!isendwin()) {
        /* A blank screen first: tmux, leaving the alternate screen of a window grown since
         * it was entered, keeps the lines past the old size on the user's screen. */
        erase();
        refresh();
        endwin();
    }
    if (term.screen) {
        delscreen(term.screen);
        term.screen = NULL;
    }
    if (term.have_tios)
        tcsetattr(STDIN_FILENO, TCSANOW, &term.saved);
}

bool ui_term_active(void)
{
    return atomic_load(&term.active);
}

int ui_term_attr(enum ui_style style)
{
    return (unsigned)style < UI_STYLE_COUNT ? term.attrs[style] : (int)A_NORMAL;
}

bool ui_term_colour(void)
{
    return term.colour;
}

int ui_term_signal_fd(void)
{
    return term.pipe[0];
}

int ui_term_signal_drain(void)
{
    char buf[64];

    while (term.pipe[0] >= 0 && read(term.pipe[0], buf, sizeof(buf)) > 0)
        ;
    return quit_signal;
}

void ui_term_signal_clear(void)
{
    quit_signal = 0;
}

size_t ui_base64(const unsigned char *in, size_t len, char *out, size_t size)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t need = (len + 2) / 3 * 4;
    size_t o = 0;

    if (size < need + 1)
        return 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < len)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < len)
            v |= in[i + 2];
        out[o++] = b64[(v >> 18) & 63];
        out[o++] = b64[(v >> 12) & 63];
        out[o++] = i + 1 < len ? b64[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < len ? b64[v & 63] : '=';
    }
    out[o] = '\0';
    return o;
}

int ui_term_osc52(const char *data, size_t len)
{
    char b64[UI_OSC52_MAX / 3 * 4 + 8];

    if (len > UI_OSC52_MAX || (len && !ui_base64((const unsigned char *)data, len, b64,
                                                 sizeof(b64))))
        return -1;
    if (!len)
        b64[0] = '\0';
    int fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char *seq = xasprintf("\033]52;c;%s\a", b64);
    size_t n = strlen(seq);
    ssize_t w = write(fd, seq, n);
    free(seq);
    close(fd);
    return w == (ssize_t)n ? 0 : -1;
}
