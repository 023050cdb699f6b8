#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/json_pack.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_app.h"
#include "invitui/ui_group_names.h"
#include "invitui/worker.h"

/* The helpdesk's questions about one invitation (#13): "will they be able to
 * do X, and through what?" (w) and "send it again as it was" (C). The
 * explainer learns role bundles from every invitation of the account, which
 * means reading every raw object: that is done in the worker, on a copy of
 * the account's invitations, and only the answer's text comes back. Where
 * the account's groups say what they give (the Marketplace's modules), the
 * job takes the groups already loaded for the account (ui_group_names) or,
 * while they are not, reads them itself, in the worker too. */

/* ---- reissue ---- */

static bool has_role(const struct create_request *req, const char *role)
{
    for (size_t i = 0; i < req->nassignments; i++)
        if (util_streq(req->assignments[i].role_key, role))
            return true;
    return false;
}

static void add_role(struct create_request *req, const char *role)
{
    if (!role || has_role(req, role))
        return;
    req->assignments =
        xrealloc(req->assignments, (req->nassignments + 1) * sizeof(*req->assignments));
    req->assignments[req->nassignments++] = (struct create_assignment){.role_key = xstrdup(role)};
}

void ui_reissue_open(struct ui_app *app, const char *id, const char *role)
{
    const struct provider_ops *ops = app->session_ok ? app->session.ops : NULL;
    const struct invitation *inv =
        app->store && id ? store_find(app->store, ui_list_account_id(app), id) : NULL;
    struct create_request req = {0};
    char *why = ui_action_refusal(app, UI_CMD_CREATE);

    if (why) {
        ui_app_set_message(app, true, why, NULL);
        free(why);
        return;
    }
    if (!inv) {
        ui_app_set_message(app, true, _("No invitation is selected."), NULL);
        return;
    }
    if (!ops->reissue_request) {
        ui_app_set_message(app, true, _("this provider cannot reissue"), NULL);
        return;
    }
    if (ops->reissue_request(inv, &req) < 0) {
        ui_app_set_message(app, true, _("the invitation's object cannot be read to reissue it"),
                           NULL);
        create_request_free(&req);
        return;
    }
    add_role(&req, role);
    app->hooks->create_open_from(app, &req);
    create_request_free(&req);
}

/* ---- the explainer ---- */

struct explain_job {
    struct job job;
    struct ui_app *app;
    const struct provider_ops *ops;
    struct invitation_list all; /* ui_explain_rows_copy's */
    char *strings;
    struct invitation target;
    char *cap;
    int rc;
    struct api_error err;
    struct strbuf text;
    char *role; /* the smallest role that would grant it, or NULL */
    const struct profile *profile;
    struct group_list groups; /* the account's groups, when loaded already */
    bool have_groups;
    char *account_id;
    bool groups_unread; /* reading them failed: the answer says so */
    char *group; /* the smallest group that would give it (its name, else id), or NULL */
};

static void explain_job_free(struct explain_job *j)
{
    ui_explain_rows_free(&j->all, j->strings);
    invitation_free(&j->target);
    free(j->cap);
    api_error_clear(&j->err);
    strbuf_free(&j->text);
    free(j->role);
    group_list_free(&j->groups);
    free(j->account_id);
    free(j->group);
    free(j);
}

static void explain_job_destroy(struct job *job)
{
    explain_job_free(JOB_CONTAINER(job, struct explain_job, job));
}

/* The account's groups into rb: the copy taken on the UI thread, or read
 * here when there was none (still loading, or the load failed), their
 * names made display-safe as they arrive. */
static void learn_groups(struct explain_job *j, void *thread_ctx, const atomic_int *cancel,
                         struct role_bundles *rb)
{
    struct provider_ctx ctx = {.profile = j->profile, .http = thread_ctx, .cancel = cancel};
    struct api_error err;

    if (!j->ops->group_grants)
        return;
    api_error_init(&err);
    if (!j->have_groups && thread_ctx && j->ops->list_groups &&
        j->ops->list_groups(&ctx, j->account_id, &j->groups, &err) == 0) {
        ui_group_names_make_safe(&j->groups);
        j->have_groups = true;
    }
    api_error_clear(&err);
    action_learn_groups(j->ops, j->have_groups ? &j->groups : NULL, rb);
    j->groups_unread = !j->have_groups;
}

/* The group a group change would add: by the name the account shows
 * (what `:groups +name` takes), else by its id. */
static char *offered_group(const struct explain_job *j, const struct explain_answer *a)
{
    const struct group_bundle *g = a->suggest_groups[0];

    if (action_refusal(j->ops, &j->target, INV_ACTION_GROUPS, time(NULL)))
        return NULL;
    /* Both display-safe already: ui_group_names made them so. */
    return xstrdup(!util_str_empty(g->name) ? g->name : g->group_id);
}

static void explain_job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct explain_job *j = JOB_CONTAINER(job, struct explain_job, job);
    struct role_bundles rb = {0};
    struct explain_owned subject;
    struct explain_answer a;

    action_learn_bundles(j->ops, &j->all, &rb);
    learn_groups(j, thread_ctx, cancel, &rb);
    j->rc = action_explain(j->ops, &rb, &j->target, j->cap, &subject, &a, &j->err);
    if (j->rc == 0) {
        action_explain_text(&j->text, &j->target, j->cap, &a);
        if (!a.granted && a.n_suggest)
            j->role = xstrdup(a.suggest[0]->role_key);
        if (!a.granted && a.n_suggest_groups)
            j->group = offered_group(j, &a);
    }
    explain_owned_free(&subject);
    role_bundles_free(&rb);
}

static void explain_job_done(struct job *job)
{
    struct explain_job *j = JOB_CONTAINER(job, struct explain_job, job);
    struct ui_app *app = j->app;

    if (!job->ran || job->cancelled) {
        explain_job_free(j);
        return;
    }
    ui_app_set_message(app, false, NULL, NULL);
    if (j->rc < 0) {
        ui_data_show_error(app, &j->err, _("Cannot explain"));
    } else {
        /* TRANSLATORS: the title of the explainer's answer (w). */
        app->hooks->explain(app, _("Will they have it?"), j->text.data, j->target.id, j->role,
                            j->group);
        if (j->groups_unread)
            ui_app_set_message(app, true,
                               _("The account's groups could not be read: which group gives "
                                 "what is unknown."),
                               NULL);
    }
    explain_job_free(j);
}

static void copy_groups(struct group_list *to, const struct group_list *from, bool *have)
{
    *have = from != NULL;
    for (size_t i = 0; from && i < from->n; i++) {
        const struct group *f = &from->v[i];
        struct group g = {.id = xstrdup_or_null(f->id), .name = xstrdup_or_null(f->name)};
        for (size_t k = 0; k < f->grants.n; k++) {
            strvec_push(&g.grants, f->grants.v[k]);
            strvec_push(&g.grant_names, k < f->grant_names.n ? f->grant_names.v[k] : "");
        }
        group_list_push(to, &g);
    }
}

static char *put(char **at, const char *s)
{
    char *start = *at;
    size_t len = strlen(s) + 1;

    memcpy(start, s, len);
    *at += len;
    return start;
}

/* A packed object in the block, 8-byte aligned as its struct wants. */
static struct json_packed *put_packed(char **at, const struct json_packed *p)
{
    struct json_packed *start;

    *at += (8 - (uintptr_t)*at % 8) % 8;
    start = (struct json_packed *)(void *)*at;
    memcpy(start, p, sizeof(*p) + p->len);
    *at += sizeof(*p) + p->len;
    return start;
}

static size_t row_size(const struct invitation *inv)
{
    size_t size = strlen(inv->id ? inv->id : "") + 1;

    if (inv->packed)
        return size + 7 + sizeof(*inv->packed) + inv->packed->len;
    return size + strlen(inv->raw ? inv->raw : "") + 1;
}

/* The strings in one block: one allocation, not three per row, keeps the
 * copy on the UI thread short on a large account. */
void ui_explain_rows_copy(struct ui_app *app, const char *account_id, struct invitation_list *all,
                          char **strings)
{
    size_t n = store_invitation_count(app->store, account_id), size = 1;

    for (size_t i = 0; i < n; i++)
        size += row_size(store_invitation_at(app->store, account_id, i));
    char *at = *strings = xmalloc(size);
    all->v = xcalloc(n + 1, sizeof(*all->v));
    all->n = all->cap = n;
    for (size_t i = 0; i < n; i++) {
        const struct invitation *inv = store_invitation_at(app->store, account_id, i);
        all->v[i].id = put(&at, inv->id ? inv->id : "");
        if (inv->packed)
            all->v[i].packed = put_packed(&at, inv->packed);
        else
            all->v[i].raw = put(&at, inv->raw ? inv->raw : "");
        all->v[i].status = inv->status;
    }
}

void ui_explain_rows_free(struct invitation_list *all, char *strings)
{
    free(all->v); /* its strings are in strings */
    free(strings);
    *all = (struct invitation_list){0};
}

static void explain_start(struct ui_app *app, const struct invitation *inv, const char *cap)
{
    struct explain_job *j = xcalloc(1, sizeof(*j));

    j->job.run = explain_job_run;
    j->job.done = explain_job_done;
    j->job.destroy = explain_job_destroy;
    j->app = app;
    j->ops = app->session.ops;
    j->cap = xstrdup(cap);
    api_error_init(&j->err);
    strbuf_init(&j->text);
    invitation_copy(&j->target, inv);
    j->profile = app->session.profile;
    j->account_id = xstrdup(ui_list_account_id(app));
    copy_groups(&j->groups, ui_group_names_loaded(app, j->account_id), &j->have_groups);
    ui_explain_rows_copy(app, j->account_id, &j->all, &j->strings);
    if (ui_app_submit(app, &j->job) == 0) {
        explain_job_free(j);
        return;
    }
    ui_app_set_message(app, false, _("Working it out\xe2\x80\xa6"), NULL);
}

/* w asks for the capability on the `:` line (Tab completes the keys the
 * account's invitations show); `:explain CAP` answers. */
static void explain(struct ui_app *app, const char *text)
{
    const struct invitation *inv = ui_selected_invitation(app);

    if (!inv) {
        ui_app_set_message(app, true, _("No invitation is selected."), NULL);
        return;
    }
    if (!app->session.ops->explain_subject) {
        ui_app_set_message(app, true, _("this provider's invitations carry no capability keys"),
                           NULL);
        return;
    }
    if (!text) {
        /* Tab completes from them where groups say what they give. */
        if (app->session.ops->group_grants)
            ui_group_names_want(app, ui_list_account_id(app));
        char *line = xasprintf("%s ", ui_command_info(UI_CMD_EXPLAIN)->name);
        app->hooks->input_command(app, line);
        free(line);
        return;
    }
    if (util_str_empty(text)) {
        const char *prompt = app->session.ops->explain_prompt;
        ui_app_set_message(app, true,
                           prompt ? _(prompt) : _("Name a capability key (Tab completes)."), NULL);
        return;
    }
    explain_start(app, inv, text);
}

bool ui_answers_command(struct ui_app *app, enum ui_cmd cmd, const char *text)
{
    const struct invitation *inv;

    switch (cmd) {
    case UI_CMD_EXPLAIN:
        if (!app->store || !ui_list_account_id(app))
            ui_app_set_message(app, true, _("Open an account first."), NULL);
        else
            explain(app, text);
        return true;
    case UI_CMD_CAN:
        ui_can_command(app, text);
        return true;
    case UI_CMD_REISSUE:
        inv = ui_selected_invitation(app);
        ui_reissue_open(app, inv ? inv->id : NULL, NULL);
        return true;
    default:
        return ui_member_command(app, cmd, text);
    }
}
