/* action: one write action (create, resend, send new, groups, remove) as the CLI, the TUI
 * and bulk runs all see it -- whether it applies and why not, the text of
 * its confirmation, the provider call and the journal entry. Each sentence
 * about an action exists here once; callers lay it out (a terminal prompt,
 * an overlay) but never word it.
 *
 * Contract: pure functions, no globals, no curses; safe on any thread
 * (action_perform blocks on the network, so the TUI calls it only from the
 * worker). Texts are translated and every value interpolated into them
 * (e-mail, account, profile name, locale) is made terminal-safe first.
 * What differs between providers comes from struct provider_ops (its
 * actions, action_refusal and capability fields), never from asking which
 * provider it is. Returned strings are malloc'd unless documented static. */
#ifndef INVITUI_ACTION_H
#define INVITUI_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "invitui/explain.h"
#include "invitui/journal.h"
#include "invitui/profile.h"
#include "invitui/provider.h"
#include "invitui/util.h"

/* Where an action happens: the profile, its provider and the account. */
struct action_scope {
    const struct profile *profile;
    const struct provider_ops *ops;
    const char *account_id;
    const char *account_name; /* may be NULL or empty: the id is shown alone */
};

/* Why nothing may be written with this profile ("Profile P is read-only:
 * it cannot create or send invitations."), or NULL when it may. The one
 * wording of the read-only refusal, for the CLI, the TUI and the providers. */
char *action_read_only_refusal(const struct profile *p);
/* 0, or -1 with API_ERR_USAGE and that refusal when p is read-only. */
int action_check_writable(const struct profile *p, struct api_error *err);

/* Why `action` does not apply to inv at now (static, translated), or NULL
 * when it does: the provider's reason, one sentence per case. */
const char *action_refusal(const struct provider_ops *ops, const struct invitation *inv,
                           enum inv_action action, time_t now);

/* "None of the 3 marked invitations can be resent." */
char *action_none_eligible(enum inv_action action, size_t marked);

/* Whether the action sends a locale with this provider (the locale picker). */
bool action_takes_locale(const struct provider_ops *ops, enum inv_action action);
/* "2 marked invitations are hidden by the tab or filter and are not
 * included." for a confirmation (hidden > 0). */
void action_hidden_marks(struct strbuf *out, size_t hidden);
/* The locale an action sends: the chosen one for a resend whose provider
 * takes a locale, else NULL (static or borrowed from chosen). */
const char *action_locale(const struct provider_ops *ops, enum inv_action action,
                          const char *chosen);

/* The question of a confirmation on one invitation ("Resend the invitation
 * e-mail to a@b.c?") or, with inv NULL, on n of them. Create takes the
 * address in email (inv NULL, n 1). */
void action_question(struct strbuf *out, const struct provider_ops *ops, enum inv_action action,
                     const char *email, size_t n);

/* The lines every confirmation has, each ending in '\n': the account, the
 * profile with its provider and, visibly in words, its production mark, and
 * the locale (or why none is used). */
void action_confirm_details(struct strbuf *out, const struct action_scope *s,
                            enum inv_action action, const char *locale);

/* "Ticket: HD-1234\n" under those details; nothing when ticket is NULL or "". */
void action_confirm_ticket(struct strbuf *out, const char *ticket);

/* The journal entry of an action on target (resend, send new); strings
 * are borrowed from the arguments. */
void action_journal_entry(struct journal_entry *e, const struct action_scope *s,
                          enum inv_action action, const struct invitation *target,
                          const char *locale);
/* The journal entry of a create; created may be NULL (failed). */
void action_journal_create(struct journal_entry *e, const struct action_scope *s,
                           const struct create_request *req, const struct invitation *created);
/* Appends the attempt (journal_log) to path. NULL, or the reason the line
 * could not be written (the action's own result stands). NULL path: no journal. */
char *action_journal(const char *path, const struct journal_entry *e, int rc,
                     const struct api_error *err);

/* The call: refuses a read-only profile (API_ERR_USAGE) and an action that
 * does not apply (API_ERR_STATE, action_refusal's text) without a request,
 * then resends (with action_locale's locale) or sends new. 0 or -1. */
int action_perform(const struct provider_ctx *ctx, const struct provider_ops *ops,
                   enum inv_action action, const struct invitation *target, const char *locale,
                   struct invitation *out, struct api_error *err);
/* The same for a create in account_id. */
int action_create(const struct provider_ctx *ctx, const struct provider_ops *ops,
                  const char *account_id, const struct create_request *req,
                  struct invitation *out, struct api_error *err);

/* Fixing a wrong invitation without a new one (action_member.c). */
/* The lines of a group change ("Add to groups: …") and its question. */
void action_groups_question(struct strbuf *out, const char *email,
                            const struct group_change *c);
/* What a removal loses (the link, the groups by name, or an active
 * member's access), that only a new invitation undoes, and the question. */
void action_remove_question(struct strbuf *out, const struct provider_ops *ops,
                            const struct invitation *target);
/* "+UGR-1 -UGR-2": the journal's record of a change (malloc'd). */
char *action_group_change_text(const struct group_change *c);
/* The calls, with the same refusals as action_perform: a read-only
 * profile, or the provider's reason (no such call, the member's state). */
int action_change_groups(const struct provider_ctx *ctx, const struct provider_ops *ops,
                         const struct invitation *target, const struct group_change *change,
                         struct invitation *out, struct api_error *err);
int action_remove(const struct provider_ctx *ctx, const struct provider_ops *ops,
                  const struct invitation *target, struct api_error *err);

/* The capability explainer (explain.h) over a provider's data (action_explain.c).
 * action_learn_bundles learns every role bundle the invitations show
 * (ops->explain_subject on each; unreadable ones teach nothing).
 * action_explain reads inv into *subject (which the answer's paths point
 * into: free it after the answer) and explains cap with the provider's
 * documented roles; -1 with API_ERR_USAGE when the provider's API says
 * nothing of capabilities (ops->explain_subject is NULL), API_ERR_PARSE
 * when inv's object cannot be read. */
void action_learn_bundles(const struct provider_ops *ops, const struct invitation_list *all,
                          struct role_bundles *rb);
int action_explain(const struct provider_ops *ops, const struct role_bundles *rb,
                   const struct invitation *inv, const char *cap, struct explain_owned *subject,
                   struct explain_answer *out, struct api_error *err);
/* Where the provider's groups state what they give (ops->group_grants):
 * action_learn_groups puts the account's groups (as list_groups read them)
 * into rb, or with groups NULL marks them unread, so that answers say the
 * group attribution is unknown rather than guess; nothing otherwise.
 * action_read_groups reads them first (blocks: the CLI, or the worker);
 * -1 with err when that failed (rb is then marked unread), else 0. */
void action_learn_groups(const struct provider_ops *ops, const struct group_list *groups,
                         struct role_bundles *rb);
int action_read_groups(const struct provider_ctx *ctx, const struct provider_ops *ops,
                       const char *account_id, struct role_bundles *rb, struct api_error *err);

/* The answer in words, each line ending in '\n': has / will have it or not, each
 * path (and whether it is learned, from how many invitations, or a group
 * of unknown contents, or one the account says gives it), and when not,
 * the roles or the account's groups that would grant it. The offer to
 * reissue or to add the group is the caller's (a command line, a key). */
void action_explain_text(struct strbuf *out, const struct invitation *inv, const char *cap,
                         const struct explain_answer *a);
/* A path's short name for a column ("direct", "role?"), translated; and
 * the path a list shows for a granted answer: a certain one (ownership, a
 * direct assignment) when there is one, else the first. */
const char *action_explain_via_label(enum explain_via via);
size_t action_explain_best_path(const struct explain_answer *a);
/* The guards before sending (action_guard.c). */
/* Why a ticket reference cannot be used (empty, a control character, over
 * 64 characters; static, translated), or NULL. */
const char *action_ticket_problem(const char *ticket);
/* Whether the profile asks for a ticket (ticket_required) and none is given. */
bool action_ticket_missing(const struct profile *p, const char *ticket);
/* Whether the recent-send guard applies to the action (resend, send new). */
bool action_guarded(enum inv_action action);
/* The newest journal record (newest_first, as journal_read_newest_first
 * gives it) of a send (create, resend, send-new) with result ok, by this
 * profile, to this invitation id, less than guard_s before now; NULL when
 * there is none or guard_s is 0. Borrowed from the list. */
const struct journal_record *action_recent_send(const struct journal_list *newest_first,
                                                const char *profile, const char *target_id,
                                                long guard_s, time_t now);
/* "An invitation e-mail to a@b.c was sent 3 minutes ago (…) from this
 * machine." and its ticket, if any. */
void action_recent_send_text(struct strbuf *out, const char *email,
                             const struct journal_record *r, time_t now);
/* The journal lines the guard looks at: the newest ones back to the
 * profile's window (and some slack for interleaved writers), newest first;
 * nothing when the profile has no guard. Only those lines are parsed, so a
 * check costs what the last minutes' sends cost, whatever the journal's
 * size (within its last JOURNAL_TAIL_BYTES). As journal_read_since. */
int action_recent_sends_read(const char *journal_path, const struct profile *p, time_t now,
                             struct journal_list *out, struct api_error *err);
/* Reads the journal at path and returns that text (malloc'd) when the
 * guard holds the action on target back, else NULL (also when the journal
 * cannot be read: it guards nothing then), through action_recent_sends_read. */
char *action_recent_send_check(const char *journal_path, const struct profile *p,
                               enum inv_action action, const struct invitation *target,
                               time_t now);
/* The duplicate guard of a create: the invitation of l that is pending for
 * email (ignoring ASCII case), or NULL; and "a@b.c already has a pending
 * invitation in this account (ID)." */
const struct invitation *action_pending_for(const struct invitation_list *l, const char *email);
void action_pending_text(struct strbuf *out, const struct invitation *pending);

#endif
