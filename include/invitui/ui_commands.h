/* ui_commands: every TUI command in one X-macro list, and the default keys.
 *
 * Contract: UI_COMMANDS generates the command enum, the `:` command names,
 * the `?` overlay and the key line, so a command exists in exactly one
 * place. Keys are data (ui_default_keys); a key is looked up in the focused
 * scope first, then in the global scope. Help and short texts are N_()
 * marked and translated by the caller at display time. Pure tables: any
 * thread, but only the UI thread has a use for them. */
#ifndef INVITUI_UI_COMMANDS_H
#define INVITUI_UI_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/i18n.h"
#include "invitui/util.h"

enum ui_cmd_flags {
    UI_CMD_ARG = 1u << 0,      /* `:name ARG` takes an argument */
    UI_CMD_WRITE = 1u << 1,    /* changes server state; refused on read-only profiles */
    UI_CMD_RESERVED = 1u << 2, /* key reserved for a later release; says so when pressed */
    UI_CMD_KEYLINE = 1u << 3,  /* shown on the one-line key summary */
    UI_CMD_NONAME = 1u << 4,   /* no `:` name (navigation, or a key of one view) */
    UI_CMD_MOVE = 1u << 5,     /* moves the selection: falls through into every view */
};

/* X(id, name, short label, help, flags) */
#define UI_COMMANDS(X)                                                                          \
    X(QUIT, "quit", N_("quit"), N_("Close the overlay, or quit invitui"), UI_CMD_KEYLINE)      \
    X(HELP, "help", N_("help"), N_("Show the keys of the current pane"), UI_CMD_KEYLINE)       \
    X(UP, "up", N_("up"), N_("Move the selection up"), UI_CMD_NONAME | UI_CMD_MOVE)            \
    X(DOWN, "down", N_("down"), N_("Move the selection down"), UI_CMD_NONAME | UI_CMD_MOVE)    \
    X(PAGE_UP, "page-up", N_("page up"), N_("Move one page up"), UI_CMD_NONAME | UI_CMD_MOVE)  \
    X(PAGE_DOWN, "page-down", N_("page down"), N_("Move one page down"),                       \
      UI_CMD_NONAME | UI_CMD_MOVE)                                                             \
    X(HALF_UP, "half-page-up", N_("half up"), N_("Move half a page up"),                       \
      UI_CMD_NONAME | UI_CMD_MOVE)                                                             \
    X(HALF_DOWN, "half-page-down", N_("half down"), N_("Move half a page down"),               \
      UI_CMD_NONAME | UI_CMD_MOVE)                                                             \
    X(FIRST, "first", N_("first"), N_("Go to the first row"), UI_CMD_NONAME | UI_CMD_MOVE)     \
    X(LAST, "last", N_("last"), N_("Go to the last row"), UI_CMD_NONAME | UI_CMD_MOVE)         \
    X(NEXT_PANE, "next-pane", N_("pane"), N_("Focus the next pane"), UI_CMD_KEYLINE)           \
    X(PREV_PANE, "prev-pane", N_("pane"), N_("Focus the previous pane"), 0)                    \
    X(PANE_LEFT, "pane-left", N_("left"), N_("Focus the pane to the left"), UI_CMD_NONAME)     \
    X(PANE_RIGHT, "pane-right", N_("right"), N_("Focus the pane to the right"), UI_CMD_NONAME) \
    X(OPEN, "open", N_("open"), N_("Open the account, or expand or collapse a tree node"),     \
      UI_CMD_KEYLINE)                                                                          \
    X(EXPAND_ALL, "expand-all", N_("expand all"), N_("Expand every node of the detail tree"), 0) \
    X(COLLAPSE_ALL, "collapse-all", N_("collapse all"),                                        \
      N_("Collapse the detail tree to its sections"), 0)                                       \
    X(FILTER, "filter", N_("filter"),                                                          \
      N_("Filter invitations by e-mail, name or id as you type (Esc clears)"),                 \
      UI_CMD_ARG | UI_CMD_KEYLINE)                                                             \
    X(TAB, "tab", N_("state"),                                                                 \
      N_("Show all, pending, expired, accepted or other invitations"),                         \
      UI_CMD_ARG | UI_CMD_KEYLINE)                                                             \
    X(SORT_NEXT, "sort-next", N_("sort"), N_("Cycle the sort order"), UI_CMD_KEYLINE)          \
    X(SORT, "sort", N_("sort"), N_("Sort by expiry, created, email or status"), UI_CMD_ARG)    \
    X(SORT_REVERSE, "sort-reverse", N_("reverse"),                                             \
      N_("Reverse the sort order (the arrow on the column's title shows it)"), 0)              \
    X(REFRESH, "refresh", N_("refresh"), N_("Load the accounts and invitations again"),       \
      UI_CMD_KEYLINE)                                                                          \
    X(COPY, "copy", N_("copy"), N_("Copy the invitation link or id to the clipboard (OSC 52)"),\
      UI_CMD_KEYLINE)                                                                          \
    X(PROMPT, "prompt", N_("command"), N_("Type a command (Tab completes)"),                  \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(PROFILE, "profile", N_("profile"), N_("Switch to another profile"), UI_CMD_ARG)          \
    X(ACCOUNT, "account", N_("account"), N_("Show the account with this name or id"),          \
      UI_CMD_ARG)                                                                              \
    X(CANCEL, "cancel", N_("cancel"),                                                          \
      N_("Cancel requests in flight; clear the filter or the message"), UI_CMD_KEYLINE)        \
    X(SHOW_ERROR, "error", N_("error"), N_("Show the last error in full"), UI_CMD_KEYLINE)     \
    X(REDRAW, "redraw", N_("redraw"), N_("Redraw the whole screen"), 0)                        \
    X(CREATE, "create", N_("create"),                                                          \
      N_("Create an invitation: a form, then the request to check, then a confirmation"),      \
      UI_CMD_WRITE | UI_CMD_KEYLINE)                                                           \
    X(RESEND, "resend", N_("resend"),                                                          \
      N_("Resend the invitation (or the marked ones)"),                                        \
      UI_CMD_WRITE | UI_CMD_KEYLINE)                                                           \
    X(SEND_NEW, "send-new", N_("send new"),                                                    \
      N_("Send a new invitation after expiry (or the marked ones)"),                           \
      UI_CMD_WRITE | UI_CMD_KEYLINE)                                                           \
    X(MARK, "mark", N_("mark"), N_("Mark or unmark the row for a bulk action"), UI_CMD_KEYLINE)\
    X(MARK_ALL, "mark-all", N_("mark all"), N_("Mark every row the filter shows"), 0)        \
    X(UNMARK_ALL, "unmark-all", N_("unmark"), N_("Clear the marks"), 0)                       \
    X(JOURNAL, "journal", N_("journal"), N_("Show the action journal, newest first"),          \
      UI_CMD_KEYLINE)                                                                          \
    X(EXPLAIN, "explain", N_("explain"),                                                       \
      N_("Will this person have a capability, and through what? (Tab completes the keys)"),     \
      UI_CMD_ARG)                                                                              \
    X(CAN, "can", N_("can"),                                                                   \
      N_("Who will have a capability (:can alone shows all): only them, with the path; Tab "  \
         "completes"),                                                                          \
      UI_CMD_ARG)                                                                              \
    X(REISSUE, "reissue", N_("reissue"),                                                       \
      N_("Reissue: the create form filled in from the invitation"), UI_CMD_WRITE)              \
    X(GROUPS, "groups", N_("groups"),                                                          \
      N_("Change the groups of a user who has not accepted yet (+name -name; Tab completes)"),  \
      UI_CMD_ARG | UI_CMD_WRITE)                                                               \
    X(REMOVE, "remove", N_("remove"),                                                          \
      N_("Remove the user from the account (the question names what is lost)"), UI_CMD_WRITE) \
    UI_VIEW_COMMANDS(X)

/* The keys of one view (a dialog over the panes): no `:` name, bound only
 * in that view's scope. */
#define UI_VIEW_COMMANDS(X)                                                                     \
    X(CLOSE, "close", N_("close"),                                                             \
      N_("Close this view (a bulk run that is still sending is stopped first)"),               \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(CONFIRM, "confirm", N_("confirm"), N_("Send as the question says"),                      \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(DECLINE, "decline", N_("cancel"), N_("Cancel: nothing is sent"),                         \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(LOCALE, "locale", N_("locale"), N_("Choose the locale of the invitation e-mail"),        \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(TICKET, "ticket", N_("ticket"), N_("Enter the helpdesk ticket reference"),               \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(RESEND_PENDING, "resend-pending", N_("resend that one"),                                 \
      N_("Resend the pending invitation the e-mail already has, not a new one (the form is kept)"),\
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(SEND_AGAIN, "send-again", N_("send again"),                                              \
      N_("Send although the journal shows it was sent minutes ago"),                           \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(PICK, "pick", N_("pick"), N_("Take the selected entry"), UI_CMD_NONAME | UI_CMD_KEYLINE) \
    X(RETRY_FAILED, "retry-failed", N_("retry failed"),                                        \
      N_("Ask to send the failed invitations again"), UI_CMD_NONAME | UI_CMD_KEYLINE)          \
    X(RETRY_UNKNOWN, "retry-unknown", N_("retry unknown"),                                     \
      N_("Ask to send again those whose outcome is unknown (check them first)"),               \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(FIND, "find", N_("filter"), N_("Filter the list as you type (Esc clears)"),              \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(ACCEPT, "accept", N_("accept"), N_("Take the line"), UI_CMD_NONAME | UI_CMD_KEYLINE)     \
    X(COMPLETE, "complete", N_("complete"), N_("Complete the word"),                           \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(NEXT_FIELD, "next-field", N_("next field"),                                              \
      N_("Next field; on an item below the fields, do what it says"),                          \
      UI_CMD_NONAME | UI_CMD_KEYLINE)                                                          \
    X(TO_REVIEW, "to-review", N_("review"), N_("Go to the end of the form, to review and send it"),\
      UI_CMD_NONAME | UI_CMD_KEYLINE)

#define UI_CMD_ENUM(id, name, label, help, flags) UI_CMD_##id,
enum ui_cmd { UI_CMD_NONE = -1, UI_COMMANDS(UI_CMD_ENUM) UI_CMD_COUNT };
#undef UI_CMD_ENUM

/* Where a key binding applies: one scope per kind of view. A key is looked
 * up in the top view's scope first, then falls through to the global scope:
 * every global command under a pane, only the UI_CMD_MOVE ones and help
 * under a modal view (a dialog), so nothing acts behind a question. */
enum ui_scope {
    UI_SCOPE_GLOBAL,
    UI_SCOPE_ACCOUNTS,
    UI_SCOPE_INVITATIONS,
    UI_SCOPE_DETAIL,
    UI_SCOPE_HELP,    /* the `?` view */
    UI_SCOPE_MESSAGE, /* a message or an error in full */
    UI_SCOPE_JOURNAL,
    UI_SCOPE_CONFIRM,
    UI_SCOPE_PICK,    /* the locale picker */
    UI_SCOPE_RESULTS, /* a bulk run's progress and results */
    UI_SCOPE_INPUT,   /* the `/` and `:` line (its editor takes the other keys) */
    UI_SCOPE_CREATE,  /* the create form (the focused field's editor takes the other keys) */
    UI_SCOPE_CREATE_REVIEW,  /* the request to check before it is sent */
    UI_SCOPE_CREATE_SENDING, /* the create in flight */
    UI_SCOPE_CREATE_DISCARD, /* "discard the form?" */
    UI_SCOPE_EXPLAIN,        /* the capability explainer's answer */
    UI_SCOPE_COUNT
};

struct ui_command_info {
    const char *name;  /* for `:`; never translated */
    const char *label; /* N_() short label for the key line */
    const char *help;  /* N_() sentence for the `?` overlay */
    unsigned flags;
};

struct ui_key_binding {
    enum ui_scope scope;
    int key;          /* a byte, or a curses KEY_* code */
    enum ui_cmd cmd;
    int arg;          /* e.g. the state tab of `1`..`5`; 0 otherwise */
};

/* Reserved key codes for keys curses reports as plain bytes. */
#define UI_KEY_ESC 27
#define UI_KEY_CTRL(c) ((c) & 0x1f)

const struct ui_command_info *ui_command_info(enum ui_cmd cmd);
/* `:` name (or an unambiguous prefix of one) to the command; UI_CMD_NONE if
 * unknown or ambiguous. */
enum ui_cmd ui_command_by_name(const char *name);
/* The n-th `:` name starting with prefix (for readline completion), or NULL. */
const char *ui_command_complete(const char *prefix, size_t n);

/* The default table and its size. */
const struct ui_key_binding *ui_default_keys(size_t *count);
/* The binding of key in scope, falling back to the global scope; NULL if none. */
const struct ui_key_binding *ui_key_lookup(enum ui_scope scope, int key);
/* A key's name for the help overlay and key line ("j", "Down", "PgDn", "Enter"). */
const char *ui_key_name(int key, char *buf, size_t size);
/* The first key bound to cmd in scope (or global); -1 if none. */
int ui_key_for(enum ui_scope scope, enum ui_cmd cmd);
/* A modal scope takes from the global scope only movement and help. */
bool ui_scope_modal(enum ui_scope scope);
/* Whether a global binding of cmd reaches scope (movement under a dialog). */
bool ui_scope_inherits(enum ui_scope scope, enum ui_cmd cmd);

/* keys.c: what `?` and the key line say, generated from the table. */
/* The keys of cmd reachable in scope, as the key line writes them ("q/Esc",
 * "1-5", "Enter"); empty when cmd has no key there. */
void ui_key_label(enum ui_scope scope, enum ui_cmd cmd, char *buf, size_t size);
/* The key line's commands of scope, most useful first: fills out (up to max)
 * and returns how many. */
size_t ui_keyline_commands(enum ui_scope scope, enum ui_cmd *out, size_t max);
/* The `?` view's lines for scope: every key that acts there with its help
 * sentence, then (under a pane) the `:` commands. Appends to out. */
void ui_help_lines(enum ui_scope scope, struct strvec *out);

/* Names of the state tabs, index = the TAB argument: N_("all"), N_("pending") ... */
#define UI_TAB_COUNT 5
const char *ui_tab_name(int tab);
/* "pending" etc. (or a unique prefix) to the tab index; -1 if unknown. */
int ui_tab_by_name(const char *name);

/* The N_() label of a sort key (an enum store_sort) for the screen; the
 * caller translates it. `:sort` and --sort keep the stable English names. */
const char *ui_sort_label(int sort);

#endif
