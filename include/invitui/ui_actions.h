/* ui_actions: the TUI's write actions (resend, send new) on one row or on
 * the marked rows: the controller's write side, src/ui/actions.c (keys,
 * refusals, the pending action and its confirmation text) and
 * src/ui/bulk_run.c (runs, retry of the failed ones). The views that show
 * them (confirm_view.c, results_view.c, journal_view.c) read this state and
 * call these functions; actions.c opens them through app->open.
 *
 * Contract: UI thread only. Every action, one row or many, is a bulk_run
 * (bulk.h) on the app's worker, so each attempt is journaled the same way
 * and nothing is retried without the user asking. The text helpers at the
 * end are pure (no curses, no app) and unit-tested. */
#ifndef INVITUI_UI_ACTIONS_H
#define INVITUI_UI_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "invitui/bulk.h"
#include "invitui/journal.h"
#include "invitui/util.h"

struct ui_app;

struct ui_actions {
    /* The action waiting for its confirmation (UI_CMD_NONE when none). */
    int cmd;                  /* enum ui_cmd */
    char *target_id;          /* one row, by identity: the row may move meanwhile */
    bool bulk;                /* the marked rows, or a retry: `plan` holds them */
    bool retry;               /* the plan is a retry of failed targets */
    struct bulk_plan plan;
    char *locale;             /* Hybridbox resend; NULL: the server's default */
    bool has_locale;          /* a locale was chosen (or deliberately none) */
    char *last_locale;        /* the picker's default after the profile's */
    struct strvec group_add, group_remove; /* a pending group change (UGR ids) */
    char *ticket;             /* the session's ticket reference: kept from one
                                 confirmation to the next, journaled with each run */
    char *guard;              /* the pending row's recent-send warning, or NULL:
                                 then only `!` sends */

    /* The run in flight, or a finished bulk run kept for its result list. */
    struct bulk_run *run;
    bool run_bulk;            /* show the result overlay; else a status message */
    struct bulk_target *skipped; /* the plan's skipped targets, for the result list */
    size_t nskipped;
    char *status;             /* "Sending… 3/50" */
    char *journal_path;       /* NULL: no journal (no HOME) */
    /* Invitation ids whose last action's outcome is unknown (it may have
     * been carried out): their rows say so until the list is reloaded. */
    struct strvec unknown_ids;
};

/* actions.c */
/* Whether the command (enum ui_cmd) sends a locale (the picker, `l`). */
bool ui_actions_takes_locale(const struct ui_app *app, int cmd);
void ui_actions_pending_clear(struct ui_actions *a);
/* Opens the confirmation of the pending action. */
void ui_actions_confirm(struct ui_app *app);
/* The locale picker of a Hybridbox resend, on the locale asked for last. */
void ui_actions_open_picker(struct ui_app *app);
/* Row of the picker taken (0: none): the confirmation follows. */
void ui_actions_picked(struct ui_app *app, size_t row);
/* Whether the pending action takes a locale (l in the confirmation). */
bool ui_actions_offers_locale(const struct ui_app *app);
/* y: the pending action runs (unless a ticket is required and missing, or
 * the recent-send guard holds it: the status line says which key helps);
 * !: the same past the guard; n: it goes, and the status line says so. */
void ui_actions_accept(struct ui_app *app);
void ui_actions_accept_again(struct ui_app *app);
/* Whether the pending action is held by the recent-send guard (`!` shown). */
bool ui_actions_guarded(const struct ui_app *app);
/* t: the ticket as typed ("" clears it); a bad one is refused on the status line. */
void ui_actions_set_ticket(struct ui_app *app, const char *text);
/* The text of the pending action's confirmation (one row, the plan, or a
 * member change): the one text t redraws with the ticket typed. */
void ui_actions_confirm_text(struct ui_app *app, struct strbuf *out);
/* The end every confirmation shares: the ticket line, the given key line
 * ("y sends it, n or Esc cancels.") and the t line. */
void ui_actions_confirm_keys(struct ui_app *app, struct strbuf *out, const char *keys);
/* r on one named row (the create review's "resend that one instead"):
 * the selected row alone, whatever rows are marked. */
void ui_actions_resend_selected(struct ui_app *app);
void ui_actions_decline(struct ui_app *app);

/* Closes the views of the pending action (ops->action_view: the
 * confirmation, the picker, the result list), e.g. the worker was replaced. */
void ui_actions_views_close(struct ui_app *app);
/* The confirmation of the pending plan (bulk or retry). */
void ui_actions_bulk_confirm_text(struct ui_app *app, struct strbuf *out);

/* Rows whose outcome is unknown: marked in the list until a reload (the
 * invitations' reload calls ui_actions_reloaded) or an ok answer. */
bool ui_actions_row_unknown(const struct ui_app *app, const char *id);
void ui_actions_set_unknown(struct ui_app *app, const char *id, bool unknown);
void ui_actions_reloaded(struct ui_app *app, const char *account_id);

/* member.c: a group change (e, :groups) and a removal (D) of one member. */
/* Runs GROUPS or REMOVE (text: from the `:` line, or NULL for a key);
 * false when cmd is neither. */
bool ui_member_command(struct ui_app *app, int cmd, const char *text);
/* The confirmation of the pending GROUPS or REMOVE (nothing when its row
 * has left the list). */
void ui_member_confirm_text(struct ui_app *app, struct strbuf *out);
/* y on the confirmation of a pending GROUPS or REMOVE: one request through
 * the worker, journaled, never retried. */
void ui_member_submit(struct ui_app *app);

/* bulk_run.c */
/* Starts the pending action (one row or the plan) after `y`; a bulk run
 * opens the result list (app->hooks->results). */
void ui_bulk_submit(struct ui_app *app);
/* Frees the run and the result list (only when nothing is in flight). */
void ui_bulk_forget(struct ui_app *app);
/* Whether the run has requests to send or under way. */
bool ui_bulk_running(const struct ui_app *app);
/* q/Esc on the result list: a finished run is forgotten (true: close the
 * list); a running one stops sending (false: the list stays). */
bool ui_bulk_close(struct ui_app *app);
/* f (unknown false) or u: the failed rows -- those whose outcome is unknown
 * only with u, since they may have been sent -- become a new plan that is
 * asked for again; a status message when there are none. */
void ui_bulk_retry(struct ui_app *app, bool unknown);

/* Pure text (action_text.c). */
/* "[#####.....]" of width cells (>= 3) for done of total. */
void ui_progress_bar(struct strbuf *out, size_t done, size_t total, int width);
/* One result list line: the state as a word, the e-mail, a reason. */
void ui_bulk_target_line(struct strbuf *out, const struct bulk_target *t, bool skipped);
/* One journal view line; every field from the file made display-safe. */
void ui_journal_line(struct strbuf *out, const struct journal_record *r);
/* The lines under it: a failed action's trace id and instance, indented,
 * display-safe; none when the entry has neither. */
void ui_journal_extra_lines(struct strvec *out, const struct journal_record *r);

#endif
