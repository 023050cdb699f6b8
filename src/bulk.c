#include "config.h"

#include "invitui/bulk.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/journal.h"
#include "invitui/sanitize.h"
#include "invitui/store.h"
#include "invitui/worker.h"

/* ---- plans ---- */

void bulk_plan_init(struct bulk_plan *p, enum inv_action action, const char *locale)
{
    memset(p, 0, sizeof(*p));
    p->action = action;
    p->locale = xstrdup_or_null(locale);
}

static struct bulk_target *push_target(struct bulk_target **v, size_t *n,
                                       const struct invitation *inv)
{
    /* Plans are built once and small (marks); growing by one keeps this simple. */
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    struct bulk_target *t = &(*v)[(*n)++];
    memset(t, 0, sizeof(*t));
    invitation_copy(&t->inv, inv);
    /* The result list prints the target's display copies as they are. */
    if (!invitation_has_shown(&t->inv))
        invitation_make_shown(&t->inv);
    t->state = BULK_QUEUED;
    return t;
}

void bulk_plan_add(struct bulk_plan *p, const struct provider_ops *ops,
                   const struct invitation *inv, time_t now)
{
    const char *why = action_refusal(ops, inv, p->action, now);

    if (!why) {
        push_target(&p->eligible, &p->neligible, inv);
        return;
    }
    struct bulk_target *t = push_target(&p->skipped, &p->nskipped, inv);
    t->reason = sanitize_display(why, strlen(why), 0); /* may quote the server's status */
}

struct plan_walk {
    struct bulk_plan *plan;
    const struct provider_ops *ops;
    time_t now;
};

static void plan_one(const struct invitation *inv, void *ctx)
{
    struct plan_walk *w = ctx;
    bulk_plan_add(w->plan, w->ops, inv, w->now);
}

size_t bulk_plan_from_marks(struct bulk_plan *p, const struct store *s, const char *account_id,
                            const struct provider_ops *ops, time_t now)
{
    struct plan_walk w = {p, ops, now};
    return store_marks_foreach(s, account_id, plan_one, &w);
}

void bulk_targets_free(struct bulk_target *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        invitation_free(&v[i].inv);
        free(v[i].reason);
        api_error_clear(&v[i].err);
    }
    free(v);
}

void bulk_plan_hold(struct bulk_plan *p, size_t i, const char *reason)
{
    if (i >= p->neligible)
        return;
    p->skipped = xrealloc(p->skipped, (p->nskipped + 1) * sizeof(*p->skipped));
    struct bulk_target *t = &p->skipped[p->nskipped++];
    *t = p->eligible[i];
    free(t->reason);
    t->reason = sanitize_display(reason, strlen(reason), 0);
    memmove(&p->eligible[i], &p->eligible[i + 1], (p->neligible - i - 1) * sizeof(*p->eligible));
    p->neligible--;
}

void bulk_plan_free(struct bulk_plan *p)
{
    bulk_targets_free(p->eligible, p->neligible);
    bulk_targets_free(p->skipped, p->nskipped);
    free(p->locale);
    memset(p, 0, sizeof(*p));
}

/* ---- runs: pure state ---- */

void bulk_run_init(struct bulk_run *run, struct bulk_plan *plan, const struct provider_ops *ops,
                   const struct profile *profile, int limit)
{
    memset(run, 0, sizeof(*run));
    run->ops = ops;
    run->profile = profile;
    run->action = plan->action;
    run->locale = xstrdup_or_null(plan->locale);
    run->targets = plan->eligible;
    run->n = plan->neligible;
    plan->eligible = NULL;
    plan->neligible = 0;
    run->limit = limit < 1 ? 1 : limit;
}

void bulk_run_free(struct bulk_run *run)
{
    bulk_targets_free(run->targets, run->n);
    free(run->locale);
    free(run->journal_error);
    free(run->ticket);
    memset(run, 0, sizeof(*run));
}

bool bulk_run_next(struct bulk_run *run, size_t *index)
{
    if (run->cancelling || run->next >= run->n || run->in_flight >= (size_t)run->limit)
        return false;
    *index = run->next++;
    run->targets[*index].state = BULK_IN_FLIGHT;
    run->in_flight++;
    return true;
}

void bulk_run_finish(struct bulk_run *run, size_t index, int rc, const struct api_error *err)
{
    struct bulk_target *t;

    if (index >= run->n || run->targets[index].state != BULK_IN_FLIGHT)
        return;
    t = &run->targets[index];
    run->in_flight--;
    t->job_id = 0;
    if (rc == 0) {
        t->state = BULK_OK;
        run->ok++;
        return;
    }
    /* Stopped before the request left: nothing happened, so not a failure. */
    if (err && err->kind == API_ERR_CANCELLED && !err->maybe_sent) {
        t->state = BULK_CANCELLED;
        run->cancelled++;
        return;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    if (err)
        api_error_format(err, &sb);
    else
        strbuf_puts(&sb, _("failed"));
    free(t->reason);
    t->reason = sanitize_display(sb.data, sb.len, 0);
    strbuf_free(&sb);
    t->http_status = err ? err->http_status : 0;
    t->maybe_sent = journal_result_of(rc, err) == JOURNAL_UNKNOWN;
    api_error_copy(&t->err, err); /* the job's error goes with the job */
    t->state = BULK_FAILED;
    run->failed++;
}

void bulk_run_cancel(struct bulk_run *run)
{
    run->cancelling = true;
    for (size_t i = 0; i < run->n; i++) {
        struct bulk_target *t = &run->targets[i];
        if (t->state == BULK_QUEUED) {
            t->state = BULK_CANCELLED;
            run->cancelled++;
        } else if (t->state == BULK_IN_FLIGHT && run->worker && t->job_id) {
            /* Only what has not started: a running request may be on the
             * server already, so it finishes and shows its real result. */
            worker_cancel_queued(run->worker, t->job_id);
        }
    }
    run->next = run->n;
}

size_t bulk_run_unknown(const struct bulk_run *run)
{
    size_t n = 0;

    for (size_t i = 0; i < run->n; i++)
        n += run->targets[i].state == BULK_FAILED && run->targets[i].maybe_sent;
    return n;
}

size_t bulk_run_done(const struct bulk_run *run)
{
    return run->ok + run->failed + run->cancelled;
}

size_t bulk_run_in_flight(const struct bulk_run *run)
{
    return run->in_flight;
}

bool bulk_run_finished(const struct bulk_run *run)
{
    return bulk_run_done(run) == run->n;
}

size_t bulk_retry_failed(const struct bulk_run *run, bool unknown, struct bulk_plan *out)
{
    bulk_plan_init(out, run->action, run->locale);
    for (size_t i = 0; i < run->n; i++) {
        const struct bulk_target *t = &run->targets[i];
        if (t->state != BULK_FAILED || t->maybe_sent != unknown)
            continue;
        push_target(&out->eligible, &out->neligible, &t->inv);
        out->nmaybe_sent += t->maybe_sent;
    }
    return out->neligible;
}

/* ---- jobs ---- */

/* One provider call on one target. The job carries its own copy of what
 * run() needs, so the worker thread never reads the run. */
struct bulk_job {
    struct job job;
    struct bulk_run *run;
    size_t index;
    const struct provider_ops *ops;
    const struct profile *profile;
    enum inv_action action;
    struct invitation target;
    char *locale;
    int rc;
    struct api_error err;
    struct invitation result;
};

static void bulk_job_free(struct bulk_job *j)
{
    invitation_free(&j->target);
    invitation_free(&j->result);
    free(j->locale);
    api_error_clear(&j->err);
    free(j);
}

static void bulk_job_destroy(struct job *job)
{
    bulk_job_free(JOB_CONTAINER(job, struct bulk_job, job));
}

static void bulk_job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct bulk_job *j = JOB_CONTAINER(job, struct bulk_job, job);
    struct provider_ctx ctx = {
        .profile = j->profile,
        .http = thread_ctx,
        .cancel = cancel,
    };

    if (job_cancel_requested(cancel)) {
        j->rc = api_error_set(&j->err, API_ERR_CANCELLED, "%s", _("cancelled"));
        return;
    }
    if (!thread_ctx) {
        j->rc = api_error_set(&j->err, API_ERR_NETWORK, "%s", _("could not create an HTTP client"));
        return;
    }
    j->rc = action_perform(&ctx, j->ops, j->action, &j->target, j->locale, &j->result, &j->err);
}

static void journal_outcome(struct bulk_run *run, const struct bulk_job *j)
{
    struct action_scope scope = {run->profile, run->ops, j->target.account_id, NULL};
    struct journal_entry e;

    action_journal_entry(&e, &scope, j->action, &j->target, j->locale);
    e.ticket = run->ticket;
    char *why = action_journal(run->journal_path, &e, j->rc, &j->err);
    if (why && !run->journal_error)
        run->journal_error = why;
    else
        free(why);
}

static void bulk_job_done(struct job *job)
{
    struct bulk_job *j = JOB_CONTAINER(job, struct bulk_job, job);
    struct bulk_run *run = j->run;

    if (!job->ran) {
        api_error_set(&j->err, API_ERR_CANCELLED, "%s", _("cancelled"));
        j->rc = -1;
    }
    bulk_run_finish(run, j->index, j->rc, &j->err);
    /* A job that never reached the provider did nothing worth a journal line. */
    if (job->ran && run->journal_path && !(j->rc < 0 && j->err.kind == API_ERR_CANCELLED &&
                                           !j->err.maybe_sent))
        journal_outcome(run, j);
    /* Pump before the callback: once the run is finished the callback may free it. */
    bulk_run_pump(run, run->worker);
    if (run->on_result)
        run->on_result(run, j->index, j->rc == 0 ? &j->result : NULL, run->ctx);
    bulk_job_free(j);
}

size_t bulk_run_pump(struct bulk_run *run, struct worker *w)
{
    size_t index, submitted = 0;

    run->worker = w;
    while (w && bulk_run_next(run, &index)) {
        struct bulk_job *j = xcalloc(1, sizeof(*j));
        struct bulk_target *t = &run->targets[index];
        j->job.run = bulk_job_run;
        j->job.done = bulk_job_done;
        j->job.destroy = bulk_job_destroy;
        j->run = run;
        j->index = index;
        j->ops = run->ops;
        j->profile = run->profile;
        j->action = run->action;
        j->locale = run->action == INV_ACTION_RESEND ? xstrdup_or_null(run->locale) : NULL;
        invitation_copy(&j->target, &t->inv);
        api_error_init(&j->err);
        t->job_id = worker_submit(w, &j->job);
        submitted++;
    }
    return submitted;
}

/* ---- one create ---- */

struct create_job {
    struct job job;
    const struct provider_ops *ops;
    const struct profile *profile;
    char *account_id;
    struct create_request req;
    char *journal_path;
    char *ticket; /* journaled; may be NULL */
    bulk_create_fn fn;
    void *ctx;
    int rc;
    struct api_error err;
    struct invitation result;
};

static void create_job_free(struct create_job *j)
{
    free(j->account_id);
    create_request_free(&j->req);
    free(j->journal_path);
    free(j->ticket);
    api_error_clear(&j->err);
    invitation_free(&j->result);
    free(j);
}

static void create_job_destroy(struct job *job)
{
    create_job_free(JOB_CONTAINER(job, struct create_job, job));
}

static void create_job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct create_job *j = JOB_CONTAINER(job, struct create_job, job);
    struct provider_ctx ctx = {
        .profile = j->profile,
        .http = thread_ctx,
        .cancel = cancel,
    };

    if (job_cancel_requested(cancel))
        j->rc = api_error_set(&j->err, API_ERR_CANCELLED, "%s", _("cancelled"));
    else if (!thread_ctx)
        j->rc = api_error_set(&j->err, API_ERR_NETWORK, "%s", _("could not create an HTTP client"));
    else
        j->rc = action_create(&ctx, j->ops, j->account_id, &j->req, &j->result, &j->err);
}

static void create_job_done(struct job *job)
{
    struct create_job *j = JOB_CONTAINER(job, struct create_job, job);
    struct api_error jerr;

    if (!job->ran)
        j->rc = api_error_set(&j->err, API_ERR_CANCELLED, "%s", _("cancelled"));
    api_error_init(&jerr);
    if (job->ran && j->journal_path) {
        struct action_scope scope = {j->profile, j->ops, j->account_id, NULL};
        struct journal_entry e;
        action_journal_create(&e, &scope, &j->req, j->rc == 0 ? &j->result : NULL);
        e.ticket = j->ticket;
        journal_log(j->journal_path, &e, j->rc, &j->err, &jerr);
    }
    j->fn(j->rc, &j->err, j->rc == 0 ? &j->result : NULL, jerr.kind ? &jerr : NULL, j->ctx);
    api_error_clear(&jerr);
    create_job_free(j);
}

uint64_t bulk_submit_create(struct worker *w, const struct provider_ops *ops,
                            const struct profile *profile, const char *account_id,
                            struct create_request *req, const char *journal_path,
                            const char *ticket, bulk_create_fn fn, void *ctx)
{
    struct create_job *j = xcalloc(1, sizeof(*j));

    j->job.run = create_job_run;
    j->job.done = create_job_done;
    j->job.destroy = create_job_destroy;
    j->ops = ops;
    j->profile = profile;
    j->account_id = xstrdup(account_id);
    j->req = *req;
    memset(req, 0, sizeof(*req));
    j->journal_path = xstrdup_or_null(journal_path);
    j->ticket = xstrdup_or_null(ticket);
    j->fn = fn;
    j->ctx = ctx;
    api_error_init(&j->err);
    return worker_submit(w, &j->job);
}
