#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/sanitize.h"
#include "invitui/ui_app.h"
#include "invitui/worker.h"

/* `:can CAPABILITY` (#13's "who can do X"): the list narrowed to the
 * invitations that will grant it, each with the path it comes through,
 * decided as `invitui list --can` decides (the action core's explainer).
 * Learning the bundles reads every raw object of the account, so it is
 * done in the worker on a copy, again whenever the account's collection
 * changes (a reload, an action's answer); the list filters by a lookup in
 * the answer, sorted by id. */

struct can_row {
    char *id;
    int via; /* enum explain_via, or -1: granted by nothing the assignments show */
    char *key; /* display-safe; NULL for ownership */
};

struct can_rows {
    struct can_row *v;
    size_t n, cap;
};

struct ui_can {
    char *cap;        /* the capability asked for; NULL: the filter is off */
    bool ready;       /* rows answer cap for account_id's collection at generation */
    bool announce;    /* the first answer for cap says so on the status line */
    char *account_id;
    unsigned long generation;
    struct can_rows rows;
    uint64_t job; /* in flight, 0: none */
};

struct can_job {
    struct job job;
    struct ui_app *app;
    const struct provider_ops *ops;
    struct invitation_list all; /* ui_explain_rows_copy's */
    char *strings;
    char *cap, *account_id;
    unsigned long generation;
    struct can_rows rows;
};

static void rows_free(struct can_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].key);
    }
    free(r->v);
    *r = (struct can_rows){0};
}

static int row_cmp(const void *a, const void *b)
{
    return strcmp(((const struct can_row *)a)->id, ((const struct can_row *)b)->id);
}

static void job_free(struct can_job *j)
{
    ui_explain_rows_free(&j->all, j->strings);
    free(j->cap);
    free(j->account_id);
    rows_free(&j->rows);
    free(j);
}

static void job_destroy(struct job *job)
{
    job_free(JOB_CONTAINER(job, struct can_job, job));
}

static void push_row(struct can_rows *r, const char *id, const struct explain_answer *a)
{
    const struct explain_path *p = a->n_paths ? &a->paths[action_explain_best_path(a)] : NULL;

    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
    }
    r->v[r->n++] = (struct can_row){
        .id = xstrdup(id),
        .via = p ? (int)p->via : -1,
        /* Read from the raw object here, in the worker: the UI's ingress. */
        .key = p && p->key ? sanitize_cstr(p->key, 0) : NULL,
    };
}

static void job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct can_job *j = JOB_CONTAINER(job, struct can_job, job);
    struct role_bundles rb = {0};
    struct api_error err;

    (void)thread_ctx;
    api_error_init(&err);
    action_learn_bundles(j->ops, &j->all, &rb);
    for (size_t i = 0; i < j->all.n && !job_cancel_requested(cancel); i++) {
        struct explain_owned subject;
        struct explain_answer a;
        /* An object that cannot be read grants nothing it could show. */
        if (action_explain(j->ops, &rb, &j->all.v[i], j->cap, &subject, &a, &err) == 0 &&
            a.granted)
            push_row(&j->rows, j->all.v[i].id, &a);
        explain_owned_free(&subject);
        api_error_clear(&err);
    }
    role_bundles_free(&rb);
    if (j->rows.n) /* qsort must not be given the NULL of an empty list */
        qsort(j->rows.v, j->rows.n, sizeof(*j->rows.v), row_cmp);
}

static const struct can_row *find_row(const struct ui_can *c, const char *id)
{
    struct can_row k = {.id = (char *)id};

    if (!c || !c->ready || !id || !c->rows.n)
        return NULL;
    return bsearch(&k, c->rows.v, c->rows.n, sizeof(*c->rows.v), row_cmp);
}

static bool keep(const struct invitation *inv, void *ctx)
{
    return find_row(ctx, inv->id) != NULL;
}

static void announce(struct ui_app *app, const struct ui_can *c)
{
    /* TRANSLATORS: the status line after `:can CAPABILITY`; %1$s is the
     * capability key, %2$zu how many invitations. `:can` is a command: do
     * not translate it. */
    /* The status line makes what was typed display-safe. */
    char *msg = xasprintf(_("Will have %1$s: %2$zu (:can alone shows all)"), c->cap, c->rows.n);
    ui_app_set_message(app, false, msg, NULL);
    free(msg);
}

static void can_clear(struct ui_app *app, struct ui_can *c);

static void job_done(struct job *job)
{
    struct can_job *j = JOB_CONTAINER(job, struct can_job, job);
    struct ui_can *c = j->app->can;

    /* A cleared filter, another capability or a newer reading: dropped. */
    if (!c || c->job != job->id) {
        job_free(j);
        return;
    }
    c->job = 0;
    if (!job->ran || job->cancelled) {
        /* Esc before the first answer: the user gave up on it. */
        if (!c->ready)
            can_clear(j->app, c);
        job_free(j);
        return;
    }
    rows_free(&c->rows);
    c->rows = j->rows;
    j->rows = (struct can_rows){0};
    free(c->account_id);
    c->account_id = xstrdup(j->account_id);
    c->generation = j->generation;
    c->ready = true;
    ui_list_set_keep(j->app, keep, c);
    if (c->announce)
        announce(j->app, c);
    c->announce = false;
    ui_app_mark(j->app, UI_DIRTY_DATA | UI_DIRTY_LAYOUT);
    job_free(j);
}

static void start(struct ui_app *app, struct ui_can *c)
{
    const char *account_id = ui_list_account_id(app);
    struct can_job *j = xcalloc(1, sizeof(*j));

    j->job.run = job_run;
    j->job.done = job_done;
    j->job.destroy = job_destroy;
    j->app = app;
    j->ops = app->session.ops;
    j->cap = xstrdup(c->cap);
    j->account_id = xstrdup(account_id);
    j->generation = store_generation(app->store, account_id);
    ui_explain_rows_copy(app, account_id, &j->all, &j->strings);
    ui_app_cancel_job(app, c->job);
    c->job = ui_app_submit(app, &j->job);
    if (!c->job)
        job_free(j);
}

static void can_clear(struct ui_app *app, struct ui_can *c)
{
    ui_app_cancel_job(app, c->job);
    c->job = 0;
    free(c->cap);
    c->cap = NULL;
    c->ready = false;
    rows_free(&c->rows);
    ui_list_set_keep(app, NULL, NULL);
    ui_app_mark(app, UI_DIRTY_DATA | UI_DIRTY_LAYOUT);
}

void ui_can_command(struct ui_app *app, const char *text)
{
    struct ui_can *c;

    if (util_str_empty(text)) {
        if (app->can && app->can->cap) {
            can_clear(app, app->can);
            ui_app_set_message(app, false, _("The can: filter is off."), NULL);
        } else {
            ui_app_set_message(app, true, _("Name a capability key (Tab completes)."), NULL);
        }
        return;
    }
    if (!app->store || !ui_list_account_id(app)) {
        ui_app_set_message(app, true, _("Open an account first."), NULL);
        return;
    }
    if (!app->session.ops->explain_subject) {
        ui_app_set_message(app, true, _("this provider's invitations carry no capability keys"),
                           NULL);
        return;
    }
    if (!app->can)
        app->can = xcalloc(1, sizeof(*app->can));
    c = app->can;
    can_clear(app, c);
    c->cap = xstrdup(text);
    c->announce = true;
    start(app, c);
    ui_app_set_message(app, false, _("Working it out\xe2\x80\xa6"), NULL);
}

void ui_can_refresh(struct ui_app *app)
{
    struct ui_can *c = app->can;
    const char *account_id = ui_list_account_id(app);

    if (!c || !c->cap || c->job || !app->store || !account_id ||
        !store_loaded(app->store, account_id))
        return;
    if (c->ready && util_streq(c->account_id, account_id) &&
        c->generation == store_generation(app->store, account_id))
        return;
    start(app, c);
}

const char *ui_can_capability(const struct ui_app *app)
{
    return app->can && app->can->ready ? app->can->cap : NULL;
}

bool ui_can_path(const struct ui_app *app, const struct invitation *inv, struct strbuf *out)
{
    const struct can_row *r = find_row(app->can, inv->id);

    if (!r)
        return false;
    strbuf_puts(out, r->via >= 0 ? action_explain_via_label((enum explain_via)r->via) : "-");
    /* A direct assignment's key is the capability asked for, which the
     * title shows: the room goes to the e-mail. */
    if (r->key && r->via != EXPLAIN_DIRECT)
        strbuf_printf(out, "  %s", r->key);
    return true;
}

void ui_can_free(struct ui_app *app)
{
    if (!app->can)
        return;
    if (app->list)
        ui_list_set_keep(app, NULL, NULL);
    free(app->can->cap);
    free(app->can->account_id);
    rows_free(&app->can->rows);
    free(app->can);
    app->can = NULL;
}
