#include "config.h"

#include "invitui/ui_app.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/snapshot.h"
#include "invitui/timefmt.h"
#include "invitui/ui_list.h"
#include "invitui/worker.h"

/* Start from a snapshot (snapshot.h): at start a worker reads the profile's
 * last list and the UI shows it, marked as cached, until the fresh list of
 * the same account replaces it in store_replace_invitations (the selection
 * follows the id, as on any refresh). After every complete fresh list a
 * worker writes it back. No write action may use a cached row: see
 * ui_action_refusal. */

static bool cache_enabled(const struct ui_app *app)
{
    return app->session_ok && app->session.profile->cache &&
           !(app->options && app->options->no_cache);
}

bool ui_cache_shown(const struct ui_app *app)
{
    return app->cached_account && util_streq(app->cached_account, ui_list_account_id(app));
}

void ui_cache_forget(struct ui_app *app)
{
    free(app->cached_account);
    app->cached_account = NULL;
    app->cached_at = 0;
    app->cache_job = 0;
}

void ui_cache_fresh(struct ui_app *app, const char *account_id)
{
    if (util_streq(app->cached_account, account_id)) {
        free(app->cached_account);
        app->cached_account = NULL;
    }
}

void ui_cache_status(const struct ui_app *app, struct strbuf *out)
{
    struct strbuf age;

    if (!ui_cache_shown(app))
        return;
    strbuf_init(&age);
    timefmt_duration(&age, app->now > app->cached_at ? (long long)(app->now - app->cached_at) : 0);
    /* TRANSLATORS: on the status line while the list shown is the one kept from the last run,
     * until the server's answer replaces it; %s is a short age such as "3m" or "2h 5m". */
    strbuf_printf(out, _("cached %s ago"), age.data);
    strbuf_free(&age);
}

/* ---- reading at start ---- */

struct cache_read {
    struct job job;
    struct ui_app *app;
    char *dir, *profile, *base_url;
    enum provider_kind kind;
    enum snapshot_result result;
    struct snapshot snap;
    struct store_prepared rows; /* snap's invitations, ready for the store */
};

static void read_free(struct cache_read *c)
{
    free(c->dir);
    free(c->profile);
    free(c->base_url);
    snapshot_free(&c->snap);
    store_prepared_free(&c->rows);
    free(c);
}

static void read_destroy(struct job *job)
{
    read_free(JOB_CONTAINER(job, struct cache_read, job));
}

static void read_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct cache_read *c = JOB_CONTAINER(job, struct cache_read, job);
    char *path = snapshot_latest(c->dir, c->profile);

    (void)thread_ctx;
    (void)cancel;
    c->result = path ? snapshot_load(path, time(NULL), &c->snap) : SNAPSHOT_NONE;
    if (c->result == SNAPSHOT_OK) /* saved in this order: one pass that sorts nothing */
        invitation_list_sort_email_id(&c->snap.invitations);
    free(path);
    /* Another server's list under the same profile name (the configuration
     * changed, a demo's port) is nobody's business: no note. */
    if (c->result == SNAPSHOT_OK &&
        (c->snap.kind != c->kind || !util_streq(c->snap.base_url, c->base_url))) {
        snapshot_free(&c->snap);
        c->result = SNAPSHOT_NONE;
    }
    if (c->result == SNAPSHOT_OK)
        store_prepare(&c->rows, &c->snap.invitations);
}

/* The cached list fits what is open now: no fresh list of its account yet,
 * no other account opened, and (once the accounts are in) still an account. */
static bool cache_fits(struct ui_app *app, const struct snapshot *s)
{
    const char *open = ui_list_account_id(app);

    if (store_loaded(app->store, s->account_id))
        return false;
    if (open && !util_streq(open, s->account_id))
        return false;
    return store_account_count(app->store) == 0 ||
           store_account_find(app->store, s->account_id) != NULL;
}

static void show_cached(struct ui_app *app, struct snapshot *s, struct store_prepared *rows)
{
    if (store_account_count(app->store) == 0)
        store_set_accounts(app->store, &s->accounts);
    ui_timings_cache(app, rows->list.n);
    store_replace_prepared(app->store, s->account_id, rows, s->saved_at);
    free(app->cached_account);
    app->cached_account = xstrdup(s->account_id);
    app->cached_at = s->saved_at;
    if (!ui_list_account_id(app)) {
        /* The accounts are still on their way: open the cached account now and ask for its
         * fresh list at once, as accounts_done would have. */
        ui_list_open_account(app, s->account_id);
        ui_data_load_invitations(app);
    }
    ui_app_mark(app, UI_DIRTY_DATA | UI_DIRTY_LAYOUT);
}

static void read_done(struct job *job)
{
    struct cache_read *c = JOB_CONTAINER(job, struct cache_read, job);
    struct ui_app *app = c->app;

    if (app->cache_job == job->id && app->store) {
        app->cache_job = 0;
        const char *note = snapshot_result_note(c->result);
        if (note && !app->message)
            ui_app_set_message(app, false, note, NULL);
        if (c->result == SNAPSHOT_OK && cache_fits(app, &c->snap))
            show_cached(app, &c->snap, &c->rows);
    }
    read_free(c);
    ui_app_mark(app, 0);
}

void ui_cache_start(struct ui_app *app)
{
    char *dir = cache_enabled(app) ? snapshot_dir() : NULL;

    ui_cache_forget(app);
    if (!dir)
        return;
    struct cache_read *c = xcalloc(1, sizeof(*c));
    c->app = app;
    c->dir = dir;
    c->profile = xstrdup(app->session.profile->name);
    c->base_url = xstrdup(app->session.profile->base_url);
    c->kind = app->session.profile->provider;
    c->job.run = read_run;
    c->job.done = read_done;
    c->job.destroy = read_destroy;
    app->cache_job = ui_app_submit(app, &c->job);
    if (!app->cache_job)
        read_free(c);
}

/* ---- writing after a fresh list ---- */

struct ui_cache_write {
    char *dir, *path;
    struct snapshot snap; /* its invitations are lent by the list job */
};

static void account_copy(struct account *dst, const struct account *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->id = xstrdup_or_null(src->id);
    dst->name = xstrdup_or_null(src->name);
    dst->status = xstrdup_or_null(src->status);
    dst->type = xstrdup_or_null(src->type);
}

struct ui_cache_write *ui_cache_write_prepare(struct ui_app *app, const char *account_id,
                                              time_t started)
{
    char *dir = cache_enabled(app) ? snapshot_dir() : NULL;

    if (!dir)
        return NULL;
    const struct profile *p = app->session.profile;
    struct ui_cache_write *w = xcalloc(1, sizeof(*w));
    w->dir = dir;
    w->path = snapshot_path(dir, p->name, account_id);
    w->snap.kind = p->provider;
    w->snap.base_url = xstrdup(p->base_url);
    w->snap.account_id = xstrdup(account_id);
    w->snap.saved_at = started;
    for (size_t i = 0; i < store_account_count(app->store); i++) {
        struct account a;
        account_copy(&a, store_account_at(app->store, i));
        account_list_push(&w->snap.accounts, &a);
    }
    return w;
}

void ui_cache_write_run(struct ui_cache_write *w, const struct invitation_list *list)
{
    if (!w)
        return;
    w->snap.invitations = *list;
    /* A cache that cannot be written only means a slower next start. */
    (void)snapshot_save(w->dir, w->path, &w->snap);
    memset(&w->snap.invitations, 0, sizeof(w->snap.invitations));
}

void ui_cache_write_free(struct ui_cache_write *w)
{
    if (!w)
        return;
    free(w->dir);
    free(w->path);
    snapshot_free(&w->snap);
    free(w);
}
