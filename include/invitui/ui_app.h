/* ui_app: the controller of the TUI -- the state of one session and what
 * the views may call (app.c, stack.c, data.c, rows.c, draw.c, the actions
 * in ui_actions.h). Views include this header and the base headers, never
 * another view's; the controller reaches a view only through struct
 * ui_hooks. Which file is controller, base or view is listed in
 * tests/unit/ui_layers.sh, which fails when a call crosses.
 *
 * Contract: a single struct ui_app lives on the UI thread's stack in
 * ui_run; every function here runs on the UI thread. Data flows one way:
 * keys become commands (ui_app_command), commands change state or submit
 * jobs (ui_data_*), job results are applied into the store in done()
 * callbacks, and state changes only set dirty flags; ui_app_render draws
 * everything that is dirty and calls doupdate() once per loop turn. */
#ifndef INVITUI_UI_APP_H
#define INVITUI_UI_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "invitui/bulk.h"
#include "invitui/row_slab.h"
#include "invitui/session.h"
#include "invitui/snapshot.h"
#include "invitui/store.h"
#include "invitui/tree.h"
#include "invitui/ui_commands.h"
#include "invitui/ui_layout.h"
#include "invitui/ui_list.h"
#include "invitui/ui_view.h"
#include "invitui/util.h"

struct worker;
struct job;
struct cache_read;
struct ui_input_state;
struct ui_actions;

enum ui_dirty {
    UI_DIRTY_LAYOUT = 1u << 0, /* sizes changed: recompute rectangles */
    UI_DIRTY_DATA = 1u << 1,   /* store or filter changed: re-apply the view */
    UI_DIRTY_DETAIL = 1u << 2, /* selected invitation changed: rebuild the tree */
    UI_DIRTY_SCREEN = 1u << 3, /* repaint */
    UI_DIRTY_NAMES = 1u << 4,  /* names came for ids: the detail tree is built again */
};

/* Dialogs open at once at most: help over a question over a result list. */
enum { UI_STACK_MAX = 8 };

/* The `/` line filters the invitations, or (VIEW) the view it was opened
 * over; the `:` line runs a command. */
enum ui_input_mode { UI_INPUT_NONE, UI_INPUT_FILTER, UI_INPUT_COMMAND, UI_INPUT_VIEW };

/* INVITUI_TIMINGS (frame_timings.c): what waits for the next screen update. */
enum { UI_TIMINGS_KEYS = 16 };
struct ui_frame_timings {
    bool painted;             /* first_paint written */
    bool rows_pending;
    bool rows_complete;       /* the pending rows are the whole list (rows_complete too) */
    size_t rows_count;
    bool cache_pending;       /* cache_shown waits for the frame that shows the cached rows */
    size_t cache_count;
    struct {
        char name[32];
        double read_ms;
    } keys[UI_TIMINGS_KEYS];
    size_t nkeys;
};

struct ui_create_state;

/* How the controller reaches a view: opens it, or asks it what only it
 * knows. The wiring file (ui.c), the only file that knows every view,
 * fills this once at start; the controller and the
 * views call through it, so no view calls another view's functions and
 * the controller calls none (tests/unit/ui_layers.sh checks it, and lists
 * which file is controller, base or view). A test puts its fakes here. */
struct ui_hooks {
    /* The question before a write (actions.c has the pending action). */
    void (*confirm)(struct ui_app *app, const char *text);
    /* The locale picker of a Hybridbox resend, on row (0: no locale). */
    void (*picker)(struct ui_app *app, size_t row);
    /* The progress and result list of the bulk run in app->actions. */
    void (*results)(struct ui_app *app);
    void (*journal)(struct ui_app *app);
    /* The keys of scope (what `?` was pressed over). */
    void (*help)(struct ui_app *app, enum ui_scope scope);
    /* A text in full (a message, an error); y copies copy when not NULL. */
    void (*message)(struct ui_app *app, const char *title, const char *text, const char *copy);
    /* "Quit and lose the kept create form?"; a view named "quit". */
    void (*quit_ask)(struct ui_app *app);
    /* The create form (c): opens it (with the kept draft, if any); whether
     * a draft that was not sent is kept (quitting would lose it); closes
     * the form if it is open, keeping the draft. */
    void (*create_open)(struct ui_app *app);
    bool (*create_kept)(struct ui_app *app);
    void (*create_hide)(struct ui_app *app);
    /* The invitations pane's ops for the session's provider (a name
     * column or not), and the columns the accounts pane needs. */
    const struct ui_view_ops *(*invitations_ops)(bool named);
    int (*accounts_width)(struct ui_app *app);
    /* The detail pane: its tree for the selected invitation (recalc pass,
     * UI_DIRTY_DETAIL), and forgetting it (the session changed). */
    void (*detail_rebuild)(struct ui_app *app);
    void (*detail_free)(struct ui_app *app);
    /* The `/` or `:` line; a `/` line for the view target under it (apply
     * gets the text as it is typed, and "" on Esc). */
    void (*input_begin)(struct ui_app *app, enum ui_input_mode mode);
    void (*input_begin_view)(struct ui_app *app, struct ui_view *target, const char *initial,
                             void (*apply)(struct ui_app *app, struct ui_view *target,
                                           const char *text));
    /* The `:` line with initial already typed ("explain "): a key that
     * asks for its argument on the line, with the line's completion. */
    void (*input_command)(struct ui_app *app, const char *initial);
    /* The create form filled in from req (a reissue); refused while a
     * draft is kept (it would be lost). */
    void (*create_open_from)(struct ui_app *app, const struct create_request *req);
    /* The explainer's answer (display-safe text) for invitation id; role,
     * when not NULL, is the role a reissue would add, group the group (its
     * display-safe name, or id) a group change would add (a key offers each). */
    void (*explain)(struct ui_app *app, const char *title, const char *text, const char *id,
                    const char *role, const char *group);
};

struct ui_app {
    struct session session;
    bool session_ok;
    char *open_error; /* why the session could not open (shown in the status line) */
    const struct session_options *options;
    struct worker *worker;
    struct store *store;

    const struct ui_hooks *hooks;

    struct ui_layout layout;
    enum ui_pane focus;
    struct ui_view views[UI_PANE_COUNT];
    unsigned dirty;
    bool quit;

    /* The open account, its invitations as the pane shows them, the
     * selected one (ui_list.h; owned here, private to rows.c and data.c). */
    struct ui_list *list;
    time_t now;
    /* Start from a snapshot (cache.c): the account whose rows are still the cached list
     * (NULL once the fresh list is in), when that list was loaded, the job reading it;
     * while only the file's head is shown, how many rows the whole file has (else 0). */
    char *cached_account;
    time_t cached_at;
    uint64_t cache_job;
    struct cache_read *cache_read;
    size_t cached_of;

    /* The views over the panes (stack.c), bottom first; keys go to the top. */
    struct ui_view *stack[UI_STACK_MAX];
    size_t depth;

    /* Status line: a message (maybe an error with a longer text) and a spinner. */
    char *message;
    char *message_detail;     /* what Enter expands, or NULL */
    char *message_trace;      /* the error's trace id (status line: short form), or NULL */
    bool message_is_error;
    unsigned spinner;
    /* The last error in full and its trace id: E shows it after the status
     * line has moved on (a later message, a bulk run's failures). */
    char *last_error;
    char *last_error_trace;

    /* The `/` and `:` line (readline, input.c): its histories outlive it. */
    enum ui_input_mode input; /* UI_INPUT_NONE while the line is closed */
    struct ui_input_state *input_state; /* input.c's (its histories), opaque here */

    /* The create form's state while the form is closed (create.c). */
    struct ui_create_state *create_kept;

    /* Actions (actions.c): the pending confirmation, runs, the journal. */
    struct ui_actions *actions;
    /* The `:can` filter (can.c), NULL until one is asked for. */
    struct ui_can *can;

    struct ui_frame_timings timings;
};

/* app.c */
/* Runs until the user quits or a quit signal arrives (curses is up). */
void ui_app_loop(struct ui_app *app);
/* Frees the controller's own state (the views' is freed before). */
void ui_app_free(struct ui_app *app);
void ui_app_command(struct ui_app *app, enum ui_cmd cmd, int arg, const char *text);
void ui_app_mark(struct ui_app *app, unsigned dirty);
void ui_app_set_message(struct ui_app *app, bool error, const char *msg, const char *detail);
/* Keeps an error (its full text, its trace id or NULL) for E without
 * touching the status line; ui_app_set_message does it for an error. */
void ui_app_note_error(struct ui_app *app, const char *full, const char *trace);
void ui_app_focus(struct ui_app *app, enum ui_pane p);
enum ui_scope ui_app_scope(const struct ui_app *app);

/* frame_timings.c: INVITUI_TIMINGS events of the TUI (no-ops when unset).
 * painted after a doupdate; rows when a list is applied; key when a key is
 * read (to_text: it goes to a text field, and a character is not named);
 * frame when the screen is up to date, which writes what waited for it. */
void ui_timings_painted(struct ui_app *app);
void ui_timings_rows(struct ui_app *app, size_t count, bool complete);
void ui_timings_key(struct ui_app *app, wint_t ch, bool is_code, bool to_text);
void ui_timings_frame(struct ui_app *app);
/* The cached list (count rows) is applied: cache_shown goes with its frame. */
void ui_timings_cache(struct ui_app *app, size_t count);

/* draw.c: header, key line, status line, the panes and the views over them. */
void ui_draw_screen(struct ui_app *app);

/* app.c: selects the invitation id in the invitations pane (focused), even
 * if the tab or the `/` filter would hide it (they are reset then). */
void ui_app_show_invitation(struct ui_app *app, const char *id);

/* data.c: requests through the worker, results into the store. */
/* Opens the session and starts the worker: 0, or an exit status with
 * app->open_error set. */
int ui_data_start(struct ui_app *app);
void ui_data_stop(struct ui_app *app);
void ui_data_load_accounts(struct ui_app *app);
void ui_data_load_invitations(struct ui_app *app);
/* The rows a list still arriving has handed over since the last call (after
 * worker_drain): into the store, unless its cached list is shown. */
void ui_data_take_rows(struct ui_app *app);
/* Whether a cached list may be shown for account_id: not once its fresh rows are (they are
 * newer); otherwise the load keeps its rows until it is whole, and true. */
bool ui_data_cache_may_show(struct ui_app *app, const char *account_id);
/* How many rows of the loading list have been read so far (0 when none or not loading). */
size_t ui_data_rows_so_far(const struct ui_app *app);
/* The rows that list will have, as the server announced (Marketplace $meta); 0: unknown. */
size_t ui_data_rows_expected(const struct ui_app *app);
void ui_data_cancel(struct ui_app *app);
bool ui_data_busy(struct ui_app *app);
/* The worker as the views use it (a test puts a fake behind these): a job
 * (0 when there is no worker), its cancellation, and a create (the action
 * core journals it with the session's ticket, app->actions; fn runs on the
 * UI thread). */
uint64_t ui_app_submit(struct ui_app *app, struct job *job);
void ui_app_cancel_job(struct ui_app *app, uint64_t id);
uint64_t ui_app_submit_create(struct ui_app *app, const char *account_id,
                              struct create_request *req, const char *journal_path,
                              bulk_create_fn fn, void *ctx);
/* Switches to another profile of the same configuration; 0 or -1 (message set). */
int ui_data_switch_profile(struct ui_app *app, const char *name);
/* An error as one status line ("what: reason", then the short trace id)
 * with the full text (ui_error_full_text) behind Enter and E. */
void ui_data_show_error(struct ui_app *app, const struct api_error *err, const char *what);

/* cache.c: start from a snapshot (snapshot.h). start reads the profile's last list on a
 * worker and shows it until the fresh list comes; shown says the rows on screen are that
 * cached list (no write action may use them); fresh is called when the fresh list of an
 * account is applied; status appends "cached 3m ago" while shown; forget drops the state
 * (profile switch). The write side runs in the list job: prepare on the UI thread (NULL
 * when caching is off), run on the worker with the complete list, free anywhere. */
void ui_cache_start(struct ui_app *app);
bool ui_cache_shown(const struct ui_app *app);
void ui_cache_fresh(struct ui_app *app, const char *account_id);
void ui_cache_status(const struct ui_app *app, struct strbuf *out, bool brief);
void ui_cache_forget(struct ui_app *app);
/* After worker_drain: shows the snapshot's first screen once it is read, before the rest. */
void ui_cache_take_head(struct ui_app *app);
struct ui_cache_write;
struct ui_cache_write *ui_cache_write_prepare(struct ui_app *app, const char *account_id,
                                              time_t started);
void ui_cache_write_run(struct ui_cache_write *w, const struct invitation_list *list);
void ui_cache_write_free(struct ui_cache_write *w);
/* The records of a list whose rows the store takes as they arrive, kept on the worker as
 * they go (ui_cache_rows_add, before a row is handed over) and written with
 * ui_cache_rows_write once the list is whole: 88 bytes a row, the strings shared with the
 * rows (invitation_record_share: a reference to each slab block), so that neither a copy of
 * the list nor the UI thread is needed. Zeroed to start; one thread at a time. */
struct ui_cache_rows {
    struct snapshot_rec *recs;
    size_t n, cap;
    struct row_slab **blocks; /* a reference to each block the records borrow from */
    size_t nblocks, blocks_cap;
    struct row_slab_writer copies; /* rows whose strings are not all in their block */
};
/* Room for n records (a list whose length is hinted): none is added. */
void ui_cache_rows_reserve(struct ui_cache_rows *k, size_t n);
void ui_cache_rows_add(struct ui_cache_rows *k, const struct invitation *inv);
void ui_cache_rows_write(struct ui_cache_write *w, struct ui_cache_rows *k); /* w NULL: none */
void ui_cache_rows_free(struct ui_cache_rows *k);

/* actions.c: resend and send-new on the selected or the marked rows, marks,
 * confirmations, in-place row updates. */
void ui_actions_init(struct ui_app *app);
/* Frees the pending state; call after the worker is stopped. */
void ui_actions_free(struct ui_app *app);
/* Why cmd (an UI_CMD_WRITE command) cannot run now, malloc'd and
 * translated, or NULL when it can: the key line greys what has a reason. */
char *ui_action_refusal(struct ui_app *app, enum ui_cmd cmd);
/* Marked rows of the open account that the view shows (tab and `/`
 * filter) -- the ones r and n act on -- and those it hides. */
size_t ui_actions_marks_shown(struct ui_app *app);
size_t ui_actions_marks_hidden(struct ui_app *app);
/* Runs an action or mark command; false when cmd is not one. */
bool ui_actions_command(struct ui_app *app, enum ui_cmd cmd);
/* answers.c: the helpdesk's questions (#13) -- the capability explainer
 * (w, :explain CAP; worked out in the worker), and the reissue (C). */
/* Runs EXPLAIN or REISSUE (text: from the `:` line, or NULL for a key);
 * false when cmd is neither. */
bool ui_answers_command(struct ui_app *app, enum ui_cmd cmd, const char *text);
/* The create form filled in from invitation id of the open account, with
 * add_role (or NULL) added as an assignment when it has no such one. */
void ui_reissue_open(struct ui_app *app, const char *id, const char *add_role);

/* What explain_subject reads (id, raw object, status) of every invitation
 * of account_id, copied for the worker (the store may change while it
 * reads): all's strings live in *strings; ui_explain_rows_free frees both. */
void ui_explain_rows_copy(struct ui_app *app, const char *account_id, struct invitation_list *all,
                          char **strings);
void ui_explain_rows_free(struct invitation_list *all, char *strings);

/* can.c: `:can CAPABILITY` narrows the list to the invitations that will
 * grant it (worked out in the worker, again when the account's collection
 * changes); `:can` alone clears it. */
void ui_can_command(struct ui_app *app, const char *text);
/* Before the rows are applied: starts a new reading when the collection
 * changed under an active filter. */
void ui_can_refresh(struct ui_app *app);
/* The capability the list is narrowed to once its answer is in (as typed:
 * not display-safe), or NULL. */
const char *ui_can_capability(const struct ui_app *app);
/* Appends the path ("role  billing_admin", "owner"; translated and
 * display-safe) of a row kept by the filter; false when inv is not one. */
bool ui_can_path(const struct ui_app *app, const struct invitation *inv, struct strbuf *out);
/* Drops the filter and its state (profile switch, the end). */
void ui_can_free(struct ui_app *app);

/* A status text while an action runs ("Sending…"), or NULL. */
const char *ui_actions_status(struct ui_app *app);
/* The worker was replaced (profile switch): forget jobs and runs. */
void ui_actions_reset(struct ui_app *app);

#endif
