/* cli_private: what the CLI's command files share (cli.c, cli_member.c).
 *
 * Contract: one struct cli per command invocation, single-threaded. The
 * helpers are cli.c's: cli_report prints cli->err (sanitised, redacted) and
 * returns the exit status; cli_confirm asks on the terminal unless --yes and
 * refuses without one; cli_journal_attempt appends one journal line and only
 * warns when it cannot. Not installed; not for other modules. */
#ifndef INVITUI_CLI_PRIVATE_H
#define INVITUI_CLI_PRIVATE_H

#include <stdbool.h>

#include "invitui/error.h"
#include "invitui/journal.h"
#include "invitui/provider.h"
#include "invitui/session.h"
#include "invitui/util.h"

struct store;

/* What one command invocation shares with its helpers. */
struct cli {
    const struct session_options *opts;
    struct session session;
    struct http_client *http;
    struct provider_ctx ctx;
    struct api_error err;
    bool json;
    bool yes;
    const char *account; /* --account */
    const char *status, *search, *sort, *email, *resource, *locale, *note;
    const char *first_name, *last_name;
    struct strvec roles, capabilities, groups;
    struct strvec add, remove; /* groups --add, --remove */
    const char *target; /* the positional ID */
    struct store *store; /* list: what the rows point into */
};

int cli_report(struct cli *cli);
int cli_find_invitation(struct cli *cli, const char *id, struct invitation *out);
int cli_print_one(struct cli *cli, const struct invitation *inv);
bool cli_confirm(struct cli *cli, const struct strbuf *text);
void cli_journal_attempt(struct cli *cli, const struct journal_entry *e, int rc);

/* cli_member.c: groups and remove. */
int cli_cmd_groups(struct cli *cli, int argc, char **argv);
int cli_cmd_remove(struct cli *cli, int argc, char **argv);

#endif
