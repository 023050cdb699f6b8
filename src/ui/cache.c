#include "config.h"

#include "invitui/ui_app.h"

#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/row_slab.h"
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
    app->cached_of = 0;
    app->cache_job = 0;
    app->cache_read = NULL;
}

void ui_cache_fresh(struct ui_app *app, const char *account_id)
{
    if (util_streq(app->cached_account, account_id)) {
        free(app->cached_account);
        app->cached_account = NULL;
        app->cached_of = 0;
    }
}

void ui_cache_status(const struct ui_app *app, struct strbuf *out, bool brief)
{
    struct strbuf age;

    if (!ui_cache_shown(app))
        return;
    if (brief) {
        /* TRANSLATORS: the short form of "cached %s ago" for a narrow terminal: the list
         * shown is the one kept from the last run. */
        strbuf_puts(out, _("cached"));
        return;
    }
    strbuf_init(&age);
    timefmt_duration(&age, app->now > app->cached_at ? (long long)(app->now - app->cached_at) : 0);
    /* TRANSLATORS: on the status line while the list shown is the one kept from the last run,
     * until the server's answer replaces it; %s is a short age such as "3m" or "2h 5m". */
    if (app->cached_of)
        /* TRANSLATORS: the same while only the first rows of the kept list are read yet;
         * "(2,000 of 100,000)": rows shown, rows in the kept list. */
        strbuf_printf(out, _("cached %s ago (%zu of %zu)"), age.data,
                      store_invitation_count(app->store, app->cached_account), app->cached_of);
    else
        strbuf_printf(out, _("cached %s ago"), age.data);
    strbuf_free(&age);
}

/* ---- reading at start ---- */

/* The file's first screen, copied on the loading thread for the UI to show before the
 * rest is decoded (snapshot_load_head); under the read's lock. */
struct cache_head {
    bool ready, taken;
    char *account_id;
    time_t saved_at;
    size_t total;
    struct account_list accounts;
    struct store_prepared rows;
};

struct cache_read {
    struct job job;
    struct ui_app *app;
    struct worker *worker; /* woken when the head is ready */
    char *dir, *profile, *base_url;
    enum provider_kind kind;
    enum snapshot_result result;
    struct snapshot snap;
    struct store_prepared rows; /* snap's invitations, ready for the store */
    pthread_mutex_t lock;
    struct cache_head head;
};

static void account_copy(struct account *dst, const struct account *src);

static void read_free(struct cache_read *c)
{
    if (c->app->cache_read == c)
        c->app->cache_read = NULL;
    free(c->dir);
    free(c->profile);
    free(c->base_url);
    snapshot_free(&c->snap);
    store_prepared_free(&c->rows);
    free(c->head.account_id);
    account_list_free(&c->head.accounts);
    store_prepared_free(&c->head.rows);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static void read_destroy(struct job *job)
{
    read_free(JOB_CONTAINER(job, struct cache_read, job));
}

/* Another server's list under the same profile name (the configuration changed, a demo's
 * port) is nobody's business: no note. */
static bool read_ours(const struct cache_read *c, const struct snapshot *s)
{
    return s->kind == c->kind && util_streq(s->base_url, c->base_url);
}

static void head_arrived(void *arg, const struct snapshot *s, const struct invitation *const *rows,
                         size_t n)
{
    struct cache_read *c = arg;
    struct invitation_list list = {0};

    if (!read_ours(c, s) || n >= s->invitations.n) /* all of it: read_done shows it */
        return;
    for (size_t i = 0; i < n; i++) {
        struct invitation inv = {0};
        invitation_copy(&inv, rows[i]);
        invitation_list_push(&list, &inv);
    }
    invitation_list_sort_email_id(&list);
    struct cache_head h = {.ready = true, .account_id = xstrdup(s->account_id),
                           .saved_at = s->saved_at, .total = s->invitations.n};
    for (size_t i = 0; i < s->accounts.n; i++) {
        struct account a;
        account_copy(&a, &s->accounts.v[i]);
        account_list_push(&h.accounts, &a);
    }
    store_prepare(&h.rows, &list);
    pthread_mutex_lock(&c->lock);
    c->head = h;
    pthread_mutex_unlock(&c->lock);
    worker_wake(c->worker);
}

static void read_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct cache_read *c = JOB_CONTAINER(job, struct cache_read, job);
    char *path = snapshot_latest(c->dir, c->profile);
    const struct snapshot_head head = {head_arrived, c};

    (void)thread_ctx;
    (void)cancel;
    c->result = path ? snapshot_load_head(path, time(NULL), &head, &c->snap) : SNAPSHOT_NONE;
    if (c->result == SNAPSHOT_OK) /* saved in this order: one pass that sorts nothing */
        invitation_list_sort_email_id(&c->snap.invitations);
    free(path);
    if (c->result == SNAPSHOT_OK && !read_ours(c, &c->snap)) {
        snapshot_free(&c->snap);
        c->result = SNAPSHOT_NONE;
    }
    if (c->result == SNAPSHOT_OK)
        store_prepare(&c->rows, &c->snap.invitations);
}

/* The cached list fits what is open now: no fresh list of its account yet (the file's
 * head shown is not one), no other account opened, and (once the accounts are in) still
 * an account. */
static bool cache_fits(struct ui_app *app, const char *account_id, bool head_shown)
{
    const char *open = ui_list_account_id(app);

    if (head_shown)
        return util_streq(app->cached_account, account_id) && util_streq(open, account_id);
    if (store_loaded(app->store, account_id))
        return false;
    if (open && !util_streq(open, account_id))
        return false;
    if (store_account_count(app->store) != 0 && !store_account_find(app->store, account_id))
        return false;
    return ui_data_cache_may_show(app, account_id);
}

static void show_cached(struct ui_app *app, const char *account_id, time_t saved_at,
                        struct account_list *accounts, struct store_prepared *rows, size_t of)
{
    if (store_account_count(app->store) == 0)
        store_set_accounts(app->store, accounts);
    ui_timings_cache(app, rows->list.n);
    store_replace_prepared(app->store, account_id, rows, saved_at);
    if (!util_streq(app->cached_account, account_id)) {
        free(app->cached_account);
        app->cached_account = xstrdup(account_id);
    }
    app->cached_at = saved_at;
    app->cached_of = of;
    if (!ui_list_account_id(app)) {
        /* The accounts are still on their way: open the cached account now and ask for its
         * fresh list at once, as accounts_done would have. */
        ui_list_open_account(app, account_id);
        ui_data_load_invitations(app);
    }
    ui_app_mark(app, UI_DIRTY_DATA | UI_DIRTY_LAYOUT);
}

void ui_cache_take_head(struct ui_app *app)
{
    struct cache_read *c = app->cache_read;
    struct cache_head h;

    if (!c || !app->store)
        return;
    pthread_mutex_lock(&c->lock);
    h = c->head;
    if (h.ready && !h.taken) {
        memset(&c->head, 0, sizeof(c->head));
        c->head.ready = c->head.taken = true;
    }
    pthread_mutex_unlock(&c->lock);
    if (!h.ready || h.taken)
        return;
    c->head.taken = cache_fits(app, h.account_id, false);
    if (c->head.taken)
        show_cached(app, h.account_id, h.saved_at, &h.accounts, &h.rows, h.total);
    free(h.account_id);
    account_list_free(&h.accounts);
    store_prepared_free(&h.rows);
}

static void read_done(struct job *job)
{
    struct cache_read *c = JOB_CONTAINER(job, struct cache_read, job);
    struct ui_app *app = c->app;

    if (app->cache_job == job->id && app->store) {
        app->cache_job = 0;
        app->cache_read = NULL;
        const char *note = snapshot_result_note(c->result);
        if (note && !app->message)
            ui_app_set_message(app, false, note, NULL);
        bool head_shown = c->head.taken && util_streq(app->cached_account, c->snap.account_id);
        if (c->result == SNAPSHOT_OK && cache_fits(app, c->snap.account_id, head_shown))
            show_cached(app, c->snap.account_id, c->snap.saved_at, &c->snap.accounts, &c->rows,
                        0);
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
    c->worker = app->worker;
    pthread_mutex_init(&c->lock, NULL);
    c->job.run = read_run;
    c->job.done = read_done;
    c->job.destroy = read_destroy;
    app->cache_job = ui_app_submit(app, &c->job);
    if (app->cache_job)
        app->cache_read = c;
    else
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

/* ---- writing a list the store took as it arrived ---- */

void ui_cache_rows_free(struct ui_cache_rows *k)
{
    for (size_t i = 0; i < k->nblocks; i++)
        row_slab_release(k->blocks[i]);
    free(k->blocks);
    free(k->recs);
    row_slab_writer_end(&k->copies);
    memset(k, 0, sizeof(*k));
}

/* Holds a reference to block (rows come block by block: one per run of them). */
static void keep_block(struct ui_cache_rows *k, struct row_slab *block)
{
    if (k->nblocks > 0 && k->blocks[k->nblocks - 1] == block)
        return;
    if (k->nblocks == k->blocks_cap) {
        k->blocks_cap = k->blocks_cap ? 2 * k->blocks_cap : 16;
        k->blocks = xrealloc(k->blocks, k->blocks_cap * sizeof(*k->blocks));
    }
    row_slab_retain(block);
    k->blocks[k->nblocks++] = block;
}

void ui_cache_rows_reserve(struct ui_cache_rows *k, size_t n)
{
    void *recs = k->cap < n ? util_try_realloc_array(k->recs, n, sizeof(*k->recs)) : NULL;

    if (recs) { /* else the records grow as before: the hint is only a hint */
        k->recs = recs;
        k->cap = n;
    }
}

void ui_cache_rows_add(struct ui_cache_rows *k, const struct invitation *inv)
{
    struct invitation rec;

    bool grown = k->n == k->cap;

    if (grown) {
        k->cap = k->cap ? 2 * k->cap : 1024;
        k->recs = xrealloc(k->recs, k->cap * sizeof(*k->recs));
    }
    util_populate_ahead(k->recs, k->n, k->cap, sizeof(*k->recs), grown);
    if (invitation_record_in_slab(inv)) {
        /* The record points into the row's block, which k keeps: no copy of the row and no
         * reference taken and dropped per row (an atomic both readers' blocks share). */
        keep_block(k, inv->slab);
        snapshot_rec_of(&k->recs[k->n++], inv);
        return;
    }
    /* A shared record, or a copy in our own block: either way a block holds its strings. */
    invitation_record_share(&rec, inv, &k->copies);
    if (rec.slab)
        keep_block(k, rec.slab);
    snapshot_rec_of(&k->recs[k->n++], &rec);
    invitation_free(&rec); /* its reference goes; ours stays */
}

void ui_cache_rows_write(struct ui_cache_write *w, struct ui_cache_rows *k)
{
    if (!w)
        return;
#ifdef HAVE_MALLOC_TRIM
    /* What the load freed goes back first, so that it and the sort's room do not add up
     * at the load's peak. */
    malloc_trim(0);
#endif
    snapshot_recs_sort(k->recs, k->n);
    w->snap.recs = k->recs;
    w->snap.nrecs = k->n;
    /* A cache that cannot be written only means a slower next start. */
    (void)snapshot_save(w->dir, w->path, &w->snap);
    w->snap.recs = NULL;
    w->snap.nrecs = 0;
}
