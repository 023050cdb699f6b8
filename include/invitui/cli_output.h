/* cli_output: how the CLI prints invitations and accounts: a table that
 * fits the terminal width, or the stable --json format (doc/invitui.1);
 * and, with --json, the error object of a command that failed.
 *
 * Contract: table cells are sanitised and cut on column boundaries; JSON
 * output is UTF-8 with every control character escaped by jansson, so both
 * are safe on a terminal. Single-threaded. */
#ifndef INVITUI_CLI_OUTPUT_H
#define INVITUI_CLI_OUTPUT_H

#include <jansson.h>
#include <stdio.h>
#include <time.h>

#include "invitui/error.h"

#include "invitui/model.h"
#include "invitui/provider.h"

/* Columns available on stdout: the terminal width, $COLUMNS, or 0 (no limit)
 * when stdout is not a terminal. */
int cli_output_width(FILE *out);

void cli_print_invitations_table(FILE *out, const struct invitation *const *rows, size_t n,
                                 time_t now, int width);
/* A JSON array of the stable invitation objects; 0, or -1 on a write error. */
int cli_print_invitations_json(FILE *out, const struct invitation *const *rows, size_t n);
/* The same with one more member, key, in each object: extra[i] (borrowed),
 * or none where it is NULL. */
int cli_print_invitations_json_with(FILE *out, const struct invitation *const *rows, size_t n,
                                    const char *key, json_t *const *extra);
void cli_print_invitation_detail(FILE *out, const struct invitation *inv, time_t now);

void cli_print_accounts_table(FILE *out, const struct account_list *l, int width);
int cli_print_accounts_json(FILE *out, const struct account_list *l);

/* {"error": {kind, http_status, title, detail, fields, trace_id, instance,
 * maybe_sent, retry_after, message}}: every member always present (null
 * when unknown), fields an object of arrays of messages, maybe_sent true
 * when journal_result_of says unknown; the stable shape doc/invitui.1
 * documents. 0, or -1 on a write error. */
int cli_print_error_json(FILE *out, const struct api_error *err);

#endif
