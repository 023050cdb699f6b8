/* cli: the non-interactive subcommands (`invitui list`, `resend` ...).
 *
 * Contract: cli_run executes one subcommand and returns the process exit
 * status (0 ok, 1 API error, 2 usage, 3 authentication, 4 network or
 * timeout; see doc/invitui.1). Output goes to stdout (a table that fits the
 * terminal, or --json), messages to stderr; every server string is
 * sanitised before it reaches a terminal. Single-threaded; no curses. */
#ifndef INVITUI_CLI_H
#define INVITUI_CLI_H

#include <stdbool.h>

#include "invitui/session.h"

bool cli_is_command(const char *name);
/* argv[0] is the command name. */
int cli_run(const struct session_options *opts, int argc, char **argv);
/* Parses argv (argv[0] the command name) exactly as cli_run does, without
 * loading the configuration or running anything: 0 when the arguments are
 * acceptable, 2 for a usage error (message on stderr), -1 after --help.
 * For the command-line fuzzer (tests/fuzz/fuzz_cli.c). */
int cli_check_args(int argc, char **argv);
/* The command list for `invitui --help`. */
void cli_print_commands(void);

#endif
