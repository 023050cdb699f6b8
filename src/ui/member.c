#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invitui/action.h"
#include "invitui/i18n.h"
#include "invitui/ui_actions.h"
#include "invitui/ui_app.h"
#include "invitui/ui_group_names.h"
#include "invitui/worker.h"

/* Fixing a wrong invitation without a new one (#13): e changes the groups
 * of someone who has not accepted yet, D removes someone from the account.
 * Each asks first -- the question names what changes or is lost, every
 * group by name -- and sends one request through the worker; the attempt
 * is journaled and never retried (the user may ask again once they know). */

/* ---- the group change typed on the `:` line ---- */

/* A group named in `:groups`: its name in any case, or its id. */
static const char *group_id_of(const struct group_list *groups, const char *word)
{
    for (size_t i = 0; groups && i < groups->n; i++)
        if (util_streq(groups->v[i].id, word))
            return groups->v[i].id;
    for (size_t i = 0; groups && i < groups->n; i++)
        if (groups->v[i].name && strcasecmp(groups->v[i].name, word) == 0)
            return groups->v[i].id;
    return NULL;
}

/* The end of the item that starts at p: group names may hold spaces, so an
 * item ends where the next one starts (" +" or " -"), or at the end. */
static size_t item_len(const char *p)
{
    size_t len = 0;

    while (p[len] && !(len && p[len] == ' ' && (p[len + 1] == '+' || p[len + 1] == '-')))
        len++;
    while (len && p[len - 1] == ' ')
        len--;
    return len;
}

/* "+name -name", a bare name adding: 0, or -1 with the status line
 * saying which name is no group of the account. */
static int parse_change(struct ui_app *app, const char *text, struct strvec *add,
                        struct strvec *remove)
{
    const struct group_list *groups = ui_group_names_list(app, ui_list_account_id(app));
    int rc = 0;

    for (const char *p = text + strspn(text, " \t"); *p && rc == 0; p += strspn(p, " \t")) {
        size_t len = item_len(p);
        char *w = xstrndup(p, len);
        p += len;
        bool out = *w == '-';
        const char *name = *w == '+' || *w == '-' ? w + 1 : w;
        const char *id = group_id_of(groups, name);
        if (!id) {
            char *msg = xasprintf(_("No group of the account is called \"%s\" (Tab completes)."),
                                  name);
            ui_app_set_message(app, true, msg, NULL);
            free(msg);
            rc = -1;
        } else if (!strvec_contains(out ? remove : add, id)) {
            strvec_push(out ? remove : add, id);
        }
        free(w);
    }
    if (rc == 0 && !add->n && !remove->n) {
        ui_app_set_message(app, true, _("Name a group to add (+name) or remove (-name)."), NULL);
        rc = -1;
    }
    return rc;
}

/* The question: what changes (or what is lost), the account and profile,
 * the ticket and the keys. */
void ui_member_confirm_text(struct ui_app *app, struct strbuf *text)
{
    struct ui_actions *a = app->actions;
    const struct invitation *inv = store_find(app->store, ui_list_account_id(app), a->target_id);
    const struct account *acc = ui_current_account(app);
    struct action_scope scope = {app->session.profile, app->session.ops, ui_list_account_id(app),
                                 acc ? acc->name : NULL};
    struct group_change change = {&a->group_add, &a->group_remove};
    enum inv_action action = a->cmd == UI_CMD_GROUPS ? INV_ACTION_GROUPS : INV_ACTION_REMOVE;

    if (!inv)
        return;
    if (action == INV_ACTION_GROUPS) {
        struct strbuf q;
        strbuf_init(&q);
        action_groups_question(&q, inv->email ? inv->email : inv->name, &change);
        ui_group_names_apply(app, ui_list_account_id(app), q.data, text);
        strbuf_free(&q);
    } else {
        action_remove_question(text, app->session.ops, inv);
    }
    strbuf_puts(text, "\n\n");
    action_confirm_details(text, &scope, action, NULL);
    ui_actions_confirm_keys(app, text,
                            action == INV_ACTION_GROUPS ? _("y changes them, n or Esc cancels.")
                                                        : _("y removes them, n or Esc cancels."));
}

static void ask(struct ui_app *app)
{
    struct strbuf text;

    strbuf_init(&text);
    ui_member_confirm_text(app, &text);
    ui_app_set_message(app, false, NULL, NULL);
    app->hooks->confirm(app, text.data);
    strbuf_free(&text);
}

static void start(struct ui_app *app, enum ui_cmd cmd, const char *text)
{
    const struct invitation *inv = ui_selected_invitation(app);
    struct ui_actions *a = app->actions;
    char *why = ui_action_refusal(app, cmd);

    if (why) {
        ui_app_set_message(app, true, why, NULL);
        free(why);
        return;
    }
    if (cmd == UI_CMD_GROUPS && !text) {
        /* The names complete once the account's groups are here. */
        ui_group_names_want(app, ui_list_account_id(app));
        char *line = xasprintf("%s ", ui_command_info(UI_CMD_GROUPS)->name);
        app->hooks->input_command(app, line);
        free(line);
        return;
    }
    ui_actions_pending_clear(a);
    if (cmd == UI_CMD_GROUPS && parse_change(app, text, &a->group_add, &a->group_remove) < 0) {
        ui_actions_pending_clear(a);
        return;
    }
    a->cmd = cmd;
    a->target_id = xstrdup(inv->id);
    ask(app);
}

bool ui_member_command(struct ui_app *app, int cmd, const char *text)
{
    if (cmd != UI_CMD_GROUPS && cmd != UI_CMD_REMOVE)
        return false;
    start(app, (enum ui_cmd)cmd, text);
    return true;
}

/* ---- the request ---- */

struct member_job {
    struct job job;
    struct ui_app *app;
    const struct provider_ops *ops;
    const struct profile *profile;
    enum inv_action action;
    struct invitation target, result;
    struct strvec add, remove;
    char *journal_path;
    char *ticket;        /* the session's ticket reference, or NULL */
    char *journal_error; /* why the journal line could not be written, or NULL */
    int rc;
    struct api_error err;
};

static void member_job_free(struct member_job *j)
{
    invitation_free(&j->target);
    invitation_free(&j->result);
    strvec_free(&j->add);
    strvec_free(&j->remove);
    free(j->journal_path);
    free(j->ticket);
    free(j->journal_error);
    api_error_clear(&j->err);
    free(j);
}

static void member_job_destroy(struct job *job)
{
    member_job_free(JOB_CONTAINER(job, struct member_job, job));
}

static void member_job_run(struct job *job, void *thread_ctx, const atomic_int *cancel)
{
    struct member_job *j = JOB_CONTAINER(job, struct member_job, job);
    struct provider_ctx ctx = {.profile = j->profile, .http = thread_ctx, .cancel = cancel};
    struct group_change change = {&j->add, &j->remove};
    struct action_scope scope = {j->profile, j->ops, j->target.account_id, NULL};
    struct journal_entry e;
    char *text = NULL;

    if (!thread_ctx)
        j->rc = api_error_set(&j->err, API_ERR_NETWORK, "%s", _("could not create an HTTP client"));
    else if (j->action == INV_ACTION_GROUPS)
        j->rc = action_change_groups(&ctx, j->ops, &j->target, &change, &j->result, &j->err);
    else
        j->rc = action_remove(&ctx, j->ops, &j->target, &j->err);
    action_journal_entry(&e, &scope, j->action, &j->target, NULL);
    e.ticket = j->ticket;
    if (j->action == INV_ACTION_GROUPS)
        e.change = text = action_group_change_text(&change);
    j->journal_error = action_journal(j->journal_path, &e, j->rc, &j->err);
    free(text);
}

static void member_job_done(struct job *job)
{
    struct member_job *j = JOB_CONTAINER(job, struct member_job, job);
    struct ui_app *app = j->app;
    /* The status line makes it display-safe. */
    const char *who = j->target.email ? j->target.email : j->target.id;
    char *msg = NULL;

    if (j->rc < 0) {
        ui_data_show_error(app, &j->err, j->action == INV_ACTION_GROUPS
                                             ? _("The groups were not changed")
                                             : _("Not removed"));
    } else if (j->action == INV_ACTION_GROUPS) {
        msg = xasprintf(_("Groups changed for %s."), who);
        store_upsert_invitation(app->store, &j->result);
        ui_app_mark(app, UI_DIRTY_DATA | UI_DIRTY_DETAIL);
    } else {
        msg = xasprintf(_("Removed %s from the account."), who);
        /* The row is gone on the server: the list says what is left. */
        ui_data_load_invitations(app);
    }
    if (msg)
        ui_app_set_message(app, false, msg, NULL);
    if (j->journal_error)
        ui_app_note_error(app, j->journal_error, NULL);
    free(msg);
    member_job_free(j);
}

void ui_member_submit(struct ui_app *app)
{
    struct ui_actions *a = app->actions;
    const struct invitation *inv = store_find(app->store, ui_list_account_id(app), a->target_id);

    if (!inv) {
        ui_app_set_message(app, true, _("The invitation is no longer in the list."), NULL);
        return;
    }
    struct member_job *j = xcalloc(1, sizeof(*j));
    j->job.run = member_job_run;
    j->job.done = member_job_done;
    j->job.destroy = member_job_destroy;
    j->app = app;
    j->ops = app->session.ops;
    j->profile = app->session.profile;
    j->action = a->cmd == UI_CMD_GROUPS ? INV_ACTION_GROUPS : INV_ACTION_REMOVE;
    invitation_copy(&j->target, inv);
    for (size_t i = 0; i < a->group_add.n; i++)
        strvec_push(&j->add, a->group_add.v[i]);
    for (size_t i = 0; i < a->group_remove.n; i++)
        strvec_push(&j->remove, a->group_remove.v[i]);
    j->journal_path = xstrdup_or_null(a->journal_path);
    j->ticket = xstrdup_or_null(a->ticket);
    api_error_init(&j->err);
    if (ui_app_submit(app, &j->job) == 0) {
        member_job_free(j);
        return;
    }
    ui_app_set_message(app, false, _("Sending\xe2\x80\xa6"), NULL);
}
