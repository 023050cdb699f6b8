/* cli_private: what the CLI's command files share (cli.c, cli_create.c, cli_member.c,
 * cli_explain.c, cli_reissue.c, cli_can.c, cli_journal.c).
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
#include "invitui/explain.h"
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
    const char *what;   /* explain: the positional CAPABILITY */
    const char *from;   /* create --from */
    struct create_request from_req; /* what --from's invitation asked for */
    char *from_account; /* --from's account when no --account was given */
    const char *can;    /* list --can */
    struct role_bundles can_bundles; /* learned from every listed invitation */
    struct store *store; /* list: what the rows point into */
    const char *ticket;  /* --ticket: written to the journal with every attempt */
    bool again;          /* --again: past the recent-send guard */
    const char *since;   /* journal --since */
};

int cli_report(struct cli *cli);
/* The accounts a command looks in: --account, the profile's, or all. */
int cli_collect_accounts(struct cli *cli, struct strvec *ids);
int cli_find_invitation(struct cli *cli, const char *id, struct invitation *out);
int cli_print_one(struct cli *cli, const struct invitation *inv);
bool cli_confirm(struct cli *cli, const struct strbuf *text);
/* Appends the attempt with cli->ticket. */
void cli_journal_attempt(struct cli *cli, const struct journal_entry *e, int rc);
/* The action core's details (with the ticket) and question, then cli_confirm. */
bool cli_confirm_action(struct cli *cli, enum inv_action action, const char *email,
                        const char *account_id, const char *locale);
/* --locale against the offered locales (-1 with API_ERR_USAGE). */
int cli_validate_locale(struct cli *cli);
/* After an action: the error report, or the result printed (and freed). */
int cli_finish_action(struct cli *cli, int rc, struct invitation *result);

/* cli_create.c: create. */
int cli_cmd_create(struct cli *cli, int argc, char **argv);

/* cli_journal.c: the ticket and the recent-send guard, and `invitui journal`.
 * ticket_check: -1 with API_ERR_USAGE (exit 2) when --ticket is unusable or
 * the profile's ticket_required wants one. recent_send_guard: -1 with
 * API_ERR_STATE (exit 1) saying when it was sent, unless --again. */
int cli_ticket_check(struct cli *cli);
int cli_recent_send_guard(struct cli *cli, enum inv_action action,
                          const struct invitation *target);
int cli_cmd_journal(struct cli *cli, int argc, char **argv);

/* cli_member.c: groups and remove. */
int cli_cmd_groups(struct cli *cli, int argc, char **argv);
int cli_cmd_remove(struct cli *cli, int argc, char **argv);

/* cli_reissue.c: create --from. prefill finds the invitation and fills
 * what the command line left out (and puts its groups before --group's);
 * merge puts its assignments before the ones the options add. */
int cli_reissue_prefill(struct cli *cli);
bool cli_reissue_has_assignments(const struct cli *cli);
void cli_reissue_merge(struct cli *cli, struct create_request *req);
void cli_reissue_free(struct cli *cli);

/* cli_can.c: list --can. learn (before the list is filtered; -1 with
 * API_ERR_USAGE when the provider has no capability keys), then print the
 * rows that will grant the capability with the path, as a table or
 * --json (each object with "can": {via, key}). */
int cli_can_learn(struct cli *cli, const struct invitation_list *all);
int cli_can_print(struct cli *cli, const struct invitation *const *rows, size_t n);

/* cli_explain.c: explain. read_groups puts the account's groups into rb
 * where the provider's groups say what they give; when they cannot be read
 * it warns on stderr (warn_groups_unread) and returns -1, rb marked unread. */
int cli_cmd_explain(struct cli *cli, int argc, char **argv);
int cli_read_groups(struct cli *cli, const char *account_id, struct role_bundles *rb);
void cli_warn_groups_unread(void);

#endif
