/* ui: the full-screen terminal UI (`invitui` with no command).
 *
 * Contract: ui_run opens the session for the options (config file,
 * profile), starts the background worker and curses, and runs until the
 * user quits or SIGINT/SIGTERM/SIGHUP arrives; the terminal is restored on
 * every path out, including crashes. Returns the process exit status: 0,
 * 128 + signal number after a quit signal, or the documented error codes
 * (api_error_exit_code) when the session cannot start; in that case the
 * message is printed to stderr before curses ever starts. Call once, from
 * main(), on the main thread, after i18n_init and http_global_init. */
#ifndef INVITUI_UI_H
#define INVITUI_UI_H

#include "invitui/session.h"

int ui_run(const struct session_options *options);

#endif
