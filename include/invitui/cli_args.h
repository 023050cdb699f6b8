/* cli_args: checks on the words of a command line before any of them is
 * used, and how to name an option back to the user.
 *
 * Contract: pure functions, no I/O, no gettext; safe on any thread. Results
 * that are strings are malloc'd, owned by the caller, and terminal-safe
 * (passed through sanitize_display), because argv is untrusted text that an
 * error message echoes. */
#ifndef INVITUI_CLI_ARGS_H
#define INVITUI_CLI_ARGS_H

#include <stdbool.h>

/* True when s is entirely valid UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF). The APIs take JSON, which cannot carry anything else:
 * an invalid value would be dropped on the way, never sent as typed. */
bool cli_args_utf8_valid(const char *s);

/* The option getopt_long just returned, as the user typed it, without its
 * value: "--email" for both "--email x" and "--email=x" (argv[optind - 2]
 * or argv[optind - 1]), and the element at optind - 1 otherwise. optarg is
 * getopt's, NULL when the option took no value. */
char *cli_args_option_typed(char *const *argv, int optind, const char *optarg);

#endif
