/* bulk: resend or send-new on many invitations -- the plan (who is
 * eligible, who is skipped and why), the run's per-target state and
 * progress, and the worker jobs that perform one action on one target.
 *
 * Contract:
 * - Plans and runs own copies of their invitations; nothing points into
 *   the store, so a refresh during a run is harmless.
 * - Pure state (plan, next/finish/cancel/retry) is plain data on the UI
 *   thread. bulk_run_pump submits jobs to a worker whose thread_ctx is a
 *   `struct http_client *` for that thread (the TUI's worker makes one per
 *   thread with session_http_client); each job calls the provider once and
 *   its done() (UI thread, worker_drain) records the outcome, appends the
 *   journal line, hands the response to on_result and pumps the next one.
 * - At most `limit` targets are in flight (the profile's concurrency),
 *   whatever the worker's thread count.
 * - A target is submitted once. Nothing is retried automatically (each POST
 *   may send an e-mail): bulk_retry_failed builds a new plan of the failed
 *   targets only, when the user asks.
 * - A run must outlive its jobs: free it only when bulk_run_in_flight is 0
 *   (worker_free destroys jobs without touching their run). */
#ifndef INVITUI_BULK_H
#define INVITUI_BULK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "invitui/error.h"
#include "invitui/model.h"
#include "invitui/profile.h"
#include "invitui/provider.h"

struct store;
struct worker;

enum bulk_state {
    BULK_QUEUED,
    BULK_IN_FLIGHT,
    BULK_OK,
    BULK_FAILED,    /* reason, http_status, maybe_sent say more */
    BULK_CANCELLED, /* never started */
};

struct bulk_target {
    struct invitation inv; /* a copy of the target, with its display copies */
    enum bulk_state state;
    char *reason;          /* failed: the error's one-line text; skipped: the refusal;
                              display-safe (sanitised when set) */
    long http_status;      /* 0: no answer */
    bool maybe_sent;       /* outcome unknown: the POST may have reached the server
                            * (journal_result_of says JOURNAL_UNKNOWN) */
    struct api_error err;  /* failed: a copy of the error, trace id included, for
                            * the full-error view; else kind API_OK */
    uint64_t job_id;       /* while in flight */
};

struct bulk_plan {
    enum inv_action action;
    char *locale;              /* Hybridbox resend; NULL: none */
    struct bulk_target *eligible;
    size_t neligible;
    struct bulk_target *skipped; /* each with the provider's refusal as reason */
    size_t nskipped;
    size_t nmaybe_sent;        /* retry plans: how many may have been sent already */
};

/* An empty plan for action (INV_ACTION_RESEND or INV_ACTION_SEND_NEW). */
void bulk_plan_init(struct bulk_plan *p, enum inv_action action, const char *locale);
/* Files one invitation as eligible (ops->actions allows the action at now)
 * or skipped (with ops->action_refusal's reason). */
void bulk_plan_add(struct bulk_plan *p, const struct provider_ops *ops,
                   const struct invitation *inv, time_t now);
/* bulk_plan_add for every marked invitation of the account (store_marks_foreach). */
size_t bulk_plan_from_marks(struct bulk_plan *p, const struct store *s, const char *account_id,
                            const struct provider_ops *ops, time_t now);
void bulk_plan_free(struct bulk_plan *p);
/* Moves eligible target i to the skipped ones with reason (the recent-send
 * guard holds it back). */
void bulk_plan_hold(struct bulk_plan *p, size_t i, const char *reason);
/* Frees n targets (their copies, reasons and errors) and the array. */
void bulk_targets_free(struct bulk_target *v, size_t n);

struct bulk_run;
/* Called on the UI thread after each target finishes (after the next
 * target was submitted). `response` is the invitation the server returned
 * (ok only, else NULL); the callee may take it (store_upsert_invitation
 * leaves it empty). Once bulk_run_finished(run) it may free the run. */
typedef void (*bulk_result_fn)(struct bulk_run *run, size_t index, struct invitation *response,
                               void *ctx);

struct bulk_run {
    const struct provider_ops *ops;
    const struct profile *profile;
    enum inv_action action;
    char *locale;
    struct bulk_target *targets;
    size_t n;
    size_t next;     /* first target never submitted */
    size_t in_flight, ok, failed, cancelled;
    int limit;       /* most targets in flight at once, >= 1 */
    bool cancelling;
    struct worker *worker;     /* set by bulk_run_pump */
    bulk_result_fn on_result;  /* may be NULL */
    void *ctx;
    const char *journal_path;  /* borrowed; NULL: no journal */
    char *journal_error;       /* the first journal failure, for the status line */
    char *ticket;              /* owned; journaled with every attempt; may be NULL */
};

/* Takes the plan's eligible targets (the plan keeps its skipped list and is
 * left with neligible 0). limit < 1 counts as 1. */
void bulk_run_init(struct bulk_run *run, struct bulk_plan *plan, const struct provider_ops *ops,
                   const struct profile *profile, int limit);
void bulk_run_free(struct bulk_run *run);

/* Pure stepping (bulk_run_pump uses these; tests drive them directly).
 * next: the next queued target to start, marked in flight; false when the
 * limit is reached, nothing is queued or the run is cancelling. */
bool bulk_run_next(struct bulk_run *run, size_t *index);
/* Records a started target's outcome (rc 0: ok; else err, which may be NULL). */
void bulk_run_finish(struct bulk_run *run, size_t index, int rc, const struct api_error *err);
/* Stops what has not been sent: queued targets become cancelled, and so do
 * in-flight ones whose job has not started yet (worker_cancel_queued).
 * Jobs already running are not interrupted: their request may be on the
 * server, so they finish and record their real result. */
void bulk_run_cancel(struct bulk_run *run);

size_t bulk_run_done(const struct bulk_run *run); /* ok + failed + cancelled */
size_t bulk_run_in_flight(const struct bulk_run *run);
bool bulk_run_finished(const struct bulk_run *run); /* every target settled */

/* Submits jobs up to the limit; returns how many. Call once to start; each
 * job's done() calls it again. w's thread_ctx must be a struct http_client *. */
size_t bulk_run_pump(struct bulk_run *run, struct worker *w);

/* A new plan (same action and locale) of the run's failed targets only;
 * 0 when there are none. unknown false: the definite failures (a refusal,
 * nothing was done); true: only those whose outcome is unknown (maybe_sent:
 * the e-mail may have gone), counted in nmaybe_sent, so that they are never
 * sent again without a question of their own. */
size_t bulk_retry_failed(const struct bulk_run *run, bool unknown, struct bulk_plan *out);
/* Failed targets whose outcome is unknown (maybe_sent). */
size_t bulk_run_unknown(const struct bulk_run *run);

/* One create through the worker (same thread_ctx rule as bulk_run_pump).
 * Takes *req (left empty). On the UI thread, fn gets the outcome: rc 0 with
 * the created invitation (which fn may take, e.g. store_upsert_invitation),
 * or -1 with err (for form_apply_errors); journal_err is non-NULL when the
 * journal line could not be written. The attempt is journaled unless the
 * job was cancelled before it ran. journal_path is copied; NULL: no journal.
 * Returns the job id (for worker_cancel). */
typedef void (*bulk_create_fn)(int rc, const struct api_error *err, struct invitation *created,
                               const struct api_error *journal_err, void *ctx);
uint64_t bulk_submit_create(struct worker *w, const struct provider_ops *ops,
                            const struct profile *profile, const char *account_id,
                            struct create_request *req, const char *journal_path,
                            const char *ticket, bulk_create_fn fn, void *ctx);

#endif
