#include "config.h"

#include "invitui/ui_app.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/provider.h"
#include "invitui/row_slab.h"
#include "invitui/sanitize.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_error.h"
#include "invitui/ui_group_names.h"
#include "invitui/ui_list_private.h"
#include "invitui/worker.h"

/* One request: run() calls the provider on a worker thread with that
 * thread's HTTP client; done() applies the result to the store on the UI
 * thread. The job owns its results until done() moves them into the store. */
enum ui_job_kind { UI_JOB_ACCOUNTS, UI_JOB_INVITATIONS };

struct ui_job {
    struct job job;
    struct ui_app *app;
    enum ui_job_kind kind;
    const struct profile *profile;
    const struct provider_ops *ops;
    char *account_id;
    time_t started;
    int rc;
    struct api_error err;
    struct account_list accounts;
    struct invitation_list invitations;
    struct store_prepared prepared; /* the list, made ready for the store on the worker */
    struct ui_cache_write *cache_write; /* a complete list is kept for the next start */
    /* The rows of a list still arriving (list_progress.h). A first load (moving) takes the
     * reader's rows themselves out of its list and ui_data_take_rows moves them into the
     * store: no copy, the worker keeps only their records for the snapshot (kept), and the
     * store's rows are the list at the end. Otherwise (a refresh, a cached list shown) only
     * the count moves, and the whole list replaces what is shown. */
    struct list_progress progress;
    pthread_mutex_t lock;
    struct invitation_list arrived;
    size_t arrived_n;  /* under lock: the rows read so far */
    size_t arrived_of; /* under lock: the rows the server announced, 0 when it did not */
    size_t arrived_room; /* under lock: the room for the list in all (list_progress) */
    bool arrived_all;  /* under lock: the last rows have been handed (list_progress_done) */
    bool moving;       /* under lock: rows are taken from the reader (a first load) */
    bool moved;        /* under lock: some were, so the store has the list, not the job */
    struct ui_cache_rows kept; /* worker: the records of the rows taken, for the snapshot */
    size_t taken; /* UI thread: rows taken so far */
    size_t of;    /* UI thread: arrived_of as last taken */
    bool all;     /* UI thread: arrived_all as last taken */
    bool all_timed; /* rows_complete was written when the last rows were shown */
    bool added;   /* some went into the store (a first load, not a refresh) */
};

static void *thread_init(void *arg)
{
    struct ui_app *app = arg;
    return session_http_client(&app->session);
}

static void thread_fini(void *thread_ctx, void *arg)
{
    (void)arg;
    http_client_free(thread_ctx);
}

static void job_free(struct ui_job *j)
{
    if (j->app->list && j->app->list->loading == j)
        j->app->list->loading = NULL;
    pthread_mutex_destroy(&j->lock);
    invitation_list_free(&j->arrived);
    ui_cache_rows_free(&j->kept);
    free(j->account_id);
    api_error_clear(&j->err);
    account_list_free(&j->accounts);
    invitation_list_free(&j->invitations);
    store_prepared_free(&j->prepared);
    ui_cache_write_free(j->cache_write);
    free(j);
}

static void job_destroy(struct job *job)
{
    job_free(JOB_CONTAINER(job, struct ui_job, job));
}

/* list_progress's fn, on the worker thread. */
static void rows_arrived(void *arg, struct invitation_list *rows, size_t from)
{
    struct ui_job *j = arg;
    struct invitation_list taken = {0};
    size_t read = list_progress_count(&j->progress, rows); /* before any are taken */
    size_t room = list_progress_rows_room(&j->progress, read);

    pthread_mutex_lock(&j->lock);
    bool move = j->moving;
    j->moved = j->moved || move; /* from here on a cached list may not take their place */
    pthread_mutex_unlock(&j->lock);
    /* Taken before the lock: the UI thread takes them and must never wait for a batch. */
    if (move) {
        /* moving is never set again once cleared, so every row handed before was taken too:
         * from is 0, and the reader's whole array goes (it starts a new one). */
        if (j->cache_write) {
            ui_cache_rows_reserve(&j->kept, room);
            for (size_t i = from; i < rows->n; i++)
                ui_cache_rows_add(&j->kept, &rows->v[i]);
        }
        taken = *rows;
        memset(rows, 0, sizeof(*rows));
    }
    pthread_mutex_lock(&j->lock);
    invitation_list_append(&j->arrived, &taken);
    j->arrived_n = read;
    j->arrived_of = j->progress.expected;
    j->arrived_room = room;
    j->arrived_all = j->progress.complete;
    pthread_mutex_unlock(&j->lock);
    worker_wake(j->app->worker);
}

static void job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct ui_job *j = JOB_CONTAINER(job, struct ui_job, job);
    struct provider_ctx ctx = {
        .profile = j->profile,
        .http = thread_ctx,
        .cancel = cancel,
        .progress = j->kind == UI_JOB_INVITATIONS ? &j->progress : NULL,
        .packed_rows = true,
    };

    if (!thread_ctx) {
        j->rc = api_error_set(&j->err, API_ERR_NETWORK, "%s", _("could not create an HTTP client"));
        return;
    }
    if (j->kind == UI_JOB_ACCOUNTS) {
        j->rc = j->ops->list_accounts(&ctx, &j->accounts, &j->err);
    } else {
        struct invitation_query q = {.status = -1, .email = NULL};
        j->rc = j->ops->list_invitations(&ctx, j->account_id, &q, &j->invitations, &j->err);
        pthread_mutex_lock(&j->lock);
        bool moved = j->moved; /* then the store has the rows, the job their records */
        pthread_mutex_unlock(&j->lock);
        if (j->rc < 0 || job_cancel_requested(cancel))
            return;
        if (moved) {
            ui_cache_rows_write(j->cache_write, &j->kept);
            ui_cache_rows_free(&j->kept);
            return;
        }
        /* here, so that the UI thread's first sort has no strings to compare */
        invitation_list_sort_email_id(&j->invitations);
        ui_cache_write_run(j->cache_write, &j->invitations);
        if (!job_cancel_requested(cancel))
            store_prepare(&j->prepared, &j->invitations);
    }
}

/* The error as one status line, and in full for the overlay. */
void ui_data_show_error(struct ui_app *app, const struct api_error *err, const char *what)
{
    struct strbuf line, full;

    strbuf_init(&line);
    strbuf_init(&full);
    /* The trace id is not in the line: the status line adds its short form
     * where a long message cannot push it off the screen. */
    api_error_format_message(err, &line);
    ui_error_full_text(&full, what, err);
    char *msg = xasprintf("%s: %s", what, line.data);
    ui_app_set_message(app, true, msg, full.data);
    if (!util_str_empty(err->trace_id)) {
        app->message_trace = xstrdup(err->trace_id); /* display-safe at ingress (error.c) */
        ui_app_note_error(app, full.data, err->trace_id);
    }
    free(msg);
    strbuf_free(&line);
    strbuf_free(&full);
}

static void accounts_done(struct ui_app *app, struct ui_job *j)
{
    struct ui_view *v = &app->views[UI_PANE_ACCOUNTS];
    struct ui_list *l = app->list;

    store_set_accounts(app->store, &j->accounts);
    /* Keep the cursor on the same account; open the first one at start. */
    for (size_t i = 0; l->account_id && i < store_account_count(app->store); i++)
        if (util_streq(store_account_at(app->store, i)->id, l->account_id))
            v->sel = i;
    ui_view_clamp(app, v);
    if (!l->account_id && store_account_count(app->store) > 0) {
        l->account_id = xstrdup(store_account_at(app->store, 0)->id);
        ui_data_load_invitations(app);
    }
    /* The accounts pane is as wide as its longest name. */
    ui_app_mark(app, UI_DIRTY_DATA | UI_DIRTY_LAYOUT);
}

/* While rows arrive, a cursor the user has not moved stays on the top row: following the
 * first row to arrive would leave it wherever the sort puts that row in the end. */
static void keep_top(struct ui_app *app)
{
    if (app->views[UI_PANE_INVITATIONS].sel == 0)
        ui_list_hold_place(app);
}

static void take_rows(struct ui_app *app, struct ui_job *j);

static void invitations_done(struct ui_app *app, struct ui_job *j)
{
    pthread_mutex_lock(&j->lock);
    bool moved = j->moved;
    pthread_mutex_unlock(&j->lock);
    if (moved)
        take_rows(app, j); /* the last ones may still wait: the store's rows are the list */
    ui_actions_reloaded(app, j->account_id);
    if (j->added)
        keep_top(app);
    if (!j->all_timed)
        ui_timings_rows(app, moved ? j->taken : j->prepared.list.n, true);
    if (moved) {
        store_finish_invitations(app->store, j->account_id, j->started);
    } else
        store_replace_prepared(app->store, j->account_id, &j->prepared, j->started);
    ui_cache_fresh(app, j->account_id);
    /* Their assignments name groups by id: fetch the names (once). */
    ui_group_names_want(app, j->account_id);
    ui_app_mark(app, UI_DIRTY_DATA);
}

static void job_done(struct job *job)
{
    struct ui_job *j = JOB_CONTAINER(job, struct ui_job, job);
    struct ui_app *app = j->app;

    struct ui_list *l = app->list;
    uint64_t *current = j->kind == UI_JOB_ACCOUNTS ? &l->accounts_job : &l->invitations_job;
    bool *loading = j->kind == UI_JOB_ACCOUNTS ? &l->accounts_loading : &l->invitations_loading;

    /* A load replaced by a newer one (R pressed again, another account) is dropped without a
     * word: its state belongs to the newer job, which is still running. */
    if (*current != job->id) {
        job_free(j);
        ui_app_mark(app, 0);
        return;
    }
    *current = 0;
    *loading = false;
    if (job->cancelled || j->rc < 0) {
        if (job->cancelled)
            ui_app_set_message(app, false, _("Request cancelled"), NULL);
        else
            ui_data_show_error(app, &j->err, j->kind == UI_JOB_ACCOUNTS
                                         ? _("Could not load the accounts")
                                         : _("Could not load the invitations"));
    } else if (j->kind == UI_JOB_ACCOUNTS) {
        accounts_done(app, j);
    } else {
        invitations_done(app, j);
    }
    job_free(j);
    ui_app_mark(app, 0);
}

static struct ui_job *job_new(struct ui_app *app, enum ui_job_kind kind)
{
    struct ui_job *j = xcalloc(1, sizeof(*j));

    j->app = app;
    j->kind = kind;
    j->profile = app->session.profile;
    j->ops = app->session.ops;
    j->started = time(NULL);
    api_error_init(&j->err);
    j->job.run = job_run;
    j->job.done = job_done;
    j->job.destroy = job_destroy;
    pthread_mutex_init(&j->lock, NULL);
    j->progress.fn = rows_arrived;
    j->progress.arg = j;
    return j;
}

/* The rows j handed over since the last call: into the store while the list is the one shown
 * and nothing else is (a first load), else dropped (a refresh hands none: only its count). */
static void take_rows(struct ui_app *app, struct ui_job *j)
{
    struct invitation_list got;

    pthread_mutex_lock(&j->lock);
    got = j->arrived;
    memset(&j->arrived, 0, sizeof(j->arrived));
    size_t n = j->arrived_n, room = j->arrived_room;
    j->of = j->arrived_of;
    bool all_now = j->arrived_all && !j->all;
    j->all = j->arrived_all;
    pthread_mutex_unlock(&j->lock);
    if (n == j->taken && got.n == 0 && !all_now)
        return;
    j->taken = n;
    /* Only a first load shows its rows as they come: a cached or an older list is shown
     * whole until the fresh one replaces it, never mixed with it. */
    if (got.n > 0 && !ui_cache_shown(app) && !store_loaded(app->store, j->account_id) &&
        util_streq(j->account_id, ui_list_account_id(app))) {
        keep_top(app);
        j->added = true;
        store_reserve(app->store, j->account_id, room);
        store_add_invitations(app->store, j->account_id, &got);
    }
    invitation_list_free(&got); /* empty when they went in */
    if (j->added) {
        /* Every row is on the screen now; the job still sorts and keeps its snapshot. */
        j->all_timed = j->all;
        ui_timings_rows(app, j->taken, j->all_timed);
    }
    ui_app_mark(app, UI_DIRTY_DATA);
}

void ui_data_take_rows(struct ui_app *app)
{
    if (app->list->loading)
        take_rows(app, app->list->loading);
}

bool ui_data_cache_may_show(struct ui_app *app, const char *account_id)
{
    struct ui_job *j = app->list->loading;

    if (!j || !util_streq(j->account_id, account_id))
        return true;
    pthread_mutex_lock(&j->lock);
    bool may = !j->moved;
    if (may)
        j->moving = false; /* its rows stay with it; the whole list replaces the cached one */
    pthread_mutex_unlock(&j->lock);
    return may;
}

size_t ui_data_rows_so_far(const struct ui_app *app)
{
    const struct ui_job *j = app->list->loading;

    return j && app->list->invitations_loading ? j->taken : 0;
}

size_t ui_data_rows_expected(const struct ui_app *app)
{
    const struct ui_job *j = app->list->loading;

    if (!j || !app->list->invitations_loading)
        return 0;
    if (j->all)
        return j->taken; /* all in: "N of N" while the job finishes */
    return j->of >= j->taken ? j->of : 0;
}

void ui_data_load_accounts(struct ui_app *app)
{
    struct ui_list *l = app->list;

    if (!app->worker)
        return;
    if (l->accounts_job)
        worker_cancel(app->worker, l->accounts_job);
    l->accounts_loading = true;
    l->accounts_job = worker_submit(app->worker, &job_new(app, UI_JOB_ACCOUNTS)->job);
    /* A refresh reloads what is shown as well. */
    if (l->account_id)
        ui_data_load_invitations(app);
    ui_app_mark(app, 0);
}

void ui_data_load_invitations(struct ui_app *app)
{
    struct ui_list *l = app->list;

    if (!app->worker || !l->account_id)
        return;
    if (l->invitations_job)
        worker_cancel(app->worker, l->invitations_job);
    struct ui_job *j = job_new(app, UI_JOB_INVITATIONS);
    j->account_id = xstrdup(l->account_id);
    j->cache_write = ui_cache_write_prepare(app, j->account_id, j->started);
    /* A first load hands its rows themselves to the store; anything shown already (a cached
     * list, an earlier load's rows) stays until the whole new list replaces it. */
    j->moving = store_invitation_count(app->store, j->account_id) == 0 && !ui_cache_shown(app);
    l->invitations_loading = true;
    l->invitations_job = worker_submit(app->worker, &j->job);
    l->loading = l->invitations_job ? j : NULL;
    ui_app_mark(app, 0);
}

void ui_data_cancel(struct ui_app *app)
{
    if (app->worker)
        worker_cancel_all(app->worker);
}

bool ui_data_busy(struct ui_app *app)
{
    return app->worker && worker_in_flight(app->worker) > 0;
}

static int start_worker(struct ui_app *app)
{
    /* Bulk actions keep the profile's concurrency in flight: one thread each. */
    int conc = app->session.profile->concurrency;
    struct worker_options wo = {
        .nthreads = conc > 2 ? (conc < 16 ? conc : 16) : 2,
        .thread_init = thread_init,
        .thread_fini = thread_fini,
        .arg = app,
    };

    app->store = store_new(app->session.profile->provider);
    app->views[UI_PANE_INVITATIONS].ops =
        app->hooks->invitations_ops(app->session.ops->has_names);
    app->worker = worker_new_opts(&wo);
    if (!app->worker)
        return -1;
    ui_cache_start(app); /* the last list, while the accounts load */
    return 0;
}

static void stop_worker(struct ui_app *app)
{
    /* Jobs still queued are destroyed, not applied: the store goes too. */
    worker_free(app->worker);
    app->worker = NULL;
    app->list->accounts_job = app->list->invitations_job = 0;
    app->list->accounts_loading = app->list->invitations_loading = false;
    if (app->store)
        store_free(app->store);
    app->store = NULL;
}

int ui_data_start(struct ui_app *app)
{
    struct api_error err;

    api_error_init(&err);
    if (session_open(&app->session, app->options, &err) < 0) {
        struct strbuf sb;
        strbuf_init(&sb);
        api_error_format(&err, &sb);
        app->open_error = strbuf_detach(&sb, NULL);
        int code = api_error_exit_code(&err);
        api_error_clear(&err);
        session_close(&app->session);
        return code ? code : 1;
    }
    app->session_ok = true;
    if (start_worker(app) < 0) {
        app->open_error = xstrdup(_("could not start the background threads"));
        return 1;
    }
    return 0;
}

void ui_data_stop(struct ui_app *app)
{
    stop_worker(app);
    ui_group_names_reset();
    if (app->session_ok)
        session_close(&app->session);
    app->session_ok = false;
}

static void forget_view_state(struct ui_app *app)
{
    free(app->list->account_id);
    app->list->account_id = NULL;
    free(app->list->selected_id);
    app->list->selected_id = NULL;
    store_view_free(&app->list->rows);
    store_view_init(&app->list->rows);
    app->hooks->detail_free(app);
    for (int p = 0; p < UI_PANE_COUNT; p++)
        app->views[p].sel = app->views[p].top = 0;
}

int ui_data_switch_profile(struct ui_app *app, const char *name)
{
    struct session_options o = *app->options;
    struct session next;
    struct api_error err;

    o.profile_name = name;
    o.config_path = app->session.config_path;
    api_error_init(&err);
    if (session_open(&next, &o, &err) < 0) {
        ui_data_show_error(app, &err, _("Could not switch profile"));
        api_error_clear(&err);
        session_close(&next);
        return -1;
    }
    stop_worker(app);
    ui_actions_reset(app);
    ui_can_free(app); /* the next provider may say nothing of capabilities */
    ui_group_names_reset();
    session_close(&app->session);
    app->session = next;
    forget_view_state(app);
    if (start_worker(app) < 0) {
        ui_app_set_message(app, true, _("could not start the background threads"), NULL);
        return -1;
    }
    char *msg = xasprintf(_("Profile %s"), app->session.profile->name);
    ui_app_set_message(app, false, msg, NULL);
    free(msg);
    ui_data_load_accounts(app);
    ui_app_mark(app, UI_DIRTY_LAYOUT | UI_DIRTY_DATA | UI_DIRTY_DETAIL);
    return 0;
}

uint64_t ui_app_submit(struct ui_app *app, struct job *job)
{
    return app->worker ? worker_submit(app->worker, job) : 0;
}

void ui_app_cancel_job(struct ui_app *app, uint64_t id)
{
    if (app->worker && id)
        worker_cancel(app->worker, id);
}

uint64_t ui_app_submit_create(struct ui_app *app, const char *account_id,
                              struct create_request *req, const char *journal_path,
                              bulk_create_fn fn, void *ctx)
{
    return bulk_submit_create(app->worker, app->session.ops, app->session.profile, account_id,
                              req, journal_path, app->actions ? app->actions->ticket : NULL, fn,
                              ctx);
}
