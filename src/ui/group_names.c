#include "config.h"

#include "invitui/ui_group_names.h"

#include <stdlib.h>
#include <string.h>

#include "invitui/i18n.h"
#include "invitui/provider.h"
#include "invitui/sanitize.h"
#include "invitui/ui_app.h"
#include "invitui/worker.h"

/* One account's groups as one profile sees them. A failed load is kept as
 * an empty list: ids are shown, and R does not hammer the server for names. */
struct names_entry {
    char *key; /* "profile\naccount" */
    struct group_list groups; /* names display-safe */
    bool loading;
    bool failed; /* kept empty: ids are shown, the explainer reads them itself */
    struct names_entry *next;
};

static struct names_entry *entries;
static unsigned long generation; /* a reset orphans the jobs in flight */

struct names_job {
    struct job job;
    const struct provider_ops *ops;
    const struct profile *profile;
    char *account_id, *key;
    unsigned long generation;
    int rc;
    struct api_error err;
    struct group_list groups;
    struct ui_app *app;
};

static char *key_of(const struct ui_app *app, const char *account_id)
{
    return xasprintf("%s\n%s", app->session.profile ? app->session.profile->name : "",
                     account_id);
}

static struct names_entry *find(const char *key)
{
    for (struct names_entry *e = entries; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

static void names_job_free(struct names_job *j)
{
    free(j->account_id);
    free(j->key);
    api_error_clear(&j->err);
    group_list_free(&j->groups);
    free(j);
}

static void names_job_destroy(struct job *job)
{
    names_job_free(JOB_CONTAINER(job, struct names_job, job));
}

static void names_job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct names_job *j = JOB_CONTAINER(job, struct names_job, job);
    struct provider_ctx ctx = {.profile = j->profile, .http = thread_ctx, .cancel = cancel};

    if (!thread_ctx)
        j->rc = api_error_set(&j->err, API_ERR_NETWORK, "%s", _("could not create an HTTP client"));
    else
        j->rc = j->ops->list_groups(&ctx, j->account_id, &j->groups, &j->err);
}

static void names_job_done(struct job *job)
{
    struct names_job *j = JOB_CONTAINER(job, struct names_job, job);
    struct names_entry *e = j->generation == generation ? find(j->key) : NULL;

    if (e) {
        e->loading = false;
        e->failed = job->cancelled || j->rc != 0;
        if (!e->failed) {
            /* Sanitised once here, at ingress: drawn as they are later. */
            ui_group_names_make_safe(&j->groups);
            e->groups = j->groups;
            memset(&j->groups, 0, sizeof(j->groups));
        }
        /* The tree holds ids where names can go now: build it again. */
        ui_app_mark(j->app, UI_DIRTY_DETAIL | UI_DIRTY_NAMES);
    }
    names_job_free(j);
}

static void make_safe(char **s)
{
    char *raw = *s;
    char *safe = raw ? sanitize_display(raw, strlen(raw), 0) : NULL;

    free(raw);
    *s = safe;
}

void ui_group_names_make_safe(struct group_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        make_safe(&l->v[i].id); /* a real id is unchanged; one with controls is no id */
        make_safe(&l->v[i].name);
        for (size_t k = 0; k < l->v[i].grant_names.n; k++)
            make_safe(&l->v[i].grant_names.v[k]);
    }
}

void ui_group_names_want(struct ui_app *app, const char *account_id)
{
    if (!account_id || !app->worker || !app->session.ops || !app->session.ops->list_groups)
        return;
    char *key = key_of(app, account_id);
    if (find(key)) {
        free(key);
        return;
    }
    struct names_entry *e = xcalloc(1, sizeof(*e));
    e->key = xstrdup(key);
    e->loading = true;
    e->next = entries;
    entries = e;

    struct names_job *j = xcalloc(1, sizeof(*j));
    j->job.run = names_job_run;
    j->job.done = names_job_done;
    j->job.destroy = names_job_destroy;
    j->ops = app->session.ops;
    j->profile = app->session.profile;
    j->account_id = xstrdup(account_id);
    j->key = key;
    j->generation = generation;
    j->app = app;
    api_error_init(&j->err);
    worker_submit(app->worker, &j->job);
}

const char *ui_group_name(const struct ui_app *app, const char *account_id,
                          const char *group_id)
{
    if (!account_id || !group_id)
        return NULL;
    char *key = key_of(app, account_id);
    const struct names_entry *e = find(key);
    free(key);
    for (size_t i = 0; e && i < e->groups.n; i++)
        if (util_streq(e->groups.v[i].id, group_id) && !util_str_empty(e->groups.v[i].name))
            return e->groups.v[i].name;
    return NULL;
}

const struct group_list *ui_group_names_list(const struct ui_app *app, const char *account_id)
{
    char *key = account_id ? key_of(app, account_id) : NULL;
    const struct names_entry *e = key ? find(key) : NULL;

    free(key);
    return e && !e->loading ? &e->groups : NULL;
}

const struct group_list *ui_group_names_loaded(const struct ui_app *app, const char *account_id)
{
    char *key = account_id ? key_of(app, account_id) : NULL;
    const struct names_entry *e = key ? find(key) : NULL;

    free(key);
    return e && !e->loading && !e->failed ? &e->groups : NULL;
}

void ui_group_names_apply(const struct ui_app *app, const char *account_id, const char *text,
                          struct strbuf *out)
{
    char *key = account_id ? key_of(app, account_id) : NULL;
    const struct names_entry *e = key ? find(key) : NULL;
    const char *s = text ? text : "";

    free(key);
    while (*s) {
        size_t best = 0;
        const struct group *hit = NULL;
        for (size_t i = 0; e && i < e->groups.n; i++) {
            const struct group *g = &e->groups.v[i];
            size_t len = g->id ? strlen(g->id) : 0;
            if (len && !util_str_empty(g->name) && strncmp(s, g->id, len) == 0 && len > best) {
                best = len;
                hit = g;
            }
        }
        if (hit) {
            strbuf_puts(out, hit->name);
            s += best;
        } else {
            strbuf_putc(out, *s++);
        }
    }
}

void ui_group_names_reset(void)
{
    while (entries) {
        struct names_entry *e = entries;
        entries = e->next;
        free(e->key);
        group_list_free(&e->groups);
        free(e);
    }
    generation++;
}
